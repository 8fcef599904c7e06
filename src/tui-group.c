/*
 * tui-group.c — a repeat group inside the form: each member as one summary
 * row (its first values, ID numbers masked), the defaults of a new member,
 * keeping members dense when one is emptied, and the Ctrl-G popup: the
 * members as a list where one is chosen to edit, a member is added, moved
 * up or down, or removed (after a confirmation).
 *
 * Members are added by typing into the "new member" stop of the Tab order
 * (see tui-form.h); the popup's "add" just moves the focus there, since a
 * member exists once it holds a value.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui-form.h"

#define SUMMARY_VALUES	5	/* values shown in a member's row */

static char *
member_path(const struct field *g, unsigned n, const struct field *f)
{
	return xasprintf("%s.%u.%s", g->name, n, f->name);
}

/* Which fields a member's row shows first: names and numbers a clerk
 * recognises, then choices that differ from their default, then the rest. */
static int
summary_rank(const struct field *f, const char *v)
{
	switch (f->type->kind) {
	case FK_TEXTAREA:
	case FK_BOOL:
	case FK_MULTICHOICE:
		return -1;
	case FK_TEXT:
	case FK_IDCARD:
	case FK_PHONE:
		if (f->required || f->index || f->unique)
			return 0;
		return 2;
	case FK_CHOICE:
		if (f->required && (f->def == NULL || strcmp(f->def, v) != 0))
			return 1;
		return 2;
	default:
		return 2;
	}
}

char *
group_summary(const struct tui *t, const struct field *g,
    const struct record *rec, unsigned n)
{
	struct buf b = BUF_INIT;
	const struct field *f;
	const struct choice *c;
	const char *v;
	char *p, *s;
	size_t i;
	int shown = 0, rank;

	buf_addf(&b, "%2u. ", n);
	for (rank = 0; rank < 3; rank++) {
		for (i = 0; i < g->nfields && shown < SUMMARY_VALUES; i++) {
			f = &g->fields[i];
			p = member_path(g, n, f);
			v = record_get(rec, p);
			free(p);
			if (v == NULL || summary_rank(f, v) != rank)
				continue;
			if (shown++ > 0)
				buf_adds(&b, "  ");
			switch (f->type->kind) {
			case FK_IDCARD:
				s = idcard_mask(v);
				break;
			case FK_CHOICE:
				c = f->choices != NULL ?
				    list_choice(f->choices, v) : NULL;
				s = xstrdup(c != NULL ?
				    label_get(&c->label, t->lang) : v);
				break;
			default:
				s = tform_show(t, f, v);
				break;
			}
			buf_adds(&b, s);
			free(s);
		}
	}
	return buf_steal(&b);
}

void
group_defaults(const struct field *g, struct record *rec, unsigned n)
{
	size_t i;
	char *p;

	for (i = 0; i < g->nfields; i++) {
		if (g->fields[i].def == NULL)
			continue;
		p = member_path(g, n, &g->fields[i]);
		if (record_get(rec, p) == NULL)
			record_set(rec, p, g->fields[i].def);
		free(p);
	}
}

bool
group_drop_empty(const struct field *g, struct record *rec, unsigned n)
{
	char *prefix = xasprintf("%s.%u.", g->name, n);
	size_t i, len = strlen(prefix);
	bool empty = true;

	for (i = 0; i < rec->nv && empty; i++)
		if (strncmp(rec->v[i].path, prefix, len) == 0)
			empty = false;
	free(prefix);
	if (!empty || n >= record_group_count(rec, g->name))
		return false;
	record_group_remove(rec, g->name, n);
	return true;
}

/* Focus member n's first stop (the new-member stop when n is past the
 * last). */
static void
group_focus(struct fstate *fs, const struct field *g, unsigned n)
{
	size_t i;
	char *path = NULL;

	for (i = 0; i < fs->nitems; i++) {
		if (fs->items[i].g == g && (fs->items[i].n == n ||
		    fs->items[i].phantom)) {
			path = xstrdup(fs->items[i].path);
			break;
		}
	}
	tform_focus(fs, path, fs->focus);
	free(path);
}

static void
group_paint(struct tui *t, struct fstate *fs, const struct field *g,
    unsigned sel, unsigned *top)
{
	unsigned count = record_group_count(fs->rec, g->name), rows, i;
	bool can_add = g->repeat_max == 0 || count < g->repeat_max;
	int y, x, h, w;
	char *title, *s;

	rows = count + (can_add ? 1 : 0);
	h = (int)rows;
	w = t->cols - 8;
	title = xasprintf("%s (%u)", label_get(&g->label, t->lang), count);
	tui_paint(t, ftr(t, "Enter edit  a add  u up  d down  x remove  "
	    "Esc back"));
	if (t->too_small) {
		free(title);
		tui_update(t);
		return;
	}
	tform_popup(t, title, &y, &x, &h, &w);
	free(title);
	if (sel < *top + 1)
		*top = sel - 1;
	if (sel > *top + (unsigned)h)
		*top = sel - (unsigned)h;
	for (i = *top + 1; i <= rows && i <= *top + (unsigned)h; i++) {
		if (i <= count)
			s = group_summary(t, g, fs->rec, i);
		else
			s = xasprintf(" +  %s", ftr(t, "add a member"));
		if (i == sel)
			tui_attr_select(t, true);
		tui_put(y + (int)(i - *top - 1), x, w, s, true);
		if (i == sel)
			tui_attr_select(t, false);
		free(s);
	}
	tui_cursor_reset();
	tui_update(t);
}

void
group_menu(struct tui *t, struct fstate *fs)
{
	struct fitem *it;
	const struct field *g;
	struct tui_key k;
	unsigned sel, count, top = 0;
	bool changed = false, done = false;
	char *p, *name, *q;

	if (tform_commit(t, fs) != 0 || (it = tform_cur(fs)) == NULL ||
	    it->g == NULL)
		return;
	g = it->g;
	sel = it->n;
	while (!done) {
		count = record_group_count(fs->rec, g->name);
		if (sel > count + 1 || (sel == count + 1 && g->repeat_max != 0 &&
		    count >= g->repeat_max))
			sel = count > 0 ? count : 1;
		if (sel == 0)
			sel = 1;
		group_paint(t, fs, g, sel, &top);
		if (tui_getkey(t, &k) != 0)
			break;
		if (k.fn) {
			switch (k.code) {
			case KEY_UP:
				if (sel > 1)
					sel--;
				break;
			case KEY_DOWN:
				sel++;
				break;
			case KEY_DC:
				k.fn = false;
				k.code = 'x';
				break;
			}
			if (k.fn)
				continue;
		}
		switch (k.code) {
		case 'k':
			if (sel > 1)
				sel--;
			break;
		case 'j':
			sel++;
			break;
		case '\n':
		case 'e':
			done = true;
			break;
		case 'a':
		case '+':
			if (g->repeat_max != 0 && count >= g->repeat_max) {
				tui_message(t, true, ftr(t, "the group is full "
				    "(%u members at most)"), g->repeat_max);
				break;
			}
			sel = count + 1;
			done = true;
			break;
		case 'u':
			if (sel > 1 && sel <= count) {
				record_group_move(fs->rec, g->name, sel, sel - 1);
				sel--;
				changed = true;
			}
			break;
		case 'd':
			if (sel < count) {
				record_group_move(fs->rec, g->name, sel, sel + 1);
				sel++;
				changed = true;
			}
			break;
		case 'x':
		case '-':
			if (sel > count)
				break;
			p = group_summary(t, g, fs->rec, sel);
			name = p + strspn(p, " 0123456789.");
			q = xasprintf(ftr(t, "remove member %u (%s)?"), sel,
			    name);
			free(p);
			if (tui_confirm(t, q)) {
				record_group_remove(fs->rec, g->name, sel);
				changed = true;
			}
			free(q);
			break;
		case TUI_ESC:
		case TUI_CTRL('G'):
		case TUI_CTRL('X'):
		case 'q':
			done = true;
			break;
		}
	}
	if (changed)
		tform_changed(t, fs, NULL);
	group_focus(fs, g, sel);
}
