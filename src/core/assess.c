/*
 * assess.c: the progress measure described in assess.h.
 */
#include "assess.h"

#include <math.h>
#include <string.h>

#include "util/i18n.h"

#include "util/banned.h"

#define ON_TRACK_MIN 0.95
#define AT_RISK_MIN 0.6
#define ZERO_SUBST 0.001
/* Values within this relative distance of the target count as meeting it
 * (decimal values read from documents and sums of parts). */
#define MET_EPS 1e-9

bool target_effective(const struct target *t, const char *unit, enum direction *dir, double *value)
{
	if (!t)
		return false;
	if (t->dir == DIR_ACHIEVE) {
		if (strcmp(unit, "%") != 0)
			return false;
		*dir = DIR_AT_LEAST;
		*value = 100;
		return true;
	}
	if (!t->has_value)
		return false;
	*dir = t->dir;
	*value = t->value;
	return true;
}

static bool met(enum direction dir, double target, double v)
{
	double eps = MET_EPS * (fabs(target) > 1 ? fabs(target) : 1);

	if (dir == DIR_AT_MOST)
		return v <= target + eps;
	return v >= target - eps;
}

bool target_met(const struct target *t, const char *unit, double v)
{
	enum direction dir;
	double tv;

	if (!target_effective(t, unit, &dir, &tv))
		return false;
	return met(dir, tv, v);
}

static double nz(double v)
{
	return v == 0 ? ZERO_SUBST : v;
}

void assess(const struct target *t, const char *unit, const struct series_point *pts, int n,
	    struct assessment *out)
{
	enum direction dir;
	double tv, vb, vn, obs, req;
	int tb, tn;

	out->ratio = NAN;
	out->quota = false;
	out->quota_missed = out->quota_unknown = out->quota_met = out->quota_judged = 0;
	out->small = SMALL_NONE;
	out->small_events = out->pooled_value = NAN;
	out->small_from = 0;
	out->base_year = 0;
	out->base_value = NAN;
	out->latest_year = n > 0 ? pts[n - 1].year : 0;
	out->latest_value = n > 0 ? pts[n - 1].value : NAN;
	out->prior = ST_NO_DATA;
	if (!target_effective(t, unit, &dir, &tv)) {
		out->status = ST_NO_TARGET;
		return;
	}
	if (n == 0) {
		out->status = ST_NO_DATA;
		return;
	}
	tn = pts[n - 1].year;
	vn = pts[n - 1].value;
	if (met(dir, tv, vn)) {
		out->status = ST_ACHIEVED;
		return;
	}
	if (tn >= t->year) {
		/* the target year has come and the target is not met */
		out->status = ST_OFF_TRACK;
		return;
	}
	if (t->has_baseline && t->base_year > 0 && t->base_year < tn) {
		tb = t->base_year;
		vb = t->base_value;
	} else if (n >= 2 && pts[0].year < tn) {
		tb = pts[0].year;
		vb = pts[0].value;
	} else {
		out->status = ST_INSUFFICIENT;
		return;
	}
	out->base_year = tb;
	out->base_value = vb;
	if (t->year <= tb || met(dir, tv, vb)) {
		/* deadline passed, or the base met the target and the unit slid back */
		out->status = ST_OFF_TRACK;
		return;
	}
	obs = pow(nz(vn) / nz(vb), 1.0 / (tn - tb)) - 1;
	req = pow(nz(tv) / nz(vb), 1.0 / (t->year - tb)) - 1;
	if (req == 0) {
		out->status = ST_OFF_TRACK;
		return;
	}
	out->ratio = obs / req;
	if (out->ratio >= ON_TRACK_MIN)
		out->status = ST_ON_TRACK;
	else if (out->ratio >= AT_RISK_MIN)
		out->status = ST_AT_RISK;
	else
		out->status = ST_OFF_TRACK;
}

static const char *const status_ids[ST_COUNT] = {
	"no_target", "no_data", "not_reported", "insufficient_data", "off_track", "at_risk", "on_track", "achieved",
};

const char *status_id(enum status s)
{
	return (unsigned)s < ST_COUNT ? status_ids[s] : "?";
}

int status_parse(const char *s)
{
	int i;

	for (i = 0; s && i < ST_COUNT; i++) {
		if (strcmp(status_ids[i], s) == 0)
			return i;
	}
	return -1;
}

const char *status_name(enum status s)
{
	switch (s) {
	case ST_NO_TARGET: return _("no target");
	case ST_NO_DATA: return _("no data");
	case ST_NOT_REPORTED: return _("not reported");
	case ST_INSUFFICIENT: return _("insufficient data");
	case ST_OFF_TRACK: return _("off track");
	case ST_AT_RISK: return _("at risk");
	case ST_ON_TRACK: return _("on track");
	case ST_ACHIEVED: return _("achieved");
	}
	return "?";
}

double assess_required(const struct target *t, const char *unit, int base_year, double base_value, int year)
{
	enum direction dir;
	double tv;

	if (!target_effective(t, unit, &dir, &tv) || isnan(base_value) || t->year <= base_year ||
	    year < base_year || year > t->year)
		return NAN;
	if (year == base_year)
		return base_value;
	/* (1 + cagr_req)^(year - base): the formula's zeros replaced alike */
	return nz(base_value) * pow(nz(tv) / nz(base_value), (double)(year - base_year) / (t->year - base_year));
}
