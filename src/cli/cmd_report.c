/*
 * cmd_report.c: reporting completeness (`gemis reporting`) and the yearly
 * report (`gemis report`).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "core/date.h"
#include "report/reporting.h"
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

static bool parse_year(const char *cmd, const char *s, int *year)
{
	long y;

	if (!text_parse_long(s, strlen(s), &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR) {
		fprintf(stderr, "gemis %s: --year: %s '%s'\n", cmd, _("not a year"), s);
		return false;
	}
	*year = (int)y;
	return true;
}

/* "YYYY-MM-DD" into its parts; false when it is not a day of 1990..2099. */
static bool parse_date(const char *s, int *y, int *m, int *d)
{
	struct date v;

	if (!date_parse_iso(s, strlen(s), &v) || v.y < 1990)
		return false;
	*y = v.y;
	*m = v.m;
	*d = v.d;
	return true;
}

int cmd_reporting(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"unit", required_argument, NULL, 'u'},
		{"year", required_argument, NULL, 'y'},
		{"as-of", required_argument, NULL, 'd'},
		{"json", no_argument, NULL, 'j'},
		{0, 0, 0, 0},
	};
	struct errctx e = {0};
	struct db *db = NULL;
	struct tree t;
	struct arena mem;
	struct rep_result r = {0};
	struct buf out;
	const char *code = NULL;
	int year = this_year(), rc, unit, status = EXIT_FAIL, y, m, d;
	long long now = (long long)time(NULL);
	bool json = false;

	if (cli_wants_help(argc, argv, "reporting"))
		return EXIT_OK;
	optind = 1;
	while ((rc = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (rc == 'u') {
			code = optarg;
		} else if (rc == 'y') {
			if (!parse_year("reporting", optarg, &year))
				return EXIT_USAGE;
		} else if (rc == 'd') {
			if (!parse_date(optarg, &y, &m, &d)) {
				fprintf(stderr, "gemis reporting: --as-of: %s '%s' (YYYY-MM-DD)\n",
					_("not a date"), optarg);
				return EXIT_USAGE;
			}
			/* judged at the end of that day */
			now = vn_day_end((struct date){y, m, d}) - 1;
		} else if (rc == 'j') {
			json = true;
		} else {
			return cli_usage("reporting");
		}
	}
	if (!code || optind != argc)
		return cli_usage("reporting");
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	tree_init(&t);
	arena_init(&mem, 0);
	buf_init(&out, 0);
	if (units_load_tree(db, &t, &e)) {
		cli_fail(&e);
		goto out;
	}
	unit = tree_find(&t, code);
	if (unit < 0) {
		cli_unknown_unit("reporting", code);
		goto out;
	}
	if (reporting_load(db, &t, unit, year, now, &mem, &r, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (json ? reporting_json(&t, &r, now, &out) : reporting_text(&t, &r, now, &out)) {
		fprintf(stderr, "gemis: %s\n", err_name(GEMIS_ENOMEM));
		goto out;
	}
	fwrite(buf_str(&out), 1, out.len, stdout);
	status = EXIT_OK;
out:
	rep_result_release(&r);
	buf_release(&out);
	arena_release(&mem);
	tree_release(&t);
	db_close(db);
	return status;
}

/* The output of one unit's report; prints the error and returns false on
 * failure. */
static bool render_one(struct db *db, const struct snapshot *s, int unit, int year,
		       const struct yearly_opts *o, enum report_format f, const char *path)
{
	struct errctx e = {0};
	struct yearly y;

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

int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"unit", required_argument, NULL, 'u'},
		{"year", required_argument, NULL, 'y'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"all", no_argument, NULL, 'A'},
		{"date", required_argument, NULL, 'd'},
		{"signer", required_argument, NULL, 's'},
		{"signer-title", required_argument, NULL, 't'},
		{0, 0, 0, 0},
	};
	struct errctx e = {0};
	struct db *db = NULL;
	struct snapshot s;
	struct yearly_opts o = {0};
	const char *code = NULL, *out = NULL;
	int year = this_year(), rc, unit, fmt = -1, status = EXIT_FAIL;
	bool all = false, loaded = false;

	if (cli_wants_help(argc, argv, "report"))
		return EXIT_OK;
	optind = 1;
	while ((rc = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (rc) {
		case 'u':
			code = optarg;
			break;
		case 'y':
			if (!parse_year("report", optarg, &year))
				return EXIT_USAGE;
			break;
		case 'f':
			fmt = report_format_parse(optarg);
			if (fmt < 0) {
				fprintf(stderr, "gemis report: --format: %s '%s' (docx, pdf, xlsx, html)\n",
					_("unknown format"), optarg);
				return EXIT_USAGE;
			}
			break;
		case 'o':
			out = optarg;
			break;
		case 'A':
			all = true;
			break;
		case 'd':
			if (!parse_date(optarg, &o.date_y, &o.date_m, &o.date_d)) {
				fprintf(stderr, "gemis report: --date: %s '%s' (YYYY-MM-DD)\n", _("not a date"),
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 's':
			o.signer_name = optarg;
			break;
		case 't':
			o.signer_title = optarg;
			break;
		default:
			return cli_usage("report");
		}
	}
	if (!code || !out || optind != argc)
		return cli_usage("report");
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
		if (!render_one(db, &s, unit, year, &o, (enum report_format)fmt, out))
			goto out;
		printf(_("Wrote the %d report of %s to %s.\n"), year, s.tree.units[unit].name, out);
		status = EXIT_OK;
	} else {
		size_t total = 0, done = 0;
		int c;
		struct buf path;

		for (c = s.tree.units[unit].first_child; c >= 0; c = s.tree.units[c].next_sibling)
			total++;
		if (!total) {
			fprintf(stderr, "gemis report: --all: %s\n", _("the unit has no sub-units"));
			goto out;
		}
		if (mkdir(out, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "gemis report: %s: %s\n", out, strerror(errno));
			goto out;
		}
		buf_init(&path, 4096);
		for (c = s.tree.units[unit].first_child; c >= 0; c = s.tree.units[c].next_sibling) {
			buf_reset(&path);
			buf_printf(&path, "%s/%s-%d.%s", out, s.tree.units[c].code, year,
				   report_format_ext((enum report_format)fmt));
			if (!render_one(db, &s, c, year, &o, (enum report_format)fmt, buf_str(&path))) {
				buf_release(&path);
				goto out;
			}
			cli_progress(cli, ++done, total);
		}
		buf_release(&path);
		printf(ngettext_("Wrote %zu report to %s.\n", "Wrote %zu reports to %s.\n", done), done, out);
		status = EXIT_OK;
	}
out:
	if (loaded)
		snapshot_release(&s);
	db_close(db);
	report_release_fonts();
	return status;
}
