/*
 * field-choice.c — the `choice` and `multichoice` types.  At this level a
 * choice is one trimmed line of text, and a multichoice its items split at
 * ',', '，' or '、', each trimmed, empty ones dropped, joined with ','.
 * Mapping a typed label to its code, ordering the codes as the list does and
 * refusing what is not on the list is the record layer's job
 * (record_parse_value), since only it knows the field's list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "util.h"

extern const struct field_type field_type_text;

static int
choice_parse(const char *in, char **out, char *err, size_t errlen)
{
	return field_type_text.parse(in, out, err, errlen);
}

/* Length of the separator at p (",", "，" or "、"), or 0. */
static size_t
multichoice_sep(const char *p)
{
	if (*p == ',')
		return 1;
	if (strncmp(p, "，", strlen("，")) == 0)
		return strlen("，");
	if (strncmp(p, "、", strlen("、")) == 0)
		return strlen("、");
	return 0;
}

static int
multichoice_parse(const char *in, char **out, char *err, size_t errlen)
{
	struct buf b = BUF_INIT;
	char *line, *item, *trimmed;
	const char *p, *start;
	size_t n;

	if (field_type_text.parse(in, &line, err, errlen) != 0)
		return -1;
	for (p = start = line;; p++) {
		n = *p == '\0' ? 1 : multichoice_sep(p);
		if (n == 0)
			continue;
		item = xstrndup(start, (size_t)(p - start));
		trimmed = str_trim(item);
		if (*trimmed != '\0') {
			if (b.len > 0)
				buf_addc(&b, ',');
			buf_adds(&b, trimmed);
		}
		free(trimmed);
		free(item);
		if (*p == '\0')
			break;
		p += n - 1;
		start = p + 1;
	}
	free(line);
	if (b.len == 0) {
		buf_free(&b);
		snprintf(err, errlen, "names no choice (separate choices with "
		    "',' or '、')");
		return -1;
	}
	*out = buf_steal(&b);
	return 0;
}

const struct field_type field_type_choice = {
	.name = "choice",
	.kind = FK_CHOICE,
	.flags = FT_CHOICES,
	.parse = choice_parse,
	.compare = NULL,
	.format = NULL,
};

const struct field_type field_type_multichoice = {
	.name = "multichoice",
	.kind = FK_MULTICHOICE,
	.flags = FT_CHOICES,
	.parse = multichoice_parse,
	.compare = NULL,
	.format = NULL,
};
