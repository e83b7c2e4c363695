/*
 * store.c: opening a database, the meta table, the catalog mirror.
 * The data version and its change log are in changes.c.
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
