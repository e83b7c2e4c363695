/*
 * worklog.h: what a unit's tasks and activity log say for a year, for the
 * yearly report (yearly.h) and the Action Month's report (action_month.h).
 *
 * For a commune or ward: each task of its plan in force with its status
 * for the year (from its leads' records, store/task_progress.h), the note
 * and reason its leads gave, whether it is overdue; the statuses by lead
 * agency; the activities of the year by kind and channel; the four
 * quarters' news items judged against the plan's quota (core/quota.h);
 * the Action Month (15/11-15/12: the activities flagged for it, people
 * reached by sex).  For a unit with communes below it, the same summed
 * over its communes and, for each direct sub-unit, its communes' sums:
 * the share of tasks done, the communes that met the quota each quarter.
 */
#ifndef GEMIS_REPORT_WORKLOG_H
#define GEMIS_REPORT_WORKLOG_H

#include <stdbool.h>

#include "core/activities.h"
#include "core/quota.h"
#include "core/tasks.h"
#include "store/activities.h"
#include "store/snapshot.h"
#include "util/arena.h"
#include "util/buf.h"

/* Sums over one commune, or the communes of an area. */
struct wl_sum {
	unsigned communes;        /* communes and wards counted */
	unsigned with_tasks;      /* those whose plan in force has tasks */
	unsigned tasks, by_status[TS_COUNT], overdue;
	unsigned logging;         /* communes with anything logged in the year */
	unsigned q_logged[4];     /* communes that logged quarter q */
	unsigned q_met[4];        /* ... and met the news quota in it */
	unsigned year_judged;     /* communes with a quarter logged */
	unsigned year_met;        /* ... that met the quota in every quarter logged */
	unsigned activities;
	unsigned kinds[AK_COUNT][AC_COUNT];
	unsigned am_activities, am_communes; /* the Action Month */
	unsigned am_kinds[AK_COUNT];
	unsigned long am_women, am_men;
};

struct wl_task {
	const char *label, *title;
	const char *leads;        /* agency names, "; " between */
	enum task_status status;
	const char *note, *reason; /* the leads' latest, NULL when none */
	unsigned files;           /* evidence files of the leads' latest records */
	bool overdue;
};

struct wl_sub {
	int unit;                 /* tree index of a direct sub-unit */
	struct wl_sum sum;
	const char *theme;        /* a commune's Action Month theme, NULL */
};

struct worklog {
	struct arena mem;
	int unit, year;
	bool commune;             /* the unit is a commune or ward */
	bool has_plan;            /* commune: a plan in force */
	struct wl_sum sum;
	/* a commune */
	struct wl_task *tasks;
	size_t ntasks;
	unsigned (*by_agency)[TS_COUNT]; /* [agency kind][status], leads only */
	struct log_quarter q[4];
	struct quota_check qc;
	double quota;
	struct activity *am;      /* the Action Month's activities, by day */
	size_t nam;
	const char *theme;        /* the campaign's theme, NULL when none set */
	/* an area */
	struct wl_sub *subs;
	size_t nsubs;
};

/* Gathers the unit's year as seen on `today` (what is overdue). */
enum gemis_err worklog_load(struct db *db, const struct snapshot *s, int unit, int year, struct date today,
			    struct worklog *w, struct errctx *e);
void worklog_release(struct worklog *w);

/* The agencies of "vhxh;yte" (a wl_task's leads; "all" for every agency)
 * by their names in the current language, ", " between, onto out. */
void worklog_leads(const char *ids, struct buf *out);

/* Share in percent, NaN when whole is 0. */
double wl_share(unsigned part, unsigned whole);

#endif
