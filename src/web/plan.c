/*
 * plan.c: a unit's plan.
 *
 *   GET  /plan/{code}                   the plan in force: document, targets,
 *                                       agencies and assignments, deadline;
 *                                       for those who may change it, the edit
 *                                       form and the upload form
 *   POST /plan/{code}                   saves the edited targets, deadline and
 *                                       assignments as a new plan in force
 *   POST /plan/{code}/upload            a plan document (.txt, .docx, .pdf, or
 *                                       the JSON of docs/plan-json.md) through
 *                                       the importer (plan/plan.h) and its lint
 *   GET  /plan/{code}/upload/{id}       what the importer found, with the
 *                                       lint findings and the problems that
 *                                       would stop it
 *   POST /plan/{code}/apply             stores an uploaded plan (plan_load),
 *                                       once the person has seen what changes
 *                                       (report/plandiff.h) and confirmed
 *   POST /plan/{code}/restore           puts an earlier plan back in force:
 *                                       the undo of an apply or an edit
 *
 * An edit or an upload becomes a new plan with plan_load(), which checks it
 * field by field and keeps the plan it replaces in the history.  The edit
 * form carries the id of the plan it was opened on: a save over a plan
 * replaced meanwhile is refused.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "report/plandiff.h"
#include "report/progress.h"
#include "store/plans.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

static const char *s_or(const json_t *o, const char *key, const char *dflt)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : dflt;
}

/* The plan in force of a unit: its id, JSON (caller json_decref()s), who
 * loaded it and when; *plan NULL when there is none. */
static enum gemis_err page_plan_in_force(struct http_req *r, int unit, long long *id, json_t **plan,
					 const char **by, long long *at)
{
	struct db *db;
	struct plan_current p;
	enum gemis_err err = http_db(r, &db);

	*id = 0;
	*plan = NULL;
	if (!err)
		err = plan_in_force(db, &r->snap->tree, unit, true, &p, &r->err);
	if (err || !p.id)
		return err;
	*id = p.id;
	*plan = p.doc;
	*by = arena_strdup(&r->arena, p.loaded_by);
	*at = p.loaded_at;
	return GEMIS_OK;
}

static const char *agency_label(struct http_req *r, const char *id)
{
	int a = agency_find(id);

	if (a < 0) {
		a = province_agency_find(id);
		if (a < 0)
			return id;
		return r->lang == LANG_EN ? province_agency_kinds[a].name_en : province_agency_kinds[a].name_vi;
	}
	return r->lang == LANG_EN ? agency_kinds[a].name_en : agency_kinds[a].name_vi;
}

/* A target's indicator by name; one the catalogue does not have
 * ("custom" in the plan's JSON) is the plan's own. */
static const char *target_indicator(struct http_req *r, const char *id)
{
	int k = catalog_find(id);

	return k >= 0 ? indicator_name(&catalog[k], r->lang) : _("an indicator of the plan's own");
}

static const char *direction_label(const char *d)
{
	if (strcmp(d, "at_most") == 0)
		return _("at most");
	if (strcmp(d, "achieve") == 0)
		return _("achieve");
	return _("at least");
}

/* What the plan states without a measure (no targets: the targets in
 * force stay), what an amending plan repeals and which plan it amends. */
static void render_aims(struct http_req *r, const json_t *plan)
{
	const json_t *x, *amends = json_object_get(json_object_get(plan, "document"), "amends");
	size_t i;

	if (json_array_size(json_object_get(plan, "aims"))) {
		html(r, "<h2>%s</h2><p class=\"hint\">%s</p><ul class=\"aims\">", _("Aims without a measure"),
		     _("No value and no end to check: they are not stored as targets, and the targets in force for "
		       "these indicators stay."));
		json_array_foreach(json_object_get(plan, "aims"), i, x) {
			int k = catalog_find(s_or(x, "indicator", ""));

			html(r, "<li>%s", s_or(x, "text", ""));
			if (k >= 0)
				html(r, " <small>(%s)</small>", indicator_name(&catalog[k], r->lang));
			html(r, "</li>");
		}
		html(r, "</ul>");
	}
	if (json_is_object(amends))
		html(r, "<p>%s <strong>%s</strong></p>", _("This plan amends plan"), s_or(amends, "number", "?"));
	if (json_array_size(json_object_get(plan, "repealed"))) {
		html(r, "<h2>%s</h2><ul>", _("Targets repealed"));
		json_array_foreach(json_object_get(plan, "repealed"), i, x)
			html(r, "<li>%s</li>", target_indicator(r, s_or(x, "indicator", "")));
		html(r, "</ul>");
	}
}

/* The plan for reading (the one in force, or an upload under review). */
static void render_plan(struct http_req *r, const json_t *plan)
{
	const json_t *doc = json_object_get(plan, "document"), *per = json_object_get(doc, "period");
	const json_t *signer = json_object_get(doc, "signer"), *dl = json_object_get(plan, "deadline");
	const json_t *x, *v;
	const char *key;
	size_t i, j;

	html(r, "<dl class=\"facts\">");
	/* what the signed document says is Vietnamese, whatever the page's
	 * language (lang="vi": read out as Vietnamese by screen readers) */
	html(r, "<dt>%s</dt><dd lang=\"vi\">%s</dd>", _("Title"), s_or(doc, "title", "–"));
	html(r, "<dt>%s</dt><dd lang=\"vi\">%s · %s</dd>", _("Number and date"), s_or(doc, "number", "–"),
	     s_or(doc, "date", "–"));
	if (json_is_array(per))
		html(r, "<dt>%s</dt><dd>%lld–%lld</dd>", _("Period"), (long long)json_integer_value(json_array_get(per, 0)),
		     (long long)json_integer_value(json_array_get(per, 1)));
	if (json_is_object(signer))
		html(r, "<dt>%s</dt><dd lang=\"vi\">%s, %s</dd>", _("Signed by"), s_or(signer, "name", "?"),
		     s_or(signer, "title", ""));
	html(r, "<dt>%s</dt><dd>", _("Deadline"));
	if (json_is_object(dl)) {
		const json_t *y = json_object_get(dl, "year");

		html(r, "%02lld/%02lld", (long long)json_integer_value(json_object_get(dl, "day")),
		     (long long)json_integer_value(json_object_get(dl, "month")));
		if (json_is_integer(y))
			html(r, "/%lld", (long long)json_integer_value(y));
		else
			html(r, " %s", _("every year"));
		if (s_or(dl, "to", NULL))
			html(r, " → %s", agency_label(r, s_or(dl, "to", "")));
	} else {
		html(r, "%s", _("none set"));
	}
	html(r, "</dd></dl>");
	html(r, "<h2>%s</h2><div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th>"
		"<th>%s</th></tr></thead><tbody>",
	     _("Targets"), _("Indicator"), _("Target"), _("Year"), _("As written in the plan"));
	json_array_foreach(json_object_get(plan, "targets"), i, x) {
		const char *id = s_or(x, "indicator", "?");
		const json_t *val = json_object_get(x, "value");
		const char *ind = target_indicator(r, id);
		char num[48] = "";

		if (json_is_number(val))
			format_number(num, sizeof(num), json_number_value(val), 2);
		/* the plan's own targets: a local indicator of the unit when
		 * they have a value (store/local_indicators.h), else not kept */
		if (catalog_find(id) < 0)
			ind = arena_printf(&r->arena, "%s (%s)", ind,
					   json_is_number(val) ? _("a local indicator of the unit") : _("no value: not stored"));
		html(r, "<tr><td>%s</td><td>%s %s%s</td><td class=\"num\">%lld</td><td><small lang=\"vi\">%s</small></td></tr>",
		     ind, direction_label(s_or(x, "direction", "")), num,
		     json_is_number(val) && strcmp(s_or(x, "unit", ""), "%") == 0 ? "%" : "",
		     (long long)json_integer_value(json_object_get(x, "year")), s_or(x, "text", ""));
	}
	html(r, "</tbody></table></div>");
	render_aims(r, plan);
	html(r, "<h2>%s</h2><ul>", _("Agencies and their indicators"));
	json_array_foreach(json_object_get(plan, "agencies"), i, x) {
		const json_t *as = json_object_get(json_object_get(plan, "assignments"), json_string_value(x));

		html(r, "<li><strong>%s</strong>", agency_label(r, json_string_value(x)));
		if (json_array_size(as)) {
			html(r, ": ");
			json_array_foreach(as, j, v) {
				int k = catalog_find(json_string_value(v));

				html(r, "%s%s", j ? "; " : "", k >= 0 ? indicator_name(&catalog[k], r->lang) : json_string_value(v));
			}
		}
		html(r, "</li>");
	}
	/* assignments of agencies the plan does not list among its agencies */
	json_object_foreach((json_t *)json_object_get(plan, "assignments"), key, v) {
		bool listed = false;

		json_array_foreach(json_object_get(plan, "agencies"), i, x) {
			if (json_is_string(x) && strcmp(json_string_value(x), key) == 0)
				listed = true;
		}
		if (!listed)
			html(r, "<li><strong>%s</strong>: %zu</li>", agency_label(r, key), json_array_size(v));
	}
	html(r, "</ul>");
}

static void render_lint(struct http_req *r, const json_t *plan)
{
	const json_t *l;
	size_t i;

	if (!json_array_size(json_object_get(plan, "lint")))
		return;
	html(r, "<h2>%s</h2><ul class=\"lint\">", _("What a reviewer would raise"));
	json_array_foreach(json_object_get(plan, "lint"), i, l) {
		const json_t *line = json_object_get(l, "line");
		const char *title = plan_lint_title(s_or(l, "code", NULL));

		html(r, "<li>");
		if (title)
			html(r, "<strong>%s</strong> ", title);
		if (json_is_integer(line))
			html(r, "(%s %lld) ", _("line"), (long long)json_integer_value(line));
		html(r, "%s</li>", s_or(l, "message", ""));
	}
	html(r, "</ul>");
}

static bool assigned(const json_t *plan, const char *agency, const char *ind)
{
	const json_t *as = json_object_get(json_object_get(plan, "assignments"), agency), *x;
	size_t i;

	json_array_foreach(as, i, x) {
		if (json_is_string(x) && strcmp(json_string_value(x), ind) == 0)
			return true;
	}
	return false;
}

static void edit_form(struct http_req *r, const struct unit *u, long long id, const json_t *plan)
{
	const json_t *x, *dl = json_object_get(plan, "deadline");
	size_t i, k;

	html(r, "<details class=\"edit\"><summary>%s</summary>", _("Change the targets, deadline and assignments"));
	html(r, "<form method=\"post\" action=\"/plan/%s\" class=\"plan-edit\">", u->code);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"plan\" value=\"%lld\">", id);
	html(r, "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" id=\"th_dir\">%s</th>"
		"<th scope=\"col\" id=\"th_val\">%s</th><th scope=\"col\" id=\"th_year\">%s</th></tr></thead><tbody>",
	     _("Indicator"), _("Direction"), _("Value"), _("Year"));
	json_array_foreach(json_object_get(plan, "targets"), i, x) {
		const char *id2 = s_or(x, "indicator", "?"), *dir = s_or(x, "direction", "at_least");
		const json_t *val = json_object_get(x, "value");
		static const char *const dirs[] = {"at_least", "at_most", "achieve"};

		html(r, "<tr><th scope=\"row\" id=\"tn%zu\">%s</th><td><select name=\"t%zu_dir\" aria-labelledby=\"tn%zu th_dir\">", i,
		     target_indicator(r, id2), i, i);
		for (k = 0; k < 3; k++) {
			if (strcmp(dir, dirs[k]) == 0)
				html(r, "<option value=\"%s\" selected>%s</option>", dirs[k], direction_label(dirs[k]));
			else
				html(r, "<option value=\"%s\">%s</option>", dirs[k], direction_label(dirs[k]));
		}
		html(r, "</select></td><td><input name=\"t%zu_value\" inputmode=\"decimal\" size=\"6\" value=\"%s\""
			" aria-labelledby=\"tn%zu th_val\"></td>"
			"<td><input name=\"t%zu_year\" inputmode=\"numeric\" size=\"4\" value=\"%lld\" aria-labelledby=\"tn%zu th_year\"></td></tr>",
		     i, json_is_number(val) ? arena_printf(&r->arena, "%g", json_number_value(val)) : "", i, i,
		     (long long)json_integer_value(json_object_get(x, "year")), i);
	}
	html(r, "</tbody></table></div>");
	html(r, "<p><label>%s <input name=\"deadline_day\" inputmode=\"numeric\" size=\"2\" value=\"%s\"></label> "
		"<label>%s <input name=\"deadline_month\" inputmode=\"numeric\" size=\"2\" value=\"%s\"></label></p>",
	     _("Deadline day"),
	     json_is_object(dl) ? arena_printf(&r->arena, "%lld", (long long)json_integer_value(json_object_get(dl, "day"))) : "",
	     _("month"),
	     json_is_object(dl) ? arena_printf(&r->arena, "%lld", (long long)json_integer_value(json_object_get(dl, "month"))) : "");
	html(r, "<h3>%s</h3><div class=\"scroll\"><table class=\"assign\"><thead><tr><th>%s</th>", _("Assignments"),
	     _("Indicator"));
	json_array_foreach(json_object_get(plan, "agencies"), i, x)
		html(r, "<th scope=\"col\" id=\"ag%zu\">%s</th>", i, agency_label(r, json_string_value(x)));
	html(r, "</tr></thead><tbody>");
	for (k = 0; k < catalog_n(); k++) {
		/* an agency's duty on a province's own indicator holds in that province only */
		if (!indicator_in_scope(&r->snap->tree, &catalog[k], (int)(u - r->snap->tree.units)))
			continue;
		html(r, "<tr><th scope=\"row\" id=\"in%zu\">%s</th>", k, indicator_name(&catalog[k], r->lang));
		json_array_foreach(json_object_get(plan, "agencies"), i, x) {
			const char *ag = json_string_value(x);

			html(r, "<td><input type=\"checkbox\" name=\"a_%s_%s\" value=\"1\"%s aria-labelledby=\"in%zu ag%zu\"></td>",
			     ag, catalog[k].id, assigned(plan, ag, catalog[k].id) ? " checked" : "", k, i);
		}
		html(r, "</tr>");
	}
	html(r, "</tbody></table></div><button type=\"submit\">%s</button></form></details>", _("Save as the plan in force"));
}

static void upload_form(struct http_req *r, const struct unit *u)
{
	html(r, "<section><h2>%s</h2><form method=\"post\" action=\"/plan/%s/upload\" enctype=\"multipart/form-data\" class=\"stack narrow\">",
	     _("Upload a plan document"), u->code);
	form_csrf(r);
	html(r, "<label>%s <input type=\"file\" name=\"file\" required accept=\".txt,.docx,.pdf,.json\"></label>"
		"<p class=\"hint\">%s</p><button type=\"submit\">%s</button></form></section>",
	     _("The signed plan (text, DOCX or PDF), or its JSON"),
	     _("gemis reads the targets, agencies, assignments and deadline and shows what it found and what a "
	       "reviewer would raise; nothing changes until you apply it."),
	     _("Read the plan"));
}

struct history_ctx {
	struct http_req *r;
	const struct unit *u;
	long long in_force;
	bool can;
	int shown;
	long long previous; /* the most recently superseded plan, 0 when none */
};

/* A form that puts plan `id` back in force (the plan in force is `cur`). */
static void restore_form(struct http_req *r, const struct unit *u, long long id, long long cur, const char *label,
			 bool primary)
{
	html(r, "<form method=\"post\" action=\"/plan/%s/restore\" class=\"inline\">", u->code);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"plan\" value=\"%lld\"><input type=\"hidden\" name=\"current\" value=\"%lld\">"
		"<button type=\"submit\" class=\"%s\">%s</button></form>",
	     id, cur, primary ? "" : "secondary", label);
}

static enum gemis_err history_row(void *ctx, const struct plan_version *v)
{
	struct history_ctx *c = ctx;
	struct http_req *r = c->r;

	if (!v->superseded_at)
		c->in_force = v->id;
	else if (!c->previous)
		c->previous = v->id;
	if (!c->shown++)
		html(r, "<section><h2>%s</h2><div class=\"scroll\"><table><thead><tr><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
			"</tr></thead><tbody>",
		     _("Versions of the plan"), _("Loaded"), _("Document"), _("Targets"), _("State"));
	html(r, "<tr><td>%s<br><small>%s</small></td><td lang=\"vi\">%s</td><td class=\"num\">%u</td><td>", fmt_time(r, v->loaded_at),
	     fmt_who(r, v->loaded_by), v->number[0] ? v->number : (v->title[0] ? v->title : "–"), v->ntargets);
	if (!v->superseded_at) {
		html(r, "<strong>%s</strong>", _("in force"));
	} else {
		html(r, "%s %s ", _("replaced"), fmt_time(r, v->superseded_at));
		if (c->can && c->in_force)
			restore_form(r, c->u, v->id, c->in_force, _("Put this version back"), false);
	}
	html(r, "</td></tr>");
	return GEMIS_OK;
}

static enum gemis_err note_previous(void *ctx, const struct plan_version *v)
{
	struct history_ctx *c = ctx;

	if (!v->superseded_at)
		c->in_force = v->id;
	else if (!c->previous)
		c->previous = v->id;
	return GEMIS_OK;
}

/* After a plan was stored or restored: how many of its own targets
 * became local indicators (linked to their page), how many were left out
 * for want of a value. */
static void local_note(struct http_req *r, const struct unit *u)
{
	const char *nl = http_param(r, "local"), *ns = http_param(r, "skipped");
	long n = 0, k = 0;

	if (nl && text_parse_long(nl, strlen(nl), &n) && n > 0)
		html(r, "<p class=\"ok\" role=\"status\">%s <a href=\"/units/%s/local\">%s</a></p>",
		     arena_printf(&r->arena,
				  ngettext_("%ld target of the plan's own became a local indicator of the unit.",
					    "%ld targets of the plan's own became local indicators of the unit.", (unsigned long)n),
				  n),
		     u->code, _("Local indicators"));
	if (ns && text_parse_long(ns, strlen(ns), &k) && k > 0)
		html(r, "<p class=\"hint\">%s</p>",
		     arena_printf(&r->arena,
				  ngettext_("%ld target of the plan's own has no value: it was not stored.",
					    "%ld targets of the plan's own have no value: they were not stored.", (unsigned long)k),
				  k));
}

enum gemis_err page_plan(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const struct unit *u;
	json_t *plan = NULL;
	const char *by = "", *done = http_param(r, "done");
	long long id = 0, at = 0;
	enum gemis_err err;
	int unit;
	bool can;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (!err)
		err = page_plan_in_force(r, unit, &id, &plan, &by, &at);
	if (err)
		return err;
	u = &s->tree.units[unit];
	can = http_can(r, ACT_PLAN, unit, -1);
	page_begin(r, arena_printf(&r->arena, "%s · %s", _("Plan"), u->name), unit);
	html(r, "<nav class=\"crumbs\"><a href=\"/?unit=%s\">%s</a></nav>", u->code, u->name);
	html(r, "<h1>%s <small>%s</small></h1>", _("Plan"), u->name);
	if (done && strcmp(done, "2") == 0)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", _("The earlier plan is back in force."));
	else if (done)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", _("The plan was stored; it is now the plan in force."));
	if (done)
		local_note(r, u);
	if (done && can) {
		/* the undo, in one step, right where the change is announced */
		struct history_ctx hc = {r, u, 0, false, 0, 0};
		struct db *db;

		if (!http_db(r, &db))
			plans_history(db, &s->tree, unit, 2, note_previous, &hc, NULL);
		if (hc.previous && hc.in_force == id) {
			html(r, "<div class=\"undo\">");
			restore_form(r, u, hc.previous, id, _("Undo: put the previous plan back"), false);
			html(r, "</div>");
		}
	}
	if (plan) {
		html(r, "<p class=\"hint\">%s %s, %s</p>", _("Loaded by"), fmt_who(r, by), fmt_time(r, at));
		render_plan(r, plan);
		if (can)
			edit_form(r, u, id, plan);
	} else {
		html(r, "<p>%s</p>", _("This unit has no plan in force."));
	}
	if (can)
		upload_form(r, u);
	{
		struct history_ctx hc = {r, u, id, can, 0, 0};
		struct db *db;

		if (!http_db(r, &db))
			plans_history(db, &s->tree, unit, 10, history_row, &hc, NULL);
		if (hc.shown)
			html(r, "</tbody></table></div></section>");
	}
	page_end(r);
	json_decref(plan);
	return GEMIS_OK;
}

/* Stores a plan JSON as the unit's plan; problems go to r->diags. */
/* The plan page after a change (done: 1 stored, 2 restored), saying how
 * many of the plan's own targets became local indicators and how many
 * (without a value) were not stored. */
static const char *done_url(struct http_req *r, int done, const struct plan_info *info)
{
	size_t local = info->nlocal_new + info->nlocal_kept;

	/* the counts only when there are some: a plan without targets of its
	 * own keeps the address it always had */
	if (!local && !info->nskipped)
		return arena_printf(&r->arena, "/plan/%s?done=%d", http_arg(r, 0), done);
	return arena_printf(&r->arena, "/plan/%s?done=%d&local=%zu&skipped=%zu", http_arg(r, 0), done, local,
			    info->nskipped);
}

static enum gemis_err store_plan(struct http_req *r, int unit, json_t *plan, struct plan_info *info_out)
{
	struct db *db;
	struct plan_info info;
	enum gemis_err err = http_db(r, &db);

	if (err)
		return err;
	r->diags = arena_alloc(&r->arena, sizeof(*r->diags));
	if (!r->diags)
		return GEMIS_ENOMEM;
	diags_init(r->diags, 200);
	err = plan_load(db, &r->snap->tree, plan, r->user.name, false, r->diags, &info, &r->err);
	if (!err) {
		http_data_changed(r);
		*info_out = info;
		if (info.unit != unit)
			return GEMIS_EPERM; /* not reached: the unit was checked before */
	} else if (r->diags->total > 0) {
		plan_diags_in_words(plan, r->diags);
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the plan was not stored."));
	}
	return err;
}

/* Puts the page's unit into a plan that names none, and refuses one that
 * names another unit. */
static enum gemis_err own_unit(struct http_req *r, json_t *plan, int unit)
{
	json_t *doc = json_object_get(plan, "document"), *u;
	const char *code;

	if (!json_is_object(doc))
		return http_fail(r, GEMIS_EINVAL, "%s", _("this is not a plan (no document)"));
	u = json_object_get(doc, "unit");
	if (!json_is_object(u)) {
		u = json_object();
		json_object_set_new(doc, "unit", u);
	}
	code = s_or(u, "code", NULL);
	if (!code) {
		json_object_set_new(u, "code", json_string(r->snap->tree.units[unit].code));
		return GEMIS_OK;
	}
	if (strcmp(code, r->snap->tree.units[unit].code) != 0)
		return http_fail(r, GEMIS_EINVAL, _("this plan belongs to %s (%s), not to %s"), s_or(u, "name", "?"), code,
				 r->snap->tree.units[unit].name);
	return GEMIS_OK;
}

enum gemis_err page_plan_edit(struct http_req *r)
{
	json_t *plan = NULL, *x;
	const char *by, *pid = http_param_or(r, "plan", "0");
	long long id = 0, at;
	long want = -1;
	struct plan_info info;
	enum gemis_err err;
	int unit;
	size_t i, k;
	json_t *agencies, *assignments;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_PLAN, -1, &unit);
	if (!err)
		err = page_plan_in_force(r, unit, &id, &plan, &by, &at);
	if (err)
		return err;
	text_parse_long(pid, strlen(pid), &want);
	if (!plan || id != want) {
		json_decref(plan);
		return http_fail(r, GEMIS_ECONFLICT, "%s",
				 _("the plan changed since you opened it; reload the page and make your changes again"));
	}
	json_array_foreach(json_object_get(plan, "targets"), i, x) {
		char name[48];
		const char *dir, *val, *yr;
		double v;
		long y;

		snprintf(name, sizeof(name), "t%zu_dir", i);
		dir = http_param(r, name);
		snprintf(name, sizeof(name), "t%zu_value", i);
		val = http_param(r, name);
		snprintf(name, sizeof(name), "t%zu_year", i);
		yr = http_param(r, name);
		if (dir)
			json_object_set_new(x, "direction", json_string(dir));
		if (val && *val && text_parse_number(val, strlen(val), &v))
			json_object_set_new(x, "value", json_real(v));
		else if (val && *val)
			json_object_set_new(x, "value", json_string(val)); /* plan_check names it */
		else if (val)
			json_object_set_new(x, "value", json_null());
		if (yr && text_parse_long(yr, strlen(yr), &y))
			json_object_set_new(x, "year", json_integer(y));
		else if (yr)
			json_object_set_new(x, "year", json_string(yr));
	}
	{
		const char *d = http_param(r, "deadline_day"), *m = http_param(r, "deadline_month");
		long dd, mm;

		if (d && m && *d && *m && text_parse_long(d, strlen(d), &dd) && text_parse_long(m, strlen(m), &mm)) {
			json_t *dl = json_object_get(plan, "deadline");

			if (!json_is_object(dl)) {
				dl = json_pack("{s:n, s:n}", "year", "to");
				json_object_set_new(plan, "deadline", dl);
			}
			json_object_set_new(dl, "day", json_integer(dd));
			json_object_set_new(dl, "month", json_integer(mm));
		} else if (d && m && !*d && !*m) {
			json_object_set_new(plan, "deadline", json_null());
		} else if (d || m) {
			json_decref(plan);
			return http_fail(r, GEMIS_EINVAL, "%s", _("the deadline needs a day and a month"));
		}
	}
	agencies = json_object_get(plan, "agencies");
	assignments = json_object();
	json_array_foreach(agencies, i, x) {
		json_t *list = json_array();

		for (k = 0; k < catalog_n(); k++) {
			char name[128];

			snprintf(name, sizeof(name), "a_%s_%s", json_string_value(x), catalog[k].id);
			if (http_param(r, name))
				json_array_append_new(list, json_string(catalog[k].id));
		}
		if (json_array_size(list))
			json_object_set_new(assignments, json_string_value(x), list);
		else
			json_decref(list);
	}
	json_object_set_new(plan, "assignments", assignments);
	json_object_del(plan, "lint");
	err = store_plan(r, unit, plan, &info);
	json_decref(plan);
	if (err)
		return err;
	return http_redirect(r, done_url(r, 1, &info));
}

enum gemis_err page_plan_upload(struct http_req *r)
{
	const struct http_file *f = http_file(r, "file");
	struct buf text;
	json_t *plan = NULL;
	json_error_t je;
	struct db *db;
	char *dump = NULL;
	long long id = 0;
	enum gemis_err err;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_PLAN, -1, &unit);
	if (err)
		return err;
	if (!f || f->len == 0)
		return http_fail(r, GEMIS_EINVAL, "%s", _("choose a plan document"));
	buf_init(&text, (size_t)64 << 20);
	if (f->len > 0 && f->data[0] == '{') {
		plan = json_loadb(f->data, f->len, JSON_REJECT_DUPLICATES, &je);
		if (!plan)
			err = http_fail(r, GEMIS_EFORMAT, _("%s: not valid JSON: %s (line %d)"), f->filename, je.text, je.line);
	} else {
		err = plan_document_text(f->data, f->len, PLAN_FORMAT_AUTO, &text, &r->err);
		if (!err)
			err = plan_import(buf_str(&text), text.len, &plan, &r->err);
		if (err && r->err.msg[0]) { /* the message names the file, as everywhere */
			char msg[sizeof(r->err.msg)];

			snprintf(msg, sizeof(msg), "%s", r->err.msg);
			err = http_fail(r, err, "%s: %s", f->filename, msg);
		}
	}
	buf_release(&text);
	if (!err && !json_is_object(plan))
		err = http_fail(r, GEMIS_EFORMAT, "%s", _("this is not a plan (no document)"));
	if (!err)
		err = own_unit(r, plan, unit);
	if (!err) {
		dump = json_dumps(plan, JSON_COMPACT | JSON_PRESERVE_ORDER);
		err = dump ? http_db(r, &db) : GEMIS_ENOMEM;
	}
	if (!err)
		err = plan_uploads_purge(db, r->now, &r->err);
	if (!err)
		err = plan_upload_add(db, &r->snap->tree, unit, r->user.id, f->filename, dump, r->now, &id,
				      &r->err);
	free(dump);
	json_decref(plan);
	if (err)
		return err;
	return http_redirect(r, arena_printf(&r->arena, "/plan/%s/upload/%lld", http_arg(r, 0), id));
}

/* An upload of the unit, not yet applied: its JSON (caller json_decref()s). */
static enum gemis_err load_upload(struct http_req *r, int unit, long long id, json_t **plan, const char **file)
{
	struct db *db;
	char *name = NULL;
	enum gemis_err err = http_db(r, &db);

	*plan = NULL;
	if (!err)
		err = plan_upload_get(db, &r->snap->tree, unit, id, plan, &name, &r->err);
	if (!err && *plan) {
		*file = arena_strdup(&r->arena, name);
		if (!*file)
			err = GEMIS_ENOMEM;
	}
	free(name);
	if (err) {
		json_decref(*plan);
		*plan = NULL;
		return err;
	}
	if (!*plan)
		err = GEMIS_ENOTFOUND;
	return err;
}

/* The indicators of set `in` not in set `out`, by name, separated by
 * semicolons; NULL when there are none. */
static const char *indicator_list(struct http_req *r, const struct indset *in, const struct indset *out)
{
	struct buf b;
	const char *list;
	int k;

	if (indset_subset(in, out))
		return NULL;
	buf_init(&b, 16384);
	for (k = indset_next(in, 0); k >= 0; k = indset_next(in, k + 1)) {
		if (!indset_has(out, k))
			buf_printf(&b, "%s%s", b.len ? "; " : "", indicator_name(&catalog[k], r->lang));
	}
	list = arena_strdup(&r->arena, buf_str(&b));
	buf_release(&b);
	return list ? list : "";
}

/* A target and where it comes from, in one table cell. */
static void diff_target(struct http_req *r, const struct target *t, enum target_from from, bool after, int ind)
{
	char where[200];

	html(r, "<td data-label=\"%s\">%s<br><small>%s</small></td>", after ? _("After applying") : _("Now"),
	     fmt_target(r, from ? t : NULL, catalog[ind].unit),
	     plan_diff_from_name(&r->snap->tree, t, from, after, where, sizeof(where)));
}

/* What applying the plan would change: the targets (and where each comes
 * from after), the statuses that move, the agencies' duties and forms. */
static void render_diff(struct http_req *r, const struct plan_diff *d)
{
	size_t i;

	html(r, "<section class=\"changes\" aria-labelledby=\"changes-h\"><h2 id=\"changes-h\">%s</h2>",
	     arena_printf(&r->arena, _("What changes if you apply it (%d)"), d->year));
	if (!d->in_force)
		html(r, "<p>%s</p>", _("This unit has no plan in force: this one becomes its first."));
	html(r, "<ul class=\"summary\"><li>%s</li><li>%s</li><li>%s</li>",
	     arena_printf(&r->arena, _("Targets set by the plan: %u now, %u after applying."), d->own_before, d->own_after),
	     arena_printf(&r->arena, ngettext_("%u indicator gets another target.", "%u indicators get another target.",
					       d->targets_changed), d->targets_changed),
	     arena_printf(&r->arena, ngettext_("%u status changes.", "%u statuses change.", d->statuses_changed),
			  d->statuses_changed));
	if (d->forms_added || d->forms_dropped)
		html(r, "<li>%s</li>",
		     arena_printf(&r->arena, _("Forms of %d: %u agencies begin to owe one, %u no longer owe one."), d->year,
				  d->forms_added, d->forms_dropped));
	if (d->forms_kept)
		html(r, "<li>%s</li>",
		     arena_printf(&r->arena,
				  ngettext_("%u form already submitted or approved for %d stays visible and counted.",
					    "%u forms already submitted or approved for %d stay visible and counted.",
					    d->forms_kept),
				  d->forms_kept, d->year));
	html(r, "</ul>");
	if (d->nrows) {
		html(r, "<h3>%s</h3><div class=\"scroll\"><table class=\"diff\"><thead><tr><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		     _("Targets"), _("Indicator"), _("Now"), _("After applying"),
		     arena_printf(&r->arena, _("Status in %d"), d->year));
		for (i = 0; i < d->nrows; i++) {
			const struct plan_diff_row *x = &d->rows[i];

			html(r, "<tr class=\"%s\"><th scope=\"row\">%s</th>", x->target_changed || x->status_changed ? "changed" : "same",
			     indicator_name(&catalog[x->ind], r->lang));
			diff_target(r, &x->before, x->from_before, false, x->ind);
			diff_target(r, &x->after, x->from_after, true, x->ind);
			html(r, "<td data-label=\"%s\">", arena_printf(&r->arena, _("Status in %d"), d->year));
			status_badge(r, x->st_before.status);
			if (x->status_changed) {
				html(r, " → ");
				status_badge(r, x->st_after.status);
			} else {
				html(r, " <small>%s</small>", _("unchanged"));
			}
			html(r, "</td></tr>");
		}
		html(r, "</tbody></table></div>");
	}
	if (d->nforms) {
		html(r, "<h3>%s</h3><div class=\"scroll\"><table class=\"diff\"><thead><tr><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		     _("Agencies and their forms"), _("Agency"), _("Indicators now"), _("After applying"),
		     arena_printf(&r->arena, _("Form of %d"), d->year));
		for (i = 0; i < d->nforms; i++) {
			const struct plan_diff_form *f = &d->forms[i];
			bool counted = plan_diff_counted(f->status);
			const char *added = indicator_list(r, &f->after, &f->before);
			const char *dropped = indicator_list(r, &f->before, &f->after);

			html(r, "<tr class=\"%s\"><th scope=\"row\">%s</th><td data-label=\"%s\">%u</td><td data-label=\"%s\">%u",
			     added || dropped ? "changed" : "same", agency_label(r, agency_kinds[f->agency].id),
			     _("Indicators now"), (unsigned)indset_count(&f->before), _("After applying"),
			     (unsigned)indset_count(&f->after));
			if (added)
				html(r, "<br><small>+ %s</small>", added);
			if (dropped)
				html(r, "<br><small>− %s</small>", dropped);
			html(r, "</td><td data-label=\"%s\"><span class=\"sub sub-%s\">%s</span>",
			     arena_printf(&r->arena, _("Form of %d"), d->year), sub_status_id(f->status),
			     sub_status_name(f->status));
			if (indset_empty(&f->after) && counted)
				html(r, "<br><small>%s</small>", _("no longer asked by the plan; kept and counted for the year"));
			else if (indset_empty(&f->after) && !indset_empty(&f->before))
				html(r, "<br><small>%s</small>", _("no longer owed"));
			html(r, "</td></tr>");
		}
		html(r, "</tbody></table></div>");
	}
	if (d->dl_before[0] != d->dl_after[0] || d->dl_before[1] != d->dl_after[1]) {
		html(r, "<p>%s: ", _("Reporting deadline"));
		if (d->dl_before[0])
			html(r, "%02d/%02d", d->dl_before[0], d->dl_before[1]);
		else
			html(r, "%s", _("none set"));
		html(r, " → ");
		if (d->dl_after[0])
			html(r, "%02d/%02d", d->dl_after[0], d->dl_after[1]);
		else
			html(r, "%s", _("none set"));
		html(r, "</p>");
	}
	html(r, "</section>");
}

/* The loud warning of a plan that sets fewer targets than the one in force. */
static void fewer_warning(struct http_req *r, const struct plan_diff *d)
{
	html(r, "<div class=\"alert\" role=\"alert\"><h2>%s</h2><p>%s</p></div>",
	     _("This plan sets fewer targets than the plan in force"),
	     arena_printf(&r->arena,
			  _("It sets targets for %u indicators; the plan in force sets %u. After applying, the "
			    "others are judged against the province's or the national targets, and their statuses "
			    "may change (see below)."),
			  d->own_after, d->own_before));
}

/* The plan's targets on an indicator retired in their year: stored as
 * signed, never judged (plan_retired_targets()); said before applying, as
 * `gemis plan load` says it. */
static void retired_warning(struct http_req *r, const json_t *plan)
{
	struct diags w;
	size_t i;

	diags_init(&w, 50);
	plan_retired_targets(plan, &w);
	if (w.n > 0) {
		plan_diags_in_words(plan, &w);
		html(r, "<div class=\"alert\" role=\"alert\"><h2>%s</h2><ul>",
		     _("Targets on retired indicators"));
		for (i = 0; i < w.n; i++)
			html(r, "<li>%s%s%s</li>", w.d[i].field, w.d[i].field[0] ? ": " : "", w.d[i].msg);
		html(r, "</ul></div>");
	}
	diags_release(&w);
}

enum gemis_err page_plan_review(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *file = "";
	json_t *plan = NULL;
	struct diags d;
	struct plan_diff diff;
	struct db *db;
	json_t *full = NULL;
	enum gemis_err err;
	long id = 0;
	int unit, punit, merged = 0;
	size_t i;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_PLAN, -1, &unit);
	if (err)
		return err;
	if (!http_arg(r, 1) || !text_parse_long(http_arg(r, 1), strlen(http_arg(r, 1)), &id))
		return GEMIS_ENOTFOUND;
	err = load_upload(r, unit, id, &plan, &file);
	if (err)
		return err;
	diags_init(&d, 100);
	memset(&diff, 0, sizeof(diff));
	plan_check(plan, &s->tree, &punit, &d);
	if (d.total == 0) {
		err = http_db(r, &db);
		/* an amendment or a yearly plan completes the plan in force */
		if (!err)
			err = plan_complete(db, &s->tree, unit, plan, &d, &full, &merged, &r->err);
		if (!err && d.total == 0)
			err = plan_diff_compute(db, s, unit, http_today(r) / 10000, full ? full : plan, &diff, &r->err);
		if (err) {
			diags_release(&d);
			json_decref(plan);
			json_decref(full);
			return err;
		}
	}
	page_begin(r, _("Review the plan"), unit);
	html(r, "<nav class=\"crumbs\"><a href=\"/plan/%s\">%s · %s</a></nav>", s->tree.units[unit].code, _("Plan"),
	     s->tree.units[unit].name);
	html(r, "<h1>%s <small>%s</small></h1>", _("Review the plan"), file);
	if (d.total == 0 && plan_diff_fewer_targets(&diff))
		fewer_warning(r, &diff);
	if (d.total == 0)
		retired_warning(r, plan);
	if (d.total > 0) {
		diags_sort(&d);
		plan_diags_in_words(plan, &d);
		html(r, "<h2>%s</h2><ul class=\"problems\">", _("Problems that stop it from being stored"));
		for (i = 0; i < d.n; i++) {
			if (d.d[i].field[0])
				html(r, "<li><code>%s</code>: %s</li>", d.d[i].field, d.d[i].msg);
			else
				html(r, "<li>%s</li>", d.d[i].msg);
		}
		html(r, "</ul>");
	} else {
		if (merged)
			html(r, "<p class=\"hint\">%s</p>",
			     _("This plan amends the plan in force: applied, its targets, assignments and deadline "
			       "replace those they change, the rest of the plan in force stays."));
		render_diff(r, &diff);
		html(r, "<form method=\"post\" action=\"/plan/%s/apply\" class=\"confirm\">", s->tree.units[unit].code);
		form_csrf(r);
		html(r, "<input type=\"hidden\" name=\"upload\" value=\"%ld\"><input type=\"hidden\" name=\"current\" value=\"%lld\">",
		     id, diff.in_force);
		html(r, "<label class=\"tick\"><input type=\"checkbox\" name=\"confirm\" value=\"1\" required> %s</label>",
		     plan_diff_fewer_targets(&diff)
			     ? arena_printf(&r->arena,
					    _("I have read what changes and want this plan, with targets for %u indicators "
					      "instead of %u, to replace the plan in force."),
					    diff.own_after, diff.own_before)
			     : _("I have read what changes and want this plan to be the plan in force."));
		html(r, "<p class=\"hint\">%s</p>", _("The plan in force stays in the history and can be put back in one step."));
		html(r, "<div class=\"actions\"><button type=\"submit\">%s</button>"
			"<a class=\"button secondary\" href=\"/plan/%s\">%s</a></div></form>",
		     _("Apply: make it the plan in force"), s->tree.units[unit].code, _("Cancel"));
	}
	html(r, "<h2>%s</h2>", _("What the plan says"));
	render_lint(r, plan);
	render_plan(r, plan);
	page_end(r);
	plan_diff_release(&diff);
	diags_release(&d);
	json_decref(plan);
	json_decref(full);
	return GEMIS_OK;
}

enum gemis_err page_plan_apply(struct http_req *r)
{
	const char *file, *up = http_param_or(r, "upload", ""), *cur = http_param_or(r, "current", "");
	json_t *plan = NULL;
	struct plan_info info;
	struct db *db;
	enum gemis_err err;
	long id = 0, seen = -1;
	long long now = 0;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_PLAN, -1, &unit);
	if (err)
		return err;
	if (!text_parse_long(up, strlen(up), &id))
		return http_fail(r, GEMIS_EINVAL, "%s", _("which upload?"));
	err = load_upload(r, unit, id, &plan, &file);
	if (!err && strcmp(http_param_or(r, "confirm", ""), "1") != 0)
		err = http_fail(r, GEMIS_EINVAL, "%s",
				_("confirm that you have read what changes: tick the box under the changes and apply again"));
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = plan_in_force_id(db, &r->snap->tree, unit, &now, &r->err);
	/* the changes were shown against the plan in force then */
	if (!err && !text_parse_long(cur, strlen(cur), &seen))
		seen = -1;
	if (!err && seen != now)
		err = http_fail(r, GEMIS_ECONFLICT, "%s",
				_("the plan in force changed since you reviewed this one; review the changes again"));
	if (!err) {
		json_object_del(plan, "lint");
		err = store_plan(r, unit, plan, &info);
	}
	json_decref(plan);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = plan_upload_applied(db, (long long)id, r->now, &r->err);
	if (err)
		return err;
	return http_redirect(r, done_url(r, 1, &info));
}

enum gemis_err page_plan_restore(struct http_req *r)
{
	const char *pid = http_param_or(r, "plan", ""), *cur = http_param_or(r, "current", "");
	struct plan_info info;
	struct db *db;
	enum gemis_err err;
	long id = 0, seen = -1;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_PLAN, -1, &unit);
	if (err)
		return err;
	if (!text_parse_long(pid, strlen(pid), &id) || !text_parse_long(cur, strlen(cur), &seen))
		return http_fail(r, GEMIS_EINVAL, "%s", _("which plan?"));
	err = http_db(r, &db);
	if (err)
		return err;
	r->diags = arena_alloc(&r->arena, sizeof(*r->diags));
	if (!r->diags)
		return GEMIS_ENOMEM;
	diags_init(r->diags, 200);
	err = plan_restore(db, &r->snap->tree, unit, id, seen, r->user.name, r->diags, &info, &r->err);
	plan_diags_in_words(NULL, r->diags);
	if (err)
		return err;
	http_data_changed(r);
	return http_redirect(r, done_url(r, 2, &info));
}
