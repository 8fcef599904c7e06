/*
 * field-phone.c — the `phone` type.  A mobile is 11 digits matching
 * ^1[3-9][0-9]{9}$ (a leading +86 is dropped); a landline is 0, a 2-3 digit
 * area code and 7-8 digits, stored "0AA(A)-NNNNNNN(N)".  Spaces, dashes and
 * brackets in the input are ignored, except that a dash typed right after a
 * 3-4 digit area code says where the area code ends; otherwise 010 and 02X
 * are the 3-digit area codes and all others have 4, as the numbering plan
 * has it.  Indexed also by the last 4 digits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "util.h"

#define PHONE_HINT "a mobile like 13812345678 or a landline like 0931-1234567"

static int
phone_parse(const char *in, char **out, char *err, size_t errlen)
{
	char *k = norm_key(in), *d;
	const char *p;
	size_t n, area = 0, i;

	/* Keep digits and dashes; note where a typed dash ends the area. */
	d = xmalloc(strlen(k) + 1);
	for (p = k, n = 0; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			d[n++] = *p;
		else if (*p == '-') {
			if (area == 0 && n >= 3 && n <= 4 && d[0] == '0')
				area = n;
		} else if (*p == '+' && n == 0 && p == k)
			continue;
		else if (*p != ' ' && *p != '(' && *p != ')') {
			snprintf(err, errlen, "'%.*s' is not a phone number (only "
			    "digits, spaces and '-' belong in one; " PHONE_HINT ")",
			    (int)utf8_fit(in, 40), in);
			free(d);
			free(k);
			return -1;
		}
	}
	d[n] = '\0';
	p = d;
	if (n == 13 && strncmp(p, "86", 2) == 0 && p[2] == '1') {
		p += 2;
		n -= 2;
	} else if (n == 15 && strncmp(p, "0086", 4) == 0 && p[4] == '1') {
		p += 4;
		n -= 4;
	}
	if (n == 0) {
		snprintf(err, errlen, "'%.*s' is not a phone number (" PHONE_HINT
		    ")", (int)utf8_fit(in, 40), in);
		goto fail;
	}
	if (p[0] == '1') {
		if (n != 11) {
			snprintf(err, errlen, "a mobile number has 11 digits, got "
			    "%zu", n);
			goto fail;
		}
		if (p[1] < '3') {
			snprintf(err, errlen, "a mobile number starts with 13 to "
			    "19, not %.2s", p);
			goto fail;
		}
		*out = xstrdup(p);
		goto done;
	}
	if (p[0] != '0') {
		snprintf(err, errlen, "'%.*s' lacks the area code (%s)",
		    (int)utf8_fit(in, 40), in, PHONE_HINT);
		goto fail;
	}
	if (p != d)
		area = 0;
	if (area == 0)
		area = strncmp(p, "010", 3) == 0 || strncmp(p, "02", 2) == 0 ?
		    3 : 4;
	if (n < area + 7 || n > area + 8) {
		snprintf(err, errlen, "a landline number is the area code "
		    "(%.*s) and 7 or 8 digits, got %zu", (int)(n < area ? n : area),
		    p, n > area ? n - area : 0);
		goto fail;
	}
	for (i = 0; i < n && p[i] == '0'; i++)
		;
	if (i > 1) {
		snprintf(err, errlen, "an area code starts with a single 0, "
		    "not %.*s", (int)i, p);
		goto fail;
	}
	*out = xasprintf("%.*s-%s", (int)area, p, p + area);
done:
	free(d);
	free(k);
	return 0;
fail:
	free(d);
	free(k);
	return -1;
}

const struct field_type field_type_phone = {
	.name = "phone",
	.kind = FK_PHONE,
	.flags = FT_LENGTH | FT_LAST4,
	.parse = phone_parse,
	.compare = NULL,
	.format = NULL,
};
