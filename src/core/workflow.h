/*
 * workflow.h: the steps a document goes through, as tables.  Pure (no
 * I/O): store/ keeps a document's state and its history, web/ and api/ ask
 * here which buttons to show, and everything that changes a state asks
 * wf_decide() first.
 *
 * A workflow is one const struct: its states (each with flags saying
 * whether the content may change, whether it counts as sent and whether
 * what it holds is locked), its actions (each with the access right that
 * takes it: core/access.h says which roles hold that right, inside their
 * scope, so roles are checked in one place), its transitions (from, action,
 * to) and the messages that explain a step refused in a state.  State 0 is
 * "none": the document was never saved.  A new domain is a new table
 * (workflows.c), not a new special case:
 *
 *   wf_form            an agency's yearly form (store/submissions.h)
 *     (none) --save--> draft --submit--> submitted --approve--> approved
 *                        ^                  |                      |
 *                        |               return                 reopen
 *                        |                  v                      |
 *                        +---- save ---- returned <----------------+ (to draft)
 *   wf_estimate        a budget estimate, appraised by the economic office
 *     draft --submit--> submitted --appraise--> appraised --approve--> approved
 *     submitted or appraised --return--> returned; approved --reopen--> draft;
 *     approved --spend--> approved (what was spent, on the approved line)
 *   wf_recommendation  an inspection's recommendation and its follow-up
 *     (none) --issue--> issued --follow_up--> followed_up --close--> closed
 *     followed_up --reject--> issued (the follow-up is not enough)
 *   wf_draft           the gender check of a commune's draft legal document
 *     (none) --save--> draft --submit--> submitted --review--> reviewed
 *     submitted --return--> returned --save/submit--> ...; issue (the
 *     document issued) in any state but none, leaving it where it is
 *   wf_report          a unit's report sent up the reporting chain
 *     draft --submit--> submitted --accept--> accepted
 *     submitted --return--> returned --save/submit--> ...
 */
#ifndef GEMIS_WORKFLOW_H
#define GEMIS_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "access.h"
#include "tree.h"
#include "util/err.h"

/* State flags. */
#define WF_EDITABLE 1u /* its content may be changed (saved) */
#define WF_SENT 2u     /* it counts as handed in (reporting rates) */
#define WF_LOCKED 4u   /* what it holds is official and may not change */

/* Action flags. */
#define WF_COMMENT 1u  /* a comment saying why is required */

struct wf_state {
	const char *id;   /* "draft": stored in the database */
	const char *name; /* msgid, for people */
	unsigned flags;
};

struct wf_action {
	const char *id;     /* "submit": in URLs, the API and the history */
	enum action right;  /* core/access.h */
	const char *agency; /* the agency whose accounts take it (an agency kind
			       id, "kinhte"), or NULL: the document's own */
	unsigned flags;
	const char *done;   /* msgid: the action in a history, for people ("submitted") */
};

struct wf_step {
	int from, action, to;
};

/* Why an action is refused in a state: the first row that matches (-1
 * matches any) gives the message; "%s" in it is the state's name. */
struct wf_refusal {
	int from, action;
	const char *msg; /* msgid */
};

struct workflow {
	const char *id;
	const struct wf_state *states;
	size_t nstates;
	const struct wf_action *actions;
	size_t nactions;
	const struct wf_step *steps;
	size_t nsteps;
	const struct wf_refusal *refusals;
	size_t nrefusals;
	const char *not_allowed;   /* msgid: the account may not take the action */
	const char *comment_needed; /* msgid: a WF_COMMENT action without one */
};

/* An agency's form (store/submissions.h): states and actions by number. */
enum sub_status {
	SUB_NONE, /* the form was never saved */
	SUB_DRAFT,
	SUB_SUBMITTED,
	SUB_APPROVED,
	SUB_RETURNED,
};
#define SUB_STATUS_COUNT 5

enum sub_action {
	SUB_SAVE,
	SUB_SUBMIT,
	SUB_APPROVE,
	SUB_RETURN,
	SUB_REOPEN,
};
#define SUB_ACTION_COUNT 5

/* An inspection's recommendation (store/inspections.h): states and
 * actions by number. */
enum rec_state { REC_NONE, REC_ISSUED, REC_FOLLOWED_UP, REC_CLOSED };
enum rec_action { REC_ISSUE, REC_FOLLOW_UP, REC_REJECT, REC_CLOSE };

/* The gender check of a draft (store/drafts.h): states and actions by
 * number. */
enum draft_state { DR_NONE, DR_DRAFT, DR_SUBMITTED, DR_RETURNED, DR_REVIEWED };
enum draft_action { DR_SAVE, DR_SUBMIT, DR_RETURN, DR_REVIEW, DR_ISSUE };

extern const struct workflow wf_form, wf_estimate, wf_recommendation, wf_report, wf_draft;
/* Every workflow, for tests and listings. */
extern const struct workflow *const workflows[];
extern const size_t workflow_count;

/* The state or action named id, or -1. */
int wf_state_find(const struct workflow *w, const char *id);
int wf_action_find(const struct workflow *w, const char *id);
/* Its id ("?" when out of range) and, for a state, its name for people in
 * the current language. */
const char *wf_state_id(const struct workflow *w, int s);
const char *wf_state_name(const struct workflow *w, int s);
const char *wf_action_id(const struct workflow *w, int a);
/* The action as a document's history says it, in the current language
 * ("submitted"); its id when out of range. */
const char *wf_action_done(const struct workflow *w, int a);
/* The state's flags; 0 when out of range. */
unsigned wf_state_flags(const struct workflow *w, int s);

/* True when `who` holds the right to take action a on a document of unit
 * (agency: the document's agency kind, -1 when it has none), whatever its
 * state. */
bool wf_permitted(const struct workflow *w, const struct tree *t, const struct principal *who,
		  int a, int unit, int agency);
/* The state action a leads to from `from`, or -1 when it does not apply. */
int wf_next(const struct workflow *w, int from, int a);
/* True when who may take a now: permitted, and a applies in `from`.  What
 * pages ask to show a button. */
bool wf_may(const struct workflow *w, const struct tree *t, const struct principal *who, int from,
	    int a, int unit, int agency);

/* What must hold before anything is read (wf_check_request) and then in
 * the document's current state (wf_check_state):
 *   GEMIS_EPERM      who may not take a (w->not_allowed);
 *   GEMIS_EINVAL     a needs a comment and has none (e->where "comment");
 *   GEMIS_ECONFLICT  a does not apply in `from` (the refusal's message).
 * wf_check_state() puts the state reached in *to. */
enum gemis_err wf_check_request(const struct workflow *w, const struct tree *t,
				const struct principal *who, int a, int unit, int agency,
				const char *comment, struct errctx *e);
enum gemis_err wf_check_state(const struct workflow *w, int from, int a, int *to, struct errctx *e);

#endif
