/*
 * spec-config.c — config/gridbook.yaml: the community's name, the language,
 * the grids, and the users (Unix logins) with their roles and, for leaders,
 * their grids.  Read with the same node tree and messages as the forms.
 */
#include <stdlib.h>
#include <string.h>

#include "spec-int.h"

#define CONFIG_MAX_GRIDS	1000
#define CONFIG_MAX_USERS	10000

static const char *const roles[] = { "admin", "clerk", "leader" };

const char *
role_name(enum role r)
{
	return (size_t)r < nitems(roles) ? roles[r] : "?";
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	free(cfg->community);
	free(cfg->lang);
	for (i = 0; i < cfg->ngrids; i++) {
		free(cfg->grids[i].code);
		free(cfg->grids[i].name);
	}
	free(cfg->grids);
	for (i = 0; i < cfg->nusers; i++) {
		free(cfg->users[i].login);
		free(cfg->users[i].name);
		strv_free(cfg->users[i].grids, cfg->users[i].ngrids);
	}
	free(cfg->users);
	free(cfg->file);
	free(cfg);
}

const struct user *
config_user(const struct config *cfg, const char *login)
{
	size_t i;

	if (cfg == NULL || login == NULL)
		return NULL;
	for (i = 0; i < cfg->nusers; i++)
		if (strcmp(cfg->users[i].login, login) == 0)
			return &cfg->users[i];
	return NULL;
}

const struct grid *
config_grid(const struct config *cfg, const char *code)
{
	size_t i;

	if (cfg == NULL || code == NULL)
		return NULL;
	for (i = 0; i < cfg->ngrids; i++)
		if (strcmp(cfg->grids[i].code, code) == 0)
			return &cfg->grids[i];
	return NULL;
}

static bool
grid_code_ok(const char *s)
{
	size_t i;

	if (s[0] == '\0' || strlen(s) > 32)
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-' ||
		    s[i] == '_'))
			return false;
	return true;
}

static bool
login_ok(const char *s)
{
	size_t i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_') || strlen(s) > 32)
		return false;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		    s[i] == '-' || s[i] == '.' || (s[i] >= 'A' && s[i] <= 'Z')))
			return false;
	return true;
}

static void
grids_read(struct yctx *y, struct config *cfg, const struct ynode *n)
{
	static const char *const keys[] = { "code", "name" };
	const struct ynode *g, *code, *name;
	const char **names;
	struct mark *marks;
	size_t i;

	if (ynode_expect(y, n, YN_SEQ, "'grids'") != 0)
		return;
	if (n->n > CONFIG_MAX_GRIDS) {
		yerr(y, n, "too many grids (%zu); at most %d", n->n,
		    CONFIG_MAX_GRIDS);
		return;
	}
	cfg->grids = xcalloc(n->n + 1, sizeof *cfg->grids);
	marks = xcalloc(n->n + 1, sizeof *marks);
	for (i = 0; i < n->n; i++) {
		g = n->v[i];
		if (ynode_expect(y, g, YN_MAP, "a grid") != 0)
			continue;
		ymap_check_keys(y, g, keys, nitems(keys), "a grid");
		code = ymap_get(g, "code");
		name = ymap_get(g, "name");
		if (code == NULL) {
			yerr(y, g, "a grid needs 'code' (as in \"001\")");
			continue;
		}
		if (ynode_expect(y, code, YN_SCALAR, "a grid's 'code'") != 0)
			continue;
		if (!grid_code_ok(code->s)) {
			yerr(y, code, "grid code '%s' must be letters, digits, "
			    "'-' or '_' (at most 32)", code->s);
			continue;
		}
		if (name != NULL && ynode_expect(y, name, YN_SCALAR,
		    "a grid's 'name'") != 0)
			continue;
		marks[cfg->ngrids] = code->mark;
		cfg->grids[cfg->ngrids].code = xstrdup(code->s);
		cfg->grids[cfg->ngrids].name = xstrdup(name != NULL ?
		    name->s : code->s);
		cfg->ngrids++;
	}
	names = xcalloc(cfg->ngrids + 1, sizeof *names);
	for (i = 0; i < cfg->ngrids; i++)
		names[i] = cfg->grids[i].code;
	spec_dups(y, names, marks, cfg->ngrids, "grid code");
	free(names);
	free(marks);
}

static int
role_read(struct yctx *y, const struct ynode *n, enum role *r)
{
	const char *sug;
	size_t i;

	if (ynode_expect(y, n, YN_SCALAR, "'role'") != 0)
		return -1;
	for (i = 0; i < nitems(roles); i++)
		if (strcmp(n->s, roles[i]) == 0) {
			*r = (enum role)i;
			return 0;
		}
	sug = str_suggest(n->s, roles, nitems(roles));
	if (sug != NULL)
		yerr(y, n, "unknown role '%s'; did you mean '%s'?", n->s, sug);
	else
		yerr(y, n, "unknown role '%s'; roles: admin, clerk, leader",
		    n->s);
	return -1;
}

static void
user_grids(struct yctx *y, const struct config *cfg, struct user *u,
    const struct ynode *n)
{
	size_t i;

	if (ynode_strv(y, n, "'grids'", &u->grids, &u->ngrids) != 0)
		return;
	if (u->ngrids == 0)
		yerr(y, n, "leader '%s' needs at least one grid", u->login);
	for (i = 0; i < u->ngrids; i++) {
		if (config_grid(cfg, u->grids[i]) != NULL)
			continue;
		yerr(y, n->kind == YN_SEQ ? n->v[i] : n, "user '%s': unknown "
		    "grid '%s' (not among 'grids:')", u->login, u->grids[i]);
	}
}

static void
users_read(struct yctx *y, struct config *cfg, const struct ynode *n)
{
	static const char *const keys[] = { "login", "role", "name", "grids" };
	const struct ynode *m, *login, *role, *name, *grids;
	const char **names;
	struct mark *marks;
	struct user *u;
	size_t i;

	if (ynode_expect(y, n, YN_SEQ, "'users'") != 0)
		return;
	if (n->n > CONFIG_MAX_USERS) {
		yerr(y, n, "too many users (%zu); at most %d", n->n,
		    CONFIG_MAX_USERS);
		return;
	}
	cfg->users = xcalloc(n->n + 1, sizeof *cfg->users);
	marks = xcalloc(n->n + 1, sizeof *marks);
	for (i = 0; i < n->n; i++) {
		m = n->v[i];
		if (ynode_expect(y, m, YN_MAP, "a user") != 0)
			continue;
		ymap_check_keys(y, m, keys, nitems(keys), "a user");
		login = ymap_get(m, "login");
		role = ymap_get(m, "role");
		name = ymap_get(m, "name");
		grids = ymap_get(m, "grids");
		if (login == NULL) {
			yerr(y, m, "a user needs 'login' (the Unix login "
			    "name)");
			continue;
		}
		if (ynode_expect(y, login, YN_SCALAR, "'login'") != 0)
			continue;
		if (!login_ok(login->s)) {
			yerr(y, login, "'%s' is not a Unix login name",
			    login->s);
			continue;
		}
		u = &cfg->users[cfg->nusers];
		marks[cfg->nusers++] = login->mark;
		u->login = xstrdup(login->s);
		u->role = ROLE_CLERK;
		if (role == NULL)
			yerr(y, m, "user '%s' needs 'role' (admin, clerk or "
			    "leader)", u->login);
		else
			role_read(y, role, &u->role);
		if (name != NULL && ynode_expect(y, name, YN_SCALAR,
		    "'name'") == 0)
			u->name = xstrdup(name->s);
		else
			u->name = xstrdup(u->login);
		if (u->role == ROLE_LEADER && role != NULL) {
			if (grids == NULL)
				yerr(y, m, "leader '%s' needs 'grids' (the "
				    "grid codes they look after)", u->login);
			else
				user_grids(y, cfg, u, grids);
		} else if (grids != NULL && role != NULL)
			yerr(y, grids, "only leaders have 'grids'; '%s' is "
			    "%s and sees every grid", u->login,
			    role_name(u->role));
	}
	names = xcalloc(cfg->nusers + 1, sizeof *names);
	for (i = 0; i < cfg->nusers; i++)
		names[i] = cfg->users[i].login;
	spec_dups(y, names, marks, cfg->nusers, "user");
	free(names);
	free(marks);
}

static void
config_from_tree(struct yctx *y, struct config *cfg, const struct ynode *root)
{
	static const char *const keys[] = { "community", "lang", "grids",
	    "users" };
	const struct ynode *n;
	struct label l;

	if (ynode_null(root))
		return;		/* an empty config: no grids, no users */
	if (root->kind != YN_MAP) {
		yerr(y, root, "the config must be a mapping (community:, "
		    "lang:, grids:, users:), not %s", ynode_what(root));
		return;
	}
	ymap_check_keys(y, root, keys, nitems(keys), "the config");
	if ((n = ymap_get(root, "lang")) != NULL &&
	    ynode_expect(y, n, YN_SCALAR, "'lang'") == 0) {
		if (strcmp(n->s, "zh") != 0 && strcmp(n->s, "en") != 0)
			yerr(y, n, "'lang' must be zh or en, not '%s'", n->s);
		else
			cfg->lang = xstrdup(n->s);
	}
	if ((n = ymap_get(root, "community")) != NULL) {
		if (ynode_label(y, n, "'community'", false, &l) == 0) {
			free(cfg->community);
			cfg->community = xstrdup(label_get(&l, cfg->lang));
		}
		label_free(&l);
	}
	if ((n = ymap_get(root, "grids")) != NULL)
		grids_read(y, cfg, n);
	if ((n = ymap_get(root, "users")) != NULL)
		users_read(y, cfg, n);
}

int
config_load_buffer(const char *name, const char *data, size_t len,
    struct config **out, struct diags *d)
{
	struct yctx y = { name, d, d->n };
	struct config *cfg;
	struct ynode *root;

	*out = NULL;
	cfg = xcalloc(1, sizeof *cfg);
	cfg->file = xstrdup(name);
	cfg->community = xstrdup("");
	root = ydoc_parse(&y, data, len);
	if (root != NULL) {
		config_from_tree(&y, cfg, root);
		ynode_free(root);
	}
	yctx_finish(&y);
	if (d->n != y.start) {
		config_free(cfg);
		return -1;
	}
	*out = cfg;
	return 0;
}

int
config_load(const char *path, struct config **out, struct diags *d)
{
	struct yctx y = { path, d, d->n };
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if (ydoc_read(&y, path, &data, &len) != 0)
		return -1;
	rc = config_load_buffer(path, data, len, out, d);
	free(data);
	return rc;
}
