/*
 * tui-edit.c — the one-line editor used for every single-line field and
 * for search lines.  The text is UTF-8; the cursor is a byte offset that
 * always sits at the start of a character, so no key can split a sequence.
 * Wide (CJK) characters take two columns when drawn; a value longer than
 * the field scrolls horizontally, jumping half a field at a time so that
 * typing at the end of a long value repaints the field rarely (a few bytes
 * per key over a slow link, not a whole field).
 *
 * le_key() and le_insert() are pure logic over struct lineedit; only
 * le_draw() touches curses.
 */
#include <curses.h>
#include <string.h>

#include "tui-int.h"

void
le_init(struct lineedit *le, const char *text, size_t maxchars)
{
	memset(le, 0, sizeof *le);
	le->maxchars = maxchars;
	le_set(le, text);
}

void
le_set(struct lineedit *le, const char *text)
{
	buf_reset(&le->text);
	buf_adds(&le->text, text != NULL ? text : "");
	le->cur = le->text.len;
	le->scroll = 0;
}

void
le_free(struct lineedit *le)
{
	buf_free(&le->text);
	memset(le, 0, sizeof *le);
}

/* Length of the character at i (an invalid byte counts as one). */
static size_t
le_charlen(const struct lineedit *le, size_t i)
{
	uint32_t cp;
	size_t n;

	if (i >= le->text.len)
		return 0;
	n = utf8_decode(le->text.p + i, le->text.len - i, &cp);
	return n == 0 ? 1 : n;
}

/* Start of the character before i. */
static size_t
le_prev(const struct lineedit *le, size_t i)
{
	size_t j;

	if (i == 0)
		return 0;
	/* Step back over continuation bytes to a start whose decoded length
	 * ends exactly at i; an invalid byte is a character of its own. */
	for (j = i; j > 0 && i - j < 4; ) {
		j--;
		if (((unsigned char)le->text.p[j] & 0xc0) != 0x80)
			break;
	}
	if (j + le_charlen(le, j) == i)
		return j;
	return i - 1;
}

static size_t
le_chars(const struct lineedit *le)
{
	size_t i = 0, n = 0;

	while (i < le->text.len) {
		i += le_charlen(le, i);
		n++;
	}
	return n;
}

static void
le_delete(struct lineedit *le, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(le->text.p + from, le->text.p + to, le->text.len - to + 1);
	le->text.len -= to - from;
	if (le->cur > to)
		le->cur -= to - from;
	else if (le->cur > from)
		le->cur = from;
	if (le->scroll >= to)
		le->scroll -= to - from;
	else if (le->scroll > from)
		le->scroll = from;
}

void
le_insert(struct lineedit *le, const char *s)
{
	size_t len = strlen(s), i = 0, n, have, room;
	struct buf add = BUF_INIT;
	uint32_t cp;

	have = le->maxchars ? le_chars(le) : 0;
	room = le->maxchars ? (have < le->maxchars ? le->maxchars - have : 0) :
	    (size_t)-1;
	while (i < len && room > 0) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {		/* invalid byte: dropped */
			i++;
			continue;
		}
		if (cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0)) {
			buf_add(&add, s + i, n);
			room--;
		} else if (cp == '\t') {
			buf_addc(&add, ' ');
			room--;
		}
		i += n;
	}
	if (add.len > 0) {
		buf_add(&le->text, add.p, add.len);	/* grow by add.len */
		memmove(le->text.p + le->cur + add.len, le->text.p + le->cur,
		    le->text.len - add.len - le->cur);
		memcpy(le->text.p + le->cur, add.p, add.len);
		le->text.p[le->text.len] = '\0';
		le->cur += add.len;
	}
	buf_free(&add);
}

static bool
le_space(const struct lineedit *le, size_t i)
{
	char c = le->text.p[i];

	if (c == ' ')
		return true;
	/* U+3000 IDEOGRAPHIC SPACE */
	return i + 3 <= le->text.len && memcmp(le->text.p + i, "\xe3\x80\x80",
	    3) == 0;
}

/* Ctrl-W: the spaces before the cursor, then the word before them. */
static void
le_kill_word(struct lineedit *le)
{
	size_t i = le->cur, p;

	while (i > 0 && le_space(le, (p = le_prev(le, i))))
		i = p;
	while (i > 0 && !le_space(le, (p = le_prev(le, i))))
		i = p;
	le_delete(le, i, le->cur);
}

int
le_key(struct lineedit *le, const struct tui_key *k)
{
	size_t old = le->text.len;
	char u[5];

	if (!k->fn) {
		switch (k->code) {
		case TUI_CTRL('A'):
			le->cur = 0;
			return 0;
		case TUI_CTRL('E'):
			le->cur = le->text.len;
			return 0;
		case TUI_CTRL('K'):
			le_delete(le, le->cur, le->text.len);
			return le->text.len != old;
		case TUI_CTRL('U'):
			le_delete(le, 0, le->cur);
			return le->text.len != old;
		case TUI_CTRL('W'):
			le_kill_word(le);
			return le->text.len != old;
		case TUI_CTRL('H'):
		case 0x7f:
			le_delete(le, le_prev(le, le->cur), le->cur);
			return le->text.len != old;
		}
		if (k->code < 0x20 || (k->code >= 0x7f && k->code < 0xa0) ||
		    k->code > 0x10ffff || (k->code >= 0xd800 && k->code < 0xe000))
			return -1;
		u[utf8_encode((uint32_t)k->code, u)] = '\0';
		le_insert(le, u);
		return le->text.len != old;
	}
	switch (k->code) {
	case KEY_LEFT:
		le->cur = le_prev(le, le->cur);
		return 0;
	case KEY_RIGHT:
		le->cur += le_charlen(le, le->cur);
		return 0;
	case KEY_HOME:
		le->cur = 0;
		return 0;
	case KEY_END:
		le->cur = le->text.len;
		return 0;
	case KEY_BACKSPACE:
		le_delete(le, le_prev(le, le->cur), le->cur);
		return le->text.len != old;
	case KEY_DC:
		le_delete(le, le->cur, le->cur + le_charlen(le, le->cur));
		return le->text.len != old;
	}
	return -1;
}

/* Columns of the bytes [from, to) of the text. */
static size_t
le_width(const struct lineedit *le, size_t from, size_t to)
{
	size_t w = 0, n;
	uint32_t cp;

	while (from < to) {
		n = utf8_decode(le->text.p + from, to - from, &cp);
		if (n == 0) {
			w++;
			from++;
			continue;
		}
		/* Controls are drawn as '?', one column. */
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			w++;
		else
			w += (size_t)utf8_cpwidth(cp);
		from += n;
	}
	return w;
}

/*
 * Choose scroll so the cursor is inside w columns (the cursor needs a cell
 * of its own, so at most w - 1 columns before it).  Scrolling right jumps
 * to put the cursor mid-field; a text that fits is never scrolled.
 */
static void
le_scroll(struct lineedit *le, int w)
{
	size_t cols = w > 1 ? (size_t)w - 1 : 0, half = (size_t)w / 2;

	if (le->scroll > le->text.len)
		le->scroll = 0;
	if (le_width(le, 0, le->text.len) <= cols) {
		le->scroll = 0;
		return;
	}
	if (le->cur < le->scroll) {
		le->scroll = le->cur;
		while (le->scroll > 0 && le_width(le, le_prev(le, le->scroll),
		    le->cur) <= half)
			le->scroll = le_prev(le, le->scroll);
		return;
	}
	if (le_width(le, le->scroll, le->cur) <= cols)
		return;
	while (le->scroll < le->cur && le_width(le, le->scroll, le->cur) > half)
		le->scroll += le_charlen(le, le->scroll);
}

void
le_draw(struct lineedit *le, int y, int x, int w, bool focus)
{
	if (w <= 0)
		return;
	le_scroll(le, w);
	tui_put(y, x, w, le->text.p != NULL ? le->text.p + le->scroll : "",
	    true);
	if (focus)
		tui_cursor(y, x + (int)le_width(le, le->scroll, le->cur));
}
