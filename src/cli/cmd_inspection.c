/*
 * cmd_inspection.c: `gemis inspection ...` and `gemis recommendation ...`:
 * a commune's inspections and supervision, the recommendations they issue
 * and their follow-up, on the command line.  A write acts as an account
 * (--as USER, with that account's rights, as on the web) or as the
 * operator who holds the database; the rules are the store's
 * (store/inspections.h), so that the command line refuses what the web
 * refuses, with the same words.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/access.h"
#include "core/catalog.h"
#include "core/date.h"
#include "core/workflow.h"
#include "report/oversight_json.h"
#include "store/inspections.h"
#include "store/store.h"
#include "util/text.h"

#include "util/banned.h"

static void print_text(const struct tree *t, const struct inspection *x, struct date now)
{
	char a[DATE_TEXT_LEN], b[DATE_TEXT_LEN];
	size_t k;

	date_format_dmy(x->f.from, a);
	date_format_dmy(x->f.to, b);
	printf("#%lld  %s  %s – %s  %s  %s%s%s\n", x->id, t->units[x->unit].code, a, b,
	       insp_body_name((enum insp_body)x->f.body), x->f.subject, x->f.agency >= 0 ? " · " : "",
	       cli_agency_name(x->f.agency, ""));
	if (x->f.held) {
		date_format_dmy(x->f.held_on, a);
		printf("     %s %s%s%s\n", _("held on"), a, x->f.findings ? ": " : "", x->f.findings ? x->f.findings : "");
	}
	for (k = 0; k < x->nrecs; k++) {
		const struct recommendation *c = &x->recs[k];

		date_format_dmy(c->due, a);
		printf("     %s #%lld %s · %s %s · %s%s%s\n", _("recommendation"), c->id, cli_agency_name(c->agency, ""),
		       _("due"), a, wf_state_name(&wf_recommendation, c->state), rec_overdue(c->state, c->due, now) ? " · " : "",
		       rec_overdue(c->state, c->due, now) ? _("overdue") : "");
	}
}

int cmd_inspection_list(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct inspection *v = NULL;
	struct insp_sum s;
	struct date now = cli_today();
	int year = now.y, rc, status = EXIT_FAIL;
	bool json = false;
	size_t n = 0, i;

	rc = cli_list_open(cli, "inspection list", argc, argv, &year, &json, &c);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (inspections_list(c.db, &c.t, c.unit, year, &c.mem, &v, &n, &e)) {
		cli_fail(&e);
		goto out;
	}
	inspections_sum(&c.t, c.unit, v, n, now, &s);
	if (json) {
		json_t *arr = json_array();

		for (i = 0; i < n; i++)
			json_array_append_new(arr, inspection_json(&c.t, &v[i], now));
		if (!cli_print_year_list(c.t.units[c.unit].code, year, insp_sum_json(&s), "inspections", arr))
			goto out;
	} else {
		printf(_("Inspections of %s (%s) in %d: %u planned, %u held, %u recommendations (%u closed, %u overdue)"),
		       c.t.units[c.unit].name, c.t.units[c.unit].code, year, s.planned, s.held, s.recs, s.recs_closed,
		       s.recs_overdue);
		printf("\n");
		for (i = 0; i < n; i++)
			print_text(&c.t, &v[i], now);
	}
	status = EXIT_OK;
out:
	cli_unit_close(&c);
	return status;
}

int cmd_inspection_add(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct inspection x;
	struct principal who;
	struct diags d;
	const char *code = NULL, *body = NULL, *ag = NULL, *subject = NULL, *from = NULL, *to = NULL, *held = NULL,
		   *findings = NULL, *as = NULL, *id = NULL;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},       {"body", OPT_TEXT, &body},   {"agency", OPT_TEXT, &ag},
		{"subject", OPT_TEXT, &subject}, {"from", OPT_TEXT, &from},   {"to", OPT_TEXT, &to},
		{"held-on", OPT_TEXT, &held},    {"findings", OPT_TEXT, &findings},
		{"id", OPT_TEXT, &id},           {"as", OPT_TEXT, &as},       {NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !body || !subject || !from || !to)
		return cli_usage(cli);
	memset(&x, 0, sizeof(x));
	if (!cli_id_opt("inspection add", "id", id, &x.id))
		return EXIT_USAGE;
	x.f.body = insp_body_parse(body);
	x.f.agency = ag ? cli_agency_opt("inspection add", ag) : -1;
	if (ag && x.f.agency < 0)
		return EXIT_USAGE;
	x.f.subject = subject;
	x.f.findings = findings;
	x.f.held = held != NULL;
	if (!cli_day_opt("inspection add", "from", from, &x.f.from) || !cli_day_opt("inspection add", "to", to, &x.f.to) ||
	    !cli_day_opt("inspection add", "held-on", held, &x.f.held_on))
		return EXIT_USAGE;
	x.f.year = x.f.from.y;
	diags_init(&d, 50);
	rc = cli_unit_actor(cli, "inspection add", code, NULL, as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	x.unit = c.unit;
	if (x.id) {
		struct inspection cur;

		if (inspection_get(c.db, &c.t, c.unit, x.id, &c.mem, &cur, &e)) {
			cli_fail(&e);
			goto out;
		}
		x.version = cur.version;
	}
	status = cli_report("inspection add", inspection_save(c.db, &c.t, &who, &x, cli_today(), (long long)time(NULL), &d, &e),
			&d, &e);
	if (status == EXIT_OK) {
		printf(_("Inspection %lld of %s saved."), x.id, c.t.units[c.unit].code);
		printf("\n");
	}
out:
	diags_release(&d);
	cli_unit_close(&c);
	return status;
}

int cmd_recommendation_issue(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct principal who;
	struct rec_fields f;
	struct diags d;
	const char *code = NULL, *insp = NULL, *ag = NULL, *text = NULL, *due = NULL, *as = NULL;
	long long id = 0, v = 0;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code}, {"inspection", OPT_TEXT, &insp}, {"agency", OPT_TEXT, &ag},
		{"text", OPT_TEXT, &text}, {"due", OPT_TEXT, &due},         {"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !insp || !ag || !text || !due)
		return cli_usage(cli);
	if (!cli_id_opt("recommendation issue", "inspection", insp, &v))
		return EXIT_USAGE;
	f.text = text;
	f.agency = agency_find(ag);
	memset(&f.due, 0, sizeof(f.due));
	if (!cli_day_opt("recommendation issue", "due", due, &f.due))
		return EXIT_USAGE;
	diags_init(&d, 50);
	rc = cli_unit_actor(cli, "recommendation issue", code, NULL, as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	status = cli_report("recommendation issue",
			recommendation_issue(c.db, &c.t, &who, c.unit, v, &f, (long long)time(NULL), &id, &d, &e), &d, &e);
	if (status == EXIT_OK) {
		printf(_("Recommendation %lld issued."), id);
		printf("\n");
	}
out:
	diags_release(&d);
	cli_unit_close(&c);
	return status;
}

/* The version of recommendation id of the unit, as it now stands. */
static enum gemis_err rec_version(struct cli_unit *c, long long id, long long *version, struct errctx *e)
{
	struct recommendation x;
	enum gemis_err err = recommendation_get(c->db, &c->t, c->unit, id, &c->mem, &x, e);

	*version = err ? 0 : x.version;
	return err;
}

int cmd_recommendation_act(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct principal who;
	struct cli_step_opts o;
	long long version = 0;
	long v = 0;
	int rc, a, status = EXIT_FAIL;

	rc = cli_step_options(cli, argc, argv, &o);
	if (rc != CLI_GO)
		return rc;
	a = wf_action_find(&wf_recommendation, o.action);
	if (!text_parse_long(o.id, strlen(o.id), &v) || v <= 0 || a < 0 || a == REC_ISSUE) {
		fprintf(stderr, "gemis recommendation act: %s\n", _("--id is a number and --action follow_up, reject or close"));
		return EXIT_USAGE;
	}
	rc = cli_unit_actor(cli, "recommendation act", o.code, NULL, o.as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (rec_version(&c, v, &version, &e) ||
	    recommendation_act(c.db, &c.t, &who, c.unit, v, a, version, o.comment, (long long)time(NULL), NULL, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf("%s\n", wf_action_done(&wf_recommendation, a));
	status = EXIT_OK;
out:
	cli_unit_close(&c);
	return status;
}
