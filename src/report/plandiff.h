/*
 * plandiff.h: what applying a plan would change for its unit, shown before
 * anything changes (the web's review page, `gemis plan import --apply`).
 *
 * For the year asked, and for each indicator: the target that applies now
 * and the one that would apply after (the unit's own plan, else inherited
 * from the nearest ancestor's plan, else the national target: the rule of
 * core/engine.h), and the status each gives with the data as it is.  For
 * each agency: the indicators it answers for now and after, and the state
 * of its form of the year.  Forms already submitted or approved belong to
 * the period, not to the plan: they stay visible and counted whatever plan
 * is in force (store/submissions.h, report/reporting.h), and the diff says
 * so for the agencies the new plan no longer asks anything of.
 */
#ifndef GEMIS_PLANDIFF_H
#define GEMIS_PLANDIFF_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/indset.h"
#include "planview.h"
#include "store/snapshot.h"
#include "store/submissions.h"
#include "util/arena.h"
#include "util/buf.h"

/* Where a target comes from, as the unit sees it. */
enum target_from {
	FROM_NONE,     /* no target applies */
	FROM_OWN,      /* the unit's own plan (the one in force, or the new one) */
	FROM_ANCESTOR, /* an ancestor's plan (the province's, the nation's) */
	FROM_NATIONAL, /* the national strategy's 2030 target */
};

struct plan_diff_row {
	int ind;                    /* catalog index */
	struct target before, after; /* the target that applies; .origin the unit
					whose plan set it, -1 the nation */
	enum target_from from_before, from_after;
	struct assessment st_before, st_after;
	bool target_changed, status_changed;
};

struct plan_diff_form {
	int agency;                 /* agency kind index */
	struct indset before, after; /* indicators it answers for (heap; plan_diff_release) */
	enum sub_status status;     /* its form of the year; SUB_NONE when none */
};

/* A target of the new plan outside the catalog, or a local indicator in
 * force that the new plan drops (store/local_indicators.h). */
struct plan_diff_local {
	const char *name;   /* the local indicator's name (the plan's sentence) */
	int seq;            /* the label it keeps ("L<seq>"), 0 for a new one */
	bool dropped;       /* in force now, not in the new plan: out of force, its values kept */
	struct target after; /* the new plan's target (not for a dropped one) */
	const char *unit;   /* its unit of measure */
};

struct plan_diff {
	int unit, year;
	long long in_force;         /* id of the plan in force now, 0 when none */
	unsigned own_before, own_after; /* indicators the unit's own plan sets a target for */
	struct plan_diff_row *rows; /* indicators with a target now or after, catalog order */
	size_t nrows;
	struct plan_diff_form forms[PV_MAX_AGENCIES]; /* agencies with duties now or
							  after, or a form of the year */
	size_t nforms;
	int dl_before[2], dl_after[2]; /* deadline day and month, 0 when none */
	unsigned targets_changed, statuses_changed;
	unsigned forms_added;       /* agencies that will owe a form and do not now */
	unsigned forms_dropped;     /* agencies that owe one now and will not */
	unsigned forms_kept;        /* of those, forms submitted or approved: kept and counted */
	struct plan_diff_local *locals; /* the new plan's, then the dropped */
	size_t nlocals;
	unsigned locals_new, locals_kept, locals_dropped;
	struct arena locals_mem;
};

/* Whether a form in state s counts in the reporting rates (wf_form's
 * WF_SENT): such a form is kept and counted when a plan stops asking it. */
bool plan_diff_counted(enum sub_status s);

/* Computes what storing `plan` (checked with plan_check()) for `unit`
 * would change in `year`, against the plan in force and the data of the
 * snapshot.  Release with plan_diff_release(). */
enum gemis_err plan_diff_compute(struct db *db, const struct snapshot *s, int unit, int year,
				 const json_t *plan, struct plan_diff *out, struct errctx *e);
void plan_diff_release(struct plan_diff *d);

/* True when the new plan sets targets for fewer indicators than the one
 * in force: said loudly wherever a plan is applied. */
bool plan_diff_fewer_targets(const struct plan_diff *d);

/* The summary for people, in the current language, one line each: the
 * targets, the warning when fewer, the forms kept, the statuses that
 * move. */
enum gemis_err plan_diff_text(const struct tree *t, const struct plan_diff *d, struct buf *out);

/* Where a target comes from, for people ("this plan", "Lai Châu's plan",
 * "the national strategy"); `after` picks the words for the new plan. */
const char *plan_diff_from_name(const struct tree *t, const struct target *x, enum target_from from,
				bool after, char *buf, size_t n);

#endif
