/*
 * store.h — the LMDB environment: bytes in named tables, nothing else.  The
 * only layer that includes <lmdb.h>.  It knows no forms, fields or YAML: the
 * app layer hands it encoded records, index keys and audit entries, and gets
 * bytes back.
 *
 * Tables (LMDB named databases):
 *   rec:FORM    u64 big-endian id      -> encoded record
 *   idx:FORM    field "\0" value       -> u64 big-endian id   (dupsort)
 *   uniq:FORM   field "\0" value       -> u64 big-endian id
 *   audit       u64be µs time, u64be seq -> encoded audit entry
 *   draft       key text                -> draft bytes
 *   meta        name                    -> value ("format", "seq:...")
 *
 * Every change happens inside store_write(), which runs a caller's function
 * in one write transaction and commits it; when the map fills it aborts,
 * grows the map and runs the function again, so the function must be
 * repeatable (compute from its arguments, not from state it changed).  No
 * transaction is ever kept open across a wait for a person: front ends call
 * app functions that open and close them.
 *
 * Errors are the GB_* codes of util.h; LMDB's codes are mapped explicitly
 * (MDB_NOTFOUND -> GB_ENOTFOUND, MDB_KEYEXIST -> GB_EEXIST, MDB_MAP_FULL ->
 * grow and retry, ENOSPC -> GB_EFULL, EACCES/EROFS -> GB_EIO, MDB_INVALID /
 * MDB_VERSION_MISMATCH / a newer meta "format" -> GB_EFORMAT).  store_errmsg()
 * gives the last error's full message for the calling thread.
 */
#ifndef GRIDBOOK_STORE_H
#define GRIDBOOK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define STORE_FORMAT 1		/* meta "format" written by this version */

struct store;
struct store_txn;

struct store_opts {
	size_t	 mapsize;	/* initial map size; 0 = 64 MiB */
	bool	 readonly;	/* open for reading only */
	bool	 create;	/* create the directory if missing */
};

/* A view of stored bytes: valid until the transaction ends or the next
 * write in it (LMDB's rule).  Copy what you keep. */
struct store_val {
	const void	*data;
	size_t		 size;
};

/* Open or create the database directory.  On error returns a GB_* code and
 * a message naming the directory in store_errmsg().  A directory already
 * open in this process (LMDB forbids two environments on one file in a
 * process) gives the same store back, counted: each store_open needs its
 * store_close; opening it read-only while open for writing (or the other
 * way) is GB_EBUSY. */
int store_open(const char *dir, const struct store_opts *, struct store **);
void store_close(struct store *);
const char *store_errmsg(void);
const char *store_dir(const struct store *);

/* A read-only snapshot.  Ends with store_txn_end(). */
int store_read(struct store *, struct store_txn **);
void store_txn_end(struct store_txn *);

/* Run fn in one write transaction; commit if fn returns 0, abort otherwise
 * and return fn's code.  Map-full is handled inside (grow, rerun fn). */
int store_write(struct store *, int (*fn)(struct store_txn *, void *),
    void *ctx);

/* Records of a form. */
int store_rec_get(struct store_txn *, const char *form, uint64_t id,
    struct store_val *out);
int store_rec_put(struct store_txn *, const char *form, uint64_t id,
    const void *, size_t);
int store_rec_del(struct store_txn *, const char *form, uint64_t id);
/* Call fn for each record in id order (descending if reverse), starting
 * after `after` (0 = from the start / end); fn returns nonzero to stop,
 * and that value is returned. */
int store_rec_scan(struct store_txn *, const char *form, bool reverse,
    uint64_t after, int (*fn)(void *ctx, uint64_t id, struct store_val),
    void *ctx);
/* Number of records of a form. */
int store_rec_count(struct store_txn *, const char *form, size_t *n);
/* The largest id in use (0 when none). */
int store_rec_last(struct store_txn *, const char *form, uint64_t *id);

/* Index entries.  key is field "\0" value as bytes (keylen counts both);
 * keys longer than store_key_max() are cut at that length by the caller. */
size_t store_key_max(const struct store *);
int store_idx_add(struct store_txn *, const char *form, const void *key,
    size_t keylen, uint64_t id);
int store_idx_del(struct store_txn *, const char *form, const void *key,
    size_t keylen, uint64_t id);
/* Every id under keys starting with prefix (exact: only the key itself),
 * in key then id order; fn's nonzero return stops and is returned.  The
 * key seen is passed too. */
int store_idx_scan(struct store_txn *, const char *form, const void *prefix,
    size_t prefixlen, bool exact,
    int (*fn)(void *ctx, struct store_val key, uint64_t id), void *ctx);

/* Unique values: GB_EEXIST with *holder set when another id holds key. */
int store_uniq_put(struct store_txn *, const char *form, const void *key,
    size_t keylen, uint64_t id, uint64_t *holder);
int store_uniq_get(struct store_txn *, const char *form, const void *key,
    size_t keylen, uint64_t *holder);
int store_uniq_del(struct store_txn *, const char *form, const void *key,
    size_t keylen);
int store_uniq_scan(struct store_txn *, const char *form,
    int (*fn)(void *ctx, struct store_val key, uint64_t id), void *ctx);

/* Audit: appended with the transaction's time; key order is time order. */
int store_audit_add(struct store_txn *, const void *, size_t);
/* Entries in time order from `since_us` (0 = all). */
int store_audit_scan(struct store_txn *, uint64_t since_us,
    int (*fn)(void *ctx, uint64_t time_us, struct store_val), void *ctx);

/* Sequences and metadata. */
/* Increment counter `name` and return the new value (first is 1). */
int store_seq_next(struct store_txn *, const char *name, uint64_t *out);
int store_seq_get(struct store_txn *, const char *name, uint64_t *out);
int store_seq_set(struct store_txn *, const char *name, uint64_t);
int store_meta_get(struct store_txn *, const char *name,
    struct store_val *out);
int store_meta_put(struct store_txn *, const char *name, const void *,
    size_t);
int store_meta_scan(struct store_txn *, const char *prefix,
    int (*fn)(void *ctx, const char *name, struct store_val), void *ctx);

/* Drafts, by a text key (a C string of at most store_key_max() bytes).
 * The app joins user, form and record id (or "new") with "/", e.g.
 * "alice/household/new" (login and form names hold no "/"), so the prefix
 * "alice/" lists one user's drafts.  Written in their own small
 * transaction each (they are saved on every field change).  Not to be
 * called from inside a store_write fn. */
int store_draft_put(struct store *, const char *key, const void *, size_t);
/* *out is malloc'd; caller frees. */
int store_draft_get(struct store *, const char *key, void **out,
    size_t *len);
int store_draft_del(struct store *, const char *key);
int store_draft_scan(struct store *, const char *prefix,
    int (*fn)(void *ctx, const char *key, struct store_val), void *ctx);

/* The names of forms that have a rec: table (for `check`), in byte order;
 * *names and each name are malloc'd, the caller frees them. */
int store_forms(struct store_txn *, char ***names, size_t *n);
/* Drop every entry of idx:FORM and uniq:FORM (for reindex). */
int store_idx_clear(struct store_txn *, const char *form);

/* A consistent, compacted copy while others keep working; dest must not
 * exist (GB_EEXIST).  Creates dest as a directory. */
int store_backup(struct store *, const char *dest);

/* The current map size, and statistics for `check` and benchmarks. */
size_t store_mapsize(const struct store *);

#endif
