/*
 * spec-yaml.c — the edge between libyaml and the spec layer: read a file
 * with a size limit, refuse what is not UTF-8 text, and turn libyaml's event
 * stream into a tree of struct ynode with a 1-based {line, col} mark on every
 * node.  libyaml's "1 is success" stays inside this file.
 *
 * Hostile input is bounded here: files over SPEC_MAX_BYTES are refused
 * before reading them whole, nesting is cut at SPEC_MAX_DEPTH, the node count
 * at SPEC_MAX_NODES, and aliases are refused (so an alias bomb never expands).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "spec-int.h"

int
ydoc_read(struct yctx *y, const char *path, char **data, size_t *len)
{
	struct stat st;
	size_t n = 0, cap;
	ssize_t r;
	char *p;
	int fd;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1) {
		diags_add(y->d, y->file, 0, 0, "cannot open: %s",
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		diags_add(y->d, y->file, 0, 0, "not a regular file");
		close(fd);
		return -1;
	}
	if (st.st_size > (off_t)SPEC_MAX_BYTES) {
		diags_add(y->d, y->file, 0, 0, "file too large (%lld bytes); "
		    "a spec file may have at most %u bytes (4 MiB)",
		    (long long)st.st_size, SPEC_MAX_BYTES);
		close(fd);
		return -1;
	}
	cap = (size_t)st.st_size + 1;
	p = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > SPEC_MAX_BYTES)
				break;
			cap = cap * 2 > SPEC_MAX_BYTES + 1 ?
			    SPEC_MAX_BYTES + 1 : cap * 2;
			p = xrealloc(p, cap + 1);
		}
		r = read(fd, p + n, cap - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diags_add(y->d, y->file, 0, 0, "cannot read: %s",
			    strerror(errno));
			free(p);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > SPEC_MAX_BYTES) {
		diags_add(y->d, y->file, 0, 0, "file too large; a spec file "
		    "may have at most %u bytes (4 MiB)", SPEC_MAX_BYTES);
		free(p);
		return -1;
	}
	p[n] = '\0';
	*data = p;
	*len = n;
	return 0;
}

/* The 1-based mark of byte offset off in data. */
static struct mark
offset_mark(const char *data, size_t off)
{
	struct mark m = { 1, 1 };
	size_t i;

	for (i = 0; i < off; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == '\n') {
			m.line++;
			m.col = 1;
		} else if ((c & 0xc0) != 0x80)
			m.col++;
	}
	return m;
}

/* The byte offset of a 0-based libyaml mark (columns count characters). */
static size_t
mark_offset(const char *data, size_t len, size_t line, size_t col)
{
	size_t i = 0;

	while (line > 0 && i < len) {
		if (data[i++] == '\n')
			line--;
	}
	while (col > 0 && i < len && data[i] != '\n') {
		i++;
		while (i < len && ((unsigned char)data[i] & 0xc0) == 0x80)
			i++;
		col--;
	}
	return i;
}

/* Bytes that make it plainly not a text file, and tabs in indentation. */
static int
precheck(struct yctx *y, const char *data, size_t len)
{
	struct mark m;
	size_t bad, i;
	int bol = 1, tabs = 0;

	if (!utf8_valid(data, len, &bad)) {
		m = offset_mark(data, bad);
		diags_add(y->d, y->file, m.line, m.col, "invalid UTF-8 (byte "
		    "0x%02x at offset %zu); spec files must be UTF-8 text",
		    (unsigned char)data[bad], bad);
		return -1;
	}
	if (memchr(data, '\0', len) != NULL) {
		bad = (size_t)((const char *)memchr(data, '\0', len) - data);
		m = offset_mark(data, bad);
		diags_add(y->d, y->file, m.line, m.col, "a NUL byte at offset "
		    "%zu; this is not a text file", bad);
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (data[i] == '\n') {
			bol = 1;
			continue;
		}
		if (!bol)
			continue;
		if (data[i] == '\t') {
			m = offset_mark(data, i);
			diags_add(y->d, y->file, m.line, m.col, "tab character "
			    "in indentation; YAML indents with spaces only");
			tabs++;
			bol = 0;
		} else if (data[i] != ' ')
			bol = 0;
	}
	return tabs == 0 ? 0 : -1;
}

static struct ynode *
ynode_new(enum ynode_kind kind, yaml_mark_t m)
{
	struct ynode *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->mark.line = (unsigned)m.line + 1;
	n->mark.col = (unsigned)m.column + 1;
	return n;
}

static void
ynode_push(struct ynode *parent, struct ynode *child)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap == 0 ? 4 : parent->cap * 2;
		parent->v = xreallocarray(parent->v, parent->cap,
		    sizeof *parent->v);
	}
	parent->v[parent->n++] = child;
}

void
ynode_free(struct ynode *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		ynode_free(n->v[i]);
	free(n->v);
	free(n->s);
	free(n);
}

static int
key_cmp(const void *a, const void *b)
{
	const struct ynode *const *x = a, *const *y = b;
	int c = strcmp((*x)->s, (*y)->s);

	if (c != 0)
		return c;
	if ((*x)->mark.line != (*y)->mark.line)
		return (*x)->mark.line < (*y)->mark.line ? -1 : 1;
	if ((*x)->mark.col != (*y)->mark.col)
		return (*x)->mark.col < (*y)->mark.col ? -1 : 1;
	return 0;
}

/*
 * A finished mapping: keys must be scalars and unique.  Bad pairs are
 * reported and removed, so the rest of the loader sees clean mappings.
 */
static void
map_finish(struct yctx *y, struct ynode *map)
{
	struct ynode **keys, *k;
	size_t i, j, nk = 0;

	for (i = 0; i + 1 < map->n; i += 2) {
		if (map->v[i]->kind != YN_SCALAR) {
			yerr(y, map->v[i], "a mapping key must be a plain "
			    "name, not %s", ynode_what(map->v[i]));
			map->v[i]->s = xstrdup("");
			map->v[i]->kind = YN_SCALAR;
		}
	}
	if (map->n < 4)
		return;
	keys = xcalloc(map->n / 2, sizeof *keys);
	for (i = 0; i + 1 < map->n; i += 2)
		keys[nk++] = map->v[i];
	qsort(keys, nk, sizeof *keys, key_cmp);
	for (i = 1; i < nk; i++) {
		if (strcmp(keys[i]->s, keys[i - 1]->s) != 0)
			continue;
		for (j = i; j > 0 && strcmp(keys[j - 1]->s, keys[i]->s) == 0;)
			j--;
		yerr(y, keys[i], "duplicate key '%s' (first at line %u)",
		    keys[i]->s, keys[j]->mark.line);
		keys[i]->plain = -1;	/* marked for removal */
	}
	free(keys);
	for (i = j = 0; i + 1 < map->n; i += 2) {
		k = map->v[i];
		if (k->plain == -1) {
			ynode_free(k);
			ynode_free(map->v[i + 1]);
			continue;
		}
		map->v[j++] = k;
		map->v[j++] = map->v[i + 1];
	}
	map->n = j;
}

static void
parser_error(struct yctx *y, yaml_parser_t *p, const char *data, size_t len)
{
	size_t off;
	const char *problem = p->problem != NULL ? p->problem : "unknown error";

	if (p->error == YAML_MEMORY_ERROR)
		fatal("out of memory parsing YAML");
	off = mark_offset(data, len, p->problem_mark.line,
	    p->problem_mark.column);
	if ((off < len && data[off] == '\t') || strstr(problem, "tab") !=
	    NULL) {
		diags_add(y->d, y->file, (unsigned)p->problem_mark.line + 1,
		    (unsigned)p->problem_mark.column + 1, "a tab character is "
		    "not allowed here; YAML indents and separates with spaces");
		return;
	}
	if (p->context != NULL)
		diags_add(y->d, y->file, (unsigned)p->problem_mark.line + 1,
		    (unsigned)p->problem_mark.column + 1,
		    "yaml syntax error: %s (%s that starts at line %u, "
		    "column %u)", problem, p->context,
		    (unsigned)p->context_mark.line + 1,
		    (unsigned)p->context_mark.column + 1);
	else
		diags_add(y->d, y->file, (unsigned)p->problem_mark.line + 1,
		    (unsigned)p->problem_mark.column + 1,
		    "yaml syntax error: %s", problem);
}

struct build {
	struct yctx	*y;
	struct ynode	*root;
	struct ynode	*stack[SPEC_MAX_DEPTH + 1];
	size_t		 depth;
	size_t		 nodes;
	int		 docs;
};

/* Attach a new node; -1 (reported) when a limit is reached. */
static int
build_add(struct build *b, struct ynode *n, const yaml_char_t *anchor)
{
	if (++b->nodes > SPEC_MAX_NODES) {
		yerr(b->y, n, "too many values (more than %d); a spec file "
		    "is not that large", SPEC_MAX_NODES);
		ynode_free(n);
		return -1;
	}
	if (anchor != NULL)
		yerr(b->y, n, "anchors (&%s) are not supported; write the "
		    "value out", (const char *)anchor);
	if (b->depth == 0) {
		if (b->root != NULL) {
			ynode_free(n);
			return 0;
		}
		b->root = n;
	} else
		ynode_push(b->stack[b->depth - 1], n);
	if (n->kind != YN_SCALAR) {
		if (b->depth >= SPEC_MAX_DEPTH) {
			yerr(b->y, n, "nesting deeper than %d levels",
			    SPEC_MAX_DEPTH);
			return -1;
		}
		b->stack[b->depth++] = n;
	}
	return 0;
}

/* One event; 1 to go on, 0 at the end, -1 to stop (reported). */
static int
build_event(struct build *b, yaml_event_t *ev)
{
	struct ynode *n;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->docs > 1) {
			yerr_at(b->y, (struct mark){
			    (unsigned)ev->start_mark.line + 1,
			    (unsigned)ev->start_mark.column + 1 },
			    "only one YAML document per file (found a "
			    "second '---')");
			return -1;
		}
		return 1;
	case YAML_STREAM_END_EVENT:
		return 0;
	case YAML_ALIAS_EVENT:
		yerr_at(b->y, (struct mark){
		    (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1 },
		    "aliases (*%s) are not supported; write the value out",
		    (const char *)ev->data.alias.anchor);
		return -1;
	case YAML_SCALAR_EVENT:
		n = ynode_new(YN_SCALAR, ev->start_mark);
		n->s = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (memchr(ev->data.scalar.value, '\0',
		    ev->data.scalar.length) != NULL)
			yerr(b->y, n, "a value may not contain a NUL "
			    "character");
		return build_add(b, n, ev->data.scalar.anchor) == 0 ? 1 : -1;
	case YAML_SEQUENCE_START_EVENT:
		n = ynode_new(YN_SEQ, ev->start_mark);
		return build_add(b, n, ev->data.sequence_start.anchor) == 0 ?
		    1 : -1;
	case YAML_MAPPING_START_EVENT:
		n = ynode_new(YN_MAP, ev->start_mark);
		return build_add(b, n, ev->data.mapping_start.anchor) == 0 ?
		    1 : -1;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (b->depth == 0)
			return 1;
		n = b->stack[--b->depth];
		if (n->kind == YN_MAP)
			map_finish(b->y, n);
		return 1;
	default:
		return 1;
	}
}

struct ynode *
ydoc_parse(struct yctx *y, const char *data, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct build b;
	int rc;

	if (precheck(y, data, len) != 0)
		return NULL;
	/* A byte-order mark is allowed; libyaml, told the encoding, would
	 * take it for text. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	memset(&b, 0, sizeof b);
	b.y = y;
	if (!yaml_parser_initialize(&p))
		fatal("out of memory starting the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			parser_error(y, &p, data, len);
			rc = -1;
			break;
		}
		rc = build_event(&b, &ev);
		yaml_event_delete(&ev);
		if (rc <= 0)
			break;
	}
	yaml_parser_delete(&p);
	if (rc < 0) {
		ynode_free(b.root);
		return NULL;
	}
	if (b.root == NULL) {
		b.root = xcalloc(1, sizeof *b.root);
		b.root->kind = YN_SCALAR;
		b.root->s = xstrdup("");
		b.root->plain = 1;
		b.root->mark.line = 1;
		b.root->mark.col = 1;
	}
	return b.root;
}

struct diag_at {
	struct diag	d;
	size_t		i;
};

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag_at *x = a, *y = b;

	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	if (x->d.col != y->d.col)
		return x->d.col < y->d.col ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

void
yctx_finish(struct yctx *y)
{
	struct diags *d = y->d;
	size_t n = d->n - y->start, i;
	struct diag_at *t;
	struct diag *v;

	if (n < 2)
		return;
	v = d->v + y->start;
	t = xcalloc(n, sizeof *t);
	for (i = 0; i < n; i++) {
		t[i].d = v[i];
		t[i].i = i;
	}
	qsort(t, n, sizeof *t, diag_cmp);
	for (i = 0; i < n; i++)
		v[i] = t[i].d;
	free(t);
	if (n > SPEC_MAX_DIAGS) {
		for (i = SPEC_MAX_DIAGS; i < n; i++) {
			free(v[i].file);
			free(v[i].msg);
		}
		d->n = y->start + SPEC_MAX_DIAGS;
		diags_add(d, y->file, 0, 0, "too many problems (%zu); only "
		    "the first %d are shown", n, SPEC_MAX_DIAGS);
	}
}
