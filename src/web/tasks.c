/*
 * tasks.c: the plan's tasks and the progress agencies record on them.
 *
 *   GET  /tasks?unit=&year=&agency=          a commune's tasks for the year with
 *                                            their status, what is late and
 *                                            what is due soon; for a province,
 *                                            its communes at a glance
 *   GET  /tasks/{unit}/{uid}?year=&agency=&period=
 *                                            one task: its agencies and time,
 *                                            each agency's status, the form
 *                                            to record progress, the history
 *   POST /tasks/{unit}/{uid}                 records progress (multipart, with
 *                                            up to two evidence files)
 *   GET  /tasks/{unit}/evidence/{id}         an evidence file, to a reader of
 *                                            the unit it was recorded in
 *
 * The dashboard shows tasks_box(): for a commune what is late and what is
 * due within the week (tasks and forms, per agency), for a reporter its
 * agency's tasks.  Rules (who may record, versions, locks, evidence) are
 * store/task_progress.h's; times core/tasks.h's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/deadline.h"
#include "core/workflow.h"
#include "report/duelist.h"
#include "report/reporting.h"
#include "store/attachments.h"
#include "store/task_progress.h"
#include "store/tasks.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

static const char *agency_label(struct http_req *r, const char *id)
{
	int k = agency_find(id);

	if (strcmp(id, "all") == 0)
		return _("every agency");
	if (k < 0)
		return id;
	return r->lang == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

static const char *period_name(struct http_req *r, period_t p)
{
	if (period_kind(p) == PERIOD_QUARTER)
		return arena_printf(&r->arena, _("quarter %d/%d"), period_index(p), period_year(p));
	return arena_printf(&r->arena, "%d", period_year(p));
}

static const char *day_text(struct http_req *r, struct date d)
{
	char s[DATE_TEXT_LEN];

	date_format_dmy(d, s);
	return arena_strdup(&r->arena, s);
}

static void status_chip(struct http_req *r, enum task_status st, enum task_alert al)
{
	html(r, "<span class=\"ts ts-%s\">%s</span>", task_status_id(st), task_status_name(st));
	if (al == TA_OVERDUE)
		html(r, " <span class=\"late\">%s</span>", _("overdue"));
	else if (al == TA_DUE_SOON)
		html(r, " <span class=\"soon\">%s</span>", _("due soon"));
}

/* "Trong năm 2026 · hạn 31/12/2026" */
static void time_cell(struct http_req *r, const struct task *x, int year)
{
	struct date due;

	if (x->timeframe)
		html(r, "<span lang=\"vi\">%s</span>", x->timeframe);
	else
		html(r, "–");
	if (task_due(&x->tt, period_year_code(year), &due))
		html(r, "<br><small>%s %s</small>", _("due"), day_text(r, due));
}

static void agencies_cell(struct http_req *r, const struct task *x)
{
	size_t k;

	for (k = 0; k < x->nlead; k++)
		html(r, "%s<strong>%s</strong>", k ? ", " : "", agency_label(r, x->lead[k]));
	for (k = 0; k < x->npartners; k++)
		html(r, "%s%s", k || x->nlead ? ", " : "", agency_label(r, x->partners[k]));
	if (!x->nlead && !x->npartners)
		html(r, "<span class=\"hint\">%s</span>", _("no agency named"));
}

/* The agency a reporter works for, else NULL. */
static const char *own_agency(struct http_req *r)
{
	return r->who.role == ROLE_REPORTER && r->who.agency >= 0 ? agency_kinds[r->who.agency].id : NULL;
}

static enum gemis_err load(struct http_req *r, int unit, int year, struct task_list *tl, struct task_recs *rs)
{
	struct db *db;
	enum gemis_err err = http_db(r, &db);

	memset(tl, 0, sizeof(*tl));
	memset(rs, 0, sizeof(*rs));
	if (!err)
		err = tasks_of_unit(db, &r->snap->tree, unit, tl, &r->err);
	if (!err)
		err = task_records(db, &r->snap->tree, unit, NULL, year, rs, &r->err);
	return err;
}

/* The status of x for the page: the agency's own when one is chosen. */
static enum task_status status_for(const struct task_recs *rs, const struct task *x, const char *agency,
				   int year)
{
	const struct task_rec *s;

	if (!agency)
		return task_overall(rs, x, year);
	s = task_state(rs, x, agency, year);
	return s ? s->status : TS_NOT_STARTED;
}

/* --- a commune's tasks ------------------------------------------------------ */

static void commune_tasks(struct http_req *r, int unit, int year, const char *agency)
{
	const struct unit *u = &r->snap->tree.units[unit];
	struct task_list tl;
	struct task_recs rs;
	size_t i, k, shown = 0;
	enum gemis_err err = load(r, unit, year, &tl, &rs);
	bool seen[64] = {false};

	if (err) {
		html(r, "<p class=\"error\">%s</p>", r->err.msg[0] ? r->err.msg : _("the tasks cannot be read"));
		goto out;
	}
	if (!tl.plan_id) {
		html(r, "<p>%s</p>", _("This unit has no plan in force: no forms are expected."));
		goto out;
	}
	/* the agencies the tasks name, to choose from */
	html(r, "<form method=\"get\" action=\"/tasks\" class=\"picker\"><input type=\"hidden\" name=\"unit\" value=\"%s\">"
		"<input type=\"hidden\" name=\"year\" value=\"%d\"><label>%s <select name=\"agency\"><option value=\"\">%s</option>",
	     u->code, year, _("Agency"), _("all"));
	for (i = 0; i < tl.n; i++) {
		for (k = 0; k < tl.t[i].nlead + tl.t[i].npartners; k++) {
			const char *id = k < tl.t[i].nlead ? tl.t[i].lead[k] : tl.t[i].partners[k - tl.t[i].nlead];
			int a = agency_find(id);

			if (a < 0 || a >= 64 || seen[a])
				continue;
			seen[a] = true;
		}
	}
	for (k = 0; k < agency_kind_count && k < 64; k++) {
		if (seen[k])
			html(r, "<option value=\"%s\"%s>%s</option>", agency_kinds[k].id,
			     agency && strcmp(agency, agency_kinds[k].id) == 0 ? " selected" : "",
			     agency_label(r, agency_kinds[k].id));
	}
	html(r, "</select></label> <button type=\"submit\">%s</button></form>", _("Show"));
	html(r, "<div class=\"scroll\"><table class=\"tasks\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("Task"), _("Agencies"), _("Time"), _("Status"));
	for (i = 0; i < tl.n; i++) {
		const struct task *x = &tl.t[i];
		enum task_status st;

		if (agency && task_role(x, agency) == 0)
			continue;
		st = status_for(&rs, x, agency, year);
		shown++;
		html(r, "<tr%s><td><a href=\"/tasks/%s/%s?year=%d%s%s\">%s <span lang=\"vi\">%s</span></a>%s</td><td>", x->parent >= 0 ? " class=\"sub\"" : "",
		     u->code, x->uid, year, agency ? "&agency=" : "", agency ? agency : "", task_label(&tl.mem, x),
		     x->title, x->duties ? _(" (duties)") : "");
		agencies_cell(r, x);
		html(r, "</td><td>");
		time_cell(r, x, year);
		html(r, "</td><td>");
		status_chip(r, st, task_alert(&x->tt, period_year_code(year), st, web_today(r), DUE_SOON_DAYS));
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table></div>");
	if (!shown)
		html(r, "<p>%s</p>", agency ? _("The plan in force gives this agency no task.") : _("The plan in force lists no task."));
out:
	task_recs_release(&rs);
	task_list_release(&tl);
}

/* --- an area's communes at a glance ------------------------------------------- */

struct glance {
	unsigned tasks, done, progress, notdone, overdue;
	bool plan;
};

static void glance_of(struct http_req *r, int unit, int year, struct glance *g)
{
	struct task_list tl;
	struct task_recs rs;
	size_t i;

	memset(g, 0, sizeof(*g));
	if (load(r, unit, year, &tl, &rs) == GEMIS_OK) {
		g->plan = tl.plan_id != 0;
		for (i = 0; i < tl.n; i++) {
			enum task_status st = task_overall(&rs, &tl.t[i], year);

			g->tasks++;
			g->done += st == TS_DONE;
			g->progress += st == TS_IN_PROGRESS;
			g->notdone += st == TS_NOT_DONE;
			g->overdue += task_alert(&tl.t[i].tt, period_year_code(year), st, web_today(r), 0) == TA_OVERDUE;
		}
	}
	task_recs_release(&rs);
	task_list_release(&tl);
}

static void area_tasks(struct http_req *r, int unit, int year)
{
	const struct tree *t = &r->snap->tree;
	int c;

	if (t->units[unit].level != LEVEL_PROVINCE) {
		html(r, "<p>%s</p><ul class=\"cols\">", _("Tasks belong to the plans of communes and wards: choose a province."));
		for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling)
			html(r, "<li><a href=\"/tasks?unit=%s&amp;year=%d\">%s</a></li>", t->units[c].code, year,
			     t->units[c].short_name);
		html(r, "</ul>");
		return;
	}
	html(r, "<div class=\"scroll\"><table><thead><tr><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
		"<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
	     _("Commune or ward"), _("Tasks"), _("done"), _("in progress"), _("could not be done"), _("overdue"));
	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling) {
		struct glance g;

		glance_of(r, c, year, &g);
		html(r, "<tr><td><a href=\"/tasks?unit=%s&amp;year=%d\">%s</a></td>", t->units[c].code, year,
		     t->units[c].short_name);
		if (!g.plan)
			html(r, "<td colspan=\"5\" class=\"hint\">%s</td></tr>", _("no plan in force"));
		else
			html(r, "<td class=\"num\">%u</td><td class=\"num\">%u</td><td class=\"num\">%u</td><td class=\"num\">%u</td>"
				"<td class=\"num%s\">%u</td></tr>",
			     g.tasks, g.done, g.progress, g.notdone, g.overdue ? " late" : "", g.overdue);
	}
	html(r, "</tbody></table></div>");
}

enum gemis_err page_tasks(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit"), *agency = http_param(r, "agency");
	int unit, year;
	enum gemis_err err;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	year = http_year_or_this(r);
	if (!agency)
		agency = own_agency(r);
	else if (!*agency || agency_find(agency) < 0)
		agency = NULL;
	page_begin(r, _("Tasks"), unit);
	html(r, "<div class=\"head\"><h1>%s <small>%s · %d</small></h1></div>", _("Tasks"), s->tree.units[unit].name,
	     year);
	if (s->tree.units[unit].first_child >= 0)
		area_tasks(r, unit, year);
	else
		commune_tasks(r, unit, year, agency);
	page_end(r);
	return GEMIS_OK;
}

/* --- one task ----------------------------------------------------------------- */

struct task_page {
	int unit, year;
	struct task_list tl;
	struct task_recs rs;      /* every year, this task */
	const struct task *x;
	const char *agency;       /* the form's agency, or NULL when who may record none */
	period_t period;          /* the form's period */
	const char **problems;    /* after a refused post */
	size_t nproblems;
	const char *top;
	bool top_ok;
};

static enum gemis_err task_open(struct http_req *r, struct task_page *tp)
{
	const struct snapshot *s = http_snap(r);
	const char *uid = http_arg(r, 1), *ag = http_param(r, "agency"), *per = http_param(r, "period");
	struct db *db;
	enum gemis_err err;
	size_t k;

	memset(tp, 0, sizeof(*tp));
	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &tp->unit);
	if (err)
		return err;
	tp->year = http_year_or_this(r);
	err = http_db(r, &db);
	if (!err)
		err = tasks_of_unit(db, &s->tree, tp->unit, &tp->tl, &r->err);
	if (!err)
		err = task_records(db, &s->tree, tp->unit, uid, 0, &tp->rs, &r->err);
	if (err)
		return err;
	tp->x = task_find(&tp->tl, uid);
	if (!tp->x)
		return GEMIS_ENOTFOUND;
	/* the agency of the form: the one asked for, the reporter's own, else
	 * the first of the task's agencies the account may record for */
	if (ag && agency_find(ag) >= 0 && task_role(tp->x, ag) && http_can(r, ACT_ENTER, tp->unit, agency_find(ag)))
		tp->agency = agency_kinds[agency_find(ag)].id;
	else if (own_agency(r) && task_role(tp->x, own_agency(r)) && http_can(r, ACT_ENTER, tp->unit, r->who.agency))
		tp->agency = own_agency(r);
	for (k = 0; !tp->agency && k < agency_kind_count; k++) {
		if (task_role(tp->x, agency_kinds[k].id) && http_can(r, ACT_ENTER, tp->unit, (int)k))
			tp->agency = agency_kinds[k].id;
	}
	tp->period = period_year_code(tp->year);
	if (per && period_parse(per, strlen(per), &tp->period) &&
	    (period_year(tp->period) != tp->year || period_kind(tp->period) == PERIOD_MONTH))
		tp->period = period_year_code(tp->year);
	return GEMIS_OK;
}

static void task_close(struct task_page *tp)
{
	task_recs_release(&tp->rs);
	task_list_release(&tp->tl);
}

/* The id of the latest record of (agency, period), 0 when none. */
static long long version_of(const struct task_page *tp)
{
	long long v = 0;
	size_t i;

	for (i = 0; tp->agency && i < tp->rs.n; i++) {
		if (strcmp(tp->rs.r[i].agency_id, tp->agency) == 0 && tp->rs.r[i].period == tp->period)
			v = tp->rs.r[i].id;
	}
	return v;
}

static void files_list(struct http_req *r, const struct task_page *tp, const struct task_rec *rec)
{
	size_t f;

	for (f = 0; f < rec->nfiles; f++)
		html(r, "%s<a href=\"/tasks/%s/evidence/%lld\">%s</a> <small>(%s, %lld kB)</small>", f ? "<br>" : "",
		     r->snap->tree.units[tp->unit].code, rec->files[f].id, rec->files[f].name,
		     attachment_kind_id(rec->files[f].kind), (rec->files[f].size + 1023) / 1024);
}

static void states_table(struct http_req *r, const struct task_page *tp)
{
	const struct task *x = tp->x;
	size_t k, n = x->nlead + x->npartners;

	html(r, "<h2>%s %d</h2><div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("Progress in"), tp->year, _("Agency"), _("Status"), _("What was done"), _("Recorded"));
	for (k = 0; k < n; k++) {
		const char *id = k < x->nlead ? x->lead[k] : x->partners[k - x->nlead];
		const struct task_rec *s;
		enum task_status st;

		if (strcmp(id, "all") == 0)
			continue;
		s = task_state(&tp->rs, x, id, tp->year);
		st = s ? s->status : TS_NOT_STARTED;
		html(r, "<tr><td>%s%s</td><td>", agency_label(r, id), k < x->nlead ? "" : _(" (partner)"));
		status_chip(r, st, k < x->nlead ? task_alert(&x->tt, period_year_code(tp->year), st, web_today(r), DUE_SOON_DAYS)
						: TA_NONE);
		html(r, "</td><td>");
		if (s && s->reason)
			html(r, "<p><strong>%s:</strong> <span lang=\"vi\">%s</span></p>", _("Why not"), s->reason);
		if (s && s->note)
			html(r, "<p lang=\"vi\">%s</p>", s->note);
		if (s)
			files_list(r, tp, s);
		html(r, "</td><td>%s</td></tr>", s ? arena_printf(&r->arena, "%s · %s · %s", period_name(r, s->period), s->by, fmt_time(r, s->at)) : "–");
	}
	/* a task led by every agency: those that recorded anything */
	for (k = 0; k < tp->rs.n; k++) {
		const struct task_rec *rec = &tp->rs.r[k];
		size_t j;
		bool listed = false;

		for (j = 0; j < n; j++)
			listed |= strcmp(j < x->nlead ? x->lead[j] : x->partners[j - x->nlead], rec->agency_id) == 0;
		for (j = 0; j < k; j++)
			listed |= strcmp(tp->rs.r[j].agency_id, rec->agency_id) == 0;
		if (listed || period_year(rec->period) != tp->year)
			continue;
		rec = task_state(&tp->rs, x, rec->agency_id, tp->year);
		if (!rec)
			continue;
		html(r, "<tr><td>%s</td><td>", agency_label(r, rec->agency_id));
		status_chip(r, rec->status, TA_NONE);
		html(r, "</td><td><span lang=\"vi\">%s</span>", rec->note ? rec->note : "");
		files_list(r, tp, rec);
		html(r, "</td><td>%s · %s</td></tr>", rec->by, fmt_time(r, rec->at));
	}
	html(r, "</tbody></table></div>");
}

static void record_form(struct http_req *r, const struct task_page *tp)
{
	const struct unit *u = &r->snap->tree.units[tp->unit];
	const struct task *x = tp->x;
	const char *typed_note = r->method == HTTP_POST ? http_param(r, "note") : NULL;
	const char *typed_reason = r->method == HTTP_POST ? http_param(r, "reason") : NULL;
	const struct task_rec *cur = NULL;
	size_t i, k;
	int q;

	if (!tp->agency)
		return;
	for (i = 0; i < tp->rs.n; i++) {
		if (strcmp(tp->rs.r[i].agency_id, tp->agency) == 0 && tp->rs.r[i].period == tp->period)
			cur = &tp->rs.r[i];
	}
	html(r, "<section class=\"record\"><h2>%s</h2>", _("Record progress"));
	/* the agency and the period the record is for: links, so that the
	 * form always carries the version of what it changes */
	html(r, "<p class=\"choose\">%s ", _("For"));
	for (k = 0; k < agency_kind_count; k++) {
		if (!task_role(x, agency_kinds[k].id) || !http_can(r, ACT_ENTER, tp->unit, (int)k))
			continue;
		if (strcmp(agency_kinds[k].id, tp->agency) == 0)
			html(r, "<strong>%s</strong> ", agency_label(r, agency_kinds[k].id));
		else if (r->who.role != ROLE_REPORTER)
			html(r, "<a href=\"/tasks/%s/%s?year=%d&amp;agency=%s\">%s</a> ", u->code, x->uid, tp->year,
			     agency_kinds[k].id, agency_label(r, agency_kinds[k].id));
	}
	html(r, "· ");
	for (q = 0; q <= 4; q++) {
		period_t p = q ? period_quarter(tp->year, q) : period_year_code(tp->year);
		char ps[16];

		period_format(p, ps, sizeof(ps));
		if (p == tp->period)
			html(r, "<strong>%s</strong> ", period_name(r, p));
		else
			html(r, "<a href=\"/tasks/%s/%s?year=%d&amp;agency=%s&amp;period=%s\">%s</a> ", u->code, x->uid,
			     tp->year, tp->agency, ps, period_name(r, p));
	}
	html(r, "</p>");
	{
		char ps[16];

		period_format(tp->period, ps, sizeof(ps));
		/* data-offline: the page of this agency and period, where a kept
		 * entry is sent from (web/static/offline.js) */
		html(r, "<form method=\"post\" action=\"/tasks/%s/%s\" enctype=\"multipart/form-data\" class=\"stack task-form\""
			" data-offline=\"/tasks/%s/%s?year=%d&amp;agency=%s&amp;period=%s\">",
		     u->code, x->uid, u->code, x->uid, tp->year, tp->agency, ps);
		form_csrf(r);
		html(r, "<input type=\"hidden\" name=\"agency\" value=\"%s\"><input type=\"hidden\" name=\"period\" value=\"%s\">"
			"<input type=\"hidden\" name=\"version\" value=\"%lld\"><input type=\"hidden\" name=\"year\" value=\"%d\">",
		     tp->agency, ps, version_of(tp), tp->year);
	}
	html(r, "<fieldset class=\"statuses\"><legend>%s</legend>", _("Status"));
	for (k = 0; k < TS_COUNT; k++) {
		const char *posted = r->method == HTTP_POST ? http_param(r, "status") : NULL;
		bool on = posted ? strcmp(posted, task_status_id((enum task_status)k)) == 0
				 : (cur ? cur->status == (enum task_status)k : k == TS_IN_PROGRESS);

		html(r, "<label><input type=\"radio\" name=\"status\" value=\"%s\"%s> %s</label>",
		     task_status_id((enum task_status)k), on ? " checked" : "", task_status_name((enum task_status)k));
	}
	html(r, "</fieldset>");
	html(r, "<label>%s <textarea name=\"note\" rows=\"3\" maxlength=\"%d\">%s</textarea></label>",
	     _("What was done"), TASK_NOTE_MAX, typed_note ? typed_note : cur && cur->note ? cur->note : "");
	html(r, "<label>%s <textarea name=\"reason\" rows=\"2\" maxlength=\"%d\">%s</textarea></label>",
	     _("Why it could not be done (needed for that status)"), TASK_REASON_MAX,
	     typed_reason ? typed_reason : cur && cur->reason ? cur->reason : "");
	html(r, "<label>%s <input type=\"file\" name=\"evidence1\" accept=\"image/jpeg,image/png,.pdf,.docx,.xlsx\"></label>"
		"<label>%s <input type=\"file\" name=\"evidence2\" accept=\"image/jpeg,image/png,.pdf,.docx,.xlsx\"></label>",
	     _("Evidence (photo, PDF, DOCX, XLSX; up to 8 MB)"), _("Another file"));
	html(r, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form></section>", _("Save"));
}

static void history(struct http_req *r, const struct task_page *tp)
{
	size_t i;

	if (!tp->rs.n)
		return;
	html(r, "<section><h2>%s</h2><ol class=\"history\" reversed>", _("History"));
	for (i = tp->rs.n; i-- > 0;) {
		const struct task_rec *rec = &tp->rs.r[i];

		html(r, "<li>%s · %s · %s · %s: ", fmt_time(r, rec->at), rec->by, agency_label(r, rec->agency_id),
		     period_name(r, rec->period));
		status_chip(r, rec->status, TA_NONE);
		if (rec->reason)
			html(r, " · %s: <q lang=\"vi\">%s</q>", _("Why not"), rec->reason);
		if (rec->note)
			html(r, " · <q lang=\"vi\">%s</q>", rec->note);
		if (rec->nfiles) {
			html(r, " · ");
			files_list(r, tp, rec);
		}
		html(r, "</li>");
	}
	html(r, "</ol></section>");
}

static void render_task(struct http_req *r, struct task_page *tp)
{
	const struct unit *u = &r->snap->tree.units[tp->unit];
	const struct task *x = tp->x;
	const char *label = task_label(&tp->tl.mem, x);
	bool locked = false;
	size_t i;

	page_begin(r, arena_printf(&r->arena, "%s %s · %s", _("Task"), label, u->short_name), tp->unit);
	html(r, "<nav class=\"crumbs\"><a href=\"/tasks?unit=%s&amp;year=%d\">%s</a> › %s</nav>", u->code, tp->year,
	     _("Tasks"), u->name);
	html(r, "<h1>%s %s <small lang=\"vi\">%s</small></h1>", _("Task"), label, x->title);
	if (tp->top)
		html(r, "<p class=\"%s\" role=\"%s\">%s</p>", tp->top_ok ? "ok" : "error", tp->top_ok ? "status" : "alert",
		     tp->top);
	for (i = 0; i < tp->nproblems; i++)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", tp->problems[i]);
	html(r, "<dl class=\"facts\"><dt>%s</dt><dd>", _("Agencies"));
	agencies_cell(r, x);
	html(r, "</dd><dt>%s</dt><dd>", _("Time"));
	time_cell(r, x, tp->year);
	html(r, "</dd>");
	if (*x->indicators) {
		const char *p = x->indicators;

		html(r, "<dt>%s</dt><dd><ul>", _("Serves the indicators"));
		while (*p) {
			size_t n = strcspn(p, ",");
			char id[64];
			int k;

			snprintf(id, sizeof(id), "%.*s", (int)(n < sizeof(id) - 1 ? n : sizeof(id) - 1), p);
			k = catalog_find(id);
			if (k >= 0)
				html(r, "<li><a href=\"/indicator/%s?unit=%s&amp;year=%d\">%s</a></li>", id, u->code, tp->year,
				     indicator_name(&catalog[k], r->lang));
			p += n + (p[n] == ',');
		}
		html(r, "</ul></dd>");
	}
	html(r, "</dl>");
	if (*x->body)
		html(r, "<details><summary>%s</summary><p class=\"task-text\" lang=\"vi\">%s</p></details>", _("The plan's text"), x->body);
	states_table(r, tp);
	if (tp->agency) {
		struct db *db;

		if (!http_db(r, &db))
			task_year_locked(db, &r->snap->tree, tp->unit, tp->agency, tp->year, &locked, NULL);
		if (locked)
			html(r, "<p class=\"hint\">%s</p>",
			     _("The results of this year went up with the agency's approved form: they are locked until the focal point reopens it."));
		else
			record_form(r, tp);
	}
	history(r, tp);
	page_end(r);
}

enum gemis_err page_task(struct http_req *r)
{
	struct task_page tp;
	enum gemis_err err = task_open(r, &tp);

	if (!err) {
		if (http_param(r, "done")) {
			tp.top_ok = true;
			tp.top = _("Saved.");
		}
		render_task(r, &tp);
	}
	task_close(&tp);
	return err;
}

/* A posted file, or NULL for an empty file input. */
static const struct http_file *posted_file(struct http_req *r, const char *field)
{
	const struct http_file *f = http_file(r, field);

	return f && (f->len > 0 || (f->filename && *f->filename)) ? f : NULL;
}

enum gemis_err page_task_post(struct http_req *r)
{
	struct task_page tp;
	struct task_update u;
	struct task_file_in files[2];
	struct diags d;
	struct db *db;
	const char *ag = http_param(r, "agency"), *per = http_param(r, "period"), *ver = http_param_or(r, "version", "0");
	const char *st = http_param(r, "status");
	long long id = 0;
	long v = 0;
	enum gemis_err err;
	int k;

	/* who may record for this agency of this unit is asked first, as for
	 * forms: the same 403 whether or not the task exists */
	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_ENTER, ag ? agency_find(ag) : -1, &k);
	if (!err && (!ag || agency_find(ag) < 0))
		err = http_fail(r, GEMIS_EINVAL, "%s", _("choose the agency the progress is for"));
	if (err)
		return err;
	err = task_open(r, &tp);
	if (err) {
		task_close(&tp);
		return err;
	}
	memset(&u, 0, sizeof(u));
	diags_init(&d, 50);
	u.uid = tp.x->uid;
	u.agency = ag ? agency_find(ag) : -1;
	u.status = (enum task_status)(st && task_status_parse(st) >= 0 ? task_status_parse(st) : TS_COUNT);
	u.reason = http_param(r, "reason");
	u.note = http_param(r, "note");
	text_parse_long(ver, strlen(ver), &v);
	u.version = v;
	if (!per || !period_parse(per, strlen(per), &u.period))
		u.period = period_year_code(tp.year);
	for (k = 1; k <= 2; k++) {
		const struct http_file *f = posted_file(r, k == 1 ? "evidence1" : "evidence2");

		if (f) {
			files[u.nfiles].name = f->filename;
			files[u.nfiles].data = f->data;
			files[u.nfiles].len = f->len;
			u.nfiles++;
		}
	}
	u.files = files;
	err = http_db(r, &db);
	if (!err)
		err = task_record(db, &r->snap->tree, &r->who, tp.unit, &u, r->now, &d, &id, &r->err);
	if (!err) {
		char ps[16];

		period_format(u.period, ps, sizeof(ps));
		err = http_redirect(r, arena_printf(&r->arena, "/tasks/%s/%s?year=%d&agency=%s&period=%s&done=1",
						    r->snap->tree.units[tp.unit].code, tp.x->uid, period_year(u.period),
						    agency_kinds[u.agency].id, ps));
		goto out;
	}
	if (err != GEMIS_EINVAL && err != GEMIS_ECONFLICT)
		goto out;
	/* the page again, with what was typed and why it was refused */
	tp.agency = agency_kinds[u.agency].id;
	tp.period = u.period;
	tp.top = r->err.msg[0] ? r->err.msg : NULL;
	tp.problems = arena_alloc(&r->arena, (d.n + 1) * sizeof(*tp.problems));
	for (size_t i = 0; tp.problems && i < d.n; i++)
		tp.problems[tp.nproblems++] = arena_strdup(&r->arena, d.d[i].msg);
	render_task(r, &tp);
	err = http_keep_body(r, err);
out:
	diags_release(&d);
	task_close(&tp);
	return err;
}

/* --- evidence files ------------------------------------------------------------ */

enum gemis_err page_task_evidence(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *sid = http_arg(r, 1);
	char name[256];
	struct buf data;
	struct db *db;
	enum att_kind kind;
	enum gemis_err err;
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
		err = task_evidence_in_unit(db, &s->tree, unit, id, name, sizeof(name), &r->err);
	if (err)
		return err;
	buf_init(&data, ATTACHMENT_MAX_BYTES + 1);
	err = attachment_get(db, id, &kind, &data, &r->err);
	if (!err) {
		r->ctype = attachment_mime(kind);
		/* the name people gave it stays on the page; the download gets a
		 * plain one with the extension of what the file really is */
		http_set_header(r, "Content-Disposition",
				arena_printf(&r->arena, "attachment; filename=\"evidence-%ld%s\"", id, attachment_ext(kind)));
		http_set_header(r, "Cache-Control", "private, no-store");
		http_write(r, buf_str(&data), data.len);
	}
	buf_release(&data);
	return err;
}

/* --- the dashboard's box ----------------------------------------------------------- */

/* An ad hoc request the unit has to answer, as a line of the box. */
static void adhoc_line(struct http_req *r, const struct unit *u, const struct due_item *it, const char *cls)
{
	html(r, "<li class=\"%s adhoc\"><a href=\"/adhoc/%s/%lld\">%s: <span lang=\"vi\">%s</span></a> · %s",
	     cls, u->code, it->request, _("Ad hoc request"), it->title, wf_state_name(&wf_report, it->state));
	html(r, " · %s %s%s</li>", _("due"), day_text(r, it->due),
	     it->alert == TA_OVERDUE ? arena_printf(&r->arena, " · %s", _("overdue")) : "");
}

/* The unit's yearly report to the unit above, as a line of the box. */
static void chain_line(struct http_req *r, const struct unit *u, const struct due_item *it, const char *cls,
		       int year)
{
	const struct tree *t = &r->snap->tree;

	html(r, "<li class=\"%s chain\"><a href=\"/chain/%s/%d/report\">%s</a> · %s", cls, u->code, year,
	     t->units[it->to].level == LEVEL_NATION
		     ? _("Yearly report to the ministry")
		     : arena_printf(&r->arena, _("Yearly report to %s"), t->units[it->to].name),
	     it->state ? wf_state_name(&wf_report, it->state) : _("not started"));
	html(r, " · %s %s%s</li>", _("due"), day_text(r, it->due),
	     it->alert == TA_OVERDUE ? arena_printf(&r->arena, " · %s", _("overdue")) : "");
}

/* A province's box: its yearly report to the ministry and the ad hoc
 * requests it has to answer. */
static void requests_box(struct http_req *r, const struct unit *u, const struct due_list *dl, int year)
{
	size_t i;

	if (!dl->n)
		return;
	html(r, "<section class=\"work\"><h2>%s</h2><ul class=\"due\">", _("Requests to answer"));
	for (i = 0; i < dl->n; i++) {
		const struct due_item *it = &dl->v[i];
		const char *cls = it->alert == TA_OVERDUE ? "late" : it->alert == TA_DUE_SOON ? "soon" : "";

		if (it->kind == DUE_CHAIN_REPORT)
			chain_line(r, u, it, cls, year);
		else
			adhoc_line(r, u, it, cls);
	}
	html(r, "</ul></section>");
}

void tasks_box(struct http_req *r, int unit, int year)
{
	const struct unit *u = &r->snap->tree.units[unit];
	const char *mine = own_agency(r);
	struct due_list dl;
	size_t i, late = 0, soon = 0;
	struct db *db;

	memset(&dl, 0, sizeof(dl));
	if (http_db(r, &db) ||
	    due_list_load(db, &r->snap->tree, unit, year, web_today(r), reporting_judged_at(r), DUE_SOON_DAYS, mine,
			  &dl, &r->err) != GEMIS_OK) {
		due_list_release(&dl);
		return;
	}
	if (u->first_child >= 0) {
		requests_box(r, u, &dl, year);
		due_list_release(&dl);
		return;
	}
	html(r, "<section class=\"work\"><h2>%s</h2>", mine ? _("Your agency's tasks") : _("Due this week and late"));
	html(r, "<ul class=\"due\">");
	for (i = 0; i < dl.n; i++) {
		const struct due_item *it = &dl.v[i];
		const char *cls = it->alert == TA_OVERDUE ? "late" : it->alert == TA_DUE_SOON ? "soon" : "";

		late += it->alert == TA_OVERDUE;
		soon += it->alert == TA_DUE_SOON;
		if (it->kind == DUE_ADHOC) {
			adhoc_line(r, u, it, cls);
			continue;
		}
		if (it->kind == DUE_CHAIN_REPORT) {
			chain_line(r, u, it, cls, year);
			continue;
		}
		if (it->kind == DUE_RECOMMENDATION) {
			html(r, "<li class=\"%s\"><a href=\"/inspections/%s/%lld\">%s</a> · %s · %s %s%s</li>", cls, u->code,
			     it->rec->inspection_id, _("Inspection's recommendation"), agency_label(r, it->agency), _("due"),
			     day_text(r, it->due), it->alert == TA_OVERDUE ? arena_printf(&r->arena, " · %s", _("overdue")) : "");
			continue;
		}
		if (it->kind == DUE_COMPLAINT) {
			html(r, "<li class=\"%s\"><a href=\"/complaints/%s/%s\">%s</a> · %s · %s %s%s</li>", cls, u->code,
			     it->cmp->code, cmp_kind_label(it->cmp->kind), agency_label(r, it->agency), _("due"),
			     day_text(r, it->due), it->alert == TA_OVERDUE ? arena_printf(&r->arena, " · %s", _("overdue")) : "");
			continue;
		}
		if (it->kind == DUE_FORM) {
			html(r, "<li class=\"%s\"><a href=\"/entry/%s/%s/%d\">%s</a> · %s · %s %s%s</li>", cls, u->code,
			     it->agency, year, _("Form"), agency_label(r, it->agency), _("due"), day_text(r, it->due),
			     it->alert == TA_OVERDUE ? arena_printf(&r->arena, " · %s", _("overdue")) : "");
			continue;
		}
		html(r, "<li class=\"%s\"><a href=\"/tasks/%s/%s?year=%d&amp;agency=%s\">%s <span lang=\"vi\">%s</span></a> · %s · ",
		     cls, u->code, it->task->uid, year, it->agency, task_label(&dl.tasks.mem, it->task), it->task->title,
		     agency_label(r, it->agency));
		status_chip(r, it->status, it->alert);
		if (it->has_due)
			html(r, " · %s %s", _("due"), day_text(r, it->due));
		html(r, "</li>");
	}
	html(r, "</ul>");
	if (!late && !soon && !mine)
		html(r, "<p>%s</p>", _("Nothing is late and nothing falls due this week."));
	else if (!late && !soon && dl.tasks.n == 0)
		html(r, "<p>%s</p>", _("The plan in force lists no task."));
	html(r, "<p><a href=\"/tasks?unit=%s&amp;year=%d\">%s</a></p></section>", u->code, year, _("Every task"));
	due_list_release(&dl);
}
