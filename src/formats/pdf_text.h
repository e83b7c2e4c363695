/*
 * pdf_text.h: the text layer of a PDF (through poppler-glib).
 */
#ifndef GEMIS_PDF_TEXT_H
#define GEMIS_PDF_TEXT_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* Appends the text of every page of the PDF in data[0..len) to out, pages
 * separated by a new line.  GEMIS_EFORMAT for a file poppler cannot open,
 * an encrypted one, or a PDF without a text layer (a scanned image), with a
 * message that says so. */
enum gemis_err pdf_text(const void *data, size_t len, struct buf *out, struct errctx *e);

#endif
