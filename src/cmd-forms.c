/*
 * cmd-forms.c — `gridbook forms check [FILE...]` and `gridbook forms show
 * FORM`: the form spec linter and a plain-text view of a form as the program
 * understood it.  Needs no database: it calls the spec layer directly.
 *
 * The forms directory is --forms, else $GRIDBOOK_FORMS, else ./forms when it
 * exists, else the installed one.  Files given to `check` still take their
 * shared lists (and the names `ref:` may use) from that directory.
 *
 * Installed setgid, the program may read the database directory; `forms`
 * needs none of that and reads files the person names, so it gives the
 * extra group (and user) up for good before reading anything: messages
 * quote the files they read.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#ifndef GRIDBOOK_FORMS_DIR
#define GRIDBOOK_FORMS_DIR "/usr/local/share/gridbook/forms"
#endif

static int	cmd_forms_run(struct cmd_ctx *, struct session *, int, char **);

const struct cmd_entry cmd_forms_entry = {
	.name = "forms",
	.usage = "check [FILE...] | show FORM",
	.summary = "check form specs, or show a form as understood",
	.help =
"  forms check [FILE...]\n"
"      Check form specs and print every problem, one per line, as\n"
"      FILE:LINE:COLUMN: message (on standard error).  With no FILE, the\n"
"      whole forms directory: the shared lists in lists/, every form, and\n"
"      the ref: links between forms.  A FILE inside a lists/ directory is\n"
"      checked as a shared list.  Given files still take their shared\n"
"      lists from the forms directory.  Exit 0 when all is well, 1 when\n"
"      there is any problem, 2 on bad usage.\n"
"\n"
"  forms show FORM\n"
"      Print a form as the program understood it: header, fields with\n"
"      their types and constraints (group members indented), the choice\n"
"      lists with codes and labels, the workflow's states and transitions\n"
"      with roles and required fields, and the list columns.  FORM is a\n"
"      form name, or the path of a form file.\n"
"\n"
"The forms directory is --forms DIR, else $GRIDBOOK_FORMS, else ./forms\n"
"if it exists, else the installed " GRIDBOOK_FORMS_DIR ".\n"
"The language is described in gridbook-forms(5).\n"
"\n"
"Examples:\n"
"  gridbook forms check\n"
"  gridbook --forms /etc/gridbook/forms forms check household.yaml\n"
"  gridbook forms show mediation | less\n",
	.needs_session = false,
	.run = cmd_forms_run,
};

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *
forms_dir(const struct cmd_ctx *ctx)
{
	const char *dir;

	if (ctx->opts.forms != NULL)
		return ctx->opts.forms;
	if ((dir = getenv("GRIDBOOK_FORMS")) != NULL && dir[0] != '\0')
		return dir;
	if (is_dir("forms"))
		return "forms";
	return GRIDBOOK_FORMS_DIR;
}

/* Whether path names a file in a directory called lists. */
static bool
in_lists_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (slash == NULL)
		return false;
	n = (size_t)(slash - path);
	return (n == 5 && strncmp(path, "lists", 5) == 0) ||
	    (n > 5 && strncmp(slash - 6, "/lists", 6) == 0);
}

static void
summary(const char *what, const struct diags *d)
{
	size_t i, files = 0;

	for (i = 0; i < d->n; i++) {
		size_t j;

		for (j = 0; j < i; j++)
			if (strcmp(d->v[j].file, d->v[i].file) == 0)
				break;
		if (j == i)
			files++;
	}
	printf("%s: %zu problem%s in %zu file%s\n", what, d->n,
	    d->n == 1 ? "" : "s", files, files == 1 ? "" : "s");
}

static int
forms_check(const struct cmd_ctx *ctx, int argc, char **argv)
{
	struct diags d = DIAGS_INIT;
	struct formset *fs = NULL;
	struct choice_list l;
	const char *dir = forms_dir(ctx);
	char **files;
	size_t nfiles = 0;
	int i, rc = 0;

	if (argc == 1) {
		if (!is_dir(dir)) {
			fprintf(stderr, "gridbook forms: no forms directory "
			    "%s (give --forms DIR or set GRIDBOOK_FORMS)\n",
			    dir);
			return CMD_ERROR;
		}
		rc = spec_load_dir(dir, &fs, &d);
		diags_print(&d, stderr);
		if (rc == 0 && d.n == 0)
			printf("%s: %zu form%s and %zu list%s, no problems\n",
			    dir, fs->n, fs->n == 1 ? "" : "s", fs->nlists,
			    fs->nlists == 1 ? "" : "s");
		else
			summary(dir, &d);
		formset_free(fs);
		rc = d.n == 0 ? CMD_OK : CMD_ERROR;
		diags_free(&d);
		return rc;
	}
	files = xcalloc((size_t)argc, sizeof *files);
	for (i = 1; i < argc; i++) {
		if (in_lists_dir(argv[i])) {
			if (spec_list_load(argv[i], &l, &d) == 0)
				choice_list_clear(&l);
			continue;
		}
		files[nfiles++] = argv[i];
	}
	if (nfiles > 0)
		spec_check_files(is_dir(dir) ? dir : NULL, files, nfiles, &d);
	free(files);
	diags_print(&d, stderr);
	if (d.n == 0)
		printf("%d file%s, no problems\n", argc - 1,
		    argc == 2 ? "" : "s");
	else
		summary("forms check", &d);
	rc = d.n == 0 ? CMD_OK : CMD_ERROR;
	diags_free(&d);
	return rc;
}

/* Print s padded with spaces to cols terminal columns. */
static void
pad(const char *s, size_t cols)
{
	size_t w = utf8_width(s);

	fputs(s, stdout);
	while (w++ < cols)
		putchar(' ');
}

static void
print_label(const struct label *l)
{
	if (strcmp(l->zh, l->en) == 0)
		fputs(l->zh, stdout);
	else
		printf("%s / %s", l->zh, l->en);
}

static void
print_field(const struct field *f, int indent)
{
	struct buf b = BUF_INIT;

	printf("%*s", indent, "");
	pad(f->name, 20 - (size_t)indent);
	putchar(' ');
	pad(f->type->name, 12);
	putchar(' ');
	print_label(&f->label);
	putchar('\n');
	if (f->required)
		buf_adds(&b, " required");
	if (f->unique)
		buf_adds(&b, " unique");
	else if (f->index)
		buf_adds(&b, " index");
	if (f->carry)
		buf_adds(&b, " carry");
	if (f->min != NULL)
		buf_addf(&b, " min=%s", f->min);
	if (f->max != NULL)
		buf_addf(&b, " max=%s", f->max);
	if (f->minlen >= 0 && f->minlen == f->maxlen &&
	    f->type->kind == FK_TEXT)
		buf_addf(&b, " length=%ld", f->minlen);
	else {
		if (f->minlen >= 0)
			buf_addf(&b, " min=%ld", f->minlen);
		if (f->maxlen >= 0)
			buf_addf(&b, " max=%ld", f->maxlen);
	}
	if (f->pattern != NULL)
		buf_addf(&b, " pattern=\"%s\"", f->pattern);
	if (f->def != NULL)
		buf_addf(&b, " default=\"%s\"", f->def);
	if (f->choices != NULL && f->choices->name != NULL)
		buf_addf(&b, " choices=%s", f->choices->name);
	else if (f->choices != NULL)
		buf_addf(&b, " choices=(inline, %zu)", f->choices->n);
	if (f->ref_form != NULL)
		buf_addf(&b, " ref=%s", f->ref_form);
	if (f->type->kind == FK_GROUP && f->repeat_max > 0)
		buf_addf(&b, " repeat=%u..%u", f->repeat_min, f->repeat_max);
	else if (f->type->kind == FK_GROUP)
		buf_addf(&b, " repeat=%u..", f->repeat_min);
	if (f->show_if_src != NULL)
		buf_addf(&b, " show_if=\"%s\"", f->show_if_src);
	if (b.len > 0)
		printf("%*s%s\n", indent + 4, "", buf_str(&b));
	buf_free(&b);
	if (f->help.zh[0] != '\0') {
		printf("%*s help: ", indent + 4, "");
		print_label(&f->help);
		putchar('\n');
	}
}

static void
print_list(const struct choice_list *l, const char *name)
{
	size_t i, w = 0;

	printf("  %s", name);
	if (l->source != NULL)
		printf(" (%s)", l->source);
	printf(": ");
	if (strcmp(l->title.zh, name) != 0 && (l->name == NULL ||
	    strcmp(l->title.zh, l->name) != 0)) {
		print_label(&l->title);
		printf(", ");
	}
	printf("%zu choice%s\n", l->n, l->n == 1 ? "" : "s");
	for (i = 0; i < l->n; i++)
		if (utf8_width(l->v[i].code) > w)
			w = utf8_width(l->v[i].code);
	for (i = 0; i < l->n; i++) {
		fputs("    ", stdout);
		pad(l->v[i].code, w + 2);
		print_label(&l->v[i].label);
		putchar('\n');
	}
}

/* Every list a form uses, each once, in field order. */
static void
print_lists(const struct form *form)
{
	const struct choice_list **seen;
	const struct field *f;
	size_t i, j, k, n = 0, total = 0;
	char *name;

	for (i = 0; i < form->nfields; i++)
		total += 1 + form->fields[i].nfields;
	seen = xcalloc(total + 1, sizeof *seen);
	printf("\nlists\n");
	for (i = 0; i < form->nfields; i++) {
		for (j = 0; j <= form->fields[i].nfields; j++) {
			f = j == 0 ? &form->fields[i] :
			    &form->fields[i].fields[j - 1];
			if (f->choices == NULL)
				continue;
			for (k = 0; k < n; k++)
				if (seen[k] == f->choices)
					break;
			if (k < n)
				continue;
			seen[n++] = f->choices;
			if (f->choices->name != NULL)
				print_list(f->choices, f->choices->name);
			else {
				name = xasprintf("(inline, field %s%s%s)",
				    f->parent != NULL ? f->parent->name : "",
				    f->parent != NULL ? "." : "", f->name);
				print_list(f->choices, name);
				free(name);
			}
		}
	}
	if (n == 0)
		printf("  (none)\n");
	free(seen);
}

static void
print_strv(const char *what, char **v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	printf("  %s: ", what);
	for (i = 0; i < n; i++)
		printf("%s%s", i > 0 ? ", " : "", v[i]);
}

static void
print_workflow(const struct form *form)
{
	const struct workflow *wf = &form->wf;
	const struct transition *t;
	size_t i, w = 0;

	if (wf->initial == NULL) {
		printf("\nworkflow\n  (none: records have no state)\n");
		return;
	}
	printf("\nworkflow (initial: %s)\n  states\n", wf->initial);
	for (i = 0; i < wf->nstates; i++)
		if (strlen(wf->states[i].name) > w)
			w = strlen(wf->states[i].name);
	for (i = 0; i < wf->nstates; i++) {
		fputs("    ", stdout);
		pad(wf->states[i].name, w + 2);
		print_label(&wf->states[i].label);
		putchar('\n');
	}
	printf("  transitions\n");
	for (i = 0; i < wf->ntrans; i++) {
		size_t j;

		t = &wf->trans[i];
		fputs("    ", stdout);
		for (j = 0; j < t->nfrom; j++)
			printf("%s%s", j > 0 ? "|" : "", t->from[j]);
		printf(" -> %s  ", t->to);
		print_label(&t->label);
		putchar('\n');
		printf("     ");
		if (t->nroles == 0)
			printf("  roles: any");
		else
			print_strv("roles", t->roles, t->nroles);
		print_strv("require", t->require, t->nrequire);
		putchar('\n');
	}
}

static void
print_form(const struct form *form)
{
	size_t i, j;

	printf("form %s, version %ld: ", form->name, form->version);
	print_label(&form->title);
	printf("\n  file   %s\n  id     %s\n  scope  %s\n", form->file,
	    form->id_pattern, form->scope == SCOPE_GRID ? "grid" :
	    "community");
	printf("\nfields\n");
	for (i = 0; i < form->nfields; i++) {
		print_field(&form->fields[i], 2);
		for (j = 0; j < form->fields[i].nfields; j++)
			print_field(&form->fields[i].fields[j], 6);
	}
	print_lists(form);
	print_workflow(form);
	printf("\nlist columns\n  ");
	if (form->ncolumns == 0)
		printf("(not set)");
	for (i = 0; i < form->ncolumns; i++)
		printf("%s%s", i > 0 ? ", " : "", form->columns[i]);
	putchar('\n');
}

static void
no_such_form(const struct formset *fs, const char *name, const char *dir)
{
	const char **names;
	const char *sug;
	size_t i, n = fs != NULL ? fs->n : 0;

	names = xcalloc(n + 1, sizeof *names);
	for (i = 0; i < n; i++)
		names[i] = fs->forms[i]->name;
	sug = str_suggest(name, names, n);
	if (sug != NULL)
		fprintf(stderr, "gridbook forms: no form '%s' in %s; did you "
		    "mean '%s'?\n", name, dir, sug);
	else
		fprintf(stderr, "gridbook forms: no form '%s' in %s\n", name,
		    dir);
	free(names);
}

static int
forms_show(const struct cmd_ctx *ctx, int argc, char **argv)
{
	struct diags d = DIAGS_INIT;
	struct formset *fs = NULL;
	struct form *one = NULL;
	const struct form *form;
	const char *dir = forms_dir(ctx), *name;
	int rc = CMD_OK;

	if (argc != 2) {
		fprintf(stderr, "usage: gridbook forms show FORM\n");
		return CMD_USAGE;
	}
	name = argv[1];
	if (is_dir(dir))
		spec_load_dir(dir, &fs, &d);
	if (strchr(name, '/') != NULL || (strlen(name) > 5 &&
	    strcmp(name + strlen(name) - 5, ".yaml") == 0)) {
		diags_free(&d);
		spec_load_file(name, fs != NULL ? fs->lists : NULL,
		    fs != NULL ? fs->nlists : 0, &one, &d);
		form = one;
	} else
		form = formset_find(fs, name);
	if (form == NULL) {
		diags_print(&d, stderr);
		if (one == NULL && d.n == 0)
			no_such_form(fs, name, dir);
		else
			fprintf(stderr, "gridbook forms: form '%s' did not "
			    "load\n", name);
		rc = CMD_ERROR;
	} else
		print_form(form);
	form_free(one);
	formset_free(fs);
	diags_free(&d);
	return rc;
}

/* Drop set-group-ID and set-user-ID privileges; -1 if that fails. */
static int
drop_privileges(void)
{
	gid_t gid = getgid();
	uid_t uid = getuid();

	if (getegid() != gid && setresgid(gid, gid, gid) != 0)
		return -1;
	if (geteuid() != uid && setresuid(uid, uid, uid) != 0)
		return -1;
	return getegid() == gid && geteuid() == uid ? 0 : -1;
}

static int
cmd_forms_run(struct cmd_ctx *ctx, struct session *s, int argc, char **argv)
{
	(void)s;
	if (drop_privileges() != 0) {
		fprintf(stderr, "gridbook forms: cannot give up the setgid "
		    "group: %s\n", strerror(errno));
		return CMD_ERROR;
	}
	if (argc >= 2 && strcmp(argv[1], "check") == 0)
		return forms_check(ctx, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return forms_show(ctx, argc - 1, argv + 1);
	return cmd_usage(&cmd_forms_entry);
}
