/*
 * chain.c: the reporting chain's periods and deadlines on the web.
 *
 *   GET  /chain?unit=&year=   for a province or the nation: the period its
 *        units' yearly reports cover and the day they are due
 *        (store/chainperiods.h), with the form to set them when the account
 *        may; for a commune: those its province set, i.e. when its own
 *        report is due.  Read access to the unit.
 *   POST /chain/{unit}/{year} sets them (from, to, due: YYYY-MM-DD; due
 *        empty: no deadline): the province for its own unit, the admin for
 *        any receiving unit (the right to change the unit's plan, inside
 *        the account's scope, and the unit receives reports).
 *   The /chain page also lists, for a province or the nation, the reports
 *   its units sent it (state, first sent, on time or late), and for a
 *   commune or a province where its own report stands.
 *   GET  /chain/{unit}/{year}/report  one unit's report: state, deadline,
 *        file, the figures it carried, history, and the forms of the
 *        steps the account may take (read access to the unit).
 *   POST /chain/{unit}/{year}/report  action=save (the narrative
 *        sections: results, shortcomings, causes, proposals), submit (the
 *        same, and file: a signed PDF, or none for the DOCX as generated),
 *        return (comment required) or accept, with the version the page
 *        showed: core/workflow's wf_report and store/chainreports.h decide.
 *   GET  /chain/{unit}/{year}/file/{step}  the file a submission sent.
 */
#include <jansson.h>
#include <string.h>

#include "core/chainperiod.h"
#include "core/workflow.h"
#include "report/chainreport.h"
#include "store/attachments.h"
#include "store/chainperiods.h"
#include "store/chainreports.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

/* True when the account may set the period of `unit`. */
static bool may_set(struct http_req *r, int unit)
{
	const struct tree *t = &r->snap->tree;

	return chain_receives(t, unit) && http_can(r, ACT_PLAN, unit, -1) &&
	       (r->who.role == ROLE_ADMIN || (r->who.role == ROLE_PROVINCE && r->who.unit == unit));
}

/* The unit the reports of `unit` go to: itself when it receives them,
 * else its nearest receiving ancestor. */
static int receiver_of(const struct tree *t, int unit)
{
	int u = unit;

	while (u >= 0 && !chain_receives(t, u))
		u = t->units[u].parent;
	return u;
}

static void period_facts(struct http_req *r, const struct chain_period *p)
{
	char from[DATE_TEXT_LEN], to[DATE_TEXT_LEN], due[DATE_TEXT_LEN];

	date_format_dmy(p->from, from);
	date_format_dmy(p->to, to);
	html(r, "<dl class=\"facts\"><dt>%s</dt><dd>%s – %s", _("Period"), from, to);
	if (p->is_default)
		html(r, " <small>%s</small>", _("(Decree 09/2019/NĐ-CP, nothing set)"));
	html(r, "</dd><dt>%s</dt><dd class=\"due\">", _("Due"));
	if (p->has_due) {
		date_format_dmy(p->due, due);
		html(r, "%s", due);
	} else {
		html(r, "%s", _("no date set"));
	}
	html(r, "</dd></dl>");
}

static void period_form(struct http_req *r, int unit, const struct chain_period *p, const char *msg)
{
	char from[DATE_TEXT_LEN], to[DATE_TEXT_LEN], due[DATE_TEXT_LEN] = "";

	date_format_iso(p->from, from);
	date_format_iso(p->to, to);
	if (p->has_due)
		date_format_iso(p->due, due);
	html(r, "<form method=\"post\" action=\"/chain/%s/%d\" class=\"chain-period\">",
	     r->snap->tree.units[unit].code, p->year);
	form_csrf(r);
	if (msg)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", msg);
	html(r, "<label>%s <input type=\"date\" name=\"from\" value=\"%s\" required></label> ", _("First day"), from);
	html(r, "<label>%s <input type=\"date\" name=\"to\" value=\"%s\" required></label> ", _("Last day"), to);
	html(r, "<label>%s <input type=\"date\" name=\"due\" value=\"%s\"></label> ", _("Due"), due);
	html(r, "<button type=\"submit\">%s</button></form>", _("Save"));
}

static void reports_part(struct http_req *r, int unit, int year, const struct chain_period *p);

static void render(struct http_req *r, int unit, int year, const struct chain_period *p, const char *msg)
{
	const struct tree *t = &r->snap->tree;

	page_begin(r, _("Reports up the chain"), unit);
	html(r, "<h1>%s <small>%s, %d</small></h1>", _("Reports up the chain"), t->units[unit].name, year);
	if (chain_receives(t, unit)) {
		html(r, "<p>%s</p>",
		     arena_printf(&r->arena,
				  t->units[unit].level == LEVEL_NATION
					  ? _("The provinces' yearly reports for %d: the period they cover and the day they are due.")
					  : _("The yearly reports of the communes and wards for %d: the period they cover and the day they are due."),
				  year));
		period_facts(r, p);
		if (may_set(r, unit))
			period_form(r, unit, p, msg);
		reports_part(r, unit, year, p);
	} else {
		int to = receiver_of(t, unit);

		html(r, "<p>%s</p>", arena_printf(&r->arena, _("The yearly report of %s for %d goes to %s."),
						  t->units[unit].name, year, to >= 0 ? t->units[to].name : "–"));
		period_facts(r, p);
		reports_part(r, unit, year, p);
	}
	page_end(r);
}

enum gemis_err page_chain(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct chain_period p;
	struct db *db;
	enum gemis_err err;
	int unit, year, to;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	err = http_db(r, &db);
	if (err)
		return err;
	year = page_year(r);
	/* a commune sees what its province set: when its own report is due */
	to = receiver_of(&s->tree, unit);
	if (to < 0)
		chain_period_default(year, &p);
	else if ((err = chain_period_get(db, &s->tree, to, year, &p, &r->err)))
		return err;
	render(r, unit, year, &p, NULL);
	return GEMIS_OK;
}

/* A date field of the form: "" is none. */
static bool form_day(struct http_req *r, const char *name, struct date *out, bool *given)
{
	const char *v = http_param(r, name);

	*given = v && *v;
	return !*given || date_parse_iso(v, strlen(v), out);
}

enum gemis_err page_chain_set(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *yr = http_arg(r, 1);
	struct chain_period p;
	struct db *db;
	enum gemis_err err;
	bool has_from, has_to, has_due;
	long y;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_PLAN, -1, &unit);
	if (err)
		return err;
	if (!may_set(r, unit))
		return GEMIS_EPERM;
	if (!yr || strlen(yr) != 4 || !text_parse_long(yr, 4, &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
		return GEMIS_ENOTFOUND;
	err = http_db(r, &db);
	if (err)
		return err;
	err = chain_period_get(db, &s->tree, unit, (int)y, &p, &r->err);
	if (err)
		return err;
	if (!form_day(r, "from", &p.from, &has_from) || !form_day(r, "to", &p.to, &has_to) ||
	    !form_day(r, "due", &p.due, &has_due) || !has_from || !has_to) {
		err = http_fail(r, GEMIS_EINVAL, "%s", _("give the first and last day, and the deadline if any, as dates"));
		render(r, unit, (int)y, &p, r->err.msg);
		return http_keep_body(r, err);
	}
	p.has_due = has_due;
	p.is_default = false;
	err = chain_period_set(db, &s->tree, unit, &p, r->who.name, &r->err);
	if (err == GEMIS_EINVAL) {
		render(r, unit, (int)y, &p, r->err.msg);
		return http_keep_body(r, err);
	}
	if (err)
		return err;
	return http_redirect(r, arena_printf(&r->arena, "/chain?unit=%s&year=%d", s->tree.units[unit].code, (int)y));
}

/* --- the reports themselves ------------------------------------------------- */

/* "on time" or "late" for a report sent; "" for one never sent. */
static const char *timeliness(const struct chain_report *rep, const struct chain_period *p)
{
	if (!rep->first_submitted_at)
		return "";
	return chain_period_late(p, rep->first_submitted_at) ? _("late") : _("on time");
}

static void state_badge(struct http_req *r, const struct chain_report *rep)
{
	html(r, "<span class=\"report-state sub sub-%s\">%s</span>", wf_state_id(&wf_report, rep->state),
	     wf_state_name(&wf_report, rep->state));
}

/* The table of the reports the units below `unit` send it. */
static void received_table(struct http_req *r, int unit, int year, const struct chain_report *rs, size_t n,
			   const struct chain_period *p)
{
	const struct tree *t = &r->snap->tree;
	unsigned sent = 0, accepted = 0, late = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		sent += (wf_state_flags(&wf_report, rs[i].state) & WF_SENT) != 0;
		accepted += (wf_state_flags(&wf_report, rs[i].state) & WF_LOCKED) != 0;
		late += rs[i].first_submitted_at && chain_period_late(p, rs[i].first_submitted_at);
	}
	html(r, "<h2>%s</h2>", _("Reports received"));
	html(r, "<p class=\"chain-counts\">%s</p>",
	     arena_printf(&r->arena, _("%u of %zu submitted, %u accepted, %u late"), sent, n, accepted, late));
	html(r, "<div class=\"scroll\"><table class=\"chain-reports\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     t->units[unit].level == LEVEL_NATION ? _("Province") : _("Commune"), _("State"), _("First submitted"),
	     _("On time"));
	for (i = 0; i < n; i++) {
		const struct unit *u = &t->units[rs[i].unit];

		html(r, "<tr data-unit=\"%s\"><td><a href=\"/chain/%s/%d/report\">%s</a></td><td>", u->code, u->code, year,
		     u->name);
		state_badge(r, &rs[i]);
		html(r, "</td><td>%s</td><td>%s</td></tr>", rs[i].first_submitted_at ? fmt_time(r, rs[i].first_submitted_at) : "–",
		     timeliness(&rs[i], p));
	}
	html(r, "</tbody></table></div>");
}

/* The unit's own report, in short, with a link to it. */
static void own_summary(struct http_req *r, int unit, int year, const struct chain_report *rep)
{
	const struct tree *t = &r->snap->tree;

	html(r, "<h2>%s</h2><p class=\"own-report\">", arena_printf(&r->arena, _("The report of %s"), t->units[unit].name));
	state_badge(r, rep);
	html(r, " <a href=\"/chain/%s/%d/report\">%s</a></p>", t->units[unit].code, year, _("Open the report"));
}

/* The figures the report carried when it was sent (the JSON the store
 * keeps), not the values of today. */
static void figures_table(struct http_req *r, const char *figures)
{
	json_t *doc = figures ? json_loads(figures, 0, NULL) : NULL;
	json_t *rows = json_object_get(doc, "indicators"), *sub = json_object_get(doc, "sub_reports"), *row;
	size_t i;

	if (!json_is_array(rows)) {
		json_decref(doc);
		return;
	}
	html(r, "<h2>%s</h2>", _("Figures as submitted"));
	if (json_is_object(sub))
		html(r, "<p class=\"sub-reports\">%s</p>",
		     arena_printf(&r->arena, _("Reports of the units below: %lld of %lld submitted, %lld accepted"),
				  (long long)json_integer_value(json_object_get(sub, "submitted")),
				  (long long)json_integer_value(json_object_get(sub, "expected")),
				  (long long)json_integer_value(json_object_get(sub, "accepted"))));
	html(r, "<div class=\"scroll\"><table class=\"figures\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("Indicator"), _("Value"), _("Target"), _("Status"));
	json_array_foreach(rows, i, row) {
		int ind = catalog_find(json_string_value(json_object_get(row, "indicator")));
		json_t *v = json_object_get(row, "value"), *tg = json_object_get(row, "target");
		const char *st = json_string_value(json_object_get(row, "status"));
		int sti = st ? status_parse(st) : -1;

		if (ind < 0)
			continue;
		html(r, "<tr data-indicator=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>", catalog[ind].id,
		     indicator_name(&catalog[ind], r->lang),
		     json_is_true(json_object_get(row, "hidden")) ? "x"
		     : json_is_number(v)			   ? fmt_value(r, json_number_value(v), catalog[ind].unit)
								   : "–",
		     json_is_number(tg) ? fmt_value(r, json_number_value(tg), catalog[ind].unit) : "–");
		if (sti >= 0)
			status_badge(r, (enum status)sti);
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table></div>");
	json_decref(doc);
}

void report_history(struct http_req *r, const struct chain_step *steps, size_t n, const char *files)
{
	size_t i;

	if (!n)
		return;
	html(r, "<h2>%s</h2><ol class=\"history\">", _("History"));
	for (i = 0; i < n; i++) {
		const struct chain_step *st = &steps[i];

		html(r, "<li>%s, %s: %s", fmt_time(r, st->at), fmt_who(r, st->by),
		     wf_action_done(&wf_report, wf_action_find(&wf_report, st->action)));
		if (st->attachment_id)
			html(r, " (<a href=\"%s%lld\">%s</a>)", files, st->id, st->filename ? st->filename : "");
		if (st->comment)
			html(r, ": <q lang=\"vi\">%s</q>", st->comment);
		html(r, "</li>");
	}
	html(r, "</ol>");
}

/* The narrative sections, to write while the report may change. */
static void narrative_fields(struct http_req *r, const struct chain_report *rep)
{
	html(r, "<fieldset class=\"chain-narrative\"><legend>%s</legend><p><small>%s</small></p>", _("The officials' assessment"),
	     _("Written by the officials beside the figures; kept with the report and locked with it once accepted."));
	for (int i = 0; i < CHAIN_SECTION_COUNT; i++)
		html(r, "<label>%s <textarea name=\"%s\" rows=\"4\" maxlength=\"%d\">%s</textarea></label>",
		     _(chain_sections[i].name), chain_sections[i].id, CHAIN_SECTION_MAX,
		     rep->sections[i] ? rep->sections[i] : "");
	html(r, "</fieldset>");
}

/* The narrative as written, for those who read it. */
static void narrative_text(struct http_req *r, const struct chain_report *rep)
{
	bool any = false;

	for (int i = 0; i < CHAIN_SECTION_COUNT; i++)
		any = any || rep->sections[i];
	if (!any)
		return;
	html(r, "<h2>%s</h2><dl class=\"narrative\">", _("The officials' assessment"));
	for (int i = 0; i < CHAIN_SECTION_COUNT; i++)
		html(r, "<dt>%s</dt><dd data-section=\"%s\" lang=\"vi\">%s</dd>", _(chain_sections[i].name),
		     chain_sections[i].id, rep->sections[i] ? rep->sections[i] : "–");
	html(r, "</dl>");
}

/* The forms of the steps the account may take now. */
static void step_forms(struct http_req *r, const struct chain_report *rep)
{
	const struct tree *t = &r->snap->tree;
	const char *code = t->units[rep->unit].code;
	int submit = wf_action_find(&wf_report, "submit"), ret = wf_action_find(&wf_report, "return"),
	    accept = wf_action_find(&wf_report, "accept");

	if (wf_may(&wf_report, t, &r->who, rep->state, submit, rep->unit, -1)) {
		html(r, "<form method=\"post\" action=\"/chain/%s/%d/report\" enctype=\"multipart/form-data\" class=\"chain-submit\">",
		     code, rep->year);
		form_csrf(r);
		html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", rep->version);
		narrative_fields(r, rep);
		html(r, "<fieldset><legend>%s</legend>", _("Submit the report"));
		html(r, "<p>%s</p>", _("Send the report as gemis writes it (DOCX), or the copy signed and stamped (PDF). The figures as they stand now go with it."));
		html(r, "<label>%s <input type=\"file\" name=\"file\" accept=\".pdf,.docx\"></label>",
		     _("Signed copy (PDF), optional"));
		html(r, "<button type=\"submit\" name=\"action\" value=\"submit\">%s</button> ", _("Submit to the unit above"));
		html(r, "<button type=\"submit\" name=\"action\" value=\"save\" class=\"secondary\">%s</button></fieldset></form>",
		     _("Save the text"));
	}
	if (wf_may(&wf_report, t, &r->who, rep->state, ret, rep->unit, -1)) {
		html(r, "<form method=\"post\" action=\"/chain/%s/%d/report\" class=\"chain-review\">", code, rep->year);
		form_csrf(r);
		html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", rep->version);
		html(r, "<fieldset><legend>%s</legend>", _("Review"));
		html(r, "<label>%s <textarea name=\"comment\" rows=\"3\" maxlength=\"4000\"></textarea></label>",
		     _("Comment (required to return)"));
		if (wf_may(&wf_report, t, &r->who, rep->state, accept, rep->unit, -1))
			html(r, "<button type=\"submit\" name=\"action\" value=\"accept\">%s</button> ", _("Accept"));
		html(r, "<button type=\"submit\" name=\"action\" value=\"return\">%s</button></fieldset></form>",
		     _("Return with the comment"));
	}
}

static void render_report(struct http_req *r, const struct chain_report *rep, const struct chain_period *p,
			  const char *msg)
{
	const struct tree *t = &r->snap->tree;
	int to = chain_report_to(t, rep->unit);
	char due[DATE_TEXT_LEN];

	page_begin(r, _("Report up the chain"), rep->unit);
	html(r, "<h1>%s <small>%s</small></h1>", arena_printf(&r->arena, _("The report of %s for %d"), t->units[rep->unit].name, rep->year),
	     arena_printf(&r->arena, _("to %s"), t->units[to].name));
	if (msg)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", msg);
	html(r, "<dl class=\"facts\"><dt>%s</dt><dd>", _("State"));
	state_badge(r, rep);
	html(r, "</dd><dt>%s</dt><dd>", _("Due"));
	if (p->has_due) {
		date_format_dmy(p->due, due);
		html(r, "%s", due);
	} else {
		html(r, "%s", _("no date set"));
	}
	html(r, "</dd>");
	if (rep->first_submitted_at)
		html(r, "<dt>%s</dt><dd>%s <span class=\"timeliness\">%s</span></dd>", _("First submitted"),
		     fmt_time(r, rep->first_submitted_at), timeliness(rep, p));
	if (rep->attachment_id && rep->nsteps) {
		long long step = 0;

		for (size_t i = 0; i < rep->nsteps; i++)
			if (rep->steps[i].attachment_id)
				step = rep->steps[i].id;
		html(r, "<dt>%s</dt><dd><a href=\"/chain/%s/%d/file/%lld\">%s</a>%s</dd>", _("File"), t->units[rep->unit].code,
		     rep->year, step, rep->filename ? rep->filename : "", rep->generated ? _(" (as generated)") : "");
	}
	if (rep->comment)
		html(r, "<dt>%s</dt><dd class=\"return-comment\"><q lang=\"vi\">%s</q></dd>", _("Returned with the comment"),
		     rep->comment);
	html(r, "</dl>");
	step_forms(r, rep);
	if (!wf_may(&wf_report, t, &r->who, rep->state, wf_action_find(&wf_report, "submit"), rep->unit, -1))
		narrative_text(r, rep);
	figures_table(r, rep->figures);
	report_history(r, rep->steps, rep->nsteps,
		       arena_printf(&r->arena, "/chain/%s/%d/file/", r->snap->tree.units[rep->unit].code, rep->year));
	page_end(r);
}

/* The report of the unit named by the first argument, for the year the
 * second names; ENOTFOUND for a unit that sends none. */
static enum gemis_err open_report(struct http_req *r, enum action need, struct db **db, struct chain_report *rep,
				  struct chain_period *p)
{
	const struct snapshot *s = http_snap(r);
	const char *yr = http_arg(r, 1);
	enum gemis_err err;
	long y;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), need, -1, &unit);
	if (err)
		return err;
	if (!yr || strlen(yr) != 4 || !text_parse_long(yr, 4, &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR ||
	    chain_report_to(&s->tree, unit) < 0)
		return GEMIS_ENOTFOUND;
	err = http_db(r, db);
	if (!err)
		err = chain_report_get(*db, &s->tree, unit, (int)y, &r->arena, rep, &r->err);
	if (!err)
		err = chain_period_of_report(*db, &s->tree, unit, (int)y, p, &r->err);
	return err;
}

enum gemis_err page_chain_report(struct http_req *r)
{
	struct chain_report rep;
	struct chain_period p;
	struct db *db;
	enum gemis_err err;

	err = open_report(r, ACT_READ, &db, &rep, &p);
	if (err)
		return err;
	render_report(r, &rep, &p, NULL);
	return GEMIS_OK;
}

/* A posted file, or NULL for an empty file input. */
static const struct http_file *posted_file(struct http_req *r, const char *field)
{
	const struct http_file *f = http_file(r, field);

	return f && (f->len > 0 || (f->filename && *f->filename)) ? f : NULL;
}

enum gemis_err page_chain_report_post(struct http_req *r)
{
	const char *act = http_param(r, "action"), *ver = http_param_or(r, "version", "0");
	const struct http_file *f = posted_file(r, "file");
	const char *sections[CHAIN_SECTION_COUNT];
	struct chain_report rep;
	struct chain_period p;
	struct db *db;
	enum gemis_err err;
	int a = act ? wf_action_find(&wf_report, act) : -1;
	long v = 0;

	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (err)
		return err;
	if (a < 0)
		return http_fail(r, GEMIS_EINVAL, "%s", _("the action must be save, submit, return or accept"));
	/* who may take the step is asked before anything else: the same 403
	 * whatever was posted and whatever the unit */
	if (!wf_permitted(&wf_report, &r->snap->tree, &r->who, a, unit, -1))
		return GEMIS_EPERM;
	err = open_report(r, ACT_READ, &db, &rep, &p);
	if (err)
		return err;
	text_parse_long(ver, strlen(ver), &v);
	for (int i = 0; i < CHAIN_SECTION_COUNT; i++)
		sections[i] = http_param(r, chain_sections[i].id);
	if (strcmp(act, "submit") == 0) {
		err = chain_submit(db, r->snap, &r->who, rep.unit, rep.year, v, sections, f ? f->filename : NULL,
				   f ? f->data : NULL, f ? f->len : 0, r->now, &r->err);
	} else {
		struct chain_step_in in;

		memset(&in, 0, sizeof(in));
		in.action = a;
		in.version = v;
		in.comment = http_param(r, "comment");
		memcpy(in.sections, sections, sizeof(sections));
		err = chain_report_act(db, &r->snap->tree, &r->who, rep.unit, rep.year, &in, r->now, &r->err);
	}
	if (!err)
		return http_redirect(r, arena_printf(&r->arena, "/chain/%s/%d/report", r->snap->tree.units[rep.unit].code,
						     rep.year));
	if (err != GEMIS_EINVAL && err != GEMIS_ECONFLICT && err != GEMIS_EFORMAT && err != GEMIS_ELIMIT)
		return err;
	/* the page again, as it stands, with why the step was refused */
	{
		const char *msg = arena_strdup(&r->arena, r->err.msg);
		struct chain_report now;
		struct errctx e = {0};

		if (chain_report_get(db, &r->snap->tree, rep.unit, rep.year, &r->arena, &now, &e) == GEMIS_OK)
			rep = now;
		render_report(r, &rep, &p, msg);
	}
	return http_keep_body(r, err);
}

enum gemis_err page_chain_file(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *sid = http_arg(r, 2);
	char name[256];
	struct buf data;
	struct db *db;
	enum att_kind kind;
	enum gemis_err err;
	long long att = 0;
	long id = 0;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (err)
		return err;
	if (!sid || !text_parse_long(sid, strlen(sid), &id) || id <= 0)
		return GEMIS_ENOTFOUND;
	err = http_db(r, &db);
	if (!err)
		err = chain_step_file(db, &s->tree, unit, id, &att, name, sizeof(name), &r->err);
	if (err)
		return err;
	buf_init(&data, ATTACHMENT_MAX_BYTES + 1);
	err = attachment_get(db, att, &kind, &data, &r->err);
	if (!err) {
		r->ctype = attachment_mime(kind);
		/* a plain name with the extension of what the file really is */
		http_set_header(r, "Content-Disposition",
				arena_printf(&r->arena, "attachment; filename=\"bao-cao-%s-%ld%s\"", s->tree.units[unit].code, id,
					     attachment_ext(kind)));
		http_set_header(r, "Cache-Control", "private, no-store");
		http_write(r, buf_str(&data), data.len);
	}
	buf_release(&data);
	return err;
}

/* On /chain: the unit's own report (a commune, a province) and those it
 * receives (a province, the nation).  p is the period of the unit's page:
 * the one it sets when it receives reports. */
static void reports_part(struct http_req *r, int unit, int year, const struct chain_period *p)
{
	const struct tree *t = &r->snap->tree;
	struct chain_report own, *rs = NULL;
	struct errctx e = {0};
	struct db *db;
	size_t n = 0;

	if (http_db(r, &db))
		return;
	if (chain_report_to(t, unit) >= 0 && chain_report_get(db, t, unit, year, &r->arena, &own, &e) == GEMIS_OK)
		own_summary(r, unit, year, &own);
	if (chain_receives(t, unit) && chain_reports_to(db, t, unit, year, &r->arena, &rs, &n, &e) == GEMIS_OK)
		received_table(r, unit, year, rs, n, p);
}

/* --- on the dashboard and the reporting page ---------------------------------- */

/* The unit's own report in a line: its state, when it is due, on time or
 * late, and why it came back. */
static void own_line(struct http_req *r, int unit, int year, const struct chain_report *rep,
		     const struct chain_period *p)
{
	const struct tree *t = &r->snap->tree;
	int to = chain_report_to(t, unit);
	char due[DATE_TEXT_LEN];

	html(r, "<p class=\"own-report\">%s ", arena_printf(&r->arena, _("The report of %s for %d to %s:"),
							     t->units[unit].name, year, t->units[to].name));
	state_badge(r, rep);
	if (p->has_due) {
		date_format_dmy(p->due, due);
		html(r, " · %s <span class=\"due\">%s</span>", _("due"), due);
	} else {
		html(r, " · %s", _("no date set"));
	}
	if (rep->first_submitted_at)
		html(r, " · <span class=\"timeliness\">%s</span>", timeliness(rep, p));
	html(r, " · <a href=\"/chain/%s/%d/report\">%s</a></p>", t->units[unit].code, year, _("Open the report"));
	if (rep->comment && wf_state_flags(&wf_report, rep->state) & WF_EDITABLE)
		html(r, "<p class=\"return-comment\">%s <q lang=\"vi\">%s</q></p>", _("Returned with the comment"),
		     rep->comment);
}

void chain_box(struct http_req *r, int unit, int year)
{
	const struct tree *t = &r->snap->tree;
	bool sends = chain_report_to(t, unit) >= 0, receives = chain_receives(t, unit);
	struct chain_report own;
	struct chain_period p;
	struct chain_counts c;
	struct errctx e = {0};
	struct db *db;

	if ((!sends && !receives) || http_db(r, &db))
		return;
	html(r, "<section class=\"work chain-box\"><h2>%s</h2>", _("Yearly reports up the chain"));
	if (sends && chain_report_get(db, t, unit, year, &r->arena, &own, &e) == GEMIS_OK &&
	    chain_period_of_report(db, t, unit, year, &p, &e) == GEMIS_OK)
		own_line(r, unit, year, &own, &p);
	if (receives && chain_count(db, t, unit, year, &c, &e) == GEMIS_OK)
		html(r, "<p class=\"chain-received\"><a href=\"/chain?unit=%s&amp;year=%d\">%s</a></p>", t->units[unit].code,
		     year,
		     arena_printf(&r->arena, _("Reports received from the units below: %u of %u submitted, %u accepted, %u late"),
				  c.submitted, c.expected, c.accepted, c.late));
	html(r, "</section>");
}
