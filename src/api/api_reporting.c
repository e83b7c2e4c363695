/*
 * api_reporting.c: GET /api/v1/reporting, what the reporting page shows:
 * which agencies owe a report, submitted on time or late, and the rates
 * (report/reporting.h; the JSON of `gemis reporting --json`).
 */
#include <string.h>

#include "api.h"
#include "core/date.h"
#include "report/reporting.h"
#include "util/arena.h"

#include "util/banned.h"

enum gemis_err api_reporting(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit"), *as_of = http_param(r, "as_of");
	struct rep_result rep = {0};
	struct db *db;
	enum gemis_err err;
	long long now = http_judged_at(r);
	int unit, year;

	if (!s)
		return GEMIS_EDB;
	if (!code)
		return http_fail(r, GEMIS_EINVAL, "%s", _("the parameter unit is required"));
	err = http_unit(r, code, ACT_READ, -1, &unit);
	if (err)
		return err;
	if (as_of) {
		struct date d;

		/* the router checked the form (kind "date") */
		date_parse_iso(as_of, strlen(as_of), &d);
		now = vn_day_end(d) - 1;
	}
	year = http_param_year(r, "year", vn_date(now).y);
	err = http_db(r, &db);
	if (!err)
		err = reporting_load_counted(db, s, unit, year, now, &r->arena, &rep, &r->err);
	if (err)
		return err;
	r->ctype = "application/json; charset=utf-8";
	err = reporting_json(&s->tree, &rep, now, &r->out);
	rep_result_release(&rep);
	return err;
}
