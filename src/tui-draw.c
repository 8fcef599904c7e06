/*
 * tui-draw.c — drawing helpers shared by the screens: width-aware UTF-8
 * output that never splits a character, lines and boxes that fall back to
 * ASCII on terminals without line drawing, and the few attributes the
 * screens use, which degrade to reverse and bold without colour.
 *
 * Everything paints into stdscr; nothing here refreshes.
 */
#include <curses.h>
#include <string.h>

#include "tui-int.h"

enum {
	PAIR_TITLE = 1,
	PAIR_SELECT,
	PAIR_ERROR,
	PAIR_LABEL,
};

static bool draw_ascii;
static bool draw_color;
static int cursor_y = -1, cursor_x = -1;

void
tui_draw_init(struct tui *t)
{
	draw_ascii = t->ascii;
	draw_color = t->color;
	if (!draw_color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_LABEL, COLOR_CYAN, -1);
}

/*
 * Put one code point (its UTF-8 bytes at s, n long; n 0 for an invalid
 * byte) at the current position.  Control characters and invalid bytes
 * become '?', so a stored newline or ESC can never move the cursor or
 * reach the terminal.
 */
static void
draw_char(const char *s, size_t n, uint32_t cp)
{
	if (n == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
		addch('?');
		return;
	}
	addnstr(s, (int)n);
}

int
tui_put(int y, int x, int w, const char *s, bool pad)
{
	size_t len, i = 0, n;
	uint32_t cp;
	int used = 0, cw;

	if (w <= 0)
		return 0;
	if (s == NULL)
		s = "";
	len = strlen(s);
	move(y, x);
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			cw = 1;
			cp = 0;
		} else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			cw = 1;
		else
			cw = utf8_cpwidth(cp);
		if (used + cw > w)
			break;
		draw_char(s + i, n, cp);
		used += cw;
		i += n == 0 ? 1 : n;
	}
	if (pad) {
		for (; used < w; used++)
			addch(' ');
	}
	return used;
}

void
tui_hline(int y, int x, int w)
{
	if (w <= 0)
		return;
	if (draw_ascii)
		mvhline(y, x, '-', w);
	else
		mvhline(y, x, ACS_HLINE, w);
}

void
tui_box(int y, int x, int h, int w)
{
	chtype hl = ACS_HLINE, vl = ACS_VLINE, ul = ACS_ULCORNER,
	    ur = ACS_URCORNER, ll = ACS_LLCORNER, lr = ACS_LRCORNER;
	int i;

	if (h < 2 || w < 2)
		return;
	if (draw_ascii) {
		hl = '-';
		vl = '|';
		ul = ur = ll = lr = '+';
	}
	mvaddch(y, x, ul);
	mvhline(y, x + 1, hl, w - 2);
	mvaddch(y, x + w - 1, ur);
	for (i = 1; i < h - 1; i++) {
		mvaddch(y + i, x, vl);
		mvaddch(y + i, x + w - 1, vl);
	}
	mvaddch(y + h - 1, x, ll);
	mvhline(y + h - 1, x + 1, hl, w - 2);
	mvaddch(y + h - 1, x + w - 1, lr);
}

/* Does cell (y, x) of stdscr start a character (not the right half of a
 * wide one)?  Walks the row from its start by character widths. */
static bool
cell_starts(int y, int x)
{
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1];
	attr_t a;
	short pair;
	int c = 0, w;

	while (c < x) {
		w = 1;
		if (mvin_wch(y, c, &cc) != ERR &&
		    getcchar(&cc, wc, &a, &pair, NULL) != ERR && wc[0] != 0)
			w = utf8_cpwidth((uint32_t)wc[0]);
		c += w > 1 ? w : 1;
	}
	return c == x;
}

void
tui_popup_box(int y, int x, int h, int w)
{
	int i, mx = getmaxx(stdscr);
	bool left, right;

	if (h < 2 || w < 2)
		return;

	for (i = 0; i < h; i++) {
		/* A wide character cut by an edge goes whole: half of one
		 * left on the terminal shifts or garbles the rest.  (Both
		 * edges are looked at before either is blanked.) */
		left = x > 0 && !cell_starts(y + i, x);
		right = x + w < mx && !cell_starts(y + i, x + w);
		if (left) {
			mvaddch(y + i, x - 1, ' ');
			mvaddch(y + i, x, ' ');
		}
		if (right) {
			mvaddch(y + i, x + w - 1, ' ');
			mvaddch(y + i, x + w, ' ');
		}
		tui_put(y + i, x, w, "", true);
	}
	tui_box(y, x, h, w);
}

static void
draw_attr(bool on, int pair, attr_t plain)
{
	attr_t a = draw_color ? (attr_t)COLOR_PAIR(pair) : plain;

	if (on)
		attron(a);
	else
		attroff(a);
}

void
tui_attr_title(struct tui *t, bool on)
{
	(void)t;
	draw_attr(on, PAIR_TITLE, A_REVERSE);
}

void
tui_attr_select(struct tui *t, bool on)
{
	(void)t;
	draw_attr(on, PAIR_SELECT, A_REVERSE);
}

void
tui_attr_error(struct tui *t, bool on)
{
	(void)t;
	if (on)
		attron(A_BOLD);
	else
		attroff(A_BOLD);
	if (draw_color)
		draw_attr(on, PAIR_ERROR, 0);
}

void
tui_attr_label(struct tui *t, bool on)
{
	(void)t;
	if (draw_color)
		draw_attr(on, PAIR_LABEL, 0);
	else if (on)
		attron(A_BOLD);
	else
		attroff(A_BOLD);
}

void
tui_cursor(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

void
tui_cursor_reset(void)
{
	cursor_y = cursor_x = -1;
}

bool
tui_cursor_get(int *y, int *x)
{
	if (cursor_y < 0)
		return false;
	*y = cursor_y;
	*x = cursor_x;
	return true;
}
