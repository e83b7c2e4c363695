/*
 * local_doc.h: a unit's own indicators in its yearly report (the end of
 * section I of yearly_doc.c, a sheet of yearly_xlsx()): the targets its
 * plans set outside the catalog (store/local_indicators.h), each with the
 * agency that owes it, its target, the year's value and its status.  Only
 * in the unit's own report: they are never summed into a larger unit's.
 * Nothing at all when the unit has none to show, so that a report without
 * them is what it was before they existed.
 */
#ifndef GEMIS_REPORT_LOCAL_DOC_H
#define GEMIS_REPORT_LOCAL_DOC_H

#include <stdbool.h>

#include "core/tree.h"
#include "doc.h"
#include "store/local_indicators.h"

/* Whether the report shows x for `year`: in the plan in force, or with a
 * value of the year (an indicator a later plan dropped keeps its figure). */
bool local_doc_shown(const struct local_indicator *x, int year);
/* How many of l's the report shows for `year`. */
size_t local_doc_count(const struct local_list *l, int year);
/* The section's title for unit u: "The commune's own targets". */
const char *local_doc_title(const struct unit *u);
/* The cells of x's row, in the current language: agency, target, value
 * (format_number's, with "%" after a percentage), assessment. */
struct local_cells {
	char label[16];
	const char *name, *agency, *status;
	char target[96], value[48];
	int st; /* enum status */
};
void local_doc_cells(const struct local_indicator *x, int year, struct local_cells *c);

/* Appends the section to d (nothing when local_doc_count() is 0). */
void local_doc(const struct local_list *l, const struct unit *u, int year, struct doc *d);

#endif
