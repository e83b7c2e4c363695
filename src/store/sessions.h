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
 * Every check of a password (sign-in, the password change, the case
 * export) goes through password_attempt(), throttled the same way: per
 * account and address, and per address, with waits that double after a
 * few failures (login_throttled()), so that guessing slows to a crawl
 * while the owner, from another address, still gets in.  Call
 * sodium_init() first.
 */
#ifndef GEMIS_SESSIONS_H
#define GEMIS_SESSIONS_H

#include <stdbool.h>

#include "db.h"
#include "signin_log.h"
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
	int free_pair;          /* failures of an account from an address before waits */
	long max_pair_wait;     /* the longest wait they lead to, in seconds */
	int free_address;       /* failures from an address, any account, before waits */
	long max_address_wait;  /* the longest wait they lead to */
	long first_wait;        /* the first wait; each further failure doubles it */
	long window;    /* seconds over which failures count */
};

/* 2 hours idle, 12 hours in all; an account from an address: 3 failures,
 * then waits of 30 s, 1, 2, 4, 8 minutes, then 15 minutes each; an address:
 * 30 failures, then waits of 30 s, then a minute each, sparing the
 * accounts that have signed in from it; failures count for an hour. */
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

/* Signs the account out everywhere: ends every session and revokes every
 * API token of the account, in one transaction, and writes it to the
 * sign-in log as coming from ip; *revoked receives how many tokens were
 * live. */
enum gemis_err account_sign_out_everywhere(struct db *db, const struct user_rec *u, const char *ip,
					   long long now, long long *revoked, struct errctx *e);

/* Removes sessions past their end, failures older than a day and sign-in
 * log rows older than SIGNIN_LOG_KEEP. */
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

/* Whether a password of name may be checked now for a client at ip: *wait
 * is 0 when it may, else the seconds until it may.  After free_pair
 * failures of the pair within the window, each further one doubles the
 * wait (first_wait, twice that ... up to max_pair_wait) from the latest;
 * the same over
 * every account from ip after free_address, unless name has signed in from
 * ip before (login_known).  Another address is never held back by a pair's
 * failures: the owner elsewhere still gets in. */
enum gemis_err login_throttled(struct db *db, const struct session_policy *pol, const char *name,
			       const char *ip, long long now, long *wait, struct errctx *e);

/* Checks the password of name for a client at ip (NULL: the command
 * line), throttled as above: *wait > 0 when it was not checked (try again
 * then); else *ok says whether it was right (out receives the account),
 * a failure is recorded, a success clears the pair's failures.  Each
 * attempt, held back or checked, is written to the sign-in log as
 * `action` (signin_log.h). */
enum gemis_err password_attempt(struct db *db, const struct session_policy *pol, const char *name,
				const char *ip, long long now, const char *password,
				enum signin_action action, struct user_rec *out, bool *ok, long *wait,
				struct errctx *e);
/* How a sign-in went (signin_attempt()). */
enum signin_outcome {
	SIGNIN_IN,        /* signed in */
	SIGNIN_REFUSED,   /* a wrong password or code, or no such account */
	SIGNIN_WAIT,      /* held back by the throttle: *wait seconds */
	SIGNIN_NEED_CODE, /* the password is right; the account asks a code too */
};

/* Signing in: the password through the throttle as password_attempt()
 * does and, for an account with an authenticator (store/totp.h), a code
 * of it or a recovery code.  A wrong code counts as a failure like a wrong
 * password, and the failures of the account from the address are
 * forgotten only once the code is right, so that whoever has the password
 * guesses codes no faster than passwords.  The sign-in log gets the
 * outcome (nothing for SIGNIN_NEED_CODE: the code decides). */
enum gemis_err signin_attempt(struct db *db, const struct session_policy *pol, const char *name,
			      const char *ip, long long now, const char *password, const char *code,
			      struct user_rec *out, enum signin_outcome *how, long *wait, struct errctx *e);

/* Records a failed sign-in. */
enum gemis_err login_failed(struct db *db, const char *name, const char *ip, long long now,
			    struct errctx *e);
/* After a right password of name from ip: forgets the pair's failures and
 * remembers that name signs in from ip. */
enum gemis_err login_succeeded(struct db *db, const char *name, const char *ip, long long now,
			       struct errctx *e);

/* Writes the hex BLAKE2b-256 hash of a token (65 bytes with the NUL). */
void session_token_hash(const char *token, char hex[65]);

#endif
