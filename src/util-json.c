/*
 * util-json.c — a small strict JSON parser for what comes from outside (the
 * JSON Lines importer), and the string writer every JSON output uses.
 *
 * The parser is recursive descent over one value, RFC 8259 to the letter:
 * no comments, no trailing commas, no single quotes, no leading zeros or
 * bare '+', no NaN.  Every string is decoded (all escapes, surrogate pairs
 * joined) and checked: valid UTF-8, no raw control character, no lone
 * surrogate, no \u0000 (values become C strings).  Duplicate keys in an
 * object are refused.  Depth, input size, string length and member count
 * have limits (struct json_limits) so hostile input cannot exhaust the stack
 * or memory.  Errors carry the line and the column in characters.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define JSON_DEPTH_DEF		64
#define JSON_SIZE_DEF		(16u << 20)
#define JSON_STRING_DEF		(1u << 20)
#define JSON_MEMBERS_DEF	100000

struct jp {
	const char		*text;
	unsigned		 line0;
	const char		*p;
	const char		*end;
	unsigned		 line;
	const char		*lstart;	/* start of the current line */
	const char		*cpos;		/* column cache: col of cpos */
	unsigned		 ccol;
	struct json_limits	 lim;
	struct json_err		*err;
	bool			 failed;
};

static unsigned
jp_col(struct jp *j, const char *at)
{
	if (j->cpos < j->lstart || j->cpos > at) {
		j->cpos = j->lstart;
		j->ccol = 1;
	}
	for (; j->cpos < at; j->cpos++)
		if (((unsigned char)*j->cpos & 0xc0) != 0x80)
			j->ccol++;
	return j->ccol;
}

static int
jp_fail(struct jp *j, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
jp_fail(struct jp *j, const char *at, const char *fmt, ...)
{
	va_list ap;

	if (j->failed)
		return -1;
	j->failed = true;
	if (at >= j->lstart) {
		j->err->line = j->line;
		j->err->col = jp_col(j, at);
	} else {
		/* An earlier line (an object left open): count again. */
		const char *p, *ls = j->text;

		j->err->line = j->line0;
		for (p = j->text; p < at; p++)
			if (*p == '\n') {
				j->err->line++;
				ls = p + 1;
			}
		j->err->col = 1;
		for (p = ls; p < at; p++)
			if (((unsigned char)*p & 0xc0) != 0x80)
				j->err->col++;
	}
	va_start(ap, fmt);
	vsnprintf(j->err->msg, sizeof j->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* What was found at p, for messages: "'x'", "U+3001 '、'", "the end". */
static void
jp_what(struct jp *j, const char *p, char *out, size_t outlen)
{
	uint32_t cp;
	size_t n;

	if (p >= j->end) {
		snprintf(out, outlen, "the end of the input");
		return;
	}
	n = utf8_decode(p, (size_t)(j->end - p), &cp);
	if (n == 0)
		snprintf(out, outlen, "byte 0x%02x (not UTF-8)",
		    (unsigned char)*p);
	else if (cp < 0x20 || cp == 0x7f)
		snprintf(out, outlen, "control character U+%04X",
		    (unsigned)cp);
	else
		snprintf(out, outlen, "'%.*s'", (int)n, p);
}

static void
jp_ws(struct jp *j)
{
	while (j->p < j->end) {
		switch (*j->p) {
		case '\n':
			j->line++;
			j->lstart = j->p + 1;
			/* FALLTHROUGH */
		case ' ':
		case '\t':
		case '\r':
			j->p++;
			continue;
		}
		break;
	}
}

static int
jp_hex4(struct jp *j, const char *p, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	if (j->end - p < 4)
		return jp_fail(j, p - 2, "\\u needs 4 hex digits");
	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return jp_fail(j, p - 2, "\\u needs 4 hex digits");
	}
	*out = v;
	return 0;
}

/* A string at j->p (the opening quote) into *out. */
static int
jp_string(struct jp *j, char **out, size_t *outlen)
{
	const char *start = j->p, *p = j->p + 1, *run;
	struct buf b = BUF_INIT;
	char enc[4], what[64];
	uint32_t cp, lo;
	size_t n;

	*out = NULL;
	for (;;) {
		run = p;
		while (p < j->end && *p != '"' && *p != '\\' &&
		    (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x80)
			p++;
		buf_add(&b, run, (size_t)(p - run));
		if (b.len > j->lim.string)
			goto toolong;
		if (p >= j->end) {
			jp_fail(j, start, "string not closed (no '\"' before "
			    "the end)");
			goto bad;
		}
		if (*p == '"')
			break;
		if (*p == '\\') {
			if (p + 1 >= j->end) {
				jp_fail(j, start, "string not closed");
				goto bad;
			}
			switch (p[1]) {
			case '"': buf_addc(&b, '"'); break;
			case '\\': buf_addc(&b, '\\'); break;
			case '/': buf_addc(&b, '/'); break;
			case 'b': buf_addc(&b, '\b'); break;
			case 'f': buf_addc(&b, '\f'); break;
			case 'n': buf_addc(&b, '\n'); break;
			case 'r': buf_addc(&b, '\r'); break;
			case 't': buf_addc(&b, '\t'); break;
			case 'u':
				if (jp_hex4(j, p + 2, &cp) != 0)
					goto bad;
				if (cp >= 0xdc00 && cp <= 0xdfff) {
					jp_fail(j, p, "\\u%04X is a low surrogate "
					    "without a high one before it",
					    (unsigned)cp);
					goto bad;
				}
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (j->end - p < 12 || p[6] != '\\' ||
					    p[7] != 'u') {
						jp_fail(j, p, "\\u%04X is a high "
						    "surrogate not followed by "
						    "a low one (\\uDC00-\\uDFFF)",
						    (unsigned)cp);
						goto bad;
					}
					if (jp_hex4(j, p + 8, &lo) != 0)
						goto bad;
					if (lo < 0xdc00 || lo > 0xdfff) {
						jp_fail(j, p, "\\u%04X is a high "
						    "surrogate not followed by "
						    "a low one (\\uDC00-\\uDFFF)",
						    (unsigned)cp);
						goto bad;
					}
					cp = 0x10000 + ((cp - 0xd800) << 10) +
					    (lo - 0xdc00);
					p += 6;
				}
				if (cp == 0) {
					jp_fail(j, p, "\\u0000 (a NUL character) "
					    "is not allowed in a string");
					goto bad;
				}
				n = utf8_encode(cp, enc);
				buf_add(&b, enc, n);
				p += 4;
				break;
			default:
				if ((unsigned char)p[1] > 0x20 &&
				    (unsigned char)p[1] < 0x7f)
					jp_fail(j, p, "unknown escape \\%c in a "
					    "string (valid: \\\" \\\\ \\/ \\b "
					    "\\f \\n \\r \\t \\uXXXX)", p[1]);
				else {
					jp_what(j, p + 1, what, sizeof what);
					jp_fail(j, p, "'\\' followed by %s in a "
					    "string", what);
				}
				goto bad;
			}
			p += 2;
			continue;
		}
		if ((unsigned char)*p < 0x20) {
			jp_fail(j, p, "control character U+%04X in a string "
			    "(write it as an escape such as \\n or \\u%04X)",
			    (unsigned)(unsigned char)*p,
			    (unsigned)(unsigned char)*p);
			goto bad;
		}
		n = utf8_decode(p, (size_t)(j->end - p), &cp);
		if (n == 0) {
			jp_fail(j, p, "byte 0x%02x in a string is not valid "
			    "UTF-8", (unsigned char)*p);
			goto bad;
		}
		buf_add(&b, p, n);
		p += n;
		if (b.len > j->lim.string)
			goto toolong;
	}
	j->p = p + 1;
	*outlen = b.len;
	*out = b.p != NULL ? buf_steal(&b) : xstrdup("");
	return 0;
toolong:
	jp_fail(j, start, "string longer than %zu bytes", j->lim.string);
bad:
	buf_free(&b);
	return -1;
}

static int
jp_number(struct jp *j, struct json *v)
{
	const char *p = j->p, *start = j->p;
	char what[64];

	if (p < j->end && *p == '-')
		p++;
	if (p < j->end && *p == '0')
		p++;
	else if (p < j->end && *p >= '1' && *p <= '9')
		while (p < j->end && *p >= '0' && *p <= '9')
			p++;
	else {
		jp_what(j, p, what, sizeof what);
		return jp_fail(j, p, "expected a digit in a number, found %s",
		    what);
	}
	if (p < j->end && *p == '.') {
		p++;
		if (p >= j->end || *p < '0' || *p > '9') {
			jp_what(j, p, what, sizeof what);
			return jp_fail(j, p, "expected a digit after the "
			    "decimal point, found %s", what);
		}
		while (p < j->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < j->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < j->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= j->end || *p < '0' || *p > '9') {
			jp_what(j, p, what, sizeof what);
			return jp_fail(j, p, "expected a digit in the "
			    "exponent, found %s", what);
		}
		while (p < j->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < j->end && *p >= '0' && *p <= '9')
		return jp_fail(j, start, "a number may not start with 0 "
		    "followed by digits");
	if ((size_t)(p - start) > 1000)
		return jp_fail(j, start, "number longer than 1000 characters");
	v->type = JSON_NUMBER;
	v->s = xstrndup(start, (size_t)(p - start));
	v->len = (size_t)(p - start);
	j->p = p;
	return 0;
}

static int
jp_word(struct jp *j, const char *word, enum json_type t, struct json *v)
{
	size_t n = strlen(word);
	const char *p = j->p;

	if ((size_t)(j->end - p) < n || memcmp(p, word, n) != 0 ||
	    (p + n < j->end && ((p[n] >= 'a' && p[n] <= 'z') ||
	    (p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= '0' && p[n] <= '9'))))
		return -2;
	v->type = t;
	j->p += n;
	return 0;
}

static int jp_value(struct jp *, struct json *, unsigned depth);

static int
jp_keycmp(const void *a, const void *b)
{
	return strcmp(**(char **const *)a, **(char **const *)b);
}

/* The first key that repeats, or NULL. */
static const char *
jp_dupkey(const struct json *v)
{
	char ***idx;
	const char *dup = NULL;
	size_t i, k;

	if (v->n <= 16) {
		for (i = 1; i < v->n; i++)
			for (k = 0; k < i; k++)
				if (strcmp(v->keys[i], v->keys[k]) == 0)
					return v->keys[i];
		return NULL;
	}
	idx = xcalloc(v->n, sizeof *idx);
	for (i = 0; i < v->n; i++)
		idx[i] = &v->keys[i];
	qsort(idx, v->n, sizeof *idx, jp_keycmp);
	for (i = 1; i < v->n && dup == NULL; i++)
		if (strcmp(*idx[i], *idx[i - 1]) == 0)
			dup = *idx[i];
	free(idx);
	return dup;
}

static void
jp_grow(struct json *v, size_t *cap, bool keys)
{
	if (v->n < *cap)
		return;
	*cap = *cap == 0 ? 8 : *cap * 2;
	v->v = xreallocarray(v->v, *cap, sizeof *v->v);
	if (keys)
		v->keys = xreallocarray(v->keys, *cap, sizeof *v->keys);
}

static int
jp_object(struct jp *j, struct json *v, unsigned depth)
{
	const char *open = j->p, *kat;
	size_t cap = 0, klen;
	char what[64], *key;

	v->type = JSON_OBJECT;
	j->p++;
	jp_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return 0;
	}
	for (;;) {
		jp_ws(j);
		if (j->p >= j->end || *j->p != '"') {
			jp_what(j, j->p, what, sizeof what);
			return jp_fail(j, j->p, "expected a key in quotes%s, "
			    "found %s", v->n > 0 ? "" : " or '}'", what);
		}
		kat = j->p;
		if (jp_string(j, &key, &klen) != 0)
			return -1;
		if (v->n >= j->lim.members) {
			free(key);
			return jp_fail(j, kat, "object with more than %zu "
			    "members", j->lim.members);
		}
		jp_grow(v, &cap, true);
		v->keys[v->n] = key;
		memset(&v->v[v->n], 0, sizeof v->v[v->n]);
		v->n++;
		jp_ws(j);
		if (j->p >= j->end || *j->p != ':') {
			jp_what(j, j->p, what, sizeof what);
			return jp_fail(j, j->p, "expected ':' after the key "
			    "\"%.60s\", found %s", key, what);
		}
		j->p++;
		jp_ws(j);
		if (jp_value(j, &v->v[v->n - 1], depth + 1) != 0)
			return -1;
		jp_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			break;
		}
		jp_what(j, j->p, what, sizeof what);
		if (j->p >= j->end)
			return jp_fail(j, open, "object not closed (no '}' "
			    "before the end)");
		return jp_fail(j, j->p, "expected ',' or '}' after a member, "
		    "found %s", what);
	}
	if ((key = (char *)jp_dupkey(v)) != NULL)
		return jp_fail(j, open, "key \"%.60s\" appears twice in this "
		    "object", key);
	return 0;
}

static int
jp_array(struct jp *j, struct json *v, unsigned depth)
{
	const char *open = j->p;
	char what[64];
	size_t cap = 0;

	v->type = JSON_ARRAY;
	j->p++;
	jp_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return 0;
	}
	for (;;) {
		jp_ws(j);
		if (v->n >= j->lim.members)
			return jp_fail(j, j->p, "array with more than %zu "
			    "items", j->lim.members);
		jp_grow(v, &cap, false);
		memset(&v->v[v->n], 0, sizeof v->v[v->n]);
		v->n++;
		if (jp_value(j, &v->v[v->n - 1], depth + 1) != 0)
			return -1;
		jp_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			return 0;
		}
		if (j->p >= j->end)
			return jp_fail(j, open, "array not closed (no ']' "
			    "before the end)");
		jp_what(j, j->p, what, sizeof what);
		return jp_fail(j, j->p, "expected ',' or ']' after an item, "
		    "found %s", what);
	}
}

static int
jp_value(struct jp *j, struct json *v, unsigned depth)
{
	char what[64];
	int rc;

	v->line = j->line;
	v->col = jp_col(j, j->p);
	if (j->p < j->end && (*j->p == '{' || *j->p == '[') &&
	    depth > j->lim.depth)
		return jp_fail(j, j->p, "nested deeper than %u levels",
		    j->lim.depth);
	if (j->p >= j->end)
		return jp_fail(j, j->p, "expected a value, found the end of "
		    "the input");
	switch (*j->p) {
	case '{':
		return jp_object(j, v, depth);
	case '[':
		return jp_array(j, v, depth);
	case '"':
		v->type = JSON_STRING;
		return jp_string(j, &v->s, &v->len);
	case '-':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return jp_number(j, v);
	}
	if ((rc = jp_word(j, "true", JSON_TRUE, v)) != -2 ||
	    (rc = jp_word(j, "false", JSON_FALSE, v)) != -2 ||
	    (rc = jp_word(j, "null", JSON_NULL, v)) != -2)
		return rc;
	jp_what(j, j->p, what, sizeof what);
	if (*j->p == '\'')
		return jp_fail(j, j->p, "strings take double quotes, found "
		    "\"'\"");
	return jp_fail(j, j->p, "expected a value (string, number, object, "
	    "array, true, false or null), found %s", what);
}

static void
json_clear(struct json *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		json_clear(&v->v[i]);
		if (v->keys != NULL)
			free(v->keys[i]);
	}
	free(v->v);
	free(v->keys);
	free(v->s);
}

void
json_free(struct json *v)
{
	if (v == NULL)
		return;
	json_clear(v);
	free(v);
}

int
json_parse(const char *text, size_t len, const struct json_limits *lim,
    unsigned line0, struct json **out, struct json_err *err)
{
	struct jp j;
	struct json *v;
	char what[64];

	memset(&j, 0, sizeof j);
	memset(err, 0, sizeof *err);
	j.text = j.p = j.lstart = j.cpos = text;
	j.end = text + len;
	j.line = j.line0 = line0 > 0 ? line0 : 1;
	j.ccol = 1;
	j.err = err;
	if (lim != NULL)
		j.lim = *lim;
	if (j.lim.depth == 0)
		j.lim.depth = JSON_DEPTH_DEF;
	if (j.lim.size == 0)
		j.lim.size = JSON_SIZE_DEF;
	if (j.lim.string == 0)
		j.lim.string = JSON_STRING_DEF;
	if (j.lim.members == 0)
		j.lim.members = JSON_MEMBERS_DEF;
	*out = NULL;
	if (len > j.lim.size) {
		jp_fail(&j, text, "%zu bytes is more than the %zu allowed", len,
		    j.lim.size);
		return -1;
	}
	v = xcalloc(1, sizeof *v);
	jp_ws(&j);
	if (jp_value(&j, v, 1) == 0) {
		jp_ws(&j);
		if (j.p < j.end) {
			jp_what(&j, j.p, what, sizeof what);
			jp_fail(&j, j.p, "%s after the value (one value "
			    "expected)", what);
		}
	}
	if (j.failed) {
		json_free(v);
		return -1;
	}
	*out = v;
	return 0;
}

const struct json *
json_get(const struct json *v, const char *key)
{
	size_t i;

	if (v == NULL || v->type != JSON_OBJECT)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->v[i];
	return NULL;
}

const char *
json_type_name(enum json_type t)
{
	switch (t) {
	case JSON_NULL: return "null";
	case JSON_FALSE: return "false";
	case JSON_TRUE: return "true";
	case JSON_NUMBER: return "a number";
	case JSON_STRING: return "a string";
	case JSON_ARRAY: return "an array";
	case JSON_OBJECT: return "an object";
	}
	return "?";
}

void
json_put_str(struct buf *b, const char *s)
{
	const unsigned char *p, *run;

	if (s == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (p = run = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f)
			continue;
		buf_add(b, run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		default: buf_addf(b, "\\u%04x", *p);
		}
	}
	buf_add(b, run, (size_t)(p - run));
	buf_addc(b, '"');
}
