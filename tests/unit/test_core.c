/*
 * test_core.c: the catalog, periods, the tree, progress assessment, the
 * layout of the engine's cells and its roll-up, with no database.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/assess.h"
#include "core/catalog.h"
#include "core/dataset.h"
#include "core/engine.h"
#include "core/indset.h"
#include "core/layout.h"
#include "core/password.h"
#include "core/period.h"
#include "core/tree.h"
#include "core/validate.h"
#include "util/i18n.h"
#include "harness.h"
#include "tree_fixture.h"

TEST(catalog_ids_unique_and_complete)
{
	size_t i, j;
	static const char *const by_sex[] = {"primary_completion", "lower_secondary_completion",
					     "primary_enrolment", "gender_knowledge_access",
					     "dv_victims_supported", "dv_perpetrators_counseled",
					     "trafficking_returnees_supported"};
	size_t nsex = 0;

	CHECK(catalog_n() == 24);
	for (i = 0; i < catalog_n(); i++) {
		const struct indicator *d = &catalog[i];

		CHECK(d->name_vi[0] && d->name_en[0] && d->unit[0]);
		CHECK(d->factor > 0);
		CHECK((unsigned)d->goal < GOAL_COUNT);
		CHECK(catalog_find(d->id) == (int)i);
		for (j = i + 1; j < catalog_n(); j++)
			CHECK(strcmp(d->id, catalog[j].id) != 0);
		if (d->by_sex)
			nsex++;
		CHECK(d->part_vi[0] != NULL);
		CHECK((d->kind == IND_RATIO) == (d->part_vi[1] != NULL));
	}
	CHECK(nsex == sizeof(by_sex) / sizeof(by_sex[0]));
	for (i = 0; i < nsex; i++)
		CHECK(catalog[catalog_find(by_sex[i])].by_sex);
	CHECK(catalog_find("nope") == -1);
}

/* Column heads on a phone need a short name for every indicator, shorter
 * than the full one; pupils are girls and boys, not women and men. */
/* Characters (UTF-8 code points) of s: a head's width goes by them. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

TEST(catalog_short_names)
{
	size_t i;

	for (i = 0; i < catalog_n(); i++) {
		const struct indicator *d = &catalog[i];

		CHECK(indicator_short_known(d));
		CHECK(chars(indicator_short_name(d, LANG_VI)) <= 30);
		CHECK(chars(indicator_short_name(d, LANG_EN)) <= 32);
		CHECK(strlen(indicator_short_name(d, LANG_EN)) < strlen(d->name_en) ||
		      strcmp(indicator_short_name(d, LANG_EN), d->name_en) == 0);
	}
	CHECK_STR(indicator_short_name(&catalog[catalog_find("female_masters")], LANG_VI), "Nữ thạc sĩ");
	i18n_set_lang(LANG_EN);
	CHECK_STR(indicator_sex_name(&catalog[catalog_find("primary_completion")], SEX_F), "Girls");
	CHECK_STR(indicator_sex_name(&catalog[catalog_find("primary_enrolment")], SEX_M), "Boys");
	CHECK_STR(indicator_sex_name(&catalog[catalog_find("gender_knowledge_access")], SEX_F), "Women");
	CHECK_STR(indicator_sex_name(NULL, SEX_M), "Men");
	i18n_set_lang(LANG_VI);
}

TEST(catalog_national_targets)
{
	const struct indicator *d = &catalog[catalog_find("female_key_leaders")];

	CHECK(d->has_national && d->national_dir == DIR_AT_LEAST && d->national_value == 75);
	d = &catalog[catalog_find("female_agri_share")];
	CHECK(d->has_national && d->national_dir == DIR_AT_MOST && d->national_value == 25);
	CHECK(d->polarity == POL_LOWER);
	d = &catalog[catalog_find("sex_ratio_at_birth")];
	CHECK(d->national_dir == DIR_AT_MOST && d->national_value == 109 && !d->share);
	d = &catalog[catalog_find("maternal_mortality")];
	CHECK(!d->has_national && d->factor == 100000);
	d = &catalog[catalog_find("unpaid_care_ratio")];
	CHECK(d->kind == IND_VALUE && d->national_value == 1.4);
	d = &catalog[catalog_find("gender_in_curriculum")];
	CHECK(d->has_national && d->national_dir == DIR_ACHIEVE);
}

TEST(periods)
{
	period_t p;
	char buf[16];
	static const char *const good[] = {"2026", "2026Q1", "2026Q4", "2026-01", "2026-12", "1990"};
	static const char *const bad[] = {"", "26", "2026Q5", "2026Q0", "2026-13", "2026-00",
					  "2026-7", "1989", "2048", "2026q3", "20x6", "2026 "};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CHECK(period_parse(good[i], strlen(good[i]), &p));
		period_format(p, buf, sizeof(buf));
		CHECK_STR(buf, good[i]);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(!period_parse(bad[i], strlen(bad[i]), &p));
	CHECK(period_parse("2026Q3", 6, &p) && period_kind(p) == PERIOD_QUARTER && period_index(p) == 3 &&
	      period_year(p) == 2026);
	CHECK(period_parse("2026-07", 7, &p) && period_kind(p) == PERIOD_MONTH && period_index(p) == 7);
	CHECK(period_year_code(2026) < period_quarter(2026, 1));
	CHECK(period_quarter(2026, 4) < period_month(2026, 1));
}

/* VN -> P1 -> C1, C2; VN -> P2 -> C3 */
TEST(tree_basics)
{
	struct tree t;
	struct errctx e = {0};

	small_tree(&t);
	CHECK(t.n == 6);
	CHECK(tree_find(&t, "C2") == 4);
	CHECK(tree_find(&t, "XX") == -1);
	CHECK(tree_contains(&t, 0, 5));
	CHECK(tree_contains(&t, 1, 4));
	CHECK(!tree_contains(&t, 1, 5));
	CHECK(!tree_contains(&t, 3, 1));
	CHECK(t.units[0].nleaves == 3 && t.units[1].nleaves == 2 && t.units[5].nleaves == 1);
	CHECK(t.units[3].depth == 2);
	CHECK(tree_add(&t, "C1", "dup", NULL, LEVEL_COMMUNE, "P1", 0, &e) == GEMIS_EINVAL);
	CHECK(tree_add(&t, "C9", "orphan", NULL, LEVEL_COMMUNE, "PX", 0, &e) == GEMIS_EINVAL);
	CHECK(tree_add(&t, "R2", "root", NULL, LEVEL_NATION, NULL, 0, &e) == GEMIS_EINVAL);
	tree_release(&t);
}

static struct target tgt(enum direction dir, double v, int year)
{
	struct target t = {0};

	t.dir = dir;
	t.value = v;
	t.has_value = true;
	t.year = year;
	t.origin = -1;
	return t;
}

static enum status judge(const struct target *t, const char *unit, int n, const int *years,
			 const double *vals, double *ratio)
{
	struct series_point pts[8];
	struct assessment a;
	int i;

	for (i = 0; i < n; i++) {
		pts[i].year = years[i];
		pts[i].value = vals[i];
	}
	assess(t, unit, pts, n, &a);
	if (ratio)
		*ratio = a.ratio;
	return a.status;
}

TEST(assess_statuses)
{
	struct target t = tgt(DIR_AT_LEAST, 60, 2030);
	int y2[] = {2024, 2026};
	double r;

	CHECK(judge(&t, "%", 2, y2, (double[]){40, 46}, &r) == ST_ON_TRACK);
	/* R = ((46/40)^(1/2) - 1) / ((60/40)^(1/6) - 1) */
	CHECK_EQ_DBL(r, (pow(46.0 / 40, 0.5) - 1) / (pow(1.5, 1.0 / 6) - 1), 1e-12);
	CHECK(judge(&t, "%", 2, y2, (double[]){40, 44}, NULL) == ST_AT_RISK);
	CHECK(judge(&t, "%", 2, y2, (double[]){40, 41}, NULL) == ST_OFF_TRACK);
	CHECK(judge(&t, "%", 2, y2, (double[]){40, 38}, &r) == ST_OFF_TRACK);
	CHECK(r < 0);
	CHECK(judge(&t, "%", 2, y2, (double[]){40, 60}, NULL) == ST_ACHIEVED);
	CHECK(judge(&t, "%", 2, y2, (double[]){40, 75}, NULL) == ST_ACHIEVED);
	CHECK(judge(&t, "%", 1, y2, (double[]){46}, NULL) == ST_INSUFFICIENT);
	CHECK(judge(&t, "%", 0, y2, (double[]){0}, NULL) == ST_NO_DATA);
	CHECK(judge(NULL, "%", 2, y2, (double[]){40, 46}, NULL) == ST_NO_TARGET);
}

TEST(assess_thresholds)
{
	/* choose v_now so that R lands just on each threshold */
	struct target t = tgt(DIR_AT_LEAST, 60, 2030);
	double req = pow(60.0 / 40, 1.0 / 6) - 1;
	double v95 = 40 * pow(1 + 0.95 * req, 2), v60 = 40 * pow(1 + 0.6 * req, 2);
	int y2[] = {2024, 2026};

	CHECK(judge(&t, "%", 2, y2, (double[]){40, v95 * 1.0001}, NULL) == ST_ON_TRACK);
	CHECK(judge(&t, "%", 2, y2, (double[]){40, v95 * 0.9999}, NULL) == ST_AT_RISK);
	CHECK(judge(&t, "%", 2, y2, (double[]){40, v60 * 1.0001}, NULL) == ST_AT_RISK);
	CHECK(judge(&t, "%", 2, y2, (double[]){40, v60 * 0.9999}, NULL) == ST_OFF_TRACK);
}

/* The required path: where a unit growing at cagr_req would be, so that
 * a value on it is judged on track and one a little below at risk. */
TEST(assess_required_path)
{
	struct target t = tgt(DIR_AT_LEAST, 60, 2030), q = t;
	double req2026 = assess_required(&t, "%", 2024, 40, 2026);
	int y2[] = {2024, 2026};

	CHECK_EQ_DBL(assess_required(&t, "%", 2024, 40, 2024), 40, 1e-12);
	CHECK_EQ_DBL(assess_required(&t, "%", 2024, 40, 2030), 60, 1e-9);
	CHECK_EQ_DBL(req2026, 40 * pow(60.0 / 40, 2.0 / 6), 1e-9);
	CHECK(judge(&t, "%", 2, y2, (double[]){40, req2026 * 1.0001}, NULL) == ST_ON_TRACK);
	CHECK(judge(&t, "%", 2, y2, (double[]){40, req2026 * 0.99}, NULL) == ST_AT_RISK);
	/* falling targets fall along the path */
	q.dir = DIR_AT_MOST;
	q.value = 20;
	CHECK(assess_required(&q, "%", 2024, 40, 2027) < 40);
	CHECK(assess_required(&q, "%", 2024, 40, 2027) > 20);
	/* outside the path, or no target value: none */
	CHECK(isnan(assess_required(&t, "%", 2024, 40, 2023)));
	CHECK(isnan(assess_required(&t, "%", 2024, 40, 2031)));
	CHECK(isnan(assess_required(&t, "%", 2030, 40, 2030)));
	CHECK(isnan(assess_required(&t, "%", 2024, NAN, 2026)));
	CHECK(isnan(assess_required(NULL, "%", 2024, 40, 2026)));
}

TEST(assess_at_most)
{
	struct target t = tgt(DIR_AT_MOST, 25, 2030);
	int y2[] = {2024, 2026};

	CHECK(judge(&t, "%", 2, y2, (double[]){30, 27}, NULL) == ST_ON_TRACK);
	CHECK(judge(&t, "%", 2, y2, (double[]){30, 28.5}, NULL) == ST_AT_RISK);
	CHECK(judge(&t, "%", 2, y2, (double[]){30, 29}, NULL) == ST_OFF_TRACK);
	CHECK(judge(&t, "%", 2, y2, (double[]){30, 31}, NULL) == ST_OFF_TRACK);
	CHECK(judge(&t, "%", 2, y2, (double[]){30, 25}, NULL) == ST_ACHIEVED);
	CHECK(judge(&t, "%", 2, y2, (double[]){30, 12}, NULL) == ST_ACHIEVED);
}

TEST(assess_zero_base)
{
	/* zeros are replaced by 0.001, so growth from nothing counts as fast */
	struct target t = tgt(DIR_AT_LEAST, 10, 2030);
	struct target down = tgt(DIR_AT_MOST, 0, 2030);
	int y2[] = {2024, 2026};
	double r;

	CHECK(judge(&t, "%", 2, y2, (double[]){0, 5}, &r) == ST_ON_TRACK);
	CHECK_EQ_DBL(r, (pow(5 / 0.001, 0.5) - 1) / (pow(10 / 0.001, 1.0 / 6) - 1), 1e-9);
	CHECK(judge(&t, "%", 2, y2, (double[]){0, 0}, NULL) == ST_OFF_TRACK);
	/* target zero ("không còn"), at_most: the zero becomes 0.001, so the
	 * required yearly fall is steep (-75%): 4 -> 1 in two years is R = 0.67 */
	CHECK(judge(&down, "%", 2, y2, (double[]){4, 1}, &r) == ST_AT_RISK);
	CHECK_EQ_DBL(r, (pow(0.25, 0.5) - 1) / (pow(0.001 / 4, 1.0 / 6) - 1), 1e-12);
	CHECK(judge(&down, "%", 2, y2, (double[]){4, 0.2}, NULL) == ST_ON_TRACK);
	CHECK(judge(&down, "%", 2, y2, (double[]){4, 0}, NULL) == ST_ACHIEVED);
}

TEST(assess_target_met_at_base)
{
	struct target t = tgt(DIR_AT_LEAST, 60, 2030);
	int y2[] = {2024, 2026};

	/* met at the base, slid below since: off track, not "on track" */
	CHECK(judge(&t, "%", 2, y2, (double[]){70, 55}, NULL) == ST_OFF_TRACK);
	CHECK(judge(&t, "%", 2, y2, (double[]){70, 65}, NULL) == ST_ACHIEVED);
}

TEST(assess_missing_years)
{
	struct target t = tgt(DIR_AT_LEAST, 60, 2030);
	int y[] = {2022, 2026};
	double r;

	/* a gap between the years: the base is the earliest year with data */
	CHECK(judge(&t, "%", 2, y, (double[]){40, 50}, &r) == ST_ON_TRACK);
	CHECK_EQ_DBL(r, (pow(50.0 / 40, 0.25) - 1) / (pow(1.5, 1.0 / 8) - 1), 1e-12);
	/* the same 8 points over four years instead of two is slower */
	CHECK(judge(&t, "%", 2, y, (double[]){40, 48}, NULL) == ST_AT_RISK);
}

TEST(assess_baseline_and_deadline)
{
	struct target t = tgt(DIR_AT_MOST, 50, 2030);
	int y1[] = {2026};
	int y3[] = {2024, 2025, 2031};
	struct target past = tgt(DIR_AT_LEAST, 60, 2025);

	t.has_baseline = true;
	t.base_value = 55;
	t.base_year = 2025;
	/* one year of data, but the plan's baseline gives the base */
	CHECK(judge(&t, "per_1000_women", 1, y1, (double[]){52}, NULL) == ST_ON_TRACK);
	CHECK(judge(&t, "per_1000_women", 1, y1, (double[]){56}, NULL) == ST_OFF_TRACK);
	/* the target year has come without the target met */
	CHECK(judge(&past, "%", 3, y3, (double[]){40, 50, 59}, NULL) == ST_OFF_TRACK);
}

TEST(assess_achieve)
{
	struct target t = {0};
	int y2[] = {2024, 2026};

	t.dir = DIR_ACHIEVE;
	t.year = 2030;
	CHECK(judge(&t, "%", 2, y2, (double[]){80, 100}, NULL) == ST_ACHIEVED);
	CHECK(judge(&t, "%", 2, y2, (double[]){80, 95}, NULL) == ST_ON_TRACK);
	CHECK(judge(&t, "items_per_quarter", 2, y2, (double[]){2, 5}, NULL) == ST_NO_TARGET);
	CHECK(status_parse("on_track") == ST_ON_TRACK);
	CHECK_STR(status_id(ST_INSUFFICIENT), "insufficient_data");
}

static void put(struct dataset *d, const struct tree *t, const char *unit, const char *per,
		const char *ind, int part, int sex, double v)
{
	period_t p;

	CHECK(period_parse(per, strlen(per), &p));
	CHECK(dataset_put(d, tree_find(t, unit), p, catalog_find(ind), part, sex, v) == GEMIS_OK);
}

TEST(engine_rollup)
{
	struct tree t;
	struct dataset d;
	struct engine e;
	int wage = catalog_find("female_wage_workers"), pc = catalog_find("primary_completion");
	int P1, P2, VN = 0, C1, C3;

	small_tree(&t);
	P1 = tree_find(&t, "P1");
	P2 = tree_find(&t, "P2");
	C1 = tree_find(&t, "C1");

	C3 = tree_find(&t, "C3");
	dataset_init(&d, &t);
	put(&d, &t, "C1", "2026", "female_wage_workers", PART_NUM, SEX_T, 40);
	put(&d, &t, "C1", "2026", "female_wage_workers", PART_DEN, SEX_T, 100);
	put(&d, &t, "C2", "2026", "female_wage_workers", PART_NUM, SEX_T, 30);
	put(&d, &t, "C2", "2026", "female_wage_workers", PART_DEN, SEX_T, 50);
	/* a numerator without its denominator does not enter the sums */
	put(&d, &t, "C3", "2026", "female_wage_workers", PART_NUM, SEX_T, 999);
	/* by sex only: the total is F + M */
	put(&d, &t, "C1", "2026", "primary_completion", PART_NUM, SEX_F, 9);
	put(&d, &t, "C1", "2026", "primary_completion", PART_DEN, SEX_F, 10);
	put(&d, &t, "C1", "2026", "primary_completion", PART_NUM, SEX_M, 8);
	put(&d, &t, "C1", "2026", "primary_completion", PART_DEN, SEX_M, 10);
	put(&d, &t, "C2", "2026", "primary_completion", PART_NUM, SEX_T, 18);
	put(&d, &t, "C2", "2026", "primary_completion", PART_DEN, SEX_T, 20);
	CHECK(engine_build(&e, &t, &d, NULL, 0) == GEMIS_OK);

	CHECK_EQ_DBL(engine_value(&e, 2026, C1, wage, SEX_T), 40.0, 1e-12);
	CHECK_EQ_DBL(engine_part(&e, 2026, P1, wage, PART_NUM, SEX_T), 70, 0);
	CHECK_EQ_DBL(engine_part(&e, 2026, P1, wage, PART_DEN, SEX_T), 150, 0);
	/* 70/150, not the mean of 40% and 60% */
	CHECK_EQ_DBL(engine_value(&e, 2026, P1, wage, SEX_T), 70.0 / 150 * 100, 1e-12);
	CHECK(isnan(engine_value(&e, 2026, C3, wage, SEX_T)));
	CHECK(isnan(engine_value(&e, 2026, P2, wage, SEX_T)));
	CHECK_EQ_DBL(engine_part(&e, 2026, VN, wage, PART_DEN, SEX_T), 150, 0);
	CHECK(engine_reporting(&e, 2026, VN, wage) == 2);
	CHECK(engine_reporting(&e, 2026, P1, wage) == 2);
	CHECK(engine_reporting(&e, 2026, P2, wage) == 0);

	CHECK_EQ_DBL(engine_value(&e, 2026, C1, pc, SEX_T), 85, 1e-12);
	CHECK_EQ_DBL(engine_value(&e, 2026, C1, pc, SEX_F), 90, 1e-12);
	CHECK_EQ_DBL(engine_part(&e, 2026, P1, pc, PART_NUM, SEX_T), 35, 0);
	CHECK_EQ_DBL(engine_part(&e, 2026, P1, pc, PART_DEN, SEX_T), 40, 0);
	/* C2 gave no sexes: the province's F is C1's alone */
	CHECK_EQ_DBL(engine_value(&e, 2026, P1, pc, SEX_F), 90, 1e-12);
	CHECK(isnan(engine_value(&e, 2025, P1, pc, SEX_T)));
	engine_release(&e);
	dataset_release(&d);
	tree_release(&t);
}

TEST(engine_own_figure_and_subannual)
{
	struct tree t;
	struct dataset d;
	struct engine e;
	int wage = catalog_find("female_wage_workers"), news = catalog_find("news_items_per_quarter");
	int srb = catalog_find("sex_ratio_at_birth"), care = catalog_find("unpaid_care_ratio");

	small_tree(&t);
	dataset_init(&d, &t);
	put(&d, &t, "C1", "2026", "female_wage_workers", PART_NUM, SEX_T, 40);
	put(&d, &t, "C1", "2026", "female_wage_workers", PART_DEN, SEX_T, 100);
	/* a province's own official figure wins over its communes' sum */
	put(&d, &t, "P1", "2026", "female_wage_workers", PART_NUM, SEX_T, 55);
	put(&d, &t, "P1", "2026", "female_wage_workers", PART_DEN, SEX_T, 100);
	put(&d, &t, "P2", "2026", "female_wage_workers", PART_NUM, SEX_T, 10);
	put(&d, &t, "P2", "2026", "female_wage_workers", PART_DEN, SEX_T, 20);
	/* quarters folded by mean (items per quarter), units by mean */
	put(&d, &t, "C1", "2026Q1", "news_items_per_quarter", PART_VALUE, SEX_T, 2);
	put(&d, &t, "C1", "2026Q2", "news_items_per_quarter", PART_VALUE, SEX_T, 4);
	put(&d, &t, "C2", "2026", "news_items_per_quarter", PART_VALUE, SEX_T, 5);
	/* months of a flow are summed; quarters win over months */
	put(&d, &t, "C1", "2026-01", "sex_ratio_at_birth", PART_NUM, SEX_T, 10);
	put(&d, &t, "C1", "2026-01", "sex_ratio_at_birth", PART_DEN, SEX_T, 9);
	put(&d, &t, "C1", "2026-02", "sex_ratio_at_birth", PART_NUM, SEX_T, 12);
	put(&d, &t, "C1", "2026-02", "sex_ratio_at_birth", PART_DEN, SEX_T, 11);
	put(&d, &t, "C2", "2026Q1", "sex_ratio_at_birth", PART_NUM, SEX_T, 30);
	put(&d, &t, "C2", "2026Q1", "sex_ratio_at_birth", PART_DEN, SEX_T, 25);
	put(&d, &t, "C2", "2026-01", "sex_ratio_at_birth", PART_NUM, SEX_T, 1000);
	put(&d, &t, "C2", "2026-01", "sex_ratio_at_birth", PART_DEN, SEX_T, 1);
	/* not rolled up: only where reported */
	put(&d, &t, "C1", "2026", "unpaid_care_ratio", PART_VALUE, SEX_T, 1.8);
	put(&d, &t, "P2", "2026", "unpaid_care_ratio", PART_VALUE, SEX_T, 1.6);
	CHECK(engine_build(&e, &t, &d, NULL, 0) == GEMIS_OK);

	CHECK_EQ_DBL(engine_value(&e, 2026, 1, wage, SEX_T), 55, 1e-12);
	CHECK_EQ_DBL(engine_part(&e, 2026, 0, wage, PART_NUM, SEX_T), 65, 0);
	CHECK_EQ_DBL(engine_part(&e, 2026, 0, wage, PART_DEN, SEX_T), 120, 0);
	CHECK_EQ_DBL(engine_value(&e, 2026, tree_find(&t, "C1"), news, SEX_T), 3, 1e-12);
	CHECK_EQ_DBL(engine_value(&e, 2026, 1, news, SEX_T), 4, 1e-12);
	CHECK_EQ_DBL(engine_value(&e, 2026, tree_find(&t, "C1"), srb, SEX_T), 110, 1e-12);
	CHECK_EQ_DBL(engine_value(&e, 2026, tree_find(&t, "C2"), srb, SEX_T), 120, 1e-12);
	CHECK_EQ_DBL(engine_value(&e, 2026, 1, srb, SEX_T), 52.0 / 45 * 100, 1e-9);
	CHECK(isnan(engine_value(&e, 2026, 1, care, SEX_T)));
	CHECK_EQ_DBL(engine_value(&e, 2026, 2, care, SEX_T), 1.6, 1e-12);
	engine_release(&e);
	dataset_release(&d);
	tree_release(&t);
}

TEST(engine_targets_inherit)
{
	struct tree t;
	struct dataset d;
	struct engine e;
	struct target ts[3];
	int wage = catalog_find("female_wage_workers"), masters = catalog_find("female_masters");
	const struct target *x;
	struct assessment a;

	small_tree(&t);
	dataset_init(&d, &t);
	ts[0] = tgt(DIR_AT_LEAST, 50, 2030);
	ts[0].indicator = wage;
	ts[0].origin = tree_find(&t, "P1");
	ts[1] = tgt(DIR_AT_LEAST, 60, 2030);
	ts[1].indicator = wage;
	ts[1].origin = tree_find(&t, "C1");
	ts[2] = tgt(DIR_AT_LEAST, 45, 2026);
	ts[2].indicator = wage;
	ts[2].origin = tree_find(&t, "C1");
	put(&d, &t, "C1", "2025", "female_wage_workers", PART_NUM, SEX_T, 40);
	put(&d, &t, "C1", "2025", "female_wage_workers", PART_DEN, SEX_T, 100);
	put(&d, &t, "C1", "2026", "female_wage_workers", PART_NUM, SEX_T, 46);
	put(&d, &t, "C1", "2026", "female_wage_workers", PART_DEN, SEX_T, 100);
	CHECK(engine_build(&e, &t, &d, ts, 3) == GEMIS_OK);
	/* own targets: the nearest year not before the year asked */
	x = engine_target(&e, tree_find(&t, "C1"), wage, 2026);
	CHECK(x && x->value == 45 && x->year == 2026);
	x = engine_target(&e, tree_find(&t, "C1"), wage, 2027);
	CHECK(x && x->value == 60);
	x = engine_target(&e, tree_find(&t, "C1"), wage, 2031);
	CHECK(x && x->value == 60);
	/* inherited from the province, then the nation */
	x = engine_target(&e, tree_find(&t, "C2"), wage, 2026);
	CHECK(x && x->value == 50 && x->origin == tree_find(&t, "P1"));
	x = engine_target(&e, tree_find(&t, "C3"), wage, 2026);
	CHECK(x && x->value == 60 && x->origin == -1);
	CHECK(engine_target(&e, tree_find(&t, "C3"), masters, 2026) == NULL);
	engine_assess(&e, 2026, tree_find(&t, "C1"), wage, &a);
	CHECK(a.status == ST_ACHIEVED);
	/* silent in 2027: not reported, never judged on 2026's data (issue
	 * 20), which stays apart in prior */
	engine_assess(&e, 2027, tree_find(&t, "C1"), wage, &a);
	CHECK(a.status == ST_NOT_REPORTED && a.prior == ST_ON_TRACK && a.latest_year == 2026 &&
	      a.base_year == 2025);
	/* achieved in 2026 and silent in 2027: not a green "achieved" */
	engine_assess(&e, 2027, tree_find(&t, "C1"), wage, &a);
	engine_assess_against(&e, 2027, tree_find(&t, "C1"), wage, &ts[2], &a);
	CHECK(a.status == ST_NOT_REPORTED && a.prior == ST_ACHIEVED);
	CHECK_STR(status_id(ST_NOT_REPORTED), "not_reported");
	CHECK(status_parse("not_reported") == ST_NOT_REPORTED);
	engine_assess(&e, 2026, tree_find(&t, "C2"), wage, &a);
	CHECK(a.status == ST_NO_DATA);
	engine_release(&e);
	dataset_release(&d);
	tree_release(&t);
}

TEST(engine_memo)
{
	struct tree t;
	struct dataset d;
	struct engine e;
	void *out = NULL;
	size_t len = 0;
	const char a[] = "abc", b[] = "longer value";

	small_tree(&t);
	dataset_init(&d, &t);
	CHECK(engine_build(&e, &t, &d, NULL, 0) == GEMIS_OK);
	CHECK(!engine_memo_get(&e, 1, 2026, 5, &out, &len) && out == NULL);
	engine_memo_put(&e, 1, 2026, 5, a, sizeof(a));
	engine_memo_put(&e, 1, 2025, 5, b, sizeof(b));
	CHECK(engine_memo_get(&e, 1, 2026, 5, &out, &len) && len == sizeof(a) && memcmp(out, a, len) == 0);
	free(out);
	CHECK(engine_memo_get(&e, 1, 2025, 5, &out, &len) && len == sizeof(b) && memcmp(out, b, len) == 0);
	free(out);
	CHECK(!engine_memo_get(&e, 2, 2026, 5, &out, &len));
	CHECK(!engine_memo_get(&e, 1, 2026, 6, &out, &len));
	engine_release(&e);
	dataset_release(&d);
	tree_release(&t);
}

/* Every (indicator, part, sex) an indicator takes has a cell of its own in
 * a unit's row, the others none; the row holds nothing else. */
TEST(layout_cells)
{
	const struct layout *l = layout_catalog();
	size_t k, taken = 0;
	unsigned char *seen;

	CHECK(l != NULL && l->nind == catalog_n() && layout_catalog() == l);
	seen = calloc(l->row, 1);
	CHECK(seen != NULL);
	for (k = 0; k < catalog_n(); k++) {
		const struct indicator *d = &catalog[k];
		int part, sex;

		for (part = 0; part < PART_SLOTS; part++) {
			for (sex = 0; sex < SEX_SLOTS; sex++) {
				long c = layout_cell(l, (int)k, part, sex);
				bool takes = part < indicator_parts(d) && indicator_takes_sex(d, sex);

				CHECK(takes == (c >= 0));
				if (c < 0)
					continue;
				CHECK((size_t)c < l->row && !seen[c]);
				seen[c] = 1;
				taken++;
			}
		}
		/* the total is the last category */
		CHECK(layout_cat(&l->ind[k], SEX_T) == l->ind[k].ncat - 1);
	}
	CHECK(taken == l->row);
	/* 22 ratios (7 by sex) and 2 values: 7*6 + 15*2 + 2*1 */
	CHECK(l->row == 74);
	CHECK(layout_cell(l, -1, 0, SEX_T) == -1 && layout_cell(l, (int)catalog_n(), 0, SEX_T) == -1);
	CHECK(layout_cell(l, 0, 0, 3) == -1 && layout_cell(l, 0, -1, SEX_T) == -1);
	free(seen);
}

/* A part or sex an indicator does not take is refused, yearly or not, and
 * a refused put stores nothing. */
TEST(dataset_refuses_cells_not_taken)
{
	struct tree t;
	struct dataset d;
	struct unit_values v;
	int wage = catalog_find("female_wage_workers"), news = catalog_find("news_items_per_quarter");
	int pc = catalog_find("primary_completion");
	period_t y, q;

	small_tree(&t);
	dataset_init(&d, &t);
	CHECK(period_parse("2026", 4, &y) && period_parse("2026Q1", 6, &q));
	CHECK(dataset_put(&d, 3, y, wage, PART_NUM, SEX_F, 1) == GEMIS_EINVAL);
	CHECK(dataset_put(&d, 3, q, wage, PART_NUM, SEX_M, 1) == GEMIS_EINVAL);
	CHECK(dataset_put(&d, 3, y, news, PART_DEN, SEX_T, 1) == GEMIS_EINVAL);
	CHECK(dataset_put(&d, 3, y, (int)catalog_n(), PART_NUM, SEX_T, 1) == GEMIS_EINVAL);
	CHECK(dataset_put(&d, 3, y, pc, PART_DEN, SEX_F, NAN) == GEMIS_EINVAL);
	CHECK(d.nvalues == 0 && d.nsub == 0);
	CHECK(dataset_put(&d, 3, y, pc, PART_DEN, SEX_F, 7) == GEMIS_OK);
	CHECK_EQ_DBL(dataset_get_year(&d, 3, 2026, pc, PART_DEN, SEX_F), 7, 0);
	CHECK(isnan(dataset_get_year(&d, 3, 2026, wage, PART_NUM, SEX_F)));
	CHECK(unit_values_init(&v, 3) == GEMIS_OK);
	CHECK(unit_values_put(&v, y, wage, PART_DEN, SEX_M, 1) == GEMIS_EINVAL);
	CHECK(unit_values_put(&v, q, news, PART_VALUE, SEX_F, 1) == GEMIS_EINVAL);
	CHECK(unit_values_put(&v, q, news, PART_VALUE, SEX_T, 1) == GEMIS_OK);
	CHECK(v.nsub == 1 && v.year_min > v.year_max);
	unit_values_release(&v);
	dataset_release(&d);
	tree_release(&t);
}

/* The key numbered k of every (unit, year from 2024, indicator, part,
 * sex): its indicator, and the rest in the pointers. */
static int random_key(size_t k, int years, int *u, int *y, int *part, int *sex)
{
	int ind;

	*sex = (int)(k % SEX_SLOTS), k /= SEX_SLOTS;
	*part = (int)(k % PART_SLOTS), k /= PART_SLOTS;
	ind = (int)(k % catalog_n()), k /= catalog_n();
	*y = 2024 + (int)(k % (size_t)years), *u = (int)(k / (size_t)years);
	return ind;
}

/* Random values on every cell the indicators take, in every unit and a
 * few years, read back where they were put: no two keys share a cell. */
TEST(dataset_random_round_trip)
{
	enum { YEARS = 3 };
	struct tree t;
	struct dataset d;
	double *want;
	size_t n, k;
	unsigned seed = 12345;
	int u, y, part, sex;

	small_tree(&t);
	dataset_init(&d, &t);
	n = t.n * YEARS * catalog_n() * PART_SLOTS * SEX_SLOTS;
	want = malloc(n * sizeof(*want));
	CHECK(want != NULL);
	for (k = 0; k < n; k++) {
		int ind = random_key(k, YEARS, &u, &y, &part, &sex);

		seed = seed * 1103515245u + 12345u;
		want[k] = NAN;
		if (part >= indicator_parts(&catalog[ind]) || !indicator_takes_sex(&catalog[ind], sex) ||
		    seed % 3 == 0)
			continue;
		want[k] = (double)(seed >> 8);
		CHECK(dataset_put(&d, u, period_year_code(y), ind, part, sex, want[k]) == GEMIS_OK);
	}
	for (k = 0; k < n; k++) {
		int ind = random_key(k, YEARS, &u, &y, &part, &sex);

		if (isnan(want[k]))
			CHECK(isnan(dataset_get_year(&d, u, y, ind, part, sex)));
		else
			CHECK_EQ_DBL(dataset_get_year(&d, u, y, ind, part, sex), want[k], 0);
	}
	free(want);
	dataset_release(&d);
	tree_release(&t);
}

/* A unit's values replaced in a copy of the dataset: the copy and its
 * engine change, marking only the indicator and year that changed, and the
 * original and its engine stay as they were. */
TEST(dataset_replace_unit_and_update)
{
	struct tree t;
	struct dataset d, d2;
	struct engine e, e2;
	struct unit_values v;
	struct dataset_change c;
	int pc = catalog_find("primary_completion"), wage = catalog_find("female_wage_workers");
	int news = catalog_find("news_items_per_quarter"), C1, C2, P1;
	period_t q1;

	small_tree(&t);
	C1 = tree_find(&t, "C1"), C2 = tree_find(&t, "C2"), P1 = tree_find(&t, "P1");
	dataset_init(&d, &t);
	put(&d, &t, "C1", "2026", "primary_completion", PART_NUM, SEX_F, 9);
	put(&d, &t, "C1", "2026", "primary_completion", PART_DEN, SEX_F, 10);
	put(&d, &t, "C1", "2026", "female_wage_workers", PART_NUM, SEX_T, 40);
	put(&d, &t, "C1", "2026", "female_wage_workers", PART_DEN, SEX_T, 100);
	put(&d, &t, "C2", "2026", "primary_completion", PART_NUM, SEX_F, 5);
	put(&d, &t, "C2", "2026", "primary_completion", PART_DEN, SEX_F, 10);
	CHECK(engine_build(&e, &t, &d, NULL, 0) == GEMIS_OK);
	CHECK_EQ_DBL(engine_part(&e, 2026, P1, pc, PART_NUM, SEX_F), 14, 0);

	/* C1 again, its girls' numerator changed and a quarter added */
	CHECK(unit_values_init(&v, C1) == GEMIS_OK);
	CHECK(unit_values_put(&v, period_year_code(2026), pc, PART_NUM, SEX_F, 10) == GEMIS_OK);
	CHECK(unit_values_put(&v, period_year_code(2026), pc, PART_DEN, SEX_F, 10) == GEMIS_OK);
	CHECK(unit_values_put(&v, period_year_code(2026), wage, PART_NUM, SEX_T, 40) == GEMIS_OK);
	CHECK(unit_values_put(&v, period_year_code(2026), wage, PART_DEN, SEX_T, 100) == GEMIS_OK);
	CHECK(period_parse("2026Q1", 6, &q1));
	CHECK(unit_values_put(&v, q1, news, PART_VALUE, SEX_T, 4) == GEMIS_OK);
	memset(&c, 0, sizeof(c));
	CHECK(dataset_clone(&d2, &d, &t) == GEMIS_OK);
	CHECK(dataset_replace_unit(&d2, &v, &c) == GEMIS_OK);
	CHECK(c.any && c.year[2026 - PERIOD_MIN_YEAR] && !c.year[2025 - PERIOD_MIN_YEAR]);
	CHECK(dataset_change_has(&c, pc) && dataset_change_has(&c, news));
	CHECK(!dataset_change_has(&c, wage) && !dataset_change_has(&c, 300));
	CHECK(d2.nvalues == d.nvalues + 1);
	CHECK(engine_clone(&e2, &e, &t, &d2) == GEMIS_OK);
	CHECK(engine_update(&e2, &C1, 1, &c) == GEMIS_OK);
	CHECK_EQ_DBL(engine_part(&e2, 2026, P1, pc, PART_NUM, SEX_F), 15, 0);
	CHECK_EQ_DBL(engine_value(&e2, 2026, C1, news, SEX_T), 4, 0);
	CHECK_EQ_DBL(engine_part(&e2, 2026, C2, pc, PART_NUM, SEX_F), 5, 0);
	CHECK_EQ_DBL(engine_value(&e2, 2026, P1, wage, SEX_T), 40, 1e-12);
	/* the original, shared until written, is untouched */
	CHECK_EQ_DBL(engine_part(&e, 2026, P1, pc, PART_NUM, SEX_F), 14, 0);
	CHECK_EQ_DBL(dataset_get_year(&d, C1, 2026, pc, PART_NUM, SEX_F), 9, 0);
	CHECK(d.nsub == 0);
	/* the same yearly values again mark nothing (sub-annual ones are
	 * replaced, so marked, whole) */
	memset(&c, 0, sizeof(c));
	CHECK(dataset_replace_unit(&d2, &v, &c) == GEMIS_OK);
	CHECK(!dataset_change_has(&c, pc) && !dataset_change_has(&c, wage));
	CHECK(dataset_change_has(&c, news) && d2.nsub == 1);
	c.ind_past = true;
	CHECK(dataset_change_has(&c, 300) && !dataset_change_has(&c, -1));
	unit_values_release(&v);
	engine_release(&e2);
	engine_release(&e);
	dataset_release(&d2);
	dataset_release(&d);
	tree_release(&t);
}

/* An indicator added at run time: refused with the field named when it is
 * wrong; once added, found, laid out after the others (whose places do not
 * move), and stored like them.  Runs last: the catalog only grows. */
TEST(catalog_add_at_run_time)
{
	struct errctx e = {0};
	char name[] = "Tỷ lệ lao động nữ tham gia bảo hiểm xã hội";
	struct indicator ind = {
		.id = "si_women", .goal = GOAL_ECONOMY, .name_vi = name, .name_en = "Women insured",
		.unit = "%", .polarity = POL_HIGHER, .kind = IND_RATIO, .factor = 100, .by_sex = true,
		.space = SPACE_SUM, .time = {TIME_LAST, TIME_LAST}, .part_vi = {"Số nữ", "Tổng số"},
		.part_en = {"Women insured", "Women"}, .source = SRC_REPORTED,
	}, bad;
	const struct layout *before = layout_catalog(), *after;
	size_t n = catalog_n();
	struct tree t;
	struct dataset d;
	int k = -1;

	CHECK(before != NULL);
#define REFUSED(field, change)                                                           \
	do {                                                                             \
		bad = ind;                                                               \
		change;                                                                  \
		memset(&e, 0, sizeof(e));                                                \
		CHECK(catalog_add(&bad, &k, &e) != GEMIS_OK && strcmp(e.where, field) == 0); \
	} while (0)
	REFUSED("id", bad.id = "female_key_leaders");
	REFUSED("id", bad.id = "Si women");
	REFUSED("id", bad.id = "");
	REFUSED("name_vi", bad.name_vi = " ");
	REFUSED("name_en", bad.name_en = "two\nlines");
	REFUSED("unit", bad.unit = NULL);
	REFUSED("goal", bad.goal = GOAL_COUNT);
	REFUSED("factor", bad.factor = 0);
	REFUSED("factor", (bad.kind = IND_VALUE, bad.part_vi[1] = bad.part_en[1] = NULL));
	REFUSED("den_vi", (bad.kind = IND_VALUE, bad.factor = 1));
	REFUSED("den_en", bad.part_en[1] = "");
	REFUSED("den_vi", bad.part_vi[1] = NULL);
	REFUSED("id", bad.id = "si.women"); /* '.' separates an SDMX key */
	REFUSED("id", bad.id = "a123456789012345678901234567890123456789012345678901234567890123");
	REFUSED("factor", bad.factor = 250); /* the exchange formats carry a power of ten */
	REFUSED("factor", bad.factor = NAN);
	REFUSED("polarity", bad.polarity = (enum polarity)7);
	REFUSED("time_den", bad.time[1] = (enum time_agg)9);
	REFUSED("name_vi", bad.name_vi = "T\xe1\xbb"); /* cut in the middle of a character */
	REFUSED("national_value", (bad.has_national = true, bad.national_dir = DIR_AT_MOST,
				   bad.national_value = NAN, bad.national_year = 2030));
	REFUSED("share", (bad.kind = IND_VALUE, bad.factor = 1, bad.share = true,
			  bad.part_vi[1] = bad.part_en[1] = NULL));
	REFUSED("source", bad.source = SRC_REGISTER);
	REFUSED("national_year", (bad.has_national = true, bad.national_dir = DIR_AT_LEAST,
				  bad.national_value = 40, bad.national_year = 1900));
	REFUSED("national_2025", bad.has_national_2025 = true);
#undef REFUSED
	CHECK(catalog_n() == n && catalog_find("si_women") == -1);

	/* the longest id is taken */
	bad = ind;
	bad.id = "a12345678901234567890123456789012345678901234567890123456789012";
	CHECK(strlen(bad.id) == 63 && catalog_check(&bad, &e) == GEMIS_OK);
	memset(&e, 0, sizeof(e));
	CHECK(catalog_add(&ind, &k, &e) == GEMIS_OK && k == (int)n);
	CHECK(catalog_n() == n + 1 && catalog_find("si_women") == k);
	/* its texts are the catalog's own */
	name[0] = 'X';
	CHECK(strncmp(catalog[k].name_vi, "Tỷ", 3) == 0 && catalog[k].local && catalog[k].by_sex);
	/* added once */
	CHECK(catalog_add(&ind, &k, &e) == GEMIS_ECONFLICT && strcmp(e.where, "id") == 0);
	CHECK(catalog_n() == n + 1);
	/* the layout grows after the others, which keep their places */
	after = layout_catalog();
	CHECK(after != NULL && after != before && after->nind == n + 1);
	CHECK(after->ind[n].off == before->row && after->row == before->row + 6);
	for (size_t i = 0; i < n; i++)
		CHECK(after->ind[i].off == before->ind[i].off && after->ind[i].ncat == before->ind[i].ncat);
	CHECK(before->nind == n); /* the old one is still readable */
	/* and a dataset made now stores its values */
	small_tree(&t);
	dataset_init(&d, &t);
	CHECK(dataset_put(&d, 3, period_year_code(2026), (int)n, PART_NUM, SEX_F, 4) == GEMIS_OK);
	CHECK_EQ_DBL(dataset_get_year(&d, 3, 2026, (int)n, PART_NUM, SEX_F), 4, 0);
	dataset_release(&d);
	tree_release(&t);
}

/* A category series (issue 17): refused unless it measures what its
 * parent measures; found by parent, breakdown and category; owed with its
 * parent.  Runs after catalog_add_at_run_time: the catalog only grows. */
TEST(catalog_series)
{
	int p = catalog_find("primary_completion"), k = -1, reg = catalog_find("dv_victims_supported");
	struct indicator s = catalog[p], bad;
	struct errctx e = {0};
	struct indset owed;
	bool *marked;
	size_t n = catalog_n();

	s.id = "primary_completion__ethnicity_minority";
	s.name_vi = "Tỷ lệ hoàn thành giáo dục tiểu học — Dân tộc thiểu số";
	s.name_en = "Primary completion — Ethnic minority";
	s.has_national = s.has_national_2025 = false;
	s.parent = "primary_completion";
	s.breakdown = "ethnicity";
	s.category = "minority";
	s.category_vi = "Dân tộc thiểu số";
	s.category_en = "Ethnic minority";
#define REFUSED(field, change)                                                           \
	do {                                                                             \
		bad = s;                                                                 \
		change;                                                                  \
		memset(&e, 0, sizeof(e));                                                \
		CHECK(catalog_add(&bad, &k, &e) != GEMIS_OK && strcmp(e.where, field) == 0); \
	} while (0)
	REFUSED("parent", bad.parent = "nothing");
	REFUSED("parent", bad.factor = 1000);
	REFUSED("parent", bad.by_sex = false);
	REFUSED("parent", bad.time[1] = TIME_SUM);
	REFUSED("parent", bad.unit = "ratio");
	REFUSED("category", bad.category = "Thiểu số");
	REFUSED("category", bad.breakdown = NULL);
	REFUSED("category", bad.category_vi = "");
#undef REFUSED
	CHECK(catalog_n() == n && catalog_series(p, "ethnicity", "minority") == -1);
	CHECK(catalog[reg].source == SRC_REGISTER);
	memset(&e, 0, sizeof(e));
	CHECK(catalog_add(&s, &k, &e) == GEMIS_OK && k == (int)n);
	CHECK(catalog_series(p, "ethnicity", "minority") == k && catalog[k].parent_index == p);
	CHECK(catalog_series(p, "ethnicity", "kinh") == -1 && catalog_series(p, "area", "minority") == -1);
	/* named for column heads by its parent's short name and its group's;
	 * it counts girls and boys as its parent does */
	CHECK(strcmp(indicator_short_name(&catalog[k], LANG_VI), "Hoàn thành tiểu học — Dân tộc thiểu số") == 0);
	CHECK(strcmp(indicator_short_name(&catalog[k], LANG_EN), "Primary completion — Ethnic minority") == 0);
	{
		enum lang was = i18n_lang();

		i18n_set_lang(LANG_EN); /* "Nữ" either way in Vietnamese */
		CHECK(strcmp(indicator_sex_name(&catalog[k], SEX_F), "Girls") == 0);
		CHECK(strcmp(indicator_sex_name(&catalog[k], SEX_M), "Boys") == 0);
		i18n_set_lang(was);
	}
	/* one series a category */
	bad = s;
	bad.id = "primary_completion_minority_again";
	CHECK(catalog_add(&bad, &k, &e) == GEMIS_ECONFLICT && strcmp(e.where, "category") == 0);
	/* a series is not broken down again */
	bad = s;
	bad.id = "primary_completion__x";
	bad.parent = "primary_completion__ethnicity_minority";
	CHECK(catalog_add(&bad, &k, &e) == GEMIS_EINVAL && strcmp(e.where, "parent") == 0);
	/* nor is an indicator counted from the case register */
	bad = catalog[reg];
	bad.id = "dv_victims_supported__area_rural";
	bad.parent = "dv_victims_supported";
	bad.breakdown = "area";
	bad.category = "rural";
	bad.category_vi = bad.category_en = "Rural";
	bad.has_national = bad.has_national_2025 = false;
	bad.source = SRC_REPORTED;
	CHECK(catalog_add(&bad, &k, &e) == GEMIS_EINVAL && strcmp(e.where, "parent") == 0);
	/* whoever owes the parent owes its series; nobody else */
	k = catalog_series(p, "ethnicity", "minority");
	CHECK(indset_init(&owed, catalog_n()) == GEMIS_OK);
	indset_add(&owed, catalog_find("female_masters"));
	indset_add_series(&owed);
	CHECK(!indset_has(&owed, k) && indset_count(&owed) == 1);
	indset_add(&owed, p);
	indset_add_series(&owed);
	CHECK(indset_has(&owed, k) && indset_count(&owed) == 3);
	indset_free(&owed);
	marked = calloc(catalog_n(), sizeof(*marked));
	CHECK(marked != NULL);
	if (marked) {
		marked[p] = true;
		catalog_mark_series(marked);
		CHECK(marked[k] && !marked[catalog_find("female_masters")]);
		free(marked);
	}
}

/* One reported value of unit 2 in 2026. */
static struct value_row group_row(int ind, int part, int sex, double v, long line)
{
	return (struct value_row){.unit = 2, .period = period_year_code(2026), .ind = ind, .part = part,
				  .sex = sex, .value = v, .line = line};
}

/* Whether d has a problem on line saying what. */
static bool has_problem(const struct diags *d, long line, const char *what)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->d[i].line == line && strstr(d->d[i].msg, what))
			return true;
	}
	return false;
}

/* The stored values of series_lookup: the Kinh pupils who completed, girls. */
static enum gemis_err series_lookup(void *ctx, int unit, period_t period, int ind, int part, int sex,
				    double *value, bool *found)
{
	(void)ctx;
	(void)unit;
	(void)period;
	*found = ind == catalog_find("primary_completion__ethnicity_kinh") && part == PART_NUM && sex == SEX_F;
	if (*found)
		*value = 30;
	return GEMIS_OK;
}

/* A total is the sum of its groups on a breakdown that covers everybody,
 * at least their sum on one that does not; checked across the batch and
 * what is stored, only where every group and the total are known.  Runs
 * after catalog_series (its minority series). */
TEST(groups_add_up)
{
	int p = catalog_find("primary_completion"), min = catalog_find("primary_completion__ethnicity_minority");
	int kinh, a1, a2;
	struct indicator s = catalog[min];
	struct value_row r[8];
	struct diags d;
	struct errctx e = {0};

	s.id = "primary_completion__ethnicity_kinh";
	s.category = "kinh";
	s.category_vi = s.category_en = "Kinh";
	CHECK(catalog_add(&s, &kinh, &e) == GEMIS_OK);
	/* a partial breakdown: two age groups that leave the others out */
	s.breakdown = "teen";
	s.group_partial = true;
	s.id = "primary_completion__teen_a10";
	s.category = "a10";
	s.category_vi = s.category_en = "10";
	CHECK(catalog_add(&s, &a1, &e) == GEMIS_OK);
	s.id = "primary_completion__teen_a11";
	s.category = "a11";
	s.category_vi = s.category_en = "11";
	CHECK(catalog_add(&s, &a2, &e) == GEMIS_OK);
	i18n_set_lang(LANG_EN);

	/* 40 + 60 is 100: no problem; the boys' 10 + 15 are not 20 */
	r[0] = group_row(p, PART_NUM, SEX_F, 100, 2);
	r[1] = group_row(min, PART_NUM, SEX_F, 40, 3);
	r[2] = group_row(kinh, PART_NUM, SEX_F, 60, 4);
	r[3] = group_row(p, PART_NUM, SEX_M, 20, 5);
	r[4] = group_row(min, PART_NUM, SEX_M, 10, 6);
	r[5] = group_row(kinh, PART_NUM, SEX_M, 15, 7);
	diags_init(&d, 100);
	CHECK(validate_rows(r, 6, NULL, NULL, &d, &e) == GEMIS_OK);
	/* named in words for a person at a form: the groups, the
	 * indicator, the part and the sex */
	CHECK(d.total == 1 && has_problem(&d, 7, "the groups (Ethnic minority, Kinh) add up to 25, not to the total 20 "
						   "of Primary school completion rate ("));
	CHECK(has_problem(&d, 7, ", Boys)"));
	diags_release(&d);

	/* a group missing: nothing to check */
	diags_init(&d, 100);
	CHECK(validate_rows(r + 3, 2, NULL, NULL, &d, &e) == GEMIS_OK && d.total == 0);
	diags_release(&d);

	/* the Kinh girls' 30 stored: 40 + 30 is not 100 */
	r[2] = group_row(min, PART_DEN, SEX_F, 50, 4); /* the minority's whole, unrelated */
	diags_init(&d, 100);
	CHECK(validate_rows(r, 3, series_lookup, NULL, &d, &e) == GEMIS_OK);
	CHECK(d.total == 1 && has_problem(&d, 3, "add up to 70, not to the total 100") &&
	      has_problem(&d, 3, ", Girls)"));
	diags_release(&d);

	/* a partial breakdown: 30 + 50 are at most 100, 60 + 50 are not */
	r[0] = group_row(p, PART_DEN, SEX_T, 100, 2);
	r[1] = group_row(a1, PART_DEN, SEX_T, 30, 3);
	r[2] = group_row(a2, PART_DEN, SEX_T, 50, 4);
	diags_init(&d, 100);
	CHECK(validate_rows(r, 3, NULL, NULL, &d, &e) == GEMIS_OK && d.total == 0);
	r[1].value = 60;
	CHECK(validate_rows(r, 3, NULL, NULL, &d, &e) == GEMIS_OK);
	CHECK(d.total == 1 && has_problem(&d, 4, "the groups (10, 11) add up to 110, more than the total 100 of "));
	CHECK(has_problem(&d, 4, ", Total)"));
	diags_release(&d);

	/* a figure each level reports for itself is no sum of its groups */
	CHECK(catalog[catalog_find("unpaid_care_ratio")].space != SPACE_SUM);
}

/* Without a total, two complete breakdowns make the same total (the
 * first's sum is the total the engine takes); a partial one adds up to at
 * most that.  Runs after groups_add_up, whose series it uses. */
TEST(groups_agree_without_total)
{
	int p = catalog_find("primary_completion"), min = catalog_find("primary_completion__ethnicity_minority");
	int kinh = catalog_find("primary_completion__ethnicity_kinh"), a1 = catalog_find("primary_completion__teen_a10");
	int a2 = catalog_find("primary_completion__teen_a11"), urban, rural;
	struct indicator s = catalog[kinh];
	struct value_row r[6];
	struct diags d;
	struct errctx e = {0};

	CHECK(p >= 0 && min >= 0 && a1 >= 0 && a2 >= 0);
	s.breakdown = "area";
	s.id = "primary_completion__area_urban";
	s.category = "urban";
	s.category_vi = s.category_en = "Urban";
	CHECK(catalog_add(&s, &urban, &e) == GEMIS_OK);
	s.id = "primary_completion__area_rural";
	s.category = "rural";
	s.category_vi = s.category_en = "Rural";
	CHECK(catalog_add(&s, &rural, &e) == GEMIS_OK);
	i18n_set_lang(LANG_EN);

	r[0] = group_row(min, PART_NUM, SEX_F, 40, 2);
	r[1] = group_row(kinh, PART_NUM, SEX_F, 60, 3);
	r[2] = group_row(urban, PART_NUM, SEX_F, 52, 4);
	r[3] = group_row(rural, PART_NUM, SEX_F, 48, 5);
	r[4] = group_row(a1, PART_NUM, SEX_F, 30, 6);
	r[5] = group_row(a2, PART_NUM, SEX_F, 50, 7);
	diags_init(&d, 100);
	CHECK(validate_rows(r, 6, NULL, NULL, &d, &e) == GEMIS_OK && d.total == 0);
	r[2].value = 50;
	r[5].value = 80;
	CHECK(validate_rows(r, 6, NULL, NULL, &d, &e) == GEMIS_OK);
	CHECK(d.total == 2);
	CHECK(has_problem(&d, 5, "the groups (Urban, Rural) add up to 98, not to 100, the sum of the groups "
				 "(Ethnic minority, Kinh) of Primary school completion rate ("));
	CHECK(has_problem(&d, 7, "the groups (10, 11) add up to 110, more than 100, the sum of the groups "
				 "(Ethnic minority, Kinh)"));
	diags_release(&d);
	/* one breakdown incomplete: nothing to compare */
	diags_init(&d, 100);
	CHECK(validate_rows(r + 1, 3, NULL, NULL, &d, &e) == GEMIS_OK && d.total == 0);
	diags_release(&d);
}

/* A total from its groups (issue 17): a commune that gave every group of
 * a breakdown and not the total has the groups' sum as its total, which
 * rolls up; an incomplete breakdown, a partial one or a unit's own total
 * leave it as it was.  Runs after groups_add_up, whose series it uses. */
TEST(engine_group_totals)
{
	int p = catalog_find("primary_completion"), min = catalog_find("primary_completion__ethnicity_minority");
	int kinh = catalog_find("primary_completion__ethnicity_kinh");
	struct tree t;
	struct dataset d;
	struct engine e;
	int C1, C2, C3, P1, P2;

	CHECK(p >= 0 && min >= 0 && kinh >= 0);
	small_tree(&t);
	C1 = tree_find(&t, "C1");
	C2 = tree_find(&t, "C2");
	C3 = tree_find(&t, "C3");
	P1 = tree_find(&t, "P1");
	P2 = tree_find(&t, "P2");
	dataset_init(&d, &t);
	/* C1: both ethnic groups, girls and boys, no total */
	put(&d, &t, "C1", "2026", "primary_completion__ethnicity_minority", PART_NUM, SEX_F, 40);
	put(&d, &t, "C1", "2026", "primary_completion__ethnicity_minority", PART_DEN, SEX_F, 50);
	put(&d, &t, "C1", "2026", "primary_completion__ethnicity_kinh", PART_NUM, SEX_F, 60);
	put(&d, &t, "C1", "2026", "primary_completion__ethnicity_kinh", PART_DEN, SEX_F, 70);
	put(&d, &t, "C1", "2026", "primary_completion__ethnicity_minority", PART_NUM, SEX_M, 30);
	put(&d, &t, "C1", "2026", "primary_completion__ethnicity_minority", PART_DEN, SEX_M, 40);
	put(&d, &t, "C1", "2026", "primary_completion__ethnicity_kinh", PART_NUM, SEX_M, 50);
	put(&d, &t, "C1", "2026", "primary_completion__ethnicity_kinh", PART_DEN, SEX_M, 60);
	/* C2: its own total, and one group only */
	put(&d, &t, "C2", "2026", "primary_completion", PART_NUM, SEX_F, 9);
	put(&d, &t, "C2", "2026", "primary_completion", PART_DEN, SEX_F, 10);
	put(&d, &t, "C2", "2026", "primary_completion__ethnicity_minority", PART_NUM, SEX_M, 5);
	put(&d, &t, "C2", "2026", "primary_completion__ethnicity_minority", PART_DEN, SEX_M, 6);
	/* C3: the two age groups of a partial breakdown only */
	put(&d, &t, "C3", "2026", "primary_completion__teen_a10", PART_NUM, SEX_T, 3);
	put(&d, &t, "C3", "2026", "primary_completion__teen_a10", PART_DEN, SEX_T, 4);
	put(&d, &t, "C3", "2026", "primary_completion__teen_a11", PART_NUM, SEX_T, 3);
	put(&d, &t, "C3", "2026", "primary_completion__teen_a11", PART_DEN, SEX_T, 4);
	CHECK(engine_build(&e, &t, &d, NULL, 0) == GEMIS_OK);

	CHECK_EQ_DBL(engine_part(&e, 2026, C1, p, PART_NUM, SEX_F), 100, 0);
	CHECK_EQ_DBL(engine_part(&e, 2026, C1, p, PART_DEN, SEX_F), 120, 0);
	CHECK_EQ_DBL(engine_part(&e, 2026, C1, p, PART_NUM, SEX_M), 80, 0);
	/* the total of both sexes from the derived girls and boys */
	CHECK_EQ_DBL(engine_part(&e, 2026, C1, p, PART_DEN, SEX_T), 220, 0);
	CHECK(engine_reporting(&e, 2026, C1, p) == 1);
	/* C2's own girls stand; its boys lack the Kinh group */
	CHECK_EQ_DBL(engine_part(&e, 2026, C2, p, PART_NUM, SEX_F), 9, 0);
	CHECK(isnan(engine_part(&e, 2026, C2, p, PART_NUM, SEX_M)));
	/* the province sums C1's derived girls and C2's own */
	CHECK_EQ_DBL(engine_part(&e, 2026, P1, p, PART_NUM, SEX_F), 109, 0);
	CHECK_EQ_DBL(engine_part(&e, 2026, P1, p, PART_DEN, SEX_F), 130, 0);
	/* a partial breakdown's groups are no total */
	CHECK(isnan(engine_part(&e, 2026, C3, p, PART_DEN, SEX_T)));
	CHECK(isnan(engine_part(&e, 2026, P2, p, PART_DEN, SEX_T)));

	/* a result remembered for the total is forgotten when a group
	 * changes, as when the total does; another indicator's is kept */
	{
		struct engine e2;
		struct dataset_change c;
		int wage = catalog_find("female_wage_workers"), one = 1;
		void *data;
		size_t len;

		engine_memo_put(&e, 7, 2026, p, &one, sizeof(one));
		engine_memo_put(&e, 7, 2026, wage, &one, sizeof(one));
		memset(&c, 0, sizeof(c));
		c.year[2026 - PERIOD_MIN_YEAR] = true;
		c.ind[kinh] = true;
		c.any = true;
		CHECK(engine_clone(&e2, &e, &t, &d) == GEMIS_OK);
		engine_memo_inherit(&e2, &e, &c);
		/* false claims the key: given up again */
		if (engine_memo_get(&e2, 7, 2026, p, &data, &len)) {
			CHECK(!"the total's result survived a change of its group");
			free(data);
		} else {
			engine_memo_abandon(&e2, 7, 2026, p);
		}
		if (engine_memo_get(&e2, 7, 2026, wage, &data, &len)) {
			CHECK(*(int *)data == 1);
			free(data);
		} else {
			CHECK(!"another indicator's result was forgotten");
			engine_memo_abandon(&e2, 7, 2026, wage);
		}
		engine_release(&e2);
	}
	engine_release(&e);
	dataset_release(&d);
	tree_release(&t);
}

/* Retiring (issue 17): a built-in indicator retired from a year is retired
 * in that year and after, not before; its series with it; the sets of
 * what is owed drop it for those years; a value of those years is refused
 * by validate_rows() naming its line and field.  Runs after
 * catalog_series, whose series it uses. */
TEST(catalog_retire)
{
	int p = catalog_find("primary_completion"), k = catalog_series(p, "ethnicity", "minority");
	int other = catalog_find("female_masters");
	struct value_row rows[2];
	struct indset owed;
	struct diags d;

	CHECK(p >= 0 && k >= 0 && catalog_retired_from(&catalog[p]) == 0);
	CHECK(catalog_set_retired(p, 2027) == GEMIS_OK);
	CHECK(catalog_retired_from(&catalog[p]) == 2027 && catalog_retired_from(&catalog[k]) == 2027);
	CHECK(catalog_retired(&catalog[p], 2027) && catalog_retired(&catalog[p], 2030));
	CHECK(!catalog_retired(&catalog[p], 2026) && catalog_retired(&catalog[k], 2028));
	CHECK(!catalog_retired(&catalog[other], 2030));
	CHECK(catalog_set_retired((int)catalog_n(), 2027) == GEMIS_EINVAL);
	CHECK(indset_init(&owed, catalog_n()) == GEMIS_OK);
	indset_add(&owed, p);
	indset_add(&owed, k);
	indset_add(&owed, other);
	indset_drop_retired(&owed, 2026);
	CHECK(indset_count(&owed) == 3);
	indset_drop_retired(&owed, 2027);
	CHECK(indset_count(&owed) == 1 && indset_has(&owed, other));
	indset_free(&owed);
	memset(rows, 0, sizeof(rows));
	rows[0].period = period_year_code(2026);
	rows[0].ind = p;
	rows[0].sex = SEX_F;
	rows[0].value = 3;
	rows[0].line = 2;
	rows[1] = rows[0];
	rows[1].period = period_year_code(2027);
	rows[1].ind = k;
	rows[1].line = 3;
	diags_init(&d, 10);
	CHECK(validate_rows(rows, 2, NULL, NULL, &d, NULL) == GEMIS_OK);
	CHECK(d.total == 1 && d.d[0].line == 3 && strcmp(d.d[0].field, "indicator") == 0);
	diags_release(&d);
	/* in force again */
	CHECK(catalog_set_retired(p, 0) == GEMIS_OK);
	CHECK(!catalog_retired(&catalog[k], 2030) && catalog_retired_from(&catalog[p]) == 0);
	diags_init(&d, 10);
	CHECK(validate_rows(rows, 2, NULL, NULL, &d, NULL) == GEMIS_OK && d.total == 0);
	diags_release(&d);
}

/* An edit of an added indicator (issue 17): a new array with the entry
 * replaced, its texts its own; a reader holding the old entry keeps its
 * snapshot; a series' short names follow its parent's; the compiled set
 * is never edited.  Runs after catalog_add_at_run_time (si_women). */
TEST(catalog_edit_copy_on_write)
{
	int k = catalog_find("si_women"), s = -1, b = catalog_find("female_masters");
	const struct indicator *old, *held;
	struct indicator ed, ser;
	char name[] = "Insured women";
	struct errctx e = {0};

	CHECK(k >= 0 && catalog[k].version == 1);
	ser = catalog[k];
	ser.id = "si_women__area_urban";
	ser.name_en = "Women insured — Urban";
	ser.parent = "si_women";
	ser.breakdown = "area";
	ser.category = "urban";
	ser.category_vi = "Thành thị";
	ser.category_en = "Urban";
	CHECK(catalog_add(&ser, &s, &e) == GEMIS_OK);
	CHECK(s >= 0 && strcmp(catalog[s].series_short_en, "Women insured — Urban") == 0);
	old = catalog;
	held = &catalog[k];
	ed = catalog[k];
	ed.name_en = name;
	ed.polarity = POL_LOWER;
	ed.version = 2;
	CHECK(catalog_edit(k, &ed) == GEMIS_OK);
	name[0] = 'X';
	CHECK(catalog != old && catalog_find("si_women") == k);
	CHECK(strcmp(catalog[k].name_en, "Insured women") == 0 && catalog[k].polarity == POL_LOWER);
	CHECK(catalog[k].version == 2 && strcmp(catalog[k].id, "si_women") == 0 && catalog[k].by_sex);
	/* the reader's snapshot is the old entry, whole */
	CHECK(strcmp(held->name_en, "Women insured") == 0 && held->polarity == POL_HIGHER && held->version == 1);
	CHECK(old[b].name_en == catalog[b].name_en);
	/* the series, edited after its parent, takes its new name */
	ser = catalog[s];
	ser.name_en = "Insured women — Urban";
	ser.version = 2;
	CHECK(catalog_edit(s, &ser) == GEMIS_OK);
	CHECK(strcmp(catalog[s].series_short_en, "Insured women — Urban") == 0);
	CHECK(strcmp(catalog[s].name_en, "Insured women — Urban") == 0 && catalog[s].parent_index == k);
	/* retired_from is the current array's: the snapshot keeps its own */
	CHECK(catalog_set_retired(k, 2029) == GEMIS_OK && catalog_retired_from(&catalog[s]) == 2029);
	CHECK(held->retired_from == 0);
	CHECK(catalog_set_retired(k, 0) == GEMIS_OK);
	/* never the compiled set, nor past the catalog */
	CHECK(catalog_edit(b, &catalog[b]) == GEMIS_EINVAL);
	CHECK(catalog_edit((int)catalog_n(), &ed) == GEMIS_EINVAL);
	/* the checks of an addition, but the id's */
	ed = catalog[k];
	CHECK(catalog_check_edit(&ed, &e) == GEMIS_OK);
	ed.factor = 250;
	memset(&e, 0, sizeof(e));
	CHECK(catalog_check_edit(&ed, &e) == GEMIS_EINVAL && strcmp(e.where, "factor") == 0);
}

/* The password rules: length, and the shipped list of common passwords
 * compared without case (issue 22 goal 7). */
TEST(password_policy)
{
	CHECK(password_problem("short", NULL) != NULL);
	CHECK(strstr(password_problem("123456789", NULL), "10 characters") != NULL);
	CHECK(password_problem("correct horse 1", NULL) == NULL);
	CHECK(password_problem("Matkhau của tôi 2026", NULL) == NULL);
	/* on the list, in any case */
	CHECK(password_is_common("1234567890"));
	CHECK(password_is_common("qwertyuiop"));
	CHECK(password_is_common("PassWord123"));
	CHECK(password_is_common("MATKHAU123"));
	CHECK(password_is_common("Abc@123456"));
	CHECK(strstr(password_problem("Password123", NULL), "most common") != NULL);
	/* a list entry is matched whole, not as a prefix or a part */
	CHECK(!password_is_common("password12345x"));
	CHECK(!password_is_common("password1234x"));
	CHECK(!password_is_common("xpassword123"));
	/* the comment lines of the list are no passwords */
	CHECK(!password_is_common("# Common passwords that gemis refuses (core/password.c, password_problem())."));
	CHECK(password_problem("", NULL) != NULL);
	/* nor the account's name, in any case */
	CHECK(strstr(password_problem("my name is Binhlu.Focal!", "binhlu.focal"), "user name") != NULL);
	CHECK(password_problem("my name is binhlu, focal", "binhlu.focal") == NULL);
	CHECK(password_problem("correct horse 1", "ho") == NULL);
}

/* Sets of indicator indexes past 64 and 256 (the masks they replace held
 * 64): every member found, in order, none made up; the words from the
 * heap and from an arena alike. */
TEST(indset_past_64_and_256)
{
	static const int members[] = {0, 1, 23, 63, 64, 65, 127, 128, 255, 256, 257, 511, 998, 999};
	const size_t nm = sizeof(members) / sizeof(members[0]);
	struct indset a, b, c, zero = {0};
	struct arena mem;
	size_t i;
	int k;

	CHECK(indset_init(&a, 1000) == GEMIS_OK);
	CHECK(indset_empty(&a) && indset_count(&a) == 0 && indset_next(&a, 0) == -1);
	for (i = 0; i < nm; i++)
		CHECK(indset_add(&a, members[i]));
	CHECK(indset_add(&a, 256)); /* twice is once */
	CHECK(!indset_add(&a, 1000) && !indset_add(&a, -1) && !indset_add(&a, 4096));
	CHECK(indset_count(&a) == nm && !indset_empty(&a));
	for (k = -2, i = 0; k < 1002; k++) {
		bool want = i < nm && members[i] == k;

		CHECK(indset_has(&a, k) == want);
		i += want;
	}
	/* iteration visits each member once, in increasing order */
	for (k = indset_next(&a, 0), i = 0; k >= 0; k = indset_next(&a, k + 1), i++)
		CHECK(i < nm && k == members[i]);
	CHECK(i == nm);
	CHECK(indset_next(&a, 66) == 127 && indset_next(&a, 258) == 511 && indset_next(&a, 1000) == -1);
	CHECK(indset_next(&a, -5) == 0);

	/* an arena's set of another capacity: equal by members, union,
	 * subset, and members past the capacity dropped and said */
	arena_init(&mem, 0);
	CHECK(indset_init_in(&b, 300, &mem) == GEMIS_OK);
	CHECK(indset_equal(&b, &zero) && indset_subset(&b, &a) && !indset_subset(&a, &b));
	CHECK(!indset_union(&b, &a)); /* 511, 998 and 999 do not fit */
	CHECK(indset_count(&b) == 11 && indset_has(&b, 257) && !indset_has(&b, 511));
	CHECK(indset_subset(&b, &a) && !indset_equal(&a, &b));
	indset_del(&a, 511);
	indset_del(&a, 998);
	indset_del(&a, 999);
	indset_del(&a, 5000);
	CHECK(indset_equal(&a, &b) && indset_equal(&b, &a) && indset_subset(&a, &b));
	CHECK(indset_add(&b, 299) && !indset_equal(&a, &b));
	CHECK(indset_union(&a, &b) && indset_has(&a, 299) && indset_equal(&a, &b));

	/* a capacity that is not a multiple of 64: the bits past it stay out */
	CHECK(indset_init(&c, 70) == GEMIS_OK);
	CHECK(!indset_union(&c, &a) && indset_count(&c) == 6 && indset_next(&c, 66) == -1);
	CHECK(!indset_add(&c, 70) && indset_add(&c, 69) && indset_next(&c, 66) == 69);
	indset_clear(&c);
	CHECK(indset_empty(&c) && indset_count(&c) == 0);

	/* a zeroed set is empty, holds nothing, and frees */
	CHECK(!indset_add(&zero, 0) && !indset_has(&zero, 0) && indset_next(&zero, 0) == -1);
	CHECK(indset_union(&zero, &c) && indset_equal(&zero, &c));
	indset_free(&zero);
	indset_free(&b); /* an arena's: nothing to free, zeroed */
	CHECK(b.w == NULL && b.n == 0);
	indset_free(&a);
	indset_free(&c);
	indset_free(&c); /* twice is safe */
	arena_release(&mem);
}

int main(void)
{
	RUN(catalog_ids_unique_and_complete);
	RUN(catalog_short_names);
	RUN(catalog_national_targets);
	RUN(indset_past_64_and_256);
	RUN(periods);
	RUN(tree_basics);
	RUN(assess_statuses);
	RUN(assess_thresholds);
	RUN(assess_required_path);
	RUN(assess_at_most);
	RUN(assess_zero_base);
	RUN(assess_target_met_at_base);
	RUN(assess_missing_years);
	RUN(assess_baseline_and_deadline);
	RUN(assess_achieve);
	RUN(engine_rollup);
	RUN(engine_own_figure_and_subannual);
	RUN(engine_targets_inherit);
	RUN(engine_memo);
	RUN(layout_cells);
	RUN(dataset_refuses_cells_not_taken);
	RUN(dataset_random_round_trip);
	RUN(dataset_replace_unit_and_update);
	RUN(password_policy);
	RUN(catalog_add_at_run_time); /* last: the catalog only grows */
	RUN(catalog_series);
	RUN(groups_add_up);
	RUN(engine_group_totals);
	RUN(groups_agree_without_total);
	RUN(catalog_retire);
	RUN(catalog_edit_copy_on_write);
	return harness_report();
}
