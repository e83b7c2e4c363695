/*
 * test_smallnum.c: rare events in small units (core/smallnum.h): judged on
 * pooled years, or "too few events to judge", by the rule table of
 * data/indicators/small-numbers.tsv; a pooled status against a hand
 * computation.  No database.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/smallnum.h"
#include "harness.h"
#include "util/i18n.h"

static void small_tree(struct tree *t)
{
	tree_init(t);
	tree_add(t, "VN", "Việt Nam", NULL, LEVEL_NATION, NULL, 1, NULL);
	tree_add(t, "P1", "Tỉnh Một", NULL, LEVEL_PROVINCE, "VN", 2, NULL);
	tree_add(t, "C1", "Xã Một", NULL, LEVEL_COMMUNE, "P1", 3, NULL);
	tree_add(t, "C2", "Xã Hai", NULL, LEVEL_COMMUNE, "P1", 4, NULL);
	tree_finish(t);
}

static void put(struct dataset *d, const struct tree *t, const char *unit, int year, const char *ind,
		double num, double den)
{
	CHECK(dataset_put(d, tree_find(t, unit), period_year_code(year), catalog_find(ind), PART_NUM,
			  SEX_T, num) == GEMIS_OK);
	CHECK(dataset_put(d, tree_find(t, unit), period_year_code(year), catalog_find(ind), PART_DEN,
			  SEX_T, den) == GEMIS_OK);
}

static struct target at_most(const char *ind, double v)
{
	struct target t = {0};

	t.indicator = catalog_find(ind);
	t.dir = DIR_AT_MOST;
	t.has_value = true;
	t.value = v;
	t.year = 2030;
	t.origin = 1; /* P1, set below by index */
	return t;
}

TEST(rule_table_is_data_and_checked)
{
	struct smallnum_rule r[SMALLNUM_MAX_RULES];
	struct errctx e = {0};
	size_t n = 0;
	const char *bad = "# c\nmaternal_mortality\tnum\t0\t5\tx\ty\n";
	const char *bad2 = "maternal_mortality\tnum\t20\t5\tx\ty\nnews_items_per_quarter\tnum\t20\t5\tx\ty\n";

	/* the built-in table has the three rare-event indicators */
	CHECK(smallnum_rule_of(catalog_find("maternal_mortality")) != NULL);
	CHECK(smallnum_rule_of(catalog_find("adolescent_birth_rate")) != NULL);
	CHECK(smallnum_rule_of(catalog_find("sex_ratio_at_birth")) != NULL &&
	      smallnum_rule_of(catalog_find("sex_ratio_at_birth"))->count == SMALLNUM_BOTH);
	CHECK(smallnum_rule_of(catalog_find("female_wage_workers")) == NULL);
	CHECK(smallnum_rule_of(catalog_find("maternal_mortality"))->min == 20 &&
	      smallnum_rule_of(catalog_find("maternal_mortality"))->pool_years == 5);
	/* bad tables are refused with the line and the field */
	CHECK(smallnum_parse(bad, strlen(bad), r, &n, &e) == GEMIS_EINVAL);
	CHECK(strstr(e.msg, ":2: min") != NULL);
	CHECK(smallnum_parse(bad2, strlen(bad2), r, &n, &e) == GEMIS_EINVAL);
	CHECK(strstr(e.msg, ":2: indicator") != NULL);
	CHECK(smallnum_parse("x\ty\n", 4, r, &n, &e) == GEMIS_EINVAL);
}

TEST(pooled_status_equals_a_hand_computation)
{
	struct tree t;
	struct dataset d;
	struct engine e;
	struct target tg[3];
	struct assessment a;
	int abr = catalog_find("adolescent_birth_rate"), mmr = catalog_find("maternal_mortality");
	int srb = catalog_find("sex_ratio_at_birth"), c1;
	char note[256];
	/* births to women aged 15-19 and women aged 15-19, 2022-2026 */
	const double births[5] = {4, 6, 5, 3, 7}, women[5] = {410, 400, 405, 398, 402};
	int y;

	small_tree(&t);
	c1 = tree_find(&t, "C1");
	dataset_init(&d, &t);
	for (y = 0; y < 5; y++)
		put(&d, &t, "C1", 2022 + y, "adolescent_birth_rate", births[y], women[y]);
	/* the commune: one maternal death among 467 births in 2026 */
	put(&d, &t, "C1", 2025, "maternal_mortality", 0, 455);
	put(&d, &t, "C1", 2026, "maternal_mortality", 1, 467);
	/* 2,600 boys and 2,450 girls over five years: enough births pooled */
	for (y = 0; y < 5; y++)
		put(&d, &t, "C1", 2022 + y, "sex_ratio_at_birth", 520, 490);
	/* a commune with enough adolescent births in one year */
	put(&d, &t, "C2", 2026, "adolescent_birth_rate", 30, 1500);
	tg[0] = at_most("adolescent_birth_rate", 15);
	tg[1] = at_most("maternal_mortality", 50);
	tg[2] = at_most("sex_ratio_at_birth", 109);
	for (y = 0; y < 3; y++)
		tg[y].origin = tree_find(&t, "P1");
	CHECK(engine_build(&e, &t, &d, tg, 3) == GEMIS_OK);
	i18n_set_lang(LANG_EN);

	/* 2026 alone: 7 births (17.4 per 1,000, above 15); pooled 2022-2026:
	 * (4+6+5+3+7) / (410+400+405+398+402) * 1000 = 25 / 2015 * 1000 */
	engine_assess(&e, 2026, c1, abr, &a);
	CHECK(a.small == SMALL_POOLED && a.small_from == 2022 && a.latest_year == 2026);
	CHECK_EQ_DBL(a.small_events, 25, 0);
	CHECK_EQ_DBL(a.pooled_value, 25.0 / 2015.0 * 1000.0, 1e-9);
	CHECK_EQ_DBL(a.pooled_value, 12.406947890818859, 1e-9);
	CHECK(a.status == ST_ACHIEVED && isnan(a.ratio));
	smallnum_note(&a, abr, note, sizeof(note));
	CHECK_STR(note, "judged on 2022–2026 pooled: 25 births to women aged 15-19");
	/* asked for 2024: three years pooled (2022-2024): 15 births, too few */
	engine_assess(&e, 2024, c1, abr, &a);
	CHECK(a.small == SMALL_TOO_FEW && a.status == ST_INSUFFICIENT && a.latest_year == 2024);
	CHECK_EQ_DBL(a.small_events, 15, 0);
	/* enough events in the year itself: judged as usual (one year and no
	 * baseline: insufficient data, not "too few events") */
	engine_assess(&e, 2026, tree_find(&t, "C2"), abr, &a);
	CHECK(a.small == SMALL_NONE && a.status == ST_INSUFFICIENT);
	/* one maternal death: not "off track" at 214 per 100,000 */
	CHECK_EQ_DBL(engine_value(&e, 2026, c1, mmr, SEX_T), 1.0 / 467 * 100000, 1e-9);
	engine_assess(&e, 2026, c1, mmr, &a);
	CHECK(a.small == SMALL_TOO_FEW && a.status == ST_INSUFFICIENT);
	CHECK_EQ_DBL(a.small_events, 1, 0);
	smallnum_note(&a, mmr, note, sizeof(note));
	CHECK_STR(note, "too few events to judge: 1 maternal deaths in 2025–2026 (20 needed)");
	/* the sex ratio: 1,010 births a year, 5,050 pooled: 2600/2450*100 */
	engine_assess(&e, 2026, c1, srb, &a);
	CHECK(a.small == SMALL_POOLED && a.small_from == 2022);
	CHECK_EQ_DBL(a.small_events, 5050, 0);
	CHECK_EQ_DBL(a.pooled_value, 2600.0 / 2450.0 * 100.0, 1e-9);
	CHECK(a.status == ST_ACHIEVED);
	/* the province sums its communes: 32 births in 2026 is enough */
	engine_assess(&e, 2026, tree_find(&t, "P1"), abr, &a);
	CHECK(a.small == SMALL_NONE);
	engine_release(&e);
	dataset_release(&d);
	tree_release(&t);
}

int main(void)
{
	RUN(rule_table_is_data_and_checked);
	RUN(pooled_status_equals_a_hand_computation);
	return harness_report();
}
