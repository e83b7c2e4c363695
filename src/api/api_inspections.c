/*
 * api_inspections.c: inspections and supervision in the API, under the
 * rules of the pages (store/inspections.h; the JSON shape is
 * report/oversight_json.h's).
 *
 *   GET  /api/v1/inspections?unit=&year=     the inspections of the unit's
 *        subtree in the year with their recommendations, and the sums
 *   GET  /api/v1/inspections/{unit}/{id}     one, with each recommendation's
 *        steps
 *   POST /api/v1/inspections                 {"unit", "year", "body",
 *        "agency", "subject", "from", "to", "held_on", "findings"}: 201
 *   POST /api/v1/inspections/{unit}/{id}     {"version", ...the fields}
 *   POST /api/v1/inspections/{unit}/{id}/recommendations
 *        {"text", "agency", "due"}: 201 with the inspection
 *   POST /api/v1/recommendations/{unit}/{id} {"action": "follow_up" |
 *        "reject" | "close", "version", "comment"}: the inspection
 * 403 is asked first; problems are 400 naming the field, a change on an
 * old version or a step that does not apply 409.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "core/catalog.h"
#include "core/workflow.h"
#include "report/oversight_json.h"
#include "store/inspections.h"

#include "util/banned.h"

/* An api_list_fill: the inspections with their recommendations, and
 * their sums. */
static enum gemis_err inspections_fill(struct http_req *r, struct db *db, int unit, int year, struct arena *mem,
				       json_t **summary, json_t **list)
{
	struct inspection *v = NULL;
	struct insp_sum sum;
	size_t n = 0, i;
	enum gemis_err err = inspections_list(db, &r->snap->tree, unit, year, mem, &v, &n, &r->err);

	if (err)
		return err;
	inspections_sum(&r->snap->tree, unit, v, n, api_today(r), &sum);
	*list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(*list, inspection_json(&r->snap->tree, &v[i], api_today(r)));
	*summary = insp_sum_json(&sum);
	return GEMIS_OK;
}

enum gemis_err api_inspections(struct http_req *r)
{
	return api_unit_list(r, "inspections", inspections_fill);
}

static enum gemis_err answer(struct http_req *r, int unit, long long id, int status)
{
	struct arena mem;
	struct inspection x;
	struct db *db;
	enum gemis_err err = http_db(r, &db);

	arena_init(&mem, 0);
	if (!err)
		err = inspection_get(db, &r->snap->tree, unit, id, &mem, &x, &r->err);
	if (!err)
		err = http_json(r, status, inspection_json(&r->snap->tree, &x, api_today(r)));
	arena_release(&mem);
	return err;
}

enum gemis_err api_inspection(struct http_req *r)
{
	return api_record_get(r, answer);
}

static struct date json_day(const json_t *o, const char *key, bool *given, struct diags *d)
{
	const json_t *v = json_object_get(o, key);
	const char *s = json_string_value(v);
	struct date day = {0, 0, 0};

	*given = v && !json_is_null(v);
	if (*given && (!s || !date_parse_iso(s, strlen(s), &day)))
		diags_add(d, 0, key, "%s", _("not a date (YYYY-MM-DD)"));
	return day;
}

/* The fields of an inspection in a JSON body into f; problems to d. */
static void body_fields(const json_t *o, struct insp_fields *f, struct diags *d)
{
	static const char *const known[] = {"unit", "year", "version", "body", "agency", "subject",
					    "from", "to", "held_on", "findings"};
	const char *body = json_string_value(json_object_get(o, "body"));
	const char *ag = json_string_value(json_object_get(o, "agency"));
	bool given;

	api_unknown_fields(o, known, sizeof(known) / sizeof(known[0]), d);
	f->body = body ? insp_body_parse(body) : -1;
	f->agency = ag ? agency_find(ag) : -1;
	if (ag && f->agency < 0)
		diags_add(d, 0, "agency", _("unknown agency '%s'"), ag);
	f->subject = json_string_value(json_object_get(o, "subject"));
	f->from = json_day(o, "from", &given, d);
	f->to = json_day(o, "to", &given, d);
	f->held_on = json_day(o, "held_on", &f->held, d);
	f->findings = json_string_value(json_object_get(o, "findings"));
}

static enum gemis_err save(struct http_req *r, struct inspection *x, const json_t *doc, int status)
{
	struct db *db;
	enum gemis_err err;

	if (!api_diags(r, 100))
		return GEMIS_ENOMEM;
	body_fields(doc, &x->f, r->diags);
	err = http_db(r, &db);
	if (!err && r->diags->total == 0)
		err = inspection_save(db, &r->snap->tree, &r->who, x, api_today(r), r->now, r->diags, &r->err);
	else if (!err)
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the inspection was not saved"));
	return api_changed(r, err, answer, x->unit, x->id, status);
}

enum gemis_err api_inspection_add(struct http_req *r)
{
	struct inspection x;
	json_t *doc = NULL;
	const json_t *yr;
	enum gemis_err err;
	int unit;

	err = api_posted_unit(r, ACT_INSPECT, &unit, &doc);
	if (err)
		goto out;
	yr = json_object_get(doc, "year");
	if (!json_is_integer(yr)) {
		err = http_fail(r, GEMIS_EINVAL, "%s", _("year: missing, or not a number"));
		goto out;
	}
	memset(&x, 0, sizeof(x));
	x.unit = unit;
	x.f.year = (int)json_integer_value(yr);
	err = save(r, &x, doc, 201);
out:
	json_decref(doc);
	return err;
}

enum gemis_err api_inspection_set(struct http_req *r)
{
	struct arena mem;
	struct inspection x, cur;
	struct db *db;
	json_t *doc = NULL;
	long long id = 0;
	enum gemis_err err;
	int unit;

	err = api_versioned_post(r, ACT_INSPECT, &unit, &id, &doc);
	arena_init(&mem, 0);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = inspection_get(db, &r->snap->tree, unit, id, &mem, &cur, &r->err);
	if (!err) {
		memset(&x, 0, sizeof(x));
		x.id = id;
		x.unit = unit;
		x.version = json_integer_value(json_object_get(doc, "version"));
		x.f.year = cur.f.year;
		err = save(r, &x, doc, 200);
	}
	arena_release(&mem);
	json_decref(doc);
	return err;
}

enum gemis_err api_recommendation_add(struct http_req *r)
{
	struct rec_fields f;
	struct db *db;
	json_t *doc = NULL;
	const char *ag, *due;
	long long id = 0, rid = 0;
	enum gemis_err err;
	int unit;

	err = http_unit_record(r, ACT_INSPECT, api_parse_id, &unit, &id);
	if (err)
		return err;
	err = api_body_object(r, &doc);
	if (!err && !api_diags(r, 100))
		err = GEMIS_ENOMEM;
	if (err)
		goto out;
	ag = json_string_value(json_object_get(doc, "agency"));
	due = json_string_value(json_object_get(doc, "due"));
	f.text = json_string_value(json_object_get(doc, "text"));
	f.agency = ag ? agency_find(ag) : -1;
	memset(&f.due, 0, sizeof(f.due));
	if (due && !date_parse_iso(due, strlen(due), &f.due))
		memset(&f.due, 0, sizeof(f.due));
	err = http_db(r, &db);
	if (!err)
		err = recommendation_issue(db, &r->snap->tree, &r->who, unit, id, &f, r->now, &rid, r->diags, &r->err);
	err = api_changed(r, err, answer, unit, id, 201);
out:
	json_decref(doc);
	return err;
}

enum gemis_err api_recommendation_act(struct http_req *r)
{
	struct db *db;
	json_t *doc = NULL;
	const char *action, *comment;
	long long id = 0, insp = 0;
	enum gemis_err err;
	int unit;

	/* who may take which step is the workflow's: asked in the store */
	err = api_versioned_post(r, ACT_READ, &unit, &id, &doc);
	if (err)
		goto out;
	action = json_string_value(json_object_get(doc, "action"));
	comment = json_string_value(json_object_get(doc, "comment"));
	err = http_db(r, &db);
	if (!err)
		err = recommendation_act(db, &r->snap->tree, &r->who, unit, id,
					 wf_action_find(&wf_recommendation, action ? action : ""),
					 json_integer_value(json_object_get(doc, "version")), comment, r->now, &insp, &r->err);
	err = api_changed(r, err, answer, unit, insp, 200);
out:
	json_decref(doc);
	return err;
}
