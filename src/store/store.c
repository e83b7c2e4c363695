/*
 * store.c: opening a database, the meta table, the catalog mirror.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "migrate.h"

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

static const char *space_id(enum space_agg s)
{
	switch (s) {
	case SPACE_SUM: return "sum";
	case SPACE_MEAN: return "mean";
	case SPACE_NONE: return "none";
	}
	return "?";
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
			 " ON CONFLICT (id) DO UPDATE SET goal = excluded.goal, name_vi = excluded.name_vi,"
			 " name_en = excluded.name_en, unit = excluded.unit, polarity = excluded.polarity,"
			 " kind = excluded.kind, factor = excluded.factor, by_sex = excluded.by_sex,"
			 " share = excluded.share, space_agg = excluded.space_agg,"
			 " national_direction = excluded.national_direction,"
			 " national_value = excluded.national_value, national_year = excluded.national_year");
	for (i = 0; !err && i < catalog_count; i++) {
		const struct indicator *ind = &catalog[i];

		db_bindv(st, "tttttttdiit", ind->id, goal_id(ind->goal), ind->name_vi, ind->name_en,
			 ind->unit, ind->polarity == POL_HIGHER ? "higher" : "lower",
			 ind->kind == IND_RATIO ? "ratio" : "value", ind->factor, (long long)ind->by_sex,
			 (long long)ind->share, space_id(ind->space));
		if (ind->has_national) {
			db_bind_text(st, 12, direction_id(ind->national_dir));
			if (ind->national_dir == DIR_ACHIEVE)
				db_bind_null(st, 13);
			else
				db_bind_double(st, 13, ind->national_value);
			db_bind_int(st, 14, ind->national_year);
		} else {
			db_bind_null(st, 12);
			db_bind_null(st, 13);
			db_bind_null(st, 14);
		}
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
	return db_commit(db, e);
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

enum gemis_err store_data_changed(struct db *db, struct errctx *e)
{
	return db_run(db, e,
		      "INSERT INTO meta (key, value) VALUES ('data_version', '1')"
		      " ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT)",
		      "");
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
