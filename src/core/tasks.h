/*
 * tasks.h: the tasks of a plan and the progress agencies record on them,
 * as rules.  Pure (no clock, no I/O): store/tasks.c keeps tasks and their
 * progress, plan/tasks.c reads them from plan documents, web/, api/ and
 * report/ show them.
 *
 * A task ("1. Tăng cường sự lãnh đạo ...") has lead and partner agencies
 * and a time as the plan writes it ("Thường xuyên trong năm 2026", "Quý
 * III/2026 (rà soát quy hoạch); hằng năm", "trước ngày 30/6/2026").  The
 * time is read once (task_time_read) into its kind and, where it gives one,
 * a deadline of core/deadline.h: the first piece that reads as a day, a
 * window, a quarter, a year or a span of years.
 *
 *   kind        first phrase                           due (task_due)
 *   continuous  "thường xuyên", "liên tục"               the deadline's, if any
 *   recurring   "hằng năm", "định kỳ", "hằng tháng",     every year (quarter): the
 *               "15/11 - 15/12 hằng năm"                 occurrence's last day
 *   year        "Trong năm 2026"                         31/12/2026
 *   quarter     "Quý III/2026"                           30/09/2026
 *   range       "Giai đoạn 2026 - 2030", "15/11 -        the window's last day
 *               15/12/2027"
 *   once_by     "trước ngày 30/6/2026"                   that day
 *   other       written, but no time gemis can read      none
 *   none        nothing written                          none
 *
 * An agency records, for a period (a year or a quarter), one of four
 * statuses; "không thực hiện được" needs its reason.  A task is overdue
 * when the day it is due has passed and the status for that period is
 * neither done nor "could not be done" (those close it).
 */
#ifndef GEMIS_TASKS_H
#define GEMIS_TASKS_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "deadline.h"
#include "period.h"

enum task_status {
	TS_NOT_STARTED, /* chưa thực hiện */
	TS_IN_PROGRESS, /* đang thực hiện */
	TS_DONE,        /* hoàn thành */
	TS_NOT_DONE,    /* không thực hiện được (with a reason) */
};
#define TS_COUNT 4

const char *task_status_id(enum task_status s); /* "not_started", ... */
int task_status_parse(const char *s);           /* -1 if unknown */
/* For people, in the current language ("chưa thực hiện"). */
const char *task_status_name(enum task_status s);
/* Done or could not be done: nothing more is expected for the period. */
bool task_status_closed(enum task_status s);

/* The status of a task for a period from its lead agencies' statuses
 * (n of them; a task whose leads recorded nothing is not started): done
 * when every lead is done, could not be done when one could not, in
 * progress when one has started, else not started. */
enum task_status task_status_combine(const enum task_status *leads, size_t n);

enum task_time_kind {
	TT_NONE,
	TT_CONTINUOUS,
	TT_RECURRING,
	TT_YEAR,
	TT_QUARTER,
	TT_RANGE,
	TT_ONCE_BY,
	TT_OTHER,
};
#define TT_COUNT 8

const char *task_time_kind_id(enum task_time_kind k); /* "continuous", ... */
int task_time_kind_parse(const char *s);              /* -1 if unknown */

struct task_time {
	enum task_time_kind kind;
	bool has_deadline; /* dl holds the first piece that reads as a time */
	struct deadline dl;
};

/* Reads a task's time as written, s[0..len) (UTF-8, any case, with or
 * without diacritics).  Pieces are cut at ';'; brackets are remarks ("(rà
 * soát quy hoạch)"); within a piece the first run of words that
 * deadline_parse() reads is its time ("trước ngày 30/9/2026 triển khai mô
 * hình ..." is due 30/9/2026).  An empty text is TT_NONE.  Never fails:
 * what it cannot read is TT_OTHER without a deadline. */
void task_time_read(const char *s, size_t len, struct task_time *out);

/* The day the task is due for period p (a year or a quarter): a one-off
 * deadline's day (in whatever year it falls), a recurring one's
 * occurrence for p.  False when the task has no day (continuous without a
 * date, none, other). */
bool task_due(const struct task_time *tt, period_t p, struct date *due);

/* How a task stands on `today` for period p with status st. */
enum task_alert task_alert(const struct task_time *tt, period_t p, enum task_status st,
			   struct date today, int soon);

#endif
