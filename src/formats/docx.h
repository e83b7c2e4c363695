/*
 * docx.h: the text of a Word document (DOCX).
 */
#ifndef GEMIS_DOCX_H
#define GEMIS_DOCX_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* Limits on what a DOCX may unpack to. */
#define DOCX_MAX_XML ((size_t)32 << 20)

/* Appends the text of word/document.xml of the DOCX in data[0..len) to
 * out: one line per paragraph, table cells separated by " | " and rows
 * ended by a new line, <w:tab/> as a space, <w:br/> as a new line.
 * GEMIS_EFORMAT for a file that is not a DOCX or is broken, GEMIS_ELIMIT
 * past DOCX_MAX_XML. */
enum gemis_err docx_text(const void *data, size_t len, struct buf *out, struct errctx *e);

#endif
