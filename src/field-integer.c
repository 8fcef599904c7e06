/*
 * field-integer.c — the `integer` type: an optional sign and digits that fit
 * a signed 64-bit integer.  Full-width digits and signs are accepted; the
 * canonical form has no '+' and no leading zeros ("0", "-12").  Values are
 * compared as numbers without converting them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "util.h"

#define INTEGER_MAX "9223372036854775807"
#define INTEGER_MIN "9223372036854775808"	/* magnitude of INT64_MIN */

static int
integer_parse(const char *in, char **out, char *err, size_t errlen)
{
	char *k = norm_key(in);
	const char *p = k, *digits;
	size_t n;
	bool neg = false;

	if (strncmp(p, "\xe2\x88\x92", 3) == 0) {	/* U+2212 minus sign */
		neg = true;
		p += 3;
	} else if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	digits = p;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == digits || *p != '\0') {
		snprintf(err, errlen, "'%.*s' is not a whole number (digits "
		    "with an optional sign, like 42 or -7)",
		    (int)utf8_fit(in, 40), in);
		free(k);
		return -1;
	}
	while (*digits == '0' && digits[1] != '\0')
		digits++;
	n = strlen(digits);
	if (n > 19 || (n == 19 && strcmp(digits,
	    neg ? INTEGER_MIN : INTEGER_MAX) > 0)) {
		snprintf(err, errlen, "%s%.*s%s is out of range (whole numbers go "
		    "from -" INTEGER_MIN " to " INTEGER_MAX ")", neg ? "-" : "",
		    n > 24 ? 20 : (int)n, digits, n > 24 ? "..." : "");
		free(k);
		return -1;
	}
	if (strcmp(digits, "0") == 0)
		neg = false;
	*out = xasprintf("%s%s", neg ? "-" : "", digits);
	free(k);
	return 0;
}

/* Canonical integers: sign, then length, then digits decide. */
static int
integer_compare(const char *a, const char *b)
{
	bool na = *a == '-', nb = *b == '-';
	size_t la, lb;
	int c;

	if (na != nb)
		return na ? -1 : 1;
	if (na) {
		a++;
		b++;
	}
	la = strlen(a);
	lb = strlen(b);
	if (la != lb)
		c = la < lb ? -1 : 1;
	else {
		c = strcmp(a, b);
		c = c < 0 ? -1 : c > 0;
	}
	return na ? -c : c;
}

const struct field_type field_type_integer = {
	.name = "integer",
	.kind = FK_INTEGER,
	.flags = FT_ORDERED,
	.parse = integer_parse,
	.compare = integer_compare,
	.format = NULL,
};
