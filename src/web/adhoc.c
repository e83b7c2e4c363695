/*
 * adhoc.c: ad hoc requests ("báo cáo đột xuất") on the web (core/adhoc.h,
 * store/adhoc_requests.h, report/adhoc_answer.h).
 *
 *   GET  /adhoc?unit=   the requests the unit sent (with how many units
 *        answered, accepted, late) and those it was asked (with where its
 *        answer stands), and the form to ask when the account may (a
 *        province officer for the province's communes, the admin or the
 *        ministry for the provinces).  Read access to the unit.
 *   POST /adhoc/{unit}  asks: title, due (YYYY-MM-DD, not past),
 *        indicators (i_ID=1 for each), question.
 *   GET  /adhoc/{unit}/{id}  for the asking unit: the request and who
 *        answered, on time, late or not yet; for a unit asked: its answer
 *        (figures as submitted, text, file, history) and the forms of the
 *        steps the account may take.  404 for any other unit.
 *   POST /adhoc/{unit}/{id}  a step on the unit's answer (core/workflow's
 *        wf_report): save or submit (answer, file), return (comment
 *        required) or accept, with the version the page showed.
 *   GET  /adhoc/{unit}/{id}/file/{step}  the file a step sent.
 */
#include <jansson.h>
#include <string.h>

#include "core/adhoc.h"
#include "core/workflow.h"
#include "report/adhoc_answer.h"
#include "store/adhoc_requests.h"
#include "store/attachments.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

/* The requests a list shows at most, each way. */
#define LIST_MAX 100

static const char *day_text(struct http_req *r, struct date d)
{
	char s[DATE_TEXT_LEN];

	date_format_dmy(d, s);
	return arena_strdup(&r->arena, s);
}

static void state_badge(struct http_req *r, int state)
{
	html(r, "<span class=\"report-state sub sub-%s\">%s</span>", wf_state_id(&wf_report, state),
	     wf_state_name(&wf_report, state));
}

static void timing_text(struct http_req *r, const struct adhoc_request *q, const struct adhoc_answer *a)
{
	enum adhoc_timing x = adhoc_timing(q->due, a->first_submitted_at, http_judged_at(r));

	html(r, "<span class=\"timing timing-%s\">%s</span>", adhoc_timing_id(x), adhoc_timing_name(x));
}

/* --- the list and the form to ask ---------------------------------------- */

/* What the form to ask showed, to show again with why it was refused. */
struct ask_form {
	const char *title, *question, *due;
	const char *msg, *field;
	bool checked[ADHOC_INDICATORS_MAX + 1];
	int ind[ADHOC_INDICATORS_MAX + 1];
	size_t nind;
};

static bool was_checked(const struct ask_form *f, int k)
{
	for (size_t i = 0; f && i < f->nind; i++)
		if (f->ind[i] == k)
			return true;
	return false;
}

static void ask_form(struct http_req *r, int unit, const struct ask_form *f)
{
	size_t k;

	html(r, "<form method=\"post\" action=\"/adhoc/%s\" class=\"adhoc-ask\">", r->snap->tree.units[unit].code);
	form_csrf(r);
	html(r, "<fieldset><legend>%s</legend>", _("Ask the units below for a report"));
	if (f && f->msg)
		html(r, "<p class=\"error\" role=\"alert\" data-field=\"%s\">%s</p>", f->field ? f->field : "", f->msg);
	html(r, "<label>%s <input type=\"text\" name=\"title\" maxlength=\"%d\" required value=\"%s\"></label>",
	     _("Title"), ADHOC_TITLE_MAX, f && f->title ? f->title : "");
	html(r, "<label>%s <input type=\"date\" name=\"due\" required value=\"%s\"></label>", _("Due"),
	     f && f->due ? f->due : "");
	html(r, "<details><summary>%s</summary><ul class=\"adhoc-indicators\">", _("Indicators asked for"));
	for (k = 0; k < catalog_n(); k++) {
		/* a province's own indicator is asked for in that province only */
		if (!indicator_in_scope(&r->snap->tree, &catalog[k], unit))
			continue;
		html(r, "<li><label><input type=\"checkbox\" name=\"i_%s\" value=\"1\"%s> %s</label></li>", catalog[k].id,
		     was_checked(f, (int)k) ? " checked" : "", indicator_name(&catalog[k], r->lang));
	}
	html(r, "</ul></details>");
	html(r, "<label>%s <textarea name=\"question\" rows=\"3\" maxlength=\"%d\">%s</textarea></label>",
	     _("Question (optional when indicators are asked for)"), ADHOC_TEXT_MAX,
	     f && f->question ? f->question : "");
	html(r, "<button type=\"submit\">%s</button></fieldset></form>", _("Send the request"));
}

static void sent_table(struct http_req *r, struct db *db, int unit)
{
	const struct tree *t = &r->snap->tree;
	struct adhoc_request *rs;
	struct errctx e = {0};
	size_t n, i;

	if (adhoc_requests_list(db, t, unit, true, LIST_MAX, &r->arena, &rs, &n, &e) || n == 0)
		return;
	html(r, "<h2>%s</h2><div class=\"scroll\"><table class=\"adhoc-sent\"><thead><tr><th>%s</th><th>%s</th>"
		"<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("Requests sent"), _("Request"), _("Due"), _("Answered"), _("Accepted"), _("Late or overdue"));
	for (i = 0; i < n; i++) {
		struct adhoc_answer *as;
		struct adhoc_counts c;
		size_t na;

		if (adhoc_answers_list(db, t, &rs[i], &r->arena, &as, &na, &e))
			return;
		adhoc_count(&rs[i], as, na, http_judged_at(r), &c);
		html(r, "<tr data-request=\"%lld\"><td><a href=\"/adhoc/%s/%lld\" lang=\"vi\">%s</a></td><td>%s</td>"
			"<td>%u / %u</td><td>%u</td><td>%u</td></tr>",
		     rs[i].id, t->units[unit].code, rs[i].id, rs[i].title, day_text(r, rs[i].due), c.sent, c.asked,
		     c.accepted, c.late + c.overdue);
	}
	html(r, "</tbody></table></div>");
}

static void received_table(struct http_req *r, struct db *db, int unit)
{
	const struct tree *t = &r->snap->tree;
	struct adhoc_request *rs;
	struct errctx e = {0};
	size_t n, i;

	if (t->units[unit].parent < 0 || adhoc_requests_list(db, t, unit, false, LIST_MAX, &r->arena, &rs, &n, &e))
		return;
	html(r, "<h2>%s</h2>", _("Requests received"));
	if (n == 0) {
		html(r, "<p>%s</p>", _("No request has been received."));
		return;
	}
	html(r, "<div class=\"scroll\"><table class=\"adhoc-received\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("Request"), _("From"), _("Due"), _("State"), _("On time"));
	for (i = 0; i < n; i++) {
		struct adhoc_answer a;

		if (adhoc_answer_get(db, t, &rs[i], unit, &r->arena, &a, &e))
			return;
		html(r, "<tr data-request=\"%lld\"><td><a href=\"/adhoc/%s/%lld\" lang=\"vi\">%s</a></td><td>%s</td>"
			"<td>%s</td><td>",
		     rs[i].id, t->units[unit].code, rs[i].id, rs[i].title, t->units[rs[i].unit].name,
		     day_text(r, rs[i].due));
		state_badge(r, a.state);
		html(r, "</td><td>");
		timing_text(r, &rs[i], &a);
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table></div>");
}

static void render_list(struct http_req *r, struct db *db, int unit, const struct ask_form *f)
{
	const struct tree *t = &r->snap->tree;

	page_begin(r, _("Ad hoc requests"), unit);
	html(r, "<h1>%s <small>%s</small></h1>", _("Ad hoc requests"), t->units[unit].name);
	html(r, "<p>%s</p>", _("A province asks its communes, the ministry the provinces, for a report by a day: indicators, "
			       "whose figures are taken from the data when the answer is sent, and a question."));
	if (adhoc_may_ask(t, &r->who, unit))
		ask_form(r, unit, f);
	else if (f && f->msg)
		html(r, "<p class=\"error\" role=\"alert\" data-field=\"%s\">%s</p>", f->field ? f->field : "", f->msg);
	sent_table(r, db, unit);
	received_table(r, db, unit);
	page_end(r);
}

enum gemis_err page_adhoc_list(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct db *db;
	enum gemis_err err;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	render_list(r, db, unit, NULL);
	return GEMIS_OK;
}

/* The indicators ticked (i_ID=1), as a comma list, into f and *list. */
static const char *ticked(struct http_req *r, struct ask_form *f)
{
	struct buf b;
	const char *out;
	size_t i;

	buf_init(&b, 64 * 1024);
	for (i = 0; i < r->nform; i++) {
		const struct http_kv *kv = &r->form[i];
		int k;

		if (strncmp(kv->name, "i_", 2) != 0 || !kv->value || !*kv->value)
			continue;
		buf_printf(&b, "%s%s", b.len ? "," : "", kv->name + 2);
		k = catalog_find(kv->name + 2);
		if (k >= 0 && f->nind < ADHOC_INDICATORS_MAX)
			f->ind[f->nind++] = k;
	}
	out = arena_strdup(&r->arena, buf_str(&b));
	buf_release(&b);
	return out;
}

enum gemis_err page_adhoc_ask(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	struct adhoc_ask a;
	struct ask_form f;
	struct db *db;
	enum gemis_err err;
	long long id = 0;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (err)
		return err;
	/* who may ask is answered first: the same 403 whatever was posted */
	if (adhoc_unit_asks(&s->tree, unit) && !adhoc_may_ask(&s->tree, &r->who, unit))
		return GEMIS_EPERM;
	if (!adhoc_unit_asks(&s->tree, unit) && r->who.role != ROLE_ADMIN && !http_can(r, ACT_SEND, unit, -1))
		return GEMIS_EPERM;
	err = http_db(r, &db);
	if (err)
		return err;
	memset(&a, 0, sizeof(a));
	memset(&f, 0, sizeof(f));
	a.unit = unit;
	a.title = f.title = http_param(r, "title");
	a.question = f.question = http_param(r, "question");
	f.due = http_param(r, "due");
	a.has_due = f.due && *f.due && date_parse_iso(f.due, strlen(f.due), &a.due);
	a.indicators = ticked(r, &f);
	err = adhoc_request_create(db, &s->tree, &r->who, &a, date_from_ymd(http_today(r)), r->now, &id, &r->err);
	if (err == GEMIS_EINVAL) {
		f.msg = arena_strdup(&r->arena, r->err.msg);
		f.field = arena_strdup(&r->arena, r->err.where);
		render_list(r, db, unit, &f);
		return http_keep_body(r, err);
	}
	if (err)
		return err;
	http_data_changed(r);
	return http_redirect(r, arena_printf(&r->arena, "/adhoc/%s/%lld", s->tree.units[unit].code, id));
}

/* --- one request ------------------------------------------------------------ */

static void request_facts(struct http_req *r, const struct adhoc_request *q)
{
	const struct tree *t = &r->snap->tree;
	size_t i;

	html(r, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd class=\"due\">%s</dd>", _("From"),
	     t->units[q->unit].name, _("Due"), day_text(r, q->due));
	html(r, "<dt>%s</dt><dd>%s, %s</dd>", _("Asked"), fmt_who(r, q->created_by), fmt_time(r, q->created_at));
	if (q->nind) {
		html(r, "<dt>%s</dt><dd><ul class=\"adhoc-indicators\">", _("Indicators asked for"));
		for (i = 0; i < q->nind; i++)
			html(r, "<li data-indicator=\"%s\">%s</li>", catalog[q->ind[i]].id,
			     indicator_name(&catalog[q->ind[i]], r->lang));
		html(r, "</ul></dd>");
	}
	if (q->question)
		html(r, "<dt>%s</dt><dd class=\"question\" lang=\"vi\">%s</dd>", _("Question"), q->question);
	html(r, "</dl>");
}

/* The asking unit's view: who answered, on time, late or not yet. */
static enum gemis_err render_requester(struct http_req *r, struct db *db, const struct adhoc_request *q)
{
	const struct tree *t = &r->snap->tree;
	struct adhoc_answer *as;
	struct adhoc_counts c;
	enum gemis_err err;
	size_t n, i;

	err = adhoc_answers_list(db, t, q, &r->arena, &as, &n, &r->err);
	if (err)
		return err;
	adhoc_count(q, as, n, http_judged_at(r), &c);
	page_begin(r, _("Ad hoc request"), q->unit);
	html(r, "<h1><span lang=\"vi\">%s</span> <small>%s</small></h1>", q->title, _("Ad hoc request"));
	request_facts(r, q);
	html(r, "<h2>%s</h2><p class=\"adhoc-counts\">%s</p>", _("Answers"),
	     arena_printf(&r->arena, _("%u of %u answered, %u accepted, %u late, %u overdue"), c.sent, c.asked,
			  c.accepted, c.late, c.overdue));
	html(r, "<div class=\"scroll\"><table class=\"adhoc-answers\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th></tr></thead><tbody>",
	     t->units[q->unit].level == LEVEL_NATION ? _("Province") : _("Commune"), _("State"), _("First submitted"),
	     _("On time"));
	for (i = 0; i < n; i++) {
		const struct unit *u = &t->units[as[i].unit];

		html(r, "<tr data-unit=\"%s\"><td><a href=\"/adhoc/%s/%lld\">%s</a></td><td>", u->code, u->code, q->id,
		     u->name);
		state_badge(r, as[i].state);
		html(r, "</td><td>%s</td><td>", as[i].first_submitted_at ? fmt_time(r, as[i].first_submitted_at) : "–");
		timing_text(r, q, &as[i]);
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table></div>");
	page_end(r);
	return GEMIS_OK;
}

/* The figures the answer carried when it was sent. */
static void figures_table(struct http_req *r, const char *figures)
{
	json_t *doc = figures ? json_loads(figures, 0, NULL) : NULL;
	json_t *rows = json_object_get(doc, "indicators"), *row;
	size_t i;

	if (!json_is_array(rows)) {
		json_decref(doc);
		return;
	}
	html(r, "<h2>%s</h2><div class=\"scroll\"><table class=\"figures\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th></tr></thead><tbody>",
	     _("Figures as submitted"), _("Indicator"), _("Value"), _("Women"), _("Men"));
	json_array_foreach(rows, i, row) {
		int k = catalog_find(json_string_value(json_object_get(row, "indicator")));
		json_t *v = json_object_get(row, "value"), *f = json_object_get(row, "female"),
		       *m = json_object_get(row, "male");
		bool hidden = json_is_true(json_object_get(row, "hidden"));

		if (k < 0)
			continue;
		html(r, "<tr data-indicator=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", catalog[k].id,
		     indicator_name(&catalog[k], r->lang),
		     hidden ? "x" : json_is_number(v) ? fmt_value(r, json_number_value(v), catalog[k].unit) : "–",
		     json_is_number(f) ? fmt_value(r, json_number_value(f), "") : "–",
		     json_is_number(m) ? fmt_value(r, json_number_value(m), "") : "–");
	}
	html(r, "</tbody></table></div>");
	json_decref(doc);
}

static void answer_form(struct http_req *r, const struct adhoc_request *q, const struct adhoc_answer *a)
{
	const char *code = r->snap->tree.units[a->unit].code;

	html(r, "<form method=\"post\" action=\"/adhoc/%s/%lld\" enctype=\"multipart/form-data\" class=\"adhoc-answer\">",
	     code, q->id);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", a->version);
	html(r, "<fieldset><legend>%s</legend>", _("Your answer"));
	if (q->nind)
		html(r, "<p>%s</p>", _("The figures of the indicators asked for are taken from the data as it stands when you submit."));
	html(r, "<label>%s <textarea name=\"answer\" rows=\"6\" maxlength=\"%d\">%s</textarea></label>", _("Answer"),
	     ADHOC_TEXT_MAX, a->answer ? a->answer : "");
	html(r, "<label>%s <input type=\"file\" name=\"file\" accept=\".pdf,.docx,.xlsx,.jpg,.jpeg,.png\"></label>",
	     _("Attachment, optional"));
	html(r, "<button type=\"submit\" name=\"action\" value=\"submit\">%s</button> ", _("Submit the answer"));
	html(r, "<button type=\"submit\" name=\"action\" value=\"save\">%s</button></fieldset></form>", _("Save a draft"));
}

static void review_form(struct http_req *r, const struct adhoc_request *q, const struct adhoc_answer *a)
{
	const char *code = r->snap->tree.units[a->unit].code;

	html(r, "<form method=\"post\" action=\"/adhoc/%s/%lld\" class=\"adhoc-review\">", code, q->id);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", a->version);
	html(r, "<fieldset><legend>%s</legend>", _("Review"));
	html(r, "<label>%s <textarea name=\"comment\" rows=\"3\" maxlength=\"4000\"></textarea></label>",
	     _("Comment (required to return)"));
	html(r, "<button type=\"submit\" name=\"action\" value=\"accept\">%s</button> ", _("Accept"));
	html(r, "<button type=\"submit\" name=\"action\" value=\"return\">%s</button></fieldset></form>",
	     _("Return with the comment"));
}

static void answer_facts(struct http_req *r, const struct adhoc_request *q, const struct adhoc_answer *a)
{
	const char *code = r->snap->tree.units[a->unit].code;

	html(r, "<dl class=\"facts\"><dt>%s</dt><dd>", _("State"));
	state_badge(r, a->state);
	html(r, " ");
	timing_text(r, q, a);
	html(r, "</dd>");
	if (a->first_submitted_at)
		html(r, "<dt>%s</dt><dd>%s</dd>", _("First submitted"), fmt_time(r, a->first_submitted_at));
	if (a->comment)
		html(r, "<dt>%s</dt><dd class=\"return-comment\"><q lang=\"vi\">%s</q></dd>", _("Returned with the comment"),
		     a->comment);
	if (a->answer && (wf_state_flags(&wf_report, a->state) & WF_SENT))
		html(r, "<dt>%s</dt><dd class=\"answer\" lang=\"vi\">%s</dd>", _("Answer"), a->answer);
	if (a->attachment_id) {
		long long step = 0;

		for (size_t i = 0; i < a->nsteps; i++)
			if (a->steps[i].attachment_id)
				step = a->steps[i].id;
		html(r, "<dt>%s</dt><dd><a href=\"/adhoc/%s/%lld/file/%lld\">%s</a></dd>", _("File"), code, q->id, step,
		     a->filename ? a->filename : "");
	}
	html(r, "</dl>");
}

/* An asked unit's view: its answer and the steps the account may take. */
static void render_answer(struct http_req *r, const struct adhoc_request *q, const struct adhoc_answer *a,
			  const char *msg)
{
	const struct tree *t = &r->snap->tree;
	int submit = wf_action_find(&wf_report, "submit"), accept = wf_action_find(&wf_report, "accept");

	page_begin(r, _("Ad hoc request"), a->unit);
	html(r, "<h1><span lang=\"vi\">%s</span> <small>%s</small></h1>", q->title,
	     arena_printf(&r->arena, _("the answer of %s"), t->units[a->unit].name));
	if (msg)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", msg);
	request_facts(r, q);
	answer_facts(r, q, a);
	if (wf_may(&wf_report, t, &r->who, a->state, submit, a->unit, -1))
		answer_form(r, q, a);
	if (wf_may(&wf_report, t, &r->who, a->state, accept, a->unit, -1))
		review_form(r, q, a);
	figures_table(r, a->figures);
	report_history(r, a->steps, a->nsteps,
		       arena_printf(&r->arena, "/adhoc/%s/%lld/file/", r->snap->tree.units[a->unit].code, q->id));
	html(r, "<p><a href=\"/adhoc?unit=%s\">%s</a></p>", t->units[a->unit].code, _("Every request"));
	page_end(r);
}

/* The request the path names and the unit: ENOTFOUND unless the unit
 * asked it or is asked by it. */
static enum gemis_err open_request(struct http_req *r, struct db **db, struct adhoc_request *q, int *unit)
{
	const struct snapshot *s = http_snap(r);
	const char *sid = http_arg(r, 1);
	enum gemis_err err;
	long id = 0;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, unit);
	if (err)
		return err;
	if (!sid || !text_parse_long(sid, strlen(sid), &id) || id <= 0)
		return GEMIS_ENOTFOUND;
	err = http_db(r, db);
	if (!err)
		err = adhoc_request_get(*db, &s->tree, id, &r->arena, q, &r->err);
	if (!err && q->unit != *unit && !adhoc_asks(&s->tree, q, *unit))
		err = GEMIS_ENOTFOUND;
	return err;
}

enum gemis_err page_adhoc(struct http_req *r)
{
	struct adhoc_request q;
	struct adhoc_answer a;
	struct db *db;
	enum gemis_err err;
	int unit;

	err = open_request(r, &db, &q, &unit);
	if (err)
		return err;
	if (unit == q.unit)
		return render_requester(r, db, &q);
	err = adhoc_answer_get(db, &r->snap->tree, &q, unit, &r->arena, &a, &r->err);
	if (err)
		return err;
	render_answer(r, &q, &a, NULL);
	return GEMIS_OK;
}

static enum gemis_err take_step(struct http_req *r, struct db *db, const struct adhoc_request *q, int unit, int a,
				long long version)
{
	const struct http_file *f = http_file(r, "file");
	const char *act = wf_action_id(&wf_report, a);
	struct adhoc_step_in in;

	if (f && f->len == 0)
		f = NULL;
	if (strcmp(act, "submit") == 0 || strcmp(act, "save") == 0)
		return adhoc_answer_send(db, r->snap, &r->who, q, unit, strcmp(act, "submit") == 0, version,
					 http_param(r, "answer"), f ? f->filename : NULL, f ? f->data : NULL,
					 f ? f->len : 0, r->now, &r->err);
	memset(&in, 0, sizeof(in));
	in.action = a;
	in.version = version;
	in.comment = http_param(r, "comment");
	return adhoc_answer_act(db, &r->snap->tree, &r->who, q, unit, &in, r->now, &r->err);
}

enum gemis_err page_adhoc_post(struct http_req *r)
{
	const char *act = http_param(r, "action"), *ver = http_param_or(r, "version", "0");
	struct adhoc_request q;
	struct adhoc_answer now;
	struct errctx e = {0};
	struct db *db;
	enum gemis_err err;
	int a = act ? wf_action_find(&wf_report, act) : -1, unit;
	long v = 0;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (err)
		return err;
	if (a < 0)
		return http_fail(r, GEMIS_EINVAL, "%s", _("the action must be save, submit, return or accept"));
	/* who may take the step is asked before anything else */
	if (!wf_permitted(&wf_report, &r->snap->tree, &r->who, a, unit, -1))
		return GEMIS_EPERM;
	err = open_request(r, &db, &q, &unit);
	if (!err && q.unit == unit)
		err = GEMIS_ENOTFOUND;
	if (err)
		return err;
	text_parse_long(ver, strlen(ver), &v);
	err = take_step(r, db, &q, unit, a, v);
	if (!err) {
		http_data_changed(r);
		return http_redirect(r, arena_printf(&r->arena, "/adhoc/%s/%lld", r->snap->tree.units[unit].code, q.id));
	}
	if (err != GEMIS_EINVAL && err != GEMIS_ECONFLICT && err != GEMIS_EFORMAT && err != GEMIS_ELIMIT)
		return err;
	/* the page again, as it stands, with why the step was refused */
	{
		const char *msg = arena_strdup(&r->arena, r->err.msg);

		if (adhoc_answer_get(db, &r->snap->tree, &q, unit, &r->arena, &now, &e) != GEMIS_OK)
			memset(&now, 0, sizeof(now));
		now.unit = unit;
		render_answer(r, &q, &now, msg);
	}
	return http_keep_body(r, err);
}

enum gemis_err page_adhoc_file(struct http_req *r)
{
	const char *sid = http_arg(r, 2);
	struct adhoc_request q;
	char name[256];
	struct buf data;
	struct db *db;
	enum att_kind kind;
	enum gemis_err err;
	long long att = 0;
	long id = 0;
	int unit;

	err = open_request(r, &db, &q, &unit);
	if (err)
		return err;
	if (!sid || !text_parse_long(sid, strlen(sid), &id) || id <= 0)
		return GEMIS_ENOTFOUND;
	err = adhoc_step_file(db, &r->snap->tree, q.id, unit, id, &att, name, sizeof(name), &r->err);
	if (err)
		return err;
	buf_init(&data, ATTACHMENT_MAX_BYTES + 1);
	err = attachment_get(db, att, &kind, &data, &r->err);
	if (!err) {
		r->ctype = attachment_mime(kind);
		http_set_header(r, "Content-Disposition",
				arena_printf(&r->arena, "attachment; filename=\"tra-loi-%lld-%s-%ld%s\"", q.id,
					     r->snap->tree.units[unit].code, id, attachment_ext(kind)));
		http_set_header(r, "Cache-Control", "private, no-store");
		http_write(r, buf_str(&data), data.len);
	}
	buf_release(&data);
	return err;
}
