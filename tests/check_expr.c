/*
 * check_expr.c — the show_if language: parsing (trees printed back, errors
 * with exact columns), checking against a real form loaded from YAML
 * (unknown fields, wrong kinds, codes not in a list, literals made
 * canonical), evaluation on tables of values, and the linter's three-valued
 * evaluation with only the state known.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "spec.h"

#define FILE_NAME "t.yaml"

static const char form_yaml[] =
    "form: t\n"
    "version: 1\n"
    "title: T\n"
    "id: \"T-{seq}\"\n"
    "scope: community\n"
    "lists:\n"
    "  kinds:\n"
    "    - {code: \"1\", zh: 婚姻家庭, en: Family}\n"
    "    - {code: \"2\", zh: 邻里, en: Neighbours}\n"
    "    - {code: \"3\", zh: 其他, en: Other}\n"
    "fields:\n"
    "  - {name: kind, type: choice, label: K, choices: kinds}\n"
    "  - {name: care, type: multichoice, label: C, choices: [a, b, c]}\n"
    "  - {name: minor, type: bool, label: M}\n"
    "  - {name: age, type: integer, label: A}\n"
    "  - {name: income, type: decimal, label: I}\n"
    "  - {name: born, type: date, label: B}\n"
    "  - {name: note, type: text, label: N}\n"
    "  - {name: other, type: text, label: O}\n"
    "  - {name: phone, type: phone, label: P}\n"
    "  - name: members\n"
    "    type: group\n"
    "    label: G\n"
    "    fields:\n"
    "      - {name: name, type: text, label: N}\n"
    "      - {name: age, type: integer, label: A}\n"
    "      - {name: relation, type: choice, label: R, choices: kinds}\n"
    "workflow:\n"
    "  initial: new\n"
    "  states: [new, open, done]\n"
    "  transitions:\n"
    "    - {from: new, to: open}\n"
    "    - {from: open, to: done}\n";

static const char plain_yaml[] =
    "form: p\nversion: 1\ntitle: P\nid: \"P-{seq}\"\nscope: community\n"
    "fields:\n  - {name: note, type: text, label: N}\n";

static struct form *
load(const char *name, const char *yaml)
{
	struct diags d = DIAGS_INIT;
	struct form *f = NULL;

	spec_load_buffer(name, yaml, strlen(yaml), NULL, 0, &f, &d);
	if (d.n > 0)
		diags_print(&d, stderr);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_ptr_nonnull(f);
	diags_free(&d);
	return f;
}

/* The tree as an S-expression, e.g. (and (= kind '1') (not minor)). */
static void
print_tree(struct buf *b, const struct expr *e)
{
	static const char *const ops[] = { "or", "and", "not", "=", "!=", "<",
	    "<=", ">", ">=", "in" };
	size_t i;

	switch (e->op) {
	case EX_FIELD:
		buf_adds(b, e->s);
		return;
	case EX_STATE:
		buf_adds(b, "state");
		return;
	case EX_STRING:
		buf_addf(b, "'%s'", e->s);
		return;
	case EX_NUMBER:
		buf_addf(b, "#%s", e->s);
		return;
	case EX_BOOL:
		buf_adds(b, e->s);
		return;
	default:
		break;
	}
	buf_addf(b, "(%s ", ops[e->op]);
	print_tree(b, e->a);
	if (e->b != NULL) {
		buf_addc(b, ' ');
		print_tree(b, e->b);
	}
	if (e->op == EX_IN) {
		buf_adds(b, " [");
		for (i = 0; i < e->nitems; i++) {
			if (i > 0)
				buf_addc(b, ' ');
			print_tree(b, e->items[i]);
		}
		buf_addc(b, ']');
	}
	buf_addc(b, ')');
}

static const struct {
	const char *src;
	const char *tree;
} parse_ok[] = {
	{ "minor", "minor" },
	{ "not minor", "(not minor)" },
	{ "kind = '1'", "(= kind '1')" },
	{ "kind = \"1\"", "(= kind '1')" },
	{ "age >= 18", "(>= age #18)" },
	{ "age<18", "(< age #18)" },
	{ "income > -2.5", "(> income #-2.5)" },
	{ "a = 1 or b = 2 and c = 3", "(or (= a #1) (and (= b #2) (= c #3)))" },
	{ "(a = 1 or b = 2) and c = 3",
	  "(and (or (= a #1) (= b #2)) (= c #3))" },
	{ "not a = 1 and b", "(and (not (= a #1)) b)" },
	{ "not not a", "(not (not a))" },
	{ "a or b or c", "(or (or a b) c)" },
	{ "state in [agreed, 'closed']", "(in state ['agreed' 'closed'])" },
	{ "state = agreed", "(= state 'agreed')" },
	{ "agreed != state", "(!= 'agreed' state)" },
	{ "kind in ['1', 2]", "(in kind ['1' #2])" },
	{ "minor = true", "(= minor true)" },
	{ "minor != false", "(!= minor false)" },
	{ "note = ''", "(= note '')" },
	{ "18 <= age", "(<= #18 age)" },
	{ "  a\n and\tb  ", "(and a b)" },
	{ "name = '婚姻 家庭'", "(= name '婚姻 家庭')" },
};

START_TEST(test_parse_ok)
{
	struct diags d = DIAGS_INIT;
	struct mark at = { 3, 12 };
	struct buf b = BUF_INIT;
	struct expr *e;

	e = expr_parse(parse_ok[_i].src, FILE_NAME, at, &d);
	if (e == NULL)
		diags_print(&d, stderr);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(d.n, 0);
	print_tree(&b, e);
	ck_assert_str_eq(buf_str(&b), parse_ok[_i].tree);
	if (strchr(parse_ok[_i].src, '\n') == NULL)
		ck_assert_uint_eq(e->mark.line, 3);
	buf_free(&b);
	expr_free(e);
	diags_free(&d);
}
END_TEST

static const struct {
	const char *src;
	unsigned col;		/* the expression starts at column 10 */
	const char *msg;
} parse_err[] = {
	{ "", 10, "show_if: empty expression" },
	{ "   ", 13, "show_if: empty expression" },
	{ "a =", 13, "show_if: expected a field name, 'state' or a value, "
	  "found the end of the expression" },
	{ "a = = 1", 14, "show_if: expected a field name, 'state' or a value, "
	  "found '='" },
	{ "a == 1", 12, "show_if: '==' is written '=' here" },
	{ "a <> 1", 12, "show_if: '<>' is written '!=' here" },
	{ "a && b", 12, "show_if: unexpected '&'; write 'and' or 'or'" },
	{ "a || b", 12, "show_if: unexpected '|'; write 'and' or 'or'" },
	{ "!a", 10, "show_if: unexpected '!'; write 'not' or '!='" },
	{ "note = 'abc", 17, "show_if: unterminated string (no closing ')" },
	{ "note = \"abc", 17, "show_if: unterminated string (no closing \")" },
	{ "(a = 1", 16, "show_if: expected ')', found the end of the "
	  "expression" },
	{ "a = 1)", 15, "show_if: unexpected ')' after a complete condition; "
	  "join conditions with 'and' or 'or'" },
	{ "a b", 12, "show_if: unexpected 'b' after a complete condition; "
	  "join conditions with 'and' or 'or'" },
	{ "state in agreed", 19, "show_if: expected '[' after 'in', found "
	  "'agreed'" },
	{ "state in []", 20, "show_if: an 'in' list needs at least one "
	  "value" },
	{ "state in [a b]", 22, "show_if: expected ',' or ']' in the 'in' "
	  "list, found 'b'" },
	{ "state in [a,", 22, "show_if: expected a value, found the end of "
	  "the expression" },
	{ "and", 10, "show_if: expected a field name, 'state' or a value, "
	  "found 'and'" },
	{ "a and", 15, "show_if: expected a field name, 'state' or a value, "
	  "found the end of the expression" },
	{ "kind = 婚姻", 17, "show_if: unexpected '婚'; quote text values, as "
	  "in 'text'" },
	{ "a = @", 14, "show_if: unexpected '@'" },
	{ "a = 1 # comment", 16, "show_if: unexpected '#'" },
};

START_TEST(test_parse_err)
{
	struct diags d = DIAGS_INIT;
	struct mark at = { 7, 10 };
	struct expr *e;

	e = expr_parse(parse_err[_i].src, FILE_NAME, at, &d);
	ck_assert_ptr_null(e);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].file, FILE_NAME);
	ck_assert_uint_eq(d.v[0].line, 7);
	ck_assert_str_eq(d.v[0].msg, parse_err[_i].msg);
	ck_assert_uint_eq(d.v[0].col, parse_err[_i].col);
	diags_free(&d);
}
END_TEST

START_TEST(test_parse_limits)
{
	struct diags d = DIAGS_INIT;
	struct mark at = { 1, 1 };
	struct buf b = BUF_INIT;
	struct expr *e;
	int i;

	/* 40 nested parentheses: more than the depth limit. */
	for (i = 0; i < 40; i++)
		buf_addc(&b, '(');
	buf_adds(&b, "a");
	for (i = 0; i < 40; i++)
		buf_addc(&b, ')');
	e = expr_parse(buf_str(&b), FILE_NAME, at, &d);
	ck_assert_ptr_null(e);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg, "show_if: expression nested too deeply "
	    "(more than 32 levels)");
	diags_free(&d);
	/* 10,000 "not": bounded by the same limit, no deep recursion. */
	buf_reset(&b);
	for (i = 0; i < 10000; i++)
		buf_adds(&b, "not ");
	buf_adds(&b, "a");
	e = expr_parse(buf_str(&b), FILE_NAME, at, &d);
	ck_assert_ptr_null(e);
	ck_assert_uint_eq(d.n, 1);
	diags_free(&d);
	/* A flat chain of 1,000 'or': more than the node limit. */
	buf_reset(&b);
	buf_adds(&b, "a");
	for (i = 0; i < 1000; i++)
		buf_adds(&b, " or a");
	e = expr_parse(buf_str(&b), FILE_NAME, at, &d);
	ck_assert_ptr_null(e);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg, "show_if: expression too long (more than "
	    "500 parts)");
	diags_free(&d);
	/* 100 terms are fine. */
	buf_reset(&b);
	buf_adds(&b, "a");
	for (i = 0; i < 99; i++)
		buf_adds(&b, " or a");
	e = expr_parse(buf_str(&b), FILE_NAME, at, &d);
	ck_assert_ptr_nonnull(e);
	expr_free(e);
	buf_free(&b);
	diags_free(&d);
}
END_TEST

/* The column of a multi-line expression counts from its own line. */
START_TEST(test_parse_multiline_mark)
{
	struct diags d = DIAGS_INIT;
	struct mark at = { 4, 20 };
	struct expr *e;

	e = expr_parse("a = 1 and\nb = = 2", FILE_NAME, at, &d);
	ck_assert_ptr_null(e);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_uint_eq(d.v[0].line, 5);
	ck_assert_uint_eq(d.v[0].col, 5);
	diags_free(&d);
}
END_TEST

static const struct {
	const char *src;
	const char *scope;	/* field whose show_if this is */
	const char *msg;	/* NULL: checks clean */
	unsigned col;		/* of the message, expression at column 1 */
} check_tab[] = {
	{ "kind = '1'", "note", NULL, 0 },
	{ "kind = 1", "note", NULL, 0 },
	{ "kind in ['1', '3']", "note", NULL, 0 },
	{ "kind = '9'", "note", "show_if: '9' is not a code in the list of "
	  "'kind'; codes: 1, 2, 3", 8 },
	{ "kind = '邻里'", "note", "show_if: '邻里' is a label in the list of "
	  "'kind'; compare with its code '2'", 8 },
	{ "kind in ['1', 'x']", "note", "show_if: 'x' is not a code in the "
	  "list of 'kind'; codes: 1, 2, 3", 15 },
	{ "kind < '2'", "note", "show_if: '<' needs a number or date field; "
	  "'kind' is choice", 1 },
	{ "note < 'b'", "kind", "show_if: '<' needs a number or date field; "
	  "'note' is text", 1 },
	{ "knd = '1'", "note", "show_if: unknown field 'knd'; did you mean "
	  "'kind'?", 1 },
	{ "zzzzzz", "note", "show_if: unknown field 'zzzzzz'; fields: kind, "
	  "care, minor, age, income, born, note, other, phone, members", 1 },
	{ "members = 'x'", "note", "show_if: 'members' is a group and cannot "
	  "be compared; use one of its fields", 1 },
	{ "note = 'x'", "note", "show_if: field 'note' cannot depend on "
	  "itself", 1 },
	{ "minor = true", "note", NULL, 0 },
	{ "minor = 'yes'", "note", "show_if: 'minor' is a bool field; compare "
	  "it with true or false", 9 },
	{ "note = true", "kind", "show_if: true and false compare only with "
	  "bool fields; 'note' is text", 8 },
	{ "age >= 18 and age < 60", "note", NULL, 0 },
	{ "age > 'x'", "note", "show_if: 'x' is not a valid integer for "
	  "'age': ", 7 },
	{ "age > ''", "note", "show_if: '>' with an empty value is never "
	  "true; use = '' to test emptiness", 7 },
	{ "born < '2000-01-01'", "note", NULL, 0 },
	{ "born < '2000-02-30'", "note", "show_if: '2000-02-30' is not a "
	  "valid date for 'born': ", 8 },
	{ "income >= 1.50", "note", NULL, 0 },
	{ "care = 'b'", "note", NULL, 0 },
	{ "care < 'b'", "note", "show_if: '<' needs a number or date field; "
	  "'care' is multichoice", 1 },
	{ "care in ['a', 'd']", "note", "show_if: 'd' is not a code in the "
	  "list of 'care'; codes: a, b, c", 15 },
	{ "state = 'open'", "note", NULL, 0 },
	{ "state = opn", "note", "show_if: unknown state 'opn'; did you mean "
	  "'open'?", 9 },
	{ "state in [new, xyz]", "note", "show_if: unknown state 'xyz'; "
	  "states: new, open, done", 16 },
	{ "state < 'open'", "note", "show_if: 'state' can only be compared "
	  "with =, != or in", 1 },
	{ "state = 1", "note", "show_if: 'state' compares with state names, "
	  "not '1'", 9 },
	{ "note = other", "kind", NULL, 0 },
	{ "age = born", "kind", "show_if: cannot compare 'age' (integer) with "
	  "'born' (date)", 1 },
	{ "'x' = 'y'", "kind", "show_if: a comparison needs a field or "
	  "'state' on one side", 1 },
	{ "'x'", "kind", "show_if: the value 'x' alone is not a condition; "
	  "compare a field with it", 1 },
	{ "18 <= age", "kind", NULL, 0 },
	{ "kind = '1' and (zz or age > 1)", "note", "show_if: unknown field "
	  "'zz'; fields: kind, care, minor, age, income, born, note, other, "
	  "phone, members", 17 },
	/* Inside a group: siblings first, then top-level fields. */
	{ "age < 18", "members.name", NULL, 0 },
	{ "relation = '1' and kind = '2'", "members.name", NULL, 0 },
	{ "relation = '7'", "members.name", "show_if: '7' is not a code in "
	  "the list of 'relation'; codes: 1, 2, 3", 12 },
	{ "relation = '1'", "note", "show_if: unknown field 'relation'; "
	  "fields: kind, care, minor, age, income, born, note, other, phone, "
	  "members", 1 },
};

START_TEST(test_check)
{
	struct diags d = DIAGS_INIT;
	struct mark at = { 1, 1 };
	struct form *f = load("t.yaml", form_yaml);
	const struct field *scope = form_field(f, check_tab[_i].scope);
	struct expr *e;
	int rc;

	ck_assert_ptr_nonnull(scope);
	e = expr_parse(check_tab[_i].src, FILE_NAME, at, &d);
	ck_assert_ptr_nonnull(e);
	rc = expr_check(e, f, scope, FILE_NAME, &d);
	if (check_tab[_i].msg == NULL) {
		if (d.n > 0)
			diags_print(&d, stderr);
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_eq(d.n, 0);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_uint_ge(d.n, 1);
		/* Type errors end with the type's own explanation. */
		ck_assert_msg(strncmp(d.v[0].msg, check_tab[_i].msg,
		    strlen(check_tab[_i].msg)) == 0, "got [%s]", d.v[0].msg);
		ck_assert_uint_eq(d.v[0].col, check_tab[_i].col);
	}
	expr_free(e);
	form_free(f);
	diags_free(&d);
}
END_TEST

START_TEST(test_check_no_workflow)
{
	struct diags d = DIAGS_INIT;
	struct mark at = { 9, 14 };
	struct form *f = load("p.yaml", plain_yaml);
	struct expr *e;

	e = expr_parse("state = 'x'", "p.yaml", at, &d);
	ck_assert_int_eq(expr_check(e, f, NULL, "p.yaml", &d), -1);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg, "show_if: 'state' is used but form 'p' "
	    "has no workflow");
	ck_assert_uint_eq(d.v[0].line, 9);
	ck_assert_uint_eq(d.v[0].col, 14);
	expr_free(e);
	form_free(f);
	diags_free(&d);
}
END_TEST

/* Values by path: "kind=1;members.age=12". */
struct vals {
	const char *spec;
	char buf[4][64];	/* a few values alive at once */
	unsigned next;
};

static const char *
vals_get(void *ctx, const struct field *f)
{
	struct vals *v = ctx;
	char key[64];
	const char *p;
	size_t n;

	if (f->parent != NULL)
		snprintf(key, sizeof key, "%s.%s=", f->parent->name, f->name);
	else
		snprintf(key, sizeof key, "%s=", f->name);
	for (p = v->spec; p != NULL && *p != '\0';) {
		const char *end = strchr(p, ';');

		n = end != NULL ? (size_t)(end - p) : strlen(p);
		if (strncmp(p, key, strlen(key)) == 0) {
			char *out = v->buf[v->next++ % 4];

			snprintf(out, sizeof v->buf[0], "%.*s",
			    (int)(n - strlen(key)), p + strlen(key));
			return out;
		}
		p = end != NULL ? end + 1 : NULL;
	}
	return NULL;
}

static const struct {
	const char *src;
	const char *scope;
	const char *values;
	const char *state;
	int want;
} eval_tab[] = {
	{ "kind = '1'", "note", "kind=1", NULL, 1 },
	{ "kind = '1'", "note", "kind=2", NULL, 0 },
	{ "kind = '1'", "note", "", NULL, 0 },
	{ "kind != '1'", "note", "", NULL, 1 },
	{ "kind = ''", "note", "", NULL, 1 },
	{ "kind = ''", "note", "kind=3", NULL, 0 },
	{ "kind != ''", "note", "kind=3", NULL, 1 },
	{ "kind in ['1', '2']", "note", "kind=2", NULL, 1 },
	{ "kind in ['1', '2']", "note", "kind=3", NULL, 0 },
	{ "kind in ['1', '2']", "note", "", NULL, 0 },
	{ "kind", "note", "kind=3", NULL, 1 },
	{ "kind", "note", "", NULL, 0 },
	{ "not kind", "note", "", NULL, 1 },
	/* multichoice: = means "among the chosen", in means "any of". */
	{ "care = 'b'", "note", "care=a,b", NULL, 1 },
	{ "care = 'b'", "note", "care=a,c", NULL, 0 },
	{ "care != 'b'", "note", "care=a,c", NULL, 1 },
	{ "care != 'b'", "note", "", NULL, 1 },
	{ "care in ['b', 'c']", "note", "care=c", NULL, 1 },
	{ "care in ['b', 'c']", "note", "care=a", NULL, 0 },
	{ "care = ''", "note", "", NULL, 1 },
	/* bool: empty is false. */
	{ "minor", "note", "minor=1", NULL, 1 },
	{ "minor", "note", "minor=0", NULL, 0 },
	{ "minor = true", "note", "minor=1", NULL, 1 },
	{ "minor = true", "note", "minor=0", NULL, 0 },
	{ "minor = false", "note", "minor=0", NULL, 1 },
	{ "minor = false", "note", "", NULL, 1 },
	{ "minor != true", "note", "", NULL, 1 },
	{ "not minor", "note", "", NULL, 1 },
	/* integers compare as numbers, literals made canonical. */
	{ "age >= 18", "note", "age=18", NULL, 1 },
	{ "age >= 18", "note", "age=9", NULL, 0 },
	{ "age < 18", "note", "age=9", NULL, 1 },
	{ "age < 18", "note", "age=100", NULL, 0 },
	{ "age < 18", "note", "", NULL, 0 },
	{ "age >= 18", "note", "", NULL, 0 },
	{ "age = 018", "note", "age=18", NULL, 1 },
	{ "age = '18'", "note", "age=18", NULL, 1 },
	{ "18 <= age", "note", "age=20", NULL, 1 },
	{ "18 > age", "note", "age=20", NULL, 0 },
	{ "age <= 18", "note", "age=18", NULL, 1 },
	{ "age > 18", "note", "age=18", NULL, 0 },
	{ "age != 18", "note", "age=-3", NULL, 1 },
	{ "income > 2.5", "note", "income=10", NULL, 1 },
	{ "income > 2.5", "note", "income=2.25", NULL, 0 },
	{ "income = 2.50", "note", "income=2.5", NULL, 1 },
	{ "born < '2000-01-01'", "note", "born=1999-12-31", NULL, 1 },
	{ "born < '2000-01-01'", "note", "born=2000-01-01", NULL, 0 },
	{ "born >= '2000-1-1'", "note", "born=2000-01-01", NULL, 1 },
	{ "note = 'x y'", "kind", "note=x y", NULL, 1 },
	{ "note = other", "kind", "note=a;other=a", NULL, 1 },
	{ "note = other", "kind", "note=a;other=b", NULL, 0 },
	{ "note = other", "kind", "", NULL, 1 },
	{ "note != other", "kind", "note=a", NULL, 1 },
	/* precedence: and binds tighter than or. */
	{ "kind = '1' or kind = '2' and minor", "note", "kind=1", NULL, 1 },
	{ "(kind = '1' or kind = '2') and minor", "note", "kind=1", NULL, 0 },
	{ "not kind = '1' and minor", "note", "kind=2;minor=1", NULL, 1 },
	/* state */
	{ "state = 'open'", "note", "", "open", 1 },
	{ "state = open", "note", "", "new", 0 },
	{ "state != 'open'", "note", "", "new", 1 },
	{ "state in [open, done]", "note", "", "done", 1 },
	{ "state in [open, done]", "note", "", NULL, 0 },
	{ "state", "note", "", "new", 1 },
	{ "state", "note", "", NULL, 0 },
	{ "true", "note", "", NULL, 1 },
	{ "false", "note", "", NULL, 0 },
	/* group members: siblings of the same member. */
	{ "age < 18", "members.name", "members.age=12;age=40", NULL, 1 },
	{ "age < 18", "members.name", "members.age=30;age=4", NULL, 0 },
	{ "relation = '1' and kind = '2'", "members.name",
	  "members.relation=1;kind=2", NULL, 1 },
};

START_TEST(test_eval)
{
	struct diags d = DIAGS_INIT;
	struct mark at = { 1, 1 };
	struct form *f = load("t.yaml", form_yaml);
	struct vals v = { eval_tab[_i].values, { "" }, 0 };
	struct expr_env env = { vals_get, &v, eval_tab[_i].state };
	struct expr *e;

	e = expr_parse(eval_tab[_i].src, FILE_NAME, at, &d);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(expr_check(e, f, form_field(f, eval_tab[_i].scope),
	    FILE_NAME, &d), 0);
	ck_assert_msg(expr_eval(e, &env) == eval_tab[_i].want,
	    "%s with [%s] state %s: wanted %d", eval_tab[_i].src,
	    eval_tab[_i].values, eval_tab[_i].state != NULL ?
	    eval_tab[_i].state : "-", eval_tab[_i].want);
	expr_free(e);
	form_free(f);
	diags_free(&d);
}
END_TEST

static const struct {
	const char *src;
	const char *state;
	int want;		/* 1, 0, -1 = depends on fields */
} state_tab[] = {
	{ "state = 'open'", "open", 1 },
	{ "state = 'open'", "new", 0 },
	{ "state in [open, done]", "done", 1 },
	{ "state in [open, done]", "new", 0 },
	{ "state != 'new'", "new", 0 },
	{ "kind = '1'", "open", -1 },
	{ "kind = '1' and state = 'open'", "open", -1 },
	{ "kind = '1' and state = 'open'", "new", 0 },
	{ "kind = '1' or state = 'open'", "open", 1 },
	{ "kind = '1' or state = 'open'", "new", -1 },
	{ "not (kind = '1' or state = 'open')", "open", 0 },
	{ "not (kind = '1' and state = 'open')", "new", 1 },
	{ "not kind", "new", -1 },
	{ "minor and not minor", "new", -1 },
	{ "true", "new", 1 },
	{ "false or state = 'done'", "new", 0 },
};

START_TEST(test_eval_state)
{
	struct diags d = DIAGS_INIT;
	struct mark at = { 1, 1 };
	struct form *f = load("t.yaml", form_yaml);
	struct expr *e;

	e = expr_parse(state_tab[_i].src, FILE_NAME, at, &d);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(expr_check(e, f, form_field(f, "note"), FILE_NAME,
	    &d), 0);
	ck_assert_int_eq(expr_eval_state(e, state_tab[_i].state),
	    state_tab[_i].want);
	expr_free(e);
	form_free(f);
	diags_free(&d);
}
END_TEST

/* A NULL expression is "always shown"; an unchecked tree never crashes. */
START_TEST(test_eval_null_and_unchecked)
{
	struct diags d = DIAGS_INIT;
	struct mark at = { 1, 1 };
	struct expr_env env = { NULL, NULL, NULL };
	struct expr *e;

	ck_assert_int_eq(expr_eval(NULL, &env), 1);
	ck_assert_int_eq(expr_eval_state(NULL, "x"), 1);
	e = expr_parse("a = 1 or b < 2 or c in [1, 2]", FILE_NAME, at, &d);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(expr_eval(e, &env), 0);
	ck_assert_int_eq(expr_eval_state(e, "s"), -1);
	expr_free(e);
	expr_free(NULL);
	diags_free(&d);
}
END_TEST

static Suite *
expr_suite(void)
{
	Suite *s = suite_create("expr");
	TCase *tc = tcase_create("expr");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_parse_ok, 0, (int)nitems(parse_ok));
	tcase_add_loop_test(tc, test_parse_err, 0, (int)nitems(parse_err));
	tcase_add_test(tc, test_parse_limits);
	tcase_add_test(tc, test_parse_multiline_mark);
	tcase_add_loop_test(tc, test_check, 0, (int)nitems(check_tab));
	tcase_add_test(tc, test_check_no_workflow);
	tcase_add_loop_test(tc, test_eval, 0, (int)nitems(eval_tab));
	tcase_add_loop_test(tc, test_eval_state, 0, (int)nitems(state_tab));
	tcase_add_test(tc, test_eval_null_and_unchecked);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(expr_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
