/*
 * fuzz_record.c — libFuzzer harness for record_decode(), the reader of every
 * stored record.  Whatever the bytes, decoding must fail with a message or
 * give a record that re-encodes to exactly the same bytes; a decoded record
 * must also survive the value model's operations (dup, diff, group count,
 * remove, move) and still encode to bytes that decode.
 *
 *   make fuzz-record            build build-fuzz/fuzz_record
 *   build-fuzz/fuzz_record -max_total_time=600 fuzz/corpus/record
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The group named by the first member-looking path, or NULL. */
static char *
fuzz_group(const struct record *r)
{
	size_t i;
	const char *p, *dot;

	for (i = 0; i < r->nv; i++) {
		p = r->v[i].path;
		if ((dot = strchr(p, '.')) != NULL && dot[1] >= '1' &&
		    dot[1] <= '9')
			return xstrndup(p, (size_t)(dot - p));
	}
	return NULL;
}

static void
fuzz_reencode(const struct record *r)
{
	struct buf b = BUF_INIT;
	struct record *d;
	char err[256];

	record_encode(r, &b);
	if (record_decode(b.p, b.len, &d, err, sizeof err) != 0) {
		fprintf(stderr, "re-encoded record does not decode: %s\n", err);
		abort();
	}
	record_free(d);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct record *r, *d;
	struct buf b = BUF_INIT;
	struct changes c = CHANGES_INIT;
	char err[256], *g;
	unsigned n;

	if (len > 1 << 20)
		return 0;
	if (record_decode(data, len, &r, err, sizeof err) != 0) {
		if (r != NULL || err[0] == '\0')
			abort();
		return 0;
	}
	record_encode(r, &b);
	if (b.len != len || memcmp(b.p, data, len) != 0) {
		fprintf(stderr, "decode/encode is not the identity\n");
		abort();
	}
	buf_free(&b);

	d = record_dup(r);
	record_diff(r, d, &c);
	if (c.n != 0)
		abort();
	changes_free(&c);
	if ((g = fuzz_group(d)) != NULL) {
		n = record_group_count(d, g);
		record_group_move(d, g, 1, n);
		record_group_remove(d, g, n > 1 ? n / 2 : 1);
		/* Members only move down or go: never more than before.
		 * (Fewer than n - 1 when members were missing.) */
		if (record_group_count(d, g) > n ||
		    (n > 0 && record_group_count(d, g) == n)) {
			fprintf(stderr, "group %s: %u members after removing "
			    "one of %u\n", g, record_group_count(d, g), n);
			abort();
		}
		free(g);
	}
	record_diff(r, d, &c);
	changes_free(&c);
	fuzz_reencode(d);
	record_free(d);
	record_free(r);
	return 0;
}
