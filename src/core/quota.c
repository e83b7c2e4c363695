/*
 * quota.c: quotas per quarter, judged quarter by quarter (see quota.h).
 */
#include "quota.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

#include "util/banned.h"

void quota_check(const double q[4], double min, struct quota_check *out)
{
	int k;

	memset(out, 0, sizeof(*out));
	for (k = 0; k < 4; k++) {
		if (isnan(q[k]))
			out->unknown |= 1u << k;
		else if (q[k] < min)
			out->missed |= 1u << k;
	}
	if (out->missed)
		out->status = ST_OFF_TRACK;
	else if (out->unknown == 0xF)
		out->status = ST_NO_DATA;
	else if (out->unknown)
		out->status = ST_ON_TRACK;
	else
		out->status = ST_ACHIEVED;
}

bool quota_applies(int ind, const struct target *t)
{
	return ind >= 0 && (size_t)ind < catalog_n() && indicator_per_quarter(&catalog[ind]) && t &&
	       t->has_value && t->dir == DIR_AT_LEAST;
}

/* First entry of ds->sub for (year, unit), by binary search over the
 * order (year, unit, ind, slot, period). */
static size_t sub_first(const struct dataset *ds, int year, int unit)
{
	size_t lo = 0, hi = ds->nsub;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int y = period_year(ds->sub[mid].period);

		if (y < year || (y == year && ds->sub[mid].unit < (uint32_t)unit))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool quota_quarters(const struct engine *e, int year, int unit, int ind, double q[4])
{
	const struct dataset *ds = e->ds;
	size_t i;
	bool any = false;
	int k;

	for (k = 0; k < 4; k++)
		q[k] = NAN;
	if (!ds || !ds->sub_sorted)
		return false;
	for (i = sub_first(ds, year, unit); i < ds->nsub; i++) {
		const struct subvalue *s = &ds->sub[i];

		if (period_year(s->period) != year || s->unit != (uint32_t)unit)
			break;
		if (s->ind != ind || (int)s->slot != layout_slot(&ds->lay->ind[ind], PART_VALUE, SEX_T) ||
		    period_kind(s->period) != PERIOD_QUARTER)
			continue;
		q[period_index(s->period) - 1] = s->value;
		any = true;
	}
	return any;
}

/* A commune's (or any unit's own) quarters of `year` against the quota. */
static void judge_own(const struct engine *e, int year, int unit, int ind, double min,
		      struct assessment *a)
{
	struct quota_check c;
	double q[4];

	if (!quota_quarters(e, year, unit, ind, q)) {
		/* a yearly figure alone cannot tell its quarters */
		a->quota_unknown = 0xF;
		if (a->status != ST_NO_DATA)
			a->status = ST_INSUFFICIENT;
		return;
	}
	quota_check(q, min, &c);
	a->quota_missed = c.missed;
	a->quota_unknown = c.unknown;
	a->status = c.status;
}

/* Judges every commune below u (depth first: the tree is shallow). */
static void judge_below(const struct engine *e, int year, int u, int ind, double min,
			unsigned counts[ST_COUNT])
{
	int c;

	for (c = e->tree->units[u].first_child; c >= 0; c = e->tree->units[c].next_sibling) {
		struct assessment a;

		if (e->tree->units[c].first_child >= 0) {
			judge_below(e, year, c, ind, min, counts);
			continue;
		}
		memset(&a, 0, sizeof(a));
		a.status = ST_INSUFFICIENT;
		judge_own(e, year, c, ind, min, &a);
		counts[a.status]++;
	}
}

void quota_assess(const struct engine *e, int unit, int ind, const struct target *t,
		  struct assessment *a)
{
	unsigned counts[ST_COUNT] = {0};
	int year = a->latest_year;

	if (!quota_applies(ind, t) || a->status == ST_NO_TARGET || a->status == ST_NO_DATA || !year)
		return;
	a->quota = true;
	a->ratio = NAN;
	if (e->tree->units[unit].first_child < 0) {
		judge_own(e, year, unit, ind, t->value, a);
		return;
	}
	/* a unit above communes: how many of them met it in every quarter
	 * they reported */
	judge_below(e, year, unit, ind, t->value, counts);
	a->quota_met = counts[ST_ACHIEVED] + counts[ST_ON_TRACK];
	a->quota_judged = a->quota_met + counts[ST_OFF_TRACK];
	if (a->quota_judged == 0) {
		a->quota_unknown = 0xF;
		a->status = ST_INSUFFICIENT;
	} else if (counts[ST_OFF_TRACK]) {
		a->status = ST_OFF_TRACK;
	} else if (counts[ST_ON_TRACK]) {
		a->status = ST_ON_TRACK;
	} else {
		a->status = ST_ACHIEVED;
	}
}

void quota_quarters_text(unsigned mask, char *out, size_t n)
{
	static const char *const roman[4] = {"I", "II", "III", "IV"};
	size_t len = 0;
	int k, first = 1;

	if (n == 0)
		return;
	out[0] = '\0';
	for (k = 0; k < 4; k++) {
		int w;

		if (!(mask & (1u << k)))
			continue;
		if (i18n_lang() == LANG_EN)
			w = snprintf(out + len, n - len, "%sQ%d", first ? "" : ", ", k + 1);
		else
			w = snprintf(out + len, n - len, "%s%s", first ? "quý " : ", ", roman[k]);
		if (w < 0 || (size_t)w >= n - len)
			return;
		len += (size_t)w;
		first = 0;
	}
}

void quota_note(const struct assessment *a, char *out, size_t n)
{
	char q[64];

	if (n == 0)
		return;
	out[0] = '\0';
	if (!a->quota)
		return;
	if (a->quota_judged) {
		/* the share to a tenth, with the decimal mark of the language */
		long tenths = lround(1000.0 * a->quota_met / a->quota_judged);

		snprintf(q, sizeof(q), "%ld%c%ld", tenths / 10, i18n_lang() == LANG_VI ? ',' : '.',
			 tenths % 10);
		snprintf(out, n, _("%u of %u communes met it in every quarter reported (%s%%)"),
			 a->quota_met, a->quota_judged, q);
		return;
	}
	quota_check_note(&(struct quota_check){a->quota_missed, a->quota_unknown, a->status}, out, n);
}

void quota_check_note(const struct quota_check *c, char *out, size_t n)
{
	char q[64], r[64];

	if (n == 0)
		return;
	quota_quarters_text(c->missed, q, sizeof(q));
	quota_quarters_text(c->unknown, r, sizeof(r));
	if (c->unknown == 0xF)
		snprintf(out, n, "%s", _("no quarter reported: a yearly figure cannot tell"));
	else if (c->missed && c->unknown)
		snprintf(out, n, _("not met in %s; %s not reported"), q, r);
	else if (c->missed)
		snprintf(out, n, _("not met in %s"), q);
	else if (c->unknown)
		snprintf(out, n, _("met so far; %s not reported"), r);
	else
		snprintf(out, n, "%s", _("met every quarter"));
}

double quota_min(int ind, const struct target *t, double dflt)
{
	return quota_applies(ind, t) ? t->value : dflt;
}
