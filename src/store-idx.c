/*
 * store-idx.c — the idx:FORM and uniq:FORM tables.  Keys are the app's
 * field "\0" normalised-value bytes; values are 8-byte big-endian record
 * ids.  idx is MDB_DUPSORT|MDB_DUPFIXED (one key, many ids, ids in numeric
 * order); uniq holds one id per key.  A scan walks keys in byte order,
 * exact (one key) or by prefix (the search box), and every id under each.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"

#define STORE_IDX_FLAGS (MDB_CREATE | MDB_DUPSORT | MDB_DUPFIXED)

/* A key for a message: "field=value", cut, other control bytes as '?'. */
static const char *
store_idx_show(const void *key, size_t len, char *buf, size_t sz)
{
	const unsigned char *p = key;
	size_t i, n = 0;

	for (i = 0; i < len && n + 4 < sz; i++) {
		if (p[i] == '\0')
			buf[n++] = '=';
		else if (p[i] < 0x20 || p[i] == 0x7f)
			buf[n++] = '?';
		else
			buf[n++] = (char)p[i];
	}
	if (i < len) {
		/* Do not leave half a UTF-8 sequence before the dots. */
		while (n > 0 && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0 && ((unsigned char)buf[n - 1] & 0xc0) == 0xc0)
			n--;
		buf[n++] = '.';
		buf[n++] = '.';
		buf[n++] = '.';
	}
	buf[n] = '\0';
	return buf;
}

static int
store_idx_id(struct store_txn *t, const char *table, const char *form,
    const MDB_val *d, uint64_t *id)
{
	if (d->mv_size != 8)
		return store_err(t->st, GB_EIO, "%s:%s holds an id of %zu bytes, "
		    "not 8 (damaged table)", table, form, d->mv_size);
	*id = get_be64(d->mv_data);
	return 0;
}

int
store_idx_add(struct store_txn *t, const char *form, const void *key,
    size_t keylen, uint64_t id)
{
	unsigned char idb[8];
	char show[80];
	MDB_dbi dbi;
	MDB_val k, d;
	int rc;

	if ((rc = store_writable(t, "store_idx_add")) != 0 ||
	    (rc = store_key_check(t, "idx", keylen)) != 0 ||
	    (rc = store_table(t, "idx", form, STORE_IDX_FLAGS, &dbi)) != 0)
		return rc;
	put_be64(idb, id);
	k = store_mdbval(key, keylen);
	d = store_mdbval(idb, 8);
	rc = mdb_put(t->txn, dbi, &k, &d, MDB_NODUPDATA);
	if (rc == MDB_KEYEXIST)
		return 0;		/* already there */
	if (rc != 0)
		return store_fail(t, rc, "adding index %s of %s record %"
		    PRIu64, store_idx_show(key, keylen, show, sizeof show),
		    form, id);
	t->nwrites++;
	return 0;
}

int
store_idx_del(struct store_txn *t, const char *form, const void *key,
    size_t keylen, uint64_t id)
{
	unsigned char idb[8];
	char show[80];
	MDB_dbi dbi;
	MDB_val k, d;
	int rc;

	if ((rc = store_writable(t, "store_idx_del")) != 0 ||
	    (rc = store_key_check(t, "idx", keylen)) != 0)
		return rc;
	if ((rc = store_table(t, "idx", form, 0, &dbi)) == 0) {
		put_be64(idb, id);
		k = store_mdbval(key, keylen);
		d = store_mdbval(idb, 8);
		rc = mdb_del(t->txn, dbi, &k, &d);
		if (rc == 0) {
			t->nwrites++;
			return 0;
		}
		if (rc != MDB_NOTFOUND)
			return store_fail(t, rc, "deleting index %s of %s "
			    "record %" PRIu64, store_idx_show(key, keylen,
			    show, sizeof show), form, id);
	} else if (rc != GB_ENOTFOUND)
		return rc;
	return store_err(t->st, GB_ENOTFOUND, "no index entry %s for %s "
	    "record %" PRIu64, store_idx_show(key, keylen, show, sizeof show),
	    form, id);
}

int
store_idx_scan(struct store_txn *t, const char *form, const void *prefix,
    size_t prefixlen, bool exact,
    int (*fn)(void *, struct store_val, uint64_t), void *ctx)
{
	unsigned char kbuf[1024], idb[8];
	MDB_cursor *c;
	MDB_dbi dbi;
	MDB_val k, d, sk;
	uint64_t id = 0, w;
	int rc = 0, r;

	if (prefixlen == 0 && exact)
		return 0;
	if (prefixlen > 0 && (rc = store_key_check(t, "idx", prefixlen)) != 0)
		return rc;
	if ((rc = store_table(t, "idx", form, 0, &dbi)) != 0)
		return rc == GB_ENOTFOUND ? 0 : rc;
	if ((rc = store_cursor(t, dbi, "idx", &c)) != 0)
		return rc;
	k = store_mdbval(prefix, prefixlen);
	if (prefixlen == 0)
		r = mdb_cursor_get(c, &k, &d, MDB_FIRST);
	else
		r = mdb_cursor_get(c, &k, &d, exact ? MDB_SET_KEY :
		    MDB_SET_RANGE);
	while (r == 0) {
		if (k.mv_size < prefixlen || (exact && k.mv_size != prefixlen) ||
		    memcmp(k.mv_data, prefix, prefixlen) != 0)
			break;
		if ((rc = store_idx_id(t, "idx", form, &d, &id)) != 0)
			break;
		if (k.mv_size > sizeof kbuf) {
			rc = store_err(t->st, GB_EIO, "idx:%s holds a key of "
			    "%zu bytes (damaged table)", form, k.mv_size);
			break;
		}
		/* Keep the key: fn may change the table under the cursor. */
		memcpy(kbuf, k.mv_data, k.mv_size);
		sk = store_mdbval(kbuf, k.mv_size);
		w = t->nwrites;
		if ((rc = fn(ctx, store_sval(&k), id)) != 0)
			break;
		if (t->nwrites != w) {
			put_be64(idb, id);
			k = sk;
			d = store_mdbval(idb, 8);
			r = store_cursor_after(c, &k, &d, true, false);
		} else
			r = mdb_cursor_get(c, &k, &d, exact ? MDB_NEXT_DUP :
			    MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc == 0 && r != 0 && r != MDB_NOTFOUND)
		rc = store_fail(t, r, "reading index of %s", form);
	return rc;
}

int
store_uniq_put(struct store_txn *t, const char *form, const void *key,
    size_t keylen, uint64_t id, uint64_t *holder)
{
	unsigned char idb[8];
	char show[80];
	MDB_dbi dbi;
	MDB_val k, d;
	uint64_t h = 0;
	int rc;

	if (holder != NULL)
		*holder = 0;
	if ((rc = store_writable(t, "store_uniq_put")) != 0 ||
	    (rc = store_key_check(t, "uniq", keylen)) != 0 ||
	    (rc = store_table(t, "uniq", form, MDB_CREATE, &dbi)) != 0)
		return rc;
	put_be64(idb, id);
	k = store_mdbval(key, keylen);
	d = store_mdbval(idb, 8);
	rc = mdb_put(t->txn, dbi, &k, &d, MDB_NOOVERWRITE);
	if (rc == MDB_KEYEXIST) {
		/* d now holds the id already stored. */
		if ((rc = store_idx_id(t, "uniq", form, &d, &h)) != 0)
			return rc;
		if (h == id)
			return 0;
		if (holder != NULL)
			*holder = h;
		return store_err(t->st, GB_EEXIST, "%s is already held by %s "
		    "record %" PRIu64, store_idx_show(key, keylen, show,
		    sizeof show), form, h);
	}
	if (rc != 0)
		return store_fail(t, rc, "adding unique value %s of %s record %"
		    PRIu64, store_idx_show(key, keylen, show, sizeof show),
		    form, id);
	t->nwrites++;
	return 0;
}

int
store_uniq_get(struct store_txn *t, const char *form, const void *key,
    size_t keylen, uint64_t *holder)
{
	char show[80];
	MDB_dbi dbi;
	MDB_val k, d;
	int rc;

	*holder = 0;
	if ((rc = store_key_check(t, "uniq", keylen)) != 0)
		return rc;
	if ((rc = store_table(t, "uniq", form, 0, &dbi)) == 0) {
		k = store_mdbval(key, keylen);
		rc = mdb_get(t->txn, dbi, &k, &d);
		if (rc == 0)
			return store_idx_id(t, "uniq", form, &d, holder);
		if (rc != MDB_NOTFOUND)
			return store_fail(t, rc, "reading unique values of %s",
			    form);
	} else if (rc != GB_ENOTFOUND)
		return rc;
	return store_err(t->st, GB_ENOTFOUND, "no %s record holds %s", form,
	    store_idx_show(key, keylen, show, sizeof show));
}

int
store_uniq_del(struct store_txn *t, const char *form, const void *key,
    size_t keylen)
{
	char show[80];
	MDB_dbi dbi;
	MDB_val k;
	int rc;

	if ((rc = store_writable(t, "store_uniq_del")) != 0 ||
	    (rc = store_key_check(t, "uniq", keylen)) != 0)
		return rc;
	if ((rc = store_table(t, "uniq", form, 0, &dbi)) == 0) {
		k = store_mdbval(key, keylen);
		rc = mdb_del(t->txn, dbi, &k, NULL);
		if (rc == 0) {
			t->nwrites++;
			return 0;
		}
		if (rc != MDB_NOTFOUND)
			return store_fail(t, rc, "deleting unique value %s of "
			    "%s", store_idx_show(key, keylen, show,
			    sizeof show), form);
	} else if (rc != GB_ENOTFOUND)
		return rc;
	return store_err(t->st, GB_ENOTFOUND, "no %s record holds %s", form,
	    store_idx_show(key, keylen, show, sizeof show));
}

int
store_uniq_scan(struct store_txn *t, const char *form,
    int (*fn)(void *, struct store_val, uint64_t), void *ctx)
{
	unsigned char kbuf[1024];
	MDB_cursor *c;
	MDB_dbi dbi;
	MDB_val k, d;
	uint64_t id = 0, w;
	int rc = 0, r;

	if ((rc = store_table(t, "uniq", form, 0, &dbi)) != 0)
		return rc == GB_ENOTFOUND ? 0 : rc;
	if ((rc = store_cursor(t, dbi, "uniq", &c)) != 0)
		return rc;
	for (r = mdb_cursor_get(c, &k, &d, MDB_FIRST); r == 0; ) {
		if ((rc = store_idx_id(t, "uniq", form, &d, &id)) != 0)
			break;
		if (k.mv_size > sizeof kbuf) {
			rc = store_err(t->st, GB_EIO, "uniq:%s holds a key of "
			    "%zu bytes (damaged table)", form, k.mv_size);
			break;
		}
		memcpy(kbuf, k.mv_data, k.mv_size);
		w = t->nwrites;
		if ((rc = fn(ctx, store_sval(&k), id)) != 0)
			break;
		if (t->nwrites != w) {
			k = store_mdbval(kbuf, k.mv_size);
			r = store_cursor_after(c, &k, &d, false, false);
		} else
			r = mdb_cursor_get(c, &k, &d, MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc == 0 && r != 0 && r != MDB_NOTFOUND)
		rc = store_fail(t, r, "reading unique values of %s", form);
	return rc;
}

int
store_idx_clear(struct store_txn *t, const char *form)
{
	static const char *const kinds[] = { "idx", "uniq" };
	MDB_dbi dbi;
	size_t i;
	int rc;

	if ((rc = store_writable(t, "store_idx_clear")) != 0)
		return rc;
	for (i = 0; i < nitems(kinds); i++) {
		rc = store_table(t, kinds[i], form, 0, &dbi);
		if (rc == GB_ENOTFOUND)
			continue;
		if (rc != 0)
			return rc;
		if ((rc = mdb_drop(t->txn, dbi, 0)) != 0)
			return store_fail(t, rc, "clearing %s:%s", kinds[i],
			    form);
		t->nwrites++;
	}
	return 0;
}
