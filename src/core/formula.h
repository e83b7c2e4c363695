/*
 * formula.h: indicators computed from others (issue 17, "indicators as
 * formulas").
 *
 * A formula indicator is never reported: the engine computes its parts at
 * every unit, after the roll-up, from its components' parts there.  A
 * ratio's formula is `SUM / SUM` (its numerator and denominator), a value's
 * one SUM.  A SUM is terms joined by + or -, a term `[NUMBER *] ID.PART`
 * (PART: num, den or value of indicator ID); a SUM may stand in
 * parentheses:
 *
 *	(hh_women_owner.value + coop_women_head.value) / hh_total.value
 *
 * Only linear sums of parts that roll up by sum, folded over the year as
 * the formula's own part: then the formula's numerator at a province is
 * the same sum of its components' rolled-up parts, so computing it after
 * the roll-up at every unit needs no storage of its own.
 */
#ifndef GEMIS_FORMULA_H
#define GEMIS_FORMULA_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "util/err.h"

/* The longest formula text kept. */
#define FORMULA_MAX 2000

struct formula_term {
	double coef;   /* +1, -1, or NUMBER with its sign */
	int ind;       /* catalog index of the component, -1 until resolved */
	int part;      /* PART_NUM, PART_DEN or PART_VALUE */
	char id[64];   /* the component's id as written */
	char part_id[8];
	int pos;       /* 1-based character position of the term, for errors */
};

struct formula {
	int nsums;             /* 1 (a value) or 2 (numerator / denominator) */
	size_t first[2], n[2]; /* sum s is terms[first[s] .. first[s] + n[s]) */
	size_t nterms;
	struct formula_term terms[];
};

/* Parses text into a new formula (caller frees), its terms unresolved.
 * GEMIS_EINVAL naming the field "formula" and the character position. */
enum gemis_err formula_parse(const char *text, struct formula **out, struct errctx *e);

/* Checks the formula of ind (ind->formula_text) against the catalog: its
 * shape, every term's indicator and part, that each component rolls up
 * by sum and folds over the year as the formula's part, shares its scope,
 * is in force, is by sex where the formula is, and that no chain of
 * formulas leads back to ind (an entry of the catalog with ind's id is
 * taken as ind).  GEMIS_EINVAL naming the field "formula". */
enum gemis_err formula_check(const struct indicator *ind, struct errctx *e);

/* The parsed and resolved formula of ind's text, to hold in the catalog
 * entry; NULL with *err set when it does not parse or resolve. */
const struct formula *formula_compile(const struct indicator *ind, enum gemis_err *err);

/* The formula indicators of the first nind entries, components before the
 * formulas that use them.  Built once per catalog size and never freed. */
struct formula_order {
	size_t n;
	int ind[];
};
const struct formula_order *formula_order(size_t nind);

/* Whether any component of the formula (through formulas, down to the
 * reported ones) satisfies pred; true when memory ran out. */
bool formula_uses(const struct formula *f, bool (*pred)(const void *ctx, int ind), const void *ctx);

/* Computes formula indicator k's cells in one unit's row, from its
 * components' cells in the same row (off: the cell offsets of the
 * layout, per indicator; ncat/nparts likewise). */
struct layout;
void formula_cells(const struct layout *lay, int k, double *row);

#endif
