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
 * slot) to value. */
struct stored {
	uint64_t *keys; /* 0 for an empty slot */
	double *vals;
	size_t cap, n;
};

uint64_t stored_key(int unit, period_t period, int ind, int part, int sex);
enum gemis_err stored_put(struct stored *s, uint64_t k, double v);
bool stored_get(const struct stored *s, uint64_t k, double *v);
void stored_release(struct stored *s);
/* Adds the stored values of the units ids[0..k) (k >= 1) to s. */
enum gemis_err stored_load_ids(struct db *db, const struct tree *t, const long long *ids, size_t k,
			       struct stored *s, struct errctx *e);

/* Write orders: ranks in the text order of the primary key's columns. */
unsigned period_rank(period_t p);
void indicator_ranks(unsigned char *rank);
unsigned part_rank(const struct indicator *ind, int part);

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
