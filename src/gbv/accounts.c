/*
 * accounts.c: the register's account changes, logged (accounts.h).
 */
#include "accounts.h"

#include <stdio.h>

#include "cases.h"
#include "store/sessions.h"
#include "store/totp.h"

#include "util/banned.h"

bool case_account_watched(enum role r)
{
	return r == ROLE_CASEWORKER || r == ROLE_ADMIN;
}

static enum gemis_err log_change(struct db *db, const struct tree *t, const struct principal *who,
				 const struct account_change *c, bool allowed, struct errctx *e)
{
	char detail[128];

	/* names and roles only: an account name is chosen by an admin, never
	 * a case's content */
	snprintf(detail, sizeof(detail), "%s %s %s", c->what, role_id(c->role), c->name ? c->name : "?");
	return case_log(db, t, who, c->unit, CASE_ACCOUNT, NULL, detail, allowed, e);
}

enum gemis_err case_account_apply(struct db *db, const struct tree *t, const struct principal *who,
				  const struct account_change *c,
				  enum gemis_err (*apply)(struct db *db, void *ctx, struct errctx *e),
				  void *ctx, struct errctx *e)
{
	enum gemis_err err;

	err = db_begin(db, e);
	if (err)
		return err;
	err = apply(db, ctx, e);
	if (!err && case_account_watched(c->role))
		err = log_change(db, t, who, c, true, e);
	if (err) {
		db_rollback(db);
		return err;
	}
	return db_commit(db, e);
}

struct password_args {
	long long id;
	const char *password;
};

static enum gemis_err password_apply(struct db *db, void *ctx, struct errctx *e)
{
	struct password_args *a = ctx;

	return account_set_password(db, a->id, a->password, e);
}

enum gemis_err case_account_password(struct db *db, const struct tree *t, const struct principal *who,
				     const struct account_change *c, long long id, const char *password,
				     struct errctx *e)
{
	struct password_args a = {id, password};

	return case_account_apply(db, t, who, c, password_apply, &a, e);
}

static enum gemis_err two_step_off_apply(struct db *db, void *ctx, struct errctx *e)
{
	return totp_remove(db, *(const long long *)ctx, e);
}

enum gemis_err case_account_two_step_off(struct db *db, const struct tree *t, const struct principal *who,
					 const struct account_change *c, long long id, struct errctx *e)
{
	return case_account_apply(db, t, who, c, two_step_off_apply, &id, e);
}

struct token_args {
	long long id;
	const char *label;
	char *token;
};

static enum gemis_err token_apply(struct db *db, void *ctx, struct errctx *e)
{
	struct token_args *a = ctx;

	return tokens_create(db, a->id, a->label, a->token, e);
}

enum gemis_err case_account_token(struct db *db, const struct tree *t, const struct principal *who,
				  const struct account_change *c, long long id, const char *label,
				  char out[TOKEN_CHARS + 1], struct errctx *e)
{
	struct token_args a = {id, label, out};

	return case_account_apply(db, t, who, c, token_apply, &a, e);
}

enum gemis_err case_account_refused(struct db *db, const struct tree *t, const struct principal *who,
				    const struct account_change *c, struct errctx *e)
{
	if (!case_account_watched(c->role))
		return GEMIS_OK;
	return log_change(db, t, who, c, false, e);
}
