/*
 * rc.c: reference-counted blocks (see rc.h).
 */
#include "rc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

/* The header keeps the data aligned as malloc's is. */
union rc_head {
	struct {
		atomic_size_t refs;
		size_t size; /* of the data, for the cache below */
	} h;
	max_align_t align;
};

/* A few freed large blocks are kept for the next allocation of the same
 * size: a snapshot changed in place copies arrays of megabytes, all of one
 * size, and a fresh mapping of that size costs more in page faults than
 * the copy itself.  Bounded, so the memory held stays flat. */
#define RC_CACHE 6
#define RC_CACHE_MIN ((size_t)1 << 20)
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static union rc_head *cache[RC_CACHE];

static union rc_head *cache_take(size_t n)
{
	union rc_head *h = NULL;
	int i;

	if (n < RC_CACHE_MIN)
		return NULL;
	pthread_mutex_lock(&cache_mu);
	for (i = 0; i < RC_CACHE && !h; i++) {
		if (cache[i] && cache[i]->h.size == n) {
			h = cache[i];
			cache[i] = NULL;
		}
	}
	pthread_mutex_unlock(&cache_mu);
	return h;
}

/* Keeps h for reuse; false when the cache is full (the caller frees). */
static bool cache_keep(union rc_head *h)
{
	bool kept = false;
	int i;

	if (h->h.size < RC_CACHE_MIN)
		return false;
	pthread_mutex_lock(&cache_mu);
	for (i = 0; i < RC_CACHE && !kept; i++) {
		if (!cache[i]) {
			cache[i] = h;
			kept = true;
		}
	}
	pthread_mutex_unlock(&cache_mu);
	return kept;
}

static union rc_head *head(const void *p)
{
	return (union rc_head *)((const char *)p - sizeof(union rc_head));
}

void *rc_alloc(size_t n)
{
	union rc_head *h = cache_take(n);

	if (!h)
		h = malloc(sizeof(*h) + (n ? n : 1));
	if (!h)
		return NULL;
	atomic_init(&h->h.refs, 1);
	h->h.size = n;
	return h + 1;
}

void *rc_calloc(size_t n)
{
	void *p = rc_alloc(n);

	if (p)
		memset(p, 0, n);
	return p;
}

void *rc_realloc(void *p, size_t n)
{
	union rc_head *h;

	if (!p)
		return rc_alloc(n);
	h = realloc(head(p), sizeof(*h) + (n ? n : 1));
	if (!h)
		return NULL;
	h->h.size = n;
	return h + 1;
}

void *rc_ref(void *p)
{
	if (p)
		atomic_fetch_add(&head(p)->h.refs, 1);
	return p;
}

void rc_unref(void *p)
{
	if (p && atomic_fetch_sub(&head(p)->h.refs, 1) == 1 && !cache_keep(head(p)))
		free(head(p));
}

bool rc_shared(const void *p)
{
	return p && atomic_load(&head(p)->h.refs) > 1;
}

void *rc_dup(const void *p, size_t n)
{
	void *q = rc_alloc(n);

	if (q && n)
		memcpy(q, p, n);
	return q;
}
