/*
 * encoding.h: the text encodings in which people's tools save CSV files,
 * told apart so that the importers read what they can and say how to fix
 * what they cannot (docs/values-csv.md says why).
 *
 *   UTF-8, with or without a byte order mark      read as it is
 *   UTF-16 LE or BE with a byte order mark        converted to UTF-8: Excel's
 *                                                 "Unicode Text", Notepad's
 *                                                 "Unicode", Windows
 *                                                 PowerShell's Out-File
 *   UTF-16 without a byte order mark              converted, told by its zero
 *                                                 bytes (the codes and numbers
 *                                                 of a values file are ASCII,
 *                                                 one zero in every pair)
 *   anything else that is not UTF-8               refused with the line of the
 *                                                 first such byte: an 8-bit
 *                                                 Windows code page, Windows-1258
 *                                                 on a Vietnamese Windows (Excel's
 *                                                 plain "CSV"), which cannot be
 *                                                 told apart for certain from
 *                                                 TCVN3 or VNI
 */
#ifndef GEMIS_ENCODING_H
#define GEMIS_ENCODING_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

enum text_encoding {
	TEXT_UTF8,
	TEXT_UTF16LE,
	TEXT_UTF16BE,
};

/* Reads data[0..len) as text.  UTF-8 is left where it is (*enc TEXT_UTF8,
 * out untouched); UTF-16 is converted into out (buf_init()ed by the caller,
 * the BOM kept as UTF-8's).  Returns GEMIS_EFORMAT with a message for
 * people (the line, how to save the file as "CSV UTF-8") when the bytes are
 * neither; GEMIS_ENOMEM. */
enum gemis_err text_decode(const char *data, size_t len, enum text_encoding *enc, struct buf *out,
			   struct errctx *e);

/* The same refusal for a piece of a file read in pieces, which starts on
 * line first_line: GEMIS_OK when data[0..len) is UTF-8. */
enum gemis_err text_check_utf8(const char *data, size_t len, long first_line, struct errctx *e);

#endif
