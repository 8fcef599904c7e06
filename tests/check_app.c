/*
 * check_app.c — the app layer against a real LMDB environment in a mkdtemp
 * directory, with forms and a config written by the test itself (so it does
 * not depend on the shipped forms): records, uniqueness, conflicts,
 * workflow moves, leaders' isolation, search, drafts, check/reindex, the
 * audit trail and map growth.
 */
#include <check.h>
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
"  - {name: address, type: text, label: 地址, required: true, index: true,"
" max: 200}\n"
"  - {name: phone, type: phone, label: 电话, index: true}\n"
"  - {name: note, type: textarea, label: 备注}\n"
"  - name: members\n"
"    type: group\n"
"    label: 成员\n"
"    repeat: {min: 1, max: 20}\n"
"    fields:\n"
"      - {name: name, type: text, label: 姓名, required: true, index: true}\n"
"      - {name: id_card, type: idcard, label: 身份证号, unique: true}\n"
"      - {name: phone, type: phone, label: 电话, index: true}\n"
"list: [id, address, members.name]\n";

static const char dispute_yaml[] =
"form: dispute\n"
"version: 1\n"
"title: {zh: 纠纷, en: Dispute}\n"
"id: \"MD-{year}-{seq:04}\"\n"
"scope: grid\n"
"fields:\n"
"  - {name: grid, type: text, label: 网格, required: true}\n"
"  - {name: summary, type: text, label: 摘要, required: true, index: true}\n"
"  - {name: household, type: ref, ref: household, label: 住户}\n"
"  - {name: agreement, type: textarea, label: 协议,"
" show_if: \"state in [mediating, agreed, closed]\"}\n"
"workflow:\n"
"  initial: received\n"
"  states:\n"
"    - {name: received, zh: 已登记, en: Received}\n"
"    - {name: mediating, zh: 调解中, en: Mediating}\n"
"    - {name: agreed, zh: 达成协议, en: Agreed}\n"
"    - {name: closed, zh: 已归档, en: Closed}\n"
"  transitions:\n"
"    - {from: received, to: mediating, roles: [clerk, leader]}\n"
"    - {from: mediating, to: agreed, roles: [clerk, leader],"
" require: [agreement]}\n"
"    - {from: \"*\", to: closed, roles: [admin]}\n";

static const char notice_yaml[] =
"form: notice\n"
"version: 1\n"
"title: 通知\n"
"id: \"N{seq}\"\n"
"scope: community\n"
"fields:\n"
"  - {name: topic, type: text, label: 主题, required: true, index: true}\n";

static const char config_yaml[] =
"community: 测试社区\n"
"lang: en\n"
"grids:\n"
"  - {code: \"001\", name: 第一网格}\n"
"  - {code: \"002\", name: 第二网格}\n"
"users:\n"
"  - {login: admin, role: admin}\n"
"  - {login: clerk1, role: clerk}\n"
"  - {login: clerk2, role: clerk}\n"
"  - {login: leader1, role: leader, grids: [\"001\"]}\n"
"  - {login: leader2, role: leader, grids: [\"002\"]}\n";

static char tdir[256];

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
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
	char forms[300];

	snprintf(tdir, sizeof tdir, "%s/check_app.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tdir));
	snprintf(forms, sizeof forms, "%s/forms", tdir);
	ck_assert_int_eq(mkdir(forms, 0700), 0);
	write_file(forms, "household.yaml", household_yaml);
	write_file(forms, "dispute.yaml", dispute_yaml);
	write_file(forms, "notice.yaml", notice_yaml);
	write_file(tdir, "gridbook.yaml", config_yaml);
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
open_as(const char *user)
{
	struct app_opts o;
	struct session *s = NULL;
	struct diags d = DIAGS_INIT;
	char db[300], forms[300], cfg[300], *msg = NULL;
	int rc;

	snprintf(db, sizeof db, "%s/db", tdir);
	snprintf(forms, sizeof forms, "%s/forms", tdir);
	snprintf(cfg, sizeof cfg, "%s/gridbook.yaml", tdir);
	memset(&o, 0, sizeof o);
	o.db = db;
	o.forms = forms;
	o.config = cfg;
	o.user = user;
	rc = app_open(&o, &s, &msg, &d);
	if (rc != 0) {
		diags_print(&d, stderr);
		ck_abort_msg("app_open as %s: %s", user, msg);
	}
	ck_assert_msg(s->warnings.n == 0, "spec warnings: %s",
	    s->warnings.n > 0 ? s->warnings.v[0].msg : "");
	diags_free(&d);
	return s;
}

/* A valid GB 11643 number for n (distinct for distinct n < 1000). */
static char *
idno(unsigned n)
{
	char d17[18];

	snprintf(d17, sizeof d17, "11010519800101%03u", n % 1000);
	return xasprintf("%s%c", d17, idcard_check_char(d17));
}

/* A saved household with one member per name. */
static struct record *
add_household(struct session *s, const char *grid, const char *address,
    const char *const *names, const unsigned *ids, size_t n)
{
	const struct form *f = app_form(s, "household");
	struct verrors e = VERRORS_INIT;
	struct record *r;
	char path[64], *id;
	size_t i;
	int rc;

	ck_assert_ptr_nonnull(f);
	r = app_blank(s, f, NULL);
	record_set(r, "grid", grid);
	record_set(r, "address", address);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "members.%zu.name", i + 1);
		record_set(r, path, names[i]);
		if (ids != NULL && ids[i] != 0) {
			snprintf(path, sizeof path, "members.%zu.id_card", i + 1);
			id = idno(ids[i]);
			record_set(r, path, id);
			free(id);
		}
	}
	rc = app_save(s, f, r, &e, NULL);
	ck_assert_msg(rc == 0, "save %s: %s (%s: %s)", address, app_errmsg(s),
	    e.n > 0 ? e.v[0].path : "", e.n > 0 ? e.v[0].msg : "");
	verrors_free(&e);
	return r;
}

static struct record *
add1(struct session *s, const char *grid, const char *address,
    const char *name, unsigned id)
{
	const char *names[1] = { name };
	unsigned ids[1] = { id };

	return add_household(s, grid, address, names, ids, 1);
}

static size_t
count_records(struct session *s, const char *form)
{
	struct store_txn *t;
	size_t n = 0;

	ck_assert_int_eq(store_read(s->st, &t), 0);
	if (store_rec_count(t, form, &n) != 0)
		n = 0;
	store_txn_end(t);
	return n;
}

/* Audit entries, collected. */
struct audits {
	struct app_audit	v[64];
	size_t			n;
};

static int
audit_collect(void *ctx, const struct app_audit *a)
{
	struct audits *as = ctx;
	struct app_audit *c;
	size_t i;

	ck_assert_uint_lt(as->n, 64);
	c = &as->v[as->n++];
	*c = *a;
	c->user = xstrdup(a->user);
	c->form = xstrdup(a->form);
	c->hid = xstrdup(a->hid);
	c->action = xstrdup(a->action);
	memset(&c->changes, 0, sizeof c->changes);
	c->changes.n = c->changes.cap = a->changes.n;
	c->changes.v = xcalloc(a->changes.n + 1, sizeof *c->changes.v);
	for (i = 0; i < a->changes.n; i++) {
		c->changes.v[i].path = xstrdup(a->changes.v[i].path);
		c->changes.v[i].old = a->changes.v[i].old != NULL ?
		    xstrdup(a->changes.v[i].old) : NULL;
		c->changes.v[i].new = a->changes.v[i].new != NULL ?
		    xstrdup(a->changes.v[i].new) : NULL;
	}
	return 0;
}

static void
audits_free(struct audits *as)
{
	size_t i;

	for (i = 0; i < as->n; i++) {
		free(as->v[i].user);
		free(as->v[i].form);
		free(as->v[i].hid);
		free(as->v[i].action);
		changes_free(&as->v[i].changes);
	}
	as->n = 0;
}

static const struct change *
change_at(const struct app_audit *a, const char *path)
{
	size_t i;

	for (i = 0; i < a->changes.n; i++)
		if (strcmp(a->changes.v[i].path, path) == 0)
			return &a->changes.v[i];
	return NULL;
}

START_TEST(test_open_refusals)
{
	struct app_opts o;
	struct session *s = NULL;
	struct diags d = DIAGS_INIT;
	char db[300], forms[300], cfg[300], empty[300], *msg = NULL;

	snprintf(db, sizeof db, "%s/db", tdir);
	snprintf(forms, sizeof forms, "%s/forms", tdir);
	snprintf(cfg, sizeof cfg, "%s/gridbook.yaml", tdir);
	snprintf(empty, sizeof empty, "%s/empty", tdir);
	memset(&o, 0, sizeof o);
	o.db = db;
	o.forms = forms;
	o.config = cfg;

	o.user = "bob";
	ck_assert_int_eq(app_open(&o, &s, &msg, &d), GB_EPERM);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(msg, "user 'bob' is not in") != NULL &&
	    strstr(msg, "ask an admin") != NULL, "%s", msg);
	free(msg);
	diags_free(&d);

	ck_assert_int_eq(mkdir(empty, 0700), 0);
	o.user = "admin";
	o.forms = empty;
	ck_assert_int_ne(app_open(&o, &s, &msg, &d), 0);
	ck_assert_msg(strstr(msg, "no form loaded") != NULL, "%s", msg);
	free(msg);
	diags_free(&d);

	/* A form with errors is left out; the others load. */
	o.forms = forms;
	write_file(forms, "broken.yaml", "form: broken\nversion: x\n");
	ck_assert_int_eq(app_open(&o, &s, &msg, &d), 0);
	ck_assert_uint_gt(s->warnings.n, 0);
	ck_assert_ptr_nonnull(app_form(s, "household"));
	ck_assert_ptr_null(app_form(s, "broken"));
	ck_assert_str_eq(s->lang, "en");
	ck_assert_str_eq(s->login, "admin");
	app_close(s);
	diags_free(&d);

	setenv("GRIDBOOK_MAPSIZE", "lots", 1);
	ck_assert_int_eq(app_open(&o, &s, &msg, &d), GB_EINVAL);
	ck_assert_msg(strstr(msg, "GRIDBOOK_MAPSIZE") != NULL, "%s", msg);
	free(msg);
	diags_free(&d);
}
END_TEST

START_TEST(test_create_get_update_list)
{
	struct session *s = open_as("clerk1");
	const struct form *f = app_form(s, "household");
	struct record *a, *b, *g = NULL;
	struct verrors e = VERRORS_INIT;
	struct app_page p;

	a = add1(s, "001", "和平路1号", "张三", 1);
	ck_assert_uint_eq(a->id, 1);
	ck_assert_str_eq(a->hid, "HH-000001");
	ck_assert_uint_eq(a->rev, 1);
	ck_assert_str_eq(a->cuser, "clerk1");
	ck_assert_str_eq(a->grid, "001");
	ck_assert_ptr_null(a->state);
	b = add1(s, "002", "和平路2号", "李四", 2);
	ck_assert_str_eq(b->hid, "HH-000002");

	/* By human id (any case, full-width) and by number. */
	ck_assert_int_eq(app_get(s, f, "hh-000001", &g), 0);
	ck_assert_str_eq(record_get(g, "address"), "和平路1号");
	ck_assert_str_eq(record_get(g, "members.1.name"), "张三");
	record_free(g);
	ck_assert_int_eq(app_get(s, f, "2", &g), 0);
	ck_assert_str_eq(g->hid, "HH-000002");
	record_free(g);
	ck_assert_int_eq(app_get(s, f, "HH-000009", &g), GB_ENOTFOUND);
	ck_assert_msg(strstr(app_errmsg(s), "household HH-000009") != NULL,
	    "%s", app_errmsg(s));

	record_set(a, "address", "和平路1号院");
	ck_assert_int_eq(app_save(s, f, a, &e, NULL), 0);
	ck_assert_uint_eq(a->rev, 2);
	ck_assert_int_eq(app_get(s, f, "HH-000001", &g), 0);
	ck_assert_str_eq(record_get(g, "address"), "和平路1号院");
	ck_assert_uint_eq(g->rev, 2);
	record_free(g);
	/* Saving the same values again changes nothing. */
	ck_assert_int_eq(app_save(s, f, a, &e, NULL), 0);
	ck_assert_uint_eq(a->rev, 2);

	/* Invalid: the message names the record, the verror the path. */
	record_set(a, "members.1.id_card", "110105198001010010");
	ck_assert_int_eq(app_save(s, f, a, &e, NULL), GB_EINVAL);
	ck_assert_uint_ge(e.n, 1);
	ck_assert_str_eq(e.v[0].path, "members.1.id_card");
	ck_assert_msg(strstr(app_errmsg(s), "household HH-000001") != NULL,
	    "%s", app_errmsg(s));
	verrors_free(&e);
	/* A grid not in the config. */
	record_free(a);
	ck_assert_int_eq(app_get(s, f, "HH-000001", &a), 0);
	record_set(a, "grid", "009");
	ck_assert_int_eq(app_save(s, f, a, &e, NULL), GB_EINVAL);
	ck_assert_str_eq(e.v[0].path, "grid");
	ck_assert_msg(strstr(e.v[0].msg, "001, 002") != NULL, "%s",
	    e.v[0].msg);
	verrors_free(&e);

	/* Newest first, paged. */
	ck_assert_int_eq(app_list(s, f, 0, 1, &p), 0);
	ck_assert_uint_eq(p.n, 1);
	ck_assert(p.more);
	ck_assert_str_eq(p.v[0]->hid, "HH-000002");
	app_page_free(&p);
	ck_assert_int_eq(app_list(s, f, 1, 5, &p), 0);
	ck_assert_uint_eq(p.n, 1);
	ck_assert(!p.more);
	ck_assert_str_eq(p.v[0]->hid, "HH-000001");
	app_page_free(&p);

	ck_assert_int_eq(app_check(s, stderr), 0);
	record_free(a);
	record_free(b);
	app_close(s);
}
END_TEST

START_TEST(test_unique_across_households)
{
	struct session *s = open_as("clerk1");
	const struct form *f = app_form(s, "household");
	const char *names[2] = { "王五", "赵六" };
	unsigned ids[2] = { 7, 8 };
	struct verrors e = VERRORS_INIT;
	struct record *a, *b, *c;
	char *holder = NULL, *id8 = idno(8);
	int rc;

	a = add_household(s, "001", "幸福路1号", names, ids, 2);
	/* The same person as member 2 of another household. */
	b = app_blank(s, f, NULL);
	record_set(b, "grid", "002");
	record_set(b, "address", "幸福路2号");
	record_set(b, "members.1.name", "钱七");
	record_set(b, "members.2.name", "赵六");
	record_set(b, "members.2.id_card", id8);
	rc = app_save(s, f, b, &e, NULL);
	ck_assert_int_eq(rc, GB_EEXIST);
	ck_assert_msg(strstr(app_errmsg(s), "members.2.id_card") != NULL &&
	    strstr(app_errmsg(s), id8) != NULL &&
	    strstr(app_errmsg(s), "already registered in household "
	    "HH-000001") != NULL, "%s", app_errmsg(s));
	ck_assert_uint_eq(b->id, 0);
	ck_assert_uint_eq(count_records(s, "household"), 1);

	/* The live check while typing says the same. */
	ck_assert_int_eq(app_unique_holder(s, f, "members.2.id_card", id8, 0,
	    &holder), 0);
	ck_assert_str_eq(holder, "HH-000001");
	free(holder);
	ck_assert_int_eq(app_unique_holder(s, f, "members.2.id_card", id8,
	    a->id, &holder), GB_ENOTFOUND);

	/* Twice in one household. */
	c = app_blank(s, f, NULL);
	record_set(c, "grid", "001");
	record_set(c, "address", "幸福路3号");
	record_set(c, "members.1.name", "甲");
	record_set(c, "members.2.name", "乙");
	{
		char *x = idno(30);
		record_set(c, "members.1.id_card", x);
		record_set(c, "members.2.id_card", x);
		free(x);
	}
	ck_assert_int_eq(app_save(s, f, c, &e, NULL), GB_EINVAL);
	ck_assert_str_eq(e.v[0].path, "members.2.id_card");
	verrors_free(&e);

	/* Once the first household drops the member, the number is free. */
	record_group_remove(a, "members", 2);
	ck_assert_int_eq(app_save(s, f, a, &e, NULL), 0);
	ck_assert_int_eq(app_save(s, f, b, &e, NULL), 0);
	ck_assert_str_eq(b->hid, "HH-000002");
	ck_assert_int_eq(app_unique_holder(s, f, "members.1.id_card", id8, 0,
	    &holder), 0);
	ck_assert_str_eq(holder, "HH-000002");
	free(holder);
	ck_assert_int_eq(app_check(s, stderr), 0);

	free(id8);
	record_free(a);
	record_free(b);
	record_free(c);
	app_close(s);
}
END_TEST

START_TEST(test_conflict)
{
	struct session *s1 = open_as("clerk1"), *s2 = open_as("clerk2");
	const struct form *f1 = app_form(s1, "household");
	const struct form *f2 = app_form(s2, "household");
	struct record *a, *r1, *r2, *g;
	struct verrors e = VERRORS_INIT;
	struct changes c = CHANGES_INIT;
	struct audits as = { .n = 0 };

	a = add1(s1, "001", "团结路5号", "孙八", 11);
	ck_assert_int_eq(app_get(s1, f1, a->hid, &r1), 0);
	ck_assert_int_eq(app_get(s2, f2, a->hid, &r2), 0);
	record_set(r1, "phone", "13800000001");
	ck_assert_int_eq(app_save(s1, f1, r1, &e, NULL), 0);
	record_set(r2, "address", "团结路6号");
	ck_assert_int_eq(app_save(s2, f2, r2, &e, &c), GB_ECONFLICT);
	/* Names what changed on disk since the read, not the own edit. */
	ck_assert_uint_eq(c.n, 1);
	ck_assert_str_eq(c.v[0].path, "phone");
	ck_assert_ptr_null(c.v[0].old);
	ck_assert_str_eq(c.v[0].new, "13800000001");
	ck_assert_msg(strstr(app_errmsg(s2), "phone") != NULL &&
	    strstr(app_errmsg(s2), "clerk1") != NULL, "%s", app_errmsg(s2));
	changes_free(&c);

	ck_assert_int_eq(app_get(s1, f1, a->hid, &g), 0);
	ck_assert_uint_eq(g->rev, 2);
	ck_assert_str_eq(record_get(g, "address"), "团结路5号");
	ck_assert_str_eq(record_get(g, "phone"), "13800000001");
	record_free(g);
	ck_assert_int_eq(app_audit(s1, "household", a->hid, audit_collect,
	    &as), 0);
	ck_assert_uint_eq(as.n, 2);
	audits_free(&as);

	/* A move with the old rev conflicts too. */
	record_free(a);
	record_free(r1);
	record_free(r2);
	app_close(s1);
	app_close(s2);
}
END_TEST

START_TEST(test_transitions)
{
	struct session *s = open_as("clerk1"), *l = open_as("leader1");
	struct session *ad = open_as("admin");
	const struct form *f = app_form(s, "dispute");
	struct record *r, *old;
	struct verrors e = VERRORS_INIT;
	struct app_move *mv;
	size_t n, i;
	bool saw_agreed = false;

	r = app_blank(s, f, NULL);
	ck_assert_str_eq(r->state, "received");
	record_set(r, "grid", "001");
	record_set(r, "summary", "噪音纠纷");
	ck_assert_int_eq(app_save(s, f, r, &e, NULL), 0);
	ck_assert_str_eq(r->hid, "MD-2026-0001");
	ck_assert_str_eq(r->state, "received");

	old = record_dup(r);
	ck_assert_int_eq(app_move(s, f, r, "mediating", &e), 0);
	ck_assert_str_eq(r->state, "mediating");
	ck_assert_uint_eq(r->rev, 2);
	/* The stale copy conflicts. */
	ck_assert_int_eq(app_move(s, f, old, "closed", &e), GB_ECONFLICT);
	record_free(old);

	/* Not a move from here; unknown state. */
	ck_assert_int_eq(app_move(s, f, r, "received", &e), GB_EINVAL);
	ck_assert_msg(strstr(app_errmsg(s), "no move from mediating to "
	    "received") != NULL, "%s", app_errmsg(s));
	ck_assert_int_eq(app_move(s, f, r, "archived", &e), GB_EINVAL);
	ck_assert_msg(strstr(app_errmsg(s), "no state 'archived'") != NULL,
	    "%s", app_errmsg(s));

	/* Required field missing. */
	n = app_moves(s, f, r, &mv);
	for (i = 0; i < n; i++)
		if (strcmp(mv[i].t->to, "agreed") == 0) {
			saw_agreed = true;
			ck_assert(mv[i].allowed);
			ck_assert_uint_eq(mv[i].nmissing, 1);
			ck_assert_str_eq(mv[i].missing[0], "agreement");
		} else if (strcmp(mv[i].t->to, "closed") == 0)
			ck_assert(!mv[i].allowed);
	ck_assert(saw_agreed);
	app_moves_free(mv, n);
	ck_assert_int_eq(app_move(s, f, r, "agreed", &e), GB_EINVAL);
	ck_assert_uint_eq(e.n, 1);
	ck_assert_str_eq(e.v[0].path, "agreement");
	verrors_free(&e);

	/* Role denied: a leader may not close. */
	{
		struct record *lr;

		ck_assert_int_eq(app_get(l, app_form(l, "dispute"), r->hid,
		    &lr), 0);
		ck_assert_int_eq(app_move(l, app_form(l, "dispute"), lr,
		    "closed", &e), GB_EPERM);
		ck_assert_msg(strstr(app_errmsg(l), "leader") != NULL &&
		    strstr(app_errmsg(l), "admin") != NULL, "%s",
		    app_errmsg(l));
		record_free(lr);
	}

	record_set(r, "agreement", "双方同意晚十点后不施工");
	ck_assert_int_eq(app_save(s, f, r, &e, NULL), 0);
	ck_assert_int_eq(app_move(s, f, r, "agreed", &e), 0);
	ck_assert_str_eq(r->state, "agreed");
	{
		struct record *ar;

		ck_assert_int_eq(app_get(ad, app_form(ad, "dispute"), r->hid,
		    &ar), 0);
		ck_assert_int_eq(app_move(ad, app_form(ad, "dispute"), ar,
		    "closed", &e), 0);
		ck_assert_str_eq(ar->state, "closed");
		ck_assert_uint_eq(ar->rev, 5);
		record_free(ar);
	}
	ck_assert_int_eq(app_check(ad, stderr), 0);
	record_free(r);
	app_close(s);
	app_close(l);
	app_close(ad);
}
END_TEST

static int
audit_count(void *ctx, const struct app_audit *a)
{
	(void)a;
	(*(size_t *)ctx)++;
	return 0;
}

START_TEST(test_leader_isolation)
{
	struct session *c = open_as("clerk1"), *l = open_as("leader1");
	const struct form *f = app_form(l, "household");
	const struct form *nf = app_form(c, "notice");
	struct record *a, *b, *g, *blank;
	struct verrors e = VERRORS_INIT;
	struct app_page p;
	size_t n = 0;
	char *holder = NULL, *id22 = idno(22);

	a = add1(c, "001", "光明路1号", "周一", 21);
	b = add1(c, "002", "光明路2号", "周二", 22);
	{
		struct record *nt = app_blank(c, nf, NULL);

		record_set(nt, "topic", "停水通知");
		ck_assert_int_eq(app_save(c, nf, nt, &e, NULL), 0);
		record_free(nt);
	}

	ck_assert_int_eq(app_get(l, f, a->hid, &g), 0);
	record_free(g);
	ck_assert_int_eq(app_get(l, f, b->hid, &g), GB_ENOTFOUND);
	ck_assert_ptr_null(g);
	ck_assert_int_eq(app_get(l, f, "2", &g), GB_ENOTFOUND);
	/* Community forms are for everyone. */
	ck_assert_int_eq(app_get(l, app_form(l, "notice"), "N1", &g), 0);
	record_free(g);

	ck_assert_int_eq(app_list(l, f, 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 1);
	ck_assert_str_eq(p.v[0]->hid, a->hid);
	app_page_free(&p);
	ck_assert_int_eq(app_find(l, f, "光明路", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 1);
	ck_assert_str_eq(p.v[0]->hid, a->hid);
	app_page_free(&p);
	ck_assert_int_eq(app_find(l, f, "周二", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 0);
	app_page_free(&p);

	ck_assert_int_eq(app_audit(l, "household", NULL, audit_count, &n), 0);
	ck_assert_uint_eq(n, 1);
	n = 0;
	ck_assert_int_eq(app_audit(l, "household", b->hid, audit_count, &n),
	    GB_ENOTFOUND);
	ck_assert_uint_eq(n, 0);
	n = 0;
	ck_assert_int_eq(app_audit(l, NULL, NULL, audit_count, &n), 0);
	ck_assert_uint_eq(n, 2);	/* their household and the notice */

	/* Saving into another grid, and a blank record is theirs. */
	blank = app_blank(l, f, NULL);
	ck_assert_str_eq(record_get(blank, "grid"), "001");
	record_set(blank, "grid", "002");
	record_set(blank, "address", "光明路3号");
	record_set(blank, "members.1.name", "周三");
	ck_assert_int_eq(app_save(l, f, blank, &e, NULL), GB_EPERM);
	ck_assert_msg(strstr(app_errmsg(l), "grid 002") != NULL, "%s",
	    app_errmsg(l));
	ck_assert_uint_eq(count_records(c, "household"), 2);
	/* Nor move one of theirs there. */
	ck_assert_int_eq(app_get(l, f, a->hid, &g), 0);
	record_set(g, "grid", "002");
	ck_assert_int_eq(app_save(l, f, g, &e, NULL), GB_EPERM);
	record_free(g);
	/* A duplicate held in another grid is named without its id. */
	ck_assert_int_eq(app_unique_holder(l, f, "members.1.id_card", id22, 0,
	    &holder), 0);
	ck_assert_str_eq(holder, "(another grid)");
	free(holder);
	ck_assert_int_lt(app_check(l, stderr), 0);

	free(id22);
	record_free(blank);
	record_free(a);
	record_free(b);
	app_close(c);
	app_close(l);
}
END_TEST

/* The live grid check a form makes as the grid field is left. */
START_TEST(test_grid_check)
{
	struct session *c = open_as("clerk1"), *l = open_as("leader1");
	const struct form *f = app_form(l, "household");
	const struct form *nf = app_form(c, "notice");

	ck_assert_int_eq(app_grid_check(l, f, "001"), 0);
	ck_assert_str_eq(app_errmsg(l), "");
	ck_assert_int_eq(app_grid_check(l, f, "002"), GB_EPERM);
	ck_assert_msg(strstr(app_errmsg(l), "in grid 002; your grids: 001")
	    != NULL, "%s", app_errmsg(l));
	ck_assert_int_eq(app_grid_check(l, f, "009"), GB_EINVAL);
	ck_assert_msg(strstr(app_errmsg(l), "009 is not a grid of") != NULL &&
	    strstr(app_errmsg(l), "grids: 001, 002") != NULL, "%s",
	    app_errmsg(l));
	/* A clerk may use any grid of the config; empty is required's job;
	 * community forms have no grid. */
	ck_assert_int_eq(app_grid_check(c, f, "002"), 0);
	ck_assert_int_eq(app_grid_check(c, f, "009"), GB_EINVAL);
	ck_assert_int_eq(app_grid_check(l, f, NULL), 0);
	ck_assert_int_eq(app_grid_check(l, f, ""), 0);
	ck_assert_int_eq(app_grid_check(c, nf, "009"), 0);
	app_close(l);
	app_close(c);
}
END_TEST

START_TEST(test_find)
{
	struct session *s = open_as("clerk1");
	const struct form *f = app_form(s, "household");
	struct app_page p;
	struct record *a, *b, *r;
	struct verrors e = VERRORS_INIT;
	char addr[64];
	int i;

	a = add1(s, "001", "和平路10号", "张三丰", 41);
	b = add1(s, "001", "和平路11号", "张三", 42);
	/* Exact before prefix, though the prefix hit is older. */
	ck_assert_int_eq(app_find(s, f, "张三", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 2);
	ck_assert_str_eq(p.v[0]->hid, b->hid);
	ck_assert_str_eq(p.v[1]->hid, a->hid);
	app_page_free(&p);
	/* By human id, by full ID number, by its last 4, by phone. */
	ck_assert_int_eq(app_find(s, f, "hh-000001", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 1);
	ck_assert_str_eq(p.v[0]->hid, "HH-000001");
	app_page_free(&p);
	ck_assert_int_eq(app_find(s, f, record_get(b, "members.1.id_card"), 0,
	    10, &p), 0);
	ck_assert_uint_eq(p.n, 1);
	ck_assert_str_eq(p.v[0]->hid, b->hid);
	app_page_free(&p);
	{
		const char *id = record_get(a, "members.1.id_card");

		ck_assert_int_eq(app_find(s, f, id + 14, 0, 10, &p), 0);
		ck_assert_uint_ge(p.n, 1);
		ck_assert_str_eq(p.v[0]->hid, a->hid);
		app_page_free(&p);
	}
	record_set(a, "phone", "13912345678");
	ck_assert_int_eq(app_save(s, f, a, &e, NULL), 0);
	ck_assert_int_eq(app_find(s, f, "5678", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 1);
	ck_assert_str_eq(p.v[0]->hid, a->hid);
	app_page_free(&p);
	/* Full-width digits are normalised. */
	ck_assert_int_eq(app_find(s, f, "１３９１２３４５６７８", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 1);
	app_page_free(&p);

	/* Paging through 25 hits. */
	for (i = 0; i < 25; i++) {
		snprintf(addr, sizeof addr, "幸福路%d号", i + 1);
		r = add1(s, "002", addr, "居民", (unsigned)(100 + i));
		record_free(r);
	}
	ck_assert_int_eq(app_find(s, f, "幸福路", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 10);
	ck_assert(p.more);
	app_page_free(&p);
	ck_assert_int_eq(app_find(s, f, "幸福路", 20, 10, &p), 0);
	ck_assert_uint_eq(p.n, 5);
	ck_assert(!p.more);
	app_page_free(&p);
	ck_assert_int_eq(app_find(s, f, "幸福路", 15, 10, &p), 0);
	ck_assert_uint_eq(p.n, 10);
	ck_assert(!p.more);
	app_page_free(&p);
	ck_assert_int_eq(app_find(s, f, "幸福路7号", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 1);
	app_page_free(&p);
	/* Inside a value, after the exact and prefix hits. */
	ck_assert_int_eq(app_find(s, f, "福路2", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 7);	/* 2, 20..25 */
	app_page_free(&p);
	r = add1(s, "002", "福路2巷", "居民", 200);
	ck_assert_int_eq(app_find(s, f, "福路2", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 8);
	ck_assert_str_eq(p.v[0]->hid, r->hid);
	app_page_free(&p);
	record_free(r);
	/* A number of 7 digits or more is an ID or phone: looked up whole,
	 * never searched inside names and addresses. */
	r = add1(s, "002", "工业园1234567号", "居民", 201);
	ck_assert_int_eq(app_find(s, f, "1234567", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 0);
	app_page_free(&p);
	ck_assert_int_eq(app_find(s, f, "园1234567", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 1);
	ck_assert_str_eq(p.v[0]->hid, r->hid);
	app_page_free(&p);
	record_free(r);
	/* Empty text lists. */
	ck_assert_int_eq(app_find(s, f, "  ", 0, 100, &p), 0);
	ck_assert_uint_eq(p.n, 29);
	app_page_free(&p);
	ck_assert_int_eq(app_find(s, f, "没有这个", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 0);
	app_page_free(&p);

	record_free(a);
	record_free(b);
	app_close(s);
}
END_TEST

START_TEST(test_drafts)
{
	struct session *s = open_as("clerk1"), *s2 = open_as("clerk2");
	const struct form *f = app_form(s, "household");
	const struct form *df = app_form(s, "dispute");
	struct app_draft_info *v;
	struct record *r, *got;
	struct verrors e = VERRORS_INIT;
	int64_t at = 0;
	size_t n;

	r = app_blank(s, f, NULL);
	record_set(r, "address", "未完成的地址");
	ck_assert_int_eq(app_draft_save(s, f, "new", r), 0);
	ck_assert_int_eq(app_draft_save(s, df, "MD-2026-0001", r), 0);
	ck_assert_int_eq(app_draft_load(s, f, "new", &got, &at), 0);
	ck_assert_str_eq(record_get(got, "address"), "未完成的地址");
	ck_assert_int_gt(at, 0);
	record_free(got);
	ck_assert_int_eq(app_drafts(s, &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert(v[0].saved_at >= v[1].saved_at);
	ck_assert(strcmp(v[0].form, "household") == 0 ||
	    strcmp(v[1].form, "household") == 0);
	app_drafts_free(v, n);
	/* Another user's drafts are theirs. */
	ck_assert_int_eq(app_drafts(s2, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	app_drafts_free(v, n);
	ck_assert_int_eq(app_draft_load(s2, f, "new", &got, &at),
	    GB_ENOTFOUND);

	ck_assert_int_eq(app_draft_delete(s, df, "MD-2026-0001"), 0);
	ck_assert_int_eq(app_draft_load(s, df, "MD-2026-0001", &got, &at),
	    GB_ENOTFOUND);
	/* Saving the record drops its draft. */
	record_set(r, "grid", "001");
	record_set(r, "members.1.name", "某人");
	ck_assert_int_eq(app_save(s, f, r, &e, NULL), 0);
	ck_assert_int_eq(app_draft_load(s, f, "new", &got, &at), GB_ENOTFOUND);
	ck_assert_int_eq(app_drafts(s, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	app_drafts_free(v, n);
	record_free(r);
	app_close(s);
	app_close(s2);
}
END_TEST

struct corrupt {
	struct buf	good;
	struct buf	bad;
	uint64_t	id;
};

static int
corrupt_fn(struct store_txn *t, void *ctx)
{
	struct corrupt *c = ctx;
	int rc;

	if ((rc = store_idx_del(t, "household", c->good.p, c->good.len,
	    c->id)) != 0)
		return rc;
	return store_idx_add(t, "household", c->bad.p, c->bad.len, c->id);
}

static char *
check_output(struct session *s, long *n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	*n = app_check(s, fp);
	fclose(fp);
	return text;
}

START_TEST(test_check_reindex)
{
	struct session *s = open_as("admin");
	struct record *a, *b;
	struct corrupt c;
	char *out, *norm;
	long n;

	a = add1(s, "001", "检查路1号", "吴九", 51);
	b = add1(s, "001", "检查路2号", "郑十", 52);
	out = check_output(s, &n);
	ck_assert_msg(n == 0, "clean db: %s", out);
	free(out);

	memset(&c, 0, sizeof c);
	c.id = a->id;
	norm = norm_key("检查路1号");
	app_key(s->st, &c.good, "address", norm);
	free(norm);
	app_key(s->st, &c.bad, "address", "bogus");
	ck_assert_int_eq(store_write(s->st, corrupt_fn, &c), 0);
	out = check_output(s, &n);
	ck_assert_int_eq(n, 2);
	ck_assert_msg(strstr(out, "household HH-000001: index entry "
	    "address=检查路1号 is missing") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "address=bogus") != NULL, "%s", out);
	free(out);

	ck_assert_int_eq(app_reindex(s, "household"), 0);
	out = check_output(s, &n);
	ck_assert_msg(n == 0, "after reindex: %s", out);
	free(out);
	ck_assert_int_eq(app_reindex(s, NULL), 0);

	buf_free(&c.good);
	buf_free(&c.bad);
	record_free(a);
	record_free(b);
	app_close(s);
	{
		struct session *cl = open_as("clerk1");

		ck_assert_int_eq(app_reindex(cl, NULL), GB_EPERM);
		app_close(cl);
	}
}
END_TEST

START_TEST(test_audit_entries)
{
	struct session *s = open_as("clerk1"), *ad = open_as("admin");
	const struct form *f = app_form(s, "dispute");
	struct record *r;
	struct verrors e = VERRORS_INIT;
	struct audits as = { .n = 0 };
	const struct change *ch;
	struct app_page p;
	char *hid;

	r = app_blank(s, f, NULL);
	record_set(r, "grid", "002");
	record_set(r, "summary", "漏水");
	ck_assert_int_eq(app_save(s, f, r, &e, NULL), 0);
	hid = xstrdup(r->hid);
	record_set(r, "summary", "楼上漏水");
	ck_assert_int_eq(app_save(s, f, r, &e, NULL), 0);
	ck_assert_int_eq(app_move(s, f, r, "mediating", &e), 0);
	ck_assert_int_eq(app_delete(s, f, r), 0);

	ck_assert_int_eq(app_audit(ad, "dispute", hid, audit_collect, &as), 0);
	ck_assert_uint_eq(as.n, 4);
	ck_assert_str_eq(as.v[0].action, "create");
	ck_assert_str_eq(as.v[1].action, "update");
	ck_assert_str_eq(as.v[2].action, "move");
	ck_assert_str_eq(as.v[3].action, "delete");
	ck_assert_str_eq(as.v[0].user, "clerk1");
	ck_assert_str_eq(as.v[0].hid, hid);
	ck_assert(as.v[0].time_us <= as.v[1].time_us);
	ck_assert_ptr_nonnull(ch = change_at(&as.v[0], "summary"));
	ck_assert_ptr_null(ch->old);
	ck_assert_str_eq(ch->new, "漏水");
	ck_assert_uint_eq(as.v[1].changes.n, 1);
	ck_assert_ptr_nonnull(ch = change_at(&as.v[1], "summary"));
	ck_assert_str_eq(ch->old, "漏水");
	ck_assert_str_eq(ch->new, "楼上漏水");
	ck_assert_ptr_nonnull(ch = change_at(&as.v[2], "_state"));
	ck_assert_str_eq(ch->old, "received");
	ck_assert_str_eq(ch->new, "mediating");
	ck_assert_ptr_nonnull(ch = change_at(&as.v[3], "summary"));
	ck_assert_str_eq(ch->old, "楼上漏水");
	ck_assert_ptr_null(ch->new);
	audits_free(&as);

	/* Deleted: gone from get and find, its index entries too. */
	record_free(r);
	ck_assert_int_eq(app_get(s, f, hid, &r), GB_ENOTFOUND);
	ck_assert_int_eq(app_find(s, f, "楼上漏水", 0, 10, &p), 0);
	ck_assert_uint_eq(p.n, 0);
	app_page_free(&p);
	ck_assert_int_eq(app_check(ad, stderr), 0);
	/* The grid kept in the entries still hides them from grid 001. */
	{
		struct session *l = open_as("leader1");
		size_t n = 0;

		ck_assert_int_eq(app_audit(l, "dispute", NULL, audit_count,
		    &n), 0);
		ck_assert_uint_eq(n, 0);
		app_close(l);
		l = open_as("leader2");
		ck_assert_int_eq(app_audit(l, "dispute", NULL, audit_count,
		    &n), 0);
		ck_assert_uint_eq(n, 4);
		app_close(l);
	}
	/* A new record does not reuse the deleted id. */
	r = app_blank(s, f, NULL);
	record_set(r, "grid", "002");
	record_set(r, "summary", "又一件");
	ck_assert_int_eq(app_save(s, f, r, &e, NULL), 0);
	ck_assert_uint_eq(r->id, 2);
	ck_assert_str_eq(r->hid, "MD-2026-0002");
	record_free(r);
	free(hid);
	app_close(s);
	app_close(ad);
}
END_TEST

START_TEST(test_audit_codec)
{
	struct audit_entry e, d;
	struct change ch[2] = {
		{ "members.1.name", NULL, "张三" },
		{ "_state", "received", NULL },
	};
	struct buf b = BUF_INIT;
	char err[128];
	size_t cut;

	memset(&e, 0, sizeof e);
	e.user = "clerk1";
	e.form = "household";
	e.id = 300;
	e.hid = "HH-000300";
	e.action = "update";
	e.grid = "001";
	e.rev = 7;
	e.changes.v = ch;
	e.changes.n = 2;
	audit_encode(&e, &b);
	ck_assert_int_eq(audit_decode(b.p, b.len, &d, err, sizeof err), 0);
	ck_assert_str_eq(d.user, "clerk1");
	ck_assert_str_eq(d.hid, "HH-000300");
	ck_assert_uint_eq(d.id, 300);
	ck_assert_uint_eq(d.rev, 7);
	ck_assert_str_eq(d.grid, "001");
	ck_assert_uint_eq(d.changes.n, 2);
	ck_assert_ptr_null(d.changes.v[0].old);
	ck_assert_str_eq(d.changes.v[0].new, "张三");
	ck_assert_ptr_null(d.changes.v[1].new);
	audit_entry_free(&d);
	/* Every truncation is refused, never read past. */
	for (cut = 0; cut < b.len; cut++)
		ck_assert_int_eq(audit_decode(b.p, cut, &d, err, sizeof err),
		    GB_EFORMAT);
	b.p[3] = 9;	/* a newer format */
	ck_assert_int_eq(audit_decode(b.p, b.len, &d, err, sizeof err),
	    GB_EFORMAT);
	ck_assert_msg(strstr(err, "format 9") != NULL, "%s", err);
	buf_free(&b);
}
END_TEST

START_TEST(test_map_growth)
{
	struct session *s;
	const struct form *f;
	struct record *r;
	struct verrors e = VERRORS_INIT;
	char addr[300], note[1200];
	size_t mapsize;
	int i;

	setenv("GRIDBOOK_MAPSIZE", "64K", 1);
	s = open_as("clerk1");
	f = app_form(s, "household");
	mapsize = store_mapsize(s->st);
	memset(note, 0, sizeof note);
	for (i = 0; i < 1000; i++)
		note[i] = (char)('a' + i % 26);
	for (i = 0; i < 300; i++) {
		r = app_blank(s, f, NULL);
		snprintf(addr, sizeof addr, "增长路%d号", i);
		record_set(r, "grid", i % 2 ? "001" : "002");
		record_set(r, "address", addr);
		record_set(r, "note", note);
		record_set(r, "members.1.name", "居民");
		ck_assert_msg(app_save(s, f, r, &e, NULL) == 0, "save %d: %s",
		    i, app_errmsg(s));
		record_free(r);
	}
	ck_assert_uint_gt(store_mapsize(s->st), mapsize);
	ck_assert_uint_eq(count_records(s, "household"), 300);
	ck_assert_int_eq(app_check(s, stderr), 0);
	app_close(s);
	unsetenv("GRIDBOOK_MAPSIZE");
}
END_TEST

START_TEST(test_open_paths_lang)
{
	struct app_opts o;
	struct session *s = NULL;
	struct diags d = DIAGS_INIT;
	char forms[300], cfg[300], want[400], *msg = NULL;
	struct stat sb;

	snprintf(forms, sizeof forms, "%s/forms", tdir);
	snprintf(cfg, sizeof cfg, "%s/nolang.yaml", tdir);
	write_file(tdir, "nolang.yaml", "community: 测试\n"
	    "users:\n  - {login: clerk1, role: clerk}\n");
	memset(&o, 0, sizeof o);
	o.forms = forms;
	o.config = cfg;
	o.user = "clerk1";
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "zh_CN.UTF-8", 1);
	/* $GRIDBOOK_DB, created with its parents. */
	snprintf(want, sizeof want, "%s/a/b/db", tdir);
	setenv("GRIDBOOK_DB", want, 1);
	ck_assert_msg(app_open(&o, &s, &msg, &d) == 0, "%s", msg);
	ck_assert_str_eq(s->dbdir, want);
	ck_assert_str_eq(s->lang, "zh");
	ck_assert_int_eq(stat(want, &sb), 0);
	ck_assert(S_ISDIR(sb.st_mode));
	ck_assert_int_eq(sb.st_mode & 077, 0);
	app_close(s);
	/* Then $XDG_DATA_HOME/gridbook; English from any other locale. */
	unsetenv("GRIDBOOK_DB");
	setenv("XDG_DATA_HOME", tdir, 1);
	setenv("LANG", "C.UTF-8", 1);
	snprintf(want, sizeof want, "%s/gridbook", tdir);
	ck_assert_msg(app_open(&o, &s, &msg, &d) == 0, "%s", msg);
	ck_assert_str_eq(s->dbdir, want);
	ck_assert_str_eq(s->lang, "en");
	app_close(s);
	/* A database directory that is a file. */
	write_file(tdir, "afile", "x");
	snprintf(want, sizeof want, "%s/afile/db", tdir);
	o.db = want;
	ck_assert_int_ne(app_open(&o, &s, &msg, &d), 0);
	ck_assert_msg(strstr(msg, "afile") != NULL, "%s", msg);
	free(msg);
	diags_free(&d);
	unsetenv("XDG_DATA_HOME");
}
END_TEST

START_TEST(test_refs_delete)
{
	struct session *s = open_as("clerk1");
	const struct form *f = app_form(s, "dispute");
	const struct form *hf = app_form(s, "household");
	struct verrors e = VERRORS_INIT;
	struct record *h, *r, *stale, *again;

	h = add1(s, "001", "引用路1号", "冯一", 61);
	r = app_blank(s, f, NULL);
	record_set(r, "grid", "001");
	record_set(r, "summary", "引用");
	record_set(r, "household", "HH-000099");
	ck_assert_int_eq(app_save(s, f, r, &e, NULL), GB_EINVAL);
	ck_assert_str_eq(e.v[0].path, "household");
	ck_assert_msg(strstr(e.v[0].msg, "HH-000099") != NULL, "%s",
	    e.v[0].msg);
	verrors_free(&e);
	record_set(r, "household", h->hid);
	ck_assert_msg(app_save(s, f, r, &e, NULL) == 0, "%s", app_errmsg(s));

	/* Deleting with a stale rev conflicts; then it goes, with its
	 * unique values, which another household may then hold. */
	stale = record_dup(h);
	record_set(h, "address", "引用路1号院");
	ck_assert_int_eq(app_save(s, hf, h, &e, NULL), 0);
	ck_assert_int_eq(app_delete(s, hf, stale), GB_ECONFLICT);
	ck_assert_uint_eq(count_records(s, "household"), 1);
	ck_assert_int_eq(app_delete(s, hf, h), 0);
	ck_assert_uint_eq(count_records(s, "household"), 0);
	ck_assert_int_eq(app_delete(s, hf, h), GB_ENOTFOUND);
	again = add1(s, "002", "引用路2号", "冯一", 61);
	ck_assert_str_eq(again->hid, "HH-000002");
	ck_assert_int_eq(app_check(s, stderr), 0);
	record_free(stale);
	record_free(again);
	record_free(h);
	record_free(r);
	app_close(s);
}
END_TEST

static Suite *
app_suite(void)
{
	Suite *s = suite_create("app");
	TCase *tc = tcase_create("app");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_open_refusals);
	tcase_add_test(tc, test_open_paths_lang);
	tcase_add_test(tc, test_refs_delete);
	tcase_add_test(tc, test_create_get_update_list);
	tcase_add_test(tc, test_unique_across_households);
	tcase_add_test(tc, test_conflict);
	tcase_add_test(tc, test_transitions);
	tcase_add_test(tc, test_leader_isolation);
	tcase_add_test(tc, test_grid_check);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_drafts);
	tcase_add_test(tc, test_check_reindex);
	tcase_add_test(tc, test_audit_entries);
	tcase_add_test(tc, test_audit_codec);
	tcase_add_test(tc, test_map_growth);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(app_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
