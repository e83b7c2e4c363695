/*
 * duelist.h: what a commune's agencies owe soon or late on a day: their
 * yearly report (the form, judged as reporting.h judges it), the tasks
 * they lead (core/tasks.h, task_alert) and the recommendations
 * inspections gave them (core/oversight.h: rec_overdue, rec_due_soon)
 * and the feedback and complaints they handle (core/complaints.h:
 * cmp_overdue, cmp_due_soon; never the person who brought them), and
 * the unit's own: its yearly report up the chain and its answers to ad hoc
 * requests.  It is the one computation behind
 * the dashboard's "due this week and late" list (web/tasks.c) and the
 * reminders sent by mail (mail/remind.h), so that a mail never says
 * something the dashboard does not.
 */
#ifndef GEMIS_DUELIST_H
#define GEMIS_DUELIST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/tasks.h"
#include "core/tree.h"
#include "store/db.h"
#include "store/complaints.h"
#include "store/inspections.h"
#include "store/tasks.h"
#include "util/arena.h"

enum due_kind {
	DUE_TASK, /* a task of the plan in force */
	DUE_FORM, /* the agency's report of the year */
	DUE_ADHOC, /* the unit's answer to an ad hoc request (agency NULL) */
	DUE_RECOMMENDATION, /* an inspection's recommendation to the agency */
	DUE_COMPLAINT, /* the answer to a matter the agency handles */
	DUE_CHAIN_REPORT, /* the unit's yearly report to the unit above
			     (agency NULL), once that unit set a deadline */
};

struct due_item {
	enum due_kind kind;
	const char *agency;     /* agency kind id */
	enum task_alert alert;  /* TA_DUE_SOON, TA_OVERDUE; TA_NONE only in an
				   agency's own list (its tasks not yet due) */
	bool has_due;
	struct date due;
	/* DUE_TASK */
	const struct task *task; /* in the list's `tasks` */
	enum task_status status; /* the agency's own state of the task */
	bool lead;               /* false: the agency joins as a partner */
	/* DUE_ADHOC */
	long long request;       /* its id */
	const char *title;       /* in the list's `mem` */
	int state;               /* wf_report state of the unit's answer (and
				    of its yearly report: DUE_CHAIN_REPORT) */
	/* DUE_CHAIN_REPORT */
	int to;                  /* the unit the report goes to */
	/* DUE_RECOMMENDATION */
	const struct recommendation *rec; /* in the list's `insp` */
	/* DUE_COMPLAINT */
	const struct complaint *cmp; /* in the list's `cmps` (no person) */
};

struct due_list {
	struct task_list tasks;  /* the unit's tasks the items point into */
	struct arena mem;        /* the requests' titles, the inspections */
	struct inspection *insp;
	size_t ninsp;
	struct complaint *cmps;
	size_t ncmps;
	struct due_item *v;
	size_t n;
};

/* What unit owes for `year` on `today`: every task an agency leads and
 * every form, due within `soon` days or late (forms are judged at
 * judged_at, as the reporting page judges them).  Of every agency when
 * agency is NULL; when it names one, only that agency's items, and all
 * its tasks, led or joined, due or not (its home page lists them).  Tasks
 * in the plan's order come first, then forms by agency, then the
 * recommendations of the year's inspections not closed (by deadline:
 * overdue, or issued and due within `soon` days; an agency's own list has
 * all its open ones), then the matters of feedback and complaints of
 * any year not answered, overdue or due within `soon` days (an agency's
 * own list: all its open ones).  Tasks led by "all" name no agency and are left
 * out.  The ad hoc requests the unit has not answered (not sent, or
 * returned) come last, each with the alert of its due day, TA_NONE when
 * not due soon; only when agency is NULL.  Before them, when agency is
 * NULL, the unit's yearly report to the unit above (chain_report_to) when
 * that unit set a deadline for `year` and the report is not sent (never
 * submitted, or returned): late, or due within `soon` days.  A unit with
 * units below it (a province) gets only the report and the requests.
 * due_list_release() frees the list, also
 * after a failure. */
enum gemis_err due_list_load(struct db *db, const struct tree *t, int unit, int year, struct date today,
			     long long judged_at, int soon, const char *agency, struct due_list *out,
			     struct errctx *e);
void due_list_release(struct due_list *l);

#endif
