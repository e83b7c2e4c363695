/*
 * db_pg.c: the PostgreSQL backend, through libpq.
 *
 * Statements are written with `?` placeholders (db.h); prepare rewrites
 * them to $1, $2, ... outside string literals and quoted identifiers.
 * Parameters travel as text (bytes as binary) and PostgreSQL infers their
 * types from the statement; results come back as text and are converted
 * on access.  A statement runs at its first db_next() and its whole
 * result is held until the next reset.
 */
#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "util/buf.h"

#include "util/banned.h"

/* PostgreSQL's own limit on the parameters of one statement. */
#define PG_MAX_PARAMS 65535
/* Statements kept prepared on the server per connection. */
#define PG_CACHE 128

/* A statement text prepared on the server: after the second execution of
 * the same text (through one db_stmt or several), it is prepared once and
 * then only bound and executed, which saves the server parsing and
 * planning it for every row. */
struct pg_cached {
	char *sql;          /* numbered ($n) text, owned */
	unsigned long hash;
	unsigned uses;      /* executions seen */
	unsigned long tick; /* last use, for eviction */
	bool prepared;      /* exists on the server as name */
	char name[24];
};

struct pg_db {
	struct db base;
	PGconn *conn;
	struct pg_cached cache[PG_CACHE];
	unsigned long tick, serial;
};

/* A parameter's text, kept across resets (as SQLite keeps bindings) and
 * reused by the next bind when it fits. */
struct pg_param {
	char *v;
	size_t cap;
	int len;
	int format;
	bool null;
};

struct pg_stmt {
	struct db_stmt base;
	char *sql;
	unsigned long hash;
	int nparams;
	struct pg_param *params;
	const char **values; /* scratch for libpq, nparams long */
	int *lengths, *formats;
	PGresult *res;
	int row;   /* current row, -1 before the first */
	bool started;
	long long changes; /* rows changed by the last execution, kept across resets */
	enum gemis_err err;
	char errmsg[512];
	unsigned char *blob; /* unescaped bytea of the last col_blob */
};

#define P(st) ((struct pg_stmt *)(st))

static PGconn *conn(struct db *db)
{
	return ((struct pg_db *)db)->conn;
}

static enum gemis_err map_state(const char *state)
{
	if (!state)
		return GEMIS_EDB;
	if (strncmp(state, "23", 2) == 0 || strcmp(state, "40001") == 0 ||
	    strcmp(state, "40P01") == 0)
		return GEMIS_ECONFLICT;
	if (strncmp(state, "08", 2) == 0)
		return GEMIS_EIO;
	return GEMIS_EDB;
}

/* libpq messages end with a newline; keep one line. */
static void one_line(char *dst, size_t n, const char *src)
{
	size_t i;

	snprintf(dst, n, "%s", src ? src : "unknown error");
	for (i = 0; dst[i]; i++) {
		if (dst[i] == '\n') {
			dst[i] = dst[i + 1] ? ' ' : '\0';
		}
	}
}

static enum gemis_err pg_open(const char *url, int flags, struct db **out, struct errctx *e)
{
	struct pg_db *db;
	PGresult *r;
	char msg[512];

	(void)flags;
	db = calloc(1, sizeof(*db));
	if (!db)
		return GEMIS_ENOMEM;
	db->base.ops = &db_pg_ops;
	db->base.kind = DB_POSTGRES;
	db->conn = PQconnectdb(url);
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		/* never echo the URL: it may hold a password */
		one_line(msg, sizeof(msg), db->conn ? PQerrorMessage(db->conn) : "out of memory");
		PQfinish(db->conn);
		free(db);
		return err_set(e, GEMIS_EIO, "cannot connect to PostgreSQL: %s", msg);
	}
	r = PQexec(db->conn, "SET client_min_messages = warning; SET TIME ZONE 'UTC'");
	PQclear(r);
	*out = &db->base;
	return GEMIS_OK;
}

static void pg_close(struct db *db)
{
	struct pg_db *p = (struct pg_db *)db;
	size_t i;

	for (i = 0; i < PG_CACHE; i++)
		free(p->cache[i].sql);
	PQfinish(p->conn);
	free(p);
}

static enum gemis_err result_error(struct db *db, PGresult *r, char *msg, size_t n)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

	one_line(msg, n, r ? PQresultErrorMessage(r) : PQerrorMessage(conn(db)));
	if (!*msg)
		one_line(msg, n, PQerrorMessage(conn(db)));
	return map_state(state);
}

static enum gemis_err pg_exec(struct db *db, const char *sql, struct errctx *e)
{
	PGresult *r = PQexec(conn(db), sql);
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	enum gemis_err err = GEMIS_OK;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY) {
		char msg[512];

		err = result_error(db, r, msg, sizeof(msg));
		err_set(e, err, "database: %s", msg);
	}
	PQclear(r);
	return err;
}

/* Rewrites ? to $n outside literals into *out; returns the count in *n.
 * GEMIS_ELIMIT past PostgreSQL's limit, GEMIS_ENOMEM when the text could
 * not be built (never one reported as the other). */
static enum gemis_err number_params(const char *sql, int *n, char **out)
{
	struct buf b;
	char quote = 0;
	const char *p;

	buf_init(&b, 0);
	*n = 0;
	*out = NULL;
	for (p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			buf_putc(&b, *p);
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			buf_putc(&b, *p);
		} else if (*p == '?') {
			if (++*n > PG_MAX_PARAMS) {
				buf_release(&b);
				return GEMIS_ELIMIT;
			}
			buf_printf(&b, "$%d", *n);
		} else {
			buf_putc(&b, *p);
		}
	}
	/* the appends above stop at the first error, which b remembers */
	if (buf_error(&b) || !(*out = buf_detach(&b, NULL))) {
		buf_release(&b);
		return GEMIS_ENOMEM;
	}
	return GEMIS_OK;
}

static unsigned long hash_text(const char *s)
{
	unsigned long h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static enum gemis_err pg_prepare(struct db *db, const char *sql, struct db_stmt **out,
				 struct errctx *e)
{
	struct pg_stmt *st = calloc(1, sizeof(*st));
	enum gemis_err err;
	size_t np;

	*out = NULL;
	if (!st)
		return GEMIS_ENOMEM;
	err = number_params(sql, &st->nparams, &st->sql);
	if (err) {
		free(st);
		if (err == GEMIS_ELIMIT)
			return err_set(e, GEMIS_EDB, "statement has more than %d parameters", PG_MAX_PARAMS);
		return err;
	}
	np = st->nparams ? (size_t)st->nparams : 1;
	st->params = calloc(np, sizeof(*st->params));
	st->values = calloc(np, sizeof(*st->values));
	st->lengths = calloc(np, sizeof(*st->lengths));
	st->formats = calloc(np, sizeof(*st->formats));
	if (!st->params || !st->values || !st->lengths || !st->formats) {
		free(st->params);
		free(st->values);
		free(st->lengths);
		free(st->formats);
		free(st->sql);
		free(st);
		return GEMIS_ENOMEM;
	}
	for (np = 0; np < (size_t)st->nparams; np++)
		st->params[np].null = true;
	st->hash = hash_text(st->sql);
	st->base.db = db;
	st->row = -1;
	*out = &st->base;
	return GEMIS_OK;
}

/* Stores a parameter's bytes (NULL for SQL NULL) in slot i (1-based). */
static void set_param(struct pg_stmt *st, int i, const void *v, size_t len, int format)
{
	struct pg_param *p;

	if (i < 1 || i > st->nparams) {
		if (!st->err) {
			st->err = GEMIS_EDB;
			snprintf(st->errmsg, sizeof(st->errmsg), "bind index %d out of range", i);
		}
		return;
	}
	p = &st->params[i - 1];
	p->null = v == NULL;
	p->len = (int)len;
	p->format = format;
	if (!v)
		return;
	if (len + 1 > p->cap) {
		size_t cap = len + 1 < 32 ? 32 : len + 1;
		char *nv = realloc(p->v, cap);

		if (!nv) {
			p->null = true;
			if (!st->err) {
				st->err = GEMIS_ENOMEM;
				snprintf(st->errmsg, sizeof(st->errmsg), "out of memory binding %d", i);
			}
			return;
		}
		p->v = nv;
		p->cap = cap;
	}
	if (len)
		memcpy(p->v, v, len);
	p->v[len] = '\0';
}

static void pg_bind_null(struct db_stmt *st, int i)
{
	set_param(P(st), i, NULL, 0, 0);
}

static void pg_bind_int(struct db_stmt *st, int i, long long v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%lld", v);

	set_param(P(st), i, tmp, (size_t)n, 0);
}

static void pg_bind_double(struct db_stmt *st, int i, double v)
{
	char tmp[40];
	int n = snprintf(tmp, sizeof(tmp), "%.17g", v);

	set_param(P(st), i, tmp, (size_t)n, 0);
}

static void pg_bind_text(struct db_stmt *st, int i, const char *s, size_t len)
{
	set_param(P(st), i, s, len, 0);
}

static void pg_bind_blob(struct db_stmt *st, int i, const void *p, size_t len)
{
	set_param(P(st), i, p ? p : "", len, 1);
}

/* The cache entry for the statement's text, created when missing (the
 * least recently used one is evicted, and deallocated on the server). */
static struct pg_cached *cache_entry(struct pg_db *db, const struct pg_stmt *st)
{
	struct pg_cached *victim = &db->cache[0];
	size_t i;

	db->tick++;
	for (i = 0; i < PG_CACHE; i++) {
		struct pg_cached *c = &db->cache[i];

		if (c->sql && c->hash == st->hash && strcmp(c->sql, st->sql) == 0) {
			c->tick = db->tick;
			return c;
		}
		if (!c->sql || (victim->sql && c->tick < victim->tick))
			victim = c;
	}
	if (victim->sql) {
		if (victim->prepared) {
			char sql[64];

			snprintf(sql, sizeof(sql), "DEALLOCATE %s", victim->name);
			PQclear(PQexec(db->conn, sql));
		}
		free(victim->sql);
	}
	memset(victim, 0, sizeof(*victim));
	victim->sql = strdup(st->sql);
	if (!victim->sql)
		return NULL;
	victim->hash = st->hash;
	victim->tick = db->tick;
	return victim;
}

/* Sends the statement and waits for its result. */
static PGresult *run(struct pg_stmt *st)
{
	struct pg_db *db = (struct pg_db *)st->base.db;
	struct pg_cached *c;
	int i;

	for (i = 0; i < st->nparams; i++) {
		st->values[i] = st->params[i].null ? NULL : st->params[i].v;
		st->lengths[i] = st->params[i].len;
		st->formats[i] = st->params[i].format;
	}
	c = cache_entry(db, st);
	if (c && !c->prepared && ++c->uses >= 2 &&
	    PQtransactionStatus(db->conn) != PQTRANS_INERROR) {
		PGresult *r;

		snprintf(c->name, sizeof(c->name), "gemis_%lu", ++db->serial);
		r = PQprepare(db->conn, c->name, st->sql, st->nparams, NULL);
		c->prepared = r && PQresultStatus(r) == PGRES_COMMAND_OK;
		PQclear(r);
	}
	if (c && c->prepared)
		return PQexecPrepared(db->conn, c->name, st->nparams, st->values, st->lengths,
				      st->formats, 0);
	return PQexecParams(db->conn, st->sql, st->nparams, NULL, st->values, st->lengths,
			    st->formats, 0);
}

static bool pg_next(struct db_stmt *sst)
{
	struct pg_stmt *st = P(sst);

	if (st->err)
		return false;
	if (!st->started) {
		ExecStatusType s;

		st->started = true;
		st->res = run(st);
		s = st->res ? PQresultStatus(st->res) : PGRES_FATAL_ERROR;
		if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
			const char *n = PQcmdTuples(st->res);

			st->changes = *n ? strtoll(n, NULL, 10) : 0;
		} else {
			st->changes = 0;
		}
		if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
			st->err = result_error(sst->db, st->res, st->errmsg, sizeof(st->errmsg));
			return false;
		}
	}
	if (PQresultStatus(st->res) != PGRES_TUPLES_OK)
		return false;
	if (st->row + 1 >= PQntuples(st->res))
		return false;
	st->row++;
	return true;
}

static void pg_reset(struct db_stmt *sst)
{
	struct pg_stmt *st = P(sst);

	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->started = false;
	st->err = GEMIS_OK;
	st->errmsg[0] = '\0';
}

static enum gemis_err pg_error(struct db_stmt *sst, struct errctx *e)
{
	if (!P(sst)->err)
		return GEMIS_OK;
	return err_set(e, P(sst)->err, "database: %s", P(sst)->errmsg);
}

static enum gemis_err pg_finalize(struct db_stmt *sst, struct errctx *e)
{
	struct pg_stmt *st = P(sst);
	enum gemis_err err = pg_error(sst, e);
	int i;

	PQclear(st->res);
	for (i = 0; i < st->nparams; i++)
		free(st->params[i].v);
	free(st->params);
	free(st->values);
	free(st->lengths);
	free(st->formats);
	PQfreemem(st->blob);
	free(st->sql);
	free(st);
	return err;
}

static bool pg_col_null(struct db_stmt *st, int i)
{
	return !P(st)->res || P(st)->row < 0 || PQgetisnull(P(st)->res, P(st)->row, i);
}

static const char *pg_col_text(struct db_stmt *st, int i)
{
	if (pg_col_null(st, i))
		return NULL;
	return PQgetvalue(P(st)->res, P(st)->row, i);
}

static long long pg_col_int(struct db_stmt *st, int i)
{
	const char *v = pg_col_text(st, i);

	return v ? strtoll(v, NULL, 10) : 0;
}

static double pg_col_double(struct db_stmt *st, int i)
{
	const char *v = pg_col_text(st, i);

	return v ? strtod(v, NULL) : 0;
}

static const void *pg_col_blob(struct db_stmt *st, int i, size_t *len)
{
	const char *v = pg_col_text(st, i);

	*len = 0;
	if (!v)
		return NULL;
	PQfreemem(P(st)->blob);
	P(st)->blob = PQunescapeBytea((const unsigned char *)v, len);
	return P(st)->blob;
}

static long long pg_changes(struct db_stmt *st)
{
	return P(st)->changes;
}

static enum gemis_err pg_copy_begin(struct db *db, const char *sql, struct errctx *e)
{
	PGresult *r = PQexec(conn(db), sql);
	enum gemis_err err = GEMIS_OK;

	if (!r || PQresultStatus(r) != PGRES_COPY_IN) {
		char msg[512];

		err = result_error(db, r, msg, sizeof(msg));
		err_set(e, err, "database: %s", msg);
	}
	PQclear(r);
	return err;
}

static enum gemis_err pg_copy_put(struct db *db, const char *data, size_t len, struct errctx *e)
{
	if (len > (size_t)0x7fffffff || PQputCopyData(conn(db), data, (int)len) != 1) {
		char msg[512];

		one_line(msg, sizeof(msg), PQerrorMessage(conn(db)));
		return err_set(e, GEMIS_EIO, "database: %s", msg);
	}
	return GEMIS_OK;
}

/* Ends the COPY; with e NULL the caller gave up, and the server is told to
 * fail it (the transaction is then rolled back by the caller). */
static enum gemis_err pg_copy_end(struct db *db, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	PGresult *r;

	if (PQputCopyEnd(conn(db), e ? NULL : "gemis: bulk insertion abandoned") != 1)
		err = GEMIS_EIO;
	while ((r = PQgetResult(conn(db))) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK && !err) {
			char msg[512];

			err = result_error(db, r, msg, sizeof(msg));
			if (e)
				err_set(e, err, "database: %s", msg);
		}
		PQclear(r);
	}
	if (!e && !err)
		err = GEMIS_EDB;
	return err;
}

const struct db_ops db_pg_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind_null = pg_bind_null,
	.bind_int = pg_bind_int,
	.bind_double = pg_bind_double,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.next = pg_next,
	.reset = pg_reset,
	.finalize = pg_finalize,
	.error = pg_error,
	.col_null = pg_col_null,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.changes = pg_changes,
	.copy_begin = pg_copy_begin,
	.copy_put = pg_copy_put,
	.copy_end = pg_copy_end,
};
