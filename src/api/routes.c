/*
 * routes.c: the routes of /api/v1 (see http/http.h for the columns).
 * Every route is documented in api/openapi.json; tests/integration/api.sh
 * checks that the two agree.
 */
#include "api.h"

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
	{HTTP_GET, "/api/v1/chain-periods/{unit}/{year}", api_chain_period, ROUTE_API, NULL},
	{HTTP_POST, "/api/v1/chain-periods/{unit}/{year}", api_chain_period_set, ROUTE_API, NULL},
	{HTTP_GET, "/api/v1/chain-reports", api_chain_reports, ROUTE_API, "unit:code year:year"},
	{HTTP_GET, "/api/v1/chain-reports/{unit}/{year}", api_chain_report, ROUTE_API, NULL},
	{HTTP_POST, "/api/v1/chain-reports/{unit}/{year}", api_chain_report_act, ROUTE_API | ROUTE_UPLOAD,
	 "action:id version:int comment:text file:file"},
	ROUTES_END,
};
