/*
 * check_field.c — unit tests of the field types: for every type a table of
 * inputs with the canonical text expected or the words the error must
 * contain; the GB 11643 examples of DOMAIN.md, each with every digit changed;
 * 15-digit conversion; birth dates in the future against $GRIDBOOK_TODAY;
 * numeric ordering without floating point; the type table itself.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "util.h"

#define TODAY "2026-03-01"

struct pcase {
	const char	*type;
	const char	*in;
	int		 ok;
	const char	*want;		/* canonical text, or part of the error */
};

static const struct pcase parse_cases[] = {
	/* text */
	{ "text", "张三", 1, "张三" },
	{ "text", "  Zhang San \t", 1, "Zhang San" },
	{ "text", "\xe3\x80\x80和平路12号\xe3\x80\x80", 1, "和平路12号" },
	{ "text", "a\tb", 1, "a b" },
	{ "text", "line1\nline2", 0, "single line" },
	{ "text", "a\rb", 0, "single line" },
	{ "text", "bell\a", 0, "control character (U+0007) at character 5" },
	{ "text", "bad\xc0\xaf", 0, "not valid UTF-8" },
	{ "text", "\xed\xa0\x80", 0, "not valid UTF-8" },
	/* textarea */
	{ "textarea", " 第一行\r\n第二行\r第三行 \n", 1, "第一行\n第二行\n第三行" },
	{ "textarea", "a\tb", 1, "a\tb" },
	{ "textarea", "x\x1b[2J", 0, "control character (U+001B)" },
	/* integer */
	{ "integer", "0", 1, "0" },
	{ "integer", "42", 1, "42" },
	{ "integer", "-7", 1, "-7" },
	{ "integer", "+7", 1, "7" },
	{ "integer", "007", 1, "7" },
	{ "integer", "-0", 1, "0" },
	{ "integer", "-000", 1, "0" },
	{ "integer", " 12 ", 1, "12" },
	{ "integer", "１２３", 1, "123" },
	{ "integer", "－５", 1, "-5" },
	{ "integer", "\xe2\x88\x92" "5", 1, "-5" },
	{ "integer", "9223372036854775807", 1, "9223372036854775807" },
	{ "integer", "-9223372036854775808", 1, "-9223372036854775808" },
	{ "integer", "00009223372036854775807", 1, "9223372036854775807" },
	{ "integer", "9223372036854775808", 0, "out of range" },
	{ "integer", "-9223372036854775809", 0, "out of range" },
	{ "integer", "99999999999999999999999999999999", 0, "out of range" },
	{ "integer", "1.5", 0, "not a whole number" },
	{ "integer", "abc", 0, "'abc' is not a whole number" },
	{ "integer", "-", 0, "not a whole number" },
	{ "integer", "1 000", 0, "not a whole number" },
	{ "integer", "1e3", 0, "not a whole number" },
	/* decimal */
	{ "decimal", "3.5", 1, "3.5" },
	{ "decimal", "3.50", 1, "3.5" },
	{ "decimal", "12", 1, "12" },
	{ "decimal", "12.000", 1, "12" },
	{ "decimal", "-0.25", 1, "-0.25" },
	{ "decimal", "-0.0", 1, "0" },
	{ "decimal", ".5", 1, "0.5" },
	{ "decimal", "5.", 1, "5" },
	{ "decimal", "007.10", 1, "7.1" },
	{ "decimal", "+1.0", 1, "1" },
	{ "decimal", "１２．５", 1, "12.5" },
	{ "decimal", "123456789012345678.123456789012345678", 1,
	    "123456789012345678.123456789012345678" },
	{ "decimal", "1234567890123456789", 0, "too many digits" },
	{ "decimal", ".", 0, "not a number" },
	{ "decimal", "1.2.3", 0, "not a number" },
	{ "decimal", "1,5", 0, "not a number" },
	{ "decimal", "NaN", 0, "not a number" },
	/* date */
	{ "date", "2026-01-05", 1, "2026-01-05" },
	{ "date", "2026-1-5", 1, "2026-01-05" },
	{ "date", "2026/1/5", 1, "2026-01-05" },
	{ "date", "2026.1.5", 1, "2026-01-05" },
	{ "date", "20260105", 1, "2026-01-05" },
	{ "date", "2026年1月5日", 1, "2026-01-05" },
	{ "date", "2026年01月05日", 1, "2026-01-05" },
	{ "date", "2026 年 1 月 5 日", 1, "2026-01-05" },
	{ "date", "２０２６－０１－０５", 1, "2026-01-05" },
	{ "date", "2024-02-29", 1, "2024-02-29" },
	{ "date", "2000-02-29", 1, "2000-02-29" },
	{ "date", "1800-01-01", 1, "1800-01-01" },
	{ "date", "9999-12-31", 1, "9999-12-31" },
	{ "date", "2026-02-29", 0, "2026-02-29 is not a real date (2026-02 has 28 days)" },
	{ "date", "1900-02-29", 0, "not a real date" },
	{ "date", "2026-04-31", 0, "2026-04 has 30 days" },
	{ "date", "2026-13-01", 0, "month 13 does not exist" },
	{ "date", "2026-00-10", 0, "month 0 does not exist" },
	{ "date", "2026-01-00", 0, "not a real date" },
	{ "date", "19800230", 0, "not a real date" },
	{ "date", "1799-12-31", 0, "before 1800" },
	{ "date", "2026-1/5", 0, "is not a date" },
	{ "date", "26-1-5", 0, "is not a date" },
	{ "date", "2026-001-05", 0, "is not a date" },
	{ "date", "yesterday", 0, "'yesterday' is not a date (write it like" },
	{ "date", "2026年1月", 0, "is not a date" },
	/* choice, multichoice: text-level only here */
	{ "choice", " 邻里 ", 1, "邻里" },
	{ "choice", "a\nb", 0, "single line" },
	{ "multichoice", "低保, 特困", 1, "低保,特困" },
	{ "multichoice", "低保、特困，残疾", 1, "低保,特困,残疾" },
	{ "multichoice", " a ,, b ,", 1, "a,b" },
	{ "multichoice", "，、,", 0, "names no choice" },
	/* bool */
	{ "bool", "1", 1, "1" }, { "bool", "0", 1, "0" },
	{ "bool", "y", 1, "1" }, { "bool", "N", 1, "0" },
	{ "bool", "Yes", 1, "1" }, { "bool", "no", 1, "0" },
	{ "bool", "TRUE", 1, "1" }, { "bool", "false", 1, "0" },
	{ "bool", "是", 1, "1" }, { "bool", "否", 1, "0" },
	{ "bool", "有", 1, "1" }, { "bool", "无", 1, "0" },
	{ "bool", "ｙｅｓ", 1, "1" },
	{ "bool", "maybe", 0, "'maybe' is not yes or no" },
	{ "bool", "2", 0, "is not yes or no" },
	/* phone */
	{ "phone", "13812345678", 1, "13812345678" },
	{ "phone", "138 1234 5678", 1, "13812345678" },
	{ "phone", "138-1234-5678", 1, "13812345678" },
	{ "phone", "+86 138 1234 5678", 1, "13812345678" },
	{ "phone", "8613812345678", 1, "13812345678" },
	{ "phone", "１９９１２３４５６７８", 1, "19912345678" },
	{ "phone", "0931-1234567", 1, "0931-1234567" },
	{ "phone", "09311234567", 1, "0931-1234567" },
	{ "phone", "0930 6123456", 1, "0930-6123456" },
	{ "phone", "(0930)6123456", 1, "0930-6123456" },
	{ "phone", "010-12345678", 1, "010-12345678" },
	{ "phone", "01012345678", 1, "010-12345678" },
	{ "phone", "02112345678", 1, "021-12345678" },
	{ "phone", "093012345678", 1, "0930-12345678" },
	{ "phone", "0755-1234567", 1, "0755-1234567" },
	{ "phone", "1381234567", 0, "a mobile number has 11 digits, got 10" },
	{ "phone", "138123456789", 0, "11 digits, got 12" },
	{ "phone", "12812345678", 0, "starts with 13 to 19, not 12" },
	{ "phone", "6123456", 0, "lacks the area code" },
	{ "phone", "0931-123", 0, "7 or 8 digits, got 3" },
	{ "phone", "0931-123456789", 0, "7 or 8 digits, got 9" },
	{ "phone", "00931234567", 0, "single 0" },
	{ "phone", "138abc45678", 0, "not a phone number" },
	{ "phone", "---", 0, "not a phone number" },
	/* ref */
	{ "ref", " HH-000231 ", 1, "HH-000231" },
	{ "ref", "(2026)和人调字第12号", 1, "(2026)和人调字第12号" },
	{ "ref", "HH 000231", 0, "not a record id" },
	/* idcard: the worked examples of DOMAIN.md */
	{ "idcard", "11010519491231002X", 1, "11010519491231002X" },
	{ "idcard", "440524188001010014", 1, "440524188001010014" },
	{ "idcard", "34052419800101001X", 1, "34052419800101001X" },
	{ "idcard", "34052419800101001x", 1, "34052419800101001X" },
	{ "idcard", " 340524 19800101 001X ", 1, "34052419800101001X" },
	{ "idcard", "３４０５２４１９８００１０１００１ｘ", 1, "34052419800101001X" },
	{ "idcard", "340524198001010015", 0, "check digit should be X, not 5" },
	{ "idcard", "11010519491231002", 0, "18 digits expected, got 17" },
	{ "idcard", "1101051949123100212", 0, "18 digits expected, got 19" },
	{ "idcard", "110105", 0, "18 digits expected, got 6" },
	{ "idcard", "34052419801301001X", 0, "birth date 19801301 is not a real date" },
	{ "idcard", "340524198002300010", 0, "birth date 19800230 is not a real date" },
	{ "idcard", "340524190002290010", 0, "birth date 19000229 is not a real date" },
	{ "idcard", "340524187912310010", 0, "birth date 18791231 is before 1880" },
	{ "idcard", "340524X98001010010", 0, "X is only allowed as the last character (found at character 7)" },
	{ "idcard", "34052419800101001A", 0, "'A' at character 18 is not a digit" },
	{ "idcard", "3405241980010100一", 0, "'一' at character 17 is not a digit" },
	/* 15-digit old numbers: 19 inserted, check computed */
	{ "idcard", "340524800101001", 1, "34052419800101001X" },
	{ "idcard", "110105491231002", 1, "11010519491231002X" },
	{ "idcard", "340524801301001", 0, "birth date 19801301 is not a real date" },
	{ "idcard", "34052480010100X", 0, "15-digit number has no check character" },
};

START_TEST(test_parse)
{
	const struct pcase *c = &parse_cases[_i];
	const struct field_type *t = field_type_find(c->type);
	char err[256] = "", *out = NULL;
	int rc;

	ck_assert_ptr_nonnull(t);
	rc = t->parse(c->in, &out, err, sizeof err);
	if (c->ok) {
		ck_assert_msg(rc == 0, "%s '%s': unexpected error: %s", c->type,
		    c->in, err);
		ck_assert_msg(strcmp(out, c->want) == 0, "%s '%s': got '%s', "
		    "want '%s'", c->type, c->in, out, c->want);
		free(out);
	} else {
		ck_assert_msg(rc == -1, "%s '%s': accepted as '%s'", c->type,
		    c->in, rc == 0 ? out : "");
		ck_assert_msg(strstr(err, c->want) != NULL, "%s '%s': error "
		    "'%s' lacks '%s'", c->type, c->in, err, c->want);
		ck_assert_msg(err[0] >= 'a' || err[0] == '\'' || err[0] == '-' || (err[0] >= '0' &&
		    err[0] <= '9') || err[0] == 'X', "%s: message starts "
		    "upper-case: %s", c->type, err);
	}
}
END_TEST

/* Canonical output of parse is a fixed point of parse. */
START_TEST(test_parse_idempotent)
{
	const struct pcase *c = &parse_cases[_i];
	const struct field_type *t = field_type_find(c->type);
	char err[256], *out2;

	if (!c->ok)
		return;
	ck_assert_msg(t->parse(c->want, &out2, err, sizeof err) == 0,
	    "%s '%s': %s", c->type, c->want, err);
	ck_assert_str_eq(out2, c->want);
	free(out2);
}
END_TEST

/* ---- ID numbers ---- */

static const char *const id_examples[] = {
	"11010519491231002X", "440524188001010014", "34052419800101001X",
};

START_TEST(test_idcard_examples_check_char)
{
	const char *id = id_examples[_i];

	ck_assert_int_eq(idcard_check_char(id), id[17]);
}
END_TEST

/* Changing any one character of a valid number makes it invalid. */
START_TEST(test_idcard_one_digit_changed)
{
	const struct field_type *t = field_type_find("idcard");
	char id[19], err[256], *out;
	int pos, d;

	for (pos = 0; pos < 18; pos++) {
		for (d = 1; d < 10; d++) {
			memcpy(id, id_examples[_i], 19);
			if (id[pos] == 'X')
				id[pos] = (char)('0' + d);
			else
				id[pos] = (char)('0' + (id[pos] - '0' + d) % 10);
			out = NULL;
			ck_assert_msg(t->parse(id, &out, err, sizeof err) == -1,
			    "%s accepted", id);
			ck_assert_msg(strstr(err, "check digit") != NULL ||
			    strstr(err, "birth date") != NULL, "%s: %s", id,
			    err);
		}
	}
}
END_TEST

START_TEST(test_idcard_check_message)
{
	const struct field_type *t = field_type_find("idcard");
	char id[19], err[256], want[64], *out;

	memcpy(id, "44052418800101001", 17);
	id[17] = '3';
	id[18] = '\0';
	ck_assert_int_eq(t->parse(id, &out, err, sizeof err), -1);
	snprintf(want, sizeof want, "check digit should be 4, not 3");
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_idcard_future)
{
	const struct field_type *t = field_type_find("idcard");
	char id[19], err[256], *out;

	/* Born today is fine, born tomorrow is not. */
	setenv("GRIDBOOK_TODAY", "1980-01-01", 1);
	ck_assert_int_eq(t->parse("34052419800101001X", &out, err, sizeof err),
	    0);
	free(out);
	memcpy(id, "34052419800102001", 17);
	id[17] = idcard_check_char(id);
	id[18] = '\0';
	ck_assert_int_eq(t->parse(id, &out, err, sizeof err), -1);
	ck_assert_str_eq(err, "birth date 19800102 is in the future");
	/* The same number is fine once that day has come. */
	setenv("GRIDBOOK_TODAY", TODAY, 1);
	ck_assert_int_eq(t->parse(id, &out, err, sizeof err), 0);
	free(out);
	/* A 2030 birth is in the future of the test's today. */
	memcpy(id, "34052420300101001", 17);
	id[17] = idcard_check_char(id);
	ck_assert_int_eq(t->parse(id, &out, err, sizeof err), -1);
	ck_assert_str_eq(err, "birth date 20300101 is in the future");
}
END_TEST

START_TEST(test_idcard_helpers)
{
	char b[11];
	char *m;

	ck_assert_int_eq(idcard_sex("11010519491231002X"), 2);
	ck_assert_int_eq(idcard_sex("440524188001010014"), 1);
	ck_assert_int_eq(idcard_sex("34052419800101001X"), 1);
	ck_assert_int_eq(idcard_sex("3405241980"), 0);
	idcard_birth("11010519491231002X", b);
	ck_assert_str_eq(b, "1949-12-31");
	idcard_birth("440524188001010014", b);
	ck_assert_str_eq(b, "1880-01-01");
	idcard_birth("short", b);
	ck_assert_str_eq(b, "");
	m = idcard_mask("622923198001011234");
	ck_assert_str_eq(m, "622923********1234");
	free(m);
	m = idcard_mask("1234567890");
	ck_assert_str_eq(m, "1234567890");
	free(m);
	m = idcard_mask("13812345678");
	ck_assert_str_eq(m, "138123*5678");
	free(m);
	m = idcard_mask("");
	ck_assert_str_eq(m, "");
	free(m);
	m = idcard_mask("张三李四王五赵六钱七孙八");
	ck_assert_str_eq(m, "张三李四王五**钱七孙八");
	free(m);
}
END_TEST

/* ---- ordering ---- */

static const struct {
	const char	*type;
	const char	*a;
	const char	*b;
	int		 want;
} cmp_cases[] = {
	{ "integer", "0", "0", 0 },
	{ "integer", "1", "2", -1 },
	{ "integer", "10", "9", 1 },
	{ "integer", "-10", "-9", -1 },
	{ "integer", "-1", "0", -1 },
	{ "integer", "-5", "3", -1 },
	{ "integer", "9223372036854775807", "-9223372036854775808", 1 },
	{ "integer", "123", "123", 0 },
	{ "decimal", "3.5", "3.5", 0 },
	{ "decimal", "3.5", "3.25", 1 },
	{ "decimal", "3", "3.01", -1 },
	{ "decimal", "10", "9.99", 1 },
	{ "decimal", "-0.5", "0", -1 },
	{ "decimal", "-0.5", "-0.25", -1 },
	{ "decimal", "-12", "-3.5", -1 },
	{ "decimal", "0.1", "0.10000000000000001", -1 },
	{ "decimal", "0", "0", 0 },
	{ "date", "2026-01-05", "2026-01-05", 0 },
	{ "date", "2025-12-31", "2026-01-01", -1 },
	{ "date", "2026-10-01", "2026-09-30", 1 },
};

START_TEST(test_compare)
{
	const struct field_type *t = field_type_find(cmp_cases[_i].type);
	int c = t->compare(cmp_cases[_i].a, cmp_cases[_i].b);
	int r = t->compare(cmp_cases[_i].b, cmp_cases[_i].a);

	c = c < 0 ? -1 : c > 0;
	r = r < 0 ? -1 : r > 0;
	ck_assert_msg(c == cmp_cases[_i].want, "%s %s vs %s: %d",
	    cmp_cases[_i].type, cmp_cases[_i].a, cmp_cases[_i].b, c);
	ck_assert_int_eq(r, -c);
}
END_TEST

START_TEST(test_date_today)
{
	char d[11], err[64], *out;
	const struct field_type *t = field_type_find("date");

	setenv("GRIDBOOK_TODAY", "2026/2/3", 1);
	date_today(d);
	ck_assert_str_eq(d, "2026-02-03");
	setenv("GRIDBOOK_TODAY", "not a date", 1);
	date_today(d);
	ck_assert_int_eq(t->parse(d, &out, err, sizeof err), 0);
	ck_assert_str_eq(out, d);
	free(out);
	unsetenv("GRIDBOOK_TODAY");
	date_today(d);
	ck_assert_uint_eq(strlen(d), 10);
	ck_assert(strcmp(d, "2024-01-01") > 0);
	setenv("GRIDBOOK_TODAY", TODAY, 1);
}
END_TEST

/* ---- the table ---- */

static const struct {
	const char	*name;
	enum field_kind	 kind;
	unsigned	 flags;
} type_cases[] = {
	{ "text", FK_TEXT, FT_LENGTH },
	{ "textarea", FK_TEXTAREA, FT_LENGTH | FT_MULTILINE },
	{ "integer", FK_INTEGER, FT_ORDERED },
	{ "decimal", FK_DECIMAL, FT_ORDERED },
	{ "date", FK_DATE, FT_ORDERED },
	{ "choice", FK_CHOICE, FT_CHOICES },
	{ "multichoice", FK_MULTICHOICE, FT_CHOICES },
	{ "bool", FK_BOOL, 0 },
	{ "idcard", FK_IDCARD, FT_LAST4 },
	{ "phone", FK_PHONE, FT_LENGTH | FT_LAST4 },
	{ "ref", FK_REF, 0 },
	{ "group", FK_GROUP, FT_NOVALUE },
};

START_TEST(test_type_table)
{
	const struct field_type *t = field_type_find(type_cases[_i].name);

	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->name, type_cases[_i].name);
	ck_assert_int_eq(t->kind, type_cases[_i].kind);
	ck_assert_uint_eq(t->flags, type_cases[_i].flags);
	ck_assert_ptr_eq(field_type_by_kind(type_cases[_i].kind), t);
	ck_assert((t->parse == NULL) == (t->kind == FK_GROUP));
	ck_assert(((t->flags & FT_ORDERED) != 0) == (t->compare != NULL));
	ck_assert(strstr(field_type_names(), t->name) != NULL);
}
END_TEST

START_TEST(test_type_lookup)
{
	ck_assert_ptr_null(field_type_find("txt"));
	ck_assert_ptr_null(field_type_find(NULL));
	ck_assert_ptr_null(field_type_find("Text"));
	ck_assert_str_eq(field_type_suggest("txt"), "text");
	ck_assert_str_eq(field_type_suggest("interger"), "integer");
	ck_assert_str_eq(field_type_suggest("multi"), "multichoice");
	ck_assert_str_eq(field_type_suggest("id_card"), "idcard");
	ck_assert_ptr_null(field_type_suggest("zzzzzzzz"));
	ck_assert_str_eq(field_type_names(), "text, textarea, integer, decimal, "
	    "date, choice, multichoice, bool, idcard, phone, ref, group");
}
END_TEST

static Suite *
field_suite(void)
{
	Suite *s = suite_create("field");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_parse, 0, nitems(parse_cases));
	tcase_add_loop_test(tc, test_parse_idempotent, 0, nitems(parse_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("idcard");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_idcard_examples_check_char, 0,
	    nitems(id_examples));
	tcase_add_loop_test(tc, test_idcard_one_digit_changed, 0,
	    nitems(id_examples));
	tcase_add_test(tc, test_idcard_check_message);
	tcase_add_test(tc, test_idcard_future);
	tcase_add_test(tc, test_idcard_helpers);
	suite_add_tcase(s, tc);

	tc = tcase_create("order");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_compare, 0, nitems(cmp_cases));
	tcase_add_test(tc, test_date_today);
	suite_add_tcase(s, tc);

	tc = tcase_create("table");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_type_table, 0, nitems(type_cases));
	tcase_add_test(tc, test_type_lookup);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	setenv("GRIDBOOK_TODAY", TODAY, 1);
	sr = srunner_create(field_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
