/*
 * doc.h: an administrative document as a list of blocks, laid out as
 * Decree 30/2020/NĐ-CP prescribes (Appendix I: the header block with the
 * issuing body and the national motto, number and date line, title, body,
 * "Nơi nhận" and the signature block), so that one description of the
 * yearly report renders to HTML, DOCX and PDF alike.  The renderers
 * (render_html.c, render_docx.c, render_pdf.c) walk the blocks; only the
 * renderers know about markup, zip parts or pages.
 *
 * All strings live in the document's arena; the text is already in the
 * document's language.
 */
#ifndef GEMIS_DOC_H
#define GEMIS_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/assess.h"
#include "core/catalog.h"
#include "util/arena.h"
#include "util/buf.h"

/* Page layout in millimetres: A4 and the decree's margins (top 20-25,
 * bottom 20-25, left 30-35, right 15-20). */
#define DOC_PAGE_W_MM 210.0
#define DOC_PAGE_H_MM 297.0
#define DOC_MARGIN_TOP_MM 20.0
#define DOC_MARGIN_BOTTOM_MM 20.0
#define DOC_MARGIN_LEFT_MM 30.0
#define DOC_MARGIN_RIGHT_MM 15.0
/* Body text 13-14 pt in Times New Roman (Liberation Serif has its metrics). */
#define DOC_FONT "Times New Roman"
#define DOC_FONT_PDF "Liberation Serif"
#define DOC_BODY_PT 13.0
#define DOC_TABLE_PT 11.0
#define DOC_SMALL_PT 8.0

enum dcell_flags {
	DC_BOLD = 1,
	DC_ITALIC = 2,
	DC_CENTER = 4,
	DC_RIGHT = 8,
	DC_HEAD = 16, /* a header cell: bold, shaded, repeated on new pages */
};

struct dcell {
	const char *text;
	unsigned flags;
	int status; /* enum status for a coloured cell, -1 for none */
};

struct dtable {
	size_t ncols, nrows, nhead; /* the first nhead rows are headers */
	double *widths;             /* fractions of the text width, summing to 1 */
	struct dcell *cells;        /* nrows * ncols */
	bool small;                 /* DOC_SMALL_PT instead of DOC_TABLE_PT */
};

/* A stacked bar chart of statuses by category (the six goals, the years
 * of a review), or an indicator's path: its value year by year against
 * the path the target requires and the target (a review, review.h). */
#define CHART_STATUSES 7
enum dchart_kind {
	CHART_BARS,
	CHART_PATH,
};
struct dchart {
	enum dchart_kind kind;
	double height;                       /* points; 0: the default */
	const char *title;
	size_t ncat;
	const char **cats;                   /* category labels */
	unsigned (*counts)[CHART_STATUSES];  /* [ncat][k], k in chart_status order */
	const char *legend[CHART_STATUSES];
	const char *axis;                    /* "number of indicators" */
	/* CHART_PATH: nyears years, a value (NaN: none) and the required
	 * path's value (NaN: none) each; the target (NaN: none) and its
	 * year; legend[0..2] name the value, the required path and the
	 * target, axis what follows a tick's number ("%", or NULL) */
	size_t nyears;
	const int *years;
	const double *values, *required;
	double target;
	int target_year;
};

/* The statuses a chart stacks, best first. */
extern const enum status chart_status[CHART_STATUSES];

enum dblock_kind {
	DB_HEADING,   /* level 1: "I. ..." bold capitals; level 2: "1. ..." bold */
	DB_PARA,      /* a body paragraph, justified, first line indented */
	DB_BULLET,    /* "- text" */
	DB_NOTE,      /* small italic paragraph (legends, notes) */
	DB_NOTICE,    /* a framed warning (demo data) */
	DB_TABLE,
	DB_CHART,
};

struct dblock {
	enum dblock_kind kind;
	int level;
	const char *text;
	struct dtable *table;
	struct dchart *chart;
};

struct doc {
	struct arena mem;
	const char *lang;          /* "vi" or "en" */
	/* header block, left: the superior body (may be NULL), the issuing
	 * body (lines separated by '\n'), the number */
	const char *issuer_top, *issuer, *number;
	/* right: the national motto in two lines, the place and date */
	const char *motto1, *motto2, *place_date;
	/* title: the kind of document and what it is about */
	const char *kind, *title;
	struct dblock *blocks;
	size_t n, cap;
	/* "Nơi nhận" and the signature block */
	const char *recipients_head;
	const char **recipients;
	size_t nrecipients;
	const char *sign_lines;    /* "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" */
	const char *sign_name;     /* may be NULL: left blank for the signer */
	/* metadata */
	const char *meta_title, *meta_subject;
	long long created;         /* Unix seconds; 0: no timestamp in the file */
};

void doc_init(struct doc *d);
void doc_release(struct doc *d);

/* Appends a block; returns it (NULL on allocation failure, recorded). */
struct dblock *doc_add(struct doc *d, enum dblock_kind kind, int level, const char *text);
/* A formatted string in the document's arena. */
const char *doc_printf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A new table in the arena with its cells NULL-text, status -1. */
struct dtable *doc_table(struct doc *d, size_t ncols, size_t nrows, size_t nhead,
			 const double *widths);
/* Sets a cell (text copied). */
void doc_cell(struct doc *d, struct dtable *t, size_t row, size_t col, const char *text,
	      unsigned flags, int status);
/* True when an allocation failed while building. */
bool doc_failed(const struct doc *d);

/* Status colours (fill, as 0xRRGGBB) and a short code for matrices. */
unsigned status_rgb(enum status s);
const char *status_short(enum status s);

/* The formats a document renders to. */
enum gemis_err doc_render_html(const struct doc *d, struct buf *out);
enum gemis_err doc_render_docx(const struct doc *d, const char *path, struct errctx *e);
enum gemis_err doc_render_pdf(const struct doc *d, const char *path, struct errctx *e);

/* Draws the chart with cairo in a w x h box (points), fonts in font. */
struct _cairo;
void chart_draw(struct _cairo *cr, const struct dchart *c, double x, double y, double w, double h,
		const char *font);
/* The range a CHART_PATH's axis spans: its values, required path and
 * target with a margin, from 0 when near it. */
void chart_path_range(const struct dchart *c, double *lo, double *hi);
/* The chart as a PNG image of w x h pixels at `scale` pixels a point
 * into out. */
enum gemis_err chart_png(const struct dchart *c, double w_pt, double h_pt, double scale,
			 struct buf *out);

#endif
