/*
 * values_csv.c: the CSV values importer (layout in values_csv.h).
 */
#include "values_csv.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "encoding.h"
#include "util/i18n.h"
#include "util/number.h"
#include "util/text.h"

#include "util/banned.h"

void value_rows_release(struct value_rows *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

enum gemis_err value_rows_push(struct value_rows *r, const struct value_row *row)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 1024;
		struct value_row *nv = realloc(r->v, cap * sizeof(*nv));

		if (!nv)
			return GEMIS_ENOMEM;
		r->v = nv;
		r->cap = cap;
	}
	r->v[r->n++] = *row;
	return GEMIS_OK;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
	}
	return true;
}

static void unknown_unit(struct diags *d, long line, const char *unit)
{
	if (d->scoped)
		diags_add(d, line, "unit", _("you may not write values of %s"), unit);
	else
		diags_add(d, line, "unit", _("unknown unit code '%s'"), unit);
}

bool values_parse_fields(const struct tree *t, const char *unit, const char *period,
			 const char *indicator, const char *part, const char *sex,
			 const char *value, long line, struct value_row *row, struct diags *d)
{
	static const char *const names[6] = {"unit", "period", "indicator", "part", "sex", "value"};
	const char *const fields[6] = {unit, period, indicator, part, sex, value};
	size_t before = d->total;
	int u = tree_find(t, unit), ind = catalog_find(indicator), p = -1, s = sex_parse(sex), k;
	enum number_problem np;
	period_t per;
	double v;

	memset(row, 0, sizeof(*row));
	row->line = line;
	/* a control character is refused, never cut or matched around */
	for (k = 0; k < 6; k++) {
		long at = text_control_at(fields[k], strlen(fields[k]));

		if (at >= 0)
			diags_add(d, line, names[k], _("holds a control character (code %u at byte %ld): remove it"),
				  (unsigned)(unsigned char)fields[k][at], at + 1);
	}
	if (d->total != before)
		return false;
	if (u < 0) {
		if (all_digits(unit) && strlen(unit) < 5) {
			char padded[8];
			size_t n = strlen(unit);

			memset(padded, '0', 5 - n);
			memcpy(padded + 5 - n, unit, n + 1);
			if (tree_find(t, padded) >= 0) {
				diags_add(d, line, "unit",
					  _("unknown unit code '%s' (did you mean %s? spreadsheets drop "
					    "leading zeros: format the column as text)"),
					  unit, padded);
			} else {
				unknown_unit(d, line, unit);
			}
		} else {
			unknown_unit(d, line, unit);
		}
	}
	if (!period_parse(period, strlen(period), &per))
		diags_add(d, line, "period",
			  _("'%s' is not a period: write a year (2026), a quarter (2026Q3) or a month "
			    "(2026-07)"),
			  period);
	if (ind < 0) {
		diags_add(d, line, "indicator", _("unknown indicator '%s' (see `gemis indicators`)"),
			  indicator);
	} else {
		p = part_parse(&catalog[ind], part);
		if (p < 0) {
			if (catalog[ind].kind == IND_RATIO)
				diags_add(d, line, "part",
					  _("unknown part '%s': %s takes num (numerator) and den "
					    "(denominator)"),
					  part, indicator);
			else
				diags_add(d, line, "part", _("unknown part '%s': %s takes value"), part,
					  indicator);
		}
		if (u >= 0 && !indicator_in_scope(t, &catalog[ind], u))
			diags_add(d, line, "unit", _("%s belongs to province %s: %s is outside it"), indicator,
				  catalog[ind].scope, unit);
		if (s >= 0 && !indicator_takes_sex(&catalog[ind], (enum sex)s))
			diags_add(d, line, "sex",
				  _("%s is reported as a total only: sex must be T, not %s"), indicator,
				  sex);
	}
	if (s < 0)
		diags_add(d, line, "sex", _("'%s' is not a sex: write F, M or T"), sex);
	np = number_parse(value, strlen(value), &v);
	if (np != NUMBER_OK) {
		char msg[sizeof(d->d[0].msg)];

		number_problem_text(np, value, strlen(value), msg, sizeof(msg));
		diags_add(d, line, "value", "%s", msg);
	} else if (ind >= 0 && catalog[ind].kind == IND_RATIO && v != floor(v)) {
		/* in words, not the part's code: a form shows this beside its box */
		if (p == PART_DEN)
			diags_add(d, line, "value",
				  _("'%s' is not a whole number: a denominator counts people or things "
				    "(write 1234, not 1.234)"),
				  value);
		else
			diags_add(d, line, "value",
				  _("'%s' is not a whole number: a numerator counts people or things "
				    "(write 1234, not 1.234)"),
				  value);
	}
	if (d->total != before)
		return false;
	row->unit = u;
	row->period = per;
	row->ind = ind;
	row->part = p;
	row->sex = s;
	row->value = v;
	return true;
}

static const char *const columns[6] = {"unit", "period", "indicator", "part", "sex", "value"};

/* Reads the header line into col (the field of each of the six columns);
 * its problems go to d (then *ok is false). */
static enum gemis_err read_header(struct csv *c, int col[6], bool *ok, struct diags *d, struct errctx *e)
{
	size_t i, k, before = d->total;
	int rc = csv_next(c, e);

	*ok = false;
	if (rc <= 0) {
		if (rc == 0)
			return err_set(e, GEMIS_EFORMAT, "%s", _("the file is empty"));
		return e && e->code == GEMIS_ENOMEM ? GEMIS_ENOMEM : GEMIS_EFORMAT;
	}
	for (k = 0; k < 6; k++)
		col[k] = -1;
	for (i = 0; i < c->nfields; i++) {
		char name[32];
		size_t flen;
		const char *f = csv_field(c, i, &flen);

		snprintf(name, sizeof(name), "%s", f);
		text_trim(name);
		for (k = 0; k < 6; k++) {
			if (strcmp(name, columns[k]) == 0 && flen == strlen(f))
				break;
		}
		if (k == 6) {
			diags_add(d, 1, "header", _("unknown column '%s' (expected %s)"), name,
				  "unit,period,indicator,part,sex,value");
		} else if (col[k] >= 0) {
			diags_add(d, 1, "header", _("column '%s' appears twice"), name);
		} else {
			col[k] = (int)i;
		}
	}
	for (k = 0; k < 6; k++) {
		if (col[k] < 0)
			diags_add(d, 1, "header", _("missing column '%s' (expected %s)"), columns[k],
				  "unit,period,indicator,part,sex,value");
	}
	*ok = d->total == before;
	return GEMIS_OK;
}

/* Reads the records left in c, handing each good row to fn. */
static enum gemis_err read_rows(struct csv *c, const int col[6], const struct tree *t, value_row_fn fn,
				void *ctx, struct diags *d, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	size_t k;
	int rc;

	while (!err) {
		struct value_row row;
		char *f[6];
		bool bad;

		rc = csv_next(c, e);
		if (rc == 0)
			break;
		if (rc < 0) {
			/* out of memory is not a bad file */
			return e && e->code == GEMIS_ENOMEM ? GEMIS_ENOMEM : GEMIS_EFORMAT;
		}
		if (csv_blank(c))
			continue;
		if (c->nfields != 6) {
			diags_add(d, c->line, "", _("%zu fields where 6 are expected"), c->nfields);
			continue;
		}
		for (k = 0, bad = false; k < 6; k++) {
			size_t flen;
			const char *nul;

			f[k] = (char *)csv_field(c, (size_t)col[k], &flen);
			/* a NUL would cut the field where C strings end */
			nul = memchr(f[k], '\0', flen);
			if (nul) {
				diags_add(d, c->line, columns[k],
					  _("holds a control character (code %u at byte %ld): remove it"), 0u,
					  (long)(nul - f[k]) + 1);
				bad = true;
			}
			text_trim(f[k]);
		}
		if (!bad && values_parse_fields(t, f[0], f[1], f[2], f[3], f[4], f[5], c->line, &row, d))
			err = fn(ctx, &row, e);
	}
	return err;
}

static enum gemis_err push_row(void *ctx, const struct value_row *row, struct errctx *e)
{
	(void)e;
	return value_rows_push(ctx, row);
}

static enum gemis_err parse_utf8(const char *data, size_t len, const struct tree *t, value_row_fn fn,
				 void *ctx, struct diags *d, struct errctx *e)
{
	struct csv c;
	int col[6];
	bool ok;
	enum gemis_err err;

	if (!text_valid_utf8(data, len))
		return err_set(e, GEMIS_EFORMAT, "%s", _("the file is not UTF-8 text"));
	csv_init(&c, data, len);
	err = read_header(&c, col, &ok, d, e);
	if (!err && ok)
		err = read_rows(&c, col, t, fn, ctx, d, e);
	csv_release(&c);
	return err;
}

/* The bytes as they came: UTF-16 is read as UTF-8, other encodings are
 * refused with how to save the file (encoding.h). */
static enum gemis_err parse_any(const char *data, size_t len, const struct tree *t, value_row_fn fn, void *ctx,
				struct diags *d, struct errctx *e)
{
	enum text_encoding enc;
	struct buf conv;
	enum gemis_err err;

	buf_init(&conv, len * 2 + 16);
	err = text_decode(data, len, &enc, &conv, e);
	if (!err)
		err = enc == TEXT_UTF8 ? parse_utf8(data, len, t, fn, ctx, d, e)
				       : parse_utf8(buf_str(&conv), conv.len, t, fn, ctx, d, e);
	buf_release(&conv);
	return err;
}

enum gemis_err values_csv_parse(const char *data, size_t len, const struct tree *t,
				struct value_rows *rows, struct diags *d, struct errctx *e)
{
	return parse_any(data, len, t, push_row, rows, d, e);
}

/* --- reading a file a block at a time ------------------------------------ */

#define BLOCK ((size_t)1 << 20)

/* The end of the last whole record of data[0..len): just after its last
 * newline outside quotes; 0 when there is none.  (A quote opens or closes
 * a quoted field; "" inside one does both, which leaves it open.  A stray
 * quote only moves the cut earlier, and the reader then reports it.) */
static size_t record_cut(const char *data, size_t len)
{
	size_t i, cut = 0;
	bool quoted = false;

	for (i = 0; i < len; i++) {
		if (data[i] == '"')
			quoted = !quoted;
		else if (data[i] == '\n' && !quoted)
			cut = i + 1;
	}
	return cut;
}

struct block_reader {
	FILE *f;
	char *data;
	size_t len, cap;
	bool eof;
};

/* Tops the block up to its capacity after keeping data[keep..len). */
static enum gemis_err block_fill(struct block_reader *b, size_t keep, const char *path, struct errctx *e)
{
	size_t n;

	memmove(b->data, b->data + keep, b->len - keep);
	b->len -= keep;
	while (!b->eof && b->len < b->cap) {
		n = fread(b->data + b->len, 1, b->cap - b->len, b->f);
		b->len += n;
		if (n == 0) {
			if (ferror(b->f))
				return err_set_at(e, GEMIS_EIO, path, "read error");
			b->eof = true;
		}
	}
	return GEMIS_OK;
}

/* The whole file, for what cannot be read in blocks: UTF-16, which is
 * converted whole, and bytes that are not UTF-8 in the first block (the
 * refusal names their line). */
static enum gemis_err read_whole(const char *path, const struct tree *t, value_row_fn fn, void *ctx,
				 struct diags *d, struct errctx *e)
{
	struct buf file;
	enum gemis_err err;

	buf_init(&file, (size_t)512 << 20);
	err = buf_read_file(&file, path, e);
	if (!err)
		err = parse_any(buf_str(&file), file.len, t, fn, ctx, d, e);
	buf_release(&file);
	return err;
}

/* Parses the blocks after the first one's header; c holds the state. */
static enum gemis_err read_blocks(struct block_reader *b, struct csv *c, const int col[6], size_t cut,
				  const char *path, const struct tree *t, value_row_fn fn, void *ctx,
				  struct diags *d, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;

	for (;;) {
		err = read_rows(c, col, t, fn, ctx, d, e);
		if (err || (b->eof && cut == b->len))
			return err;
		err = block_fill(b, cut, path, e);
		if (err || b->len == 0)
			return err;
		cut = b->eof ? b->len : record_cut(b->data, b->len);
		/* no record ends in a full block: the reader finds what is
		 * wrong (a record too long, a stray quote) */
		if (cut == 0)
			cut = b->len;
		err = text_check_utf8(b->data, cut, c->next_line, e);
		if (err)
			return err;
		c->p = b->data;
		c->end = b->data + cut;
	}
}

enum gemis_err values_csv_read(const char *path, const struct tree *t, value_row_fn fn, void *ctx,
			       struct diags *d, struct errctx *e)
{
	struct block_reader b = {0};
	const unsigned char *u;
	struct csv c;
	int col[6];
	size_t cut;
	bool ok;
	enum gemis_err err;

	b.f = fopen(path, "rb");
	if (!b.f)
		return err_set_at(e, GEMIS_EIO, path, "%s", strerror(errno));
	b.cap = BLOCK;
	b.data = malloc(b.cap);
	if (!b.data) {
		fclose(b.f);
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	}
	err = block_fill(&b, 0, path, e);
	u = (const unsigned char *)b.data;
	cut = b.eof ? b.len : record_cut(b.data, b.len);
	if (cut == 0)
		cut = b.len;
	if (!err && ((b.len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) ||
		     !text_valid_utf8(b.data, cut) || memchr(b.data, '\0', cut))) {
		fclose(b.f);
		free(b.data);
		return read_whole(path, t, fn, ctx, d, e);
	}
	if (!err) {
		csv_init(&c, b.data, cut);
		err = read_header(&c, col, &ok, d, e);
		if (!err && ok)
			err = read_blocks(&b, &c, col, cut, path, t, fn, ctx, d, e);
		csv_release(&c);
	}
	fclose(b.f);
	free(b.data);
	return err;
}
