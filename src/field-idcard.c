/*
 * field-idcard.c — the `idcard` type: the 18-character resident ID number of
 * GB 11643-1999.  6-digit address code, birth date YYYYMMDD, 3-digit sequence
 * (odd: male), and a check character computed by ISO 7064 MOD 11-2.  Input
 * may use full-width digits, spaces, and a lower-case x; an old 15-digit
 * number (YYMMDD, no check) is converted by inserting "19" and computing the
 * check.  The birth date must be real, not before 1880 and not in the future
 * (date_today, so $GRIDBOOK_TODAY fixes it in tests).  Indexed also by the
 * last 4 characters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "util.h"

static const int idcard_weights[17] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};

char
idcard_check_char(const char *digits17)
{
	int i, s = 0;

	for (i = 0; i < 17; i++)
		s += (digits17[i] - '0') * idcard_weights[i];
	return "10X98765432"[s % 11];
}

int
idcard_sex(const char *id18)
{
	if (strlen(id18) != 18 || id18[16] < '0' || id18[16] > '9')
		return 0;
	return (id18[16] - '0') % 2 == 1 ? 1 : 2;
}

void
idcard_birth(const char *id18, char out[11])
{
	if (strlen(id18) < 14) {
		out[0] = '\0';
		return;
	}
	memcpy(out, id18 + 6, 4);
	out[4] = '-';
	memcpy(out + 5, id18 + 10, 2);
	out[7] = '-';
	memcpy(out + 8, id18 + 12, 2);
	out[10] = '\0';
}

char *
idcard_mask(const char *s)
{
	struct buf b = BUF_INIT;
	size_t nch = utf8_chars(s), i = 0, len = strlen(s), n, k;
	uint32_t cp;

	if (nch <= 10)
		return xstrdup(s);
	for (k = 0; i < len; k++) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			n = 1;
		if (k < 6 || k >= nch - 4)
			buf_add(&b, s + i, n);
		else
			buf_addc(&b, '*');
		i += n;
	}
	return buf_steal(&b);
}

static bool
idcard_real_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return true;
}

/* Check the birth date at id+6 (YYYYMMDD). */
static int
idcard_check_birth(const char *id, char *err, size_t errlen)
{
	char today[11], birth[11];
	int y, m, d;

	y = (id[6] - '0') * 1000 + (id[7] - '0') * 100 + (id[8] - '0') * 10 +
	    (id[9] - '0');
	m = (id[10] - '0') * 10 + (id[11] - '0');
	d = (id[12] - '0') * 10 + (id[13] - '0');
	if (!idcard_real_date(y, m, d)) {
		snprintf(err, errlen, "birth date %.8s is not a real date",
		    id + 6);
		return -1;
	}
	if (y < 1880) {
		snprintf(err, errlen, "birth date %.8s is before 1880", id + 6);
		return -1;
	}
	date_today(today);
	idcard_birth(id, birth);
	if (strcmp(birth, today) > 0) {
		snprintf(err, errlen, "birth date %.8s is in the future", id + 6);
		return -1;
	}
	return 0;
}

/* The input with full-width digits and X made ASCII, x made X, and white
 * space dropped; other characters kept as typed for the message. */
static char *
idcard_normalise(const char *in)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(in), i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(in + i, len - i, &cp);
		if (n == 0) {
			buf_addc(&b, in[i++]);
			continue;
		}
		if (cp >= 0xff10 && cp <= 0xff19)
			buf_addc(&b, (char)('0' + (cp - 0xff10)));
		else if (cp == 'x' || cp == 0xff38 || cp == 0xff58)
			buf_addc(&b, 'X');
		else if (cp != ' ' && cp != '\t' && cp != 0x3000)
			buf_add(&b, in + i, n);
		i += n;
	}
	return buf_steal(&b);
}

static int
idcard_parse(const char *in, char **out, char *err, size_t errlen)
{
	char *k = idcard_normalise(in), *id;
	size_t len = strlen(k), i, nch, n;
	uint32_t cp;
	char want;

	for (i = 0, nch = 1; i < len; nch++) {
		n = utf8_decode(k + i, len - i, &cp);
		if (n == 0) {
			n = 1;
			cp = 0xfffd;
		}
		if (cp == 'X' && i == len - 1)
			break;
		if (cp == 'X') {
			snprintf(err, errlen, "X is only allowed as the last "
			    "character (found at character %zu)", nch);
			free(k);
			return -1;
		}
		if (cp == 0xfffd) {
			snprintf(err, errlen, "byte 0x%02x at character %zu is "
			    "not a digit", (unsigned char)k[i], nch);
			free(k);
			return -1;
		}
		if (cp < '0' || cp > '9') {
			snprintf(err, errlen, "'%.*s' at character %zu is not a "
			    "digit", (int)n, k + i, nch);
			free(k);
			return -1;
		}
		i += n;
	}
	if (len == 15) {
		if (k[14] == 'X') {
			snprintf(err, errlen, "an old 15-digit number has no "
			    "check character X");
			free(k);
			return -1;
		}
		id = xasprintf("%.6s19%.9s?", k, k + 6);
		free(k);
		if (idcard_check_birth(id, err, errlen) != 0) {
			free(id);
			return -1;
		}
		id[17] = idcard_check_char(id);
		*out = id;
		return 0;
	}
	if (len != 18) {
		snprintf(err, errlen, "18 digits expected, got %zu", len);
		free(k);
		return -1;
	}
	if (idcard_check_birth(k, err, errlen) != 0) {
		free(k);
		return -1;
	}
	want = idcard_check_char(k);
	if (k[17] != want) {
		snprintf(err, errlen, "check digit should be %c, not %c", want,
		    k[17]);
		free(k);
		return -1;
	}
	*out = k;
	return 0;
}

const struct field_type field_type_idcard = {
	.name = "idcard",
	.kind = FK_IDCARD,
	.flags = FT_LAST4,
	.parse = idcard_parse,
	.compare = NULL,
	.format = NULL,
};
