/*
 * buf.h: a growable byte buffer with a hard maximum size (after curl's dynbuf
 * and git's strbuf).  Anything filled from input goes through a buf, so that a
 * hostile input cannot grow memory without bound: an append past `max`
 * fails with GEMIS_ELIMIT and leaves the buffer as it was.
 *
 * The contents are always NUL-terminated (the NUL is not counted in len).
 * A zeroed struct buf is not usable: call buf_init() first.
 *
 * A buf remembers its first error (as SQLite's StrAccum and curl's dynbuf
 * do): once an append has failed, later appends do nothing and return that
 * error, and buf_error() tells it.  Code that builds text writes its
 * appends one after the other and checks once, at the end, getting the
 * code of what went wrong first (GEMIS_ELIMIT for a size limit, not "out
 * of memory").  buf_reset() starts over and forgets the error.
 */
#ifndef GEMIS_BUF_H
#define GEMIS_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "err.h"

struct buf {
	char *p;    /* owned; NULL until the first append */
	size_t len; /* bytes used, excluding the NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* hard limit on len */
	enum gemis_err err; /* the first append that failed, or GEMIS_OK */
};

#define BUF_MAX_DEFAULT ((size_t)64 << 20)

void buf_init(struct buf *b, size_t max);
/* Frees the contents; the buf can be reused after buf_init(). */
void buf_release(struct buf *b);
/* Empties the buf and forgets its error. */
void buf_reset(struct buf *b);
/* The first error of an append since buf_init() or buf_reset(). */
enum gemis_err buf_error(const struct buf *b);
/* Returns the contents, never NULL ("" when empty); borrowed until the next append. */
const char *buf_str(const struct buf *b);
/* Hands the contents to the caller (caller frees) and empties the buf. */
char *buf_detach(struct buf *b, size_t *len);

enum gemis_err buf_append(struct buf *b, const void *data, size_t len);
enum gemis_err buf_puts(struct buf *b, const char *s);
enum gemis_err buf_putc(struct buf *b, char c);
enum gemis_err buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum gemis_err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Shortens the contents to len bytes (len <= b->len); the error stays. */
void buf_truncate(struct buf *b, size_t len);

/* Appends s escaped for a JSON string body (without the quotes). */
enum gemis_err buf_json_escape(struct buf *b, const char *s, size_t len);
/* Appends s escaped for HTML text and attribute values. */
enum gemis_err buf_html_escape(struct buf *b, const char *s, size_t len);
/* Appends a number the shortest way that reads back the same ("41.2", "3"). */
enum gemis_err buf_put_number(struct buf *b, double v);

/* Reads a whole file into b; fails with GEMIS_ELIMIT past b->max. */
enum gemis_err buf_read_file(struct buf *b, const char *path, struct errctx *e);

#endif
