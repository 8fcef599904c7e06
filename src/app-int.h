/*
 * app-int.h — internals shared by the app-*.c files: error messages, access
 * tests, index keys, id sets, the audit codec and the one-transaction change
 * functions.  Not for the front ends (they use app.h); other app files (an
 * importer, an exporter) may use it to do several changes in one store_write
 * with exactly the checks and audit entries app_save does.
 */
#ifndef GRIDBOOK_APP_INT_H
#define GRIDBOOK_APP_INT_H

#include <stdarg.h>

#include "app.h"

/* app.c */
/* Replace the session's message (app_errmsg). */
void app_seterr(struct session *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void app_clearerr(struct session *);
/* The grid that decides access: the top-level `grid` value of a record of
 * a `scope: grid` form (NULL for community forms or when empty). */
const char *app_record_grid(const struct form *, const struct record *);
/* Whether this user's access to records of f is limited to their grids. */
bool app_scoped(const struct session *, const struct form *);
/* Whether grid is one of the user's grids (true when not scoped). */
bool app_grid_ok(const struct session *, const struct form *,
    const char *grid);
/* "household HH-000012", or "new household": malloc'd. */
char *app_recname(const struct form *, const struct record *);

/* app-util.c: keys, lookups, id sets. */
/* The store key field "\0" value, cut at the store's key limit (at a UTF-8
 * character boundary). */
void app_key(const struct store *, struct buf *, const char *field,
    const char *value);
/* Resolve a human id ("HH-000231") or a numeric id to a stored id: the
 * `_hid` index first, then the number.  GB_ENOTFOUND when neither. */
int app_resolve(struct store_txn *, const struct store *,
    const struct form *, const char *id, uint64_t *out);
/* Read and decode record id of f; GB_ENOTFOUND, GB_EFORMAT (err filled). */
int app_load(struct store_txn *, const struct form *, uint64_t id,
    struct record **out, char *err, size_t errlen);
/* The human id of record id (malloc'd), or NULL. */
char *app_load_hid(struct store_txn *, const struct form *, uint64_t id);
/* The record path of field `key` ("members.id_card") whose normalised value
 * is nval, and its text; false when none. */
bool app_find_path(const struct record *, const char *keyfield,
    const char *nval, const char **path, const char **text);
/* Strip member numbers from a record path: "members.2.name" ->
 * "members.name" (malloc'd). */
char *app_field_path(const char *path);

/* A set (or map) of nonzero 64-bit keys: record ids, or hashes. */
struct u64map {
	uint64_t	*k;
	uint64_t	*v;
	size_t		 n;
	size_t		 cap;		/* power of two or 0 */
};
#define U64MAP_INIT { NULL, NULL, 0, 0 }
/* Pointer to the value of k, inserting 0 when absent (k != 0). */
uint64_t *u64map_slot(struct u64map *, uint64_t k);
bool u64map_has(const struct u64map *, uint64_t k);
void u64map_free(struct u64map *);
/* A 64-bit hash of bytes, mixed with a number; never 0. */
uint64_t app_hash(const void *, size_t, uint64_t salt);
/* The ids of records of f in the user's grids (from the `_grid` index). */
int app_grid_ids(struct store_txn *, const struct session *,
    const struct form *, struct u64map *);

/* app-audit.c: the audit entry codec.  See app-audit.c for the layout. */
struct audit_entry {
	char		*user;
	char		*form;
	uint64_t	 id;
	char		*hid;
	char		*action;
	char		*grid;		/* the record's grid, for leaders */
	uint32_t	 rev;		/* the record's rev after the change */
	struct changes	 changes;
};
void audit_encode(const struct audit_entry *, struct buf *);
int audit_decode(const void *, size_t, struct audit_entry *, char *err,
    size_t errlen);
void audit_entry_free(struct audit_entry *);
/* Append an entry for a change of rec in txn (rec NULL: a form-level
 * action such as an export, detail in changes). */
int app_audit_append(struct store_txn *, const struct session *,
    const struct form *, const struct record *rec, const char *action,
    const struct changes *);
/* The paths of record id changed by saves after rev `since` (entries
 * from since_time, seconds), old value as at `since` and new as in cur. */
int app_audit_since(struct store_txn *, const struct form *, uint64_t id,
    uint32_t since, int64_t since_time, const struct record *cur,
    struct changes *out);

/* app-record.c: changes inside a caller's write transaction.  Each resets
 * *w first, so they may be rerun by store_write. */
struct app_wr {
	struct record	*saved;		/* the record as stored now */
	struct verrors	 errs;
	struct changes	 conflicts;
	char		*msg;		/* for app_seterr */
};
void app_wr_reset(struct app_wr *);
int app_tx_save(struct store_txn *, struct session *, const struct form *,
    const struct record *in, int64_t now, struct app_wr *);
int app_tx_move(struct store_txn *, struct session *, const struct form *,
    const struct record *in, const char *to, int64_t now, struct app_wr *);
int app_tx_delete(struct store_txn *, struct session *, const struct form *,
    const struct record *in, struct app_wr *);
/* Replace the index and unique entries of old by those of new (either may
 * be NULL).  GB_EEXIST with w->msg naming the holder. */
int app_tx_index(struct store_txn *, struct session *, const struct form *,
    uint64_t id, const struct record *old, const struct record *new,
    struct app_wr *);

/* app-draft.c */
char *app_draft_key(const char *user, const char *form,
    const char *id_or_new);

#endif
