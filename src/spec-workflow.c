/*
 * spec-workflow.c — a form's `workflow:`: its states, the initial state and
 * the transitions between them (who may make each move, which fields must be
 * filled first).  Besides reading it, this is where the workflow is linted:
 * unknown states, duplicate or self transitions, states that cannot be
 * reached from the initial one, and required fields that a show_if hides in
 * the state the move starts from (so they could never be filled).
 *
 * Sizes are bounded (SPEC_MAX_STATES, SPEC_MAX_TRANS) so the reachability
 * pass stays small whatever the file says.
 */
#include <stdlib.h>
#include <string.h>

#include "spec-int.h"

#define SPEC_MAX_STATES	64
#define SPEC_MAX_TRANS	256

static const char *const role_names[] = { "admin", "clerk", "leader" };

void
workflow_clear(struct workflow *wf)
{
	size_t i;

	free(wf->initial);
	for (i = 0; i < wf->nstates; i++) {
		free(wf->states[i].name);
		label_free(&wf->states[i].label);
	}
	free(wf->states);
	for (i = 0; i < wf->ntrans; i++) {
		strv_free(wf->trans[i].from, wf->trans[i].nfrom);
		free(wf->trans[i].to);
		strv_free(wf->trans[i].roles, wf->trans[i].nroles);
		strv_free(wf->trans[i].require, wf->trans[i].nrequire);
		label_free(&wf->trans[i].label);
	}
	free(wf->trans);
	memset(wf, 0, sizeof *wf);
}

static int
state_index(const struct workflow *wf, const char *name)
{
	size_t i;

	for (i = 0; i < wf->nstates; i++)
		if (wf->states[i].name != NULL &&
		    strcmp(wf->states[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Report an unknown state name at n, with a hint.  what: "in 'from'". */
static void
unknown_state(struct yctx *y, const struct workflow *wf,
    const struct ynode *n, const char *name, const char *what)
{
	const char **names = xcalloc(wf->nstates + 1, sizeof *names);
	const char *sug;
	char *all;
	size_t i, k = 0;

	for (i = 0; i < wf->nstates; i++)
		if (wf->states[i].name != NULL)
			names[k++] = wf->states[i].name;
	sug = str_suggest(name, names, k);
	if (sug != NULL)
		yerr(y, n, "unknown state '%s' %s; did you mean '%s'?", name,
		    what, sug);
	else {
		all = names_join(names, k, 16);
		yerr(y, n, "unknown state '%s' %s; states: %s", name, what,
		    all);
		free(all);
	}
	free(names);
}

static void
state_read(struct yctx *y, const struct ynode *n, struct state *s)
{
	static const char *const keys[] = { "name", "zh", "en" };
	const struct ynode *name, *zh, *en;

	s->mark = n->mark;
	if (n->kind == YN_SCALAR && !ynode_null(n)) {
		name = n;
		zh = en = NULL;
	} else if (n->kind == YN_MAP) {
		ymap_check_keys(y, n, keys, nitems(keys), "a state");
		name = ymap_get(n, "name");
		zh = ymap_get(n, "zh");
		en = ymap_get(n, "en");
		if (name == NULL) {
			yerr(y, n, "a state needs 'name'");
			return;
		}
	} else {
		yerr(y, n, "a state must be a name or {name: ..., zh: ..., "
		    "en: ...}, not %s", ynode_what(n));
		return;
	}
	if (ynode_expect(y, name, YN_SCALAR, "a state's 'name'") != 0)
		return;
	if (!spec_name_ok(name->s, 32)) {
		yerr(y, name, "state name '%s' must be a lower-case letter "
		    "then up to 31 lower-case letters, digits or '_'",
		    name->s);
		return;
	}
	if (zh != NULL && ynode_expect(y, zh, YN_SCALAR, "'zh'") != 0)
		zh = NULL;
	if (en != NULL && ynode_expect(y, en, YN_SCALAR, "'en'") != 0)
		en = NULL;
	s->name = xstrdup(name->s);
	label_set(&s->label, zh != NULL ? zh->s : name->s,
	    en != NULL ? en->s : NULL);
}

static void
states_read(struct yctx *y, struct workflow *wf, const struct ynode *n)
{
	const char **names;
	struct mark *marks;
	size_t i;

	if (ynode_expect(y, n, YN_SEQ, "'states'") != 0)
		return;
	if (n->n < 2) {
		yerr(y, n, "a workflow needs at least two states");
		if (n->n == 0)
			return;
	}
	if (n->n > SPEC_MAX_STATES) {
		yerr(y, n, "too many states (%zu); at most %d", n->n,
		    SPEC_MAX_STATES);
		return;
	}
	wf->states = xcalloc(n->n, sizeof *wf->states);
	wf->nstates = n->n;
	for (i = 0; i < n->n; i++)
		state_read(y, n->v[i], &wf->states[i]);
	names = xcalloc(n->n, sizeof *names);
	marks = xcalloc(n->n, sizeof *marks);
	for (i = 0; i < n->n; i++) {
		names[i] = wf->states[i].name;
		marks[i] = wf->states[i].mark;
	}
	spec_dups(y, names, marks, n->n, "state");
	free(names);
	free(marks);
}

/* The node of item i of a name-or-list node, for marks. */
static const struct ynode *
item_node(const struct ynode *n, size_t i)
{
	return n->kind == YN_SEQ && i < n->n ? n->v[i] : n;
}

static void
trans_states(struct yctx *y, struct workflow *wf, struct transition *t,
    const struct ynode *from, const struct ynode *to)
{
	size_t i;

	for (i = 0; i < t->nfrom; i++) {
		if (strcmp(t->from[i], "*") == 0) {
			if (t->nfrom > 1)
				yerr(y, item_node(from, i), "'*' (any state) "
				    "must stand alone in 'from'");
			continue;
		}
		if (state_index(wf, t->from[i]) < 0)
			unknown_state(y, wf, item_node(from, i), t->from[i],
			    "in 'from'");
		else if (t->to != NULL && strcmp(t->from[i], t->to) == 0)
			yerr(y, item_node(from, i), "a transition from '%s' "
			    "to itself", t->to);
	}
	if (t->to != NULL && state_index(wf, t->to) < 0)
		unknown_state(y, wf, to, t->to, "in 'to'");
}

static void
trans_roles(struct yctx *y, struct transition *t, const struct ynode *n)
{
	const char *sug;
	size_t i;

	for (i = 0; i < t->nroles; i++) {
		size_t j;

		for (j = 0; j < nitems(role_names); j++)
			if (strcmp(t->roles[i], role_names[j]) == 0)
				break;
		if (j < nitems(role_names))
			continue;
		sug = str_suggest(t->roles[i], role_names, nitems(role_names));
		if (sug != NULL)
			yerr(y, item_node(n, i), "unknown role '%s'; did you "
			    "mean '%s'?", t->roles[i], sug);
		else
			yerr(y, item_node(n, i), "unknown role '%s'; roles: "
			    "admin, clerk, leader", t->roles[i]);
	}
}

/* The fields of require: must be top-level fields holding a value, and
 * shown in every state the move starts from. */
static void
trans_require(struct form_build *b, const struct transition *t,
    const struct ynode *n)
{
	const struct form *form = b->form;
	const struct workflow *wf = &form->wf;
	const struct field *f;
	struct buf hidden = BUF_INIT;
	const char **names;
	const char *sug;
	size_t i, j, k, nhidden;
	bool any;

	names = xcalloc(form->nfields + 1, sizeof *names);
	for (i = k = 0; i < form->nfields; i++)
		if (form->fields[i].name != NULL)
			names[k++] = form->fields[i].name;
	for (i = 0; i < t->nrequire; i++) {
		f = NULL;
		for (j = 0; j < form->nfields; j++)
			if (form->fields[j].name != NULL &&
			    strcmp(form->fields[j].name, t->require[i]) == 0)
				f = &form->fields[j];
		if (f == NULL) {
			sug = str_suggest(t->require[i], names, k);
			if (sug != NULL)
				yerr(b->y, item_node(n, i), "'require' names "
				    "unknown field '%s'; did you mean '%s'?",
				    t->require[i], sug);
			else
				yerr(b->y, item_node(n, i), "'require' names "
				    "unknown field '%s' (require names "
				    "top-level fields)", t->require[i]);
			continue;
		}
		if (f->type != NULL && f->type->kind == FK_GROUP) {
			yerr(b->y, item_node(n, i), "'%s' is a group; "
			    "'require' names fields that hold a value",
			    f->name);
			continue;
		}
		if (f->show_if == NULL)
			continue;
		buf_reset(&hidden);
		nhidden = 0;
		any = false;
		for (j = 0; j < wf->nstates; j++) {
			const char *s = wf->states[j].name;
			bool from = false;

			if (s == NULL)
				continue;
			for (k = 0; k < t->nfrom; k++)
				if (strcmp(t->from[k], s) == 0 ||
				    (strcmp(t->from[k], "*") == 0 &&
				    (t->to == NULL || strcmp(s, t->to) != 0)))
					from = true;
			if (!from)
				continue;
			if (expr_eval_state(f->show_if, s) != 0) {
				any = true;
				continue;
			}
			buf_addf(&hidden, "%s'%s'", nhidden > 0 ? ", " : "",
			    s);
			nhidden++;
		}
		/* With "*", only a field hidden in every state is a bug. */
		if (nhidden > 0 && (t->nfrom != 1 ||
		    strcmp(t->from[0], "*") != 0 || !any))
			yerr(b->y, item_node(n, i), "field '%s' is required "
			    "for the move to '%s' but its show_if hides it in "
			    "state%s %s, so it could never be filled", f->name,
			    t->to != NULL ? t->to : "?", nhidden > 1 ? "s" : "",
			    buf_str(&hidden));
	}
	buf_free(&hidden);
	free(names);
}

static void
trans_read(struct form_build *b, const struct ynode *n, struct transition *t)
{
	static const char *const keys[] = { "from", "to", "roles", "require",
	    "label" };
	struct yctx *y = b->y;
	struct workflow *wf = &b->form->wf;
	const struct ynode *from, *to, *v;
	int si;

	t->mark = n->mark;
	if (ynode_expect(y, n, YN_MAP, "a transition") != 0)
		return;
	ymap_check_keys(y, n, keys, nitems(keys), "a transition");
	from = ymap_get(n, "from");
	to = ymap_get(n, "to");
	if (from == NULL)
		yerr(y, n, "a transition needs 'from' (a state, a list of "
		    "states, or \"*\")");
	else
		ynode_strv(y, from, "'from'", &t->from, &t->nfrom);
	if (t->nfrom > SPEC_MAX_STATES) {
		yerr(y, from, "'from' names more than %d states",
		    SPEC_MAX_STATES);
		strv_free(t->from, t->nfrom);
		t->from = NULL;
		t->nfrom = 0;
	}
	if (to == NULL)
		yerr(y, n, "a transition needs 'to'");
	else
		ynode_str(y, to, "'to'", &t->to);
	trans_states(y, wf, t, from, to);
	if ((v = ymap_get(n, "roles")) != NULL &&
	    ynode_strv(y, v, "'roles'", &t->roles, &t->nroles) == 0)
		trans_roles(y, t, v);
	if ((v = ymap_get(n, "require")) != NULL &&
	    ynode_strv(y, v, "'require'", &t->require, &t->nrequire) == 0) {
		if (t->nrequire > b->form->nfields)
			yerr(y, v, "'require' names more fields than the form "
			    "has");
		else
			trans_require(b, t, v);
	}
	if ((v = ymap_get(n, "label")) != NULL)
		ynode_label(y, v, "'label'", false, &t->label);
	else if (t->to != NULL && (si = state_index(wf, t->to)) >= 0)
		label_set(&t->label, wf->states[si].label.zh,
		    wf->states[si].label.en);
	else
		label_set(&t->label, t->to != NULL ? t->to : "", NULL);
}

/* Duplicate (from, to) pairs. */
static void
trans_dups(struct yctx *y, const struct workflow *wf)
{
	size_t i, j, a, c;

	for (i = 0; i < wf->ntrans; i++) {
		const struct transition *t = &wf->trans[i];

		if (t->to == NULL)
			continue;
		for (a = 0; a < t->nfrom; a++) {
			for (j = 0; j < i; j++) {
				const struct transition *u = &wf->trans[j];

				if (u->to == NULL || strcmp(u->to, t->to) != 0)
					continue;
				for (c = 0; c < u->nfrom; c++)
					if (strcmp(u->from[c], t->from[a]) == 0)
						break;
				if (c < u->nfrom)
					break;
			}
			if (j < i) {
				yerr_at(y, t->mark, "duplicate transition from "
				    "'%s' to '%s' (first at line %u)",
				    t->from[a], t->to, wf->trans[j].mark.line);
				break;
			}
		}
	}
}

static void
reachability(struct yctx *y, const struct workflow *wf)
{
	bool *seen, changed = true;
	size_t i, a;
	int init, to;

	init = state_index(wf, wf->initial);
	if (init < 0)
		return;
	seen = xcalloc(wf->nstates, sizeof *seen);
	seen[init] = true;
	while (changed) {
		changed = false;
		for (i = 0; i < wf->ntrans; i++) {
			const struct transition *t = &wf->trans[i];

			if (t->to == NULL || (to = state_index(wf, t->to)) < 0 ||
			    seen[to])
				continue;
			for (a = 0; a < t->nfrom; a++) {
				int fi = state_index(wf, t->from[a]);

				if (strcmp(t->from[a], "*") == 0 ||
				    (fi >= 0 && seen[fi]))
					break;
			}
			if (a < t->nfrom) {
				seen[to] = true;
				changed = true;
			}
		}
	}
	for (i = 0; i < wf->nstates; i++)
		if (!seen[i] && wf->states[i].name != NULL)
			yerr_at(y, wf->states[i].mark, "state '%s' cannot be "
			    "reached from the initial state '%s'",
			    wf->states[i].name, wf->initial);
	free(seen);
}

int
spec_workflow(struct form_build *b, const struct ynode *n)
{
	static const char *const keys[] = { "initial", "states",
	    "transitions" };
	struct yctx *y = b->y;
	struct workflow *wf = &b->form->wf;
	const struct ynode *v, *ini;
	size_t start = y->d->n, i;

	if (ynode_expect(y, n, YN_MAP, "'workflow'") != 0)
		return -1;
	ymap_check_keys(y, n, keys, nitems(keys), "'workflow'");
	if ((v = ymap_get(n, "states")) == NULL)
		yerr(y, n, "a workflow needs 'states'");
	else
		states_read(y, wf, v);
	ini = ymap_get(n, "initial");
	if (ini == NULL)
		yerr(y, n, "a workflow needs 'initial' (the state new records "
		    "start in)");
	else if (ynode_str(y, ini, "'initial'", &wf->initial) == 0 &&
	    wf->nstates > 0 && state_index(wf, wf->initial) < 0)
		unknown_state(y, wf, ini, wf->initial, "as 'initial'");
	if ((v = ymap_get(n, "transitions")) != NULL &&
	    ynode_expect(y, v, YN_SEQ, "'transitions'") == 0) {
		if (v->n > SPEC_MAX_TRANS)
			yerr(y, v, "too many transitions (%zu); at most %d",
			    v->n, SPEC_MAX_TRANS);
		else {
			wf->trans = xcalloc(v->n + 1, sizeof *wf->trans);
			wf->ntrans = v->n;
			for (i = 0; i < v->n; i++)
				trans_read(b, v->v[i], &wf->trans[i]);
			trans_dups(y, wf);
		}
	}
	if (wf->initial != NULL && wf->nstates > 0)
		reachability(y, wf);
	if (wf->initial == NULL)
		wf->initial = xstrdup("");	/* the form has a workflow */
	return y->d->n == start ? 0 : -1;
}
