/*
 * engine.c: resolution of periods and sexes, the roll-up, target lookup.
 */
#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "formula.h"
#include "quota.h"
#include "smallnum.h"
#include "util/rc.h"

#include "util/banned.h"

/* The first cell of an indicator in a unit's row. */
static size_t ind_cells(const struct engine *e, int unit, int ind)
{
	return (size_t)unit * e->lay->row + e->lay->ind[ind].off;
}

/* Folds the sub-annual values of one year into cells where the year itself
 * has no value, for every unit or (unit >= 0) one.  sub is sorted by
 * (year, unit, ind, slot, period). */
static void fold_subannual(const struct engine *e, const struct dataset *ds, int year, int unit,
			   double *cells)
{
	size_t lo = 0, hi = ds->nsub, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int y = period_year(ds->sub[mid].period);

		if (y < year || (y == year && unit >= 0 && ds->sub[mid].unit < (uint32_t)unit))
			lo = mid + 1;
		else
			hi = mid;
	}
	i = lo;
	while (i < ds->nsub && period_year(ds->sub[i].period) == year &&
	       (unit < 0 || ds->sub[i].unit == (uint32_t)unit)) {
		const struct subvalue *g = &ds->sub[i];
		size_t j = i, end;
		const struct indicator *ind = &catalog[g->ind];
		enum time_agg agg = ind->time[g->slot / e->lay->ind[g->ind].ncat];
		bool quarters = false;
		double acc = 0, last = NAN;
		unsigned n = 0;
		double *cell;

		while (j < ds->nsub && ds->sub[j].unit == g->unit && ds->sub[j].ind == g->ind &&
		       ds->sub[j].slot == g->slot && period_year(ds->sub[j].period) == year) {
			if (period_kind(ds->sub[j].period) == PERIOD_QUARTER)
				quarters = true;
			j++;
		}
		end = j;
		cell = &cells[ind_cells(e, (int)g->unit, g->ind) + g->slot];
		if (isnan(*cell)) {
			for (j = i; j < end; j++) {
				enum period_kind k = period_kind(ds->sub[j].period);

				if (quarters && k != PERIOD_QUARTER)
					continue;
				acc += ds->sub[j].value;
				last = ds->sub[j].value;
				n++;
			}
			if (n > 0) {
				if (agg == TIME_SUM)
					*cell = acc;
				else if (agg == TIME_LAST)
					*cell = last;
				else
					*cell = acc / n;
			}
		}
		i = end;
	}
}

/* True when an indicator's cells c hold every part of category cat. */
static bool complete(const struct layout_ind *li, const double *c, int cat)
{
	int part;

	for (part = 0; part < li->nparts; part++) {
		if (isnan(c[part * li->ncat + cat]))
			return false;
	}
	return true;
}

/* Totals from the sexes, where only the sexes were reported. */
static void sex_totals(const struct layout_ind *li, double *c)
{
	int part;

	if (li->ncat != SEX_SLOTS)
		return;
	for (part = 0; part < li->nparts; part++) {
		double *p = &c[part * SEX_SLOTS];

		if (isnan(p[SEX_T]) && !isnan(p[SEX_F]) && !isnan(p[SEX_M]))
			p[SEX_T] = p[SEX_F] + p[SEX_M];
	}
}

/* The sum of one breakdown's groups in the cell of (part, sex), NAN when
 * a group lacks it. */
static double group_sum(const struct engine *e, int u, const double *cells, int lead, int part, int sex)
{
	const struct group_index *g = e->groups;
	double sum = 0;
	int j;

	for (j = lead; j >= 0; j = g->next[j]) {
		long c;

		if (g->lead[j] != lead)
			continue;
		c = layout_cell(e->lay, j, part, sex);
		if (c < 0 || isnan(cells[(size_t)u * e->lay->row + (size_t)c]))
			return NAN;
		sum += cells[(size_t)u * e->lay->row + (size_t)c];
	}
	return sum;
}

/* Totals from their groups, where unit u gave every group of a breakdown
 * and not the total: each missing cell of a parent summed over the first
 * complete breakdown (never a partial one, whose groups leave people out).
 * On the unit's own figures, before its indicators are completed: above
 * the leaves the children's totals, derived in their turn, roll up. */
static void group_totals(const struct engine *e, int u, double *cells)
{
	const struct group_index *g = e->groups;
	size_t i;

	for (i = 0; i < g->nparents; i++) {
		int p = g->parents[i], slot, lead;
		const struct layout_ind *li = &e->lay->ind[p];
		double *c = &cells[ind_cells(e, u, p)];

		if (!g->member[p])
			continue;
		for (slot = 0; slot < li->nparts * li->ncat; slot++) {
			int part = slot / li->ncat, sex = li->ncat == 1 ? SEX_T : slot % li->ncat;

			if (!isnan(c[slot]))
				continue;
			for (lead = g->head[p]; lead >= 0 && isnan(c[slot]); lead = g->next[lead]) {
				if (g->lead[lead] == lead && !catalog[lead].group_partial)
					c[slot] = group_sum(e, u, cells, lead, part, sex);
			}
		}
	}
}

/* The formula indicators of unit u, from its components' rolled-up
 * cells, components first (core/formula.h).  A leaf reports one where its
 * total is complete, that is where every component's is; a unit above
 * counts its children's (unit_rollup()). */
static void unit_formulas(const struct engine *e, int u, bool leaf, double *cells, uint32_t *rep)
{
	size_t i;

	for (i = 0; i < e->forder->n; i++) {
		int k = e->forder->ind[i];
		const struct layout_ind *li = &e->lay->ind[k];

		formula_cells(e->lay, k, &cells[(size_t)u * e->lay->row]);
		if (leaf)
			rep[(size_t)u * e->nind + (size_t)k] =
				complete(li, &cells[ind_cells(e, u, k)], li->ncat - 1) ? 1 : 0;
	}
}

/* The roll-up of unit u: its cells hold its own values (sub-annual ones
 * folded in) and its children's are final.  Completes totals from the
 * sexes, takes the sum (or mean) of the children that report both parts
 * where the unit's own figure is not complete, and counts the leaves
 * reporting. */
static void unit_rollup(const struct engine *e, int u, double *cells, uint32_t *rep)
{
	const struct tree *t = e->tree;
	bool leaf = t->units[u].first_child < 0;
	size_t k;

	if (e->groups)
		group_totals(e, u, cells);
	for (k = 0; k < e->nind; k++) {
		const struct indicator *ind = &catalog[k];
		const struct layout_ind *li = &e->lay->ind[k];
		double *c = &cells[ind_cells(e, u, (int)k)];
		int nparts = li->nparts, s, part, ch;
		uint32_t n = 0;

		sex_totals(li, c);
		for (s = 0; s < li->ncat && ind->space != SPACE_NONE && !leaf; s++) {
			double acc[PART_SLOTS] = {0};
			uint32_t an = 0;

			if (complete(li, c, s))
				continue;
			for (ch = t->units[u].first_child; ch >= 0; ch = t->units[ch].next_sibling) {
				const double *cc = &cells[ind_cells(e, ch, (int)k)];

				if (!complete(li, cc, s))
					continue;
				for (part = 0; part < nparts; part++)
					acc[part] += cc[part * li->ncat + s];
				an++;
			}
			if (an == 0)
				continue;
			for (part = 0; part < nparts; part++)
				c[part * li->ncat + s] = ind->space == SPACE_MEAN ? acc[part] / an : acc[part];
		}
		if (leaf) {
			/* the total is the last category */
			n = complete(li, c, li->ncat - 1) ? 1 : 0;
		} else {
			for (ch = t->units[u].first_child; ch >= 0; ch = t->units[ch].next_sibling)
				n += rep[(size_t)ch * e->nind + k];
		}
		rep[(size_t)u * e->nind + k] = n;
	}
	if (e->forder && e->forder->n)
		unit_formulas(e, u, leaf, cells, rep);
}

/* The unit's own values for the year, before roll-up. */
static void unit_own(const struct engine *e, const struct dataset *ds, int year, int u, double *cells)
{
	size_t w = e->lay->row, i;
	const double *src = NULL;

	if (year >= ds->year_min && year <= ds->year_max)
		src = ds->yearly[year - ds->year_min];
	if (src) {
		memcpy(&cells[(size_t)u * w], &src[(size_t)u * w], w * sizeof(*cells));
	} else {
		for (i = 0; i < w; i++)
			cells[(size_t)u * w + i] = NAN;
	}
	fold_subannual(e, ds, year, u, cells);
}

static void compute_year(struct engine *e, const struct dataset *ds, int year, double *cells,
			 uint32_t *rep)
{
	size_t ncell = e->nunits * e->lay->row, i;
	const double *src = NULL;
	int u;

	if (year >= ds->year_min && year <= ds->year_max)
		src = ds->yearly[year - ds->year_min];
	if (src) {
		memcpy(cells, src, ncell * sizeof(*cells));
	} else {
		for (i = 0; i < ncell; i++)
			cells[i] = NAN;
	}
	fold_subannual(e, ds, year, -1, cells);
	/* children come after their parents in the tree array */
	for (u = (int)e->nunits - 1; u >= 0; u--)
		unit_rollup(e, u, cells, rep);
}

struct engine_memo {
	struct engine_memo *next;
	int tag, year, ind;
	bool pending; /* claimed by a thread that is computing it */
	size_t len;
	unsigned char data[];
};

static struct engine_memo **memo_find(struct engine *e, int tag, int year, int ind)
{
	struct engine_memo **m;

	for (m = &e->memo; *m; m = &(*m)->next) {
		if ((*m)->tag == tag && (*m)->year == year && (*m)->ind == ind)
			return m;
	}
	return m;
}

void engine_memo_put(const struct engine *ce, int tag, int year, int ind, const void *data,
		     size_t len)
{
	/* the memo is the one mutable part of a shared engine */
	struct engine *e = (struct engine *)ce;
	struct engine_memo *m = malloc(sizeof(*m) + len), **at, *old;

	if (m) {
		m->tag = tag;
		m->year = year;
		m->ind = ind;
		m->pending = false;
		m->len = len;
		memcpy(m->data, data, len);
	}
	pthread_mutex_lock(&e->memo_mu);
	at = memo_find(e, tag, year, ind);
	old = *at;
	if (old && !old->pending) {
		free(m); /* remembered already */
	} else if (m) {
		m->next = old ? old->next : NULL;
		*at = m;
		free(old);
	} else if (old) {
		*at = old->next; /* no memory: give the claim up */
		free(old);
	}
	pthread_cond_broadcast(&e->memo_cv);
	pthread_mutex_unlock(&e->memo_mu);
}

void engine_memo_abandon(const struct engine *ce, int tag, int year, int ind)
{
	struct engine *e = (struct engine *)ce;
	struct engine_memo **at, *old;

	pthread_mutex_lock(&e->memo_mu);
	at = memo_find(e, tag, year, ind);
	old = *at;
	if (old && old->pending) {
		*at = old->next;
		free(old);
	}
	pthread_cond_broadcast(&e->memo_cv);
	pthread_mutex_unlock(&e->memo_mu);
}

bool engine_memo_get(const struct engine *ce, int tag, int year, int ind, void **data,
		     size_t *len)
{
	struct engine *e = (struct engine *)ce;
	struct engine_memo **at, *m;
	bool found = false;

	*data = NULL;
	pthread_mutex_lock(&e->memo_mu);
	for (;;) {
		at = memo_find(e, tag, year, ind);
		if (!*at || !(*at)->pending)
			break;
		/* another thread is computing it: wait rather than compute the
		 * same thing on every core at once */
		pthread_cond_wait(&e->memo_cv, &e->memo_mu);
	}
	m = *at;
	if (m) {
		*data = malloc(m->len ? m->len : 1);
		if (*data) {
			memcpy(*data, m->data, m->len);
			*len = m->len;
			found = true;
		}
	} else {
		m = calloc(1, sizeof(*m));
		if (m) {
			m->tag = tag;
			m->year = year;
			m->ind = ind;
			m->pending = true;
			*at = m;
		}
	}
	pthread_mutex_unlock(&e->memo_mu);
	return found;
}

static int target_cmp(const void *pa, const void *pb)
{
	const struct target *a = pa, *b = pb;

	if (a->origin != b->origin)
		return a->origin < b->origin ? -1 : 1;
	if (a->indicator != b->indicator)
		return a->indicator < b->indicator ? -1 : 1;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return 0;
}

static enum gemis_err build_targets(struct engine *e, const struct target *t, size_t nt)
{
	size_t i, ncell = e->nunits * e->nind;

	e->national = rc_calloc(e->nind * sizeof(*e->national));
	e->own_first = rc_alloc((ncell ? ncell : 1) * sizeof(*e->own_first));
	e->targets = rc_alloc((nt ? nt : 1) * sizeof(*e->targets));
	if (!e->national || !e->own_first || !e->targets)
		return GEMIS_ENOMEM;
	for (i = 0; i < e->nind; i++) {
		const struct indicator *ind = &catalog[i];
		struct target *n = &e->national[i];

		n->indicator = (int)i;
		n->origin = -1;
		if (ind->has_national) {
			n->dir = ind->national_dir;
			n->has_value = ind->national_dir != DIR_ACHIEVE;
			n->value = ind->national_value;
			n->year = ind->national_year;
		}
	}
	for (i = 0; i < ncell; i++)
		e->own_first[i] = -1;
	e->ntargets = 0;
	for (i = 0; i < nt; i++) {
		if (t[i].origin < 0 || (size_t)t[i].origin >= e->nunits || t[i].indicator < 0 ||
		    (size_t)t[i].indicator >= e->nind)
			return GEMIS_EINVAL;
		e->targets[e->ntargets++] = t[i];
	}
	qsort(e->targets, e->ntargets, sizeof(*e->targets), target_cmp);
	for (i = e->ntargets; i-- > 0;) {
		const struct target *x = &e->targets[i];

		e->own_first[(size_t)x->origin * e->nind + (size_t)x->indicator] = (int)i;
	}
	return GEMIS_OK;
}

enum gemis_err engine_build(struct engine *e, const struct tree *tree, struct dataset *ds,
			    const struct target *t, size_t nt)
{
	enum gemis_err err;
	int y, ny;
	size_t i;

	memset(e, 0, sizeof(*e));
	pthread_mutex_init(&e->memo_mu, NULL);
	pthread_cond_init(&e->memo_cv, NULL);
	e->tree = tree;
	e->ds = ds;
	e->nunits = tree->n;
	e->lay = ds->lay;
	e->nind = ds->nind;
	if (!e->lay) {
		err = GEMIS_ENOMEM;
		goto fail;
	}
	err = dataset_finish(ds);
	if (err)
		goto fail;
	err = build_targets(e, t, nt);
	if (!err)
		err = group_index_build(e->nind, &e->groups);
	if (err)
		goto fail;
	e->forder = formula_order(e->nind);
	e->year_min = ds->year_min;
	e->year_max = ds->year_max;
	for (i = 0; i < ds->nsub; i++) {
		y = period_year(ds->sub[i].period);
		if (e->year_min > e->year_max) {
			e->year_min = e->year_max = y;
		} else {
			if (y < e->year_min)
				e->year_min = y;
			if (y > e->year_max)
				e->year_max = y;
		}
	}
	if (e->year_min > e->year_max)
		return GEMIS_OK;
	ny = e->year_max - e->year_min + 1;
	e->cells = calloc((size_t)ny, sizeof(*e->cells));
	e->reporting = calloc((size_t)ny, sizeof(*e->reporting));
	if (!e->cells || !e->reporting) {
		err = GEMIS_ENOMEM;
		goto fail;
	}
	for (y = 0; y < ny; y++) {
		e->cells[y] = rc_alloc(e->nunits * e->lay->row * sizeof(double));
		e->reporting[y] = rc_alloc(e->nunits * e->nind * sizeof(uint32_t));
		if (!e->cells[y] || !e->reporting[y]) {
			err = GEMIS_ENOMEM;
			goto fail;
		}
		compute_year(e, ds, e->year_min + y, e->cells[y], e->reporting[y]);
	}
	return GEMIS_OK;
fail:
	engine_release(e);
	return err;
}

void engine_release(struct engine *e)
{
	int y;

	if (e->cells || e->reporting) {
		for (y = 0; y <= e->year_max - e->year_min; y++) {
			if (e->cells)
				rc_unref(e->cells[y]);
			if (e->reporting)
				rc_unref(e->reporting[y]);
		}
	}
	free(e->cells);
	free(e->reporting);
	rc_unref(e->targets);
	rc_unref(e->own_first);
	rc_unref(e->national);
	group_index_free(e->groups);
	while (e->memo) {
		struct engine_memo *next = e->memo->next;

		free(e->memo);
		e->memo = next;
	}
	pthread_mutex_destroy(&e->memo_mu);
	pthread_cond_destroy(&e->memo_cv);
	memset(e, 0, sizeof(*e));
}

double engine_part(const struct engine *e, int year, int unit, int ind, int part, int sex)
{
	long c;

	if (!e->cells || year < e->year_min || year > e->year_max)
		return NAN;
	c = layout_cell(e->lay, ind, part, sex);
	if (c < 0)
		return NAN;
	return e->cells[year - e->year_min][(size_t)unit * e->lay->row + (size_t)c];
}

double engine_value(const struct engine *e, int year, int unit, int ind, int sex)
{
	const struct indicator *d = &catalog[ind];
	double num, den;

	if (d->kind == IND_VALUE)
		return engine_part(e, year, unit, ind, PART_VALUE, sex);
	num = engine_part(e, year, unit, ind, PART_NUM, sex);
	den = engine_part(e, year, unit, ind, PART_DEN, sex);
	if (isnan(num) || isnan(den) || den == 0)
		return NAN;
	return num / den * d->factor;
}

unsigned engine_reporting(const struct engine *e, int year, int unit, int ind)
{
	/* an indicator added after this engine was built has no figures in it */
	if (!e->reporting || year < e->year_min || year > e->year_max || ind < 0 || (size_t)ind >= e->nind)
		return 0;
	return e->reporting[year - e->year_min][(size_t)unit * e->nind + (size_t)ind];
}

bool engine_unit_reported(const struct engine *e, int year, int leaf)
{
	size_t k;

	for (k = 0; k < e->nind; k++) {
		if (catalog[k].source != SRC_REGISTER && engine_reporting(e, year, leaf, (int)k))
			return true;
	}
	return false;
}

void engine_count_reported(const struct engine *e, int year, int unit, int *done, int *all)
{
	const struct tree *t = e->tree;
	int c;

	if (t->units[unit].first_child < 0) {
		*all += 1;
		*done += engine_unit_reported(e, year, unit);
		return;
	}
	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling)
		engine_count_reported(e, year, c, done, all);
}

const struct target *engine_target(const struct engine *e, int unit, int ind, int year)
{
	int u;

	if (ind < 0 || (size_t)ind >= e->nind)
		return NULL;
	for (u = unit; u >= 0; u = e->tree->units[u].parent) {
		int k = e->own_first[(size_t)u * e->nind + (size_t)ind];
		const struct target *best = NULL;

		if (k < 0)
			continue;
		for (; (size_t)k < e->ntargets && e->targets[k].origin == u &&
		       e->targets[k].indicator == ind;
		     k++) {
			best = &e->targets[k];
			if (best->year >= year)
				break;
		}
		return best;
	}
	return catalog[ind].has_national ? &e->national[ind] : NULL;
}

/* A rare-event indicator's status on enough events (core/smallnum.h): the
 * parts of the years that may be pooled, up to the year judged. */
static void rare_events(const struct engine *e, int unit, int ind, const struct target *t,
			struct assessment *out)
{
	const struct smallnum_rule *r = smallnum_rule_of(ind);
	double num[SMALLNUM_MAX_POOL], den[SMALLNUM_MAX_POOL];
	int first, i;

	if (!r || !out->latest_year)
		return;
	first = out->latest_year - r->pool_years + 1;
	for (i = 0; i < r->pool_years; i++) {
		num[i] = engine_part(e, first + i, unit, ind, PART_NUM, SEX_T);
		den[i] = engine_part(e, first + i, unit, ind, PART_DEN, SEX_T);
	}
	smallnum_judge(r, t, num, den, first, out);
}

void engine_assess(const struct engine *e, int year, int unit, int ind, struct assessment *out)
{
	engine_assess_against(e, year, unit, ind, engine_target(e, unit, ind, year), out);
}

void engine_assess_against(const struct engine *e, int year, int unit, int ind, const struct target *t,
			   struct assessment *out)
{
	struct series_point pts[PERIOD_MAX_YEAR - PERIOD_MIN_YEAR + 1] = {{0, 0}};
	int n = 0, y;

	for (y = e->year_min; y <= e->year_max && y <= year; y++) {
		double v = engine_value(e, y, unit, ind, SEX_T);

		if (!isnan(v)) {
			pts[n].year = y;
			pts[n].value = v;
			n++;
		}
	}
	assess(t, catalog[ind].unit, pts, n, out);
	/* a quota per quarter is judged on its quarters, not the year's mean;
	 * rare events on enough of them */
	quota_assess(e, unit, ind, t, out);
	rare_events(e, unit, ind, t, out);
	out->prior = out->status;
	/* a unit silent in the year asked has not reported it: an older
	 * year's "achieved" must not stand for this one */
	if (n > 0 && out->latest_year < year)
		out->status = ST_NOT_REPORTED;
	/* retired in the year asked (`gemis indicator retire`): nothing was
	 * owed, so nothing is missing */
	if (out->status == ST_NOT_REPORTED && catalog_retired(&catalog[ind], year))
		out->status = ST_NO_DATA;
}

enum gemis_err engine_clone(struct engine *dst, const struct engine *src, const struct tree *tree,
			    const struct dataset *ds)
{
	int ny = src->year_max - src->year_min + 1, y;

	*dst = *src;
	dst->tree = tree;
	dst->ds = ds;
	dst->memo = NULL;
	pthread_mutex_init(&dst->memo_mu, NULL);
	pthread_cond_init(&dst->memo_cv, NULL);
	dst->cells = NULL;
	dst->reporting = NULL;
	rc_ref(dst->targets);
	rc_ref(dst->own_first);
	rc_ref(dst->national);
	rc_ref(dst->groups);
	if (src->cells && ny > 0) {
		dst->cells = calloc((size_t)ny, sizeof(*dst->cells));
		dst->reporting = calloc((size_t)ny, sizeof(*dst->reporting));
		if (!dst->cells || !dst->reporting) {
			free(dst->cells);
			free(dst->reporting);
			dst->cells = NULL;
			dst->reporting = NULL;
			engine_release(dst);
			return GEMIS_ENOMEM;
		}
		for (y = 0; y < ny; y++) {
			dst->cells[y] = rc_ref(src->cells[y]);
			dst->reporting[y] = rc_ref(src->reporting[y]);
		}
	}
	return GEMIS_OK;
}

bool engine_covers(const struct engine *e, const struct dataset *ds)
{
	size_t i;

	if (ds->year_min <= ds->year_max &&
	    (!e->cells || ds->year_min < e->year_min || ds->year_max > e->year_max))
		return false;
	for (i = 0; i < ds->nsub; i++) {
		int y = period_year(ds->sub[i].period);

		if (!e->cells || y < e->year_min || y > e->year_max)
			return false;
	}
	return true;
}

static int int_desc(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;

	return a > b ? -1 : a < b;
}

enum gemis_err engine_update(struct engine *e, const int *units, size_t n,
			     const struct dataset_change *c)
{
	size_t ncell = e->nunits * e->nind, na = 0, i;
	size_t nval = e->nunits * e->lay->row;
	int *aff, y;

	if (!e->cells)
		return GEMIS_EINVAL;
	/* the units and every unit above them, children first */
	aff = malloc((n * 8 + 1) * sizeof(*aff));
	if (!aff)
		return GEMIS_ENOMEM;
	for (i = 0; i < n; i++) {
		int u;

		for (u = units[i]; u >= 0 && na < n * 8; u = e->tree->units[u].parent)
			aff[na++] = u;
	}
	qsort(aff, na, sizeof(*aff), int_desc);
	for (y = e->year_min; y <= e->year_max; y++) {
		int k = y - e->year_min;
		size_t j;

		if (!c->year[y - PERIOD_MIN_YEAR])
			continue;
		if (rc_shared(e->cells[k])) {
			double *own = rc_dup(e->cells[k], nval * sizeof(double));

			if (!own) {
				free(aff);
				return GEMIS_ENOMEM;
			}
			rc_unref(e->cells[k]);
			e->cells[k] = own;
		}
		if (rc_shared(e->reporting[k])) {
			uint32_t *own = rc_dup(e->reporting[k], ncell * sizeof(uint32_t));

			if (!own) {
				free(aff);
				return GEMIS_ENOMEM;
			}
			rc_unref(e->reporting[k]);
			e->reporting[k] = own;
		}
		for (j = 0; j < na; j++) {
			if (j > 0 && aff[j] == aff[j - 1])
				continue;
			unit_own(e, e->ds, y, aff[j], e->cells[k]);
			unit_rollup(e, aff[j], e->cells[k], e->reporting[k]);
		}
	}
	free(aff);
	return GEMIS_OK;
}

/* What changed, seen from an engine: an indicator's figures change with
 * its own values, with its groups' where its total is their sum
 * (group_totals()), and with its components' where it is a formula. */
struct changed {
	const struct engine *e;
	const struct dataset_change *c;
};

/* An indicator's own figures: its values, or its groups'. */
static bool own_changed(const void *ctx, int ind)
{
	const struct changed *ch = ctx;
	const struct group_index *g = ch->e->groups;
	int j;

	if (dataset_change_has(ch->c, ind))
		return true;
	for (j = g && ind >= 0 && (size_t)ind < g->nind ? g->head[ind] : -1; j >= 0; j = g->next[j]) {
		if (dataset_change_has(ch->c, j))
			return true;
	}
	return false;
}

/* A formula takes no value of its own: its components' (formula_uses()
 * follows a formula of formulas to theirs). */
static bool ind_changed(const struct changed *ch, int ind)
{
	return own_changed(ch, ind) || (ind >= 0 && (size_t)ind < catalog_n() && catalog[ind].formula &&
					 formula_uses(catalog[ind].formula, own_changed, ch));
}

void engine_memo_inherit(const struct engine *dst, const struct engine *src,
			 const struct dataset_change *c)
{
	struct engine *s = (struct engine *)src;
	const struct engine_memo *m;
	const struct changed ch = {src, c};

	pthread_mutex_lock(&s->memo_mu);
	for (m = s->memo; m; m = m->next) {
		bool changed = m->year >= PERIOD_MIN_YEAR && m->year <= PERIOD_MAX_YEAR &&
			       c->year[m->year - PERIOD_MIN_YEAR] && ind_changed(&ch, m->ind);

		if (!m->pending && !changed)
			engine_memo_put(dst, m->tag, m->year, m->ind, m->data, m->len);
	}
	pthread_mutex_unlock(&s->memo_mu);
}
