/*
 * local_indicators.h: a unit's own indicators (tables local_indicators,
 * local_targets and local_values of sql/0850_local_indicators.sql).
 *
 * A plan's numeric target outside the catalog ("custom" in the plan JSON:
 * "Giảm tỷ lệ tảo hôn xuống dưới 5%", "95% phụ nữ mang thai được khám
 * thai ít nhất 4 lần") becomes, when the plan is applied, an indicator of
 * that unit alone: the plan's wording is its name, with the plan's unit,
 * goal and direction, owed by one agency (local_owner()).  It is labelled
 * "L1", "L2"... within its unit and named by (unit, name), so that the
 * unit's next plan with the same wording keeps it with its values.
 *
 * Why not an entry of the catalog: ten thousand communes with a few each
 * would put tens of thousands of indicators in every unit's row of the
 * engine, and in every national list, for numbers that are never summed
 * or compared across units.  A local indicator is read for its own unit,
 * from SQL, when its pages, form or report are drawn; a running server
 * sees a plan's new ones at once.
 *
 * Values are recorded by year, only ever added (the latest of (indicator,
 * year) is the value, those before it the history), with the rules of task
 * progress (store/task_progress.h): who may enter for the owing agency,
 * the version seen, and the lock of the agency's approved form.
 */
#ifndef GEMIS_STORE_LOCAL_INDICATORS_H
#define GEMIS_STORE_LOCAL_INDICATORS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/access.h"
#include "core/assess.h"
#include "core/tree.h"
#include "core/validate.h"
#include "db.h"
#include "util/arena.h"

#define LOCAL_NOTE_MAX 1000

struct local_value {
	long long id;   /* the record's id: the version a change must name */
	int year;
	double value;
	const char *note; /* NULL when none */
	const char *agency;
	char by[65];
	long long at;
};

struct local_indicator {
	long long id;
	int seq;                /* "L<seq>" in its unit */
	const char *name;       /* the plan's wording */
	int goal;               /* enum goal */
	const char *unit;       /* "%", "count", or the plan's word ("lao động") */
	enum polarity polarity; /* from the target's direction */
	const char *agency;     /* agency kind id that owes it */
	bool in_force;          /* the plan in force has a target on it */
	struct target target;   /* the plan in force's (indicator -1); has_value false when none */
	const char *target_text; /* the plan's sentence, NULL when none */
	struct local_value *values; /* latest per year, years ascending */
	size_t nvalues;
};

struct local_list {
	struct arena mem;
	struct local_indicator *v; /* by seq */
	size_t n;
};

/* The unit's local indicators: those in force first, then the others
 * (which keep their values), each with its latest value of every year.
 * local_list_release() frees it, also after a failure. */
enum gemis_err local_list(struct db *db, const struct tree *t, int unit, struct local_list *out,
			  struct errctx *e);
void local_list_release(struct local_list *l);
/* The one labelled L<seq> (or with that id when seq is 0), or NULL. */
const struct local_indicator *local_find(const struct local_list *l, int seq);
/* The latest value of the year, or NULL. */
const struct local_value *local_value_of(const struct local_indicator *x, int year);
/* Judges x's values up to `year` against its target (core/assess.h). */
void local_assess(const struct local_indicator *x, int year, struct assessment *out);

/* Every record of one local indicator, oldest first (its history). */
enum gemis_err local_history(struct db *db, const struct tree *t, int unit, int seq, struct arena *mem,
			     struct local_value **out, size_t *n, struct errctx *e);

/* Records `value` for `year` on the unit's L<seq> as `who` at `now`.
 *   GEMIS_EPERM      who may not enter for the agency that owes it;
 *   GEMIS_ENOTFOUND  no such local indicator in the unit;
 *   GEMIS_EINVAL     problems in d (fields "value", "year", "note");
 *   GEMIS_ECONFLICT  a record newer than `version` (the id of the latest
 *                    record of the year the person saw, 0 for none), or
 *                    the agency's form of the year approved (locked).
 * *id gets the record's id.  Nothing is written unless GEMIS_OK. */
enum gemis_err local_record(struct db *db, const struct tree *t, const struct principal *who, int unit,
			    int seq, int year, double value, const char *note, long long version, long long now,
			    struct diags *d, long long *id, struct errctx *e);

/* Hands the unit's L<seq> to another agency (kind id), which then records
 * its values, as `who` at `now`; the change goes to local_log.
 *   GEMIS_EPERM      who may not change the unit's plan (ACT_PLAN);
 *   GEMIS_ENOTFOUND  no such local indicator in the unit;
 *   GEMIS_EINVAL     not an agency of a commune (field "agency").
 * Handing it to the agency that owes it already changes nothing. */
enum gemis_err local_assign(struct db *db, const struct tree *t, const struct principal *who, int unit, int seq,
			    const char *agency, long long now, struct errctx *e);

/* The agency a plan's custom target is owed by: the agency the plan
 * assigns most of the catalog's indicators of the same goal to, else the
 * agency its reports go to (deadline.to), else the culture-social office.
 * goal is an enum goal. */
const char *local_owner(const json_t *plan, int goal);

/* Called by plan_load() in its transaction: makes a local indicator of
 * each "custom" target of `plan` with a value (creating it, or finding the
 * unit's one of the same wording) and stores the target under plan_id.
 * *made counts the indicators created, *kept those found; qualitative
 * custom targets (no value) are counted in *skipped. */
enum gemis_err local_from_plan(struct db *db, const struct tree *t, int unit, long long plan_id,
			       const json_t *plan, const char *user, long long now, size_t *made, size_t *kept,
			       size_t *skipped, struct errctx *e);

/* The name a custom target's sentence gives its local indicator (the
 * sentence without the blanks around it, cut at a character's end past
 * LOCAL_NAME_MAX bytes), into buf (LOCAL_NAME_MAX + 1 bytes): what finds
 * the unit's indicator of the same wording. */
#define LOCAL_NAME_MAX 1000
void local_name(const char *text, char *buf, size_t n);

/* "L<seq>" into buf. */
const char *local_label(int seq, char *buf, size_t n);
/* Parses "L3" or "l3" (or "3"): 3; 0 when not a label. */
int local_label_parse(const char *s);

#endif
