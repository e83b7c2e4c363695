/*
 * cmd_chain.c: the reporting chain from the command line: `gemis chain
 * period`, the period and deadline a province sets for its communes'
 * reports (the nation for the provinces').
 */
#include <stdio.h>

#include "cli.h"
#include "core/chainperiod.h"
#include "store/chainperiods.h"
#include "store/store.h"

#include "util/banned.h"

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
	struct errctx e = {0};
	struct db *db = NULL;
	struct tree t;
	struct chain_period p;
	const char *code = NULL, *as = NULL;
	struct date from = {0, 0, 0}, to = {0, 0, 0}, due = {0, 0, 0};
	int rc, unit, year = 0, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"from", OPT_DATE, &from},
		{"to", OPT_DATE, &to},
		{"due", OPT_DATE, &due},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !year)
		return cli_usage(cli);
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
	if (chain_period_get(db, &t, unit, year, &p, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (from.y || to.y || due.y) {
		/* what is not given stays as it was (Decree 09/2019's period) */
		if (from.y)
			p.from = from;
		if (to.y)
			p.to = to;
		if (due.y) {
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
