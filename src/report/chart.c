/*
 * chart.c: the chart of statuses by goal drawn with cairo (text shaped by
 * pango): in the PDF directly, in the DOCX as a PNG image.
 */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
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

void chart_draw(struct _cairo *cr, const struct dchart *c, double x, double y, double w, double h,
		const char *font)
{
	const double fs = 9.5, title_h = 18, legend_h = 34, axis_h = 16;
	double label_w = 0, bars_x, bars_w, row_h, top = y + title_h;
	unsigned max = 1, step, v;
	size_t i, k;

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
