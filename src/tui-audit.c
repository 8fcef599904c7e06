/*
 * tui-audit.c — the audit log: who changed what and when, newest first,
 * each entry followed by its changed fields "old → new".  Only what this
 * user may see (app_audit applies the grid rule).  The newest AUDIT_KEEP
 * entries are kept, so a county's log does not fill memory.  One change
 * is formatted by tui_audit_change(), which a record's history uses too:
 * the same labels, "（空）" and masked ID numbers on both screens.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui-form.h"

#define AUDIT_KEEP	2000

struct audit {
	char		**ring;		/* formatted entries, oldest first */
	size_t		 nring;		/* entries held */
	size_t		 next;		/* ring slot of the next one */
	size_t		 total;		/* entries seen */
	char		**lines;	/* display lines, newest entry first */
	size_t		 nlines;
	size_t		 top;
	struct tui	*t;
};

static char *
audit_value(struct tui *t, const struct form *form, const char *path,
    const char *v)
{
	const struct field *f;

	if (v == NULL)
		return xstrdup(tr(t, "(empty)"));
	if (strcmp(path, "_state") == 0)
		return xstrdup(form != NULL ? workflow_state_label(t, form, v) :
		    v);
	f = form != NULL && path[0] != '_' ? form_field(form, path) : NULL;
	if (f == NULL)
		return xstrdup(v);
	return tui_value_text(t, f, v);	/* ID numbers masked */
}

char *
tui_audit_change(struct tui *t, const struct form *form,
    const struct change *c)
{
	char *label, *o, *n, *s;

	/* The grid meta repeats the form's own grid field. */
	if (strcmp(c->path, "_grid") == 0 && form != NULL &&
	    form_field(form, "grid") != NULL)
		return NULL;
	label = form != NULL ? tform_path_label(t, form, c->path) :
	    xstrdup(c->path);
	o = audit_value(t, form, c->path, c->old);
	n = audit_value(t, form, c->path, c->new);
	s = xasprintf("%s%s%s %s %s", label, tr(t, ": "), o,
	    t->ascii ? "->" : "→", n);
	free(label);
	free(o);
	free(n);
	return s;
}

/* The action as a past-tense word ("move" is the workflow's). */
static const char *
audit_action(struct tui *t, const char *action)
{
	static const char *const map[][2] = {
		{ "create", "created" }, { "update", "changed" },
		{ "move", "moved" }, { "delete", "deleted" },
		{ "export", "exported" },
	};
	size_t i;

	for (i = 0; i < nitems(map); i++)
		if (strcmp(action, map[i][0]) == 0)
			return tr(t, map[i][1]);
	return action;
}

static int
audit_collect(void *ctx, const struct app_audit *a)
{
	struct audit *au = ctx;
	struct tui *t = au->t;
	const struct form *form = app_form(t->s, a->form);
	struct buf b = BUF_INIT;
	time_t when = (time_t)(a->time_us / 1000000);
	struct tm tm;
	char stamp[32], *line;
	size_t i;

	localtime_r(&when, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
	buf_addf(&b, "%s  %s  %s %s  %s", stamp, a->user,
	    form != NULL ? label_get(&form->title, t->lang) : a->form,
	    a->hid != NULL ? a->hid : "", audit_action(t, a->action));
	for (i = 0; i < a->changes.n; i++) {
		if ((line = tui_audit_change(t, form, &a->changes.v[i])) ==
		    NULL)
			continue;
		buf_addf(&b, "\n    %s", line);
		free(line);
	}
	free(au->ring[au->next]);
	au->ring[au->next] = buf_steal(&b);
	au->next = (au->next + 1) % AUDIT_KEEP;
	if (au->nring < AUDIT_KEEP)
		au->nring++;
	au->total++;
	return 0;
}

/* Split the ring, newest entry first, into display lines. */
static void
audit_lines(struct audit *au)
{
	size_t i, slot, cap = 0;
	const char *s, *e;

	for (i = 0; i < au->nring; i++) {
		slot = (au->next + AUDIT_KEEP - 1 - i) % AUDIT_KEEP;
		for (s = au->ring[slot]; ; s = e + 1) {
			e = strchr(s, '\n');
			if (au->nlines + 2 > cap) {
				cap = cap ? cap * 2 : 256;
				au->lines = xreallocarray(au->lines, cap,
				    sizeof *au->lines);
			}
			au->lines[au->nlines++] = e != NULL ?
			    xstrndup(s, (size_t)(e - s)) : xstrdup(s);
			if (e == NULL)
				break;
		}
		free(au->ring[slot]);
		au->ring[slot] = NULL;
	}
}

static void *
audit_init(struct tui *t, void *arg)
{
	struct audit *au = xcalloc(1, sizeof *au);

	(void)arg;
	au->t = t;
	au->ring = xcalloc(AUDIT_KEEP, sizeof *au->ring);
	if (app_audit(t->s, NULL, NULL, audit_collect, au) != 0)
		tui_message(t, true, tr(t, "cannot read the audit log: %s"),
		    app_errmsg(t->s));
	audit_lines(au);
	free(au->ring);
	au->ring = NULL;
	if (au->total > AUDIT_KEEP)
		tui_message(t, false, tr(t, "showing the newest %zu entries"),
		    (size_t)AUDIT_KEEP);
	return au;
}

static void
audit_draw(struct tui *t, void *vst)
{
	struct audit *au = vst;
	int rows = tui_body_rows(t) - 1, y;
	size_t i;
	char *status;

	if (au->nlines == 0) {
		tui_put(tui_body_top(t) + 1, 2, t->cols - 4,
		    tr(t, "no audit entries you may see"), false);
		return;
	}
	if (au->top + (size_t)rows > au->nlines)
		au->top = au->nlines > (size_t)rows ? au->nlines - (size_t)rows :
		    0;
	for (y = 0; y < rows; y++) {
		i = au->top + (size_t)y;
		if (i >= au->nlines)
			break;
		if (au->lines[i][0] != ' ')
			tui_attr_label(t, true);
		tui_put(tui_body_top(t) + y, 1, t->cols - 2, au->lines[i],
		    false);
		if (au->lines[i][0] != ' ')
			tui_attr_label(t, false);
	}
	status = xasprintf(tr(t, "%zu entries"), au->total);
	tui_put(tui_body_top(t) + rows, 1, t->cols - 2, status, false);
	free(status);
}

static enum tui_ret
audit_key(struct tui *t, void *vst, const struct tui_key *k)
{
	struct audit *au = vst;
	size_t page = (size_t)(tui_body_rows(t) > 3 ? tui_body_rows(t) - 2 : 1);

	if (k->fn) {
		switch (k->code) {
		case KEY_UP:
			au->top = au->top > 0 ? au->top - 1 : 0;
			return TUI_HANDLED;
		case KEY_DOWN:
			au->top++;
			return TUI_HANDLED;
		case KEY_PPAGE:
			au->top = au->top > page ? au->top - page : 0;
			return TUI_HANDLED;
		case KEY_NPAGE:
			au->top += page;
			return TUI_HANDLED;
		case KEY_HOME:
			au->top = 0;
			return TUI_HANDLED;
		case KEY_END:
			au->top = au->nlines;
			return TUI_HANDLED;
		}
		return TUI_UNHANDLED;
	}
	switch (k->code) {
	case TUI_CTRL('P'):
		au->top = au->top > 0 ? au->top - 1 : 0;
		return TUI_HANDLED;
	case TUI_CTRL('N'):
		au->top++;
		return TUI_HANDLED;
	case ' ':
		au->top += page;
		return TUI_HANDLED;
	case TUI_ESC:
	case TUI_CTRL('X'):
	case 'q':
		return TUI_CLOSE;
	}
	return TUI_UNHANDLED;
}

static const char *
audit_keys(struct tui *t, void *vst)
{
	(void)vst;
	return tr(t, "Up/Down/PgUp/PgDn scroll  Esc close  F1/^_ help");
}

static const char *
audit_title(struct tui *t, void *vst)
{
	(void)vst;
	return tr(t, "Audit log");
}

static void
audit_free(void *vst)
{
	struct audit *au = vst;
	size_t i;

	for (i = 0; i < au->nlines; i++)
		free(au->lines[i]);
	free(au->lines);
	free(au);
}

const struct screen screen_audit = {
	.name = "audit",
	.init = audit_init,
	.draw = audit_draw,
	.key = audit_key,
	.keys = audit_keys,
	.title = audit_title,
	.hangup = NULL,
	.resume = NULL,
	.free = audit_free,
};
