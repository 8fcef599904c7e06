/*
 * spec.c — loading form specs: one form file (spec_load_file, or from memory
 * with spec_load_buffer), or a whole forms directory (spec_load_dir: the
 * shared lists in lists/ first, then every form, then the checks across
 * forms such as `ref:` naming a form that exists).  The pieces of a form are
 * read by spec-field.c, spec-workflow.c, spec-list.c and spec-lint.c; this
 * file reads the header and puts them in order.
 */
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "spec-int.h"

static const char *const form_keys[] = {
	"form", "version", "title", "id", "scope", "lists", "fields",
	"workflow", "list",
};

void
form_free(struct form *form)
{
	size_t i;

	if (form == NULL)
		return;
	free(form->name);
	label_free(&form->title);
	free(form->id_pattern);
	for (i = 0; i < form->nfields; i++)
		field_clear(&form->fields[i]);
	free(form->fields);
	for (i = 0; i < form->nlists; i++)
		choice_list_clear(&form->lists[i]);
	free(form->lists);
	workflow_clear(&form->wf);
	strv_free(form->columns, form->ncolumns);
	free(form->file);
	free(form);
}

void
formset_free(struct formset *fs)
{
	size_t i;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->n; i++)
		form_free(fs->forms[i]);
	free(fs->forms);
	for (i = 0; i < fs->nlists; i++)
		choice_list_clear(&fs->lists[i]);
	free(fs->lists);
	free(fs->dir);
	free(fs);
}

/* Inline `choices:` lists under a fields node, to size form->lists. */
static size_t
count_inline(const struct ynode *fields, unsigned depth)
{
	const struct ynode *c, *sub;
	size_t i, n = 0;

	if (fields == NULL || fields->kind != YN_SEQ || depth > 2)
		return 0;
	for (i = 0; i < fields->n; i++) {
		c = ymap_get(fields->v[i], "choices");
		if (c != NULL && c->kind == YN_SEQ)
			n++;
		sub = ymap_get(fields->v[i], "fields");
		n += count_inline(sub, depth + 1);
	}
	return n;
}

static void
form_lists(struct form_build *b, const struct ynode *lists,
    const struct ynode *fields)
{
	struct form *form = b->form;
	size_t nnamed = 0, i;

	if (lists != NULL && ynode_expect(b->y, lists, YN_MAP, "'lists'") == 0)
		nnamed = lists->n / 2;
	b->lists_cap = nnamed + count_inline(fields, 0);
	form->lists = xcalloc(b->lists_cap + 1, sizeof *form->lists);
	for (i = 0; i < nnamed; i++) {
		const struct ynode *k = lists->v[2 * i];
		struct choice_list *l = &form->lists[form->nlists];

		if (!spec_name_ok(k->s, 32)) {
			yerr(b->y, k, "list name '%s' must be a lower-case "
			    "letter then letters, digits or '_'", k->s);
			continue;
		}
		form->nlists++;
		l->name = xstrdup(k->s);
		label_set(&l->title, k->s, k->s);
		l->file = xstrdup(b->y->file);
		l->mark = k->mark;
		spec_list_choices(b->y, lists->v[2 * i + 1], l);
	}
}

static void
form_header(struct form_build *b, const struct ynode *root, const char *base)
{
	struct yctx *y = b->y;
	struct form *form = b->form;
	const struct ynode *n;

	if ((n = ymap_get(root, "form")) == NULL)
		yerr(y, root, "a form file needs 'form: %s' (its name)", base);
	else if (ynode_str(y, n, "'form'", &form->name) == 0) {
		form->mark = n->mark;
		if (!spec_name_ok(form->name, 32))
			yerr(y, n, "form name '%s' must be a lower-case letter "
			    "then up to 31 lower-case letters, digits or '_'",
			    form->name);
		else if (strcmp(form->name, base) != 0)
			yerr(y, n, "form '%s' must be in a file named "
			    "'%s.yaml' (this file is '%s.yaml')", form->name,
			    form->name, base);
	}
	if ((n = ymap_get(root, "version")) == NULL)
		yerr(y, root, "a form file needs 'version' (a whole number, "
		    "1 or more)");
	else
		ynode_long(y, n, "'version'", 1, 1000000000, &form->version);
	if ((n = ymap_get(root, "title")) == NULL) {
		yerr(y, root, "a form file needs 'title' ({zh: ..., en: ...})");
		label_set(&form->title, "", "");
	} else
		ynode_label(y, n, "'title'", false, &form->title);
	form->scope = SCOPE_GRID;
	b->scope_ok = true;
	if ((n = ymap_get(root, "scope")) != NULL) {
		b->scope_ok = false;
		if (ynode_expect(y, n, YN_SCALAR, "'scope'") != 0)
			;
		else if (strcmp(n->s, "community") == 0) {
			form->scope = SCOPE_COMMUNITY;
			b->scope_ok = true;
		} else if (strcmp(n->s, "grid") == 0)
			b->scope_ok = true;
		else
			yerr(y, n, "'scope' must be grid or community, not "
			    "'%s'", n->s);
	}
	if ((n = ymap_get(root, "id")) == NULL)
		yerr(y, root, "a form file needs 'id' (the human id pattern, "
		    "as in \"MD-{year}-{seq:04}\")");
	else
		spec_id_pattern(b, n);
}

static struct form *
form_from_tree(struct yctx *y, const struct ynode *root, const char *base,
    const struct choice_list *shared, size_t nshared)
{
	struct form_build b;
	struct form *form;
	const struct ynode *n;
	size_t start = y->d->n;

	if (ynode_null(root)) {
		yerr(y, root, "the file is empty; a form file needs form:, "
		    "version:, title:, id: and fields:");
		return NULL;
	}
	if (root->kind != YN_MAP) {
		yerr(y, root, "a form file must be a mapping (form:, version:, "
		    "title:, id:, fields: ...), not %s", ynode_what(root));
		return NULL;
	}
	form = xcalloc(1, sizeof *form);
	form->file = xstrdup(y->file);
	form->mark = root->mark;
	memset(&b, 0, sizeof b);
	b.y = y;
	b.form = form;
	b.shared = shared;
	b.nshared = nshared;
	ymap_check_keys(y, root, form_keys, nitems(form_keys), "a form");
	form_header(&b, root, base);
	form_lists(&b, ymap_get(root, "lists"), ymap_get(root, "fields"));
	if ((n = ymap_get(root, "fields")) == NULL)
		yerr(y, root, "a form file needs 'fields' (a list of fields)");
	else
		spec_fields(&b, n, &form->fields, &form->nfields, NULL);
	if ((n = ymap_get(root, "workflow")) != NULL)
		spec_workflow(&b, n);
	if ((n = ymap_get(root, "list")) != NULL)
		spec_columns(&b, n);
	spec_fields_check(&b);
	spec_scope_check(&b);
	if (y->d->n != start) {
		form_free(form);
		return NULL;
	}
	return form;
}

/* The base name of path without ".yaml", malloc'd. */
static char *
file_base(const char *path)
{
	const char *s = strrchr(path, '/');
	size_t n;

	s = s != NULL ? s + 1 : path;
	n = strlen(s);
	if (n > 5 && strcmp(s + n - 5, ".yaml") == 0)
		n -= 5;
	return xstrndup(s, n);
}

int
spec_load_buffer(const char *name, const char *data, size_t len,
    const struct choice_list *shared, size_t nshared, struct form **out,
    struct diags *d)
{
	struct yctx y = { name, d, d->n };
	struct ynode *root;
	char *base;

	*out = NULL;
	root = ydoc_parse(&y, data, len);
	if (root != NULL) {
		base = file_base(name);
		*out = form_from_tree(&y, root, base, shared, nshared);
		free(base);
		ynode_free(root);
	}
	/* Problems found while parsing (duplicate keys) count too. */
	if (*out != NULL && d->n != y.start) {
		form_free(*out);
		*out = NULL;
	}
	yctx_finish(&y);
	return *out != NULL ? 0 : -1;
}

int
spec_load_file(const char *path, const struct choice_list *shared,
    size_t nshared, struct form **out, struct diags *d)
{
	struct yctx y = { path, d, d->n };
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if (ydoc_read(&y, path, &data, &len) != 0)
		return -1;
	rc = spec_load_buffer(path, data, len, shared, nshared, out, d);
	free(data);
	return rc;
}

static int
form_cmp(const void *a, const void *b)
{
	const struct form *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every ref: field of forms[] names one of names[] (sorted). */
static int
check_refs(struct form *const *forms, size_t nforms,
    const char *const *names, size_t nnames, struct diags *d)
{
	const struct field *f, *g;
	const char *sug;
	char *all;
	size_t i, j, k;
	int rc = 0;

	for (i = 0; i < nforms; i++) {
		for (j = 0; j < forms[i]->nfields; j++) {
			f = &forms[i]->fields[j];
			for (k = 0; k <= f->nfields; k++) {
				g = k == 0 ? f : &f->fields[k - 1];
				if (g->ref_form == NULL || bsearch(&g->ref_form,
				    names, nnames, sizeof *names, str_cmp) !=
				    NULL)
					continue;
				sug = str_suggest(g->ref_form, names, nnames);
				all = names_join(names, nnames, 16);
				if (sug != NULL)
					diags_add(d, forms[i]->file,
					    g->mark.line, g->mark.col, "field "
					    "'%s' refers to unknown form '%s'; "
					    "did you mean '%s'?", g->name,
					    g->ref_form, sug);
				else
					diags_add(d, forms[i]->file,
					    g->mark.line, g->mark.col, "field "
					    "'%s' refers to unknown form '%s'; "
					    "forms: %s", g->name, g->ref_form,
					    nnames > 0 ? all : "none");
				free(all);
				rc = -1;
			}
		}
	}
	return rc;
}

/* Load dir/lists/NAME.yaml into *lists; -1 if any had a problem. */
static int
load_lists(const char *dir, struct choice_list **lists, size_t *n,
    struct diags *d)
{
	glob_t g;
	char *pat;
	size_t i;
	int rc = 0, grc;

	*lists = NULL;
	*n = 0;
	pat = xasprintf("%s/lists/*.yaml", dir);
	grc = glob(pat, 0, NULL, &g);
	free(pat);
	if (grc == 0) {
		*lists = xcalloc(g.gl_pathc, sizeof **lists);
		for (i = 0; i < g.gl_pathc; i++) {
			if (spec_list_load(g.gl_pathv[i], &(*lists)[*n], d) ==
			    0)
				(*n)++;
			else
				rc = -1;
		}
	}
	if (grc != GLOB_NOMATCH)
		globfree(&g);
	return rc;
}

int
spec_load_dir(const char *dir, struct formset **out, struct diags *d)
{
	struct formset *fs;
	struct form *form;
	const char **names;
	glob_t g;
	char *pat;
	size_t i;
	int rc, grc;

	fs = xcalloc(1, sizeof *fs);
	fs->dir = xstrdup(dir);
	*out = fs;
	rc = load_lists(dir, &fs->lists, &fs->nlists, d);
	pat = xasprintf("%s/*.yaml", dir);
	grc = glob(pat, 0, NULL, &g);
	free(pat);
	if (grc == GLOB_NOMATCH) {
		diags_add(d, dir, 0, 0, "no form files (NAME.yaml) in this "
		    "directory");
		return -1;
	}
	if (grc != 0) {
		diags_add(d, dir, 0, 0, "cannot read the forms directory");
		return -1;
	}
	fs->forms = xcalloc(g.gl_pathc, sizeof *fs->forms);
	for (i = 0; i < g.gl_pathc; i++) {
		if (spec_load_file(g.gl_pathv[i], fs->lists, fs->nlists, &form,
		    d) == 0)
			fs->forms[fs->n++] = form;
		else
			rc = -1;
	}
	globfree(&g);
	qsort(fs->forms, fs->n, sizeof *fs->forms, form_cmp);
	names = xcalloc(fs->n + 1, sizeof *names);
	for (i = 0; i < fs->n; i++)
		names[i] = fs->forms[i]->name;
	if (check_refs(fs->forms, fs->n, names, fs->n, d) != 0)
		rc = -1;
	free(names);
	return rc;
}

int
spec_check_files(const char *dir, char *const *files, size_t nfiles,
    struct diags *d)
{
	struct choice_list *lists = NULL;
	struct form **forms;
	size_t nlists = 0, nforms = 0, nnames = 0, i, j;
	const char **names;
	glob_t g;
	char *pat, **bases = NULL;
	int rc = 0, grc = GLOB_NOMATCH;

	if (dir != NULL) {
		if (load_lists(dir, &lists, &nlists, d) != 0)
			rc = -1;
		pat = xasprintf("%s/*.yaml", dir);
		grc = glob(pat, 0, NULL, &g);
		free(pat);
	}
	forms = xcalloc(nfiles + 1, sizeof *forms);
	for (i = 0; i < nfiles; i++) {
		if (spec_load_file(files[i], lists, nlists, &forms[nforms],
		    d) != 0) {
			rc = -1;
			continue;
		}
		for (j = 0; j < nforms; j++)
			if (strcmp(forms[j]->name, forms[nforms]->name) == 0)
				break;
		if (j < nforms) {
			diags_add(d, files[i], forms[nforms]->mark.line,
			    forms[nforms]->mark.col, "duplicate form '%s' "
			    "(also in %s)", forms[nforms]->name,
			    forms[j]->file);
			rc = -1;
		}
		nforms++;
	}
	names = xcalloc(nforms + (grc == 0 ? g.gl_pathc : 0) + 1,
	    sizeof *names);
	if (grc == 0) {
		bases = xcalloc(g.gl_pathc + 1, sizeof *bases);
		for (i = 0; i < g.gl_pathc; i++)
			names[nnames++] = bases[i] = file_base(g.gl_pathv[i]);
	}
	for (i = 0; i < nforms; i++)
		names[nnames++] = forms[i]->name;
	qsort(names, nnames, sizeof *names, str_cmp);
	for (i = j = 0; i < nnames; i++)
		if (j == 0 || strcmp(names[j - 1], names[i]) != 0)
			names[j++] = names[i];
	if (check_refs(forms, nforms, names, j, d) != 0)
		rc = -1;
	free(names);
	if (grc == 0) {
		strv_free(bases, g.gl_pathc);
		globfree(&g);
	} else if (grc != GLOB_NOMATCH)
		globfree(&g);
	for (i = 0; i < nforms; i++)
		form_free(forms[i]);
	free(forms);
	for (i = 0; i < nlists; i++)
		choice_list_clear(&lists[i]);
	free(lists);
	return rc;
}
