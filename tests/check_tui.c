/*
 * check_tui.c — unit tests of the interface's widgets without a person at
 * the keyboard: the line editor (CJK insert, cursor by character, Backspace
 * of a whole character, Ctrl-K/U/W, maxchars in characters, horizontal
 * scroll keeping the cursor visible with wide characters), the multi-line
 * editor (newlines, joins, Up/Down by display column, wrapping), the
 * picker's filter, the zh string table and the help table.
 *
 * Drawing is checked on a real curses screen (newterm on /dev/null) read
 * back with mvinnwstr.  Keys are written as a small script: UTF-8 text
 * types itself, ^X is a control key, {L} {R} {H} {E} {UP} {DN} {PU} {PD}
 * {BS} {DEL} {TAB} {F2} are the keys of those names, {RUB} is byte 0x7f.
 */
#include <check.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-int.h"

/* ---- key scripts ---- */

static const struct {
	const char	*name;
	bool		 fn;
	wint_t		 code;
} key_names[] = {
	{ "L", true, KEY_LEFT }, { "R", true, KEY_RIGHT },
	{ "H", true, KEY_HOME }, { "E", true, KEY_END },
	{ "UP", true, KEY_UP }, { "DN", true, KEY_DOWN },
	{ "PU", true, KEY_PPAGE }, { "PD", true, KEY_NPAGE },
	{ "BS", true, KEY_BACKSPACE }, { "DEL", true, KEY_DC },
	{ "F2", true, KEY_F(2) }, { "TAB", false, '\t' },
	{ "RUB", false, 0x7f },
};

/* The next key of script *s; false at its end. */
static bool
next_key(const char **s, struct tui_key *k)
{
	const char *p = *s, *e;
	uint32_t cp;
	size_t i, n;

	if (*p == '\0')
		return false;
	if (*p == '{' && (e = strchr(p, '}')) != NULL) {
		for (i = 0; i < nitems(key_names); i++)
			if (strlen(key_names[i].name) == (size_t)(e - p - 1) &&
			    strncmp(key_names[i].name, p + 1,
			    (size_t)(e - p - 1)) == 0) {
				k->fn = key_names[i].fn;
				k->code = key_names[i].code;
				*s = e + 1;
				return true;
			}
		ck_abort_msg("unknown key in script: %s", p);
	}
	if (*p == '^' && p[1] != '\0') {
		k->fn = false;
		k->code = (wint_t)TUI_CTRL(p[1]);
		*s = p + 2;
		return true;
	}
	n = utf8_decode(p, strlen(p), &cp);
	ck_assert_msg(n > 0, "bad UTF-8 in script");
	k->fn = false;
	k->code = cp;
	*s = p + n;
	return true;
}

/* Characters before the cursor (the cursor as a character index). */
static size_t
le_curchars(const struct lineedit *le)
{
	char *head = xstrndup(buf_str((struct buf *)&le->text), le->cur);
	size_t n = utf8_chars(head);

	free(head);
	return n;
}

/* ---- le_key ---- */

static const struct {
	const char	*title;
	const char	*text;		/* initial; cursor at its end */
	size_t		 maxchars;
	const char	*keys;
	const char	*want;
	size_t		 wantcur;	/* in characters */
} le_cases[] = {
	{ "insert CJK", "", 0, "张三", "张三", 2 },
	{ "insert mixed", "", 0, "a张b", "a张b", 3 },
	{ "left by character", "张三丰", 0, "{L}{L}", "张三丰", 1 },
	{ "insert after left", "张三丰", 0, "{L}{L}x", "张x三丰", 2 },
	{ "right by character", "张三丰", 0, "{H}{R}{R}", "张三丰", 2 },
	{ "left at start stays", "张", 0, "{H}{L}{L}", "张", 0 },
	{ "right at end stays", "张", 0, "{R}{R}", "张", 1 },
	{ "backspace whole CJK", "张三", 0, "{BS}", "张", 1 },
	{ "backspace 0x7f", "ab三", 0, "{RUB}", "ab", 2 },
	{ "backspace ctrl-h", "ab三", 0, "^H", "ab", 2 },
	{ "backspace 4-byte", "a\xf0\xa0\x80\x80", 0, "{BS}", "a", 1 },
	{ "backspace at start", "张三", 0, "{H}{BS}", "张三", 0 },
	{ "delete at cursor", "张三", 0, "{H}{DEL}", "三", 0 },
	{ "delete at end", "张三", 0, "{DEL}", "张三", 2 },
	{ "ctrl-a ctrl-e", "张三", 0, "^Ax^Ey", "x张三y", 4 },
	{ "home end", "张三", 0, "{H}x{E}y", "x张三y", 4 },
	{ "ctrl-k kills to end", "abc张三", 0, "{H}{R}{R}^K", "ab", 2 },
	{ "ctrl-k at end", "abc", 0, "^K", "abc", 3 },
	{ "ctrl-u kills to start", "abc张三", 0, "{L}^U", "三", 0 },
	{ "ctrl-w kills a word", "hello 世界 abc", 0, "^W", "hello 世界 ", 9 },
	{ "ctrl-w twice", "hello 世界 abc", 0, "^W^W", "hello ", 6 },
	{ "ctrl-w trailing spaces", "ab cd  ", 0, "^W", "ab ", 3 },
	{ "ctrl-w ideographic space", "张三\xe3\x80\x80李四", 0, "^W",
	    "张三\xe3\x80\x80", 3 },
	{ "ctrl-w mid text", "ab cd ef", 0, "{L}{L}{L}^W", "ab  ef", 3 },
	{ "maxchars counts characters", "", 3, "张三丰李", "张三丰", 3 },
	{ "maxchars full", "ab", 2, "张", "ab", 2 },
	{ "maxchars after delete", "张三", 2, "{BS}李王", "张李", 2 },
	{ "invalid byte steps one", "a\xff" "b", 0, "{L}{BS}", "ab", 1 },
	{ "left over an invalid byte", "a\xff" "b", 0, "{L}{L}{BS}",
	    "\xff" "b", 0 },
	{ "tab is not editing", "ab", 0, "{TAB}", "ab", 2 },
	{ "full-width stays as typed", "", 0, "ＡＢ１", "ＡＢ１", 3 },
};

START_TEST(test_le_keys)
{
	struct lineedit le;
	struct tui_key k;
	const char *s = le_cases[_i].keys;

	le_init(&le, le_cases[_i].text, le_cases[_i].maxchars);
	while (next_key(&s, &k))
		le_key(&le, &k);
	ck_assert_msg(strcmp(buf_str(&le.text), le_cases[_i].want) == 0,
	    "%s: text [%s] want [%s]", le_cases[_i].title, buf_str(&le.text),
	    le_cases[_i].want);
	ck_assert_msg(le_curchars(&le) == le_cases[_i].wantcur,
	    "%s: cursor %zu want %zu", le_cases[_i].title, le_curchars(&le),
	    le_cases[_i].wantcur);
	ck_assert_msg(le.cur == 0 || le.cur == le.text.len ||
	    ((unsigned char)le.text.p[le.cur] & 0xc0) != 0x80,
	    "%s: cursor inside a character", le_cases[_i].title);
	le_free(&le);
}
END_TEST

START_TEST(test_le_returns)
{
	struct lineedit le;
	struct tui_key k = { false, 0x5f20 };	/* 张 */

	le_init(&le, "", 1);
	ck_assert_int_eq(le_key(&le, &k), 1);
	ck_assert_int_eq(le_key(&le, &k), 0);	/* full: nothing changed */
	k.fn = true;
	k.code = KEY_LEFT;
	ck_assert_int_eq(le_key(&le, &k), 0);
	k.code = KEY_F(2);
	ck_assert_int_eq(le_key(&le, &k), -1);
	k.fn = false;
	k.code = '\t';
	ck_assert_int_eq(le_key(&le, &k), -1);
	k.code = TUI_CTRL('S');
	ck_assert_int_eq(le_key(&le, &k), -1);
	k.code = 0xd800;			/* a lone surrogate */
	ck_assert_int_eq(le_key(&le, &k), -1);
	k.code = TUI_CTRL('K');			/* the cursor is before 张 */
	ck_assert_int_eq(le_key(&le, &k), 1);
	ck_assert_str_eq(buf_str(&le.text), "");
	ck_assert_int_eq(le_key(&le, &k), 0);	/* nothing left to kill */
	k.code = TUI_CTRL('U');
	ck_assert_int_eq(le_key(&le, &k), 0);
	le_set(&le, "abc");
	ck_assert_uint_eq(le.cur, 3);
	ck_assert_str_eq(buf_str(&le.text), "abc");
	le_free(&le);
}
END_TEST

START_TEST(test_le_insert_filters)
{
	struct lineedit le;

	le_init(&le, "", 0);
	le_insert(&le, "a\tb\nc\x1b" "d\xff" "e张");
	ck_assert_str_eq(buf_str(&le.text), "a bcde张");
	le_free(&le);
	le_init(&le, "", 4);
	le_insert(&le, "一二三四五六");
	ck_assert_str_eq(buf_str(&le.text), "一二三四");
	le_free(&le);
}
END_TEST

/* ---- drawing on a real curses screen ---- */

static SCREEN *scr;
static FILE *scr_out, *scr_in;

static void
curses_setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	scr_out = fopen("/dev/null", "w");
	scr_in = fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(scr_out);
	scr = newterm("xterm-256color", scr_out, scr_in);
	ck_assert_ptr_nonnull(scr);
	resizeterm(24, 80);
}

static void
curses_teardown(void)
{
	endwin();
	delscreen(scr);
	fclose(scr_out);
	fclose(scr_in);
}

/* The text on row y from x, w columns, as UTF-8 (wide chars once). */
static char *
screen_text(int y, int x, int w)
{
	wchar_t ws[256];
	char out[1024], *p = out;
	int i, n;

	n = mvinnwstr(y, x, ws, w < 255 ? w : 255);
	for (i = 0; i < n && ws[i] != 0; i++)
		p += utf8_encode((uint32_t)ws[i], p);
	*p = '\0';
	/* trailing padding */
	while (p > out && p[-1] == ' ')
		*--p = '\0';
	return xstrdup(out);
}

/* Columns of the bytes [a, b) of s. */
static int
cols(const char *s, size_t a, size_t b)
{
	char *t = xstrndup(s + a, b - a);
	int w = (int)utf8_width(t);

	free(t);
	return w;
}

static const struct {
	const char	*title;
	const char	*text;
	int		 w;
} scroll_cases[] = {
	{ "all CJK, even width", "一二三四五六七八九十甲乙丙丁", 10 },
	{ "all CJK, odd width", "一二三四五六七八九十甲乙丙丁", 9 },
	{ "mixed", "ab张三cd李四ef王五gh赵六ij钱七", 7 },
	{ "narrow", "张三李四王五", 3 },
	{ "ascii", "abcdefghijklmnopqrstuvwxyz0123456789", 8 },
	{ "fits", "张三", 10 },
};

/* At every cursor position, walking left and right: the cursor is in the
 * field, scroll sits on a character, and the screen shows the text from
 * scroll. */
START_TEST(test_le_scroll)
{
	struct lineedit le;
	struct tui_key k;
	int y, x, pass, w = scroll_cases[_i].w;
	size_t steps, i;
	char *shown, *want;

	le_init(&le, scroll_cases[_i].text, 0);
	steps = utf8_chars(scroll_cases[_i].text);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i <= steps; i++) {
			erase();
			tui_cursor_reset();
			le_draw(&le, 3, 5, w, true);
			ck_assert_msg(tui_cursor_get(&y, &x), "no cursor");
			ck_assert_int_eq(y, 3);
			ck_assert_msg(x >= 5 && x < 5 + w, "%s: cursor x %d "
			    "outside [5, %d)", scroll_cases[_i].title, x, 5 + w);
			ck_assert_msg(le.scroll <= le.cur, "scroll past cursor");
			ck_assert_msg(le.scroll == 0 ||
			    ((unsigned char)le.text.p[le.scroll] & 0xc0) != 0x80,
			    "scroll inside a character");
			ck_assert_int_eq(x - 5, cols(le.text.p, le.scroll,
			    le.cur));
			shown = screen_text(3, 5, w);
			want = xstrndup(le.text.p + le.scroll,
			    utf8_fit(le.text.p + le.scroll, (size_t)w));
			ck_assert_msg(strcmp(shown, want) == 0, "%s: shows [%s] "
			    "want [%s]", scroll_cases[_i].title, shown, want);
			free(shown);
			free(want);
			k.fn = true;
			k.code = pass == 0 ? KEY_LEFT : KEY_RIGHT;
			le_key(&le, &k);
		}
	}
	/* Home shows the start again. */
	k.code = KEY_HOME;
	le_key(&le, &k);
	le_draw(&le, 3, 5, w, true);
	ck_assert_uint_eq(le.scroll, 0);
	le_free(&le);
}
END_TEST

START_TEST(test_le_scroll_after_kill)
{
	struct lineedit le;
	struct tui_key k = { false, TUI_CTRL('U') };

	le_init(&le, "一二三四五六七八九十", 0);
	le_draw(&le, 0, 0, 6, true);
	ck_assert_uint_gt(le.scroll, 0);
	le_key(&le, &k);
	le_draw(&le, 0, 0, 6, true);
	ck_assert_uint_eq(le.scroll, 0);
	ck_assert_str_eq(buf_str(&le.text), "");
	le_free(&le);
}
END_TEST

START_TEST(test_tui_put)
{
	char *s;

	/* A wide character that does not fit is not split. */
	ck_assert_int_eq(tui_put(1, 0, 5, "张三李", true), 5);
	s = screen_text(1, 0, 5);
	ck_assert_str_eq(s, "张三");
	free(s);
	/* Controls never reach the terminal. */
	tui_put(2, 0, 10, "a\nb\x1b" "c", false);
	s = screen_text(2, 0, 10);
	ck_assert_str_eq(s, "a?b?c");
	free(s);
	ck_assert_int_eq(tui_put(3, 0, 0, "abc", true), 0);
	ck_assert_int_eq(tui_put(3, 0, 4, NULL, false), 0);
}
END_TEST

/* A popup whose edges cut wide characters blanks them whole, and leaves
 * the characters beside it as they were. */
START_TEST(test_popup_box)
{
	char *s;

	tui_put(5, 0, 80, "一二三四五六七八九十", true);
	tui_put(6, 0, 80, "a一二三四五六七八九十", true);
	tui_popup_box(4, 5, 4, 10);	/* columns 5..14 */
	s = screen_text(5, 0, 4);	/* characters; the border is 'x' */
	ck_assert_str_eq(s, "一二 x");	/* 三 (4-5) is gone whole */
	free(s);
	s = screen_text(5, 14, 3);
	ck_assert_str_eq(s, "x 九");	/* 八 (14-15) too */
	free(s);
	s = screen_text(5, 6, 8);
	ck_assert_str_eq(s, "");	/* inside: blank */
	free(s);
	/* Row 6 has the characters on odd columns: nothing is cut. */
	s = screen_text(6, 0, 4);
	ck_assert_str_eq(s, "a一二x");
	free(s);
	s = screen_text(6, 14, 2);
	ck_assert_str_eq(s, "x八");
	free(s);
}
END_TEST

/* ---- textarea ---- */

static const struct {
	const char	*title;
	const char	*text;		/* cursor at its end */
	int		 w;		/* drawn this wide first (0: not drawn) */
	const char	*keys;
	const char	*want;
} ta_cases[] = {
	{ "type lines", "", 0, "ab\ncd", "ab\ncd" },
	{ "backspace joins", "ab\ncd", 0, "{H}{BS}", "abcd" },
	{ "ctrl-k at end joins", "ab\ncd", 0, "{UP}^K", "abcd" },
	{ "ctrl-k kills to line end", "abc\ndef", 0, "{UP}{H}{R}^K", "a\ndef" },
	{ "ctrl-a ctrl-e by line", "ab\ncd", 0, "^AX^EY", "ab\nXcdY" },
	{ "up keeps display column", "abcdefgh\n张三李四", 0, "{UP}X",
	    "abcdefghX\n张三李四" },
	{ "up from CJK column", "abcdefgh\n张三", 0, "{H}{R}{UP}X",
	    "abXcdefgh\n张三" },
	{ "up into CJK rounds down", "张三李四\nabc", 0, "{L}{UP}X",
	    "张X三李四\nabc" },
	{ "goal column kept", "abcdefgh\nab\nabcdefgh", 0, "{L}{UP}{UP}X",
	    "abcdefgXh\nab\nabcdefgh" },
	{ "down to shorter line", "abc\nabcdefgh", 0, "{UP}{UP}", "abc\n"
	    "abcdefgh" },
	{ "wrap by columns", "张三李四王", 5, "^A{DN}X", "张三X李四王" },
	{ "wrap then down twice", "张三李四王", 5, "^A{DN}{DN}X",
	    "张三李四X王" },
	{ "wrapped row end stays", "abcdefgh", 5, "^A{R}{R}{R}{R}{R}{R}{UP}X",
	    "abXcdefgh" },
	{ "pgdn moves a page", "1\n2\n3\n4\n5\n6\n7\n8", 5, "^A{UP}{UP}{UP}"
	    "{UP}{UP}{UP}{UP}{PD}X", "1\n2\nX3\n4\n5\n6\n7\n8" },
	{ "pgdn at the end", "1\n2\n3", 5, "{UP}{PD}X", "1\n2\n3X" },
	{ "delete joins", "ab\ncd", 0, "{UP}{DEL}", "abcd" },
	{ "ctrl-u to line start", "ab\ncde", 0, "{L}^U", "ab\ne" },
	{ "empty text", "", 0, "{BS}{DEL}{UP}{DN}", "" },
	/* Up/Down never leave the text: past its first row to its start,
	 * past its last row to its end (the QA finding: PgUp, Up, typing
	 * landed in the field above). */
	{ "pgup then up stays", "1\n2\n3\n4\n5\n6\n7\n8", 5,
	    "{PU}{PU}{PU}{PU}{UP}X", "X1\n2\n3\n4\n5\n6\n7\n8" },
	{ "up on first row to start", "abc\ndef", 0, "{UP}{E}{UP}X",
	    "Xabc\ndef" },
	{ "down on last row to end", "abc\ndef", 0, "{UP}{H}{DN}{DN}X",
	    "abc\ndefX" },
	{ "up on a wrapped first row", "张三李四王", 5, "{UP}{UP}{UP}X",
	    "X张三李四王" },
};

START_TEST(test_ta_keys)
{
	struct textarea *ta = ta_new(ta_cases[_i].text);
	struct tui_key k;
	const char *s = ta_cases[_i].keys;

	if (ta_cases[_i].w > 0)
		ta_draw(ta, 1, 0, 3, ta_cases[_i].w, true);
	while (next_key(&s, &k))
		ta_key(ta, &k);
	ck_assert_msg(strcmp(ta_text(ta), ta_cases[_i].want) == 0,
	    "%s: text [%s] want [%s]", ta_cases[_i].title, ta_text(ta),
	    ta_cases[_i].want);
	ta_free(ta);
}
END_TEST

START_TEST(test_ta_returns)
{
	struct textarea *ta = ta_new("ab\ncd");
	struct tui_key k = { true, KEY_DOWN };

	/* Arrows and pages never leave: only Tab does (-1). */
	ck_assert_int_eq(ta_key(ta, &k), 0);	/* last row: stays */
	k.code = KEY_UP;
	ck_assert_int_eq(ta_key(ta, &k), 0);
	ck_assert_int_eq(ta_key(ta, &k), 0);	/* first row: stays */
	k.code = KEY_PPAGE;
	ck_assert_int_eq(ta_key(ta, &k), 0);
	k.code = KEY_NPAGE;
	ck_assert_int_eq(ta_key(ta, &k), 0);
	k.fn = false;
	k.code = '\t';
	ck_assert_int_eq(ta_key(ta, &k), -1);
	k.code = 'x';
	ck_assert_int_eq(ta_key(ta, &k), 1);
	k.code = '\n';
	ck_assert_int_eq(ta_key(ta, &k), 1);
	ta_free(ta);
}
END_TEST

START_TEST(test_ta_draw)
{
	struct textarea *ta = ta_new("第一行\n张三李四王五赵六\nend");
	struct tui_key k = { true, KEY_PPAGE };
	int y, x;
	char *s;

	/* 8 columns a row, 3 rows; the cursor at the end ("end") scrolls the
	 * first row out. */
	tui_cursor_reset();
	ta_draw(ta, 2, 4, 3, 9, true);
	s = screen_text(2, 4, 9);
	ck_assert_str_eq(s, "张三李四");
	free(s);
	s = screen_text(3, 4, 9);
	ck_assert_str_eq(s, "王五赵六");
	free(s);
	s = screen_text(4, 4, 9);
	ck_assert_str_eq(s, "end");
	free(s);
	ck_assert(tui_cursor_get(&y, &x));
	ck_assert_int_eq(y, 4);
	ck_assert_int_eq(x, 4 + 3);
	/* PgUp twice: to the top; the first row shows again. */
	ta_key(ta, &k);
	ta_key(ta, &k);
	erase();
	ta_draw(ta, 2, 4, 3, 9, true);
	s = screen_text(2, 4, 9);
	ck_assert_str_eq(s, "第一行");
	free(s);
	ck_assert(tui_cursor_get(&y, &x));
	ck_assert_int_eq(y, 2);
	ta_free(ta);
}
END_TEST

/* A textarea not being edited: wrapped rows as the editor wraps them, and
 * a marker with the rows left out (the QA finding: only each paragraph's
 * first row showed, with no sign of the rest). */
START_TEST(test_ta_show)
{
	struct tui t;
	char *s;
	int used;

	memset(&t, 0, sizeof t);
	t.lang = "zh";
	/* 8 columns a row (w 9 keeps one for the cursor). */
	ck_assert_uint_eq(ta_rows("张三李四王五赵六孙七\nend", 9), 4);
	ck_assert_uint_eq(ta_rows("", 9), 1);
	erase();
	used = ta_show(&t, "张三李四王五赵六孙七\nend", 2, 4, 4, 9);
	ck_assert_int_eq(used, 8);
	s = screen_text(2, 4, 9);
	ck_assert_str_eq(s, "张三李四");
	free(s);
	s = screen_text(3, 4, 9);
	ck_assert_str_eq(s, "王五赵六");
	free(s);
	s = screen_text(4, 4, 9);
	ck_assert_str_eq(s, "孙七");
	free(s);
	s = screen_text(5, 4, 9);
	ck_assert_str_eq(s, "end");
	free(s);
	/* Two rows for four: the second ends in the marker, whole. */
	erase();
	ta_show(&t, "张三李四王五赵六孙七\nend", 2, 4, 2, 30);
	s = screen_text(3, 4, 30);
	ck_assert_str_eq(s, "end");
	free(s);
	erase();
	ta_show(&t, "1\n2\n3\n4\n5", 2, 4, 2, 30);
	s = screen_text(2, 4, 30);
	ck_assert_str_eq(s, "1");
	free(s);
	s = screen_text(3, 4, 30);
	ck_assert_str_eq(s, "2 …（还有 3 行）");
	free(s);
	t.lang = "en";
	erase();
	ta_show(&t, "1\n2\n3\n4\n5", 2, 4, 2, 30);
	s = screen_text(3, 4, 30);
	ck_assert_str_eq(s, "2 … (+3 lines)");
	free(s);
}
END_TEST

/* ---- picker filter ---- */

static struct choice pick_v[] = {
	{ "01", { "汉族", "Han" }, { 0, 0 } },
	{ "02", { "蒙古族", "Mongol" }, { 0, 0 } },
	{ "03", { "回族", "Hui" }, { 0, 0 } },
	{ "10", { "朝鲜族", "Korean" }, { 0, 0 } },
	{ "34", { "东乡族", "Dongxiang" }, { 0, 0 } },
	{ "1", { "其他", "Other" }, { 0, 0 } },
};

static const struct {
	const char	*title;
	const char	*text;
	const char	*want;		/* codes, space-separated, in order */
} pick_cases[] = {
	{ "empty: all in order", "", "01 02 03 10 34 1" },
	{ "exact code", "03", "03" },
	{ "code prefix in list order", "0", "01 02 03" },
	{ "exact code before prefixes", "1", "1 10" },
	{ "zh label contains", "族", "01 02 03 10 34" },
	{ "zh label prefix", "东", "34" },
	{ "en label, case-insensitive", "hui", "03" },
	{ "en upper case", "HAN", "01" },
	{ "en contains", "ng", "02 34" },
	{ "label prefix before contains", "o", "1 02 10 34" },
	{ "full-width digits", "０３", "03" },
	{ "surrounding spaces", " 回 ", "03" },
	{ "nothing", "xyz", "" },
};

START_TEST(test_pick_filter)
{
	struct choice_list l;
	size_t idx[nitems(pick_v)], n, i;
	struct buf b = BUF_INIT;

	memset(&l, 0, sizeof l);
	l.v = pick_v;
	l.n = nitems(pick_v);
	n = tui_pick_filter(&l, pick_cases[_i].text, idx);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, pick_v[idx[i]].code);
	}
	ck_assert_msg(strcmp(buf_str(&b), pick_cases[_i].want) == 0,
	    "%s: [%s] want [%s]", pick_cases[_i].title, buf_str(&b),
	    pick_cases[_i].want);
	buf_free(&b);
}
END_TEST

/* ---- strings ---- */

/* The printf conversions of s, in order ("%s%zu"). */
static char *
conversions(const char *s)
{
	struct buf b = BUF_INIT;
	const char *p;

	for (p = s; (p = strchr(p, '%')) != NULL; ) {
		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		buf_addc(&b, '%');
		while (*p != '\0' && strchr("sdiuxXcfegpz.0123456789l", *p)) {
			buf_addc(&b, *p);
			if (strchr("sdiuxXcfegp", *p++) != NULL)
				break;
		}
	}
	return b.len > 0 ? buf_steal(&b) : xstrdup("");
}

/* Messages of the layers below on the screen: table of known ones. */
static const struct {
	const char	*title, *lang, *in, *want;
} msg_cases[] = {
	{ "group count", "zh", "at least 1 member required (got 0)",
	  "至少需要 1 人（现有 0 人）" },
	{ "group count, plural", "zh", "at most 30 members allowed (got 31)",
	  "最多 30 人（现有 31 人）" },
	{ "choice list in zh", "zh", "'01 06' is not one of: 01 电动车, 02 x",
	  "没有“01 06”这一项；按空格显示列表" },
	{ "choice list in en drops the zh labels", "en",
	  "'7' is not one of: 01 电动车, 02 私拉", "no such choice '7'; Space "
	  "shows the list" },
	{ "date after today", "zh",
	  "must not be after 2026-12-04 (today) (got 2027-01-01)",
	  "不能晚于今天（2026-12-04），填的是 2027-01-01" },
	{ "length before the plain bound", "zh",
	  "must be at most 40 characters (got 41)", "最多 40 个字（现有 41 个）" },
	{ "number bound", "zh", "must be at least 0 (got -3)",
	  "不能小于 0，填的是 -3" },
	{ "id check digit", "zh", "check digit should be 2, not 3",
	  "校验位应为 2，不是 3：请核对号码" },
	{ "leader's grid", "zh", "new household: you (leader1) may not save a "
	  "household in grid 008; your grids: 001", "不能保存：网格 008 不归您"
	  "（leader1）管理；您负责的网格：001" },
	{ "prefixed field message", "zh",
	  "HH-000012: 18 digits expected, got 17", "HH-000012：应为 18 位，现有 "
	  "17 位" },
	{ "prefixed unknown stays", "zh", "HH-000012: something new",
	  "HH-000012: something new" },
	{ "unknown stays", "zh", "database is locked", "database is locked" },
	{ "en unchanged", "en", "at least 1 member required (got 0)",
	  "at least 1 member required (got 0)" },
	{ "empty", "zh", "", "" },
};

START_TEST(test_tr_app)
{
	char *got = tr_app_lang(msg_cases[_i].lang, msg_cases[_i].in);

	ck_assert_msg(strcmp(got, msg_cases[_i].want) == 0, "%s: [%s] gave "
	    "[%s], wanted [%s]", msg_cases[_i].title, msg_cases[_i].in, got,
	    msg_cases[_i].want);
	free(got);
}
END_TEST

/* An English word of 3+ letters left in a zh message (not "UTF", nor
 * what the person typed, quoted “like this”). */
static bool
has_english(const char *s)
{
	size_t run = 0;
	const char *q;

	for (; *s != '\0'; s++) {
		if (strncmp(s, "“", 3) == 0 && (q = strstr(s, "”")) != NULL) {
			s = q + 2;
			run = 0;
			continue;
		}
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			run++;
		else
			run = 0;
		if (run >= 3 && strncmp(s - 2, "UTF", 3) != 0)
			return true;
	}
	return false;
}

/* Every message the field parsers and record_parse_value really give for
 * bad input comes out in Chinese (so a reworded message shows up here). */
START_TEST(test_tr_app_real)
{
	static const struct {
		const char *type, *in;
	} bad[] = {
		{ "date", "abc" }, { "date", "1700-01-01" },
		{ "date", "2026-13-01" }, { "date", "2026-02-30" },
		{ "decimal", "x1" }, { "decimal", "123456789012345678901234" },
		{ "integer", "1.5" }, { "integer", "99999999999999999999999" },
		{ "bool", "maybe" }, { "phone", "abc" }, { "phone", "12345" },
		{ "phone", "1381234567" }, { "phone", "11812345678" },
		{ "phone", "1234567" }, { "phone", "0931-12" },
		{ "phone", "00931-1234567" }, { "idcard", "12345" },
		{ "idcard", "62292519700101001X" },
		{ "idcard", "6229251970010100X2" },
		{ "idcard", "62292519701301001X" },
		{ "idcard", "622925170001010011" },
		{ "idcard", "622925297001010011" },
		{ "idcard", "62292519700101001a" }, { "ref", "HH 1" },
		{ "text", "a\nb" }, { "text", "a\x01" },
	};
	const struct field_type *ft;
	char err[256], *out, *zh;
	size_t i;

	for (i = 0; i < nitems(bad); i++) {
		ft = field_type_find(bad[i].type);
		ck_assert_ptr_nonnull(ft);
		out = NULL;
		err[0] = '\0';
		if (ft->parse(bad[i].in, &out, err, sizeof err) == 0) {
			free(out);
			continue;	/* accepted after all: nothing to show */
		}
		zh = tr_app_lang("zh", err);
		ck_assert_msg(!has_english(zh), "%s '%s': [%s] -> [%s]",
		    bad[i].type, bad[i].in, err, zh);
		free(zh);
	}
}
END_TEST

START_TEST(test_tr_table)
{
	const char *const *en, *const *zh;
	size_t n, i, j;
	char *a, *b;

	tr_table(&en, &zh, &n);
	ck_assert_uint_gt(n, 50);
	for (i = 0; i < n; i++) {
		a = conversions(en[i]);
		b = conversions(zh[i]);
		ck_assert_msg(strcmp(a, b) == 0, "[%s] -> [%s]: conversions "
		    "%s vs %s", en[i], zh[i], a, b);
		free(a);
		free(b);
		ck_assert_msg(utf8_valid(zh[i], strlen(zh[i]), NULL),
		    "bad UTF-8 for [%s]", en[i]);
		for (j = i + 1; j < n; j++)
			ck_assert_msg(strcmp(en[i], en[j]) != 0,
			    "[%s] twice", en[i]);
	}
	ck_assert_str_eq(tr_lang("zh", "Search:"), "查找：");
	ck_assert_str_eq(tr_lang("en", "Search:"), "Search:");
	ck_assert_str_eq(tr_lang("zh", "no such string here"),
	    "no such string here");
	ck_assert_ptr_null(tr_lang("zh", NULL));
}
END_TEST

START_TEST(test_help_table)
{
	const struct tui_help *h;
	size_t i, sections = 0;
	const char *tab;
	static const char *const need[] = { "menu", "list", "form", "picker",
	    "textarea", "history", "audit" };

	for (h = tui_help_table; h->screen != NULL; h++, sections++) {
		ck_assert_ptr_nonnull(h->lines[0]);
		for (i = 0; h->lines[i] != NULL; i++) {
			tab = strchr(h->lines[i], '\t');
			ck_assert_msg(tab != NULL, "%s: no tab in [%s]",
			    h->screen, h->lines[i]);
			ck_assert_msg(strcmp(tr_lang("zh", tab + 1), tab + 1)
			    != 0, "%s: [%s] has no zh text", h->screen, tab + 1);
		}
	}
	for (i = 0; i < nitems(need); i++) {
		for (h = tui_help_table; h->screen != NULL; h++)
			if (strcmp(h->screen, need[i]) == 0)
				break;
		ck_assert_msg(h->screen != NULL, "no help for %s", need[i]);
	}
	ck_assert_uint_ge(sections, nitems(need));
}
END_TEST

static Suite *
tui_suite(void)
{
	Suite *s = suite_create("tui");
	TCase *tc;

	tc = tcase_create("lineedit");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_le_keys, 0, nitems(le_cases));
	tcase_add_test(tc, test_le_returns);
	tcase_add_test(tc, test_le_insert_filters);
	suite_add_tcase(s, tc);

	tc = tcase_create("draw");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, curses_setup, curses_teardown);
	tcase_add_loop_test(tc, test_le_scroll, 0, nitems(scroll_cases));
	tcase_add_test(tc, test_le_scroll_after_kill);
	tcase_add_test(tc, test_tui_put);
	tcase_add_test(tc, test_popup_box);
	tcase_add_test(tc, test_ta_draw);
	tcase_add_test(tc, test_ta_show);
	suite_add_tcase(s, tc);

	tc = tcase_create("textarea");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, curses_setup, curses_teardown);
	tcase_add_loop_test(tc, test_ta_keys, 0, nitems(ta_cases));
	tcase_add_test(tc, test_ta_returns);
	suite_add_tcase(s, tc);

	tc = tcase_create("picker");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_pick_filter, 0, nitems(pick_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_tr_table);
	tcase_add_loop_test(tc, test_tr_app, 0, nitems(msg_cases));
	tcase_add_test(tc, test_tr_app_real);
	tcase_add_test(tc, test_help_table);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(tui_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
