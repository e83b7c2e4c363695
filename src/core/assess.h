/*
 * assess.h: judging progress towards a target (the Statistics Canada /
 * Open SDG progress measure).
 *
 *   achieved           the latest value meets the target;
 *   otherwise, with a base year before the latest year (the plan's
 *   baseline, or else the earliest year with data):
 *     cagr_obs = (v_now / v_base)^(1 / (t_now - t_base)) - 1
 *     cagr_req = (target / v_base)^(1 / (T - t_base)) - 1
 *     R = cagr_obs / cagr_req          (zeros replaced by 0.001)
 *     on_track R >= 0.95, at_risk 0.6 <= R < 0.95, off_track R < 0.6
 *     (a move the wrong way gives R < 0, so off_track);
 *   insufficient_data  one year of data and no usable baseline;
 *   no_data            no value up to the year asked;
 *   not_reported       no value in the year asked but some before: the unit
 *                      has not reported that year, and an older year's
 *                      status is not passed off as this one's (set by
 *                      engine_assess(), which knows the year asked);
 *   no_target          no target for the unit or any of its ancestors.
 *
 * Cases the formula leaves open, decided here and in docs/progress.md:
 * - the base already meets the target (cagr_req has the wrong sign or is
 *   zero) but the latest value does not: off_track, the unit slid back;
 * - the latest year is the target year or later, or the target year is
 *   not after the base year: off_track (the deadline has come without
 *   meeting the target);
 * - "achieve" targets (qualitative) are judged as "at least 100" on
 *   percentage indicators; on other units they have no_target.
 * Pure computation: no I/O.
 */
#ifndef GEMIS_ASSESS_H
#define GEMIS_ASSESS_H

#include <stdbool.h>

#include "catalog.h"

enum status {
	ST_NO_TARGET,
	ST_NO_DATA,
	ST_NOT_REPORTED, /* no value in the year asked, though earlier years have
			    some: never judged on the older data (engine.h) */
	ST_INSUFFICIENT,
	ST_OFF_TRACK,
	ST_AT_RISK,
	ST_ON_TRACK,
	ST_ACHIEVED,
};
#define ST_COUNT 8

struct target {
	int indicator;          /* catalog index */
	enum direction dir;
	bool has_value;         /* false for qualitative targets */
	double value;
	int year;               /* year the value must hold */
	bool has_baseline;
	double base_value;
	int base_year;          /* 0 when the plan gives none */
	int origin;             /* tree index of the unit whose plan set it; -1 national */
};

/* A unit's yearly values of one indicator, oldest first. */
struct series_point {
	int year;
	double value;
};

struct assessment {
	enum status status;
	double ratio;      /* R, NaN when not computed */
	int base_year;     /* 0 when not computed */
	double base_value;
	int latest_year;   /* 0 when no data */
	double latest_value;
	/* ST_NOT_REPORTED: what the data up to latest_year would say, for
	 * people who want to know ("2025: achieved"); else the status */
	enum status prior;
	/* quotas per quarter (core/quota.h), judged when quota is true:
	 * quarter masks (bit k-1 for quarter k) of a commune, and the
	 * communes below a larger unit that met it every quarter */
	bool quota;
	unsigned quota_missed, quota_unknown;
	unsigned quota_met, quota_judged;
	/* rare events (core/smallnum.h): judged on years pooled, or too few
	 * events to judge; small_events is the count the status rests on,
	 * over the years small_from .. latest_year */
	enum { SMALL_NONE, SMALL_POOLED, SMALL_TOO_FEW } small;
	double small_events;
	int small_from;
	double pooled_value;
};

/* Judges pts[0..n) (years ascending, up to and including the year asked)
 * against t (NULL for no target).  unit is the indicator's unit string. */
void assess(const struct target *t, const char *unit, const struct series_point *pts, int n,
	    struct assessment *out);

/* True when v meets t (for at_least v >= value, at_most v <= value). */
bool target_met(const struct target *t, const char *unit, double v);

const char *status_id(enum status s); /* "achieved", "on_track", ... */
int status_parse(const char *s);
/* Name for people, translated with the current language. */
const char *status_name(enum status s);

/* The target value to judge against: t->value, or 100 for "achieve" on a
 * percentage; false when there is none. */
bool target_effective(const struct target *t, const char *unit, enum direction *dir, double *value);

/* The value the required growth rate (cagr_req above) puts at `year`, on
 * the path from (base_year, base_value) to t's target in its year: what a
 * unit on track would show.  NaN when t has no target value to judge
 * against, or year is outside base_year .. the target's year, or the
 * target's year is not after base_year. */
double assess_required(const struct target *t, const char *unit, int base_year, double base_value, int year);

#endif
