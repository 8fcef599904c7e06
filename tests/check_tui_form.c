/*
 * check_tui_form.c — the form screen (tui-form*.c, tui-group.c) driven key
 * by key through screen_form.key on a real session (a mkdtemp database and
 * a small form written here), without a terminal: nothing here paints.
 *
 * Checked: the Tab order and the new-member stop (typing there adds the
 * member with its defaults, leaving it empty goes past the group, the
 * group's max ends it), show_if applied as a bool changes, a bad date kept
 * on its field with the error noted, the ID number filling sex and birth,
 * choices typed as a code, a label or an unambiguous part of one, a
 * duplicate ID flagged within the record and against the store while it
 * is typed, the first printable key replacing a value, save errors
 * focusing the first missing field, batch entry with the carried grid and
 * the focus after it, drafts on hangup, member summaries and emptied
 * members, and the zh table keeping the English printf conversions.
 */
#include <check.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tui-form.h"

static const char form_yaml[] =
"form: hh\n"
"version: 1\n"
"title: {zh: 住户, en: Households}\n"
"id: \"H-{seq:04}\"\n"
"scope: grid\n"
"lists:\n"
"  rel:\n"
"    - {code: \"02\", zh: 户主, en: Head}\n"
"    - {code: \"10\", zh: 配偶, en: Spouse}\n"
"    - {code: \"20\", zh: 子, en: Son}\n"
"  sexes:\n"
"    - {code: \"1\", zh: 男, en: Male}\n"
"    - {code: \"2\", zh: 女, en: Female}\n"
"  kinds:\n"
"    - {code: \"01\", zh: 户籍人口, en: Registered}\n"
"    - {code: \"02\", zh: 流动人口, en: Migrant}\n"
"fields:\n"
"  - {name: address, type: text, label: {zh: 住址, en: Address},"
" required: true, index: true}\n"
"  - {name: grid, type: text, label: 网格, required: true, carry: true}\n"
"  - {name: rented, type: bool, label: 出租, default: false}\n"
"  - {name: landlord, type: text, label: 房东, required: true,"
" show_if: \"rented = true\"}\n"
"  - {name: checked, type: date, label: 核查日期, max: today}\n"
"  - name: members\n"
"    type: group\n"
"    label: {zh: 成员, en: Members}\n"
"    repeat: {min: 1, max: 2}\n"
"    fields:\n"
"      - {name: name, type: text, label: 姓名, required: true, index: true}\n"
"      - {name: kind, type: choice, label: 类别, choices: kinds,"
" default: \"01\"}\n"
"      - {name: id_card, type: idcard, label: 身份证号, unique: true}\n"
"      - {name: sex, type: choice, label: 性别, choices: sexes}\n"
"      - {name: birth, type: date, label: 出生日期}\n"
"      - {name: relation, type: choice, label: 与户主关系, choices: rel,"
" required: true}\n"
"workflow:\n"
"  initial: active\n"
"  states:\n"
"    - {name: active, zh: 在册, en: Registered}\n"
"    - {name: moved, zh: 迁出, en: Moved}\n"
"  transitions:\n"
"    - {from: active, to: moved}\n";

static const char config_yaml[] =
"community: 测试社区\n"
"lang: zh\n"
"grids:\n"
"  - {code: \"001\", name: 第一网格}\n"
"  - {code: \"002\", name: 第二网格}\n"
"users:\n"
"  - {login: clerk1, role: clerk}\n"
"  - {login: leader1, role: leader, grids: [\"001\"]}\n"
"  - {login: leader2, role: leader, grids: [\"001\", \"002\"]}\n";

#define ID1 "11010519491231002X"	/* a woman born 1949-12-31 */
#define ID2 "440524198001010013"	/* a man born 1980-01-01 */

static char tdir[256];
static struct tui T;
static struct fstate *FS;

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[400];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	ck_assert_msg(fp != NULL, "cannot write %s", path);
	fputs(text, fp);
	fclose(fp);
}

static void
setup(void)
{
	struct app_opts o;
	struct diags d = DIAGS_INIT;
	char forms[300], db[300], cfg[300], *msg = NULL;

	snprintf(tdir, sizeof tdir, "%s/check_tui_form.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tdir));
	snprintf(forms, sizeof forms, "%s/forms", tdir);
	ck_assert_int_eq(mkdir(forms, 0700), 0);
	write_file(forms, "hh.yaml", form_yaml);
	write_file(tdir, "gridbook.yaml", config_yaml);
	setenv("GRIDBOOK_TODAY", "2026-12-04", 1);
	snprintf(db, sizeof db, "%s/db", tdir);
	snprintf(cfg, sizeof cfg, "%s/gridbook.yaml", tdir);
	memset(&o, 0, sizeof o);
	o.db = db;
	o.forms = forms;
	o.config = cfg;
	o.user = "clerk1";
	memset(&T, 0, sizeof T);
	if (app_open(&o, &T.s, &msg, &d) != 0) {
		diags_print(&d, stderr);
		ck_abort_msg("app_open: %s", msg);
	}
	diags_free(&d);
	T.lang = "zh";
	T.rows = 24;
	T.cols = 80;
	FS = NULL;
}

/* The session again as another user (same database and forms). */
static void
reopen_as(const char *user)
{
	struct app_opts o;
	struct diags d = DIAGS_INIT;
	char forms[300], db[300], cfg[300], *msg = NULL;

	if (FS != NULL)
		screen_form.free(FS);
	FS = NULL;
	app_close(T.s);
	snprintf(forms, sizeof forms, "%s/forms", tdir);
	snprintf(db, sizeof db, "%s/db", tdir);
	snprintf(cfg, sizeof cfg, "%s/gridbook.yaml", tdir);
	memset(&o, 0, sizeof o);
	o.db = db;
	o.forms = forms;
	o.config = cfg;
	o.user = user;
	if (app_open(&o, &T.s, &msg, &d) != 0) {
		diags_print(&d, stderr);
		ck_abort_msg("app_open as %s: %s", user, msg);
	}
	diags_free(&d);
}

static void
teardown(void)
{
	char cmd[400];

	if (FS != NULL)
		screen_form.free(FS);
	FS = NULL;
	free(T.message);
	app_close(T.s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tdir);
}

/* Open the form: a new record (rec NULL) or rec. */
static void
open_form(struct record *rec, bool batch)
{
	struct tui_form_arg a;

	if (FS != NULL)
		screen_form.free(FS);
	a.form = app_form(T.s, "hh");
	ck_assert_ptr_nonnull(a.form);
	a.rec = rec;
	a.batch = batch;
	FS = screen_form.init(&T, &a);
	ck_assert_ptr_nonnull(FS);
}

static enum tui_ret
key(bool fn, wint_t code)
{
	struct tui_key k;

	k.fn = fn;
	k.code = code;
	free(T.message);
	T.message = NULL;
	return screen_form.key(&T, FS, &k);
}

/* Type UTF-8 text; "\t" is Tab, "\n" Enter. */
static void
type(const char *s)
{
	uint32_t cp;
	size_t n;

	while (*s != '\0') {
		n = utf8_decode(s, strlen(s), &cp);
		ck_assert_uint_gt(n, 0);
		key(false, cp);
		s += n;
	}
}

static const char *
focus(void)
{
	struct fitem *it = tform_cur(FS);

	return it != NULL ? it->path : "";
}

static bool
phantom(void)
{
	struct fitem *it = tform_cur(FS);

	return it != NULL && it->phantom;
}

static const char *
val(const char *path)
{
	return record_get(FS->rec, path);
}

static bool
has_item(const char *path)
{
	size_t i;

	for (i = 0; i < FS->nitems; i++)
		if (strcmp(FS->items[i].path, path) == 0)
			return true;
	return false;
}

/* A new household typed to the new-member stop with one member. */
static void
type_household(const char *addr, const char *grid, const char *name,
    const char *id, const char *rel)
{
	type(addr);
	type("\t");
	if (grid != NULL)
		type(grid);
	type("\t\t\t");			/* grid, rented, checked */
	ck_assert_msg(phantom(), "at %s", focus());
	type(name);
	type("\t\t");			/* name, kind */
	type(id);
	type("\t\t\t");			/* id, sex, birth */
	type(rel);
	type("\t");
	ck_assert_msg(phantom(), "at %s", focus());
}

START_TEST(test_tab_order)
{
	open_form(NULL, false);
	ck_assert_str_eq(focus(), "address");
	ck_assert(!has_item("landlord"));	/* show_if false */
	type("解放路12号\t");
	ck_assert_str_eq(val("address"), "解放路12号");
	ck_assert_str_eq(focus(), "grid");
	type("001\t\t\t");
	/* Past the top fields: the first member's name, a new-member stop. */
	ck_assert_str_eq(focus(), "members.1.name");
	ck_assert(phantom());
	ck_assert_uint_eq(record_group_count(FS->rec, "members"), 0);
	/* Leaving it empty goes past the group: nothing follows, so stay. */
	type("\t");
	ck_assert_str_eq(focus(), "members.1.name");
	/* Typing adds the member, with its defaults, and goes on into it. */
	type("张三\t");
	ck_assert_uint_eq(record_group_count(FS->rec, "members"), 1);
	ck_assert_str_eq(val("members.1.name"), "张三");
	ck_assert_str_eq(val("members.1.kind"), "01");
	ck_assert_str_eq(focus(), "members.1.kind");
	ck_assert(!phantom());
	ck_assert(has_item("members.2.name"));
	/* Shift-Tab goes back into the member. */
	key(true, KEY_BTAB);
	ck_assert_str_eq(focus(), "members.1.name");
	type("\t\t" ID1 "\t\t\t02\t");
	ck_assert_str_eq(focus(), "members.2.name");
	ck_assert(phantom());
	type("李四\t\t" ID2 "\t\t\t10\n");
	/* max 2 members: no new-member stop after the second. */
	ck_assert_uint_eq(record_group_count(FS->rec, "members"), 2);
	ck_assert(!has_item("members.3.name"));
	ck_assert_str_eq(focus(), "members.2.relation");
	ck_assert_str_eq(val("members.2.relation"), "10");
}
END_TEST

START_TEST(test_show_if_live)
{
	open_form(NULL, false);
	type("\t\t");
	ck_assert_str_eq(focus(), "rented");
	key(false, 'y');
	ck_assert_str_eq(val("rented"), "1");
	ck_assert(has_item("landlord"));
	type("\t");
	ck_assert_str_eq(focus(), "landlord");
	type("王房东");
	key(true, KEY_UP);
	ck_assert_str_eq(val("landlord"), "王房东");
	key(false, ' ');
	ck_assert_str_eq(val("rented"), "0");
	ck_assert(!has_item("landlord"));
	ck_assert_str_eq(focus(), "rented");
	key(false, ' ');
	ck_assert_str_eq(val("rented"), "1");
	key(true, KEY_BACKSPACE);
	ck_assert_ptr_null(val("rented"));
}
END_TEST

START_TEST(test_date_error_stays)
{
	open_form(NULL, false);
	type("\t\t\t");
	ck_assert_str_eq(focus(), "checked");
	type("2026-13-01\t");
	ck_assert_str_eq(focus(), "checked");
	ck_assert_ptr_null(val("checked"));
	ck_assert_ptr_nonnull(tform_note_get(FS, "checked"));
	ck_assert_ptr_nonnull(T.message);
	ck_assert_ptr_nonnull(strstr(T.message, "核查日期"));
	/* Up does not leave a bad value either. */
	key(true, KEY_UP);
	ck_assert_str_eq(focus(), "checked");
	key(false, TUI_CTRL('U'));
	type("2026年11月30日\t");
	ck_assert_str_eq(val("checked"), "2026-11-30");
	ck_assert_ptr_null(tform_note_get(FS, "checked"));
	ck_assert(phantom());
	/* max: today */
	key(true, KEY_BTAB);
	type("20261225\t");
	ck_assert_str_eq(focus(), "checked");
	ck_assert_str_eq(val("checked"), "2026-11-30");
}
END_TEST

START_TEST(test_idcard_fills_and_choices)
{
	open_form(NULL, false);
	type("\t\t\t\t张三\t");
	ck_assert_str_eq(focus(), "members.1.kind");
	/* A part of a label matching more than one choice is refused... */
	type("人口\t");
	ck_assert_str_eq(focus(), "members.1.kind");
	ck_assert_ptr_nonnull(tform_note_get(FS, "members.1.kind"));
	/* ...one matching a single choice is taken. */
	key(false, TUI_CTRL('U'));
	type("流动\t");
	ck_assert_str_eq(val("members.1.kind"), "02");
	type(ID2 "\t");
	ck_assert_str_eq(val("members.1.sex"), "1");
	ck_assert_str_eq(val("members.1.birth"), "1980-01-01");
	/* The first printable key replaces a value: sex 1 -> 2. */
	ck_assert_str_eq(focus(), "members.1.sex");
	type("2\t");
	ck_assert_str_eq(val("members.1.sex"), "2");
	/* An edit key first: the value is edited in place. */
	key(true, KEY_END);
	type("-02\t");
	ck_assert_str_eq(focus(), "members.1.birth");
	ck_assert_ptr_nonnull(tform_note_get(FS, "members.1.birth"));
	key(false, TUI_CTRL('U'));
	type("1980-01-02\t");
	ck_assert_str_eq(val("members.1.birth"), "1980-01-02");
	type("配偶\t");				/* a whole label */
	ck_assert_str_eq(val("members.1.relation"), "10");
}
END_TEST

START_TEST(test_duplicates_while_typing)
{
	char *hid;
	const char *note;

	open_form(NULL, false);
	type_household("解放路12号", "001", "张三", ID1, "02");
	ck_assert_int_eq(tform_save(&T, FS, false), 0);
	hid = xstrdup(FS->rec->hid);
	ck_assert_str_eq(hid, "H-0001");

	/* The same ID in the same record: flagged as it is typed. */
	open_form(NULL, false);
	type("\t\t\t\t甲\t\t" ID2 "\t\t\t02\t乙\t\t");
	ck_assert_str_eq(focus(), "members.2.id_card");
	type("44052419800101001");
	ck_assert_ptr_null(tform_note_get(FS, "members.2.id_card"));
	type("3");
	note = tform_note_get(FS, "members.2.id_card");
	ck_assert_ptr_nonnull(note);
	ck_assert_msg(strstr(note, "成员 1") != NULL, "%s", note);

	/* An ID another household holds: its hid, before Tab. */
	open_form(NULL, false);
	type("\t\t\t\t丙\t\t" ID1);
	note = tform_note_get(FS, "members.1.id_card");
	ck_assert_ptr_nonnull(note);
	ck_assert_msg(strstr(note, hid) != NULL, "%s", note);
	ck_assert_ptr_nonnull(T.message);
	ck_assert_ptr_nonnull(strstr(T.message, hid));
	/* A bad check digit is said at the 18th character too. */
	key(true, KEY_BACKSPACE);
	type("1");
	note = tform_note_get(FS, "members.1.id_card");
	ck_assert_ptr_nonnull(note);
	ck_assert_ptr_null(strstr(note, hid));
	free(hid);
}
END_TEST

START_TEST(test_save_errors_focus)
{
	open_form(NULL, false);
	type("\t\t");
	ck_assert_str_eq(focus(), "rented");
	key(false, TUI_CTRL('S'));
	ck_assert_uint_eq(FS->rec->id, 0);
	ck_assert_str_eq(focus(), "address");
	ck_assert_ptr_nonnull(tform_note_get(FS, "address"));
	ck_assert_ptr_nonnull(tform_note_get(FS, "grid"));
	ck_assert_ptr_nonnull(tform_note_get(FS, "members"));
	ck_assert_ptr_nonnull(strstr(T.message, "住址"));
	/* Fill the top: the next save goes to the missing member. */
	type("东街1号\t002\t");
	key(true, KEY_F(2));
	ck_assert(phantom());
	type("张三\t");
	key(false, TUI_CTRL('S'));
	ck_assert_str_eq(focus(), "members.1.relation");
	type("02");
	key(false, TUI_CTRL('S'));	/* commits the field being typed */
	ck_assert_uint_ne(FS->rec->id, 0);
	ck_assert_str_eq(FS->rec->hid, "H-0001");
	ck_assert_ptr_nonnull(strstr(T.message, "H-0001"));
	ck_assert(!tform_dirty(FS));
	ck_assert_uint_eq(T.saved_count, 1);
}
END_TEST

START_TEST(test_batch_carry)
{
	struct record *r = NULL;
	const struct form *f;

	open_form(NULL, true);
	type_household("幸福巷1号", "002", "甲", ID1, "02");
	key(false, TUI_CTRL('S'));
	ck_assert_uint_eq(T.saved_count, 1);
	/* A new blank record: the grid carried, the focus on the address. */
	ck_assert_uint_eq(FS->rec->id, 0);
	ck_assert_str_eq(val("grid"), "002");
	ck_assert_ptr_null(val("address"));
	ck_assert_uint_eq(record_group_count(FS->rec, "members"), 0);
	ck_assert_str_eq(focus(), "address");
	ck_assert_ptr_nonnull(strstr(screen_form.title(&T, FS), "已存 1 条"));
	type("幸福巷2号\t\t\t\t乙\t\t" ID2 "\t\t\t02");
	key(true, KEY_F(5));
	ck_assert_uint_eq(T.saved_count, 2);
	f = app_form(T.s, "hh");
	ck_assert_int_eq(app_get(T.s, f, "H-0002", &r), 0);
	ck_assert_str_eq(record_get(r, "grid"), "002");
	ck_assert_str_eq(record_get(r, "address"), "幸福巷2号");
	record_free(r);
}
END_TEST

/* A leader of one grid never types it: the new form, and batch entry's
 * next one, hold it (app_blank fills it; the form keeps it), and the focus
 * starts past it.  A leader of two grids types it. */
START_TEST(test_leader_one_grid)
{
	reopen_as("leader1");
	open_form(NULL, true);
	ck_assert_str_eq(val("grid"), "001");
	ck_assert_str_eq(focus(), "address");
	type("幸福巷9号\t\t\t\t甲\t\t" ID1 "\t\t\t02");
	key(false, TUI_CTRL('S'));
	ck_assert_uint_eq(T.saved_count, 1);
	ck_assert_uint_eq(FS->rec->id, 0);
	ck_assert_str_eq(val("grid"), "001");
	ck_assert_str_eq(focus(), "address");
	reopen_as("leader2");
	open_form(NULL, false);
	ck_assert_ptr_null(val("grid"));
}
END_TEST

/* The audit log and a record's history format a change alike: path
 * labels, state labels, "（空）", ID numbers masked; the _grid meta of a
 * form with a grid field left out. */
START_TEST(test_audit_change)
{
	static const struct {
		const char	*path, *old, *new, *want;
	} c[] = {
		{ "members.2.id_card", NULL, ID1,
		  "成员 2 · 身份证号：（空） → 110105********002X" },
		{ "members.1.id_card", ID2, ID1,
		  "成员 1 · 身份证号：440524********0013 → "
		  "110105********002X" },
		{ "address", "幸福巷1号", NULL, "住址：幸福巷1号 → （空）" },
		{ "members.1.kind", "01", "02",
		  "成员 1 · 类别：户籍人口 → 流动人口" },
		{ "_state", "active", "moved", "状态：在册 → 迁出" },
		{ "_grid", "001", "002", NULL },
	};
	const struct form *f = app_form(T.s, "hh");
	struct change ch;
	size_t i;
	char *s;

	for (i = 0; i < nitems(c); i++) {
		ch.path = (char *)c[i].path;
		ch.old = (char *)c[i].old;
		ch.new = (char *)c[i].new;
		s = tui_audit_change(&T, f, &ch);
		if (c[i].want == NULL)
			ck_assert_ptr_null(s);
		else
			ck_assert_msg(s != NULL && strcmp(s, c[i].want) == 0,
			    "%s: [%s] want [%s]", c[i].path, s, c[i].want);
		free(s);
	}
	/* A form no longer loaded: the path and the value as stored. */
	ch.path = (char *)"_grid";
	s = tui_audit_change(&T, NULL, &ch);
	ck_assert_str_eq(s, "_grid：001 → 002");
	free(s);
	T.ascii = true;
	ch.path = (char *)"address";
	ch.old = NULL;
	s = tui_audit_change(&T, f, &ch);
	ck_assert_str_eq(s, "住址：（空） -> 002");
	free(s);
	T.ascii = false;
}
END_TEST

START_TEST(test_hangup_draft)
{
	struct record *d = NULL;
	int64_t at;
	const struct form *f;

	open_form(NULL, false);
	type("胜利街5号\t003\t\t\t王五\t\t62292319850203");	/* id half */
	type("\t");		/* not an ID: stays, kept out of the draft */
	screen_form.hangup(&T, FS);
	f = app_form(T.s, "hh");
	ck_assert_int_eq(app_draft_load(T.s, f, "new", &d, &at), 0);
	ck_assert_str_eq(record_get(d, "address"), "胜利街5号");
	ck_assert_str_eq(record_get(d, "members.1.name"), "王五");
	ck_assert_ptr_null(record_get(d, "members.1.id_card"));
	/* The draft opens as a new record with the values, unsaved. */
	open_form(d, false);
	ck_assert_str_eq(val("address"), "胜利街5号");
	ck_assert(tform_dirty(FS));
	/* A field being typed is part of the draft when it parses. */
	type("东");
	screen_form.hangup(&T, FS);
	ck_assert_int_eq(app_draft_load(T.s, f, "new", &d, &at), 0);
	ck_assert_str_eq(record_get(d, "address"), "东");
	record_free(d);
}
END_TEST

START_TEST(test_group_helpers)
{
	const struct form *f;
	const struct field *g;
	struct record *r = record_new();
	char *s;

	f = app_form(T.s, "hh");
	g = form_field(f, "members");
	ck_assert_ptr_nonnull(g);
	record_set(r, "members.1.name", "张三");
	record_set(r, "members.1.id_card", ID1);
	record_set(r, "members.1.sex", "2");
	record_set(r, "members.1.relation", "02");
	record_set(r, "members.1.kind", "01");
	record_set(r, "members.2.name", "李四");
	s = group_summary(&T, g, r, 1);
	ck_assert_str_eq(s, " 1. 张三  110105********002X  户主  户籍人口  女");
	free(s);
	group_defaults(g, r, 2);
	ck_assert_str_eq(record_get(r, "members.2.kind"), "01");
	/* The last member emptied just goes; one before others is removed
	 * so the members stay dense. */
	ck_assert(!group_drop_empty(g, r, 1));
	record_set(r, "members.3.name", "王五");
	record_set(r, "members.2.name", NULL);
	record_set(r, "members.2.kind", NULL);
	ck_assert(group_drop_empty(g, r, 2));
	ck_assert_uint_eq(record_group_count(r, "members"), 2);
	ck_assert_str_eq(record_get(r, "members.2.name"), "王五");
	record_free(r);
}
END_TEST

START_TEST(test_show_and_labels)
{
	const struct form *f = app_form(T.s, "hh");
	char *s;

	s = tform_show(&T, form_field(f, "members.relation"), "10");
	ck_assert_str_eq(s, "10 配偶");
	free(s);
	s = tform_show(&T, form_field(f, "rented"), "1");
	ck_assert_str_eq(s, "是");
	free(s);
	s = tform_path_label(&T, f, "members.2.id_card");
	ck_assert_str_eq(s, "成员 2 · 身份证号");
	free(s);
	s = tform_path_label(&T, f, "_state");
	ck_assert_str_eq(s, "状态");
	free(s);
	T.lang = "en";
	s = tform_path_label(&T, f, "address");
	ck_assert_str_eq(s, "Address");
	free(s);
	ck_assert_str_eq(ftr(&T, "saved %s"), "saved %s");
}
END_TEST

/* The zh text of every entry has the English printf conversions, in the
 * same order (the compiler checks calls against the English). */
static void
conversions(const char *s, struct buf *b)
{
	for (; *s != '\0'; s++) {
		if (*s != '%')
			continue;
		s++;
		while (*s != '\0' && strchr("-+ #0123456789.hlzjt", *s) != NULL)
			buf_addc(b, *s++);
		if (*s == '\0')
			break;
		buf_addc(b, *s);
		buf_addc(b, ' ');
	}
}

/* The one table of tui-i18n.c, with the form screens' strings merged in. */
START_TEST(test_ftr_table)
{
	const char *const *en, *const *zh;
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t n, i;

	tr_table(&en, &zh, &n);
	ck_assert_uint_gt(n, 170);
	ck_assert_str_eq(ftr(&T, "members: %u"), "共 %u 人");
	for (i = 0; i < n; i++) {
		buf_reset(&a);
		buf_reset(&b);
		conversions(en[i], &a);
		conversions(zh[i], &b);
		ck_assert_msg(strcmp(buf_str(&a), buf_str(&b)) == 0,
		    "'%s' vs '%s'", en[i], zh[i]);
		ck_assert_msg(utf8_valid(zh[i], strlen(zh[i]), NULL), "%s",
		    en[i]);
		/* Translated (by tr() or this table). */
		ck_assert_msg(strcmp(ftr(&T, en[i]), en[i]) != 0 ||
		    strcmp(zh[i], en[i]) == 0, "%s", en[i]);
	}
	buf_free(&a);
	buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("tui_form");
	TCase *tc = tcase_create("form");
	SRunner *sr;
	int nf;

	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_tab_order);
	tcase_add_test(tc, test_show_if_live);
	tcase_add_test(tc, test_date_error_stays);
	tcase_add_test(tc, test_idcard_fills_and_choices);
	tcase_add_test(tc, test_duplicates_while_typing);
	tcase_add_test(tc, test_save_errors_focus);
	tcase_add_test(tc, test_batch_carry);
	tcase_add_test(tc, test_hangup_draft);
	tcase_add_test(tc, test_leader_one_grid);
	tcase_add_test(tc, test_audit_change);
	tcase_add_test(tc, test_group_helpers);
	tcase_add_test(tc, test_show_and_labels);
	tcase_add_test(tc, test_ftr_table);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
