/*
 * app-export.c — `gridbook export`: the records of a form this user may see,
 * as JSON Lines (the `get --json` object, one a line) or CSV (a header row
 * of field paths, a row a record), filtered by FIELD=VALUE conditions.
 *
 * The export is audited before any byte leaves: one "export" entry (user,
 * form, format, filters) is committed first, so an export that is stopped
 * half way is still on record.  Records are then read in one snapshot,
 * oldest first (so importing the file into an empty database gives the
 * same human ids).  CSV needs its columns before its first row: a first
 * scan of the snapshot collects the paths the matching records hold, the
 * second writes them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app-int.h"

/* One FIELD=VALUE condition. */
struct exp_cond {
	enum { EC_FIELD, EC_MEMBER, EC_STATE, EC_ID } kind;
	char			*path;	/* field path; for EC_MEMBER the
					 * group's field "members.name" */
	const struct field	*fd;
	char			*want;	/* canonical, NULL = empty */
	char			*group;	/* EC_MEMBER */
	char			*member;
};

struct exp {
	struct session		*s;
	const struct form	*f;
	struct app_export	*opt;
	struct exp_cond		*c;
	size_t			 nc;
	FILE			*out;
	struct buf		 b;
	/* CSV columns */
	char			**paths;	/* distinct paths seen */
	size_t			 npaths;
	size_t			 cap;
	char			**cols;		/* in output order */
	size_t			 ncols;
	int			 rc;
};

static void
exp_conds_free(struct exp *e)
{
	size_t i;

	for (i = 0; i < e->nc; i++) {
		free(e->c[i].path);
		free(e->c[i].want);
		free(e->c[i].group);
		free(e->c[i].member);
	}
	free(e->c);
}

/* Parse one "FIELD=VALUE"; 0 or GB_EINVAL with the session's message. */
static int
exp_cond_parse(struct exp *e, const char *arg, struct exp_cond *c)
{
	const struct form *f = e->f;
	const struct state *st;
	const char *eq = strchr(arg, '=');
	char err[512], *val, *dot;
	size_t i;

	memset(c, 0, sizeof *c);
	if (eq == NULL || eq == arg) {
		app_seterr(e->s, "--where '%s': expected FIELD=VALUE", arg);
		return GB_EINVAL;
	}
	c->path = xstrndup(arg, (size_t)(eq - arg));
	val = str_trim(eq + 1);
	if (strcmp(c->path, "state") == 0 && form_field(f, "state") == NULL) {
		c->kind = EC_STATE;
		for (i = 0; i < f->wf.nstates; i++) {
			st = &f->wf.states[i];
			if (strcmp(st->name, val) == 0 ||
			    strcmp(label_get(&st->label, "zh"), val) == 0 ||
			    strcasecmp(label_get(&st->label, "en"), val) == 0)
				break;
		}
		if (i == f->wf.nstates) {
			app_seterr(e->s, "--where state=%s: no such state in "
			    "form %s", val, f->name);
			free(val);
			return GB_EINVAL;
		}
		c->want = xstrdup(f->wf.states[i].name);
		free(val);
		return 0;
	}
	if (strcmp(c->path, "id") == 0 && form_field(f, "id") == NULL) {
		c->kind = EC_ID;
		c->want = norm_key(val);
		free(val);
		return 0;
	}
	c->fd = form_field(f, c->path);
	if (c->fd == NULL) {
		const char **names = xcalloc(f->nfields + 1, sizeof *names);
		const char *hint;

		for (i = 0; i < f->nfields; i++)
			names[i] = f->fields[i].name;
		hint = str_suggest(c->path, names, f->nfields);
		app_seterr(e->s, "--where %s: no field '%s' in form %s%s%s%s",
		    arg, c->path, f->name, hint != NULL ? "; did you mean '" :
		    "", hint != NULL ? hint : "", hint != NULL ? "'?" : "");
		free(names);
		free(val);
		return GB_EINVAL;
	}
	if (c->fd->type->kind == FK_GROUP) {
		app_seterr(e->s, "--where %s: %s is a group and holds no value; "
		    "name one of its fields (%s.%s)", arg, c->path, c->path,
		    c->fd->nfields > 0 ? c->fd->fields[0].name : "name");
		free(val);
		return GB_EINVAL;
	}
	/* "members.name": any member; "members.2.name": that member. */
	if (c->fd->parent != NULL && strchr(c->path, '.') ==
	    strrchr(c->path, '.')) {
		c->kind = EC_MEMBER;
		dot = strchr(c->path, '.');
		c->group = xstrndup(c->path, (size_t)(dot - c->path));
		c->member = xstrdup(dot + 1);
	}
	if (*val != '\0' && record_parse_value(c->fd, val, &c->want, err,
	    sizeof err) != 0) {
		app_seterr(e->s, "--where %s: %s", arg, err);
		free(val);
		return GB_EINVAL;
	}
	free(val);
	return 0;
}

/* Whether canonical value have matches the condition's want. */
static bool
exp_value_match(const struct exp_cond *c, const char *have)
{
	const char *p, *q;
	char *nh, *nw;
	size_t n;
	bool ok;

	if (c->want == NULL || have == NULL)
		return c->want == NULL && have == NULL;
	if (c->fd->type->kind == FK_MULTICHOICE) {
		/* Every code wanted is held. */
		for (p = c->want; *p != '\0'; p = *q != '\0' ? q + 1 : q) {
			q = p + strcspn(p, ",");
			n = (size_t)(q - p);
			for (ok = false, nh = (char *)have; !ok && *nh != '\0';) {
				size_t m = strcspn(nh, ",");

				ok = m == n && strncmp(nh, p, n) == 0;
				nh += m;
				if (*nh == ',')
					nh++;
			}
			if (!ok)
				return false;
		}
		return true;
	}
	nh = norm_key(have);
	nw = norm_key(c->want);
	ok = strcmp(nh, nw) == 0;
	free(nh);
	free(nw);
	return ok;
}

static bool
exp_match(const struct exp *e, const struct record *r)
{
	const struct exp_cond *c;
	unsigned n, count;
	char *path, *nh;
	bool ok;
	size_t i;

	for (i = 0; i < e->nc; i++) {
		c = &e->c[i];
		switch (c->kind) {
		case EC_STATE:
			ok = r->state != NULL && strcmp(r->state, c->want) == 0;
			break;
		case EC_ID:
			nh = norm_key(r->hid != NULL ? r->hid : "");
			ok = strcmp(nh, c->want) == 0;
			free(nh);
			break;
		case EC_MEMBER:
			count = record_group_count(r, c->group);
			ok = false;
			for (n = 1; n <= count && !ok; n++) {
				path = xasprintf("%s.%u.%s", c->group, n,
				    c->member);
				ok = exp_value_match(c, record_get(r, path));
				free(path);
			}
			break;
		default:
			ok = exp_value_match(c, record_get(r, c->path));
		}
		if (!ok)
			return false;
	}
	return true;
}

void
app_record_json(struct buf *b, const struct form *f, const struct record *r)
{
	char when[32];
	time_t t;
	struct tm tm;
	size_t i;
	int k;

	buf_adds(b, "{\"form\":");
	json_put_str(b, f->name);
	buf_adds(b, ",\"id\":");
	json_put_str(b, r->hid);
	buf_addf(b, ",\"rev\":%u,\"state\":", (unsigned)r->rev);
	json_put_str(b, r->state);
	buf_adds(b, ",\"grid\":");
	json_put_str(b, r->grid);
	for (k = 0; k < 2; k++) {
		t = (time_t)(k == 0 ? r->created : r->updated);
		if (gmtime_r(&t, &tm) == NULL || strftime(when, sizeof when,
		    "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
			snprintf(when, sizeof when, "%lld", (long long)t);
		buf_addf(b, ",\"%s\":\"%s\"", k == 0 ? "created" : "updated",
		    when);
	}
	buf_adds(b, ",\"created_by\":");
	json_put_str(b, r->cuser);
	buf_adds(b, ",\"updated_by\":");
	json_put_str(b, r->uuser);
	buf_adds(b, ",\"values\":{");
	for (i = 0; i < r->nv; i++) {
		if (i > 0)
			buf_addc(b, ',');
		json_put_str(b, r->v[i].path);
		buf_addc(b, ':');
		json_put_str(b, r->v[i].text);
	}
	buf_adds(b, "}}");
}

/* ---- the scans ---- */

static int
exp_pathcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
exp_has_path(const struct exp *e, const char *path)
{
	return e->npaths > 0 && bsearch(&path, e->paths, e->npaths,
	    sizeof *e->paths, exp_pathcmp) != NULL;
}

static void
exp_add_path(struct exp *e, const char *path)
{
	size_t lo = 0, hi = e->npaths, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(e->paths[mid], path)) == 0)
			return;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (e->npaths == e->cap) {
		e->cap = e->cap == 0 ? 64 : e->cap * 2;
		e->paths = xreallocarray(e->paths, e->cap, sizeof *e->paths);
	}
	memmove(&e->paths[lo + 1], &e->paths[lo],
	    (e->npaths - lo) * sizeof *e->paths);
	e->paths[lo] = xstrdup(path);
	e->npaths++;
}

/* A decoded record this user may see and that matches, or NULL. */
static struct record *
exp_record(struct exp *e, struct store_val v)
{
	struct record *r;
	char err[256];

	if (record_decode(v.data, v.size, &r, err, sizeof err) != 0)
		return NULL;	/* `check` reports it */
	if (!app_can_see(e->s, e->f, r) || !exp_match(e, r)) {
		record_free(r);
		return NULL;
	}
	return r;
}

static int
exp_paths_fn(void *ctx, uint64_t id, struct store_val v)
{
	struct exp *e = ctx;
	struct record *r;
	size_t i;

	(void)id;
	if ((r = exp_record(e, v)) == NULL)
		return 0;
	for (i = 0; i < r->nv; i++)
		exp_add_path(e, r->v[i].path);
	record_free(r);
	return 0;
}

static void
exp_col(struct exp *e, const char *path)
{
	e->cols = xreallocarray(e->cols, e->ncols + 1, sizeof *e->cols);
	e->cols[e->ncols++] = xstrdup(path);
}

/* The columns in the form's order, members numbered; paths the form does
 * not know last. */
static void
exp_columns(struct exp *e)
{
	const struct field *fd, *g;
	unsigned n, max;
	size_t i, j, k, used = 0;
	char *path, *prefix;
	bool done;

	for (i = 0; i < e->f->nfields; i++) {
		fd = &e->f->fields[i];
		if (fd->type->kind != FK_GROUP) {
			if (exp_has_path(e, fd->name)) {
				exp_col(e, fd->name);
				used++;
			}
			continue;
		}
		g = fd;
		/* The largest member number present. */
		prefix = xasprintf("%s.", g->name);
		max = 0;
		for (k = 0; k < e->npaths; k++)
			if (strncmp(e->paths[k], prefix, strlen(prefix)) == 0 &&
			    (n = (unsigned)strtoul(e->paths[k] +
			    strlen(prefix), NULL, 10)) > max)
				max = n;
		free(prefix);
		for (n = 1; n <= max; n++)
			for (j = 0; j < g->nfields; j++) {
				path = xasprintf("%s.%u.%s", g->name, n,
				    g->fields[j].name);
				if (exp_has_path(e, path)) {
					exp_col(e, path);
					used++;
				}
				free(path);
			}
	}
	if (used == e->npaths)
		return;
	for (k = 0; k < e->npaths; k++) {
		for (done = false, j = 0; j < e->ncols && !done; j++)
			done = strcmp(e->cols[j], e->paths[k]) == 0;
		if (!done)
			exp_col(e, e->paths[k]);
	}
}

static int
exp_flush(struct exp *e)
{
	if (e->b.len == 0)
		return 0;
	if (fwrite(e->b.p, 1, e->b.len, e->out) != e->b.len) {
		app_seterr(e->s, "writing the export: %s", strerror(errno));
		return GB_EIO;
	}
	buf_reset(&e->b);
	return 0;
}

/* Whether Excel would take s for a formula: = + - @ first, and not a
 * number. */
static bool
exp_formula(const char *s)
{
	const char *p = s;

	if (*s != '=' && *s != '+' && *s != '-' && *s != '@')
		return false;
	if (*p == '-' || *p == '+')
		p++;
	if (*p == '\0')
		return true;
	p += strspn(p, "0123456789");
	if (*p == '.')
		p += 1 + strspn(p + 1, "0123456789");
	return *p != '\0';
}

/* A value cell; for Excel, text that would run as a formula gets a
 * leading ' (shown as text, not evaluated). */
static void
exp_cell(struct exp *e, const char *s)
{
	char *t;

	if (!e->opt->excel || !exp_formula(s)) {
		csv_put_cell(&e->b, s);
		return;
	}
	t = xasprintf("'%s", s);
	csv_put_cell(&e->b, t);
	free(t);
}

static int
exp_write_fn(void *ctx, uint64_t id, struct store_val v)
{
	struct exp *e = ctx;
	const char *eol = e->opt->excel ? "\r\n" : "\n";
	struct record *r;
	const char *val;
	size_t i;

	(void)id;
	if ((r = exp_record(e, v)) == NULL)
		return 0;
	if (e->opt->format == APP_FMT_JSONL) {
		app_record_json(&e->b, e->f, r);
		buf_adds(&e->b, eol);
	} else {
		csv_put_cell(&e->b, r->hid != NULL ? r->hid : "");
		if (e->f->wf.initial != NULL) {
			buf_addc(&e->b, ',');
			csv_put_cell(&e->b, r->state != NULL ? r->state : "");
		}
		for (i = 0; i < e->ncols; i++) {
			buf_addc(&e->b, ',');
			val = record_get(r, e->cols[i]);
			exp_cell(e, val != NULL ? val : "");
		}
		buf_adds(&e->b, eol);
	}
	record_free(r);
	e->opt->count++;
	if (e->b.len >= 65536 && (e->rc = exp_flush(e)) != 0)
		return 1;
	return 0;
}

/* The audit entry, in its own transaction before anything is written. */
static int
exp_audit_fn(struct store_txn *t, void *arg)
{
	struct exp *e = arg;
	struct changes c = CHANGES_INIT;
	struct buf w = BUF_INIT;
	size_t i;
	int rc;

	c.cap = 3;
	c.v = xcalloc(c.cap, sizeof *c.v);
	c.v[c.n].path = xstrdup("format");
	c.v[c.n++].new = xstrdup(e->opt->format == APP_FMT_CSV ? "csv" :
	    "jsonl");
	for (i = 0; i < e->opt->nwhere; i++)
		buf_addf(&w, "%s%s", i > 0 ? " " : "", e->opt->where[i]);
	if (w.len > 0) {
		c.v[c.n].path = xstrdup("where");
		c.v[c.n++].new = buf_steal(&w);
	}
	rc = app_audit_append(t, e->s, e->f, NULL, "export", &c);
	changes_free(&c);
	buf_free(&w);
	return rc;
}

int
app_export(struct session *s, const struct form *f, struct app_export *opt,
    FILE *out)
{
	struct exp e;
	struct store_txn *t = NULL;
	size_t i;
	int rc = 0;

	app_clearerr(s);
	memset(&e, 0, sizeof e);
	e.s = s;
	e.f = f;
	e.opt = opt;
	e.out = out;
	opt->count = 0;
	e.c = xcalloc(opt->nwhere + 1, sizeof *e.c);
	for (i = 0; i < opt->nwhere; i++, e.nc++)
		if ((rc = exp_cond_parse(&e, opt->where[i], &e.c[i])) != 0) {
			e.nc++;
			goto out;
		}
	if ((rc = store_write(s->st, exp_audit_fn, &e)) != 0) {
		app_seterr(s, "not exported: the export could not be recorded "
		    "in the audit trail: %s", store_errmsg());
		goto out;
	}
	if ((rc = store_read(s->st, &t)) != 0) {
		app_seterr(s, "%s", store_errmsg());
		goto out;
	}
	if (opt->format == APP_FMT_CSV) {
		rc = store_rec_scan(t, f->name, false, 0, exp_paths_fn, &e);
		if (rc < 0 && rc != GB_ENOTFOUND)
			goto read_err;
		exp_columns(&e);
		if (opt->excel)
			buf_adds(&e.b, "\xef\xbb\xbf");
		buf_adds(&e.b, "id");
		if (f->wf.initial != NULL)
			buf_adds(&e.b, ",state");
		for (i = 0; i < e.ncols; i++) {
			buf_addc(&e.b, ',');
			csv_put_cell(&e.b, e.cols[i]);
		}
		buf_adds(&e.b, opt->excel ? "\r\n" : "\n");
	}
	rc = store_rec_scan(t, f->name, false, 0, exp_write_fn, &e);
	if (e.rc != 0) {
		rc = e.rc;
		goto out;
	}
	if (rc < 0 && rc != GB_ENOTFOUND)
		goto read_err;
	rc = exp_flush(&e);
	if (rc == 0 && fflush(out) != 0) {
		app_seterr(s, "writing the export: %s", strerror(errno));
		rc = GB_EIO;
	}
	goto out;
read_err:
	app_seterr(s, "reading %s records: %s", f->name, store_errmsg());
out:
	if (t != NULL)
		store_txn_end(t);
	exp_conds_free(&e);
	for (i = 0; i < e.npaths; i++)
		free(e.paths[i]);
	free(e.paths);
	for (i = 0; i < e.ncols; i++)
		free(e.cols[i]);
	free(e.cols);
	buf_free(&e.b);
	return rc;
}
