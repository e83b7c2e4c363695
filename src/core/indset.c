/*
 * indset.c: sets of indicator indexes (indset.h).
 */
#include "indset.h"

#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

#include "util/banned.h"

static size_t words_for(size_t n)
{
	return (n + 63) / 64;
}

enum gemis_err indset_init(struct indset *s, size_t n)
{
	memset(s, 0, sizeof(*s));
	if (n == 0)
		return GEMIS_OK;
	s->w = gemis_calloc(words_for(n), sizeof(*s->w));
	if (!s->w)
		return GEMIS_ENOMEM;
	s->n = n;
	s->nw = words_for(n);
	s->heap = true;
	return GEMIS_OK;
}

enum gemis_err indset_init_in(struct indset *s, size_t n, struct arena *a)
{
	memset(s, 0, sizeof(*s));
	if (n == 0)
		return GEMIS_OK;
	s->w = arena_alloc(a, words_for(n) * sizeof(*s->w)); /* zeroed */
	if (!s->w)
		return GEMIS_ENOMEM;
	s->n = n;
	s->nw = words_for(n);
	return GEMIS_OK;
}

void indset_free(struct indset *s)
{
	if (s->heap)
		free(s->w);
	memset(s, 0, sizeof(*s));
}

bool indset_add(struct indset *s, int k)
{
	if (k < 0 || (size_t)k >= s->n)
		return false;
	s->w[(size_t)k / 64] |= (uint64_t)1 << ((size_t)k % 64);
	return true;
}

void indset_del(struct indset *s, int k)
{
	if (k >= 0 && (size_t)k < s->n)
		s->w[(size_t)k / 64] &= ~((uint64_t)1 << ((size_t)k % 64));
}

bool indset_has(const struct indset *s, int k)
{
	return k >= 0 && (size_t)k < s->n && (s->w[(size_t)k / 64] >> ((size_t)k % 64) & 1);
}

size_t indset_count(const struct indset *s)
{
	size_t i, c = 0;

	for (i = 0; i < s->nw; i++)
		c += (size_t)__builtin_popcountll(s->w[i]);
	return c;
}

bool indset_empty(const struct indset *s)
{
	size_t i;

	for (i = 0; i < s->nw; i++) {
		if (s->w[i])
			return false;
	}
	return true;
}

int indset_next(const struct indset *s, int from)
{
	size_t i;
	uint64_t w;

	if (from < 0)
		from = 0;
	if ((size_t)from >= s->n)
		return -1;
	i = (size_t)from / 64;
	w = s->w[i] & (~(uint64_t)0 << ((size_t)from % 64));
	for (;;) {
		if (w)
			return (int)(i * 64 + (size_t)__builtin_ctzll(w));
		if (++i >= s->nw)
			return -1;
		w = s->w[i];
	}
}

void indset_clear(struct indset *s)
{
	if (s->nw)
		memset(s->w, 0, s->nw * sizeof(*s->w));
}

void indset_add_series(struct indset *s)
{
	size_t k, n = catalog_n();

	for (k = catalog_builtin; k < n; k++) {
		if (catalog[k].parent && indset_has(s, catalog[k].parent_index))
			indset_add(s, (int)k);
	}
}

void indset_drop_retired(struct indset *s, int year)
{
	int k;

	for (k = indset_next(s, 0); k >= 0; k = indset_next(s, k + 1)) {
		if ((size_t)k < catalog_n() && catalog_retired(&catalog[k], year))
			indset_del(s, k);
	}
}

void indset_drop_computed(struct indset *s)
{
	int k;

	for (k = indset_next(s, 0); k >= 0; k = indset_next(s, k + 1)) {
		if ((size_t)k < catalog_n() && catalog[k].formula)
			indset_del(s, k);
	}
}

bool indset_union(struct indset *dst, const struct indset *src)
{
	size_t i, n = dst->nw < src->nw ? dst->nw : src->nw;
	bool all = true;

	for (i = 0; i < n; i++)
		dst->w[i] |= src->w[i];
	/* a partial last word of dst: the bits past its capacity go back */
	if (n && n == dst->nw && dst->n % 64) {
		uint64_t keep = ((uint64_t)1 << (dst->n % 64)) - 1;

		all = (dst->w[n - 1] & ~keep) == 0;
		dst->w[n - 1] &= keep;
	}
	for (i = n; i < src->nw; i++)
		all &= src->w[i] == 0;
	return all;
}

static uint64_t word(const struct indset *s, size_t i)
{
	return i < s->nw ? s->w[i] : 0;
}

bool indset_equal(const struct indset *a, const struct indset *b)
{
	size_t i, n = a->nw > b->nw ? a->nw : b->nw;

	for (i = 0; i < n; i++) {
		if (word(a, i) != word(b, i))
			return false;
	}
	return true;
}

bool indset_subset(const struct indset *a, const struct indset *b)
{
	size_t i;

	for (i = 0; i < a->nw; i++) {
		if (a->w[i] & ~word(b, i))
			return false;
	}
	return true;
}
