/*
 * cmd_indicator.c: `gemis indicator add`, an indicator added to the
 * catalog without a rebuild, `gemis indicator retire` from a year on, and
 * `gemis indicator show` with its log (issue 17).
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/access.h"
#include "core/catalog_fields.h"
#include "store/indicators.h"

#include "util/banned.h"

/* The options by the shared fields' names (core/catalog_fields.h). */
struct add_opts {
	const char *val[32]; /* by field_slot(): more than catalog_field_count */
	bool by_sex, share, lower;
	const char *as;
};

static size_t field_slot(const char *name)
{
	size_t i;

	for (i = 0; i < catalog_field_count; i++) {
		if (strcmp(catalog_field_names[i], name) == 0)
			break;
	}
	return i;
}

static const char *opt_field(void *ctx, const char *name)
{
	const struct add_opts *o = ctx;

	if (strcmp(name, "by_sex") == 0)
		return o->by_sex ? "1" : NULL;
	if (strcmp(name, "share") == 0)
		return o->share ? "1" : NULL;
	if (strcmp(name, "lower_better") == 0)
		return o->lower ? "1" : NULL;
	return o->val[field_slot(name)];
}

/* "--den-vi" for den_vi. */
static void print_option(const char *field)
{
	fputs("--", stderr);
	for (; *field; field++)
		fputc(*field == '_' ? '-' : *field, stderr);
}

/* The options as an indicator; false after a message naming the option. */
static bool read_opts(struct add_opts *o, struct indicator *ind)
{
	struct catalog_field_error why;

	if (catalog_fields_read(opt_field, o, ind, &why))
		return true;
	fputs("gemis indicator add: ", stderr);
	print_option(why.field);
	if (why.also) {
		fputs(", ", stderr);
		print_option(why.also);
	}
	if (why.value)
		fprintf(stderr, ": %s '%s'\n", _(why.msg), why.value);
	else
		fprintf(stderr, ": %s\n", _(why.msg));
	return false;
}

int cmd_indicator_add(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct indicator ind;
	struct add_opts o = {0};
	const char *formula = NULL;
	struct principal who;
	struct tree t;
	struct db *db;
	int rc, k;
#define F(name) &o.val[field_slot(name)]
	const struct cli_opt opts[] = {
		{"id", OPT_TEXT, F("id")},           {"goal", OPT_TEXT, F("goal")},
		{"name-vi", OPT_TEXT, F("name_vi")}, {"name-en", OPT_TEXT, F("name_en")},
		{"kind", OPT_TEXT, F("kind")},       {"unit", OPT_TEXT, F("unit")},
		{"factor", OPT_TEXT, F("factor")},   {"by-sex", OPT_FLAG, &o.by_sex},
		{"share", OPT_FLAG, &o.share},       {"lower-better", OPT_FLAG, &o.lower},
		{"space", OPT_TEXT, F("space")},     {"time", OPT_TEXT, F("time")},
		{"part-vi", OPT_TEXT, F("part_vi")}, {"part-en", OPT_TEXT, F("part_en")},
		{"den-vi", OPT_TEXT, F("den_vi")},   {"den-en", OPT_TEXT, F("den_en")},
		{"target", OPT_TEXT, F("target")},   {"as", OPT_TEXT, &o.as},
		{"scope", OPT_TEXT, F("scope")},     {"formula", OPT_TEXT, &formula},
		{NULL, OPT_FLAG, NULL},
	};
#undef F

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!opt_field(&o, "id") || !opt_field(&o, "goal") || !opt_field(&o, "name_vi") || !opt_field(&o, "name_en") ||
	    !opt_field(&o, "part_vi") || !opt_field(&o, "part_en"))
		return cli_usage(cli);
	if (!read_opts(&o, &ind))
		return EXIT_USAGE;
	ind.formula_text = formula; /* computed from others (core/formula.h): the command line's only */
	db = cli_open_catalog_scoped(cli, "indicator add", o.as, ind.scope, &t, &who);
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
	db = cli_open_catalog_retire(cli, "indicator retire", as, argv[first], &t, &who);
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
	json_object_set_new(o, "formula", ind->formula_text ? json_string(ind->formula_text) : json_null());
	json_object_set_new(o, "version", json_integer(ind->version ? ind->version : 1));
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

	for (i = 0; a && i < n; i++) {
		json_t *r = json_pack("{s:s, s:o, s:s, s:I}", "action", c[i].action, "year",
				      c[i].year ? json_integer(c[i].year) : json_null(), "by", c[i].by, "at",
				      (json_int_t)c[i].at);

		/* an edit: the version it made and each field from what to what */
		if (r && c[i].version) {
			json_object_set_new(r, "version", json_integer(c[i].version));
			json_object_set_new(r, "changes", json_string(c[i].detail));
		}
		json_array_append_new(a, r);
	}
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
