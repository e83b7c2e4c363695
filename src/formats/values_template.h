/*
 * values_template.h: an agency's reporting form as an XLSX workbook, for
 * agencies that live in Excel: `gemis template` fills it from the plan's
 * assignments, the agency types its numbers into it, and `gemis values
 * import FORM.xlsx` reads it back (values_xlsx.c) under the same
 * all-or-nothing rules as a CSV file.
 *
 * Layout of the sheet (in the current language; Vietnamese by default):
 *   rows 1-3   title, unit and agency, deadline and recipient;
 *   rows 5-10  instructions;
 *   row 12     the column headings: No., indicator, what to count, sex,
 *              period, value (the input), last year's value, unit of count;
 *   row 13     hidden: the machine header (unit, period, indicator, part,
 *              sex, value) the reader looks for;
 *   row 14...  one row per value to report: a ratio's numerator and
 *              denominator, by sex where the indicator is reported by sex,
 *              for each quarter where it is counted per quarter.
 * Columns I to M are hidden and hold the codes of each row.  The sheet is
 * protected without a password: only the value cells (yellow) are
 * unlocked, and they accept whole numbers (counts) or decimals (single
 * values) of zero or more.
 */
#ifndef GEMIS_VALUES_TEMPLATE_H
#define GEMIS_VALUES_TEMPLATE_H

#include <stddef.h>

#include "core/period.h"
#include "core/tree.h"

struct template_row {
	int ind, part, sex;
	period_t period;
	double previous; /* last year's value for the same key, NaN when none */
};

struct template_form {
	const struct tree *t;
	int unit;               /* tree index */
	int agency;             /* agency kind index */
	int year;
	int dl_day, dl_month;   /* 0 when the plan sets no deadline */
	int dl_to;              /* agency kind the form goes to, -1 */
	const struct template_row *rows;
	size_t nrows;
	long long created;      /* file timestamp; 0: 1 January of the year */
};

/* Writes the workbook to path. */
enum gemis_err values_template_write(const struct template_form *f, const char *path,
				     struct errctx *e);

#endif
