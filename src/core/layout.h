/*
 * layout.h: where each indicator's numbers sit in a unit's row of cells.
 *
 * The dataset and the engine keep, for each year, one row of doubles per
 * unit.  An indicator takes only the cells it can hold: its parts (two for
 * a ratio, one for a value) times its categories (F, M and the total T for
 * an indicator reported by sex; T alone for the others), the total last.
 * A fixed six cells per indicator would leave half the national arrays
 * empty, and every indicator added would cost all six in every unit.
 *
 * A layout is built once for each size of the catalog and never freed or
 * changed, so a
 * dataset, an engine and a request may hold a pointer to it for as long as
 * the process runs.
 */
#ifndef GEMIS_LAYOUT_H
#define GEMIS_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"

struct layout_ind {
	uint32_t off;   /* first cell in a unit's row */
	uint8_t nparts; /* 2 (num, den) or 1 (value) */
	uint8_t ncat;   /* 3 (F, M, T) or 1 (T) */
};

struct layout {
	size_t nind;
	size_t row; /* cells per unit */
	unsigned shape; /* catalog_shape when built: an edit's new cells */
	struct layout_ind ind[];
};

/* The layout of the catalog as it is now (catalog_n() indicators);
 * NULL only when memory ran out (a later call tries again).  An indicator
 * added keeps the places of those before it; one edited into other cells
 * (catalog_shape) moves those after it, in a new layout. */
const struct layout *layout_catalog(void);

/* The category of sex s in an indicator, or -1 when it does not take it:
 * T is always the last category. */
static inline int layout_cat(const struct layout_ind *li, int sex)
{
	if (sex < 0 || sex >= SEX_SLOTS)
		return -1;
	if (li->ncat == 1)
		return sex == SEX_T ? 0 : -1;
	return sex;
}

/* The cell of (part, sex) from the start of the indicator's cells, or -1
 * when the indicator does not take it. */
static inline int layout_slot(const struct layout_ind *li, int part, int sex)
{
	int cat = layout_cat(li, sex);

	if (cat < 0 || part < 0 || part >= li->nparts)
		return -1;
	return part * li->ncat + cat;
}

/* The cell of (ind, part, sex) from the start of a unit's row, or -1. */
static inline long layout_cell(const struct layout *l, int ind, int part, int sex)
{
	int s;

	if (ind < 0 || (size_t)ind >= l->nind)
		return -1;
	s = layout_slot(&l->ind[ind], part, sex);
	return s < 0 ? -1 : (long)l->ind[ind].off + s;
}

#endif
