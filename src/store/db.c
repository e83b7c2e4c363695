/*
 * db.c: backend selection and the convenience layer over the ops table.
 */
#include "db.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/banned.h"

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

enum gemis_err db_open(const char *url, int flags, struct db **out, struct errctx *e)
{
	*out = NULL;
	if (!url || !*url)
		return err_set(e, GEMIS_EINVAL, "no database given");
	if (has_prefix(url, "postgresql://") || has_prefix(url, "postgres://"))
		return db_pg_ops.open(url, flags, out, e);
	if (has_prefix(url, "sqlite:"))
		url += strlen("sqlite:");
	return db_sqlite_ops.open(url, flags, out, e);
}

void db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->kind;
}

enum gemis_err db_exec(struct db *db, struct errctx *e, const char *sql)
{
	return db->ops->exec(db, sql, e);
}

enum gemis_err db_prepare(struct db *db, struct db_stmt **out, struct errctx *e, const char *sql)
{
	return db->ops->prepare(db, sql, out, e);
}

void db_bind_null(struct db_stmt *st, int i)
{
	st->db->ops->bind_null(st, i);
}

void db_bind_int(struct db_stmt *st, int i, long long v)
{
	st->db->ops->bind_int(st, i, v);
}

void db_bind_double(struct db_stmt *st, int i, double v)
{
	if (isnan(v))
		st->db->ops->bind_null(st, i);
	else
		st->db->ops->bind_double(st, i, v);
}

void db_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (!s)
		st->db->ops->bind_null(st, i);
	else
		st->db->ops->bind_text(st, i, s, strlen(s));
}

void db_bind_textn(struct db_stmt *st, int i, const char *s, size_t len)
{
	st->db->ops->bind_text(st, i, s, len);
}

void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t len)
{
	st->db->ops->bind_blob(st, i, p, len);
}

bool db_next(struct db_stmt *st)
{
	return st->db->ops->next(st);
}

void db_reset(struct db_stmt *st)
{
	st->db->ops->reset(st);
}

enum gemis_err db_stmt_error(struct db_stmt *st, struct errctx *e)
{
	return st->db->ops->error(st, e);
}

enum gemis_err db_step_done(struct db_stmt *st, struct errctx *e)
{
	enum gemis_err err;

	while (db_next(st))
		;
	err = db_stmt_error(st, e);
	db_reset(st);
	return err;
}

enum gemis_err db_finalize(struct db_stmt *st, struct errctx *e)
{
	if (!st)
		return GEMIS_OK;
	return st->db->ops->finalize(st, e);
}

bool db_col_null(struct db_stmt *st, int i)
{
	return st->db->ops->col_null(st, i);
}

long long db_col_int(struct db_stmt *st, int i)
{
	return st->db->ops->col_int(st, i);
}

double db_col_double(struct db_stmt *st, int i)
{
	if (st->db->ops->col_null(st, i))
		return NAN;
	return st->db->ops->col_double(st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	if (st->db->ops->col_null(st, i))
		return NULL;
	return st->db->ops->col_text(st, i);
}

const void *db_col_blob(struct db_stmt *st, int i, size_t *len)
{
	return st->db->ops->col_blob(st, i, len);
}

long long db_changes(struct db_stmt *st)
{
	return st->db->ops->changes(st);
}

static void bind_va(struct db_stmt *st, const char *fmt, va_list ap)
{
	int i = 1;

	for (; fmt && *fmt; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			db_bind_int(st, i, va_arg(ap, long long));
			break;
		case 'd':
			db_bind_double(st, i, va_arg(ap, double));
			break;
		case 't':
			db_bind_text(st, i, va_arg(ap, const char *));
			break;
		case 'n':
			db_bind_null(st, i);
			break;
		default:
			/* a programming error in a literal format string */
			db_bind_null(st, i);
			break;
		}
	}
}

void db_bindv(struct db_stmt *st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bind_va(st, fmt, ap);
	va_end(ap);
}

enum gemis_err db_run(struct db *db, struct errctx *e, const char *sql, const char *fmt, ...)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	va_list ap;

	err = db_prepare(db, &st, e, sql);
	if (err)
		return err;
	va_start(ap, fmt);
	bind_va(st, fmt, ap);
	va_end(ap);
	while (db_next(st))
		;
	return db_finalize(st, e);
}

enum gemis_err db_query_int(struct db *db, struct errctx *e, long long *out, bool *found,
			    const char *sql, const char *fmt, ...)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	va_list ap;
	bool row;

	err = db_prepare(db, &st, e, sql);
	if (err)
		return err;
	va_start(ap, fmt);
	bind_va(st, fmt, ap);
	va_end(ap);
	row = db_next(st);
	if (row)
		*out = db_col_int(st, 0);
	if (found)
		*found = row;
	return db_finalize(st, e);
}

enum gemis_err db_begin(struct db *db, struct errctx *e)
{
	enum gemis_err err;

	if (db->in_tx)
		return err_set(e, GEMIS_EDB, "nested transaction");
	err = db_exec(db, e, db->kind == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN");
	if (!err)
		db->in_tx = 1;
	return err;
}

enum gemis_err db_commit(struct db *db, struct errctx *e)
{
	enum gemis_err err;

	if (!db->in_tx)
		return err_set(e, GEMIS_EDB, "commit without a transaction");
	err = db_exec(db, e, "COMMIT");

	if (err) {
		db_rollback(db);
		return err;
	}
	db->in_tx = 0;
	return GEMIS_OK;
}

void db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	db_exec(db, NULL, "ROLLBACK");
	db->in_tx = 0;
}

enum gemis_err db_lock_table(struct db *db, const char *table, struct errctx *e)
{
	char sql[128];

	if (!db->in_tx)
		return err_set(e, GEMIS_EDB, "locking %s outside a transaction", table);
	if (db->kind == DB_SQLITE)
		return GEMIS_OK;
	snprintf(sql, sizeof(sql), "LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE", table);
	return db_exec(db, e, sql);
}
