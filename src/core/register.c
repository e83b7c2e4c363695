/*
 * register.c: what a case counts towards, and suppression over the tree.
 */
#include "register.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "suppress.h"

#include "util/banned.h"

static const char *const ids[REGISTER_INDICATORS] = {
	"dv_victims_supported",
	"dv_perpetrators_counseled",
	"trafficking_returnees_supported",
};

int register_indicator(int k)
{
	return k >= 0 && k < REGISTER_INDICATORS ? catalog_find(ids[k]) : -1;
}

void register_case_parts(const struct case_facts *f,
			 void (*add)(void *ctx, int ind, int part, int sex), void *ctx)
{
	if (!f->consent || (f->survivor_sex != SEX_F && f->survivor_sex != SEX_M))
		return;
	if (f->gbv) {
		add(ctx, register_indicator(0), PART_DEN, f->survivor_sex);
		if (f->supported)
			add(ctx, register_indicator(0), PART_NUM, f->survivor_sex);
	}
	if ((f->perp_sex == SEX_F || f->perp_sex == SEX_M) && !f->prosecuted) {
		add(ctx, register_indicator(1), PART_DEN, f->perp_sex);
		if (f->counselled)
			add(ctx, register_indicator(1), PART_NUM, f->perp_sex);
	}
	if (f->trafficking && f->in_need) {
		add(ctx, register_indicator(2), PART_DEN, f->survivor_sex);
		if (f->supported)
			add(ctx, register_indicator(2), PART_NUM, f->survivor_sex);
	}
}

struct builder {
	struct supp_sum *sums;
	size_t *parts;
	size_t nsums, nparts, capsums, capparts;
};

static enum gemis_err add_sum(struct builder *b, size_t total, const size_t *p, size_t n)
{
	if (b->nsums == b->capsums) {
		size_t cap = b->capsums ? b->capsums * 2 : 256;
		struct supp_sum *s = realloc(b->sums, cap * sizeof(*s));

		if (!s)
			return GEMIS_ENOMEM;
		b->sums = s;
		b->capsums = cap;
	}
	while (b->nparts + n > b->capparts) {
		size_t cap = b->capparts ? b->capparts * 2 : 1024;
		size_t *q = realloc(b->parts, cap * sizeof(*q));

		if (!q)
			return GEMIS_ENOMEM;
		b->parts = q;
		b->capparts = cap;
	}
	b->sums[b->nsums].total = total;
	b->sums[b->nsums].first = b->nparts;
	b->sums[b->nsums].n = n;
	memcpy(b->parts + b->nparts, p, n * sizeof(*p));
	b->nparts += n;
	b->nsums++;
	return GEMIS_OK;
}

static bool present(const double *cells, size_t u)
{
	return !isnan(cells[u * REG_CELLS + REG_CELL(REG_DEN, SEX_T)]);
}

/* What hiding cell c as a complement costs: nothing when it is hidden
 * already, its count when shown, and impossible for a zero (a hidden zero
 * protects nothing, suppress() never picks one). */
#define NO_CUBE ((long long)1 << 60)
static long long cube_cost(const long long *v, const unsigned char *seed, size_t c)
{
	if (seed[c] || (v[c] > 0 && v[c] < SUPP_THRESHOLD))
		return 0;
	return v[c] > 0 ? v[c] : NO_CUBE;
}

/* A cube of hidden cells leaves one degree of freedom: moving its corners
 * by +t or -t (a corner's sign flips along a line between two counts, not
 * between a count and its total) keeps every line's total.  The small
 * count is protected when t can be 1 or -1 within what an outsider knows
 * of each corner: 1..4 for a small count, at least 5 for another.  lim
 * narrows the range of t by the corner c of sign sign. */
static void cube_limit(const long long *v, size_t c, int sign, long long lim[2])
{
	long long lo = v[c] < SUPP_THRESHOLD ? 1 : SUPP_THRESHOLD;
	long long hi = v[c] < SUPP_THRESHOLD ? SUPP_THRESHOLD - 1 : SUPP_INF;
	long long a = sign > 0 ? lo - v[c] : v[c] - hi, b = sign > 0 ? hi - v[c] : v[c] - lo;

	if (a > lim[0])
		lim[0] = a;
	if (b < lim[1])
		lim[1] = b;
}

struct cube {
	int p, q, s, x; /* the part and sex of the small count, the other part and sex */
	int sp, ss;     /* the signs along the part and the sex lines */
};

/* The cost of the corners of unit u, sign su, the small count's corner
 * left out when own; NO_CUBE when a corner is a zero.  lim as above. */
static long long face_cost(const long long *v, const unsigned char *seed, size_t u, int su,
			   const struct cube *k, bool own, long long lim[2])
{
	size_t b = u * REG_CELLS;
	size_t c[4] = {b + REG_CELL(k->p, k->s), b + REG_CELL(k->q, k->s), b + REG_CELL(k->p, k->x),
		       b + REG_CELL(k->q, k->x)};
	int sg[4] = {su, su * k->sp, su * k->ss, su * k->sp * k->ss};
	long long cost = 0;
	int i;

	for (i = 0; i < 4; i++) {
		cube_limit(v, c[i], sg[i], lim);
		if (i == 0 && own)
			continue;
		cost += cube_cost(v, seed, c[i]);
	}
	return cost >= NO_CUBE ? NO_CUBE : cost;
}

static void face_mark(unsigned char *seed, size_t u, const struct cube *k)
{
	size_t b = u * REG_CELLS;

	seed[b + REG_CELL(k->p, k->s)] = seed[b + REG_CELL(k->q, k->s)] = 1;
	seed[b + REG_CELL(k->p, k->x)] = seed[b + REG_CELL(k->q, k->x)] = 1;
}

/* The complements the published tables need around each small count, in
 * one pass.  They form a three-way table (part by sex by sub-unit, each
 * with its total), where a count hidden alone, or with a single
 * complement, is given away by the other lines.  The hypercube method:
 * hide a cube of eight cells, the small count at one corner, another part,
 * another sex and a sibling unit at the others (a rectangle of four at the
 * top of the tree); among the cubes that leave the small count more than
 * one value, the one that costs least (hidden cells are free, zeros are
 * not allowed, otherwise the counts hidden).  suppress() audits the result
 * and hides more where a count can still be pinned down, which is rare
 * after this; without it, its greedy rounds took thousands of steps over
 * the whole country. */
static void cube_seeds(const struct tree *t, const double *cells, const long long *v,
		       unsigned char *seed)
{
	size_t u, c;

	for (u = 0; u < t->n; u++) {
		int par = t->units[u].parent;
		bool flat = par < 0 || !present(cells, (size_t)par);

		if (!present(cells, u))
			continue;
		for (c = 0; c < REG_CELLS; c++) {
			struct cube k, best = {0};
			int sib, bsib = -1;
			long long bcost = NO_CUBE;
			bool bsafe = false;

			if (v[u * REG_CELLS + c] < 1 || v[u * REG_CELLS + c] >= SUPP_THRESHOLD)
				continue;
			k.p = (int)c / 3;
			k.s = (int)c % 3;
			for (k.q = 0; k.q < 3; k.q++) {
				for (k.x = 0; k.x < 3; k.x++) {
					long long own, lim[2] = {-SUPP_INF, SUPP_INF};

					if (k.q == k.p || k.x == k.s)
						continue;
					/* a line of two counts, or of a count and its total */
					k.sp = k.p != REG_DEN && k.q != REG_DEN ? -1 : 1;
					k.ss = k.s != SEX_T && k.x != SEX_T ? -1 : 1;
					own = face_cost(v, seed, u, 1, &k, true, lim);
					if (own >= NO_CUBE)
						continue;
					for (sib = flat ? -1 : t->units[par].first_child; flat || sib >= 0;
					     sib = t->units[sib].next_sibling) {
						long long l2[2] = {lim[0], lim[1]}, cost = own;
						bool safe;

						if (!flat && ((size_t)sib == u || !present(cells, (size_t)sib)))
							continue;
						if (!flat)
							cost += face_cost(v, seed, (size_t)sib, -1, &k, false, l2);
						safe = l2[0] < 0 || l2[1] > 0;
						if (cost < NO_CUBE && ((safe && !bsafe) ||
								       (safe == bsafe && cost < bcost))) {
							bcost = cost;
							bsafe = safe;
							best = k;
							bsib = sib;
						}
						if (flat || (bsafe && bcost == 0))
							break;
					}
					if (bsafe && bcost == 0)
						break;
				}
				if (bsafe && bcost == 0)
					break;
			}
			if (bcost >= NO_CUBE)
				continue;
			face_mark(seed, u, &best);
			if (bsib >= 0)
				face_mark(seed, (size_t)bsib, &best);
		}
	}
}

enum gemis_err register_suppress(const struct tree *t, const double *cells, unsigned char *state)
{
	size_t n = t->n * REG_CELLS, u, c, i;
	long long *v = NULL;
	size_t *kids = NULL, *q9 = NULL;
	unsigned char *st = NULL, *seed = NULL;
	struct builder b = {0};
	struct supp_problem p;
	enum gemis_err err = GEMIS_OK;

	memset(state, SUPP_SHOWN, n);
	v = calloc(n ? n : 1, sizeof(*v));
	kids = calloc(t->n ? t->n : 1, sizeof(*kids));
	q9 = calloc(t->n ? t->n : 1, sizeof(*q9));
	st = calloc(n ? n : 1, 1);
	seed = calloc(n ? n : 1, 1);
	if (!v || !kids || !q9 || !st || !seed) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	for (u = 0; u < t->n; u++) {
		if (!present(cells, u))
			continue;
		for (c = 0; c < REG_CELLS; c++) {
			double x = cells[u * REG_CELLS + c];

			v[u * REG_CELLS + c] = isnan(x) || x < 0 ? 0 : llround(x);
		}
	}
	for (u = 0; u < t->n && !err; u++) {
		size_t base = u * REG_CELLS, k, nk = 0;
		int part, sex;

		if (!present(cells, u))
			continue;
		for (part = 0; part < 3 && !err; part++) {
			size_t q[2] = {base + REG_CELL(part, SEX_F), base + REG_CELL(part, SEX_M)};

			if (v[q[0]] + v[q[1]] == v[base + REG_CELL(part, SEX_T)])
				err = add_sum(&b, base + REG_CELL(part, SEX_T), q, 2);
		}
		for (sex = 0; sex < 3 && !err; sex++) {
			size_t q[2] = {base + REG_CELL(REG_NUM, sex), base + REG_CELL(REG_REST, sex)};

			if (v[q[0]] + v[q[1]] == v[base + REG_CELL(REG_DEN, sex)])
				err = add_sum(&b, base + REG_CELL(REG_DEN, sex), q, 2);
		}
		/* the unit as the sum of its sub-units that have figures */
		for (int ch = t->units[u].first_child; ch >= 0; ch = t->units[ch].next_sibling) {
			if (present(cells, (size_t)ch))
				kids[nk++] = (size_t)ch;
		}
		for (c = 0; c < REG_CELLS && nk && !err; c++) {
			long long sum = 0;

			for (k = 0; k < nk; k++) {
				q9[k] = kids[k] * REG_CELLS + c;
				sum += v[q9[k]];
			}
			if (sum == v[base + c])
				err = add_sum(&b, base + c, q9, nk);
		}
	}
	if (err)
		goto out;
	p.ncells = n;
	p.value = v;
	p.nsums = b.nsums;
	p.sums = b.sums;
	p.parts = b.parts;
	cube_seeds(t, cells, v, seed);
	err = suppress_seeded(&p, seed, st);
	if (err)
		goto out;
	for (i = 0; i < n; i++)
		state[i] = present(cells, i / REG_CELLS) ? st[i] : SUPP_SHOWN;
out:
	free(v);
	free(kids);
	free(q9);
	free(st);
	free(seed);
	free(b.sums);
	free(b.parts);
	return err;
}

/* The tag of the masks in the engine's memo. */
#define MEMO_REGISTER_MASK 1

enum gemis_err register_mask(const struct engine *e, int year, int ind, unsigned char **state)
{
	const struct tree *t = e->tree;
	double *cells;
	size_t u, len;
	enum gemis_err err;

	/* the whole tree is decided at once, so every page of a snapshot asks
	 * for the same answer: compute it once */
	if (engine_memo_get(e, MEMO_REGISTER_MASK, year, ind, (void **)state, &len)) {
		if (len == t->n * REG_CELLS)
			return GEMIS_OK;
		free(*state);
		*state = NULL;
		return GEMIS_EINVAL; /* cannot be: every mask is t->n * REG_CELLS */
	}
	/* this thread has claimed the mask: put or abandon it below */
	*state = malloc(t->n ? t->n * REG_CELLS : 1);
	cells = malloc((t->n ? t->n : 1) * REG_CELLS * sizeof(*cells));
	if (!*state || !cells) {
		free(*state);
		*state = NULL;
		free(cells);
		engine_memo_abandon(e, MEMO_REGISTER_MASK, year, ind);
		return GEMIS_ENOMEM;
	}
	for (u = 0; u < t->n; u++) {
		int sex;

		for (sex = 0; sex < 3; sex++) {
			double num = engine_part(e, year, (int)u, ind, PART_NUM, sex);
			double den = engine_part(e, year, (int)u, ind, PART_DEN, sex);

			cells[u * REG_CELLS + REG_CELL(REG_NUM, sex)] = num;
			cells[u * REG_CELLS + REG_CELL(REG_DEN, sex)] = den;
			cells[u * REG_CELLS + REG_CELL(REG_REST, sex)] = den - num;
		}
	}
	err = register_suppress(t, cells, *state);
	free(cells);
	if (err) {
		free(*state);
		*state = NULL;
		engine_memo_abandon(e, MEMO_REGISTER_MASK, year, ind);
		return err;
	}
	engine_memo_put(e, MEMO_REGISTER_MASK, year, ind, *state, t->n * REG_CELLS);
	return GEMIS_OK;
}
