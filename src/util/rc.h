/*
 * rc.h: reference-counted blocks of memory, for the large arrays that
 * successive snapshots of the data share (after the copy-on-write arrays
 * of persistent data structures).  A snapshot made from another by a small
 * change takes a reference to every array it does not change and copies
 * only those it writes; the last snapshot to let go frees an array.
 *
 * A block is written only while its holder has the only reference
 * (rc_shared() is false): a shared block is read-only.
 */
#ifndef GEMIS_RC_H
#define GEMIS_RC_H

#include <stdbool.h>
#include <stddef.h>

/* A new block of n bytes (uninitialised, zeroed) with one reference, or
 * NULL. */
void *rc_alloc(size_t n);
void *rc_calloc(size_t n);
/* Grows or shrinks a block with one reference (as realloc). */
void *rc_realloc(void *p, size_t n);
/* Another reference to p (NULL stays NULL); returns p. */
void *rc_ref(void *p);
/* Drops a reference; the last frees the block.  NULL is ignored. */
void rc_unref(void *p);
/* True when someone else holds p too. */
bool rc_shared(const void *p);
/* A private copy of the first n bytes of p, with one reference, or NULL. */
void *rc_dup(const void *p, size_t n);

#endif
