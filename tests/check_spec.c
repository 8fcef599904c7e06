/*
 * check_spec.c — the form spec loader on real YAML files: the good fixtures
 * (tests/forms/good, a forms directory of its own) loaded and their structs
 * checked field by field; every bad fixture's messages compared with its
 * .expected file; the three shipped forms with the field names other layers
 * rely on; the config file, good and bad; and the lookup functions.
 *
 * Runs from the source tree (found from $GRIDBOOK_FORMS, which `make unit`
 * sets, else the current directory), so file names in messages are the
 * relative ones the .expected files hold.
 */
#include <check.h>
#include <glob.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spec.h"

#define GOOD "tests/forms/good"

static void
to_source_tree(void)
{
	const char *forms = getenv("GRIDBOOK_FORMS");
	char *copy;

	if (forms == NULL)
		return;
	copy = xstrdup(forms);
	if (chdir(dirname(copy)) != 0)
		perror("chdir");
	free(copy);
}

static char *
slurp(const char *path)
{
	struct buf b = BUF_INIT;
	char tmp[4096];
	size_t n;
	FILE *fp = fopen(path, "r");

	ck_assert_msg(fp != NULL, "cannot open %s", path);
	while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0)
		buf_add(&b, tmp, n);
	fclose(fp);
	return buf_steal(&b);
}

static char *
diags_text(const struct diags *d)
{
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);

	diags_print(d, fp);
	fclose(fp);
	return s;
}

/* ---- good fixtures ---------------------------------------------------- */

static struct formset *good;

static void
good_setup(void)
{
	struct diags d = DIAGS_INIT;

	to_source_tree();
	if (spec_load_dir(GOOD, &good, &d) != 0 || d.n > 0)
		diags_print(&d, stderr);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(good->n, 3);
	ck_assert_uint_eq(good->nlists, 2);
	diags_free(&d);
}

static void
good_teardown(void)
{
	formset_free(good);
	good = NULL;
}

START_TEST(test_good_header)
{
	const struct form *f = formset_find(good, "alltypes");

	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->name, "alltypes");
	ck_assert_int_eq(f->version, 7);
	ck_assert_str_eq(f->title.zh, "全部类型");
	ck_assert_str_eq(f->title.en, "All types");
	ck_assert_str_eq(f->id_pattern, "AT-{grid}-{yy}{month}-{seq:05}");
	ck_assert_int_eq(f->scope, SCOPE_GRID);
	ck_assert_str_eq(f->file, GOOD "/alltypes.yaml");
	ck_assert_uint_eq(f->mark.line, 3);
	ck_assert_uint_eq(f->mark.col, 7);
	ck_assert_uint_eq(f->nfields, 17);
	ck_assert_uint_eq(f->ncolumns, 6);
	ck_assert_str_eq(f->columns[2], "people.name");
	/* Sorted by name. */
	ck_assert_str_eq(good->forms[0]->name, "alltypes");
	ck_assert_str_eq(good->forms[1]->name, "cjk_id");
	ck_assert_str_eq(good->forms[2]->name, "minimal");
	ck_assert_ptr_null(formset_find(good, "nosuch"));
	ck_assert_ptr_null(formset_find(NULL, "minimal"));
}
END_TEST

START_TEST(test_good_fields)
{
	const struct form *f = formset_find(good, "alltypes");
	const struct field *x;

	x = form_field(f, "grid");
	ck_assert_str_eq(x->type->name, "choice");
	ck_assert(x->required && x->carry && !x->index);
	ck_assert_ptr_null(x->choices->name);
	ck_assert_uint_eq(x->choices->n, 2);
	ck_assert_str_eq(x->choices->v[1].code, "002");
	ck_assert_str_eq(x->choices->v[1].label.en, "第二网格");
	x = form_field(f, "title");
	ck_assert_str_eq(x->help.en, "One line");
	ck_assert_int_eq(x->minlen, 2);
	ck_assert_int_eq(x->maxlen, 40);
	ck_assert_str_eq(x->pattern, "[^0-9].*");
	ck_assert_int_eq(regexec(&x->re, "abc", 0, NULL, 0), 0);
	ck_assert_int_ne(regexec(&x->re, "1bc", 0, NULL, 0), 0);
	ck_assert_str_eq(x->def, "无题");
	ck_assert(x->index && !x->unique);
	x = form_field(f, "code");
	ck_assert(x->unique && x->index);
	ck_assert_int_eq(x->minlen, 6);
	ck_assert_int_eq(x->maxlen, 6);
	/* The whole value must match: ^(...)$ is implied. */
	ck_assert_int_eq(regexec(&x->re, "AB12CD", 0, NULL, 0), 0);
	ck_assert_int_ne(regexec(&x->re, "xAB12CD", 0, NULL, 0), 0);
	x = form_field(f, "count");
	ck_assert_str_eq(x->min, "-5");
	ck_assert_str_eq(x->max, "100");
	ck_assert_str_eq(x->def, "7");
	ck_assert_int_eq(x->minlen, -1);
	x = form_field(f, "price");
	ck_assert_str_eq(x->max, "9999.99");
	ck_assert_str_eq(x->def, "1.5");
	x = form_field(f, "day");
	ck_assert_str_eq(x->min, "2000-01-01");
	ck_assert_str_eq(x->max, "today");
	ck_assert_str_eq(x->def, "2020-02-29");
	x = form_field(f, "colour");
	ck_assert_str_eq(x->choices->name, "colour");
	ck_assert_uint_eq(x->choices->n, 3);
	ck_assert_str_eq(x->choices->v[2].code, "蓝");
	ck_assert_str_eq(x->choices->v[2].label.zh, "蓝");
	ck_assert_str_eq(x->choices->v[1].label.en, "绿");
	x = form_field(f, "sex");
	ck_assert_str_eq(x->choices->name, "sex");
	ck_assert_str_eq(x->choices->source, "GB/T 2261.1-2003");
	ck_assert_ptr_eq(x->choices, &good->lists[1]);
	x = form_field(f, "flags");
	ck_assert_str_eq(x->type->name, "multichoice");
	ck_assert_int_eq(x->minlen, 1);
	ck_assert_int_eq(x->maxlen, 2);
	ck_assert_str_eq(x->def, "r,蓝");
	ck_assert_str_eq(form_field(f, "ok")->def, "0");
	ck_assert_str_eq(form_field(f, "home")->ref_form, "minimal");
	ck_assert(form_field(f, "id_card")->unique);
	x = form_field(f, "people");
	ck_assert_str_eq(x->type->name, "group");
	ck_assert_uint_eq(x->repeat_min, 1);
	ck_assert_uint_eq(x->repeat_max, 5);
	ck_assert_uint_eq(x->nfields, 4);
	ck_assert_ptr_null(x->parent);
	ck_assert_ptr_eq(x->fields[0].parent, x);
	ck_assert(x->fields[0].required);
	x = form_field(f, "people.3.school");
	ck_assert_ptr_nonnull(x);
	ck_assert_str_eq(x->show_if_src, "age < 18 and ok != true");
	ck_assert_ptr_nonnull(x->show_if);
	ck_assert_ptr_eq(x->show_if->a->a->field, form_field(f,
	    "people.age"));
	ck_assert_ptr_eq(x->show_if->b->a->field, form_field(f, "ok"));
	ck_assert_ptr_null(form_field(f, "reason")->parent);
	/* Marks on fields: line and column of the field's mapping. */
	ck_assert_uint_eq(form_field(f, "code")->mark.line, 31);
	ck_assert_uint_eq(form_field(f, "code")->mark.col, 5);
}
END_TEST

START_TEST(test_good_workflow)
{
	const struct form *f = formset_find(good, "alltypes");
	const struct workflow *wf = &f->wf;
	const struct transition *t;

	ck_assert_str_eq(wf->initial, "new");
	ck_assert_uint_eq(wf->nstates, 4);
	ck_assert_str_eq(wf->states[1].label.zh, "办理中");
	ck_assert_str_eq(wf->states[1].label.en, "办理中");
	ck_assert_str_eq(wf->states[2].name, "done");
	ck_assert_str_eq(wf->states[2].label.zh, "done");
	ck_assert_uint_eq(wf->ntrans, 3);
	t = &wf->trans[0];
	ck_assert_uint_eq(t->nfrom, 1);
	ck_assert_str_eq(t->from[0], "new");
	ck_assert_str_eq(t->to, "open");
	ck_assert_uint_eq(t->nroles, 1);
	ck_assert_str_eq(t->roles[0], "clerk");
	ck_assert_str_eq(t->label.zh, "受理");
	t = &wf->trans[1];
	ck_assert_uint_eq(t->nrequire, 2);
	ck_assert_str_eq(t->require[1], "result");
	/* The action's label defaults to the target state's. */
	ck_assert_str_eq(t->label.zh, "done");
	t = &wf->trans[2];
	ck_assert_str_eq(t->from[0], "*");
	ck_assert_str_eq(t->label.en, "Void");
	ck_assert_ptr_eq(form_state(f, "void"), &wf->states[3]);
	ck_assert_ptr_null(form_state(f, "nosuch"));
	/* A form without workflow has no initial state. */
	f = formset_find(good, "minimal");
	ck_assert_ptr_null(f->wf.initial);
	ck_assert_uint_eq(f->wf.nstates, 0);
	ck_assert_int_eq(f->scope, SCOPE_COMMUNITY);
	ck_assert_uint_eq(f->ncolumns, 0);
}
END_TEST

START_TEST(test_good_cjk_and_plain_labels)
{
	const struct form *f = formset_find(good, "cjk_id");
	const struct field *x = form_field(f, "done");

	ck_assert_str_eq(f->id_pattern, "({year})和人调字第{seq}号");
	ck_assert_int_eq(f->version, 2);
	ck_assert_str_eq(f->title.en, "人民调解卷宗");
	ck_assert_str_eq(x->label.zh, "完成");
	ck_assert_str_eq(x->label.en, "完成");
	ck_assert_str_eq(x->help.zh, "");
	ck_assert(!x->required);
	ck_assert_str_eq(x->def, "1");
	ck_assert_str_eq(label_get(&f->title, "en"), "人民调解卷宗");
}
END_TEST

START_TEST(test_query)
{
	const struct form *f = formset_find(good, "alltypes");
	const struct field *g = form_field(f, "people");
	const struct choice_list *l = form_field(f, "colour")->choices;
	struct label lab = { "中文", "English" }, half = { "只有中文", "" };

	ck_assert_ptr_eq(form_field(f, "people.name"), &g->fields[0]);
	ck_assert_ptr_eq(form_field(f, "people.12.name"), &g->fields[0]);
	ck_assert_ptr_eq(group_field(g, "kind"), &g->fields[3]);
	ck_assert_ptr_null(group_field(g, "nope"));
	ck_assert_ptr_null(group_field(NULL, "kind"));
	ck_assert_ptr_null(form_field(f, "people.x.name"));
	ck_assert_ptr_null(form_field(f, "people.2"));
	ck_assert_ptr_null(form_field(f, "people.2.name.x"));
	ck_assert_ptr_null(form_field(f, "title.x"));
	ck_assert_ptr_null(form_field(f, "peo"));
	ck_assert_ptr_null(form_field(f, ""));
	ck_assert_ptr_null(form_field(NULL, "title"));
	ck_assert_str_eq(list_choice(l, "g")->label.zh, "绿");
	ck_assert_ptr_null(list_choice(l, "G"));
	ck_assert_ptr_null(list_choice(NULL, "g"));
	ck_assert_str_eq(label_get(&lab, "zh"), "中文");
	ck_assert_str_eq(label_get(&lab, "en"), "English");
	ck_assert_str_eq(label_get(&lab, NULL), "中文");
	ck_assert_str_eq(label_get(&half, "en"), "只有中文");
	ck_assert_str_eq(label_get(NULL, "en"), "");
}
END_TEST

/* spec_load_file alone: shared lists passed in, refs not checked. */
START_TEST(test_load_file_shared)
{
	struct diags d = DIAGS_INIT;
	struct form *f = NULL;
	char *text;

	ck_assert_int_eq(spec_load_file(GOOD "/alltypes.yaml", good->lists,
	    good->nlists, &f, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_ptr_eq(form_field(f, "sex")->choices, &good->lists[1]);
	form_free(f);
	/* Without the shared lists, sex's list is unknown. */
	ck_assert_int_eq(spec_load_file(GOOD "/alltypes.yaml", NULL, 0, &f,
	    &d), -1);
	ck_assert_ptr_null(f);
	text = diags_text(&d);
	ck_assert_str_eq(text, GOOD "/alltypes.yaml:37:51: unknown list "
	    "'sex'; lists: colour\n");
	free(text);
	diags_free(&d);
}
END_TEST

/* A shared list's code with '、' is fine for a choice, refused for a
 * multichoice: reported at the field's `choices:`, naming the code's
 * place in the list file. */
START_TEST(test_multichoice_shared_sep)
{
	char dir[] = "/tmp/check_spec.XXXXXX", path[256], *text, *want;
	struct formset *fs = NULL;
	struct diags d = DIAGS_INIT;
	FILE *fp;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/lists", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/lists/tags.yaml", dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs("list: tags\nchoices:\n  - {code: \"1\", zh: 一}\n"
	    "  - {code: \"甲、乙\", zh: 甲乙}\n", fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/t.yaml", dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs("form: t\nversion: 1\ntitle: T\nid: \"T{seq}\"\n"
	    "scope: community\nfields:\n"
	    "  - {name: one, type: choice, label: 一, choices: tags}\n"
	    "  - {name: many, type: multichoice, label: 多, choices: tags}\n",
	    fp);
	fclose(fp);
	(void)spec_load_dir(dir, &fs, &d);
	text = diags_text(&d);
	want = xasprintf("%s/t.yaml:8:56: multichoice 'many': code '甲、乙' of "
	    "list 'tags' (%s/lists/tags.yaml:4:5) contains '、', which "
	    "separates chosen items; use another code\n", dir, dir);
	ck_assert_str_eq(text, want);
	free(text);
	free(want);
	diags_free(&d);
	formset_free(fs);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

/* ---- bad fixtures: messages exactly as in NAME.expected --------------- */

START_TEST(test_bad_fixtures)
{
	glob_t g;
	size_t i, n = 0;

	to_source_tree();
	ck_assert_int_eq(glob("tests/forms/bad/*.yaml", 0, NULL, &g), 0);
	for (i = 0; i < g.gl_pathc; i++) {
		struct diags d = DIAGS_INIT;
		char *path = g.gl_pathv[i], *want, *got, *exp;

		exp = xasprintf("%.*s.expected", (int)(strlen(path) - 5), path);
		want = slurp(exp);
		ck_assert_msg(spec_check_files(GOOD, &path, 1, &d) == -1,
		    "%s loads clean", path);
		got = diags_text(&d);
		ck_assert_msg(strcmp(got, want) == 0, "%s:\nwanted:\n%sgot:\n%s",
		    path, want, got);
		free(got);
		free(want);
		free(exp);
		diags_free(&d);
		n++;
	}
	globfree(&g);
	ck_assert_uint_ge(n, 30);
}
END_TEST

/* Every file's problems, all of them, in one run. */
START_TEST(test_bad_all_at_once)
{
	struct diags d = DIAGS_INIT;
	glob_t g;
	size_t i, want = 0;
	char *text;

	to_source_tree();
	ck_assert_int_eq(glob("tests/forms/bad/*.yaml", 0, NULL, &g), 0);
	for (i = 0; i < g.gl_pathc; i++) {
		char *exp = xasprintf("%.*s.expected",
		    (int)(strlen(g.gl_pathv[i]) - 5), g.gl_pathv[i]);
		char *s = slurp(exp), *p;

		for (p = s; *p != '\0'; p++)
			want += *p == '\n';
		free(s);
		free(exp);
	}
	ck_assert_int_eq(spec_check_files(GOOD, g.gl_pathv, g.gl_pathc, &d),
	    -1);
	ck_assert_uint_eq(d.n, want);
	text = diags_text(&d);
	free(text);
	globfree(&g);
	diags_free(&d);
}
END_TEST

/* ---- the shipped forms ------------------------------------------------ */

static struct formset *shipped;

static void
shipped_setup(void)
{
	struct diags d = DIAGS_INIT;

	to_source_tree();
	if (spec_load_dir("forms", &shipped, &d) != 0 || d.n > 0)
		diags_print(&d, stderr);
	ck_assert_uint_eq(d.n, 0);
	diags_free(&d);
}

static void
shipped_teardown(void)
{
	formset_free(shipped);
	shipped = NULL;
}

static const struct field *
need(const char *form, const char *path, const char *type)
{
	const struct form *f = formset_find(shipped, form);
	const struct field *x;

	ck_assert_msg(f != NULL, "no form %s", form);
	x = form_field(f, path);
	ck_assert_msg(x != NULL, "%s has no field %s", form, path);
	ck_assert_msg(type == NULL || strcmp(x->type->name, type) == 0,
	    "%s.%s is %s, not %s", form, path, x->type->name, type);
	return x;
}

START_TEST(test_shipped_household)
{
	const struct field *x;

	ck_assert_uint_eq(shipped->n, 3);
	ck_assert(need("household", "address", NULL)->index);
	need("household", "grid", NULL);
	x = need("household", "members", "group");
	ck_assert_uint_ge(x->repeat_min, 1);
	ck_assert(need("household", "members.name", NULL)->index);
	ck_assert(need("household", "members.id_card", "idcard")->unique);
	need("household", "members.sex", "choice");
	need("household", "members.birth", "date");
	ck_assert_str_eq(need("household", "members.ethnicity",
	    "choice")->choices->name, "ethnicity");
	ck_assert_str_eq(need("household", "members.relation",
	    "choice")->choices->name, "relation");
	ck_assert(need("household", "members.phone", NULL)->index);
	ck_assert_uint_eq(need("household", "members.person_type",
	    "choice")->choices->n, 3);
	need("household", "members.care", "multichoice");
	ck_assert_int_eq(formset_find(shipped, "household")->scope,
	    SCOPE_GRID);
}
END_TEST

START_TEST(test_shipped_mediation)
{
	static const char *const fields[] = { "kind", "source", "summary",
	    "mediator", "agreement", "visit_date", "visit_result",
	    "parties.name", "parties.id_card", "parties.phone",
	    "parties.role" };
	static const char *const states[] = { "已登记", "调查中", "调解中",
	    "达成协议", "调解终止", "不予受理", "履行中", "已履行", "未履行",
	    "已回访", "已归档" };
	const struct form *f = formset_find(shipped, "mediation");
	const struct transition *t;
	size_t i, j;
	bool agreement = false;

	for (i = 0; i < nitems(fields); i++)
		need("mediation", fields[i], NULL);
	need("mediation", "parties", "group");
	for (i = 0; i < nitems(states); i++) {
		for (j = 0; j < f->wf.nstates; j++)
			if (strcmp(f->wf.states[j].label.zh, states[i]) == 0)
				break;
		ck_assert_msg(j < f->wf.nstates, "no state %s", states[i]);
	}
	/* The agreement is required before 达成协议. */
	for (i = 0; i < f->wf.ntrans; i++) {
		t = &f->wf.trans[i];
		if (strcmp(form_state(f, t->to)->label.zh, "达成协议") != 0)
			continue;
		for (j = 0; j < t->nrequire; j++)
			if (strcmp(t->require[j], "agreement") == 0)
				agreement = true;
	}
	ck_assert(agreement);
}
END_TEST

START_TEST(test_shipped_consultation)
{
	static const char *const fields[] = { "topic", "method", "proposer",
	    "notice_date", "participants", "participants.name",
	    "participants.standing", "discussion", "decision", "votes_for",
	    "votes_against", "votes_abstain", "feedback", "supervision" };
	static const char *const steps[] = { "党组织提议", "事先告知",
	    "民主协商", "成果采纳", "决议反馈", "实时监督" };
	const struct form *f = formset_find(shipped, "consultation");
	size_t i, j;

	for (i = 0; i < nitems(fields); i++)
		need("consultation", fields[i], NULL);
	need("consultation", "votes_for", "integer");
	for (i = 0; i < nitems(steps); i++) {
		for (j = 0; j < f->wf.nstates; j++)
			if (strcmp(f->wf.states[j].label.zh, steps[i]) == 0)
				break;
		ck_assert_msg(j < f->wf.nstates, "no step %s", steps[i]);
	}
}
END_TEST

/* Every required field of every transition is shown in its from-state,
 * and every state is reachable: the loader checked it, assert it here
 * on the result as well. */
START_TEST(test_shipped_workflows_sound)
{
	size_t i, j, k, s;

	for (i = 0; i < shipped->n; i++) {
		const struct form *f = shipped->forms[i];

		for (j = 0; j < f->wf.ntrans; j++) {
			const struct transition *t = &f->wf.trans[j];

			for (k = 0; k < t->nrequire; k++) {
				const struct field *x = form_field(f,
				    t->require[k]);

				ck_assert_ptr_nonnull(x);
				for (s = 0; s < t->nfrom; s++)
					if (strcmp(t->from[s], "*") != 0)
						ck_assert_int_ne(
						    expr_eval_state(x->show_if,
						    t->from[s]), 0);
			}
		}
	}
}
END_TEST

/* ---- config ----------------------------------------------------------- */

START_TEST(test_config_shipped)
{
	struct diags d = DIAGS_INIT;
	struct config *c = NULL;
	size_t i;

	to_source_tree();
	if (config_load("config/gridbook.yaml", &c, &d) != 0)
		diags_print(&d, stderr);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_ge(c->ngrids, 1);
	ck_assert_uint_ge(c->nusers, 1);
	for (i = 0; i < c->nusers; i++) {
		const struct user *u = &c->users[i];
		size_t j;

		ck_assert_ptr_eq(config_user(c, u->login), u);
		if (u->role == ROLE_LEADER)
			ck_assert_uint_ge(u->ngrids, 1);
		for (j = 0; j < u->ngrids; j++)
			ck_assert_ptr_nonnull(config_grid(c, u->grids[j]));
	}
	config_free(c);
	diags_free(&d);
}
END_TEST

START_TEST(test_config_good)
{
	static const char yaml[] =
	    "community: {zh: 和平社区, en: Heping}\n"
	    "lang: en\n"
	    "grids:\n"
	    "  - {code: \"001\", name: 第一网格}\n"
	    "  - {code: \"622925100003002\"}\n"
	    "users:\n"
	    "  - {login: admin, role: admin, name: 管理员}\n"
	    "  - {login: clerk1, role: clerk}\n"
	    "  - {login: leader.one, role: leader, grids: [\"001\", "
	    "\"622925100003002\"]}\n"
	    "  - {login: leader2, role: leader, grids: \"001\"}\n";
	struct diags d = DIAGS_INIT;
	struct config *c;
	const struct user *u;

	ck_assert_int_eq(config_load_buffer("c.yaml", yaml, strlen(yaml), &c,
	    &d), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_str_eq(c->community, "Heping");
	ck_assert_str_eq(c->lang, "en");
	ck_assert_str_eq(c->file, "c.yaml");
	ck_assert_uint_eq(c->ngrids, 2);
	ck_assert_str_eq(config_grid(c, "001")->name, "第一网格");
	ck_assert_str_eq(config_grid(c, "622925100003002")->name,
	    "622925100003002");
	ck_assert_ptr_null(config_grid(c, "1"));
	u = config_user(c, "leader.one");
	ck_assert_int_eq(u->role, ROLE_LEADER);
	ck_assert_uint_eq(u->ngrids, 2);
	ck_assert_str_eq(u->name, "leader.one");
	ck_assert_uint_eq(config_user(c, "leader2")->ngrids, 1);
	ck_assert_int_eq(config_user(c, "clerk1")->role, ROLE_CLERK);
	ck_assert_str_eq(config_user(c, "admin")->name, "管理员");
	ck_assert_ptr_null(config_user(c, "nobody"));
	ck_assert_str_eq(role_name(ROLE_ADMIN), "admin");
	ck_assert_str_eq(role_name(ROLE_CLERK), "clerk");
	ck_assert_str_eq(role_name(ROLE_LEADER), "leader");
	config_free(c);
	/* An empty config is valid: no grids, no users. */
	ck_assert_int_eq(config_load_buffer("e.yaml", "", 0, &c, &d), 0);
	ck_assert_uint_eq(c->nusers, 0);
	ck_assert_ptr_null(c->lang);
	config_free(c);
	diags_free(&d);
}
END_TEST

static const struct {
	const char *yaml;
	const char *msgs;
} config_bad[] = {
	{ "comunity: x\n",
	  "c.yaml:1:1: unknown key 'comunity' in the config; did you mean "
	  "'community'?\n" },
	{ "lang: fr\n", "c.yaml:1:7: 'lang' must be zh or en, not 'fr'\n" },
	{ "grids: {code: 1}\n",
	  "c.yaml:1:8: 'grids' must be a list, not a mapping\n" },
	{ "grids: [{code: \"001\"}, {code: \"001\"}, {name: x}, "
	  "{code: \"a b\"}]\n",
	  "c.yaml:1:31: duplicate grid code '001' (first at line 1)\n"
	  "c.yaml:1:39: a grid needs 'code' (as in \"001\")\n"
	  "c.yaml:1:57: grid code 'a b' must be letters, digits, '-' or '_' "
	  "(at most 32)\n" },
	{ "users:\n  - {login: a, role: admn}\n  - {login: b}\n"
	  "  - {role: clerk}\n  - {login: a, role: clerk}\n",
	  "c.yaml:2:22: unknown role 'admn'; did you mean 'admin'?\n"
	  "c.yaml:3:5: user 'b' needs 'role' (admin, clerk or leader)\n"
	  "c.yaml:4:5: a user needs 'login' (the Unix login name)\n"
	  "c.yaml:5:13: duplicate user 'a' (first at line 2)\n" },
	{ "grids: [{code: \"001\"}]\nusers:\n"
	  "  - {login: l, role: leader}\n"
	  "  - {login: m, role: leader, grids: [\"002\"]}\n"
	  "  - {login: n, role: clerk, grids: [\"001\"]}\n"
	  "  - {login: o, role: leader, grids: []}\n",
	  "c.yaml:3:5: leader 'l' needs 'grids' (the grid codes they look "
	  "after)\n"
	  "c.yaml:4:38: user 'm': unknown grid '002' (not among 'grids:')\n"
	  "c.yaml:5:36: only leaders have 'grids'; 'n' is clerk and sees "
	  "every grid\n"
	  "c.yaml:6:37: leader 'o' needs at least one grid\n" },
	{ "users: [{login: \"Bad User\", role: clerk, shell: /bin/sh}]\n",
	  "c.yaml:1:17: 'Bad User' is not a Unix login name\n"
	  "c.yaml:1:42: unknown key 'shell' in a user; valid keys: login, "
	  "role, name, grids\n" },
	{ "- just\n- a list\n",
	  "c.yaml:1:1: the config must be a mapping (community:, lang:, "
	  "grids:, users:), not a list\n" },
	{ "users: [{login: a, role: clerk}\n",
	  "c.yaml:2:1: yaml syntax error: did not find expected ',' or ']' "
	  "(while parsing a flow sequence that starts at line 1, column 8)\n" },
};

START_TEST(test_config_bad)
{
	struct diags d = DIAGS_INIT;
	struct config *c = (struct config *)1;
	char *text;

	ck_assert_int_eq(config_load_buffer("c.yaml", config_bad[_i].yaml,
	    strlen(config_bad[_i].yaml), &c, &d), -1);
	ck_assert_ptr_null(c);
	text = diags_text(&d);
	ck_assert_str_eq(text, config_bad[_i].msgs);
	free(text);
	diags_free(&d);
}
END_TEST

START_TEST(test_config_missing_file)
{
	struct diags d = DIAGS_INIT;
	struct config *c;

	ck_assert_int_eq(config_load("/nonexistent/gridbook.yaml", &c, &d),
	    -1);
	ck_assert_ptr_null(c);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg, "cannot open: No such file or directory");
	diags_free(&d);
}
END_TEST

/* ---- shared list files ------------------------------------------------ */

START_TEST(test_list_files)
{
	struct diags d = DIAGS_INIT;
	struct choice_list l;
	char *text;
	static const char bad[] =
	    "list: colours\ntitle: [x]\nchoices: []\nsource: {a: b}\nextra: 1\n";

	to_source_tree();
	ck_assert_int_eq(spec_list_load(GOOD "/lists/ethnicity.yaml", &l, &d),
	    0);
	ck_assert_str_eq(l.name, "ethnicity");
	ck_assert_str_eq(l.title.en, "Ethnicity");
	ck_assert_str_eq(l.source, "GB/T 3304-1991");
	ck_assert_uint_eq(l.n, 5);
	ck_assert_str_eq(list_choice(&l, "34")->label.zh, "东乡族");
	ck_assert_str_eq(list_choice(&l, "其他")->label.en, "其他");
	ck_assert_str_eq(l.file, GOOD "/lists/ethnicity.yaml");
	choice_list_clear(&l);
	ck_assert_int_eq(spec_list_parse("lists/colour.yaml", bad,
	    strlen(bad), &l, &d), -1);
	ck_assert_ptr_null(l.name);
	text = diags_text(&d);
	ck_assert_str_eq(text,
	    "lists/colour.yaml:1:7: list 'colours' must be in a file named "
	    "'colours.yaml' (or be called 'colour')\n"
	    "lists/colour.yaml:2:8: 'title' must be text or {zh: ..., en: ...}, "
	    "not a list\n"
	    "lists/colour.yaml:3:10: a list of choices needs at least one "
	    "choice\n"
	    "lists/colour.yaml:4:9: 'source' must be a value, not a mapping\n"
	    "lists/colour.yaml:5:1: unknown key 'extra' in a list file; valid "
	    "keys: list, title, source, choices\n");
	free(text);
	diags_free(&d);
}
END_TEST

static Suite *
spec_suite(void)
{
	Suite *s = suite_create("spec");
	TCase *tc;

	tc = tcase_create("good");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, good_setup, good_teardown);
	tcase_add_test(tc, test_good_header);
	tcase_add_test(tc, test_good_fields);
	tcase_add_test(tc, test_good_workflow);
	tcase_add_test(tc, test_good_cjk_and_plain_labels);
	tcase_add_test(tc, test_query);
	tcase_add_test(tc, test_load_file_shared);
	tcase_add_test(tc, test_multichoice_shared_sep);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_bad_fixtures);
	tcase_add_test(tc, test_bad_all_at_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("shipped");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, shipped_setup, shipped_teardown);
	tcase_add_test(tc, test_shipped_household);
	tcase_add_test(tc, test_shipped_mediation);
	tcase_add_test(tc, test_shipped_consultation);
	tcase_add_test(tc, test_shipped_workflows_sound);
	suite_add_tcase(s, tc);

	tc = tcase_create("config");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_config_shipped);
	tcase_add_test(tc, test_config_good);
	tcase_add_loop_test(tc, test_config_bad, 0, (int)nitems(config_bad));
	tcase_add_test(tc, test_config_missing_file);
	tcase_add_test(tc, test_list_files);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(spec_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
