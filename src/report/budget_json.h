/*
 * budget_json.h: budget lines, their trail and their sums as JSON, the one
 * shape that the API (api/api_budget.c, described in data/api/openapi.json)
 * and `gemis budget list --json` both give.  Amounts are whole đồng as
 * JSON integers, null when not given.
 */
#ifndef GEMIS_REPORT_BUDGET_JSON_H
#define GEMIS_REPORT_BUDGET_JSON_H

#include <jansson.h>

#include "core/tree.h"
#include "store/budget.h"

/* One line: id, version, unit, year, agency, task (its number, null),
 * task_uid, source, title, estimate, appraised, approved, decision_no,
 * decision_date, spent, note, status, overspent, by, at. */
json_t *budget_line_json(const struct tree *t, const struct budget_line *l);

/* One change of the trail: version, action, status, the amounts,
 * decision_no, decision_date, comment, by, at. */
json_t *budget_event_json(const struct budget_event *v);

/* {"unit", "year", "lines": [...], "totals": {...}, "by_source": [{source,
 * name, ...sums}], "by_goal": [{goal (null: none), ...sums}]}: the sums
 * by core/budget.h's rules. */
json_t *budget_list_json(const struct tree *t, int unit, int year, const struct budget_list *l);

#endif
