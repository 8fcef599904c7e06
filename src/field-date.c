/*
 * field-date.c — the `date` type and today's date.  Accepted input:
 * 2026-01-05, 2026-1-5, 2026/1/5, 2026.1.5, 20260105 and 2026年1月5日, with
 * full-width digits allowed; the year is 1800..9999 and the date must exist
 * (leap years included).  The canonical form is YYYY-MM-DD, which orders
 * correctly as a string.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "field.h"
#include "util.h"

#define DATE_HINT "write it like 2026-01-05, 2026/1/5 or 2026年1月5日"

static int
date_mdays(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/* Read 1..max digits at *p into *v; returns the count read. */
static int
date_digits(const char **p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

/* Split k into year, month, day by one of the accepted shapes. */
static bool
date_split(const char *k, int *y, int *m, int *d)
{
	const char *p = k;
	char sep;

	if (strlen(k) == 8 && strspn(k, "0123456789") == 8) {
		date_digits(&p, 4, y);
		date_digits(&p, 2, m);
		date_digits(&p, 2, d);
		return true;
	}
	if (date_digits(&p, 4, y) != 4)
		return false;
	if (strncmp(p, "年", strlen("年")) == 0) {
		p += strlen("年");
		if (date_digits(&p, 2, m) == 0 ||
		    strncmp(p, "月", strlen("月")) != 0)
			return false;
		p += strlen("月");
		if (date_digits(&p, 2, d) == 0)
			return false;
		if (strncmp(p, "日", strlen("日")) == 0)
			p += strlen("日");
		else if (strncmp(p, "号", strlen("号")) == 0)
			p += strlen("号");
		return *p == '\0';
	}
	sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	p++;
	if (date_digits(&p, 2, m) == 0 || *p != sep)
		return false;
	p++;
	if (date_digits(&p, 2, d) == 0)
		return false;
	return *p == '\0';
}

static int
date_parse(const char *in, char **out, char *err, size_t errlen)
{
	char *k = norm_key(in), *s, *t;
	int y, m, d;

	/* Spaces carry no meaning in a date: "2026 年 1 月 5 日". */
	for (s = t = k; *s != '\0'; s++)
		if (*s != ' ')
			*t++ = *s;
	*t = '\0';
	if (!date_split(k, &y, &m, &d)) {
		snprintf(err, errlen, "'%.*s' is not a date (" DATE_HINT ")",
		    (int)utf8_fit(in, 40), in);
		free(k);
		return -1;
	}
	free(k);
	if (y < 1800) {
		snprintf(err, errlen, "year %04d is before 1800", y);
		return -1;
	}
	if (m < 1 || m > 12) {
		snprintf(err, errlen, "%04d-%02d-%02d is not a real date "
		    "(month %d does not exist)", y, m, d, m);
		return -1;
	}
	if (d < 1 || d > date_mdays(y, m)) {
		snprintf(err, errlen, "%04d-%02d-%02d is not a real date "
		    "(%04d-%02d has %d days)", y, m, d, y, m, date_mdays(y, m));
		return -1;
	}
	*out = xasprintf("%04d-%02d-%02d", y, m, d);
	return 0;
}

static int
date_compare(const char *a, const char *b)
{
	int c = strcmp(a, b);

	return c < 0 ? -1 : c > 0;
}

void
date_today(char out[11])
{
	const char *env = getenv("GRIDBOOK_TODAY");
	char err[128], *canon;
	struct tm tm;
	time_t now;

	if (env != NULL && *env != '\0' &&
	    date_parse(env, &canon, err, sizeof err) == 0) {
		memcpy(out, canon, 11);
		free(canon);
		return;
	}
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL)
		fatal("localtime failed");
	if (strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		fatal("today's date does not fit YYYY-MM-DD");
}

const struct field_type field_type_date = {
	.name = "date",
	.kind = FK_DATE,
	.flags = FT_ORDERED,
	.parse = date_parse,
	.compare = date_compare,
	.format = NULL,
};
