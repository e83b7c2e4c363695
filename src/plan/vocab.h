/*
 * vocab.h: the importer's vocabulary, read once from the files of data/plan/
 * embedded in the binary, never from code:
 *   indicators.txt  how plans word each indicator of the catalog, weighted;
 *   agencies.txt    the names plans give the agencies of a commune;
 *   groups.txt      the population groups a target may be restricted to
 *                   ("dân tộc thiểu số": ethnicity, minority);
 *   lexicon.txt     correct words of the administrative vocabulary, for
 *                   the typo lint.
 * The tables live until the process ends; vocab_get() is thread-safe.
 */
#ifndef GEMIS_PLAN_VOCAB_H
#define GEMIS_PLAN_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "pdoc.h"

struct ind_phrase {
	int ind; /* catalog index */
	int weight;
	struct phrase p;
};

struct ag_phrase {
	const char *id; /* agency id or "all" */
	struct phrase p;
};

/* A phrase naming a population group: its breakdown and category codes
 * (docs/plan-json.md), or category NULL for a phrase that only looks like
 * one ("nông thôn mới", "vùng dân tộc thiểu số"; see groups.txt). */
struct grp_phrase {
	const char *breakdown; /* "ethnicity", "area", "disability" */
	const char *category;  /* "minority", ...; NULL: no group */
	struct phrase p;
};

/* A pair of syllables of the lexicon ("phấn đấu"), by diacritic-free key. */
struct lex_pair {
	const char *fold; /* "phan dau" */
	const char *key;  /* tones apart: see syllable_key() */
	const char *word; /* "phấn đấu", lower case */
	const char *f1, *f2; /* folded syllables: "phan", "dau" */
	bool word2;          /* a word of two syllables on its own line, not two
			      * syllables inside a longer phrase ("sở giới") */
	bool common;         /* a word every plan writes ("phấn đấu"): a near
			      * miss of it is a slip however often repeated */
};

struct vocab {
	struct ind_phrase *ind;
	size_t nind;
	struct ag_phrase *ag;
	size_t nag;
	struct grp_phrase *grp;
	size_t ngrp;
	struct lex_pair *lex; /* sorted by fold, then key */
	size_t nlex;
	size_t *by1, *by2; /* indices into lex sorted by f1, by f2 */
};

/* The vocabulary, or NULL when the embedded data is missing or broken. */
const struct vocab *vocab_get(void);

/* The key of a lower-case syllable sequence with tone marks taken out and
 * the tones appended, so that the old and new placement of a tone ("hoá",
 * "hóa") give the same key and a wrong tone or vowel ("phân", "phấn") does
 * not.  Allocated from a; NULL on failure. */
const char *syllable_key(struct arena *a, const char *s, size_t len);

/* First lexicon pair with that fold, or NULL; *n gets how many share it. */
const struct lex_pair *lexicon_find(const struct vocab *v, const char *fold, size_t *n);

/* The pairs whose first (which = 1) or second (which = 2) syllable folds
 * to fold: a range of indices into v->lex, *n long. */
const size_t *lexicon_by_syllable(const struct vocab *v, int which, const char *fold, size_t *n);

#endif
