/*
 * check_util.c — unit tests of the bottom layer: UTF-8 decoding, validity and
 * terminal widths (CJK two columns, combining marks none), the index key
 * normalisation, trimming and suggestions, varints (overlong and truncated
 * input), buffers and positioned diagnostics.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- utf8_decode ---- */

static const struct {
	const char	*title;
	const char	*in;
	size_t		 len;
	size_t		 want;		/* bytes consumed; 0 = invalid */
	uint32_t	 cp;
} decode_cases[] = {
	{ "ascii", "A", 1, 1, 0x41 },
	{ "nul", "", 1, 1, 0 },
	{ "2-byte", "\xc3\xa9", 2, 2, 0xe9 },
	{ "cjk 中", "\xe4\xb8\xad", 3, 3, 0x4e2d },
	{ "4-byte ext B", "\xf0\xa0\x80\x80", 4, 4, 0x20000 },
	{ "max U+10FFFF", "\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff },
	{ "above U+10FFFF", "\xf4\x90\x80\x80", 4, 0, 0 },
	{ "f5 lead", "\xf5\x80\x80\x80", 4, 0, 0 },
	{ "overlong slash c0", "\xc0\xaf", 2, 0, 0 },
	{ "overlong c1", "\xc1\xbf", 2, 0, 0 },
	{ "overlong 3-byte", "\xe0\x80\xaf", 3, 0, 0 },
	{ "overlong 4-byte", "\xf0\x80\x80\xaf", 4, 0, 0 },
	{ "surrogate d800", "\xed\xa0\x80", 3, 0, 0 },
	{ "surrogate dfff", "\xed\xbf\xbf", 3, 0, 0 },
	{ "last before surrogates", "\xed\x9f\xbf", 3, 3, 0xd7ff },
	{ "lone continuation", "\x80", 1, 0, 0 },
	{ "truncated 3-byte", "\xe4\xb8", 2, 0, 0 },
	{ "bad continuation", "\xe4\x41\xad", 3, 0, 0 },
	{ "empty", "", 0, 0, 0 },
};

START_TEST(test_utf8_decode)
{
	uint32_t cp = 0xdeadbeef;
	size_t n;

	n = utf8_decode(decode_cases[_i].in, decode_cases[_i].len, &cp);
	ck_assert_msg(n == decode_cases[_i].want, "%s: got %zu want %zu",
	    decode_cases[_i].title, n, decode_cases[_i].want);
	if (n > 0)
		ck_assert_msg(cp == decode_cases[_i].cp, "%s: cp %x",
		    decode_cases[_i].title, cp);
}
END_TEST

START_TEST(test_utf8_encode_roundtrip)
{
	static const uint32_t cps[] = { 0, 0x41, 0x7f, 0x80, 0x7ff, 0x800,
	    0x4e2d, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x20000,
	    0x10ffff };
	char out[4];
	uint32_t cp;
	size_t i, n;

	for (i = 0; i < nitems(cps); i++) {
		n = utf8_encode(cps[i], out);
		ck_assert_uint_eq(utf8_decode(out, n, &cp), n);
		ck_assert_uint_eq(cp, cps[i]);
	}
	/* A surrogate cannot be encoded: U+FFFD instead. */
	n = utf8_encode(0xd800, out);
	ck_assert_uint_eq(n, 3);
	ck_assert(memcmp(out, "\xef\xbf\xbd", 3) == 0);
}
END_TEST

START_TEST(test_utf8_valid)
{
	size_t bad = 99;

	ck_assert(utf8_valid("", 0, NULL));
	ck_assert(utf8_valid("张三 Zhang", strlen("张三 Zhang"), &bad));
	ck_assert(!utf8_valid("ab\xc0\xafz", 5, &bad));
	ck_assert_uint_eq(bad, 2);
	ck_assert(!utf8_valid("中\xed\xa0\x80", 6, &bad));
	ck_assert_uint_eq(bad, 3);
	ck_assert(!utf8_valid("中文\xe6", 7, &bad));
	ck_assert_uint_eq(bad, 6);
	ck_assert(!utf8_valid("\xff", 1, &bad));
	ck_assert_uint_eq(bad, 0);
}
END_TEST

START_TEST(test_utf8_chars)
{
	ck_assert_uint_eq(utf8_chars(""), 0);
	ck_assert_uint_eq(utf8_chars("abc"), 3);
	ck_assert_uint_eq(utf8_chars("和政县城关镇"), 6);
	ck_assert_uint_eq(utf8_chars("a中\xf0\xa0\x80\x80z"), 4);
}
END_TEST

static const struct {
	uint32_t	cp;
	int		w;
} cpwidth_cases[] = {
	{ 'a', 1 }, { ' ', 1 }, { 0x07, 0 }, { 0x7f, 0 }, { 0xe9, 1 },
	{ 0x0301, 0 },		/* combining acute */
	{ 0x200b, 0 },		/* zero width space */
	{ 0xfeff, 0 },		/* BOM */
	{ 0x4e2d, 2 },		/* 中 */
	{ 0x9fa5, 2 },
	{ 0x3000, 2 },		/* ideographic space */
	{ 0x3001, 2 },		/* 、 */
	{ 0x303f, 1 },
	{ 0x3042, 2 },		/* あ */
	{ 0x30a2, 2 },		/* ア */
	{ 0xac00, 2 },		/* 가 */
	{ 0xd7a3, 2 },
	{ 0xff01, 2 },		/* ！ */
	{ 0xff21, 2 },		/* Ａ */
	{ 0xff60, 2 },
	{ 0xff61, 1 },		/* halfwidth ideographic full stop */
	{ 0xffe5, 2 },		/* ￥ */
	{ 0x20000, 2 },		/* ext B */
	{ 0x2a6d6, 2 },
	{ 0x3099, 0 },		/* combining kana voiced mark */
	{ 0x0f71, 0 },		/* Tibetan vowel sign */
	{ 0x180b, 0 },		/* Mongolian variation selector */
	{ 0x0410, 1 },		/* Cyrillic A */
	{ 0x1f600, 2 },		/* emoji */
	{ 0x4dc0, 2 },		/* Yijing hexagram */
	{ 0x1160, 0 },		/* Hangul jungseong filler */
	{ 0x0e31, 0 },		/* Thai vowel mark */
	{ 0x0652, 0 },		/* Arabic sukun (Uyghur script) */
	{ 0x00ad, 1 },		/* soft hyphen */
	{ 0xe0001, 0 },		/* language tag */
};

START_TEST(test_utf8_cpwidth)
{
	ck_assert_msg(utf8_cpwidth(cpwidth_cases[_i].cp) == cpwidth_cases[_i].w,
	    "U+%04X: width %d, want %d", cpwidth_cases[_i].cp,
	    utf8_cpwidth(cpwidth_cases[_i].cp), cpwidth_cases[_i].w);
}
END_TEST

START_TEST(test_utf8_width_fit)
{
	ck_assert_uint_eq(utf8_width(""), 0);
	ck_assert_uint_eq(utf8_width("abc"), 3);
	ck_assert_uint_eq(utf8_width("张三"), 4);
	ck_assert_uint_eq(utf8_width("a张b"), 4);
	ck_assert_uint_eq(utf8_width("e\xcc\x81"), 1);	/* e + combining */
	ck_assert_uint_eq(utf8_width("ab\xff\xfe"), 4);	/* bad bytes: 1 each */
	ck_assert_uint_eq(utf8_width("ＡＢ１"), 6);

	/* Fitting never splits a character. */
	ck_assert_uint_eq(utf8_fit("张三丰", 0), 0);
	ck_assert_uint_eq(utf8_fit("张三丰", 1), 0);
	ck_assert_uint_eq(utf8_fit("张三丰", 2), 3);
	ck_assert_uint_eq(utf8_fit("张三丰", 3), 3);
	ck_assert_uint_eq(utf8_fit("张三丰", 5), 6);
	ck_assert_uint_eq(utf8_fit("张三丰", 6), 9);
	ck_assert_uint_eq(utf8_fit("张三丰", 80), 9);
	ck_assert_uint_eq(utf8_fit("ab张", 3), 2);
	ck_assert_uint_eq(utf8_fit("ab张", 4), 5);
	/* A combining mark stays with its letter. */
	ck_assert_uint_eq(utf8_fit("e\xcc\x81x", 1), 3);
	ck_assert_uint_eq(utf8_fit("a\xffz", 2), 2);
}
END_TEST

/* ---- norm_key and friends ---- */

static const struct {
	const char	*in;
	const char	*want;
} norm_cases[] = {
	{ "", "" },
	{ "abc", "abc" },
	{ "  ABC  ", "abc" },
	{ "Zhang  San", "zhang san" },
	{ "\tLi\n Si ", "li si" },
	{ "３４０５２４", "340524" },
	{ "ＡＢＣ－１２", "abc-12" },
	{ "张\xe3\x80\x80三", "张 三" },			/* ideographic space */
	{ "\xe3\x80\x80\xe3\x80\x80和平社区\xe3\x80\x80", "和平社区" },
	{ "11010519491231002X", "11010519491231002x" },
	{ "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002x" },
	{ "Ünïcode", "Ünïcode" },			/* only ASCII folds */
	{ "（一）班", "(一)班" },
	{ "a\xc2\xa0" "b", "a b" },			/* no-break space */
};

START_TEST(test_norm_key)
{
	char *k = norm_key(norm_cases[_i].in);

	ck_assert_str_eq(k, norm_cases[_i].want);
	free(k);
}
END_TEST

START_TEST(test_str_trim)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "", "" }, { "   ", "" }, { " a b ", "a b" },
		{ "\xe3\x80\x80张三\xe3\x80\x80", "张三" },
		{ "\n\tx\r\n", "x" }, { "中", "中" },
	};
	size_t i;
	char *t;

	for (i = 0; i < nitems(cases); i++) {
		t = str_trim(cases[i].in);
		ck_assert_str_eq(t, cases[i].want);
		free(t);
	}
}
END_TEST

START_TEST(test_str_startswith_distance)
{
	ck_assert(str_startswith("Household", "house"));
	ck_assert(str_startswith("abc", ""));
	ck_assert(!str_startswith("ab", "abc"));
	ck_assert(!str_startswith("xbc", "a"));
	ck_assert_uint_eq(str_distance("", ""), 0);
	ck_assert_uint_eq(str_distance("text", "txt"), 1);
	ck_assert_uint_eq(str_distance("kitten", "sitting"), 3);
	ck_assert_uint_eq(str_distance("", "abc"), 3);
	ck_assert_uint_eq(str_distance("fields", "feilds"), 1);	/* a swap */
	ck_assert_uint_eq(str_distance("name", "nmae"), 1);
	ck_assert_uint_eq(str_distance("ab", "ba"), 1);
	ck_assert_uint_eq(str_distance("abc", "ca"), 3);
}
END_TEST

START_TEST(test_str_suggest)
{
	static const char *const c[] = { "text", "textarea", "integer",
	    "decimal", "date", "fields", "required" };

	ck_assert_str_eq(str_suggest("txt", c, nitems(c)), "text");
	ck_assert_str_eq(str_suggest("feilds", c, nitems(c)), "fields");
	ck_assert_str_eq(str_suggest("integr", c, nitems(c)), "integer");
	ck_assert_str_eq(str_suggest("requ", c, nitems(c)), "required");
	ck_assert_ptr_null(str_suggest("zzzzzz", c, nitems(c)));
	ck_assert_ptr_null(str_suggest("q", c, nitems(c)));
	ck_assert_ptr_null(str_suggest("", c, nitems(c)));
	{
		/* Short words: one edit at most ("bad" is two from "max"). */
		static const char *const k[] = { "min", "max", "en", "zh",
		    "open", "length" };

		ck_assert_ptr_null(str_suggest("bad", k, nitems(k)));
		ck_assert_ptr_null(str_suggest("abc", k, nitems(k)));
		ck_assert_ptr_null(str_suggest("xy", k, nitems(k)));
		ck_assert_str_eq(str_suggest("mx", k, nitems(k)), "max");
		ck_assert_str_eq(str_suggest("eng", k, nitems(k)), "en");
		ck_assert_str_eq(str_suggest("opn", k, nitems(k)), "open");
		ck_assert_str_eq(str_suggest("lenght", k, nitems(k)), "length");
		ck_assert_str_eq(str_suggest("maxi", k, nitems(k)), "max");
	}
}
END_TEST

/* ---- varints ---- */

START_TEST(test_varint_roundtrip)
{
	static const uint64_t v[] = { 0, 1, 127, 128, 300, 16383, 16384,
	    UINT32_MAX, (uint64_t)1 << 56, UINT64_MAX - 1, UINT64_MAX };
	struct buf b = BUF_INIT;
	uint64_t out;
	size_t i, n;

	for (i = 0; i < nitems(v); i++) {
		buf_reset(&b);
		put_uvarint(&b, v[i]);
		n = get_uvarint((const unsigned char *)b.p, b.len, &out);
		ck_assert_uint_eq(n, b.len);
		ck_assert(out == v[i]);
		/* Every shorter prefix is truncated. */
		while (b.len > 1) {
			b.len--;
			ck_assert_uint_eq(get_uvarint((const unsigned char *)b.p,
			    b.len, &out), 0);
		}
	}
	buf_free(&b);
}
END_TEST

static const struct {
	const char		*title;
	const unsigned char	 in[12];
	size_t			 len;
	size_t			 want;
	uint64_t		 v;
} varint_cases[] = {
	{ "zero", { 0x00 }, 1, 1, 0 },
	{ "one byte", { 0x7f }, 1, 1, 127 },
	{ "two bytes", { 0xac, 0x02 }, 2, 2, 300 },
	{ "trailing ignored", { 0x01, 0xff }, 2, 1, 1 },
	{ "empty", { 0 }, 0, 0, 0 },
	{ "truncated", { 0x80 }, 1, 0, 0 },
	{ "truncated long", { 0xff, 0xff, 0xff }, 3, 0, 0 },
	{ "overlong zero", { 0x80, 0x00 }, 2, 0, 0 },
	{ "overlong one", { 0x81, 0x80, 0x00 }, 3, 0, 0 },
	{ "max", { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0x01 }, 10, 10, UINT64_MAX },
	{ "overflow 10th byte", { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0x02 }, 10, 0, 0 },
	{ "11 bytes", { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	    0x80, 0x01 }, 11, 0, 0 },
};

START_TEST(test_varint_cases)
{
	uint64_t out = 0;
	size_t n;

	n = get_uvarint(varint_cases[_i].in, varint_cases[_i].len, &out);
	ck_assert_msg(n == varint_cases[_i].want, "%s: %zu", varint_cases[_i].title,
	    n);
	if (n > 0)
		ck_assert(out == varint_cases[_i].v);
}
END_TEST

START_TEST(test_be64)
{
	unsigned char b[8];

	put_be64(b, 0x0102030405060708ULL);
	ck_assert(b[0] == 1 && b[7] == 8);
	ck_assert(get_be64(b) == 0x0102030405060708ULL);
	put_be64(b, 1);
	ck_assert(get_be64(b) == 1);
}
END_TEST

/* ---- buffers, diags ---- */

START_TEST(test_buf)
{
	struct buf b = BUF_INIT;
	char *s;
	int i;

	ck_assert_str_eq(buf_str(&b), "");
	buf_adds(&b, "网格");
	buf_addc(&b, '-');
	buf_addf(&b, "%03d", 7);
	ck_assert_str_eq(buf_str(&b), "网格-007");
	for (i = 0; i < 1000; i++)
		buf_addc(&b, 'x');
	ck_assert_uint_eq(b.len, strlen("网格-007") + 1000);
	s = buf_steal(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(buf_str(&b), "");
	free(s);
	buf_free(&b);
}
END_TEST

START_TEST(test_diags)
{
	struct diags d = DIAGS_INIT;
	char *text = NULL;
	size_t len = 0;
	const char *want = "forms/a.yaml:3:7: unknown key 'feilds'\n"
	    "forms/b.yaml: cannot open\n:1:1: n0\n:2:1: n1\n";
	FILE *fp;
	int i;

	diags_add(&d, "forms/a.yaml", 3, 7, "unknown key '%s'", "feilds");
	diags_add(&d, "forms/b.yaml", 0, 0, "cannot open");
	for (i = 0; i < 20; i++)
		diags_add(&d, NULL, (unsigned)i + 1, 1, "n%d", i);
	ck_assert_uint_eq(d.n, 22);
	fp = open_memstream(&text, &len);
	diags_print(&d, fp);
	fclose(fp);
	ck_assert_msg(strncmp(text, want, strlen(want)) == 0, "%s", text);
	free(text);
	diags_free(&d);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(test_gb_strerror)
{
	ck_assert_str_eq(gb_strerror(GB_OK), "success");
	ck_assert_str_eq(gb_strerror(GB_ENOTFOUND), "not found");
	ck_assert_str_eq(gb_strerror(12345), "unknown error");
}
END_TEST

static Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc;

	tc = tcase_create("utf8");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_utf8_decode, 0, nitems(decode_cases));
	tcase_add_test(tc, test_utf8_encode_roundtrip);
	tcase_add_test(tc, test_utf8_valid);
	tcase_add_test(tc, test_utf8_chars);
	tcase_add_loop_test(tc, test_utf8_cpwidth, 0, nitems(cpwidth_cases));
	tcase_add_test(tc, test_utf8_width_fit);
	suite_add_tcase(s, tc);

	tc = tcase_create("norm");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_norm_key, 0, nitems(norm_cases));
	tcase_add_test(tc, test_str_trim);
	tcase_add_test(tc, test_str_startswith_distance);
	tcase_add_test(tc, test_str_suggest);
	suite_add_tcase(s, tc);

	tc = tcase_create("codec");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_varint_roundtrip);
	tcase_add_loop_test(tc, test_varint_cases, 0, nitems(varint_cases));
	tcase_add_test(tc, test_be64);
	suite_add_tcase(s, tc);

	tc = tcase_create("misc");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_buf);
	tcase_add_test(tc, test_diags);
	tcase_add_test(tc, test_gb_strerror);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(util_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
