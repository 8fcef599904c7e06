/*
 * cmd.c — the table of subcommands and the few things every one of them
 * uses: finding an entry, the usage line, and error messages in the one
 * shape scripts and people rely on ("gridbook add: household: members.1.
 * id_card: ..." on stderr).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

extern const struct cmd_entry cmd_forms_entry;
extern const struct cmd_entry cmd_add_entry;
extern const struct cmd_entry cmd_get_entry;
extern const struct cmd_entry cmd_set_entry;
extern const struct cmd_entry cmd_move_entry;
extern const struct cmd_entry cmd_delete_entry;
extern const struct cmd_entry cmd_find_entry;
extern const struct cmd_entry cmd_audit_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_reindex_entry;
extern const struct cmd_entry cmd_backup_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_export_entry;

const struct cmd_entry *const cmd_table[] = {
	&cmd_forms_entry,
	&cmd_add_entry,
	&cmd_get_entry,
	&cmd_set_entry,
	&cmd_move_entry,
	&cmd_delete_entry,
	&cmd_find_entry,
	&cmd_audit_entry,
	&cmd_check_entry,
	&cmd_reindex_entry,
	&cmd_backup_entry,
	&cmd_import_entry,
	&cmd_export_entry,
	NULL
};

/* An exact name, else a prefix that only one entry has ("del"). */
const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry *found = NULL;
	size_t i, len = strlen(name);

	if (len == 0)
		return NULL;
	for (i = 0; cmd_table[i] != NULL; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	for (i = 0; cmd_table[i] != NULL; i++) {
		if (strncmp(cmd_table[i]->name, name, len) != 0)
			continue;
		if (found != NULL)
			return NULL;
		found = cmd_table[i];
	}
	return found;
}

int
cmd_usage(const struct cmd_entry *ce)
{
	fprintf(stderr, "usage: gridbook %s %s\n", ce->name, ce->usage);
	return CMD_USAGE;
}

int
cmd_error(const struct cmd_entry *ce, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gridbook %s: ", ce->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CMD_ERROR;
}

int
cmd_app_error(const struct cmd_entry *ce, struct session *s,
    const struct form *f, const struct verrors *errs)
{
	const char *msg = s != NULL ? app_errmsg(s) : NULL;
	const struct verror *e;
	size_t i;

	if (msg != NULL && *msg != '\0')
		cmd_error(ce, "%s", msg);
	for (i = 0; errs != NULL && i < errs->n; i++) {
		e = &errs->v[i];
		fprintf(stderr, "gridbook %s: ", ce->name);
		if (f != NULL)
			fprintf(stderr, "%s: ", f->name);
		if (e->path != NULL && *e->path != '\0')
			fprintf(stderr, "%s: ", e->path);
		fprintf(stderr, "%s\n", e->msg);
	}
	return CMD_ERROR;
}

int
cmd_split_assign(const char *arg, char **path, char **value)
{
	const char *eq = strchr(arg, '=');

	*path = *value = NULL;
	if (eq == NULL || eq == arg)
		return -1;
	*path = xstrndup(arg, (size_t)(eq - arg));
	*value = xstrdup(eq + 1);
	return 0;
}
