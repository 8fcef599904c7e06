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
	char		*action;	/* create, update, move, delete, export */
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

#endif
