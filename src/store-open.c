/*
 * store-open.c — opening a database directory: creating it on first use,
 * refusing what is not a gridbook database (a data.mdb that is not LMDB, an
 * LMDB environment of another program, a newer format), writing the magic
 * and format into a new one, sizing the map, and opening every existing
 * table's handle while no other transaction is live.  See store.c for the
 * tables and the transaction design.
 *
 * LMDB must not have one environment open twice in a process: its locks
 * are POSIX record locks, which the process loses when either copy closes,
 * and another process could then reset the lock file under it.  So a
 * second store_open of the same directory (same device and inode) in the
 * same process returns the store already open, counted, and store_close
 * closes the environment with the last reference.  A child after fork()
 * opens its own.  (gridbook uses no threads; this list is not locked.)
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-int.h"

#define STORE_MAP_DEFAULT	((size_t)64 << 20)
#define STORE_MAGIC		"gridbook"

static struct store *store_open_list;

static int
store_mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0770) == -1 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0770) == -1 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* 0: a gridbook database of a format we read; GB_ENOTFOUND: an empty
 * environment (to initialise); otherwise GB_EFORMAT or an error. */
static int
store_format_check(struct store_txn *t)
{
	struct store *st = t->st;
	MDB_dbi meta, main;
	MDB_stat ms;
	MDB_val k, v;
	uint64_t fmt = 0;
	size_t i;
	int rc;

	rc = store_table(t, "meta", NULL, 0, &meta);
	if (rc == GB_ENOTFOUND) {
		if ((rc = mdb_dbi_open(t->txn, NULL, 0, &main)) != 0 ||
		    (rc = mdb_stat(t->txn, main, &ms)) != 0)
			return store_fail(t, rc, "reading the table list");
		if (ms.ms_entries == 0)
			return GB_ENOTFOUND;
		return store_err(st, GB_EFORMAT, "not a gridbook database: "
		    "the LMDB environment holds other data and no gridbook "
		    "metadata");
	}
	if (rc != 0)
		return rc;
	k = store_mdbval("magic", 5);
	rc = mdb_get(t->txn, meta, &k, &v);
	if (rc == MDB_NOTFOUND || (rc == 0 && (v.mv_size != strlen(STORE_MAGIC)
	    || memcmp(v.mv_data, STORE_MAGIC, v.mv_size) != 0)))
		return store_err(st, GB_EFORMAT, "not a gridbook database "
		    "(its metadata has no gridbook mark)");
	if (rc != 0)
		return store_fail(t, rc, "reading the database format");
	k = store_mdbval("format", 6);
	rc = mdb_get(t->txn, meta, &k, &v);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return store_fail(t, rc, "reading the database format");
	if (rc == MDB_NOTFOUND || v.mv_size == 0 || v.mv_size > 18)
		goto bad;
	for (i = 0; i < v.mv_size; i++) {
		unsigned char c = ((const unsigned char *)v.mv_data)[i];

		if (c < '0' || c > '9')
			goto bad;
		fmt = fmt * 10 + (c - '0');
	}
	if (fmt > STORE_FORMAT)
		return store_err(st, GB_EFORMAT, "the database has format %"
		    PRIu64 ", newer than this gridbook reads (%d); use a newer "
		    "gridbook", fmt, STORE_FORMAT);
	return 0;
bad:
	return store_err(st, GB_EFORMAT, "unreadable database format in its "
	    "metadata");
}

static int
store_init_fn(struct store_txn *t, void *ctx)
{
	char fmt[24];
	MDB_dbi dbi;
	int rc;

	rc = store_format_check(t);
	if (rc != GB_ENOTFOUND)
		return rc;		/* another process was first */
	snprintf(fmt, sizeof fmt, "%d", STORE_FORMAT);
	if ((rc = store_meta_put(t, "magic", STORE_MAGIC,
	    strlen(STORE_MAGIC))) != 0 ||
	    (rc = store_meta_put(t, "format", fmt, strlen(fmt))) != 0 ||
	    (rc = store_table(t, "audit", NULL, MDB_CREATE, &dbi)) != 0 ||
	    (rc = store_table(t, "draft", NULL, MDB_CREATE, &dbi)) != 0)
		return rc;
	return 0;
}

static bool
store_is_ours(const char *name)
{
	return strncmp(name, "rec:", 4) == 0 ||
	    strncmp(name, "idx:", 4) == 0 ||
	    strncmp(name, "uniq:", 5) == 0 || strcmp(name, "audit") == 0 ||
	    strcmp(name, "draft") == 0 || strcmp(name, "meta") == 0;
}

/* Open every existing table now, while no other transaction is live, so
 * later nested transactions find their handles. */
static int
store_preopen(struct store_txn *t)
{
	char name[STORE_NAME_MAX + 16];
	MDB_cursor *c;
	MDB_dbi main, dbi;
	MDB_val k, v;
	int rc, r;

	if ((rc = mdb_dbi_open(t->txn, NULL, 0, &main)) != 0)
		return store_fail(t, rc, "reading the table list");
	if ((rc = store_cursor(t, main, "the table list", &c)) != 0)
		return rc;
	for (r = mdb_cursor_get(c, &k, &v, MDB_FIRST); r == 0;
	    r = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (k.mv_size >= sizeof name ||
		    memchr(k.mv_data, '\0', k.mv_size) != NULL)
			continue;
		memcpy(name, k.mv_data, k.mv_size);
		name[k.mv_size] = '\0';
		if (!store_is_ours(name))
			continue;
		if ((rc = store_table_name(t, name, 0, &dbi)) != 0)
			break;
	}
	mdb_cursor_close(c);
	if (rc == 0 && r != MDB_NOTFOUND)
		rc = store_fail(t, r, "reading the table list");
	return rc;
}

static int
store_check(struct store *st)
{
	struct store_txn *t;
	int pass, rc;

	for (pass = 0; pass < 2; pass++) {
		if ((rc = store_read(st, &t)) != 0)
			return rc;
		rc = store_format_check(t);
		if (rc == 0)
			rc = store_preopen(t);
		store_txn_end(t);
		if (rc != GB_ENOTFOUND)
			return rc;
		if (st->readonly)
			return store_err(st, GB_EFORMAT, "not a gridbook "
			    "database yet (an empty LMDB environment), and it "
			    "is open read-only");
		if ((rc = store_write(st, store_init_fn, NULL)) != 0)
			return rc;
	}
	return store_err(st, GB_EFORMAT, "not a gridbook database");
}

static int
store_open_fail(const char *dir, int rc, bool readonly)
{
	if (rc == MDB_INVALID)
		return store_errdir(dir, GB_EFORMAT, "not a gridbook database "
		    "(data.mdb is not an LMDB file)");
	if (rc == MDB_VERSION_MISMATCH)
		return store_errdir(dir, GB_EFORMAT, "not a gridbook database "
		    "(made by an incompatible LMDB version)");
	if (store_rc_readonly(rc) && readonly)
		return store_errdir(dir, GB_EIO, "cannot open the database: %s "
		    "(even reading needs a writable lock.mdb here; check the "
		    "directory's group and permissions)", mdb_strerror(rc));
	if (store_rc_readonly(rc))
		return store_errdir(dir, GB_EIO, "cannot open the database: %s "
		    "(this user may not write the directory or its files, and "
		    "every gridbook command needs that, reading included; "
		    "check the directory's group and permissions, see "
		    "gridbook(8))", mdb_strerror(rc));
	if (rc == ENOENT)
		return store_errdir(dir, GB_ENOTFOUND, "no database here "
		    "(no data.mdb)");
	if (store_rc_nospace(rc))
		return store_errdir(dir, GB_EFULL, "disk full opening the "
		    "database: %s", mdb_strerror(rc));
	return store_errdir(dir, store_code(rc), "cannot open the database: "
	    "%s", mdb_strerror(rc));
}

static size_t
store_round_mapsize(size_t want)
{
	long pg = sysconf(_SC_PAGESIZE);
	size_t p = pg > 0 ? (size_t)pg : 4096;

	if (want == 0)
		want = STORE_MAP_DEFAULT;
	if (want > STORE_MAP_MAX)
		want = STORE_MAP_MAX;
	if (want < 16 * p)
		want = 16 * p;
	return (want + p - 1) / p * p;
}

static int
store_dir_ok(const char *dir, const struct store_opts *o)
{
	struct stat sb;
	char *path;
	int e;

	if (stat(dir, &sb) == -1) {
		e = errno;
		if (e == ENOTDIR)
			return store_errdir(dir, GB_EINVAL, "a part of this "
			    "path is a file, not a directory");
		if (e != ENOENT)
			return store_errdir(dir, GB_EIO, "cannot look at the "
			    "database directory: %s", strerror(e));
		if (o->readonly || !o->create)
			return store_errdir(dir, GB_ENOTFOUND, "no database "
			    "here (the directory does not exist)");
		if (store_mkdirs(dir) == -1) {
			e = errno;
			if (e == ENOTDIR)
				return store_errdir(dir, GB_EINVAL, "a part of "
				    "this path is a file, not a directory");
			return store_errdir(dir, store_rc_nospace(e) ?
			    GB_EFULL : GB_EIO, "cannot create the database "
			    "directory: %s", strerror(e));
		}
		return 0;
	}
	if (!S_ISDIR(sb.st_mode))
		return store_errdir(dir, GB_EINVAL, "not a directory: give the "
		    "database directory (the one that holds data.mdb), not a "
		    "file");
	if (o->readonly) {
		path = xasprintf("%s/data.mdb", dir);
		e = access(path, F_OK) == -1 ? errno : 0;
		free(path);
		if (e == ENOENT)
			return store_errdir(dir, GB_ENOTFOUND, "no database "
			    "here (no data.mdb)");
	}
	return 0;
}

int
store_open(const char *dir, const struct store_opts *opts,
    struct store **out)
{
	static const struct store_opts defaults;
	struct store *st;
	struct stat sb;
	MDB_envinfo info;
	size_t want;
	int rc, dead;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if (dir == NULL || *dir == '\0')
		return store_errdir(NULL, GB_EINVAL, "no database directory "
		    "given");
	if ((rc = store_dir_ok(dir, opts)) != 0)
		return rc;
	if (stat(dir, &sb) == -1)
		return store_errdir(dir, GB_EIO, "cannot look at the database "
		    "directory: %s", strerror(errno));
	for (st = store_open_list; st != NULL; st = st->next) {
		if (st->dev != sb.st_dev || st->ino != sb.st_ino ||
		    st->pid != getpid())
			continue;
		if (st->readonly != opts->readonly)
			return store_errdir(dir, GB_EBUSY, "already open %s in "
			    "this process", st->readonly ? "read-only" :
			    "for writing");
		st->refs++;
		*out = st;
		return 0;
	}

	st = xcalloc(1, sizeof *st);
	st->dir = xstrdup(dir);
	st->dev = sb.st_dev;
	st->ino = sb.st_ino;
	st->pid = getpid();
	st->refs = 1;
	st->readonly = opts->readonly;
	want = store_round_mapsize(opts->mapsize);
	if ((rc = mdb_env_create(&st->env)) != 0) {
		rc = store_open_fail(dir, rc, opts->readonly);
		goto fail_free;
	}
	if ((rc = mdb_env_set_maxdbs(st->env, STORE_MAXDBS)) != 0 ||
	    (rc = mdb_env_set_maxreaders(st->env, STORE_MAXREADERS)) != 0 ||
	    (rc = mdb_env_set_mapsize(st->env, want)) != 0 ||
	    (rc = mdb_env_open(st->env, dir, MDB_NOTLS |
	    (opts->readonly ? MDB_RDONLY : 0), 0660)) != 0) {
		rc = store_open_fail(dir, rc, opts->readonly);
		goto fail_env;
	}
	dead = 0;
	mdb_reader_check(st->env, &dead);

	/* The larger of the recorded size and the one asked for. */
	if ((rc = mdb_env_set_mapsize(st->env, 0)) != 0 ||
	    (rc = mdb_env_info(st->env, &info)) != 0 ||
	    (info.me_mapsize < want &&
	    (rc = mdb_env_set_mapsize(st->env, want)) != 0)) {
		rc = store_errdir(dir, GB_EIO, "cannot map the database: %s",
		    mdb_strerror(rc));
		goto fail_env;
	}
	st->next = store_open_list;
	store_open_list = st;
	if ((rc = store_check(st)) != 0) {
		store_close(st);
		return rc;
	}
	*out = st;
	return 0;

fail_env:
	mdb_env_close(st->env);
fail_free:
	free(st->dir);
	free(st);
	return rc;
}

void
store_close(struct store *st)
{
	size_t i;

	struct store **pp;

	if (st == NULL || --st->refs > 0)
		return;
	if (st->ntxn != 0)
		fatal("store_close with %d transactions open", st->ntxn);
	for (pp = &store_open_list; *pp != NULL; pp = &(*pp)->next)
		if (*pp == st) {
			*pp = st->next;
			break;
		}
	mdb_env_close(st->env);
	for (i = 0; i < st->ndbis; i++)
		free(st->dbis[i].name);
	free(st->dbis);
	free(st->dir);
	free(st);
}
