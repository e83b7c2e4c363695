/*
 * message.c: what handlers read from a request and write into its answer:
 * the request's headers and cookies, the answer's headers, cookies, body
 * and redirects.  Apart from the server that carries requests (server.c)
 * and the router that dispatches them (router.c), which both call it.
 */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#include "util/banned.h"

/* --- the request ---------------------------------------------------------- */

const char *http_header(const struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value((struct MHD_Connection *)r->conn, MHD_HEADER_KIND, name);
}

struct cookie_search {
	const char *name;
	char value[HTTP_CREDENTIAL_MAX + 1];
	bool found;
};

/* Called for each request header; looks in every Cookie header (a proxy
 * may pass several), the first found wins. */
static enum MHD_Result cookie_header(void *ctx, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	struct cookie_search *c = ctx;

	(void)kind;
	if (key && value && strcasecmp(key, "Cookie") == 0 &&
	    http_cookie_in(value, strlen(value), c->name, c->value, sizeof(c->value))) {
		c->found = true;
		return MHD_NO;
	}
	return MHD_YES;
}

const char *http_cookie(struct http_req *r, const char *name)
{
	struct cookie_search c;
	char full[96];

	/* read by gemis's parser (credentials.c), not libmicrohttpd's */
	if (r->srv->conf.secure_cookies || r->tls) {
		snprintf(full, sizeof(full), "__Host-%s", name);
		name = full;
	}
	c.name = name;
	c.found = false;
	MHD_get_connection_values((struct MHD_Connection *)r->conn, MHD_HEADER_KIND, cookie_header, &c);
	return c.found ? arena_strdup(&r->arena, c.value) : NULL;
}

/* --- the answer ----------------------------------------------------------- */

void http_set_header(struct http_req *r, const char *name, const char *value)
{
	struct http_header *h = arena_alloc(&r->arena, sizeof(*h));

	if (!h) {
		r->out_failed = true;
		return;
	}
	h->name = arena_strdup(&r->arena, name);
	h->value = arena_strdup(&r->arena, value);
	if (!h->name || !h->value) {
		r->out_failed = true;
		return;
	}
	h->next = r->headers;
	r->headers = h;
}

static const char *cookie_name(const struct http_req *r, const char *base)
{
	/* __Host- cookies are refused by browsers unless Secure, Path=/ and
	 * without Domain: a sibling subdomain cannot plant them */
	if (r->srv->conf.secure_cookies || r->tls)
		return arena_printf((struct arena *)&r->arena, "__Host-%s", base);
	return base;
}

void http_set_cookie(struct http_req *r, const char *name, const char *value, long max_age)
{
	char age[48] = "";
	const char *line;

	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	line = arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
			    cookie_name(r, name), value,
			    r->srv->conf.secure_cookies || r->tls ? "; Secure" : "", age);
	if (line)
		http_set_header(r, "Set-Cookie", line);
	else
		r->out_failed = true;
}

enum gemis_err http_redirect(struct http_req *r, const char *path)
{
	size_t i, n = path ? strlen(path) : 0;
	bool ok = n > 0 && n < 1024 && path[0] == '/' && (n == 1 || path[1] != '/');

	for (i = 0; ok && i < n; i++) {
		unsigned char c = (unsigned char)path[i];

		if (c < 0x20 || c == 0x7f || c == '\\')
			ok = false;
	}
	r->status = 303;
	http_set_header(r, "Location", ok ? path : "/");
	r->ctype = "text/plain; charset=utf-8";
	buf_reset(&r->out);
	return GEMIS_OK;
}

void http_write(struct http_req *r, const char *data, size_t len)
{
	if (buf_append(&r->out, data, len))
		r->out_failed = true;
}
