/*
 * store-meta.c — the meta table: named values and counters.  Counters
 * ("seq:NAME") are 8-byte big-endian so they read the same on every
 * machine; the rest is the caller's bytes.  Keys are stored without their
 * NUL.  "magic" and "format" are written by store_open (store.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"

static int
store_meta_table(struct store_txn *t, bool create, MDB_dbi *dbi)
{
	return store_table(t, "meta", NULL, create ? MDB_CREATE : 0, dbi);
}

int
store_meta_get(struct store_txn *t, const char *name, struct store_val *out)
{
	MDB_dbi dbi;
	MDB_val k, v;
	int rc;

	out->data = NULL;
	out->size = 0;
	if ((rc = store_name_check(t, "meta", name)) != 0)
		return rc;
	if ((rc = store_meta_table(t, false, &dbi)) != 0)
		goto notfound;
	k = store_mdbval(name, strlen(name));
	rc = mdb_get(t->txn, dbi, &k, &v);
	if (rc == MDB_NOTFOUND) {
		rc = GB_ENOTFOUND;
		goto notfound;
	}
	if (rc != 0)
		return store_fail(t, rc, "reading meta %s", name);
	*out = store_sval(&v);
	return 0;
notfound:
	if (rc == GB_ENOTFOUND)
		store_err(t->st, rc, "no meta value %s", name);
	return rc;
}

int
store_meta_put(struct store_txn *t, const char *name, const void *p,
    size_t n)
{
	MDB_dbi dbi;
	MDB_val k, v;
	int rc;

	if ((rc = store_writable(t, "store_meta_put")) != 0 ||
	    (rc = store_name_check(t, "meta", name)) != 0 ||
	    (rc = store_meta_table(t, true, &dbi)) != 0)
		return rc;
	k = store_mdbval(name, strlen(name));
	v = store_mdbval(p, n);
	if ((rc = mdb_put(t->txn, dbi, &k, &v, 0)) != 0)
		return store_fail(t, rc, "writing meta %s", name);
	t->nwrites++;
	return 0;
}

int
store_meta_scan(struct store_txn *t, const char *prefix,
    int (*fn)(void *, const char *, struct store_val), void *ctx)
{
	char name[STORE_NAME_MAX + 1];
	MDB_cursor *c;
	MDB_dbi dbi;
	MDB_val k, v;
	size_t plen = prefix == NULL ? 0 : strlen(prefix);
	uint64_t w;
	int rc, r;

	if (plen > STORE_NAME_MAX)
		return 0;		/* no name is that long */
	if ((rc = store_meta_table(t, false, &dbi)) != 0)
		return rc == GB_ENOTFOUND ? 0 : rc;
	if ((rc = store_cursor(t, dbi, "meta", &c)) != 0)
		return rc;
	k = store_mdbval(prefix, plen);
	r = mdb_cursor_get(c, &k, &v, plen == 0 ? MDB_FIRST : MDB_SET_RANGE);
	for (; r == 0; ) {
		if (k.mv_size < plen || memcmp(k.mv_data, prefix, plen) != 0)
			break;
		if (k.mv_size >= sizeof name) {
			r = mdb_cursor_get(c, &k, &v, MDB_NEXT);
			continue;
		}
		memcpy(name, k.mv_data, k.mv_size);
		name[k.mv_size] = '\0';
		w = t->nwrites;
		if ((rc = fn(ctx, name, store_sval(&v))) != 0)
			break;
		if (t->nwrites != w) {
			k = store_mdbval(name, strlen(name));
			r = store_cursor_after(c, &k, &v, false, false);
		} else
			r = mdb_cursor_get(c, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc == 0 && r != 0 && r != MDB_NOTFOUND)
		rc = store_fail(t, r, "reading meta");
	return rc;
}

static int
store_seq_name(struct store_txn *t, const char *name, char *buf, size_t sz)
{
	int rc;

	if ((rc = store_name_check(t, "sequence", name)) != 0)
		return rc;
	snprintf(buf, sz, "seq:%s", name);
	return 0;
}

int
store_seq_get(struct store_txn *t, const char *name, uint64_t *out)
{
	char key[STORE_NAME_MAX + 8];
	struct store_val v;
	int rc;

	*out = 0;
	if ((rc = store_seq_name(t, name, key, sizeof key)) != 0)
		return rc;
	rc = store_meta_get(t, key, &v);
	if (rc == GB_ENOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	if (v.size != 8)
		return store_err(t->st, GB_EIO, "meta %s has %zu bytes, not 8 "
		    "(damaged counter)", key, v.size);
	*out = get_be64(v.data);
	return 0;
}

int
store_seq_set(struct store_txn *t, const char *name, uint64_t val)
{
	char key[STORE_NAME_MAX + 8];
	unsigned char b[8];
	int rc;

	if ((rc = store_seq_name(t, name, key, sizeof key)) != 0)
		return rc;
	put_be64(b, val);
	return store_meta_put(t, key, b, sizeof b);
}

int
store_seq_next(struct store_txn *t, const char *name, uint64_t *out)
{
	uint64_t cur;
	int rc;

	*out = 0;
	if ((rc = store_writable(t, "store_seq_next")) != 0 ||
	    (rc = store_seq_get(t, name, &cur)) != 0)
		return rc;
	if (cur == UINT64_MAX)
		return store_err(t->st, GB_EFULL, "sequence %s is exhausted",
		    name);
	if ((rc = store_seq_set(t, name, cur + 1)) != 0)
		return rc;
	*out = cur + 1;
	return 0;
}
