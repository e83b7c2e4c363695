/*
 * test_date.c: civil dates, Vietnam's time and deadlines (core/date.h,
 * core/deadline.h): every rule, leap years, the time zone at midnight.
 */
#include <string.h>

#include "core/date.h"
#include "core/deadline.h"
#include "harness.h"

static struct date D(int y, int m, int d)
{
	struct date x = {y, m, d};

	return x;
}

static bool same(struct date a, struct date b)
{
	return a.y == b.y && a.m == b.m && a.d == b.d;
}

TEST(leap_years)
{
	CHECK(date_leap(2000));
	CHECK(date_leap(2024));
	CHECK(date_leap(2028));
	CHECK(!date_leap(1900));
	CHECK(!date_leap(2100));
	CHECK(!date_leap(2026));
	CHECK(date_month_days(2024, 2) == 29);
	CHECK(date_month_days(2026, 2) == 28);
	CHECK(date_month_days(1900, 2) == 28);
	CHECK(date_month_days(2000, 2) == 29);
	CHECK(date_month_days(2026, 1) == 31 && date_month_days(2026, 4) == 30 &&
	      date_month_days(2026, 11) == 30 && date_month_days(2026, 12) == 31);
	CHECK(date_month_days(2026, 0) == 0 && date_month_days(2026, 13) == 0);
	CHECK(date_valid(D(2024, 2, 29)));
	CHECK(!date_valid(D(2026, 2, 29)));
	CHECK(!date_valid(D(2026, 4, 31)));
	CHECK(!date_valid(D(2026, 0, 1)) && !date_valid(D(2026, 1, 0)));
	CHECK(same(date_clamp(D(2026, 11, 31)), D(2026, 11, 30)));
	CHECK(same(date_clamp(D(2026, 2, 30)), D(2026, 2, 28)));
	CHECK(same(date_clamp(D(2028, 2, 30)), D(2028, 2, 29)));
}

TEST(days_from_civil)
{
	long long n, prev;
	struct date d;
	int y, m, k;

	CHECK(date_days(D(1970, 1, 1)) == 0);
	CHECK(date_days(D(1969, 12, 31)) == -1);
	CHECK(date_days(D(2000, 3, 1)) == 11017);
	CHECK(date_days(D(2026, 11, 30)) == 20787);
	CHECK(date_days(D(1900, 1, 1)) == -25567);
	/* every day of 1900..2099 follows the one before and reads back */
	prev = date_days(D(1899, 12, 31));
	for (y = 1900; y <= 2099; y++) {
		for (m = 1; m <= 12; m++) {
			for (k = 1; k <= date_month_days(y, m); k++) {
				n = date_days(D(y, m, k));
				if (n != prev + 1) {
					CHECK(n == prev + 1);
					return;
				}
				d = date_from_days(n);
				if (!same(d, D(y, m, k))) {
					CHECK(same(d, D(y, m, k)));
					return;
				}
				prev = n;
			}
		}
	}
	CHECK(prev == date_days(D(2099, 12, 31)));
	CHECK(date_diff(D(2026, 11, 25), D(2026, 12, 1)) == 6);
	CHECK(date_diff(D(2024, 2, 28), D(2024, 3, 1)) == 2);
	CHECK(date_diff(D(2026, 2, 28), D(2026, 3, 1)) == 1);
	CHECK(date_cmp(D(2026, 1, 2), D(2026, 1, 1)) > 0);
	CHECK(date_cmp(D(2025, 12, 31), D(2026, 1, 1)) < 0);
	CHECK(date_cmp(D(2026, 1, 1), D(2026, 1, 1)) == 0);
	CHECK(date_ymd(D(2026, 11, 30)) == 20261130);
	CHECK(same(date_from_ymd(20261130), D(2026, 11, 30)));
}

TEST(parse_iso)
{
	struct date d = {1, 1, 1};
	char s[DATE_TEXT_LEN];

	CHECK(date_parse_iso("2026-11-30", 10, &d) && same(d, D(2026, 11, 30)));
	CHECK(date_parse_iso("2024-02-29", 10, &d) && same(d, D(2024, 2, 29)));
	CHECK(date_parse_iso("2000-02-29", 10, &d));
	d = D(1, 1, 1);
	CHECK(!date_parse_iso("2026-02-29", 10, &d));
	CHECK(!date_parse_iso("1900-02-29", 10, &d));
	CHECK(!date_parse_iso("2026-11-31", 10, &d));
	CHECK(!date_parse_iso("2026-13-01", 10, &d));
	CHECK(!date_parse_iso("2026-00-10", 10, &d));
	CHECK(!date_parse_iso("2026-01-00", 10, &d));
	CHECK(!date_parse_iso("2026-1-01", 9, &d));
	CHECK(!date_parse_iso("2026/11/30", 10, &d));
	CHECK(!date_parse_iso("2026-11-3x", 10, &d));
	CHECK(!date_parse_iso("2026-11-30T", 11, &d));
	CHECK(!date_parse_iso("2026-11-30", 9, &d));
	CHECK(!date_parse_iso("1899-12-31", 10, &d));
	CHECK(!date_parse_iso("2100-01-01", 10, &d));
	CHECK(!date_parse_iso(NULL, 10, &d));
	CHECK(same(d, D(1, 1, 1))); /* untouched on failure */
	CHECK(date_parse_iso("1900-01-01", 10, &d) && date_parse_iso("2099-12-31", 10, &d));
	date_format_iso(D(2026, 1, 5), s);
	CHECK_STR(s, "2026-01-05");
	date_format_dmy(D(2026, 1, 5), s);
	CHECK_STR(s, "05/01/2026");
	/* a day of every year reads back as itself (it was "05/06/0000",
	 * which nothing reads: found by fuzz_fields) */
	CHECK(date_parse_dmy("5/6", 3, &d));
	date_format_dmy(d, s);
	CHECK_STR(s, "05/06");
	CHECK(date_parse_dmy(s, strlen(s), &d) && same(d, D(0, 6, 5)));
}

TEST(parse_dmy)
{
	struct date d;

	CHECK(date_parse_dmy("30/11/2026", 10, &d) && same(d, D(2026, 11, 30)));
	CHECK(date_parse_dmy("1/12/2026", 9, &d) && same(d, D(2026, 12, 1)));
	CHECK(date_parse_dmy("01/12/2026", 10, &d) && same(d, D(2026, 12, 1)));
	CHECK(date_parse_dmy("30-11-2026", 10, &d) && same(d, D(2026, 11, 30)));
	CHECK(date_parse_dmy("30.11.2026", 10, &d) && same(d, D(2026, 11, 30)));
	CHECK(date_parse_dmy("30/11", 5, &d) && same(d, D(0, 11, 30)));
	CHECK(date_parse_dmy("5/6", 3, &d) && same(d, D(0, 6, 5)));
	CHECK(date_parse_dmy("29/02", 5, &d) && same(d, D(0, 2, 29)));
	CHECK(date_parse_dmy("29/02/2028", 10, &d));
	CHECK(!date_parse_dmy("29/02/2026", 10, &d));
	CHECK(!date_parse_dmy("31/04", 5, &d));
	CHECK(!date_parse_dmy("30/11-2026", 10, &d));
	CHECK(!date_parse_dmy("30/11/26", 8, &d));
	CHECK(!date_parse_dmy("123/1", 5, &d));
	CHECK(!date_parse_dmy("30/13", 5, &d));
	CHECK(!date_parse_dmy("0/11", 4, &d));
	CHECK(!date_parse_dmy("30 11", 5, &d));
	CHECK(!date_parse_dmy("30/", 3, &d));
	/* the length bounds the parse: "30/11" out of "30/11/2026" */
	CHECK(date_parse_dmy("30/11/2026", 5, &d) && same(d, D(0, 11, 30)));
}

TEST(vietnam_time_at_midnight)
{
	/* 00:00 on 30/11/2026 in Vietnam is 17:00 UTC on 29/11 */
	long long midnight = date_days(D(2026, 11, 29)) * 86400 + 17 * 3600;
	char s[32];

	CHECK(vn_day_start(D(2026, 11, 30)) == midnight);
	CHECK(vn_day_end(D(2026, 11, 29)) == midnight);
	CHECK(same(vn_date(midnight), D(2026, 11, 30)));
	CHECK(same(vn_date(midnight - 1), D(2026, 11, 29)));
	CHECK(same(vn_date(midnight + 86399), D(2026, 11, 30)));
	CHECK(same(vn_date(midnight + 86400), D(2026, 12, 1)));
	vn_format_time(midnight, s, sizeof(s));
	CHECK_STR(s, "00:00 30/11/2026");
	vn_format_time(midnight - 60, s, sizeof(s));
	CHECK_STR(s, "23:59 29/11/2026");
	/* New Year in Vietnam comes at 17:00 UTC on 31 December */
	midnight = date_days(D(2025, 12, 31)) * 86400 + 17 * 3600;
	CHECK(same(vn_date(midnight), D(2026, 1, 1)));
	CHECK(same(vn_date(midnight - 1), D(2025, 12, 31)));
	/* 29 February in a leap year */
	CHECK(same(vn_date(vn_day_start(D(2028, 2, 29)) + 43200), D(2028, 2, 29)));
	CHECK(same(vn_date(vn_day_end(D(2028, 2, 29))), D(2028, 3, 1)));
	/* before 1970 the day is still the floor */
	CHECK(same(vn_date(0), D(1970, 1, 1)));
	CHECK(same(vn_date(-VN_UTC_OFFSET - 1), D(1969, 12, 31)));
	vn_format_time(-VN_UTC_OFFSET - 60, s, sizeof(s));
	CHECK_STR(s, "23:59 31/12/1969");
	CHECK(VN_UTC_OFFSET == 25200);
}

TEST(period_days)
{
	CHECK(same(period_first_day(period_year_code(2026)), D(2026, 1, 1)));
	CHECK(same(period_last_day(period_year_code(2026)), D(2026, 12, 31)));
	CHECK(same(period_first_day(period_quarter(2026, 1)), D(2026, 1, 1)));
	CHECK(same(period_last_day(period_quarter(2026, 1)), D(2026, 3, 31)));
	CHECK(same(period_first_day(period_quarter(2026, 3)), D(2026, 7, 1)));
	CHECK(same(period_last_day(period_quarter(2026, 2)), D(2026, 6, 30)));
	CHECK(same(period_last_day(period_quarter(2026, 4)), D(2026, 12, 31)));
	CHECK(same(period_first_day(period_month(2026, 11)), D(2026, 11, 1)));
	CHECK(same(period_last_day(period_month(2026, 11)), D(2026, 11, 30)));
	CHECK(same(period_last_day(period_month(2028, 2)), D(2028, 2, 29)));
	CHECK(same(period_last_day(period_month(2026, 2)), D(2026, 2, 28)));
}

TEST(plan_deadline_every_year)
{
	bool assumed = true;
	struct deadline dl = deadline_of_plan(30, 11, &assumed);

	CHECK(!assumed && dl.every == DEADLINE_YEARLY);
	CHECK(same(deadline_due(&dl, period_year_code(2026)), D(2026, 11, 30)));
	CHECK(same(deadline_due(&dl, period_year_code(2030)), D(2030, 11, 30)));
	/* a day past the month's end is its last day */
	dl = deadline_of_plan(31, 11, NULL);
	CHECK(same(deadline_due(&dl, period_year_code(2026)), D(2026, 11, 30)));
	dl = deadline_of_plan(29, 2, NULL);
	CHECK(same(deadline_due(&dl, period_year_code(2027)), D(2027, 2, 28)));
	CHECK(same(deadline_due(&dl, period_year_code(2028)), D(2028, 2, 29)));
	/* none: the end of the year, and said so */
	dl = deadline_of_plan(0, 0, &assumed);
	CHECK(assumed);
	CHECK(same(deadline_due(&dl, period_year_code(2026)), D(2026, 12, 31)));
	dl = deadline_of_plan(25, 0, &assumed);
	CHECK(assumed);
	/* the report is due until the end of that day in Vietnam */
	dl = deadline_of_plan(1, 12, NULL);
	CHECK(vn_day_end(deadline_due(&dl, period_year_code(2026))) ==
	      date_days(D(2026, 12, 1)) * 86400 + 17 * 3600);
	/* a yearly deadline opens with the year when it sets no first day */
	CHECK(same(deadline_opens(&dl, period_year_code(2026)), D(2026, 1, 1)));
	CHECK(deadline_contains(&dl, D(2026, 1, 1)) && deadline_contains(&dl, D(2026, 12, 1)));
	CHECK(!deadline_contains(&dl, D(2026, 12, 2)));
}

TEST(action_month)
{
	const struct deadline *am = &deadline_action_month;

	CHECK(am->every == DEADLINE_YEARLY);
	CHECK(deadline_contains(am, D(2026, 11, 15)));
	CHECK(deadline_contains(am, D(2026, 11, 30)));
	CHECK(deadline_contains(am, D(2026, 12, 15)));
	CHECK(deadline_contains(am, D(2031, 12, 1)));
	CHECK(!deadline_contains(am, D(2026, 11, 14)));
	CHECK(!deadline_contains(am, D(2026, 12, 16)));
	CHECK(!deadline_contains(am, D(2026, 6, 1)));
	CHECK(same(deadline_opens(am, period_year_code(2026)), D(2026, 11, 15)));
	CHECK(same(deadline_due(am, period_year_code(2026)), D(2026, 12, 15)));
}

TEST(window_over_new_year)
{
	struct deadline dl = {DEADLINE_YEARLY, {0, 12, 15}, {0, 1, 15}};

	CHECK(same(deadline_opens(&dl, period_year_code(2026)), D(2026, 12, 15)));
	CHECK(same(deadline_due(&dl, period_year_code(2026)), D(2027, 1, 15)));
	CHECK(deadline_contains(&dl, D(2026, 12, 20)));
	CHECK(deadline_contains(&dl, D(2027, 1, 1)));
	CHECK(deadline_contains(&dl, D(2027, 1, 15)));
	CHECK(!deadline_contains(&dl, D(2027, 1, 16)));
	CHECK(!deadline_contains(&dl, D(2026, 12, 14)));
}

TEST(quarterly)
{
	struct deadline q = {DEADLINE_QUARTERLY, {0, 1, 1}, {0, 3, 31}};
	/* day 15 of the month after each quarter */
	struct deadline after = {DEADLINE_QUARTERLY, {0, 0, 0}, {0, 4, 15}};

	CHECK(same(deadline_due(&q, period_quarter(2026, 1)), D(2026, 3, 31)));
	CHECK(same(deadline_due(&q, period_quarter(2026, 2)), D(2026, 6, 30)));
	CHECK(same(deadline_due(&q, period_quarter(2026, 3)), D(2026, 9, 30)));
	CHECK(same(deadline_due(&q, period_quarter(2026, 4)), D(2026, 12, 31)));
	CHECK(same(deadline_due(&q, period_year_code(2026)), D(2026, 12, 31)));
	CHECK(same(deadline_due(&q, period_month(2026, 5)), D(2026, 6, 30)));
	CHECK(same(deadline_opens(&q, period_quarter(2026, 3)), D(2026, 7, 1)));
	CHECK(deadline_contains(&q, D(2026, 8, 8)));
	CHECK(same(deadline_due(&after, period_quarter(2026, 1)), D(2026, 4, 15)));
	CHECK(same(deadline_due(&after, period_quarter(2026, 4)), D(2027, 1, 15)));
	CHECK(same(deadline_opens(&after, period_quarter(2026, 4)), D(2026, 10, 1)));
	CHECK(deadline_contains(&after, D(2027, 1, 10)));  /* Q4 2026's, running on */
	CHECK(deadline_contains(&after, D(2027, 2, 1)));   /* Q1 2027's */
}

TEST(once)
{
	struct deadline dl = {DEADLINE_ONCE, {0, 0, 0}, {2026, 11, 30}};
	struct deadline span = {DEADLINE_ONCE, {2026, 1, 1}, {2030, 12, 31}};

	CHECK(same(deadline_due(&dl, period_year_code(2027)), D(2026, 11, 30)));
	CHECK(deadline_contains(&dl, D(2020, 1, 1)));
	CHECK(deadline_contains(&dl, D(2026, 11, 30)));
	CHECK(!deadline_contains(&dl, D(2026, 12, 1)));
	CHECK(!deadline_contains(&dl, D(2027, 11, 1)));
	CHECK(deadline_contains(&span, D(2028, 6, 1)));
	CHECK(!deadline_contains(&span, D(2025, 12, 31)));
	CHECK(!deadline_contains(&span, D(2031, 1, 1)));
}

/* Each phrase with what it reads as (from.y/m/d, to.y/m/d). */
static const struct {
	const char *text;
	enum deadline_every every;
	struct date from, to;
} phrases[] = {
	{"trước ngày 30/11", DEADLINE_YEARLY, {0, 0, 0}, {0, 11, 30}},
	{"Trước ngày 30/11 hằng năm", DEADLINE_YEARLY, {0, 0, 0}, {0, 11, 30}},
	{"trước ngày 30/11 hàng năm.", DEADLINE_YEARLY, {0, 0, 0}, {0, 11, 30}},
	{"Hằng năm, trước ngày 25/11", DEADLINE_YEARLY, {0, 0, 0}, {0, 11, 25}},
	{"TRUOC NGAY 01/12", DEADLINE_YEARLY, {0, 0, 0}, {0, 12, 1}},
	{"chậm nhất là ngày 15/6", DEADLINE_YEARLY, {0, 0, 0}, {0, 6, 15}},
	{"hạn chót 01/12/2026", DEADLINE_ONCE, {0, 0, 0}, {2026, 12, 1}},
	{"không muộn hơn ngày 30 tháng 11 năm 2026", DEADLINE_ONCE, {0, 0, 0}, {2026, 11, 30}},
	{"trước ngày 30 tháng 11", DEADLINE_YEARLY, {0, 0, 0}, {0, 11, 30}},
	{"Thời gian: trước ngày 30/11/2026", DEADLINE_ONCE, {0, 0, 0}, {2026, 11, 30}},
	{"ngày 30/11", DEADLINE_YEARLY, {0, 0, 0}, {0, 11, 30}},
	{"15/11 - 15/12", DEADLINE_YEARLY, {0, 11, 15}, {0, 12, 15}},
	{"15/11 – 15/12", DEADLINE_YEARLY, {0, 11, 15}, {0, 12, 15}},
	{"Từ ngày 15/11 đến ngày 15/12 hằng năm", DEADLINE_YEARLY, {0, 11, 15}, {0, 12, 15}},
	{"từ 15/11 đến 15/12/2026", DEADLINE_ONCE, {2026, 11, 15}, {2026, 12, 15}},
	{"15/12/2026 - 15/01", DEADLINE_ONCE, {2026, 12, 15}, {2027, 1, 15}},
	{"Quý IV", DEADLINE_YEARLY, {0, 10, 1}, {0, 12, 31}},
	{"quý II hằng năm", DEADLINE_YEARLY, {0, 4, 1}, {0, 6, 30}},
	{"Quý IV/2026", DEADLINE_ONCE, {2026, 10, 1}, {2026, 12, 31}},
	{"quý 1 năm 2027", DEADLINE_ONCE, {2027, 1, 1}, {2027, 3, 31}},
	{"Tháng 11 hằng năm", DEADLINE_YEARLY, {0, 11, 1}, {0, 11, 30}},
	{"tháng 2", DEADLINE_YEARLY, {0, 2, 1}, {0, 2, 29}},
	{"Tháng 11/2026", DEADLINE_ONCE, {2026, 11, 1}, {2026, 11, 30}},
	{"Năm 2026", DEADLINE_ONCE, {2026, 1, 1}, {2026, 12, 31}},
	{"2027", DEADLINE_ONCE, {2027, 1, 1}, {2027, 12, 31}},
	{"Giai đoạn 2026 - 2030", DEADLINE_ONCE, {2026, 1, 1}, {2030, 12, 31}},
	{"2026–2030", DEADLINE_ONCE, {2026, 1, 1}, {2030, 12, 31}},
	{"Hằng năm", DEADLINE_YEARLY, {0, 1, 1}, {0, 12, 31}},
	{"hang nam", DEADLINE_YEARLY, {0, 1, 1}, {0, 12, 31}},
	{"mỗi năm", DEADLINE_YEARLY, {0, 1, 1}, {0, 12, 31}},
	{"Hằng quý", DEADLINE_QUARTERLY, {0, 1, 1}, {0, 3, 31}},
	{"hàng quý;", DEADLINE_QUARTERLY, {0, 1, 1}, {0, 3, 31}},
};

TEST(parse_phrases)
{
	size_t i;

	for (i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++) {
		struct deadline dl;
		bool ok = deadline_parse(phrases[i].text, strlen(phrases[i].text), &dl);

		if (!ok || dl.every != phrases[i].every || !same(dl.from, phrases[i].from) ||
		    !same(dl.to, phrases[i].to)) {
			fprintf(stderr, "  %s: ok %d every %d from %d-%d-%d to %d-%d-%d\n", phrases[i].text, ok,
				ok ? (int)dl.every : -1, ok ? dl.from.y : 0, ok ? dl.from.m : 0,
				ok ? dl.from.d : 0, ok ? dl.to.y : 0, ok ? dl.to.m : 0, ok ? dl.to.d : 0);
			CHECK(!"phrase read as expected");
		} else {
			CHECK(ok);
		}
	}
}

TEST(parse_phrases_refused)
{
	static const char *const bad[] = {
		"", "   ", "thường xuyên", "quý V", "quý", "tháng 13", "tháng", "31/04", "trước ngày",
		"trước ngày 30/11/2026 hằng năm", "2030 - 2026", "abc 30/11", "30/11 abc",
		"quý IV hằng quý", "trước ngày 31/02", "29/02/2026", "15/12/2026 - 01/12/2026",
		"từ 15/11 đến", "30/11/26", "12345", "năm", "1899",
	};
	size_t i;
	struct deadline dl;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		bool ok = deadline_parse(bad[i], strlen(bad[i]), &dl);

		if (ok)
			fprintf(stderr, "  accepted: \"%s\"\n", bad[i]);
		CHECK(!ok);
	}
	CHECK(!deadline_parse(NULL, 0, &dl));
	/* bytes that are not UTF-8 */
	CHECK(!deadline_parse("tr\xff\xfe 30/11", 10, &dl));
	/* the length bounds the text */
	CHECK(deadline_parse("Quý IV/2026 và sau", 12, &dl) && dl.to.y == 2026);
	/* a phrase due every year is due each year asked */
	CHECK(deadline_parse("trước ngày 30/11 hằng năm", strlen("trước ngày 30/11 hằng năm"), &dl));
	CHECK(same(deadline_due(&dl, period_year_code(2029)), D(2029, 11, 30)));
}

/* One rule for every kind of duty: past its day it is late, within `soon`
 * days (its own day included) it is due soon, else nothing is said. */
TEST(due_alert_edges)
{
	struct date due = D(2026, 11, 30);

	CHECK(due_alert(due, D(2026, 12, 1), 7) == TA_OVERDUE);
	CHECK(due_alert(due, D(2026, 11, 30), 7) == TA_DUE_SOON);
	CHECK(due_alert(due, D(2026, 11, 30), 0) == TA_DUE_SOON);
	CHECK(due_alert(due, D(2026, 11, 23), 7) == TA_DUE_SOON);
	CHECK(due_alert(due, D(2026, 11, 22), 7) == TA_NONE);
	CHECK(due_alert(due, D(2027, 1, 1), 0) == TA_OVERDUE);
	/* across a year's end */
	CHECK(due_alert(D(2027, 1, 2), D(2026, 12, 31), 7) == TA_DUE_SOON);
}

int main(void)
{
	RUN(leap_years);
	RUN(days_from_civil);
	RUN(parse_iso);
	RUN(parse_dmy);
	RUN(vietnam_time_at_midnight);
	RUN(period_days);
	RUN(plan_deadline_every_year);
	RUN(action_month);
	RUN(window_over_new_year);
	RUN(quarterly);
	RUN(once);
	RUN(parse_phrases);
	RUN(parse_phrases_refused);
	RUN(due_alert_edges);
	return harness_report();
}
