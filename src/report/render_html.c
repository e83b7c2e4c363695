/*
 * render_html.c: a document as one self-contained HTML page (styles inline,
 * the chart as inline SVG, no scripts, no external resources), printable on
 * A4 with the decree's margins.  Every text is escaped.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "progress.h"

#include "util/banned.h"

static const char css[] =
	"@page{size:A4;margin:20mm 15mm 20mm 30mm}"
	"body{font-family:'Times New Roman','Liberation Serif',serif;font-size:13pt;line-height:1.3;"
	"margin:0;background:#eee;color:#000}"
	".page{background:#fff;max-width:165mm;margin:0 auto;padding:20mm 15mm 20mm 30mm}"
	"@media print{body{background:#fff}.page{padding:0;max-width:none}}"
	"table.hdr,table.sign{width:100%;border-collapse:collapse}"
	"table.hdr td,table.sign td{vertical-align:top;text-align:center;padding:0}"
	".issuer{width:40%;font-size:13pt}.motto{width:60%}"
	".motto .m1{font-weight:bold;font-size:12pt}.motto .m2{font-weight:bold;font-size:13pt}"
	".rule{width:35%;margin:2pt auto 4pt;border-top:1px solid #000}"
	".place{font-style:italic;margin-top:6pt}.number{margin-top:6pt}"
	".kind{text-align:center;font-weight:bold;font-size:14pt;margin:18pt 0 0}"
	".title{text-align:center;font-weight:bold;margin:0 0 2pt}"
	"h2{font-size:13pt;margin:12pt 0 4pt}h3{font-size:13pt;margin:8pt 0 4pt}"
	"p{text-align:justify;text-indent:1cm;margin:4pt 0}"
	"p.b{text-indent:0;padding-left:1cm}p.note{font-size:10pt;font-style:italic;text-indent:0}"
	".notice{border:2px solid #c62828;color:#c62828;font-weight:bold;padding:4pt;margin:8pt 0;text-indent:0}"
	"table.t{width:100%;border-collapse:collapse;font-size:11pt;margin:4pt 0 8pt}"
	"table.t.s{font-size:8pt}"
	"table.t th,table.t td{border:1px solid #000;padding:2pt 3pt;vertical-align:top}"
	"table.t th{background:#e8e8e8}"
	".c{text-align:center}.r{text-align:right}.st{color:#000}"
	"figure{margin:8pt 0;text-align:center}figcaption{font-style:italic;font-size:11pt}"
	".recip{width:50%;text-align:left!important;font-size:11pt}"
	".recip b{font-size:12pt}.signer{width:50%;font-weight:bold}.space{height:28mm}";

static enum gemis_err esc(struct buf *b, const char *s)
{
	return buf_html_escape(b, s, strlen(s));
}

/* Escaped text with '\n' as <br>. */
static enum gemis_err esc_lines(struct buf *b, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		buf_html_escape(b, s, (size_t)(nl - s));
		buf_puts(b, "<br>");
		s = nl + 1;
	}
	esc(b, s);
	return buf_error(b);
}

static enum gemis_err fill(struct buf *b, int status)
{
	unsigned rgb;
	bool dark;

	if (status < 0)
		return GEMIS_OK;
	rgb = status_rgb((enum status)status);
	dark = status == ST_ACHIEVED || status == ST_OFF_TRACK;
	return buf_printf(b, " style=\"background:#%06X;color:%s\"", rgb, dark ? "#fff" : "#000");
}

static enum gemis_err table(struct buf *b, const struct dtable *t)
{
	size_t r, c;

	buf_puts(b, t->small ? "<table class=\"t s\">" : "<table class=\"t\">");
	buf_puts(b, "<colgroup>");
	for (c = 0; c < t->ncols; c++)
		buf_printf(b, "<col style=\"width:%.1f%%\">", t->widths[c] * 100);
	buf_puts(b, "</colgroup>");
	for (r = 0; r < t->nrows; r++) {
		if (r == 0 && t->nhead)
			buf_puts(b, "<thead>");
		if (r == t->nhead)
			buf_puts(b, "<tbody>");
		buf_puts(b, "<tr>");
		for (c = 0; c < t->ncols; c++) {
			const struct dcell *x = &t->cells[r * t->ncols + c];
			const char *tag = r < t->nhead ? "th" : "td";

			buf_printf(b, "<%s", tag);
			if (x->flags & DC_CENTER)
				buf_puts(b, " class=\"c\"");
			else if (x->flags & DC_RIGHT)
				buf_puts(b, " class=\"r\"");
			fill(b, x->status);
			buf_puts(b, ">");
			if (x->flags & DC_BOLD)
				buf_puts(b, "<b>");
			esc_lines(b, x->text);
			if (x->flags & DC_BOLD)
				buf_puts(b, "</b>");
			buf_printf(b, "</%s>", tag);
		}
		buf_puts(b, "</tr>");
		if (r + 1 == t->nhead)
			buf_puts(b, "</thead>");
	}
	if (t->nrows > t->nhead)
		buf_puts(b, "</tbody>");
	buf_puts(b, "</table>\n");
	return buf_error(b);
}

/* A path chart's series as an SVG polyline through the years with a
 * value (x of year i: x0 + i * step). */
static void svg_line(struct buf *b, const struct dchart *ch, const double *v, double x0, double step, double y0,
		     double h, double lo, double hi, const char *attrs)
{
	bool open = false;
	size_t i;

	for (i = 0; i < ch->nyears; i++) {
		if (isnan(v[i]))
			continue;
		if (!open)
			buf_printf(b, "<polyline fill=\"none\" %s points=\"", attrs);
		open = true;
		buf_printf(b, "%.1f,%.1f ", x0 + step * (double)i, y0 + h - (v[i] - lo) / (hi - lo) * h);
	}
	if (open)
		buf_puts(b, "\"/>");
}

/* An indicator's path (CHART_PATH) as inline SVG: the values, the
 * required path dashed, the target in red; the figures in a table
 * beside are the report's. */
static enum gemis_err path_chart(struct buf *b, const struct dchart *ch)
{
	const double W = 560, H = 200, x0 = 56, y0 = 10, w = W - x0 - 16, h = H - y0 - 46;
	double lo, hi, step = ch->nyears > 1 ? w / (double)(ch->nyears - 1) : 0;
	size_t i;

	chart_path_range(ch, &lo, &hi);
	buf_printf(b,
		   "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"%.0f\""
		   " viewBox=\"0 0 560 %.0f\" role=\"img\" font-family=\"Times New Roman, Liberation Serif, serif\""
		   " font-size=\"11\"><title>",
		   H, H);
	esc(b, ch->title);
	buf_puts(b, "</title>");
	buf_printf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#000\"/>", x0, y0 + h,
		   x0 + w, y0 + h);
	for (i = 0; i < 2; i++) {
		char num[32];

		format_number(num, sizeof(num), i ? hi : lo, 2);
		buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%s", x0 - 4, i ? y0 + 8 : y0 + h, num);
		esc(b, ch->axis ? ch->axis : "");
		buf_puts(b, "</text>");
	}
	for (i = 0; i < ch->nyears; i++)
		buf_printf(b, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%d</text>",
			   x0 + (ch->nyears > 1 ? step * (double)i : w / 2), y0 + h + 16, ch->years[i]);
	if (!isnan(ch->target))
		buf_printf(b, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#C62828\"/>", x0,
			   y0 + h - (ch->target - lo) / (hi - lo) * h, x0 + w, y0 + h - (ch->target - lo) / (hi - lo) * h);
	svg_line(b, ch, ch->required, x0, step, y0, h, lo, hi, "stroke=\"#757575\" stroke-dasharray=\"4\"");
	svg_line(b, ch, ch->values, x0, step, y0, h, lo, hi, "stroke=\"#1565C0\" stroke-width=\"2\"");
	for (i = 0; i < 3; i++) {
		static const char *const colors[3] = {"#1565C0", "#757575", "#C62828"};
		double lx = 10 + (double)i * 180, ly = H - 10;

		if (!ch->legend[i])
			continue;
		buf_printf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\"%s/>", lx, ly - 4,
			   lx + 18, ly - 4, colors[i], i == 1 ? " stroke-dasharray=\"4\"" : "");
		buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\">", lx + 22, ly);
		esc(b, ch->legend[i]);
		buf_puts(b, "</text>");
	}
	buf_puts(b, "</svg><figcaption>");
	esc(b, ch->title);
	buf_puts(b, "</figcaption></figure>\n");
	return buf_error(b);
}

/* Horizontal stacked bars, one per category, as inline SVG. */
static enum gemis_err chart(struct buf *b, const struct dchart *ch)
{
	const double label_w = 110, bar_w = 420, row_h = 26, top = 10;
	unsigned max = 1;
	size_t i, k;
	double h = top + row_h * (double)ch->ncat + 60;

	for (i = 0; i < ch->ncat; i++) {
		unsigned sum = 0;

		for (k = 0; k < CHART_STATUSES; k++)
			sum += ch->counts[i][k];
		if (sum > max)
			max = sum;
	}
	buf_printf(b,
		   "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"%.0f\""
		   " viewBox=\"0 0 560 %.0f\" role=\"img\" font-family=\"Times New Roman, Liberation Serif, serif\""
		   " font-size=\"12\"><title>",
		   h, h);
	esc(b, ch->title);
	buf_puts(b, "</title>");
	for (i = 0; i < ch->ncat; i++) {
		double x = label_w, y = top + row_h * (double)i;

		buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", label_w - 6, y + 15);
		esc(b, ch->cats[i]);
		buf_puts(b, "</text>");
		for (k = 0; k < CHART_STATUSES; k++) {
			double w = bar_w * ch->counts[i][k] / max;

			if (!ch->counts[i][k])
				continue;
			buf_printf(b,
				   "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"#%06X\""
				   " stroke=\"#fff\"/>",
				   x, y + 2, w, status_rgb(chart_status[k]));
			buf_printf(b,
				   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%u</text>",
				   x + w / 2, y + 15,
				   chart_status[k] == ST_ACHIEVED || chart_status[k] == ST_OFF_TRACK ? "#fff" : "#000",
				   ch->counts[i][k]);
			x += w;
		}
	}
	for (k = 0; k < CHART_STATUSES; k++) {
		double x = 10 + (double)(k % 4) * 136, y = top + row_h * (double)ch->ncat + 12 + (double)(k / 4) * 20;

		buf_printf(b, "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"#%06X\"/>",
			   x, y, status_rgb(chart_status[k]));
		buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\">", x + 17, y + 11);
		esc(b, ch->legend[k]);
		buf_puts(b, "</text>");
	}
	buf_puts(b, "</svg><figcaption>");
	esc(b, ch->title);
	buf_puts(b, "</figcaption></figure>\n");
	return buf_error(b);
}

enum gemis_err doc_render_html(const struct doc *d, struct buf *b)
{
	size_t i;

	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		      "<meta name=\"generator\" content=\"gemis\"><title>",
		   d->lang ? d->lang : "vi");
	esc(b, d->meta_title ? d->meta_title : "");
	buf_puts(b, " – ");
	esc(b, d->meta_subject ? d->meta_subject : "");
	buf_printf(b, "</title><style>%s</style></head>\n<body><div class=\"page\">\n", css);
	buf_puts(b, "<table class=\"hdr\"><tr><td class=\"issuer\">");
	if (d->issuer_top) {
		esc_lines(b, d->issuer_top);
		buf_puts(b, "<br>");
	}
	buf_puts(b, "<b>");
	esc_lines(b, d->issuer);
	buf_puts(b, "</b><div class=\"rule\"></div><div class=\"number\">");
	esc(b, d->number);
	buf_puts(b, "</div></td><td class=\"motto\"><div class=\"m1\">");
	esc(b, d->motto1);
	buf_puts(b, "</div><div class=\"m2\">");
	esc(b, d->motto2);
	buf_puts(b, "</div><div class=\"rule\" style=\"width:50%\"></div><div class=\"place\">");
	esc(b, d->place_date);
	buf_puts(b, "</div></td></tr></table>\n<h1 class=\"kind\">");
	esc(b, d->kind);
	buf_puts(b, "</h1>\n<p class=\"title\">");
	esc(b, d->title);
	buf_puts(b, "</p><div class=\"rule\" style=\"width:25%\"></div>\n");
	for (i = 0; i < d->n && !buf_error(b); i++) {
		const struct dblock *x = &d->blocks[i];

		switch (x->kind) {
		case DB_HEADING:
			buf_puts(b, x->level <= 1 ? "<h2>" : "<h3>");
			esc(b, x->text);
			buf_puts(b, x->level <= 1 ? "</h2>\n" : "</h3>\n");
			break;
		case DB_PARA:
			buf_puts(b, "<p>");
			esc_lines(b, x->text);
			buf_puts(b, "</p>\n");
			break;
		case DB_BULLET:
			buf_puts(b, "<p class=\"b\">- ");
			esc_lines(b, x->text);
			buf_puts(b, "</p>\n");
			break;
		case DB_NOTE:
			buf_puts(b, "<p class=\"note\">");
			esc_lines(b, x->text);
			buf_puts(b, "</p>\n");
			break;
		case DB_NOTICE:
			buf_puts(b, "<p class=\"notice\">");
			esc_lines(b, x->text);
			buf_puts(b, "</p>\n");
			break;
		case DB_TABLE:
			table(b, x->table);
			break;
		case DB_CHART:
			if (x->chart->kind == CHART_PATH)
				path_chart(b, x->chart);
			else
				chart(b, x->chart);
			break;
		}
	}
	buf_puts(b, "<table class=\"sign\"><tr><td class=\"recip\"><b><i>");
	esc(b, d->recipients_head ? d->recipients_head : "");
	buf_puts(b, "</i></b>");
	for (i = 0; i < d->nrecipients; i++) {
		buf_puts(b, "<br>");
		esc(b, d->recipients[i]);
	}
	buf_puts(b, "</td><td class=\"signer\">");
	esc_lines(b, d->sign_lines ? d->sign_lines : "");
	buf_puts(b, "<div class=\"space\"></div>");
	if (d->sign_name)
		esc(b, d->sign_name);
	buf_puts(b, "</td></tr></table>\n</div></body></html>\n");
	return buf_error(b);
}
