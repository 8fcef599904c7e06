/*
 * util-csv.c — reading the files admins import: which text encoding they
 * are in (old Excel ledgers in China are GBK/GB18030, newer ones UTF-8,
 * sometimes with a byte order mark, Excel's "Unicode text" UTF-16), and an
 * RFC 4180 CSV reader over the UTF-8 text, plus the cell writer of CSV
 * exports.
 *
 * Encoding: valid UTF-8 is taken as is.  Bytes that are not UTF-8 are
 * converted from GB18030 with iconv (GB18030 contains GBK and GB2312),
 * unless the file is mostly UTF-8 (at least four valid multi-byte
 * sequences per bad byte): then the bad bytes are reported, since
 * converting would turn the good Chinese text into nonsense.  Positions are
 * line and column, columns counting characters.
 *
 * CSV: cells separated by ',', rows ended by CRLF, LF or a lone CR.  A
 * quoted cell ("...") may hold commas, line breaks and doubled quotes; after
 * its closing quote only ',' or the end of the row may follow.  A quote in
 * the middle of an unquoted cell is kept as text (hand-made files have
 * 12" pipes).  Limits: CSV_CELL_MAX bytes a cell, CSV_CELLS_MAX cells a row.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void
csv_errf(struct csv_err *e, unsigned line, unsigned col, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
csv_errf(struct csv_err *e, unsigned line, unsigned col, const char *fmt,
    ...)
{
	va_list ap;

	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
}

/* Line and column of byte off of text that is valid UTF-8 up to off. */
static void
csv_pos(const char *s, size_t off, unsigned *line, unsigned *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off ||
		    s[i + 1] != '\n'))) {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xc0) != 0x80 &&
		    s[i] != '\r')
			(*col)++;
	}
}

/* Convert with iconv; on a bad sequence, *bad is its input offset. */
static int
csv_iconv(const char *from, const char *in, size_t len, char **out,
    size_t *outlen, size_t *bad, const char **why)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap, inleft = len, outleft, r;
	char *ip = (char *)in, *op, *o;

	*why = NULL;
	if (cd == (iconv_t)-1) {
		*why = "the system has no converter for it";
		return -1;
	}
	cap = len + len / 2 + 16;
	o = xmalloc(cap + 1);
	op = o;
	outleft = cap;
	while (inleft > 0) {
		r = iconv(cd, &ip, &inleft, &op, &outleft);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(op - o);

			cap = cap * 2;
			o = xrealloc(o, cap + 1);
			op = o + used;
			outleft = cap - used;
			continue;
		}
		*bad = (size_t)(ip - in);
		*why = errno == EINVAL ? "a character cut off at the end" :
		    NULL;
		iconv_close(cd);
		free(o);
		return -1;
	}
	iconv_close(cd);
	*op = '\0';
	*outlen = (size_t)(op - o);
	*out = o;
	return 0;
}

int
csv_decode(const char *in, size_t len, char **out, size_t *outlen,
    const char **enc, struct csv_err *err)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t i, n, nmulti = 0, nbad = 0, firstbad = 0, bad = 0;
	unsigned line, col;
	const char *why;
	char *nul;
	uint32_t cp;

	memset(err, 0, sizeof *err);
	*out = NULL;
	*outlen = 0;
	*enc = "UTF-8";
	if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
	    (u[0] == 0xfe && u[1] == 0xff))) {
		*enc = u[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
		if (csv_iconv(*enc, in + 2, len - 2, out, outlen, &bad,
		    &why) != 0) {
			csv_errf(err, 0, 0, "not valid %s text at byte %zu%s%s",
			    *enc, bad + 2, why != NULL ? ": " : "",
			    why != NULL ? why : "");
			return -1;
		}
	} else {
		for (i = 0; i < len; i += n) {
			if (u[i] < 0x80) {
				n = 1;
				continue;
			}
			if ((n = utf8_decode(in + i, len - i, &cp)) == 0) {
				if (nbad++ == 0)
					firstbad = i;
				n = 1;
			} else
				nmulti++;
		}
		if (nbad == 0) {
			if (len >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0) {
				in += 3;
				len -= 3;
				*enc = "UTF-8 with BOM";
			}
			*out = xmalloc(len + 1);
			memcpy(*out, in, len);
			(*out)[len] = '\0';
			*outlen = len;
		} else if (nmulti >= 4 * nbad) {
			csv_pos(in, firstbad, &line, &col);
			csv_errf(err, line, col, "byte 0x%02x is not valid "
			    "UTF-8 (the file is UTF-8 elsewhere; %zu bad "
			    "byte%s in all)", u[firstbad], nbad,
			    nbad == 1 ? "" : "s");
			return -1;
		} else {
			*enc = "GB18030";
			if (csv_iconv("GB18030", in, len, out, outlen, &bad,
			    &why) != 0) {
				char *part = NULL;
				size_t plen = 0, b2;
				const char *w2;

				/* The position in characters of the text
				 * before the bad byte. */
				if (csv_iconv("GB18030", in, bad, &part, &plen,
				    &b2, &w2) == 0) {
					csv_pos(part, plen, &line, &col);
					free(part);
				} else
					csv_pos(in, bad, &line, &col);
				csv_errf(err, line, col, "byte 0x%02x is "
				    "neither UTF-8 nor GB18030 text%s%s",
				    u[bad], why != NULL ? ": " : "",
				    why != NULL ? why : "");
				return -1;
			}
		}
	}
	if ((nul = memchr(*out, '\0', *outlen)) != NULL) {
		csv_pos(*out, (size_t)(nul - *out), &line, &col);
		csv_errf(err, line, col, "a NUL byte: this is not a text file "
		    "(%s)", *enc);
		free(*out);
		*out = NULL;
		*outlen = 0;
		return -1;
	}
	return 0;
}

void
csv_init(struct csv *c, const char *text, size_t len)
{
	c->p = text;
	c->end = text + len;
	c->line = 1;
	c->col = 1;
}

static void
csv_cell_add(struct csv_row *r, struct buf *b, unsigned line, unsigned col)
{
	struct csv_cell *cl;

	if (r->n == r->cap) {
		r->cap = r->cap == 0 ? 16 : r->cap * 2;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	cl = &r->v[r->n++];
	cl->s = b->p != NULL ? buf_steal(b) : xstrdup("");
	cl->line = line;
	cl->col = col;
}

static void
csv_row_clear(struct csv_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].s);
	r->n = 0;
}

void
csv_row_free(struct csv_row *r)
{
	csv_row_clear(r);
	free(r->v);
	r->v = NULL;
	r->cap = 0;
}

/* Step over one byte, keeping line and column. */
static void
csv_step(struct csv *c)
{
	unsigned char ch = (unsigned char)*c->p++;

	if (ch == '\n' || (ch == '\r' && (c->p >= c->end || *c->p != '\n'))) {
		c->line++;
		c->col = 1;
	} else if ((ch & 0xc0) != 0x80 && ch != '\r')
		c->col++;
}

int
csv_read(struct csv *c, struct csv_row *r, struct csv_err *err)
{
	struct buf b = BUF_INIT;
	unsigned cline, ccol, qline, qcol;
	char ch;

	csv_row_clear(r);
	memset(err, 0, sizeof *err);
	if (c->p >= c->end)
		return 0;
	r->line = c->line;
	for (;;) {
		cline = c->line;
		ccol = c->col;
		if (r->n >= CSV_CELLS_MAX) {
			csv_errf(err, cline, ccol, "more than %u cells in one "
			    "row", CSV_CELLS_MAX);
			goto bad;
		}
		if (c->p < c->end && *c->p == '"') {
			qline = c->line;
			qcol = c->col;
			csv_step(c);
			for (;;) {
				if (c->p >= c->end) {
					csv_errf(err, qline, qcol, "quoted cell "
					    "not closed: no '\"' after the one "
					    "here");
					goto bad;
				}
				if (*c->p == '"') {
					csv_step(c);
					if (c->p < c->end && *c->p == '"') {
						buf_addc(&b, '"');
						csv_step(c);
						continue;
					}
					break;
				}
				buf_addc(&b, *c->p);
				csv_step(c);
				if (b.len > CSV_CELL_MAX) {
					csv_errf(err, cline, ccol, "cell longer "
					    "than %u bytes", CSV_CELL_MAX);
					goto bad;
				}
			}
			if (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
			    *c->p != '\r') {
				csv_errf(err, c->line, c->col, "text after the "
				    "closing quote of a cell (a quote inside "
				    "a quoted cell is written \"\")");
				goto bad;
			}
		} else {
			while (c->p < c->end && *c->p != ',' &&
			    *c->p != '\n' && *c->p != '\r') {
				buf_addc(&b, *c->p);
				csv_step(c);
				if (b.len > CSV_CELL_MAX) {
					csv_errf(err, cline, ccol, "cell longer "
					    "than %u bytes", CSV_CELL_MAX);
					goto bad;
				}
			}
		}
		csv_cell_add(r, &b, cline, ccol);
		if (c->p >= c->end)
			return 1;
		ch = *c->p;
		csv_step(c);
		if (ch == ',')
			continue;
		if (ch == '\r' && c->p < c->end && *c->p == '\n')
			csv_step(c);
		return 1;
	}
bad:
	buf_free(&b);
	c->p = c->end;
	return -1;
}

void
csv_put_cell(struct buf *b, const char *s)
{
	size_t len = strlen(s);
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL && (len == 0 ||
	    (s[0] != ' ' && s[len - 1] != ' '))) {
		buf_add(b, s, len);
		return;
	}
	buf_addc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
}
