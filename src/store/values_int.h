/*
 * values_int.h: what values.c shares with values_stream.c (the importer of
 * a batch read in pieces): the hash of stored values and the write orders
 * and statements of a batch.  Private to src/store/.
 */
#ifndef GEMIS_VALUES_INT_H
#define GEMIS_VALUES_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/catalog.h"
#include "core/period.h"
#include "core/tree.h"
#include "core/validate.h"
#include "db.h"

/* Stored values: an open-addressing hash from (unit, period, indicator,
 * part, sex) to value.  The key packs, from the least significant bit:
 *
 *   sex        2 bits  0..2 (enum sex)
 *   part       2 bits  0..1 (PART_SLOTS)
 *   indicator 16 bits  catalog index, below CATALOG_MAX
 *   period    16 bits  the period's code: year * 32 + 0..19, years up to
 *                      PERIOD_MAX_YEAR (2047), so below 65,536
 *   unit      28 bits  tree index + 1 (never 0: 0 marks an empty slot),
 *                      so at most STORED_MAX_UNITS units: about 3,400
 *                      today (11,000 communes, districts and provinces
 *                      before the 2025 merger)
 *
 * 64 bits in all; key_order_init() refuses a larger tree or catalog. */
#define STORED_MAX_UNITS (((size_t)1 << 28) - 1)

struct stored {
	uint64_t *keys; /* 0 for an empty slot */
	double *vals;
	size_t cap, n;
};

uint64_t stored_key(int unit, period_t period, int ind, int part, int sex);
/* The first slot a key probes (s->cap a power of two, not 0). */
size_t stored_slot(const struct stored *s, uint64_t k);
enum gemis_err stored_put(struct stored *s, uint64_t k, double v);
bool stored_get(const struct stored *s, uint64_t k, double *v);
void stored_release(struct stored *s);
/* Adds the stored values of the units ids[0..k) (k >= 1) to s. */
enum gemis_err stored_load_ids(struct db *db, const struct tree *t, const long long *ids, size_t k,
			       struct stored *s, struct errctx *e);

/* Write orders: ranks in the text order of the primary key's columns. */
unsigned period_rank(period_t p);
/* rank[i] = the place of cat[i].id among cat[0..n)'s ids in strcmp order
 * (the column's order in SQLite, byte by byte). */
enum gemis_err indicator_ranks(const struct indicator *cat, size_t n, unsigned *rank);
unsigned part_rank(const struct indicator *ind, int part);

/* The write order: rows are written in the order of the table's primary
 * key, (unit_id, period, indicator, part, sex) as the database sorts it,
 * the unit by id and the others as text, so that each B-tree insertion
 * follows the one before.  A row's place is packed into a 64-bit key and
 * radix-sorted (util/radix.h).  From the least significant bit:
 *
 *   sex        2 bits  "F" < "M" < "T": enum sex, 0..2
 *   part       2 bits  "den" < "num" < "value": part_rank(), 0..2
 *   indicator  b bits  indicator_ranks(); b is the bits of the catalog's
 *                      size - 1 (at least 1, at most 16: CATALOG_MAX),
 *                      5 for the national strategy's 24 indicators
 *   period    16 bits  period_rank(): year * 32 + 0..16, years up to 2047
 *   unit      the other 44 - b bits, at least 28: the unit's rank by id
 *                      (the streaming import, below STORED_MAX_UNITS) or
 *                      its id, where ids past the field keep working,
 *                      only less well ordered (values_import)
 *
 * The indicator takes only the bits the catalog needs because the radix
 * sort does a pass for each 16 bits up to the highest one used: with 5
 * bits the keys of the national data set (~3,400 units) stay below 2^48,
 * three passes.  key >> KEY_GROUP_SHIFT tells the rows of one (unit,
 * period, indicator) apart. */
#define KEY_GROUP_SHIFT 4

struct key_order {
	const struct indicator *cat; /* the catalog it ranks (borrowed) */
	unsigned *irank;             /* catalog index -> rank of its id */
	unsigned ind_bits;           /* b */
	uint64_t unit_mask;          /* the unit field: 2^(44 - b) - 1 */
};

/* Ranks cat[0..n) for write keys; GEMIS_ELIMIT when n is above
 * CATALOG_MAX or nunits above STORED_MAX_UNITS (with e set), GEMIS_ENOMEM.
 * key_order_release() frees it. */
enum gemis_err key_order_init(struct key_order *ko, const struct indicator *cat, size_t n,
			      size_t nunits, struct errctx *e);
void key_order_release(struct key_order *ko);

/* The write key of a row; unit is a rank or an id, masked to its field. */
static inline uint64_t key_order_pack(const struct key_order *ko, uint64_t unit, period_t period,
				      int ind, int part, int sex)
{
	unsigned b = ko->ind_bits;
	uint64_t per = period_rank(period) & 0xffff, irank = ko->irank[ind];
	uint64_t pr = part_rank(&ko->cat[ind], part);

	return (unit & ko->unit_mask) << (20 + b) | per << (4 + b) | irank << 4 | pr << 2 |
	       (uint64_t)sex;
}

#define WRITE_CHUNK 200
#define VALUE_COLS 8

/* "INSERT ... VALUES (?, ...), ... " for k rows of VALUE_COLS columns. */
enum gemis_err multi_insert(struct db *db, const char *head, const char *tail, size_t k,
			    struct db_stmt **out, struct errctx *e);

/* The value that replaces a stored one is upserted; the table's trigger
 * keeps the replaced value in value_changes (migration 0411). */
#define PUT_HEAD "INSERT INTO datavalues (unit_id, period, year, indicator, part, sex, value, batch)"
#define PUT_TAIL                                                          \
	" ON CONFLICT (unit_id, period, indicator, part, sex) DO UPDATE SET" \
	" value = excluded.value, batch = excluded.batch"

extern const char *const value_cols[VALUE_COLS];

/* Binds the columns of r (value_cols) as the k-th row of a multi-row
 * statement (parameters from VALUE_COLS * k + 1). */
void value_bind(struct db_stmt *st, int k, long long unit_id, const struct value_row *r,
		long long batch);
/* Appends r (value_cols) to a bulk insertion into datavalues. */
void value_bulk(struct db_bulk *b, long long unit_id, const struct value_row *r, long long batch);

/* Records a write (who, from where, now) and returns its number. */
enum gemis_err value_batch_new(struct db *db, const char *user, const char *source, long long *id,
			       struct errctx *e);

#endif
