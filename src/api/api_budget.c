/*
 * api_budget.c: the budget of the plan in the API, under the rules of the
 * pages (store/budget.h).
 *
 *   GET  /api/v1/budget?unit=&year=
 *        the lines of the year of a commune (or of every commune below an
 *        area) with the sums by source and goal (report/budget_json.h)
 *   POST /api/v1/budget
 *        {"unit", "year", "agency", "source", "estimate", "task", "title",
 *         "note", "submit"}: 201 with the line
 *   GET  /api/v1/budget/{unit}/{id}       one line and its trail
 *   POST /api/v1/budget/{unit}/{id}
 *        {"action", "version", "amount", "decision_no", "decision_date",
 *         "comment", and for save or submit "task", "source", "title",
 *         "estimate", "note"}: the line as it now is
 * Amounts may be JSON integers or text as people write them ("12.500.000").
 * Who acts is asked first (403); problems are 400 naming the field; a step
 * on an old version or one that does not apply in the line's state 409.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "core/catalog.h"
#include "report/budget_json.h"
#include "store/budget.h"
#include "util/text.h"

#include "util/banned.h"

/* A field as text: a string as it is, a number written out (so that the
 * amount reader refuses -5 and 12.5 in its own words); NULL when absent
 * or of another type (then a problem in d). */
static const char *field(struct http_req *r, const json_t *o, const char *key, struct diags *d)
{
	const json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	if (json_is_real(v))
		return arena_printf(&r->arena, "%.17g", json_real_value(v));
	diags_add(d, 0, key, "%s", _("unknown field, or not of its type"));
	return NULL;
}

static bool known_fields(const json_t *o, const char *const *keys, struct diags *d)
{
	const char *key;
	const json_t *v;

	json_object_foreach((json_t *)o, key, v) {
		size_t k;
		bool ok = false;

		for (k = 0; keys[k] && !ok; k++)
			ok = strcmp(keys[k], key) == 0;
		if (!ok)
			diags_add(d, 0, key, "%s", _("unknown field, or not of its type"));
	}
	return d->total == 0;
}

enum gemis_err api_budget(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct budget_list l;
	struct db *db;
	enum gemis_err err;
	int unit, year;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	year = http_year_or_this(r);
	err = http_db(r, &db);
	if (!err)
		err = budget_load(db, &s->tree, unit, year, &l, &r->err);
	if (!err)
		err = http_json(r, 200, budget_list_json(&s->tree, unit, year, &l));
	budget_list_release(&l);
	return err;
}

/* The line and its trail as the API gives them. */
static enum gemis_err answer_line(struct http_req *r, struct db *db, int unit, long long id, int status)
{
	struct budget_list l;
	struct budget_event *ev = NULL;
	const struct budget_line *x;
	size_t n = 0, i;
	json_t *o, *hist;
	enum gemis_err err = budget_load(db, &r->snap->tree, unit, 0, &l, &r->err);

	x = err ? NULL : budget_find(&l, id);
	if (!err && !x)
		err = GEMIS_ENOTFOUND;
	if (!err)
		err = budget_history(db, &r->snap->tree, unit, id, &l, &ev, &n, &r->err);
	if (!err) {
		o = budget_line_json(&r->snap->tree, x);
		hist = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(hist, budget_event_json(&ev[i]));
		json_object_set_new(o, "history", hist);
		err = http_json(r, status, o);
	}
	budget_list_release(&l);
	return err;
}

enum gemis_err api_budget_add(struct http_req *r)
{
	static const char *const keys[] = {"unit", "year", "agency", "source", "estimate", "task", "title", "note", "submit",
					   NULL};
	struct budget_fields f;
	struct db *db;
	json_t *doc = NULL;
	enum gemis_err err;
	long long id = 0;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = api_body_object(r, &doc);
	if (err)
		goto out;
	err = http_unit(r, json_string_value(json_object_get(doc, "unit")), ACT_READ, -1, &unit);
	if (err)
		goto out;
	if (!api_diags(r, 100)) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	memset(&f, 0, sizeof(f));
	known_fields(doc, keys, r->diags);
	f.year = field(r, doc, "year", r->diags);
	f.agency = field(r, doc, "agency", r->diags);
	f.source = field(r, doc, "source", r->diags);
	f.estimate = field(r, doc, "estimate", r->diags);
	f.task = field(r, doc, "task", r->diags);
	f.title = field(r, doc, "title", r->diags);
	f.note = field(r, doc, "note", r->diags);
	err = http_db(r, &db);
	if (!err && r->diags->total == 0)
		err = budget_add(db, &r->snap->tree, &r->who, unit, &f, json_is_true(json_object_get(doc, "submit")), r->now,
				 r->diags, &id, &r->err);
	else if (!err)
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the budget line was not saved"));
	if (!err)
		err = answer_line(r, db, unit, id, 201);
out:
	json_decref(doc);
	return err;
}

static enum gemis_err line_of(struct http_req *r, int *unit, long long *id)
{
	const char *sid = http_arg(r, 1);
	long v = 0;
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, unit);
	if (err)
		return err;
	if (!sid || !text_parse_long(sid, strlen(sid), &v) || v <= 0)
		return GEMIS_ENOTFOUND;
	*id = v;
	return GEMIS_OK;
}

enum gemis_err api_budget_line(struct http_req *r)
{
	struct db *db;
	long long id = 0;
	int unit;
	enum gemis_err err = line_of(r, &unit, &id);

	if (!err)
		err = http_db(r, &db);
	return err ? err : answer_line(r, db, unit, id, 200);
}

enum gemis_err api_budget_step(struct http_req *r)
{
	static const char *const keys[] = {"action", "version", "amount", "decision_no", "decision_date", "comment", "task",
					   "source", "title", "estimate", "note", NULL};
	struct budget_step s;
	struct db *db;
	json_t *doc = NULL;
	long long id = 0;
	int unit;
	enum gemis_err err = line_of(r, &unit, &id);

	if (!err)
		err = api_body_object(r, &doc);
	if (!err && !api_diags(r, 100))
		err = GEMIS_ENOMEM;
	if (err)
		goto out;
	memset(&s, 0, sizeof(s));
	known_fields(doc, keys, r->diags);
	s.action = field(r, doc, "action", r->diags);
	s.version = json_integer_value(json_object_get(doc, "version"));
	s.amount = field(r, doc, "amount", r->diags);
	s.decision_no = field(r, doc, "decision_no", r->diags);
	s.decision_date = field(r, doc, "decision_date", r->diags);
	s.comment = field(r, doc, "comment", r->diags);
	s.fields.task = field(r, doc, "task", r->diags);
	s.fields.source = field(r, doc, "source", r->diags);
	s.fields.title = field(r, doc, "title", r->diags);
	s.fields.estimate = field(r, doc, "estimate", r->diags);
	s.fields.note = field(r, doc, "note", r->diags);
	err = http_db(r, &db);
	if (!err && r->diags->total == 0)
		err = budget_act(db, &r->snap->tree, &r->who, unit, id, &s, r->now, r->diags, &r->err);
	else if (!err)
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the budget line was not saved"));
	if (!err)
		err = answer_line(r, db, unit, id, 200);
out:
	json_decref(doc);
	return err;
}
