/*
 * arena.h: a bump allocator for the lifetime of one request, one import or
 * one computation (after h2o's mem pool).  Code that allocates from an arena
 * never frees; arena_release() frees everything at once.
 */
#ifndef GEMIS_ARENA_H
#define GEMIS_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total; /* bytes handed out, for limits and statistics */
	size_t limit; /* 0 for none; allocations past it return NULL */
};

void arena_init(struct arena *a, size_t limit);
void arena_release(struct arena *a);
/* Returns zeroed memory aligned for any type, or NULL on failure or limit. */
void *arena_alloc(struct arena *a, size_t size);
/* Copies len bytes and adds a NUL; NULL on failure. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
