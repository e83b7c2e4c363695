/*
 * reporting_db.c: gathering the forms on record (store/submissions.h) and
 * the plans in force (store/plan_views.h) for reporting_compute().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "planview.h"
#include "reporting.h"
#include "store/plan_views.h"
#include "store/snapshot.h"
#include "store/submissions.h"

#include "util/banned.h"

struct collect {
	struct arena *mem;
	struct rep_sub *subs;
	size_t n, cap;
};

/* Keeps a form on record for reporting_compute(). */
static enum gemis_err collect_sub(void *ctx, const struct submission *s)
{
	struct collect *c = ctx;
	struct rep_sub *r;

	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 64;
		struct rep_sub *ns = arena_alloc(c->mem, ncap * sizeof(*ns));

		if (!ns)
			return GEMIS_ENOMEM;
		if (c->n)
			memcpy(ns, c->subs, c->n * sizeof(*ns));
		c->subs = ns;
		c->cap = ncap;
	}
	r = &c->subs[c->n++];
	r->unit = s->unit;
	r->agency = s->agency;
	r->status = sub_status_id(s->status);
	/* a form marked submitted without a time: its last change */
	r->submitted_at = s->submitted_at ? s->submitted_at : s->updated_at;
	return GEMIS_OK;
}

/* Gives each submitted form the deadline of its unit's plan in force when
 * it was submitted (dl_known, dl_day, dl_month): the version that came
 * into force last before that moment and was not yet superseded then. */
static enum gemis_err deadlines_at_submission(struct db *db, const struct tree *t, struct rep_sub *subs,
					      size_t nsubs, struct arena *mem, struct errctx *e)
{
	struct plan_span *sp;
	size_t n, i, j;
	enum gemis_err err;

	if (!nsubs)
		return GEMIS_OK;
	err = plan_spans_load(db, t, mem, &sp, &n, e);
	if (err)
		return err;
	for (i = 0; i < nsubs; i++) {
		struct rep_sub *s = &subs[i];
		size_t lo = 0, hi = n;

		if (!s->submitted_at)
			continue;
		/* the unit's first version (sp is sorted by unit, then time) */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (sp[mid].unit < s->unit)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (j = lo; j < n && sp[j].unit == s->unit && sp[j].from <= s->submitted_at; j++) {
			if (sp[j].until && sp[j].until <= s->submitted_at)
				continue;
			s->dl_known = true;
			s->dl_day = sp[j].dl_day;
			s->dl_month = sp[j].dl_month;
		}
	}
	return GEMIS_OK;
}

enum gemis_err reporting_load(struct db *db, const struct tree *t, int scope, int year,
			      long long now, struct arena *mem, struct rep_result *out,
			      struct errctx *e)
{
	struct rep_input in = {0};
	struct plan_view *pv = NULL;
	struct collect c = {mem, NULL, 0, 0};
	size_t npv = 0;
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	err = plan_views_load(db, t, scope, mem, &pv, &npv, e);
	if (!err)
		plan_views_for_year(pv, npv, year);
	if (!err)
		err = submissions_list(db, t, scope, year, collect_sub, &c, e);
	if (err)
		return err;
	err = deadlines_at_submission(db, t, c.subs, c.n, mem, e);
	if (err)
		return err;
	in.t = t;
	in.scope = scope;
	in.year = year;
	in.now = now;
	in.plans = pv;
	in.nplans = npv;
	in.subs = c.subs;
	in.nsubs = c.n;
	return reporting_compute(&in, out);
}

enum gemis_err reporting_load_counted(struct db *db, const struct snapshot *s, int scope, int year, long long now,
				      struct arena *mem, struct rep_result *out, struct errctx *e)
{
	int done = 0, all = 0;
	enum gemis_err err = reporting_load(db, &s->tree, scope, year, now, mem, out, e);

	if (err)
		return err;
	engine_count_reported(&s->eng, year, scope, &done, &all);
	out->leaves_reported = done;
	return GEMIS_OK;
}
