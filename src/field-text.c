/*
 * field-text.c — the `text` (one line) and `textarea` (several lines) types.
 * Canonical text is valid UTF-8, trimmed of leading and trailing white space;
 * text has no line breaks (a tab becomes a space), textarea keeps "\n" (CR LF
 * and lone CR become "\n").  Other control characters are refused.  The
 * types `choice`, `multichoice` and `ref` start from text's parse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "util.h"

static int
text_clean(const char *in, bool multiline, char **out, char *err,
    size_t errlen)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(in), bad, i, nchar = 0;

	if (!utf8_valid(in, len, &bad)) {
		snprintf(err, errlen, "is not valid UTF-8 text (bad byte 0x%02x "
		    "at byte %zu)", (unsigned char)in[bad], bad + 1);
		return -1;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if ((c & 0xc0) != 0x80)
			nchar++;
		if (c == '\r' || c == '\n') {
			if (!multiline) {
				buf_free(&b);
				snprintf(err, errlen, "must be a single line "
				    "(line break at character %zu)", nchar);
				return -1;
			}
			if (c == '\r' && in[i + 1] == '\n')
				i++;
			buf_addc(&b, '\n');
			continue;
		}
		if (c == '\t') {
			buf_addc(&b, multiline ? '\t' : ' ');
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			buf_free(&b);
			snprintf(err, errlen, "contains a control character "
			    "(U+%04X) at character %zu", c, nchar);
			return -1;
		}
		buf_addc(&b, (char)c);
	}
	*out = str_trim(buf_str(&b));
	buf_free(&b);
	return 0;
}

static int
text_parse(const char *in, char **out, char *err, size_t errlen)
{
	return text_clean(in, false, out, err, errlen);
}

static int
textarea_parse(const char *in, char **out, char *err, size_t errlen)
{
	return text_clean(in, true, out, err, errlen);
}

const struct field_type field_type_text = {
	.name = "text",
	.kind = FK_TEXT,
	.flags = FT_LENGTH,
	.parse = text_parse,
	.compare = NULL,
	.format = NULL,
};

const struct field_type field_type_textarea = {
	.name = "textarea",
	.kind = FK_TEXTAREA,
	.flags = FT_LENGTH | FT_MULTILINE,
	.parse = textarea_parse,
	.compare = NULL,
	.format = NULL,
};
