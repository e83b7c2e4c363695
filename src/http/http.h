/*
 * http.h: the web server of `gemis serve` as its pages and API see it: a
 * table of routes, a request with its parameters, its account and an
 * arena, and helpers to answer.  The server itself (server.c) runs on
 * libmicrohttpd; everything a handler needs is here.
 *
 * A route is a row (after lwan's url_map and kore's validators):
 *
 *	{HTTP_GET, "/indicator/{id}", page_indicator, 0, "unit:code year:year"},
 *
 * The pattern's {name} segments are captured in order (http_arg()); a
 * final {*} captures the rest of the path.  `params` declares every query
 * and form parameter the route takes with its kind (see router.c):
 * undeclared, repeated or malformed parameters are refused with 400 before
 * the handler runs.  Routes need a signed-in account unless flagged
 * ROUTE_PUBLIC.  Every request whose method changes state (POST, PUT,
 * DELETE) must carry the CSRF token of its session (form field `csrf` or
 * header X-CSRF-Token), except API calls authenticated by a bearer token;
 * without it the answer is 403.
 *
 * A handler returns GEMIS_OK after writing its answer (html(), http_json(),
 * http_redirect()...), or an error: the server turns the code into the
 * HTTP status in one place (http_status_of() in status.c) and renders the
 * error page or JSON error with the message of r->err, unless the handler
 * has already written its own page for the error (http_keep_body()).
 *
 * Memory: a handler allocates from r->arena and never frees; everything is
 * released when the answer has been sent.
 */
#ifndef GEMIS_HTTP_H
#define GEMIS_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/access.h"
#include "core/validate.h"
#include "store/db.h"
#include "store/sessions.h"
#include "store/snapshot.h"
#include "store/users.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/i18n.h"

enum http_method {
	HTTP_GET = 1,    /* also answers HEAD */
	HTTP_POST = 2,
	HTTP_PUT = 4,
	HTTP_DELETE = 8,
};

enum route_flags {
	ROUTE_PUBLIC = 1,  /* no account needed */
	ROUTE_API = 2,     /* JSON errors; bearer tokens accepted */
	ROUTE_UPLOAD = 4,  /* a body up to max_upload instead of max_body */
	ROUTE_BARE = 8,    /* no database, no session: static files, health */
	ROUTE_PRIVATE = 16, /* the case register: the log shows the route's
			      pattern, not the path (no case codes), and
			      messages never repeat a parameter's name */
	ROUTE_ENROL = 32,  /* open to an account that must turn on two-step
			      sign-in before anything else (the account page,
			      its enrolment, signing out) */
	ROUTE_GROUP = 64,  /* a write that may share its commit with other
			      such writes (group commit, http/writers.c): its
			      handler joins the transaction it finds open
			      (store_tx_begin()), and a failure it returns
			      undoes its own writes alone */
};

struct http_req;
typedef enum gemis_err (*http_handler)(struct http_req *r);

struct route {
	unsigned methods;
	const char *pattern;
	http_handler handler;
	unsigned flags;
	const char *params; /* "name:kind name:kind ..."; a name ending in '*' is a prefix */
};

/* A route table ends with a row whose pattern is NULL. */
#define ROUTES_END {0, NULL, NULL, 0, NULL}

struct http_kv {
	const char *name;
	const char *value; /* NUL-terminated, valid UTF-8 */
	size_t len;
};

struct http_file {
	const char *field;
	const char *filename; /* as the browser sent it; never used as a path */
	const char *ctype;
	const char *data;
	size_t len;
};

struct http_header {
	const char *name, *value;
	struct http_header *next;
};

struct http_server;

#define HTTP_MAX_ARGS 4

struct http_req {
	struct http_server *srv;
	void *conn;                 /* the libmicrohttpd connection */
	struct arena arena;
	unsigned method;            /* one of enum http_method (HEAD counts as GET) */
	bool head;
	const char *path;
	const struct route *route;
	const char *args[HTTP_MAX_ARGS];
	int nargs;
	struct http_kv *query;
	size_t nquery;
	struct http_kv *form;       /* urlencoded or multipart fields */
	size_t nform;
	struct http_file *files;
	size_t nfiles;
	const char *body;           /* the raw body (NUL-terminated) */
	size_t body_len;
	const char *content_type;
	char ip[64];
	bool tls;
	long long now;              /* Unix seconds at the start of the request */
	enum lang lang;

	/* who is asking */
	bool signed_in;
	bool by_token;              /* Authorization: Bearer */
	struct user_rec user;
	struct principal who;
	struct session session;     /* when signed in by cookie */
	char csrf[CSRF_CHARS + 1];  /* the token this request's forms prove they know */
	const char *csrf_masked;    /* its masked form for this answer (http_csrf_token()) */

	/* the answer */
	int status;                 /* 0 until set: 200 */
	const char *ctype;
	struct buf out;
	bool out_failed;            /* an append failed (memory, limit) */
	bool keep_body;             /* the handler wrote its own error page */
	struct http_header *headers;
	const char *persist;        /* instead of out: a body that outlives the
				       server (an embedded file) */
	size_t persist_len;
	long retry_after;           /* seconds, for 429 */
	struct errctx err;

	/* per-request resources, taken on first use */
	struct db *db;
	void *snapref;
	void *memo_claim; /* a memo key this request computes (live.c) */
	const struct snapshot *snap;
	struct diags *diags;        /* problems to show with an error, or NULL;
				       the server releases it after answering */
	/* a write run in a group commit (writers.c): r->db is the group's,
	 * in its transaction; http_data_changed() is applied after the
	 * commit (changed) */
	bool grouped, changed;
};

struct http_config {
	const char *db_url;
	const char *listen;       /* address: "127.0.0.1", "::1", "0.0.0.0" */
	unsigned port;            /* 0: any free port */
	unsigned threads;
	bool secure_cookies;      /* TLS in front (a proxy) or here */
	bool trust_proxy;         /* a proxy on this machine: the client's address is
				     the last of X-Forwarded-For on loopback requests */
	const char *tls_cert, *tls_key; /* PEM files: serve HTTPS */
	size_t max_body;          /* bytes of a request body */
	size_t max_upload;        /* for ROUTE_UPLOAD routes */
	unsigned timeout;         /* seconds a connection may stay idle */
	unsigned request_limit;   /* seconds a request's body may take to arrive */
	unsigned header_timeout;  /* seconds from a connection's first moment (or the
				     end of its previous request) to a request's last
				     header; a trickle of bytes does not extend it */
	unsigned send_limit;      /* seconds for an answer to be read */
	unsigned max_connections; /* open connections; at the cap, the oldest slow
				     one makes room (http/guard.c) */
	unsigned max_per_address; /* open connections from one address; 0: no limit
				     (not applied with trust_proxy: the proxy's
				     limit_conn does it) */
	unsigned reload_ms;       /* how often the data version is checked */
	bool access_log;          /* one line per request on stderr */
	struct session_policy sessions;
	unsigned two_step_roles;  /* bit 1 << role: roles that sign in with a code
				     (store/totp.h) and must enrol first */
	/* called once the port is bound, before any thread starts or any
	 * client is read: gemis serve gives up root and confines itself
	 * there (util/confine.h) */
	enum gemis_err (*before_threads)(void *ctx, struct errctx *e);
	void *before_ctx;
	const struct route *const *tables; /* NULL-terminated */
	/* Pages the front end renders for the framework: an error page, and
	 * the sign-in page answered with 401 to a page that needs an account.
	 * May be NULL (a plain page). */
	void (*error_page)(struct http_req *r, int status, const char *message);
	void (*login_page)(struct http_req *r);
};

/* The largest body of a route that needs no account (the sign-in form):
 * a client that has not signed in costs no more than this. */
#define HTTP_PUBLIC_BODY_MAX ((size_t)16 << 10)

/* Defaults: 127.0.0.1:8080, 4 threads, 1 MB bodies, 20 MB uploads, 30 s
 * idle connections, 15 s for a request's headers, 120 s for a body to
 * arrive, 300 s for an answer to be read, 1,000 connections, 128 from one
 * address, data version checked every 250 ms. */
void http_config_defaults(struct http_config *c);

/* Starts serving; *out is the running server.  The database is opened and
 * migrated once here. */
enum gemis_err http_server_start(const struct http_config *c, struct http_server **out,
				 struct errctx *e);
/* The port it listens on (useful with port 0). */
unsigned http_server_port(const struct http_server *s);
/* Stops (waits for running requests) and frees. */
void http_server_stop(struct http_server *s);

/* --- parameters ------------------------------------------------------ */

/* The value of a query parameter (GET) or form field (POST), or NULL. */
const char *http_param(const struct http_req *r, const char *name);
/* Like http_param, "" when absent. */
const char *http_param_or(const struct http_req *r, const char *name, const char *dflt);
/* An uploaded file of a multipart form, or NULL. */
const struct http_file *http_file(const struct http_req *r, const char *field);
/* The i-th {capture} of the route pattern. */
const char *http_arg(const struct http_req *r, int i);
/* A request header, or NULL. */
const char *http_header(const struct http_req *r, const char *name);
/* A year parameter, or dflt when absent (the router has checked its form). */
int http_param_year(const struct http_req *r, const char *name, int dflt);

/* --- the answer ------------------------------------------------------ */

void http_set_header(struct http_req *r, const char *name, const char *value);
/* Sets a cookie with HttpOnly, SameSite=Strict, Path=/ and, behind TLS,
 * Secure.  max_age < 0 leaves it to the session; 0 deletes it. */
void http_set_cookie(struct http_req *r, const char *name, const char *value, long max_age);
/* The value of a request cookie (at most 256 bytes, else none), or NULL;
 * in the request's arena. */
const char *http_cookie(struct http_req *r, const char *name);
/* 303 See Other to a local path (anything else is replaced by "/"). */
/* The server's register key (util/seal.h), read once from
 * $GEMIS_CASE_KEY_FILE (http/regkey.c); without one, fails the request
 * (500, saying how to start the server) and *key is NULL. */
struct seal_key;
enum gemis_err http_register_key(struct http_req *r, const struct seal_key **key);
enum gemis_err http_redirect(struct http_req *r, const char *path);
/* Appends to the body (raw bytes: for JSON and files; HTML goes through
 * html.h). */
void http_write(struct http_req *r, const char *data, size_t len);
/* Sends a JSON value (the reference is taken) with the given status. */
enum gemis_err http_json(struct http_req *r, int status, void *json_value);
/* Keeps the page the handler wrote for its error (status still from the
 * error code); returns err. */
enum gemis_err http_keep_body(struct http_req *r, enum gemis_err err);
/* Records an error with a message for people; returns code. */
enum gemis_err http_fail(struct http_req *r, enum gemis_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The HTTP status of an error code: the one place where it is decided. */
int http_status_of(const struct http_req *r, enum gemis_err err);

/* --- resources and rules --------------------------------------------- */

/* The request's database connection (taken from the pool on first use). */
enum gemis_err http_db(struct http_req *r, struct db **db);
/* The snapshot of the data, reloaded when the data version changed. */
const struct snapshot *http_snap(struct http_req *r);

/* Answers that depend only on the snapshot (not on the user or the
 * language) can be remembered with it and reused until the data changes:
 * http_memo_get() appends a remembered answer for key to r->out and returns
 * true; http_memo_put() remembers r->out for key.  unit is the unit whose
 * figures (and its sub-units' statuses) the answer shows: it moves to the
 * next snapshot when a change leaves that unit alone (-1: it never moves).
 * One computation per key
 * at a time: while another request computes the answer, http_memo_get()
 * waits for it; when it returns false this request computes it, and a
 * request that fails without http_memo_put() gives the key up when it
 * ends.  The memory is bounded (HTTP_MEMO_MAX_BYTES per snapshot; past it
 * answers are not remembered). */
#define HTTP_MEMO_MAX_BYTES ((size_t)32 << 20)
bool http_memo_get(struct http_req *r, const char *key, int unit);
void http_memo_put(struct http_req *r, const char *key);
/* Tells the server the data changed (after a write), so that the next
 * request sees it (in a group commit: once the group is committed, before
 * any of its answers is sent). */
void http_data_changed(struct http_req *r);
/* The server's configuration. */
const struct http_config *http_conf(const struct http_req *r);
/* A short hash of the embedded web assets, for cache-busting URLs. */
const char *http_asset_version(const struct http_req *r);

/* True when the account may do a to the unit (core/access.h). */
bool http_can(const struct http_req *r, enum action a, int unit, int agency);
/* Resolves a unit code and checks the account may do a to it.  An unknown
 * code and a unit outside the account's scope give the same GEMIS_EPERM,
 * so that nobody learns what exists outside their scope (an admin, who
 * sees everything, gets GEMIS_ENOTFOUND). */
enum gemis_err http_unit(struct http_req *r, const char *code, enum action a, int agency,
			 int *unit);
/* http_unit() for the unit a page or list is asked for: code (?unit=), or
 * when NULL the account's own unit. */
enum gemis_err http_unit_or_own(struct http_req *r, const char *code, enum action a, int *unit);
/* The year asked for (?year=), or this year in Vietnam. */
int http_year_or_this(const struct http_req *r);
/* What a list of a unit's records is asked for, on a page or in the API
 * alike: the unit (?unit=, or the account's own; http_unit_or_own()) on
 * which the account may do a, and the year (http_year_or_this()).
 * GEMIS_EDB when there is no data. */
enum gemis_err http_list_scope(struct http_req *r, enum action a, int *unit, int *year);
/* The unit (the path's first {segment}, on which the account may do a;
 * http_unit()) and the id (the second, read by the caller's parse_id: the
 * pages' and the API's rules for a number) of a path naming one record of
 * a unit, such as /drafts/{unit}/{id}.  GEMIS_EDB when there is no data,
 * GEMIS_ENOTFOUND when the id is not one. */
enum gemis_err http_unit_record(struct http_req *r, enum action a, bool (*parse_id)(const char *s, long long *id),
				int *unit, long long *id);

/* Today as YYYYMMDD in Vietnam (UTC+7); $GEMIS_TODAY=YYYY-MM-DD overrides
 * it, for tests and demonstrations. */
int http_today(const struct http_req *r);
/* The moment deadlines are judged at: now, or the end of $GEMIS_TODAY's
 * day (http_today) when tests or demonstrations set one. */
long long http_judged_at(const struct http_req *r);

/* The CSRF token for the forms of this answer: the session's token
 * masked with a fresh random pad (hex), so that it reads differently in
 * every answer; the router accepts it, or the token itself, in the form
 * field `csrf` or the header X-CSRF-Token. */
const char *http_csrf_token(struct http_req *r);

/* The handler of GET /static/{*}: the embedded files under web/. */
enum gemis_err http_static(struct http_req *r);
/* Answers with the embedded file of that name ("web/sw.js") as
 * http_static() does: its type, compressed when the client accepts it,
 * cacheable for a year when the request carries ?v= the current asset
 * version; GEMIS_ENOTFOUND when there is none. */
enum gemis_err http_embedded(struct http_req *r, const char *name);

/* URL-encodes s for a query value (arena). */
const char *http_url_encode(struct http_req *r, const char *s);

#endif
