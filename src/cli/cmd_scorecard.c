/*
 * cmd_scorecard.c: `gemis scorecard` (the agencies' scorecard of a year,
 * ranked with the reasons of each score; -o writes it as CSV, or as a
 * workbook when the file ends in .xlsx) and `gemis scorecard rules` (a
 * province's own weights, as a new version).  docs/scorecard.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/access.h"
#include "core/catalog.h"
#include "core/date.h"
#include "report/scorecard.h"
#include "store/scorecard.h"
#include "store/snapshot.h"
#include "store/store.h"
#include "util/text.h"

#include "util/banned.h"

static const char *row_name(const struct tree *t, const struct sc_row *r)
{
	if (r->agency >= 0)
		return i18n_lang() == LANG_EN ? agency_kinds[r->agency].name_en : agency_kinds[r->agency].name_vi;
	return r->unit >= 0 ? t->units[r->unit].name : "?";
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A CSV field, quoted when it holds a separator, a quote or a line break. */
static void csv_field(FILE *f, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

/* The scorecard as CSV for the emulation council: one row a ranked agency
 * (or sub-unit), each criterion's part, whole and points, and the rules. */
static int write_csv(const struct tree *t, const struct scorecard *sc, const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i;
	int c;

	if (!f) {
		fprintf(stderr, "gemis scorecard: -o: %s: %s\n", path, _("cannot write the file"));
		return EXIT_FAIL;
	}
	fputs("\xEF\xBB\xBF", f); /* so that Excel reads it as UTF-8 */
	fprintf(f, "rank,name,score");
	for (c = 0; c < SC_COUNT; c++)
		fprintf(f, ",%s_part,%s_whole,%s_points", sc_criterion_id((enum sc_criterion)c),
			sc_criterion_id((enum sc_criterion)c), sc_criterion_id((enum sc_criterion)c));
	fprintf(f, ",rules\n");
	for (i = 0; i < sc->n; i++) {
		const struct sc_row *r = &sc->rows[i];

		fprintf(f, "%d,", r->rank);
		csv_field(f, row_name(t, r), false);
		if (isnan(r->s.score))
			fputc(',', f);
		else
			fprintf(f, "%.2f,", r->s.score);
		for (c = 0; c < SC_COUNT; c++) {
			fprintf(f, "%u,%u,", r->in.part[c], r->in.whole[c]);
			if (!isnan(r->s.share[c]))
				fprintf(f, "%.2f", r->s.points[c]);
			fputc(',', f);
		}
		fprintf(f, "%s v%d\n", sc->rules.origin, sc->rules.version);
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "gemis scorecard: -o: %s: %s\n", path, _("cannot write the file"));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int print(const struct tree *t, const struct scorecard *sc, bool json)
{
	size_t i;

	if (json) {
		json_t *doc = scorecard_json(t, sc);
		char *out = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) : NULL;

		json_decref(doc);
		if (!out)
			return EXIT_FAIL;
		printf("%s\n", out);
		free(out);
		return EXIT_OK;
	}
	printf(_("Scorecard of %s for %d (rules of %s, version %d)"), t->units[sc->unit].name, sc->year, sc->rules.origin,
	       sc->rules.version);
	printf("\n");
	for (i = 0; i < sc->n; i++) {
		const struct sc_row *r = &sc->rows[i];
		struct buf b;

		buf_init(&b, 0);
		scorecard_reasons(r, &b);
		if (isnan(r->s.score))
			printf("  -  %6s  %s\n       %s\n", "–", row_name(t, r), buf_str(&b));
		else
			printf("%3d  %6.1f  %s\n       %s\n", r->rank, r->s.score, row_name(t, r), buf_str(&b));
		buf_release(&b);
	}
	return EXIT_OK;
}

/* When the year is judged: the end of $GEMIS_TODAY's day (tests), else now. */
static long long judged_at(void)
{
	const char *o = getenv("GEMIS_TODAY");
	struct date d;

	if (o && date_parse_iso(o, strlen(o), &d))
		return vn_day_end(d) - 1;
	return (long long)time(NULL);
}

int cmd_scorecard(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_snap c;
	struct scorecard sc;
	const char *code = NULL, *out = NULL;
	bool json = false;
	int year, rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"json", OPT_FLAG, &json},
		{"output", OPT_TEXT, &out, 'o'},
		{NULL, OPT_FLAG, NULL},
	};

	year = cli_utc_year();
	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code)
		return cli_usage(cli);
	memset(&sc, 0, sizeof(sc));
	rc = cli_snap_open(cli, "scorecard", code, &c);
	if (rc != CLI_GO)
		status = rc;
	else if (scorecard_load(c.db, &c.s, c.unit, year, judged_at(), &sc, &e))
		cli_fail(&e);
	else if (out && ends_with(out, ".xlsx"))
		status = scorecard_xlsx(&c.s.tree, &sc, out, &e) ? cli_fail(&e) : EXIT_OK;
	else if (out)
		status = write_csv(&c.s.tree, &sc, out);
	else
		status = print(&c.s.tree, &sc, json);
	scorecard_release(&sc);
	cli_snap_close(&c);
	return status;
}

/* "forms_on_time=40,tasks_done=30,..." into r's weights; false (after
 * saying why) on a criterion or weight that is not one.  Criteria left
 * out weigh 0. */
static bool read_weights(const char *s, struct sc_rules *r)
{
	char buf[256], *p, *save = NULL;

	memset(r->weight, 0, sizeof(r->weight));
	if (strlen(s) >= sizeof(buf))
		return false;
	memcpy(buf, s, strlen(s) + 1);
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(p, '=');
		double w = 0;
		int c;

		if (eq)
			*eq = '\0';
		c = sc_criterion_parse(text_trim(p));
		if (c < 0 || !eq || !text_parse_number(eq + 1, strlen(eq + 1), &w) || w < 0) {
			fprintf(stderr, "gemis scorecard rules: --weights: %s '%s'\n",
				_("not CRITERION=WEIGHT (a weight 0 or more) of forms_on_time, tasks_done, indicators_on_track, activities_logged:"),
				p);
			return false;
		}
		r->weight[c] = w;
	}
	return true;
}

int cmd_scorecard_rules(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct sc_rules r;
	struct principal who;
	const char *code = NULL, *weights = NULL, *as = NULL;
	int since = 0, rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"since", OPT_YEAR, &since},
		{"weights", OPT_TEXT, &weights},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !since || !weights)
		return cli_usage(cli);
	sc_rules_default(&r);
	if (!read_weights(weights, &r))
		return EXIT_USAGE;
	rc = cli_unit_actor(cli, "scorecard rules", code, NULL, as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
	} else if (scorecard_rules_set(c.db, &c.t, &who, c.unit, since, &r, (long long)time(NULL), &e) == GEMIS_OK) {
		printf(_("The scorecard's rules of %s, version %d, from %d on."), c.t.units[c.unit].name, r.version, since);
		printf("\n");
		status = EXIT_OK;
	} else if (e.msg[0]) {
		cli_fail(&e);
	}
	cli_unit_close(&c);
	return status;
}
