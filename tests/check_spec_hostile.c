/*
 * check_spec_hostile.c — the spec loader against files made to hurt it,
 * generated here into a mkdtemp directory: binary garbage, invalid UTF-8,
 * a 100 MB file, 10,000-deep nesting, an alias bomb, tabs, NUL bytes, a
 * FIFO, hundreds of thousands of nodes or problems, enormous expressions and
 * patterns.  Each must end in a clear message (asserted) and no crash or
 * unbounded memory (the suite also runs under ASan).  Then every input in
 * tests/fuzz-regress/spec/ that once broke the loader is loaded again as a
 * form, a list and a config.
 */
#include <sys/stat.h>

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spec.h"

static char dir[64];

static void
tmp_setup(void)
{
	strcpy(dir, "/tmp/gridbook-spec.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
tmp_teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

static char *
write_file(const char *name, const void *data, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
	return path;
}

/* Load path as a form; return the messages (one per line), -1 asserted. */
static char *
load_fails(const char *path)
{
	struct diags d = DIAGS_INIT;
	struct form *f = (struct form *)1;
	char *s = NULL;
	size_t len = 0, i;
	FILE *fp;

	ck_assert_int_eq(spec_load_file(path, NULL, 0, &f, &d), -1);
	ck_assert_ptr_null(f);
	ck_assert_uint_ge(d.n, 1);
	fp = open_memstream(&s, &len);
	for (i = 0; i < d.n; i++) {
		ck_assert_str_eq(d.v[i].file, path);
		fprintf(fp, "%u:%u: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	}
	fclose(fp);
	diags_free(&d);
	return s;
}

static void
has(const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want) != NULL, "wanted [%s] in:\n%.2000s",
	    want, text);
}

static size_t
lines(const char *text)
{
	size_t n = 0;

	for (; *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

START_TEST(test_garbage)
{
	unsigned char buf[65536];
	unsigned x = 12345;
	char *path, *msg;
	size_t i;

	for (i = 0; i < sizeof buf; i++) {
		x = x * 1103515245 + 12345;
		buf[i] = (unsigned char)(x >> 16);
	}
	path = write_file("garbage.yaml", buf, sizeof buf);
	msg = load_fails(path);
	has(msg, "invalid UTF-8");
	ck_assert_uint_eq(lines(msg), 1);
	free(msg);
	free(path);
	/* Garbage that is valid UTF-8: control characters and punctuation. */
	for (i = 0; i < sizeof buf; i++) {
		x = x * 1103515245 + 12345;
		buf[i] = (unsigned char)(1 + (x >> 16) % 126);
	}
	path = write_file("ascii.yaml", buf, sizeof buf);
	msg = load_fails(path);
	ck_assert_uint_le(lines(msg), 101);
	free(msg);
	free(path);
}
END_TEST

START_TEST(test_invalid_utf8)
{
	static const char *const cases[][2] = {
		{ "form: x\ntitle: caf\xc3\x28\n", "2:11: invalid UTF-8 (byte "
		  "0xc3 at offset 18); spec files must be UTF-8 text\n" },
		{ "form: \xc0\xaf\n", "1:7: invalid UTF-8 (byte 0xc0 at offset "
		  "6)" },
		{ "a: \xed\xa0\x80\n", "1:4: invalid UTF-8 (byte 0xed" },
		{ "a: \xf4\x90\x80\x80\n", "1:4: invalid UTF-8 (byte 0xf4" },
		{ "\xff\xfe" "f\0o\0", "1:1: invalid UTF-8 (byte 0xff at offset "
		  "0)" },
		{ "a: 网格\xe7\xbd\n", "1:6: invalid UTF-8 (byte 0xe7 at offset "
		  "9)" },
	};
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		char *path = write_file("u.yaml", cases[i][0],
		    strlen(cases[i][0]) + (i == 4 ? 4 : 0));
		char *msg = load_fails(path);

		has(msg, cases[i][1]);
		free(msg);
		free(path);
	}
}
END_TEST

START_TEST(test_nul_bytes)
{
	static const char data[] = "form: x\nversion: 1\0\n";
	char *path = write_file("nul.yaml", data, sizeof data - 1);
	char *msg = load_fails(path);

	ck_assert_str_eq(msg, "2:11: a NUL byte at offset 18; this is not a "
	    "text file\n");
	free(msg);
	free(path);
}
END_TEST

/* 100 MB (sparse, so it costs no disk) is refused before reading. */
START_TEST(test_huge_file)
{
	char *path = xasprintf("%s/huge.yaml", dir), *msg;
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 100L << 20), 0);
	close(fd);
	msg = load_fails(path);
	ck_assert_str_eq(msg, "0:0: file too large (104857600 bytes); a spec "
	    "file may have at most 4194304 bytes (4 MiB)\n");
	free(msg);
	/* One byte over the limit, too. */
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_eq(ftruncate(fd, (4L << 20) + 1), 0);
	close(fd);
	msg = load_fails(path);
	has(msg, "file too large (4194305 bytes)");
	free(msg);
	free(path);
}
END_TEST

/* Just under the limit is read and parsed (here: 4 MiB of comments). */
START_TEST(test_at_limit)
{
	size_t n = 4u << 20, i;
	char *data = xmalloc(n), *path, *msg;

	for (i = 0; i < n; i++)
		data[i] = i % 64 == 63 ? '\n' : (i % 64 == 0 ? '#' : 'x');
	path = write_file("big.yaml", data, n);
	msg = load_fails(path);
	ck_assert_str_eq(msg, "1:1: the file is empty; a form file needs "
	    "form:, version:, title:, id: and fields:\n");
	free(msg);
	free(path);
	free(data);
}
END_TEST

static void
deep(const char *open, const char *close, size_t depth, const char *want)
{
	struct buf b = BUF_INIT;
	char *path, *msg;
	size_t i;

	buf_adds(&b, "form: deep\nfields: ");
	for (i = 0; i < depth; i++)
		buf_adds(&b, open);
	buf_adds(&b, "x");
	for (i = 0; i < depth; i++)
		buf_adds(&b, close);
	buf_addc(&b, '\n');
	path = write_file("deep.yaml", b.p, b.len);
	msg = load_fails(path);
	has(msg, want);
	ck_assert_uint_eq(lines(msg), 1);
	free(msg);
	free(path);
	buf_free(&b);
}

START_TEST(test_deep_nesting)
{
	deep("[", "]", 10000, "nesting deeper than 64 levels");
	deep("{a: ", "}", 10000, "nesting deeper than 64 levels");
	deep("[", "]", 65, "nesting deeper than 64 levels");
	/* Unclosed: 10,000 '[' and the end of the file. */
	deep("[", "", 10000, "nesting deeper than 64 levels");
}
END_TEST

START_TEST(test_deep_block_nesting)
{
	struct buf b = BUF_INIT;
	char *path, *msg;
	size_t i;

	/* 200 levels of block sequences "- - - - x" on one line each. */
	buf_adds(&b, "form: deep\nfields:\n");
	for (i = 0; i < 200; i++) {
		buf_addf(&b, "%*s- ", (int)(2 * i), "");
		buf_adds(&b, "\n");
	}
	path = write_file("block.yaml", b.p, b.len);
	msg = load_fails(path);
	has(msg, "nesting deeper than 64 levels");
	free(msg);
	free(path);
	buf_free(&b);
}
END_TEST

START_TEST(test_alias_bomb)
{
	static const char bomb[] =
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	char *path = write_file("bomb.yaml", bomb, sizeof bomb - 1);
	char *msg = load_fails(path);

	ck_assert_str_eq(msg,
	    "1:4: anchors (&a) are not supported; write the value out\n"
	    "2:4: anchors (&b) are not supported; write the value out\n"
	    "2:8: aliases (*a) are not supported; write the value out\n");
	free(msg);
	free(path);
}
END_TEST

START_TEST(test_tabs)
{
	static const char tabs[] =
	    "form: tabs\nfields:\n\t- name: a\n  -\tname: b\n    \tx: 1\n";
	static const char tab_value[] = "form: tab\ttitle\n";
	char *path = write_file("tabs.yaml", tabs, sizeof tabs - 1);
	char *msg = load_fails(path);

	ck_assert_str_eq(msg,
	    "3:1: tab character in indentation; YAML indents with spaces "
	    "only\n"
	    "5:5: tab character in indentation; YAML indents with spaces "
	    "only\n");
	free(msg);
	free(path);
	/* A tab inside a value is text, not an error of its own. */
	path = write_file("tab2.yaml", tab_value, sizeof tab_value - 1);
	msg = load_fails(path);
	ck_assert_ptr_null(strstr(msg, "tab character"));
	free(msg);
	free(path);
}
END_TEST

START_TEST(test_not_regular)
{
	char *path = xasprintf("%s/fifo.yaml", dir), *msg;

	ck_assert_int_eq(mkfifo(path, 0600), 0);
	msg = load_fails(path);
	ck_assert_str_eq(msg, "0:0: not a regular file\n");
	free(msg);
	free(path);
	msg = load_fails(dir);
	ck_assert_str_eq(msg, "0:0: not a regular file\n");
	free(msg);
	path = xasprintf("%s/nope.yaml", dir);
	msg = load_fails(path);
	ck_assert_str_eq(msg, "0:0: cannot open: No such file or directory\n");
	free(msg);
	free(path);
}
END_TEST

START_TEST(test_many_nodes)
{
	struct buf b = BUF_INIT;
	char *path, *msg;
	size_t i;

	buf_adds(&b, "form: many\nfields: [");
	for (i = 0; i < 300000; i++)
		buf_adds(&b, "1,");
	buf_adds(&b, "1]\n");
	path = write_file("many.yaml", b.p, b.len);
	msg = load_fails(path);
	ck_assert_str_eq(msg, "2:400000: too many values (more than 200000); "
	    "a spec file is not that large\n");
	free(msg);
	free(path);
	buf_free(&b);
}
END_TEST

/* Thousands of problems: the first 100 by position, then one line more. */
START_TEST(test_many_problems)
{
	struct buf b = BUF_INIT;
	char *path, *msg;
	size_t i;

	buf_adds(&b, "form: problems\nversion: 1\ntitle: x\nid: \"P{seq}\"\n"
	    "scope: community\nfields:\n");
	for (i = 0; i < 400; i++)
		buf_addf(&b, "  - {name: f%zu, type: txt, label: x, bad: 1}\n",
		    i);
	for (i = 0; i < 5000; i++)
		buf_addf(&b, "k%zu: 1\n", i);
	for (i = 0; i < 5000; i++)
		buf_adds(&b, "dup: 1\n");
	path = write_file("problems.yaml", b.p, b.len);
	msg = load_fails(path);
	ck_assert_uint_eq(lines(msg), 101);
	has(msg, "7:22: unknown type 'txt'; did you mean 'text'?\n");
	has(msg, "0:0: too many problems (");
	has(msg, "); only the first 100 are shown\n");
	free(msg);
	free(path);
	buf_free(&b);
}
END_TEST

START_TEST(test_too_many_fields_and_states)
{
	struct buf b = BUF_INIT;
	char *path, *msg;
	size_t i;

	buf_adds(&b, "form: big\nversion: 1\ntitle: x\nid: \"P{seq}\"\n"
	    "scope: community\nfields:\n");
	for (i = 0; i < 600; i++)
		buf_addf(&b, "  - {name: f%zu, type: text, label: x}\n", i);
	buf_adds(&b, "workflow:\n  initial: s0\n  states: [");
	for (i = 0; i < 100; i++)
		buf_addf(&b, "%ss%zu", i > 0 ? ", " : "", i);
	buf_adds(&b, "]\n  transitions:\n");
	for (i = 0; i < 300; i++)
		buf_adds(&b, "    - {from: s0, to: s1}\n");
	path = write_file("big.yaml", b.p, b.len);
	msg = load_fails(path);
	has(msg, "7:3: too many fields (600); at most 500 in one list\n");
	has(msg, "too many states (100); at most 64\n");
	has(msg, "too many transitions (300); at most 256\n");
	free(msg);
	free(path);
	buf_free(&b);
}
END_TEST

START_TEST(test_huge_expression_and_pattern)
{
	struct buf b = BUF_INIT;
	char *path, *msg;
	size_t i;

	buf_adds(&b, "form: expr\nversion: 1\ntitle: x\nid: \"P{seq}\"\n"
	    "scope: community\nfields:\n  - {name: a, type: bool, label: x}\n"
	    "  - {name: b, type: text, label: x, show_if: \"");
	for (i = 0; i < 200000; i++)
		buf_adds(&b, "a or ");
	buf_adds(&b, "a\"}\n  - {name: c, type: text, label: x, show_if: \"");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "not (");
	buf_adds(&b, "a\"}\n  - {name: d, type: text, label: x, pattern: \"");
	for (i = 0; i < 2000; i++)
		buf_adds(&b, "(a");
	buf_adds(&b, "\"}\n  - {name: e, type: text, label: x, pattern: "
	    "\"(((a{99}){99}){99}){99}\"}\n");
	path = write_file("expr.yaml", b.p, b.len);
	msg = load_fails(path);
	has(msg, "show_if: expression too long (more than 500 parts)\n");
	has(msg, "show_if: expression nested too deeply (more than 32 "
	    "levels)\n");
	has(msg, "pattern longer than 256 bytes\n");
	has(msg, "pattern too complex: its {n,m} repeat counts multiply to "
	    "more than 10000\n");
	ck_assert_uint_eq(lines(msg), 4);
	free(msg);
	free(path);
	buf_free(&b);
}
END_TEST

START_TEST(test_two_documents_and_junk_after)
{
	static const char two[] = "form: a\n...\n---\nform: b\n";
	static const char bad_key[] = "? [a, b]\n: 1\nform: x\n";
	char *path = write_file("two.yaml", two, sizeof two - 1);
	char *msg = load_fails(path);

	ck_assert_str_eq(msg, "3:1: only one YAML document per file (found a "
	    "second '---')\n");
	free(msg);
	free(path);
	path = write_file("key.yaml", bad_key, sizeof bad_key - 1);
	msg = load_fails(path);
	has(msg, "1:3: a mapping key must be a plain name, not a list\n");
	free(msg);
	free(path);
}
END_TEST

/* Windows line ends and a byte-order mark are fine. */
START_TEST(test_crlf_bom)
{
	static const char data[] =
	    "\xef\xbb\xbf" "form: crlf\r\nversion: 1\r\ntitle: 换行\r\n"
	    "id: \"C{seq}\"\r\nscope: community\r\nfields:\r\n"
	    "  - {name: a, type: text, label: 甲}\r\n";
	struct diags d = DIAGS_INIT;
	struct form *f;
	char *path = write_file("crlf.yaml", data, sizeof data - 1);

	ck_assert_int_eq(spec_load_file(path, NULL, 0, &f, &d), 0);
	ck_assert_str_eq(f->title.zh, "换行");
	ck_assert_str_eq(f->fields[0].label.zh, "甲");
	ck_assert_uint_eq(f->fields[0].mark.line, 7);
	form_free(f);
	free(path);
	diags_free(&d);
}
END_TEST

/* A config with the same hostile shapes. */
START_TEST(test_config_hostile)
{
	struct diags d = DIAGS_INIT;
	struct config *c;
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < 5000; i++)
		buf_adds(&b, "[");
	ck_assert_int_eq(config_load_buffer("c.yaml", b.p, b.len, &c, &d), -1);
	ck_assert_ptr_null(c);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg, "nesting deeper than 64 levels");
	diags_free(&d);
	buf_reset(&b);
	buf_adds(&b, "users:\n");
	for (i = 0; i < 20000; i++)
		buf_addf(&b, "  - {login: u%zu, role: clerk}\n", i);
	ck_assert_int_eq(config_load_buffer("c.yaml", b.p, b.len, &c, &d), -1);
	ck_assert_str_eq(d.v[0].msg, "too many users (20000); at most 10000");
	diags_free(&d);
	buf_free(&b);
	ck_assert_int_eq(config_load_buffer("c.yaml", "a: \xff", 4, &c, &d),
	    -1);
	ck_assert_str_eq(d.v[0].msg, "invalid UTF-8 (byte 0xff at offset 3); "
	    "spec files must be UTF-8 text");
	diags_free(&d);
}
END_TEST

/* ---- inputs that once broke the loader -------------------------------- */

static void
load_all_ways(const char *name, const char *data, size_t len)
{
	struct diags d = DIAGS_INIT;
	struct form *f;
	struct choice_list l;
	struct config *c;

	spec_load_buffer(name, data, len, NULL, 0, &f, &d);
	form_free(f);
	spec_list_parse(name, data, len, &l, &d);
	choice_list_clear(&l);
	config_load_buffer(name, data, len, &c, &d);
	config_free(c);
	diags_free(&d);
}

START_TEST(test_fuzz_regress)
{
	const char *forms = getenv("GRIDBOOK_FORMS");
	char *root = xstrdup(forms != NULL ? forms : "forms"), *rdir, *path;
	struct dirent *de;
	struct stat st;
	size_t n = 0;
	DIR *dp;

	rdir = xasprintf("%s/tests/fuzz-regress/spec", dirname(root));
	dp = opendir(rdir);
	ck_assert_msg(dp != NULL, "no %s", rdir);
	while ((de = readdir(dp)) != NULL) {
		char *data;
		FILE *fp;

		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", rdir, de->d_name);
		ck_assert_int_eq(stat(path, &st), 0);
		ck_assert_int_le(st.st_size, 1 << 20);
		data = xmalloc((size_t)st.st_size + 1);
		fp = fopen(path, "rb");
		ck_assert_uint_eq(fread(data, 1, (size_t)st.st_size, fp),
		    (size_t)st.st_size);
		fclose(fp);
		load_all_ways(de->d_name, data, (size_t)st.st_size);
		free(data);
		free(path);
		n++;
	}
	closedir(dp);
	ck_assert_uint_ge(n, 1);
	free(rdir);
	free(root);
}
END_TEST

static Suite *
hostile_suite(void)
{
	Suite *s = suite_create("spec_hostile");
	TCase *tc = tcase_create("hostile");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_garbage);
	tcase_add_test(tc, test_invalid_utf8);
	tcase_add_test(tc, test_nul_bytes);
	tcase_add_test(tc, test_huge_file);
	tcase_add_test(tc, test_at_limit);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_deep_block_nesting);
	tcase_add_test(tc, test_alias_bomb);
	tcase_add_test(tc, test_tabs);
	tcase_add_test(tc, test_not_regular);
	tcase_add_test(tc, test_many_nodes);
	tcase_add_test(tc, test_many_problems);
	tcase_add_test(tc, test_too_many_fields_and_states);
	tcase_add_test(tc, test_huge_expression_and_pattern);
	tcase_add_test(tc, test_two_documents_and_junk_after);
	tcase_add_test(tc, test_crlf_bom);
	tcase_add_test(tc, test_config_hostile);
	tcase_add_test(tc, test_fuzz_regress);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(hostile_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
