/*
 * complaints_doc.h: a unit's feedback, petitions, complaints and
 * denunciations of a year (store/complaints.h) as blocks of a report
 * (doc.h), in the current language: a part of the yearly report's
 * section VI.  Counts only, never a person or a text; the table by field
 * and channel is suppressed as the case register's counts are
 * (core/suppress.h: 1 to 4 shown as "<5", complements as "x").
 */
#ifndef GEMIS_REPORT_COMPLAINTS_DOC_H
#define GEMIS_REPORT_COMPLAINTS_DOC_H

#include "report/doc.h"
#include "store/complaints.h"

/* How many were received and by kind, answered (late), open, overdue,
 * withdrawn and referred to the case register, and the table by field of
 * the strategy and channel.  The caller writes the heading. */
void complaints_doc(const struct cmp_sum *s, struct doc *d);

#endif
