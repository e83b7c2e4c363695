/*
 * cmd_chain.c: the reporting chain from the command line: `gemis chain
 * period`, the period and deadline a province sets for its communes'
 * reports (the nation for the provinces'); `gemis chain submit`, `return`
 * and `accept`, the steps of a report up the chain, and `save`, its
 * narrative sections written before it is sent (report/chainreport.h,
 * store/chainreports.h); `gemis chain status`, where the reports stand.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/chainperiod.h"
#include "core/workflow.h"
#include "formats/attachment.h"
#include "report/chainreport.h"
#include "report/yearly.h"
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

/* --- the reports up the chain ------------------------------------------------ */

/* `chain submit`, `save`, `return` and `accept`, one command for the
 * steps: the action is the command's last word (cli_action()). */
int cmd_chain_step(struct cli *cli, int argc, char **argv)
{
	const char *action = cli_action(cli);
	struct errctx e = {0};
	struct cli_snap c;
	struct principal who;
	struct chain_report r;
	struct buf file;
	const char *code = NULL, *as = NULL, *path = NULL, *comment = NULL, *sections[CHAIN_SECTION_COUNT] = {NULL};
	char cmd[32];
	int rc, year = 0, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"file", OPT_TEXT, &path},
		{"comment", OPT_TEXT, &comment},
		{"as", OPT_TEXT, &as},
		/* the narrative, in chain_sections' order */
		{"results", OPT_TEXT, &sections[0]},
		{"shortcomings", OPT_TEXT, &sections[1]},
		{"causes", OPT_TEXT, &sections[2]},
		{"proposals", OPT_TEXT, &sections[3]},
		{NULL, OPT_FLAG, NULL},
	};

	snprintf(cmd, sizeof(cmd), "chain %s", action);
	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !year || (path && strcmp(action, "submit") != 0))
		return cli_usage(cli);
	buf_init(&file, ATTACHMENT_MAX_BYTES + 1);
	rc = cli_snap_open(cli, cmd, code, &c);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (!cli_actor(c.db, &c.s.tree, cmd, as, &who))
		goto out;
	if (path && buf_read_file(&file, path, &e)) {
		cli_fail(&e);
		goto out;
	}
	/* the command line takes the step on the report as it stands */
	if (chain_report_get(c.db, &c.s.tree, c.unit, year, &c.mem, &r, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (strcmp(action, "submit") == 0) {
		rc = chain_submit(c.db, &c.s, &who, c.unit, year, r.version, sections, cli_file_name(path),
				  path ? buf_str(&file) : NULL, file.len, time(NULL), &e);
		/* the DOCX's chart loaded fonts that stay until released */
		report_release_fonts();
	} else {
		struct chain_step_in in;

		memset(&in, 0, sizeof(in));
		in.action = wf_action_find(&wf_report, action);
		in.version = r.version;
		in.comment = comment;
		memcpy(in.sections, sections, sizeof(in.sections));
		rc = chain_report_act(c.db, &c.s.tree, &who, c.unit, year, &in, time(NULL), &e);
	}
	if (rc) {
		if (e.where[0] && strcmp(e.where, "comment") == 0)
			snprintf(e.where, sizeof(e.where), "--comment");
		else if (e.where[0] && strcmp(e.where, "file") == 0)
			snprintf(e.where, sizeof(e.where), "--file %s", path ? path : "");
		else if (e.where[0] && strcmp(e.where, "unit") == 0)
			snprintf(e.where, sizeof(e.where), "--unit %s", code);
		for (int i = 0; i < CHAIN_SECTION_COUNT; i++) {
			if (strcmp(e.where, chain_sections[i].id) == 0)
				snprintf(e.where, sizeof(e.where), "--%s", chain_sections[i].id);
		}
		cli_fail(&e);
		goto out;
	}
	printf(_("The report of %s for %d: %s.\n"), c.s.tree.units[c.unit].name, year,
	       wf_action_done(&wf_report, wf_action_find(&wf_report, action)));
	status = EXIT_OK;
out:
	buf_release(&file);
	cli_snap_close(&c);
	return status;
}

static const char *when_text(long long t, char *buf, size_t n)
{
	if (!t)
		return "–";
	vn_format_time(t, buf, n);
	return buf;
}

/* A line of the table of reports: unit, state, sent, on time or late. */
static void print_line(const struct tree *t, const struct chain_report *r, const struct chain_period *p)
{
	char when[64];

	/* the name last: widths count bytes, not letters */
	printf("  %-6s %-18s %-9s %s  %s\n", t->units[r->unit].code, when_text(r->first_submitted_at, when, sizeof(when)),
	       !r->first_submitted_at ? "" : chain_period_late(p, r->first_submitted_at) ? _("late") : _("on time"),
	       t->units[r->unit].name, wf_state_name(&wf_report, r->state));
}

static void print_own(const struct tree *t, const struct chain_report *r, const struct chain_period *p)
{
	char when[64];
	size_t i;
	int to = chain_report_to(t, r->unit);

	printf(_("The report of %s for %d to %s: %s"), t->units[r->unit].name, r->year, t->units[to].name,
	       wf_state_name(&wf_report, r->state));
	if (r->first_submitted_at)
		printf(" (%s)", chain_period_late(p, r->first_submitted_at) ? _("late") : _("on time"));
	printf("\n");
	if (r->attachment_id)
		printf("  %s: %s%s\n", _("File"), r->filename ? r->filename : "",
		       r->generated ? _(" (as generated)") : "");
	if (r->comment)
		printf("  %s: %s\n", _("Returned with the comment"), r->comment);
	for (i = 0; i < r->nsteps; i++) {
		const struct chain_step *st = &r->steps[i];
		int a = wf_action_find(&wf_report, st->action);

		printf("  %s  %s  %s%s%s\n", when_text(st->at, when, sizeof(when)), st->by, wf_action_done(&wf_report, a),
		       st->comment ? ": " : "", st->comment ? st->comment : "");
	}
}

int cmd_chain_status(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_snap c;
	struct chain_report own, *rs = NULL;
	struct chain_period pown, prec;
	const struct tree *t;
	const char *code = NULL;
	bool json = false, sends, receives;
	size_t n = 0, i;
	int rc, year = 0, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !year)
		return cli_usage(cli);
	rc = cli_snap_open(cli, "chain status", code, &c);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	t = &c.s.tree;
	sends = chain_report_to(t, c.unit) >= 0;
	receives = chain_receives(t, c.unit);
	if ((sends && (chain_report_get(c.db, t, c.unit, year, &c.mem, &own, &e) ||
		       chain_period_of_report(c.db, t, c.unit, year, &pown, &e))) ||
	    (receives && (chain_period_get(c.db, t, c.unit, year, &prec, &e) ||
			  chain_reports_to(c.db, t, c.unit, year, &c.mem, &rs, &n, &e)))) {
		cli_fail(&e);
		goto out;
	}
	if (json) {
		json_t *doc = json_pack("{s:s, s:i}", "unit", t->units[c.unit].code, "year", year);
		char *text;

		if (sends)
			json_object_set_new(doc, "report", chain_report_json(t, &own, &pown));
		if (receives) {
			json_t *a = json_array();

			for (i = 0; i < n; i++)
				json_array_append_new(a, chain_report_json(t, &rs[i], &prec));
			json_object_set_new(doc, "received", a);
		}
		text = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
		json_decref(doc);
		if (!text)
			goto out;
		printf("%s\n", text);
		free(text);
	} else {
		if (sends)
			print_own(t, &own, &pown);
		if (receives) {
			unsigned sent = 0, accepted = 0;

			for (i = 0; i < n; i++) {
				sent += (wf_state_flags(&wf_report, rs[i].state) & WF_SENT) != 0;
				accepted += (wf_state_flags(&wf_report, rs[i].state) & WF_LOCKED) != 0;
			}
			printf(_("Reports to %s for %d: %u of %zu submitted, %u accepted\n"), t->units[c.unit].name, year,
			       sent, n, accepted);
			for (i = 0; i < n; i++)
				print_line(t, &rs[i], &prec);
		}
	}
	status = EXIT_OK;
out:
	cli_snap_close(&c);
	return status;
}
