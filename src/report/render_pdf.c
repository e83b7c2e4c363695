/*
 * render_pdf.c: a document as PDF with cairo and pango.  Text is shaped by
 * pango (HarfBuzz), so Vietnamese stacked diacritics come out right, and
 * the fonts are embedded with their text layer, so the PDF is searchable.
 *
 * A small flow layout: a cursor moves down the page; paragraphs flow line
 * by line across pages; table rows move whole to the next page, where the
 * header rows are repeated; the signature block is kept together.  Page
 * numbers are centred in the top margin from the second page on, as
 * Decree 30/2020 asks.  Times New Roman metrics come from Liberation Serif.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "doc.h"
#include "util/i18n.h"

#include "util/banned.h"

#define MM (72.0 / 25.4)

struct pdf {
	cairo_surface_t *surf;
	cairo_t *cr;
	double pw, ph, ml, mr, mt, mb;
	double y;
	int page;
	const char *font;
};

static double content_w(const struct pdf *p)
{
	return p->pw - p->ml - p->mr;
}

static double bottom(const struct pdf *p)
{
	return p->ph - p->mb;
}

static void rgb(cairo_t *cr, unsigned c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

enum { AL_LEFT, AL_CENTER, AL_RIGHT, AL_JUSTIFY };

static PangoLayout *layout(struct pdf *p, const char *s, double size, bool bold, bool italic,
			   double width, int align, double indent)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(p->font);

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (italic)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align == AL_CENTER ? PANGO_ALIGN_CENTER
				      : align == AL_RIGHT ? PANGO_ALIGN_RIGHT
							  : PANGO_ALIGN_LEFT);
	if (align == AL_JUSTIFY)
		pango_layout_set_justify(l, TRUE);
	if (indent > 0)
		pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
	pango_layout_set_text(l, s, -1);
	return l;
}

static double height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double lwidth(PangoLayout *l)
{
	int w, h;

	pango_layout_get_pixel_size(l, &w, &h);
	return (double)w;
}

static void page_number(struct pdf *p)
{
	char num[16];
	PangoLayout *l;

	snprintf(num, sizeof(num), "%d", p->page);
	l = layout(p, num, 12, false, false, content_w(p), AL_CENTER, 0);
	rgb(p->cr, 0);
	cairo_move_to(p->cr, p->ml, p->mt / 2 - height(l) / 2);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	cairo_show_page(p->cr);
	p->page++;
	p->y = p->mt;
	page_number(p);
}

/* Moves to a new page unless h points fit below the cursor. */
static void ensure(struct pdf *p, double h)
{
	if (p->y + h > bottom(p) && p->y > p->mt + 1)
		new_page(p);
}

/* Draws a layout at x from the cursor, flowing line by line onto new
 * pages as needed. */
static void flow(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);

	rgb(p->cr, 0);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle log;
		double lh, base;

		pango_layout_iter_get_line_extents(it, NULL, &log);
		lh = (double)log.height / PANGO_SCALE;
		base = (double)(pango_layout_iter_get_baseline(it) - log.y) / PANGO_SCALE;
		ensure(p, lh);
		cairo_move_to(p->cr, x + (double)log.x / PANGO_SCALE, p->y + base);
		pango_cairo_show_layout_line(p->cr, line);
		p->y += lh;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void hline(struct pdf *p, double x0, double x1, double y, double w)
{
	rgb(p->cr, 0);
	cairo_set_line_width(p->cr, w);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

/* Draws lines of text centred in [x, x+w) from y; returns the new y.
 * rule: draw a line under the last one, rule_frac of its width (0: none,
 * -1: the width of the text). */
static double centred(struct pdf *p, const char *s, double size, bool bold, bool italic, double x,
		      double w, double y, double rule_frac)
{
	PangoLayout *l = layout(p, s, size, bold, italic, w, AL_CENTER, 0);
	double h = height(l), tw = lwidth(l);

	rgb(p->cr, 0);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	y += h;
	if (rule_frac != 0) {
		double rw = rule_frac < 0 ? tw : w * rule_frac;

		/* clear of the descenders: not an underline */
		hline(p, x + (w - rw) / 2, x + (w + rw) / 2, y + 3, 0.6);
		y += 5.5;
	}
	return y;
}

static void header(struct pdf *p, const struct doc *d)
{
	double lw = content_w(p) * 0.40, rw = content_w(p) - lw, xl = p->ml - 10, xr = p->ml + lw;
	double yl = p->y, yr = p->y;

	if (d->issuer_top)
		yl = centred(p, d->issuer_top, 13, false, false, xl, lw + 10, yl, 0);
	yl = centred(p, d->issuer, 13, true, false, xl, lw + 10, yl, 0.33);
	yl = centred(p, d->number, 13, false, false, xl, lw + 10, yl + 4, 0);
	yr = centred(p, d->motto1, 12, true, false, xr, rw, yr, 0);
	yr = centred(p, d->motto2, 13, true, false, xr, rw, yr, -1);
	yr = centred(p, d->place_date, 13, false, true, xr, rw, yr + 4, 0);
	p->y = (yl > yr ? yl : yr) + 18;
	p->y = centred(p, d->kind, 14, true, false, p->ml, content_w(p), p->y, 0);
	p->y = centred(p, d->title, 14, true, false, p->ml, content_w(p), p->y, 0.25);
	p->y += 10;
}

static void para(struct pdf *p, const char *s, double size, bool bold, bool italic, int align,
		 double indent, double left, double before, double after)
{
	PangoLayout *l = layout(p, s, size, bold, italic, content_w(p) - left, align, indent);

	p->y += before;
	flow(p, l, p->ml + left);
	g_object_unref(l);
	p->y += after;
}

static void notice(struct pdf *p, const char *s)
{
	PangoLayout *l = layout(p, s, 12, true, false, content_w(p) - 12, AL_LEFT, 0);
	double h = height(l) + 10;

	p->y += 4;
	ensure(p, h);
	rgb(p->cr, status_rgb(ST_OFF_TRACK));
	cairo_set_line_width(p->cr, 1.5);
	cairo_rectangle(p->cr, p->ml, p->y, content_w(p), h);
	cairo_stroke(p->cr);
	cairo_move_to(p->cr, p->ml + 6, p->y + 5);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	p->y += h + 6;
}

static PangoLayout *cell_layout(struct pdf *p, const struct dtable *t, size_t r, size_t c,
				double w, double size)
{
	const struct dcell *x = &t->cells[r * t->ncols + c];
	bool head = r < t->nhead || (x->flags & DC_HEAD);
	int align = (x->flags & DC_CENTER) ? AL_CENTER : (x->flags & DC_RIGHT) ? AL_RIGHT : AL_LEFT;

	return layout(p, x->text, size, head || (x->flags & DC_BOLD), (x->flags & DC_ITALIC) != 0, w,
		      align, 0);
}

#define CELL_PAD 2.5

static double row_height(struct pdf *p, const struct dtable *t, size_t r, const double *ws, double size)
{
	double rh = 0;
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		PangoLayout *l = cell_layout(p, t, r, c, ws[c] - 2 * CELL_PAD, size);

		if (height(l) + 2 * CELL_PAD > rh)
			rh = height(l) + 2 * CELL_PAD;
		g_object_unref(l);
	}
	return rh;
}

static void draw_row(struct pdf *p, const struct dtable *t, size_t r, const double *xs,
		     const double *ws, double size, double rh)
{
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		const struct dcell *x = &t->cells[r * t->ncols + c];
		unsigned fillc = x->status >= 0 ? status_rgb((enum status)x->status)
				 : r < t->nhead ? 0xE8E8E8 : 0xFFFFFF;
		PangoLayout *l = cell_layout(p, t, r, c, ws[c] - 2 * CELL_PAD, size);

		if (fillc != 0xFFFFFF) {
			rgb(p->cr, fillc);
			cairo_rectangle(p->cr, xs[c], p->y, ws[c], rh);
			cairo_fill(p->cr);
		}
		rgb(p->cr, 0);
		cairo_set_line_width(p->cr, 0.5);
		cairo_rectangle(p->cr, xs[c], p->y, ws[c], rh);
		cairo_stroke(p->cr);
		rgb(p->cr, x->status == ST_ACHIEVED || x->status == ST_OFF_TRACK ? 0xFFFFFF : 0);
		cairo_move_to(p->cr, xs[c] + CELL_PAD, p->y + CELL_PAD);
		pango_cairo_show_layout(p->cr, l);
		g_object_unref(l);
	}
	p->y += rh;
}

/* Rows move whole to the next page, which repeats the header rows. */
static void table(struct pdf *p, const struct dtable *t)
{
	double *xs, *ws, x = p->ml, size = t->small ? DOC_SMALL_PT : DOC_TABLE_PT, head_h = 0;
	size_t c, r;

	xs = g_new0(double, t->ncols);
	ws = g_new0(double, t->ncols);
	for (c = 0; c < t->ncols; c++) {
		xs[c] = x;
		ws[c] = content_w(p) * t->widths[c];
		x += ws[c];
	}
	for (r = 0; r < t->nhead && r < t->nrows; r++)
		head_h += row_height(p, t, r, ws, size);
	p->y += 3;
	for (r = 0; r < t->nrows; r++) {
		double rh = row_height(p, t, r, ws, size);

		if (r < t->nhead) {
			/* the header stays with the first body row */
			if (r == 0 && t->nrows > t->nhead)
				ensure(p, head_h + row_height(p, t, t->nhead, ws, size));
			draw_row(p, t, r, xs, ws, size, rh);
			continue;
		}
		if (p->y + rh > bottom(p)) {
			size_t h;

			new_page(p);
			for (h = 0; h < t->nhead; h++)
				draw_row(p, t, h, xs, ws, size, row_height(p, t, h, ws, size));
		}
		draw_row(p, t, r, xs, ws, size, rh);
	}
	g_free(xs);
	g_free(ws);
	p->y += 6;
}

static void chart(struct pdf *p, const struct dchart *c)
{
	double h = c->height > 0 ? c->height : 230;

	p->y += 4;
	ensure(p, h);
	chart_draw(p->cr, c, p->ml, p->y, content_w(p), h, p->font);
	p->y += h + 8;
}

static void signature(struct pdf *p, const struct doc *d)
{
	double lw = content_w(p) * 0.5, rw = content_w(p) - lw, xr = p->ml + lw, need, yl, yr;
	PangoLayout *head = layout(p, d->recipients_head ? d->recipients_head : "", 12, true, true, lw,
				   AL_LEFT, 0);
	PangoLayout *sign = layout(p, d->sign_lines ? d->sign_lines : "", 13, true, false, rw, AL_CENTER, 0);
	struct buf rec;
	PangoLayout *recl;
	size_t i;

	buf_init(&rec, 1 << 16);
	for (i = 0; i < d->nrecipients; i++)
		buf_printf(&rec, "%s%s", i ? "\n" : "", d->recipients[i]);
	recl = layout(p, buf_str(&rec), 11, false, false, lw, AL_LEFT, 0);
	buf_release(&rec);
	need = height(sign) + 30 * MM + 20;
	if (height(head) + height(recl) > need)
		need = height(head) + height(recl);
	p->y += 12;
	ensure(p, need);
	rgb(p->cr, 0);
	yl = p->y;
	cairo_move_to(p->cr, p->ml, yl);
	pango_cairo_show_layout(p->cr, head);
	yl += height(head);
	cairo_move_to(p->cr, p->ml, yl);
	pango_cairo_show_layout(p->cr, recl);
	yr = p->y;
	cairo_move_to(p->cr, xr, yr);
	pango_cairo_show_layout(p->cr, sign);
	yr += height(sign) + 30 * MM;
	if (d->sign_name)
		centred(p, d->sign_name, 13, true, false, xr, rw, yr, 0);
	g_object_unref(head);
	g_object_unref(sign);
	g_object_unref(recl);
	p->y += need;
}

enum gemis_err doc_render_pdf(const struct doc *d, const char *path, struct errctx *e)
{
	struct pdf p = {0};
	size_t i;
	cairo_status_t st;

	p.pw = DOC_PAGE_W_MM * MM;
	p.ph = DOC_PAGE_H_MM * MM;
	p.ml = DOC_MARGIN_LEFT_MM * MM;
	p.mr = DOC_MARGIN_RIGHT_MM * MM;
	p.mt = DOC_MARGIN_TOP_MM * MM;
	p.mb = DOC_MARGIN_BOTTOM_MM * MM;
	p.font = DOC_FONT_PDF;
	p.surf = cairo_pdf_surface_create(path, p.pw, p.ph);
	if (cairo_surface_status(p.surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(p.surf);
		return err_set_at(e, GEMIS_EIO, path, "%s", _("cannot write the file"));
	}
	if (d->meta_title)
		cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_TITLE, d->meta_title);
	if (d->meta_subject)
		cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_SUBJECT, d->meta_subject);
	cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATOR, "gemis");
	if (d->created) {
		time_t t = (time_t)d->created;
		struct tm tm;
		char iso[32];

		gmtime_r(&t, &tm);
		strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
		cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATE_DATE, iso);
	} else {
		/* cairo stamps the current time unless told otherwise; an
		 * empty date removes it */
		cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATE_DATE, "");
	}
	p.cr = cairo_create(p.surf);
	p.page = 1;
	p.y = p.mt;
	header(&p, d);
	for (i = 0; i < d->n; i++) {
		const struct dblock *x = &d->blocks[i];

		switch (x->kind) {
		case DB_HEADING:
			/* a heading never ends a page */
			ensure(&p, 60);
			para(&p, x->text, DOC_BODY_PT, true, false, AL_LEFT, x->level <= 1 ? 0 : 1.0 * 28.35, 0,
			     x->level <= 1 ? 8 : 4, 3);
			break;
		case DB_PARA:
			para(&p, x->text, DOC_BODY_PT, false, false, AL_JUSTIFY, 28.35, 0, 0, 4);
			break;
		case DB_BULLET: {
			const char *s = x->text;
			char *line = g_strdup_printf("- %s", s);

			para(&p, line, DOC_BODY_PT, false, false, AL_JUSTIFY, 0, 28.35, 0, 3);
			g_free(line);
			break;
		}
		case DB_NOTE:
			para(&p, x->text, 10, false, true, AL_LEFT, 0, 0, 0, 4);
			break;
		case DB_NOTICE:
			notice(&p, x->text);
			break;
		case DB_TABLE:
			table(&p, x->table);
			break;
		case DB_CHART:
			chart(&p, x->chart);
			break;
		}
	}
	signature(&p, d);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surf);
	st = cairo_surface_status(p.surf);
	cairo_surface_destroy(p.surf);
	if (st != CAIRO_STATUS_SUCCESS)
		return err_set_at(e, GEMIS_EIO, path, "%s: %s", _("cannot write the file"),
				  cairo_status_to_string(st));
	return GEMIS_OK;
}
