/*
 * cmd_indicator.c: `gemis indicator add`, an indicator added to the
 * catalog without a rebuild, `gemis indicator retire` from a year on, and
 * `gemis indicator show` with its log (issue 17).
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/access.h"
#include "store/indicators.h"

#include "util/banned.h"

/* --NAME's value s as one of the ids of parse, else a message. */
static bool enum_opt(const char *name, const char *s, int (*parse)(const char *), int *out)
{
	int v;

	if (!s)
		return true;
	v = parse(s);
	if (v < 0) {
		fprintf(stderr, "gemis indicator add: --%s: %s '%s'\n", name, _("not a value it takes"), s);
		return false;
	}
	*out = v;
	return true;
}

/* --target DIR[:VALUE]:YEAR, e.g. at_least:80:2030 or achieve:2030. */
static bool target_opt(const char *s, struct indicator *ind)
{
	char dir[16];
	const char *c = s ? strchr(s, ':') : NULL, *c2;
	char *end;
	int d;

	if (!s)
		return true;
	if (!c || (size_t)(c - s) >= sizeof(dir))
		goto bad;
	memcpy(dir, s, (size_t)(c - s));
	dir[c - s] = '\0';
	d = direction_parse(dir);
	if (d < 0)
		goto bad;
	ind->has_national = true;
	ind->national_dir = (enum direction)d;
	c2 = strchr(c + 1, ':');
	if (d != DIR_ACHIEVE) {
		if (!c2)
			goto bad;
		errno = 0;
		ind->national_value = strtod(c + 1, &end);
		if (errno || end != c2)
			goto bad;
		c = c2;
	}
	errno = 0;
	ind->national_year = (int)strtol(c + 1, &end, 10);
	if (errno || *end || end == c + 1)
		goto bad;
	return true;
bad:
	fprintf(stderr, "gemis indicator add: --target: %s '%s'\n",
		_("not DIRECTION:VALUE:YEAR (at_least:80:2030) or achieve:YEAR"), s);
	return false;
}

static bool number_opt(const char *name, const char *s, double *out)
{
	char *end;

	if (!s)
		return true;
	errno = 0;
	*out = strtod(s, &end);
	if (errno || *end || end == s || !isfinite(*out)) {
		fprintf(stderr, "gemis indicator add: --%s: %s '%s'\n", name, _("not a number"), s);
		return false;
	}
	return true;
}

struct add_opts {
	const char *goal, *kind, *space, *time, *factor, *target, *as;
	bool by_sex, share, lower;
};

/* The options as an indicator; false after a message. */
static bool read_opts(const struct add_opts *o, struct indicator *ind)
{
	int goal = -1, kind = IND_RATIO, space = SPACE_SUM, t = TIME_SUM;

	if (!enum_opt("goal", o->goal, goal_parse, &goal) || !enum_opt("kind", o->kind, ind_kind_parse, &kind) ||
	    !enum_opt("space", o->space, space_agg_parse, &space) || !enum_opt("time", o->time, time_agg_parse, &t))
		return false;
	ind->goal = (enum goal)goal;
	ind->kind = (enum ind_kind)kind;
	ind->space = (enum space_agg)space;
	ind->time[0] = ind->time[1] = (enum time_agg)t;
	ind->factor = ind->kind == IND_RATIO ? 100 : 1;
	if (!ind->unit)
		ind->unit = ind->kind == IND_RATIO ? "%" : "count";
	ind->by_sex = o->by_sex;
	ind->share = o->share;
	ind->polarity = o->lower ? POL_LOWER : POL_HIGHER;
	ind->source = SRC_REPORTED;
	if (ind->kind == IND_VALUE && (ind->part_vi[1] || ind->part_en[1])) {
		fprintf(stderr, "gemis indicator add: --den-vi, --den-en: %s\n", _("a value indicator has one part only"));
		return false;
	}
	return number_opt("factor", o->factor, &ind->factor) && target_opt(o->target, ind);
}

int cmd_indicator_add(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct indicator ind;
	struct add_opts o = {0};
	struct principal who;
	struct tree t;
	struct db *db;
	int rc, k;
	const struct cli_opt opts[] = {
		{"id", OPT_TEXT, &ind.id},           {"goal", OPT_TEXT, &o.goal},
		{"name-vi", OPT_TEXT, &ind.name_vi}, {"name-en", OPT_TEXT, &ind.name_en},
		{"kind", OPT_TEXT, &o.kind},         {"unit", OPT_TEXT, &ind.unit},
		{"factor", OPT_TEXT, &o.factor},     {"by-sex", OPT_FLAG, &o.by_sex},
		{"share", OPT_FLAG, &o.share},       {"lower-better", OPT_FLAG, &o.lower},
		{"space", OPT_TEXT, &o.space},       {"time", OPT_TEXT, &o.time},
		{"part-vi", OPT_TEXT, &ind.part_vi[0]}, {"part-en", OPT_TEXT, &ind.part_en[0]},
		{"den-vi", OPT_TEXT, &ind.part_vi[1]},  {"den-en", OPT_TEXT, &ind.part_en[1]},
		{"target", OPT_TEXT, &o.target},     {"as", OPT_TEXT, &o.as},
		{NULL, OPT_FLAG, NULL},
	};

	memset(&ind, 0, sizeof(ind));
	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!ind.id || !o.goal || !ind.name_vi || !ind.name_en || !ind.part_vi[0] || !ind.part_en[0])
		return cli_usage(cli);
	if (!read_opts(&o, &ind))
		return EXIT_USAGE;
	db = cli_open_catalog_admin(cli, "indicator add", o.as, &t, &who);
	if (!db) {
		tree_release(&t);
		return EXIT_FAIL;
	}
	rc = EXIT_FAIL;
	if (indicator_add(db, &ind, who.name, &k, &e)) {
		cli_fail(&e);
	} else {
		printf(_("Indicator %s added: it can be assigned, reported and judged like the others.\n"), ind.id);
		rc = EXIT_OK;
	}
	db_close(db);
	tree_release(&t);
	return rc;
}

/* --from YEAR as a number; the store says whether it is a year it takes. */
static bool year_opt(const char *s, int *year)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 0 || v > 99999) {
		fprintf(stderr, "gemis indicator retire: --from: %s '%s'\n", _("not a year"), s);
		return false;
	}
	*year = (int)v;
	return true;
}

int cmd_indicator_retire(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	const char *from = NULL, *as = NULL;
	struct principal who;
	struct tree t;
	struct db *db;
	bool undo = false;
	int rc, first = 0, year = 0;
	const struct cli_opt opts[] = {
		{"from", OPT_TEXT, &from}, {"undo", OPT_FLAG, &undo}, {"as", OPT_TEXT, &as}, {NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	if (undo == (from != NULL))
		return cli_usage(cli);
	if (from && !year_opt(from, &year))
		return EXIT_USAGE;
	db = cli_open_catalog_admin(cli, "indicator retire", as, &t, &who);
	if (!db) {
		tree_release(&t);
		return EXIT_FAIL;
	}
	rc = EXIT_FAIL;
	if (undo ? indicator_unretire(db, argv[first], who.name, &e)
		 : indicator_retire(db, argv[first], year, who.name, &e)) {
		cli_fail(&e);
	} else {
		if (undo)
			printf(_("Indicator %s is in force again, its series with it.\n"), argv[first]);
		else
			printf(_("Indicator %s is retired from %d, its series with it: forms and imports of %d and later "
				 "leave it out; its values before stay.\n"),
			       argv[first], year, year);
		rc = EXIT_OK;
	}
	db_close(db);
	tree_release(&t);
	return rc;
}

/* The indicator's fields as JSON, every one (NULL texts as null). */
static json_t *indicator_json(const struct indicator *ind)
{
	int from = catalog_retired_from(ind);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:b, s:b, s:s, s:b, s:s}", "id", ind->id,
			      "goal", goal_id(ind->goal), "name_vi", ind->name_vi, "name_en", ind->name_en, "measure",
			      ind->unit, "polarity", ind->polarity == POL_HIGHER ? "higher" : "lower", "kind",
			      ind->kind == IND_RATIO ? "ratio" : "value", "factor", ind->factor, "by_sex", ind->by_sex,
			      "share", ind->share, "space", space_agg_id(ind->space), "local", ind->local, "source",
			      ind->source == SRC_REGISTER ? "register" : "reported");
	json_t *parts = json_array();
	int p;

	if (!o || !parts) {
		json_decref(o);
		json_decref(parts);
		return NULL;
	}
	for (p = 0; p < indicator_parts(ind); p++)
		json_array_append_new(parts, json_pack("{s:s, s:s?, s:s?, s:s}", "part", part_id(ind, p), "name_vi",
						       ind->part_vi[p], "name_en", ind->part_en[p], "time",
						       time_agg_id(ind->time[p])));
	json_object_set_new(o, "parts", parts);
	json_object_set_new(o, "national_target",
			    ind->has_national ? json_pack("{s:s, s:o, s:i}", "direction", direction_id(ind->national_dir),
							  "value", ind->national_dir == DIR_ACHIEVE ? json_null()
												  : json_real(ind->national_value),
							  "year", ind->national_year)
					      : json_null());
	json_object_set_new(o, "national_2025", ind->has_national_2025 ? json_real(ind->national_2025) : json_null());
	json_object_set_new(o, "end_state", json_boolean(ind->end_state));
	json_object_set_new(o, "parent", ind->parent ? json_string(ind->parent) : json_null());
	json_object_set_new(o, "breakdown", ind->breakdown ? json_string(ind->breakdown) : json_null());
	json_object_set_new(o, "category", ind->category ? json_string(ind->category) : json_null());
	json_object_set_new(o, "retired_from", from ? json_integer(from) : json_null());
	return o;
}

/* The ids of k's series, in catalog order. */
static json_t *series_json(int k)
{
	json_t *a = json_array();
	size_t i;

	for (i = catalog_builtin; a && i < catalog_n(); i++) {
		if (catalog[i].parent && catalog[i].parent_index == k)
			json_array_append_new(a, json_string(catalog[i].id));
	}
	return a;
}

static json_t *changes_json(const struct indicator_change *c, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:s, s:I}", "action", c[i].action, "year",
						   c[i].year ? json_integer(c[i].year) : json_null(), "by", c[i].by, "at",
						   (json_int_t)c[i].at));
	return a;
}

static void print_show(const json_t *o)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)o, key, v) {
		char *s = json_is_string(v) ? NULL : json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

		printf("%-16s %s\n", key, s ? s : json_string_value(v));
		free(s);
	}
}

int cmd_indicator_show(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct indicator_change *c = NULL;
	bool json = false;
	size_t n = 0;
	int rc, first = 0, k;
	struct db *db;
	json_t *o = NULL;
	const struct cli_opt opts[] = {{"json", OPT_FLAG, &json}, {NULL, OPT_FLAG, NULL}};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	rc = EXIT_FAIL;
	k = catalog_find(argv[first]);
	if (k < 0) {
		err_set_at(&e, GEMIS_EINVAL, "id", _("%s is not an indicator of the catalog"), argv[first]);
		cli_fail(&e);
		goto out;
	}
	if (indicator_changes(db, argv[first], &c, &n, &e)) {
		cli_fail(&e);
		goto out;
	}
	o = indicator_json(&catalog[k]);
	if (o) {
		json_object_set_new(o, "series", series_json(k));
		json_object_set_new(o, "log", changes_json(c, n));
	}
	if (!o) {
		fprintf(stderr, "gemis indicator show: %s\n", _("out of memory"));
		goto out;
	}
	if (json) {
		char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		if (s)
			printf("%s\n", s);
		free(s);
	} else {
		print_show(o);
	}
	rc = EXIT_OK;
out:
	json_decref(o);
	free(c);
	db_close(db);
	return rc;
}
