/*
 * signin_log.h: the audit log of sign-ins and failures (table signin_log,
 * sql/0103_signin_log.sql).
 *
 * password_attempt() (sessions.h) writes a row for every check of a
 * password, right, wrong or held back by the throttle; the web server
 * writes one when someone signs out, once or everywhere.  A row has the
 * name given, the account when one has that name, the client's address
 * ("cli" for the command line) and the time; never the password.  Admins
 * read the rows of the accounts of their subtree (`gemis user signins`,
 * the page /signins); rows of names no account has only an admin of the
 * whole country.  Rows are kept for SIGNIN_LOG_KEEP seconds.
 */
#ifndef GEMIS_SIGNIN_LOG_H
#define GEMIS_SIGNIN_LOG_H

#include <stdbool.h>

#include "core/tree.h"
#include "db.h"

#define SIGNIN_LOG_KEEP (366LL * 86400)

/* What was done: the value of the action column. */
enum signin_action {
	SIGNIN_SIGNIN,      /* a password given to sign in */
	SIGNIN_PASSWORD,    /* the current password given to change it */
	SIGNIN_EXPORT,      /* the password given again for the case export */
	SIGNIN_SIGNOUT,     /* signed out of one browser */
	SIGNIN_SIGNOUT_ALL, /* signed out everywhere: every session, every API token */
};

enum signin_result {
	SIGNIN_OK,
	SIGNIN_WRONG,     /* wrong password, or no such (usable) account */
	SIGNIN_THROTTLED, /* not checked: the throttle held it back */
};

struct signin_rec {
	long long id, at;
	char name[65];
	char unit_code[8];     /* the account's unit, "" for a name no account has */
	char ip[64];
	enum signin_action action;
	enum signin_result result;
};

/* The column values, for display and the CLI: "signin", "ok"... */
const char *signin_action_id(enum signin_action a);
const char *signin_result_id(enum signin_result r);

/* Writes a row: name as given (cut to 64 bytes), ip NULL for the command
 * line. */
enum gemis_err signin_log_write(struct db *db, const char *name, const char *ip, long long now,
				enum signin_action action, enum signin_result result, struct errctx *e);

struct signin_query {
	int unit;          /* the subtree (index in the tree) */
	const char *name;  /* only this name, or NULL */
	long long before;  /* only rows with a smaller id (paging), 0: from the latest */
	int limit;         /* at most this many, newest first */
};

/* Calls fn for the rows of q, newest first: rows of accounts whose unit is
 * in q->unit's subtree, and rows of names no account has when q->unit is
 * the root of the tree.  Stops at the first error fn returns. */
enum gemis_err signin_log_list(struct db *db, const struct tree *t, const struct signin_query *q,
			       enum gemis_err (*fn)(void *ctx, const struct signin_rec *r), void *ctx,
			       struct errctx *e);

/* Forgets rows older than SIGNIN_LOG_KEEP. */
enum gemis_err signin_log_purge(struct db *db, long long now, struct errctx *e);

#endif
