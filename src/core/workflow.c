/*
 * workflow.c: deciding a step of a workflow from its tables (workflow.h;
 * the tables are in workflows.c).
 */
#include "workflow.h"

#include <string.h>

#include "catalog.h"
#include "util/i18n.h"

#include "util/banned.h"

int wf_state_find(const struct workflow *w, const char *id)
{
	size_t i;

	for (i = 0; id && i < w->nstates; i++) {
		if (strcmp(w->states[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

int wf_action_find(const struct workflow *w, const char *id)
{
	size_t i;

	for (i = 0; id && i < w->nactions; i++) {
		if (strcmp(w->actions[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

const char *wf_state_id(const struct workflow *w, int s)
{
	return s >= 0 && (size_t)s < w->nstates ? w->states[s].id : "?";
}

const char *wf_state_name(const struct workflow *w, int s)
{
	return s >= 0 && (size_t)s < w->nstates ? _(w->states[s].name) : "?";
}

const char *wf_action_id(const struct workflow *w, int a)
{
	return a >= 0 && (size_t)a < w->nactions ? w->actions[a].id : "?";
}

const char *wf_action_done(const struct workflow *w, int a)
{
	return a >= 0 && (size_t)a < w->nactions ? _(w->actions[a].done) : "?";
}

unsigned wf_state_flags(const struct workflow *w, int s)
{
	return s >= 0 && (size_t)s < w->nstates ? w->states[s].flags : 0;
}

bool wf_permitted(const struct workflow *w, const struct tree *t, const struct principal *who,
		  int a, int unit, int agency)
{
	const struct wf_action *x;

	if (a < 0 || (size_t)a >= w->nactions || unit < 0 || (size_t)unit >= t->n)
		return false;
	x = &w->actions[a];
	/* an action of another agency ("appraise" by the economic office) is
	 * checked as that agency's entry */
	if (x->agency)
		agency = agency_find(x->agency);
	return access_allows(t, who, x->right, unit, agency);
}

int wf_next(const struct workflow *w, int from, int a)
{
	size_t i;

	for (i = 0; i < w->nsteps; i++) {
		if (w->steps[i].from == from && w->steps[i].action == a)
			return w->steps[i].to;
	}
	return -1;
}

bool wf_may(const struct workflow *w, const struct tree *t, const struct principal *who, int from,
	    int a, int unit, int agency)
{
	return wf_next(w, from, a) >= 0 && wf_permitted(w, t, who, a, unit, agency);
}

enum gemis_err wf_check_request(const struct workflow *w, const struct tree *t,
				const struct principal *who, int a, int unit, int agency,
				const char *comment, struct errctx *e)
{
	if (!wf_permitted(w, t, who, a, unit, agency))
		return err_set(e, GEMIS_EPERM, "%s", _(w->not_allowed));
	if ((w->actions[a].flags & WF_COMMENT) && (!comment || !*comment))
		return err_set_at(e, GEMIS_EINVAL, "comment", "%s", _(w->comment_needed));
	return GEMIS_OK;
}

enum gemis_err wf_check_state(const struct workflow *w, int from, int a, int *to, struct errctx *e)
{
	const char *msg = NULL, *at;
	size_t i;

	*to = wf_next(w, from, a);
	if (*to >= 0)
		return GEMIS_OK;
	for (i = 0; i < w->nrefusals && !msg; i++) {
		const struct wf_refusal *r = &w->refusals[i];

		if ((r->from < 0 || r->from == from) && (r->action < 0 || r->action == a))
			msg = _(r->msg);
	}
	if (!msg)
		return err_set(e, GEMIS_ECONFLICT, "%s", wf_state_name(w, from));
	/* the state's name where the message says "%s" */
	at = strstr(msg, "%s");
	if (!at)
		return err_set(e, GEMIS_ECONFLICT, "%s", msg);
	return err_set(e, GEMIS_ECONFLICT, "%.*s%s%s", (int)(at - msg), msg, wf_state_name(w, from),
		       at + 2);
}
