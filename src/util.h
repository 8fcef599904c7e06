/*
 * util.h — the bottom of every layer: memory that never returns NULL, a
 * growable byte buffer, positioned diagnostics, UTF-8 helpers, the error codes
 * shared by all layers, and the text normalisation used for index keys.
 *
 * Nothing here knows YAML, LMDB or curses.
 */
#ifndef GRIDBOOK_UTIL_H
#define GRIDBOOK_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* util.c: memory.  These never return NULL: out of memory is fatal(). */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
/* Grow *p (an array of *cap elements of size sz) so it holds at least n. */
void *xreallocarray(void *, size_t n, size_t sz);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/*
 * A bug or out of memory.  Calls the hook set by fatal_set_hook() first (the
 * tui sets one that calls endwin(), so the terminal is never left raw), then
 * prints "gridbook: fatal: ..." to stderr and aborts.
 */
_Noreturn void fatal(const char *, ...) __attribute__((format(printf, 1, 2)));
void fatal_set_hook(void (*)(void));

/*
 * Error codes returned by functions of every layer below the front ends:
 * 0 is success, the rest are negative.  gb_strerror() gives a lower-case
 * phrase; the specific message with what and where travels separately.
 */
enum gb_err {
	GB_OK = 0,
	GB_ENOTFOUND = -1,	/* no such record, key, draft */
	GB_EEXIST = -2,		/* unique value or key already present */
	GB_ECONFLICT = -3,	/* revision on disk differs from the one read */
	GB_EINVAL = -4,		/* invalid value, path or argument */
	GB_EPERM = -5,		/* the user may not do this */
	GB_EFULL = -6,		/* disk full, or map cannot grow */
	GB_EIO = -7,		/* I/O error, read-only directory */
	GB_EFORMAT = -8,	/* not a gridbook database, or a newer format */
	GB_EBUSY = -9,		/* locked by another process, reader table full */
	GB_EMAPFULL = -10,	/* internal: store map full, caller grows and retries */
};
const char *gb_strerror(int);

/* util.c: a growable buffer, always NUL-terminated after any buf_add. */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};
#define BUF_INIT { NULL, 0, 0 }
void buf_add(struct buf *, const void *, size_t);
void buf_adds(struct buf *, const char *);
void buf_addc(struct buf *, char);
void buf_addf(struct buf *, const char *, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *);
/* The contents as a string: never NULL ("" for an empty buffer). */
const char *buf_str(struct buf *);
/* Hand the string over: caller frees it; the buffer is empty afterwards. */
char *buf_steal(struct buf *);
void buf_free(struct buf *);

/* util.c: varints and big-endian integers for the codecs. */
void put_uvarint(struct buf *, uint64_t);
/* Returns bytes consumed, 0 on truncated or overlong input. */
size_t get_uvarint(const unsigned char *, size_t, uint64_t *);
void put_be64(unsigned char out[8], uint64_t);
uint64_t get_be64(const unsigned char in[8]);

/*
 * util.c: diagnostics with a position.  Collected, not printed at once, so a
 * loader reports every problem of a file.  line and col are 1-based; 0 means
 * "no position" (printed as file: msg).
 */
struct diag {
	char		*file;
	unsigned	 line;
	unsigned	 col;
	char		*msg;
};
struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
};
#define DIAGS_INIT { NULL, 0, 0 }
void diags_add(struct diags *, const char *file, unsigned line, unsigned col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* One line each: "file:line:col: msg". */
void diags_print(const struct diags *, FILE *);
void diags_free(struct diags *);

/* util-utf8.c: UTF-8.  Decoders reject overlong forms, surrogates, > U+10FFFF. */
/* Decode one code point at s (len bytes available).  Returns its length in
 * bytes, or 0 if the bytes there are not valid UTF-8. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns the length. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* Whether the len bytes at s are valid UTF-8; if not, *bad gets the offset of
 * the first bad byte (bad may be NULL). */
bool utf8_valid(const char *s, size_t len, size_t *bad);
/* Number of code points of a valid UTF-8 string. */
size_t utf8_chars(const char *);
/* Columns a code point takes on a terminal: 0, 1 or 2 (CJK are 2). */
int utf8_cpwidth(uint32_t);
/* Columns of a string; invalid bytes count as one column each. */
size_t utf8_width(const char *);
/* Length in bytes of the longest prefix of s that fits in cols columns,
 * never splitting a character. */
size_t utf8_fit(const char *s, size_t cols);

/*
 * util-norm.c: the normalised form of a value for index keys and searching:
 * full-width ASCII (U+FF01..U+FF5E) and the ideographic space to half-width,
 * Latin letters case-folded to lower case, leading and trailing white space
 * trimmed, runs of inner white space collapsed to one space.
 * Returns a malloc'd string; the caller frees it.
 */
char *norm_key(const char *);
/* Trim leading/trailing ASCII and ideographic spaces; malloc'd copy. */
char *str_trim(const char *);
/* Case-insensitive ASCII prefix test. */
bool str_startswith(const char *s, const char *prefix);
/* Edit distance for "did you mean" hints: insertions, deletions,
 * substitutions and swaps of neighbours count one each (bytes; short
 * strings). */
unsigned str_distance(const char *, const char *);
/* The candidate nearest to s within distance 1 when s has at most 4 bytes,
 * 2 when longer (or else one sharing a prefix of 3), or NULL. */
const char *str_suggest(const char *s, const char *const *cands, size_t n);

/*
 * util-json.c: a strict JSON parser (RFC 8259) for imports, and the string
 * writer of JSON output.  One value per call, with only white space around
 * it.  Strings are UTF-8 with every escape decoded (surrogate pairs joined;
 * a lone surrogate, \u0000, a raw control character or invalid UTF-8 is an
 * error); numbers keep their source text.  Object keys are unique (a
 * duplicate is an error).  Errors give a 1-based line and column (columns
 * count characters, not bytes).
 */
enum json_type {
	JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING,
	JSON_ARRAY, JSON_OBJECT,
};
struct json {
	enum json_type	 type;
	unsigned	 line;		/* where the value starts */
	unsigned	 col;
	char		*s;		/* STRING: the text; NUMBER: as written */
	size_t		 len;		/* bytes of s */
	struct json	*v;		/* ARRAY items; OBJECT member values */
	char		**keys;		/* OBJECT member names, in order */
	size_t		 n;
};
/* Limits against hostile input; a 0 takes the default. */
struct json_limits {
	unsigned	 depth;		/* nesting; default 64 */
	size_t		 size;		/* bytes of input; default 16 MiB */
	size_t		 string;	/* bytes of one string; default 1 MiB */
	size_t		 members;	/* items of one array or object;
					 * default 100000 */
};
struct json_err {
	unsigned	 line;
	unsigned	 col;
	char		 msg[256];	/* "expected ':' after the key, found ..." */
};
/*
 * Parse len bytes at text; positions start at line `line0` (0 means 1),
 * column 1.  Returns 0 and *out (free with json_free), or -1 and *err.
 */
int json_parse(const char *text, size_t len, const struct json_limits *,
    unsigned line0, struct json **out, struct json_err *err);
void json_free(struct json *);
/* The value of key in an object, or NULL. */
const struct json *json_get(const struct json *, const char *key);
/* "string", "number", "object"...: for messages. */
const char *json_type_name(enum json_type);
/* A JSON string (quoted, escaped) or null when s is NULL. */
void json_put_str(struct buf *, const char *s);

/*
 * util-csv.c: the text encodings of an imported file, and an RFC 4180 CSV
 * reader and cell writer.
 */
struct csv_err {
	unsigned	 line;		/* 1-based */
	unsigned	 col;		/* characters; 0 = no column */
	char		 msg[256];
};
/*
 * The UTF-8 text of a file's bytes: valid UTF-8 as is (a byte order mark
 * dropped); UTF-16 with a byte order mark converted; otherwise, unless the
 * bytes are mostly UTF-8 with a few bad ones, GB18030 (which contains GBK
 * and GB2312: old Excel ledgers) converted with iconv.  *enc names the
 * encoding read ("UTF-8", "UTF-8 with BOM", "UTF-16LE", "GB18030").  A NUL
 * byte, or bytes valid in none of them, is an error at its line and column.
 * Returns 0 and a malloc'd, NUL-terminated *out of *outlen bytes, or -1.
 */
int csv_decode(const char *in, size_t len, char **out, size_t *outlen,
    const char **enc, struct csv_err *);

struct csv_cell {
	char		*s;		/* the unquoted text, malloc'd */
	unsigned	 line;		/* where the cell starts */
	unsigned	 col;
};
struct csv_row {
	struct csv_cell	*v;
	size_t		 n;
	size_t		 cap;
	unsigned	 line;		/* the line the row starts on */
};
#define CSV_ROW_INIT { NULL, 0, 0, 0 }
#define CSV_CELL_MAX	(1u << 20)	/* bytes of one cell */
#define CSV_CELLS_MAX	10000		/* cells of one row */
struct csv {
	const char	*p;
	const char	*end;
	unsigned	 line;
	unsigned	 col;
};
/* Read UTF-8 text (from csv_decode).  Cells are separated by ',', rows by
 * CRLF, LF or CR; a quoted cell may hold ',', '"' (doubled) and line
 * breaks; a quote inside an unquoted cell is kept as it is. */
void csv_init(struct csv *, const char *text, size_t len);
/* The next row into r (cleared first): 1, or 0 at the end, or -1 with the
 * problem in err (a quote not closed, text after a closing quote, limits);
 * reading stops at an error. */
int csv_read(struct csv *, struct csv_row *r, struct csv_err *err);
void csv_row_free(struct csv_row *);
/* One cell, quoted when it holds ',', '"', CR or LF, or starts or ends with
 * a space. */
void csv_put_cell(struct buf *, const char *s);

#endif
