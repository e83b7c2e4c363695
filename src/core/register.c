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

enum gemis_err register_suppress(const struct tree *t, const double *cells, unsigned char *state)
{
	size_t n = t->n * REG_CELLS, u, c, i;
	long long *v = NULL;
	size_t *kids = NULL, *q9 = NULL;
	unsigned char *st = NULL;
	struct builder b = {0};
	struct supp_problem p;
	enum gemis_err err = GEMIS_OK;

	memset(state, SUPP_SHOWN, n);
	v = calloc(n ? n : 1, sizeof(*v));
	kids = calloc(t->n ? t->n : 1, sizeof(*kids));
	q9 = calloc(t->n ? t->n : 1, sizeof(*q9));
	st = calloc(n ? n : 1, 1);
	if (!v || !kids || !q9 || !st) {
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
	err = suppress(&p, st);
	if (err)
		goto out;
	for (i = 0; i < n; i++)
		state[i] = present(cells, i / REG_CELLS) ? st[i] : SUPP_SHOWN;
out:
	free(v);
	free(kids);
	free(q9);
	free(st);
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
	if (engine_memo_get(e, MEMO_REGISTER_MASK, year, ind, (void **)state, &len) &&
	    len == t->n * REG_CELLS)
		return GEMIS_OK;
	free(*state);
	*state = malloc(t->n ? t->n * REG_CELLS : 1);
	cells = malloc((t->n ? t->n : 1) * REG_CELLS * sizeof(*cells));
	if (!*state || !cells) {
		free(*state);
		*state = NULL;
		free(cells);
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
		return err;
	}
	engine_memo_put(e, MEMO_REGISTER_MASK, year, ind, *state, t->n * REG_CELLS);
	return GEMIS_OK;
}
