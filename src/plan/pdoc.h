/*
 * pdoc.h: a plan document as lines, paragraphs and tokens.
 *
 * The importer's first stage.  Text arrives in UTF-8 (NFC or NFD, LF, CRLF
 * or CR) with the damage of a PDF-to-text step: lines broken inside
 * sentences, blank lines inside paragraphs, page numbers on lines of their
 * own, markdown bold and italic markers.  pdoc_build() turns it into
 *   - lines: NFC, markers and page numbers removed, spaces collapsed, each
 *     with its line number in the input (blank lines are dropped);
 *   - paragraphs: lines joined back where a sentence runs on (the previous
 *     line ends without a full stop, colon or semicolon and either the next
 *     line starts in lower case or the previous line is as long as the
 *     document's full lines), each with its numbering marker ("I.", "2.1.",
 *     "a)", "-") split off;
 *   - tokens of each paragraph: words (with a diacritic-insensitive key),
 *     numbers (decimal comma, thousands dot: "50,15" is 50.15, "100.000"
 *     is 100000) and punctuation.
 * Everything lives in the document's arena; sizes are bounded by the input.
 */
#ifndef GEMIS_PLAN_PDOC_H
#define GEMIS_PLAN_PDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

enum tok_kind {
	TK_WORD,
	TK_NUM,
	TK_PUNCT,
};

struct tok {
	unsigned char kind;
	bool upper;    /* a word starting with an upper-case letter */
	bool caps;     /* a word in upper case only */
	const char *s; /* in the paragraph's text */
	size_t len;
	const char *f; /* folded key: "phan dau" style for words, digits for numbers, the char for punctuation */
	double v;      /* numbers */
	bool plain;    /* a number written with digits only ("2030", "04") */
};

enum mark {
	MK_NONE,
	MK_ROMAN,  /* I. II. */
	MK_ARABIC, /* 1. 2.1. 1) */
	MK_LETTER, /* a) đ) */
	MK_DASH,   /* - + • */
};

#define PARA_DEPTH 4

struct para {
	long line;      /* input line of its first line */
	long last_line; /* input line of its last line */
	enum mark mark;
	int num[PARA_DEPTH]; /* roman or arabic numbers, letter index (a = 1) */
	int depth;           /* how many of num are set */
	const char *mtext;   /* the marker as written ("2.7."), "" when none */
	const char *text;    /* after the marker */
	size_t len;
	struct tok *t;
	size_t nt;
	bool caps; /* written in capitals (a heading) */
	int section; /* set by the structure stage */
	bool heading; /* a section or goal heading (holds no targets) */
	bool goal_heading; /* heads a goal (and may state targets after body) */
	size_t body;  /* first token of the text after a heading's label, 0 none */
	int goal;    /* goal number (1..) the paragraph stands under, 0 none */
	size_t ghead; /* index + 1 of the heading of that goal, 0 none */
	int goal_kind; /* enum goal, -1 none */
	bool general; /* under "Mục tiêu chung": the general objective, prose */
};

struct pline {
	long no;
	const char *s;
	size_t len;
};

struct pdoc {
	struct arena a;
	struct pline *lines;
	size_t nlines;
	struct para *p;
	size_t np;
};

/* Limits that keep a hostile document cheap. */
#define PDOC_MAX_BYTES ((size_t)16 << 20)
#define PDOC_MAX_PARA_BYTES ((size_t)64 << 10)

/* True when a line starts with a name that never opens a paragraph of its
 * own after a full line that has not ended its sentence (an agency, an
 * authority: a PDF wraps lines wherever the width ends, often before a
 * name).  The importer's vocabulary knows the names (duties.c). */
typedef bool (*pdoc_line_fn)(struct arena *a, const char *s, size_t len);

/* Builds d from text[0..len).  GEMIS_EFORMAT when the text is not UTF-8,
 * GEMIS_ELIMIT past PDOC_MAX_BYTES.  names_first may be NULL.
 * pdoc_release() frees it, also after a failure. */
enum gemis_err pdoc_build(struct pdoc *d, const char *text, size_t len, pdoc_line_fn names_first,
			  struct errctx *e);
void pdoc_release(struct pdoc *d);

/* Position of a list letter in the Vietnamese order (a = 1, b = 2, ... đ =
 * 5, e = 6, g = 7 ...), 0 when s[0..k) is not one. */
int pdoc_letter_index(const char *s, size_t k);

/* Splits s[0..len) into tokens allocated from a. */
enum gemis_err pdoc_tokenize(struct arena *a, const char *s, size_t len, struct tok **out,
			     size_t *n);

/* A phrase as folded words. */
struct phrase {
	const char **w;
	int n;
};

/* Folds and splits s into p (words from a).  False when empty or on failure. */
bool phrase_make(struct arena *a, const char *s, struct phrase *p);

/* Position (token index) of the first occurrence of p in t[from..to), words
 * and numbers compared in order and punctuation skipped; -1 when absent.
 * *end gets the index after the match. */
long phrase_find(const struct tok *t, size_t from, size_t to, const struct phrase *p, size_t *end);

/* Reads a year (1900-2100) that token t holds. */
bool tok_year(const struct tok *t, int *year);
/* The last year written in t[a..b), 0 when none (a table's column head). */
int tokens_year(const struct tok *t, size_t a, size_t b);

/* True when the word token t has folded key w. */
bool tok_is(const struct tok *t, const char *w);

/* True when the word token t is spelt w (lower case, NFC, with its marks),
 * whatever its case: "giảm" but not "giám", "còn" but not "con".  For words
 * whose folded keys collide. */
bool tok_spelt(const struct tok *t, const char *w);

/* Index of the next word or number token at or after i (skipping
 * punctuation), or to when none before to. */
size_t tok_next_word(const struct tok *t, size_t i, size_t to);

/* A table row as the text extractors write it ("cell | cell | ..."): the
 * token ranges [from[i], to[i]) of its cells, at most max; returns how
 * many (1 for a paragraph that is no table row). */
size_t para_cells(const struct para *p, size_t *from, size_t *to, size_t max);

#endif
