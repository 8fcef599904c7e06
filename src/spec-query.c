/*
 * spec-query.c — looking things up in loaded forms: a form by name, a field
 * by path ("address", "members.name", "members.2.name"), a state, a choice
 * by code, a label in a language.  Read-only; nothing here allocates.
 */
#include <string.h>

#include "spec.h"

const struct form *
formset_find(const struct formset *fs, const char *name)
{
	size_t lo = 0, hi, mid;
	int c;

	if (fs == NULL || name == NULL)
		return NULL;
	hi = fs->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, fs->forms[mid]->name);
		if (c == 0)
			return fs->forms[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const struct field *
fields_find(const struct field *v, size_t n, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].name != NULL && strlen(v[i].name) == len &&
		    strncmp(v[i].name, name, len) == 0)
			return &v[i];
	return NULL;
}

const struct field *
group_field(const struct field *group, const char *name)
{
	if (group == NULL || name == NULL)
		return NULL;
	return fields_find(group->fields, group->nfields, name, strlen(name));
}

const struct field *
form_field(const struct form *form, const char *path)
{
	const struct field *g;
	const char *dot, *rest;

	if (form == NULL || path == NULL)
		return NULL;
	dot = strchr(path, '.');
	if (dot == NULL)
		return fields_find(form->fields, form->nfields, path,
		    strlen(path));
	g = fields_find(form->fields, form->nfields, path,
	    (size_t)(dot - path));
	if (g == NULL || g->nfields == 0)
		return NULL;
	rest = dot + 1;
	/* Skip a member number: "members.2.name". */
	if (*rest >= '0' && *rest <= '9') {
		while (*rest >= '0' && *rest <= '9')
			rest++;
		if (*rest != '.')
			return NULL;
		rest++;
	}
	if (strchr(rest, '.') != NULL)
		return NULL;
	return group_field(g, rest);
}

const struct state *
form_state(const struct form *form, const char *name)
{
	size_t i;

	if (form == NULL || name == NULL)
		return NULL;
	for (i = 0; i < form->wf.nstates; i++)
		if (form->wf.states[i].name != NULL &&
		    strcmp(form->wf.states[i].name, name) == 0)
			return &form->wf.states[i];
	return NULL;
}

const struct choice *
list_choice(const struct choice_list *l, const char *code)
{
	size_t i;

	if (l == NULL || code == NULL)
		return NULL;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	return NULL;
}

const char *
label_get(const struct label *l, const char *lang)
{
	if (l == NULL)
		return "";
	if (lang != NULL && strcmp(lang, "en") == 0 && l->en != NULL &&
	    l->en[0] != '\0')
		return l->en;
	return l->zh != NULL ? l->zh : "";
}
