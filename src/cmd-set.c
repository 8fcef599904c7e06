/*
 * cmd-set.c — `gridbook set FORM ID FIELD=VALUE...`: change fields of a
 * record.  The record is read, the assignments applied, and the save
 * carries the revision read, so a change someone else made in between is
 * reported (naming the fields) instead of being overwritten.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

static int	cmd_set_run(struct cmd_ctx *, struct session *, int, char **);

const struct cmd_entry cmd_set_entry = {
	.name = "set",
	.usage = "FORM ID FIELD=VALUE...",
	.summary = "change fields of a record",
	.help =
"Changes fields of the record ID of FORM and prints which fields changed.\n"
"FIELD=VALUE is as for add; in addition:\n"
"\n"
"  FIELD=                  (empty) clears the field\n"
"  members.3.name=王五     with 2 members, adds a third\n"
"  members.2=              removes member 2; later members move up, so\n"
"                          member 3 becomes member 2 for the arguments\n"
"                          that follow (they apply left to right)\n"
"\n"
"The whole record is validated again before it is saved; nothing is saved\n"
"if any value is refused.  When someone else changed the record between\n"
"reading and saving, nothing is saved and the fields they changed are\n"
"named: run the command again.  The state is changed with 'move'.\n"
"\n"
"Examples:\n"
"  gridbook set household HH-000231 members.1.phone=13912345678\n"
"  gridbook set household HH-000231 members.2= care=\n"
"  gridbook set mediation MD-2026-0007 agreement='双方同意……'\n",
	.needs_session = true,
	.run = cmd_set_run,
};

static void
cmd_set_paths(struct buf *b, const struct changes *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		buf_addf(b, "%s%s", i > 0 ? ", " : "", c->v[i].path);
}

static int
cmd_set_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_set_entry;
	struct verrors errs = VERRORS_INIT;
	struct changes diff = CHANGES_INIT, conflicts = CHANGES_INIT;
	struct buf b = BUF_INIT;
	const struct form *form;
	struct record *rec, *old;
	int rc, err;

	if ((argc = cmd_getopts(ce, argc, argv, NULL, 0)) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc < 4)
		return cmd_usage(ce);
	if ((form = cmd_form(ce, s, argv[1])) == NULL)
		return CMD_ERROR;
	if (cmd_get_record(ce, s, form, argv[2], &rec) != CMD_OK)
		return CMD_ERROR;
	old = record_dup(rec);
	if ((rc = cmd_assign(ce, s, form, rec, argc - 3, argv + 3)) != CMD_OK)
		goto out;
	record_diff(old, rec, &diff);
	if (diff.n == 0) {
		printf("%s %s: no change\n", form->name, rec->hid);
		goto out;
	}
	err = app_save(s, form, rec, &errs, &conflicts);
	if (err == GB_ECONFLICT) {
		cmd_set_paths(&b, &conflicts);
		rc = cmd_error(ce, "%s %s was changed by someone else since it "
		    "was read%s%s%s; nothing saved: run the command again",
		    form->name, old->hid, b.len > 0 ? " (" : "", buf_str(&b),
		    b.len > 0 ? ")" : "");
	} else if (err != 0)
		rc = cmd_fail(ce, s, form, &errs, err);
	else {
		cmd_set_paths(&b, &diff);
		printf("%s %s rev %u: changed %s\n", form->name, rec->hid,
		    (unsigned)rec->rev, buf_str(&b));
	}
out:
	buf_free(&b);
	changes_free(&diff);
	changes_free(&conflicts);
	verrors_free(&errs);
	record_free(old);
	record_free(rec);
	return rc;
}
