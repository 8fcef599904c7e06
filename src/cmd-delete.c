/*
 * cmd-delete.c — `gridbook delete FORM ID`: remove a record, its index
 * entries and unique values in one transaction.  The audit keeps every value
 * it had, so `gridbook audit FORM ID` still shows what was deleted.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

static int	cmd_delete_run(struct cmd_ctx *, struct session *, int,
		    char **);

const struct cmd_entry cmd_delete_entry = {
	.name = "delete",
	.usage = "FORM ID",
	.summary = "delete a record",
	.help =
"Deletes the record ID of FORM.  Its values stay in the audit log\n"
"('gridbook audit FORM ID' shows them); its unique values (an ID number)\n"
"become free for another record.  There is no undo other than adding the\n"
"record again.\n"
"\n"
"Example:\n"
"  gridbook delete household HH-000231\n",
	.needs_session = true,
	.run = cmd_delete_run,
};

static int
cmd_delete_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_delete_entry;
	const struct form *form;
	struct record *rec;
	int rc = CMD_OK, err;

	if ((argc = cmd_getopts(ce, argc, argv, NULL, 0)) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc != 3)
		return cmd_usage(ce);
	if ((form = cmd_form(ce, s, argv[1])) == NULL)
		return CMD_ERROR;
	if (cmd_get_record(ce, s, form, argv[2], &rec) != CMD_OK)
		return CMD_ERROR;
	if ((err = app_delete(s, form, rec)) != 0)
		rc = cmd_fail(ce, s, form, NULL, err);
	else
		printf("deleted %s %s\n", form->name, rec->hid);
	record_free(rec);
	return rc;
}
