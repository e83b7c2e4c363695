/*
 * oversight_doc.h: a unit's inspections and supervision of a year
 * (store/inspections.h) as blocks of a report (doc.h), in the current
 * language: the yearly report's section on inspection, supervision and
 * the follow-up of their recommendations.
 */
#ifndef GEMIS_REPORT_OVERSIGHT_DOC_H
#define GEMIS_REPORT_OVERSIGHT_DOC_H

#include "report/doc.h"
#include "store/inspections.h"

/* What was planned and held and by whom, the findings and the
 * recommendations' follow-up (closed, open, overdue on the day the report
 * judges); a commune lists its inspections one a row, an area says how
 * many of its communes held one.  The caller writes the heading. */
void oversight_doc(const struct inspection *v, size_t n, const struct insp_sum *s, bool commune, struct doc *d);

#endif
