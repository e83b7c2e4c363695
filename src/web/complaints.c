/*
 * complaints.c: citizens' feedback, petitions, complaints and
 * denunciations on the web (store/complaints.h; the rules and who may do
 * what core/complaints.h; docs/complaints.md).
 *
 *   GET  /complaints?unit=&year=     the matters of a commune (a province's
 *                                    or the nation's communes), never the
 *                                    person; counts by kind; the form to
 *                                    record one for those who may
 *   POST /complaints/{unit}          records a matter (the person sealed)
 *   GET  /complaints/{unit}/{code}   one matter with the person, the text and
 *                                    the answer: its handlers only (a
 *                                    refusal is logged, as for cases)
 *   POST /complaints/{unit}/{code}   a step: handling, answer (day and text),
 *                                    withdraw, or refer to a case (case code)
 *
 * Overdue matters also show on the dashboard (report/duelist.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/catalog.h"
#include "core/complaints.h"
#include "store/complaints.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

static const char *agency_label(struct http_req *r, int k)
{
	if (k < 0 || (size_t)k >= agency_kind_count)
		return "?";
	return r->lang == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

/* A session of the request; with_key: the routes that seal or open. */
static enum gemis_err session(struct http_req *r, struct cmp_session *s, bool with_key)
{
	enum gemis_err err = http_db(r, &s->db);

	s->t = &r->snap->tree;
	s->who = &r->who;
	s->key = NULL;
	s->today = web_today(r);
	s->now = r->now;
	if (!err && with_key)
		err = http_register_key(r, &s->key);
	return err;
}

/* --- the list ---------------------------------------------------------------------- */

static void options(struct http_req *r, const char *name, int n, const char *(*id)(int), const char *(*label)(int))
{
	int i;

	html(r, "<select name=\"%s\" required>", name);
	for (i = 0; i < n; i++)
		html(r, "<option value=\"%s\">%s</option>", id(i), label(i));
	html(r, "</select>");
}

static void add_form(struct http_req *r, int unit)
{
	const struct tree *t = &r->snap->tree;
	size_t k;
	int g;

	html(r, "<form method=\"post\" action=\"/complaints/%s\" class=\"complaint-add\">", t->units[unit].code);
	form_csrf(r);
	html(r, "<fieldset><legend>%s</legend>", _("Record feedback, a petition, a complaint or a denunciation"));
	html(r, "<label>%s <input type=\"date\" name=\"received\" required></label>", _("Received on"));
	html(r, "<label>%s ", _("Channel"));
	options(r, "channel", CH_COUNT, cmp_channel_id, cmp_channel_name);
	html(r, "</label><label>%s ", _("Kind"));
	options(r, "kind", CK_COUNT, cmp_kind_id, cmp_kind_name);
	html(r, "</label><label>%s <select name=\"field\" required>", _("Field of the strategy"));
	for (g = 0; g < GOAL_COUNT; g++)
		html(r, "<option value=\"%s\">%s</option>", goal_id((enum goal)g), goal_name((enum goal)g, r->lang));
	html(r, "</select></label><label>%s <select name=\"agency\" required>", _("Handled by"));
	for (k = 0; k < agency_kind_count; k++) {
		if (cmp_may(t, &r->who, CA_RECEIVE, unit, (int)k))
			html(r, "<option value=\"%s\">%s</option>", agency_kinds[k].id, agency_label(r, (int)k));
	}
	html(r, "</select></label><label><input type=\"checkbox\" name=\"complex\" value=\"1\"> %s</label>",
	     _("Complex matter (the law's extension applies)"));
	html(r, "<label>%s <input name=\"name\" required maxlength=\"%d\" autocomplete=\"off\"></label>",
	     _("Who brought it (sealed, shown to the handlers only)"), CMP_NAME_MAX);
	html(r, "<label>%s <input name=\"contact\" maxlength=\"%d\" autocomplete=\"off\"></label>", _("Contact"),
	     CMP_CONTACT_MAX);
	html(r, "<label>%s <textarea name=\"text\" rows=\"4\" required maxlength=\"%d\"></textarea></label>",
	     _("What it says"), CMP_TEXT_MAX);
	html(r, "<button type=\"submit\">%s</button></fieldset></form>", _("Record"));
}

static void list_row(struct http_req *r, const struct complaint *c)
{
	const struct tree *t = &r->snap->tree;
	bool late = cmp_overdue(c->status, c->due, web_today(r));
	bool handler = cmp_may(t, &r->who, CA_HANDLE, c->unit, c->agency);

	html(r, "<tr data-code=\"%s\"%s><td>", c->code, late ? " class=\"overdue\"" : "");
	if (handler)
		html(r, "<a href=\"/complaints/%s/%s\">%s</a>", t->units[c->unit].code, c->code, c->code);
	else
		html(r, "%s", c->code);
	html(r, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s%s%s</td><td>%s</td></tr>",
	     web_day(r, c->received), cmp_kind_name(c->kind), cmp_channel_name(c->channel),
	     goal_name((enum goal)c->field, r->lang), agency_label(r, c->agency), web_day(r, c->due),
	     cmp_status_name(c->status), late ? " · " : "", late ? _("overdue") : "", c->case_code ? c->case_code : "");
}

static void render_list(struct http_req *r, int unit, int year, const struct complaint *v, size_t n)
{
	const struct tree *t = &r->snap->tree;
	struct cmp_sum s;
	size_t i;

	complaints_sum(v, n, web_today(r), &s);
	page_begin(r, _("Feedback and complaints"), unit);
	html(r, "<h1>%s <small>%s</small></h1>", _("Feedback and complaints"), t->units[unit].name);
	html(r, "<p>%s</p>", _("Feedback, petitions, complaints and denunciations about gender equality, with the day each "
			       "answer is due by law. Who brought them is shown to their handlers only."));
	html(r, "<p class=\"complaint-sum\">");
	html(r, _("%d: %u received, %u open, %u overdue, %u answered (%u late), %u referred to the case register"), year,
	     s.total, s.open, s.overdue, s.answered, s.answered_late, s.referred);
	html(r, "</p>");
	if (cmp_may(t, &r->who, CA_RECEIVE, unit, r->who.role == ROLE_REPORTER ? r->who.agency : 0))
		add_form(r, unit);
	if (n == 0) {
		html(r, "<p>%s</p>", _("Nothing was received this year."));
		return;
	}
	html(r, "<div class=\"scroll\"><table class=\"complaints\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("Code"), _("Received on"), _("Kind"), _("Channel"), _("Field of the strategy"), _("Handled by"), _("Due"),
	     _("Status"), _("Case"));
	for (i = 0; i < n; i++)
		list_row(r, &v[i]);
	html(r, "</tbody></table></div>");
}

enum gemis_err page_complaints(struct http_req *r)
{
	const struct snapshot *snap = http_snap(r);
	const char *code = http_param(r, "unit");
	struct cmp_session s;
	struct complaint *v = NULL;
	size_t n = 0;
	enum gemis_err err;
	int unit, year;

	if (!snap)
		return GEMIS_EDB;
	err = http_unit(r, code ? code : snap->tree.units[r->who.unit].code, ACT_READ, -1, &unit);
	if (err)
		return err;
	year = http_year_or_this(r);
	err = session(r, &s, false);
	if (!err)
		err = complaints_list(&s, unit, year, &r->arena, &v, &n, &r->err);
	if (err)
		return err;
	render_list(r, unit, year, v, n);
	page_end(r);
	return GEMIS_OK;
}

enum gemis_err page_complaint_add(struct http_req *r)
{
	struct cmp_session s;
	struct cmp_fields f;
	struct diags d;
	char code[CMP_CODE_MAX + 1];
	const char *rec = http_param_or(r, "received", "");
	enum gemis_err err;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (err)
		return err;
	memset(&f, 0, sizeof(f));
	date_parse_iso(rec, strlen(rec), &f.received);
	f.channel = cmp_channel_parse(http_param(r, "channel"));
	f.kind = cmp_kind_parse(http_param(r, "kind"));
	f.field = goal_parse(http_param(r, "field"));
	f.agency = http_param(r, "agency") ? agency_find(http_param(r, "agency")) : -1;
	f.complex = http_param(r, "complex") != NULL;
	f.name = http_param(r, "name");
	f.contact = http_param(r, "contact");
	f.text = http_param(r, "text");
	diags_init(&d, 30);
	err = session(r, &s, true);
	if (!err)
		err = web_refuse(r, complaint_add(&s, unit, &f, code, &d, &r->err), &d);
	diags_release(&d);
	if (err)
		return err;
	http_data_changed(r);
	return http_redirect(r, arena_printf(&r->arena, "/complaints/%s/%s?done=1", r->snap->tree.units[unit].code, code));
}

/* --- one matter -------------------------------------------------------------------- */

static void step_forms(struct http_req *r, const struct complaint *c)
{
	const char *u = r->snap->tree.units[c->unit].code;

	if (!cmp_open(c->status))
		return;
	html(r, "<form method=\"post\" action=\"/complaints/%s/%s\" class=\"complaint-answer\">", u, c->code);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\"><input type=\"hidden\" name=\"action\" "
		"value=\"answer\"><fieldset><legend>%s</legend>",
	     c->version, _("Answer"));
	html(r, "<label>%s <input type=\"date\" name=\"on\" required></label>", _("Answered on"));
	html(r, "<label>%s <textarea name=\"answer\" rows=\"4\" required maxlength=\"%d\"></textarea></label>",
	     _("The answer"), CMP_TEXT_MAX);
	html(r, "<button type=\"submit\">%s</button></fieldset></form>", _("Record the answer"));
	html(r, "<form method=\"post\" action=\"/complaints/%s/%s\" class=\"inline\">", u, c->code);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\"><input type=\"hidden\" name=\"action\" "
		"value=\"refer\"><label>%s <input name=\"case\" required maxlength=\"%d\"></label>"
		"<button type=\"submit\">%s</button></form>",
	     c->version, _("Case code in the case register"), CMP_CASE_CODE_MAX, _("Refer to the case register"));
	html(r, "<form method=\"post\" action=\"/complaints/%s/%s\" class=\"inline\">", u, c->code);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", c->version);
	if (c->status == CS_RECEIVED)
		html(r, "<button type=\"submit\" name=\"action\" value=\"handling\">%s</button>", _("Being handled"));
	html(r, "<button type=\"submit\" name=\"action\" value=\"withdraw\">%s</button></form>", _("Withdrawn"));
}

static void render_one(struct http_req *r, const struct complaint *c)
{
	const struct tree *t = &r->snap->tree;

	page_begin(r, c->code, c->unit);
	html(r, "<h1>%s %s <small>%s</small></h1>", cmp_kind_name(c->kind), c->code, t->units[c->unit].name);
	if (http_param(r, "done"))
		html(r, "<p class=\"notice\" role=\"status\">%s</p>", _("Saved."));
	html(r, "<dl class=\"complaint\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
	     _("Received on"), web_day(r, c->received), _("Channel"), cmp_channel_name(c->channel),
	     _("Field of the strategy"), goal_name((enum goal)c->field, r->lang));
	html(r, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s%s</dd><dt>%s</dt><dd>%s</dd>", _("Handled by"),
	     agency_label(r, c->agency), _("Due"), web_day(r, c->due),
	     cmp_overdue(c->status, c->due, web_today(r)) ? arena_printf(&r->arena, " · %s", _("overdue")) : "",
	     _("Status"), cmp_status_name(c->status));
	html(r, "<dt>%s</dt><dd class=\"sealed\">%s</dd><dt>%s</dt><dd class=\"sealed\">%s</dd>", _("Who brought it"),
	     c->name ? c->name : "", _("Contact"), c->contact ? c->contact : "–");
	html(r, "<dt>%s</dt><dd class=\"sealed\" lang=\"vi\">%s</dd>", _("What it says"), c->text ? c->text : "");
	if (c->status == CS_ANSWERED)
		html(r, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd class=\"sealed\" lang=\"vi\">%s</dd>", _("Answered on"),
		     web_day(r, c->answered_on), _("The answer"), c->answer ? c->answer : "");
	if (c->case_code)
		html(r, "<dt>%s</dt><dd>%s</dd>", _("Case"), c->case_code);
	html(r, "</dl>");
	step_forms(r, c);
	html(r, "<p><a href=\"/complaints?unit=%s&amp;year=%d\">%s</a></p>", t->units[c->unit].code, c->received.y,
	     _("All feedback and complaints"));
	page_end(r);
}

enum gemis_err page_complaint(struct http_req *r)
{
	struct cmp_session s;
	struct complaint c;
	enum gemis_err err;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (!err)
		err = session(r, &s, true);
	if (!err)
		err = complaint_get(&s, http_arg(r, 1), true, &r->arena, &c, &r->err);
	if (!err && c.unit != unit)
		err = GEMIS_ENOTFOUND;
	if (err)
		return err;
	render_one(r, &c);
	return GEMIS_OK;
}

enum gemis_err page_complaint_post(struct http_req *r)
{
	const char *action = http_param_or(r, "action", ""), *ver = http_param_or(r, "version", "");
	const char *on = http_param_or(r, "on", ""), *code = http_arg(r, 1);
	struct cmp_session s;
	struct diags d;
	struct date day = web_today(r);
	long v = 0;
	enum gemis_err err;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (err)
		return err;
	if (!text_parse_long(ver, strlen(ver), &v))
		return http_fail(r, GEMIS_EINVAL, "%s", _("version: missing, or not a number"));
	if (*on && !date_parse_iso(on, strlen(on), &day))
		return http_fail(r, GEMIS_EINVAL, "answered_on: %s", _("not a date (YYYY-MM-DD)"));
	diags_init(&d, 20);
	err = session(r, &s, true);
	if (!err && strcmp(action, "refer") == 0)
		err = complaint_refer(&s, code, v, http_param_or(r, "case", ""), &r->err);
	else if (!err && (strcmp(action, "answer") == 0 || strcmp(action, "handling") == 0 ||
			  strcmp(action, "withdraw") == 0))
		err = web_refuse(r,
			     complaint_answer(&s, code, v,
					      action[0] == 'a'   ? CS_ANSWERED
					      : action[0] == 'h' ? CS_HANDLING
								 : CS_WITHDRAWN,
					      day, http_param(r, "answer"), &d, &r->err),
			     &d);
	else if (!err)
		err = http_fail(r, GEMIS_EINVAL, "action: %s", _("answer, handling, withdraw or refer"));
	diags_release(&d);
	if (err)
		return err;
	http_data_changed(r);
	return http_redirect(r, arena_printf(&r->arena, "/complaints/%s/%s?done=1", r->snap->tree.units[unit].code, code));
}
