/*
 * indset.h: a set of indicator indexes (catalog indexes 0..n-1), sized at
 * run time by the number of indicators: one bit an index, in 64-bit words.
 * Plans tie indicators to agencies, forms and reports ask which ones an
 * agency answers for; the set replaces the 64-bit masks that bounded the
 * catalog at 64 indicators.
 *
 * A zeroed struct indset is a valid empty set of capacity 0 (adding to it
 * fails, reading it is fine), so structures cleared with memset or = {0}
 * hold empty sets until they are initialised.  The words come from the
 * heap (indset_init, released with indset_free) or from an arena
 * (indset_init_in, released with the arena; indset_free does nothing).
 * A set may be moved by copying the struct; only one copy is then freed.
 */
#ifndef GEMIS_INDSET_H
#define GEMIS_INDSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"

struct indset {
	uint64_t *w;   /* nw words; bit k%64 of w[k/64] is index k; NULL when nw is 0 */
	size_t n;      /* capacity: indexes 0..n-1 */
	size_t nw;     /* words: (n + 63) / 64 */
	bool heap;     /* w is the heap's (indset_free frees it) */
};

/* An empty set able to hold indexes 0..n-1, its words from the heap
 * (n == 0 allocates nothing).  GEMIS_ENOMEM leaves a zeroed set. */
enum gemis_err indset_init(struct indset *s, size_t n);
/* The same with its words from arena a (nothing to free). */
enum gemis_err indset_init_in(struct indset *s, size_t n, struct arena *a);
/* Releases heap words and zeroes the set; safe on a zeroed or arena set. */
void indset_free(struct indset *s);

/* Adds index k; false (and no change) when k is outside 0..n-1. */
bool indset_add(struct indset *s, int k);
/* Removes index k (nothing when it is not there). */
void indset_del(struct indset *s, int k);
/* Whether k is in the set; false for any k outside 0..n-1. */
bool indset_has(const struct indset *s, int k);
/* Members. */
size_t indset_count(const struct indset *s);
bool indset_empty(const struct indset *s);
/* The smallest member >= from, or -1: for (k = indset_next(s, 0); k >= 0;
 * k = indset_next(s, k + 1)) visits the members in increasing order. */
int indset_next(const struct indset *s, int from);
/* Removes every member. */
void indset_clear(struct indset *s);
/* Adds every member of src to dst; members past dst's capacity are
 * dropped, and false is returned when there were any. */
bool indset_union(struct indset *dst, const struct indset *src);
/* Adds the category series (core/catalog.h) of every member: an agency
 * that owes an indicator owes its series. */
void indset_add_series(struct indset *s);
/* Removes the members retired in that year (catalog_retired()): what an
 * agency owes for a year leaves out what is no longer reported then. */
void indset_drop_retired(struct indset *s, int year);
/* Removes the members computed from a formula (core/formula.h): no agency
 * owes one, so its form boxes, templates and duties leave it out. */
void indset_drop_computed(struct indset *s);
/* Same members (whatever the capacities). */
bool indset_equal(const struct indset *a, const struct indset *b);
/* Whether every member of a is in b. */
bool indset_subset(const struct indset *a, const struct indset *b);

#endif
