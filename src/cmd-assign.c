/*
 * cmd-assign.c — FIELD=VALUE arguments of `add` and `set`, applied to a
 * record left to right:
 *
 *   address=和平路12号       a top-level field
 *   members.2.name=张三      field `name` of member 2 of group `members`;
 *                            the number after the last member appends one
 *   care=低保对象,独居老人    a multichoice: codes or labels, comma separated
 *   phone=                   an empty value clears the field
 *   members.2=               removes member 2; the ones after it move up
 *
 *
 * A member gets its fields' defaults when its first value is given.  Every
 * value goes through record_parse_value, so the command line accepts
 * exactly what the form screen accepts.  All problems are reported, each
 * naming the form, the path and the value; nothing is saved by this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* What a path names. */
struct assign_target {
	const struct field	*f;	/* the field to set; NULL: a member */
	const struct field	*group;	/* its group, or NULL */
	size_t			 gi;	/* the group's index in form->fields */
	unsigned		 n;	/* member number, 1-based */
};

static const char *const assign_meta[] = {
	"id", "hid", "rev", "state", "created", "updated",
};

static const struct field *
assign_top(const struct form *form, const char *name, size_t *idx)
{
	size_t i;

	for (i = 0; i < form->nfields; i++)
		if (strcmp(form->fields[i].name, name) == 0) {
			*idx = i;
			return &form->fields[i];
		}
	return NULL;
}

/* "did you mean" over the top-level names, then the member fields (as
 * "group.1.name"); with no near name, the list of them all. */
static void
assign_unknown(struct buf *msg, const struct form *form, const char *path)
{
	const char **cands;
	const struct field *f;
	const char *hint;
	size_t i, j, n = 0;

	buf_addf(msg, "unknown field '%s'", path);
	for (i = 0; i < form->nfields; i++)
		n += 1 + form->fields[i].nfields;
	/* A member field given without its group: "name" for
	 * "members.1.name". */
	for (i = 0; i < form->nfields; i++)
		if (form->fields[i].type->kind == FK_GROUP &&
		    group_field(&form->fields[i], path) != NULL) {
			buf_addf(msg, "; did you mean '%s.1.%s'?",
			    form->fields[i].name, path);
			return;
		}
	cands = xcalloc(n + 1, sizeof *cands);
	n = 0;
	for (i = 0; i < form->nfields; i++)
		cands[n++] = form->fields[i].name;
	if ((hint = str_suggest(path, cands, n)) != NULL) {
		buf_addf(msg, "; did you mean '%s'?", hint);
		free(cands);
		return;
	}
	n = 0;
	for (i = 0; i < form->nfields; i++)
		for (j = 0; j < form->fields[i].nfields; j++)
			cands[n++] = form->fields[i].fields[j].name;
	if ((hint = str_suggest(path, cands, n)) != NULL) {
		for (i = 0; i < form->nfields; i++)
			if (group_field(&form->fields[i], hint) != NULL)
				break;
		buf_addf(msg, "; did you mean '%s.1.%s'?",
		    form->fields[i].name, hint);
		free(cands);
		return;
	}
	free(cands);
	buf_addf(msg, "; the fields of %s are: ", form->name);
	for (i = 0; i < form->nfields; i++) {
		f = &form->fields[i];
		buf_addf(msg, "%s%s%s", i > 0 ? ", " : "", f->name,
		    f->type->kind == FK_GROUP ? ".N.FIELD" : "");
	}
}

static void
assign_unknown_member(struct buf *msg, const struct field *g,
    const char *path, const char *name)
{
	const char **cands = xcalloc(g->nfields + 1, sizeof *cands);
	const char *hint;
	size_t i;

	for (i = 0; i < g->nfields; i++)
		cands[i] = g->fields[i].name;
	buf_addf(msg, "unknown field '%s'", path);
	if ((hint = str_suggest(name, cands, g->nfields)) != NULL)
		buf_addf(msg, "; did you mean '%s'?", hint);
	else {
		buf_addf(msg, "; the fields of a member of %s are: ",
		    g->name);
		for (i = 0; i < g->nfields; i++)
			buf_addf(msg, "%s%s", i > 0 ? ", " : "", cands[i]);
	}
	free(cands);
}

/* A member number: digits, no sign; 0 when not one (or too large). */
static unsigned
assign_number(const char *s, size_t len)
{
	unsigned long v = 0;
	size_t i;

	if (len == 0 || len > 6)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	return (unsigned)v;
}

static bool
assign_is_number(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return len > 0;
}

/* Resolve path against the form; -1 with the reason in msg. */
static int
assign_resolve(const struct form *form, const char *path,
    struct assign_target *t, struct buf *msg)
{
	const char *dot1, *dot2;
	char *head;
	size_t i, idx;

	memset(t, 0, sizeof *t);
	if (!utf8_valid(path, strlen(path), &i)) {
		head = cmd_quote(path);
		buf_addf(msg, "field name %s is not valid UTF-8 (bad byte 0x%02x "
		    "at byte %zu)", head, (unsigned char)path[i], i + 1);
		free(head);
		return -1;
	}
	dot1 = strchr(path, '.');
	head = dot1 != NULL ? xstrndup(path, (size_t)(dot1 - path)) :
	    xstrdup(path);
	t->f = assign_top(form, head, &idx);
	if (t->f == NULL) {
		for (i = 0; i < nitems(assign_meta); i++)
			if (strcmp(head, assign_meta[i]) == 0)
				break;
		if (i < nitems(assign_meta) && dot1 == NULL) {
			if (strcmp(head, "state") == 0)
				buf_addf(msg, "'state' is changed with "
				    "'gridbook move %s ID STATE'", form->name);
			else
				buf_addf(msg, "'%s' is kept by gridbook and "
				    "cannot be set", head);
		} else
			assign_unknown(msg, form, path);
		free(head);
		return -1;
	}
	free(head);
	if (t->f->type->kind != FK_GROUP) {
		if (dot1 == NULL)
			return 0;
		buf_addf(msg, "unknown field '%s': '%s' has no parts", path,
		    t->f->name);
		return -1;
	}
	t->group = t->f;
	t->gi = idx;
	t->f = NULL;
	if (dot1 == NULL) {
		buf_addf(msg, "'%s' is a group: give its members' fields as "
		    "%s.N.FIELD (%s.1.%s=...)", path, path, path,
		    t->group->fields[0].name);
		return -1;
	}
	dot2 = strchr(dot1 + 1, '.');
	if (dot2 == NULL) {
		if (assign_is_number(dot1 + 1, strlen(dot1 + 1))) {
			t->n = assign_number(dot1 + 1, strlen(dot1 + 1));
			if (t->n == 0) {
				buf_addf(msg, "%s: members are numbered from 1",
				    path);
				return -1;
			}
			return 0;
		}
		if (group_field(t->group, dot1 + 1) != NULL) {
			buf_addf(msg, "'%s' needs a member number: %s.1.%s",
			    path, t->group->name, dot1 + 1);
			return -1;
		}
		assign_unknown_member(msg, t->group, path, dot1 + 1);
		return -1;
	}
	if (!assign_is_number(dot1 + 1, (size_t)(dot2 - dot1 - 1))) {
		buf_addf(msg, "unknown field '%s': a member is %s.N.FIELD "
		    "with N a number from 1", path, t->group->name);
		return -1;
	}
	t->n = assign_number(dot1 + 1, (size_t)(dot2 - dot1 - 1));
	if (t->n == 0) {
		buf_addf(msg, "%s: members are numbered from 1", path);
		return -1;
	}
	if ((t->f = group_field(t->group, dot2 + 1)) == NULL) {
		assign_unknown_member(msg, t->group, path, dot2 + 1);
		return -1;
	}
	return 0;
}

/* What a value of this kind is, for "'x' is not a valid ...". */
static const char *
assign_noun(const struct field *f)
{
	switch (f->type->kind) {
	case FK_IDCARD:
		return "ID number";
	case FK_PHONE:
		return "phone number";
	case FK_DATE:
		return "date";
	case FK_INTEGER:
		return "whole number";
	case FK_DECIMAL:
		return "number";
	case FK_REF:
		return "record id";
	default:
		return "value";
	}
}

/* The value's problem, always naming the value: the type's message may
 * quote it already ("'x' is not one of: ..."), or say only what is wrong
 * ("check digit should be X, not 1"). */
static void
assign_bad_value(struct buf *msg, const struct field *f, const char *path,
    const char *value, const char *err)
{
	char *q = cmd_quote(value);

	if (err[0] == '\'')
		buf_addf(msg, "%s: %s", path, err);
	else if (strncmp(err, "must ", 5) == 0 || strncmp(err, "is ", 3) == 0)
		buf_addf(msg, "%s: %s %s", path, q, err);
	else if (strncmp(err, "not ", 4) == 0)
		buf_addf(msg, "%s: %s is %s", path, q, err);
	else
		buf_addf(msg, "%s: %s is not a valid %s: %s", path, q,
		    assign_noun(f), err);
	free(q);
}

/* A member about to be added gets its fields' defaults, as a new member
 * on the form screen does; the arguments that follow may change them. */
static void
assign_member_defaults(struct record *rec, const struct field *g, unsigned n)
{
	char *path;
	size_t i;

	for (i = 0; i < g->nfields; i++) {
		if (g->fields[i].def == NULL)
			continue;
		path = xasprintf("%s.%u.%s", g->name, n, g->fields[i].name);
		record_set(rec, path, g->fields[i].def);
		free(path);
	}
}

/* Apply one resolved assignment; -1 with the reason in msg.  members[gi]
 * is the highest member number given so far for group gi, so one bad value
 * does not make every later number of the same member look like a gap. */
static int
assign_apply(struct record *rec,
    const struct assign_target *t, const char *path, const char *value,
    unsigned *members, struct buf *msg)
{
	char err[512], *canon = NULL, *full;
	unsigned count;

	if (t->group != NULL) {
		count = record_group_count(rec, t->group->name);
		if (members[t->gi] < count)
			members[t->gi] = count;
		if (t->f == NULL) {
			if (*value != '\0') {
				buf_addf(msg, "%s: a member has no value of its "
				    "own; '%s=' (empty) removes it", path,
				    path);
				return -1;
			}
			if (t->n > count) {
				buf_addf(msg, "%s: there %s %u member%s; "
				    "nothing to remove", path, count == 1 ?
				    "is" : "are", count, count == 1 ? "" : "s");
				return -1;
			}
			record_group_remove(rec, t->group->name, t->n);
			members[t->gi] = record_group_count(rec,
			    t->group->name);
			return 0;
		}
		if (t->n > members[t->gi] + 1) {
			buf_addf(msg, "%s: there %s %u member%s of %s; the next "
			    "one is %s.%u", path, members[t->gi] == 1 ? "is" :
			    "are", members[t->gi], members[t->gi] == 1 ? "" :
			    "s", t->group->name, t->group->name,
			    members[t->gi] + 1);
			return -1;
		}
		if (t->n > members[t->gi])
			members[t->gi] = t->n;
	}
	if (record_parse_value(t->f, value, &canon, err, sizeof err) != 0) {
		assign_bad_value(msg, t->f, path, value, err);
		return -1;
	}
	if (t->group != NULL && canon != NULL &&
	    t->n > record_group_count(rec, t->group->name))
		assign_member_defaults(rec, t->group, t->n);
	full = t->group != NULL ? xasprintf("%s.%u.%s", t->group->name, t->n,
	    t->f->name) : xstrdup(t->f->name);
	record_set(rec, full, canon);
	free(full);
	free(canon);
	return 0;
}

int
cmd_assign(const struct cmd_entry *ce, struct session *s,
    const struct form *form, struct record *rec, int argc, char **argv)
{
	struct assign_target t;
	struct buf msg = BUF_INIT;
	unsigned *members;
	char *path, *value, *q;
	int i, rc = CMD_OK;

	members = xcalloc(form->nfields + 1, sizeof *members);
	for (i = 0; i < argc; i++) {
		if (cmd_split_assign(argv[i], &path, &value) != 0) {
			q = cmd_quote(argv[i]);
			cmd_error(ce, "%s: %s is not FIELD=VALUE", form->name,
			    q);
			free(q);
			rc = CMD_USAGE;
			continue;
		}
		buf_reset(&msg);
		if (assign_resolve(form, path, &t, &msg) != 0 ||
		    assign_apply(rec, &t, path, value, members, &msg) != 0) {
			cmd_error(ce, "%s: %s", form->name, buf_str(&msg));
			if (rc == CMD_OK)
				rc = CMD_ERROR;
		}
		free(path);
		free(value);
	}
	free(members);
	buf_free(&msg);
	if (rc == CMD_USAGE)
		cmd_usage(ce);
	return rc;
}
