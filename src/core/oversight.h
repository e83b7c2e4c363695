/*
 * oversight.h: inspections and supervision of a commune's gender equality
 * work, as rules.  Pure (no clock, no I/O): store/inspections.c keeps
 * them, the pages, the API and the command line check against these.
 *
 * A commune's yearly inspection plan is a list of inspections: who
 * inspects (the commune's People's Committee, the Fatherland Front's
 * supervision, the province), what (an agency of the commune, or a
 * village, named in words), when (a window of days within the year).
 * An inspection held has its day and its findings, and issues
 * recommendations, each to an agency with a deadline; a recommendation is
 * followed up until closed along core/workflow.h's wf_recommendation.
 */
#ifndef GEMIS_OVERSIGHT_H
#define GEMIS_OVERSIGHT_H

#include <stdbool.h>

#include "date.h"
#include "validate.h"

/* Who inspects or supervises. */
enum insp_body {
	IB_COMMUNE,  /* the commune's People's Committee (kiểm tra) */
	IB_FRONT,    /* the Fatherland Front's committee (giám sát) */
	IB_PROVINCE, /* the province (its Department of Home Affairs) */
};
#define IB_COUNT 3

const char *insp_body_id(enum insp_body b);   /* "commune", "front", "province" */
const char *insp_body_name(enum insp_body b); /* for people, current language */
int insp_body_parse(const char *s);           /* -1 if unknown */

/* Limits of the fields. */
#define INSP_SUBJECT_MAX 300
#define INSP_FINDINGS_MAX 8000
#define REC_TEXT_MAX 2000

/* An inspection as entered. */
struct insp_fields {
	int year;
	int body;                 /* enum insp_body, -1 when unknown */
	int agency;               /* agency kind inspected, -1 when a village or other */
	const char *subject;      /* what is inspected, one line */
	struct date from, to;     /* the planned window */
	bool held;
	struct date held_on;
	const char *findings;     /* may be NULL or "" */
};

/* Adds a problem to d for each field that does not hold, naming it:
 * the year out of range, an unknown body, a subject missing, too long or
 * not one line, the window not within the year or ending before it
 * starts, the inspection held after `today` or outside its year, findings
 * without the day it was held or too long. */
void insp_check(const struct insp_fields *x, struct date today, struct diags *d);

/* A recommendation as issued: to an agency (kind index), by a day. */
struct rec_fields {
	const char *text;
	int agency;
	struct date due;
};

/* Problems of a new recommendation of an inspection held on `held_on`
 * (bool held false: not yet held, which refuses it): text missing or too
 * long, an unknown agency, a deadline before the inspection. */
void rec_check(const struct rec_fields *x, bool held, struct date held_on, struct diags *d);

/* Whether a recommendation in wf_recommendation state `state` with
 * deadline `due` is overdue on `today` (issued, or rejected back to
 * issued, and not followed up by its deadline: once the agency reports
 * what it did, the next step is the inspectors'), or due within `soon`
 * days (issued, deadline not passed). */
bool rec_overdue(int state, struct date due, struct date today);
bool rec_due_soon(int state, struct date due, struct date today, int soon);

#endif
