/*
 * db.h: the database interface that every store module is written against,
 * with one backend per database behind an ops table (after curl's vtls and
 * SQLite's VFS): db_sqlite.c for the embedded single-commune database and
 * db_pg.c for provinces and the nation.
 *
 * SQL is written once, in the common subset of SQLite and PostgreSQL:
 * `?` placeholders (the PostgreSQL backend numbers them), INSERT ... ON
 * CONFLICT, RETURNING, BIGINT/DOUBLE PRECISION/TEXT columns.  Migrations may
 * use {{ID}} for an auto-numbered primary key and {{BLOB}} for bytes; see
 * migrate.c.
 *
 * Usage:
 *	struct db_stmt *st;
 *	err = db_prepare(db, &st, e, "SELECT code FROM units WHERE parent_id = ?");
 *	if (err) goto out;
 *	db_bind_int(st, 1, parent);
 *	while (db_next(st))
 *		use(db_col_text(st, 0));
 *	err = db_finalize(st, e);     (reports an error met by db_next)
 */
#ifndef GEMIS_DB_H
#define GEMIS_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct db;
struct db_stmt;

enum db_kind {
	DB_SQLITE,
	DB_POSTGRES,
};

enum db_open_flags {
	DB_OPEN_CREATE = 1, /* create the database file if missing (SQLite) */
};

struct db_ops {
	const char *name;
	enum gemis_err (*open)(const char *target, int flags, struct db **out, struct errctx *e);
	void (*close)(struct db *db);
	enum gemis_err (*exec)(struct db *db, const char *sql, struct errctx *e);
	enum gemis_err (*prepare)(struct db *db, const char *sql, struct db_stmt **out,
				  struct errctx *e);
	void (*bind_null)(struct db_stmt *st, int i);
	void (*bind_int)(struct db_stmt *st, int i, long long v);
	void (*bind_double)(struct db_stmt *st, int i, double v);
	void (*bind_text)(struct db_stmt *st, int i, const char *s, size_t len);
	void (*bind_blob)(struct db_stmt *st, int i, const void *p, size_t len);
	bool (*next)(struct db_stmt *st);
	void (*reset)(struct db_stmt *st);
	enum gemis_err (*finalize)(struct db_stmt *st, struct errctx *e);
	enum gemis_err (*error)(struct db_stmt *st, struct errctx *e);
	bool (*col_null)(struct db_stmt *st, int i);
	long long (*col_int)(struct db_stmt *st, int i);
	double (*col_double)(struct db_stmt *st, int i);
	const char *(*col_text)(struct db_stmt *st, int i);
	const void *(*col_blob)(struct db_stmt *st, int i, size_t *len);
	long long (*changes)(struct db_stmt *st);
	/* Optional (NULL when the backend has none): COPY ... FROM STDIN in
	 * PostgreSQL's text format, for db_bulk. */
	enum gemis_err (*copy_begin)(struct db *db, const char *sql, struct errctx *e);
	enum gemis_err (*copy_put)(struct db *db, const char *data, size_t len, struct errctx *e);
	enum gemis_err (*copy_end)(struct db *db, struct errctx *e);
	/* Optional: db_secure_delete() and db_checkpoint() (SQLite's). */
	enum gemis_err (*secure_delete)(struct db *db, struct errctx *e);
	enum gemis_err (*checkpoint)(struct db *db, struct errctx *e);
};

/* The part every backend's connection and statement structs start with. */
struct db {
	const struct db_ops *ops;
	enum db_kind kind;
	int in_tx;
};

struct db_stmt {
	struct db *db;
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* Opens a database: "postgresql://..." or "postgres://..." (PostgreSQL),
 * "sqlite:PATH" or a plain PATH (SQLite).  Does not migrate: see
 * store_open() in store.h. */
enum gemis_err db_open(const char *url, int flags, struct db **out, struct errctx *e);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/* What a process using the database url must reach (util/confine.h):
 * the directory of a SQLite file, where its journal and WAL are made
 * (dir; "" for PostgreSQL), and the TCP port of a PostgreSQL server (0 for
 * SQLite or a unix socket).  False when dir does not fit. */
bool db_reach(const char *url, char *dir, size_t dirsz, unsigned *tcp_port);

/* Runs statements without parameters (several, separated by ';'). */
enum gemis_err db_exec(struct db *db, struct errctx *e, const char *sql);

enum gemis_err db_prepare(struct db *db, struct db_stmt **out, struct errctx *e, const char *sql);
void db_bind_null(struct db_stmt *st, int i);
void db_bind_int(struct db_stmt *st, int i, long long v);
/* NaN binds NULL. */
void db_bind_double(struct db_stmt *st, int i, double v);
/* NULL binds NULL.  The string is copied or must outlive the next step. */
void db_bind_text(struct db_stmt *st, int i, const char *s);
void db_bind_textn(struct db_stmt *st, int i, const char *s, size_t len);
void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t len);
/* Runs the statement (on the first call) and moves to the next row; false
 * at the end or on error (see db_finalize / db_stmt_error). */
bool db_next(struct db_stmt *st);
/* Runs the statement to completion and resets it for new bindings. */
enum gemis_err db_step_done(struct db_stmt *st, struct errctx *e);
void db_reset(struct db_stmt *st);
/* The error met by the statement, if any. */
enum gemis_err db_stmt_error(struct db_stmt *st, struct errctx *e);
/* Frees the statement; returns the error it met, if any. */
enum gemis_err db_finalize(struct db_stmt *st, struct errctx *e);
bool db_col_null(struct db_stmt *st, int i);
long long db_col_int(struct db_stmt *st, int i);
/* NaN for NULL. */
double db_col_double(struct db_stmt *st, int i);
/* NULL for SQL NULL; borrowed until the next db_next. */
const char *db_col_text(struct db_stmt *st, int i);
/* Borrowed until the next db_next or the next db_col_blob of st (the
 * PostgreSQL backend unescapes each blob into one buffer per statement). */
const void *db_col_blob(struct db_stmt *st, int i, size_t *len);
/* Rows changed by the last INSERT/UPDATE/DELETE run by st. */
long long db_changes(struct db_stmt *st);

/* Convenience: prepare, bind from a format, run to completion, finalize.
 * Format letters: 'i' long long, 'd' double (NaN -> NULL), 't' const char *
 * (NULL -> NULL), 'n' NULL (no argument). */
enum gemis_err db_run(struct db *db, struct errctx *e, const char *sql, const char *fmt, ...);
/* Binds arguments by the same format to a prepared statement, from index 1. */
void db_bindv(struct db_stmt *st, const char *fmt, ...);
/* Convenience: a query returning one integer (found=false when no row). */
enum gemis_err db_query_int(struct db *db, struct errctx *e, long long *out, bool *found,
			    const char *sql, const char *fmt, ...);

/* Transactions (not nested).  SQLite takes the write lock at BEGIN. */
enum gemis_err db_begin(struct db *db, struct errctx *e);
enum gemis_err db_commit(struct db *db, struct errctx *e);
void db_rollback(struct db *db);
/* A savepoint inside a transaction (one at a time): a part of it that can
 * be undone alone, the rest kept.  db_savepoint_rollback() undoes what was
 * done since db_savepoint() and ends the savepoint; db_savepoint_release()
 * keeps it (durable only with the transaction's commit). */
enum gemis_err db_savepoint(struct db *db, struct errctx *e);
enum gemis_err db_savepoint_release(struct db *db, struct errctx *e);
enum gemis_err db_savepoint_rollback(struct db *db, struct errctx *e);

/* Bulk insertion of many new rows into one table, the fastest way the
 * backend has: COPY on PostgreSQL (one stream instead of a statement per
 * few hundred rows), multi-row INSERT statements on SQLite.  Inside a
 * transaction only.  Fields are given in column order, row after row;
 * a row is complete after ncols fields.  An error (a constraint violation
 * is GEMIS_ECONFLICT) may surface at any call or only at db_bulk_finish();
 * the caller then rolls back.  `table` and `cols` are names from the
 * schema, never from input.
 *
 *	err = db_bulk_begin(db, &b, e, "datavalues", cols, 8);
 *	for (...) { db_bulk_int(b, id); db_bulk_text(b, per); ... }
 *	err = db_bulk_finish(b, e);      (frees b, whatever happened) */
struct db_bulk;
enum gemis_err db_bulk_begin(struct db *db, struct db_bulk **out, struct errctx *e,
			     const char *table, const char *const *cols, int ncols);
void db_bulk_null(struct db_bulk *b);
void db_bulk_int(struct db_bulk *b, long long v);
/* NaN adds NULL. */
void db_bulk_double(struct db_bulk *b, double v);
/* NULL adds NULL; the text is copied. */
void db_bulk_text(struct db_bulk *b, const char *s);
/* Sends what is left and frees b; returns the first error met. */
enum gemis_err db_bulk_finish(struct db_bulk *b, struct errctx *e);

/* Inside a transaction, makes writers of `table` (a name from the schema,
 * never from input) take turns until the end of the transaction, while
 * readers go on: on PostgreSQL LOCK TABLE ... IN SHARE ROW EXCLUSIVE MODE;
 * on SQLite nothing, as BEGIN IMMEDIATE already holds the database's write
 * lock.  A read-check-write batch (values_import) takes it before reading,
 * so that what it read is still true when it writes. */
enum gemis_err db_lock_table(struct db *db, const char *table, struct errctx *e);

/* Outside a transaction, before erasing what must not stay readable in the
 * database file: deleted content is overwritten rather than left in free
 * pages (SQLite's secure_delete; nothing on PostgreSQL, whose files only
 * the server reads). */
enum gemis_err db_secure_delete(struct db *db, struct errctx *e);
/* After such a transaction: the write-ahead log, which still holds the
 * erased rows, is copied into the file and emptied (SQLite; nothing on
 * PostgreSQL). */
enum gemis_err db_checkpoint(struct db *db, struct errctx *e);

#endif
