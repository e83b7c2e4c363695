/*
 * test_adhoc.c: the rules of ad hoc requests (core/adhoc.h): who may ask
 * in whose name, what a request must hold (each refusal naming its
 * field), and how an answer stands against the due day.  No database
 * (tests/integration/adhoc_requests.sh takes requests through the store,
 * the pages, the API and the command line on both backends).
 */
#include <string.h>

#include "core/adhoc.h"
#include "core/catalog.h"
#include "harness.h"
#include "tree_fixture.h"
#include "util/i18n.h"

/* VN -> P1 -> C1, C2; VN -> P2 -> C3 */
static struct principal who(const struct tree *t, enum role r, const char *code)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	strcpy(p.name, "x");
	p.role = r;
	p.unit = tree_find(t, code);
	p.agency = -1;
	return p;
}

TEST(who_may_ask)
{
	struct tree t;
	struct principal admin, ministry, p1, focal, viewer;

	small_tree(&t);
	ministry = who(&t, ROLE_MINISTRY, "VN");
	admin = who(&t, ROLE_ADMIN, "VN");
	p1 = who(&t, ROLE_PROVINCE, "P1");
	focal = who(&t, ROLE_FOCAL, "C1");
	viewer = who(&t, ROLE_VIEWER, "P1");
	CHECK(adhoc_may_ask(&t, &admin, tree_find(&t, "VN")));
	CHECK(adhoc_may_ask(&t, &admin, tree_find(&t, "P2")));
	CHECK(adhoc_may_ask(&t, &p1, tree_find(&t, "P1")));
	/* the ministry asks the provinces, in the nation's name only */
	CHECK(adhoc_may_ask(&t, &ministry, tree_find(&t, "VN")));
	CHECK(!adhoc_may_ask(&t, &ministry, tree_find(&t, "P1")));
	/* not in another province's name, nor the nation's */
	CHECK(!adhoc_may_ask(&t, &p1, tree_find(&t, "P2")));
	CHECK(!adhoc_may_ask(&t, &p1, tree_find(&t, "VN")));
	/* a commune asks nobody; a viewer receives nothing */
	CHECK(!adhoc_may_ask(&t, &focal, tree_find(&t, "C1")));
	CHECK(!adhoc_may_ask(&t, &admin, tree_find(&t, "C1")));
	CHECK(!adhoc_may_ask(&t, &viewer, tree_find(&t, "P1")));
	tree_release(&t);
}

TEST(a_request_is_checked_field_by_field)
{
	struct tree t;
	struct principal p1, focal, viewer;
	struct adhoc_ask a;
	struct errctx e = {0};
	struct date today = {2026, 12, 5};
	int ids[ADHOC_INDICATORS_MAX];
	size_t n;

	small_tree(&t);
	p1 = who(&t, ROLE_PROVINCE, "P1");
	focal = who(&t, ROLE_FOCAL, "C1");
	viewer = who(&t, ROLE_VIEWER, "P1");
	memset(&a, 0, sizeof(a));
	a.unit = tree_find(&t, "P1");
	a.title = "Báo cáo nhanh";
	a.has_due = true;
	a.due = today; /* today is not past */
	a.indicators = "female_key_leaders, dv_victims_supported,female_key_leaders";
	CHECK(adhoc_check_ask(&t, &p1, &a, today, ids, &n, &e) == GEMIS_OK);
	/* in the order given, without repeats */
	CHECK(n == 2 && strcmp(catalog[ids[0]].id, "female_key_leaders") == 0 &&
	      strcmp(catalog[ids[1]].id, "dv_victims_supported") == 0);
	a.due = (struct date){2026, 12, 4};
	CHECK(adhoc_check_ask(&t, &p1, &a, today, ids, &n, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "due");
	a.due = today;
	a.indicators = "female_key_leaders,nope";
	CHECK(adhoc_check_ask(&t, &p1, &a, today, ids, &n, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "indicators");
	CHECK(strstr(e.msg, "'nope'") != NULL);
	/* neither indicators nor a question */
	a.indicators = " , ";
	CHECK(adhoc_check_ask(&t, &p1, &a, today, ids, &n, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "question");
	a.question = "Có bao nhiêu vụ?";
	CHECK(adhoc_check_ask(&t, &p1, &a, today, ids, &n, &e) == GEMIS_OK && n == 0);
	a.title = "  ";
	CHECK(adhoc_check_ask(&t, &p1, &a, today, ids, &n, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "title");
	a.title = "x";
	a.has_due = false;
	CHECK(adhoc_check_ask(&t, &p1, &a, today, ids, &n, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "due");
	a.has_due = true;
	/* a commune asking is told so, naming the unit; a viewer may not */
	a.unit = tree_find(&t, "C1");
	CHECK(adhoc_check_ask(&t, &focal, &a, today, ids, &n, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "unit");
	a.unit = tree_find(&t, "P1");
	CHECK(adhoc_check_ask(&t, &viewer, &a, today, ids, &n, &e) == GEMIS_EPERM);
	tree_release(&t);
}

/* The due day ends at 17:00 UTC (midnight in Vietnam). */
TEST(on_time_late_overdue_not_yet)
{
	struct date due = {2026, 12, 10};
	long long end = vn_day_end(due);

	CHECK(adhoc_timing(due, 0, end - 1) == ADHOC_NOT_YET);
	CHECK(adhoc_timing(due, 0, end) == ADHOC_OVERDUE);
	CHECK(adhoc_timing(due, end - 1, end + 86400) == ADHOC_ON_TIME);
	CHECK(adhoc_timing(due, end, end) == ADHOC_LATE);
	CHECK(strcmp(adhoc_timing_id(ADHOC_LATE), "late") == 0);
}

int main(void)
{
	RUN(who_may_ask);
	RUN(a_request_is_checked_field_by_field);
	RUN(on_time_late_overdue_not_yet);
	return harness_report();
}
