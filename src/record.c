/*
 * record.c — the value model of a record: canonical texts kept flat by path
 * ("address", "members.2.name"), sorted by record_path_cmp() so lookups are
 * binary searches and two records diff by a merge; group members counted,
 * removed and moved with the paths renumbered.  Also the path helpers of
 * record-int.h.
 */
#include <stdlib.h>
#include <string.h>

#include "record-int.h"

static bool
record_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Compare two path segments of lengths la, lb: numbers as numbers, and
 * before any other segment, so the order is total whatever the paths. */
static int
record_seg_cmp(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i;
	bool na = la > 0, nb = lb > 0;
	int c;

	for (i = 0; i < la && na; i++)
		na = record_is_digit((unsigned char)a[i]);
	for (i = 0; i < lb && nb; i++)
		nb = record_is_digit((unsigned char)b[i]);
	if (na && nb) {
		while (la > 1 && *a == '0') {
			a++;
			la--;
		}
		while (lb > 1 && *b == '0') {
			b++;
			lb--;
		}
		if (la != lb)
			return la < lb ? -1 : 1;
		c = memcmp(a, b, la);
		return c < 0 ? -1 : c > 0;
	}
	if (na != nb)
		return na ? -1 : 1;
	c = memcmp(a, b, la < lb ? la : lb);
	if (c != 0)
		return c < 0 ? -1 : 1;
	return la < lb ? -1 : la > lb;
}

int
record_path_cmp(const char *a, const char *b)
{
	size_t la, lb;
	int c;

	for (;;) {
		la = strcspn(a, ".");
		lb = strcspn(b, ".");
		c = record_seg_cmp(a, la, b, lb);
		if (c != 0)
			return c;
		a += la;
		b += lb;
		if (*a == '\0' || *b == '\0')
			return *a == '\0' ? (*b == '\0' ? 0 : -1) : 1;
		a++;
		b++;
	}
}

static bool
rpath_name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 32 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || record_is_digit(s[i]) ||
		    s[i] == '_'))
			return false;
	return true;
}

int
rpath_split(const char *path, struct rpath *rp)
{
	const char *dot, *num, *dot2;
	unsigned long n = 0;

	dot = strchr(path, '.');
	if (dot == NULL) {
		if (!rpath_name_ok(path, strlen(path)))
			return -1;
		rp->group = NULL;
		rp->glen = 0;
		rp->n = 0;
		rp->name = path;
		return 0;
	}
	if (!rpath_name_ok(path, (size_t)(dot - path)))
		return -1;
	num = dot + 1;
	dot2 = strchr(num, '.');
	if (dot2 == NULL || dot2 == num || *num == '0' || dot2 - num > 5)
		return -1;
	for (; num < dot2; num++) {
		if (!record_is_digit((unsigned char)*num))
			return -1;
		n = n * 10 + (unsigned long)(*num - '0');
	}
	if (n > RECORD_MEMBER_MAX || !rpath_name_ok(dot2 + 1, strlen(dot2 + 1)))
		return -1;
	rp->group = path;
	rp->glen = (size_t)(dot - path);
	rp->n = (unsigned)n;
	rp->name = dot2 + 1;
	return 0;
}

static const struct field *
record_find_field(const struct field *v, size_t n, const char *name,
    size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].name != NULL && strlen(v[i].name) == len &&
		    memcmp(v[i].name, name, len) == 0)
			return &v[i];
	return NULL;
}

const struct field *
rpath_field(const struct form *form, const struct rpath *rp,
    const struct field **group)
{
	const struct field *g;

	*group = NULL;
	if (rp->group == NULL)
		return record_find_field(form->fields, form->nfields, rp->name,
		    strlen(rp->name));
	g = record_find_field(form->fields, form->nfields, rp->group,
	    rp->glen);
	if (g == NULL || g->type == NULL || g->type->kind != FK_GROUP)
		return NULL;
	*group = g;
	return record_find_field(g->fields, g->nfields, rp->name,
	    strlen(rp->name));
}

int
record_field_in_group(const struct field *g, const struct field *f)
{
	size_t i;

	if (g == NULL || f == NULL)
		return 0;
	for (i = 0; i < g->nfields; i++)
		if (&g->fields[i] == f)
			return 1;
	return 0;
}

struct record *
record_new(void)
{
	return xcalloc(1, sizeof(struct record));
}

static char *
record_strdup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

struct record *
record_dup(const struct record *r)
{
	struct record *d = record_new();
	size_t i;

	d->id = r->id;
	d->hid = record_strdup(r->hid);
	d->rev = r->rev;
	d->state = record_strdup(r->state);
	d->grid = record_strdup(r->grid);
	d->created = r->created;
	d->updated = r->updated;
	d->cuser = record_strdup(r->cuser);
	d->uuser = record_strdup(r->uuser);
	if (r->nv > 0) {
		d->v = xreallocarray(NULL, r->nv, sizeof *d->v);
		d->cap = r->nv;
		for (i = 0; i < r->nv; i++) {
			d->v[i].path = xstrdup(r->v[i].path);
			d->v[i].text = xstrdup(r->v[i].text);
		}
		d->nv = r->nv;
	}
	return d;
}

void
record_free(struct record *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nv; i++) {
		free(r->v[i].path);
		free(r->v[i].text);
	}
	free(r->v);
	free(r->hid);
	free(r->state);
	free(r->grid);
	free(r->cuser);
	free(r->uuser);
	free(r);
}

/* The index of path in r->v, or -(insertion point) - 1. */
static long
record_find(const struct record *r, const char *path)
{
	size_t lo = 0, hi = r->nv, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = record_path_cmp(r->v[mid].path, path);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -(long)lo - 1;
}

const char *
record_get(const struct record *r, const char *path)
{
	long i = record_find(r, path);

	return i >= 0 ? r->v[i].text : NULL;
}

void
record_set(struct record *r, const char *path, const char *text)
{
	long i = record_find(r, path);
	size_t at;

	if (text == NULL || *text == '\0') {
		if (i < 0)
			return;
		at = (size_t)i;
		free(r->v[at].path);
		free(r->v[at].text);
		memmove(&r->v[at], &r->v[at + 1],
		    (r->nv - at - 1) * sizeof *r->v);
		r->nv--;
		return;
	}
	if (i >= 0) {
		char *t = xstrdup(text);

		free(r->v[i].text);
		r->v[i].text = t;
		return;
	}
	at = (size_t)(-i - 1);
	if (r->nv == r->cap) {
		r->cap = r->cap == 0 ? 16 : r->cap * 2;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	memmove(&r->v[at + 1], &r->v[at], (r->nv - at) * sizeof *r->v);
	r->v[at].path = xstrdup(path);
	r->v[at].text = xstrdup(text);
	r->nv++;
}

void
record_set_meta(char **slot, const char *text)
{
	char *t = text != NULL && *text != '\0' ? xstrdup(text) : NULL;

	free(*slot);
	*slot = t;
}

/* The member number of path in group (glen bytes), or 0 if not a member. */
static unsigned
record_member_of(const char *path, const char *group, size_t glen)
{
	struct rpath rp;

	if (strncmp(path, group, glen) != 0 || path[glen] != '.')
		return 0;
	if (rpath_split(path, &rp) != 0 || rp.group == NULL)
		return 0;
	return rp.n;
}

unsigned
record_group_count(const struct record *r, const char *group)
{
	size_t i, glen = strlen(group);
	unsigned n, max = 0;

	for (i = 0; i < r->nv; i++) {
		n = record_member_of(r->v[i].path, group, glen);
		if (n > max)
			max = n;
	}
	return max;
}

static int
record_value_cmp(const void *a, const void *b)
{
	const struct value *va = a, *vb = b;

	return record_path_cmp(va->path, vb->path);
}

/* Renumber member values of group by map(n); map returns 0 to drop one. */
static void
record_renumber(struct record *r, const char *group,
    unsigned (*map)(unsigned, unsigned, unsigned), unsigned x, unsigned y)
{
	size_t i, j, glen = strlen(group);
	unsigned n, to;
	struct rpath rp;
	char *p;

	for (i = j = 0; i < r->nv; i++) {
		n = record_member_of(r->v[i].path, group, glen);
		if (n != 0) {
			to = map(n, x, y);
			if (to == 0) {
				free(r->v[i].path);
				free(r->v[i].text);
				continue;
			}
			if (to != n) {
				rpath_split(r->v[i].path, &rp);
				p = xasprintf("%s.%u.%s", group, to, rp.name);
				free(r->v[i].path);
				r->v[i].path = p;
			}
		}
		r->v[j++] = r->v[i];
	}
	r->nv = j;
	if (r->nv < 2)
		return;
	qsort(r->v, r->nv, sizeof *r->v, record_value_cmp);
	/* A path that only looked like a member ("m.01.x") may now equal a
	 * renumbered one; keep one of them so paths stay unique. */
	for (i = 1, j = 0; i < r->nv; i++) {
		if (record_path_cmp(r->v[j].path, r->v[i].path) == 0) {
			free(r->v[i].path);
			free(r->v[i].text);
		} else
			r->v[++j] = r->v[i];
	}
	r->nv = j + 1;
}

static unsigned
record_map_remove(unsigned n, unsigned gone, unsigned unused)
{
	if (n == gone)
		return 0;
	return n > gone ? n - 1 : n;
}

static unsigned
record_map_move(unsigned n, unsigned from, unsigned to)
{
	if (n == from)
		return to;
	if (from < to && n > from && n <= to)
		return n - 1;
	if (from > to && n >= to && n < from)
		return n + 1;
	return n;
}

void
record_group_remove(struct record *r, const char *group, unsigned n)
{
	if (n == 0)
		return;
	record_renumber(r, group, record_map_remove, n, 0);
}

void
record_group_move(struct record *r, const char *group, unsigned from,
    unsigned to)
{
	unsigned count = record_group_count(r, group);

	if (from == 0 || to == 0 || from == to)
		return;
	if (to > count)
		to = count;
	if (from > count || from == to)
		return;
	record_renumber(r, group, record_map_move, from, to);
}
