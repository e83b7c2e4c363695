/*
 * exchange.c: what the exchange formats share (exchange.h): the formats'
 * names, data element codes, the order of rows, the renaming of problems'
 * fields and plain numbers.  values_export.c chooses the format; the
 * readers and writers of each call here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"

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

int sdmx_unit_mult(int ind)
{
	double f = catalog[ind].factor;
	int k = 0;

	if (catalog[ind].kind != IND_RATIO)
		return 0;
	for (; f >= 10; f /= 10)
		k--;
	return k;
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
	char tmp[400]; /* DBL_MAX has 309 digits: never cut */
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
