/*
 * util-norm.c — text normalisation and the small string helpers of messages:
 * the normalised key under which values are indexed and searched (full-width
 * ASCII and the ideographic space made half-width, Latin case folded, white
 * space trimmed and collapsed), trimming, and "did you mean" suggestions.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* White space for trimming and collapsing: ASCII space and controls
 * \t\n\v\f\r, U+3000 (ideographic space) and U+00A0 (no-break space). */
static bool
norm_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x3000 ||
	    cp == 0xa0;
}

char *
norm_key(const char *s)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s), i = 0, n;
	bool pending = false;
	uint32_t cp;
	char enc[4];

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			/* Not UTF-8: keep the byte, the key stays unique. */
			if (pending && b.len > 0)
				buf_addc(&b, ' ');
			pending = false;
			buf_addc(&b, s[i]);
			i++;
			continue;
		}
		i += n;
		if (norm_space(cp)) {
			pending = true;
			continue;
		}
		if (cp >= 0xff01 && cp <= 0xff5e)
			cp -= 0xfee0;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (pending && b.len > 0)
			buf_addc(&b, ' ');
		pending = false;
		buf_add(&b, enc, utf8_encode(cp, enc));
	}
	return buf_steal(&b);
}

char *
str_trim(const char *s)
{
	size_t len = strlen(s), start = 0, end = len, n;
	uint32_t cp;

	while (start < end) {
		n = utf8_decode(s + start, end - start, &cp);
		if (n == 0 || !(cp == ' ' || (cp >= '\t' && cp <= '\r') ||
		    cp == 0x3000))
			break;
		start += n;
	}
	while (end > start) {
		unsigned char c = (unsigned char)s[end - 1];

		if (c == ' ' || (c >= '\t' && c <= '\r'))
			end--;
		else if (end - start >= 3 && memcmp(s + end - 3,
		    "\xe3\x80\x80", 3) == 0)
			end -= 3;
		else
			break;
	}
	return xstrndup(s + start, end - start);
}

static int
norm_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

bool
str_startswith(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if (norm_lower((unsigned char)*s) !=
		    norm_lower((unsigned char)*prefix))
			return false;
	return true;
}

unsigned
str_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned *mem, *pp, *p, *c, *t, d;

	/* Three rows: i - 2 (for a swap of neighbours), i - 1 and i. */
	mem = xreallocarray(NULL, 3 * (lb + 1), sizeof *mem);
	pp = mem;
	p = pp + lb + 1;
	c = p + lb + 1;
	for (j = 0; j <= lb; j++)
		p[j] = (unsigned)j;
	for (i = 1; i <= la; i++) {
		c[0] = (unsigned)i;
		for (j = 1; j <= lb; j++) {
			d = p[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
			if (p[j] + 1 < d)
				d = p[j] + 1;
			if (c[j - 1] + 1 < d)
				d = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < d)
				d = pp[j - 2] + 1;
			c[j] = d;
		}
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	d = p[lb];
	free(mem);
	return d;
}

static size_t
norm_common_prefix(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] != '\0' && norm_lower((unsigned char)a[n]) ==
	    norm_lower((unsigned char)b[n]))
		n++;
	return n;
}

const char *
str_suggest(const char *s, const char *const *cands, size_t n)
{
	const char *best = NULL;
	unsigned bestd, d;
	size_t i, len = strlen(s);

	if (len == 0)
		return NULL;
	/* Two edits turn a short word into almost any other ("bad" into
	 * "max"): one for words up to 4 bytes, two above. */
	bestd = len <= 4 ? 2 : 3;
	for (i = 0; i < n; i++) {
		if (cands[i] == NULL)
			continue;
		d = str_distance(s, cands[i]);
		/* A one-letter word is never "nearly" another one. */
		if (d < bestd && d < len) {
			best = cands[i];
			bestd = d;
		}
	}
	if (best != NULL)
		return best;
	for (i = 0; i < n; i++)
		if (cands[i] != NULL && norm_common_prefix(s, cands[i]) >= 3)
			return cands[i];
	return NULL;
}
