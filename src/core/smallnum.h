/*
 * smallnum.h: honest statuses for rare events in small units.
 *
 * One maternal death among 467 births makes a commune's ratio 214 per
 * 100,000 and "off track"; none the next year makes it "achieved".  Such
 * numbers say nothing about progress.  For the rare-event indicators listed
 * in data/indicators/small-numbers.tsv (maternal mortality, adolescent
 * births, the sex ratio at birth), with the rule's count (the events, the
 * births...) and its minimum `min`:
 *
 *   1. the year the status rests on (the latest with data up to the year
 *      asked) has at least min: judged as any indicator, on that year;
 *   2. else the last pool_years years up to it, pooled (the sums of the
 *      numerators and of the denominators of the years that have both),
 *      have at least min: judged on the pooled value, which shows a level
 *      and no trend: achieved when it meets the target, off_track when
 *      not; no progress ratio;
 *   3. else insufficient_data, "too few events to judge", with the count.
 *
 * The rule applies to every unit; provinces and the nation usually have
 * the events to be judged on one year.  The assessment says the years its
 * status rests on (small_from .. latest_year).  Pure: the engine passes
 * the parts (engine_assess()); the rule table is embedded, no I/O.
 */
#ifndef GEMIS_SMALLNUM_H
#define GEMIS_SMALLNUM_H

#include <stdbool.h>
#include <stddef.h>

#include "assess.h"
#include "util/err.h"

enum smallnum_count {
	SMALLNUM_NUM,  /* the numerator: the events themselves */
	SMALLNUM_DEN,  /* the denominator */
	SMALLNUM_BOTH, /* both parts: all births, for a ratio of boys to girls */
};

struct smallnum_rule {
	int ind;                  /* catalog index */
	enum smallnum_count count;
	double min;               /* events needed */
	int pool_years;           /* years pooled, the year judged included */
	char what_vi[96], what_en[96]; /* what is counted, for people */
};

#define SMALLNUM_MAX_RULES 16

/* Parses the rule table (tab-separated, '#' comments; see the data file).
 * GEMIS_EINVAL naming the line and the field. */
enum gemis_err smallnum_parse(const char *text, size_t len, struct smallnum_rule *out, size_t *n,
			      struct errctx *e);

/* The rule of catalog index ind from the embedded table, or NULL. */
const struct smallnum_rule *smallnum_rule_of(int ind);

#define SMALLNUM_MAX_POOL 20

/* Applies rule r to a, whose status engine_assess() computed: num[i] and
 * den[i] are the unit's parts (totals, NaN when missing) of year
 * first + i, for the r->pool_years years ending at a->latest_year.  Sets
 * a->small, the count, the years pooled and the pooled value, and the
 * status by the table above. */
void smallnum_judge(const struct smallnum_rule *r, const struct target *t, const double *num,
		    const double *den, int first, struct assessment *a);

/* "judged on 2022–2026 pooled: 25 births to women aged 15-19" or "too few
 * events to judge: 1 maternal deaths in 2022–2026 (20 needed)", current
 * language; "" when no rule applied. */
void smallnum_note(const struct assessment *a, int ind, char *out, size_t n);

#endif
