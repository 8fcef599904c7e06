/*
 * app-find.c — the list screen and the clerk's search (`gridbook find`).
 *
 * Search works on the index entries alone and decodes only the records of
 * the page it returns, so it costs the same on 70k households as on 70:
 *   1. exact: the normalised text (norm_key) as the whole value of `_hid`
 *      and of every indexed field ("address", "members.name", ...);
 *   2. prefix: the same fields, values starting with the text;
 *   3. last 4: when the text is 4 digits (or 3 digits and x), the
 *      "FIELD#4" entries of ID-number and phone fields;
 *   4. inside: values of the indexed text fields (names, addresses; not
 *      numbers, codes or `_hid`) that contain the text elsewhere ("停车"
 *      finds "小区停车", "12号" "和平路12号"), by scanning those fields'
 *      entries; only reached when the earlier phases did not fill the
 *      page, and it stops when the page is full.  A miss costs a scan of
 *      those entries: ~30 ms for 70k households with 210k residents.
 *      Not for an ID or phone number (7 or more digits, maybe ending in
 *      x): those are found whole by phases 1-2 and never sit inside a
 *      name or an address, and the scan made a full ID search ~60 ms at
 *      county size and ~200 ms at ten times that instead of ~1 ms.
 * Ids are de-duplicated keeping the first-seen order, so a record found
 * exactly is never repeated among the prefix hits.  Hits stop as soon as
 * offset + limit + 1 visible ids are known (the +1 sets `more`).
 *
 * Access: for a leader on a `scope: grid` form, the ids of their grids are
 * first collected from the `_grid` index entries (a few hundred per grid),
 * and other ids are skipped without being decoded; the decoded page is
 * checked again with app_can_see in case an index entry is stale.
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"

void
app_page_free(struct app_page *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		record_free(p->v[i]);
	free(p->v);
	memset(p, 0, sizeof *p);
}

struct find_ctx {
	struct session		*s;
	const struct form	*f;
	bool			 scoped;
	struct u64map		 grid;		/* ids visible to a leader */
	struct u64map		 seen;
	size_t			 offset;
	size_t			 limit;
	size_t			 visible;	/* hits counted so far */
	uint64_t		*ids;		/* this page's ids */
	size_t			 nids;
	bool			 more;
	const char		*inside;	/* phase 4 text */
};

/* Take id as the next hit; 1 when the page is complete. */
static int
find_hit(struct find_ctx *c, uint64_t id)
{
	uint64_t *seen;

	if (c->scoped && !u64map_has(&c->grid, id))
		return 0;
	seen = u64map_slot(&c->seen, id);
	if (*seen != 0)
		return 0;
	*seen = 1;
	if (c->visible++ < c->offset)
		return 0;
	if (c->nids == c->limit) {
		c->more = true;
		return 1;
	}
	c->ids[c->nids++] = id;
	return 0;
}

static int
find_idx_fn(void *ctx, struct store_val key, uint64_t id)
{
	(void)key;
	return find_hit(ctx, id);
}

/* Phase 4: the value (after field "\0") contains the text. */
static int
find_inside_fn(void *ctx, struct store_val key, uint64_t id)
{
	struct find_ctx *c = ctx;
	const char *k = key.data, *nul = memchr(k, '\0', key.size);

	if (nul == NULL || c->inside == NULL ||
	    memmem(nul + 1, key.size - (size_t)(nul + 1 - k), c->inside,
	    strlen(c->inside)) == NULL)
		return 0;
	return find_hit(c, id);
}

/* Decode the page's records. */
static int
find_page(struct store_txn *t, struct find_ctx *c, struct app_page *p)
{
	struct record *r;
	char err[128];
	size_t i;
	int rc;

	p->v = xcalloc(c->nids + 1, sizeof *p->v);
	p->n = 0;
	p->more = c->more;
	for (i = 0; i < c->nids; i++) {
		rc = app_load(t, c->f, c->ids[i], &r, err, sizeof err);
		if (rc == GB_ENOTFOUND || rc == GB_EFORMAT)
			continue;	/* a stale entry: `check` reports it */
		if (rc != 0)
			return rc;
		if (!app_can_see(c->s, c->f, r)) {
			record_free(r);
			continue;
		}
		p->v[p->n++] = r;
	}
	return 0;
}

static int
find_begin(struct session *s, const struct form *f, size_t offset,
    size_t limit, struct find_ctx *c, struct store_txn **t)
{
	int rc;

	memset(c, 0, sizeof *c);
	c->s = s;
	c->f = f;
	c->offset = offset;
	c->limit = limit;
	c->ids = xcalloc(limit + 1, sizeof *c->ids);
	if ((rc = store_read(s->st, t)) != 0) {
		app_seterr(s, "%s", store_errmsg());
		return rc;
	}
	if ((c->scoped = app_scoped(s, f)) &&
	    (rc = app_grid_ids(*t, s, f, &c->grid)) != 0) {
		app_seterr(s, "%s: %s", f->name, store_errmsg());
		store_txn_end(*t);
		*t = NULL;
	}
	return rc;
}

static int
find_end(struct find_ctx *c, struct store_txn *t, int rc,
    struct app_page *p)
{
	if (rc == 0)
		rc = find_page(t, c, p);
	if (rc != 0) {
		app_page_free(p);
		app_seterr(c->s, "%s: %s", c->f->name, store_errmsg());
	}
	if (t != NULL)
		store_txn_end(t);
	u64map_free(&c->grid);
	u64map_free(&c->seen);
	free(c->ids);
	return rc;
}

static int
list_rec_fn(void *ctx, uint64_t id, struct store_val v)
{
	(void)v;
	return find_hit(ctx, id);
}

int
app_list(struct session *s, const struct form *f, size_t offset,
    size_t limit, struct app_page *p)
{
	struct find_ctx c;
	struct store_txn *t = NULL;
	int rc;

	memset(p, 0, sizeof *p);
	app_clearerr(s);
	if (f == NULL) {
		app_seterr(s, "no form given");
		return GB_EINVAL;
	}
	if ((rc = find_begin(s, f, offset, limit, &c, &t)) == 0) {
		rc = store_rec_scan(t, f->name, true, 0, list_rec_fn, &c);
		if (rc == 1 || rc == GB_ENOTFOUND)
			rc = 0;
	}
	return find_end(&c, t, rc, p);
}

/* The index field names searched: "_hid", then every indexed field in form
 * order; last4 gets the "#4" names of ID-number and phone fields, inside
 * the indexed text fields (names, addresses: not numbers or codes). */
static void
find_fields(const struct form *f, char ***names, size_t *n, char ***last4,
    size_t *n4, char ***inside, size_t *ni)
{
	const struct field *fd, *m;
	size_t i, j;
	char *name;

	*names = xcalloc(1, sizeof **names);
	(*names)[0] = xstrdup("_hid");
	*n = 1;
	*last4 = *inside = NULL;
	*n4 = *ni = 0;
	for (i = 0; i < f->nfields; i++) {
		fd = &f->fields[i];
		for (j = 0; j < (fd->nfields > 0 ? fd->nfields : 1); j++) {
			m = fd->nfields > 0 ? &fd->fields[j] : fd;
			if (m->type == NULL || m->type->kind == FK_GROUP)
				continue;
			name = m == fd ? xstrdup(fd->name) :
			    xasprintf("%s.%s", fd->name, m->name);
			if (m->index || m->unique) {
				*names = xreallocarray(*names, *n + 1,
				    sizeof **names);
				(*names)[(*n)++] = xstrdup(name);
				if (m->type->kind == FK_TEXT ||
				    m->type->kind == FK_TEXTAREA) {
					*inside = xreallocarray(*inside,
					    *ni + 1, sizeof **inside);
					(*inside)[(*ni)++] = xstrdup(name);
				}
			}
			if (m->type->flags & FT_LAST4) {
				*last4 = xreallocarray(*last4, *n4 + 1,
				    sizeof **last4);
				(*last4)[(*n4)++] = xasprintf("%s#4", name);
			}
			free(name);
		}
	}
}

static void
find_fields_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* An ID or phone number as typed: 7 or more digits, an x last allowed. */
static bool
find_is_number(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 7)
		return false;
	for (i = 0; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && !(i == n - 1 && s[i] == 'x'))
			return false;
	return true;
}

static bool
find_is_last4(const char *s)
{
	return strlen(s) == 4 && strspn(s, "0123456789") >= 3 &&
	    (strspn(s, "0123456789") == 4 || s[3] == 'x');
}

int
app_find(struct session *s, const struct form *f, const char *text,
    size_t offset, size_t limit, struct app_page *p)
{
	struct find_ctx c;
	struct store_txn *t = NULL;
	struct buf key = BUF_INIT;
	char **names, **last4, **inside, *norm;
	size_t n, n4, ni, ni_scan, i;
	int rc, phase;

	memset(p, 0, sizeof *p);
	app_clearerr(s);
	if (f == NULL) {
		app_seterr(s, "no form given");
		return GB_EINVAL;
	}
	norm = norm_key(text != NULL ? text : "");
	if (*norm == '\0') {
		free(norm);
		return app_list(s, f, offset, limit, p);
	}
	if ((rc = find_begin(s, f, offset, limit, &c, &t)) != 0) {
		free(norm);
		return find_end(&c, t, rc, p);
	}
	find_fields(f, &names, &n, &last4, &n4, &inside, &ni);
	for (phase = 0; phase < 3 && rc == 0; phase++) {
		if (phase == 2 && !find_is_last4(norm))
			continue;
		for (i = 0; i < (phase == 2 ? n4 : n) && rc == 0; i++) {
			app_key(s->st, &key, phase == 2 ? last4[i] : names[i],
			    norm);
			rc = store_idx_scan(t, f->name, key.p, key.len,
			    phase != 1, find_idx_fn, &c);
			if (rc == GB_ENOTFOUND)
				rc = 0;
		}
	}
	c.inside = norm;
	ni_scan = ni;
	if (find_is_number(norm))
		ni_scan = 0;
	for (i = 0; i < ni_scan && rc == 0; i++) {
		app_key(s->st, &key, inside[i], "");
		rc = store_idx_scan(t, f->name, key.p, key.len, false,
		    find_inside_fn, &c);
		if (rc == GB_ENOTFOUND)
			rc = 0;
	}
	if (rc == 1)
		rc = 0;
	buf_free(&key);
	free(norm);
	find_fields_free(names, n);
	find_fields_free(last4, n4);
	find_fields_free(inside, ni);
	return find_end(&c, t, rc, p);
}
