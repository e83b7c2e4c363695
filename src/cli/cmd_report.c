/*
 * cmd_report.c: reporting completeness (`gemis reporting`), the yearly
 * report (`gemis report`) and the mid-term and final reviews (`gemis
 * report --kind midterm|final`).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "core/date.h"
#include "report/reporting.h"
#include "report/review.h"
#include "report/yearly.h"
#include "store/snapshot.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

/* The year it is in Vietnam. */
static int this_year(void)
{
	return vn_date((long long)time(NULL)).y;
}

int cmd_reporting(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db = NULL;
	struct snapshot s;
	struct arena mem;
	struct rep_result r = {0};
	struct buf out;
	const char *code = NULL;
	int year = this_year(), rc, unit, status = EXIT_FAIL;
	long long now = (long long)time(NULL);
	struct date as_of = {0, 0, 0};
	bool json = false;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"as-of", OPT_DATE, &as_of},
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code)
		return cli_usage(cli);
	/* judged at the end of that day */
	if (as_of.y)
		now = vn_day_end(as_of) - 1;
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	arena_init(&mem, 0);
	buf_init(&out, 0);
	/* the values too: "reported" is counted as on the pages
	 * (engine_count_reported) */
	if (snapshot_load(db, &s, &e)) {
		cli_fail(&e);
		goto out_db;
	}
	unit = tree_find(&s.tree, code);
	if (unit < 0) {
		cli_unknown_unit("reporting", code);
		goto out;
	}
	if (reporting_load_counted(db, &s, unit, year, now, &mem, &r, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (json ? reporting_json(&s.tree, &r, now, &out) : reporting_text(&s.tree, &r, now, &out)) {
		fprintf(stderr, "gemis: %s\n", err_name(GEMIS_ENOMEM));
		goto out;
	}
	fwrite(buf_str(&out), 1, out.len, stdout);
	status = EXIT_OK;
out:
	snapshot_release(&s);
out_db:
	rep_result_release(&r);
	buf_release(&out);
	arena_release(&mem);
	db_close(db);
	return status;
}

/* A review of the unit; prints the error (naming --year when the review
 * year is wrong) and returns false on failure. */
static bool render_review(struct db *db, const struct snapshot *s, int unit, int kind, int year,
			  const struct yearly_opts *o, enum report_format f, const char *path)
{
	struct errctx e = {0};
	struct review rv;

	if (review_load(db, s, unit, (enum review_kind)kind, year, o, &rv, &e)) {
		if (strcmp(e.where, "year") == 0)
			fprintf(stderr, "gemis report: --year: %s\n", e.msg);
		else
			cli_fail(&e);
		return false;
	}
	if (review_render(&rv, f, path, &e)) {
		review_release(&rv);
		cli_fail(&e);
		return false;
	}
	review_release(&rv);
	return true;
}

/* The output of one unit's report (a review when kind >= 0); prints the
 * error and returns false on failure. */
static bool render_one(struct db *db, const struct snapshot *s, int unit, int year, int kind,
		       const struct yearly_opts *o, enum report_format f, const char *path)
{
	struct errctx e = {0};
	struct yearly y;

	if (kind >= 0)
		return render_review(db, s, unit, kind, year, o, f, path);
	if (yearly_load(db, s, unit, year, o, &y, &e)) {
		cli_fail(&e);
		return false;
	}
	if (yearly_render(&y, f, path, &e)) {
		yearly_release(&y);
		cli_fail(&e);
		return false;
	}
	yearly_release(&y);
	return true;
}

static int format_of_path(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot ? report_format_parse(dot + 1) : -1;
}

/* --all: the report of each sub-unit into the directory out. */
static bool render_all(struct cli *cli, struct db *db, const struct snapshot *s, int unit, int year, int kind,
		       const struct yearly_opts *o, enum report_format fmt, const char *out)
{
	size_t total = 0, done = 0;
	int c;
	struct buf path;

	for (c = s->tree.units[unit].first_child; c >= 0; c = s->tree.units[c].next_sibling)
		total++;
	if (!total) {
		fprintf(stderr, "gemis report: --all: %s\n", _("the unit has no sub-units"));
		return false;
	}
	if (mkdir(out, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "gemis report: %s: %s\n", out, strerror(errno));
		return false;
	}
	buf_init(&path, 4096);
	for (c = s->tree.units[unit].first_child; c >= 0; c = s->tree.units[c].next_sibling) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s-%d.%s", out, s->tree.units[c].code, year,
			   report_format_ext(fmt));
		if (!render_one(db, s, c, year, kind, o, fmt, buf_str(&path))) {
			buf_release(&path);
			return false;
		}
		cli_progress(cli, ++done, total);
	}
	buf_release(&path);
	printf(ngettext_("Wrote %zu report to %s.\n", "Wrote %zu reports to %s.\n", done), done, out);
	return true;
}

/* --kind (NULL: yearly) into *kind (-1 for the yearly report, else enum
 * review_kind) and the year by default (this year, or the review's); a
 * review's year in the strategy's period.  False after saying what is
 * wrong. */
static bool kind_and_year(const char *kind_s, int *kind, int *year)
{
	if (kind_s && strcmp(kind_s, "yearly") != 0) {
		*kind = review_kind_parse(kind_s);
		if (*kind < 0) {
			fprintf(stderr, "gemis report: --kind: %s '%s' (yearly, midterm, final)\n",
				_("unknown kind of report"), kind_s);
			return false;
		}
	}
	if (!*year)
		*year = *kind >= 0 ? review_default_year((enum review_kind)*kind) : this_year();
	if (*kind >= 0 && (*year < REVIEW_FIRST_YEAR || *year > REVIEW_LAST_YEAR)) {
		fprintf(stderr, "gemis report: --year: ");
		fprintf(stderr, _("the review year must be between %d and %d, not %d"), REVIEW_FIRST_YEAR,
			REVIEW_LAST_YEAR, *year);
		fputc('\n', stderr);
		return false;
	}
	return true;
}

/* gemis report and gemis report action-month: the same options, another
 * document. */
static int report_main(struct cli *cli, int argc, char **argv, bool action_month)
{
	struct errctx e = {0};
	struct db *db = NULL;
	struct snapshot s;
	struct yearly_opts o = {0};
	const char *code = NULL, *out = NULL, *format = NULL, *kind_s = NULL;
	int year = 0, rc, unit, fmt = -1, status = EXIT_FAIL, kind = -1;
	struct date date = {0, 0, 0};
	bool all = false, loaded = false;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"format", OPT_TEXT, &format},
		{"output", OPT_TEXT, &out, 'o'},
		{"all", OPT_FLAG, &all},
		{"date", OPT_DATE, &date},
		{"signer", OPT_TEXT, &o.signer_name},
		{"signer-title", OPT_TEXT, &o.signer_title},
		/* the Action Month's report has no kinds: its table ends here */
		{action_month ? NULL : "kind", OPT_TEXT, &kind_s},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!kind_and_year(kind_s, &kind, &year))
		return EXIT_USAGE;
	if (format) {
		fmt = report_format_parse(format);
		if (fmt < 0) {
			fprintf(stderr, "gemis report: --format: %s '%s' (docx, pdf, xlsx, html)\n",
				_("unknown format"), format);
			return EXIT_USAGE;
		}
	}
	o.date_y = date.y;
	o.date_m = date.m;
	o.date_d = date.d;
	o.action_month = action_month;
	if (!code || !out)
		return cli_usage(cli);
	if (fmt < 0 && !all)
		fmt = format_of_path(out);
	if (fmt < 0) {
		fprintf(stderr, "gemis report: %s\n", _("say which format with --format (docx, pdf, xlsx, html)"));
		return EXIT_USAGE;
	}
	/* reporting is judged at the end of the report's date, else now */
	o.now = o.date_y ? vn_day_end((struct date){o.date_y, o.date_m, o.date_d}) - 1 : (long long)time(NULL);
	o.created = report_stamp();
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	if (snapshot_load(db, &s, &e)) {
		cli_fail(&e);
		goto out;
	}
	loaded = true;
	unit = tree_find(&s.tree, code);
	if (unit < 0) {
		cli_unknown_unit("report", code);
		goto out;
	}
	if (!all) {
		if (!render_one(db, &s, unit, year, kind, &o, (enum report_format)fmt, out))
			goto out;
		if (kind == REVIEW_MIDTERM)
			printf(_("Wrote the mid-term review (%d) of %s to %s.\n"), year, s.tree.units[unit].name, out);
		else if (kind == REVIEW_FINAL)
			printf(_("Wrote the final review (%d) of %s to %s.\n"), year, s.tree.units[unit].name, out);
		else
			printf(action_month ? _("Wrote the report on the %d Action Month of %s to %s.\n")
					    : _("Wrote the %d report of %s to %s.\n"),
			       year, s.tree.units[unit].name, out);
		status = EXIT_OK;
	} else if (render_all(cli, db, &s, unit, year, kind, &o, (enum report_format)fmt, out)) {
		status = EXIT_OK;
	}
out:
	if (loaded)
		snapshot_release(&s);
	db_close(db);
	report_release_fonts();
	return status;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	return report_main(cli, argc, argv, false);
}

int cmd_report_action_month(struct cli *cli, int argc, char **argv)
{
	return report_main(cli, argc, argv, true);
}
