/*
 * alloc.c: allocation with a fault-injection hook (alloc.h).
 */
#include "alloc.h"

#include <stdlib.h>

#include "banned.h"

static _Thread_local unsigned long fail_at, counted, failures;

unsigned long alloc_fail_at(unsigned long n)
{
	unsigned long c = counted;

	fail_at = n;
	counted = 0;
	return c;
}

/* True when this allocation is the one a test asked to fail. */
static int injected(void)
{
	counted++;
	if (fail_at && counted == fail_at) {
		fail_at = 0;
		return 1;
	}
	return 0;
}

unsigned long alloc_failures(void)
{
	return failures;
}

/* p, counted as a failure when NULL. */
static void *counted_result(void *p)
{
	if (!p)
		failures++;
	return p;
}

void *gemis_malloc(size_t size)
{
	return counted_result(injected() ? NULL : malloc(size));
}

void *gemis_calloc(size_t n, size_t size)
{
	return counted_result(injected() ? NULL : calloc(n, size));
}

void *gemis_realloc(void *p, size_t size)
{
	return counted_result(injected() ? NULL : realloc(p, size));
}
