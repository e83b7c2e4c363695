/*
 * values.c: the value table and its audit trail.
 */
#include "values.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "submissions.h"

#include "util/banned.h"

enum gemis_err unit_id_map(const struct tree *t, int **map, long long *max_id)
{
	long long mx = 0;
	size_t i;
	int *m;

	for (i = 0; i < t->n; i++) {
		if (t->units[i].id > mx)
			mx = t->units[i].id;
	}
	m = malloc((size_t)(mx + 1) * sizeof(*m));
	if (!m)
		return GEMIS_ENOMEM;
	for (i = 0; i <= (size_t)mx; i++)
		m[i] = -1;
	for (i = 0; i < t->n; i++) {
		if (t->units[i].id > 0)
			m[t->units[i].id] = (int)i;
	}
	*map = m;
	*max_id = mx;
	return GEMIS_OK;
}

struct lookup_ctx {
	struct db *db;
	const struct tree *t;
	struct db_stmt *st;
	struct errctx *e;
};

static enum gemis_err get_with(struct db_stmt *st, const struct tree *t, int unit, period_t period,
			       int ind, int part, int sex, double *value, bool *found,
			       struct errctx *e)
{
	char per[16];
	enum gemis_err err;

	period_format(period, per, sizeof(per));
	db_bindv(st, "ittt", t->units[unit].id, per, catalog[ind].id, part_id(&catalog[ind], part));
	db_bind_text(st, 5, sex_id((enum sex)sex));
	*found = db_next(st);
	if (*found)
		*value = db_col_double(st, 0);
	err = db_stmt_error(st, e);
	db_reset(st);
	return err;
}

#define SELECT_VALUE                                                                     \
	"SELECT value FROM datavalues WHERE unit_id = ? AND period = ? AND indicator = ?" \
	" AND part = ? AND sex = ?"

static enum gemis_err lookup_cb(void *vctx, int unit, period_t period, int ind, int part, int sex,
				double *value, bool *found)
{
	struct lookup_ctx *c = vctx;
	enum gemis_err err;

	if (!c->st) {
		err = db_prepare(c->db, &c->st, c->e, SELECT_VALUE);
		if (err)
			return err;
	}
	return get_with(c->st, c->t, unit, period, ind, part, sex, value, found, c->e);
}

enum gemis_err values_get(struct db *db, const struct tree *t, int unit, period_t period, int ind,
			  int part, int sex, double *value, bool *found, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err = db_prepare(db, &st, e, SELECT_VALUE);

	if (err)
		return err;
	err = get_with(st, t, unit, period, ind, part, sex, value, found, e);
	db_finalize(st, NULL);
	return err;
}

enum gemis_err values_import(struct db *db, const struct tree *t, struct value_row *rows, size_t n,
			     const char *user, const char *source, int flags, struct diags *d,
			     struct values_result *res, values_progress_fn progress, void *pctx,
			     struct errctx *e)
{
	struct lookup_ctx lc = {db, t, NULL, e};
	struct db_stmt *get = NULL, *put = NULL, *audit = NULL;
	enum gemis_err err;
	long long now = (long long)time(NULL);
	size_t i, written = 0;
	bool own_tx;

	memset(res, 0, sizeof(*res));
	/* a caller that writes more in the same transaction (the approval of a
	 * form) begins it; otherwise the batch is its own transaction */
	own_tx = !db->in_tx;
	if (own_tx) {
		err = db_begin(db, e);
		if (err)
			return err;
	}
	err = validate_rows(rows, n, lookup_cb, &lc, d, e);
	db_finalize(lc.st, NULL);
	/* values of an approved form are locked until the form is reopened,
	 * whatever path they come by (CSV, API, another form) */
	if (!err)
		err = submissions_check_locked(db, t, rows, n, d, e);
	if (!err && d->total > 0)
		err = err_set(e, GEMIS_EINVAL, "%zu problem(s) found; nothing was written", d->total);
	if (!err)
		err = db_prepare(db, &get, e, SELECT_VALUE);
	if (!err)
		err = db_prepare(db, &put, e,
				 "INSERT INTO datavalues (unit_id, period, year, indicator, part, sex, value,"
				 " source, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
				 " ON CONFLICT (unit_id, period, indicator, part, sex) DO UPDATE SET"
				 " value = excluded.value, source = excluded.source,"
				 " entered_by = excluded.entered_by, entered_at = excluded.entered_at");
	if (!err)
		err = db_prepare(db, &audit, e,
				 "INSERT INTO value_audit (unit_id, period, indicator, part, sex, old_value,"
				 " new_value, source, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	for (i = 0; !err && i < n; i++) {
		const struct value_row *r = &rows[i];
		const struct indicator *ind;
		double old = NAN;
		bool found = false;
		char per[16];

		if (progress && (i % 4096 == 0))
			progress(pctx, i, n);
		if (r->skip) {
			res->unchanged++;
			continue;
		}
		ind = &catalog[r->ind];
		err = get_with(get, t, r->unit, r->period, r->ind, r->part, r->sex, &old, &found, e);
		if (err)
			break;
		if (found && old == r->value) {
			res->unchanged++;
			continue;
		}
		if (found)
			res->updated++;
		else
			res->inserted++;
		if (flags & VALUES_DRY_RUN)
			continue;
		period_format(r->period, per, sizeof(per));
		db_bindv(put, "itittt", t->units[r->unit].id, per, (long long)period_year(r->period),
			 ind->id, part_id(ind, r->part), sex_id((enum sex)r->sex));
		db_bind_double(put, 7, r->value);
		db_bind_text(put, 8, source);
		db_bind_text(put, 9, user);
		db_bind_int(put, 10, now);
		err = db_step_done(put, e);
		if (err)
			break;
		db_bindv(audit, "ittt", t->units[r->unit].id, per, ind->id, part_id(ind, r->part));
		db_bind_text(audit, 5, sex_id((enum sex)r->sex));
		db_bind_double(audit, 6, found ? old : NAN);
		db_bind_double(audit, 7, r->value);
		db_bind_text(audit, 8, source);
		db_bind_text(audit, 9, user);
		db_bind_int(audit, 10, now);
		err = db_step_done(audit, e);
		written++;
	}
	if (progress && !err)
		progress(pctx, n, n);
	db_finalize(get, NULL);
	db_finalize(put, NULL);
	db_finalize(audit, NULL);
	if (!err && written > 0 && !(flags & VALUES_DRY_RUN))
		err = store_data_changed(db, e);
	if (!own_tx)
		return err;
	if (err || (flags & VALUES_DRY_RUN)) {
		db_rollback(db);
		return err;
	}
	return db_commit(db, e);
}

enum gemis_err values_load(struct db *db, const struct tree *t, struct dataset *ds,
			   struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	int *map = NULL;
	long long max_id;

	err = unit_id_map(t, &map, &max_id);
	if (err)
		return err;
	err = db_prepare(db, &st, e,
			 "SELECT unit_id, period, indicator, part, sex, value, source FROM datavalues");
	if (err) {
		free(map);
		return err;
	}
	while (db_next(st)) {
		long long uid = db_col_int(st, 0);
		const char *per = db_col_text(st, 1), *src = db_col_text(st, 6);
		int ind = catalog_find(db_col_text(st, 2)), unit, part, sex;
		period_t p;

		if (uid < 0 || uid > max_id || map[uid] < 0 || ind < 0 || !per)
			continue;
		unit = map[uid];
		part = part_parse(&catalog[ind], db_col_text(st, 3));
		sex = sex_parse(db_col_text(st, 4));
		if (part < 0 || sex < 0 || !period_parse(per, strlen(per), &p))
			continue;
		err = dataset_put(ds, unit, p, ind, part, sex, db_col_double(st, 5));
		if (err)
			break;
		if (src && strcmp(src, "demo") == 0)
			ds->demo = true;
	}
	if (err)
		db_finalize(st, NULL);
	else
		err = db_finalize(st, e);
	free(map);
	return err;
}
