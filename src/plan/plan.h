/*
 * plan.h: reading a signed commune plan document into the structured plan
 * of docs/plan-json.md, with the lint findings.
 *
 *	plan_document_text()  bytes of a .txt, .docx or .pdf -> UTF-8 text
 *	plan_import()         text -> the plan as JSON (docs/plan-json.md)
 *
 * How the text is understood is described where it is done: pdoc.h
 * (normalising), structure.c (sections, goals), header.c (number, date,
 * unit, references, signer), targets.c, duties.c (agencies, assignments,
 * deadline) and lint.c.  Input is untrusted: every stage is bounded by the
 * size of its input and the document's limits (PDOC_MAX_BYTES).
 */
#ifndef GEMIS_PLAN_PLAN_H
#define GEMIS_PLAN_PLAN_H

#include <jansson.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

enum plan_format {
	PLAN_FORMAT_AUTO, /* from the content: a zip is DOCX, "%PDF" is PDF, else text */
	PLAN_FORMAT_TEXT,
	PLAN_FORMAT_DOCX,
	PLAN_FORMAT_PDF,
};

/* The format of data by its first bytes. */
enum plan_format plan_sniff(const void *data, size_t len);

/* Appends the text of a plan document to out.  GEMIS_EFORMAT with a message
 * for a broken file, or for a PDF without a text layer (a scan). */
enum gemis_err plan_document_text(const void *data, size_t len, enum plan_format fmt,
				  struct buf *out, struct errctx *e);

/* Imports plan text; *out gets a new JSON object (caller json_decref()s)
 * with the fields of docs/plan-json.md.  Lint messages are in the current
 * language.  Fails only on a broken input (not UTF-8, too large) or
 * memory. */
enum gemis_err plan_import(const char *text, size_t len, json_t **out, struct errctx *e);

/* What a lint finding's code (lint.c: "numbering_gap", ...) means, in words
 * of the current language ("numbering skips a number"); NULL for a code it
 * does not know, which is then not shown: the code is for files, never for
 * people. */
const char *plan_lint_title(const char *code);

#endif
