/*
 * check_record.c — unit tests of the record layer against a form built in C
 * (so they do not depend on the YAML loader; show_if goes through the real
 * expr_parse/expr_check): the value model and group renumbering, the codec
 * (round trips of every type with CJK, every cut point and byte flip of an
 * encoding refused or decoded without a crash, the saved fuzz crashers),
 * parsing typed values (choices, bounds, lengths, patterns), whole-record
 * validation, visibility, defaults, carry, index keys, diffs and human ids.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "record.h"

#define TODAY "2026-03-01"
#define REGRESS_DIR "tests/fuzz-regress/record"

/* ---- a household form, built by hand ---- */

static struct form *tf;
static char **tf_pool;
static size_t tf_npool;

static char *
tf_str(const char *s)
{
	if (s == NULL)
		return NULL;
	tf_pool = xreallocarray(tf_pool, tf_npool + 1, sizeof *tf_pool);
	return tf_pool[tf_npool++] = xstrdup(s);
}

static void
tf_field(struct field *f, const char *name, const char *type)
{
	memset(f, 0, sizeof *f);
	f->name = tf_str(name);
	f->type = field_type_find(type);
	ck_assert_ptr_nonnull(f->type);
	f->label.zh = f->label.en = f->name;
	f->help.zh = f->help.en = tf_str("");
	f->minlen = f->maxlen = -1;
}

static struct choice_list *
tf_list(const char *name, const char *const *v, size_t n)
{
	struct choice_list *l = xcalloc(1, sizeof *l);
	size_t i;

	l->name = tf_str(name);
	l->v = xcalloc(n / 3, sizeof *l->v);
	for (i = 0; i + 2 < n; i += 3) {
		l->v[l->n].code = tf_str(v[i]);
		l->v[l->n].label.zh = tf_str(v[i + 1]);
		l->v[l->n].label.en = tf_str(v[i + 2]);
		l->n++;
	}
	return l;
}

static void
tf_show_if(struct field *f, const char *src)
{
	struct diags d = DIAGS_INIT;
	struct mark at = { 1, 1 };

	f->show_if_src = tf_str(src);
	f->show_if = expr_parse(src, "test", at, &d);
	ck_assert_msg(f->show_if != NULL, "parse %s", src);
	ck_assert_msg(expr_check(f->show_if, tf, f, "test", &d) == 0 &&
	    d.n == 0, "check %s: %s", src, d.n > 0 ? d.v[0].msg : "");
	diags_free(&d);
}

static void
tf_pattern(struct field *f, const char *pat)
{
	char *re = xasprintf("^(%s)$", pat);

	f->pattern = tf_str(pat);
	ck_assert_int_eq(regcomp(&f->re, re, REG_EXTENDED | REG_NOSUB), 0);
	free(re);
}

static const char *const grid_list[] = {
	"001", "第一网格", "Grid 1", "002", "第二网格", "Grid 2",
};
static const char *const care_list[] = {
	"dibao", "低保", "Subsistence allowance",
	"tekun", "特困", "Extreme poverty",
	"canji", "残疾", "Disabled",
	"duju", "独居老人", "Elderly living alone",
};
static const char *const relation_list[] = {
	"01", "本人", "Self", "02", "户主", "Head", "10", "配偶", "Spouse",
	"20", "子", "Son", "30", "女", "Daughter",
};
static const char *const sex_list[] = {
	"1", "男", "Male", "2", "女", "Female",
};
static const char *const kind_list[] = {
	"婚姻家庭", "婚姻家庭", "Marriage and family", "邻里", "邻里", "Neighbours",
	"房屋宅基地", "房屋宅基地", "Housing", "合同", "合同", "Contract",
	"生产经营", "生产经营", "Business", "损害赔偿", "损害赔偿", "Damages",
	"山林土地", "山林土地", "Land", "征地拆迁", "征地拆迁", "Expropriation",
	"环境污染", "环境污染", "Pollution", "其他", "其他", "Other",
};

enum {
	F_ADDRESS, F_GRID, F_ROOMS, F_AREA, F_VISIT, F_RENTED, F_LANDLORD,
	F_CARE, F_CODE, F_NOTE, F_CASE, F_KIND, F_MEMBERS, F_NFIELDS
};
enum {
	M_NAME, M_ID, M_PHONE, M_RELATION, M_SEX, M_BIRTH, M_SCHOOL, M_EMPLOYER,
	M_NFIELDS
};

static struct choice_list *tf_lists[5];

static void
tf_setup(void)
{
	struct field *f, *m;
	size_t i;

	setenv("GRIDBOOK_TODAY", TODAY, 1);
	tf = xcalloc(1, sizeof *tf);
	tf->name = tf_str("household");
	tf->version = 1;
	tf->title.zh = tf->title.en = tf_str("住户");
	tf->id_pattern = tf_str("HH-{seq:06}");
	tf->scope = SCOPE_GRID;
	tf_lists[0] = tf_list("grids", grid_list, nitems(grid_list));
	tf_lists[1] = tf_list("care", care_list, nitems(care_list));
	tf_lists[2] = tf_list("relation", relation_list, nitems(relation_list));
	tf_lists[3] = tf_list(NULL, sex_list, nitems(sex_list));
	tf_lists[4] = tf_list("kinds", kind_list, nitems(kind_list));

	tf->wf.initial = tf_str("received");
	tf->wf.states = xcalloc(3, sizeof *tf->wf.states);
	tf->wf.nstates = 3;
	tf->wf.states[0].name = tf_str("received");
	tf->wf.states[1].name = tf_str("visited");
	tf->wf.states[2].name = tf_str("closed");
	for (i = 0; i < 3; i++)
		tf->wf.states[i].label.zh = tf->wf.states[i].label.en =
		    tf->wf.states[i].name;

	tf->fields = f = xcalloc(F_NFIELDS, sizeof *f);
	tf->nfields = F_NFIELDS;
	tf_field(&f[F_ADDRESS], "address", "text");
	f[F_ADDRESS].required = f[F_ADDRESS].index = f[F_ADDRESS].carry = true;
	f[F_ADDRESS].maxlen = 40;
	tf_field(&f[F_GRID], "grid", "choice");
	f[F_GRID].required = f[F_GRID].carry = true;
	f[F_GRID].choices = tf_lists[0];
	tf_field(&f[F_ROOMS], "rooms", "integer");
	f[F_ROOMS].min = tf_str("1");
	f[F_ROOMS].max = tf_str("20");
	f[F_ROOMS].def = tf_str("1");
	tf_field(&f[F_AREA], "area", "decimal");
	f[F_AREA].min = tf_str("0.5");
	f[F_AREA].max = tf_str("1000.25");
	tf_field(&f[F_VISIT], "visit", "date");
	f[F_VISIT].min = tf_str("2000-01-01");
	f[F_VISIT].max = tf_str("today");
	tf_field(&f[F_RENTED], "rented", "bool");
	f[F_RENTED].def = tf_str("0");
	tf_field(&f[F_LANDLORD], "landlord", "text");
	f[F_LANDLORD].required = true;
	tf_field(&f[F_CARE], "care", "multichoice");
	f[F_CARE].choices = tf_lists[1];
	f[F_CARE].maxlen = 2;
	f[F_CARE].index = true;
	tf_field(&f[F_CODE], "code", "text");
	f[F_CODE].minlen = f[F_CODE].maxlen = 5;
	tf_pattern(&f[F_CODE], "[A-Z]{2}[0-9]{3}");
	tf_field(&f[F_NOTE], "note", "textarea");
	f[F_NOTE].minlen = 2;
	f[F_NOTE].maxlen = 200;
	tf_field(&f[F_CASE], "case_ref", "ref");
	f[F_CASE].ref_form = tf_str("mediation");
	tf_field(&f[F_KIND], "kind", "choice");
	f[F_KIND].choices = tf_lists[4];
	tf_field(&f[F_MEMBERS], "members", "group");
	f[F_MEMBERS].repeat_min = 1;
	f[F_MEMBERS].repeat_max = 5;

	f[F_MEMBERS].fields = m = xcalloc(M_NFIELDS, sizeof *m);
	f[F_MEMBERS].nfields = M_NFIELDS;
	tf_field(&m[M_NAME], "name", "text");
	m[M_NAME].required = m[M_NAME].index = true;
	m[M_NAME].maxlen = 20;
	tf_field(&m[M_ID], "id_card", "idcard");
	m[M_ID].unique = true;
	tf_field(&m[M_PHONE], "phone", "phone");
	m[M_PHONE].index = true;
	tf_field(&m[M_RELATION], "relation", "choice");
	m[M_RELATION].choices = tf_lists[2];
	m[M_RELATION].def = tf_str("01");
	tf_field(&m[M_SEX], "sex", "choice");
	m[M_SEX].choices = tf_lists[3];
	tf_field(&m[M_BIRTH], "birth", "date");
	m[M_BIRTH].max = tf_str("today");
	tf_field(&m[M_SCHOOL], "school", "text");
	m[M_SCHOOL].required = true;
	tf_field(&m[M_EMPLOYER], "employer", "text");
	m[M_EMPLOYER].carry = true;
	for (i = 0; i < M_NFIELDS; i++)
		m[i].parent = &f[F_MEMBERS];

	/* show_if once every field is in place: resolved against the form. */
	tf_show_if(&f[F_LANDLORD], "rented = true");
	tf_show_if(&m[M_SCHOOL], "relation in ['20', '30']");
	tf_show_if(&m[M_EMPLOYER], "not rented and relation != '20'");
}

static void
tf_teardown(void)
{
	size_t i;

	for (i = 0; i < tf->nfields; i++) {
		expr_free(tf->fields[i].show_if);
		if (tf->fields[i].pattern != NULL)
			regfree(&tf->fields[i].re);
	}
	for (i = 0; i < tf->fields[F_MEMBERS].nfields; i++)
		expr_free(tf->fields[F_MEMBERS].fields[i].show_if);
	free(tf->fields[F_MEMBERS].fields);
	free(tf->fields);
	free(tf->wf.states);
	free(tf);
	for (i = 0; i < nitems(tf_lists); i++) {
		free(tf_lists[i]->v);
		free(tf_lists[i]);
	}
	for (i = 0; i < tf_npool; i++)
		free(tf_pool[i]);
	free(tf_pool);
	tf_pool = NULL;
	tf_npool = 0;
}

static const struct field *
tf_find(const struct field *v, size_t n, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(v[i].name) == len && strncmp(v[i].name, name, len) == 0)
			return &v[i];
	return NULL;
}

/* The field of a path: "rooms", "members.1.name" (the number skipped). */
static const struct field *
tf_get(const char *path)
{
	const struct field *f;
	const char *dot = strchr(path, '.'), *dot2;

	if (dot == NULL)
		f = tf_find(tf->fields, tf->nfields, path, strlen(path));
	else {
		f = tf_find(tf->fields, tf->nfields, path, (size_t)(dot - path));
		dot2 = strchr(dot + 1, '.');
		ck_assert_ptr_nonnull(f);
		ck_assert_ptr_nonnull(dot2);
		f = tf_find(f->fields, f->nfields, dot2 + 1, strlen(dot2 + 1));
	}
	ck_assert_msg(f != NULL, "no field %s", path);
	return f;
}

/* A record from "path=value" strings. */
static struct record *
rec_of(const char *const *kv)
{
	struct record *r = record_new();
	const char *eq;
	char *path;

	for (; *kv != NULL; kv++) {
		eq = strchr(*kv, '=');
		ck_assert_ptr_nonnull(eq);
		path = xstrndup(*kv, (size_t)(eq - *kv));
		record_set(r, path, eq + 1);
		free(path);
	}
	return r;
}

/* A valid household with two members. */
static struct record *
rec_good(void)
{
	static const char *const kv[] = {
		"address=和平路12号", "grid=001", "rooms=3", "area=85.5",
		"visit=2026-01-05", "rented=0", "care=dibao,canji",
		"code=AB123", "note=第一行\n第二行", "case_ref=MD-2026-0001",
		"kind=邻里",
		"members.1.name=张三", "members.1.id_card=11010519491231002X",
		"members.1.phone=13812345678", "members.1.relation=02",
		"members.1.sex=1", "members.1.birth=1949-12-31",
		"members.2.name=Li Si", "members.2.id_card=440524188001010014",
		"members.2.phone=0931-1234567", "members.2.relation=20",
		"members.2.school=和政一中", "members.2.birth=1880-01-01",
		NULL
	};
	struct record *r = rec_of(kv);

	record_set_meta(&r->state, "received");
	record_set_meta(&r->grid, "001");
	return r;
}

static bool
rec_equal(const struct record *a, const struct record *b)
{
	size_t i;

#define SEQ(x, y) ((x) == NULL ? (y) == NULL : (y) != NULL && strcmp(x, y) == 0)
	if (a->id != b->id || a->rev != b->rev || a->created != b->created ||
	    a->updated != b->updated || !SEQ(a->hid, b->hid) ||
	    !SEQ(a->state, b->state) || !SEQ(a->grid, b->grid) ||
	    !SEQ(a->cuser, b->cuser) || !SEQ(a->uuser, b->uuser) ||
	    a->nv != b->nv)
		return false;
	for (i = 0; i < a->nv; i++)
		if (strcmp(a->v[i].path, b->v[i].path) != 0 ||
		    strcmp(a->v[i].text, b->v[i].text) != 0)
			return false;
	return true;
#undef SEQ
}

/* ---- value model ---- */

static const struct {
	const char	*a;
	const char	*b;
	int		 want;
} pathcmp_cases[] = {
	{ "a", "a", 0 },
	{ "a", "b", -1 },
	{ "m.2.x", "m.10.x", -1 },
	{ "m.10.a", "m.9.z", 1 },
	{ "m.1.z", "m.2.a", -1 },
	{ "m", "m.1.x", -1 },
	{ "m.1.x", "m.1.y", -1 },
	{ "m.1.x", "m_a", -1 },
	{ "members.2.name", "members.2.id_card", 1 },
	{ "m.01.x", "m.1.x", 0 },
	{ "m.9.x", "m.a.x", -1 },
	{ "", "a", -1 },
};

START_TEST(test_path_cmp)
{
	int c = record_path_cmp(pathcmp_cases[_i].a, pathcmp_cases[_i].b);
	int r = record_path_cmp(pathcmp_cases[_i].b, pathcmp_cases[_i].a);

	c = c < 0 ? -1 : c > 0;
	r = r < 0 ? -1 : r > 0;
	ck_assert_msg(c == pathcmp_cases[_i].want, "%s vs %s: %d",
	    pathcmp_cases[_i].a, pathcmp_cases[_i].b, c);
	ck_assert_int_eq(r, -c);
}
END_TEST

START_TEST(test_set_get)
{
	struct record *r = record_new(), *d;
	size_t i;

	ck_assert_ptr_null(record_get(r, "address"));
	record_set(r, "members.10.name", "十");
	record_set(r, "members.2.name", "二");
	record_set(r, "address", "和平路");
	record_set(r, "members.1.name", "一");
	ck_assert_uint_eq(r->nv, 4);
	ck_assert_str_eq(r->v[0].path, "address");
	ck_assert_str_eq(r->v[1].path, "members.1.name");
	ck_assert_str_eq(r->v[2].path, "members.2.name");
	ck_assert_str_eq(r->v[3].path, "members.10.name");
	ck_assert_str_eq(record_get(r, "members.10.name"), "十");
	record_set(r, "address", "幸福路");
	ck_assert_str_eq(record_get(r, "address"), "幸福路");
	ck_assert_uint_eq(r->nv, 4);
	record_set(r, "address", "");
	ck_assert_ptr_null(record_get(r, "address"));
	record_set(r, "members.2.name", NULL);
	record_set(r, "nothing", NULL);
	ck_assert_uint_eq(r->nv, 2);
	for (i = 0; i < 100; i++) {
		char p[32];

		snprintf(p, sizeof p, "members.%zu.phone", 100 - i);
		record_set(r, p, "13812345678");
	}
	for (i = 1; i < r->nv; i++)
		ck_assert(record_path_cmp(r->v[i - 1].path, r->v[i].path) < 0);
	record_set_meta(&r->hid, "HH-000001");
	record_set_meta(&r->state, "");
	ck_assert_ptr_null(r->state);
	d = record_dup(r);
	ck_assert(rec_equal(r, d));
	record_set(d, "members.1.name", "改");
	ck_assert_str_eq(record_get(r, "members.1.name"), "一");
	record_set_meta(&d->hid, NULL);
	ck_assert_ptr_null(d->hid);
	record_free(d);
	record_free(r);
	record_free(NULL);
}
END_TEST

START_TEST(test_group_ops)
{
	static const char *const kv[] = {
		"address=x",
		"members.1.name=A", "members.1.phone=13800000001",
		"members.2.name=B",
		"members.3.name=C", "members.3.phone=13800000003",
		"members.4.name=D",
		"membersx.1.name=not a member", NULL
	};
	struct record *r = rec_of(kv);

	ck_assert_uint_eq(record_group_count(r, "members"), 4);
	ck_assert_uint_eq(record_group_count(r, "member"), 0);
	ck_assert_uint_eq(record_group_count(r, "parties"), 0);
	record_group_remove(r, "members", 2);
	ck_assert_uint_eq(record_group_count(r, "members"), 3);
	ck_assert_str_eq(record_get(r, "members.1.name"), "A");
	ck_assert_str_eq(record_get(r, "members.2.name"), "C");
	ck_assert_str_eq(record_get(r, "members.2.phone"), "13800000003");
	ck_assert_str_eq(record_get(r, "members.3.name"), "D");
	ck_assert_ptr_null(record_get(r, "members.4.name"));
	ck_assert_str_eq(record_get(r, "membersx.1.name"), "not a member");
	/* Move the last to the front: the others shift down. */
	record_group_move(r, "members", 3, 1);
	ck_assert_str_eq(record_get(r, "members.1.name"), "D");
	ck_assert_str_eq(record_get(r, "members.2.name"), "A");
	ck_assert_str_eq(record_get(r, "members.2.phone"), "13800000001");
	ck_assert_str_eq(record_get(r, "members.3.name"), "C");
	/* And the first to the end. */
	record_group_move(r, "members", 1, 3);
	ck_assert_str_eq(record_get(r, "members.1.name"), "A");
	ck_assert_str_eq(record_get(r, "members.2.name"), "C");
	ck_assert_str_eq(record_get(r, "members.3.name"), "D");
	ck_assert_ptr_null(record_get(r, "members.3.phone"));
	/* Beyond the end is clamped; nonsense is ignored. */
	record_group_move(r, "members", 1, 99);
	ck_assert_str_eq(record_get(r, "members.3.name"), "A");
	record_group_move(r, "members", 0, 1);
	record_group_move(r, "members", 7, 1);
	record_group_remove(r, "members", 0);
	record_group_remove(r, "members", 9);
	ck_assert_uint_eq(record_group_count(r, "members"), 3);
	record_group_remove(r, "members", 3);
	record_group_remove(r, "members", 1);
	record_group_remove(r, "members", 1);
	ck_assert_uint_eq(record_group_count(r, "members"), 0);
	ck_assert_uint_eq(r->nv, 2);
	for (size_t i = 1; i < r->nv; i++)
		ck_assert(record_path_cmp(r->v[i - 1].path, r->v[i].path) < 0);
	record_free(r);
}
END_TEST

START_TEST(test_group_count_gaps)
{
	static const char *const kv[] = {
		"members.1.name=A", "members.12.name=L", "members.3.name=C",
		NULL
	};
	struct record *r = rec_of(kv);

	ck_assert_uint_eq(record_group_count(r, "members"), 12);
	record_group_remove(r, "members", 2);
	ck_assert_str_eq(record_get(r, "members.2.name"), "C");
	ck_assert_str_eq(record_get(r, "members.11.name"), "L");
	record_free(r);
}
END_TEST

/* ---- codec ---- */

static struct record *
rec_full(void)
{
	struct record *r = rec_good();

	r->id = 1234567890123ULL;
	r->rev = 7;
	r->created = 1767225600;
	r->updated = -5;	/* negative times survive zigzag */
	record_set_meta(&r->hid, "HH-000231");
	record_set_meta(&r->cuser, "clerk1");
	record_set_meta(&r->uuser, "张科员");
	record_set(r, "note", "多行\n文本\t带制表符 ＡＢＣ 𠀀");
	return r;
}

START_TEST(test_codec_roundtrip)
{
	struct record *r = rec_full(), *d = NULL, *e = record_new();
	struct buf b = BUF_INIT, b2 = BUF_INIT;
	char err[256];

	record_encode(r, &b);
	ck_assert_int_eq(record_decode(b.p, b.len, &d, err, sizeof err), 0);
	ck_assert(rec_equal(r, d));
	record_encode(d, &b2);
	ck_assert_uint_eq(b.len, b2.len);
	ck_assert(memcmp(b.p, b2.p, b.len) == 0);
	record_free(d);

	/* An empty record too. */
	buf_reset(&b);
	record_encode(e, &b);
	ck_assert_uint_eq(b.len, 3 + 1 + 4 + 5 + 1);
	ck_assert_int_eq(record_decode(b.p, b.len, &d, err, sizeof err), 0);
	ck_assert(rec_equal(e, d));
	record_free(d);

	/* Extreme numbers. */
	e->id = UINT64_MAX;
	e->rev = UINT32_MAX;
	e->created = INT64_MIN;
	e->updated = INT64_MAX;
	buf_reset(&b);
	record_encode(e, &b);
	ck_assert_int_eq(record_decode(b.p, b.len, &d, err, sizeof err), 0);
	ck_assert(rec_equal(e, d));
	record_free(d);

	buf_free(&b);
	buf_free(&b2);
	record_free(e);
	record_free(r);
}
END_TEST

/* Every type's canonical values, typed and then stored, come back. */
static const struct {
	const char	*path;
	const char	*typed;
	const char	*canon;
} every_type[] = {
	{ "address", "\xe3\x80\x80幸福路８号 ", "幸福路８号" },
	{ "grid", "第二网格", "002" },
	{ "rooms", "１２", "12" },
	{ "area", "120.50", "120.5" },
	{ "visit", "2025年12月1日", "2025-12-01" },
	{ "rented", "是", "1" },
	{ "landlord", "王五", "王五" },
	{ "care", "残疾、低保", "dibao,canji" },
	{ "code", "XY999", "XY999" },
	{ "note", "一\r\n二", "一\n二" },
	{ "case_ref", "MD-2026-0002", "MD-2026-0002" },
	{ "kind", "Neighbours", "邻里" },
	{ "members.1.name", "欧阳娜娜", "欧阳娜娜" },
	{ "members.1.id_card", "340524800101001", "34052419800101001X" },
	{ "members.1.phone", "+86 139 0000 1111", "13900001111" },
	{ "members.1.relation", "Spouse", "10" },
	{ "members.1.sex", "女", "2" },
	{ "members.1.birth", "1980.1.1", "1980-01-01" },
};

START_TEST(test_codec_every_type)
{
	struct record *r = record_new(), *d = NULL;
	struct buf b = BUF_INIT;
	char err[256], *canon;
	size_t i;

	for (i = 0; i < nitems(every_type); i++) {
		ck_assert_msg(record_parse_value(tf_get(every_type[i].path),
		    every_type[i].typed, &canon, err, sizeof err) == 0, "%s: %s",
		    every_type[i].path, err);
		ck_assert_str_eq(canon, every_type[i].canon);
		record_set(r, every_type[i].path, canon);
		free(canon);
	}
	record_encode(r, &b);
	ck_assert_int_eq(record_decode(b.p, b.len, &d, err, sizeof err), 0);
	ck_assert(rec_equal(r, d));
	for (i = 0; i < nitems(every_type); i++)
		ck_assert_str_eq(record_get(d, every_type[i].path),
		    every_type[i].canon);
	buf_free(&b);
	record_free(d);
	record_free(r);
}
END_TEST

START_TEST(test_codec_cut_points)
{
	struct record *r = rec_full(), *d;
	struct buf b = BUF_INIT;
	char err[256];
	unsigned char *copy;
	size_t cut;

	record_encode(r, &b);
	for (cut = 0; cut < b.len; cut++) {
		/* A private copy of exactly cut bytes, so ASan sees overreads. */
		copy = xmalloc(cut + 1);
		memcpy(copy, b.p, cut);
		d = (struct record *)1;
		err[0] = '\0';
		ck_assert_msg(record_decode(copy, cut, &d, err, sizeof err) ==
		    GB_EFORMAT, "cut at %zu decoded", cut);
		ck_assert_ptr_null(d);
		ck_assert_msg(err[0] != '\0', "cut at %zu: no message", cut);
		free(copy);
	}
	buf_free(&b);
	record_free(r);
}
END_TEST

START_TEST(test_codec_byte_flips)
{
	struct record *r = rec_full(), *d;
	struct buf b = BUF_INIT, again = BUF_INIT;
	char err[256];
	unsigned char *copy;
	size_t at, ok = 0;
	unsigned x;

	record_encode(r, &b);
	copy = xmalloc(b.len);
	for (at = 0; at < b.len; at++) {
		for (x = 1; x < 256; x <<= 1) {
			memcpy(copy, b.p, b.len);
			copy[at] ^= (unsigned char)x;
			if (record_decode(copy, b.len, &d, err, sizeof err) != 0) {
				ck_assert_ptr_null(d);
				continue;
			}
			/* Whatever decodes is a consistent record. */
			ok++;
			buf_reset(&again);
			record_encode(d, &again);
			ck_assert_uint_eq(again.len, b.len);
			record_free(d);
		}
	}
	ck_assert_uint_gt(ok, 0);
	free(copy);
	buf_free(&b);
	buf_free(&again);
	record_free(r);
}
END_TEST

struct corrupt {
	const char	*title;
	const char	*bytes;
	size_t		 len;
	const char	*msg;
};

#define C(t, s, m) { t, s, sizeof(s) - 1, m }
/* Header: magic, format 1, rev 0, id 0, created 0, updated 0, 5 empty
 * strings, then the count and values. */
#define HDR "GBR\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"
static const struct corrupt corrupt_cases[] = {
	C("empty", "", "not a gridbook record"),
	C("bad magic", "XBR\x01", "not a gridbook record"),
	C("newer format", "GBR\x02", "record format 2 is newer than this program (1)"),
	C("much newer format", "GBR\xe8\x07", "record format 1000 is newer"),
	C("format 0", "GBR\x00", "format version 0"),
	C("overlong format", "GBR\x81\x00", "format version is truncated or malformed"),
	C("no revision", "GBR\x01", "the revision is missing"),
	C("rev > u32", "GBR\x01\x80\x80\x80\x80\x10\x00\x00\x00", "revision 4294967296 is out of range"),
	C("hid too long", "GBR\x01\x00\x00\x00\x00\x05" "ab", "the human id is 5 bytes long but only 2 remain"),
	C("state not utf8", "GBR\x01\x00\x00\x00\x00\x00\x02\xc0\xaf", "the state is not valid UTF-8"),
	C("grid with NUL", "GBR\x01\x00\x00\x00\x00\x00\x00\x02" "a\0", "the grid contains a NUL byte"),
	C("no count", HDR, "the value count is missing"),
	C("huge count", HDR "\xff\xff\xff\xff\x0f" "abcd", "values cannot fit"),
	C("count 2, one value", HDR "\x02\x01" "a\x01" "b", "values cannot fit"),
	C("empty path", HDR "\x01\x00\x02" "ab", "a value path is empty"),
	C("empty value", HDR "\x01\x02" "ab\x00\x00", "a value is empty"),
	C("repeated path", HDR "\x02\x01" "a\x01" "x\x01" "a\x01" "y", "value path 'a' is out of order or repeated"),
	C("paths out of order", HDR "\x02\x01" "b\x01" "x\x01" "a\x01" "y", "out of order"),
	C("numeric order", HDR "\x02\x05" "m.2.x\x01" "x\x06" "m.10.x\x01" "y", NULL),
	C("numeric disorder", HDR "\x02\x06" "m.10.x\x01" "x\x05" "m.2.x\x01" "y", "out of order"),
	C("trailing bytes", HDR "\x01\x01" "a\x01" "x!!", "2 unexpected bytes after the last value"),
	C("value not utf8", HDR "\x01\x01" "a\x02\xed\xa0", "a value is not valid UTF-8"),
	C("value length overflow", HDR "\x01\x01" "a\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01" "xx", "a value is 18446744073709551615 bytes long"),
};
#undef C

START_TEST(test_codec_corrupt)
{
	const struct corrupt *c = &corrupt_cases[_i];
	struct record *d = NULL;
	char err[256] = "";
	unsigned char *copy = xmalloc(c->len + 1);
	int rc;

	memcpy(copy, c->bytes, c->len);
	rc = record_decode(copy, c->len, &d, err, sizeof err);
	if (c->msg == NULL) {
		ck_assert_msg(rc == 0, "%s: %s", c->title, err);
		ck_assert_ptr_nonnull(d);
	} else {
		ck_assert_msg(rc == GB_EFORMAT, "%s: decoded", c->title);
		ck_assert_ptr_null(d);
		ck_assert_msg(strstr(err, c->msg) != NULL, "%s: '%s' lacks '%s'",
		    c->title, err, c->msg);
	}
	record_free(d);
	free(copy);
}
END_TEST

START_TEST(test_codec_small_errbuf)
{
	struct record *d = NULL;
	char err[8];

	ck_assert_int_eq(record_decode("GBR\x02", 4, &d, err, sizeof err),
	    GB_EFORMAT);
	ck_assert_uint_eq(strlen(err), 7);
	ck_assert_int_eq(record_decode("GBR", 3, &d, NULL, 0), GB_EFORMAT);
}
END_TEST

/* Inputs that once broke the decoder (or were saved from fuzzing): each
 * must decode or fail cleanly, and re-encode to itself when it decodes. */
START_TEST(test_codec_regress)
{
	DIR *dir = opendir(REGRESS_DIR);
	struct dirent *de;
	struct record *d;
	struct buf b = BUF_INIT;
	char path[1024], err[256];
	unsigned char *data;
	size_t n = 0, len;
	FILE *fp;
	long sz;

	ck_assert_msg(dir != NULL, "cannot open %s (run from the source root)",
	    REGRESS_DIR);
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", REGRESS_DIR, de->d_name);
		fp = fopen(path, "rb");
		ck_assert_ptr_nonnull(fp);
		fseek(fp, 0, SEEK_END);
		sz = ftell(fp);
		ck_assert(sz >= 0);
		rewind(fp);
		len = (size_t)sz;
		data = xmalloc(len + 1);
		ck_assert_uint_eq(fread(data, 1, len, fp), len);
		fclose(fp);
		if (record_decode(data, len, &d, err, sizeof err) == 0) {
			buf_reset(&b);
			record_encode(d, &b);
			ck_assert_msg(b.len == len && memcmp(b.p, data, len) == 0,
			    "%s does not re-encode to itself", path);
			record_free(d);
		} else
			ck_assert_msg(err[0] != '\0', "%s: no message", path);
		free(data);
		n++;
	}
	closedir(dir);
	buf_free(&b);
	ck_assert_uint_gt(n, 0);
}
END_TEST

/* ---- parsing typed values ---- */

struct vcase {
	const char	*path;
	const char	*in;
	const char	*want;		/* canonical, or NULL for empty */
	const char	*err;		/* part of the message, or NULL */
};

static const struct vcase value_cases[] = {
	{ "address", "", NULL, NULL },
	{ "address", "   ", NULL, NULL },
	{ "address", "和平路", "和平路", NULL },
	{ "address", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
	    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", NULL },
	{ "address", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一",
	    NULL, "must be at most 40 characters (got 41)" },
	/* choices: code, zh label, en label, any case */
	{ "grid", "001", "001", NULL },
	{ "grid", "第二网格", "002", NULL },
	{ "grid", "Grid 1", "001", NULL },
	{ "grid", "grid 2", "002", NULL },
	{ "grid", "ＧＲＩＤ　２", "002", NULL },
	{ "grid", "003", NULL, "'003' is not one of: 001 第一网格, 002 第二网格" },
	{ "kind", "邻居", NULL, "'邻居' is not one of: 婚姻家庭, 邻里, 房屋宅基地, " },
	{ "kind", "邻居", NULL, ", ... (10 in all)" },
	{ "kind", "Other", "其他", NULL },
	{ "members.1.relation", "本人", "01", NULL },
	{ "members.1.relation", "10", "10", NULL },
	{ "members.1.sex", "male", "1", NULL },
	/* multichoice: items mapped, list order, duplicates merged, count */
	{ "care", "残疾, 低保", "dibao,canji", NULL },
	{ "care", "canji，dibao、残疾", "dibao,canji", NULL },
	{ "care", "Disabled", "canji", NULL },
	{ "care", "低保,特困,残疾", NULL, "must be at most 2 choices (got 3)" },
	{ "care", "低保,富裕", NULL, "'富裕' is not one of: dibao 低保, tekun 特困" },
	/* ordered: integer, decimal, date */
	{ "rooms", "1", "1", NULL },
	{ "rooms", "20", "20", NULL },
	{ "rooms", "０", NULL, "must be at least 1 (got 0)" },
	{ "rooms", "21", NULL, "must be at most 20 (got 21)" },
	{ "rooms", "100000000000000000000", NULL, "out of range" },
	{ "rooms", "two", NULL, "'two' is not a whole number" },
	{ "area", "0.5", "0.5", NULL },
	{ "area", "0.49", NULL, "must be at least 0.5 (got 0.49)" },
	{ "area", "1000.250", "1000.25", NULL },
	{ "area", "1000.2501", NULL, "must be at most 1000.25 (got 1000.2501)" },
	{ "visit", "2026-03-01", "2026-03-01", NULL },
	{ "visit", "2026-03-02", NULL, "must not be after 2026-03-01 (today) (got 2026-03-02)" },
	{ "visit", "1999-12-31", NULL, "must not be before 2000-01-01 (got 1999-12-31)" },
	{ "visit", "2026-02-30", NULL, "not a real date" },
	/* length, pattern */
	{ "code", "AB123", "AB123", NULL },
	{ "code", "AB12", NULL, "must be exactly 5 characters (got 4)" },
	{ "code", "ab123", NULL, "'ab123' does not match the pattern [A-Z]{2}[0-9]{3}" },
	{ "note", "好", NULL, "must be at least 2 characters (got 1)" },
	{ "note", "你好", "你好", NULL },
	/* types whose parse has its own messages */
	{ "members.1.id_card", "340524198001010015", NULL, "check digit should be X, not 5" },
	{ "members.1.id_card", "340524198001010", NULL, "birth date" },
	{ "members.1.phone", "1381234567", NULL, "11 digits" },
	{ "members.1.birth", "2030-01-01", NULL, "must not be after" },
	{ "members.1.name", "两行\n文字", NULL, "single line" },
	{ "members", "x", NULL, "is a group" },
	{ "rented", "maybe", NULL, "not yes or no" },
};

START_TEST(test_parse_value)
{
	const struct vcase *c = &value_cases[_i];
	char err[512] = "", *out = (char *)1;
	int rc;

	rc = record_parse_value(tf_get(c->path), c->in, &out, err, sizeof err);
	if (c->err == NULL) {
		ck_assert_msg(rc == 0, "%s '%s': %s", c->path, c->in, err);
		if (c->want == NULL)
			ck_assert_ptr_null(out);
		else
			ck_assert_msg(out != NULL && strcmp(out, c->want) == 0,
			    "%s '%s': got '%s'", c->path, c->in, out);
		free(out);
	} else {
		ck_assert_msg(rc == -1, "%s '%s': accepted '%s'", c->path, c->in,
		    rc == 0 && out != NULL ? out : "");
		ck_assert_ptr_null(out);
		ck_assert_msg(strstr(err, c->err) != NULL, "%s '%s': '%s' lacks "
		    "'%s'", c->path, c->in, err, c->err);
	}
}
END_TEST

/* ---- whole records ---- */

struct valcase {
	const char	*title;
	const char	*set[6];	/* changes to rec_good(): path=value */
	const char	*state;		/* NULL: keep "received" */
	size_t		 n;		/* errors expected */
	const char	*path;		/* of the first error */
	const char	*msg;		/* part of its message */
};

static const struct valcase validate_cases[] = {
	{ "good", { NULL }, NULL, 0, NULL, NULL },
	{ "required top", { "address=" }, NULL, 1, "address", "is required" },
	{ "required choice", { "grid=" }, NULL, 1, "grid", "is required" },
	{ "hidden required", { "rented=0", "landlord=" }, NULL, 0, NULL, NULL },
	{ "shown required", { "rented=1" }, NULL, 1, "landlord", "is required" },
	{ "shown and filled", { "rented=1", "landlord=王五" }, NULL, 0, NULL, NULL },
	{ "member required", { "members.2.name=" }, NULL, 1, "members.2.name", "is required" },
	{ "member sibling show_if", { "members.2.school=" }, NULL, 1, "members.2.school", "is required" },
	{ "member sibling hidden", { "members.2.relation=10", "members.2.school=" }, NULL, 0, NULL, NULL },
	{ "unknown field", { "adress=x" }, NULL, 1, "adress", "form household has no field 'adress'" },
	{ "unknown group", { "parties.1.name=x" }, NULL, 1, "parties.1.name", "has no group 'parties'" },
	{ "unknown member field", { "members.1.nme=x" }, NULL, 1, "members.1.nme", "no field 'nme' in group members" },
	{ "member of a non-group", { "address.1.x=y" }, NULL, 1, "address.1.x", "has no group 'address' (it is a field, not a group)" },
	{ "bad path", { "members.0.name=x" }, NULL, 1, "members.0.name", "not a field path" },
	{ "bad path 2", { "Address=x" }, NULL, 1, "Address", "not a field path" },
	{ "group value", { "members=x" }, NULL, 1, "members", "is a group" },
	{ "beyond repeat max", { "members.6.name=F" }, NULL, 5, "members.6.name", "member 6 is beyond the 5 allowed" },
	{ "bad stored value", { "rooms=99" }, NULL, 1, "rooms", "must be at most 20 (got 99)" },
	{ "not canonical", { "rooms=007" }, NULL, 1, "rooms", "is not stored in canonical form ('7')" },
	{ "label stored", { "grid=第一网格" }, NULL, 1, "grid", "canonical form ('001')" },
	{ "bad id", { "members.1.id_card=110105194912310021" }, NULL, 1, "members.1.id_card", "check digit should be X, not 1" },
	{ "same id twice", { "members.2.id_card=11010519491231002X" }, NULL, 1, "members.2.id_card", "same as members.1.id_card" },
	{ "unknown state", { NULL }, "lost", 1, "", "unknown workflow state 'lost'" },
	{ "several", { "address=", "rooms=0", "members.1.name=", "x=1" }, NULL, 4, "rooms", "at least 1" },
};

START_TEST(test_validate)
{
	const struct valcase *c = &validate_cases[_i];
	struct verrors e = VERRORS_INIT;
	struct record *r = rec_good();
	const char *eq;
	char *path;
	size_t i, n;

	for (i = 0; i < nitems(c->set) && c->set[i] != NULL; i++) {
		eq = strchr(c->set[i], '=');
		path = xstrndup(c->set[i], (size_t)(eq - c->set[i]));
		record_set(r, path, eq + 1);
		free(path);
	}
	if (c->state != NULL)
		record_set_meta(&r->state, c->state);
	n = record_validate(tf, r, &e);
	n += record_unknown(tf, r, &e);
	ck_assert_uint_eq(n, e.n);
	if (n != c->n) {
		for (i = 0; i < e.n; i++)
			fprintf(stderr, "%s: %s: %s\n", c->title, e.v[i].path,
			    e.v[i].msg);
		ck_abort_msg("%s: %zu errors, want %zu", c->title, n, c->n);
	}
	if (c->path != NULL) {
		ck_assert_msg(strcmp(e.v[0].path, c->path) == 0, "%s: path %s",
		    c->title, e.v[0].path);
		ck_assert_msg(strstr(e.v[0].msg, c->msg) != NULL, "%s: '%s' "
		    "lacks '%s'", c->title, e.v[0].msg, c->msg);
	}
	verrors_free(&e);
	record_free(r);
}
END_TEST

/* A value of a field the form no longer has (removed from the spec) is
 * kept and is no problem for record_validate; record_unknown names it. */
START_TEST(test_validate_removed_field)
{
	struct verrors e = VERRORS_INIT;
	struct record *r = rec_good();

	record_set(r, "hukou_no", "123968184");
	record_set(r, "members.2.old_phone", "13800000000");
	record_set(r, "pets.1.name", "x");
	ck_assert_uint_eq(record_validate(tf, r, &e), 0);
	ck_assert_uint_eq(record_unknown(tf, r, &e), 3);
	ck_assert_str_eq(e.v[0].path, "hukou_no");
	ck_assert_str_eq(e.v[0].msg, "form household has no field 'hukou_no'");
	ck_assert_str_eq(e.v[1].path, "members.2.old_phone");
	ck_assert_str_eq(e.v[1].msg, "form household has no field 'old_phone' "
	    "in group members");
	ck_assert_str_eq(e.v[2].path, "pets.1.name");
	ck_assert_str_eq(e.v[2].msg, "form household has no group 'pets'");
	verrors_free(&e);
	/* Still checked: a malformed path, and the known values. */
	record_set(r, "rooms", "99");
	ck_assert_uint_eq(record_validate(tf, r, &e), 1);
	ck_assert_str_eq(e.v[0].path, "rooms");
	verrors_free(&e);
	record_free(r);
}
END_TEST

START_TEST(test_validate_repeat)
{
	struct verrors e = VERRORS_INIT;
	struct record *r = rec_good();
	size_t i;

	record_group_remove(r, "members", 1);
	record_group_remove(r, "members", 1);
	ck_assert_uint_eq(record_validate(tf, r, &e), 1);
	ck_assert_str_eq(e.v[0].path, "members");
	ck_assert_str_eq(e.v[0].msg, "at least 1 member required (got 0)");
	verrors_free(&e);
	for (i = 1; i <= 5; i++) {
		char p[32];

		snprintf(p, sizeof p, "members.%zu.name", i);
		record_set(r, p, "某人");
	}
	ck_assert_uint_eq(record_validate(tf, r, &e), 0);
	/* Records with no state are wrong in a form with a workflow. */
	record_set_meta(&r->state, NULL);
	ck_assert_uint_eq(record_validate(tf, r, &e), 1);
	ck_assert_str_eq(e.v[0].msg, "the record has no workflow state");
	verrors_free(&e);
	record_free(r);
}
END_TEST

START_TEST(test_visible)
{
	struct record *r = rec_good();

	ck_assert(record_visible(tf, r, "address"));
	ck_assert(!record_visible(tf, r, "landlord"));
	record_set(r, "rented", "1");
	ck_assert(record_visible(tf, r, "landlord"));
	/* Siblings first: members.2 is a son, members.1 the head. */
	ck_assert(!record_visible(tf, r, "members.1.school"));
	ck_assert(record_visible(tf, r, "members.2.school"));
	ck_assert(!record_visible(tf, r, "members.3.school"));
	/* A member field depending on a top-level one and a sibling. */
	ck_assert(!record_visible(tf, r, "members.1.employer"));
	record_set(r, "rented", "0");
	ck_assert(record_visible(tf, r, "members.1.employer"));
	ck_assert(!record_visible(tf, r, "members.2.employer"));
	record_set(r, "rented", NULL);
	ck_assert(record_visible(tf, r, "members.1.employer"));
	ck_assert(!record_visible(tf, r, "nosuch"));
	ck_assert(!record_visible(tf, r, "members.1.nosuch"));
	ck_assert(record_visible(tf, r, "members"));
	record_free(r);
}
END_TEST

START_TEST(test_defaults_carry)
{
	struct record *r = record_new(), *c;

	record_set(r, "members.1.name", "A");
	record_set(r, "members.2.name", "B");
	record_set(r, "members.2.relation", "20");
	record_set(r, "rooms", "4");
	record_apply_defaults(tf, r);
	ck_assert_str_eq(record_get(r, "rooms"), "4");
	ck_assert_str_eq(record_get(r, "rented"), "0");
	ck_assert_str_eq(record_get(r, "members.1.relation"), "01");
	ck_assert_str_eq(record_get(r, "members.2.relation"), "20");
	ck_assert_ptr_null(record_get(r, "members.3.relation"));
	ck_assert_ptr_null(record_get(r, "address"));
	record_free(r);

	r = rec_good();
	record_set(r, "members.1.employer", "县医院");
	record_set(r, "members.2.employer", "县一中");
	r->id = 9;
	record_set_meta(&r->hid, "HH-000009");
	c = record_carry(tf, r);
	ck_assert_uint_eq(c->id, 0);
	ck_assert_ptr_null(c->hid);
	ck_assert_str_eq(record_get(c, "address"), "和平路12号");
	ck_assert_str_eq(record_get(c, "grid"), "001");
	ck_assert_str_eq(record_get(c, "members.1.employer"), "县医院");
	ck_assert_str_eq(record_get(c, "members.2.employer"), "县一中");
	ck_assert_ptr_null(record_get(c, "rooms"));
	ck_assert_ptr_null(record_get(c, "members.1.name"));
	ck_assert_uint_eq(c->nv, 4);
	record_free(c);
	c = record_carry(tf, NULL);
	ck_assert_uint_eq(c->nv, 0);
	record_free(c);
	record_free(r);
}
END_TEST

/* ---- index keys ---- */

START_TEST(test_index_keys)
{
	static const char *const want[][3] = {
		{ "_grid", "001", "" },
		{ "_hid", "hh-000231", "u" },
		{ "_state", "received", "" },
		{ "address", "和平路12号", "" },
		{ "care", "canji", "" },
		{ "care", "dibao", "" },
		{ "members.id_card", "11010519491231002x", "u" },
		{ "members.id_card", "440524188001010014", "u" },
		{ "members.id_card#4", "0014", "" },
		{ "members.id_card#4", "002x", "" },
		{ "members.name", "li si", "" },
		{ "members.name", "张三", "" },
		{ "members.phone", "0931-1234567", "" },
		{ "members.phone", "13812345678", "" },
		{ "members.phone#4", "4567", "" },
		{ "members.phone#4", "5678", "" },
	};
	struct record *r = rec_good();
	struct ikeys k = IKEYS_INIT;
	size_t i;

	record_set_meta(&r->hid, "HH-000231");
	record_set(r, "members.3.name", "张三");	/* a duplicate entry */
	record_set(r, "unknown", "ignored");
	record_index_keys(tf, r, &k);
	for (i = 0; i < k.n && i < nitems(want); i++) {
		ck_assert_msg(strcmp(k.v[i].field, want[i][0]) == 0 &&
		    strcmp(k.v[i].value, want[i][1]) == 0, "%zu: %s=%s, want "
		    "%s=%s", i, k.v[i].field, k.v[i].value, want[i][0],
		    want[i][1]);
		ck_assert_int_eq(k.v[i].unique, want[i][2][0] == 'u');
	}
	ck_assert_uint_eq(k.n, nitems(want));
	ikeys_free(&k);
	ck_assert_uint_eq(k.n, 0);

	/* A phone that is not indexed is still found by its last 4. */
	((struct field *)tf_get("members.1.phone"))->index = false;
	record_index_keys(tf, r, &k);
	ck_assert_uint_eq(k.n, nitems(want) - 2);
	for (i = 0; i < k.n; i++)
		ck_assert_str_ne(k.v[i].field, "members.phone");
	ck_assert_str_eq(k.v[12].field, "members.phone#4");
	ck_assert_str_eq(k.v[12].value, "4567");
	ikeys_free(&k);
	record_free(r);
}
END_TEST

START_TEST(test_index_long_value)
{
	struct record *r = record_new();
	struct ikeys k = IKEYS_INIT;
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i < 300; i++)
		buf_adds(&b, "中");
	record_set(r, "address", buf_str(&b));
	record_set(r, "members.1.name", "  ＺＨＡＮＧ　San ");
	record_index_keys(tf, r, &k);
	ck_assert_uint_eq(k.n, 2);
	ck_assert_str_eq(k.v[0].field, "address");
	ck_assert_uint_le(strlen(k.v[0].value), IKEY_MAX);
	/* Cut between characters, then "~" and 16 hex digits of a hash. */
	ck_assert_uint_eq(strlen(k.v[0].value), 381 + 17);
	ck_assert_int_eq(strncmp(k.v[0].value, buf_str(&b), 381), 0);
	ck_assert_int_eq(k.v[0].value[381], '~');
	ck_assert_uint_eq(strspn(k.v[0].value + 382, "0123456789abcdef"), 16);
	ck_assert(utf8_valid(k.v[0].value, strlen(k.v[0].value), NULL));
	ck_assert_str_eq(k.v[1].value, "zhang san");
	ikeys_free(&k);
	buf_free(&b);
	record_free(r);
}
END_TEST

/* Long values that share their first IKEY_MAX bytes get different keys (a
 * unique field would otherwise refuse the second as a duplicate); values
 * up to IKEY_MAX bytes are their norm_key() unchanged. */
START_TEST(test_index_value_long_distinct)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	char *ka, *kb, *ka2, *k400;
	int i;

	for (i = 0; i < 1000; i++) {
		buf_addc(&a, 'a');
		buf_addc(&b, 'a');
	}
	buf_addc(&a, '1');
	buf_addc(&b, '2');
	ka = record_index_value(buf_str(&a));
	kb = record_index_value(buf_str(&b));
	ka2 = record_index_value(buf_str(&a));
	ck_assert_uint_eq(strlen(ka), IKEY_MAX);
	ck_assert_str_ne(ka, kb);
	ck_assert_str_eq(ka, ka2);
	ck_assert_int_eq(strncmp(ka, kb, IKEY_MAX - 17), 0);
	buf_reset(&a);
	for (i = 0; i < IKEY_MAX; i++)
		buf_addc(&a, 'A');
	k400 = record_index_value(buf_str(&a));
	ck_assert_uint_eq(strlen(k400), IKEY_MAX);
	ck_assert_uint_eq(strspn(k400, "a"), IKEY_MAX);
	free(ka);
	free(kb);
	free(ka2);
	free(k400);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

/* ---- diff ---- */

START_TEST(test_diff)
{
	struct record *a = rec_good(), *b = record_dup(a);
	struct changes c = CHANGES_INIT;

	record_diff(a, b, &c);
	ck_assert_uint_eq(c.n, 0);
	record_set(b, "address", "幸福路1号");
	record_set(b, "rooms", NULL);
	record_set(b, "members.10.name", "十");
	record_set(b, "members.3.name", "三");
	record_set_meta(&b->state, "visited");
	record_set_meta(&b->grid, NULL);
	record_diff(a, b, &c);
	ck_assert_uint_eq(c.n, 6);
	ck_assert_str_eq(c.v[0].path, "_state");
	ck_assert_str_eq(c.v[0].old, "received");
	ck_assert_str_eq(c.v[0].new, "visited");
	ck_assert_str_eq(c.v[1].path, "_grid");
	ck_assert_ptr_null(c.v[1].new);
	ck_assert_str_eq(c.v[2].path, "address");
	ck_assert_str_eq(c.v[2].old, "和平路12号");
	ck_assert_str_eq(c.v[2].new, "幸福路1号");
	ck_assert_str_eq(c.v[3].path, "members.3.name");
	ck_assert_ptr_null(c.v[3].old);
	ck_assert_str_eq(c.v[4].path, "members.10.name");
	ck_assert_str_eq(c.v[5].path, "rooms");
	ck_assert_str_eq(c.v[5].old, "3");
	ck_assert_ptr_null(c.v[5].new);
	changes_free(&c);

	/* From nothing and to nothing. */
	record_diff(NULL, a, &c);
	ck_assert_uint_eq(c.n, a->nv + 2);
	ck_assert_ptr_null(c.v[2].old);
	changes_free(&c);
	record_diff(a, NULL, &c);
	ck_assert_uint_eq(c.n, a->nv + 2);
	ck_assert_ptr_null(c.v[2].new);
	changes_free(&c);
	record_diff(NULL, NULL, &c);
	ck_assert_uint_eq(c.n, 0);
	changes_free(&c);
	record_free(a);
	record_free(b);
}
END_TEST

/* ---- human ids ---- */

static const struct {
	const char	*pattern;
	uint64_t	 seq;
	int		 year;
	int		 month;
	const char	*grid;
	const char	*want;
	const char	*key;
} hid_cases[] = {
	{ "HH-{seq:06}", 231, 2026, 3, "001", "HH-000231", "household" },
	{ "HH-{seq:06}", 1234567, 2026, 3, "001", "HH-1234567", "household" },
	{ "MD-{year}-{seq:04}", 7, 2026, 3, NULL, "MD-2026-0007", "household:2026" },
	{ "({year})和人调字第{seq}号", 12, 2026, 1, NULL, "(2026)和人调字第12号", "household:2026" },
	{ "{yy}{month}-{seq:3}", 5, 2005, 11, NULL, "0511-005", "household:2005" },
	{ "G{grid}-{seq:12}", 1, 2026, 1, "622925100003001", "G622925100003001-000000000001", "household" },
	{ "G{grid}-{seq}", 1, 2026, 1, NULL, "G-1", "household" },
	{ "{seq}", 18446744073709551615ULL, 2026, 1, NULL, "18446744073709551615", "household" },
	{ "x{unknown}{seq}{", 3, 2026, 1, NULL, "x{unknown}3{", "household" },
};

START_TEST(test_hid)
{
	char *saved = tf->id_pattern, *s;

	tf->id_pattern = (char *)hid_cases[_i].pattern;
	s = record_hid_format(tf, hid_cases[_i].seq, hid_cases[_i].year,
	    hid_cases[_i].month, hid_cases[_i].grid);
	ck_assert_str_eq(s, hid_cases[_i].want);
	free(s);
	s = record_seq_key(tf, hid_cases[_i].year);
	ck_assert_str_eq(s, hid_cases[_i].key);
	free(s);
	tf->id_pattern = saved;
}
END_TEST

/* ---- the shipped forms, loaded from YAML ---- */

static struct formset *fs;

static void
fs_setup(void)
{
	struct diags d = DIAGS_INIT;
	const char *dir = getenv("GRIDBOOK_FORMS");

	setenv("GRIDBOOK_TODAY", TODAY, 1);
	if (dir == NULL)
		dir = "forms";
	if (spec_load_dir(dir, &fs, &d) != 0)
		diags_print(&d, stderr);
	ck_assert_msg(fs != NULL && d.n == 0, "forms in %s do not load", dir);
	diags_free(&d);
}

static void
fs_teardown(void)
{
	formset_free(fs);
	fs = NULL;
}

/* Set path from what a clerk typed, through record_parse_value. */
static void
fs_type(const struct form *f, struct record *r, const char *path,
    const char *typed)
{
	char err[512], *canon;
	const struct field *fld = form_field(f, path);

	ck_assert_msg(fld != NULL, "%s has no field %s", f->name, path);
	ck_assert_msg(record_parse_value(fld, typed, &canon, err, sizeof err)
	    == 0, "%s.%s '%s': %s", f->name, path, typed, err);
	record_set(r, path, canon);
	free(canon);
}

static size_t
fs_errors_at(const struct verrors *e, const char *path)
{
	size_t i, n = 0;

	for (i = 0; i < e->n; i++)
		if (strcmp(e->v[i].path, path) == 0)
			n++;
	return n;
}

START_TEST(test_shipped_household)
{
	const struct form *f = formset_find(fs, "household");
	struct verrors e = VERRORS_INIT;
	struct ikeys k = IKEYS_INIT;
	struct record *r, *d;
	struct buf b = BUF_INIT;
	char err[256];
	size_t i;
	bool id_key = false, last4 = false;

	ck_assert_ptr_nonnull(f);
	r = record_new();
	record_set_meta(&r->state, f->wf.initial);
	fs_type(f, r, "address", "和平路１２号");
	fs_type(f, r, "grid", "001");
	fs_type(f, r, "members.1.name", " 张三 ");
	fs_type(f, r, "members.1.id_card", "３４０５２４１９８００１０１００１ｘ");
	fs_type(f, r, "members.1.sex", "男");
	fs_type(f, r, "members.1.birth", "1980年1月1日");
	fs_type(f, r, "members.1.ethnicity", "回族");
	fs_type(f, r, "members.1.relation", "户主");
	fs_type(f, r, "members.1.phone", "138 1234 5678");
	record_apply_defaults(f, r);
	ck_assert_str_eq(record_get(r, "members.1.id_card"), "34052419800101001X");
	ck_assert_str_eq(record_get(r, "members.1.ethnicity"), "03");
	ck_assert_str_eq(record_get(r, "members.1.person_type"), "01");
	record_validate(f, r, &e);
	for (i = 0; i < e.n; i++)
		ck_assert_msg(strncmp(e.v[i].path, "members.1.", 10) != 0 &&
		    strcmp(e.v[i].path, "address") != 0 &&
		    strcmp(e.v[i].path, "grid") != 0 &&
		    strcmp(e.v[i].path, "members") != 0 &&
		    strcmp(e.v[i].path, "landlord_name") != 0,
		    "unexpected: %s: %s", e.v[i].path, e.v[i].msg);
	verrors_free(&e);

	/* Landlord fields are asked for only in a rented home. */
	ck_assert(!record_visible(f, r, "landlord_name"));
	fs_type(f, r, "rented", "是");
	ck_assert(record_visible(f, r, "landlord_name"));
	record_validate(f, r, &e);
	ck_assert_uint_eq(fs_errors_at(&e, "landlord_name"), 1);
	verrors_free(&e);

	/* A wrong check digit is named on its path. */
	record_set(r, "members.1.id_card", "340524198001010015");
	record_validate(f, r, &e);
	ck_assert_uint_eq(fs_errors_at(&e, "members.1.id_card"), 1);
	verrors_free(&e);
	record_set(r, "members.1.id_card", "34052419800101001X");

	/* A foreigner (person type 03) needs no ID number. */
	record_set(r, "members.1.id_card", NULL);
	record_validate(f, r, &e);
	ck_assert_uint_eq(fs_errors_at(&e, "members.1.id_card"), 1);
	verrors_free(&e);
	fs_type(f, r, "members.1.person_type", "03");
	ck_assert(!record_visible(f, r, "members.1.id_card"));
	record_validate(f, r, &e);
	ck_assert_uint_eq(fs_errors_at(&e, "members.1.id_card"), 0);
	verrors_free(&e);
	fs_type(f, r, "members.1.person_type", "01");
	fs_type(f, r, "members.1.id_card", "340524800101001");

	/* Index keys: the unique ID and its last four. */
	record_index_keys(f, r, &k);
	for (i = 0; i < k.n; i++) {
		if (strcmp(k.v[i].field, "members.id_card") == 0 &&
		    strcmp(k.v[i].value, "34052419800101001x") == 0 &&
		    k.v[i].unique)
			id_key = true;
		if (strcmp(k.v[i].field, "members.id_card#4") == 0 &&
		    strcmp(k.v[i].value, "001x") == 0)
			last4 = true;
	}
	ck_assert(id_key && last4);
	ikeys_free(&k);

	record_encode(r, &b);
	ck_assert_int_eq(record_decode(b.p, b.len, &d, err, sizeof err), 0);
	ck_assert(rec_equal(r, d));
	record_free(d);
	buf_free(&b);
	record_free(r);
}
END_TEST

START_TEST(test_shipped_mediation)
{
	const struct form *f = formset_find(fs, "mediation");
	struct verrors e = VERRORS_INIT;
	struct record *r;
	char err[512], *canon;
	const struct field *kind;

	ck_assert_ptr_nonnull(f);
	kind = form_field(f, "kind");
	ck_assert_ptr_nonnull(kind);
	ck_assert_int_eq(record_parse_value(kind, "邻居", &canon, err,
	    sizeof err), -1);
	ck_assert_msg(strstr(err, "'邻居' is not one of: ") != NULL, "%s", err);
	r = record_new();
	record_set_meta(&r->state, f->wf.initial);
	fs_type(f, r, "kind", "邻里纠纷");
	fs_type(f, r, "parties.1.name", "王五");
	fs_type(f, r, "parties.1.id_card", "11010519491231002X");
	fs_type(f, r, "parties.2.name", "赵六");
	fs_type(f, r, "parties.2.phone", "0930-6123456");
	record_apply_defaults(f, r);
	record_validate(f, r, &e);
	ck_assert_uint_eq(fs_errors_at(&e, "kind"), 0);
	ck_assert_uint_eq(fs_errors_at(&e, "parties.1.id_card"), 0);
	ck_assert_uint_eq(fs_errors_at(&e, "parties.2.phone"), 0);
	verrors_free(&e);
	record_free(r);
}
END_TEST

static Suite *
record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc;

	tc = tcase_create("model");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_path_cmp, 0, nitems(pathcmp_cases));
	tcase_add_test(tc, test_set_get);
	tcase_add_test(tc, test_group_ops);
	tcase_add_test(tc, test_group_count_gaps);
	suite_add_tcase(s, tc);

	tc = tcase_create("codec");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, tf_setup, tf_teardown);
	tcase_add_test(tc, test_codec_roundtrip);
	tcase_add_test(tc, test_codec_every_type);
	tcase_add_test(tc, test_codec_cut_points);
	tcase_add_test(tc, test_codec_byte_flips);
	tcase_add_loop_test(tc, test_codec_corrupt, 0, nitems(corrupt_cases));
	tcase_add_test(tc, test_codec_small_errbuf);
	tcase_add_test(tc, test_codec_regress);
	suite_add_tcase(s, tc);

	tc = tcase_create("validate");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, tf_setup, tf_teardown);
	tcase_add_loop_test(tc, test_parse_value, 0, nitems(value_cases));
	tcase_add_loop_test(tc, test_validate, 0, nitems(validate_cases));
	tcase_add_test(tc, test_validate_removed_field);
	tcase_add_test(tc, test_validate_repeat);
	tcase_add_test(tc, test_visible);
	tcase_add_test(tc, test_defaults_carry);
	suite_add_tcase(s, tc);

	tc = tcase_create("derived");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, tf_setup, tf_teardown);
	tcase_add_test(tc, test_index_keys);
	tcase_add_test(tc, test_index_long_value);
	tcase_add_test(tc, test_index_value_long_distinct);
	tcase_add_test(tc, test_diff);
	tcase_add_loop_test(tc, test_hid, 0, nitems(hid_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("shipped");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, fs_setup, fs_teardown);
	tcase_add_test(tc, test_shipped_household);
	tcase_add_test(tc, test_shipped_mediation);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(record_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
