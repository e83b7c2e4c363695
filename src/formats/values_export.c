/*
 * values_export.c: choosing an exchange format, the CSV and SDMX-CSV
 * writers, and what the readers and writers share.
 *
 * SDMX-CSV (SDMX-CSV format 1.0, for SDMX 2.1 data), one observation a
 * line ended by CRLF as in the specification's examples, written for
 * statistics offices; gemis does not read it back.  Its structure
 * (dataflow, DSD, codelists) is written by values_sdmx.c:
 *
 *	DATAFLOW,FREQ,REF_AREA,INDICATOR,VALUE_PART,SEX,TIME_PERIOD,OBS_VALUE
 *	GEMIS:DF_GENDER_EQUALITY(1.0),A,03390,female_wage_workers,NUM,_T,2026,412
 *	GEMIS:DF_GENDER_EQUALITY(1.0),Q,03390,news_items_per_quarter,VALUE,_T,2026-Q3,4
 *
 * DATAFLOW  agency:id(version) of the dataflow, always the one above;
 * FREQ      A (annual), Q (quarterly), M (monthly), from the period;
 * REF_AREA  the unit's official code (mapped with a code map's `unit`);
 * INDICATOR the indicator's id (`gemis indicators`);
 * VALUE_PART NUM (numerator), DEN (denominator) or VALUE (a single value);
 * SEX       F, M or _T (total), the codes of SDMX's CL_SEX;
 * TIME_PERIOD 2026, 2026-Q3 or 2026-07 (SDMX's ISO 8601 forms);
 * OBS_VALUE the reported number, with a point as decimal mark.
 * The values are the reported parts, not computed indicators, so that a
 * statistics office can aggregate them the way gemis does.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "util/i18n.h"

#include "util/banned.h"

int xfmt_parse(const char *name)
{
	static const char *const names[] = {"csv", "adx", "dhis2", "sdmx", "xlsx", "sdmx-structure"};
	size_t i;

	for (i = 0; name && i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	}
	return -1;
}

const char *xfmt_name(enum xfmt f)
{
	switch (f) {
	case XF_CSV: return "csv";
	case XF_ADX: return "adx";
	case XF_DHIS2: return "dhis2";
	case XF_SDMX: return "sdmx";
	case XF_XLSX: return "xlsx";
	case XF_SDMX_STRUCTURE: return "sdmx-structure";
	}
	return "?";
}

bool xfmt_readable(enum xfmt f)
{
	return f != XF_SDMX && f != XF_SDMX_STRUCTURE;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix), i;

	if (n < m)
		return false;
	for (i = 0; i < m; i++) {
		char c = s[n - m + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return false;
	}
	return true;
}

int xfmt_from_path(const char *path)
{
	if (ends_with(path, ".csv"))
		return XF_CSV;
	if (ends_with(path, ".xml") || ends_with(path, ".adx"))
		return XF_ADX;
	if (ends_with(path, ".json"))
		return XF_DHIS2;
	if (ends_with(path, ".xlsx"))
		return XF_XLSX;
	return -1;
}

void element_code(int ind, int part, char *out, size_t n)
{
	snprintf(out, n, "%s.%s", catalog[ind].id, part_id(&catalog[ind], part));
}

bool element_split(const char *code, char *ind, size_t nind, char *part, size_t npart)
{
	const char *dot = strrchr(code, '.');

	if (!dot || dot == code) {
		snprintf(ind, nind, "%s", code);
		snprintf(part, npart, "%s", "");
		return false;
	}
	snprintf(ind, nind, "%.*s", (int)(dot - code), code);
	snprintf(part, npart, "%s", dot + 1);
	return true;
}

static int cmp_rows(const void *a, const void *b)
{
	const struct value_row *x = a, *y = b;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	if (x->ind != y->ind)
		return x->ind < y->ind ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	if (x->sex != y->sex)
		return x->sex < y->sex ? -1 : 1;
	return 0;
}

void values_sort(const struct tree *t, struct value_row *rows, size_t n)
{
	(void)t;
	qsort(rows, n, sizeof(*rows), cmp_rows);
}

void diags_rename(struct diags *d, size_t from, const char *const *pairs, size_t index)
{
	size_t k, j;

	for (k = from; k < d->n; k++) {
		char name[sizeof(d->d[k].field)];

		snprintf(name, sizeof(name), "%s", d->d[k].field);
		for (j = 0; pairs && pairs[j]; j += 2) {
			if (strcmp(name, pairs[j]) == 0) {
				snprintf(name, sizeof(name), "%s", pairs[j + 1]);
				break;
			}
		}
		if (index != (size_t)-1) {
			struct buf b;

			buf_init(&b, 256);
			buf_printf(&b, "[%zu]%s%s", index, *name ? "." : "", name);
			if (b.len >= sizeof(d->d[k].field))
				buf_truncate(&b, sizeof(d->d[k].field) - 1);
			memcpy(d->d[k].field, buf_str(&b), b.len + 1);
			buf_release(&b);
			d->d[k].line = 0;
		} else {
			snprintf(d->d[k].field, sizeof(d->d[k].field), "%s", name);
		}
	}
}

enum gemis_err put_plain_number(struct buf *b, double v)
{
	char tmp[64];
	int prec;
	size_t len;

	if (!isfinite(v))
		return buf_puts(b, "0");
	if (v == floor(v) && fabs(v) < 1e15)
		return buf_printf(b, "%lld", (long long)v);
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*f", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	len = strlen(tmp);
	while (len > 1 && tmp[len - 1] == '0' && strchr(tmp, '.'))
		tmp[--len] = '\0';
	if (len > 1 && tmp[len - 1] == '.')
		tmp[--len] = '\0';
	return buf_puts(b, tmp);
}

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

enum gemis_err values_write_sdmx(const struct tree *t, const struct value_row *rows, size_t n,
				 const struct export_opts *o, struct buf *b)
{
	size_t i;

	buf_puts(b, "DATAFLOW,FREQ,REF_AREA,INDICATOR,VALUE_PART,SEX,TIME_PERIOD,OBS_VALUE\r\n");
	for (i = 0; i < n && !buf_error(b); i++) {
		const struct value_row *r = &rows[i];
		const char *part = catalog[r->ind].kind == IND_VALUE ? "VALUE" : r->part == PART_NUM ? "NUM" : "DEN";
		const char *sex = r->sex == SEX_F ? "F" : r->sex == SEX_M ? "M" : "_T";
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
		buf_printf(b, "GEMIS:DF_GENDER_EQUALITY(1.0),%c,", freq);
		csv_field_out(b, codemap_out(o ? o->map : NULL, CODE_UNIT, t->units[r->unit].code));
		buf_printf(b, ",%s,%s,%s,%s,", catalog[r->ind].id, part, sex, per);
		put_plain_number(b, r->value);
		buf_puts(b, "\r\n");
	}
	return buf_error(b);
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
