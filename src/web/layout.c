/*
 * layout.c: the shell of every page and the small pieces pages share:
 * values, targets, statuses and times written for people.
 *
 * The page links one stylesheet and two scripts from /static/ (no inline
 * script or style: the Content-Security-Policy forbids them), works without
 * JavaScript, and fits a 360-pixel-wide phone.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/deadline.h"
#include "report/progress.h"
#include "store/submissions.h"
#include "web.h"

#include "util/banned.h"

void form_csrf(struct http_req *r)
{
	html(r, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", http_csrf_token(r));
}

const char *status_class(enum status s)
{
	switch (s) {
	case ST_ACHIEVED: return "st-achieved";
	case ST_ON_TRACK: return "st-on";
	case ST_AT_RISK: return "st-risk";
	case ST_OFF_TRACK: return "st-off";
	case ST_INSUFFICIENT: return "st-insufficient";
	case ST_NO_DATA: return "st-nodata";
	case ST_NOT_REPORTED: return "st-notreported";
	case ST_NO_TARGET: return "st-notarget";
	}
	return "st-nodata";
}

void status_badge(struct http_req *r, enum status s)
{
	html(r, "<span class=\"badge %s\">%s</span>", status_class(s), status_name(s));
}

void hidden_badge(struct http_req *r)
{
	html(r, "<span class=\"badge st-hidden\" title=\"%s\">%s</span>",
	     _("hidden to protect the people in the case register (fewer than 5 cases, or a figure from which such a count could be worked out)"),
	     _("hidden: few cases"));
}

void status_badge_year(struct http_req *r, const struct assessment *a, int year)
{
	if (a->status == ST_NOT_REPORTED) {
		html(r, "<span class=\"badge %s\">%s</span>", status_class(a->status),
		     arena_printf(&r->arena, _("not reported in %d"), year));
		if (a->prior != ST_NO_TARGET && a->prior != ST_NO_DATA && a->latest_year)
			html(r, " <small class=\"prior\">(%s)</small>",
			     arena_printf(&r->arena, _("%d: %s"), a->latest_year, status_name(a->prior)));
		return;
	}
	html(r, "<span class=\"badge %s\" title=\"%s\">%s</span>", status_class(a->status),
	     arena_printf(&r->arena, _("judged on the data of %d"), year), status_name(a->status));
}

const char *fmt_value(struct http_req *r, double v, const char *measure)
{
	char num[48];

	if (isnan(v))
		return "–";
	format_number(num, sizeof(num), v, 2);
	if (strcmp(measure, "%") == 0)
		return arena_printf(&r->arena, "%s%%", num);
	return arena_printf(&r->arena, "%s %s", num, measure_name(measure));
}

const char *fmt_target(struct http_req *r, const struct target *t, const char *measure)
{
	char num[48];
	const char *m = measure_name(measure);

	if (!t)
		return "–";
	if (!t->has_value)
		return arena_printf(&r->arena, "%s (%d)", _("achieve"), t->year);
	format_number(num, sizeof(num), t->value, 2);
	return arena_printf(&r->arena, "%s %s%s%s (%d)", t->dir == DIR_AT_MOST ? "≤" : "≥", num,
			    strcmp(m, "%") == 0 ? "" : " ", m, t->year);
}

const char *fmt_time(struct http_req *r, long long at)
{
	char s[32];

	if (!at)
		return "–";
	vn_format_time(at, s, sizeof(s));
	return arena_strdup(&r->arena, s);
}

const char *fmt_period(struct http_req *r, period_t p)
{
	if (period_kind(p) == PERIOD_QUARTER)
		return arena_printf(&r->arena, _("quarter %d/%d"), period_index(p), period_year(p));
	if (period_kind(p) == PERIOD_MONTH)
		return arena_printf(&r->arena, _("month %d/%d"), period_index(p), period_year(p));
	return arena_printf(&r->arena, "%d", period_year(p));
}

const char *fmt_who(struct http_req *r, const char *by)
{
	(void)r;
	if (!by || !*by)
		return "–";
	/* `gemis demo` loads plans and values as "demo" */
	if (strcmp(by, "demo") == 0)
		return _("the demonstration data");
	return by;
}

const char *fmt_source(struct http_req *r, const char *src)
{
	static const struct {
		const char *id, *words;
	} sources[] = {
		{"form", N_("through a form")},
		{"web", N_("file uploaded on the web")},
		{"api", N_("through the API")},
		{"import", N_("imported on the command line")},
		{"demo", N_("demonstration data")},
	};
	size_t i;

	(void)r;
	for (i = 0; src && i < sizeof(sources) / sizeof(sources[0]); i++) {
		if (strcmp(sources[i].id, src) == 0)
			return _(sources[i].words);
	}
	return _("other source");
}

int page_year(struct http_req *r)
{
	const struct snapshot *s = r->snap;
	int today = http_today(r) / 10000, y;

	y = http_param_year(r, "year", 0);
	if (y)
		return y;
	if (s && s->eng.year_max >= s->eng.year_min)
		return s->eng.year_max < today ? s->eng.year_max : today;
	return today;
}

static void nav_link(struct http_req *r, const char *href, const char *label, const char *current)
{
	bool here = strcmp(r->path, current) == 0 ||
		    (strlen(current) > 1 && strncmp(r->path, current, strlen(current)) == 0);

	if (here)
		html(r, "<a href=\"%s\" aria-current=\"page\">%s</a>", href, label);
	else
		html(r, "<a href=\"%s\">%s</a>", href, label);
}

static void lang_switch(struct http_req *r)
{
	const char *next = http_url_encode(r, r->path ? r->path : "/");

	if (r->lang == LANG_VI)
		html(r, "<a class=\"lang\" href=\"/lang/en?next=%s\" hreflang=\"en\" lang=\"en\">English</a>", next);
	else
		html(r, "<a class=\"lang\" href=\"/lang/vi?next=%s\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a>",
		     next);
}

void page_begin(struct http_req *r, const char *title, int unit)
{
	page_begin_opts(r, title, unit, 0);
}

void page_begin_opts(struct http_req *r, const char *title, int unit, unsigned opts)
{
	const char *v = http_asset_version(r);
	const struct snapshot *s = r->snap;
	int today = http_today(r);

	(void)unit;
	r->ctype = "text/html; charset=utf-8";
	html(r,
	     "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false,\"allowEval\":false,"
	     "\"allowScriptTags\":false,\"selfRequestsOnly\":true}'>"
	     "<title>%s · gemis</title>"
	     "<link rel=\"stylesheet\" href=\"/static/app.css?v=%s\">"
	     "<link rel=\"icon\" href=\"/static/favicon.svg?v=%s\" type=\"image/svg+xml\">"
	     "<script src=\"/static/vendor/htmx.min.js?v=%s\" defer></script>",
	     i18n_lang_code(r->lang), title, v, v, v);
	offline_head(r);
	offline_account_header(r);
	if (opts & PAGE_CHART)
		html(r, "<link rel=\"stylesheet\" href=\"/static/vendor/uPlot.min.css?v=%s\">"
			"<script src=\"/static/vendor/uPlot.iife.min.js?v=%s\" defer></script>",
		     v, v);
	html(r, "<script src=\"/static/app.js?v=%s\" defer></script></head>\n", v);
	if (r->signed_in)
		html(r, "<body hx-headers='{\"X-CSRF-Token\": \"%s\"}'>\n", http_csrf_token(r));
	else
		html(r, "<body>\n");
	html(r, "<a class=\"skip\" href=\"#main\">%s</a>", _("Skip to the content"));
	html(r, "<header class=\"top\"><a class=\"brand\" href=\"/\">gemis</a>");
	if (r->signed_in) {
		const struct principal *p = &r->who;
		const struct unit *u = s ? &s->tree.units[p->unit] : NULL;

		html(r, "<nav aria-label=\"%s\">", _("Main"));
		nav_link(r, "/", _("Dashboard"), "/");
		if (u && u->level == LEVEL_PROVINCE)
			nav_link(r, arena_printf(&r->arena, "/province/%s", u->code), _("Communes"), "/province");
		else if (u && u->level == LEVEL_NATION)
			nav_link(r, "/province", _("Provinces"), "/province");
		if (p->role == ROLE_REPORTER || p->role == ROLE_FOCAL || p->role == ROLE_ADMIN)
			nav_link(r, "/entry", _("Data entry"), "/entry");
		if (p->role == ROLE_FOCAL || p->role == ROLE_ADMIN)
			nav_link(r, "/review", _("Review"), "/review");
		if (u)
			nav_link(r, arena_printf(&r->arena, "/plan/%s", u->code), _("Plan"), "/plan");
		nav_link(r, "/tasks", _("Tasks"), "/tasks");
		nav_link(r, "/activities", _("Activities"), "/activities");
		nav_link(r, "/action-month", _("Action Month"), "/action-month");
		nav_link(r, "/budget", _("Budget"), "/budget");
		nav_link(r, "/scorecard", _("Scorecard"), "/scorecard");
		nav_link(r, "/inspections", _("Inspections"), "/inspections");
		nav_link(r, "/complaints", _("nav: Complaints"), "/complaints");
		nav_link(r, "/drafts", _("nav: Drafts"), "/drafts");
		nav_link(r, "/reporting", _("nav: Reporting"), "/reporting");
		/* ad hoc requests: those who ask them and those who answer */
		if (p->role == ROLE_FOCAL || p->role == ROLE_ADMIN || p->role == ROLE_PROVINCE || p->role == ROLE_MINISTRY)
			nav_link(r, "/adhoc", _("nav: Requests"), "/adhoc");
		if (p->role == ROLE_FOCAL || p->role == ROLE_ADMIN || p->role == ROLE_PROVINCE)
			nav_link(r, "/upload", _("Upload"), "/upload");
		if (p->role == ROLE_MINISTRY || p->role == ROLE_ADMIN)
			nav_link(r, "/catalog", _("nav: Catalog"), "/catalog");
		if (p->role == ROLE_FOCAL || p->role == ROLE_ADMIN)
			nav_link(r, "/users", _("Users"), "/users");
		html(r, "</nav><div class=\"who\">");
		html(r, "<a href=\"/account\" title=\"%s\">%s</a>", _("Your account"),
		     r->user.full_name[0] ? r->user.full_name : r->user.name);
		html(r, "<form method=\"post\" action=\"/logout\" class=\"inline\">");
		form_csrf(r);
		html(r, "<button type=\"submit\" class=\"link\">%s</button></form>", _("Sign out"));
		lang_switch(r);
		html(r, "</div>");
	} else {
		html(r, "<div class=\"who\">");
		lang_switch(r);
		html(r, "</div>");
	}
	html(r, "</header>\n");
	offline_shell(r);
	if ((s && s->ds.demo) || deadline_contains(&deadline_action_month, date_from_ymd(today))) {
		html(r, "<section class=\"banners\" aria-label=\"%s\">", _("Notices"));
		if (s && s->ds.demo)
			html(r, "<p class=\"banner demo\">%s</p>\n",
			     _("Demo data: these numbers are invented for trying gemis out."));
		if (deadline_contains(&deadline_action_month, date_from_ymd(today)))
			html(r, "<p class=\"banner action\">%s</p>\n",
			     _("Action Month for gender equality and the prevention of gender-based violence: "
			       "15 November – 15 December."));
		html(r, "</section>");
	}
	html(r, "<main id=\"main\" tabindex=\"-1\">\n");
}

void page_end(struct http_req *r)
{
	html(r, "</main>\n<footer><p>%s</p></footer>\n</body></html>\n",
	     _("gemis: the Gender Equality Monitoring Information System"));
}

void web_error_page(struct http_req *r, int status, const char *message)
{
	const char *title = status == 403   ? _("No access")
			    : status == 404 ? _("Not found")
			    : status >= 500 ? _("Server error")
					    : _("Cannot do that");

	page_begin(r, title, -1);
	html(r, "<h1>%s</h1><p class=\"error\">%s</p>", title, message);
	if (r->diags && r->diags->n) {
		size_t i;

		html(r, "<ul class=\"problems\">");
		for (i = 0; i < r->diags->n; i++) {
			const struct diag *d = &r->diags->d[i];

			html(r, "<li>");
			if (d->line > 0)
				html(r, "%s %ld: ", _("line"), d->line);
			if (d->field[0])
				html(r, "<code>%s</code>: ", d->field);
			html(r, "%s</li>", d->msg);
		}
		html(r, "</ul>");
	}
	{
		/* never a dead end: back to the page the person came from (a
		 * path of this site, from the same-origin Referer) */
		const char *ref = http_header(r, "Referer"), *p = ref ? strstr(ref, "://") : NULL;

		p = p ? strchr(p + 3, '/') : NULL;
		html(r, "<p class=\"actions\">");
		if (p && p[1] != '/' && strcmp(p, r->path) != 0)
			html(r, "<a class=\"button\" href=\"%s\">%s</a>", p, _("Back to the previous page"));
		html(r, "<a class=\"button secondary\" href=\"/\">%s</a></p>", _("Back to the dashboard"));
	}
	page_end(r);
	(void)status;
}
