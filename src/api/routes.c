/*
 * routes.c: the routes of /api/v1 (see http/http.h for the columns).
 * Every route is documented in api/openapi.json; tests/integration/api.sh
 * checks that the two agree.
 */
#include "api.h"
#include "web/web.h"

const struct route api_routes[] = {
	{HTTP_GET, "/api/v1/openapi.json", api_openapi, ROUTE_API | ROUTE_PUBLIC | ROUTE_BARE, NULL},
	{HTTP_GET, "/api/v1/me", api_me, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/progress", api_progress, ROUTE_API, "unit:code year:year"},
	{HTTP_GET, "/api/v1/reporting", api_reporting, ROUTE_API, "unit:code year:year as_of:date"},
	{HTTP_GET, "/api/v1/units", api_units, ROUTE_API, "parent:code"},
	{HTTP_GET, "/api/v1/units/{code}", api_unit, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/indicators", api_indicators, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/plans/{code}", api_plan, ROUTE_API, NULL},
	{HTTP_POST, "/api/v1/values", api_values_post, ROUTE_API | ROUTE_UPLOAD, "dry_run:int"},
	{HTTP_GET, "/api/v1/submissions", api_submissions, ROUTE_API, "unit:code year:year"},
	{HTTP_GET, "/api/v1/submissions/{unit}/{agency}/{year}", api_submission, ROUTE_API, NULL},
	{HTTP_POST, "/api/v1/submissions/{unit}/{agency}/{year}", api_submission_act, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/adhoc-requests", api_adhoc_list, ROUTE_API, "unit:code"},
	{HTTP_POST, "/api/v1/adhoc-requests/{unit}", api_adhoc_ask, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/adhoc-requests/{unit}/{id}", api_adhoc_get, ROUTE_API, NULL},
	{HTTP_POST, "/api/v1/adhoc-requests/{unit}/{id}", api_adhoc_act, ROUTE_API | ROUTE_UPLOAD,
	 "action:id version:int answer:text comment:text file:file"},
	{HTTP_GET, "/api/v1/chain-periods/{unit}/{year}", api_chain_period, ROUTE_API, NULL},
	{HTTP_POST, "/api/v1/chain-periods/{unit}/{year}", api_chain_period_set, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/chain-reports", api_chain_reports, ROUTE_API, "unit:code year:year"},
	{HTTP_GET, "/api/v1/chain-reports/{unit}/{year}", api_chain_report, ROUTE_API, NULL},
	{HTTP_POST, "/api/v1/chain-reports/{unit}/{year}", api_chain_report_act, ROUTE_API | ROUTE_UPLOAD,
	 "action:id version:int comment:text file:file results:text shortcomings:text causes:text proposals:text"},
	{HTTP_GET, "/api/v1/tasks", api_tasks, ROUTE_API, "unit:code year:year agency:id"},
	{HTTP_GET, "/api/v1/evidence/{unit}/{id}", page_task_evidence, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/tasks/{unit}/{uid}", api_task, ROUTE_API, "year:year"},
	{HTTP_POST, "/api/v1/tasks/{unit}/{uid}/progress", api_task_progress, ROUTE_API | ROUTE_UPLOAD,
	 "agency:id period:period status:id reason:text note:text version:int evidence:file"},
	{HTTP_GET, "/api/v1/activities", api_activities, ROUTE_API, "unit:code year:year quarter:int agency:id"},
	{HTTP_POST, "/api/v1/activities", api_activity_add, ROUTE_API, NULL},
	{HTTP_POST, "/api/v1/activities/import", api_activity_import, ROUTE_API | ROUTE_UPLOAD,
	 "unit:code agency:id dry_run:int file:file"},
	{HTTP_GET, "/api/v1/activities/{unit}/{id}", api_activity, ROUTE_API, NULL},
	{HTTP_POST, "/api/v1/activities/{unit}/{id}", api_activity_act, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/budget", api_budget, ROUTE_API, "unit:code year:year"},
	{HTTP_POST, "/api/v1/budget", api_budget_add, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/budget/{unit}/{id}", api_budget_line, ROUTE_API, NULL},
	{HTTP_POST, "/api/v1/budget/{unit}/{id}", api_budget_step, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/scorecard", api_scorecard, ROUTE_API, "unit:code year:year"},
	ROUTES_END,
};
