/*
 * duties.c: which agencies a plan gives duties to, which indicators each
 * answers for, and the reporting deadline.
 *
 * Agencies: the headings of the implementation section ("2.1. Phòng Văn
 * hóa – Xã hội", "9. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã ..."), a
 * paragraph there that starts with an agency and a colon ("- Công an xã:
 * ..."), and the lists after "Cơ quan thực hiện:", "Cơ quan chủ trì:",
 * "Đơn vị phối hợp:" anywhere in the plan.
 *
 * Assignments: inside an agency's part of the implementation section,
 *	Mục tiêu 1                       every indicator of goal 1
 *	chỉ tiêu 1, 2 của mục tiêu 2     indicators 1 and 2 of goal 2
 *	các chỉ tiêu của mục tiêu 4      every indicator of goal 4
 *	chỉ tiêu 2 (số liệu ...) của mục tiêu 3
 * where goals and indicators are numbered as the goals section numbers
 * them (targets.c).
 *
 * Deadline: "trước ngày 30/11 hàng năm" (year null: it recurs),
 * "trước ngày 01/12/2026", "trước ngày 15 tháng 12", in the sentence that
 * asks for reports; it goes to the agency after "qua" ("gửi về Ủy ban nhân
 * dân xã (qua Phòng Văn hóa – Xã hội)") or after "gửi về".
 */
#include <string.h>

#include "plan_int.h"

#include "util/banned.h"

int agency_at(const struct vocab *v, const struct tok *t, size_t from, size_t to, size_t within,
	      size_t *pos, size_t *end)
{
	size_t i, lim = from, words = 0;
	int best = -1;
	long bp = -1;
	size_t be = 0;

	while (lim < to && words <= within) {
		if (t[lim].kind != TK_PUNCT)
			words++;
		lim++;
	}
	for (i = 0; i < v->nag; i++) {
		size_t e;
		long p = phrase_find(t, from, to, &v->ag[i].p, &e);

		if (p < 0 || (size_t)p >= lim)
			continue;
		if (best < 0 || p < bp || (p == bp && e > be)) {
			best = (int)i;
			bp = p;
			be = e;
		}
	}
	if (best >= 0) {
		if (pos)
			*pos = (size_t)bp;
		if (end)
			*end = be;
	}
	return best;
}

int plan_agency_add(struct presult *r, const char *id)
{
	size_t i;

	if (strcmp(id, "all") == 0)
		return -1;
	for (i = 0; i < r->nag; i++) {
		if (strcmp(r->agencies[i], id) == 0)
			return (int)i;
	}
	if (r->nag >= PLAN_MAX_AGENCIES)
		return -1;
	r->agencies[r->nag] = id;
	return (int)r->nag++;
}

static bool is_punct(const struct tok *t, const char *c)
{
	return t->kind == TK_PUNCT && strcmp(t->f, c) == 0;
}

/* Every agency named in t[from..to). */
static void agencies_in(const struct vocab *v, struct presult *r, const struct tok *t, size_t from,
			size_t to)
{
	size_t i = from;

	while (i < to) {
		size_t pos, end;
		int a = agency_at(v, t, i, to, to - i, &pos, &end);

		if (a < 0)
			break;
		plan_agency_add(r, v->ag[a].id);
		i = end;
	}
}

/* "Cơ quan thực hiện:", "Đơn vị chủ trì:", "Cơ quan phối hợp:": the
 * index after the colon, or 0. */
static size_t duty_list(const struct para *p)
{
	const struct tok *t = p->t;
	size_t k;

	if (p->nt < 4)
		return 0;
	if (!((tok_is(&t[0], "co") && tok_is(&t[1], "quan")) || (tok_is(&t[0], "don") && tok_is(&t[1], "vi"))))
		return 0;
	if (!(tok_is(&t[2], "thuc") || tok_is(&t[2], "chu") || tok_is(&t[2], "phoi")))
		return 0;
	for (k = 3; k < p->nt && k < 6; k++) {
		if (is_punct(&t[k], ":"))
			return k + 1;
	}
	return 0;
}

static void assign_goal(struct presult *r, int ag, int goal, const int *items, size_t nitems)
{
	size_t i, j;

	for (i = 0; i < r->nt; i++) {
		const struct ptarget *x = &r->t[i];
		bool hit = nitems == 0;

		if (x->goal_no != goal || x->ind < 0)
			continue;
		for (j = 0; j < nitems; j++)
			hit |= x->item_no == items[j];
		if (hit && !r->assigned[ag][x->ind]) {
			r->assigned[ag][x->ind] = ++r->nassigned;
			r->assigns_any = true;
		}
	}
}

static bool goal_ref(const struct tok *t, size_t k, size_t n, int *goal, size_t *after)
{
	size_t j;

	if (!(k + 1 < n && tok_is(&t[k], "muc") && tok_is(&t[k + 1], "tieu")))
		return false;
	j = k + 2;
	if (j < n && tok_is(&t[j], "so"))
		j++;
	if (j < n && t[j].kind == TK_NUM && t[j].plain && t[j].v >= 1 && t[j].v <= 20) {
		*goal = (int)t[j].v;
		*after = j + 1;
		return true;
	}
	return false;
}

static void assignments(struct presult *r, int ag, const struct tok *t, size_t n)
{
	size_t k = 0;

	while (k < n) {
		int goal, items[16];
		size_t ni = 0, j, after;

		if (k + 1 < n && tok_is(&t[k], "chi") && tok_is(&t[k + 1], "tieu")) {
			j = k + 2;
			if (j < n && tok_is(&t[j], "so"))
				j++;
			while (j < n) {
				if (t[j].kind == TK_NUM && t[j].plain && t[j].v >= 1 && t[j].v <= 50) {
					if (ni < 16)
						items[ni++] = (int)t[j].v;
					j++;
				} else if (is_punct(&t[j], ",") || tok_is(&t[j], "va") || is_punct(&t[j], "-")) {
					j++;
				} else if (is_punct(&t[j], "(")) {
					while (j < n && !is_punct(&t[j], ")"))
						j++;
					j++;
				} else {
					break;
				}
			}
			if (j < n && (tok_is(&t[j], "cua") || tok_is(&t[j], "thuoc") || tok_is(&t[j], "tai")))
				j++;
			if (goal_ref(t, j, n, &goal, &after)) {
				assign_goal(r, ag, goal, items, ni);
				k = after;
				continue;
			}
			k = j > k ? j : k + 1;
			continue;
		}
		if (goal_ref(t, k, n, &goal, &after)) {
			assign_goal(r, ag, goal, NULL, 0);
			k = after;
			/* "Mục tiêu 1, 2" */
			while (k + 1 < n && (is_punct(&t[k], ",") || tok_is(&t[k], "va")) &&
			       t[k + 1].kind == TK_NUM && t[k + 1].plain && t[k + 1].v <= 20) {
				assign_goal(r, ag, (int)t[k + 1].v, NULL, 0);
				k += 2;
			}
			continue;
		}
		k++;
	}
}

/* The agency a heading or an inline "Agency: duties" paragraph names:
 * index into v->ag, or -1. */
static int block_agency(const struct vocab *v, const struct para *p)
{
	size_t pos, end, k;
	int a;

	if (p->nt == 0)
		return -1;
	if (p->mark == MK_ARABIC || p->mark == MK_LETTER || p->mark == MK_ROMAN ||
	    (p->mark == MK_NONE && p->nt < 30)) {
		if (p->nt < 40 && !(p->len && p->text[p->len - 1] == '.' && p->nt > 25)) {
			a = agency_at(v, p->t, 0, p->nt, 7, &pos, &end);
			if (a >= 0)
				return a;
		}
	}
	a = agency_at(v, p->t, 0, p->nt, 2, &pos, &end);
	if (a >= 0) {
		for (k = end; k < p->nt && k < end + 4; k++) {
			if (is_punct(&p->t[k], ":"))
				return a;
		}
	}
	return -1;
}

static void deadline(struct pdoc *d, const struct vocab *v, struct presult *r)
{
	size_t i, k;
	int best = -1;

	for (i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		const struct tok *t = p->t;

		if (p->section == SEC_CLOSING)
			continue;
		for (k = 0; k + 2 < p->nt; k++) {
			int day = 0, month = 0, year = 0, score = 0;
			size_t j = k + 2, s0, s1, q;

			if (!(tok_is(&t[k], "truoc") && tok_is(&t[k + 1], "ngay")))
				continue;
			if (j + 2 < p->nt && t[j].kind == TK_NUM && is_punct(&t[j + 1], "/") &&
			    t[j + 2].kind == TK_NUM) {
				day = (int)t[j].v;
				month = (int)t[j + 2].v;
				j += 3;
				if (j + 1 < p->nt && is_punct(&t[j], "/"))
					tok_year(&t[j + 1], &year);
			} else if (j + 2 < p->nt && t[j].kind == TK_NUM && tok_is(&t[j + 1], "thang") &&
				   t[j + 2].kind == TK_NUM) {
				day = (int)t[j].v;
				month = (int)t[j + 2].v;
				j += 3;
				if (j + 1 < p->nt && tok_is(&t[j], "nam"))
					tok_year(&t[j + 1], &year);
			}
			if (day < 1 || day > 31 || month < 1 || month > 12)
				continue;
			/* the sentence around it */
			for (s0 = k; s0 > 0 && !is_punct(&t[s0 - 1], ";") &&
				     !(is_punct(&t[s0 - 1], ".") && t[s0].upper);
			     s0--)
				;
			for (s1 = k; s1 < p->nt && !is_punct(&t[s1], ";") &&
				     !(is_punct(&t[s1], ".") && s1 + 1 < p->nt && t[s1 + 1].upper);
			     s1++)
				;
			for (q = s0; q + 1 < s1; q++) {
				if (tok_is(&t[q], "bao") && tok_is(&t[q + 1], "cao"))
					score |= 2;
				if (tok_is(&t[q], "gui"))
					score |= 1;
			}
			if (score < best)
				continue;
			best = score;
			r->has_deadline = true;
			r->dl_day = day;
			r->dl_month = month;
			r->dl_year = year;
			r->dl_line = p->line;
			r->dl_to = NULL;
			for (q = s0; q < s1; q++) {
				size_t pos, end;
				int a;

				if (tok_is(&t[q], "qua")) {
					a = agency_at(v, t, q + 1, s1, 1, &pos, &end);
					if (a >= 0 && strcmp(v->ag[a].id, "all") != 0) {
						r->dl_to = v->ag[a].id;
						break;
					}
				}
			}
			for (q = s0; !r->dl_to && q < s1; q++) {
				size_t pos, end;
				int a;

				if (tok_is(&t[q], "gui")) {
					a = agency_at(v, t, q + 1, s1, 3, &pos, &end);
					if (a >= 0 && strcmp(v->ag[a].id, "all") != 0)
						r->dl_to = v->ag[a].id;
				}
			}
		}
	}
}

enum gemis_err plan_duties(struct pdoc *d, const struct vocab *v, struct presult *r)
{
	size_t i;
	int cur = -1; /* index into r->agencies, -1 none */

	for (i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		size_t from = duty_list(p);
		int a;

		if (from) {
			agencies_in(v, r, p->t, from, p->nt);
			continue;
		}
		if (p->section != SEC_IMPL) {
			cur = -1;
			continue;
		}
		a = p->mark == MK_DASH && cur >= 0 ? -1 : block_agency(v, p);
		if (a < 0 && p->mark == MK_DASH)
			a = block_agency(v, p);
		if (a >= 0) {
			cur = plan_agency_add(r, v->ag[a].id);
		} else if (p->mark == MK_ARABIC || p->mark == MK_LETTER) {
			cur = -1; /* a numbered part that names no agency */
		}
		if (cur >= 0)
			assignments(r, cur, p->t, p->nt);
	}
	deadline(d, v, r);
	return GEMIS_OK;
}
