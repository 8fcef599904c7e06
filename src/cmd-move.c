/*
 * cmd-move.c — `gridbook move FORM ID STATE`: a workflow transition, with
 * the same checks as on screen (a move the workflow allows from the current
 * state, a role it allows, the fields it requires filled).  A state that is
 * not a move from here gets the list of the moves that are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static int	cmd_move_run(struct cmd_ctx *, struct session *, int, char **);

const struct cmd_entry cmd_move_entry = {
	.name = "move",
	.usage = "FORM ID STATE",
	.summary = "move a record to a workflow state",
	.help =
"Moves the record ID of FORM to STATE, a state name of the form's workflow\n"
"(not its label: 'gridbook forms show FORM' lists them).  The workflow\n"
"says which moves exist from the record's state, which roles may make\n"
"them and which fields must be filled first; fill those with 'set'.  An\n"
"unknown or impossible STATE is answered with the moves there are.\n"
"Prints the move made.\n"
"\n"
"Examples:\n"
"  gridbook move mediation MD-2026-0007 investigating\n"
"  gridbook set mediation MD-2026-0007 agreement='……' &&\n"
"      gridbook move mediation MD-2026-0007 agreed\n",
	.needs_session = true,
	.run = cmd_move_run,
};

static const char *
cmd_move_label(struct session *s, const struct form *form, const char *name)
{
	const struct state *st = form_state(form, name);

	return st != NULL ? label_get(&st->label, s->lang != NULL ? s->lang :
	    "zh") : name;
}

/* "moves from mediating (调解中): agreed (达成协议), failed (调解终止)". */
static void
cmd_move_list(struct buf *b, struct session *s, const struct form *form,
    const struct record *rec)
{
	struct app_move *mv = NULL;
	size_t i, n;

	n = app_moves(s, form, rec, &mv);
	buf_addf(b, "moves from %s (%s): ", rec->state, cmd_move_label(s, form,
	    rec->state));
	if (n == 0)
		buf_adds(b, "none");
	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s (%s)%s", i > 0 ? ", " : "", mv[i].t->to,
		    cmd_move_label(s, form, mv[i].t->to), mv[i].allowed ? "" :
		    " [not your role]");
	app_moves_free(mv, n);
}

static bool
cmd_move_exists(struct session *s, const struct form *form,
    const struct record *rec, const char *to)
{
	struct app_move *mv = NULL;
	size_t i, n;
	bool found = false;

	n = app_moves(s, form, rec, &mv);
	for (i = 0; i < n; i++)
		if (strcmp(mv[i].t->to, to) == 0)
			found = true;
	app_moves_free(mv, n);
	return found;
}

static int
cmd_move_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	const struct cmd_entry *ce = &cmd_move_entry;
	struct verrors errs = VERRORS_INIT;
	struct buf b = BUF_INIT;
	const struct form *form;
	const char **names, *hint, *to;
	struct record *rec;
	char *from = NULL;
	size_t i;
	int rc = CMD_OK, err;

	if ((argc = cmd_getopts(ce, argc, argv, NULL, 0)) < 0)
		return argc == CMD_GETOPT_HELP ? CMD_OK : CMD_USAGE;
	if (argc != 4)
		return cmd_usage(ce);
	if ((form = cmd_form(ce, s, argv[1])) == NULL)
		return CMD_ERROR;
	if (form->wf.initial == NULL)
		return cmd_error(ce, "%s: the form has no workflow, so its "
		    "records have no state to move", form->name);
	if (cmd_get_record(ce, s, form, argv[2], &rec) != CMD_OK)
		return CMD_ERROR;
	to = argv[3];
	if (form_state(form, to) == NULL) {
		names = xcalloc(form->wf.nstates + 1, sizeof *names);
		for (i = 0; i < form->wf.nstates; i++)
			names[i] = form->wf.states[i].name;
		hint = str_suggest(to, names, form->wf.nstates);
		free(names);
		buf_addf(&b, "%s: unknown state '%s'", form->name, to);
		if (hint != NULL)
			buf_addf(&b, "; did you mean '%s'? ", hint);
		else
			buf_adds(&b, "; ");
		cmd_move_list(&b, s, form, rec);
		rc = cmd_error(ce, "%s", buf_str(&b));
		goto out;
	}
	if (rec->state != NULL && strcmp(rec->state, to) == 0) {
		rc = cmd_error(ce, "%s %s is already %s (%s)", form->name,
		    rec->hid, to, cmd_move_label(s, form, to));
		goto out;
	}
	if (!cmd_move_exists(s, form, rec, to)) {
		buf_addf(&b, "%s %s: no move from %s to %s; ", form->name,
		    rec->hid, rec->state != NULL ? rec->state : "(none)", to);
		cmd_move_list(&b, s, form, rec);
		rc = cmd_error(ce, "%s", buf_str(&b));
		goto out;
	}
	from = rec->state != NULL ? xstrdup(rec->state) : NULL;
	if ((err = app_move(s, form, rec, to, &errs)) != 0)
		rc = cmd_fail(ce, s, form, &errs, err);
	else
		printf("%s %s: %s → %s (%s)\n", form->name, rec->hid,
		    from != NULL ? from : "(none)", to,
		    cmd_move_label(s, form, to));
out:
	free(from);
	buf_free(&b);
	verrors_free(&errs);
	record_free(rec);
	return rc;
}
