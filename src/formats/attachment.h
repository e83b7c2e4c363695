/*
 * attachment.h: what a file people attach as evidence is, by its bytes.
 *
 * Evidence of work done (a signed document, a photo of an event) arrives
 * as PDF, DOCX, XLSX, JPEG or PNG, from task progress today and budget or
 * inspection records later; every domain checks it here and stores it with
 * store/attachments.h.  A file is what its first bytes say it is, never
 * what its name says; a name that claims another kind is refused, so that
 * nobody downloads "bien-ban.pdf" and opens a program.  Checks:
 *
 *   PDF    "%PDF-" and "%%EOF" near the end
 *   JPEG   FF D8 FF
 *   PNG    the 8-byte signature and an IHDR chunk first
 *   DOCX   a zip with [Content_Types].xml and word/document.xml
 *   XLSX   a zip with [Content_Types].xml and xl/workbook.xml
 *
 * Zips are read through entirely with libzip, counting the bytes that
 * really come out (not those the headers claim): at most
 * ATTACHMENT_ZIP_ENTRIES entries, ATTACHMENT_ZIP_BYTES in all, and no entry
 * more than ATTACHMENT_ZIP_RATIO times its compressed size, so that a zip
 * bomb is refused after a bounded amount of work.  A file is at most
 * ATTACHMENT_MAX_BYTES.
 */
#ifndef GEMIS_ATTACHMENT_H
#define GEMIS_ATTACHMENT_H

#include <stddef.h>

#include "util/err.h"

enum att_kind {
	ATT_PDF,
	ATT_DOCX,
	ATT_XLSX,
	ATT_JPEG,
	ATT_PNG,
};
#define ATT_KIND_COUNT 5

#define ATTACHMENT_MAX_BYTES ((size_t)8 << 20)
#define ATTACHMENT_ZIP_ENTRIES 2000
#define ATTACHMENT_ZIP_BYTES ((size_t)64 << 20)
#define ATTACHMENT_ZIP_RATIO 200

const char *attachment_kind_id(enum att_kind k);   /* "pdf", "docx", ... */
int attachment_kind_parse(const char *s);          /* -1 if unknown */
const char *attachment_mime(enum att_kind k);      /* "application/pdf", ... */
const char *attachment_ext(enum att_kind k);       /* ".pdf", ".jpg", ... */

/* Checks data[0..len), sent under the file name `name` (may be NULL or
 * empty: then only the bytes count).  *kind gets what it is.  On failure
 * GEMIS_EFORMAT (not one of the kinds, or not the kind its name claims,
 * or a broken or hostile zip) or GEMIS_ELIMIT (too large), with a message
 * in the current language that names the file. */
enum gemis_err attachment_check(const char *name, const void *data, size_t len, enum att_kind *kind,
				struct errctx *e);

#endif
