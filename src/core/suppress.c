/*
 * suppress.c: primary and complementary suppression of small counts.
 *
 * The audit is interval constraint propagation: every cell starts with the
 * bounds an outsider knows (the value when shown, 1..4 for "<5", at least 5
 * for "x") and each sum narrows its members until nothing changes.  A "<5"
 * cell whose interval closes to one value is disclosed; the cure is to hide
 * the smallest shown non-zero count of a sum it belongs to (a zero protects
 * nothing: anyone can see that a hidden 0 adds nothing) and audit again.
 */
#include "suppress.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

static long long sat_add(long long a, long long b)
{
	long long s = a + b;

	return s > SUPP_INF ? SUPP_INF : s;
}

static void init_bounds(const struct supp_problem *p, const unsigned char *state, long long *lo,
			long long *hi)
{
	size_t i;

	for (i = 0; i < p->ncells; i++) {
		switch (state[i]) {
		case SUPP_PRIMARY:
			lo[i] = 1;
			hi[i] = SUPP_THRESHOLD - 1;
			break;
		case SUPP_SECONDARY:
			lo[i] = SUPP_THRESHOLD;
			hi[i] = SUPP_INF;
			break;
		default:
			lo[i] = hi[i] = p->value[i];
			break;
		}
	}
}

/* One pass over the sums; returns true when a bound moved. */
static bool narrow(const struct supp_problem *p, long long *lo, long long *hi)
{
	bool moved = false;
	size_t s, k;

	for (s = 0; s < p->nsums; s++) {
		const struct supp_sum *x = &p->sums[s];
		const size_t *pt = p->parts + x->first;
		long long sum_lo = 0, fin_hi = 0, t = (long long)x->total;
		size_t ninf = 0;
		long long nlo, nhi;

		for (k = 0; k < x->n; k++) {
			sum_lo = sat_add(sum_lo, lo[pt[k]]);
			if (hi[pt[k]] >= SUPP_INF)
				ninf++;
			else
				fin_hi = sat_add(fin_hi, hi[pt[k]]);
		}
		nlo = lo[t] > sum_lo ? lo[t] : sum_lo;
		nhi = ninf ? hi[t] : (hi[t] < fin_hi ? hi[t] : fin_hi);
		if (nlo != lo[t] || nhi != hi[t]) {
			lo[t] = nlo;
			hi[t] = nhi;
			moved = true;
		}
		for (k = 0; k < x->n; k++) {
			size_t c = pt[k];
			long long others_lo = sum_lo - lo[c];
			size_t oinf = ninf - (hi[c] >= SUPP_INF ? 1 : 0);
			long long others_hi = oinf ? SUPP_INF : fin_hi - (hi[c] < SUPP_INF ? hi[c] : 0);

			nlo = lo[c];
			if (!oinf && lo[t] - others_hi > nlo)
				nlo = lo[t] - others_hi;
			nhi = hi[c];
			if (hi[t] < SUPP_INF && hi[t] - others_lo < nhi)
				nhi = hi[t] - others_lo;
			if (nlo != lo[c] || nhi != hi[c]) {
				lo[c] = nlo;
				hi[c] = nhi;
				moved = true;
			}
		}
	}
	return moved;
}

enum gemis_err suppress_bounds(const struct supp_problem *p, const unsigned char *state,
			       long long *lo, long long *hi)
{
	size_t pass;

	init_bounds(p, state, lo, hi);
	/* Bounds only shrink, so this ends; the cap guards against slow
	 * creeping on large counts, and stops well past what real tables need. */
	for (pass = 0; pass < 100000; pass++) {
		if (!narrow(p, lo, hi))
			break;
	}
	return GEMIS_OK;
}

static enum gemis_err check(const struct supp_problem *p)
{
	size_t i, s, k;

	for (i = 0; i < p->ncells; i++) {
		if (p->value[i] < 0 || p->value[i] >= SUPP_INF)
			return GEMIS_EINVAL;
	}
	for (s = 0; s < p->nsums; s++) {
		const struct supp_sum *x = &p->sums[s];
		long long sum = 0;

		if (x->total >= p->ncells)
			return GEMIS_EINVAL;
		for (k = 0; k < x->n; k++) {
			size_t c = p->parts[x->first + k];

			if (c >= p->ncells)
				return GEMIS_EINVAL;
			sum += p->value[c];
		}
		if (sum != p->value[x->total])
			return GEMIS_EINVAL;
	}
	return GEMIS_OK;
}

/* Which sums each cell belongs to (compressed rows: the sums of cell c are
 * of[first[c] .. first[c + 1])), and which cells are the total of a sum. */
struct incidence {
	size_t *first;
	size_t *of;
	unsigned char *is_total;
};

/* Complements are chosen among the shown non-zero cells: cells that are
 * not the total of any sum first (a commune's women or men rather than a
 * province's figure: the totals are what people monitor, and standard
 * practice keeps the margins published), then the smallest count, then the
 * lowest index, so that the choice is deterministic. */
static void consider(const struct supp_problem *p, const struct incidence *in,
		     const unsigned char *state, size_t c, long long *best)
{
	size_t b;

	if (state[c] != SUPP_SHOWN || p->value[c] == 0)
		return;
	if (*best < 0) {
		*best = (long long)c;
		return;
	}
	b = (size_t)*best;
	if (in->is_total[c] != in->is_total[b]) {
		if (in->is_total[c] < in->is_total[b])
			*best = (long long)c;
		return;
	}
	if (p->value[c] < p->value[b] || (p->value[c] == p->value[b] && c < b))
		*best = (long long)c;
}

static enum gemis_err incidence_build(const struct supp_problem *p, struct incidence *in)
{
	size_t s, k, total = 0, *fill = NULL;

	in->first = calloc(p->ncells + 1, sizeof(*in->first));
	in->is_total = calloc(p->ncells ? p->ncells : 1, 1);
	for (s = 0; s < p->nsums; s++)
		total += p->sums[s].n + 1;
	in->of = malloc((total ? total : 1) * sizeof(*in->of));
	fill = calloc(p->ncells + 1, sizeof(*fill));
	if (!in->first || !in->of || !fill || !in->is_total) {
		free(fill);
		return GEMIS_ENOMEM;
	}
	for (s = 0; s < p->nsums; s++) {
		in->is_total[p->sums[s].total] = 1;
		in->first[p->sums[s].total + 1]++;
		for (k = 0; k < p->sums[s].n; k++)
			in->first[p->parts[p->sums[s].first + k] + 1]++;
	}
	for (k = 0; k < p->ncells; k++)
		in->first[k + 1] += in->first[k];
	for (s = 0; s < p->nsums; s++) {
		size_t c = p->sums[s].total;

		in->of[in->first[c] + fill[c]++] = s;
		for (k = 0; k < p->sums[s].n; k++) {
			c = p->parts[p->sums[s].first + k];
			in->of[in->first[c] + fill[c]++] = s;
		}
	}
	free(fill);
	return GEMIS_OK;
}

/* The smallest shown non-zero cell sharing a sum with `cell`, or -1. */
static long long complement_for(const struct supp_problem *p, const struct incidence *in,
				const unsigned char *state, size_t cell)
{
	long long best = -1;
	size_t j, k;

	for (j = in->first[cell]; j < in->first[cell + 1]; j++) {
		size_t s = in->of[j];

		consider(p, in, state, p->sums[s].total, &best);
		for (k = 0; k < p->sums[s].n; k++)
			consider(p, in, state, p->parts[p->sums[s].first + k], &best);
	}
	return best;
}

/* Whether what the rest shows tells more of a hidden cell than its mark. */
static bool narrowed(unsigned char state, long long lo, long long hi)
{
	if (state == SUPP_PRIMARY)
		return lo > 1 || hi < SUPP_THRESHOLD - 1;
	return lo > SUPP_THRESHOLD || hi < SUPP_INF;
}

/* When every sum of a pinned cell is hidden already, the cell is pinned
 * through hidden cells that the rest narrows: the cure is near, not
 * anywhere.  A breadth-first walk from the cell through the sums and the
 * narrowed hidden cells they hold finds the nearest shown non-zero cells
 * (the best as consider() ranks them, among those at the least depth).
 * mark has ncells entries and holds the walk's stamp, queue NEAR_MAX.  -1
 * when there is none within NEAR_MAX cells. */
#define NEAR_MAX 1024
static long long complement_near(const struct supp_problem *p, const struct incidence *in,
				 const unsigned char *state, const long long *lo, const long long *hi,
				 size_t cell, unsigned *mark, unsigned stamp, size_t *queue)
{
	size_t head = 0, tail = 0, level_end, j, k;
	long long best = -1;

	mark[cell] = stamp;
	queue[tail++] = cell;
	while (head < tail && tail < NEAR_MAX) {
		level_end = tail;
		for (; head < level_end; head++) {
			size_t x = queue[head];

			for (j = in->first[x]; j < in->first[x + 1]; j++) {
				const struct supp_sum *sm = &p->sums[in->of[j]];

				for (k = 0; k <= sm->n; k++) {
					size_t m = k < sm->n ? p->parts[sm->first + k] : sm->total;

					if (state[m] == SUPP_SHOWN) {
						consider(p, in, state, m, &best);
					} else if (mark[m] != stamp && tail < NEAR_MAX &&
						   narrowed(state[m], lo[m], hi[m])) {
						mark[m] = stamp;
						queue[tail++] = m;
					}
				}
			}
		}
		if (best >= 0)
			return best;
	}
	return best;
}

/* The smallest shown non-zero cell of any sum that has a hidden cell. */
static long long complement_anywhere(const struct supp_problem *p, const struct incidence *in,
				     const unsigned char *state)
{
	long long best = -1;
	size_t s, k;

	for (s = 0; s < p->nsums; s++) {
		bool hidden = state[p->sums[s].total] != SUPP_SHOWN;

		for (k = 0; k < p->sums[s].n && !hidden; k++)
			hidden = state[p->parts[p->sums[s].first + k]] != SUPP_SHOWN;
		if (!hidden)
			continue;
		consider(p, in, state, p->sums[s].total, &best);
		for (k = 0; k < p->sums[s].n; k++)
			consider(p, in, state, p->parts[p->sums[s].first + k], &best);
	}
	return best;
}

/* A small count that the marks alone pin down, every other non-zero
 * count hidden (a commune's four cells of "<5" whose total is "<5" are
 * all 1), cannot be protected by hiding: it is left as "<5" rather than
 * hiding the whole country in vain.  Marks those in hopeless; state is as
 * it was. */
static void mark_hopeless(const struct supp_problem *p, unsigned char *state, long long *lo, long long *hi,
			  unsigned char *hopeless)
{
	size_t i;

	for (i = 0; i < p->ncells; i++) {
		hopeless[i] = state[i]; /* the starting state, for a moment */
		if (state[i] == SUPP_SHOWN && p->value[i] > 0)
			state[i] = SUPP_SECONDARY;
	}
	suppress_bounds(p, state, lo, hi);
	for (i = 0; i < p->ncells; i++) {
		unsigned char s0 = hopeless[i];

		hopeless[i] = s0 == SUPP_PRIMARY && lo[i] >= hi[i];
		state[i] = s0;
	}
}

/* A complement that the shown counts pin down anyway protects nothing
 * and tells nothing new: show it. */
static void show_pinned_complements(const struct supp_problem *p, unsigned char *state, long long *lo, long long *hi)
{
	size_t i;

	suppress_bounds(p, state, lo, hi);
	for (i = 0; i < p->ncells; i++) {
		if (state[i] == SUPP_SECONDARY && lo[i] >= hi[i])
			state[i] = SUPP_SHOWN;
	}
}

enum gemis_err suppress(const struct supp_problem *p, unsigned char *state)
{
	return suppress_seeded(p, NULL, state);
}

enum gemis_err suppress_seeded(const struct supp_problem *p, const unsigned char *seed,
			       unsigned char *state)
{
	long long *lo = NULL, *hi = NULL;
	unsigned char *touched = NULL;
	unsigned *mark = NULL, stamp = 0;
	unsigned char *hopeless = NULL;
	size_t *queue = NULL;
	struct incidence in = {NULL, NULL, NULL};
	enum gemis_err err;
	size_t i, j, round;

	err = check(p);
	if (err)
		return err;
	for (i = 0; i < p->ncells; i++) {
		state[i] = p->value[i] > 0 && p->value[i] < SUPP_THRESHOLD ? SUPP_PRIMARY : SUPP_SHOWN;
		if (state[i] == SUPP_SHOWN && seed && seed[i] && p->value[i] > 0)
			state[i] = SUPP_SECONDARY;
	}
	lo = malloc((p->ncells ? p->ncells : 1) * sizeof(*lo));
	hi = malloc((p->ncells ? p->ncells : 1) * sizeof(*hi));
	touched = malloc(p->nsums ? p->nsums : 1);
	mark = calloc(p->ncells ? p->ncells : 1, sizeof(*mark));
	queue = malloc(NEAR_MAX * sizeof(*queue));
	hopeless = calloc(p->ncells ? p->ncells : 1, 1);
	if (!lo || !hi || !touched || !mark || !queue || !hopeless) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	err = incidence_build(p, &in);
	if (err)
		goto out;
	mark_hopeless(p, state, lo, hi, hopeless);
	/* Each round hides at least one more cell, so at most ncells rounds.
	 * A round serves every pinned "<5" cell whose sums have not been given
	 * a new hidden cell yet in this round (those are looked at again in the
	 * next one, after the bounds are recomputed): far fewer rounds than one
	 * cell at a time, with little extra hiding. */
	for (round = 0; round <= p->ncells; round++) {
		size_t hidden = 0;
		bool pinned = false;

		suppress_bounds(p, state, lo, hi);
		memset(touched, 0, p->nsums ? p->nsums : 1);
		for (i = 0; i < p->ncells; i++) {
			bool fresh = true;
			long long c;

			if (state[i] != SUPP_PRIMARY || lo[i] < hi[i] || hopeless[i])
				continue;
			pinned = true;
			for (j = in.first[i]; j < in.first[i + 1] && fresh; j++)
				fresh = !touched[in.of[j]];
			if (!fresh)
				continue;
			c = complement_for(p, &in, state, i);
			if (c < 0)
				c = complement_near(p, &in, state, lo, hi, i, mark, ++stamp, queue);
			if (c < 0)
				continue;
			state[c] = SUPP_SECONDARY;
			hidden++;
			for (j = in.first[c]; j < in.first[c + 1]; j++)
				touched[in.of[j]] = 1;
			for (j = in.first[i]; j < in.first[i + 1]; j++)
				touched[in.of[j]] = 1;
		}
		if (!pinned)
			break;
		if (!hidden) {
			long long c = complement_anywhere(p, &in, state);

			if (c < 0)
				break; /* every non-zero count of the sums involved is hidden */
			state[c] = SUPP_SECONDARY;
		}
	}
	show_pinned_complements(p, state, lo, hi);
out:
	free(in.is_total);
	free(in.first);
	free(in.of);
	free(touched);
	free(hopeless);
	free(mark);
	free(queue);
	free(lo);
	free(hi);
	return err;
}

enum gemis_err suppress_grid(size_t rows, size_t cols, const long long *cells,
			     unsigned char *state)
{
	size_t w = cols + 1, nsums = (rows + 1) + (cols + 1), r, c, np = 0, ns = 0;
	struct supp_sum *sums;
	size_t *parts;
	struct supp_problem p;
	enum gemis_err err;

	if (rows == 0 || cols == 0)
		return GEMIS_EINVAL;
	sums = calloc(nsums, sizeof(*sums));
	parts = calloc((rows + 1) * cols + (cols + 1) * rows, sizeof(*parts));
	if (!sums || !parts) {
		free(sums);
		free(parts);
		return GEMIS_ENOMEM;
	}
	for (r = 0; r <= rows; r++) {
		sums[ns].total = r * w + cols;
		sums[ns].first = np;
		for (c = 0; c < cols; c++)
			parts[np++] = r * w + c;
		sums[ns].n = cols;
		ns++;
	}
	for (c = 0; c <= cols; c++) {
		sums[ns].total = rows * w + c;
		sums[ns].first = np;
		for (r = 0; r < rows; r++)
			parts[np++] = r * w + c;
		sums[ns].n = rows;
		ns++;
	}
	p.ncells = (rows + 1) * w;
	p.value = cells;
	p.nsums = ns;
	p.sums = sums;
	p.parts = parts;
	err = suppress(&p, state);
	free(sums);
	free(parts);
	return err;
}

const char *supp_format(long long v, unsigned char state, char *out, size_t n)
{
	if (state == SUPP_PRIMARY)
		snprintf(out, n, "<%d", SUPP_THRESHOLD);
	else if (state == SUPP_SECONDARY)
		snprintf(out, n, "x");
	else
		snprintf(out, n, "%lld", v);
	return out;
}
