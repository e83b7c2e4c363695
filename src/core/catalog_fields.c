/*
 * catalog_fields.c: an indicator to add, read from named text fields, the
 * one reading the command line, the catalog page and the API share
 * (catalog_fields.h).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_fields.h"
#include "util/i18n.h"

#include "util/banned.h"

const char *const catalog_field_names[] = {
	"id",	    "goal",    "name_vi", "name_en", "kind",    "unit",	  "factor", "by_sex", "share",
	"lower_better", "space", "time",    "part_vi", "part_en", "den_vi", "den_en", "target",
	"scope",
};
const size_t catalog_field_count = sizeof(catalog_field_names) / sizeof(catalog_field_names[0]);

static bool refuse(struct catalog_field_error *why, const char *field, const char *msg, const char *value)
{
	why->field = field;
	why->also = NULL;
	why->msg = msg;
	why->value = value;
	return false;
}

/* Field name as one of the ids of parse; *out untouched when absent. */
static bool enum_field(catalog_field_get get, void *ctx, const char *name, int (*parse)(const char *), int *out,
		       struct catalog_field_error *why)
{
	const char *s = get(ctx, name);
	int v;

	if (!s)
		return true;
	v = parse(s);
	if (v < 0)
		return refuse(why, name, N_("not a value it takes"), s);
	*out = v;
	return true;
}

/* A yes/no field; false (absent) by default. */
static bool flag_field(catalog_field_get get, void *ctx, const char *name, bool *out, struct catalog_field_error *why)
{
	static const char *const yes[] = {"1", "true", "on", "yes"}, *const no[] = {"", "0", "false", "off", "no"};
	const char *s = get(ctx, name);
	size_t i;

	*out = false;
	if (!s)
		return true;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		if (strcmp(s, no[i]) == 0)
			return true;
	}
	return refuse(why, name, N_("not yes or no (1 or 0)"), s);
}

static bool number_field(catalog_field_get get, void *ctx, const char *name, double *out,
			 struct catalog_field_error *why)
{
	const char *s = get(ctx, name);
	char *end;

	if (!s)
		return true;
	errno = 0;
	*out = strtod(s, &end);
	if (errno || *end || end == s || !isfinite(*out))
		return refuse(why, name, N_("not a number"), s);
	return true;
}

/* DIR[:VALUE]:YEAR, e.g. at_least:80:2030 or achieve:2030. */
static bool target_text(const char *s, struct indicator *ind)
{
	char dir[16];
	const char *c = strchr(s, ':'), *c2;
	char *end;
	int d;

	if (!c || (size_t)(c - s) >= sizeof(dir))
		return false;
	memcpy(dir, s, (size_t)(c - s));
	dir[c - s] = '\0';
	d = direction_parse(dir);
	if (d < 0)
		return false;
	ind->has_national = true;
	ind->national_dir = (enum direction)d;
	c2 = strchr(c + 1, ':');
	if (d != DIR_ACHIEVE) {
		if (!c2)
			return false;
		errno = 0;
		ind->national_value = strtod(c + 1, &end);
		if (errno || end != c2)
			return false;
		c = c2;
	}
	errno = 0;
	ind->national_year = (int)strtol(c + 1, &end, 10);
	return !errno && !*end && end != c + 1;
}

/* The texts, taken as they are: catalog_check() judges them. */
static void text_fields(catalog_field_get get, void *ctx, struct indicator *ind)
{
	ind->id = get(ctx, "id");
	ind->name_vi = get(ctx, "name_vi");
	ind->name_en = get(ctx, "name_en");
	ind->unit = get(ctx, "unit");
	ind->part_vi[0] = get(ctx, "part_vi");
	ind->part_en[0] = get(ctx, "part_en");
	ind->part_vi[1] = get(ctx, "den_vi");
	ind->part_en[1] = get(ctx, "den_en");
	/* a province's code, judged with the account (access_catalog_refusal()) */
	ind->scope = get(ctx, "scope");
}

bool catalog_fields_read(catalog_field_get get, void *ctx, struct indicator *ind, struct catalog_field_error *why)
{
	int goal = -1, kind = IND_RATIO, space = SPACE_SUM, t = TIME_SUM;
	bool lower = false;
	const char *target;

	memset(ind, 0, sizeof(*ind));
	memset(why, 0, sizeof(*why));
	text_fields(get, ctx, ind);
	if (!enum_field(get, ctx, "goal", goal_parse, &goal, why) ||
	    !enum_field(get, ctx, "kind", ind_kind_parse, &kind, why) ||
	    !enum_field(get, ctx, "space", space_agg_parse, &space, why) ||
	    !enum_field(get, ctx, "time", time_agg_parse, &t, why))
		return false;
	ind->goal = (enum goal)goal;
	ind->kind = (enum ind_kind)kind;
	ind->space = (enum space_agg)space;
	ind->time[0] = ind->time[1] = (enum time_agg)t;
	ind->factor = ind->kind == IND_RATIO ? 100 : 1;
	if (!ind->unit)
		ind->unit = ind->kind == IND_RATIO ? "%" : "count";
	if (!flag_field(get, ctx, "by_sex", &ind->by_sex, why) || !flag_field(get, ctx, "share", &ind->share, why) ||
	    !flag_field(get, ctx, "lower_better", &lower, why))
		return false;
	ind->polarity = lower ? POL_LOWER : POL_HIGHER;
	ind->source = SRC_REPORTED;
	if (ind->kind == IND_VALUE && (ind->part_vi[1] || ind->part_en[1])) {
		refuse(why, "den_vi", N_("a value indicator has one part only"), NULL);
		why->also = "den_en";
		return false;
	}
	if (!number_field(get, ctx, "factor", &ind->factor, why))
		return false;
	target = get(ctx, "target");
	if (target && !target_text(target, ind))
		return refuse(why, "target", N_("not DIRECTION:VALUE:YEAR (at_least:80:2030) or achieve:YEAR"), target);
	return true;
}
