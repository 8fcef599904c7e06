/*
 * tui-picker.c — the popup that chooses a code from a choice list.  The
 * clerk types a code ("01") or part of a label (汉, "han"), the list narrows
 * as they type, Enter takes the highlighted entry.  For multichoice, Space
 * toggles entries and Enter accepts the set.
 *
 * tui_pick_filter() is the pure matching rule; tui_pick() is a small modal
 * loop over tui_getkey()/tui_paint() that draws the popup above the screen
 * that asked.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui-int.h"

#define PICK_MAXW	72

/* 0 exact code, 1 code prefix, 2 label prefix, 3 label contains, -1 no. */
static int
pick_rank(const struct choice *c, const char *want)
{
	char *code, *zh, *en;
	size_t n = strlen(want);
	int r = -1;

	code = norm_key(c->code);
	zh = norm_key(c->label.zh);
	en = norm_key(c->label.en);
	if (strcmp(code, want) == 0)
		r = 0;
	else if (strncmp(code, want, n) == 0)
		r = 1;
	else if (strncmp(zh, want, n) == 0 || strncmp(en, want, n) == 0)
		r = 2;
	else if (strstr(zh, want) != NULL || strstr(en, want) != NULL)
		r = 3;
	free(code);
	free(zh);
	free(en);
	return r;
}

size_t
tui_pick_filter(const struct choice_list *l, const char *text, size_t *idx)
{
	char *want = norm_key(text != NULL ? text : "");
	int *rank, r;
	size_t i, n = 0;

	if (*want == '\0') {
		for (i = 0; i < l->n; i++)
			idx[i] = i;
		free(want);
		return l->n;
	}
	rank = xcalloc(l->n ? l->n : 1, sizeof *rank);
	for (i = 0; i < l->n; i++)
		rank[i] = pick_rank(&l->v[i], want);
	for (r = 0; r <= 3; r++)
		for (i = 0; i < l->n; i++)
			if (rank[i] == r)
				idx[n++] = i;
	free(rank);
	free(want);
	return n;
}

struct pick {
	struct tui			*t;
	const struct choice_list	*l;
	bool				 multi;
	const char			*title;
	struct lineedit			 filter;
	size_t				*idx;
	size_t				 n;
	size_t				 sel;
	size_t				 top;
	bool				*on;	/* multi: chosen, by list index */
	int				 codew;
};

static void
pick_refilter(struct pick *p)
{
	p->n = tui_pick_filter(p->l, p->filter.text.p, p->idx);
	p->sel = p->top = 0;
}

/* Mark the codes of a canonical value ("01,03" for multichoice). */
static void
pick_current(struct pick *p, const char *current)
{
	const char *s = current, *e;
	size_t i, len;

	if (current == NULL)
		return;
	for (; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
		e = p->multi ? strchr(s, ',') : NULL;
		if (e == NULL)
			e = s + strlen(s);
		len = (size_t)(e - s);
		for (i = 0; i < p->l->n; i++) {
			if (strlen(p->l->v[i].code) != len ||
			    strncmp(p->l->v[i].code, s, len) != 0)
				continue;
			if (p->multi)
				p->on[i] = true;
			else
				p->sel = i;
		}
	}
}

static void
pick_draw(struct pick *p)
{
	struct tui *t = p->t;
	const struct choice *c;
	size_t i, lw = 0, w0;
	int h, w, y, x, rows, row, used;
	const char *label;
	char *count, prefix[8];

	for (i = 0; i < p->l->n; i++) {
		w0 = utf8_width(label_get(&p->l->v[i].label, t->lang));
		if (w0 > lw)
			lw = w0;
	}
	w = (int)lw + p->codew + 10 + (p->multi ? 4 : 0);
	if (w < 40)
		w = 40;
	if (w > PICK_MAXW)
		w = PICK_MAXW;
	if (w > t->cols - 4)
		w = t->cols - 4;
	h = (int)p->l->n + 4;
	if (h < 8)
		h = 8;
	if (h > t->rows - 4)
		h = t->rows - 4;
	y = (t->rows - h) / 2;
	x = (t->cols - w) / 2;
	rows = h - 3;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows)
		p->top = p->sel - (size_t)rows + 1;

	tui_popup_box(y, x, h, w);
	tui_attr_label(t, true);
	tui_put(y, x + 2, w - 4, p->title != NULL ? p->title :
	    label_get(&p->l->title, t->lang), false);
	tui_attr_label(t, false);
	count = xasprintf(" %zu/%zu ", p->n, p->l->n);
	tui_put(y + h - 1, x + w - 2 - (int)strlen(count), (int)strlen(count),
	    count, false);
	free(count);
	tui_put(y + 1, x + 2, 2, "> ", false);
	for (row = 0; row < rows; row++) {
		i = p->top + (size_t)row;
		if (i >= p->n)
			break;
		c = &p->l->v[p->idx[i]];
		if (i == p->sel)
			tui_attr_select(t, true);
		used = 0;
		if (p->multi) {
			snprintf(prefix, sizeof prefix, "[%c] ",
			    p->on[p->idx[i]] ? 'x' : ' ');
			used += tui_put(y + 2 + row, x + 1, 4, prefix, false);
		}
		used += tui_put(y + 2 + row, x + 1 + used, p->codew + 1, c->code,
		    true);
		label = label_get(&c->label, t->lang);
		if (strcmp(label, c->code) == 0)
			label = "";
		tui_put(y + 2 + row, x + 1 + used, w - 2 - used, label, true);
		if (i == p->sel)
			tui_attr_select(t, false);
	}
	if (p->n == 0)
		tui_put(y + 2, x + 2, w - 4, tr(t, "nothing matches"), false);
	le_draw(&p->filter, y + 1, x + 4, w - 6, true);
}

static char *
pick_result(struct pick *p)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (!p->multi)
		return xstrdup(p->l->v[p->idx[p->sel]].code);
	for (i = 0; i < p->l->n; i++) {
		if (!p->on[i])
			continue;
		if (b.len > 0)
			buf_addc(&b, ',');
		buf_adds(&b, p->l->v[i].code);
	}
	return b.len > 0 ? buf_steal(&b) : xstrdup("");
}

/* A list key; returns 1 when handled. */
static int
pick_move(struct pick *p, const struct tui_key *k)
{
	size_t page = (size_t)(p->t->rows > 12 ? p->t->rows - 11 : 1);

	if (p->n == 0)
		return 0;
	if ((k->fn && k->code == KEY_UP) || (!k->fn && k->code ==
	    TUI_CTRL('P'))) {
		if (p->sel > 0)
			p->sel--;
	} else if ((k->fn && k->code == KEY_DOWN) || (!k->fn && k->code ==
	    TUI_CTRL('N'))) {
		if (p->sel + 1 < p->n)
			p->sel++;
	} else if (k->fn && k->code == KEY_PPAGE)
		p->sel = p->sel > page ? p->sel - page : 0;
	else if (k->fn && k->code == KEY_NPAGE)
		p->sel = p->sel + page < p->n ? p->sel + page : p->n - 1;
	else if (k->fn && k->code == KEY_HOME)
		p->sel = 0;
	else if (k->fn && k->code == KEY_END)
		p->sel = p->n - 1;
	else
		return 0;
	return 1;
}

char *
tui_pick(struct tui *t, const struct choice_list *l, const char *current,
    bool multi, const char *title)
{
	struct pick p;
	struct tui_key k;
	char *out = NULL;
	size_t i;

	memset(&p, 0, sizeof p);
	p.t = t;
	p.l = l;
	p.multi = multi;
	p.title = title;
	le_init(&p.filter, "", 40);
	p.idx = xcalloc(l->n ? l->n : 1, sizeof *p.idx);
	p.on = xcalloc(l->n ? l->n : 1, sizeof *p.on);
	for (i = 0; i < l->n; i++)
		if ((int)utf8_width(l->v[i].code) > p.codew)
			p.codew = (int)utf8_width(l->v[i].code);
	if (p.codew > 12)
		p.codew = 12;
	pick_refilter(&p);
	pick_current(&p, current);
	for (;;) {
		tui_paint(t, multi ? tr(t, "Space toggle  Enter accept  "
		    "Up/Down move  Esc cancel  type to filter") :
		    tr(t, "Enter choose  Up/Down move  Esc cancel  "
		    "type a code or name to filter"));
		if (!t->too_small)
			pick_draw(&p);
		tui_update(t);
		if (tui_getkey(t, &k) == -1)
			break;
		if (t->too_small || (k.fn && k.code == KEY_RESIZE))
			continue;
		if (!k.fn && (k.code == TUI_ESC || k.code == TUI_CTRL('G') ||
		    k.code == TUI_CTRL('X')))
			break;
		if (!k.fn && k.code == '\n') {
			if (multi || p.n > 0) {
				out = pick_result(&p);
				break;
			}
			continue;
		}
		if (multi && !k.fn && k.code == ' ') {
			if (p.n > 0)
				p.on[p.idx[p.sel]] = !p.on[p.idx[p.sel]];
			continue;
		}
		if (pick_move(&p, &k))
			continue;
		if (le_key(&p.filter, &k) == 1)
			pick_refilter(&p);
	}
	le_free(&p.filter);
	free(p.idx);
	free(p.on);
	return out;
}
