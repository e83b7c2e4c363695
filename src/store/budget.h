/*
 * budget.h: the budget lines of communes and their audit trail (tables
 * budget_sources, budget_lines and budget_log of sql/0700_budget.sql).
 *
 * A line is one agency's money for one year, for a task of the plan in
 * force or for its own work, from one funding source; it goes through
 * core/workflows.c's wf_estimate (the agency saves and submits its
 * estimate, the economic or finance office appraises it, the focal point
 * records the committee's approval, the agency records what it spent).
 * Rules of budget_add() and budget_act():
 *   - who: wf_estimate's action rights for the line's agency and unit
 *     (core/access.h), asked before anything is read;
 *   - the version is the line's version the person saw: a change made on
 *     an older one is refused, naming who changed it and when;
 *   - fields: amounts through dong_parse() (whole đồng, 0 or more), a
 *     source of budget_sources, a task of the unit's plan in force (its
 *     number or uid), one-line texts of bounded length; every problem goes
 *     to the diags with its field, and nothing is written unless all is
 *     well;
 *   - every change, the first save included, adds a row to budget_log
 *     with the line as it became (who, when, the comment): the trail of
 *     an approved line's changes (spending, reopening) is whole, and the
 *     table refuses updates and deletions (migration 0701).
 */
#ifndef GEMIS_STORE_BUDGET_H
#define GEMIS_STORE_BUDGET_H

#include <stdbool.h>

#include "core/access.h"
#include "core/budget.h"
#include "core/tree.h"
#include "core/validate.h"
#include "db.h"
#include "util/arena.h"

#define BUDGET_TITLE_MAX 500
#define BUDGET_NOTE_MAX 2000
#define BUDGET_DECISION_MAX 100

struct budget_source {
	const char *id, *name_vi, *name_en;
};

struct budget_list {
	struct arena mem;
	struct budget_source *src; /* every source, in their order */
	size_t nsrc;
	struct budget_line *l;     /* by unit, year, then id */
	size_t n;
};

/* The lines of `year` (every year when 0) of the unit, or of every
 * commune below it for an area, with the labels and goals of their tasks
 * in the plan in force and every funding source.  budget_list_release()
 * frees it, also after a failure. */
enum gemis_err budget_load(struct db *db, const struct tree *t, int unit, int year, struct budget_list *out,
			   struct errctx *e);
void budget_list_release(struct budget_list *l);
const struct budget_line *budget_find(const struct budget_list *l, long long id);
/* The source's name for people ("Ngân sách xã"), its id when unknown. */
const char *budget_source_name(const struct budget_list *l, const char *id, bool english);

/* The fields of a line as people write them (NULL: not given). */
struct budget_fields {
	const char *year;     /* a new line's year ("2026") */
	const char *agency;   /* a new line's agency kind id */
	const char *task;     /* a task's number ("2.1") or uid; "" for none */
	const char *source, *title, *estimate, *note;
};

/* Adds a line (state draft, or submitted when submit is true) as `who` at
 * `now`; *id gets its id.
 *   GEMIS_EPERM      who may not enter estimates for that agency of the unit;
 *   GEMIS_EINVAL     problems in d, by field ("year", "agency", "task",
 *                    "source", "title", "estimate", "note").
 * Nothing is written unless GEMIS_OK. */
enum gemis_err budget_add(struct db *db, const struct tree *t, const struct principal *who, int unit,
			  const struct budget_fields *f, bool submit, long long now, struct diags *d, long long *id,
			  struct errctx *e);

/* A step on a line: an action of wf_estimate ("save", "submit",
 * "appraise", "approve", "return", "reopen", "spend"). */
struct budget_step {
	const char *action;
	long long version;            /* the line's version the person saw */
	struct budget_fields fields;  /* save (and submit): the fields changed */
	const char *amount;           /* appraise: the appraised amount (required);
					 approve: the approved one (default: the
					 appraised); spend: what was spent */
	const char *decision_no;      /* approve: the committee's decision, required */
	const char *decision_date;    /* approve: dd/mm/yyyy or yyyy-mm-dd, required */
	const char *comment;          /* return, reopen: required; else optional */
};

/* Takes the step on line id of the unit.
 *   GEMIS_ENOTFOUND  no such line in the unit, or no such action;
 *   GEMIS_EPERM      who may not take it (wf_estimate's not_allowed);
 *   GEMIS_EINVAL     problems in d by field ("amount" is named after the
 *                    step: "appraised", "approved", "spent"; "comment",
 *                    "decision_no", "decision_date", the fields of save);
 *   GEMIS_ECONFLICT  the step does not apply in the line's state, or the
 *                    line changed since `version` (message in e). */
enum gemis_err budget_act(struct db *db, const struct tree *t, const struct principal *who, int unit, long long id,
			  const struct budget_step *s, long long now, struct diags *d, struct errctx *e);

/* One change of a line, from budget_log. */
struct budget_event {
	long long version;
	const char *action, *status;
	long long estimate, appraised, approved, spent; /* BUDGET_NONE when none */
	const char *decision_no, *decision_date, *comment;
	const char *by;
	long long at;
};

/* The trail of line id of the unit, oldest first, into the list's arena
 * (l from budget_load of that unit). */
enum gemis_err budget_history(struct db *db, const struct tree *t, int unit, long long id, struct budget_list *l,
			      struct budget_event **out, size_t *n, struct errctx *e);

#endif
