/*
 * review.c: gathering a mid-term or final review (see review.h), the
 * model review_doc.c and review_xlsx.c read.
 */
#include "review.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "progress.h"
#include "util/i18n.h"

#include "util/banned.h"

int review_kind_parse(const char *s)
{
	if (s && strcmp(s, "midterm") == 0)
		return REVIEW_MIDTERM;
	if (s && strcmp(s, "final") == 0)
		return REVIEW_FINAL;
	return -1;
}

const char *review_kind_id(enum review_kind k)
{
	return k == REVIEW_FINAL ? "final" : "midterm";
}

int review_default_year(enum review_kind k)
{
	return k == REVIEW_FINAL ? REVIEW_LAST_YEAR : 2028;
}

/* The earliest baseline of the unit's targets, else the earliest year it
 * has data for, else the year before the strategy's period. */
static int baseline_year(const struct snapshot *s, int unit, int year)
{
	const struct engine *eng = &s->eng;
	int from = 0, y;
	size_t k;

	for (k = 0; k < catalog_n(); k++) {
		const struct target *t = engine_target(eng, unit, (int)k, year);

		if (t && t->has_baseline && t->base_year > 0 && (!from || t->base_year < from))
			from = t->base_year;
	}
	for (y = eng->year_min; !from && y <= eng->year_max && y <= year; y++) {
		for (k = 0; k < catalog_n(); k++) {
			if (!isnan(engine_value(eng, y, unit, (int)k, SEX_T))) {
				from = y;
				break;
			}
		}
	}
	return from ? from : REVIEW_FIRST_YEAR - 1;
}

/* Row of indicator k: its values, statuses and required path over the
 * years; false when it has neither a target nor a value in the period. */
static bool row_fill(const struct review *rv, const struct snapshot *s, int unit, int k, struct rv_row *r)
{
	const struct engine *eng = &s->eng;
	const struct indicator *ind = &catalog[k];
	enum direction dir;
	bool any = false;
	int i;

	memset(r, 0, sizeof(*r));
	r->ind = k;
	r->t = engine_target(eng, unit, k, rv->to);
	r->target = NAN;
	r->base_value = NAN;
	if (r->t && !target_effective(r->t, ind->unit, &dir, &r->target))
		r->target = NAN;
	for (i = 0; i < rv->nyears; i++) {
		int year = rv->from + i;
		struct assessment a;

		r->v[i] = engine_value(eng, year, unit, k, SEX_T);
		engine_assess(eng, year, unit, k, &a);
		r->st[i] = (unsigned char)a.status;
		if (ind->source == SRC_REGISTER && !isnan(r->v[i])) {
			struct shown sh;

			/* the case register's small counts stay hidden (core/register.h) */
			progress_shown(s, unit, year, k, &sh);
			if (!sh.value) {
				r->v[i] = NAN;
				r->st[i] = ST_NO_DATA;
				r->hidden = true;
			}
		}
		any = any || !isnan(r->v[i]);
	}
	if (!any && !r->t)
		return false;
	/* the path starts where the assessment's does: the plan's baseline,
	 * else the first year with data */
	if (r->t && r->t->has_baseline && r->t->base_year > 0) {
		r->base_year = r->t->base_year;
		r->base_value = r->t->base_value;
	}
	for (i = 0; i < rv->nyears && !r->base_year; i++) {
		if (!isnan(r->v[i])) {
			r->base_year = rv->from + i;
			r->base_value = r->v[i];
		}
	}
	for (i = 0; i < rv->nyears; i++)
		r->req[i] = r->t && r->base_year ? assess_required(r->t, ind->unit, r->base_year, r->base_value,
								     rv->from + i)
						 : NAN;
	return true;
}

static enum gemis_err load_rows(struct review *rv, const struct snapshot *s, int unit)
{
	int g, no = 0, i;
	size_t k;

	rv->rows = arena_alloc(&rv->y.mem, (catalog_n() + 1) * sizeof(*rv->rows));
	if (!rv->rows)
		return GEMIS_ENOMEM;
	/* by goal, catalog order within a goal, numbered through */
	for (g = 0; g < GOAL_COUNT; g++) {
		for (k = 0; k < catalog_n(); k++) {
			struct rv_row *r = &rv->rows[rv->nrows];

			if (catalog[k].goal != (enum goal)g || !row_fill(rv, s, unit, (int)k, r))
				continue;
			r->no = ++no;
			rv->nrows++;
			for (i = 0; i < rv->nyears; i++)
				rv->years[i].counts[r->st[i]]++;
		}
	}
	return GEMIS_OK;
}

/* The tasks' results of each year, as the yearly report counts them. */
static enum gemis_err load_tasks(struct db *db, const struct snapshot *s, int unit, struct date today,
				 struct review *rv, struct errctx *e)
{
	int i;

	for (i = rv->plan_from - rv->from; i < rv->nyears; i++) {
		struct worklog w;
		enum gemis_err err = worklog_load(db, s, unit, rv->from + i, today, &w, e);

		if (err)
			return err;
		rv->years[i].tasks = w.sum;
		worklog_release(&w);
	}
	return GEMIS_OK;
}

/* Every year's budget lines: sums by year, and the period's by source and
 * goal. */
static enum gemis_err load_budget(struct db *db, const struct snapshot *s, int unit, struct review *rv,
				  struct errctx *e)
{
	struct budget_list *l = &rv->budget;
	const char **ids;
	size_t i, n = 0;
	struct budget_line *in;
	enum gemis_err err = budget_load(db, &s->tree, unit, 0, l, e);

	if (err)
		return err;
	ids = arena_alloc(&rv->y.mem, (l->nsrc + 1) * sizeof(*ids));
	rv->bsrc = arena_alloc(&rv->y.mem, (l->nsrc + 1) * sizeof(*rv->bsrc));
	in = arena_alloc(&rv->y.mem, (l->n + 1) * sizeof(*in));
	if (!ids || !rv->bsrc || !in)
		return err_set(e, GEMIS_ENOMEM, "%s", err_name(GEMIS_ENOMEM));
	for (i = 0; i < l->nsrc; i++)
		ids[i] = l->src[i].id;
	for (i = 0; i < l->n; i++) {
		int y = l->l[i].year - rv->from;

		if (y < 0 || y >= rv->nyears)
			continue;
		budget_sum_add(&rv->years[y].budget, &l->l[i]);
		in[n++] = l->l[i];
	}
	budget_totals(in, n, ids, l->nsrc, rv->bsrc, &rv->btot);
	return GEMIS_OK;
}

static struct rv_score *score_of(struct review *rv, int agency, int unit)
{
	size_t i;

	for (i = 0; i < rv->nscores; i++) {
		if (rv->scores[i].agency == agency && rv->scores[i].unit == unit)
			return &rv->scores[i];
	}
	return NULL;
}

/* The scorecard of each year of the period; the review year's kept whole. */
static enum gemis_err load_scores(struct db *db, const struct snapshot *s, int unit, long long now,
				  struct review *rv, struct errctx *e)
{
	enum gemis_err err = scorecard_load(db, s, unit, rv->to, now, &rv->sc, e);
	size_t i;
	int y, k;

	if (err)
		return err;
	rv->scores = arena_alloc(&rv->y.mem, (rv->sc.n + 1) * sizeof(*rv->scores));
	if (!rv->scores)
		return err_set(e, GEMIS_ENOMEM, "%s", err_name(GEMIS_ENOMEM));
	rv->nscores = rv->sc.n;
	for (i = 0; i < rv->sc.n; i++) {
		rv->scores[i].agency = rv->sc.rows[i].agency;
		rv->scores[i].unit = rv->sc.rows[i].unit;
		for (k = 0; k < REVIEW_YEARS_MAX; k++)
			rv->scores[i].score[k] = NAN;
		rv->scores[i].score[rv->nyears - 1] = rv->sc.rows[i].s.score;
	}
	for (y = rv->plan_from - rv->from; y + 1 < rv->nyears; y++) {
		struct scorecard sc;

		err = scorecard_load(db, s, unit, rv->from + y, now, &sc, e);
		if (err)
			return err;
		for (i = 0; i < sc.n; i++) {
			struct rv_score *x = score_of(rv, sc.rows[i].agency, sc.rows[i].unit);

			if (x)
				x->score[y] = sc.rows[i].s.score;
		}
		scorecard_release(&sc);
	}
	return GEMIS_OK;
}

enum gemis_err review_load(struct db *db, const struct snapshot *s, int unit, enum review_kind kind, int year,
			   const struct yearly_opts *o, struct review *rv, struct errctx *e)
{
	enum gemis_err err;
	int i;

	memset(rv, 0, sizeof(*rv));
	rv->kind = kind;
	rv->to = year ? year : review_default_year(kind);
	if (rv->to < REVIEW_FIRST_YEAR || rv->to > REVIEW_LAST_YEAR)
		return err_set_at(e, GEMIS_EINVAL, "year", _("the review year must be between %d and %d, not %d"),
				  REVIEW_FIRST_YEAR, REVIEW_LAST_YEAR, rv->to);
	rv->from = baseline_year(s, unit, rv->to);
	if (rv->to < rv->from)
		return err_set_at(e, GEMIS_EINVAL, "year", _("the review year %d is before the plan's baseline year %d"),
				  rv->to, rv->from);
	if (rv->to - rv->from + 1 > REVIEW_YEARS_MAX)
		rv->from = rv->to - REVIEW_YEARS_MAX + 1;
	rv->nyears = rv->to - rv->from + 1;
	for (i = 0; i < rv->nyears; i++)
		rv->years[i].year = rv->from + i;
	err = yearly_load(db, s, unit, rv->to, o, &rv->y, e);
	if (err)
		return err;
	/* the plans' tasks and duties start with their period */
	rv->plan_from = rv->to;
	for (i = 0; i < (int)rv->y.nplans; i++) {
		if (rv->y.plans[i].period_from > 0 && rv->y.plans[i].period_from < rv->plan_from)
			rv->plan_from = rv->y.plans[i].period_from;
	}
	if (rv->plan_from < rv->from || !rv->y.nplans)
		rv->plan_from = rv->from;
	err = load_rows(rv, s, unit);
	if (err) {
		err_set(e, err, "%s", err_name(err));
		goto fail;
	}
	err = load_tasks(db, s, unit, vn_date(o->now), rv, e);
	if (!err)
		err = load_budget(db, s, unit, rv, e);
	if (!err)
		err = load_scores(db, s, unit, o->now, rv, e);
	if (err)
		goto fail;
	return GEMIS_OK;
fail:
	review_release(rv);
	return err;
}

void review_release(struct review *rv)
{
	scorecard_release(&rv->sc);
	budget_list_release(&rv->budget);
	yearly_release(&rv->y);
	memset(rv, 0, sizeof(*rv));
}

enum gemis_err review_render(const struct review *rv, enum report_format f, const char *path, struct errctx *e)
{
	struct doc d;
	enum gemis_err err;

	if (f == REPORT_XLSX)
		return review_xlsx(rv, path, e);
	doc_init(&d);
	err = review_doc(rv, &d);
	if (err) {
		doc_release(&d);
		return err_set(e, err, "%s", err_name(err));
	}
	err = report_doc_write(&d, f, path, e);
	doc_release(&d);
	return err;
}
