/*
 * store-rec.c — the rec:FORM tables: encoded records under 8-byte
 * big-endian ids, so LMDB's byte order is id order.  Id 0 is never stored
 * (it means "not saved yet" above and "from the start" in scans); new ids
 * are store_rec_last() + 1 inside the caller's write transaction.  Also the
 * list of forms that have records.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"

static int
store_rec_table(struct store_txn *t, const char *form, bool create,
    MDB_dbi *dbi)
{
	return store_table(t, "rec", form, create ? MDB_CREATE : 0, dbi);
}

int
store_rec_get(struct store_txn *t, const char *form, uint64_t id,
    struct store_val *out)
{
	unsigned char kb[8];
	MDB_dbi dbi;
	MDB_val k, v;
	int rc;

	out->data = NULL;
	out->size = 0;
	if ((rc = store_rec_table(t, form, false, &dbi)) != 0)
		goto missing;
	put_be64(kb, id);
	k = store_mdbval(kb, 8);
	if ((rc = mdb_get(t->txn, dbi, &k, &v)) == MDB_NOTFOUND) {
		rc = GB_ENOTFOUND;
		goto missing;
	}
	if (rc != 0)
		return store_fail(t, rc, "reading %s record %" PRIu64, form, id);
	*out = store_sval(&v);
	return 0;
missing:
	if (rc == GB_ENOTFOUND)
		store_err(t->st, rc, "no %s record %" PRIu64, form, id);
	return rc;
}

int
store_rec_put(struct store_txn *t, const char *form, uint64_t id,
    const void *p, size_t n)
{
	unsigned char kb[8];
	MDB_dbi dbi;
	MDB_val k, v;
	int rc;

	if ((rc = store_writable(t, "store_rec_put")) != 0)
		return rc;
	if (id == 0)
		return store_err(t->st, GB_EINVAL, "%s record id 0 (ids start "
		    "at 1)", form);
	if ((rc = store_rec_table(t, form, true, &dbi)) != 0)
		return rc;
	put_be64(kb, id);
	k = store_mdbval(kb, 8);
	v = store_mdbval(p, n);
	if ((rc = mdb_put(t->txn, dbi, &k, &v, 0)) != 0)
		return store_fail(t, rc, "writing %s record %" PRIu64, form, id);
	t->nwrites++;
	return 0;
}

int
store_rec_del(struct store_txn *t, const char *form, uint64_t id)
{
	unsigned char kb[8];
	MDB_dbi dbi;
	MDB_val k;
	int rc;

	if ((rc = store_writable(t, "store_rec_del")) != 0)
		return rc;
	if ((rc = store_rec_table(t, form, false, &dbi)) != 0)
		goto missing;
	put_be64(kb, id);
	k = store_mdbval(kb, 8);
	if ((rc = mdb_del(t->txn, dbi, &k, NULL)) == MDB_NOTFOUND) {
		rc = GB_ENOTFOUND;
		goto missing;
	}
	if (rc != 0)
		return store_fail(t, rc, "deleting %s record %" PRIu64, form,
		    id);
	t->nwrites++;
	return 0;
missing:
	if (rc == GB_ENOTFOUND)
		store_err(t->st, rc, "no %s record %" PRIu64, form, id);
	return rc;
}

static int
store_rec_id(struct store_txn *t, const char *form, const MDB_val *k,
    uint64_t *id)
{
	if (k->mv_size != 8)
		return store_err(t->st, GB_EIO, "rec:%s holds a key of %zu "
		    "bytes, not 8 (damaged table)", form, k->mv_size);
	*id = get_be64(k->mv_data);
	return 0;
}

int
store_rec_scan(struct store_txn *t, const char *form, bool reverse,
    uint64_t after, int (*fn)(void *, uint64_t, struct store_val), void *ctx)
{
	unsigned char kb[8];
	MDB_cursor *c;
	MDB_dbi dbi;
	MDB_val k, v;
	uint64_t id = 0, w;
	int rc, r;

	if ((rc = store_rec_table(t, form, false, &dbi)) != 0)
		return rc == GB_ENOTFOUND ? 0 : rc;
	if ((rc = store_cursor(t, dbi, form, &c)) != 0)
		return rc;
	if (after == 0)
		r = mdb_cursor_get(c, &k, &v, reverse ? MDB_LAST : MDB_FIRST);
	else {
		put_be64(kb, after);
		k = store_mdbval(kb, 8);
		r = store_cursor_after(c, &k, &v, false, reverse);
	}
	while (r == 0) {
		if ((rc = store_rec_id(t, form, &k, &id)) != 0)
			break;
		w = t->nwrites;
		if ((rc = fn(ctx, id, store_sval(&v))) != 0)
			break;
		if (t->nwrites != w) {
			/* fn changed the table: find our place again. */
			put_be64(kb, id);
			k = store_mdbval(kb, 8);
			r = store_cursor_after(c, &k, &v, false, reverse);
		} else
			r = mdb_cursor_get(c, &k, &v, reverse ? MDB_PREV :
			    MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc == 0 && r != MDB_NOTFOUND)
		rc = store_fail(t, r, "reading %s records", form);
	return rc;
}

int
store_rec_count(struct store_txn *t, const char *form, size_t *n)
{
	MDB_dbi dbi;
	MDB_stat ms;
	int rc;

	*n = 0;
	if ((rc = store_rec_table(t, form, false, &dbi)) != 0)
		return rc == GB_ENOTFOUND ? 0 : rc;
	if ((rc = mdb_stat(t->txn, dbi, &ms)) != 0)
		return store_fail(t, rc, "counting %s records", form);
	*n = ms.ms_entries;
	return 0;
}

int
store_rec_last(struct store_txn *t, const char *form, uint64_t *id)
{
	MDB_cursor *c;
	MDB_dbi dbi;
	MDB_val k, v;
	int rc, r;

	*id = 0;
	if ((rc = store_rec_table(t, form, false, &dbi)) != 0)
		return rc == GB_ENOTFOUND ? 0 : rc;
	if ((rc = store_cursor(t, dbi, form, &c)) != 0)
		return rc;
	r = mdb_cursor_get(c, &k, &v, MDB_LAST);
	if (r == 0)
		rc = store_rec_id(t, form, &k, id);
	else if (r != MDB_NOTFOUND)
		rc = store_fail(t, r, "reading %s records", form);
	mdb_cursor_close(c);
	return rc;
}

int
store_forms(struct store_txn *t, char ***names, size_t *n)
{
	MDB_cursor *c;
	MDB_dbi main;
	MDB_val k, v;
	char **v_names = NULL;
	size_t nn = 0;
	int rc, r;

	*names = NULL;
	*n = 0;
	if ((rc = mdb_dbi_open(t->txn, NULL, 0, &main)) != 0)
		return store_fail(t, rc, "reading the table list");
	if ((rc = store_cursor(t, main, "the table list", &c)) != 0)
		return rc;
	k = store_mdbval("rec:", 4);
	for (r = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE); r == 0;
	    r = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (k.mv_size < 4 || memcmp(k.mv_data, "rec:", 4) != 0)
			break;
		if (k.mv_size == 4 ||
		    memchr(k.mv_data, '\0', k.mv_size) != NULL)
			continue;
		v_names = xreallocarray(v_names, nn + 1, sizeof *v_names);
		v_names[nn++] = xstrndup((const char *)k.mv_data + 4,
		    k.mv_size - 4);
	}
	mdb_cursor_close(c);
	if (r != 0 && r != MDB_NOTFOUND) {
		while (nn > 0)
			free(v_names[--nn]);
		free(v_names);
		return store_fail(t, r, "reading the table list");
	}
	*names = v_names;
	*n = nn;
	return 0;
}
