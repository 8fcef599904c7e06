/*
 * cmd-audit.c — `gridbook audit [FORM [ID]]`: who changed what and when,
 * oldest first, each change as field: old → new.  A leader sees only the
 * entries of records of their grids (app_audit applies that).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static int	cmd_audit_run(struct cmd_ctx *, struct session *, int, char **);

const struct cmd_entry cmd_audit_entry = {
	.name = "audit",
	.usage = "[FORM [ID]] [--json]",
	.summary = "who changed what, when",
	.help =
"Prints the audit log, oldest first: every create, update, move, delete\n"
"and export, with the time, the user, the record, and each field changed\n"
"as FIELD: OLD → NEW ((empty) for no value; long values shortened).  With\n"
"FORM, only that form's entries; with FORM ID, only that record's, also\n"
"after it was deleted.  You see the entries of the records you may see.\n"
"\n"
"  --json   JSON Lines instead, one object per entry:\n"
"           {\"time\", \"user\", \"form\", \"id\", \"action\",\n"
"            \"changes\": [{\"path\", \"old\", \"new\"}, ...]}\n"
"           with full values (null for none) and UTC times.\n"
"\n"
"Exits 1 when FORM ID has no entries you may see.\n"
"\n"
"Examples:\n"
"  gridbook audit household HH-000231\n"
"  gridbook audit --json | grep '\"action\":\"delete\"'\n",
	.needs_session = true,
	.run = cmd_audit_run,
};

struct cmd_audit_ctx {
	bool	 json;
	size_t	 n;
	struct buf b;
};

static const char *
cmd_audit_path(const char *path)
{
	if (strcmp(path, "_state") == 0)
		return "state";
	if (strcmp(path, "_grid") == 0)
		return "grid";
	return path;
}

static void
cmd_audit_json(struct buf *b, const struct app_audit *a)
{
	char when[32];
	size_t i;

	cmd_time(a->time_us / 1000000, true, true, when);
	buf_addf(b, "{\"time\":\"%s\",\"user\":", when);
	cmd_json_str(b, a->user);
	buf_adds(b, ",\"form\":");
	cmd_json_str(b, a->form);
	buf_adds(b, ",\"id\":");
	cmd_json_str(b, a->hid);
	buf_adds(b, ",\"action\":");
	cmd_json_str(b, a->action);
	buf_adds(b, ",\"changes\":[");
	for (i = 0; i < a->changes.n; i++) {
		buf_adds(b, i > 0 ? ",{\"path\":" : "{\"path\":");
		cmd_json_str(b, cmd_audit_path(a->changes.v[i].path));
		buf_adds(b, ",\"old\":");
		cmd_json_str(b, a->changes.v[i].old);
		buf_adds(b, ",\"new\":");
		cmd_json_str(b, a->changes.v[i].new);
		buf_addc(b, '}');
	}
	buf_adds(b, "]}\n");
}

static void
cmd_audit_text(struct buf *b, const struct app_audit *a)
{
	const struct change *c;
	char when[32], *o, *n;
	size_t i;

	cmd_time(a->time_us / 1000000, false, true, when);
	buf_addf(b, "%s  %s  %s  %s %s\n", when, a->user != NULL ? a->user :
	    "?", a->action != NULL ? a->action : "?", a->form != NULL ?
	    a->form : "?", a->hid != NULL ? a->hid : "?");
	for (i = 0; i < a->changes.n; i++) {
		c = &a->changes.v[i];
		o = c->old != NULL ? cmd_quote(c->old) : xstrdup("(empty)");
		n = c->new != NULL ? cmd_quote(c->new) : xstrdup("(empty)");
		buf_addf(b, "    %s: %s → %s\n", cmd_audit_path(c->path), o, n);
		free(o);
		free(n);
	}
}

static int
cmd_audit_one(void *arg, const struct app_audit *a)
{
	struct cmd_audit_ctx *ac = arg;

	buf_reset(&ac->b);
	if (ac->json)
		cmd_audit_json(&ac->b, a);
	else
		cmd_audit_text(&ac->b, a);
	fputs(buf_str(&ac->b), stdout);
	ac->n++;
	return 0;
}

static int
cmd_audit_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_audit_entry;
	struct cmd_opt opts[] = { { .name = "--json" } };
	struct cmd_audit_ctx ac;
	const struct form *form = NULL;
	const char *id = NULL;
	char *q;
	int err, rc = CMD_OK;

	if ((argc = cmd_getopts(ce, argc, argv, opts, nitems(opts))) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc > 3)
		return cmd_usage(ce);
	if (argc >= 2 && (form = cmd_form(ce, s, argv[1])) == NULL)
		return CMD_ERROR;
	if (argc == 3)
		id = argv[2];
	memset(&ac, 0, sizeof ac);
	ac.json = opts[0].seen;
	err = app_audit(s, form != NULL ? form->name : NULL, id,
	    cmd_audit_one, &ac);
	fflush(stdout);
	if (err != 0 && err != GB_ENOTFOUND)
		rc = cmd_fail(ce, s, form, NULL, err);
	else if (id != NULL && ac.n == 0) {
		q = cmd_quote(id);
		rc = cmd_error(ce, "%s: no record %s", form->name, q);
		free(q);
	}
	buf_free(&ac.b);
	return rc;
}
