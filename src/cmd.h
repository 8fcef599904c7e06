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

#endif
