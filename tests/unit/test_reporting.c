/*
 * test_reporting.c: who owes which form, by when, and the reporting rates
 * (report/reporting.h), on hand-built trees and plans: no database.
 */
#include <math.h>
#include <string.h>

#include "core/catalog.h"
#include "core/date.h"
#include "harness.h"
#include "report/reporting.h"
#include "util/i18n.h"

static struct tree t;

/* The start of a day in Vietnam, a day past the month's end cut to it, and
 * the day of a moment: core/date.h, named as these tests have known them. */
static long long rep_day_start(int y, int m, int d)
{
	return vn_day_start(date_clamp((struct date){y, m, d}));
}

static void rep_date_iso(long long ts, char out[11])
{
	date_format_iso(vn_date(ts), out);
}

static void build_tree(void)
{
	struct errctx e = {0};

	tree_init(&t);
	tree_add(&t, "VN", "Việt Nam", "Việt Nam", LEVEL_NATION, NULL, 1, &e);
	tree_add(&t, "12", "Lai Châu", "Lai Châu", LEVEL_PROVINCE, "VN", 2, &e);
	tree_add(&t, "03390", "Xã Bình Lư", "Bình Lư", LEVEL_COMMUNE, "12", 3, &e);
	tree_add(&t, "03394", "Xã Sin Suối Hồ", "Sin Suối Hồ", LEVEL_COMMUNE, "12", 4, &e);
	tree_add(&t, "03388", "Phường Đoàn Kết", "Đoàn Kết", LEVEL_WARD, "12", 5, &e);
	tree_add(&t, "24", "Bắc Ninh", "Bắc Ninh", LEVEL_PROVINCE, "VN", 6, &e);
	tree_add(&t, "09385", "Xã Đồng Nguyên", "Đồng Nguyên", LEVEL_COMMUNE, "24", 7, &e);
	tree_finish(&t);
}

/* The plan views' indicator sets live here for the whole run. */
static struct arena views_mem;

static void view_init(struct plan_view *p)
{
	CHECK(plan_view_init(p, &views_mem) == GEMIS_OK);
}

/* Adds indicator `id` to set s. */
static void tie(struct indset *s, const char *id)
{
	CHECK(indset_add(s, catalog_find(id)));
}

/* Bình Lư: yte answers for two indicators, congan for one, deadline 30/11. */
static void plan_binh_lu(struct plan_view *p)
{
	view_init(p);
	p->unit = tree_find(&t, "03390");
	p->dl_day = 30;
	p->dl_month = 11;
	p->has_assignments = true;
	p->agency[agency_find("yte")] = true;
	p->agency[agency_find("congan")] = true;
	p->agency[agency_find("vanphong")] = true; /* duties, but no indicator */
	tie(&p->assigned[agency_find("yte")], "sex_ratio_at_birth");
	tie(&p->assigned[agency_find("yte")], "maternal_mortality");
	tie(&p->assigned[agency_find("congan")], "dv_victims_supported");
	tie(&p->targeted, "sex_ratio_at_birth");
	tie(&p->targeted, "dv_victims_supported");
}

static const struct rep_form *form_of(const struct rep_result *r, const char *unit,
				      const char *agency)
{
	size_t i;

	for (i = 0; i < r->nforms; i++) {
		if (r->forms[i].unit == tree_find(&t, unit) &&
		    r->forms[i].agency == agency_find(agency))
			return &r->forms[i];
	}
	return NULL;
}

TEST(day_start_is_vietnam_midnight)
{
	/* 2026-11-30 00:00 in Vietnam is 2026-11-29 17:00 UTC */
	CHECK(rep_day_start(2026, 11, 30) == 1795996800LL - 7 * 3600);
	/* 31/11 does not exist: the last day of November */
	CHECK(rep_day_start(2026, 11, 31) == rep_day_start(2026, 11, 30));
	CHECK(rep_day_start(2028, 2, 30) == rep_day_start(2028, 2, 29));
	CHECK(rep_day_start(2027, 2, 29) == rep_day_start(2027, 2, 28));
	{
		char d[11];

		rep_date_iso(rep_day_start(2026, 12, 1), d);
		CHECK_STR(d, "2026-12-01");
		rep_date_iso(rep_day_start(2026, 12, 1) - 1, d);
		CHECK_STR(d, "2026-11-30");
	}
}

TEST(deadline_is_the_end_of_the_day_in_the_plan)
{
	struct plan_view p;
	struct rep_sub subs[2] = {
		/* the last second of 30/11 in Vietnam: on time */
		{0, 0, "submitted", 0},
		/* the first second of 01/12: late */
		{0, 0, "approved", 0},
	};
	struct rep_input in = {0};
	struct rep_result r;
	const struct rep_form *f;

	plan_binh_lu(&p);
	subs[0].unit = subs[1].unit = p.unit;
	subs[0].agency = agency_find("yte");
	subs[0].submitted_at = rep_day_start(2026, 12, 1) - 1;
	subs[1].agency = agency_find("congan");
	subs[1].submitted_at = rep_day_start(2026, 12, 1);
	in.t = &t;
	in.scope = p.unit;
	in.year = 2026;
	in.now = rep_day_start(2026, 12, 15);
	in.plans = &p;
	in.nplans = 1;
	in.subs = subs;
	in.nsubs = 2;
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	/* vanphong has duties but no indicator: it owes a report of its tasks */
	CHECK(r.nforms == 3);
	f = form_of(&r, "03390", "yte");
	CHECK(f && f->state == FORM_ON_TIME && f->nind == 2 && f->due_day == 30 &&
	      f->due_month == 11 && f->has_due);
	f = form_of(&r, "03390", "congan");
	CHECK(f && f->state == FORM_LATE && f->nind == 1);
	f = form_of(&r, "03390", "vanphong");
	CHECK(f && f->nind == 0 && f->state == FORM_OVERDUE);
	CHECK(r.total.expected == 3 && r.total.submitted == 2 && r.total.on_time == 1 &&
	      r.total.late == 1 && r.total.missing == 1);
	CHECK_EQ_DBL(rep_rate(r.total.submitted, r.total.expected), 200.0 / 3, 1e-9);
	CHECK_EQ_DBL(rep_rate(r.total.on_time, r.total.expected), 100.0 / 3, 1e-9);
	CHECK(r.nunits == 1 && r.units[0].has_plan && r.units_with_plan == 1 && r.leaves == 1);
	rep_result_release(&r);
	/* as of the end of the deadline day, the late form was not in yet */
	in.now = rep_day_start(2026, 12, 1) - 1;
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	CHECK(form_of(&r, "03390", "yte")->state == FORM_ON_TIME);
	CHECK(form_of(&r, "03390", "congan")->state == FORM_PENDING &&
	      form_of(&r, "03390", "congan")->submitted_at == 0);
	rep_result_release(&r);
}

TEST(drafts_and_returned_forms_are_missing_overdue_only_after_the_deadline)
{
	struct plan_view p;
	struct rep_sub subs[2] = {{0, 0, "draft", 0}, {0, 0, "returned", 0}};
	struct rep_input in = {0};
	struct rep_result r;

	plan_binh_lu(&p);
	subs[0].unit = subs[1].unit = p.unit;
	subs[0].agency = agency_find("yte");
	subs[1].agency = agency_find("congan");
	/* returned forms keep the time they were first submitted */
	subs[1].submitted_at = rep_day_start(2026, 11, 20);
	in.t = &t;
	in.scope = p.unit;
	in.year = 2026;
	in.plans = &p;
	in.nplans = 1;
	in.subs = subs;
	in.nsubs = 2;
	/* before the deadline: pending */
	in.now = rep_day_start(2026, 11, 30) + 3600;
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	CHECK(r.total.expected == 3 && r.total.submitted == 0 && r.total.missing == 3 &&
	      r.total.pending == 3 && r.total.overdue == 0);
	CHECK(form_of(&r, "03390", "congan")->status &&
	      strcmp(form_of(&r, "03390", "congan")->status, "returned") == 0);
	CHECK(form_of(&r, "03390", "congan")->submitted_at == 0);
	rep_result_release(&r);
	/* after it: overdue */
	in.now = rep_day_start(2026, 12, 1);
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	CHECK(r.total.overdue == 3 && r.total.pending == 0);
	CHECK(form_of(&r, "03390", "yte")->state == FORM_OVERDUE);
	CHECK_EQ_DBL(rep_rate(r.total.submitted, r.total.expected), 0, 1e-9);
	rep_result_release(&r);
}

TEST(every_agency_with_duties_owes_a_report_with_or_without_indicators)
{
	struct plan_view p;
	struct rep_input in = {0};
	struct rep_result r;

	view_init(&p);
	p.unit = tree_find(&t, "09385");
	p.dl_day = 25;
	p.dl_month = 11;
	p.agency[agency_find("vhxh")] = true;
	p.agency[agency_find("taichinh")] = true;
	tie(&p.targeted, "female_key_leaders");
	tie(&p.targeted, "sex_ratio_at_birth");
	in.t = &t;
	in.scope = 0;
	in.year = 2027;
	in.now = rep_day_start(2027, 12, 1);
	in.plans = &p;
	in.nplans = 1;
	/* a plan that ties no indicator to anyone: the agencies it gives duties
	 * report their tasks (the three shared plans are such) */
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	CHECK(r.nforms == 2 && r.total.expected == 2 && r.nagencies == 2);
	CHECK(form_of(&r, "09385", "vhxh") && form_of(&r, "09385", "vhxh")->nind == 0);
	CHECK(form_of(&r, "09385", "taichinh") && form_of(&r, "09385", "taichinh")->nind == 0);
	CHECK(form_of(&r, "09385", "yte") == NULL);
	CHECK(r.units_with_plan == 1);
	rep_result_release(&r);
	/* "all" ties indicators to every agency with duties */
	p.has_assignments = true;
	tie(&p.assigned_all, "orgs_informed");
	tie(&p.assigned[agency_find("yte")], "sex_ratio_at_birth");
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	CHECK(r.nforms == 3);
	CHECK(form_of(&r, "09385", "taichinh") && form_of(&r, "09385", "taichinh")->nind == 1);
	CHECK(form_of(&r, "09385", "yte") && form_of(&r, "09385", "yte")->nind == 1);
	/* the deadline recurs: 25/11 of the year asked */
	CHECK(form_of(&r, "09385", "vhxh")->due_year == 2027 && form_of(&r, "09385", "vhxh")->due_day == 25);
	rep_result_release(&r);
	/* an indicator tied to an agency and to "all" is counted once; "all"
	 * reaches only agencies with duties */
	tie(&p.assigned[agency_find("taichinh")], "orgs_informed");
	tie(&p.assigned[agency_find("taichinh")], "sex_ratio_at_birth");
	CHECK(plan_view_nduties(&p, agency_find("taichinh")) == 2);
	CHECK(plan_view_answers(&p, agency_find("taichinh"), catalog_find("orgs_informed")));
	CHECK(plan_view_answers(&p, agency_find("vhxh"), catalog_find("orgs_informed")));
	CHECK(!plan_view_answers(&p, agency_find("yte"), catalog_find("orgs_informed")));
	CHECK(!plan_view_answers(&p, agency_find("vhxh"), catalog_find("sex_ratio_at_birth")));
	CHECK(plan_view_nduties(&p, agency_find("yte")) == 1 && plan_view_nduties(&p, -1) == 0);
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	CHECK(form_of(&r, "09385", "taichinh") && form_of(&r, "09385", "taichinh")->nind == 2);
	rep_result_release(&r);
}

TEST(no_deadline_invents_no_date)
{
	struct plan_view p;
	struct rep_sub s = {0, 0, "submitted", 0};
	struct rep_input in = {0};
	struct rep_result r;

	plan_binh_lu(&p);
	p.dl_day = p.dl_month = 0;
	s.unit = p.unit;
	s.agency = agency_find("yte");
	s.submitted_at = rep_day_start(2026, 12, 20);
	in.t = &t;
	in.scope = p.unit;
	in.year = 2026;
	in.now = rep_day_start(2027, 1, 5);
	in.plans = &p;
	in.nplans = 1;
	in.subs = &s;
	in.nsubs = 1;
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	/* not 31/12 nor any other day: submitted, or not, never late */
	CHECK(!form_of(&r, "03390", "yte")->has_due);
	CHECK(form_of(&r, "03390", "yte")->due_month == 0 && form_of(&r, "03390", "yte")->due_day == 0);
	CHECK(form_of(&r, "03390", "yte")->state == FORM_IN);
	CHECK(form_of(&r, "03390", "congan")->state == FORM_UNDATED);
	CHECK(r.total.expected == 3 && r.total.submitted == 1 && r.total.on_time == 0 &&
	      r.total.late == 0 && r.total.overdue == 0 && r.total.pending == 0 &&
	      r.total.undated == 2 && r.total.missing == 2);
	rep_result_release(&r);
}

TEST(province_counts_per_commune_and_agency_and_ignores_other_provinces)
{
	struct plan_view p[3];
	struct rep_sub subs[3] = {{0, 0, "approved", 0}, {0, 0, "submitted", 0}, {0, 0, "approved", 0}};
	struct rep_input in = {0};
	struct rep_result r;
	size_t i;

	plan_binh_lu(&p[0]);
	plan_binh_lu(&p[1]);
	p[1].unit = tree_find(&t, "03394");
	p[1].dl_day = 1;
	p[1].dl_month = 12;
	plan_binh_lu(&p[2]);
	p[2].unit = tree_find(&t, "09385"); /* another province */
	subs[0].unit = p[0].unit;
	subs[0].agency = agency_find("yte");
	subs[0].submitted_at = rep_day_start(2026, 11, 28);
	subs[1].unit = p[1].unit;
	subs[1].agency = agency_find("yte");
	subs[1].submitted_at = rep_day_start(2026, 12, 1) + 7200; /* on 01/12: on time there */
	subs[2].unit = p[2].unit;
	subs[2].agency = agency_find("yte");
	subs[2].submitted_at = rep_day_start(2026, 11, 1);
	in.t = &t;
	in.scope = tree_find(&t, "12");
	in.year = 2026;
	in.now = rep_day_start(2026, 12, 10);
	in.plans = p;
	in.nplans = 3;
	in.subs = subs;
	in.nsubs = 3;
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	CHECK(r.total.expected == 6 && r.total.submitted == 2 && r.total.on_time == 2 &&
	      r.total.overdue == 4);
	CHECK(r.units_with_plan == 2 && r.leaves == 3);
	/* every commune and ward is listed, the one without a plan too */
	CHECK(r.nunits == 3);
	for (i = 0; i < r.nunits; i++) {
		if (r.units[i].unit == tree_find(&t, "03388"))
			CHECK(!r.units[i].has_plan && r.units[i].c.expected == 0);
		else
			CHECK(r.units[i].has_plan && r.units[i].c.expected == 3 &&
			      r.units[i].c.submitted == 1);
	}
	CHECK(r.nagencies == 3);
	for (i = 0; i < r.nagencies; i++) {
		if (r.agencies[i].agency == agency_find("yte"))
			CHECK(r.agencies[i].c.expected == 2 && r.agencies[i].c.on_time == 2);
		else
			CHECK(r.agencies[i].c.expected == 2 && r.agencies[i].c.overdue == 2);
	}
	CHECK(isnan(rep_rate(0, 0)));
	rep_result_release(&r);
}

TEST(json_names_states_and_rates)
{
	struct plan_view p;
	struct rep_input in = {0};
	struct rep_result r;
	struct buf b;

	plan_binh_lu(&p);
	in.t = &t;
	in.scope = p.unit;
	in.year = 2026;
	in.now = rep_day_start(2026, 12, 2);
	in.plans = &p;
	in.nplans = 1;
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	buf_init(&b, 1 << 20);
	CHECK(reporting_json(&t, &r, in.now, &b) == GEMIS_OK);
	CHECK(strstr(buf_str(&b), "\"as_of\": \"2026-12-02\"") != NULL);
	CHECK(strstr(buf_str(&b), "\"agency\": \"yte\", \"indicators\": 2, \"in_plan\": true, \"due\": \"2026-11-30\"") != NULL);
	CHECK(strstr(buf_str(&b), "\"state\": \"overdue\", \"status\": null") != NULL);
	CHECK(strstr(buf_str(&b), "\"reporting_rate\": 0, \"on_time_rate\": 0") != NULL);
	buf_release(&b);
	/* regression: an output past the buffer's limit is told as that, not as
	 * "out of memory" (the codes of a chain of appends were OR-ed) */
	buf_init(&b, 100);
	CHECK(reporting_json(&t, &r, in.now, &b) == GEMIS_ELIMIT);
	buf_release(&b);
	buf_init(&b, 100);
	CHECK(reporting_text(&t, &r, in.now, &b) == GEMIS_ELIMIT);
	buf_release(&b);
	rep_result_release(&r);
}

/* A form submitted for the period counts whatever plan is in force now
 * (issue 20: applying a plan that asks nothing of an agency made its
 * approved form disappear from every count); a draft of such an agency is
 * owed nothing, and a form submitted after the moment asked is not in. */
TEST(submitted_forms_count_whatever_the_plan_in_force)
{
	struct plan_view p;
	struct rep_sub subs[4] = {
		{0, 0, "approved", 0},
		{0, 0, "draft", 0},
		{0, 0, "submitted", 0},
		{0, 0, "approved", 0},
	};
	struct rep_input in = {0};
	struct rep_result r;
	const struct rep_form *f;

	plan_binh_lu(&p);
	subs[0].unit = subs[1].unit = subs[2].unit = p.unit;
	subs[0].agency = agency_find("vhxh");
	subs[0].submitted_at = rep_day_start(2026, 11, 20);
	subs[1].agency = agency_find("kinhte");
	subs[2].agency = agency_find("truonghoc");
	subs[2].submitted_at = rep_day_start(2026, 12, 20);
	/* a commune without a plan in force, with an approved form */
	subs[3].unit = tree_find(&t, "03394");
	subs[3].agency = agency_find("yte");
	subs[3].submitted_at = rep_day_start(2026, 11, 1);
	in.t = &t;
	in.scope = tree_find(&t, "12");
	in.year = 2026;
	in.now = rep_day_start(2026, 12, 15);
	in.plans = &p;
	in.nplans = 1;
	in.subs = subs;
	in.nsubs = 4;
	CHECK(reporting_compute(&in, &r) == GEMIS_OK);
	f = form_of(&r, "03390", "vhxh");
	CHECK(f && !f->in_plan && f->state == FORM_ON_TIME && f->nind == 0);
	f = form_of(&r, "03390", "yte");
	CHECK(f && f->in_plan && f->state == FORM_OVERDUE);
	CHECK(form_of(&r, "03390", "kinhte") == NULL);
	CHECK(form_of(&r, "03390", "truonghoc") == NULL);
	f = form_of(&r, "03394", "yte");
	/* no plan, no deadline: submitted, and never late (no date invented) */
	CHECK(f && !f->in_plan && !f->has_due && f->state == FORM_IN);
	/* Bình Lư: yte, congan, vanphong (owed) and vhxh (kept); Sin Suối Hồ: yte */
	CHECK(r.total.expected == 5 && r.total.submitted == 2);
	CHECK(r.units_with_plan == 1);
	rep_result_release(&r);
}

int main(void)
{
	i18n_set_lang(LANG_EN);
	build_tree();
	arena_init(&views_mem, 0);
	RUN(day_start_is_vietnam_midnight);
	RUN(deadline_is_the_end_of_the_day_in_the_plan);
	RUN(drafts_and_returned_forms_are_missing_overdue_only_after_the_deadline);
	RUN(every_agency_with_duties_owes_a_report_with_or_without_indicators);
	RUN(no_deadline_invents_no_date);
	RUN(province_counts_per_commune_and_agency_and_ignores_other_provinces);
	RUN(json_names_states_and_rates);
	RUN(submitted_forms_count_whatever_the_plan_in_force);
	tree_release(&t);
	arena_release(&views_mem);
	return harness_report();
}
