/*
 * guard.h: connections watched against hostile clients (see guard.c).
 * server.c tells the guard when a connection opens and closes and which
 * phase of a request it is in; the guard ends a connection that stays
 * too long in a phase a client controls, and makes room under the
 * connection cap by ending the oldest such connection.
 */
#ifndef GEMIS_HTTP_GUARD_H
#define GEMIS_HTTP_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "util/err.h"

enum guard_phase {
	GUARD_WAIT,     /* waiting for a request's headers (a new or kept-alive connection) */
	GUARD_BODY,     /* the headers are in, the body is arriving */
	GUARD_HANDLING, /* a handler is working on the request */
	GUARD_SENDING,  /* the answer is queued, the client is reading it */
};

struct guard_limits {
	unsigned max_connections; /* open connections before the oldest slow one makes room */
	unsigned header_timeout;  /* seconds from a request's first moment to its last header */
	unsigned body_limit;      /* seconds for a body to arrive, from its headers */
	unsigned send_limit;      /* seconds for an answer to be read */
};

struct guard_stats {
	long open;            /* connections open now */
	long ended_headers;   /* ended: headers not in within header_timeout */
	long ended_body;      /* ended: body not in within body_limit */
	long ended_send;      /* ended: answer not read within send_limit */
	long evicted;         /* ended to make room under max_connections */
	long refused;         /* not accepted: full, and nothing to end */
};

struct guard;
struct guard_conn;

/* Starts the watchdog thread. */
enum gemis_err guard_start(const struct guard_limits *l, struct guard **out, struct errctx *e);
/* Stops the watchdog; every connection must have been closed (guard_close). */
void guard_stop(struct guard *g);

/* A connection from addr is about to be accepted: true to take it.  At
 * the cap, a connection in a phase a client holds (waiting for headers, or
 * an unauthenticated body or answer) is ended to make room, the oldest of
 * the address that holds the most; false when there is none, or when addr
 * holds as many itself. */
bool guard_admit(struct guard *g, const struct sockaddr *addr);
/* A connection from addr was accepted on socket fd; NULL when out of
 * memory (the connection is then not watched). */
struct guard_conn *guard_open(struct guard *g, int fd, const struct sockaddr *addr);
/* It closed; c is freed. */
void guard_close(struct guard *g, struct guard_conn *c);
/* It entered phase p; trusted when the request is signed in (never ended
 * to make room). */
void guard_phase(struct guard *g, struct guard_conn *c, enum guard_phase p, bool trusted);

struct guard_stats guard_stats(struct guard *g);

#endif
