/*
 * rc.c: reference-counted blocks (see rc.h).
 */
#include "rc.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

/* The header keeps the data aligned as malloc's is. */
union rc_head {
	atomic_size_t refs;
	max_align_t align;
};

static union rc_head *head(const void *p)
{
	return (union rc_head *)((const char *)p - sizeof(union rc_head));
}

void *rc_alloc(size_t n)
{
	union rc_head *h = malloc(sizeof(*h) + (n ? n : 1));

	if (!h)
		return NULL;
	atomic_init(&h->refs, 1);
	return h + 1;
}

void *rc_calloc(size_t n)
{
	union rc_head *h = calloc(1, sizeof(*h) + (n ? n : 1));

	if (!h)
		return NULL;
	atomic_init(&h->refs, 1);
	return h + 1;
}

void *rc_realloc(void *p, size_t n)
{
	union rc_head *h;

	if (!p)
		return rc_alloc(n);
	h = realloc(head(p), sizeof(*h) + (n ? n : 1));
	return h ? h + 1 : NULL;
}

void *rc_ref(void *p)
{
	if (p)
		atomic_fetch_add(&head(p)->refs, 1);
	return p;
}

void rc_unref(void *p)
{
	if (p && atomic_fetch_sub(&head(p)->refs, 1) == 1)
		free(head(p));
}

bool rc_shared(const void *p)
{
	return p && atomic_load(&head(p)->refs) > 1;
}

void *rc_dup(const void *p, size_t n)
{
	void *q = rc_alloc(n);

	if (q && n)
		memcpy(q, p, n);
	return q;
}
