/*
 * cmd.h — subcommands.  Each cmd-*.c exports one `const struct cmd_entry`
 * and cmd.c lists them; main.c parses the global options, finds the entry and
 * runs it.  A subcommand never draws curses and never touches YAML or LMDB
 * directly: it calls app functions (or spec functions for `forms`).
 *
 * Exit codes: 0 success, 1 a handled error (message on stderr naming what and
 * where), 2 bad usage (the usage line on stderr).
 */
#ifndef GRIDBOOK_CMD_H
#define GRIDBOOK_CMD_H

#include "app.h"

#define CMD_OK		0
#define CMD_ERROR	1
#define CMD_USAGE	2

/* What main.c parsed before the subcommand name. */
struct cmd_ctx {
	struct app_opts	 opts;
	const char	*prog;		/* "gridbook" */
};

struct cmd_entry {
	const char	*name;		/* "add"; "forms check" is "forms" */
	const char	*usage;		/* "FORM FIELD=VALUE..." */
	const char	*summary;	/* one line for `gridbook --help` */
	const char	*help;		/* the text of `gridbook NAME --help` */
	bool		 needs_session;	/* open the database before run */
	/* argv[0] is the subcommand name.  s is NULL unless needs_session. */
	int		(*run)(struct cmd_ctx *, struct session *s, int argc,
			    char **argv);
};

/* cmd.c */
extern const struct cmd_entry *const cmd_table[];
const struct cmd_entry *cmd_find(const char *name);
/* Print "usage: gridbook NAME USAGE" to stderr; returns CMD_USAGE. */
int cmd_usage(const struct cmd_entry *);
/* Print "gridbook NAME: msg" to stderr; returns CMD_ERROR. */
int cmd_error(const struct cmd_entry *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print a session's last error, and each verror as "FORM: PATH: msg". */
int cmd_app_error(const struct cmd_entry *, struct session *,
    const struct form *, const struct verrors *);
/* Split "path=value"; 0 or -1 if no '=' or an empty path. */
int cmd_split_assign(const char *arg, char **path, char **value);

/* cmd-util.c: what the record subcommands share. */
struct cmd_opt {
	const char	*name;		/* "--json", "--limit" */
	bool		 has_arg;	/* takes a value: "--limit N", "--limit=N" */
	bool		 seen;		/* set by cmd_getopts */
	const char	*arg;		/* the value, when has_arg and seen */
};
#define CMD_GETOPT_HELP	(-2)
/*
 * Take the options out of argv[1..]: operands keep their order and move to
 * argv[1..]; "--" ends the options.  Returns the new argc; -1 after printing
 * the problem and the usage line (an unknown option, a missing value);
 * CMD_GETOPT_HELP after printing the entry's help for --help or -h.
 */
int cmd_getopts(const struct cmd_entry *, int argc, char **argv,
    struct cmd_opt *, size_t nopts);
/* "--limit N": a count; -1 after printing a message when not one. */
int cmd_parse_count(const struct cmd_entry *, const struct cmd_opt *,
    size_t *out);
/* The form named, or NULL after printing "unknown form 'houshold'; did you
 * mean 'household'?" (or why it did not load). */
const struct form *cmd_form(const struct cmd_entry *, struct session *,
    const char *name);
/* app_get with a message ("household: no record 'HH-000999'") on failure:
 * returns CMD_OK or CMD_ERROR. */
int cmd_get_record(const struct cmd_entry *, struct session *,
    const struct form *, const char *id, struct record **out);
/* Print what an app call that returned rc left (its message, the verrors),
 * or gb_strerror(rc) when it left nothing; returns CMD_ERROR. */
int cmd_fail(const struct cmd_entry *, struct session *, const struct form *,
    const struct verrors *, int rc);
/* A JSON string (quoted, escaped) or null when s is NULL. */
void cmd_json_str(struct buf *, const char *s);
/* Unix seconds as local "2026-12-04 10:23" (with_secs adds ":05"), or as
 * UTC "2026-12-04T02:23:05Z" when iso.  Into out[32]. */
void cmd_time(int64_t secs, bool iso, bool with_secs, char out[32]);
/* For messages: the value in single quotes, shortened to 60 characters,
 * newlines as "\n".  malloc'd. */
char *cmd_quote(const char *);

/* cmd-assign.c: FIELD=VALUE arguments. */
/*
 * Apply args to rec left to right: "address=..." sets a field,
 * "members.2.name=..." a member's field (the next member number appends
 * one), "FIELD=" clears, "members.2=" removes member 2.  Values go through
 * record_parse_value.  Every problem is printed ("gridbook add: household:
 * members.1.id_card: '...' is not a valid ID number: ..."); returns CMD_OK,
 * CMD_ERROR (a bad field or value) or CMD_USAGE (not FIELD=VALUE).
 */
int cmd_assign(const struct cmd_entry *, struct session *,
    const struct form *, struct record *, int argc, char **argv);

/* cmd-print.c: records as text and as JSON. */
/* A canonical value as a person reads it (choice labels in the session's
 * language, yes/no, the type's format; ID numbers masked when mask).
 * malloc'd. */
char *cmd_print_value(struct session *, const struct field *,
    const char *canon, bool mask);
/* The whole record with the form's labels, for `get`. */
void cmd_print_record(FILE *, struct session *, const struct form *,
    const struct record *);
/* One JSON object (no newline): form, id, rev, state, grid, created,
 * updated, created_by, updated_by, values {path: canonical}. */
void cmd_print_json(struct buf *, const struct form *, const struct record *);
/* One aligned line per record with the form's list columns, ID numbers
 * masked, for `find`. */
void cmd_print_rows(FILE *, struct session *, const struct form *,
    struct record *const *, size_t n);

#endif
