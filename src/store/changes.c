/*
 * changes.c: the data version and the change log (table data_changes),
 * which tell a running server what to read again (http/live.c).  Apart
 * from store.c, which opens the database and syncs the catalog, so that a
 * store file that changes data may mark it without calling back into the
 * file that calls it.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

/* The change log keeps this many versions back; a server further behind
 * reads everything again. */
#define CHANGES_KEPT 1000
/* A change of more units than this is read whole rather than unit by unit. */
#define CHANGES_MAX_UNITS 256

/* Moves the data version and returns the new one.  On PostgreSQL the
 * update locks the row until the transaction ends, so versions are given
 * in commit order and the change log rows of a version are visible with
 * it. */
static enum gemis_err bump(struct db *db, long long *version, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*version = 0;
	err = db_prepare(db, &st, e,
			 "INSERT INTO meta (key, value) VALUES ('data_version', '1')"
			 " ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT)"
			 " RETURNING CAST(value AS BIGINT)");
	if (err)
		return err;
	if (db_next(st))
		*version = db_col_int(st, 0);
	err = db_finalize(st, e);
	if (!err && *version == 0)
		err = err_set(e, GEMIS_EDB, "the data version could not be read");
	return err;
}

static enum gemis_err log_change(struct db *db, long long version, long long unit_id, struct errctx *e)
{
	if (unit_id)
		return db_run(db, e, "INSERT INTO data_changes (version, unit_id) VALUES (?, ?)", "ii",
			      version, unit_id);
	return db_run(db, e, "INSERT INTO data_changes (version, unit_id) VALUES (?, ?)", "in",
		      version);
}

static enum gemis_err prune(struct db *db, long long version, struct errctx *e)
{
	/* at most once every hundred versions, a cheap indexed delete */
	if (version % 100 != 0)
		return GEMIS_OK;
	return db_run(db, e, "DELETE FROM data_changes WHERE version <= ?", "i",
		      version - CHANGES_KEPT);
}

enum gemis_err store_data_changed(struct db *db, struct errctx *e)
{
	long long v;
	enum gemis_err err = bump(db, &v, e);

	if (!err)
		err = log_change(db, v, 0, e);
	if (!err)
		err = prune(db, v, e);
	return err;
}

static int id_cmp(const void *pa, const void *pb)
{
	long long a = *(const long long *)pa, b = *(const long long *)pb;

	return a < b ? -1 : a > b;
}

enum gemis_err store_values_changed(struct db *db, const long long *unit_ids, size_t n,
				    struct errctx *e)
{
	long long v, *ids = NULL;
	size_t i, k = 0;
	enum gemis_err err;

	if (n > 0) {
		ids = malloc(n * sizeof(*ids));
		if (!ids)
			return err_set(e, GEMIS_ENOMEM, "out of memory");
		memcpy(ids, unit_ids, n * sizeof(*ids));
		qsort(ids, n, sizeof(*ids), id_cmp);
		for (i = 0; i < n; i++) {
			if (k == 0 || ids[k - 1] != ids[i])
				ids[k++] = ids[i];
		}
	}
	err = bump(db, &v, e);
	if (!err && (k == 0 || k > CHANGES_MAX_UNITS))
		err = log_change(db, v, 0, e);
	for (i = 0; !err && k <= CHANGES_MAX_UNITS && i < k; i++)
		err = log_change(db, v, ids[i], e);
	if (!err)
		err = prune(db, v, e);
	free(ids);
	return err;
}

enum gemis_err store_changes_since(struct db *db, long long from, long long to, long long **ids,
				   size_t *n, bool *all, struct errctx *e)
{
	struct db_stmt *st = NULL;
	long long *v = NULL;
	size_t cap = 0, i, k = 0;
	long long oldest = -1;
	enum gemis_err err;

	*ids = NULL;
	*n = 0;
	*all = to - from > CHANGES_KEPT / 2;
	if (*all || to <= from)
		return GEMIS_OK;
	err = db_prepare(db, &st, e,
			 "SELECT version, unit_id FROM data_changes WHERE version > ? AND version <= ?"
			 " ORDER BY version");
	if (err)
		return err;
	db_bind_int(st, 1, from);
	db_bind_int(st, 2, to);
	while (db_next(st) && !*all) {
		long long ver = db_col_int(st, 0);

		if (oldest < 0)
			oldest = ver;
		if (db_col_null(st, 1)) {
			*all = true;
			break;
		}
		if (k == cap) {
			size_t nc = cap ? cap * 2 : 16;
			long long *nv = realloc(v, nc * sizeof(*nv));

			if (!nv) {
				db_finalize(st, NULL);
				free(v);
				return err_set(e, GEMIS_ENOMEM, "out of memory");
			}
			v = nv;
			cap = nc;
		}
		v[k++] = db_col_int(st, 1);
	}
	err = db_finalize(st, e);
	/* a version with no entry (written before the log existed, or pruned)
	 * cannot be applied in place */
	if (!err && (oldest != from + 1))
		*all = true;
	if (err || *all || k > CHANGES_MAX_UNITS) {
		free(v);
		*all = !err;
		return err;
	}
	qsort(v, k, sizeof(*v), id_cmp);
	for (i = 0; i < k; i++) {
		if (*n == 0 || v[*n - 1] != v[i])
			v[(*n)++] = v[i];
	}
	*ids = v;
	return GEMIS_OK;
}

enum gemis_err store_versions(struct db *db, long long *data, long long *accounts,
			      struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*data = *accounts = 0;
	err = db_prepare(db, &st, e,
			 "SELECT key, CAST(value AS BIGINT) FROM meta"
			 " WHERE key IN ('data_version', 'accounts_version')");
	if (err)
		return err;
	while (db_next(st)) {
		if (strcmp(db_col_text(st, 0), "data_version") == 0)
			*data = db_col_int(st, 1);
		else
			*accounts = db_col_int(st, 1);
	}
	return db_finalize(st, e);
}
