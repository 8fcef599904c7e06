/*
 * field.h — the table of field types.  Each type is one file (field-date.c,
 * field-idcard.c, ...) exporting one `const struct field_type`, and one line in
 * field.c's table.  A type knows how to turn what a person typed into the
 * canonical text that is stored, how to order two canonical values, and how
 * to show one.  It knows nothing of forms, YAML, LMDB or curses: the spec
 * layer looks types up by name here, the record layer applies the per-field
 * constraints (required, min/max, pattern, choices) on top.
 *
 * Canonical forms (what is stored, what exports print):
 *   text, textarea   the text, trimmed of leading/trailing white space,
 *                    valid UTF-8; textarea keeps inner newlines ("\n").
 *   integer          optional '-', digits, no leading zeros ("0", "-12").
 *   decimal          optional '-', digits, '.', digits without trailing zeros
 *                    ("3.5", "12", "-0.25"); full-width digits accepted.
 *   date             YYYY-MM-DD, a real calendar date (input also 2026/1/5,
 *                    2026.1.5, 20260105, 2026年1月5日).
 *   choice           a code of the field's list (the record layer maps a
 *                    typed label to its code).
 *   multichoice      codes joined by ',' in list order, no duplicates.
 *   bool             "1" or "0" (input 1/0, y/n, yes/no, true/false, 是/否).
 *   idcard           18 characters, check digit verified, X upper case; a
 *                    15-digit old number is converted (19 + YYMMDD + check).
 *   phone            11-digit mobile ^1[3-9][0-9]{9}$, or a landline of
 *                    digits with one optional '-' after a 3-4 digit area code.
 *   ref              the human id of a record of the referenced form.
 *   group            no value of its own; its members hold the values.
 */
#ifndef GRIDBOOK_FIELD_H
#define GRIDBOOK_FIELD_H

#include <stdbool.h>
#include <stddef.h>

enum field_kind {
	FK_TEXT,
	FK_TEXTAREA,
	FK_INTEGER,
	FK_DECIMAL,
	FK_DATE,
	FK_CHOICE,
	FK_MULTICHOICE,
	FK_BOOL,
	FK_IDCARD,
	FK_PHONE,
	FK_REF,
	FK_GROUP,
};

/* Flags saying what a type's per-field keys mean. */
#define FT_ORDERED	0x01	/* min/max bound the value; compare != NULL */
#define FT_LENGTH	0x02	/* min/max/length count characters */
#define FT_CHOICES	0x04	/* takes `choices:` */
#define FT_LAST4	0x08	/* indexed also by its last 4 digits */
#define FT_MULTILINE	0x10	/* edited in a multi-line editor */
#define FT_NOVALUE	0x20	/* group: holds members, not a value */

struct field_type {
	const char	*name;
	enum field_kind	 kind;
	unsigned	 flags;
	/*
	 * Turn typed text into canonical text.  Returns 0 and a malloc'd *out,
	 * or -1 with a lower-case message in err (what is wrong and what would
	 * be valid, without the field name: the caller adds it).  An empty or
	 * all-blank input is never passed here (emptiness is `required`'s job).
	 * NULL for group.
	 */
	int	(*parse)(const char *in, char **out, char *err, size_t errlen);
	/* Order two canonical values (<0, 0, >0); NULL when unordered. */
	int	(*compare)(const char *a, const char *b);
	/* A display form of a canonical value, malloc'd; NULL: show as is. */
	char	*(*format)(const char *canon);
};

/* field.c */
const struct field_type *field_type_find(const char *name);
const struct field_type *field_type_by_kind(enum field_kind);
/* The nearest type name for a "did you mean" hint, or NULL. */
const char *field_type_suggest(const char *name);
/* All type names joined with ", ", for messages ("text, textarea, ..."). */
const char *field_type_names(void);

/* field-idcard.c: GB 11643-1999 helpers, used by the type and by tests. */
/* The check character for 17 digits: one of "10X98765432". */
char idcard_check_char(const char *digits17);
/* 1 male, 2 female, from the 17th character; 0 if id is not 18 long. */
int idcard_sex(const char *id18);
/* Birth date of a canonical id as "YYYY-MM-DD" into out[11]. */
void idcard_birth(const char *id18, char out[11]);
/* A masked copy for lists: first 6 and last 4 shown, "622923********1234".
 * Works on any string (short ones are returned as is); malloc'd. */
char *idcard_mask(const char *);

/* field-date.c: today's date as YYYY-MM-DD into out[11] (local time);
 * $GRIDBOOK_TODAY overrides it for tests. */
void date_today(char out[11]);

#endif
