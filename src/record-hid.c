/*
 * record-hid.c — human ids from a form's `id:` pattern (doc/forms-language.md,
 * "Human ids"): {seq} the counter, {seq:NN} zero-padded to NN digits (1..12),
 * {year}, {yy}, {month}, {grid}; other text copied.  A pattern with {year} or
 * {yy} uses one counter per year, keyed "FORM:YEAR"; otherwise one per form.
 * The loader has refused unknown placeholders; should one get here anyway it
 * is copied as text.
 */
#include <stdlib.h>
#include <string.h>

#include "record.h"

static bool
hid_has(const char *pattern, const char *ph)
{
	return pattern != NULL && strstr(pattern, ph) != NULL;
}

char *
record_seq_key(const struct form *form, int year)
{
	if (hid_has(form->id_pattern, "{year}") ||
	    hid_has(form->id_pattern, "{yy}"))
		return xasprintf("%s:%04d", form->name, year);
	return xstrdup(form->name);
}

char *
record_hid_format(const struct form *form, uint64_t seq, int year,
    int month, const char *grid)
{
	struct buf b = BUF_INIT;
	const char *p = form->id_pattern != NULL ? form->id_pattern : "{seq}";
	const char *end;
	size_t n;
	int width;

	while (*p != '\0') {
		if (*p != '{' || (end = strchr(p, '}')) == NULL) {
			buf_addc(&b, *p++);
			continue;
		}
		n = (size_t)(end - p + 1);
		if (n == 5 && strncmp(p, "{seq}", n) == 0)
			buf_addf(&b, "%llu", (unsigned long long)seq);
		else if (n == 8 && strncmp(p, "{seq:", 5) == 0 &&
		    p[5] >= '0' && p[5] <= '9' && p[6] >= '0' && p[6] <= '9' &&
		    (width = (p[5] - '0') * 10 + (p[6] - '0')) >= 1 &&
		    width <= 12)
			buf_addf(&b, "%0*llu", width, (unsigned long long)seq);
		else if (n == 7 && strncmp(p, "{seq:", 5) == 0 &&
		    p[5] >= '1' && p[5] <= '9')
			buf_addf(&b, "%0*llu", p[5] - '0',
			    (unsigned long long)seq);
		else if (n == 6 && strncmp(p, "{year}", n) == 0)
			buf_addf(&b, "%04d", year);
		else if (n == 4 && strncmp(p, "{yy}", n) == 0)
			buf_addf(&b, "%02d", ((year % 100) + 100) % 100);
		else if (n == 7 && strncmp(p, "{month}", n) == 0)
			buf_addf(&b, "%02d", month);
		else if (n == 6 && strncmp(p, "{grid}", n) == 0)
			buf_adds(&b, grid != NULL ? grid : "");
		else {
			buf_add(&b, p, n);
		}
		p += n;
	}
	return buf_steal(&b);
}
