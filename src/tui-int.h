/*
 * tui-int.h — what the tui-*.c files share: the screen stack, keys, drawing
 * helpers, widgets (line editor, multi-line editor, choice picker), the
 * message table for zh/en, and the state of the whole interface.
 *
 * Drawing model: each screen's draw() paints its whole picture into stdscr
 * with erase() first (never clear()); tui.c then calls doupdate() once per
 * key, and curses sends only the cells that changed, so typing one
 * character in a field costs a few bytes on the wire.  No screen calls
 * refresh() itself.  Screens call app functions (app.h) for data and never
 * keep a transaction open (app functions don't either).
 */
#ifndef GRIDBOOK_TUI_INT_H
#define GRIDBOOK_TUI_INT_H

#include <stdbool.h>
#include <wchar.h>

#include "app.h"
#include "tui.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

/* A key as read by get_wch(): a character, or a curses KEY_* code.
 * tui_getkey() normalises Enter: '\r' and KEY_ENTER arrive as
 * {fn = false, code = '\n'}. */
struct tui_key {
	bool	 fn;		/* true: code is a KEY_* value */
	wint_t	 code;		/* character or KEY_* */
};
#define TUI_CTRL(c) ((c) & 0x1f)
#define TUI_ESC 27

/* Return values of a screen's key(). */
enum tui_ret {
	TUI_UNHANDLED,		/* tui.c tries global keys (help, quit) */
	TUI_HANDLED,		/* redraw */
	TUI_CLOSE,		/* pop this screen */
};

struct tui;

/* One screen per tui-*.c: `const struct screen screen_list = {...}`. */
struct screen {
	const char	*name;
	/* Build the screen's state from arg (screen-specific); NULL on
	 * failure after setting a message with tui_message(). */
	void		*(*init)(struct tui *, void *arg);
	/* Paint the area between the title line and the key line. */
	void		 (*draw)(struct tui *, void *st);
	enum tui_ret	 (*key)(struct tui *, void *st, const struct tui_key *);
	/* The key line: "Tab 下一项  ^S 保存  ^X 放弃  F1 帮助". */
	const char	*(*keys)(struct tui *, void *st);
	/* Title shown on the top line. */
	const char	*(*title)(struct tui *, void *st);
	/* SIGHUP/SIGTERM or quit: save what must not be lost (drafts). */
	void		 (*hangup)(struct tui *, void *st);
	/* A screen above was popped; reload data that may have changed. */
	void		 (*resume)(struct tui *, void *st);
	void		 (*free)(void *st);
};

struct tui_frame {
	const struct screen	*scr;
	void			*st;
};

struct tui {
	struct session		*s;
	const char		*lang;		/* "zh" or "en" */
	int			 rows, cols;
	bool			 too_small;
	bool			 color;		/* has_colors() and not vt100 */
	bool			 ascii;		/* no ACS/Unicode line drawing */
	struct tui_frame	*stack;
	size_t			 depth;
	size_t			 cap;
	char			*message;	/* shown on the line above keys */
	bool			 message_error;
	bool			 quit;
	/* Batch entry statistics for this session. */
	unsigned		 saved_count;
	long			 session_start;	/* time() at start */
};

/* tui.c: the stack and the loop. */
int tui_push(struct tui *, const struct screen *, void *arg);
void tui_pop(struct tui *);
/* Set the message line (printf-style); error=true shows it in bold/colour. */
void tui_message(struct tui *, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An app function failed: show its message (app_errmsg, may be NULL or
 * empty) in the interface's language, else gb_strerror(rc). */
void tui_app_error(struct tui *, const char *msg, int rc);
/* Ask a yes/no question on the message line; blocks for y/n/Esc. */
bool tui_confirm(struct tui *, const char *question);
/* The area a screen may paint: rows 1..rows-3 (row 0 title, rows-2 message,
 * rows-1 keys). */
int tui_body_top(const struct tui *);
int tui_body_rows(const struct tui *);
/*
 * For modal loops (picker, confirm, a screen's own prompt): wait for a key.
 * Handles resize (t->rows/cols/too_small updated, the key KEY_RESIZE is
 * returned so the caller repaints).  Returns 0 with *k, or -1 when SIGHUP/
 * SIGTERM arrived: the caller cancels and returns; the main loop then saves
 * drafts and exits.
 */
int tui_getkey(struct tui *, struct tui_key *k);
/* Paint the whole interface into stdscr (title, the top screen, message,
 * keys; or the "too small" line) without updating the terminal.  keys, when
 * not NULL, replaces the top screen's key line (a modal popup's keys).
 * A modal loop calls this, draws its popup, then tui_update(). */
void tui_paint(struct tui *, const char *keys);
/* Place the terminal cursor as asked by tui_cursor() (else hide it) and
 * send the changes: the only place that calls doupdate(). */
void tui_update(struct tui *);

/* tui-draw.c: drawing helpers, all UTF-8 and width-aware. */
/* Put s at (y, x) clipped to w columns (never splitting a character);
 * pads with spaces to w when pad.  Returns columns used. */
int tui_put(int y, int x, int w, const char *s, bool pad);
void tui_hline(int y, int x, int w);
void tui_box(int y, int x, int h, int w);
/* A popup's frame: blank the area, whole cells at its edges (a wide
 * character cut by an edge is blanked entirely), then the box. */
void tui_popup_box(int y, int x, int h, int w);
/* Attributes that degrade on vt100: reverse and bold only. */
void tui_attr_title(struct tui *, bool on);
void tui_attr_select(struct tui *, bool on);
void tui_attr_error(struct tui *, bool on);
void tui_attr_label(struct tui *, bool on);
/* Called by tui.c once after initscr: ascii borders, colour pairs. */
void tui_draw_init(struct tui *);
/* Where the terminal cursor should be after this paint (a focused editor
 * calls it); tui_paint() forgets it, so an unfocused screen hides it. */
void tui_cursor(int y, int x);
void tui_cursor_reset(void);
bool tui_cursor_get(int *y, int *x);

/* tui-i18n.c: interface strings.  Keys are the English text; a string
 * without a translation is shown in English.  format_arg lets the compiler
 * check tui_message(t, 0, tr(t, "saved %s"), hid) against the English. */
const char *tr(const struct tui *, const char *en)
    __attribute__((format_arg(2)));
/* The same for a language name ("zh"/"en"), for tests. */
const char *tr_lang(const char *lang, const char *en)
    __attribute__((format_arg(2)));
/* Every table entry, for the test that checks the zh text keeps the
 * English printf conversions: en[i], zh[i] for i < *n. */
void tr_table(const char *const **en, const char *const **zh, size_t *n);

/* tui-msg.c: a message of the layers below (field parsers, record
 * validation, app saves and moves, all in English) in the interface's
 * language, by matching the known message patterns; anything else comes
 * back unchanged.  malloc'd; msg NULL gives "". */
char *tr_app(const struct tui *, const char *msg);
char *tr_app_lang(const char *lang, const char *msg);

/* tui-edit.c: a one-line editor over UTF-8 text.  Pure logic in le_*
 * (testable without curses), drawing in le_draw. */
struct lineedit {
	struct buf	 text;
	size_t		 cur;		/* byte offset, always at a char start */
	size_t		 scroll;	/* byte offset of the first shown char */
	size_t		 maxchars;	/* 0 = no limit */
};
void le_init(struct lineedit *, const char *text, size_t maxchars);
void le_set(struct lineedit *, const char *text);
void le_free(struct lineedit *);
/* Apply an editing key: printable characters insert; Left/Right, Home/End,
 * Ctrl-A/E, Backspace/Delete, Ctrl-K (kill to end), Ctrl-U (kill to start),
 * Ctrl-W (kill word).  Returns 1 if the text changed, 0 if only the cursor
 * moved, -1 if the key is not an editing key. */
int le_key(struct lineedit *, const struct tui_key *);
void le_insert(struct lineedit *, const char *utf8);
/* Draw in w columns at (y, x); wide chars take two columns; scrolls so the
 * cursor is visible; places the terminal cursor when focus. */
void le_draw(struct lineedit *, int y, int x, int w, bool focus);

/* tui-textarea.c: a multi-line editor (minutes are long).  Enter inserts a
 * newline; lines wrap at the width by display columns. */
struct textarea;
struct textarea *ta_new(const char *text);
void ta_free(struct textarea *);
const char *ta_text(struct textarea *);
int ta_key(struct textarea *, const struct tui_key *);
void ta_draw(struct textarea *, int y, int x, int h, int w, bool focus);
/* The rows text takes when wrapped at w columns, as ta_draw wraps it. */
size_t ta_rows(const char *text, int w);
/* Paint a textarea's text that is not being edited: its first h rows
 * wrapped at w; when more follow, the last row shown ends in a marker
 * "… (+N lines)".  Returns the columns of the widest row. */
int ta_show(struct tui *, const char *text, int y, int x, int h, int w);

/* tui-picker.c: choose from a list, filtering as the user types a code or
 * part of a label.  Runs its own small modal loop; returns the chosen
 * code (malloc'd) or NULL on Esc.  multi: toggles with Space, Enter
 * accepts; `current` is the current canonical value. */
char *tui_pick(struct tui *, const struct choice_list *, const char *current,
    bool multi, const char *title);
/* The filter the picker applies (pure, for tests): indexes of the choices
 * matching text into idx (room for l->n), best first: an exact code, code
 * prefixes, then labels (zh or en, case-insensitive) containing text, each
 * group in list order.  Empty text: all, in order.  Returns the count. */
size_t tui_pick_filter(const struct choice_list *, const char *text,
    size_t *idx);

/* tui-list.c: a canonical value as lists show it (malloc'd): a choice's
 * label in t->lang, multichoice labels joined with ',', bool as yes/no,
 * an ID number masked, a textarea on one line, else the type's format. */
char *tui_value_text(struct tui *, const struct field *, const char *canon);

/* The screens. */
extern const struct screen screen_menu;		/* tui-menu.c */
extern const struct screen screen_list;		/* tui-list.c: arg = form */
extern const struct screen screen_form;		/* tui-form.c: arg = struct
						 * tui_form_arg */
extern const struct screen screen_history;	/* tui-history.c: arg =
						 * struct tui_form_arg */
extern const struct screen screen_help;		/* tui-help.c */
extern const struct screen screen_audit;	/* tui-audit.c: all entries */

/* tui-audit.c: one change of an audit entry as the audit log and a
 * record's history both show it: "label: old → new" in the session's
 * language (choice names, state labels), ID numbers masked (idcard_mask:
 * someone may be looking over a leader's shoulder; `gridbook get` shows
 * them whole), "(empty)" for no value.  NULL for the _grid meta of a form
 * with its own grid field (it repeats that field).  form may be NULL (a
 * form no longer loaded): the path and raw values.  malloc'd. */
char *tui_audit_change(struct tui *, const struct form *,
    const struct change *);

struct tui_form_arg {
	const struct form	*form;
	struct record		*rec;		/* owned by the screen from
						 * init on, also when init
						 * fails; NULL = new; id 0 =
						 * a new record's draft */
	bool			 batch;		/* batch entry mode */
};

/* Help text of a screen for the help screen: lines "key\tdoes what"
 * (the description is an English tr() key).  The table ends with
 * {NULL, NULL}.  screen_help's arg is the name of the screen to show
 * first (a const char *, or NULL). */
struct tui_help {
	const char	*screen;
	const char	*const *lines;
};
extern const struct tui_help tui_help_table[];

#endif
