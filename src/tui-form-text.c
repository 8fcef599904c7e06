/*
 * tui-form-text.c — the words of the form screens: their Chinese strings
 * (ftr: tr() first, then this table), a field path as a person reads it
 * ("家庭成员 2 · 姓名"), a stored value as shown (choice labels, yes/no),
 * and the notes attached to fields (errors, duplicates).
 */
#include <stdlib.h>
#include <string.h>

#include "tui-form.h"

/* The form screens' strings live in tui-i18n.c's table with the others. */
const char *
ftr(const struct tui *t, const char *en)
{
	return tr(t, en);
}

static enum field_kind
kind(const struct field *f)
{
	return f->type->kind;
}

/* Spaces, "，", "；" and ";" between multichoice codes mean ','. */
static char *
multi_norm(const char *in)
{
	static const char *const seps[] = { "，", "；", ";", " " };
	struct buf b = BUF_INIT;
	size_t i, n;
	bool sep = false;

	while (*in != '\0') {
		for (i = 0, n = 0; i < nitems(seps) && n == 0; i++)
			if (strncmp(in, seps[i], strlen(seps[i])) == 0)
				n = strlen(seps[i]);
		if (n > 0 || *in == ',') {
			sep = b.len > 0;
			in += n > 0 ? n : 1;
			continue;
		}
		if (sep)
			buf_addc(&b, ',');
		sep = false;
		buf_addc(&b, *in++);
	}
	return buf_steal(&b);
}

int
tform_parse(const struct field *f, const char *text, char **out, char *err,
    size_t errlen)
{
	char *norm;
	int rc;

	if (kind(f) != FK_MULTICHOICE || text == NULL)
		return record_parse_value(f, text, out, err, errlen);
	norm = multi_norm(text);
	rc = record_parse_value(f, norm, out, err, errlen);
	free(norm);
	return rc;
}

char *
tform_path_label(const struct tui *t, const struct form *fm, const char *path)
{
	const struct field *f, *g;
	char *dot, *gname;
	unsigned long n;

	if (strcmp(path, "_state") == 0)
		return xstrdup(ftr(t, "state"));
	if (strcmp(path, "_grid") == 0)
		return xstrdup(ftr(t, "grid"));
	f = form_field(fm, path);
	if (f == NULL)
		return xstrdup(path);
	if (f->parent == NULL || (dot = strchr(path, '.')) == NULL)
		return xstrdup(label_get(&f->label, t->lang));
	g = f->parent;
	gname = xstrndup(path, (size_t)(dot - path));
	n = strtoul(dot + 1, NULL, 10);
	free(gname);
	if (n == 0)
		return xasprintf("%s · %s", label_get(&g->label, t->lang),
		    label_get(&f->label, t->lang));
	return xasprintf("%s %lu · %s", label_get(&g->label, t->lang), n,
	    label_get(&f->label, t->lang));
}

char *
tform_show(const struct tui *t, const struct field *f, const char *v)
{
	const struct choice *c;
	struct buf b = BUF_INIT;
	char *list, *p, *code;

	if (v == NULL)
		return xstrdup("");
	switch (kind(f)) {
	case FK_CHOICE:
		c = f->choices != NULL ? list_choice(f->choices, v) : NULL;
		if (c == NULL)
			return xstrdup(v);
		return xasprintf("%s %s", v, label_get(&c->label, t->lang));
	case FK_MULTICHOICE:
		list = xstrdup(v);
		for (p = list; (code = strsep(&p, ",")) != NULL;) {
			c = f->choices != NULL ? list_choice(f->choices, code) :
			    NULL;
			if (b.len > 0)
				buf_adds(&b, tr(t, ", "));
			buf_adds(&b, c != NULL ? label_get(&c->label, t->lang) :
			    code);
		}
		free(list);
		return buf_steal(&b);
	case FK_BOOL:
		if (strcmp(v, "1") == 0)
			return xstrdup(ftr(t, "yes"));
		if (strcmp(v, "0") == 0)
			return xstrdup(ftr(t, "no"));
		return xstrdup(v);
	default:
		if (f->type->format != NULL && (p = f->type->format(v)) != NULL)
			return p;
		return xstrdup(v);
	}
}

/* Notes. */

const char *
tform_note_get(const struct fstate *fs, const char *path)
{
	size_t i;

	for (i = 0; i < fs->nnotes; i++)
		if (strcmp(fs->notes[i].path, path) == 0)
			return fs->notes[i].msg;
	return NULL;
}

void
tform_note_clear(struct fstate *fs, const char *path)
{
	size_t i;

	for (i = 0; i < fs->nnotes; i++) {
		if (strcmp(fs->notes[i].path, path) != 0)
			continue;
		free(fs->notes[i].path);
		free(fs->notes[i].msg);
		fs->notes[i] = fs->notes[--fs->nnotes];
		return;
	}
}

void
tform_note(struct fstate *fs, const char *path, const char *msg)
{
	tform_note_clear(fs, path);
	fs->notes = xreallocarray(fs->notes, fs->nnotes + 1,
	    sizeof *fs->notes);
	fs->notes[fs->nnotes].path = xstrdup(path);
	fs->notes[fs->nnotes].msg = xstrdup(msg);
	fs->nnotes++;
}

void
tform_notes_clear(struct fstate *fs)
{
	size_t i;

	for (i = 0; i < fs->nnotes; i++) {
		free(fs->notes[i].path);
		free(fs->notes[i].msg);
	}
	free(fs->notes);
	fs->notes = NULL;
	fs->nnotes = 0;
}
