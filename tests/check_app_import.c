/*
 * check_app_import.c — app_import and app_export against a real LMDB
 * environment in a mkdtemp directory, with forms and a config written by
 * the test: CSV and JSON Lines in, ids in file order, values as typed
 * turned canonical, states kept, GB18030 files; every kind of bad row with
 * its exact FILE:LINE:COL message and nothing written (records and audit
 * trail unchanged); unique values within the file and against the
 * database; leaders' grids; a dry run; the one transaction rerun after map
 * growth; export formats, filters, access and its audit entry; export then
 * import round trips; and the replay of tests/fuzz-regress/import/ through
 * the fuzz harness.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app-int.h"

static const char household_yaml[] =
"form: household\n"
"version: 1\n"
"title: {zh: 住户, en: Household}\n"
"id: \"HH-{seq:06}\"\n"
"scope: grid\n"
"fields:\n"
"  - {name: grid, type: text, label: 网格, required: true, carry: true}\n"
"  - {name: address, type: text, label: {zh: 地址, en: Address},"
" required: true, index: true, max: 40}\n"
"  - {name: rooms, type: integer, label: 间数, min: 1, max: 20}\n"
"  - name: tags\n"
"    type: multichoice\n"
"    label: 标记\n"
"    choices: [{code: a, zh: 甲}, {code: b, zh: 乙}, {code: c, zh: 丙}]\n"
"  - {name: note, type: textarea, label: 备注}\n"
"  - name: members\n"
"    type: group\n"
"    label: 成员\n"
"    repeat: {min: 1, max: 3}\n"
"    fields:\n"
"      - {name: name, type: text, label: 姓名, required: true, index: true}\n"
"      - {name: id_card, type: idcard, label: 身份证号, unique: true}\n"
"      - name: sex\n"
"        type: choice\n"
"        label: 性别\n"
"        choices: [{code: \"1\", zh: 男}, {code: \"2\", zh: 女}]\n"
"      - {name: born, type: date, label: 出生日期}\n"
"workflow:\n"
"  initial: active\n"
"  states:\n"
"    - {name: active, zh: 在册, en: Registered}\n"
"    - {name: moved, zh: 已迁出, en: Moved out}\n"
"  transitions:\n"
"    - {from: active, to: moved, roles: [clerk, leader]}\n"
"list: [id, address, members.name]\n";

static const char config_yaml[] =
"community: 测试社区\n"
"lang: en\n"
"grids:\n"
"  - {code: \"001\", name: 第一网格}\n"
"  - {code: \"002\", name: 第二网格}\n"
"users:\n"
"  - {login: admin, role: admin}\n"
"  - {login: clerk1, role: clerk}\n"
"  - {login: leader1, role: leader, grids: [\"001\"]}\n";

/* Valid GB 11643 numbers (check digits computed by hand). */
#define ID1 "11010519491231002X"
#define ID2 "622925198001010017"
#define ID3 "110105198001010019"	/* not valid: check digit is 6 */
#define ID4 "110105198001010016"

static char tdir[256];

static void
write_file(const char *dir, const char *name, const char *text, size_t len)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "wb");
	ck_assert_msg(fp != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(text, 1, len, fp), len);
	fclose(fp);
}

static void
setup(void)
{
	char forms[300];

	snprintf(tdir, sizeof tdir, "%s/check_import.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tdir));
	snprintf(forms, sizeof forms, "%s/forms", tdir);
	ck_assert_int_eq(mkdir(forms, 0700), 0);
	write_file(forms, "household.yaml", household_yaml,
	    strlen(household_yaml));
	write_file(tdir, "gridbook.yaml", config_yaml, strlen(config_yaml));
	setenv("GRIDBOOK_TODAY", "2026-12-04", 1);
	unsetenv("GRIDBOOK_MAPSIZE");
}

static void
teardown(void)
{
	char cmd[400];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tdir);
}

static struct session *
open_db(const char *user, const char *dbname)
{
	struct app_opts o;
	struct session *s = NULL;
	struct diags d = DIAGS_INIT;
	char db[300], forms[300], cfg[300], *msg = NULL;

	snprintf(db, sizeof db, "%s/%s", tdir, dbname);
	snprintf(forms, sizeof forms, "%s/forms", tdir);
	snprintf(cfg, sizeof cfg, "%s/gridbook.yaml", tdir);
	memset(&o, 0, sizeof o);
	o.db = db;
	o.forms = forms;
	o.config = cfg;
	o.user = user;
	if (app_open(&o, &s, &msg, &d) != 0) {
		diags_print(&d, stderr);
		ck_abort_msg("app_open as %s: %s", user, msg);
	}
	ck_assert_msg(s->warnings.n == 0, "spec warnings: %s",
	    s->warnings.n > 0 ? s->warnings.v[0].msg : "");
	diags_free(&d);
	return s;
}

static struct session *
open_as(const char *user)
{
	return open_db(user, "db");
}

static const struct form *
hh(struct session *s)
{
	const struct form *f = app_form(s, "household");

	ck_assert_ptr_nonnull(f);
	return f;
}

/* Import text; the problems as "LINE:COL: msg" lines (as the command
 * prints them: no column, or no line, when there is none). */
static int
import(struct session *s, enum app_format fmt, const char *text, bool dry,
    char **problems, struct app_import *out)
{
	struct app_import imp;
	struct diags d = DIAGS_INIT;
	struct buf b = BUF_INIT;
	size_t i;
	int rc;

	memset(&imp, 0, sizeof imp);
	imp.file = "in";
	imp.format = fmt;
	imp.dry_run = dry;
	rc = app_import(s, hh(s), text, strlen(text), &imp, &d);
	for (i = 0; i < d.n; i++) {
		ck_assert_str_eq(d.v[i].file, "in");
		if (d.v[i].line == 0)
			buf_addf(&b, "%s\n", d.v[i].msg);
		else if (d.v[i].col == 0)
			buf_addf(&b, "%u: %s\n", d.v[i].line, d.v[i].msg);
		else
			buf_addf(&b, "%u:%u: %s\n", d.v[i].line, d.v[i].col,
			    d.v[i].msg);
	}
	diags_free(&d);
	*problems = buf_steal(&b);
	if (out != NULL)
		*out = imp;
	else
		app_import_clear(&imp);
	return rc;
}

static size_t
count(struct session *s)
{
	struct store_txn *t;
	size_t n = 0;

	ck_assert_int_eq(store_read(s->st, &t), 0);
	if (store_rec_count(t, "household", &n) != 0)
		n = 0;
	store_txn_end(t);
	return n;
}

struct audit_tally {
	size_t	 n;
	size_t	 create;
	size_t	 move;
	size_t	 import;
	size_t	 export;
	char	 last[512];	/* "action path=new ..." of the last */
};

static int
tally_fn(void *ctx, const struct app_audit *a)
{
	struct audit_tally *t = ctx;
	size_t i, len;

	t->n++;
	t->create += strcmp(a->action, "create") == 0;
	t->move += strcmp(a->action, "move") == 0;
	t->import += strcmp(a->action, "import") == 0;
	t->export += strcmp(a->action, "export") == 0;
	snprintf(t->last, sizeof t->last, "%s", a->action);
	for (i = 0; i < a->changes.n; i++) {
		len = strlen(t->last);
		snprintf(t->last + len, sizeof t->last - len, " %s=%s",
		    a->changes.v[i].path, a->changes.v[i].new != NULL ?
		    a->changes.v[i].new : "");
	}
	return 0;
}

static struct audit_tally
tally(struct session *s)
{
	struct audit_tally t;

	memset(&t, 0, sizeof t);
	ck_assert_int_eq(app_audit(s, NULL, NULL, tally_fn, &t), 0);
	return t;
}

static struct record *
get(struct session *s, const char *id)
{
	struct record *r = NULL;

	ck_assert_msg(app_get(s, hh(s), id, &r) == 0, "get %s: %s", id,
	    app_errmsg(s));
	return r;
}

/* ---- good imports ---- */

static const char good_csv[] =
"address,grid,rooms,tags,成员.1.姓名,members.1.id_card,members.1.sex,"
"members.1.born,members.2.name,members.2.sex,state,id\r\n"
"和平路1号,001,3,\"乙,甲\",马一," ID1 ",女,1949/12/31,马小一,男,,HH-9\r\n"
"\"和平路2号, 后院\",002,,,马二," ID2 ",1,,,,已迁出,\r\n"
",,,,,,,,,,,\r\n"
"和平路3号,001,1,,\"马\"\"三\"\"\",,男,,,,,\r\n";

START_TEST(test_import_csv)
{
	struct session *s = open_as("admin");
	struct app_import imp;
	struct audit_tally at;
	struct record *r;
	char *p;

	ck_assert_int_eq(import(s, APP_FMT_CSV, good_csv, false, &p, &imp), 0);
	ck_assert_str_eq(p, "");
	free(p);
	ck_assert_uint_eq(imp.rows, 3);		/* the blank row skipped */
	ck_assert_uint_eq(imp.imported, 3);
	ck_assert_str_eq(imp.first, "HH-000001");
	ck_assert_str_eq(imp.last, "HH-000003");
	ck_assert_str_eq(imp.encoding, "UTF-8");
	app_import_clear(&imp);
	ck_assert_uint_eq(count(s), 3);

	r = get(s, "HH-000001");		/* file order */
	ck_assert_str_eq(record_get(r, "address"), "和平路1号");
	ck_assert_str_eq(record_get(r, "tags"), "a,b");	/* list order */
	ck_assert_str_eq(record_get(r, "members.1.name"), "马一");
	ck_assert_str_eq(record_get(r, "members.1.sex"), "2");
	ck_assert_str_eq(record_get(r, "members.1.born"), "1949-12-31");
	ck_assert_str_eq(record_get(r, "members.2.sex"), "1");
	ck_assert_str_eq(r->state, "active");
	ck_assert_uint_eq(r->rev, 1);
	ck_assert_str_eq(r->cuser, "admin");
	record_free(r);
	r = get(s, "HH-000002");
	ck_assert_str_eq(record_get(r, "address"), "和平路2号, 后院");
	ck_assert_str_eq(r->state, "moved");	/* by its label */
	ck_assert_uint_eq(r->rev, 2);
	ck_assert_str_eq(r->grid, "002");
	record_free(r);
	r = get(s, "HH-000003");
	ck_assert_str_eq(record_get(r, "members.1.name"), "马\"三\"");
	record_free(r);

	at = tally(s);
	ck_assert_uint_eq(at.create, 3);
	ck_assert_uint_eq(at.move, 1);
	ck_assert_uint_eq(at.import, 1);
	ck_assert_str_eq(at.last, "import file=in format=csv encoding=UTF-8 "
	    "records=3 first=HH-000001 last=HH-000003");
	ck_assert_int_eq(app_check(s, stderr), 0);

	/* The same ID numbers again: refused against the database. */
	ck_assert_int_eq(import(s, APP_FMT_CSV, good_csv, false, &p, NULL),
	    GB_EINVAL);
	ck_assert_str_eq(p,
	    "2:6: members.1.id_card: " ID1 " is already registered in "
	    "household HH-000001\n"
	    "3:6: members.1.id_card: " ID2 " is already registered in "
	    "household HH-000002\n");
	free(p);
	ck_assert_uint_eq(count(s), 3);
	app_close(s);
}
END_TEST

static const char good_jsonl[] =
"{\"form\":\"household\",\"values\":{\"address\":\"和平路1号\",\"grid\":\"001\","
"\"members.1.name\":\"马一\",\"members.1.id_card\":\"" ID1 "\","
"\"members.1.sex\":\"2\",\"rooms\":4,\"note\":\"l1\\nl2\\u0009\","
"\"tags\":null}}\n"
"\n"
"   \r\n"
"{\"form\":\"household\",\"id\":\"HH-000777\",\"rev\":5,\"state\":\"moved\","
"\"grid\":\"002\",\"created\":\"2026-01-01T00:00:00Z\",\"updated\":"
"\"2026-01-02T00:00:00Z\",\"created_by\":\"x\",\"updated_by\":\"y\","
"\"values\":{\"address\":\"和平路2号\",\"grid\":\"002\",\"members.1.name\":"
"\"马二\",\"members.1.id_card\":\"" ID2 "\"}}\r\n";

START_TEST(test_import_jsonl)
{
	struct session *s = open_as("clerk1");
	struct app_import imp;
	struct record *r;
	char *p;

	ck_assert_int_eq(import(s, APP_FMT_JSONL, good_jsonl, false, &p,
	    &imp), 0);
	ck_assert_str_eq(p, "");
	free(p);
	ck_assert_uint_eq(imp.rows, 2);
	ck_assert_uint_eq(imp.imported, 2);
	app_import_clear(&imp);
	r = get(s, "HH-000001");
	ck_assert_str_eq(record_get(r, "rooms"), "4");
	ck_assert_str_eq(record_get(r, "note"), "l1\nl2");	/* trimmed */
	ck_assert_ptr_null(record_get(r, "tags"));
	ck_assert_str_eq(r->cuser, "clerk1");
	record_free(r);
	/* Meta keys of get --json ignored but the state; new id given. */
	r = get(s, "HH-000002");
	ck_assert_str_eq(r->state, "moved");
	ck_assert_str_eq(r->cuser, "clerk1");
	ck_assert_uint_eq(r->rev, 2);
	record_free(r);
	ck_assert_int_eq(app_check(s, stderr), 0);
	app_close(s);
}
END_TEST

/* GB18030 bytes of a CSV as old Excel saves it. */
START_TEST(test_import_gb18030)
{
	/* address,grid,members.1.name / 和平路12号,001,马晓燕 */
	static const char gb[] = "address,grid,members.1.name\r\n"
	    "\xba\xcd\xc6\xbd\xc2\xb7" "12\xba\xc5,001,\xc2\xed\xcf\xfe"
	    "\xd1\xe0\r\n";
	struct session *s = open_as("admin");
	struct app_import imp;
	struct diags d = DIAGS_INIT;
	struct record *r;

	memset(&imp, 0, sizeof imp);
	imp.file = "old.csv";
	imp.format = APP_FMT_CSV;
	ck_assert_int_eq(app_import(s, hh(s), gb, sizeof gb - 1, &imp, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_str_eq(imp.encoding, "GB18030");
	app_import_clear(&imp);
	r = get(s, "HH-000001");
	ck_assert_str_eq(record_get(r, "address"), "和平路12号");
	ck_assert_str_eq(record_get(r, "members.1.name"), "马晓燕");
	record_free(r);
	app_close(s);
}
END_TEST

/* ---- bad imports: exact messages, nothing written ---- */

static const struct {
	const char	*title;
	enum app_format	 fmt;
	const char	*in;
	const char	*want;		/* "LINE:COL: msg\n"... */
} bad_cases[] = {
	{ "unknown and bad headers", APP_FMT_CSV,
	    "adress,grid,members.0.name,members,members.1,address.x,"
	    "members.4.name,members.1.nmae\n"
	    "x,001,a,b,c,d,e,f\n",
	    "1:1: adress: no field 'adress' in form household; did you mean "
	    "'address'?\n"
	    "1:3: members.0.name: member numbers start at 1 (members.1.name)\n"
	    "1:4: members: 'members' is a group: name a member's field such "
	    "as members.1.name\n"
	    "1:5: members.1: name a field of member 1: members.1.name\n"
	    "1:6: address.x: 'address' is a field, not a group of members\n"
	    "1:7: members.4.name: member 4 is beyond the 3 allowed in "
	    "members\n"
	    "1:8: members.1.nmae: no field 'nmae' in group members; did you "
	    "mean 'name'?\n"
	    "2: address: is required\n"
	    "2: members: at least 1 member required (got 0)\n" },
	{ "same column twice", APP_FMT_CSV,
	    "address,地址,grid,members.1.name\nx,y,001,a\n",
	    "1:2: 地址: the same field as column 1 (address)\n" },
	{ "values refused, in column order", APP_FMT_CSV,
	    "address,grid,rooms,tags,members.1.name,members.1.id_card,"
	    "members.1.sex,members.1.born\n"
	    "和平路1号,001,0,\"甲,丁\",马," ID3 ",未知,2026-02-30\n"
	    "和平路2号,001,2,,,,,\n",
	    "2:3: rooms: must be at least 1 (got 0)\n"
	    "2:4: tags: '丁' is not one of: a 甲, b 乙, c 丙\n"
	    "2:6: members.1.id_card: check digit should be 6, not 9\n"
	    "2:7: members.1.sex: '未知' is not one of: 1 男, 2 女\n"
	    "2:8: members.1.born: 2026-02-30 is not a real date (2026-02 has "
	    "28 days)\n"
	    "3: members: at least 1 member required (got 0)\n" },
	{ "required empty cell has its column", APP_FMT_CSV,
	    "address,grid,members.1.name,members.2.name\n"
	    ",001,a,\n"
	    "x,001,,b\n",
	    "2:1: address: is required\n"
	    "3:3: members.1.name: is required\n" },
	{ "grid not in config, and beyond the header", APP_FMT_CSV,
	    "address,grid,members.1.name\nx,009,a,extra,\n",
	    "2:2: grid: 009 is not a grid of %CONFIG%; grids: 001, 002\n"
	    "2:4: a value in column 4, beyond the 3 columns of the header\n" },
	{ "duplicates in the file", APP_FMT_CSV,
	    "address,grid,members.1.name,members.1.id_card,members.2.name,"
	    "members.2.id_card\n"
	    "x,001,a," ID1 ",,\n"
	    "y,001,b," ID2 ",c," ID1 "\n"
	    "z,001,d,110105194912310021,e,11010519491231002x\n",
	    "3:6: members.2.id_card: " ID1 " is also on line 2 of this file\n"
	    "4:4: members.1.id_card: check digit should be X, not 1\n"
	    "4:6: members.2.id_card: " ID1 " is also on line 2 of this file\n" },
	{ "duplicate within one record", APP_FMT_CSV,
	    "address,grid,members.1.name,members.1.id_card,members.2.name,"
	    "members.2.id_card\n"
	    "x,001,a," ID4 ",b," ID4 "\n",
	    "2:6: members.2.id_card: same as members.1.id_card (" ID4 ")\n" },
	{ "bad state", APP_FMT_CSV,
	    "address,grid,members.1.name,state\nx,001,a,gone\n",
	    "2:4: state: no state 'gone' in form household; states: active, "
	    "moved\n" },
	{ "quote not closed", APP_FMT_CSV,
	    "address,grid,members.1.name\nx,001,a\n\"y,001,b\n",
	    "3:1: quoted cell not closed: no '\"' after the one here\n" },
	{ "empty csv", APP_FMT_CSV, "",
	    "the file is empty: a CSV import needs a header row of field "
	    "names (address,grid,members.1.name,...)\n" },
	{ "not text", APP_FMT_CSV, "address\n\xff\xfe\xfd\n",
	    "2:1: byte 0xff is neither UTF-8 nor GB18030 text\n" },
	{ "json syntax and shapes", APP_FMT_JSONL,
	    "{\"form\":\"household\",\"values\":{\"address\":\"x\",}}\n"
	    "[1]\n"
	    "{\"form\":\"mediation\",\"values\":{}}\n"
	    "{\"values\":{\"address\":\"x\",\"grid\":\"001\","
	    "\"members.1.name\":[\"a\"]},\"address\":\"y\"}\n"
	    "{\"form\":\"household\"}\n",
	    "1:45: expected a key in quotes, found '}'\n"
	    "2:1: expected an object {\"form\": ..., \"values\": {...}}, found "
	    "an array\n"
	    "3:9: form: this line is a mediation record; importing into "
	    "household\n"
	    "3: grid: is required\n"
	    "3: address: is required\n"
	    "3: members: at least 1 member required (got 0)\n"
	    "4:56: members.1.name: expected a string, found an array\n"
	    "4:73: address: unknown key (a line holds \"form\", \"values\": "
	    "{field: value}, and optionally the meta keys of `get --json`); "
	    "field values go inside \"values\"\n"
	    "4: members: at least 1 member required (got 0)\n"
	    "5:1: no \"values\" object on this line\n" },
	{ "json value columns count characters", APP_FMT_JSONL,
	    "{\"values\":{\"地址\":\"x\",\"grid\":\"001\",\"members.1.name\":"
	    "\"马\",\"members.1.sex\":\"未知\"}}\n",
	    "1:71: members.1.sex: '未知' is not one of: 1 男, 2 女\n" },
};

START_TEST(test_import_bad)
{
	struct session *s = open_as("admin");
	struct audit_tally before, after;
	struct buf want = BUF_INIT;
	const char *w, *cfg;
	char *p;

	/* One record there before, so "nothing written" means something. */
	ck_assert_int_eq(import(s, APP_FMT_CSV, "address,grid,members.1.name\n"
	    "old,002,老\n", false, &p, NULL), 0);
	free(p);
	before = tally(s);
	ck_assert_int_eq(import(s, bad_cases[_i].fmt, bad_cases[_i].in, false,
	    &p, NULL), GB_EINVAL);
	/* %CONFIG% is the config's path. */
	w = bad_cases[_i].want;
	if ((cfg = strstr(w, "%CONFIG%")) != NULL) {
		buf_add(&want, w, (size_t)(cfg - w));
		buf_addf(&want, "%s/gridbook.yaml%s", tdir, cfg + 8);
		w = buf_str(&want);
	}
	ck_assert_msg(strcmp(p, w) == 0, "%s:\n got [%s]\nwant [%s]",
	    bad_cases[_i].title, p, w);
	ck_assert_msg(strstr(app_errmsg(s), "in: not") == app_errmsg(s) ||
	    strstr(app_errmsg(s), "in: nothing imported") == app_errmsg(s),
	    "%s", app_errmsg(s));
	free(p);
	buf_free(&want);
	/* Nothing written: the records and the audit trail as before. */
	ck_assert_uint_eq(count(s), 1);
	after = tally(s);
	ck_assert_uint_eq(after.n, before.n);
	/* And the dry run says the same. */
	ck_assert_int_eq(import(s, bad_cases[_i].fmt, bad_cases[_i].in, true,
	    &p, NULL), GB_EINVAL);
	ck_assert(*p != '\0');
	free(p);
	app_close(s);
}
END_TEST

START_TEST(test_import_dry_run)
{
	struct session *s = open_as("admin");
	struct app_import imp;
	char *p;

	ck_assert_int_eq(import(s, APP_FMT_CSV, good_csv, true, &p, &imp), 0);
	ck_assert_str_eq(p, "");
	free(p);
	ck_assert_uint_eq(imp.rows, 3);
	ck_assert_uint_eq(imp.imported, 0);
	ck_assert_ptr_null(imp.first);
	ck_assert_uint_eq(count(s), 0);
	ck_assert_uint_eq(tally(s).n, 0);
	app_import_clear(&imp);
	app_close(s);
}
END_TEST

/* A leader imports into their grid only; a holder in another grid is not
 * named. */
START_TEST(test_import_leader)
{
	struct session *a = open_as("admin"), *l;
	char *p;

	ck_assert_int_eq(import(a, APP_FMT_CSV, "address,grid,members.1.name,"
	    "members.1.id_card\nold,002,老," ID1 "\n", false, &p, NULL), 0);
	free(p);
	app_close(a);
	l = open_as("leader1");
	ck_assert_int_eq(import(l, APP_FMT_CSV, "address,grid,members.1.name,"
	    "members.1.id_card\nx,002,a,\ny,001,b," ID1 "\nz,,c,\n", false, &p,
	    NULL), GB_EINVAL);
	ck_assert_str_eq(p,
	    "2:2: grid: you (leader1) may import only records of your grids: "
	    "001\n"
	    "3:4: members.1.id_card: " ID1 " is already registered in a "
	    "household of another grid\n");
	free(p);
	/* An empty grid is the leader's one grid (app_blank). */
	ck_assert_int_eq(import(l, APP_FMT_CSV, "address,grid,members.1.name\n"
	    "z,,c\n", false, &p, NULL), 0);
	free(p);
	ck_assert_uint_eq(count(l), 2);
	app_close(l);
}
END_TEST

/* A tiny map: store_write grows it and reruns the whole import, which must
 * come out exactly once. */
START_TEST(test_import_map_growth)
{
	struct session *s;
	struct app_import imp;
	struct buf b = BUF_INIT;
	struct record *r;
	char d17[18], *p, hid[16];
	int i;

	setenv("GRIDBOOK_MAPSIZE", "256K", 1);
	s = open_as("admin");
	buf_adds(&b, "address,grid,members.1.name,members.1.id_card,note\n");
	for (i = 0; i < 400; i++) {
		snprintf(d17, sizeof d17, "11010519800101%03d", i);
		buf_addf(&b, "和平路%d号,00%d,人%d,%s%c,%s\n", i, 1 + i % 2, i,
		    d17, idcard_check_char(d17), "一段很长的备注文字，"
		    "用来让数据库的映射尽快写满，从而必须扩大后重新执行整个导入。");
	}
	ck_assert_int_eq(import(s, APP_FMT_CSV, b.p, false, &p, &imp), 0);
	ck_assert_str_eq(p, "");
	free(p);
	ck_assert_uint_eq(imp.imported, 400);
	ck_assert_str_eq(imp.last, "HH-000400");
	app_import_clear(&imp);
	ck_assert_uint_eq(count(s), 400);
	ck_assert(store_mapsize(s->st) > 256 * 1024);
	for (i = 1; i <= 400; i += 133) {
		snprintf(hid, sizeof hid, "HH-%06d", i);
		r = get(s, hid);
		snprintf(d17, sizeof d17, "人%d", i - 1);
		ck_assert_str_eq(record_get(r, "members.1.name"), d17);
		record_free(r);
	}
	ck_assert_uint_eq(tally(s).create, 400);
	ck_assert_uint_eq(tally(s).import, 1);
	ck_assert_int_eq(app_check(s, stderr), 0);
	buf_free(&b);
	app_close(s);
	unsetenv("GRIDBOOK_MAPSIZE");
}
END_TEST

/* ---- export ---- */

static char *
export(struct session *s, enum app_format fmt, const char *const *where,
    size_t nwhere, int *rc, size_t *n)
{
	struct app_export ex;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	memset(&ex, 0, sizeof ex);
	ex.format = fmt;
	ex.where = where;
	ex.nwhere = nwhere;
	*rc = app_export(s, hh(s), &ex, fp);
	fclose(fp);
	if (n != NULL)
		*n = ex.count;
	return out;
}

START_TEST(test_export_csv)
{
	struct session *s = open_as("admin");
	char *p, *out;
	int rc;
	size_t n;

	ck_assert_int_eq(import(s, APP_FMT_CSV, good_csv, false, &p, NULL), 0);
	free(p);
	out = export(s, APP_FMT_CSV, NULL, 0, &rc, &n);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(out,
	    "id,state,grid,address,rooms,tags,members.1.name,members.1.id_card,"
	    "members.1.sex,members.1.born,members.2.name,members.2.sex\n"
	    "HH-000001,active,001,和平路1号,3,\"a,b\",马一," ID1 ",2,1949-12-31,"
	    "马小一,1\n"
	    "HH-000002,moved,002,\"和平路2号, 后院\",,,马二," ID2 ",1,,,\n"
	    "HH-000003,active,001,和平路3号,1,,\"马\"\"三\"\"\",,1,,,\n");
	free(out);
	ck_assert_uint_eq(tally(s).export, 1);
	ck_assert_str_eq(tally(s).last, "export format=csv");
	app_close(s);
}
END_TEST

START_TEST(test_export_jsonl)
{
	struct session *s = open_as("admin");
	struct record *r;
	struct buf b = BUF_INIT;
	char *p, *out;
	int rc;

	ck_assert_int_eq(import(s, APP_FMT_CSV, good_csv, false, &p, NULL), 0);
	free(p);
	out = export(s, APP_FMT_JSONL, NULL, 0, &rc, NULL);
	ck_assert_int_eq(rc, 0);
	r = get(s, "HH-000001");
	app_record_json(&b, hh(s), r);
	buf_addc(&b, '\n');
	ck_assert(strncmp(out, b.p, b.len) == 0);
	ck_assert(strstr(b.p, "{\"form\":\"household\",\"id\":\"HH-000001\","
	    "\"rev\":1,\"state\":\"active\",\"grid\":\"001\",\"created\":\"")
	    == b.p);
	ck_assert(strstr(b.p, "\"created_by\":\"admin\",\"updated_by\":"
	    "\"admin\",\"values\":{\"address\":\"和平路1号\",\"grid\":\"001\","
	    "\"members.1.born\":\"1949-12-31\"") != NULL);
	record_free(r);
	buf_free(&b);
	free(out);
	app_close(s);
}
END_TEST

START_TEST(test_export_excel)
{
	struct session *s = open_as("admin");
	struct app_export ex;
	char *p, *out = NULL;
	size_t len = 0;
	FILE *fp;

	ck_assert_int_eq(import(s, APP_FMT_CSV, "address,grid,members.1.name,"
	    "note\n=HYPERLINK(\"x\"),001,+a,-12\n@SUM(A1),001,-,-1.5x\n",
	    false, &p, NULL), 0);
	free(p);
	memset(&ex, 0, sizeof ex);
	ex.format = APP_FMT_CSV;
	ex.excel = true;
	fp = open_memstream(&out, &len);
	ck_assert_int_eq(app_export(s, hh(s), &ex, fp), 0);
	fclose(fp);
	ck_assert_str_eq(out, "\xef\xbb\xbfid,state,grid,address,note,"
	    "members.1.name\r\n"
	    "HH-000001,active,001,\"'=HYPERLINK(\"\"x\"\")\",-12,'+a\r\n"
	    "HH-000002,active,001,'@SUM(A1),'-1.5x,'-\r\n");
	free(out);
	app_close(s);
}
END_TEST

static const struct {
	const char	*where[2];
	const char	*want;		/* the ids exported, or an error */
} where_cases[] = {
	{ { "grid=001" }, "HH-000001 HH-000003" },
	{ { "grid=001", "rooms=3" }, "HH-000001" },
	{ { "state=moved" }, "HH-000002" },
	{ { "state=在册" }, "HH-000001 HH-000003" },
	{ { "members.name=马小一" }, "HH-000001" },
	{ { "members.2.name=马小一" }, "HH-000001" },
	{ { "members.1.name=马小一" }, "" },
	{ { "members.sex=女" }, "HH-000001" },
	{ { "tags=甲" }, "HH-000001" },
	{ { "tags=a,b" }, "HH-000001" },
	{ { "tags=c" }, "" },
	{ { "tags=" }, "HH-000002 HH-000003" },
	{ { "id=hh-000002" }, "HH-000002" },
	{ { "address=和平路2号，后院" }, "" },
	{ { "address=和平路2号, 后院" }, "HH-000002" },
	{ { "adress=x" }, "error: --where adress=x: no field 'adress' in form "
	    "household; did you mean 'address'?" },
	{ { "members=x" }, "error: --where members=x: members is a group and "
	    "holds no value; name one of its fields (members.name)" },
	{ { "rooms=many" }, "error: --where rooms=many: " },
	{ { "state=gone" }, "error: --where state=gone: no such state in form "
	    "household" },
	{ { "grid" }, "error: --where 'grid': expected FIELD=VALUE" },
};

START_TEST(test_export_where)
{
	struct session *s = open_as("admin");
	const char *want = where_cases[_i].want;
	struct buf got = BUF_INIT;
	char *p, *out, *line;
	size_t nw = where_cases[_i].where[1] != NULL ? 2 : 1, n0;
	int rc;

	ck_assert_int_eq(import(s, APP_FMT_CSV, good_csv, false, &p, NULL), 0);
	free(p);
	n0 = tally(s).n;
	out = export(s, APP_FMT_JSONL, where_cases[_i].where, nw, &rc, NULL);
	if (strncmp(want, "error: ", 7) == 0) {
		ck_assert_int_eq(rc, GB_EINVAL);
		ck_assert_msg(strncmp(app_errmsg(s), want + 7,
		    strlen(want + 7)) == 0, "[%s] not [%s]", app_errmsg(s),
		    want + 7);
		ck_assert_str_eq(out, "");
		ck_assert_uint_eq(tally(s).n, n0);	/* no audit entry */
	} else {
		ck_assert_int_eq(rc, 0);
		for (line = out; (line = strstr(line, "\"id\":\"")) != NULL;
		    line += 6)
			buf_addf(&got, "%s%.9s", got.len > 0 ? " " : "",
			    line + 6);
		ck_assert_msg(strcmp(buf_str(&got), want) == 0, "%s: got [%s]",
		    where_cases[_i].where[0], buf_str(&got));
		ck_assert_uint_eq(tally(s).n, n0 + 1);
	}
	buf_free(&got);
	free(out);
	app_close(s);
}
END_TEST

START_TEST(test_export_leader)
{
	struct session *a = open_as("admin"), *l;
	struct audit_tally at;
	char *p, *out;
	int rc;
	size_t n;

	ck_assert_int_eq(import(a, APP_FMT_CSV, good_csv, false, &p, NULL), 0);
	free(p);
	app_close(a);
	l = open_as("leader1");
	out = export(l, APP_FMT_CSV, NULL, 0, &rc, &n);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(n, 2);
	ck_assert(strstr(out, "和平路1号") != NULL);
	ck_assert(strstr(out, "和平路3号") != NULL);
	ck_assert(strstr(out, "和平路2号") == NULL);
	ck_assert(strstr(out, ID2) == NULL);
	free(out);
	/* Their own export is in their view of the trail. */
	at = tally(l);
	ck_assert_uint_eq(at.export, 1);
	app_close(l);
}
END_TEST

/* Export, import into an empty database: the same values, states, ids. */
static void
roundtrip(enum app_format fmt)
{
	struct session *a = open_as("admin"), *b;
	char *p, *out, *out2;
	int rc;

	ck_assert_int_eq(import(a, APP_FMT_CSV, good_csv, false, &p, NULL), 0);
	free(p);
	out = export(a, fmt, NULL, 0, &rc, NULL);
	ck_assert_int_eq(rc, 0);
	b = open_db("admin", "db2");
	ck_assert_int_eq(import(b, fmt, out, false, &p, NULL), 0);
	ck_assert_str_eq(p, "");
	free(p);
	out2 = export(b, fmt, NULL, 0, &rc, NULL);
	ck_assert_int_eq(rc, 0);
	if (fmt == APP_FMT_CSV)
		ck_assert_str_eq(out2, out);
	else {
		/* The same but for the times. */
		char *x, *y;

		for (x = out, y = out2; *x != '\0' && *y != '\0'; x++, y++)
			if (strncmp(x, "\"created\":", 10) == 0) {
				x = strstr(x, "\"created_by\"");
				y = strstr(y, "\"created_by\"");
			} else if (*x != *y)
				break;
		ck_assert_msg(*x == '\0' && *y == '\0', "differ at [%.40s] "
		    "[%.40s]", x, y);
	}
	free(out);
	free(out2);
	ck_assert_int_eq(app_check(b, stderr), 0);
	app_close(a);
	app_close(b);
}

START_TEST(test_roundtrip_csv)
{
	roundtrip(APP_FMT_CSV);
}
END_TEST

START_TEST(test_roundtrip_jsonl)
{
	roundtrip(APP_FMT_JSONL);
}
END_TEST

/* ---- inputs that once broke the fuzzer, through the same harness ---- */

#include "../fuzz/fuzz_import.c"

START_TEST(test_fuzz_regress)
{
	const char *dir = "tests/fuzz-regress/import";
	struct dirent *de;
	struct buf b = BUF_INIT;
	char path[600], chunk[4096];
	size_t n, files = 0;
	FILE *fp;
	DIR *dp;

	dp = opendir(dir);
	ck_assert_msg(dp != NULL, "%s: run the suite from the source root",
	    dir);
	LLVMFuzzerInitialize(NULL, NULL);
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		ck_assert_ptr_nonnull(fp = fopen(path, "rb"));
		buf_reset(&b);
		while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			buf_add(&b, chunk, n);
		fclose(fp);
		LLVMFuzzerTestOneInput((const uint8_t *)b.p, b.len);
		files++;
	}
	closedir(dp);
	ck_assert_msg(files > 0, "no inputs in %s", dir);
	buf_free(&b);
	fuzz_import_done();
}
END_TEST

static Suite *
import_suite(void)
{
	Suite *s = suite_create("app-import");
	TCase *tc;

	tc = tcase_create("import");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_import_csv);
	tcase_add_test(tc, test_import_jsonl);
	tcase_add_test(tc, test_import_gb18030);
	tcase_add_loop_test(tc, test_import_bad, 0, nitems(bad_cases));
	tcase_add_test(tc, test_import_dry_run);
	tcase_add_test(tc, test_import_leader);
	tcase_add_test(tc, test_import_map_growth);
	suite_add_tcase(s, tc);

	tc = tcase_create("export");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_export_csv);
	tcase_add_test(tc, test_export_jsonl);
	tcase_add_test(tc, test_export_excel);
	tcase_add_loop_test(tc, test_export_where, 0, nitems(where_cases));
	tcase_add_test(tc, test_export_leader);
	tcase_add_test(tc, test_roundtrip_csv);
	tcase_add_test(tc, test_roundtrip_jsonl);
	suite_add_tcase(s, tc);

	tc = tcase_create("fuzz-regress");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_fuzz_regress);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(import_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
