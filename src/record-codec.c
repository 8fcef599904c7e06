/*
 * record-codec.c — a record as stored bytes, and back.  Layout (integers are
 * uvarints, strings a uvarint length and that many bytes):
 *
 *   "GBR" format rev id zigzag(created) zigzag(updated)
 *   hid state grid cuser uuser  count  count x (path text)
 *
 * An absent meta string is written with length 0.  The decoder treats its
 * input as hostile: every length is checked against what is left, no
 * allocation is larger than the input can justify, strings must be UTF-8
 * without NUL bytes, paths non-empty and strictly ascending (record_path_cmp),
 * values non-empty, and nothing may follow the last value.  Whether a path
 * names a field of the form is record_validate's question, so a record
 * saved under an older spec still decodes.  Every failure is GB_EFORMAT with a
 * message saying what is wrong and at which byte.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record-int.h"

#define CODEC_MAGIC "GBR"

static uint64_t
codec_zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static int64_t
codec_unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static void
codec_put_str(struct buf *b, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	put_uvarint(b, n);
	buf_add(b, s != NULL ? s : "", n);
}

void
record_encode(const struct record *r, struct buf *out)
{
	size_t i;

	buf_add(out, CODEC_MAGIC, 3);
	put_uvarint(out, RECORD_FORMAT);
	put_uvarint(out, r->rev);
	put_uvarint(out, r->id);
	put_uvarint(out, codec_zigzag(r->created));
	put_uvarint(out, codec_zigzag(r->updated));
	codec_put_str(out, r->hid);
	codec_put_str(out, r->state);
	codec_put_str(out, r->grid);
	codec_put_str(out, r->cuser);
	codec_put_str(out, r->uuser);
	put_uvarint(out, r->nv);
	for (i = 0; i < r->nv; i++) {
		codec_put_str(out, r->v[i].path);
		codec_put_str(out, r->v[i].text);
	}
}

struct dec {
	const unsigned char	*p;
	size_t			 len;
	size_t			 off;
	char			*err;
	size_t			 errlen;
};

static int
dec_fail(struct dec *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
dec_fail(struct dec *d, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (d->errlen > 0)
		snprintf(d->err, d->errlen, "corrupt record at byte %zu: %s",
		    d->off, msg);
	return GB_EFORMAT;
}

static int
dec_uint(struct dec *d, const char *what, uint64_t *v)
{
	size_t n = get_uvarint(d->p + d->off, d->len - d->off, v);

	if (n == 0)
		return dec_fail(d, "%s is %s", what, d->off == d->len ?
		    "missing" : "truncated or malformed");
	d->off += n;
	return 0;
}

/* A string: NULL for length 0 when may_be_empty, else an error. */
static int
dec_str(struct dec *d, const char *what, bool may_be_empty, char **out)
{
	uint64_t n;
	size_t bad;
	const char *s;
	int rc;

	*out = NULL;
	if ((rc = dec_uint(d, what, &n)) != 0)
		return rc;
	if (n > d->len - d->off)
		return dec_fail(d, "%s is %llu bytes long but only %zu remain",
		    what, (unsigned long long)n, d->len - d->off);
	if (n == 0) {
		if (may_be_empty)
			return 0;
		return dec_fail(d, "%s is empty", what);
	}
	s = (const char *)d->p + d->off;
	if (memchr(s, '\0', n) != NULL)
		return dec_fail(d, "%s contains a NUL byte", what);
	if (!utf8_valid(s, n, &bad)) {
		d->off += bad;
		return dec_fail(d, "%s is not valid UTF-8", what);
	}
	*out = xstrndup(s, n);
	d->off += n;
	return 0;
}

int
record_decode(const void *data, size_t len, struct record **out, char *err,
    size_t errlen)
{
	struct dec d = { data, len, 0, err, errlen };
	struct record *r;
	uint64_t format, rev, id, created, updated, count, i;
	char *path, *text;
	int rc;

	*out = NULL;
	if (errlen > 0)
		err[0] = '\0';
	if (len < 3 || memcmp(data, CODEC_MAGIC, 3) != 0) {
		if (errlen > 0)
			snprintf(err, errlen, "not a gridbook record (it does "
			    "not start with \"" CODEC_MAGIC "\")");
		return GB_EFORMAT;
	}
	d.off = 3;
	if ((rc = dec_uint(&d, "the format version", &format)) != 0)
		return rc;
	if (format > RECORD_FORMAT) {
		if (errlen > 0)
			snprintf(err, errlen, "record format %llu is newer than "
			    "this program (%d)", (unsigned long long)format,
			    RECORD_FORMAT);
		return GB_EFORMAT;
	}
	if (format == 0)
		return dec_fail(&d, "format version 0 does not exist");
	if ((rc = dec_uint(&d, "the revision", &rev)) != 0 ||
	    (rc = dec_uint(&d, "the id", &id)) != 0 ||
	    (rc = dec_uint(&d, "the creation time", &created)) != 0 ||
	    (rc = dec_uint(&d, "the update time", &updated)) != 0)
		return rc;
	if (rev > UINT32_MAX)
		return dec_fail(&d, "revision %llu is out of range",
		    (unsigned long long)rev);
	r = record_new();
	r->rev = (uint32_t)rev;
	r->id = id;
	r->created = codec_unzigzag(created);
	r->updated = codec_unzigzag(updated);
	if ((rc = dec_str(&d, "the human id", true, &r->hid)) != 0 ||
	    (rc = dec_str(&d, "the state", true, &r->state)) != 0 ||
	    (rc = dec_str(&d, "the grid", true, &r->grid)) != 0 ||
	    (rc = dec_str(&d, "the creating user", true, &r->cuser)) != 0 ||
	    (rc = dec_str(&d, "the last user", true, &r->uuser)) != 0 ||
	    (rc = dec_uint(&d, "the value count", &count)) != 0)
		goto fail;
	/* Each value takes at least 4 bytes: two lengths, two bytes. */
	if (count > (d.len - d.off) / 4) {
		rc = dec_fail(&d, "%llu values cannot fit in the %zu bytes "
		    "left", (unsigned long long)count, d.len - d.off);
		goto fail;
	}
	if (count > 0) {
		r->v = xreallocarray(NULL, (size_t)count, sizeof *r->v);
		r->cap = (size_t)count;
	}
	for (i = 0; i < count; i++) {
		size_t at = d.off;

		if ((rc = dec_str(&d, "a value path", false, &path)) != 0)
			goto fail;
		if (r->nv > 0 && record_path_cmp(r->v[r->nv - 1].path,
		    path) >= 0) {
			d.off = at;
			rc = dec_fail(&d, "value path '%.40s' is out of order "
			    "or repeated", path);
			free(path);
			goto fail;
		}
		if ((rc = dec_str(&d, "a value", false, &text)) != 0) {
			free(path);
			goto fail;
		}
		r->v[r->nv].path = path;
		r->v[r->nv].text = text;
		r->nv++;
	}
	if (d.off != d.len) {
		rc = dec_fail(&d, "%zu unexpected bytes after the last value",
		    d.len - d.off);
		goto fail;
	}
	*out = r;
	return 0;
fail:
	record_free(r);
	return rc;
}
