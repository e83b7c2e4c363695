/*
 * action_month.c: the Action Month for gender equality and against
 * gender-based violence (15/11 - 15/12) on the web.
 *
 *   GET  /action-month?unit=&year=        a commune's campaign: its theme,
 *                                         the activities logged for it,
 *                                         people reached by sex, its report
 *                                         in one click; for a province (or
 *                                         the nation) every commune's
 *                                         campaign at a glance
 *   POST /action-month/{unit}/{year}      the theme, by the commune's
 *                                         focal point (store/action_month.h)
 *
 * The activities are the log's (web/activities.c), flagged for the month;
 * the summary report is the yearly report's layout (GET /report with
 * kind=action_month, report/yearly_doc.c).
 */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "report/worklog.h"
#include "store/action_month.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

/* Where the campaign of the year stands today. */
static const char *when_text(struct http_req *r, int year)
{
	struct date today = web_today(r), from = {year, 11, 15}, to = {year, 12, 15};
	long d = date_days(today), a = date_days(from), b = date_days(to);

	if (d < a)
		return arena_printf(&r->arena, _("From 15/11 to 15/12/%d: it starts in %ld days."), year, a - d);
	if (d <= b)
		return arena_printf(&r->arena, _("From 15/11 to 15/12/%d: under way, day %ld of %ld."), year, d - a + 1,
				    b - a + 1);
	return arena_printf(&r->arena, _("From 15/11 to 15/12/%d: ended."), year);
}

static void report_links(struct http_req *r, int unit, int year)
{
	const char *code = r->snap->tree.units[unit].code;

	html(r, "<p class=\"actions\"><a class=\"button\" href=\"/report?unit=%s&amp;year=%d&amp;format=docx&amp;kind=action_month\">%s</a> "
		"<a href=\"/report?unit=%s&amp;year=%d&amp;format=pdf&amp;kind=action_month\">PDF</a> · "
		"<a href=\"/report?unit=%s&amp;year=%d&amp;format=html&amp;kind=action_month\">HTML</a></p>",
	     code, year, _("Summary report (DOCX)"), code, year, code, year);
}

static void totals(struct http_req *r, const struct wl_sum *s)
{
	int k;

	html(r, "<ul class=\"figures\"><li><strong>%u</strong> %s</li><li><strong>%lu</strong> %s</li>"
		"<li><strong>%lu</strong> %s</li></ul>",
	     s->am_activities, _("activities"), s->am_women, _("women reached"), s->am_men, _("men reached"));
	if (!s->am_activities)
		return;
	html(r, "<p>");
	for (k = 0; k < AK_COUNT; k++) {
		if (s->am_kinds[k])
			html(r, "%s%s: %u", k ? "; " : "", act_kind_name((enum act_kind)k), s->am_kinds[k]);
	}
	html(r, "</p>");
}

static void theme_form(struct http_req *r, int unit, int year, const char *theme)
{
	html(r, "<form method=\"post\" action=\"/action-month/%s/%d\" class=\"stack\">", r->snap->tree.units[unit].code,
	     year);
	form_csrf(r);
	html(r, "<label>%s <input name=\"theme\" maxlength=\"%d\" value=\"%s\" lang=\"vi\"></label>"
		"<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
	     _("Theme of the campaign"), ACTION_MONTH_THEME_MAX, theme ? theme : "", _("Save the theme"));
}

static void commune_page(struct http_req *r, const struct worklog *w)
{
	const struct unit *u = &r->snap->tree.units[w->unit];
	size_t i;

	html(r, "<section><h2>%s</h2>", _("Theme"));
	if (w->theme)
		html(r, "<p class=\"theme\" lang=\"vi\">%s</p>", w->theme);
	else
		html(r, "<p class=\"hint\">%s</p>", _("No theme set yet."));
	if (http_can(r, ACT_APPROVE, w->unit, -1))
		theme_form(r, w->unit, w->year, w->theme);
	html(r, "</section><section><h2>%s</h2>", _("What was done"));
	totals(r, &w->sum);
	if (!w->nam) {
		html(r, "<p>%s</p>", _("No activity of the Action Month logged yet."));
	} else {
		html(r, "<div class=\"scroll\"><table class=\"log\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
			"<th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
		     _("Date"), _("What"), _("Title"), _("Village or group reached"), _("Women"), _("Men"));
		for (i = 0; i < w->nam; i++) {
			const struct activity *a = &w->am[i];
			char day[DATE_TEXT_LEN];

			date_format_dmy(a->day, day);
			html(r, "<tr><td>%s</td><td>%s<br><small>%s</small></td><td lang=\"vi\">%s</td><td lang=\"vi\">%s</td>"
				"<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
			     day, act_kind_name(a->kind), act_channel_name(a->channel), a->title, a->place[0] ? a->place : "–",
			     a->women >= 0 ? arena_printf(&r->arena, "%d", a->women) : "–",
			     a->men >= 0 ? arena_printf(&r->arena, "%d", a->men) : "–");
		}
		html(r, "</tbody></table></div>");
	}
	html(r, "<p><a href=\"/activities?unit=%s&amp;year=%d\">%s</a></p></section>", u->code, w->year,
	     _("Log an activity (tick \"Part of the Action Month\" for one before 15/11 or after 15/12)"));
}

static void area_page(struct http_req *r, const struct worklog *w)
{
	const struct tree *t = &r->snap->tree;
	size_t i;

	totals(r, &w->sum);
	html(r, "<p>%s</p>",
	     arena_printf(&r->arena, _("%u of the %u communes and wards logged activities of the Action Month."),
			  w->sum.am_communes, w->sum.communes));
	html(r, "<div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th>"
		"<th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
	     _("Unit"), _("Theme"), _("Activities"), _("Women"), _("Men"));
	for (i = 0; i < w->nsubs; i++) {
		const struct wl_sub *x = &w->subs[i];

		html(r, "<tr><td><a href=\"/action-month?unit=%s&amp;year=%d\">%s</a></td>", t->units[x->unit].code, w->year,
		     t->units[x->unit].short_name);
		if (x->theme)
			html(r, "<td lang=\"vi\">%s</td>", x->theme);
		else
			html(r, "<td class=\"hint\">–</td>");
		html(r, "<td class=\"num%s\">%u</td><td class=\"num\">%lu</td><td class=\"num\">%lu</td></tr>",
		     x->sum.am_activities ? "" : " late", x->sum.am_activities, x->sum.am_women, x->sum.am_men);
	}
	html(r, "</tbody></table></div>");
}

static enum gemis_err render(struct http_req *r, int unit, int year, const char *top)
{
	struct worklog w;
	struct db *db;
	enum gemis_err err = http_db(r, &db);

	if (!err)
		err = worklog_load(db, r->snap, unit, year, web_today(r), &w, &r->err);
	if (err)
		return err;
	page_begin(r, _("Action Month"), unit);
	html(r, "<div class=\"head\"><h1>%s <small>%s · %d</small></h1></div>",
	     _("Action Month for gender equality and against gender-based violence"), r->snap->tree.units[unit].name,
	     year);
	if (top)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", top);
	html(r, "<p>%s</p>", when_text(r, year));
	report_links(r, unit, year);
	if (w.commune)
		commune_page(r, &w);
	else
		area_page(r, &w);
	page_end(r);
	worklog_release(&w);
	return GEMIS_OK;
}

enum gemis_err page_action_month(struct http_req *r)
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
	return render(r, unit, http_year_or_this(r), http_param(r, "done") ? _("Saved.") : NULL);
}

enum gemis_err page_action_month_post(struct http_req *r)
{
	const char *yr = http_arg(r, 1);
	struct db *db;
	enum gemis_err err;
	long y = 0;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_APPROVE, -1, &unit);
	if (err)
		return err;
	if (!yr || strlen(yr) != 4 || !text_parse_long(yr, 4, &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
		return GEMIS_ENOTFOUND;
	err = http_db(r, &db);
	if (!err)
		err = action_month_set(db, &r->snap->tree, &r->who, unit, (int)y, http_param_or(r, "theme", ""), r->now,
				       &r->err);
	if (err)
		return err;
	return http_redirect(r, arena_printf(&r->arena, "/action-month?unit=%s&year=%ld&done=1",
					     r->snap->tree.units[unit].code, y));
}
