/*
 * province.c: a table of a unit's sub-units × indicators coloured by
 * status: GET /province/{code}?year=&goal=&status=&sort=&dir=.  For a
 * province the rows are its communes and wards, for the nation (VN) its
 * provinces.  Sortable by name or by any indicator (links in the header,
 * no JavaScript needed), filterable by goal and by status (rows with at
 * least one shown indicator in that status), and followed by the list of
 * communes that have not reported for the year.  With htmx the filters
 * update the table in place.
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

enum gemis_err page_province(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_arg(r, 0), *sort = http_param(r, "sort"), *dir = http_param(r, "dir");
	const char *g = http_param(r, "goal"), *st = http_param(r, "status");
	const struct tree *t;
	const struct unit *u;
	struct row *rows;
	struct sort_by by;
	struct progress_masks masks;
	struct rep_result rep = {0};
	struct db *db;
	int unit, year, goal = g ? goal_parse(g) : -1, status = st ? status_parse(st) : -1, c, sort_ind = -1;
	size_t n = 0, i, k, shown = 0;
	enum gemis_err err;

	if (!s)
		return GEMIS_EDB;
	t = &s->tree;
	if (!code)
		return http_redirect(r, arena_printf(&r->arena, "/province/%s", t->units[r->who.unit].code));
	err = http_unit(r, code, ACT_READ, -1, &unit);
	if (err)
		return err;
	if ((g && goal < 0) || (st && status < 0))
		return http_fail(r, GEMIS_EINVAL, "%s", _("unknown goal or status"));
	u = &t->units[unit];
	if (u->first_child < 0)
		return http_redirect(r, arena_printf(&r->arena, "/?unit=%s", u->code));
	year = page_year(r);
	if (sort && strcmp(sort, "name") != 0) {
		sort_ind = catalog_find(sort);
		if (sort_ind < 0)
			return http_fail(r, GEMIS_EINVAL, "%s", _("unknown indicator"));
	}
	/* the forms owed (report/reporting.h), to mark late communes */
	err = http_db(r, &db);
	if (!err)
		err = reporting_load(db, t, unit, year, reporting_judged_at(r), &r->arena, &rep, &r->err);
	if (err)
		return err;
	for (c = u->first_child; c >= 0; c = t->units[c].next_sibling)
		n++;
	rows = arena_alloc(&r->arena, (n ? n : 1) * sizeof(*rows));
	if (!rows) {
		rep_result_release(&rep);
		return GEMIS_ENOMEM;
	}
	n = 0;
	/* the case register's small counts stay hidden (core/register.h) */
	progress_masks_init(&masks, s, year);
	for (c = u->first_child; c >= 0; c = t->units[c].next_sibling) {
		struct assessment a;

		struct buf fk;

		buf_init(&fk, 1024);
		text_fold(&fk, t->units[c].short_name, strlen(t->units[c].short_name));
		rows[n].name_key = arena_strdup(&r->arena, buf_str(&fk));
		if (!rows[n].name_key)
			rows[n].name_key = "";
		buf_release(&fk);
		rows[n].unit = c;
		rows[n].key = sort_ind >= 0 ? engine_value(&s->eng, year, c, sort_ind, SEX_T) : NAN;
		if (sort_ind >= 0) {
			engine_assess(&s->eng, year, c, sort_ind, &a);
			rows[n].st = a.status;
			if (progress_masks_hidden(&masks, c, sort_ind)) {
				rows[n].key = NAN;
				rows[n].st = ST_NO_DATA;
			}
		}
		n++;
	}
	by.tree = t;
	by.name = sort_ind < 0;
	by.dir = dir && strcmp(dir, "desc") == 0 ? -1 : 1;
	qsort_r(rows, n, sizeof(*rows), row_cmp, &by);

	page_begin(r, arena_printf(&r->arena, "%s · %d", u->name, year), unit);
	html(r, "<nav class=\"crumbs\"><a href=\"/?unit=%s&amp;year=%d\">%s</a></nav>", u->code, year, u->name);
	html(r, "<h1>%s <small>%s · %d</small></h1>",
	     u->level == LEVEL_NATION ? _("Provinces by indicator") : _("Communes by indicator"), u->short_name, year);
	/* filters: a plain GET form, updated in place by htmx */
	html(r, "<form method=\"get\" action=\"/province/%s\" class=\"filters\" hx-get=\"/province/%s\""
		" hx-trigger=\"change\" hx-target=\"#grid\" hx-select=\"#grid\" hx-swap=\"outerHTML\" hx-push-url=\"true\">",
	     u->code, u->code);
	html(r, "<label>%s <input name=\"year\" type=\"number\" min=\"%d\" max=\"%d\" value=\"%d\"></label>", _("Year"),
	     PERIOD_MIN_YEAR, PERIOD_MAX_YEAR, year);
	html(r, "<label>%s <select name=\"goal\"><option value=\"\">%s</option>", _("Goal"), _("all"));
	for (c = 0; c < GOAL_COUNT; c++) {
		if (c == goal)
			html(r, "<option value=\"%s\" selected>%s</option>", goal_id((enum goal)c), goal_name((enum goal)c, r->lang));
		else
			html(r, "<option value=\"%s\">%s</option>", goal_id((enum goal)c), goal_name((enum goal)c, r->lang));
	}
	html(r, "</select></label><label>%s <select name=\"status\"><option value=\"\">%s</option>", _("Status"), _("all"));
	for (c = ST_COUNT - 1; c >= 0; c--) {
		if (c == status)
			html(r, "<option value=\"%s\" selected>%s</option>", status_id((enum status)c), status_name((enum status)c));
		else
			html(r, "<option value=\"%s\">%s</option>", status_id((enum status)c), status_name((enum status)c));
	}
	html(r, "</select></label>");
	if (sort)
		html(r, "<input type=\"hidden\" name=\"sort\" value=\"%s\">", sort);
	if (dir)
		html(r, "<input type=\"hidden\" name=\"dir\" value=\"%s\">", dir);
	html(r, "<button type=\"submit\">%s</button></form>", _("Show"));

	html(r, "<div id=\"grid\"><div class=\"scroll\"><table class=\"grid\"><thead><tr><th><a href=\"%s\">%s</a></th>",
	     self_url(r, u->code, year, goal, status, "name", by.name && by.dir == 1 ? "desc" : NULL), _("Unit"));
	for (k = 0; k < catalog_count; k++) {
		if (goal >= 0 && catalog[k].goal != (enum goal)goal)
			continue;
		/* the number and a short name: a phone has no tooltips */
		html(r, "<th scope=\"col\" class=\"num ihead\"><a href=\"%s\" title=\"%s\"><span class=\"code\">%s%s</span>"
			" %s</a></th>",
		     self_url(r, u->code, year, goal, status, catalog[k].id,
			      sort_ind == (int)k && by.dir == 1 ? "desc" : NULL),
		     indicator_name(&catalog[k], r->lang), ind_label(r, (int)k),
		     sort_ind == (int)k ? (by.dir == 1 ? " ▲" : " ▼") : "", indicator_short_name(&catalog[k], r->lang));
	}
	html(r, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		int cu = rows[i].unit;
		bool any = status < 0;

		for (k = 0; k < catalog_count && !any; k++) {
			struct assessment a;

			if (goal >= 0 && catalog[k].goal != (enum goal)goal)
				continue;
			engine_assess(&s->eng, year, cu, (int)k, &a);
			if (progress_masks_hidden(&masks, cu, (int)k))
				a.status = ST_NO_DATA;
			any = (int)a.status == status;
		}
		if (!any)
			continue;
		shown++;
		{
			int d2 = 0, a2 = 0;

			/* a commune silent this year is marked in its row, not
			 * only in the list below the grid */
			engine_count_reported(&s->eng, year, cu, &d2, &a2);
			html(r, "<tr class=\"%s\"><th scope=\"row\"><a href=\"/?unit=%s&amp;year=%d\">%s</a>", d2 < a2 ? "silent" : "",
			     t->units[cu].code, year, t->units[cu].short_name);
			if (d2 == 0)
				html(r, " <small class=\"tag\">%s</small>", arena_printf(&r->arena, _("not reported in %d"), year));
			else if (d2 < a2)
				html(r, " <small class=\"tag\">%d/%d</small>", d2, a2);
			late_tag(r, &rep, cu);
			html(r, "</th>");
		}
		for (k = 0; k < catalog_count; k++) {
			struct assessment a;
			char num[32];
			double v;
			bool hidden;

			if (goal >= 0 && catalog[k].goal != (enum goal)goal)
				continue;
			engine_assess(&s->eng, year, cu, (int)k, &a);
			v = engine_value(&s->eng, year, cu, (int)k, SEX_T);
			format_number(num, sizeof(num), v, 1);
			hidden = progress_masks_hidden(&masks, cu, (int)k);
			if (hidden)
				snprintf(num, sizeof(num), "x");
			/* a status filter dims the cells in other statuses */
			html(r, "<td class=\"num\"><a class=\"cell %s%s\" href=\"/indicator/%s?unit=%s&amp;year=%d\" title=\"%s\">%s</a></td>",
			     hidden ? "st-hidden" : status_class(a.status),
			     status >= 0 && (hidden || (int)a.status != status) ? " dim" : "", catalog[k].id,
			     t->units[cu].code, year,
			     hidden ? _("hidden: few cases")
			     : a.status == ST_NOT_REPORTED ? arena_printf(&r->arena, _("not reported in %d"), year)
							   : status_name(a.status),
			     num);
		}
		html(r, "</tr>");
	}
	html(r, "</tbody></table></div>");
	html(r, "<p class=\"hint\">%s</p>", arena_printf(&r->arena, _("%zu of %zu shown."), shown, n));
	/* the legend of the column numbers */
	html(r, "<details><summary>%s</summary><ul>", _("Indicators"));
	for (k = 0; k < catalog_count; k++) {
		if (goal >= 0 && catalog[k].goal != (enum goal)goal)
			continue;
		html(r, "<li>%s %s</li>", ind_label(r, (int)k), indicator_name(&catalog[k], r->lang));
	}
	html(r, "</ul></details></div>");

	/* who has not reported */
	{
		int done = 0, all = 0, missing = 0;

		engine_count_reported(&s->eng, year, unit, &done, &all);
		html(r, "<section><h2>%s</h2><p>%s</p>", _("Not reported"),
		     arena_printf(&r->arena, _("%d of %d communes and wards have reported."), done, all));
		if (done < all) {
			html(r, "<ul class=\"cols\">");
			for (c = u->first_child; c >= 0; c = t->units[c].next_sibling) {
				int d2 = 0, a2 = 0;

				engine_count_reported(&s->eng, year, c, &d2, &a2);
				if (d2 == a2)
					continue;
				missing++;
				if (u->level == LEVEL_NATION)
					html(r, "<li><a href=\"/province/%s?year=%d\">%s</a> (%d/%d)</li>", t->units[c].code, year,
					     t->units[c].short_name, d2, a2);
				else
					html(r, "<li><a href=\"/?unit=%s&amp;year=%d\">%s</a></li>", t->units[c].code, year,
					     t->units[c].short_name);
			}
			html(r, "</ul>");
		}
		(void)missing;
		html(r, "</section>");
	}
	page_end(r);
	progress_masks_release(&masks);
	rep_result_release(&rep);
	return GEMIS_OK;
}
