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
#define VALUE_COLS 10

/* "INSERT ... VALUES (?, ...), ... " for k rows of VALUE_COLS columns. */
enum gemis_err multi_insert(struct db *db, const char *head, const char *tail, size_t k,
			    struct db_stmt **out, struct errctx *e);

#define PUT_HEAD                                                                        \
	"INSERT INTO datavalues (unit_id, period, year, indicator, part, sex, value, source," \
	" entered_by, entered_at)"
#define PUT_TAIL                                                                        \
	" ON CONFLICT (unit_id, period, indicator, part, sex) DO UPDATE SET"               \
	" value = excluded.value, source = excluded.source,"                               \
	" entered_by = excluded.entered_by, entered_at = excluded.entered_at"

extern const char *const value_cols[VALUE_COLS];
extern const char *const audit_cols[VALUE_COLS];

#endif
