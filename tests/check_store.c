/*
 * check_store.c — the store against real LMDB environments in mkdtemp
 * directories: opening and refusing, records, indexes, unique values,
 * audit order, sequences, meta, drafts, atomicity of store_write, map
 * growth (in this process and in another), several processes writing at
 * once, a hot backup, and a full disk (a file size limit stands in for it).
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

static char tmp[512];

static void
setup(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmp, sizeof tmp, "%s/gb-store-XXXXXX",
	    base != NULL && *base != '\0' ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static int
rm_one(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)f;
	if (flag == FTW_DP || flag == FTW_D)
		chmod(p, 0700);
	remove(p);
	return 0;
}

static void
teardown(void)
{
	nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A path under the test's directory (four rotating buffers). */
static const char *
P(const char *name)
{
	static char bufs[4][600];
	static int i;
	char *b = bufs[i++ % 4];

	snprintf(b, sizeof bufs[0], "%s/%s", tmp, name);
	return b;
}

static struct store *
db_open(const char *dir, size_t mapsize, bool ro)
{
	struct store_opts o = { mapsize, ro, true };
	struct store *st = NULL;
	int rc = store_open(dir, &o, &st);

	ck_assert_msg(rc == 0, "store_open %s: %d %s", dir, rc, store_errmsg());
	return st;
}

static int
db_try(const char *dir, bool ro, bool create)
{
	struct store_opts o = { 0, ro, create };
	struct store *st = NULL;
	int rc = store_open(dir, &o, &st);

	if (rc == 0)
		store_close(st);
	else
		ck_assert_ptr_null(st);
	return rc;
}

static void
assert_msg_has(const char *what)
{
	ck_assert_msg(strstr(store_errmsg(), what) != NULL,
	    "message \"%s\" lacks \"%s\"", store_errmsg(), what);
}

/* Deterministic record bytes. */
static void
fill(unsigned char *b, size_t n, uint64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (unsigned char)(id * 131 + i * 7 + (i >> 8));
}

static bool
filled(const struct store_val *v, size_t n, uint64_t id)
{
	unsigned char *b;
	bool ok;

	if (v->size != n)
		return false;
	b = malloc(n + 1);
	fill(b, n, id);
	ok = memcmp(b, v->data, n) == 0;
	free(b);
	return ok;
}

/* store_write callbacks. */

struct put_ctx {
	const char	*form;
	uint64_t	 first;
	uint64_t	 n;
	size_t		 size;
	int		 calls;
	int		 fail;		/* returned after the puts */
};

static int
put_fn(struct store_txn *t, void *arg)
{
	struct put_ctx *c = arg;
	unsigned char *b = malloc(c->size + 1);
	uint64_t id;
	int rc = 0;

	c->calls++;
	for (id = c->first; id < c->first + c->n && rc == 0; id++) {
		fill(b, c->size, id);
		rc = store_rec_put(t, c->form, id, b, c->size);
	}
	free(b);
	return rc != 0 ? rc : c->fail;
}

static void
put_recs(struct store *st, const char *form, uint64_t first, uint64_t n,
    size_t size)
{
	struct put_ctx c = { form, first, n, size, 0, 0 };
	int rc = store_write(st, put_fn, &c);

	ck_assert_msg(rc == 0, "put %s: %d %s", form, rc, store_errmsg());
}

static size_t
rec_count(struct store *st, const char *form)
{
	struct store_txn *t;
	size_t n = 0;

	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_rec_count(t, form, &n), 0);
	store_txn_end(t);
	return n;
}

/* ---------------------------------------------------------------- open */

START_TEST(test_open_create_reopen)
{
	struct store *st;
	struct store_txn *t;
	struct store_val v;
	const char *dir = P("a/b/db");

	ck_assert_int_eq(db_try(dir, false, false), GB_ENOTFOUND);
	assert_msg_has(dir);
	st = db_open(dir, 0, false);
	ck_assert_str_eq(store_dir(st), dir);
	ck_assert_uint_ge(store_mapsize(st), (size_t)64 << 20);
	ck_assert_uint_ge(store_key_max(st), 511);
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_meta_get(t, "magic", &v), 0);
	ck_assert_int_eq(v.size, 8);
	ck_assert_mem_eq(v.data, "gridbook", 8);
	ck_assert_int_eq(store_meta_get(t, "format", &v), 0);
	ck_assert_int_eq(v.size, 1);
	ck_assert_mem_eq(v.data, "1", 1);
	store_txn_end(t);
	put_recs(st, "household", 1, 3, 100);
	store_close(st);

	/* Again, without create, and read-only. */
	ck_assert_int_eq(db_try(dir, false, false), 0);
	st = db_open(dir, 0, true);
	ck_assert_uint_eq(rec_count(st, "household"), 3);
	store_close(st);
}
END_TEST

START_TEST(test_open_twice_in_process)
{
	struct store_opts ro = { 0, true, false };
	struct store *a, *b, *c = NULL;
	char other[700];

	a = db_open(P("db"), 0, false);
	/* Another spelling of the same directory shares the environment. */
	snprintf(other, sizeof other, "%s/./db/", tmp);
	b = db_open(other, 0, false);
	ck_assert_ptr_eq(a, b);
	ck_assert_int_eq(store_open(P("db"), &ro, &c), GB_EBUSY);
	ck_assert_ptr_null(c);
	assert_msg_has("already open");
	put_recs(a, "household", 1, 2, 10);
	store_close(a);
	/* Still open through b. */
	put_recs(b, "household", 3, 1, 10);
	ck_assert_uint_eq(rec_count(b, "household"), 3);
	store_close(b);
	/* Now closed: read-only may open it. */
	c = db_open(P("db"), 0, true);
	ck_assert_uint_eq(rec_count(c, "household"), 3);
	store_close(c);
}
END_TEST

START_TEST(test_open_not_a_directory)
{
	FILE *f = fopen(P("file"), "w");

	ck_assert_ptr_nonnull(f);
	fputs("not a database\n", f);
	fclose(f);
	ck_assert_int_eq(db_try(P("file"), false, true), GB_EINVAL);
	assert_msg_has(P("file"));
	assert_msg_has("not a directory");
	ck_assert_int_eq(db_try(P("file/db"), false, true), GB_EINVAL);
	assert_msg_has("file/db");
	ck_assert_int_eq(db_try("", false, true), GB_EINVAL);
	ck_assert_int_eq(db_try(P("missing"), true, false), GB_ENOTFOUND);
	assert_msg_has("missing");
}
END_TEST

START_TEST(test_open_garbage)
{
	char junk[8192];
	const char *dir = P("junk");
	int fd;
	size_t i;

	ck_assert_int_eq(mkdir(dir, 0700), 0);
	for (i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 37 + 11);
	fd = open(P("junk/data.mdb"), O_WRONLY | O_CREAT, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, junk, sizeof junk), (ssize_t)sizeof junk);
	close(fd);
	ck_assert_int_eq(db_try(dir, false, true), GB_EFORMAT);
	assert_msg_has(dir);
	assert_msg_has("not a gridbook database");
	ck_assert_int_eq(db_try(dir, true, false), GB_EFORMAT);
}
END_TEST

struct meta_ctx {
	const char	*name;
	const char	*value;
};

static int
meta_fn(struct store_txn *t, void *arg)
{
	struct meta_ctx *m = arg;

	return store_meta_put(t, m->name, m->value, strlen(m->value));
}

START_TEST(test_open_newer_format)
{
	struct meta_ctx m = { "format", "2" };
	struct store *st;
	const char *dir = P("db");

	st = db_open(dir, 0, false);
	ck_assert_int_eq(store_write(st, meta_fn, &m), 0);
	store_close(st);
	ck_assert_int_eq(db_try(dir, false, true), GB_EFORMAT);
	assert_msg_has(dir);
	assert_msg_has("newer");
	ck_assert_int_eq(db_try(dir, true, false), GB_EFORMAT);
}
END_TEST

START_TEST(test_open_foreign_lmdb)
{
	struct meta_ctx m = { "magic", "sqlite!!" };
	struct store *st;
	const char *dir = P("db"), *other = P("other");
	char cmd[1400];
	FILE *f;

	/* A gridbook database whose mark was changed. */
	st = db_open(dir, 0, false);
	ck_assert_int_eq(store_write(st, meta_fn, &m), 0);
	store_close(st);
	ck_assert_int_eq(db_try(dir, false, true), GB_EFORMAT);
	assert_msg_has(dir);

	/* An LMDB environment of another program (made with mdb_load). */
	if (system("command -v mdb_load >/dev/null 2>&1") != 0)
		return;
	ck_assert_int_eq(mkdir(other, 0700), 0);
	snprintf(cmd, sizeof cmd, "mdb_load -T -s users '%s'", other);
	f = popen(cmd, "w");
	ck_assert_ptr_nonnull(f);
	fputs("alice\nadmin\nbob\nclerk\n", f);
	ck_assert_int_eq(pclose(f), 0);
	ck_assert_int_eq(db_try(other, false, true), GB_EFORMAT);
	assert_msg_has(other);
	assert_msg_has("other data");
}
END_TEST

START_TEST(test_open_readonly)
{
	struct store *st;
	struct store_txn *t;
	struct store_val v;
	struct put_ctx c = { "household", 10, 1, 10, 0, 0 };
	const char *dir = P("db"), *ro = P("rodir");

	st = db_open(dir, 0, false);
	put_recs(st, "household", 1, 5, 64);
	store_close(st);

	st = db_open(dir, 0, true);
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_rec_get(t, "household", 3, &v), 0);
	ck_assert(filled(&v, 64, 3));
	ck_assert_int_eq(store_rec_put(t, "household", 9, "x", 1), GB_EINVAL);
	store_txn_end(t);
	ck_assert_int_eq(store_write(st, put_fn, &c), GB_EIO);
	assert_msg_has(dir);
	assert_msg_has("read-only");
	ck_assert_int_eq(c.calls, 0);
	ck_assert_int_eq(store_draft_put(st, "a/b/new", "x", 1), GB_EIO);
	store_close(st);
	ck_assert_uint_eq(rec_count(st = db_open(dir, 0, true), "household"),
	    5);
	store_close(st);

	/* A directory this user may not write (root writes anyway). */
	ck_assert_int_eq(mkdir(ro, 0700), 0);
	ck_assert_int_eq(chmod(ro, 0555), 0);
	if (geteuid() != 0) {
		ck_assert_int_eq(db_try(ro, false, true), GB_EIO);
		assert_msg_has(ro);
		assert_msg_has("read-only");
	}
	chmod(ro, 0700);
}
END_TEST

/* ------------------------------------------------------------- records */

struct ids {
	uint64_t	 v[64];
	size_t		 n;
	uint64_t	 stop_at;
	struct store_txn *t;		/* for scans that change the table */
	bool		 del_even;
};

static int
collect_rec(void *arg, uint64_t id, struct store_val v)
{
	struct ids *s = arg;

	ck_assert_uint_lt(s->n, nitems(s->v));
	s->v[s->n++] = id;
	if (!filled(&v, 32, id))
		return -100;
	if (s->del_even && id % 2 == 0 &&
	    store_rec_del(s->t, "household", id) != 0)
		return -101;
	return id == s->stop_at ? 7 : 0;
}

static void
assert_ids(const struct ids *s, const uint64_t *want, size_t n,
    const char *title)
{
	size_t i;

	ck_assert_msg(s->n == n, "%s: %zu ids, want %zu", title, s->n, n);
	for (i = 0; i < n; i++)
		ck_assert_msg(s->v[i] == want[i], "%s: id[%zu] = %" PRIu64
		    ", want %" PRIu64, title, i, s->v[i], want[i]);
}

static const uint64_t rec_ids[] = { 1, 2, 3, 5, 8, 13, 21 };

static int
put_fib_fn(struct store_txn *t, void *arg)
{
	unsigned char b[32];
	size_t i;
	int rc;

	for (i = 0; i < nitems(rec_ids); i++) {
		fill(b, sizeof b, rec_ids[i]);
		if ((rc = store_rec_put(t, "household", rec_ids[i], b,
		    sizeof b)) != 0)
			return rc;
	}
	return 0;
}

static const struct {
	const char	*title;
	bool		 reverse;
	uint64_t	 after;
	uint64_t	 want[8];
	size_t		 n;
} scan_cases[] = {
	{ "forward from start", false, 0, { 1, 2, 3, 5, 8, 13, 21 }, 7 },
	{ "reverse from end", true, 0, { 21, 13, 8, 5, 3, 2, 1 }, 7 },
	{ "forward after 5", false, 5, { 8, 13, 21 }, 3 },
	{ "reverse before 5", true, 5, { 3, 2, 1 }, 3 },
	{ "forward after missing 4", false, 4, { 5, 8, 13, 21 }, 4 },
	{ "reverse before missing 4", true, 4, { 3, 2, 1 }, 3 },
	{ "forward after last", false, 21, { 0 }, 0 },
	{ "forward after beyond", false, 100, { 0 }, 0 },
	{ "reverse before beyond", true, 22, { 21, 13, 8, 5, 3, 2, 1 }, 7 },
	{ "reverse before first", true, 1, { 0 }, 0 },
	{ "forward after max", false, UINT64_MAX, { 0 }, 0 },
};

START_TEST(test_rec_scan)
{
	struct store *st = db_open(P("db"), 0, false);
	struct store_txn *t;
	struct ids s;
	size_t i;

	ck_assert_int_eq(store_write(st, put_fib_fn, NULL), 0);
	ck_assert_int_eq(store_read(st, &t), 0);
	for (i = 0; i < nitems(scan_cases); i++) {
		memset(&s, 0, sizeof s);
		ck_assert_int_eq(store_rec_scan(t, "household",
		    scan_cases[i].reverse, scan_cases[i].after, collect_rec,
		    &s), 0);
		assert_ids(&s, scan_cases[i].want, scan_cases[i].n,
		    scan_cases[i].title);
	}
	/* fn's nonzero return stops the scan and is returned. */
	memset(&s, 0, sizeof s);
	s.stop_at = 8;
	ck_assert_int_eq(store_rec_scan(t, "household", false, 0, collect_rec,
	    &s), 7);
	assert_ids(&s, rec_ids, 5, "stopped");
	store_txn_end(t);
	store_close(st);
}
END_TEST

struct scan_del_ctx {
	bool		 reverse;
	struct ids	 s;
};

static int
scan_del_fn(struct store_txn *t, void *arg)
{
	struct scan_del_ctx *c = arg;

	memset(&c->s, 0, sizeof c->s);
	c->s.t = t;
	c->s.del_even = true;
	return store_rec_scan(t, "household", c->reverse, 0, collect_rec,
	    &c->s);
}

START_TEST(test_rec_scan_while_deleting)
{
	static const uint64_t fwd[] = { 1, 2, 3, 5, 8, 13, 21 };
	static const uint64_t rev[] = { 21, 13, 8, 5, 3, 2, 1 };
	static const uint64_t odd[] = { 1, 3, 5, 13, 21 };
	struct store *st = db_open(P("db"), 0, false);
	struct scan_del_ctx c = { false, { { 0 }, 0, 0, NULL, false } };
	struct store_txn *t;
	struct ids s;

	ck_assert_int_eq(store_write(st, put_fib_fn, NULL), 0);
	ck_assert_int_eq(store_write(st, scan_del_fn, &c), 0);
	assert_ids(&c.s, fwd, nitems(fwd), "forward, deleting");
	ck_assert_int_eq(store_read(st, &t), 0);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_rec_scan(t, "household", false, 0, collect_rec,
	    &s), 0);
	assert_ids(&s, odd, nitems(odd), "after deleting");
	store_txn_end(t);

	ck_assert_int_eq(store_write(st, put_fib_fn, NULL), 0);
	c.reverse = true;
	ck_assert_int_eq(store_write(st, scan_del_fn, &c), 0);
	assert_ids(&c.s, rev, nitems(rev), "reverse, deleting");
	ck_assert_uint_eq(rec_count(st, "household"), nitems(odd));
	store_close(st);
}
END_TEST

static int
del_fn(struct store_txn *t, void *arg)
{
	return store_rec_del(t, "household", *(uint64_t *)arg);
}

START_TEST(test_rec_get_del_count)
{
	struct store *st = db_open(P("db"), 0, false);
	struct store_txn *t;
	struct store_val v;
	struct ids s;
	uint64_t id, last;
	size_t n;
	char longname[400];

	ck_assert_int_eq(store_write(st, put_fib_fn, NULL), 0);
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_rec_get(t, "household", 5, &v), 0);
	ck_assert(filled(&v, 32, 5));
	ck_assert_int_eq(store_rec_get(t, "household", 4, &v), GB_ENOTFOUND);
	ck_assert_ptr_null(v.data);
	assert_msg_has("household");
	assert_msg_has(tmp);
	ck_assert_int_eq(store_rec_count(t, "household", &n), 0);
	ck_assert_uint_eq(n, 7);
	ck_assert_int_eq(store_rec_last(t, "household", &last), 0);
	ck_assert_uint_eq(last, 21);

	/* A form without records reads as empty. */
	ck_assert_int_eq(store_rec_count(t, "mediation", &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(store_rec_last(t, "mediation", &last), 0);
	ck_assert_uint_eq(last, 0);
	ck_assert_int_eq(store_rec_get(t, "mediation", 1, &v), GB_ENOTFOUND);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_rec_scan(t, "mediation", false, 0, collect_rec,
	    &s), 0);
	ck_assert_uint_eq(s.n, 0);

	/* Bad names and read-only use. */
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	ck_assert_int_eq(store_rec_count(t, "", &n), GB_EINVAL);
	ck_assert_int_eq(store_rec_count(t, longname, &n), GB_EINVAL);
	assert_msg_has("too long");
	ck_assert_int_eq(store_rec_put(t, "household", 30, "x", 1), GB_EINVAL);
	ck_assert_int_eq(store_rec_del(t, "household", 5), GB_EINVAL);
	store_txn_end(t);

	id = 13;
	ck_assert_int_eq(store_write(st, del_fn, &id), 0);
	ck_assert_int_eq(store_write(st, del_fn, &id), GB_ENOTFOUND);
	assert_msg_has("13");
	id = 21;
	ck_assert_int_eq(store_write(st, del_fn, &id), 0);
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_rec_last(t, "household", &last), 0);
	ck_assert_uint_eq(last, 8);
	ck_assert_int_eq(store_rec_count(t, "household", &n), 0);
	ck_assert_uint_eq(n, 5);
	store_txn_end(t);
	store_close(st);
}
END_TEST

static int
put_zero_fn(struct store_txn *t, void *arg)
{
	return store_rec_put(t, "household", 0, "x", 1);
}

START_TEST(test_rec_id_zero)
{
	struct store *st = db_open(P("db"), 0, false);

	ck_assert_int_eq(store_write(st, put_zero_fn, NULL), GB_EINVAL);
	ck_assert_uint_eq(rec_count(st, "household"), 0);
	store_close(st);
}
END_TEST

/* ------------------------------------------------------- idx and uniq */

#define K(s) s, sizeof(s) - 1		/* a key literal with its \0s */

struct idx_ent {
	const char	*key;
	size_t		 len;
	uint64_t	 id;
};

static const struct idx_ent idx_ents[] = {
	{ K("name\0张三"), 3 },
	{ K("name\0张三"), 1 },
	{ K("name\0张三"), 2 },
	{ K("name\0张三丰"), 5 },
	{ K("name\0李四"), 4 },
	{ K("name\0zhang"), 9 },
	{ K("phone\0""13800001234"), 7 },
	{ K("phone\0""1234"), 7 },
	{ K("phone\0""1234"), 8 },
};

static int
idx_fill_fn(struct store_txn *t, void *arg)
{
	size_t i;
	int rc;

	for (i = 0; i < nitems(idx_ents); i++)
		if ((rc = store_idx_add(t, "household", idx_ents[i].key,
		    idx_ents[i].len, idx_ents[i].id)) != 0)
			return rc;
	/* Adding an entry twice is harmless. */
	return store_idx_add(t, "household", K("name\0张三"), 1);
}

struct seen {
	char		 keys[16][64];
	uint64_t	 ids[16];
	size_t		 n;
};

static int
collect_idx(void *arg, struct store_val key, uint64_t id)
{
	struct seen *s = arg;
	const char *k = key.data;
	size_t i;

	ck_assert_uint_lt(s->n, 16);
	ck_assert_uint_lt(key.size, 63);
	/* Shown as field=value. */
	for (i = 0; i < key.size; i++)
		s->keys[s->n][i] = k[i] == '\0' ? '=' : k[i];
	s->keys[s->n][key.size] = '\0';
	s->ids[s->n++] = id;
	return 0;
}

static const struct {
	const char	*title;
	const char	*prefix;
	size_t		 plen;
	bool		 exact;
	const char	*want;		/* "key:id key:id ..." */
} idx_cases[] = {
	{ "exact with dups", K("name\0张三"), true,
	    "name=张三:1 name=张三:2 name=张三:3" },
	{ "prefix spans keys", K("name\0张"), false,
	    "name=张三:1 name=张三:2 name=张三:3 name=张三丰:5" },
	{ "exact longer key", K("name\0张三丰"), true, "name=张三丰:5" },
	{ "exact missing", K("name\0张"), true, "" },
	{ "prefix missing", K("name\0王"), false, "" },
	{ "prefix of field", K("phone\0"), false,
	    "phone=1234:7 phone=1234:8 phone=13800001234:7" },
	{ "last four digits", K("phone\0""1234"), true,
	    "phone=1234:7 phone=1234:8" },
	{ "latin", K("name\0zh"), false, "name=zhang:9" },
	{ "whole table", "", 0, false,
	    "name=zhang:9 name=张三:1 name=张三:2 name=张三:3 name=张三丰:5 "
	    "name=李四:4 phone=1234:7 phone=1234:8 phone=13800001234:7" },
	{ "exact empty", "", 0, true, "" },
};

static void
seen_str(const struct seen *s, char *out, size_t sz)
{
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < s->n; i++)
		n += snprintf(out + n, sz - n, "%s%s:%" PRIu64, i ? " " : "",
		    s->keys[i], s->ids[i]);
}

static int
idx_del_fn(struct store_txn *t, void *arg)
{
	int rc;

	if ((rc = store_idx_del(t, "household", K("name\0张三"), 2)) != 0)
		return rc;
	return store_idx_del(t, "household", K("name\0李四"), 4);
}

static int
idx_del_missing_fn(struct store_txn *t, void *arg)
{
	return store_idx_del(t, "household", K("name\0张三"), 2);
}

static int
idx_clear_fn(struct store_txn *t, void *arg)
{
	return store_idx_clear(t, (const char *)arg);
}

START_TEST(test_idx)
{
	struct store *st = db_open(P("db"), 0, false);
	struct store_txn *t;
	struct seen s;
	char got[1024], big[1024];
	size_t i;

	ck_assert_int_eq(store_write(st, idx_fill_fn, NULL), 0);
	ck_assert_int_eq(store_read(st, &t), 0);
	for (i = 0; i < nitems(idx_cases); i++) {
		memset(&s, 0, sizeof s);
		ck_assert_int_eq(store_idx_scan(t, "household",
		    idx_cases[i].prefix, idx_cases[i].plen, idx_cases[i].exact,
		    collect_idx, &s), 0);
		seen_str(&s, got, sizeof got);
		ck_assert_msg(strcmp(got, idx_cases[i].want) == 0,
		    "%s: got \"%s\", want \"%s\"", idx_cases[i].title, got,
		    idx_cases[i].want);
	}
	/* No index for a form yet: nothing, no error. */
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_idx_scan(t, "mediation", K("name\0"), false,
	    collect_idx, &s), 0);
	ck_assert_uint_eq(s.n, 0);
	/* A key longer than LMDB allows. */
	memset(big, 'a', sizeof big);
	ck_assert_int_eq(store_idx_scan(t, "household", big,
	    store_key_max(st) + 1, false, collect_idx, &s), GB_EINVAL);
	store_txn_end(t);

	ck_assert_int_eq(store_write(st, idx_del_fn, NULL), 0);
	ck_assert_int_eq(store_write(st, idx_del_missing_fn, NULL),
	    GB_ENOTFOUND);
	ck_assert_int_eq(store_read(st, &t), 0);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_idx_scan(t, "household", K("name\0"), false,
	    collect_idx, &s), 0);
	seen_str(&s, got, sizeof got);
	ck_assert_str_eq(got, "name=zhang:9 name=张三:1 name=张三:3 "
	    "name=张三丰:5");
	store_txn_end(t);

	ck_assert_int_eq(store_write(st, idx_clear_fn, "household"), 0);
	ck_assert_int_eq(store_write(st, idx_clear_fn, "nosuchform"), 0);
	ck_assert_int_eq(store_read(st, &t), 0);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_idx_scan(t, "household", "", 0, false,
	    collect_idx, &s), 0);
	ck_assert_uint_eq(s.n, 0);
	store_txn_end(t);
	store_close(st);
}
END_TEST

struct idx_del_scan {
	struct store_txn	*t;
	struct seen		 s;
};

/* Deletes every entry it sees, and 张三:3 when it sees 张三:1. */
static int
idx_del_cb(void *arg, struct store_val key, uint64_t id)
{
	struct idx_del_scan *d = arg;
	char k[64];
	int rc;

	collect_idx(&d->s, key, id);
	memcpy(k, key.data, key.size);
	if ((rc = store_idx_del(d->t, "household", k, key.size, id)) != 0)
		return rc;
	if (id == 1)
		return store_idx_del(d->t, "household", K("name\0张三"), 3);
	return 0;
}

static int
idx_del_scan_fn(struct store_txn *t, void *arg)
{
	struct idx_del_scan *d = arg;

	memset(&d->s, 0, sizeof d->s);
	d->t = t;
	return store_idx_scan(t, "household", K("name\0"), false, idx_del_cb,
	    d);
}

START_TEST(test_idx_scan_while_deleting)
{
	struct store *st = db_open(P("db"), 0, false);
	struct idx_del_scan d;
	struct store_txn *t;
	struct seen s;
	char got[1024];

	ck_assert_int_eq(store_write(st, idx_fill_fn, NULL), 0);
	ck_assert_int_eq(store_write(st, idx_del_scan_fn, &d), 0);
	seen_str(&d.s, got, sizeof got);
	ck_assert_str_eq(got, "name=zhang:9 name=张三:1 name=张三:2 "
	    "name=张三丰:5 name=李四:4");
	ck_assert_int_eq(store_read(st, &t), 0);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_idx_scan(t, "household", "", 0, false,
	    collect_idx, &s), 0);
	seen_str(&s, got, sizeof got);
	ck_assert_str_eq(got, "phone=1234:7 phone=1234:8 phone=13800001234:7");
	store_txn_end(t);
	store_close(st);
}
END_TEST

struct uniq_ctx {
	uint64_t	 id;
	uint64_t	 holder;
};

static int
uniq_put_fn(struct store_txn *t, void *arg)
{
	struct uniq_ctx *u = arg;

	return store_uniq_put(t, "household", K("id_card\0""62292319800101123X"),
	    u->id, &u->holder);
}

static int
uniq_del_fn(struct store_txn *t, void *arg)
{
	return store_uniq_del(t, "household", K("id_card\0""62292319800101123X"));
}

static int
uniq_more_fn(struct store_txn *t, void *arg)
{
	int rc;

	if ((rc = store_uniq_put(t, "household", K("id_card\0""1"), 11,
	    NULL)) != 0)
		return rc;
	return store_uniq_put(t, "household", K("phone\0""2"), 12, NULL);
}

START_TEST(test_uniq)
{
	struct store *st = db_open(P("db"), 0, false);
	struct store_txn *t;
	struct uniq_ctx u = { 1, 99 };
	struct seen s;
	uint64_t h;
	char got[512];

	ck_assert_int_eq(store_write(st, uniq_put_fn, &u), 0);
	ck_assert_uint_eq(u.holder, 0);
	/* The same record again is fine. */
	ck_assert_int_eq(store_write(st, uniq_put_fn, &u), 0);
	u.id = 2;
	ck_assert_int_eq(store_write(st, uniq_put_fn, &u), GB_EEXIST);
	ck_assert_uint_eq(u.holder, 1);
	assert_msg_has("62292319800101123X");
	assert_msg_has("household");

	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_uniq_get(t, "household",
	    K("id_card\0""62292319800101123X"), &h), 0);
	ck_assert_uint_eq(h, 1);
	ck_assert_int_eq(store_uniq_get(t, "household", K("id_card\0""9"), &h),
	    GB_ENOTFOUND);
	ck_assert_int_eq(store_uniq_get(t, "mediation", K("id_card\0""9"), &h),
	    GB_ENOTFOUND);
	store_txn_end(t);

	ck_assert_int_eq(store_write(st, uniq_del_fn, NULL), 0);
	ck_assert_int_eq(store_write(st, uniq_del_fn, NULL), GB_ENOTFOUND);
	/* Now the other record may take it. */
	ck_assert_int_eq(store_write(st, uniq_put_fn, &u), 0);
	ck_assert_int_eq(store_write(st, uniq_more_fn, NULL), 0);

	ck_assert_int_eq(store_read(st, &t), 0);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_uniq_scan(t, "household", collect_idx, &s), 0);
	seen_str(&s, got, sizeof got);
	ck_assert_str_eq(got, "id_card=1:11 id_card=62292319800101123X:2 "
	    "phone=2:12");
	store_txn_end(t);
	store_close(st);
}
END_TEST

/* --------------------------------------------------------------- audit */

struct audit_ctx {
	int	 first;
	int	 n;
};

static int
audit_fn(struct store_txn *t, void *arg)
{
	struct audit_ctx *a = arg;
	char b[32];
	int i, rc;

	for (i = a->first; i < a->first + a->n; i++) {
		snprintf(b, sizeof b, "entry %d", i);
		if ((rc = store_audit_add(t, b, strlen(b))) != 0)
			return rc;
	}
	return 0;
}

struct audit_seen {
	int		 n;
	int		 bad;
	uint64_t	 times[400];
};

static int
collect_audit(void *arg, uint64_t time_us, struct store_val v)
{
	struct audit_seen *s = arg;
	char want[32];

	snprintf(want, sizeof want, "entry %d", s->n);
	if (v.size != strlen(want) || memcmp(v.data, want, v.size) != 0)
		s->bad++;
	if (s->n > 0 && time_us < s->times[s->n - 1])
		s->bad++;
	if (s->n < 400)
		s->times[s->n] = time_us;
	s->n++;
	return 0;
}

START_TEST(test_audit_order)
{
	struct store *st = db_open(P("db"), 0, false);
	struct store_txn *t;
	struct audit_ctx a = { 0, 100 };
	struct audit_seen *s = calloc(1, sizeof *s);
	uint64_t since, before, now;
	struct timespec ts;
	int i;

	clock_gettime(CLOCK_REALTIME, &ts);
	before = (uint64_t)ts.tv_sec * 1000000u + ts.tv_nsec / 1000;
	/* Many in one transaction: one time, still in order. */
	ck_assert_int_eq(store_write(st, audit_fn, &a), 0);
	/* And across transactions. */
	for (i = 0; i < 50; i++) {
		a.first = 100 + i * 2;
		a.n = 2;
		ck_assert_int_eq(store_write(st, audit_fn, &a), 0);
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	now = (uint64_t)ts.tv_sec * 1000000u + ts.tv_nsec / 1000;

	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_audit_scan(t, 0, collect_audit, s), 0);
	ck_assert_int_eq(s->n, 200);
	ck_assert_int_eq(s->bad, 0);
	ck_assert_uint_eq(s->times[0], s->times[99]);
	ck_assert_uint_ge(s->times[0], before);
	ck_assert_uint_le(s->times[199], now);

	/* From a time on: the entries of that time and later. */
	since = s->times[150];
	for (i = 150; i > 0 && s->times[i - 1] == since; i--)
		;
	memset(s, 0, sizeof *s);
	s->n = i;
	ck_assert_int_eq(store_audit_scan(t, since, collect_audit, s), 0);
	ck_assert_int_eq(s->n, 200);
	ck_assert_int_eq(s->bad, 0);
	memset(s, 0, sizeof *s);
	ck_assert_int_eq(store_audit_scan(t, now + 60000000u, collect_audit,
	    s), 0);
	ck_assert_int_eq(s->n, 0);
	ck_assert_int_eq(store_audit_add(t, "x", 1), GB_EINVAL);
	store_txn_end(t);
	free(s);
	store_close(st);
}
END_TEST

/* -------------------------------------------------------- seq and meta */

struct seq_ctx {
	uint64_t	 got[4];
};

static int
seq_fn(struct store_txn *t, void *arg)
{
	struct seq_ctx *c = arg;
	int rc;

	if ((rc = store_seq_next(t, "household", &c->got[0])) != 0 ||
	    (rc = store_seq_next(t, "household", &c->got[1])) != 0 ||
	    (rc = store_seq_next(t, "mediation/2026", &c->got[2])) != 0)
		return rc;
	if ((rc = store_seq_set(t, "consultation", 41)) != 0)
		return rc;
	if ((rc = store_seq_next(t, "consultation", &c->got[3])) != 0)
		return rc;
	return store_meta_put(t, "schema:household", "abc123", 6);
}

struct names {
	char	 list[256];
};

static int
collect_meta(void *arg, const char *name, struct store_val v)
{
	struct names *n = arg;

	if (n->list[0] != '\0')
		strcat(n->list, " ");
	strcat(n->list, name);
	return 0;
}

START_TEST(test_seq_meta)
{
	struct store *st = db_open(P("db"), 0, false);
	struct store_txn *t;
	struct store_val v;
	struct seq_ctx c;
	struct names n;
	uint64_t x;

	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_seq_get(t, "household", &x), 0);
	ck_assert_uint_eq(x, 0);
	ck_assert_int_eq(store_seq_next(t, "household", &x), GB_EINVAL);
	ck_assert_int_eq(store_meta_get(t, "schema:household", &v),
	    GB_ENOTFOUND);
	store_txn_end(t);

	ck_assert_int_eq(store_write(st, seq_fn, &c), 0);
	ck_assert_uint_eq(c.got[0], 1);
	ck_assert_uint_eq(c.got[1], 2);
	ck_assert_uint_eq(c.got[2], 1);
	ck_assert_uint_eq(c.got[3], 42);
	ck_assert_int_eq(store_write(st, seq_fn, &c), 0);
	ck_assert_uint_eq(c.got[0], 3);
	ck_assert_uint_eq(c.got[1], 4);

	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_seq_get(t, "household", &x), 0);
	ck_assert_uint_eq(x, 4);
	ck_assert_int_eq(store_meta_get(t, "schema:household", &v), 0);
	ck_assert_int_eq(v.size, 6);
	ck_assert_mem_eq(v.data, "abc123", 6);
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(store_meta_scan(t, "seq:", collect_meta, &n), 0);
	ck_assert_str_eq(n.list, "seq:consultation seq:household "
	    "seq:mediation/2026");
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(store_meta_scan(t, "", collect_meta, &n), 0);
	ck_assert_str_eq(n.list, "format magic schema:household "
	    "seq:consultation seq:household seq:mediation/2026");
	ck_assert_int_eq(store_seq_get(t, "", &x), GB_EINVAL);
	store_txn_end(t);
	store_close(st);
}
END_TEST

/* -------------------------------------------------------------- drafts */

static int
collect_draft(void *arg, const char *key, struct store_val v)
{
	struct names *n = arg;

	if (n->list[0] != '\0')
		strcat(n->list, " ");
	strcat(n->list, key);
	strcat(n->list, "=");
	strncat(n->list, v.data, v.size);
	return 0;
}

START_TEST(test_drafts)
{
	struct store *st = db_open(P("db"), 0, false);
	struct store_txn *t;
	struct names n;
	void *p;
	size_t len;

	ck_assert_int_eq(store_draft_get(st, "alice/household/new", &p, &len),
	    GB_ENOTFOUND);
	ck_assert_ptr_null(p);
	assert_msg_has("alice/household/new");
	ck_assert_int_eq(store_draft_put(st, "alice/household/new", "v1", 2),
	    0);
	ck_assert_int_eq(store_draft_put(st, "alice/household/new", "v2", 2),
	    0);
	ck_assert_int_eq(store_draft_put(st, "alice/mediation/17", "m", 1), 0);
	ck_assert_int_eq(store_draft_put(st, "bob/household/new", "", 0), 0);
	ck_assert_int_eq(store_draft_put(st, "", "x", 1), GB_EINVAL);

	ck_assert_int_eq(store_draft_get(st, "alice/household/new", &p, &len),
	    0);
	ck_assert_uint_eq(len, 2);
	ck_assert_mem_eq(p, "v2", 2);
	free(p);
	ck_assert_int_eq(store_draft_get(st, "bob/household/new", &p, &len),
	    0);
	ck_assert_uint_eq(len, 0);
	free(p);

	memset(&n, 0, sizeof n);
	ck_assert_int_eq(store_draft_scan(st, "alice/", collect_draft, &n), 0);
	ck_assert_str_eq(n.list, "alice/household/new=v2 alice/mediation/17=m");

	/* Drafts work while the caller holds a read snapshot. */
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_draft_del(st, "alice/household/new"), 0);
	ck_assert_int_eq(store_draft_del(st, "alice/household/new"),
	    GB_ENOTFOUND);
	memset(&n, 0, sizeof n);
	ck_assert_int_eq(store_draft_scan(st, "", collect_draft, &n), 0);
	ck_assert_str_eq(n.list, "alice/mediation/17=m bob/household/new=");
	store_txn_end(t);
	store_close(st);
}
END_TEST

/* ----------------------------------------------------------- atomicity */

static int
all_then_fail_fn(struct store_txn *t, void *arg)
{
	unsigned char b[64];
	uint64_t id, v;
	int rc;

	for (id = 1; id <= 20; id++) {
		fill(b, sizeof b, id);
		if ((rc = store_rec_put(t, "newform", id, b, sizeof b)) != 0 ||
		    (rc = store_idx_add(t, "newform", K("f\0v"), id)) != 0 ||
		    (rc = store_uniq_put(t, "newform", K("u\0v"), 1, NULL)) != 0 ||
		    (rc = store_audit_add(t, "a", 1)) != 0 ||
		    (rc = store_seq_next(t, "newform", &v)) != 0)
			return rc;
	}
	return *(int *)arg;
}

START_TEST(test_write_abort_leaves_nothing)
{
	struct store *st = db_open(P("db"), 0, false);
	struct store_txn *t;
	struct audit_seen *s = calloc(1, sizeof *s);
	struct seen seen;
	char **names;
	size_t n;
	uint64_t v;
	int fail = GB_ECONFLICT;

	ck_assert_int_eq(store_write(st, all_then_fail_fn, &fail),
	    GB_ECONFLICT);
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_rec_count(t, "newform", &n), 0);
	ck_assert_uint_eq(n, 0);
	memset(&seen, 0, sizeof seen);
	ck_assert_int_eq(store_idx_scan(t, "newform", "", 0, false,
	    collect_idx, &seen), 0);
	ck_assert_int_eq(store_uniq_scan(t, "newform", collect_idx, &seen), 0);
	ck_assert_uint_eq(seen.n, 0);
	ck_assert_int_eq(store_audit_scan(t, 0, collect_audit, s), 0);
	ck_assert_int_eq(s->n, 0);
	ck_assert_int_eq(store_seq_get(t, "newform", &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(store_forms(t, &names, &n), 0);
	ck_assert_uint_eq(n, 0);
	free(names);
	store_txn_end(t);

	/* The aborted transaction's table handles are gone: the same
	 * tables are created afresh and work. */
	fail = 0;
	ck_assert_int_eq(store_write(st, all_then_fail_fn, &fail), 0);
	ck_assert_uint_eq(rec_count(st, "newform"), 20);
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_seq_get(t, "newform", &v), 0);
	ck_assert_uint_eq(v, 20);
	ck_assert_int_eq(store_forms(t, &names, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(names[0], "newform");
	free(names[0]);
	free(names);
	store_txn_end(t);
	free(s);
	store_close(st);
}
END_TEST

static int
nested_write_fn(struct store_txn *t, void *arg)
{
	return store_write((struct store *)arg, put_zero_fn, NULL);
}

START_TEST(test_forms_and_nesting)
{
	struct store *st = db_open(P("db"), 0, false);
	struct store_txn *t, *t2;
	char **names;
	size_t n, i;

	put_recs(st, "mediation", 1, 2, 10);
	put_recs(st, "household", 1, 2, 10);
	put_recs(st, "consultation", 1, 1, 10);
	ck_assert_int_eq(store_write(st, idx_fill_fn, NULL), 0);
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_forms(t, &names, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(names[0], "consultation");
	ck_assert_str_eq(names[1], "household");
	ck_assert_str_eq(names[2], "mediation");
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);

	/* Two snapshots at once, and a write while one is open. */
	ck_assert_int_eq(store_read(st, &t2), 0);
	store_txn_end(t2);
	put_recs(st, "household", 3, 1, 10);
	ck_assert_uint_eq(rec_count(st, "household"), 3);
	store_txn_end(t);

	/* A write inside a write is refused, not a deadlock. */
	ck_assert_int_eq(store_write(st, nested_write_fn, st), GB_EINVAL);
	store_close(st);
}
END_TEST

/* ---------------------------------------------------------- map growth */

static void
check_recs(struct store *st, const char *form, uint64_t first, uint64_t n,
    size_t size)
{
	struct store_txn *t;
	struct store_val v;
	uint64_t id;

	ck_assert_int_eq(store_read(st, &t), 0);
	for (id = first; id < first + n; id++) {
		ck_assert_msg(store_rec_get(t, form, id, &v) == 0,
		    "%s %" PRIu64 ": %s", form, id, store_errmsg());
		ck_assert_msg(filled(&v, size, id), "%s %" PRIu64 " differs",
		    form, id);
	}
	store_txn_end(t);
}

START_TEST(test_map_growth)
{
	const size_t tiny = 32 * 4096;
	struct store *st = db_open(P("db"), tiny, false);
	struct put_ctx c = { "household", 1, 1000, 4096, 0, 0 };
	char form[16];
	size_t before = store_mapsize(st);
	int i;

	ck_assert_uint_lt(before, (size_t)1 << 20);
	/* 4 MB in one transaction. */
	ck_assert_int_eq(store_write(st, put_fn, &c), 0);
	ck_assert_int_gt(c.calls, 1);
	ck_assert_uint_gt(store_mapsize(st), (size_t)4 << 20);
	check_recs(st, "household", 1, 1000, 4096);

	/* Transactions that create a table and then hit the map limit. */
	for (i = 0; i < 12; i++) {
		snprintf(form, sizeof form, "g%d", i);
		put_recs(st, form, 1, 150, 8000);
	}
	for (i = 0; i < 12; i++) {
		snprintf(form, sizeof form, "g%d", i);
		check_recs(st, form, 1, 150, 8000);
	}
	store_close(st);

	/* Reopened with a tiny map: the recorded size wins. */
	st = db_open(P("db"), tiny, false);
	ck_assert_uint_gt(store_mapsize(st), (size_t)4 << 20);
	check_recs(st, "g11", 1, 150, 8000);
	put_recs(st, "household", 1001, 10, 4096);
	store_close(st);
}
END_TEST

/* In a child process with its own environment: write n 4 KB records from
 * id first, growing the file far past the parent's map. */
static void
grow_in_child(size_t mapsize, uint64_t first, uint64_t n)
{
	pid_t pid = fork();
	int status;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct store_opts o = { mapsize, false, false };
		struct store *cs;
		struct put_ctx c = { "household", first, 200, 4096, 0, 0 };

		if (store_open(P("db"), &o, &cs) != 0)
			_exit(2);
		for (; c.first < first + n; c.first += 200)
			if (store_write(cs, put_fn, &c) != 0)
				_exit(3);
		store_close(cs);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %d", status);
}

START_TEST(test_map_resized_by_other)
{
	const size_t tiny = 32 * 4096;
	struct store *st = db_open(P("db"), tiny, false);
	struct store_txn *t;
	size_t n;

	put_recs(st, "household", 1, 10, 100);

	/* The next transaction here is a read. */
	grow_in_child(tiny, 11, 2000);
	ck_assert_uint_lt(store_mapsize(st), (size_t)1 << 20);
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_rec_count(t, "household", &n), 0);
	ck_assert_uint_eq(n, 2010);
	store_txn_end(t);
	ck_assert_uint_gt(store_mapsize(st), (size_t)8 << 20);
	check_recs(st, "household", 11, 2000, 4096);

	/* The next one is a write. */
	grow_in_child(tiny, 2011, 4000);
	put_recs(st, "household", 6011, 5, 100);
	ck_assert_uint_gt(store_mapsize(st), (size_t)24 << 20);
	check_recs(st, "household", 2011, 4000, 4096);
	check_recs(st, "household", 6011, 5, 100);
	check_recs(st, "household", 1, 10, 100);
	store_close(st);
}
END_TEST

START_TEST(test_map_full_with_reader_open)
{
	struct store *st = db_open(P("db"), 32 * 4096, false);
	struct put_ctx c = { "household", 1, 300, 4096, 0, 0 };
	struct store_txn *t;

	ck_assert_int_eq(store_read(st, &t), 0);
	/* The map cannot be re-made under a live snapshot. */
	ck_assert_int_eq(store_write(st, put_fn, &c), GB_EBUSY);
	assert_msg_has("cannot grow");
	assert_msg_has("nothing was saved");
	store_txn_end(t);
	ck_assert_uint_eq(rec_count(st, "household"), 0);
	ck_assert_int_eq(store_write(st, put_fn, &c), 0);
	check_recs(st, "household", 1, 300, 4096);
	store_close(st);
}
END_TEST

struct sloppy_ctx {
	int	 calls;
	int	 failures;
};

/* Ignores every error: store_write must still notice the full map. */
static int
sloppy_fn(struct store_txn *t, void *arg)
{
	struct sloppy_ctx *c = arg;
	unsigned char b[4096];
	uint64_t id;

	c->calls++;
	for (id = 1; id <= 300; id++) {
		fill(b, sizeof b, id);
		if (store_rec_put(t, "household", id, b, sizeof b) != 0)
			c->failures++;
	}
	return 0;
}

START_TEST(test_map_full_swallowed)
{
	struct store *st = db_open(P("db"), 32 * 4096, false);
	struct sloppy_ctx c = { 0, 0 };

	ck_assert_int_eq(store_write(st, sloppy_fn, &c), 0);
	ck_assert_int_gt(c.calls, 1);
	ck_assert_int_gt(c.failures, 0);
	check_recs(st, "household", 1, 300, 4096);
	store_close(st);
}
END_TEST

/* --------------------------------------------------------- concurrency */

struct inc_ctx {
	int	 child;
};

static int
inc_fn(struct store_txn *t, void *arg)
{
	struct inc_ctx *c = arg;
	char b[64];
	uint64_t v;
	int rc;

	if ((rc = store_seq_next(t, "counter", &v)) != 0)
		return rc;
	snprintf(b, sizeof b, "child %d value %" PRIu64, c->child, v);
	if ((rc = store_rec_put(t, "c", v, b, strlen(b))) != 0)
		return rc;
	return store_audit_add(t, b, strlen(b));
}

struct conc_seen {
	uint64_t	 next;		/* the id expected next */
	int		 per_child[4];
	int		 bad;
};

static int
conc_rec(void *arg, uint64_t id, struct store_val v)
{
	struct conc_seen *s = arg;
	char b[64];
	int child;
	uint64_t val;

	if (id != s->next++ || v.size >= sizeof b)
		return s->bad++, 0;
	memcpy(b, v.data, v.size);
	b[v.size] = '\0';
	if (sscanf(b, "child %d value %" SCNu64, &child, &val) != 2 ||
	    val != id || child < 0 || child > 3)
		return s->bad++, 0;
	s->per_child[child]++;
	return 0;
}

static int
conc_audit(void *arg, uint64_t time_us, struct store_val v)
{
	struct conc_seen *s = arg;

	if (time_us < s->next)
		s->bad++;
	s->next = time_us;
	s->per_child[0]++;
	return 0;
}

START_TEST(test_concurrent_writers)
{
	struct store *st = db_open(P("db"), 0, false);
	struct store_txn *t;
	struct conc_seen s;
	pid_t pids[4];
	uint64_t v;
	size_t n;
	int i, k, status;

	store_close(st);
	for (i = 0; i < 4; i++) {
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			struct store_opts o = { 32 * 4096, false, false };
			struct inc_ctx c = { i };
			struct store *cs;

			if (store_open(P("db"), &o, &cs) != 0)
				_exit(2);
			for (k = 0; k < 200; k++)
				if (store_write(cs, inc_fn, &c) != 0)
					_exit(3);
			store_close(cs);
			_exit(0);
		}
	}
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "child %d status %d", i, status);
	}
	st = db_open(P("db"), 0, true);
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_seq_get(t, "counter", &v), 0);
	ck_assert_uint_eq(v, 800);
	ck_assert_int_eq(store_rec_count(t, "c", &n), 0);
	ck_assert_uint_eq(n, 800);
	memset(&s, 0, sizeof s);
	s.next = 1;
	ck_assert_int_eq(store_rec_scan(t, "c", false, 0, conc_rec, &s), 0);
	ck_assert_int_eq(s.bad, 0);
	ck_assert_uint_eq(s.next, 801);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(s.per_child[i], 200);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_audit_scan(t, 0, conc_audit, &s), 0);
	ck_assert_int_eq(s.bad, 0);
	ck_assert_int_eq(s.per_child[0], 800);
	store_txn_end(t);
	store_close(st);
}
END_TEST

/* -------------------------------------------------------------- backup */

static int
append_fn(struct store_txn *t, void *arg)
{
	unsigned char b[1024];
	uint64_t id;
	int rc;

	if ((rc = store_rec_last(t, "household", &id)) != 0)
		return rc;
	id++;
	fill(b, sizeof b, id);
	return store_rec_put(t, "household", id, b, sizeof b);
}

START_TEST(test_backup_while_writing)
{
	struct store *st = db_open(P("db"), 0, false), *bk;
	struct store_txn *t, *tb;
	struct store_val v, vb;
	uint64_t id, last;
	size_t n;
	pid_t pid;
	int status, k;

	put_recs(st, "household", 1, 300, 1024);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct store_opts o = { 0, false, false };
		struct store *cs;

		if (store_open(P("db"), &o, &cs) != 0)
			_exit(2);
		for (k = 0; k < 300; k++)
			if (store_write(cs, append_fn, NULL) != 0)
				_exit(3);
		store_close(cs);
		_exit(0);
	}
	usleep(20000);
	ck_assert_msg(store_backup(st, P("backup")) == 0, "backup: %s",
	    store_errmsg());
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %d", status);

	bk = db_open(P("backup"), 0, true);
	ck_assert_int_eq(store_read(bk, &tb), 0);
	ck_assert_int_eq(store_read(st, &t), 0);
	ck_assert_int_eq(store_rec_count(tb, "household", &n), 0);
	ck_assert_int_eq(store_rec_last(tb, "household", &last), 0);
	ck_assert_uint_ge(n, 300);
	ck_assert_uint_le(n, 600);
	ck_assert_uint_eq(last, n);
	for (id = 1; id <= last; id++) {
		ck_assert_int_eq(store_rec_get(tb, "household", id, &vb), 0);
		ck_assert_int_eq(store_rec_get(t, "household", id, &v), 0);
		ck_assert_uint_eq(vb.size, v.size);
		ck_assert_mem_eq(vb.data, v.data, v.size);
		ck_assert(filled(&vb, 1024, id));
	}
	store_txn_end(t);
	store_txn_end(tb);
	store_close(bk);

	ck_assert_int_eq(store_backup(st, P("backup")), GB_EEXIST);
	assert_msg_has("backup");
	ck_assert_int_ne(store_backup(st, P("no/such/dir")), 0);
	assert_msg_has("no/such/dir");
	store_close(st);
}
END_TEST

/* ------------------------------------------------------------- SIGKILL */

struct kill_ctx {
	uint64_t	 id;
};

static int
append_id_fn(struct store_txn *t, void *arg)
{
	struct kill_ctx *k = arg;
	unsigned char b[2000];
	int rc;

	if ((rc = store_rec_last(t, "household", &k->id)) != 0)
		return rc;
	k->id++;
	fill(b, sizeof b, k->id);
	if ((rc = store_rec_put(t, "household", k->id, b, sizeof b)) != 0 ||
	    (rc = store_idx_add(t, "household", K("f\0v"), k->id)) != 0)
		return rc;
	return store_audit_add(t, b, 16);
}

struct count_ctx {
	uint64_t	 next;
	int		 bad;
};

static int
count_idx(void *arg, struct store_val key, uint64_t id)
{
	struct count_ctx *c = arg;

	if (id != c->next++)
		c->bad++;
	return 0;
}

static int
count_audit(void *arg, uint64_t time_us, struct store_val v)
{
	((struct count_ctx *)arg)->next++;
	return 0;
}

START_TEST(test_sigkill_keeps_committed)
{
	struct store *st;
	struct store_txn *t;
	struct count_ctx c;
	uint64_t id, reported = 0, last;
	size_t n;
	int round, fd[2], status;
	pid_t pid;

	srand(1234);
	st = db_open(P("db"), 32 * 4096, false);
	store_close(st);
	for (round = 0; round < 6; round++) {
		ck_assert_int_eq(pipe(fd), 0);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			struct store_opts o = { 32 * 4096, false, false };
			struct kill_ctx k;
			struct store *cs;

			close(fd[0]);
			if (store_open(P("db"), &o, &cs) != 0)
				_exit(2);
			for (;;) {
				if (store_write(cs, append_id_fn, &k) != 0)
					_exit(3);
				/* "The command reported success." */
				if (write(fd[1], &k.id, 8) != 8)
					_exit(4);
			}
		}
		close(fd[1]);
		/* Let it commit a few, then kill it at some point. */
		for (n = 0; n < (size_t)(3 + rand() % 40); n++)
			if (read(fd[0], &id, 8) == 8)
				reported = id;
		usleep(rand() % 3000);
		kill(pid, SIGKILL);
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert(WIFSIGNALED(status));
		while (read(fd[0], &id, 8) == 8)
			reported = id;
		close(fd[0]);

		/* Everything reported is there, whole, with its index entry;
		 * at most the one being written when killed is beyond. */
		st = db_open(P("db"), 0, false);
		ck_assert_int_eq(store_read(st, &t), 0);
		ck_assert_int_eq(store_rec_last(t, "household", &last), 0);
		ck_assert_uint_ge(last, reported);
		ck_assert_uint_le(last, reported + 1);
		ck_assert_int_eq(store_rec_count(t, "household", &n), 0);
		ck_assert_uint_eq(n, last);
		store_txn_end(t);
		check_recs(st, "household", 1, last, 2000);
		ck_assert_int_eq(store_read(st, &t), 0);
		c.next = 1;
		c.bad = 0;
		ck_assert_int_eq(store_idx_scan(t, "household", K("f\0v"), true,
		    count_idx, &c), 0);
		ck_assert_int_eq(c.bad, 0);
		ck_assert_uint_eq(c.next, last + 1);
		c.next = 0;
		ck_assert_int_eq(store_audit_scan(t, 0, count_audit, &c), 0);
		ck_assert_uint_eq(c.next, last);
		store_txn_end(t);
		store_close(st);
	}
	/* The writer lock a killed process held is free again. */
	st = db_open(P("db"), 0, false);
	put_recs(st, "other", 1, 1, 10);
	store_close(st);
}
END_TEST

/* ----------------------------------------------------------- disk full */

START_TEST(test_disk_full_keeps_committed)
{
	struct store *st = db_open(P("db"), 0, false);
	struct put_ctx c = { "household", 100, 1000, 4096, 0, 0 };
	struct rlimit old, rl;
	struct stat sb;
	int rc;

	signal(SIGXFSZ, SIG_IGN);
	put_recs(st, "household", 1, 50, 1000);
	ck_assert_int_eq(stat(P("db/data.mdb"), &sb), 0);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	rl = old;
	rl.rlim_cur = (rlim_t)sb.st_size + 16 * 4096;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	rc = store_write(st, put_fn, &c);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	ck_assert_msg(rc == GB_EFULL, "rc %d: %s", rc, store_errmsg());
	assert_msg_has("disk full");
	assert_msg_has(P("db"));
	assert_msg_has("nothing was saved");

	ck_assert_uint_eq(rec_count(st, "household"), 50);
	check_recs(st, "household", 1, 50, 1000);
	put_recs(st, "household", 51, 1, 1000);
	store_close(st);
	st = db_open(P("db"), 0, false);
	ck_assert_uint_eq(rec_count(st, "household"), 51);
	check_recs(st, "household", 1, 51, 1000);
	store_close(st);
}
END_TEST

static Suite *
store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc;

	tc = tcase_create("open");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_open_create_reopen);
	tcase_add_test(tc, test_open_twice_in_process);
	tcase_add_test(tc, test_open_not_a_directory);
	tcase_add_test(tc, test_open_garbage);
	tcase_add_test(tc, test_open_newer_format);
	tcase_add_test(tc, test_open_foreign_lmdb);
	tcase_add_test(tc, test_open_readonly);
	suite_add_tcase(s, tc);

	tc = tcase_create("tables");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_rec_scan);
	tcase_add_test(tc, test_rec_scan_while_deleting);
	tcase_add_test(tc, test_rec_get_del_count);
	tcase_add_test(tc, test_rec_id_zero);
	tcase_add_test(tc, test_idx);
	tcase_add_test(tc, test_idx_scan_while_deleting);
	tcase_add_test(tc, test_uniq);
	tcase_add_test(tc, test_audit_order);
	tcase_add_test(tc, test_seq_meta);
	tcase_add_test(tc, test_drafts);
	tcase_add_test(tc, test_write_abort_leaves_nothing);
	tcase_add_test(tc, test_forms_and_nesting);
	suite_add_tcase(s, tc);

	tc = tcase_create("growth and processes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 180);
	tcase_add_test(tc, test_map_growth);
	tcase_add_test(tc, test_map_resized_by_other);
	tcase_add_test(tc, test_map_full_with_reader_open);
	tcase_add_test(tc, test_map_full_swallowed);
	tcase_add_test(tc, test_concurrent_writers);
	tcase_add_test(tc, test_backup_while_writing);
	tcase_add_test(tc, test_disk_full_keeps_committed);
	tcase_add_test(tc, test_sigkill_keeps_committed);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(store_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
