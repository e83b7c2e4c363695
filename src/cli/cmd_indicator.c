/*
 * cmd_indicator.c: `gemis indicator add`, an indicator added to the
 * catalog without a rebuild (issue 17).
 */
#include <errno.h>
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
		{"scope", OPT_TEXT, &ind.scope},
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
