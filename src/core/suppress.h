/*
 * suppress.h: statistical disclosure control for the counts the case
 * register publishes.  Pure functions, no I/O.
 *
 * A count of 1 to 4 people is not published: it is shown as "<5" (primary
 * suppression).  Counts are published together with totals that add them
 * up (the women and men of a commune and their sum, the communes of a
 * province and the province), so hiding a small count is not enough: it
 * could be worked out as the total minus the counts shown.  suppress()
 * therefore also hides other counts (complementary, or secondary,
 * suppression, shown as "x") until no hidden small count can be pinned
 * down from what is shown.
 *
 * The problem is given as cells (the published counts) and sums (cell t
 * equals the sum of cells p1..pk), which covers a table with its margins,
 * a table of sub-units with the unit as total, and both at once.  The
 * attacker assumed knows every shown count, every sum, that a "<5" cell is
 * 1 to 4 and that an "x" cell is 0 or at least 5 (gemis never picks a 0 as
 * complement, so at least 5).  suppress() propagates these bounds through
 * the sums until nothing changes (interval constraint propagation) and
 * hides more cells while a "<5" cell is left with a single possible value;
 * an "x" cell that the rest pins down anyway is shown in the end.  A
 * small count that the marks alone give away, with every other non-zero
 * count hidden (four "<5" cells under a total of "<5" are all 1), cannot
 * be protected by hiding and is left as "<5" without hiding more.
 * tests/unit/test_suppress.c checks the result against an exhaustive
 * search over all integer solutions.
 */
#ifndef GEMIS_SUPPRESS_H
#define GEMIS_SUPPRESS_H

#include <stddef.h>

#include "util/err.h"

#define SUPP_THRESHOLD 5 /* counts 1 .. SUPP_THRESHOLD-1 are hidden */

enum supp_state {
	SUPP_SHOWN = 0,
	SUPP_PRIMARY = 1,   /* a small count: "<5" */
	SUPP_SECONDARY = 2, /* hidden so that a small count cannot be worked out: "x" */
};

/* value[total] == sum of value[parts[first .. first + n)] */
struct supp_sum {
	size_t total;
	size_t first;
	size_t n;
};

struct supp_problem {
	size_t ncells;
	const long long *value; /* counts, >= 0 */
	size_t nsums;
	const struct supp_sum *sums;
	const size_t *parts;
};

/* Decides which cells to hide; state[0..ncells) receives an enum
 * supp_state per cell.  GEMIS_EINVAL when a count is negative, an index is
 * out of range or a sum does not add up; GEMIS_ENOMEM.  Deterministic: the
 * same problem always gives the same answer. */
enum gemis_err suppress(const struct supp_problem *p, unsigned char *state);
/* The same, starting with the cells where seed[i] is non-zero hidden as
 * complements: a caller that knows the shape of its table (a hypercube of
 * complements around each small count) saves the audit most of its rounds.
 * seed may be NULL. */
enum gemis_err suppress_seeded(const struct supp_problem *p, const unsigned char *seed,
			       unsigned char *state);

/* Bounds an attacker can derive for each cell from what state shows
 * (interval propagation, as suppress() uses it); lo/hi have ncells
 * entries.  SUPP_INF stands for no upper bound. */
#define SUPP_INF ((long long)1 << 50)
enum gemis_err suppress_bounds(const struct supp_problem *p, const unsigned char *state,
			       long long *lo, long long *hi);

/* A table of rows x cols counts with its margins, laid out row-major as
 * (rows + 1) x (cols + 1) cells: the last column holds the row totals, the
 * last row the column totals and the grand total.  state has the same
 * layout. */
enum gemis_err suppress_grid(size_t rows, size_t cols, const long long *cells,
			     unsigned char *state);

/* The count as published: the number, "<5" or "x".  Returns out. */
const char *supp_format(long long v, unsigned char state, char *out, size_t n);

#endif
