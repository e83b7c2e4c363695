/*
 * yearly.c: gathering the yearly report (see yearly.h), the model its
 * renderers read; yearly_render.c chooses the renderer.
 */
#include "yearly.h"

#include "core/suppress.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/register.h"
#include "progress.h"
#include "store/submissions.h"
#include "store/values.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

long long report_stamp(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	long v;

	if (s && *s && text_parse_long(s, strlen(s), &v))
		return v;
	return 0;
}

struct comments {
	struct yearly *y;
	size_t cap;
};

/* Keeps an explanation of the unit or of one of its direct sub-units. */
static enum gemis_err keep_comment(void *ctx, int u, int ind, unsigned period, const char *txt)
{
	struct comments *cc = ctx;
	struct yearly *y = cc->y;
	struct yr_comment *c;

	(void)period;
	if (u != y->unit && y->s->tree.units[u].parent != y->unit)
		return GEMIS_OK;
	if (y->ncomments == cc->cap) {
		size_t ncap = cc->cap ? cc->cap * 2 : 32;
		struct yr_comment *nc = arena_alloc(&y->mem, ncap * sizeof(*nc));

		if (!nc)
			return GEMIS_ENOMEM;
		if (y->ncomments)
			memcpy(nc, y->comments, y->ncomments * sizeof(*nc));
		y->comments = nc;
		cc->cap = ncap;
	}
	c = &y->comments[y->ncomments++];
	c->unit = u;
	c->ind = ind;
	c->text = arena_strdup(&y->mem, txt);
	return c->text ? GEMIS_OK : GEMIS_ENOMEM;
}

static enum gemis_err load_comments(struct db *db, struct yearly *y, struct errctx *e)
{
	struct comments cc = {y, 0};

	return value_comments_each(db, &y->s->tree, y->year, keep_comment, &cc, e);
}

static bool sub_has_row(const struct snapshot *s, int unit, int ind, int year)
{
	int c;

	for (c = s->tree.units[unit].first_child; c >= 0; c = s->tree.units[c].next_sibling) {
		if (!isnan(engine_value(&s->eng, year, c, ind, SEX_T)))
			return true;
	}
	return false;
}

/* The row of indicator k: its values, target, status, and what the
 * register's small counts hide. */
static void row_fill(struct yearly *y, struct yr_row *r, int k, int no, const struct target *t, double v)
{
	const struct snapshot *s = y->s;
	const struct engine *eng = &s->eng;
	const struct indicator *ind = &catalog[k];
	int unit = y->unit, year = y->year;

	r->ind = k;
	r->no = no;
	r->value = v;
	r->f = ind->by_sex ? engine_value(eng, year, unit, k, SEX_F) : NAN;
	r->m = ind->by_sex ? engine_value(eng, year, unit, k, SEX_M) : NAN;
	r->num = ind->kind == IND_RATIO ? engine_part(eng, year, unit, k, PART_NUM, SEX_T) : NAN;
	r->den = ind->kind == IND_RATIO ? engine_part(eng, year, unit, k, PART_DEN, SEX_T) : NAN;
	r->t = t;
	engine_assess(eng, year, unit, k, &r->a);
	if (ind->source == SRC_REGISTER) {
		/* the case register's small counts stay hidden (core/register.h) */
		struct shown sh;

		progress_shown(s, unit, year, k, &sh);
		if (!sh.value) {
			/* counted as no data in every summary: a status
			 * would tell whether small counts met the target */
			r->value = NAN;
			r->a.status = ST_NO_DATA;
			r->hidden = sh.num == SUPP_PRIMARY || sh.den == SUPP_PRIMARY ? SUPP_PRIMARY : SUPP_SECONDARY;
		}
		r->f = sh.f ? r->f : NAN;
		r->m = sh.m ? r->m : NAN;
		r->num = sh.num ? NAN : r->num;
		r->den = sh.den ? NAN : r->den;
	}
	r->reporting = engine_reporting(eng, year, unit, k);
	r->of = (unsigned)s->tree.units[unit].nleaves;
	r->agency = y->plan ? plan_view_agency_of(y->plan, k) : -1;
}

/* The status of each row in each sub-unit; a register indicator's hidden
 * sub-units show none. */
static enum gemis_err sub_statuses(struct yearly *y)
{
	const struct snapshot *s = y->s;
	const struct engine *eng = &s->eng;
	const struct unit *u = &s->tree.units[y->unit];
	enum gemis_err err = GEMIS_OK;
	int c, year = y->year;
	size_t i;

	for (c = u->first_child; c >= 0; c = s->tree.units[c].next_sibling)
		y->nsubs++;
	if (y->nsubs) {
		y->subs = arena_alloc(&y->mem, y->nsubs * sizeof(*y->subs));
		y->substatus = arena_alloc(&y->mem, y->nsubs * (y->nrows ? y->nrows : 1));
		if (!y->subs || !y->substatus)
			return GEMIS_ENOMEM;
		i = 0;
		for (c = u->first_child; c >= 0; c = s->tree.units[c].next_sibling) {
			size_t r;

			y->subs[i] = c;
			for (r = 0; r < y->nrows; r++) {
				struct assessment a;

				engine_assess(eng, year, c, y->rows[r].ind, &a);
				y->substatus[i * y->nrows + r] = (unsigned char)a.status;
			}
			i++;
		}
		/* a register indicator's hidden sub-units show no status */
		for (size_t r = 0; r < y->nrows && !err; r++) {
			unsigned char *mask = NULL;

			if (catalog[y->rows[r].ind].source != SRC_REGISTER)
				continue;
			err = register_mask(eng, year, y->rows[r].ind, &mask);
			for (i = 0; !err && i < y->nsubs; i++) {
				size_t base = (size_t)y->subs[i] * REG_CELLS;

				if (mask[base + REG_CELL(REG_NUM, SEX_T)] || mask[base + REG_CELL(REG_DEN, SEX_T)])
					y->substatus[i * y->nrows + r] = ST_NO_DATA;
			}
			free(mask);
		}
	}
	return err;
}

enum gemis_err yearly_load(struct db *db, const struct snapshot *s, int unit, int year,
			   const struct yearly_opts *o, struct yearly *y, struct errctx *e)
{
	const struct engine *eng = &s->eng;
	enum gemis_err err;
	size_t k;
	int no = 0, g;

	memset(y, 0, sizeof(*y));
	arena_init(&y->mem, 0);
	y->s = s;
	y->unit = unit;
	y->year = year;
	y->o = *o;
	y->demo = s->ds.demo;
	y->rows = arena_alloc(&y->mem, (catalog_n() + 1) * sizeof(*y->rows));
	if (!y->rows) {
		err = GEMIS_ENOMEM;
		goto fail;
	}
	err = plan_views_load(db, &s->tree, unit, &y->mem, &y->plans, &y->nplans, e);
	if (err)
		goto fail;
	plan_views_for_year(y->plans, y->nplans, year);
	y->plan = plan_view_of(y->plans, y->nplans, unit);
	/* rows by goal, catalog order within a goal, numbered through */
	for (g = 0; g < GOAL_COUNT; g++) {
		for (k = 0; k < catalog_n(); k++) {
			const struct indicator *ind = &catalog[k];
			struct yr_row *r;
			const struct target *t;
			double v;

			/* a province's own indicator: in its province's report only */
			if (ind->goal != (enum goal)g || !indicator_in_scope(&s->tree, ind, unit))
				continue;
			t = engine_target(eng, unit, (int)k, year);
			v = engine_value(eng, year, unit, (int)k, SEX_T);
			/* retired in the year: its target is no longer judged */
			if (catalog_retired(ind, year))
				t = NULL;
			if (!t && isnan(v) && !sub_has_row(s, unit, (int)k, year))
				continue;
			r = &y->rows[y->nrows++];
			row_fill(y, r, (int)k, ++no, t, v);
			y->goal_counts[g][r->a.status]++;
			y->counts[r->a.status]++;
		}
	}
	err = load_comments(db, y, e);
	if (err)
		goto fail;
	err = reporting_load(db, &s->tree, unit, year, o->now, &y->mem, &y->rep, e);
	if (err)
		goto fail;
	{
		int done = 0, all = 0;

		engine_count_reported(eng, year, unit, &done, &all);
		y->rep.leaves_reported = done;
	}
	err = sub_statuses(y);
	if (err)
		goto fail;
	/* overdue as of the moment reporting is judged */
	err = worklog_load(db, s, unit, year, vn_date(o->now), &y->work, e);
	if (!err && !o->action_month)
		err = budget_load(db, &s->tree, unit, year, &y->budget, e);
	if (!err)
		err = inspections_list(db, &s->tree, unit, year, &y->mem, &y->insp, &y->ninsp, e);
	if (!err)
		err = drafts_list(db, &s->tree, unit, year, &y->mem, &y->drafts, &y->ndrafts, e);
	if (!err && !o->action_month)
		err = local_list(db, &s->tree, unit, &y->local, e);
	if (err)
		goto fail;
	inspections_sum(&s->tree, unit, y->insp, y->ninsp, vn_date(o->now), &y->insp_sum);
	err = complaints_count(db, &s->tree, unit, year, vn_date(o->now), &y->cmp_sum, e);
	if (err)
		goto fail;
	drafts_sum(y->drafts, y->ndrafts, &y->drafts_sum);
	return GEMIS_OK;
fail:
	yearly_release(y);
	return err;
}

void yearly_release(struct yearly *y)
{
	rep_result_release(&y->rep);
	worklog_release(&y->work);
	budget_list_release(&y->budget);
	local_list_release(&y->local);
	arena_release(&y->mem);
	memset(y, 0, sizeof(*y));
}

unsigned yearly_sub_counts(const struct yearly *y, size_t r, unsigned counts[ST_COUNT])
{
	size_t i;

	memset(counts, 0, ST_COUNT * sizeof(counts[0]));
	for (i = 0; i < y->nsubs; i++)
		counts[y->substatus[i * y->nrows + r]]++;
	return counts[ST_ACHIEVED] + counts[ST_ON_TRACK] + counts[ST_AT_RISK] + counts[ST_OFF_TRACK];
}
