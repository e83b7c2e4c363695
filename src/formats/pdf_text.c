/*
 * pdf_text.c: a PDF's text layer through poppler's GLib API.  A PDF made by
 * a word processor carries its text; a scan carries images only, and the
 * importer says so instead of importing an empty plan.
 *
 * poppler's memory follows a page's drawing operations, not its text: a
 * 59 KB PDF whose page is a million one-letter text operations took 1.5 GB
 * and most of a minute.  So poppler runs in a child process
 * (util/sandbox.h) with the limits below, and whatever it allocated goes
 * with the child.
 */
#include "pdf_text.h"

#include <ctype.h>
#include <poppler.h>

#include "util/i18n.h"
#include "util/sandbox.h"

#include "util/banned.h"

/* Pages: reading one page at a time, the whole read stays within
 * PDF_MAX_MEMORY however many pages there are; the count bounds the time. */
#define PDF_MAX_PAGES 500

/* The child's text: a 40-page plan has about 150 KB. */
#define PDF_MAX_TEXT ((size_t)8 << 20)

static const struct sandbox_limits pdf_limits = {
	.memory = PDF_MAX_MEMORY,
	.seconds = PDF_MAX_SECONDS,
};

/* Runs in the child. */
static enum gemis_err read_pdf(const void *data, size_t len, struct buf *out, struct errctx *e)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	GError *gerr = NULL;
	PopplerDocument *doc;
	enum gemis_err err = GEMIS_OK;
	size_t letters = 0, i;
	int n, k;

	doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!doc) {
		err = err_set(e, GEMIS_EFORMAT, _("the PDF cannot be read: %s"),
			      gerr && gerr->message ? gerr->message : "unknown error");
		goto out;
	}
	n = poppler_document_get_n_pages(doc);
	if (n > PDF_MAX_PAGES) {
		err = err_set(e, GEMIS_ELIMIT, _("the PDF has %d pages; a plan has at most %d"), n, PDF_MAX_PAGES);
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
		if (!err && out->len > PDF_MAX_TEXT)
			err = GEMIS_ELIMIT;
	}
	if (err) {
		err = err_set(e, GEMIS_ELIMIT, _("the PDF's text is larger than %zu MB; a plan has far less"),
			      PDF_MAX_TEXT >> 20);
		goto out;
	}
	for (i = 0; i < out->len; i++)
		letters += !isspace((unsigned char)out->p[i]);
	if (letters < 20)
		err = err_set(e, GEMIS_EFORMAT,
			      _("the PDF has no text layer (%zu letters on %d pages; a scanned image?): "
				"run it through OCR, or import the DOCX or a text copy instead"),
			      letters, n);
out:
	if (gerr)
		g_error_free(gerr);
	if (doc)
		g_object_unref(doc);
	g_bytes_unref(bytes);
	return err;
}

enum gemis_err pdf_text(const void *data, size_t len, struct buf *out, struct errctx *e)
{
	enum sandbox_end end;
	enum gemis_err err;

	err = sandbox_run(read_pdf, &pdf_limits, data, len, out, &end, e);
	switch (end) {
	case SANDBOX_DONE:
		break;
	case SANDBOX_MEMORY:
		err = err_set(e, GEMIS_ELIMIT,
			      _("the PDF is too complex to read: its pages hold more drawing operations "
				"than %d MB of memory can take (a plan's PDF needs far less); save it "
				"again as PDF from the word processor, or import the DOCX or a text copy"),
			      (int)(PDF_MAX_MEMORY >> 20));
		break;
	case SANDBOX_TIME:
		err = err_set(e, GEMIS_ELIMIT,
			      _("the PDF is too complex to read: reading it took more than %d seconds "
				"(a plan's PDF needs far less); save it again as PDF from the word "
				"processor, or import the DOCX or a text copy"),
			      PDF_MAX_SECONDS);
		break;
	case SANDBOX_CRASH:
		err = err_set(e, GEMIS_EFORMAT, _("the PDF cannot be read: its reader stopped (%s)"),
			      e && e->msg[0] ? e->msg : "?");
		break;
	}
	return err;
}
