/*
 * tui-history.c — screen_history: the audit entries of one record (Ctrl-R
 * or F7 in the form), oldest first, as app_audit gives them to this user:
 * when, who, what (created, changed, moved...), and under it each changed
 * field with its old and new value as the audit log shows it
 * (tui_audit_change: ID numbers masked, "（空）" for empty).  Read only; it opens on the newest entries and
 * scrolls back.
 *
 * arg is a struct tui_form_arg whose record (owned from init on) names the
 * record by its hid.
 */
#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui-form.h"

struct hstate {
	const struct form	*form;
	char			*hid;
	char			**lines;
	bool			*heads;		/* line i is an entry's head */
	size_t			 n;
	size_t			 top;
	char			*title;
};

struct hctx {
	struct tui	*t;
	struct hstate	*hs;
};

static void
hist_line(struct hstate *hs, char *line, bool head)
{
	char *p;

	for (p = line; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	hs->lines = xreallocarray(hs->lines, hs->n + 1, sizeof *hs->lines);
	hs->heads = xreallocarray(hs->heads, hs->n + 1, sizeof *hs->heads);
	hs->lines[hs->n] = line;
	hs->heads[hs->n] = head;
	hs->n++;
}

static const char *
hist_action(const struct tui *t, const char *a)
{
	static const char *const known[] = {
		"create", "update", "move", "delete", "export",
	};
	size_t i;

	for (i = 0; i < nitems(known); i++)
		if (strcmp(a, known[i]) == 0)
			return ftr(t, known[i]);
	return a;
}

static int
hist_entry(void *ctx, const struct app_audit *a)
{
	struct hctx *hc = ctx;
	struct tui *t = hc->t;
	struct hstate *hs = hc->hs;
	char when[32], *line;
	time_t tt = (time_t)(a->time_us / 1000000);
	struct tm tm;
	size_t i;

	localtime_r(&tt, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	hist_line(hs, xasprintf("%s  %s  %s", when, a->user != NULL ? a->user :
	    "?", hist_action(t, a->action != NULL ? a->action : "?")), true);
	for (i = 0; i < a->changes.n; i++)
		if ((line = tui_audit_change(t, hs->form,
		    &a->changes.v[i])) != NULL)
			hist_line(hs, xasprintf("    %s", line), false);
	return 0;
}

static void
hist_free(void *st)
{
	struct hstate *hs = st;
	size_t i;

	if (hs == NULL)
		return;
	for (i = 0; i < hs->n; i++)
		free(hs->lines[i]);
	free(hs->lines);
	free(hs->heads);
	free(hs->hid);
	free(hs->title);
	free(hs);
}

static void *
hist_init(struct tui *t, void *arg)
{
	struct tui_form_arg *a = arg;
	struct hstate *hs;
	struct hctx hc;
	int rc;

	if (a == NULL || a->form == NULL || a->rec == NULL ||
	    a->rec->hid == NULL) {
		if (a != NULL)
			record_free(a->rec);
		tui_message(t, false, "%s", ftr(t, "not saved yet"));
		return NULL;
	}
	hs = xcalloc(1, sizeof *hs);
	hs->form = a->form;
	hs->hid = xstrdup(a->rec->hid);
	record_free(a->rec);
	hc.t = t;
	hc.hs = hs;
	rc = app_audit(t->s, hs->form->name, hs->hid, hist_entry, &hc);
	if (rc != 0) {
		tui_app_error(t, app_errmsg(t->s), rc);
		hist_free(hs);
		return NULL;
	}
	if (hs->n == 0)
		hist_line(hs, xstrdup(ftr(t, "no entries")), false);
	hs->top = SIZE_MAX;	/* the newest entries in view: draw clamps */
	return hs;
}

static int
hist_page(const struct tui *t)
{
	return tui_body_rows(t) > 1 ? tui_body_rows(t) : 1;
}

static void
hist_draw(struct tui *t, void *st)
{
	struct hstate *hs = st;
	int top = tui_body_top(t), h = hist_page(t), y;
	size_t i;

	if (hs->n > (size_t)h && hs->top > hs->n - (size_t)h)
		hs->top = hs->n - (size_t)h;
	if (hs->n <= (size_t)h)
		hs->top = 0;
	for (y = 0; y < h; y++) {
		i = hs->top + (size_t)y;
		move(top + y, 0);
		clrtoeol();
		if (i >= hs->n)
			continue;
		if (hs->heads[i])
			tui_attr_label(t, true);
		tui_put(top + y, 1, t->cols - 2, hs->lines[i], false);
		if (hs->heads[i])
			tui_attr_label(t, false);
	}
	if (hs->top > 0)
		mvaddstr(top, t->cols - 1, t->ascii ? "^" : "↑");
	if (hs->top + (size_t)h < hs->n)
		mvaddstr(top + h - 1, t->cols - 1, t->ascii ? "v" : "↓");
}

static enum tui_ret
hist_key(struct tui *t, void *st, const struct tui_key *k)
{
	struct hstate *hs = st;
	size_t page = (size_t)hist_page(t), last;

	last = hs->n > page ? hs->n - page : 0;
	if (k->fn) {
		switch (k->code) {
		case KEY_UP:
			if (hs->top > 0)
				hs->top--;
			return TUI_HANDLED;
		case KEY_DOWN:
			if (hs->top < last)
				hs->top++;
			return TUI_HANDLED;
		case KEY_PPAGE:
			hs->top = hs->top > page ? hs->top - page : 0;
			return TUI_HANDLED;
		case KEY_NPAGE:
			hs->top = hs->top + page < last ? hs->top + page : last;
			return TUI_HANDLED;
		case KEY_HOME:
			hs->top = 0;
			return TUI_HANDLED;
		case KEY_END:
			hs->top = last;
			return TUI_HANDLED;
		case KEY_F(7):
			return TUI_CLOSE;
		}
		return TUI_UNHANDLED;
	}
	switch (k->code) {
	case 'k':
	case TUI_CTRL('P'):
		if (hs->top > 0)
			hs->top--;
		return TUI_HANDLED;
	case 'j':
	case TUI_CTRL('N'):
		if (hs->top < last)
			hs->top++;
		return TUI_HANDLED;
	case ' ':
		hs->top = hs->top + page < last ? hs->top + page : last;
		return TUI_HANDLED;
	case 'b':
		hs->top = hs->top > page ? hs->top - page : 0;
		return TUI_HANDLED;
	case 'g':
		hs->top = 0;
		return TUI_HANDLED;
	case 'G':
		hs->top = last;
		return TUI_HANDLED;
	case TUI_ESC:
	case TUI_CTRL('X'):
	case TUI_CTRL('R'):
	case 'q':
		return TUI_CLOSE;
	}
	return TUI_UNHANDLED;
}

static const char *
hist_keys(struct tui *t, void *st)
{
	(void)st;
	return ftr(t, "Up/Down j/k scroll  Space/b page  g/G first/last  "
	    "Esc back  F1/^_ help");
}

static const char *
hist_title(struct tui *t, void *st)
{
	struct hstate *hs = st;

	free(hs->title);
	hs->title = xasprintf(ftr(t, "History of %s"), hs->hid);
	return hs->title;
}

static void
hist_hangup(struct tui *t, void *st)
{
	(void)t;
	(void)st;
}

static void
hist_resume(struct tui *t, void *st)
{
	(void)t;
	(void)st;
}

const struct screen screen_history = {
	.name = "history",
	.init = hist_init,
	.draw = hist_draw,
	.key = hist_key,
	.keys = hist_keys,
	.title = hist_title,
	.hangup = hist_hangup,
	.resume = hist_resume,
	.free = hist_free,
};
