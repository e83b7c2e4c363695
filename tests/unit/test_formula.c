/*
 * test_formula.c: indicators computed from others (core/formula.h): the
 * parser, every refusal at add (a formula that refers to itself through
 * another among them), and the engine computing a formula at a commune
 * and its province as the formula of the rolled-up parts, also after an
 * incremental update.  No database.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/formula.h"
#include "core/indset.h"
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

/* A value indicator to add, by sex or not. */
static struct indicator value_ind(const char *id, bool by_sex)
{
	struct indicator ind = {
		.id = id, .goal = GOAL_ECONOMY, .name_vi = "Chỉ số", .name_en = "Indicator", .unit = "count",
		.polarity = POL_HIGHER, .kind = IND_VALUE, .factor = 1, .by_sex = by_sex, .space = SPACE_SUM,
		.time = {TIME_SUM, TIME_SUM}, .part_vi = {"Số"}, .part_en = {"Count"}, .source = SRC_REPORTED,
	};
	return ind;
}

/* A ratio indicator computed from formula. */
static struct indicator ratio_ind(const char *id, bool by_sex, const char *formula)
{
	struct indicator ind = value_ind(id, by_sex);

	ind.kind = IND_RATIO;
	ind.factor = 100;
	ind.unit = "%";
	ind.part_vi[1] = "Tổng";
	ind.part_en[1] = "Total";
	ind.formula_text = formula;
	return ind;
}

static int add(struct indicator ind)
{
	struct errctx e = {0};
	int k = -1;

	CHECK(catalog_add(&ind, &k, &e) == GEMIS_OK);
	if (e.code)
		fprintf(stderr, "add %s: %s: %s\n", ind.id, e.where, e.msg);
	return k;
}

TEST(parse)
{
	struct errctx e = {0};
	struct formula *f;

	CHECK(formula_parse("(a.value + 2.5 * b.value - c.num) / d.den", &f, &e) == GEMIS_OK);
	CHECK(f && f->nsums == 2 && f->nterms == 4 && f->n[0] == 3 && f->n[1] == 1 && f->first[1] == 3);
	CHECK_EQ_DBL(f->terms[1].coef, 2.5, 0);
	CHECK_EQ_DBL(f->terms[2].coef, -1, 0);
	CHECK(f->terms[3].part == PART_DEN && strcmp(f->terms[3].id, "d") == 0);
	free(f);
	CHECK(formula_parse("-a_1.value+b.value", &f, &e) == GEMIS_OK && f->nsums == 1);
	CHECK_EQ_DBL(f->terms[0].coef, -1, 0);
	free(f);
#define SYNTAX(text, pos)                                                                        \
	do {                                                                                     \
		memset(&e, 0, sizeof(e));                                                        \
		CHECK(formula_parse(text, &f, &e) == GEMIS_EINVAL && f == NULL);                 \
		CHECK(strcmp(e.where, "formula") == 0 && strstr(e.msg, "at character " pos ":") != NULL); \
	} while (0)
	SYNTAX("a.value +", "10");
	SYNTAX("a.valu", "7");
	SYNTAX("2 a.value", "3");
	SYNTAX("(a.value", "9");
	SYNTAX("a.value / b.value / c.value", "19");
	SYNTAX("A.value", "1");
	SYNTAX("a.value * 2", "9");
#undef SYNTAX
	memset(&e, 0, sizeof(e));
	CHECK(formula_parse("", &f, &e) == GEMIS_EINVAL && strcmp(e.where, "formula") == 0);
}

/* Every refusal names the field formula, and adds nothing. */
TEST(refusals)
{
	struct indicator mean = value_ind("fm_mean", false), last = value_ind("fm_last", false);
	struct indicator own = value_ind("fm_own", false), old = value_ind("fm_old", false), bad;
	struct errctx e = {0};
	size_t n;
	int k;

	add(value_ind("fm_a", false));
	add(value_ind("fm_b", false));
	mean.space = SPACE_MEAN;
	add(mean);
	last.time[0] = TIME_LAST;
	add(last);
	own.scope = "P1";
	add(own);
	k = add(old);
	CHECK(catalog_set_retired(k, 2027) == GEMIS_OK);
	n = catalog_n();
#define REFUSED(formula, want)                                                                   \
	do {                                                                                     \
		bad = ratio_ind("fm_bad", false, formula);                                       \
		memset(&e, 0, sizeof(e));                                                        \
		CHECK(catalog_add(&bad, &k, &e) == GEMIS_EINVAL && strcmp(e.where, "formula") == 0); \
		CHECK(strstr(e.msg, want) != NULL);                                              \
		if (!strstr(e.msg, want))                                                        \
			fprintf(stderr, "  got: %s\n", e.msg);                                   \
	} while (0)
	REFUSED("fm_a.value / fm_zz.value", "fm_zz is not an indicator");
	REFUSED("fm_a.num / fm_b.value", "fm_a has no part num");
	REFUSED("fm_a.value / fm_mean.value", "not summed over units (space mean)");
	REFUSED("fm_a.value / fm_last.value", "folds the year by last");
	REFUSED("fm_a.value / fm_own.value", "fm_own belongs to P1");
	REFUSED("fm_a.value / fm_old.value", "fm_old is retired");
	REFUSED("fm_a.value + fm_b.value", "a ratio's formula is SUM / SUM");
	REFUSED("fm_bad.value / fm_a.value", "fm_bad refers to itself (fm_bad -> fm_bad)");
	REFUSED("fm_a.value / (fm_b.value", "at character 25");
	/* by sex only when every component is */
	bad = ratio_ind("fm_bad", true, "fm_a.value / fm_b.value");
	memset(&e, 0, sizeof(e));
	CHECK(catalog_add(&bad, &k, &e) == GEMIS_EINVAL && strstr(e.msg, "fm_a is not by sex"));
	/* a value's formula has no denominator */
	bad = value_ind("fm_bad", false);
	bad.formula_text = "fm_a.value / fm_b.value";
	memset(&e, 0, sizeof(e));
	CHECK(catalog_add(&bad, &k, &e) == GEMIS_EINVAL && strstr(e.msg, "a value's formula is one SUM"));
	CHECK(catalog_n() == n && catalog_find("fm_bad") < 0);
#undef REFUSED
}

/* A chain of formulas back to the indicator (fm_c's formula were it to
 * use fm_d, which uses fm_c): the path is named. */
TEST(cycle_through_two_formulas)
{
	struct indicator c = value_ind("fm_c", false), d = value_ind("fm_d", false);
	struct errctx e = {0};

	add(value_ind("fm_e", false));
	c.formula_text = "fm_e.value";
	CHECK(add(c) >= 0);
	d.formula_text = "fm_c.value + fm_e.value";
	CHECK(add(d) >= 0);
	/* fm_c's formula changed to use fm_d (as an edit would) */
	c.formula_text = "2 * fm_d.value";
	CHECK(formula_check(&c, &e) == GEMIS_EINVAL && strcmp(e.where, "formula") == 0);
	CHECK(strstr(e.msg, "fm_c refers to itself (fm_c -> fm_d -> fm_c)") != NULL);
	/* a formula over a formula is fine otherwise */
	c.id = "fm_f";
	memset(&e, 0, sizeof(e));
	CHECK(formula_check(&c, &e) == GEMIS_OK);
}

/* Forty formulas each using the one before twice: the checks walk each
 * once (not 2^40 paths), and a change of the first reaches the last. */
static bool is_first(const void *ctx, int ind)
{
	return ind == *(const int *)ctx;
}

TEST(shared_components_walked_once)
{
	char ids[40][16], text[40][48];
	int i, k = -1, first;

	first = add(value_ind("fm_ch", false));
	for (i = 0; i < 40; i++) {
		struct indicator c = value_ind(ids[i], false);

		snprintf(ids[i], sizeof(ids[i]), "fm_ch%d", i);
		snprintf(text[i], sizeof(text[i]), "%s.value + %s.value", i ? ids[i - 1] : "fm_ch",
			 i ? ids[i - 1] : "fm_ch");
		c.formula_text = text[i];
		k = add(c);
	}
	CHECK(k >= 0 && formula_uses(catalog[k].formula, is_first, &first));
	CHECK(!formula_uses(catalog[k].formula, is_first, &k));
}

static void put(struct dataset *d, const struct tree *t, const char *unit, const char *ind, int sex, double v)
{
	CHECK(dataset_put(d, tree_find(t, unit), period_year_code(2026), catalog_find(ind), PART_VALUE, sex, v) ==
	      GEMIS_OK);
}

/* The formula's parts at a unit: those of the components' rolled parts. */
static void check_unit(const struct engine *e, int u, int f, int x, int y, int s)
{
	double px = engine_part(e, 2026, u, x, PART_VALUE, s), py = engine_part(e, 2026, u, y, PART_VALUE, s);

	CHECK_EQ_DBL(engine_part(e, 2026, u, f, PART_NUM, s), px, 0);
	CHECK_EQ_DBL(engine_part(e, 2026, u, f, PART_DEN, s), px + 2 * py, 0);
	CHECK_EQ_DBL(engine_value(e, 2026, u, f, s), px / (px + 2 * py) * 100, 1e-12);
}

TEST(engine_computes_after_rollup)
{
	struct tree t;
	struct dataset d, d2;
	struct engine e, e2;
	struct unit_values v;
	struct dataset_change c;
	struct indset s;
	int x, y, f, g, C1, C2, C3, P1;

	x = add(value_ind("fx_women", true));
	y = add(value_ind("fx_men", true));
	f = add(ratio_ind("fx_share", true, "fx_women.value / (fx_women.value + 2 * fx_men.value)"));
	/* a formula over a formula, not by sex: the totals */
	{
		struct indicator gi = value_ind("fx_twice", false);

		gi.formula_text = "fx_share.num + fx_share.num";
		g = add(gi);
	}
	CHECK(x >= 0 && y >= 0 && f >= 0 && g >= 0);
	small_tree(&t);
	C1 = tree_find(&t, "C1"), C2 = tree_find(&t, "C2"), C3 = tree_find(&t, "C3"), P1 = tree_find(&t, "P1");
	dataset_init(&d, &t);
	put(&d, &t, "C1", "fx_women", SEX_F, 3);
	put(&d, &t, "C1", "fx_women", SEX_M, 1);
	put(&d, &t, "C1", "fx_men", SEX_F, 2);
	put(&d, &t, "C1", "fx_men", SEX_M, 5);
	put(&d, &t, "C2", "fx_women", SEX_T, 10);
	put(&d, &t, "C2", "fx_men", SEX_T, 20);
	put(&d, &t, "C3", "fx_women", SEX_T, 7); /* fx_men missing: no formula here */
	CHECK(engine_build(&e, &t, &d, NULL, 0) == GEMIS_OK);
	check_unit(&e, C1, f, x, y, SEX_F);
	check_unit(&e, C1, f, x, y, SEX_T);
	check_unit(&e, P1, f, x, y, SEX_T);
	/* (4 + 10 + 7) / (21 + 2 * 27): the sum of the rolled parts */
	CHECK_EQ_DBL(engine_part(&e, 2026, P1, f, PART_NUM, SEX_T), 21, 0);
	CHECK_EQ_DBL(engine_part(&e, 2026, P1, f, PART_DEN, SEX_T), 21 + 2 * 27, 0);
	CHECK(isnan(engine_value(&e, 2026, C3, f, SEX_T)));
	CHECK(engine_reporting(&e, 2026, C1, f) == 1 && engine_reporting(&e, 2026, C3, f) == 0);
	CHECK(engine_reporting(&e, 2026, P1, f) == 2 && engine_reporting(&e, 2026, 0, f) == 2);
	CHECK_EQ_DBL(engine_value(&e, 2026, P1, g, SEX_T), 42, 0);
	CHECK_EQ_DBL(engine_value(&e, 2026, C1, g, SEX_T), 8, 0);

	/* C3 reports fx_men: an update recomputes C3, P1 and the nation */
	CHECK(unit_values_init(&v, C3) == GEMIS_OK);
	CHECK(unit_values_put(&v, period_year_code(2026), x, PART_VALUE, SEX_T, 7) == GEMIS_OK);
	CHECK(unit_values_put(&v, period_year_code(2026), y, PART_VALUE, SEX_T, 1) == GEMIS_OK);
	memset(&c, 0, sizeof(c));
	CHECK(dataset_clone(&d2, &d, &t) == GEMIS_OK);
	CHECK(dataset_replace_unit(&d2, &v, &c) == GEMIS_OK);
	CHECK(engine_clone(&e2, &e, &t, &d2) == GEMIS_OK);
	CHECK(engine_update(&e2, &C3, 1, &c) == GEMIS_OK);
	check_unit(&e2, C3, f, x, y, SEX_T);
	check_unit(&e2, P1, f, x, y, SEX_T);
	CHECK_EQ_DBL(engine_part(&e2, 2026, P1, f, PART_DEN, SEX_T), 21 + 2 * 28, 0);
	CHECK_EQ_DBL(engine_part(&e2, 2026, 0, f, PART_DEN, SEX_T), 21 + 2 * 28, 0);
	CHECK(engine_reporting(&e2, 2026, P1, f) == 3);
	CHECK_EQ_DBL(engine_value(&e2, 2026, C2, f, SEX_T), 10.0 / 50 * 100, 1e-12);
	/* the original engine is untouched */
	CHECK(isnan(engine_value(&e, 2026, C3, f, SEX_T)));

	/* no agency owes a formula */
	CHECK(indset_init(&s, catalog_n()) == GEMIS_OK);
	CHECK(indset_add(&s, x) && indset_add(&s, f) && indset_add(&s, g));
	indset_drop_computed(&s);
	CHECK(indset_has(&s, x) && !indset_has(&s, f) && !indset_has(&s, g));
	indset_free(&s);

	unit_values_release(&v);
	engine_release(&e2);
	engine_release(&e);
	dataset_release(&d2);
	dataset_release(&d);
	tree_release(&t);
}

int main(void)
{
	i18n_set_lang(LANG_EN);
	RUN(parse);
	RUN(refusals);
	RUN(cycle_through_two_formulas);
	RUN(shared_components_walked_once);
	RUN(engine_computes_after_rollup);
	return harness_report();
}
