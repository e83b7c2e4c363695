/*
 * api_read.c: the reading end of the API: who am I, progress, units,
 * indicators.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "core/date.h"
#include "report/progress.h"
#include "store/plans.h"
#include "util/embed.h"

#include "util/banned.h"

enum gemis_err api_me(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	json_t *o;

	if (!s)
		return GEMIS_EDB;
	o = json_pack("{s:s, s:s, s:s, s:s*, s:s*}", "name", r->user.name, "role", role_id(r->who.role),
		      "unit", s->tree.units[r->who.unit].code, "agency",
		      r->user.agency[0] ? r->user.agency : NULL, "full_name",
		      r->user.full_name[0] ? r->user.full_name : NULL);
	return http_json(r, 200, o);
}

/* The year of ?year=, else this year in Vietnam (as `gemis progress` does). */
static int year_param(struct http_req *r)
{
	return http_param_year(r, "year", vn_date(r->now).y);
}

enum gemis_err api_progress(struct http_req *r)
{
	const char *code = http_param(r, "unit");
	enum gemis_err err;
	char key[48];
	int unit, year;

	if (!code)
		return http_fail(r, GEMIS_EINVAL, "%s", _("the parameter unit is required"));
	err = http_unit(r, code, ACT_READ, -1, &unit);
	if (err)
		return err;
	r->ctype = "application/json; charset=utf-8";
	/* the same for every user who may read the unit: computed once per
	 * snapshot (judging a province's communes is most of the work) */
	year = year_param(r);
	snprintf(key, sizeof(key), "progress/%d/%d", unit, year);
	if (http_memo_get(r, key, unit))
		return GEMIS_OK;
	err = progress_json(r->snap, unit, year, &r->out);
	if (err)
		return err;
	http_memo_put(r, key);
	return GEMIS_OK;
}

static json_t *unit_json(const struct tree *t, int u)
{
	const struct unit *x = &t->units[u];
	json_int_t children = 0;
	int c;

	for (c = x->first_child; c >= 0; c = t->units[c].next_sibling)
		children++;
	return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:I}", "code", x->code, "name", x->name, "short_name",
			 x->short_name, "level", level_id(x->level), "parent",
			 x->parent >= 0 ? t->units[x->parent].code : NULL, "children", children);
}

enum gemis_err api_units(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "parent");
	json_t *list;
	enum gemis_err err;
	int parent, c;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &parent);
	if (err)
		return err;
	list = json_array();
	for (c = s->tree.units[parent].first_child; c >= 0; c = s->tree.units[c].next_sibling)
		json_array_append_new(list, unit_json(&s->tree, c));
	return http_json(r, 200, json_pack("{s:o, s:o}", "parent", unit_json(&s->tree, parent), "units", list));
}

enum gemis_err api_unit(struct http_req *r)
{
	enum gemis_err err;
	int unit;

	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (err)
		return err;
	return http_json(r, 200, unit_json(&r->snap->tree, unit));
}

json_t *api_indicator_json(const struct indicator *ind)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", ind->id, "goal", goal_id(ind->goal),
			      "name_vi", ind->name_vi, "name_en", ind->name_en, "measure", ind->unit, "polarity",
			      ind->polarity == POL_HIGHER ? "higher" : "lower", "kind",
			      ind->kind == IND_RATIO ? "ratio" : "value", "by_sex", ind->by_sex);

	if (o && ind->has_national) {
		json_object_set_new(o, "national_target",
				    json_pack("{s:s, s:o, s:i}", "direction", direction_id(ind->national_dir), "value",
					      ind->national_dir == DIR_ACHIEVE ? json_null() : json_real(ind->national_value),
					      "year", ind->national_year));
	}
	if (o && ind->scope)
		json_object_set_new(o, "scope", json_string(ind->scope));
	if (o)
		json_object_set_new(o, "retired_from",
				    catalog_retired_from(ind) ? json_integer(catalog_retired_from(ind)) : json_null());
	if (o)
		json_object_set_new(o, "version", json_integer(ind->version ? ind->version : 1));
	/* a category series names its parent and its category */
	if (o && ind->parent)
		json_object_update_new(o, json_pack("{s:s, s:s, s:s}", "parent", ind->parent, "breakdown", ind->breakdown,
						     "category", ind->category));
	return o;
}

enum gemis_err api_indicators(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	json_t *list;
	size_t k;
	int unit = -1;

	/* those owed at the unit asked for (?unit=, or the account's own): a
	 * province's own indicators there and below only */
	if (s) {
		enum gemis_err err = http_unit_or_own(r, http_param(r, "unit"), ACT_READ, &unit);

		if (err)
			return err;
	}
	list = json_array();
	for (k = 0; k < catalog_n(); k++) {
		const struct indicator *ind = &catalog[k];

		if (ind->scope && (!s || !indicator_in_scope(&s->tree, ind, unit)))
			continue;
		json_array_append_new(list, api_indicator_json(ind));
	}
	return http_json(r, 200, json_pack("{s:o}", "indicators", list));
}

enum gemis_err api_openapi(struct http_req *r)
{
	const struct embed_file *f = embed_find("data/api/openapi.json");

	if (!f)
		return GEMIS_ENOTFOUND;
	r->ctype = "application/json; charset=utf-8";
	r->persist = (const char *)f->data;
	r->persist_len = f->size;
	return GEMIS_OK;
}

enum gemis_err api_plan(struct http_req *r)
{
	struct db *db;
	struct plan_current p;
	json_t *plan = NULL;
	enum gemis_err err;
	int unit;

	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = plan_in_force(db, &r->snap->tree, unit, true, &p, &r->err);
	if (err)
		return err;
	if (p.id)
		plan = json_pack("{s:s, s:o, s:s, s:I, s:b}", "unit", r->snap->tree.units[unit].code, "plan",
				 p.doc ? p.doc : json_null(), "loaded_by", p.loaded_by, "loaded_at",
				 (json_int_t)p.loaded_at, "demo", p.demo);
	if (!plan)
		return http_fail(r, GEMIS_ENOTFOUND, "%s", _("this unit has no plan in force"));
	return http_json(r, 200, plan);
}
