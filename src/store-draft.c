/*
 * store-draft.c — the draft table: the unsaved state of a form on screen,
 * saved on every field change.  Each call is its own small transaction
 * (a write through store_write, so map growth applies), never part of a
 * record's change, so a draft can be saved at any moment — including from
 * the SIGHUP path after the terminal went away.
 */
#include <stdlib.h>
#include <string.h>

#include "store-int.h"

struct store_draft_ctx {
	const char	*key;
	const void	*data;
	size_t		 len;
};

static int
store_draft_key(struct store *st, const char *key)
{
	size_t n;

	if (key == NULL || *key == '\0')
		return store_err(st, GB_EINVAL, "empty draft key");
	n = strlen(key);
	if (n > store_key_max(st))
		return store_err(st, GB_EINVAL, "draft key of %zu bytes is "
		    "longer than the limit of %zu", n, store_key_max(st));
	return 0;
}

static int
store_draft_put_fn(struct store_txn *t, void *arg)
{
	struct store_draft_ctx *d = arg;
	MDB_dbi dbi;
	MDB_val k, v;
	int rc;

	if ((rc = store_table(t, "draft", NULL, MDB_CREATE, &dbi)) != 0)
		return rc;
	k = store_mdbval(d->key, strlen(d->key));
	v = store_mdbval(d->data, d->len);
	if ((rc = mdb_put(t->txn, dbi, &k, &v, 0)) != 0)
		return store_fail(t, rc, "saving draft %s", d->key);
	t->nwrites++;
	return 0;
}

int
store_draft_put(struct store *st, const char *key, const void *p, size_t n)
{
	struct store_draft_ctx d = { key, p, n };
	int rc;

	if ((rc = store_draft_key(st, key)) != 0)
		return rc;
	return store_write(st, store_draft_put_fn, &d);
}

int
store_draft_get(struct store *st, const char *key, void **out, size_t *len)
{
	struct store_txn *t;
	MDB_dbi dbi;
	MDB_val k, v;
	int rc;

	*out = NULL;
	*len = 0;
	if ((rc = store_draft_key(st, key)) != 0 ||
	    (rc = store_read(st, &t)) != 0)
		return rc;
	if ((rc = store_table(t, "draft", NULL, 0, &dbi)) == 0) {
		k = store_mdbval(key, strlen(key));
		rc = mdb_get(t->txn, dbi, &k, &v);
		if (rc == 0) {
			*out = xmalloc(v.mv_size);
			if (v.mv_size > 0)
				memcpy(*out, v.mv_data, v.mv_size);
			*len = v.mv_size;
		} else if (rc == MDB_NOTFOUND)
			rc = GB_ENOTFOUND;
		else
			rc = store_fail(t, rc, "reading draft %s", key);
	}
	store_txn_end(t);
	if (rc == GB_ENOTFOUND)
		store_err(st, rc, "no draft %s", key);
	return rc;
}

static int
store_draft_del_fn(struct store_txn *t, void *arg)
{
	struct store_draft_ctx *d = arg;
	MDB_dbi dbi;
	MDB_val k;
	int rc;

	if ((rc = store_table(t, "draft", NULL, 0, &dbi)) != 0)
		goto missing;
	k = store_mdbval(d->key, strlen(d->key));
	if ((rc = mdb_del(t->txn, dbi, &k, NULL)) == 0) {
		t->nwrites++;
		return 0;
	}
	if (rc != MDB_NOTFOUND)
		return store_fail(t, rc, "deleting draft %s", d->key);
	rc = GB_ENOTFOUND;
missing:
	if (rc == GB_ENOTFOUND)
		store_err(t->st, rc, "no draft %s", d->key);
	return rc;
}

int
store_draft_del(struct store *st, const char *key)
{
	struct store_draft_ctx d = { key, NULL, 0 };
	int rc;

	if ((rc = store_draft_key(st, key)) != 0)
		return rc;
	return store_write(st, store_draft_del_fn, &d);
}

int
store_draft_scan(struct store *st, const char *prefix,
    int (*fn)(void *, const char *, struct store_val), void *ctx)
{
	struct store_txn *t;
	MDB_cursor *c;
	MDB_dbi dbi;
	MDB_val k, v;
	size_t plen = prefix == NULL ? 0 : strlen(prefix);
	char *name;
	int rc, r = MDB_NOTFOUND;

	if (plen > store_key_max(st))
		return 0;		/* no key is that long */
	if ((rc = store_read(st, &t)) != 0)
		return rc;
	if ((rc = store_table(t, "draft", NULL, 0, &dbi)) != 0) {
		store_txn_end(t);
		return rc == GB_ENOTFOUND ? 0 : rc;
	}
	if ((rc = store_cursor(t, dbi, "draft", &c)) != 0) {
		store_txn_end(t);
		return rc;
	}
	k = store_mdbval(prefix, plen);
	for (r = mdb_cursor_get(c, &k, &v, plen == 0 ? MDB_FIRST :
	    MDB_SET_RANGE); r == 0; r = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (k.mv_size < plen || memcmp(k.mv_data, prefix, plen) != 0)
			break;
		name = xstrndup(k.mv_data, k.mv_size);
		rc = fn(ctx, name, store_sval(&v));
		free(name);
		if (rc != 0)
			break;
	}
	mdb_cursor_close(c);
	if (rc == 0 && r != 0 && r != MDB_NOTFOUND)
		rc = store_fail(t, r, "reading drafts");
	store_txn_end(t);
	return rc;
}
