/*
 * field-ref.c — the `ref` type: the human id of a record of another form
 * ("HH-000231").  Here it is one trimmed line without inner spaces; whether
 * such a record exists is for the app layer, which can see the store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "util.h"

extern const struct field_type field_type_text;

static int
ref_parse(const char *in, char **out, char *err, size_t errlen)
{
	char *s;

	if (field_type_text.parse(in, &s, err, errlen) != 0)
		return -1;
	if (strchr(s, ' ') != NULL) {
		snprintf(err, errlen, "'%.*s' is not a record id (ids have no "
		    "spaces, like HH-000231)", (int)utf8_fit(s, 40), s);
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

const struct field_type field_type_ref = {
	.name = "ref",
	.kind = FK_REF,
	.flags = 0,
	.parse = ref_parse,
	.compare = NULL,
	.format = NULL,
};
