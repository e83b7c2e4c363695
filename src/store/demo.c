/*
 * demo.c: the demo database (see demo.h).
 *
 * Each commune gets a population and a profile from its province (upland
 * Lai Châu: farming, few wage jobs, more adolescent births; industrial Bắc
 * Ninh: many wage jobs; Hải Phòng in between) with seeded noise, and each
 * indicator's parts are drawn around that profile with a trend over the
 * years.  Some communes have not reported 2026 yet, so that the pages show
 * reporting gaps; the three plan communes always report.
 */
#include "demo.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "activities.h"
#include "budget.h"
#include "complaints.h"
#include "drafts.h"
#include "inspections.h"
#include "core/catalog.h"
#include "formats/values_csv.h"
#include "local_indicators.h"
#include "plans.h"
#include "store.h"
#include "submissions.h"
#include "task_progress.h"
#include "tasks.h"
#include "users.h"
#include "util/embed.h"
#include "util/i18n.h"

#include "util/banned.h"

static const char *const demo_provinces[] = {"12", "24", "31"};

const struct demo_account demo_accounts[] = {
	{"admin", "admin", "VN", NULL, "Quản trị hệ thống", N_("the whole country")},
	{"bo.noivu", "ministry", "VN", NULL, "Bộ Nội vụ",
	 N_("the ministry: reads everything, accepts the provinces' reports")},
	{"laichau", "province", "12", NULL, "Sở Nội vụ Lai Châu", N_("Lai Châu and its communes")},
	{"binhlu", "focal", "03390", NULL, "Phòng Văn hóa - Xã hội Bình Lư",
	 N_("Bình Lư's focal point: approves forms, plan, users")},
	{"binhlu.vhxh", "reporter", "03390", "vhxh", "Cán bộ Văn hóa - Xã hội",
	 N_("reports the culture and social office's indicators")},
	{"binhlu.yte", "reporter", "03390", "yte", "Trạm Y tế xã Bình Lư",
	 N_("reports the health station's indicators")},
	{"binhlu.truonghoc", "reporter", "03390", "truonghoc", "Các trường học xã Bình Lư",
	 N_("reports the schools' indicators")},
	{"binhlu.kinhte", "reporter", "03390", "kinhte", "Phòng Kinh tế xã Bình Lư",
	 N_("appraises the agencies' budget estimates")},
	{"binhlu.viewer", "viewer", "03390", NULL, "Người xem", N_("reads Bình Lư's data")},
	{"binhlu.mttq", "supervisor", "03390", NULL, "Ủy ban MTTQ Việt Nam xã Bình Lư",
	 N_("the Fatherland Front: supervises Bình Lư")},
};
const size_t demo_account_count = sizeof(demo_accounts) / sizeof(demo_accounts[0]);

static enum gemis_err add_accounts(struct db *db, const struct tree *t, struct errctx *e)
{
	size_t i;
	enum gemis_err err = GEMIS_OK;

	for (i = 0; i < demo_account_count && !err; i++) {
		const struct demo_account *a = &demo_accounts[i];

		err = users_add(db, t, a->name, (enum role)role_parse(a->role), tree_find(t, a->unit),
				a->agency ? agency_find(a->agency) : -1, a->full_name, DEMO_PASSWORD, NULL, e);
	}
	return err;
}
static const char *const demo_plans[] = {"03390", "09385", "10816"};

struct profile {
	double wage, agri, adol, srb;
	double minority; /* share of pupils of an ethnic minority */
};

static const struct profile profiles[] = {
	{0.30, 0.72, 62, 1.10, 0.85}, /* Lai Châu */
	{0.68, 0.12, 14, 1.15, 0.01}, /* Bắc Ninh */
	{0.55, 0.24, 12, 1.12, 0.02}, /* Hải Phòng */
};

/* splitmix64: small, seedable, good enough for invented numbers */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static double uni(uint64_t *s)
{
	return (double)(next(s) >> 11) / 9007199254740992.0;
}

/* a value spread around 0 by +-w */
static double noise(uint64_t *s, double w)
{
	return (uni(s) * 2 - 1) * w;
}

static long irange(uint64_t *s, long lo, long hi)
{
	return lo + (long)(uni(s) * (double)(hi - lo + 1));
}

static double clamp01(double p)
{
	return p < 0.01 ? 0.01 : p > 1 ? 1 : p;
}

struct gen {
	struct value_rows *rows;
	int unit;
	period_t period;
	enum gemis_err err;
};

static void put(struct gen *g, const char *id, int part, int sex, double v)
{
	struct value_row r = {0};

	if (g->err)
		return;
	r.unit = g->unit;
	r.period = g->period;
	r.ind = catalog_find(id);
	r.part = part;
	r.sex = sex;
	r.value = v;
	g->err = value_rows_push(g->rows, &r);
}

/* a share: den given, num = round(den * p) */
static void share(struct gen *g, const char *id, int sex, double den, double p)
{
	put(g, id, PART_NUM, sex, round(den * clamp01(p)));
	put(g, id, PART_DEN, sex, den);
}

/* Primary completion by sex, and by ethnic group where a plan broke it
 * down (Bình Lư's): the groups' counts add up to the total's. */
static void primary(struct gen *g, const struct profile *pf, int sex, double cohort, double p)
{
	static const char kinh[] = "primary_completion__ethnicity_kinh",
			  minority[] = "primary_completion__ethnicity_minority";
	double done = round(cohort * clamp01(p)), min, min_done;

	put(g, "primary_completion", PART_NUM, sex, done);
	put(g, "primary_completion", PART_DEN, sex, cohort);
	if (catalog_find(minority) < 0 || catalog_find(kinh) < 0)
		return;
	min = round(cohort * pf->minority);
	/* the minority's rate a little below the whole's (no draw from s:
	 * the other invented numbers stay what they were) */
	min_done = fmin(done, round(min * clamp01(p - 0.01)));
	if (done - min_done > cohort - min)
		min_done = done - (cohort - min);
	put(g, minority, PART_NUM, sex, min_done);
	put(g, minority, PART_DEN, sex, min);
	put(g, kinh, PART_NUM, sex, done - min_done);
	put(g, kinh, PART_DEN, sex, cohort - min);
}

static void commune_year(struct gen *g, uint64_t *s, const struct profile *pf, double pop, int y)
{
	double women = round(pop * 0.28), births, boys, srb;
	int sex, q;

	share(g, "female_key_leaders", SEX_T, (double)irange(s, 10, 20), 0.45 + noise(s, 0.12) + 0.04 * y);
	share(g, "female_wage_workers", SEX_T, women, pf->wage + noise(s, 0.07) + 0.015 * y);
	share(g, "female_agri_share", SEX_T, women, pf->agri + noise(s, 0.08) - 0.02 * y);
	share(g, "female_business_leaders", SEX_T, (double)irange(s, 10, 70), 0.26 + noise(s, 0.07) + 0.01 * y);
	share(g, "dv_victims_supported", SEX_F, (double)irange(s, 0, 6), 0.8 + noise(s, 0.15) + 0.04 * y);
	share(g, "dv_victims_supported", SEX_M, (double)irange(s, 0, 1), 0.8 + noise(s, 0.2));
	share(g, "dv_perpetrators_counseled", SEX_M, (double)irange(s, 0, 5), 0.55 + noise(s, 0.2) + 0.05 * y);
	share(g, "dv_perpetrators_counseled", SEX_F, (double)irange(s, 0, 1), 0.6 + noise(s, 0.2));
	if (uni(s) < 0.1) {
		share(g, "trafficking_returnees_supported", SEX_F, (double)irange(s, 1, 2), 0.9 + noise(s, 0.2));
		share(g, "trafficking_returnees_supported", SEX_M, 0, 1);
	}
	births = round(pop * (0.013 + noise(s, 0.003)));
	srb = pf->srb + noise(s, 0.05) - 0.005 * y;
	boys = round(births * srb / (1 + srb));
	put(g, "sex_ratio_at_birth", PART_NUM, SEX_T, boys);
	put(g, "sex_ratio_at_birth", PART_DEN, SEX_T, births - boys);
	put(g, "maternal_mortality", PART_NUM, SEX_T, uni(s) < 0.03 ? 1 : 0);
	put(g, "maternal_mortality", PART_DEN, SEX_T, births);
	share(g, "adolescent_birth_rate", SEX_T, round(pop * 0.035),
	      (pf->adol * (1 + noise(s, 0.3)) - 2 * y) / 1000);
	share(g, "gender_in_curriculum", SEX_T, (double)irange(s, 3, 8), 0.75 + noise(s, 0.15) + 0.07 * y);
	for (sex = SEX_F; sex <= SEX_M; sex++) {
		double cohort = round(pop * 0.008 * (1 + noise(s, 0.1)));

		primary(g, pf, sex, cohort, 0.965 + noise(s, 0.02) + 0.004 * y);
		share(g, "lower_secondary_completion", sex, cohort, 0.88 + noise(s, 0.05) + 0.01 * y);
		share(g, "primary_enrolment", sex, round(cohort * 1.1), 0.985 + noise(s, 0.015));
		share(g, "gender_knowledge_access", sex, round(pop / 2),
		      0.5 + noise(s, 0.1) + 0.06 * y - (sex == SEX_M ? 0.05 : 0));
	}
	share(g, "female_vocational_enrolment", SEX_T, (double)irange(s, 10, 90), 0.33 + noise(s, 0.08) + 0.01 * y);
	share(g, "orgs_informed", SEX_T, (double)irange(s, 15, 30), 0.85 + noise(s, 0.08) + 0.05 * y);
	share(g, "schools_gender_extracurricular", SEX_T, (double)irange(s, 3, 8), 0.6 + noise(s, 0.2) + 0.1 * y);
	if (2024 + y == 2026) {
		/* this year so far: ten months, three quarters */
		share(g, "monthly_programs", SEX_T, 10, (double)irange(s, 5, 10) / 10);
	} else {
		share(g, "monthly_programs", SEX_T, 12, (double)irange(s, 5, 12) / 12);
	}
	for (q = 1; q <= (2024 + y == 2026 ? 3 : 4); q++) {
		period_t keep = g->period;

		g->period = period_quarter(2024 + y, q);
		put(g, "news_items_per_quarter", PART_VALUE, SEX_T, (double)irange(s, 1, 6));
		g->period = keep;
	}
}

static uint64_t seed_of(const char *code)
{
	uint64_t h = 1469598103934665603ull;

	while (*code) {
		h ^= (unsigned char)*code++;
		h *= 1099511628211ull;
	}
	return h;
}

static bool is_plan_commune(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(demo_plans) / sizeof(demo_plans[0]); i++) {
		if (strcmp(demo_plans[i], code) == 0)
			return true;
	}
	return false;
}

static enum gemis_err generate(const struct tree *t, struct value_rows *rows)
{
	struct gen g = {rows, 0, 0, GEMIS_OK};
	size_t k;

	for (k = 0; k < sizeof(demo_provinces) / sizeof(demo_provinces[0]) && !g.err; k++) {
		int p = tree_find(t, demo_provinces[k]), c, y;
		uint64_t ps = seed_of(demo_provinces[k]);

		if (p < 0)
			return GEMIS_ENOTFOUND;
		/* the province's own survey figure: not rolled up from communes */
		for (y = 0; y < 3; y++) {
			g.unit = p;
			g.period = period_year_code(2024 + y);
			put(&g, "unpaid_care_ratio", PART_VALUE, SEX_T,
			    round((1.95 - 0.05 * y + noise(&ps, 0.1)) * 100) / 100);
			share(&g, "social_assistance_gbv", SEX_T, (double)irange(&ps, 3, 6),
			    0.6 + 0.1 * y + noise(&ps, 0.1));
		}
		for (c = t->units[p].first_child; c >= 0 && !g.err; c = t->units[c].next_sibling) {
			const char *code = t->units[c].code;
			uint64_t s = seed_of(code);
			double pop = (double)irange(&s, 8000, 40000);
			bool always = is_plan_commune(code);
			bool late2026 = !always && uni(&s) < 0.12, no2024 = !always && uni(&s) < 0.06;

			g.unit = c;
			for (y = 0; y < 3; y++) {
				if ((y == 0 && no2024) || (y == 2 && late2026))
					continue;
				g.period = period_year_code(2024 + y);
				commune_year(&g, &s, &profiles[k], pop * (1 + 0.01 * y), y);
			}
		}
	}
	return g.err;
}

static enum gemis_err load_plans(struct db *db, const struct tree *t, struct errctx *e)
{
	size_t i;
	enum gemis_err err = GEMIS_OK;

	for (i = 0; i < sizeof(demo_plans) / sizeof(demo_plans[0]) && !err; i++) {
		char name[64];
		const struct embed_file *f;
		json_error_t jerr;
		json_t *plan;
		struct diags d;
		struct plan_info info;

		snprintf(name, sizeof(name), "data/demo/plans/%s.json", demo_plans[i]);
		f = embed_find(name);
		if (!f)
			return err_set(e, GEMIS_ENOTFOUND, "%s is not built into this binary", name);
		plan = json_loadb((const char *)f->data, f->size, 0, &jerr);
		if (!plan)
			return err_set_at(e, GEMIS_EFORMAT, name, "%s", jerr.text);
		diags_init(&d, 20);
		err = plan_load(db, t, plan, "demo", true, &d, &info, e);
		if (err && d.n > 0)
			err_set_at(e, err, name, "%s: %s", d.d[0].field, d.d[0].msg);
		diags_release(&d);
		json_decref(plan);
	}
	return err;
}

/* What an agency's report says of its tasks (every demo form has one). */
/* When the demo's forms were sent (03/12/2026 09:00 in Vietnam) and,
 * an hour later, approved or returned: fixed, so that a page judged on a
 * given day (tests set $GEMIS_TODAY) shows the same whatever the clock. */
#define DEMO_FORMS_AT 1796263200LL

/* Đồng Nguyên's own indicators (the two targets outside the catalog of
 * its demo plan) with the figures its culture-social office recorded for
 * 2025 and 2026: the demo shows them on the ward's pages and report
 * (read as admin or by Bắc Ninh's people). */
static enum gemis_err demo_local_values(struct db *db, const struct tree *t, struct errctx *e)
{
	static const struct {
		int seq, year;
		double value;
	} rec[] = {{1, 2025, 1.2}, {1, 2026, 0.8}, {2, 2025, 88}, {2, 2026, 91.5}};
	struct principal who;
	struct diags d;
	enum gemis_err err = GEMIS_OK;
	long long id;
	size_t i;
	int unit = tree_find(t, "09385");

	/* recorded as "demo", as the demo's values are imported */
	memset(&who, 0, sizeof(who));
	snprintf(who.name, sizeof(who.name), "%s", "demo");
	who.role = ROLE_ADMIN;
	who.unit = tree_find(t, "VN");
	who.agency = -1;
	diags_init(&d, 4);
	for (i = 0; i < sizeof(rec) / sizeof(rec[0]) && !err; i++)
		err = local_record(db, t, &who, unit, rec[i].seq, rec[i].year, rec[i].value, NULL, 0,
				   DEMO_FORMS_AT - 86400LL * 365 * (2026 - rec[i].year), &d, &id, e);
	diags_release(&d);
	return err;
}

static const char demo_narrative[] =
	"Đã triển khai các nhiệm vụ được giao trong kế hoạch năm 2026: tuyên truyền, tập huấn và "
	"thu thập số liệu các chỉ tiêu; một số hoạt động chậm do thiếu kinh phí.";

/* One form of Bình Lư for 2026 taken through the workflow as its people
 * would: the reporter enters the demo values already stored and submits;
 * the focal point approves or returns it. */
static enum gemis_err demo_form(struct db *db, const struct tree *t, const char *agency,
				const char *reporter, enum sub_action last, const char *comment,
				const char *explain_ind, const char *explanation, struct errctx *e)
{
	struct form f;
	struct user_rec u;
	struct principal rep, focal;
	struct submission out;
	struct diags d;
	struct value_row *rows = NULL;
	const char **explain = NULL; /* by catalog index */
	size_t i, n = 0;
	bool found;
	enum gemis_err err;
	int unit = tree_find(t, "03390");

	diags_init(&d, 20);
	err = form_build(db, t, unit, agency_find(agency), 2026, &f, e);
	if (err)
		return err;
	rows = calloc(f.nfields ? f.nfields : 1, sizeof(*rows));
	explain = calloc(catalog_n() ? catalog_n() : 1, sizeof(*explain));
	if (!rows || !explain) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	for (i = 0; i < f.nfields && !err; i++) {
		const struct form_field *x = &f.fields[i];
		double v;

		err = values_get(db, t, unit, x->period, x->ind, x->part, x->sex, &v, &found, e);
		if (!err) {
			/* a field the demo has no number for is entered as 0, as a
			 * reporter does for "no such facility, no such case" */
			rows[n].unit = unit;
			rows[n].period = x->period;
			rows[n].ind = x->ind;
			rows[n].part = x->part;
			rows[n].sex = x->sex;
			rows[n].value = found ? v : 0;
			rows[n].line = (long)i + 1;
			n++;
		}
	}
	if (!err)
		err = users_find(db, reporter, &u, &found, e);
	if (!err && (!found || principal_of(t, &u, &rep)))
		err = err_set(e, GEMIS_ENOTFOUND, "demo account %s", reporter);
	if (!err)
		err = users_find(db, "binhlu", &u, &found, e);
	if (!err && (!found || principal_of(t, &u, &focal)))
		err = err_set(e, GEMIS_ENOTFOUND, "demo account binhlu");
	if (!err && explain_ind && catalog_find(explain_ind) >= 0)
		explain[catalog_find(explain_ind)] = explanation;
	if (!err) {
		struct sub_request rq = {unit, agency_find(agency), 2026, SUB_SUBMIT, 0, rows, n, NULL,
					 explain, demo_narrative, NULL, DEMO_FORMS_AT};

		err = submissions_act(db, t, &rep, &rq, &d, &out, e);
	}
	if (!err && last != SUB_SUBMIT) {
		struct sub_request rq = {unit, agency_find(agency), 2026, last, out.version, NULL, 0,
					 comment, NULL, NULL, NULL, DEMO_FORMS_AT + 3600};

		err = submissions_act(db, t, &focal, &rq, &d, &out, e);
	}
	if (err && d.n > 0)
		err_set(e, err, "demo form %s: %s: %s", agency, d.d[0].field, d.d[0].msg);
out:
	free(rows);
	free(explain);
	form_release(&f);
	diags_release(&d);
	return err;
}

/* Bình Lư's forms of 2026, in every state the reporting page shows. */
static enum gemis_err demo_forms(struct db *db, const struct tree *t, struct errctx *e)
{
	enum gemis_err err;

	err = demo_form(db, t, "vhxh", "binhlu.vhxh", SUB_APPROVE, NULL, "female_key_leaders",
			"Sau sắp xếp bộ máy, một số cơ quan chưa kiện toàn lãnh đạo; dự kiến bổ "
			"nhiệm thêm nữ trưởng phòng năm 2027.",
			e);
	if (!err)
		err = demo_form(db, t, "yte", "binhlu.yte", SUB_SUBMIT, NULL, "sex_ratio_at_birth",
				"Số trẻ sinh ra trong năm ít nên tỷ số biến động mạnh giữa các năm.", e);
	if (!err)
		err = demo_form(db, t, "truonghoc", "binhlu.truonghoc", SUB_RETURN,
				"Đề nghị kiểm tra lại số học sinh hoàn thành tiểu học của học sinh nam.",
				NULL, NULL, e);
	return err;
}

/* What Bình Lư's agencies recorded on their duties in 2026: some done,
 * some in progress, one that could not be done. */
static const struct {
	const char *agency;
	enum task_status status;
	const char *note, *reason;
} demo_progress[] = {
	{"vhxh", TS_DONE, "Phát 21 tin, bài trên loa truyền thanh và trang thông tin điện tử xã; tổ chức Tháng hành động "
			  "tại 8 bản; tham mưu báo cáo năm.", NULL},
	{"yte", TS_IN_PROGRESS, "Tư vấn sức khỏe sinh sản cho 140 phụ nữ tại 5 bản; còn 3 bản vào quý I/2027.", NULL},
	{"kinhte", TS_IN_PROGRESS, "Đã thẩm định dự toán kinh phí; đang giải ngân cho hoạt động truyền thông.", NULL},
	{"congan", TS_NOT_DONE, NULL, "Chưa bố trí được cán bộ nữ làm công tác hòa giải ở cơ sở do thiếu biên chế."},
};

/* What its culture-social office logged: the third quarter of 2026 (five
 * news items, a programme a month, a training, a home visit) and the
 * Action Month. */
static const struct {
	int m, d;
	enum act_kind kind;
	enum act_channel channel;
	const char *title, *place;
	int women, men;
} demo_log[] = {
	{7, 3, AK_NEWS, AC_LOUDSPEAKER, "Tuyên truyền Luật Bình đẳng giới trên loa truyền thanh", "", -1, -1},
	{7, 15, AK_BROADCAST, AC_LOUDSPEAKER, "Chuyên mục Bình đẳng giới tháng 7", "", -1, -1},
	{7, 24, AK_NEWS, AC_PORTAL, "Bình Lư đẩy mạnh công tác bình đẳng giới năm 2026", "", -1, -1},
	{8, 8, AK_TRAINING, AC_DIRECT, "Tập huấn kỹ năng phòng, chống bạo lực gia đình", "Bản Nà Ún", 23, 12},
	{8, 12, AK_NEWS, AC_SOCIAL, "Phụ nữ dân tộc thiểu số làm kinh tế giỏi", "", -1, -1},
	{8, 19, AK_BROADCAST, AC_LOUDSPEAKER, "Chuyên mục Bình đẳng giới tháng 8", "", -1, -1},
	{9, 5, AK_NEWS, AC_LOUDSPEAKER, "Phòng, chống tảo hôn và hôn nhân cận huyết thống", "", -1, -1},
	{9, 16, AK_BROADCAST, AC_LOUDSPEAKER, "Chuyên mục Bình đẳng giới tháng 9", "", -1, -1},
	{9, 20, AK_HOME_VISIT, AC_DIRECT, "Thăm hộ gia đình có nguy cơ bạo lực gia đình", "Bản Phiêng Kham", 3, 2},
	{9, 28, AK_NEWS, AC_PORTAL, "Kết quả thực hiện kế hoạch bình đẳng giới 9 tháng", "", -1, -1},
	{11, 15, AK_EVENT, AC_DIRECT, "Lễ phát động Tháng hành động vì bình đẳng giới", "Trung tâm xã", 120, 85},
	{11, 16, AK_NEWS, AC_BANNER, "Băng rôn hưởng ứng Tháng hành động vì bình đẳng giới", "8 bản", -1, -1},
	{11, 20, AK_NEWS, AC_LOUDSPEAKER, "Tháng hành động: chung tay chấm dứt bạo lực trên cơ sở giới", "", -1, -1},
	{11, 27, AK_CONFERENCE, AC_DIRECT, "Hội nghị đối thoại chính sách về bình đẳng giới", "Hội trường UBND xã", 46, 39},
};

/* Bình Lư's inspections and supervision of 2026: who inspected what and
 * when, what they found, what they recommended to which agency by when,
 * and how far each recommendation got (the last step: 0 issued, 1
 * followed up, 2 closed) by 15/12, when one is overdue and one falls due
 * within the week; the last inspection is still to be held. */
static const struct {
	enum insp_body body;
	const char *agency, *subject;
	int fm, fd, tm, td, hm, hd; /* planned from, to, held (0: not yet) */
	const char *findings;
	struct {
		const char *agency, *text;
		int m, d, steps;
		const char *reply;
	} rec[2];
} demo_inspections[] = {
	{IB_COMMUNE, "vhxh", "Kiểm tra việc lồng ghép bình đẳng giới trong kế hoạch công tác năm 2026", 3, 10, 3, 20, 3, 18,
	 "Kế hoạch có chỉ tiêu về bình đẳng giới nhưng báo cáo quý I chưa có số liệu tách biệt theo giới tính.",
	 {{"vhxh", "Bổ sung số liệu tách biệt theo giới tính vào báo cáo quý.", 6, 30, 2,
	   "Báo cáo quý II đã có số liệu theo giới tính."}}},
	{IB_FRONT, "kinhte", "Giám sát việc thực hiện chính sách hỗ trợ phụ nữ phát triển kinh tế tại Bản Nà Ún", 5, 4, 5, 15, 5,
	 12, "Tỷ lệ hộ do phụ nữ làm chủ được vay vốn ưu đãi còn thấp (12/47 hộ).",
	 {{"kinhte", "Ưu tiên hướng dẫn hồ sơ vay vốn cho hộ do phụ nữ làm chủ.", 9, 30, 1,
	   "Đã hướng dẫn 18 hộ; 9 hộ được giải ngân."}}},
	{IB_PROVINCE, "yte", "Kiểm tra công tác chăm sóc sức khỏe sinh sản tại Trạm Y tế xã", 8, 3, 8, 14, 8, 6,
	 "Sổ theo dõi tư vấn không ghi giới tính người được tư vấn.",
	 {{"yte", "Lập sổ theo dõi tư vấn có cột giới tính từ quý IV.", 10, 31, 0, NULL}}},
	{IB_COMMUNE, "congan", "Kiểm tra công tác phòng, chống bạo lực gia đình", 10, 5, 10, 16, 10, 14,
	 "Tổ hòa giải ở 3/8 bản chưa có thành viên nữ.",
	 {{"congan", "Bố trí thành viên nữ vào tổ hòa giải của 3 bản còn thiếu.", 12, 20, 0, NULL},
	  {"thon", "Rà soát danh sách tổ hòa giải và báo cáo Công an xã.", 11, 30, 2, "Đã rà soát, gửi danh sách ngày 25/11."}}},
	{IB_COMMUNE, NULL, "Kiểm tra việc tổ chức Tháng hành động tại các bản", 12, 16, 12, 18, 0, 0, NULL, {{NULL}}},
};

/* One recommendation of the demo, taken to its step. */
static enum gemis_err demo_rec(struct db *db, const struct tree *t, const struct principal *by, int unit,
			       long long insp, const char *agency, const char *text, struct date due, int steps,
			       const char *reply, long long now, struct diags *d, struct errctx *e)
{
	struct principal focal = {0, "binhlu", ROLE_FOCAL, unit, -1};
	struct rec_fields f = {text, agency_find(agency), due};
	long long id = 0;
	enum gemis_err err;

	err = recommendation_issue(db, t, by, unit, insp, &f, now, &id, d, e);
	if (!err && steps >= 1)
		err = recommendation_act(db, t, &focal, unit, id, REC_FOLLOW_UP, 1, reply, now, NULL, e);
	if (!err && steps >= 2)
		err = recommendation_act(db, t, by, unit, id, REC_CLOSE, 2, NULL, now, NULL, e);
	return err;
}

static enum gemis_err demo_oversight(struct db *db, const struct tree *t, struct date today, long long now,
				     struct diags *d, struct errctx *e)
{
	int unit = tree_find(t, "03390");
	struct principal focal = {0, "binhlu", ROLE_FOCAL, unit, -1};
	struct principal province = {0, "laichau", ROLE_PROVINCE, tree_find(t, "12"), -1};
	enum gemis_err err = GEMIS_OK;
	size_t i, k;

	for (i = 0; !err && i < sizeof(demo_inspections) / sizeof(demo_inspections[0]); i++) {
		const struct principal *by = demo_inspections[i].body == IB_PROVINCE ? &province : &focal;
		struct inspection x;

		memset(&x, 0, sizeof(x));
		x.unit = unit;
		x.f.year = 2026;
		x.f.body = demo_inspections[i].body;
		x.f.agency = demo_inspections[i].agency ? agency_find(demo_inspections[i].agency) : -1;
		x.f.subject = demo_inspections[i].subject;
		x.f.from = (struct date){2026, demo_inspections[i].fm, demo_inspections[i].fd};
		x.f.to = (struct date){2026, demo_inspections[i].tm, demo_inspections[i].td};
		x.f.held = demo_inspections[i].hm > 0;
		x.f.held_on = (struct date){2026, demo_inspections[i].hm, demo_inspections[i].hd};
		x.f.findings = demo_inspections[i].findings;
		err = inspection_save(db, t, by, &x, today, now, d, e);
		for (k = 0; !err && k < 2 && demo_inspections[i].rec[k].agency; k++)
			err = demo_rec(db, t, by, unit, x.id, demo_inspections[i].rec[k].agency, demo_inspections[i].rec[k].text,
				       (struct date){2026, demo_inspections[i].rec[k].m, demo_inspections[i].rec[k].d},
				       demo_inspections[i].rec[k].steps, demo_inspections[i].rec[k].reply, now, d, e);
	}
	return err;
}

/* Bình Lư's feedback and complaints of 2026 (invented people): a year of
 * matters by every channel, most answered in time, one answered late, one
 * withdrawn, two still open of which one is overdue on 15/12/2026, one
 * about violence referred to the case register by code when the register
 * has a case (it has none in the demo: the referral is left to do). */
static const struct {
	int m, d, channel, kind;
	const char *field, *agency, *name, *contact, *text;
	int am, ad; /* answered on (0: not); -1: withdrawn; -2: being handled */
	const char *answer;
} demo_matters[] = {
	{1, 12, CH_IN_PERSON, CK_PETITION, "economy", "kinhte", "Lò Thị Mai", "Bản Nà Ún",
	 "Đề nghị ưu tiên phụ nữ dân tộc thiểu số trong lớp tập huấn trồng chè.", 2, 3,
	 "Lớp tập huấn tháng 3 dành 60% chỗ cho phụ nữ; đã thông báo tại bản."},
	{2, 20, CH_MASS_ORG, CK_FEEDBACK, "family", "vhxh", "Hội LHPN xã (thay mặt hội viên)", "Chi hội bản Hua Pả",
	 "Phản ánh việc một số gia đình không cho con gái đi học tiếp lên THCS.", 3, 10,
	 "Đã phối hợp nhà trường vận động; 3 em trở lại lớp."},
	{3, 5, CH_HOTLINE, CK_DENUNCIATION, "family", "congan", "Người tố cáo giấu tên", "",
	 "Tố cáo hành vi bạo lực gia đình tại bản Nà Ún.", 4, 6,
	 "Công an xã đã xác minh, lập biên bản và chuyển hỗ trợ nạn nhân."},
	{4, 2, CH_LETTER, CK_COMPLAINT, "economy", "kinhte", "Vàng Thị Sua", "0912 345 678",
	 "Khiếu nại việc không được xét vay vốn ưu đãi vì là phụ nữ đơn thân.", 6, 1,
	 "Đã xét lại hồ sơ; bà Sua được vay vốn từ tháng 6."},
	{5, 14, CH_PORTAL, CK_PETITION, "health", "yte", "Nguyễn Văn Hùng", "hung.nv@example.vn",
	 "Kiến nghị tổ chức tư vấn sức khỏe sinh sản cho nam thanh niên.", 6, 10,
	 "Trạm Y tế tổ chức buổi tư vấn ngày 20/6."},
	{6, 25, CH_PHONE, CK_FEEDBACK, "politics", "vhxh", "Điêu Thị Hoa", "0987 111 222",
	 "Phản ánh danh sách cán bộ nguồn của xã ít nữ.", 0, 0, NULL},
	{8, 8, CH_IN_PERSON, CK_COMPLAINT, "education", "truonghoc", "Lò Văn Pánh", "Bản Hua Pả",
	 "Khiếu nại việc phân công giáo viên nữ trực đêm nội trú.", -1, 0, NULL},
	{9, 17, CH_HOTLINE, CK_FEEDBACK, "family", "vhxh", "Người phản ánh giấu tên", "",
	 "Phản ánh tình trạng tảo hôn tại bản Nà Ún.", -2, 0, NULL},
	{11, 20, CH_MASS_ORG, CK_PETITION, "communication", "vhxh", "Đoàn Thanh niên xã", "",
	 "Kiến nghị phát thanh về bình đẳng giới bằng tiếng dân tộc.", 12, 1,
	 "Đài truyền thanh xã phát bản tin song ngữ từ tháng 12."},
	{12, 1, CH_LETTER, CK_COMPLAINT, "economy", "kinhte", "Tòng Thị Lả", "Bản Pá Khoang",
	 "Khiếu nại việc chia đất sản xuất không ghi tên vợ trên giấy chứng nhận.", 0, 0, NULL},
};

static enum gemis_err demo_matter(const struct cmp_session *s, int unit, size_t i, struct diags *d, struct errctx *e)
{
	struct cmp_fields f = {(struct date){2026, demo_matters[i].m, demo_matters[i].d}, demo_matters[i].channel,
			       demo_matters[i].kind, goal_parse(demo_matters[i].field), agency_find(demo_matters[i].agency),
			       false, demo_matters[i].name, demo_matters[i].contact, demo_matters[i].text};
	char code[CMP_CODE_MAX + 1];
	int am = demo_matters[i].am;
	enum gemis_err err = complaint_add(s, unit, &f, code, d, e);

	if (!err && am > 0)
		err = complaint_answer(s, code, 1, CS_ANSWERED, (struct date){2026, am, demo_matters[i].ad},
				       demo_matters[i].answer, d, e);
	else if (!err && am < 0)
		err = complaint_answer(s, code, 1, am == -1 ? CS_WITHDRAWN : CS_HANDLING, s->today, NULL, d, e);
	return err;
}

enum gemis_err demo_complaints(struct db *db, const struct tree *t, const struct seal_key *key, struct errctx *e)
{
	int unit = tree_find(t, "03390");
	struct principal focal = {0, "binhlu", ROLE_FOCAL, unit, -1};
	struct cmp_session s = {db, t, &focal, key, {2026, 12, 15}, 1796169600};
	struct diags d;
	enum gemis_err err = GEMIS_OK;
	size_t i;

	diags_init(&d, 20);
	for (i = 0; !err && i < sizeof(demo_matters) / sizeof(demo_matters[0]); i++)
		err = demo_matter(&s, unit, i, &d, e);
	if (err && d.n)
		err = err_set(e, err, "demo complaint %zu: %s: %s", i, d.d[0].field, d.d[0].msg);
	diags_release(&d);
	return err;
}

/* Bình Lư's drafts of 2026 and their gender checks: two reviewed and
 * issued, one issued without a check, one still being filled. */
static const struct {
	const char *agency, *by, *reviewer;
	int kind;
	const char *title;
	int m, d;      /* the day of the draft */
	bool submit;
	const char *issued_no;
	int im, id;    /* the day issued */
	const char *answers[6]; /* affected, gender_issue, widens_gap, impact, data_used, mitigation */
} demo_drafts[] = {
	{"kinhte", "binhlu.kinhte", "binhlu.vhxh", DK_DECISION,
	 "Quyết định hỗ trợ phát triển sinh kế cho hộ nghèo năm 2026", 3, 2, true, "15/QĐ-UBND", 3, 20,
	 {"212 hộ nghèo: 498 nữ, 476 nam; 47 hộ do phụ nữ làm chủ", "Hộ do phụ nữ làm chủ ít được vay vốn ưu đãi",
	  "no", "Phụ nữ được hưởng khoảng 45% khoản hỗ trợ", "Rà soát hộ nghèo 2025 (theo giới tính chủ hộ)",
	  "Ưu tiên hộ do phụ nữ làm chủ; hướng dẫn hồ sơ tại bản"}},
	{"ttdv", "binhlu.ttdv", NULL, DK_DECISION, "Quyết định mở lớp đào tạo nghề cho lao động nông thôn", 6, 1, false,
	 "60/QĐ-UBND", 6, 20, {NULL}},
	{"vhxh", "binhlu.vhxh", "binhlu", DK_PLAN,
	 "Kế hoạch tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2026", 10,
	 15, true, "120/KH-UBND", 11, 5,
	 {"Toàn xã: 2.305 nữ, 2.214 nam", "Bạo lực gia đình, định kiến giới ở các bản vùng cao", "no",
	  "Nữ và nam cùng được truyền thông; nam giới được vận động tham gia", "Số liệu dân số 2025; sổ theo dõi bạo lực gia đình",
	  "Tổ chức truyền thông tại 8 bản, có nội dung cho nam giới"}},
	{"congan", "binhlu.congan", NULL, DK_PLAN, "Kế hoạch phòng, chống bạo lực gia đình năm 2027", 11, 20, false, NULL, 0, 0,
	 {"Các hộ gia đình ở 8 bản", "Phụ nữ là nạn nhân trong phần lớn vụ việc", NULL, NULL, NULL, NULL}},
};

static enum gemis_err demo_draft(struct db *db, const struct tree *t, size_t i, struct date today, long long now,
				 struct diags *d, struct errctx *e)
{
	static const char *const q[6] = {"affected", "gender_issue", "widens_gap", "impact", "data_used", "mitigation"};
	int unit = tree_find(t, "03390");
	struct principal by = {0, "", ROLE_REPORTER, unit, agency_find(demo_drafts[i].agency)};
	struct principal focal = {0, "binhlu", ROLE_FOCAL, unit, -1};
	struct principal office = {0, "binhlu.vhxh", ROLE_REPORTER, unit, agency_find("vhxh")};
	struct draft_answer a[6];
	struct draft x;
	size_t na = 0, k;
	enum gemis_err err;

	snprintf(by.name, sizeof(by.name), "%s", demo_drafts[i].by);
	for (k = 0; k < 6; k++) {
		if (demo_drafts[i].answers[k]) {
			a[na].question = q[k];
			a[na++].answer = demo_drafts[i].answers[k];
		}
	}
	memset(&x, 0, sizeof(x));
	x.unit = unit;
	x.f.kind = demo_drafts[i].kind;
	x.f.title = demo_drafts[i].title;
	x.f.drafted_on = (struct date){2026, demo_drafts[i].m, demo_drafts[i].d};
	x.f.agency = by.agency;
	err = draft_save(db, t, &by, &x, a, na, demo_drafts[i].submit, today, now, d, e);
	if (!err && demo_drafts[i].reviewer)
		err = draft_act(db, t, strcmp(demo_drafts[i].reviewer, "binhlu") == 0 ? &focal : &office, unit, x.id, DR_REVIEW,
				x.version, "Đạt yêu cầu lồng ghép bình đẳng giới", now, e);
	if (!err && demo_drafts[i].issued_no)
		err = draft_issue(db, t, &focal, unit, x.id, x.version + (demo_drafts[i].reviewer ? 1 : 0),
				  demo_drafts[i].issued_no, (struct date){2026, demo_drafts[i].im, demo_drafts[i].id}, today, now,
				  d, e);
	return err;
}

static enum gemis_err demo_work(struct db *db, const struct tree *t, struct errctx *e)
{
	struct principal focal = {0, "binhlu", ROLE_FOCAL, tree_find(t, "03390"), -1};
	const struct date today = {2026, 12, 15};
	const long long now = 1796169600; /* 02/12/2026 */
	struct task_list tl;
	struct diags d;
	enum gemis_err err;
	size_t i, k;

	memset(&tl, 0, sizeof(tl));
	diags_init(&d, 20);
	err = tasks_of_unit(db, t, focal.unit, &tl, e);
	for (i = 0; !err && i < sizeof(demo_progress) / sizeof(demo_progress[0]); i++) {
		struct task_update u;
		long long id;

		for (k = 0; k < tl.n && !(tl.t[k].nlead && strcmp(tl.t[k].lead[0], demo_progress[i].agency) == 0); k++)
			;
		if (k == tl.n)
			continue;
		memset(&u, 0, sizeof(u));
		u.uid = tl.t[k].uid;
		u.agency = agency_find(demo_progress[i].agency);
		u.period = period_year_code(2026);
		u.status = demo_progress[i].status;
		u.note = demo_progress[i].note;
		u.reason = demo_progress[i].reason;
		err = task_record(db, t, &focal, focal.unit, &u, now, &d, &id, e);
	}
	for (i = 0; !err && i < sizeof(demo_log) / sizeof(demo_log[0]); i++) {
		struct activity a;

		memset(&a, 0, sizeof(a));
		a.unit = focal.unit;
		a.agency = agency_find("vhxh");
		a.day = (struct date){2026, demo_log[i].m, demo_log[i].d};
		a.kind = demo_log[i].kind;
		a.channel = demo_log[i].channel;
		snprintf(a.title, sizeof(a.title), "%s", demo_log[i].title);
		snprintf(a.place, sizeof(a.place), "%s", demo_log[i].place);
		a.women = demo_log[i].women;
		a.men = demo_log[i].men;
		a.action_month = act_in_action_month(a.day);
		err = activity_save(db, t, &focal, &a, today, now, &d, e);
	}
	if (!err)
		err = demo_oversight(db, t, today, now, &d, e);
	for (i = 0; !err && i < sizeof(demo_drafts) / sizeof(demo_drafts[0]); i++)
		err = demo_draft(db, t, i, today, now, &d, e);
	if (err && d.n > 0)
		err_set(e, err, "demo work: %s: %s", d.d[0].field, d.d[0].msg);
	task_list_release(&tl);
	diags_release(&d);
	return err;
}

/* Bình Lư's budget: two years of lines through the whole workflow (the
 * agency estimates, the economic office appraises, the focal point records
 * the committee's decision, the agency records what it spent), one line
 * spent above what was approved, and a 2026 line still waiting for
 * appraisal. */
static const struct {
	int year;
	const char *agency, *task, *source, *title, *estimate, *appraised, *approved, *spent, *decision, *day;
} demo_budget[] = {
	{2025, "vhxh", "2.1", "nsnn_xa", "Tuyên truyền, phổ biến pháp luật về bình đẳng giới", "15.000.000", "14.000.000", "14.000.000", "13.850.000", "215/QĐ-UBND",
	 "27/12/2024"},
	{2025, "vhxh", "4", "ctmtqg_gnbv", "Tập huấn kỹ năng phòng, chống bạo lực gia đình", "8.000.000", "8.000.000",
	 "8.000.000", "8.600.000", "215/QĐ-UBND", "27/12/2024"},
	{2025, "kinhte", "2.2", "ctmtqg_ntm", "Hỗ trợ phụ nữ khởi nghiệp, phát triển sinh kế", "20.000.000", "18.000.000",
	 "18.000.000", "17.200.000", "215/QĐ-UBND", "27/12/2024"},
	{2026, "vhxh", "2.1", "nsnn_xa", "Tuyên truyền, phổ biến pháp luật về bình đẳng giới", "16.500.000", "16.000.000", "16.000.000", "9.500.000", "198/QĐ-UBND",
	 "30/12/2025"},
	{2026, "vhxh", "4", "nsnn_tinh", "Tháng hành động vì bình đẳng giới và phòng, chống bạo lực trên cơ sở giới",
	 "12.500.000", "12.000.000", "12.000.000", "11.800.000", "198/QĐ-UBND", "30/12/2025"},
	{2026, "kinhte", "2.2", "ctmtqg_ntm", "Hỗ trợ phụ nữ khởi nghiệp, phát triển sinh kế", "25.000.000", "22.000.000",
	 "22.000.000", NULL, "198/QĐ-UBND", "30/12/2025"},
	{2026, "yte", NULL, "khac", "Tư vấn sức khỏe sinh sản tại các bản", "6.000.000", NULL, NULL, NULL, NULL, NULL},
};

/* One step of the demo's budget; a problem names the line and field. */
static enum gemis_err budget_step_demo(struct db *db, const struct tree *t, const struct principal *who, long long id,
				       struct budget_step *s, long long now, struct diags *d, struct errctx *e)
{
	enum gemis_err err = budget_act(db, t, who, who->unit, id, s, now, d, e);

	s->version++;
	if (err && d->n > 0)
		err_set(e, err, "demo budget line %lld: %s: %s", id, d->d[0].field, d->d[0].msg);
	return err;
}

static enum gemis_err demo_budget_line(struct db *db, const struct tree *t, size_t i, long long now, struct diags *d,
				       struct errctx *e)
{
	int unit = tree_find(t, "03390");
	struct principal focal = {0, "binhlu", ROLE_FOCAL, unit, -1};
	struct principal office = {0, "binhlu.kinhte", ROLE_REPORTER, unit, agency_find("kinhte")};
	struct principal agency = {0, "", ROLE_REPORTER, unit, agency_find(demo_budget[i].agency)};
	struct budget_fields f = {NULL, demo_budget[i].agency, demo_budget[i].task ? demo_budget[i].task : "",
				  demo_budget[i].source, demo_budget[i].title, demo_budget[i].estimate, NULL};
	struct budget_step s;
	char year[8];
	long long id = 0;
	enum gemis_err err;

	snprintf(agency.name, sizeof(agency.name), "binhlu.%s", demo_budget[i].agency);
	snprintf(year, sizeof(year), "%d", demo_budget[i].year);
	f.year = year;
	memset(&s, 0, sizeof(s));
	s.version = 1;
	err = budget_add(db, t, &agency, unit, &f, true, now, d, &id, e);
	if (!err && !demo_budget[i].appraised)
		return GEMIS_OK;
	s.action = "appraise";
	s.amount = demo_budget[i].appraised;
	if (!err)
		err = budget_step_demo(db, t, &office, id, &s, now + 86400, d, e);
	s.action = "approve";
	s.amount = demo_budget[i].approved;
	s.decision_no = demo_budget[i].decision;
	s.decision_date = demo_budget[i].day;
	if (!err)
		err = budget_step_demo(db, t, &focal, id, &s, now + 2 * 86400, d, e);
	s.action = "spend";
	s.amount = demo_budget[i].spent;
	if (!err && demo_budget[i].spent)
		err = budget_step_demo(db, t, &agency, id, &s, now + 200 * 86400, d, e);
	return err;
}

static enum gemis_err demo_budget_lines(struct db *db, const struct tree *t, struct errctx *e)
{
	struct diags d;
	enum gemis_err err = GEMIS_OK;
	size_t i;

	diags_init(&d, 20);
	for (i = 0; !err && i < sizeof(demo_budget) / sizeof(demo_budget[0]); i++) {
		/* estimates are made in the autumn before their year */
		long long now = demo_budget[i].year == 2025 ? 1733011200 /* 01/12/2024 */ : 1764547200 /* 01/12/2025 */;

		err = demo_budget_line(db, t, i, now, &d, e);
		if (err && d.n > 0)
			err_set(e, err, "demo budget line %zu: %s: %s", i + 1, d.d[0].field, d.d[0].msg);
	}
	diags_release(&d);
	return err;
}

enum gemis_err demo_build(struct db *db, int flags, values_progress_fn progress, void *pctx,
			  struct errctx *e)
{
	struct tree t;
	struct value_rows rows = {0};
	struct diags d;
	struct values_result res;
	enum gemis_err err;
	long long n;
	bool found;

	err = db_query_int(db, e, &n, &found,
			   "SELECT (SELECT COUNT(*) FROM datavalues) + (SELECT COUNT(*) FROM plans)", "");
	if (err)
		return err;
	if (n > 0)
		return err_set(e, GEMIS_ECONFLICT,
			       "this database already holds values or plans; build the demo in a new "
			       "one (--db demo.db)");
	tree_init(&t);
	diags_init(&d, 20);
	err = units_load_tree(db, &t, e);
	/* all or nothing: a demo that fails half-way leaves no half demo */
	if (!err)
		err = db_begin(db, e);
	if (err)
		goto out;
	err = load_plans(db, &t, e);
	if (!err)
		err = generate(&t, &rows);
	if (!err) {
		err = values_import(db, &t, rows.v, rows.n, "demo", "demo", 0, &d, &res, progress, pctx, e);
		if (err && d.n > 0)
			err_set(e, err, "demo value %ld: %s: %s", d.d[0].line, d.d[0].field, d.d[0].msg);
	}
	if (!err)
		err = add_accounts(db, &t, e);
	if (!err)
		err = demo_local_values(db, &t, e);
	/* the progress first: an approved form locks its agency's year */
	if (!err && (flags & DEMO_FORMS))
		err = demo_work(db, &t, e);
	if (!err && (flags & DEMO_FORMS))
		err = demo_forms(db, &t, e);
	if (!err && (flags & DEMO_FORMS))
		err = demo_budget_lines(db, &t, e);
	if (!err)
		err = store_meta_set(db, "demo", "1", e);
	if (!err)
		err = db_commit(db, e);
	else
		db_rollback(db);
out:
	value_rows_release(&rows);
	diags_release(&d);
	tree_release(&t);
	return err;
}
