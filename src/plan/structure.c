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

static bool has(const struct para *p, const char *phrase_folded)
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
	return phrase_find(p->t, 0, p->nt, &ph, NULL) >= 0;
}

static int section_of(const struct para *p)
{
	if (has(p, "muc tieu") && !has(p, "muc dich"))
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

/* The goal a heading's words name, or -1. */
static int goal_words(const struct para *p)
{
	if (has(p, "gia dinh") || has(p, "bao luc"))
		return GOAL_FAMILY;
	if (has(p, "y te") || has(p, "suc khoe") || has(p, "cham soc suc khoe"))
		return GOAL_HEALTH;
	if (has(p, "giao duc") || has(p, "dao tao"))
		return GOAL_EDUCATION;
	if (has(p, "thong tin") || has(p, "truyen thong"))
		return GOAL_COMMUNICATION;
	if (has(p, "kinh te") || has(p, "lao dong") || has(p, "viec lam"))
		return GOAL_ECONOMY;
	if (has(p, "chinh tri") || has(p, "lanh dao quan ly"))
		return GOAL_POLITICS;
	return -1;
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

void plan_structure(struct pdoc *d)
{
	int sec = SEC_PREAMBLE, goal = 0, kind = -1;
	size_t i;

	for (i = 0; i < d->np; i++) {
		struct para *p = &d->p[i];

		if (sec != SEC_CLOSING && p->nt > 0 && tok_is(&p->t[0], "noi") && p->nt > 1 &&
		    tok_is(&p->t[1], "nhan")) {
			sec = SEC_CLOSING;
		} else if (sec != SEC_CLOSING && section_heading(p)) {
			sec = section_of(p);
			goal = 0;
			kind = -1;
			p->heading = true;
		} else if (sec == SEC_GOALS && p->nt < 40 && !has_percent(p)) {
			int n = goal_number(p), k = goal_words(p);

			if (n > 0 || (k >= 0 && (has(p, "linh vuc") || p->mark == MK_LETTER ||
						 p->mark == MK_ARABIC) && p->nt < 24)) {
				goal = n > 0 ? n : goal + 1;
				kind = k >= 0 ? k : (n >= 1 && n <= GOAL_COUNT ? n - 1 : -1);
				p->heading = true;
			}
		}
		p->section = sec;
		p->goal = sec == SEC_GOALS ? goal : 0;
		p->goal_kind = sec == SEC_GOALS ? kind : -1;
	}
}
