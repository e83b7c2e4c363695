/*
 * budget_doc.h: the budget of the plan in the yearly report (section IV.3
 * of yearly_doc.c): what was estimated, appraised, approved and spent in
 * the year, in total, by funding source and by goal (beside how many of
 * the goal's indicators are off track or at risk, so that money spent on a
 * goal that is not moving is seen at a glance) and, for a commune, each
 * line beside the result of the task it paid for.  Sums are
 * core/budget.h's; amounts are written 12.500.000 đ.
 */
#ifndef GEMIS_REPORT_BUDGET_DOC_H
#define GEMIS_REPORT_BUDGET_DOC_H

#include "core/assess.h"
#include "core/catalog.h"
#include "doc.h"
#include "store/budget.h"
#include "worklog.h"

/* Appends the section, headed `numbered` ("3. ") and its title, to d.
 * goal_counts are the yearly report's statuses by goal. */
void budget_doc(const struct budget_list *l, const struct worklog *w, const unsigned goal_counts[GOAL_COUNT][ST_COUNT],
		struct doc *d, const char *numbered);

/* "12.500.000 đ" in the document's arena; "–" for BUDGET_NONE. */
const char *budget_doc_money(struct doc *d, long long v);

#endif
