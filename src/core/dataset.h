/*
 * dataset.h: reported values held in memory for computation.
 *
 * Yearly values live in one dense array per year: a row of cells per unit,
 * each indicator at its place in the row (core/layout.h), with NaN marking
 * a value not reported.  Dense arrays make the roll-up a linear pass with
 * no hashing, and cost 8 bytes per cell; a row holds only the cells its
 * indicators can take, so with a national data set most of them are filled
 * (bench/ reports bytes per value).
 * Quarterly and monthly values are rarer and kept in a sorted list; the
 * engine folds them into a year when the year itself was not reported.
 */
#ifndef GEMIS_DATASET_H
#define GEMIS_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "layout.h"
#include "period.h"
#include "tree.h"
#include "util/err.h"

/* 16 bytes: 24 bits of unit hold every unit of the country many times. */
#define SUBVALUE_UNITS (1u << 24)
struct subvalue {
	uint32_t unit : 24;
	uint32_t slot : 8; /* layout_slot(): the cell from the indicator's first */
	uint16_t period;
	uint16_t ind;
	double value;
};

struct dataset {
	const struct tree *tree; /* borrowed */
	const struct layout *lay; /* NULL when memory ran out at init */
	size_t nunits, nind;
	int year_min, year_max;  /* range of allocated years; year_min > year_max when empty */
	double **yearly;         /* [year - year_min] -> nunits * lay->row, or NULL */
	struct subvalue *sub;
	size_t nsub, capsub;
	bool sub_sorted;
	size_t nvalues;          /* values stored */
	bool demo;               /* some values are demo data */
};

void dataset_init(struct dataset *d, const struct tree *t);
void dataset_release(struct dataset *d);

/* Stores a value (replacing any earlier one for the same key).
 * GEMIS_EINVAL for an index out of range or a part or sex the indicator
 * does not take. */
enum gemis_err dataset_put(struct dataset *d, int unit, period_t period, int ind, int part,
			   int sex, double value);

/* The yearly value, NaN when not reported. */
double dataset_get_year(const struct dataset *d, int unit, int year, int ind, int part, int sex);

/* Sorts the sub-annual list (later puts of a key win); the engine calls it
 * before use.  GEMIS_ENOMEM on allocation failure. */
enum gemis_err dataset_finish(struct dataset *d);

/* Bytes held for values (dense arrays and the sub-annual list). */
size_t dataset_bytes(const struct dataset *d);

/* A copy of src over the tree t (src's, or a copy of it) that shares
 * src's arrays until it writes them (util/rc.h): cheap, and src stays
 * valid and unchanged.  On failure dst is empty. */
enum gemis_err dataset_clone(struct dataset *dst, const struct dataset *src, const struct tree *t);

/* Every value of one unit, as the store reads them, to replace the unit's
 * in a dataset. */
struct unit_values {
	int unit;               /* tree index */
	const struct layout *lay;
	int year_min, year_max; /* years with yearly values; empty when min > max */
	double *yearly;         /* [year - PERIOD_MIN_YEAR][lay->row], NaN where none */
	struct subvalue *sub;
	size_t nsub, capsub;
	bool demo;              /* some are demo data */
};

enum gemis_err unit_values_init(struct unit_values *v, int unit);
void unit_values_release(struct unit_values *v);
/* Later puts of a key win.  GEMIS_EINVAL for an index out of range or a
 * part or sex the indicator does not take. */
enum gemis_err unit_values_put(struct unit_values *v, period_t period, int ind, int part, int sex,
			       double value);

/* What a replacement changed: the years and indicators of the values that
 * differ. */
struct dataset_change {
	bool year[PERIOD_MAX_YEAR - PERIOD_MIN_YEAR + 1];
	bool ind[256];
	bool ind_past; /* some indicator at 256 or past it changed */
	bool any;
};

/* True when c marks indicator ind as changed. */
bool dataset_change_has(const struct dataset_change *c, int ind);

/* Makes the unit's values in d those of v, copying (rather than writing)
 * the arrays d shares with another dataset; marks what changed in *c
 * (which accumulates over calls).  A year array is copied only when the
 * unit's values in it differ. */
enum gemis_err dataset_replace_unit(struct dataset *d, const struct unit_values *v,
				    struct dataset_change *c);

#endif
