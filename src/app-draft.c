/*
 * app-draft.c — drafts: the unsaved state of a form on screen, saved on
 * every field change and on SIGHUP so a dropped SSH session loses nothing.
 *
 * Key (store draft table, text): "USER/FORM/ID" where ID is the record's
 * human id or "new" (logins and form names hold no '/'; a human id may, and
 * being last it needs no escaping).  Value: the save time (8 bytes, big
 * endian, unix seconds) then the record in record_encode's bytes.  Each
 * call is its own small transaction.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app-int.h"

char *
app_draft_key(const char *user, const char *form, const char *id_or_new)
{
	return xasprintf("%s/%s/%s", user, form, id_or_new != NULL &&
	    *id_or_new != '\0' ? id_or_new : "new");
}

int
app_draft_save(struct session *s, const struct form *f,
    const char *id_or_new, const struct record *r)
{
	struct buf b = BUF_INIT;
	unsigned char t[8];
	char *key;
	int rc;

	app_clearerr(s);
	put_be64(t, (uint64_t)time(NULL));
	buf_add(&b, t, sizeof t);
	record_encode(r, &b);
	key = app_draft_key(s->login, f->name, id_or_new);
	if ((rc = store_draft_put(s->st, key, b.p, b.len)) != 0)
		app_seterr(s, "draft of %s %s not saved: %s", f->name,
		    id_or_new, store_errmsg());
	free(key);
	buf_free(&b);
	return rc;
}

int
app_draft_load(struct session *s, const struct form *f,
    const char *id_or_new, struct record **out, int64_t *saved_at)
{
	void *p = NULL;
	size_t len = 0;
	char *key, err[256];
	int rc;

	*out = NULL;
	app_clearerr(s);
	key = app_draft_key(s->login, f->name, id_or_new);
	rc = store_draft_get(s->st, key, &p, &len);
	free(key);
	if (rc == GB_ENOTFOUND) {
		app_seterr(s, "no draft of %s %s", f->name, id_or_new);
		return rc;
	}
	if (rc != 0) {
		app_seterr(s, "draft of %s %s: %s", f->name, id_or_new,
		    store_errmsg());
		return rc;
	}
	if (len < 8) {
		snprintf(err, sizeof err, "only %zu bytes", len);
		rc = GB_EFORMAT;
	} else if ((rc = record_decode((unsigned char *)p + 8, len - 8, out,
	    err, sizeof err)) != 0) {
		*out = NULL;
		rc = GB_EFORMAT;
	}
	if (rc == 0 && saved_at != NULL)
		*saved_at = (int64_t)get_be64(p);
	if (rc != 0)
		app_seterr(s, "draft of %s %s is damaged: %s", f->name,
		    id_or_new, err);
	free(p);
	return rc;
}

int
app_draft_delete(struct session *s, const struct form *f,
    const char *id_or_new)
{
	char *key = app_draft_key(s->login, f->name, id_or_new);
	int rc;

	app_clearerr(s);
	rc = store_draft_del(s->st, key);
	free(key);
	if (rc == GB_ENOTFOUND)
		app_seterr(s, "no draft of %s %s", f->name, id_or_new);
	else if (rc != 0)
		app_seterr(s, "draft of %s %s: %s", f->name, id_or_new,
		    store_errmsg());
	return rc;
}

struct drafts_ctx {
	size_t			 plen;
	struct app_draft_info	*v;
	size_t			 n;
};

static int
drafts_fn(void *arg, const char *key, struct store_val v)
{
	struct drafts_ctx *c = arg;
	const char *form = key + c->plen, *slash;

	if (strlen(key) < c->plen || (slash = strchr(form, '/')) == NULL)
		return 0;
	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	c->v[c->n].form = xstrndup(form, (size_t)(slash - form));
	c->v[c->n].id_or_new = xstrdup(slash + 1);
	c->v[c->n].saved_at = v.size >= 8 ? (int64_t)get_be64(v.data) : 0;
	c->n++;
	return 0;
}

static int
drafts_cmp(const void *a, const void *b)
{
	const struct app_draft_info *x = a, *y = b;

	if (x->saved_at != y->saved_at)
		return x->saved_at > y->saved_at ? -1 : 1;
	return strcmp(x->form, y->form);
}

int
app_drafts(struct session *s, struct app_draft_info **out, size_t *n)
{
	struct drafts_ctx c;
	char *prefix = xasprintf("%s/", s->login);
	int rc;

	app_clearerr(s);
	memset(&c, 0, sizeof c);
	c.plen = strlen(prefix);
	rc = store_draft_scan(s->st, prefix, drafts_fn, &c);
	free(prefix);
	if (rc == GB_ENOTFOUND)
		rc = 0;
	if (rc != 0) {
		app_drafts_free(c.v, c.n);
		app_seterr(s, "drafts: %s", store_errmsg());
		*out = NULL;
		*n = 0;
		return rc;
	}
	if (c.n > 1)
		qsort(c.v, c.n, sizeof *c.v, drafts_cmp);
	*out = c.v;
	*n = c.n;
	return 0;
}

void
app_drafts_free(struct app_draft_info *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].form);
		free(v[i].id_or_new);
	}
	free(v);
}
