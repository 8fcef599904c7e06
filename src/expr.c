/*
 * expr.c — the show_if expression language: a small recursive-descent
 * parser into struct expr trees, a checker that resolves field names against
 * a form and refuses comparisons of the wrong kind (canonicalising literals
 * to the field's type on the way), and two evaluators: one on a record's
 * values and one three-valued evaluator used by the linter, where only the
 * workflow state is known.
 *
 * The grammar is in doc/forms-language.md.  Two conveniences beyond it: a
 * bare word inside `in [...]`, or compared with `state`, is taken as a string
 * (state in [agreed, closed]), and a literal on the left of a comparison is
 * swapped to the right by the checker (18 <= age).
 *
 * Every tree is bounded (EXPR_MAX_NODES nodes, EXPR_MAX_DEPTH nesting), so the
 * recursive functions here never run deep whatever the input.
 */
#include <stdlib.h>
#include <string.h>

#include "spec.h"

#define EXPR_MAX_NODES	500
#define EXPR_MAX_DEPTH	32

enum tok {
	T_END, T_NAME, T_STRING, T_NUMBER, T_LP, T_RP, T_LB, T_RB, T_COMMA,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_ERR,
};

struct lex {
	const char	*src;
	size_t		 pos;		/* byte offset of the next token */
	enum tok	 tok;
	size_t		 start;		/* byte offset of the current token */
	size_t		 len;		/* its length in bytes */
	char		*text;		/* NAME/STRING/NUMBER text */
	const char	*file;
	struct mark	 at;
	struct diags	*d;
	int		 failed;
	unsigned	 nodes;
	unsigned	 depth;
};

/* The mark of byte offset off of the source, counting characters. */
static struct mark
lex_mark(const struct lex *lx, size_t off)
{
	struct mark m = lx->at;
	size_t i;

	for (i = 0; i < off && lx->src[i] != '\0'; i++) {
		unsigned char c = (unsigned char)lx->src[i];

		if (c == '\n') {
			m.line++;
			m.col = 1;
		} else if ((c & 0xc0) != 0x80)
			m.col++;
	}
	return m;
}

static void
lex_error(struct lex *lx, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
lex_error(struct lex *lx, size_t off, const char *fmt, ...)
{
	struct mark m;
	va_list ap;
	char *msg;

	if (lx->failed)
		return;
	lx->failed = 1;
	m = lex_mark(lx, off);
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(lx->d, lx->file, m.line, m.col, "show_if: %s", msg);
	free(msg);
}

static int
is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Advance to the next token. */
static void
lex_next(struct lex *lx)
{
	const char *s = lx->src;
	size_t p = lx->pos, q;
	int c;

	free(lx->text);
	lx->text = NULL;
	while (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r')
		p++;
	lx->start = p;
	c = (unsigned char)s[p];
	if (c == '\0') {
		lx->tok = T_END;
		lx->len = 0;
		lx->pos = p;
		return;
	}
	q = p + 1;
	if (is_name_start(c)) {
		while (is_name_char((unsigned char)s[q]))
			q++;
		lx->tok = T_NAME;
		lx->text = xstrndup(s + p, q - p);
	} else if (is_digit(c) || (c == '-' && is_digit((unsigned char)s[q]))) {
		while (is_digit((unsigned char)s[q]))
			q++;
		if (s[q] == '.' && is_digit((unsigned char)s[q + 1])) {
			q++;
			while (is_digit((unsigned char)s[q]))
				q++;
		}
		lx->tok = T_NUMBER;
		lx->text = xstrndup(s + p, q - p);
	} else if (c == '\'' || c == '"') {
		while (s[q] != '\0' && s[q] != c)
			q++;
		if (s[q] == '\0') {
			lx->tok = T_ERR;
			lx->len = q - p;
			lx->pos = q;
			lex_error(lx, p, "unterminated string (no closing %s)",
			    c == '\'' ? "'" : "\"");
			return;
		}
		lx->tok = T_STRING;
		lx->text = xstrndup(s + p + 1, q - p - 1);
		q++;
	} else {
		switch (c) {
		case '(': lx->tok = T_LP; break;
		case ')': lx->tok = T_RP; break;
		case '[': lx->tok = T_LB; break;
		case ']': lx->tok = T_RB; break;
		case ',': lx->tok = T_COMMA; break;
		case '=':
			if (s[q] == '=') {
				lx->tok = T_ERR;
				lx->len = 2;
				lx->pos = q + 1;
				lex_error(lx, p, "'==' is written '=' here");
				return;
			}
			lx->tok = T_EQ;
			break;
		case '!':
			if (s[q] == '=') {
				lx->tok = T_NE;
				q++;
				break;
			}
			goto bad;
		case '<':
			lx->tok = T_LT;
			if (s[q] == '=') {
				lx->tok = T_LE;
				q++;
			} else if (s[q] == '>') {
				lx->tok = T_ERR;
				lex_error(lx, p, "'<>' is written '!=' here");
				return;
			}
			break;
		case '>':
			lx->tok = T_GT;
			if (s[q] == '=') {
				lx->tok = T_GE;
				q++;
			}
			break;
		default:
			goto bad;
		}
	}
	lx->len = q - p;
	lx->pos = q;
	return;
bad:
	lx->tok = T_ERR;
	lx->len = 1;
	lx->pos = q;
	if (c >= 0x80) {
		size_t n = 1;
		char buf[8];

		while (n < 4 && ((unsigned char)s[p + n] & 0xc0) == 0x80)
			n++;
		memcpy(buf, s + p, n);
		buf[n] = '\0';
		lex_error(lx, p, "unexpected '%s'; quote text values, as in "
		    "'text'", buf);
	} else if (c == '&' || c == '|') {
		lex_error(lx, p, "unexpected '%s'; write 'and' or 'or'",
		    c == '&' ? "&" : "|");
	} else if (c == '!') {
		lex_error(lx, p, "unexpected '!'; write 'not' or '!='");
	} else {
		char buf[2] = { (char)c, '\0' };

		if (c < 0x20 || c == 0x7f)
			lex_error(lx, p, "unexpected control character");
		else
			lex_error(lx, p, "unexpected '%s'", buf);
	}
}

static int
lex_word(const struct lex *lx, const char *w)
{
	return lx->tok == T_NAME && strcmp(lx->text, w) == 0;
}

static int
is_keyword(const char *s)
{
	static const char *const kw[] = {
		"and", "or", "not", "in", "state", "true", "false",
	};
	size_t i;

	for (i = 0; i < nitems(kw); i++)
		if (strcmp(s, kw[i]) == 0)
			return 1;
	return 0;
}

/* A description of the current token for "found ..." messages. */
static char *
lex_describe(const struct lex *lx)
{
	if (lx->tok == T_END)
		return xstrdup("the end of the expression");
	if (lx->tok == T_STRING)
		return xasprintf("'%s'", lx->text);
	if (lx->text != NULL)
		return xasprintf("'%s'", lx->text);
	return xasprintf("'%.*s'", (int)lx->len, lx->src + lx->start);
}

static void
lex_expected(struct lex *lx, const char *what)
{
	char *found, *msg;

	if (lx->failed)
		return;
	found = lex_describe(lx);
	msg = xasprintf("expected %s, found %s", what, found);
	lex_error(lx, lx->start, "%s", msg);
	free(msg);
	free(found);
}

static struct expr *
node_new(struct lex *lx, enum expr_op op, size_t off)
{
	struct expr *e;

	if (++lx->nodes > EXPR_MAX_NODES) {
		lex_error(lx, off, "expression too long (more than %d parts)",
		    EXPR_MAX_NODES);
		return NULL;
	}
	e = xcalloc(1, sizeof *e);
	e->op = op;
	e->mark = lex_mark(lx, off);
	return e;
}

static struct expr *parse_or(struct lex *);

static struct expr *
parse_literal(struct lex *lx, int bare_is_string)
{
	struct expr *e = NULL;

	if (lx->failed)
		return NULL;
	switch (lx->tok) {
	case T_STRING:
		e = node_new(lx, EX_STRING, lx->start);
		break;
	case T_NUMBER:
		e = node_new(lx, EX_NUMBER, lx->start);
		break;
	case T_NAME:
		if (lex_word(lx, "true") || lex_word(lx, "false"))
			e = node_new(lx, EX_BOOL, lx->start);
		else if (bare_is_string && !is_keyword(lx->text))
			e = node_new(lx, EX_STRING, lx->start);
		break;
	default:
		break;
	}
	if (e == NULL) {
		lex_expected(lx, "a value");
		return NULL;
	}
	e->s = lx->text;
	lx->text = NULL;
	lex_next(lx);
	return e;
}

static struct expr *
parse_operand(struct lex *lx)
{
	struct expr *e;

	if (lx->failed)
		return NULL;
	if (lx->tok == T_NAME && !lex_word(lx, "true") &&
	    !lex_word(lx, "false")) {
		if (lex_word(lx, "state")) {
			e = node_new(lx, EX_STATE, lx->start);
		} else if (is_keyword(lx->text)) {
			lex_expected(lx, "a field name, 'state' or a value");
			return NULL;
		} else
			e = node_new(lx, EX_FIELD, lx->start);
		if (e == NULL)
			return NULL;
		e->s = lx->text;
		lx->text = NULL;
		lex_next(lx);
		return e;
	}
	if (lx->tok == T_STRING || lx->tok == T_NUMBER || lx->tok == T_NAME)
		return parse_literal(lx, 0);
	lex_expected(lx, "a field name, 'state' or a value");
	return NULL;
}

static enum expr_op
tok_op(enum tok t)
{
	switch (t) {
	case T_EQ: return EX_EQ;
	case T_NE: return EX_NE;
	case T_LT: return EX_LT;
	case T_LE: return EX_LE;
	case T_GT: return EX_GT;
	case T_GE: return EX_GE;
	default: return EX_OR;		/* not a comparison */
	}
}

static struct expr *
parse_in(struct lex *lx, struct expr *a, size_t off)
{
	struct expr *e, *it;

	e = node_new(lx, EX_IN, off);
	if (e == NULL) {
		expr_free(a);
		return NULL;
	}
	e->a = a;
	lex_next(lx);
	if (lx->tok != T_LB) {
		lex_expected(lx, "'[' after 'in'");
		expr_free(e);
		return NULL;
	}
	lex_next(lx);
	if (lx->tok == T_RB) {
		lex_error(lx, lx->start, "an 'in' list needs at least one "
		    "value");
		expr_free(e);
		return NULL;
	}
	for (;;) {
		it = parse_literal(lx, 1);
		if (it == NULL) {
			expr_free(e);
			return NULL;
		}
		e->items = xreallocarray(e->items, e->nitems + 1,
		    sizeof *e->items);
		e->items[e->nitems++] = it;
		if (lx->tok == T_RB)
			break;
		if (lx->tok != T_COMMA) {
			lex_expected(lx, "',' or ']' in the 'in' list");
			expr_free(e);
			return NULL;
		}
		lex_next(lx);
	}
	lex_next(lx);
	return e;
}

static struct expr *
parse_compare(struct lex *lx)
{
	struct expr *a, *b, *e;
	enum expr_op op;
	size_t off = lx->start;

	a = parse_operand(lx);
	if (a == NULL)
		return NULL;
	if (lex_word(lx, "in"))
		return parse_in(lx, a, off);
	op = tok_op(lx->tok);
	if (op == EX_OR)
		return a;
	lex_next(lx);
	b = parse_operand(lx);
	if (b == NULL) {
		expr_free(a);
		return NULL;
	}
	/* state = agreed: a bare word compared with state is a state name. */
	if (a->op == EX_STATE && b->op == EX_FIELD)
		b->op = EX_STRING;
	else if (b->op == EX_STATE && a->op == EX_FIELD)
		a->op = EX_STRING;
	e = node_new(lx, op, off);
	if (e == NULL) {
		expr_free(a);
		expr_free(b);
		return NULL;
	}
	e->a = a;
	e->b = b;
	return e;
}

static struct expr *
parse_unary(struct lex *lx)
{
	struct expr *e, *a;
	size_t off = lx->start;

	if (lx->failed)
		return NULL;
	if (++lx->depth > EXPR_MAX_DEPTH) {
		lex_error(lx, off, "expression nested too deeply (more than "
		    "%d levels)", EXPR_MAX_DEPTH);
		return NULL;
	}
	if (lex_word(lx, "not")) {
		lex_next(lx);
		a = parse_unary(lx);
		if (a == NULL)
			return NULL;
		e = node_new(lx, EX_NOT, off);
		if (e == NULL) {
			expr_free(a);
			return NULL;
		}
		e->a = a;
	} else if (lx->tok == T_LP) {
		lex_next(lx);
		e = parse_or(lx);
		if (e == NULL)
			return NULL;
		if (lx->tok != T_RP) {
			lex_expected(lx, "')'");
			expr_free(e);
			return NULL;
		}
		lex_next(lx);
	} else
		e = parse_compare(lx);
	lx->depth--;
	return e;
}

static struct expr *
parse_chain(struct lex *lx, const char *word, enum expr_op op,
    struct expr *(*sub)(struct lex *))
{
	struct expr *a, *b, *e;

	a = sub(lx);
	while (a != NULL && lex_word(lx, word)) {
		size_t off = lx->start;

		lex_next(lx);
		b = sub(lx);
		if (b == NULL) {
			expr_free(a);
			return NULL;
		}
		e = node_new(lx, op, off);
		if (e == NULL) {
			expr_free(a);
			expr_free(b);
			return NULL;
		}
		e->a = a;
		e->b = b;
		a = e;
	}
	return a;
}

static struct expr *
parse_and(struct lex *lx)
{
	return parse_chain(lx, "and", EX_AND, parse_unary);
}

static struct expr *
parse_or(struct lex *lx)
{
	return parse_chain(lx, "or", EX_OR, parse_and);
}

struct expr *
expr_parse(const char *src, const char *file, struct mark at, struct diags *d)
{
	struct lex lx;
	struct expr *e;

	memset(&lx, 0, sizeof lx);
	lx.src = src;
	lx.file = file;
	lx.at = at;
	lx.d = d;
	lex_next(&lx);
	if (lx.tok == T_END) {
		lex_error(&lx, lx.start, "empty expression");
		return NULL;
	}
	e = parse_or(&lx);
	if (e != NULL && lx.tok != T_END) {
		char *found = lex_describe(&lx);
		char *msg = xasprintf("unexpected %s after a complete "
		    "condition; join conditions with 'and' or 'or'", found);

		lex_error(&lx, lx.start, "%s", msg);
		free(msg);
		free(found);
		expr_free(e);
		e = NULL;
	}
	free(lx.text);
	if (lx.failed) {
		expr_free(e);
		return NULL;
	}
	return e;
}

void
expr_free(struct expr *e)
{
	size_t i;

	if (e == NULL)
		return;
	expr_free(e->a);
	expr_free(e->b);
	for (i = 0; i < e->nitems; i++)
		expr_free(e->items[i]);
	free(e->items);
	free(e->s);
	free(e);
}

/* ---- checking ---------------------------------------------------------- */

struct check {
	const struct form	*form;
	const struct field	*scope;
	const char		*file;
	struct diags		*d;
	int			 errors;
};

static void
check_error(struct check *ck, const struct expr *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
check_error(struct check *ck, const struct expr *at, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(ck->d, ck->file, at->mark.line, at->mark.col, "show_if: %s",
	    msg);
	free(msg);
	ck->errors++;
}

static const char *
op_text(enum expr_op op)
{
	switch (op) {
	case EX_EQ: return "=";
	case EX_NE: return "!=";
	case EX_LT: return "<";
	case EX_LE: return "<=";
	case EX_GT: return ">";
	case EX_GE: return ">=";
	case EX_IN: return "in";
	default: return "?";
	}
}

static int
op_ordered(enum expr_op op)
{
	return op == EX_LT || op == EX_LE || op == EX_GT || op == EX_GE;
}

static enum expr_op
op_mirror(enum expr_op op)
{
	switch (op) {
	case EX_LT: return EX_GT;
	case EX_LE: return EX_GE;
	case EX_GT: return EX_LT;
	case EX_GE: return EX_LE;
	default: return op;
	}
}

/* Append up to `max` names to b as "a, b, c" (", ..." when cut). */
static void
names_join(struct buf *b, const char *const *v, size_t n, size_t max)
{
	size_t i;

	for (i = 0; i < n && i < max; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		buf_adds(b, v[i]);
	}
	if (n > max)
		buf_adds(b, ", ...");
}

static const struct field *
fields_find(const struct field *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].name != NULL && strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

static void
check_unknown_field(struct check *ck, const struct expr *e)
{
	const char **names;
	const char *sug;
	size_t n = 0, i;
	const struct field *p = ck->scope != NULL ? ck->scope->parent : NULL;
	struct buf b = BUF_INIT;

	names = xcalloc(ck->form->nfields + (p != NULL ? p->nfields : 0) + 1,
	    sizeof *names);
	if (p != NULL)
		for (i = 0; i < p->nfields; i++)
			if (p->fields[i].name != NULL)
				names[n++] = p->fields[i].name;
	for (i = 0; i < ck->form->nfields; i++)
		if (ck->form->fields[i].name != NULL)
			names[n++] = ck->form->fields[i].name;
	sug = str_suggest(e->s, names, n);
	if (sug != NULL)
		check_error(ck, e, "unknown field '%s'; did you mean '%s'?",
		    e->s, sug);
	else {
		names_join(&b, names, n, 10);
		check_error(ck, e, "unknown field '%s'; fields: %s", e->s,
		    buf_str(&b));
	}
	buf_free(&b);
	free(names);
}

/* Resolve an EX_FIELD node; 0 or -1 (reported). */
static int
check_field(struct check *ck, struct expr *e)
{
	const struct field *f = NULL, *p;

	p = ck->scope != NULL ? ck->scope->parent : NULL;
	if (p != NULL)
		f = fields_find(p->fields, p->nfields, e->s);
	if (f == NULL)
		f = fields_find(ck->form->fields, ck->form->nfields, e->s);
	if (f == NULL) {
		check_unknown_field(ck, e);
		return -1;
	}
	if (f == ck->scope) {
		check_error(ck, e, "field '%s' cannot depend on itself", e->s);
		return -1;
	}
	if (f->type == NULL)
		return -1;		/* its own error was reported */
	if (f->type->kind == FK_GROUP) {
		check_error(ck, e, "'%s' is a group and cannot be compared; "
		    "use one of its fields", e->s);
		return -1;
	}
	e->field = f;
	return 0;
}

static int
check_state_name(struct check *ck, struct expr *lit)
{
	const struct workflow *wf = &ck->form->wf;
	const char **names;
	const char *sug;
	struct buf b = BUF_INIT;
	size_t i, n;

	if (lit->op != EX_STRING) {
		check_error(ck, lit, "'state' compares with state names, not "
		    "'%s'", lit->s);
		return -1;
	}
	for (i = 0; i < wf->nstates; i++)
		if (wf->states[i].name != NULL &&
		    strcmp(wf->states[i].name, lit->s) == 0)
			return 0;
	names = xcalloc(wf->nstates + 1, sizeof *names);
	for (i = n = 0; i < wf->nstates; i++)
		if (wf->states[i].name != NULL)
			names[n++] = wf->states[i].name;
	sug = str_suggest(lit->s, names, n);
	if (sug != NULL)
		check_error(ck, lit, "unknown state '%s'; did you mean '%s'?",
		    lit->s, sug);
	else {
		names_join(&b, names, n, 12);
		check_error(ck, lit, "unknown state '%s'; states: %s", lit->s,
		    buf_str(&b));
	}
	buf_free(&b);
	free(names);
	return -1;
}

/* Check a code literal against a choice field's list. */
static int
check_code(struct check *ck, const struct field *f, struct expr *lit)
{
	const struct choice_list *l = f->choices;
	struct buf b = BUF_INIT;
	size_t i;

	if (l == NULL)
		return -1;	/* the field's own error was reported */
	if (lit->op == EX_BOOL) {
		check_error(ck, lit, "'%s' is a choice field; compare it with "
		    "a code of its list, not %s", f->name, lit->s);
		return -1;
	}
	if (list_choice(l, lit->s) != NULL)
		return 0;
	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].label.zh, lit->s) == 0 ||
		    strcmp(l->v[i].label.en, lit->s) == 0) {
			check_error(ck, lit, "'%s' is a label in the list of "
			    "'%s'; compare with its code '%s'", lit->s,
			    f->name, l->v[i].code);
			return -1;
		}
	}
	for (i = 0; i < l->n && i < 12; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, l->v[i].code);
	}
	if (l->n > 12)
		buf_adds(&b, ", ...");
	check_error(ck, lit, "'%s' is not a code in the list of '%s'; codes: "
	    "%s", lit->s, f->name, buf_str(&b));
	buf_free(&b);
	return -1;
}

/* Check (and canonicalise) a literal compared with field f. */
static int
check_literal(struct check *ck, const struct field *f, struct expr *lit)
{
	const struct field_type *t = f->type;
	char err[256], *out = NULL;

	if (lit->op == EX_STRING && lit->s[0] == '\0')
		return 0;	/* = '' tests emptiness, for any type */
	if (t->kind == FK_CHOICE || t->kind == FK_MULTICHOICE)
		return check_code(ck, f, lit);
	if (t->kind == FK_BOOL) {
		if (lit->op != EX_BOOL) {
			check_error(ck, lit, "'%s' is a bool field; compare "
			    "it with true or false", f->name);
			return -1;
		}
		return 0;
	}
	if (lit->op == EX_BOOL) {
		check_error(ck, lit, "true and false compare only with bool "
		    "fields; '%s' is %s", f->name, t->name);
		return -1;
	}
	if (t->parse == NULL)
		return 0;
	err[0] = '\0';
	if (t->parse(lit->s, &out, err, sizeof err) != 0) {
		check_error(ck, lit, "'%s' is not a valid %s for '%s': %s",
		    lit->s, t->name, f->name, err);
		return -1;
	}
	free(lit->s);
	lit->s = out;
	return 0;
}

static int
is_literal(const struct expr *e)
{
	return e->op == EX_STRING || e->op == EX_NUMBER || e->op == EX_BOOL;
}

static int check_node(struct check *, struct expr *);

/* Check one side `a` (field or state) against a literal or field `b`. */
static int
check_pair(struct check *ck, enum expr_op op, struct expr *a, struct expr *b,
    const struct expr *at)
{
	const struct field *fa, *fb;

	if (a->op == EX_STATE) {
		if (op_ordered(op)) {
			check_error(ck, at, "'state' can only be compared with "
			    "=, != or in");
			return -1;
		}
		if (b->op == EX_FIELD || b->op == EX_STATE) {
			check_error(ck, b, "'state' compares with state names");
			return -1;
		}
		return check_state_name(ck, b);
	}
	fa = a->field;
	if (op_ordered(op) && fa->type->compare == NULL) {
		check_error(ck, at, "'%s' needs a number or date field; '%s' "
		    "is %s", op_text(op), fa->name, fa->type->name);
		return -1;
	}
	if (b->op == EX_STATE) {
		check_error(ck, b, "'state' compares with state names, not "
		    "with field '%s'", fa->name);
		return -1;
	}
	if (b->op == EX_FIELD) {
		fb = b->field;
		if (fa->type != fb->type || fa->type->kind == FK_MULTICHOICE) {
			check_error(ck, at, "cannot compare '%s' (%s) with "
			    "'%s' (%s)", fa->name, fa->type->name, fb->name,
			    fb->type->name);
			return -1;
		}
		return 0;
	}
	if (op_ordered(op) && b->op == EX_STRING && b->s[0] == '\0') {
		check_error(ck, b, "'%s' with an empty value is never true; "
		    "use = '' to test emptiness", op_text(op));
		return -1;
	}
	return check_literal(ck, fa, b);
}

static int
check_side(struct check *ck, struct expr *e)
{
	if (e->op == EX_FIELD)
		return check_field(ck, e);
	if (e->op == EX_STATE && ck->form->wf.initial == NULL) {
		check_error(ck, e, "'state' is used but form '%s' has no "
		    "workflow", ck->form->name != NULL ? ck->form->name : "");
		return -1;
	}
	return 0;
}

static int
check_compare(struct check *ck, struct expr *e)
{
	struct expr *t;
	size_t i;
	int rc = 0;

	if (check_side(ck, e->a) != 0)
		return -1;
	if (e->op == EX_IN) {
		if (is_literal(e->a)) {
			check_error(ck, e->a, "'in' needs a field or 'state' "
			    "on its left");
			return -1;
		}
		for (i = 0; i < e->nitems; i++)
			if (check_pair(ck, EX_IN, e->a, e->items[i], e) != 0)
				rc = -1;
		return rc;
	}
	if (check_side(ck, e->b) != 0)
		return -1;
	if (is_literal(e->a) && !is_literal(e->b)) {
		t = e->a;
		e->a = e->b;
		e->b = t;
		e->op = op_mirror(e->op);
	}
	if (is_literal(e->a)) {
		check_error(ck, e, "a comparison needs a field or 'state' on "
		    "one side");
		return -1;
	}
	return check_pair(ck, e->op, e->a, e->b, e);
}

static int
check_node(struct check *ck, struct expr *e)
{
	int ra, rb;

	switch (e->op) {
	case EX_OR:
	case EX_AND:
		ra = check_node(ck, e->a);
		rb = check_node(ck, e->b);
		return ra == 0 && rb == 0 ? 0 : -1;
	case EX_NOT:
		return check_node(ck, e->a);
	case EX_FIELD:
	case EX_STATE:
		return check_side(ck, e);
	case EX_BOOL:
		return 0;
	case EX_STRING:
	case EX_NUMBER:
		check_error(ck, e, "the value '%s' alone is not a condition; "
		    "compare a field with it", e->s);
		return -1;
	default:
		return check_compare(ck, e);
	}
}

int
expr_check(struct expr *e, const struct form *form, const struct field *scope,
    const char *file, struct diags *d)
{
	struct check ck = { form, scope, file, d, 0 };

	if (e == NULL)
		return -1;
	check_node(&ck, e);
	return ck.errors == 0 ? 0 : -1;
}

/* ---- evaluation -------------------------------------------------------- */

/* The value of a literal as stored text ("1"/"0" for true/false). */
static const char *
lit_value(const struct expr *e)
{
	if (e->op == EX_BOOL)
		return strcmp(e->s, "true") == 0 ? "1" : "0";
	return e->s;
}

static int
truthy(const char *v)
{
	return v != NULL && v[0] != '\0' && strcmp(v, "0") != 0;
}

/* Whether code is among the ','-joined codes of list. */
static int
codes_have(const char *list, const char *code)
{
	size_t n = strlen(code);
	const char *p = list;

	while (p != NULL && *p != '\0') {
		const char *c = strchr(p, ',');
		size_t len = c != NULL ? (size_t)(c - p) : strlen(p);

		if (len == n && strncmp(p, code, n) == 0)
			return 1;
		p = c != NULL ? c + 1 : NULL;
	}
	return 0;
}

struct ev {
	const struct expr_env	*env;
	int			 fields_known;
};

/* Value of an operand; *unknown set when it depends on field values. */
static const char *
ev_value(const struct ev *ev, const struct expr *e, int *unknown)
{
	const char *v;

	switch (e->op) {
	case EX_FIELD:
		if (!ev->fields_known) {
			*unknown = 1;
			return NULL;
		}
		if (e->field == NULL || ev->env->get == NULL)
			return NULL;
		v = ev->env->get(ev->env->ctx, e->field);
		if (v != NULL && v[0] == '\0')
			v = NULL;
		if (v == NULL && e->field->type != NULL &&
		    e->field->type->kind == FK_BOOL)
			v = "0";
		return v;
	case EX_STATE:
		return ev->env->state;
	default:
		return lit_value(e);
	}
}

/* a = b where b is a literal or field, with a's type deciding. */
static int
ev_equal(const struct expr *a, const char *va, const char *vb)
{
	const struct field_type *t = a->op == EX_FIELD && a->field != NULL ?
	    a->field->type : NULL;

	if (vb != NULL && vb[0] == '\0')
		vb = NULL;
	if (va == NULL || vb == NULL)
		return va == NULL && vb == NULL;
	if (t != NULL && t->kind == FK_MULTICHOICE)
		return codes_have(va, vb);
	if (t != NULL && t->compare != NULL)
		return t->compare(va, vb) == 0;
	return strcmp(va, vb) == 0;
}

static int
ev_compare(const struct ev *ev, const struct expr *e)
{
	const struct field_type *t;
	const char *va, *vb;
	int unknown = 0, c;
	size_t i;

	va = ev_value(ev, e->a, &unknown);
	if (e->op == EX_IN) {
		if (unknown)
			return -1;
		for (i = 0; i < e->nitems; i++)
			if (ev_equal(e->a, va, lit_value(e->items[i])))
				return 1;
		return 0;
	}
	vb = ev_value(ev, e->b, &unknown);
	if (unknown)
		return -1;
	switch (e->op) {
	case EX_EQ:
		return ev_equal(e->a, va, vb);
	case EX_NE:
		return !ev_equal(e->a, va, vb);
	default:
		break;
	}
	if (va == NULL || vb == NULL || va[0] == '\0' || vb[0] == '\0')
		return 0;
	t = e->a->op == EX_FIELD && e->a->field != NULL ? e->a->field->type :
	    NULL;
	c = t != NULL && t->compare != NULL ? t->compare(va, vb) :
	    strcmp(va, vb);
	switch (e->op) {
	case EX_LT: return c < 0;
	case EX_LE: return c <= 0;
	case EX_GT: return c > 0;
	case EX_GE: return c >= 0;
	default: return 0;
	}
}

static int
ev_node(const struct ev *ev, const struct expr *e)
{
	int a, b, unknown = 0;
	const char *v;

	switch (e->op) {
	case EX_OR:
		a = ev_node(ev, e->a);
		b = ev_node(ev, e->b);
		if (a == 1 || b == 1)
			return 1;
		return a == 0 && b == 0 ? 0 : -1;
	case EX_AND:
		a = ev_node(ev, e->a);
		b = ev_node(ev, e->b);
		if (a == 0 || b == 0)
			return 0;
		return a == 1 && b == 1 ? 1 : -1;
	case EX_NOT:
		a = ev_node(ev, e->a);
		return a < 0 ? -1 : !a;
	case EX_FIELD:
	case EX_STATE:
	case EX_STRING:
	case EX_NUMBER:
	case EX_BOOL:
		v = ev_value(ev, e, &unknown);
		return unknown ? -1 : truthy(v);
	default:
		return ev_compare(ev, e);
	}
}

int
expr_eval(const struct expr *e, const struct expr_env *env)
{
	struct ev ev = { env, 1 };

	if (e == NULL)
		return 1;
	return ev_node(&ev, e) == 1;
}

int
expr_eval_state(const struct expr *e, const char *state)
{
	struct expr_env env = { NULL, NULL, state };
	struct ev ev = { &env, 0 };

	if (e == NULL)
		return 1;
	return ev_node(&ev, e);
}
