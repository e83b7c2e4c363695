/*
 * engine.h: indicator values for every unit and year, rolled up the
 * administrative tree, and their progress against targets.
 *
 * For each year the engine:
 *  1. takes each unit's reported yearly values; where a year was not
 *     reported but quarters or months were, folds them into the year by the
 *     part's time aggregation (sum of flows, last of stocks, mean of
 *     per-period figures), quarters taking precedence over months;
 *  2. completes totals: a total a unit did not report but gave every
 *     group of one of its breakdowns for (issue 17) is their sum (the
 *     first such breakdown of the catalog; not a partial one), and a part
 *     given only by sex gets T = F + M;
 *  3. rolls up in one backward pass over the tree array (children after
 *     parents), summing numerators and denominators of the children that
 *     report both (never averaging percentages); SPACE_MEAN indicators take
 *     the mean of the children's values, SPACE_NONE ones are not rolled up.
 *     A unit's own complete figure for a sex takes precedence over the sum
 *     of its children (a province may report an official figure).
 * Targets are inherited: a unit without its own target for an indicator
 * uses its nearest ancestor's, and at the top the national 2030 target.
 *
 * The engine holds no I/O: the store fills a dataset and a target list.
 * After engine_build() returns, the engine is read-only and safe to share
 * between threads.
 */
#ifndef GEMIS_ENGINE_H
#define GEMIS_ENGINE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assess.h"
#include "dataset.h"
#include "groups.h"
#include "tree.h"

struct engine {
	const struct tree *tree;   /* borrowed */
	const struct dataset *ds;  /* borrowed */
	const struct layout *lay;  /* the dataset's */
	size_t nunits, nind;
	int year_min, year_max;    /* computed years; empty when min > max */
	double **cells;            /* [year - year_min] -> nunits * lay->row */
	uint32_t **reporting;      /* [year - year_min] -> nunits*nind */
	struct target *targets;    /* owned, sorted by origin, indicator, year */
	size_t ntargets;
	int *own_first;            /* [unit*nind + ind] -> index in targets, or -1 */
	struct target *national;   /* [nind], has_value false where none */
	struct group_index *groups; /* the catalog's series (rc, shared); NULL without */
	const struct formula_order *forder; /* formula indicators, components first */
	/* results derived from the engine and costly to compute, remembered
	 * (engine_memo_get/put); the only mutable part, behind memo_mu */
	pthread_mutex_t memo_mu;
	pthread_cond_t memo_cv;    /* a claimed result was put or abandoned */
	struct engine_memo *memo;
};

/* Computes every year of ds (which it sorts) with the plan targets
 * t[0..nt), each with .origin set to the tree index of its unit.  Copies
 * the targets.  The tree and dataset must outlive the engine. */
enum gemis_err engine_build(struct engine *e, const struct tree *tree, struct dataset *ds,
			    const struct target *t, size_t nt);
void engine_release(struct engine *e);

/* A part of a unit's indicator in a year after roll-up; NaN when missing. */
double engine_part(const struct engine *e, int year, int unit, int ind, int part, int sex);
/* The indicator's value (num/den*factor, or the value); NaN when missing or
 * the denominator is zero. */
double engine_value(const struct engine *e, int year, int unit, int ind, int sex);
/* Leaves under the unit (the unit itself for a commune) whose totals for the
 * indicator are complete in that year. */
unsigned engine_reporting(const struct engine *e, int year, int unit, int ind);
/* The one meaning of "reported" that pages, reports, the API and the CLI
 * share: a commune or ward has reported for a year when its figures for
 * at least one indicator the agencies report (not one the case register
 * computes) are complete in that year, by form, file or API alike.
 * engine_unit_reported() answers it for a leaf; engine_count_reported()
 * adds to *done the leaves under `unit` (the unit itself for a leaf) that
 * reported and to *all all of them. */
bool engine_unit_reported(const struct engine *e, int year, int leaf);
void engine_count_reported(const struct engine *e, int year, int unit, int *done, int *all);
/* The target that applies to the unit in that year (own, inherited or
 * national), or NULL.  Among several targets of one plan for the same
 * indicator, the one with the nearest year not before `year`, else the
 * latest. */
const struct target *engine_target(const struct engine *e, int unit, int ind, int year);
/* Remembers a result derived from the engine under (tag, year, ind): a
 * copy of data[0..len).  Thread-safe; memory is freed with the engine.
 * A failed allocation just leaves the result unremembered. */
void engine_memo_put(const struct engine *e, int tag, int year, int ind, const void *data,
		     size_t len);
/* A new copy (caller frees) of the result remembered under (tag, year,
 * ind), and its length.  One computation per key at a time: while another
 * thread computes the result, this waits for it; when there is none, it
 * returns false and the caller has claimed the key, and must call
 * engine_memo_put() or engine_memo_abandon() (others wait till then). */
bool engine_memo_get(const struct engine *e, int tag, int year, int ind, void **data,
		     size_t *len);
/* Gives up a claim (the computation failed): a waiting thread computes. */
void engine_memo_abandon(const struct engine *e, int tag, int year, int ind);

/* A copy of src over the tree and dataset given (copies of src's), which
 * shares src's arrays until it writes them (util/rc.h); an empty memo. */
enum gemis_err engine_clone(struct engine *dst, const struct engine *src, const struct tree *tree,
			    const struct dataset *ds);
/* Whether the engine's years cover every year of ds (else a change needs
 * engine_build()). */
bool engine_covers(const struct engine *e, const struct dataset *ds);
/* Recomputes, in the years c marks, the units given (tree indexes) whose
 * values changed in the engine's dataset, and every unit above them: the
 * work of a change in proportion to it, not to the country.  The engine
 * must cover the dataset's years (engine_covers()). */
enum gemis_err engine_update(struct engine *e, const int *units, size_t n,
			     const struct dataset_change *c);
/* Copies into dst's memo what src remembered that the change c leaves
 * true (results of years and indicators it did not touch). */
void engine_memo_inherit(const struct engine *dst, const struct engine *src,
			 const struct dataset_change *c);

/* Progress of the unit's indicator judged with data up to `year`; when
 * the unit has no value in `year` itself but has older ones, the status
 * is ST_NOT_REPORTED (out->prior keeps what the older data would say). */
void engine_assess(const struct engine *e, int year, int unit, int ind, struct assessment *out);
/* The same judged against another target (NULL: none): what a unit's
 * status would be under a plan not yet in force. */
void engine_assess_against(const struct engine *e, int year, int unit, int ind, const struct target *t,
			   struct assessment *out);

#endif
