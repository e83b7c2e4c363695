/*
 * attachment.c: recognising evidence files by their bytes (see
 * attachment.h).
 */
#include "attachment.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "util/i18n.h"

#include "util/banned.h"

static const struct {
	const char *id, *mime, *ext, *name;
} kinds[ATT_KIND_COUNT] = {
	{"pdf", "application/pdf", ".pdf", "PDF"},
	{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "DOCX"},
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "XLSX"},
	{"jpeg", "image/jpeg", ".jpg", "JPEG"},
	{"png", "image/png", ".png", "PNG"},
};

const char *attachment_kind_id(enum att_kind k)
{
	return (unsigned)k < ATT_KIND_COUNT ? kinds[k].id : "?";
}

int attachment_kind_parse(const char *s)
{
	int i;

	for (i = 0; s && i < ATT_KIND_COUNT; i++) {
		if (strcmp(s, kinds[i].id) == 0)
			return i;
	}
	return -1;
}

const char *attachment_mime(enum att_kind k)
{
	return (unsigned)k < ATT_KIND_COUNT ? kinds[k].mime : "application/octet-stream";
}

const char *attachment_ext(enum att_kind k)
{
	return (unsigned)k < ATT_KIND_COUNT ? kinds[k].ext : "";
}

/* The kind a file name's extension claims, -1 for none of ours, -2 when the
 * name has no extension. */
static int claimed(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	if (!name || !*name || !dot || strchr(dot, '/') || strchr(dot, '\\'))
		return -2;
	if (strcasecmp(dot, ".pdf") == 0)
		return ATT_PDF;
	if (strcasecmp(dot, ".docx") == 0)
		return ATT_DOCX;
	if (strcasecmp(dot, ".xlsx") == 0)
		return ATT_XLSX;
	if (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0)
		return ATT_JPEG;
	if (strcasecmp(dot, ".png") == 0)
		return ATT_PNG;
	return -1;
}

/* Reads every entry of the zip, bounded; *has_doc and *has_book tell
 * whether word/document.xml and xl/workbook.xml are there. */
static enum gemis_err read_zip(const char *name, const void *data, size_t len, bool *types, bool *has_doc,
			       bool *has_book, struct errctx *e)
{
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *z;
	zip_int64_t n, i;
	size_t total = 0;
	enum gemis_err err = GEMIS_OK;
	char chunk[16384];

	*types = *has_doc = *has_book = false;
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		zip_error_fini(&zerr);
		return GEMIS_ENOMEM;
	}
	z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!z) {
		zip_source_free(src);
		zip_error_fini(&zerr);
		return err_set(e, GEMIS_EFORMAT, _("%s: a broken zip archive, not a DOCX or XLSX file"), name);
	}
	zip_error_fini(&zerr);
	n = zip_get_num_entries(z, 0);
	if (n < 0 || n > ATTACHMENT_ZIP_ENTRIES) {
		err = err_set(e, GEMIS_EFORMAT, _("%s: the archive holds more than %d parts"), name,
			      ATTACHMENT_ZIP_ENTRIES);
		goto out;
	}
	for (i = 0; i < n && !err; i++) {
		zip_stat_t st;
		zip_file_t *f;
		zip_int64_t got;
		size_t entry = 0;
		const char *ename;

		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) {
			err = err_set(e, GEMIS_EFORMAT, _("%s: a broken zip archive, not a DOCX or XLSX file"), name);
			break;
		}
		ename = st.name;
		*types |= strcmp(ename, "[Content_Types].xml") == 0;
		*has_doc |= strcmp(ename, "word/document.xml") == 0;
		*has_book |= strcmp(ename, "xl/workbook.xml") == 0;
		f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		if (!f) {
			err = err_set(e, GEMIS_EFORMAT, _("%s: a part of the archive cannot be read (%s)"), name,
				      zip_strerror(z));
			break;
		}
		while ((got = zip_fread(f, chunk, sizeof(chunk))) > 0) {
			entry += (size_t)got;
			total += (size_t)got;
			/* what really comes out counts, whatever the headers say */
			if (total > ATTACHMENT_ZIP_BYTES ||
			    ((st.valid & ZIP_STAT_COMP_SIZE) && entry > 1024 * 1024 &&
			     entry / ATTACHMENT_ZIP_RATIO > (size_t)st.comp_size)) {
				err = err_set(e, GEMIS_ELIMIT,
					      _("%s: the archive unpacks to far more than its size (a zip bomb?)"),
					      name);
				break;
			}
		}
		if (!err && got < 0)
			err = err_set(e, GEMIS_EFORMAT, _("%s: a part of the archive cannot be read (%s)"), name,
				      zip_file_strerror(f));
		zip_fclose(f);
	}
out:
	zip_discard(z);
	return err;
}

static bool ends_with_eof(const unsigned char *p, size_t len)
{
	size_t from = len > 1024 ? len - 1024 : 0, i;

	for (i = from; i + 5 <= len; i++) {
		if (memcmp(p + i, "%%EOF", 5) == 0)
			return true;
	}
	return false;
}

enum gemis_err attachment_check(const char *name, const void *data, size_t len, enum att_kind *kind,
				struct errctx *e)
{
	const unsigned char *p = data;
	const char *shown = name && *name ? name : _("the file");
	int claim = claimed(name), is = -1;

	if (len > ATTACHMENT_MAX_BYTES)
		return err_set(e, GEMIS_ELIMIT, _("%s: %zu MB is larger than the %zu MB a file may have"), shown,
			       (len + (1 << 20) - 1) >> 20, ATTACHMENT_MAX_BYTES >> 20);
	if (claim == -1)
		return err_set(e, GEMIS_EFORMAT, _("%s: only PDF, DOCX, XLSX, JPEG and PNG files are kept"), shown);
	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0) {
		if (!ends_with_eof(p, len))
			return err_set(e, GEMIS_EFORMAT, _("%s: the PDF is cut short (no end of file)"), shown);
		is = ATT_PDF;
	} else if (len >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
		is = ATT_JPEG;
	} else if (len >= 24 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(p + 12, "IHDR", 4) == 0) {
		is = ATT_PNG;
	} else if (len >= 4 && memcmp(p, "PK\x03\x04", 4) == 0) {
		bool types, doc, book;
		enum gemis_err err = read_zip(shown, data, len, &types, &doc, &book, e);

		if (err)
			return err;
		if (types && doc)
			is = ATT_DOCX;
		else if (types && book)
			is = ATT_XLSX;
		else
			return err_set(e, GEMIS_EFORMAT, _("%s: a zip archive, but no Word or Excel document"), shown);
	} else {
		return err_set(e, GEMIS_EFORMAT, _("%s: not a PDF, DOCX, XLSX, JPEG or PNG file"), shown);
	}
	if (claim >= 0 && claim != is)
		return err_set(e, GEMIS_EFORMAT, _("%s: the name says %s but the file is %s"), shown, kinds[claim].name,
			       kinds[is].name);
	*kind = (enum att_kind)is;
	return GEMIS_OK;
}
