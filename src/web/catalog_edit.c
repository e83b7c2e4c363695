/*
 * catalog_edit.c: the catalog page's "Edit an indicator" (issue 17),
 * under the rules of `gemis indicator edit` (store/indicator_edit.h).
 *
 *   GET  /catalog?edit=ID   the page with the form filled with the
 *                           indicator's fields as they are
 *   POST /catalog/edit      indicator and the fields of
 *                           core/catalog_fields.h: a new version, 303 to
 *                           the list; or the page again naming the field
 *                           and keeping what was typed
 *
 * Who may edit an indicator is who may add one where it belongs
 * (access_catalog_refusal() with its scope); built-in indicators and
 * series are not offered (the store refuses them by name anyway).
 */
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/catalog_fields.h"
#include "store/indicator_edit.h"
#include "web.h"

#include "util/banned.h"

/* Whether the account may edit indicator k: an added one, not a series,
 * of a place it changes the catalog for. */
static bool may_edit(struct http_req *r, int k)
{
	const struct snapshot *s = http_snap(r);

	if (!s || k < (int)catalog_builtin || (size_t)k >= catalog_n() || catalog[k].parent)
		return false;
	return access_catalog_refusal(&s->tree, &r->who, catalog[k].scope) == NULL;
}

/* The form's text of field name: what was typed when refused, else the
 * indicator's own. */
struct edit_values {
	struct http_req *r;
	const struct indicator *ind;
	bool refused;
};

static const char *own_text(struct http_req *r, const struct indicator *ind, const char *name)
{
	if (strcmp(name, "name_vi") == 0)
		return ind->name_vi;
	if (strcmp(name, "name_en") == 0)
		return ind->name_en;
	if (strcmp(name, "unit") == 0)
		return ind->unit;
	if (strcmp(name, "part_vi") == 0 || strcmp(name, "part_en") == 0 || strcmp(name, "den_vi") == 0 ||
	    strcmp(name, "den_en") == 0) {
		const char *const *p = name[0] == 'p' ? (name[5] == 'v' ? ind->part_vi : ind->part_en)
						      : (name[4] == 'v' ? ind->part_vi : ind->part_en);
		const char *s = p[name[0] == 'p' ? 0 : 1];

		return s ? s : "";
	}
	if (strcmp(name, "factor") == 0)
		return arena_printf(&r->arena, "%.15g", ind->factor);
	if (strcmp(name, "target") == 0 && ind->has_national)
		return ind->national_dir == DIR_ACHIEVE
			       ? arena_printf(&r->arena, "achieve:%d", ind->national_year)
			       : arena_printf(&r->arena, "%s:%.15g:%d", direction_id(ind->national_dir),
					      ind->national_value, ind->national_year);
	if (strcmp(name, "goal") == 0)
		return goal_id(ind->goal);
	if (strcmp(name, "kind") == 0)
		return ind->kind == IND_RATIO ? "ratio" : "value";
	if (strcmp(name, "space") == 0)
		return space_agg_id(ind->space);
	if (strcmp(name, "time") == 0)
		return time_agg_id(ind->time[0]);
	return "";
}

static const char *value_of(const struct edit_values *v, const char *name)
{
	return v->refused ? http_param_or(v->r, name, "") : own_text(v->r, v->ind, name);
}

static void edit_text(const struct edit_values *v, const char *name, const char *label)
{
	html(v->r, "<label>%s <input name=\"%s\" maxlength=\"%d\" value=\"%s\"></label>", label, name, CATALOG_NAME_MAX,
	     value_of(v, name));
}

static bool own_flag(const struct indicator *ind, const char *name)
{
	if (strcmp(name, "by_sex") == 0)
		return ind->by_sex;
	if (strcmp(name, "share") == 0)
		return ind->share;
	return ind->polarity == POL_LOWER;
}

static void edit_check(const struct edit_values *v, const char *name, const char *label)
{
	bool on = v->refused ? *http_param_or(v->r, name, "") != '\0' : own_flag(v->ind, name);

	html(v->r, "<label><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label>", name, on ? " checked" : "",
	     label);
}

static void edit_select(const struct edit_values *v, const char *name, const char *label, const char *const *ids,
			const char *const *names, size_t n)
{
	const char *now = value_of(v, name);
	size_t i;

	html(v->r, "<label>%s <select name=\"%s\">", label, name);
	for (i = 0; i < n; i++)
		html(v->r, "<option value=\"%s\"%s>%s</option>", ids[i], strcmp(now, ids[i]) == 0 ? " selected" : "",
		     names[i]);
	html(v->r, "</select></label>");
}

static void edit_selects(const struct edit_values *v)
{
	static const char *const kinds[] = {"ratio", "value"}, *const spaces[] = {"sum", "mean", "none"},
				 *const times[] = {"sum", "last", "mean"};
	const char *kind_names[] = {_("a ratio of two counts"), _("a single value")};
	const char *space_names[] = {_("summed over units"), _("the mean of the units"), _("not rolled up")};
	const char *time_names[] = {_("summed over periods"), _("the last period"), _("the mean of the periods")};
	const char *goals[GOAL_COUNT], *goal_names[GOAL_COUNT];
	int g;

	for (g = 0; g < GOAL_COUNT; g++) {
		goals[g] = goal_id((enum goal)g);
		goal_names[g] = goal_name((enum goal)g, v->r->lang);
	}
	edit_select(v, "goal", _("Goal"), goals, goal_names, GOAL_COUNT);
	edit_select(v, "kind", _("Kind"), kinds, kind_names, 2);
	edit_select(v, "space", _("Roll-up over units"), spaces, space_names, 3);
	edit_select(v, "time", _("Roll-up over periods"), times, time_names, 3);
}

/* The form of indicator k, filled. */
static void edit_fields(struct http_req *r, int k, bool refused)
{
	struct edit_values v = {r, &catalog[k], refused};

	html(r, "<form method=\"post\" action=\"/catalog/edit\" class=\"stack narrow catalog-form\">");
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"indicator\" value=\"%s\"><p><strong translate=\"no\">%s</strong> %s %d</p>",
	     catalog[k].id, catalog[k].id, _("version"), catalog[k].version ? catalog[k].version : 1);
	edit_text(&v, "name_vi", _("Name in Vietnamese"));
	edit_text(&v, "name_en", _("Name in English"));
	edit_text(&v, "part_vi", _("What is counted (numerator), in Vietnamese"));
	edit_text(&v, "part_en", _("What is counted (numerator), in English"));
	edit_text(&v, "den_vi", _("Denominator, in Vietnamese (a ratio only)"));
	edit_text(&v, "den_en", _("Denominator, in English (a ratio only)"));
	edit_check(&v, "lower_better", _("Lower is better"));
	edit_text(&v, "target", _("National target"));
	html(r, "<p class=\"hint\" translate=\"no\">at_least:80:2030 · at_most:5:2030 · achieve:2030 · none</p>");
	edit_selects(&v);
	edit_text(&v, "unit", _("Unit"));
	edit_text(&v, "factor", _("Factor"));
	edit_check(&v, "by_sex", _("Reported by sex"));
	edit_check(&v, "share", _("The numerator is part of the denominator"));
	html(r, "<p class=\"hint\">%s</p><button type=\"submit\">%s</button></form>",
	     _("Names, what is counted, the goal, the polarity and the target change at any time. Kind, roll-ups, unit, factor, by sex and share cannot change once a value of the indicator or of its series is stored: retire it and add another."),
	     _("Save a new version"));
}

void catalog_edit_form(struct http_req *r, bool refused)
{
	const char *now = refused ? http_param(r, "indicator") : http_param(r, "edit");
	int chosen = now ? catalog_find(now) : -1;
	size_t i, n = 0;

	for (i = catalog_builtin; i < catalog_n(); i++)
		n += may_edit(r, (int)i);
	if (!n)
		return;
	html(r, "<details id=\"edit\"%s><summary>%s</summary>", now ? " open" : "", _("Edit an indicator"));
	html(r, "<form method=\"get\" action=\"/catalog#edit\" class=\"stack narrow catalog-form\"><label>%s "
		"<select name=\"edit\">", _("Indicator"));
	for (i = catalog_builtin; i < catalog_n(); i++) {
		if (may_edit(r, (int)i))
			html(r, "<option value=\"%s\"%s>%s</option>", catalog[i].id, (int)i == chosen ? " selected" : "",
			     indicator_name(&catalog[i], r->lang));
	}
	html(r, "</select></label><button type=\"submit\">%s</button></form>", _("Choose"));
	if (chosen >= 0 && may_edit(r, chosen))
		edit_fields(r, chosen, refused);
	html(r, "</details>");
}

/* A field of the posted form: a box unticked is "0" (the form sends
 * every field); an empty unit, factor, denominator or target is left as
 * it is; an emptied name is given empty, and refused by name. */
static const char *posted_field(void *ctx, const char *name)
{
	const char *s = http_param(ctx, name);

	if (strcmp(name, "id") == 0)
		return NULL;
	if (strcmp(name, "by_sex") == 0 || strcmp(name, "share") == 0 || strcmp(name, "lower_better") == 0)
		return s && *s ? s : "0";
	if (strcmp(name, "name_vi") == 0 || strcmp(name, "name_en") == 0 || strcmp(name, "part_vi") == 0 ||
	    strcmp(name, "part_en") == 0)
		return s ? s : NULL;
	return s && *s ? s : NULL;
}

enum gemis_err catalog_edit_post(struct http_req *r)
{
	const char *id = http_param(r, "indicator");
	int k = id ? catalog_find(id) : -1, version = 0;
	const struct snapshot *s = http_snap(r);
	const char *why;
	struct db *db;
	enum gemis_err err;

	if (!s)
		return GEMIS_EDB;
	if (!id || !*id)
		return err_set_at(&r->err, GEMIS_EINVAL, "indicator", "%s", _("missing"));
	why = access_catalog_refusal(&s->tree, &r->who, k >= 0 ? catalog[k].scope : NULL);
	if (why)
		return http_fail(r, GEMIS_EPERM, "%s", _(why));
	err = http_db(r, &db);
	if (!err)
		err = indicator_edit(db, id, posted_field, r, r->who.name, &version, &r->err);
	return err;
}
