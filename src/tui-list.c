/*
 * tui-list.c — the records of one form, with a search line on top that
 * searches as the clerk types (a name or address prefix, a full ID or
 * phone, or their last 4 digits: app_find), newest first when empty.
 *
 * Letters and digits belong to the search line, so the list's own actions
 * are on keys that never type: arrows, PgUp/PgDn, Home/End, Ctrl-N/Ctrl-P
 * (phones), Enter opens, F3 or Ctrl-O new, Esc clears the search then goes
 * back, Ctrl-X back; '?' is help while the search line is empty.  Columns are the spec's `list:`; ID numbers are masked.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui-int.h"

#define LIST_COLMAX	28	/* widest a column grows before sharing */
#define LIST_COLMIN	4

struct list {
	const struct form	*form;
	const char		**cols;
	size_t			 ncols;
	struct lineedit		 search;
	struct app_page		 page;
	size_t			 offset;
	size_t			 sel;
	size_t			 limit;		/* rows asked for last time */
	char			*title;
	/* ID number fields not among the columns: while searching, a column
	 * shows (masked) the ID numbers that match what was typed. */
	const struct field	*idf[8];
	size_t			 nidf;
};

#define LIST_IDMATCH	"_idmatch"

/* Record rows that fit: the body minus search line, header and status. */
static size_t
list_rows(const struct tui *t)
{
	int n = tui_body_rows(t) - 3;

	return n > 1 ? (size_t)n : 1;
}

static void
list_query(struct tui *t, struct list *l)
{
	int rc;

	app_page_free(&l->page);
	memset(&l->page, 0, sizeof l->page);
	l->limit = list_rows(t);
	rc = app_find(t->s, l->form, buf_str(&l->search.text), l->offset,
	    l->limit, &l->page);
	if (rc != 0) {
		tui_message(t, true, tr(t, "cannot list: %s"),
		    app_errmsg(t->s));
		memset(&l->page, 0, sizeof l->page);
	}
	if (l->page.n == 0 && l->offset > 0) {	/* the page went away */
		l->offset = 0;
		list_query(t, l);
		return;
	}
	if (l->sel >= l->page.n)
		l->sel = l->page.n > 0 ? l->page.n - 1 : 0;
}

char *
tui_value_text(struct tui *t, const struct field *f, const char *v)
{
	const struct choice *c;
	struct buf b = BUF_INIT;
	const char *s, *e;
	char *code, *p;

	if (v == NULL)
		return xstrdup("");
	if (f == NULL)
		return xstrdup(v);
	switch (f->type->kind) {
	case FK_CHOICE:
		c = f->choices != NULL ? list_choice(f->choices, v) : NULL;
		return xstrdup(c != NULL ? label_get(&c->label, t->lang) : v);
	case FK_MULTICHOICE:
		for (s = v; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
			if ((e = strchr(s, ',')) == NULL)
				e = s + strlen(s);
			code = xstrndup(s, (size_t)(e - s));
			c = f->choices != NULL ? list_choice(f->choices, code) :
			    NULL;
			if (b.len > 0)
				buf_addc(&b, ',');
			buf_adds(&b, c != NULL ? label_get(&c->label, t->lang) :
			    code);
			free(code);
		}
		return buf_steal(&b);
	case FK_BOOL:
		return xstrdup(strcmp(v, "1") == 0 ? tr(t, "yes") : tr(t, "no"));
	case FK_IDCARD:
		return idcard_mask(v);
	case FK_TEXTAREA:
		p = xstrdup(v);
		for (s = p; *s != '\0'; s++)
			if (*s == '\n' || *s == '\r' || *s == '\t')
				p[s - p] = ' ';
		return p;
	default:
		if (f->type->format != NULL)
			return f->type->format(v);
		return xstrdup(v);
	}
}

static char *
list_date(int64_t secs)
{
	time_t tt = (time_t)secs;
	struct tm tm;
	char out[16];

	if (secs <= 0)
		return xstrdup("");
	localtime_r(&tt, &tm);
	strftime(out, sizeof out, "%Y-%m-%d", &tm);
	return xstrdup(out);
}

/* Whether ID number v matches the search text: its last digits, or a
 * long enough start (a short prefix such as the county code matches
 * nearly every ID and says nothing). */
static bool
list_id_matches(const char *v, const char *want)
{
	size_t n = strlen(want), lv = strlen(v);

	if (n == 0 || n > lv)
		return false;
	return strcasecmp(v + lv - n, want) == 0 ||
	    (n >= 10 && strncasecmp(v, want, n) == 0);
}

/* The masked ID numbers of r that match the search text, joined. */
static char *
list_idmatch(const struct tui *t, const struct list *l,
    const struct record *r)
{
	struct buf b = BUF_INIT;
	char *want = str_trim(l->search.text.p != NULL ? l->search.text.p : ""),
	    *path, *m;
	const struct field *f;
	const char *v;
	unsigned i, n;
	size_t k;

	for (k = 0; k < l->nidf; k++) {
		f = l->idf[k];
		n = f->parent != NULL ? record_group_count(r, f->parent->name) : 1;
		for (i = 1; i <= n; i++) {
			path = f->parent != NULL ? xasprintf("%s.%u.%s",
			    f->parent->name, i, f->name) : xstrdup(f->name);
			v = record_get(r, path);
			free(path);
			if (v == NULL || !list_id_matches(v, want))
				continue;
			m = idcard_mask(v);
			if (b.len > 0)
				buf_adds(&b, tr(t, ", "));
			buf_adds(&b, m);
			free(m);
		}
	}
	free(want);
	return b.len > 0 ? buf_steal(&b) : xstrdup("");
}

/* The text of column `col` for record r; malloc'd. */
static char *
list_cell(struct tui *t, const struct list *l, const struct record *r,
    const char *col)
{
	const struct field *f;
	const struct state *s;
	struct buf b = BUF_INIT;
	unsigned i, n;
	char *path, *v;

	if (strcmp(col, "id") == 0)
		return xstrdup(r->hid != NULL ? r->hid : "");
	if (strcmp(col, LIST_IDMATCH) == 0)
		return list_idmatch(t, l, r);
	if (strcmp(col, "state") == 0) {
		s = r->state != NULL ? form_state(l->form, r->state) : NULL;
		return xstrdup(s != NULL ? label_get(&s->label, t->lang) :
		    r->state != NULL ? r->state : "");
	}
	if (strcmp(col, "created") == 0)
		return list_date(r->created);
	if (strcmp(col, "updated") == 0)
		return list_date(r->updated);
	if ((f = form_field(l->form, col)) == NULL) {
		if (strcmp(col, "grid") == 0)
			return xstrdup(r->grid != NULL ? r->grid : "");
		return xstrdup("");
	}
	if (f->parent == NULL)
		return tui_value_text(t, f, record_get(r, col));
	n = record_group_count(r, f->parent->name);
	for (i = 1; i <= n; i++) {
		path = xasprintf("%s.%u.%s", f->parent->name, i, f->name);
		v = tui_value_text(t, f, record_get(r, path));
		if (*v != '\0') {
			if (b.len > 0)
				buf_adds(&b, tr(t, ", "));
			buf_adds(&b, v);
		}
		free(v);
		free(path);
	}
	return b.len > 0 ? buf_steal(&b) : xstrdup("");
}

static const char *
list_header(struct tui *t, const struct list *l, const char *col)
{
	const struct field *f;

	if (strcmp(col, "id") == 0)
		return tr(t, "ID");
	if (strcmp(col, LIST_IDMATCH) == 0)
		return l->nidf == 1 ? label_get(&l->idf[0]->label, t->lang) :
		    tr(t, "ID number");
	if (strcmp(col, "state") == 0)
		return tr(t, "State");
	if (strcmp(col, "created") == 0)
		return tr(t, "Created");
	if (strcmp(col, "updated") == 0)
		return tr(t, "Updated");
	if ((f = form_field(l->form, col)) != NULL)
		return label_get(&f->label, t->lang);
	if (strcmp(col, "grid") == 0)
		return tr(t, "Grid");
	return col;
}

/* Column widths: each its widest cell, then the widest shrunk until the
 * row fits the terminal. */
static void
list_widths(size_t ncols, char ***cells, const char **head, size_t rows,
    int avail, int *w)
{
	size_t c, r;
	int sum, cw, big;

	for (c = 0; c < ncols; c++) {
		w[c] = (int)utf8_width(head[c]);
		for (r = 0; r < rows; r++)
			if ((cw = (int)utf8_width(cells[r][c])) > w[c])
				w[c] = cw;
		if (w[c] > LIST_COLMAX)
			w[c] = LIST_COLMAX;
		if (w[c] < LIST_COLMIN)
			w[c] = LIST_COLMIN;
	}
	avail -= 2 * (int)(ncols - 1);
	for (;;) {
		for (sum = 0, big = 0, c = 0; c < ncols; c++) {
			sum += w[c];
			if (w[c] > w[big])
				big = (int)c;
		}
		if (sum <= avail || w[big] <= LIST_COLMIN)
			break;
		w[big]--;
	}
}

/* The header at row y and the shown records under it.  While searching,
 * a last column holds the masked ID numbers that matched, if any did. */
static void
list_table(struct tui *t, struct list *l, int y, size_t shown)
{
	const char **cols, **head;
	char ***cells;
	size_t r, c, ncols = l->ncols;
	bool idcol = false;
	int x, *w;

	cols = xcalloc(ncols + 1, sizeof *cols);
	memcpy(cols, l->cols, ncols * sizeof *cols);
	if (l->nidf > 0 && l->search.text.len > 0)
		cols[ncols++] = LIST_IDMATCH;
	head = xcalloc(ncols, sizeof *head);
	cells = xcalloc(shown + 1, sizeof *cells);
	w = xcalloc(ncols, sizeof *w);
	for (c = 0; c < ncols; c++)
		head[c] = list_header(t, l, cols[c]);
	for (r = 0; r < shown; r++) {
		cells[r] = xcalloc(ncols, sizeof *cells[r]);
		for (c = 0; c < ncols; c++)
			cells[r][c] = list_cell(t, l, l->page.v[r], cols[c]);
		if (ncols > l->ncols && *cells[r][ncols - 1] != '\0')
			idcol = true;
	}
	if (ncols > l->ncols && !idcol) {
		for (r = 0; r < shown; r++)
			free(cells[r][ncols - 1]);
		ncols--;
	}
	list_widths(ncols, cells, head, shown, t->cols - 2, w);

	tui_attr_label(t, true);
	for (x = 1, c = 0; c < ncols; x += w[c] + 2, c++)
		tui_put(y, x, w[c], head[c], true);
	tui_attr_label(t, false);
	for (r = 0; r < shown; r++) {
		if (r == l->sel) {
			tui_attr_select(t, true);
			tui_put(y + 1 + (int)r, 0, t->cols, "", true);
		}
		for (x = 1, c = 0; c < ncols; x += w[c] + 2, c++)
			tui_put(y + 1 + (int)r, x, w[c], cells[r][c], true);
		if (r == l->sel)
			tui_attr_select(t, false);
		for (c = 0; c < ncols; c++)
			free(cells[r][c]);
		free(cells[r]);
	}
	free(cells);
	free(head);
	free(cols);
	free(w);
}

static void
list_draw(struct tui *t, void *vst)
{
	struct list *l = vst;
	int top = tui_body_top(t), y, x;
	size_t rows = list_rows(t), shown;
	char *status;
	const char *label;

	if (rows != l->limit)		/* resized */
		list_query(t, l);
	shown = l->page.n < rows ? l->page.n : rows;

	label = tr(t, "Search:");
	tui_attr_label(t, true);
	x = tui_put(top, 1, 20, label, false) + 2;
	tui_attr_label(t, false);
	le_draw(&l->search, top, x, t->cols - x - 1, true);
	if (l->search.text.len == 0)
		tui_put(top, x + 1, t->cols - x - 2, tr(t, "type to search: name, "
		    "address, ID, phone or its last 4 digits"), false);

	list_table(t, l, top + 1, shown);
	y = top + tui_body_rows(t) - 1;
	if (l->page.n == 0 && l->search.text.len == 0)
		status = xstrdup(tr(t, "no records yet: F3 or ^O adds one"));
	else if (l->page.n == 0)
		status = xasprintf(tr(t, "nothing found for \"%s\""),
		    buf_str(&l->search.text));
	else if (l->page.more)
		status = xasprintf(tr(t, "records %zu-%zu, more below (PgDn)"),
		    l->offset + 1, l->offset + shown);
	else
		status = xasprintf(tr(t, "records %zu-%zu"), l->offset + 1,
		    l->offset + shown);
	tui_put(y, 1, t->cols - 2, status, false);
	free(status);
}

static void
list_open(struct tui *t, struct list *l, const struct record *r)
{
	struct tui_form_arg arg;

	memset(&arg, 0, sizeof arg);
	arg.form = l->form;
	arg.rec = r != NULL ? record_dup(r) : NULL;
	tui_push(t, &screen_form, &arg);
}

static void
list_page(struct tui *t, struct list *l, bool down)
{
	if (down && l->page.more) {
		l->offset += l->limit;
		list_query(t, l);
	} else if (!down && l->offset > 0) {
		l->offset = l->offset > l->limit ? l->offset - l->limit : 0;
		list_query(t, l);
	} else
		l->sel = down && l->page.n > 0 ? l->page.n - 1 : 0;
}

/* Arrows and paging; 1 when k was one of them. */
static int
list_move(struct tui *t, struct list *l, const struct tui_key *k)
{
	bool up = (k->fn && k->code == KEY_UP) || (!k->fn &&
	    k->code == TUI_CTRL('P'));
	bool down = (k->fn && k->code == KEY_DOWN) || (!k->fn &&
	    k->code == TUI_CTRL('N'));

	if (up) {
		if (l->sel > 0)
			l->sel--;
		else if (l->offset > 0) {
			list_page(t, l, false);
			l->sel = l->page.n > 0 ? l->page.n - 1 : 0;
		}
	} else if (down) {
		if (l->sel + 1 < l->page.n)
			l->sel++;
		else if (l->page.more) {
			list_page(t, l, true);
			l->sel = 0;
		}
	} else if (k->fn && k->code == KEY_NPAGE)
		list_page(t, l, true);
	else if (k->fn && k->code == KEY_PPAGE)
		list_page(t, l, false);
	else if (k->fn && k->code == KEY_HOME) {
		if (l->offset > 0) {
			l->offset = 0;
			list_query(t, l);
		}
		l->sel = 0;
	} else if (k->fn && k->code == KEY_END)
		l->sel = l->page.n > 0 ? l->page.n - 1 : 0;
	else
		return 0;
	return 1;
}

static enum tui_ret
list_key(struct tui *t, void *vst, const struct tui_key *k)
{
	struct list *l = vst;
	int r;

	if (list_move(t, l, k))
		return TUI_HANDLED;
	if (!k->fn && k->code == '\n') {
		if (l->sel < l->page.n)
			list_open(t, l, l->page.v[l->sel]);
		return TUI_HANDLED;
	}
	if ((k->fn && k->code == KEY_F(3)) || (!k->fn &&
	    k->code == TUI_CTRL('O'))) {
		list_open(t, l, NULL);
		return TUI_HANDLED;
	}
	if (!k->fn && k->code == TUI_ESC && l->search.text.len > 0) {
		le_set(&l->search, "");
		l->offset = l->sel = 0;
		list_query(t, l);
		return TUI_HANDLED;
	}
	if (!k->fn && (k->code == TUI_ESC || k->code == TUI_CTRL('X')))
		return TUI_CLOSE;
	/* '?' is help until a search is being typed (tui.c's global key). */
	if (!k->fn && k->code == '?' && l->search.text.len == 0)
		return TUI_UNHANDLED;
	if ((r = le_key(&l->search, k)) == -1)
		return TUI_UNHANDLED;
	if (r == 1) {
		l->offset = l->sel = 0;
		list_query(t, l);
	}
	return TUI_HANDLED;
}

static const char *
list_keys(struct tui *t, void *vst)
{
	(void)vst;
	return tr(t, "Enter open  F3/^O new  Up/Down/PgUp/PgDn move  Esc back  "
	    "F1/^_ help");
}

static const char *
list_title(struct tui *t, void *vst)
{
	struct list *l = vst;

	free(l->title);
	l->title = xasprintf(tr(t, "%s list"), label_get(&l->form->title,
	    t->lang));
	return l->title;
}

static void
list_resume(struct tui *t, void *vst)
{
	list_query(t, vst);
}

static void
list_free(void *vst)
{
	struct list *l = vst;

	le_free(&l->search);
	app_page_free(&l->page);
	free(l->cols);
	free(l->title);
	free(l);
}

/* Default columns when the spec has no `list:`: id, the first few plain
 * fields, updated. */
static void
list_columns(struct list *l)
{
	const struct form *f = l->form;
	size_t i;

	if (f->ncolumns > 0) {
		l->cols = xcalloc(f->ncolumns, sizeof *l->cols);
		for (i = 0; i < f->ncolumns; i++)
			l->cols[l->ncols++] = f->columns[i];
		return;
	}
	l->cols = xcalloc(6, sizeof *l->cols);
	l->cols[l->ncols++] = "id";
	for (i = 0; i < f->nfields && l->ncols < 5; i++)
		if (f->fields[i].type->kind != FK_GROUP &&
		    f->fields[i].type->kind != FK_TEXTAREA)
			l->cols[l->ncols++] = f->fields[i].name;
	l->cols[l->ncols++] = "updated";
}

/* The idcard fields (top level or in a group) that no column shows. */
static void
list_idfields(struct list *l)
{
	const struct form *f = l->form;
	const struct field *fl;
	char *path;
	size_t i, j, c;
	bool shown;

	for (i = 0; i < f->nfields; i++) {
		for (j = 0; j < (f->fields[i].type->kind == FK_GROUP ?
		    f->fields[i].nfields : 1); j++) {
			fl = f->fields[i].type->kind == FK_GROUP ?
			    &f->fields[i].fields[j] : &f->fields[i];
			if (fl->type->kind != FK_IDCARD ||
			    l->nidf == nitems(l->idf))
				continue;
			path = fl->parent != NULL ? xasprintf("%s.%s",
			    fl->parent->name, fl->name) : xstrdup(fl->name);
			for (shown = false, c = 0; c < l->ncols; c++)
				if (strcmp(l->cols[c], path) == 0)
					shown = true;
			free(path);
			if (!shown)
				l->idf[l->nidf++] = fl;
		}
	}
}

static void *
list_init(struct tui *t, void *arg)
{
	struct list *l;

	if (arg == NULL)
		return NULL;
	l = xcalloc(1, sizeof *l);
	l->form = arg;
	le_init(&l->search, "", 60);
	list_columns(l);
	list_idfields(l);
	list_query(t, l);
	return l;
}

const struct screen screen_list = {
	.name = "list",
	.init = list_init,
	.draw = list_draw,
	.key = list_key,
	.keys = list_keys,
	.title = list_title,
	.hangup = NULL,
	.resume = list_resume,
	.free = list_free,
};
