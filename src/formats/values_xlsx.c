/*
 * values_xlsx.c: reported values from an XLSX workbook, such as the agency
 * form that `gemis template` writes (values_template.h) once filled in.
 *
 * A sheet is read when one of its first 200 rows holds the six column names
 * of the CSV layout (values_csv.h): unit, period, indicator, part, sex and
 * value, in any columns and in any order (the agency form has them in a
 * hidden row above its data).  Every later row of that sheet is a value:
 * rows whose value cell is empty are skipped (a form not filled in
 * entirely), the others go through the CSV importer's field checks.
 * Numbers typed as numbers or as text ("1,7") are both read; a unit code
 * the spreadsheet turned into a number (3390 for 03390) gets a hint.
 * Problems name the row as the line and the cell as the field ("F12"),
 * with the sheet's name when several sheets hold values.  Every sheet with
 * the header is read; a workbook without one is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "util/i18n.h"
#include "util/text.h"
#include "xlsx.h"

#include "util/banned.h"

#define HEADER_ROWS 200

static const char *const columns[6] = {"unit", "period", "indicator", "part", "sex", "value"};

/* The column of each of the six names in the header row of sheet s, and
 * that row; false when the sheet has no such row. */
static bool find_header(const struct xlsx_sheet *s, uint32_t col[6], uint32_t *hrow)
{
	size_t i = 0;

	while (i < s->ncells && s->cells[i].row <= HEADER_ROWS) {
		uint32_t row = s->cells[i].row, found[6] = {0};
		int k, nfound = 0;

		for (; i < s->ncells && s->cells[i].row == row; i++) {
			char name[32];

			snprintf(name, sizeof(name), "%s", s->cells[i].text);
			text_trim(name);
			for (k = 0; k < 6; k++) {
				if (!found[k] && strcmp(name, columns[k]) == 0) {
					found[k] = s->cells[i].col;
					nfound++;
				}
			}
		}
		if (nfound == 6) {
			memcpy(col, found, sizeof(found));
			*hrow = row;
			return true;
		}
	}
	return false;
}

/* The text of a cell for the importer: numbers without exponent.  False
 * when it does not fit out (it is never cut: "03394" and 200 spaces and
 * "x" cut and trimmed would read as 03394). */
static bool cell_text(const struct xlsx_cell *c, char *out, size_t n)
{
	if (c->number && strpbrk(c->text, "eE")) {
		struct buf b;
		char *end;
		double v = strtod(c->text, &end);

		buf_init(&b, 128);
		if (!*end && put_plain_number(&b, v) == GEMIS_OK) {
			bool fits = b.len < n;

			snprintf(out, n, "%s", buf_str(&b));
			buf_release(&b);
			return fits;
		}
		buf_release(&b);
	}
	snprintf(out, n, "%s", c->text);
	text_trim(out);
	return strlen(c->text) < n;
}

/* Points the problems d->d[from..] at the cell of their field in `row`. */
static void cells_of(struct diags *d, size_t from, const uint32_t col[6], uint32_t row,
		     const char *sheet, bool name_sheet)
{
	size_t k;
	int c;

	for (k = from; k < d->n; k++) {
		char ref[16], field[sizeof(d->d[k].field)];
		struct buf b;

		snprintf(field, sizeof(field), "%s", d->d[k].field);
		for (c = 0; c < 6; c++) {
			if (strcmp(field, columns[c]) == 0)
				break;
		}
		if (c == 6)
			continue;
		xlsx_col_name(col[c], ref, sizeof(ref));
		buf_init(&b, 256);
		if (name_sheet)
			buf_printf(&b, "%s!%s%u", sheet, ref, row);
		else
			buf_printf(&b, "%s%u %s", ref, row, field);
		/* cut at a character boundary */
		if (b.len >= sizeof(d->d[k].field)) {
			size_t cut = sizeof(d->d[k].field) - 1;

			while (cut > 0 && ((unsigned char)b.p[cut] & 0xC0) == 0x80)
				cut--;
			buf_truncate(&b, cut);
		}
		memcpy(d->d[k].field, buf_str(&b), b.len + 1);
		buf_release(&b);
	}
}

enum gemis_err values_xlsx_parse(const char *data, size_t len, const struct tree *t,
				 struct value_rows *rows, struct diags *d, struct errctx *e)
{
	struct xlsx_book b;
	enum gemis_err err;
	size_t si, nsheets = 0;
	uint32_t cols[64][6], hrows[64];
	bool has[64] = {false};

	err = xlsx_read(data, len, &b, e);
	if (err) {
		xlsx_release(&b);
		return err;
	}
	for (si = 0; si < b.nsheets && si < 64; si++) {
		has[si] = find_header(&b.sheets[si], cols[si], &hrows[si]);
		nsheets += has[si];
	}
	if (!nsheets) {
		xlsx_release(&b);
		return err_set(e, GEMIS_EFORMAT, "%s",
			       _("no sheet has the columns unit, period, indicator, part, sex and value "
				 "(fill in a form from `gemis template`, or lay the CSV's columns out in a sheet)"));
	}
	for (si = 0; si < b.nsheets && si < 64 && !err; si++) {
		const struct xlsx_sheet *s = &b.sheets[si];
		size_t i = 0;

		if (!has[si])
			continue;
		while (i < s->ncells && !err) {
			uint32_t row = s->cells[i].row;
			char f[6][128];
			bool any = false, fits[6] = {true, true, true, true, true, true};
			int k;

			memset(f, 0, sizeof(f));
			for (; i < s->ncells && s->cells[i].row == row; i++) {
				for (k = 0; k < 6; k++) {
					if (s->cells[i].col == cols[si][k])
						fits[k] = cell_text(&s->cells[i], f[k], sizeof(f[k]));
				}
			}
			if (row <= hrows[si])
				continue;
			for (k = 0; k < 6; k++)
				any |= f[k][0] != '\0';
			/* an empty row, or a line of the form left empty */
			if (!any || !f[5][0])
				continue;
			{
				struct value_row r;
				size_t before = d->n;
				bool whole = true;

				for (k = 0; k < 6; k++) {
					if (!fits[k]) {
						diags_add(d, (long)row, columns[k], _("the cell is too long for this field"));
						whole = false;
					}
				}
				if (whole && values_parse_fields(t, f[0], f[1], f[2], f[3], f[4], f[5], (long)row, &r, d))
					err = value_rows_push(rows, &r);
				cells_of(d, before, cols[si], row, s->name, nsheets > 1);
			}
		}
	}
	xlsx_release(&b);
	return err;
}
