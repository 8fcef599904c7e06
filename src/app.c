/*
 * app.c — the session: where the database, forms and config are, who the
 * user is and what they may see.  Everything else in app-*.c takes the
 * session this opens.
 *
 * Where things are (first found wins):
 *   database  opts->db, $GRIDBOOK_DB, $XDG_DATA_HOME/gridbook,
 *             $HOME/.local/share/gridbook; created on first use (mkdir -p)
 *             with mode 0700, or 02770 when the program runs setgid (so
 *             the `gridbook` group shares it and new files keep the group).
 *   forms     opts->forms, $GRIDBOOK_FORMS, GRIDBOOK_FORMS_DIR (set at
 *             build time; default /usr/local/share/gridbook/forms).
 *   config    opts->config, $GRIDBOOK_CONFIG, /etc/gridbook/gridbook.yaml.
 *             When the program runs setgid, forms and config are always
 *             the installed ones: --forms/--config are refused and the
 *             environment is ignored (they decide roles and visibility),
 *             and the umask is 007 so the group can write what it makes.
 *   map size  $GRIDBOOK_MAPSIZE (bytes, or with a K, M or G suffix) sets
 *             the initial LMDB map; it grows on demand anyway.
 *
 * The user is the real login (getpwuid(getuid())).  --user NAME is taken as
 * is when the program is not installed setuid/setgid (the person could edit
 * the files directly anyway), and otherwise only when the real login is an
 * admin in the config.  A user not in the config is refused.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app-int.h"

#ifndef GRIDBOOK_FORMS_DIR
#define GRIDBOOK_FORMS_DIR "/usr/local/share/gridbook/forms"
#endif
#define APP_CONFIG_DEFAULT "/etc/gridbook/gridbook.yaml"

static bool
app_setid(void)
{
	return getegid() != getgid() || geteuid() != getuid();
}

static const char *
app_env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

static char *
app_dbdir(const struct app_opts *o, char **msg)
{
	const char *v;

	if (o->db != NULL && *o->db != '\0')
		return xstrdup(o->db);
	if ((v = app_env("GRIDBOOK_DB")) != NULL)
		return xstrdup(v);
	if ((v = app_env("XDG_DATA_HOME")) != NULL)
		return xasprintf("%s/gridbook", v);
	if ((v = app_env("HOME")) != NULL)
		return xasprintf("%s/.local/share/gridbook", v);
	*msg = xstrdup("no database directory: give --db DIR, or set "
	    "GRIDBOOK_DB or HOME");
	return NULL;
}

/* mkdir -p dir. */
static int
app_mkdirs(const char *dir, char **msg)
{
	mode_t mode = app_setid() ? 02770 : 0700;
	char *p = xstrdup(dir), *s;
	struct stat sb;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (stat(p, &sb) != 0) {
			if (mkdir(p, mode) != 0 && errno != EEXIST) {
				*msg = xasprintf("cannot create the database "
				    "directory %s: %s", p, strerror(errno));
				rc = GB_EIO;
				break;
			}
			if (mode & 02000)
				(void)chmod(p, mode);	/* umask dropped it */
		} else if (!S_ISDIR(sb.st_mode)) {
			*msg = xasprintf("%s is not a directory", p);
			rc = GB_EIO;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/* "64M", "1048576", "2G" -> bytes; 0 when invalid. */
static size_t
app_mapsize(const char *v)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno != 0 || end == v)
		return 0;
	switch (*end) {
	case 'k': case 'K': n <<= 10; end++; break;
	case 'm': case 'M': n <<= 20; end++; break;
	case 'g': case 'G': n <<= 30; end++; break;
	}
	if (*end == 'i' || *end == 'B')
		end += *end == 'i' && end[1] == 'B' ? 2 : 1;
	if (*end != '\0' || n > SIZE_MAX)
		return 0;
	return (size_t)n;
}

static char *
app_lang(const struct config *cfg)
{
	const char *v;

	if (cfg->lang != NULL)
		return xstrdup(cfg->lang);
	if ((v = app_env("LC_ALL")) == NULL &&
	    (v = app_env("LC_MESSAGES")) == NULL)
		v = app_env("LANG");
	return xstrdup(v != NULL && strncmp(v, "zh", 2) == 0 ? "zh" : "en");
}

static char *
app_real_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	const char *v;

	if (pw != NULL && pw->pw_name != NULL)
		return xstrdup(pw->pw_name);
	if ((v = app_env("USER")) != NULL || (v = app_env("LOGNAME")) != NULL)
		return xstrdup(v);
	return xasprintf("uid%lu", (unsigned long)getuid());
}

/* Who the user is; *msg on refusal. */
static int
app_user(struct session *s, const struct app_opts *o, char **msg)
{
	char *real = app_real_login();
	const struct user *ru;
	const char *name = o->user != NULL && *o->user != '\0' ? o->user : real;

	if (strcmp(name, real) != 0 && app_setid()) {
		ru = config_user(s->cfg, real);
		if (ru == NULL || ru->role != ROLE_ADMIN) {
			*msg = xasprintf("--user %s refused: only an admin in "
			    "%s may act as another user (you are '%s')", name,
			    s->cfg->file != NULL ? s->cfg->file : "the config",
			    real);
			free(real);
			return GB_EPERM;
		}
	}
	if ((s->user = config_user(s->cfg, name)) == NULL) {
		*msg = xasprintf("user '%s' is not in %s; ask an admin to add "
		    "them", name, s->cfg->file != NULL ? s->cfg->file :
		    "the config");
		free(real);
		return GB_EPERM;
	}
	s->login = xstrdup(name);
	free(real);
	return 0;
}

static void
app_diags_append(struct diags *to, const struct diags *from)
{
	size_t i;

	if (to == NULL)
		return;
	for (i = 0; i < from->n; i++)
		diags_add(to, from->v[i].file, from->v[i].line, from->v[i].col,
		    "%s", from->v[i].msg);
}

static int
app_load_specs(struct session *s, const struct app_opts *o, char **msg,
    struct diags *d)
{
	struct diags ld = DIAGS_INIT;
	const char *forms, *cpath;
	int rc;

	if (app_setid()) {
		/*
		 * Installed setgid: the config says who is admin and the forms
		 * say what leaders may see, so neither may come from the
		 * person running the program.
		 */
		if (o->forms != NULL || o->config != NULL) {
			*msg = xasprintf("gridbook is installed setgid: %s is "
			    "not allowed; the installed %s is used",
			    o->config != NULL ? "--config" : "--forms",
			    o->config != NULL ? APP_CONFIG_DEFAULT :
			    GRIDBOOK_FORMS_DIR);
			return GB_EPERM;
		}
		forms = GRIDBOOK_FORMS_DIR;
		cpath = APP_CONFIG_DEFAULT;
	} else {
		if ((forms = o->forms) == NULL &&
		    (forms = app_env("GRIDBOOK_FORMS")) == NULL)
			forms = GRIDBOOK_FORMS_DIR;
		if ((cpath = o->config) == NULL &&
		    (cpath = app_env("GRIDBOOK_CONFIG")) == NULL)
			cpath = APP_CONFIG_DEFAULT;
	}

	if (config_load(cpath, &s->cfg, &ld) != 0 || s->cfg == NULL) {
		app_diags_append(d, &ld);
		diags_free(&ld);
		*msg = xasprintf("cannot load the config %s%s", cpath,
		    access(cpath, R_OK) != 0 ? ": cannot read it (give "
		    "--config FILE or set GRIDBOOK_CONFIG)" : "");
		return GB_EINVAL;
	}
	rc = spec_load_dir(forms, &s->fs, &ld);
	if (s->fs == NULL || s->fs->n == 0) {
		app_diags_append(d, &ld);
		diags_free(&ld);
		*msg = xasprintf("no form loaded from %s%s", forms, rc == 0 ?
		    " (no forms/*.yaml there; give --forms DIR or set "
		    "GRIDBOOK_FORMS)" : "");
		return GB_EINVAL;
	}
	/* Forms with errors are left out; the rest work.  Front ends show
	 * these. */
	s->warnings = ld;
	return 0;
}

int
app_open(const struct app_opts *o, struct session **out, char **msg,
    struct diags *d)
{
	struct session *s = xcalloc(1, sizeof *s);
	struct store_opts so;
	const char *v;
	int rc;

	*out = NULL;
	*msg = NULL;
	/* Setgid: files created in the shared database directory must stay
	 * writable by the group whatever umask the login has. */
	if (app_setid())
		umask(007);
	if ((rc = app_load_specs(s, o, msg, d)) != 0)
		goto fail;
	if ((rc = app_user(s, o, msg)) != 0)
		goto fail;
	s->lang = app_lang(s->cfg);
	if ((s->dbdir = app_dbdir(o, msg)) == NULL) {
		rc = GB_EINVAL;
		goto fail;
	}
	memset(&so, 0, sizeof so);
	so.readonly = o->readonly;
	so.create = !o->readonly;
	if ((v = app_env("GRIDBOOK_MAPSIZE")) != NULL &&
	    (so.mapsize = app_mapsize(v)) == 0) {
		*msg = xasprintf("GRIDBOOK_MAPSIZE=%s is not a size (bytes, "
		    "or a number with K, M or G)", v);
		rc = GB_EINVAL;
		goto fail;
	}
	if (!o->readonly && (rc = app_mkdirs(s->dbdir, msg)) != 0)
		goto fail;
	if ((rc = store_open(s->dbdir, &so, &s->st)) != 0) {
		*msg = xstrdup(store_errmsg());
		s->st = NULL;
		goto fail;
	}
	*out = s;
	return 0;
fail:
	app_close(s);
	return rc;
}

void
app_close(struct session *s)
{
	if (s == NULL)
		return;
	if (s->st != NULL)
		store_close(s->st);
	if (s->fs != NULL)
		formset_free(s->fs);
	if (s->cfg != NULL)
		config_free(s->cfg);
	diags_free(&s->warnings);
	free(s->login);
	free(s->dbdir);
	free(s->lang);
	free(s->errmsg);
	free(s);
}

const char *
app_errmsg(const struct session *s)
{
	return s->errmsg != NULL ? s->errmsg : "";
}

void
app_seterr(struct session *s, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	free(s->errmsg);
	s->errmsg = m;
}

void
app_clearerr(struct session *s)
{
	free(s->errmsg);
	s->errmsg = NULL;
}

const struct form *
app_form(struct session *s, const char *name)
{
	const struct form *f = formset_find(s->fs, name);

	if (f == NULL)
		app_seterr(s, "no form '%s'", name);
	return f;
}

const char *
app_record_grid(const struct form *f, const struct record *r)
{
	if (f->scope != SCOPE_GRID || r == NULL)
		return NULL;
	return record_get(r, "grid");
}

bool
app_scoped(const struct session *s, const struct form *f)
{
	return s->user->role == ROLE_LEADER && f->scope == SCOPE_GRID;
}

bool
app_grid_ok(const struct session *s, const struct form *f, const char *grid)
{
	size_t i;

	if (!app_scoped(s, f))
		return true;
	if (grid == NULL)
		return false;
	for (i = 0; i < s->user->ngrids; i++)
		if (strcmp(s->user->grids[i], grid) == 0)
			return true;
	return false;
}

int
app_grid_check(struct session *s, const struct form *f, const char *grid)
{
	struct buf b = BUF_INIT;
	size_t i;
	int rc = 0;

	app_clearerr(s);
	if (f->scope != SCOPE_GRID || grid == NULL || *grid == '\0')
		return 0;
	if (s->cfg->ngrids > 0 && config_grid(s->cfg, grid) == NULL) {
		for (i = 0; i < s->cfg->ngrids; i++)
			buf_addf(&b, "%s%s", i > 0 ? ", " : "",
			    s->cfg->grids[i].code);
		app_seterr(s, "%s is not a grid of %s; grids: %s", grid,
		    s->cfg->file != NULL ? s->cfg->file : "the config",
		    buf_str(&b));
		rc = GB_EINVAL;
	} else if (!app_grid_ok(s, f, grid)) {
		for (i = 0; i < s->user->ngrids; i++)
			buf_addf(&b, "%s%s", i > 0 ? ", " : "",
			    s->user->grids[i]);
		app_seterr(s, "you (%s) may not save a %s in grid %s; your "
		    "grids: %s", s->login, f->name, grid,
		    b.len > 0 ? buf_str(&b) : "none");
		rc = GB_EPERM;
	}
	buf_free(&b);
	return rc;
}

bool
app_can_see(const struct session *s, const struct form *f,
    const struct record *r)
{
	return app_grid_ok(s, f, app_record_grid(f, r));
}

char *
app_recname(const struct form *f, const struct record *r)
{
	if (r == NULL || r->hid == NULL || r->id == 0)
		return xasprintf("new %s", f->name);
	return xasprintf("%s %s", f->name, r->hid);
}
