/*
 * store.c — the LMDB environment of one database directory: opening and
 * checking it, the table handle cache, transactions, and store_write's
 * grow-and-retry loop.  The table operations live in store-rec.c,
 * store-idx.c, store-audit.c, store-meta.c, store-draft.c, store-backup.c.
 *
 * Files and tables.  DIR holds LMDB's data.mdb and lock.mdb; every gridbook
 * process of every user opens the same environment, and LMDB's lock file
 * lets many readers and one writer work at once.  Named databases (keys of
 * LMDB's unnamed main database):
 *   meta        "magic" = "gridbook", "format" = STORE_FORMAT as decimal
 *               text, "seq:NAME" = u64be counters, and the app's own keys
 *   rec:FORM    u64be id -> encoded record (ids sort numerically)
 *   idx:FORM    field "\0" value -> u64be id, MDB_DUPSORT|MDB_DUPFIXED
 *   uniq:FORM   field "\0" value -> u64be id
 *   audit       u64be µs time, u64be seq -> encoded entry; append-only, the
 *               seq counts every entry ever written (1, 2, ...)
 *   draft       key text -> draft bytes
 * A new environment gets meta (magic, format), audit and draft in its first
 * write transaction.  Opening checks them: a data.mdb that is not LMDB, an
 * LMDB environment with other tables and no gridbook magic, or a format
 * newer than STORE_FORMAT is refused with GB_EFORMAT.
 *
 * Durability.  The environment is opened with LMDB's default syncing (no
 * MDB_NOSYNC, no MDB_NOMETASYNC, no MDB_WRITEMAP): when store_write returns
 * 0 the change is on disk and survives SIGKILL or power loss; a killed
 * writer leaves either all of a transaction or none of it.  Stale reader
 * slots of killed processes are cleared at open (mdb_reader_check).
 *
 * MDB_NOTLS.  gridbook uses no threads, but one process sometimes has two
 * read snapshots at once (a draft read while a list is open); without
 * MDB_NOTLS LMDB ties one reader slot to a thread and refuses the second.
 *
 * Table handles.  LMDB keeps a handle opened inside a transaction private
 * to it until it commits, and closes it if it aborts; a transaction sees
 * only handles that were shared before it began; and only one live
 * transaction of a process may be opening handles.  struct store caches
 * handles with their owner (the transaction that opened them, until it
 * ends) and the epoch at which they became shared; read transactions end
 * with mdb_txn_commit so handles they opened are kept.  On abort the cache
 * drops the handles of that transaction, so a retry never uses a stale one.
 * All existing tables are opened at store_open, so only tables created
 * later (a new form, or one another process created) are opened lazily.
 * A table that does not exist yet reads as empty.
 *
 * Map growth and retry.  The map starts at opts->mapsize (64 MiB default)
 * or the size recorded in the file, whichever is larger.  store_write runs
 * fn in a write transaction; when any put, delete or the commit reports
 * MDB_MAP_FULL (store_fail remembers it in the txn even if fn swallows the
 * error), the transaction is aborted, the map doubled with
 * mdb_env_set_mapsize (allowed only with no transaction of this process
 * live), and fn run again from scratch: fn must be repeatable.  Growth stops
 * at STORE_MAP_MAX (GB_EFULL).  When another process has grown the file
 * past this process's map, mdb_txn_begin says MDB_MAP_RESIZED; the map is
 * re-read from the file (mdb_env_set_mapsize(env, 0)) and the begin
 * retried.  A full disk (ENOSPC, quota, file size limit) is GB_EFULL and a
 * read-only directory GB_EIO, both with a message that says nothing of the
 * change was saved; what was committed before is untouched.
 *
 * Opening (creating, checking the format, sizing the map, opening the
 * handles of existing tables) is in store-open.c.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-int.h"

#define STORE_LOW_SPACE		((uint64_t)16 << 20)

static _Thread_local char store_msg[1024];

const char *
store_errmsg(void)
{
	return store_msg;
}

static int
store_verr(const char *dir, int code, const char *fmt, va_list ap)
{
	int n = 0;

	if (dir != NULL)
		n = snprintf(store_msg, sizeof store_msg, "%s: ", dir);
	if (n < 0 || (size_t)n >= sizeof store_msg)
		n = 0;
	vsnprintf(store_msg + n, sizeof store_msg - n, fmt, ap);
	return code;
}

int
store_errdir(const char *dir, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	store_verr(dir, code, fmt, ap);
	va_end(ap);
	return code;
}

int
store_err(const struct store *st, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	store_verr(st->dir, code, fmt, ap);
	va_end(ap);
	return code;
}

int
store_code(int rc)
{
	switch (rc) {
	case MDB_SUCCESS:
		return GB_OK;
	case MDB_NOTFOUND:
		return GB_ENOTFOUND;
	case MDB_KEYEXIST:
		return GB_EEXIST;
	case MDB_MAP_FULL:
		return GB_EMAPFULL;
	case MDB_TXN_FULL:
	case MDB_DBS_FULL:
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		return GB_EFULL;
	case MDB_READERS_FULL:
	case MDB_BAD_RSLOT:
	case EBUSY:
	case EAGAIN:
		return GB_EBUSY;
	case MDB_INVALID:
	case MDB_VERSION_MISMATCH:
	case MDB_INCOMPATIBLE:
		return GB_EFORMAT;
	case MDB_BAD_VALSIZE:
	case EINVAL:
		return GB_EINVAL;
	default:
		return GB_EIO;
	}
}

bool
store_rc_nospace(int rc)
{
	return rc == ENOSPC || rc == EDQUOT || rc == EFBIG;
}

bool
store_rc_readonly(int rc)
{
	return rc == EACCES || rc == EROFS || rc == EPERM;
}

int
store_fail(struct store_txn *t, int rc, const char *fmt, ...)
{
	char what[512];
	const char *dir = t->st->dir;
	int code = store_code(rc);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);

	if (store_rc_nospace(rc))
		store_errdir(NULL, code, "disk full writing %s (%s: %s): "
		    "nothing was saved from this change", dir, what,
		    mdb_strerror(rc));
	else if (store_rc_readonly(rc)) {
		code = GB_EIO;
		store_errdir(NULL, code, "cannot write %s (%s: %s): nothing "
		    "was saved from this change", dir, what, mdb_strerror(rc));
	} else if (rc == MDB_TXN_FULL)
		store_errdir(dir, code, "%s: the change is too large for one "
		    "transaction; nothing was saved", what);
	else if (rc == MDB_DBS_FULL)
		store_errdir(dir, code, "%s: too many tables (at most %d, "
		    "three per form)", what, STORE_MAXDBS);
	else if (rc == MDB_BAD_VALSIZE)
		store_errdir(dir, code, "%s: key or value too large", what);
	else if (rc == MDB_PANIC)
		store_errdir(dir, code, "%s: the database failed earlier in "
		    "this process; close gridbook and start it again", what);
	else
		store_errdir(dir, code, "%s: %s", what, mdb_strerror(rc));

	/* Errors after which LMDB refuses to commit the transaction. */
	if (code != GB_ENOTFOUND && code != GB_EEXIST && code != GB_EINVAL &&
	    t->failed == 0)
		t->failed = code;
	return code;
}

int
store_writable(struct store_txn *t, const char *what)
{
	if (!t->rdonly)
		return 0;
	return store_err(t->st, GB_EINVAL, "%s in a read-only transaction "
	    "(a bug: changes go through store_write)", what);
}

int
store_name_check(struct store_txn *t, const char *what, const char *name)
{
	size_t n;

	if (name == NULL || *name == '\0')
		return store_err(t->st, GB_EINVAL, "empty %s name", what);
	n = strlen(name);
	if (n > STORE_NAME_MAX)
		return store_err(t->st, GB_EINVAL, "%s name too long (%zu "
		    "bytes, at most %d): %.40s...", what, n, STORE_NAME_MAX,
		    name);
	return 0;
}

int
store_key_check(struct store_txn *t, const char *table, size_t len)
{
	size_t max = (size_t)mdb_env_get_maxkeysize(t->st->env);

	if (len == 0)
		return store_err(t->st, GB_EINVAL, "%s: empty key", table);
	if (len > max)
		return store_err(t->st, GB_EINVAL, "%s: key of %zu bytes is "
		    "longer than the limit of %zu (cut it with store_key_max)",
		    table, len, max);
	return 0;
}

size_t
store_key_max(const struct store *st)
{
	return (size_t)mdb_env_get_maxkeysize(st->env);
}

const char *
store_dir(const struct store *st)
{
	return st->dir;
}

size_t
store_mapsize(const struct store *st)
{
	MDB_envinfo info;

	if (mdb_env_info(st->env, &info) != 0)
		return 0;
	return info.me_mapsize;
}

/* The table handle cache. */

static struct store_dbi *
store_dbi_find(struct store *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->ndbis; i++)
		if (strcmp(st->dbis[i].name, name) == 0)
			return &st->dbis[i];
	return NULL;
}

int
store_table_name(struct store_txn *t, const char *name, unsigned flags,
    MDB_dbi *dbi)
{
	struct store *st = t->st;
	struct store_dbi *e;
	MDB_dbi d;
	int rc;

	if ((e = store_dbi_find(st, name)) != NULL) {
		if (e->owner == t || (e->owner == NULL && e->epoch <= t->epoch)) {
			*dbi = e->dbi;
			return 0;
		}
		goto nested;
	}
	if (st->opener != NULL && st->opener != t)
		goto nested;
	if (t->rdonly || !(flags & MDB_CREATE))
		flags = 0;
	rc = mdb_dbi_open(t->txn, name, flags, &d);
	if (rc == MDB_NOTFOUND) {
		store_err(st, GB_ENOTFOUND, "no table %s yet", name);
		return GB_ENOTFOUND;
	}
	if (rc == MDB_INCOMPATIBLE)
		return store_err(st, GB_EFORMAT, "%s is not a table of a "
		    "gridbook database", name);
	if (rc != 0)
		return store_fail(t, rc, "opening table %s", name);
	st->dbis = xreallocarray(st->dbis, st->ndbis + 1, sizeof *st->dbis);
	e = &st->dbis[st->ndbis++];
	e->name = xstrdup(name);
	e->dbi = d;
	e->owner = t;
	e->epoch = 0;
	st->opener = t;
	*dbi = d;
	return 0;

nested:
	return store_err(st, GB_EBUSY, "table %s is being opened by another "
	    "transaction of this process; end one transaction before "
	    "starting the next", name);
}

int
store_table(struct store_txn *t, const char *kind, const char *form,
    unsigned flags, MDB_dbi *dbi)
{
	char name[STORE_NAME_MAX + 16];
	int rc;

	if (form == NULL)
		return store_table_name(t, kind, flags, dbi);
	if ((rc = store_name_check(t, "form", form)) != 0)
		return rc;
	snprintf(name, sizeof name, "%s:%s", kind, form);
	return store_table_name(t, name, flags, dbi);
}

/* Transactions. */

static int
store_txn_begin(struct store *st, bool rdonly, struct store_txn *t)
{
	MDB_txn *txn;
	int rc, tries, dead;

	if (st->broken)
		return store_err(st, GB_EIO, "the database could not be "
		    "mapped again after growing; close gridbook and start it "
		    "again");
	for (tries = 0;; tries++) {
		rc = mdb_txn_begin(st->env, NULL, rdonly ? MDB_RDONLY : 0, &txn);
		if (rc == 0)
			break;
		if (rc == MDB_MAP_RESIZED && tries < 8) {
			if (st->ntxn > 0)
				return store_err(st, GB_EBUSY, "another process "
				    "grew the database while this one has a "
				    "transaction open; end it and retry");
			if ((rc = mdb_env_set_mapsize(st->env, 0)) != 0) {
				st->broken = true;
				return store_err(st, GB_EIO, "cannot map the "
				    "grown database: %s", mdb_strerror(rc));
			}
			continue;
		}
		if (rc == MDB_READERS_FULL && tries < 8) {
			dead = 0;
			if (mdb_reader_check(st->env, &dead) == 0 && dead > 0)
				continue;
		}
		if (rc == MDB_READERS_FULL)
			return store_err(st, GB_EBUSY, "too many gridbook "
			    "sessions are reading the database (at most %d)",
			    STORE_MAXREADERS);
		return store_err(st, store_code(rc), "cannot start a %s "
		    "transaction: %s", rdonly ? "read" : "write",
		    mdb_strerror(rc));
	}
	memset(t, 0, sizeof *t);
	t->st = st;
	t->txn = txn;
	t->rdonly = rdonly;
	t->epoch = st->epoch;
	st->ntxn++;
	if (!rdonly)
		st->wtxn = t;
	return 0;
}

/* Bookkeeping after the LMDB transaction ended: keep (share) or drop the
 * handles it opened. */
static void
store_txn_done(struct store_txn *t, bool keep)
{
	struct store *st = t->st;
	bool bumped = false;
	size_t i = 0;

	while (i < st->ndbis) {
		struct store_dbi *e = &st->dbis[i];

		if (e->owner != t) {
			i++;
			continue;
		}
		if (keep) {
			if (!bumped) {
				st->epoch++;
				bumped = true;
			}
			e->owner = NULL;
			e->epoch = st->epoch;
			i++;
			continue;
		}
		free(e->name);
		memmove(e, e + 1, (st->ndbis - i - 1) * sizeof *e);
		st->ndbis--;
	}
	if (st->opener == t)
		st->opener = NULL;
	if (st->wtxn == t)
		st->wtxn = NULL;
	st->ntxn--;
	t->txn = NULL;
}

static void
store_txn_abort(struct store_txn *t)
{
	mdb_txn_abort(t->txn);
	store_txn_done(t, false);
}

int
store_read(struct store *st, struct store_txn **out)
{
	struct store_txn *t = xcalloc(1, sizeof *t);
	int rc;

	*out = NULL;
	if ((rc = store_txn_begin(st, true, t)) != 0) {
		free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void
store_txn_end(struct store_txn *t)
{
	if (t == NULL)
		return;
	if (!t->rdonly)
		fatal("store_txn_end on a write transaction (store_write "
		    "ends it)");
	/* Commit, not abort: a read txn keeps the handles it opened. */
	mdb_txn_commit(t->txn);
	store_txn_done(t, true);
	free(t);
}

static int
store_grow(struct store *st)
{
	MDB_envinfo info;
	size_t cur, base, next;
	int rc;

	if (st->ntxn > 0)
		return store_err(st, GB_EBUSY, "the database is full and "
		    "cannot grow while another transaction of this process is "
		    "open; nothing was saved from this change");
	mdb_env_info(st->env, &info);
	cur = info.me_mapsize;
	/* Pick up a size another process recorded. */
	if ((rc = mdb_env_set_mapsize(st->env, 0)) != 0)
		goto broken;
	mdb_env_info(st->env, &info);
	base = info.me_mapsize > cur ? info.me_mapsize : cur;
	if (base >= STORE_MAP_MAX)
		return store_err(st, GB_EFULL, "the database reached its "
		    "largest size (%zu MiB); nothing was saved from this "
		    "change", STORE_MAP_MAX >> 20);
	next = base > STORE_MAP_MAX / 2 ? STORE_MAP_MAX : base * 2;
	if ((rc = mdb_env_set_mapsize(st->env, next)) == 0)
		return 0;
broken:
	st->broken = true;
	return store_err(st, GB_EFULL, "cannot grow the database map: %s; "
	    "nothing was saved from this change", mdb_strerror(rc));
}

/* LMDB reports a short write as EIO.  When the disk, or the file size
 * limit, is (nearly) reached, that is what happened: say so. */
static int
store_commit_rc(struct store *st, int rc)
{
	struct statvfs vfs;
	struct rlimit rl;
	struct stat sb;
	char *path;

	if (rc != EIO)
		return rc;
	if (statvfs(st->dir, &vfs) == 0 &&
	    (uint64_t)vfs.f_bavail * vfs.f_frsize < STORE_LOW_SPACE)
		return ENOSPC;
	if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
		path = xasprintf("%s/data.mdb", st->dir);
		if (stat(path, &sb) == 0 &&
		    (uint64_t)sb.st_size + STORE_LOW_SPACE >= rl.rlim_cur)
			rc = EFBIG;
		free(path);
	}
	return rc;
}

int
store_write(struct store *st, int (*fn)(struct store_txn *, void *),
    void *ctx)
{
	struct store_txn t;
	int rc, frc;

	if (st->readonly)
		return store_err(st, GB_EIO, "the database is open read-only; "
		    "nothing was saved");
	if (st->wtxn != NULL)
		return store_err(st, GB_EINVAL, "store_write inside another "
		    "write transaction (a bug)");
	for (;;) {
		if ((rc = store_txn_begin(st, false, &t)) != 0)
			return rc;
		frc = fn(&t, ctx);
		if (t.failed == GB_EMAPFULL) {
			store_txn_abort(&t);
			if ((rc = store_grow(st)) != 0)
				return rc;
			continue;
		}
		if (frc != 0) {
			store_txn_abort(&t);
			return frc;
		}
		if (t.failed != 0) {
			/* fn ignored an error that spoiled the txn: its
			 * message is still in store_errmsg(). */
			store_txn_abort(&t);
			return t.failed;
		}
		rc = mdb_txn_commit(t.txn);
		store_txn_done(&t, rc == 0);
		if (rc == 0)
			return 0;
		if (rc == MDB_MAP_FULL) {
			if ((rc = store_grow(st)) != 0)
				return rc;
			continue;
		}
		return store_fail(&t, store_commit_rc(st, rc),
		    "saving the change");
	}
}

/* Cursors. */

int
store_cursor(struct store_txn *t, MDB_dbi dbi, const char *table,
    MDB_cursor **c)
{
	int rc;

	if ((rc = mdb_cursor_open(t->txn, dbi, c)) != 0)
		return store_fail(t, rc, "reading %s", table);
	return 0;
}

int
store_cursor_after(MDB_cursor *c, MDB_val *key, MDB_val *data, bool dup,
    bool reverse)
{
	MDB_val k = *key, d = *data;
	int rc, cmp;

	if (reverse) {
		/* Not used on dupsort tables. */
		rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
		if (rc == MDB_NOTFOUND)
			rc = mdb_cursor_get(c, &k, &d, MDB_LAST);
		else if (rc == 0)
			rc = mdb_cursor_get(c, &k, &d, MDB_PREV);
		goto out;
	}
	if (dup) {
		rc = mdb_cursor_get(c, &k, &d, MDB_GET_BOTH_RANGE);
		if (rc == 0) {
			cmp = d.mv_size == data->mv_size ?
			    memcmp(d.mv_data, data->mv_data, d.mv_size) : 1;
			if (cmp == 0)
				rc = mdb_cursor_get(c, &k, &d, MDB_NEXT);
			goto out;
		}
		if (rc != MDB_NOTFOUND)
			goto out;
		k = *key;
		rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
		if (rc == 0 && k.mv_size == key->mv_size &&
		    memcmp(k.mv_data, key->mv_data, k.mv_size) == 0)
			rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_NODUP);
		goto out;
	}
	rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
	if (rc == 0 && k.mv_size == key->mv_size &&
	    memcmp(k.mv_data, key->mv_data, k.mv_size) == 0)
		rc = mdb_cursor_get(c, &k, &d, MDB_NEXT);
out:
	/* GET_BOTH_RANGE leaves k pointing at the caller's copy. */
	if (rc == 0)
		rc = mdb_cursor_get(c, &k, &d, MDB_GET_CURRENT);
	if (rc == 0) {
		*key = k;
		*data = d;
	}
	return rc;
}
