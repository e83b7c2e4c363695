/*
 * buf.c: the bounded string builder.
 */
#include "buf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "banned.h"

void buf_init(struct buf *b, size_t max)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : BUF_MAX_DEFAULT;
	b->err = GEMIS_OK;
}

void buf_release(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->err = GEMIS_OK;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = GEMIS_OK;
	if (b->p)
		b->p[0] = '\0';
}

enum gemis_err buf_error(const struct buf *b)
{
	return b->err;
}

const char *buf_str(const struct buf *b)
{
	return b->p ? b->p : "";
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->p;

	if (!p) {
		p = calloc(1, 1);
		if (!p)
			return NULL;
	}
	if (len)
		*len = b->len;
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->err = GEMIS_OK;
	return p;
}

/* Records the first error of an append; returns the buf's error. */
static enum gemis_err failed(struct buf *b, enum gemis_err err)
{
	if (!b->err)
		b->err = err;
	return b->err;
}

static enum gemis_err grow(struct buf *b, size_t add)
{
	size_t need, cap;
	char *p;

	if (b->err)
		return b->err;
	if (add > b->max - b->len)
		return failed(b, GEMIS_ELIMIT);
	need = b->len + add + 1;
	if (need <= b->cap)
		return GEMIS_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	p = gemis_realloc(b->p, cap);
	if (!p)
		return failed(b, GEMIS_ENOMEM);
	b->p = p;
	b->cap = cap;
	return GEMIS_OK;
}

enum gemis_err buf_append(struct buf *b, const void *data, size_t len)
{
	enum gemis_err err = grow(b, len);

	if (err)
		return err;
	if (len)
		memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
	return GEMIS_OK;
}

enum gemis_err buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

enum gemis_err buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

enum gemis_err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	enum gemis_err err;

	if (b->err)
		return b->err;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return failed(b, GEMIS_EINVAL);
	err = grow(b, (size_t)n);
	if (err)
		return err;
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return GEMIS_OK;
}

enum gemis_err buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	enum gemis_err err;

	va_start(ap, fmt);
	err = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return err;
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->p[len] = '\0';
	}
}

enum gemis_err buf_json_escape(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;
	enum gemis_err err = GEMIS_OK;

	for (i = 0; i < len && !err; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		char u[7];

		switch (c) {
		case '"': rep = "\\\""; break;
		case '\\': rep = "\\\\"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\t': rep = "\\t"; break;
		case '<': rep = "\\u003c"; break; /* safe inside <script> too */
		default:
			if (c < 0x20) {
				u[0] = '\\';
				u[1] = 'u';
				u[2] = '0';
				u[3] = '0';
				u[4] = hex[c >> 4];
				u[5] = hex[c & 15];
				u[6] = '\0';
				rep = u;
			}
		}
		if (rep) {
			err = buf_append(b, s + start, i - start);
			if (!err)
				err = buf_puts(b, rep);
			start = i + 1;
		}
	}
	if (!err)
		err = buf_append(b, s + start, len - start);
	return err;
}

enum gemis_err buf_html_escape(struct buf *b, const char *s, size_t len)
{
	size_t i, start = 0;
	enum gemis_err err = GEMIS_OK;

	for (i = 0; i < len && !err; i++) {
		const char *rep = NULL;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: break;
		}
		if (rep) {
			err = buf_append(b, s + start, i - start);
			if (!err)
				err = buf_puts(b, rep);
			start = i + 1;
		}
	}
	if (!err)
		err = buf_append(b, s + start, len - start);
	return err;
}

enum gemis_err buf_put_number(struct buf *b, double v)
{
	char tmp[40];
	int prec;

	if (!isfinite(v))
		return buf_puts(b, "null");
	if (v == (double)(long long)v && fabs(v) < 1e15)
		return buf_printf(b, "%lld", (long long)v);
	for (prec = 6; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	return buf_puts(b, tmp);
}

enum gemis_err buf_read_file(struct buf *b, const char *path, struct errctx *e)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	enum gemis_err err = GEMIS_OK;

	if (!f)
		return err_set_at(e, GEMIS_EIO, path, "%s", strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		err = buf_append(b, chunk, n);
		if (err == GEMIS_ENOMEM) {
			err_set_at(e, err, path, "out of memory reading the file");
			break;
		}
		if (err) {
			err_set_at(e, err, path, "file too large (limit %zu bytes)", b->max);
			break;
		}
	}
	if (!err && ferror(f))
		err = err_set_at(e, GEMIS_EIO, path, "read error");
	fclose(f);
	return err;
}
