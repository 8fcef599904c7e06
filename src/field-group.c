/*
 * field-group.c — the `group` type: a repeated set of member fields
 * ("members.2.name").  It holds no value of its own, so it has no parse,
 * compare or format; the spec layer reads its `repeat:` and `fields:`.
 */
#include <stddef.h>

#include "field.h"

const struct field_type field_type_group = {
	.name = "group",
	.kind = FK_GROUP,
	.flags = FT_NOVALUE,
	.parse = NULL,
	.compare = NULL,
	.format = NULL,
};
