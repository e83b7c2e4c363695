/*
 * drafts.h: the gender check of a commune's draft legal documents (tables
 * gender_check_questions, drafts, draft_answers and draft_steps of
 * sql/0820_drafts.sql; the rules are core/drafts.h's, the steps
 * core/workflow.h's wf_draft).
 *
 * Who may do what is asked of core/access.h through the workflow: the
 * drafting agency (its reporter, the focal point, the admin: ENTER for the
 * draft's agency) registers the draft and fills and submits its check; the
 * Culture and Social Affairs Office, or the focal point, returns or
 * reviews it (REVIEW_DRAFT, never its own: access_draft_review()); the
 * focal point records the document issued (APPROVE).  Everyone of the
 * unit's scope reads, the Fatherland Front's supervisor included.  Every
 * change is on a version: a stale one is refused (GEMIS_ECONFLICT), and
 * nothing is written unless all is well.  Once issued, nothing of the
 * draft or its check changes.
 */
#ifndef GEMIS_STORE_DRAFTS_H
#define GEMIS_STORE_DRAFTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/access.h"
#include "core/drafts.h"
#include "core/tree.h"
#include "db.h"
#include "records.h"
#include "util/arena.h"

struct draft {
	long long id;
	int unit;
	int year;               /* the year of f.drafted_on */
	struct draft_fields f;  /* strings in the arena */
	int checklist_version;  /* the checklist it is filled against */
	int state;              /* enum draft_state */
	const char *review;     /* the last review's opinion or return's reason, or NULL */
	bool issued;
	const char *issued_no;  /* NULL until issued */
	struct date issued_on;
	long long version;
	const char *created_by, *updated_by;
	long long updated_at;
	struct draft_answer *answers; /* in the checklist's order (draft_get only) */
	size_t nanswers;
	struct record_step *steps;    /* wf_draft's, oldest first (draft_get only) */
	size_t nsteps;
};

/* Version `version` of the checklist (0: the latest), in mem.
 * GEMIS_ENOTFOUND when there is no such version. */
enum gemis_err gc_checklist_load(struct db *db, int version, struct arena *mem, struct gc_checklist *out,
				 struct errctx *e);

/* The drafts of unit's subtree of `year` (by the day of the draft), without
 * answers and steps; everything in mem. */
enum gemis_err drafts_list(struct db *db, const struct tree *t, int unit, int year, struct arena *mem,
			   struct draft **out, size_t *n, struct errctx *e);

/* Draft id of unit with its answers and steps, in mem; GEMIS_ENOTFOUND. */
enum gemis_err draft_get(struct db *db, const struct tree *t, int unit, long long id, struct arena *mem,
			 struct draft *out, struct errctx *e);

/* Saves draft x (x->id 0: a new one of x->unit, then x->id, x->version,
 * x->year and x->checklist_version are set; else a change of its fields
 * on x->version) and the answers a (each replaces the one stored for its
 * question; "" clears it), as who on `today`; with submit, the check is
 * submitted for review (every required question answered).  Errors:
 * GEMIS_EPERM (who may not enter for the draft's agency, before or after
 * the change), GEMIS_EINVAL with each problem in d naming its field
 * ("kind", "title", "drafted_on", "answers.ID"...), GEMIS_ECONFLICT (the
 * check is submitted or reviewed, the draft issued, or x->version stale),
 * GEMIS_ENOTFOUND. */
enum gemis_err draft_save(struct db *db, const struct tree *t, const struct principal *who, struct draft *x,
			  const struct draft_answer *a, size_t na, bool submit, struct date today, long long now,
			  struct diags *d, struct errctx *e);

/* Returns (a = DR_RETURN) or reviews (DR_REVIEW) the check of draft id of
 * unit, seen at `version`, with the reviewer's comment (required).
 * Errors: GEMIS_EPERM (asked before anything is read; then the drafting
 * agency reviewing its own), GEMIS_EINVAL (e->where "comment" or
 * "action"), GEMIS_ECONFLICT (not submitted, issued, stale),
 * GEMIS_ENOTFOUND. */
enum gemis_err draft_act(struct db *db, const struct tree *t, const struct principal *who, int unit, long long id,
			 int a, long long version, const char *comment, long long now, struct errctx *e);

/* Records draft id of unit issued as number `no` on `on` (wf_draft's
 * issue), seen at `version`.  Errors: GEMIS_EPERM, GEMIS_EINVAL in d
 * ("issued_no", "issued_on": before the draft's day, after today),
 * GEMIS_ECONFLICT (issued already, stale), GEMIS_ENOTFOUND. */
enum gemis_err draft_issue(struct db *db, const struct tree *t, const struct principal *who, int unit, long long id,
			   long long version, const char *no, struct date on, struct date today, long long now,
			   struct diags *d, struct errctx *e);

/* What a unit's subtree did in a year: for the yearly report and lists. */
struct draft_sum {
	unsigned drafts;          /* registered, by the year of the draft */
	unsigned waiting;         /* submitted, not yet reviewed */
	unsigned reviewed;        /* checks reviewed: the drafts checked */
	unsigned issued;          /* documents issued */
	unsigned issued_reviewed; /* of them, with their check reviewed */
	unsigned by_kind[DK_COUNT];
};
void drafts_sum(const struct draft *v, size_t n, struct draft_sum *s);

#endif
