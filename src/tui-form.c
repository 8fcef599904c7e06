/*
 * tui-form.c — screen_form: one record of a form on screen, for entering a
 * new one or changing one.  Focus, editing, the commit of a field as the
 * clerk leaves it (parse, show_if, duplicate check, draft), save with its
 * errors and conflicts, batch entry, and close.  The Tab order and what
 * the other tui-form*.c files do is described in tui-form.h.
 *
 * Editing a field: when the focus arrives on a filled field its value is
 * "fresh" (shown reversed): the first printable key replaces it, as in a
 * spreadsheet, so a carried or auto-filled value is retyped without
 * clearing it first; an arrow key, Home/End or Backspace edits it in place.
 * Choice fields take a code (or a label, or a part of a label that matches
 * one choice) typed into the field; Space, or Enter on an empty choice,
 * opens the picker.  Bool fields take Space, y/n, 1/0.
 *
 * The value is parsed when the clerk leaves the field (record_parse_value):
 * an error keeps the focus on the field, shown next to it and on the
 * message line.  An ID number is also checked while typing, when its 18th
 * character arrives, and a unique field is looked up in the store
 * (app_unique_holder) so a duplicate is flagged before the rest is typed.
 * An ID number fills an empty sibling date field named birth* and an empty
 * choice named sex/gender (codes 1 male, 2 female, GB/T 2261.1).
 *
 * Drafts: every committed change, and every 8 keys typed inside a field,
 * stores the record (with the field being typed, if it parses) as the
 * user's draft of this record (app_draft_save, keyed by the hid or "new");
 * SIGHUP/SIGTERM/quit call tform_hangup, which does the same.  A successful
 * save deletes the draft (app_save does), so does closing with "discard".
 */
#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tui-form.h"

#define FORM_DRAFT_KEYS	8	/* keys typed in a field between drafts */

static bool
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static enum field_kind
kind(const struct field *f)
{
	return f->type->kind;
}

/* Drafts. */

static void
tform_draft(struct tui *t, struct fstate *fs, bool quiet)
{
	struct fitem *it = tform_cur(fs);
	struct changes c = CHANGES_INIT;
	struct record *d;
	const char *id = fs->rec->hid != NULL ? fs->rec->hid : "new";
	char err[256], *out = NULL;
	int rc;

	fs->keystrokes = 0;
	d = record_dup(fs->rec);
	if (fs->edited && it != NULL &&
	    tform_parse(it->f, tform_editor_text(fs), &out, err,
	    sizeof err) == 0) {
		record_set(d, it->path, out);
		free(out);
	}
	record_diff(fs->base, d, &c);
	if (c.n == 0) {
		if (fs->drafted)
			(void)app_draft_delete(fs->s, fs->form, id);
		fs->drafted = false;
	} else if ((rc = app_draft_save(fs->s, fs->form, id, d)) == 0)
		fs->drafted = true;
	else if (!quiet)
		tui_app_error(t, app_errmsg(fs->s), rc);
	changes_free(&c);
	record_free(d);
}

/* What a changed value brings along. */

/* An ID number fills empty sibling birth date and sex fields. */
static void
tform_idcard_fill(struct fstate *fs, const struct fitem *it, const char *id)
{
	const struct field *sib, *s;
	size_t nsib, i;
	char *p, birth[11];
	int sex;

	if (id == NULL || strlen(id) != 18)
		return;
	sib = it->g != NULL ? it->g->fields : fs->form->fields;
	nsib = it->g != NULL ? it->g->nfields : fs->form->nfields;
	for (i = 0; i < nsib; i++) {
		s = &sib[i];
		p = it->g != NULL ? xasprintf("%s.%u.%s", it->g->name, it->n,
		    s->name) : xstrdup(s->name);
		if (record_get(fs->rec, p) != NULL) {
			free(p);
			continue;
		}
		if (kind(s) == FK_DATE && strncmp(s->name, "birth", 5) == 0) {
			idcard_birth(id, birth);
			record_set(fs->rec, p, birth);
		} else if (kind(s) == FK_CHOICE && s->choices != NULL &&
		    (strcmp(s->name, "sex") == 0 ||
		    strcmp(s->name, "gender") == 0) &&
		    list_choice(s->choices, "1") != NULL &&
		    list_choice(s->choices, "2") != NULL &&
		    (sex = idcard_sex(id)) != 0)
			record_set(fs->rec, p, sex == 1 ? "1" : "2");
		free(p);
	}
}

/* A unique value held by another record, or by another member of this
 * one: note it on the field and the message line.  Returns true if so. */
static bool
tform_dup_check(struct tui *t, struct fstate *fs, const struct fitem *it,
    const char *value)
{
	char *holder = NULL, *msg = NULL, *p, *label;
	const char *what;
	unsigned m, count;

	if (value == NULL || !it->f->unique)
		return false;
	if (app_unique_holder(fs->s, fs->form, it->path, value, fs->rec->id,
	    &holder) == 0) {
		what = strcmp(t->lang, "zh") == 0 ?
		    label_get(&fs->form->title, "zh") : fs->form->name;
		msg = xasprintf(ftr(t, "already registered in %s %s"), what,
		    holder);
		free(holder);
	} else if (it->g != NULL) {
		count = record_group_count(fs->rec, it->g->name);
		for (m = 1; m <= count && msg == NULL; m++) {
			if (m == it->n)
				continue;
			p = xasprintf("%s.%u.%s", it->g->name, m, it->f->name);
			if (same(record_get(fs->rec, p), value))
				msg = xasprintf(ftr(t,
				    "also entered for member %u"), m);
			free(p);
		}
	}
	if (msg == NULL)
		return false;
	tform_note(fs, it->path, msg);
	label = tform_path_label(t, fs->form, it->path);
	tui_message(t, true, ftr(t, "%s: %s"), label, msg);
	free(label);
	free(msg);
	return true;
}

static void tform_field_error(struct tui *, struct fstate *,
    const struct fitem *, const char *);

/* it's value just changed in fs->rec (the items are not rebuilt yet). */
static void
tform_after_change(struct tui *t, struct fstate *fs, const struct fitem *it)
{
	const char *v = record_get(fs->rec, it->path);

	tform_note_clear(fs, it->path);
	if (it->g != NULL && it->phantom) {
		group_defaults(it->g, fs->rec, it->n);
		tform_note_clear(fs, it->g->name);
	}
	if (kind(it->f) == FK_IDCARD)
		tform_idcard_fill(fs, it, v);
	/* A grid that is not one (or not this leader's) is said now, not
	 * at save, after the whole household was typed. */
	if (it->g == NULL && strcmp(it->f->name, "grid") == 0 &&
	    app_grid_check(fs->s, fs->form, v) != 0) {
		tform_field_error(t, fs, it, app_errmsg(fs->s));
		tform_draft(t, fs, false);
		return;
	}
	if (it->g != NULL && v == NULL &&
	    group_drop_empty(it->g, fs->rec, it->n))
		tform_notes_clear(fs);
	else
		(void)tform_dup_check(t, fs, it, v);
	tform_draft(t, fs, false);
}

/* A typed choice that is no code or label: the one choice it matches. */
static char *
tform_choice_guess(const struct field *f, const char *text, size_t *nmatch)
{
	size_t *idx, n;
	char *code = NULL;

	*nmatch = 0;
	if (f->choices == NULL || f->choices->n == 0)
		return NULL;
	idx = xcalloc(f->choices->n, sizeof *idx);
	n = tui_pick_filter(f->choices, text, idx);
	if (n == 1)
		code = xstrdup(f->choices->v[idx[0]].code);
	*nmatch = n;
	free(idx);
	return code;
}

static void
tform_field_error(struct tui *t, struct fstate *fs, const struct fitem *it,
    const char *msg)
{
	char *label = tform_path_label(t, fs->form, it->path);
	char *m = tr_app(t, msg);	/* a parser's message, or ours */

	tform_note(fs, it->path, m);
	tui_message(t, true, ftr(t, "%s: %s"), label, m);
	free(label);
	free(m);
}

int
tform_commit(struct tui *t, struct fstate *fs)
{
	struct fitem *it = tform_cur(fs);
	char err[256], *out = NULL, *path, *msg;
	const char *text;
	size_t nmatch;

	if (it == NULL || !fs->edited)
		return 0;
	text = tform_editor_text(fs);
	if (tform_parse(it->f, text, &out, err, sizeof err) != 0) {
		if (kind(it->f) != FK_CHOICE ||
		    (out = tform_choice_guess(it->f, text, &nmatch)) == NULL) {
			if (kind(it->f) == FK_CHOICE && nmatch > 1)
				msg = xasprintf(ftr(t, "choose a code: %zu "
				    "choices match '%s' (Space shows the list)"),
				    nmatch, text);
			else if (kind(it->f) == FK_CHOICE)
				msg = xasprintf(ftr(t, "no such choice '%s'; "
				    "Space shows the list"), text);
			else
				msg = xstrdup(err);
			tform_field_error(t, fs, it, msg);
			free(msg);
			return -1;
		}
	}
	fs->edited = false;
	path = xstrdup(it->path);
	tform_note_clear(fs, path);
	if (!same(record_get(fs->rec, path), out)) {
		record_set(fs->rec, path, out);
		tform_after_change(t, fs, it);
	}
	free(out);
	tform_focus(fs, path, fs->focus);
	free(path);
	return 0;
}

void
tform_changed(struct tui *t, struct fstate *fs, const char *focus)
{
	struct fitem *it = tform_cur(fs);
	char *keep = focus != NULL ? xstrdup(focus) :
	    it != NULL ? xstrdup(it->path) : NULL;

	tform_notes_clear(fs);
	tform_focus(fs, keep, fs->focus);
	free(keep);
	tform_draft(t, fs, false);
}

/* Moving. */

static void
tform_move(struct tui *t, struct fstate *fs, long delta)
{
	size_t target;

	if (tform_commit(t, fs) != 0 || fs->nitems == 0)
		return;
	if (delta > 0 && fs->focus + 1 >= fs->nitems) {
		tui_message(t, false, "%s", ftr(t, "end of the form: ^S saves"));
		return;
	}
	if (delta > 0)
		target = fs->focus + (size_t)delta;
	else
		target = fs->focus >= (size_t)-delta ? fs->focus -
		    (size_t)-delta : 0;
	if (target >= fs->nitems)
		target = fs->nitems - 1;
	tform_editor_close(fs);
	fs->focus = target;
	tform_editor_open(fs);
}

static void
tform_pick(struct tui *t, struct fstate *fs)
{
	struct fitem *it = tform_cur(fs);
	char *label, *code;

	label = tform_path_label(t, fs->form, it->path);
	code = tui_pick(t, it->f->choices, record_get(fs->rec, it->path),
	    kind(it->f) == FK_MULTICHOICE, label);
	free(label);
	if (code == NULL)
		return;
	le_set(&fs->le, code);
	free(code);
	fs->edited = true;
	fs->fresh = false;
	if (tform_commit(t, fs) == 0)
		tform_move(t, fs, 1);
}

/* Space, y/n, 1/0, 是/否, Backspace on a bool field. */
static bool
tform_bool_key(struct tui *t, struct fstate *fs, const struct tui_key *k)
{
	struct fitem *it = tform_cur(fs);
	const char *cur = record_get(fs->rec, it->path), *v;

	if (k->fn && (k->code == KEY_BACKSPACE || k->code == KEY_DC))
		v = NULL;
	else if (k->fn)
		return false;
	else if (k->code == ' ')
		v = same(cur, "1") ? "0" : "1";
	else if (k->code == 'y' || k->code == 'Y' || k->code == '1' ||
	    k->code == L'是')
		v = "1";
	else if (k->code == 'n' || k->code == 'N' || k->code == '0' ||
	    k->code == L'否')
		v = "0";
	else if (k->code == 0x7f || k->code == TUI_CTRL('H'))
		v = NULL;
	else
		return false;
	if (same(cur, v))
		return true;
	record_set(fs->rec, it->path, v);
	tform_after_change(t, fs, it);
	tform_focus(fs, it->path, fs->focus);
	return true;
}

/* After a key changed the editor text. */
static void
tform_typed(struct tui *t, struct fstate *fs)
{
	struct fitem *it = tform_cur(fs);
	char err[256], *out = NULL;
	const char *text;

	fs->edited = true;
	fs->fresh = false;
	if (++fs->keystrokes >= FORM_DRAFT_KEYS)
		tform_draft(t, fs, false);
	if (kind(it->f) != FK_IDCARD)
		return;
	tform_note_clear(fs, it->path);
	text = tform_editor_text(fs);
	if (utf8_chars(text) < 18)
		return;
	if (tform_parse(it->f, text, &out, err, sizeof err) != 0) {
		tform_field_error(t, fs, it, err);
		return;
	}
	(void)tform_dup_check(t, fs, it, out);
	free(out);
}

static enum tui_ret
tform_edit_key(struct tui *t, struct fstate *fs, const struct tui_key *k)
{
	struct fitem *it = tform_cur(fs);
	enum field_kind fk;
	int r;

	if (it == NULL)
		return TUI_UNHANDLED;
	fk = kind(it->f);
	switch (fs->ed) {
	case FE_BOOL:
		return tform_bool_key(t, fs, k) ? TUI_HANDLED : TUI_UNHANDLED;
	case FE_AREA:
		r = ta_key(fs->ta, k);
		if (r < 0)
			return TUI_UNHANDLED;
		if (r > 0)
			tform_typed(t, fs);
		return TUI_HANDLED;
	case FE_LINE:
		break;
	default:
		return TUI_UNHANDLED;
	}
	if (!k->fn && k->code == ' ' && (fk == FK_CHOICE ||
	    fk == FK_MULTICHOICE) && (fs->fresh || fs->le.text.len == 0)) {
		tform_pick(t, fs);
		return TUI_HANDLED;
	}
	if (fs->fresh && !k->fn && k->code >= 0x20 && k->code != 0x7f)
		le_set(&fs->le, "");
	r = le_key(&fs->le, k);
	if (r < 0)
		return TUI_UNHANDLED;
	if (r > 0)
		tform_typed(t, fs);
	else
		fs->fresh = false;
	return TUI_HANDLED;
}

/* Enter: the next field, but on an empty choice it opens the list and
 * in a textarea it is a new line. */
static void
tform_enter(struct tui *t, struct fstate *fs)
{
	struct fitem *it = tform_cur(fs);
	struct tui_key nl = { false, '\n' };

	if (it == NULL)
		return;
	if (fs->ed == FE_AREA) {
		if (ta_key(fs->ta, &nl) > 0)
			tform_typed(t, fs);
		return;
	}
	if (!it->phantom && (kind(it->f) == FK_CHOICE ||
	    kind(it->f) == FK_MULTICHOICE) && !fs->edited &&
	    record_get(fs->rec, it->path) == NULL) {
		tform_pick(t, fs);
		return;
	}
	tform_move(t, fs, 1);
}

/* Saving. */

void
tform_show_errors(struct tui *t, struct fstate *fs, const struct verrors *e)
{
	struct buf b = BUF_INIT;
	size_t i, j, best = SIZE_MAX;
	const char *p;
	char *label, *msg;

	if (e->n == 0)
		return;
	tform_notes_clear(fs);
	for (i = 0; i < e->n; i++) {
		p = e->v[i].path;
		msg = tr_app(t, e->v[i].msg);
		tform_note(fs, p, msg);
		free(msg);
		if (i < 6) {
			label = tform_path_label(t, fs->form, p);
			if (b.len > 0)
				buf_adds(&b, tr(t, ", "));
			buf_adds(&b, label);
			free(label);
		}
		for (j = 0; j < fs->nitems && j < best; j++) {
			/* A field, or the phantom of a group too short. */
			if (strcmp(fs->items[j].path, p) == 0 ||
			    (fs->items[j].phantom &&
			    strcmp(fs->items[j].g->name, p) == 0))
				best = j;
		}
	}
	if (e->n == 1) {
		label = tform_path_label(t, fs->form, e->v[0].path);
		tui_message(t, true, ftr(t, "%s: %s"), label,
		    tform_note_get(fs, e->v[0].path));
		free(label);
	} else
		tui_message(t, true, ftr(t, "%zu problems: %s"), e->n,
		    buf_str(&b));
	buf_free(&b);
	if (best != SIZE_MAX) {
		tform_editor_close(fs);
		fs->focus = best;
		tform_editor_open(fs);
	}
}

void
tform_saved(struct tui *t, struct fstate *fs)
{
	struct record *prev;
	struct fitem *it;
	char *hid = xstrdup(fs->rec->hid != NULL ? fs->rec->hid : "");
	char *path;

	t->saved_count++;
	fs->drafted = false;
	tform_notes_clear(fs);
	record_free(fs->base);
	if (fs->batch) {
		prev = fs->rec;
		fs->rec = app_blank(fs->s, fs->form, prev);
		record_free(prev);
		fs->base = record_dup(fs->rec);
		fs->top = 0;
		tform_focus(fs, NULL, 0);
		tform_focus_first(fs);
		tui_message(t, false, ftr(t, "saved %s; new record"), hid);
	} else {
		fs->base = record_dup(fs->rec);
		it = tform_cur(fs);
		path = it != NULL ? xstrdup(it->path) : NULL;
		tform_focus(fs, path, fs->focus);
		free(path);
		tui_message(t, false, ftr(t, "saved %s"), hid);
	}
	free(hid);
}

int
tform_save(struct tui *t, struct fstate *fs, bool interactive)
{
	struct verrors errs = VERRORS_INIT;
	struct changes conf = CHANGES_INIT;
	const char *msg;
	int rc;

	if (tform_commit(t, fs) != 0)
		return GB_EINVAL;
	if (record_validate(fs->form, fs->rec, &errs) > 0) {
		tform_show_errors(t, fs, &errs);
		verrors_free(&errs);
		return GB_EINVAL;
	}
	rc = app_save(fs->s, fs->form, fs->rec, &errs, &conf);
	msg = app_errmsg(fs->s);
	if (rc == 0)
		tform_saved(t, fs);
	else if (rc == GB_ECONFLICT && interactive)
		rc = conflict_resolve(t, fs, &conf) == 0 ? 0 : GB_ECONFLICT;
	else if (rc == GB_ECONFLICT)
		tui_message(t, true, "%s", ftr(t, "someone else changed this "
		    "record: save with ^S to resolve"));
	else {
		tform_show_errors(t, fs, &errs);
		if (errs.n == 0 || rc == GB_EEXIST)
			tui_app_error(t, msg, rc);
	}
	verrors_free(&errs);
	changes_free(&conf);
	return rc;
}

/* The screen. */

static void *
tform_init(struct tui *t, void *arg)
{
	struct tui_form_arg *a = arg;
	struct fstate *fs;
	struct record *disk = NULL;

	if (a == NULL || a->form == NULL) {
		if (a != NULL)
			record_free(a->rec);
		return NULL;
	}
	fs = xcalloc(1, sizeof *fs);
	fs->s = t->s;
	fs->form = a->form;
	fs->batch = a->batch;
	if (a->rec == NULL) {
		fs->rec = app_blank(t->s, a->form, NULL);
		fs->base = record_dup(fs->rec);
	} else {
		fs->rec = a->rec;
		if (fs->rec->id == 0)
			fs->base = app_blank(t->s, a->form, NULL);
		else if (fs->rec->hid != NULL &&
		    app_get(t->s, a->form, fs->rec->hid, &disk) == 0)
			fs->base = disk;
		else
			fs->base = record_dup(fs->rec);
		/* It may be a draft: closing clean deletes any. */
		fs->drafted = true;
	}
	fs->labelw = tform_label_width(t, fs->form);
	tform_focus(fs, NULL, 0);
	tform_focus_first(fs);
	return fs;
}

static void
tform_history(struct tui *t, struct fstate *fs)
{
	struct tui_form_arg a;

	if (fs->rec->id == 0 || fs->rec->hid == NULL) {
		tui_message(t, false, "%s", ftr(t, "not saved yet"));
		return;
	}
	a.form = fs->form;
	a.rec = record_dup(fs->rec);
	a.batch = false;
	(void)tui_push(t, &screen_history, &a);
}

static enum tui_ret
tform_close(struct tui *t, struct fstate *fs)
{
	const char *id = fs->rec->hid != NULL ? fs->rec->hid : "new";

	if (tform_dirty(fs)) {
		if (!tui_confirm(t, ftr(t, "discard the unsaved changes?")))
			return TUI_HANDLED;
		(void)app_draft_delete(fs->s, fs->form, id);
	} else if (fs->drafted)
		(void)app_draft_delete(fs->s, fs->form, id);
	fs->drafted = false;
	return TUI_CLOSE;
}

static void
tform_command(struct tui *t, struct fstate *fs, int cmd)
{
	struct fitem *it = tform_cur(fs);
	bool was = fs->batch;

	switch (cmd) {
	case 'S':
		(void)tform_save(t, fs, true);
		break;
	case 'B':
		fs->batch = true;
		if (tform_save(t, fs, true) != 0)
			fs->batch = was;
		break;
	case 'W':
		if (fs->form->wf.initial == NULL)
			tui_message(t, false, "%s",
			    ftr(t, "the form has no workflow"));
		else if (tform_commit(t, fs) == 0)
			workflow_menu(t, fs);
		break;
	case 'R':
		tform_history(t, fs);
		break;
	case 'G':
		if (it == NULL || it->g == NULL)
			tui_message(t, false, "%s",
			    ftr(t, "^G works inside a group of members"));
		else
			group_menu(t, fs);
		break;
	}
}

static enum tui_ret
tform_key(struct tui *t, void *st, const struct tui_key *k)
{
	struct fstate *fs = st;
	long page = tui_body_rows(t) > 6 ? tui_body_rows(t) - 4 : 2;

	if (k->fn) {
		switch (k->code) {
		case KEY_F(2):
			tform_command(t, fs, 'S');
			return TUI_HANDLED;
		case KEY_F(5):
			tform_command(t, fs, 'B');
			return TUI_HANDLED;
		case KEY_F(6):
			tform_command(t, fs, 'W');
			return TUI_HANDLED;
		case KEY_F(7):
			tform_command(t, fs, 'R');
			return TUI_HANDLED;
		case KEY_BTAB:
			tform_move(t, fs, -1);
			return TUI_HANDLED;
		case KEY_NPAGE:
		case KEY_PPAGE:
			/* A textarea keeps its arrows and pages: only Tab
			 * and Shift-Tab leave it. */
			if (fs->ed == FE_AREA)
				return tform_edit_key(t, fs, k);
			tform_move(t, fs, k->code == KEY_NPAGE ? page : -page);
			return TUI_HANDLED;
		case KEY_DOWN:
		case KEY_UP:
			if (fs->ed == FE_AREA)
				return tform_edit_key(t, fs, k);
			tform_move(t, fs, k->code == KEY_DOWN ? 1 : -1);
			return TUI_HANDLED;
		case KEY_RESIZE:
			return TUI_HANDLED;
		}
		return tform_edit_key(t, fs, k);
	}
	switch (k->code) {
	case TUI_CTRL('S'):
		tform_command(t, fs, fs->batch ? 'B' : 'S');
		return TUI_HANDLED;
	case TUI_CTRL('B'):
	case TUI_CTRL('W'):
	case TUI_CTRL('R'):
	case TUI_CTRL('G'):
		tform_command(t, fs, (int)k->code + '@');
		return TUI_HANDLED;
	case TUI_CTRL('X'):
	case TUI_ESC:
		return tform_close(t, fs);
	case '\t':
		tform_move(t, fs, 1);
		return TUI_HANDLED;
	case '\n':
	case '\r':
		tform_enter(t, fs);
		return TUI_HANDLED;
	}
	return tform_edit_key(t, fs, k);
}

static void
tform_hangup(struct tui *t, void *st)
{
	struct fstate *fs = st;

	if (tform_dirty(fs) || fs->drafted)
		tform_draft(t, fs, true);
}

static void
tform_resume(struct tui *t, void *st)
{
	struct fstate *fs = st;
	struct fitem *it = tform_cur(fs);
	char *path = it != NULL ? xstrdup(it->path) : NULL;

	(void)t;
	tform_focus(fs, path, fs->focus);
	free(path);
}

static void
tform_free(void *st)
{
	struct fstate *fs = st;

	if (fs == NULL)
		return;
	tform_editor_close(fs);
	tform_items_free(fs);
	tform_notes_clear(fs);
	record_free(fs->rec);
	record_free(fs->base);
	free(fs->title);
	free(fs->keys);
	free(fs);
}

const struct screen screen_form = {
	.name = "form",
	.init = tform_init,
	.draw = tform_draw,
	.key = tform_key,
	.keys = tform_keys,
	.title = tform_title,
	.hangup = tform_hangup,
	.resume = tform_resume,
	.free = tform_free,
};
