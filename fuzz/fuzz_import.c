/*
 * fuzz_import.c — libFuzzer harness for what `gridbook import` reads from
 * outside: the encoding detection and CSV reader (util-csv.c), the JSON
 * parser (util-json.c), and the row -> record path of app_import (header
 * and key resolution, value parsing, validation, unique checks against a
 * real LMDB database), as a dry run against the shipped forms.
 *
 * The first byte picks what the rest goes to:
 *   0  csv_decode, csv_read of every row; each row written back with
 *      csv_put_cell must read back to the same cells
 *   1  json_parse (small limits); a string value written back with
 *      json_put_str must parse back to the same string
 *   2  app_import, CSV, into household (or mediation: second byte odd)
 *   3  the same as JSON Lines
 * as admin, or as leader1 (grid 001 only) when the second byte has bit 1.
 * An import must fail with at least one positioned problem or succeed with
 * none, and a dry run must leave the record count alone.  Inputs above
 * 64 KiB are skipped (size guard).
 *
 *   clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
 *       -D_GNU_SOURCE -Isrc $(pkg-config --cflags lmdb yaml-0.1) \
 *       -o build-fuzz/fuzz_import fuzz/fuzz_import.c src/util*.c \
 *       src/field*.c src/spec*.c src/expr*.c src/record*.c src/store*.c \
 *       src/app*.c $(pkg-config --libs lmdb yaml-0.1) -lm
 *   build-fuzz/fuzz_import -max_total_time=600 -dict=fuzz/import.dict \
 *       fuzz/corpus/import
 *
 * Run from the source root (it reads forms/ and config/gridbook.yaml, or
 * $GRIDBOOK_FORMS and $GRIDBOOK_CONFIG).  Inputs that once broke something
 * are kept in tests/fuzz-regress/import/ and replayed by check_app_import.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define FUZZ_MAX	65536

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
void fuzz_import_done(void);

static struct session *fuzz_admin, *fuzz_leader;
static char fuzz_dir[256];

/* Two households already there, so unique values meet the database. */
static const char fuzz_seed[] =
"{\"form\":\"household\",\"values\":{\"address\":\"和平路1号\",\"grid\":\"001\","
"\"members.1.name\":\"马一\",\"members.1.id_card\":\"11010519491231002X\","
"\"members.1.sex\":\"2\",\"members.1.birth\":\"1949-12-31\","
"\"members.1.ethnicity\":\"03\",\"members.1.relation\":\"02\"}}\n"
"{\"form\":\"household\",\"values\":{\"address\":\"和平路2号\",\"grid\":\"002\","
"\"members.1.name\":\"马二\",\"members.1.id_card\":\"622925198001010017\","
"\"members.1.sex\":\"1\",\"members.1.birth\":\"1980-01-01\","
"\"members.1.ethnicity\":\"01\",\"members.1.relation\":\"02\"}}\n";

static struct session *
fuzz_open(const char *user)
{
	struct app_opts o;
	struct session *s = NULL;
	struct diags d = DIAGS_INIT;
	const char *forms = getenv("GRIDBOOK_FORMS"),
	    *cfg = getenv("GRIDBOOK_CONFIG");
	char db[300], *msg = NULL;

	snprintf(db, sizeof db, "%s/db", fuzz_dir);
	memset(&o, 0, sizeof o);
	o.db = db;
	o.forms = forms != NULL ? forms : "forms";
	o.config = cfg != NULL ? cfg : "config/gridbook.yaml";
	o.user = user;
	if (app_open(&o, &s, &msg, &d) != 0) {
		diags_print(&d, stderr);
		fprintf(stderr, "fuzz_import: cannot open a session as %s: %s "
		    "(run from the source root)\n", user, msg);
		abort();
	}
	diags_free(&d);
	return s;
}

void
fuzz_import_done(void)
{
	char cmd[400];

	app_close(fuzz_admin);
	app_close(fuzz_leader);
	fuzz_admin = fuzz_leader = NULL;
	if (fuzz_dir[0] != '\0') {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz_import: cannot remove %s\n",
			    fuzz_dir);
		fuzz_dir[0] = '\0';
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct app_import imp;
	struct diags d = DIAGS_INIT;
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	if (fuzz_admin != NULL)
		return 0;
	setenv("GRIDBOOK_TODAY", "2026-03-01", 1);
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/fuzz_import.XXXXXX",
	    tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL) {
		perror("fuzz_import: mkdtemp");
		abort();
	}
	fuzz_admin = fuzz_open("admin");
	fuzz_leader = fuzz_open("leader1");
	memset(&imp, 0, sizeof imp);
	imp.file = "seed.jsonl";
	imp.format = APP_FMT_JSONL;
	if (app_import(fuzz_admin, app_form(fuzz_admin, "household"),
	    fuzz_seed, sizeof fuzz_seed - 1, &imp, &d) != 0) {
		diags_print(&d, stderr);
		fprintf(stderr, "fuzz_import: seed import: %s\n",
		    app_errmsg(fuzz_admin));
		abort();
	}
	app_import_clear(&imp);
	diags_free(&d);
	atexit(fuzz_import_done);
	return 0;
}

static void
fuzz_csv(const char *p, size_t n)
{
	struct csv c, c2;
	struct csv_row r = CSV_ROW_INIT, r2 = CSV_ROW_INIT;
	struct csv_err e;
	struct buf b = BUF_INIT;
	const char *enc;
	char *text;
	size_t len, i;
	int rc;

	if (csv_decode(p, n, &text, &len, &enc, &e) != 0) {
		if (e.msg[0] == '\0')
			abort();
		return;
	}
	if (strlen(text) != len)
		abort();	/* a NUL got through */
	csv_init(&c, text, len);
	while ((rc = csv_read(&c, &r, &e)) == 1) {
		if (r.n == 0)
			abort();
		buf_reset(&b);
		for (i = 0; i < r.n; i++) {
			if (i > 0)
				buf_addc(&b, ',');
			csv_put_cell(&b, r.v[i].s);
		}
		buf_addc(&b, '\n');
		csv_init(&c2, b.p, b.len);
		if (csv_read(&c2, &r2, &e) != 1 || r2.n != r.n)
			abort();
		for (i = 0; i < r.n; i++)
			if (strcmp(r.v[i].s, r2.v[i].s) != 0)
				abort();
	}
	if (rc == -1 && (e.line == 0 || e.msg[0] == '\0'))
		abort();
	csv_row_free(&r);
	csv_row_free(&r2);
	buf_free(&b);
	free(text);
}

static void
fuzz_json_check(const struct json *v)
{
	struct buf b = BUF_INIT;
	struct json *w;
	struct json_err e;
	size_t i;

	if (v->type == JSON_STRING) {
		if (strlen(v->s) != v->len)
			abort();
		json_put_str(&b, v->s);
		if (json_parse(b.p, b.len, NULL, 1, &w, &e) != 0 ||
		    w->type != JSON_STRING || strcmp(w->s, v->s) != 0)
			abort();
		json_free(w);
		buf_free(&b);
	}
	for (i = 0; i < v->n; i++)
		fuzz_json_check(&v->v[i]);
}

static void
fuzz_json(const char *p, size_t n)
{
	struct json_limits lim = { 16, 0, 4096, 1000 };
	struct json *v;
	struct json_err e;

	if (json_parse(p, n, &lim, 1, &v, &e) != 0) {
		if (e.line == 0 || e.col == 0 || e.msg[0] == '\0')
			abort();
		return;
	}
	fuzz_json_check(v);
	json_free(v);
}

static size_t
fuzz_count(struct session *s, const struct form *f)
{
	struct store_txn *t;
	size_t n = 0;

	if (store_read(s->st, &t) != 0)
		abort();
	if (store_rec_count(t, f->name, &n) != 0)
		n = 0;
	store_txn_end(t);
	return n;
}

static void
fuzz_app(const char *p, size_t n, bool csv, unsigned sel)
{
	struct session *s = (sel & 2) ? fuzz_leader : fuzz_admin;
	const struct form *f = app_form(s, (sel & 1) ? "mediation" :
	    "household");
	struct app_import imp;
	struct diags d = DIAGS_INIT;
	size_t before, i;
	int rc;

	if (f == NULL)
		abort();
	memset(&imp, 0, sizeof imp);
	imp.file = "fuzz";
	imp.format = csv ? APP_FMT_CSV : APP_FMT_JSONL;
	imp.dry_run = true;
	before = fuzz_count(s, f);
	rc = app_import(s, f, p, n, &imp, &d);
	if (rc == 0 && d.n != 0)
		abort();
	if (rc != 0 && d.n == 0 && *app_errmsg(s) == '\0')
		abort();
	for (i = 0; i < d.n; i++)
		if (d.v[i].file == NULL || d.v[i].msg == NULL ||
		    d.v[i].msg[0] == '\0')
			abort();
	if (imp.imported != 0 || fuzz_count(s, f) != before)
		abort();
	app_import_clear(&imp);
	diags_free(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data + 2;

	if (size < 2 || size > FUZZ_MAX)
		return 0;
	if (fuzz_admin == NULL)
		LLVMFuzzerInitialize(NULL, NULL);
	switch (data[0] & 3) {
	case 0:
		fuzz_csv(p, size - 2);
		break;
	case 1:
		fuzz_json(p, size - 2);
		break;
	default:
		fuzz_app(p, size - 2, (data[0] & 3) == 2, data[1]);
	}
	return 0;
}
