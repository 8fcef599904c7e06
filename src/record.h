/*
 * record.h — a record's values, their validation against a form, the binary
 * codec, and the index keys a record yields.  No YAML, no LMDB, no curses:
 * records are plain memory here; the app layer moves them through the store.
 *
 * Values are kept flat, by path, as canonical text (see field.h):
 *     "address"            a top-level field
 *     "members.2.name"     field `name` of the 2nd member of group `members`
 * Member numbers are 1-based and dense (1..count).  An empty value is never
 * stored: setting "" removes the path.  Values are ordered by path with
 * member numbers compared as numbers, so records compare and diff simply.
 */
#ifndef GRIDBOOK_RECORD_H
#define GRIDBOOK_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "spec.h"
#include "util.h"

#define RECORD_FORMAT 1		/* codec format version written */

struct value {
	char	*path;
	char	*text;
};

struct record {
	uint64_t	 id;		/* store key; 0 = not saved yet */
	char		*hid;		/* human id "HH-000231"; NULL if new */
	uint32_t	 rev;		/* 0 = new; +1 per saved change */
	char		*state;		/* workflow state or NULL */
	char		*grid;		/* grid code or NULL */
	int64_t		 created;	/* unix seconds */
	int64_t		 updated;
	char		*cuser;		/* login that created it */
	char		*uuser;		/* login of the last change */
	struct value	*v;
	size_t		 nv;
	size_t		 cap;
};

/* record.c: the value model.  Strings passed in are copied. */
struct record *record_new(void);
struct record *record_dup(const struct record *);
void record_free(struct record *);
/* The value at path, or NULL when empty.  Valid until the record changes. */
const char *record_get(const struct record *, const char *path);
/* Set (copying text) or, with NULL or "", remove the value at path. */
void record_set(struct record *, const char *path, const char *text);
void record_set_meta(char **slot, const char *text);
/* Number of members of a group: the highest N with any "group.N." value. */
unsigned record_group_count(const struct record *, const char *group);
/* Remove member n (1-based) and renumber those after it. */
void record_group_remove(struct record *, const char *group, unsigned n);
/* Move member `from` to position `to` (1-based), renumbering between. */
void record_group_move(struct record *, const char *group, unsigned from,
    unsigned to);
/* Compare paths as the record orders them ("m.2.x" < "m.10.x"). */
int record_path_cmp(const char *, const char *);

/* record-codec.c: the stored bytes.  Layout (all integers uvarint):
 *   magic "GBR", format, rev, id, created(zigzag), updated(zigzag),
 *   hid, state, grid, cuser, uuser (each: length + bytes), count,
 *   then count x (path length, path, text length, text).
 * Decoding checks every length against the buffer, UTF-8 validity and path
 * order, and refuses a newer format with GB_EFORMAT. */
void record_encode(const struct record *, struct buf *out);
int record_decode(const void *, size_t, struct record **out, char *err,
    size_t errlen);

/* record-validate.c */
struct verror {
	char	*path;		/* "members.2.id_card", or "" for the record */
	char	*msg;		/* "not a valid ID number: check digit ..." */
};
struct verrors {
	struct verror	*v;
	size_t		 n;
	size_t		 cap;
};
#define VERRORS_INIT { NULL, 0, 0 }
void verrors_add(struct verrors *, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void verrors_free(struct verrors *);

/*
 * Parse what a person typed for field f into canonical text: the type's
 * parse, then choices (a label or code maps to the code), then the field's
 * min/max/length/pattern.  Empty input gives *out = NULL and 0.  Returns 0,
 * or -1 with a message in err naming the problem and what would be valid.
 */
int record_parse_value(const struct field *f, const char *in, char **out,
    char *err, size_t errlen);
/* Whether the field at path is shown for this record (its show_if, and its
 * group's), evaluated with the record's values and state. */
bool record_visible(const struct form *, const struct record *,
    const char *path);
/*
 * Check a whole record against its form: every value re-validated as above,
 * required fields that are visible and empty, group repeat min/max, paths
 * that are not paths.  Adds one verror per problem; returns the number
 * added.  A value of a field or group the form does not have (one removed
 * from the spec) is not a problem here: it is kept as stored, so that
 * removing a field needs no rewrite and does not stop saves.
 */
size_t record_validate(const struct form *, const struct record *,
    struct verrors *);
/* The values of r at fields or groups the form does not have, one verror
 * each ("form household has no field 'hukou_no'"); returns the number
 * added.  What a front end refuses when a person names such a field, and
 * what `gridbook check` notes about stored records. */
size_t record_unknown(const struct form *, const struct record *,
    struct verrors *);
/* Fill defaults of empty fields (top level, and of each member present). */
void record_apply_defaults(const struct form *, struct record *);
/* Copy the `carry: true` values of prev into a new record. */
struct record *record_carry(const struct form *, const struct record *prev);

/* record-index.c: the index entries a record yields. */
struct ikey {
	char	*field;		/* "members.name" (member numbers dropped);
				 * "members.id_card#4" for last-4 entries;
				 * "_hid", "_state", "_grid" for meta */
	char	*value;		/* record_index_value() of the value, or of
				 * its last 4 characters (an X check digit
				 * is "x") */
	bool	 unique;	/* enforce one record per (field, value) */
};
#define IKEY_MAX 400	/* bytes of an index value (LMDB keys <= 511) */
struct ikeys {
	struct ikey	*v;
	size_t		 n;
	size_t		 cap;
};
#define IKEYS_INIT { NULL, 0, 0 }
/* Entries of every `index: true` or `unique: true` field (one per member
 * value), last-4 entries of FT_LAST4 fields, and the meta entries; sorted
 * and without duplicates. */
void record_index_keys(const struct form *, const struct record *,
    struct ikeys *);
void ikeys_free(struct ikeys *);
/* The key text of a value: norm_key(raw), and when that is longer than
 * IKEY_MAX bytes, its first IKEY_MAX - 17 bytes or less (never splitting a
 * character) and "~" with 16 hex digits of a hash of the whole.  malloc'd. */
char *record_index_value(const char *raw);

/* record-diff.c: changed paths between two versions (either may be NULL). */
struct change {
	char	*path;		/* value path, or "_state", "_grid" */
	char	*old;		/* NULL: was empty */
	char	*new;		/* NULL: now empty */
};
struct changes {
	struct change	*v;
	size_t		 n;
	size_t		 cap;
};
#define CHANGES_INIT { NULL, 0, 0 }
void record_diff(const struct record *old, const struct record *new,
    struct changes *);
void changes_free(struct changes *);

/* record-hid.c: the human id from the form's pattern: {seq}, {seq:NN},
 * {year}, {yy}, {month}, {grid}.  The sequence key says which counter the
 * pattern uses ("household" or "mediation:2026"). */
char *record_seq_key(const struct form *, int year);
char *record_hid_format(const struct form *, uint64_t seq, int year,
    int month, const char *grid);

#endif
