/*
 * html.c: the escaping formatter of the template layer (see html.h).
 */
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/banned.h"

/* vhtml hands snprintf the conversion it parsed from a literal format */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
/* One function: printf's interpreter loop, each conversion read and written where it stands. */
static enum gemis_err vhtml(struct buf *b, const char *fmt, va_list ap)
{
	enum gemis_err err = GEMIS_OK;
	const char *p = fmt;

	while (*p && !err) {
		const char *q = strchr(p, '%');
		char spec[32], tmp[128];
		size_t sl = 0;
		int prec = -1;
		bool star = false;
		int lng = 0; /* 1 l, 2 ll, 3 z */

		if (!q) {
			err = buf_puts(b, p);
			break;
		}
		if (q > p)
			err = buf_append(b, p, (size_t)(q - p));
		if (err)
			break;
		p = q + 1;
		if (*p == '%') {
			err = buf_putc(b, '%');
			p++;
			continue;
		}
		spec[sl++] = '%';
		while (*p && strchr("-+ #0", *p) && sl < 8)
			spec[sl++] = *p++;
		while (*p >= '0' && *p <= '9' && sl < 16)
			spec[sl++] = *p++;
		if (*p == '.') {
			p++;
			if (*p == '*') {
				star = true;
				p++;
			} else {
				prec = 0;
				while (*p >= '0' && *p <= '9')
					prec = prec * 10 + (*p++ - '0');
			}
		}
		if (*p == 'l') {
			lng = 1;
			p++;
			if (*p == 'l') {
				lng = 2;
				p++;
			}
		} else if (*p == 'z') {
			lng = 3;
			p++;
		}
		if (star)
			prec = va_arg(ap, int);
		switch (*p) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			size_t n;

			if (!s)
				s = "";
			n = strlen(s);
			if (prec >= 0 && (size_t)prec < n)
				n = (size_t)prec;
			err = buf_html_escape(b, s, n);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);

			err = buf_html_escape(b, &c, 1);
			break;
		}
		case 'd':
		case 'i':
		case 'u':
		case 'x': {
			static const char *const mods[] = {"", "l", "ll", "z"};

			snprintf(spec + sl, sizeof(spec) - sl, "%s%c", mods[lng], *p);
			if (lng == 0)
				snprintf(tmp, sizeof(tmp), spec, va_arg(ap, int));
			else if (lng == 1)
				snprintf(tmp, sizeof(tmp), spec, va_arg(ap, long));
			else if (lng == 2)
				snprintf(tmp, sizeof(tmp), spec, va_arg(ap, long long));
			else
				snprintf(tmp, sizeof(tmp), spec, va_arg(ap, size_t));
			err = buf_puts(b, tmp);
			break;
		}
		case 'f':
		case 'g': {
			if (prec >= 0)
				snprintf(spec + sl, sizeof(spec) - sl, ".%d%c", prec, *p);
			else
				snprintf(spec + sl, sizeof(spec) - sl, "%c", *p);
			snprintf(tmp, sizeof(tmp), spec, va_arg(ap, double));
			err = buf_puts(b, tmp);
			break;
		}
		default:
			/* a conversion this layer does not take: a programming
			 * error the format attribute lets through (%p, %n) */
			err = GEMIS_EINVAL;
			break;
		}
		if (*p)
			p++;
	}
	return err;
}

#pragma GCC diagnostic pop

void html(struct http_req *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vhtml(&r->out, fmt, ap))
		r->out_failed = true;
	va_end(ap);
}

enum gemis_err html_buf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	enum gemis_err err;

	va_start(ap, fmt);
	err = vhtml(b, fmt, ap);
	va_end(ap);
	return err;
}

void html_raw(struct http_req *r, const char *markup, size_t len)
{
	if (buf_append(&r->out, markup, len))
		r->out_failed = true;
}

void html_json(struct http_req *r, const char *id, const char *json, size_t len)
{
	size_t i, start = 0;

	html(r, "<script type=\"application/json\" id=\"%s\">", id);
	for (i = 0; i < len; i++) {
		if (json[i] == '<' || json[i] == '>' || json[i] == '&') {
			html_raw(r, json + start, i - start);
			html_raw(r, json[i] == '<' ? "\\u003c" : json[i] == '>' ? "\\u003e" : "\\u0026", 6);
			start = i + 1;
		}
	}
	html_raw(r, json + start, len - start);
	html_raw(r, "</script>", 9);
}
