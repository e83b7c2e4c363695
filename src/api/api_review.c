/*
 * api_review.c: the mid-term and final reviews in the API.
 *
 *   GET /api/v1/review?unit=&kind=midterm|final[&year=]
 *       the figures of the review held in `year` (default 2028 or 2030):
 *       each indicator year by year against the required path, the
 *       statuses, tasks, budget and scores by year (report/review.h's
 *       JSON); the document itself is GET /report?kind=...
 */
#include "api.h"
#include "report/review.h"

#include "util/banned.h"

enum gemis_err api_review(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	int kind = review_kind_parse(http_param(r, "kind")), unit;
	struct yearly_opts o = {0};
	struct review rv;
	struct db *db;
	enum gemis_err err;

	if (!s)
		return GEMIS_EDB;
	if (kind < 0)
		return http_fail(r, GEMIS_EINVAL, "kind: %s", _("midterm or final"));
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	err = http_db(r, &db);
	if (err)
		return err;
	o.now = http_judged_at(r);
	err = review_load(db, s, unit, (enum review_kind)kind, http_param_year(r, "year", 0), &o, &rv, &r->err);
	if (err)
		return err;
	err = http_json(r, 200, review_json(&rv));
	review_release(&rv);
	return err;
}
