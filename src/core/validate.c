/*
 * validate.c: cross-row checks of a batch of values.
 */
#include "validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/i18n.h"

#include "util/banned.h"

void diags_init(struct diags *d, size_t max)
{
	memset(d, 0, sizeof(*d));
	d->max = max ? max : 1000;
}

void diags_release(struct diags *d)
{
	free(d->d);
	memset(d, 0, sizeof(*d));
}

void diags_add(struct diags *d, long line, const char *field, const char *fmt, ...)
{
	struct diag *x;
	va_list ap;

	d->total++;
	if (d->n >= d->max)
		return;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct diag *nd = realloc(d->d, cap * sizeof(*nd));

		if (!nd)
			return;
		d->d = nd;
		d->cap = cap;
	}
	x = &d->d[d->n++];
	x->line = line;
	snprintf(x->field, sizeof(x->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
	va_end(ap);
}

static void diag_merge(struct diag *a, struct diag *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	diag_merge(a, tmp, mid);
	diag_merge(a + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = a[j].line < a[i].line ? a[j++] : a[i++];
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof(*a));
}

void diags_sort(struct diags *d)
{
	struct diag *tmp = malloc((d->n ? d->n : 1) * sizeof(*tmp));

	if (!tmp)
		return;
	diag_merge(d->d, tmp, d->n);
	free(tmp);
}

static int key_cmp(const struct value_row *a, const struct value_row *b)
{
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->period != b->period)
		return a->period < b->period ? -1 : 1;
	if (a->ind != b->ind)
		return a->ind < b->ind ? -1 : 1;
	if (a->sex != b->sex)
		return a->sex < b->sex ? -1 : 1;
	if (a->part != b->part)
		return a->part < b->part ? -1 : 1;
	return 0;
}

static int idx_cmp(const void *pa, const void *pb, void *arg)
{
	const struct value_row *base = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = key_cmp(&base[a], &base[b]);

	if (c)
		return c;
	return a < b ? -1 : a > b;
}

static void fmt_value(char *out, size_t n, double v)
{
	snprintf(out, n, "%.15g", v);
}

/* Duplicates: the first occurrence wins, a different later one is an
 * error.  idx orders the rows by key (then line). */
static void mark_duplicates(struct value_row *rows, const size_t *idx, size_t n, struct diags *d)
{
	size_t i, first;

	/* first is the first row of the current run of equal keys (in
	 * line order, thanks to the tie-break), so each row is compared once:
	 * linear however many times a row repeats. */
	for (i = 1, first = 0; i < n; i++) {
		struct value_row *a, *b = &rows[idx[i]];

		if (key_cmp(&rows[idx[first]], b) != 0) {
			first = i;
			continue;
		}
		a = &rows[idx[first]];
		if (a->value == b->value) {
			b->skip = true;
		} else {
			char va[32], vb[32];

			fmt_value(va, sizeof(va), a->value);
			fmt_value(vb, sizeof(vb), b->value);
			diags_add(d, b->line, "value",
				  _("value %s conflicts with %s given for the same unit, period, "
				    "indicator, part and sex on line %ld"),
				  vb, va, a->line);
			b->skip = true;
		}
	}

}

/* A share's numerator is not above its denominator, per (unit, period,
 * indicator, sex); the part a batch lacks is looked up (lookup may be
 * NULL).  Returns the lookup's error. */
static enum gemis_err check_shares(const struct value_row *rows, const size_t *idx, size_t n, value_lookup_fn lookup,
				   void *ctx, struct diags *d)
{
	enum gemis_err err = GEMIS_OK;
	size_t i;

	for (i = 0; i < n && !err; i++) {
		const struct value_row *r = &rows[idx[i]];
		const struct indicator *ind = &catalog[r->ind];
		double num = 0, den = 0;
		bool have_num = false, have_den = false;
		long num_line = 0;
		size_t j;

		if (r->skip || !ind->share || ind->kind != IND_RATIO)
			continue;
		/* handle each group once: at its first non-skipped row */
		if (i > 0) {
			const struct value_row *p = &rows[idx[i - 1]];

			if (p->unit == r->unit && p->period == r->period && p->ind == r->ind &&
			    p->sex == r->sex)
				continue;
		}
		for (j = i; j < n; j++) {
			const struct value_row *q = &rows[idx[j]];

			if (q->unit != r->unit || q->period != r->period || q->ind != r->ind ||
			    q->sex != r->sex)
				break;
			if (q->skip)
				continue;
			if (q->part == PART_NUM && !have_num) {
				num = q->value;
				have_num = true;
				num_line = q->line;
			} else if (q->part == PART_DEN && !have_den) {
				den = q->value;
				have_den = true;
			}
		}
		if (lookup && have_num != have_den) {
			bool found = false;

			if (!have_num) {
				err = lookup(ctx, r->unit, r->period, r->ind, PART_NUM, r->sex, &num, &found);
				have_num = found;
				num_line = r->line;
			} else {
				err = lookup(ctx, r->unit, r->period, r->ind, PART_DEN, r->sex, &den, &found);
				have_den = found;
			}
		}
		if (!err && have_num && have_den && num > den) {
			char vn[32], vd[32];

			fmt_value(vn, sizeof(vn), num);
			fmt_value(vd, sizeof(vd), den);
			diags_add(d, num_line, "value",
				  _("numerator %s is greater than denominator %s of %s: a share cannot "
				    "exceed its whole"),
				  vn, vd, ind->id);
		}
	}
	return err;
}

/* A value of a year its indicator is retired in (catalog_retired()) has
 * no form, report or template left to go to. */
static void check_retired(const struct value_row *r, struct diags *d)
{
	const struct indicator *ind = &catalog[r->ind];
	int year = period_year(r->period);

	if (catalog_retired(ind, year))
		diags_add(d, r->line, "indicator", _("%s is retired from %d: no value of %d is taken"), ind->id,
			  catalog_retired_from(ind), year);
}

enum gemis_err validate_rows(struct value_row *rows, size_t n, value_lookup_fn lookup, void *ctx,
			     struct diags *d, struct errctx *e)
{
	size_t *idx, i;
	enum gemis_err err;

	for (i = 0; i < n; i++) {
		if (rows[i].value < 0)
			diags_add(d, rows[i].line, "value", _("negative value %g: counts cannot be negative"),
				  rows[i].value);
		check_retired(&rows[i], d);
	}
	idx = gemis_malloc((n ? n : 1) * sizeof(*idx));
	if (!idx)
		return GEMIS_ENOMEM;
	for (i = 0; i < n; i++)
		idx[i] = i;
	/* the index tie-break makes the order total, so stable */
	qsort_r(idx, n, sizeof(*idx), idx_cmp, rows);

	mark_duplicates(rows, idx, n, d);
	err = check_shares(rows, idx, n, lookup, ctx, d);
	free(idx);
	if (err && e && e->code == GEMIS_OK)
		err_set(e, err, "value lookup failed");
	return err;
}
