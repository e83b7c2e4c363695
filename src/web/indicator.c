/*
 * indicator.c: one indicator of one unit: GET /indicator/{id}?unit=&year=.
 *
 * The trend over the years against the target path (an SVG drawn here,
 * and with JavaScript an interactive uPlot chart of the same data), the
 * values by sex where the indicator is reported by sex, the sub-units
 * ranked with their statuses, and the data behind the figure: for a
 * commune the reported numbers with who entered them and when, for a
 * province or the nation the summed parts and how many units reported.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/quota.h"
#include "core/smallnum.h"
#include "core/suppress.h"
#include "report/progress.h"
#include "store/values.h"
#include "store/submissions.h"
#include "web.h"

#include "util/banned.h"

static void chart_data(struct http_req *r, int unit, int ind, int year)
{
	const struct engine *e = &r->snap->eng;
	const struct target *t = engine_target(e, unit, ind, year);
	json_t *o = json_object(), *years = json_array(), *series = json_array();
	int sexes[3] = {SEX_T, SEX_F, SEX_M}, ns = catalog[ind].by_sex ? 3 : 1, y0, y, k;
	enum direction dir;
	double tv;
	char *s;

	y0 = e->year_min <= e->year_max ? e->year_min : year;
	for (y = y0; y <= year; y++)
		json_array_append_new(years, json_integer(y));
	for (k = 0; k < ns; k++) {
		json_t *vals = json_array();

		for (y = y0; y <= year; y++) {
			double v = engine_value(e, y, unit, ind, sexes[k]);
			struct shown sh;

			/* the case register's small counts stay hidden (core/register.h) */
			progress_shown(r->snap, unit, y, ind, &sh);
			if (!(sexes[k] == SEX_F ? sh.f : sexes[k] == SEX_M ? sh.m : sh.value))
				v = NAN;

			json_array_append_new(vals, isnan(v) ? json_null() : json_real(round(v * 100) / 100));
		}
		json_array_append_new(series, json_pack("{s:s, s:o}", "label",
							 indicator_sex_name(&catalog[ind], (enum sex)sexes[k]),
							 "values", vals));
	}
	json_object_set_new(o, "labels", json_pack("{s:s, s:s}", "year", _("Year"), "target", _("Target")));
	json_object_set_new(o, "years", years);
	json_object_set_new(o, "series", series);
	json_object_set_new(o, "target",
			    t && target_effective(t, catalog[ind].unit, &dir, &tv) ? json_real(tv) : json_null());
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (s) {
		html_json(r, "chart-data", s, strlen(s));
		free(s);
	}
}

struct ranked {
	int unit;
	enum status st;
	double v;
	struct assessment a;
	bool hidden;     /* the case register's small counts */
};

static int rank_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct ranked *a = pa, *b = pb;
	const struct indicator *rank_ind = ctx;

	if (a->st != b->st)
		return a->st > b->st ? -1 : 1;
	if (isnan(a->v) != isnan(b->v))
		return isnan(a->v) ? 1 : -1;
	if (a->v != b->v) {
		bool higher = rank_ind->polarity == POL_HIGHER;

		return (a->v > b->v) == higher ? -1 : 1;
	}
	return a->unit - b->unit;
}

static void subunits(struct http_req *r, int unit, int ind, int year)
{
	const struct tree *t = &r->snap->tree;
	const struct engine *e = &r->snap->eng;
	struct ranked *v;
	struct progress_masks masks;
	size_t n = 0, i;
	int c;

	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling)
		n++;
	if (!n)
		return;
	v = arena_alloc(&r->arena, n * sizeof(*v));
	if (!v)
		return;
	n = 0;
	progress_masks_init(&masks, r->snap, year);
	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling) {
		struct assessment a;

		engine_assess(e, year, c, ind, &a);
		v[n].unit = c;
		v[n].st = a.status;
		v[n].v = engine_value(e, year, c, ind, SEX_T);
		v[n].hidden = progress_masks_hidden(&masks, c, ind);
		if (v[n].hidden) {
			a.status = ST_NO_DATA;
			v[n].st = ST_NO_DATA;
			v[n].v = NAN;
		}
		v[n].a = a;
		n++;
	}
	progress_masks_release(&masks);
	qsort_r(v, n, sizeof(*v), rank_cmp, (void *)&catalog[ind]);
	html(r, "<section><h2>%s</h2><div class=\"scroll\"><table><thead><tr><th class=\"num\">#</th><th>%s</th>"
		"<th class=\"num\">%s</th><th>%s</th></tr></thead><tbody>",
	     t->units[unit].level == LEVEL_NATION ? _("Provinces") : _("Communes and wards"), _("Unit"),
	     arena_printf(&r->arena, _("Value %d"), year), arena_printf(&r->arena, _("Status in %d"), year));
	for (i = 0; i < n; i++) {
		html(r, "<tr><td class=\"num\">%zu</td><td><a href=\"/indicator/%s?unit=%s&amp;year=%d\">%s</a></td>"
			"<td class=\"num\">%s</td><td>",
		     i + 1, catalog[ind].id, t->units[v[i].unit].code, year, t->units[v[i].unit].short_name,
		     v[i].hidden ? "x" : fmt_value(r, v[i].v, catalog[ind].unit));
		if (v[i].hidden)
			hidden_badge(r);
		else
			status_badge_year(r, &v[i].a, year);
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table></div></section>");
}

static void by_sex_table(struct http_req *r, int unit, int ind, int year)
{
	const struct engine *e = &r->snap->eng;
	int y0 = e->year_min <= e->year_max ? e->year_min : year, y;

	html(r, "<section><h2>%s</h2><div class=\"scroll\"><table><thead><tr><th>%s</th>", _("Values by year"),
	     _("Year"));
	if (catalog[ind].by_sex)
		html(r, "<th class=\"num\">%s</th><th class=\"num\">%s</th>", indicator_sex_name(&catalog[ind], SEX_F),
		     indicator_sex_name(&catalog[ind], SEX_M));
	html(r, "<th class=\"num\">%s</th>", _("Total"));
	if (catalog[ind].kind == IND_RATIO)
		html(r, "<th class=\"num\">%s</th><th class=\"num\">%s</th>", _("Numerator"), _("Denominator"));
	if (r->snap->tree.units[unit].first_child >= 0)
		html(r, "<th class=\"num\">%s</th>", _("Units reporting"));
	html(r, "</tr></thead><tbody>");
	for (y = year; y >= y0; y--) {
		char num[48], den[48];
		struct shown sh;

		/* the case register's small counts stay hidden (core/register.h) */
		progress_shown(r->snap, unit, y, ind, &sh);
		html(r, "<tr><td>%d</td>", y);
		if (catalog[ind].by_sex)
			html(r, "<td class=\"num\">%s</td><td class=\"num\">%s</td>",
			     sh.f ? fmt_value(r, engine_value(e, y, unit, ind, SEX_F), catalog[ind].unit) : "x",
			     sh.m ? fmt_value(r, engine_value(e, y, unit, ind, SEX_M), catalog[ind].unit) : "x");
		html(r, "<td class=\"num\">%s</td>",
		     sh.value ? fmt_value(r, engine_value(e, y, unit, ind, SEX_T), catalog[ind].unit) : "x");
		if (catalog[ind].kind == IND_RATIO) {
			format_number(num, sizeof(num), engine_part(e, y, unit, ind, PART_NUM, SEX_T), 2);
			format_number(den, sizeof(den), engine_part(e, y, unit, ind, PART_DEN, SEX_T), 2);
			if (sh.num)
				supp_format(0, sh.num, num, sizeof(num));
			if (sh.den)
				supp_format(0, sh.den, den, sizeof(den));
			html(r, "<td class=\"num\">%s</td><td class=\"num\">%s</td>", num, den);
		}
		/* a figure with no commune behind it is the unit's own (a
		 * province's survey), not "0 of 38 reported" */
		if (r->snap->tree.units[unit].first_child >= 0 && engine_reporting(e, y, unit, ind) == 0 &&
		    !isnan(engine_value(e, y, unit, ind, SEX_T)))
			html(r, "<td class=\"num\">%s</td>", _("the unit's own figure"));
		else if (r->snap->tree.units[unit].first_child >= 0)
			html(r, "<td class=\"num\">%u / %d</td>", engine_reporting(e, y, unit, ind),
			     r->snap->tree.units[unit].nleaves);
		html(r, "</tr>");
	}
	html(r, "</tbody></table></div></section>");
}

struct reported_rows {
	struct http_req *r;
	int rows;
};

/* One row of the table of numbers as reported. */
static enum gemis_err reported_row(void *ctx, const struct value_record *v)
{
	struct reported_rows *c = ctx;
	struct http_req *r = c->r;
	const struct indicator *ind = &catalog[v->row.ind];
	int p = v->row.part;
	const char *label = r->lang == LANG_EN ? ind->part_en[p] : ind->part_vi[p];
	char num[48];

	/* in words: the period, the part, the sex, who and how */
	format_number(num, sizeof(num), v->row.value, 4);
	html(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>%s <small>(%s)</small></td><td>%s</td></tr>",
	     fmt_period(r, v->row.period), label ? label : "–", indicator_sex_name(ind, (enum sex)v->row.sex), num,
	     fmt_who(r, v->entered_by), fmt_source(r, v->source), fmt_time(r, v->entered_at));
	c->rows++;
	return GEMIS_OK;
}

/* The numbers as reported, with who entered them. */
static enum gemis_err reported(struct http_req *r, int unit, int ind)
{
	struct db *db;
	struct reported_rows c = {r, 0};
	enum gemis_err err = http_db(r, &db);

	if (err)
		return err;
	html(r, "<section><h2>%s</h2><div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
		"<th class=\"num\">%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("The data behind the figure"), _("Period"), _("Part"), _("Sex"), _("Value"), _("Entered by"),
	     _("When"));
	err = values_history(db, &r->snap->tree, unit, ind, reported_row, &c, &r->err);
	html(r, "</tbody></table></div>");
	if (!c.rows)
		html(r, "<p>%s</p>", _("Nothing reported yet."));
	html(r, "</section>");
	return err;
}

/* The status badge and what it rests on: the pace since the base year,
 * a quota's quarters or the rare events pooled. */
static void status_facts(struct http_req *r, const struct assessment *a, const struct shown *sh, int k, int year)
{
	char ratio[32];

	html(r, "</dd><dt>%s</dt><dd>", arena_printf(&r->arena, _("Status in %d"), year));
	if (sh->value)
		status_badge_year(r, a, year);
	else
		hidden_badge(r);
	if (!isnan(a->ratio)) {
		/* R (core/assess.h) in words: the pace since the base year as a
		 * share of the pace the target needs */
		html(r, " <small class=\"pace\" title=\"%s\">", _("On track from 95% of the pace the target needs, at risk from 60%."));
		if (a->ratio < 0) {
			html(r, "%s", arena_printf(&r->arena, _("moving away from the target since %d"), a->base_year));
		} else {
			format_number(ratio, sizeof(ratio), a->ratio * 100, 0);
			html(r, "%s", arena_printf(&r->arena, _("pace %d–%d: %s%% of what the target needs"), a->base_year,
						   a->latest_year, ratio));
		}
		html(r, "</small>");
	}
	if ((a->quota || a->small != SMALL_NONE) && sh->value) {
		char note[256];

		/* a quota per quarter: which quarters missed it (core/quota.h);
		 * rare events: the years pooled or the count (core/smallnum.h) */
		if (a->quota)
			quota_note(a, note, sizeof(note));
		else
			smallnum_note(a, k, note, sizeof(note));
		html(r, " <small class=\"status-note\">%s (%d)</small>", note, a->latest_year);
	}
	html(r, "</dd>");
}

/* The explanation the reporting agency gave for the year, if any. */
static void explanation(struct http_req *r, int unit, int k, int year)
{
	struct buf b;
	struct db *db;

	buf_init(&b, 8192);
	if (!http_db(r, &db) && !value_comment_get(db, &r->snap->tree, unit, year, k, &b, NULL) && b.len)
		html(r, "<p class=\"explain\"><strong>%s:</strong> %s</p>", _("Explanation"), buf_str(&b));
	buf_release(&b);
}

enum gemis_err page_indicator(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *id = http_arg(r, 0), *code = http_param(r, "unit");
	const struct indicator *ind;
	const struct unit *u;
	struct assessment a;
	struct shown sh;
	enum gemis_err err;
	int k, unit, year;

	if (!s)
		return GEMIS_EDB;
	k = id ? catalog_find(id) : -1;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	/* a province's own indicator does not exist outside that province:
	 * there is nothing to show, as for an unknown id */
	if (k < 0 || !indicator_in_scope(&s->tree, &catalog[k], unit))
		return GEMIS_ENOTFOUND;
	ind = &catalog[k];
	u = &s->tree.units[unit];
	year = page_year(r);
	engine_assess(&s->eng, year, unit, k, &a);
	progress_shown(s, unit, year, k, &sh);
	if (!sh.value) {
		a.status = ST_NO_DATA;
		a.ratio = NAN;
	}
	page_begin_opts(r, indicator_name(ind, r->lang), unit, PAGE_CHART);
	html(r, "<nav class=\"crumbs\"><a href=\"/?unit=%s&amp;year=%d\">%s</a> › %s</nav>", u->code, year, u->name,
	     goal_name(ind->goal, r->lang));
	html(r, "<h1>%s <small>%s · %d</small></h1>", indicator_name(ind, r->lang), u->short_name, year);
	if (catalog_retired_from(ind))
		html(r, "<p class=\"retired\">%s</p>",
		     arena_printf(&r->arena, _("Retired from %d: no longer reported from that year on; its values before stay."),
				  catalog_retired_from(ind)));
	html(r, "<dl class=\"facts\"><dt>%s</dt><dd class=\"val\">%s</dd>", _("Value"),
	     sh.value ? fmt_value(r, engine_value(&s->eng, year, unit, k, SEX_T), ind->unit) : "x");
	html(r, "<dt>%s</dt><dd>%s", _("Target"), fmt_target(r, engine_target(&s->eng, unit, k, year), ind->unit));
	{
		const struct target *t = engine_target(&s->eng, unit, k, year);

		if (t)
			html(r, " <small>(%s %s)</small>", _("set by"),
			     t->origin >= 0 ? s->tree.units[t->origin].short_name : _("the national strategy"));
	}
	status_facts(r, &a, &sh, k, year);
	if (u->parent >= 0) {
		struct progress_masks pm;

		progress_masks_init(&pm, s, year);
		html(r, "<dt>%s</dt><dd>", _("Compared with"));
		compare_above(r, &pm, unit, k, year);
		html(r, "</dd>");
		progress_masks_release(&pm);
	}
	if (ind->kind == IND_RATIO)
		html(r, "<dt>%s</dt><dd>%s / %s%s</dd>", _("Computed as"),
		     r->lang == LANG_EN ? ind->part_en[0] : ind->part_vi[0],
		     r->lang == LANG_EN ? ind->part_en[1] : ind->part_vi[1],
		     ind->factor != 1 ? arena_printf(&r->arena, " × %g", ind->factor) : "");
	html(r, "</dl>");
	explanation(r, unit, k, year);
	html(r, "<section><h2>%s</h2>", _("Trend and target"));
	chart_trend(r, unit, k, year);
	html(r, "<p class=\"hint\">%s</p>", _("Dots: values by year. Dashed line: the target; dotted line: the path from the base year to the target."));
	html(r, "<div id=\"chart-host\" class=\"uplot-host\" hidden></div>");
	chart_data(r, unit, k, year);
	html(r, "</section>");
	by_sex_table(r, unit, k, year);
	subunits(r, unit, k, year);
	if (u->first_child < 0 && ind->source != SRC_REGISTER) {
		/* (a register indicator's reported numbers would show its small
		 * counts: they are not listed) */
		err = reported(r, unit, k);
		if (err)
			return err;
	}
	page_end(r);
	return GEMIS_OK;
}
