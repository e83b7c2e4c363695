/*
 * cmd_draft.c: `gemis draft ...`: the gender check of a commune's draft
 * legal documents on the command line: the checklist, the drafts of a
 * year, a draft registered or changed with its answers, the review, the
 * document issued.  A write acts as an account (--as USER, with that
 * account's rights, as on the web) or as the operator who holds the
 * database; the rules are the store's (store/drafts.h), so that the
 * command line refuses what the web refuses, with the same words.
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
#include "report/drafts_json.h"
#include "store/drafts.h"
#include "store/store.h"
#include "util/text.h"

#include "util/banned.h"

static void print_draft(const struct tree *t, const struct draft *x)
{
	char a[DATE_TEXT_LEN], b[DATE_TEXT_LEN];

	date_format_dmy(x->f.drafted_on, a);
	printf("#%lld  %s  %s  %s%s%s  %s · %s · %s", x->id, t->units[x->unit].code, a, draft_kind_name(x->f.kind),
	       x->f.number ? " " : "", x->f.number ? x->f.number : "", x->f.title, cli_agency_name(x->f.agency, ""),
	       wf_state_name(&wf_draft, x->state));
	if (x->issued) {
		date_format_dmy(x->issued_on, b);
		printf(" · %s %s %s", _("issued as"), x->issued_no, b);
	}
	printf("\n");
}

int cmd_draft_list(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct draft *v = NULL;
	struct draft_sum s;
	int year = cli_today().y, rc, status = EXIT_FAIL;
	bool json = false;
	size_t n = 0, i;

	rc = cli_list_open(cli, "draft list", argc, argv, &year, &json, &c);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (drafts_list(c.db, &c.t, c.unit, year, &c.mem, &v, &n, &e)) {
		cli_fail(&e);
		goto out;
	}
	drafts_sum(v, n, &s);
	if (json) {
		json_t *arr = json_array();

		for (i = 0; i < n; i++)
			json_array_append_new(arr, draft_json(&c.t, &v[i]));
		if (!cli_print_year_list(c.t.units[c.unit].code, year, draft_sum_json(&s), "drafts", arr))
			goto out;
	} else {
		printf(_("Drafts of %s (%s) in %d: %u registered, %u checked, %u issued (%u of them checked)"),
		       c.t.units[c.unit].name, c.t.units[c.unit].code, year, s.drafts, s.reviewed, s.issued,
		       s.issued_reviewed);
		printf("\n");
		for (i = 0; i < n; i++)
			print_draft(&c.t, &v[i]);
	}
	status = EXIT_OK;
out:
	cli_unit_close(&c);
	return status;
}

int cmd_draft_questions(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct arena mem;
	struct gc_checklist q;
	int version = 0, rc, status = EXIT_FAIL;
	const char *ver = NULL;
	bool json = false;
	long long v = 0;
	size_t i;
	const struct cli_opt opts[] = {
		{"version", OPT_TEXT, &ver},
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!cli_id_opt("draft questions", "version", ver, &v))
		return EXIT_USAGE;
	version = (int)v;
	arena_init(&mem, 0);
	memset(&c, 0, sizeof(c));
	tree_init(&c.t);
	c.db = cli_open_db(cli, 0);
	if (!c.db)
		goto out;
	if (gc_checklist_load(c.db, version, &mem, &q, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (json) {
		if (!cli_print_json(gc_checklist_json(&q), JSON_INDENT(1)))
			goto out;
	} else {
		printf(_("The gender checklist, version %d:"), q.version);
		printf("\n");
		for (i = 0; i < q.n; i++)
			printf("  %-15s %s%s%s\n  %-15s (%s)\n", q.q[i].id, gc_text(&q.q[i]), q.q[i].yesno ? " [yes/no]" : "",
			       q.q[i].required ? " *" : "", "", q.q[i].source);
	}
	status = EXIT_OK;
out:
	arena_release(&mem);
	cli_unit_close(&c);
	return status;
}

/* The answers of --answers FILE (a JSON object {"ID": "text"}); the
 * document stays in *doc for as long as the answers are used. */
static bool read_answers(const char *path, json_t **doc, struct arena *mem, struct draft_answer **a, size_t *n,
			 struct diags *d)
{
	json_error_t je;

	*doc = NULL;
	*n = 0;
	if (!path)
		return true;
	*doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!*doc || !json_is_object(*doc)) {
		fprintf(stderr, "gemis draft add: %s:%d: %s\n", path, je.line,
			*doc ? _("the answers must be a JSON object {\"question\": \"answer\"}") : je.text);
		return false;
	}
	if (!draft_answers_from_json(*doc, mem, a, n, d))
		return false;
	if (d->total) {
		cli_print_diags(path, d);
		return false;
	}
	return true;
}

/* The draft's current version, so that a change from the command line
 * applies to what is stored now. */
static enum gemis_err current_version(struct cli_unit *c, long long id, long long *version, struct errctx *e)
{
	struct draft x;
	enum gemis_err err = draft_get(c->db, &c->t, c->unit, id, &c->mem, &x, e);

	*version = err ? 0 : x.version;
	return err;
}

struct add_opts {
	const char *code, *kind, *number, *title, *on, *agency, *answers, *as, *id;
	bool submit;
};

static int add_fields(const struct add_opts *o, struct draft *x)
{
	memset(x, 0, sizeof(*x));
	if (!cli_id_opt("draft add", "id", o->id, &x->id) || !cli_day_opt("draft add", "drafted-on", o->on, &x->f.drafted_on))
		return EXIT_USAGE;
	x->f.kind = draft_kind_parse(o->kind);
	x->f.agency = cli_agency_opt("draft add", o->agency);
	if (x->f.agency < 0)
		return EXIT_USAGE;
	x->f.number = o->number;
	x->f.title = o->title;
	return CLI_GO;
}

int cmd_draft_add(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct add_opts o = {0};
	struct cli_unit c;
	struct draft x;
	struct principal who;
	struct diags d;
	struct arena mem;
	struct draft_answer *a = NULL;
	json_t *doc = NULL;
	size_t na = 0;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &o.code},       {"kind", OPT_TEXT, &o.kind},       {"number", OPT_TEXT, &o.number},
		{"title", OPT_TEXT, &o.title},     {"drafted-on", OPT_TEXT, &o.on},   {"agency", OPT_TEXT, &o.agency},
		{"answers", OPT_TEXT, &o.answers}, {"submit", OPT_FLAG, &o.submit}, {"id", OPT_TEXT, &o.id},
		{"as", OPT_TEXT, &o.as},           {NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!o.code || !o.kind || !o.title || !o.on || !o.agency)
		return cli_usage(cli);
	rc = add_fields(&o, &x);
	if (rc != CLI_GO)
		return rc;
	diags_init(&d, 50);
	arena_init(&mem, 0);
	memset(&c, 0, sizeof(c));
	tree_init(&c.t);
	if (!read_answers(o.answers, &doc, &mem, &a, &na, &d))
		goto out;
	rc = cli_unit_actor(cli, "draft add", o.code, NULL, o.as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	x.unit = c.unit;
	if (x.id && current_version(&c, x.id, &x.version, &e)) {
		cli_fail(&e);
		goto out;
	}
	status = cli_report("draft add",
			draft_save(c.db, &c.t, &who, &x, a, na, o.submit, cli_today(), (long long)time(NULL), &d, &e), &d, &e);
	if (status == EXIT_OK) {
		printf(_("Draft %lld of %s saved: %s."), x.id, c.t.units[c.unit].code, wf_state_name(&wf_draft, x.state));
		printf("\n");
	}
out:
	json_decref(doc);
	arena_release(&mem);
	diags_release(&d);
	cli_unit_close(&c);
	return status;
}

int cmd_draft_review(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct principal who;
	struct cli_step_opts o;
	long long id = 0, version = 0;
	int rc, a, status = EXIT_FAIL;

	rc = cli_step_options(cli, argc, argv, &o);
	if (rc != CLI_GO)
		return rc;
	a = wf_action_find(&wf_draft, o.action);
	if (!cli_id_opt("draft review", "id", o.id, &id))
		return EXIT_USAGE;
	if (a != DR_RETURN && a != DR_REVIEW) {
		fprintf(stderr, "gemis draft review: --action: %s '%s'\n", _("unknown action: return or review"), o.action);
		return EXIT_USAGE;
	}
	rc = cli_unit_actor(cli, "draft review", o.code, NULL, o.as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (current_version(&c, id, &version, &e) ||
	    draft_act(c.db, &c.t, &who, c.unit, id, a, version, o.comment, (long long)time(NULL), &e)) {
		cli_fail(&e);
		goto out;
	}
	printf("%s\n", wf_action_done(&wf_draft, a));
	status = EXIT_OK;
out:
	cli_unit_close(&c);
	return status;
}

int cmd_draft_issue(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct principal who;
	struct diags d;
	struct date on = {0, 0, 0};
	const char *code = NULL, *rid = NULL, *no = NULL, *day = NULL, *as = NULL;
	long long id = 0, version = 0;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code}, {"id", OPT_TEXT, &rid}, {"number", OPT_TEXT, &no},
		{"on", OPT_TEXT, &day},    {"as", OPT_TEXT, &as},  {NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !rid || !no || !day)
		return cli_usage(cli);
	if (!cli_id_opt("draft issue", "id", rid, &id) || !cli_day_opt("draft issue", "on", day, &on))
		return EXIT_USAGE;
	diags_init(&d, 20);
	rc = cli_unit_actor(cli, "draft issue", code, NULL, as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (current_version(&c, id, &version, &e)) {
		cli_fail(&e);
		goto out;
	}
	status = cli_report("draft issue",
			draft_issue(c.db, &c.t, &who, c.unit, id, version, no, on, cli_today(), (long long)time(NULL), &d, &e),
			&d, &e);
	if (status == EXIT_OK)
		printf("%s\n", wf_action_done(&wf_draft, DR_ISSUE));
out:
	diags_release(&d);
	cli_unit_close(&c);
	return status;
}
