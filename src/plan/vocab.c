/*
 * vocab.c: loading the embedded vocabulary tables (see vocab.h).
 *
 * File format, for all four: UTF-8 lines; '#' starts a comment line; blank
 * lines are ignored; fields are separated by tabs.
 */
#include "vocab.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/catalog.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/text.h"

#include "util/banned.h"

static struct vocab vocab;
static struct arena vocab_arena;
static bool vocab_ok;
static pthread_once_t vocab_once = PTHREAD_ONCE_INIT;

const char *syllable_key(struct arena *a, const char *s, size_t len)
{
	utf8proc_uint8_t *d = NULL;
	utf8proc_ssize_t n, i = 0;
	struct buf b;
	const char *r = NULL;
	char tones[64];
	size_t nt = 0;
	int tone = 0;

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &d,
			 UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0)
		return NULL;
	buf_init(&b, (size_t)n + 80);
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(d + i, n - i, &cp);

		if (k <= 0)
			break;
		i += k;
		switch (cp) {
		case 0x0300: tone = 1; continue; /* huyền */
		case 0x0301: tone = 2; continue; /* sắc */
		case 0x0303: tone = 3; continue; /* ngã */
		case 0x0309: tone = 4; continue; /* hỏi */
		case 0x0323: tone = 5; continue; /* nặng */
		default: break;
		}
		if (cp == ' ') {
			if (nt < sizeof(tones))
				tones[nt++] = (char)('0' + tone);
			tone = 0;
		}
		buf_append(&b, d + i - k, (size_t)k);
	}
	if (nt < sizeof(tones))
		tones[nt++] = (char)('0' + tone);
	buf_putc(&b, '|');
	buf_append(&b, tones, nt);
	free(d);
	r = arena_strndup(a, buf_str(&b), b.len);
	buf_release(&b);
	return r;
}

/* Calls fn for each data line of an embedded file, split at tabs. */
static bool each_line(const char *name, bool (*fn)(char **f, size_t nf))
{
	const struct embed_file *ef = embed_find(name);
	char *copy, *line, *next;
	bool ok = true;

	if (!ef)
		return false;
	copy = arena_strndup(&vocab_arena, (const char *)ef->data, ef->size);
	if (!copy)
		return false;
	for (line = copy; ok && line && *line; line = next) {
		char *f[4];
		size_t nf = 0;
		char *p = line;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		while (nf < 4) {
			char *tab = strchr(p, '\t');

			f[nf++] = p;
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		ok = fn(f, nf);
	}
	return ok;
}

static size_t cap_ind, cap_ag, cap_grp, cap_lex;

static bool grow(void **v, size_t n, size_t *cap, size_t size)
{
	void *nv;

	if (n < *cap)
		return true;
	*cap = *cap ? *cap * 2 : 128;
	nv = realloc(*v, *cap * size);
	if (!nv)
		return false;
	*v = nv;
	return true;
}

static bool add_ind(char **f, size_t nf)
{
	struct ind_phrase *x;
	long w;
	int ind;

	if (nf != 3)
		return false;
	ind = catalog_find(f[0]);
	w = strtol(f[1], NULL, 10);
	if (ind < 0 || w == 0 || !grow((void **)&vocab.ind, vocab.nind, &cap_ind, sizeof(*x)))
		return false;
	x = &vocab.ind[vocab.nind];
	x->ind = ind;
	x->weight = (int)w;
	if (!phrase_make(&vocab_arena, f[2], &x->p))
		return false;
	vocab.nind++;
	return true;
}

static bool add_ag(char **f, size_t nf)
{
	struct ag_phrase *x;

	if (nf != 2 || (agency_find(f[0]) < 0 && province_agency_find(f[0]) < 0 && strcmp(f[0], "all") != 0) ||
	    !grow((void **)&vocab.ag, vocab.nag, &cap_ag, sizeof(*x)))
		return false;
	x = &vocab.ag[vocab.nag];
	x->id = arena_strdup(&vocab_arena, f[0]);
	if (!x->id || !phrase_make(&vocab_arena, f[1], &x->p))
		return false;
	vocab.nag++;
	return true;
}

/* The breakdowns of a target and their categories (docs/plan-json.md): the
 * codes the store keeps, so a line of groups.txt with any other is a broken
 * table, refused at load rather than written into a plan. */
static const char *const group_codes[][3] = {
	{"ethnicity", "kinh", "minority"},
	{"area", "urban", "rural"},
	{"disability", "with", "without"},
};

/* The code as held in group_codes (static), or NULL when it is none. */
static const char *group_code(const char *breakdown, const char *category)
{
	size_t i, j;

	for (i = 0; i < sizeof(group_codes) / sizeof(group_codes[0]); i++) {
		if (strcmp(group_codes[i][0], breakdown) != 0)
			continue;
		if (!category)
			return group_codes[i][0];
		for (j = 1; j < 3; j++) {
			if (strcmp(group_codes[i][j], category) == 0)
				return group_codes[i][j];
		}
	}
	return NULL;
}

static bool add_grp(char **f, size_t nf)
{
	struct grp_phrase *x;
	bool none = nf == 3 && strcmp(f[1], "-") == 0;

	if (nf != 3 || !group_code(f[0], NULL) || (!none && !group_code(f[0], f[1])) ||
	    !grow((void **)&vocab.grp, vocab.ngrp, &cap_grp, sizeof(*x)))
		return false;
	x = &vocab.grp[vocab.ngrp];
	x->breakdown = group_code(f[0], NULL);
	x->category = none ? NULL : group_code(f[0], f[1]);
	if (!phrase_make(&vocab_arena, f[2], &x->p))
		return false;
	vocab.ngrp++;
	return true;
}

/* A lexicon line: a correct word or phrase; every pair of neighbouring
 * syllables of it is a correct pair.  A second field "key" marks a word
 * every plan writes (see lexicon.txt). */
static bool add_lex(char **f, size_t nf)
{
	const char *words[16];
	size_t lens[16], nw = 0, i;
	const char *p = f[0];
	bool key = nf > 1 && strcmp(f[1], "key") == 0;

	while (*p && nw < 16) {
		const char *sp;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		sp = strchr(p, ' ');
		words[nw] = p;
		lens[nw] = sp ? (size_t)(sp - p) : strlen(p);
		p += lens[nw];
		nw++;
	}
	for (i = 0; i + 1 < nw; i++) {
		struct lex_pair *x;
		size_t len = (size_t)(words[i + 1] + lens[i + 1] - words[i]);
		char *pair = arena_alloc(&vocab_arena, lens[i] + lens[i + 1] + 2);

		if (!pair || !grow((void **)&vocab.lex, vocab.nlex, &cap_lex, sizeof(*x)))
			return false;
		(void)len;
		memcpy(pair, words[i], lens[i]);
		pair[lens[i]] = ' ';
		memcpy(pair + lens[i] + 1, words[i + 1], lens[i + 1]);
		pair[lens[i] + lens[i + 1] + 1] = '\0';
		x = &vocab.lex[vocab.nlex];
		x->word = pair;
		x->word2 = nw == 2;
		x->common = key;
		x->fold = text_fold_arena(&vocab_arena, pair, strlen(pair));
		x->key = syllable_key(&vocab_arena, pair, strlen(pair));
		if (!x->fold || !x->key)
			return false;
		{
			const char *sp = strchr(x->fold, ' ');

			if (!sp)
				return false;
			x->f1 = arena_strndup(&vocab_arena, x->fold, (size_t)(sp - x->fold));
			x->f2 = sp + 1;
			if (!x->f1)
				return false;
		}
		vocab.nlex++;
	}
	return true;
}

static int cmp_lex(const void *a, const void *b)
{
	const struct lex_pair *x = a, *y = b;
	int c = strcmp(x->fold, y->fold);

	return c ? c : strcmp(x->key, y->key);
}

static int cmp_by1(const void *a, const void *b)
{
	return strcmp(vocab.lex[*(const size_t *)a].f1, vocab.lex[*(const size_t *)b].f1);
}

static int cmp_by2(const void *a, const void *b)
{
	return strcmp(vocab.lex[*(const size_t *)a].f2, vocab.lex[*(const size_t *)b].f2);
}

static void load(void)
{
	arena_init(&vocab_arena, 0);
	vocab_ok = each_line("data/plan/indicators.txt", add_ind) &&
		   each_line("data/plan/agencies.txt", add_ag) &&
		   each_line("data/plan/groups.txt", add_grp) &&
		   each_line("data/plan/lexicon.txt", add_lex);
	if (vocab_ok && vocab.nlex) {
		size_t i;

		qsort(vocab.lex, vocab.nlex, sizeof(*vocab.lex), cmp_lex);
		vocab.by1 = arena_alloc(&vocab_arena, vocab.nlex * sizeof(size_t));
		vocab.by2 = arena_alloc(&vocab_arena, vocab.nlex * sizeof(size_t));
		if (!vocab.by1 || !vocab.by2) {
			vocab_ok = false;
			return;
		}
		for (i = 0; i < vocab.nlex; i++)
			vocab.by1[i] = vocab.by2[i] = i;
		qsort(vocab.by1, vocab.nlex, sizeof(size_t), cmp_by1);
		qsort(vocab.by2, vocab.nlex, sizeof(size_t), cmp_by2);
	}
}

const size_t *lexicon_by_syllable(const struct vocab *v, int which, const char *fold, size_t *n)
{
	const size_t *idx = which == 1 ? v->by1 : v->by2;
	size_t lo = 0, hi = v->nlex, k;

	*n = 0;
	if (!idx)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct lex_pair *x = &v->lex[idx[mid]];

		if (strcmp(which == 1 ? x->f1 : x->f2, fold) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < v->nlex; k++) {
		const struct lex_pair *x = &v->lex[idx[k]];

		if (strcmp(which == 1 ? x->f1 : x->f2, fold) != 0)
			break;
		(*n)++;
	}
	return idx + lo;
}

const struct vocab *vocab_get(void)
{
	pthread_once(&vocab_once, load);
	return vocab_ok ? &vocab : NULL;
}

const struct lex_pair *lexicon_find(const struct vocab *v, const char *fold, size_t *n)
{
	size_t lo = 0, hi = v->nlex, k;

	*n = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(v->lex[mid].fold, fold) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < v->nlex && strcmp(v->lex[k].fold, fold) == 0; k++)
		(*n)++;
	return *n ? &v->lex[lo] : NULL;
}
