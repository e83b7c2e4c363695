/*
 * groups.h: the catalog's category series by parent and breakdown (issue
 * 17): which series break down which indicator, and which of them make one
 * breakdown's groups.  The checks of a batch of values (validate.c: a
 * total is the sum of its groups) and the engine (a total missing where
 * every group is there is their sum) both walk it.
 *
 * An index is built for the catalog as it is (catalog_n() indicators) and
 * is reference-counted (util/rc.h), so that successive engines share it.
 */
#ifndef GEMIS_GROUPS_H
#define GEMIS_GROUPS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* head[p] is parent p's first series, next[s] the next series of the same
 * parent (-1 at the end), lead[s] the first series of s's parent on s's
 * breakdown: it names the breakdown, and a breakdown's groups are the
 * series of its parent with the same lead.  member[k]: k's values take
 * part in a group (a series, or an indicator with series, summed over
 * units). */
struct group_index {
	size_t nind;
	int *head, *next, *lead;
	bool *member;
	int *parents; /* the indicators with series, in catalog order */
	size_t nparents;
};

/* The index of the catalog's first nind entries (catalog_n() or fewer: an
 * engine's); *out NULL when they hold no series (no group to check or
 * sum).  GEMIS_ENOMEM without memory. */
enum gemis_err group_index_build(size_t nind, struct group_index **out);
/* Drops a reference (group_index_build() gives one; rc_ref() takes more). */
void group_index_free(struct group_index *gi);
/* Whether ind's values take part in a group; false for a NULL index. */
bool group_index_member(const struct group_index *gi, int ind);
/* Whether an indicator's total is the sum of its groups' (a ratio's parts,
 * a value summed over units), rather than an average or a survey's figure. */
bool group_sums(int ind);

#endif
