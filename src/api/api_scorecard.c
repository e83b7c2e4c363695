/*
 * api_scorecard.c: the agencies' scorecard in the API.
 *
 *   GET /api/v1/scorecard?unit=&year=
 *       a commune's agencies (or an area's sub-units) ranked by their score
 *       for the year, with each criterion's part, whole and points and the
 *       rules used (report/scorecard.h's JSON, as `gemis scorecard --json`)
 */
#include "api.h"
#include "report/scorecard.h"

#include "util/banned.h"

enum gemis_err api_scorecard(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct scorecard sc;
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
		err = scorecard_load(db, s, unit, year, http_judged_at(r), &sc, &r->err);
	if (!err)
		err = http_json(r, 200, scorecard_json(&s->tree, &sc));
	scorecard_release(&sc);
	return err;
}
