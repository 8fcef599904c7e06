/*
 * cmd-add.c — `gridbook add FORM FIELD=VALUE...`: a new record from the
 * command line, validated and audited exactly as one saved on the form
 * screen.  Prints the new record's human id.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

static int	cmd_add_run(struct cmd_ctx *, struct session *, int, char **);

const struct cmd_entry cmd_add_entry = {
	.name = "add",
	.usage = "FORM FIELD=VALUE...",
	.summary = "add a record; prints its id",
	.help =
"Adds a record to FORM and prints its id (HH-000231) on standard output.\n"
"Defaults of the form apply to fields not given.  Each FIELD=VALUE sets one\n"
"field; VALUE is what you would type on the form screen:\n"
"\n"
"  address=和平路12号3单元201      a field\n"
"  members.1.name=张三             field 'name' of the first member of the\n"
"                                  group 'members'; members are numbered from\n"
"                                  1, in order (members.2 after members.1)\n"
"  care=低保对象,独居老人          a multiple choice: codes or labels,\n"
"                                  separated by commas\n"
"  ethnicity=回族, ethnicity=03    a choice: its label or its code\n"
"  birth=1949-12-31                dates also as 1949/12/31, 19491231\n"
"\n"
"Nothing is saved unless every value is valid and every required field is\n"
"filled; each problem is printed as FORM: FIELD: message.  Exits 0 on\n"
"success, 1 when the record is refused, 2 on bad usage.\n"
"\n"
"Example:\n"
"  gridbook add household address=和平路12号 grid=001 \\\n"
"      members.1.name=张三 members.1.id_card=11010519491231002X \\\n"
"      members.1.relation=02 members.2.name=李四 members.2.relation=10\n",
	.needs_session = true,
	.run = cmd_add_run,
};

static int
cmd_add_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_add_entry;
	struct verrors errs = VERRORS_INIT;
	const struct form *form;
	struct record *rec;
	int rc, err;

	if ((argc = cmd_getopts(ce, argc, argv, NULL, 0)) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc < 2)
		return cmd_usage(ce);
	if ((form = cmd_form(ce, s, argv[1])) == NULL)
		return CMD_ERROR;
	rec = app_blank(s, form, NULL);
	rc = cmd_assign(ce, s, form, rec, argc - 2, argv + 2);
	if (rc == CMD_OK) {
		if ((err = app_save(s, form, rec, &errs, NULL)) != 0)
			rc = cmd_fail(ce, s, form, &errs, err);
		else
			printf("%s\n", rec->hid);
	}
	verrors_free(&errs);
	record_free(rec);
	return rc;
}
