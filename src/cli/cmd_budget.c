/*
 * cmd_budget.c: `gemis budget list|add|act|export`: the budget lines of a
 * commune's plan from the command line, under the rules of the pages
 * (store/budget.h): who acts is --as's account, else the operator with an
 * admin's rights; bad input is named by its option; nothing half-written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/access.h"
#include "core/catalog.h"
#include "core/workflow.h"
#include "report/budget_json.h"
#include "report/budget_xlsx.h"
#include "store/budget.h"
#include "store/store.h"
#include "util/number.h"
#include "util/text.h"

#include "util/banned.h"

static const char *money(long long v, char *out, size_t n)
{
	if (v == BUDGET_NONE)
		snprintf(out, n, "–");
	else
		dong_format(v, 1, out, n);
	return out;
}

static void print_line(const struct budget_list *l, const struct budget_line *x)
{
	char a[DONG_TEXT_LEN], b[DONG_TEXT_LEN], c[DONG_TEXT_LEN], d[DONG_TEXT_LEN];

	printf("#%lld v%lld  %d  %-10s %-12s %s%s\n", x->id, x->version, x->year, x->agency_id,
	       wf_state_name(&wf_estimate, x->status), x->task_label ? _("task ") : "", x->task_label ? x->task_label : "");
	printf("    %s\n    %s\n", x->title, budget_source_name(l, x->source, i18n_lang() == LANG_EN));
	printf("    %s %s · %s %s · %s %s · %s %s%s\n", _("estimate"), money(x->estimate, a, sizeof(a)), _("appraised"),
	       money(x->appraised, b, sizeof(b)), _("approved"), money(x->approved, c, sizeof(c)), _("spent"),
	       money(x->spent, d, sizeof(d)), budget_overspent(x) ? _("  (spent above what was approved)") : "");
	if (x->decision_no)
		printf("    %s %s, %s\n", _("decision"), x->decision_no, x->decision_date ? x->decision_date : "");
}

int cmd_budget_list(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct budget_list l;
	int year = cli_utc_year(), rc, status = EXIT_FAIL;
	bool json = false;
	size_t i;

	memset(&l, 0, sizeof(l));
	rc = cli_list_open(cli, "budget list", argc, argv, &year, &json, &c);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (budget_load(c.db, &c.t, c.unit, year, &l, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (json) {
		if (cli_print_json(budget_list_json(&c.t, c.unit, year, &l), JSON_INDENT(2) | JSON_PRESERVE_ORDER))
			status = EXIT_OK;
		goto out;
	}
	printf(_("Budget of %s (%s) for %d"), c.t.units[c.unit].name, c.t.units[c.unit].code, year);
	printf("\n");
	if (!l.n)
		printf("%s\n", _("No budget line yet."));
	for (i = 0; i < l.n; i++)
		print_line(&l, &l.l[i]);
	status = EXIT_OK;
out:
	budget_list_release(&l);
	cli_unit_close(&c);
	return status;
}

/* Prints what a change refused and returns EXIT_FAIL. */
static int refused(const char *cmd, enum gemis_err err, struct diags *d, struct errctx *e)
{
	if (err == GEMIS_EINVAL && d->n) {
		size_t i;

		for (i = 0; i < d->n; i++)
			fprintf(stderr, "gemis %s: --%s: %s\n", cmd, d->d[i].field, d->d[i].msg);
		fprintf(stderr, "gemis %s: %s\n", cmd, e->msg);
		return EXIT_FAIL;
	}
	return cli_fail(e);
}

int cmd_budget_add(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct budget_fields f;
	struct principal who;
	struct diags d;
	const char *code = NULL, *as = NULL;
	long long id = 0;
	bool submit = false;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_TEXT, &f.year},
		{"agency", OPT_TEXT, &f.agency},
		{"task", OPT_TEXT, &f.task},
		{"source", OPT_TEXT, &f.source},
		{"title", OPT_TEXT, &f.title},
		{"estimate", OPT_TEXT, &f.estimate},
		{"note", OPT_TEXT, &f.note},
		{"submit", OPT_FLAG, &submit},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	memset(&f, 0, sizeof(f));
	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!f.year || !f.agency || !f.source || !f.estimate)
		return cli_usage(cli);
	diags_init(&d, 50);
	rc = cli_unit_actor(cli, "budget add", code, _("budget lines"), as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	rc = budget_add(c.db, &c.t, &who, c.unit, &f, submit, (long long)time(NULL), &d, &id, &e);
	if (rc) {
		status = refused("budget add", rc, &d, &e);
		goto out;
	}
	printf(_("Budget line #%lld saved (%s)."), id, submit ? _("submitted") : _("draft"));
	printf("\n");
	status = EXIT_OK;
out:
	diags_release(&d);
	cli_unit_close(&c);
	return status;
}

int cmd_budget_act(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct budget_step s;
	struct budget_list l;
	struct principal who;
	struct diags d;
	const struct budget_line *x;
	const char *code = NULL, *as = NULL, *line = NULL;
	long id = 0;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"line", OPT_TEXT, &line},
		{"action", OPT_TEXT, &s.action},
		{"amount", OPT_TEXT, &s.amount},
		{"decision-no", OPT_TEXT, &s.decision_no},
		{"decision-date", OPT_TEXT, &s.decision_date},
		{"comment", OPT_TEXT, &s.comment},
		{"task", OPT_TEXT, &s.fields.task},
		{"source", OPT_TEXT, &s.fields.source},
		{"title", OPT_TEXT, &s.fields.title},
		{"estimate", OPT_TEXT, &s.fields.estimate},
		{"note", OPT_TEXT, &s.fields.note},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	memset(&s, 0, sizeof(s));
	memset(&l, 0, sizeof(l));
	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!line || !s.action)
		return cli_usage(cli);
	if (!text_parse_long(line, strlen(line), &id) || id <= 0) {
		fprintf(stderr, "gemis budget act: --line: %s\n", _("the number of a budget line (see `gemis budget list`)"));
		return EXIT_USAGE;
	}
	diags_init(&d, 50);
	rc = cli_unit_actor(cli, "budget act", code, _("budget lines"), as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	/* the command line acts on the line as it is now */
	if (budget_load(c.db, &c.t, c.unit, 0, &l, &e)) {
		cli_fail(&e);
		goto out;
	}
	x = budget_find(&l, id);
	if (!x) {
		fprintf(stderr, "gemis budget act: --line: %s (#%ld)\n", _("no such budget line"), id);
		goto out;
	}
	s.version = x->version;
	rc = budget_act(c.db, &c.t, &who, c.unit, id, &s, (long long)time(NULL), &d, &e);
	if (rc) {
		status = refused("budget act", rc, &d, &e);
		goto out;
	}
	printf(_("Budget line #%ld: %s."), id, wf_action_done(&wf_estimate, wf_action_find(&wf_estimate, s.action)));
	printf("\n");
	status = EXIT_OK;
out:
	budget_list_release(&l);
	diags_release(&d);
	cli_unit_close(&c);
	return status;
}

int cmd_budget_export(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct budget_list l;
	const char *code = NULL, *out = NULL;
	int year, rc, status = EXIT_FAIL;
	size_t n;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"output", OPT_TEXT, &out, 'o'},
		{NULL, OPT_FLAG, NULL},
	};

	year = cli_utc_year();
	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!out)
		return cli_usage(cli);
	n = strlen(out);
	if (n < 5 || strcmp(out + n - 5, ".xlsx") != 0) {
		fprintf(stderr, "gemis budget export: -o: %s\n", _("the workbook's name ends in .xlsx"));
		return EXIT_USAGE;
	}
	memset(&l, 0, sizeof(l));
	rc = cli_unit_open(cli, "budget export", code, NULL, &c);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (budget_load(c.db, &c.t, c.unit, year, &l, &e) || budget_xlsx(&l, &c.t, c.unit, year, out, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf(_("Wrote the %d budget of %s to %s."), year, c.t.units[c.unit].name, out);
	printf("\n");
	status = EXIT_OK;
out:
	budget_list_release(&l);
	cli_unit_close(&c);
	return status;
}
