/*
 * app-import-read.c — the rows of an imported file: a CSV's header resolved
 * to record paths once, then each row's cells; or each JSON Lines object's
 * "values" (keys resolved and cached), its "state", its "form" checked and
 * the meta keys of `get --json` skipped.  Field names are paths
 * ("members.2.id_card") whose parts are a field's name or its zh/en label
 * ("家庭成员.2.公民身份号码"), trimmed.  Every problem is added at its line
 * and column; a line that is no record at all is marked broken.
 */
#include <stdlib.h>
#include <string.h>

#include "app-import-int.h"

/* ---- a map of strings: a line number and a string for each ---- */

static size_t
imp_set_find(const struct imp_set *ss, const char *k, size_t klen)
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
size_t
imp_set_slot(struct imp_set *ss, const char *k, size_t klen, bool *added)
{
	struct imp_set o = *ss;
	size_t i, j;

	if ((ss->n + 1) * 2 > ss->cap) {
		ss->cap = o.cap == 0 ? 1024 : o.cap * 2;
		ss->k = xcalloc(ss->cap, sizeof *ss->k);
		ss->line = xcalloc(ss->cap, sizeof *ss->line);
		ss->val = xcalloc(ss->cap, sizeof *ss->val);
		for (i = 0; i < o.cap; i++) {
			if (o.k[i] == NULL)
				continue;
			j = imp_set_find(ss, o.k[i], strlen(o.k[i]));
			ss->k[j] = o.k[i];
			ss->line[j] = o.line[i];
			ss->val[j] = o.val[i];
		}
		free(o.k);
		free(o.line);
		free(o.val);
	}
	i = imp_set_find(ss, k, klen);
	*added = ss->k[i] == NULL;
	if (*added) {
		ss->k[i] = xstrndup(k, klen);
		ss->n++;
	}
	return i;
}

void
imp_set_free(struct imp_set *ss)
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

enum imp_meta
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

bool
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
char *
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

void
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

void
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

void
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
int
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
		slot = imp_set_slot(&im->paths, vals->keys[i],
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

int
imp_next(struct imp *im, struct imp_row *r)
{
	imp_row_clear(r);
	return im->opt->format == APP_FMT_CSV ? imp_csv_next(im, r) :
	    imp_json_next(im, r);
}

void
imp_start(struct imp *im)
{
	im->p = im->text;
	im->line = 0;
	csv_init(&im->csv, im->text, im->len);
}

void
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

