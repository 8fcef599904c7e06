/*
 * record-index.c — the index entries a record yields, for the store to keep
 * in idx:FORM:FIELD and uniq:FORM:FIELD: one per value of an `index` or
 * `unique` field (member numbers dropped from the name, one per code of a
 * multichoice), the last four characters of every ID and phone number,
 * indexed or not ("members.id_card#4"), and the meta entries _hid, _state
 * and _grid.
 * Values are norm_key()'d; one longer than IKEY_MAX bytes is cut and ends
 * in a hash of the whole (record_index_value), so two long values that
 * share their first bytes stay apart for `unique`.  The list is sorted by
 * (field, value) without duplicates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record-int.h"

/* FNV-1a, 64 bits: tells apart long values that share their first bytes. */
static uint64_t
ikey_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *
record_index_value(const char *raw)
{
	char *v = norm_key(raw);
	size_t n = strlen(v);
	uint64_t h;

	if (n <= IKEY_MAX)
		return v;
	h = ikey_hash(v);
	n = IKEY_MAX - 17;
	while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
		n--;
	snprintf(v + n, 18, "~%016llx", (unsigned long long)h);
	return v;
}

static void
ikeys_add(struct ikeys *k, const char *field, const char *raw, bool unique)
{
	char *v = record_index_value(raw);

	if (*v == '\0') {
		free(v);
		return;
	}
	if (k->n == k->cap) {
		k->cap = k->cap == 0 ? 16 : k->cap * 2;
		k->v = xreallocarray(k->v, k->cap, sizeof *k->v);
	}
	k->v[k->n].field = xstrdup(field);
	k->v[k->n].value = v;
	k->v[k->n].unique = unique;
	k->n++;
}

static int
ikey_cmp(const void *a, const void *b)
{
	const struct ikey *x = a, *y = b;
	int c = strcmp(x->field, y->field);

	return c != 0 ? c : strcmp(x->value, y->value);
}

/* The entries of one value of field f, named `name`. */
static void
ikeys_value(struct ikeys *k, const struct field *f, const char *name,
    const char *text)
{
	char *copy, *item, *save = NULL, *last4;
	size_t len;

	if ((f->index || f->unique) && f->type->kind == FK_MULTICHOICE) {
		copy = xstrdup(text);
		for (item = strtok_r(copy, ",", &save); item != NULL;
		    item = strtok_r(NULL, ",", &save))
			ikeys_add(k, name, item, f->unique);
		free(copy);
	} else if (f->index || f->unique)
		ikeys_add(k, name, text, f->unique);
	if ((f->type->flags & FT_LAST4) && (len = strlen(text)) >= 4) {
		last4 = xasprintf("%s#4", name);
		ikeys_add(k, last4, text + len - 4, false);
		free(last4);
	}
}

void
record_index_keys(const struct form *form, const struct record *r,
    struct ikeys *k)
{
	const struct field *f, *g;
	struct rpath rp;
	size_t i, j;
	char *name;

	for (i = 0; i < r->nv; i++) {
		if (rpath_split(r->v[i].path, &rp) != 0 ||
		    (f = rpath_field(form, &rp, &g)) == NULL ||
		    f->type == NULL || (f->type->flags & FT_NOVALUE) ||
		    !(f->index || f->unique || (f->type->flags & FT_LAST4)))
			continue;
		if (g != NULL) {
			name = xasprintf("%s.%s", g->name, f->name);
			ikeys_value(k, f, name, r->v[i].text);
			free(name);
		} else
			ikeys_value(k, f, f->name, r->v[i].text);
	}
	if (r->hid != NULL)
		ikeys_add(k, "_hid", r->hid, true);
	if (r->state != NULL)
		ikeys_add(k, "_state", r->state, false);
	if (r->grid != NULL)
		ikeys_add(k, "_grid", r->grid, false);
	if (k->n < 2)
		return;
	qsort(k->v, k->n, sizeof *k->v, ikey_cmp);
	for (i = 1, j = 0; i < k->n; i++) {
		if (ikey_cmp(&k->v[j], &k->v[i]) == 0) {
			k->v[j].unique = k->v[j].unique || k->v[i].unique;
			free(k->v[i].field);
			free(k->v[i].value);
		} else
			k->v[++j] = k->v[i];
	}
	k->n = j + 1;
}

void
ikeys_free(struct ikeys *k)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		free(k->v[i].field);
		free(k->v[i].value);
	}
	free(k->v);
	k->v = NULL;
	k->n = k->cap = 0;
}
