/*
 * cmd-check.c — `gridbook check`: verify the database against itself and
 * the current specs (app_check does the work), print each problem, exit 1
 * when there is any.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

static int	cmd_check_run(struct cmd_ctx *, struct session *, int, char **);

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "",
	.summary = "verify records, indexes, sequences, audit",
	.help =
"Reads the whole database and verifies that every record decodes and is\n"
"valid against the current form specs, that every index entry points at a\n"
"record holding that value and every indexed value has its entry, that the\n"
"id counters are ahead of the ids in use, and that every record has its\n"
"audit entries.  Prints one line per problem on standard output and exits\n"
"1 if there is any, 0 (printing 'no problems found') if not.  Safe while\n"
"others work: it reads one consistent snapshot.  For admins and clerks.\n"
"\n"
"Index problems are repaired by 'gridbook reindex'; records that no longer\n"
"fit a changed spec are fixed with 'gridbook set'.  Values of fields a form\n"
"no longer has are kept as stored and only noted ('note: ...' lines).\n"
"\n"
"Example:\n"
"  gridbook check || mail -s 'gridbook check failed' admin < /dev/null\n",
	.needs_session = true,
	.run = cmd_check_run,
};

static int
cmd_check_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_check_entry;
	long n;

	if ((argc = cmd_getopts(ce, argc, argv, NULL, 0)) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc != 1)
		return cmd_usage(ce);
	n = app_check(s, stdout);
	fflush(stdout);
	if (n < 0)
		return cmd_fail(ce, s, NULL, NULL, (int)n);
	if (n > 0)
		return cmd_error(ce, "%ld problem%s found", n, n == 1 ? "" :
		    "s");
	printf("no problems found\n");
	return CMD_OK;
}
