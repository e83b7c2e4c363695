/*
 * values_csv.c: the CSV values importer (layout in values_csv.h).
 */
#include "values_csv.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "encoding.h"
#include "util/i18n.h"
#include "util/number.h"
#include "util/text.h"

#include "util/banned.h"

void value_rows_release(struct value_rows *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

enum gemis_err value_rows_push(struct value_rows *r, const struct value_row *row)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 1024;
		struct value_row *nv = realloc(r->v, cap * sizeof(*nv));

		if (!nv)
			return GEMIS_ENOMEM;
		r->v = nv;
		r->cap = cap;
	}
	r->v[r->n++] = *row;
	return GEMIS_OK;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
	}
	return true;
}

static void unknown_unit(struct diags *d, long line, const char *unit)
{
	if (d->scoped)
		diags_add(d, line, "unit", _("you may not write values of %s"), unit);
	else
		diags_add(d, line, "unit", _("unknown unit code '%s'"), unit);
}

bool values_parse_fields(const struct tree *t, const char *unit, const char *period,
			 const char *indicator, const char *part, const char *sex,
			 const char *value, long line, struct value_row *row, struct diags *d)
{
	static const char *const names[6] = {"unit", "period", "indicator", "part", "sex", "value"};
	const char *const fields[6] = {unit, period, indicator, part, sex, value};
	size_t before = d->total;
	int u = tree_find(t, unit), ind = catalog_find(indicator), p = -1, s = sex_parse(sex), k;
	enum number_problem np;
	period_t per;
	double v;

	memset(row, 0, sizeof(*row));
	row->line = line;
	/* a control character is refused, never cut or matched around */
	for (k = 0; k < 6; k++) {
		long at = text_control_at(fields[k], strlen(fields[k]));

		if (at >= 0)
			diags_add(d, line, names[k], _("holds a control character (code %u at byte %ld): remove it"),
				  (unsigned)(unsigned char)fields[k][at], at + 1);
	}
	if (d->total != before)
		return false;
	if (u < 0) {
		if (all_digits(unit) && strlen(unit) < 5) {
			char padded[8];
			size_t n = strlen(unit);

			memset(padded, '0', 5 - n);
			memcpy(padded + 5 - n, unit, n + 1);
			if (tree_find(t, padded) >= 0) {
				diags_add(d, line, "unit",
					  _("unknown unit code '%s' (did you mean %s? spreadsheets drop "
					    "leading zeros: format the column as text)"),
					  unit, padded);
			} else {
				unknown_unit(d, line, unit);
			}
		} else {
			unknown_unit(d, line, unit);
		}
	}
	if (!period_parse(period, strlen(period), &per))
		diags_add(d, line, "period",
			  _("'%s' is not a period: write a year (2026), a quarter (2026Q3) or a month "
			    "(2026-07)"),
			  period);
	if (ind < 0) {
		diags_add(d, line, "indicator", _("unknown indicator '%s' (see `gemis indicators`)"),
			  indicator);
	} else {
		p = part_parse(&catalog[ind], part);
		if (p < 0) {
			if (catalog[ind].kind == IND_RATIO)
				diags_add(d, line, "part",
					  _("unknown part '%s': %s takes num (numerator) and den "
					    "(denominator)"),
					  part, indicator);
			else
				diags_add(d, line, "part", _("unknown part '%s': %s takes value"), part,
					  indicator);
		}
		if (s >= 0 && !indicator_takes_sex(&catalog[ind], (enum sex)s))
			diags_add(d, line, "sex",
				  _("%s is reported as a total only: sex must be T, not %s"), indicator,
				  sex);
	}
	if (s < 0)
		diags_add(d, line, "sex", _("'%s' is not a sex: write F, M or T"), sex);
	np = number_parse(value, strlen(value), &v);
	if (np != NUMBER_OK) {
		char msg[sizeof(d->d[0].msg)];

		number_problem_text(np, value, strlen(value), msg, sizeof(msg));
		diags_add(d, line, "value", "%s", msg);
	} else if (ind >= 0 && catalog[ind].kind == IND_RATIO && v != floor(v)) {
		/* in words, not the part's code: a form shows this beside its box */
		if (p == PART_DEN)
			diags_add(d, line, "value",
				  _("'%s' is not a whole number: a denominator counts people or things "
				    "(write 1234, not 1.234)"),
				  value);
		else
			diags_add(d, line, "value",
				  _("'%s' is not a whole number: a numerator counts people or things "
				    "(write 1234, not 1.234)"),
				  value);
	}
	if (d->total != before)
		return false;
	row->unit = u;
	row->period = per;
	row->ind = ind;
	row->part = p;
	row->sex = s;
	row->value = v;
	return true;
}

static const char *const columns[6] = {"unit", "period", "indicator", "part", "sex", "value"};

static enum gemis_err parse_utf8(const char *data, size_t len, const struct tree *t,
			       struct value_rows *rows, struct diags *d, struct errctx *e)
{
	struct csv c;
	int col[6], rc;
	size_t i, k;
	enum gemis_err err = GEMIS_OK;

	if (!text_valid_utf8(data, len))
		return err_set(e, GEMIS_EFORMAT, "%s", _("the file is not UTF-8 text"));
	csv_init(&c, data, len);
	rc = csv_next(&c, e);
	if (rc <= 0) {
		csv_release(&c);
		if (rc == 0)
			return err_set(e, GEMIS_EFORMAT, "%s", _("the file is empty"));
		return e && e->code == GEMIS_ENOMEM ? GEMIS_ENOMEM : GEMIS_EFORMAT;
	}
	for (k = 0; k < 6; k++)
		col[k] = -1;
	for (i = 0; i < c.nfields; i++) {
		char name[32];
		size_t flen;
		const char *f = csv_field(&c, i, &flen);

		snprintf(name, sizeof(name), "%s", f);
		text_trim(name);
		for (k = 0; k < 6; k++) {
			if (strcmp(name, columns[k]) == 0 && flen == strlen(f))
				break;
		}
		if (k == 6) {
			diags_add(d, 1, "header", _("unknown column '%s' (expected %s)"), name,
				  "unit,period,indicator,part,sex,value");
		} else if (col[k] >= 0) {
			diags_add(d, 1, "header", _("column '%s' appears twice"), name);
		} else {
			col[k] = (int)i;
		}
	}
	for (k = 0; k < 6; k++) {
		if (col[k] < 0)
			diags_add(d, 1, "header", _("missing column '%s' (expected %s)"), columns[k],
				  "unit,period,indicator,part,sex,value");
	}
	if (d->total > 0) {
		csv_release(&c);
		return GEMIS_OK;
	}
	for (;;) {
		struct value_row row;
		char *f[6];
		bool bad;

		rc = csv_next(&c, e);
		if (rc == 0)
			break;
		if (rc < 0) {
			/* out of memory is not a bad file */
			err = e && e->code == GEMIS_ENOMEM ? GEMIS_ENOMEM : GEMIS_EFORMAT;
			break;
		}
		if (csv_blank(&c))
			continue;
		if (c.nfields != 6) {
			diags_add(d, c.line, "", _("%zu fields where 6 are expected"), c.nfields);
			continue;
		}
		for (k = 0, bad = false; k < 6; k++) {
			size_t flen;
			const char *nul;

			f[k] = (char *)csv_field(&c, (size_t)col[k], &flen);
			/* a NUL would cut the field where C strings end */
			nul = memchr(f[k], '\0', flen);
			if (nul) {
				diags_add(d, c.line, columns[k],
					  _("holds a control character (code %u at byte %ld): remove it"), 0u,
					  (long)(nul - f[k]) + 1);
				bad = true;
			}
			text_trim(f[k]);
		}
		if (!bad && values_parse_fields(t, f[0], f[1], f[2], f[3], f[4], f[5], c.line, &row, d)) {
			err = value_rows_push(rows, &row);
			if (err)
				break;
		}
	}
	csv_release(&c);
	return err;
}

/* The bytes as they came: UTF-16 is read as UTF-8, other encodings are
 * refused with how to save the file (encoding.h). */
enum gemis_err values_csv_parse(const char *data, size_t len, const struct tree *t,
				struct value_rows *rows, struct diags *d, struct errctx *e)
{
	enum text_encoding enc;
	struct buf conv;
	enum gemis_err err;

	buf_init(&conv, len * 2 + 16);
	err = text_decode(data, len, &enc, &conv, e);
	if (!err)
		err = enc == TEXT_UTF8 ? parse_utf8(data, len, t, rows, d, e)
				       : parse_utf8(buf_str(&conv), conv.len, t, rows, d, e);
	buf_release(&conv);
	return err;
}
