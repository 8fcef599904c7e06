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
 * Reading the rows is in app-import-read.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app-import-int.h"

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
    const struct record *rec, struct imp_set *seen)
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
		slot = imp_set_slot(seen, key.p, key.len, &added);
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
	struct imp_set seen;
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
	imp_set_free(&seen);
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
	if (utf8_valid(data, len, NULL) && memchr(data, '\0', len) == NULL &&
	    (len < 3 || memcmp(data, "\xef\xbb\xbf", 3) != 0)) {
		opt->encoding = "UTF-8";	/* as is: no copy */
		im.text = data;
		im.len = len;
	} else if (csv_decode(data, len, &text, &tlen, &opt->encoding,
	    &ce) != 0) {
		imp_err(&im, ce.line, ce.col, "%s", ce.msg);
		app_seterr(s, "%s: not imported: the text cannot be read",
		    im.file);
		return GB_EINVAL;
	} else {
		im.text = text;
		im.len = tlen;
	}
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
	imp_set_free(&im.paths);
	free(text);
	return rc;
}

int
app_import_file(struct session *s, const struct form *f, const char *path,
    struct app_import *opt, struct diags *errs)
{
	struct stat sb;
	FILE *fp;
	char *data;
	size_t cap, len = 0, n;
	int rc;

	app_clearerr(s);
	if (opt->file == NULL)
		opt->file = path;
	if ((fp = fopen(path, "rb")) == NULL) {
		app_seterr(s, "cannot open %s: %s", path, strerror(errno));
		return GB_EIO;
	}
	/* The whole file, in one allocation when its size is known. */
	cap = fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (uintmax_t)sb.st_size < SIZE_MAX - 1 ? (size_t)sb.st_size + 1 :
	    65536;
	data = xmalloc(cap);
	for (;;) {
		if (len == cap)
			data = xreallocarray(data, cap *= 2, 1);
		if ((n = fread(data + len, 1, cap - len, fp)) == 0)
			break;
		len += n;
	}
	if (ferror(fp)) {
		app_seterr(s, "cannot read %s: %s", path, strerror(errno));
		fclose(fp);
		free(data);
		return GB_EIO;
	}
	fclose(fp);
	rc = app_import(s, f, data, len, opt, errs);
	free(data);
	return rc;
}

void
app_import_clear(struct app_import *opt)
{
	free(opt->first);
	free(opt->last);
	opt->first = opt->last = NULL;
}
