/*
 * validate.c: cross-row checks of a batch of values.
 */
#include "validate.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
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

/* A formula indicator (core/formula.h) is computed, never reported. */
static void check_computed(const struct value_row *r, struct diags *d)
{
	const struct indicator *ind = &catalog[r->ind];

	if (ind->formula)
		diags_add(d, r->line, "indicator", _("%s is computed from its formula: no value is taken"), ind->id);
}

/*
 * A total and its groups (issue 17).  Where a batch gives, or the database
 * holds, an indicator's total and every category of one of its breakdowns
 * for a unit, period, part and sex, the categories add up to the total: the
 * ethnic groups' pupils are all the pupils.  A breakdown whose categories
 * do not cover everybody (age groups with a gap, group_partial) adds up to
 * at most the total.  An average or a figure each level reports for itself
 * (a value indicator not summed over units) is not a sum of its groups.
 * Nothing is checked while a category is missing.  Where the total is
 * missing, the engine takes the sum of the first complete breakdown that is
 * not partial for it (engine.h), and every other complete breakdown is
 * checked against that sum.
 */

/* A group to check: a unit, period, part and sex of one breakdown (its
 * lead series) of one parent. */
struct group_key {
	int unit;
	period_t period;
	int lead, part, sex;
	long line; /* the latest line of the batch in the group */
};

static int group_cmp(const void *pa, const void *pb)
{
	const struct group_key *a = pa, *b = pb;

	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->period != b->period)
		return a->period < b->period ? -1 : 1;
	if (a->lead != b->lead)
		return a->lead < b->lead ? -1 : 1;
	if (a->sex != b->sex)
		return a->sex < b->sex ? -1 : 1;
	return a->part < b->part ? -1 : a->part > b->part;
}

/* Appends a key; false without memory. */
static bool push_key(struct group_key **keys, size_t *n, size_t *cap, const struct value_row *r, int lead)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		struct group_key *nk = realloc(*keys, c * sizeof(*nk));

		if (!nk)
			return false;
		*keys = nk;
		*cap = c;
	}
	(*keys)[(*n)++] = (struct group_key){r->unit, r->period, lead, r->part, r->sex, r->line};
	return true;
}

/* The groups the batch's rows touch, with repeats: a series' own
 * breakdown, and every breakdown of a total's series.  NULL without
 * memory. */
static struct group_key *group_keys(const struct value_row *rows, size_t n, const struct group_index *m,
				    size_t *nkeys)
{
	struct group_key *keys = gemis_malloc(sizeof(*keys));
	size_t i, cap = 1;
	bool ok = keys != NULL;

	*nkeys = 0;
	for (i = 0; i < n && ok; i++) {
		const struct value_row *r = &rows[i];
		int j;

		if (r->skip || !group_index_member(m, r->ind))
			continue;
		if (m->lead[r->ind] >= 0) {
			ok = push_key(&keys, nkeys, &cap, r, m->lead[r->ind]);
			continue;
		}
		for (j = m->head[r->ind]; j >= 0 && ok; j = m->next[j]) {
			if (m->lead[j] == j)
				ok = push_key(&keys, nkeys, &cap, r, j);
		}
	}
	if (!ok) {
		free(keys);
		return NULL;
	}
	return keys;
}

/* The batch's value of a key (the first, non-skipped row of its run), or
 * the stored one through lookup; *found false when neither has it. */
static enum gemis_err value_of(const struct value_row *rows, const size_t *idx, size_t n, value_lookup_fn lookup,
			       void *ctx, const struct value_row *key, double *v, bool *found)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (key_cmp(&rows[idx[mid]], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < n && key_cmp(&rows[idx[lo]], key) == 0;
	if (*found) {
		*v = rows[idx[lo]].value;
		return GEMIS_OK;
	}
	return lookup ? lookup(ctx, key->unit, key->period, key->ind, key->part, key->sex, v, found) : GEMIS_OK;
}

/* The names of breakdown lead's groups, joined by commas, into buf. */
static void group_names(const struct group_index *m, int lead, char *buf, size_t size)
{
	enum lang lang = i18n_lang();
	size_t used = 0;
	int j;

	buf[0] = '\0';
	for (j = lead; j >= 0 && used < size; j = m->next[j]) {
		const struct indicator *c = &catalog[j];

		if (m->lead[j] == lead)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
						 lang == LANG_VI ? c->category_vi : c->category_en);
	}
}

/* Says which groups do not add up to which total, in words a person at a
 * form reads as well as one reading an import's report: the groups' and
 * the indicator's names, the part and the sex (the line is the place).
 * from is the breakdown whose groups gave the total where the unit gave
 * none, -1 for a total given. */
static void group_problem(const struct group_index *m, const struct group_key *g, double sum, double total,
			  int from, struct diags *d)
{
	const struct indicator *lead = &catalog[g->lead], *p = &catalog[lead->parent_index];
	enum lang lang = i18n_lang();
	const char *part = lang == LANG_VI ? p->part_vi[g->part] : p->part_en[g->part];
	char groups[256], others[256], vs[32], vt[32];

	group_names(m, g->lead, groups, sizeof(groups));
	fmt_value(vs, sizeof(vs), sum);
	fmt_value(vt, sizeof(vt), total);
	part = part ? part : part_id(p, g->part);
	if (from >= 0) {
		group_names(m, from, others, sizeof(others));
		diags_add(d, g->line, "value",
			  lead->group_partial
				  ? _("the groups (%s) add up to %s, more than %s, the sum of the groups (%s) of %s (%s, %s)")
				  : _("the groups (%s) add up to %s, not to %s, the sum of the groups (%s) of %s (%s, %s)"),
			  groups, vs, vt, others, indicator_name(p, lang), part, indicator_sex_name(p, (enum sex)g->sex));
		return;
	}
	diags_add(d, g->line, "value",
		  lead->group_partial ? _("the groups (%s) add up to %s, more than the total %s of %s (%s, %s)")
				      : _("the groups (%s) add up to %s, not to the total %s of %s (%s, %s)"),
		  groups, vs, vt, indicator_name(p, lang), part, indicator_sex_name(p, (enum sex)g->sex));
}

/* Where a batch's rows are, to look a value up in them or in the stored
 * ones. */
struct batch {
	const struct value_row *rows;
	const size_t *idx;
	size_t n;
	value_lookup_fn lookup;
	void *ctx;
};

/* The sum of breakdown lead's groups in g's cell; *found false when a
 * group is missing. */
static enum gemis_err groups_sum(const struct batch *b, const struct group_index *m, const struct group_key *g,
				 int lead, double *sum, bool *found)
{
	struct value_row key = {.unit = g->unit, .period = g->period, .part = g->part, .sex = g->sex};
	enum gemis_err err = GEMIS_OK;
	double v = 0;
	int j;

	*sum = 0;
	*found = true;
	for (j = lead; !err && *found && j >= 0; j = m->next[j]) {
		if (m->lead[j] != lead)
			continue;
		key.ind = j;
		err = value_of(b->rows, b->idx, b->n, b->lookup, b->ctx, &key, &v, found);
		if (*found)
			*sum += v;
	}
	return err;
}

/* The total a unit did not give, as the engine takes it (engine.h): the
 * sum of its first complete breakdown that is not partial; *from is that
 * breakdown's lead. */
static enum gemis_err derived_total(const struct batch *b, const struct group_index *m, const struct group_key *g,
				    double *total, bool *found, int *from)
{
	int j;

	*found = false;
	for (j = m->head[catalog[g->lead].parent_index]; j >= 0; j = m->next[j]) {
		enum gemis_err err;

		if (m->lead[j] != j || catalog[j].group_partial)
			continue;
		err = groups_sum(b, m, g, j, total, found);
		if (err || *found) {
			*from = j;
			return err;
		}
	}
	return GEMIS_OK;
}

/* Checks one group: the total, given or the sum of another breakdown's
 * groups, against the sum of its categories. */
static enum gemis_err check_group(const struct batch *b, const struct group_index *m, const struct group_key *g,
				  struct diags *d)
{
	const struct indicator *lead = &catalog[g->lead];
	struct value_row key = {.unit = g->unit, .period = g->period, .ind = lead->parent_index,
				.part = g->part, .sex = g->sex};
	double total, sum;
	bool found;
	int from = -1;
	enum gemis_err err;

	err = value_of(b->rows, b->idx, b->n, b->lookup, b->ctx, &key, &total, &found);
	if (!err && !found)
		err = derived_total(b, m, g, &total, &found, &from);
	if (err || !found || from == g->lead)
		return err;
	err = groups_sum(b, m, g, g->lead, &sum, &found);
	if (err || !found)
		return err;
	if (lead->group_partial ? sum <= total * (1 + 1e-9) : fabs(sum - total) <= 1e-9 * fmax(1, fabs(total)))
		return GEMIS_OK;
	group_problem(m, g, sum, total, from, d);
	return GEMIS_OK;
}

/* Every group the batch touches, each once (its latest line named); idx
 * orders the rows by key. */
static enum gemis_err check_groups(const struct group_index *m, const struct value_row *rows, const size_t *idx,
				   size_t n, value_lookup_fn lookup, void *ctx, struct diags *d)
{
	const struct batch b = {rows, idx, n, lookup, ctx};
	size_t nkeys, i;
	struct group_key *keys;
	enum gemis_err err = GEMIS_OK;

	keys = group_keys(rows, n, m, &nkeys);
	if (!keys)
		return GEMIS_ENOMEM;
	qsort(keys, nkeys, sizeof(*keys), group_cmp);
	for (i = 0; i < nkeys && !err; i++) {
		if (i + 1 < nkeys && group_cmp(&keys[i], &keys[i + 1]) == 0) {
			if (keys[i].line > keys[i + 1].line)
				keys[i + 1].line = keys[i].line;
			continue; /* checked at the run's last key, with its latest line */
		}
		err = check_group(&b, m, &keys[i], d);
	}
	free(keys);
	return err;
}

/* idx[0..n): the rows in key order (then line: a total order). */
static size_t *key_index(const struct value_row *rows, size_t n)
{
	size_t *idx = gemis_malloc((n ? n : 1) * sizeof(*idx)), i;

	if (!idx)
		return NULL;
	for (i = 0; i < n; i++)
		idx[i] = i;
	qsort_r(idx, n, sizeof(*idx), idx_cmp, (void *)rows);
	return idx;
}

enum gemis_err validate_groups(const struct group_index *gi, const struct value_row *rows, size_t n,
			       value_lookup_fn lookup, void *ctx, struct diags *d, struct errctx *e)
{
	size_t *idx;
	enum gemis_err err;

	if (!gi)
		return GEMIS_OK;
	idx = key_index(rows, n);
	if (!idx)
		return GEMIS_ENOMEM;
	err = check_groups(gi, rows, idx, n, lookup, ctx, d);
	free(idx);
	if (err && e && e->code == GEMIS_OK)
		err_set(e, err, "value lookup failed");
	return err;
}

/* The checks of validate_rows(), the groups' with groups. */
static enum gemis_err validate(struct value_row *rows, size_t n, value_lookup_fn lookup, void *ctx, bool groups,
			       struct diags *d, struct errctx *e)
{
	size_t *idx, i;
	enum gemis_err err;

	for (i = 0; i < n; i++) {
		if (rows[i].value < 0)
			diags_add(d, rows[i].line, "value", _("negative value %g: counts cannot be negative"),
				  rows[i].value);
		check_retired(&rows[i], d);
		check_computed(&rows[i], d);
	}
	/* the index tie-break makes the order total, so stable */
	idx = key_index(rows, n);
	if (!idx)
		return GEMIS_ENOMEM;
	mark_duplicates(rows, idx, n, d);
	err = check_shares(rows, idx, n, lookup, ctx, d);
	if (!err && groups) {
		struct group_index *gi;

		err = group_index_build(catalog_n(), &gi);
		if (!err && gi)
			err = check_groups(gi, rows, idx, n, lookup, ctx, d);
		group_index_free(gi);
	}
	free(idx);
	if (err && e && e->code == GEMIS_OK)
		err_set(e, err, "value lookup failed");
	return err;
}

enum gemis_err validate_rows(struct value_row *rows, size_t n, value_lookup_fn lookup, void *ctx,
			     struct diags *d, struct errctx *e)
{
	return validate(rows, n, lookup, ctx, true, d, e);
}

enum gemis_err validate_rows_within(struct value_row *rows, size_t n, value_lookup_fn lookup, void *ctx,
				    struct diags *d, struct errctx *e)
{
	return validate(rows, n, lookup, ctx, false, d, e);
}
