/*
 * accounts.h: changes to the accounts that hold the case register.
 *
 * A caseworker account reads its commune's cases; an admin account reads the
 * register's access log and erases cases.  Whoever can create such an
 * account, or set its password, can do the same, so these accounts are
 * managed by admins alone (access_may_manage_account()) and every change
 * to one - creation, a password set or reset, disabling, enabling, a new
 * API token - is written to the case access log (action "account") in the
 * transaction that makes it.  A refused attempt is logged too.  Changes to
 * the other roles' accounts are not the register's business and are not
 * logged here.
 */
#ifndef GEMIS_CASE_ACCOUNTS_H
#define GEMIS_CASE_ACCOUNTS_H

#include <stdbool.h>

#include "core/access.h"
#include "core/tree.h"
#include "store/db.h"
#include "store/users.h"

/* What changes, for the log's detail: "create caseworker cw.binhlu". */
struct account_change {
	const char *what; /* "create", "password", "disable", "enable", "token" */
	enum role role;   /* the account's role */
	int unit;         /* its unit (tree index), -1 when unknown */
	const char *name; /* its name */
};

/* True for the roles whose accounts hold the register (caseworker, admin). */
bool case_account_watched(enum role r);

/* Runs apply(db, ctx, e) and, for a watched role, writes the log row, in
 * one transaction: a change that cannot be logged does not happen.  The
 * caller has checked the permission; db must not be in a transaction. */
enum gemis_err case_account_apply(struct db *db, const struct tree *t, const struct principal *who,
				  const struct account_change *c,
				  enum gemis_err (*apply)(struct db *db, void *ctx, struct errctx *e),
				  void *ctx, struct errctx *e);

/* case_account_apply() of a new password: account_set_password(), which
 * ends the account's sessions.  GEMIS_EINVAL (field "password") for a
 * password too short or too long. */
enum gemis_err case_account_password(struct db *db, const struct tree *t, const struct principal *who,
				     const struct account_change *c, long long id, const char *password,
				     struct errctx *e);

/* case_account_apply() of turning off account id's two-step sign-in
 * (totp_remove()). */
enum gemis_err case_account_two_step_off(struct db *db, const struct tree *t, const struct principal *who,
					 const struct account_change *c, long long id, struct errctx *e);

/* case_account_apply() of a new API token for account id (a token acts as
 * the account: a caseworker's reads cases), into out, shown once. */
enum gemis_err case_account_token(struct db *db, const struct tree *t, const struct principal *who,
				  const struct account_change *c, long long id, const char *label,
				  char out[TOKEN_CHARS + 1], struct errctx *e);

/* Logs a refused change of a watched role's account (nothing otherwise). */
enum gemis_err case_account_refused(struct db *db, const struct tree *t, const struct principal *who,
				    const struct account_change *c, struct errctx *e);

#endif
