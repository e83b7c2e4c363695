/*
 * chart.c: trend charts drawn on the server as SVG: a few hundred bytes
 * each, readable without JavaScript and on a weak connection.  The
 * sparkline shows the yearly values up to the year shown with the target
 * as a dashed line; the trend chart of the indicator page adds axes and
 * the path from the base to the target.
 */
#include <math.h>
#include <string.h>

#include "report/progress.h"
#include "web.h"

#include "util/banned.h"

struct series {
	int y0, y1;     /* years */
	double v[64];   /* NaN where missing */
	int n;
	double lo, hi;
	bool has_target;
	double target;
	int target_year;
	enum status status;
};

static void collect(struct http_req *r, int unit, int ind, int year, bool extend, struct series *s)
{
	const struct engine *e = &r->snap->eng;
	const struct target *t = engine_target(e, unit, ind, year);
	enum direction dir;
	struct assessment a;
	int y;

	memset(s, 0, sizeof(*s));
	s->lo = INFINITY;
	s->hi = -INFINITY;
	s->y0 = e->year_min <= e->year_max ? e->year_min : year;
	s->y1 = year;
	if (s->y0 > s->y1)
		s->y0 = s->y1;
	if (s->y1 - s->y0 >= 63)
		s->y0 = s->y1 - 63;
	for (y = s->y0; y <= s->y1; y++) {
		double v = engine_value(e, y, unit, ind, SEX_T);

		if (catalog[ind].source == SRC_REGISTER && !isnan(v)) {
			struct shown sh;

			/* the case register's small counts stay hidden (core/register.h) */
			progress_shown(r->snap, unit, y, ind, &sh);
			if (!sh.value)
				v = NAN;
		}
		s->v[s->n++] = v;
		if (!isnan(v)) {
			s->lo = fmin(s->lo, v);
			s->hi = fmax(s->hi, v);
		}
	}
	if (t && target_effective(t, catalog[ind].unit, &dir, &s->target)) {
		s->has_target = true;
		s->target_year = t->year;
		s->lo = fmin(s->lo, s->target);
		s->hi = fmax(s->hi, s->target);
		if (extend && t->year > s->y1 && t->year - s->y0 < 63) {
			while (s->y1 < t->year) {
				s->v[s->n++] = NAN;
				s->y1++;
			}
		}
	}
	engine_assess(e, year, unit, ind, &a);
	s->status = a.status;
	if (catalog[ind].source == SRC_REGISTER && s->n && isnan(s->v[year - s->y0]) &&
	    !isnan(engine_value(e, year, unit, ind, SEX_T)))
		s->status = ST_NO_DATA; /* a status would tell a hidden count's side of the target */
	if (!isfinite(s->lo)) {
		s->lo = 0;
		s->hi = 1;
	}
	if (s->hi - s->lo < 1e-9) {
		s->lo -= 1;
		s->hi += 1;
	}
}

static double sx(const struct series *s, int y, double x0, double w)
{
	if (s->y1 == s->y0)
		return x0 + w / 2;
	return x0 + (double)(y - s->y0) / (double)(s->y1 - s->y0) * w;
}

static double sy(const struct series *s, double v, double y0, double h)
{
	return y0 + h - (v - s->lo) / (s->hi - s->lo) * h;
}

static void label(struct http_req *r, const struct series *s, int ind)
{
	int i, said = 0;

	html(r, " aria-label=\"");
	for (i = 0; i < s->n; i++) {
		if (isnan(s->v[i]))
			continue;
		html(r, "%d: %s; ", s->y0 + i, fmt_value(r, s->v[i], catalog[ind].unit));
		said++;
	}
	if (s->has_target)
		html(r, "%s %s (%d)", _("target"), fmt_value(r, s->target, catalog[ind].unit),
		     s->target_year);
	else if (!said)
		html(r, "%s", _("no data"));
	html(r, "\"");
}

static void polyline(struct http_req *r, const struct series *s, double x0, double y0, double w,
		     double h, double dot)
{
	int i;
	bool open = false;

	for (i = 0; i < s->n; i++) {
		if (isnan(s->v[i]))
			continue;
		if (!open)
			html(r, "<polyline class=\"line\" points=\"");
		open = true;
		html(r, "%.1f,%.1f ", sx(s, s->y0 + i, x0, w), sy(s, s->v[i], y0, h));
	}
	if (open)
		html(r, "\"/>");
	for (i = 0; i < s->n; i++) {
		if (isnan(s->v[i]))
			continue;
		html(r, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>", sx(s, s->y0 + i, x0, w),
		     sy(s, s->v[i], y0, h), dot);
	}
}

void chart_sparkline(struct http_req *r, int unit, int ind, int year)
{
	struct series s;
	const double w = 112, h = 28, x0 = 4, y0 = 4;

	collect(r, unit, ind, year, false, &s);
	html(r, "<svg class=\"spark %s\" viewBox=\"0 0 120 36\" width=\"120\" height=\"36\" role=\"img\"",
	     status_class(s.status));
	label(r, &s, ind);
	html(r, ">");
	if (s.has_target)
		html(r, "<line class=\"tgt\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x0,
		     sy(&s, s.target, y0, h), x0 + w, sy(&s, s.target, y0, h));
	polyline(r, &s, x0, y0, w, h, 2.2);
	html(r, "</svg>");
}

void chart_trend(struct http_req *r, int unit, int ind, int year)
{
	const struct engine *e = &r->snap->eng;
	const struct target *t = engine_target(e, unit, ind, year);
	struct series s;
	const double W = 640, H = 240, x0 = 56, y0 = 12, w = W - x0 - 16, h = H - y0 - 34;
	char lo[48], hi[48];
	int y;

	collect(r, unit, ind, year, true, &s);
	html(r, "<svg class=\"trend %s\" viewBox=\"0 0 %d %d\" role=\"img\"", status_class(s.status),
	     (int)W, (int)H);
	label(r, &s, ind);
	html(r, ">");
	/* axes: value range on the left, years below */
	format_number(lo, sizeof(lo), s.lo, 1);
	format_number(hi, sizeof(hi), s.hi, 1);
	html(r, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x0, y0 + h, x0 + w,
	     y0 + h);
	html(r, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>", x0 - 6, y0 + 10,
	     hi);
	html(r, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>", x0 - 6, y0 + h,
	     lo);
	for (y = s.y0; y <= s.y1; y++)
		html(r, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>",
		     sx(&s, y, x0, w), y0 + h + 20, y);
	if (s.has_target) {
		/* the path from the base to the target: where the unit should be */
		struct assessment a;
		double bv = NAN;
		int by = 0;

		engine_assess(e, year, unit, ind, &a);
		if (t && t->has_baseline && t->base_year >= s.y0) {
			bv = t->base_value;
			by = t->base_year;
		} else if (a.base_year >= s.y0 && catalog[ind].source != SRC_REGISTER) {
			bv = a.base_value;
			by = a.base_year;
		}
		html(r, "<line class=\"tgt\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x0,
		     sy(&s, s.target, y0, h), x0 + w, sy(&s, s.target, y0, h));
		if (!isnan(bv) && by < s.target_year && s.target_year <= s.y1)
			html(r, "<line class=\"path\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
			     sx(&s, by, x0, w), sy(&s, bv, y0, h), sx(&s, s.target_year, x0, w),
			     sy(&s, s.target, y0, h));
	}
	polyline(r, &s, x0, y0, w, h, 3.5);
	html(r, "</svg>");
}
