/*
 * app-audit.c — the audit trail: one entry per change, written in the same
 * transaction as the change (app-record.c calls app_audit_append), read back
 * for `gridbook audit` and the screens, and for naming what changed since a
 * conflicting save's read.
 *
 * An entry's bytes (the store key gives its time, µs, and order):
 *
 *   "GBA"  format(uvarint, 1)
 *   user   form   (each: uvarint length + UTF-8 bytes)
 *   id     (uvarint; 0 for a form-level action such as an export)
 *   hid    action grid (strings as above; "" when none)
 *   rev    (uvarint: the record's rev after the change; for a delete the
 *           rev it had)
 *   count  (uvarint), then count x (path, old, new): path a string; old and
 *          new as uvarint 0 for empty, else length+1 then the bytes.
 *
 * A create lists every value (old empty), a delete every value (new
 * empty); paths are those of record_diff ("members.2.name", "_state",
 * "_grid").  The grid is stored so a leader's view of the trail still works
 * for deleted records.  Decoding checks every length, UTF-8, and refuses a
 * newer format.
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"

#define AUDIT_FORMAT 1

static void
audit_put_str(struct buf *b, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	put_uvarint(b, n);
	buf_add(b, s != NULL ? s : "", n);
}

static void
audit_put_opt(struct buf *b, const char *s)
{
	if (s == NULL) {
		put_uvarint(b, 0);
		return;
	}
	put_uvarint(b, (uint64_t)strlen(s) + 1);
	buf_adds(b, s);
}

void
audit_encode(const struct audit_entry *e, struct buf *b)
{
	size_t i;

	buf_add(b, "GBA", 3);
	put_uvarint(b, AUDIT_FORMAT);
	audit_put_str(b, e->user);
	audit_put_str(b, e->form);
	put_uvarint(b, e->id);
	audit_put_str(b, e->hid);
	audit_put_str(b, e->action);
	audit_put_str(b, e->grid);
	put_uvarint(b, e->rev);
	put_uvarint(b, e->changes.n);
	for (i = 0; i < e->changes.n; i++) {
		audit_put_str(b, e->changes.v[i].path);
		audit_put_opt(b, e->changes.v[i].old);
		audit_put_opt(b, e->changes.v[i].new);
	}
}

struct audit_rd {
	const unsigned char	*p;
	size_t			 n;
	char			*err;
	size_t			 errlen;
};

static int
audit_get_num(struct audit_rd *r, uint64_t *v, const char *what)
{
	size_t k = get_uvarint(r->p, r->n, v);

	if (k == 0) {
		snprintf(r->err, r->errlen, "audit entry: bad %s at %zu bytes "
		    "from the end", what, r->n);
		return -1;
	}
	r->p += k;
	r->n -= k;
	return 0;
}

/* opt: 0 means NULL, else length+1. */
static int
audit_get_str(struct audit_rd *r, char **out, bool opt, const char *what)
{
	uint64_t len;

	*out = NULL;
	if (audit_get_num(r, &len, what) != 0)
		return -1;
	if (opt) {
		if (len == 0)
			return 0;
		len--;
	}
	if (len > r->n) {
		snprintf(r->err, r->errlen, "audit entry: %s of %llu bytes "
		    "runs past the end", what, (unsigned long long)len);
		return -1;
	}
	if (!utf8_valid((const char *)r->p, len, NULL) ||
	    memchr(r->p, '\0', len) != NULL) {
		snprintf(r->err, r->errlen, "audit entry: %s is not valid "
		    "UTF-8 text", what);
		return -1;
	}
	*out = xstrndup((const char *)r->p, len);
	r->p += len;
	r->n -= len;
	return 0;
}

void
audit_entry_free(struct audit_entry *e)
{
	free(e->user);
	free(e->form);
	free(e->hid);
	free(e->action);
	free(e->grid);
	changes_free(&e->changes);
	memset(e, 0, sizeof *e);
}

static void
audit_change_add(struct changes *c, char *path, char *old, char *new)
{
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 8 : c->cap * 2;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n].path = path;
	c->v[c->n].old = old;
	c->v[c->n].new = new;
	c->n++;
}

int
audit_decode(const void *p, size_t n, struct audit_entry *e, char *err,
    size_t errlen)
{
	struct audit_rd r = { p, n, err, errlen };
	uint64_t fmt, rev, count, i;
	char *path, *old, *new;

	memset(e, 0, sizeof *e);
	if (n < 3 || memcmp(p, "GBA", 3) != 0) {
		snprintf(err, errlen, "not an audit entry (no GBA magic)");
		return GB_EFORMAT;
	}
	r.p += 3;
	r.n -= 3;
	if (audit_get_num(&r, &fmt, "format") != 0)
		goto bad;
	if (fmt > AUDIT_FORMAT || fmt == 0) {
		snprintf(err, errlen, "audit entry of format %llu; this "
		    "program reads format %d", (unsigned long long)fmt,
		    AUDIT_FORMAT);
		return GB_EFORMAT;
	}
	if (audit_get_str(&r, &e->user, false, "user") != 0 ||
	    audit_get_str(&r, &e->form, false, "form") != 0 ||
	    audit_get_num(&r, &e->id, "id") != 0 ||
	    audit_get_str(&r, &e->hid, false, "hid") != 0 ||
	    audit_get_str(&r, &e->action, false, "action") != 0 ||
	    audit_get_str(&r, &e->grid, false, "grid") != 0 ||
	    audit_get_num(&r, &rev, "rev") != 0 ||
	    audit_get_num(&r, &count, "count") != 0)
		goto bad;
	if (rev > UINT32_MAX || count > r.n) {
		snprintf(err, errlen, "audit entry: rev or count out of range");
		goto bad;
	}
	e->rev = (uint32_t)rev;
	for (i = 0; i < count; i++) {
		if (audit_get_str(&r, &path, false, "path") != 0)
			goto bad;
		if (audit_get_str(&r, &old, true, "old value") != 0) {
			free(path);
			goto bad;
		}
		if (audit_get_str(&r, &new, true, "new value") != 0) {
			free(path);
			free(old);
			goto bad;
		}
		audit_change_add(&e->changes, path, old, new);
	}
	if (r.n != 0) {
		snprintf(err, errlen, "audit entry: %zu bytes after the end",
		    r.n);
		goto bad;
	}
	return 0;
bad:
	audit_entry_free(e);
	return GB_EFORMAT;
}

int
app_audit_append(struct store_txn *t, const struct session *s,
    const struct form *f, const struct record *rec, const char *action,
    const struct changes *c)
{
	struct audit_entry e;
	struct buf b = BUF_INIT;
	int rc;

	memset(&e, 0, sizeof e);
	e.user = s->login;
	e.form = f->name;
	e.action = (char *)action;
	if (rec != NULL) {
		e.id = rec->id;
		e.hid = rec->hid;
		e.grid = (char *)app_record_grid(f, rec);
		e.rev = rec->rev;
	}
	if (c != NULL)
		e.changes = *c;
	audit_encode(&e, &b);
	rc = store_audit_add(t, b.p, b.len);
	buf_free(&b);
	return rc;
}

/* The value of path in r, as record_diff names it. */
static const char *
audit_value(const struct record *r, const char *path)
{
	if (strcmp(path, "_state") == 0)
		return r->state;
	if (strcmp(path, "_grid") == 0)
		return r->grid;
	return record_get(r, path);
}

struct audit_since {
	const char	*form;
	uint64_t	 id;
	uint32_t	 since;
	struct changes	*out;
};

static bool
audit_has_path(const struct changes *c, const char *path)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].path, path) == 0)
			return true;
	return false;
}

static int
audit_since_fn(void *ctx, uint64_t time_us, struct store_val v)
{
	struct audit_since *as = ctx;
	struct audit_entry e;
	char err[128];
	size_t i;

	(void)time_us;
	if (audit_decode(v.data, v.size, &e, err, sizeof err) != 0)
		return 0;
	if (e.id == as->id && e.rev > as->since &&
	    strcmp(e.form, as->form) == 0)
		for (i = 0; i < e.changes.n; i++) {
			struct change *c = &e.changes.v[i];

			if (audit_has_path(as->out, c->path))
				continue;
			audit_change_add(as->out, xstrdup(c->path),
			    c->old != NULL ? xstrdup(c->old) : NULL, NULL);
		}
	audit_entry_free(&e);
	return 0;
}

int
app_audit_since(struct store_txn *t, const struct form *f, uint64_t id,
    uint32_t since, int64_t since_time, const struct record *cur,
    struct changes *out)
{
	struct audit_since as = { f->name, id, since, out };
	uint64_t from;
	size_t i, j;
	const char *now;
	int rc;

	/* A minute before the read version's time, against clock steps. */
	from = since_time > 60 ? (uint64_t)(since_time - 60) * 1000000 : 0;
	rc = store_audit_scan(t, from, audit_since_fn, &as);
	if (rc != 0 && rc != GB_ENOTFOUND)
		return rc;
	/* The current value of each; drop those changed back. */
	for (i = j = 0; i < out->n; i++) {
		struct change *c = &out->v[i];

		now = audit_value(cur, c->path);
		if ((now == NULL && c->old == NULL) || (now != NULL &&
		    c->old != NULL && strcmp(now, c->old) == 0)) {
			free(c->path);
			free(c->old);
			continue;
		}
		c->new = now != NULL ? xstrdup(now) : NULL;
		out->v[j++] = *c;
	}
	out->n = j;
	return 0;
}

/*
 * Reading the trail.  Entries are handed to fn outside any transaction, in
 * batches, so fn may call other app functions; the scan resumes after the
 * last time seen.
 */
#define AUDIT_BATCH 256

struct audit_scan {
	struct session	*s;
	const char	*form;
	uint64_t	 id;		/* 0: any, else the stored id */
	char		*nhid;		/* normalised hid wanted, or NULL */
	uint64_t	 num;		/* a numeric id wanted (deleted) */
	uint64_t	 last_us;	/* resume point */
	size_t		 skip;		/* entries at last_us already seen */
	size_t		 at_last;
	struct app_audit *v;
	size_t		 n;
	bool		 full;
	size_t		 matched;
};

static bool
audit_visible(const struct audit_scan *sc, const struct audit_entry *e)
{
	const struct session *s = sc->s;
	const struct form *f;
	size_t i;

	if (s->user->role != ROLE_LEADER)
		return true;
	if (strcmp(e->user, s->login) == 0 && e->id == 0)
		return true;	/* their own exports */
	f = formset_find(s->fs, e->form);
	if (f != NULL && f->scope == SCOPE_COMMUNITY)
		return true;
	for (i = 0; i < s->user->ngrids; i++)
		if (e->grid != NULL && strcmp(e->grid, s->user->grids[i]) == 0)
			return true;
	return false;
}

static bool
audit_match(const struct audit_scan *sc, const struct audit_entry *e)
{
	char *nh;
	bool ok;

	if (sc->form != NULL && strcmp(sc->form, e->form) != 0)
		return false;
	if (sc->id != 0)
		return e->id == sc->id;
	if (sc->nhid == NULL)
		return true;
	if (sc->num != 0 && e->id == sc->num)
		return true;
	nh = norm_key(e->hid != NULL ? e->hid : "");
	ok = strcmp(nh, sc->nhid) == 0;
	free(nh);
	return ok;
}

static int
audit_scan_fn(void *ctx, uint64_t time_us, struct store_val v)
{
	struct audit_scan *sc = ctx;
	struct audit_entry e;
	struct app_audit *a;
	char err[128];

	if (time_us < sc->last_us)
		return 0;
	if (time_us == sc->last_us && sc->skip > 0) {
		sc->skip--;
		return 0;
	}
	if (sc->n == AUDIT_BATCH) {
		sc->full = true;
		return 1;
	}
	if (time_us == sc->last_us)
		sc->at_last++;
	else {
		sc->last_us = time_us;
		sc->at_last = 1;
	}
	if (audit_decode(v.data, v.size, &e, err, sizeof err) != 0)
		return 0;	/* `check` reports it */
	if (!audit_match(sc, &e) || !audit_visible(sc, &e)) {
		audit_entry_free(&e);
		return 0;
	}
	a = &sc->v[sc->n++];
	a->time_us = (int64_t)time_us;
	a->user = e.user;
	a->form = e.form;
	a->id = e.id;
	a->hid = e.hid;
	a->action = e.action;
	a->changes = e.changes;
	free(e.grid);
	return 0;
}

static void
audit_batch_free(struct audit_scan *sc)
{
	size_t i;

	for (i = 0; i < sc->n; i++) {
		free(sc->v[i].user);
		free(sc->v[i].form);
		free(sc->v[i].hid);
		free(sc->v[i].action);
		changes_free(&sc->v[i].changes);
	}
	sc->n = 0;
}

int
app_audit(struct session *s, const char *form, const char *id,
    int (*fn)(void *, const struct app_audit *), void *ctx)
{
	struct audit_scan sc;
	struct store_txn *t;
	const struct form *f = NULL;
	const char *p;
	size_t i;
	int rc = 0, stop = 0;

	app_clearerr(s);
	memset(&sc, 0, sizeof sc);
	sc.s = s;
	sc.form = form;
	if (form != NULL && (f = app_form(s, form)) == NULL)
		return GB_EINVAL;
	if (id != NULL && f == NULL) {
		app_seterr(s, "audit: a record id needs a form");
		return GB_EINVAL;
	}
	if (id != NULL) {
		if ((rc = store_read(s->st, &t)) != 0) {
			app_seterr(s, "%s", store_errmsg());
			return rc;
		}
		rc = app_resolve(t, s->st, f, id, &sc.id);
		store_txn_end(t);
		if (rc != 0 && rc != GB_ENOTFOUND) {
			app_seterr(s, "%s", store_errmsg());
			return rc;
		}
		if (rc == GB_ENOTFOUND) {	/* deleted: by its hid */
			sc.nhid = norm_key(id);
			for (p = sc.nhid; *p >= '0' && *p <= '9'; p++)
				sc.num = sc.num * 10 + (uint64_t)(*p - '0');
			if (*p != '\0' || p - sc.nhid > 18)
				sc.num = 0;
		}
	}
	sc.v = xcalloc(AUDIT_BATCH, sizeof *sc.v);
	do {
		sc.full = false;
		sc.skip = sc.at_last;
		if ((rc = store_read(s->st, &t)) != 0) {
			app_seterr(s, "%s", store_errmsg());
			break;
		}
		rc = store_audit_scan(t, sc.last_us, audit_scan_fn, &sc);
		store_txn_end(t);
		if (rc < 0 && rc != GB_ENOTFOUND) {
			app_seterr(s, "reading the audit trail: %s",
			    store_errmsg());
			break;
		}
		rc = 0;
		for (i = 0; i < sc.n && stop == 0; i++)
			stop = fn(ctx, &sc.v[i]);
		sc.matched += sc.n;
		audit_batch_free(&sc);
	} while (sc.full && stop == 0);
	free(sc.v);
	if (rc == 0 && id != NULL && sc.matched == 0) {
		app_seterr(s, "no %s %s in the audit trail", form, id);
		rc = GB_ENOTFOUND;
	}
	free(sc.nhid);
	return rc;
}
