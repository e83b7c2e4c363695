/*
 * duelist.c: what is due soon or late (see duelist.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "duelist.h"
#include "reporting.h"
#include "core/workflow.h"
#include "store/adhoc_requests.h"
#include "store/chainperiods.h"
#include "store/chainreports.h"
#include "store/task_progress.h"
#include "util/alloc.h"
#include "util/arena.h"

#include "util/banned.h"

static enum gemis_err push(struct due_list *l, size_t *cap, const struct due_item *it)
{
	if (l->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct due_item *v = gemis_realloc(l->v, ncap * sizeof(*v));

		if (!v)
			return GEMIS_ENOMEM;
		l->v = v;
		*cap = ncap;
	}
	l->v[l->n++] = *it;
	return GEMIS_OK;
}

/* Each agency's own state of each task: the focal point sees who is late. */
static enum gemis_err add_tasks(struct due_list *l, size_t *cap, const struct task_recs *rs, int year,
				struct date today, int soon, const char *agency)
{
	size_t i, k;

	for (i = 0; i < l->tasks.n; i++) {
		const struct task *x = &l->tasks.t[i];

		for (k = 0; k < x->nlead + x->npartners; k++) {
			const char *id = k < x->nlead ? x->lead[k] : x->partners[k - x->nlead];
			const struct task_rec *s;
			struct due_item it;

			if (strcmp(id, "all") == 0 || (agency && strcmp(id, agency) != 0))
				continue;
			memset(&it, 0, sizeof(it));
			it.kind = DUE_TASK;
			it.agency = id;
			it.task = x;
			it.lead = k < x->nlead;
			s = task_state(rs, x, id, year);
			it.status = s ? s->status : TS_NOT_STARTED;
			it.alert = it.lead ? task_alert(&x->tt, period_year_code(year), it.status, today, soon) : TA_NONE;
			if (it.alert == TA_NONE && !agency)
				continue;
			it.has_due = task_due(&x->tt, period_year_code(year), &it.due);
			if (push(l, cap, &it))
				return GEMIS_ENOMEM;
		}
	}
	return GEMIS_OK;
}

/* Forms as the reporting page counts them: late, or due within `soon` days. */
static enum gemis_err add_forms(struct due_list *l, size_t *cap, struct db *db, const struct tree *t, int unit,
				int year, struct date today, long long judged_at, int soon, const char *agency,
				struct errctx *e)
{
	struct arena mem;
	struct rep_result rep;
	enum gemis_err err;
	size_t i;

	arena_init(&mem, 0);
	err = reporting_load(db, t, unit, year, judged_at, &mem, &rep, e);
	if (err) {
		arena_release(&mem);
		return err;
	}
	for (i = 0; !err && i < rep.nforms; i++) {
		const struct rep_form *f = &rep.forms[i];
		struct due_item it;

		memset(&it, 0, sizeof(it));
		it.kind = DUE_FORM;
		it.agency = agency_kinds[f->agency].id;
		it.has_due = f->has_due;
		it.due = (struct date){f->due_year, f->due_month, f->due_day};
		if (f->state == FORM_OVERDUE)
			it.alert = TA_OVERDUE;
		else if (f->state == FORM_PENDING && date_diff(today, it.due) <= soon)
			it.alert = TA_DUE_SOON;
		if (it.alert == TA_NONE || f->unit != unit || (agency && strcmp(it.agency, agency) != 0))
			continue;
		err = push(l, cap, &it);
	}
	rep_result_release(&rep);
	arena_release(&mem);
	return err;
}

/* The unit's yearly report to the unit above, once that unit has set the
 * day it is due: not sent, and late or due soon. */
static enum gemis_err add_chain(struct due_list *l, size_t *cap, struct db *db, const struct tree *t, int unit,
				int year, struct date today, int soon, struct errctx *e)
{
	int to = chain_report_to(t, unit);
	struct chain_period p;
	struct chain_report rep;
	struct due_item it;
	enum gemis_err err;

	if (to < 0)
		return GEMIS_OK;
	err = chain_period_get(db, t, to, year, &p, e);
	if (err || !p.has_due)
		return err;
	err = chain_report_get(db, t, unit, year, &l->mem, &rep, e);
	if (err || (wf_state_flags(&wf_report, rep.state) & WF_SENT))
		return err;
	memset(&it, 0, sizeof(it));
	it.kind = DUE_CHAIN_REPORT;
	it.to = to;
	it.state = rep.state;
	it.has_due = true;
	it.due = p.due;
	it.alert = due_alert(p.due, today, soon);
	return it.alert == TA_NONE ? GEMIS_OK : push(l, cap, &it);
}

/* How many of the latest requests to the unit are looked at. */
#define ADHOC_LOOKED_AT 50

/* The ad hoc requests the unit has still to answer. */
static enum gemis_err add_adhoc(struct due_list *l, size_t *cap, struct db *db, const struct tree *t, int unit,
				struct date today, int soon, struct errctx *e)
{
	struct adhoc_request *rs;
	enum gemis_err err;
	size_t n, i;

	err = adhoc_requests_list(db, t, unit, false, ADHOC_LOOKED_AT, &l->mem, &rs, &n, e);
	for (i = 0; !err && i < n; i++) {
		struct adhoc_answer a;
		struct due_item it;

		err = adhoc_answer_get(db, t, &rs[i], unit, &l->mem, &a, e);
		if (err || (wf_state_flags(&wf_report, a.state) & WF_SENT))
			continue;
		memset(&it, 0, sizeof(it));
		it.kind = DUE_ADHOC;
		it.request = rs[i].id;
		it.title = rs[i].title;
		it.state = a.state;
		it.has_due = true;
		it.due = rs[i].due;
		it.alert = due_alert(it.due, today, soon);
		err = push(l, cap, &it);
	}
	return err;
}

/* Recommendations not closed: late ones, and those due soon and not yet
 * followed up; an agency's own list has all its open ones. */
static enum gemis_err add_recs(struct due_list *l, size_t *cap, const struct inspection *v, size_t n,
			       struct date today, int soon, const char *agency)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i].nrecs; k++) {
			const struct recommendation *x = &v[i].recs[k];
			struct due_item it;

			if (x->state == REC_CLOSED || x->agency < 0 || (agency && strcmp(agency_kinds[x->agency].id, agency) != 0))
				continue;
			memset(&it, 0, sizeof(it));
			it.kind = DUE_RECOMMENDATION;
			it.agency = agency_kinds[x->agency].id;
			it.rec = x;
			it.has_due = true;
			it.due = x->due;
			it.alert = rec_overdue(x->state, x->due, today)	      ? TA_OVERDUE
				   : rec_due_soon(x->state, x->due, today, soon) ? TA_DUE_SOON
										 : TA_NONE;
			if (it.alert == TA_NONE && !agency)
				continue;
			if (push(l, cap, &it))
				return GEMIS_ENOMEM;
		}
	}
	return GEMIS_OK;
}

/* Matters not answered: late ones and those due soon; an agency's own list
 * has all its open ones. */
static enum gemis_err add_complaints(struct due_list *l, size_t *cap, struct date today, int soon, const char *agency)
{
	size_t i;

	for (i = 0; i < l->ncmps; i++) {
		const struct complaint *x = &l->cmps[i];
		struct due_item it;

		if (!cmp_open(x->status) || x->agency < 0 || (agency && strcmp(agency_kinds[x->agency].id, agency) != 0))
			continue;
		memset(&it, 0, sizeof(it));
		it.kind = DUE_COMPLAINT;
		it.agency = agency_kinds[x->agency].id;
		it.cmp = x;
		it.has_due = true;
		it.due = x->due;
		it.alert = cmp_overdue(x->status, x->due, today)	     ? TA_OVERDUE
			   : cmp_due_soon(x->status, x->due, today, soon) ? TA_DUE_SOON
									  : TA_NONE;
		if (it.alert == TA_NONE && !agency)
			continue;
		if (push(l, cap, &it))
			return GEMIS_ENOMEM;
	}
	return GEMIS_OK;
}

/* The unit's matters of every year, without the person (no account: the
 * list is the unit's own, shown to those who may read it). */
static enum gemis_err load_complaints(struct db *db, const struct tree *t, int unit, struct due_list *l,
				      struct date today, struct errctx *e)
{
	struct cmp_session s = {db, t, NULL, NULL, today, 0};

	return complaints_list(&s, unit, 0, &l->mem, &l->cmps, &l->ncmps, e);
}

enum gemis_err due_list_load(struct db *db, const struct tree *t, int unit, int year, struct date today,
			     long long judged_at, int soon, const char *agency, struct due_list *out,
			     struct errctx *e)
{
	struct task_recs rs;
	size_t cap = 0;
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	memset(&rs, 0, sizeof(rs));
	arena_init(&out->mem, 0);
	/* a province owes no form and leads no task of a commune's plan */
	err = t->units[unit].first_child >= 0 ? GEMIS_OK : tasks_of_unit(db, t, unit, &out->tasks, e);
	if (!err && t->units[unit].first_child < 0)
		err = task_records(db, t, unit, NULL, year, &rs, e);
	if (!err)
		err = add_tasks(out, &cap, &rs, year, today, soon, agency);
	if (!err && t->units[unit].first_child < 0)
		err = add_forms(out, &cap, db, t, unit, year, today, judged_at, soon, agency, e);
	if (!err && t->units[unit].first_child < 0)
		err = inspections_list(db, t, unit, year, &out->mem, &out->insp, &out->ninsp, e);
	if (!err)
		err = add_recs(out, &cap, out->insp, out->ninsp, today, soon, agency);
	if (!err && t->units[unit].first_child < 0)
		err = load_complaints(db, t, unit, out, today, e);
	if (!err)
		err = add_complaints(out, &cap, today, soon, agency);
	if (!err && !agency)
		err = add_chain(out, &cap, db, t, unit, year, today, soon, e);
	if (!err && !agency)
		err = add_adhoc(out, &cap, db, t, unit, today, soon, e);
	task_recs_release(&rs);
	if (err == GEMIS_ENOMEM)
		err_set(e, GEMIS_ENOMEM, "%s", err_name(GEMIS_ENOMEM));
	return err;
}

void due_list_release(struct due_list *l)
{
	free(l->v);
	task_list_release(&l->tasks);
	arena_release(&l->mem);
	memset(l, 0, sizeof(*l));
}
