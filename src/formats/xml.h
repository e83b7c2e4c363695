/*
 * xml.h: what every XML reader and writer of gemis shares.
 *
 * Reading (expat): xml_parser_new() returns a parser that refuses what an
 * exchange file never needs and an attacker would use: entity declarations
 * in a DOCTYPE (so no entity expansion, no "billion laughs"), external
 * entities and parameter entities (no file or network access), a DOCTYPE
 * naming an external DTD, and references to undeclared entities.  A document with such a DOCTYPE stops
 * with XML_ERROR_ABORTED and xml_refused() says why.  Element names are
 * compared without their namespace prefix (xml_local()).
 *
 * Writing: xml_escape() escapes text and attribute values and drops the
 * characters XML 1.0 cannot carry (controls other than tab, LF, CR).
 */
#ifndef GEMIS_XML_H
#define GEMIS_XML_H

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* The user data of a guarded parser starts with this, so that the
 * guards can record a refusal:
 *	struct my_state { struct xml_guard g; ... };
 */
struct xml_guard {
	XML_Parser p;
	bool refused; /* the document declared or referred to entities */
};

/* A parser with the protections above whose user data is ud (which starts
 * with a struct xml_guard, filled here).  NULL on allocation failure.
 * Free with XML_ParserFree(). */
XML_Parser xml_parser_new(struct xml_guard *ud);

/* The name without any namespace ("x:sheetData" or "uri|sheetData" ->
 * "sheetData"). */
const char *xml_local(const char *name);

/* The value of attribute `name` (local name) in expat's attribute list, or
 * NULL. */
const char *xml_attr(const char **atts, const char *name);

/* Appends s[0..len) escaped for XML text or a double-quoted attribute. */
enum gemis_err xml_escape(struct buf *b, const char *s, size_t len);
enum gemis_err xml_escape_str(struct buf *b, const char *s);

#endif
