/*
 * sessions.h: browser sessions and sign-in throttling (tables of
 * sql/0100_web.sql).
 *
 * A session token is 256 random bits written as 64 hex digits; the cookie
 * carries it and the database keeps only its BLAKE2b-256 hash, so that a
 * copy of the database signs nobody in.  A new token is issued at every
 * sign-in (never reusing one the browser brought), and a session ends at
 * sign-out, at a password change (every session of the account), after
 * `idle` seconds without a request and at its absolute expiry.  Each session
 * has its own CSRF token, echoed by every state-changing form.
 *
 * Throttling counts failed sign-ins per account name and per client
 * address over a window; see login_throttled().  Call sodium_init() first.
 */
#ifndef GEMIS_SESSIONS_H
#define GEMIS_SESSIONS_H

#include <stdbool.h>

#include "db.h"
#include "users.h"

#define SESSION_TOKEN_CHARS 64
#define CSRF_CHARS 64

struct session {
	long long id;
	long long user_id;
	char csrf[CSRF_CHARS + 1];
	long long created_at, last_seen_at, expires_at;
};

struct session_policy {
	long idle;      /* seconds without a request that end a session */
	long lifetime;  /* seconds from sign-in that end it in any case */
	int max_name_failures; /* failed sign-ins per account name in the window */
	int max_ip_failures;   /* failed sign-ins per client address in the window */
	long window;    /* seconds over which failures count */
};

/* 2 hours idle, 12 hours in all, 5 failures per name and 30 per address in
 * 15 minutes. */
extern const struct session_policy session_policy_default;

/* Starts a session for the account; token receives the cookie value
 * (SESSION_TOKEN_CHARS + NUL), s the stored session. */
enum gemis_err sessions_create(struct db *db, const struct session_policy *pol, long long user_id,
			       long long now, char token[SESSION_TOKEN_CHARS + 1], struct session *s,
			       struct errctx *e);

/* Finds the live session of a cookie value and its account: *found false
 * for an unknown, idle or expired token or a disabled account.  Records
 * the request (at most once a minute, to spare the disk). */
enum gemis_err sessions_lookup(struct db *db, const struct session_policy *pol, const char *token,
			       long long now, struct session *s, struct user_rec *u, bool *found,
			       struct errctx *e);

/* Ends the session of a cookie value (no error when there is none). */
enum gemis_err sessions_end(struct db *db, const char *token, struct errctx *e);

/* Ends every session of an account. */
enum gemis_err sessions_end_user(struct db *db, long long user_id, struct errctx *e);

/* Removes sessions past their end and failures older than a day. */
enum gemis_err sessions_purge(struct db *db, const struct session_policy *pol, long long now,
			      struct errctx *e);

/* Sets a new password and ends every session of the account, in one
 * transaction.  GEMIS_EINVAL (field "password") for a password too short or
 * too long. */
enum gemis_err account_change_password(struct db *db, long long user_id, const char *password,
				       struct errctx *e);
/* The same inside the caller's transaction. */
enum gemis_err account_set_password(struct db *db, long long user_id, const char *password,
				    struct errctx *e);

/* Whether a sign-in for name from ip may be tried now: *wait is 0 when it
 * may, else the seconds until it may. */
enum gemis_err login_throttled(struct db *db, const struct session_policy *pol, const char *name,
			       const char *ip, long long now, long *wait, struct errctx *e);
/* Records a failed sign-in. */
enum gemis_err login_failed(struct db *db, const char *name, const char *ip, long long now,
			    struct errctx *e);
/* Forgets the failures of an account name after a successful sign-in. */
enum gemis_err login_succeeded(struct db *db, const char *name, struct errctx *e);

/* Writes the hex BLAKE2b-256 hash of a token (65 bytes with the NUL). */
void session_token_hash(const char *token, char hex[65]);

#endif
