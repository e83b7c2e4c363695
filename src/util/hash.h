/*
 * hash.h: FNV-1a, a small non-cryptographic hash of strings for in-memory
 * tables (look-up by id).  Not for anything an attacker chooses
 * to collide: tables keyed by input use it only where the keys are few and
 * fixed (the catalog's ids), or bound their probes.
 */
#ifndef GEMIS_HASH_H
#define GEMIS_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

#endif
