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
	ROUTES_END,
};
