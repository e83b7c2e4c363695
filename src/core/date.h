/*
 * date.h: civil dates and Vietnam's time.  Pure: no clock is read here,
 * callers pass the moment they mean (time(NULL), a request's time, a
 * test's fixed day).
 *
 * A struct date is a day of the proleptic Gregorian calendar.  Days are
 * counted from 1970-01-01 with Howard Hinnant's days_from_civil and
 * civil_from_days ("chrono-compatible low-level date algorithms"), exact
 * for every year an int holds.
 *
 * Written forms:
 *   YYYY-MM-DD   ISO 8601: command-line options, JSON, the case register,
 *                $GEMIS_TODAY.  The one parser is date_parse_iso().
 *   dd/mm/yyyy   how Vietnamese documents write a day ("30/11/2026", also
 *                "1/12/2026", "30-11-2026", "30.11.2026"); without the year
 *                ("30/11") a day that comes back every year.
 *                date_parse_dmy() reads both.
 *
 * Vietnam keeps UTC+7 all year (no daylight saving since 1975):
 * VN_UTC_OFFSET is the one place the offset is written.  A Unix time
 * belongs to the day vn_date() gives; a deadline "before 30/11" ends at
 * vn_day_end() of 30/11, i.e. 17:00 UTC that day.
 */
#ifndef GEMIS_DATE_H
#define GEMIS_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "period.h"

struct date {
	int y, m, d; /* 2026, 1..12, 1..31 */
};

/* Years date_parse_iso() and date_parse_dmy() accept. */
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2099

/* Vietnam's offset from UTC in seconds (Indochina Time, no daylight saving). */
#define VN_UTC_OFFSET (7 * 3600)

/* Length of "YYYY-MM-DD" and of "dd/mm/yyyy" with the NUL. */
#define DATE_TEXT_LEN 11

bool date_leap(int y);
/* Days in month m (1..12) of year y. */
int date_month_days(int y, int m);
/* True when d names a day of the calendar (30/02 does not). */
bool date_valid(struct date d);
/* The day with its day of month cut to the month's length (31/11 -> 30/11);
 * m must be 1..12, d at least 1. */
struct date date_clamp(struct date d);

/* Days since 1970-01-01 (negative before it); d must be valid. */
long long date_days(struct date d);
struct date date_from_days(long long days);
/* b - a in days. */
long long date_diff(struct date a, struct date b);
/* <0, 0, >0 as a is before, on or after b. */
int date_cmp(struct date a, struct date b);
/* 20261130 and back: the compact form pages pass around. */
int date_ymd(struct date d);
struct date date_from_ymd(int ymd);

/* Reads exactly "YYYY-MM-DD" from s[0..len): a real day of a year in
 * DATE_MIN_YEAR..DATE_MAX_YEAR.  False otherwise (out untouched). */
bool date_parse_iso(const char *s, size_t len, struct date *out);
/* Reads "dd/mm/yyyy" or "dd/mm" from s[0..len) (one or two digits for the
 * day and the month; '/', '-' or '.' between them, the same one twice).
 * Without a year, out->y is 0 and the day must exist in some year (29/02
 * does, 31/04 does not).  False when it is no such day. */
bool date_parse_dmy(const char *s, size_t len, struct date *out);
/* "2026-11-30" into out (DATE_TEXT_LEN bytes). */
void date_format_iso(struct date d, char out[DATE_TEXT_LEN]);
/* "30/11/2026" into out (DATE_TEXT_LEN bytes); "30/11" for a day of every
 * year (y 0), as date_parse_dmy() reads it. */
void date_format_dmy(struct date d, char out[DATE_TEXT_LEN]);

/* The day in Vietnam at Unix time t. */
struct date vn_date(long long t);
/* Unix time of 00:00 in Vietnam on day d, and of 00:00 the day after (the
 * first second past the day: "before the deadline" means t < vn_day_end). */
long long vn_day_start(struct date d);
long long vn_day_end(struct date d);
/* "HH:MM dd/mm/yyyy" in Vietnam's time, as pages and messages show a moment. */
void vn_format_time(long long t, char *out, size_t n);

/* The first and the last day of a reporting period (a year, a quarter or a
 * month; period.h). */
struct date period_first_day(period_t p);
struct date period_last_day(period_t p);

#endif
