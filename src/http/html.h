/*
 * html.h: the template layer: HTML is written with html(), whose format
 * string is trusted markup written in the source and whose every %s
 * argument is escaped for text and attribute values.  Escaping is the
 * default; raw output is the rare, named case (html_raw(), for markup the
 * program itself built, such as an SVG chart).
 *
 *	html(r, "<a href=\"/indicator/%s?unit=%s\">%s</a>", id, code, name);
 *
 * Conversions: %s (escaped; %.*s with a length), %c (escaped), the integer
 * conversions of printf (%d %u %ld %lld %zu, flags and widths), %f and %g,
 * and %%.  The compiler checks the arguments (format attribute) and that
 * the format is a literal (-Wformat-nonliteral).  A value inside a URL
 * query goes through http_url_encode() first.
 */
#ifndef GEMIS_HTML_H
#define GEMIS_HTML_H

#include <stddef.h>

#include "http.h"
#include "util/buf.h"

void html(struct http_req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same into any buffer (for fragments built before they are placed). */
enum gemis_err html_buf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Markup the program built (never text from input). */
void html_raw(struct http_req *r, const char *markup, size_t len);
/* A JSON document for the page's script: <script type="application/json"
 * id="ID">...</script>, with '<' written \u003c so that no string inside
 * can close the element.  The CSP lets no inline script run; this one is
 * data. */
void html_json(struct http_req *r, const char *id, const char *json, size_t len);

#endif
