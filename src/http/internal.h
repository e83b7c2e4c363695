/*
 * internal.h: what the files of src/http/ share and handlers do not see:
 * the server object, the connection pool, the live snapshot, body parsers
 * and the router.  Unit tests include it to test the parsers.
 */
#ifndef GEMIS_HTTP_INTERNAL_H
#define GEMIS_HTTP_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "http.h"

/* --- database connections: one per request, reused ------------------- */

#define DBPOOL_MAX 32

struct dbpool {
	pthread_mutex_t mu;
	char *url;
	struct db *free[DBPOOL_MAX];
	int nfree;
};

enum gemis_err dbpool_init(struct dbpool *p, const char *url, struct errctx *e);
void dbpool_release(struct dbpool *p);
enum gemis_err dbpool_get(struct dbpool *p, struct db **db, struct errctx *e);
/* Returns a connection; a transaction left open is rolled back. */
void dbpool_put(struct dbpool *p, struct db *db);

/* --- the live snapshot ----------------------------------------------- */

struct memo_entry;

struct snapref {
	struct snapshot s;
	long long version;
	int refs;
	/* answers computed from this snapshot (see http_memo_get), freed with it */
	pthread_mutex_t memo_mu;
	pthread_cond_t memo_cv; /* a claimed answer was put or given up */
	struct memo_entry *memo;
	size_t memo_bytes;
};

/* One snapshot shared by every request, replaced when the data version
 * (store_versions()) moves, by a refresher thread or by a write in this
 * process (live_changed()); see live.c. */
struct live {
	pthread_mutex_t mu;         /* guards cur, the reference counts, stop, started */
	pthread_mutex_t refresh_mu; /* one refresh at a time */
	pthread_cond_t wake;        /* the refresher's alarm (with mu) */
	struct snapref *cur;
	unsigned interval_ms;
	struct dbpool *pool;        /* the refresher's connections */
	pthread_t thread;
	bool started, stop, quiet_errors;
	atomic_long reloads;        /* snapshots read whole */
	atomic_long applies;        /* changes applied in place */
	/* the accounts version (store_versions()) most recently read; it
	 * only grows */
	atomic_llong accounts_version;
	/* the indicators of the snapshot in cur (live_catalog_n()), 0
	 * before the first: read by every request without the lock */
	atomic_size_t nind;
};

void live_init(struct live *l, unsigned interval_ms, struct dbpool *pool);
void live_release(struct live *l);
/* The current snapshot (read on the first call); the reference stays
 * valid until live_put().  Never waits for a refresh after the first. */
enum gemis_err live_acquire(struct live *l, struct db *db, struct snapref **out, struct errctx *e);
void live_put(struct live *l, struct snapref *ref);
/* The indicators of the current snapshot (0 before the first): what a
 * request sees of the catalog (catalog_pin, core/catalog.h), so that a
 * snapshot it takes later, never smaller, holds every one it sees. */
size_t live_catalog_n(struct live *l);
/* After a write in this process: brings the snapshot up to date now. */
void live_changed(struct live *l);
/* Reads the accounts version now (after a state-changing request) and
 * makes it the one credentials are checked under. */
enum gemis_err live_note_accounts(struct live *l, struct db *db);
/* Gives up the memo key the request claimed and did not fill, if any. */
void http_memo_abandon(struct http_req *r);

/* --- who a credential is (authcache.c) ------------------------------ */

#define AUTHCACHE_KEY_BYTES 32

struct auth_entry;

struct authcache {
	pthread_mutex_t mu;
	struct auth_entry *slots;
	atomic_long epoch; /* moved by every state-changing request */
};

/* What an entry is valid under: the accounts version and the epoch, both
 * read before the database is asked. */
struct authcache_stamp {
	long long version;
	long epoch;
};

enum gemis_err authcache_init(struct authcache *c);
void authcache_release(struct authcache *c);
/* The key of a credential of a kind ("token", "session"). */
void authcache_key(const char *kind, const char *credential, unsigned char key[AUTHCACHE_KEY_BYTES]);
struct authcache_stamp authcache_stamp(struct authcache *c, long long accounts_version);
/* The account (and session, when s is not NULL) of a key filled under the
 * current stamp, less than a minute ago; false when unknown or stale. */
bool authcache_get(struct authcache *c, const unsigned char key[AUTHCACHE_KEY_BYTES],
		   struct authcache_stamp now_stamp, long long now, struct user_rec *u,
		   struct session *s);
/* Remembers what the database said under stamp filled_under. */
void authcache_put(struct authcache *c, const unsigned char key[AUTHCACHE_KEY_BYTES],
		   struct authcache_stamp filled_under, long long now, const struct user_rec *u,
		   const struct session *s);
/* Makes every entry stale (after a state-changing request). */
void authcache_forget_all(struct authcache *c);

/* --- writes off the event loops (writers.c) ------------------------- */

/* A request handed to a writer thread.  park() is called, the writers'
 * lock held, once the job is sure to be run (the server suspends the
 * connection there); done() when its answer is in r (the server resumes
 * the connection; the job is not touched after). */
struct write_job {
	struct http_req *r;
	bool group;          /* a ROUTE_GROUP route: may share a commit */
	void (*park)(struct write_job *j);
	void (*done)(struct write_job *j);
	enum gemis_err err;  /* what http_dispatch() returned */
	struct write_job *next;
};

struct writers;

#define WRITERS_ALONE 2      /* threads for writes that run alone; one more
				commits the groups */
#define WRITERS_GROUP_MAX 64 /* writes in one commit at most */

enum gemis_err writers_start(struct http_server *s, struct writers **out, struct errctx *e);
/* Queues j (park() called); false when the writers are stopping: then the
 * caller runs the request itself. */
bool writers_submit(struct writers *w, struct write_job *j);
/* Runs what is queued, then ends the threads; later writes are refused
 * by writers_submit(). */
void writers_stop(struct writers *w);
/* Stops (if not yet) and frees. */
void writers_free(struct writers *w);

/* --- the server ------------------------------------------------------ */

struct gz_cache;

struct http_server {
	struct http_config conf;
	void *daemon; /* struct MHD_Daemon */
	struct dbpool pool;
	struct live live;
	struct authcache auth;
	char asset_version[17];
	unsigned port;
	struct gz_cache *gz;
	atomic_long requests;
	struct guard *guard;        /* slow and idle connections (guard.c) */
	atomic_long per_address;    /* connections refused at max_per_address */
	struct writers *writers;    /* writes off the event loops (writers.c) */
};

/* --- parsing (request.c) --------------------------------------------- */

/* Decodes application/x-www-form-urlencoded data into kv pairs (arena).
 * GEMIS_EINVAL for bad escapes or invalid UTF-8. */
enum gemis_err http_parse_urlencoded(struct arena *a, const char *data, size_t len,
				     struct http_kv **out, size_t *n, struct errctx *e);
/* Credentials in request headers (credentials.c). */
#define HTTP_CREDENTIAL_MAX 256 /* a cookie value or bearer token, bytes */

/* Finds the first cookie `name` in a Cookie header value hdr[0..len) and
 * copies its value (unquoted) into out; false when absent, longer than
 * outsize - 1 bytes or holding a control character. */
bool http_cookie_in(const char *hdr, size_t len, const char *name, char *out, size_t outsize);

enum http_auth {
	HTTP_AUTH_BEARER,    /* "Bearer TOKEN": the token is in out */
	HTTP_AUTH_OTHER,     /* another scheme (Basic, Digest...) */
	HTTP_AUTH_MALFORMED, /* not "scheme token68", or a token too long */
};
/* Reads an Authorization header value hdr[0..len); for a Bearer token,
 * copies it into out (at most outsize - 1 bytes). */
enum http_auth http_bearer(const char *hdr, size_t len, char *out, size_t outsize);

/* Splits a multipart/form-data body (boundary from the content type) into
 * fields and files.  GEMIS_EINVAL when malformed. */
enum gemis_err http_parse_multipart(struct arena *a, const char *ctype, const char *data,
				    size_t len, struct http_kv **fields, size_t *nfields,
				    struct http_file **files, size_t *nfiles, struct errctx *e);
/* Checks the parameters of a request against a route's declaration. */
enum gemis_err http_check_params(struct http_req *r, const char *spec, const struct http_kv *kv,
				 size_t n, bool form, struct errctx *e);
/* Matches a path against a pattern, filling args; true on a match. */
bool http_match(struct arena *a, const char *pattern, const char *path, const char **args,
		int *nargs);

/* --- answering (router.c, status.c, static.c) ------------------------ */

/* Sets the language of the answer (the gemis_lang cookie; for the API
 * also Accept-Language) for r and the calling thread; r->route may be
 * NULL. */
void http_pick_lang(struct http_req *r);
/* Decides, from the headers alone, whether a request's body is worth
 * reading: for a route that needs an account, only when the session or
 * token is good and, where the CSRF token travels in a header, that token
 * too.  So a client that has not signed in costs a few KB, never a body.
 * GEMIS_OK to read the body (the request then runs from the start with
 * http_dispatch()), else the error to answer at once. */
enum gemis_err http_admit(struct http_req *r);
/* Runs the request: routing, parameters, account, CSRF, the handler and
 * the error answer; returns the error answered (GEMIS_OK for a success). */
enum gemis_err http_dispatch(struct http_req *r);
/* Writes the error answer for err (page or JSON). */
void http_render_error(struct http_req *r, enum gemis_err err);
/* The route for a method and path, or NULL; *other_method tells whether
 * the path exists with another method. */
const struct route *http_route_find(struct http_server *s, struct arena *a, unsigned method,
				    const char *path, const char **args, int *nargs,
				    bool *other_method);
/* Appends the gzip form of src[0..len) to out at a zlib level (1-9);
 * false when it fails (out may hold part of it). */
bool http_gzip(const void *src, size_t len, int level, struct buf *out);
/* The gzip-compressed form of an embedded file, cached (NULL when it is
 * not worth it or fails). */
const struct buf *http_gz_get(struct http_server *s, size_t index);
void http_gz_free(struct http_server *s);
/* Adds the security headers every answer carries. */
void http_security_headers(struct http_req *r);

#endif
