/*
 * exchange.h: reported values in the formats of the systems around gemis.
 *
 *   csv    gemis's own CSV (values_csv.h), read and written
 *   adx    IHE Aggregate Data Exchange XML (values_adx.c), read and written
 *   dhis2  DHIS2 dataValueSets JSON (values_dhis2.c), read and written
 *   sdmx   SDMX-CSV 1.0 (values_export.c), written for statistics offices
 *   sdmx-structure  the SDMX-ML 2.1 structure (dataflow, data structure,
 *          codelists) of that SDMX-CSV, from the catalog (values_sdmx.c)
 *   xlsx   a workbook with the CSV's six columns somewhere in it, such as
 *          the agency form of `gemis template` (values_xlsx.c), read
 * Each layout is described at the top of its file and in docs/exchange.md.
 *
 * A category series (issue 17) travels under its own id in CSV, XLSX and
 * SDMX-CSV, and as its parent's data element plus its category in ADX and
 * DHIS2 (exchange_series.c).
 *
 * Readers turn a file into value_rows with the same field checks as the CSV
 * importer (values_parse_fields) and report every problem with its position
 * (the line, for XLSX the row and cell); the caller then hands the rows to
 * values_import(), which writes all of them or none.  Writers take rows
 * sorted by unit code, period, indicator, part and sex (values_sort) and
 * produce the same bytes for the same rows.
 */
#ifndef GEMIS_EXCHANGE_H
#define GEMIS_EXCHANGE_H

#include <stdbool.h>

#include "codemap.h"
#include "util/buf.h"
#include "values_csv.h"

enum xfmt {
	XF_CSV,
	XF_ADX,
	XF_DHIS2,
	XF_SDMX,
	XF_XLSX,
	XF_SDMX_STRUCTURE,
};

/* "csv", "adx", "dhis2", "sdmx", "xlsx", "sdmx-structure" -> format, -1 for
 * anything else. */
int xfmt_parse(const char *name);
/* The format a file name says: .csv, .xml or .adx, .json, .xlsx; -1. */
int xfmt_from_path(const char *path);
const char *xfmt_name(enum xfmt f);
/* True for the formats `gemis values import` reads. */
bool xfmt_readable(enum xfmt f);

/* The code of a data element: "female_wage_workers.num". */
void element_code(int ind, int part, char *out, size_t n);
/* Splits an element code into indicator and part at its last dot; false
 * when there is no dot.  out strings are NUL-terminated copies. */
bool element_split(const char *code, char *ind, size_t nind, char *part, size_t npart);

/* Category series (issue 17) in ADX and DHIS2, which send a series as
 * its parent's data element plus its category (exchange_series.c). */
/* True when a series of the catalog is of the breakdown `code`. */
bool breakdown_known(const char *code);
/* DHIS2's category option combination of sex (enum sex) of indicator ind:
 * the sex ("F", "M", "T") for an indicator that is no series; for a series
 * sex, breakdown and category ("F_ethnicity_minority"), and for its total
 * the breakdown and category alone ("ethnicity_minority"). */
void combo_code(int ind, int sex, char *out, size_t n);
/* The series of parent whose combo_code() is code (or "T_" and its
 * total's code), with its sex in *sex; -1 when none is. */
int combo_series(int parent, const char *code, int *sex);
/* Adds to d the refusal of a category that parent has no series for: of
 * breakdown (ADX), or, breakdown NULL, of DHIS2's combination `category`;
 * the message lists what the parent has. */
void series_unknown(struct diags *d, long line, const char *field, int parent, const char *breakdown,
		    const char *category);

/* Sorts rows by unit code, period, indicator (catalog order), part, sex. */
void values_sort(const struct tree *t, struct value_row *rows, size_t n);

/* A computed indicator value (the engine's, after roll-up) of a unit, a
 * year and a sex, for SDMX-CSV: computed by a higher layer (report/) and
 * handed down, as formats/ cannot call it.  withheld: a value of the case
 * register that a publication must not show (value is then ignored). */
struct indicator_obs {
	int unit;   /* tree index */
	int year;
	int ind;    /* catalog index */
	int sex;    /* enum sex */
	double value;
	bool withheld;
};

struct export_opts {
	const struct codemap *map; /* may be NULL */
	long long exported;        /* ADX's `exported` time (Unix seconds) */
	int unit;                  /* the unit exported (with the units below) */
	/* SDMX-CSV only: the computed values, written after the parts, sorted
	 * by unit (tree order), year, indicator, sex; may be NULL */
	const struct indicator_obs *obs;
	size_t nobs;
	size_t nobs_withheld; /* how many of them are withheld */
};

/* SDMX's UNIT_MULT of an indicator's computed value: the power of ten
 * that gives the plain figure (num / den) from OBS_VALUE, so -2 for a
 * percentage (factor 100), -3 per thousand, -5 per 100,000; 0 for single
 * values and for the parts. */
int sdmx_unit_mult(int ind);

enum gemis_err values_write(enum xfmt f, const struct tree *t, const struct value_row *rows,
			    size_t n, const struct export_opts *o, struct buf *out);
enum gemis_err values_write_csv(const struct tree *t, const struct value_row *rows, size_t n,
				struct buf *out);
enum gemis_err values_write_sdmx(const struct tree *t, const struct value_row *rows, size_t n,
				 const struct export_opts *o, struct buf *out);
enum gemis_err values_write_adx(const struct tree *t, const struct value_row *rows, size_t n,
				const struct export_opts *o, struct buf *out);
enum gemis_err values_write_dhis2(const struct tree *t, const struct value_row *rows, size_t n,
				  const struct export_opts *o, struct buf *out);
/* The SDMX-ML structure of the SDMX-CSV: its area codelist holds o->unit
 * and every unit below it. */
enum gemis_err values_write_sdmx_structure(const struct tree *t, const struct export_opts *o,
					   struct buf *out);

/* Readers: problems go to d; GEMIS_EFORMAT (detail in e) only when the
 * file cannot be read as that format at all. */
enum gemis_err values_parse(enum xfmt f, const char *data, size_t len, const struct tree *t,
			    const struct codemap *map, struct value_rows *rows, struct diags *d,
			    struct errctx *e);
enum gemis_err values_adx_parse(const char *data, size_t len, const struct tree *t,
				const struct codemap *map, struct value_rows *rows, struct diags *d,
				struct errctx *e);
enum gemis_err values_dhis2_parse(const char *data, size_t len, const struct tree *t,
				  const struct codemap *map, struct value_rows *rows,
				  struct diags *d, struct errctx *e);
enum gemis_err values_xlsx_parse(const char *data, size_t len, const struct tree *t,
				 struct value_rows *rows, struct diags *d, struct errctx *e);

/* Renames the fields of the problems d->d[from..] to a format's own names
 * (pairs of gemis name, format name, ending with NULL), and when index is
 * not (size_t)-1 prefixes them with "[index]." and clears their line. */
void diags_rename(struct diags *d, size_t from, const char *const *pairs, size_t index);

/* Appends v without an exponent, the shortest way that reads back the
 * same ("412", "1.7", "0.000012"). */
enum gemis_err put_plain_number(struct buf *b, double v);

#endif
