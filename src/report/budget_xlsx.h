/*
 * budget_xlsx.h: the budget of a year as a workbook in the layout a
 * commune's finance office keeps ("Biểu dự toán kinh phí"): the title and
 * the unit of account (đồng), one row a line grouped by funding source
 * (I, II, ... with the source's subtotal as =SUM formulas whose values are
 * cached; each line's own amounts, whatever its state), columns STT, content, agency, task, estimate, appraised,
 * approved, decision, spent, remainder and notes, and a grand total; a
 * line spent above what was approved is shaded and says so.  For an area,
 * one row a commune's line with its commune named.
 */
#ifndef GEMIS_REPORT_BUDGET_XLSX_H
#define GEMIS_REPORT_BUDGET_XLSX_H

#include "core/tree.h"
#include "store/budget.h"

/* Writes the workbook of l (budget_load() of unit and year) to path. */
enum gemis_err budget_xlsx(const struct budget_list *l, const struct tree *t, int unit, int year, const char *path,
			   struct errctx *e);

#endif
