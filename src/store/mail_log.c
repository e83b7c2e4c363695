/*
 * mail_log.c: addresses of accounts and the log of reminders sent (see
 * mail_log.h).
 */
#include "mail_log.h"

#include <stdio.h>
#include <string.h>

#include "util/banned.h"

static const char *const kind_ids[] = {"remind", "digest"};

enum gemis_err mail_address_set(struct db *db, long long user_id, const char *email, struct errctx *e)
{
	if (!email)
		return db_run(db, e, "DELETE FROM mail_addresses WHERE user_id = ?", "i", user_id);
	return db_run(db, e,
		      "INSERT INTO mail_addresses (user_id, email) VALUES (?, ?)"
		      " ON CONFLICT (user_id) DO UPDATE SET email = excluded.email",
		      "it", user_id, email);
}

enum gemis_err mail_address_get(struct db *db, long long user_id, char *out, size_t n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err = db_prepare(db, &st, e, "SELECT email FROM mail_addresses WHERE user_id = ?");

	if (err)
		return err;
	db_bind_int(st, 1, user_id);
	out[0] = '\0';
	if (db_next(st))
		snprintf(out, n, "%s", db_col_text(st, 0));
	return db_finalize(st, e);
}

enum gemis_err mail_recipients(struct db *db, const struct tree *t, int unit, enum role role, const char *agency,
			       enum gemis_err (*fn)(void *ctx, const struct mail_recipient *r), void *ctx,
			       struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	/* two texts rather than "? IS NULL": PostgreSQL cannot type a
	 * parameter that is only compared with NULL */
	err = db_prepare(db, &st, e,
			 agency ? "SELECT u.id, u.name, m.email FROM users u JOIN mail_addresses m ON m.user_id = u.id"
				  " WHERE u.unit_id = ? AND u.role = ? AND u.disabled = 0 AND u.agency = ? ORDER BY u.name"
				: "SELECT u.id, u.name, m.email FROM users u JOIN mail_addresses m ON m.user_id = u.id"
				  " WHERE u.unit_id = ? AND u.role = ? AND u.disabled = 0 ORDER BY u.name");
	if (err)
		return err;
	db_bind_int(st, 1, t->units[unit].id);
	db_bind_text(st, 2, role_id(role));
	if (agency)
		db_bind_text(st, 3, agency);
	while (db_next(st)) {
		struct mail_recipient r;

		memset(&r, 0, sizeof(r));
		r.user_id = db_col_int(st, 0);
		snprintf(r.name, sizeof(r.name), "%s", db_col_text(st, 1));
		snprintf(r.email, sizeof(r.email), "%s", db_col_text(st, 2));
		err = fn(ctx, &r);
		if (err)
			break;
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

enum gemis_err mail_log_sent(struct db *db, const char *day, long long user_id, enum mail_kind kind, bool *sent,
			     struct errctx *e)
{
	long long n = 0;

	*sent = false;
	return db_query_int(db, e, &n, sent, "SELECT 1 FROM mail_log WHERE day = ? AND user_id = ? AND kind = ?",
			    "tit", day, user_id, kind_ids[kind]);
}

enum gemis_err mail_log_add(struct db *db, const char *day, long long user_id, enum mail_kind kind, long long at,
			    int items, struct errctx *e)
{
	return db_run(db, e,
		      "INSERT INTO mail_log (day, user_id, kind, sent_at, items) VALUES (?, ?, ?, ?, ?)"
		      " ON CONFLICT (day, user_id, kind) DO NOTHING",
		      "titii", day, user_id, kind_ids[kind], at, (long long)items);
}
