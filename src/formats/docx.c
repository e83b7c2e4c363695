/*
 * docx.c: text out of a DOCX (ECMA-376 WordprocessingML).
 *
 * A DOCX is a zip archive; the body is the part word/document.xml:
 *
 *	<w:document><w:body>
 *	  <w:p><w:pPr>...</w:pPr><w:r><w:rPr/><w:t xml:space="preserve">text</w:t></w:r>
 *	       <w:r><w:tab/><w:br/><w:t>more</w:t></w:r></w:p>
 *	  <w:tbl><w:tr><w:tc><w:p>...</w:p></w:tc><w:tc>...</w:tc></w:tr></w:tbl>
 *	  <w:sectPr/>
 *	</w:body></w:document>
 *
 * Only the text matters here: <w:t> contents, <w:tab/>, <w:br/> and
 * <w:cr/>, paragraph ends, and table cells and rows.  Deleted text
 * (<w:del>, <w:delText>) is left out, inserted text kept.  The part is read
 * with a size cap (the zip's declared size is not trusted) and parsed with
 * expat, which refuses external entities and limits entity expansion; a
 * document with an internal DTD is refused outright.
 */
#include "docx.h"

#include <expat.h>
#include <string.h>
#include <zip.h>

#include "util/banned.h"

struct dx {
	struct buf *out;
	int in_t;        /* inside <w:t> */
	int in_del;      /* inside <w:del> */
	int cells;       /* cells so far in the current row */
	int depth;
	enum gemis_err err;
	XML_Parser parser;
};

/* The local name of a namespaced element ("w:t" -> "t"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static void put(struct dx *x, const char *s, size_t n)
{
	if (!x->err)
		x->err = buf_append(x->out, s, n);
	if (x->err)
		XML_StopParser(x->parser, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct dx *x = ud;
	const char *n = local(name);

	(void)attrs;
	x->depth++;
	if (strcmp(n, "t") == 0)
		x->in_t++;
	else if (strcmp(n, "del") == 0)
		x->in_del++;
	else if (strcmp(n, "tab") == 0 && !x->in_del)
		put(x, " ", 1);
	else if ((strcmp(n, "br") == 0 || strcmp(n, "cr") == 0) && !x->in_del)
		put(x, "\n", 1);
	else if (strcmp(n, "tr") == 0)
		x->cells = 0;
	else if (strcmp(n, "tc") == 0 && x->cells++ > 0)
		put(x, " | ", 3);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct dx *x = ud;
	const char *n = local(name);

	x->depth--;
	if (strcmp(n, "t") == 0 && x->in_t)
		x->in_t--;
	else if (strcmp(n, "del") == 0 && x->in_del)
		x->in_del--;
	else if (strcmp(n, "p") == 0 && !x->cells)
		put(x, "\n", 1);
	else if (strcmp(n, "p") == 0)
		put(x, " ", 1);
	else if (strcmp(n, "tr") == 0) {
		x->cells = 0;
		put(x, "\n", 1);
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct dx *x = ud;

	if (x->in_t && !x->in_del && len > 0)
		put(x, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal)
{
	struct dx *x = ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	x->err = GEMIS_EFORMAT;
	XML_StopParser(x->parser, XML_FALSE);
}

enum gemis_err docx_text(const void *data, size_t len, struct buf *out, struct errctx *e)
{
	zip_error_t zerr;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	zip_file_t *zf = NULL;
	struct buf xml;
	struct dx x;
	XML_Parser p = NULL;
	enum gemis_err err = GEMIS_OK;
	char chunk[16384];
	zip_int64_t n;

	buf_init(&xml, DOCX_MAX_XML);
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		err = err_set(e, GEMIS_ENOMEM, "out of memory opening the DOCX");
		goto out;
	}
	za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!za) {
		zip_source_free(src);
		err = err_set(e, GEMIS_EFORMAT, "not a DOCX file (the zip archive cannot be read: %s)",
			      zip_error_strerror(&zerr));
		goto out;
	}
	zf = zip_fopen(za, "word/document.xml", 0);
	if (!zf) {
		err = err_set(e, GEMIS_EFORMAT, "not a DOCX file (no word/document.xml in the archive)");
		goto out;
	}
	while ((n = zip_fread(zf, chunk, sizeof(chunk))) > 0) {
		err = buf_append(&xml, chunk, (size_t)n);
		if (err) {
			err = err_set(e, GEMIS_ELIMIT, "the DOCX's text is larger than %zu MiB",
				      DOCX_MAX_XML >> 20);
			goto out;
		}
	}
	if (n < 0) {
		err = err_set(e, GEMIS_EFORMAT, "the DOCX is damaged (word/document.xml cannot be unpacked)");
		goto out;
	}
	p = XML_ParserCreate("UTF-8");
	if (!p) {
		err = err_set(e, GEMIS_ENOMEM, "out of memory");
		goto out;
	}
	memset(&x, 0, sizeof(x));
	x.out = out;
	x.parser = p;
	XML_SetUserData(p, &x);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	if (XML_Parse(p, xml.p ? xml.p : "", (int)xml.len, XML_TRUE) == XML_STATUS_ERROR || x.err) {
		if (x.err == GEMIS_ELIMIT || x.err == GEMIS_ENOMEM)
			err = err_set(e, x.err, "the DOCX's text is too large");
		else if (x.err)
			err = err_set(e, GEMIS_EFORMAT, "the DOCX has a document type declaration; refused");
		else
			err = err_set(e, GEMIS_EFORMAT, "the DOCX is damaged: word/document.xml line %lu: %s",
				      (unsigned long)XML_GetCurrentLineNumber(p),
				      XML_ErrorString(XML_GetErrorCode(p)));
	}
out:
	if (p)
		XML_ParserFree(p);
	if (zf)
		zip_fclose(zf);
	if (za)
		zip_discard(za);
	zip_error_fini(&zerr);
	buf_release(&xml);
	return err;
}
