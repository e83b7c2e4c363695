/*
 * yearly_render.c: the formats of the yearly report and the choice of its
 * renderer (yearly.h).  Apart from the model (yearly.c), which the
 * renderers call back for the figures, so that the model and the
 * renderers do not call each other in a loop.
 */
#include "yearly.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

#include "util/banned.h"

int report_format_parse(const char *s)
{
	if (!s)
		return -1;
	if (strcmp(s, "html") == 0)
		return REPORT_HTML;
	if (strcmp(s, "docx") == 0)
		return REPORT_DOCX;
	if (strcmp(s, "pdf") == 0)
		return REPORT_PDF;
	if (strcmp(s, "xlsx") == 0)
		return REPORT_XLSX;
	return -1;
}

const char *report_format_ext(enum report_format f)
{
	switch (f) {
	case REPORT_HTML: return "html";
	case REPORT_DOCX: return "docx";
	case REPORT_PDF: return "pdf";
	case REPORT_XLSX: return "xlsx";
	}
	return "";
}

enum gemis_err report_doc_write(const struct doc *d, enum report_format f, const char *path, struct errctx *e)
{
	struct buf b;
	enum gemis_err err;
	FILE *fp;

	switch (f) {
	case REPORT_HTML:
		buf_init(&b, BUF_MAX_DEFAULT);
		err = doc_render_html(d, &b);
		if (err) {
			err_set(e, err, "%s", err_name(err));
		} else {
			fp = fopen(path, "wb");
			if (!fp || fwrite(buf_str(&b), 1, b.len, fp) != b.len)
				err = err_set_at(e, GEMIS_EIO, path, "%s", _("cannot write the file"));
			if (fp && fclose(fp) != 0 && !err)
				err = err_set_at(e, GEMIS_EIO, path, "%s", _("cannot write the file"));
		}
		buf_release(&b);
		return err;
	case REPORT_DOCX:
		return doc_render_docx(d, path, e);
	case REPORT_PDF:
		return doc_render_pdf(d, path, e);
	default:
		return err_set(e, GEMIS_EINVAL, "unknown format");
	}
}

enum gemis_err yearly_render(const struct yearly *y, enum report_format f, const char *path,
			     struct errctx *e)
{
	struct doc d;
	enum gemis_err err;

	if (f == REPORT_XLSX && y->o.action_month)
		return err_set_at(e, GEMIS_EINVAL, "format", "%s", _("the Action Month's report is a DOCX, PDF or HTML document"));
	if (f == REPORT_XLSX)
		return yearly_xlsx(y, path, e);
	doc_init(&d);
	err = yearly_doc(y, &d);
	if (err) {
		doc_release(&d);
		return err_set(e, err, "%s", err_name(err));
	}
	err = report_doc_write(&d, f, path, e);
	doc_release(&d);
	return err;
}
