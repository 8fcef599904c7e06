/*
 * spec-int.h — private to the spec layer (spec*.c): the YAML node tree with
 * a mark on every node that spec-yaml.c builds from libyaml's events, the
 * helpers that read typed values out of it with positioned messages, and the
 * steps of loading a form that live in separate files.
 *
 * Nothing outside spec*.c includes this header.  <yaml.h> itself is included
 * only by spec-yaml.c.
 */
#ifndef GRIDBOOK_SPEC_INT_H
#define GRIDBOOK_SPEC_INT_H

#include "spec.h"

/* Limits on what a spec or config file may be. */
#define SPEC_MAX_BYTES	(4u << 20)	/* 4 MiB */
#define SPEC_MAX_DEPTH	64		/* nested lists/mappings */
#define SPEC_MAX_NODES	200000		/* scalars + lists + mappings */
#define SPEC_MAX_DIAGS	100		/* problems reported per file */

enum ynode_kind { YN_SCALAR, YN_SEQ, YN_MAP };

/*
 * A node of a YAML document.  A mapping keeps its pairs flat in v as key,
 * value, key, value (n counts both); keys are scalars and unique (the parser
 * reports duplicates and drops them).  Owned by the root: ynode_free(root).
 */
struct ynode {
	enum ynode_kind	  kind;
	struct mark	  mark;
	char		 *s;		/* scalar text, NUL-terminated */
	size_t		  len;
	int		  plain;	/* an unquoted scalar */
	struct ynode	**v;
	size_t		  n;
	size_t		  cap;
};

/* Where messages go while loading one file. */
struct yctx {
	const char	*file;		/* as printed in messages */
	struct diags	*d;
	size_t		 start;		/* d->n when the file began */
};

/* spec-yaml.c */
/* Read a whole regular file of at most SPEC_MAX_BYTES; -1 reported. */
int ydoc_read(struct yctx *, const char *path, char **data, size_t *len);
/*
 * Parse data (len bytes, UTF-8) into a tree.  Returns the root (an empty
 * document gives a null scalar), or NULL with every problem reported: bad
 * UTF-8, NUL bytes, tab indentation, libyaml syntax errors, aliases,
 * nesting deeper than SPEC_MAX_DEPTH, more than SPEC_MAX_NODES nodes.
 */
struct ynode *ydoc_parse(struct yctx *, const char *data, size_t len);
void ynode_free(struct ynode *);
/* Sort this file's messages by position and cut them at SPEC_MAX_DIAGS. */
void yctx_finish(struct yctx *);

/* spec-node.c: typed access with messages. */
void yerr(struct yctx *, const struct ynode *, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void yerr_at(struct yctx *, struct mark, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "a mapping", "a list", "a value", "nothing" for messages. */
const char *ynode_what(const struct ynode *);
bool ynode_null(const struct ynode *);
/* The value of key in a mapping, or NULL. */
struct ynode *ymap_get(const struct ynode *map, const char *key);
/* Report every key of map not in keys[] ("unknown key 'x' in WHERE; did
 * you mean ...?").  Returns the number of unknown keys. */
int ymap_check_keys(struct yctx *, const struct ynode *map,
    const char *const *keys, size_t nkeys, const char *where);
/* Report unless n is of the kind; what is "'fields'" or "a field". */
int ynode_expect(struct yctx *, const struct ynode *, enum ynode_kind,
    const char *what);
/* A non-empty scalar, copied.  -1 reported. */
int ynode_str(struct yctx *, const struct ynode *, const char *what,
    char **out);
int ynode_bool(struct yctx *, const struct ynode *, const char *what,
    bool *out);
int ynode_long(struct yctx *, const struct ynode *, const char *what,
    long min, long max, long *out);
/* A label: a plain string, or {zh, en}; en falls back to zh.  With
 * allow_empty, "" is accepted (help texts).  On error the label is set to
 * copies of "" so it is always safe to free. */
int ynode_label(struct yctx *, const struct ynode *, const char *what,
    bool allow_empty, struct label *out);
/* A scalar or a list of scalars into a string vector. */
int ynode_strv(struct yctx *, const struct ynode *, const char *what,
    char ***out, size_t *n);
/* Whether s matches [a-z][a-z0-9_]{0,maxlen-1}. */
bool spec_name_ok(const char *s, size_t maxlen);
void label_free(struct label *);
void label_set(struct label *, const char *zh, const char *en);
void strv_free(char **, size_t);
/* Report each of names[] that repeats an earlier one, at its mark:
 * "duplicate WHAT 'x' (first at line N)".  NULL names are skipped. */
int spec_dups(struct yctx *, const char *const *names,
    const struct mark *marks, size_t n, const char *what);
/* Join names as "a, b, c" for hints, at most max of them. */
char *names_join(const char *const *v, size_t n, size_t max);

/* spec-list.c: choice lists. */
/* Read a list's choices from a sequence node into l (name etc. untouched). */
int spec_list_choices(struct yctx *, const struct ynode *seq,
    struct choice_list *l);
/* spec_list_load, spec_list_parse, choice_list_clear: see spec.h. */

/* spec-field.c: fields. */
struct form_build {
	struct yctx			*y;
	struct form			*form;
	const struct choice_list	*shared;
	size_t				 nshared;
	/* form->lists holds the file's named lists, then the inline ones
	 * as fields are read; its room is counted before, so the array
	 * never moves while fields point into it. */
	size_t				 lists_cap;
	bool				 scope_ok;	/* scope: read fine */
};
int spec_fields(struct form_build *, const struct ynode *seq,
    struct field **out, size_t *n, const struct field *parent);
void field_clear(struct field *);
/* After the whole form is read: show_if, defaults in lists, requires. */
void spec_fields_check(struct form_build *);

/* spec-workflow.c */
/* Read and lint the workflow; needs the fields read already (require:,
 * and show_if evaluated against the states). */
int spec_workflow(struct form_build *, const struct ynode *);
void workflow_clear(struct workflow *);

/* spec-lint.c: whole-form checks after reading. */
void spec_columns(struct form_build *, const struct ynode *);
void spec_id_pattern(struct form_build *, const struct ynode *);
/* scope: grid needs a top-level field `grid`. */
void spec_scope_check(struct form_build *);

#endif
