/*
 * api_drafts.c: the gender check of draft legal documents in the API,
 * under the rules of the pages (store/drafts.h; the JSON shape is
 * report/drafts_json.h's).
 *
 *   GET  /api/v1/drafts?unit=&year=          the drafts of the unit's subtree
 *        in the year, and the sums
 *   GET  /api/v1/drafts/questions?version=   the checklist (default: latest)
 *   GET  /api/v1/drafts/{unit}/{id}          one, with its answers and steps
 *   POST /api/v1/drafts                      {"unit", "kind", "number",
 *        "title", "drafted_on", "agency", "answers": {"ID": "text"},
 *        "submit": bool}: 201
 *   POST /api/v1/drafts/{unit}/{id}          {"version", ...the fields}
 *   POST /api/v1/drafts/{unit}/{id}/review   {"action": "review" | "return",
 *        "version", "comment"}
 *   POST /api/v1/drafts/{unit}/{id}/issue    {"version", "issued_no",
 *        "issued_on"}
 * A POST on one draft asks only that the account may read the unit: who
 * may take which step is the workflow's, asked in the store.
 * 403 is asked first; problems are 400 naming the field, a change on an
 * old version or a step that does not apply 409.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "core/catalog.h"
#include "core/workflow.h"
#include "report/drafts_json.h"
#include "store/drafts.h"

#include "util/banned.h"

/* An api_list_fill: the drafts and their sums. */
static enum gemis_err drafts_fill(struct http_req *r, struct db *db, int unit, int year, struct arena *mem,
				  json_t **summary, json_t **list)
{
	struct draft *v = NULL;
	struct draft_sum sum;
	size_t n = 0, i;
	enum gemis_err err = drafts_list(db, &r->snap->tree, unit, year, mem, &v, &n, &r->err);

	if (err)
		return err;
	drafts_sum(v, n, &sum);
	*list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(*list, draft_json(&r->snap->tree, &v[i]));
	*summary = draft_sum_json(&sum);
	return GEMIS_OK;
}

enum gemis_err api_drafts(struct http_req *r)
{
	return api_unit_list(r, "drafts", drafts_fill);
}

enum gemis_err api_draft_questions(struct http_req *r)
{
	const char *ver = http_param(r, "version");
	struct arena mem;
	struct gc_checklist c;
	struct db *db;
	long long v = 0;
	enum gemis_err err;

	if (ver && !api_parse_id(ver, &v))
		return http_fail(r, GEMIS_EINVAL, "%s", _("version: not a number"));
	arena_init(&mem, 0);
	err = http_db(r, &db);
	if (!err)
		err = gc_checklist_load(db, (int)v, &mem, &c, &r->err);
	if (!err)
		err = http_json(r, 200, gc_checklist_json(&c));
	arena_release(&mem);
	return err;
}

static enum gemis_err answer(struct http_req *r, int unit, long long id, int status)
{
	struct arena mem;
	struct draft x;
	struct db *db;
	enum gemis_err err = http_db(r, &db);

	arena_init(&mem, 0);
	if (!err)
		err = draft_get(db, &r->snap->tree, unit, id, &mem, &x, &r->err);
	if (!err)
		err = http_json(r, status, draft_json(&r->snap->tree, &x));
	arena_release(&mem);
	return err;
}

enum gemis_err api_draft(struct http_req *r)
{
	return api_record_get(r, answer);
}

/* The fields of a draft in a JSON body into x and *a; problems to d. */
static bool body_fields(struct http_req *r, const json_t *o, struct draft *x, struct draft_answer **a, size_t *na,
			struct diags *d)
{
	static const char *const known[] = {"unit", "version", "kind", "number", "title", "drafted_on",
					    "agency", "answers", "submit"};
	const char *ag = json_string_value(json_object_get(o, "agency"));
	const char *on = json_string_value(json_object_get(o, "drafted_on"));
	const json_t *ans = json_object_get(o, "answers");

	api_unknown_fields(o, known, sizeof(known) / sizeof(known[0]), d);
	x->f.kind = draft_kind_parse(json_string_value(json_object_get(o, "kind")));
	x->f.agency = ag ? agency_find(ag) : -1;
	x->f.number = json_string_value(json_object_get(o, "number"));
	x->f.title = json_string_value(json_object_get(o, "title"));
	memset(&x->f.drafted_on, 0, sizeof(x->f.drafted_on));
	if (on && !date_parse_iso(on, strlen(on), &x->f.drafted_on))
		memset(&x->f.drafted_on, 0, sizeof(x->f.drafted_on));
	*na = 0;
	*a = NULL;
	if (ans && !json_is_object(ans)) {
		diags_add(d, 0, "answers", "%s", _("the answers must be a JSON object {\"question\": \"answer\"}"));
		return true;
	}
	return !ans || draft_answers_from_json(ans, &r->arena, a, na, d);
}

static enum gemis_err save(struct http_req *r, struct draft *x, const json_t *doc, int status)
{
	struct draft_answer *a = NULL;
	struct db *db;
	size_t na = 0;
	enum gemis_err err;

	if (!api_diags(r, 100) || !body_fields(r, doc, x, &a, &na, r->diags))
		return GEMIS_ENOMEM;
	err = http_db(r, &db);
	if (!err && r->diags->total == 0)
		err = draft_save(db, &r->snap->tree, &r->who, x, a, na, json_is_true(json_object_get(doc, "submit")),
				 api_today(r), r->now, r->diags, &r->err);
	else if (!err)
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the draft was not saved"));
	return api_changed(r, err, answer, x->unit, x->id, status);
}

enum gemis_err api_draft_add(struct http_req *r)
{
	struct draft x;
	json_t *doc = NULL;
	enum gemis_err err;
	int unit;

	err = api_posted_unit(r, ACT_READ, &unit, &doc);
	if (!err) {
		memset(&x, 0, sizeof(x));
		x.unit = unit;
		err = save(r, &x, doc, 201);
	}
	json_decref(doc);
	return err;
}

enum gemis_err api_draft_set(struct http_req *r)
{
	struct draft x;
	json_t *doc = NULL;
	long long id = 0;
	enum gemis_err err;
	int unit;

	err = api_versioned_post(r, ACT_READ, &unit, &id, &doc);
	if (!err) {
		memset(&x, 0, sizeof(x));
		x.id = id;
		x.unit = unit;
		x.version = json_integer_value(json_object_get(doc, "version"));
		err = save(r, &x, doc, 200);
	}
	json_decref(doc);
	return err;
}

enum gemis_err api_draft_review(struct http_req *r)
{
	const char *action, *comment;
	struct db *db;
	json_t *doc = NULL;
	long long id = 0;
	enum gemis_err err;
	int unit;

	err = api_versioned_post(r, ACT_READ, &unit, &id, &doc);
	if (!err)
		err = http_db(r, &db);
	if (!err) {
		action = json_string_value(json_object_get(doc, "action"));
		comment = json_string_value(json_object_get(doc, "comment"));
		err = draft_act(db, &r->snap->tree, &r->who, unit, id, wf_action_find(&wf_draft, action ? action : ""),
				json_integer_value(json_object_get(doc, "version")), comment ? comment : "", r->now, &r->err);
	}
	err = api_changed(r, err, answer, unit, id, 200);
	json_decref(doc);
	return err;
}

enum gemis_err api_draft_issue(struct http_req *r)
{
	const char *no, *on;
	struct date day = {0, 0, 0};
	struct db *db;
	json_t *doc = NULL;
	long long id = 0;
	enum gemis_err err;
	int unit;

	err = api_versioned_post(r, ACT_READ, &unit, &id, &doc);
	if (!err && !api_diags(r, 100))
		err = GEMIS_ENOMEM;
	if (!err)
		err = http_db(r, &db);
	if (!err) {
		no = json_string_value(json_object_get(doc, "issued_no"));
		on = json_string_value(json_object_get(doc, "issued_on"));
		if (on && !date_parse_iso(on, strlen(on), &day))
			memset(&day, 0, sizeof(day));
		err = draft_issue(db, &r->snap->tree, &r->who, unit, id, json_integer_value(json_object_get(doc, "version")),
				  no, day, api_today(r), r->now, r->diags, &r->err);
	}
	err = api_changed(r, err, answer, unit, id, 200);
	json_decref(doc);
	return err;
}
