/*
 * app-import.c — `gridbook import`: records from a CSV or JSON Lines file,
 * all of them or none.
 *
 * Two passes over the decoded text.  The first reads every row into a
 * record exactly as the form screen would (record_parse_value on each
 * value, defaults, record_validate, the config's grids, the user's grids,
 * refs), and checks unique values against the database (one read snapshot)
 * and against the rows before it (a hash set of the unique index keys);
 * every problem becomes a diagnostic at the row's line and the cell's
 * column.  Only when there is none, the second pass reads the rows again
 * inside one store_write and saves each through app_tx_save, the function
 * app_save uses, so ids, human ids, index entries and audit entries are the
 * same as for records typed in; a row whose state is not the initial one
 * gets a second, "move" change to it.  store_write may rerun the pass after
 * growing the map, so it starts from the first row each time and keeps
 * nothing from a previous run.
 *
 * Field names: a path ("members.2.id_card"), each part either the name or
 * the zh/en label of the field ("家庭成员.2.公民身份号码"), trimmed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app-int.h"

#define IMP_MEMBER_MAX	9999	/* member numbers beyond this are refused */

/* ---- a map of strings: a line number and a string for each ---- */

struct strset {
	char		**k;
	unsigned	*line;
	char		**val;
	size_t		 n;
	size_t		 cap;		/* power of two or 0 */
};

static size_t
strset_find(const struct strset *ss, const char *k, size_t klen)
{
	size_t mask = ss->cap - 1;
	size_t i = (size_t)app_hash(k, klen, 0) & mask;

	while (ss->k[i] != NULL && (strncmp(ss->k[i], k, klen) != 0 ||
	    ss->k[i][klen] != '\0'))
		i = (i + 1) & mask;
	return i;
}

/* The slot of k (klen bytes, no NUL), added with line 0 and val NULL when
 * absent (*added). */
static size_t
strset_slot(struct strset *ss, const char *k, size_t klen, bool *added)
{
	struct strset o = *ss;
	size_t i, j;

	if ((ss->n + 1) * 2 > ss->cap) {
		ss->cap = o.cap == 0 ? 1024 : o.cap * 2;
		ss->k = xcalloc(ss->cap, sizeof *ss->k);
		ss->line = xcalloc(ss->cap, sizeof *ss->line);
		ss->val = xcalloc(ss->cap, sizeof *ss->val);
		for (i = 0; i < o.cap; i++) {
			if (o.k[i] == NULL)
				continue;
			j = strset_find(ss, o.k[i], strlen(o.k[i]));
			ss->k[j] = o.k[i];
			ss->line[j] = o.line[i];
			ss->val[j] = o.val[i];
		}
		free(o.k);
		free(o.line);
		free(o.val);
	}
	i = strset_find(ss, k, klen);
	*added = ss->k[i] == NULL;
	if (*added) {
		ss->k[i] = xstrndup(k, klen);
		ss->n++;
	}
	return i;
}

static void
strset_free(struct strset *ss)
{
	size_t i;

	for (i = 0; i < ss->cap; i++) {
		free(ss->k[i]);
		free(ss->val[i]);
	}
	free(ss->k);
	free(ss->line);
	free(ss->val);
	memset(ss, 0, sizeof *ss);
}

/* ---- field names ---- */

enum imp_meta { IM_FIELD, IM_IGNORE, IM_STATE, IM_FORM };

static enum imp_meta
imp_meta(const struct form *f, const char *name)
{
	static const char *const ignored[] = { "id", "rev", "created",
	    "updated", "created_by", "updated_by" };
	size_t i;

	if (form_field(f, name) != NULL)
		return IM_FIELD;
	for (i = 0; i < nitems(ignored); i++)
		if (strcmp(name, ignored[i]) == 0)
			return IM_IGNORE;
	if (strcmp(name, "state") == 0)
		return IM_STATE;
	if (strcmp(name, "form") == 0)
		return IM_FORM;
	return IM_FIELD;
}

static bool
imp_label_is(const struct label *l, const char *s, size_t len)
{
	return (l->zh != NULL && strlen(l->zh) == len &&
	    memcmp(l->zh, s, len) == 0) || (l->en != NULL &&
	    strlen(l->en) == len && strncasecmp(l->en, s, len) == 0);
}

/* The field of fields[] named or labelled s (len bytes). */
static const struct field *
imp_field_at(const struct field *fields, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(fields[i].name) == len &&
		    memcmp(fields[i].name, s, len) == 0)
			return &fields[i];
	for (i = 0; i < n; i++)
		if (imp_label_is(&fields[i].label, s, len))
			return &fields[i];
	return NULL;
}

static void
imp_unknown(const struct field *fields, size_t n, const char *what,
    const char *where, char *err, size_t errlen)
{
	const char **names = xcalloc(n + 1, sizeof *names);
	const char *hint;
	size_t i;

	for (i = 0; i < n; i++)
		names[i] = fields[i].name;
	hint = str_suggest(what, names, n);
	if (hint != NULL)
		snprintf(err, errlen, "no field '%s' in %s; did you mean "
		    "'%s'?", what, where, hint);
	else
		snprintf(err, errlen, "no field '%s' in %s", what, where);
	free(names);
}

/* The record path a file's field name means: malloc'd, or NULL with err. */
static char *
imp_resolve(const struct form *f, const char *name, char *err, size_t errlen)
{
	char *t = str_trim(name), *seg[3], *p, *path = NULL, where[128];
	const struct field *top, *mf;
	unsigned long num;
	size_t nseg = 0;

	for (p = t; nseg < 3; nseg++) {
		seg[nseg] = p;
		if ((p = strchr(p, '.')) == NULL) {
			nseg++;
			break;
		}
		*p++ = '\0';
	}
	if (p != NULL && nseg == 3) {
		snprintf(err, errlen, "'%s' is not a field path (at most "
		    "GROUP.N.FIELD)", name);
		goto out;
	}
	if (*t == '\0') {
		snprintf(err, errlen, "empty field name");
		goto out;
	}
	snprintf(where, sizeof where, "form %s", f->name);
	if ((top = imp_field_at(f->fields, f->nfields, seg[0],
	    strlen(seg[0]))) == NULL) {
		imp_unknown(f->fields, f->nfields, seg[0], where, err, errlen);
		goto out;
	}
	if (top->type->kind != FK_GROUP) {
		if (nseg > 1)
			snprintf(err, errlen, "'%s' is a field, not a group of "
			    "members", top->name);
		else
			path = xstrdup(top->name);
		goto out;
	}
	if (nseg == 1) {
		snprintf(err, errlen, "'%s' is a group: name a member's field "
		    "such as %s.1.%s", top->name, top->name,
		    top->nfields > 0 ? top->fields[0].name : "name");
		goto out;
	}
	if (nseg == 2) {
		if (strspn(seg[1], "0123456789") == strlen(seg[1]))
			snprintf(err, errlen, "name a field of member %s: "
			    "%s.%s.%s", seg[1], top->name, seg[1],
			    top->nfields > 0 ? top->fields[0].name : "name");
		else
			snprintf(err, errlen, "give the member's number: "
			    "%s.1.%s", top->name, seg[1]);
		goto out;
	}
	if (strspn(seg[1], "0123456789") != strlen(seg[1]) || *seg[1] == '\0' ||
	    strlen(seg[1]) > 6) {
		snprintf(err, errlen, "'%s' is not a member number in %s.N.%s",
		    seg[1], top->name, seg[2]);
		goto out;
	}
	num = strtoul(seg[1], NULL, 10);
	if (num == 0 || seg[1][0] == '0') {
		snprintf(err, errlen, "member numbers start at 1 (%s.1.%s)",
		    top->name, seg[2]);
		goto out;
	}
	if ((top->repeat_max > 0 && num > top->repeat_max) ||
	    num > IMP_MEMBER_MAX) {
		snprintf(err, errlen, "member %lu is beyond the %u allowed in "
		    "%s", num, top->repeat_max > 0 ? top->repeat_max :
		    IMP_MEMBER_MAX, top->name);
		goto out;
	}
	snprintf(where, sizeof where, "group %s", top->name);
	if ((mf = imp_field_at(top->fields, top->nfields, seg[2],
	    strlen(seg[2]))) == NULL) {
		imp_unknown(top->fields, top->nfields, seg[2], where, err,
		    errlen);
		goto out;
	}
	path = xasprintf("%s.%lu.%s", top->name, num, mf->name);
out:
	free(t);
	return path;
}

/* ---- reading rows ---- */

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
	struct strset		 paths;		/* key -> path resolved */
};

static void
imp_err(struct imp *im, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
imp_err(struct imp *im, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(im->d, im->file, line, col, "%s", m);
	free(m);
	im->nerr++;
}

static void
imp_row_clear(struct imp_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].path);
	r->n = 0;
	r->state = NULL;
	r->state_col = 0;
	r->broken = false;
	json_free(r->json);
	r->json = NULL;
}

static void
imp_row_free(struct imp_row *r)
{
	imp_row_clear(r);
	free(r->v);
	memset(r, 0, sizeof *r);
}

static void
imp_cell_add(struct imp_row *r, char *path, const char *name,
    const char *text, unsigned col)
{
	if (r->n == r->cap) {
		r->cap = r->cap == 0 ? 64 : r->cap * 2;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	r->v[r->n].path = path;
	r->v[r->n].name = name;
	r->v[r->n].text = text;
	r->v[r->n].col = col;
	r->v[r->n].bad = false;
	r->n++;
}

/* The header row: each cell resolved; problems at line 1 (or where the
 * header row is). */
static int
imp_csv_header(struct imp *im)
{
	struct csv_err ce;
	char err[512];
	size_t i, j;
	int rc;

	if ((rc = csv_read(&im->csv, &im->crow, &ce)) < 0) {
		imp_err(im, ce.line, ce.col, "%s", ce.msg);
		return -1;
	}
	if (rc == 0) {
		imp_err(im, 0, 0, "the file is empty: a CSV import needs a "
		    "header row of field names (address,grid,members.1.name,"
		    "...)");
		return -1;
	}
	im->ncols = im->crow.n;
	im->cols = xcalloc(im->ncols, sizeof *im->cols);
	for (i = 0; i < im->ncols; i++) {
		struct imp_col *c = &im->cols[i];
		char *t = str_trim(im->crow.v[i].s);

		c->name = xstrdup(im->crow.v[i].s);
		c->meta = imp_meta(im->f, t);
		if (*t == '\0')
			c->meta = IM_IGNORE;	/* checked per row */
		else if (c->meta == IM_FIELD &&
		    (c->path = imp_resolve(im->f, t, err, sizeof err)) == NULL)
			imp_err(im, im->crow.line, (unsigned)i + 1, "%s: %s",
			    c->name, err);
		free(t);
		for (j = 0; c->path != NULL && j < i; j++)
			if (im->cols[j].path != NULL &&
			    strcmp(im->cols[j].path, c->path) == 0) {
				imp_err(im, im->crow.line, (unsigned)i + 1,
				    "%s: the same field as column %zu (%s)",
				    c->name, j + 1, im->cols[j].name);
				free(c->path);
				c->path = NULL;
				c->meta = IM_IGNORE;
				break;
			}
	}
	return 0;
}

/* The next CSV record into r: 1, 0 at the end, -1 when the file cannot
 * be read further. */
static int
imp_csv_next(struct imp *im, struct imp_row *r)
{
	struct csv_err ce;
	struct imp_col *c;
	const char *text;
	size_t i;
	bool blank;
	int rc;

	for (;;) {
		if ((rc = csv_read(&im->csv, &im->crow, &ce)) <= 0) {
			if (rc < 0)
				imp_err(im, ce.line, ce.col, "%s", ce.msg);
			return rc;
		}
		blank = true;
		for (i = 0; i < im->crow.n && blank; i++)
			if (strspn(im->crow.v[i].s, " \t") !=
			    strlen(im->crow.v[i].s))
				blank = false;
		if (!blank)
			break;
	}
	r->line = im->crow.line;
	for (i = 0; i < im->crow.n; i++) {
		text = im->crow.v[i].s;
		if (i >= im->ncols) {
			if (*text != '\0')
				imp_err(im, r->line, (unsigned)i + 1, "a value "
				    "in column %zu, beyond the %zu columns of "
				    "the header", i + 1, im->ncols);
			continue;
		}
		c = &im->cols[i];
		if (c->meta == IM_STATE) {
			r->state = *text != '\0' ? text : NULL;
			r->state_col = (unsigned)i + 1;
		} else if (c->meta == IM_FORM) {
			if (*text != '\0' && strcmp(text, im->f->name) != 0)
				imp_err(im, r->line, (unsigned)i + 1, "form: "
				    "this row is a %s record; importing into "
				    "%s", text, im->f->name);
		} else if (c->path != NULL)
			imp_cell_add(r, xstrdup(c->path), c->name, text,
			    (unsigned)i + 1);
		else if (*c->name == '\0' && *text != '\0')
			imp_err(im, r->line, (unsigned)i + 1, "a value in "
			    "column %zu, which has no name in the header",
			    i + 1);
	}
	return 1;
}

/* The values object of a JSON line into r. */
static void
imp_json_values(struct imp *im, struct imp_row *r, const struct json *vals)
{
	const struct json *v;
	char err[512], *path;
	size_t i, j, slot;
	bool added;

	for (i = 0; i < vals->n; i++) {
		v = &vals->v[i];
		slot = strset_slot(&im->paths, vals->keys[i],
		    strlen(vals->keys[i]), &added);
		if (im->paths.val[slot] != NULL)
			path = xstrdup(im->paths.val[slot]);
		else if ((path = imp_resolve(im->f, vals->keys[i], err,
		    sizeof err)) != NULL)
			im->paths.val[slot] = xstrdup(path);
		if (path == NULL) {
			imp_err(im, r->line, v->col, "%s: %s", vals->keys[i],
			    err);
			continue;
		}
		for (j = 0; j < r->n; j++)
			if (strcmp(r->v[j].path, path) == 0)
				break;
		if (j < r->n) {
			imp_err(im, r->line, v->col, "%s: the same field as "
			    "\"%s\"", vals->keys[i], r->v[j].name);
			free(path);
			continue;
		}
		switch (v->type) {
		case JSON_STRING:
		case JSON_NUMBER:
			imp_cell_add(r, path, vals->keys[i], v->s, v->col);
			break;
		case JSON_TRUE:
		case JSON_FALSE:
			imp_cell_add(r, path, vals->keys[i], v->type ==
			    JSON_TRUE ? "true" : "false", v->col);
			break;
		case JSON_NULL:
			free(path);
			break;
		default:
			imp_err(im, r->line, v->col, "%s: expected a string, "
			    "found %s", vals->keys[i], json_type_name(v->type));
			free(path);
		}
	}
}

static int
imp_json_next(struct imp *im, struct imp_row *r)
{
	static const char *const ignored[] = { "id", "rev", "grid", "created",
	    "updated", "created_by", "updated_by" };
	const char *end = im->text + im->len, *nl, *q;
	const struct json *vals = NULL, *v;
	struct json_err je;
	size_t i, k;

	for (;;) {
		if (im->p >= end)
			return 0;
		if ((nl = memchr(im->p, '\n', (size_t)(end - im->p))) == NULL)
			nl = end;
		im->line++;
		for (q = im->p; q < nl && (*q == ' ' || *q == '\t' ||
		    *q == '\r'); q++)
			;
		if (q < nl)
			break;
		im->p = nl < end ? nl + 1 : end;
	}
	r->line = im->line;
	if (json_parse(im->p, (size_t)(nl - im->p), NULL, im->line, &r->json,
	    &je) != 0) {
		imp_err(im, je.line, je.col, "%s", je.msg);
		im->p = nl < end ? nl + 1 : end;
		r->broken = true;
		return 1;
	}
	im->p = nl < end ? nl + 1 : end;
	if (r->json->type != JSON_OBJECT) {
		imp_err(im, r->line, r->json->col, "expected an object "
		    "{\"form\": ..., \"values\": {...}}, found %s",
		    json_type_name(r->json->type));
		r->broken = true;
		return 1;
	}
	for (i = 0; i < r->json->n; i++) {
		const char *key = r->json->keys[i];

		v = &r->json->v[i];
		if (strcmp(key, "values") == 0) {
			if (v->type != JSON_OBJECT)
				imp_err(im, r->line, v->col, "values: expected "
				    "an object {path: value}, found %s",
				    json_type_name(v->type));
			else
				vals = v;
			continue;
		}
		if (strcmp(key, "form") == 0) {
			if (v->type != JSON_STRING)
				imp_err(im, r->line, v->col, "form: expected a "
				    "string, found %s", json_type_name(v->type));
			else if (strcmp(v->s, im->f->name) != 0)
				imp_err(im, r->line, v->col, "form: this line "
				    "is a %s record; importing into %s", v->s,
				    im->f->name);
			continue;
		}
		if (strcmp(key, "state") == 0) {
			if (v->type == JSON_STRING) {
				r->state = *v->s != '\0' ? v->s : NULL;
				r->state_col = v->col;
			} else if (v->type != JSON_NULL)
				imp_err(im, r->line, v->col, "state: expected a "
				    "string, found %s", json_type_name(v->type));
			continue;
		}
		for (k = 0; k < nitems(ignored); k++)
			if (strcmp(key, ignored[k]) == 0)
				break;
		if (k < nitems(ignored))
			continue;
		imp_err(im, r->line, v->col, "%s: unknown key (a line holds "
		    "\"form\", \"values\": {field: value}, and optionally the "
		    "meta keys of `get --json`)%s", key, form_field(im->f,
		    key) != NULL ? "; field values go inside \"values\"" : "");
	}
	if (vals == NULL) {
		if (json_get(r->json, "values") == NULL)
			imp_err(im, r->line, r->json->col, "no \"values\" "
			    "object on this line");
		r->broken = true;
		return 1;
	}
	imp_json_values(im, r, vals);
	return 1;
}

static int
imp_next(struct imp *im, struct imp_row *r)
{
	imp_row_clear(r);
	return im->opt->format == APP_FMT_CSV ? imp_csv_next(im, r) :
	    imp_json_next(im, r);
}

static void
imp_start(struct imp *im)
{
	im->p = im->text;
	im->line = 0;
	csv_init(&im->csv, im->text, im->len);
}

static void
imp_cols_free(struct imp *im)
{
	size_t i;

	for (i = 0; i < im->ncols; i++) {
		free(im->cols[i].name);
		free(im->cols[i].path);
	}
	free(im->cols);
	im->cols = NULL;
	im->ncols = 0;
}

/* ---- rows to records ---- */

static const struct imp_cell *
imp_cell_of(const struct imp_row *r, const char *path)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].path, path) == 0)
			return &r->v[i];
	return NULL;
}

/* "住址 (address)" when the file names a field otherwise than its path. */
static char *
imp_name(const struct imp_cell *c)
{
	char *t = str_trim(c->name), *out;

	out = strcmp(t, c->path) == 0 ? xstrdup(t) : xasprintf("%s (%s)", t,
	    c->path);
	free(t);
	return out;
}

/* A problem with the value at path (which may not be in the file). */
static void
imp_path_err(struct imp *im, const struct imp_row *r, const char *path,
    const char *msg)
{
	const struct imp_cell *c = imp_cell_of(r, path);
	char *name;

	if (c != NULL && c->bad)
		return;		/* said already */
	if (c == NULL) {
		if (*path == '\0')
			imp_err(im, r->line, r->state_col, "%s", msg);
		else
			imp_err(im, r->line, 0, "%s: %s", path, msg);
		return;
	}
	name = imp_name(c);
	imp_err(im, r->line, c->col, "%s: %s", name, msg);
	free(name);
}

static const char *
imp_state(const struct form *f, const char *s)
{
	size_t i;

	for (i = 0; i < f->wf.nstates; i++)
		if (strcmp(f->wf.states[i].name, s) == 0)
			return f->wf.states[i].name;
	for (i = 0; i < f->wf.nstates; i++)
		if (imp_label_is(&f->wf.states[i].label, s, strlen(s)))
			return f->wf.states[i].name;
	return NULL;
}

/* The record a row means; values that cannot be read are left out (and
 * their cells marked bad) after adding the problem. */
static struct record *
imp_record(struct imp *im, struct imp_row *r)
{
	struct imp_cell *c;
	const struct field *fd;
	struct record *rec;
	struct buf b = BUF_INIT;
	const char *st;
	char err[512], *canon, *name;
	size_t i;

	rec = app_blank(im->s, im->f, NULL);
	for (i = 0; i < r->n; i++) {
		c = &r->v[i];
		fd = form_field(im->f, c->path);
		if (record_parse_value(fd, c->text, &canon, err,
		    sizeof err) != 0) {
			name = imp_name(c);
			imp_err(im, r->line, c->col, "%s: %s", name, err);
			free(name);
			c->bad = true;
			continue;
		}
		if (canon != NULL)	/* empty: the default stays */
			record_set(rec, c->path, canon);
		free(canon);
	}
	if (r->state != NULL) {
		if (im->f->wf.initial == NULL)
			imp_err(im, r->line, r->state_col, "state: form %s has "
			    "no workflow", im->f->name);
		else if ((st = imp_state(im->f, r->state)) == NULL) {
			for (i = 0; i < im->f->wf.nstates; i++)
				buf_addf(&b, "%s%s", i > 0 ? ", " : "",
				    im->f->wf.states[i].name);
			imp_err(im, r->line, r->state_col, "state: no state "
			    "'%s' in form %s; states: %s", r->state,
			    im->f->name, buf_str(&b));
			buf_free(&b);
		} else
			record_set_meta(&rec->state, st);
	}
	record_apply_defaults(im->f, rec);
	record_set_meta(&rec->grid, app_record_grid(im->f, rec));
	return rec;
}

/* Everything app_tx_save would refuse, and access. */
static void
imp_check(struct imp *im, struct store_txn *t, const struct imp_row *r,
    struct record *rec)
{
	struct verrors ve = VERRORS_INIT;
	const char *g = app_record_grid(im->f, rec), *init;
	const struct field *fd;
	const struct form *rf;
	struct buf b = BUF_INIT;
	uint64_t id;
	char *st;
	size_t i;

	record_validate(im->f, rec, &ve);
	/* app_tx_save checks the record in the initial state first. */
	init = im->f->wf.initial;
	if (init != NULL && rec->state != NULL &&
	    strcmp(rec->state, init) != 0) {
		size_t n0 = ve.n, k;

		st = rec->state;
		rec->state = (char *)init;
		record_validate(im->f, rec, &ve);
		rec->state = st;
		for (i = n0; i < ve.n; i++)	/* drop repeats */
			for (k = 0; k < n0; k++)
				if (strcmp(ve.v[i].path, ve.v[k].path) == 0 &&
				    strcmp(ve.v[i].msg, ve.v[k].msg) == 0) {
					ve.v[i].msg[0] = '\0';
					break;
				}
	}
	for (i = 0; i < ve.n; i++)
		if (ve.v[i].msg[0] != '\0')
			imp_path_err(im, r, ve.v[i].path, ve.v[i].msg);
	verrors_free(&ve);

	if (g != NULL && im->s->cfg->ngrids > 0 &&
	    config_grid(im->s->cfg, g) == NULL) {
		for (i = 0; i < im->s->cfg->ngrids; i++)
			buf_addf(&b, "%s%s", i > 0 ? ", " : "",
			    im->s->cfg->grids[i].code);
		st = xasprintf("%s is not a grid of %s; grids: %s", g,
		    im->s->cfg->file != NULL ? im->s->cfg->file : "the config",
		    buf_str(&b));
		imp_path_err(im, r, "grid", st);
		free(st);
		buf_reset(&b);
	}
	if (g != NULL && !app_grid_ok(im->s, im->f, g)) {
		for (i = 0; i < im->s->user->ngrids; i++)
			buf_addf(&b, "%s%s", i > 0 ? ", " : "",
			    im->s->user->grids[i]);
		st = xasprintf("you (%s) may import only records of your "
		    "grids: %s", im->s->login, b.len > 0 ? buf_str(&b) :
		    "none");
		imp_path_err(im, r, "grid", st);
		free(st);
	}
	buf_free(&b);
	for (i = 0; i < rec->nv; i++) {
		fd = form_field(im->f, rec->v[i].path);
		if (fd == NULL || fd->type->kind != FK_REF ||
		    fd->ref_form == NULL ||
		    (rf = formset_find(im->s->fs, fd->ref_form)) == NULL)
			continue;
		if (app_resolve(t, im->s->st, rf, rec->v[i].text, &id) ==
		    GB_ENOTFOUND) {
			st = xasprintf("no %s %s", rf->name, rec->v[i].text);
			imp_path_err(im, r, rec->v[i].path, st);
			free(st);
		}
	}
}

/* Unique values: against the database and the rows before. */
static int
imp_unique(struct imp *im, struct store_txn *t, const struct imp_row *r,
    const struct record *rec, struct strset *seen)
{
	struct ikeys ik = IKEYS_INIT;
	struct buf key = BUF_INIT;
	struct record *h;
	const char *path, *text;
	char err[128], *msg;
	uint64_t holder;
	unsigned other;
	size_t i, slot;
	bool added;
	int rc = 0;

	record_index_keys(im->f, rec, &ik);
	for (i = 0; i < ik.n && rc == 0; i++) {
		const struct ikey *k = &ik.v[i];

		if (!k->unique)
			continue;
		path = k->field;
		text = k->value;
		(void)app_find_path(rec, k->field, k->value, &path, &text);
		/* field \1 value: no NUL inside for the set */
		buf_reset(&key);
		buf_addf(&key, "%s\1%s", k->field, k->value);
		msg = NULL;
		slot = strset_slot(seen, key.p, key.len, &added);
		if (added)
			seen->line[slot] = r->line;
		else if ((other = seen->line[slot]) != 0) {
			msg = xasprintf("%s is also on line %u of this file",
			    text, other);
			imp_path_err(im, r, path, msg);
			free(msg);
			continue;
		}
		app_key(im->s->st, &key, k->field, k->value);
		if ((rc = store_uniq_get(t, im->f->name, key.p, key.len,
		    &holder)) == 0) {
			if (app_load(t, im->f, holder, &h, err,
			    sizeof err) != 0)
				msg = xasprintf("%s is already registered in "
				    "%s #%llu", text, im->f->name,
				    (unsigned long long)holder);
			else if (!app_can_see(im->s, im->f, h))
				msg = xasprintf("%s is already registered in a "
				    "%s of another grid", text, im->f->name);
			else
				msg = xasprintf("%s is already registered in %s "
				    "%s", text, im->f->name, h->hid != NULL ?
				    h->hid : "?");
			record_free(h);
		} else if (rc == GB_ENOTFOUND)
			rc = 0;
		if (msg != NULL) {
			imp_path_err(im, r, path, msg);
			free(msg);
		}
	}
	if (rc != 0)
		app_seterr(im->s, "%s: reading the database: %s", im->file,
		    store_errmsg());
	buf_free(&key);
	ikeys_free(&ik);
	return rc;
}

/* The problems of one row (d->v[from..]) in column order, those without a
 * column last, otherwise in the order found. */
static void
imp_sort_row(struct diags *d, size_t from)
{
	struct diag tmp;
	unsigned ka, kb;
	size_t i, j;

	for (i = from + 1; i < d->n; i++) {
		tmp = d->v[i];
		kb = tmp.col != 0 ? tmp.col : UINT32_MAX;
		for (j = i; j > from; j--) {
			ka = d->v[j - 1].col != 0 ? d->v[j - 1].col :
			    UINT32_MAX;
			if (d->v[j - 1].line < tmp.line ||
			    (d->v[j - 1].line == tmp.line && ka <= kb))
				break;
			d->v[j] = d->v[j - 1];
		}
		d->v[j] = tmp;
	}
}

/* Pass 1: every row checked; returns 0 or a store error. */
static int
imp_validate(struct imp *im)
{
	struct imp_row r;
	struct store_txn *t;
	struct strset seen;
	struct record *rec;
	size_t from;
	int rc = 0, more;

	memset(&r, 0, sizeof r);
	memset(&seen, 0, sizeof seen);
	if ((rc = store_read(im->s->st, &t)) != 0) {
		app_seterr(im->s, "%s", store_errmsg());
		return rc;
	}
	imp_start(im);
	if (im->opt->format == APP_FMT_CSV && imp_csv_header(im) != 0)
		goto out;
	for (;;) {
		from = im->d->n;
		if ((more = imp_next(im, &r)) <= 0)
			break;
		im->opt->rows++;
		if (!r.broken) {
			rec = imp_record(im, &r);
			imp_check(im, t, &r, rec);
			rc = imp_unique(im, t, &r, rec, &seen);
			record_free(rec);
		}
		imp_sort_row(im->d, from);
		if (rc != 0)
			break;
	}
out:
	store_txn_end(t);
	imp_row_free(&r);
	strset_free(&seen);
	return rc;
}

/* ---- pass 2: the one transaction ---- */

struct imp_wr {
	struct imp	*im;
	int64_t		 now;
	size_t		 n;
	char		*first;
	char		*last;
	struct diags	 errs;		/* this run's, kept on failure */
};

/* A state other than the initial one: a move of the new record. */
static int
imp_tx_state(struct store_txn *t, struct imp *im, const struct record *old,
    const char *state, int64_t now, struct app_wr *w)
{
	struct record *nr = record_dup(old);
	struct changes c = CHANGES_INIT;
	struct buf b = BUF_INIT;
	int rc;

	record_set_meta(&nr->state, state);
	nr->rev = old->rev + 1;
	nr->updated = now;
	record_set_meta(&nr->uuser, im->s->login);
	rc = app_tx_index(t, im->s, im->f, nr->id, old, nr, w);
	if (rc == 0) {
		record_encode(nr, &b);
		rc = store_rec_put(t, im->f->name, nr->id, b.p, b.len);
	}
	if (rc == 0) {
		record_diff(old, nr, &c);
		rc = app_audit_append(t, im->s, im->f, nr, "move", &c);
		changes_free(&c);
	}
	buf_free(&b);
	record_free(nr);
	return rc;
}

static void
imp_change(struct changes *c, const char *path, const char *val)
{
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 8 : c->cap * 2;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n].path = xstrdup(path);
	c->v[c->n].old = NULL;
	c->v[c->n].new = xstrdup(val);
	c->n++;
}

static int
imp_write_fn(struct store_txn *t, void *arg)
{
	struct imp_wr *wr = arg;
	struct imp *im = wr->im;
	struct app_wr w;
	struct imp_row r;
	struct record *rec;
	struct changes c = CHANGES_INIT;
	char num[32];
	size_t i;
	int rc = 0, more;

	wr->n = 0;
	free(wr->first);
	free(wr->last);
	wr->first = wr->last = NULL;
	diags_free(&wr->errs);
	memset(&w, 0, sizeof w);
	memset(&r, 0, sizeof r);
	/* Problems now (another process took a unique value since the
	 * check) go to this run's list. */
	im->d = &wr->errs;
	im->nerr = 0;
	imp_start(im);
	if (im->opt->format == APP_FMT_CSV) {
		struct csv_err ce;

		/* Step over the header row. */
		(void)csv_read(&im->csv, &im->crow, &ce);
	}
	while ((more = imp_next(im, &r)) > 0) {
		rec = imp_record(im, &r);
		if (r.broken || im->nerr > 0) {	/* checked before: a bug */
			record_free(rec);
			rc = GB_EINVAL;
			break;
		}
		rc = app_tx_save(t, im->s, im->f, rec, wr->now, &w);
		if (rc == 0 && rec->state != NULL && w.saved->state != NULL &&
		    strcmp(rec->state, w.saved->state) != 0)
			rc = imp_tx_state(t, im, w.saved, rec->state, wr->now,
			    &w);
		if (rc != 0) {
			if (w.msg != NULL)
				imp_err(im, r.line, 0, "%s", w.msg);
			for (i = 0; i < w.errs.n; i++)
				imp_path_err(im, &r, w.errs.v[i].path,
				    w.errs.v[i].msg);
			if (w.msg == NULL && w.errs.n == 0)
				imp_err(im, r.line, 0, "%s", rc == GB_EMAPFULL ?
				    "the database map is full" :
				    store_errmsg());
			record_free(rec);
			break;
		}
		if (wr->first == NULL)
			wr->first = xstrdup(w.saved->hid);
		free(wr->last);
		wr->last = xstrdup(w.saved->hid);
		wr->n++;
		record_free(rec);
	}
	if (rc == 0 && more < 0)
		rc = GB_EINVAL;
	if (rc == 0) {
		imp_change(&c, "file", im->file);
		imp_change(&c, "format", im->opt->format == APP_FMT_CSV ?
		    "csv" : "jsonl");
		imp_change(&c, "encoding", im->opt->encoding);
		snprintf(num, sizeof num, "%zu", wr->n);
		imp_change(&c, "records", num);
		if (wr->first != NULL) {
			imp_change(&c, "first", wr->first);
			imp_change(&c, "last", wr->last);
		}
		rc = app_audit_append(t, im->s, im->f, NULL, "import", &c);
		changes_free(&c);
	}
	app_wr_reset(&w);
	imp_row_free(&r);
	return rc;
}

/* ---- the entry points ---- */

int
app_import(struct session *s, const struct form *f, const char *data,
    size_t len, struct app_import *opt, struct diags *errs)
{
	struct imp im;
	struct imp_wr wr;
	struct csv_err ce;
	char *text = NULL;
	size_t tlen, i;
	int rc;

	app_clearerr(s);
	opt->encoding = NULL;
	opt->rows = opt->imported = 0;
	opt->first = opt->last = NULL;
	memset(&im, 0, sizeof im);
	im.s = s;
	im.f = f;
	im.opt = opt;
	im.file = opt->file != NULL ? opt->file : "(input)";
	im.d = errs;
	if (csv_decode(data, len, &text, &tlen, &opt->encoding, &ce) != 0) {
		imp_err(&im, ce.line, ce.col, "%s", ce.msg);
		app_seterr(s, "%s: not imported: the text cannot be read",
		    im.file);
		return GB_EINVAL;
	}
	im.text = text;
	im.len = tlen;
	if ((rc = imp_validate(&im)) != 0)
		goto out;
	if (im.nerr > 0) {
		app_seterr(s, "%s: nothing imported: %zu problem%s in %zu "
		    "record%s", im.file, im.nerr, im.nerr == 1 ? "" : "s",
		    opt->rows, opt->rows == 1 ? "" : "s");
		rc = GB_EINVAL;
		goto out;
	}
	if (opt->dry_run || opt->rows == 0)
		goto out;
	memset(&wr, 0, sizeof wr);
	wr.im = &im;
	wr.now = (int64_t)time(NULL);
	rc = store_write(s->st, imp_write_fn, &wr);
	if (rc == 0) {
		opt->imported = wr.n;
		opt->first = wr.first;
		opt->last = wr.last;
	} else {
		for (i = 0; i < wr.errs.n; i++)
			diags_add(errs, wr.errs.v[i].file, wr.errs.v[i].line,
			    wr.errs.v[i].col, "%s", wr.errs.v[i].msg);
		app_seterr(s, "%s: nothing imported: %s", im.file,
		    wr.errs.n > 0 ? "a record was refused while writing" :
		    store_errmsg());
		free(wr.first);
		free(wr.last);
	}
	diags_free(&wr.errs);
out:
	imp_cols_free(&im);
	csv_row_free(&im.crow);
	strset_free(&im.paths);
	free(text);
	return rc;
}

int
app_import_file(struct session *s, const struct form *f, const char *path,
    struct app_import *opt, struct diags *errs)
{
	FILE *fp;
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc;

	app_clearerr(s);
	if (opt->file == NULL)
		opt->file = path;
	if ((fp = fopen(path, "rb")) == NULL) {
		app_seterr(s, "cannot open %s: %s", path, strerror(errno));
		return GB_EIO;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(fp)) {
		app_seterr(s, "cannot read %s: %s", path, strerror(errno));
		fclose(fp);
		buf_free(&b);
		return GB_EIO;
	}
	fclose(fp);
	rc = app_import(s, f, b.p != NULL ? b.p : "", b.len, opt, errs);
	buf_free(&b);
	return rc;
}

void
app_import_clear(struct app_import *opt)
{
	free(opt->first);
	free(opt->last);
	opt->first = opt->last = NULL;
}
