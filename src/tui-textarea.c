/*
 * tui-textarea.c — the multi-line editor for textarea fields (the minutes
 * of a consultation run to pages).  Enter inserts a newline; lines wrap at
 * the field's width by display columns (a CJK character is two), never
 * inside a UTF-8 sequence; Up/Down keep the column the cursor was aiming
 * for; PgUp/PgDn move a field's height; Backspace at a line's start joins
 * it to the one before, Ctrl-K at its end joins the next.
 *
 * Up/Down never leave the text: Up on the first row goes to its start,
 * Down on the last to its end (a clerk typing long minutes stays in
 * them); Tab and Shift-Tab, which ta_key does not handle (-1), leave.
 * The width used for wrapping is the one of the last ta_draw() (60 before
 * the first).  ta_show() paints a textarea not being edited with the same
 * wrapping.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui-int.h"

struct ta_row {
	size_t	start;
	size_t	end;		/* excludes the newline */
};

struct textarea {
	struct buf	 text;
	size_t		 cur;
	size_t		 top;		/* first row shown */
	int		 w;
	int		 h;
	int		 goal;		/* column Up/Down aim for; -1 none */
	struct ta_row	*rows;
	size_t		 nrows;
	size_t		 caprows;
};

struct textarea *
ta_new(const char *text)
{
	struct textarea *ta = xcalloc(1, sizeof *ta);

	buf_adds(&ta->text, text != NULL ? text : "");
	ta->cur = ta->text.len;
	ta->w = 60;
	ta->h = 5;
	ta->goal = -1;
	return ta;
}

void
ta_free(struct textarea *ta)
{
	if (ta == NULL)
		return;
	buf_free(&ta->text);
	free(ta->rows);
	free(ta);
}

const char *
ta_text(struct textarea *ta)
{
	return buf_str(&ta->text);
}

static size_t
ta_charlen(const struct textarea *ta, size_t i)
{
	uint32_t cp;
	size_t n;

	if (i >= ta->text.len)
		return 0;
	n = utf8_decode(ta->text.p + i, ta->text.len - i, &cp);
	return n == 0 ? 1 : n;
}

static size_t
ta_prev(const struct textarea *ta, size_t i)
{
	size_t j = i;

	if (i == 0)
		return 0;
	while (j > 0 && i - j < 4) {
		j--;
		if (((unsigned char)ta->text.p[j] & 0xc0) != 0x80)
			break;
	}
	return j + ta_charlen(ta, j) == i ? j : i - 1;
}

static int
ta_cw(const struct textarea *ta, size_t i)
{
	uint32_t cp;

	if (utf8_decode(ta->text.p + i, ta->text.len - i, &cp) == 0 ||
	    cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 1;		/* drawn as '?' */
	return utf8_cpwidth(cp);
}

static void
ta_addrow(struct textarea *ta, size_t start, size_t end)
{
	if (ta->nrows == ta->caprows) {
		ta->caprows = ta->caprows ? ta->caprows * 2 : 16;
		ta->rows = xreallocarray(ta->rows, ta->caprows,
		    sizeof *ta->rows);
	}
	ta->rows[ta->nrows].start = start;
	ta->rows[ta->nrows].end = end;
	ta->nrows++;
}

/* Split the text into display rows of at most w - 1 columns (the last
 * column is kept for the cursor at a row's end). */
static void
ta_layout(struct textarea *ta)
{
	size_t i = 0, rs, len = ta->text.len;
	int ww = ta->w > 2 ? ta->w - 1 : 1, col, cw;

	ta->nrows = 0;
	for (;;) {
		rs = i;
		col = 0;
		while (i < len && ta->text.p[i] != '\n') {
			cw = ta_cw(ta, i);
			if (col + cw > ww && i > rs) {
				ta_addrow(ta, rs, i);
				rs = i;
				col = 0;
			}
			col += cw;
			i += ta_charlen(ta, i);
		}
		ta_addrow(ta, rs, i);
		if (i >= len)
			break;
		i++;			/* the newline */
	}
}

/* The row holding the cursor: the last that starts at or before it. */
static size_t
ta_currow(const struct textarea *ta)
{
	size_t r = 0;

	while (r + 1 < ta->nrows && ta->rows[r + 1].start <= ta->cur)
		r++;
	return r;
}

static int
ta_col(const struct textarea *ta, size_t r, size_t to)
{
	size_t i = ta->rows[r].start;
	int col = 0;

	while (i < to) {
		col += ta_cw(ta, i);
		i += ta_charlen(ta, i);
	}
	return col;
}

/* Put the cursor in row r at the goal column, or the nearest before it. */
static void
ta_goto_row(struct textarea *ta, size_t r)
{
	size_t i = ta->rows[r].start, end = ta->rows[r].end;
	int col = 0, cw;

	/* A wrapped row's end is the next row's start: stop before it. */
	if (r + 1 < ta->nrows && ta->rows[r + 1].start == end && end > i)
		end = ta_prev(ta, end);
	while (i < end) {
		cw = ta_cw(ta, i);
		if (col + cw > ta->goal)
			break;
		col += cw;
		i += ta_charlen(ta, i);
	}
	ta->cur = i;
}

static void
ta_delete(struct textarea *ta, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(ta->text.p + from, ta->text.p + to, ta->text.len - to + 1);
	ta->text.len -= to - from;
	ta->cur = from;
}

static void
ta_insert(struct textarea *ta, const char *s, size_t n)
{
	buf_add(&ta->text, s, n);
	memmove(ta->text.p + ta->cur + n, ta->text.p + ta->cur,
	    ta->text.len - n - ta->cur);
	memcpy(ta->text.p + ta->cur, s, n);
	ta->text.p[ta->text.len] = '\0';
	ta->cur += n;
}

static size_t
ta_line_start(const struct textarea *ta, size_t i)
{
	while (i > 0 && ta->text.p[i - 1] != '\n')
		i--;
	return i;
}

static size_t
ta_line_end(const struct textarea *ta, size_t i)
{
	while (i < ta->text.len && ta->text.p[i] != '\n')
		i++;
	return i;
}

/* Up/Down/PgUp/PgDn: by rows, keeping the goal column; past the first
 * row to the text's start, past the last to its end. */
static int
ta_vertical(struct textarea *ta, long delta)
{
	size_t r;
	long to;

	ta_layout(ta);
	r = ta_currow(ta);
	if (delta < 0 && r == 0) {
		ta->cur = 0;
		ta->goal = -1;
		return 0;
	}
	if (delta > 0 && r + 1 >= ta->nrows) {
		ta->cur = ta->text.len;
		ta->goal = -1;
		return 0;
	}
	if (ta->goal < 0)
		ta->goal = ta_col(ta, r, ta->cur);
	to = (long)r + delta;
	if (to < 0)
		to = 0;
	if (to >= (long)ta->nrows)
		to = (long)ta->nrows - 1;
	ta_goto_row(ta, (size_t)to);
	return 0;
}

static int
ta_fnkey(struct textarea *ta, wint_t code)
{
	long page = ta->h > 2 ? ta->h - 1 : 1;
	size_t old = ta->text.len;

	switch (code) {
	case KEY_UP:
		return ta_vertical(ta, -1);
	case KEY_DOWN:
		return ta_vertical(ta, 1);
	case KEY_PPAGE:
		return ta_vertical(ta, -page);
	case KEY_NPAGE:
		return ta_vertical(ta, page);
	}
	ta->goal = -1;
	switch (code) {
	case KEY_LEFT:
		ta->cur = ta_prev(ta, ta->cur);
		return 0;
	case KEY_RIGHT:
		ta->cur += ta_charlen(ta, ta->cur);
		return 0;
	case KEY_HOME:
		ta->cur = ta_line_start(ta, ta->cur);
		return 0;
	case KEY_END:
		ta->cur = ta_line_end(ta, ta->cur);
		return 0;
	case KEY_BACKSPACE:
		ta_delete(ta, ta_prev(ta, ta->cur), ta->cur);
		return ta->text.len != old;
	case KEY_DC:
		ta_delete(ta, ta->cur, ta->cur + ta_charlen(ta, ta->cur));
		return ta->text.len != old;
	}
	return -1;
}

int
ta_key(struct textarea *ta, const struct tui_key *k)
{
	size_t old = ta->text.len, end;
	char u[4];

	if (k->fn)
		return ta_fnkey(ta, k->code);
	ta->goal = -1;
	switch (k->code) {
	case '\n':
		ta_insert(ta, "\n", 1);
		return 1;
	case TUI_CTRL('A'):
		ta->cur = ta_line_start(ta, ta->cur);
		return 0;
	case TUI_CTRL('E'):
		ta->cur = ta_line_end(ta, ta->cur);
		return 0;
	case TUI_CTRL('K'):
		end = ta_line_end(ta, ta->cur);
		if (end == ta->cur && end < ta->text.len)
			end++;		/* at the end: join the next line */
		ta_delete(ta, ta->cur, end);
		return ta->text.len != old;
	case TUI_CTRL('U'):
		ta_delete(ta, ta_line_start(ta, ta->cur), ta->cur);
		return ta->text.len != old;
	case TUI_CTRL('H'):
	case 0x7f:
		ta_delete(ta, ta_prev(ta, ta->cur), ta->cur);
		return ta->text.len != old;
	}
	if (k->code < 0x20 || (k->code >= 0x7f && k->code < 0xa0) ||
	    k->code > 0x10ffff || (k->code >= 0xd800 && k->code < 0xe000))
		return -1;
	ta_insert(ta, u, utf8_encode((uint32_t)k->code, u));
	return 1;
}

void
ta_draw(struct textarea *ta, int y, int x, int h, int w, bool focus)
{
	size_t r, i;
	char *line;

	if (h <= 0 || w <= 0)
		return;
	ta->w = w;
	ta->h = h;
	ta_layout(ta);
	r = ta_currow(ta);
	if (r < ta->top)
		ta->top = r;
	if (r >= ta->top + (size_t)h)
		ta->top = r - (size_t)h + 1;
	if (ta->top + (size_t)h > ta->nrows)
		ta->top = ta->nrows > (size_t)h ? ta->nrows - (size_t)h : 0;
	for (i = 0; i < (size_t)h; i++) {
		if (ta->top + i < ta->nrows) {
			line = xstrndup(ta->text.p + ta->rows[ta->top + i].start,
			    ta->rows[ta->top + i].end -
			    ta->rows[ta->top + i].start);
			tui_put(y + (int)i, x, w, line, true);
			free(line);
		} else
			tui_put(y + (int)i, x, w, "", true);
	}
	if (focus)
		tui_cursor(y + (int)(r - ta->top), x + ta_col(ta, r, ta->cur));
}

size_t
ta_rows(const char *text, int w)
{
	struct textarea *ta = ta_new(text);
	size_t n;

	ta->w = w;
	ta_layout(ta);
	n = ta->nrows;
	ta_free(ta);
	return n;
}

int
ta_show(struct tui *t, const char *text, int y, int x, int h, int w)
{
	struct textarea *ta;
	size_t i, len;
	char *line, *mark = NULL;
	int used = 0, cw, mw = 0;

	if (h <= 0 || w <= 0)
		return 0;
	ta = ta_new(text);
	ta->w = w;
	ta_layout(ta);
	if (ta->nrows > (size_t)h) {
		mark = xasprintf(tr(t, "… (+%zu lines)"),
		    ta->nrows - (size_t)h);
		mw = (int)utf8_width(mark);
	}
	for (i = 0; i < (size_t)h && i < ta->nrows; i++) {
		len = ta->rows[i].end - ta->rows[i].start;
		line = xstrndup(ta->text.p + ta->rows[i].start, len);
		if (mark != NULL && i + 1 == (size_t)h) {
			cw = tui_put(y + (int)i, x, w - mw - 1 > 0 ?
			    w - mw - 1 : 0, line, false);
			cw += 1 + tui_put(y + (int)i, x + cw + 1, w - cw - 1,
			    mark, false);
		} else
			cw = tui_put(y + (int)i, x, w, line, false);
		if (cw > used)
			used = cw;
		free(line);
	}
	free(mark);
	ta_free(ta);
	return used;
}
