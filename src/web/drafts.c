/*
 * drafts.c: the gender check of a commune's draft legal documents on the
 * web (store/drafts.h; the rules core/drafts.h, the steps core/workflow.h's
 * wf_draft, who may do what core/access.h).
 *
 *   GET  /drafts?unit=&year=            a commune's drafts of the year and
 *                                       a form to register one; a province's
 *                                       or the nation's communes' drafts
 *   POST /drafts                        a new draft
 *   GET  /drafts/{unit}/{id}            one draft: its checklist, answered
 *                                       (a form while the drafting agency
 *                                       may change it), the review, the
 *                                       issue and the history
 *   POST /drafts/{unit}/{id}            its fields and answers, saved or
 *                                       submitted (on a version)
 *   POST /drafts/{unit}/{id}/review     review or return (with a comment)
 *   POST /drafts/{unit}/{id}/issue      the document issued: number, day
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/date.h"
#include "core/drafts.h"
#include "core/workflow.h"
#include "store/drafts.h"
#include "util/buf.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

/* --- the fields of a draft ---------------------------------------------------- */

static void kind_options(struct http_req *r, int cur)
{
	int k;

	for (k = 0; k < DK_COUNT; k++)
		html(r, "<option value=\"%s\"%s>%s</option>", draft_kind_id(k), k == cur ? " selected" : "",
		     draft_kind_name(k));
}

/* The agencies who may enter drafts: a reporter its own, others every one. */
static void agency_options(struct http_req *r, int unit, int cur)
{
	size_t k;

	for (k = 0; k < agency_kind_count; k++) {
		if (!http_can(r, ACT_ENTER, unit, (int)k) && (int)k != cur)
			continue;
		html(r, "<option value=\"%s\"%s>%s</option>", agency_kinds[k].id, (int)k == cur ? " selected" : "",
		     web_agency_name(r, (int)k));
	}
}

static void fields_form(struct http_req *r, int unit, const struct draft *x)
{
	html(r, "<label>%s <select name=\"kind\">", _("Kind of document"));
	kind_options(r, x ? x->f.kind : DK_DECISION);
	html(r, "</select></label><label>%s <input name=\"number\" maxlength=\"%d\" value=\"%s\"></label>"
		"<label>%s <input name=\"title\" required maxlength=\"%d\" value=\"%s\" lang=\"vi\"></label>"
		"<label>%s <input type=\"date\" name=\"drafted_on\" required value=\"%s\"></label>"
		"<label>%s <select name=\"agency\">",
	     _("Number or symbol of the draft"), DRAFT_NUMBER_MAX, x && x->f.number ? x->f.number : "", _("Title"),
	     DRAFT_TITLE_MAX, x ? x->f.title : "", _("Day of the draft"), x ? web_iso_day(r, x->f.drafted_on) : "",
	     _("Drafting agency"));
	agency_options(r, unit, x ? x->f.agency : -1);
	html(r, "</select></label>");
}

/* --- the list ------------------------------------------------------------------ */

static void issued_text(struct http_req *r, const struct draft *x)
{
	if (x->issued)
		html(r, "%s · %s", x->issued_no, web_day(r, x->issued_on));
	else
		html(r, "%s", _("not issued"));
}

static void list_table(struct http_req *r, const struct draft *v, size_t n, bool area)
{
	const struct tree *t = &r->snap->tree;
	size_t i;

	if (!n) {
		html(r, "<p>%s</p>", _("No draft registered for this year yet."));
		return;
	}
	html(r, "<div class=\"scroll\"><table class=\"drafts\"><thead><tr>");
	if (area)
		html(r, "<th>%s</th>", _("Unit"));
	html(r, "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("Day of the draft"), _("Kind of document"), _("Title"), _("Drafting agency"), _("Gender check"),
	     _("Issued"));
	for (i = 0; i < n; i++) {
		const struct draft *x = &v[i];

		html(r, "<tr>");
		if (area)
			html(r, "<td>%s</td>", t->units[x->unit].short_name);
		html(r, "<td>%s</td><td>%s%s%s</td><td><a href=\"/drafts/%s/%lld\" lang=\"vi\">%s</a></td><td>%s</td>"
			"<td>%s</td><td>",
		     web_day(r, x->f.drafted_on), draft_kind_name(x->f.kind), x->f.number ? " " : "",
		     x->f.number ? x->f.number : "", t->units[x->unit].code, x->id, x->f.title, web_agency_name(r, x->f.agency),
		     wf_state_name(&wf_draft, x->state));
		issued_text(r, x);
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table></div>");
}

static void sum_figures(struct http_req *r, const struct draft_sum *s)
{
	html(r, "<ul class=\"figures\"><li><strong>%u</strong> %s</li><li><strong>%u</strong> %s</li>"
		"<li><strong>%u</strong> %s</li><li><strong>%u</strong> %s</li></ul>",
	     s->drafts, _("drafts registered"), s->reviewed, _("gender checks reviewed"), s->issued,
	     _("documents issued"), s->issued_reviewed, _("issued with a reviewed check"));
}

static enum gemis_err render_list(struct http_req *r, int unit, int year)
{
	struct arena mem;
	struct draft *v = NULL;
	struct draft_sum s;
	struct db *db;
	size_t n = 0;
	bool commune = r->snap->tree.units[unit].first_child < 0;
	enum gemis_err err = http_db(r, &db);

	arena_init(&mem, 0);
	if (!err)
		err = drafts_list(db, &r->snap->tree, unit, year, &mem, &v, &n, &r->err);
	if (err) {
		arena_release(&mem);
		return err;
	}
	drafts_sum(v, n, &s);
	page_begin(r, _("Gender check of drafts"), unit);
	html(r, "<div class=\"head\"><h1>%s <small>%s · %d</small></h1></div>", _("Gender check of draft documents"),
	     r->snap->tree.units[unit].name, year);
	sum_figures(r, &s);
	list_table(r, v, n, !commune);
	if (commune && http_can(r, ACT_ENTER, unit, r->who.role == ROLE_REPORTER ? r->who.agency : -1)) {
		html(r, "<section><h2>%s</h2><form method=\"post\" action=\"/drafts\" class=\"stack\">"
			"<input type=\"hidden\" name=\"unit\" value=\"%s\">",
		     _("Register a draft"), r->snap->tree.units[unit].code);
		form_csrf(r);
		fields_form(r, unit, NULL);
		html(r, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form></section>",
		     _("Register the draft"));
	}
	page_end(r);
	arena_release(&mem);
	return GEMIS_OK;
}

enum gemis_err page_drafts(struct http_req *r)
{
	enum gemis_err err;
	int unit, year;

	err = http_list_scope(r, ACT_READ, &unit, &year);
	return err ? err : render_list(r, unit, year);
}

/* The posted fields of a draft into x; problems to d. */
static void read_fields(struct http_req *r, struct draft *x, struct diags *d)
{
	const char *ag = http_param_or(r, "agency", "");

	x->f.kind = draft_kind_parse(http_param_or(r, "kind", ""));
	x->f.agency = agency_find(ag);
	if (*ag && x->f.agency < 0)
		diags_add(d, 0, "agency", _("unknown agency '%s'"), ag);
	x->f.number = http_param_or(r, "number", "");
	x->f.title = http_param_or(r, "title", "");
	x->f.drafted_on = web_posted_day(r, "drafted_on");
}

/* The answers posted as q_ID, in mem. */
static struct draft_answer *read_answers(struct http_req *r, size_t *n)
{
	struct draft_answer *a = arena_alloc(&r->arena, (r->nform + 1) * sizeof(*a));
	size_t i;

	*n = 0;
	for (i = 0; a && i < r->nform; i++) {
		const struct http_kv *kv = &r->form[i];

		if (strncmp(kv->name, "q_", 2) != 0)
			continue;
		a[*n].question = kv->name + 2;
		a[(*n)++].answer = kv->value ? kv->value : "";
	}
	return a;
}

static enum gemis_err save_posted(struct http_req *r, struct draft *x, bool submit)
{
	struct draft_answer *a;
	struct diags d;
	struct db *db;
	size_t na = 0;
	enum gemis_err err;

	diags_init(&d, 30);
	read_fields(r, x, &d);
	a = read_answers(r, &na);
	err = http_db(r, &db);
	if (!err && !a)
		err = GEMIS_ENOMEM;
	if (!err && d.total == 0)
		err = draft_save(db, &r->snap->tree, &r->who, x, a, na, submit, web_today(r), r->now, &d, &r->err);
	else if (!err)
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the draft was not saved"));
	err = web_refuse(r, err, &d);
	diags_release(&d);
	return web_record_changed(r, err, "/drafts", x->unit, x->id, 0);
}

enum gemis_err page_draft_add(struct http_req *r)
{
	struct draft x;
	enum gemis_err err;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_param(r, "unit"), ACT_READ, -1, &unit);
	if (err)
		return err;
	memset(&x, 0, sizeof(x));
	x.unit = unit;
	return save_posted(r, &x, false);
}

/* --- one draft ------------------------------------------------------------------ */

static const char *answer_of(const struct draft *x, const char *q)
{
	size_t k;

	for (k = 0; k < x->nanswers; k++) {
		if (strcmp(x->answers[k].question, q) == 0)
			return x->answers[k].answer;
	}
	return "";
}

static void question_label(struct http_req *r, const struct gc_question *q)
{
	html(r, "<span lang=\"%s\">%s</span>%s <small class=\"hint\" lang=\"vi\">%s</small>", r->lang == LANG_EN ? "en" : "vi",
	     r->lang == LANG_EN ? q->text_en : q->text_vi, q->required ? " *" : "", q->source);
}

static void question_input(struct http_req *r, const struct gc_question *q, const char *a)
{
	if (q->yesno) {
		html(r, "<select name=\"q_%s\"><option value=\"\"></option><option value=\"yes\"%s>%s</option>"
			"<option value=\"no\"%s>%s</option></select>",
		     q->id, strcmp(a, "yes") == 0 ? " selected" : "", _("yes"), strcmp(a, "no") == 0 ? " selected" : "",
		     _("no"));
		return;
	}
	html(r, "<textarea name=\"q_%s\" rows=\"3\" maxlength=\"%d\" lang=\"vi\">%s</textarea>", q->id, DRAFT_ANSWER_MAX, a);
}

static const char *answer_shown(const struct gc_question *q, const char *a)
{
	if (!*a)
		return "–";
	if (q->yesno)
		return strcmp(a, "yes") == 0 ? _("yes") : _("no");
	return a;
}

/* The checklist: a form while who may save it, else what was answered. */
static void checklist(struct http_req *r, const struct draft *x, const struct gc_checklist *c)
{
	const char *code = r->snap->tree.units[x->unit].code;
	bool edit = !x->issued && wf_may(&wf_draft, &r->snap->tree, &r->who, x->state, DR_SAVE, x->unit, x->f.agency);
	size_t k;

	html(r, "<section><h2>%s <small>%s %d</small></h2>", _("Gender-impact checklist"), _("version"), c->version);
	if (!edit) {
		html(r, "<dl class=\"checklist\">");
		for (k = 0; k < c->n; k++) {
			html(r, "<dt>");
			question_label(r, &c->q[k]);
			html(r, "</dt><dd lang=\"vi\">%s</dd>", answer_shown(&c->q[k], answer_of(x, c->q[k].id)));
		}
		html(r, "</dl></section>");
		return;
	}
	html(r, "<form method=\"post\" action=\"/drafts/%s/%lld\" class=\"stack\">"
		"<input type=\"hidden\" name=\"version\" value=\"%lld\">",
	     code, x->id, x->version);
	form_csrf(r);
	fields_form(r, x->unit, x);
	for (k = 0; k < c->n; k++) {
		html(r, "<label>");
		question_label(r, &c->q[k]);
		question_input(r, &c->q[k], answer_of(x, c->q[k].id));
		html(r, "</label>");
	}
	html(r, "<p class=\"hint\">%s</p><div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\">%s</button>"
		"<button type=\"submit\" name=\"action\" value=\"submit\">%s</button></div></form></section>",
	     _("* required before the check is submitted for review"), _("Save"), _("Submit for review"));
}

static void review_part(struct http_req *r, const struct draft *x)
{
	const char *code = r->snap->tree.units[x->unit].code;

	html(r, "<section><h2>%s</h2>", _("Review by the Culture and Social Affairs Office"));
	if (x->review)
		html(r, "<p class=\"findings\" lang=\"vi\">%s</p>", x->review);
	else
		html(r, "<p class=\"hint\">%s</p>", _("Not reviewed yet."));
	if (!x->issued && wf_may(&wf_draft, &r->snap->tree, &r->who, x->state, DR_REVIEW, x->unit, x->f.agency) &&
	    access_draft_review(&r->snap->tree, &r->who, x->unit, x->f.agency)) {
		html(r, "<form method=\"post\" action=\"/drafts/%s/%lld/review\" class=\"stack\">"
			"<input type=\"hidden\" name=\"version\" value=\"%lld\">",
		     code, x->id, x->version);
		form_csrf(r);
		html(r, "<label>%s <textarea name=\"comment\" rows=\"3\" required maxlength=\"%d\" lang=\"vi\"></textarea></label>"
			"<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"review\">%s</button>"
			"<button type=\"submit\" name=\"action\" value=\"return\">%s</button></div></form>",
		     _("Opinion, or what to fix"), DRAFT_REVIEW_MAX, _("Reviewed"), _("Return to the drafting agency"));
	}
	html(r, "</section>");
}

static void issue_part(struct http_req *r, const struct draft *x)
{
	html(r, "<section><h2>%s</h2><p>", _("The document issued"));
	issued_text(r, x);
	html(r, "</p>");
	if (!x->issued && wf_may(&wf_draft, &r->snap->tree, &r->who, x->state, DR_ISSUE, x->unit, x->f.agency)) {
		html(r, "<form method=\"post\" action=\"/drafts/%s/%lld/issue\" class=\"stack\">"
			"<input type=\"hidden\" name=\"version\" value=\"%lld\">",
		     r->snap->tree.units[x->unit].code, x->id, x->version);
		form_csrf(r);
		html(r, "<label>%s <input name=\"issued_no\" required maxlength=\"%d\"></label>"
			"<label>%s <input type=\"date\" name=\"issued_on\" required></label>"
			"<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
		     _("Number issued"), DRAFT_NUMBER_MAX, _("Issued on"), _("Record the document issued"));
	}
	html(r, "</section>");
}

static void history(struct http_req *r, const struct draft *x)
{
	size_t k;

	html(r, "<section><h2>%s</h2><ol class=\"history\">", _("History"));
	for (k = 0; k < x->nsteps; k++) {
		const struct record_step *s = &x->steps[k];
		int a = wf_action_find(&wf_draft, s->action ? s->action : "");

		html(r, "<li>%s · %s · %s", fmt_time(r, s->at), wf_action_done(&wf_draft, a), fmt_who(r, s->by));
		/* what the person wrote, in Vietnamese whatever the page's language */
		if (s->comment)
			html(r, ": <q lang=\"vi\">%s</q>", s->comment);
		html(r, "</li>");
	}
	html(r, "</ol></section>");
}

static enum gemis_err render_one(struct http_req *r, int unit, long long id, const char *top)
{
	struct arena mem;
	struct draft x;
	struct gc_checklist c;
	struct db *db;
	enum gemis_err err = http_db(r, &db);

	arena_init(&mem, 0);
	if (!err)
		err = draft_get(db, &r->snap->tree, unit, id, &mem, &x, &r->err);
	if (!err)
		err = gc_checklist_load(db, x.checklist_version, &mem, &c, &r->err);
	if (err) {
		arena_release(&mem);
		return err;
	}
	page_begin(r, _("Gender check of a draft"), unit);
	html(r, "<div class=\"head\"><h1><span lang=\"vi\">%s</span> <small>%s · %d</small></h1></div>", x.f.title,
	     r->snap->tree.units[unit].name, x.year);
	if (top)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", top);
	html(r, "<p>%s%s%s · %s %s · %s · <strong>%s</strong></p>", draft_kind_name(x.f.kind), x.f.number ? " " : "",
	     x.f.number ? x.f.number : "", _("drafted on"), web_day(r, x.f.drafted_on), web_agency_name(r, x.f.agency),
	     wf_state_name(&wf_draft, x.state));
	checklist(r, &x, &c);
	review_part(r, &x);
	issue_part(r, &x);
	history(r, &x);
	html(r, "<p><a href=\"/drafts?unit=%s&amp;year=%d\">%s</a></p>", r->snap->tree.units[unit].code, x.year,
	     _("The drafts of the year"));
	page_end(r);
	arena_release(&mem);
	return GEMIS_OK;
}

enum gemis_err page_draft(struct http_req *r)
{
	return web_record_page(r, render_one);
}

/* A POST on one draft asks only that the account may read the unit: who
 * may take which step is the workflow's, asked in the store. */
enum gemis_err page_draft_post(struct http_req *r)
{
	struct draft x;
	enum gemis_err err;
	long long id = 0;
	long version = 0;
	int unit;

	err = web_versioned_post(r, ACT_READ, &unit, &id, &version);
	if (err)
		return err;
	memset(&x, 0, sizeof(x));
	x.id = id;
	x.unit = unit;
	x.version = version;
	return save_posted(r, &x, strcmp(http_param_or(r, "action", ""), "submit") == 0);
}

enum gemis_err page_draft_review(struct http_req *r)
{
	struct db *db;
	enum gemis_err err;
	long long id = 0;
	long version = 0;
	int unit;

	err = web_versioned_post(r, ACT_READ, &unit, &id, &version);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = draft_act(db, &r->snap->tree, &r->who, unit, id, wf_action_find(&wf_draft, http_param_or(r, "action", "")),
				version, http_param_or(r, "comment", ""), r->now, &r->err);
	return web_record_changed(r, err, "/drafts", unit, id, 0);
}

enum gemis_err page_draft_issue(struct http_req *r)
{
	struct diags d;
	struct db *db;
	enum gemis_err err;
	long long id = 0;
	long version = 0;
	int unit;

	err = web_versioned_post(r, ACT_READ, &unit, &id, &version);
	if (err)
		return err;
	diags_init(&d, 10);
	err = http_db(r, &db);
	if (!err)
		err = draft_issue(db, &r->snap->tree, &r->who, unit, id, version, http_param_or(r, "issued_no", ""),
				  web_posted_day(r, "issued_on"), web_today(r), r->now, &d, &r->err);
	err = web_refuse(r, err, &d);
	diags_release(&d);
	return web_record_changed(r, err, "/drafts", unit, id, 0);
}
