/*
 * cmd-reindex.c — `gridbook reindex [FORM]`: rebuild the index and unique
 * tables of one form or of all, from the records, in one transaction each.
 * For after `check` reports index problems, or after a spec gained an
 * `index: true`.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

static int	cmd_reindex_run(struct cmd_ctx *, struct session *, int,
		    char **);

const struct cmd_entry cmd_reindex_entry = {
	.name = "reindex",
	.usage = "[FORM]",
	.summary = "rebuild the search indexes",
	.help =
"Rebuilds the search indexes and unique-value tables of FORM, or of every\n"
"form, from the records themselves.  Run it after 'gridbook check' reports\n"
"index problems, or after adding 'index: true' or 'unique: true' to a field\n"
"of a form that already has records.  Others may keep working; their\n"
"changes wait for the rebuild of a form to finish.  For admins.\n"
"\n"
"Examples:\n"
"  gridbook reindex household\n"
"  gridbook reindex && gridbook check\n",
	.needs_session = true,
	.run = cmd_reindex_run,
};

static int
cmd_reindex_run(struct cmd_ctx *ctx, struct session *s, int argc,
    char **argv)
{
	const struct cmd_entry *ce = &cmd_reindex_entry;
	const struct form *form = NULL;
	int err;

	if ((argc = cmd_getopts(ce, argc, argv, NULL, 0)) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc > 2)
		return cmd_usage(ce);
	if (argc == 2 && (form = cmd_form(ce, s, argv[1])) == NULL)
		return CMD_ERROR;
	if ((err = app_reindex(s, form != NULL ? form->name : NULL)) != 0)
		return cmd_fail(ce, s, form, NULL, err);
	if (form != NULL)
		printf("reindexed %s\n", form->name);
	else
		printf("reindexed every form\n");
	return CMD_OK;
}
