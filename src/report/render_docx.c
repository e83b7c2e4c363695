/*
 * render_docx.c: a document as DOCX (Office Open XML, ECMA-376), written
 * part by part into a zip with libzip, so that officers open it in Word or
 * LibreOffice, number it, sign it and send it on.
 *
 * Parts: [Content_Types].xml, _rels/.rels, docProps/core.xml and app.xml,
 * word/document.xml (the body: the header block and signature as
 * borderless tables, results as tables with repeated header rows, status
 * cells shaded), word/styles.xml (Times New Roman 13 pt, headings, table
 * text), word/numbering.xml (the "-" list), word/settings.xml,
 * word/fontTable.xml, word/header1.xml (the page number, centred, from the
 * second page on: titlePg), word/_rels/document.xml.rels and the charts as
 * word/media/chartN.png (drawn with cairo).  Page: A4, margins top and
 * bottom 20 mm, left 30 mm, right 15 mm (Decree 30/2020).
 *
 * No timestamp goes into the file unless doc->created is set: the zip
 * entries then carry that time, else 1980-01-01.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "doc.h"
#include "formats/xml.h"
#include "util/i18n.h"

#include "util/banned.h"

#define TWIP_PER_MM 56.6929
#define ISSUER_OUTDENT 200 /* 10 pt, in twips */
#define EMU_PER_PT 12700L

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static long text_width_twips(void)
{
	return (long)((DOC_PAGE_W_MM - DOC_MARGIN_LEFT_MM - DOC_MARGIN_RIGHT_MM) * TWIP_PER_MM);
}

struct run {
	bool bold, italic;
	int half_pts; /* font size in half points, 0 for the style's */
	unsigned color; /* 0 for automatic */
};

/* A run of text; '\n' becomes a line break. */
static enum gemis_err run(struct buf *b, const char *s, const struct run *r)
{
	buf_puts(b, "<w:r>");
	const char *nl;

	if (r->bold || r->italic || r->half_pts || r->color) {
		buf_puts(b, "<w:rPr>");
		if (r->bold)
			buf_puts(b, "<w:b/>");
		if (r->italic)
			buf_puts(b, "<w:i/>");
		if (r->color)
			buf_printf(b, "<w:color w:val=\"%06X\"/>", r->color);
		if (r->half_pts)
			buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", r->half_pts, r->half_pts);
		buf_puts(b, "</w:rPr>");
	}
	for (;;) {
		nl = strchr(s, '\n');
		buf_puts(b, "<w:t xml:space=\"preserve\">");
		xml_escape(b, s, nl ? (size_t)(nl - s) : strlen(s));
		buf_puts(b, "</w:t>");
		if (!nl)
			break;
		buf_puts(b, "<w:br/>");
		s = nl + 1;
	}
	buf_puts(b, "</w:r>");
	return buf_error(b);
}

/* A paragraph of one run.  ppr: extra paragraph properties (raw XML). */
static enum gemis_err para(struct buf *b, const char *style, const char *jc, const char *ppr,
			   const char *s, const struct run *r)
{
	buf_puts(b, "<w:p><w:pPr>");

	if (style)
		buf_printf(b, "<w:pStyle w:val=\"%s\"/>", style);
	if (ppr)
		buf_puts(b, ppr);
	if (jc)
		buf_printf(b, "<w:jc w:val=\"%s\"/>", jc);
	buf_puts(b, "</w:pPr>");
	if (s && *s)
		run(b, s, r);
	buf_puts(b, "</w:p>");
	return buf_error(b);
}

/* A short centred rule: an empty paragraph with a top border, indented
 * to leave `width` twips of a cell `cell` twips wide, 3 pt below the line
 * above so that it does not read as an underline (as in the PDF). */
static enum gemis_err rule(struct buf *b, long cell, long width)
{
	long ind = (cell - width) / 2;

	if (ind < 0)
		ind = 0;
	return buf_printf(b,
			  "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
			  "<w:spacing w:before=\"60\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/>"
			  "<w:ind w:left=\"%ld\" w:right=\"%ld\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/><w:rPr><w:sz w:val=\"4\"/></w:rPr></w:pPr></w:p>",
			  ind, ind);
}

/* A table without borders of columns w[0..n) twips wide, starting
 * `indent` twips left of the margin (negative: into it). */
static enum gemis_err borderless_table(struct buf *b, const long *w, size_t n, long indent)
{
	long total = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i];
	buf_printf(b, "<w:tbl><w:tblPr><w:tblW w:w=\"%ld\" w:type=\"dxa\"/><w:tblInd w:w=\"%ld\" w:type=\"dxa\"/>"
		   "<w:tblLayout w:type=\"fixed\"/>", total, indent);
	buf_puts(b,
				      "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>"
				      "<w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>"
				      "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>"
				      "<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>");
	for (i = 0; i < n; i++)
		buf_printf(b, "<w:gridCol w:w=\"%ld\"/>", w[i]);
	/* the header and the signature block stay on one page */
	buf_puts(b, "</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>");
	return buf_error(b);
}

/* The header and signature blocks: no space around, and none of the
 * body's first-line indent (which would push every first line 5 mm off
 * the centre of its block, and "Nơi nhận" 10 mm off the margin). */
#define NOINDENT "<w:ind w:firstLine=\"0\"/>"
static const char *TIGHT = "<w:spacing w:before=\"0\" w:after=\"0\"/>" NOINDENT;
static const char *AFTER_RULE = "<w:spacing w:before=\"120\" w:after=\"0\"/>" NOINDENT;

static enum gemis_err header_block(struct buf *b, const struct doc *d)
{
	long tw = text_width_twips(), w[2];
	struct run bold13 = {true, false, 26, 0}, plain13 = {false, false, 26, 0};
	struct run bold12 = {true, false, 24, 0}, italic13 = {false, true, 26, 0};

	/* as in the PDF (render_pdf.c): the issuer's column is 40 % of the
	 * text width and reaches 10 pt into the left margin */
	w[0] = tw * 40 / 100 + ISSUER_OUTDENT;
	w[1] = tw - w[0] + ISSUER_OUTDENT;
	borderless_table(b, w, 2, -ISSUER_OUTDENT);
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/></w:tcPr>", w[0]);
	if (d->issuer_top)
		para(b, NULL, "center", TIGHT, d->issuer_top, &plain13);
	para(b, NULL, "center", TIGHT, d->issuer, &bold13);
	rule(b, w[0], w[0] / 3);
	para(b, NULL, "center", AFTER_RULE, d->number, &plain13);
	buf_printf(b, "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/></w:tcPr>", w[1]);
	para(b, NULL, "center", TIGHT, d->motto1, &bold12);
	para(b, NULL, "center", TIGHT, d->motto2, &bold13);
	/* "Độc lập - Tự do - Hạnh phúc" at 13 pt is about 62 mm wide */
	rule(b, w[1], (long)(62 * TWIP_PER_MM));
	para(b, NULL, "center", AFTER_RULE, d->place_date, &italic13);
	buf_puts(b, "</w:tc></w:tr></w:tbl>");
	para(b, NULL, "center", "<w:spacing w:before=\"360\" w:after=\"0\"/>" NOINDENT, d->kind,
	     &(struct run){true, false, 28, 0});
	para(b, NULL, "center", TIGHT, d->title, &(struct run){true, false, 28, 0});
	rule(b, tw, tw / 4);
	return buf_error(b);
}

static enum gemis_err table(struct buf *b, const struct dtable *t)
{
	long tw = text_width_twips();
	int sz = t->small ? (int)(DOC_SMALL_PT * 2) : (int)(DOC_TABLE_PT * 2);
	size_t r, c;

	buf_puts(b,
		       "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
		       "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>");
	for (c = 0; c < t->ncols; c++)
		buf_printf(b, "<w:gridCol w:w=\"%ld\"/>", (long)(t->widths[c] * (double)tw));
	buf_puts(b, "</w:tblGrid>");
	for (r = 0; r < t->nrows; r++) {
		buf_puts(b, "<w:tr>");
		if (r < t->nhead)
			buf_puts(b, "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
		else
			buf_puts(b, "<w:trPr><w:cantSplit/></w:trPr>");
		for (c = 0; c < t->ncols; c++) {
			const struct dcell *x = &t->cells[r * t->ncols + c];
			bool head = r < t->nhead || (x->flags & DC_HEAD);
			unsigned fill = x->status >= 0 ? status_rgb((enum status)x->status) : head ? 0xE8E8E8 : 0;
			struct run rr = {head || (x->flags & DC_BOLD), (x->flags & DC_ITALIC) != 0, sz,
					 x->status == ST_ACHIEVED || x->status == ST_OFF_TRACK ? 0xFFFFFF : 0};

			buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>",
				   (long)(t->widths[c] * (double)tw));
			if (fill)
				buf_printf(b, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%06X\"/>", fill);
			buf_puts(b, "</w:tcPr>");
			para(b, "TableText",
			     (x->flags & DC_CENTER) ? "center" : (x->flags & DC_RIGHT) ? "right" : NULL, NULL,
			     x->text, &rr);
			buf_puts(b, "</w:tc>");
		}
		buf_puts(b, "</w:tr>");
	}
	buf_puts(b, "</w:tbl>");
	para(b, "TableText", NULL, NULL, "", &(struct run){0});
	return buf_error(b);
}

static enum gemis_err image(struct buf *b, size_t n, double w_pt, double h_pt, const char *title)
{
	long cx = (long)(w_pt * EMU_PER_PT), cy = (long)(h_pt * EMU_PER_PT);

	buf_printf(b,
		  "<w:p><w:pPr><w:jc w:val=\"center\"/><w:keepNext/></w:pPr><w:r><w:drawing>"
		  "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"%ld\" cy=\"%ld\"/>"
		  "<wp:docPr id=\"%zu\" name=\"chart%zu\" descr=\"",
		  cx, cy, n, n);
	xml_escape_str(b, title);
	buf_printf(b,
		   "\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
		   "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"%zu\" name=\"chart%zu.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
		   "<pic:blipFill><a:blip r:embed=\"rIdChart%zu\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
		   "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
		   "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
		   "</wp:inline></w:drawing></w:r></w:p>",
		   n, n, n, cx, cy);
	para(b, "Caption", "center", NULL, title, &(struct run){false, true, 0, 0});
	return buf_error(b);
}

static enum gemis_err signature(struct buf *b, const struct doc *d)
{
	long tw = text_width_twips(), w[2] = {tw / 2, tw - tw / 2};
	size_t i;

	para(b, NULL, NULL, TIGHT, "", &(struct run){0});
	borderless_table(b, w, 2, 0);
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/></w:tcPr>", w[0]);
	para(b, NULL, NULL, TIGHT, d->recipients_head ? d->recipients_head : "",
	     &(struct run){true, true, 24, 0});
	for (i = 0; i < d->nrecipients; i++)
		para(b, NULL, NULL, TIGHT, d->recipients[i], &(struct run){false, false, 22, 0});
	buf_printf(b, "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/></w:tcPr>", w[1]);
	para(b, NULL, "center", TIGHT, d->sign_lines ? d->sign_lines : "",
	     &(struct run){true, false, 26, 0});
	/* room for the signature and the seal */
	para(b, NULL, "center", "<w:spacing w:before=\"1700\" w:after=\"0\"/>" NOINDENT,
	     d->sign_name ? d->sign_name : "", &(struct run){true, false, 26, 0});
	buf_puts(b, "</w:tc></w:tr></w:tbl>");
	return buf_error(b);
}

static enum gemis_err sect(struct buf *b)
{
	return buf_printf(b,
			  "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
			  "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
			  "<w:pgMar w:top=\"%ld\" w:right=\"%ld\" w:bottom=\"%ld\" w:left=\"%ld\" w:header=\"567\""
			  " w:footer=\"567\" w:gutter=\"0\"/><w:titlePg/></w:sectPr>",
			  (long)(DOC_MARGIN_TOP_MM * TWIP_PER_MM + 0.5), (long)(DOC_MARGIN_RIGHT_MM * TWIP_PER_MM + 0.5),
			  (long)(DOC_MARGIN_BOTTOM_MM * TWIP_PER_MM + 0.5), (long)(DOC_MARGIN_LEFT_MM * TWIP_PER_MM + 0.5));
}

#define CHART_W_PT 453.0
#define CHART_H_PT 230.0

static enum gemis_err document(struct buf *b, const struct doc *d)
{
	size_t i, charts = 0;

	buf_puts(b, XML_HEAD "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\""
			  " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
			  " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
			  " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>");
	header_block(b, d);
	for (i = 0; i < d->n && !buf_error(b); i++) {
		const struct dblock *x = &d->blocks[i];

		switch (x->kind) {
		case DB_HEADING:
			para(b, x->level <= 1 ? "Heading1" : "Heading2", NULL, NULL, x->text, &(struct run){0});
			break;
		case DB_PARA:
			para(b, NULL, NULL, NULL, x->text, &(struct run){0});
			break;
		case DB_BULLET:
			para(b, "ListDash", NULL, NULL, x->text, &(struct run){0});
			break;
		case DB_NOTE:
			para(b, "Note", NULL, NULL, x->text, &(struct run){0});
			break;
		case DB_NOTICE:
			para(b, "Notice", NULL, NULL, x->text, &(struct run){0});
			break;
		case DB_TABLE:
			table(b, x->table);
			break;
		case DB_CHART:
			image(b, ++charts, CHART_W_PT, x->chart->height > 0 ? x->chart->height : CHART_H_PT, x->chart->title);
			break;
		}
	}
	signature(b, d);
	sect(b);
	buf_puts(b, "</w:body></w:document>");
	return buf_error(b);
}

static const char styles_xml[] =
	XML_HEAD
	"<w:styles xmlns:w=\"" NS_W "\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\""
	" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>"
	"<w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>"
	"<w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
	"</w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>"
	"<w:ind w:firstLine=\"567\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/>"
	"<w:jc w:val=\"left\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"ListDash\"><w:name w:val=\"List Dash\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"60\"/>"
	"<w:ind w:left=\"851\" w:hanging=\"284\"/></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/>"
	"<w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Note\"><w:name w:val=\"Note\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:ind w:firstLine=\"0\"/></w:pPr><w:rPr><w:i/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:i/><w:sz w:val=\"22\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Notice\"><w:name w:val=\"Notice\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"12\" w:space=\"4\" w:color=\"C62828\"/>"
	"<w:left w:val=\"single\" w:sz=\"12\" w:space=\"4\" w:color=\"C62828\"/>"
	"<w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"4\" w:color=\"C62828\"/>"
	"<w:right w:val=\"single\" w:sz=\"12\" w:space=\"4\" w:color=\"C62828\"/></w:pBdr><w:ind w:firstLine=\"0\"/></w:pPr>"
	"<w:rPr><w:b/><w:color w:val=\"C62828\"/></w:rPr></w:style>"
	"<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr>"
	"<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>"
	"<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
	"</w:tblPr></w:style>"
	"</w:styles>";

static const char numbering_xml[] =
	XML_HEAD
	"<w:numbering xmlns:w=\"" NS_W "\"><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>"
	"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"-\"/>"
	"<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"851\" w:hanging=\"284\"/></w:pPr>"
	"<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/></w:rPr></w:lvl></w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

static const char settings_xml[] =
	XML_HEAD
	"<w:settings xmlns:w=\"" NS_W "\"><w:defaultTabStop w:val=\"567\"/>"
	"<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat>"
	"<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
	"</w:compat></w:settings>";

static const char fonts_xml[] =
	XML_HEAD
	"<w:fonts xmlns:w=\"" NS_W "\"><w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/>"
	"<w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>";

static const char header_xml[] =
	XML_HEAD
	"<w:hdr xmlns:w=\"" NS_W "\"><w:p><w:pPr><w:jc w:val=\"center\"/><w:ind w:firstLine=\"0\"/></w:pPr>"
	"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
	"<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>"
	"<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>";

static const char root_rels[] =
	XML_HEAD
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>";

static const char app_xml[] =
	XML_HEAD
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	"<Application>gemis</Application></Properties>";

static enum gemis_err content_types(struct buf *b)
{
	return buf_puts(b, XML_HEAD
			"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
			"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
			"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
			"<Default Extension=\"png\" ContentType=\"image/png\"/>"
			"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
			"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
			"<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
			"<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
			"<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
			"<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
			"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
			"<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
			"</Types>");
}

static enum gemis_err document_rels(struct buf *b, size_t charts)
{
	size_t i;

	buf_puts(b, XML_HEAD
		       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		       "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
		       "<Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>"
		       "<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
		       "<Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>"
		       "<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>");
	for (i = 1; i <= charts; i++)
		buf_printf(b,
			   "<Relationship Id=\"rIdChart%zu\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/chart%zu.png\"/>",
			   i, i);
	buf_puts(b, "</Relationships>");
	return buf_error(b);
}

static enum gemis_err core(struct buf *b, const struct doc *d)
{

	buf_puts(b, XML_HEAD
		       "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
		       " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
		       " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	xml_escape_str(b, d->meta_title ? d->meta_title : "");
	buf_puts(b, "</dc:title><dc:subject>");
	xml_escape_str(b, d->meta_subject ? d->meta_subject : "");
	buf_printf(b, "</dc:subject><dc:creator>gemis</dc:creator><dc:language>%s</dc:language>",
		   d->lang && strcmp(d->lang, "en") == 0 ? "en-GB" : "vi-VN");
	if (d->created) {
		time_t t = (time_t)d->created;
		struct tm tm;
		char iso[32];

		gmtime_r(&t, &tm);
		strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
		buf_printf(b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>", iso);
	}
	buf_puts(b, "</cp:coreProperties>");
	return buf_error(b);
}

#define MAX_PARTS 96 /* the fixed parts and a review's charts */

struct docx_part {
	char name[48];
	struct buf data;
};

enum gemis_err doc_render_docx(const struct doc *d, const char *path, struct errctx *e)
{
	struct docx_part *parts = calloc(MAX_PARTS, sizeof(*parts));
	size_t np = 0, i, charts = 0;
	enum gemis_err err = GEMIS_OK;
	zip_t *z = NULL;
	int zerr;
	time_t mtime = d->created ? (time_t)d->created : (time_t)315532800; /* 1980-01-01 */

	if (!parts)
		return err_set(e, GEMIS_ENOMEM, "%s", err_name(GEMIS_ENOMEM));
	for (i = 0; i < MAX_PARTS; i++)
		buf_init(&parts[i].data, BUF_MAX_DEFAULT);
	/* each part is a buffer of its own, which remembers its first error */
#define PART(n) (snprintf(parts[np].name, sizeof(parts[np].name), "%s", (n)), &parts[np++].data)
	content_types(PART("[Content_Types].xml"));
	buf_puts(PART("_rels/.rels"), root_rels);
	core(PART("docProps/core.xml"), d);
	buf_puts(PART("docProps/app.xml"), app_xml);
	document(PART("word/document.xml"), d);
	buf_puts(PART("word/styles.xml"), styles_xml);
	buf_puts(PART("word/numbering.xml"), numbering_xml);
	buf_puts(PART("word/settings.xml"), settings_xml);
	buf_puts(PART("word/fontTable.xml"), fonts_xml);
	buf_puts(PART("word/header1.xml"), header_xml);
	for (i = 0; i < d->n && !err; i++) {
		char name[48];

		if (d->blocks[i].kind != DB_CHART)
			continue;
		if (np + 2 >= MAX_PARTS) {
			/* an image the document cites must be in the file */
			err = GEMIS_ELIMIT;
			break;
		}
		snprintf(name, sizeof(name), "word/media/chart%zu.png", ++charts);
		err = chart_png(d->blocks[i].chart, CHART_W_PT,
				 d->blocks[i].chart->height > 0 ? d->blocks[i].chart->height : CHART_H_PT, 2.5, PART(name));
	}
	document_rels(PART("word/_rels/document.xml.rels"), charts);
#undef PART
	for (i = 0; i < np && !err; i++)
		err = buf_error(&parts[i].data);
	if (err) {
		err = err_set(e, err, "%s", err_name(err));
		goto out;
	}
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		err = err_set_at(e, GEMIS_EIO, path, "%s", _("cannot write the file"));
		goto out;
	}
	for (i = 0; i < np; i++) {
		zip_source_t *src = zip_source_buffer(z, parts[i].data.p ? parts[i].data.p : "",
						      parts[i].data.len, 0);
		zip_int64_t idx;

		if (!src) {
			err = err_set_at(e, GEMIS_EIO, path, "%s", zip_strerror(z));
			break;
		}
		idx = zip_file_add(z, parts[i].name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
		if (idx < 0) {
			zip_source_free(src);
			err = err_set_at(e, GEMIS_EIO, path, "%s", zip_strerror(z));
			break;
		}
		zip_file_set_mtime(z, (zip_uint64_t)idx, mtime, 0);
		/* PNG is compressed already */
		if (strstr(parts[i].name, ".png"))
			zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (err) {
		zip_discard(z);
	} else if (zip_close(z) != 0) {
		err = err_set_at(e, GEMIS_EIO, path, "%s: %s", _("cannot write the file"), zip_strerror(z));
		zip_discard(z);
	}
out:
	for (i = 0; i < MAX_PARTS; i++)
		buf_release(&parts[i].data);
	free(parts);
	return err;
}
