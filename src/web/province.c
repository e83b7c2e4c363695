/*
 * province.c: a table of a unit's sub-units × indicators coloured by
 * status: GET /province/{code}?year=&goal=&status=&sort=&dir=.  For a
 * province the rows are its communes and wards, for the nation (VN) its
 * provinces.  Sortable by name or by any indicator (links in the header,
 * no JavaScript needed), filterable by goal and by status (rows with at
 * least one shown indicator in that status), and followed by the list of
 * communes that have not reported for the year.  With htmx the filters
 * update the table in place.  Above the table, a tile grid of the
 * sub-units coloured by one indicator's status (tilemap.c, ?map=).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/progress.h"
#include "report/reporting.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

struct row {
	int unit;
	double key;     /* the sorted indicator's value */
	int st;         /* its status */
	const char *name_key; /* the name folded (no diacritics, đ as d), for sorting */
};

struct sort_by {
	const struct tree *tree;
	bool name;
	int dir;
};

static int row_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct row *a = pa, *b = pb;
	const struct sort_by *by = ctx;
	int c;

	if (by->name) {
		/* Vietnamese order, near enough: letters before their marks */
		c = strcmp(a->name_key, b->name_key);
		if (!c)
			c = strcmp(by->tree->units[a->unit].short_name, by->tree->units[b->unit].short_name);
		return by->dir * (c ? c : a->unit - b->unit);
	}
	if (isnan(a->key) != isnan(b->key))
		return isnan(a->key) ? 1 : -1; /* missing values last either way */
	if (a->key != b->key)
		return by->dir * (a->key < b->key ? -1 : 1);
	return a->unit - b->unit;
}

/* "1.2": the goal's number and the indicator's place in it. */
static const char *ind_label(struct http_req *r, int k)
{
	int g = catalog[k].goal, n = 0;
	size_t i;

	for (i = 0; i <= (size_t)k; i++)
		n += catalog[i].goal == (enum goal)g;
	return arena_printf(&r->arena, "%d.%d", g + 1, n);
}

/* Marks a row whose commune (or whose province's communes) owes forms past
 * the deadline or sent them late, as the reporting page counts them. */
static void late_tag(struct http_req *r, const struct rep_result *rep, int row_unit)
{
	const struct tree *t = &r->snap->tree;
	unsigned overdue = 0, late = 0;
	size_t i;

	for (i = 0; i < rep->nunits; i++) {
		if (!tree_contains(t, row_unit, rep->units[i].unit))
			continue;
		overdue += rep->units[i].c.overdue;
		late += rep->units[i].c.late;
	}
	if (overdue)
		html(r, " <small class=\"tag late\">%s</small>", arena_printf(&r->arena, _("forms overdue: %u"), overdue));
	else if (late)
		html(r, " <small class=\"tag late\">%s</small>", arena_printf(&r->arena, _("forms sent late: %u"), late));
}

static const char *self_url(struct http_req *r, const char *code, int year, int goal, int status,
			    const char *sort, const char *dir)
{
	return arena_printf(&r->arena, "/province/%s?year=%d%s%s%s%s%s%s%s%s", code, year, goal >= 0 ? "&goal=" : "",
			    goal >= 0 ? goal_id((enum goal)goal) : "", status >= 0 ? "&status=" : "",
			    status >= 0 ? status_id((enum status)status) : "", sort ? "&sort=" : "", sort ? sort : "",
			    dir ? "&dir=" : "", dir ? dir : "");
}

/* What the parts of the page share. */
struct grid {
	const struct snapshot *s;
	const struct tree *t;
	const struct unit *u;
	struct row *rows;
	size_t n;
	struct sort_by by;
	struct progress_masks masks;
	struct rep_result rep;
	int unit, year, goal, status, sort_ind, map_ind;
	const char *sort, *dir;
};

/* The sub-units, with the sorted indicator's value and status, in order. */
static enum gemis_err grid_rows(struct http_req *r, struct grid *g)
{
	const struct tree *t = g->t;
	size_t n = 0;
	int c;

	for (c = g->u->first_child; c >= 0; c = t->units[c].next_sibling)
		n++;
	g->rows = arena_alloc(&r->arena, (n ? n : 1) * sizeof(*g->rows));
	if (!g->rows)
		return GEMIS_ENOMEM;
	for (c = g->u->first_child; c >= 0; c = t->units[c].next_sibling) {
		struct row *w = &g->rows[g->n];
		struct assessment a;
		struct buf fk;

		buf_init(&fk, 1024);
		text_fold(&fk, t->units[c].short_name, strlen(t->units[c].short_name));
		w->name_key = arena_strdup(&r->arena, buf_str(&fk));
		if (!w->name_key)
			w->name_key = "";
		buf_release(&fk);
		w->unit = c;
		w->key = g->sort_ind >= 0 ? engine_value(&g->s->eng, g->year, c, g->sort_ind, SEX_T) : NAN;
		if (g->sort_ind >= 0) {
			engine_assess(&g->s->eng, g->year, c, g->sort_ind, &a);
			w->st = a.status;
			if (progress_masks_hidden(&g->masks, c, g->sort_ind)) {
				w->key = NAN;
				w->st = ST_NO_DATA;
			}
		}
		g->n++;
	}
	g->by.tree = t;
	g->by.name = g->sort_ind < 0;
	g->by.dir = g->dir && strcmp(g->dir, "desc") == 0 ? -1 : 1;
	qsort_r(g->rows, g->n, sizeof(*g->rows), row_cmp, &g->by);
	return GEMIS_OK;
}

/* The filters: a plain GET form, updated in place by htmx. */
static void filters_form(struct http_req *r, const struct grid *g)
{
	const char *code = g->u->code;
	int c;

	html(r, "<form method=\"get\" action=\"/province/%s\" class=\"filters\" hx-get=\"/province/%s\""
		" hx-trigger=\"change\" hx-target=\"#grid\" hx-select=\"#grid\" hx-swap=\"outerHTML\" hx-push-url=\"true\">",
	     code, code);
	html(r, "<label>%s <input name=\"year\" type=\"number\" min=\"%d\" max=\"%d\" value=\"%d\"></label>", _("Year"),
	     PERIOD_MIN_YEAR, PERIOD_MAX_YEAR, g->year);
	html(r, "<label>%s <select name=\"goal\"><option value=\"\">%s</option>", _("Goal"), _("all"));
	for (c = 0; c < GOAL_COUNT; c++) {
		if (c == g->goal)
			html(r, "<option value=\"%s\" selected>%s</option>", goal_id((enum goal)c), goal_name((enum goal)c, r->lang));
		else
			html(r, "<option value=\"%s\">%s</option>", goal_id((enum goal)c), goal_name((enum goal)c, r->lang));
	}
	html(r, "</select></label><label>%s <select name=\"status\"><option value=\"\">%s</option>", _("Status"), _("all"));
	for (c = ST_COUNT - 1; c >= 0; c--) {
		if (c == g->status)
			html(r, "<option value=\"%s\" selected>%s</option>", status_id((enum status)c), status_name((enum status)c));
		else
			html(r, "<option value=\"%s\">%s</option>", status_id((enum status)c), status_name((enum status)c));
	}
	html(r, "</select></label>");
	if (g->sort)
		html(r, "<input type=\"hidden\" name=\"sort\" value=\"%s\">", g->sort);
	if (g->dir)
		html(r, "<input type=\"hidden\" name=\"dir\" value=\"%s\">", g->dir);
	if (http_param(r, "map"))
		html(r, "<input type=\"hidden\" name=\"map\" value=\"%s\">", catalog[g->map_ind].id);
	html(r, "<button type=\"submit\">%s</button></form>", _("Show"));
}

/* Is indicator k a column of the grid (the goal filter)?  A province's own
 * indicator is one in that province's grid only. */
static bool column_shown(const struct grid *g, size_t k)
{
	return (g->goal < 0 || catalog[k].goal == (enum goal)g->goal) && indicator_in_scope(g->t, &catalog[k], g->unit);
}

/* Does the unit's row pass the status filter: one shown indicator in it? */
static bool row_shown(struct grid *g, int cu)
{
	size_t k;

	if (g->status < 0)
		return true;
	for (k = 0; k < catalog_n(); k++) {
		struct assessment a;

		if (!column_shown(g, k))
			continue;
		engine_assess(&g->s->eng, g->year, cu, (int)k, &a);
		if (progress_masks_hidden(&g->masks, cu, (int)k))
			a.status = ST_NO_DATA;
		if ((int)a.status == g->status)
			return true;
	}
	return false;
}

/* A unit's row: its name, marked when silent or late, and a cell for each
 * shown indicator. */
static void grid_row(struct http_req *r, struct grid *g, int cu)
{
	const struct tree *t = g->t;
	int year = g->year, d2 = 0, a2 = 0;
	size_t k;

	/* a commune silent this year is marked in its row, not only in the
	 * list below the grid */
	engine_count_reported(&g->s->eng, year, cu, &d2, &a2);
	html(r, "<tr class=\"%s\"><th scope=\"row\"><a href=\"/?unit=%s&amp;year=%d\">%s</a>", d2 < a2 ? "silent" : "",
	     t->units[cu].code, year, t->units[cu].short_name);
	if (d2 == 0)
		html(r, " <small class=\"tag\">%s</small>", arena_printf(&r->arena, _("not reported in %d"), year));
	else if (d2 < a2)
		html(r, " <small class=\"tag\">%d/%d</small>", d2, a2);
	late_tag(r, &g->rep, cu);
	html(r, "</th>");
	for (k = 0; k < catalog_n(); k++) {
		struct assessment a;
		char num[32];
		double v;
		bool hidden;

		if (!column_shown(g, k))
			continue;
		engine_assess(&g->s->eng, year, cu, (int)k, &a);
		v = engine_value(&g->s->eng, year, cu, (int)k, SEX_T);
		format_number(num, sizeof(num), v, 1);
		hidden = progress_masks_hidden(&g->masks, cu, (int)k);
		if (hidden)
			snprintf(num, sizeof(num), "x");
		/* a status filter dims the cells in other statuses */
		html(r, "<td class=\"num\"><a class=\"cell %s%s\" href=\"/indicator/%s?unit=%s&amp;year=%d\" title=\"%s\">%s</a></td>",
		     hidden ? "st-hidden" : status_class(a.status),
		     g->status >= 0 && (hidden || (int)a.status != g->status) ? " dim" : "", catalog[k].id,
		     t->units[cu].code, year,
		     hidden ? _("hidden: few cases")
		     : a.status == ST_NOT_REPORTED ? arena_printf(&r->arena, _("not reported in %d"), year)
						   : status_name(a.status),
		     num);
	}
	html(r, "</tr>");
}

/* The grid: sortable heads, the rows the filters keep, the legend. */
static void grid_table(struct http_req *r, struct grid *g)
{
	const struct unit *u = g->u;
	size_t i, k, shown = 0;

	html(r, "<div id=\"grid\">");
	tilemap(r, g->s, &g->masks, g->unit, g->year, g->map_ind);
	html(r, "<div class=\"scroll\"><table class=\"grid\"><thead><tr><th><a href=\"%s\">%s</a></th>",
	     self_url(r, u->code, g->year, g->goal, g->status, "name", g->by.name && g->by.dir == 1 ? "desc" : NULL),
	     _("Unit"));
	for (k = 0; k < catalog_n(); k++) {
		if (!column_shown(g, k))
			continue;
		/* the number and a short name: a phone has no tooltips */
		html(r, "<th scope=\"col\" class=\"num ihead\"><a href=\"%s\" title=\"%s\"><span class=\"code\">%s%s</span>"
			" %s</a></th>",
		     self_url(r, u->code, g->year, g->goal, g->status, catalog[k].id,
			      g->sort_ind == (int)k && g->by.dir == 1 ? "desc" : NULL),
		     indicator_name(&catalog[k], r->lang), ind_label(r, (int)k),
		     g->sort_ind == (int)k ? (g->by.dir == 1 ? " ▲" : " ▼") : "", indicator_short_name(&catalog[k], r->lang));
	}
	html(r, "</tr></thead><tbody>");
	for (i = 0; i < g->n; i++) {
		if (!row_shown(g, g->rows[i].unit))
			continue;
		shown++;
		grid_row(r, g, g->rows[i].unit);
	}
	html(r, "</tbody></table></div>");
	html(r, "<p class=\"hint\">%s</p>", arena_printf(&r->arena, _("%zu of %zu shown."), shown, g->n));
	/* the legend of the column numbers */
	html(r, "<details><summary>%s</summary><ul>", _("Indicators"));
	for (k = 0; k < catalog_n(); k++) {
		if (!column_shown(g, k))
			continue;
		html(r, "<li>%s %s</li>", ind_label(r, (int)k), indicator_name(&catalog[k], r->lang));
	}
	html(r, "</ul></details></div>");
}

/* Who has not reported. */
static void not_reported(struct http_req *r, const struct grid *g)
{
	const struct tree *t = g->t;
	const struct unit *u = g->u;
	int done = 0, all = 0, c;

	engine_count_reported(&g->s->eng, g->year, g->unit, &done, &all);
	html(r, "<section><h2>%s</h2><p>%s</p>", _("Not reported"),
	     arena_printf(&r->arena, _("%d of %d communes and wards have reported."), done, all));
	if (done < all) {
		html(r, "<ul class=\"cols\">");
		for (c = u->first_child; c >= 0; c = t->units[c].next_sibling) {
			int d2 = 0, a2 = 0;

			engine_count_reported(&g->s->eng, g->year, c, &d2, &a2);
			if (d2 == a2)
				continue;
			if (u->level == LEVEL_NATION)
				html(r, "<li><a href=\"/province/%s?year=%d\">%s</a> (%d/%d)</li>", t->units[c].code, g->year,
				     t->units[c].short_name, d2, a2);
			else
				html(r, "<li><a href=\"/?unit=%s&amp;year=%d\">%s</a></li>", t->units[c].code, g->year,
				     t->units[c].short_name);
		}
		html(r, "</ul>");
	}
	html(r, "</section>");
}

enum gemis_err page_province(struct http_req *r)
{
	const char *code = http_arg(r, 0), *gp = http_param(r, "goal"), *st = http_param(r, "status");
	struct grid g;
	struct db *db;
	enum gemis_err err;

	memset(&g, 0, sizeof(g));
	g.s = http_snap(r);
	if (!g.s)
		return GEMIS_EDB;
	g.t = &g.s->tree;
	g.sort = http_param(r, "sort");
	g.dir = http_param(r, "dir");
	g.goal = gp ? goal_parse(gp) : -1;
	g.status = st ? status_parse(st) : -1;
	g.sort_ind = -1;
	if (!code)
		return http_redirect(r, arena_printf(&r->arena, "/province/%s", g.t->units[r->who.unit].code));
	err = http_unit(r, code, ACT_READ, -1, &g.unit);
	if (err)
		return err;
	if ((gp && g.goal < 0) || (st && g.status < 0))
		return http_fail(r, GEMIS_EINVAL, "%s", _("unknown goal or status"));
	g.u = &g.t->units[g.unit];
	if (g.u->first_child < 0)
		return http_redirect(r, arena_printf(&r->arena, "/?unit=%s", g.u->code));
	g.year = page_year(r);
	if (g.sort && strcmp(g.sort, "name") != 0) {
		g.sort_ind = catalog_find(g.sort);
		if (g.sort_ind < 0)
			return http_fail(r, GEMIS_EINVAL, "%s", _("unknown indicator"));
	}
	g.map_ind = tilemap_indicator(r, g.s, g.unit, g.year, g.sort_ind);
	if (g.map_ind < 0)
		return http_fail(r, GEMIS_EINVAL, "%s", _("unknown indicator"));
	/* the forms owed (report/reporting.h), to mark late communes */
	err = http_db(r, &db);
	if (!err)
		err = reporting_load(db, g.t, g.unit, g.year, reporting_judged_at(r), &r->arena, &g.rep, &r->err);
	if (err)
		return err;
	/* the case register's small counts stay hidden (core/register.h) */
	progress_masks_init(&g.masks, g.s, g.year);
	err = grid_rows(r, &g);
	if (!err) {
		page_begin(r, arena_printf(&r->arena, "%s · %d", g.u->name, g.year), g.unit);
		html(r, "<nav class=\"crumbs\"><a href=\"/?unit=%s&amp;year=%d\">%s</a></nav>", g.u->code, g.year, g.u->name);
		html(r, "<h1>%s <small>%s · %d</small></h1>",
		     g.u->level == LEVEL_NATION ? _("Provinces by indicator") : _("Communes by indicator"), g.u->short_name,
		     g.year);
		filters_form(r, &g);
		grid_table(r, &g);
		not_reported(r, &g);
		page_end(r);
	}
	progress_masks_release(&g.masks);
	rep_result_release(&g.rep);
	return err;
}
