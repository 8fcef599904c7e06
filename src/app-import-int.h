/*
 * app-import-int.h — what the two files of the importer share:
 * app-import-read.c turns the decoded text into rows (CSV with its header,
 * or JSON Lines) of cells named by record paths, app-import.c turns rows
 * into records, checks them and writes them.  Names start with imp_.
 */
#ifndef GRIDBOOK_APP_IMPORT_INT_H
#define GRIDBOOK_APP_IMPORT_INT_H

#include "app-int.h"

#define IMP_MEMBER_MAX	9999	/* member numbers beyond this are refused */

/* A hash map of strings, each with a line number and a string. */
struct imp_set {
	char		**k;
	unsigned	*line;
	char		**val;
	size_t		 n;
	size_t		 cap;		/* power of two or 0 */
};

enum imp_meta { IM_FIELD, IM_IGNORE, IM_STATE, IM_FORM };

struct imp_cell {
	char		*path;		/* the record path */
	const char	*name;		/* as the file names it */
	const char	*text;		/* the value as written */
	unsigned	 col;
	bool		 bad;		/* the value was refused */
};

struct imp_row {
	unsigned	 line;
	struct imp_cell	*v;
	size_t		 n;
	size_t		 cap;
	const char	*state;		/* NULL: the initial state */
	unsigned	 state_col;
	struct json	*json;		/* owns the strings of a JSON row */
	bool		 broken;	/* not a record at all: skip it */
};

struct imp_col {			/* a CSV header cell */
	char		*name;
	char		*path;		/* NULL: not a field */
	enum imp_meta	 meta;
};

struct imp {
	struct session		*s;
	const struct form	*f;
	struct app_import	*opt;
	const char		*file;
	const char		*text;
	size_t			 len;
	struct diags		*d;
	size_t			 nerr;
	/* CSV */
	struct csv		 csv;
	struct csv_row		 crow;
	struct imp_col		*cols;
	size_t			 ncols;
	/* JSON Lines */
	const char		*p;
	unsigned		 line;
	struct imp_set		 paths;		/* key -> path resolved */
};

/* app-import-read.c */
/* The slot of k (klen bytes, no NUL), added with line 0 and val NULL when
 * absent (*added). */
size_t imp_set_slot(struct imp_set *, const char *k, size_t klen, bool *added);
void imp_set_free(struct imp_set *);
/* What a CSV header or JSON key names, when not a field path. */
enum imp_meta imp_meta(const struct form *, const char *name);
bool imp_label_is(const struct label *, const char *s, size_t len);
/* The record path a file's field name means: malloc'd, or NULL with err. */
char *imp_resolve(const struct form *, const char *name, char *err,
    size_t errlen);
/* A problem at line and col (0: none) of the file; counted in im->nerr. */
void imp_err(struct imp *, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Back to the first row (the header of a CSV still to be read). */
void imp_start(struct imp *);
/* The CSV header row into im->cols; -1 when there is none. */
int imp_csv_header(struct imp *);
void imp_cols_free(struct imp *);
/* The next record's row: 1, 0 at the end, -1 when the rest of the file
 * cannot be read (problems added). */
int imp_next(struct imp *, struct imp_row *);
void imp_row_clear(struct imp_row *);
void imp_row_free(struct imp_row *);

#endif
