/*
 * util.c — memory, fatal errors, error phrases, buffers, varints and
 * positioned diagnostics: the helpers every layer uses.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void (*fatal_hook)(void);

void
fatal_set_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook != NULL) {
		void (*h)(void) = fatal_hook;
		fatal_hook = NULL;
		h();
	}
	fputs("gridbook: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n == 0 ? 1 : n);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz);

	if (p == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, sz);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n == 0 ? 1 : n);

	if (q == NULL)
		fatal("out of memory (%zu bytes)", n);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		fatal("array too large (%zu x %zu)", n, sz);
	return xrealloc(p, n * sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		fatal("out of memory formatting a string");
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

const char *
gb_strerror(int e)
{
	switch (e) {
	case GB_OK:		return "success";
	case GB_ENOTFOUND:	return "not found";
	case GB_EEXIST:		return "already exists";
	case GB_ECONFLICT:	return "changed by someone else since it was read";
	case GB_EINVAL:		return "invalid value";
	case GB_EPERM:		return "permission denied";
	case GB_EFULL:		return "disk full";
	case GB_EIO:		return "input/output error";
	case GB_EFORMAT:	return "not a gridbook database, or of a newer format";
	case GB_EBUSY:		return "database busy";
	case GB_EMAPFULL:	return "database map full";
	}
	return "unknown error";
}

static void
buf_grow(struct buf *b, size_t more)
{
	size_t need;

	if (more > SIZE_MAX - b->len - 1)
		fatal("buffer too large");
	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->p = xrealloc(b->p, b->cap);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n != 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(b, s);
	free(s);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

const char *
buf_str(struct buf *b)
{
	return b->p == NULL ? "" : b->p;
}

char *
buf_steal(struct buf *b)
{
	char *s = b->p == NULL ? xstrdup("") : b->p;

	b->p = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
put_uvarint(struct buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;

	while (v >= 0x80) {
		tmp[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	tmp[n++] = (unsigned char)v;
	buf_add(b, tmp, n);
}

size_t
get_uvarint(const unsigned char *p, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	unsigned shift = 0;
	size_t i;

	for (i = 0; i < len && i < 10; i++) {
		uint64_t byte = p[i];

		if (i == 9 && byte > 1)
			return 0;	/* overflows 64 bits */
		v |= (byte & 0x7f) << shift;
		if ((byte & 0x80) == 0) {
			if (i > 0 && byte == 0)
				return 0;	/* overlong */
			*out = v;
			return i + 1;
		}
		shift += 7;
	}
	return 0;
}

void
put_be64(unsigned char out[8], uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		out[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

uint64_t
get_be64(const unsigned char in[8])
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | in[i];
	return v;
}

void
diags_add(struct diags *d, const char *file, unsigned line, unsigned col,
    const char *fmt, ...)
{
	struct diag *g;
	va_list ap;

	if (d->n == d->cap) {
		d->cap = d->cap == 0 ? 8 : d->cap * 2;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	g = &d->v[d->n++];
	g->file = xstrdup(file != NULL ? file : "");
	g->line = line;
	g->col = col;
	va_start(ap, fmt);
	g->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

void
diags_print(const struct diags *d, FILE *fp)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		if (g->line == 0)
			fprintf(fp, "%s: %s\n", g->file, g->msg);
		else
			fprintf(fp, "%s:%u:%u: %s\n", g->file, g->line, g->col,
			    g->msg);
	}
}

void
diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
