/*
 * exchange.c: the values and forms the exchange formats write (see
 * exchange.h).
 */
#include "exchange.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "formats/exchange.h"
#include "planview.h"
#include "progress.h"
#include "core/suppress.h"
#include "store/values.h"
#include "util/i18n.h"

#include "util/banned.h"

static enum gemis_err push_row(void *ctx, const struct value_record *v)
{
	return value_rows_push(ctx, &v->row);
}

enum gemis_err exchange_values(struct db *db, const struct tree *t, int unit, int year,
			       struct value_rows *out, struct errctx *e)
{
	enum gemis_err err = values_each(db, t, unit, year, push_row, out, e);

	if (!err)
		values_sort(t, out->v, out->n);
	return err;
}

/* A (unit, period, indicator) whose rows are withheld together. */
struct group {
	int unit;
	period_t period;
	int ind;
};

static int group_cmp(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	return (x->ind > y->ind) - (x->ind < y->ind);
}

#define MASK_YEARS 64

enum gemis_err exchange_withhold_small(const struct snapshot *s, struct value_rows *rows,
				       size_t *withheld)
{
	struct progress_masks masks[MASK_YEARS];
	int years[MASK_YEARS];
	struct group *hidden = NULL;
	size_t nmasks = 0, nh = 0, i, k, keep = 0;
	enum gemis_err err = GEMIS_OK;

	*withheld = 0;
	for (i = 0; i < rows->n; i++) {
		const struct value_row *r = &rows->v[i];
		bool hide;

		if (catalog[r->ind].source != SRC_REGISTER)
			continue;
		/* a quarter or a month: the pages publish years only, and the
		 * suppression decides years only, so that a year minus its
		 * other quarters would give a withheld quarter back; and a
		 * count of 1 to 4 as reported, whatever the register says */
		hide = period_kind(r->period) != PERIOD_YEAR || (r->value >= 1 && r->value < SUPP_THRESHOLD);
		if (!hide) {
			int y = period_year(r->period);

			for (k = 0; k < nmasks && years[k] != y; k++)
				;
			if (k == nmasks && nmasks < MASK_YEARS) {
				progress_masks_init(&masks[nmasks], s, y);
				years[nmasks++] = y;
			}
			/* beyond MASK_YEARS distinct years: hide rather than decide */
			hide = k == MASK_YEARS ||
			       progress_masks_cell(&masks[k], r->unit, r->ind, r->part, r->sex) != SUPP_SHOWN;
		}
		if (!hide)
			continue;
		if (nh % 64 == 0) {
			struct group *ng = realloc(hidden, (nh + 64) * sizeof(*ng));

			if (!ng) {
				err = GEMIS_ENOMEM;
				goto out;
			}
			hidden = ng;
		}
		hidden[nh].unit = r->unit;
		hidden[nh].period = r->period;
		hidden[nh].ind = r->ind;
		nh++;
	}
	if (nh == 0)
		goto out;
	qsort(hidden, nh, sizeof(*hidden), group_cmp);
	/* every part and sex of a group with a hidden count goes: the others
	 * would let it be worked out (a total minus the other sex) */
	for (i = 0; i < rows->n; i++) {
		struct group g = {rows->v[i].unit, rows->v[i].period, rows->v[i].ind};

		if (catalog[g.ind].source == SRC_REGISTER &&
		    bsearch(&g, hidden, nh, sizeof(*hidden), group_cmp))
			continue;
		rows->v[keep++] = rows->v[i];
	}
	*withheld = rows->n - keep;
	rows->n = keep;
out:
	for (k = 0; k < nmasks; k++)
		progress_masks_release(&masks[k]);
	free(hidden);
	return err;
}

/* Whether a unit's computed values of a register indicator in a year must
 * be withheld, for every sex (what pages and the parts' export hide). */
static bool obs_hidden(const struct snapshot *s, struct progress_masks *m, int year, int unit, int ind)
{
	int part, sex;

	if (catalog[ind].source != SRC_REGISTER)
		return false;
	for (part = 0; part < indicator_parts(&catalog[ind]); part++)
		for (sex = SEX_F; sex <= SEX_T; sex++) {
			double v = engine_part(&s->eng, year, unit, ind, part, sex);

			if (v >= 1 && v < SUPP_THRESHOLD)
				return true;
			if (!isnan(v) && progress_masks_cell(m, unit, ind, part, sex) != SUPP_SHOWN)
				return true;
		}
	return progress_masks_hidden(m, unit, ind);
}

static bool under(const struct tree *t, int u, int top)
{
	for (; u >= 0; u = t->units[u].parent)
		if (u == top)
			return true;
	return false;
}

/* The values of one unit and year, appended to *out. */
static enum gemis_err obs_unit_year(const struct snapshot *s, struct progress_masks *m, bool small, int unit,
				    int year, struct indicator_obs **out, size_t *n, size_t *cap, size_t *withheld)
{
	size_t ind;
	int sex;

	for (ind = 0; ind < catalog_n(); ind++) {
		bool hide = !small && obs_hidden(s, m, year, unit, (int)ind);

		for (sex = SEX_F; sex <= SEX_T; sex++) {
			double v;

			if (sex != SEX_T && !catalog[ind].by_sex)
				continue;
			v = engine_value(&s->eng, year, unit, (int)ind, sex);
			if (isnan(v) || isinf(v))
				continue;
			if (*n == *cap) {
				size_t nc = *cap ? *cap * 2 : 1024;
				struct indicator_obs *o = realloc(*out, nc * sizeof(*o));

				if (!o)
					return GEMIS_ENOMEM;
				*out = o;
				*cap = nc;
			}
			(*out)[(*n)++] = (struct indicator_obs){unit, year, (int)ind, sex, hide ? 0 : v, hide};
			*withheld += hide;
		}
	}
	return GEMIS_OK;
}

enum gemis_err exchange_indicator_values(const struct snapshot *s, int unit, int year, bool small,
					 struct indicator_obs **out, size_t *n, size_t *withheld)
{
	const struct tree *t = &s->tree;
	struct progress_masks *masks;
	int lo = s->eng.year_min, hi = s->eng.year_max, y;
	size_t cap = 0, u;
	enum gemis_err err = GEMIS_OK;

	*out = NULL;
	*n = *withheld = 0;
	if (year) {
		if (year < lo || year > hi)
			return GEMIS_OK;
		lo = hi = year;
	}
	if (lo > hi)
		return GEMIS_OK;
	masks = calloc((size_t)(hi - lo + 1), sizeof(*masks));
	if (!masks)
		return GEMIS_ENOMEM;
	for (y = lo; y <= hi; y++)
		progress_masks_init(&masks[y - lo], s, y);
	/* unit (tree order), year, indicator, sex: the order of the parts */
	for (u = 0; u < t->n && !err; u++)
		for (y = lo; y <= hi && !err && under(t, (int)u, unit); y++)
			err = obs_unit_year(s, &masks[y - lo], small, (int)u, y, out, n, &cap, withheld);
	for (y = lo; y <= hi; y++)
		progress_masks_release(&masks[y - lo]);
	free(masks);
	if (err) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return err;
}

enum gemis_err exchange_template(struct db *db, const struct tree *t, int unit, int agency, int year,
				 struct template_form *f, struct errctx *e)
{
	struct arena mem;
	struct plan_view *pv = NULL;
	const struct plan_view *p;
	struct template_row *rows = NULL;
	size_t npv = 0, n = 0, cap = 0, k;
	enum gemis_err err;

	memset(f, 0, sizeof(*f));
	arena_init(&mem, 0);
	err = plan_views_load(db, t, unit, &mem, &pv, &npv, e);
	if (err)
		goto out;
	plan_views_for_year(pv, npv, year);
	p = plan_view_of(pv, npv, unit);
	if (!p) {
		err = err_set(e, GEMIS_ENOTFOUND, _("%s has no plan in force: load one with `gemis plan load` first"),
			      t->units[unit].name);
		goto out;
	}
	if (plan_view_nduties(p, agency) == 0) {
		err = err_set(e, GEMIS_ENOTFOUND, _("the plan of %s ties no indicator to %s"), t->units[unit].name,
			      agency_kinds[agency].id);
		goto out;
	}
	for (k = 0; k < catalog_n() && !err; k++) {
		const struct indicator *ind = &catalog[k];
		int part, sex, q, quarters = indicator_per_quarter(ind) ? 4 : 0;

		if (!plan_view_answers(p, agency, (int)k))
			continue;
		/* indicators counted per quarter get a row per quarter */
		for (q = quarters ? 1 : 0; q <= quarters && !err; q++) {
			period_t per = q ? period_quarter(year, q) : period_year_code(year);
			period_t last = q ? period_quarter(year - 1, q) : period_year_code(year - 1);

			for (part = 0; part < indicator_parts(ind) && !err; part++) {
				for (sex = ind->by_sex ? SEX_F : SEX_T; sex <= (ind->by_sex ? SEX_M : SEX_T); sex++) {
					struct template_row *r;
					bool found = false;
					double v = NAN;

					if (n == cap) {
						size_t ncap = cap ? cap * 2 : 32;
						struct template_row *nr = realloc(rows, ncap * sizeof(*nr));

						if (!nr) {
							err = GEMIS_ENOMEM;
							break;
						}
						rows = nr;
						cap = ncap;
					}
					err = values_get(db, t, unit, last, (int)k, part, sex, &v, &found, e);
					if (err)
						break;
					r = &rows[n++];
					r->ind = (int)k;
					r->part = part;
					r->sex = sex;
					r->period = per;
					r->previous = found ? v : NAN;
				}
			}
		}
	}
	if (err)
		goto out;
	f->t = t;
	f->unit = unit;
	f->agency = agency;
	f->year = year;
	f->dl_day = p->dl_day;
	f->dl_month = p->dl_month;
	f->dl_to = p->dl_to ? agency_find(p->dl_to) : -1;
	f->rows = rows;
	f->nrows = n;
	rows = NULL;
out:
	free(rows);
	arena_release(&mem);
	return err;
}
