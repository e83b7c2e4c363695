/*
 * inspections.h: a commune's inspections and supervision and the
 * recommendations they issue (tables inspections, recommendations and
 * recommendation_steps of sql/0800_inspections.sql; the rules are
 * core/oversight.h's, the follow-up core/workflow.h's wf_recommendation).
 *
 * Who may do what is asked of core/access.h: recording an inspection
 * needs access_inspection_body() for its inspecting body; issuing,
 * rejecting and closing a recommendation the workflow's right (INSPECT)
 * and the inspection's body; following one up the agency's (ENTER).
 * Every change is on a version: a stale one is refused (GEMIS_ECONFLICT).
 */
#ifndef GEMIS_STORE_INSPECTIONS_H
#define GEMIS_STORE_INSPECTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/access.h"
#include "core/oversight.h"
#include "core/tree.h"
#include "db.h"
#include "records.h"
#include "util/arena.h"

struct recommendation {
	long long id, inspection_id;
	int unit;
	const char *text;
	int agency;           /* agency kind index */
	struct date due;
	int state;            /* enum rec_state */
	const char *comment;  /* the last follow-up's or rejection's, or NULL */
	long long version;
	const char *updated_by;
	long long updated_at;
	struct record_step *steps; /* wf_recommendation's, oldest first (inspection_get only) */
	size_t nsteps;
};

struct inspection {
	long long id;
	int unit;
	struct insp_fields f; /* strings in the arena */
	long long version;
	const char *created_by, *updated_by;
	long long updated_at;
	struct recommendation *recs; /* in the order issued */
	size_t nrecs;
};

/* The inspections of unit's subtree in `year` (planned start order), each
 * with its recommendations (without steps); unit a commune gives its own.
 * Everything in mem. */
enum gemis_err inspections_list(struct db *db, const struct tree *t, int unit, int year, struct arena *mem,
				struct inspection **out, size_t *n, struct errctx *e);

/* Inspection `id` of unit with its recommendations and their steps, in
 * mem.  GEMIS_ENOTFOUND when the unit has no such inspection. */
enum gemis_err inspection_get(struct db *db, const struct tree *t, int unit, long long id, struct arena *mem,
			      struct inspection *out, struct errctx *e);

/* Saves x (x->id 0: a new one, then x->id and x->version are set; else a
 * change on x->version) as who, on `today`.  Errors: GEMIS_EPERM (the
 * account may not record for this body, or for the inspection's body
 * before the change), GEMIS_EINVAL with each problem in d naming its
 * field, GEMIS_ECONFLICT on a stale version, GEMIS_ENOTFOUND. */
enum gemis_err inspection_save(struct db *db, const struct tree *t, const struct principal *who,
			       struct inspection *x, struct date today, long long now, struct diags *d,
			       struct errctx *e);

/* Issues a recommendation of inspection `inspection` of unit (the
 * workflow's "issue"); *id gets its id.  Errors as inspection_save(). */
enum gemis_err recommendation_issue(struct db *db, const struct tree *t, const struct principal *who, int unit,
				    long long inspection, const struct rec_fields *f, long long now,
				    long long *id, struct diags *d, struct errctx *e);

/* Recommendation id of unit (without steps), in mem; GEMIS_ENOTFOUND. */
enum gemis_err recommendation_get(struct db *db, const struct tree *t, int unit, long long id, struct arena *mem,
				  struct recommendation *x, struct errctx *e);

/* Takes action a (wf_recommendation: follow_up, reject, close) on
 * recommendation id of unit, seen at `version`; *inspection gets the
 * inspection it belongs to (may be NULL).  Errors: GEMIS_EPERM,
 * GEMIS_EINVAL (a comment needed, e->where "comment"), GEMIS_ECONFLICT
 * (the step does not apply now, or a stale version), GEMIS_ENOTFOUND. */
enum gemis_err recommendation_act(struct db *db, const struct tree *t, const struct principal *who, int unit,
				  long long id, int a, long long version, const char *comment, long long now,
				  long long *inspection, struct errctx *e);

/* What a unit's subtree did in a year: for the yearly report and lists. */
struct insp_sum {
	unsigned planned, held, with_findings;
	unsigned by_body[IB_COUNT];         /* planned, by who inspects */
	unsigned recs, recs_closed, recs_open, recs_overdue;
	unsigned communes, communes_inspected; /* communes of the subtree; with one held */
};
/* Sums a list of inspections judged on `today`; communes of the subtree
 * counted from the tree. */
void inspections_sum(const struct tree *t, int unit, const struct inspection *v, size_t n, struct date today,
		     struct insp_sum *s);

#endif
