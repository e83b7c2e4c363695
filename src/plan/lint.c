/*
 * lint.c: what a careful reviewer would raise before the plan is signed.
 *
 *	numbering_gap         a section number skipped (6 then 8; 2.7 then 9; c) then e))
 *	no_deadline           no reporting deadline
 *	no_measurable_target  no target with a value
 *	weaker_than_national  a target less ambitious than the national 2030 one
 *	unassigned_indicator  a target no agency answers for, in a plan that assigns
 *	duplicate_target      the same indicator twice for the same year and the
 *	                      same population (a target for minority children
 *	                      beside one for all children is no duplicate)
 *	typo                  a misspelt pair of syllables of the lexicon
 *	                      (data/plan/lexicon.txt): the same letters with
 *	                      other marks ("Phân đầu" for "phấn đấu"), or one
 *	                      letter missing or extra in one syllable while the
 *	                      other is right ("gia đoạn" for "giai đoạn").  A pair
 *	                      that is itself in the lexicon, or whose neighbour
 *	                      pair is ("có quan hệ"), is not a typo.
 * Messages are in the current language (_()) and name indicators by their
 * names in it; the finding's code and the indicator's id are kept beside
 * them for machines (plan_json(): "code", "indicator").
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "plan.h"
#include "plan_int.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/i18n.h"

#include "util/banned.h"

const char *plan_lint_title(const char *code)
{
	static const struct {
		const char *code, *title;
	} titles[] = {
		{"numbering_gap", N_("numbering skips a number")},
		{"no_deadline", N_("no reporting deadline")},
		{"no_measurable_target", N_("no target that can be measured")},
		{"weaker_than_national", N_("weaker than the national target")},
		{"unassigned_indicator", N_("no agency answers for it")},
		{"duplicate_target", N_("the same target twice")},
		{"typo", N_("possible typing error")},
		{"task_without_agency", N_("a task without an agency to carry it out")},
		{"task_without_timeframe", N_("a task without a time")},
	};
	size_t i;

	for (i = 0; code && i < sizeof(titles) / sizeof(titles[0]); i++) {
		if (strcmp(titles[i].code, code) == 0)
			return _(titles[i].title);
	}
	return NULL;
}

void plan_add_lint(struct pdoc *d, struct presult *r, const char *code, long line, const char *fmt, ...)
{
	struct plint *x;
	char msg[512];
	va_list ap;

	if (r->nlint >= PLAN_MAX_LINT)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	x = &r->lint[r->nlint];
	x->code = code;
	x->ind = -1;
	x->line = line;
	x->msg = arena_strdup(&d->a, msg);
	if (x->msg)
		r->nlint++;
}

/* The last finding added is about the indicator ind (catalog index). */
static void lint_about(struct presult *r, int ind)
{
	if (r->nlint > 0)
		r->lint[r->nlint - 1].ind = ind;
}

/* The indicator's name in the current language. */
static const char *ind_name(const struct indicator *ind)
{
	return indicator_name(ind, i18n_lang());
}

static void number_text(char *out, size_t sz, const struct para *p)
{
	size_t used = 0;
	int i;

	out[0] = '\0';
	if (p->mark == MK_ARABIC) {
		for (i = 0; i < p->depth && used + 8 < sz; i++)
			used += (size_t)snprintf(out + used, sz - used, i ? ".%d" : "%d", p->num[i]);
	} else {
		snprintf(out, sz, "%s", p->mtext);
		used = strlen(out);
		while (used > 0 && (out[used - 1] == '.' || out[used - 1] == ')'))
			out[--used] = '\0';
	}
}

static void numbering(struct pdoc *d, struct presult *r)
{
	const struct para *prev = NULL, *prev_letter = NULL, *prev_roman = NULL;
	size_t i;
	int k;

	for (i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		char a[32], b[32];
		bool gap = false;

		if (p->section == SEC_CLOSING)
			break;
		if (p->mark == MK_ROMAN) {
			if (prev_roman && p->num[0] > prev_roman->num[0] + 1)
				gap = true, prev = prev_roman;
			else
				prev = NULL;
			if (gap) {
				number_text(a, sizeof(a), prev);
				number_text(b, sizeof(b), p);
				plan_add_lint(d, r, "numbering_gap", p->line,
					      _("Section %s is followed by section %s"), a, b);
			}
			prev_roman = p;
			prev = NULL;
			prev_letter = NULL;
			continue;
		}
		if (p->mark == MK_ARABIC) {
			if (prev) {
				int n = p->depth, m = prev->depth;
				bool same = true;

				for (k = 0; k < n - 1 && k < m; k++)
					same &= p->num[k] == prev->num[k];
				if (n <= m && same && p->num[n - 1] > prev->num[n - 1] + 1)
					gap = true;
				if (n == m + 1 && same && p->num[n - 1] > 1)
					gap = true;
			} else if (p->depth == 1 && p->num[0] > 1 && p->section != SEC_PREAMBLE) {
				gap = false; /* a list that starts high is not a gap we can prove */
			}
			if (gap) {
				number_text(a, sizeof(a), prev);
				number_text(b, sizeof(b), p);
				plan_add_lint(d, r, "numbering_gap", p->line,
					      _("Section %s is followed by section %s"), a, b);
			}
			prev = p;
			prev_letter = NULL;
			continue;
		}
		if (p->mark == MK_LETTER) {
			/* đ is often left out: c) d) e) */
			if (prev_letter && p->num[0] > prev_letter->num[0] + 1 &&
			    !(prev_letter->num[0] == 4 && p->num[0] == 6)) {
				number_text(a, sizeof(a), prev_letter);
				number_text(b, sizeof(b), p);
				plan_add_lint(d, r, "numbering_gap", p->line,
					      _("Item %s) is followed by item %s)"), a, b);
			}
			prev_letter = p;
		}
	}
}

/* s cut to at most max bytes at a character boundary, with "…" when cut. */
static const char *quote(struct arena *a, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return s;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return arena_printf(a, "%.*s…", (int)max, s);
}

static void fmt_value(char *out, size_t sz, double v, const char *unit)
{
	snprintf(out, sz, "%.4g%s", v, unit && strcmp(unit, "%") == 0 ? "%" : "");
}

/* Targets for the same population: the same breakdown and category (the
 * vocabulary's static strings), or none on both. */
static bool same_group(const struct ptarget *x, const struct ptarget *y)
{
	return x->breakdown == y->breakdown && x->category == y->category;
}

static void targets_lint(struct pdoc *d, struct presult *r)
{
	size_t i, j;
	bool measurable = false;
	struct indset seen; /* indicators checked for an agency */

	/* a failed allocation fails the import (alloc_failures()) */
	(void)indset_init_in(&seen, catalog_n(), &d->a);
	for (i = 0; i < r->nt; i++) {
		const struct ptarget *x = &r->t[i];
		const struct indicator *ind = x->ind >= 0 ? &catalog[x->ind] : NULL;
		char a[32], b[32];
		enum direction ndir;
		double nval;

		if (x->aim) {
			plan_add_lint(d, r, "no_measurable_target", x->line,
				      _("an aim without a measure (no value, no end to check) is no target; the targets in force stay: \"%s\""),
				      quote(&d->a, x->text ? x->text : "", 90));
			continue;
		}
		measurable |= x->has_value;
		/* held to the national target of the target's own year: a
		 * yearly plan's 2027 figure to 2027's point of the national
		 * path, not to 2030's target.  A group's target (rural women)
		 * is not: the national target is for everybody, and a group
		 * that starts lower may well aim lower */
		if (ind && !x->breakdown && x->has_value && national_target_for(ind, x->year, &ndir, &nval) && x->dir == ndir) {
			bool weak = (x->dir == DIR_AT_LEAST && x->value < nval - 1e-9) ||
				    (x->dir == DIR_AT_MOST && x->value > nval + 1e-9);

			if (weak) {
				fmt_value(a, sizeof(a), x->value, ind->unit);
				fmt_value(b, sizeof(b), nval, ind->unit);
				plan_add_lint(d, r, "weaker_than_national", x->line,
					      x->dir == DIR_AT_LEAST ? _("%s: the target %s is below the national target %s for %d")
								     : _("%s: the target %s is above the national target %s for %d"),
					      ind_name(ind), a, b, x->year);
				lint_about(r, x->ind);
			}
		}
		for (j = 0; j < i && x->ind >= 0; j++) {
			if (!r->t[j].aim && r->t[j].ind == x->ind && r->t[j].year == x->year &&
			    same_group(&r->t[j], x)) {
				plan_add_lint(d, r, "duplicate_target", x->line,
					      _("%s is targeted twice for %d (lines %ld and %ld)"), ind_name(ind),
					      x->year, r->t[j].line, x->line);
				lint_about(r, x->ind);
				break;
			}
		}
		/* an amendment states only what changes: the plan it amends
		 * assigns the rest and sets the deadline */
		if (r->assigns_any && !r->amends_number && x->ind >= 0 && !indset_has(&seen, x->ind)) {
			bool any = false;

			for (j = 0; j < r->nag; j++)
				any |= plan_assigned(r, j, x->ind) != 0;
			if (!any) {
				plan_add_lint(d, r, "unassigned_indicator", x->line,
					      _("no agency is made responsible for %s"), ind_name(ind));
				lint_about(r, x->ind);
			}
			indset_add(&seen, x->ind);
		}
	}
	if (!measurable && !r->amends_number)
		plan_add_lint(d, r, "no_measurable_target", 0,
			      _("the plan sets no measurable target (no indicator with a value)"));
	if (!r->has_deadline && !r->amends_number)
		plan_add_lint(d, r, "no_deadline", 0, _("the plan sets no deadline for reports"));
}

/* ---- typos ---- */

static bool pair_known_as(const struct vocab *v, struct arena *a, const struct tok *x, const struct tok *y,
			  bool words_only);

static bool pair_known(const struct vocab *v, struct arena *a, const struct tok *x, const struct tok *y)
{
	return pair_known_as(v, a, x, y, false);
}

/* Is x y a pair of the lexicon as spelt (words_only: a two-syllable word of
 * it, not two syllables inside a phrase)? */
static bool pair_known_as(const struct vocab *v, struct arena *a, const struct tok *x, const struct tok *y,
			  bool words_only)
{
	char fold[128], raw[128];
	const struct lex_pair *lp;
	const char *key;
	size_t n, i, lf = strlen(x->f), ly = strlen(y->f);

	if (lf + ly + 2 > sizeof(fold) || x->len + y->len + 2 > sizeof(raw))
		return false;
	memcpy(fold, x->f, lf);
	fold[lf] = ' ';
	memcpy(fold + lf + 1, y->f, ly + 1);
	lp = lexicon_find(v, fold, &n);
	if (!lp)
		return false;
	memcpy(raw, x->s, x->len);
	raw[x->len] = ' ';
	memcpy(raw + x->len + 1, y->s, y->len);
	key = syllable_key(a, raw, x->len + y->len + 1);
	for (i = 0; key && i < n; i++) {
		if (strcmp(lp[i].key, key) == 0 && (!words_only || lp[i].word2))
			return true;
	}
	return false;
}

/* True when b is a with one letter left out. */
static bool one_indel(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0;

	if (la != lb + 1 || lb < 2)
		return false;
	while (i < lb && a[i] == b[i])
		i++;
	return strcmp(a + i + 1, b + i) == 0;
}

/* Lower-case ASCII letter (syllables start with one or with a marked vowel
 * that the rules below never touch). */
static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_raw(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i;

	if (la != lb)
		return false;
	for (i = 0; i < la; i++) {
		if (lower(a[i]) != lower(b[i]))
			return false;
	}
	return true;
}

/* The initial consonants that Vietnamese writers confuse, because one
 * region says them alike: tr/ch, s/x, d/gi/r, l/n ("tuyên chuyền" for
 * "tuyên truyền", "sây dựng" for "xây dựng").  The rest of the syllable,
 * marks and tone included, is the same. */
static bool consonant_swap(const char *lex, size_t ll, const char *typo, size_t lt)
{
	static const char *const pairs[][2] = {
		{"tr", "ch"}, {"ch", "tr"}, {"s", "x"}, {"x", "s"}, {"d", "gi"}, {"gi", "d"},
		{"r", "d"}, {"d", "r"}, {"r", "gi"}, {"gi", "r"}, {"l", "n"}, {"n", "l"},
	};
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		size_t la = strlen(pairs[i][0]), lb = strlen(pairs[i][1]);

		if (ll > la + 1 && lt > lb + 1 && same_raw(lex, la, pairs[i][0], la) &&
		    same_raw(typo, lb, pairs[i][1], lb) && lower(lex[la]) != 'h' && lower(typo[lb]) != 'h' &&
		    same_raw(lex + la, ll - la, typo + lb, lt - lb))
			return true;
	}
	return false;
}

/* The final consonants that writers confuse, because one region says
 * them alike: m/n, n/ng, c/t ("trách nhiện" for "trách nhiệm").  The rest
 * of the syllable, marks and tone included, is the same. */
static bool final_swap(const char *lex, size_t ll, const char *typo, size_t lt)
{
	static const char *const pairs[][2] = {
		{"m", "n"}, {"n", "m"}, {"ng", "n"}, {"n", "ng"}, {"c", "t"}, {"t", "c"},
	};
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		size_t la = strlen(pairs[i][0]), lb = strlen(pairs[i][1]);

		if (ll < la + 3 || lt < lb + 3 || !same_raw(lex + ll - la, la, pairs[i][0], la) ||
		    !same_raw(typo + lt - lb, lb, pairs[i][1], lb) || ll - la != lt - lb ||
		    !same_raw(lex, ll - la, typo, lt - lb))
			continue;
		/* "n" after an "n" or "g" of the stem would make "nn", "ng" */
		if (lower(lex[ll - la - 1]) == 'n' || lower(lex[ll - la - 1]) == 'g')
			continue;
		return true;
	}
	return false;
}

/* typo is lex with one ASCII letter more, marks and tone kept ("nghừa"
 * for "ngừa"). */
static bool one_extra(const char *lex, size_t ll, const char *typo, size_t lt)
{
	size_t i = 0;

	if (lt != ll + 1 || ll < 3)
		return false;
	while (i < ll && lower(lex[i]) == lower(typo[i]))
		i++;
	return (unsigned char)typo[i] < 0x80 && same_raw(lex + i, ll - i, typo + i + 1, lt - i - 1);
}

/* Is the syllable typo (raw, and folded as tf) a near miss of the
 * lexicon's syllable lex (raw, and folded as lf): a letter left out, a
 * letter added, a confused initial or final consonant?  Short syllables are left
 * alone: too many words are a letter apart. */
static bool near_syllable(const char *lex, size_t ll, const char *lf, const char *typo, size_t lt,
			  const char *tf)
{
	if (strlen(lf) >= 4 && strlen(lf) == strlen(tf) + 1 && one_indel(lf, tf))
		return true;
	return one_extra(lex, ll, typo, lt) || consonant_swap(lex, ll, typo, lt) || final_swap(lex, ll, typo, lt);
}

static const char *keep_case(struct arena *a, const struct tok *x, const char *word)
{
	if (x->upper && (unsigned char)word[0] < 0x80) {
		char *w = arena_strdup(a, word);

		if (w && w[0] >= 'a' && w[0] <= 'z')
			w[0] = (char)(w[0] - 'a' + 'A');
		return w;
	}
	if (x->upper) {
		/* the first letter of "ứng" and the like: through the suggestion's own case */
		static const char *const up[][2] = {
			{"ứ", "Ứ"}, {"đ", "Đ"}, {"ă", "Ă"}, {"â", "Â"}, {"ê", "Ê"}, {"ô", "Ô"},
			{"ơ", "Ơ"}, {"ư", "Ư"}, {"á", "Á"}, {"à", "À"}, {"ấ", "Ấ"}, {"ủ", "Ủ"},
		};
		size_t i;

		for (i = 0; i < sizeof(up) / sizeof(up[0]); i++) {
			size_t l = strlen(up[i][0]);

			if (strncmp(word, up[i][0], l) == 0)
				return arena_printf(a, "%s%s", up[i][1], word + l);
		}
	}
	return word;
}

/* How often the document spells a pair as key (syllable_key of the pair),
 * counted once per distinct key and at most TYPO_SCANS times a document
 * (a hostile text full of near misses stays linear). */
#define TYPO_SCANS 48

struct pair_counts {
	const char *key[TYPO_SCANS];
	long n[TYPO_SCANS];
	size_t used;
};

static long pair_count(struct pdoc *d, struct pair_counts *pc, const char *fold, const char *key)
{
	size_t i, k, c;
	long n = 0;

	for (c = 0; c < pc->used; c++) {
		if (strcmp(pc->key[c], key) == 0)
			return pc->n[c];
	}
	if (pc->used == TYPO_SCANS)
		return -1;
	for (i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];

		for (k = 0; k + 1 < p->nt; k++) {
			const struct tok *x = &p->t[k], *y = &p->t[k + 1];
			size_t lx = strlen(x->f);
			const char *kk;
			char raw[160];

			if (x->kind != TK_WORD || y->kind != TK_WORD || strncmp(fold, x->f, lx) != 0 ||
			    fold[lx] != ' ' || strcmp(fold + lx + 1, y->f) != 0 ||
			    x->len + y->len + 2 > sizeof(raw))
				continue;
			memcpy(raw, x->s, x->len);
			raw[x->len] = ' ';
			memcpy(raw + x->len + 1, y->s, y->len);
			kk = syllable_key(&d->a, raw, x->len + y->len + 1);
			n += kk && strcmp(kk, key) == 0;
		}
	}
	pc->key[pc->used] = key;
	pc->n[pc->used++] = n;
	return n;
}

/* A syllable Vietnamese spelling cannot have: one closed by p, t, c or ch
 * takes the rising or the heavy tone only ("hơp", "lưc" are not words). */
static bool impossible_syllable(struct arena *a, const struct tok *x)
{
	size_t l = strlen(x->f);
	const char *key;
	char tone;

	if (l < 2 || !(x->f[l - 1] == 'p' || x->f[l - 1] == 't' || x->f[l - 1] == 'c' ||
		       (x->f[l - 1] == 'h' && x->f[l - 2] == 'c')))
		return false;
	key = syllable_key(a, x->s, x->len);
	if (!key || strlen(key) < 2)
		return false;
	tone = key[strlen(key) - 1];
	return tone != '2' && tone != '5';
}

/* Is a near miss of the lexicon a misspelling here?  When one of its
 * syllables cannot be Vietnamese, yes.  Otherwise a misspelling is a slip:
 * written once, or less often than the word it misses; a spelling the
 * plan uses again and again while never writing the other is a word the
 * lexicon does not know ("đồng bào" is not "đóng bảo"). */
/* Is the suggestion a word every plan writes (lexicon "key")?  A plan
 * that writes "Phân đầu" at every target never writes it right, and a
 * word that common is no word the lexicon could have missed. */
static bool common_word(struct pdoc *d, const struct vocab *v, const char *sugg)
{
	const char *f = text_fold_arena(&d->a, sugg, strlen(sugg)), *k = syllable_key(&d->a, sugg, strlen(sugg));
	const struct lex_pair *lp = f && k ? lexicon_find(v, f, &(size_t){0}) : NULL;
	size_t n = 0, i;

	if (lp)
		lexicon_find(v, f, &n);
	for (i = 0; i < n; i++) {
		if (lp[i].common && strcmp(lp[i].key, k) == 0)
			return true;
	}
	return false;
}

static bool typo_evidence(struct pdoc *d, const struct vocab *v, struct pair_counts *pc, const struct tok *x,
			  const struct tok *y, const char *sugg)
{
	char raw[160];
	const char *key, *skey, *fold, *sfold;
	long seen, right;

	if (impossible_syllable(&d->a, x) || impossible_syllable(&d->a, y))
		return true;
	if (common_word(d, v, sugg))
		return true;
	if (x->len + y->len + 2 > sizeof(raw))
		return false;
	memcpy(raw, x->s, x->len);
	raw[x->len] = ' ';
	memcpy(raw + x->len + 1, y->s, y->len);
	key = syllable_key(&d->a, raw, x->len + y->len + 1);
	fold = arena_printf(&d->a, "%s %s", x->f, y->f);
	skey = syllable_key(&d->a, sugg, strlen(sugg));
	sfold = text_fold_arena(&d->a, sugg, strlen(sugg));
	if (!key || !fold || !skey || !sfold)
		return false;
	seen = pair_count(d, pc, fold, key);
	if (seen < 0)
		return false;
	if (seen <= 1)
		return true;
	right = pair_count(d, pc, sfold, skey);
	return right >= seen;
}

/* The small words that glue a sentence together. */
static bool function_word(const struct tok *x)
{
	static const char *const w[] = {"về", "và", "của", "các", "có", "là", "cho", "với", "được", "trong",
					"theo", "đến", "từ", "tại", "này", "đã", "sẽ", "để", "những", "một",
					"như", "khi", "thì", "mà", "do", "bị", "ở", "trên", "dưới", "vào", NULL};
	int i;

	for (i = 0; w[i]; i++) {
		if (tok_spelt(x, w[i]))
			return true;
	}
	return false;
}

/* The correction of the pair t[k], t[k+1], or NULL when it is not a typo. */
static const char *typo_at(struct pdoc *d, const struct vocab *v, const struct para *p, size_t k,
			   struct pair_counts *pc)
{
	const struct tok *t = p->t, *x = &t[k], *y = &t[k + 1];
	char fold[128];
	const struct lex_pair *lp;
	const char *sugg = NULL;
	size_t n, lf, ly, j;

	/* words of one syllable each, side by side; not acronyms ("TU",
	 * "UBND"), nor a name starting after a common word ("khu phố Biên
	 * Hòa") */
	bool caps = x->caps && y->caps && x->len > 1 && y->len > 1;

	/* a heading in capitals ("PHÂN ĐẦU") is read, but only for the words
	 * every plan writes (common_word): capitals are mostly acronyms */
	if (k + 1 >= p->nt || x->kind != TK_WORD || y->kind != TK_WORD || x->s + x->len + 1 != y->s ||
	    (!caps && ((x->caps && x->len > 1) || (y->caps && y->len > 1))) || (y->upper && !x->upper))
		return NULL;
	lf = strlen(x->f);
	ly = strlen(y->f);
	if (lf + ly + 2 > sizeof(fold) || pair_known(v, &d->a, x, y))
		return NULL;
	memcpy(fold, x->f, lf);
	fold[lf] = ' ';
	memcpy(fold + lf + 1, y->f, ly + 1);
	lp = lexicon_find(v, fold, &n);
	for (j = 0; lp && j < n && !sugg; j++) {
		if (lp[j].word2)
			sugg = lp[j].word;
	}
	if (sugg) {
		/* both syllables differ: not when one is a small word of the
		 * sentence ("tin báo về" is not "bảo vệ") */
		const char *sp = strchr(sugg, ' ');
		const char *k1 = syllable_key(&d->a, x->s, x->len), *s1 = sp ? syllable_key(&d->a, sugg, (size_t)(sp - sugg)) : NULL;
		const char *k2 = syllable_key(&d->a, y->s, y->len), *s2 = sp ? syllable_key(&d->a, sp + 1, strlen(sp + 1)) : NULL;
		bool both = k1 && s1 && k2 && s2 && strcmp(k1, s1) != 0 && strcmp(k2, s2) != 0;

		if (both && (function_word(x) || function_word(y)))
			return NULL;
	} else {
		/* one syllable a near miss (near_syllable()), the other right;
		 * not when the near miss is a small word of the sentence
		 * ("phát trên" is not "phát triển") */
		if (function_word(x) || function_word(y))
			return NULL;
		const size_t *ix;
		size_t m;

		ix = lexicon_by_syllable(v, 2, y->f, &m);
		for (j = 0; j < m && !sugg; j++) {
			const struct lex_pair *q = &v->lex[ix[j]];
			const char *w2 = strchr(q->word, ' ') + 1;

			if (q->word2 && near_syllable(q->word, (size_t)(w2 - 1 - q->word), q->f1, x->s, x->len, x->f) &&
			    same_raw(w2, strlen(w2), y->s, y->len))
				sugg = q->word;
		}
		ix = lexicon_by_syllable(v, 1, x->f, &m);
		for (j = 0; j < m && !sugg; j++) {
			const struct lex_pair *q = &v->lex[ix[j]];
			size_t l1 = (size_t)(strchr(q->word, ' ') - q->word);

			if (q->word2 && near_syllable(q->word + l1 + 1, strlen(q->word + l1 + 1), q->f2, y->s, y->len, y->f) &&
			    same_raw(q->word, l1, x->s, x->len))
				sugg = q->word;
		}
	}
	if (!sugg || (caps && !common_word(d, v, sugg)))
		return NULL;
	/* a two-syllable word on either side means the pair straddles two
	 * words ("đồng thời gắn", "ưu tiên bố trí") */
	if ((k > 0 && t[k - 1].kind == TK_WORD && t[k - 1].s + t[k - 1].len + 1 == x->s &&
	     pair_known_as(v, &d->a, &t[k - 1], x, true)) ||
	    (k + 2 < p->nt && t[k + 2].kind == TK_WORD && y->s + y->len + 1 == t[k + 2].s &&
	     pair_known_as(v, &d->a, y, &t[k + 2], true)))
		return NULL;
	return typo_evidence(d, v, pc, x, y, sugg) ? sugg : NULL;
}

static void typos(struct pdoc *d, const struct vocab *v, struct presult *r)
{
	size_t i, k, found = 0;
	struct pair_counts pc;

	memset(&pc, 0, sizeof(pc));
	for (i = 0; i < d->np && found < 100; i++) {
		const struct para *p = &d->p[i];
		const struct tok *t = p->t;

		if (p->section == SEC_CLOSING)
			continue;
		for (k = 0; k + 1 < p->nt && found < 100; k++) {
			const char *sugg = typo_at(d, v, p, k, &pc);
			const struct tok *x = &t[k], *y = &t[k + 1];

			if (!sugg)
				continue;
			/* "Tạo chuyên biến": the next pair tells the misspelt word better */
			if (typo_at(d, v, p, k + 1, &pc))
				continue;
			plan_add_lint(d, r, "typo", p->line, "%.*s -> %s", (int)(y->s + y->len - x->s), x->s,
				      keep_case(&d->a, x, sugg));
			r->lint[r->nlint - 1].msg =
				arena_printf(&d->a, _("\"%.*s\" should probably be \"%s\""),
					     (int)(y->s + y->len - x->s), x->s, keep_case(&d->a, x, sugg));
			found++;
			k++;
		}
	}
}

enum gemis_err plan_lint(struct pdoc *d, const struct vocab *v, struct presult *r)
{
	numbering(d, r);
	typos(d, v, r);
	targets_lint(d, r);
	return GEMIS_OK;
}
