/*
 * indicator_edit.c: editing an indicator added at run time (issue 17):
 * the fields given read over the indicator's own, checked as an addition
 * is, refused when they would change what its stored numbers mean, and
 * written with its series, the log and a new version in one transaction
 * (indicator_edit.h).
 */
#include "indicator_edit.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "indicators.h"
#include "store.h"
#include "util/buf.h"
#include "util/i18n.h"

#include "util/banned.h"

/* The fields given over those of the indicator as it is. */
struct merged {
	catalog_field_get get;
	void *ctx;
	const struct indicator *cur;
	char num[64], target[96];
};

static const char *structural[] = {"kind", "unit", "factor", "by_sex", "share", "space", "time"};

bool indicator_field_structural(const char *field)
{
	size_t i;

	for (i = 0; i < sizeof(structural) / sizeof(structural[0]); i++) {
		if (strcmp(structural[i], field) == 0)
			return true;
	}
	return false;
}

/* The national target as the field "target" writes it, or NULL. */
static const char *target_text(const struct indicator *ind, char *buf, size_t n)
{
	if (!ind->has_national)
		return NULL;
	if (ind->national_dir == DIR_ACHIEVE)
		snprintf(buf, n, "achieve:%d", ind->national_year);
	else
		snprintf(buf, n, "%s:%.15g:%d", direction_id(ind->national_dir), ind->national_value,
			 ind->national_year);
	return buf;
}

/* Field name of ind as text, the way catalog_fields_read() reads it;
 * num and target are buffers of 64 and 96 bytes. */
static const char *field_text(const struct indicator *ind, const char *name, char *num, char *target)
{
	static const struct {
		const char *name;
		size_t off;
	} texts[] = {
		{"id", offsetof(struct indicator, id)},
		{"name_vi", offsetof(struct indicator, name_vi)},
		{"name_en", offsetof(struct indicator, name_en)},
		{"unit", offsetof(struct indicator, unit)},
		{"part_vi", offsetof(struct indicator, part_vi[0])},
		{"part_en", offsetof(struct indicator, part_en[0])},
		{"den_vi", offsetof(struct indicator, part_vi[1])},
		{"den_en", offsetof(struct indicator, part_en[1])},
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if (strcmp(texts[i].name, name) == 0)
			return *(const char *const *)((const char *)ind + texts[i].off);
	}
	if (strcmp(name, "goal") == 0)
		return goal_id(ind->goal);
	if (strcmp(name, "kind") == 0)
		return ind->kind == IND_RATIO ? "ratio" : "value";
	if (strcmp(name, "by_sex") == 0)
		return ind->by_sex ? "1" : "0";
	if (strcmp(name, "share") == 0)
		return ind->share ? "1" : "0";
	if (strcmp(name, "lower_better") == 0)
		return ind->polarity == POL_LOWER ? "1" : "0";
	if (strcmp(name, "space") == 0)
		return space_agg_id(ind->space);
	if (strcmp(name, "time") == 0)
		return time_agg_id(ind->time[0]);
	if (strcmp(name, "factor") == 0) {
		snprintf(num, 64, "%.15g", ind->factor);
		return num;
	}
	if (strcmp(name, "target") == 0)
		return target_text(ind, target, 96);
	return NULL;
}

static const char *merged_field(void *ctx, const char *name)
{
	struct merged *m = ctx;
	const char *s = m->get(m->ctx, name), *kind = m->get(m->ctx, "kind");

	if (s && strcmp(name, "target") == 0 && (!*s || strcmp(s, "none") == 0))
		return NULL; /* the target removed */
	if (s)
		return s;
	/* a value has no denominator: a kind made "value" drops it */
	if (kind && strcmp(kind, "value") == 0 && strncmp(name, "den_", 4) == 0)
		return NULL;
	return field_text(m->cur, name, m->num, m->target);
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The fields that differ between a and b, a line "field: from -> to"
 * each into *detail; the first structural one in *structural_field. */
static size_t diff(const struct indicator *a, const struct indicator *b, struct buf *detail,
		   const char **structural_field)
{
	char na[64], ta[96], nb[64], tb[96];
	size_t i, n = 0;

	*structural_field = NULL;
	for (i = 0; i < catalog_field_count; i++) {
		const char *f = catalog_field_names[i];
		const char *x = field_text(a, f, na, ta), *y = field_text(b, f, nb, tb);

		if (same(x, y))
			continue;
		if (n++)
			buf_putc(detail, '\n');
		buf_printf(detail, "%s: %s -> %s", f, x ? x : "-", y ? y : "-");
		if (!*structural_field && indicator_field_structural(f))
			*structural_field = f;
	}
	return n;
}

static enum gemis_err field_refused(const struct catalog_field_error *why, struct errctx *e)
{
	if (why->value)
		return err_set_at(e, GEMIS_EINVAL, why->field, "%s: '%s'", _(why->msg), why->value);
	return err_set_at(e, GEMIS_EINVAL, why->field, "%s", _(why->msg));
}

/* The indicator to edit: one added, not a series. */
static enum gemis_err edit_target(const char *id, int *k, struct errctx *e)
{
	*k = catalog_find(id);
	if (*k < 0)
		return err_set_at(e, GEMIS_EINVAL, "id", _("%s is not an indicator of the catalog"), id ? id : "");
	if ((size_t)*k < catalog_builtin)
		return err_set_at(e, GEMIS_EINVAL, "id",
				  _("%s is one of the national strategy's indicators: its version 1 is frozen; retire "
				    "it and add another"),
				  id);
	if (catalog[*k].parent)
		return err_set_at(e, GEMIS_EINVAL, "id",
				  _("%s is a category series: its fields are its indicator's; edit %s instead"), id,
				  catalog[*k].parent);
	return GEMIS_OK;
}

/* The indicator k with the fields given over its own, checked. */
static enum gemis_err edited(int k, catalog_field_get get, void *ctx, struct indicator *out, struct errctx *e)
{
	const struct indicator *cur = &catalog[k];
	struct merged m = {.get = get, .ctx = ctx, .cur = cur};
	struct catalog_field_error why;
	const char *id = get(ctx, "id");
	size_t i;
	bool any = false;

	for (i = 0; i < catalog_field_count; i++)
		any = any || (strcmp(catalog_field_names[i], "id") != 0 && get(ctx, catalog_field_names[i]));
	if (id && strcmp(id, cur->id) != 0)
		return err_set_at(e, GEMIS_EINVAL, "id", _("an indicator's id never changes: %s stays %s"), id,
				  cur->id);
	if (!any)
		return err_set_at(e, GEMIS_EINVAL, "id", "%s", _("no field to change was given"));
	if (!catalog_fields_read(merged_field, &m, out, &why))
		return field_refused(&why, e);
	/* what the fields do not carry stays the indicator's */
	out->id = cur->id;
	out->scope = cur->scope;
	out->formula_text = cur->formula_text; /* checked again against the fields edited */
	out->source = cur->source;
	out->local = cur->local;
	/* one field for both parts: the same as the first keeps both */
	if (out->time[0] == cur->time[0])
		memcpy(out->time, cur->time, sizeof(out->time));
	return catalog_check_edit(out, e);
}

/* Refuses field when values of the indicator or its series are stored,
 * official or on a form. */
static enum gemis_err no_values(struct db *db, const char *id, const char *field, struct errctx *e)
{
	struct db_stmt *st = NULL;
	long long n = 0, first = 0, last = 0;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT COUNT(*), MIN(y), MAX(y) FROM (SELECT d.unit_id, d.period, d.indicator, d.part, d.sex,"
			 " d.year AS y FROM datavalues d"
			 " WHERE d.indicator IN (SELECT id FROM indicators WHERE id = ? OR parent = ?)"
			 " UNION SELECT s.unit_id, v.period, v.indicator, v.part, v.sex, CAST(s.period AS INTEGER) AS y"
			 " FROM submission_values v JOIN submissions s ON s.id = v.submission_id"
			 " WHERE v.indicator IN (SELECT id FROM indicators WHERE id = ? OR parent = ?)) x");
	if (err)
		return err;
	db_bindv(st, "tttt", id, id, id, id);
	if (db_next(st)) {
		n = db_col_int(st, 0);
		first = db_col_int(st, 1);
		last = db_col_int(st, 2);
	}
	err = db_finalize(st, e);
	if (!err && n > 0)
		err = err_set_at(e, GEMIS_EINVAL, field,
				 _("%lld values of %s are stored (%lld-%lld): its %s cannot change; retire it and add "
				   "another"),
				 n, id, first, last, field);
	return err;
}

/* Writes the editable columns of ind's row, its version raised. */
static enum gemis_err update_row(struct db *db, const struct indicator *ind, struct errctx *e)
{
	bool ratio = ind->kind == IND_RATIO;
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "UPDATE indicators SET goal = ?, name_vi = ?, name_en = ?, unit = ?, polarity = ?, kind = ?,"
			 " factor = ?, by_sex = ?, share = ?, space_agg = ?, national_direction = ?,"
			 " national_value = ?, national_year = ?, time_num = ?, time_den = ?, part_num_vi = ?,"
			 " part_num_en = ?, part_den_vi = ?, part_den_en = ?, version = version + 1 WHERE id = ?");
	if (err)
		return err;
	db_bindv(st, "ttttttdiit", goal_id(ind->goal), ind->name_vi, ind->name_en, ind->unit,
		 ind->polarity == POL_LOWER ? "lower" : "higher", ratio ? "ratio" : "value", ind->factor,
		 (long long)ind->by_sex, (long long)ind->share, space_agg_id(ind->space));
	db_bind_text(st, 11, ind->has_national ? direction_id(ind->national_dir) : NULL);
	db_bind_double(st, 12, ind->has_national && ind->national_dir != DIR_ACHIEVE ? ind->national_value : NAN);
	if (ind->has_national)
		db_bind_int(st, 13, ind->national_year);
	else
		db_bind_null(st, 13);
	db_bind_text(st, 14, time_agg_id(ind->time[0]));
	db_bind_text(st, 15, ratio ? time_agg_id(ind->time[1]) : NULL);
	db_bind_text(st, 16, ind->part_vi[0]);
	db_bind_text(st, 17, ind->part_en[0]);
	db_bind_text(st, 18, ratio ? ind->part_vi[1] : NULL);
	db_bind_text(st, 19, ratio ? ind->part_en[1] : NULL);
	db_bind_text(st, 20, ind->id);
	err = db_step_done(st, e);
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

static enum gemis_err log_edit(struct db *db, const char *id, int version, const char *detail, const char *user,
			       struct errctx *e)
{
	return db_run(db, e,
		      "INSERT INTO indicator_log (indicator, action, changed_by, changed_at, version, detail)"
		      " VALUES (?, 'edit', ?, ?, ?, ?)",
		      "ttiit", id, user, (long long)time(NULL), (long long)version, detail);
}

/* Writes ind over entry k's row (the version it read: another process's
 * edit since is refused) and logs what changed. */
static enum gemis_err write_edit(struct db *db, int k, const struct indicator *ind, const char *user,
				 struct errctx *e)
{
	const struct indicator *cur = &catalog[k];
	int v = cur->version ? cur->version : 1;
	long long stored = 0;
	const char *structural_field;
	struct buf detail;
	bool found = false;
	enum gemis_err err;

	buf_init(&detail, 0);
	diff(cur, ind, &detail, &structural_field);
	err = db_query_int(db, e, &stored, &found, "SELECT version FROM indicators WHERE id = ?", "t", cur->id);
	if (!err && stored != v)
		err = err_set_at(e, GEMIS_ECONFLICT, "id",
				 _("%s was edited meanwhile (version %lld): look at it again and retry"), cur->id, stored);
	if (!err && structural_field)
		err = no_values(db, cur->id, structural_field, e);
	if (!err)
		err = update_row(db, ind, e);
	if (!err)
		err = log_edit(db, cur->id, v + 1, buf_str(&detail), user, e);
	buf_release(&detail);
	return err;
}

/* Series s of the edited parent p: its names "parent's — category's",
 * every other field its parent's but the national target (none). */
static enum gemis_err series_edited(const struct indicator *s, const struct indicator *p, struct indicator *out,
				    char **vi, char **en)
{
	size_t nvi = strlen(p->name_vi) + strlen(s->category_vi) + 8;
	size_t nen = strlen(p->name_en) + strlen(s->category_en) + 8;

	*vi = malloc(nvi);
	*en = malloc(nen);
	if (!*vi || !*en)
		return GEMIS_ENOMEM;
	snprintf(*vi, nvi, "%s — %s", p->name_vi, s->category_vi);
	snprintf(*en, nen, "%s — %s", p->name_en, s->category_en);
	*out = *p;
	out->id = s->id;
	out->name_vi = *vi;
	out->name_en = *en;
	out->has_national = false;
	out->parent = s->parent;
	out->breakdown = s->breakdown;
	out->category = s->category;
	out->category_vi = s->category_vi;
	out->category_en = s->category_en;
	return GEMIS_OK;
}

/* The series of parent k follow its edit p. */
static enum gemis_err write_series(struct db *db, int k, const struct indicator *p, const char *user,
				   struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	size_t i, n = catalog_n();

	for (i = catalog_builtin; i < n && !err; i++) {
		const struct indicator *s = &catalog[i];
		struct indicator ind;
		char *vi = NULL, *en = NULL;

		if (!s->parent || s->parent_index != k)
			continue;
		err = series_edited(s, p, &ind, &vi, &en);
		if (err)
			err = err_set(e, err, "out of memory");
		else
			err = write_edit(db, (int)i, &ind, user, e);
		free(vi);
		free(en);
	}
	return err;
}

enum gemis_err indicator_edit(struct db *db, const char *id, catalog_field_get get, void *ctx, const char *user,
			      int *version, struct errctx *e)
{
	struct indicator ind;
	enum gemis_err err;
	struct buf detail;
	const char *sf;
	int k;

	/* another process's edits first: the check is against the latest */
	err = indicators_load(db, e);
	if (!err)
		err = edit_target(id, &k, e);
	if (!err)
		err = edited(k, get, ctx, &ind, e);
	if (err)
		return err;
	buf_init(&detail, 0);
	if (!diff(&catalog[k], &ind, &detail, &sf))
		err = err_set_at(e, GEMIS_EINVAL, "id", _("the fields given change nothing of %s"), id);
	buf_release(&detail);
	if (!err)
		err = db_begin(db, e);
	if (err)
		return err;
	/* value writers take turns on this lock (values_import()): none
	 * writes a value while the structural fields are checked */
	err = db_lock_table(db, "datavalues", e);
	if (!err)
		err = write_edit(db, k, &ind, user, e);
	if (!err)
		err = write_series(db, k, &ind, user, e);
	if (!err)
		err = store_data_changed(db, e);
	if (!err)
		err = db_commit(db, e);
	else
		db_rollback(db);
	if (!err)
		err = indicators_load(db, e);
	if (!err)
		*version = catalog[k].version;
	return err;
}
