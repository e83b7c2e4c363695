/*
 * cmd_indicator.c: `gemis indicator add`, an indicator added to the
 * catalog without a rebuild (issue 17).
 */
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
	const char *scope = NULL;
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
		{"scope", OPT_TEXT, &scope},
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
	ind.scope = scope; /* the command line's only: the page and the API add national ones */
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
