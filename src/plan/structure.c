/*
 * structure.c: the sections of a plan and the goal each paragraph stands
 * under.
 *
 * A plan's body is a list of Roman-numbered sections whose headings say
 * what they hold: "MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU", "NHIỆM VỤ, GIẢI PHÁP",
 * "KINH PHÍ THỰC HIỆN", "TỔ CHỨC THỰC HIỆN".  Some plans number them 1., 2.
 * in capitals instead.  "Nơi nhận" starts the closing block.  Inside the
 * goals section, goals are headed "Mục tiêu 2: Trong lĩnh vực kinh tế" or
 * only "Trong lĩnh vực giáo dục và đào tạo"; a goal without a number takes
 * the next number after the previous goal.
 */
#include <string.h>

#include "plan_int.h"

#include "util/banned.h"

static bool has_in(const struct tok *t, size_t nt, const char *phrase_folded)
{
	struct phrase ph;
	const char *w[8];
	char copy[96];
	size_t n = 0, i, l = strlen(phrase_folded);
	char *s = copy;

	if (l >= sizeof(copy))
		return false;
	memcpy(copy, phrase_folded, l + 1);
	for (i = 0; i <= l && n < 8; i++) {
		if (copy[i] == ' ' || copy[i] == '\0') {
			copy[i] = '\0';
			w[n++] = s;
			s = copy + i + 1;
		}
	}
	ph.w = w;
	ph.n = (int)n;
	return phrase_find(t, 0, nt, &ph, NULL) >= 0;
}

static bool has(const struct para *p, const char *phrase_folded)
{
	return has_in(p->t, p->nt, phrase_folded);
}

static int section_of(const struct para *p)
{
	if ((has(p, "muc tieu") && !has(p, "muc dich")) ||
	    (has(p, "chi tieu") && !has(p, "muc dich") && !has(p, "to chuc thuc hien")))
		return SEC_GOALS;
	if (has(p, "to chuc thuc hien") || has(p, "trach nhiem thuc hien") ||
	    has(p, "phan cong nhiem vu") || has(p, "phan cong trach nhiem"))
		return SEC_IMPL;
	if (has(p, "kinh phi") || has(p, "nguon luc"))
		return SEC_FUNDING;
	if (has(p, "nhiem vu") || has(p, "giai phap") || has(p, "noi dung"))
		return SEC_TASKS;
	if (has(p, "muc dich") || has(p, "yeu cau"))
		return SEC_PURPOSE;
	return SEC_OTHER;
}

/* The goal the words of t[0..n) name, or -1. */
int goal_of_words(const struct tok *t, size_t n)
{
	if (has_in(t, n, "gia dinh") || has_in(t, n, "bao luc"))
		return GOAL_FAMILY;
	if (has_in(t, n, "y te") || has_in(t, n, "suc khoe"))
		return GOAL_HEALTH;
	if (has_in(t, n, "giao duc") || has_in(t, n, "dao tao"))
		return GOAL_EDUCATION;
	if (has_in(t, n, "thong tin") || has_in(t, n, "truyen thong"))
		return GOAL_COMMUNICATION;
	if (has_in(t, n, "kinh te") || has_in(t, n, "lao dong") || has_in(t, n, "viec lam"))
		return GOAL_ECONOMY;
	if (has_in(t, n, "chinh tri") || has_in(t, n, "lanh dao quan ly"))
		return GOAL_POLITICS;
	return -1;
}

static int goal_words(const struct para *p, size_t n)
{
	return goal_of_words(p->t, n);
}

/* "Về chính trị:", "Mục tiêu 2:", "Chỉ tiêu 1.1:": the index after a colon
 * that ends a short label at the start of the paragraph, or 0. */
static size_t label_end(const struct para *p)
{
	size_t k;

	for (k = 0; k < p->nt && k < 24; k++) {
		if (p->t[k].kind == TK_PUNCT && strcmp(p->t[k].f, ":") == 0)
			return k > 0 ? k + 1 : 0;
		if (p->t[k].kind == TK_PUNCT && (strcmp(p->t[k].f, ".") == 0 || strcmp(p->t[k].f, ";") == 0) &&
		    k + 1 < p->nt && p->t[k + 1].kind != TK_NUM)
			return 0;
	}
	return 0;
}

/* A label that names a field ("Về chính trị", "Lĩnh vực y tế", "Trong
 * lĩnh vực giáo dục, đào tạo"), not a target's subject ("Tỷ lệ lao động
 * nữ: ..."). */
static bool domain_label(const struct para *p, size_t lab)
{
	size_t i = tok_next_word(p->t, 0, lab);

	if (i >= lab)
		return false;
	return tok_is(&p->t[i], "ve") || tok_is(&p->t[i], "linh") || tok_is(&p->t[i], "trong") ||
	       tok_is(&p->t[i], "nhom");
}

/* A number after t[from] that reads as a value ("70%", "1,4 lần"). */
static bool has_value_after(const struct para *p, size_t from)
{
	size_t i;

	for (i = from; i + 1 < p->nt; i++) {
		if (p->t[i].kind == TK_NUM && p->t[i + 1].kind == TK_PUNCT &&
		    (strcmp(p->t[i + 1].f, "%") == 0 || strcmp(p->t[i + 1].f, "/") == 0))
			return true;
		if (p->t[i].kind == TK_NUM && tok_is(&p->t[i + 1], "lan"))
			return true;
	}
	return false;
}

/* "Mục tiêu 3" at the start of the paragraph: 3; else 0. */
static int goal_number(const struct para *p)
{
	size_t i = tok_next_word(p->t, 0, p->nt), j;

	if (i + 2 < p->nt + 1 && i < p->nt && tok_is(&p->t[i], "muc")) {
		j = tok_next_word(p->t, i + 1, p->nt);
		if (j < p->nt && tok_is(&p->t[j], "tieu")) {
			j = tok_next_word(p->t, j + 1, p->nt);
			if (j < p->nt && p->t[j].kind == TK_NUM && p->t[j].plain && p->t[j].v >= 1 &&
			    p->t[j].v <= 20)
				return (int)p->t[j].v;
		}
	}
	return 0;
}

static bool has_percent(const struct para *p)
{
	size_t i;

	for (i = 0; i < p->nt; i++) {
		if (p->t[i].kind == TK_PUNCT && p->t[i].f[0] == '%')
			return true;
	}
	return false;
}

/* A heading that names a section: Roman-numbered, or short and in capitals. */
static bool section_heading(const struct para *p)
{
	if (p->mark == MK_ROMAN)
		return true;
	return p->caps && p->nt < 16 && (p->mark == MK_NONE || (p->mark == MK_ARABIC && p->depth == 1)) &&
	       section_of(p) != SEC_OTHER;
}

/* "Mục tiêu chung", "Mục tiêu cụ thể", "Các chỉ tiêu cụ thể:": a label of
 * the goals section that names a part of it, not a goal; 2 for the general
 * objective, 1 for the others, 0 when p is none. */
static int part_label(const struct para *p)
{
	size_t i = 0, words = 0, k;

	if (p->nt == 0 || p->nt > 8 || has_percent(p))
		return 0;
	if (tok_is(&p->t[0], "cac"))
		i = 1;
	if (!(i + 1 < p->nt && (tok_is(&p->t[i], "muc") || tok_is(&p->t[i], "chi")) && tok_is(&p->t[i + 1], "tieu")))
		return 0;
	for (k = i + 2; k < p->nt; k++) {
		if (p->t[k].kind == TK_NUM)
			return 0;
		words += p->t[k].kind == TK_WORD;
	}
	if (words == 1 && tok_is(&p->t[i + 2], "chung"))
		return 2;
	if (words >= 1 && words <= 3 && (has(p, "cu the") || has(p, "chu yeu")))
		return 1;
	return 0;
}

void plan_structure(struct pdoc *d)
{
	int sec = SEC_PREAMBLE, goal = 0, kind = -1;
	size_t ghead = 0;
	size_t i;
	bool general = false;

	for (i = 0; i < d->np; i++) {
		struct para *p = &d->p[i];

		if (sec != SEC_CLOSING && p->nt > 0 && tok_is(&p->t[0], "noi") && p->nt > 1 &&
		    tok_is(&p->t[1], "nhan")) {
			sec = SEC_CLOSING;
		} else if (sec != SEC_CLOSING && section_heading(p)) {
			sec = section_of(p);
			goal = 0;
			ghead = 0;
			kind = -1;
			p->heading = true;
		} else if (sec == SEC_GOALS && part_label(p)) {
			general = part_label(p) == 2;
			p->heading = true;
		} else if (sec == SEC_GOALS) {
			int n = goal_number(p), k;
			size_t lab = label_end(p);

			/* "Mục tiêu 2: <a sentence>" is a goal heading however long;
			 * "a) Về chính trị: <targets>" heads a goal with its label */
			if (n > 0) {
				k = goal_words(p, lab ? lab : p->nt);
				if (k < 0)
					k = goal_words(p, p->nt);
			} else if (lab && lab <= 12 && domain_label(p, lab)) {
				k = goal_words(p, lab);
			} else if (p->nt < 40 && !has_percent(p) && !has_value_after(p, 0)) {
				/* "1. Lĩnh vực chính trị", "c) Trong đời sống gia
				 * đình ...": a short line without a value; a sentence
				 * that ends with a full stop is a target, not a heading */
				bool stop = p->len > 0 && p->text[p->len - 1] == '.';

				k = goal_words(p, p->nt);
				if (!(k >= 0 && (has(p, "linh vuc") || ((p->mark == MK_LETTER || p->mark == MK_ARABIC) && !stop)) &&
				      p->nt < 24))
					k = -1;
			} else {
				k = -1;
			}
			if (n > 0 || k >= 0) {
				general = false;
				goal = n > 0 ? n : goal + 1;
				kind = k >= 0 ? k : (n >= 1 && n <= GOAL_COUNT ? n - 1 : -1);
				/* a heading that also states targets after its label is
				 * read for them from the label on */
				if (lab && has_value_after(p, lab))
					p->body = lab;
				else
					p->heading = true;
				p->goal_heading = true;
				ghead = i + 1;
			}
		}
		if (sec != SEC_GOALS)
			general = false;
		p->section = sec;
		p->general = general && !p->heading;
		p->goal = sec == SEC_GOALS ? goal : 0;
		p->ghead = sec == SEC_GOALS && goal ? ghead : 0;
		p->goal_kind = sec == SEC_GOALS ? kind : -1;
	}
}
