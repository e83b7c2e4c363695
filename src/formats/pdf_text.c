/*
 * pdf_text.c: a PDF's text layer through poppler's GLib API.  A PDF made by
 * a word processor carries its text; a scan carries images only, and the
 * importer says so instead of importing an empty plan.
 */
#include "pdf_text.h"

#include <ctype.h>
#include <poppler.h>

#include "util/banned.h"

#define PDF_MAX_PAGES 500

enum gemis_err pdf_text(const void *data, size_t len, struct buf *out, struct errctx *e)
{
	GBytes *bytes = g_bytes_new(data, len);
	GError *gerr = NULL;
	PopplerDocument *doc;
	enum gemis_err err = GEMIS_OK;
	size_t letters = 0, before = out->len, i;
	int n, k;

	doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!doc) {
		err = err_set(e, GEMIS_EFORMAT, "the PDF cannot be read: %s",
			      gerr && gerr->message ? gerr->message : "unknown error");
		goto out;
	}
	n = poppler_document_get_n_pages(doc);
	if (n > PDF_MAX_PAGES) {
		err = err_set(e, GEMIS_ELIMIT, "the PDF has %d pages; a plan has at most %d", n, PDF_MAX_PAGES);
		goto out;
	}
	for (k = 0; k < n && !err; k++) {
		PopplerPage *page = poppler_document_get_page(doc, k);
		char *text = page ? poppler_page_get_text(page) : NULL;

		if (text) {
			err = buf_puts(out, text);
			if (!err)
				err = buf_putc(out, '\n');
			g_free(text);
		}
		if (page)
			g_object_unref(page);
	}
	if (err) {
		err = err_set(e, err, "the PDF's text is too large");
		goto out;
	}
	for (i = before; i < out->len; i++)
		letters += !isspace((unsigned char)out->p[i]);
	if (letters < 20)
		err = err_set(e, GEMIS_EFORMAT,
			      "the PDF has no text layer (a scanned image?): run it through OCR, or "
			      "import the DOCX or a text copy instead");
out:
	if (gerr)
		g_error_free(gerr);
	if (doc)
		g_object_unref(doc);
	g_bytes_unref(bytes);
	return err;
}
