/*
 * xlsx.h: a reader of the cells of an XLSX workbook (Office Open XML
 * SpreadsheetML, ECMA-376), on libzip and expat.
 *
 * What it reads: xl/workbook.xml (the sheets, their names, order and
 * visibility), xl/_rels/workbook.xml.rels (which part holds each sheet),
 * xl/sharedStrings.xml (the strings cells refer to, rich-text runs joined,
 * phonetic runs left out) and each worksheet's <sheetData>: every cell's
 * value as text, whatever its type: a shared string (t="s"), an inline
 * string (t="inlineStr"), a formula's cached string (t="str"), a boolean
 * (t="b": "1" or "0"), an error (t="e": "#N/A") or a number as Excel
 * stored it ("412", "26.748622297", "1.5E-3").  Formulas are not computed:
 * their cached value is read.  Styles, dates and merged cells are ignored.
 *
 * Limits against hostile files: 64 MiB uncompressed per part and 256 MiB
 * in all (zip bombs), 1,048,576 rows, 16,384 columns and 2,000,000 cells,
 * XML nested at most 64 deep; DOCTYPEs declaring entities are refused
 * (xml.h).
 */
#ifndef GEMIS_XLSX_H
#define GEMIS_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"

struct xlsx_cell {
	uint32_t row, col;  /* from 1: A1 is row 1, column 1 */
	const char *text;   /* never NULL */
	bool number;        /* a numeric cell (no t attribute, or t="n") */
};

struct xlsx_sheet {
	const char *name;
	bool hidden;
	struct xlsx_cell *cells; /* in document order: by row, then column */
	size_t ncells;
};

struct xlsx_book {
	struct arena mem;        /* every string and array */
	struct xlsx_sheet *sheets;
	size_t nsheets;
};

/* Reads the workbook in data[0..len).  GEMIS_EFORMAT with a message for
 * a file that is not a readable XLSX, GEMIS_ELIMIT past a limit.  Release
 * with xlsx_release() in every case. */
enum gemis_err xlsx_read(const void *data, size_t len, struct xlsx_book *b, struct errctx *e);
void xlsx_release(struct xlsx_book *b);

/* "AB12" -> column letters for a column number (1 -> "A"); out >= 4 bytes. */
void xlsx_col_name(uint32_t col, char *out, size_t n);

#endif
