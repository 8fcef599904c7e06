/*
 * cmd-find.c — `gridbook find FORM [TEXT]`: the clerk's search of the list
 * screen (app_find), one line per record with the form's list columns and
 * ID numbers masked, or JSON Lines for a script.  Paged like the screen.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

#define FIND_LIMIT	100	/* records shown without --limit */
#define FIND_PAGE	500	/* page size while reading all (--limit 0) */

static int	cmd_find_run(struct cmd_ctx *, struct session *, int, char **);

const struct cmd_entry cmd_find_entry = {
	.name = "find",
	.usage = "FORM [TEXT] [OPTION...]",
	.summary = "search records as the list screen does",
	.help =
"Searches the records of FORM you may see, as the list screen does: a\n"
"name or address (whole, or its beginning), a whole ID number or phone\n"
"number, the last 4 digits of either, or a record id.  Exact matches come\n"
"before prefix matches.  Without TEXT (or with \"\"), lists the newest\n"
"records first.  Full-width digits and letters match their half-width\n"
"forms; Latin letters match in either case.\n"
"\n"
"Prints one line per record with the form's list columns; ID numbers are\n"
"masked (622923********1234) as in every list.  When more records match\n"
"than were shown, a note on standard error gives the next --offset.  No\n"
"match is not an error (exit 0, nothing on standard output).\n"
"\n"
"  --json       JSON Lines instead: one object per record, as 'get --json'\n"
"               prints it (values unmasked)\n"
"  --limit N    show at most N records (default 100; 0 = all)\n"
"  --offset N   skip the first N matches\n"
"\n"
"Examples:\n"
"  gridbook find household 张\n"
"  gridbook find household 1234          last 4 digits of an ID or phone\n"
"  gridbook find mediation --limit 0 --json > cases.jsonl\n"
"  gridbook find household -- -1         TEXT starting with '-'\n",
	.needs_session = true,
	.run = cmd_find_run,
};

static void
cmd_find_print(struct session *s, const struct form *form,
    const struct app_page *pg, bool json)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (!json) {
		cmd_print_rows(stdout, s, form, pg->v, pg->n);
		return;
	}
	for (i = 0; i < pg->n; i++) {
		buf_reset(&b);
		cmd_print_json(&b, form, pg->v[i]);
		printf("%s\n", buf_str(&b));
	}
	buf_free(&b);
}

static int
cmd_find_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_find_entry;
	struct cmd_opt opts[] = {
		{ .name = "--json" },
		{ .name = "--limit", .has_arg = true },
		{ .name = "--offset", .has_arg = true },
	};
	struct app_page pg = { NULL, 0, false };
	const struct form *form;
	const char *text;
	size_t limit = FIND_LIMIT, offset = 0, shown = 0, want;
	bool all;
	int err;

	if ((argc = cmd_getopts(ce, argc, argv, opts, nitems(opts))) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc < 2 || argc > 3)
		return cmd_usage(ce);
	if (cmd_parse_count(ce, &opts[1], &limit) != 0 ||
	    cmd_parse_count(ce, &opts[2], &offset) != 0)
		return CMD_USAGE;
	if ((form = cmd_form(ce, s, argv[1])) == NULL)
		return CMD_ERROR;
	text = argc == 3 ? argv[2] : "";
	all = limit == 0;
	for (;;) {
		want = all ? FIND_PAGE : limit - shown;
		if ((err = app_find(s, form, text, offset + shown, want,
		    &pg)) != 0)
			return cmd_fail(ce, s, form, NULL, err);
		cmd_find_print(s, form, &pg, opts[0].seen);
		shown += pg.n;
		if (!pg.more || pg.n == 0 || (!all && shown >= limit))
			break;
		app_page_free(&pg);
	}
	fflush(stdout);
	if (pg.more && !all)
		fprintf(stderr, "gridbook find: more records follow: "
		    "--offset %zu\n", offset + shown);
	app_page_free(&pg);
	return CMD_OK;
}
