/*
 * check_util_csv.c — util-csv.c: which encoding a file's bytes are read as
 * (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030 as old Excel ledgers
 * save, and garbage refused at its line and column), the RFC 4180 reader
 * (quoted cells with commas, doubled quotes and line breaks, CRLF, lone CR,
 * cell positions, every kind of malformed input), and the cell writer
 * whose output reads back to the same cells.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- encodings ---- */

#define B(s) s, sizeof(s) - 1

static const struct {
	const char	*title;
	const char	*in;
	size_t		 len;
	const char	*enc;		/* NULL: an error */
	const char	*want;		/* the text, or part of the message */
	unsigned	 line;		/* errors: where */
	unsigned	 col;
} dec_cases[] = {
	{ "ascii", B("address,grid\n"), "UTF-8", "address,grid\n", 0, 0 },
	{ "empty", B(""), "UTF-8", "", 0, 0 },
	{ "utf-8 cjk", B("住址\n和平路12号"), "UTF-8", "住址\n和平路12号",
	    0, 0 },
	{ "utf-8 bom", B("\xef\xbb\xbf" "a,b"), "UTF-8 with BOM", "a,b", 0,
	    0 },
	{ "gb18030 ledger", B("\xd7\xa1\xd6\xb7,\xd0\xd5\xc3\xfb\r\n"
	    "\xba\xcd\xc6\xbd\xc2\xb7" "12\xba\xc5,\xc2\xed\xcf\xfe\xd1\xe0\r\n"),
	    "GB18030", "住址,姓名\r\n和平路12号,马晓燕\r\n", 0, 0 },
	{ "gb18030 4-byte", B("x\x95\x32\x82\x36y"), "GB18030",
	    "x\xf0\xa0\x80\x80y", 0, 0 },
	{ "gb18030 euro", B("\xa2\xe3"), "GB18030", "€", 0, 0 },
	{ "utf-16le bom", B("\xff\xfe\x8c\x54\x61\x00"), "UTF-16LE", "和a", 0,
	    0 },
	{ "utf-16be bom", B("\xfe\xff\x54\x8c\x00\x61"), "UTF-16BE", "和a", 0,
	    0 },
	{ "gb: bad byte 0xff", B("a,b\nc\xba\xcd\xff"), NULL,
	    "byte 0xff is neither UTF-8 nor GB18030", 2, 3 },
	{ "gb: lone 0x80", B("ab\x80"), NULL, "byte 0x80 is neither", 1, 3 },
	{ "gb: cut at the end", B("\xba\xcd\xba"), NULL,
	    "a character cut off at the end", 1, 2 },
	{ "utf-8 with one bad byte", B("住址,姓名\n和平路12号,马\xff\n"),
	    NULL, "byte 0xff is not valid UTF-8 (the file is UTF-8 elsewhere;"
	    " 1 bad byte in all)", 2, 9 },
	{ "nul byte", B("a,b\nc\0d"), NULL, "a NUL byte", 2, 2 },
	{ "nul in gb18030", B("\xba\xcd\0"), NULL, "a NUL byte", 1, 2 },
	{ "utf-16 odd length", B("\xff\xfe\x61"), NULL, "not valid UTF-16LE",
	    0, 0 },
	{ "cr line breaks count", B("a\rb\r\xff"), NULL, "byte 0xff", 3, 1 },
};

START_TEST(test_csv_decode)
{
	char *out = (char *)1;
	size_t outlen = 99;
	const char *enc = NULL;
	struct csv_err e;
	int rc;

	rc = csv_decode(dec_cases[_i].in, dec_cases[_i].len, &out, &outlen,
	    &enc, &e);
	if (dec_cases[_i].enc != NULL) {
		ck_assert_msg(rc == 0, "%s: %u:%u: %s", dec_cases[_i].title,
		    e.line, e.col, e.msg);
		ck_assert_str_eq(enc, dec_cases[_i].enc);
		ck_assert_str_eq(out, dec_cases[_i].want);
		ck_assert_uint_eq(outlen, strlen(dec_cases[_i].want));
		free(out);
		return;
	}
	ck_assert_msg(rc == -1, "%s: decoded as %s", dec_cases[_i].title, enc);
	ck_assert_ptr_null(out);
	ck_assert_msg(strstr(e.msg, dec_cases[_i].want) != NULL,
	    "%s: [%s] lacks [%s]", dec_cases[_i].title, e.msg,
	    dec_cases[_i].want);
	ck_assert_msg(e.line == dec_cases[_i].line && e.col ==
	    dec_cases[_i].col, "%s: at %u:%u wanted %u:%u",
	    dec_cases[_i].title, e.line, e.col, dec_cases[_i].line,
	    dec_cases[_i].col);
}
END_TEST

/* ---- reading ---- */

/* Rows as "cell|cell\n" lines, each cell "text@line:col". */
static char *
csv_dump(const char *in, int *rc, struct csv_err *e)
{
	struct csv c;
	struct csv_row r = CSV_ROW_INIT;
	struct buf b = BUF_INIT;
	size_t i;

	csv_init(&c, in, strlen(in));
	while ((*rc = csv_read(&c, &r, e)) == 1) {
		buf_addf(&b, "L%u:", r.line);
		for (i = 0; i < r.n; i++)
			buf_addf(&b, "%s[%s]@%u:%u", i > 0 ? "|" : "",
			    r.v[i].s, r.v[i].line, r.v[i].col);
		buf_addc(&b, '\n');
	}
	csv_row_free(&r);
	return buf_steal(&b);
}

static const struct {
	const char	*title;
	const char	*in;
	const char	*want;
} read_cases[] = {
	{ "empty", "", "" },
	{ "one cell", "a", "L1:[a]@1:1\n" },
	{ "lf rows", "a,b\nc,d\n", "L1:[a]@1:1|[b]@1:3\nL2:[c]@2:1|[d]@2:3\n" },
	{ "crlf rows", "a,b\r\nc,d\r\n",
	    "L1:[a]@1:1|[b]@1:3\nL2:[c]@2:1|[d]@2:3\n" },
	{ "cr rows", "a\rb", "L1:[a]@1:1\nL2:[b]@2:1\n" },
	{ "no final newline", "a,b", "L1:[a]@1:1|[b]@1:3\n" },
	{ "empty cells", ",,", "L1:[]@1:1|[]@1:2|[]@1:3\n" },
	{ "blank line", "a\n\nb\n", "L1:[a]@1:1\nL2:[]@2:1\nL3:[b]@3:1\n" },
	{ "quoted comma", "\"a,b\",c", "L1:[a,b]@1:1|[c]@1:7\n" },
	{ "doubled quote", "\"say \"\"hi\"\"\",x",
	    "L1:[say \"hi\"]@1:1|[x]@1:14\n" },
	{ "quoted empty", "\"\",\"\"", "L1:[]@1:1|[]@1:4\n" },
	{ "embedded lf", "\"l1\nl2\",b\nc",
	    "L1:[l1\nl2]@1:1|[b]@2:5\nL3:[c]@3:1\n" },
	{ "embedded crlf", "\"l1\r\nl2\"\r\nc",
	    "L1:[l1\r\nl2]@1:1\nL3:[c]@3:1\n" },
	{ "quote in unquoted", "12\" pipe,b", "L1:[12\" pipe]@1:1|[b]@1:10\n" },
	{ "spaces kept", " a , b ", "L1:[ a ]@1:1|[ b ]@1:5\n" },
	{ "cjk columns", "姓名,和平路,x", "L1:[姓名]@1:1|[和平路]@1:4|[x]@1:8\n" },
	{ "quoted then crlf", "\"a\"\r\n\"b\"",
	    "L1:[a]@1:1\nL2:[b]@2:1\n" },
	{ "trailing comma", "a,\n", "L1:[a]@1:1|[]@1:3\n" },
};

START_TEST(test_csv_read)
{
	struct csv_err e;
	char *got;
	int rc;

	got = csv_dump(read_cases[_i].in, &rc, &e);
	ck_assert_msg(rc == 0, "%s: %u:%u: %s", read_cases[_i].title, e.line,
	    e.col, e.msg);
	ck_assert_msg(strcmp(got, read_cases[_i].want) == 0,
	    "%s:\n got [%s]\nwant [%s]", read_cases[_i].title, got,
	    read_cases[_i].want);
	free(got);
}
END_TEST

static const struct {
	const char	*title;
	const char	*in;
	const char	*rows;		/* rows read before the error */
	unsigned	 line;
	unsigned	 col;
	const char	*msg;
} readbad_cases[] = {
	{ "quote not closed", "a\n\"bc,d\ne", "L1:[a]@1:1\n", 2, 1,
	    "quoted cell not closed" },
	{ "text after quote", "\"ab\"c,d", "", 1, 5, "text after the closing "
	    "quote" },
	{ "text after quote row 3", "a\nb\nx,\"q\" ,y", "L1:[a]@1:1\n"
	    "L2:[b]@2:1\n", 3, 6, "text after the closing quote" },
};

START_TEST(test_csv_read_bad)
{
	struct csv_err e;
	char *got;
	int rc;

	got = csv_dump(readbad_cases[_i].in, &rc, &e);
	ck_assert_msg(rc == -1, "%s: read", readbad_cases[_i].title);
	ck_assert_str_eq(got, readbad_cases[_i].rows);
	ck_assert_msg(strstr(e.msg, readbad_cases[_i].msg) != NULL,
	    "%s: [%s]", readbad_cases[_i].title, e.msg);
	ck_assert_msg(e.line == readbad_cases[_i].line &&
	    e.col == readbad_cases[_i].col, "%s: at %u:%u",
	    readbad_cases[_i].title, e.line, e.col);
	free(got);
}
END_TEST

START_TEST(test_csv_limits)
{
	struct buf b = BUF_INIT;
	struct csv c;
	struct csv_row r = CSV_ROW_INIT;
	struct csv_err e;
	size_t i;

	for (i = 0; i < CSV_CELLS_MAX; i++)
		buf_addc(&b, ',');
	csv_init(&c, b.p, b.len);
	ck_assert_int_eq(csv_read(&c, &r, &e), -1);
	ck_assert(strstr(e.msg, "more than 10000 cells") != NULL);
	ck_assert_int_eq(csv_read(&c, &r, &e), 0);	/* stopped */
	buf_reset(&b);
	for (i = 0; i <= CSV_CELL_MAX; i++)
		buf_addc(&b, 'x');
	csv_init(&c, b.p, b.len);
	ck_assert_int_eq(csv_read(&c, &r, &e), -1);
	ck_assert(strstr(e.msg, "cell longer than") != NULL);
	buf_reset(&b);
	buf_addc(&b, '"');
	for (i = 0; i <= CSV_CELL_MAX; i++)
		buf_addc(&b, 'x');
	buf_addc(&b, '"');
	csv_init(&c, b.p, b.len);
	ck_assert_int_eq(csv_read(&c, &r, &e), -1);
	ck_assert(strstr(e.msg, "cell longer than") != NULL);
	csv_row_free(&r);
	buf_free(&b);
}
END_TEST

/* ---- writing ---- */

static const struct {
	const char	*in;
	const char	*want;
} put_cases[] = {
	{ "plain", "plain" },
	{ "", "" },
	{ "a,b", "\"a,b\"" },
	{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
	{ "l1\nl2", "\"l1\nl2\"" },
	{ "cr\r", "\"cr\r\"" },
	{ " lead", "\" lead\"" },
	{ "trail ", "\"trail \"" },
	{ "和平路12号", "和平路12号" },
};

START_TEST(test_csv_put_roundtrip)
{
	struct buf b = BUF_INIT;
	struct csv c;
	struct csv_row r = CSV_ROW_INIT;
	struct csv_err e;
	size_t i;

	csv_put_cell(&b, put_cases[_i].in);
	ck_assert_str_eq(buf_str(&b), put_cases[_i].want);
	/* A row of the cell three times reads back as written. */
	buf_reset(&b);
	for (i = 0; i < 3; i++) {
		if (i > 0)
			buf_addc(&b, ',');
		csv_put_cell(&b, put_cases[_i].in);
	}
	buf_adds(&b, "\r\n");
	csv_init(&c, b.p, b.len);
	ck_assert_int_eq(csv_read(&c, &r, &e), 1);
	ck_assert_uint_eq(r.n, 3);
	for (i = 0; i < 3; i++)
		ck_assert_str_eq(r.v[i].s, put_cases[_i].in);
	ck_assert_int_eq(csv_read(&c, &r, &e), 0);
	csv_row_free(&r);
	buf_free(&b);
}
END_TEST

/* Every 1- to 3-byte input of the bytes that matter reads or fails
 * cleanly, and decoding any 2 bytes never crashes. */
START_TEST(test_csv_short_inputs)
{
	static const char alpha[] = { 'a', ',', '"', '\r', '\n', ' ' };
	char in[3], *out;
	struct csv c;
	struct csv_row r = CSV_ROW_INIT;
	struct csv_err e;
	const char *enc;
	size_t a, b2, d, len, outlen;
	int rc, rows;

	for (a = 0; a < nitems(alpha); a++)
		for (b2 = 0; b2 < nitems(alpha); b2++)
			for (d = 0; d < nitems(alpha); d++) {
				in[0] = alpha[a];
				in[1] = alpha[b2];
				in[2] = alpha[d];
				csv_init(&c, in, 3);
				rows = 0;
				while ((rc = csv_read(&c, &r, &e)) == 1)
					ck_assert(++rows <= 3);
				if (rc == -1)
					ck_assert(e.line >= 1 && e.msg[0]);
			}
	for (a = 0; a < 256; a++)
		for (b2 = 0; b2 < 256; b2++) {
			in[0] = (char)a;
			in[1] = (char)b2;
			for (len = 1; len <= 2; len++)
				if (csv_decode(in, len, &out, &outlen, &enc,
				    &e) == 0)
					free(out);
		}
	csv_row_free(&r);
}
END_TEST

static Suite *
csv_suite(void)
{
	Suite *s = suite_create("util-csv");
	TCase *tc;

	tc = tcase_create("decode");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_csv_decode, 0, nitems(dec_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("read");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_csv_read, 0, nitems(read_cases));
	tcase_add_loop_test(tc, test_csv_read_bad, 0, nitems(readbad_cases));
	tcase_add_test(tc, test_csv_limits);
	tcase_add_test(tc, test_csv_short_inputs);
	suite_add_tcase(s, tc);

	tc = tcase_create("write");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_csv_put_roundtrip, 0, nitems(put_cases));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(csv_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
