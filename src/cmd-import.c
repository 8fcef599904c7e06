/*
 * cmd-import.c — `gridbook import FORM FILE`: records from a CSV or JSON
 * Lines file (app_import), all or none.  Every problem is printed as
 * FILE:LINE:COLUMN: FIELD: message, then a summary; nothing is written
 * unless the whole file is good.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static int	cmd_import_run(struct cmd_ctx *, struct session *, int, char **);

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "FORM FILE [--format csv|jsonl] [--dry-run]",
	.summary = "import records from CSV or JSON Lines, all or none",
	.help =
"Imports the records of FILE into FORM.  Every row is checked first as if\n"
"typed on the form screen (values, required fields, choices, ID check\n"
"digits, unique values against the database and against the other rows);\n"
"if any row has a problem, each one is printed and nothing is imported.\n"
"Otherwise all records are saved in one transaction, in file order, each\n"
"with its audit entry.\n"
"\n"
"CSV: the first row names the fields, one per column: field paths\n"
"(address, grid, members.1.name, members.2.id_card), or their labels\n"
"(住址, 家庭成员.1.姓名).  A column 'state' sets the workflow state; 'id',\n"
"'rev', 'created', 'updated' are ignored (so an export imports back).\n"
"JSON Lines: one object per line, {\"form\":\"household\",\"values\":\n"
"{\"address\":\"...\",\"members.1.name\":\"...\"}}, or what 'get --json' and\n"
"'export --format jsonl' print.  Values are what you would type: choice\n"
"labels or codes, dates as 2026-01-05 or 2026/1/5, yes/no.  Empty cells\n"
"and null are empty fields; the form's defaults apply.\n"
"\n"
"The file may be UTF-8 (with or without BOM), UTF-16 with a BOM, or GBK/\n"
"GB18030 as older Excel saves it; the encoding used is reported.\n"
"\n"
"  --format F   csv or jsonl; by default from the name (.csv; .jsonl,\n"
"               .ndjson, .json).  Needed when FILE is - (standard input).\n"
"  --dry-run    check every row, write nothing\n"
"\n"
"Problems are printed as FILE:LINE:COLUMN: FIELD: message, LINE being the\n"
"line the record starts on, COLUMN the CSV column number (for JSON, the\n"
"character column of the value; left out when the field is absent).\n"
"Exit 0 when imported (or checked, with --dry-run), 1 on any problem.\n"
"\n"
"Examples:\n"
"  gridbook import household 台账2019.csv --dry-run\n"
"  scripts/gen-households -n 500 | gridbook import household - --format jsonl\n",
	.needs_session = true,
	.run = cmd_import_run,
};

static bool
cmd_import_ext(const char *file, const char *ext)
{
	size_t n = strlen(file), e = strlen(ext);

	return n > e && strcasecmp(file + n - e, ext) == 0;
}

/* The whole of standard input. */
static int
cmd_import_stdin(struct buf *b)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(b, chunk, n);
	return ferror(stdin) ? -1 : 0;
}

static void
cmd_import_diags(const struct diags *d)
{
	const struct diag *g;
	size_t i;

	for (i = 0; i < d->n; i++) {
		g = &d->v[i];
		if (g->line == 0)
			fprintf(stderr, "%s: %s\n", g->file, g->msg);
		else if (g->col == 0)
			fprintf(stderr, "%s:%u: %s\n", g->file, g->line,
			    g->msg);
		else
			fprintf(stderr, "%s:%u:%u: %s\n", g->file, g->line,
			    g->col, g->msg);
	}
}

static int
cmd_import_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_import_entry;
	struct cmd_opt opts[] = {
		{ .name = "--format", .has_arg = true },
		{ .name = "--dry-run" },
	};
	struct diags d = DIAGS_INIT;
	struct app_import imp;
	const struct form *form;
	const char *file, *fmt;
	struct buf in = BUF_INIT;
	int rc;

	if ((argc = cmd_getopts(ce, argc, argv, opts, nitems(opts))) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc != 3)
		return cmd_usage(ce);
	file = argv[2];
	memset(&imp, 0, sizeof imp);
	imp.dry_run = opts[1].seen;
	if ((fmt = opts[0].arg) == NULL) {
		if (cmd_import_ext(file, ".csv"))
			fmt = "csv";
		else if (cmd_import_ext(file, ".jsonl") ||
		    cmd_import_ext(file, ".ndjson") ||
		    cmd_import_ext(file, ".json"))
			fmt = "jsonl";
		else {
			cmd_error(ce, "cannot tell the format of '%s' from its "
			    "name: give --format csv or --format jsonl", file);
			return cmd_usage(ce);
		}
	}
	if (strcmp(fmt, "csv") == 0)
		imp.format = APP_FMT_CSV;
	else if (strcmp(fmt, "jsonl") == 0 || strcmp(fmt, "json") == 0)
		imp.format = APP_FMT_JSONL;
	else {
		cmd_error(ce, "--format %s: expected csv or jsonl", fmt);
		return cmd_usage(ce);
	}
	if ((form = cmd_form(ce, s, argv[1])) == NULL)
		return CMD_ERROR;
	if (strcmp(file, "-") == 0) {
		imp.file = "(standard input)";
		if (cmd_import_stdin(&in) != 0) {
			buf_free(&in);
			return cmd_error(ce, "reading standard input: %s",
			    strerror(errno));
		}
		rc = app_import(s, form, in.p != NULL ? in.p : "", in.len, &imp,
		    &d);
		buf_free(&in);
	} else
		rc = app_import_file(s, form, file, &imp, &d);
	cmd_import_diags(&d);
	diags_free(&d);
	if (rc != 0) {
		cmd_fail(ce, s, form, NULL, rc);
		app_import_clear(&imp);
		return CMD_ERROR;
	}
	if (imp.dry_run)
		printf("checked %zu %s%s in %s (%s): no problems; nothing "
		    "written (--dry-run)\n", imp.rows, form->name,
		    imp.rows == 1 ? "" : "s", imp.file, imp.encoding);
	else if (imp.imported == 0)
		printf("imported 0 %ss: %s (%s) holds no records\n",
		    form->name, imp.file, imp.encoding);
	else
		printf("imported %zu %s%s from %s (%s): %s to %s\n",
		    imp.imported, form->name, imp.imported == 1 ? "" : "s",
		    imp.file, imp.encoding, imp.first, imp.last);
	app_import_clear(&imp);
	return CMD_OK;
}
