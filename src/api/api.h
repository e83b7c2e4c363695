/*
 * api.h: the JSON API under /api/v1: the same rules and scopes as the
 * pages, for programs.  Bearer tokens (`gemis token create`) or the
 * browser's session (with the X-CSRF-Token header on changes).  The
 * OpenAPI description is served at /api/v1/openapi.json (api/openapi.json
 * in the source, embedded).
 */
#ifndef GEMIS_API_H
#define GEMIS_API_H

#include <jansson.h>

#include "core/validate.h"
#include "http/http.h"

extern const struct route api_routes[];

/* The body as a JSON object (duplicate keys refused), or a 400 saying
 * where it is not (api_body.c); *doc is NULL then. */
enum gemis_err api_body_object(struct http_req *r, json_t **doc);
/* A list of problems for the answer (r->diags), keeping the first max;
 * NULL when out of memory. */
struct diags *api_diags(struct http_req *r, size_t max);
/* What the handlers of the records of a unit (drafts, inspections) share,
 * written once (api_body.c): */
/* The API's reading of an id in a path: a positive number (strtoll). */
bool api_parse_id(const char *s, long long *id);
/* Today in Vietnam (http_today()). */
struct date api_today(struct http_req *r);
/* http_unit_record() for a POST on one record: the unit and id of the
 * path, then the body (api_body_object()) with the record's "version" as
 * a number, or a 400 saying it is not.  *doc is the caller's to
 * json_decref() whatever is returned. */
enum gemis_err api_versioned_post(struct http_req *r, enum action a, int *unit, long long *id, json_t **doc);
/* A problem "unknown field" in d for each key of the object o not among
 * the n of known. */
void api_unknown_fields(const json_t *o, const char *const *known, size_t n, struct diags *d);
/* GET of the records of a unit's subtree in a year (http_list_scope()):
 * fill reads them from db into mem and gives the list (a JSON array) and
 * their sums; the answer is {"unit", "year", "summary", key: list}. */
typedef enum gemis_err (*api_list_fill)(struct http_req *r, struct db *db, int unit, int year, struct arena *mem,
					json_t **summary, json_t **list);
enum gemis_err api_unit_list(struct http_req *r, const char *key, api_list_fill fill);
/* GET of one record of a unit (http_unit_record()): answer(r, unit, id,
 * 200) answers with it. */
typedef enum gemis_err (*api_record_answer)(struct http_req *r, int unit, long long id, int status);
enum gemis_err api_record_get(struct http_req *r, api_record_answer answer);
/* The end of a change to record id of unit: err when it failed, else the
 * data marked changed (http_data_changed()) and answer(r, unit, id,
 * status). */
enum gemis_err api_changed(struct http_req *r, enum gemis_err err, api_record_answer answer, int unit, long long id,
			   int status);
/* A POST adding a record: the body (api_body_object()) and its "unit", on
 * which the account may do a (http_unit()); GEMIS_EDB when there is no
 * data.  *doc is the caller's to json_decref() whatever is returned. */
enum gemis_err api_posted_unit(struct http_req *r, enum action a, int *unit, json_t **doc);

/* An indicator as GET /api/v1/indicators gives it (api_read.c). */
json_t *api_indicator_json(const struct indicator *ind);

enum gemis_err api_openapi(struct http_req *r);
enum gemis_err api_me(struct http_req *r);
enum gemis_err api_progress(struct http_req *r);
enum gemis_err api_reporting(struct http_req *r);
enum gemis_err api_units(struct http_req *r);
enum gemis_err api_unit(struct http_req *r);
enum gemis_err api_indicators(struct http_req *r);
enum gemis_err api_indicator_add(struct http_req *r);
enum gemis_err api_indicator_break_down(struct http_req *r);
/* POST /api/v1/indicators/{id}/retire: {"from": YEAR} or {"undo": true} */
enum gemis_err api_indicator_retire(struct http_req *r);
enum gemis_err api_indicator_edit(struct http_req *r);
enum gemis_err api_breakdowns(struct http_req *r);
enum gemis_err api_plan(struct http_req *r);
enum gemis_err api_values_post(struct http_req *r);
enum gemis_err api_submissions(struct http_req *r);
enum gemis_err api_submission(struct http_req *r);
enum gemis_err api_submission_act(struct http_req *r);
enum gemis_err api_adhoc_list(struct http_req *r);
enum gemis_err api_adhoc_ask(struct http_req *r);
enum gemis_err api_adhoc_get(struct http_req *r);
enum gemis_err api_adhoc_act(struct http_req *r);
enum gemis_err api_chain_period(struct http_req *r);
enum gemis_err api_chain_period_set(struct http_req *r);
enum gemis_err api_chain_reports(struct http_req *r);
enum gemis_err api_chain_report(struct http_req *r);
enum gemis_err api_chain_report_act(struct http_req *r);
enum gemis_err api_tasks(struct http_req *r);
enum gemis_err api_task(struct http_req *r);
enum gemis_err api_task_progress(struct http_req *r);
enum gemis_err api_local_indicators(struct http_req *r);
enum gemis_err api_local_value(struct http_req *r);
enum gemis_err api_activities(struct http_req *r);
enum gemis_err api_activity_add(struct http_req *r);
enum gemis_err api_activity(struct http_req *r);
enum gemis_err api_activity_act(struct http_req *r);
enum gemis_err api_activity_import(struct http_req *r);
enum gemis_err api_budget(struct http_req *r);
enum gemis_err api_budget_add(struct http_req *r);
enum gemis_err api_budget_line(struct http_req *r);
enum gemis_err api_budget_step(struct http_req *r);
enum gemis_err api_scorecard(struct http_req *r);
enum gemis_err api_complaints(struct http_req *r);
enum gemis_err api_complaint(struct http_req *r);
enum gemis_err api_complaint_add(struct http_req *r);
enum gemis_err api_complaint_set(struct http_req *r);
enum gemis_err api_complaint_refer(struct http_req *r);
enum gemis_err api_complaint_limits(struct http_req *r);
enum gemis_err api_review(struct http_req *r);
enum gemis_err api_inspections(struct http_req *r);
enum gemis_err api_inspection(struct http_req *r);
enum gemis_err api_inspection_add(struct http_req *r);
enum gemis_err api_inspection_set(struct http_req *r);
enum gemis_err api_recommendation_add(struct http_req *r);
enum gemis_err api_recommendation_act(struct http_req *r);
enum gemis_err api_drafts(struct http_req *r);
enum gemis_err api_draft_questions(struct http_req *r);
enum gemis_err api_draft(struct http_req *r);
enum gemis_err api_draft_add(struct http_req *r);
enum gemis_err api_draft_set(struct http_req *r);
enum gemis_err api_draft_review(struct http_req *r);
enum gemis_err api_draft_issue(struct http_req *r);

#endif
