/*
 * app.h — what a person can do, for both front ends.  The command line
 * (cmd-*.c) and the curses interface (tui-*.c) call only these functions for
 * anything that touches data, so the same validation, access rules and audit
 * entries apply to a clerk at a screen and an admin's script.
 *
 * A session is one user's process: the loaded forms, the config, the open
 * store and who the user is.  Every function that reads or writes opens and
 * closes its own transaction; none is left open on return, so a front end may
 * wait for a key between calls.
 *
 * Access: admins and clerks see every record; a leader sees and changes only
 * records whose grid is one of theirs, in every function here (get, list,
 * find, export, audit, report), and a record of another grid is reported as
 * not found.  Forms with `scope: community` are visible to every role.
 *
 * Errors: functions return 0 or a GB_* code.  The message for a person
 * (what and where: form, field, value, record) is in app_errmsg(s) until the
 * next call; field-level problems are added to a struct verrors.
 */
#ifndef GRIDBOOK_APP_H
#define GRIDBOOK_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "record.h"
#include "spec.h"
#include "store.h"

struct app_opts {
	const char	*db;		/* NULL: $GRIDBOOK_DB, $XDG_DATA_HOME/
					 * gridbook, ~/.local/share/gridbook */
	const char	*forms;		/* NULL: $GRIDBOOK_FORMS, else the
					 * installed share/gridbook/forms */
	const char	*config;	/* NULL: $GRIDBOOK_CONFIG, else
					 * /etc/gridbook/gridbook.yaml */
	const char	*user;		/* --user; NULL: the login name */
	bool		 readonly;
};

struct session {
	struct store		*st;
	struct formset		*fs;
	struct config		*cfg;
	const struct user	*user;		/* in cfg */
	char			*login;
	char			*dbdir;
	char			*lang;		/* "zh" or "en" */
	char			*errmsg;
	struct diags		 warnings;	/* spec problems of forms that
						 * did not load */
};

/* app.c */
/* Open everything.  On failure returns a GB_* code with *msg malloc'd (the
 * caller prints and frees it), and spec diagnostics in d. */
int app_open(const struct app_opts *, struct session **, char **msg,
    struct diags *d);
void app_close(struct session *);
const char *app_errmsg(const struct session *);
const struct form *app_form(struct session *, const char *name);
bool app_can_see(const struct session *, const struct form *,
    const struct record *);

/* app-record.c: reading and changing records. */
/* A record by human id ("HH-000231") or numeric id. */
int app_get(struct session *, const struct form *, const char *id,
    struct record **out);
/* A new, unsaved record: defaults applied, state initial; with prev, the
 * carry fields of prev kept (batch entry). */
struct record *app_blank(struct session *, const struct form *,
    const struct record *prev);
/*
 * Save: validate (problems into errs, GB_EINVAL), check access, unique
 * values (GB_EEXIST, message names the holder: "id_card 62292319800101123X
 * is already registered in household HH-000231"), and the revision read
 * (rec->rev; GB_ECONFLICT with the paths changed on disk since in
 * *conflicts when not NULL).  A new record (id 0) gets its id, human id,
 * state, created time.  On success rec is updated in place (id, hid, rev,
 * times) and the matching draft, if any, is deleted.
 */
int app_save(struct session *, const struct form *, struct record *rec,
    struct verrors *errs, struct changes *conflicts);
/* A workflow move: allowed from this state for this role, required fields
 * filled.  rec->rev as read; rec updated on success. */
int app_move(struct session *, const struct form *, struct record *rec,
    const char *to, struct verrors *errs);
int app_delete(struct session *, const struct form *, struct record *rec);

/* The moves from rec's state, each with what it still lacks. */
struct app_move {
	const struct transition	*t;
	bool			 allowed;	/* role permits */
	char			**missing;	/* required fields empty */
	size_t			 nmissing;
};
size_t app_moves(struct session *, const struct form *,
    const struct record *, struct app_move **out);
void app_moves_free(struct app_move *, size_t);

/* Whether a record of f may be saved with this grid value by this user
 * (the live check as a person leaves the grid field): 0; GB_EINVAL when
 * the config lists grids and this is none of them; GB_EPERM when a leader
 * names a grid not theirs.  The message (with the valid grids) is in
 * app_errmsg().  Community forms and an empty grid give 0. */
int app_grid_check(struct session *, const struct form *, const char *grid);

/* Who else holds this unique value (live duplicate check while typing):
 * 0 and *holder_hid malloc'd when held by another record than self_id,
 * GB_ENOTFOUND when free. */
int app_unique_holder(struct session *, const struct form *,
    const char *path, const char *value, uint64_t self_id,
    char **holder_hid);

/* app-find.c: listing and searching. */
struct app_page {
	struct record	**v;
	size_t		 n;
	bool		 more;		/* another page follows */
};
void app_page_free(struct app_page *);
/* Newest first; offset/limit page through what this user may see. */
int app_list(struct session *, const struct form *, size_t offset,
    size_t limit, struct app_page *);
/*
 * The clerk's search: exact matches of an indexed value (a name, an address,
 * a full ID number or phone, a human id) before prefix matches, then the
 * last 4 digits of ID numbers and phones.  Empty text = app_list.
 */
int app_find(struct session *, const struct form *, const char *text,
    size_t offset, size_t limit, struct app_page *);

/* app-audit.c */
struct app_audit {
	int64_t		 time_us;
	char		*user;
	char		*form;
	uint64_t	 id;
	char		*hid;
	char		*action;	/* create, update, move, delete, export,
					 * import */
	struct changes	 changes;
};
/* Entries of a form (NULL = all forms) and record (NULL = all) this user
 * may see, oldest first; fn returns nonzero to stop. */
int app_audit(struct session *, const char *form, const char *id,
    int (*fn)(void *ctx, const struct app_audit *), void *ctx);

/* app-draft.c: the unsaved state of a form on screen. */
/* id_or_new: the record's hid, or "new". */
int app_draft_save(struct session *, const struct form *,
    const char *id_or_new, const struct record *);
int app_draft_load(struct session *, const struct form *,
    const char *id_or_new, struct record **out, int64_t *saved_at);
int app_draft_delete(struct session *, const struct form *,
    const char *id_or_new);
struct app_draft_info {
	char	*form;
	char	*id_or_new;
	int64_t	 saved_at;
};
/* This user's drafts, newest first. */
int app_drafts(struct session *, struct app_draft_info **out, size_t *n);
void app_drafts_free(struct app_draft_info *, size_t);

/* app-check.c: `gridbook check` and `gridbook reindex`.  Problems are
 * printed one per line to out; returns the number found, or <0 on error. */
long app_check(struct session *, FILE *out);
int app_reindex(struct session *, const char *form);
int app_backup(struct session *, const char *dest);

/* app-import.c: records from a file, all of them or none. */
enum app_format { APP_FMT_CSV, APP_FMT_JSONL };
struct app_import {
	/* in */
	const char	*file;		/* the name in messages */
	enum app_format	 format;
	bool		 dry_run;	/* validate every row, write nothing */
	/* out */
	const char	*encoding;	/* the bytes read as: "UTF-8", "GB18030"... */
	size_t		 rows;		/* records in the file */
	size_t		 imported;	/* records written (0 on error, dry run) */
	char		*first;		/* human ids of the first and last */
	char		*last;		/* written (malloc'd; app_import_clear) */
};
/*
 * Import records into form f.  CSV: a header row of field paths
 * ("address", "members.1.name"; a field's label also works, and "state"
 * sets a workflow state, "id", "rev", "created", "updated", "created_by",
 * "updated_by" are ignored), then one row per record.  JSON Lines: one
 * object per line, {"form": F, "values": {path: value}} as
 * scripts/gen-households prints, or the shape of `get --json` (its "state"
 * is kept, the other meta keys are ignored).  Values are what a person would
 * type (labels or codes of choices, dates in any accepted form).  The bytes
 * may be UTF-8, UTF-16 with a BOM or GB18030 (csv_decode).
 *
 * Every row is checked first, as app_save would, plus access (a leader
 * imports only into their grids) and unique values against the database and
 * against the other rows of the file.  Each problem goes to errs, positioned
 * at its line (the line a CSV row starts on) and column (the CSV column
 * number, for JSON the column of the value; 0 when the field is absent), the
 * message "FIELD: what is wrong" with FIELD as the file names it.  With any
 * problem nothing is written and GB_EINVAL is returned.  Otherwise all
 * records are written in one transaction, in file order (ids and human ids
 * in that order), each with its create audit entry (and a move entry when a
 * state other than the initial one is given), plus one "import" entry for
 * the file.  *imp's out fields are set; free them with app_import_clear.
 */
int app_import(struct session *, const struct form *f, const char *data,
    size_t len, struct app_import *imp, struct diags *errs);
/* The same for a file read whole (GB_EIO with app_errmsg when unreadable). */
int app_import_file(struct session *, const struct form *f,
    const char *path, struct app_import *imp, struct diags *errs);
void app_import_clear(struct app_import *);

/* app-export.c: records out, for scripts and the county platform. */
struct app_export {
	enum app_format	 format;
	/* Filters, all of which a record must match: "FIELD=VALUE" with FIELD
	 * a field path ("grid", "members.name" for any member,
	 * "members.1.name"), "state" or "id"; VALUE as one would type it
	 * (labels of choices work; a multichoice matches when it holds every
	 * code given; "FIELD=" matches an empty field). */
	const char *const *where;
	size_t		 nwhere;
	bool		 excel;		/* CSV for Excel: UTF-8 BOM, CRLF */
	size_t		 count;		/* out: records written */
};
/*
 * Write the records of f this user may see and that match, oldest first,
 * to out.  JSON Lines: one app_record_json object a line.  CSV: a header row
 * of "id", "state" (forms with a workflow) and every field path any of the
 * records has, in the form's order (members numbered), then a row a record.
 * One "export" audit entry (format, filters) is committed before anything
 * is written.  GB_EINVAL with app_errmsg for a bad filter.
 */
int app_export(struct session *, const struct form *f, struct app_export *,
    FILE *out);
/* One record as one JSON object, the shape of `get --json`: form, id, rev,
 * state, grid, created, updated (UTC ISO 8601), created_by, updated_by,
 * values {path: canonical text}. */
void app_record_json(struct buf *, const struct form *, const struct record *);

#endif
