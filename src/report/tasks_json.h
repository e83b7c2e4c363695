/*
 * tasks_json.h: a plan's tasks, the records agencies made on them and the
 * activity log as JSON, the one shape that the API (api/api_tasks.c,
 * api/api_activities.c, described in data/api/openapi.json) and the CLI's
 * --json (`gemis task list`, `gemis activity list`) both give.
 */
#ifndef GEMIS_REPORT_TASKS_JSON_H
#define GEMIS_REPORT_TASKS_JSON_H

#include <jansson.h>

#include "core/date.h"
#include "store/activities.h"
#include "store/task_progress.h"
#include "store/tasks.h"

/* The status of x for the year: agency's own (a kind index) when >= 0,
 * else the task's from its leads. */
enum task_status task_status_for(const struct task_recs *rs, const struct task *x, int agency, int year);

/* A task for the year as seen on `today`: number, uid, title, lead,
 * partners, timeframe, due, status (agency's own when >= 0), overdue,
 * due_soon.  NULL when out of memory. */
json_t *task_json(struct arena *a, const struct task *x, const struct task_recs *rs, int agency, int year,
		  struct date today);

/* One record: id (the version to send with the next), agency, period,
 * status, reason, note, by, at, files [{id, name, kind, size}]. */
json_t *task_rec_json(const struct task_rec *r);

/* One activity: id, version, date, agency, kind, channel, title, place,
 * women, men, task, action_month. */
json_t *activity_json(const struct activity *a);

/* The four quarters of a log beside what was typed. */
json_t *log_quarters_json(const struct log_quarter q[4]);

#endif
