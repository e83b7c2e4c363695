/*
 * test_scorecard.c: the agencies' scorecard (core/scorecard.h): three
 * agencies scored by hand against the computed scores, a criterion that
 * does not apply leaving its weight to the others, ties sharing a rank;
 * and the rules of a province on a real database (store/scorecard.h):
 * the nation's default, a province's own version from a year on, who may
 * set them, bad weights refused by field.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/scorecard.h"
#include "harness.h"
#include "store/scorecard.h"
#include "store_fixture.h"
#include "util/i18n.h"

static struct sc_input in(unsigned f, unsigned fw, unsigned t, unsigned tw, unsigned i, unsigned iw, unsigned a,
			  unsigned aw)
{
	struct sc_input x = {{f, t, i, a}, {fw, tw, iw, aw}};

	return x;
}

TEST(three_agencies_by_hand)
{
	struct sc_rules r;
	struct sc_score s;

	sc_rules_default(&r); /* 30 forms, 30 tasks, 25 indicators, 15 activities */
	/* the culture-social office: its form on time, 1 of 2 tasks done, 3 of
	 * 4 indicators on track, 2 of 4 quarters logged:
	 * 30*1 + 30*0.5 + 25*0.75 + 15*0.5 = 30 + 15 + 18.75 + 7.5 = 71.25 */
	sc_compute(&r, &(struct sc_input){{1, 1, 3, 2}, {1, 2, 4, 4}}, &s);
	CHECK_EQ_DBL(s.score, 71.25, 1e-9);
	CHECK_EQ_DBL(s.points[SC_INDICATORS], 18.75, 1e-9);
	/* the economic office: no form owed, its task in progress, no
	 * indicator, 0 of 4 quarters: forms and indicators do not apply, so
	 * the score is over tasks and activities (45): (30*0 + 15*0) / 45 = 0 */
	sc_compute(&r, &(struct sc_input){{0, 0, 0, 0}, {0, 1, 0, 4}}, &s);
	CHECK_EQ_DBL(s.score, 0, 1e-9);
	CHECK(isnan(s.share[SC_FORMS]) && isnan(s.share[SC_INDICATORS]));
	/* the health station: its form late (0 of 1), no task, 1 of 2
	 * indicators, 1 of 4 quarters: over 30 + 25 + 15 = 70,
	 * (0 + 12.5 + 3.75) / 70 * 100 = 23.214285... */
	s.score = 0;
	{
		struct sc_input x = in(0, 1, 0, 0, 1, 2, 1, 4);

		sc_compute(&r, &x, &s);
	}
	CHECK_EQ_DBL(s.score, (12.5 + 3.75) / 70 * 100, 1e-9);
	CHECK(isnan(s.share[SC_TASKS]) && s.points[SC_TASKS] == 0);
	/* nothing applies: no score */
	sc_compute(&r, &(struct sc_input){{0, 0, 0, 0}, {0, 0, 0, 0}}, &s);
	CHECK(isnan(s.score));
	/* the weights are data: a province weighing forms only */
	memset(r.weight, 0, sizeof(r.weight));
	r.weight[SC_FORMS] = 1;
	sc_compute(&r, &(struct sc_input){{1, 0, 0, 0}, {2, 1, 1, 1}}, &s);
	CHECK_EQ_DBL(s.score, 50, 1e-9);
	CHECK(sc_criterion_parse("tasks_done") == SC_TASKS && sc_criterion_parse("x") == -1);
}

TEST(rules_by_province_and_year)
{
	const char *pg = getenv("GEMIS_TEST_PG");
	char dir[] = "/tmp/gemis-sc-XXXXXX", path[64];
	const char *url = path;
	struct db *db = NULL;
	struct tree t;
	struct sc_rules r;
	struct errctx e = {0};
	struct principal prov, other, admin;

	if (pg && *pg) {
		url = pg;
	} else if (mkdtemp(dir)) {
		snprintf(path, sizeof(path), "%s/test.db", dir);
	} else {
		CHECK(!"temporary directory");
		return;
	}
	if (fixture_open(url, &db, &t) != 0) {
		CHECK(!"database");
		return;
	}
	memset(&prov, 0, sizeof(prov));
	snprintf(prov.name, sizeof(prov.name), "laichau");
	prov.role = ROLE_PROVINCE;
	prov.unit = tree_find(&t, "12");
	prov.agency = -1;
	other = prov;
	other.unit = tree_find(&t, "24");
	admin = prov;
	admin.role = ROLE_ADMIN;
	admin.unit = tree_find(&t, "VN");
	CHECK(scorecard_rules_for(db, &t, tree_find(&t, "03390"), 2026, &r, &e) == GEMIS_OK);
	CHECK(r.version == 1 && strcmp(r.origin, "VN") == 0 && r.weight[SC_FORMS] == 30 && r.weight[SC_ACTIVITIES] == 15);
	r.weight[SC_FORMS] = 50;
	r.weight[SC_ACTIVITIES] = -1;
	CHECK(scorecard_rules_set(db, &t, &prov, prov.unit, 2027, &r, 100, &e) == GEMIS_EINVAL);
	CHECK(strcmp(e.where, "weights") == 0);
	r.weight[SC_ACTIVITIES] = 0;
	CHECK(scorecard_rules_set(db, &t, &other, prov.unit, 2027, &r, 100, &e) == GEMIS_EPERM);
	CHECK(scorecard_rules_set(db, &t, &prov, prov.unit, 2027, &r, 100, &e) == GEMIS_OK && r.version == 1);
	/* 2026 keeps the nation's; 2027 on, the province's; another province the nation's */
	CHECK(scorecard_rules_for(db, &t, tree_find(&t, "03390"), 2026, &r, &e) == GEMIS_OK);
	CHECK(strcmp(r.origin, "VN") == 0 && r.weight[SC_FORMS] == 30);
	CHECK(scorecard_rules_for(db, &t, tree_find(&t, "03390"), 2028, &r, &e) == GEMIS_OK);
	CHECK(strcmp(r.origin, "12") == 0 && r.version == 1 && r.weight[SC_FORMS] == 50 && r.weight[SC_ACTIVITIES] == 0);
	CHECK(scorecard_rules_for(db, &t, tree_find(&t, "24"), 2028, &r, &e) == GEMIS_OK && strcmp(r.origin, "VN") == 0);
	/* the nation's default, by the admin only */
	CHECK(scorecard_rules_set(db, &t, &prov, tree_find(&t, "VN"), 2027, &r, 100, &e) == GEMIS_EPERM);
	CHECK(scorecard_rules_set(db, &t, &admin, tree_find(&t, "VN"), 2027, &r, 100, &e) == GEMIS_OK && r.version == 2);
	/* every version kept: the default's 4 rows, the province's, the nation's second */
	CHECK(fixture_count(db, "SELECT COUNT(*) FROM scorecard_rules") == 12);
	db_close(db);
	tree_release(&t);
	if (!(pg && *pg)) {
		unlink(path);
		rmdir(dir);
	}
}

int main(void)
{
	i18n_set_lang(LANG_EN);
	RUN(three_agencies_by_hand);
	RUN(rules_by_province_and_year);
	return harness_report();
}
