/*
 * api_local.c: a unit's own indicators (store/local_indicators.h) in the
 * API, under the rules of the page (web/local.c).
 *
 *   GET  /api/v1/units/{code}/local-indicators?year=
 *        the unit's local indicators with their target, the year's value
 *        and its version, and the status (read access to the unit)
 *   POST /api/v1/units/{code}/local-indicators/{label}/values
 *        a value: JSON {"year", "value", "note", "version"}; 201 with the
 *        record.  Who may: who may enter for the owing agency (403
 *        otherwise); a stale version or a locked year is 409, a bad field
 *        400 naming it, an unknown label 404
 */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "api.h"
#include "store/local_indicators.h"
#include "web/web.h"

#include "util/banned.h"

static json_t *target_json(const struct local_indicator *x)
{
	const struct target *t = &x->target;

	if (!t->has_value && !t->year)
		return json_null();
	return json_pack("{s:s, s:o, s:i, s:o, s:o}", "direction", direction_id(t->dir), "value",
			 t->has_value ? json_real(t->value) : json_null(), "year", t->year, "baseline",
			 t->has_baseline ? json_pack("{s:f, s:o}", "value", t->base_value, "year",
						     t->base_year ? json_integer(t->base_year) : json_null())
					 : json_null(),
			 "text", x->target_text ? json_string(x->target_text) : json_null());
}

static json_t *value_json(const struct local_value *v)
{
	if (!v)
		return json_null();
	return json_pack("{s:I, s:i, s:f, s:o, s:s, s:s, s:I}", "version", (json_int_t)v->id, "year", v->year, "value",
			 v->value, "note", v->note ? json_string(v->note) : json_null(), "agency", v->agency, "by", v->by,
			 "at", (json_int_t)v->at);
}

static json_t *local_json(const struct local_indicator *x, int year)
{
	const struct local_value *v = local_value_of(x, year);
	struct assessment a;
	char label[16];

	local_assess(x, year, &a);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:I, s:s}", "label",
			 local_label(x->seq, label, sizeof(label)), "name", x->name, "goal", goal_id((enum goal)x->goal),
			 "unit", x->unit, "polarity", x->polarity == POL_LOWER ? "lower" : "higher", "agency", x->agency,
			 "in_force", x->in_force, "target", target_json(x), "value", value_json(v), "version",
			 (json_int_t)(v ? v->id : 0), "status", status_id(a.status));
}

enum gemis_err api_local_indicators(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	struct local_list l;
	struct db *db;
	json_t *list;
	enum gemis_err err;
	int unit, year;
	size_t i;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	year = http_year_or_this(r);
	memset(&l, 0, sizeof(l));
	err = local_list(db, &s->tree, unit, &l, &r->err);
	list = json_array();
	for (i = 0; !err && i < l.n; i++) {
		if (json_array_append_new(list, local_json(&l.v[i], year)))
			err = GEMIS_ENOMEM;
	}
	local_list_release(&l);
	if (err) {
		json_decref(list);
		return err;
	}
	return http_json(r, 200, json_pack("{s:s, s:i, s:o}", "unit", s->tree.units[unit].code, "year", year,
					   "local_indicators", list));
}

/* The body's fields into the arguments of local_record(), problems in d
 * naming them. */
static void read_value(struct http_req *r, const json_t *doc, struct diags *d, int *year, double *value,
		       const char **note, long long *version)
{
	static const char *const known[] = {"year", "value", "note", "version"};
	const json_t *y = json_object_get(doc, "year"), *v = json_object_get(doc, "value");
	const json_t *n = json_object_get(doc, "note"), *ver = json_object_get(doc, "version");

	api_unknown_fields(doc, known, sizeof(known) / sizeof(known[0]), d);
	*year = http_year_or_this(r);
	if (y && (!json_is_integer(y) || json_integer_value(y) < 1900 || json_integer_value(y) > 2100))
		diags_add(d, 0, "year", "%s", _("year: not a year"));
	else if (y)
		*year = (int)json_integer_value(y);
	if (!v || json_is_null(v))
		diags_add(d, 0, "value", "%s", _("value: missing"));
	else if (!json_is_number(v) || !isfinite(json_number_value(v)))
		diags_add(d, 0, "value", "%s", _("value: not a number"));
	else
		*value = json_number_value(v);
	if (n && !json_is_null(n) && !json_is_string(n))
		diags_add(d, 0, "note", "%s", _("note: not a text"));
	else if (n && json_is_string(n))
		*note = json_string_value(n);
	if (ver && (!json_is_integer(ver) || json_integer_value(ver) < 0))
		diags_add(d, 0, "version", "%s", _("version: not a record id"));
	else if (ver)
		*version = json_integer_value(ver);
}

/* The answer to a recorded value: the indicator as the list gives it,
 * with the record's id. */
static enum gemis_err answer_record(struct http_req *r, struct db *db, int unit, int seq, int year, long long id)
{
	struct local_list l;
	const struct local_indicator *x;
	enum gemis_err err;
	json_t *o = NULL;

	memset(&l, 0, sizeof(l));
	err = local_list(db, &r->snap->tree, unit, &l, &r->err);
	x = err ? NULL : local_find(&l, seq);
	if (x) {
		o = local_json(x, year);
		json_object_set_new(o, "id", json_integer(id));
		json_object_set_new(o, "year", json_integer(year));
	}
	local_list_release(&l);
	if (!err && !o)
		err = GEMIS_ENOMEM;
	if (err)
		return err;
	http_data_changed(r);
	return http_json(r, 201, o);
}

enum gemis_err api_local_value(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const struct local_indicator *x;
	struct local_list l;
	const char *note = NULL;
	struct db *db;
	json_t *doc = NULL;
	long long version = 0, id = 0;
	double value = 0;
	int unit, year, seq = local_label_parse(http_arg(r, 1)), ag;
	enum gemis_err err;

	if (!s)
		return GEMIS_EDB;
	memset(&l, 0, sizeof(l));
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = local_list(db, &s->tree, unit, &l, &r->err);
	if (err)
		goto out;
	x = seq > 0 ? local_find(&l, seq) : NULL;
	if (!x) {
		err = web_may_enter_any(r, unit) ? GEMIS_ENOTFOUND
					     : http_fail(r, GEMIS_EPERM, "%s",
							 _("you may not record values for the agency that owes this indicator"));
		goto out;
	}
	ag = agency_find(x->agency);
	/* who may record is asked before the body is read */
	if (ag < 0 || !http_can(r, ACT_ENTER, unit, ag)) {
		err = http_fail(r, GEMIS_EPERM, "%s", _("you may not record values for the agency that owes this indicator"));
		goto out;
	}
	err = api_body_object(r, &doc);
	if (!err && !(r->diags = api_diags(r, 50)))
		err = GEMIS_ENOMEM;
	if (err)
		goto out;
	read_value(r, doc, r->diags, &year, &value, &note, &version);
	if (r->diags->n)
		err = GEMIS_EINVAL;
	else
		err = local_record(db, &s->tree, &r->who, unit, seq, year, value, note, version, r->now, r->diags, &id,
				   &r->err);
	if (err == GEMIS_EINVAL && r->diags->total > 0 && !r->err.msg[0])
		err = http_fail(r, GEMIS_EINVAL,
				ngettext_("%zu problem in the value; nothing was saved",
					  "%zu problems in the value; nothing was saved", r->diags->total),
				r->diags->total);
	if (!err)
		err = answer_record(r, db, unit, seq, year, id);
out:
	json_decref(doc);
	local_list_release(&l);
	return err;
}
