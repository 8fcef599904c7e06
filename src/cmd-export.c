/*
 * cmd-export.c — `gridbook export FORM`: the records of FORM you may see,
 * to standard output, as CSV or JSON Lines (app_export), optionally
 * filtered.  The export is recorded in the audit trail before it starts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static int	cmd_export_run(struct cmd_ctx *, struct session *, int, char **);

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "FORM [--format csv|jsonl] [--where FIELD=VALUE]... [--excel]",
	.summary = "write records as CSV or JSON Lines",
	.help =
"Writes the records of FORM you may see to standard output, oldest first.\n"
"A grid leader gets only the records of their grids.  Each export leaves\n"
"an entry in the audit trail (who, when, which form, format and filters).\n"
"\n"
"  --format csv     (the default) a header row, then a row per record:\n"
"                   id, state, then every field any of the records has,\n"
"                   by path (address, members.1.name...), stored values\n"
"                   (choice codes, dates YYYY-MM-DD, bools 1/0)\n"
"  --format jsonl   one JSON object per line, as 'get --json' prints it\n"
"  --where F=V      only records whose field F is V (as you would type\n"
"                   it; labels of choices work).  F may be a member field\n"
"                   for any member (members.name=张三), 'state' or 'id'.\n"
"                   A multiple choice matches when it holds every code\n"
"                   given; F= matches an empty field.  Repeat for AND.\n"
"  --excel          CSV for Excel: a UTF-8 byte order mark (so Excel reads\n"
"                   Chinese correctly), CRLF line ends, and a ' before a\n"
"                   value Excel would run as a formula (=, +, -, @ first)\n"
"\n"
"Both formats import back with 'gridbook import' (records get new ids).\n"
"\n"
"Examples:\n"
"  gridbook export household --where grid=003 > grid003.csv\n"
"  gridbook export mediation --format jsonl --where state=closed\n"
"  gridbook export household --where members.care=低保 --excel > dibao.csv\n",
	.needs_session = true,
	.run = cmd_export_run,
};

static int
cmd_export_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_export_entry;
	struct cmd_opt opts[] = {
		{ .name = "--format", .has_arg = true },
		{ .name = "--where", .has_arg = true },
		{ .name = "--excel" },
	};
	struct app_export ex;
	const struct form *form;
	const char **where;
	size_t nwhere = 0;
	int i, rc;

	/* Every --where (cmd_getopts keeps only the last). */
	where = xcalloc((size_t)argc + 1, sizeof *where);
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--where") == 0 && i + 1 < argc)
			where[nwhere++] = argv[++i];
		else if (strncmp(argv[i], "--where=", 8) == 0)
			where[nwhere++] = argv[i] + 8;
	}
	if ((argc = cmd_getopts(ce, argc, argv, opts, nitems(opts))) < 0) {
		free(where);
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	}
	if (argc != 2) {
		free(where);
		return cmd_usage(ce);
	}
	memset(&ex, 0, sizeof ex);
	ex.where = where;
	ex.nwhere = nwhere;
	ex.excel = opts[2].seen;
	if (!opts[0].seen || strcmp(opts[0].arg, "csv") == 0)
		ex.format = APP_FMT_CSV;
	else if (strcmp(opts[0].arg, "jsonl") == 0 ||
	    strcmp(opts[0].arg, "json") == 0)
		ex.format = APP_FMT_JSONL;
	else {
		free(where);
		cmd_error(ce, "--format %s: expected csv or jsonl",
		    opts[0].arg);
		return cmd_usage(ce);
	}
	if ((form = cmd_form(ce, s, argv[1])) == NULL) {
		free(where);
		return CMD_ERROR;
	}
	rc = app_export(s, form, &ex, stdout);
	free(where);
	if (rc != 0)
		return cmd_fail(ce, s, form, NULL, rc);
	return CMD_OK;
}
