/*
 * csv.h: a reader of comma-separated values (RFC 4180).
 *
 * Accepted: fields separated by ',' (or ';' when the first line has
 * semicolons and no commas, as spreadsheets in a Vietnamese locale save
 * them, or a tab when it has tabs and neither, as Excel's "Unicode Text"
 * does), optionally enclosed in double quotes with "" for a quote inside;
 * records ending in LF or CRLF; a UTF-8 byte order mark at the start; a
 * missing final newline.  Quoted fields may span lines.  Limits: 64 fields a
 * record and 64 KiB a record; beyond them the reader fails with the line.
 */
#ifndef GEMIS_CSV_H
#define GEMIS_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

#define CSV_MAX_FIELDS 64
#define CSV_MAX_RECORD ((size_t)64 * 1024)

struct csv {
	const char *p, *end; /* unread input (borrowed) */
	char sep;
	long line;           /* line where the current record starts */
	long next_line;      /* line where the next record starts */
	struct buf rec;      /* current record's fields, NUL-separated */
	size_t off[CSV_MAX_FIELDS];
	size_t len[CSV_MAX_FIELDS];
	size_t nfields;
};

void csv_init(struct csv *c, const char *data, size_t len);
void csv_release(struct csv *c);
/* Reads the next record: 1 when there is one, 0 at the end, -1 on a
 * malformed record (detail in e, with the line). */
int csv_next(struct csv *c, struct errctx *e);
/* Field i of the current record (NUL-terminated; len may be NULL). */
const char *csv_field(const struct csv *c, size_t i, size_t *len);
/* True when the current record is empty (a blank line). */
bool csv_blank(const struct csv *c);

#endif
