/*
 * budget_json.c: budget lines and their sums as JSON (see budget_json.h).
 */
#include "report/budget_json.h"

#include <stdlib.h>
#include <string.h>

#include "core/workflow.h"

#include "util/banned.h"

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *amount(long long v)
{
	return v == BUDGET_NONE ? json_null() : json_integer(v);
}

json_t *budget_line_json(const struct tree *t, const struct budget_line *l)
{
	return json_pack("{s:I, s:I, s:s, s:i, s:s, s:o, s:o, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:b,"
			 " s:s, s:I}",
			 "id", (json_int_t)l->id, "version", (json_int_t)l->version, "unit",
			 l->unit >= 0 ? t->units[l->unit].code : "?", "year", l->year, "agency",
			 l->agency_id ? l->agency_id : "?", "task", text_or_null(l->task_label), "task_uid",
			 text_or_null(l->task_uid), "source", l->source ? l->source : "?", "title",
			 l->title ? l->title : "", "estimate", (json_int_t)l->estimate, "appraised", amount(l->appraised),
			 "approved", amount(l->approved), "decision_no", text_or_null(l->decision_no), "decision_date",
			 text_or_null(l->decision_date), "spent", amount(l->spent), "note", text_or_null(l->note), "status",
			 wf_state_id(&wf_estimate, l->status), "overspent", budget_overspent(l), "by", l->by ? l->by : "",
			 "at", (json_int_t)l->at);
}

json_t *budget_event_json(const struct budget_event *v)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:I}", "version",
			 (json_int_t)v->version, "action", v->action, "status", v->status, "estimate",
			 (json_int_t)v->estimate, "appraised", amount(v->appraised), "approved", amount(v->approved),
			 "spent", amount(v->spent), "decision_no", text_or_null(v->decision_no), "decision_date",
			 text_or_null(v->decision_date), "comment", text_or_null(v->comment), "by", v->by ? v->by : "",
			 "at", (json_int_t)v->at);
}

static json_t *sum_json(const struct budget_sum *s)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:i, s:i}", "estimate", (json_int_t)s->estimate, "appraised",
			 (json_int_t)s->appraised, "approved", (json_int_t)s->approved, "spent", (json_int_t)s->spent,
			 "lines", (int)s->lines, "overspent", (int)s->overspent);
}

json_t *budget_list_json(const struct tree *t, int unit, int year, const struct budget_list *l)
{
	const char **ids = calloc(l->nsrc + 1, sizeof(*ids));
	struct budget_sum *by_source = calloc(l->nsrc + 1, sizeof(*by_source));
	struct budget_totals tot;
	json_t *o = NULL, *lines, *src, *goals;
	size_t i;

	if (!ids || !by_source)
		goto out;
	for (i = 0; i < l->nsrc; i++)
		ids[i] = l->src[i].id;
	budget_totals(l->l, l->n, ids, l->nsrc, by_source, &tot);
	lines = json_array();
	src = json_array();
	goals = json_array();
	for (i = 0; i < l->n; i++)
		json_array_append_new(lines, budget_line_json(t, &l->l[i]));
	for (i = 0; i < l->nsrc; i++) {
		json_t *s = sum_json(&by_source[i]);

		json_object_set_new(s, "source", json_string(l->src[i].id));
		json_object_set_new(s, "name", json_string(l->src[i].name_vi));
		json_array_append_new(src, s);
	}
	for (i = 0; i <= BUDGET_GOALS_MAX; i++) {
		json_t *g;

		if (!tot.by_goal[i].lines)
			continue;
		g = sum_json(&tot.by_goal[i]);
		json_object_set_new(g, "goal", i ? json_integer((json_int_t)i) : json_null());
		json_array_append_new(goals, g);
	}
	o = json_pack("{s:s, s:i, s:o, s:o, s:o, s:o}", "unit", t->units[unit].code, "year", year, "lines", lines,
		      "totals", sum_json(&tot.all), "by_source", src, "by_goal", goals);
out:
	free(ids);
	free(by_source);
	return o;
}
