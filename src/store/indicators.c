/*
 * indicators.c: indicators added at run time, read into the catalog and
 * written beside the compiled set's mirror.
 */
#include "indicators.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "util/i18n.h"

#include "util/banned.h"

#define COLS                                                                                       \
	"id, goal, name_vi, name_en, unit, polarity, kind, factor, by_sex, share, space_agg,"      \
	" national_direction, national_value, national_year, time_num, time_den, part_num_vi,"    \
	" part_num_en, part_den_vi, part_den_en, parent, breakdown, category, scope_unit"

/* v, or 0 after naming the column in *bad (the first one wrong). */
static int parse_or(int v, const char *column, const char **bad)
{
	if (v < 0 && !*bad)
		*bad = column;
	return v < 0 ? 0 : v;
}


/* One added row as an indicator; its texts are the statement's, borrowed
 * until the next row. */
static enum gemis_err row_indicator(struct db_stmt *st, struct indicator *ind, struct errctx *e)
{
	const char *id = db_col_text(st, 0), *bad = NULL;

	memset(ind, 0, sizeof(*ind));
	ind->id = id;
	ind->goal = (enum goal)parse_or(goal_parse(db_col_text(st, 1)), "goal", &bad);
	ind->name_vi = db_col_text(st, 2);
	ind->name_en = db_col_text(st, 3);
	ind->unit = db_col_text(st, 4);
	ind->polarity = (enum polarity)parse_or(polarity_parse(db_col_text(st, 5)), "polarity", &bad);
	ind->kind = (enum ind_kind)parse_or(ind_kind_parse(db_col_text(st, 6)), "kind", &bad);
	ind->factor = db_col_double(st, 7);
	ind->by_sex = db_col_int(st, 8) != 0;
	ind->share = db_col_int(st, 9) != 0;
	ind->space = (enum space_agg)parse_or(space_agg_parse(db_col_text(st, 10)), "space_agg", &bad);
	if (!db_col_null(st, 11)) {
		ind->has_national = true;
		ind->national_dir = (enum direction)parse_or(direction_parse(db_col_text(st, 11)),
							     "national_direction", &bad);
		ind->national_value = db_col_double(st, 12);
		ind->national_year = (int)db_col_int(st, 13);
	}
	ind->time[0] = (enum time_agg)parse_or(time_agg_parse(db_col_text(st, 14)), "time_num", &bad);
	ind->part_vi[0] = db_col_text(st, 16);
	ind->part_en[0] = db_col_text(st, 17);
	if (ind->kind == IND_RATIO) {
		ind->time[1] = (enum time_agg)parse_or(time_agg_parse(db_col_text(st, 15)), "time_den", &bad);
		ind->part_vi[1] = db_col_text(st, 18);
		ind->part_en[1] = db_col_text(st, 19);
	}
	ind->source = SRC_REPORTED;
	/* a series: its category's names come from its breakdown (0860) */
	ind->parent = db_col_text(st, 20);
	ind->breakdown = db_col_text(st, 21);
	ind->category = db_col_text(st, 22);
	ind->scope = db_col_text(st, 23); /* a province's own (0880) */
	ind->category_vi = db_col_text(st, 24);
	ind->category_en = db_col_text(st, 25);
	ind->group_partial = db_col_int(st, 26) != 0;
	ind->formula_text = db_col_text(st, 27); /* computed from others (0900) */
	ind->version = (int)db_col_int(st, 28); /* edits (0890) */
	if (bad)
		return err_set_at(e, GEMIS_EINVAL, bad, "%s", _("not a value gemis knows"));
	return GEMIS_OK;
}

enum gemis_err indicators_load_retired(struct db *db, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e, "SELECT id, retired_from FROM indicators WHERE parent IS NULL");
	if (err)
		return err;
	while (!err && db_next(st)) {
		int k = catalog_find(db_col_text(st, 0));

		if (k >= 0)
			err = catalog_set_retired(k, db_col_null(st, 1) ? 0 : (int)db_col_int(st, 1));
	}
	if (err) {
		db_finalize(st, NULL);
		return err_set(e, err, "%s", _("no memory for the catalog"));
	}
	return db_finalize(st, e);
}

enum gemis_err indicators_load(struct db *db, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT " COLS ", (SELECT c.name_vi FROM breakdown_categories c WHERE"
			 " c.breakdown = indicators.breakdown AND c.code = indicators.category),"
			 " (SELECT c.name_en FROM breakdown_categories c WHERE"
			 " c.breakdown = indicators.breakdown AND c.code = indicators.category),"
			 " (SELECT b.partial FROM breakdowns b WHERE b.code = indicators.breakdown), formula,"
			 " version"
			 " FROM indicators WHERE builtin = 0 ORDER BY seq, id");
	if (err)
		return err;
	while (!err && db_next(st)) {
		struct indicator ind;
		int k;

		k = catalog_find(db_col_text(st, 0));
		if (k >= 0 && catalog[k].version == (int)db_col_int(st, 28))
			continue; /* read by an earlier opening in this process */
		err = row_indicator(st, &ind, e);
		/* edited since this process read it (indicator_edit()): a
		 * parent before its series, which take its names */
		if (!err && k >= 0 && catalog_edit(k, &ind))
			err = err_set(e, GEMIS_ENOMEM, "%s", _("no memory for the catalog"));
		else if (!err && k < 0)
			err = catalog_add(&ind, &k, e);
		if (err == GEMIS_EINVAL && e) {
			/* name the row and the field: "indicators[foo].unit" */
			char where[sizeof(e->where)];

			snprintf(where, sizeof(where), "indicators[%.64s]%s%.160s", ind.id ? ind.id : "?",
				 e->where[0] ? "." : "", e->where);
			snprintf(e->where, sizeof(e->where), "%s", where);
		}
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	err = db_finalize(st, e);
	return err ? err : indicators_load_retired(db, e);
}

void indicator_bind_mirror(struct db_stmt *st, const struct indicator *ind)
{
	db_bindv(st, "tttttttdiit", ind->id, goal_id(ind->goal), ind->name_vi, ind->name_en, ind->unit,
		 ind->polarity == POL_LOWER ? "lower" : "higher", ind->kind == IND_RATIO ? "ratio" : "value",
		 ind->factor, (long long)ind->by_sex, (long long)ind->share, space_agg_id(ind->space));
	/* the national target, where there is one; NULL columns otherwise */
	db_bind_text(st, 12, ind->has_national ? direction_id(ind->national_dir) : NULL);
	if (ind->has_national && ind->national_dir != DIR_ACHIEVE)
		db_bind_double(st, 13, ind->national_value);
	else
		db_bind_null(st, 13);
	if (ind->has_national)
		db_bind_int(st, 14, ind->national_year);
	else
		db_bind_null(st, 14);
}

static enum gemis_err insert(struct db *db, const struct indicator *ind, const char *user, struct errctx *e)
{
	long long now = (long long)time(NULL);
	bool ratio = ind->kind == IND_RATIO;
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "INSERT INTO indicators (" COLS ", builtin, seq, added_by, added_at, formula)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0,"
			 " (SELECT COALESCE(MAX(seq), 0) + 1 FROM indicators), ?, ?, ?)");
	if (err)
		return err;
	indicator_bind_mirror(st, ind);
	db_bind_text(st, 15, time_agg_id(ind->time[0]));
	db_bind_text(st, 16, ratio ? time_agg_id(ind->time[1]) : NULL);
	db_bind_text(st, 17, ind->part_vi[0]);
	db_bind_text(st, 18, ind->part_en[0]);
	db_bind_text(st, 19, ratio ? ind->part_vi[1] : NULL);
	db_bind_text(st, 20, ratio ? ind->part_en[1] : NULL);
	db_bind_text(st, 21, ind->parent);
	db_bind_text(st, 22, ind->breakdown);
	db_bind_text(st, 23, ind->category);
	db_bind_text(st, 24, ind->scope);
	db_bind_text(st, 25, user);
	db_bind_int(st, 26, now);
	db_bind_text(st, 27, ind->formula_text);
	err = db_step_done(st, e);
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	err = db_finalize(st, e);
	if (!err)
		err = db_run(db, e,
			     "INSERT INTO indicator_log (indicator, action, changed_by, changed_at)"
			     " VALUES (?, 'add', ?, ?)",
			     "tti", ind->id, user, now);
	return err;
}

enum gemis_err indicators_add(struct db *db, const struct indicator *inds, size_t n, const char *user,
			      int *index, struct errctx *e)
{
	bool own_tx = !db->in_tx;
	enum gemis_err err = GEMIS_OK;
	size_t i;

	/* the catalog of this process, then the table: another process may
	 * have added the id since this one opened the database */
	for (i = 0; i < n && !err; i++)
		err = catalog_check(&inds[i], e);
	if (!err && own_tx)
		err = db_begin(db, e);
	if (err)
		return err;
	for (i = 0; i < n && !err; i++) {
		bool taken = false;
		long long one = 0;

		err = db_query_int(db, e, &one, &taken, "SELECT 1 FROM indicators WHERE id = ?", "t", inds[i].id);
		if (!err && taken)
			err = err_set_at(e, GEMIS_ECONFLICT, "id", _("%s is already an indicator"), inds[i].id);
		if (!err)
			err = insert(db, &inds[i], user, e);
	}
	/* a change of every unit: running servers read the catalog again
	 * with all the values (http/live.c); in the caller's transaction,
	 * the caller marks its change */
	if (!err && own_tx)
		err = store_data_changed(db, e);
	if (own_tx && !err)
		err = db_commit(db, e);
	else if (own_tx)
		db_rollback(db);
	/* in the caller's transaction, at once: what follows in it may use
	 * them (a plan's targets on new series); were it rolled back, this
	 * process would keep entries the table lacks until it ends */
	for (i = 0; i < n && !err; i++)
		err = catalog_add(&inds[i], &index[i], e);
	return err;
}

enum gemis_err indicator_add(struct db *db, const struct indicator *ind, const char *user, int *index,
			     struct errctx *e)
{
	return indicators_add(db, ind, 1, user, index, e);
}

/* The indicator to retire or put back: one of the catalog, not a series. */
static enum gemis_err retire_target(const char *id, int *k, struct errctx *e)
{
	*k = catalog_find(id);
	if (*k < 0)
		return err_set_at(e, GEMIS_EINVAL, "id", _("%s is not an indicator of the catalog"), id ? id : "");
	if (catalog[*k].parent)
		return err_set_at(e, GEMIS_EINVAL, "id",
				  _("%s is a category series: it retires with its indicator; retire %s instead"), id,
				  catalog[*k].parent);
	return GEMIS_OK;
}

/* Refuses a year with values of the indicator or its series stored for it
 * or later, official or on a form: they would stay where no form, report
 * or import of theirs could reach them. */
static enum gemis_err no_values_from(struct db *db, const char *id, int year, struct errctx *e)
{
	struct db_stmt *st = NULL;
	long long n = 0;
	int last = 0;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT y, COUNT(*) FROM (SELECT d.unit_id, d.period, d.indicator, d.part, d.sex, d.year AS y"
			 " FROM datavalues d WHERE d.indicator IN (SELECT id FROM indicators WHERE id = ? OR parent = ?)"
			 " AND d.year >= ?"
			 " UNION SELECT s.unit_id, v.period, v.indicator, v.part, v.sex, CAST(s.period AS INTEGER) AS y"
			 " FROM submission_values v JOIN submissions s ON s.id = v.submission_id"
			 " WHERE v.indicator IN (SELECT id FROM indicators WHERE id = ? OR parent = ?)"
			 " AND CAST(s.period AS INTEGER) >= ?) x GROUP BY y ORDER BY y");
	if (err)
		return err;
	db_bindv(st, "ttitti", id, id, (long long)year, id, id, (long long)year);
	while (db_next(st)) {
		last = (int)db_col_int(st, 0);
		n += db_col_int(st, 1);
	}
	err = db_finalize(st, e);
	if (!err && n > 0)
		err = err_set_at(e, GEMIS_EINVAL, "from",
				 _("%lld values of %s are stored for %d or later (the last for %d): retire it from %d "
				   "at the earliest"),
				 n, id, year, last, last + 1);
	return err;
}

static enum gemis_err log_change(struct db *db, const char *id, const char *action, int year, const char *user,
				 struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "INSERT INTO indicator_log (indicator, action, year, changed_by, changed_at)"
			 " VALUES (?, ?, ?, ?, ?)");
	if (err)
		return err;
	db_bindv(st, "tt", id, action);
	if (year)
		db_bind_int(st, 3, year);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, user);
	db_bind_int(st, 5, (long long)time(NULL));
	err = db_step_done(st, e);
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

/* The indicator's retired_from as stored (0: in force). */
static enum gemis_err stored_retired(struct db *db, const char *id, int *year, struct errctx *e)
{
	long long y = 0;
	bool found = false;
	enum gemis_err err;

	err = db_query_int(db, e, &y, &found, "SELECT COALESCE(retired_from, 0) FROM indicators WHERE id = ?", "t",
			   id);
	*year = (int)y;
	return err;
}

/* Writes year (0: in force again) as the indicator's retired_from, with
 * the change logged and the data marked changed, in one transaction;
 * check, when set, refuses first (it runs inside, after the lock). */
static enum gemis_err set_retired(struct db *db, const char *id, int year, const char *user,
				  enum gemis_err (*check)(struct db *, const char *, int, struct errctx *),
				  struct errctx *e)
{
	enum gemis_err err;
	int now = 0;

	err = db_begin(db, e);
	/* value writers take turns on this lock (values_import()): none
	 * writes a value of the years while they are checked and retired */
	if (!err)
		err = db_lock_table(db, "datavalues", e);
	if (!err)
		err = stored_retired(db, id, &now, e);
	if (!err && year && now == year)
		err = err_set_at(e, GEMIS_EINVAL, "from", _("%s is already retired from %d"), id, year);
	if (!err && !year && !now)
		err = err_set_at(e, GEMIS_EINVAL, "id", _("%s is not retired"), id);
	if (!err && check)
		err = check(db, id, year, e);
	if (!err && year)
		err = db_run(db, e, "UPDATE indicators SET retired_from = ? WHERE id = ?", "it", (long long)year, id);
	else if (!err)
		err = db_run(db, e, "UPDATE indicators SET retired_from = NULL WHERE id = ?", "t", id);
	if (!err)
		err = log_change(db, id, year ? "retire" : "unretire", year, user, e);
	if (!err)
		err = store_data_changed(db, e);
	if (!err)
		err = db_commit(db, e);
	else
		db_rollback(db);
	return err;
}

enum gemis_err indicator_retire(struct db *db, const char *id, int year, const char *user, struct errctx *e)
{
	enum gemis_err err;
	int k;

	err = retire_target(id, &k, e);
	if (err)
		return err;
	if (year < RETIRE_MIN_YEAR || year > RETIRE_MAX_YEAR)
		return err_set_at(e, GEMIS_EINVAL, "from", _("%d is not a year from %d to %d"), year, RETIRE_MIN_YEAR,
				  RETIRE_MAX_YEAR);
	err = set_retired(db, id, year, user, no_values_from, e);
	if (!err && catalog_set_retired(k, year))
		err = err_set(e, GEMIS_ENOMEM, "%s", _("no memory for the catalog"));
	return err;
}

enum gemis_err indicator_unretire(struct db *db, const char *id, const char *user, struct errctx *e)
{
	enum gemis_err err;
	int k;

	err = retire_target(id, &k, e);
	if (!err)
		err = set_retired(db, id, 0, user, NULL, e);
	if (!err && catalog_set_retired(k, 0))
		err = err_set(e, GEMIS_ENOMEM, "%s", _("no memory for the catalog"));
	return err;
}

enum gemis_err indicator_changes(struct db *db, const char *id, struct indicator_change **out, size_t *n,
				 struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct indicator_change *v = NULL;
	size_t cap = 0;
	enum gemis_err err;

	*out = NULL;
	*n = 0;
	err = db_prepare(db, &st, e,
			 "SELECT action, year, changed_by, changed_at, version, detail FROM indicator_log"
			 " WHERE indicator = ?"
			 " ORDER BY changed_at, id");
	if (err)
		return err;
	db_bind_text(st, 1, id);
	while (!err && db_next(st)) {
		struct indicator_change *c;

		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct indicator_change *nv = realloc(v, ncap * sizeof(*nv));

			if (!nv) {
				err = GEMIS_ENOMEM;
				break;
			}
			v = nv;
			cap = ncap;
		}
		c = &v[(*n)++];
		snprintf(c->action, sizeof(c->action), "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
		c->year = db_col_null(st, 1) ? 0 : (int)db_col_int(st, 1);
		snprintf(c->by, sizeof(c->by), "%s", db_col_text(st, 2) ? db_col_text(st, 2) : "");
		c->at = db_col_int(st, 3);
		c->version = db_col_null(st, 4) ? 0 : (int)db_col_int(st, 4);
		snprintf(c->detail, sizeof(c->detail), "%s", db_col_text(st, 5) ? db_col_text(st, 5) : "");
	}
	if (err) {
		db_finalize(st, NULL);
		free(v);
		*n = 0;
		return err_set(e, err, "out of memory");
	}
	err = db_finalize(st, e);
	if (err) {
		free(v);
		*n = 0;
		return err;
	}
	*out = v;
	return GEMIS_OK;
}
