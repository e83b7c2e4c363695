/*
 * exchange.h: what the exchange formats (formats/exchange.h) need from the
 * database: the stored values of a unit and everything below it, and the
 * rows of an agency's form from the plan in force.
 */
#ifndef GEMIS_REPORT_EXCHANGE_H
#define GEMIS_REPORT_EXCHANGE_H

#include <stdbool.h>

#include "formats/exchange.h"
#include "formats/values_csv.h"
#include "formats/values_template.h"
#include "store/db.h"
#include "store/snapshot.h"

/* The values stored for `unit` and every unit below it, of `year` (0: every
 * year, quarters and months included), sorted for the writers. */
enum gemis_err exchange_values(struct db *db, const struct tree *t, int unit, int year,
			       struct value_rows *out, struct errctx *e);

/* Removes from rows (values of s's tree) what a publication must not
 * show of the case register's indicators: each (unit, year, indicator)
 * with a count of 1 to 4, or with a count that the suppression of the
 * register (register_mask(), over the whole tree) hides as "<5" or "x",
 * loses all its parts and sexes; quarters and months go in any case (the
 * suppression decides years, as pages publish them).  *withheld receives
 * how many rows went.  Other indicators are untouched. */
enum gemis_err exchange_withhold_small(const struct snapshot *s, struct value_rows *rows,
				       size_t *withheld);

/* The computed indicator values for SDMX-CSV (formats/exchange.h): every
 * unit from `unit` down (tree order), every year the engine computes (or
 * `year` alone when not 0), every indicator of the catalog, the total and
 * each sex the indicator is reported by, where s's engine has a value.
 * Unless `small`, the case register's values are withheld as pages and the
 * export of the parts withhold them: a (unit, year, indicator) where the
 * register's suppression hides any part or sex, or where any part of any
 * sex is a count of 1 to 4, is marked withheld for every sex (and counted
 * in *withheld).  *out (caller frees) gets *n values. */
enum gemis_err exchange_indicator_values(const struct snapshot *s, int unit, int year, bool small,
					 struct indicator_obs **out, size_t *n, size_t *withheld);

/* The rows of agency kind `agency`'s form of `unit` for `year`: each
 * indicator the plan in force ties to it, its parts, by sex where reported, per quarter for indicators counted per
 * quarter, with last year's stored value.  Fills f (rows allocated in f,
 * free with free((void *)f->rows)).  GEMIS_ENOTFOUND with a message when
 * the unit has no plan or the agency answers for nothing in it. */
enum gemis_err exchange_template(struct db *db, const struct tree *t, int unit, int agency, int year,
				 struct template_form *f, struct errctx *e);

#endif
