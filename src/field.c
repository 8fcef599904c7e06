/*
 * field.c — the table of field types.  Each type lives in its own
 * field-NAME.c and exports one `const struct field_type`; adding a type is a
 * file and a line here.  The spec layer finds types by name, the record
 * layer by kind.
 */
#include <string.h>

#include "field.h"
#include "util.h"

extern const struct field_type field_type_text;
extern const struct field_type field_type_textarea;
extern const struct field_type field_type_integer;
extern const struct field_type field_type_decimal;
extern const struct field_type field_type_date;
extern const struct field_type field_type_choice;
extern const struct field_type field_type_multichoice;
extern const struct field_type field_type_bool;
extern const struct field_type field_type_idcard;
extern const struct field_type field_type_phone;
extern const struct field_type field_type_ref;
extern const struct field_type field_type_group;

static const struct field_type *const field_types[] = {
	&field_type_text,
	&field_type_textarea,
	&field_type_integer,
	&field_type_decimal,
	&field_type_date,
	&field_type_choice,
	&field_type_multichoice,
	&field_type_bool,
	&field_type_idcard,
	&field_type_phone,
	&field_type_ref,
	&field_type_group,
};

const struct field_type *
field_type_find(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < nitems(field_types); i++)
		if (strcmp(field_types[i]->name, name) == 0)
			return field_types[i];
	return NULL;
}

const struct field_type *
field_type_by_kind(enum field_kind kind)
{
	size_t i;

	for (i = 0; i < nitems(field_types); i++)
		if (field_types[i]->kind == kind)
			return field_types[i];
	return NULL;
}

const char *
field_type_suggest(const char *name)
{
	const char *names[nitems(field_types)];
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < nitems(field_types); i++)
		names[i] = field_types[i]->name;
	return str_suggest(name, names, nitems(names));
}

const char *
field_type_names(void)
{
	static char names[256];
	size_t i;

	if (names[0] != '\0')
		return names;
	for (i = 0; i < nitems(field_types); i++) {
		if (i > 0)
			strncat(names, ", ", sizeof names - strlen(names) - 1);
		strncat(names, field_types[i]->name,
		    sizeof names - strlen(names) - 1);
	}
	return names;
}
