/*
 * period.c: parsing and formatting of reporting periods.
 */
#include "period.h"

#include <stdio.h>

#include "util/banned.h"

static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool period_parse(const char *s, size_t len, period_t *out)
{
	int y, q;

	if (len < 4 || !digits(s, 4, &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
		return false;
	if (len == 4) {
		*out = period_year_code(y);
		return true;
	}
	if (len == 6 && s[4] == 'Q' && digits(s + 5, 1, &q) && q >= 1 && q <= 4) {
		*out = period_quarter(y, q);
		return true;
	}
	if (len == 7 && s[4] == '-' && digits(s + 5, 2, &q) && q >= 1 && q <= 12) {
		*out = period_month(y, q);
		return true;
	}
	return false;
}

period_t period_year_code(int year)
{
	return (period_t)year * 32u;
}

period_t period_quarter(int year, int q)
{
	return (period_t)year * 32u + (period_t)q;
}

period_t period_month(int year, int m)
{
	return (period_t)year * 32u + 8u + (period_t)(m - 1);
}

int period_year(period_t p)
{
	return (int)(p / 32u);
}

enum period_kind period_kind(period_t p)
{
	unsigned sub = p % 32u;

	if (sub == 0)
		return PERIOD_YEAR;
	if (sub <= 4)
		return PERIOD_QUARTER;
	return PERIOD_MONTH;
}

int period_index(period_t p)
{
	unsigned sub = p % 32u;

	if (sub == 0)
		return 0;
	if (sub <= 4)
		return (int)sub;
	return (int)(sub - 8 + 1);
}

void period_format(period_t p, char *out, size_t outlen)
{
	switch (period_kind(p)) {
	case PERIOD_YEAR:
		snprintf(out, outlen, "%04d", period_year(p));
		break;
	case PERIOD_QUARTER:
		snprintf(out, outlen, "%04dQ%d", period_year(p), period_index(p));
		break;
	case PERIOD_MONTH:
		snprintf(out, outlen, "%04d-%02d", period_year(p), period_index(p));
		break;
	}
}
