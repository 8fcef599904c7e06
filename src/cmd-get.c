/*
 * cmd-get.c — `gridbook get FORM ID [--json]`: one record, as a person reads
 * it (the form's labels in the session's language, choice labels) or as one
 * JSON object for a script.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

static int	cmd_get_run(struct cmd_ctx *, struct session *, int, char **);

const struct cmd_entry cmd_get_entry = {
	.name = "get",
	.usage = "FORM ID [--json]",
	.summary = "show one record",
	.help =
"Shows the record ID of FORM: its id, state, grid, who created and last\n"
"changed it, then every filled field with the form's label, choices by\n"
"their labels, members of a group numbered.  ID is the record's id\n"
"(HH-000231) as add and find print it.\n"
"\n"
"  --json   one JSON object on one line instead, with the stored values:\n"
"           {\"form\", \"id\", \"rev\", \"state\", \"grid\", \"created\",\n"
"            \"updated\", \"created_by\", \"updated_by\",\n"
"            \"values\": {\"address\": \"...\", \"members.1.name\": \"...\"}}\n"
"           Times are UTC (2026-12-04T02:23:05Z); choices are codes.\n"
"\n"
"A record of a grid you do not look after is reported as not found.\n"
"\n"
"Examples:\n"
"  gridbook get household HH-000231\n"
"  gridbook get household HH-000231 --json | jq -r '.values.address'\n",
	.needs_session = true,
	.run = cmd_get_run,
};

static int
cmd_get_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_get_entry;
	struct cmd_opt opts[] = { { .name = "--json" } };
	const struct form *form;
	struct record *rec;
	struct buf b = BUF_INIT;

	if ((argc = cmd_getopts(ce, argc, argv, opts, nitems(opts))) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc != 3)
		return cmd_usage(ce);
	if ((form = cmd_form(ce, s, argv[1])) == NULL)
		return CMD_ERROR;
	if (cmd_get_record(ce, s, form, argv[2], &rec) != CMD_OK)
		return CMD_ERROR;
	if (opts[0].seen) {
		cmd_print_json(&b, form, rec);
		printf("%s\n", buf_str(&b));
		buf_free(&b);
	} else
		cmd_print_record(stdout, s, form, rec);
	record_free(rec);
	return CMD_OK;
}
