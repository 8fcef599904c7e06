/*
 * field-decimal.c — the `decimal` type: an optional sign, digits, and an
 * optional fraction ("3.5", "-0.25", "12").  Full-width digits, signs and
 * point are accepted, as are ".5" and "5.".  The canonical form has no '+',
 * no leading zeros before the point and no trailing zeros after it.  At most
 * 18 digits on each side of the point.  Values are compared digit by digit,
 * never through floating point.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "util.h"

#define DECIMAL_DIGITS 18

static int
decimal_parse(const char *in, char **out, char *err, size_t errlen)
{
	char *k = norm_key(in);
	const char *p = k, *ip, *fp = NULL;
	size_t il, fl = 0;
	bool neg = false;

	if (strncmp(p, "\xe2\x88\x92", 3) == 0) {	/* U+2212 minus sign */
		neg = true;
		p += 3;
	} else if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	ip = p;
	while (*p >= '0' && *p <= '9')
		p++;
	il = (size_t)(p - ip);
	if (*p == '.') {
		fp = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		fl = (size_t)(p - fp);
	}
	if (*p != '\0' || il + fl == 0) {
		snprintf(err, errlen, "'%.*s' is not a number (digits with an "
		    "optional sign and point, like 3.5 or -12)",
		    (int)utf8_fit(in, 40), in);
		free(k);
		return -1;
	}
	while (il > 1 && *ip == '0') {
		ip++;
		il--;
	}
	while (fl > 0 && fp[fl - 1] == '0')
		fl--;
	if (il > DECIMAL_DIGITS || fl > DECIMAL_DIGITS) {
		snprintf(err, errlen, "'%.*s' has too many digits (at most %d "
		    "before and %d after the point)", (int)utf8_fit(in, 40), in,
		    DECIMAL_DIGITS, DECIMAL_DIGITS);
		free(k);
		return -1;
	}
	if (il == 0) {
		ip = "0";
		il = 1;
	}
	if (fl == 0 && il == 1 && *ip == '0')
		neg = false;
	*out = xasprintf("%s%.*s%s%.*s", neg ? "-" : "", (int)il, ip,
	    fl > 0 ? "." : "", (int)fl, fl > 0 ? fp : "");
	free(k);
	return 0;
}

/* Compare the magnitudes of two canonical decimals without sign. */
static int
decimal_cmp_abs(const char *a, const char *b)
{
	size_t la = strcspn(a, "."), lb = strcspn(b, ".");
	int c;

	if (la != lb)
		return la < lb ? -1 : 1;
	c = strncmp(a, b, la);
	if (c != 0)
		return c < 0 ? -1 : 1;
	a += la;
	b += lb;
	if (*a == '.')
		a++;
	if (*b == '.')
		b++;
	while (*a != '\0' || *b != '\0') {
		char ca = *a != '\0' ? *a++ : '0';
		char cb = *b != '\0' ? *b++ : '0';

		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return 0;
}

static int
decimal_compare(const char *a, const char *b)
{
	bool na = *a == '-', nb = *b == '-';

	if (na != nb)
		return na ? -1 : 1;
	if (na)
		return -decimal_cmp_abs(a + 1, b + 1);
	return decimal_cmp_abs(a, b);
}

const struct field_type field_type_decimal = {
	.name = "decimal",
	.kind = FK_DECIMAL,
	.flags = FT_ORDERED,
	.parse = decimal_parse,
	.compare = decimal_compare,
	.format = NULL,
};
