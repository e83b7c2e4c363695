/*
 * cmd_report.c: reporting completeness (`gemis reporting`) and the yearly
 * report (`gemis report`).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "report/reporting.h"
#include "store/snapshot.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
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

/* "YYYY-MM-DD" into its parts; false when it is not a date. */
static bool parse_date(const char *s, int *y, int *m, int *d)
{
	long v[3];

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !text_parse_long(s, 4, &v[0]) ||
	    !text_parse_long(s + 5, 2, &v[1]) || !text_parse_long(s + 8, 2, &v[2]) || v[0] < 1990 ||
	    v[0] > 2099 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
		return false;
	*y = (int)v[0];
	*m = (int)v[1];
	*d = (int)v[2];
	return true;
}

static int unknown_unit(const char *cmd, const char *code)
{
	fprintf(stderr, "gemis %s: --unit: %s '%s' (%s)\n", cmd, _("unknown unit code"), code,
		_("see `gemis units --search NAME`"));
	return EXIT_FAIL;
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
			now = rep_day_start(y, m, d) + 86400 - 1;
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
		unknown_unit("reporting", code);
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
