/*
 * record-validate.c — values checked against their form: what a person typed
 * turned into canonical text (the field type's parse, then the choice list,
 * then the field's bounds, length and pattern), whether a field is shown
 * (show_if), the checks of a whole record (every value, required fields,
 * group sizes, unknown paths), defaults and carried-forward values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record-int.h"

void
verrors_add(struct verrors *e, const char *path, const char *fmt, ...)
{
	struct verror *v;
	va_list ap;

	if (e->n == e->cap) {
		e->cap = e->cap == 0 ? 8 : e->cap * 2;
		e->v = xreallocarray(e->v, e->cap, sizeof *e->v);
	}
	v = &e->v[e->n++];
	v->path = xstrdup(path != NULL ? path : "");
	va_start(ap, fmt);
	v->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

void
verrors_free(struct verrors *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].path);
		free(e->v[i].msg);
	}
	free(e->v);
	e->v = NULL;
	e->n = e->cap = 0;
}

/* The list shown in a "not one of" message: at most 8 entries. */
static void
choice_list_text(const struct choice_list *l, struct buf *b)
{
	size_t i, max = 8;

	for (i = 0; i < l->n && i < max; i++) {
		const struct choice *c = &l->v[i];

		if (i > 0)
			buf_adds(b, ", ");
		if (c->label.zh == NULL || strcmp(c->code, c->label.zh) == 0)
			buf_adds(b, c->code);
		else
			buf_addf(b, "%s %s", c->code, c->label.zh);
	}
	if (l->n > max)
		buf_addf(b, ", ... (%zu in all)", l->n);
}

/* The index of the choice s names in l (code, label, then the same ignoring
 * case and width), or -1. */
static long
choice_find(const struct choice_list *l, const char *s)
{
	char *k, *c;
	size_t i;
	long found = -1;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, s) == 0)
			return (long)i;
	for (i = 0; i < l->n; i++)
		if ((l->v[i].label.zh != NULL &&
		    strcmp(l->v[i].label.zh, s) == 0) ||
		    (l->v[i].label.en != NULL &&
		    strcmp(l->v[i].label.en, s) == 0))
			return (long)i;
	k = norm_key(s);
	for (i = 0; i < l->n && found < 0; i++) {
		const char *cand[3] = { l->v[i].code, l->v[i].label.zh,
		    l->v[i].label.en };
		size_t j;

		for (j = 0; j < 3 && found < 0; j++) {
			if (cand[j] == NULL)
				continue;
			c = norm_key(cand[j]);
			if (strcmp(c, k) == 0)
				found = (long)i;
			free(c);
		}
	}
	free(k);
	return found;
}

static int
choice_fail(const struct field *f, const char *item, char *err,
    size_t errlen)
{
	struct buf b = BUF_INIT;

	choice_list_text(f->choices, &b);
	snprintf(err, errlen, "'%.*s' is not one of: %s", (int)utf8_fit(item,
	    40), item, buf_str(&b));
	buf_free(&b);
	return -1;
}

/* Map a parsed choice or multichoice to codes; *canon is replaced. */
static int
choice_map(const struct field *f, char **canon, size_t *count, char *err,
    size_t errlen)
{
	const struct choice_list *l = f->choices;
	struct buf b = BUF_INIT;
	char *items, *item, *save = NULL;
	bool *chosen;
	long i;
	size_t j;
	int rc = 0;

	*count = 1;
	if (f->type->kind == FK_CHOICE) {
		if ((i = choice_find(l, *canon)) < 0)
			return choice_fail(f, *canon, err, errlen);
		item = xstrdup(l->v[i].code);
		free(*canon);
		*canon = item;
		return 0;
	}
	chosen = xcalloc(l->n + 1, sizeof *chosen);
	items = xstrdup(*canon);
	for (item = strtok_r(items, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		if ((i = choice_find(l, item)) < 0) {
			rc = choice_fail(f, item, err, errlen);
			break;
		}
		chosen[i] = true;
	}
	free(items);
	if (rc == 0) {
		*count = 0;
		for (j = 0; j < l->n; j++) {
			if (!chosen[j])
				continue;
			if (b.len > 0)
				buf_addc(&b, ',');
			buf_adds(&b, l->v[j].code);
			(*count)++;
		}
		free(*canon);
		*canon = buf_steal(&b);
	}
	free(chosen);
	return rc;
}

/* The field's bounds for an ordered type. */
static int
bounds_check(const struct field *f, const char *v, char *err, size_t errlen)
{
	const char *bound[2] = { f->min, f->max };
	char today[11];
	int i, c;

	for (i = 0; i < 2; i++) {
		const char *b = bound[i];

		if (b == NULL)
			continue;
		if (strcmp(b, "today") == 0 && f->type->kind == FK_DATE) {
			date_today(today);
			b = today;
		}
		c = f->type->compare(v, b);
		if (i == 0 && c < 0) {
			if (f->type->kind == FK_DATE)
				snprintf(err, errlen, "must not be before %s%s "
				    "(got %s)", b, b == today ? " (today)" : "",
				    v);
			else
				snprintf(err, errlen, "must be at least %s (got "
				    "%s)", b, v);
			return -1;
		}
		if (i == 1 && c > 0) {
			if (f->type->kind == FK_DATE)
				snprintf(err, errlen, "must not be after %s%s "
				    "(got %s)", b, b == today ? " (today)" : "",
				    v);
			else
				snprintf(err, errlen, "must be at most %s (got "
				    "%s)", b, v);
			return -1;
		}
	}
	return 0;
}

static int
count_check(const struct field *f, size_t n, const char *unit,
    const char *units, char *err, size_t errlen)
{
	if (f->minlen >= 0 && f->minlen == f->maxlen && n != (size_t)f->minlen) {
		snprintf(err, errlen, "must be exactly %ld %s (got %zu)",
		    f->minlen, f->minlen == 1 ? unit : units, n);
		return -1;
	}
	if (f->minlen >= 0 && n < (size_t)f->minlen) {
		snprintf(err, errlen, "must be at least %ld %s (got %zu)",
		    f->minlen, f->minlen == 1 ? unit : units, n);
		return -1;
	}
	if (f->maxlen >= 0 && n > (size_t)f->maxlen) {
		snprintf(err, errlen, "must be at most %ld %s (got %zu)",
		    f->maxlen, f->maxlen == 1 ? unit : units, n);
		return -1;
	}
	return 0;
}

int
record_parse_value(const struct field *f, const char *in, char **out,
    char *err, size_t errlen)
{
	char *canon, *t;
	size_t count = 0;
	int rc = 0;

	*out = NULL;
	if (in == NULL)
		return 0;
	t = str_trim(in);
	if (*t == '\0') {
		free(t);
		return 0;
	}
	free(t);
	if (f->type == NULL || f->type->parse == NULL) {
		snprintf(err, errlen, "'%s' is a group and holds no value of its "
		    "own", f->name);
		return -1;
	}
	if (f->type->parse(in, &canon, err, errlen) != 0)
		return -1;
	if ((f->type->flags & FT_CHOICES) && f->choices != NULL)
		rc = choice_map(f, &canon, &count, err, errlen);
	if (rc == 0 && (f->type->flags & FT_ORDERED) &&
	    f->type->compare != NULL)
		rc = bounds_check(f, canon, err, errlen);
	if (rc == 0 && (f->type->flags & FT_LENGTH))
		rc = count_check(f, utf8_chars(canon), "character",
		    "characters", err, errlen);
	if (rc == 0 && f->type->kind == FK_MULTICHOICE && f->choices != NULL)
		rc = count_check(f, count, "choice", "choices", err, errlen);
	if (rc == 0 && f->pattern != NULL &&
	    regexec(&f->re, canon, 0, NULL, 0) != 0) {
		snprintf(err, errlen, "'%.*s' does not match the pattern %s",
		    (int)utf8_fit(canon, 40), canon, f->pattern);
		rc = -1;
	}
	if (rc != 0) {
		free(canon);
		return -1;
	}
	*out = canon;
	return 0;
}

/* show_if context: the record, and the member whose siblings are looked at
 * first (group NULL at top level). */
struct vctx {
	const struct record	*r;
	const struct field	*group;
	unsigned		 n;
};

static const char *
vctx_get(void *ctx, const struct field *f)
{
	const struct vctx *c = ctx;
	char *path;
	const char *v;

	if (f == NULL || f->name == NULL)
		return NULL;
	if (c->group != NULL && record_field_in_group(c->group, f)) {
		path = xasprintf("%s.%u.%s", c->group->name, c->n, f->name);
		v = record_get(c->r, path);
		free(path);
		return v;
	}
	if (f->parent != NULL)
		return NULL;	/* a member of another group */
	return record_get(c->r, f->name);
}

static bool
vctx_eval(const struct expr *e, const struct record *r,
    const struct field *group, unsigned n)
{
	struct vctx c = { r, group, n };
	struct expr_env env = { vctx_get, &c, r->state };

	return e == NULL || expr_eval(e, &env) != 0;
}

/* Whether f (a member of group g, or top level with g NULL) is shown for
 * member n. */
static bool
field_visible(const struct record *r, const struct field *g, unsigned n,
    const struct field *f)
{
	if (g != NULL && !vctx_eval(g->show_if, r, NULL, 0))
		return false;
	return vctx_eval(f->show_if, r, g, n);
}

bool
record_visible(const struct form *form, const struct record *r,
    const char *path)
{
	const struct field *f, *g;
	struct rpath rp;

	if (rpath_split(path, &rp) != 0 ||
	    (f = rpath_field(form, &rp, &g)) == NULL)
		return false;
	return field_visible(r, g, rp.n, f);
}

/* Re-validate one stored value of field f at path. */
static void
validate_value(const struct field *f, const struct value *v,
    struct verrors *e)
{
	char err[512], *canon;

	if (record_parse_value(f, v->text, &canon, err, sizeof err) != 0) {
		verrors_add(e, v->path, "%s", err);
		return;
	}
	if (canon == NULL || strcmp(canon, v->text) != 0)
		verrors_add(e, v->path, "'%.*s' is not stored in canonical form "
		    "('%.*s')", (int)utf8_fit(v->text, 40), v->text,
		    (int)utf8_fit(canon != NULL ? canon : "", 40),
		    canon != NULL ? canon : "");
	free(canon);
}

struct ukey {
	unsigned	 n;
	char		*key;
	const char	*path;
	const char	*text;
};

static int
ukey_cmp(const void *a, const void *b)
{
	const struct ukey *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* Unique member fields must differ between the members of one record:
 * the values of each are sorted by key, so this is linear after a sort. */
static void
validate_unique_members(const struct record *r, const struct field *g,
    struct verrors *e)
{
	struct ukey *u = NULL;
	struct rpath rp;
	size_t i, j, nu, glen = strlen(g->name);

	for (i = 0; i < g->nfields; i++) {
		if (!g->fields[i].unique)
			continue;
		nu = 0;
		for (j = 0; j < r->nv; j++) {
			if (rpath_split(r->v[j].path, &rp) != 0 ||
			    rp.group == NULL || rp.glen != glen ||
			    strncmp(rp.group, g->name, glen) != 0 ||
			    strcmp(rp.name, g->fields[i].name) != 0)
				continue;
			u = xreallocarray(u, nu + 1, sizeof *u);
			u[nu].n = rp.n;
			u[nu].key = norm_key(r->v[j].text);
			u[nu].path = r->v[j].path;
			u[nu].text = r->v[j].text;
			nu++;
		}
		if (nu > 1)
			qsort(u, nu, sizeof *u, ukey_cmp);
		for (j = 1; j < nu; j++)
			if (strcmp(u[j].key, u[j - 1].key) == 0)
				verrors_add(e, u[j].path, "same as %s (%s)",
				    u[j - 1].path, u[j - 1].text);
		for (j = 0; j < nu; j++)
			free(u[j].key);
	}
	free(u);
}

static void
validate_group(const struct form *form, const struct record *r,
    const struct field *g, struct verrors *e)
{
	unsigned count = record_group_count(r, g->name), n;
	unsigned min = g->repeat_min;
	size_t i;
	char *path;

	if (!vctx_eval(g->show_if, r, NULL, 0))
		return;
	if (g->required && min == 0)
		min = 1;
	if (count < min)
		verrors_add(e, g->name, "at least %u member%s required (got %u)",
		    min, min == 1 ? "" : "s", count);
	if (g->repeat_max > 0 && count > g->repeat_max)
		verrors_add(e, g->name, "at most %u member%s allowed (got %u)",
		    g->repeat_max, g->repeat_max == 1 ? "" : "s", count);
	/* Members beyond repeat max were reported value by value. */
	if (g->repeat_max > 0 && count > g->repeat_max)
		count = g->repeat_max;
	for (n = 1; n <= count; n++) {
		for (i = 0; i < g->nfields; i++) {
			const struct field *f = &g->fields[i];

			if (!f->required || f->type == NULL ||
			    (f->type->flags & FT_NOVALUE))
				continue;
			path = xasprintf("%s.%u.%s", g->name, n, f->name);
			if (record_get(r, path) == NULL &&
			    vctx_eval(f->show_if, r, g, n))
				verrors_add(e, path, "is required");
			free(path);
		}
	}
	validate_unique_members(r, g, e);
	(void)form;
}

static bool
validate_top_field(const struct form *form, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < form->nfields; i++)
		if (strlen(form->fields[i].name) == len &&
		    strncmp(form->fields[i].name, name, len) == 0)
			return true;
	return false;
}

/*
 * The field a stored value's path names, or NULL when there is nothing more
 * to check.  With unknown false, adds the problems of the path itself (not
 * a path, a group's own value, a member beyond the group's max) and passes
 * over a field or group the form does not have; with unknown true, adds
 * only that.
 */
static const struct field *
validate_path(const struct form *form, const struct value *v, bool unknown,
    struct verrors *e)
{
	const struct field *f, *g;
	struct rpath rp;

	if (rpath_split(v->path, &rp) != 0) {
		if (!unknown)
			verrors_add(e, v->path, "'%.60s' is not a field path",
			    v->path);
		return NULL;
	}
	f = rpath_field(form, &rp, &g);
	if (f == NULL) {
		if (!unknown)
			return NULL;
		if (rp.group != NULL && g == NULL)
			verrors_add(e, v->path, "form %s has no group '%.*s'%s",
			    form->name, (int)rp.glen, rp.group,
			    validate_top_field(form, rp.group, rp.glen) ?
			    " (it is a field, not a group)" : "");
		else
			verrors_add(e, v->path, "form %s has no field '%s'%s%s",
			    form->name, rp.name, g != NULL ? " in group " : "",
			    g != NULL ? g->name : "");
		return NULL;
	}
	if (unknown)
		return NULL;
	if (f->type == NULL || (f->type->flags & FT_NOVALUE)) {
		verrors_add(e, v->path, "'%s' is a group and holds no value of "
		    "its own", f->name);
		return NULL;
	}
	if (g != NULL && g->repeat_max > 0 && rp.n > g->repeat_max) {
		verrors_add(e, v->path, "member %u is beyond the %u allowed in "
		    "%s", rp.n, g->repeat_max, g->name);
		return NULL;
	}
	return f;
}

size_t
record_unknown(const struct form *form, const struct record *r,
    struct verrors *e)
{
	size_t before = e->n, i;

	for (i = 0; i < r->nv; i++)
		(void)validate_path(form, &r->v[i], true, e);
	return e->n - before;
}

size_t
record_validate(const struct form *form, const struct record *r,
    struct verrors *e)
{
	size_t before = e->n, i;
	const struct field *f;

	for (i = 0; i < r->nv; i++)
		if ((f = validate_path(form, &r->v[i], false, e)) != NULL)
			validate_value(f, &r->v[i], e);
	if (form->wf.initial != NULL) {
		bool known = false;

		for (i = 0; r->state != NULL && i < form->wf.nstates; i++)
			if (strcmp(form->wf.states[i].name, r->state) == 0)
				known = true;
		if (!known)
			verrors_add(e, "", r->state == NULL ? "the record has no "
			    "workflow state" : "unknown workflow state '%s'",
			    r->state != NULL ? r->state : "");
	}
	for (i = 0; i < form->nfields; i++) {
		f = &form->fields[i];
		if (f->type == NULL)
			continue;
		if (f->type->kind == FK_GROUP) {
			validate_group(form, r, f, e);
			continue;
		}
		if (f->required && record_get(r, f->name) == NULL &&
		    vctx_eval(f->show_if, r, NULL, 0))
			verrors_add(e, f->name, "is required");
	}
	return e->n - before;
}

void
record_apply_defaults(const struct form *form, struct record *r)
{
	size_t i, j;
	unsigned n, count;
	char *path;

	for (i = 0; i < form->nfields; i++) {
		const struct field *f = &form->fields[i];

		if (f->type == NULL)
			continue;
		if (f->type->kind != FK_GROUP) {
			if (f->def != NULL && record_get(r, f->name) == NULL)
				record_set(r, f->name, f->def);
			continue;
		}
		count = record_group_count(r, f->name);
		for (n = 1; n <= count; n++) {
			for (j = 0; j < f->nfields; j++) {
				const struct field *m = &f->fields[j];

				if (m->def == NULL)
					continue;
				path = xasprintf("%s.%u.%s", f->name, n, m->name);
				if (record_get(r, path) == NULL)
					record_set(r, path, m->def);
				free(path);
			}
		}
	}
}

struct record *
record_carry(const struct form *form, const struct record *prev)
{
	struct record *r = record_new();
	const struct field *f, *g;
	struct rpath rp;
	size_t i;

	if (prev == NULL)
		return r;
	for (i = 0; i < prev->nv; i++) {
		if (rpath_split(prev->v[i].path, &rp) != 0 ||
		    (f = rpath_field(form, &rp, &g)) == NULL)
			continue;
		if (f->carry || (g != NULL && g->carry))
			record_set(r, prev->v[i].path, prev->v[i].text);
	}
	return r;
}
