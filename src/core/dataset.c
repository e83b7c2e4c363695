/*
 * dataset.c: dense yearly arrays and the sorted list of sub-annual values.
 */
#include "dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/rc.h"

#include "util/banned.h"

void dataset_init(struct dataset *d, const struct tree *t)
{
	memset(d, 0, sizeof(*d));
	d->tree = t;
	d->lay = layout_catalog();
	d->nunits = t->n;
	d->nind = d->lay ? d->lay->nind : 0;
	d->year_min = 1;
	d->year_max = 0;
	d->sub_sorted = true;
}

void dataset_release(struct dataset *d)
{
	int y;

	if (d->yearly) {
		for (y = d->year_min; y <= d->year_max; y++)
			rc_unref(d->yearly[y - d->year_min]);
	}
	free(d->yearly);
	rc_unref(d->sub);
	memset(d, 0, sizeof(*d));
	d->year_min = 1;
}

static size_t cells(const struct dataset *d)
{
	return d->nunits * d->lay->row;
}

/* Makes the year's array exist; returns it or NULL on allocation failure. */
static double *year_array(struct dataset *d, int year)
{
	double *a;
	size_t i, n = cells(d);

	if (d->year_min > d->year_max) {
		d->yearly = calloc(1, sizeof(*d->yearly));
		if (!d->yearly)
			return NULL;
		d->year_min = d->year_max = year;
	} else if (year < d->year_min || year > d->year_max) {
		int lo = year < d->year_min ? year : d->year_min;
		int hi = year > d->year_max ? year : d->year_max;
		double **ny = calloc((size_t)(hi - lo + 1), sizeof(*ny));

		if (!ny)
			return NULL;
		memcpy(ny + (d->year_min - lo), d->yearly,
		       (size_t)(d->year_max - d->year_min + 1) * sizeof(*ny));
		free(d->yearly);
		d->yearly = ny;
		d->year_min = lo;
		d->year_max = hi;
	}
	a = d->yearly[year - d->year_min];
	if (a && rc_shared(a)) {
		/* another snapshot reads it: write a copy */
		double *c = rc_dup(a, n * sizeof(*a));

		if (!c)
			return NULL;
		rc_unref(a);
		d->yearly[year - d->year_min] = c;
		return c;
	}
	if (a)
		return a;
	a = rc_alloc(n * sizeof(*a));
	if (!a)
		return NULL;
	for (i = 0; i < n; i++)
		a[i] = NAN;
	d->yearly[year - d->year_min] = a;
	return a;
}

/* Room for one more sub-annual value, in a list of d's own. */
static enum gemis_err sub_room(struct dataset *d)
{
	size_t cap = d->nsub == d->capsub ? (d->capsub ? d->capsub * 2 : 256) : d->capsub;
	struct subvalue *ns;

	if (d->nsub < d->capsub && !rc_shared(d->sub))
		return GEMIS_OK;
	if (rc_shared(d->sub)) {
		ns = rc_alloc(cap * sizeof(*ns));
		if (ns)
			memcpy(ns, d->sub, d->nsub * sizeof(*ns));
		if (ns)
			rc_unref(d->sub);
	} else {
		ns = rc_realloc(d->sub, cap * sizeof(*ns));
	}
	if (!ns)
		return GEMIS_ENOMEM;
	d->sub = ns;
	d->capsub = cap;
	return GEMIS_OK;
}

static void set_sub(struct subvalue *sv, int unit, period_t period, int ind, int slot, double value)
{
	sv->unit = (uint32_t)unit;
	sv->slot = (uint32_t)slot;
	sv->period = (uint16_t)period;
	sv->ind = (uint16_t)ind;
	sv->value = value;
}

/* The cell of (ind, part, sex) in a unit's row, or -1 when the key is
 * not one a dataset holds. */
static long key_cell(const struct layout *lay, int ind, int part, int sex, double value)
{
	if (!lay || isnan(value) || ind > UINT16_MAX)
		return -1;
	return layout_cell(lay, ind, part, sex);
}

enum gemis_err dataset_put(struct dataset *d, int unit, period_t period, int ind, int part,
			   int sex, double value)
{
	long c = key_cell(d->lay, ind, part, sex, value);
	enum gemis_err err;

	if (!d->lay)
		return GEMIS_ENOMEM;
	if (unit < 0 || (size_t)unit >= d->nunits || (size_t)unit >= SUBVALUE_UNITS || c < 0)
		return GEMIS_EINVAL;
	if (period_kind(period) == PERIOD_YEAR) {
		double *a = year_array(d, period_year(period));
		double *cell;

		if (!a)
			return GEMIS_ENOMEM;
		cell = &a[(size_t)unit * d->lay->row + (size_t)c];
		if (isnan(*cell))
			d->nvalues++;
		*cell = value;
		return GEMIS_OK;
	}
	err = sub_room(d);
	if (err)
		return err;
	set_sub(&d->sub[d->nsub++], unit, period, ind, (int)(c - d->lay->ind[ind].off), value);
	d->nvalues++;
	d->sub_sorted = false;
	return GEMIS_OK;
}

double dataset_get_year(const struct dataset *d, int unit, int year, int ind, int part, int sex)
{
	const double *a;
	long c;

	if (year < d->year_min || year > d->year_max || !d->lay)
		return NAN;
	a = d->yearly[year - d->year_min];
	c = layout_cell(d->lay, ind, part, sex);
	if (!a || c < 0)
		return NAN;
	return a[(size_t)unit * d->lay->row + (size_t)c];
}

static int sub_cmp(const void *pa, const void *pb)
{
	const struct subvalue *a = pa, *b = pb;
	int ya = period_year(a->period), yb = period_year(b->period);

	if (ya != yb)
		return ya < yb ? -1 : 1;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->ind != b->ind)
		return a->ind < b->ind ? -1 : 1;
	if (a->slot != b->slot)
		return a->slot < b->slot ? -1 : 1;
	if (a->period != b->period)
		return a->period < b->period ? -1 : 1;
	return 0;
}

/* Stable merge sort, so that of two puts of the same key the later one
 * stays later. */
static void sub_sort(struct subvalue *a, struct subvalue *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	sub_sort(a, tmp, mid);
	sub_sort(a + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = sub_cmp(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof(*a));
}

enum gemis_err dataset_finish(struct dataset *d)
{
	size_t i, o = 0;
	struct subvalue *tmp;

	if (d->sub_sorted)
		return GEMIS_OK;
	if (rc_shared(d->sub)) {
		struct subvalue *own = rc_dup(d->sub, d->capsub * sizeof(*own));

		if (!own)
			return GEMIS_ENOMEM;
		rc_unref(d->sub);
		d->sub = own;
	}
	tmp = malloc(d->nsub * sizeof(*tmp));
	if (!tmp)
		return GEMIS_ENOMEM;
	sub_sort(d->sub, tmp, d->nsub);
	free(tmp);
	/* keep the last write of duplicate keys */
	for (i = 0; i < d->nsub; i++) {
		if (o > 0 && sub_cmp(&d->sub[o - 1], &d->sub[i]) == 0) {
			d->sub[o - 1] = d->sub[i];
			d->nvalues--;
			continue;
		}
		d->sub[o++] = d->sub[i];
	}
	d->nsub = o;
	d->sub_sorted = true;
	return GEMIS_OK;
}

size_t dataset_bytes(const struct dataset *d)
{
	size_t b = d->capsub * sizeof(*d->sub);
	int y;

	for (y = d->year_min; y <= d->year_max; y++) {
		if (d->yearly[y - d->year_min])
			b += cells(d) * sizeof(double);
	}
	return b;
}

enum gemis_err dataset_clone(struct dataset *dst, const struct dataset *src, const struct tree *t)
{
	int ny = src->year_max - src->year_min + 1, y;

	*dst = *src;
	dst->tree = t;
	dst->yearly = NULL;
	if (src->year_min <= src->year_max) {
		dst->yearly = calloc((size_t)ny, sizeof(*dst->yearly));
		if (!dst->yearly) {
			dst->sub = NULL;
			dataset_release(dst);
			return GEMIS_ENOMEM;
		}
		for (y = 0; y < ny; y++)
			dst->yearly[y] = rc_ref(src->yearly[y]);
	}
	dst->sub = rc_ref(src->sub);
	return GEMIS_OK;
}

/* ---- one unit's values, replaced in place ---- */

#define UV_YEARS (PERIOD_MAX_YEAR - PERIOD_MIN_YEAR + 1)

enum gemis_err unit_values_init(struct unit_values *v, int unit)
{
	size_t n, i;

	memset(v, 0, sizeof(*v));
	v->unit = unit;
	v->year_min = 1;
	v->year_max = 0;
	v->lay = layout_catalog();
	if (!v->lay)
		return GEMIS_ENOMEM;
	n = (size_t)UV_YEARS * v->lay->row;
	v->yearly = malloc(n * sizeof(*v->yearly));
	if (!v->yearly)
		return GEMIS_ENOMEM;
	for (i = 0; i < n; i++)
		v->yearly[i] = NAN;
	return GEMIS_OK;
}

void unit_values_release(struct unit_values *v)
{
	free(v->yearly);
	free(v->sub);
	memset(v, 0, sizeof(*v));
}

enum gemis_err unit_values_put(struct unit_values *v, period_t period, int ind, int part, int sex,
			       double value)
{
	int y = period_year(period);
	long c = key_cell(v->lay, ind, part, sex, value);

	if (c < 0 || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR || v->unit < 0 ||
	    (size_t)v->unit >= SUBVALUE_UNITS)
		return GEMIS_EINVAL;
	if (period_kind(period) == PERIOD_YEAR) {
		v->yearly[(size_t)(y - PERIOD_MIN_YEAR) * v->lay->row + (size_t)c] = value;
		if (v->year_min > v->year_max) {
			v->year_min = v->year_max = y;
		} else {
			v->year_min = y < v->year_min ? y : v->year_min;
			v->year_max = y > v->year_max ? y : v->year_max;
		}
		return GEMIS_OK;
	}
	if (v->nsub == v->capsub) {
		size_t cap = v->capsub ? v->capsub * 2 : 64;
		struct subvalue *ns = realloc(v->sub, cap * sizeof(*ns));

		if (!ns)
			return GEMIS_ENOMEM;
		v->sub = ns;
		v->capsub = cap;
	}
	set_sub(&v->sub[v->nsub++], v->unit, period, ind, (int)(c - v->lay->ind[ind].off), value);
	return GEMIS_OK;
}

static bool same_value(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

static void mark(struct dataset_change *c, int year, int ind)
{
	if (year >= PERIOD_MIN_YEAR && year <= PERIOD_MAX_YEAR)
		c->year[year - PERIOD_MIN_YEAR] = true;
	if (ind >= 0 && ind < 256)
		c->ind[ind] = true;
	else if (ind >= 256)
		c->ind_past = true;
	c->any = true;
}

bool dataset_change_has(const struct dataset_change *c, int ind)
{
	if (ind < 0)
		return false;
	return ind < 256 ? c->ind[ind] : c->ind_past;
}

/* Copies the unit's row of year y from v into d when it differs, marking
 * the indicators that changed. */
static enum gemis_err replace_year(struct dataset *d, const struct unit_values *v, int y,
				   struct dataset_change *c)
{
	const struct layout *lay = d->lay;
	size_t w = lay->row, off = (size_t)v->unit * w, k, i;
	const double *old = y >= d->year_min && y <= d->year_max && d->yearly[y - d->year_min]
				    ? d->yearly[y - d->year_min] + off
				    : NULL;
	const double *nw = &v->yearly[(size_t)(y - PERIOD_MIN_YEAR) * w];
	bool differs = false;
	double *a;

	for (k = 0; k < lay->nind; k++) {
		size_t end = k + 1 < lay->nind ? lay->ind[k + 1].off : w;

		for (i = lay->ind[k].off; i < end; i++) {
			double o = old ? old[i] : NAN;

			if (!same_value(o, nw[i])) {
				differs = true;
				mark(c, y, (int)k);
				d->nvalues += (isnan(o) ? 1 : 0) - (isnan(nw[i]) ? 1 : 0);
			}
		}
	}
	if (!differs)
		return GEMIS_OK;
	a = year_array(d, y); /* a private copy when shared */
	if (!a)
		return GEMIS_ENOMEM;
	memcpy(a + off, nw, w * sizeof(*nw));
	return GEMIS_OK;
}

enum gemis_err dataset_replace_unit(struct dataset *d, const struct unit_values *v,
				    struct dataset_change *c)
{
	int lo = d->year_min, hi = d->year_max, y;
	size_t old_sub = 0, i, k;
	enum gemis_err err;

	if (!d->lay)
		return GEMIS_ENOMEM;
	if (v->unit < 0 || (size_t)v->unit >= d->nunits || v->lay != d->lay)
		return GEMIS_EINVAL;
	d->demo |= v->demo;
	if (v->year_min <= v->year_max) {
		if (lo > hi) {
			lo = v->year_min;
			hi = v->year_max;
		} else {
			lo = v->year_min < lo ? v->year_min : lo;
			hi = v->year_max > hi ? v->year_max : hi;
		}
	}
	for (y = lo; y <= hi; y++) {
		err = replace_year(d, v, y, c);
		if (err)
			return err;
	}
	/* sub-annual values: the unit's old ones out, the new ones in */
	for (i = 0; i < d->nsub; i++) {
		if (d->sub[i].unit == (uint32_t)v->unit)
			old_sub++;
	}
	if (old_sub == 0 && v->nsub == 0)
		return GEMIS_OK;
	{
		size_t cap = d->nsub - old_sub + v->nsub;
		struct subvalue *ns = rc_alloc((cap ? cap : 1) * sizeof(*ns));

		if (!ns)
			return GEMIS_ENOMEM;
		for (i = 0, k = 0; i < d->nsub; i++) {
			if (d->sub[i].unit == (uint32_t)v->unit)
				mark(c, period_year(d->sub[i].period), d->sub[i].ind);
			else
				ns[k++] = d->sub[i];
		}
		for (i = 0; i < v->nsub; i++) {
			mark(c, period_year(v->sub[i].period), v->sub[i].ind);
			ns[k++] = v->sub[i];
		}
		rc_unref(d->sub);
		d->sub = ns;
		d->nvalues = d->nvalues - old_sub + v->nsub;
		d->nsub = d->capsub = k;
		d->sub_sorted = false;
	}
	return dataset_finish(d);
}
