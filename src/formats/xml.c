/*
 * xml.c: a guarded expat parser and XML escaping (see xml.h).
 */
#include "xml.h"

#include <string.h>

#include "util/banned.h"

static void refuse(void *ud)
{
	struct xml_guard *g = ud;

	g->refused = true;
	XML_StopParser(g->p, XML_FALSE);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
			      int value_len, const XML_Char *base, const XML_Char *system_id,
			      const XML_Char *public_id, const XML_Char *notation)
{
	(void)name, (void)is_param, (void)value, (void)value_len, (void)base;
	(void)system_id, (void)public_id, (void)notation;
	refuse(ud);
}

static void XMLCALL on_skipped(void *ud, const XML_Char *name, int is_param)
{
	(void)name, (void)is_param;
	refuse(ud);
}

static void XMLCALL on_unparsed(void *ud, const XML_Char *name, const XML_Char *base,
				const XML_Char *system_id, const XML_Char *public_id,
				const XML_Char *notation)
{
	(void)name, (void)base, (void)system_id, (void)public_id, (void)notation;
	refuse(ud);
}

/* A DOCTYPE naming an external DTD: gemis never fetches it, and entities
 * it would declare would be left unexpanded, so the document is refused. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *system_id,
			       const XML_Char *public_id, int has_internal_subset)
{
	(void)name, (void)has_internal_subset;
	if (system_id || public_id)
		refuse(ud);
}

/* Never called while entity declarations are refused, but an external
 * entity must never be fetched whatever happens. */
static int XMLCALL on_external(XML_Parser p, const XML_Char *context, const XML_Char *base,
			       const XML_Char *system_id, const XML_Char *public_id)
{
	(void)p, (void)context, (void)base, (void)system_id, (void)public_id;
	return XML_STATUS_ERROR;
}

XML_Parser xml_parser_new(struct xml_guard *ud)
{
	XML_Parser p = XML_ParserCreate(NULL);

	if (!p)
		return NULL;
	ud->p = p;
	ud->refused = false;
	XML_SetUserData(p, ud);
	XML_SetEntityDeclHandler(p, on_entity);
	XML_SetUnparsedEntityDeclHandler(p, on_unparsed);
	XML_SetSkippedEntityHandler(p, on_skipped);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetExternalEntityRefHandler(p, on_external);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	return p;
}

const char *xml_local(const char *name)
{
	const char *c = strrchr(name, ':'), *bar = strrchr(name, '|');

	if (bar && (!c || bar > c))
		c = bar;
	return c ? c + 1 : name;
}

const char *xml_attr(const char **atts, const char *name)
{
	size_t i;

	for (i = 0; atts && atts[i]; i += 2) {
		if (strcmp(xml_local(atts[i]), name) == 0)
			return atts[i + 1];
	}
	return NULL;
}

enum gemis_err xml_escape(struct buf *b, const char *s, size_t len)
{
	size_t i, start = 0;
	enum gemis_err err = GEMIS_OK;

	for (i = 0; i < len && !err; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\t': rep = "&#9;"; break;
		case '\n': rep = "&#10;"; break;
		case '\r': rep = "&#13;"; break;
		default:
			if (c < 0x20)
				rep = ""; /* not allowed in XML 1.0: dropped */
			break;
		}
		if (rep) {
			err = buf_append(b, s + start, i - start);
			if (!err)
				err = buf_puts(b, rep);
			start = i + 1;
		}
	}
	if (!err)
		err = buf_append(b, s + start, len - start);
	return err;
}

enum gemis_err xml_escape_str(struct buf *b, const char *s)
{
	return xml_escape(b, s, strlen(s));
}
