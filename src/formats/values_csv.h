/*
 * values_csv.h: reported values as CSV, the format every agency can make
 * with a spreadsheet.
 *
 * Layout: a header line naming the six columns (in any order)
 *	unit,period,indicator,part,sex,value
 * then one value a line:
 *	03390,2026,female_wage_workers,num,T,412
 * unit    the official code of a unit ("03390" commune, "12" province, "VN");
 * period  2026, 2026Q3 or 2026-07;
 * indicator  an id of the catalog (`gemis indicators`);
 * part    num or den for ratios, value for single values;
 * sex     F, M or T (T only, for indicators not reported by sex);
 * value   a number, '.' or ',' as decimal mark; num and den are counts and
 *         must be whole numbers (write 1234, not 1.234).
 * Blank lines are ignored.  Every problem is reported with its line and
 * field; see core/validate.h for the checks across rows.
 */
#ifndef GEMIS_VALUES_CSV_H
#define GEMIS_VALUES_CSV_H

#include <stddef.h>

#include "core/tree.h"
#include "core/validate.h"

struct value_rows {
	struct value_row *v;
	size_t n, cap;
};

void value_rows_release(struct value_rows *r);
/* Appends a row; GEMIS_ENOMEM on failure. */
enum gemis_err value_rows_push(struct value_rows *r, const struct value_row *row);

/* Parses data[0..len) into rows; field problems go to d (with lines).
 * Returns GEMIS_EFORMAT (detail in e) only when the file cannot be read as
 * CSV at all. */
enum gemis_err values_csv_parse(const char *data, size_t len, const struct tree *t,
				struct value_rows *rows, struct diags *d, struct errctx *e);

/* Hands a row that passed the field checks on; an error stops the reading
 * and is returned. */
typedef enum gemis_err (*value_row_fn)(void *ctx, const struct value_row *row, struct errctx *e);

/* Reads the CSV file at path as values_csv_parse() reads its bytes, with
 * the same problems and lines, but a block at a time: memory does not grow
 * with the file.  Each good row goes to fn.  UTF-16 files (converted
 * whole) and files whose first block is not UTF-8 (the refusal names the
 * line) are read whole.  GEMIS_EIO when the file cannot be read. */
enum gemis_err values_csv_read(const char *path, const struct tree *t, value_row_fn fn, void *ctx,
			       struct diags *d, struct errctx *e);

/* Checks one value's fields as every importer must: unit code, period,
 * indicator, part, sex, number.  Fills row (but line) and returns true when
 * all are good; otherwise adds problems for `line` to d. */
bool values_parse_fields(const struct tree *t, const char *unit, const char *period,
			 const char *indicator, const char *part, const char *sex,
			 const char *value, long line, struct value_row *row, struct diags *d);

#endif
