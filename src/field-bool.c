/*
 * field-bool.c — the `bool` type: "1" or "0".  Accepted input (any case,
 * full-width letters too): 1/0, y/n, yes/no, true/false, 是/否, 有/无, 对/错.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "util.h"

static const struct {
	const char	*word;
	const char	*canon;
} bool_words[] = {
	{ "1", "1" }, { "0", "0" },
	{ "y", "1" }, { "n", "0" },
	{ "yes", "1" }, { "no", "0" },
	{ "true", "1" }, { "false", "0" },
	{ "是", "1" }, { "否", "0" },
	{ "有", "1" }, { "无", "0" },
	{ "對", "1" }, { "無", "0" },
	{ "对", "1" }, { "错", "0" },
};

static int
bool_parse(const char *in, char **out, char *err, size_t errlen)
{
	char *k = norm_key(in);
	size_t i;

	for (i = 0; i < nitems(bool_words); i++) {
		if (strcmp(k, bool_words[i].word) == 0) {
			free(k);
			*out = xstrdup(bool_words[i].canon);
			return 0;
		}
	}
	free(k);
	snprintf(err, errlen, "'%.*s' is not yes or no (use 1/0, y/n, yes/no, "
	    "true/false, 是/否 or 有/无)", (int)utf8_fit(in, 40), in);
	return -1;
}

const struct field_type field_type_bool = {
	.name = "bool",
	.kind = FK_BOOL,
	.flags = 0,
	.parse = bool_parse,
	.compare = NULL,
	.format = NULL,
};
