/*
 * tui.c — the curses interface's frame: opening the session, the terminal
 * set-up (raw keys, short ESCDELAY, colour or reverse/bold, ACS or ASCII
 * borders), the stack of screens, the key loop, resize, the title, message
 * and key lines, the global keys, and the signals of a dropped SSH link.
 *
 * One paint and one doupdate() per key: every screen paints its whole
 * picture into stdscr and curses sends only what changed.
 *
 * SIGHUP/SIGTERM only set a flag; get_wch() runs with a short timeout, so
 * the loop sees the flag within a fraction of a second, asks every screen
 * to save what must not be lost (the form's draft), restores the terminal
 * and returns 0.  Ctrl-C is a key in raw mode; SIGINT from kill is ignored.
 */
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui-int.h"

#define TUI_POLL_MS	200	/* get_wch() timeout: how soon a signal is seen */
#define TUI_EOF_SPINS	50	/* immediate ERRs in a row that mean no input */

static volatile sig_atomic_t tui_signalled;
static SCREEN *tui_screen;

static void
tui_on_signal(int sig)
{
	tui_signalled = sig;
}

static void
tui_fatal_hook(void)
{
	endwin();
}

int
tui_body_top(const struct tui *t)
{
	(void)t;
	return 1;
}

int
tui_body_rows(const struct tui *t)
{
	return t->rows - 3;
}

int
tui_push(struct tui *t, const struct screen *scr, void *arg)
{
	void *st;

	if ((st = scr->init(t, arg)) == NULL)
		return -1;
	if (t->depth == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->stack = xreallocarray(t->stack, t->cap, sizeof *t->stack);
	}
	t->stack[t->depth].scr = scr;
	t->stack[t->depth].st = st;
	t->depth++;
	return 0;
}

/* Remove frame i of the stack; resume the new top when i was the top. */
static void
tui_remove(struct tui *t, size_t i)
{
	struct tui_frame f = t->stack[i];
	bool top = i == t->depth - 1;

	memmove(t->stack + i, t->stack + i + 1,
	    (t->depth - i - 1) * sizeof *t->stack);
	t->depth--;
	if (f.scr->free != NULL)
		f.scr->free(f.st);
	if (top && t->depth > 0 && t->stack[t->depth - 1].scr->resume != NULL)
		t->stack[t->depth - 1].scr->resume(t, t->stack[t->depth - 1].st);
}

void
tui_pop(struct tui *t)
{
	if (t->depth > 0)
		tui_remove(t, t->depth - 1);
}

void
tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	free(t->message);
	va_start(ap, fmt);
	t->message = xvasprintf(fmt, ap);
	va_end(ap);
	t->message_error = error;
}

void
tui_app_error(struct tui *t, const char *msg, int rc)
{
	char *m;

	if (msg == NULL || *msg == '\0') {
		tui_message(t, true, "%s", gb_strerror(rc));
		return;
	}
	m = tr_app(t, msg);
	tui_message(t, true, "%s", m);
	free(m);
}

static void
tui_message_clear(struct tui *t)
{
	free(t->message);
	t->message = NULL;
	t->message_error = false;
}

static void
tui_size(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	t->too_small = t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS;
}

static long
tui_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * After an Esc: if the bytes of an escape sequence curses did not know
 * follow at once (ESC [ ... or ESC O x from a terminal whose keys differ
 * from its terminfo), read and drop them, so they neither close a screen
 * nor type "[1~" into a field.  Returns true if it dropped one.
 */
static bool
tui_swallow_sequence(void)
{
	wint_t wc;
	int r, n;

	timeout(0);
	r = get_wch(&wc);
	if (r == ERR || r == KEY_CODE_YES || (wc != '[' && wc != 'O')) {
		if (r == KEY_CODE_YES)
			ungetch((int)wc);
		else if (r != ERR)
			unget_wch(wc);
		timeout(TUI_POLL_MS);
		return false;
	}
	/* Parameters and intermediates, then one final byte. */
	for (n = 0; n < 16; n++) {
		if (get_wch(&wc) == ERR)
			break;
		if (wc >= 0x40 && wc <= 0x7e)
			break;
	}
	timeout(TUI_POLL_MS);
	return true;
}

int
tui_getkey(struct tui *t, struct tui_key *k)
{
	int r, spins = 0;
	wint_t wc;
	long start;

	for (;;) {
		if (tui_signalled)
			return -1;
		start = tui_ms();
		r = get_wch(&wc);
		if (r == ERR) {
			/* An ERR well before the timeout, again and again:
			 * the terminal is gone (EOF), as good as a hangup. */
			if (tui_ms() - start < TUI_POLL_MS / 4 &&
			    ++spins >= TUI_EOF_SPINS)
				tui_signalled = SIGHUP;
			else if (tui_ms() - start >= TUI_POLL_MS / 4)
				spins = 0;
			continue;
		}
		k->fn = r == KEY_CODE_YES;
		k->code = wc;
		if (!k->fn && wc == TUI_ESC && tui_swallow_sequence())
			continue;
		if (k->fn && wc == KEY_RESIZE)
			tui_size(t);
		if ((k->fn && wc == KEY_ENTER) || (!k->fn && wc == '\r')) {
			k->fn = false;
			k->code = '\n';
		}
		return 0;
	}
}

static void
tui_paint_title(struct tui *t)
{
	const struct tui_frame *f = &t->stack[t->depth - 1];
	const char *title = f->scr->title != NULL ? f->scr->title(t, f->st) :
	    "";
	const char *community = t->s->cfg != NULL &&
	    t->s->cfg->community != NULL ? t->s->cfg->community : "";
	char *left, *right;
	int rw;

	if (t->s->user != NULL)
		right = xasprintf("%s (%s) ", t->s->user->name != NULL ?
		    t->s->user->name : t->s->user->login,
		    tr(t, role_name(t->s->user->role)));
	else
		right = xasprintf("%s ", t->s->login);
	rw = (int)utf8_width(right);
	if (rw > t->cols / 3)
		rw = t->cols / 3;
	/* The community's name goes first when the title leaves room. */
	if (*community != '\0' && (int)(utf8_width(community) +
	    utf8_width(title)) + 5 < t->cols - rw)
		left = xasprintf(" %s · %s", community, title);
	else
		left = xasprintf(" %s", title);
	tui_attr_title(t, true);
	tui_put(0, 0, t->cols - rw, left, true);
	if ((int)utf8_width(left) >= t->cols - rw)	/* keep a gap */
		mvaddch(0, t->cols - rw - 1, ' ');
	tui_put(0, t->cols - rw, rw, right, true);
	tui_attr_title(t, false);
	free(left);
	free(right);
}

void
tui_paint(struct tui *t, const char *keys)
{
	const struct tui_frame *f;

	tui_cursor_reset();
	erase();
	if (t->too_small) {
		tui_attr_error(t, true);
		tui_put(0, 0, t->cols, tr(t, "terminal too small (need 80x24)"),
		    false);
		tui_attr_error(t, false);
		if (strcmp(t->lang, "en") != 0 && t->rows > 1)
			tui_put(1, 0, t->cols, "terminal too small (need 80x24)",
			    false);
		return;
	}
	if (t->depth == 0)
		return;
	f = &t->stack[t->depth - 1];
	f->scr->draw(t, f->st);
	tui_paint_title(t);
	move(t->rows - 2, 0);
	clrtoeol();
	if (t->message != NULL) {
		if (t->message_error)
			tui_attr_error(t, true);
		tui_put(t->rows - 2, 0, t->cols, t->message, false);
		if (t->message_error)
			tui_attr_error(t, false);
	}
	if (keys == NULL && f->scr->keys != NULL)
		keys = f->scr->keys(t, f->st);
	tui_attr_select(t, true);
	tui_put(t->rows - 1, 0, t->cols - 1, keys != NULL ? keys : "", true);
	tui_attr_select(t, false);
}

void
tui_update(struct tui *t)
{
	int y, x;

	if (!t->too_small && tui_cursor_get(&y, &x)) {
		curs_set(1);
		move(y, x);
	} else {
		curs_set(0);
		move(t->rows - 1, t->cols - 1);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* Ask on the message line; returns the key typed among `accept`
 * (lower-cased), or 0 for Esc or a hangup. */
static int
tui_ask(struct tui *t, const char *question, const char *accept)
{
	struct tui_key k;
	int w;

	for (;;) {
		tui_paint(t, tr(t, "y yes  n no  Esc cancel"));
		if (!t->too_small) {
			move(t->rows - 2, 0);
			clrtoeol();
			attron(A_BOLD);
			w = tui_put(t->rows - 2, 0, t->cols - 1, question, false);
			attroff(A_BOLD);
			tui_cursor(t->rows - 2, w < t->cols - 1 ? w : t->cols - 1);
		}
		tui_update(t);
		if (tui_getkey(t, &k) == -1)
			return 0;
		if (k.fn)
			continue;
		if (k.code == TUI_ESC || k.code == TUI_CTRL('G'))
			return 0;
		if (k.code == 0x662f)		/* 是 */
			k.code = 'y';
		if (k.code == 0x5426)		/* 否 */
			k.code = 'n';
		if (k.code < 0x80 && strchr(accept, (int)k.code | 0x20) != NULL)
			return (int)k.code | 0x20;
	}
}

bool
tui_confirm(struct tui *t, const char *question)
{
	return tui_ask(t, question, "yn") == 'y';
}

/* Ctrl-Q or a signal: every screen saves what must not be lost. */
static void
tui_hangup_all(struct tui *t)
{
	size_t i;

	for (i = t->depth; i > 0; i--)
		if (t->stack[i - 1].scr->hangup != NULL)
			t->stack[i - 1].scr->hangup(t, t->stack[i - 1].st);
}

static void
tui_free_all(struct tui *t)
{
	while (t->depth > 0) {
		struct tui_frame f = t->stack[--t->depth];

		if (f.scr->free != NULL)
			f.scr->free(f.st);
	}
	free(t->stack);
	t->stack = NULL;
	tui_message_clear(t);
}

/* "10:32" today, else "12-03 10:32" (saved_at in seconds or µs). */
static void
tui_when(int64_t at, char *out, size_t len)
{
	time_t when, now = time(NULL);
	struct tm tm, tn;

	if (at > 100000000000LL)
		at /= 1000000;
	when = (time_t)at;
	localtime_r(&when, &tm);
	localtime_r(&now, &tn);
	if (tm.tm_year == tn.tm_year && tm.tm_yday == tn.tm_yday)
		strftime(out, len, "%H:%M", &tm);
	else
		strftime(out, len, "%Y-%m-%d %H:%M", &tm);
}

/* The drafts this user left (a dropped link): restore one, or delete. */
static void
tui_offer_drafts(struct tui *t)
{
	struct app_draft_info *d = NULL;
	struct tui_form_arg arg;
	const struct form *form;
	struct record *rec;
	int64_t at;
	size_t n = 0, i;
	char when[32], *q;
	int a;

	if (app_drafts(t->s, &d, &n) != 0)
		return;
	for (i = 0; i < n; i++) {
		if ((form = app_form(t->s, d[i].form)) == NULL)
			continue;
		tui_when(d[i].saved_at, when, sizeof when);
		if (strcmp(d[i].id_or_new, "new") == 0)
			q = xasprintf(tr(t, "restore the %s you were entering at "
			    "%s? (y/n)"), label_get(&form->title, t->lang),
			    when);
		else
			q = xasprintf(tr(t, "restore your unsaved changes to %s "
			    "%s from %s? (y/n)"), label_get(&form->title,
			    t->lang), d[i].id_or_new, when);
		a = tui_ask(t, q, "yn");
		free(q);
		if (tui_signalled)
			break;
		if (a == 'n') {
			app_draft_delete(t->s, form, d[i].id_or_new);
			continue;
		}
		if (a != 'y')
			continue;
		rec = NULL;
		if (app_draft_load(t->s, form, d[i].id_or_new, &rec, &at) != 0) {
			tui_message(t, true, tr(t, "cannot restore the draft: "
			    "%s"), app_errmsg(t->s));
			continue;
		}
		memset(&arg, 0, sizeof arg);
		arg.form = form;
		arg.rec = rec;
		tui_push(t, &screen_form, &arg);
		break;
	}
	app_drafts_free(d, n);
}

/* Keys no screen took: help, quit, redraw. */
static void
tui_global_key(struct tui *t, const struct tui_key *k)
{
	const struct tui_frame *f = &t->stack[t->depth - 1];

	if ((k->fn && k->code == KEY_F(1)) || (!k->fn && (k->code == '?' ||
	    k->code == TUI_CTRL('_')))) {
		if (f->scr != &screen_help)
			tui_push(t, &screen_help, (void *)f->scr->name);
		return;
	}
	if (!k->fn && k->code == TUI_CTRL('Q')) {
		t->quit = true;
		return;
	}
}

static void
tui_loop(struct tui *t)
{
	struct tui_key k;
	enum tui_ret r;
	void *st;
	size_t i;

	while (!t->quit && t->depth > 0) {
		tui_paint(t, NULL);
		tui_update(t);
		if (tui_getkey(t, &k) == -1)
			return;
		if (k.fn && k.code == KEY_RESIZE)
			continue;
		tui_message_clear(t);
		if (!k.fn && k.code == TUI_CTRL('L')) {
			clearok(curscr, TRUE);
			continue;
		}
		if (t->too_small) {	/* nothing to see: only quit works */
			if (!k.fn && k.code == TUI_CTRL('Q'))
				t->quit = true;
			continue;
		}
		st = t->stack[t->depth - 1].st;
		r = t->stack[t->depth - 1].scr->key(t, st, &k);
		if (r == TUI_CLOSE) {
			/* The screen may have pushed another first. */
			for (i = t->depth; i > 0; i--)
				if (t->stack[i - 1].st == st) {
					tui_remove(t, i - 1);
					break;
				}
		} else if (r == TUI_UNHANDLED)
			tui_global_key(t, &k);
	}
}

static bool
tui_vt100_like(void)
{
	const char *term = getenv("TERM");

	return term == NULL || strncmp(term, "vt", 2) == 0 ||
	    strcmp(term, "dumb") == 0;
}

static void
tui_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;		/* no SA_RESTART: get_wch() returns */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
}

/* Home, End, PgUp, PgDn, Delete and the arrows as PuTTY, rxvt, tmux and
 * phone clients send them, beside what terminfo says (vt100's entry has no
 * PgUp/PgDn, so a textarea or list could not page there). */
static void
tui_define_keys(void)
{
	static const struct {
		const char	*seq;
		int		 key;
	} keys[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
		{ "\033[Z", KEY_BTAB },
		{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
		{ "\033[3~", KEY_DC },
		{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
		{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
		{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
		{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	};
	size_t i;

	for (i = 0; i < nitems(keys); i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
}

static int
tui_start_curses(struct tui *t)
{
	if ((tui_screen = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "gridbook: cannot use terminal type '%s'\n",
		    getenv("TERM") != NULL ? getenv("TERM") : "");
		return -1;
	}
	fatal_set_hook(tui_fatal_hook);
	set_escdelay(25);
	raw();			/* Ctrl-C, Ctrl-Q, Ctrl-S, Ctrl-Z are keys */
	noecho();
	keypad(stdscr, TRUE);
	timeout(TUI_POLL_MS);
	tui_define_keys();
	/* Without acsc in terminfo, curses maps ACS_HLINE to a plain '-'. */
	t->ascii = ((ACS_HLINE & A_ALTCHARSET) == 0 &&
	    (ACS_HLINE & A_CHARTEXT) == '-') || getenv("GRIDBOOK_ASCII") != NULL;
	t->color = has_colors() && !tui_vt100_like();
	tui_draw_init(t);
	tui_size(t);
	return 0;
}

int
tui_main(struct cmd_ctx *ctx)
{
	struct session *s = NULL;
	struct diags d = DIAGS_INIT;
	struct tui t;
	char *msg = NULL;
	int rc;

	if ((rc = app_open(&ctx->opts, &s, &msg, &d)) != 0) {
		diags_print(&d, stderr);
		fprintf(stderr, "%s: %s\n", ctx->prog, msg != NULL ? msg :
		    gb_strerror(rc));
		free(msg);
		diags_free(&d);
		return CMD_ERROR;
	}
	diags_free(&d);
	memset(&t, 0, sizeof t);
	t.s = s;
	t.lang = s->lang != NULL ? s->lang : "en";
	t.session_start = (long)time(NULL);
	tui_signals();
	if (tui_start_curses(&t) != 0) {
		app_close(s);
		return CMD_ERROR;
	}
	if (tui_push(&t, &screen_menu, NULL) == 0) {
		if (s->warnings.n > 0)
			tui_message(&t, true, tr(&t, "%zu problems in the form "
			    "files: see 'gridbook forms check'"), s->warnings.n);
		tui_offer_drafts(&t);
		tui_loop(&t);
	}
	tui_hangup_all(&t);
	tui_free_all(&t);
	endwin();
	fatal_set_hook(NULL);
	delscreen(tui_screen);
	tui_screen = NULL;
	app_close(s);
	return CMD_OK;
}
