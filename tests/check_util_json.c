/*
 * check_util_json.c — the strict JSON parser of util-json.c: values of every
 * kind, every escape and surrogate pairs, the exact error position and
 * message of each kind of bad input, the limits, and the string writer
 * (what it writes parses back to the same text).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- good input: one string value decoded ---- */

static const struct {
	const char	*title;
	const char	*in;
	const char	*want;
} str_cases[] = {
	{ "plain", "\"abc\"", "abc" },
	{ "empty", "\"\"", "" },
	{ "cjk raw", "\"和平路12号\"", "和平路12号" },
	{ "quote", "\"a\\\"b\"", "a\"b" },
	{ "backslash", "\"a\\\\b\"", "a\\b" },
	{ "slash", "\"a\\/b\"", "a/b" },
	{ "controls", "\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t" },
	{ "u ascii", "\"\\u0041\"", "A" },
	{ "u lower hex", "\"\\u00e9\"", "\xc3\xa9" },
	{ "u upper hex", "\"\\u00E9\"", "\xc3\xa9" },
	{ "u cjk", "\"\\u4e2d\\u6587\"", "中文" },
	{ "surrogate pair", "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80" },
	{ "surrogate pair ext B", "\"\\uD840\\uDC00\"", "\xf0\xa0\x80\x80" },
	{ "max code point", "\"\\udbff\\udfff\"", "\xf4\x8f\xbf\xbf" },
	{ "u+ffff", "\"\\uffff\"", "\xef\xbf\xbf" },
	{ "raw 4-byte", "\"\xf0\xa0\x80\x80\"", "\xf0\xa0\x80\x80" },
	{ "del raw allowed", "\"\x7f\"", "\x7f" },
	{ "white space around", " \t\r\n\"x\" \n", "x" },
};

START_TEST(test_json_strings)
{
	struct json *v;
	struct json_err e;
	int rc;

	rc = json_parse(str_cases[_i].in, strlen(str_cases[_i].in), NULL, 1,
	    &v, &e);
	ck_assert_msg(rc == 0, "%s: %u:%u: %s", str_cases[_i].title, e.line,
	    e.col, e.msg);
	ck_assert_int_eq(v->type, JSON_STRING);
	ck_assert_str_eq(v->s, str_cases[_i].want);
	ck_assert_uint_eq(v->len, strlen(str_cases[_i].want));
	json_free(v);
}
END_TEST

static const struct {
	const char	*in;
	enum json_type	 type;
	const char	*text;		/* numbers: as written */
} scalar_cases[] = {
	{ "0", JSON_NUMBER, "0" },
	{ "-0", JSON_NUMBER, "-0" },
	{ "12", JSON_NUMBER, "12" },
	{ "-3.25", JSON_NUMBER, "-3.25" },
	{ "1e10", JSON_NUMBER, "1e10" },
	{ "1.5E-3", JSON_NUMBER, "1.5E-3" },
	{ "2e+7", JSON_NUMBER, "2e+7" },
	{ "true", JSON_TRUE, NULL },
	{ "false", JSON_FALSE, NULL },
	{ "null", JSON_NULL, NULL },
	{ "[]", JSON_ARRAY, NULL },
	{ "{}", JSON_OBJECT, NULL },
};

START_TEST(test_json_scalars)
{
	struct json *v;
	struct json_err e;

	ck_assert_msg(json_parse(scalar_cases[_i].in,
	    strlen(scalar_cases[_i].in), NULL, 1, &v, &e) == 0, "%s: %s",
	    scalar_cases[_i].in, e.msg);
	ck_assert_int_eq(v->type, scalar_cases[_i].type);
	if (scalar_cases[_i].text != NULL)
		ck_assert_str_eq(v->s, scalar_cases[_i].text);
	ck_assert_uint_eq(v->n, 0);
	json_free(v);
}
END_TEST

START_TEST(test_json_structure)
{
	const char *in = "{\"form\":\"household\",\n \"values\":{\"a\":\"1\","
	    "\"姓名\":\"马\"},\"list\":[1,[2,{}],null,true]}";
	const struct json *vals, *list;
	struct json *v;
	struct json_err e;

	ck_assert_int_eq(json_parse(in, strlen(in), NULL, 7, &v, &e), 0);
	ck_assert_int_eq(v->type, JSON_OBJECT);
	ck_assert_uint_eq(v->n, 3);
	ck_assert_str_eq(v->keys[0], "form");
	ck_assert_str_eq(json_get(v, "form")->s, "household");
	ck_assert_uint_eq(v->line, 7);
	ck_assert_uint_eq(v->col, 1);
	vals = json_get(v, "values");
	ck_assert_ptr_nonnull(vals);
	ck_assert_int_eq(vals->type, JSON_OBJECT);
	/* Positions: line 8, the value of "a" after ` "values":{"a":`. */
	ck_assert_uint_eq(vals->line, 8);
	ck_assert_uint_eq(vals->col, 11);
	ck_assert_uint_eq(json_get(vals, "a")->col, 16);
	/* Columns count characters: "马" after the CJK key. */
	ck_assert_str_eq(json_get(vals, "姓名")->s, "马");
	ck_assert_uint_eq(json_get(vals, "姓名")->col, 25);
	list = json_get(v, "list");
	ck_assert_uint_eq(list->n, 4);
	ck_assert_int_eq(list->v[1].type, JSON_ARRAY);
	ck_assert_int_eq(list->v[1].v[1].type, JSON_OBJECT);
	ck_assert_int_eq(list->v[3].type, JSON_TRUE);
	ck_assert_ptr_null(json_get(v, "nope"));
	ck_assert_ptr_null(json_get(list, "a"));
	json_free(v);
}
END_TEST

/* ---- bad input: where and what ---- */

static const struct {
	const char	*title;
	const char	*in;
	unsigned	 line;
	unsigned	 col;
	const char	*msg;		/* a part of the message */
} bad_cases[] = {
	{ "empty", "", 1, 1, "expected a value, found the end" },
	{ "blank", "  \n ", 2, 2, "expected a value, found the end" },
	{ "trailing comma obj", "{\"a\":1,}", 1, 8, "expected a key in quotes, "
	    "found '}'" },
	{ "trailing comma arr", "[1,]", 1, 4, "expected a value" },
	{ "single quotes", "{'a':1}", 1, 2, "expected a key in quotes or '}'" },
	{ "single quoted value", "'a'", 1, 1, "double quotes" },
	{ "missing colon", "{\"a\" 1}", 1, 6, "expected ':' after the key "
	    "\"a\", found '1'" },
	{ "missing comma", "{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}' "
	    "after a member, found '\"'" },
	{ "object not closed", "{\"a\":1", 1, 1, "object not closed" },
	{ "array not closed", "[1,2", 1, 1, "array not closed" },
	{ "array no comma", "[1 2]", 1, 4, "expected ',' or ']'" },
	{ "two values", "{} {}", 1, 4, "after the value" },
	{ "string not closed", "\"abc", 1, 1, "string not closed" },
	{ "raw newline", "\"a\nb\"", 1, 3, "control character U+000A" },
	{ "raw tab", "\"a\tb\"", 1, 3, "control character U+0009" },
	{ "bad escape", "\"a\\qb\"", 1, 3, "unknown escape \\q" },
	{ "short u", "\"\\u12\"", 1, 2, "\\u needs 4 hex digits" },
	{ "bad hex", "\"\\u12g4\"", 1, 2, "\\u needs 4 hex digits" },
	{ "lone high", "\"\\ud83d\"", 1, 2, "high surrogate not followed" },
	{ "high then text", "\"\\ud83dxxxxxx\"", 1, 2, "high surrogate" },
	{ "high then high", "\"\\ud83d\\ud83d\"", 1, 2, "high surrogate" },
	{ "lone low", "\"\\ude00\"", 1, 2, "low surrogate without" },
	{ "nul escape", "\"\\u0000\"", 1, 2, "NUL" },
	{ "bad utf8", "\"a\xff\"", 1, 3, "byte 0xff in a string is not valid "
	    "UTF-8" },
	{ "overlong utf8", "\"\xc0\xaf\"", 1, 2, "not valid UTF-8" },
	{ "encoded surrogate", "\"\xed\xa0\x80\"", 1, 2, "not valid UTF-8" },
	{ "leading zero", "012", 1, 1, "may not start with 0" },
	{ "plus", "+1", 1, 1, "expected a value" },
	{ "bare dot", "1.", 1, 3, "after the decimal point" },
	{ "dot first", ".5", 1, 1, "expected a value" },
	{ "exp no digits", "1e", 1, 3, "in the exponent" },
	{ "minus alone", "-", 1, 2, "expected a digit" },
	{ "nan", "NaN", 1, 1, "expected a value" },
	{ "truex", "truex", 1, 1, "expected a value" },
	{ "tru", "tru", 1, 1, "expected a value" },
	{ "comment", "// x\n{}", 1, 1, "expected a value" },
	{ "duplicate key", "{\"a\":1,\"b\":2,\"a\":3}", 1, 1, "key \"a\" "
	    "appears twice" },
	{ "error on line 3", "{\n\"a\":\n  tru}", 3, 3, "expected a value" },
	{ "cjk column", "{\"名\":\"值\" x}", 1, 10, "expected ',' or '}'" },
	{ "bom", "\xef\xbb\xbf{}", 1, 1, "'\xef\xbb\xbf'" },
	{ "control char outside", "\x01", 1, 1, "control character U+0001" },
};

START_TEST(test_json_errors)
{
	struct json *v = (struct json *)1;
	struct json_err e;

	ck_assert_msg(json_parse(bad_cases[_i].in, strlen(bad_cases[_i].in),
	    NULL, 1, &v, &e) == -1, "%s: parsed", bad_cases[_i].title);
	ck_assert_ptr_null(v);
	ck_assert_msg(strstr(e.msg, bad_cases[_i].msg) != NULL,
	    "%s: message [%s] lacks [%s]", bad_cases[_i].title, e.msg,
	    bad_cases[_i].msg);
	ck_assert_msg(e.line == bad_cases[_i].line && e.col ==
	    bad_cases[_i].col, "%s: at %u:%u, wanted %u:%u (%s)",
	    bad_cases[_i].title, e.line, e.col, bad_cases[_i].line,
	    bad_cases[_i].col, e.msg);
}
END_TEST

START_TEST(test_json_line0)
{
	struct json *v;
	struct json_err e;

	ck_assert_int_eq(json_parse("{\"a\":x}", 7, NULL, 41, &v, &e), -1);
	ck_assert_uint_eq(e.line, 41);
	ck_assert_uint_eq(e.col, 6);
}
END_TEST

START_TEST(test_json_limits)
{
	struct json_limits lim = { .depth = 3, .size = 64, .string = 5,
	    .members = 3 };
	struct json *v;
	struct json_err e;
	struct buf deep = BUF_INIT;
	int i;

	ck_assert_int_eq(json_parse("[[[1]]]", 7, &lim, 1, &v, &e), 0);
	json_free(v);
	ck_assert_int_eq(json_parse("[[[[1]]]]", 9, &lim, 1, &v, &e), -1);
	ck_assert(strstr(e.msg, "deeper than 3") != NULL);
	ck_assert_uint_eq(e.col, 4);
	ck_assert_int_eq(json_parse("\"12345\"", 7, &lim, 1, &v, &e), 0);
	json_free(v);
	ck_assert_int_eq(json_parse("\"123456\"", 8, &lim, 1, &v, &e), -1);
	ck_assert(strstr(e.msg, "longer than 5 bytes") != NULL);
	ck_assert_int_eq(json_parse("\"\\u4e2d\\u4e2d\"", 14, &lim, 1, &v,
	    &e), -1);
	ck_assert_int_eq(json_parse("[1,2,3]", 7, &lim, 1, &v, &e), 0);
	json_free(v);
	ck_assert_int_eq(json_parse("[1,2,3,4]", 9, &lim, 1, &v, &e), -1);
	ck_assert(strstr(e.msg, "more than 3 items") != NULL);
	ck_assert_int_eq(json_parse("{\"a\":1,\"b\":1,\"c\":1,\"d\":1}", 25,
	    &lim, 1, &v, &e), -1);
	ck_assert(strstr(e.msg, "more than 3 members") != NULL);
	{
		char big[65];

		memset(big, ' ', sizeof big);
		big[0] = '1';
		ck_assert_int_eq(json_parse(big, sizeof big, &lim, 1, &v, &e),
		    -1);
		ck_assert(strstr(e.msg, "more than the 64 allowed") != NULL);
	}
	/* The default depth stops a deep input without using the stack up. */
	for (i = 0; i < 100000; i++)
		buf_addc(&deep, '[');
	ck_assert_int_eq(json_parse(deep.p, deep.len, NULL, 1, &v, &e), -1);
	ck_assert(strstr(e.msg, "deeper than 64") != NULL);
	buf_free(&deep);
}
END_TEST

/* Many keys: duplicates found by sorting. */
START_TEST(test_json_many_keys)
{
	struct buf b = BUF_INIT;
	struct json *v;
	struct json_err e;
	int i;

	buf_addc(&b, '{');
	for (i = 0; i < 500; i++)
		buf_addf(&b, "%s\"k%d\":%d", i > 0 ? "," : "", i, i);
	buf_addc(&b, '}');
	ck_assert_int_eq(json_parse(b.p, b.len, NULL, 1, &v, &e), 0);
	ck_assert_uint_eq(v->n, 500);
	ck_assert_str_eq(json_get(v, "k499")->s, "499");
	json_free(v);
	b.len--;
	buf_adds(&b, ",\"k250\":0}");
	ck_assert_int_eq(json_parse(b.p, b.len, NULL, 1, &v, &e), -1);
	ck_assert(strstr(e.msg, "\"k250\" appears twice") != NULL);
	buf_free(&b);
}
END_TEST

/* ---- the writer ---- */

static const struct {
	const char	*in;
	const char	*want;
} put_cases[] = {
	{ "abc", "\"abc\"" },
	{ "", "\"\"" },
	{ "a\"b\\c", "\"a\\\"b\\\\c\"" },
	{ "l1\nl2\r\t", "\"l1\\nl2\\r\\t\"" },
	{ "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"" },
	{ "和平路", "\"和平路\"" },
	{ "/", "\"/\"" },
};

START_TEST(test_json_put)
{
	struct buf b = BUF_INIT;
	struct json *v;
	struct json_err e;

	json_put_str(&b, put_cases[_i].in);
	ck_assert_str_eq(buf_str(&b), put_cases[_i].want);
	ck_assert_int_eq(json_parse(b.p, b.len, NULL, 1, &v, &e), 0);
	ck_assert_str_eq(v->s, put_cases[_i].in);
	json_free(v);
	buf_reset(&b);
	json_put_str(&b, NULL);
	ck_assert_str_eq(buf_str(&b), "null");
	buf_free(&b);
}
END_TEST

/* Every 1- and 2-byte input parses or fails cleanly (no crash, error
 * position inside the input). */
START_TEST(test_json_short_inputs)
{
	char in[2];
	struct json *v;
	struct json_err e;
	int a, c;

	for (a = 0; a < 256; a++)
		for (c = 0; c < 256; c++) {
			in[0] = (char)a;
			in[1] = (char)c;
			if (json_parse(in, 2, NULL, 1, &v, &e) == 0)
				json_free(v);
			else
				ck_assert(e.line >= 1 && e.col >= 1 &&
				    e.col <= 3 && e.msg[0] != '\0');
		}
}
END_TEST

static Suite *
json_suite(void)
{
	Suite *s = suite_create("util-json");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_json_strings, 0, nitems(str_cases));
	tcase_add_loop_test(tc, test_json_scalars, 0, nitems(scalar_cases));
	tcase_add_test(tc, test_json_structure);
	tcase_add_test(tc, test_json_many_keys);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_json_errors, 0, nitems(bad_cases));
	tcase_add_test(tc, test_json_line0);
	tcase_add_test(tc, test_json_limits);
	tcase_add_test(tc, test_json_short_inputs);
	suite_add_tcase(s, tc);

	tc = tcase_create("write");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_json_put, 0, nitems(put_cases));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(json_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
