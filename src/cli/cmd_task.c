/*
 * cmd_task.c: `gemis task ...` and `gemis activity ...`: the tasks of a
 * commune's plan in force, the progress agencies record on them and the
 * activity log, on the command line (for scripts, and for an office that
 * keeps its log in a spreadsheet).  A write acts as an account (--as USER,
 * with that account's rights, as on the web) or as the operator who holds
 * the database; the rules are the store's (store/task_progress.h,
 * store/activities.h), so that the command line refuses what the web
 * refuses, with the same words.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/catalog.h"
#include "core/date.h"
#include "core/period.h"
#include "report/tasks_json.h"
#include "store/activities.h"
#include "store/store.h"
#include "store/task_progress.h"
#include "store/tasks.h"
#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

static const char *day_text(struct date d, char s[DATE_TEXT_LEN])
{
	date_format_dmy(d, s);
	return s;
}

/* --- gemis task list ------------------------------------------------------- */

/* What `task list` says of a task: its status and alert for the year. */
struct task_line {
	enum task_status st;
	enum task_alert al;
	bool has_due;
	struct date due;
};

static void task_text(struct buf *out, struct task_list *tl, const struct task *x, const struct task_line *ln)
{
	char ds[DATE_TEXT_LEN];

	text_cell(out, task_label(&tl->mem, x), 6, false);
	buf_puts(out, " ");
	text_cell(out, x->title, 48, false);
	buf_puts(out, " ");
	text_cell(out, ln->has_due ? day_text(ln->due, ds) : "–", 10, false);
	buf_printf(out, " %s%s\n", task_status_name(ln->st),
		   ln->al == TA_OVERDUE ? arena_printf(&tl->mem, " (%s)", _("overdue"))
		   : ln->al == TA_DUE_SOON ? arena_printf(&tl->mem, " (%s)", _("due soon"))
					   : "");
}

int cmd_task_list(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct task_list tl;
	struct task_recs rs;
	struct buf out;
	struct date now = cli_today();
	const char *code = NULL, *agency_id = NULL;
	int year = now.y, agency = -1, rc, status = EXIT_FAIL;
	bool json = false;
	json_t *arr = NULL;
	size_t i, shown = 0;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"agency", OPT_TEXT, &agency_id},
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (agency_id && (agency = cli_agency_opt("task list", agency_id)) < 0)
		return EXIT_USAGE;
	memset(&tl, 0, sizeof(tl));
	memset(&rs, 0, sizeof(rs));
	buf_init(&out, 0);
	rc = cli_unit_open(cli, "task list", code, _("tasks and activities"), &c);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (tasks_of_unit(c.db, &c.t, c.unit, &tl, &e) || task_records(c.db, &c.t, c.unit, NULL, year, &rs, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (!tl.plan_id) {
		fprintf(stderr, "gemis task list: %s (%s)\n", _("this unit has no plan in force"), code);
		goto out;
	}
	arr = json_array();
	for (i = 0; i < tl.n; i++) {
		const struct task *x = &tl.t[i];
		struct task_line ln;

		if (agency >= 0 && task_role(x, agency_kinds[agency].id) == 0)
			continue;
		ln.st = task_status_for(&rs, x, agency, year);
		ln.al = task_alert(&x->tt, period_year_code(year), ln.st, now, DUE_SOON_DAYS);
		ln.has_due = task_due(&x->tt, period_year_code(year), &ln.due);
		shown++;
		if (json) {
			json_t *o = task_json(&tl.mem, x, &rs, agency, year, now);

			if (!o || json_array_append_new(arr, o)) {
				fprintf(stderr, "gemis: %s\n", err_name(GEMIS_ENOMEM));
				goto out;
			}
			continue;
		}
		task_text(&out, &tl, x, &ln);
	}
	if (json) {
		json_t *doc = json_pack("{s:s, s:i, s:o, s:o}", "unit", c.t.units[c.unit].code, "year", year, "agency",
					agency >= 0 ? json_string(agency_kinds[agency].id) : json_null(), "tasks", arr);

		arr = NULL;
		if (!cli_print_json(doc, JSON_INDENT(1)))
			goto out;
	} else {
		printf(_("Tasks of %s (%s) for %d"), c.t.units[c.unit].name, c.t.units[c.unit].code, year);
		if (agency >= 0)
			printf(" · %s", cli_agency_name(agency, "?"));
		printf("\n");
		if (!shown)
			printf("%s\n", agency >= 0 ? _("The plan in force gives this agency no task.")
						   : _("The plan in force lists no task."));
		fwrite(buf_str(&out), 1, out.len, stdout);
	}
	status = buf_error(&out) ? EXIT_FAIL : EXIT_OK;
out:
	json_decref(arr);
	buf_release(&out);
	task_recs_release(&rs);
	task_list_release(&tl);
	cli_unit_close(&c);
	return status;
}

/* --- gemis task record ------------------------------------------------------ */

/* The task --task names: as a file names it (store/tasks.h), else by the
 * label `gemis task list` shows, when one task alone has it (an agency's
 * duties, "2.4", share their numbers with nothing else then). */
static const struct task *find_task(struct task_list *tl, const char *ref)
{
	const struct task *x = task_named(tl, ref), *hit = NULL;
	size_t i, n = 0;

	for (i = 0; !x && i < tl->n; i++) {
		if (strcmp(task_label(&tl->mem, &tl->t[i]), ref) == 0) {
			hit = &tl->t[i];
			n++;
		}
	}
	return x ? x : n == 1 ? hit : NULL;
}

/* The update's status and period from --status and --period (the
 * year of `now` without one); EXIT_USAGE, said, when one is wrong. */
static int update_options(const char *st, const char *per, struct date now, struct task_update *u)
{
	if (task_status_parse(st) < 0) {
		fprintf(stderr, "gemis task record: --status: %s '%s' (not_started, in_progress, done, not_done)\n",
			_("unknown status"), st);
		return EXIT_USAGE;
	}
	u->status = (enum task_status)task_status_parse(st);
	u->period = period_year_code(now.y);
	if (per && (!period_parse(per, strlen(per), &u->period) || period_kind(u->period) == PERIOD_MONTH)) {
		fprintf(stderr, "gemis task record: --period: %s '%s' (2026, 2026Q3)\n", _("not a year or a quarter"),
			per);
		return EXIT_USAGE;
	}
	return CLI_GO;
}

/* The --evidence file read into data and attached to the update. */
static enum gemis_err attach_evidence(const char *evidence, struct buf *data, struct task_file_in *file,
				      struct task_update *u, struct errctx *e)
{
	enum gemis_err err = buf_read_file(data, evidence, e);

	if (err)
		return err;
	file->name = cli_file_name(evidence);
	file->data = buf_str(data);
	file->len = data->len;
	u->files = file;
	u->nfiles = 1;
	return GEMIS_OK;
}

/* The command line records on top of the latest record of the agency and
 * period: u->version gets its id (what it replaces is kept in the
 * history). */
static enum gemis_err latest_version(struct cli_unit *c, const struct task *x, struct task_recs *rs,
				     struct task_update *u, struct errctx *e)
{
	enum gemis_err err = task_records(c->db, &c->t, c->unit, x->uid, 0, rs, e);
	size_t i;

	if (err)
		return err;
	for (i = 0; i < rs->n; i++) {
		if (strcmp(rs->r[i].agency_id, agency_kinds[u->agency].id) == 0 && rs->r[i].period == u->period)
			u->version = rs->r[i].id;
	}
	return GEMIS_OK;
}

int cmd_task_record(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct task_list tl;
	struct task_recs rs;
	struct task_update u;
	struct task_file_in file;
	struct principal who;
	struct diags d;
	struct buf data;
	struct date now = cli_today();
	const char *code = NULL, *task = NULL, *agency_id = NULL, *st = NULL, *per = NULL, *note = NULL,
		   *reason = NULL, *evidence = NULL, *as = NULL;
	const struct task *x;
	long long id = 0;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"task", OPT_TEXT, &task},
		{"agency", OPT_TEXT, &agency_id},
		{"status", OPT_TEXT, &st},
		{"period", OPT_TEXT, &per},
		{"note", OPT_TEXT, &note},
		{"reason", OPT_TEXT, &reason},
		{"evidence", OPT_TEXT, &evidence},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !task || !agency_id || !st)
		return cli_usage(cli);
	memset(&u, 0, sizeof(u));
	u.agency = cli_agency_opt("task record", agency_id);
	if (u.agency < 0)
		return EXIT_USAGE;
	rc = update_options(st, per, now, &u);
	if (rc != CLI_GO)
		return rc;
	memset(&tl, 0, sizeof(tl));
	memset(&rs, 0, sizeof(rs));
	diags_init(&d, 50);
	buf_init(&data, ATTACHMENT_MAX_BYTES + 1);
	rc = cli_unit_actor(cli, "task record", code, _("tasks and activities"), as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (tasks_of_unit(c.db, &c.t, c.unit, &tl, &e)) {
		cli_fail(&e);
		goto out;
	}
	x = find_task(&tl, task);
	if (!x) {
		fprintf(stderr, "gemis task record: --task: %s '%s' (%s)\n", _("no such task in the plan in force"), task,
			_("see `gemis task list`"));
		goto out;
	}
	if ((evidence && attach_evidence(evidence, &data, &file, &u, &e)) || latest_version(&c, x, &rs, &u, &e)) {
		cli_fail(&e);
		goto out;
	}
	u.uid = x->uid;
	u.note = note;
	u.reason = reason;
	rc = task_record(c.db, &c.t, &who, c.unit, &u, (long long)time(NULL), &d, &id, &e);
	if (rc == GEMIS_EINVAL && d.n) {
		cli_print_diags(evidence && d.n ? evidence : "task record", &d);
		goto out;
	}
	if (rc) {
		cli_fail(&e);
		goto out;
	}
	{
		char ps[16];

		period_format(u.period, ps, sizeof(ps));
		printf(_("Recorded task %s for %s, %s: %s\n"), task_label(&tl.mem, x), cli_agency_name(u.agency, "?"), ps,
		       task_status_name(u.status));
	}
	status = EXIT_OK;
out:
	buf_release(&data);
	diags_release(&d);
	task_recs_release(&rs);
	task_list_release(&tl);
	cli_unit_close(&c);
	return status;
}

/* --- gemis activity list ------------------------------------------------------ */

/* "23 / 12 " (women / men) where counted. */
static void people(struct buf *out, const struct activity *a)
{
	char w[16] = "–", m[16] = "–";

	if (a->women < 0 && a->men < 0)
		return;
	if (a->women >= 0)
		snprintf(w, sizeof(w), "%d", a->women);
	if (a->men >= 0)
		snprintf(m, sizeof(m), "%d", a->men);
	buf_printf(out, "%s / %s ", w, m);
}

/* `activity list --json`: the quarters' counts and the activities. */
static bool activities_json(const struct cli_unit *c, int year, const struct activity_list *l,
			    const struct log_quarter q[4])
{
	json_t *arr = json_array(), *doc;
	size_t i;

	for (i = 0; arr && i < l->n; i++)
		json_array_append_new(arr, activity_json(&l->a[i]));
	doc = json_pack("{s:s, s:i, s:o, s:o}", "unit", c->t.units[c->unit].code, "year", year, "quarters",
			log_quarters_json(q), "activities", arr);
	return cli_print_json(doc, JSON_INDENT(1));
}

/* `activity list`: the quarters' counts, then one line an activity. */
static void activities_text(const struct cli_unit *c, int year, const struct activity_list *l,
			    const struct log_quarter q[4])
{
	struct buf out;
	size_t i;

	buf_init(&out, 0);
	buf_printf(&out, _("Activities of %s (%s) for %d"), c->t.units[c->unit].name, c->t.units[c->unit].code, year);
	buf_putc(&out, '\n');
	for (i = 0; i < 4; i++) {
		buf_printf(&out, _("quarter %d/%d"), (int)i + 1, year);
		if (q[i].kept)
			buf_printf(&out, ": %s %u", _("news items logged"), q[i].news);
		else
			buf_printf(&out, ": %s", _("nothing logged"));
		if (q[i].typed)
			buf_printf(&out, " · %s %g", _("typed in a form"), q[i].typed_news);
		if (q[i].differs)
			buf_printf(&out, " (%s)", _("differs from the log"));
		buf_putc(&out, '\n');
	}
	for (i = 0; i < l->n; i++) {
		const struct activity *a = &l->a[i];
		char ds[DATE_TEXT_LEN];

		if (i == 0)
			buf_printf(&out, "\n%s\n", _("Date, kind, title, women / men, agency (* the Action Month):"));
		text_cell(&out, day_text(a->day, ds), 10, false);
		buf_puts(&out, a->action_month ? " * " : "   ");
		text_cell(&out, act_kind_name(a->kind), 18, false);
		buf_puts(&out, " ");
		text_cell(&out, a->title, 46, false);
		buf_puts(&out, " ");
		people(&out, a);
		buf_printf(&out, "%s\n", agency_kinds[a->agency].id);
	}
	fwrite(buf_str(&out), 1, out.len, stdout);
	buf_release(&out);
}

int cmd_activity_list(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct activity_list l = {0};
	struct log_quarter q[4];
	struct date now = cli_today();
	const char *code = NULL, *agency_id = NULL, *quarter = NULL;
	int year = now.y, agency = -1, rc, status = EXIT_FAIL;
	long qn = 0;
	bool json = false;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"quarter", OPT_TEXT, &quarter},
		{"agency", OPT_TEXT, &agency_id},
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (quarter && (!text_parse_long(quarter, strlen(quarter), &qn) || qn < 1 || qn > 4)) {
		fprintf(stderr, "gemis activity list: --quarter: %s '%s' (1-4)\n", _("not a quarter"), quarter);
		return EXIT_USAGE;
	}
	if (agency_id && (agency = cli_agency_opt("activity list", agency_id)) < 0)
		return EXIT_USAGE;
	rc = cli_unit_open(cli, "activity list", code, _("tasks and activities"), &c);
	if (rc != CLI_GO) {
		cli_unit_close(&c);
		return rc;
	}
	if (activities_list(c.db, &c.t, c.unit, year, (int)qn, agency, &l, &e) ||
	    activity_log_compare(c.db, &c.t, c.unit, year, q, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (!json)
		activities_text(&c, year, &l, q);
	else if (!activities_json(&c, year, &l, q))
		goto out;
	status = EXIT_OK;
out:
	activity_list_release(&l);
	cli_unit_close(&c);
	return status;
}

/* --- gemis activity log / import ----------------------------------------------- */

/* Stores rows read from a file or the options as activities of the unit,
 * all or nothing, as `who`; problems printed under `where`.  *added gets
 * how many were (or, with dry_run, would be) stored. */
static int store_rows(struct cli_unit *c, const struct principal *who, int agency, const struct act_row *rows, size_t n,
		      bool dry_run, const char *where, struct diags *d, size_t *added)
{
	struct errctx e = {0};
	struct activity *acts = NULL;
	long *lines = NULL;
	enum gemis_err err;
	int status = EXIT_FAIL;

	err = activities_from_rows(c->db, &c->t, c->unit, agency, rows, n, &acts, &lines, d, &e);
	if (!err)
		err = activities_import(c->db, &c->t, who, acts, lines, n, dry_run || d->total > 0, cli_today(),
					(long long)time(NULL), d, added, &e);
	if (d->total > 0)
		cli_print_diags(where, d);
	else if (err)
		cli_fail(&e);
	else
		status = EXIT_OK;
	free(acts);
	free(lines);
	return status;
}

/* `activity log --women N` or `--men N` (name): the count into *n, -1
 * when not given; false after saying it is not a number of people. */
static bool people_opt(const char *name, const char *s, int *n)
{
	long v;

	*n = -1;
	if (!s)
		return true;
	if (!text_parse_long(s, strlen(s), &v) || v < 0 || v > ACT_PEOPLE_MAX) {
		fprintf(stderr, "gemis activity log: --%s: %s\n", name, _("not a number of people"));
		return false;
	}
	*n = (int)v;
	return true;
}

int cmd_activity_log(struct cli *cli, int argc, char **argv)
{
	struct cli_unit c;
	struct principal who;
	struct diags d;
	struct act_row row;
	struct date day = cli_today();
	const char *code = NULL, *agency_id = NULL, *kind = "news", *channel = NULL, *title = NULL, *place = NULL,
		   *women = NULL, *men = NULL, *task = NULL, *as = NULL;
	bool action_month = false;
	size_t added = 0;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"agency", OPT_TEXT, &agency_id},
		{"date", OPT_DATE, &day},
		{"kind", OPT_TEXT, &kind},
		{"channel", OPT_TEXT, &channel},
		{"title", OPT_TEXT, &title},
		{"place", OPT_TEXT, &place},
		{"women", OPT_TEXT, &women},
		{"men", OPT_TEXT, &men},
		{"task", OPT_TEXT, &task},
		{"action-month", OPT_FLAG, &action_month},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !agency_id || !title)
		return cli_usage(cli);
	memset(&row, 0, sizeof(row));
	row.line = 0;
	row.agency = cli_agency_opt("activity log", agency_id);
	if (row.agency < 0)
		return EXIT_USAGE;
	row.day = day;
	row.kind = act_kind_parse(kind);
	if (row.kind < 0) {
		fprintf(stderr, "gemis activity log: --kind: %s '%s' (news, broadcast, event, training, conference, "
				"home_visit, mediation)\n",
			_("unknown kind of activity"), kind);
		return EXIT_USAGE;
	}
	row.channel = channel ? act_channel_parse(channel) : -1;
	if (channel && row.channel < 0) {
		fprintf(stderr, "gemis activity log: --channel: %s '%s' (loudspeaker, portal, social, banner, direct)\n",
			_("unknown channel"), channel);
		return EXIT_USAGE;
	}
	if (!people_opt("women", women, &row.women) || !people_opt("men", men, &row.men))
		return EXIT_USAGE;
	if (strlen(title) > ACT_TITLE_MAX || (place && strlen(place) > ACT_PLACE_MAX) ||
	    (task && strlen(task) >= sizeof(row.task))) {
		fprintf(stderr, "gemis activity log: %s\n", _("--title, --place or --task is too long"));
		return EXIT_USAGE;
	}
	snprintf(row.title, sizeof(row.title), "%s", title);
	snprintf(row.place, sizeof(row.place), "%s", place ? place : "");
	snprintf(row.task, sizeof(row.task), "%s", task ? task : "");
	/* a day of the Action Month is part of it; --action-month for a
	 * launch before it or a closing after it */
	row.action_month = action_month ? 1 : -1;
	diags_init(&d, 30);
	rc = cli_unit_actor(cli, "activity log", code, _("tasks and activities"), as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	status = store_rows(&c, &who, row.agency, &row, 1, false, "activity log", &d, &added);
	if (status != EXIT_OK && d.total)
		fprintf(stderr, "gemis activity log: %s\n", _("the activity was not saved"));
	if (status == EXIT_OK) {
		char ds[DATE_TEXT_LEN];

		printf(_("Logged for %s: %s, %s, '%s'\n"), c.t.units[c.unit].name, day_text(row.day, ds),
		       act_kind_name((enum act_kind)row.kind), row.title);
	}
out:
	diags_release(&d);
	cli_unit_close(&c);
	return status;
}

int cmd_activity_import(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct principal who;
	struct diags d;
	struct buf file;
	struct act_row *rows = NULL;
	const char *code = NULL, *agency_id = NULL, *as = NULL, *path;
	bool dry = false;
	size_t n = 0, added = 0;
	int rc, first, agency = -1, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"agency", OPT_TEXT, &agency_id},
		{"dry-run", OPT_FLAG, &dry},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	path = argv[first];
	if (agency_id && (agency = cli_agency_opt("activity import", agency_id)) < 0)
		return EXIT_USAGE;
	diags_init(&d, 200);
	buf_init(&file, ACTIVITY_FILE_MAX);
	rc = cli_unit_actor(cli, "activity import", code, _("tasks and activities"), as, &c, &who);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (buf_read_file(&file, path, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (activities_read(buf_str(&file), file.len, &rows, &n, &d, &e)) {
		fprintf(stderr, "%s: %s\n", path, e.msg);
		goto out;
	}
	status = store_rows(&c, &who, agency, rows, n, dry, path, &d, &added);
	if (status != EXIT_OK && d.total)
		fprintf(stderr, ngettext_("gemis activity import: %zu problem in the file; nothing was imported\n",
					  "gemis activity import: %zu problems in the file; nothing was imported\n", d.total),
			d.total);
	if (status == EXIT_OK)
		printf(dry ? ngettext_("%zu activity checked: the file can be imported (dry run, nothing imported).\n",
				       "%zu activities checked: the file can be imported (dry run, nothing imported).\n",
				       added)
			   : ngettext_("%zu activity imported.\n", "%zu activities imported.\n", added),
		       added);
out:
	free(rows);
	buf_release(&file);
	diags_release(&d);
	cli_unit_close(&c);
	return status;
}
