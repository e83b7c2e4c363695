/*
 * groups.c: the catalog's series chained by parent and breakdown
 * (groups.h).
 */
#include "groups.h"

#include <string.h>

#include "catalog.h"
#include "util/rc.h"

#include "util/banned.h"

bool group_sums(int ind)
{
	const struct indicator *c = &catalog[ind];

	return c->kind == IND_RATIO || c->space == SPACE_SUM;
}

/* Chains series k after its parent's others, under the lead of its
 * breakdown. */
static void chain_series(struct group_index *m, int *tail, size_t k)
{
	const struct indicator *c = &catalog[k];
	int p = c->parent_index, j;

	for (j = m->head[p]; j >= 0 && m->lead[k] < 0; j = m->next[j]) {
		if (strcmp(catalog[j].breakdown, c->breakdown) == 0)
			m->lead[k] = m->lead[j];
	}
	if (m->lead[k] < 0)
		m->lead[k] = (int)k;
	if (tail[p] < 0)
		m->head[p] = (int)k;
	else
		m->next[tail[p]] = (int)k;
	tail[p] = (int)k;
	if (group_sums(p))
		m->member[p] = true;
	m->member[k] = group_sums((int)k);
}

enum gemis_err group_index_build(size_t nind, struct group_index **out)
{
	size_t k;
	struct group_index *m;
	int *tail;

	*out = NULL;
	if (nind > catalog_n())
		nind = catalog_n();
	for (k = catalog_builtin; k < nind && !catalog[k].parent; k++)
		;
	if (k >= nind)
		return GEMIS_OK; /* no series */
	m = rc_alloc(sizeof(*m) + 5 * nind * sizeof(int) + nind * sizeof(bool));
	if (!m)
		return GEMIS_ENOMEM;
	m->nind = nind;
	m->head = (int *)(m + 1);
	m->next = m->head + nind;
	m->lead = m->next + nind;
	tail = m->lead + nind;
	m->parents = tail + nind;
	m->nparents = 0;
	m->member = (bool *)(m->parents + nind);
	for (k = 0; k < nind; k++) {
		m->head[k] = m->next[k] = m->lead[k] = tail[k] = -1;
		m->member[k] = false;
	}
	for (k = catalog_builtin; k < nind; k++) {
		int p = catalog[k].parent_index;

		if (catalog[k].parent && p >= 0 && (size_t)p < nind)
			chain_series(m, tail, k);
	}
	for (k = 0; k < nind; k++) {
		if (m->head[k] >= 0)
			m->parents[m->nparents++] = (int)k;
	}
	*out = m;
	return GEMIS_OK;
}

void group_index_free(struct group_index *gi)
{
	rc_unref(gi);
}

bool group_index_member(const struct group_index *gi, int ind)
{
	return gi && ind >= 0 && (size_t)ind < gi->nind && gi->member[ind];
}
