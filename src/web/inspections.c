/*
 * inspections.c: inspections and supervision of a commune on the web
 * (store/inspections.h; the rules core/oversight.h, who may do what
 * core/access.h).
 *
 *   GET  /inspections?unit=&year=              a commune's inspection plan of
 *                                              the year (and a form to add
 *                                              one); a province's or the
 *                                              nation's communes at a glance
 *   POST /inspections                          a new inspection
 *   GET  /inspections/{unit}/{id}              one inspection: its findings,
 *                                              its recommendations and their
 *                                              follow-up
 *   POST /inspections/{unit}/{id}              its fields (on a version)
 *   POST /inspections/{unit}/{id}/recommendations   a recommendation issued
 *   POST /recommendations/{unit}/{id}          a step of its follow-up
 *                                              (follow_up, reject, close)
 *
 * Overdue recommendations also show on the dashboard (report/duelist.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/date.h"
#include "core/oversight.h"
#include "core/workflow.h"
#include "store/inspections.h"
#include "util/buf.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

static void body_options(struct http_req *r, int unit, int cur)
{
	int b;

	for (b = 0; b < IB_COUNT; b++) {
		if (!access_inspection_body(&r->snap->tree, &r->who, unit, b) && b != cur)
			continue;
		html(r, "<option value=\"%s\"%s>%s</option>", insp_body_id((enum insp_body)b), b == cur ? " selected" : "",
		     insp_body_name((enum insp_body)b));
	}
}

static void agency_options(struct http_req *r, int cur, bool none)
{
	size_t k;

	if (none)
		html(r, "<option value=\"\">%s</option>", _("(a village or other: say which below)"));
	for (k = 0; k < agency_kind_count; k++)
		html(r, "<option value=\"%s\"%s>%s</option>", agency_kinds[k].id, (int)k == cur ? " selected" : "",
		     web_agency_name(r, (int)k));
}

/* The fields of an inspection, for a new one (x NULL) or a change. */
static void insp_form(struct http_req *r, int unit, int year, const struct inspection *x)
{
	const char *code = r->snap->tree.units[unit].code;

	if (x)
		html(r, "<form method=\"post\" action=\"/inspections/%s/%lld\" class=\"stack\">"
			"<input type=\"hidden\" name=\"version\" value=\"%lld\">", code, x->id, x->version);
	else
		html(r, "<form method=\"post\" action=\"/inspections\" class=\"stack\">"
			"<input type=\"hidden\" name=\"unit\" value=\"%s\"><input type=\"hidden\" name=\"year\" value=\"%d\">",
		     code, year);
	form_csrf(r);
	html(r, "<label>%s <select name=\"body\">", _("Who inspects"));
	body_options(r, unit, x ? x->f.body : -1);
	html(r, "</select></label><label>%s <select name=\"agency\">", _("Agency inspected"));
	agency_options(r, x ? x->f.agency : -1, true);
	html(r, "</select></label><label>%s <input name=\"subject\" required maxlength=\"%d\" value=\"%s\" lang=\"vi\"></label>"
		"<label>%s <input type=\"date\" name=\"from\" required value=\"%s\"></label>"
		"<label>%s <input type=\"date\" name=\"to\" required value=\"%s\"></label>",
	     _("What is inspected (the agency's work, a village)"), INSP_SUBJECT_MAX, x ? x->f.subject : "",
	     _("Planned from"), x ? web_iso_day(r, x->f.from) : "", _("Planned to"), x ? web_iso_day(r, x->f.to) : "");
	if (x)
		html(r, "<label>%s <input type=\"date\" name=\"held_on\" value=\"%s\"></label>"
			"<label>%s <textarea name=\"findings\" rows=\"5\" maxlength=\"%d\" lang=\"vi\">%s</textarea></label>",
		     _("Held on"), x->f.held ? web_iso_day(r, x->f.held_on) : "", _("Inspection findings"), INSP_FINDINGS_MAX,
		     x->f.findings ? x->f.findings : "");
	html(r, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
	     x ? _("Save the inspection") : _("Add to the plan"));
}

static void recs_cell(struct http_req *r, const struct inspection *x)
{
	size_t k, closed = 0, late = 0;

	for (k = 0; k < x->nrecs; k++) {
		closed += x->recs[k].state == REC_CLOSED;
		late += rec_overdue(x->recs[k].state, x->recs[k].due, web_today(r));
	}
	html(r, "<td class=\"num\">%zu / %zu</td><td class=\"num%s\">%zu</td>", closed, x->nrecs, late ? " late" : "", late);
}

static void plan_table(struct http_req *r, const struct inspection *v, size_t n, bool area)
{
	const struct tree *t = &r->snap->tree;
	size_t i;

	if (!n) {
		html(r, "<p>%s</p>", _("No inspection planned for this year yet."));
		return;
	}
	html(r, "<div class=\"scroll\"><table class=\"inspections\"><thead><tr>");
	if (area)
		html(r, "<th>%s</th>", _("Unit"));
	html(r, "<th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
	     _("Planned"), _("Who inspects"),
	     _("What is inspected"), _("Held on"), _("Inspection findings"), _("Recommendations closed"), _("Overdue"));
	for (i = 0; i < n; i++) {
		const struct inspection *x = &v[i];
		const char *code = t->units[x->unit].code;

		html(r, "<tr>");
		if (area)
			html(r, "<td>%s</td>", t->units[x->unit].short_name);
		html(r, "<td>%s – %s</td><td>%s</td><td><a href=\"/inspections/%s/%lld\" lang=\"vi\">%s</a>%s%s</td><td>%s</td>"
			"<td>%s</td>",
		     web_day(r, x->f.from), web_day(r, x->f.to), insp_body_name((enum insp_body)x->f.body), code, x->id,
		     x->f.subject, x->f.agency >= 0 ? " · " : "", x->f.agency >= 0 ? web_agency_name(r, x->f.agency) : "",
		     x->f.held ? web_day(r, x->f.held_on) : _("not held yet"),
		     x->f.findings && *x->f.findings ? _("recorded") : "–");
		recs_cell(r, x);
		html(r, "</tr>");
	}
	html(r, "</tbody></table></div>");
}

static void sum_figures(struct http_req *r, const struct insp_sum *s)
{
	html(r, "<ul class=\"figures\"><li><strong>%u</strong> %s</li><li><strong>%u</strong> %s</li>"
		"<li><strong>%u</strong> %s</li><li><strong>%u</strong> %s</li><li class=\"%s\"><strong>%u</strong> %s</li></ul>",
	     s->planned, _("inspections planned"), s->held, _("held"), s->recs, _("recommendations"), s->recs_closed,
	     _("closed"), s->recs_overdue ? "late" : "", s->recs_overdue, _("overdue"));
}

static enum gemis_err render_plan(struct http_req *r, int unit, int year, const char *top)
{
	struct arena mem;
	struct inspection *v = NULL;
	struct insp_sum s;
	struct db *db;
	size_t n = 0;
	bool commune = r->snap->tree.units[unit].first_child < 0;
	enum gemis_err err = http_db(r, &db);

	arena_init(&mem, 0);
	if (!err)
		err = inspections_list(db, &r->snap->tree, unit, year, &mem, &v, &n, &r->err);
	if (err) {
		arena_release(&mem);
		return err;
	}
	inspections_sum(&r->snap->tree, unit, v, n, web_today(r), &s);
	page_begin(r, _("Inspections"), unit);
	html(r, "<div class=\"head\"><h1>%s <small>%s · %d</small></h1></div>", _("Inspection and supervision"),
	     r->snap->tree.units[unit].name, year);
	if (top)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", top);
	sum_figures(r, &s);
	if (!commune)
		html(r, "<p>%s</p>", arena_printf(&r->arena, _("%u of the %u communes and wards held an inspection."),
						   s.communes_inspected, s.communes));
	plan_table(r, v, n, !commune);
	if (commune && http_can(r, ACT_INSPECT, unit, -1)) {
		html(r, "<section><h2>%s</h2>", _("Add an inspection to the plan"));
		insp_form(r, unit, year, NULL);
		html(r, "</section>");
	}
	page_end(r);
	arena_release(&mem);
	return GEMIS_OK;
}

enum gemis_err page_inspections(struct http_req *r)
{
	enum gemis_err err;
	int unit, year;

	err = http_list_scope(r, ACT_READ, &unit, &year);
	return err ? err : render_plan(r, unit, year, http_param(r, "done") ? _("Saved.") : NULL);
}

/* The posted fields of an inspection into x; problems to d. */
static void read_posted(struct http_req *r, struct inspection *x, struct diags *d)
{
	const char *body = http_param_or(r, "body", ""), *ag = http_param_or(r, "agency", "");
	const char *held = http_param_or(r, "held_on", "");

	x->f.body = insp_body_parse(body);
	x->f.agency = *ag ? agency_find(ag) : -1;
	if (*ag && x->f.agency < 0)
		diags_add(d, 0, "agency", _("unknown agency '%s'"), ag);
	x->f.subject = http_param_or(r, "subject", "");
	x->f.from = web_posted_day(r, "from");
	x->f.to = web_posted_day(r, "to");
	x->f.held = *held != '\0';
	x->f.held_on = web_posted_day(r, "held_on");
	if (x->f.held && !date_valid(x->f.held_on))
		diags_add(d, 0, "held_on", "%s", _("not a date (YYYY-MM-DD)"));
	x->f.findings = http_param_or(r, "findings", "");
}

static enum gemis_err save_posted(struct http_req *r, struct inspection *x)
{
	struct diags d;
	struct db *db;
	enum gemis_err err;

	diags_init(&d, 30);
	read_posted(r, x, &d);
	err = http_db(r, &db);
	if (!err && d.total == 0)
		err = inspection_save(db, &r->snap->tree, &r->who, x, web_today(r), r->now, &d, &r->err);
	else if (!err)
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the inspection was not saved"));
	err = web_refuse(r, err, &d);
	diags_release(&d);
	return web_record_changed(r, err, "/inspections", x->unit, x->id, 0);
}

enum gemis_err page_inspection_add(struct http_req *r)
{
	const char *yr = http_param_or(r, "year", "");
	struct inspection x;
	enum gemis_err err;
	long y = 0;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_param(r, "unit"), ACT_INSPECT, -1, &unit);
	if (err)
		return err;
	if (!text_parse_long(yr, strlen(yr), &y))
		return http_fail(r, GEMIS_EINVAL, "%s", _("year: not a year"));
	memset(&x, 0, sizeof(x));
	x.unit = unit;
	x.f.year = (int)y;
	return save_posted(r, &x);
}

/* --- one inspection ------------------------------------------------------------ */

static void rec_actions(struct http_req *r, const struct inspection *x, const struct recommendation *c)
{
	const char *code = r->snap->tree.units[x->unit].code;
	bool inspector = access_inspection_body(&r->snap->tree, &r->who, x->unit, x->f.body);
	int a;

	for (a = REC_FOLLOW_UP; a <= REC_CLOSE; a++) {
		const struct wf_action *w = &wf_recommendation.actions[a];

		if (!wf_may(&wf_recommendation, &r->snap->tree, &r->who, c->state, a, x->unit, c->agency) ||
		    (a != REC_FOLLOW_UP && !inspector))
			continue;
		html(r, "<form method=\"post\" action=\"/recommendations/%s/%lld\" class=\"inline\">", code, c->id);
		form_csrf(r);
		html(r, "<input type=\"hidden\" name=\"action\" value=\"%s\"><input type=\"hidden\" name=\"version\" value=\"%lld\">",
		     w->id, c->version);
		if (w->flags & WF_COMMENT)
			html(r, "<input name=\"comment\" required maxlength=\"%d\" placeholder=\"%s\" lang=\"vi\">", REC_TEXT_MAX,
			     a == REC_FOLLOW_UP ? _("What was done") : _("Why it is not enough"));
		html(r, "<button type=\"submit\">%s</button></form>",
		     a == REC_FOLLOW_UP ? _("Report what was done") : a == REC_REJECT ? _("Not enough: reopen") : _("Close"));
	}
}

static void rec_history(struct http_req *r, const struct recommendation *c)
{
	size_t k;

	html(r, "<ol class=\"history\">");
	for (k = 0; k < c->nsteps; k++) {
		const struct record_step *s = &c->steps[k];
		int a = wf_action_find(&wf_recommendation, s->action ? s->action : "");

		html(r, "<li>%s · %s · %s%s%s</li>", fmt_time(r, s->at), wf_action_done(&wf_recommendation, a),
		     fmt_who(r, s->by), s->comment ? ": " : "", s->comment ? s->comment : "");
	}
	html(r, "</ol>");
}

static void rec_list(struct http_req *r, const struct inspection *x)
{
	size_t k;

	if (!x->nrecs) {
		html(r, "<p>%s</p>", _("No recommendation issued."));
		return;
	}
	html(r, "<ul class=\"recommendations\">");
	for (k = 0; k < x->nrecs; k++) {
		const struct recommendation *c = &x->recs[k];
		bool late = rec_overdue(c->state, c->due, web_today(r));

		html(r, "<li class=\"%s\" id=\"rec-%lld\"><p lang=\"vi\">%s</p><p>%s · %s %s · <strong>%s</strong>%s</p>",
		     late ? "late" : "", c->id, c->text, web_agency_name(r, c->agency), _("due"), web_day(r, c->due),
		     wf_state_name(&wf_recommendation, c->state),
		     late ? arena_printf(&r->arena, " · %s", _("overdue")) : "");
		rec_history(r, c);
		rec_actions(r, x, c);
		html(r, "</li>");
	}
	html(r, "</ul>");
}

static void rec_form(struct http_req *r, const struct inspection *x)
{
	html(r, "<form method=\"post\" action=\"/inspections/%s/%lld/recommendations\" class=\"stack\">",
	     r->snap->tree.units[x->unit].code, x->id);
	form_csrf(r);
	html(r, "<label>%s <textarea name=\"text\" rows=\"3\" required maxlength=\"%d\" lang=\"vi\"></textarea></label>"
		"<label>%s <select name=\"agency\">",
	     _("Recommendation"), REC_TEXT_MAX, _("Agency responsible"));
	agency_options(r, -1, false);
	html(r, "</select></label><label>%s <input type=\"date\" name=\"due\" required></label>"
		"<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
	     _("Deadline"), _("Issue the recommendation"));
}

static enum gemis_err render_one(struct http_req *r, int unit, long long id, const char *top)
{
	struct arena mem;
	struct inspection x;
	struct db *db;
	bool inspector;
	enum gemis_err err = http_db(r, &db);

	arena_init(&mem, 0);
	if (!err)
		err = inspection_get(db, &r->snap->tree, unit, id, &mem, &x, &r->err);
	if (err) {
		arena_release(&mem);
		return err;
	}
	inspector = access_inspection_body(&r->snap->tree, &r->who, unit, x.f.body);
	page_begin(r, _("Inspection"), unit);
	html(r, "<div class=\"head\"><h1><span lang=\"vi\">%s</span> <small>%s · %d</small></h1></div>", x.f.subject,
	     r->snap->tree.units[unit].name, x.f.year);
	if (top)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", top);
	html(r, "<p>%s · %s %s – %s · %s: %s</p>", insp_body_name((enum insp_body)x.f.body), _("planned"),
	     web_day(r, x.f.from), web_day(r, x.f.to), _("held on"), x.f.held ? web_day(r, x.f.held_on) : _("not held yet"));
	html(r, "<section><h2>%s</h2>", _("Inspection findings"));
	if (x.f.findings && *x.f.findings)
		html(r, "<p class=\"findings\" lang=\"vi\">%s</p>", x.f.findings);
	else
		html(r, "<p class=\"hint\">%s</p>", _("No findings recorded yet."));
	if (inspector)
		insp_form(r, unit, x.f.year, &x);
	html(r, "</section><section><h2>%s</h2>", _("Recommendations and their follow-up"));
	rec_list(r, &x);
	if (inspector && x.f.held && wf_permitted(&wf_recommendation, &r->snap->tree, &r->who, REC_ISSUE, unit, -1))
		rec_form(r, &x);
	html(r, "</section><p><a href=\"/inspections?unit=%s&amp;year=%d\">%s</a></p>", r->snap->tree.units[unit].code,
	     x.f.year, _("The inspection plan"));
	page_end(r);
	arena_release(&mem);
	return GEMIS_OK;
}

enum gemis_err page_inspection(struct http_req *r)
{
	return web_record_page(r, render_one);
}

enum gemis_err page_inspection_post(struct http_req *r)
{
	struct arena mem;
	struct inspection cur, x;
	struct db *db;
	enum gemis_err err;
	long long id = 0;
	long v = 0;
	int unit;

	err = web_versioned_post(r, ACT_INSPECT, &unit, &id, &v);
	if (err)
		return err;
	arena_init(&mem, 0);
	err = http_db(r, &db);
	if (!err)
		err = inspection_get(db, &r->snap->tree, unit, id, &mem, &cur, &r->err);
	if (!err) {
		memset(&x, 0, sizeof(x));
		x.id = id;
		x.unit = unit;
		x.version = v;
		x.f.year = cur.f.year;
		err = save_posted(r, &x);
	}
	arena_release(&mem);
	return err;
}

enum gemis_err page_recommendation_add(struct http_req *r)
{
	const char *ag = http_param_or(r, "agency", "");
	struct rec_fields f;
	struct diags d;
	struct db *db;
	enum gemis_err err;
	long long id = 0, rid = 0;
	int unit;

	err = http_unit_record(r, ACT_INSPECT, web_parse_id, &unit, &id);
	if (err)
		return err;
	f.text = http_param_or(r, "text", "");
	f.agency = agency_find(ag);
	f.due = web_posted_day(r, "due");
	diags_init(&d, 30);
	err = http_db(r, &db);
	if (!err)
		err = recommendation_issue(db, &r->snap->tree, &r->who, unit, id, &f, r->now, &rid, &d, &r->err);
	err = web_refuse(r, err, &d);
	diags_release(&d);
	return web_record_changed(r, err, "/inspections", unit, id, rid);
}

enum gemis_err page_recommendation_post(struct http_req *r)
{
	struct db *db;
	enum gemis_err err;
	long long id = 0, insp = 0;
	long version = 0;
	int unit, a;

	/* who may take which step is the workflow's: asked in the store */
	err = web_versioned_post(r, ACT_READ, &unit, &id, &version);
	if (err)
		return err;
	a = wf_action_find(&wf_recommendation, http_param_or(r, "action", ""));
	err = http_db(r, &db);
	if (!err)
		err = recommendation_act(db, &r->snap->tree, &r->who, unit, id, a, version, http_param(r, "comment"), r->now,
					 &insp, &r->err);
	return web_record_changed(r, err, "/inspections", unit, insp, id);
}
