/*
 * review_json.c: a mid-term or final review (review.h) as JSON, the API's
 * GET /api/v1/review: the figures of the document without its words.
 */
#include <math.h>

#include "review.h"

#include "util/banned.h"

static json_t *num(double v)
{
	return isnan(v) ? json_null() : json_real(round(v * 10000) / 10000);
}

static json_t *indicator(const struct review *rv, const struct rv_row *x)
{
	json_t *years = json_array();
	int i;

	for (i = 0; i < rv->nyears; i++)
		json_array_append_new(years, json_pack("{s:i, s:o, s:o, s:s}", "year", rv->from + i, "value", num(x->v[i]),
						       "required", num(x->req[i]), "status",
						       status_id((enum status)x->st[i])));
	return json_pack("{s:i, s:s, s:o, s:o, s:o, s:o, s:o}", "no", x->no, "indicator", catalog[x->ind].id, "target",
			 num(x->target), "target_year", x->t ? json_integer(x->t->year) : json_null(), "base_year",
			 x->base_year ? json_integer(x->base_year) : json_null(), "base_value", num(x->base_value),
			 "years", years);
}

static json_t *year(const struct review *rv, int i)
{
	const struct rv_year *y = &rv->years[i];
	const struct budget_sum *b = &y->budget;
	json_t *st = json_object(), *tasks = json_null();
	int k;

	for (k = 0; k < ST_COUNT; k++)
		json_object_set_new(st, status_id((enum status)k), json_integer(y->counts[k]));
	/* the plans' tasks begin with their period */
	if (y->year >= rv->plan_from)
		tasks = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}", "tasks", y->tasks.tasks, "done",
				  y->tasks.by_status[TS_DONE], "in_progress", y->tasks.by_status[TS_IN_PROGRESS],
				  "not_started", y->tasks.by_status[TS_NOT_STARTED], "not_done",
				  y->tasks.by_status[TS_NOT_DONE], "overdue", y->tasks.overdue);
	return json_pack("{s:i, s:o, s:o, s:{s:i, s:I, s:I, s:I, s:i}}", "year", y->year, "statuses", st, "tasks", tasks,
			 "budget", "lines", b->lines, "estimated", (json_int_t)b->estimate, "approved",
			 (json_int_t)b->approved, "spent", (json_int_t)b->spent, "overspent", b->overspent);
}

static json_t *score(const struct review *rv, size_t i)
{
	const struct sc_row *r = &rv->sc.rows[i];
	json_t *years = json_array();
	int k;

	for (k = 0; k < rv->nyears; k++)
		json_array_append_new(years, json_pack("{s:i, s:o}", "year", rv->from + k,
						       "score", num(rv->scores[i].score[k])));
	return json_pack("{s:o, s:o, s:s, s:i, s:o}", "agency",
			 r->agency >= 0 ? json_string(agency_kinds[r->agency].id) : json_null(), "unit",
			 r->unit >= 0 ? json_string(rv->y.s->tree.units[r->unit].code) : json_null(), "name",
			 scorecard_row_name(&rv->y.s->tree, r), "rank", r->rank, "years", years);
}

json_t *review_json(const struct review *rv)
{
	json_t *inds = json_array(), *years = json_array(), *scores = json_array();
	size_t i;
	int y;

	for (i = 0; i < rv->nrows; i++)
		json_array_append_new(inds, indicator(rv, &rv->rows[i]));
	for (y = 0; y < rv->nyears; y++)
		json_array_append_new(years, year(rv, y));
	for (i = 0; i < rv->nscores; i++)
		json_array_append_new(scores, score(rv, i));
	return json_pack("{s:s, s:s, s:i, s:i, s:i, s:o, s:o, s:{s:s, s:i}, s:o}", "unit",
			 rv->y.s->tree.units[rv->y.unit].code, "kind", review_kind_id(rv->kind), "from", rv->from, "to",
			 rv->to, "plan_from", rv->plan_from, "indicators", inds, "years", years, "rules", "origin",
			 rv->sc.rules.origin, "version", rv->sc.rules.version, "scores", scores);
}
