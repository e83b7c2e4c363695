/*
 * store.c: opening a database, the meta table, the catalog mirror.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "indicators.h"
#include "migrate.h"
#include "util/i18n.h"

#include "util/banned.h"

const char *store_url(const char *opt)
{
	const char *env;

	if (opt && *opt)
		return opt;
	env = getenv("GEMIS_DB");
	if (env && *env)
		return env;
	return STORE_DEFAULT_PATH;
}

const char *store_url_display(const char *url, char *out, size_t n)
{
	const char *scheme = strstr(url, "://"), *at, *colon;

	snprintf(out, n, "%s", url);
	if (!scheme)
		return out;
	at = strchr(scheme + 3, '@');
	colon = strchr(scheme + 3, ':');
	if (at && colon && colon < at)
		snprintf(out, n, "%.*s***%s", (int)(colon + 1 - url), url, at);
	return out;
}

static enum gemis_err catalog_sync(struct db *db, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t i;

	err = db_begin(db, e);
	if (err)
		return err;
	err = db_prepare(db, &st, e,
			 "INSERT INTO indicators (id, goal, name_vi, name_en, unit, polarity, kind, factor,"
			 " by_sex, share, space_agg, national_direction, national_value, national_year)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			 " ON CONFLICT (id) DO UPDATE SET builtin = 1, goal = excluded.goal, name_vi = excluded.name_vi,"
			 " name_en = excluded.name_en, unit = excluded.unit, polarity = excluded.polarity,"
			 " kind = excluded.kind, factor = excluded.factor, by_sex = excluded.by_sex,"
			 " share = excluded.share, space_agg = excluded.space_agg,"
			 " national_direction = excluded.national_direction,"
			 " national_value = excluded.national_value, national_year = excluded.national_year");
	/* the compiled set; the added indicators are read, not written */
	for (i = 0; !err && i < catalog_builtin; i++) {
		const struct indicator *ind = &catalog[i];

		indicator_bind_mirror(st, ind);
		err = db_step_done(st, e);
	}
	if (st) {
		enum gemis_err ferr = db_finalize(st, e);

		if (!err)
			err = ferr;
	}
	if (err) {
		db_rollback(db);
		return err;
	}
	err = db_commit(db, e);
	return err ? err : indicators_load(db, e);
}

enum gemis_err store_open(const char *url, int flags, struct db **out, struct errctx *e)
{
	struct db *db = NULL;
	enum gemis_err err;

	*out = NULL;
	err = db_open(url, flags, &db, e);
	if (err)
		return err;
	err = migrate(db, e);
	if (!err)
		err = catalog_sync(db, e);
	if (err) {
		db_close(db);
		return err;
	}
	*out = db;
	return GEMIS_OK;
}

enum gemis_err store_meta_get(struct db *db, const char *key, struct buf *out, bool *found,
			      struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*found = false;
	err = db_prepare(db, &st, e, "SELECT value FROM meta WHERE key = ?");
	if (err)
		return err;
	db_bind_text(st, 1, key);
	if (db_next(st)) {
		const char *v = db_col_text(st, 0);

		*found = true;
		buf_reset(out);
		err = buf_puts(out, v ? v : "");
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

enum gemis_err store_meta_set(struct db *db, const char *key, const char *value,
			      struct errctx *e)
{
	return db_run(db, e,
		      "INSERT INTO meta (key, value) VALUES (?, ?)"
		      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		      "tt", key, value);
}

enum gemis_err store_is_initialised(struct db *db, bool *yes, struct errctx *e)
{
	struct buf b;
	enum gemis_err err;

	buf_init(&b, 256);
	err = store_meta_get(db, "initialised_at", &b, yes, e);
	buf_release(&b);
	return err;
}

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

enum gemis_err store_key_check(struct db *db, const struct seal_key *key, struct errctx *e)
{
	struct buf id;
	bool found = false;
	enum gemis_err err;

	if (!key)
		return err_set(e, GEMIS_EAUTH,
			       _("the case register key is needed: give --case-key FILE or set "
				 "GEMIS_CASE_KEY_FILE (create one with `gemis case keygen FILE`)"));
	buf_init(&id, 64);
	err = store_meta_get(db, "case_key_id", &id, &found, e);
	if (!err && !found)
		err = store_meta_set(db, "case_key_id", key->id, e);
	else if (!err && strcmp(buf_str(&id), key->id) != 0)
		err = err_set(e, GEMIS_EAUTH,
			      _("this key (id %s) is not the key of this register (id %s)"),
			      key->id, buf_str(&id));
	buf_release(&id);
	return err;
}
