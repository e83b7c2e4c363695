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

enum gemis_err api_openapi(struct http_req *r);
enum gemis_err api_me(struct http_req *r);
enum gemis_err api_progress(struct http_req *r);
enum gemis_err api_reporting(struct http_req *r);
enum gemis_err api_units(struct http_req *r);
enum gemis_err api_unit(struct http_req *r);
enum gemis_err api_indicators(struct http_req *r);
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
