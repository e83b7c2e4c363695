/*
 * dashboard.c: the home page: a unit's year at a glance.  The six goals
 * with each indicator's value, target, status in colour and words and a
 * trend chart with the target line; the reporting status (which agencies
 * have submitted, which are late, the days to the deadline; for a province
 * or the nation, how many communes have reported); and links down the
 * tree.  GET /?unit=CODE&year=YEAR, the account's own unit by default.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/quota.h"
#include "core/smallnum.h"
#include "report/progress.h"
#include "store/submissions.h"
#include "report/reporting.h"
#include "web.h"

#include "util/banned.h"

static void breadcrumbs(struct http_req *r, int unit, int year)
{
	const struct tree *t = &r->snap->tree;
	int chain[8], n = 0, u, i;

	for (u = unit; u >= 0 && n < 8; u = t->units[u].parent) {
		chain[n++] = u;
		if (u == r->who.unit)
			break;
	}
	html(r, "<nav class=\"crumbs\" aria-label=\"%s\">", _("Units"));
	for (i = n - 1; i >= 0; i--) {
		if (i > 0)
			html(r, "<a href=\"/?unit=%s&amp;year=%d\">%s</a> › ", t->units[chain[i]].code, year,
			     t->units[chain[i]].short_name);
		else
			html(r, "<span>%s</span>", t->units[chain[i]].short_name);
	}
	html(r, "</nav>");
}

static void year_picker(struct http_req *r, const char *action, int unit, int year)
{
	const struct engine *e = &r->snap->eng;
	int lo = e->year_min <= e->year_max ? e->year_min : year, hi = http_today(r) / 10000, y;

	if (hi < year)
		hi = year;
	if (lo > year)
		lo = year;
	html(r, "<form method=\"get\" action=\"%s\" class=\"picker\">", action);
	if (unit >= 0)
		html(r, "<input type=\"hidden\" name=\"unit\" value=\"%s\">", r->snap->tree.units[unit].code);
	html(r, "<label>%s <select name=\"year\">", _("Year"));
	for (y = hi; y >= lo; y--)
		html(r, "<option%s>%d</option>", y == year ? " selected" : "", y);
	html(r, "</select></label> <button type=\"submit\">%s</button></form>", _("Show"));
}

/* The commune's forms of the year, as the reporting page and the yearly
 * report count them (report/reporting.h): one computation of who owes
 * which form by when, so that the three never disagree. */
static enum gemis_err commune_reporting(struct http_req *r, int unit, int year)
{
	struct db *db;
	struct arena mem;
	struct rep_result rep;
	int today = http_today(r);
	size_t i;
	enum gemis_err err;

	err = http_db(r, &db);
	if (err)
		return err;
	arena_init(&mem, 0);
	err = reporting_load(db, &r->snap->tree, unit, year, reporting_judged_at(r), &mem, &rep, &r->err);
	if (err) {
		arena_release(&mem);
		return err;
	}
	html(r, "<section class=\"reporting\"><h2>%s %d</h2>", _("Reporting for"), year);
	if (!rep.units_with_plan) {
		html(r, "<p>%s</p>", _("This unit has no plan in force: no forms are expected."));
	} else if (!rep.nforms) {
		html(r, "<p>%s</p>", _("The plan gives no agency duties: no report is due."));
	} else {
		const struct rep_form *f0 = &rep.forms[0];

		if (!f0->has_due) {
			html(r, "<p class=\"deadline\">%s</p>", _("No date set: the plan sets no reporting deadline."));
		} else {
			struct date due = {f0->due_year, f0->due_month, f0->due_day};
			long days = (long)date_diff(date_from_ymd(today), due);

			html(r, "<p class=\"deadline\">%s %02d/%02d/%04d · ", _("Deadline"), f0->due_day,
			     f0->due_month, f0->due_year);
			if (days > 0)
				html(r, "%s", arena_printf(&r->arena, ngettext_("%ld day left", "%ld days left", (unsigned long)days), days));
			else if (days == 0)
				html(r, "%s", _("due today"));
			else
				html(r, "%s", arena_printf(&r->arena, ngettext_("passed %ld day ago", "passed %ld days ago",
									       (unsigned long)-days), -days));
			html(r, "</p>");
		}
		/* a reporter is told first what it owes */
		for (i = 0; r->who.role == ROLE_REPORTER && i < rep.nforms; i++) {
			const struct rep_form *f = &rep.forms[i];

			if (f->agency != r->who.agency || f->submitted_at)
				continue;
			html(r, "<p class=\"owe\"><a class=\"button\" href=\"/entry/%s/%s/%d\">%s</a> %s</p>",
			     r->snap->tree.units[unit].code, agency_kinds[f->agency].id, year,
			     _("Fill in your form"),
			     arena_printf(&r->arena, _("Your agency owes this form for %d, due %02d/%02d/%04d."), year,
					  f->due_day, f->due_month, f->due_year));
		}
		html(r, "<table class=\"compact\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		     _("Agency"), _("Form"), _("Submitted"));
		for (i = 0; i < rep.nforms; i++) {
			const struct rep_form *f = &rep.forms[i];
			int st = f->status ? sub_status_parse(f->status) : -1;
			enum sub_status status = st >= 0 ? (enum sub_status)st : SUB_NONE;

			html(r, "<tr><td>%s</td><td><span class=\"sub sub-%s\">%s</span>",
			     r->lang == LANG_EN ? agency_kinds[f->agency].name_en : agency_kinds[f->agency].name_vi,
			     sub_status_id(status), sub_status_name(status));
			if (f->state == FORM_LATE || f->state == FORM_OVERDUE)
				html(r, " <span class=\"late\">%s</span>", _("late"));
			html(r, "</td><td>%s</td></tr>", f->submitted_at ? fmt_time(r, f->submitted_at) : "–");
		}
		html(r, "</tbody></table>");
	}
	html(r, "<p><a href=\"/reporting?unit=%s&amp;year=%d\">%s</a></p></section>", r->snap->tree.units[unit].code,
	     year, _("Reporting rates and the yearly report"));
	rep_result_release(&rep);
	arena_release(&mem);
	return GEMIS_OK;
}

static void area_reporting(struct http_req *r, int unit, int year)
{
	const struct tree *t = &r->snap->tree;
	int done = 0, all = 0;

	engine_count_reported(&r->snap->eng, year, unit, &done, &all);
	html(r, "<section class=\"reporting\"><h2>%s %d</h2><p>", _("Reporting for"), year);
	html(r, "%s", arena_printf(&r->arena, _("%d of %d communes and wards have reported."), done, all));
	html(r, "</p><meter min=\"0\" max=\"%d\" value=\"%d\">%d/%d</meter>", all, done, done, all);
	if (t->units[unit].level == LEVEL_PROVINCE)
		html(r, " <a href=\"/province/%s?year=%d\">%s</a>", t->units[unit].code, year,
		     _("See the communes"));
	html(r, " <a href=\"/reporting?unit=%s&amp;year=%d\">%s</a>", t->units[unit].code, year,
	     _("Reporting rates and the yearly report"));
	html(r, "</section>");
}

static void children(struct http_req *r, int unit, int year)
{
	const struct tree *t = &r->snap->tree;
	int c, n = 0;

	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling)
		n++;
	if (!n)
		return;
	html(r, "<details class=\"children\"><summary>%s (%d)</summary><ul class=\"cols\">",
	     t->units[unit].level == LEVEL_NATION ? _("Provinces") : _("Communes and wards"), n);
	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling)
		html(r, "<li><a href=\"/?unit=%s&amp;year=%d\">%s</a></li>", t->units[c].code, year,
		     t->units[c].short_name);
	html(r, "</ul></details>");
}

static void indicator_row(struct http_req *r, struct progress_masks *pm, int unit, int k, int year)
{
	const struct engine *e = &r->snap->eng;
	const struct indicator *ind = &catalog[k];
	const struct unit *u = &r->snap->tree.units[unit];
	struct assessment a;
	struct shown sh;
	double v = engine_value(e, year, unit, k, SEX_T);

	engine_assess(e, year, unit, k, &a);
	/* the case register's small counts are hidden (core/register.h) */
	progress_shown(r->snap, unit, year, k, &sh);
	if (!sh.value) {
		v = NAN;
		a.status = ST_NO_DATA;
		a.latest_year = 0;
	}
	html(r, "<li class=\"ind %s\"><div class=\"name\"><a href=\"/indicator/%s?unit=%s&amp;year=%d\">%s</a></div>",
	     status_class(a.status), ind->id, u->code, year, indicator_name(ind, r->lang));
	if (sh.value)
		html(r, "<div class=\"nums\"><span class=\"val\">%s</span>", fmt_value(r, v, ind->unit));
	else
		html(r, "<div class=\"nums\"><span class=\"val\" title=\"%s\">x</span>",
		     _("hidden to protect the people in the case register (fewer than 5 cases, or a figure from which such a count could be worked out)"));
	if (ind->by_sex) {
		double f = sh.f ? engine_value(e, year, unit, k, SEX_F) : NAN;
		double m = sh.m ? engine_value(e, year, unit, k, SEX_M) : NAN;

		if (!isnan(f) || !isnan(m))
			html(r, " <span class=\"sex\" title=\"%s / %s\">♀ %s · ♂ %s</span>", indicator_sex_name(ind, SEX_F),
			     indicator_sex_name(ind, SEX_M),
			     fmt_value(r, f, ind->unit), fmt_value(r, m, ind->unit));
	}
	html(r, "<span class=\"tgt\">%s %s</span></div>", _("Target"),
	     fmt_target(r, engine_target(e, unit, k, year), ind->unit));
	html(r, "<div class=\"state\">");
	if (sh.value)
		status_badge_year(r, &a, year);
	else
		hidden_badge(r);
	if ((a.quota || a.small != SMALL_NONE) && sh.value && a.status != ST_NOT_REPORTED) {
		char note[256];

		if (a.quota)
			quota_note(&a, note, sizeof(note));
		else
			smallnum_note(&a, k, note, sizeof(note));
		html(r, " <small class=\"status-note\">%s</small>", note);
	}
	html(r, "</div>");
	compare_above(r, pm, unit, k, year);
	html(r, "<div class=\"chart\">");
	chart_sparkline(r, unit, k, year);
	html(r, "</div>");
	if (u->first_child >= 0) {
		unsigned counts[ST_COUNT];
		int st;
		bool first = true;

		progress_subunit_counts(r->snap, unit, k, year, counts);
		html(r, "<div class=\"subs\">");
		for (st = ST_COUNT - 1; st >= 0; st--) {
			if (!counts[st] || st == ST_NO_TARGET)
				continue;
			html(r, "%s<span class=\"%s\">%u %s</span>", first ? "" : " · ", status_class((enum status)st),
			     counts[st], status_name((enum status)st));
			first = false;
		}
		html(r, "</div>");
	}
	html(r, "</li>");
}

enum gemis_err page_home(struct http_req *r)
{
	const struct snapshot *s;
	const char *code = http_param(r, "unit");
	const struct unit *u;
	struct progress_masks pm;
	enum gemis_err err;
	int unit, year, g;
	size_t k;

	s = http_snap(r);
	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	u = &s->tree.units[unit];
	year = page_year(r);
	page_begin(r, u->name, unit);
	breadcrumbs(r, unit, year);
	html(r, "<div class=\"head\"><h1>%s <small>%d</small></h1>", u->name, year);
	year_picker(r, "/", unit, year);
	html(r, "</div>");
	if (u->level == LEVEL_COMMUNE || u->level == LEVEL_WARD || u->level == LEVEL_SPECIAL_ZONE)
		err = commune_reporting(r, unit, year);
	else
		area_reporting(r, unit, year);
	if (err)
		return err;
	tasks_box(r, unit, year);
	if (u->first_child < 0)
		local_link(r, unit, year, NULL);
	chain_box(r, unit, year);
	children(r, unit, year);
	/* the small-count masks of the units above, computed once a page */
	progress_masks_init(&pm, s, year);
	for (g = 0; g < GOAL_COUNT; g++) {
		html(r, "<section class=\"goal\"><h2>%s</h2><ul class=\"inds\">", goal_name((enum goal)g, r->lang));
		for (k = 0; k < catalog_n(); k++) {
			/* a province's own indicator is listed in that province only */
			if (catalog[k].goal == (enum goal)g && indicator_in_scope(&s->tree, &catalog[k], unit))
				indicator_row(r, &pm, unit, (int)k, year);
		}
		html(r, "</ul></section>");
	}
	progress_masks_release(&pm);
	page_end(r);
	return GEMIS_OK;
}
