/*
 * signin_log.c: the audit log of sign-ins and failures (see signin_log.h).
 *
 * The subtree is applied here, row by row, as users_list() does: the
 * units of the tree in force are not in the database's terms (a code is
 * found in the snapshot's tree), and the rows an admin pages through are
 * few at a time.  The scan runs newest first and stops at the page's end.
 */
#include "signin_log.h"

#include <stdio.h>
#include <string.h>

#include "util/banned.h"

static const char *const action_ids[] = {"signin", "password", "export", "signout", "signout_all"};
static const char *const result_ids[] = {"ok", "wrong", "throttled"};

const char *signin_action_id(enum signin_action a)
{
	return action_ids[a];
}

const char *signin_result_id(enum signin_result r)
{
	return result_ids[r];
}

static int index_of(const char *const *ids, int n, const char *s)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (strcmp(ids[i], s) == 0)
			return i;
	return 0;
}

enum gemis_err signin_log_write(struct db *db, const char *name, const char *ip, long long now,
				enum signin_action action, enum signin_result result, struct errctx *e)
{
	char cut[65];

	/* a name is whatever was typed: keep the row bounded */
	snprintf(cut, sizeof(cut), "%s", name ? name : "");
	return db_run(db, e,
		      "INSERT INTO signin_log (at, name, user_id, ip, action, result)"
		      " VALUES (?, ?, (SELECT id FROM users WHERE name = ?), ?, ?, ?)",
		      "ittttt", now, cut, cut, ip ? ip : "cli", action_ids[action], result_ids[result]);
}

enum gemis_err signin_log_list(struct db *db, const struct tree *t, const struct signin_query *q,
			       enum gemis_err (*fn)(void *ctx, const struct signin_rec *r), void *ctx,
			       struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err = GEMIS_OK;
	int n = 0;

#define LIST_SQL                                                                            \
	"SELECT l.id, l.at, l.name, un.code, l.ip, l.action, l.result FROM signin_log l"    \
	" LEFT JOIN users u ON u.id = l.user_id LEFT JOIN units un ON un.id = u.unit_id"   \
	" WHERE l.id < ?"
	err = db_prepare(db, &st, e,
			 q->name ? LIST_SQL " AND l.name = ? ORDER BY l.id DESC" : LIST_SQL " ORDER BY l.id DESC");
	if (err)
		return err;
	db_bind_int(st, 1, q->before > 0 ? q->before : (1LL << 62));
	if (q->name)
		db_bind_text(st, 2, q->name);
	while (n < q->limit && db_next(st)) {
		struct signin_rec r;
		const char *code = db_col_text(st, 3);
		int ui = code ? tree_find(t, code) : -1;

		if (code ? ui < 0 || !tree_contains(t, q->unit, ui) : t->units[q->unit].parent >= 0)
			continue;
		memset(&r, 0, sizeof(r));
		r.id = db_col_int(st, 0);
		r.at = db_col_int(st, 1);
		snprintf(r.name, sizeof(r.name), "%s", db_col_text(st, 2));
		snprintf(r.unit_code, sizeof(r.unit_code), "%s", code ? code : "");
		snprintf(r.ip, sizeof(r.ip), "%s", db_col_text(st, 4));
		r.action = (enum signin_action)index_of(action_ids, 5, db_col_text(st, 5));
		r.result = (enum signin_result)index_of(result_ids, 3, db_col_text(st, 6));
		n++;
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

enum gemis_err signin_log_purge(struct db *db, long long now, struct errctx *e)
{
	return db_run(db, e, "DELETE FROM signin_log WHERE at < ?", "i", now - SIGNIN_LOG_KEEP);
}
