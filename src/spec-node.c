/*
 * spec-node.c — reading typed values out of the YAML node tree, each with a
 * positioned message when the value is of the wrong kind: strings, bools,
 * integers, labels, lists of names, and the unknown-key check with its
 * "did you mean" hint.  Also the small helpers the other spec files share.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "spec-int.h"

/* Messages beyond this many per file are not even collected. */
#define YERR_HARD_CAP	20000

static void
yerr_v(struct yctx *y, struct mark m, const char *fmt, va_list ap)
{
	char *msg;

	if (y->d->n - y->start >= YERR_HARD_CAP)
		return;
	msg = xvasprintf(fmt, ap);
	diags_add(y->d, y->file, m.line, m.col, "%s", msg);
	free(msg);
}

void
yerr(struct yctx *y, const struct ynode *n, const char *fmt, ...)
{
	struct mark none = { 0, 0 };
	va_list ap;

	va_start(ap, fmt);
	yerr_v(y, n != NULL ? n->mark : none, fmt, ap);
	va_end(ap);
}

void
yerr_at(struct yctx *y, struct mark m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yerr_v(y, m, fmt, ap);
	va_end(ap);
}

bool
ynode_null(const struct ynode *n)
{
	if (n == NULL)
		return true;
	if (n->kind != YN_SCALAR || !n->plain)
		return false;
	return n->s[0] == '\0' || strcmp(n->s, "~") == 0 ||
	    strcmp(n->s, "null") == 0 || strcmp(n->s, "Null") == 0 ||
	    strcmp(n->s, "NULL") == 0;
}

const char *
ynode_what(const struct ynode *n)
{
	if (ynode_null(n))
		return "nothing";
	switch (n->kind) {
	case YN_MAP:
		return "a mapping";
	case YN_SEQ:
		return "a list";
	default:
		return "a value";
	}
}

struct ynode *
ymap_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != YN_MAP)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->v[i]->s, key) == 0)
			return map->v[i + 1];
	return NULL;
}

char *
names_join(const char *const *v, size_t n, size_t max)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < n && i < max; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, v[i]);
	}
	if (n > max)
		buf_adds(&b, ", ...");
	return buf_steal(&b);
}

int
ymap_check_keys(struct yctx *y, const struct ynode *map,
    const char *const *keys, size_t nkeys, const char *where)
{
	const char *sug;
	char *all;
	size_t i, j;
	int bad = 0;

	if (map == NULL || map->kind != YN_MAP)
		return 0;
	for (i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *k = map->v[i];

		for (j = 0; j < nkeys; j++)
			if (strcmp(k->s, keys[j]) == 0)
				break;
		if (j < nkeys)
			continue;
		bad++;
		sug = str_suggest(k->s, keys, nkeys);
		if (sug != NULL) {
			yerr(y, k, "unknown key '%s' in %s; did you mean "
			    "'%s'?", k->s, where, sug);
			continue;
		}
		all = names_join(keys, nkeys, nkeys);
		yerr(y, k, "unknown key '%s' in %s; valid keys: %s", k->s,
		    where, all);
		free(all);
	}
	return bad;
}

int
ynode_expect(struct yctx *y, const struct ynode *n, enum ynode_kind kind,
    const char *what)
{
	static const char *const kinds[] = { "a value", "a list",
	    "a mapping" };

	if (n != NULL && n->kind == kind && !(kind == YN_SCALAR &&
	    ynode_null(n)))
		return 0;
	if (ynode_null(n))
		yerr(y, n, "%s is empty; it needs %s", what, kinds[kind]);
	else
		yerr(y, n, "%s must be %s, not %s", what, kinds[kind],
		    ynode_what(n));
	return -1;
}

int
ynode_str(struct yctx *y, const struct ynode *n, const char *what,
    char **out)
{
	*out = NULL;
	if (ynode_expect(y, n, YN_SCALAR, what) != 0)
		return -1;
	*out = xstrdup(n->s);
	return 0;
}

int
ynode_bool(struct yctx *y, const struct ynode *n, const char *what,
    bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "y" };
	static const char *const no[] = { "false", "no", "off", "n" };
	size_t i;

	if (n != NULL && n->kind == YN_SCALAR) {
		for (i = 0; i < nitems(yes); i++) {
			if (strcasecmp(n->s, yes[i]) == 0) {
				*out = true;
				return 0;
			}
			if (strcasecmp(n->s, no[i]) == 0) {
				*out = false;
				return 0;
			}
		}
		yerr(y, n, "%s must be true or false, not '%s'", what, n->s);
		return -1;
	}
	yerr(y, n, "%s must be true or false, not %s", what, ynode_what(n));
	return -1;
}

int
ynode_long(struct yctx *y, const struct ynode *n, const char *what,
    long min, long max, long *out)
{
	char *end;
	long v;

	if (ynode_expect(y, n, YN_SCALAR, what) != 0)
		return -1;
	errno = 0;
	v = strtol(n->s, &end, 10);
	if (n->s[0] == '\0' || *end != '\0' || errno == ERANGE ||
	    n->s[0] == ' ' || n->s[0] == '+') {
		yerr(y, n, "%s must be a whole number, not '%s'", what, n->s);
		return -1;
	}
	if (v < min || v > max) {
		if (max == LONG_MAX)
			yerr(y, n, "%s must be at least %ld, not %ld", what,
			    min, v);
		else
			yerr(y, n, "%s must be from %ld to %ld, not %ld",
			    what, min, max, v);
		return -1;
	}
	*out = v;
	return 0;
}

void
label_set(struct label *l, const char *zh, const char *en)
{
	l->zh = xstrdup(zh);
	l->en = xstrdup(en != NULL ? en : zh);
}

void
label_free(struct label *l)
{
	free(l->zh);
	free(l->en);
	l->zh = l->en = NULL;
}

int
ynode_label(struct yctx *y, const struct ynode *n, const char *what,
    bool allow_empty, struct label *out)
{
	static const char *const keys[] = { "zh", "en" };
	const struct ynode *zh, *en;
	char *where;
	int rc = 0;

	label_set(out, "", "");
	if (n != NULL && n->kind == YN_SCALAR && !ynode_null(n)) {
		label_free(out);
		label_set(out, n->s, n->s);
		return 0;
	}
	if (n == NULL || n->kind != YN_MAP) {
		if (allow_empty && ynode_null(n))
			return 0;
		yerr(y, n, "%s must be text or {zh: ..., en: ...}, not %s",
		    what, ynode_what(n));
		return -1;
	}
	where = xasprintf("%s", what);
	if (ymap_check_keys(y, n, keys, nitems(keys), where) != 0)
		rc = -1;
	free(where);
	zh = ymap_get(n, "zh");
	en = ymap_get(n, "en");
	if (zh == NULL) {
		yerr(y, n, "%s needs 'zh' (the Chinese text)", what);
		return -1;
	}
	if (zh->kind != YN_SCALAR || (!allow_empty && ynode_null(zh))) {
		yerr(y, zh, "the 'zh' of %s must be text, not %s", what,
		    ynode_what(zh));
		return -1;
	}
	if (en != NULL && en->kind != YN_SCALAR) {
		yerr(y, en, "the 'en' of %s must be text, not %s", what,
		    ynode_what(en));
		return -1;
	}
	label_free(out);
	label_set(out, ynode_null(zh) ? "" : zh->s,
	    en == NULL || ynode_null(en) ? NULL : en->s);
	return rc;
}

void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
ynode_strv(struct yctx *y, const struct ynode *n, const char *what,
    char ***out, size_t *count)
{
	size_t i;
	int rc = 0;

	*out = NULL;
	*count = 0;
	if (n != NULL && n->kind == YN_SCALAR && !ynode_null(n)) {
		*out = xcalloc(1, sizeof **out);
		(*out)[0] = xstrdup(n->s);
		*count = 1;
		return 0;
	}
	if (n == NULL || n->kind != YN_SEQ) {
		yerr(y, n, "%s must be a name or a list of names, not %s",
		    what, ynode_what(n));
		return -1;
	}
	*out = xcalloc(n->n + 1, sizeof **out);
	for (i = 0; i < n->n; i++) {
		if (n->v[i]->kind != YN_SCALAR || ynode_null(n->v[i])) {
			yerr(y, n->v[i], "each item of %s must be a name, not "
			    "%s", what, ynode_what(n->v[i]));
			rc = -1;
			continue;
		}
		(*out)[(*count)++] = xstrdup(n->v[i]->s);
	}
	return rc;
}

bool
spec_name_ok(const char *s, size_t maxlen)
{
	size_t i;

	if (s[0] < 'a' || s[0] > 'z')
		return false;
	for (i = 1; s[i] != '\0'; i++) {
		if (i >= maxlen)
			return false;
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	}
	return true;
}

struct dup_at {
	const char	*name;
	size_t		 i;
};

static int
dup_cmp(const void *a, const void *b)
{
	const struct dup_at *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

int
spec_dups(struct yctx *y, const char *const *names, const struct mark *marks,
    size_t n, const char *what)
{
	struct dup_at *t;
	size_t i, first = 0;
	int count = 0;

	if (n < 2)
		return 0;
	t = xcalloc(n, sizeof *t);
	for (i = 0; i < n; i++) {
		t[i].name = names[i] != NULL ? names[i] : "";
		t[i].i = i;
	}
	qsort(t, n, sizeof *t, dup_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(t[i].name, t[i - 1].name) != 0 ||
		    names[t[i].i] == NULL) {
			first = i;
			continue;
		}
		yerr_at(y, marks[t[i].i], "duplicate %s '%s' (first at line "
		    "%u)", what, t[i].name, marks[t[first].i].line);
		count++;
	}
	free(t);
	return count;
}
