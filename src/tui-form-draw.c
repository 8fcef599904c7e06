/*
 * tui-form-draw.c — painting the form screen: the layout of its rows (the
 * fields, a group's header, the open member's fields, the other members as
 * summary rows, the "new member" row), scrolling so the focused field and
 * the headers above it stay in view, the help line under the form (the
 * focused field's problem, else its help text, else how to type it), the
 * title with the batch counter, the key line, and popup frames.
 *
 * Labels are padded by display width (tui_put), so CJK labels line up with
 * Latin ones.  The last body row is the help line; the rest scrolls.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui-form.h"

enum drow_kind {
	DR_FIELD,	/* items[item] */
	DR_PHANTOM,	/* items[item], the new-member stop */
	DR_GROUP,	/* the header of group g */
	DR_MEMBER,	/* the header of open member n of g */
	DR_SUMMARY,	/* member n of g, closed */
};

struct drow {
	enum drow_kind		 k;
	size_t			 item;
	const struct field	*g;
	unsigned		 n;
	int			 h;
	int			 y;		/* layout row */
};

#define LABEL_MAX	28	/* widest label column (at most a third of the width) */
#define AREA_ROWS	3	/* a textarea's rows when not focused */

static enum field_kind
kind(const struct field *f)
{
	return f->type->kind;
}

int
tform_label_width(const struct tui *t, const struct form *fm)
{
	const struct field *f;
	size_t i, j;
	int w = 8, lw;
	char *ph;

	for (i = 0; i < fm->nfields; i++) {
		f = &fm->fields[i];
		lw = (int)utf8_width(label_get(&f->label, t->lang)) + 1;
		if (lw > w)
			w = lw;
		for (j = 0; j < f->nfields; j++) {
			lw = 4 + (int)utf8_width(label_get(&f->fields[j].label,
			    t->lang)) + 1;
			if (lw > w)
				w = lw;
			/* The new-member stop: "+ member 10: Name". */
			ph = xasprintf(ftr(t, "+ %s %u: %s"),
			    label_get(&f->label, t->lang), 10,
			    label_get(&f->fields[j].label, t->lang));
			lw = 2 + (int)utf8_width(ph) + 1;
			free(ph);
			if (lw > w)
				w = lw;
		}
	}
	return w > LABEL_MAX ? LABEL_MAX : w;
}

/* Rows of a textarea not being edited: its wrapped rows, up to AREA_ROWS
 * (ta_show marks what does not fit). */
static int
area_rows(const char *v, int w)
{
	size_t n = ta_rows(v != NULL ? v : "", w);

	return n > AREA_ROWS ? AREA_ROWS : (int)n;
}

/* The rows of the form for the current focus; heights for body rows H
 * and values W columns wide. */
static size_t
tform_layout(struct fstate *fs, int H, int W, struct drow **out)
{
	struct fitem *cur = tform_cur(fs), *it;
	const struct field *lastg = NULL, *openg = NULL;
	struct drow *r = NULL;
	size_t n = 0, i;
	unsigned lastn = 0, openn = 0;
	int y = 0, h;

	if (cur != NULL && cur->g != NULL && !cur->phantom) {
		openg = cur->g;
		openn = cur->n;
	}
#define ADD(kk, ii, gg, nn, hh) do {					\
	r = xreallocarray(r, n + 1, sizeof *r);				\
	r[n].k = (kk); r[n].item = (ii); r[n].g = (gg); r[n].n = (nn);	\
	r[n].h = (hh); r[n].y = y; y += (hh); n++;			\
} while (0)
	for (i = 0; i < fs->nitems; i++) {
		it = &fs->items[i];
		if (it->g == NULL) {
			lastg = NULL;
			h = 1;
			if (kind(it->f) == FK_TEXTAREA) {
				if (i == fs->focus)
					h = H / 2 < 4 ? 4 : H / 2 > 10 ? 10 :
					    H / 2;
				else
					h = area_rows(record_get(fs->rec,
					    it->path), W);
			}
			ADD(DR_FIELD, i, NULL, 0, h);
			continue;
		}
		if (it->g != lastg) {
			ADD(DR_GROUP, i, it->g, 0, 1);
			lastg = it->g;
			lastn = 0;
		}
		if (it->phantom) {
			ADD(DR_PHANTOM, i, it->g, it->n, 1);
			continue;
		}
		if (it->n != lastn) {
			lastn = it->n;
			if (it->g == openg && it->n == openn)
				ADD(DR_MEMBER, i, it->g, it->n, 1);
			else
				ADD(DR_SUMMARY, i, it->g, it->n, 1);
		}
		if (it->g == openg && it->n == openn) {
			h = 1;
			if (kind(it->f) == FK_TEXTAREA)
				h = i == fs->focus ? 6 :
				    area_rows(record_get(fs->rec, it->path),
				    W);
			ADD(DR_FIELD, i, it->g, it->n, h);
		}
	}
#undef ADD
	*out = r;
	return n;
}

/* Columns an editor of field f takes, in w available. */
static int
edit_width(const struct field *f, int w)
{
	int ew;
	size_t i, cw;

	switch (kind(f)) {
	case FK_IDCARD:
		ew = 19;
		break;
	case FK_PHONE:
	case FK_INTEGER:
	case FK_DECIMAL:
		ew = 14;
		break;
	case FK_DATE:
		ew = 16;
		break;
	case FK_CHOICE:
		ew = 4;
		for (i = 0; f->choices != NULL && i < f->choices->n; i++) {
			cw = utf8_width(f->choices->v[i].code) + 2;
			if ((int)cw > ew)
				ew = (int)cw;
		}
		if (ew > 12)
			ew = 12;
		break;
	case FK_MULTICHOICE:
	case FK_REF:
		ew = 16;
		break;
	default:
		ew = f->maxlen > 0 ? (int)f->maxlen * 2 + 1 : w;
		break;
	}
	return ew < w ? ew : w;
}

/* What a typed choice stands for, shown after the code editor. */
static char *
choice_preview(const struct tui *t, struct fstate *fs, const struct fitem *it)
{
	const struct choice_list *l = it->f->choices;
	const char *text = buf_str(&fs->le.text), *c;
	const struct choice *ch;
	size_t *idx, n;
	char *s, err[200];

	if (l == NULL || l->n == 0)
		return xstrdup("");
	if (!fs->edited) {
		c = record_get(fs->rec, it->path);
		if (c != NULL && kind(it->f) == FK_CHOICE &&
		    (ch = list_choice(l, c)) != NULL)
			return xstrdup(label_get(&ch->label, t->lang));
		return tform_show(t, it->f, c);
	}
	if (*text == '\0')
		return xstrdup("");
	if (kind(it->f) == FK_MULTICHOICE) {
		/* "01,03" typed: the labels, once the codes parse. */
		if (tform_parse(it->f, text, &s, err, sizeof err) != 0)
			return xstrdup("?");
		c = s;
		s = tform_show(t, it->f, c);
		free((char *)c);
		return s;
	}
	idx = xcalloc(l->n, sizeof *idx);
	n = tui_pick_filter(l, text, idx);
	if (n == 0)
		s = xstrdup("?");
	else
		s = xasprintf("→ %s %s%s", l->v[idx[0]].code,
		    label_get(&l->v[idx[0]].label, t->lang), n > 1 ? " …" : "");
	free(idx);
	return s;
}

/* The focused field's value with its editor.  Returns columns used. */
static int
draw_editor(struct tui *t, struct fstate *fs, const struct fitem *it, int y,
    int x, int w, int h)
{
	const char *text, *v;
	char *s;
	int ew, tw;

	switch (fs->ed) {
	case FE_AREA:
		ta_draw(fs->ta, y, x, h, w, true);
		return w;
	case FE_BOOL:
		v = record_get(fs->rec, it->path);
		s = tform_show(t, it->f, v);
		tui_put(y, x, 4, v != NULL && strcmp(v, "1") == 0 ? "[x]" :
		    "[ ]", false);
		ew = 4 + tui_put(y, x + 4, w - 4, s, false);
		free(s);
		tui_cursor(y, x + 1);
		return ew;
	case FE_LINE:
		break;
	default:
		return 0;
	}
	ew = edit_width(it->f, w);
	text = buf_str(&fs->le.text);
	tw = (int)utf8_width(text);
	if (fs->fresh && *text != '\0' && tw < ew) {
		tui_attr_select(t, true);
		tui_put(y, x, tw, text, false);
		tui_attr_select(t, false);
		tui_put(y, x + tw, ew - tw, "", true);
		tui_cursor(y, x + tw);
	} else
		le_draw(&fs->le, y, x, ew, true);
	if (kind(it->f) == FK_CHOICE || kind(it->f) == FK_MULTICHOICE) {
		s = choice_preview(t, fs, it);
		if (strcmp(s, "?") == 0)
			tui_attr_error(t, true);
		tui_put(y, x + ew + 1, w - ew - 1, s, false);
		if (strcmp(s, "?") == 0)
			tui_attr_error(t, false);
		ew += 1 + (int)utf8_width(s);
		free(s);
	}
	return ew;
}

/* A value not being edited; a textarea shows its first wrapped rows. */
static int
draw_value(struct tui *t, struct fstate *fs, const struct fitem *it, int y,
    int x, int w, int h)
{
	const char *v = record_get(fs->rec, it->path);
	char *s;
	int used = 0;

	if (kind(it->f) == FK_BOOL) {
		tui_put(y, x, 4, v != NULL && strcmp(v, "1") == 0 ? "[x]" :
		    "[ ]", false);
		s = tform_show(t, it->f, v);
		used = 4 + tui_put(y, x + 4, w - 4, s, false);
		free(s);
		return used;
	}
	if (kind(it->f) == FK_TEXTAREA)
		return ta_show(t, v != NULL ? v : "", y, x, h, w);
	s = tform_show(t, it->f, v);
	used = tui_put(y, x, w, s, false);
	free(s);
	return used;
}

static void
draw_item(struct tui *t, struct fstate *fs, const struct drow *r, int y,
    int h, int lw)
{
	const struct fitem *it = &fs->items[r->item];
	bool focus = r->item == fs->focus;
	const char *label = label_get(&it->f->label, t->lang), *note;
	char *text;
	int indent = it->g != NULL ? 4 : 0, x = lw + 1, w, used;

	if (r->k == DR_PHANTOM) {
		indent = 2;
		text = xasprintf(ftr(t, "+ %s %u: %s"),
		    label_get(&it->g->label, t->lang), it->n, label);
	} else
		text = xasprintf("%s%s", label, it->f->required ? "*" : "");
	if (focus)
		tui_attr_select(t, true);
	else
		tui_attr_label(t, true);
	tui_put(y, indent, lw - indent, text, true);
	if (focus)
		tui_attr_select(t, false);
	else
		tui_attr_label(t, false);
	free(text);
	w = t->cols - x - 1;
	if (w <= 0)
		return;
	if (focus)
		used = draw_editor(t, fs, it, y, x, w, h);
	else
		used = draw_value(t, fs, it, y, x, w, h);
	note = tform_note_get(fs, it->path);
	if (note != NULL && !focus && w - used > 8) {
		tui_attr_error(t, true);
		tui_put(y, x + used + 2, w - used - 2, note, false);
		tui_attr_error(t, false);
	}
}

static void
draw_row(struct tui *t, struct fstate *fs, const struct drow *r, int y, int h,
    int lw)
{
	char *s, *head;
	unsigned count;
	int used;

	switch (r->k) {
	case DR_FIELD:
	case DR_PHANTOM:
		draw_item(t, fs, r, y, h, lw);
		break;
	case DR_GROUP:
		count = record_group_count(fs->rec, r->g->name);
		head = xasprintf("%s%s", label_get(&r->g->label, t->lang),
		    r->g->repeat_min > 0 ? "*" : "");
		tui_attr_label(t, true);
		used = tui_put(y, 0, lw, head, true);
		tui_attr_label(t, false);
		s = xasprintf(ftr(t, "members: %u"), count);
		used += 1 + tui_put(y, lw + 1, t->cols - lw - 2, s, false);
		free(s);
		free(head);
		if (tform_note_get(fs, r->g->name) != NULL) {
			tui_attr_error(t, true);
			tui_put(y, used + 2, t->cols - used - 3,
			    tform_note_get(fs, r->g->name), false);
			tui_attr_error(t, false);
		}
		break;
	case DR_MEMBER:
		count = record_group_count(fs->rec, r->g->name);
		s = xasprintf(ftr(t, "%s %u of %u"), label_get(&r->g->label,
		    t->lang), r->n, count);
		tui_attr_label(t, true);
		used = tui_put(y, 2, 3, t->ascii ? "-- " : "── ", false);
		used += tui_put(y, 5, t->cols - 6, s, false);
		tui_attr_label(t, false);
		free(s);
		break;
	case DR_SUMMARY:
		s = group_summary(t, r->g, fs->rec, r->n);
		tui_put(y, 2, t->cols - 3, s, false);
		free(s);
		break;
	}
}

/* The help line: the focused field's problem, help, or how to type it. */
static void
draw_help(struct tui *t, struct fstate *fs, int y)
{
	struct fitem *it = tform_cur(fs);
	const char *note, *help = "";

	if (it == NULL)
		return;
	note = tform_note_get(fs, it->path);
	if (note != NULL) {
		tui_attr_error(t, true);
		tui_put(y, 2, t->cols - 3, note, false);
		tui_attr_error(t, false);
		return;
	}
	if (it->phantom)
		help = ftr(t, "type a value here to add a member; leave it "
		    "empty to go on");
	else if (*label_get(&it->f->help, t->lang) != '\0')
		help = label_get(&it->f->help, t->lang);
	else {
		switch (kind(it->f)) {
		case FK_DATE:
			help = ftr(t, "date: 2026-01-05, 20260105 or "
			    "2026年1月5日");
			break;
		case FK_IDCARD:
			help = ftr(t, "18 characters, the last may be X");
			break;
		case FK_PHONE:
			help = ftr(t, "mobile 13812345678 or landline "
			    "0931-1234567");
			break;
		case FK_CHOICE:
			help = ftr(t, "type a code, or Space for the list");
			break;
		case FK_MULTICHOICE:
			help = ftr(t, "codes separated by commas, or Space for "
			    "the list");
			break;
		case FK_BOOL:
			help = ftr(t, "Space or y/n");
			break;
		case FK_TEXTAREA:
			help = ftr(t, "Enter starts a new line; Tab goes to the "
			    "next field");
			break;
		default:
			break;
		}
	}
	tui_put(y, 2, t->cols - 3, help, false);
}

void
tform_draw(struct tui *t, void *st)
{
	struct fstate *fs = st;
	struct drow *r = NULL;
	size_t n, i, fr = SIZE_MAX;
	int top = tui_body_top(t), H = tui_body_rows(t) - 1, total, y, h, lw,
	    want;

	if (H < 1)
		return;
	for (y = top; y <= top + H; y++) {
		move(y, 0);
		clrtoeol();
	}
	lw = fs->labelw < t->cols / 3 ? fs->labelw : t->cols / 3;
	n = tform_layout(fs, H, t->cols - lw - 2, &r);
	total = n > 0 ? r[n - 1].y + r[n - 1].h : 0;
	for (i = 0; i < n; i++)
		if ((r[i].k == DR_FIELD || r[i].k == DR_PHANTOM) &&
		    r[i].item == fs->focus)
			fr = i;
	if (fr != SIZE_MAX) {
		/* The focused row, and the headers just above it if they fit. */
		want = r[fr].y;
		for (i = fr; i > 0 && (r[i - 1].k == DR_GROUP ||
		    r[i - 1].k == DR_MEMBER) && r[fr].y + r[fr].h -
		    r[i - 1].y <= H; i--)
			want = r[i - 1].y;
		/* Jump a third of a page rather than creep a row at a time:
		 * fewer repaints over a slow link. */
		if (r[fr].y + r[fr].h > fs->top + H) {
			fs->top = r[fr].y - H / 3;
			if (want < fs->top)
				fs->top = want > r[fr].y + r[fr].h - H ? want :
				    r[fr].y + r[fr].h - H;
		} else if (want < fs->top)
			fs->top = want;
	}
	if (fs->top > total - H)
		fs->top = total - H;
	if (fs->top < 0)
		fs->top = 0;
	for (i = 0; i < n; i++) {
		if (r[i].y < fs->top || r[i].y >= fs->top + H)
			continue;
		y = top + r[i].y - fs->top;
		h = r[i].h < top + H - y ? r[i].h : top + H - y;
		draw_row(t, fs, &r[i], y, h, lw);
	}
	if (fs->top > 0)
		mvaddstr(top, t->cols - 1, t->ascii ? "^" : "↑");
	if (total > fs->top + H)
		mvaddstr(top + H - 1, t->cols - 1, t->ascii ? "v" : "↓");
	draw_help(t, fs, top + H);
	free(r);
}

/*
 * The key line: what works on the focused field, then the form's keys.
 * When they don't all fit in the width, the least needed go first (the
 * higher rank numbers), so save, close and help always show.
 */
const char *
tform_keys(struct tui *t, void *st)
{
	struct fstate *fs = st;
	struct fitem *it = tform_cur(fs);
	struct {
		const char	*s;
		int		 rank;
	} k[10];
	size_t n = 0, i, w, drop;
	struct buf b = BUF_INIT;

#define KEY(str, r) do { k[n].s = (str); k[n].rank = (r); n++; } while (0)
	if (it != NULL) {
		switch (kind(it->f)) {
		case FK_CHOICE:
		case FK_MULTICHOICE:
			KEY(!fs->edited && !it->phantom &&
			    record_get(fs->rec, it->path) == NULL ?
			    ftr(t, "Enter/Space list") : ftr(t, "Space list"),
			    1);
			break;
		case FK_BOOL:
			KEY(ftr(t, "Space toggle"), 1);
			break;
		case FK_TEXTAREA:
			KEY(ftr(t, "Enter newline"), 1);
			break;
		default:
			break;
		}
	}
	KEY(ftr(t, "Tab next"), 2);
	KEY(fs->batch ? ftr(t, "^S save+new") : ftr(t, "^S save"), 0);
	if (it != NULL && it->g != NULL)
		KEY(ftr(t, "^G members"), 4);
	if (!fs->batch)
		KEY(ftr(t, "^B save+new"), 6);
	if (fs->form->wf.initial != NULL)
		KEY(ftr(t, "^W workflow"), 5);
	if (fs->rec->id != 0)
		KEY(ftr(t, "^R history"), 7);
	KEY(ftr(t, "^X close"), 0);
	KEY(ftr(t, "F1/^_ help"), 3);
#undef KEY
	for (;;) {
		w = 0;
		drop = SIZE_MAX;
		for (i = 0; i < n; i++) {
			w += utf8_width(k[i].s) + (w > 0 ? 2 : 0);
			if (drop == SIZE_MAX || k[i].rank >= k[drop].rank)
				drop = i;
		}
		if (w < (size_t)t->cols || n <= 1)
			break;
		memmove(k + drop, k + drop + 1, (n - drop - 1) * sizeof k[0]);
		n--;
	}
	for (i = 0; i < n; i++) {
		if (b.len > 0)
			buf_adds(&b, "  ");
		buf_adds(&b, k[i].s);
	}
	free(fs->keys);
	fs->keys = buf_steal(&b);
	return fs->keys;
}

const char *
tform_title(struct tui *t, void *st)
{
	struct fstate *fs = st;
	struct buf b = BUF_INIT;
	long elapsed;
	unsigned rate;

	buf_adds(&b, label_get(&fs->form->title, t->lang));
	buf_adds(&b, " · ");
	buf_adds(&b, fs->rec->hid != NULL ? fs->rec->hid : ftr(t, "new"));
	if (fs->rec->state != NULL && fs->form->wf.initial != NULL &&
	    fs->rec->id != 0)
		buf_addf(&b, " [%s]", workflow_state_label(t, fs->form,
		    fs->rec->state));
	if (tform_dirty(fs))
		buf_adds(&b, " *");
	if (fs->batch) {
		elapsed = (long)time(NULL) - t->session_start;
		if (elapsed < 60)
			elapsed = 60;
		rate = (unsigned)(t->saved_count * 3600UL /
		    (unsigned long)elapsed);
		buf_adds(&b, "   ");
		buf_addf(&b, ftr(t, "%u saved, %u/hour"),
		    t->saved_count, rate);
	}
	free(fs->title);
	fs->title = buf_steal(&b);
	return fs->title;
}

void
tform_popup(struct tui *t, const char *title, int *y, int *x, int *h, int *w)
{
	int bt = tui_body_top(t), bh = tui_body_rows(t), ph = *h + 2,
	    pw = *w + 2, py, px;
	char *s;

	if (ph > bh)
		ph = bh;
	if (pw > t->cols)
		pw = t->cols;
	py = bt + (bh - ph) / 2;
	px = (t->cols - pw) / 2;
	tui_popup_box(py, px, ph, pw);
	if (title != NULL && pw > 6) {
		s = xasprintf(" %s ", title);
		tui_attr_label(t, true);
		tui_put(py, px + 2, pw - 4, s, false);
		tui_attr_label(t, false);
		free(s);
	}
	*y = py + 1;
	*x = px + 1;
	*h = ph - 2;
	*w = pw - 2;
}
