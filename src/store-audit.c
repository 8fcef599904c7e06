/*
 * store-audit.c — the audit table: append-only, keyed by 8-byte big-endian
 * microseconds (CLOCK_REALTIME, read once per transaction) then an 8-byte
 * big-endian sequence that counts every entry ever written (1, 2, 3...).
 * Write transactions are serialised by LMDB across processes, so taking
 * the last key and adding one to its sequence makes keys unique and
 * strictly increasing; when the clock has gone backwards (or another
 * machine's clock was ahead) the time is held at the last entry's, so key
 * order is always the order of writing.  A gap in the sequence means an
 * entry was lost, which `gridbook check` can see.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "store-int.h"

static uint64_t
store_audit_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) == -1 || ts.tv_sec < 0)
		return 1;
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

int
store_audit_add(struct store_txn *t, const void *p, size_t n)
{
	unsigned char kb[16];
	MDB_cursor *c;
	MDB_dbi dbi;
	MDB_val k, v;
	uint64_t time_us, seq = 1;
	int rc, r;

	if ((rc = store_writable(t, "store_audit_add")) != 0 ||
	    (rc = store_table(t, "audit", NULL, MDB_CREATE, &dbi)) != 0)
		return rc;
	if (t->time_us == 0)
		t->time_us = store_audit_now();
	time_us = t->time_us;
	if ((rc = store_cursor(t, dbi, "audit", &c)) != 0)
		return rc;
	r = mdb_cursor_get(c, &k, &v, MDB_LAST);
	if (r == 0) {
		if (k.mv_size != 16)
			rc = store_err(t->st, GB_EIO, "audit holds a key of %zu "
			    "bytes, not 16 (damaged table)", k.mv_size);
		else {
			uint64_t lt = get_be64(k.mv_data);

			seq = get_be64((const unsigned char *)k.mv_data + 8) + 1;
			if (lt > time_us)
				time_us = lt;
		}
	} else if (r != MDB_NOTFOUND)
		rc = store_fail(t, r, "reading the audit trail");
	if (rc == 0) {
		put_be64(kb, time_us);
		put_be64(kb + 8, seq);
		k = store_mdbval(kb, 16);
		v = store_mdbval(p, n);
		if ((r = mdb_cursor_put(c, &k, &v, MDB_APPEND)) != 0)
			rc = store_fail(t, r, "writing audit entry %" PRIu64,
			    seq);
		else
			t->nwrites++;
	}
	mdb_cursor_close(c);
	return rc;
}

int
store_audit_scan(struct store_txn *t, uint64_t since_us,
    int (*fn)(void *, uint64_t, struct store_val), void *ctx)
{
	unsigned char kb[16];
	MDB_cursor *c;
	MDB_dbi dbi;
	MDB_val k, v;
	uint64_t w;
	int rc = 0, r;

	if ((rc = store_table(t, "audit", NULL, 0, &dbi)) != 0)
		return rc == GB_ENOTFOUND ? 0 : rc;
	if ((rc = store_cursor(t, dbi, "audit", &c)) != 0)
		return rc;
	put_be64(kb, since_us);
	put_be64(kb + 8, 0);
	k = store_mdbval(kb, 16);
	r = mdb_cursor_get(c, &k, &v, since_us == 0 ? MDB_FIRST :
	    MDB_SET_RANGE);
	while (r == 0) {
		if (k.mv_size != 16) {
			rc = store_err(t->st, GB_EIO, "audit holds a key of %zu "
			    "bytes, not 16 (damaged table)", k.mv_size);
			break;
		}
		memcpy(kb, k.mv_data, 16);
		w = t->nwrites;
		if ((rc = fn(ctx, get_be64(kb), store_sval(&v))) != 0)
			break;
		if (t->nwrites != w) {
			k = store_mdbval(kb, 16);
			r = store_cursor_after(c, &k, &v, false, false);
		} else
			r = mdb_cursor_get(c, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc == 0 && r != 0 && r != MDB_NOTFOUND)
		rc = store_fail(t, r, "reading the audit trail");
	return rc;
}
