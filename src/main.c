/*
 * main.c — the global options, then either a subcommand (cmd-*.c) or, with
 * none, the curses interface (tui.c).
 *
 *   gridbook [--db DIR] [--forms DIR] [--config FILE] [--user NAME] [CMD ...]
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "tui.h"

static void
usage_all(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: gridbook [--db DIR] [--forms DIR] [--config FILE] "
	    "[--user NAME] [COMMAND [ARG...]]\n\n"
	    "With no command, opens the curses interface.  Commands:\n");
	for (i = 0; cmd_table[i] != NULL; i++)
		fprintf(fp, "  %-9s %-28s %s\n", cmd_table[i]->name,
		    cmd_table[i]->usage, cmd_table[i]->summary);
	fprintf(fp, "\n'gridbook COMMAND --help' describes one; "
	    "see gridbook(1), gridbook-forms(5), gridbook.yaml(5).\n");
}

/* "--db DIR" or "--db=DIR"; advances *i past what it used. */
static int
global_opt(int argc, char **argv, int *i, const char *name, const char **out)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*out = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		fprintf(stderr, "gridbook: %s needs a value\n", name);
		exit(CMD_USAGE);
	}
	*out = argv[++*i];
	return 1;
}

int
main(int argc, char **argv)
{
	struct cmd_ctx ctx;
	const struct cmd_entry *ce;
	struct session *s = NULL;
	struct diags d = DIAGS_INIT;
	char *msg = NULL;
	int i, rc;

	setlocale(LC_ALL, "");
	memset(&ctx, 0, sizeof ctx);
	ctx.prog = "gridbook";
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage_all(stdout);
			return CMD_OK;
		}
		if (global_opt(argc, argv, &i, "--db", &ctx.opts.db) ||
		    global_opt(argc, argv, &i, "--forms", &ctx.opts.forms) ||
		    global_opt(argc, argv, &i, "--config", &ctx.opts.config) ||
		    global_opt(argc, argv, &i, "--user", &ctx.opts.user))
			continue;
		fprintf(stderr, "gridbook: unknown option %s\n", argv[i]);
		usage_all(stderr);
		return CMD_USAGE;
	}
	if (i == argc)
		return tui_main(&ctx);

	if ((ce = cmd_find(argv[i])) == NULL) {
		fprintf(stderr, "gridbook: unknown command '%s'\n", argv[i]);
		usage_all(stderr);
		return CMD_USAGE;
	}
	if (argc - i > 1 && (strcmp(argv[i + 1], "--help") == 0 ||
	    strcmp(argv[i + 1], "-h") == 0)) {
		printf("usage: gridbook %s %s\n\n%s", ce->name, ce->usage,
		    ce->help);
		return CMD_OK;
	}
	if (ce->needs_session) {
		if ((rc = app_open(&ctx.opts, &s, &msg, &d)) != 0) {
			diags_print(&d, stderr);
			fprintf(stderr, "gridbook: %s\n", msg != NULL ? msg :
			    gb_strerror(rc));
			free(msg);
			diags_free(&d);
			return CMD_ERROR;
		}
		diags_free(&d);
	}
	rc = ce->run(&ctx, s, argc - i, argv + i);
	if (s != NULL)
		app_close(s);
	return rc;
}
