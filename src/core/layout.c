/*
 * layout.c: the cells of the catalog, built at first use and again when
 * the catalog has grown.
 */
#include "layout.h"

#include <stdatomic.h>
#include <pthread.h>
#include <stdlib.h>

#include "util/banned.h"

/* Every layout built, the latest first: never freed, since a dataset or
 * an engine may still use an older one. */
struct kept {
	struct kept *next;
	struct layout *l;
};

static _Atomic(struct layout *) latest;
static struct kept *kept;
static pthread_mutex_t build_mu = PTHREAD_MUTEX_INITIALIZER;

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
	struct layout *l = atomic_load_explicit(&latest, memory_order_acquire);
	struct kept *k;
	size_t n = catalog_total;
	unsigned shape = atomic_load(&catalog_shape);

	if (l && l->nind == n && l->shape == shape)
		return l;
	/* a failed allocation is tried again at the next call, not remembered */
	pthread_mutex_lock(&build_mu);
	l = atomic_load_explicit(&latest, memory_order_acquire);
	n = catalog_total; /* it may have grown while this thread waited */
	shape = atomic_load(&catalog_shape);
	if (!l || l->nind < n || l->shape != shape) {
		k = malloc(sizeof(*k));
		l = k ? build(catalog, n) : NULL;
		if (l) {
			l->shape = shape;
			k->l = l;
			k->next = kept;
			kept = k;
			atomic_store_explicit(&latest, l, memory_order_release);
		} else {
			free(k);
		}
	}
	pthread_mutex_unlock(&build_mu);
	return l;
}
