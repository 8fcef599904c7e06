/*
 * fuzz_record.c — libFuzzer harness for record_decode(), the reader of every
 * stored record.  Whatever the bytes, decoding must fail with a message or
 * give a record that re-encodes to exactly the same bytes; a decoded record
 * must also survive the value model's operations (dup, diff, group count,
 * remove, move) and still encode to bytes that decode.  With the shipped
 * forms loaded ($GRIDBOOK_FORMS, else ./forms), every decoded record is also
 * validated, indexed, defaulted and carried against each form, as
 * `gridbook check` does with whatever the database holds.
 *
 *   make fuzz-record            build build-fuzz/fuzz_record
 *   build-fuzz/fuzz_record -max_total_time=600 fuzz/corpus/record
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct formset *fuzz_forms;

static void fuzz_reencode(const struct record *);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diags d = DIAGS_INIT;
	const char *dir = getenv("GRIDBOOK_FORMS");

	(void)argc;
	(void)argv;
	setenv("GRIDBOOK_TODAY", "2026-03-01", 1);
	if (spec_load_dir(dir != NULL ? dir : "forms", &fuzz_forms, &d) != 0)
		fprintf(stderr, "fuzz_record: forms did not all load; "
		    "validating against those that did\n");
	diags_free(&d);
	return 0;
}

/* What the app and `gridbook check` do with a record read from the store. */
static void
fuzz_against_forms(const struct record *r)
{
	struct verrors e = VERRORS_INIT;
	struct ikeys k = IKEYS_INIT;
	struct record *c, *d;
	size_t i, j;

	for (i = 0; fuzz_forms != NULL && i < fuzz_forms->n; i++) {
		const struct form *f = fuzz_forms->forms[i];

		record_validate(f, r, &e);
		verrors_free(&e);
		record_index_keys(f, r, &k);
		for (j = 0; j < k.n; j++)
			if (strlen(k.v[j].value) > IKEY_MAX || k.v[j].value[0] ==
			    '\0')
				abort();
		ikeys_free(&k);
		for (j = 0; j < r->nv && j < 64; j++)
			(void)record_visible(f, r, r->v[j].path);
		d = record_dup(r);
		record_apply_defaults(f, d);
		fuzz_reencode(d);
		record_free(d);
		c = record_carry(f, r);
		fuzz_reencode(c);
		record_free(c);
	}
}

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
	fuzz_against_forms(r);
	record_free(d);
	record_free(r);
	return 0;
}
