/*
 * app-record.c — reading and changing one record.  Each change (save, move,
 * delete) is one store_write transaction that checks access and the
 * revision read, validates, updates the record, its index and unique
 * entries and appends one audit entry: all of it or none.
 *
 * The app_tx_* functions do the work inside a caller's transaction and are
 * repeatable (store_write reruns them after growing the map): they read only
 * their arguments and the transaction, and reset their outputs first.
 *
 * Conflicts: a save or move carries rec->rev as read.  When the stored rev
 * differs, the paths changed since are taken from the audit entries of the
 * record with a later rev (old value as at the read rev, new value as now);
 * when those are missing, the paths where the stored record differs from
 * the one given.
 *
 * New records: id = one more than the largest ever given for the form
 * (meta counter "_id:FORM", never reused after a delete, kept at least the
 * largest id stored); the human id from the form's pattern with the next
 * number of record_seq_key()'s counter (skipping numbers whose human id is
 * somehow taken); rev 1; state the workflow's initial; the year and month of
 * the pattern are today's (date_today(), so $GRIDBOOK_TODAY applies).
 * A save that changes nothing writes nothing (no rev, no audit entry).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app-int.h"

void
app_wr_reset(struct app_wr *w)
{
	record_free(w->saved);
	verrors_free(&w->errs);
	changes_free(&w->conflicts);
	free(w->msg);
	memset(w, 0, sizeof *w);
}

static void
app_wr_msg(struct app_wr *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
app_wr_msg(struct app_wr *w, const char *fmt, ...)
{
	va_list ap;

	free(w->msg);
	va_start(ap, fmt);
	w->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

/* The stored record in, checked for existence, access and revision. */
static int
app_tx_current(struct store_txn *t, struct session *s, const struct form *f,
    const struct record *in, struct record **old, struct app_wr *w)
{
	char err[256], *name = app_recname(f, in);
	const char *p;
	size_t i;
	int rc;

	*old = NULL;
	rc = app_load(t, f, in->id, old, err, sizeof err);
	if (rc == 0 && !app_can_see(s, f, *old)) {
		record_free(*old);
		*old = NULL;
		rc = GB_ENOTFOUND;
	}
	if (rc == GB_ENOTFOUND)
		app_wr_msg(w, "%s not found (deleted by someone else?)", name);
	else if (rc != 0)
		app_wr_msg(w, "%s: %s", name, err);
	if (rc != 0 || in->rev == 0 || (*old)->rev == in->rev) {
		free(name);
		return rc;
	}
	rc = app_audit_since(t, f, in->id, in->rev, in->updated, *old,
	    &w->conflicts);
	if (rc == 0 && w->conflicts.n == 0)
		record_diff(in, *old, &w->conflicts);
	if (rc != 0) {
		free(name);
		record_free(*old);
		*old = NULL;
		return rc;
	}
	{
		struct buf b = BUF_INIT;

		for (i = 0; i < w->conflicts.n; i++) {
			p = w->conflicts.v[i].path;
			buf_addf(&b, "%s%s", i > 0 ? ", " : "", p);
		}
		app_wr_msg(w, "%s was changed by %s since you read it (rev %u, "
		    "now rev %u)%s%s", name, (*old)->uuser != NULL ?
		    (*old)->uuser : "someone", in->rev, (*old)->rev,
		    b.len > 0 ? ": " : "", buf_str(&b));
		buf_free(&b);
	}
	free(name);
	record_free(*old);
	*old = NULL;
	return GB_ECONFLICT;
}

/* Keys sorted by field, then value. */
static int
app_ikey_cmp(const void *a, const void *b)
{
	const struct ikey *x = a, *y = b;
	int c = strcmp(x->field, y->field);

	return c != 0 ? c : strcmp(x->value, y->value);
}

static const struct ikey *
app_ikey_find(const struct ikeys *k, const struct ikey *want)
{
	return k->n == 0 ? NULL : bsearch(want, k->v, k->n, sizeof *k->v,
	    app_ikey_cmp);
}

static void
app_uniq_msg(struct store_txn *t, struct session *s, const struct form *f,
    const struct record *r, const struct ikey *k, uint64_t holder,
    struct app_wr *w)
{
	struct record *h = NULL;
	const char *path = k->field, *text = k->value;
	char err[128], *shown;
	size_t fit;

	(void)app_find_path(r, k->field, k->value, &path, &text);
	fit = utf8_fit(text, 60);
	shown = xasprintf("%.*s%s", (int)fit, text, text[fit] != '\0' ? "..." :
	    "");
	if (app_load(t, f, holder, &h, err, sizeof err) != 0)
		app_wr_msg(w, "%s %s is already registered in %s #%llu", path,
		    shown, f->name, (unsigned long long)holder);
	else if (!app_can_see(s, f, h))
		app_wr_msg(w, "%s %s is already registered in a %s of another "
		    "grid", path, shown, f->name);
	else
		app_wr_msg(w, "%s %s is already registered in %s %s", path,
		    shown, f->name, h->hid != NULL ? h->hid : "?");
	free(shown);
	record_free(h);
}

int
app_tx_index(struct store_txn *t, struct session *s, const struct form *f,
    uint64_t id, const struct record *old, const struct record *new,
    struct app_wr *w)
{
	struct ikeys ok = IKEYS_INIT, nk = IKEYS_INIT;
	struct buf key = BUF_INIT;
	uint64_t holder;
	size_t i;
	int rc = 0;

	if (old != NULL)
		record_index_keys(f, old, &ok);
	if (new != NULL)
		record_index_keys(f, new, &nk);
	if (ok.n > 1)
		qsort(ok.v, ok.n, sizeof *ok.v, app_ikey_cmp);
	if (nk.n > 1)
		qsort(nk.v, nk.n, sizeof *nk.v, app_ikey_cmp);
	for (i = 0; i < ok.n && rc == 0; i++) {
		const struct ikey *k = &ok.v[i];

		if (app_ikey_find(&nk, k) != NULL)
			continue;
		app_key(s->st, &key, k->field, k->value);
		rc = store_idx_del(t, f->name, key.p, key.len, id);
		if (rc == GB_ENOTFOUND)
			rc = 0;
		if (rc == 0 && k->unique && store_uniq_get(t, f->name, key.p,
		    key.len, &holder) == 0 && holder == id)
			rc = store_uniq_del(t, f->name, key.p, key.len);
	}
	for (i = 0; i < nk.n && rc == 0; i++) {
		const struct ikey *k = &nk.v[i];

		app_key(s->st, &key, k->field, k->value);
		if (app_ikey_find(&ok, k) == NULL)
			rc = store_idx_add(t, f->name, key.p, key.len, id);
		if (rc == 0 && k->unique) {
			holder = 0;
			rc = store_uniq_put(t, f->name, key.p, key.len, id,
			    &holder);
			if (rc == GB_EEXIST)
				app_uniq_msg(t, s, f, new, k, holder, w);
		}
	}
	buf_free(&key);
	ikeys_free(&ok);
	ikeys_free(&nk);
	return rc;
}

/* Ref values must name an existing record of the referenced form. */
static void
app_check_refs(struct store_txn *t, struct session *s, const struct form *f,
    const struct record *r, struct verrors *errs)
{
	const struct field *fd;
	const struct form *rf;
	uint64_t id;
	size_t i;
	int rc;

	for (i = 0; i < r->nv; i++) {
		fd = form_field(f, r->v[i].path);
		if (fd == NULL || fd->type == NULL ||
		    fd->type->kind != FK_REF || fd->ref_form == NULL)
			continue;
		if ((rf = formset_find(s->fs, fd->ref_form)) == NULL)
			continue;	/* the spec loader reports it */
		rc = app_resolve(t, s->st, rf, r->v[i].text, &id);
		if (rc == GB_ENOTFOUND)
			verrors_add(errs, r->v[i].path, "no %s %s", rf->name,
			    r->v[i].text);
	}
}

/* Two members of one record with the same unique value. */
static void
app_check_dups(const struct form *f, const struct record *r,
    struct verrors *errs)
{
	size_t i, j;
	char *fi, *fj, *ni, *nj;
	const struct field *fd;

	for (i = 0; i < r->nv; i++) {
		fd = form_field(f, r->v[i].path);
		if (fd == NULL || !fd->unique || fd->parent == NULL)
			continue;
		fi = app_field_path(r->v[i].path);
		ni = norm_key(r->v[i].text);
		for (j = 0; j < i; j++) {
			fj = app_field_path(r->v[j].path);
			if (strcmp(fi, fj) == 0) {
				nj = norm_key(r->v[j].text);
				if (strcmp(ni, nj) == 0)
					verrors_add(errs, r->v[i].path, "%s is "
					    "also %s", r->v[i].text,
					    r->v[j].path);
				free(nj);
			}
			free(fj);
		}
		free(fi);
		free(ni);
	}
}

static void
app_check_grid(struct session *s, const struct form *f,
    const struct record *r, struct verrors *errs)
{
	const char *g = app_record_grid(f, r);
	struct buf b = BUF_INIT;
	size_t i;

	if (g == NULL || s->cfg->ngrids == 0 || config_grid(s->cfg, g) != NULL)
		return;
	for (i = 0; i < s->cfg->ngrids; i++)
		buf_addf(&b, "%s%s", i > 0 ? ", " : "", s->cfg->grids[i].code);
	verrors_add(errs, "grid", "%s is not a grid of %s; grids: %s", g,
	    s->cfg->file != NULL ? s->cfg->file : "the config", buf_str(&b));
	buf_free(&b);
}

/* A new id, sequence number and human id for r. */
static int
app_tx_newid(struct store_txn *t, struct session *s, const struct form *f,
    struct record *r, struct app_wr *w)
{
	char today[11], *seqkey, *idkey, *hid = NULL;
	uint64_t last, id, seq, dummy;
	int year, month, tries, rc;

	idkey = xasprintf("_id:%s", f->name);
	if ((rc = store_rec_last(t, f->name, &last)) == GB_ENOTFOUND)
		last = 0, rc = 0;
	if (rc == 0)
		rc = store_seq_next(t, idkey, &id);
	if (rc == 0 && id <= last) {
		id = last + 1;
		rc = store_seq_set(t, idkey, id);
	}
	free(idkey);
	if (rc != 0)
		return rc;
	r->id = id;

	date_today(today);
	year = atoi(today);
	month = atoi(today + 5);
	seqkey = record_seq_key(f, year);
	for (tries = 0; tries < 1000; tries++) {
		if ((rc = store_seq_next(t, seqkey, &seq)) != 0)
			break;
		free(hid);
		hid = record_hid_format(f, seq, year, month,
		    app_record_grid(f, r));
		rc = app_resolve(t, s->st, f, hid, &dummy);
		if (rc == GB_ENOTFOUND) {
			rc = 0;
			break;
		}
		if (rc != 0)
			break;
		rc = GB_EEXIST;		/* taken: try the next number */
	}
	free(seqkey);
	if (rc == GB_EEXIST)
		app_wr_msg(w, "new %s: no free human id near %s (sequence "
		    "broken; run gridbook check)", f->name, hid);
	if (rc == 0)
		record_set_meta(&r->hid, hid);
	free(hid);
	return rc;
}

static int
app_tx_write(struct store_txn *t, struct session *s, const struct form *f,
    const struct record *old, struct record *nr, const char *action,
    struct app_wr *w)
{
	struct changes c = CHANGES_INIT;
	struct buf b = BUF_INIT;
	int rc;

	if ((rc = app_tx_index(t, s, f, nr->id, old, nr, w)) != 0)
		return rc;
	record_encode(nr, &b);
	rc = store_rec_put(t, f->name, nr->id, b.p, b.len);
	buf_free(&b);
	if (rc != 0)
		return rc;
	record_diff(old, nr, &c);
	rc = app_audit_append(t, s, f, nr, action, &c);
	changes_free(&c);
	return rc;
}

int
app_tx_save(struct store_txn *t, struct session *s, const struct form *f,
    const struct record *in, int64_t now, struct app_wr *w)
{
	struct record *old = NULL, *nr;
	struct changes c = CHANGES_INIT;
	char *name;
	int rc;

	app_wr_reset(w);
	if (in->id != 0 && (rc = app_tx_current(t, s, f, in, &old, w)) != 0)
		return rc;
	nr = record_dup(in);
	if (old != NULL) {
		nr->id = old->id;
		nr->rev = old->rev + 1;
		nr->created = old->created;
		record_set_meta(&nr->hid, old->hid);
		record_set_meta(&nr->state, old->state);
		record_set_meta(&nr->cuser, old->cuser);
	} else {
		nr->id = 0;
		nr->rev = 1;
		nr->created = now;
		record_set_meta(&nr->hid, NULL);
		record_set_meta(&nr->state, f->wf.initial);
		record_set_meta(&nr->cuser, s->login);
	}
	nr->updated = now;
	record_set_meta(&nr->uuser, s->login);
	record_set_meta(&nr->grid, app_record_grid(f, nr));
	name = app_recname(f, old);

	if (old != NULL) {
		record_diff(old, nr, &c);
		if (c.n == 0) {		/* nothing to write */
			record_free(nr);
			w->saved = old;
			free(name);
			return 0;
		}
		changes_free(&c);
	}
	if (!app_grid_ok(s, f, app_record_grid(f, nr))) {
		app_wr_msg(w, "%s: you (%s) may not save a %s in grid %s; "
		    "your grids: %s%s", name, s->login, f->name,
		    nr->grid != NULL ? nr->grid : "(none)",
		    s->user->ngrids > 0 ? s->user->grids[0] : "none",
		    s->user->ngrids > 1 ? ", ..." : "");
		rc = GB_EPERM;
		goto out;
	}
	record_validate(f, nr, &w->errs);
	app_check_grid(s, f, nr, &w->errs);
	app_check_refs(t, s, f, nr, &w->errs);
	app_check_dups(f, nr, &w->errs);
	if (w->errs.n > 0) {
		app_wr_msg(w, "%s not saved: %zu problem%s", name, w->errs.n,
		    w->errs.n > 1 ? "s" : "");
		rc = GB_EINVAL;
		goto out;
	}
	if (old == NULL && (rc = app_tx_newid(t, s, f, nr, w)) != 0)
		goto out;
	rc = app_tx_write(t, s, f, old, nr, old != NULL ? "update" : "create",
	    w);
	if (rc == 0) {
		w->saved = nr;
		nr = NULL;
	}
out:
	free(name);
	record_free(old);
	record_free(nr);
	return rc;
}

static bool
app_role_ok(const struct session *s, const struct transition *tr)
{
	const char *role = role_name(s->user->role);
	size_t i;

	if (tr->nroles == 0)
		return true;
	for (i = 0; i < tr->nroles; i++)
		if (strcmp(tr->roles[i], role) == 0)
			return true;
	return false;
}

static bool
app_from_ok(const struct transition *tr, const char *state)
{
	size_t i;

	for (i = 0; i < tr->nfrom; i++)
		if (strcmp(tr->from[i], "*") == 0 || (state != NULL &&
		    strcmp(tr->from[i], state) == 0))
			return true;
	return false;
}

static bool
app_filled(const struct form *f, const struct record *r, const char *name)
{
	const struct field *fd = form_field(f, name);

	if (fd != NULL && fd->type != NULL && fd->type->kind == FK_GROUP)
		return record_group_count(r, name) > 0;
	return record_get(r, name) != NULL;
}

int
app_tx_move(struct store_txn *t, struct session *s, const struct form *f,
    const struct record *in, const char *to, int64_t now, struct app_wr *w)
{
	const struct transition *tr, *hit = NULL, *denied = NULL;
	struct record *old = NULL, *nr = NULL;
	struct buf b = BUF_INIT;
	char *name = NULL;
	size_t i;
	int rc;

	app_wr_reset(w);
	if ((rc = app_tx_current(t, s, f, in, &old, w)) != 0)
		return rc;
	name = app_recname(f, old);
	if (f->wf.initial == NULL) {
		app_wr_msg(w, "%s: form %s has no workflow", name, f->name);
		rc = GB_EINVAL;
		goto out;
	}
	if (form_state(f, to) == NULL) {
		for (i = 0; i < f->wf.nstates; i++)
			buf_addf(&b, "%s%s", i > 0 ? ", " : "",
			    f->wf.states[i].name);
		app_wr_msg(w, "%s: no state '%s' in form %s; states: %s", name,
		    to, f->name, buf_str(&b));
		rc = GB_EINVAL;
		goto out;
	}
	for (i = 0; i < f->wf.ntrans; i++) {
		tr = &f->wf.trans[i];
		if (!app_from_ok(tr, old->state) || strcmp(tr->to, to) != 0)
			continue;
		if (app_role_ok(s, tr)) {
			hit = tr;
			break;
		}
		denied = tr;
	}
	if (hit == NULL && denied != NULL) {
		for (i = 0; i < denied->nroles; i++)
			buf_addf(&b, "%s%s", i > 0 ? ", " : "",
			    denied->roles[i]);
		app_wr_msg(w, "%s: your role %s may not move it from %s to %s "
		    "(allowed: %s)", name, role_name(s->user->role),
		    old->state != NULL ? old->state : "(none)", to,
		    buf_str(&b));
		rc = GB_EPERM;
		goto out;
	}
	if (hit == NULL) {
		for (i = 0; i < f->wf.ntrans; i++)
			if (app_from_ok(&f->wf.trans[i], old->state))
				buf_addf(&b, "%s%s", b.len > 0 ? ", " : "",
				    f->wf.trans[i].to);
		app_wr_msg(w, "%s: no move from %s to %s; from %s: %s", name,
		    old->state != NULL ? old->state : "(none)", to,
		    old->state != NULL ? old->state : "(none)",
		    b.len > 0 ? buf_str(&b) : "none");
		rc = GB_EINVAL;
		goto out;
	}
	for (i = 0; i < hit->nrequire; i++)
		if (!app_filled(f, old, hit->require[i]))
			verrors_add(&w->errs, hit->require[i], "required before "
			    "moving to %s", to);
	if (w->errs.n > 0) {
		for (i = 0; i < w->errs.n; i++)
			buf_addf(&b, "%s%s", i > 0 ? ", " : "",
			    w->errs.v[i].path);
		app_wr_msg(w, "%s not moved to %s: fill %s first", name, to,
		    buf_str(&b));
		rc = GB_EINVAL;
		goto out;
	}
	nr = record_dup(old);
	record_set_meta(&nr->state, to);
	nr->rev = old->rev + 1;
	nr->updated = now;
	record_set_meta(&nr->uuser, s->login);
	if ((rc = app_tx_write(t, s, f, old, nr, "move", w)) == 0) {
		w->saved = nr;
		nr = NULL;
	}
out:
	buf_free(&b);
	free(name);
	record_free(old);
	record_free(nr);
	return rc;
}

int
app_tx_delete(struct store_txn *t, struct session *s, const struct form *f,
    const struct record *in, struct app_wr *w)
{
	struct record *old = NULL;
	struct changes c = CHANGES_INIT;
	int rc;

	app_wr_reset(w);
	if ((rc = app_tx_current(t, s, f, in, &old, w)) != 0)
		return rc;
	if ((rc = app_tx_index(t, s, f, old->id, old, NULL, w)) == 0 &&
	    (rc = store_rec_del(t, f->name, old->id)) == 0) {
		record_diff(old, NULL, &c);
		rc = app_audit_append(t, s, f, old, "delete", &c);
		changes_free(&c);
	}
	if (rc == 0) {
		w->saved = old;
		old = NULL;
	}
	record_free(old);
	return rc;
}

/* The public functions: one store_write each. */
enum app_op { OP_SAVE, OP_MOVE, OP_DELETE };

struct app_op_ctx {
	enum app_op		 op;
	struct session		*s;
	const struct form	*f;
	const struct record	*in;
	const char		*to;
	int64_t			 now;
	struct app_wr		 w;
};

static int
app_op_fn(struct store_txn *t, void *arg)
{
	struct app_op_ctx *c = arg;

	switch (c->op) {
	case OP_SAVE:
		return app_tx_save(t, c->s, c->f, c->in, c->now, &c->w);
	case OP_MOVE:
		return app_tx_move(t, c->s, c->f, c->in, c->to, c->now, &c->w);
	case OP_DELETE:
		return app_tx_delete(t, c->s, c->f, c->in, &c->w);
	}
	return GB_EINVAL;
}

static void
app_copy_meta(struct record *to, const struct record *from)
{
	to->id = from->id;
	to->rev = from->rev;
	to->created = from->created;
	to->updated = from->updated;
	record_set_meta(&to->hid, from->hid);
	record_set_meta(&to->state, from->state);
	record_set_meta(&to->grid, from->grid);
	record_set_meta(&to->cuser, from->cuser);
	record_set_meta(&to->uuser, from->uuser);
}

static int
app_op_run(struct session *s, struct app_op_ctx *c, struct record *rec,
    struct verrors *errs, struct changes *conflicts)
{
	size_t i;
	int rc;

	app_clearerr(s);
	if (c->f == NULL || rec == NULL) {
		app_seterr(s, "no form or record given");
		return GB_EINVAL;
	}
	if (c->op != OP_SAVE && rec->id == 0) {
		app_seterr(s, "new %s: not saved yet", c->f->name);
		return GB_EINVAL;
	}
	c->s = s;
	c->in = rec;
	c->now = (int64_t)time(NULL);
	memset(&c->w, 0, sizeof c->w);
	rc = store_write(s->st, app_op_fn, c);
	if (rc == 0) {
		if (c->op != OP_DELETE)
			app_copy_meta(rec, c->w.saved);
	} else {
		if (c->w.msg != NULL)
			app_seterr(s, "%s", c->w.msg);
		else
			app_seterr(s, "%s", store_errmsg());
		for (i = 0; errs != NULL && i < c->w.errs.n; i++)
			verrors_add(errs, c->w.errs.v[i].path, "%s",
			    c->w.errs.v[i].msg);
		if (conflicts != NULL && rc == GB_ECONFLICT) {
			changes_free(conflicts);
			*conflicts = c->w.conflicts;
			memset(&c->w.conflicts, 0, sizeof c->w.conflicts);
		}
	}
	app_wr_reset(&c->w);
	return rc;
}

int
app_save(struct session *s, const struct form *f, struct record *rec,
    struct verrors *errs, struct changes *conflicts)
{
	struct app_op_ctx c;
	bool isnew = rec != NULL && rec->id == 0;
	int rc;

	memset(&c, 0, sizeof c);
	c.op = OP_SAVE;
	c.f = f;
	rc = app_op_run(s, &c, rec, errs, conflicts);
	if (rc == 0) {
		/* The draft is a convenience: failing to drop it is no error. */
		char *k = app_draft_key(s->login, f->name, isnew ? "new" :
		    rec->hid);

		(void)store_draft_del(s->st, k);
		free(k);
	}
	return rc;
}

int
app_move(struct session *s, const struct form *f, struct record *rec,
    const char *to, struct verrors *errs)
{
	struct app_op_ctx c;

	memset(&c, 0, sizeof c);
	c.op = OP_MOVE;
	c.f = f;
	c.to = to;
	return app_op_run(s, &c, rec, errs, NULL);
}

int
app_delete(struct session *s, const struct form *f, struct record *rec)
{
	struct app_op_ctx c;

	memset(&c, 0, sizeof c);
	c.op = OP_DELETE;
	c.f = f;
	return app_op_run(s, &c, rec, NULL, NULL);
}
