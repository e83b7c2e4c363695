/*
 * test_scope.c: a province's own indicators and optional catalogs (issue
 * 17): where a scoped indicator holds (indicator_in_scope()), who may add
 * one (access_catalog_refusal()), what catalog_check() says of a scope,
 * and the optional catalog's file (catalog_file_parse()), its errors
 * naming the entry and the field.  No database.
 */
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/catalog.h"
#include "core/tree.h"
#include "formats/catalog_json.h"
#include "harness.h"
#include "tree_fixture.h"

/* VN -> P1 -> C1, C2; VN -> P2 -> C3 */
TEST(in_scope_inside_the_province_only)
{
	struct tree t;
	struct indicator ind = catalog[0];

	small_tree(&t);
	/* a national indicator holds everywhere */
	CHECK(indicator_in_scope(&t, &ind, tree_find(&t, "VN")));
	CHECK(indicator_in_scope(&t, &ind, tree_find(&t, "C3")));
	ind.scope = "P1";
	CHECK(indicator_in_scope(&t, &ind, tree_find(&t, "P1")));
	CHECK(indicator_in_scope(&t, &ind, tree_find(&t, "C1")));
	CHECK(indicator_in_scope(&t, &ind, tree_find(&t, "C2")));
	CHECK(!indicator_in_scope(&t, &ind, tree_find(&t, "VN")));
	CHECK(!indicator_in_scope(&t, &ind, tree_find(&t, "P2")));
	CHECK(!indicator_in_scope(&t, &ind, tree_find(&t, "C3")));
	CHECK(!indicator_in_scope(&t, &ind, -1));
	/* a province no longer in the tree: nowhere */
	ind.scope = "P9";
	CHECK(!indicator_in_scope(&t, &ind, tree_find(&t, "C1")));
	tree_release(&t);
}

TEST(who_adds_for_a_province)
{
	struct tree t;
	struct principal p;

	small_tree(&t);
	memset(&p, 0, sizeof(p));
	p.role = ROLE_MINISTRY;
	CHECK(access_catalog_refusal(&t, &p, NULL) == NULL);
	CHECK(access_catalog_refusal(&t, &p, "P2") == NULL);
	CHECK(access_catalog_refusal(&t, &p, "C1") != NULL); /* not a province */
	CHECK(access_catalog_refusal(&t, &p, "XX") != NULL); /* not a unit */
	p.role = ROLE_ADMIN;
	CHECK(access_catalog_refusal(&t, &p, "P1") == NULL);
	p.role = ROLE_PROVINCE;
	p.unit = tree_find(&t, "P1");
	CHECK(access_catalog_refusal(&t, &p, "P1") == NULL);
	CHECK(access_catalog_refusal(&t, &p, "P2") != NULL);
	CHECK(access_catalog_refusal(&t, &p, NULL) != NULL);
	p.role = ROLE_FOCAL;
	p.unit = tree_find(&t, "C1");
	CHECK(access_catalog_refusal(&t, &p, "P1") != NULL);
	CHECK(access_catalog_refusal(&t, &p, NULL) != NULL);
	tree_release(&t);
}

/* A good added indicator, for the checks to spoil one field of. */
static struct indicator fresh(void)
{
	struct indicator ind;

	memset(&ind, 0, sizeof(ind));
	ind.id = "scoped_test";
	ind.goal = GOAL_ECONOMY;
	ind.name_vi = ind.name_en = ind.unit = "x";
	ind.kind = IND_VALUE;
	ind.factor = 1;
	ind.part_vi[0] = ind.part_en[0] = "y";
	ind.source = SRC_REPORTED;
	return ind;
}

TEST(check_a_scope)
{
	struct errctx e = {0};
	struct indicator ind = fresh();

	ind.scope = "P1";
	CHECK(catalog_check(&ind, &e) == GEMIS_OK);
	ind.has_national = true;
	ind.national_dir = DIR_AT_LEAST;
	ind.national_value = 10;
	ind.national_year = 2030;
	CHECK(catalog_check(&ind, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "national_direction");
	ind = fresh();
	ind.scope = "";
	CHECK(catalog_check(&ind, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "scope");
}

static enum gemis_err parse(const char *json, struct catalog_file *f, struct arena *mem,
                            struct errctx *e)
{
	memset(e, 0, sizeof(*e));
	return catalog_file_parse(json, strlen(json), mem, f, e);
}

#define HEAD "{\"name\": \"Example\", \"source\": \"a test\", \"indicators\": "
#define ONE                                                                                         \
	"{\"id\": \"ex_one\", \"goal\": \"family\", \"name_vi\": \"Một\", \"name_en\": \"One\", " \
	"\"part_vi\": \"Số\", \"part_en\": \"Count\""

TEST(catalog_file_reads_entries)
{
	struct catalog_file f;
	struct errctx e;
	struct arena mem;

	arena_init(&mem, 0);
	CHECK(parse(HEAD "[" ONE
	                 ", \"parts\": [\"value\"], \"by_sex\": true, \"time\": \"last\"}, " ONE
	                 ", \"den_vi\": \"Tổng\", \"den_en\": \"All\", \"factor\": 1000, "
	                 "\"local\": true,"
	                 " \"source\": \"reported\", \"target\": {\"direction\": \"at_least\", "
	                 "\"value\": 5, \"year\": 2030}}]}",
	            &f, &mem, &e) == GEMIS_OK);
	CHECK(f.n == 2);
	CHECK_STR(f.name, "Example");
	CHECK(f.ind[0].kind == IND_VALUE && f.ind[0].factor == 1 && f.ind[0].by_sex);
	CHECK(f.ind[0].time[0] == TIME_LAST);
	CHECK_STR(f.ind[0].unit, "count");
	CHECK(f.ind[1].kind == IND_RATIO && f.ind[1].factor == 1000);
	CHECK_STR(f.ind[1].unit, "%");
	CHECK(f.ind[1].has_national && f.ind[1].national_value == 5 &&
	      f.ind[1].national_year == 2030);
	CHECK_STR(f.ind[1].part_en[1], "All");
	arena_release(&mem);
}

TEST(catalog_file_names_the_field)
{
	static const struct {
		const char *json, *where;
	} bad[] = {
	        {HEAD "[" ONE "}, " ONE ", \"factor\": \"big\"}]}", "indicators[1].factor"},
	        {HEAD "[" ONE ", \"colour\": \"red\"}]}", "indicators[0].colour"},
	        {HEAD "[" ONE ", \"parent\": \"x\"}]}", "indicators[0].parent"},
	        {HEAD "[" ONE ", \"space\": \"everywhere\"}]}", "indicators[0].space"},
	        {HEAD "[" ONE ", \"parts\": [\"num\"]}]}", "indicators[0].parts"},
	        {HEAD "[" ONE ", \"kind\": \"value\", \"parts\": [\"num\", \"den\"]}]}",
	         "indicators[0].parts"},
	        {HEAD "[" ONE ", \"by_sex\": 1}]}", "indicators[0].by_sex"},
	        {HEAD "[" ONE ", \"source\": \"register\"}]}", "indicators[0].source"},
	        {HEAD "[" ONE ", \"target\": {\"direction\": \"up\", \"year\": 2030}}]}",
	         "indicators[0].target.direction"},
	        {HEAD "[" ONE ", \"kind\": \"value\", \"den_vi\": \"x\"}]}",
	         "indicators[0].den_vi"},
	        {HEAD "[{\"id\": \"ex\", \"goal\": \"family\", \"name_vi\": \"Một\", \"name_en\": "
	              "\"One\", \"part_vi\": \"Số\"}]}",
	         "indicators[0].part_en"},
	        {HEAD "[7]}", "indicators[0]"},
	        {HEAD "[]}", "indicators"},
	        {"{\"source\": \"x\", \"indicators\": []}", "name"},
	        {"{\"name\": \"x\", \"indicators\": []}", "source"},
	        {"[1]", ""},
	};
	struct catalog_file f;
	struct errctx e;
	struct arena mem;
	size_t i;

	arena_init(&mem, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(parse(bad[i].json, &f, &mem, &e) == GEMIS_EINVAL);
		CHECK_STR(e.where, bad[i].where);
	}
	CHECK(parse("{", &f, &mem, &e) == GEMIS_EINVAL);
	arena_release(&mem);
}

int main(void)
{
	RUN(in_scope_inside_the_province_only);
	RUN(who_adds_for_a_province);
	RUN(check_a_scope);
	RUN(catalog_file_reads_entries);
	RUN(catalog_file_names_the_field);
	return harness_report();
}
