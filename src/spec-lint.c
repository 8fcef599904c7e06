/*
 * spec-lint.c — the parts of a form header checked against the rest of the
 * form: the human id pattern ("MD-{year}-{seq:04}"), the list screen's
 * columns, and the rule that a grid-scoped form has a `grid` field.
 */
#include <stdlib.h>
#include <string.h>

#include "spec-int.h"

#define SPEC_MAX_COLUMNS	8

static const char *const meta_columns[] = {
	"id", "state", "grid", "created", "updated",
};

/* The mark of byte offset off inside scalar n. */
static struct mark
scalar_mark(const struct ynode *n, size_t off)
{
	struct mark m = n->mark;
	size_t i;

	if (!n->plain)
		m.col++;
	for (i = 0; i < off; i++)
		if (((unsigned char)n->s[i] & 0xc0) != 0x80)
			m.col++;
	return m;
}

static int
seq_width(const char *p, size_t len)
{
	size_t i;
	int v = 0;

	if (len == 0 || len > 2)
		return -1;
	for (i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v >= 1 && v <= 12 ? v : -1;
}

void
spec_id_pattern(struct form_build *b, const struct ynode *n)
{
	struct yctx *y = b->y;
	const char *s, *close;
	size_t i, len;
	int nseq = 0;

	if (ynode_str(y, n, "'id'", &b->form->id_pattern) != 0)
		return;
	s = n->s;
	for (i = 0; s[i] != '\0'; i++) {
		if ((unsigned char)s[i] < 0x20) {
			yerr_at(y, scalar_mark(n, i), "a control character "
			    "in 'id'");
			return;
		}
		if (s[i] == '}') {
			yerr_at(y, scalar_mark(n, i), "'}' without '{' in "
			    "'id'");
			continue;
		}
		if (s[i] != '{')
			continue;
		close = strchr(s + i, '}');
		if (close == NULL) {
			yerr_at(y, scalar_mark(n, i), "unclosed '{' in 'id'");
			break;
		}
		len = (size_t)(close - (s + i + 1));
		if ((len == 3 && strncmp(s + i + 1, "seq", 3) == 0) ||
		    (len > 4 && strncmp(s + i + 1, "seq:", 4) == 0)) {
			if (len > 3 && seq_width(s + i + 5, len - 4) < 0)
				yerr_at(y, scalar_mark(n, i), "'{%.*s}' in "
				    "'id': the width after 'seq:' must be 1 to "
				    "12 digits, as in {seq:04}", (int)len,
				    s + i + 1);
			nseq++;
		} else if ((len == 4 && strncmp(s + i + 1, "year", 4) == 0) ||
		    (len == 2 && strncmp(s + i + 1, "yy", 2) == 0) ||
		    (len == 5 && strncmp(s + i + 1, "month", 5) == 0))
			;
		else if (len == 4 && strncmp(s + i + 1, "grid", 4) == 0) {
			if (b->form->scope != SCOPE_GRID)
				yerr_at(y, scalar_mark(n, i), "'{grid}' in "
				    "'id' needs 'scope: grid'");
		} else
			yerr_at(y, scalar_mark(n, i), "unknown placeholder "
			    "'{%.*s}' in 'id'; valid: {seq}, {seq:NN}, {year}, "
			    "{yy}, {month}, {grid}", (int)len, s + i + 1);
		i += len + 1;
	}
	if (nseq == 0)
		yerr(y, n, "'id' needs one {seq} or {seq:NN} (the counter), "
		    "as in \"MD-{year}-{seq:04}\"");
	else if (nseq > 1)
		yerr(y, n, "'id' has %d {seq} placeholders; it needs exactly "
		    "one", nseq);
}

static const struct field *
top_field(const struct form *form, const char *name)
{
	size_t i;

	for (i = 0; i < form->nfields; i++)
		if (form->fields[i].name != NULL &&
		    strcmp(form->fields[i].name, name) == 0)
			return &form->fields[i];
	return NULL;
}

static void
column_unknown(struct form_build *b, const struct ynode *n)
{
	const struct form *form = b->form;
	const char **names;
	const char *sug;
	char *all;
	size_t i, k = 0;

	names = xcalloc(form->nfields + nitems(meta_columns) + 1,
	    sizeof *names);
	for (i = 0; i < nitems(meta_columns); i++)
		names[k++] = meta_columns[i];
	for (i = 0; i < form->nfields; i++)
		if (form->fields[i].name != NULL)
			names[k++] = form->fields[i].name;
	sug = str_suggest(n->s, names, k);
	if (sug != NULL)
		yerr(b->y, n, "unknown list column '%s'; did you mean '%s'?",
		    n->s, sug);
	else {
		all = names_join(names, k, 16);
		yerr(b->y, n, "unknown list column '%s'; columns: %s", n->s,
		    all);
		free(all);
	}
	free(names);
}

static void
column_check(struct form_build *b, const struct ynode *n)
{
	const struct form *form = b->form;
	const struct field *f, *m;
	const char *dot;
	char *g;
	size_t i;

	for (i = 0; i < nitems(meta_columns); i++) {
		if (strcmp(n->s, meta_columns[i]) != 0)
			continue;
		if (strcmp(n->s, "state") == 0 && form->wf.initial == NULL)
			yerr(b->y, n, "list column 'state' needs a workflow");
		return;
	}
	dot = strchr(n->s, '.');
	if (dot == NULL) {
		f = top_field(form, n->s);
		if (f == NULL)
			column_unknown(b, n);
		else if (f->type != NULL && f->type->kind == FK_GROUP)
			yerr(b->y, n, "'%s' is a group; name one of its "
			    "fields, as in '%s.%s'", f->name, f->name,
			    f->nfields > 0 && f->fields[0].name != NULL ?
			    f->fields[0].name : "name");
		return;
	}
	g = xstrndup(n->s, (size_t)(dot - n->s));
	f = top_field(form, g);
	if (f == NULL || f->type == NULL || f->type->kind != FK_GROUP) {
		yerr(b->y, n, "list column '%s': '%s' is not a group", n->s, g);
		free(g);
		return;
	}
	free(g);
	m = group_field(f, dot + 1);
	if (m == NULL)
		yerr(b->y, n, "list column '%s': group '%s' has no field '%s'",
		    n->s, f->name, dot + 1);
}

void
spec_columns(struct form_build *b, const struct ynode *n)
{
	struct form *form = b->form;
	const char **names;
	struct mark *marks;
	size_t i;

	if (ynode_expect(b->y, n, YN_SEQ, "'list'") != 0)
		return;
	if (n->n > SPEC_MAX_COLUMNS) {
		yerr(b->y, n, "'list' has %zu columns; at most %d fit the list "
		    "screen", n->n, SPEC_MAX_COLUMNS);
		return;
	}
	form->columns = xcalloc(n->n + 1, sizeof *form->columns);
	for (i = 0; i < n->n; i++) {
		if (ynode_expect(b->y, n->v[i], YN_SCALAR, "a list column")
		    != 0)
			continue;
		column_check(b, n->v[i]);
		form->columns[form->ncolumns++] = xstrdup(n->v[i]->s);
	}
	names = xcalloc(n->n + 1, sizeof *names);
	marks = xcalloc(n->n + 1, sizeof *marks);
	for (i = 0; i < n->n; i++) {
		names[i] = n->v[i]->kind == YN_SCALAR ? n->v[i]->s : NULL;
		marks[i] = n->v[i]->mark;
	}
	spec_dups(b->y, names, marks, n->n, "list column");
	free(names);
	free(marks);
}

void
spec_scope_check(struct form_build *b)
{
	const struct form *form = b->form;
	const struct field *g;

	if (form->scope != SCOPE_GRID || !b->scope_ok || form->nfields == 0)
		return;
	g = top_field(form, "grid");
	if (g == NULL) {
		yerr_at(b->y, form->mark, "form '%s' has 'scope: grid' but no "
		    "top-level field 'grid' (add one of type choice or text, "
		    "or set 'scope: community')", form->name != NULL ?
		    form->name : "?");
		return;
	}
	if (g->type != NULL && g->type->kind != FK_CHOICE &&
	    g->type->kind != FK_TEXT)
		yerr_at(b->y, g->mark, "field 'grid' must be of type choice or "
		    "text (it holds the record's grid code), not %s",
		    g->type->name);
}
