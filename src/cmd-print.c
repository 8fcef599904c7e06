/*
 * cmd-print.c — records as the command line shows them: the whole record
 * with the form's labels for `get`, one aligned line per record with the
 * form's list columns for `find` (ID numbers masked, as in every list), and
 * the JSON object that `get --json` and `find --json` print for scripts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define PRINT_CELL_MAX	32	/* columns of a list cell before "..." */
#define PRINT_LAST_MAX	60	/* of the last cell of a line */

static const char *
print_lang(const struct session *s)
{
	return s->lang != NULL ? s->lang : "zh";
}

static bool
print_zh(const struct session *s)
{
	return strcmp(print_lang(s), "zh") == 0;
}

char *
cmd_print_value(struct session *s, const struct field *f, const char *canon,
    bool mask)
{
	const struct choice *c;
	struct buf b = BUF_INIT;
	const char *p, *comma;
	char *code, *out;

	switch (f->type->kind) {
	case FK_CHOICE:
		if ((c = list_choice(f->choices, canon)) != NULL)
			return xstrdup(label_get(&c->label, print_lang(s)));
		return xstrdup(canon);
	case FK_MULTICHOICE:
		for (p = canon; *p != '\0'; p = *comma != '\0' ? comma + 1 :
		    comma) {
			if ((comma = strchr(p, ',')) == NULL)
				comma = p + strlen(p);
			code = xstrndup(p, (size_t)(comma - p));
			if (b.len > 0)
				buf_adds(&b, print_zh(s) ? "、" : ", ");
			c = list_choice(f->choices, code);
			buf_adds(&b, c != NULL ? label_get(&c->label,
			    print_lang(s)) : code);
			free(code);
		}
		return buf_steal(&b);
	case FK_BOOL:
		if (strcmp(canon, "1") == 0)
			return xstrdup(print_zh(s) ? "是" : "yes");
		if (strcmp(canon, "0") == 0)
			return xstrdup(print_zh(s) ? "否" : "no");
		return xstrdup(canon);
	case FK_IDCARD:
		return mask ? idcard_mask(canon) : xstrdup(canon);
	default:
		if (f->type->format != NULL &&
		    (out = f->type->format(canon)) != NULL)
			return out;
		return xstrdup(canon);
	}
}

/* "label   value", the label padded to width columns; the lines of a
 * multi-line value indented under the first. */
static void
print_row(FILE *fp, const char *indent, const char *label, size_t width,
    const char *value)
{
	size_t w = strlen(indent) + utf8_width(label), col;
	const char *nl;

	fprintf(fp, "%s%s", indent, label);
	for (col = w; col < width + 2; col++)
		fputc(' ', fp);
	while ((nl = strchr(value, '\n')) != NULL) {
		fprintf(fp, "%.*s\n%*s", (int)(nl - value), value,
		    (int)width + 2, "");
		value = nl + 1;
	}
	fprintf(fp, "%s\n", value);
}

static const char *
print_state_label(struct session *s, const struct form *form,
    const char *state)
{
	const struct state *st;

	if (state == NULL)
		return NULL;
	st = form_state(form, state);
	return st != NULL ? label_get(&st->label, print_lang(s)) : state;
}

/* "001 第一网格": a grid code with its name from the config. */
static char *
print_grid(struct session *s, const char *code)
{
	const struct grid *g = s->cfg != NULL ? config_grid(s->cfg, code) :
	    NULL;

	if (g == NULL || g->name == NULL || *g->name == '\0')
		return xstrdup(code);
	return xasprintf("%s %s", code, g->name);
}

void
cmd_print_record(FILE *fp, struct session *s, const struct form *form,
    const struct record *rec)
{
	static const char *const meta_zh[] = { "编号", "状态", "网格", "创建",
	    "修改" };
	static const char *const meta_en[] = { "id", "state", "grid",
	    "created", "updated" };
	const char *const *meta = print_zh(s) ? meta_zh : meta_en;
	const struct field *f, *g;
	const char *v, *lang = print_lang(s);
	char *text, *path, when[32];
	size_t i, j, width = 0, w;
	unsigned n, count;
	bool other = false;

	for (i = 0; i < nitems(meta_zh); i++)
		if ((w = utf8_width(meta[i])) > width)
			width = w;
	/* Align on the labels of the fields that have a value. */
	for (i = 0; i < rec->nv; i++) {
		if ((f = form_field(form, rec->v[i].path)) == NULL)
			continue;
		w = utf8_width(label_get(&f->label, lang));
		if (f->parent != NULL)
			w += 2;
		if (w > width)
			width = w;
	}

	print_row(fp, "", meta[0], width, rec->hid != NULL ? rec->hid : "");
	if (rec->state != NULL) {
		text = xasprintf("%s (%s)", print_state_label(s, form,
		    rec->state), rec->state);
		print_row(fp, "", meta[1], width, text);
		free(text);
	}
	/* The grid, with its name, unless the form's own `grid` field
	 * shows it below. */
	if (rec->grid != NULL && form_field(form, "grid") == NULL) {
		text = print_grid(s, rec->grid);
		print_row(fp, "", meta[2], width, text);
		free(text);
	}
	cmd_time(rec->created, false, false, when);
	text = xasprintf("%s %s", when, rec->cuser != NULL ? rec->cuser : "");
	print_row(fp, "", meta[3], width, text);
	free(text);
	cmd_time(rec->updated, false, false, when);
	text = xasprintf("%s %s (rev %u)", when, rec->uuser != NULL ?
	    rec->uuser : "", (unsigned)rec->rev);
	print_row(fp, "", meta[4], width, text);
	free(text);

	for (i = 0; i < form->nfields; i++) {
		f = &form->fields[i];
		if (f->type->kind != FK_GROUP) {
			if ((v = record_get(rec, f->name)) == NULL)
				continue;
			text = strcmp(f->name, "grid") == 0 ?
			    print_grid(s, v) : cmd_print_value(s, f, v, false);
			print_row(fp, "", label_get(&f->label, lang), width,
			    text);
			free(text);
			continue;
		}
		g = f;
		count = record_group_count(rec, g->name);
		for (n = 1; n <= count; n++) {
			fprintf(fp, "%s %u\n", label_get(&g->label, lang), n);
			for (j = 0; j < g->nfields; j++) {
				f = &g->fields[j];
				path = xasprintf("%s.%u.%s", g->name, n,
				    f->name);
				if ((v = record_get(rec, path)) != NULL) {
					text = cmd_print_value(s, f, v, false);
					print_row(fp, "  ", label_get(&f->label,
					    lang), width, text);
					free(text);
				}
				free(path);
			}
		}
	}
	/* Values a newer or older spec knows and this one does not. */
	for (i = 0; i < rec->nv; i++) {
		if (form_field(form, rec->v[i].path) != NULL)
			continue;
		if (!other)
			fprintf(fp, "%s\n", print_zh(s) ?
			    "(表单中没有的字段)" : "(fields not in the form)");
		other = true;
		print_row(fp, "  ", rec->v[i].path, width, rec->v[i].text);
	}
}

void
cmd_print_json(struct buf *b, const struct form *form,
    const struct record *rec)
{
	char when[32];
	size_t i;

	buf_adds(b, "{\"form\":");
	cmd_json_str(b, form->name);
	buf_adds(b, ",\"id\":");
	cmd_json_str(b, rec->hid);
	buf_addf(b, ",\"rev\":%u,\"state\":", (unsigned)rec->rev);
	cmd_json_str(b, rec->state);
	buf_adds(b, ",\"grid\":");
	cmd_json_str(b, rec->grid);
	cmd_time(rec->created, true, true, when);
	buf_addf(b, ",\"created\":\"%s\"", when);
	cmd_time(rec->updated, true, true, when);
	buf_addf(b, ",\"updated\":\"%s\",\"created_by\":", when);
	cmd_json_str(b, rec->cuser);
	buf_adds(b, ",\"updated_by\":");
	cmd_json_str(b, rec->uuser);
	buf_adds(b, ",\"values\":{");
	for (i = 0; i < rec->nv; i++) {
		if (i > 0)
			buf_addc(b, ',');
		cmd_json_str(b, rec->v[i].path);
		buf_addc(b, ':');
		cmd_json_str(b, rec->v[i].text);
	}
	buf_adds(b, "}}");
}

/* The text of one list cell: meta columns, top-level fields, and group
 * member fields ("members.name": every member's, joined). */
static char *
print_cell(struct session *s, const struct form *form,
    const struct record *rec, const char *col)
{
	const struct field *f, *g;
	struct buf b = BUF_INIT;
	const char *v, *dot;
	char *gname, *path, *text, when[32];
	unsigned n, count;

	if (strcmp(col, "id") == 0)
		return xstrdup(rec->hid != NULL ? rec->hid : "");
	if (strcmp(col, "state") == 0)
		return xstrdup(rec->state != NULL ? print_state_label(s, form,
		    rec->state) : "");
	if (strcmp(col, "created") == 0 || strcmp(col, "updated") == 0) {
		cmd_time(col[0] == 'c' ? rec->created : rec->updated, false,
		    false, when);
		when[10] = '\0';
		return xstrdup(when);
	}
	if ((dot = strchr(col, '.')) != NULL) {
		gname = xstrndup(col, (size_t)(dot - col));
		f = form_field(form, col);
		g = form_field(form, gname);
		count = g != NULL ? record_group_count(rec, gname) : 0;
		for (n = 1; f != NULL && n <= count; n++) {
			path = xasprintf("%s.%u.%s", gname, n, dot + 1);
			if ((v = record_get(rec, path)) != NULL) {
				text = cmd_print_value(s, f, v, true);
				if (b.len > 0)
					buf_adds(&b, print_zh(s) ? "、" :
					    ", ");
				buf_adds(&b, text);
				free(text);
			}
			free(path);
		}
		free(gname);
		return buf_steal(&b);
	}
	if ((f = form_field(form, col)) != NULL &&
	    (v = record_get(rec, col)) != NULL)
		return cmd_print_value(s, f, v, true);
	if (strcmp(col, "grid") == 0 && rec->grid != NULL)
		return xstrdup(rec->grid);
	return xstrdup("");
}

/* One line of a cell: newlines and tabs as spaces, cut to max columns. */
static char *
print_fit(char *text, size_t max)
{
	char *p, *out;
	size_t n;

	for (p = text; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	if (utf8_width(text) <= max)
		return text;
	n = utf8_fit(text, max - 3);
	out = xasprintf("%.*s...", (int)n, text);
	free(text);
	return out;
}

void
cmd_print_rows(FILE *fp, struct session *s, const struct form *form,
    struct record *const *v, size_t n)
{
	const char **cols, *deflt[6];
	char **cells;
	size_t ncols, i, j, k, *width, w;

	if (form->ncolumns > 0) {
		cols = (const char **)form->columns;
		ncols = form->ncolumns;
	} else {
		ncols = 0;
		deflt[ncols++] = "id";
		for (i = 0; i < form->nfields && ncols < 4; i++) {
			enum field_kind kind = form->fields[i].type->kind;

			if (kind != FK_GROUP && kind != FK_TEXTAREA)
				deflt[ncols++] = form->fields[i].name;
		}
		if (form->wf.initial != NULL)
			deflt[ncols++] = "state";
		cols = deflt;
	}
	cells = xcalloc(n * ncols + 1, sizeof *cells);
	width = xcalloc(ncols, sizeof *width);
	for (i = 0; i < n; i++)
		for (j = 0; j < ncols; j++) {
			k = i * ncols + j;
			cells[k] = print_fit(print_cell(s, form, v[i], cols[j]),
			    j + 1 < ncols ? PRINT_CELL_MAX : PRINT_LAST_MAX);
			if ((w = utf8_width(cells[k])) > width[j])
				width[j] = w;
		}
	for (i = 0; i < n; i++) {
		for (j = 0; j < ncols; j++) {
			k = i * ncols + j;
			fputs(cells[k], fp);
			if (j + 1 == ncols)
				break;
			for (w = utf8_width(cells[k]); w < width[j] + 2; w++)
				fputc(' ', fp);
		}
		fputc('\n', fp);
	}
	for (k = 0; k < n * ncols; k++)
		free(cells[k]);
	free(cells);
	free(width);
}
