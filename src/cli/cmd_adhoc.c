/*
 * cmd_adhoc.c: ad hoc requests from the command line (core/adhoc.h,
 * store/adhoc_requests.h, report/adhoc_answer.h): `gemis adhoc ask`, a
 * province asks its communes (VN the provinces) for a report by a day;
 * `gemis adhoc list` and `show`, where requests and answers stand;
 * `gemis adhoc answer`, `return` and `accept`, the steps of an answer.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/adhoc.h"
#include "core/workflow.h"
#include "formats/attachment.h"
#include "report/adhoc_answer.h"
#include "store/adhoc_requests.h"
#include "store/store.h"
#include "util/text.h"

#include "util/banned.h"

#define LIST_MAX 100

/* An error's field as the command's option. */
static int fail_at(struct errctx *e)
{
	static const char *const opts[][2] = {
		{"title", "--title"},   {"due", "--due"},	  {"indicators", "--indicators"},
		{"question", "--question"}, {"answer", "--text"}, {"comment", "--comment"},
		{"file", "--file"},     {"unit", "--unit"},	  {"request", "ID"},
	};

	for (size_t i = 0; e->where[0] && i < sizeof(opts) / sizeof(opts[0]); i++) {
		if (strcmp(e->where, opts[i][0]) == 0) {
			snprintf(e->where, sizeof(e->where), "%s", opts[i][1]);
			break;
		}
	}
	return cli_fail(e);
}

/* How the ad hoc commands print their JSON. */
#define ADHOC_JSON (JSON_INDENT(2) | JSON_REAL_PRECISION(15))

int cmd_adhoc_ask(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_snap c;
	struct principal who;
	struct adhoc_ask a;
	const char *code = NULL, *as = NULL;
	struct date due = {0, 0, 0};
	long long id = 0;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"title", OPT_TEXT, &a.title},
		{"due", OPT_DATE, &due},
		{"indicators", OPT_TEXT, &a.indicators},
		{"question", OPT_TEXT, &a.question},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	memset(&a, 0, sizeof(a));
	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code)
		return cli_usage(cli);
	rc = cli_snap_open(cli, "adhoc ask", code, &c);
	if (rc != CLI_GO) {
		cli_snap_close(&c);
		return rc;
	}
	a.unit = c.unit;
	a.due = due;
	a.has_due = due.y != 0;
	if (cli_actor(c.db, &c.s.tree, "adhoc ask", as, &who)) {
		if (adhoc_request_create(c.db, &c.s.tree, &who, &a, vn_date(time(NULL)), time(NULL), &id, &e))
			fail_at(&e);
		else {
			printf(_("Request %lld sent by %s to the units below it.\n"), id, c.s.tree.units[c.unit].name);
			status = EXIT_OK;
		}
	}
	cli_snap_close(&c);
	return status;
}

/* The request ID names (the first argument), and the unit it is seen from. */
static int open_request(struct cli *cli, int argc, char **argv, const struct cli_opt *opts, const char *cmd,
			const char **code, struct cli_snap *c, struct adhoc_request *q)
{
	struct errctx e = {0};
	int rc, first = 0;
	long id = 0;

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	if (!*code || !text_parse_long(argv[first], strlen(argv[first]), &id) || id <= 0)
		return cli_usage(cli);
	rc = cli_snap_open(cli, cmd, *code, c);
	if (rc != CLI_GO)
		return rc;
	if (adhoc_request_get(c->db, &c->s.tree, id, &c->mem, q, &e))
		return cli_fail(&e);
	return CLI_GO;
}

static void print_request(const struct tree *t, const struct adhoc_request *q)
{
	char due[DATE_TEXT_LEN];

	date_format_dmy(q->due, due);
	printf("%lld  %s\n  %s: %s, %s: %s\n", q->id, q->title, _("From"), t->units[q->unit].name, _("Due"), due);
	for (size_t i = 0; i < q->nind; i++)
		printf("  - %s\n", catalog[q->ind[i]].id);
	if (q->question)
		printf("  %s: %s\n", _("Question"), q->question);
}

static int show_requester(struct cli_snap *c, const struct adhoc_request *q, bool json)
{
	const struct tree *t = &c->s.tree;
	struct adhoc_answer *as;
	struct adhoc_counts n;
	struct errctx e = {0};
	size_t na, i;

	if (adhoc_answers_list(c->db, t, q, &c->mem, &as, &na, &e))
		return cli_fail(&e);
	if (json) {
		cli_print_json(adhoc_request_json(t, q, as, na, time(NULL)), ADHOC_JSON);
		return EXIT_OK;
	}
	print_request(t, q);
	adhoc_count(q, as, na, time(NULL), &n);
	printf(_("%u of %u answered, %u accepted, %u late, %u overdue\n"), n.sent, n.asked, n.accepted, n.late,
	       n.overdue);
	for (i = 0; i < na; i++)
		printf("  %-6s %-10s %-10s %s\n", t->units[as[i].unit].code, wf_state_id(&wf_report, as[i].state),
		       adhoc_timing_id(adhoc_timing(q->due, as[i].first_submitted_at, time(NULL))),
		       t->units[as[i].unit].name);
	return EXIT_OK;
}

int cmd_adhoc_show(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct adhoc_request q;
	struct adhoc_answer a;
	struct cli_snap c;
	const char *code = NULL;
	bool json = false;
	int rc;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	memset(&c, 0, sizeof(c));
	rc = open_request(cli, argc, argv, opts, "adhoc show", &code, &c, &q);
	if (rc == CLI_GO && q.unit == c.unit)
		rc = show_requester(&c, &q, json);
	else if (rc == CLI_GO && !adhoc_asks(&c.s.tree, &q, c.unit))
		rc = cli_unknown_unit("adhoc show", code);
	else if (rc == CLI_GO && adhoc_answer_get(c.db, &c.s.tree, &q, c.unit, &c.mem, &a, &e))
		rc = cli_fail(&e);
	else if (rc == CLI_GO && json) {
		json_t *doc = adhoc_request_json(&c.s.tree, &q, NULL, 0, time(NULL));

		json_object_set_new(doc, "answer", adhoc_answer_json(&c.s.tree, &q, &a, time(NULL)));
		cli_print_json(doc, ADHOC_JSON);
		rc = EXIT_OK;
	} else if (rc == CLI_GO) {
		print_request(&c.s.tree, &q);
		printf("%s: %s (%s)\n", _("Answer"), wf_state_name(&wf_report, a.state),
		       adhoc_timing_name(adhoc_timing(q.due, a.first_submitted_at, time(NULL))));
		if (a.comment)
			printf("  %s: %s\n", _("Returned with the comment"), a.comment);
		rc = EXIT_OK;
	}
	cli_snap_close(&c);
	return rc;
}

int cmd_adhoc_list(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct adhoc_request *rs;
	struct cli_snap c;
	const char *code = NULL;
	bool json = false;
	size_t n, i;
	int rc, pass;
	json_t *doc;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code)
		return cli_usage(cli);
	rc = cli_snap_open(cli, "adhoc list", code, &c);
	doc = json_pack("{s:s, s:[], s:[]}", "unit", code, "sent", "received");
	for (pass = 0; rc == CLI_GO && pass < 2; pass++) {
		if (adhoc_requests_list(c.db, &c.s.tree, c.unit, pass == 0, LIST_MAX, &c.mem, &rs, &n, &e)) {
			rc = cli_fail(&e);
			break;
		}
		if (!json)
			printf("%s:\n", pass == 0 ? _("Requests sent") : _("Requests received"));
		for (i = 0; i < n; i++) {
			if (json)
				json_array_append_new(json_object_get(doc, pass == 0 ? "sent" : "received"),
						      adhoc_request_json(&c.s.tree, &rs[i], NULL, 0, time(NULL)));
			else
				print_request(&c.s.tree, &rs[i]);
		}
	}
	if (rc == CLI_GO && json)
		cli_print_json(json_incref(doc), ADHOC_JSON);
	json_decref(doc);
	cli_snap_close(&c);
	return rc == CLI_GO ? EXIT_OK : rc;
}

/* `adhoc answer`, `return` and `accept`, one command for the steps of an
 * answer: the action is the command's last word (cli_action()). */
int cmd_adhoc_step(struct cli *cli, int argc, char **argv)
{
	const char *action = cli_action(cli);
	struct errctx e = {0};
	struct adhoc_request q;
	struct adhoc_answer a;
	struct principal who;
	struct cli_snap c;
	struct buf file;
	const char *code = NULL, *as = NULL, *path = NULL, *comment = NULL, *text = NULL;
	char cmd[32];
	bool draft = false;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},   {"text", OPT_TEXT, &text}, {"file", OPT_TEXT, &path},
		{"draft", OPT_FLAG, &draft}, {"comment", OPT_TEXT, &comment}, {"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	snprintf(cmd, sizeof(cmd), "adhoc %s", action);
	memset(&c, 0, sizeof(c));
	buf_init(&file, ATTACHMENT_MAX_BYTES + 1);
	rc = open_request(cli, argc, argv, opts, cmd, &code, &c, &q);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (!cli_actor(c.db, &c.s.tree, cmd, as, &who))
		goto out;
	if (path && buf_read_file(&file, path, &e)) {
		fail_at(&e);
		goto out;
	}
	if (adhoc_answer_get(c.db, &c.s.tree, &q, c.unit, &c.mem, &a, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (strcmp(action, "answer") == 0) {
		rc = adhoc_answer_send(c.db, &c.s, &who, &q, c.unit, !draft, a.version, text, cli_file_name(path),
				       path ? buf_str(&file) : NULL, file.len, time(NULL), &e);
	} else {
		struct adhoc_step_in in;

		memset(&in, 0, sizeof(in));
		in.action = wf_action_find(&wf_report, action);
		in.version = a.version;
		in.comment = comment;
		rc = adhoc_answer_act(c.db, &c.s.tree, &who, &q, c.unit, &in, time(NULL), &e);
	}
	if (rc) {
		fail_at(&e);
		goto out;
	}
	printf(_("The answer of %s to request %lld: %s.\n"), c.s.tree.units[c.unit].name, q.id,
	       wf_action_done(&wf_report, wf_action_find(&wf_report, strcmp(action, "answer") == 0
										    ? (draft ? "save" : "submit")
										    : action)));
	status = EXIT_OK;
out:
	buf_release(&file);
	cli_snap_close(&c);
	return status;
}
