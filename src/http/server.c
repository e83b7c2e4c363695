/*
 * server.c: the HTTP server on libmicrohttpd: a thread pool over epoll with
 * keep-alive, bounded request bodies and idle timeouts, one request at a
 * time per connection.
 *
 * libmicrohttpd calls the access handler several times per request: first
 * with the headers, then with each piece of the body, then once more with
 * nothing.  We answer only on the last call: an answer queued on the first
 * call makes the server close the connection (no keep-alive), which we
 * want only when a body is refused for its size.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>

#include "guard.h"
#include "internal.h"
#include "store/store.h"
#include "util/embed.h"
#include "util/sandbox.h"
#include "util/text.h"

#include "util/banned.h"

void http_config_defaults(struct http_config *c)
{
	memset(c, 0, sizeof(*c));
	c->listen = "127.0.0.1";
	c->port = 8080;
	c->threads = 4;
	c->max_body = (size_t)1 << 20;
	c->max_upload = (size_t)20 << 20;
	c->timeout = 30;
	c->request_limit = 120;
	c->header_timeout = 15;
	c->send_limit = 300;
	c->max_connections = 1000;
	c->max_per_address = 128;
	c->reload_ms = 250;
	c->access_log = true;
	c->sessions = session_policy_default;
	/* the accounts that read the case register or manage everyone's */
	c->two_step_roles = 1u << ROLE_ADMIN | 1u << ROLE_CASEWORKER;
}

/* Bodies or answers at least this large are followed by malloc_trim(). */
#define HTTP_TRIM_AFTER ((size_t)1 << 20)

/* Where a request is: run here on its event loop, or handed to a writer
 * thread (writers.c) and parked, or its answer ready to send. */
enum conn_stage {
	STAGE_HERE,
	STAGE_PARKED,
	STAGE_ANSWERED,
};

/* Everything of one request, from its first call to its completion. */
struct conn_state {
	struct http_req r; /* first: a write_job's request is its conn_state */
	struct write_job job;
	enum conn_stage stage;
	struct buf body;
	size_t limit;
	bool too_big;
	bool refused; /* answered from the headers, the body unread */
	const struct route *route; /* from the headers: for the form of an early error */
	long long start_ns;
};

/* The guard's record of the connection (guard.c), or NULL. */
static struct guard_conn *watched(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct qcollect {
	struct http_req *r;
	size_t cap;
	bool bad;
	char bad_key[40]; /* the parameter that was refused, when known */
};

static int hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* %HH of a control character (C0 or DEL): kept as written by unescape(). */
static bool control_escape(const char *s)
{
	int h = hexdigit(s[1]), l = h >= 0 ? hexdigit(s[2]) : -1;

	return s[0] == '%' && h >= 0 && l >= 0 && (h * 16 + l < 0x20 || h * 16 + l == 0x7f);
}

static bool has_control_escape(const char *s)
{
	for (; *s; s++) {
		if (control_escape(s))
			return true;
	}
	return false;
}

/* Decodes the %HH of a path or query, except a control character's,
 * which stays written out so that the request is refused naming it
 * rather than cut at a NUL (/api/v1/units/03390%00 answered as 03390). */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *w = s;
	const char *p = s;

	(void)cls;
	(void)c;
	while (*p) {
		int h = p[0] == '%' ? hexdigit(p[1]) : -1, l = h >= 0 ? hexdigit(p[2]) : -1;

		if (h >= 0 && l >= 0 && !control_escape(p)) {
			*w++ = (char)(h * 16 + l);
			p += 3;
		} else {
			*w++ = *p++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
				     size_t key_size, const char *value, size_t value_size)
{
	struct qcollect *q = cls;
	struct http_req *r = q->r;
	struct http_kv *kv;

	(void)kind;
	if (!value) {
		value = "";
		value_size = 0;
	}
	if (!text_valid_utf8(key, key_size) || !text_valid_utf8(value, value_size) ||
	    strlen(key) != key_size || strlen(value) != value_size || has_control_escape(key) ||
	    has_control_escape(value)) {
		q->bad = true;
		if (text_valid_utf8(key, key_size) && strlen(key) == key_size && !has_control_escape(key))
			snprintf(q->bad_key, sizeof(q->bad_key), "%s", key);
		return MHD_NO;
	}
	if (r->nquery == q->cap) {
		size_t ncap = q->cap ? q->cap * 2 : 8;
		struct http_kv *n = arena_alloc(&r->arena, ncap * sizeof(*n));

		if (!n || ncap > 4000) {
			q->bad = true;
			return MHD_NO;
		}
		if (r->nquery)
			memcpy(n, r->query, r->nquery * sizeof(*n));
		r->query = n;
		q->cap = ncap;
	}
	kv = &r->query[r->nquery++];
	kv->name = key;
	kv->value = value;
	kv->len = value_size;
	return MHD_YES;
}

static unsigned method_of(const char *m, bool *head)
{
	*head = false;
	if (strcmp(m, "GET") == 0)
		return HTTP_GET;
	if (strcmp(m, "HEAD") == 0) {
		*head = true;
		return HTTP_GET;
	}
	if (strcmp(m, "POST") == 0)
		return HTTP_POST;
	if (strcmp(m, "PUT") == 0)
		return HTTP_PUT;
	if (strcmp(m, "DELETE") == 0)
		return HTTP_DELETE;
	return 0;
}

static void client_ip(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(out, n, "?");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, out,
			  (socklen_t)n);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr,
			  out, (socklen_t)n);
}

/* Behind a proxy on this machine, the client is the address the proxy
 * appended last to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for);
 * only loopback peers are believed, and only a well-formed address. */
static void forwarded_ip(struct MHD_Connection *c, char *ip, size_t n)
{
	const char *xff, *last;
	char cand[64];
	unsigned char tmp[16];
	size_t len;

	if (strcmp(ip, "127.0.0.1") != 0 && strcmp(ip, "::1") != 0)
		return;
	xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
	if (!xff)
		return;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	len = strlen(last);
	while (len && last[len - 1] == ' ')
		len--;
	if (len == 0 || len >= sizeof(cand))
		return;
	memcpy(cand, last, len);
	cand[len] = '\0';
	if (inet_pton(AF_INET, cand, tmp) == 1 || inet_pton(AF_INET6, cand, tmp) == 1)
		snprintf(ip, n, "%s", cand);
}

static bool header_set(const struct http_req *r, const char *name)
{
	const struct http_header *h;

	for (h = r->headers; h; h = h->next) {
		if (strcasecmp(h->name, name) == 0)
			return true;
	}
	return false;
}

/* Pages and JSON travel compressed to clients that accept gzip (a
 * dashboard of 27 KB is 6 KB on the wire).  The CSRF token in a page is
 * masked afresh in every answer (http_csrf_token()), so compression does
 * not let a page leak it byte by byte. */
static void compress_answer(struct http_req *r)
{
	const char *ae = http_header(r, "Accept-Encoding"), *ct = r->ctype ? r->ctype : "text/html";
	struct buf z;

	if (r->out.len < 1024 || r->out_failed || !ae || !strstr(ae, "gzip") ||
	    (strncmp(ct, "text/html", 9) != 0 && strncmp(ct, "application/json", 16) != 0))
		return;
	http_set_header(r, "Vary", "Accept-Encoding");
	buf_init(&z, r->out.len + 1024);
	if (http_gzip(r->out.p, r->out.len, 6, &z) && z.len < r->out.len) {
		buf_release(&r->out);
		r->out = z;
		http_set_header(r, "Content-Encoding", "gzip");
		return;
	}
	buf_release(&z);
}

static enum MHD_Result send_answer(struct MHD_Connection *c, struct http_req *r)
{
	struct MHD_Response *resp;
	const struct http_header *h;
	enum MHD_Result ret;
	int status = r->status ? r->status : 200;

	http_security_headers(r);
	if (!header_set(r, "Cache-Control"))
		http_set_header(r, "Cache-Control", "no-store");
	if (r->persist) {
		resp = MHD_create_response_from_buffer(r->persist_len, (void *)r->persist,
						       MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len = r->out.len;
		char *body;

		compress_answer(r);
		body = buf_detach(&r->out, &len);

		if (body)
			resp = MHD_create_response_from_buffer_with_free_callback(len, body, free);
		else
			resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (!resp)
			free(body);
	}
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "text/html; charset=utf-8");
	for (h = r->headers; h; h = h->next)
		MHD_add_response_header(resp, h->name, h->value);
	ret = MHD_queue_response(c, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void finish(struct http_server *s, struct conn_state *cs)
{
	struct http_req *r = &cs->r;
	/* an upload's file is parsed outside the arena too (a DOCX's XML, a
	 * PDF's text) */
	bool large = cs->limit > s->conf.max_body || cs->body.cap >= HTTP_TRIM_AFTER ||
		     r->out.cap >= HTTP_TRIM_AFTER || r->arena.total >= HTTP_TRIM_AFTER;

	if (r->snapref)
		live_put(&s->live, r->snapref);
	dbpool_put(&s->pool, r->db);
	r->snapref = NULL;
	r->snap = NULL;
	r->db = NULL;
	sodium_memzero(&r->session, sizeof(r->session));
	arena_release(&r->arena);
	buf_release(&r->out);
	buf_release(&cs->body);
	free(cs);
	/* a large body or answer leaves the heap grown; give it back, so that
	 * uploads do not ratchet the server's memory up */
	if (large)
		malloc_trim(0);
}

static void log_line(struct http_server *s, struct conn_state *cs, const char *method)
{
	struct http_req *r = &cs->r;
	const struct route *rt = r->route ? r->route : cs->route;
	/* the path only: no query, no cookies, no bodies in the log; for the
	 * case register not even that (a case code), its route's pattern */
	const char *path = rt && (rt->flags & ROUTE_PRIVATE) ? rt->pattern : r->path;

	if (!s->conf.access_log)
		return;
	fprintf(stderr, "%s %s %.200s %d %lldms%s%s\n", r->ip, method, path ? path : "?",
		r->status ? r->status : 200, (mono_ns() - cs->start_ns) / 1000000,
		r->signed_in ? " " : "", r->signed_in ? r->user.name : "");
}

/* Gives the database connection and the snapshot back before the client
 * reads the answer. */
static void release_resources(struct http_server *s, struct http_req *r)
{
	if (r->diags)
		diags_release(r->diags);
	r->diags = NULL;
	if (r->snapref)
		live_put(&s->live, r->snapref);
	dbpool_put(&s->pool, r->db);
	r->snapref = NULL;
	r->snap = NULL;
	r->db = NULL;
}

/* What the framing headers of a request say (RFC 9112 section 6). */
struct framing {
	int content_length, transfer_encoding, host; /* how many of each */
	bool bad_name;                               /* a field name that is no token */
};

static bool token_char(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       (ch && strchr("!#$%&'*+-.^_`|~", ch));
}

/* Transfer-Encoding: a list of codings of which gemis knows chunked alone;
 * chunked must come once, last (section 6.1). */
static int codings_status(const char *v, int *chunked_seen)
{
	while (*v) {
		const char *start, *end;
		size_t n;

		while (*v == ' ' || *v == '\t' || *v == ',')
			v++;
		if (!*v)
			break;
		start = v;
		while (*v && *v != ',')
			v++;
		end = v;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		n = (size_t)(end - start);
		if (*chunked_seen)
			return 400; /* something after chunked, or chunked twice */
		if (n == 7 && strncasecmp(start, "chunked", 7) == 0)
			*chunked_seen = 1;
		else
			return 501;
	}
	return 0;
}

static enum MHD_Result collect_framing(void *cls, enum MHD_ValueKind kind, const char *key,
				       size_t key_size, const char *value, size_t value_size)
{
	struct framing *f = cls;
	size_t i;

	(void)kind;
	(void)value;
	(void)value_size;
	if (key_size == 0)
		f->bad_name = true;
	for (i = 0; i < key_size; i++) {
		if (!token_char((unsigned char)key[i]))
			f->bad_name = true;
	}
	if (strcasecmp(key, "Content-Length") == 0)
		f->content_length++;
	else if (strcasecmp(key, "Host") == 0)
		f->host++;
	else if (strcasecmp(key, "Transfer-Encoding") == 0)
		f->transfer_encoding++;
	return MHD_YES;
}

/* 0 when the request's framing is sound, else the status to answer it with
 * before closing the connection: 400 for Content-Length with
 * Transfer-Encoding, Content-Length more than once, a field name with a
 * space or another character no token has, Transfer-Encoding in HTTP/1.0,
 * chunked not last or twice, no Host (HTTP/1.1) or two; 501 for a
 * transfer coding other than chunked.  A request framed two ways could be
 * read one way here and another way by a proxy in front (request
 * smuggling), so none of it is guessed at. */
static int framing_status(struct MHD_Connection *c, const char *version)
{
	struct framing f = {0};
	const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
	bool http11 = version && strcmp(version, "HTTP/1.1") == 0;
	int chunked = 0, status;

	MHD_get_connection_values_n(c, MHD_HEADER_KIND, collect_framing, &f);
	if (f.bad_name || f.content_length > 1 || f.host > 1 || (http11 && f.host == 0))
		return 400;
	if (f.transfer_encoding == 0)
		return 0;
	if (f.content_length || f.transfer_encoding > 1 || !http11)
		return 400;
	status = codings_status(te ? te : "", &chunked);
	if (status)
		return status;
	return chunked ? 0 : 400;
}

/* A request's first call, its headers read: its state set up, and an
 * answer at once when the framing is bad, the body too large or not
 * allowed; otherwise the body (if any) is read next. */
static enum MHD_Result request_begins(struct http_server *s, struct MHD_Connection *c, const char *url,
				      const char *method, const char *version, void **con_cls)
{
	struct conn_state *cs;
	struct http_req *r;
	enum MHD_Result ret;
	const char *cl;
	const struct route *rt;
	bool other, body = false;
	int framing;

	cs = calloc(1, sizeof(*cs));
	if (!cs)
		return MHD_NO;
	*con_cls = cs;
	cs->start_ns = mono_ns();
	r = &cs->r;
	r->srv = s;
	r->conn = c;
	arena_init(&r->arena, (size_t)64 << 20);
	buf_init(&r->out, (size_t)64 << 20);
	r->now = (long long)time(NULL);
	r->tls = s->conf.tls_cert != NULL;
	r->method = method_of(method, &r->head);
	r->path = arena_strdup(&r->arena, url);
	client_ip(c, r->ip, sizeof(r->ip));
	if (s->conf.trust_proxy)
		forwarded_ip(c, r->ip, sizeof(r->ip));
	rt = http_route_find(s, &r->arena, r->method ? r->method : HTTP_GET, url, r->args,
			     &r->nargs, &other);
	cs->route = rt;
	framing = framing_status(c, version);
	if (framing) {
		/* answered and closed: nothing behind it is read */
		atomic_fetch_add(&s->requests, 1);
		r->status = framing;
		r->ctype = "text/plain; charset=utf-8";
		http_set_header(r, "Connection", "close");
		http_write(r, framing == 501 ? "transfer coding not implemented\n" : "bad request framing\n",
			   framing == 501 ? 32 : 20);
		cs->refused = true;
		ret = send_answer(c, r);
		guard_phase(s->guard, watched(c), GUARD_SENDING, false);
		log_line(s, cs, method);
		return ret;
	}
	cs->limit = rt && (rt->flags & ROUTE_UPLOAD) ? s->conf.max_upload : s->conf.max_body;
	/* what needs no account (the sign-in form) takes a small body */
	if (!rt || (rt->flags & (ROUTE_PUBLIC | ROUTE_BARE)))
		cs->limit = cs->limit < HTTP_PUBLIC_BODY_MAX ? cs->limit : HTTP_PUBLIC_BODY_MAX;
	buf_init(&cs->body, cs->limit);
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	if (cl) {
		long n;

		if (!text_parse_long(cl, strlen(cl), &n) || n < 0 || (size_t)n > cs->limit)
			cs->too_big = true;
		body = n > 0;
	}
	if (MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding"))
		body = true;
	if (cs->too_big) {
		/* refuse at once: the connection closes without reading the body */
		r->status = 413;
		r->ctype = "text/plain; charset=utf-8";
		http_write(r, "request too large\n", 18);
	} else if (body) {
		/* a body is read only for someone who may send it */
		enum gemis_err err = http_admit(r);

		if (!err) {
			/* a signed-in body is never ended to make room */
			guard_phase(s->guard, watched(c), GUARD_BODY,
				    rt && !(rt->flags & (ROUTE_PUBLIC | ROUTE_BARE)));
			return MHD_YES;
		}
		atomic_fetch_add(&s->requests, 1);
		http_render_error(r, err);
		cs->refused = true;
	} else {
		guard_phase(s->guard, watched(c), GUARD_HANDLING, false);
		return MHD_YES;
	}
	/* answered before the body: the connection closes without reading it */
	ret = send_answer(c, r);
	guard_phase(s->guard, watched(c), GUARD_SENDING, false);
	log_line(s, cs, method);
	release_resources(s, r);
	return ret;

}

/* Checks what the event loop can check of a request read whole (its size,
 * path and query); false when it has answered already. */
static bool ready_to_dispatch(struct conn_state *cs, struct MHD_Connection *c)
{
	struct http_req *r = &cs->r;
	struct qcollect q = {r, 0, false, ""};

	if (cs->too_big) {
		http_render_error(r, http_fail(r, GEMIS_ELIMIT, "request too large"));
		return false;
	}
	if (!r->path || !text_valid_utf8(r->path, strlen(r->path))) {
		http_render_error(r, http_fail(r, GEMIS_EINVAL, "%s", _("the path is not valid UTF-8")));
		return false;
	}
	if (has_control_escape(r->path)) {
		http_render_error(r, http_fail(r, GEMIS_EINVAL, "%s", _("the path holds a control character")));
		return false;
	}
	r->body = buf_str(&cs->body);
	r->body_len = cs->body.len;
	r->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_query, &q);
	if (q.bad && q.bad_key[0]) {
		http_render_error(r, err_set_at(&r->err, GEMIS_EINVAL, q.bad_key,
						_("the query parameter '%s' is not valid UTF-8, or "
						  "holds a control character"),
						q.bad_key));
		return false;
	}
	if (q.bad) {
		http_render_error(r, http_fail(r, GEMIS_EINVAL, "%s",
					       _("the query string is not valid UTF-8, or holds a control "
						 "character")));
		return false;
	}
	r->nargs = 0;
	return true;
}

/* The answer in r sent, the resources given back. */
static enum MHD_Result answer_now(struct http_server *s, struct conn_state *cs, struct MHD_Connection *c,
				  const char *method)
{
	struct http_req *r = &cs->r;
	enum MHD_Result ret;

	ret = send_answer(c, r);
	guard_phase(s->guard, watched(c), GUARD_SENDING, r->signed_in);
	log_line(s, cs, method);
	release_resources(s, r);
	return ret;
}

/* A write's connection waits, suspended, while a writer thread runs it
 * (writers.c); its event loop goes on serving the others. */
static void job_park(struct write_job *j)
{
	struct http_req *r = j->r;

	MHD_suspend_connection(r->conn);
}

static void job_done(struct write_job *j)
{
	struct MHD_Connection *c = j->r->conn;
	/* the request's state is the connection's: set before the resume,
	 * which may let its event loop send the answer and free it */
	struct conn_state *cs = (struct conn_state *)(void *)j->r;

	cs->stage = STAGE_ANSWERED;
	MHD_resume_connection(c);
}

/* Requests that change the data run on the writer threads. */
static bool hand_to_writers(struct http_server *s, struct conn_state *cs)
{
	struct http_req *r = &cs->r;
	const struct route *rt = cs->route;

	if (r->method == HTTP_GET || !rt || (rt->flags & ROUTE_BARE) || !s->writers)
		return false;
	cs->job.r = r;
	cs->job.group = (rt->flags & ROUTE_GROUP) != 0;
	cs->job.park = job_park;
	cs->job.done = job_done;
	cs->stage = STAGE_PARKED;
	if (writers_submit(s->writers, &cs->job))
		return true;
	cs->stage = STAGE_HERE;
	return false;
}

/* The request read whole: dispatched to its handler (or refused for its
 * path, query or size) and answered; a write is answered once a writer
 * thread has run it and resumed the connection. */
static enum MHD_Result request_answer(struct http_server *s, struct conn_state *cs, struct MHD_Connection *c,
				      const char *method)
{
	struct http_req *r = &cs->r;

	atomic_fetch_add(&s->requests, 1);
	guard_phase(s->guard, watched(c), GUARD_HANDLING, false);
	r->route = cs->route; /* an API route answers its errors in JSON */
	http_pick_lang(r);
	if (ready_to_dispatch(cs, c)) {
		if (hand_to_writers(s, cs))
			return MHD_YES;
		http_dispatch(r);
	}
	return answer_now(s, cs, c, method);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct http_server *s = cls;
	struct conn_state *cs = *con_cls;
	struct http_req *r;

	if (!cs)
		return request_begins(s, c, url, method, version, con_cls);
	r = &cs->r;
	if (*upload_size) {
		/* a body trickled in slower than the request time limit is
		 * dropped with its connection (the idle timeout alone would let a
		 * byte every few seconds hold a thread's connection forever) */
		if (mono_ns() - cs->start_ns > (long long)s->conf.request_limit * 1000000000LL)
			return MHD_NO;
		if (!cs->too_big && buf_append(&cs->body, upload, *upload_size))
			cs->too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if ((r->status == 413 && cs->too_big) || cs->refused)
		return MHD_YES; /* already answered */
	if (cs->stage == STAGE_ANSWERED) {
		cs->stage = STAGE_HERE;
		return answer_now(s, cs, c, method);
	}
	if (cs->stage == STAGE_PARKED)
		return MHD_YES; /* not resumed yet */
	return request_answer(s, cs, c, method);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_server *s = cls;
	struct conn_state *cs = *con_cls;

	(void)toe;
	if (cs)
		finish(s, cs);
	*con_cls = NULL;
	/* kept alive: the next request's headers are due from now */
	guard_phase(s->guard, watched(c), GUARD_WAIT, false);
}

/* Opened and closed connections, for the guard (guard.c). */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct http_server *s = cls;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *ad = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

		*socket_context = guard_open(s->guard, fd ? fd->connect_fd : -1, ad ? ad->client_addr : NULL);
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		guard_close(s->guard, *socket_context);
		*socket_context = NULL;
	}
}

/* A connection about to be accepted (after the per-address limit). */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	struct http_server *s = cls;

	(void)addrlen;
	return guard_admit(s->guard, addr) ? MHD_YES : MHD_NO;
}

/* libmicrohttpd's words about one client (refused at the per-address
 * limit, gone half-way through a request) are not the server's errors: a
 * client opening connections in a loop would fill the log.  The refusals
 * are counted (http_server_stop()). */
static const char *const client_noise[] = {
	"Server reached connection limit",
	"Connection socket is closed when reading request",
	"Connection was closed by remote side",
	"Failed to send the response headers",
};

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	size_t i;

	for (i = 0; i < sizeof(client_noise) / sizeof(client_noise[0]); i++) {
		if (strncmp(fmt, client_noise[i], strlen(client_noise[i])) == 0) {
			if (i == 0)
				atomic_fetch_add(&((struct http_server *)cls)->per_address, 1);
			return;
		}
	}
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(line, sizeof(line), fmt, ap);
#pragma GCC diagnostic pop
	/* one write: the server's threads log at once */
	fprintf(stderr, "gemis serve: %s", line);
}

static void asset_version(struct http_server *s)
{
	crypto_generichash_state st;
	unsigned char h[8];
	size_t i;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	for (i = 0; i < embed_count; i++) {
		if (strncmp(embed_files[i].name, "web/", 4) != 0)
			continue;
		crypto_generichash_update(&st, (const unsigned char *)embed_files[i].name,
					  strlen(embed_files[i].name));
		crypto_generichash_update(&st, embed_files[i].data, embed_files[i].size);
	}
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(s->asset_version, sizeof(s->asset_version), h, sizeof(h));
}

static enum gemis_err read_pem(const char *path, struct buf *b, struct errctx *e)
{
	buf_init(b, (size_t)1 << 20);
	return buf_read_file(b, path, e);
}

/* Two descriptors a connection (the guard keeps a duplicate), up to
 * twice the cap while the slow ones it ends are closing: as many as the
 * hard limit allows. */
static void raise_nofile(void)
{
	struct rlimit nofile;

	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
		nofile.rlim_cur = nofile.rlim_max;
		setrlimit(RLIMIT_NOFILE, &nofile);
	}
}

/* The libmicrohttpd daemon: its threads, timeouts, limits and the
 * callbacks above. */
static struct MHD_Daemon *start_daemon(struct http_server *s, const struct http_config *c, unsigned flags,
				       int fd, struct MHD_OptionItem *opts)
{
	return MHD_start_daemon(
		flags, (uint16_t)c->port, on_accept, s, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
		MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(c->threads ? c->threads : 1),
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)128 * 1024, MHD_OPTION_CONNECTION_LIMIT,
		/* the guard keeps max_connections; room for those it ends */
		(unsigned)(c->max_connections ? 2 * c->max_connections : 2000),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, s, MHD_OPTION_UNESCAPE_CALLBACK, unescape, s,
		MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
}

/* The address to listen on (IPv4 or IPv6, in a4 or a6), or NULL when
 * --listen is not an IP address. */
static struct sockaddr *listen_address(const struct http_config *c, struct sockaddr_in *a4, struct sockaddr_in6 *a6,
				       unsigned *flags)
{
	memset(a4, 0, sizeof(*a4));
	memset(a6, 0, sizeof(*a6));
	if (inet_pton(AF_INET, c->listen, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)c->port);
		return (struct sockaddr *)a4;
	}
	if (inet_pton(AF_INET6, c->listen, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)c->port);
		*flags |= MHD_USE_IPv6;
		return (struct sockaddr *)a6;
	}
	return NULL;
}

/* The TLS key and certificate, both given, read from their PEM files. */
static enum gemis_err tls_read(const struct http_config *c, struct buf *key, struct buf *cert, struct errctx *e)
{
	enum gemis_err err;

	if (!c->tls_cert || !c->tls_key)
		return err_set(e, GEMIS_EINVAL, "--tls-cert and --tls-key go together");
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
		return err_set(e, GEMIS_EINVAL, "this libmicrohttpd has no TLS");
	err = read_pem(c->tls_key, key, e);
	if (!err)
		err = read_pem(c->tls_cert, cert, e);
	return err;
}

/* The listening socket, bound here rather than by libmicrohttpd so that
 * the server can give up root and confine itself (before_threads) between
 * binding a port and starting its threads; -1 with errno on failure. */
static int listen_on(const struct sockaddr *addr, unsigned *port)
{
	socklen_t len = addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	struct sockaddr_in6 got;
	int fd, one = 1;

	fd = socket(addr->sa_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 || bind(fd, addr, len) != 0 ||
	    listen(fd, 511) != 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	len = sizeof(got);
	if (getsockname(fd, (struct sockaddr *)&got, &len) == 0)
		*port = ntohs(got.sin6_port); /* sin_port sits at the same place */
	return fd;
}

/* What comes before the first thread: the port bound, the process
 * confined (before_threads), the document readers' helper forked, the
 * database migrated. */
static enum gemis_err prepare(const struct http_config *c, const struct sockaddr *addr, int *fd, unsigned *port,
			      struct errctx *e)
{
	struct db *db = NULL;
	enum gemis_err err;

	*fd = listen_on(addr, port);
	if (*fd < 0)
		return err_set(e, GEMIS_EIO, "cannot listen on %s port %u: %s", c->listen, c->port, strerror(errno));
	/* the last moment with a single thread and nothing read from a client */
	err = c->before_threads ? c->before_threads(c->before_ctx, e) : GEMIS_OK;
	/* documents are read in child processes (util/sandbox.h), forked by a
	 * helper started now, while this process has a single thread */
	if (!err)
		err = sandbox_start(e);
	/* migrate once, before any request */
	if (!err)
		err = store_open(c->db_url, 0, &db, e);
	if (err) {
		close(*fd);
		return err;
	}
	db_close(db);
	return GEMIS_OK;
}

enum gemis_err http_server_start(const struct http_config *c, struct http_server **out,
				 struct errctx *e)
{
	struct http_server *s;
	struct sockaddr_in a4;
	struct sockaddr_in6 a6;
	struct sockaddr *addr;
	struct MHD_OptionItem opts[5];
	struct guard_limits gl;
	struct buf key, cert;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	enum gemis_err err;
	unsigned port = c->port;
	int k = 0, fd;

	*out = NULL;
	memset(&key, 0, sizeof(key));
	memset(&cert, 0, sizeof(cert));
	addr = listen_address(c, &a4, &a6, &flags);
	if (!addr)
		return err_set_at(e, GEMIS_EINVAL, "--listen", "'%s' is not an IP address", c->listen);
	err = prepare(c, addr, &fd, &port, e);
	if (err)
		return err;
	s = calloc(1, sizeof(*s));
	if (!s) {
		close(fd);
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	}
	s->conf = *c;
	atomic_init(&s->requests, 0);
	atomic_init(&s->per_address, 0);
	raise_nofile();
	gl.max_connections = c->max_connections;
	gl.header_timeout = c->header_timeout;
	gl.body_limit = c->request_limit;
	gl.send_limit = c->send_limit;
	err = guard_start(&gl, &s->guard, e);
	if (err) {
		close(fd);
		free(s);
		return err;
	}
	asset_version(s);
	live_init(&s->live, c->reload_ms, &s->pool);
	if (authcache_init(&s->auth)) {
		err = err_set(e, GEMIS_ENOMEM, "out of memory");
		goto fail;
	}
	err = dbpool_init(&s->pool, c->db_url, e);
	if (!err)
		err = writers_start(s, &s->writers, e);
	if (err)
		goto fail;
	if (c->tls_cert || c->tls_key) {
		err = tls_read(c, &key, &cert, e);
		if (err)
			goto fail;
		flags |= MHD_USE_TLS;
		opts[k++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, key.p};
		opts[k++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, cert.p};
	}
	/* behind a proxy every connection comes from the proxy: its
	 * limit_conn counts clients (docs/nginx.conf) */
	if (c->max_per_address && !c->trust_proxy)
		opts[k++] = (struct MHD_OptionItem){MHD_OPTION_PER_IP_CONNECTION_LIMIT,
						    (intptr_t)c->max_per_address, NULL};
	opts[k++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
	s->daemon = start_daemon(s, c, flags, fd, opts);
	if (key.p)
		sodium_memzero(key.p, key.len);
	buf_release(&key);
	buf_release(&cert);
	if (!s->daemon) {
		err = err_set(e, GEMIS_EIO, "cannot serve on %s port %u", c->listen, port);
		goto fail;
	}
	s->port = port;
	*out = s;
	return GEMIS_OK;
fail:
	if (!s->daemon)
		close(fd);
	if (key.p)
		sodium_memzero(key.p, key.len);
	buf_release(&key);
	buf_release(&cert);
	writers_free(s->writers);
	live_release(&s->live);
	authcache_release(&s->auth);
	dbpool_release(&s->pool);
	guard_stop(s->guard);
	free(s);
	return err;
}

unsigned http_server_port(const struct http_server *s)
{
	return s->port;
}

void http_server_stop(struct http_server *s)
{
	struct guard_stats st;

	if (!s)
		return;
	/* the writes queued are answered and their connections resumed: a
	 * daemon may not stop with a connection suspended */
	writers_stop(s->writers);
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	writers_free(s->writers);
	st = guard_stats(s->guard);
	if ((st.ended_headers || st.ended_body || st.ended_send || st.evicted || st.refused ||
				   atomic_load(&s->per_address)))
		fprintf(stderr,
			"gemis serve: connections ended: %ld slow headers, %ld slow bodies, %ld slow readers, "
			"%ld to make room; refused: %ld full, %ld at the limit of one address\n",
			st.ended_headers, st.ended_body, st.ended_send, st.evicted, st.refused,
			atomic_load(&s->per_address));
	guard_stop(s->guard);
	http_gz_free(s);
	live_release(&s->live);
	authcache_release(&s->auth);
	dbpool_release(&s->pool);
	free(s);
	sandbox_stop();
}
