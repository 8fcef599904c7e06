/*
 * app-check.c — `gridbook check`, `gridbook reindex` and `gridbook backup`.
 *
 * check reads one snapshot and reports, one line each:
 *   - a form with records but no loaded spec;
 *   - a record that does not decode, or is stored under another id;
 *   - a record that does not validate against the current spec
 *     ("household HH-000012: members.1.id_card: ..."), a field whose type
 *     changed included;
 *   - index entries of a field the form no longer indexes (one line per
 *     field: reindex drops them);
 *   - an index or unique entry the record should have and does not, and an
 *     entry pointing at a record that is missing or does not hold the value
 *     (entries are compared as 64-bit hashes of key and id: two scans of the
 *     index and one of the records, without decoding any record twice);
 *   - a sequence behind a human id in use: the number that the form's
 *     `{seq}` matched in the human id (and its year for `{year}`/`{yy}`
 *     patterns) must not be above the counter; human ids that no longer
 *     match a changed pattern are not checked;
 *   - an audit trail that is not complete: each record must have exactly
 *     `rev` entries, the first a create;
 *   - an audit entry that does not decode.
 * Values of a field the spec no longer has are not problems (removing a
 * field needs no rewrite): one note per field says how many records keep
 * them.  Leaders may not run it (it names records of every grid).  reindex and
 * backup are for admins.
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"

struct chk {
	struct session		*s;
	FILE			*out;
	long			 problems;
	struct store_txn	*t;
};

static void
chk_say(struct chk *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
chk_say(struct chk *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(c->out, fmt, ap);
	va_end(ap);
	fputc('\n', c->out);
	c->problems++;
}

/* "field=value" of a stored key, malloc'd. */
static char *
chk_keytext(const void *p, size_t n)
{
	const char *k = p;
	size_t flen = strnlen(k, n);

	if (flen == n)
		return xstrndup(k, n);
	return xasprintf("%.*s=%.*s", (int)flen, k, (int)(n - flen - 1),
	    k + flen + 1);
}

/*
 * Match a human id against the form's pattern: *seq gets the number {seq}
 * matched, *year the year of {year}/{yy} (0 when none).  Backtracks over
 * the lengths of {seq} and of {grid} when the grid is unknown.
 */
static bool
chk_hid_match(const char *pat, const char *hid, const char *grid,
    uint64_t *seq, int *year)
{
	const char *end, *h;
	size_t nlen, i, max;
	uint64_t v;
	int y;

	if (*pat == '\0')
		return *hid == '\0';
	if (*pat != '{' || (end = strchr(pat, '}')) == NULL)
		return *pat == *hid && chk_hid_match(pat + 1, hid + 1, grid,
		    seq, year);
	nlen = (size_t)(end - pat - 1);
	if (nlen >= 3 && strncmp(pat + 1, "seq", 3) == 0) {
		max = strspn(hid, "0123456789");
		for (i = max; i >= 1; i--) {
			if (i > 19)
				continue;
			for (v = 0, h = hid; h < hid + i; h++)
				v = v * 10 + (uint64_t)(*h - '0');
			if (chk_hid_match(end + 1, hid + i, grid, seq, year)) {
				*seq = v;
				return true;
			}
		}
		return false;
	}
	if ((nlen == 4 && strncmp(pat + 1, "year", 4) == 0) ||
	    (nlen == 2 && strncmp(pat + 1, "yy", 2) == 0) ||
	    (nlen == 5 && strncmp(pat + 1, "month", 5) == 0)) {
		size_t digits = nlen == 4 ? 4 : 2;

		if (strspn(hid, "0123456789") < digits)
			return false;
		for (y = 0, i = 0; i < digits; i++)
			y = y * 10 + (hid[i] - '0');
		if (!chk_hid_match(end + 1, hid + digits, grid, seq, year))
			return false;
		if (nlen == 4)
			*year = y;
		else if (nlen == 2)
			*year = 2000 + y;
		return true;
	}
	if (nlen == 4 && strncmp(pat + 1, "grid", 4) == 0) {
		if (grid != NULL)
			return strncmp(hid, grid, strlen(grid)) == 0 &&
			    chk_hid_match(end + 1, hid + strlen(grid), NULL,
			    seq, year);
		for (i = strlen(hid); i >= 1; i--)
			if (chk_hid_match(end + 1, hid + i, NULL, seq, year))
				return true;
		return false;
	}
	return false;
}

/* Highest sequence number in use per counter. */
struct chk_seq {
	char		*key;
	uint64_t	 max;
	char		*hid;
};

/* A field the form no longer has (values kept) or no longer indexes (stale
 * entries), counted for one note or problem line. */
struct chk_gone {
	char		*field;		/* "hukou_no", "members.phone" */
	size_t		 n;
	char		*first;		/* the first record's name */
	char		*last;		/* the last one counted */
};

struct chk_form {
	struct chk		*c;
	const struct form	*f;
	struct u64map		 idx;		/* stored idx (key, id) */
	struct u64map		 want;		/* records' idx (key, id) */
	struct u64map		 uwant;		/* records' unique (key, id) */
	struct u64map		*audit;		/* id -> count << 1 | create */
	struct chk_seq		*seqs;
	size_t			 nseqs;
	struct chk_gone		*orphans;	/* values of removed fields */
	size_t			 norphans;
	struct chk_gone		*unindexed;	/* entries of unindexed fields */
	size_t			 nunindexed;
	struct buf		 key;
};

/* Count record `name` for the field of path ("members.2.x" counts for
 * "members.x") in *v, once per record: a record's values come in a row. */
static void
chk_gone_note(struct chk_gone **v, size_t *n, const char *path,
    const char *name)
{
	char *field = app_field_path(path);
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].field, field) == 0)
			break;
	if (i == *n) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[i].field = field;
		(*v)[i].n = 1;
		(*v)[i].first = xstrdup(name);
		(*v)[i].last = xstrdup(name);
		(*n)++;
		return;
	}
	free(field);
	if (strcmp((*v)[i].last, name) != 0) {
		(*v)[i].n++;
		free((*v)[i].last);
		(*v)[i].last = xstrdup(name);
	}
}

static void
chk_gone_free(struct chk_gone *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].field);
		free(v[i].first);
		free(v[i].last);
	}
	free(v);
}

/* Whether the form still yields index entries named field ("members.name",
 * "members.id_card#4", "_hid"). */
static bool
chk_indexed(const struct form *f, const char *field)
{
	const struct field *fd;
	const char *hash = strchr(field, '#');
	char *name;

	if (*field == '_')
		return true;
	name = xstrndup(field, hash != NULL ? (size_t)(hash - field) :
	    strlen(field));
	fd = form_field(f, name);
	free(name);
	if (fd == NULL || fd->type == NULL)
		return false;
	if (hash != NULL)
		return strcmp(hash, "#4") == 0 &&
		    (fd->type->flags & FT_LAST4) != 0;
	return fd->index || fd->unique;
}

static int
chk_idx_fn(void *ctx, struct store_val key, uint64_t id)
{
	struct chk_form *cf = ctx;

	(void)u64map_slot(&cf->idx, app_hash(key.data, key.size, id));
	return 0;
}

static void
chk_seq_note(struct chk_form *cf, const struct record *r)
{
	uint64_t seq = 0;
	int year = 0;
	char *key;
	size_t i;

	if (r->hid == NULL || cf->f->id_pattern == NULL ||
	    !chk_hid_match(cf->f->id_pattern, r->hid, r->grid, &seq, &year))
		return;
	key = record_seq_key(cf->f, year);
	for (i = 0; i < cf->nseqs; i++)
		if (strcmp(cf->seqs[i].key, key) == 0)
			break;
	if (i == cf->nseqs) {
		cf->seqs = xreallocarray(cf->seqs, cf->nseqs + 1,
		    sizeof *cf->seqs);
		cf->seqs[cf->nseqs].key = key;
		cf->seqs[cf->nseqs].max = 0;
		cf->seqs[cf->nseqs].hid = NULL;
		cf->nseqs++;
	} else
		free(key);
	if (seq > cf->seqs[i].max) {
		cf->seqs[i].max = seq;
		free(cf->seqs[i].hid);
		cf->seqs[i].hid = xstrdup(r->hid);
	}
}

static void
chk_record_keys(struct chk_form *cf, const struct record *r, const char *name)
{
	struct chk *c = cf->c;
	struct ikeys k = IKEYS_INIT;
	uint64_t h, holder;
	size_t i;
	char *kt, *hh;
	int rc;

	record_index_keys(cf->f, r, &k);
	for (i = 0; i < k.n; i++) {
		app_key(c->s->st, &cf->key, k.v[i].field, k.v[i].value);
		h = app_hash(cf->key.p, cf->key.len, r->id);
		(void)u64map_slot(&cf->want, h);
		if (!u64map_has(&cf->idx, h))
			chk_say(c, "%s: index entry %s=%s is missing", name,
			    k.v[i].field, k.v[i].value);
		if (!k.v[i].unique)
			continue;
		(void)u64map_slot(&cf->uwant, h);
		rc = store_uniq_get(c->t, cf->f->name, cf->key.p, cf->key.len,
		    &holder);
		kt = chk_keytext(cf->key.p, cf->key.len);
		if (rc == GB_ENOTFOUND)
			chk_say(c, "%s: unique entry %s is missing", name, kt);
		else if (rc == 0 && holder != r->id) {
			hh = app_load_hid(c->t, cf->f, holder);
			chk_say(c, "%s: unique entry %s names %s %s instead",
			    name, kt, cf->f->name, hh != NULL ? hh : "(none)");
			free(hh);
		}
		free(kt);
	}
	ikeys_free(&k);
}

static int
chk_rec_fn(void *ctx, uint64_t id, struct store_val v)
{
	struct chk_form *cf = ctx;
	struct chk *c = cf->c;
	struct verrors e = VERRORS_INIT;
	struct record *r;
	uint64_t *a;
	char err[256], *name;
	size_t i;

	if (record_decode(v.data, v.size, &r, err, sizeof err) != 0) {
		chk_say(c, "%s #%llu: cannot decode: %s", cf->f->name,
		    (unsigned long long)id, err);
		return 0;
	}
	name = xasprintf("%s %s", cf->f->name, r->hid != NULL ? r->hid :
	    "(no human id)");
	if (r->id != id)
		chk_say(c, "%s: stored under id %llu but holds id %llu", name,
		    (unsigned long long)id, (unsigned long long)r->id);
	record_validate(cf->f, r, &e);
	for (i = 0; i < e.n; i++)
		chk_say(c, "%s: %s%s%s", name, e.v[i].path,
		    *e.v[i].path != '\0' ? ": " : "", e.v[i].msg);
	verrors_free(&e);
	record_unknown(cf->f, r, &e);
	for (i = 0; i < e.n; i++)
		chk_gone_note(&cf->orphans, &cf->norphans, e.v[i].path, name);
	verrors_free(&e);
	r->id = id;
	chk_record_keys(cf, r, name);
	chk_seq_note(cf, r);
	a = u64map_has(cf->audit, id) ? u64map_slot(cf->audit, id) : NULL;
	if (a == NULL)
		chk_say(c, "%s: no audit entries (rev %u)", name, r->rev);
	else {
		if ((*a >> 1) != r->rev)
			chk_say(c, "%s: %llu audit entries for rev %u", name,
			    (unsigned long long)(*a >> 1), r->rev);
		if ((*a & 1) == 0)
			chk_say(c, "%s: audit trail does not begin with its "
			    "create", name);
	}
	free(name);
	record_free(r);
	return 0;
}

static int
chk_stale_fn(void *ctx, struct store_val key, uint64_t id, bool uniq)
{
	struct chk_form *cf = ctx;
	struct chk *c = cf->c;
	struct store_val v;
	char *kt, *hid;

	if (u64map_has(uniq ? &cf->uwant : &cf->want,
	    app_hash(key.data, key.size, id)))
		return 0;
	kt = chk_keytext(key.data, key.size);
	if (strnlen(key.data, key.size) < key.size &&
	    !chk_indexed(cf->f, key.data)) {
		chk_gone_note(&cf->unindexed, &cf->nunindexed, key.data, kt);
		free(kt);
		return 0;
	}
	if (store_rec_get(c->t, cf->f->name, id, &v) != 0)
		chk_say(c, "%s: %s entry %s points at record #%llu, which does "
		    "not exist", cf->f->name, uniq ? "unique" : "index", kt,
		    (unsigned long long)id);
	else {
		hid = app_load_hid(c->t, cf->f, id);
		chk_say(c, "%s %s: %s entry %s, but the record does not hold "
		    "that value", cf->f->name, hid != NULL ? hid : "?",
		    uniq ? "unique" : "index", kt);
		free(hid);
	}
	free(kt);
	return 0;
}

static int
chk_stale_idx_fn(void *ctx, struct store_val key, uint64_t id)
{
	return chk_stale_fn(ctx, key, id, false);
}

static int
chk_stale_uniq_fn(void *ctx, struct store_val key, uint64_t id)
{
	return chk_stale_fn(ctx, key, id, true);
}

static int
chk_form(struct chk *c, const struct form *f, struct u64map *audit)
{
	struct chk_form cf;
	uint64_t cur;
	size_t i;
	int rc;

	memset(&cf, 0, sizeof cf);
	cf.c = c;
	cf.f = f;
	cf.audit = audit;
	rc = store_idx_scan(c->t, f->name, "", 0, false, chk_idx_fn, &cf);
	if (rc == 0 || rc == GB_ENOTFOUND)
		rc = store_rec_scan(c->t, f->name, false, 0, chk_rec_fn, &cf);
	if (rc == 0 || rc == GB_ENOTFOUND)
		rc = store_idx_scan(c->t, f->name, "", 0, false,
		    chk_stale_idx_fn, &cf);
	if (rc == 0 || rc == GB_ENOTFOUND)
		rc = store_uniq_scan(c->t, f->name, chk_stale_uniq_fn, &cf);
	if (rc == GB_ENOTFOUND)
		rc = 0;
	for (i = 0; i < cf.nseqs; i++) {
		if (rc == 0) {
			cur = 0;
			if (store_seq_get(c->t, cf.seqs[i].key, &cur) != 0)
				cur = 0;
			if (cur < cf.seqs[i].max)
				chk_say(c, "%s %s: sequence %s is at %llu, "
				    "behind this human id", f->name,
				    cf.seqs[i].hid, cf.seqs[i].key,
				    (unsigned long long)cur);
		}
		free(cf.seqs[i].key);
		free(cf.seqs[i].hid);
	}
	free(cf.seqs);
	for (i = 0; i < cf.nunindexed; i++)
		chk_say(c, "%s: %zu index entr%s of %s, which the form no longer "
		    "indexes (gridbook reindex drops them)", f->name,
		    cf.unindexed[i].n, cf.unindexed[i].n == 1 ? "y" : "ies",
		    cf.unindexed[i].field);
	for (i = 0; i < cf.norphans; i++) {
		fprintf(c->out, "note: %s: %zu record%s keep%s values of %s, "
		    "which the form no longer has (first %s); they are kept "
		    "as stored\n", f->name, cf.orphans[i].n,
		    cf.orphans[i].n == 1 ? "" : "s", cf.orphans[i].n == 1 ?
		    "s" : "", cf.orphans[i].field, cf.orphans[i].first);
	}
	chk_gone_free(cf.orphans, cf.norphans);
	chk_gone_free(cf.unindexed, cf.nunindexed);
	u64map_free(&cf.idx);
	u64map_free(&cf.want);
	u64map_free(&cf.uwant);
	buf_free(&cf.key);
	return rc;
}

/* The audit trail, counted per form and id. */
struct chk_audit {
	struct chk	*c;
	char		**forms;
	struct u64map	*maps;
	size_t		 n;
};

static int
chk_audit_fn(void *ctx, uint64_t time_us, struct store_val v)
{
	struct chk_audit *ca = ctx;
	struct audit_entry e;
	char err[256];
	uint64_t *slot;
	size_t i;

	if (audit_decode(v.data, v.size, &e, err, sizeof err) != 0) {
		chk_say(ca->c, "audit entry at %llu µs: %s",
		    (unsigned long long)time_us, err);
		return 0;
	}
	if (e.id != 0) {
		for (i = 0; i < ca->n; i++)
			if (strcmp(ca->forms[i], e.form) == 0)
				break;
		if (i == ca->n) {
			ca->forms = xreallocarray(ca->forms, ca->n + 1,
			    sizeof *ca->forms);
			ca->maps = xreallocarray(ca->maps, ca->n + 1,
			    sizeof *ca->maps);
			ca->forms[i] = xstrdup(e.form);
			memset(&ca->maps[i], 0, sizeof ca->maps[i]);
			ca->n++;
		}
		slot = u64map_slot(&ca->maps[i], e.id);
		if (*slot == 0 && strcmp(e.action, "create") == 0)
			*slot = 1;
		if (strcmp(e.action, "delete") == 0)
			*slot = 0;	/* ids are not reused; be safe */
		else
			*slot += 2;
	}
	audit_entry_free(&e);
	return 0;
}

long
app_check(struct session *s, FILE *out)
{
	struct chk c;
	struct chk_audit ca;
	struct u64map none = U64MAP_INIT, *m;
	char **names = NULL;
	size_t n = 0, i, j, cnt;
	int rc;

	app_clearerr(s);
	if (s->user->role == ROLE_LEADER) {
		app_seterr(s, "check is for admins and clerks (it reads every "
		    "grid's records)");
		return GB_EPERM;
	}
	memset(&c, 0, sizeof c);
	memset(&ca, 0, sizeof ca);
	c.s = s;
	c.out = out;
	ca.c = &c;
	if ((rc = store_read(s->st, &c.t)) != 0) {
		app_seterr(s, "%s", store_errmsg());
		return rc;
	}
	rc = store_forms(c.t, &names, &n);
	for (i = 0; rc == 0 && i < n; i++)
		if (formset_find(s->fs, names[i]) == NULL &&
		    store_rec_count(c.t, names[i], &cnt) == 0 && cnt > 0)
			chk_say(&c, "%s: %zu record%s but no form %s.yaml "
			    "loaded from %s (records keep their form's name: "
			    "a renamed form does not see them)", names[i], cnt,
			    cnt == 1 ? "" : "s", names[i], s->fs->dir);
	if (rc == 0 || rc == GB_ENOTFOUND)
		rc = store_audit_scan(c.t, 0, chk_audit_fn, &ca);
	if (rc == GB_ENOTFOUND)
		rc = 0;
	for (i = 0; rc == 0 && i < s->fs->n; i++) {
		m = &none;
		for (j = 0; j < ca.n; j++)
			if (strcmp(ca.forms[j], s->fs->forms[i]->name) == 0)
				m = &ca.maps[j];
		rc = chk_form(&c, s->fs->forms[i], m);
	}
	if (rc != 0)
		app_seterr(s, "check stopped: %s", store_errmsg());
	store_txn_end(c.t);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	for (j = 0; j < ca.n; j++) {
		free(ca.forms[j]);
		u64map_free(&ca.maps[j]);
	}
	free(ca.forms);
	free(ca.maps);
	u64map_free(&none);
	return rc != 0 ? rc : c.problems;
}

/* reindex: drop and rebuild idx and uniq of forms, in one transaction. */
struct rx {
	struct session		*s;
	const struct form	*only;
	const struct form	*f;
	struct store_txn	*t;
	struct app_wr		 w;
	int			 rc;
};

static int
rx_rec_fn(void *ctx, uint64_t id, struct store_val v)
{
	struct rx *x = ctx;
	struct record *r;
	char err[256], *m;

	if (record_decode(v.data, v.size, &r, err, sizeof err) != 0)
		return 0;	/* check reports it; nothing to index */
	r->id = id;
	x->rc = app_tx_index(x->t, x->s, x->f, id, NULL, r, &x->w);
	if (x->rc != 0 && x->w.msg != NULL) {
		m = xasprintf("%s %s: %s", x->f->name, r->hid != NULL ? r->hid :
		    "?", x->w.msg);
		free(x->w.msg);
		x->w.msg = m;
	}
	record_free(r);
	return x->rc != 0 ? 1 : 0;
}

static int
rx_fn(struct store_txn *t, void *ctx)
{
	struct rx *x = ctx;
	size_t i;
	int rc = 0;

	app_wr_reset(&x->w);
	x->t = t;
	for (i = 0; i < x->s->fs->n && rc == 0; i++) {
		x->f = x->s->fs->forms[i];
		if (x->only != NULL && x->only != x->f)
			continue;
		if ((rc = store_idx_clear(t, x->f->name)) == GB_ENOTFOUND)
			rc = 0;
		if (rc != 0)
			break;
		x->rc = 0;
		rc = store_rec_scan(t, x->f->name, false, 0, rx_rec_fn, x);
		if (rc == 1 || rc == GB_ENOTFOUND)
			rc = 0;
		if (rc == 0)
			rc = x->rc;
	}
	return rc;
}

int
app_reindex(struct session *s, const char *form)
{
	struct rx x;
	int rc;

	app_clearerr(s);
	memset(&x, 0, sizeof x);
	x.s = s;
	if (s->user->role != ROLE_ADMIN) {
		app_seterr(s, "reindex is for admins");
		return GB_EPERM;
	}
	if (form != NULL && (x.only = app_form(s, form)) == NULL)
		return GB_EINVAL;
	rc = store_write(s->st, rx_fn, &x);
	if (rc != 0)
		app_seterr(s, "reindex: %s", x.w.msg != NULL ? x.w.msg :
		    store_errmsg());
	app_wr_reset(&x.w);
	return rc;
}

int
app_backup(struct session *s, const char *dest)
{
	int rc;

	app_clearerr(s);
	if (s->user->role != ROLE_ADMIN) {
		app_seterr(s, "backup is for admins (it copies every grid's "
		    "records)");
		return GB_EPERM;
	}
	if ((rc = store_backup(s->st, dest)) == GB_EEXIST)
		app_seterr(s, "backup: %s already exists; give a new "
		    "directory", dest);
	else if (rc != 0)
		app_seterr(s, "backup: %s", store_errmsg());
	return rc;
}
