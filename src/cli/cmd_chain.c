/*
 * cmd_chain.c: the reporting chain from the command line: `gemis chain
 * period`, the period and deadline a province sets for its communes'
 * reports (the nation for the provinces').
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/chainperiod.h"
#include "store/chainperiods.h"
#include "store/store.h"
#include "util/text.h"

#include "util/banned.h"

/* --from, --to, --due: "YYYY-MM-DD"; prints the problem and returns false. */
static bool day_arg(const char *opt, const char *s, struct date *out)
{
	if (date_parse_iso(s, strlen(s), out))
		return true;
	fprintf(stderr, "gemis chain period: --%s: %s '%s' (YYYY-MM-DD)\n", opt, _("not a date"), s);
	return false;
}

static void print_period(const struct tree *t, int unit, const struct chain_period *p)
{
	char from[DATE_TEXT_LEN], to[DATE_TEXT_LEN], due[DATE_TEXT_LEN];

	date_format_dmy(p->from, from);
	date_format_dmy(p->to, to);
	printf(_("Reports to %s (%s) for %d"), t->units[unit].name, t->units[unit].code, p->year);
	printf("\n  %s: %s – %s%s\n", _("Period"), from, to,
	       p->is_default ? _(" (Decree 09/2019/NĐ-CP, nothing set)") : "");
	if (p->has_due) {
		date_format_dmy(p->due, due);
		printf("  %s: %s\n", _("Due"), due);
	} else {
		printf("  %s: %s\n", _("Due"), _("no date set"));
	}
}

int cmd_chain_period(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"unit", required_argument, NULL, 'u'},
		{"year", required_argument, NULL, 'y'},
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"due", required_argument, NULL, 'd'},
		{"as", required_argument, NULL, 'a'},
		{0, 0, 0, 0},
	};
	struct errctx e = {0};
	struct db *db = NULL;
	struct tree t;
	struct chain_period p;
	const char *code = NULL, *as = NULL;
	struct date from = {0}, to = {0}, due = {0};
	bool set_from = false, set_to = false, set_due = false;
	long year = 0;
	int rc, unit, status = EXIT_FAIL;

	if (cli_wants_help(argc, argv, "chain period"))
		return EXIT_OK;
	optind = 1;
	while ((rc = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (rc == 'u') {
			code = optarg;
		} else if (rc == 'y') {
			if (!text_parse_long(optarg, strlen(optarg), &year) || year < PERIOD_MIN_YEAR ||
			    year > PERIOD_MAX_YEAR) {
				fprintf(stderr, "gemis chain period: --year: %s '%s'\n", _("not a year"), optarg);
				return EXIT_USAGE;
			}
		} else if (rc == 'f') {
			if (!(set_from = day_arg("from", optarg, &from)))
				return EXIT_USAGE;
		} else if (rc == 't') {
			if (!(set_to = day_arg("to", optarg, &to)))
				return EXIT_USAGE;
		} else if (rc == 'd') {
			if (!(set_due = day_arg("due", optarg, &due)))
				return EXIT_USAGE;
		} else if (rc == 'a') {
			as = optarg;
		} else {
			return cli_usage("chain period");
		}
	}
	if (!code || !year || optind != argc)
		return cli_usage("chain period");
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	tree_init(&t);
	if (units_load_tree(db, &t, &e)) {
		cli_fail(&e);
		goto out;
	}
	unit = tree_find(&t, code);
	if (unit < 0) {
		cli_unknown_unit("chain period", code);
		goto out;
	}
	if (!chain_receives(&t, unit)) {
		fprintf(stderr, "gemis chain period: %s\n",
			_("only the nation and the provinces receive reports: give a province's code (12) or VN"));
		goto out;
	}
	if (chain_period_get(db, &t, unit, (int)year, &p, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (set_from || set_to || set_due) {
		/* what is not given stays as it was (Decree 09/2019's period) */
		if (set_from)
			p.from = from;
		if (set_to)
			p.to = to;
		if (set_due) {
			p.due = due;
			p.has_due = true;
		}
		p.is_default = false;
		if (chain_period_set(db, &t, unit, &p, cli_user(as), &e)) {
			cli_fail(&e);
			goto out;
		}
	}
	print_period(&t, unit, &p);
	status = EXIT_OK;
out:
	tree_release(&t);
	db_close(db);
	return status;
}
