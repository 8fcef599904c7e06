/*
 * tui-help.c — every key of every screen, from tui_help_table.  The table
 * is the reference for the screens' key schemes: a screen's key() should
 * do what its entry says and its key line should show the same keys.
 * Every F-key has a Ctrl- or letter twin, for phone SSH clients that send
 * no F-keys.  The help opens at the section of the screen it was called
 * from, and scrolls.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui-int.h"

#define HELP_KEYW	24	/* width of the key column */

static const char *const help_global[] = {
	"F1, Ctrl-_ or ?\tthis help (? where you are not typing)",
	"Ctrl-Q\tquit (an unsaved form is kept as a draft)",
	"Ctrl-L\trepaint the screen",
	NULL,
};

static const char *const help_menu[] = {
	"1 .. 9\topen a form's list",
	"Up/Down, ^P/^N, Enter\tmove the highlight; Enter opens",
	"b\tbatch entry: choose a form, then save-and-new all day",
	"/\tsearch a form",
	"a\taudit log: who changed what, when",
	"F1, Ctrl-_ or ?\thelp",
	"q\tquit",
	NULL,
};

static const char *const help_list[] = {
	"letters, digits\tletters and digits search as you type",
	"Up/Down, ^P/^N\tmove up / down",
	"PgUp/PgDn\tpage up / page down",
	"Home/End\tfirst / last row shown",
	"Enter\topen the highlighted record",
	"F3 or Ctrl-O\tnew record",
	"^A ^E ^K ^U ^W, arrows\tedit the search text",
	"Esc or Ctrl-X\tback to the menu",
	"F1, Ctrl-_ or ?\thelp (? while the search is empty)",
	NULL,
};

static const char *const help_form[] = {
	"Tab or Enter\tnext field",
	"Shift-Tab or Up\tprevious field (Up in a text: its line above)",
	"Ctrl-S or F2\tsave",
	"Ctrl-B or F5\tsave and start a new one (batch)",
	"Ctrl-W or F6\tworkflow action",
	"Ctrl-R or F7\thistory of this record",
	"Ctrl-G\tmember list actions (add, edit, reorder, remove)",
	"Space, or type\topen the choice list (or type a code or name)",
	"Ctrl-X or Esc\tclose (asks when unsaved)",
	"F1 or Ctrl-_\thelp",
	NULL,
};

static const char *const help_lineedit[] = {
	"Left/Right\tcursor by character",
	"Home/End, Ctrl-A/Ctrl-E\tstart / end of the line",
	"Backspace/Delete\tdelete before / at the cursor",
	"Ctrl-K/Ctrl-U\tdelete to the end / to the start",
	"Ctrl-W\tdelete the word before the cursor (search lines)",
	NULL,
};

static const char *const help_picker[] = {
	"letters, digits\tfilter: type a code or part of a name",
	"Up/Down, ^P/^N\tmove up / down",
	"PgUp/PgDn, Home/End\tscroll a page",
	"Enter\tchoose (single choice) / accept (multiple)",
	"Space\ttoggle an entry (multiple choice)",
	"Esc, Ctrl-G or Ctrl-X\tcancel",
	NULL,
};

static const char *const help_textarea[] = {
	"Enter\tnew line",
	"arrows\tmove by line and column; they never leave the text",
	"PgUp/PgDn\tscroll a page; at the top/bottom: the start/end",
	"Home/End, Ctrl-A/Ctrl-E\tstart / end of the line; ^K deletes to "
	    "its end",
	"Tab / Shift-Tab\tleave the text (next / previous field)",
	NULL,
};

static const char *const help_history[] = {
	"Up/Down, j/k\tscroll",
	"PgUp/PgDn, Space\tpage up / page down",
	"Home/End\tfirst / last row shown",
	"Esc, ^X, ^R, F7 or q\tclose",
	"F1, Ctrl-_ or ?\thelp",
	NULL,
};

static const char *const help_audit[] = {
	"Up/Down, PgUp/PgDn\tscroll",
	"Home/End\tfirst / last row shown",
	"^P/^N\tscroll",
	"Esc, Ctrl-X or q\tclose",
	"F1, Ctrl-_ or ?\thelp",
	NULL,
};

const struct tui_help tui_help_table[] = {
	{ "global", help_global },
	{ "menu", help_menu },
	{ "list", help_list },
	{ "form", help_form },
	{ "lineedit", help_lineedit },
	{ "picker", help_picker },
	{ "textarea", help_textarea },
	{ "history", help_history },
	{ "audit", help_audit },
	{ NULL, NULL },
};

static const struct {
	const char *screen;
	const char *title;
} help_titles[] = {
	{ "global", "Every screen" },
	{ "menu", "Main menu" },
	{ "list", "List and search" },
	{ "form", "Form" },
	{ "lineedit", "Single-line fields" },
	{ "picker", "Choice picker" },
	{ "textarea", "Multi-line text" },
	{ "history", "History" },
	{ "audit", "Audit log" },
};

struct help {
	size_t		 top;		/* first line shown */
	size_t		 start;		/* line of the caller's section */
	size_t		 nlines;
};

/* One display line: a section title (line == NULL) or a key entry. */
static bool
help_line(size_t n, const struct tui_help **sec, const char **line)
{
	const struct tui_help *h;
	size_t i;

	for (h = tui_help_table; h->screen != NULL; h++) {
		if (n-- == 0) {
			*sec = h;
			*line = NULL;
			return true;
		}
		for (i = 0; h->lines[i] != NULL; i++)
			if (n-- == 0) {
				*sec = h;
				*line = h->lines[i];
				return true;
			}
		if (n-- == 0) {		/* blank line after a section */
			*sec = NULL;
			*line = NULL;
			return true;
		}
	}
	return false;
}

static const char *
help_section_title(struct tui *t, const char *screen)
{
	size_t i;

	for (i = 0; i < nitems(help_titles); i++)
		if (strcmp(help_titles[i].screen, screen) == 0)
			return tr(t, help_titles[i].title);
	return screen;
}

static void *
help_init(struct tui *t, void *arg)
{
	struct help *h = xcalloc(1, sizeof *h);
	const struct tui_help *sec;
	const char *line;
	size_t n;

	(void)t;
	for (n = 0; help_line(n, &sec, &line); n++)
		if (arg != NULL && sec != NULL && line == NULL &&
		    strcmp(sec->screen, arg) == 0 && h->start == 0)
			h->start = n;
	h->nlines = n;
	h->top = h->start;
	return h;
}

static void
help_draw(struct tui *t, void *vst)
{
	struct help *h = vst;
	const struct tui_help *sec;
	const char *line, *tab;
	int y, rows = tui_body_rows(t);
	char *key;

	if (h->top + (size_t)rows > h->nlines)
		h->top = h->nlines > (size_t)rows ? h->nlines - (size_t)rows : 0;
	for (y = 0; y < rows; y++) {
		if (!help_line(h->top + (size_t)y, &sec, &line))
			break;
		if (sec == NULL)
			continue;
		if (line == NULL) {
			tui_attr_label(t, true);
			tui_put(tui_body_top(t) + y, 1, t->cols - 2,
			    help_section_title(t, sec->screen), false);
			tui_attr_label(t, false);
			continue;
		}
		if ((tab = strchr(line, '\t')) == NULL)
			tab = line + strlen(line);
		key = xstrndup(line, (size_t)(tab - line));
		tui_put(tui_body_top(t) + y, 3, HELP_KEYW, key, true);
		tui_put(tui_body_top(t) + y, 3 + HELP_KEYW + 1,
		    t->cols - HELP_KEYW - 5, tr(t, *tab ? tab + 1 : ""), false);
		free(key);
	}
}

static enum tui_ret
help_key(struct tui *t, void *vst, const struct tui_key *k)
{
	struct help *h = vst;
	size_t page = (size_t)(tui_body_rows(t) > 2 ? tui_body_rows(t) - 1 : 1);

	if (k->fn) {
		switch (k->code) {
		case KEY_UP:
			h->top = h->top > 0 ? h->top - 1 : 0;
			return TUI_HANDLED;
		case KEY_DOWN:
			h->top++;
			return TUI_HANDLED;
		case KEY_PPAGE:
			h->top = h->top > page ? h->top - page : 0;
			return TUI_HANDLED;
		case KEY_NPAGE:
			h->top += page;
			return TUI_HANDLED;
		case KEY_HOME:
			h->top = 0;
			return TUI_HANDLED;
		case KEY_END:
			h->top = h->nlines;
			return TUI_HANDLED;
		case KEY_F(1):
			return TUI_CLOSE;
		}
		return TUI_UNHANDLED;
	}
	switch (k->code) {
	case TUI_CTRL('P'):
		h->top = h->top > 0 ? h->top - 1 : 0;
		return TUI_HANDLED;
	case TUI_CTRL('N'):
	case ' ':
		h->top += k->code == ' ' ? page : 1;
		return TUI_HANDLED;
	case TUI_ESC:
	case TUI_CTRL('X'):
	case 'q':
	case '?':
	case TUI_CTRL('_'):
	case '\n':
		return TUI_CLOSE;
	}
	return TUI_UNHANDLED;
}

static const char *
help_keys(struct tui *t, void *vst)
{
	(void)vst;
	return tr(t, "Up/Down/PgUp/PgDn scroll  Esc close");
}

static const char *
help_title(struct tui *t, void *vst)
{
	(void)vst;
	return tr(t, "Keys");
}

static void
help_free(void *vst)
{
	free(vst);
}

const struct screen screen_help = {
	.name = "help",
	.init = help_init,
	.draw = help_draw,
	.key = help_key,
	.keys = help_keys,
	.title = help_title,
	.hangup = NULL,
	.resume = NULL,
	.free = help_free,
};
