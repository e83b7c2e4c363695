/*
 * users.c: accounts and API tokens.
 */
#include "users.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "util/i18n.h"

#include "util/banned.h"

const char *user_name_problem(const char *name)
{
	size_t n = strlen(name), i;

	if (n < 3 || n > USER_NAME_MAX || !islower((unsigned char)name[0]))
		return N_("a user name has 3 to 64 characters and starts with a lower-case letter");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!islower(c) && !isdigit(c) && c != '.' && c != '_' && c != '-')
			return N_("a user name uses only a-z, 0-9, '.', '_' and '-'");
	}
	return NULL;
}

static enum gemis_err hash_password(const char *password, char out[crypto_pwhash_STRBYTES])
{
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return GEMIS_ENOMEM;
	return GEMIS_OK;
}

enum gemis_err users_add(struct db *db, const struct tree *t, const char *name, enum role role,
			 int unit, int agency, const char *full_name, const char *password,
			 long long *id, struct errctx *e)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *problem = user_name_problem(name);
	struct db_stmt *st = NULL;
	enum gemis_err err;
	long long now = (long long)time(NULL);
	bool found;
	long long dummy;

	if (problem)
		return err_set_at(e, GEMIS_EINVAL, "name", "%s", _(problem));
	problem = access_check_account(t, role, unit, agency);
	if (problem)
		return err_set_at(e, GEMIS_EINVAL, "role", "%s", _(problem));
	if (password) {
		problem = password_problem(password, name);
		if (problem)
			return err_set_at(e, GEMIS_EINVAL, "password", "%s", _(problem));
		err = hash_password(password, hash);
		if (err)
			return err_set(e, err, "cannot hash the password");
	}
	err = db_query_int(db, e, &dummy, &found, "SELECT id FROM users WHERE name = ?", "t", name);
	if (err)
		return err;
	if (found)
		return err_set_at(e, GEMIS_ECONFLICT, "name", _("the user name '%s' is taken"), name);
	err = db_prepare(db, &st, e,
			 "INSERT INTO users (name, role, unit_id, agency, full_name, password_hash,"
			 " password_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bindv(st, "ttit", name, role_id(role), t->units[unit].id,
		 agency >= 0 ? agency_kinds[agency].id : NULL);
	db_bind_text(st, 5, full_name);
	db_bind_text(st, 6, password ? hash : NULL);
	if (password)
		db_bind_int(st, 7, now);
	else
		db_bind_null(st, 7);
	db_bind_int(st, 8, now);
	if (db_next(st) && id)
		*id = db_col_int(st, 0);
	sodium_memzero(hash, sizeof(hash));
	return db_finalize(st, e);
}

#define USER_COLUMNS                                                                      \
	"u.id, u.name, u.role, u.unit_id, un.code, u.agency, u.full_name, u.disabled,"    \
	" u.password_hash, (SELECT COUNT(*) FROM account_totp a"                          \
	" WHERE a.user_id = u.id AND a.confirmed_at IS NOT NULL)"

static void read_user(struct db_stmt *st, struct user_rec *u, char *hash, size_t hashlen)
{
	const char *s;

	memset(u, 0, sizeof(*u));
	u->id = db_col_int(st, 0);
	snprintf(u->name, sizeof(u->name), "%s", db_col_text(st, 1));
	u->role = (enum role)role_parse(db_col_text(st, 2));
	u->unit_id = db_col_int(st, 3);
	snprintf(u->unit_code, sizeof(u->unit_code), "%s", db_col_text(st, 4));
	s = db_col_text(st, 5);
	snprintf(u->agency, sizeof(u->agency), "%s", s ? s : "");
	s = db_col_text(st, 6);
	snprintf(u->full_name, sizeof(u->full_name), "%s", s ? s : "");
	u->disabled = db_col_int(st, 7) != 0;
	s = db_col_text(st, 8);
	u->has_password = s != NULL;
	u->totp_on = db_col_int(st, 9) > 0;
	if (hash)
		snprintf(hash, hashlen, "%s", s ? s : "");
}

static enum gemis_err find_with_hash(struct db *db, const char *name, struct user_rec *out,
				     bool *found, char *hash, size_t hashlen, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*found = false;
	err = db_prepare(db, &st, e,
			 "SELECT " USER_COLUMNS " FROM users u JOIN units un ON un.id = u.unit_id"
			 " WHERE u.name = ?");
	if (err)
		return err;
	db_bind_text(st, 1, name);
	if (db_next(st)) {
		read_user(st, out, hash, hashlen);
		*found = true;
	}
	return db_finalize(st, e);
}

enum gemis_err users_find(struct db *db, const char *name, struct user_rec *out, bool *found,
			  struct errctx *e)
{
	return find_with_hash(db, name, out, found, NULL, 0, e);
}

enum gemis_err users_get(struct db *db, long long id, struct user_rec *out, bool *found,
			 struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*found = false;
	err = db_prepare(db, &st, e,
			 "SELECT " USER_COLUMNS " FROM users u JOIN units un ON un.id = u.unit_id"
			 " WHERE u.id = ?");
	if (err)
		return err;
	db_bind_int(st, 1, id);
	if (db_next(st)) {
		read_user(st, out, NULL, 0);
		*found = true;
	}
	return db_finalize(st, e);
}

enum gemis_err users_list(struct db *db, const struct tree *t, int unit,
			  enum gemis_err (*fn)(void *ctx, const struct user_rec *u), void *ctx,
			  struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT " USER_COLUMNS " FROM users u JOIN units un ON un.id = u.unit_id"
			 " ORDER BY un.code, u.name");
	if (err)
		return err;
	while (db_next(st)) {
		struct user_rec u;
		int ui;

		read_user(st, &u, NULL, 0);
		ui = tree_find(t, u.unit_code);
		if (ui < 0 || !tree_contains(t, unit, ui))
			continue;
		err = fn(ctx, &u);
		if (err)
			break;
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

enum gemis_err users_set_disabled(struct db *db, long long id, bool disabled, struct errctx *e)
{
	return db_run(db, e, "UPDATE users SET disabled = ? WHERE id = ?", "ii",
		      (long long)(disabled ? 1 : 0), id);
}

/* A hash of a random password, so that unknown accounts cost the same;
 * made once, whichever thread signs in first (the web server has several). */
static char dummy_hash[crypto_pwhash_STRBYTES];
static bool dummy_ok;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[32];

	randombytes_buf(pw, sizeof(pw) - 1);
	pw[sizeof(pw) - 1] = '\0';
	dummy_ok = hash_password(pw, dummy_hash) == GEMIS_OK;
	sodium_memzero(pw, sizeof(pw));
}

enum gemis_err users_check_password(struct db *db, const char *name, const char *password,
				    struct user_rec *out, bool *ok, struct errctx *e)
{
	char hash[crypto_pwhash_STRBYTES];
	bool found;
	enum gemis_err err;
	int verified;

	*ok = false;
	pthread_once(&dummy_once, make_dummy);
	if (!dummy_ok)
		return GEMIS_ENOMEM;
	err = find_with_hash(db, name, out, &found, hash, sizeof(hash), e);
	if (err)
		return err;
	if (strlen(password) > PASSWORD_MAX)
		return GEMIS_OK;
	verified = crypto_pwhash_str_verify(found && out->has_password ? hash : dummy_hash, password,
					    strlen(password));
	sodium_memzero(hash, sizeof(hash));
	*ok = found && out->has_password && !out->disabled && verified == 0;
	return GEMIS_OK;
}

enum gemis_err users_set_password(struct db *db, long long id, const char *password,
				  struct errctx *e)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *problem;
	struct user_rec u;
	bool found = false;
	enum gemis_err err;

	err = users_get(db, id, &u, &found, e);
	if (err)
		return err;
	problem = password_problem(password, found ? u.name : NULL);
	if (problem)
		return err_set_at(e, GEMIS_EINVAL, "password", "%s", _(problem));
	err = hash_password(password, hash);
	if (err)
		return err_set(e, err, "cannot hash the password");
	err = db_run(db, e, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
		     "tii", hash, (long long)time(NULL), id);
	sodium_memzero(hash, sizeof(hash));
	return err;
}

static void token_hash(const char *token, char hex[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

enum gemis_err tokens_create(struct db *db, long long user_id, const char *label,
			     char out[TOKEN_CHARS + 1], struct errctx *e)
{
	unsigned char raw[32];
	char hex[65];
	enum gemis_err err;

	randombytes_buf(raw, sizeof(raw));
	memcpy(out, TOKEN_PREFIX, 4);
	sodium_bin2hex(out + 4, 65, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	token_hash(out, hex);
	err = db_run(db, e,
		     "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)",
		     "itti", user_id, hex, label, (long long)time(NULL));
	if (err)
		sodium_memzero(out, TOKEN_CHARS + 1);
	return err;
}

enum gemis_err tokens_lookup(struct db *db, const char *token, struct user_rec *out, bool *found,
			     struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	char hex[65];
	long long tid = 0, used = -1, now = (long long)time(NULL);

	*found = false;
	if (strlen(token) != TOKEN_CHARS || strncmp(token, TOKEN_PREFIX, 4) != 0)
		return GEMIS_OK;
	token_hash(token, hex);
	err = db_prepare(db, &st, e,
			 "SELECT " USER_COLUMNS ", t.id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id"
			 " JOIN units un ON un.id = u.unit_id"
			 " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0");
	if (err)
		return err;
	db_bind_text(st, 1, hex);
	if (db_next(st)) {
		read_user(st, out, NULL, 0);
		tid = db_col_int(st, 10);
		used = db_col_null(st, 11) ? -1 : db_col_int(st, 11);
		*found = true;
	}
	err = db_finalize(st, e);
	/* at most once a minute: a write per request would cost a disk flush
	 * per API call, and even an UPDATE that changes nothing waits for
	 * SQLite's write lock (behind a group of saves being committed) */
	if (!err && *found && (used < 0 || used < now - 60))
		err = db_run(db, e,
			     "UPDATE api_tokens SET last_used_at = ? WHERE id = ?"
			     " AND (last_used_at IS NULL OR last_used_at < ?)",
			     "iii", now, tid, now - 60);
	return err;
}

enum gemis_err tokens_list(struct db *db, long long user_id,
			   enum gemis_err (*fn)(void *ctx, const struct token_rec *t), void *ctx,
			   struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT id, label, created_at, last_used_at, revoked_at FROM api_tokens"
			 " WHERE user_id = ? ORDER BY id");
	if (err)
		return err;
	db_bind_int(st, 1, user_id);
	while (db_next(st)) {
		struct token_rec t;
		const char *label = db_col_text(st, 1);

		memset(&t, 0, sizeof(t));
		t.id = db_col_int(st, 0);
		snprintf(t.label, sizeof(t.label), "%s", label ? label : "");
		t.created_at = db_col_int(st, 2);
		t.last_used_at = db_col_null(st, 3) ? 0 : db_col_int(st, 3);
		t.revoked_at = db_col_null(st, 4) ? 0 : db_col_int(st, 4);
		err = fn(ctx, &t);
		if (err) {
			db_finalize(st, NULL);
			return err;
		}
	}
	return db_finalize(st, e);
}

enum gemis_err tokens_revoke(struct db *db, long long user_id, long long token_id, long long now,
			     long long *revoked, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*revoked = 0;
	err = db_prepare(db, &st, e,
			 "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"
			 " AND (? = 0 OR id = ?)");
	if (err)
		return err;
	db_bindv(st, "iiii", now, user_id, token_id, token_id);
	err = db_step_done(st, e);
	if (!err)
		*revoked = db_changes(st);
	db_finalize(st, NULL);
	return err;
}

enum gemis_err principal_of(const struct tree *t, const struct user_rec *u, struct principal *p)
{
	memset(p, 0, sizeof(*p));
	p->user_id = u->id;
	snprintf(p->name, sizeof(p->name), "%s", u->name);
	p->role = u->role;
	p->unit = tree_find(t, u->unit_code);
	p->agency = u->agency[0] ? agency_find(u->agency) : -1;
	return p->unit < 0 ? GEMIS_ENOTFOUND : GEMIS_OK;
}
