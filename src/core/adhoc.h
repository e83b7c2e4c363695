/*
 * adhoc.h: ad hoc requests ("báo cáo đột xuất"), the rules without I/O.
 *
 * A province asks its communes, the nation (the admin, the ministry) its
 * provinces, for a report by a day: a title, a list of indicators and/or
 * a question.  Every unit directly below the asking one is asked; each
 * answers (the indicators' figures as they stand when it submits, a text,
 * an optional file) through core/workflow's wf_report: submitted, returned
 * with a comment, accepted and locked.  store/adhoc.h keeps requests and
 * answers; here is who may ask, what a request must hold, and how an
 * answer stands against the due day (on time, late, not yet).
 */
#ifndef GEMIS_ADHOC_H
#define GEMIS_ADHOC_H

#include <stdbool.h>
#include <stddef.h>

#include "access.h"
#include "date.h"
#include "tree.h"
#include "util/err.h"

#define ADHOC_TITLE_MAX 200      /* bytes */
#define ADHOC_TEXT_MAX 8000      /* a question or an answer, bytes */
#define ADHOC_INDICATORS_MAX 40  /* indicators one request asks for */

/* A request as someone writes it. */
struct adhoc_ask {
	int unit;                /* the asking unit (tree index) */
	const char *title;
	const char *question;    /* NULL or "" for none */
	const char *indicators;  /* comma (or space) list of catalog ids, NULL for none */
	struct date due;
	bool has_due;
};

/* True when the unit asks for ad hoc reports: the nation and the
 * provinces (a unit with units below it that report to it). */
bool adhoc_unit_asks(const struct tree *t, int unit);

/* True when who may ask in the name of unit: the unit asks, and who
 * receives the reports of the units below it (core/access.h's RECEIVE)
 * from that very unit, or is the admin. */
bool adhoc_may_ask(const struct tree *t, const struct principal *who, int unit);

/* Checks a request before anything is written:
 *   GEMIS_EPERM   who may not ask in the unit's name;
 *   GEMIS_EINVAL  naming the field: "unit" (a commune does not ask),
 *                 "title" (missing or too long), "due" (missing or before
 *                 today), "indicators" (an unknown id, too many),
 *                 "question" (too long, or neither indicators nor a
 *                 question).
 * ids (ADHOC_INDICATORS_MAX entries) receives the catalog indices of the
 * indicators, *nids their count, in the order given, without repeats. */
enum gemis_err adhoc_check_ask(const struct tree *t, const struct principal *who, const struct adhoc_ask *a,
			       struct date today, int *ids, size_t *nids, struct errctx *e);

/* Where an answer stands against the request's due day. */
enum adhoc_timing {
	ADHOC_NOT_YET,  /* not sent, not yet due */
	ADHOC_OVERDUE,  /* not sent, and the due day is over */
	ADHOC_ON_TIME,  /* first sent before the due day ended */
	ADHOC_LATE,     /* first sent after it */
};

/* first_submitted_at: Unix seconds, 0 for never; now: Unix seconds. */
enum adhoc_timing adhoc_timing(struct date due, long long first_submitted_at, long long now);
/* Its id ("on_time") and its name for people in the current language. */
const char *adhoc_timing_id(enum adhoc_timing x);
const char *adhoc_timing_name(enum adhoc_timing x);

#endif
