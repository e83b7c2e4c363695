/*
 * quota.h: quotas set per quarter ("mỗi quý có ít nhất 04 tin, bài"),
 * judged quarter by quarter rather than on the year's mean.
 *
 * An indicator counted per quarter (catalog: indicator_per_quarter()) with
 * an "at least N" target is a quota: it is met in a year only when every
 * quarter of the year had at least N.  The mean hides a quarter without
 * any (8, 0, 4, 4 averages 4).  For a commune or ward, with the quarters it
 * reported for the year the status rests on:
 *
 *   some reported quarter below N     off_track ("not met"), naming the
 *                                     quarters that missed it;
 *   every quarter reported and >= N   achieved ("met every quarter");
 *   the quarters reported met it, some
 *   not reported (yet)                on_track, naming those not reported;
 *   no quarter reported (only a
 *   yearly figure, or none)           insufficient_data when there is a
 *                                     figure: a year cannot tell its quarters.
 *
 * For a unit with communes below it, the status is about its communes:
 * quota_met of the quota_judged communes that reported a quarter of the
 * year met it in every quarter they reported; off_track when any did not
 * (the quota binds every commune), achieved when all met it in all four,
 * on_track when they met it so far, insufficient_data when none reported a
 * quarter.
 * Pure: reads the engine and its dataset, no I/O.
 */
#ifndef GEMIS_QUOTA_H
#define GEMIS_QUOTA_H

#include <stdbool.h>

#include "assess.h"
#include "engine.h"

/* What the quarters of one year say against a quota of at least `min`.
 * q[0..3] are the counts of quarters 1-4, NaN when not reported.  Bit
 * k-1 of the masks stands for quarter k. */
struct quota_check {
	unsigned missed;   /* quarters reported below min */
	unsigned unknown;  /* quarters not reported */
	enum status status; /* as in the table above, for a commune */
};
void quota_check(const double q[4], double min, struct quota_check *out);

/* The counts of a unit's quarters of `year` as reported (NaN where not),
 * from the dataset's quarterly values of the unit itself (no roll-up).
 * False when the unit reported no quarter of the year. */
bool quota_quarters(const struct engine *e, int year, int unit, int ind, double q[4]);

/* True when the indicator is a quota under target t: counted per quarter,
 * and t says "at least N" with a value. */
bool quota_applies(int ind, const struct target *t);

/* Rewrites a's status by the quarters (engine_assess() calls it for
 * quotas).  a->latest_year is the year judged; a->quota_* are filled. */
void quota_assess(const struct engine *e, int unit, int ind, const struct target *t,
		  struct assessment *a);

/* What the quarters of a commune say, in words (current language): "not
 * met in Q2", "met every quarter", "met so far; Q4 not reported". */
void quota_check_note(const struct quota_check *c, char *out, size_t n);

/* The N a quarter must reach under target t of indicator ind when it is a
 * quota (quota_applies()), else dflt; for news items the national
 * strategy's QUOTA_NEWS_DEFAULT ("mỗi quý có ít nhất 04 tin, bài"). */
#define QUOTA_NEWS_DEFAULT 4
double quota_min(int ind, const struct target *t, double dflt);

/* "Q2, Q3" (or "quý II, III" in Vietnamese) for the quarters of a mask,
 * into out. */
void quota_quarters_text(unsigned mask, char *out, size_t n);

/* What a quota's status rests on, for people (current language): "not met
 * in Q2", "met every quarter", "met so far; Q4 not reported", "12 of 38
 * communes met it every quarter (31.6%)".  "" when a is no quota. */
void quota_note(const struct assessment *a, char *out, size_t n);

#endif
