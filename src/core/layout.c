/*
 * layout.c: the cells of the compiled catalog, built at first use.
 */
#include "layout.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "util/banned.h"

static _Atomic(struct layout *) catalog_layout;

static struct layout *build(const struct indicator *cat, size_t n)
{
	struct layout *l = malloc(sizeof(*l) + n * sizeof(l->ind[0]));
	size_t k, off = 0;

	if (!l)
		return NULL;
	l->nind = n;
	for (k = 0; k < n; k++) {
		l->ind[k].off = (uint32_t)off;
		l->ind[k].nparts = (uint8_t)indicator_parts(&cat[k]);
		l->ind[k].ncat = cat[k].by_sex ? SEX_SLOTS : 1;
		off += (size_t)l->ind[k].nparts * l->ind[k].ncat;
	}
	l->row = off;
	return l;
}

const struct layout *layout_catalog(void)
{
	struct layout *l = atomic_load_explicit(&catalog_layout, memory_order_acquire), *none = NULL;

	if (l)
		return l;
	/* not pthread_once: a failed allocation must be retried later, not
	 * remembered; of two threads building at once, one keeps its copy */
	l = build(catalog, catalog_count);
	if (l && !atomic_compare_exchange_strong_explicit(&catalog_layout, &none, l,
							  memory_order_acq_rel, memory_order_acquire)) {
		free(l);
		l = none;
	}
	return l;
}
