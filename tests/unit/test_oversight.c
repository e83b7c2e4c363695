/*
 * test_oversight.c: the rules of inspections and recommendations
 * (core/oversight.h) and who may record them for which inspecting body
 * (core/access.h, access_inspection_body): each refusal names its field,
 * overdue is an issued recommendation past its deadline, and the
 * Fatherland Front's supervisor records the Front's supervision only.
 */
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/catalog.h"
#include "core/oversight.h"
#include "core/workflow.h"
#include "harness.h"

static struct tree t;

static void build_tree(void)
{
	struct errctx e = {0};

	tree_init(&t);
	tree_add(&t, "VN", "Việt Nam", "Việt Nam", LEVEL_NATION, NULL, 1, &e);
	tree_add(&t, "12", "Lai Châu", "Lai Châu", LEVEL_PROVINCE, "VN", 2, &e);
	tree_add(&t, "03390", "Xã Bình Lư", "Bình Lư", LEVEL_COMMUNE, "12", 3, &e);
	tree_add(&t, "03394", "Xã Sin Suối Hồ", "Sin Suối Hồ", LEVEL_COMMUNE, "12", 4, &e);
	tree_finish(&t);
}

static struct insp_fields good(void)
{
	struct insp_fields x;

	memset(&x, 0, sizeof(x));
	x.year = 2026;
	x.body = IB_COMMUNE;
	x.agency = agency_find("vhxh");
	x.subject = "Kiểm tra công tác truyền thông";
	x.from = (struct date){2026, 3, 1};
	x.to = (struct date){2026, 3, 10};
	return x;
}

/* The fields d names, one a space: "to held_on". */
static const char *fields(const struct diags *d)
{
	static char out[256];
	size_t i;

	size_t len = 0;

	out[0] = '\0';
	for (i = 0; i < d->n && len < sizeof(out); i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s", i ? " " : "", d->d[i].field);
	return out;
}

static const char *check(const struct insp_fields *x, struct date today)
{
	struct diags d;
	const char *f;

	diags_init(&d, 20);
	insp_check(x, today, &d);
	f = fields(&d);
	diags_release(&d);
	return f;
}

TEST(inspection_fields)
{
	struct date today = {2026, 12, 15};
	struct insp_fields x = good();

	CHECK_STR(check(&x, today), "");
	x.to = (struct date){2026, 2, 28};
	CHECK_STR(check(&x, today), "to");
	x = good();
	x.to = (struct date){2027, 1, 5};
	CHECK_STR(check(&x, today), "to");
	x = good();
	x.body = -1;
	x.subject = "";
	CHECK_STR(check(&x, today), "body subject");
	x = good();
	x.subject = "hai\ndòng";
	CHECK_STR(check(&x, today), "subject");
	x = good();
	x.findings = "Thiếu số liệu";
	CHECK_STR(check(&x, today), "findings");
	x.held = true;
	x.held_on = (struct date){2026, 3, 8};
	CHECK_STR(check(&x, today), "");
	x.held_on = (struct date){2026, 12, 16};
	CHECK_STR(check(&x, today), "held_on");
	x.held_on = (struct date){2025, 12, 31};
	CHECK_STR(check(&x, today), "held_on");
}

TEST(recommendation_fields)
{
	struct rec_fields r = {"Bổ sung số liệu", agency_find("yte"), {2026, 6, 30}};
	struct date held = {2026, 3, 8};
	struct diags d;

	diags_init(&d, 20);
	rec_check(&r, true, held, &d);
	CHECK_STR(fields(&d), "");
	diags_release(&d);
	diags_init(&d, 20);
	r.due = (struct date){2026, 3, 7};
	rec_check(&r, true, held, &d);
	CHECK_STR(fields(&d), "due");
	diags_release(&d);
	diags_init(&d, 20);
	r.agency = -1;
	r.text = "";
	rec_check(&r, false, held, &d);
	CHECK_STR(fields(&d), "inspection text agency");
	diags_release(&d);
}

TEST(overdue_is_issued_past_its_deadline)
{
	struct date due = {2026, 10, 31}, before = {2026, 10, 31}, after = {2026, 11, 1}, soon = {2026, 10, 25};

	CHECK(!rec_overdue(REC_ISSUED, due, before));
	CHECK(rec_overdue(REC_ISSUED, due, after));
	/* followed up: the next step is the inspectors' */
	CHECK(!rec_overdue(REC_FOLLOWED_UP, due, after));
	CHECK(!rec_overdue(REC_CLOSED, due, after));
	CHECK(rec_due_soon(REC_ISSUED, due, soon, 7));
	CHECK(!rec_due_soon(REC_ISSUED, due, (struct date){2026, 10, 20}, 7));
	CHECK(!rec_due_soon(REC_ISSUED, due, after, 7));
}

TEST(bodies_by_role)
{
	int c = tree_find(&t, "03390"), other = tree_find(&t, "03394"), prov = tree_find(&t, "12");
	struct principal admin = {1, "admin", ROLE_ADMIN, tree_find(&t, "VN"), -1};
	struct principal focal = {2, "binhlu", ROLE_FOCAL, c, -1};
	struct principal pro = {3, "laichau", ROLE_PROVINCE, prov, -1};
	struct principal front = {4, "binhlu.mttq", ROLE_SUPERVISOR, c, -1};
	struct principal rep = {5, "binhlu.vhxh", ROLE_REPORTER, c, agency_find("vhxh")};
	struct principal viewer = {6, "binhlu.viewer", ROLE_VIEWER, c, -1};
	struct principal ministry = {7, "bo", ROLE_MINISTRY, tree_find(&t, "VN"), -1};

	CHECK(access_inspection_body(&t, &admin, c, IB_PROVINCE));
	CHECK(access_inspection_body(&t, &focal, c, IB_COMMUNE));
	CHECK(access_inspection_body(&t, &focal, c, IB_FRONT));
	CHECK(!access_inspection_body(&t, &focal, c, IB_PROVINCE));
	CHECK(!access_inspection_body(&t, &focal, other, IB_COMMUNE));
	CHECK(access_inspection_body(&t, &pro, c, IB_PROVINCE));
	CHECK(!access_inspection_body(&t, &pro, c, IB_COMMUNE));
	CHECK(!access_inspection_body(&t, &pro, prov, IB_PROVINCE)); /* communes are inspected */
	CHECK(access_inspection_body(&t, &front, c, IB_FRONT));
	CHECK(!access_inspection_body(&t, &front, c, IB_COMMUNE));
	CHECK(!access_inspection_body(&t, &front, other, IB_FRONT));
	CHECK(!access_inspection_body(&t, &rep, c, IB_COMMUNE));
	CHECK(!access_inspection_body(&t, &viewer, c, IB_COMMUNE));
	CHECK(!access_inspection_body(&t, &ministry, c, IB_PROVINCE));
	/* the supervisor closes a recommendation (INSPECT), the agency follows it up */
	CHECK(wf_permitted(&wf_recommendation, &t, &front, REC_CLOSE, c, -1));
	CHECK(!wf_permitted(&wf_recommendation, &t, &front, REC_FOLLOW_UP, c, agency_find("vhxh")));
	CHECK(wf_permitted(&wf_recommendation, &t, &rep, REC_FOLLOW_UP, c, agency_find("vhxh")));
	CHECK(!wf_permitted(&wf_recommendation, &t, &rep, REC_FOLLOW_UP, c, agency_find("yte")));
}

TEST(body_ids)
{
	CHECK(insp_body_parse("front") == IB_FRONT);
	CHECK(insp_body_parse("ministry") == -1);
	CHECK(insp_body_parse(NULL) == -1);
	CHECK_STR(insp_body_id(IB_PROVINCE), "province");
}

int main(void)
{
	build_tree();
	RUN(inspection_fields);
	RUN(recommendation_fields);
	RUN(overdue_is_issued_past_its_deadline);
	RUN(bodies_by_role);
	RUN(body_ids);
	tree_release(&t);
	return harness_report();
}
