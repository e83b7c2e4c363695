/*
 * db_sqlite.c: the SQLite backend.  A database is one file in WAL mode with
 * foreign keys enforced and synchronous=FULL, so that a committed import
 * survives a power cut.  Writers wait for each other up to busy_timeout.
 * Temporary storage is in memory: above all the statement journals that a
 * multi-row INSERT keeps to undo itself on a constraint error, which
 * would otherwise go through a temporary file (on a national import, three
 * times the bytes of the database itself).
 *
 * Each connection keeps the statements it prepared (up to SQ_CACHE, the
 * least recently used dropped first): db_finalize() resets a statement and
 * clears its bindings instead of freeing it, and the next db_prepare() of
 * the same SQL text on that connection takes it back instead of parsing
 * and planning the SQL again.  Parsing was most of the CPU a saved form
 * cost (some twenty statements a save).  A statement in use is never
 * shared: the same SQL prepared twice at once gets a second one.  SQLite
 * prepares a kept statement again by itself when the schema changed.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"

#include "util/banned.h"

/* Statements kept per connection. */
#define SQ_CACHE 64

struct sq_kept {
	sqlite3_stmt *h;     /* NULL: a free slot */
	unsigned hash;       /* of its SQL text (sqlite3_sql) */
	unsigned long used;  /* when last given back, for the eviction */
};

struct sqlite_db {
	struct db base;
	sqlite3 *h;
	struct sq_kept kept[SQ_CACHE];
	unsigned long tick;
};

struct sqlite_stmt {
	struct db_stmt base;
	sqlite3_stmt *h;
	int rc;        /* last step result */
	bool started;  /* stepped since the last reset */
	char err[512]; /* first error met */
	int errcode;
	long long changes; /* rows changed by its last run, kept across resets */
	unsigned hash;     /* of its SQL text, for the connection's cache */
};

static sqlite3 *handle(struct db *db)
{
	return ((struct sqlite_db *)db)->h;
}

static enum gemis_err map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return GEMIS_ECONFLICT;
	case SQLITE_NOMEM:
		return GEMIS_ENOMEM;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
		return GEMIS_EIO;
	default:
		return GEMIS_EDB;
	}
}

static enum gemis_err sq_exec(struct db *db, const char *sql, struct errctx *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(handle(db), sql, NULL, NULL, &msg);
	enum gemis_err err = GEMIS_OK;

	if (rc != SQLITE_OK) {
		err = err_set(e, map_rc(rc), "database: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
	}
	return err;
}

static enum gemis_err sq_open(const char *path, int flags, struct db **out, struct errctx *e)
{
	struct sqlite_db *db;
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int rc;
	enum gemis_err err;

	if (!(flags & DB_OPEN_CREATE) && access(path, F_OK) != 0)
		return err_set_at(e, GEMIS_ENOTFOUND, path,
				  "no database here; create one with `gemis init` or `gemis demo`");
	if (flags & DB_OPEN_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	db = calloc(1, sizeof(*db));
	if (!db)
		return GEMIS_ENOMEM;
	db->base.ops = &db_sqlite_ops;
	db->base.kind = DB_SQLITE;
	rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		err = err_set_at(e, map_rc(rc), path, "cannot open database: %s",
				 db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		sqlite3_close(db->h);
		free(db);
		return err;
	}
	sqlite3_busy_timeout(db->h, 10000);
	sqlite3_extended_result_codes(db->h, 1);
	err = sq_exec(&db->base,
		      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
		      " PRAGMA temp_store=MEMORY;", e);
	if (err) {
		sqlite3_close(db->h);
		free(db);
		return err;
	}
	*out = &db->base;
	return GEMIS_OK;
}

static void sq_close(struct db *db)
{
	struct sqlite_db *s = (struct sqlite_db *)db;
	size_t i;

	for (i = 0; i < SQ_CACHE; i++)
		sqlite3_finalize(s->kept[i].h);
	sqlite3_close_v2(s->h);
	free(s);
}

static unsigned sql_hash(const char *sql)
{
	unsigned h = 2166136261u; /* FNV-1a */

	for (; *sql; sql++)
		h = (h ^ (unsigned char)*sql) * 16777619u;
	return h;
}

/* A kept statement of this SQL text, taken out of the cache; NULL if none. */
static sqlite3_stmt *take_kept(struct sqlite_db *db, const char *sql, unsigned hash)
{
	size_t i;

	for (i = 0; i < SQ_CACHE; i++) {
		struct sq_kept *k = &db->kept[i];

		if (k->h && k->hash == hash && strcmp(sqlite3_sql(k->h), sql) == 0) {
			sqlite3_stmt *h = k->h;

			k->h = NULL;
			return h;
		}
	}
	return NULL;
}

/* Keeps a finished statement (reset, its bindings cleared) for the next
 * prepare of its SQL, in a free slot or the least recently used one's. */
static void keep(struct sqlite_db *db, sqlite3_stmt *h, unsigned hash)
{
	struct sq_kept *slot = &db->kept[0];
	size_t i;

	sqlite3_reset(h);
	sqlite3_clear_bindings(h);
	for (i = 0; i < SQ_CACHE; i++) {
		struct sq_kept *k = &db->kept[i];

		if (!k->h) {
			slot = k;
			break;
		}
		if (k->used < slot->used)
			slot = k;
	}
	sqlite3_finalize(slot->h);
	slot->h = h;
	slot->hash = hash;
	slot->used = ++db->tick;
}

static enum gemis_err sq_prepare(struct db *db, const char *sql, struct db_stmt **out,
				 struct errctx *e)
{
	struct sqlite_stmt *st = calloc(1, sizeof(*st));
	int rc = SQLITE_OK;

	*out = NULL;
	if (!st)
		return GEMIS_ENOMEM;
	st->hash = sql_hash(sql);
	st->h = take_kept((struct sqlite_db *)db, sql, st->hash);
	if (!st->h)
		rc = sqlite3_prepare_v2(handle(db), sql, -1, &st->h, NULL);
	if (rc != SQLITE_OK) {
		enum gemis_err err = err_set(e, map_rc(rc), "database: %s", sqlite3_errmsg(handle(db)));

		free(st);
		return err;
	}
	st->base.db = db;
	*out = &st->base;
	return GEMIS_OK;
}

#define S(st) ((struct sqlite_stmt *)(st))

static void latch(struct sqlite_stmt *st, int rc)
{
	if (st->errcode)
		return;
	st->errcode = rc;
	snprintf(st->err, sizeof(st->err), "%s", sqlite3_errmsg(handle(st->base.db)));
}

static void sq_bind_null(struct db_stmt *st, int i)
{
	int rc = sqlite3_bind_null(S(st)->h, i);

	if (rc != SQLITE_OK)
		latch(S(st), rc);
}

static void sq_bind_int(struct db_stmt *st, int i, long long v)
{
	int rc = sqlite3_bind_int64(S(st)->h, i, v);

	if (rc != SQLITE_OK)
		latch(S(st), rc);
}

static void sq_bind_double(struct db_stmt *st, int i, double v)
{
	int rc = sqlite3_bind_double(S(st)->h, i, v);

	if (rc != SQLITE_OK)
		latch(S(st), rc);
}

static void sq_bind_text(struct db_stmt *st, int i, const char *s, size_t len)
{
	int rc = sqlite3_bind_text64(S(st)->h, i, s, len, SQLITE_TRANSIENT, SQLITE_UTF8);

	if (rc != SQLITE_OK)
		latch(S(st), rc);
}

static void sq_bind_blob(struct db_stmt *st, int i, const void *p, size_t len)
{
	int rc = sqlite3_bind_blob64(S(st)->h, i, p ? p : "", len, SQLITE_TRANSIENT);

	if (rc != SQLITE_OK)
		latch(S(st), rc);
}

static bool sq_next(struct db_stmt *st)
{
	struct sqlite_stmt *s = S(st);

	if (s->errcode)
		return false;
	if (s->started && s->rc != SQLITE_ROW)
		return false;
	s->started = true;
	s->rc = sqlite3_step(s->h);
	if (s->rc == SQLITE_ROW)
		return true;
	if (s->rc == SQLITE_DONE)
		s->changes = sqlite3_stmt_readonly(s->h) ? 0 : sqlite3_changes64(handle(st->db));
	if (s->rc != SQLITE_DONE)
		latch(s, s->rc);
	return false;
}

static void sq_reset(struct db_stmt *st)
{
	sqlite3_reset(S(st)->h);
	S(st)->started = false;
	S(st)->rc = 0;
	S(st)->errcode = 0;
	S(st)->err[0] = '\0';
}

static enum gemis_err sq_error(struct db_stmt *st, struct errctx *e)
{
	if (!S(st)->errcode)
		return GEMIS_OK;
	return err_set(e, map_rc(S(st)->errcode), "database: %s", S(st)->err);
}

static enum gemis_err sq_finalize(struct db_stmt *st, struct errctx *e)
{
	enum gemis_err err = sq_error(st, e);

	/* a statement that met an error is not kept: prepared afresh next time */
	if (!S(st)->errcode && S(st)->h)
		keep((struct sqlite_db *)st->db, S(st)->h, S(st)->hash);
	else
		sqlite3_finalize(S(st)->h);
	free(st);
	return err;
}

static bool sq_col_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(S(st)->h, i) == SQLITE_NULL;
}

static long long sq_col_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(S(st)->h, i);
}

static double sq_col_double(struct db_stmt *st, int i)
{
	return sqlite3_column_double(S(st)->h, i);
}

static const char *sq_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(S(st)->h, i);
}

static const void *sq_col_blob(struct db_stmt *st, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(S(st)->h, i);

	*len = (size_t)sqlite3_column_bytes(S(st)->h, i);
	return p;
}

static long long sq_changes(struct db_stmt *st)
{
	return S(st)->changes;
}

static enum gemis_err sq_secure_delete(struct db *db, struct errctx *e)
{
	return sq_exec(db, "PRAGMA secure_delete = ON", e);
}

static enum gemis_err sq_checkpoint(struct db *db, struct errctx *e)
{
	return sq_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", e);
}

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind_null = sq_bind_null,
	.bind_int = sq_bind_int,
	.bind_double = sq_bind_double,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.next = sq_next,
	.reset = sq_reset,
	.finalize = sq_finalize,
	.error = sq_error,
	.col_null = sq_col_null,
	.col_int = sq_col_int,
	.col_double = sq_col_double,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.changes = sq_changes,
	.secure_delete = sq_secure_delete,
	.checkpoint = sq_checkpoint,
};
