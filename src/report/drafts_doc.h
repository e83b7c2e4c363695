/*
 * drafts_doc.h: a unit's draft legal documents of a year and their gender
 * checks (store/drafts.h) as blocks of a report (doc.h), in the current
 * language: the yearly report's part on mainstreaming gender in drafting
 * (drafts checked against documents issued).
 */
#ifndef GEMIS_REPORT_DRAFTS_DOC_H
#define GEMIS_REPORT_DRAFTS_DOC_H

#include "report/doc.h"
#include "store/drafts.h"

/* How many drafts were registered, checked and issued; a commune lists
 * its drafts one a row.  The caller writes the heading. */
void drafts_doc(const struct tree *t, const struct draft *v, size_t n, const struct draft_sum *s, bool commune,
		struct doc *d);

#endif
