/*
 * spec-list.c — choice lists: the codes and zh/en labels a choice or
 * multichoice field offers.  A list is written inline in a field, in a form
 * file's `lists:` mapping, or in a shared file forms/lists/NAME.yaml (the
 * national code tables).  Each choice is {code, zh, en} or a plain string.
 */
#include <stdlib.h>
#include <string.h>

#include "spec-int.h"

void
choice_list_clear(struct choice_list *l)
{
	size_t i;

	free(l->name);
	label_free(&l->title);
	free(l->source);
	for (i = 0; i < l->n; i++) {
		free(l->v[i].code);
		label_free(&l->v[i].label);
	}
	free(l->v);
	free(l->file);
	memset(l, 0, sizeof *l);
}

static int
code_ok(struct yctx *y, const struct ynode *n)
{
	size_t len = strlen(n->s);

	if (len == 0 || n->s[0] == ' ' || n->s[len - 1] == ' ') {
		yerr(y, n, "a code must be non-empty text without surrounding "
		    "spaces, not '%s'", n->s);
		return -1;
	}
	if (strchr(n->s, ',') != NULL) {
		yerr(y, n, "a code may not contain ',' (multichoice joins "
		    "codes with it): '%s'", n->s);
		return -1;
	}
	return 0;
}

/* One item of a list into c; -1 reported (c left empty). */
static int
choice_read(struct yctx *y, const struct ynode *n, struct choice *c)
{
	static const char *const keys[] = { "code", "zh", "en" };
	const struct ynode *code, *zh, *en;
	int rc = 0;

	c->mark = n->mark;
	if (n->kind == YN_SCALAR && !ynode_null(n)) {
		if (code_ok(y, n) != 0)
			return -1;
		c->code = xstrdup(n->s);
		label_set(&c->label, n->s, n->s);
		return 0;
	}
	if (n->kind != YN_MAP) {
		yerr(y, n, "a choice must be text or {code: ..., zh: ..., "
		    "en: ...}, not %s", ynode_what(n));
		return -1;
	}
	if (ymap_check_keys(y, n, keys, nitems(keys), "a choice") != 0)
		rc = -1;
	code = ymap_get(n, "code");
	zh = ymap_get(n, "zh");
	en = ymap_get(n, "en");
	if (code == NULL) {
		yerr(y, n, "a choice needs 'code'");
		return -1;
	}
	if (ynode_expect(y, code, YN_SCALAR, "'code'") != 0 ||
	    code_ok(y, code) != 0)
		return -1;
	if (zh == NULL) {
		yerr(y, n, "choice '%s' needs 'zh' (its Chinese label)",
		    code->s);
		return -1;
	}
	if (ynode_expect(y, zh, YN_SCALAR, "'zh'") != 0)
		return -1;
	if (en != NULL && en->kind != YN_SCALAR) {
		yerr(y, en, "'en' must be text, not %s", ynode_what(en));
		return -1;
	}
	c->code = xstrdup(code->s);
	label_set(&c->label, zh->s, en == NULL || ynode_null(en) ? NULL :
	    en->s);
	return rc;
}

int
spec_list_choices(struct yctx *y, const struct ynode *seq,
    struct choice_list *l)
{
	const char **codes;
	struct mark *marks;
	size_t i;
	int rc = 0;

	if (seq->kind != YN_SEQ) {
		yerr(y, seq, "a list of choices must be a list, not %s",
		    ynode_what(seq));
		return -1;
	}
	if (seq->n == 0) {
		yerr(y, seq, "a list of choices needs at least one choice");
		return -1;
	}
	l->v = xcalloc(seq->n, sizeof *l->v);
	for (i = 0; i < seq->n; i++) {
		struct choice c;

		memset(&c, 0, sizeof c);
		if (choice_read(y, seq->v[i], &c) != 0) {
			free(c.code);
			label_free(&c.label);
			rc = -1;
			continue;
		}
		l->v[l->n++] = c;
	}
	codes = xcalloc(l->n + 1, sizeof *codes);
	marks = xcalloc(l->n + 1, sizeof *marks);
	for (i = 0; i < l->n; i++) {
		codes[i] = l->v[i].code;
		marks[i] = l->v[i].mark;
	}
	if (spec_dups(y, codes, marks, l->n, "code") != 0)
		rc = -1;
	free(codes);
	free(marks);
	return rc;
}

/* The base name of path without ".yaml", malloc'd. */
static char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b != NULL ? b + 1 : path;
	n = strlen(b);
	if (n > 5 && strcmp(b + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(b + n - 4, ".yml") == 0)
		n -= 4;
	return xstrndup(b, n);
}

static int
list_from_tree(struct yctx *y, const struct ynode *root, const char *base,
    struct choice_list *l)
{
	static const char *const keys[] = { "list", "title", "source",
	    "choices" };
	const struct ynode *n;
	int rc = 0;

	if (root->kind != YN_MAP) {
		yerr(y, root, "a list file must be a mapping with 'list:' and "
		    "'choices:', not %s", ynode_what(root));
		return -1;
	}
	if (ymap_check_keys(y, root, keys, nitems(keys), "a list file") != 0)
		rc = -1;
	n = ymap_get(root, "list");
	if (n == NULL) {
		yerr(y, root, "a list file needs 'list: %s'", base);
		rc = -1;
	} else if (ynode_str(y, n, "'list'", &l->name) == 0) {
		l->mark = n->mark;
		if (!spec_name_ok(l->name, 32)) {
			yerr(y, n, "list name '%s' must be a lower-case "
			    "letter then letters, digits or '_'", l->name);
			rc = -1;
		} else if (strcmp(l->name, base) != 0) {
			yerr(y, n, "list '%s' must be in a file named "
			    "'%s.yaml' (or be called '%s')", l->name, l->name,
			    base);
			rc = -1;
		}
	} else
		rc = -1;
	if (l->name == NULL)
		l->name = xstrdup(base);
	n = ymap_get(root, "title");
	if (n != NULL) {
		if (ynode_label(y, n, "'title'", false, &l->title) != 0)
			rc = -1;
	} else
		label_set(&l->title, l->name, l->name);
	n = ymap_get(root, "source");
	if (n != NULL && ynode_str(y, n, "'source'", &l->source) != 0)
		rc = -1;
	n = ymap_get(root, "choices");
	if (n == NULL) {
		yerr(y, root, "a list file needs 'choices:'");
		rc = -1;
	} else if (spec_list_choices(y, n, l) != 0)
		rc = -1;
	return rc;
}

int
spec_list_parse(const char *name, const char *data, size_t len,
    struct choice_list *l, struct diags *d)
{
	struct yctx y = { name, d, d->n };
	struct ynode *root;
	char *base = base_name(name);
	int rc = -1;

	memset(l, 0, sizeof *l);
	root = ydoc_parse(&y, data, len);
	if (root != NULL) {
		rc = list_from_tree(&y, root, base, l);
		ynode_free(root);
	}
	free(base);
	l->file = xstrdup(name);
	yctx_finish(&y);
	if (d->n != y.start)
		rc = -1;
	if (rc != 0)
		choice_list_clear(l);
	return rc;
}

int
spec_list_load(const char *path, struct choice_list *l, struct diags *d)
{
	struct yctx y = { path, d, d->n };
	char *data;
	size_t len;
	int rc;

	memset(l, 0, sizeof *l);
	if (ydoc_read(&y, path, &data, &len) != 0)
		return -1;
	rc = spec_list_parse(path, data, len, l, d);
	free(data);
	return rc;
}
