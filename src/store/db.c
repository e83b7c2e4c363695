/*
 * db.c: backend selection and the convenience layer over the ops table.
 */
#include "db.h"

#include <libpq-fe.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

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

bool db_reach(const char *url, char *dir, size_t dirsz, unsigned *tcp_port)
{
	const char *slash;

	*tcp_port = 0;
	dir[0] = '\0';
	if (has_prefix(url, "postgresql://") || has_prefix(url, "postgres://")) {
		PQconninfoOption *o = PQconninfoParse(url, NULL), *p;
		const char *host = NULL, *port = NULL;

		for (p = o; p && p->keyword; p++) {
			if (strcmp(p->keyword, "host") == 0)
				host = p->val;
			else if (strcmp(p->keyword, "port") == 0)
				port = p->val;
		}
		if (!host || host[0] != '/')
			*tcp_port = port && *port ? (unsigned)strtoul(port, NULL, 10) : 5432;
		PQconninfoFree(o);
		return true;
	}
	if (has_prefix(url, "sqlite:"))
		url += strlen("sqlite:");
	slash = strrchr(url, '/');
	if (!slash)
		return (size_t)snprintf(dir, dirsz, ".") < dirsz;
	return (size_t)snprintf(dir, dirsz, "%.*s", slash == url ? 1 : (int)(slash - url), url) < dirsz;
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

enum gemis_err db_savepoint(struct db *db, struct errctx *e)
{
	if (!db->in_tx)
		return err_set(e, GEMIS_EDB, "savepoint without a transaction");
	return db_exec(db, e, "SAVEPOINT gemis_part");
}

enum gemis_err db_savepoint_release(struct db *db, struct errctx *e)
{
	return db_exec(db, e, "RELEASE SAVEPOINT gemis_part");
}

enum gemis_err db_savepoint_rollback(struct db *db, struct errctx *e)
{
	enum gemis_err err = db_exec(db, e, "ROLLBACK TO SAVEPOINT gemis_part");

	return err ? err : db_exec(db, e, "RELEASE SAVEPOINT gemis_part");
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

enum gemis_err db_secure_delete(struct db *db, struct errctx *e)
{
	return db->ops->secure_delete ? db->ops->secure_delete(db, e) : GEMIS_OK;
}

enum gemis_err db_checkpoint(struct db *db, struct errctx *e)
{
	return db->ops->checkpoint ? db->ops->checkpoint(db, e) : GEMIS_OK;
}

/* ---- bulk insertion ---- */

#define BULK_ROWS 200           /* rows per INSERT statement (SQLite) */
#define BULK_COPY_FLUSH 65536   /* bytes per COPY message (PostgreSQL) */

enum bulk_kind { BULK_NULL, BULK_INT, BULK_DOUBLE, BULK_TEXT };

struct bulk_field {
	enum bulk_kind kind;
	long long i;
	double d;
	size_t off; /* text: offset in text */
};

struct db_bulk {
	struct db *db;
	char *table;
	const char *const *cols;
	int ncols;
	bool copy;
	enum gemis_err err;
	struct errctx *e;
	/* COPY: the rows in text format, sent every BULK_COPY_FLUSH bytes */
	struct buf data;
	/* INSERT: the fields of up to BULK_ROWS rows, and the statement for a
	 * full chunk */
	struct bulk_field *f;
	size_t nf;
	struct buf text;
	struct db_stmt *st;
	size_t st_rows;
};

static void bulk_fail(struct db_bulk *b, enum gemis_err err)
{
	if (!b->err)
		b->err = err;
}

enum gemis_err db_bulk_begin(struct db *db, struct db_bulk **out, struct errctx *e,
			     const char *table, const char *const *cols, int ncols)
{
	struct db_bulk *b;
	enum gemis_err err = GEMIS_OK;
	int i;

	*out = NULL;
	if (!db->in_tx)
		return err_set(e, GEMIS_EDB, "bulk insertion into %s outside a transaction", table);
	b = calloc(1, sizeof(*b));
	if (!b)
		return GEMIS_ENOMEM;
	b->db = db;
	b->cols = cols;
	b->ncols = ncols;
	b->e = e;
	b->table = strdup(table);
	b->copy = db->ops->copy_begin != NULL;
	buf_init(&b->data, 0);
	buf_init(&b->text, 0);
	if (!b->table) {
		free(b);
		return GEMIS_ENOMEM;
	}
	if (b->copy) {
		struct buf sql;

		buf_init(&sql, 0);
		err = buf_printf(&sql, "COPY %s (", table);
		for (i = 0; !err && i < ncols; i++)
			err = buf_printf(&sql, "%s%s", i ? ", " : "", cols[i]);
		if (!err)
			err = buf_puts(&sql, ") FROM STDIN");
		if (!err)
			err = db->ops->copy_begin(db, buf_str(&sql), e);
		buf_release(&sql);
	} else {
		b->f = calloc((size_t)ncols * BULK_ROWS, sizeof(*b->f));
		if (!b->f)
			err = GEMIS_ENOMEM;
	}
	if (err) {
		buf_release(&b->data);
		free(b->f);
		free(b->table);
		free(b);
		return err;
	}
	*out = b;
	return GEMIS_OK;
}

/* INSERT INTO table (cols) VALUES (?, ...), ... for k rows. */
static enum gemis_err bulk_prepare(struct db_bulk *b, size_t k, struct db_stmt **st)
{
	struct buf sql;
	enum gemis_err err;
	size_t r;
	int i;

	buf_init(&sql, 0);
	err = buf_printf(&sql, "INSERT INTO %s (", b->table);
	for (i = 0; !err && i < b->ncols; i++)
		err = buf_printf(&sql, "%s%s", i ? ", " : "", b->cols[i]);
	if (!err)
		err = buf_puts(&sql, ") VALUES ");
	for (r = 0; !err && r < k; r++) {
		err = buf_puts(&sql, r ? ", (" : "(");
		for (i = 0; !err && i < b->ncols; i++)
			err = buf_puts(&sql, i ? ", ?" : "?");
		if (!err)
			err = buf_putc(&sql, ')');
	}
	if (!err)
		err = db_prepare(b->db, st, b->e, buf_str(&sql));
	buf_release(&sql);
	return err;
}

/* Inserts the buffered rows (SQLite path). */
static void bulk_flush_rows(struct db_bulk *b)
{
	size_t rows = b->nf / (size_t)b->ncols, i;
	struct db_stmt *st = NULL;
	enum gemis_err err;

	if (rows == 0 || b->err) {
		b->nf = 0;
		buf_reset(&b->text);
		return;
	}
	if (rows == b->st_rows && b->st) {
		st = b->st;
	} else {
		err = bulk_prepare(b, rows, &st);
		if (err) {
			bulk_fail(b, err);
			b->nf = 0;
			return;
		}
		if (rows == BULK_ROWS) {
			b->st = st;
			b->st_rows = rows;
		}
	}
	for (i = 0; i < b->nf; i++) {
		const struct bulk_field *f = &b->f[i];
		int k = (int)i + 1;

		switch (f->kind) {
		case BULK_NULL: db_bind_null(st, k); break;
		case BULK_INT: db_bind_int(st, k, f->i); break;
		case BULK_DOUBLE: db_bind_double(st, k, f->d); break;
		case BULK_TEXT: db_bind_text(st, k, buf_str(&b->text) + f->off); break;
		}
	}
	err = db_step_done(st, b->e);
	if (err)
		bulk_fail(b, err);
	if (st != b->st)
		db_finalize(st, NULL);
	b->nf = 0;
	buf_reset(&b->text);
}

static void bulk_copy_flush(struct db_bulk *b)
{
	enum gemis_err err;

	if (b->data.len == 0 || b->err)
		return;
	err = b->db->ops->copy_put(b->db, buf_str(&b->data), b->data.len, b->e);
	if (err)
		bulk_fail(b, err);
	buf_reset(&b->data);
}

/* Ends a field: a tab between fields, a newline after the last (COPY);
 * a full chunk of rows is inserted (INSERT). */
static void bulk_next(struct db_bulk *b)
{
	if (b->copy) {
		/* the separator was written before the field; see bulk_sep */
		return;
	}
	b->nf++;
	if (b->nf == (size_t)b->ncols * BULK_ROWS)
		bulk_flush_rows(b);
}

/* COPY: writes the separator before a field, counting fields in nf. */
static void bulk_sep(struct db_bulk *b)
{
	if (b->nf > 0 && b->nf % (size_t)b->ncols == 0) {
		if (buf_putc(&b->data, '\n'))
			bulk_fail(b, GEMIS_ENOMEM);
		if (b->data.len >= BULK_COPY_FLUSH)
			bulk_copy_flush(b);
	} else if (b->nf > 0) {
		if (buf_putc(&b->data, '\t'))
			bulk_fail(b, GEMIS_ENOMEM);
	}
	b->nf++;
}

static struct bulk_field *bulk_field(struct db_bulk *b)
{
	return &b->f[b->nf];
}

void db_bulk_null(struct db_bulk *b)
{
	if (b->copy) {
		bulk_sep(b);
		if (buf_puts(&b->data, "\\N"))
			bulk_fail(b, GEMIS_ENOMEM);
		return;
	}
	bulk_field(b)->kind = BULK_NULL;
	bulk_next(b);
}

void db_bulk_int(struct db_bulk *b, long long v)
{
	if (b->copy) {
		bulk_sep(b);
		if (buf_printf(&b->data, "%lld", v))
			bulk_fail(b, GEMIS_ENOMEM);
		return;
	}
	bulk_field(b)->kind = BULK_INT;
	bulk_field(b)->i = v;
	bulk_next(b);
}

void db_bulk_double(struct db_bulk *b, double v)
{
	if (isnan(v)) {
		db_bulk_null(b);
		return;
	}
	if (b->copy) {
		bulk_sep(b);
		if (buf_printf(&b->data, "%.17g", v))
			bulk_fail(b, GEMIS_ENOMEM);
		return;
	}
	bulk_field(b)->kind = BULK_DOUBLE;
	bulk_field(b)->d = v;
	bulk_next(b);
}

void db_bulk_text(struct db_bulk *b, const char *s)
{
	if (!s) {
		db_bulk_null(b);
		return;
	}
	if (b->copy) {
		const char *p;

		bulk_sep(b);
		/* COPY's text format: backslash escapes for the separators */
		for (p = s; *p && !b->err; p++) {
			enum gemis_err err;

			switch (*p) {
			case '\\': err = buf_puts(&b->data, "\\\\"); break;
			case '\t': err = buf_puts(&b->data, "\\t"); break;
			case '\n': err = buf_puts(&b->data, "\\n"); break;
			case '\r': err = buf_puts(&b->data, "\\r"); break;
			default: err = buf_putc(&b->data, *p); break;
			}
			if (err)
				bulk_fail(b, err);
		}
		return;
	}
	bulk_field(b)->kind = BULK_TEXT;
	bulk_field(b)->off = b->text.len;
	if (buf_append(&b->text, s, strlen(s) + 1))
		bulk_fail(b, GEMIS_ENOMEM);
	bulk_next(b);
}

enum gemis_err db_bulk_finish(struct db_bulk *b, struct errctx *e)
{
	enum gemis_err err;

	if (!b)
		return GEMIS_OK;
	b->e = e;
	if (b->copy) {
		if (b->nf > 0 && buf_putc(&b->data, '\n'))
			bulk_fail(b, GEMIS_ENOMEM);
		bulk_copy_flush(b);
		/* always end the COPY, so that the connection is usable again */
		err = b->db->ops->copy_end(b->db, b->err ? NULL : e);
		bulk_fail(b, err);
	} else {
		bulk_flush_rows(b);
	}
	err = b->err;
	if (err && e && !e->code)
		err_set(e, err, "bulk insertion into %s failed", b->table);
	db_finalize(b->st, NULL);
	buf_release(&b->data);
	buf_release(&b->text);
	free(b->f);
	free(b->table);
	free(b);
	return err;
}
