/*
 * deadline.h: when something is due, as plans write it, computed in one
 * place.  Pure (no clock, no I/O): dates are core/date.h's.
 *
 * A plan gives each duty a time: a day to report by ("trước ngày 30/11"),
 * a window ("15/11 - 15/12", the Action Month), a quarter ("Quý IV"), a
 * month, a year or a span of years, once or again every year ("hằng năm")
 * or every quarter ("hằng quý").  A struct deadline holds any of these as a
 * window [from, to] and how it recurs; `to` is the day it is due.
 *
 *   every            from / to hold
 *   DEADLINE_ONCE    whole dates                        "trước ngày 30/11/2026",
 *                                                      "Quý IV/2026", "2026 - 2030"
 *   DEADLINE_YEARLY  day and month (y is 0)             "trước ngày 30/11 hằng năm",
 *                                                      "15/11 - 15/12", "tháng 11"
 *   DEADLINE_QUARTERLY  day and month of the quarter,   "hằng quý"
 *                    1..3 (4: the month after it)
 *
 * A day past a month's end is cut to it (31 in a quarterly deadline is the
 * last day of that month of each quarter).  from.d == 0 means the window
 * has no first day of its own: it opens with the period (the year, the
 * quarter) or, for DEADLINE_ONCE, at any time before.
 *
 * The reporting deadline of a plan (plans.deadline_day/month/year) is a
 * yearly one: its day and month apply to every year asked, whatever year
 * the plan wrote (report/reporting.h), and a plan without one makes forms
 * due at the end of the year (deadline_of_plan()).
 */
#ifndef GEMIS_DEADLINE_H
#define GEMIS_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

enum deadline_every {
	DEADLINE_ONCE,
	DEADLINE_YEARLY,
	DEADLINE_QUARTERLY,
};

struct deadline {
	enum deadline_every every;
	struct date from; /* first day of the window; from.d == 0: none */
	struct date to;   /* the day it is due */
};

/* The Action Month for gender equality and against gender-based violence:
 * 15 November to 15 December, every year. */
extern const struct deadline deadline_action_month;

/* A yearly deadline "before day/month" (day 1..31, month 1..12). */
struct deadline deadline_yearly(int day, int month);

/* The reporting deadline of a plan: its day and month every year; without
 * them (0), the end of the year, and *assumed is set (assumed may be NULL). */
struct deadline deadline_of_plan(int day, int month, bool *assumed);

/* The day the occurrence of `dl` for period p is due: for a yearly deadline
 * the one of p's year, for a quarterly one that of p's quarter (p a year:
 * the fourth quarter), for a one-off deadline its own day.  A window that
 * ends before it starts ("15/12 - 15/01") ends in the next year. */
struct date deadline_due(const struct deadline *dl, period_t p);

/* The first day of the occurrence for period p (the period's first day
 * when the window has none of its own; DATE_MIN_YEAR-01-01 for a one-off
 * deadline without one). */
struct date deadline_opens(const struct deadline *dl, period_t p);

/* True when day d falls in a window of dl (any occurrence). */
bool deadline_contains(const struct deadline *dl, struct date d);

/* Reads a plan's time for a duty from s[0..len) (UTF-8, Vietnamese, any
 * case, with or without diacritics):
 *   [trước | chậm nhất | hạn chót | không muộn hơn] [ngày] DATE [hằng năm]
 *   [từ] [ngày] DATE (- | – | đến) [ngày] DATE [hằng năm]
 *   quý I..IV | quý 1..4 [/YYYY | năm YYYY] [hằng năm]
 *   tháng M [/YYYY | năm YYYY] [hằng năm]
 *   [năm] YYYY          [giai đoạn] YYYY - YYYY
 *   hằng năm | hàng năm | mỗi năm         hằng quý | hàng quý | mỗi quý
 * where DATE is "30/11", "30/11/2026" or "30 tháng 11 [năm 2026]".  A day
 * or window without a year recurs every year.  Leading "Thời gian:" and
 * trailing punctuation are allowed; anything else makes it false. */
bool deadline_parse(const char *s, size_t len, struct deadline *out);

/* What is "due soon": within this many days ahead; the dashboard, the
 * reminders, the task lists and the command line all say the same. */
#define DUE_SOON_DAYS 7

/* Tasks, reports, requests, recommendations and complaints all say it
 * alike (the name is the tasks', which came first). */
enum task_alert {
	TA_NONE,     /* nothing to say */
	TA_DUE_SOON, /* due within the next `soon` days, not closed */
	TA_OVERDUE,  /* its day has passed, not closed */
};

/* How something due on `due` and still open stands on `today`. */
enum task_alert due_alert(struct date due, struct date today, int soon);

#endif
