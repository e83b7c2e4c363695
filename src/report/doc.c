/*
 * doc.c: building a document's blocks (see doc.h).
 */
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

#include "util/banned.h"

const enum status chart_status[CHART_STATUSES] = {
	ST_ACHIEVED, ST_ON_TRACK, ST_AT_RISK, ST_OFF_TRACK, ST_INSUFFICIENT, ST_NOT_REPORTED, ST_NO_DATA,
};

static bool failed_flag(struct doc *d)
{
	/* a failed allocation is remembered by blocks == NULL with cap == (size_t)-1 */
	return d->cap == (size_t)-1;
}

void doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
	arena_init(&d->mem, 0);
}

void doc_release(struct doc *d)
{
	if (!failed_flag(d))
		free(d->blocks);
	arena_release(&d->mem);
	memset(d, 0, sizeof(*d));
}

bool doc_failed(const struct doc *d)
{
	return d->cap == (size_t)-1;
}

static void fail(struct doc *d)
{
	if (!failed_flag(d))
		free(d->blocks);
	d->blocks = NULL;
	d->n = 0;
	d->cap = (size_t)-1;
}

struct dblock *doc_add(struct doc *d, enum dblock_kind kind, int level, const char *text)
{
	struct dblock *b;

	if (failed_flag(d))
		return NULL;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct dblock *nb = realloc(d->blocks, cap * sizeof(*nb));

		if (!nb) {
			fail(d);
			return NULL;
		}
		d->blocks = nb;
		d->cap = cap;
	}
	b = &d->blocks[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->level = level;
	b->text = text ? arena_strdup(&d->mem, text) : NULL;
	if (text && !b->text) {
		fail(d);
		return NULL;
	}
	return b;
}

const char *doc_printf(struct doc *d, const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	const char *s = NULL;

	buf_init(&b, 1 << 20);
	va_start(ap, fmt);
	if (buf_vprintf(&b, fmt, ap) == GEMIS_OK)
		s = arena_strndup(&d->mem, buf_str(&b), b.len);
	va_end(ap);
	buf_release(&b);
	if (!s) {
		fail(d);
		return "";
	}
	return s;
}

struct dtable *doc_table(struct doc *d, size_t ncols, size_t nrows, size_t nhead,
			 const double *widths)
{
	struct dtable *t = arena_alloc(&d->mem, sizeof(*t));
	size_t i;

	if (!t || ncols == 0) {
		fail(d);
		return NULL;
	}
	t->ncols = ncols;
	t->nrows = nrows;
	t->nhead = nhead;
	t->widths = arena_alloc(&d->mem, ncols * sizeof(double));
	t->cells = arena_alloc(&d->mem, (nrows ? nrows : 1) * ncols * sizeof(struct dcell));
	if (!t->widths || !t->cells) {
		fail(d);
		return NULL;
	}
	for (i = 0; i < ncols; i++)
		t->widths[i] = widths ? widths[i] : 1.0 / (double)ncols;
	for (i = 0; i < nrows * ncols; i++) {
		t->cells[i].text = "";
		t->cells[i].status = -1;
	}
	return t;
}

void doc_cell(struct doc *d, struct dtable *t, size_t row, size_t col, const char *text,
	      unsigned flags, int status)
{
	struct dcell *c;

	if (!t || row >= t->nrows || col >= t->ncols)
		return;
	c = &t->cells[row * t->ncols + col];
	c->text = arena_strdup(&d->mem, text ? text : "");
	if (!c->text) {
		fail(d);
		c->text = "";
	}
	c->flags = flags;
	c->status = status;
}

unsigned status_rgb(enum status s)
{
	switch (s) {
	case ST_ACHIEVED: return 0x2E7D32;
	case ST_ON_TRACK: return 0x66BB6A;
	case ST_AT_RISK: return 0xF9A825;
	case ST_OFF_TRACK: return 0xC62828;
	case ST_INSUFFICIENT: return 0x90A4AE;
	case ST_NO_DATA: return 0xCFD8DC;
	case ST_NOT_REPORTED: return 0xFFF3E0;
	case ST_NO_TARGET: return 0xFFFFFF;
	}
	return 0xFFFFFF;
}

const char *status_short(enum status s)
{
	switch (s) {
	/* TRANSLATORS: a one-letter code for tables of units by indicators,
	 * like the other "status code:" messages (vi: Đ, T, N, C, K) */
	case ST_ACHIEVED: return _("status code: achieved");
	case ST_ON_TRACK: return _("status code: on track");
	case ST_AT_RISK: return _("status code: at risk");
	case ST_OFF_TRACK: return _("status code: off track");
	case ST_INSUFFICIENT: return _("status code: insufficient data");
	case ST_NOT_REPORTED: return _("status code: not reported");
	case ST_NO_DATA: return "–";
	case ST_NO_TARGET: return "";
	}
	return "";
}
