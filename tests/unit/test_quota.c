/*
 * test_quota.c: quotas per quarter ("every quarter at least 4 news items")
 * judged quarter by quarter, for a commune and for the units above it
 * (core/quota.h), with no database.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/quota.h"
#include "harness.h"
#include "util/i18n.h"

static void small_tree(struct tree *t)
{
	tree_init(t);
	tree_add(t, "VN", "Việt Nam", NULL, LEVEL_NATION, NULL, 1, NULL);
	tree_add(t, "P1", "Tỉnh Một", NULL, LEVEL_PROVINCE, "VN", 2, NULL);
	tree_add(t, "C1", "Xã Một", NULL, LEVEL_COMMUNE, "P1", 3, NULL);
	tree_add(t, "C2", "Phường Hai", NULL, LEVEL_WARD, "P1", 4, NULL);
	tree_add(t, "C3", "Xã Ba", NULL, LEVEL_COMMUNE, "P1", 5, NULL);
	tree_finish(t);
}

/* Four quarters of news items for a unit; NAN leaves a quarter out. */
static void quarters(struct dataset *d, const struct tree *t, const char *unit, int year,
		     const double q[4])
{
	int k;

	for (k = 0; k < 4; k++) {
		if (!isnan(q[k]))
			CHECK(dataset_put(d, tree_find(t, unit), period_quarter(year, k + 1),
					  catalog_find("news_items_per_quarter"), PART_VALUE, SEX_T,
					  q[k]) == GEMIS_OK);
	}
}

TEST(quota_check_names_the_quarters_that_missed)
{
	struct quota_check c;

	/* the case: a mean of 4, one quarter without any */
	quota_check((double[]){8, 0, 4, 4}, 4, &c);
	CHECK(c.status == ST_OFF_TRACK && c.missed == 0x2 && c.unknown == 0);
	quota_check((double[]){4, 4, 4, 4}, 4, &c);
	CHECK(c.status == ST_ACHIEVED && c.missed == 0 && c.unknown == 0);
	quota_check((double[]){5, 6, 4, NAN}, 4, &c);
	CHECK(c.status == ST_ON_TRACK && c.missed == 0 && c.unknown == 0x8);
	quota_check((double[]){3, NAN, 9, 2}, 4, &c);
	CHECK(c.status == ST_OFF_TRACK && c.missed == 0x9 && c.unknown == 0x2);
	quota_check((double[]){NAN, NAN, NAN, NAN}, 4, &c);
	CHECK(c.status == ST_NO_DATA && c.unknown == 0xF);
}

TEST(quota_in_the_engine)
{
	struct tree t;
	struct dataset d;
	struct engine e;
	struct target tg = {0};
	struct assessment a;
	int news = catalog_find("news_items_per_quarter");
	char note[160];

	small_tree(&t);
	dataset_init(&d, &t);
	tg.indicator = news;
	tg.dir = DIR_AT_LEAST;
	tg.has_value = true;
	tg.value = 4;
	tg.year = 2030;
	tg.origin = tree_find(&t, "P1");
	quarters(&d, &t, "C1", 2026, (double[]){8, 0, 4, 4});
	quarters(&d, &t, "C2", 2026, (double[]){4, 5, 6, 4});
	quarters(&d, &t, "C3", 2026, (double[]){4, 5, 6, NAN});
	/* a yearly figure alone, in another year */
	CHECK(dataset_put(&d, tree_find(&t, "C2"), period_year_code(2025), news, PART_VALUE, SEX_T, 9) ==
	      GEMIS_OK);
	CHECK(engine_build(&e, &t, &d, &tg, 1) == GEMIS_OK);
	i18n_set_lang(LANG_EN);

	/* the mean is 4, which the old judgement called achieved */
	CHECK_EQ_DBL(engine_value(&e, 2026, tree_find(&t, "C1"), news, SEX_T), 4, 1e-12);
	engine_assess(&e, 2026, tree_find(&t, "C1"), news, &a);
	CHECK(a.quota && a.status == ST_OFF_TRACK && a.quota_missed == 0x2 && a.latest_year == 2026);
	CHECK(isnan(a.ratio));
	quota_note(&a, note, sizeof(note));
	CHECK_STR(note, "not met in Q2");
	engine_assess(&e, 2026, tree_find(&t, "C2"), news, &a);
	CHECK(a.status == ST_ACHIEVED && a.quota_missed == 0);
	quota_note(&a, note, sizeof(note));
	CHECK_STR(note, "met every quarter");
	engine_assess(&e, 2026, tree_find(&t, "C3"), news, &a);
	CHECK(a.status == ST_ON_TRACK && a.quota_unknown == 0x8);
	quota_note(&a, note, sizeof(note));
	CHECK_STR(note, "met so far; Q4 not reported");
	/* a year given as one figure cannot tell its quarters */
	engine_assess(&e, 2025, tree_find(&t, "C2"), news, &a);
	CHECK(a.status == ST_INSUFFICIENT && a.quota_unknown == 0xF);
	/* the province: the share of its communes that met it every quarter */
	engine_assess(&e, 2026, tree_find(&t, "P1"), news, &a);
	CHECK(a.quota && a.quota_met == 2 && a.quota_judged == 3 && a.status == ST_OFF_TRACK);
	quota_note(&a, note, sizeof(note));
	CHECK_STR(note, "2 of 3 communes met it in every quarter reported (66.7%)");
	engine_assess(&e, 2026, 0, news, &a);
	CHECK(a.quota_met == 2 && a.quota_judged == 3);
	/* in Vietnamese the quarters are Roman numerals */
	i18n_set_lang(LANG_VI);
	engine_assess(&e, 2026, tree_find(&t, "C1"), news, &a);
	quota_note(&a, note, sizeof(note));
	CHECK(strstr(note, "quý II") != NULL);
	i18n_set_lang(LANG_EN);
	engine_release(&e);
	dataset_release(&d);
	tree_release(&t);
}

int main(void)
{
	RUN(quota_check_names_the_quarters_that_missed);
	RUN(quota_in_the_engine);
	return harness_report();
}
