/*
 * xlsx.c: reading the cells of an XLSX workbook (see xlsx.h).
 */
#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "xml.h"

#include "util/banned.h"

#define PART_MAX ((size_t)64 << 20)
#define TOTAL_MAX ((size_t)256 << 20)
#define CELLS_MAX 2000000
#define ROWS_MAX 1048576u
#define COLS_MAX 16384u
#define DEPTH_MAX 64
#define TEXT_MAX ((size_t)1 << 20)

void xlsx_col_name(uint32_t col, char *out, size_t n)
{
	char tmp[8];
	size_t k = 0, i;

	while (col > 0 && k < sizeof(tmp)) {
		col--;
		tmp[k++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (i = 0; i < k && i + 1 < n; i++)
		out[i] = tmp[k - 1 - i];
	out[i < n ? i : n - 1] = '\0';
}

void xlsx_release(struct xlsx_book *b)
{
	size_t i;

	for (i = 0; i < b->nsheets; i++)
		free(b->sheets[i].cells);
	free(b->sheets);
	arena_release(&b->mem);
	memset(b, 0, sizeof(*b));
}

/* ---- zip parts ---------------------------------------------------------- */

struct reader {
	zip_t *z;
	size_t total;
	struct errctx *e;
};

/* Reads a part; *found false when the archive has none of that name. */
static enum gemis_err read_part(struct reader *r, const char *name, struct buf *out, bool *found)
{
	zip_int64_t idx;
	zip_file_t *f;
	char chunk[16384];
	zip_int64_t n;
	enum gemis_err err = GEMIS_OK;

	while (*name == '/')
		name++;
	*found = false;
	idx = zip_name_locate(r->z, name, 0);
	if (idx < 0)
		return GEMIS_OK;
	*found = true;
	f = zip_fopen_index(r->z, (zip_uint64_t)idx, 0);
	if (!f)
		return err_set(r->e, GEMIS_EFORMAT, "%s: %s", name, zip_strerror(r->z));
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		r->total += (size_t)n;
		if (r->total > TOTAL_MAX || buf_append(out, chunk, (size_t)n)) {
			err = err_set(r->e, GEMIS_ELIMIT, "%s: %s", name,
				      _("the workbook is too large once uncompressed"));
			break;
		}
	}
	if (!err && n < 0)
		err = err_set(r->e, GEMIS_EFORMAT, "%s: %s", name, zip_file_strerror(f));
	zip_fclose(f);
	return err;
}

/* ---- XML parts ---------------------------------------------------------- */

struct rel {
	const char *id, *target;
};

enum part_kind { P_WORKBOOK, P_RELS, P_STRINGS, P_SHEET };

struct px {
	struct xml_guard g; /* first: see xml.h */
	enum part_kind kind;
	struct xlsx_book *b;
	int depth;
	enum gemis_err err;
	struct errctx *e;
	/* workbook */
	struct xlsx_sheet *sheets;
	const char **sheet_rid;
	size_t nsheets, capsheets, caprid;
	/* rels */
	struct rel *rels;
	size_t nrels, caprels;
	/* shared strings */
	const char **strings;
	size_t nstrings, capstrings;
	bool in_si, in_rph;
	/* text being collected: <t> of a string, <v> or <is><t> of a cell */
	struct buf text;
	bool collecting;
	/* sheet */
	struct xlsx_sheet *sheet;
	size_t capcells;
	uint32_t row, col;
	bool in_cell, in_is;
	char ctype[16];
	bool has_value;
};

static void fail(struct px *x, enum gemis_err err)
{
	if (!x->err)
		x->err = err;
	XML_StopParser(x->g.p, XML_FALSE);
}

/* Makes room for element n of the array p (capacity cap); on failure
 * stops the parser and returns from the handler, p left as it was. */
#define GROW(x, p, cap, n)                                                     \
	do {                                                                   \
		if ((n) >= (cap)) {                                            \
			size_t nc_ = (cap) ? (cap) * 2 : 16;                   \
			void *np_ = realloc((p), nc_ * sizeof(*(p)));          \
			if (!np_) {                                            \
				fail((x), GEMIS_ENOMEM);                       \
				return;                                        \
			}                                                      \
			(p) = np_;                                             \
			(cap) = nc_;                                           \
		}                                                              \
	} while (0)

/* "B12" -> column 2, row 12; false when it is not a cell reference. */
static bool parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
	uint32_t c = 0, r = 0;

	if (!(*s >= 'A' && *s <= 'Z'))
		return false;
	while (*s >= 'A' && *s <= 'Z') {
		c = c * 26 + (uint32_t)(*s - 'A' + 1);
		if (c > COLS_MAX)
			return false;
		s++;
	}
	if (!(*s >= '1' && *s <= '9'))
		return false;
	while (*s >= '0' && *s <= '9') {
		r = r * 10 + (uint32_t)(*s - '0');
		if (r > ROWS_MAX)
			return false;
		s++;
	}
	if (*s)
		return false;
	*row = r;
	*col = c;
	return true;
}

static void start_text(struct px *x)
{
	x->collecting = true;
	buf_reset(&x->text);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct px *x = ud;

	if (x->collecting && buf_append(&x->text, s, (size_t)len))
		fail(x, GEMIS_ELIMIT);
}

static void start_cell(struct px *x, const char **atts)
{
	const char *r = xml_attr(atts, "r"), *t = xml_attr(atts, "t");
	uint32_t row, col;

	if (r && parse_ref(r, &row, &col)) {
		x->row = row;
		x->col = col;
	} else {
		if (x->col >= COLS_MAX) {
			fail(x, GEMIS_ELIMIT);
			return;
		}
		x->col++;
		if (x->row == 0)
			x->row = 1;
	}
	snprintf(x->ctype, sizeof(x->ctype), "%s", t ? t : "n");
	x->in_cell = true;
	x->has_value = false;
	buf_reset(&x->text);
}

static void end_cell(struct px *x)
{
	struct xlsx_sheet *s = x->sheet;
	struct xlsx_cell *c;
	const char *text = buf_str(&x->text);

	x->in_cell = false;
	if (!x->has_value)
		return;
	if (s->ncells >= CELLS_MAX) {
		fail(x, GEMIS_ELIMIT);
		return;
	}
	GROW(x, s->cells, x->capcells, s->ncells);
	c = &s->cells[s->ncells];
	c->row = x->row;
	c->col = x->col;
	c->number = strcmp(x->ctype, "n") == 0;
	if (strcmp(x->ctype, "s") == 0) {
		char *end;
		unsigned long i = strtoul(text, &end, 10);

		/* a reference to a string that does not exist is an empty cell */
		c->text = *text && !*end && i < x->nstrings ? x->strings[i] : "";
	} else {
		c->text = arena_strndup(&x->b->mem, text, x->text.len);
	}
	if (!c->text) {
		fail(x, GEMIS_ENOMEM);
		return;
	}
	s->ncells++;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct px *x = ud;
	const char *n = xml_local(name);

	if (++x->depth > DEPTH_MAX) {
		fail(x, GEMIS_ELIMIT);
		return;
	}
	switch (x->kind) {
	case P_WORKBOOK:
		if (strcmp(n, "sheet") == 0) {
			const char *sn = xml_attr(atts, "name"), *st = xml_attr(atts, "state"), *id = xml_attr(atts, "id");

			GROW(x, x->sheets, x->capsheets, x->nsheets);
			GROW(x, x->sheet_rid, x->caprid, x->nsheets);
			memset(&x->sheets[x->nsheets], 0, sizeof(x->sheets[0]));
			x->sheets[x->nsheets].name = arena_strdup(&x->b->mem, sn ? sn : "");
			x->sheets[x->nsheets].hidden = st && strcmp(st, "visible") != 0;
			x->sheet_rid[x->nsheets] = arena_strdup(&x->b->mem, id ? id : "");
			if (!x->sheets[x->nsheets].name || !x->sheet_rid[x->nsheets]) {
				fail(x, GEMIS_ENOMEM);
				return;
			}
			x->nsheets++;
		}
		break;
	case P_RELS:
		if (strcmp(n, "Relationship") == 0) {
			const char *id = xml_attr(atts, "Id"), *tg = xml_attr(atts, "Target");

			if (!id || !tg)
				break;
			GROW(x, x->rels, x->caprels, x->nrels);
			x->rels[x->nrels].id = arena_strdup(&x->b->mem, id);
			x->rels[x->nrels].target = arena_strdup(&x->b->mem, tg);
			if (!x->rels[x->nrels].id || !x->rels[x->nrels].target) {
				fail(x, GEMIS_ENOMEM);
				return;
			}
			x->nrels++;
		}
		break;
	case P_STRINGS:
		if (strcmp(n, "si") == 0) {
			x->in_si = true;
			start_text(x);
			x->collecting = false;
		} else if (strcmp(n, "rPh") == 0) {
			x->in_rph = true;
		} else if (strcmp(n, "t") == 0 && x->in_si && !x->in_rph) {
			x->collecting = true;
		}
		break;
	case P_SHEET:
		if (strcmp(n, "row") == 0) {
			const char *r = xml_attr(atts, "r");
			char *end;
			unsigned long v = r ? strtoul(r, &end, 10) : 0;

			x->row = r && *r && !*end && v >= 1 && v <= ROWS_MAX ? (uint32_t)v : x->row + 1;
			if (x->row > ROWS_MAX)
				fail(x, GEMIS_ELIMIT);
			x->col = 0;
		} else if (strcmp(n, "c") == 0) {
			start_cell(x, atts);
		} else if (x->in_cell && strcmp(n, "v") == 0) {
			x->has_value = true;
			x->collecting = true;
		} else if (x->in_cell && strcmp(n, "is") == 0) {
			x->in_is = true;
			x->has_value = true;
		} else if (x->in_is && strcmp(n, "rPh") == 0) {
			x->in_rph = true;
		} else if (x->in_is && !x->in_rph && strcmp(n, "t") == 0) {
			x->collecting = true;
		}
		break;
	}
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct px *x = ud;
	const char *n = xml_local(name);

	x->depth--;
	switch (x->kind) {
	case P_STRINGS:
		if (strcmp(n, "t") == 0) {
			x->collecting = false;
		} else if (strcmp(n, "rPh") == 0) {
			x->in_rph = false;
		} else if (strcmp(n, "si") == 0 && x->in_si) {
			x->in_si = false;
			GROW(x, x->strings, x->capstrings, x->nstrings);
			x->strings[x->nstrings] = arena_strndup(&x->b->mem, buf_str(&x->text), x->text.len);
			if (!x->strings[x->nstrings]) {
				fail(x, GEMIS_ENOMEM);
				return;
			}
			x->nstrings++;
		}
		break;
	case P_SHEET:
		if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0) {
			x->collecting = false;
		} else if (strcmp(n, "rPh") == 0) {
			x->in_rph = false;
		} else if (strcmp(n, "is") == 0) {
			x->in_is = false;
		} else if (strcmp(n, "c") == 0 && x->in_cell) {
			end_cell(x);
		}
		break;
	default:
		break;
	}
}

static enum gemis_err parse_xml(struct px *x, enum part_kind kind, const char *name,
				const struct buf *data)
{
	XML_Parser p;
	enum XML_Status st;
	enum gemis_err err = GEMIS_OK;

	x->kind = kind;
	x->depth = 0;
	x->collecting = false;
	x->in_si = x->in_rph = x->in_cell = x->in_is = false;
	p = xml_parser_new(&x->g);
	if (!p)
		return GEMIS_ENOMEM;
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	st = XML_Parse(p, data->p ? data->p : "", (int)data->len, XML_TRUE);
	if (x->g.refused)
		err = err_set(x->e, GEMIS_EFORMAT, "%s: %s", name,
			      _("the file declares entities in a DOCTYPE; gemis does not read such XML"));
	else if (x->err == GEMIS_ELIMIT)
		err = err_set(x->e, GEMIS_ELIMIT, "%s: %s", name, _("the workbook exceeds gemis's limits"));
	else if (x->err)
		err = x->err;
	else if (st == XML_STATUS_ERROR)
		err = err_set(x->e, GEMIS_EFORMAT, "%s: line %lu: %s", name, XML_GetCurrentLineNumber(p),
			      XML_ErrorString(XML_GetErrorCode(p)));
	XML_ParserFree(p);
	x->err = GEMIS_OK;
	return err;
}

static const char *resolve_target(struct xlsx_book *b, const char *target)
{
	if (target[0] == '/')
		return target + 1;
	return arena_printf(&b->mem, "xl/%s", target);
}

enum gemis_err xlsx_read(const void *data, size_t len, struct xlsx_book *b, struct errctx *e)
{
	struct reader r = {NULL, 0, e};
	struct px x;
	zip_error_t zerr;
	zip_source_t *src = NULL;
	struct buf part;
	enum gemis_err err = GEMIS_OK;
	bool found;
	size_t i, k;

	memset(b, 0, sizeof(*b));
	memset(&x, 0, sizeof(x));
	arena_init(&b->mem, 0);
	x.b = b;
	x.e = e;
	buf_init(&x.text, TEXT_MAX);
	buf_init(&part, PART_MAX);
	zip_error_init(&zerr);
	if (len < 4 || memcmp(data, "PK\x03\x04", 4) != 0) {
		err = err_set(e, GEMIS_EFORMAT, "%s", _("not an XLSX workbook (not a zip archive)"));
		goto out;
	}
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	r.z = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!r.z) {
		err = err_set(e, GEMIS_EFORMAT, "%s: %s", _("not an XLSX workbook"), zip_error_strerror(&zerr));
		zip_source_free(src);
		goto out;
	}
	err = read_part(&r, "xl/workbook.xml", &part, &found);
	if (!err && !found)
		err = err_set(e, GEMIS_EFORMAT, "%s", _("not an XLSX workbook (no xl/workbook.xml)"));
	if (!err)
		err = parse_xml(&x, P_WORKBOOK, "xl/workbook.xml", &part);
	buf_reset(&part);
	if (!err)
		err = read_part(&r, "xl/_rels/workbook.xml.rels", &part, &found);
	if (!err && found)
		err = parse_xml(&x, P_RELS, "xl/_rels/workbook.xml.rels", &part);
	buf_reset(&part);
	if (!err)
		err = read_part(&r, "xl/sharedStrings.xml", &part, &found);
	if (!err && found)
		err = parse_xml(&x, P_STRINGS, "xl/sharedStrings.xml", &part);
	b->sheets = x.sheets;
	b->nsheets = x.nsheets;
	x.sheets = NULL;
	for (i = 0; !err && i < b->nsheets; i++) {
		const char *target = NULL, *name;

		for (k = 0; k < x.nrels; k++) {
			if (x.sheet_rid[i] && strcmp(x.rels[k].id, x.sheet_rid[i]) == 0)
				target = x.rels[k].target;
		}
		if (!target)
			continue; /* a sheet without a part: nothing to read */
		name = resolve_target(b, target);
		if (!name) {
			err = GEMIS_ENOMEM;
			break;
		}
		buf_reset(&part);
		err = read_part(&r, name, &part, &found);
		if (err || !found)
			continue;
		x.sheet = &b->sheets[i];
		x.capcells = 0;
		x.row = x.col = 0;
		err = parse_xml(&x, P_SHEET, name, &part);
	}
out:
	if (r.z)
		zip_discard(r.z);
	zip_error_fini(&zerr);
	free(x.sheets);
	free(x.sheet_rid);
	free(x.rels);
	free(x.strings);
	buf_release(&x.text);
	buf_release(&part);
	return err;
}
