/*
 * record-diff.c — what changed between two versions of a record, for the
 * audit log and for conflict messages: the workflow state and grid first
 * ("_state", "_grid"), then every value path whose text differs, in path
 * order.  Both value lists are sorted, so this is one merge.
 */
#include <stdlib.h>
#include <string.h>

#include "record.h"

static void
changes_add(struct changes *c, const char *path, const char *old,
    const char *new)
{
	struct change *ch;

	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 8 : c->cap * 2;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	ch = &c->v[c->n++];
	ch->path = xstrdup(path);
	ch->old = old != NULL ? xstrdup(old) : NULL;
	ch->new = new != NULL ? xstrdup(new) : NULL;
}

static void
diff_meta(struct changes *c, const char *path, const char *old,
    const char *new)
{
	if (old != NULL && *old == '\0')
		old = NULL;
	if (new != NULL && *new == '\0')
		new = NULL;
	if (old == NULL && new == NULL)
		return;
	if (old == NULL || new == NULL || strcmp(old, new) != 0)
		changes_add(c, path, old, new);
}

void
record_diff(const struct record *old, const struct record *new,
    struct changes *c)
{
	size_t i = 0, j = 0, no = old != NULL ? old->nv : 0,
	    nn = new != NULL ? new->nv : 0;
	int cmp;

	diff_meta(c, "_state", old != NULL ? old->state : NULL,
	    new != NULL ? new->state : NULL);
	diff_meta(c, "_grid", old != NULL ? old->grid : NULL,
	    new != NULL ? new->grid : NULL);
	while (i < no || j < nn) {
		if (i == no)
			cmp = 1;
		else if (j == nn)
			cmp = -1;
		else
			cmp = record_path_cmp(old->v[i].path, new->v[j].path);
		if (cmp < 0) {
			changes_add(c, old->v[i].path, old->v[i].text, NULL);
			i++;
		} else if (cmp > 0) {
			changes_add(c, new->v[j].path, NULL, new->v[j].text);
			j++;
		} else {
			if (strcmp(old->v[i].text, new->v[j].text) != 0)
				changes_add(c, old->v[i].path, old->v[i].text,
				    new->v[j].text);
			i++;
			j++;
		}
	}
}

void
changes_free(struct changes *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].path);
		free(c->v[i].old);
		free(c->v[i].new);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}
