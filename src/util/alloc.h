/*
 * alloc.h: malloc, calloc and realloc with a fault-injection hook, for
 * testing what happens when memory runs out (SQLite's FAULT_INSTALL test
 * control, curl's torture tests).
 *
 * Code whose handling of a failed allocation matters calls gemis_calloc()
 * and friends instead of the C library's; they behave exactly like it
 * unless a test arms alloc_fail_at().  The counter is per thread, so a
 * test that arms it sees the failure in its own thread only.
 */
#ifndef GEMIS_ALLOC_H
#define GEMIS_ALLOC_H

#include <stddef.h>

void *gemis_malloc(size_t size);
void *gemis_calloc(size_t n, size_t size);
void *gemis_realloc(void *p, size_t size);

/* Makes the n-th gemis_* allocation from now in this thread fail (1: the
 * next one), once; 0 disarms.  Returns how many allocations were counted
 * since the last call, so that a test can learn how many there are. */
unsigned long alloc_fail_at(unsigned long n);

/* How many gemis_* allocations have failed in this thread (for want of
 * memory, or made to fail by a test).  A computation whose result would be
 * wrong with a part missing, where a failure deep inside is not passed up
 * (the plan importer: a text key that could not be folded is a heading not
 * recognised), compares it before and after and answers out of memory, as
 * SQLite's connections keep a sticky mallocFailed. */
unsigned long alloc_failures(void);

#endif
