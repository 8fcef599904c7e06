/*
 * tui-conflict.c — a save that met someone else's change (app_save said
 * GB_ECONFLICT: the record on disk has a newer rev than the one read).
 *
 * The popup lists the fields changed on disk since (the conflicts list),
 * each with their value and mine; for each the clerk keeps theirs or mine
 * (mine is preselected where the clerk changed the field, theirs where
 * not).  Enter merges: their record, plus every change of mine that they
 * did not touch, plus the chosen side of each conflicting field, saved with
 * their rev.  If yet another change lands meanwhile the popup shows the new
 * conflicts.  r reloads: their version replaces mine entirely.  Esc goes
 * back to the form with nothing saved.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui-form.h"

struct crow {
	char		*path;
	char		*label;
	const char	*theirs;	/* in cs->theirs */
	const char	*mine;		/* in fs->rec */
	bool		 keep_mine;
	bool		 fixed;		/* _state, _grid: theirs only */
};

struct cstate {
	struct record	*theirs;
	struct crow	*rows;
	size_t		 n;
	size_t		 sel;
	size_t		 top;
};

static bool
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
conflict_clear(struct cstate *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		free(cs->rows[i].path);
		free(cs->rows[i].label);
	}
	free(cs->rows);
	record_free(cs->theirs);
	memset(cs, 0, sizeof *cs);
}

static const char *
meta_value(const struct record *r, const char *path)
{
	if (strcmp(path, "_state") == 0)
		return r->state;
	if (strcmp(path, "_grid") == 0)
		return r->grid;
	return record_get(r, path);
}

/* Read their version and build the rows.  0, or -1 with a message. */
static int
conflict_load(struct tui *t, struct fstate *fs, const struct changes *c,
    struct cstate *cs)
{
	struct crow *r;
	size_t i;
	int rc;

	conflict_clear(cs);
	rc = app_get(fs->s, fs->form, fs->rec->hid, &cs->theirs);
	if (rc != 0) {
		tui_app_error(t, app_errmsg(fs->s), rc);
		return -1;
	}
	cs->rows = xcalloc(c->n + 1, sizeof *cs->rows);
	for (i = 0; i < c->n; i++) {
		r = &cs->rows[cs->n++];
		r->path = xstrdup(c->v[i].path);
		r->label = tform_path_label(t, fs->form, r->path);
		r->fixed = r->path[0] == '_';
		r->theirs = meta_value(cs->theirs, r->path);
		r->mine = meta_value(fs->rec, r->path);
		r->keep_mine = !r->fixed &&
		    !same(r->mine, meta_value(fs->base, r->path));
	}
	return 0;
}

/* A value in one line of w columns: choice labels, newlines flattened. */
static char *
conflict_show(const struct tui *t, struct fstate *fs, const struct crow *r,
    const char *v)
{
	const struct field *f;
	char *s, *p;

	if (r->fixed && strcmp(r->path, "_state") == 0)
		return xstrdup(workflow_state_label(t, fs->form, v));
	f = r->fixed ? NULL : form_field(fs->form, r->path);
	s = f != NULL ? tform_show(t, f, v) : xstrdup(v != NULL ? v : "");
	for (p = s; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	return s;
}

static void
conflict_paint(struct tui *t, struct fstate *fs, struct cstate *cs)
{
	int y, x, h = (int)cs->n + 2, w = t->cols - 4, lw, cw, row;
	size_t i;
	char when[32], *head, *a, *b, *title;
	time_t tt = (time_t)cs->theirs->updated;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	title = xasprintf("%s %s", label_get(&fs->form->title, t->lang),
	    fs->rec->hid);
	tui_paint(t, ftr(t, "Up/Down field  t/m theirs/mine  r reload  "
	    "Enter save  Esc back"));
	if (t->too_small) {
		free(title);
		tui_update(t);
		return;
	}
	tform_popup(t, title, &y, &x, &h, &w);
	free(title);
	head = xasprintf(ftr(t, "changed by %s at %s; choose for each field"),
	    cs->theirs->uuser != NULL ? cs->theirs->uuser : "?", when);
	tui_put(y, x, w, head, true);
	free(head);
	lw = w / 4;
	cw = (w - lw - 2) / 2;
	tui_attr_label(t, true);
	tui_put(y + 1, x, lw, ftr(t, "Field"), true);
	tui_put(y + 1, x + lw + 1, cw, ftr(t, "Theirs"), true);
	tui_put(y + 1, x + lw + 2 + cw, cw, ftr(t, "Mine"), true);
	tui_attr_label(t, false);
	if (cs->sel < cs->top)
		cs->top = cs->sel;
	if (h > 2 && cs->sel >= cs->top + (size_t)(h - 2))
		cs->top = cs->sel - (size_t)(h - 2) + 1;
	for (i = cs->top, row = 2; i < cs->n && row < h; i++, row++) {
		a = conflict_show(t, fs, &cs->rows[i], cs->rows[i].theirs);
		b = conflict_show(t, fs, &cs->rows[i], cs->rows[i].mine);
		head = xasprintf("%s %s", cs->rows[i].keep_mine ? " " :
		    t->ascii ? ">" : "▶", a);
		free(a);
		a = head;
		head = xasprintf("%s %s", !cs->rows[i].keep_mine ? " " :
		    t->ascii ? ">" : "▶", b);
		free(b);
		b = head;
		if (i == cs->sel)
			tui_attr_select(t, true);
		tui_put(y + row, x, lw, cs->rows[i].label, true);
		tui_put(y + row, x + lw, 1, "", true);
		tui_put(y + row, x + lw + 1, cw, a, true);
		tui_put(y + row, x + lw + 1 + cw, 1, "", true);
		tui_put(y + row, x + lw + 2 + cw, cw, b, true);
		if (i == cs->sel)
			tui_attr_select(t, false);
		free(a);
		free(b);
	}
	tui_cursor_reset();
	tui_update(t);
}

/* Their record with my changes that do not conflict and my choices. */
static struct record *
conflict_merge(struct fstate *fs, const struct cstate *cs)
{
	struct record *m = record_dup(cs->theirs);
	struct changes mine = CHANGES_INIT;
	size_t i, j;
	bool conflicting;

	record_diff(fs->base, fs->rec, &mine);
	for (i = 0; i < mine.n; i++) {
		if (mine.v[i].path[0] == '_')
			continue;
		conflicting = false;
		for (j = 0; j < cs->n && !conflicting; j++)
			conflicting = strcmp(cs->rows[j].path,
			    mine.v[i].path) == 0;
		if (!conflicting)
			record_set(m, mine.v[i].path, mine.v[i].new);
	}
	for (j = 0; j < cs->n; j++)
		if (!cs->rows[j].fixed && cs->rows[j].keep_mine)
			record_set(m, cs->rows[j].path, cs->rows[j].mine);
	changes_free(&mine);
	return m;
}

/* Save the merge.  0 saved, 1 a new conflict (rows reloaded), -1 failed. */
static int
conflict_save(struct tui *t, struct fstate *fs, struct cstate *cs)
{
	struct verrors errs = VERRORS_INIT;
	struct changes again = CHANGES_INIT;
	struct record *m = conflict_merge(fs, cs);
	const char *msg;
	int rc;

	/* From here on the merge is what is on screen, theirs its base. */
	record_free(fs->rec);
	fs->rec = m;
	record_free(fs->base);
	fs->base = record_dup(cs->theirs);
	rc = app_save(fs->s, fs->form, fs->rec, &errs, &again);
	msg = app_errmsg(fs->s);
	if (rc == 0)
		tform_saved(t, fs);
	else if (rc == GB_ECONFLICT) {
		rc = conflict_load(t, fs, &again, cs) == 0 ? 1 : -1;
	} else {
		tform_focus(fs, NULL, fs->focus);
		tform_show_errors(t, fs, &errs);
		if (errs.n == 0 || rc == GB_EEXIST)
			tui_app_error(t, msg, rc);
		rc = -1;
	}
	verrors_free(&errs);
	changes_free(&again);
	return rc;
}

int
conflict_resolve(struct tui *t, struct fstate *fs, const struct changes *c)
{
	struct cstate cs;
	struct tui_key k;
	const char *who;
	int rc = -1;

	memset(&cs, 0, sizeof cs);
	if (conflict_load(t, fs, c, &cs) != 0)
		return -1;
	for (;;) {
		rc = -1;
		conflict_paint(t, fs, &cs);
		if (tui_getkey(t, &k) != 0)
			break;
		if (k.fn) {
			if (k.code == KEY_UP && cs.sel > 0)
				cs.sel--;
			else if (k.code == KEY_DOWN && cs.sel + 1 < cs.n)
				cs.sel++;
			else if (k.code == KEY_LEFT && cs.n > 0)
				cs.rows[cs.sel].keep_mine = false;
			else if (k.code == KEY_RIGHT && cs.n > 0 &&
			    !cs.rows[cs.sel].fixed)
				cs.rows[cs.sel].keep_mine = true;
			else if (k.code == KEY_F(2)) {
				k.fn = false;
				k.code = '\n';
			}
			if (k.fn)
				continue;
		}
		if (k.code == 't' && cs.n > 0)
			cs.rows[cs.sel].keep_mine = false;
		else if (k.code == 'm' && cs.n > 0 && !cs.rows[cs.sel].fixed)
			cs.rows[cs.sel].keep_mine = true;
		else if (k.code == ' ' && cs.n > 0 && !cs.rows[cs.sel].fixed)
			cs.rows[cs.sel].keep_mine = !cs.rows[cs.sel].keep_mine;
		else if (k.code == 'r') {
			(void)app_draft_delete(fs->s, fs->form, fs->rec->hid);
			record_free(fs->rec);
			fs->rec = cs.theirs;
			cs.theirs = NULL;
			record_free(fs->base);
			fs->base = record_dup(fs->rec);
			fs->drafted = false;
			tform_notes_clear(fs);
			tform_focus(fs, NULL, fs->focus);
			tui_message(t, false, "%s",
			    ftr(t, "reloaded: showing the saved version"));
			rc = 1;
			break;
		} else if (k.code == '\n' || k.code == TUI_CTRL('S')) {
			rc = conflict_save(t, fs, &cs);
			if (rc != 1)
				break;
			cs.sel = cs.top = 0;
		} else if (k.code == TUI_ESC || k.code == TUI_CTRL('X')) {
			who = cs.theirs->uuser != NULL ? cs.theirs->uuser : "?";
			tui_message(t, true, ftr(t, "not saved: %s changed this "
			    "record meanwhile"), who);
			break;
		}
	}
	conflict_clear(&cs);
	return rc;
}
