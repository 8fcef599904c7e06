/*
 * app-util.c — small pieces the app files share: store keys for index
 * entries, resolving what a person typed as an id, loading a record, and a
 * hash set of 64-bit ids (for de-duplicating search hits, the ids of a
 * leader's grids, and `check`'s cross-references).
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"

void
app_key(const struct store *st, struct buf *b, const char *field,
    const char *value)
{
	size_t max = store_key_max(st), len;

	buf_reset(b);
	buf_adds(b, field);
	buf_addc(b, '\0');
	buf_adds(b, value);
	if (b->len > max) {
		len = max;
		/* Never cut inside a UTF-8 sequence. */
		while (len > 0 && ((unsigned char)b->p[len] & 0xc0) == 0x80)
			len--;
		b->len = len;
		b->p[len] = '\0';
	}
}

static int
app_first_id(void *ctx, struct store_val key, uint64_t id)
{
	(void)key;
	*(uint64_t *)ctx = id;
	return 1;
}

int
app_resolve(struct store_txn *t, const struct store *st,
    const struct form *f, const char *id, uint64_t *out)
{
	struct buf k = BUF_INIT;
	struct store_val v;
	uint64_t found = 0, n = 0;
	char *norm = norm_key(id);
	const char *p;
	int rc;

	*out = 0;
	if (*norm != '\0') {
		app_key(st, &k, "_hid", norm);
		rc = store_idx_scan(t, f->name, k.p, k.len, true,
		    app_first_id, &found);
		buf_free(&k);
		if (rc < 0 && rc != GB_ENOTFOUND) {
			free(norm);
			return rc;
		}
		if (found != 0) {
			free(norm);
			*out = found;
			return 0;
		}
	}
	for (p = norm; *p >= '0' && *p <= '9'; p++) {
		if (n > (UINT64_MAX - 9) / 10)
			break;
		n = n * 10 + (uint64_t)(*p - '0');
	}
	rc = *p == '\0' && p != norm && n != 0 ? 0 : GB_ENOTFOUND;
	free(norm);
	if (rc != 0)
		return rc;
	if ((rc = store_rec_get(t, f->name, n, &v)) != 0)
		return rc;
	*out = n;
	return 0;
}

int
app_load(struct store_txn *t, const struct form *f, uint64_t id,
    struct record **out, char *err, size_t errlen)
{
	struct store_val v;
	int rc;

	*out = NULL;
	if ((rc = store_rec_get(t, f->name, id, &v)) != 0) {
		snprintf(err, errlen, "%s", rc == GB_ENOTFOUND ? "not found" :
		    store_errmsg());
		return rc;
	}
	if ((rc = record_decode(v.data, v.size, out, err, errlen)) != 0) {
		*out = NULL;
		return rc < 0 ? rc : GB_EFORMAT;
	}
	return 0;
}

char *
app_load_hid(struct store_txn *t, const struct form *f, uint64_t id)
{
	struct record *r;
	char err[256], *hid;

	if (app_load(t, f, id, &r, err, sizeof err) != 0)
		return NULL;
	hid = r->hid != NULL ? xstrdup(r->hid) : xasprintf("#%llu",
	    (unsigned long long)id);
	record_free(r);
	return hid;
}

char *
app_field_path(const char *path)
{
	struct buf b = BUF_INIT;
	const char *p = path, *dot;

	while (*p != '\0') {
		dot = strchr(p, '.');
		size_t n = dot != NULL ? (size_t)(dot - p) : strlen(p);
		bool num = n > 0 && strspn(p, "0123456789") == n;

		if (!num) {
			if (b.len > 0)
				buf_addc(&b, '.');
			buf_add(&b, p, n);
		}
		p += n;
		if (*p == '.')
			p++;
	}
	return buf_steal(&b);
}

bool
app_find_path(const struct record *r, const char *keyfield,
    const char *nval, const char **path, const char **text)
{
	size_t i, nlen = strlen(nval);
	char *fp, *nv;
	bool hit;

	for (i = 0; i < r->nv; i++) {
		fp = app_field_path(r->v[i].path);
		hit = strcmp(fp, keyfield) == 0;
		free(fp);
		if (!hit)
			continue;
		nv = record_index_value(r->v[i].text);
		/* A prefix match covers one code of a multichoice. */
		hit = strcmp(nv, nval) == 0 || strncmp(nv, nval, nlen) == 0;
		free(nv);
		if (hit) {
			*path = r->v[i].path;
			*text = r->v[i].text;
			return true;
		}
	}
	return false;
}

static uint64_t
app_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

uint64_t
app_hash(const void *p, size_t n, uint64_t salt)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	h = app_mix(h ^ app_mix(salt));
	return h != 0 ? h : 1;
}

static size_t
u64map_find(const struct u64map *m, uint64_t k)
{
	size_t mask = m->cap - 1, i = (size_t)app_mix(k) & mask;

	while (m->k[i] != 0 && m->k[i] != k)
		i = (i + 1) & mask;
	return i;
}

static void
u64map_grow(struct u64map *m)
{
	struct u64map nm;
	size_t i, j;

	nm.cap = m->cap == 0 ? 64 : m->cap * 2;
	nm.n = m->n;
	nm.k = xcalloc(nm.cap, sizeof *nm.k);
	nm.v = xcalloc(nm.cap, sizeof *nm.v);
	for (i = 0; i < m->cap; i++) {
		if (m->k[i] == 0)
			continue;
		j = u64map_find(&nm, m->k[i]);
		nm.k[j] = m->k[i];
		nm.v[j] = m->v[i];
	}
	free(m->k);
	free(m->v);
	*m = nm;
}

uint64_t *
u64map_slot(struct u64map *m, uint64_t k)
{
	size_t i;

	if (k == 0)
		fatal("u64map: key 0");
	if ((m->n + 1) * 2 > m->cap)
		u64map_grow(m);
	i = u64map_find(m, k);
	if (m->k[i] == 0) {
		m->k[i] = k;
		m->v[i] = 0;
		m->n++;
	}
	return &m->v[i];
}

bool
u64map_has(const struct u64map *m, uint64_t k)
{
	return m->cap != 0 && k != 0 && m->k[u64map_find(m, k)] == k;
}

void
u64map_free(struct u64map *m)
{
	free(m->k);
	free(m->v);
	m->k = m->v = NULL;
	m->n = m->cap = 0;
}

static int
app_grid_id_add(void *ctx, struct store_val key, uint64_t id)
{
	(void)key;
	(void)u64map_slot(ctx, id);
	return 0;
}

int
app_grid_ids(struct store_txn *t, const struct session *s,
    const struct form *f, struct u64map *m)
{
	struct buf k = BUF_INIT;
	size_t i;
	char *norm;
	int rc = 0;

	for (i = 0; i < s->user->ngrids && rc == 0; i++) {
		norm = norm_key(s->user->grids[i]);
		app_key(s->st, &k, "_grid", norm);
		free(norm);
		rc = store_idx_scan(t, f->name, k.p, k.len, true,
		    app_grid_id_add, m);
		if (rc == GB_ENOTFOUND)
			rc = 0;
	}
	buf_free(&k);
	return rc;
}
