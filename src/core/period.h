/*
 * period.h: reporting periods.
 *
 * Written forms: a year "2026", a quarter "2026Q3", a month "2026-07".
 * Internally a period is a small integer code, ordered by time within a
 * year kind: code = year * 32 + sub, where sub is 0 for the year, 1..4 for
 * quarters and 8..19 for months (8 + month - 1).  Codes fit in 16 bits for
 * years up to 2047, and are what the engine and the store index by.
 */
#ifndef GEMIS_PERIOD_H
#define GEMIS_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

enum period_kind {
	PERIOD_YEAR,
	PERIOD_QUARTER,
	PERIOD_MONTH,
};

#define PERIOD_MIN_YEAR 1990
#define PERIOD_MAX_YEAR 2047

typedef unsigned period_t;

/* Parses s[0..len); false when it is not a period of the forms above or the
 * year is outside PERIOD_MIN_YEAR..PERIOD_MAX_YEAR. */
bool period_parse(const char *s, size_t len, period_t *out);
/* Writes the canonical form into out (at least 8 bytes). */
void period_format(period_t p, char *out, size_t outlen);

period_t period_year_code(int year);
int period_year(period_t p);
enum period_kind period_kind(period_t p);
/* Quarter 1..4 for PERIOD_QUARTER, month 1..12 for PERIOD_MONTH, 0 for a year. */
int period_index(period_t p);
period_t period_quarter(int year, int q);
period_t period_month(int year, int m);

#endif
