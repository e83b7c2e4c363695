/*
 * budget.c: the budget of the plan on the web (docs/budget.md).
 *
 *   GET  /budget?unit=&year=           a commune's budget lines of the year
 *                                      with their state, the sums by source
 *                                      and by goal, and the form to add an
 *                                      estimate; for a province (or the
 *                                      nation) its communes' sums
 *   POST /budget/{unit}                adds a line (action save or submit)
 *   GET  /budget/export?unit=&year=    the year's lines as the finance
 *                                      office's workbook (report/budget_xlsx.h)
 *   GET  /budget/{unit}/{id}           one line: its fields, the steps the
 *                                      account may take now, its trail
 *   POST /budget/{unit}/{id}           takes a step of wf_estimate (save,
 *                                      submit, appraise, approve, return,
 *                                      reopen, spend) on the version seen
 *
 * Rules (who may take each step, fields, versions, the trail) are
 * store/budget.h's; sums core/budget.h's; amounts util/number.h's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/catalog.h"
#include "core/workflow.h"
#include "report/budget_xlsx.h"
#include "store/budget.h"
#include "store/tasks.h"
#include "util/buf.h"
#include "util/number.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

static const char *money(struct http_req *r, long long v)
{
	char s[DONG_TEXT_LEN];

	if (v == BUDGET_NONE)
		return "–";
	dong_format(v, 0, s, sizeof(s));
	/* the đồng sign for English readers, the Vietnamese way for the others */
	return arena_printf(&r->arena, "%s %s", s, r->lang == LANG_EN ? "₫" : "đ");
}

static const char *agency_label(struct http_req *r, int k, const char *id)
{
	if (k < 0)
		return id ? id : "?";
	return r->lang == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

static const char *source_label(struct http_req *r, const struct budget_list *l, const char *id)
{
	return budget_source_name(l, id, r->lang == LANG_EN);
}

static const char *problems_text(struct http_req *r, const struct diags *d)
{
	struct buf b;
	size_t i;
	const char *out;

	buf_init(&b, 8192);
	for (i = 0; i < d->n; i++)
		buf_printf(&b, "%s%s: %s", i ? "; " : "", d->d[i].field, d->d[i].msg);
	out = arena_strdup(&r->arena, buf_str(&b));
	buf_release(&b);
	return out;
}

static void top_message(struct http_req *r, const char *top, bool ok)
{
	if (top && ok)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", top);
	else if (top)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", top);
}

/* --- sums ------------------------------------------------------------------------ */

static void sum_cells(struct http_req *r, const struct budget_sum *s)
{
	html(r, "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num%s\">%s</td>",
	     money(r, s->estimate), money(r, s->appraised), money(r, s->approved), s->overspent ? " late" : "",
	     money(r, s->spent));
}

static void sum_head(struct http_req *r, const char *first)
{
	html(r, "<div class=\"scroll\"><table class=\"budget-sums\"><thead><tr><th>%s</th><th class=\"num\">%s</th>"
		"<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
	     first, _("Estimated"), _("Appraised"), _("Approved"), _("Spent"));
}

static void sums(struct http_req *r, const struct budget_list *l)
{
	const char **ids = arena_alloc(&r->arena, (l->nsrc + 1) * sizeof(*ids));
	struct budget_sum *bs = arena_alloc(&r->arena, (l->nsrc + 1) * sizeof(*bs));
	struct budget_totals t;
	size_t i;

	if (!ids || !bs)
		return;
	for (i = 0; i < l->nsrc; i++)
		ids[i] = l->src[i].id;
	budget_totals(l->l, l->n, ids, l->nsrc, bs, &t);
	html(r, "<section><h2>%s</h2>", _("By funding source"));
	sum_head(r, _("Source"));
	for (i = 0; i < l->nsrc; i++) {
		if (!bs[i].lines)
			continue;
		html(r, "<tr><td>%s</td>", source_label(r, l, l->src[i].id));
		sum_cells(r, &bs[i]);
		html(r, "</tr>");
	}
	html(r, "<tr class=\"total\"><th>%s</th>", _("Total"));
	sum_cells(r, &t.all);
	html(r, "</tr></tbody></table></div>");
	if (t.all.overspent)
		html(r, "<p class=\"late\">%s</p>",
		     arena_printf(&r->arena, ngettext_("%u line spent above what was approved.",
						       "%u lines spent above what was approved.", t.all.overspent),
				  t.all.overspent));
	html(r, "</section><section><h2>%s</h2>", _("By goal"));
	sum_head(r, _("Goal"));
	for (i = 1; i <= BUDGET_GOALS_MAX; i++) {
		if (!t.by_goal[i].lines)
			continue;
		html(r, "<tr><td>%s</td>", arena_printf(&r->arena, _("Goal %zu"), i));
		sum_cells(r, &t.by_goal[i]);
		html(r, "</tr>");
	}
	if (t.by_goal[0].lines) {
		html(r, "<tr><td>%s</td>", _("No goal cited"));
		sum_cells(r, &t.by_goal[0]);
		html(r, "</tr>");
	}
	html(r, "</tbody></table></div><p class=\"hint\">%s</p></section>",
	     _("A line of a task serving two goals counts under both."));
}

/* --- a commune's lines --------------------------------------------------------------- */

static void lines_table(struct http_req *r, const struct budget_list *l)
{
	const struct tree *t = &r->snap->tree;
	size_t i;

	html(r, "<div class=\"scroll\"><table class=\"budget\"><thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
		"<th>%s</th></tr></thead><tbody>",
	     _("Agency"), _("What for"), _("Source"), _("Estimated"), _("Appraised"), _("Approved"), _("Spent"),
	     _("State"));
	for (i = 0; i < l->n; i++) {
		const struct budget_line *x = &l->l[i];
		bool over = budget_overspent(x);

		html(r, "<tr><td><a href=\"/budget/%s/%lld\">%lld</a></td><td>%s</td><td lang=\"vi\">", t->units[x->unit].code,
		     x->id, x->id, agency_label(r, x->agency, x->agency_id));
		if (x->task_label)
			html(r, "<small>%s %s</small><br>", _("task"), x->task_label);
		html(r, "%s</td><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s",
		     x->title, source_label(r, l, x->source), money(r, x->estimate), money(r, x->appraised),
		     money(r, x->approved));
		if (x->decision_no)
			html(r, "<br><small lang=\"vi\">%s</small>", x->decision_no);
		html(r, "</td><td class=\"num%s\">%s%s</td><td><span class=\"ts ts-%s\">%s</span></td></tr>",
		     over ? " late" : "", money(r, x->spent), over ? arena_printf(&r->arena, " ⚠ %s", _("above approved")) : "",
		     wf_state_id(&wf_estimate, x->status), wf_state_name(&wf_estimate, x->status));
	}
	html(r, "</tbody></table></div>");
}

static void source_select(struct http_req *r, const struct budget_list *l, const char *cur)
{
	size_t i;

	html(r, "<label>%s <select name=\"source\">", _("Funding source"));
	for (i = 0; i < l->nsrc; i++)
		html(r, "<option value=\"%s\"%s>%s</option>", l->src[i].id, cur && strcmp(cur, l->src[i].id) == 0 ? " selected" : "",
		     source_label(r, l, l->src[i].id));
	html(r, "</select></label>");
}

static void task_select(struct http_req *r, const struct task_list *tl, const char *cur)
{
	size_t i;

	html(r, "<label>%s <select name=\"task\"><option value=\"\">%s</option>", _("Task it pays for"),
	     _("none: the agency's work"));
	for (i = 0; i < tl->n; i++) {
		const char *lab = task_label(&r->arena, &tl->t[i]);

		html(r, "<option value=\"%s\"%s lang=\"vi\">%s %s</option>", tl->t[i].uid,
		     cur && strcmp(cur, tl->t[i].uid) == 0 ? " selected" : "", lab, tl->t[i].title);
	}
	html(r, "</select></label>");
}

static void add_form(struct http_req *r, int unit, int year, const struct budget_list *l, const struct task_list *tl)
{
	size_t k;

	html(r, "<section><h2>%s</h2><form method=\"post\" action=\"/budget/%s\" class=\"stack\">", _("Add an estimate"),
	     r->snap->tree.units[unit].code);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"year\" value=\"%d\"><label>%s <select name=\"agency\">", year, _("Agency"));
	for (k = 0; k < agency_kind_count; k++) {
		if (http_can(r, ACT_ENTER, unit, (int)k))
			html(r, "<option value=\"%s\">%s</option>", agency_kinds[k].id, agency_label(r, (int)k, NULL));
	}
	html(r, "</select></label>");
	task_select(r, tl, NULL);
	source_select(r, l, NULL);
	html(r, "<label>%s <input name=\"title\" maxlength=\"%d\" lang=\"vi\"></label>"
		"<label>%s <input name=\"estimate\" inputmode=\"numeric\" placeholder=\"12.500.000\" required></label>"
		"<label>%s <textarea name=\"note\" rows=\"2\" maxlength=\"%d\" lang=\"vi\"></textarea></label>"
		"<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"submit\">%s</button> "
		"<button type=\"submit\" name=\"action\" value=\"save\" class=\"secondary\">%s</button></div></form></section>",
	     _("What the money is for (default: the task)"), BUDGET_TITLE_MAX, _("Estimate (VND)"), _("Note"),
	     BUDGET_NOTE_MAX, _("Submit to the economic office"), _("Save as draft"));
}

static enum gemis_err commune_page(struct http_req *r, struct db *db, int unit, int year, const struct budget_list *l)
{
	struct task_list tl;
	enum gemis_err err = tasks_of_unit(db, &r->snap->tree, unit, &tl, &r->err);

	if (err)
		return err;
	if (!l->n)
		html(r, "<p>%s</p>", _("No budget line for this year yet."));
	else
		lines_table(r, l);
	sums(r, l);
	if (web_may_enter_any(r, unit))
		add_form(r, unit, year, l, &tl);
	task_list_release(&tl);
	return GEMIS_OK;
}

/* --- an area: its communes' sums ------------------------------------------------------ */

static void area_page(struct http_req *r, int year, const struct budget_list *l)
{
	const struct tree *t = &r->snap->tree;
	size_t i = 0, from;

	if (!l->n) {
		html(r, "<p>%s</p>", _("No commune below has a budget line for this year."));
		return;
	}
	html(r, "<section><h2>%s</h2>", _("Communes"));
	sum_head(r, _("Unit"));
	while (i < l->n) {
		struct budget_sum s;

		memset(&s, 0, sizeof(s));
		from = i;
		while (i < l->n && l->l[i].unit == l->l[from].unit)
			budget_sum_add(&s, &l->l[i++]);
		html(r, "<tr><td><a href=\"/budget?unit=%s&amp;year=%d\">%s</a></td>", t->units[l->l[from].unit].code, year,
		     t->units[l->l[from].unit].short_name);
		sum_cells(r, &s);
		html(r, "</tr>");
	}
	html(r, "</tbody></table></div></section>");
	sums(r, l);
}

static enum gemis_err render(struct http_req *r, int unit, int year, const char *top, bool ok)
{
	const struct unit *u = &r->snap->tree.units[unit];
	struct budget_list l;
	struct db *db;
	enum gemis_err err = http_db(r, &db);

	memset(&l, 0, sizeof(l));
	if (!err)
		err = budget_load(db, &r->snap->tree, unit, year, &l, &r->err);
	if (err)
		goto out;
	page_begin(r, _("Budget"), unit);
	html(r, "<div class=\"head\"><h1>%s <small>%s · %d</small></h1><p class=\"years\">"
		"<a href=\"/budget?unit=%s&amp;year=%d\">← %d</a> · <a href=\"/budget?unit=%s&amp;year=%d\">%d →</a></p></div>",
	     _("Budget of the plan"), u->name, year, u->code, year - 1, year - 1, u->code, year + 1, year + 1);
	top_message(r, top, ok);
	html(r, "<p class=\"actions\"><a class=\"button\" download href=\"/budget/export?unit=%s&amp;year=%d\">%s</a></p>", u->code,
	     year, _("Budget sheet for the finance office (XLSX)"));
	if (u->level >= LEVEL_COMMUNE)
		err = commune_page(r, db, unit, year, &l);
	else
		area_page(r, year, &l);
	page_end(r);
out:
	budget_list_release(&l);
	return err;
}

enum gemis_err page_budget(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	enum gemis_err err;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	return render(r, unit, http_year_or_this(r), http_param(r, "done") ? _("Saved.") : NULL,
		      true);
}

enum gemis_err page_budget_add(struct http_req *r)
{
	struct budget_fields f;
	struct diags d;
	struct db *db;
	const char *action = http_param_or(r, "action", "save");
	enum gemis_err err;
	long long id = 0;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (err)
		return err;
	memset(&f, 0, sizeof(f));
	f.year = http_param(r, "year");
	f.agency = http_param(r, "agency");
	f.task = http_param_or(r, "task", "");
	f.source = http_param(r, "source");
	f.title = http_param(r, "title");
	f.estimate = http_param(r, "estimate");
	f.note = http_param(r, "note");
	diags_init(&d, 30);
	err = http_db(r, &db);
	if (!err)
		err = budget_add(db, &r->snap->tree, &r->who, unit, &f, strcmp(action, "submit") == 0, r->now, &d, &id,
				 &r->err);
	if (!err) {
		err = http_redirect(r, arena_printf(&r->arena, "/budget/%s/%lld?done=1", r->snap->tree.units[unit].code, id));
	} else if (err == GEMIS_EINVAL) {
		long y = 0;
		const char *msg = d.n ? arena_printf(&r->arena, "%s %s", r->err.msg, problems_text(r, &d)) : r->err.msg;

		if (!f.year || !text_parse_long(f.year, strlen(f.year), &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
			y = http_today(r) / 10000;
		render(r, unit, (int)y, msg, false);
		err = http_keep_body(r, err);
	}
	diags_release(&d);
	return err;
}

/* --- one line ----------------------------------------------------------------------- */

static void line_fields(struct http_req *r, const struct budget_list *l, const struct budget_line *x)
{
	html(r, "<dl class=\"fields\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%d</dd>", _("Agency"),
	     agency_label(r, x->agency, x->agency_id), _("Year"), x->year);
	if (x->task_label)
		html(r, "<dt>%s</dt><dd>%s</dd>", _("Task"), x->task_label);
	html(r, "<dt>%s</dt><dd lang=\"vi\">%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
	     _("What for"), x->title, _("Funding source"), source_label(r, l, x->source), _("Estimated"),
	     money(r, x->estimate), _("Appraised"), money(r, x->appraised));
	html(r, "<dt>%s</dt><dd>%s", _("Approved"), money(r, x->approved));
	if (x->decision_no)
		html(r, " (%s <span lang=\"vi\">%s</span>, %s)", _("decision"), x->decision_no,
		     x->decision_date ? x->decision_date : "");
	html(r, "</dd><dt>%s</dt><dd class=\"%s\">%s%s</dd>", _("Spent"), budget_overspent(x) ? "late" : "",
	     money(r, x->spent), budget_overspent(x) ? arena_printf(&r->arena, " ⚠ %s", _("above what was approved")) : "");
	if (x->note)
		html(r, "<dt>%s</dt><dd lang=\"vi\">%s</dd>", _("Note"), x->note);
	html(r, "<dt>%s</dt><dd><span class=\"ts ts-%s\">%s</span></dd></dl>", _("State"),
	     wf_state_id(&wf_estimate, x->status), wf_state_name(&wf_estimate, x->status));
}

static bool may(struct http_req *r, const struct budget_line *x, const char *action)
{
	return wf_may(&wf_estimate, &r->snap->tree, &r->who, x->status, wf_action_find(&wf_estimate, action), x->unit,
		      x->agency);
}

static void step_form_open(struct http_req *r, const struct budget_line *x, const char *action, const char *title)
{
	html(r, "<form method=\"post\" action=\"/budget/%s/%lld\" class=\"stack step-%s\"><h3>%s</h3>",
	     r->snap->tree.units[x->unit].code, x->id, action, title);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\"><input type=\"hidden\" name=\"action\" value=\"%s\">",
	     x->version, action);
}

static void step_forms(struct http_req *r, const struct budget_list *l, const struct budget_line *x)
{
	if (may(r, x, "save") || may(r, x, "submit")) {
		step_form_open(r, x, "submit", _("Change the estimate"));
		source_select(r, l, x->source);
		html(r, "<label>%s <input name=\"title\" value=\"%s\" maxlength=\"%d\" lang=\"vi\"></label>"
			"<label>%s <input name=\"estimate\" value=\"%lld\" inputmode=\"numeric\"></label>"
			"<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
		     _("What for"), x->title, BUDGET_TITLE_MAX, _("Estimate (VND)"), x->estimate,
		     _("Submit to the economic office"));
	}
	if (may(r, x, "appraise")) {
		step_form_open(r, x, "appraise", _("Appraise"));
		html(r, "<label>%s <input name=\"amount\" value=\"%lld\" inputmode=\"numeric\" required></label>"
			"<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
		     _("Appraised amount (VND)"), x->estimate, _("Appraise"));
	}
	if (may(r, x, "approve")) {
		step_form_open(r, x, "approve", _("Approve (the committee's decision)"));
		html(r, "<label>%s <input name=\"amount\" value=\"%lld\" inputmode=\"numeric\"></label>"
			"<label>%s <input name=\"decision_no\" placeholder=\"125/QĐ-UBND\" required></label>"
			"<label>%s <input name=\"decision_date\" placeholder=\"dd/mm/yyyy\" required></label>"
			"<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
		     _("Approved amount (VND)"), x->appraised != BUDGET_NONE ? x->appraised : x->estimate,
		     _("Decision number"), _("Decision date"), _("Approve"));
	}
	if (may(r, x, "spend")) {
		step_form_open(r, x, "spend", _("Record what was spent"));
		/* what was recorded so far, to correct or add to */
		html(r, "<label>%s <input name=\"amount\" inputmode=\"numeric\" required value=\"%s\"></label>"
			"<label>%s <textarea name=\"note\" rows=\"2\" lang=\"vi\">%s</textarea></label>"
			"<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
		     _("Spent so far (VND)"), x->spent != BUDGET_NONE ? arena_printf(&r->arena, "%lld", x->spent) : "",
		     _("Note"), x->note ? x->note : "", _("Record"));
	}
	if (may(r, x, "return")) {
		step_form_open(r, x, "return", _("Return to the agency"));
		html(r, "<label>%s <textarea name=\"comment\" rows=\"2\" required></textarea></label>"
			"<div class=\"actions\"><button type=\"submit\" class=\"secondary\">%s</button></div></form>",
		     _("Why"), _("Return"));
	}
	if (may(r, x, "reopen")) {
		step_form_open(r, x, "reopen", _("Reopen"));
		html(r, "<label>%s <textarea name=\"comment\" rows=\"2\" required></textarea></label>"
			"<div class=\"actions\"><button type=\"submit\" class=\"secondary\">%s</button></div></form>",
		     _("Why"), _("Reopen"));
	}
}

static void trail(struct http_req *r, const struct budget_event *ev, size_t n)
{
	size_t i;

	html(r, "<section><h2>%s</h2><ol class=\"history\">", _("History"));
	for (i = 0; i < n; i++) {
		const struct budget_event *v = &ev[i];
		int a = wf_action_find(&wf_estimate, v->action);

		html(r, "<li><strong>%s</strong> · %s · %s — %s %s, %s %s, %s %s, %s %s", wf_action_done(&wf_estimate, a),
		     fmt_who(r, v->by), fmt_time(r, v->at), _("estimate"), money(r, v->estimate), _("appraised"),
		     money(r, v->appraised), _("approved"), money(r, v->approved), _("spent"), money(r, v->spent));
		if (v->comment)
			html(r, "<br><q lang=\"vi\">%s</q>", v->comment);
		html(r, "</li>");
	}
	html(r, "</ol></section>");
}

static enum gemis_err render_line(struct http_req *r, int unit, long long id, const char *top, bool ok)
{
	struct budget_list l;
	struct budget_event *ev = NULL;
	const struct budget_line *x;
	struct db *db;
	size_t nev = 0;
	enum gemis_err err = http_db(r, &db);

	memset(&l, 0, sizeof(l));
	if (!err)
		err = budget_load(db, &r->snap->tree, unit, 0, &l, &r->err);
	x = err ? NULL : budget_find(&l, id);
	if (!err && !x)
		err = GEMIS_ENOTFOUND;
	if (!err)
		err = budget_history(db, &r->snap->tree, unit, id, &l, &ev, &nev, &r->err);
	if (err)
		goto out;
	page_begin(r, _("Budget line"), unit);
	html(r, "<div class=\"head\"><h1>%s %lld <small>%s · %d</small></h1><p><a href=\"/budget?unit=%s&amp;year=%d\">%s</a></p></div>",
	     _("Budget line"), x->id, r->snap->tree.units[unit].name, x->year, r->snap->tree.units[unit].code, x->year,
	     _("All the lines of the year"));
	top_message(r, top, ok);
	line_fields(r, &l, x);
	step_forms(r, &l, x);
	trail(r, ev, nev);
	page_end(r);
out:
	budget_list_release(&l);
	return err;
}

static enum gemis_err line_of(struct http_req *r, int *unit, long long *id)
{
	const char *sid = http_arg(r, 1);
	long v = 0;
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, unit);
	if (err)
		return err;
	if (!sid || !text_parse_long(sid, strlen(sid), &v) || v <= 0)
		return GEMIS_ENOTFOUND;
	*id = v;
	return GEMIS_OK;
}

enum gemis_err page_budget_line(struct http_req *r)
{
	long long id = 0;
	int unit;
	enum gemis_err err = line_of(r, &unit, &id);

	return err ? err : render_line(r, unit, id, http_param(r, "done") ? _("Saved.") : NULL, true);
}

/* The version the person saw (0 when none or unreadable: refused as stale). */
static long long version_of(struct http_req *r)
{
	const char *v = http_param_or(r, "version", "");
	long n = 0;

	return text_parse_long(v, strlen(v), &n) ? n : 0;
}

enum gemis_err page_budget_step(struct http_req *r)
{
	struct budget_step s;
	struct diags d;
	struct db *db;
	long long id = 0;
	int unit;
	enum gemis_err err = line_of(r, &unit, &id);

	if (err)
		return err;
	memset(&s, 0, sizeof(s));
	s.action = http_param_or(r, "action", "");
	s.version = version_of(r);
	s.amount = http_param(r, "amount");
	s.decision_no = http_param(r, "decision_no");
	s.decision_date = http_param(r, "decision_date");
	s.comment = http_param(r, "comment");
	s.fields.task = http_param(r, "task");
	s.fields.source = http_param(r, "source");
	s.fields.title = http_param(r, "title");
	s.fields.estimate = http_param(r, "estimate");
	s.fields.note = http_param(r, "note");
	diags_init(&d, 30);
	err = http_db(r, &db);
	if (!err)
		err = budget_act(db, &r->snap->tree, &r->who, unit, id, &s, r->now, &d, &r->err);
	if (!err) {
		err = http_redirect(r, arena_printf(&r->arena, "/budget/%s/%lld?done=1", r->snap->tree.units[unit].code, id));
	} else if (err == GEMIS_EINVAL || err == GEMIS_ECONFLICT) {
		const char *msg = d.n ? arena_printf(&r->arena, "%s %s", r->err.msg, problems_text(r, &d)) : r->err.msg;

		render_line(r, unit, id, msg, false);
		err = http_keep_body(r, err);
	}
	diags_release(&d);
	return err;
}

enum gemis_err page_budget_export(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit"), *tmp = getenv("TMPDIR");
	struct budget_list l;
	struct buf file;
	struct db *db;
	char dir[64], path[96];
	enum gemis_err err;
	int unit, year;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	year = http_year_or_this(r);
	err = http_db(r, &db);
	if (err)
		return err;
	/* libxlsxwriter writes a file: a private directory, read back and removed */
	snprintf(dir, sizeof(dir), "%s/gemis-budget-XXXXXX", tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return http_fail(r, GEMIS_EIO, "%s", _("cannot write the file"));
	snprintf(path, sizeof(path), "%s/budget.xlsx", dir);
	err = budget_load(db, &s->tree, unit, year, &l, &r->err);
	if (!err)
		err = budget_xlsx(&l, &s->tree, unit, year, path, &r->err);
	budget_list_release(&l);
	buf_init(&file, (size_t)20 << 20);
	if (!err)
		err = buf_read_file(&file, path, &r->err);
	unlink(path);
	rmdir(dir);
	if (!err) {
		r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		http_set_header(r, "Content-Disposition",
				arena_printf(&r->arena, "attachment; filename=\"du-toan-kinh-phi-%s-%d.xlsx\"",
					     s->tree.units[unit].code, year));
		http_write(r, buf_str(&file), file.len);
	}
	buf_release(&file);
	return err;
}
