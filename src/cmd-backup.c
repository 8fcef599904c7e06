/*
 * cmd-backup.c — `gridbook backup DEST`: a consistent, compacted copy of
 * the database taken while others keep working (LMDB's copy, through
 * app_backup).  DEST must not exist: a backup never overwrites anything.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static int	cmd_backup_run(struct cmd_ctx *, struct session *, int,
		    char **);

const struct cmd_entry cmd_backup_entry = {
	.name = "backup",
	.usage = "DEST",
	.summary = "copy the database while others work",
	.help =
"Writes a consistent copy of the database into the new directory DEST,\n"
"while others keep adding and changing records: the copy is the database\n"
"as of one moment, compacted (free pages left out).  DEST must not exist;\n"
"its parent must.  The copy is a database like any other: open it with\n"
"--db DEST, and check it with 'gridbook --db DEST check'.  For admins.\n"
"\n"
"Example (a dated copy every night, from cron):\n"
"  gridbook backup /var/backups/gridbook/$(date +%F)\n",
	.needs_session = true,
	.run = cmd_backup_run,
};

static int
cmd_backup_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_backup_entry;
	struct stat sb;
	const char *dest;
	char *q;
	int err;

	if ((argc = cmd_getopts(ce, argc, argv, NULL, 0)) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc != 2 || *argv[1] == '\0')
		return cmd_usage(ce);
	dest = argv[1];
	q = cmd_quote(dest);
	if (lstat(dest, &sb) == 0) {
		cmd_error(ce, "%s already exists; a backup goes into a new "
		    "directory", q);
		free(q);
		return CMD_ERROR;
	}
	if (errno != ENOENT) {
		cmd_error(ce, "%s: %s", q, strerror(errno));
		free(q);
		return CMD_ERROR;
	}
	if ((err = app_backup(s, dest)) != 0) {
		free(q);
		return cmd_fail(ce, s, NULL, NULL, err);
	}
	printf("backup written to %s\n", dest);
	free(q);
	return CMD_OK;
}
