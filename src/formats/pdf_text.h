/*
 * pdf_text.h: the text layer of a PDF (through poppler-glib).
 */
#ifndef GEMIS_PDF_TEXT_H
#define GEMIS_PDF_TEXT_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* The limits of reading a PDF (docs/plan-import.md): poppler runs in a
 * child process with at most this much memory of its own and this time;
 * at most 500 pages and 8 MB of text. */
#define PDF_MAX_MEMORY ((size_t)64 << 20)
#define PDF_MAX_SECONDS 30

/* Appends the text of every page of the PDF in data[0..len) to out, pages
 * separated by a new line.  GEMIS_EFORMAT for a file poppler cannot open,
 * an encrypted one, or a PDF without a text layer (a scanned image),
 * GEMIS_ELIMIT past the limits, each with a message that says so.  Safe in
 * a process with threads once sandbox_start() has run (the server). */
enum gemis_err pdf_text(const void *data, size_t len, struct buf *out, struct errctx *e);

#endif
