/*
 * store/cases.c: the rows of the case register (cases.h): cases, events,
 * the access log and the counts kept of erased cases, on both backends.
 */
#include "cases.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"

#include "util/banned.h"


static void bind_blob(struct db_stmt *st, int i, struct case_blob b)
{
	if (b.p)
		db_bind_blob(st, i, b.p, b.len);
	else
		db_bind_null(st, i);
}

/* The largest sealed field read back (a note is at most 16 KB). */
#define BLOB_MAX (1u << 20)

/* Copies of the sealed columns of the row being read: a backend may keep
 * only the last blob read of a statement (PostgreSQL's unescapes each
 * into one buffer), and a row has several. */
struct blobs {
	struct buf b[CASE_SEALED];
};

static void blobs_init(struct blobs *x)
{
	size_t i;

	for (i = 0; i < CASE_SEALED; i++)
		buf_init(&x->b[i], BLOB_MAX);
}

static void blobs_release(struct blobs *x)
{
	size_t i;

	for (i = 0; i < CASE_SEALED; i++)
		buf_release(&x->b[i]);
}

/* Reads columns col..col+n into out[0..n), copied into x. */
static enum gemis_err read_blobs(struct db_stmt *st, int col, size_t n, struct blobs *x,
				 struct case_blob *out)
{
	size_t i, len;
	const void *p;

	for (i = 0; i < n; i++) {
		out[i].p = NULL;
		out[i].len = 0;
		if (db_col_null(st, col + (int)i))
			continue;
		len = 0;
		p = db_col_blob(st, col + (int)i, &len);
		buf_reset(&x->b[i]);
		if (len && buf_append(&x->b[i], p, len))
			return buf_error(&x->b[i]);
		/* an empty blob is a value, not a NULL */
		out[i].p = x->b[i].p ? (const void *)x->b[i].p : "";
		out[i].len = len;
	}
	return GEMIS_OK;
}

static const char *col_text_or_null(struct db_stmt *st, int i)
{
	return db_col_null(st, i) ? NULL : db_col_text(st, i);
}

/* Ends a walk over st: finalizes it, reporting the walk's error first. */
static enum gemis_err walk_end(struct db_stmt *st, enum gemis_err err, struct errctx *e)
{
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

/* --- cases --------------------------------------------------------------- */

enum gemis_err cases_code_taken(struct db *db, const char *code, bool *taken, struct errctx *e)
{
	long long one;

	return db_query_int(db, e, &one, taken, "SELECT 1 FROM cases WHERE code = ?", "t", code);
}

enum gemis_err cases_insert(struct db *db, const struct case_new *c, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t i;

	err = db_prepare(db, &st, e,
			 "INSERT INTO cases(code, unit_id, detected_year, survivor_sex, gbv,"
			 " trafficking_return, in_need, perpetrator_sex, perpetrator_prosecuted,"
			 " consent_statistics, key_id, created_at, created_by, updated_at,"
			 " detected_ct, source_ct, survivor_age_ct, type_ct, context_ct,"
			 " perpetrator_age_ct, perpetrator_relation_ct, notes_ct)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (err)
		return err;
	db_bindv(st, "tiitiiitiititi", c->code, c->unit_id, c->year, c->survivor_sex,
		 (long long)c->gbv, (long long)c->trafficking_return, (long long)c->in_need,
		 c->perpetrator_sex, (long long)c->prosecuted, (long long)c->consent, c->key_id,
		 c->at, c->by, c->at);
	for (i = 0; i < CASE_SEALED_AT_ADD; i++)
		bind_blob(st, 15 + (int)i, c->ct[i]);
	err = db_step_done(st, e);
	return walk_end(st, err, e);
}

enum gemis_err cases_find(struct db *db, const char *code, bool *found, long long *id,
			  long long *unit_id, bool *closed, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*found = false;
	err = db_prepare(db, &st, e, "SELECT id, unit_id, closed_on FROM cases WHERE code = ?");
	if (err)
		return err;
	db_bind_text(st, 1, code);
	if (db_next(st)) {
		*found = true;
		*id = db_col_int(st, 0);
		*unit_id = db_col_int(st, 1);
		*closed = !db_col_null(st, 2);
	}
	return db_finalize(st, e);
}

#define CASE_COLUMNS                                                                        \
	"SELECT id, code, unit_id, survivor_sex, trafficking_return, in_need, perpetrator_sex,"    \
	" perpetrator_prosecuted, consent_statistics, closed_on, detected_ct, source_ct,"          \
	" survivor_age_ct, type_ct, context_ct, perpetrator_age_ct, perpetrator_relation_ct,"      \
	" notes_ct, closure_ct FROM cases"

static enum gemis_err each_row(struct db_stmt *st, case_stored_fn fn, void *ctx, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	struct blobs x;

	blobs_init(&x);
	while (!err && db_next(st)) {
		struct case_stored c;

		memset(&c, 0, sizeof(c));
		c.id = db_col_int(st, 0);
		c.code = db_col_text(st, 1) ? db_col_text(st, 1) : "";
		c.unit_id = db_col_int(st, 2);
		c.survivor_sex = db_col_text(st, 3) ? db_col_text(st, 3) : "";
		c.trafficking_return = db_col_int(st, 4) != 0;
		c.in_need = db_col_int(st, 5) != 0;
		c.perpetrator_sex = col_text_or_null(st, 6);
		c.prosecuted = db_col_int(st, 7) != 0;
		c.consent = db_col_int(st, 8) != 0;
		c.closed_on = col_text_or_null(st, 9);
		err = read_blobs(st, 10, CASE_SEALED, &x, c.ct);
		if (!err)
			err = fn(ctx, &c, e);
	}
	blobs_release(&x);
	return walk_end(st, err, e);
}

enum gemis_err cases_get(struct db *db, long long id, case_stored_fn fn, void *ctx,
			 struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err = db_prepare(db, &st, e, CASE_COLUMNS " WHERE id = ?");

	if (err)
		return err;
	db_bind_int(st, 1, id);
	return each_row(st, fn, ctx, e);
}

enum gemis_err cases_each(struct db *db, long long unit_id, case_stored_fn fn, void *ctx,
			  struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err = db_prepare(db, &st, e, CASE_COLUMNS " WHERE unit_id = ? ORDER BY code");

	if (err)
		return err;
	db_bind_int(st, 1, unit_id);
	return each_row(st, fn, ctx, e);
}

enum gemis_err cases_close_row(struct db *db, long long id, const char *closed_on,
			       struct case_blob closure, long long at, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "UPDATE cases SET closed_on = ?, closure_ct = ?, updated_at = ? WHERE id = ?");
	if (err)
		return err;
	db_bind_text(st, 1, closed_on);
	bind_blob(st, 2, closure);
	db_bind_int(st, 3, at);
	db_bind_int(st, 4, id);
	err = db_step_done(st, e);
	return walk_end(st, err, e);
}

/* --- events -------------------------------------------------------------- */

enum gemis_err cases_event_next(struct db *db, long long case_id, long long *seq,
				struct errctx *e)
{
	bool found;
	enum gemis_err err;

	*seq = 1;
	/* Two steps recorded on one case at once would both read the same
	 * highest number, and the second fail on (case_id, seq) (PostgreSQL). */
	err = db_lock_table(db, "case_events", e);
	if (err)
		return err;
	return db_query_int(db, e, seq, &found,
			    "SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_id = ?", "i",
			    case_id);
}

enum gemis_err cases_event_insert(struct db *db, long long case_id, long long seq,
				  const char *kind, long long at, const char *by,
				  const struct case_blob ct[3], struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	int i;

	err = db_prepare(db, &st, e,
			 "INSERT INTO case_events(case_id, seq, kind, created_at, created_by,"
			 " service_ct, date_ct, note_ct) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (err)
		return err;
	db_bindv(st, "iitit", case_id, seq, kind, at, by);
	for (i = 0; i < 3; i++)
		bind_blob(st, 6 + i, ct[i]);
	err = db_step_done(st, e);
	err = walk_end(st, err, e);
	if (!err)
		err = db_run(db, e, "UPDATE cases SET updated_at = ? WHERE id = ?", "ii", at, case_id);
	return err;
}

enum gemis_err cases_events_each(struct db *db, long long case_id, case_event_fn fn, void *ctx,
				 struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct blobs x;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT seq, kind, service_ct, date_ct, note_ct FROM case_events"
			 " WHERE case_id = ? ORDER BY seq");
	if (err)
		return err;
	db_bind_int(st, 1, case_id);
	blobs_init(&x);
	while (!err && db_next(st)) {
		struct case_event_stored ev;

		ev.seq = db_col_int(st, 0);
		ev.kind = db_col_text(st, 1) ? db_col_text(st, 1) : "";
		err = read_blobs(st, 2, 3, &x, ev.ct);
		if (!err)
			err = fn(ctx, &ev, e);
	}
	blobs_release(&x);
	return walk_end(st, err, e);
}

enum gemis_err cases_event_counts(struct db *db, long long case_id, const char *const *kinds,
				  size_t nkinds, long long *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t k;

	for (k = 0; k < nkinds; k++)
		n[k] = 0;
	err = db_prepare(db, &st, e,
			 "SELECT kind, COUNT(*) FROM case_events WHERE case_id = ? GROUP BY kind");
	if (err)
		return err;
	db_bind_int(st, 1, case_id);
	while (db_next(st)) {
		const char *kind = db_col_text(st, 0);

		for (k = 0; kind && k < nkinds; k++) {
			if (strcmp(kinds[k], kind) == 0)
				n[k] = db_col_int(st, 1);
		}
	}
	return db_finalize(st, e);
}

/* --- erasing ------------------------------------------------------------- */

enum gemis_err cases_closed_each(struct db *db,
				 enum gemis_err (*fn)(void *ctx, long long id, const char *closed_on),
				 void *ctx, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e, "SELECT id, closed_on FROM cases WHERE closed_on IS NOT NULL");
	if (err)
		return err;
	while (!err && db_next(st))
		err = fn(ctx, db_col_int(st, 0), db_col_text(st, 1));
	return walk_end(st, err, e);
}

enum gemis_err cases_erase(struct db *db, long long id, struct errctx *e)
{
	enum gemis_err err = db_run(db, e, "DELETE FROM case_events WHERE case_id = ?", "i", id);

	if (!err)
		err = db_run(db, e, "DELETE FROM cases WHERE id = ?", "i", id);
	return err;
}

enum gemis_err cases_erase_begin(struct db *db, struct errctx *e)
{
	return db_secure_delete(db, e);
}

enum gemis_err cases_erase_end(struct db *db, struct errctx *e)
{
	return db_checkpoint(db, e);
}

enum gemis_err case_counts_add(struct db *db, long long unit_id, int year, const char *indicator,
			       const char *part, const char *sex, struct errctx *e)
{
	return db_run(db, e,
		      "INSERT INTO case_counts(unit_id, year, indicator, part, sex, n)"
		      " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (unit_id, year, indicator, part, sex)"
		      " DO UPDATE SET n = case_counts.n + 1",
		      "iittt", unit_id, (long long)year, indicator, part, sex);
}

/* --- the access log ------------------------------------------------------ */

enum gemis_err cases_log_add(struct db *db, const struct case_log_line *l, struct errctx *e)
{
	return db_run(db, e,
		      "INSERT INTO case_access_log(at, user_name, role, unit_code, action, case_code,"
		      " detail, allowed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		      "itttttti", l->at, l->user, l->role, l->unit, l->action, l->case_code, l->detail,
		      (long long)l->allowed);
}

enum gemis_err cases_log_each(struct db *db, size_t limit, case_log_fn fn, void *ctx,
			      struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT id, at, user_name, role, unit_code, action, case_code, detail, allowed"
			 " FROM case_access_log ORDER BY id DESC LIMIT ?");
	if (err)
		return err;
	db_bind_int(st, 1, (long long)limit);
	while (!err && db_next(st)) {
		struct case_log_line l;

		l.id = db_col_int(st, 0);
		l.at = db_col_int(st, 1);
		l.user = col_text_or_null(st, 2);
		l.role = col_text_or_null(st, 3);
		l.unit = col_text_or_null(st, 4);
		l.action = col_text_or_null(st, 5);
		l.case_code = col_text_or_null(st, 6);
		l.detail = col_text_or_null(st, 7);
		l.allowed = db_col_int(st, 8) != 0;
		err = fn(ctx, &l, e);
	}
	return walk_end(st, err, e);
}
