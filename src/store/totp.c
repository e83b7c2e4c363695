/*
 * totp.c: an account's authenticator and recovery codes (totp.h).
 */
#include "totp.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "util/banned.h"

enum gemis_err totp_get(struct db *db, long long user_id, struct totp_rec *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	long long left = 0;
	bool found;

	memset(out, 0, sizeof(*out));
	err = db_prepare(db, &st, e,
			 "SELECT secret, created_at, confirmed_at, last_step FROM account_totp WHERE user_id = ?");
	if (err)
		return err;
	db_bind_int(st, 1, user_id);
	if (db_next(st)) {
		size_t len = 0;
		const void *p = db_col_blob(st, 0, &len);

		if (p && len == sizeof(out->secret)) {
			memcpy(out->secret, p, len);
			out->present = true;
			out->created_at = db_col_int(st, 1);
			out->confirmed = !db_col_null(st, 2);
			out->confirmed_at = db_col_int(st, 2);
			out->last_step = db_col_int(st, 3);
		}
	}
	err = db_finalize(st, e);
	if (!err)
		err = db_query_int(db, e, &left, &found,
				   "SELECT COUNT(*) FROM account_recovery WHERE user_id = ? AND used_at IS NULL", "i",
				   user_id);
	out->recovery_left = (int)left;
	return err;
}

static enum gemis_err put_secret(struct db *db, long long user_id, long long now, const unsigned char *secret,
				 struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_run(db, e, "DELETE FROM account_totp WHERE user_id = ? AND confirmed_at IS NULL", "i", user_id);
	if (!err)
		err = db_prepare(db, &st, e,
				 "INSERT INTO account_totp (user_id, secret, created_at) VALUES (?, ?, ?)");
	if (err)
		return err;
	db_bind_int(st, 1, user_id);
	db_bind_blob(st, 2, secret, TOTP_SECRET_BYTES);
	db_bind_int(st, 3, now);
	err = db_step_done(st, e);
	db_finalize(st, NULL);
	return err;
}

enum gemis_err totp_begin(struct db *db, long long user_id, long long now, struct totp_rec *out,
			  struct errctx *e)
{
	enum gemis_err err;

	err = db_begin(db, e);
	if (err)
		return err;
	err = totp_get(db, user_id, out, e);
	if (!err && out->confirmed)
		err = err_set(e, GEMIS_ECONFLICT, "two-step sign-in is already on");
	if (!err) {
		randombytes_buf(out->secret, sizeof(out->secret));
		err = put_secret(db, user_id, now, out->secret, e);
	}
	if (err) {
		db_rollback(db);
		sodium_memzero(out->secret, sizeof(out->secret));
		return err;
	}
	out->present = true;
	out->confirmed = false;
	out->created_at = now;
	return db_commit(db, e);
}

/* A recovery code: 10 letters and digits that cannot be mistaken for one
 * another, in two groups; its hash as stored. */
static void recovery_make(char code[RECOVERY_CODE_CHARS + 1])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	int i, k = 0;

	for (i = 0; i < 10; i++) {
		if (i == 5)
			code[k++] = '-';
		code[k++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	code[k] = '\0';
}

/* The hash of a recovery code as typed: case, spaces and the hyphen do not
 * matter. */
static void recovery_hash(const char *code, char hex[65])
{
	char norm[32];
	unsigned char h[32];
	size_t n = 0;

	for (; *code && n < sizeof(norm) - 1; code++) {
		if (*code == '-' || *code == ' ')
			continue;
		norm[n++] = (char)(*code >= 'A' && *code <= 'Z' ? *code - 'A' + 'a' : *code);
	}
	norm[n] = '\0';
	crypto_generichash(h, sizeof(h), (const unsigned char *)norm, n, NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof(h));
	sodium_memzero(norm, sizeof(norm));
}

static enum gemis_err put_recovery(struct db *db, long long user_id,
				   char codes[RECOVERY_CODES][RECOVERY_CODE_CHARS + 1], struct errctx *e)
{
	enum gemis_err err;
	char hex[65];
	int i;

	err = db_run(db, e, "DELETE FROM account_recovery WHERE user_id = ?", "i", user_id);
	for (i = 0; !err && i < RECOVERY_CODES; i++) {
		recovery_make(codes[i]);
		recovery_hash(codes[i], hex);
		err = db_run(db, e, "INSERT INTO account_recovery (user_id, code_hash) VALUES (?, ?)", "it", user_id,
			     hex);
	}
	return err;
}

/* Marks `step` used when it is later than the last one used: false when
 * another request used it (or a later one) first. */
static enum gemis_err use_step(struct db *db, long long user_id, long long step, bool *ok, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e, "UPDATE account_totp SET last_step = ? WHERE user_id = ? AND last_step < ?");
	if (err)
		return err;
	db_bindv(st, "iii", step, user_id, step);
	err = db_step_done(st, e);
	*ok = !err && db_changes(st) == 1;
	db_finalize(st, NULL);
	return err;
}

enum gemis_err totp_confirm(struct db *db, long long user_id, const char *code, long long now, bool *ok,
			    char codes[RECOVERY_CODES][RECOVERY_CODE_CHARS + 1], struct errctx *e)
{
	struct totp_rec t;
	long long step = 0;
	enum gemis_err err;

	*ok = false;
	err = db_begin(db, e);
	if (err)
		return err;
	err = totp_get(db, user_id, &t, e);
	if (!err && (!t.present || t.confirmed))
		err = err_set(e, GEMIS_ECONFLICT, "no enrolment to confirm");
	if (!err && totp_check(t.secret, sizeof(t.secret), code, now, t.last_step, &step))
		err = use_step(db, user_id, step, ok, e);
	if (!err && *ok)
		err = db_run(db, e, "UPDATE account_totp SET confirmed_at = ? WHERE user_id = ?", "ii", now, user_id);
	if (!err && *ok)
		err = put_recovery(db, user_id, codes, e);
	sodium_memzero(t.secret, sizeof(t.secret));
	if (err) {
		db_rollback(db);
		*ok = false;
		return err;
	}
	return db_commit(db, e);
}

static enum gemis_err use_recovery(struct db *db, long long user_id, const char *code, long long now, bool *ok,
				   struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	char hex[65];

	recovery_hash(code, hex);
	err = db_prepare(db, &st, e,
			 "UPDATE account_recovery SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL");
	if (err)
		return err;
	db_bindv(st, "iit", now, user_id, hex);
	err = db_step_done(st, e);
	*ok = !err && db_changes(st) == 1;
	db_finalize(st, NULL);
	return err;
}

enum gemis_err totp_verify(struct db *db, long long user_id, const char *code, long long now, bool *ok,
			   struct errctx *e)
{
	struct totp_rec t;
	long long step = 0;
	enum gemis_err err;

	*ok = false;
	err = totp_get(db, user_id, &t, e);
	if (err || !t.confirmed)
		goto out;
	if (totp_check(t.secret, sizeof(t.secret), code, now, t.last_step, &step))
		err = use_step(db, user_id, step, ok, e);
	else if (code && strlen(code) >= 10)
		err = use_recovery(db, user_id, code, now, ok, e);
out:
	sodium_memzero(t.secret, sizeof(t.secret));
	return err;
}

enum gemis_err totp_remove(struct db *db, long long user_id, struct errctx *e)
{
	enum gemis_err err;

	err = db_run(db, e, "DELETE FROM account_recovery WHERE user_id = ?", "i", user_id);
	if (!err)
		err = db_run(db, e, "DELETE FROM account_totp WHERE user_id = ?", "i", user_id);
	return err;
}
