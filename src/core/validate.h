/*
 * validate.h: the rules every batch of reported values passes before it is
 * written, whatever it came from (CSV, XLSX, the web form, the API, ADX,
 * DHIS2).  A batch is written whole or not at all; each problem is reported
 * with the line (or position) and field it concerns.
 *
 * Parsers check each field (unknown unit, indicator, part, period, sex the
 * indicator does not take, value not a number) and produce value_rows;
 * validate_rows() then checks the rows together: negative values, two
 * different values for one key, and a numerator above its denominator
 * where the indicator is a share of a whole (not for ratios such as the sex
 * ratio at birth), taking the partner part from the database when the batch
 * does not carry it; and no value of a year its indicator is retired in
 * (`gemis indicator retire`, core/catalog.h).
 */
#ifndef GEMIS_VALIDATE_H
#define GEMIS_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "groups.h"
#include "period.h"
#include "tree.h"
#include "util/err.h"

struct value_row {
	int unit;        /* tree index */
	period_t period;
	int ind;         /* catalog index */
	int part;        /* PART_NUM, PART_DEN or PART_VALUE */
	int sex;         /* SEX_F, SEX_M, SEX_T */
	double value;
	long line;       /* line or record number in the source, 0 if none */
	bool skip;       /* an exact duplicate of an earlier row */
};

struct diag {
	long line;       /* 0 when not tied to a line */
	char field[64];  /* "unit", "value", "tasks[2].lead[0]" ... or "" */
	char msg[320];   /* in the current language */
};

/* A bounded list of problems: after `max` it only counts. */
struct diags {
	struct diag *d;
	size_t n, cap, max;
	size_t total;
	bool scoped;     /* read for an account with a scope (not an admin): a
			    unit that does not exist gets the answer of one
			    outside the scope, "you may not write values of
			    CODE" (access_check_rows()), as docs/web.md
			    promises */
};

void diags_init(struct diags *d, size_t max);
void diags_release(struct diags *d);
/* Adds a problem (the message is printf-formatted); never fails: on
 * allocation failure the problem is counted only. */
void diags_add(struct diags *d, long line, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Sorts by line (stable) for reporting. */
void diags_sort(struct diags *d);

/* Looks up the stored value of a key; sets *found. */
typedef enum gemis_err (*value_lookup_fn)(void *ctx, int unit, period_t period, int ind,
					  int part, int sex, double *value, bool *found);

/* Checks rows[0..n) together (see above), marking exact duplicates skip,
 * then validate_groups().  lookup may be NULL (a batch checked on its
 * own).  Problems go to d; returns an error only when the lookup fails. */
enum gemis_err validate_rows(struct value_row *rows, size_t n, value_lookup_fn lookup, void *ctx,
			     struct diags *d, struct errctx *e);
/* validate_rows() without validate_groups(): for a batch checked one
 * indicator at a time, whose groups are checked by unit and period. */
enum gemis_err validate_rows_within(struct value_row *rows, size_t n, value_lookup_fn lookup, void *ctx,
				    struct diags *d, struct errctx *e);
/* A total and its groups (issue 17): where the rows, or the stored values
 * through lookup, give an indicator's total and each category of one of
 * its breakdowns for a unit, period, part and sex, the categories add up to
 * the total (to at most the total on a partial breakdown, group_partial),
 * unless the indicator is not summed over units (an average, a survey's
 * figure).  Rows marked skip are left out.  The rows of a unit and period
 * are checked in one call, or the totals are compared with stale groups.
 * gi is group_index_build()'s for the catalog the rows were read with. */
enum gemis_err validate_groups(const struct group_index *gi, const struct value_row *rows, size_t n,
			       value_lookup_fn lookup, void *ctx, struct diags *d, struct errctx *e);

#endif
