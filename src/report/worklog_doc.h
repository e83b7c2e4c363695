/*
 * worklog_doc.h: a unit's tasks, activities and Action Month (worklog.h)
 * as blocks of a report (doc.h), in the current language, under headings
 * the caller numbers ("2. " is put before a level-2 heading's words).
 */
#ifndef GEMIS_REPORT_WORKLOG_DOC_H
#define GEMIS_REPORT_WORKLOG_DOC_H

#include "report/doc.h"
#include "report/worklog.h"

/* A commune: its tasks with their results, what was done or why not (and
 * how many evidence files back it), and the statuses by lead agency; an area: the communes' tasks summed, the
 * share done, one row per direct sub-unit. */
void worklog_doc_tasks(const struct worklog *w, const struct tree *t, struct doc *d, const char *numbered);

/* The activities by kind and channel (numbered1), and the news items of
 * each quarter against the quota (numbered2): a commune's own, an area's
 * communes that met it. */
void worklog_doc_activities(const struct worklog *w, struct doc *d, const char *numbered1, const char *numbered2);

/* The Action Month in a paragraph: activities by kind, people reached by
 * sex (an area: communes that took part); with list, a commune's
 * activities of the month one a row. */
void worklog_doc_action_month(const struct worklog *w, struct doc *d, bool list);

#endif
