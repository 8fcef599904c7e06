/*
 * spec.h — form specifications.  The spec layer turns forms/NAME.yaml (and the
 * shared lists in forms/lists/NAME.yaml, and config/gridbook.yaml) into immutable
 * structures, or into diagnostics "file:line:col: message".  It is the only
 * layer that includes <yaml.h>.  The language is documented in
 * man/gridbook-forms.5 and doc/forms-language.md.
 *
 * Ownership: everything hanging off a struct form or struct formset is owned
 * by it and freed by form_free()/formset_free().  Pointers into a form stay
 * valid until then.  Nothing here is modified after loading.
 */
#ifndef GRIDBOOK_SPEC_H
#define GRIDBOOK_SPEC_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "field.h"
#include "util.h"

struct mark {
	unsigned line;		/* 1-based; 0 = unknown */
	unsigned col;		/* 1-based */
};

struct label {
	char	*zh;		/* never NULL after loading */
	char	*en;		/* never NULL after loading (falls back to zh) */
};

struct choice {
	char		*code;
	struct label	 label;
	struct mark	 mark;
};

struct choice_list {
	char		*name;		/* "ethnicity"; NULL for an inline list */
	struct label	 title;
	char		*source;	/* "GB/T 3304-1991" or NULL */
	struct choice	*v;
	size_t		 n;
	char		*file;
	struct mark	 mark;
};

/* The show_if expression language (expr.c). */
enum expr_op {
	EX_OR, EX_AND, EX_NOT,
	EX_EQ, EX_NE, EX_LT, EX_LE, EX_GT, EX_GE,
	EX_IN,			/* a in [items] */
	EX_FIELD,		/* a field name; `field` resolved at load */
	EX_STATE,		/* the keyword `state` */
	EX_STRING, EX_NUMBER, EX_BOOL,	/* literals; text in `s` */
};

struct field;

struct expr {
	enum expr_op	 op;
	struct expr	*a;
	struct expr	*b;
	struct expr	**items;	/* EX_IN */
	size_t		 nitems;
	char		*s;		/* name or literal text */
	const struct field *field;	/* EX_FIELD, after checking */
	struct mark	 mark;		/* in the YAML file */
};

struct field {
	char			*name;
	const struct field_type	*type;
	struct label		 label;
	struct label		 help;		/* zh/en may be "" */
	bool			 required;
	bool			 carry;
	bool			 index;
	bool			 unique;
	/* For FT_ORDERED types: canonical bounds or NULL ("today" kept as
	 * the word "today" for dates).  For FT_LENGTH types: minlen/maxlen in
	 * characters, -1 when unset.  For multichoice: minlen/maxlen bound
	 * the number of codes chosen. */
	char			*min;
	char			*max;
	long			 minlen;
	long			 maxlen;
	char			*pattern;	/* source text, or NULL */
	regex_t			 re;		/* compiled ^(pattern)$ if pattern */
	char			*def;		/* canonical default, or NULL */
	struct expr		*show_if;	/* NULL: always shown */
	char			*show_if_src;
	const struct choice_list *choices;	/* choice, multichoice */
	char			*ref_form;	/* ref */
	struct field		*fields;	/* group members' fields */
	size_t			 nfields;
	unsigned		 repeat_min;	/* group */
	unsigned		 repeat_max;	/* group; 0 = no limit */
	const struct field	*parent;	/* the group it is in, or NULL */
	struct mark		 mark;
};

struct state {
	char		*name;
	struct label	 label;
	struct mark	 mark;
};

struct transition {
	char		**from;		/* state names; a single "*" = any */
	size_t		 nfrom;
	char		*to;
	char		**roles;	/* empty: any role */
	size_t		 nroles;
	char		**require;	/* field names that must be filled */
	size_t		 nrequire;
	struct label	 label;		/* the action's name, defaults to to's */
	struct mark	 mark;
};

struct workflow {
	char			*initial;	/* NULL: the form has no workflow */
	struct state		*states;
	size_t			 nstates;
	struct transition	*trans;
	size_t			 ntrans;
};

enum scope { SCOPE_GRID, SCOPE_COMMUNITY };

struct form {
	char			*name;
	long			 version;
	struct label		 title;
	char			*id_pattern;	/* "MD-{year}-{seq:04}" */
	enum scope		 scope;
	struct field		*fields;
	size_t			 nfields;
	struct choice_list	*lists;		/* lists defined in this file */
	size_t			 nlists;
	struct workflow		 wf;
	char			**columns;	/* `list:` columns */
	size_t			 ncolumns;
	char			*file;
	struct mark		 mark;
};

struct formset {
	struct form		**forms;	/* sorted by name */
	size_t			 n;
	struct choice_list	*lists;		/* forms/lists/NAME.yaml */
	size_t			 nlists;
	char			*dir;
};

/* spec.c: loading. */
/*
 * Load one form file.  Shared lists (from forms/lists) are looked up in
 * `shared` when the file names a list it does not define.  Returns 0 and
 * *out, or -1 with every problem found added to d (and *out NULL).
 */
int spec_load_file(const char *path, const struct choice_list *shared,
    size_t nshared, struct form **out, struct diags *d);
/* The same from memory: name is used in messages and as the file name the
 * form's name must match (its base name without ".yaml").  For tests and
 * the fuzzer. */
int spec_load_buffer(const char *name, const char *data, size_t len,
    const struct choice_list *shared, size_t nshared, struct form **out,
    struct diags *d);
/* Load forms/lists/NAME.yaml then forms/NAME.yaml of dir.  -1 if any file has a
 * problem (all of them in d); the forms that loaded are still in *out. */
int spec_load_dir(const char *dir, struct formset **out, struct diags *d);
/*
 * Check form files as `gridbook forms check FILE...` does: shared lists from
 * dir/lists (dir may be NULL), each file loaded and linted, and every ref:
 * checked against the forms of dir (by file name) and the files given.
 * Returns 0 when clean, -1 with every problem in d.
 */
int spec_check_files(const char *dir, char *const *files, size_t n,
    struct diags *d);
void form_free(struct form *);
void formset_free(struct formset *);

/* spec-list.c: one shared list file forms/lists/NAME.yaml into *l (its
 * `list:` must equal NAME).  0, or -1 with problems in d and *l empty. */
int spec_list_load(const char *path, struct choice_list *l, struct diags *d);
/* The same from memory; name is used in messages and as the file name. */
int spec_list_parse(const char *name, const char *data, size_t len,
    struct choice_list *l, struct diags *d);
/* Free what a list holds (not l itself) and empty it. */
void choice_list_clear(struct choice_list *l);

/* spec-query.c: looking things up in a loaded form. */
const struct form *formset_find(const struct formset *, const char *name);
/* A field by path: "address", "members.name", or a record path with member
 * numbers "members.2.name" (numbers skipped). */
const struct field *form_field(const struct form *, const char *path);
const struct field *group_field(const struct field *group, const char *name);
const struct state *form_state(const struct form *, const char *name);
const struct choice *list_choice(const struct choice_list *,
    const char *code);
/* The label of a label pair in a language ("zh" or "en"). */
const char *label_get(const struct label *, const char *lang);

/* expr.c: the show_if language.  See doc/forms-language.md. */
/* Parse src; on error returns NULL and adds "file:line:col: msg" to d with
 * the column inside the YAML scalar at `at`. */
struct expr *expr_parse(const char *src, const char *file, struct mark at,
    struct diags *d);
/* Resolve field names against the form (siblings of `scope` first when it
 * is a group member) and check the kinds compared; errors go to d. */
int expr_check(struct expr *, const struct form *, const struct field *scope,
    const char *file, struct diags *d);
/*
 * Evaluate.  get() returns the canonical value of a resolved field (or NULL
 * when empty); state is the record's workflow state (may be NULL).
 * Returns 1 (true) or 0.
 */
struct expr_env {
	const char	*(*get)(void *ctx, const struct field *);
	void		*ctx;
	const char	*state;
};
int expr_eval(const struct expr *, const struct expr_env *);
/* Three-valued evaluation for the linter: fields unknown, state fixed.
 * Returns 1 true, 0 false, -1 depends on field values. */
int expr_eval_state(const struct expr *, const char *state);
void expr_free(struct expr *);

/* spec-config.c: config/gridbook.yaml. */
enum role { ROLE_ADMIN, ROLE_CLERK, ROLE_LEADER };

struct grid {
	char	*code;		/* "001" or a 15-digit code */
	char	*name;
};

struct user {
	char		*login;
	char		*name;
	enum role	 role;
	char		**grids;	/* leaders: the grids they may see */
	size_t		 ngrids;
};

struct config {
	char		*community;	/* name shown in titles */
	char		*lang;		/* "zh" or "en"; NULL: from locale */
	struct grid	*grids;
	size_t		 ngrids;
	struct user	*users;
	size_t		 nusers;
	char		*file;
};
int config_load(const char *path, struct config **out, struct diags *d);
/* The same from memory (tests, the fuzzer); name is used in messages. */
int config_load_buffer(const char *name, const char *data, size_t len,
    struct config **out, struct diags *d);
void config_free(struct config *);
const struct user *config_user(const struct config *, const char *login);
const struct grid *config_grid(const struct config *, const char *code);
const char *role_name(enum role);

#endif
