/*
 * sessions.c: browser sessions and sign-in throttling (see sessions.h).
 */
#include "sessions.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "totp.h"
#include "util/i18n.h"

#include "util/banned.h"

const struct session_policy session_policy_default = {
	.idle = 2 * 3600,
	.lifetime = 12 * 3600,
	.free_pair = 3,
	.max_pair_wait = 15 * 60,
	.free_address = 30,
	.max_address_wait = 60,
	.first_wait = 30,
	.window = 3600,
};

void session_token_hash(const char *token, char hex[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

static void random_hex(char *out, size_t chars)
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, chars + 1, raw, chars / 2);
	sodium_memzero(raw, sizeof(raw));
}

enum gemis_err sessions_create(struct db *db, const struct session_policy *pol, long long user_id,
			       long long now, char token[SESSION_TOKEN_CHARS + 1], struct session *s,
			       struct errctx *e)
{
	struct db_stmt *st = NULL;
	char hash[65];
	enum gemis_err err;

	memset(s, 0, sizeof(*s));
	random_hex(token, SESSION_TOKEN_CHARS);
	random_hex(s->csrf, CSRF_CHARS);
	session_token_hash(token, hash);
	s->user_id = user_id;
	s->created_at = s->last_seen_at = now;
	s->expires_at = now + pol->lifetime;
	err = db_prepare(db, &st, e,
			 "INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen_at,"
			 " expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
	if (err)
		goto fail;
	db_bindv(st, "titiii", hash, user_id, s->csrf, now, now, s->expires_at);
	if (db_next(st))
		s->id = db_col_int(st, 0);
	err = db_finalize(st, e);
	if (!err)
		return GEMIS_OK;
fail:
	sodium_memzero(token, SESSION_TOKEN_CHARS + 1);
	return err;
}

static bool token_shape(const char *token)
{
	size_t i;

	if (!token || strlen(token) != SESSION_TOKEN_CHARS)
		return false;
	for (i = 0; i < SESSION_TOKEN_CHARS; i++) {
		char c = token[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
	}
	return true;
}

enum gemis_err sessions_lookup(struct db *db, const struct session_policy *pol, const char *token,
			       long long now, struct session *s, struct user_rec *u, bool *found,
			       struct errctx *e)
{
	struct db_stmt *st = NULL;
	char hash[65];
	enum gemis_err err;
	bool row;

	*found = false;
	memset(s, 0, sizeof(*s));
	if (!token_shape(token))
		return GEMIS_OK;
	session_token_hash(token, hash);
	err = db_prepare(db, &st, e,
			 "SELECT id, user_id, csrf, created_at, last_seen_at, expires_at FROM sessions"
			 " WHERE token_hash = ?");
	if (err)
		return err;
	db_bind_text(st, 1, hash);
	row = db_next(st);
	if (row) {
		s->id = db_col_int(st, 0);
		s->user_id = db_col_int(st, 1);
		snprintf(s->csrf, sizeof(s->csrf), "%s", db_col_text(st, 2));
		s->created_at = db_col_int(st, 3);
		s->last_seen_at = db_col_int(st, 4);
		s->expires_at = db_col_int(st, 5);
	}
	err = db_finalize(st, e);
	if (err || !row)
		return err;
	if (now >= s->expires_at || now - s->last_seen_at >= pol->idle)
		return db_run(db, e, "DELETE FROM sessions WHERE id = ?", "i", s->id);
	err = users_get(db, s->user_id, u, found, e);
	if (err || !*found)
		return err;
	if (u->disabled) {
		*found = false;
		return GEMIS_OK;
	}
	if (now - s->last_seen_at >= 60) {
		s->last_seen_at = now;
		err = db_run(db, e, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", "ii", now, s->id);
	}
	return err;
}

enum gemis_err sessions_end(struct db *db, const char *token, struct errctx *e)
{
	char hash[65];

	if (!token_shape(token))
		return GEMIS_OK;
	session_token_hash(token, hash);
	return db_run(db, e, "DELETE FROM sessions WHERE token_hash = ?", "t", hash);
}

enum gemis_err sessions_end_user(struct db *db, long long user_id, struct errctx *e)
{
	return db_run(db, e, "DELETE FROM sessions WHERE user_id = ?", "i", user_id);
}

enum gemis_err sessions_purge(struct db *db, const struct session_policy *pol, long long now,
			      struct errctx *e)
{
	enum gemis_err err;

	err = db_run(db, e, "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?", "ii", now,
		     now - pol->idle);
	if (!err)
		err = db_run(db, e, "DELETE FROM login_failures WHERE at < ?", "i", now - 86400);
	if (!err)
		err = db_run(db, e, "DELETE FROM login_known WHERE at < ?", "i", now - 90 * 86400);
	if (!err)
		err = signin_log_purge(db, now, e);
	return err;
}

enum gemis_err account_sign_out_everywhere(struct db *db, const struct user_rec *u, const char *ip,
					   long long now, long long *revoked, struct errctx *e)
{
	enum gemis_err err;

	err = db_begin(db, e);
	if (err)
		return err;
	err = sessions_end_user(db, u->id, e);
	if (!err)
		err = tokens_revoke(db, u->id, 0, now, revoked, e);
	if (!err)
		err = signin_log_write(db, u->name, ip, now, SIGNIN_SIGNOUT_ALL, SIGNIN_OK, e);
	if (err) {
		db_rollback(db);
		return err;
	}
	return db_commit(db, e);
}

enum gemis_err account_set_password(struct db *db, long long user_id, const char *password,
				    struct errctx *e)
{
	long long revoked = 0;
	enum gemis_err err;

	err = users_set_password(db, user_id, password, e);
	if (!err)
		err = sessions_end_user(db, user_id, e);
	/* a token outliving the password it was made under would let whoever
	 * took the old password keep the account */
	if (!err)
		err = tokens_revoke(db, user_id, 0, (long long)time(NULL), &revoked, e);
	return err;
}

enum gemis_err account_change_password(struct db *db, long long user_id, const char *password,
				       struct errctx *e)
{
	const char *problem = password_problem(password, NULL);
	enum gemis_err err;

	if (problem)
		return err_set_at(e, GEMIS_EINVAL, "password", "%s", _(problem));
	err = db_begin(db, e);
	if (err)
		return err;
	err = account_set_password(db, user_id, password, e);
	if (err) {
		db_rollback(db);
		return err;
	}
	return db_commit(db, e);
}

/* How many failures of a pair (name set) or an address fall in the window,
 * and when the latest was. */
static enum gemis_err failures(struct db *db, const char *name, const char *ip, long long since,
			       long long *n, long long *last, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*n = *last = 0;
	err = db_prepare(db, &st, e,
			 name ? "SELECT COUNT(*), MAX(at) FROM login_failures WHERE name = ? AND ip = ? AND at > ?"
			      : "SELECT COUNT(*), MAX(at) FROM login_failures WHERE ip = ? AND at > ?");
	if (err)
		return err;
	if (name) {
		db_bind_text(st, 1, name);
		db_bind_text(st, 2, ip);
		db_bind_int(st, 3, since);
	} else {
		db_bind_text(st, 1, ip);
		db_bind_int(st, 2, since);
	}
	if (db_next(st)) {
		*n = db_col_int(st, 0);
		*last = db_col_null(st, 1) ? 0 : db_col_int(st, 1);
	}
	return db_finalize(st, e);
}

/* The wait after n failures, the latest at last: none for the first
 * `free`, then first, 2 first, 4 first ... up to max, from the latest. */
static long backoff(long long n, long long last, int free, long first, long max, long long now)
{
	long delay = max;

	if (n < free)
		return 0;
	if (n - free < 20 && (first << (n - free)) < max)
		delay = first << (n - free);
	return last + delay > now ? (long)(last + delay - now) : 0;
}

enum gemis_err login_throttled(struct db *db, const struct session_policy *pol, const char *name,
			       const char *ip, long long now, long *wait, struct errctx *e)
{
	long long n, last, known = 0;
	bool found;
	long w;
	enum gemis_err err;

	*wait = 0;
	err = failures(db, name, ip, now - pol->window, &n, &last, e);
	if (err)
		return err;
	*wait = backoff(n, last, pol->free_pair, pol->first_wait, pol->max_pair_wait, now);
	err = db_query_int(db, e, &known, &found, "SELECT COUNT(*) FROM login_known WHERE name = ? AND ip = ?",
			   "tt", name, ip);
	if (err || known)
		return err;
	err = failures(db, NULL, ip, now - pol->window, &n, &last, e);
	w = err ? 0 : backoff(n, last, pol->free_address, pol->first_wait, pol->max_address_wait, now);
	if (w > *wait)
		*wait = w;
	return err;
}

/* One check of a password (and, with_code, of the account's code) through
 * the throttle; see signin_attempt(). */
static enum gemis_err attempt(struct db *db, const struct session_policy *pol, const char *name, const char *ip,
			      long long now, const char *password, const char *code, bool with_code,
			      enum signin_action action, struct user_rec *out, enum signin_outcome *how,
			      long *wait, struct errctx *e)
{
	enum gemis_err err;
	bool ok = false;

	*how = SIGNIN_REFUSED;
	if (!ip)
		ip = "cli";
	err = login_throttled(db, pol, name, ip, now, wait, e);
	if (err)
		return err;
	if (*wait > 0) {
		*how = SIGNIN_WAIT;
		return signin_log_write(db, name, ip, now, action, SIGNIN_THROTTLED, e);
	}
	err = users_check_password(db, name, password, out, &ok, e);
	if (!err && ok && with_code && out->totp_on) {
		if (!code || !*code) {
			*how = SIGNIN_NEED_CODE;
			return GEMIS_OK;
		}
		err = totp_verify(db, out->id, code, now, &ok, e);
	}
	if (err)
		return err;
	err = ok ? login_succeeded(db, name, ip, now, e) : login_failed(db, name, ip, now, e);
	if (!err)
		err = signin_log_write(db, name, ip, now, action, ok ? SIGNIN_OK : SIGNIN_WRONG, e);
	if (!err && ok)
		*how = SIGNIN_IN;
	return err;
}

enum gemis_err password_attempt(struct db *db, const struct session_policy *pol, const char *name,
				const char *ip, long long now, const char *password,
				enum signin_action action, struct user_rec *out, bool *ok, long *wait,
				struct errctx *e)
{
	enum signin_outcome how;
	enum gemis_err err;

	err = attempt(db, pol, name, ip, now, password, NULL, false, action, out, &how, wait, e);
	*ok = !err && how == SIGNIN_IN;
	return err;
}

enum gemis_err signin_attempt(struct db *db, const struct session_policy *pol, const char *name,
			      const char *ip, long long now, const char *password, const char *code,
			      struct user_rec *out, enum signin_outcome *how, long *wait, struct errctx *e)
{
	return attempt(db, pol, name, ip, now, password, code, true, SIGNIN_SIGNIN, out, how, wait, e);
}

enum gemis_err login_failed(struct db *db, const char *name, const char *ip, long long now,
			    struct errctx *e)
{
	return db_run(db, e, "INSERT INTO login_failures (name, ip, at) VALUES (?, ?, ?)", "tti", name,
		      ip, now);
}

enum gemis_err login_succeeded(struct db *db, const char *name, const char *ip, long long now,
			       struct errctx *e)
{
	enum gemis_err err;

	err = db_run(db, e, "DELETE FROM login_failures WHERE name = ? AND ip = ?", "tt", name, ip);
	if (!err)
		err = db_run(db, e,
			     "INSERT INTO login_known (name, ip, at) VALUES (?, ?, ?)"
			     " ON CONFLICT (name, ip) DO UPDATE SET at = excluded.at",
			     "tti", name, ip, now);
	return err;
}
