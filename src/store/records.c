/*
 * records.c: what the files of store/ that keep the records of a unit
 * (drafts.c, inspections.c) do alike, written once (store_int.h): a
 * growing array in an arena, the refusal of a stale version, one record of
 * a unit by its id, the records of a unit's subtree in a year, and the
 * steps of a record's history.  The callers keep their SQL and their
 * messages; what differs between two kinds of record (its columns, how a
 * row is read) is passed in.
 */
#include <stdarg.h>
#include <string.h>

#include "store_int.h"
#include "core/tree.h"
#include "db.h"
#include "records.h"
#include "util/arena.h"
#include "util/i18n.h"

#include "util/banned.h"

enum gemis_err store_no_memory(struct errctx *e)
{
	return err_set(e, GEMIS_ENOMEM, "%s", err_name(GEMIS_ENOMEM));
}

void *store_grow(struct arena *mem, void *v, size_t n, size_t *cap, size_t size)
{
	void *nv;

	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	nv = arena_alloc(mem, *cap * size);
	if (nv && n)
		memcpy(nv, v, n * size);
	return nv;
}

enum gemis_err store_stale(const char *by, long long at, struct errctx *e)
{
	char when[64];

	vn_format_time(at, when, sizeof(when));
	return err_set(e, GEMIS_ECONFLICT, _("%s changed this after you opened it, at %s; your change was not saved: reload it"),
		       by ? by : "?", when);
}

enum gemis_err store_unit_get(struct db *db, const struct tree *t, int unit, long long id, const char *sql,
			      store_read_fn read, struct arena *mem, void *out, struct errctx *e, const char *notfound,
			      ...)
{
	struct db_stmt *st = NULL;
	bool found = false;
	va_list ap;
	enum gemis_err err;

	err = db_prepare(db, &st, e, sql);
	if (err)
		return err;
	db_bindv(st, "ii", id, t->units[unit].id);
	if (db_next(st)) {
		read(st, t, mem, out);
		found = true;
	}
	err = db_finalize(st, e);
	if (!err && !found) {
		va_start(ap, notfound);
		err = err_vset(e, GEMIS_ENOTFOUND, notfound, ap);
		va_end(ap);
	}
	return err;
}

enum gemis_err store_unit_list(struct db *db, const struct tree *t, int unit, int year, const char *sql_one,
			       const char *sql_all, store_read_fn read, size_t size, struct arena *mem, void **out,
			       size_t *n, struct errctx *e)
{
	bool one = t->units[unit].first_child < 0;
	struct db_stmt *st = NULL;
	char *v = NULL;
	size_t cap = 0;
	enum gemis_err err;

	*out = NULL;
	*n = 0;
	err = db_prepare(db, &st, e, one ? sql_one : sql_all);
	if (err)
		return err;
	db_bind_int(st, 1, year);
	if (one)
		db_bind_int(st, 2, t->units[unit].id);
	while (db_next(st)) {
		int u;

		v = store_grow(mem, v, *n, &cap, size);
		if (!v) {
			db_finalize(st, NULL);
			return store_no_memory(e);
		}
		/* read in place; a record outside the subtree is overwritten by the next */
		u = read(st, t, mem, v + *n * size);
		if (u >= 0 && tree_contains(t, unit, u))
			(*n)++;
	}
	*out = v;
	return db_finalize(st, e);
}

enum gemis_err store_insert_stamped(struct db_stmt *st, int first, const char *by, long long now, long long *id,
				    struct errctx *e)
{
	db_bind_text(st, first, by);
	db_bind_int(st, first + 1, now);
	db_bind_text(st, first + 2, by);
	db_bind_int(st, first + 3, now);
	if (db_next(st))
		*id = db_col_int(st, 0);
	return db_finalize(st, e);
}

enum gemis_err store_steps_load(struct db *db, struct arena *mem, const char *sql, long long id,
				struct record_step **steps, size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	enum gemis_err err;

	err = db_prepare(db, &st, e, sql);
	if (err)
		return err;
	db_bind_int(st, 1, id);
	while (db_next(st)) {
		struct record_step *s;

		*steps = store_grow(mem, *steps, *n, &cap, sizeof(**steps));
		if (!*steps) {
			db_finalize(st, NULL);
			return store_no_memory(e);
		}
		s = &(*steps)[(*n)++];
		s->action = store_dup(mem, db_col_text(st, 0));
		s->state = store_dup(mem, db_col_text(st, 1));
		s->comment = store_dup(mem, db_col_text(st, 2));
		s->by = store_dup(mem, db_col_text(st, 3));
		s->at = db_col_int(st, 4);
	}
	return db_finalize(st, e);
}
