/*
 * date.c: civil dates and Vietnam's time (rules in date.h).
 */
#include "date.h"

#include <stdio.h>

#include "util/banned.h"

bool date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_leap(y) ? 29 : days[m - 1];
}

bool date_valid(struct date d)
{
	return d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= date_month_days(d.y, d.m);
}

struct date date_clamp(struct date d)
{
	int n = date_month_days(d.y, d.m);

	if (d.d > n)
		d.d = n;
	return d;
}

/* Howard Hinnant's days_from_civil: the year is shifted to start in March,
 * so that the leap day is the last day of a shifted year, and counted in
 * 400-year eras of 146097 days. */
long long date_days(struct date d)
{
	long long y = (long long)d.y - (d.m <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* Its inverse, civil_from_days. */
struct date date_from_days(long long z)
{
	struct date r;
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

long long date_diff(struct date a, struct date b)
{
	return date_days(b) - date_days(a);
}

int date_cmp(struct date a, struct date b)
{
	int x = date_ymd(a), y = date_ymd(b);

	return (x > y) - (x < y);
}

int date_ymd(struct date d)
{
	return d.y * 10000 + d.m * 100 + d.d;
}

struct date date_from_ymd(int ymd)
{
	struct date d = {ymd / 10000, ymd / 100 % 100, ymd % 100};

	return d;
}

/* n digits at s into *out. */
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

bool date_parse_iso(const char *s, size_t len, struct date *out)
{
	struct date d;

	if (!s || len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &d.y) ||
	    !digits(s + 5, 2, &d.m) || !digits(s + 8, 2, &d.d))
		return false;
	if (d.y < DATE_MIN_YEAR || d.y > DATE_MAX_YEAR || !date_valid(d))
		return false;
	*out = d;
	return true;
}

/* One or two digits at s[*i..len) into *v. */
static bool small_number(const char *s, size_t len, size_t *i, int *v)
{
	size_t n = 0;

	while (*i + n < len && n < 3 && s[*i + n] >= '0' && s[*i + n] <= '9')
		n++;
	if (n < 1 || n > 2)
		return false;
	digits(s + *i, n, v);
	*i += n;
	return true;
}

bool date_parse_dmy(const char *s, size_t len, struct date *out)
{
	struct date d = {0, 0, 0};
	size_t i = 0;
	char sep;

	if (!s || !small_number(s, len, &i, &d.d) || i >= len)
		return false;
	sep = s[i++];
	if (sep != '/' && sep != '-' && sep != '.')
		return false;
	if (!small_number(s, len, &i, &d.m))
		return false;
	if (i < len) {
		if (s[i] != sep || len - i - 1 != 4 || !digits(s + i + 1, 4, &d.y) ||
		    d.y < DATE_MIN_YEAR || d.y > DATE_MAX_YEAR)
			return false;
		if (!date_valid(d))
			return false;
	} else {
		/* a day that comes back every year: 29/02 is one (leap years) */
		struct date leap = {2000, d.m, d.d};

		if (!date_valid(leap))
			return false;
	}
	*out = d;
	return true;
}

/* v (taken modulo 10^n, a negative as 0) as n digits at out. */
static void put_digits(char *out, int v, int n)
{
	if (v < 0)
		v = 0;
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void date_format_iso(struct date d, char out[DATE_TEXT_LEN])
{
	put_digits(out, d.y, 4);
	out[4] = '-';
	put_digits(out + 5, d.m, 2);
	out[7] = '-';
	put_digits(out + 8, d.d, 2);
	out[10] = '\0';
}

void date_format_dmy(struct date d, char out[DATE_TEXT_LEN])
{
	put_digits(out, d.d, 2);
	out[2] = '/';
	put_digits(out + 3, d.m, 2);
	/* a day of every year, as date_parse_dmy() reads "30/11" */
	if (d.y == 0) {
		out[5] = '\0';
		return;
	}
	out[5] = '/';
	put_digits(out + 6, d.y, 4);
	out[10] = '\0';
}

/* Floor division: the day of a moment before 1970 is the one before. */
static long long floor_div(long long a, long long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

struct date vn_date(long long t)
{
	return date_from_days(floor_div(t + VN_UTC_OFFSET, 86400));
}

long long vn_day_start(struct date d)
{
	return date_days(d) * 86400 - VN_UTC_OFFSET;
}

long long vn_day_end(struct date d)
{
	return vn_day_start(d) + 86400;
}

void vn_format_time(long long t, char *out, size_t n)
{
	long long local = t + VN_UTC_OFFSET;
	long long secs = local - floor_div(local, 86400) * 86400;
	struct date d = vn_date(t);

	snprintf(out, n, "%02d:%02d %02d/%02d/%04d", (int)(secs / 3600), (int)(secs / 60 % 60), d.d,
		 d.m, d.y);
}

struct date period_first_day(period_t p)
{
	struct date d = {period_year(p), 1, 1};

	switch (period_kind(p)) {
	case PERIOD_YEAR:
		break;
	case PERIOD_QUARTER:
		d.m = (period_index(p) - 1) * 3 + 1;
		break;
	case PERIOD_MONTH:
		d.m = period_index(p);
		break;
	}
	return d;
}

struct date period_last_day(period_t p)
{
	struct date d = {period_year(p), 12, 31};

	switch (period_kind(p)) {
	case PERIOD_YEAR:
		break;
	case PERIOD_QUARTER:
		d.m = period_index(p) * 3;
		break;
	case PERIOD_MONTH:
		d.m = period_index(p);
		break;
	}
	return date_clamp(d);
}
