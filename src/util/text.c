/*
 * text.c: UTF-8 validation, NFC, folding for matching, display width, number
 * parsing.  Uses utf8proc for normalisation and character properties.
 */
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "number.h"

#include "banned.h"

size_t text_utf8_prefix(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return i;
		i += (size_t)n;
	}
	return len;
}

bool text_valid_utf8(const char *s, size_t len)
{
	return text_utf8_prefix(s, len) == len;
}

enum gemis_err text_nfc(struct buf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t n;
	enum gemis_err err;

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &res,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0)
		return n == UTF8PROC_ERROR_NOMEM ? GEMIS_ENOMEM : GEMIS_EINVAL;
	err = buf_append(out, res, (size_t)n);
	free(res);
	return err;
}

enum gemis_err text_fold(struct buf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t n, i = 0;
	enum gemis_err err = GEMIS_OK;
	bool pending_space = false;
	size_t start = out->len;

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &res,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
				 UTF8PROC_STRIPMARK | UTF8PROC_COMPAT);
	if (n < 0)
		return n == UTF8PROC_ERROR_NOMEM ? GEMIS_ENOMEM : GEMIS_EINVAL;
	while (i < n && !err) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(res + i, n - i, &cp);
		utf8proc_category_t cat;

		if (k <= 0)
			break;
		i += k;
		if (cp == 0x0111 || cp == 0x0110) /* đ, Đ: no decomposition */
			cp = 'd';
		cat = utf8proc_category(cp);
		if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		    cat == UTF8PROC_CATEGORY_ND) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t m = utf8proc_encode_char(cp, enc);

			if (pending_space && out->len > start)
				err = buf_putc(out, ' ');
			pending_space = false;
			if (!err)
				err = buf_append(out, enc, (size_t)m);
		} else if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_ME) {
			pending_space = true;
		}
	}
	free(res);
	return err;
}

size_t text_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

size_t text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
		int cw;

		if (k <= 0) {
			p++;
			w++;
			continue;
		}
		p += k;
		cw = utf8proc_charwidth(cp);
		if (cw > 0)
			w += (size_t)cw;
	}
	return w;
}

char *text_trim(char *s)
{
	size_t n = strlen(s);
	char *p = s;

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (*p && isspace((unsigned char)*p))
		p++;
	if (p != s)
		memmove(s, p, strlen(p) + 1);
	return s;
}

static void trim_span(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

bool text_parse_number(const char *s, size_t len, double *out)
{
	return number_parse(s, len, out) == NUMBER_OK;
}

bool text_parse_long(const char *s, size_t len, long *out)
{
	long v = 0;
	size_t i;

	trim_span(&s, &len);
	if (len == 0)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (v > (LONG_MAX - (s[i] - '0')) / 10)
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

enum gemis_err text_cell(struct buf *b, const char *s, size_t w, bool right)
{
	size_t sw = text_width(s), i;

	if (sw > w) {
		const char *p = s;
		size_t used = 0;

		while (*p) {
			size_t clen = 1;
			char ch[8];

			while (p[clen] && ((unsigned char)p[clen] & 0xC0) == 0x80 && clen < 7)
				clen++;
			memcpy(ch, p, clen);
			ch[clen] = '\0';
			if (used + text_width(ch) > w - 1)
				break;
			used += text_width(ch);
			buf_append(b, p, clen);
			p += clen;
		}
		buf_puts(b, "…");
		for (i = used + 1; i < w; i++)
			buf_putc(b, ' ');
		return buf_error(b);
	}
	if (right) {
		for (i = sw; i < w; i++)
			buf_putc(b, ' ');
	}
	buf_puts(b, s);
	if (!right) {
		for (i = sw; i < w; i++)
			buf_putc(b, ' ');
	}
	return buf_error(b);
}

/* ASCII, the common case in plans, is folded without the Unicode tables. */
const char *text_fold_arena(struct arena *a, const char *s, size_t len)
{
	struct buf b;
	const char *r = NULL;
	size_t i;
	bool ascii = true;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x80) {
			ascii = false;
			break;
		}
	}
	if (ascii) {
		char *p = arena_alloc(a, len + 1);
		size_t j = 0;
		bool space = false;

		if (!p)
			return NULL;
		for (i = 0; i < len; i++) {
			if (isalnum((unsigned char)s[i])) {
				if (space && j)
					p[j++] = ' ';
				space = false;
				p[j++] = (char)tolower((unsigned char)s[i]);
			} else {
				space = true;
			}
		}
		p[j] = '\0';
		return p;
	}
	buf_init(&b, len * 4 + 64);
	if (text_fold(&b, s, len) == GEMIS_OK)
		r = arena_strndup(a, buf_str(&b), b.len);
	buf_release(&b);
	return r;
}

long text_control_at(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return (long)i;
	}
	return -1;
}
