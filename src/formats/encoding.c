/*
 * encoding.c: telling UTF-8, UTF-16 and 8-bit code pages apart
 * (encoding.h).  UTF-16 is decoded by hand: it needs no tables, and a
 * broken surrogate is reported with its line.
 */
#include "encoding.h"

#include <stdbool.h>
#include <stdint.h>

#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

/* UTF-16 without a BOM: in the first 4 KiB, at least 3 pairs in 4 with a
 * zero in the same half and none in the other.  UTF-8 text has no zero
 * bytes at all. */
static int utf16_unmarked(const unsigned char *p, size_t len)
{
	size_t i, pairs = 0, hi = 0, lo = 0;

	if (len < 4 || len % 2)
		return 0;
	for (i = 0; i + 1 < len && i < 4096; i += 2) {
		pairs++;
		lo += p[i] == 0;
		hi += p[i + 1] == 0;
	}
	if (hi * 4 >= pairs * 3 && lo == 0)
		return 1; /* little-endian: "u\0n\0" */
	if (lo * 4 >= pairs * 3 && hi == 0)
		return 2;
	return 0;
}

static enum gemis_err put_utf8(struct buf *b, uint32_t c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	return buf_append(b, u, n);
}

static enum gemis_err from_utf16(const unsigned char *p, size_t len, bool big, struct buf *out,
				 struct errctx *e)
{
	size_t i;
	long line = 1;

	if (len % 2)
		return err_set(e, GEMIS_EFORMAT, "%s",
			       _("the file looks like UTF-16 but has an odd number of bytes: it is cut short"));
	for (i = 0; i < len; i += 2) {
		uint32_t c = big ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);

		if (c >= 0xD800 && c <= 0xDBFF && i + 3 < len) {
			uint32_t c2 = big ? (uint32_t)(p[i + 2] << 8 | p[i + 3]) : (uint32_t)(p[i + 3] << 8 | p[i + 2]);

			if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
				i += 2;
			}
		}
		if (c >= 0xD800 && c <= 0xDFFF)
			return err_set(e, GEMIS_EFORMAT, _("line %ld: broken UTF-16 (a lone surrogate)"), line);
		if (c == '\n')
			line++;
		if (put_utf8(out, c))
			return GEMIS_ENOMEM;
	}
	return GEMIS_OK;
}

/* The line of the first byte that is not part of valid UTF-8: a
 * character is the shortest run of 1 to 4 bytes that is valid. */
static long first_bad_line(const char *s, size_t len)
{
	size_t i = 0, k;
	long line = 1;

	while (i < len) {
		for (k = 1; k <= 4 && i + k <= len; k++) {
			if (text_valid_utf8(s + i, k))
				break;
		}
		if (k > 4 || i + k > len)
			return line;
		line += s[i] == '\n';
		i += k;
	}
	return line;
}

enum gemis_err text_decode(const char *data, size_t len, enum text_encoding *enc, struct buf *out,
			   struct errctx *e)
{
	const unsigned char *p = (const unsigned char *)data;
	int unmarked;

	*enc = TEXT_UTF8;
	if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		*enc = TEXT_UTF16LE;
		return from_utf16(p, len, false, out, e);
	}
	if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		*enc = TEXT_UTF16BE;
		return from_utf16(p, len, true, out, e);
	}
	unmarked = utf16_unmarked(p, len);
	if (unmarked) {
		*enc = unmarked == 1 ? TEXT_UTF16LE : TEXT_UTF16BE;
		return from_utf16(p, len, unmarked == 2, out, e);
	}
	return text_check_utf8(data, len, 1, e);
}

enum gemis_err text_check_utf8(const char *data, size_t len, long first_line, struct errctx *e)
{
	if (text_valid_utf8(data, len))
		return GEMIS_OK;
	return err_set(e, GEMIS_EFORMAT,
		       _("line %ld: the file is not UTF-8 text; it was probably saved as \"CSV\" in an "
			 "8-bit Windows encoding (Windows-1258 on a Vietnamese Windows). In Excel, choose "
			 "File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\" and import that file"),
		       first_line - 1 + first_bad_line(data, len));
}
