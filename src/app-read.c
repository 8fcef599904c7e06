/*
 * app-read.c — reading one record and what can be done with it: get by
 * human or numeric id, a blank record for a new entry, the workflow moves
 * open from a record's state, and the live duplicate check of unique
 * fields.  Records a leader may not see are reported as not found, with the
 * same message as records that do not exist.
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"

int
app_get(struct session *s, const struct form *f, const char *id,
    struct record **out)
{
	struct store_txn *t;
	uint64_t n;
	char err[256];
	int rc;

	*out = NULL;
	app_clearerr(s);
	if (f == NULL || id == NULL) {
		app_seterr(s, "no form or id given");
		return GB_EINVAL;
	}
	if ((rc = store_read(s->st, &t)) != 0) {
		app_seterr(s, "%s", store_errmsg());
		return rc;
	}
	rc = app_resolve(t, s->st, f, id, &n);
	if (rc == 0)
		rc = app_load(t, f, n, out, err, sizeof err);
	store_txn_end(t);
	if (rc == 0 && !app_can_see(s, f, *out)) {
		record_free(*out);
		*out = NULL;
		rc = GB_ENOTFOUND;
	}
	if (rc == GB_ENOTFOUND)
		app_seterr(s, "no %s %s", f->name, id);
	else if (rc == GB_EFORMAT)
		app_seterr(s, "%s %s: cannot decode the stored record: %s",
		    f->name, id, err);
	else if (rc != 0)
		app_seterr(s, "%s %s: %s", f->name, id, store_errmsg());
	return rc;
}

struct record *
app_blank(struct session *s, const struct form *f, const struct record *prev)
{
	struct record *r;

	app_clearerr(s);
	r = prev != NULL ? record_carry(f, prev) : record_new();
	record_apply_defaults(f, r);
	record_set_meta(&r->state, f->wf.initial);
	/* A leader of one grid enters records of that grid. */
	if (app_scoped(s, f) && s->user->ngrids == 1 &&
	    record_get(r, "grid") == NULL)
		record_set(r, "grid", s->user->grids[0]);
	record_set_meta(&r->grid, app_record_grid(f, r));
	return r;
}

static bool
app_moves_role(const struct session *s, const struct transition *tr)
{
	const char *role = role_name(s->user->role);
	size_t i;

	for (i = 0; i < tr->nroles; i++)
		if (strcmp(tr->roles[i], role) == 0)
			return true;
	return tr->nroles == 0;
}

size_t
app_moves(struct session *s, const struct form *f, const struct record *r,
    struct app_move **out)
{
	const struct transition *tr;
	const struct field *fd;
	struct app_move *v;
	size_t i, j, n = 0;
	bool from, filled;

	*out = NULL;
	app_clearerr(s);
	if (f->wf.ntrans == 0)
		return 0;
	v = xcalloc(f->wf.ntrans, sizeof *v);
	for (i = 0; i < f->wf.ntrans; i++) {
		tr = &f->wf.trans[i];
		from = false;
		for (j = 0; j < tr->nfrom && !from; j++)
			from = strcmp(tr->from[j], "*") == 0 ||
			    (r->state != NULL && strcmp(tr->from[j],
			    r->state) == 0);
		if (!from)
			continue;
		v[n].t = tr;
		v[n].allowed = app_moves_role(s, tr);
		for (j = 0; j < tr->nrequire; j++) {
			fd = form_field(f, tr->require[j]);
			if (fd != NULL && fd->type != NULL &&
			    fd->type->kind == FK_GROUP)
				filled = record_group_count(r,
				    tr->require[j]) > 0;
			else
				filled = record_get(r, tr->require[j]) != NULL;
			if (filled)
				continue;
			v[n].missing = xreallocarray(v[n].missing,
			    v[n].nmissing + 1, sizeof *v[n].missing);
			v[n].missing[v[n].nmissing++] =
			    xstrdup(tr->require[j]);
		}
		n++;
	}
	if (n == 0) {
		free(v);
		return 0;
	}
	*out = v;
	return n;
}

void
app_moves_free(struct app_move *v, size_t n)
{
	size_t i, j;

	for (i = 0; v != NULL && i < n; i++) {
		for (j = 0; j < v[i].nmissing; j++)
			free(v[i].missing[j]);
		free(v[i].missing);
	}
	free(v);
}

int
app_unique_holder(struct session *s, const struct form *f, const char *path,
    const char *value, uint64_t self_id, char **holder_hid)
{
	const struct field *fd;
	struct store_txn *t;
	struct record *h = NULL;
	struct buf key = BUF_INIT;
	char err[256], *canon = NULL, *kf, *nv;
	uint64_t holder;
	int rc;

	*holder_hid = NULL;
	app_clearerr(s);
	if ((fd = form_field(f, path)) == NULL) {
		app_seterr(s, "%s: no field %s", f->name, path);
		return GB_EINVAL;
	}
	if (!fd->unique)
		return GB_ENOTFOUND;
	if (record_parse_value(fd, value, &canon, err, sizeof err) != 0) {
		app_seterr(s, "%s: %s %s: %s", f->name, path, value, err);
		return GB_EINVAL;
	}
	if (canon == NULL)
		return GB_ENOTFOUND;
	kf = app_field_path(path);
	nv = record_index_value(canon);
	app_key(s->st, &key, kf, nv);
	free(kf);
	free(nv);
	free(canon);
	if ((rc = store_read(s->st, &t)) != 0) {
		buf_free(&key);
		app_seterr(s, "%s", store_errmsg());
		return rc;
	}
	rc = store_uniq_get(t, f->name, key.p, key.len, &holder);
	buf_free(&key);
	if (rc == 0 && holder == self_id)
		rc = GB_ENOTFOUND;
	if (rc == 0 && app_load(t, f, holder, &h, err, sizeof err) != 0)
		h = NULL;
	store_txn_end(t);
	if (rc != 0) {
		if (rc != GB_ENOTFOUND)
			app_seterr(s, "%s", store_errmsg());
		return rc;
	}
	if (h == NULL)
		*holder_hid = xasprintf("#%llu", (unsigned long long)holder);
	else if (!app_can_see(s, f, h))
		*holder_hid = xstrdup("(another grid)");
	else
		*holder_hid = xstrdup(h->hid != NULL ? h->hid : "?");
	app_seterr(s, "%s %.*s%s is already registered in %s %s", path,
	    (int)utf8_fit(value, 60), value, value[utf8_fit(value, 60)] != '\0' ?
	    "..." : "", f->name, *holder_hid);
	record_free(h);
	return 0;
}
