/*
 * local_indicators.c: a unit's own indicators, made from its plan's custom
 * targets, and the values its agencies record on them (see
 * local_indicators.h).
 */
#include "local_indicators.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/date.h"
#include "store_int.h"
#include "task_progress.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

const char *local_label(int seq, char *buf, size_t n)
{
	snprintf(buf, n, "L%d", seq);
	return buf;
}

int local_label_parse(const char *s)
{
	char *end;
	long v;

	if (!s)
		return 0;
	if (*s == 'L' || *s == 'l')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	v = strtol(s, &end, 10);
	return *end == '\0' && v > 0 && v <= 1000000 ? (int)v : 0;
}

static const char *jstr(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

const char *local_owner(const json_t *plan, int goal)
{
	const char *key, *best = NULL, *to;
	const json_t *list, *x;
	size_t most = 0, i;

	json_object_foreach((json_t *)json_object_get(plan, "assignments"), key, list) {
		size_t n = 0;
		int k;

		json_array_foreach(list, i, x) {
			k = catalog_find(json_string_value(x));
			if (k >= 0 && (int)catalog[k].goal == goal)
				n++;
		}
		if (n > most && agency_find(key) >= 0) {
			most = n;
			best = agency_kinds[agency_find(key)].id;
		}
	}
	if (best)
		return best;
	to = jstr(json_object_get(plan, "deadline"), "to");
	if (to && agency_find(to) >= 0)
		return agency_kinds[agency_find(to)].id;
	return "vhxh";
}

void local_name(const char *text, char *buf, size_t n)
{
	size_t len;

	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	len = strlen(text);
	while (len > 0 && strchr(" \t\n\r", text[len - 1]))
		len--;
	if (len >= n)
		len = n - 1;
	while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
		len--; /* do not cut a UTF-8 sequence */
	memcpy(buf, text, len);
	buf[len] = '\0';
}

/* The unit's local indicator of that name: its id (0 when none). */
static enum gemis_err find_local(struct db *db, long long unit_id, const char *name, long long *id,
				 struct errctx *e)
{
	bool found;
	enum gemis_err err;

	err = db_query_int(db, e, id, &found, "SELECT id FROM local_indicators WHERE unit_id = ? AND name = ?",
			   "it", unit_id, name);
	if (!err && !found)
		*id = 0;
	return err;
}

/* A new local indicator for the custom target x, labelled after the unit's
 * last; *id is its id. */
static enum gemis_err insert_local(struct db *db, long long unit_id, const json_t *plan, const json_t *x,
				   const char *name, const char *user, long long now, long long *id,
				   struct errctx *e)
{
	const char *goal = jstr(x, "goal"), *unit = jstr(x, "unit"), *dir = jstr(x, "direction");
	long long seq;
	bool found;
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_query_int(db, e, &seq, &found, "SELECT COALESCE(MAX(seq), 0) + 1 FROM local_indicators"
			   " WHERE unit_id = ?", "i", unit_id);
	if (err)
		return err;
	err = db_prepare(db, &st, e,
			 "INSERT INTO local_indicators (unit_id, seq, name, goal, unit, polarity, agency,"
			 " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bindv(st, "iitttttti", unit_id, seq, name, goal, unit && *unit ? unit : "count",
		 dir && strcmp(dir, "at_most") == 0 ? "lower" : "higher", local_owner(plan, goal_parse(goal)),
		 user, now);
	if (db_next(st))
		*id = db_col_int(st, 0);
	return db_finalize(st, e);
}

/* The plan's target x on local indicator id. */
static enum gemis_err insert_target(struct db *db, long long plan_id, long long id, const json_t *x,
				    struct errctx *e)
{
	const json_t *base = json_object_get(x, "baseline"), *by = json_object_get(base, "year");

	return db_run(db, e,
		      "INSERT INTO local_targets (plan_id, local_id, direction, value, year, baseline_value,"
		      " baseline_year, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
		      "iitdiddt", plan_id, id, jstr(x, "direction"), json_number_value(json_object_get(x, "value")),
		      (long long)json_integer_value(json_object_get(x, "year")),
		      json_is_number(json_object_get(base, "value")) ? json_number_value(json_object_get(base, "value"))
								     : NAN,
		      json_is_integer(by) ? (double)json_integer_value(by) : NAN, jstr(x, "text"));
}

enum gemis_err local_from_plan(struct db *db, const struct tree *t, int unit, long long plan_id,
			       const json_t *plan, const char *user, long long now, size_t *made, size_t *kept,
			       size_t *skipped, struct errctx *e)
{
	const json_t *x;
	char name[LOCAL_NAME_MAX + 1];
	long long unit_id = t->units[unit].id, id;
	enum gemis_err err = GEMIS_OK;
	size_t i;

	json_array_foreach(json_object_get(plan, "targets"), i, x) {
		const char *ind = jstr(x, "indicator"), *text = jstr(x, "text");

		if (!ind || strcmp(ind, "custom") != 0)
			continue;
		local_name(text ? text : "", name, sizeof(name));
		if (!json_is_number(json_object_get(x, "value")) || !name[0]) {
			(*skipped)++;
			continue;
		}
		err = find_local(db, unit_id, name, &id, e);
		if (!err && id)
			(*kept)++;
		if (!err && !id) {
			err = insert_local(db, unit_id, plan, x, name, user, now, &id, e);
			(*made)++;
		}
		if (!err)
			err = insert_target(db, plan_id, id, x, e);
		if (err)
			return err;
	}
	return GEMIS_OK;
}

/* ---- reading ---- */

void local_list_release(struct local_list *l)
{
	arena_release(&l->mem);
	memset(l, 0, sizeof(*l));
}

static const char *dup_or_null(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

/* The target of the plan in force from columns 7.. of st (indicator -1). */
static void read_target(struct db_stmt *st, struct local_indicator *x, struct arena *a)
{
	int dir = direction_parse(db_col_text(st, 7));

	x->in_force = true;
	x->target.indicator = -1;
	x->target.origin = -1;
	x->target.dir = dir < 0 ? DIR_AT_LEAST : (enum direction)dir;
	x->target.has_value = !db_col_null(st, 8);
	x->target.value = db_col_double(st, 8);
	x->target.year = (int)db_col_int(st, 9);
	x->target.has_baseline = !db_col_null(st, 10);
	x->target.base_value = db_col_double(st, 10);
	x->target.base_year = db_col_null(st, 11) ? 0 : (int)db_col_int(st, 11);
	x->target_text = dup_or_null(a, db_col_text(st, 12));
}

/* The unit's local indicators into l->v, those in force first; when the
 * plan in force has several targets on one, the latest year's. */
static enum gemis_err read_indicators(struct db *db, long long unit_id, struct local_list *l, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t cap = 0;

	err = db_prepare(db, &st, e,
			 "SELECT li.id, li.seq, li.name, li.goal, li.unit, li.polarity, li.agency, lt.direction,"
			 " lt.value, lt.year, lt.baseline_value, lt.baseline_year, lt.text"
			 " FROM local_indicators li LEFT JOIN (SELECT t.* FROM local_targets t JOIN "
			 SQL_PLANS_IN_FORCE " p ON p.id = t.plan_id) lt ON lt.local_id = li.id"
			 " WHERE li.unit_id = ? ORDER BY CASE WHEN lt.local_id IS NULL THEN 1 ELSE 0 END, li.seq,"
			 " lt.year DESC");
	if (err)
		return err;
	db_bindv(st, "i", unit_id);
	while (db_next(st)) {
		struct local_indicator *x;
		long long id = db_col_int(st, 0);

		if (l->n > 0 && l->v[l->n - 1].id == id)
			continue; /* an earlier year's target of the same */
		if (l->n == cap) {
			struct local_indicator *nv;

			cap = cap ? cap * 2 : 8;
			nv = arena_alloc(&l->mem, cap * sizeof(*nv));
			if (!nv) {
				db_finalize(st, NULL);
				return GEMIS_ENOMEM;
			}
			if (l->n)
				memcpy(nv, l->v, l->n * sizeof(*nv));
			l->v = nv;
		}
		x = &l->v[l->n++];
		memset(x, 0, sizeof(*x));
		x->id = id;
		x->seq = (int)db_col_int(st, 1);
		x->name = arena_strdup(&l->mem, db_col_text(st, 2));
		x->goal = goal_parse(db_col_text(st, 3));
		x->unit = arena_strdup(&l->mem, db_col_text(st, 4));
		x->polarity = strcmp(db_col_text(st, 5), "lower") == 0 ? POL_LOWER : POL_HIGHER;
		x->agency = arena_strdup(&l->mem, db_col_text(st, 6));
		x->target.indicator = -1;
		if (!db_col_null(st, 7))
			read_target(st, x, &l->mem);
		if (!x->name || !x->unit || !x->agency) {
			db_finalize(st, NULL);
			return GEMIS_ENOMEM;
		}
	}
	return db_finalize(st, e);
}

static struct local_indicator *by_id(struct local_list *l, long long id)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].id == id)
			return &l->v[i];
	}
	return NULL;
}

/* One record of local_values from columns 0.. of st (id, year, value,
 * note, agency, recorded_by, recorded_at). */
static bool read_value(struct db_stmt *st, struct local_value *v, struct arena *a)
{
	v->id = db_col_int(st, 0);
	v->year = (int)db_col_int(st, 1);
	v->value = db_col_double(st, 2);
	v->note = dup_or_null(a, db_col_text(st, 3));
	v->agency = arena_strdup(a, db_col_text(st, 4));
	snprintf(v->by, sizeof(v->by), "%s", db_col_text(st, 5));
	v->at = db_col_int(st, 6);
	return v->agency && (v->note || db_col_null(st, 3));
}

/* The latest value of every year of every indicator of l (the rows come
 * by indicator, year and id: the last of a year is its value). */
static enum gemis_err read_values(struct db *db, long long unit_id, struct local_list *l, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t i;

	for (i = 0; i < l->n; i++) {
		/* at most one a year of the engine's range */
		l->v[i].values = arena_alloc(&l->mem, (PERIOD_MAX_YEAR - PERIOD_MIN_YEAR + 1) * sizeof(struct local_value));
		if (!l->v[i].values)
			return GEMIS_ENOMEM;
	}
	err = db_prepare(db, &st, e,
			 "SELECT v.id, v.year, v.value, v.note, v.agency, v.recorded_by, v.recorded_at, v.local_id"
			 " FROM local_values v JOIN local_indicators li ON li.id = v.local_id WHERE li.unit_id = ?"
			 " ORDER BY v.local_id, v.year, v.id");
	if (err)
		return err;
	db_bindv(st, "i", unit_id);
	while (db_next(st)) {
		struct local_indicator *x = by_id(l, db_col_int(st, 7));
		int year = (int)db_col_int(st, 1);
		struct local_value *v;

		if (!x || year < PERIOD_MIN_YEAR || year > PERIOD_MAX_YEAR)
			continue;
		if (x->nvalues > 0 && x->values[x->nvalues - 1].year == year)
			v = &x->values[x->nvalues - 1]; /* a later record of the year */
		else
			v = &x->values[x->nvalues++];
		if (!read_value(st, v, &l->mem)) {
			db_finalize(st, NULL);
			return GEMIS_ENOMEM;
		}
	}
	return db_finalize(st, e);
}

enum gemis_err local_list(struct db *db, const struct tree *t, int unit, struct local_list *out,
			  struct errctx *e)
{
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	arena_init(&out->mem, 0);
	if (unit < 0 || (size_t)unit >= t->n)
		return err_set(e, GEMIS_EINVAL, "bad unit");
	err = read_indicators(db, t->units[unit].id, out, e);
	if (!err)
		err = read_values(db, t->units[unit].id, out, e);
	if (err == GEMIS_ENOMEM)
		err_set(e, err, "out of memory");
	return err;
}

const struct local_indicator *local_find(const struct local_list *l, int seq)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].seq == seq)
			return &l->v[i];
	}
	return NULL;
}

const struct local_value *local_value_of(const struct local_indicator *x, int year)
{
	size_t i;

	for (i = 0; i < x->nvalues; i++) {
		if (x->values[i].year == year)
			return &x->values[i];
	}
	return NULL;
}

void local_assess(const struct local_indicator *x, int year, struct assessment *out)
{
	struct series_point pts[PERIOD_MAX_YEAR - PERIOD_MIN_YEAR + 1] = {{0, 0}};
	int n = 0;
	size_t i;

	for (i = 0; i < x->nvalues && x->values[i].year <= year; i++) {
		pts[n].year = x->values[i].year;
		pts[n].value = x->values[i].value;
		n++;
	}
	assess(x->in_force ? &x->target : NULL, x->unit, pts, n, out);
	out->prior = out->status;
	/* as engine_assess_against(): a year not reported is not judged on an
	 * older one */
	if (n > 0 && out->latest_year < year)
		out->status = ST_NOT_REPORTED;
}

enum gemis_err local_history(struct db *db, const struct tree *t, int unit, int seq, struct arena *mem,
			     struct local_value **out, size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct local_value *v = NULL;
	size_t cap = 0;
	enum gemis_err err;

	*out = NULL;
	*n = 0;
	err = db_prepare(db, &st, e,
			 "SELECT v.id, v.year, v.value, v.note, v.agency, v.recorded_by, v.recorded_at"
			 " FROM local_values v JOIN local_indicators li ON li.id = v.local_id"
			 " WHERE li.unit_id = ? AND li.seq = ? ORDER BY v.id");
	if (err)
		return err;
	db_bindv(st, "ii", t->units[unit].id, (long long)seq);
	while (db_next(st)) {
		if (*n == cap) {
			struct local_value *nv;

			cap = cap ? cap * 2 : 16;
			nv = arena_alloc(mem, cap * sizeof(*nv));
			if (!nv)
				goto nomem;
			if (*n)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
		if (!read_value(st, &v[*n], mem))
			goto nomem;
		(*n)++;
	}
	*out = v;
	return db_finalize(st, e);
nomem:
	db_finalize(st, NULL);
	return err_set(e, GEMIS_ENOMEM, "out of memory");
}

/* ---- recording ---- */

/* What a value must be: a number that can be counted or a share. */
static void check_value(const struct local_indicator *x, int year, double value, const char *note, struct diags *d)
{
	if (!isfinite(value))
		diags_add(d, 0, "value", _("the value must be a number"));
	else if (value < 0)
		diags_add(d, 0, "value", _("the value must not be negative"));
	else if (strcmp(x->unit, "%") == 0 && value > 100)
		diags_add(d, 0, "value", _("a percentage is at most 100"));
	if (year < PERIOD_MIN_YEAR || year > PERIOD_MAX_YEAR)
		diags_add(d, 0, "year", _("the year must be between %d and %d"), PERIOD_MIN_YEAR, PERIOD_MAX_YEAR);
	if (note && text_chars(note) > LOCAL_NOTE_MAX)
		diags_add(d, 0, "note", _("the note is longer than %d characters"), LOCAL_NOTE_MAX);
}

/* The latest record of (local, year): its id (0 none), who and when. */
static enum gemis_err latest(struct db *db, long long local_id, int year, long long *id, char *by, size_t nby,
			     long long *at, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*id = 0;
	err = db_prepare(db, &st, e,
			 "SELECT id, recorded_by, recorded_at FROM local_values WHERE local_id = ? AND year = ?"
			 " ORDER BY id DESC LIMIT 1");
	if (err)
		return err;
	db_bindv(st, "ii", local_id, (long long)year);
	if (db_next(st)) {
		*id = db_col_int(st, 0);
		snprintf(by, nby, "%s", db_col_text(st, 1));
		*at = db_col_int(st, 2);
	}
	return db_finalize(st, e);
}

/* In the caller's transaction: refuses a locked year or a version older
 * than the latest record, then adds the record. */
static enum gemis_err add_record(struct db *db, const struct tree *t, const struct principal *who, int unit,
				 const struct local_indicator *x, int year, double value, const char *note,
				 long long version, long long now, long long *id, struct errctx *e)
{
	char by[65] = "", when[64];
	long long last = 0, at = 0;
	bool locked;
	enum gemis_err err;
	struct db_stmt *st = NULL;

	/* writers take turns from here on, so that the version read is still
	 * the latest when the record is added */
	err = db_lock_table(db, "local_values", e);
	if (!err)
		err = task_year_locked(db, t, unit, x->agency, year, &locked, e);
	if (!err && locked)
		return err_set(e, GEMIS_ECONFLICT,
			       _("the results of %s for %d went up with its approved form and are locked: the "
				 "focal point must reopen the form first"),
			       x->agency, year);
	if (!err)
		err = latest(db, x->id, year, &last, by, sizeof(by), &at, e);
	if (err)
		return err;
	if (last != version) {
		vn_format_time(at, when, sizeof(when));
		return last == 0 ? err_set(e, GEMIS_ECONFLICT, _("this value changed since you opened it; reload it"))
				 : err_set(e, GEMIS_ECONFLICT,
					   _("%s recorded a value of %s for %d at %s, after you opened it; yours was "
					     "not saved: reload to see theirs"),
					   by, x->name, year, when);
	}
	err = db_prepare(db, &st, e,
			 "INSERT INTO local_values (local_id, year, value, note, agency, recorded_by, recorded_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bindv(st, "iidttti", x->id, (long long)year, value, note && *note ? note : NULL, x->agency, who->name,
		 now);
	if (db_next(st))
		*id = db_col_int(st, 0);
	return db_finalize(st, e);
}

enum gemis_err local_record(struct db *db, const struct tree *t, const struct principal *who, int unit,
			    int seq, int year, double value, const char *note, long long version, long long now,
			    struct diags *d, long long *id, struct errctx *e)
{
	struct local_list l;
	const struct local_indicator *x;
	enum gemis_err err;
	bool own_tx = !db->in_tx;
	char lab[16];

	*id = 0;
	err = local_list(db, t, unit, &l, e);
	if (err)
		goto out;
	x = local_find(&l, seq);
	if (!x) {
		err = err_set(e, GEMIS_ENOTFOUND, _("%s has no local indicator %s"), t->units[unit].code,
			      local_label(seq, lab, sizeof(lab)));
		goto out;
	}
	if (!access_allows(t, who, ACT_ENTER, unit, agency_find(x->agency))) {
		err = err_set(e, GEMIS_EPERM, _("you may not record values for %s of %s"), x->agency,
			      t->units[unit].code);
		goto out;
	}
	check_value(x, year, value, note, d);
	if (d->total > 0) {
		err = err_set(e, GEMIS_EINVAL,
			      ngettext_("%zu problem in the value; nothing was saved",
					"%zu problems in the value; nothing was saved", d->total),
			      d->total);
		goto out;
	}
	if (own_tx && (err = db_begin(db, e)) != GEMIS_OK)
		goto out;
	err = add_record(db, t, who, unit, x, year, value, note, version, now, id, e);
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
out:
	local_list_release(&l);
	return err;
}

/* In the caller's transaction: the new agency and the log's row. */
static enum gemis_err reassign(struct db *db, const struct local_indicator *x, const char *agency,
			       const char *by, long long now, struct errctx *e)
{
	enum gemis_err err;

	err = db_run(db, e, "UPDATE local_indicators SET agency = ? WHERE id = ?", "ti", agency, x->id);
	if (!err)
		err = db_run(db, e,
			     "INSERT INTO local_log (local_id, action, agency_before, agency, changed_by, changed_at)"
			     " VALUES (?, 'assign', ?, ?, ?, ?)",
			     "ittti", x->id, x->agency, agency, by, now);
	return err;
}

enum gemis_err local_assign(struct db *db, const struct tree *t, const struct principal *who, int unit, int seq,
			    const char *agency, long long now, struct errctx *e)
{
	struct local_list l;
	const struct local_indicator *x;
	enum gemis_err err;
	bool own_tx = !db->in_tx;
	char lab[16];
	int k = agency ? agency_find(agency) : -1;

	memset(&l, 0, sizeof(l));
	arena_init(&l.mem, 0);
	if (unit < 0 || (size_t)unit >= t->n)
		return err_set(e, GEMIS_EINVAL, "bad unit");
	if (!access_allows(t, who, ACT_PLAN, unit, -1))
		return err_set(e, GEMIS_EPERM, _("you may not change the plan of %s"), t->units[unit].code);
	if (k < 0)
		return err_set_at(e, GEMIS_EINVAL, "agency", _("'%s' is not an agency of a commune or ward"),
				  agency ? agency : "");
	err = local_list(db, t, unit, &l, e);
	if (err)
		goto out;
	x = local_find(&l, seq);
	if (!x) {
		err = err_set(e, GEMIS_ENOTFOUND, _("%s has no local indicator %s"), t->units[unit].code,
			      local_label(seq, lab, sizeof(lab)));
		goto out;
	}
	if (strcmp(x->agency, agency_kinds[k].id) == 0)
		goto out;
	if (own_tx && (err = db_begin(db, e)) != GEMIS_OK)
		goto out;
	err = reassign(db, x, agency_kinds[k].id, who->name, now, e);
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
out:
	local_list_release(&l);
	return err;
}
