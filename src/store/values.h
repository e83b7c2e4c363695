/*
 * values.h: reported values in the database: writing a validated batch with
 * its audit trail, reading one value, loading all of them for the engine.
 */
#ifndef GEMIS_VALUES_H
#define GEMIS_VALUES_H

#include <stdbool.h>

#include "core/dataset.h"
#include "core/validate.h"
#include "db.h"

enum values_flags {
	VALUES_DRY_RUN = 1, /* validate and count, write nothing */
};

struct values_result {
	size_t inserted;  /* keys that had no value */
	size_t updated;   /* keys whose value changed */
	size_t unchanged; /* keys already holding that value, and exact duplicates */
};

/* Progress callback for long batches: done of total rows written. */
typedef void (*values_progress_fn)(void *ctx, size_t done, size_t total);

/* Validates rows[0..n) against each other and the stored values, and when
 * there is no problem writes them in one transaction, as one batch naming
 * `user` and `source` ("import", "web", "demo", ...); a value replaced
 * stays in the audit trail (value_changes, the view value_audit).
 * Problems go to d and the result is GEMIS_EINVAL with nothing written;
 * d may already hold problems found while parsing, which also prevent the
 * write (the checks across rows still run, to report everything at once).
 * Values of a form that is approved are refused (submissions.h) until the
 * form is reopened.  A write increases the data version (store.h).  When
 * the caller has begun a transaction, the batch joins it and the caller
 * commits or rolls back; otherwise it is its own transaction. */
enum gemis_err values_import(struct db *db, const struct tree *t, struct value_row *rows, size_t n,
			     const char *user, const char *source, int flags, struct diags *d,
			     struct values_result *res, values_progress_fn progress, void *pctx,
			     struct errctx *e);

/* The same for a batch too large to hold in memory (the CLI's import of a
 * values file; values_stream.c): rows are added one by one and kept in
 * sorted runs in a temporary file; values_stream_import() then checks and
 * writes them exactly as values_import() would (the same checks and
 * problems, audit trail, all or nothing) in memory that does not grow
 * with the batch.  Rows must have passed values_parse_fields(). */
struct values_stream;
enum gemis_err values_stream_open(const struct tree *t, struct values_stream **out, struct errctx *e);
enum gemis_err values_stream_add(struct values_stream *vs, const struct value_row *row, struct errctx *e);
/* Rows added so far. */
size_t values_stream_count(const struct values_stream *vs);
enum gemis_err values_stream_import(struct db *db, struct values_stream *vs, const char *user,
				    const char *source, int flags, struct diags *d, struct values_result *res,
				    values_progress_fn progress, void *pctx, struct errctx *e);
void values_stream_close(struct values_stream *vs);

/* One stored value (*found false when absent). */
enum gemis_err values_get(struct db *db, const struct tree *t, int unit, period_t period, int ind,
			  int part, int sex, double *value, bool *found, struct errctx *e);

/* Loads every stored value of units in the tree into ds (dataset_init()ed
 * on the same tree).  Values of units no longer in force are skipped. */
enum gemis_err values_load(struct db *db, const struct tree *t, struct dataset *ds,
			   struct errctx *e);
/* Every stored value of one unit (v->unit, a tree index) into v. */
enum gemis_err values_load_unit(struct db *db, const struct tree *t, struct unit_values *v,
				struct errctx *e);

/* A stored value and who entered it; the strings are borrowed until the
 * callback returns. */
struct value_record {
	struct value_row row; /* unit, period, ind, part, sex, value; line 0 */
	const char *source;   /* "import", "form", ... */
	const char *entered_by;
	long long entered_at;
};
typedef enum gemis_err (*value_record_fn)(void *ctx, const struct value_record *v);

/* Calls fn for each stored value of `unit` and the units below it, of one
 * year (every year when year is 0), in no particular order.  Values of
 * units no longer in force, and rows that do not parse, are skipped.  An
 * error from fn stops the walk and is returned. */
enum gemis_err values_each(struct db *db, const struct tree *t, int unit, int year,
			   value_record_fn fn, void *ctx, struct errctx *e);

/* Calls fn for each stored value of one unit's indicator, the latest
 * period first, then by part and sex: the numbers behind a figure. */
enum gemis_err values_history(struct db *db, const struct tree *t, int unit, int ind,
			      value_record_fn fn, void *ctx, struct errctx *e);


#endif
