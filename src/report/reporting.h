/*
 * reporting.h: completeness and timeliness of reporting, after DHIS2's
 * reporting rate.
 *
 * Who owes what: every agency to which the plan in force gives duties (its
 * implementation section: plan_agencies, or indicators tied to it by the
 * assignments; "all" listed gives every agency duties) owes one report a
 * year (period "YYYY"): its indicators where it has some, and always the
 * results of its tasks and a short narrative (store/submissions.h).  The
 * report is due on the deadline written in the plan (deadline.day/month,
 * such as 25/11, 30/11 or 01/12: a date, not a number of days after the
 * period); a deadline with a year applies its day and month to every year
 * asked (core/deadline.h).  A plan without a deadline sets no date: no date
 * is invented, its reports are "no date set" (FORM_UNDATED) until submitted
 * and then "submitted" (FORM_IN), never late (the plan lint reports the
 * missing deadline as no_deadline).
 *
 * A form submitted (or approved) for the period counts too when the plan
 * in force no longer asks it of the agency: forms belong to the period,
 * not to the plan, so applying another plan never makes them disappear
 * (in_plan false).  A submitted form, kept or still owed, is judged
 * against the deadline of the plan it answered, the one in force when it
 * was submitted (so that applying a plan without a deadline never turns a
 * late form into one on time); a form not submitted, against the deadline
 * of the plan in force, else no date.
 *
 * A form is the row of the `submissions` table for (unit, agency, period).
 * It counts as submitted when its status is `submitted` or `approved`;
 * a `draft` or a form `returned` for correction does not.  The deadline is
 * the end of the day in Vietnam (UTC+7, core/date.h):
 *   on_time   submitted before the deadline ended
 *   late      submitted after it
 *   overdue   not submitted and the deadline has passed
 *   pending   not submitted, the deadline has not passed yet
 * missing = overdue + pending + undated.  Judged at a past moment ("as of"), a form
 * submitted after it counts as not yet submitted.  Rates are percentages of the expected forms:
 * reporting rate = submitted / expected, on-time rate = on_time / expected.
 *
 * reporting_compute() is pure (no I/O): the store side fills a struct
 * rep_input (reporting_db.c) and the front ends print the result.
 */
#ifndef GEMIS_REPORTING_H
#define GEMIS_REPORTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/tree.h"
#include "planview.h"
#include "store/db.h"
#include "util/buf.h"

/* A form on record: one row of `submissions` for the year asked. */
struct rep_sub {
	int unit;              /* tree index */
	int agency;            /* agency kind index */
	const char *status;    /* "draft", "submitted", "approved", "returned" */
	long long submitted_at; /* Unix seconds, 0 when never submitted */
	/* the deadline of the unit's plan in force when the form was
	 * submitted (0/0: that plan set none); judged against it when the plan
	 * in force now no longer asks the form */
	bool dl_known;         /* a plan of the unit was in force then */
	int dl_day, dl_month;
};

struct rep_input {
	const struct tree *t;
	int scope;             /* tree index of the unit asked for */
	int year;
	long long now;         /* Unix seconds: "has the deadline passed?" */
	const struct plan_view *plans; /* plans in force, any order */
	size_t nplans;
	const struct rep_sub *subs;
	size_t nsubs;
};

enum form_state {
	FORM_ON_TIME,
	FORM_LATE,
	FORM_OVERDUE,
	FORM_PENDING,
	FORM_IN,      /* submitted; the plan sets no deadline */
	FORM_UNDATED, /* not submitted; the plan sets no deadline */
};

struct rep_form {
	int unit;
	int agency;            /* agency kind index */
	bool in_plan;          /* owed under the plan in force; false for a form
				  submitted for the period under an earlier plan,
				  which still counts */
	unsigned nind;         /* indicators it answers for under the plan in force
				  (0: tasks and narrative only) */
	bool has_due;          /* false: the plan sets no deadline (or no plan) */
	long long due;         /* the first second after the deadline (has_due) */
	int due_day, due_month, due_year; /* 0 without has_due */
	enum form_state state;
	const char *status;    /* workflow status, NULL when no form on record */
	long long submitted_at; /* 0 when not submitted */
};

struct rep_counts {
	/* submitted = on_time + late + those submitted under a plan without a
	 * deadline; missing = overdue + pending + undated (not submitted, no
	 * deadline) */
	unsigned expected, submitted, on_time, late, missing, overdue, pending, undated;
};

struct rep_unit {
	int unit;              /* a unit in scope with a plan, or a leaf without */
	bool has_plan;
	struct rep_counts c;
};

struct rep_agency {
	int agency;            /* agency kind index */
	struct rep_counts c;
};

struct rep_result {
	int scope, year;
	struct rep_form *forms;   /* by unit (tree order), then agency */
	size_t nforms;
	struct rep_unit *units;   /* tree order */
	size_t nunits;
	struct rep_agency *agencies; /* agency kinds that owe at least one form */
	size_t nagencies;
	struct rep_counts total;
	unsigned units_with_plan; /* units in scope with a plan in force */
	unsigned leaves;          /* communes and wards in scope */
	int leaves_reported;      /* of them, those that reported figures for the
				     year (engine_count_reported: the one meaning
				     of "reported"), set by a caller that has the
				     engine; -1 when not counted */
};

/* Computes who owes which form and its state.  GEMIS_ENOMEM only.
 * Release the result with rep_result_release(). */
enum gemis_err reporting_compute(const struct rep_input *in, struct rep_result *out);
void rep_result_release(struct rep_result *r);

/* part / whole * 100, NaN when whole is 0. */
double rep_rate(unsigned part, unsigned whole);

/* "on_time", "late", "overdue", "pending" */
const char *form_state_id(enum form_state s);
/* Name for people, in the current language. */
const char *form_state_name(enum form_state s);

/* Loads the plans and forms of `scope` for the year and computes.  Strings
 * live in mem.  now is the time to judge "overdue" against. */
enum gemis_err reporting_load(struct db *db, const struct tree *t, int scope, int year,
			      long long now, struct arena *mem, struct rep_result *out,
			      struct errctx *e);

/* reporting_load() over the snapshot's tree, with leaves_reported counted
 * from its values (engine_count_reported: the one meaning of "reported"),
 * as every page, the API and the CLI count it. */
struct snapshot;
enum gemis_err reporting_load_counted(struct db *db, const struct snapshot *s, int scope, int year, long long now,
				      struct arena *mem, struct rep_result *out, struct errctx *e);

/* The JSON of `gemis reporting --json`:
 *   {"unit": "12", "name": "Lai Châu", "year": 2026, "as_of": "2026-12-01",
 *    "total": {"expected": 40, "submitted": 31, "on_time": 25, "late": 6,
 *              "missing": 9, "overdue": 9, "pending": 0, "undated": 0,
 *              "reporting_rate": 77.5, "on_time_rate": 62.5},
 *    "units_with_plan": 3, "leaves": 38, "leaves_reported": 30,
 *    "agencies": [{"agency": "yte", "name": "...", <counts>}],
 *    "units": [{"unit": "03390", "name": "...", "has_plan": true, <counts>}],
 *    "forms": [{"unit": "03390", "agency": "yte", "indicators": 5,
 *               "in_plan": true, "due": "2026-11-30", "state": "late",
 *               "status": "approved", "submitted": "2026-12-02"}]}
 * "indicators": 0 is a report of tasks and narrative only; "due" is null
 * and the states "submitted" / "undated" when the plan sets no deadline.
 * Rates are null when nothing is expected. */
enum gemis_err reporting_json(const struct tree *t, const struct rep_result *r, long long now,
			      struct buf *out);
/* The tables for people, in the current language. */
enum gemis_err reporting_text(const struct tree *t, const struct rep_result *r, long long now,
			      struct buf *out);

#endif
