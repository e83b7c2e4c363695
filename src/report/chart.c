/*
 * chart.c: the charts of a document drawn with cairo (text shaped by
 * pango): in the PDF directly, in the DOCX as a PNG image.  The stacked
 * bars of statuses by goal (or year), and an indicator's path against its
 * target (a review's).
 */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "progress.h"
#include "yearly.h"

#include "util/banned.h"

static void rgb(cairo_t *cr, unsigned c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

/* Draws text with its left (align 0), centre (1) or right (2) at x and its
 * vertical middle at y. */
static void text(cairo_t *cr, const char *font, double size, bool bold, const char *s, double x,
		 double y, int align)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int w, h;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s, -1);
	pango_layout_get_size(l, &w, &h);
	cairo_move_to(cr, x - (align == 1 ? w / 2.0 : align == 2 ? w : 0) / PANGO_SCALE,
		      y - h / 2.0 / PANGO_SCALE);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
}

/* A title centred at x in at most w points, cut short with "…" when
 * longer (a document's caption gives it whole). */
static void title_fit(cairo_t *cr, const char *font, double size, const char *s, double x, double y, double w)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int lw, lh;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s, -1);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_get_size(l, &lw, &lh);
	cairo_move_to(cr, x - lw / 2.0 / PANGO_SCALE, y - lh / 2.0 / PANGO_SCALE);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
}

static double text_width(cairo_t *cr, const char *font, double size, const char *s)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int w, h;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s, -1);
	pango_layout_get_size(l, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

void chart_path_range(const struct dchart *c, double *lo, double *hi)
{
	size_t i;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = 0; i < c->nyears; i++) {
		if (!isnan(c->values[i])) {
			*lo = fmin(*lo, c->values[i]);
			*hi = fmax(*hi, c->values[i]);
		}
		if (!isnan(c->required[i])) {
			*lo = fmin(*lo, c->required[i]);
			*hi = fmax(*hi, c->required[i]);
		}
	}
	if (!isnan(c->target)) {
		*lo = fmin(*lo, c->target);
		*hi = fmax(*hi, c->target);
	}
	if (!isfinite(*lo)) {
		*lo = 0;
		*hi = 1;
	}
	if (*hi - *lo < 1e-9) {
		*lo -= 1;
		*hi += 1;
	}
	/* a margin, and 0 as the floor of a range that starts near it */
	*lo -= (*hi - *lo) * 0.08;
	*hi += (*hi - *lo) * 0.08;
	if (*lo < 0 && *lo > -(*hi - *lo) * 0.2)
		*lo = 0;
}

/* A series as a line through the years that have a value (dashed when
 * dash > 0), with dots on the values. */
static void path_line(cairo_t *cr, const struct dchart *c, const double *v, double px, double pw, double py,
		      double ph, double lo, double hi, unsigned color, double dash, double dot)
{
	double step = c->nyears > 1 ? pw / (double)(c->nyears - 1) : 0;
	bool open = false;
	size_t i;

	rgb(cr, color);
	cairo_set_line_width(cr, 1.6);
	cairo_set_dash(cr, &dash, dash > 0 ? 1 : 0, 0);
	for (i = 0; i < c->nyears; i++) {
		double cx = px + (c->nyears > 1 ? step * (double)i : pw / 2), cy = py + ph - (v[i] - lo) / (hi - lo) * ph;

		if (isnan(v[i]))
			continue;
		if (open)
			cairo_line_to(cr, cx, cy);
		else
			cairo_move_to(cr, cx, cy);
		open = true;
	}
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	for (i = 0; dot > 0 && i < c->nyears; i++) {
		double cx = px + (c->nyears > 1 ? step * (double)i : pw / 2), cy = py + ph - (v[i] - lo) / (hi - lo) * ph;

		if (isnan(v[i]))
			continue;
		cairo_arc(cr, cx, cy, dot, 0, 6.283185307179586);
		cairo_fill(cr);
	}
}

/* An indicator's path: its values year by year, the path its target
 * requires (dashed) and the target (a red line). */
static void path_draw(cairo_t *cr, const struct dchart *c, double x, double y, double w, double h, const char *font)
{
	const double fs = 9, title_h = 18, legend_h = 18, axis_h = 16, axis_w = 46;
	double lo, hi, px = x + axis_w, pw = w - axis_w - 14, py = y + title_h, ph = h - title_h - legend_h - axis_h;
	static const unsigned colors[3] = {0x1565C0, 0x757575, 0xC62828};
	size_t i;
	int k;

	cairo_save(cr);
	rgb(cr, 0x000000);
	title_fit(cr, font, fs + 1, c->title, x + w / 2, y + 7, w - 8);
	chart_path_range(c, &lo, &hi);
	cairo_set_line_width(cr, 0.4);
	for (k = 0; k <= 4; k++) {
		double v = lo + (hi - lo) * k / 4, gy = py + ph - ph * k / 4;
		char num[32];

		rgb(cr, 0xBDBDBD);
		cairo_move_to(cr, px, gy);
		cairo_line_to(cr, px + pw, gy);
		cairo_stroke(cr);
		rgb(cr, 0x000000);
		format_number(num, sizeof(num), v, fabs(hi - lo) < 10 ? 2 : fabs(hi - lo) < 100 ? 1 : 0);
		if (c->axis && strlen(num) + strlen(c->axis) < sizeof(num))
			memcpy(num + strlen(num), c->axis, strlen(c->axis) + 1);
		text(cr, font, fs - 1, false, num, px - 4, gy, 2);
	}
	for (i = 0; i < c->nyears; i++) {
		char yr[16];

		snprintf(yr, sizeof(yr), "%d", c->years[i]);
		text(cr, font, fs - 1, false, yr, px + (c->nyears > 1 ? pw * (double)i / (double)(c->nyears - 1) : pw / 2),
		     py + ph + 8, 1);
	}
	if (!isnan(c->target)) {
		double ty = py + ph - (c->target - lo) / (hi - lo) * ph;

		rgb(cr, colors[2]);
		cairo_set_line_width(cr, 1);
		cairo_move_to(cr, px, ty);
		cairo_line_to(cr, px + pw, ty);
		cairo_stroke(cr);
	}
	path_line(cr, c, c->required, px, pw, py, ph, lo, hi, colors[1], 4, 0);
	path_line(cr, c, c->values, px, pw, py, ph, lo, hi, colors[0], 0, 2.6);
	for (k = 0; k < 3; k++) {
		double lx = x + 10 + (double)k * (w - 20) / 3, ly = y + h - legend_h / 2;

		if (!c->legend[k])
			continue;
		rgb(cr, colors[k]);
		cairo_set_line_width(cr, 1.6);
		if (k == 1)
			cairo_set_dash(cr, (const double[]){4}, 1, 0);
		cairo_move_to(cr, lx, ly);
		cairo_line_to(cr, lx + 18, ly);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		rgb(cr, 0x000000);
		text(cr, font, fs - 0.5, false, c->legend[k], lx + 22, ly, 0);
	}
	cairo_restore(cr);
}

void chart_draw(struct _cairo *cr, const struct dchart *c, double x, double y, double w, double h,
		const char *font)
{
	const double fs = 9.5, title_h = 18, legend_h = 34, axis_h = 16;
	double label_w = 0, bars_x, bars_w, row_h, top = y + title_h;
	unsigned max = 1, step, v;
	size_t i, k;

	if (c->kind == CHART_PATH) {
		path_draw(cr, c, x, y, w, h, font);
		return;
	}
	cairo_save(cr);
	rgb(cr, 0x000000);
	text(cr, font, fs + 1, true, c->title, x + w / 2, y + 7, 1);
	for (i = 0; i < c->ncat; i++) {
		unsigned sum = 0;
		double lw = text_width(cr, font, fs, c->cats[i]);

		if (lw > label_w)
			label_w = lw;
		for (k = 0; k < CHART_STATUSES; k++)
			sum += c->counts[i][k];
		if (sum > max)
			max = sum;
	}
	bars_x = x + label_w + 8;
	bars_w = w - (bars_x - x) - 10;
	row_h = (h - title_h - legend_h - axis_h) / (double)(c->ncat ? c->ncat : 1);
	/* grid and axis: a tick per indicator, or per 2, 5, 10 */
	step = max <= 10 ? 1 : max <= 20 ? 2 : max <= 50 ? 5 : 10;
	cairo_set_line_width(cr, 0.4);
	for (v = 0; v <= max; v += step) {
		double gx = bars_x + bars_w * v / max;
		char num[16];

		rgb(cr, 0xBDBDBD);
		cairo_move_to(cr, gx, top);
		cairo_line_to(cr, gx, top + row_h * (double)c->ncat);
		cairo_stroke(cr);
		rgb(cr, 0x000000);
		snprintf(num, sizeof(num), "%u", v);
		text(cr, font, fs - 1, false, num, gx, top + row_h * (double)c->ncat + 6, 1);
	}
	if (c->axis)
		text(cr, font, fs - 1, false, c->axis, bars_x + bars_w, top + row_h * (double)c->ncat + 6 + 10, 2);
	for (i = 0; i < c->ncat; i++) {
		double ry = top + row_h * (double)i, bx = bars_x, bh = row_h * 0.64;

		rgb(cr, 0x000000);
		text(cr, font, fs, false, c->cats[i], bars_x - 6, ry + row_h / 2, 2);
		for (k = 0; k < CHART_STATUSES; k++) {
			double bw = bars_w * c->counts[i][k] / max;
			enum status st = chart_status[k];
			char num[16];

			if (!c->counts[i][k])
				continue;
			rgb(cr, status_rgb(st));
			cairo_rectangle(cr, bx, ry + (row_h - bh) / 2, bw, bh);
			cairo_fill(cr);
			rgb(cr, st == ST_ACHIEVED || st == ST_OFF_TRACK ? 0xFFFFFF : 0x000000);
			snprintf(num, sizeof(num), "%u", c->counts[i][k]);
			text(cr, font, fs - 1, false, num, bx + bw / 2, ry + row_h / 2, 1);
			bx += bw;
		}
	}
	rgb(cr, 0x000000);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, bars_x, top);
	cairo_line_to(cr, bars_x, top + row_h * (double)c->ncat);
	cairo_stroke(cr);
	for (k = 0; k < CHART_STATUSES; k++) {
		double lx = x + 10 + (double)(k % 4) * (w - 20) / 4;
		double ly = y + h - legend_h + 6 + (double)(k / 4) * 14;

		rgb(cr, status_rgb(chart_status[k]));
		cairo_rectangle(cr, lx, ly - 4.5, 9, 9);
		cairo_fill(cr);
		rgb(cr, 0x000000);
		text(cr, font, fs - 0.5, false, c->legend[k], lx + 13, ly, 0);
	}
	cairo_restore(cr);
}

void report_release_fonts(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}

struct png_sink {
	struct buf *b;
	enum gemis_err err;
};

static cairo_status_t png_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct png_sink *s = closure;

	if (buf_append(s->b, data, len)) {
		s->err = GEMIS_ENOMEM;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

enum gemis_err chart_png(const struct dchart *c, double w_pt, double h_pt, double scale,
			 struct buf *out)
{
	int pw = (int)(w_pt * scale), ph = (int)(h_pt * scale);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
	struct png_sink sink = {out, GEMIS_OK};
	cairo_t *cr;
	cairo_status_t st;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return GEMIS_ENOMEM;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	chart_draw(cr, c, 0, 0, w_pt, h_pt, DOC_FONT_PDF);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	st = cairo_surface_write_to_png_stream(s, png_write, &sink);
	cairo_surface_destroy(s);
	if (sink.err)
		return sink.err;
	return st == CAIRO_STATUS_SUCCESS ? GEMIS_OK : GEMIS_EIO;
}
