/*
 * api_catalog.c: the catalog grown through the API (issue 17), under the
 * rules of the page (web/catalog.c) and the command line: the ministry
 * and the admin may, a province for its own indicators (adding them, its
 * "scope" forced to its code or checked, and retiring them), the others
 * get 403 before the body is read.
 *
 *   POST /api/v1/indicators
 *        an indicator: the fields of core/catalog_fields.h, or as GET
 *        /api/v1/indicators gives them ("measure" for unit, "polarity"
 *        for lower_better, "national_target" for target); 201 with the
 *        indicator, 400 naming the field, 409 when the id is taken
 *   POST /api/v1/indicators/{id}/breakdowns
 *        {"breakdown": "ethnicity"}: a series per category; 201 with the
 *        series (200 when there were all already), 404 for an unknown
 *        indicator or breakdown
 *   POST /api/v1/indicators/{id}/edit
 *        the fields to change, as POST /api/v1/indicators takes them, the
 *        others kept (store/indicator_edit.h): 200 with the indicator, its
 *        version raised; 400 naming the field, 403 for an account that
 *        may not change the catalog where it belongs, 409 when another
 *        edit came first
 *   GET  /api/v1/breakdowns
 *        the breakdowns with their categories (everyone)
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "core/access.h"
#include "core/catalog_fields.h"
#include "store/breakdowns.h"
#include "store/indicator_edit.h"
#include "store/indicators.h"

#include "util/banned.h"

/* The body's fields as texts, by the shared fields' names. */
struct body_fields {
	struct http_req *r;
	const json_t *doc;
};

/* {"direction", "value", "year"} as the target field's text. */
static const char *target_of(struct http_req *r, const json_t *t)
{
	const json_t *d = json_object_get(t, "direction"), *v = json_object_get(t, "value"),
		     *y = json_object_get(t, "year");

	if (!json_is_string(d) || !json_is_integer(y) || (v && !json_is_null(v) && !json_is_number(v)))
		return "?";
	if (!v || json_is_null(v))
		return arena_printf(&r->arena, "%s:%lld", json_string_value(d), (long long)json_integer_value(y));
	return arena_printf(&r->arena, "%s:%.17g:%lld", json_string_value(d), json_number_value(v),
			    (long long)json_integer_value(y));
}

/* A JSON value as a field's text: NULL for none, "?" for a type no field
 * takes (the field's reading then refuses it). */
static const char *text_of(struct http_req *r, const json_t *v)
{
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_boolean(v))
		return json_is_true(v) ? "1" : "0";
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return arena_printf(&r->arena, "%.17g", json_real_value(v));
	if (json_is_object(v))
		return target_of(r, v);
	return "?";
}

static const char *body_field(void *ctx, const char *name)
{
	const struct body_fields *b = ctx;
	const json_t *v = json_object_get(b->doc, name), *alt;

	if (v)
		return text_of(b->r, v);
	if (strcmp(name, "unit") == 0)
		return text_of(b->r, json_object_get(b->doc, "measure"));
	if (strcmp(name, "target") == 0)
		return text_of(b->r, json_object_get(b->doc, "national_target"));
	alt = strcmp(name, "lower_better") == 0 ? json_object_get(b->doc, "polarity") : NULL;
	if (json_is_string(alt) && strcmp(json_string_value(alt), "lower") == 0)
		return "1";
	if (json_is_string(alt) && strcmp(json_string_value(alt), "higher") == 0)
		return "0";
	return alt ? "?" : NULL;
}

/* A field of the body no reading knows: 400 naming it. */
static enum gemis_err unknown_field(struct http_req *r, const json_t *doc)
{
	static const char *const aliases[] = {"measure", "polarity", "national_target"};
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach((json_t *)doc, key, v) {
		bool ok = false;

		for (i = 0; i < catalog_field_count; i++)
			ok |= strcmp(key, catalog_field_names[i]) == 0;
		for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
			ok |= strcmp(key, aliases[i]) == 0;
		if (!ok)
			return err_set_at(&r->err, GEMIS_EINVAL, key, "%s", _("unknown field"));
	}
	return GEMIS_OK;
}

static enum gemis_err may_change(struct http_req *r)
{
	if (!http_snap(r))
		return GEMIS_EDB;
	if (r->who.role != ROLE_ADMIN && r->who.role != ROLE_MINISTRY)
		return http_fail(r, GEMIS_EPERM, "%s", _("only the ministry or an administrator changes the catalog"));
	return GEMIS_OK;
}

/* The scope of an indicator to add, forced or checked for the account
 * (access_catalog_scope_refusal()): 403 when it may not add at all, 400
 * naming "scope" when it may not give this one. */
static enum gemis_err scope_check(struct http_req *r, struct indicator *ind)
{
	const char *field, *why;

	if (!http_snap(r))
		return GEMIS_EDB;
	why = access_catalog_scope_refusal(&r->snap->tree, &r->who, &ind->scope, &field);
	if (!why)
		return GEMIS_OK;
	if (!field)
		return http_fail(r, GEMIS_EPERM, "%s", _(why));
	return err_set_at(&r->err, GEMIS_EINVAL, field, "%s: %s", field, _(why));
}

/* The ministry and the admin retire any indicator, a province its own
 * (access_retire_refusal()); an unknown id is the store's to name. */
static enum gemis_err may_retire(struct http_req *r, const char *id)
{
	const char *why;
	int k;

	if (!http_snap(r))
		return GEMIS_EDB;
	k = id ? catalog_find(id) : -1;
	why = access_retire_refusal(&r->snap->tree, &r->who, k >= 0 ? &catalog[k] : NULL);
	return why ? http_fail(r, GEMIS_EPERM, "%s", _(why)) : GEMIS_OK;
}

enum gemis_err api_indicator_add(struct http_req *r)
{
	struct catalog_field_error why;
	struct body_fields b = {r, NULL};
	struct indicator ind = {0};
	json_t *doc = NULL;
	struct db *db;
	int k = -1;
	enum gemis_err err = scope_check(r, &ind); /* who may not add at all: before the body */

	if (!err)
		err = api_body_object(r, &doc);
	b.doc = doc;
	if (!err)
		err = unknown_field(r, doc);
	if (!err && !catalog_fields_read(body_field, &b, &ind, &why))
		err = why.value ? err_set_at(&r->err, GEMIS_EINVAL, why.field, "%s: %s '%s'", why.field, _(why.msg), why.value)
				: err_set_at(&r->err, GEMIS_EINVAL, why.field, "%s: %s", why.field, _(why.msg));
	if (!err)
		err = scope_check(r, &ind);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = indicator_add(db, &ind, r->who.name, &k, &r->err);
	json_decref(doc);
	if (err)
		return err;
	http_data_changed(r);
	return http_json(r, 201, api_indicator_json(&catalog[k]));
}

/* The series of parent on breakdown, as the catalog lists them: those
 * just added too, past the entries this request started with
 * (catalog_pin, core/catalog.h). */
static json_t *series_json(const char *parent, const char *breakdown)
{
	json_t *list = json_array();
	size_t k, pin = catalog_pin;

	catalog_pin = 0;
	for (k = 0; k < catalog_n(); k++) {
		const struct indicator *ind = &catalog[k];

		if (ind->parent && strcmp(ind->parent, parent) == 0 && strcmp(ind->breakdown, breakdown) == 0)
			json_array_append_new(list, api_indicator_json(ind));
	}
	catalog_pin = pin;
	return list;
}

/* The body of a breakdown: {"breakdown": CODE} and nothing else. */
static enum gemis_err breakdown_body(struct http_req *r, const json_t *doc, const char **code)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)doc, key, v) {
		if (strcmp(key, "breakdown") != 0)
			return err_set_at(&r->err, GEMIS_EINVAL, key, "%s", _("unknown field"));
	}
	*code = json_string_value(json_object_get(doc, "breakdown"));
	if (!*code)
		return err_set_at(&r->err, GEMIS_EINVAL, "breakdown", "%s", _("breakdown: missing, or not a text"));
	return GEMIS_OK;
}

enum gemis_err api_indicator_break_down(struct http_req *r)
{
	const char *parent = http_arg(r, 0), *bd = NULL;
	json_t *doc = NULL, *out = NULL;
	struct db *db;
	size_t n = 0;
	enum gemis_err err = may_change(r);

	if (!err)
		err = api_body_object(r, &doc);
	if (!err)
		err = breakdown_body(r, doc, &bd);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = indicator_break_down(db, parent, bd, r->who.name, &n, &r->err);
	if (!err) {
		http_data_changed(r);
		out = json_pack("{s:s, s:s, s:I, s:o}", "indicator", parent, "breakdown", bd, "added", (json_int_t)n,
				"series", series_json(parent, bd));
		if (!out)
			err = GEMIS_ENOMEM;
	}
	json_decref(doc);
	return err ? err : http_json(r, n ? 201 : 200, out);
}

/* The body of a retirement: {"from": YEAR} or {"undo": true}, nothing
 * else; *year 0 for an undo. */
static enum gemis_err retire_body(struct http_req *r, const json_t *doc, int *year)
{
	const json_t *from = json_object_get(doc, "from"), *undo = json_object_get(doc, "undo");
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)doc, key, v) {
		if (strcmp(key, "from") != 0 && strcmp(key, "undo") != 0)
			return err_set_at(&r->err, GEMIS_EINVAL, key, "%s", _("unknown field"));
	}
	*year = 0;
	if (json_is_true(undo) && !from)
		return GEMIS_OK;
	if (undo && !json_is_false(undo))
		return err_set_at(&r->err, GEMIS_EINVAL, "undo", "%s", _("undo: true, without from"));
	if (!json_is_integer(from))
		return err_set_at(&r->err, GEMIS_EINVAL, "from", "%s", _("from: missing, or not a year"));
	*year = (int)json_integer_value(from);
	return GEMIS_OK;
}

enum gemis_err api_indicator_retire(struct http_req *r)
{
	const char *id = http_arg(r, 0);
	json_t *doc = NULL;
	struct db *db;
	int year = 0, k;
	enum gemis_err err = may_retire(r, id);

	if (!err)
		err = api_body_object(r, &doc);
	if (!err)
		err = retire_body(r, doc, &year);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = year ? indicator_retire(db, id, year, r->who.name, &r->err)
			   : indicator_unretire(db, id, r->who.name, &r->err);
	json_decref(doc);
	if (err)
		return err;
	http_data_changed(r);
	k = catalog_find(id);
	return k < 0 ? GEMIS_ENOTFOUND : http_json(r, 200, api_indicator_json(&catalog[k]));
}

static json_t *breakdown_json(const struct breakdown_def *b)
{
	json_t *cats = json_array();
	size_t i;

	for (i = 0; i < b->ncat; i++) {
		const struct category_def *c = &b->cat[i];
		json_t *o = json_pack("{s:s, s:s, s:s}", "code", c->code, "name_vi", c->name_vi, "name_en", c->name_en);

		if (c->age_from >= 0) {
			json_object_set_new(o, "age_from", json_integer(c->age_from));
			json_object_set_new(o, "age_to", c->age_to >= 0 ? json_integer(c->age_to) : json_null());
		}
		json_array_append_new(cats, o);
	}
	return json_pack("{s:s, s:s, s:s, s:b, s:o}", "code", b->code, "name_vi", b->name_vi, "name_en", b->name_en,
			 "builtin", b->builtin, "categories", cats);
}

enum gemis_err api_breakdowns(struct http_req *r)
{
	struct breakdown_def *b = NULL;
	struct db *db;
	json_t *list;
	size_t i, n = 0;
	enum gemis_err err = http_db(r, &db);

	if (!err)
		err = breakdowns_list(db, &r->arena, &b, &n, &r->err);
	if (err)
		return err;
	list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(list, breakdown_json(&b[i]));
	return http_json(r, 200, json_pack("{s:o}", "breakdowns", list));
}

/* Who may edit indicator id: who may add one where it belongs. */
static enum gemis_err may_edit(struct http_req *r, const char *id)
{
	const struct snapshot *s = http_snap(r);
	int k = catalog_find(id);
	const char *why;

	if (!s)
		return GEMIS_EDB;
	why = access_catalog_refusal(&s->tree, &r->who, k >= 0 ? catalog[k].scope : NULL);
	return why ? http_fail(r, GEMIS_EPERM, "%s", _(why)) : GEMIS_OK;
}

enum gemis_err api_indicator_edit(struct http_req *r)
{
	const char *id = http_arg(r, 0);
	struct body_fields b = {r, NULL};
	json_t *doc = NULL;
	struct db *db;
	int version = 0, k;
	enum gemis_err err = may_edit(r, id);

	if (!err)
		err = api_body_object(r, &doc);
	b.doc = doc;
	if (!err)
		err = unknown_field(r, doc);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = indicator_edit(db, id, body_field, &b, r->who.name, &version, &r->err);
	json_decref(doc);
	if (err)
		return err;
	http_data_changed(r);
	k = catalog_find(id);
	return k < 0 ? GEMIS_ENOTFOUND : http_json(r, 200, api_indicator_json(&catalog[k]));
}
