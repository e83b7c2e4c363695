/*
 * status.c: from an error code to an HTTP answer, in one place, and the
 * headers every answer carries.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "internal.h"

#include "util/banned.h"

enum gemis_err http_json(struct http_req *r, int status, void *json_value)
{
	json_t *v = json_value;
	char *s;

	if (!v)
		return http_fail(r, GEMIS_ENOMEM, "out of memory");
	s = json_dumps(v, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(v);
	if (!s)
		return http_fail(r, GEMIS_ENOMEM, "out of memory");
	r->status = status;
	r->ctype = "application/json; charset=utf-8";
	http_write(r, s, strlen(s));
	http_write(r, "\n", 1);
	free(s);
	return GEMIS_OK;
}

int http_status_of(const struct http_req *r, enum gemis_err err)
{
	switch (err) {
	case GEMIS_OK:
		return r->status ? r->status : 200;
	case GEMIS_EINVAL:
	case GEMIS_EFORMAT:
		return 400;
	case GEMIS_EAUTH:
		return 401;
	case GEMIS_EPERM:
		return 403;
	case GEMIS_ENOTFOUND:
		return 404;
	case GEMIS_ECONFLICT:
		return 409;
	case GEMIS_ELIMIT:
		/* too many attempts when the handler says when to come back,
		 * else too large */
		return r->retry_after > 0 ? 429 : 413;
	case GEMIS_ENOMEM:
	case GEMIS_EIO:
	case GEMIS_EDB:
		return 500;
	}
	return 500;
}

/* What people are told: the message the code set, except where it could
 * tell more than they may know (403, 404) or than is useful (500). */
static const char *public_message(const struct http_req *r, int status)
{
	switch (status) {
	case 401:
		return _("Sign in to see this page.");
	case 403:
		return _("You do not have access to this page, or it does not exist.");
	case 404:
		return _("This page does not exist.");
	case 405:
		return _("This address does not take this method.");
	case 500:
		return _("Something went wrong on the server; the error was logged.");
	default:
		return r->err.msg[0] ? r->err.msg : err_name(r->err.code);
	}
}

static void json_error(struct http_req *r, int status, const char *msg)
{
	json_t *o = json_object(), *er = json_object();

	json_object_set_new(er, "status", json_integer(status));
	json_object_set_new(er, "message", json_string(msg));
	if (r->err.where[0] && status == 400)
		json_object_set_new(er, "field", json_string(r->err.where));
	json_object_set_new(o, "error", er);
	if (r->diags && r->diags->n > 0) {
		json_t *list = json_array();
		size_t i;

		for (i = 0; i < r->diags->n; i++) {
			const struct diag *d = &r->diags->d[i];
			json_t *x = json_object();

			if (d->line > 0)
				json_object_set_new(x, "line", json_integer(d->line));
			if (d->field[0])
				json_object_set_new(x, "field", json_string(d->field));
			json_object_set_new(x, "message", json_string(d->msg));
			json_array_append_new(list, x);
		}
		json_object_set_new(o, "problems", list);
		json_object_set_new(o, "problem_count", json_integer((json_int_t)r->diags->total));
	}
	buf_reset(&r->out);
	http_json(r, status, o);
}

static void plain_page(struct http_req *r, int status, const char *msg)
{
	r->ctype = "text/html; charset=utf-8";
	html(r, "<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\"><title>%d</title></head>"
		"<body><h1>%d</h1><p>%s</p></body></html>\n",
	     i18n_lang_code(r->lang), status, status, msg);
}

void http_render_error(struct http_req *r, enum gemis_err err)
{
	int status = http_status_of(r, err);
	const char *msg;

	if (r->status == 405 && err == GEMIS_EINVAL)
		status = 405;
	msg = public_message(r, status);
	if (status >= 500)
		fprintf(stderr, "gemis serve: %s %s: %s%s%s\n", r->head ? "HEAD" : "", r->path,
			r->err.where[0] ? r->err.where : "", r->err.where[0] ? ": " : "",
			r->err.msg[0] ? r->err.msg : err_name(err));
	if (status == 429 && r->retry_after > 0) {
		char s[32];

		snprintf(s, sizeof(s), "%ld", r->retry_after);
		http_set_header(r, "Retry-After", s);
	}
	if (r->route && (r->route->flags & ROUTE_API)) {
		if (status == 401)
			http_set_header(r, "WWW-Authenticate", "Bearer realm=\"gemis\"");
		json_error(r, status, msg);
		return;
	}
	r->status = status;
	if (r->keep_body && !r->out_failed && r->out.len > 0)
		return;
	buf_reset(&r->out);
	r->out_failed = false;
	if (status == 401 && r->srv->conf.login_page) {
		r->srv->conf.login_page(r);
		r->status = 401;
		return;
	}
	if (r->srv->conf.error_page)
		r->srv->conf.error_page(r, status, msg);
	else
		plain_page(r, status, msg);
	r->status = status;
}

enum gemis_err http_keep_body(struct http_req *r, enum gemis_err err)
{
	r->keep_body = true;
	return err;
}

enum gemis_err http_fail(struct http_req *r, enum gemis_err code, const char *fmt, ...)
{
	va_list ap;

	r->err.code = code;
	r->err.where[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(r->err.msg, sizeof(r->err.msg), fmt, ap);
	va_end(ap);
	return code;
}

void http_security_headers(struct http_req *r)
{
	const struct http_config *c = &r->srv->conf;

	http_set_header(r, "Content-Security-Policy",
			"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
			" connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self';"
			" form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
	http_set_header(r, "X-Content-Type-Options", "nosniff");
	http_set_header(r, "Referrer-Policy", "same-origin");
	http_set_header(r, "X-Frame-Options", "DENY");
	http_set_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	http_set_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	http_set_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if (c->secure_cookies || r->tls)
		http_set_header(r, "Strict-Transport-Security", "max-age=31536000");
}
