/*
 * tui-form-items.c — the Tab order of a record on screen (the stops, see
 * tui-form.h), rebuilt from the record after every change so show_if
 * applies live, and the editor of the focused stop: a line editor, a
 * textarea, or none for a bool; a filled value arrives "fresh" (the first
 * printable key replaces it).
 */
#include <stdlib.h>
#include <string.h>

#include "tui-form.h"

static enum field_kind
kind(const struct field *f)
{
	return f->type->kind;
}

/* The Tab order. */

void
tform_items_free(struct fstate *fs)
{
	size_t i;

	for (i = 0; i < fs->nitems; i++)
		free(fs->items[i].path);
	free(fs->items);
	fs->items = NULL;
	fs->nitems = 0;
}

static void
items_add(struct fstate *fs, char *path, const struct field *f,
    const struct field *g, unsigned n, bool phantom)
{
	struct fitem *it;

	fs->items = xreallocarray(fs->items, fs->nitems + 1, sizeof *fs->items);
	it = &fs->items[fs->nitems++];
	it->path = path;
	it->f = f;
	it->g = g;
	it->n = n;
	it->phantom = phantom;
}

static void
tform_build_group(struct fstate *fs, const struct field *g)
{
	const struct field *mf;
	unsigned n, count;
	size_t j;
	char *p;

	count = record_group_count(fs->rec, g->name);
	for (n = 1; n <= count; n++) {
		for (j = 0; j < g->nfields; j++) {
			mf = &g->fields[j];
			p = xasprintf("%s.%u.%s", g->name, n, mf->name);
			if (record_visible(fs->form, fs->rec, p))
				items_add(fs, p, mf, g, n, false);
			else
				free(p);
		}
	}
	if (g->nfields == 0 || (g->repeat_max != 0 && count >= g->repeat_max))
		return;
	/* The phantom: the first visible field of the member after the last. */
	for (j = 0; j < g->nfields; j++) {
		mf = &g->fields[j];
		if (kind(mf) == FK_TEXTAREA || kind(mf) == FK_BOOL)
			continue;
		p = xasprintf("%s.%u.%s", g->name, count + 1, mf->name);
		if (record_visible(fs->form, fs->rec, p)) {
			items_add(fs, p, mf, g, count + 1, true);
			return;
		}
		free(p);
	}
	items_add(fs, xasprintf("%s.%u.%s", g->name, count + 1,
	    g->fields[0].name), &g->fields[0], g, count + 1, true);
}

static void
tform_build(struct fstate *fs)
{
	const struct field *f;
	size_t i;

	tform_items_free(fs);
	for (i = 0; i < fs->form->nfields; i++) {
		f = &fs->form->fields[i];
		if (!record_visible(fs->form, fs->rec, f->name))
			continue;
		if (kind(f) == FK_GROUP)
			tform_build_group(fs, f);
		else
			items_add(fs, xstrdup(f->name), f, NULL, 0, false);
	}
}

struct fitem *
tform_cur(struct fstate *fs)
{
	if (fs->focus >= fs->nitems)
		return NULL;
	return &fs->items[fs->focus];
}

/* The editor of the focused field. */

void
tform_editor_close(struct fstate *fs)
{
	if (fs->ed == FE_LINE)
		le_free(&fs->le);
	if (fs->ta != NULL)
		ta_free(fs->ta);
	fs->ta = NULL;
	fs->ed = FE_NONE;
	fs->edited = false;
	fs->fresh = false;
}

void
tform_editor_open(struct fstate *fs)
{
	struct fitem *it = tform_cur(fs);
	const char *v;
	size_t max = 0;

	tform_editor_close(fs);
	if (it == NULL)
		return;
	v = record_get(fs->rec, it->path);
	switch (kind(it->f)) {
	case FK_TEXTAREA:
		fs->ta = ta_new(v != NULL ? v : "");
		fs->ed = FE_AREA;
		return;
	case FK_BOOL:
		fs->ed = FE_BOOL;
		return;
	case FK_GROUP:
		return;
	case FK_IDCARD:
		max = 18;
		break;
	case FK_TEXT:
	case FK_PHONE:
		if (it->f->maxlen > 0)
			max = (size_t)it->f->maxlen;
		break;
	default:
		break;
	}
	le_init(&fs->le, v != NULL ? v : "", max);
	fs->ed = FE_LINE;
	fs->fresh = v != NULL;
}

const char *
tform_editor_text(struct fstate *fs)
{
	if (fs->ed == FE_LINE)
		return buf_str(&fs->le.text);
	if (fs->ed == FE_AREA)
		return ta_text(fs->ta);
	return "";
}

void
tform_focus(struct fstate *fs, const char *path, size_t near)
{
	char *keep = path != NULL ? xstrdup(path) : NULL;
	size_t i;

	tform_editor_close(fs);
	tform_build(fs);
	fs->focus = near;
	if (fs->focus >= fs->nitems)
		fs->focus = fs->nitems > 0 ? fs->nitems - 1 : 0;
	for (i = 0; keep != NULL && i < fs->nitems; i++) {
		if (strcmp(fs->items[i].path, keep) == 0) {
			fs->focus = i;
			break;
		}
	}
	free(keep);
	tform_editor_open(fs);
}

/* The first stop; of a new record, the first that batch entry did not
 * fill from the last record. */
void
tform_focus_first(struct fstate *fs)
{
	size_t i;

	for (i = 0; i < fs->nitems; i++)
		if (fs->rec->id != 0 || !fs->items[i].f->carry ||
		    record_get(fs->rec, fs->items[i].path) == NULL)
			break;
	tform_editor_close(fs);
	fs->focus = i < fs->nitems ? i : 0;
	tform_editor_open(fs);
}

bool
tform_dirty(const struct fstate *fs)
{
	struct changes c = CHANGES_INIT;
	bool d;

	if (fs->edited)
		return true;
	record_diff(fs->base, fs->rec, &c);
	d = c.n > 0;
	changes_free(&c);
	return d;
}
