/*
 * routes.c: the pages of the web application, one row each (see
 * http/http.h for the columns and parameter kinds).  Adding a page is
 * adding a row here and its handler.
 */
#include "web.h"

const struct route web_routes[] = {
	{HTTP_GET, "/static/{*}", http_static, ROUTE_PUBLIC | ROUTE_BARE, "v:id"},
	{HTTP_GET, "/healthz", page_health, ROUTE_PUBLIC | ROUTE_BARE, NULL},
	{HTTP_GET, "/lang/{lang}", page_lang, ROUTE_PUBLIC | ROUTE_BARE, "next:path"},
	{HTTP_GET, "/login", page_login_form, ROUTE_PUBLIC, "next:path"},
	{HTTP_POST, "/login", page_login, ROUTE_PUBLIC, "name:line password:secret next:path"},
	{HTTP_POST, "/logout", page_logout, 0, NULL},
	{HTTP_GET, "/account", page_account, 0, "changed:int"},
	{HTTP_POST, "/account/password", page_password, 0, "current:secret password:secret confirm:secret"},
	{HTTP_GET, "/", page_home, 0, "unit:code year:year"},
	{HTTP_GET, "/indicator/{id}", page_indicator, 0, "unit:code year:year"},
	{HTTP_GET, "/province", page_province, 0, NULL},
	{HTTP_GET, "/province/{code}", page_province, 0,
	 "year:year goal:id status:id sort:id dir:id"},
	{HTTP_GET, "/entry", page_entry_list, 0, "unit:code year:year"},
	{HTTP_GET, "/entry/{unit}/{agency}/{year}", page_entry_form, 0, "done:id"},
	{HTTP_POST, "/entry/{unit}/{agency}/{year}", page_entry_post, 0,
	 "action:id version:int comment:text v_*:num x_*:text"},
	{HTTP_POST, "/entry/{unit}/{agency}/{year}/check", page_entry_check, 0, "v_*:num field:int"},
	{HTTP_GET, "/review", page_review, 0, "unit:code year:year"},
	{HTTP_GET, "/plan/{code}", page_plan, 0, "done:int"},
	{HTTP_POST, "/plan/{code}", page_plan_edit, 0,
	 "plan:int t*:line deadline_day:line deadline_month:line a_*:int"},
	{HTTP_POST, "/plan/{code}/upload", page_plan_upload, ROUTE_UPLOAD, "file:file"},
	{HTTP_GET, "/plan/{code}/upload/{id}", page_plan_review, 0, NULL},
	{HTTP_POST, "/plan/{code}/apply", page_plan_apply, 0, "upload:int current:int confirm:int"},
	{HTTP_POST, "/plan/{code}/restore", page_plan_restore, 0, "plan:int current:int"},
	{HTTP_GET, "/reporting", page_reporting, 0, "unit:code year:year"},
	{HTTP_GET, "/report", page_report, 0, "unit:code year:year format:id"},
	{HTTP_GET, "/upload", page_upload_form, 0, NULL},
	{HTTP_POST, "/upload", page_upload, ROUTE_UPLOAD, "file:file dry_run:int"},
	{HTTP_GET, "/users", page_users, 0, "unit:code done:int"},
	{HTTP_POST, "/users", page_users_add, 0,
	 "name:line full_name:line role:id unit:code agency:line password:secret"},
	{HTTP_POST, "/users/{name}/disable", page_users_disable, 0, "enable:int"},
	{HTTP_POST, "/users/{name}/password", page_users_password, 0, "password:secret"},
	ROUTES_END,
};
