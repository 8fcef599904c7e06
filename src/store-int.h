/*
 * store-int.h — what the store*.c files share and nobody else sees: the
 * layout of struct store and struct store_txn, the table (dbi) cache, and
 * the error helpers that turn an LMDB code into a GB_* code plus a message
 * naming the database directory.  Only store*.c include this (and so
 * <lmdb.h>).
 */
#ifndef GRIDBOOK_STORE_INT_H
#define GRIDBOOK_STORE_INT_H

#include <sys/types.h>

#include <lmdb.h>

#include "store.h"

#define STORE_MAXDBS	 256		/* 3 tables per form + audit, draft, meta */
#define STORE_MAXREADERS 510		/* concurrent read txns, all processes */
#define STORE_NAME_MAX	 200		/* longest form / meta / seq name */
#define STORE_MAP_MAX	 (sizeof(size_t) >= 8 ? (size_t)1 << 40 : \
			     (size_t)1 << 30)	/* map growth stops here */

/* One cached table handle.  owner is the transaction that opened it and has
 * not ended yet (LMDB keeps such a handle private to it, and closes it if
 * the transaction aborts); NULL once it is shared by the environment.  A
 * shared handle may be used by transactions that began at or after epoch. */
struct store_dbi {
	char			*name;
	MDB_dbi			 dbi;
	struct store_txn	*owner;
	uint64_t		 epoch;
};

struct store {
	MDB_env			*env;
	char			*dir;
	dev_t			 dev;		/* of dir: one env per directory */
	ino_t			 ino;		/* and process (see store-open.c) */
	pid_t			 pid;
	int			 refs;
	struct store		*next;
	bool			 readonly;
	bool			 broken;	/* the map could not be re-made */
	struct store_dbi	*dbis;
	size_t			 ndbis;
	uint64_t		 epoch;		/* bumped when handles are shared */
	int			 ntxn;		/* live transactions in this process */
	struct store_txn	*wtxn;		/* the write transaction, if any */
	struct store_txn	*opener;	/* the txn with private handles */
};

struct store_txn {
	struct store	*st;
	MDB_txn		*txn;
	bool		 rdonly;
	uint64_t	 epoch;		/* st->epoch when it began */
	uint64_t	 nwrites;	/* puts and dels so far: scans re-seek
					 * when a callback wrote */
	int		 failed;	/* first error that spoiled the txn */
	uint64_t	 time_us;	/* audit time of this txn; 0 = unset */
};

/* store.c */
/*
 * The handle of table `kind` (":" form when form is not NULL).  flags may
 * hold MDB_CREATE (only in a write txn) and MDB_DUPSORT|MDB_DUPFIXED.
 * Returns 0, GB_ENOTFOUND when the table does not exist in this snapshot
 * and was not to be created (callers treat that as empty), or an error with
 * its message set.
 */
int store_table(struct store_txn *, const char *kind, const char *form,
    unsigned flags, MDB_dbi *);
/* The same by the table's full name ("rec:household", "meta"). */
int store_table_name(struct store_txn *, const char *name, unsigned flags,
    MDB_dbi *);
/* Refuse a change in a read-only transaction: 0 or GB_EINVAL. */
int store_writable(struct store_txn *, const char *what);
/* Map an LMDB (or errno) code from an operation in t to a GB_* code, set the
 * message "DIR: what: reason", and remember errors that spoil the txn (map
 * full, I/O) so store_write neither commits nor loses them. */
int store_fail(struct store_txn *, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Set the message to "DIR: ..." and return code. */
int store_err(const struct store *, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for messages without a store (store_open). */
int store_errdir(const char *dir, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The GB_* code for an LMDB or errno code. */
int store_code(int rc);
/* Whether an errno code means the disk (or file size limit) is full, or
 * that the directory or file may not be written. */
bool store_rc_nospace(int rc);
bool store_rc_readonly(int rc);
/* A cursor on dbi; on failure the message is set. */
int store_cursor(struct store_txn *, MDB_dbi, const char *table,
    MDB_cursor **);
/* Position c at the first entry after (key, data) in key-then-data order
 * (reverse: the last entry before key), after the cursor's table changed
 * under it.  dup says whether the table is dupsort. */
int store_cursor_after(MDB_cursor *, MDB_val *key, MDB_val *data, bool dup,
    bool reverse);
/* Whether a form / meta name is acceptable: non-empty, at most
 * STORE_NAME_MAX bytes.  Sets the message otherwise. */
int store_name_check(struct store_txn *, const char *what, const char *name);
/* Validate an index key length against the LMDB key limit. */
int store_key_check(struct store_txn *, const char *table, size_t len);

static inline MDB_val
store_mdbval(const void *p, size_t n)
{
	MDB_val v;

	v.mv_data = (void *)p;
	v.mv_size = n;
	return v;
}

static inline struct store_val
store_sval(const MDB_val *v)
{
	struct store_val s;

	s.data = v->mv_data;
	s.size = v->mv_size;
	return s;
}

#endif
