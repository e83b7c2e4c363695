/*
 * dataset.c: dense yearly arrays and the sorted list of sub-annual values.
 */
#include "dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

void dataset_init(struct dataset *d, const struct tree *t)
{
	memset(d, 0, sizeof(*d));
	d->tree = t;
	d->nunits = t->n;
	d->nind = catalog_count;
	d->year_min = 1;
	d->year_max = 0;
	d->sub_sorted = true;
}

void dataset_release(struct dataset *d)
{
	int y;

	if (d->yearly) {
		for (y = d->year_min; y <= d->year_max; y++)
			free(d->yearly[y - d->year_min]);
	}
	free(d->yearly);
	free(d->sub);
	memset(d, 0, sizeof(*d));
	d->year_min = 1;
}

static size_t cells(const struct dataset *d)
{
	return d->nunits * d->nind * SLOTS;
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
	if (a)
		return a;
	a = malloc(n * sizeof(*a));
	if (!a)
		return NULL;
	for (i = 0; i < n; i++)
		a[i] = NAN;
	d->yearly[year - d->year_min] = a;
	return a;
}

enum gemis_err dataset_put(struct dataset *d, int unit, period_t period, int ind, int part,
			   int sex, double value)
{
	if (unit < 0 || (size_t)unit >= d->nunits || ind < 0 || (size_t)ind >= d->nind ||
	    part < 0 || part >= PART_SLOTS || sex < 0 || sex >= SEX_SLOTS || isnan(value))
		return GEMIS_EINVAL;
	if (period_kind(period) == PERIOD_YEAR) {
		double *a = year_array(d, period_year(period));
		double *cell;

		if (!a)
			return GEMIS_ENOMEM;
		cell = &a[((size_t)unit * d->nind + (size_t)ind) * SLOTS + (size_t)SLOT(part, sex)];
		if (isnan(*cell))
			d->nvalues++;
		*cell = value;
		return GEMIS_OK;
	}
	if (d->nsub == d->capsub) {
		size_t cap = d->capsub ? d->capsub * 2 : 256;
		struct subvalue *ns = realloc(d->sub, cap * sizeof(*ns));

		if (!ns)
			return GEMIS_ENOMEM;
		d->sub = ns;
		d->capsub = cap;
	}
	d->sub[d->nsub].unit = (uint32_t)unit;
	d->sub[d->nsub].period = (uint16_t)period;
	d->sub[d->nsub].ind = (uint8_t)ind;
	d->sub[d->nsub].slot = (uint8_t)SLOT(part, sex);
	d->sub[d->nsub].value = value;
	d->nsub++;
	d->nvalues++;
	d->sub_sorted = false;
	return GEMIS_OK;
}

double dataset_get_year(const struct dataset *d, int unit, int year, int ind, int part, int sex)
{
	const double *a;

	if (year < d->year_min || year > d->year_max)
		return NAN;
	a = d->yearly[year - d->year_min];
	if (!a)
		return NAN;
	return a[((size_t)unit * d->nind + (size_t)ind) * SLOTS + (size_t)SLOT(part, sex)];
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
