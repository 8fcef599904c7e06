/*
 * cmd-util.c — what the record subcommands share: options after the
 * subcommand name, looking up a form or a record with a message that says
 * what would be valid, printing what an app call left behind, and the small
 * formatting helpers of their output (JSON strings, times, quoted values).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"

static struct cmd_opt *
getopts_match(struct cmd_opt *opts, size_t nopts, const char *arg,
    const char **value)
{
	size_t i, n;

	*value = NULL;
	for (i = 0; i < nopts; i++) {
		n = strlen(opts[i].name);
		if (strncmp(arg, opts[i].name, n) != 0)
			continue;
		if (arg[n] == '\0')
			return &opts[i];
		if (arg[n] == '=' && opts[i].has_arg) {
			*value = arg + n + 1;
			return &opts[i];
		}
	}
	return NULL;
}

int
cmd_getopts(const struct cmd_entry *ce, int argc, char **argv,
    struct cmd_opt *opts, size_t nopts)
{
	struct cmd_opt *o;
	const char *value;
	bool done = false;
	int i, j = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (done || a[0] != '-' || a[1] == '\0') {
			argv[j++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			done = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			printf("usage: gridbook %s %s\n\n%s", ce->name,
			    ce->usage, ce->help);
			return CMD_GETOPT_HELP;
		}
		if ((o = getopts_match(opts, nopts, a, &value)) == NULL) {
			cmd_error(ce, "unknown option '%s' (put '--' before "
			    "an argument that starts with '-')", a);
			cmd_usage(ce);
			return -1;
		}
		o->seen = true;
		if (!o->has_arg)
			continue;
		if (value == NULL) {
			if (i + 1 >= argc) {
				cmd_error(ce, "%s needs a value", o->name);
				cmd_usage(ce);
				return -1;
			}
			value = argv[++i];
		}
		o->arg = value;
	}
	argv[j] = NULL;
	return j;
}

int
cmd_parse_count(const struct cmd_entry *ce, const struct cmd_opt *o,
    size_t *out)
{
	const char *p;
	unsigned long long v = 0;

	if (!o->seen)
		return 0;
	for (p = o->arg; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned)(*p - '0');
		if (v > 1000000000ULL)
			break;
	}
	if (*o->arg == '\0' || *p != '\0' || v > 1000000000ULL) {
		cmd_error(ce, "%s: '%s' is not a count (0 to 1000000000)",
		    o->name, o->arg);
		cmd_usage(ce);
		return -1;
	}
	*out = (size_t)v;
	return 0;
}

/* The diagnostics of forms/NAME.yaml among the ones that did not load. */
static bool
form_did_not_load(const struct cmd_entry *ce, struct session *s,
    const char *name)
{
	char *want = xasprintf("%s.yaml", name);
	const char *file, *base;
	bool found = false;
	size_t i;

	for (i = 0; i < s->warnings.n; i++) {
		if ((file = s->warnings.v[i].file) == NULL)
			continue;
		base = strrchr(file, '/');
		base = base != NULL ? base + 1 : file;
		if (strcmp(base, want) != 0)
			continue;
		if (!found)
			cmd_error(ce, "form '%s' did not load ('gridbook forms "
			    "check' shows why):", name);
		found = true;
		if (s->warnings.v[i].line > 0)
			fprintf(stderr, "%s:%u:%u: %s\n", file,
			    s->warnings.v[i].line, s->warnings.v[i].col,
			    s->warnings.v[i].msg);
		else
			fprintf(stderr, "%s: %s\n", file,
			    s->warnings.v[i].msg);
	}
	free(want);
	return found;
}

const struct form *
cmd_form(const struct cmd_entry *ce, struct session *s, const char *name)
{
	const struct form *f;
	const char **names, *hint;
	struct buf all = BUF_INIT;
	size_t i, n = s->fs != NULL ? s->fs->n : 0;

	if ((f = app_form(s, name)) != NULL)
		return f;
	if (form_did_not_load(ce, s, name))
		return NULL;
	names = xcalloc(n + 1, sizeof *names);
	for (i = 0; i < n; i++) {
		names[i] = s->fs->forms[i]->name;
		buf_addf(&all, "%s%s", i > 0 ? ", " : "", names[i]);
	}
	hint = str_suggest(name, names, n);
	if (hint != NULL)
		cmd_error(ce, "unknown form '%s'; did you mean '%s'?", name,
		    hint);
	else if (n > 0)
		cmd_error(ce, "unknown form '%s'; the forms are: %s", name,
		    buf_str(&all));
	else
		cmd_error(ce, "unknown form '%s'; no forms are loaded (see "
		    "--forms and GRIDBOOK_FORMS)", name);
	buf_free(&all);
	free(names);
	return NULL;
}

int
cmd_get_record(const struct cmd_entry *ce, struct session *s,
    const struct form *f, const char *id, struct record **out)
{
	int rc;

	*out = NULL;
	if ((rc = app_get(s, f, id, out)) == 0)
		return CMD_OK;
	if (rc == GB_ENOTFOUND) {
		char *q = cmd_quote(id);

		cmd_error(ce, "%s: no record %s", f->name, q);
		free(q);
		return CMD_ERROR;
	}
	return cmd_fail(ce, s, f, NULL, rc);
}

int
cmd_fail(const struct cmd_entry *ce, struct session *s, const struct form *f,
    const struct verrors *errs, int rc)
{
	const char *msg = app_errmsg(s);

	if ((msg == NULL || *msg == '\0') && (errs == NULL || errs->n == 0)) {
		if (f != NULL)
			return cmd_error(ce, "%s: %s", f->name,
			    gb_strerror(rc));
		return cmd_error(ce, "%s", gb_strerror(rc));
	}
	return cmd_app_error(ce, s, f, errs);
}

/* The one JSON string writer lives in util-json.c. */
void
cmd_json_str(struct buf *b, const char *s)
{
	json_put_str(b, s);
}

void
cmd_time(int64_t secs, bool iso, bool with_secs, char out[32])
{
	time_t t = (time_t)secs;
	struct tm tm;

	if (iso) {
		if (gmtime_r(&t, &tm) == NULL ||
		    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
			snprintf(out, 32, "%lld", (long long)secs);
		return;
	}
	if (localtime_r(&t, &tm) == NULL || strftime(out, 32, with_secs ?
	    "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(out, 32, "%lld", (long long)secs);
}

char *
cmd_quote(const char *s)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s), i = 0, n, chars = 0;
	uint32_t cp;

	buf_addc(&b, '\'');
	while (i < len) {
		if (chars == 60) {
			buf_adds(&b, "...");
			break;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			buf_addf(&b, "\\x%02x", (unsigned char)s[i]);
			n = 1;
		} else if (cp == '\n')
			buf_adds(&b, "\\n");
		else if (cp == '\r')
			buf_adds(&b, "\\r");
		else if (cp < 0x20 || cp == 0x7f)
			buf_addf(&b, "\\x%02x", (unsigned)cp);
		else
			buf_add(&b, s + i, n);
		i += n;
		chars++;
	}
	buf_addc(&b, '\'');
	return buf_steal(&b);
}
