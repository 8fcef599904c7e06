/*
 * record-int.h — helpers shared by the record*.c files only: splitting a
 * value path into its group, member number and field, and finding the field
 * a path names in a form.
 */
#ifndef GRIDBOOK_RECORD_INT_H
#define GRIDBOOK_RECORD_INT_H

#include <stddef.h>

#include "record.h"

/* Member numbers above this are refused as paths (a group of a form never
 * comes near it; a corrupt or hostile record might). */
#define RECORD_MEMBER_MAX 10000u

/* A path split in place: "members.2.name" gives group "members" (glen 7),
 * n 2, name "name"; a top-level "address" gives group NULL, n 0. */
struct rpath {
	const char	*group;
	size_t		 glen;
	unsigned	 n;
	const char	*name;
};

/* Split a path; -1 if it is neither "name" nor "group.N.name" with names of
 * [a-z0-9_] and N in 1..RECORD_MEMBER_MAX without leading zeros. */
int rpath_split(const char *path, struct rpath *);
/* The field of a split path in form, or NULL; *group gets its group field
 * (NULL at top level).  A top-level path naming a group returns the group. */
const struct field *rpath_field(const struct form *, const struct rpath *,
    const struct field **group);
/* Whether f is one of group g's member fields. */
int record_field_in_group(const struct field *g, const struct field *f);

#endif
