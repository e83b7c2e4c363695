/*
 * progress.h: a unit's progress in a year, for programs (JSON) and for
 * people (a table grouped by goal).  The JSON is the contract of
 * `gemis progress --json` and of GET /api/v1/progress:
 *
 *   {"unit": "12", "name": "Lai Châu", "level": "province", "year": 2026,
 *    "demo": false, "reported": {"units": 30, "of": 38},
 *    "indicators": [
 *      {"indicator": "female_wage_workers", "goal": "economy", "measure": "%",
 *       "numerator": 412, "denominator": 1000, "value": 41.2, "by_sex": null,
 *       "target": {"value": 60, "direction": "at_least", "year": 2030,
 *                  "set_by": "VN"},
 *       "status": "at_risk", "progress_ratio": 0.71, "latest_year": 2026,
 *       "reporting": {"units": 37, "of": 38},
 *       "subunits": {"achieved": 3, "on_track": 10, ...}}]}
 *
 * numerator/denominator are the summed parts (null for single-value
 * indicators, whose number is in value); by_sex is {"F": v, "M": v} for
 * indicators reported by sex, value then being the total; target is null
 * when none applies; reporting and subunits appear for units with
 * sub-units.  "reported" counts the communes and wards under the unit
 * (the unit itself for one) that reported for the year, as the pages and
 * reports do (engine_count_reported).  Numbers are for the year asked; status judges the data of
 * the year asked ("not_reported" when the unit has no value in it but has
 * older ones: previous_status then says what the data of latest_year
 * gave, so that an older year's "achieved" never stands for this one).
 */
#ifndef GEMIS_PROGRESS_H
#define GEMIS_PROGRESS_H

#include <stdbool.h>

#include "store/snapshot.h"
#include "util/buf.h"

/* What may be published of a unit's indicator in a year.  Everything for
 * reported indicators; for the case register's (source SRC_REGISTER) the
 * suppression of core/register.h over the whole tree: num and den are
 * SUPP_SHOWN or the state to print with supp_format() ("<5", "x"); value,
 * f and m say whether the total and each sex's value may be shown (and a
 * status with the value).  Pages, reports and exports that show register
 * indicators must go through this.  In JSON a hidden numerator or
 * denominator is the string "<5" or "x", a hidden value null, the status
 * "suppressed", and "suppressed": true is added. */
struct shown {
	unsigned char num, den;
	bool value, f, m;
	bool suppressed; /* something is hidden */
};
void progress_shown(const struct snapshot *s, int unit, int year, int ind, struct shown *out);

/* The same for many units of one year (a table of sub-units): the masks
 * are computed once per register indicator, on first use.  Zero-initialise,
 * then release with progress_masks_release(). */
struct progress_masks {
	const struct snapshot *s;
	int year;
	unsigned char *mask[3]; /* per register indicator, REG_CELLS per unit */
	bool failed[3];
};
void progress_masks_init(struct progress_masks *m, const struct snapshot *s, int year);
/* True when the unit's value (total) of the indicator must not be shown;
 * false for indicators not from the register. */
bool progress_masks_hidden(struct progress_masks *m, int unit, int ind);
/* The state (enum supp_state) of one part and sex of the unit's counts:
 * SUPP_SHOWN for indicators not from the register; SUPP_SECONDARY when it
 * cannot be decided. */
unsigned char progress_masks_cell(struct progress_masks *m, int unit, int ind, int part, int sex);
void progress_masks_release(struct progress_masks *m);

enum gemis_err progress_json(const struct snapshot *s, int unit, int year, struct buf *out);

/* The table for people, in the current language; color adds ANSI colours. */
enum gemis_err progress_text(const struct snapshot *s, int unit, int year, bool color,
			     struct buf *out);

/* Counts the statuses of the unit's direct sub-units for an indicator. */
void progress_subunit_counts(const struct snapshot *s, int unit, int ind, int year,
			     unsigned counts[ST_COUNT]);

/* A number for people: decimal comma in Vietnamese, point in English,
 * at most `decimals` decimals, trailing zeros dropped. */
void format_number(char *out, size_t n, double v, int decimals);

/* A target for people: "≥ 70% (2030)", "≤ 1,4 lần (2030)", "hoàn thành
 * (2030)", "–" for none. */
void progress_target_text(const struct target *t, const char *measure, char *out, size_t n);

/* A measurement unit for people ("%", "bé trai/100 bé gái", ...). */
const char *measure_name(const char *measure);

#endif
