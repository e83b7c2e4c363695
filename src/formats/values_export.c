/*
 * values_export.c: choosing an exchange format's reader or writer, and the
 * CSV and SDMX-CSV writers.  What the readers and writers share is in
 * exchange.c, apart, so that the formats this file calls do not call it
 * back.
 *
 * SDMX-CSV (SDMX-CSV format 1.0, for SDMX 2.1 data), one observation a
 * line ended by CRLF as in the specification's examples, written for
 * statistics offices; gemis does not read it back.  Its structure
 * (dataflow, DSD, codelists) is written by values_sdmx.c:
 *
 *	DATAFLOW,FREQ,REF_AREA,INDICATOR,VALUE_PART,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MULT,OBS_STATUS,CONF_STATUS
 *	GEMIS:DF_GENDER_EQUALITY(1.0),A,03390,female_wage_workers,NUM,_T,2026,412,0,A,F
 *	GEMIS:DF_GENDER_EQUALITY(1.0),Q,03390,news_items_per_quarter,VALUE,_T,2026-Q3,4,0,A,F
 *	GEMIS:DF_GENDER_EQUALITY(1.0),A,03390,female_wage_workers,IND,_T,2026,41.2,-2,A,F
 *	GEMIS:DF_GENDER_EQUALITY(1.0),A,12,dv_victims_supported,IND,_T,2026,,-2,O,C
 *
 * DATAFLOW  agency:id(version) of the dataflow, always the one above;
 * FREQ      A (annual), Q (quarterly), M (monthly), from the period;
 * REF_AREA  the unit's official code (mapped with a code map's `unit`);
 * INDICATOR the indicator's id (`gemis indicators`);
 * VALUE_PART NUM (numerator), DEN (denominator) or VALUE (a single value)
 *           for the reported parts; IND for the indicator's value as gemis
 *           computes it (after roll-up, as the pages show it);
 * SEX       F, M or _T (total), the codes of SDMX's CL_SEX;
 * TIME_PERIOD 2026, 2026-Q3 or 2026-07 (SDMX's ISO 8601 forms);
 * OBS_VALUE the reported number, or the computed value rounded to 4
 *           decimals, with a point as decimal mark; empty when withheld;
 * UNIT_MULT the power of ten that turns OBS_VALUE into the plain figure
 *           (sdmx_unit_mult(): -2 for a percentage, 0 for the parts);
 * OBS_STATUS A (normal value) or O (missing value: withheld), codes of
 *           SDMX's CL_OBS_STATUS; gemis neither estimates nor imputes;
 * CONF_STATUS F (free) or C (confidential: a small count of the case
 *           register, or one that would reveal it), SDMX's CL_CONF_STATUS.
 * The reported parts come first (a statistics office can aggregate them the
 * way gemis does), then the computed values (export_opts.obs, years only).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "util/i18n.h"

#include "util/banned.h"

enum gemis_err values_write_csv(const struct tree *t, const struct value_row *rows, size_t n,
				struct buf *b)
{
	buf_puts(b, "unit,period,indicator,part,sex,value\n");
	size_t i;

	for (i = 0; i < n && !buf_error(b); i++) {
		const struct value_row *r = &rows[i];
		char per[16];

		period_format(r->period, per, sizeof(per));
		buf_printf(b, "%s,%s,%s,%s,%s,", t->units[r->unit].code, per, catalog[r->ind].id,
			   part_id(&catalog[r->ind], r->part), sex_id((enum sex)r->sex));
		put_plain_number(b, r->value);
		buf_putc(b, '\n');
	}
	return buf_error(b);
}

/* A CSV field: quoted when it holds a comma, quote or line break. */
static enum gemis_err csv_field_out(struct buf *b, const char *s)
{

	if (!strpbrk(s, ",\"\r\n"))
		return buf_puts(b, s);
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
	return buf_error(b);
}

#define SDMX_HEAD "DATAFLOW,FREQ,REF_AREA,INDICATOR,VALUE_PART,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MULT,OBS_STATUS,CONF_STATUS\r\n"

static const char *sdmx_sex(int sex)
{
	return sex == SEX_F ? "F" : sex == SEX_M ? "M" : "_T";
}

/* DATAFLOW,FREQ,REF_AREA, */
static void sdmx_lead(struct buf *b, const struct tree *t, int unit, char freq, const struct export_opts *o)
{
	buf_printf(b, "GEMIS:DF_GENDER_EQUALITY(1.0),%c,", freq);
	csv_field_out(b, codemap_out(o ? o->map : NULL, CODE_UNIT, t->units[unit].code));
}

/* The computed values, after the parts. */
static enum gemis_err sdmx_computed(const struct tree *t, const struct export_opts *o, struct buf *b)
{
	size_t i;

	for (i = 0; o && i < o->nobs && !buf_error(b); i++) {
		const struct indicator_obs *v = &o->obs[i];

		sdmx_lead(b, t, v->unit, 'A', o);
		buf_printf(b, ",%s,IND,%s,%04d,", catalog[v->ind].id, sdmx_sex(v->sex), v->year);
		if (!v->withheld)
			put_plain_number(b, round(v->value * 1e4) / 1e4);
		buf_printf(b, ",%d,%s\r\n", sdmx_unit_mult(v->ind), v->withheld ? "O,C" : "A,F");
	}
	return buf_error(b);
}

enum gemis_err values_write_sdmx(const struct tree *t, const struct value_row *rows, size_t n,
				 const struct export_opts *o, struct buf *b)
{
	size_t i;

	buf_puts(b, SDMX_HEAD);
	for (i = 0; i < n && !buf_error(b); i++) {
		const struct value_row *r = &rows[i];
		const char *part = catalog[r->ind].kind == IND_VALUE ? "VALUE" : r->part == PART_NUM ? "NUM" : "DEN";
		int y = period_year(r->period), k = period_index(r->period);
		char per[16], freq;

		switch (period_kind(r->period)) {
		case PERIOD_QUARTER:
			freq = 'Q';
			snprintf(per, sizeof(per), "%04d-Q%d", y, k);
			break;
		case PERIOD_MONTH:
			freq = 'M';
			snprintf(per, sizeof(per), "%04d-%02d", y, k);
			break;
		default:
			freq = 'A';
			snprintf(per, sizeof(per), "%04d", y);
			break;
		}
		sdmx_lead(b, t, r->unit, freq, o);
		buf_printf(b, ",%s,%s,%s,%s,", catalog[r->ind].id, part, sdmx_sex(r->sex), per);
		put_plain_number(b, r->value);
		buf_puts(b, ",0,A,F\r\n");
	}
	return sdmx_computed(t, o, b);
}

enum gemis_err values_write(enum xfmt f, const struct tree *t, const struct value_row *rows,
			    size_t n, const struct export_opts *o, struct buf *out)
{
	switch (f) {
	case XF_CSV: return values_write_csv(t, rows, n, out);
	case XF_SDMX: return values_write_sdmx(t, rows, n, o, out);
	case XF_ADX: return values_write_adx(t, rows, n, o, out);
	case XF_DHIS2: return values_write_dhis2(t, rows, n, o, out);
	case XF_SDMX_STRUCTURE: return values_write_sdmx_structure(t, o, out);
	case XF_XLSX: break;
	}
	return GEMIS_EINVAL;
}

enum gemis_err values_parse(enum xfmt f, const char *data, size_t len, const struct tree *t,
			    const struct codemap *map, struct value_rows *rows, struct diags *d,
			    struct errctx *e)
{
	switch (f) {
	case XF_CSV: return values_csv_parse(data, len, t, rows, d, e);
	case XF_ADX: return values_adx_parse(data, len, t, map, rows, d, e);
	case XF_DHIS2: return values_dhis2_parse(data, len, t, map, rows, d, e);
	case XF_XLSX: return values_xlsx_parse(data, len, t, rows, d, e);
	case XF_SDMX:
	case XF_SDMX_STRUCTURE: break;
	}
	return err_set(e, GEMIS_EINVAL, "%s", _("gemis writes SDMX-CSV but does not read it"));
}
