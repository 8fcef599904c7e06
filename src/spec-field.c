/*
 * spec-field.c — reading the `fields:` of a form (and of its groups): names,
 * types from the field type table, labels, the per-field keys each type
 * takes, bounds and defaults validated with the type's own parser, patterns
 * compiled, choice lists resolved, show_if parsed (and, once the whole form
 * is read, checked against it).
 */
#include <stdlib.h>
#include <string.h>

#include "spec-int.h"

#define SPEC_MAX_FIELDS		500	/* per fields: list */
#define SPEC_MAX_PATTERN	256	/* bytes of a pattern */
#define SPEC_MAX_REPEAT		10000	/* product of a pattern's {n,m} */

/* A field's name for messages; NULL when its `name:` was missing. */
#define FNAME(f)	((f)->name != NULL ? (f)->name : "?")

static const char *const field_keys[] = {
	"name", "type", "label", "help", "required", "min", "max", "length",
	"pattern", "default", "carry", "index", "unique", "show_if",
	"choices", "ref", "repeat", "fields",
};

/* Keys every type but group takes. */
static const char *const common_keys[] = {
	"name", "type", "label", "help", "required", "default", "carry",
	"index", "unique", "show_if",
};

static const char *const reserved_names[] = {
	"id", "state", "grid", "created", "updated",
	"and", "or", "not", "in", "true", "false",
};

static bool
in_set(const char *s, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, v[i]) == 0)
			return true;
	return false;
}

/* Whether type t takes key k. */
static bool
type_takes(const struct field_type *t, const char *k)
{
	if (strcmp(k, "name") == 0 || strcmp(k, "type") == 0 ||
	    strcmp(k, "label") == 0 || strcmp(k, "help") == 0 ||
	    strcmp(k, "show_if") == 0)
		return true;
	if (t->kind == FK_GROUP)
		return strcmp(k, "repeat") == 0 || strcmp(k, "fields") == 0;
	if (in_set(k, common_keys, nitems(common_keys)))
		return true;
	if (strcmp(k, "min") == 0 || strcmp(k, "max") == 0)
		return (t->flags & (FT_ORDERED | FT_LENGTH)) != 0 ||
		    t->kind == FK_MULTICHOICE;
	if (strcmp(k, "length") == 0)
		return t->kind == FK_TEXT;
	if (strcmp(k, "pattern") == 0)
		return (t->flags & FT_LENGTH) != 0;
	if (strcmp(k, "choices") == 0)
		return (t->flags & FT_CHOICES) != 0;
	if (strcmp(k, "ref") == 0)
		return t->kind == FK_REF;
	return false;
}

void
field_clear(struct field *f)
{
	size_t i;

	free(f->name);
	label_free(&f->label);
	label_free(&f->help);
	free(f->min);
	free(f->max);
	if (f->pattern != NULL)
		regfree(&f->re);
	free(f->pattern);
	free(f->def);
	expr_free(f->show_if);
	free(f->show_if_src);
	free(f->ref_form);
	for (i = 0; i < f->nfields; i++)
		field_clear(&f->fields[i]);
	free(f->fields);
	memset(f, 0, sizeof *f);
}

/* The mark where a scalar's text starts (after an opening quote). */
static struct mark
text_mark(const struct ynode *n)
{
	struct mark m = n->mark;

	if (!n->plain)
		m.col++;
	return m;
}

/*
 * A conservative bound on what a pattern costs to compile: glibc expands
 * {n,m} into copies, so nested counts multiply.  The product of all counts
 * bounds any nesting.
 */
static int
pattern_too_big(const char *p)
{
	unsigned long prod = 1, a, b;
	const char *q;
	char *end;

	for (q = p; *q != '\0'; q++) {
		if (*q == '\\' && q[1] != '\0') {
			q++;
			continue;
		}
		if (*q != '{')
			continue;
		a = strtoul(q + 1, &end, 10);
		b = a;
		if (*end == ',')
			b = strtoul(end + 1, &end, 10);
		if (b < a)
			b = a;
		if (b > SPEC_MAX_REPEAT)
			return 1;
		prod *= b == 0 ? 1 : b;
		if (prod > SPEC_MAX_REPEAT)
			return 1;
	}
	return 0;
}

static void
field_pattern(struct form_build *b, struct field *f, const struct ynode *n)
{
	struct yctx *y = b->y;
	char *re, err[200];
	int rc;

	if (ynode_expect(y, n, YN_SCALAR, "'pattern'") != 0)
		return;
	if (strlen(n->s) > SPEC_MAX_PATTERN) {
		yerr(y, n, "pattern longer than %d bytes", SPEC_MAX_PATTERN);
		return;
	}
	if (pattern_too_big(n->s)) {
		yerr(y, n, "pattern too complex: its {n,m} repeat counts "
		    "multiply to more than %d", SPEC_MAX_REPEAT);
		return;
	}
	re = xasprintf("^(%s)$", n->s);
	rc = regcomp(&f->re, re, REG_EXTENDED | REG_NOSUB);
	free(re);
	if (rc != 0) {
		regerror(rc, &f->re, err, sizeof err);
		yerr(y, n, "invalid pattern '%s': %s (patterns are POSIX "
		    "extended regular expressions)", n->s, err);
		return;
	}
	f->pattern = xstrdup(n->s);
}

/* A value bound of an ordered type: canonical text or "today". */
static int
field_bound(struct form_build *b, struct field *f, const struct ynode *n,
    const char *key, char **out)
{
	char err[200], *v, *what;
	int rc;

	what = xasprintf("'%s'", key);
	rc = ynode_expect(b->y, n, YN_SCALAR, what);
	free(what);
	if (rc != 0)
		return -1;
	if (f->type->kind == FK_DATE && strcmp(n->s, "today") == 0) {
		*out = xstrdup("today");
		return 0;
	}
	err[0] = '\0';
	if (f->type->parse(n->s, &v, err, sizeof err) != 0) {
		yerr(b->y, n, "%s of field '%s': '%s' is not a valid %s: %s",
		    key, FNAME(f), n->s, f->type->name, err);
		return -1;
	}
	*out = v;
	return 0;
}

static void
field_bounds(struct form_build *b, struct field *f, const struct ynode *node)
{
	const struct ynode *mn = ymap_get(node, "min");
	const struct ynode *mx = ymap_get(node, "max");
	const struct ynode *len = ymap_get(node, "length");
	struct yctx *y = b->y;

	f->minlen = f->maxlen = -1;
	if (!type_takes(f->type, "min"))
		return;
	if (f->type->flags & FT_ORDERED) {
		if (mn != NULL)
			field_bound(b, f, mn, "min", &f->min);
		if (mx != NULL)
			field_bound(b, f, mx, "max", &f->max);
		if (f->min != NULL && f->max != NULL &&
		    strcmp(f->min, "today") != 0 &&
		    strcmp(f->max, "today") != 0 &&
		    f->type->compare(f->min, f->max) > 0)
			yerr(y, mn, "min (%s) is greater than max (%s)",
			    f->min, f->max);
		return;
	}
	if (mn != NULL)
		ynode_long(y, mn, "'min'", 0, 1000000, &f->minlen);
	if (mx != NULL)
		ynode_long(y, mx, "'max'", 0, 1000000, &f->maxlen);
	if (len != NULL) {
		if (mn != NULL || mx != NULL)
			yerr(y, len, "'length' cannot be combined with 'min' "
			    "or 'max'");
		else if (ynode_long(y, len, "'length'", 1, 1000000,
		    &f->minlen) == 0)
			f->maxlen = f->minlen;
	}
	if (f->minlen >= 0 && f->maxlen >= 0 && f->minlen > f->maxlen &&
	    len == NULL)
		yerr(y, mn, "min (%ld) is greater than max (%ld)", f->minlen,
		    f->maxlen);
	if (f->type->kind == FK_MULTICHOICE && f->choices != NULL &&
	    f->minlen > (long)f->choices->n)
		yerr(y, mn, "min (%ld) is more than the %zu choices of the "
		    "list", f->minlen, f->choices->n);
}

/* Canonical multichoice value from parsed text: codes in list order. */
static char *
multichoice_canon(struct form_build *b, const struct field *f,
    const struct ynode *n, const char *parsed)
{
	const struct choice_list *l = f->choices;
	struct buf out = BUF_INIT;
	char *copy = xstrdup(parsed), *tok, *save = NULL;
	bool *on = xcalloc(l->n + 1, sizeof *on);
	size_t i, count = 0;
	int bad = 0;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < l->n; i++)
			if (strcmp(l->v[i].code, tok) == 0)
				break;
		if (i == l->n) {
			yerr(b->y, n, "default of field '%s': '%s' is not a "
			    "code of its list", FNAME(f), tok);
			bad = 1;
			continue;
		}
		on[i] = true;
	}
	for (i = 0; i < l->n; i++) {
		if (!on[i])
			continue;
		if (out.len > 0)
			buf_addc(&out, ',');
		buf_adds(&out, l->v[i].code);
		count++;
	}
	free(copy);
	free(on);
	if (!bad && f->minlen >= 0 && (long)count < f->minlen)
		yerr(b->y, n, "default of field '%s' chooses %zu, fewer than "
		    "min %ld", FNAME(f), count, f->minlen);
	if (!bad && f->maxlen >= 0 && (long)count > f->maxlen)
		yerr(b->y, n, "default of field '%s' chooses %zu, more than "
		    "max %ld", FNAME(f), count, f->maxlen);
	if (bad) {
		buf_free(&out);
		return NULL;
	}
	return buf_steal(&out);
}

/* Check a default against the field's type and constraints. */
static void
field_default(struct form_build *b, struct field *f, const struct ynode *n)
{
	struct yctx *y = b->y;
	char err[200], *v = NULL;
	size_t chars;

	if (ynode_expect(y, n, YN_SCALAR, "'default'") != 0)
		return;
	if (f->type->parse == NULL)
		return;
	err[0] = '\0';
	if (f->type->parse(n->s, &v, err, sizeof err) != 0) {
		yerr(y, n, "default of field '%s': '%s' is not a valid %s: %s",
		    FNAME(f), n->s, f->type->name, err);
		return;
	}
	if (f->type->kind == FK_CHOICE) {
		if (f->choices != NULL && list_choice(f->choices, v) == NULL) {
			yerr(y, n, "default of field '%s': '%s' is not a code "
			    "of its list", FNAME(f), v);
			free(v);
			return;
		}
	} else if (f->type->kind == FK_MULTICHOICE) {
		char *c = f->choices != NULL ? multichoice_canon(b, f, n, v) :
		    NULL;

		free(v);
		if (c == NULL)
			return;
		v = c;
	} else if (f->type->flags & FT_ORDERED) {
		if (f->min != NULL && strcmp(f->min, "today") != 0 &&
		    f->type->compare(v, f->min) < 0) {
			yerr(y, n, "default of field '%s' (%s) is less than "
			    "min %s", FNAME(f), v, f->min);
			free(v);
			return;
		}
		if (f->max != NULL && strcmp(f->max, "today") != 0 &&
		    f->type->compare(v, f->max) > 0) {
			yerr(y, n, "default of field '%s' (%s) is more than "
			    "max %s", FNAME(f), v, f->max);
			free(v);
			return;
		}
	} else if (f->type->flags & FT_LENGTH) {
		chars = utf8_chars(v);
		if ((f->minlen >= 0 && (long)chars < f->minlen) ||
		    (f->maxlen >= 0 && (long)chars > f->maxlen)) {
			yerr(y, n, "default of field '%s' has %zu characters, "
			    "outside its length limits", FNAME(f), chars);
			free(v);
			return;
		}
		if (f->pattern != NULL && regexec(&f->re, v, 0, NULL, 0) != 0) {
			yerr(y, n, "default of field '%s' ('%s') does not "
			    "match its pattern", FNAME(f), v);
			free(v);
			return;
		}
	}
	f->def = v;
}

static const struct choice_list *
find_named_list(const struct form_build *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->form->nlists; i++)
		if (b->form->lists[i].name != NULL &&
		    strcmp(b->form->lists[i].name, name) == 0)
			return &b->form->lists[i];
	for (i = 0; i < b->nshared; i++)
		if (b->shared[i].name != NULL &&
		    strcmp(b->shared[i].name, name) == 0)
			return &b->shared[i];
	return NULL;
}

static void
unknown_list(struct form_build *b, const struct ynode *n)
{
	const char **names;
	const char *sug;
	char *all;
	size_t i, k = 0;

	names = xcalloc(b->form->nlists + b->nshared + 1, sizeof *names);
	for (i = 0; i < b->form->nlists; i++)
		if (b->form->lists[i].name != NULL)
			names[k++] = b->form->lists[i].name;
	for (i = 0; i < b->nshared; i++)
		names[k++] = b->shared[i].name;
	sug = str_suggest(n->s, names, k);
	if (sug != NULL)
		yerr(b->y, n, "unknown list '%s'; did you mean '%s'?", n->s,
		    sug);
	else if (k > 0) {
		all = names_join(names, k, 12);
		yerr(b->y, n, "unknown list '%s'; lists: %s", n->s, all);
		free(all);
	} else
		yerr(b->y, n, "unknown list '%s'; define it under 'lists:' or "
		    "in forms/lists/%s.yaml", n->s, n->s);
	free(names);
}

/*
 * A multichoice's items are split at ',', '，' and '、' (field-choice.c), so
 * a code holding one of those could never be chosen.  ',' is refused in
 * every list (spec-list.c); the other two only matter here.  Reported at
 * the code when it is in this file, else at `choices:` naming its place.
 */
static void
field_multichoice_codes(struct form_build *b, const struct field *f,
    const struct ynode *n)
{
	static const char *const seps[] = { "，", "、" };
	const struct choice_list *l = f->choices;
	size_t i, j;

	if (f->type->kind != FK_MULTICHOICE || l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		for (j = 0; j < nitems(seps); j++) {
			if (strstr(l->v[i].code, seps[j]) == NULL)
				continue;
			if (l->file != NULL && strcmp(l->file, b->y->file) == 0)
				yerr_at(b->y, l->v[i].mark, "code '%s' of a "
				    "multichoice list contains '%s', which "
				    "separates chosen items; use another code",
				    l->v[i].code, seps[j]);
			else
				yerr(b->y, n, "multichoice '%s': code '%s' of "
				    "list '%s' (%s:%u:%u) contains '%s', which "
				    "separates chosen items; use another code",
				    FNAME(f), l->v[i].code, l->name != NULL ?
				    l->name : "?", l->file != NULL ? l->file :
				    "?", l->v[i].mark.line, l->v[i].mark.col,
				    seps[j]);
			break;
		}
}

static void
field_choices(struct form_build *b, struct field *f, const struct ynode *n)
{
	struct choice_list *l;

	if (n->kind == YN_SCALAR && !ynode_null(n)) {
		f->choices = find_named_list(b, n->s);
		if (f->choices == NULL)
			unknown_list(b, n);
		field_multichoice_codes(b, f, n);
		return;
	}
	if (n->kind != YN_SEQ) {
		yerr(b->y, n, "'choices' must be a list name or a list of "
		    "choices, not %s", ynode_what(n));
		return;
	}
	if (b->form->nlists >= b->lists_cap)
		fatal("spec: inline list count miscounted");
	l = &b->form->lists[b->form->nlists++];
	memset(l, 0, sizeof *l);
	label_set(&l->title, FNAME(f), FNAME(f));
	l->file = xstrdup(b->y->file);
	l->mark = n->mark;
	spec_list_choices(b->y, n, l);
	if (l->n > 0)
		f->choices = l;
	field_multichoice_codes(b, f, n);
}

static void
field_repeat(struct form_build *b, struct field *f, const struct ynode *n)
{
	static const char *const keys[] = { "min", "max" };
	const struct ynode *mn, *mx;
	long v;

	if (ynode_expect(b->y, n, YN_MAP, "'repeat'") != 0)
		return;
	ymap_check_keys(b->y, n, keys, nitems(keys), "'repeat'");
	mn = ymap_get(n, "min");
	mx = ymap_get(n, "max");
	if (mn != NULL && ynode_long(b->y, mn, "repeat 'min'", 0, 10000,
	    &v) == 0)
		f->repeat_min = (unsigned)v;
	if (mx != NULL && ynode_long(b->y, mx, "repeat 'max'", 0, 10000,
	    &v) == 0)
		f->repeat_max = (unsigned)v;
	if (f->repeat_max != 0 && f->repeat_min > f->repeat_max)
		yerr(b->y, mn, "repeat min (%u) is greater than max (%u)",
		    f->repeat_min, f->repeat_max);
}

static void
field_name(struct form_build *b, struct field *f, const struct ynode *node,
    const struct field *parent)
{
	struct yctx *y = b->y;
	const struct ynode *n = ymap_get(node, "name");

	if (n == NULL) {
		yerr(y, node, "a field needs 'name'");
		return;
	}
	if (ynode_str(y, n, "'name'", &f->name) != 0)
		return;
	if (!spec_name_ok(f->name, 32))
		yerr(y, n, "field name '%s' must be a lower-case letter then "
		    "up to 31 lower-case letters, digits or '_'", f->name);
	else if (strcmp(f->name, "grid") == 0 && parent == NULL)
		;	/* the record's grid */
	else if (in_set(f->name, reserved_names, 5))
		yerr(y, n, "'%s' is a reserved name (a meta column: id, "
		    "state, grid, created, updated)", f->name);
	else if (in_set(f->name, reserved_names, nitems(reserved_names)))
		yerr(y, n, "'%s' is a word of the show_if language; choose "
		    "another field name", f->name);
}

static void
field_type(struct form_build *b, struct field *f, const struct ynode *node)
{
	struct yctx *y = b->y;
	const struct ynode *n = ymap_get(node, "type");
	const char *sug;

	if (n == NULL) {
		yerr(y, node, "field '%s' needs 'type' (one of %s)",
		    f->name != NULL ? f->name : "?", field_type_names());
		return;
	}
	if (ynode_expect(y, n, YN_SCALAR, "'type'") != 0)
		return;
	f->type = field_type_find(n->s);
	if (f->type != NULL)
		return;
	sug = field_type_suggest(n->s);
	if (sug != NULL)
		yerr(y, n, "unknown type '%s'; did you mean '%s'?", n->s, sug);
	else
		yerr(y, n, "unknown type '%s'; valid types: %s", n->s,
		    field_type_names());
}

/* The keys that type does not take, each reported. */
static void
field_keys_for_type(struct form_build *b, struct field *f,
    const struct ynode *node)
{
	size_t i;

	for (i = 0; i + 1 < node->n; i += 2) {
		const struct ynode *k = node->v[i];

		if (!in_set(k->s, field_keys, nitems(field_keys)) ||
		    type_takes(f->type, k->s))
			continue;
		if (f->type->kind == FK_GROUP && (strcmp(k->s, "min") == 0 ||
		    strcmp(k->s, "max") == 0))
			yerr(b->y, k, "'%s' is not used by type group; use "
			    "'repeat: {min: N, max: M}'", k->s);
		else
			yerr(b->y, k, "'%s' is not used by type %s", k->s,
			    f->type->name);
	}
}

static void
field_read(struct form_build *b, struct field *f, const struct ynode *node,
    const struct field *parent)
{
	struct yctx *y = b->y;
	const struct ynode *n;
	char *where;
	bool v;

	f->parent = parent;
	f->mark = node->mark;
	f->minlen = f->maxlen = -1;
	label_set(&f->label, "", "");
	label_set(&f->help, "", "");
	if (node->kind != YN_MAP) {
		yerr(y, node, "a field must be a mapping with name, type and "
		    "label, not %s", ynode_what(node));
		return;
	}
	field_name(b, f, node, parent);
	where = f->name != NULL ? xasprintf("field '%s'", f->name) :
	    xstrdup("a field");
	ymap_check_keys(y, node, field_keys, nitems(field_keys), where);
	free(where);
	field_type(b, f, node);
	n = ymap_get(node, "label");
	if (n == NULL)
		yerr(y, node, "field '%s' needs 'label'",
		    f->name != NULL ? f->name : "?");
	else {
		label_free(&f->label);
		ynode_label(y, n, "'label'", false, &f->label);
	}
	if ((n = ymap_get(node, "help")) != NULL) {
		label_free(&f->help);
		ynode_label(y, n, "'help'", true, &f->help);
	}
	if ((n = ymap_get(node, "show_if")) != NULL &&
	    ynode_expect(y, n, YN_SCALAR, "'show_if'") == 0) {
		f->show_if_src = xstrdup(n->s);
		f->show_if = expr_parse(n->s, y->file, text_mark(n), y->d);
	}
	if (f->type == NULL)
		return;
	field_keys_for_type(b, f, node);
	if ((n = ymap_get(node, "required")) != NULL && type_takes(f->type,
	    "required"))
		ynode_bool(y, n, "'required'", &f->required);
	if ((n = ymap_get(node, "carry")) != NULL && type_takes(f->type,
	    "carry"))
		ynode_bool(y, n, "'carry'", &f->carry);
	if ((n = ymap_get(node, "index")) != NULL && type_takes(f->type,
	    "index"))
		ynode_bool(y, n, "'index'", &f->index);
	if ((n = ymap_get(node, "unique")) != NULL && type_takes(f->type,
	    "unique") && ynode_bool(y, n, "'unique'", &v) == 0) {
		f->unique = v;
		if (v)
			f->index = true;
	}
	if (f->type->flags & FT_CHOICES) {
		if ((n = ymap_get(node, "choices")) == NULL)
			yerr(y, node, "field '%s' of type %s needs 'choices' "
			    "(a list name or a list)", f->name != NULL ?
			    f->name : "?", f->type->name);
		else
			field_choices(b, f, n);
	}
	if (f->type->kind != FK_GROUP)
		field_bounds(b, f, node);
	if ((n = ymap_get(node, "pattern")) != NULL && type_takes(f->type,
	    "pattern"))
		field_pattern(b, f, n);
	if (f->type->kind == FK_REF) {
		if ((n = ymap_get(node, "ref")) == NULL)
			yerr(y, node, "field '%s' of type ref needs 'ref' (the "
			    "name of another form)", f->name != NULL ?
			    f->name : "?");
		else if (ynode_str(y, n, "'ref'", &f->ref_form) == 0 &&
		    !spec_name_ok(f->ref_form, 32))
			yerr(y, n, "'ref' must be a form name, not '%s'",
			    f->ref_form);
	}
	if (f->type->kind == FK_GROUP) {
		if ((n = ymap_get(node, "repeat")) != NULL)
			field_repeat(b, f, n);
		if (parent != NULL)
			yerr(y, node, "groups may not nest: group '%s' is "
			    "inside group '%s'", f->name != NULL ? f->name :
			    "?", parent->name != NULL ? parent->name : "?");
		else if ((n = ymap_get(node, "fields")) == NULL)
			yerr(y, node, "group '%s' needs 'fields'",
			    f->name != NULL ? f->name : "?");
		else
			spec_fields(b, n, &f->fields, &f->nfields, f);
	}
	if ((n = ymap_get(node, "default")) != NULL && type_takes(f->type,
	    "default"))
		field_default(b, f, n);
}

int
spec_fields(struct form_build *b, const struct ynode *seq,
    struct field **out, size_t *n, const struct field *parent)
{
	const char **names;
	struct mark *marks;
	struct field *v;
	size_t i, start = b->y->d->n;

	*out = NULL;
	*n = 0;
	if (ynode_expect(b->y, seq, YN_SEQ, "'fields'") != 0)
		return -1;
	if (seq->n == 0) {
		yerr(b->y, seq, "'fields' needs at least one field");
		return -1;
	}
	if (seq->n > SPEC_MAX_FIELDS) {
		yerr(b->y, seq, "too many fields (%zu); at most %d in one "
		    "list", seq->n, SPEC_MAX_FIELDS);
		return -1;
	}
	v = xcalloc(seq->n, sizeof *v);
	for (i = 0; i < seq->n; i++)
		field_read(b, &v[i], seq->v[i], parent);
	names = xcalloc(seq->n, sizeof *names);
	marks = xcalloc(seq->n, sizeof *marks);
	for (i = 0; i < seq->n; i++) {
		names[i] = v[i].name;
		marks[i] = v[i].mark;
	}
	spec_dups(b->y, names, marks, seq->n, "field name");
	free(names);
	free(marks);
	*out = v;
	*n = seq->n;
	return b->y->d->n == start ? 0 : -1;
}

static void
check_show_if(struct form_build *b, const struct field *f)
{
	/* Past this many problems only the first are shown anyway; stop
	 * paying for hints (each one compares names). */
	if (b->y->d->n - b->y->start >= 10 * SPEC_MAX_DIAGS)
		return;
	if (f->show_if != NULL)
		expr_check(f->show_if, b->form, f, b->y->file, b->y->d);
}

void
spec_fields_check(struct form_build *b)
{
	const struct form *form = b->form;
	size_t i, j;

	for (i = 0; i < form->nfields; i++) {
		check_show_if(b, &form->fields[i]);
		for (j = 0; j < form->fields[i].nfields; j++)
			check_show_if(b, &form->fields[i].fields[j]);
	}
}
