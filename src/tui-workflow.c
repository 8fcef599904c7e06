/*
 * tui-workflow.c — the workflow popup of the form (Ctrl-W or F6): the
 * record's state, the moves from that state that this user's role may make
 * (app_moves; others are not listed), and for each the required fields
 * still empty.  Choosing a move that still needs fields puts the focus on
 * the first of them; otherwise unsaved changes are saved first (a new
 * record is created), then app_move makes the move, and the form shows the
 * new state (and the fields its show_if now opens).
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui-form.h"

const char *
workflow_state_label(const struct tui *t, const struct form *fm,
    const char *state)
{
	const struct state *s;

	if (state == NULL)
		return "";
	s = form_state(fm, state);
	return s != NULL ? label_get(&s->label, t->lang) : state;
}

/* "调解 → 调解中" */
static char *
workflow_move_name(const struct tui *t, const struct form *fm,
    const struct transition *tr_)
{
	const char *to = workflow_state_label(t, fm, tr_->to);
	const char *act = label_get(&tr_->label, t->lang);

	if (act == NULL || *act == '\0' || strcmp(act, to) == 0 ||
	    strcmp(act, tr_->to) == 0)
		return xstrdup(to);
	return xasprintf("%s → %s", act, to);
}

static char *
workflow_missing(const struct tui *t, const struct form *fm,
    const struct app_move *m)
{
	struct buf b = BUF_INIT;
	size_t i;
	char *l;

	for (i = 0; i < m->nmissing; i++) {
		l = tform_path_label(t, fm, m->missing[i]);
		if (i > 0)
			buf_adds(&b, tr(t, ", "));
		buf_adds(&b, l);
		free(l);
	}
	return buf_steal(&b);
}

static void
workflow_paint(struct tui *t, struct fstate *fs, struct app_move *mv,
    const size_t *idx, size_t n, size_t sel)
{
	int y, x, h = 0, w = t->cols - 10, row = 0;
	size_t i;
	char *title, *s, *miss, *line;

	for (i = 0; i < n; i++)
		h += mv[idx[i]].nmissing > 0 ? 2 : 1;
	title = xasprintf(ftr(t, "state: %s"), workflow_state_label(t,
	    fs->form, fs->rec->state));
	tui_paint(t, ftr(t, "Up/Down choose  Enter move  Esc back"));
	if (t->too_small) {
		free(title);
		tui_update(t);
		return;
	}
	tform_popup(t, title, &y, &x, &h, &w);
	free(title);
	for (i = 0; i < n && row < h; i++) {
		s = workflow_move_name(t, fs->form, mv[idx[i]].t);
		line = xasprintf("%zu  %s", i + 1, s);
		if (i == sel)
			tui_attr_select(t, true);
		tui_put(y + row++, x, w, line, true);
		if (i == sel)
			tui_attr_select(t, false);
		free(line);
		free(s);
		if (mv[idx[i]].nmissing == 0 || row >= h)
			continue;
		miss = workflow_missing(t, fs->form, &mv[idx[i]]);
		s = xasprintf(ftr(t, "still needs: %s"), miss);
		tui_attr_error(t, true);
		tui_put(y + row++, x + 3, w - 3, s, false);
		tui_attr_error(t, false);
		free(s);
		free(miss);
	}
	tui_cursor_reset();
	tui_update(t);
}

/* Make move m: save what is unsaved, then move.  Returns when done. */
static void
workflow_do(struct tui *t, struct fstate *fs, const struct app_move *m)
{
	struct verrors errs = VERRORS_INIT;
	struct fitem *it;
	char *miss, *path;
	const char *msg;
	bool batch = fs->batch;
	int rc;

	if (m->nmissing > 0) {
		miss = workflow_missing(t, fs->form, m);
		tui_message(t, true, ftr(t, "fill in first: %s"), miss);
		free(miss);
		tform_focus(fs, m->missing[0], fs->focus);
		return;
	}
	if (fs->rec->id == 0 || tform_dirty(fs)) {
		fs->batch = false;	/* stay on this record */
		rc = tform_save(t, fs, false);
		fs->batch = batch;
		if (rc != 0)
			return;
	}
	rc = app_move(fs->s, fs->form, fs->rec, m->t->to, &errs);
	msg = app_errmsg(fs->s);
	if (rc == 0) {
		record_free(fs->base);
		fs->base = record_dup(fs->rec);
		it = tform_cur(fs);
		path = it != NULL ? xstrdup(it->path) : NULL;
		tform_focus(fs, path, fs->focus);
		free(path);
		tui_message(t, false, ftr(t, "moved to %s"),
		    workflow_state_label(t, fs->form, fs->rec->state));
	} else if (errs.n > 0)
		tform_show_errors(t, fs, &errs);
	else
		tui_app_error(t, msg, rc);
	verrors_free(&errs);
}

void
workflow_menu(struct tui *t, struct fstate *fs)
{
	struct app_move *mv = NULL;
	struct tui_key k;
	size_t n, i, *idx, nidx = 0, sel = 0;

	n = app_moves(fs->s, fs->form, fs->rec, &mv);
	idx = xcalloc(n + 1, sizeof *idx);
	for (i = 0; i < n; i++)
		if (mv[i].allowed)
			idx[nidx++] = i;
	if (nidx == 0) {
		tui_message(t, false, ftr(t, "no move from %s is open to you"),
		    workflow_state_label(t, fs->form, fs->rec->state));
		goto out;
	}
	for (;;) {
		workflow_paint(t, fs, mv, idx, nidx, sel);
		if (tui_getkey(t, &k) != 0)
			break;
		if (k.fn && k.code == KEY_UP) {
			sel = sel > 0 ? sel - 1 : nidx - 1;
			continue;
		}
		if (k.fn && k.code == KEY_DOWN) {
			sel = (sel + 1) % nidx;
			continue;
		}
		if (k.fn)
			continue;
		if (k.code >= '1' && k.code <= '9' &&
		    (size_t)(k.code - '1') < nidx) {
			workflow_do(t, fs, &mv[idx[k.code - '1']]);
			break;
		}
		if (k.code == '\n') {
			workflow_do(t, fs, &mv[idx[sel]]);
			break;
		}
		if (k.code == TUI_ESC || k.code == TUI_CTRL('W') ||
		    k.code == TUI_CTRL('X') || k.code == 'q')
			break;
	}
out:
	free(idx);
	app_moves_free(mv, n);
}
