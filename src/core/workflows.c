/*
 * workflows.c: the workflow of each kind of document (workflow.h draws
 * them).  A new kind of document adds a table here and its row in
 * workflows[].
 */
#include "workflow.h"

#include "util/i18n.h"

#include "util/banned.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define ANY (-1)

/* --- an agency's form --------------------------------------------------- */

static const struct wf_state form_states[SUB_STATUS_COUNT] = {
	[SUB_NONE] = {"none", N_("not started"), WF_EDITABLE},
	[SUB_DRAFT] = {"draft", N_("draft"), WF_EDITABLE},
	[SUB_SUBMITTED] = {"submitted", N_("submitted"), WF_SENT},
	[SUB_APPROVED] = {"approved", N_("approved"), WF_SENT | WF_LOCKED},
	[SUB_RETURNED] = {"returned", N_("returned"), WF_EDITABLE},
};

static const struct wf_action form_actions[SUB_ACTION_COUNT] = {
	[SUB_SAVE] = {"save", ACT_ENTER, NULL, 0, N_("saved")},
	[SUB_SUBMIT] = {"submit", ACT_ENTER, NULL, 0, N_("submitted")},
	[SUB_APPROVE] = {"approve", ACT_APPROVE, NULL, 0, N_("approved")},
	[SUB_RETURN] = {"return", ACT_APPROVE, NULL, WF_COMMENT, N_("returned")},
	[SUB_REOPEN] = {"reopen", ACT_APPROVE, NULL, 0, N_("reopened")},
};

static const struct wf_step form_steps[] = {
	{SUB_NONE, SUB_SAVE, SUB_DRAFT},
	{SUB_DRAFT, SUB_SAVE, SUB_DRAFT},
	/* a returned form saved again stays returned until it is submitted */
	{SUB_RETURNED, SUB_SAVE, SUB_RETURNED},
	{SUB_NONE, SUB_SUBMIT, SUB_SUBMITTED},
	{SUB_DRAFT, SUB_SUBMIT, SUB_SUBMITTED},
	{SUB_RETURNED, SUB_SUBMIT, SUB_SUBMITTED},
	{SUB_SUBMITTED, SUB_APPROVE, SUB_APPROVED},
	{SUB_SUBMITTED, SUB_RETURN, SUB_RETURNED},
	{SUB_APPROVED, SUB_REOPEN, SUB_DRAFT},
};

static const struct wf_refusal form_refusals[] = {
	{SUB_APPROVED, ANY, N_("this form is approved and locked: the focal point must reopen it first")},
	{SUB_SUBMITTED, SUB_SAVE,
	 N_("this form is submitted and waits for approval: it can change only after the focal point returns it")},
	{SUB_SUBMITTED, SUB_SUBMIT,
	 N_("this form is submitted and waits for approval: it can change only after the focal point returns it")},
	{ANY, SUB_REOPEN, N_("only an approved form can be reopened; this one is: %s")},
	{ANY, ANY, N_("only a submitted form can be approved or returned; this one is: %s")},
};

const struct workflow wf_form = {
	"form",
	form_states, NELEM(form_states),
	form_actions, NELEM(form_actions),
	form_steps, NELEM(form_steps),
	form_refusals, NELEM(form_refusals),
	N_("you may not do this to this form"),
	N_("say why the form is returned, so that the agency knows what to fix"),
};

/* --- the rows shared by the documents to come -------------------------- */

static const struct wf_refusal any_refusal[] = {
	{ANY, ANY, N_("this step does not apply to it now; it is: %s")},
};

#define NOT_ALLOWED N_("you may not do this")
#define SAY_WHY N_("say why, in a comment")

/* --- a budget estimate, appraised by the economic office ---------------- */

enum { EST_NONE, EST_DRAFT, EST_SUBMITTED, EST_APPRAISED, EST_APPROVED, EST_RETURNED };
enum { EST_SAVE, EST_SUBMIT, EST_APPRAISE, EST_APPROVE, EST_RETURN, EST_REOPEN, EST_SPEND };

static const struct wf_state estimate_states[] = {
	[EST_NONE] = {"none", N_("not started"), WF_EDITABLE},
	[EST_DRAFT] = {"draft", N_("draft"), WF_EDITABLE},
	[EST_SUBMITTED] = {"submitted", N_("submitted"), WF_SENT},
	[EST_APPRAISED] = {"appraised", N_("appraised"), WF_SENT},
	[EST_APPROVED] = {"approved", N_("approved"), WF_SENT | WF_LOCKED},
	[EST_RETURNED] = {"returned", N_("returned"), WF_EDITABLE},
};

static const struct wf_action estimate_actions[] = {
	[EST_SAVE] = {"save", ACT_ENTER, NULL, 0, N_("saved")},
	[EST_SUBMIT] = {"submit", ACT_ENTER, NULL, 0, N_("submitted")},
	/* the economic or finance office (core/access.c decides who) */
	[EST_APPRAISE] = {"appraise", ACT_APPRAISE, NULL, 0, N_("appraised")},
	[EST_APPROVE] = {"approve", ACT_APPROVE, NULL, 0, N_("approved")},
	[EST_RETURN] = {"return", ACT_APPROVE, NULL, WF_COMMENT, N_("returned")},
	[EST_REOPEN] = {"reopen", ACT_APPROVE, NULL, WF_COMMENT, N_("reopened")},
	/* the agency records what it spent of what was approved */
	[EST_SPEND] = {"spend", ACT_ENTER, NULL, 0, N_("spending recorded")},
};

static const struct wf_step estimate_steps[] = {
	{EST_NONE, EST_SAVE, EST_DRAFT},
	{EST_DRAFT, EST_SAVE, EST_DRAFT},
	{EST_RETURNED, EST_SAVE, EST_RETURNED},
	{EST_NONE, EST_SUBMIT, EST_SUBMITTED},
	{EST_DRAFT, EST_SUBMIT, EST_SUBMITTED},
	{EST_RETURNED, EST_SUBMIT, EST_SUBMITTED},
	{EST_SUBMITTED, EST_APPRAISE, EST_APPRAISED},
	{EST_SUBMITTED, EST_RETURN, EST_RETURNED},
	{EST_APPRAISED, EST_RETURN, EST_RETURNED},
	{EST_APPRAISED, EST_APPROVE, EST_APPROVED},
	{EST_APPROVED, EST_REOPEN, EST_DRAFT},
	{EST_APPROVED, EST_SPEND, EST_APPROVED},
};

const struct workflow wf_estimate = {
	"estimate",
	estimate_states, NELEM(estimate_states),
	estimate_actions, NELEM(estimate_actions),
	estimate_steps, NELEM(estimate_steps),
	any_refusal, NELEM(any_refusal),
	NOT_ALLOWED, SAY_WHY,
};

/* --- an inspection's recommendation and its follow-up ------------------- */

static const struct wf_state recommendation_states[] = {
	[REC_NONE] = {"none", N_("not started"), 0},
	[REC_ISSUED] = {"issued", N_("issued"), WF_EDITABLE},
	[REC_FOLLOWED_UP] = {"followed_up", N_("followed up"), WF_SENT},
	[REC_CLOSED] = {"closed", N_("closed"), WF_SENT | WF_LOCKED},
};

static const struct wf_action recommendation_actions[] = {
	[REC_ISSUE] = {"issue", ACT_INSPECT, NULL, 0, N_("issued")},
	/* the agency says what it did */
	[REC_FOLLOW_UP] = {"follow_up", ACT_ENTER, NULL, WF_COMMENT, N_("followed up")},
	[REC_REJECT] = {"reject", ACT_INSPECT, NULL, WF_COMMENT, N_("rejected")},
	[REC_CLOSE] = {"close", ACT_INSPECT, NULL, 0, N_("closed")},
};

static const struct wf_step recommendation_steps[] = {
	{REC_NONE, REC_ISSUE, REC_ISSUED},
	{REC_ISSUED, REC_FOLLOW_UP, REC_FOLLOWED_UP},
	{REC_FOLLOWED_UP, REC_REJECT, REC_ISSUED},
	{REC_FOLLOWED_UP, REC_CLOSE, REC_CLOSED},
};

const struct workflow wf_recommendation = {
	"recommendation",
	recommendation_states, NELEM(recommendation_states),
	recommendation_actions, NELEM(recommendation_actions),
	recommendation_steps, NELEM(recommendation_steps),
	any_refusal, NELEM(any_refusal),
	NOT_ALLOWED, SAY_WHY,
};

/* --- the gender check of a commune's draft legal document --------------- */

static const struct wf_state draft_states[] = {
	[DR_NONE] = {"none", N_("not started"), WF_EDITABLE},
	[DR_DRAFT] = {"draft", N_("draft"), WF_EDITABLE},
	[DR_SUBMITTED] = {"submitted", N_("submitted"), WF_SENT},
	[DR_RETURNED] = {"returned", N_("returned"), WF_EDITABLE},
	[DR_REVIEWED] = {"reviewed", N_("reviewed"), WF_SENT | WF_LOCKED},
};

static const struct wf_action draft_actions[] = {
	/* the drafting agency fills the checklist in */
	[DR_SAVE] = {"save", ACT_ENTER, NULL, 0, N_("saved")},
	[DR_SUBMIT] = {"submit", ACT_ENTER, NULL, 0, N_("submitted")},
	/* the Culture and Social Affairs Office reviews it (core/access.h) */
	[DR_RETURN] = {"return", ACT_REVIEW_DRAFT, NULL, WF_COMMENT, N_("returned")},
	[DR_REVIEW] = {"review", ACT_REVIEW_DRAFT, NULL, WF_COMMENT, N_("reviewed")},
	/* the committee issues the document, checked or not: the check stays
	 * in the state it reached, and nothing changes after */
	[DR_ISSUE] = {"issue", ACT_APPROVE, NULL, 0, N_("issued")},
};

static const struct wf_step draft_steps[] = {
	{DR_NONE, DR_SAVE, DR_DRAFT},
	{DR_DRAFT, DR_SAVE, DR_DRAFT},
	{DR_RETURNED, DR_SAVE, DR_RETURNED},
	{DR_NONE, DR_SUBMIT, DR_SUBMITTED},
	{DR_DRAFT, DR_SUBMIT, DR_SUBMITTED},
	{DR_RETURNED, DR_SUBMIT, DR_SUBMITTED},
	{DR_SUBMITTED, DR_RETURN, DR_RETURNED},
	{DR_SUBMITTED, DR_REVIEW, DR_REVIEWED},
	{DR_DRAFT, DR_ISSUE, DR_DRAFT},
	{DR_SUBMITTED, DR_ISSUE, DR_SUBMITTED},
	{DR_RETURNED, DR_ISSUE, DR_RETURNED},
	{DR_REVIEWED, DR_ISSUE, DR_REVIEWED},
};

static const struct wf_refusal draft_refusals[] = {
	{DR_REVIEWED, ANY, N_("this gender check is reviewed and locked")},
	{DR_SUBMITTED, DR_SAVE,
	 N_("this gender check is submitted and waits for review: it can change only after it is returned")},
	{DR_SUBMITTED, DR_SUBMIT,
	 N_("this gender check is submitted and waits for review: it can change only after it is returned")},
	{ANY, ANY, N_("only a submitted gender check can be returned or reviewed; this one is: %s")},
};

const struct workflow wf_draft = {
	"draft",
	draft_states, NELEM(draft_states),
	draft_actions, NELEM(draft_actions),
	draft_steps, NELEM(draft_steps),
	draft_refusals, NELEM(draft_refusals),
	N_("you may not do this to this draft"),
	N_("say what the drafting agency should know: the review's opinion or what to fix"),
};

/* --- a unit's report sent up the reporting chain ------------------------ */

enum { REP_NONE, REP_DRAFT, REP_SUBMITTED, REP_RETURNED, REP_ACCEPTED };
enum { REP_SAVE, REP_SUBMIT, REP_RETURN, REP_ACCEPT };

static const struct wf_state report_states[] = {
	[REP_NONE] = {"none", N_("not started"), WF_EDITABLE},
	[REP_DRAFT] = {"draft", N_("draft"), WF_EDITABLE},
	[REP_SUBMITTED] = {"submitted", N_("submitted"), WF_SENT},
	[REP_RETURNED] = {"returned", N_("returned"), WF_EDITABLE},
	[REP_ACCEPTED] = {"accepted", N_("accepted"), WF_SENT | WF_LOCKED},
};

static const struct wf_action report_actions[] = {
	[REP_SAVE] = {"save", ACT_SEND, NULL, 0, N_("saved")},
	[REP_SUBMIT] = {"submit", ACT_SEND, NULL, 0, N_("submitted")},
	[REP_RETURN] = {"return", ACT_RECEIVE, NULL, WF_COMMENT, N_("returned")},
	[REP_ACCEPT] = {"accept", ACT_RECEIVE, NULL, 0, N_("accepted")},
};

static const struct wf_step report_steps[] = {
	{REP_NONE, REP_SAVE, REP_DRAFT},
	{REP_DRAFT, REP_SAVE, REP_DRAFT},
	{REP_RETURNED, REP_SAVE, REP_RETURNED},
	{REP_NONE, REP_SUBMIT, REP_SUBMITTED},
	{REP_DRAFT, REP_SUBMIT, REP_SUBMITTED},
	{REP_RETURNED, REP_SUBMIT, REP_SUBMITTED},
	{REP_SUBMITTED, REP_RETURN, REP_RETURNED},
	{REP_SUBMITTED, REP_ACCEPT, REP_ACCEPTED},
};

static const struct wf_refusal report_refusals[] = {
	{REP_ACCEPTED, ANY, N_("this report is accepted and locked with the figures it carried")},
	{REP_SUBMITTED, REP_SUBMIT,
	 N_("this report is submitted and waits for review: it can be sent again only after it is returned")},
	{ANY, ANY, N_("only a submitted report can be returned or accepted; this one is: %s")},
};

const struct workflow wf_report = {
	"report",
	report_states, NELEM(report_states),
	report_actions, NELEM(report_actions),
	report_steps, NELEM(report_steps),
	report_refusals, NELEM(report_refusals),
	N_("you may not do this to this report"),
	N_("say why the report is returned, so that its sender knows what to fix"),
};

const struct workflow *const workflows[] = {&wf_form, &wf_estimate, &wf_recommendation, &wf_report, &wf_draft};
const size_t workflow_count = NELEM(workflows);
