/*
 * catalog.c: the indicator catalog (issue 17): everyone reads it, the
 * ministry and the admin add to it; a province adds and retires its own
 * indicators (scope: its code, core/access.h).
 *
 *   GET  /catalog              the catalog, built-in and added, each
 *                              indicator's series under it, with its
 *                              goal, unit, sex and national target; for
 *                              the ministry and the admin, a form to add
 *                              an indicator and one to break one down
 *   POST /catalog              adds an indicator (the fields of
 *                              core/catalog_fields.h): 303 to the list,
 *                              or the page again naming the field and
 *                              keeping what was typed
 *   POST /catalog/breakdowns   breaks an indicator down (indicator,
 *                              breakdown): a series per category
 *   POST /catalog/retire       retires an indicator (indicator, from: the
 *                              first year it is not reported) with its
 *                              series, or puts it back (undo)
 *   POST /catalog/edit         edits an added indicator (catalog_edit.c)
 *
 * The rules are the command line's (`gemis indicator add`, `gemis
 * indicator breakdown`, `gemis indicator retire`): store/indicators.h and store/breakdowns.h write
 * the change with its author in the indicator log.
 */
#include <stdlib.h>
#include <string.h>

#include "core/catalog_fields.h"
#include "report/progress.h"
#include "store/breakdowns.h"
#include "store/indicators.h"
#include "web.h"

#include "util/banned.h"

/* Which form a refused post came from. */
enum catalog_form { FORM_NONE, FORM_ADD, FORM_BREAK, FORM_RETIRE, FORM_EDIT };

struct catalog_page {
	enum catalog_form form; /* the refused one, or FORM_NONE */
	const char *field;      /* the field it names, or NULL */
	const char *problem;    /* why, for people */
	const char *done;       /* the indicator just added or broken down */
};

static bool may_change(const struct http_req *r)
{
	return r->who.role == ROLE_ADMIN || r->who.role == ROLE_MINISTRY;
}

/* A province's account adds and retires its own province's indicators. */
static bool own_only(const struct http_req *r)
{
	return r->who.role == ROLE_PROVINCE && r->who.unit >= 0 && (size_t)r->who.unit < r->snap->tree.n;
}

static const char *national_text(struct http_req *r, const struct indicator *ind)
{
	struct target t;

	if (!ind->has_national)
		return "–";
	memset(&t, 0, sizeof(t));
	t.dir = ind->national_dir;
	t.has_value = ind->national_dir != DIR_ACHIEVE;
	t.value = ind->national_value;
	t.year = ind->national_year;
	t.origin = -1;
	return fmt_target(r, &t, ind->unit);
}

static void catalog_row(struct http_req *r, const struct indicator *ind)
{
	html(r, "<tr id=\"%s\"%s><th scope=\"row\"><a href=\"/indicator/%s\" translate=\"no\">%s</a></th><td>%s", ind->id,
	     ind->parent ? " class=\"series\"" : "", ind->id, ind->id, ind->parent ? "↳ " : "");
	html(r, "%s", indicator_name(ind, r->lang));
	if (!ind->local)
		html(r, " <small class=\"hint\">(%s)</small>", _("national strategy"));
	if (catalog_retired_from(ind))
		html(r, " <small class=\"hint\">(%s %d)</small>", _("retired from"), catalog_retired_from(ind));
	if (ind->formula_text)
		html(r, "<br><small class=\"hint\">%s <code translate=\"no\">%s</code></small>",
		     _("computed from its formula, not reported:"), ind->formula_text);
	html(r, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", goal_name(ind->goal, r->lang), measure_name(ind->unit),
	     ind->by_sex ? _("yes") : _("no"), national_text(r, ind));
}

/* Every indicator, each followed by its series. */
static void catalog_table(struct http_req *r)
{
	size_t n = catalog_n(), k;
	int *first = arena_alloc(&r->arena, (n + 1) * sizeof(int)), *next = arena_alloc(&r->arena, (n + 1) * sizeof(int));

	if (!first || !next)
		return;
	for (k = 0; k < n; k++)
		first[k] = next[k] = -1;
	/* the series of a parent in the order they were added */
	for (k = n; k-- > 0;) {
		const struct indicator *ind = &catalog[k];

		if (ind->parent && ind->parent_index >= 0 && (size_t)ind->parent_index < n) {
			next[k] = first[ind->parent_index];
			first[ind->parent_index] = (int)k;
		}
	}
	html(r, "<div class=\"scroll\"><table class=\"catalog\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("Code"), _("Indicator"), _("Goal"), _("Unit"), _("By sex"), _("National target"));
	for (k = 0; k < n; k++) {
		int s;

		if (catalog[k].parent)
			continue;
		catalog_row(r, &catalog[k]);
		for (s = first[k]; s >= 0; s = next[s])
			catalog_row(r, &catalog[s]);
	}
	html(r, "</tbody></table></div>");
}

/* What was typed in field name of the refused form, else "". */
static const char *typed(struct http_req *r, const struct catalog_page *cp, enum catalog_form form, const char *name)
{
	return cp->form == form ? http_param_or(r, name, "") : "";
}

static void text_input(struct http_req *r, const struct catalog_page *cp, const char *name, const char *label,
		       const char *placeholder, bool required)
{
	html(r, "<label>%s <input name=\"%s\" maxlength=\"%d\" value=\"%s\" placeholder=\"%s\"%s></label>", label, name,
	     CATALOG_NAME_MAX, typed(r, cp, FORM_ADD, name), placeholder, required ? " required" : "");
}

/* A select of ids; the typed one (else dflt) chosen. */
static void id_select(struct http_req *r, const struct catalog_page *cp, const char *name, const char *label,
		      const char *const *ids, const char *const *names, size_t n, const char *dflt)
{
	const char *now = typed(r, cp, FORM_ADD, name);
	size_t i;

	if (!*now)
		now = dflt;
	html(r, "<label>%s <select name=\"%s\">", label, name);
	for (i = 0; i < n; i++)
		html(r, "<option value=\"%s\"%s>%s</option>", ids[i], strcmp(now, ids[i]) == 0 ? " selected" : "", names[i]);
	html(r, "</select></label>");
}

static void check_input(struct http_req *r, const struct catalog_page *cp, const char *name, const char *label)
{
	html(r, "<label><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label>", name,
	     *typed(r, cp, FORM_ADD, name) ? " checked" : "", label);
}

static void goal_select(struct http_req *r, const struct catalog_page *cp)
{
	const char *ids[GOAL_COUNT], *names[GOAL_COUNT];
	int g;

	for (g = 0; g < GOAL_COUNT; g++) {
		ids[g] = goal_id((enum goal)g);
		names[g] = goal_name((enum goal)g, r->lang);
	}
	id_select(r, cp, "goal", _("Goal"), ids, names, GOAL_COUNT, "");
}

static void how_selects(struct http_req *r, const struct catalog_page *cp)
{
	static const char *const kinds[] = {"ratio", "value"}, *const spaces[] = {"sum", "mean", "none"},
			       *const times[] = {"sum", "last", "mean"};
	const char *kind_names[] = {_("a ratio of two counts"), _("a single value")};
	const char *space_names[] = {_("summed over units"), _("the mean of the units"), _("not rolled up")};
	const char *time_names[] = {_("summed over periods"), _("the last period"), _("the mean of the periods")};

	id_select(r, cp, "kind", _("Kind"), kinds, kind_names, 2, "ratio");
	id_select(r, cp, "space", _("Roll-up over units"), spaces, space_names, 3, "sum");
	id_select(r, cp, "time", _("Roll-up over periods"), times, time_names, 3, "sum");
}

/* Where the indicator holds: a province's account adds for its own
 * province only, so the scope is fixed; the ministry and the admin give a
 * province's code or none (a national indicator). */
static void scope_input(struct http_req *r, const struct catalog_page *cp)
{
	const struct unit *u;

	if (!own_only(r)) {
		text_input(r, cp, "scope", _("Province (its code) whose own indicator it is; empty for a national one"), "",
			   false);
		return;
	}
	u = &r->snap->tree.units[r->who.unit];
	html(r, "<input type=\"hidden\" name=\"scope\" value=\"%s\"><p class=\"hint\">%s</p>", u->code,
	     arena_printf(&r->arena, _("An indicator of %s only: it holds in the province and its communes."), u->name));
}

static void add_form(struct http_req *r, const struct catalog_page *cp)
{
	html(r, "<details id=\"add\"%s><summary>%s</summary>", cp->form == FORM_ADD ? " open" : "",
	     _("Add an indicator"));
	html(r, "<form method=\"post\" action=\"/catalog\" class=\"stack narrow catalog-form\">");
	form_csrf(r);
	text_input(r, cp, "id", _("Code (lowercase letters without accents, digits and underscores)"), "", true);
	goal_select(r, cp);
	text_input(r, cp, "name_vi", _("Name in Vietnamese"), "", true);
	text_input(r, cp, "name_en", _("Name in English"), "", true);
	how_selects(r, cp);
	text_input(r, cp, "unit", _("Unit"), "%", false);
	text_input(r, cp, "factor", _("Factor"), "100", false);
	text_input(r, cp, "part_vi", _("What is counted (numerator), in Vietnamese"), "", true);
	text_input(r, cp, "part_en", _("What is counted (numerator), in English"), "", true);
	text_input(r, cp, "den_vi", _("Denominator, in Vietnamese (a ratio only)"), "", false);
	text_input(r, cp, "den_en", _("Denominator, in English (a ratio only)"), "", false);
	check_input(r, cp, "by_sex", _("Reported by sex"));
	check_input(r, cp, "share", _("The numerator is part of the denominator"));
	check_input(r, cp, "lower_better", _("Lower is better"));
	if (may_change(r)) {
		text_input(r, cp, "target", _("National target"), "", false);
		html(r, "<p class=\"hint\" translate=\"no\">at_least:80:2030 · at_most:5:2030 · achieve:2030</p>");
	}
	scope_input(r, cp);
	html(r, "<button type=\"submit\">%s</button></form></details>", _("Add"));
}

static void break_form(struct http_req *r, const struct catalog_page *cp)
{
	const char *ind_now = cp->form == FORM_BREAK ? http_param_or(r, "indicator", "") : "",
		   *bd_now = cp->form == FORM_BREAK ? http_param_or(r, "breakdown", "") : "";
	struct breakdown_def *b = NULL;
	struct errctx e = {0};
	struct db *db;
	size_t i, n = 0;

	if (http_db(r, &db) || breakdowns_list(db, &r->arena, &b, &n, &e) || !n)
		return;
	html(r, "<details id=\"break\"%s><summary>%s</summary>", cp->form == FORM_BREAK ? " open" : "",
	     _("Break an indicator down"));
	html(r, "<form method=\"post\" action=\"/catalog/breakdowns\" class=\"stack narrow catalog-form\">");
	form_csrf(r);
	html(r, "<label>%s <select name=\"indicator\">", _("Indicator"));
	for (i = 0; i < catalog_n(); i++) {
		const struct indicator *ind = &catalog[i];

		if (!ind->parent && ind->source == SRC_REPORTED)
			html(r, "<option value=\"%s\"%s>%s</option>", ind->id, strcmp(ind_now, ind->id) == 0 ? " selected" : "",
			     indicator_name(ind, r->lang));
	}
	html(r, "</select></label><label>%s <select name=\"breakdown\">", _("Breakdown"));
	for (i = 0; i < n; i++)
		html(r, "<option value=\"%s\"%s>%s</option>", b[i].code, strcmp(bd_now, b[i].code) == 0 ? " selected" : "",
		     r->lang == LANG_EN ? b[i].name_en : b[i].name_vi);
	html(r, "</select></label><p class=\"hint\">%s</p><button type=\"submit\">%s</button></form></details>",
	     _("Each category of the breakdown becomes a series of the indicator, reported and judged like an indicator."),
	     _("Break down"));
}

static void retire_form(struct http_req *r, const struct catalog_page *cp)
{
	const char *ind_now = cp->form == FORM_RETIRE ? http_param_or(r, "indicator", "") : "";
	size_t i;

	html(r, "<details id=\"retire\"%s><summary>%s</summary>", cp->form == FORM_RETIRE ? " open" : "",
	     _("Retire an indicator"));
	html(r, "<form method=\"post\" action=\"/catalog/retire\" class=\"stack narrow catalog-form\">");
	form_csrf(r);
	html(r, "<label>%s <select name=\"indicator\">", _("Indicator"));
	for (i = 0; i < catalog_n(); i++) {
		const struct indicator *ind = &catalog[i];

		if (!ind->parent && !access_retire_refusal(&r->snap->tree, &r->who, ind))
			html(r, "<option value=\"%s\"%s>%s</option>", ind->id, strcmp(ind_now, ind->id) == 0 ? " selected" : "",
			     indicator_name(ind, r->lang));
	}
	html(r, "</select></label><label>%s <input name=\"from\" inputmode=\"numeric\" size=\"6\" value=\"%s\"></label>",
	     _("First year it is not reported"), cp->form == FORM_RETIRE ? http_param_or(r, "from", "") : "");
	html(r, "<label class=\"check\"><input type=\"checkbox\" name=\"undo\" value=\"1\"> %s</label>",
	     _("Put it back in force instead"));
	html(r, "<p class=\"hint\">%s</p><button type=\"submit\">%s</button></form></details>",
	     _("From that year on, it and its series leave the forms, templates and duties, and no value of those years is taken; its values before stay."),
	     _("Retire"));
}

static void render_catalog(struct http_req *r, const struct catalog_page *cp)
{
	page_begin(r, _("Indicator catalog"), -1);
	html(r, "<div class=\"head\"><h1>%s</h1></div>", _("Indicator catalog"));
	if (cp->problem && cp->field)
		html(r, "<p class=\"error\" role=\"alert\">%s: %s</p>", cp->field, cp->problem);
	else if (cp->problem)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", cp->problem);
	else if (cp->done)
		html(r, "<p class=\"ok\" role=\"status\">%s <a href=\"#%s\" translate=\"no\">%s</a></p>", _("Saved:"), cp->done,
		     cp->done);
	html(r, "<p class=\"hint\">%s</p>",
	     _("The indicators of the national strategy and those the ministry added, each followed by its series on the categories of a breakdown."));
	if (may_change(r)) {
		add_form(r, cp);
		break_form(r, cp);
		retire_form(r, cp);
	} else if (own_only(r)) {
		add_form(r, cp);
		retire_form(r, cp);
	}
	catalog_edit_form(r, cp->form == FORM_EDIT); /* catalog_edit.c: who may, which */
	catalog_table(r);
	page_end(r);
}

enum gemis_err page_catalog(struct http_req *r)
{
	struct catalog_page cp = {0};

	if (!http_snap(r))
		return GEMIS_EDB;
	cp.done = http_param(r, "done");
	render_catalog(r, &cp);
	return GEMIS_OK;
}

/* The end of a post: 303 to the list, or the page again saying why. */
static enum gemis_err posted(struct http_req *r, enum catalog_form form, enum gemis_err err, const char *id)
{
	struct catalog_page cp = {0};

	if (!err) {
		http_data_changed(r);
		return http_redirect(r, arena_printf(&r->arena, "/catalog?done=%s#%s", id, id));
	}
	if (err != GEMIS_EINVAL && err != GEMIS_ECONFLICT && err != GEMIS_ENOTFOUND && err != GEMIS_ELIMIT)
		return err;
	cp.form = form;
	cp.field = r->err.where[0] ? r->err.where : NULL;
	cp.problem = r->err.msg[0] ? r->err.msg : _("Nothing was saved.");
	render_catalog(r, &cp);
	return http_keep_body(r, err);
}

static enum gemis_err may_post(struct http_req *r)
{
	if (!http_snap(r))
		return GEMIS_EDB;
	if (!may_change(r))
		return http_fail(r, GEMIS_EPERM, "%s", _("only the ministry or an administrator changes the catalog"));
	return GEMIS_OK;
}

/* The scope of an indicator to add, forced or checked for the account
 * (access_catalog_scope_refusal()): 403 when it may not add at all, the
 * field named when it may not give this scope. */
static enum gemis_err scope_check(struct http_req *r, struct indicator *ind)
{
	const char *field, *why;

	if (!http_snap(r))
		return GEMIS_EDB;
	why = access_catalog_scope_refusal(&r->snap->tree, &r->who, &ind->scope, &field);
	if (!why)
		return GEMIS_OK;
	if (!field)
		return http_fail(r, GEMIS_EPERM, "%s", _(why));
	return err_set_at(&r->err, GEMIS_EINVAL, field, "%s", _(why));
}

/* A form field; an empty one is one not given. */
static const char *form_field(void *ctx, const char *name)
{
	const char *s = http_param(ctx, name);

	return s && *s ? s : NULL;
}

enum gemis_err page_catalog_add(struct http_req *r)
{
	struct catalog_field_error why;
	struct indicator ind = {0};
	enum gemis_err err = scope_check(r, &ind);
	struct db *db;
	int k;

	if (err)
		return err; /* who may not add at all, before the form is read */
	if (!catalog_fields_read(form_field, r, &ind, &why)) {
		err = why.value ? err_set_at(&r->err, GEMIS_EINVAL, why.field, "%s '%s'", _(why.msg), why.value)
				: err_set_at(&r->err, GEMIS_EINVAL, why.field, "%s", _(why.msg));
		return posted(r, FORM_ADD, err, NULL);
	}
	err = scope_check(r, &ind);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = indicator_add(db, &ind, r->who.name, &k, &r->err);
	return posted(r, FORM_ADD, err, ind.id);
}

enum gemis_err page_catalog_break(struct http_req *r)
{
	const char *ind = http_param(r, "indicator"), *bd = http_param(r, "breakdown");
	enum gemis_err err = may_post(r);
	struct db *db;
	size_t n = 0;

	if (err)
		return err;
	if (!ind || !*ind)
		return posted(r, FORM_BREAK, err_set_at(&r->err, GEMIS_EINVAL, "indicator", "%s", _("missing")), NULL);
	if (!bd || !*bd)
		return posted(r, FORM_BREAK, err_set_at(&r->err, GEMIS_EINVAL, "breakdown", "%s", _("missing")), NULL);
	err = http_db(r, &db);
	if (!err)
		err = indicator_break_down(db, ind, bd, r->who.name, &n, &r->err);
	return posted(r, FORM_BREAK, err, ind);
}

/* The ministry and the admin retire any indicator, a province its own
 * (access_retire_refusal()); an unknown id is the store's to name. */
static enum gemis_err may_retire(struct http_req *r, const char *id)
{
	const char *why;
	int k;

	if (!http_snap(r))
		return GEMIS_EDB;
	k = id ? catalog_find(id) : -1;
	why = access_retire_refusal(&r->snap->tree, &r->who, k >= 0 ? &catalog[k] : NULL);
	return why ? http_fail(r, GEMIS_EPERM, "%s", _(why)) : GEMIS_OK;
}

enum gemis_err page_catalog_retire(struct http_req *r)
{
	const char *ind = http_param(r, "indicator"), *from = http_param(r, "from"), *undo = http_param(r, "undo");
	enum gemis_err err = may_retire(r, ind);
	struct db *db;
	char *end;
	long year = 0;

	if (err)
		return err;
	if (!ind || !*ind)
		return posted(r, FORM_RETIRE, err_set_at(&r->err, GEMIS_EINVAL, "indicator", "%s", _("missing")), NULL);
	if (!undo || !*undo) {
		year = from && *from ? strtol(from, &end, 10) : 0;
		if (!from || !*from || *end || year <= 0 || year > 9999)
			return posted(r, FORM_RETIRE,
				      err_set_at(&r->err, GEMIS_EINVAL, "from", "%s", _("not a year")), NULL);
	}
	err = http_db(r, &db);
	if (!err)
		err = undo && *undo ? indicator_unretire(db, ind, r->who.name, &r->err)
				    : indicator_retire(db, ind, (int)year, r->who.name, &r->err);
	return posted(r, FORM_RETIRE, err, ind);
}

enum gemis_err page_catalog_edit(struct http_req *r)
{
	if (!http_snap(r))
		return GEMIS_EDB;
	return posted(r, FORM_EDIT, catalog_edit_post(r), http_param(r, "indicator"));
}
