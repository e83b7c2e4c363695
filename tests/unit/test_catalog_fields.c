/*
 * test_catalog_fields.c: catalog_fields_read(), the one reading of an
 * indicator's named fields the command line, the catalog page and the API
 * share: the defaults, yes/no fields, the national target's text, and
 * each refusal naming its field and the text given.  No database.
 */
#include <string.h>

#include "core/catalog_fields.h"
#include "harness.h"

/* Fields as "name=value" strings, NULL-terminated. */
static const char *lookup(void *ctx, const char *name)
{
	const char *const *kv = ctx;
	size_t n = strlen(name);

	for (; *kv; kv++) {
		if (strncmp(*kv, name, n) == 0 && (*kv)[n] == '=')
			return *kv + n + 1;
	}
	return NULL;
}

TEST(defaults_of_a_ratio_and_a_value)
{
	const char *ratio[] = {"id=x", "goal=economy", NULL}, *value[] = {"id=x", "kind=value", NULL};
	struct catalog_field_error why;
	struct indicator ind;

	CHECK(catalog_fields_read(lookup, ratio, &ind, &why));
	CHECK(ind.goal == GOAL_ECONOMY && ind.kind == IND_RATIO && ind.factor == 100);
	CHECK_STR(ind.unit, "%");
	CHECK(!ind.by_sex && ind.polarity == POL_HIGHER && !ind.has_national);
	CHECK(catalog_fields_read(lookup, value, &ind, &why));
	CHECK(ind.kind == IND_VALUE && ind.factor == 1);
	CHECK_STR(ind.unit, "count");
	CHECK((int)ind.goal == -1); /* left to catalog_check() */
}

TEST(yes_no_and_target)
{
	const char *f[] = {"by_sex=true", "share=1", "lower_better=no", "target=at_most:5.5:2030", NULL};
	const char *a[] = {"lower_better=on", "target=achieve:2028", NULL};
	struct catalog_field_error why;
	struct indicator ind;

	CHECK(catalog_fields_read(lookup, f, &ind, &why));
	CHECK(ind.by_sex && ind.share && ind.polarity == POL_HIGHER);
	CHECK(ind.has_national && ind.national_dir == DIR_AT_MOST && ind.national_value == 5.5 &&
	      ind.national_year == 2030);
	CHECK(catalog_fields_read(lookup, a, &ind, &why));
	CHECK(ind.polarity == POL_LOWER && ind.national_dir == DIR_ACHIEVE && ind.national_year == 2028);
}

/* The field a refusal names, "" when the fields are read. */
static const char *refused(const char *const *f, const char **value)
{
	static struct catalog_field_error why;
	struct indicator ind;

	if (catalog_fields_read(lookup, (void *)f, &ind, &why))
		return "";
	*value = why.value;
	return why.field;
}

TEST(refusals_name_the_field)
{
	const char *v = NULL;

	CHECK_STR(refused((const char *[]){"factor=abc", NULL}, &v), "factor");
	CHECK_STR(v, "abc");
	CHECK_STR(refused((const char *[]){"factor=inf", NULL}, &v), "factor");
	CHECK_STR(refused((const char *[]){"goal=sports", NULL}, &v), "goal");
	CHECK_STR(refused((const char *[]){"kind=both", NULL}, &v), "kind");
	CHECK_STR(refused((const char *[]){"space=max", NULL}, &v), "space");
	CHECK_STR(refused((const char *[]){"time=first", NULL}, &v), "time");
	CHECK_STR(refused((const char *[]){"by_sex=maybe", NULL}, &v), "by_sex");
	CHECK_STR(v, "maybe");
	CHECK_STR(refused((const char *[]){"target=at_least:abc:2030", NULL}, &v), "target");
	CHECK_STR(refused((const char *[]){"target=at_least:2030", NULL}, &v), "target");
	CHECK_STR(refused((const char *[]){"target=soon:2030", NULL}, &v), "target");
	CHECK_STR(refused((const char *[]){"kind=value", "den_en=People", NULL}, &v), "den_vi");
	CHECK(v == NULL);
}

int main(void)
{
	RUN(defaults_of_a_ratio_and_a_value);
	RUN(yes_no_and_target);
	RUN(refusals_name_the_field);
	return harness_report();
}
