/*
 * users.h: accounts and API tokens.
 *
 * Passwords are stored as argon2id hashes (libsodium crypto_pwhash_str,
 * interactive limits).  API tokens are 256 random bits shown once as
 * "gmt_" + 64 hex digits; only their BLAKE2b-256 hash is stored.  Call
 * sodium_init() before using this module.
 */
#ifndef GEMIS_USERS_H
#define GEMIS_USERS_H

#include <stdbool.h>

#include "core/access.h"
#include "core/password.h"
#include "core/tree.h"
#include "db.h"

#define USER_NAME_MAX 64
#define TOKEN_PREFIX "gmt_"
#define TOKEN_CHARS (4 + 64)

struct user_rec {
	long long id;
	char name[USER_NAME_MAX + 1];
	enum role role;
	long long unit_id;
	char unit_code[8];
	char agency[24];   /* agency kind id, "" when none */
	char full_name[128];
	bool disabled;
	bool has_password;
	bool totp_on;      /* signs in with a code too (store/totp.h) */
};

/* Checks a user name: 3 to 64 of a-z 0-9 . _ -, starting with a letter.
 * Returns NULL when good, else an English msgid. */
const char *user_name_problem(const char *name);

/* Creates an account; password may be NULL (cannot sign in until set).
 * GEMIS_ECONFLICT when the name is taken, GEMIS_EINVAL with a message for
 * a bad name, password or role/unit/agency combination. */
enum gemis_err users_add(struct db *db, const struct tree *t, const char *name, enum role role,
			 int unit, int agency, const char *full_name, const char *password,
			 long long *id, struct errctx *e);
enum gemis_err users_find(struct db *db, const char *name, struct user_rec *out, bool *found,
			  struct errctx *e);
/* The account with that row id. */
enum gemis_err users_get(struct db *db, long long id, struct user_rec *out, bool *found,
			 struct errctx *e);
/* Calls fn for every account whose unit is `unit` or below it, ordered by
 * unit code and name; stops at the first error fn returns. */
enum gemis_err users_list(struct db *db, const struct tree *t, int unit,
			  enum gemis_err (*fn)(void *ctx, const struct user_rec *u), void *ctx,
			  struct errctx *e);
/* Disables (or enables again) an account; a disabled account cannot sign
 * in and its tokens stop working. */
enum gemis_err users_set_disabled(struct db *db, long long id, bool disabled, struct errctx *e);
/* Verifies a password.  Takes the same time whether or not the account
 * exists; *ok is false for an unknown, disabled or password-less account. */
enum gemis_err users_check_password(struct db *db, const char *name, const char *password,
				    struct user_rec *out, bool *ok, struct errctx *e);
enum gemis_err users_set_password(struct db *db, long long id, const char *password,
				  struct errctx *e);

/* Creates a token for the account; out receives it (TOKEN_CHARS + NUL). */
enum gemis_err tokens_create(struct db *db, long long user_id, const char *label,
			     char out[TOKEN_CHARS + 1], struct errctx *e);
/* Finds the live account of a token; *found false for unknown or revoked
 * tokens and disabled accounts.  Records the use (at most once a minute). */
enum gemis_err tokens_lookup(struct db *db, const char *token, struct user_rec *out, bool *found,
			     struct errctx *e);

/* A token as listed: never the token itself, which is not kept. */
struct token_rec {
	long long id;
	char label[128];
	long long created_at, last_used_at, revoked_at; /* 0 when never */
};

/* Calls fn for every token of the account, oldest first. */
enum gemis_err tokens_list(struct db *db, long long user_id,
			   enum gemis_err (*fn)(void *ctx, const struct token_rec *t), void *ctx,
			   struct errctx *e);
/* Revokes the account's token token_id, or all its live tokens when
 * token_id is 0; *revoked receives how many were live.  Servers stop
 * accepting them within their check interval (a quarter second). */
enum gemis_err tokens_revoke(struct db *db, long long user_id, long long token_id, long long now,
			     long long *revoked, struct errctx *e);

/* The acting principal of an account in the tree in force; GEMIS_ENOTFOUND
 * when its unit is no longer in force. */
enum gemis_err principal_of(const struct tree *t, const struct user_rec *u, struct principal *p);

#endif
