/*
 * test_chain.c: the reporting chain's periods and deadlines
 * (core/chainperiod.h): Decree 09/2019/NĐ-CP's default, and the checks of
 * a period a province sets.  No database.
 */
#include <string.h>

#include "core/chainperiod.h"
#include "harness.h"

TEST(decree_09_default_period)
{
	struct chain_period p;

	chain_period_default(2026, &p);
	CHECK(p.is_default && !p.has_due && p.year == 2026);
	CHECK(date_cmp(p.from, (struct date){2025, 12, 15}) == 0);
	CHECK(date_cmp(p.to, (struct date){2026, 12, 14}) == 0);
	/* 365 days: 15/12 to 14/12 of the next year */
	CHECK(date_diff(p.from, p.to) == 364);
	/* 366 days when it holds 29 February */
	chain_period_default(2028, &p);
	CHECK(date_cmp(p.from, (struct date){2027, 12, 15}) == 0 && date_diff(p.from, p.to) == 365);
	CHECK(chain_period_check(&p, NULL) == GEMIS_OK);
}

TEST(a_period_set_is_checked)
{
	struct chain_period p;
	struct errctx e = {0};

	chain_period_default(2026, &p);
	p.has_due = true;
	p.due = (struct date){2026, 12, 20};
	CHECK(chain_period_check(&p, &e) == GEMIS_OK);
	/* the calendar year is a period too */
	p.from = (struct date){2026, 1, 1};
	p.to = (struct date){2026, 12, 31};
	CHECK(chain_period_check(&p, &e) == GEMIS_OK);
	p.due = (struct date){2025, 12, 31};
	CHECK(chain_period_check(&p, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "due");
	p.due = (struct date){2027, 1, 10};
	p.to = (struct date){2025, 12, 31};
	CHECK(chain_period_check(&p, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "to");
	p.from = (struct date){2024, 12, 15};
	p.to = (struct date){2026, 12, 14};
	CHECK(chain_period_check(&p, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "from");
	p.from = (struct date){2025, 1, 1};
	CHECK(chain_period_check(&p, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "to");
	p.from = (struct date){2026, 2, 30};
	CHECK(chain_period_check(&p, &e) == GEMIS_EINVAL);
}

/* Late means from the first second after the due day ends in Vietnam
 * (UTC+7): 20/12 ends at 17:00 UTC on 20/12. */
TEST(late_after_the_due_day_ends_in_vietnam)
{
	struct chain_period p;
	long long end;

	chain_period_default(2026, &p);
	/* no deadline: never late */
	CHECK(!chain_period_late(&p, 4102444800LL));
	p.has_due = true;
	p.due = (struct date){2026, 12, 20};
	end = 1797786000LL; /* 2026-12-20T17:00:00Z, 00:00 on 21/12 in Vietnam */
	CHECK(vn_day_end(p.due) == end);
	CHECK(!chain_period_late(&p, end - 1));
	CHECK(chain_period_late(&p, end));
	CHECK(!chain_period_late(&p, end - 86400 * 30));
}

int main(void)
{
	RUN(decree_09_default_period);
	RUN(a_period_set_is_checked);
	RUN(late_after_the_due_day_ends_in_vietnam);
	return harness_report();
}
