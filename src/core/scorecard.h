/*
 * scorecard.h: the agencies' scorecard for the yearly emulation review
 * ("lồng ghép ... vào tiêu chí thi đua"), computed, never typed.  Pure (no
 * I/O): report/scorecard.h gathers the figures, store/scorecard.h reads the
 * rules.
 *
 * Each criterion is a share, part of whole:
 *   forms_on_time        the agency's forms of the year handed in on time,
 *                        of those it owes (the reporting computation's)
 *   tasks_done           the tasks it leads done in the year, of those it leads
 *   indicators_on_track  the indicators it answers for that are achieved or
 *                        on track, of those judged (with data and a target)
 *   activities_logged    the quarters of the year (so far) in which it
 *                        logged at least one activity, of those quarters
 * The score is 100 times the weighted mean of the shares of the criteria
 * that apply (whole > 0): a criterion that does not apply to an agency
 * (it owes no form, leads no task) leaves its weight to the others, so
 * that no agency gains or loses for work it was not given.  The weights are
 * a versioned table (struct sc_rules) that a province can adjust.
 */
#ifndef GEMIS_CORE_SCORECARD_H
#define GEMIS_CORE_SCORECARD_H

#include <stdbool.h>
#include <stddef.h>

enum sc_criterion {
	SC_FORMS,
	SC_TASKS,
	SC_INDICATORS,
	SC_ACTIVITIES,
};
#define SC_COUNT 4

/* "forms_on_time", ...; "?" when out of range. */
const char *sc_criterion_id(enum sc_criterion c);
/* The criterion for people, in the current language. */
const char *sc_criterion_name(enum sc_criterion c);
/* -1 when unknown. */
int sc_criterion_parse(const char *s);

struct sc_rules {
	int version;
	char origin[16];          /* the unit whose rules they are: "VN" or a province code */
	double weight[SC_COUNT];  /* >= 0, not all 0 */
};

/* The national default, version 1: forms 30, tasks 30, indicators 25,
 * activities 15 (the rows of migration 0710). */
void sc_rules_default(struct sc_rules *r);

struct sc_input {
	unsigned part[SC_COUNT], whole[SC_COUNT];
};

struct sc_score {
	double score;             /* 0..100; NaN when no criterion applies */
	double share[SC_COUNT];   /* part / whole; NaN when it does not apply */
	double points[SC_COUNT];  /* what it adds to the score; 0 when it does not apply */
};

void sc_compute(const struct sc_rules *r, const struct sc_input *in, struct sc_score *out);

#endif
