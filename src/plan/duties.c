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
#include "util/text.h"

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

bool plan_line_names_agency(struct arena *a, const char *s, size_t len)
{
	const struct vocab *v = vocab_get();
	struct tok *t;
	size_t n, pos, end;

	if (!v || pdoc_tokenize(a, s, len < 64 ? len : 64, &t, &n) || n == 0 || t[0].kind != TK_WORD || !t[0].upper)
		return false;
	if (tok_is(&t[0], "ubnd") || tok_is(&t[0], "so") || (n > 1 && tok_is(&t[0], "uy") && tok_is(&t[1], "ban")))
		return true;
	return agency_at(v, t, 0, n, 1, &pos, &end) >= 0 && pos == 0;
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

int plan_assigned(const struct presult *r, size_t a, int i)
{
	if (a >= PLAN_MAX_AGENCIES || i < 0 || (size_t)i >= r->nind)
		return 0;
	return r->assigned[a * r->nind + (size_t)i];
}

void plan_assign(struct presult *r, int ag, int i)
{
	if (ag < 0 || ag >= PLAN_MAX_AGENCIES || i < 0 || (size_t)i >= r->nind ||
	    r->assigned[(size_t)ag * r->nind + (size_t)i])
		return;
	r->assigned[(size_t)ag * r->nind + (size_t)i] = ++r->nassigned;
	r->assigns_any = true;
}

static void assign_target(struct presult *r, int ag, const struct ptarget *x)
{
	plan_assign(r, ag, x->ind);
}

static void assign_goal(struct presult *r, const int *ags, size_t nags, int goal, const int *items,
			size_t nitems)
{
	size_t i, j, g;

	for (i = 0; i < r->nt; i++) {
		const struct ptarget *x = &r->t[i];
		bool hit = nitems == 0;

		if (x->goal_no != goal || x->ind < 0)
			continue;
		for (j = 0; j < nitems; j++)
			hit |= x->item_no == items[j];
		for (g = 0; hit && g < nags; g++)
			assign_target(r, ags[g], x);
	}
}

/* Every target of a field (enum goal). */
static void assign_field(struct presult *r, const int *ags, size_t nags, int kind)
{
	size_t i, g;

	for (i = 0; i < r->nt; i++) {
		for (g = 0; r->t[i].ind >= 0 && (int)catalog[r->t[i].ind].goal == kind && g < nags; g++)
			assign_target(r, ags[g], &r->t[i]);
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

/* "1.1", "6.2": a goal and an item number written together. */
static bool dotted(const struct tok *x, int *a, int *b)
{
	const char *dot;
	long u, v;

	if (x->kind != TK_NUM || x->plain || x->len > 7)
		return false;
	dot = memchr(x->s, '.', x->len);
	if (!dot || !text_parse_long(x->s, (size_t)(dot - x->s), &u) ||
	    !text_parse_long(dot + 1, x->len - (size_t)(dot + 1 - x->s), &v) || u < 1 || u > 20 || v < 1 ||
	    v > 50)
		return false;
	*a = (int)u;
	*b = (int)v;
	return true;
}

/* "mục 2.1", "điểm b mục 2.3", "mục 2.1, mục 2.6": the targets under the
 * numbered part of the goals section that the reference names (its goal
 * heading, or the target's own numbered paragraph). */
static void assign_section(struct pdoc *d, struct presult *r, const int *ags, size_t nags, const int *num,
			   int depth, int letter)
{
	size_t i, g;
	int k;

	for (i = 0; i < r->nt; i++) {
		const struct ptarget *x = &r->t[i];
		const struct para *own = &d->p[x->para];
		const struct para *h = own->ghead ? &d->p[own->ghead - 1] : NULL;
		bool hit = false;

		if (h && h->mark == MK_ARABIC && h->depth == depth) {
			hit = true;
			for (k = 0; k < depth; k++)
				hit &= h->num[k] == num[k];
		}
		if (!hit && own->mark == MK_ARABIC && own->depth == depth && !letter) {
			hit = true;
			for (k = 0; k < depth; k++)
				hit &= own->num[k] == num[k];
		}
		if (hit && letter)
			hit = own->mark == MK_LETTER && own->num[0] == letter;
		for (g = 0; hit && g < nags; g++)
			assign_target(r, ags[g], x);
	}
}

/* The numbers of "2.1" (up to PARA_DEPTH), or 0. */
static int section_number(const struct tok *x, int *num)
{
	const char *p = x->s, *e = x->s + x->len;
	int depth = 0;

	if (x->kind != TK_NUM)
		return 0;
	while (p < e && depth < PARA_DEPTH) {
		long v;
		const char *q = p;

		while (q < e && *q != '.')
			q++;
		if (!text_parse_long(p, (size_t)(q - p), &v) || v < 1 || v > 50)
			return 0;
		num[depth++] = (int)v;
		p = q < e ? q + 1 : q;
	}
	return depth;
}

/* Words that say nothing about which indicator a topic means. */
static bool topic_stop(const struct tok *x)
{
	static const char *const w[] = {
		"các", "chỉ", "tiêu", "về", "thuộc", "lĩnh", "vực", "trong", "của", "và", "phòng", "chống",
		"công", "tác", "bình", "đẳng", "giới", "liên", "quan", "đến", "tới", "số", "liệu", "tỷ", "lệ",
		"tỉ", "trọng", "đời", "sống", "là", "ở", "được", "cho", "theo", "dõi", "đối", "với", "mục",
		"tiêu", "nội", "dung", "toàn", "bộ", "những", "người", NULL};
	int i;

	if (x->kind != TK_WORD)
		return true;
	for (i = 0; w[i]; i++) {
		if (tok_spelt(x, w[i]))
			return true;
	}
	return false;
}

/* The words of a field's name ("kinh tế", "thông tin", "y tế"). */
static bool field_word(const struct tok *t, size_t k, size_t n)
{
	static const char *const w[][2] = {
		{"chinh", "tri"}, {"kinh", "te"},   {"lao", "dong"},  {"viec", "lam"},   {"gia", "dinh"},
		{"y", "te"},      {"suc", "khoe"}, {"giao", "duc"},  {"dao", "tao"},    {"thong", "tin"},
		{"truyen", "thong"}, {"cham", "soc"},
	};
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		if (k + 1 < n && tok_is(&t[k], w[i][0]) && tok_is(&t[k + 1], w[i][1]))
			return true;
		if (k > 0 && tok_is(&t[k - 1], w[i][0]) && tok_is(&t[k], w[i][1]))
			return true;
	}
	return false;
}

/* Does the folded text hold the folded word w as a whole word? */
static bool has_word(const char *text, const char *w)
{
	size_t l = strlen(w);
	const char *p = text;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == text || p[-1] == ' ') && (p[l] == ' ' || p[l] == '\0'))
			return true;
		p += l;
	}
	return false;
}

/* One piece of a topic ("tỷ số giới tính khi sinh", "lĩnh vực y tế"):
 * the field it names, or the targets whose wording holds its words. */
static void assign_piece(struct pdoc *d, struct presult *r, const int *ags, size_t nags, const struct tok *t,
			 size_t a, size_t b)
{
	size_t k, i, g, content = 0, field = 0;
	double best = 0, cov[PLAN_MAX_TARGETS];

	for (k = a; k < b; k++) {
		if (topic_stop(&t[k]))
			continue;
		content++;
		field += field_word(t, k, b);
	}
	if (content == 0)
		return;
	if (field == content) {
		int kind = goal_of_words(t + a, b - a);

		if (kind >= 0)
			assign_field(r, ags, nags, kind);
		return;
	}
	for (i = 0; i < r->nt; i++) {
		const struct ptarget *x = &r->t[i];
		const char *f;
		size_t hit = 0;

		cov[i] = 0;
		if (x->ind < 0)
			continue;
		f = arena_printf(&d->a, "%s %s %s", x->text ? x->text : "", x->group ? x->group : "",
				 catalog[x->ind].name_vi);
		f = f ? text_fold_arena(&d->a, f, strlen(f)) : NULL;
		if (!f)
			continue;
		for (k = a; k < b; k++)
			hit += !topic_stop(&t[k]) && has_word(f, t[k].f);
		cov[i] = (double)hit / (double)content;
		if (cov[i] > best)
			best = cov[i];
	}
	if (best < 0.75)
		return;
	for (i = 0; i < r->nt; i++) {
		for (g = 0; cov[i] >= best - 1e-9 && r->t[i].ind >= 0 && g < nags; g++)
			assign_target(r, ags[g], &r->t[i]);
	}
}

/* A topic ("về tỷ số giới tính khi sinh, tỷ suất sinh ở tuổi vị thành niên
 * và tử vong mẹ"): cut at commas, "và" and a repeated "chỉ tiêu", a piece
 * of one word going with the next ("tin, bài"). */
static void assign_topic(struct pdoc *d, struct presult *r, const int *ags, size_t nags, const struct tok *t,
			 size_t a, size_t b)
{
	size_t k = a, st = a;

	while (k <= b) {
		bool cut = k == b || is_punct(&t[k], ",") || is_punct(&t[k], ";") || tok_spelt(&t[k], "và") ||
			   (k + 1 < b && tok_is(&t[k], "chi") && tok_is(&t[k + 1], "tieu") && k > st);

		if (cut) {
			size_t words = 0, q;

			for (q = st; q < k; q++)
				words += !topic_stop(&t[q]);
			if (words == 1 && k < b && is_punct(&t[k], ",")) {
				k++;
				continue; /* "tin, bài": one piece */
			}
			if (words)
				assign_piece(d, r, ags, nags, t, st, k);
			st = k + 1;
		}
		k++;
	}
}

/* The end of a topic: the end of its clause. */
static size_t topic_end(const struct tok *t, size_t k, size_t n)
{
	while (k < n && !is_punct(&t[k], ";") && !is_punct(&t[k], ".") && !is_punct(&t[k], ":") &&
	       !is_punct(&t[k], "(") && !is_punct(&t[k], "|"))
		k++;
	return k;
}

/* The items of "chỉ tiêu 1, 2 và 3", "chỉ tiêu a, b", "chỉ tiêu 1 đến 3"
 * from t[j] on, into items; a dotted "chỉ tiêu 1.1, 6.2" is assigned at
 * once (*dots).  Returns where the list ends. */
static size_t item_list(struct presult *r, const int *ags, size_t nags, const struct tok *t, size_t j, size_t n,
			int items[16], size_t *ni, bool *dots)
{
	while (j < n) {
		int ga, it;

		if (tok_is(&t[j], "so") || is_punct(&t[j], ",") || tok_spelt(&t[j], "và") ||
		    is_punct(&t[j], "-") || is_punct(&t[j], "–")) {
			j++;
		} else if (dotted(&t[j], &ga, &it)) {
			/* "chỉ tiêu 1.1, 6.2" */
			int one = it;

			assign_goal(r, ags, nags, ga, &one, 1);
			*dots = true;
			j++;
		} else if (t[j].kind == TK_NUM && t[j].plain && t[j].v >= 1 && t[j].v <= 50) {
			if (*ni < 16)
				items[(*ni)++] = (int)t[j].v;
			j++;
		} else if (t[j].kind == TK_WORD && pdoc_letter_index(t[j].s, t[j].len) > 0 &&
			   (j + 1 == n || is_punct(&t[j + 1], ",") || tok_spelt(&t[j + 1], "và") ||
			    tok_spelt(&t[j + 1], "của") || tok_spelt(&t[j + 1], "thuộc") ||
			    tok_spelt(&t[j + 1], "tại") || is_punct(&t[j + 1], ";"))) {
			/* "chỉ tiêu a, b của Mục tiêu 6": the lettered
			 * items, a) being the first */
			if (*ni < 16)
				items[(*ni)++] = pdoc_letter_index(t[j].s, t[j].len);
			j++;
		} else if ((tok_spelt(&t[j], "đến") || tok_spelt(&t[j], "tới")) && *ni > 0) {
			/* "chỉ tiêu 1 đến chỉ tiêu 3" */
			size_t q = j + 1;

			if (q + 1 < n && tok_is(&t[q], "chi") && tok_is(&t[q + 1], "tieu"))
				q += 2;
			if (q < n && t[q].kind == TK_NUM && t[q].plain && t[q].v <= 50) {
				int v;

				for (v = items[*ni - 1] + 1; v <= (int)t[q].v && *ni < 16; v++)
					items[(*ni)++] = v;
				j = q + 1;
			} else {
				break;
			}
		} else if (is_punct(&t[j], "(")) {
			while (j < n && !is_punct(&t[j], ")"))
				j++;
			j++;
		} else {
			break;
		}
	}
	return j;
}

/* The indicators a duty ties to the agencies ags: goal and indicator
 * numbers, numbered parts of the goals section, fields and topics. */
static void assignments(struct pdoc *d, struct presult *r, const int *ags, size_t nags, const struct tok *t,
			size_t n, bool bare_topic)
{
	size_t k = 0;
	bool any = false;

	while (k < n) {
		int goal, items[16], num[PARA_DEPTH];
		size_t ni = 0, j, after;
		int depth, letter = 0;

		if (k + 1 < n && tok_is(&t[k], "chi") && tok_is(&t[k + 1], "tieu")) {
			bool dots = false;

			j = item_list(r, ags, nags, t, k + 2, n, items, &ni, &dots);
			if (dots) {
				any = true;
				k = j;
				continue;
			}
			if (j < n && (tok_is(&t[j], "cua") || tok_is(&t[j], "thuoc") || tok_is(&t[j], "tai")))
				j++;
			if (goal_ref(t, j, n, &goal, &after)) {
				assign_goal(r, ags, nags, goal, items, ni);
				any = true;
				k = after;
				continue;
			}
			if (ni == 0 && j < n &&
			    (tok_spelt(&t[j], "về") || tok_spelt(&t[j], "thuộc") || tok_spelt(&t[j], "lĩnh") ||
			     (tok_spelt(&t[j], "trong") && j + 1 < n && tok_spelt(&t[j + 1], "lĩnh")) ||
			     tok_spelt(&t[j], "liên"))) {
				/* "các chỉ tiêu thuộc lĩnh vực y tế", "chỉ tiêu về
				 * lãnh đạo chủ chốt là nữ, chỉ tiêu về ..." */
				size_t e = topic_end(t, j, n);

				assign_topic(d, r, ags, nags, t, j, e);
				any = true;
				k = e;
				continue;
			}
			k = j > k ? j : k + 1;
			continue;
		}
		if (tok_spelt(&t[k], "điểm") && k + 1 < n && t[k + 1].kind == TK_WORD &&
		    (letter = pdoc_letter_index(t[k + 1].s, t[k + 1].len)) > 0) {
			j = k + 2;
			while (j < n && (is_punct(&t[j], ",") || tok_spelt(&t[j], "tại") || tok_spelt(&t[j], "của") ||
					 tok_spelt(&t[j], "thuộc")))
				j++;
			if (j + 1 < n && tok_spelt(&t[j], "mục") && (depth = section_number(&t[j + 1], num)) > 0) {
				assign_section(d, r, ags, nags, num, depth, letter);
				any = true;
				k = j + 2;
				continue;
			}
			k++;
			continue;
		}
		if (tok_spelt(&t[k], "mục") && k + 1 < n && !t[k + 1].plain && (depth = section_number(&t[k + 1], num)) > 1) {
			assign_section(d, r, ags, nags, num, depth, 0);
			any = true;
			k += 2;
			continue;
		}
		if (goal_ref(t, k, n, &goal, &after)) {
			assign_goal(r, ags, nags, goal, NULL, 0);
			any = true;
			k = after;
			/* "Mục tiêu 1, 2" */
			while (k + 1 < n && (is_punct(&t[k], ",") || tok_spelt(&t[k], "và")) &&
			       t[k + 1].kind == TK_NUM && t[k + 1].plain && t[k + 1].v <= 20) {
				assign_goal(r, ags, nags, (int)t[k + 1].v, NULL, 0);
				k += 2;
			}
			continue;
		}
		k++;
	}
	if (!any && bare_topic)
		assign_topic(d, r, ags, nags, t, 0, n); /* a table cell naming indicators */
}

/* The agencies named in t[from..to) (ids "all" left out), added to the
 * plan's list; their indices go to ags. */
static size_t agencies_of(const struct vocab *v, struct presult *r, const struct tok *t, size_t from, size_t to,
			  int *ags, size_t max)
{
	size_t i = from, n = 0;

	while (i < to) {
		size_t pos, end;
		int a = agency_at(v, t, i, to, to - i, &pos, &end), x;

		if (a < 0)
			break;
		x = plan_agency_add(r, v->ag[a].id);
		if (x >= 0 && n < max) {
			size_t q;

			for (q = 0; q < n && ags[q] != x; q++)
				;
			if (q == n)
				ags[n++] = x;
		}
		i = end;
	}
	return n;
}

/* "Cơ quan X:" / "- Đoàn Thanh niên, Hội Liên hiệp Phụ nữ phường: ...":
 * the index of a colon that ends a short label, or 0. */
static size_t label_colon(const struct para *p)
{
	size_t k;

	for (k = 1; k < p->nt && k < 28; k++) {
		if (is_punct(&p->t[k], ":"))
			return k;
		if (is_punct(&p->t[k], ";") || is_punct(&p->t[k], "."))
			return 0;
	}
	return 0;
}

/* How many words may stand before the agency a paragraph is about: "Đề
 * nghị Ủy ban Mặt trận Tổ quốc ..." puts a request and "Ủy ban" first. */
static size_t lead_words(const struct para *p)
{
	return p->nt > 1 && tok_is(&p->t[0], "de") && tok_is(&p->t[1], "nghi") ? 6 : 3;
}

/* The agencies whose part of the implementation section a paragraph opens:
 * a heading ("2.1. Phòng Văn hóa – Xã hội", "7. Đề nghị Ủy ban MTTQ ...,
 * Hội Liên hiệp Phụ nữ phường"), a label ("Trạm Y tế xã: ..."), or a
 * numbered paragraph whose subject is an agency ("1. Phòng Văn hóa - Xã hội
 * là cơ quan thường trực ...").  Returns how many went to ags. */
/* Where "thay cho", "thay vì" starts in t[a..b) (the agency after it is
 * the one relieved: "Giao Trạm Y tế xã ... thay cho Phòng Văn hóa - Xã
 * hội"), or b. */
static size_t relieved(const struct tok *t, size_t a, size_t b)
{
	size_t k, j;

	for (k = a; k < b; k++) {
		j = tok_next_word(t, k + 1, b);
		if (tok_spelt(&t[k], "thay") && j < b && (tok_spelt(&t[j], "cho") || tok_spelt(&t[j], "vì") || tok_spelt(&t[j], "thế")))
			return k;
	}
	return b;
}

static size_t block_agencies(const struct vocab *v, struct presult *r, const struct para *p, bool in_block,
			     int *ags, size_t max)
{
	size_t pos, end, lab = label_colon(p), n, nt = relieved(p->t, 0, p->nt);
	bool heading = p->nt < 40 && !(p->len && p->text[p->len - 1] == '.' && p->nt > 25) &&
		       (p->mark == MK_ARABIC || p->mark == MK_LETTER || p->mark == MK_ROMAN ||
			(p->mark == MK_NONE && p->nt < 30));

	if (p->nt == 0)
		return 0;
	if (lab && agency_at(v, p->t, 0, lab, 7, &pos, &end) >= 0) {
		n = agencies_of(v, r, p->t, 0, lab, ags, max);
		return n ? n : (size_t)-1;
	}
	if (p->mark == MK_DASH && in_block)
		return 0;
	if (heading && agency_at(v, p->t, 0, nt, 7, &pos, &end) >= 0) {
		n = agencies_of(v, r, p->t, 0, p->nt < 30 ? nt : end, ags, max);
		return n ? n : (size_t)-1;
	}
	if (p->mark != MK_NONE && agency_at(v, p->t, 0, nt, lead_words(p), &pos, &end) >= 0) {
		n = agencies_of(v, r, p->t, pos, end, ags, max);
		return n ? n : (size_t)-1;
	}
	return 0;
}

static bool cell_has(const struct tok *t, size_t a, size_t b, const char *w1, const char *w2)
{
	size_t k;

	for (k = a; k + 1 < b; k++) {
		if (tok_is(&t[k], w1) && tok_is(&t[k + 1], w2))
			return true;
	}
	return false;
}

#define MAX_CELLS 12

struct table {
	int what, lead, partner; /* column indices, -1 unknown */
};

/* A table header: the columns of the indicator, the leading agency and the
 * partners. */
static bool table_header(const struct para *p, struct table *tb)
{
	size_t from[MAX_CELLS], to[MAX_CELLS], n = para_cells(p, from, to, MAX_CELLS), c;
	bool strong = false; /* the lead column named "chủ trì", not only "cơ quan" */

	tb->what = tb->lead = tb->partner = -1;
	for (c = 0; c < n; c++) {
		const struct tok *t = p->t;

		/* a header names columns in a few words; a row says more */
		if (to[c] - from[c] > 6)
			return false;

		/* "Thực hiện năm 2025", "Mục tiêu đến năm 2030": figures, not
		 * who does what; nor is "Đơn vị tính", the unit of measure */
		if (tokens_year(t, from[c], to[c]) ||
		    (cell_has(t, from[c], to[c], "don", "vi") && cell_has(t, from[c], to[c], "vi", "tinh")) ||
		    (to[c] - from[c] == 2 && cell_has(t, from[c], to[c], "don", "vi")))
			continue; /* "Đơn vị" alone is the unit of measure */
		if (cell_has(t, from[c], to[c], "phoi", "hop"))
			tb->partner = (int)c;
		else if (cell_has(t, from[c], to[c], "chu", "tri") || cell_has(t, from[c], to[c], "thuc", "hien") ||
			 cell_has(t, from[c], to[c], "phu", "trach"))
			tb->lead = tb->lead < 0 || !strong ? (int)c : tb->lead, strong = true;
		else if (cell_has(t, from[c], to[c], "co", "quan") || cell_has(t, from[c], to[c], "don", "vi"))
			tb->lead = tb->lead < 0 ? (int)c : tb->lead;
		else if (cell_has(t, from[c], to[c], "chi", "tieu") || cell_has(t, from[c], to[c], "noi", "dung") ||
			 cell_has(t, from[c], to[c], "nhiem", "vu") || cell_has(t, from[c], to[c], "muc", "tieu"))
			tb->what = tb->what < 0 ? (int)c : tb->what;
	}
	return n >= 2 && tb->lead >= 0;
}

static void table_row(struct pdoc *d, const struct vocab *v, struct presult *r, const struct para *p,
		      const struct table *tb)
{
	size_t from[MAX_CELLS], to[MAX_CELLS], n = para_cells(p, from, to, MAX_CELLS);
	int ags[PLAN_MAX_AGENCIES], other[PLAN_MAX_AGENCIES];
	size_t na = 0;

	if (tb->lead >= 0 && (size_t)tb->lead < n)
		na = agencies_of(v, r, p->t, from[tb->lead], to[tb->lead], ags, PLAN_MAX_AGENCIES);
	if (tb->partner >= 0 && (size_t)tb->partner < n)
		agencies_of(v, r, p->t, from[tb->partner], to[tb->partner], other, PLAN_MAX_AGENCIES);
	if (na && tb->what >= 0 && (size_t)tb->what < n) {
		size_t a = from[tb->what], b = to[tb->what], k, words = 0;

		/* "Tỷ lệ ... hưởng lương (Mục tiêu 2)": the goal in brackets
		 * says where the indicator worded before it stands, not that
		 * the whole goal is the agency's */
		for (k = a; k < b && !is_punct(&p->t[k], "("); k++)
			words += p->t[k].kind == TK_WORD;
		if (k < b && words >= 4 && is_punct(&p->t[b - 1], ")"))
			b = k;
		assignments(d, r, ags, na, p->t + a, b - a, true);
	}
}

/* A date at t[j..): "30/11", "01/12/2026", "25 tháng 11 [năm 2026]".
 * Returns the index after it, or j. */
static size_t read_deadline_date(const struct tok *t, size_t j, size_t n, int *day, int *month, int *year)
{
	*day = *month = *year = 0;
	if (j + 2 < n && t[j].kind == TK_NUM && is_punct(&t[j + 1], "/") && t[j + 2].kind == TK_NUM) {
		*day = (int)t[j].v;
		*month = (int)t[j + 2].v;
		j += 3;
		if (j + 1 < n && is_punct(&t[j], "/") && tok_year(&t[j + 1], year))
			j += 2;
	} else if (j + 2 < n && t[j].kind == TK_NUM && tok_is(&t[j + 1], "thang") && t[j + 2].kind == TK_NUM) {
		*day = (int)t[j].v;
		*month = (int)t[j + 2].v;
		j += 3;
		if (j + 1 < n && tok_is(&t[j], "nam") && tok_year(&t[j + 1], year))
			j += 2;
	} else {
		return j;
	}
	if (*day < 1 || *day > 31 || *month < 1 || *month > 12 || !t[j - 1].plain)
		*day = *month = 0;
	return j;
}

/* "trước ngày", "trước", "chậm nhất (là) (vào) ngày", "không muộn hơn
 * ngày", "hạn chót": the index of the date after it, or 0. */
static size_t deadline_words(const struct tok *t, size_t k, size_t n)
{
	size_t j = 0;

	if (tok_spelt(&t[k], "trước"))
		j = k + 1;
	else if (tok_spelt(&t[k], "chậm") && k + 1 < n && tok_spelt(&t[k + 1], "nhất"))
		j = k + 2;
	else if (tok_spelt(&t[k], "muộn") && k + 1 < n && tok_spelt(&t[k + 1], "hơn"))
		j = k + 2;
	else if (tok_spelt(&t[k], "hạn") && k + 1 < n && tok_spelt(&t[k + 1], "chót"))
		j = k + 2;
	else
		return 0;
	while (j < n && (tok_spelt(&t[j], "là") || tok_spelt(&t[j], "vào") || tok_spelt(&t[j], "ngày") ||
			 is_punct(&t[j], ":")))
		j++;
	return j;
}

/* The agency reports go to in t[s0..s1): after "qua", else after "gửi" or
 * "về" ("gửi về Ủy ban nhân dân xã (qua Phòng Văn hóa – Xã hội)"). */
static const char *receiver(const struct vocab *v, const struct tok *t, size_t s0, size_t s1)
{
	size_t q, pos, end;
	int a;

	for (q = s0; q < s1; q++) {
		if (tok_spelt(&t[q], "qua")) {
			a = agency_at(v, t, q + 1, s1, 1, &pos, &end);
			if (a >= 0 && strcmp(v->ag[a].id, "all") != 0)
				return v->ag[a].id;
		}
	}
	for (q = s0; q < s1; q++) {
		if (tok_spelt(&t[q], "gửi") || tok_spelt(&t[q], "về") || tok_spelt(&t[q], "cho")) {
			a = agency_at(v, t, q + 1, s1, 2, &pos, &end);
			if (a >= 0 && strcmp(v->ag[a].id, "all") != 0 && pos <= q + 3)
				return v->ag[a].id;
		}
	}
	return NULL;
}

/* The reporting deadline: a date after "trước", "chậm nhất" in a sentence
 * (or at least a paragraph) about reports.  The yearly report wins over the half-yearly or quarterly
 * one ("định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày
 * 15/11)"), a sentence that says where reports go over one that does not. */
static void deadline(struct pdoc *d, const struct vocab *v, struct presult *r)
{
	size_t i, k;
	int best = -100;

	for (i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		const struct tok *t = p->t;

		if (p->section == SEC_CLOSING)
			continue;
		for (k = 0; k + 1 < p->nt; k++) {
			int day, month, year, score = 0;
			size_t j = deadline_words(t, k, p->nt), s0, s1, q;
			const char *to;

			if (!j || read_deadline_date(t, j, p->nt, &day, &month, &year) == j || !day)
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
				if (tok_spelt(&t[q], "gửi"))
					score |= 1;
			}
			/* "6 tháng", "quý" just before: an interim report */
			for (q = k > 6 ? k - 6 : 0; q < k; q++) {
				if ((t[q].kind == TK_NUM && q + 1 < k && tok_is(&t[q + 1], "thang") &&
				     (t[q].v == 6 || t[q].v == 3 || t[q].v == 9)) ||
				    tok_spelt(&t[q], "quý") || (tok_spelt(&t[q], "sáu") && q + 1 < k && tok_is(&t[q + 1], "thang")))
					score -= 8;
				if (tok_spelt(&t[q], "năm") && !(q + 1 < p->nt && t[q + 1].kind == TK_NUM))
					score += 1;
			}
			/* a date for finishing a task ("Thời gian hoàn thành: trước
			 * ngày 30/6") is no reporting deadline: the sentence, or at
			 * least its paragraph, speaks of reports */
			if (!(score & 2)) {
				bool reports = false;

				for (q = 0; q + 1 < p->nt && !reports; q++)
					reports = tok_is(&t[q], "bao") && tok_is(&t[q + 1], "cao");
				if (!reports)
					continue;
			}
			to = receiver(v, t, s0, s1);
			score += to ? 4 : 0;
			if (score < best)
				continue;
			best = score;
			r->has_deadline = true;
			r->dl_day = day;
			r->dl_month = month;
			r->dl_year = year;
			r->dl_line = p->line;
			r->dl_to = to;
		}
	}
}

/* ---- duties stated where the work is ----
 *
 * Besides an agency's part of the implementation section, plans give
 * duties
 *	after a target, in brackets: "(trách nhiệm của Phòng Kinh tế)",
 *	"(Phòng Kinh tế chủ trì, Hội Liên hiệp Phụ nữ xã phối hợp)";
 *	under a task: "Chủ trì: Công an xã; phối hợp: Trạm Y tế xã", or
 *	"Cơ quan chủ trì: ..." and "Cơ quan phối hợp: ..." on lines of their own;
 *	by content: a duty that restates an indicator of the plan with its
 *	measure ("duy trì chuyên mục ... hằng tháng", "bảo đảm mỗi quý có ít
 *	nhất 04 tin, bài", "bảo đảm tỷ lệ người bị bạo lực được hỗ trợ").
 * The lead answers for the indicators; partners are agencies of the plan
 * and answer for none.  A task block (its number, title, lead, partners)
 * is what a reader of the plan's tasks will want too. */

/* Does the plan state a target or an aim for catalog indicator ind? */
static bool plan_has_indicator(const struct presult *r, int ind)
{
	size_t i;

	for (i = 0; i < r->nt; i++) {
		if (r->t[i].ind == ind)
			return true;
	}
	return false;
}

static void assign_ind(struct presult *r, int ag, int ind)
{
	plan_assign(r, ag, ind);
}

/* A verb of keeping or watching an indicator just before t[k]. */
static bool keeps(const struct tok *t, size_t a, size_t k)
{
	static const char *const w[][2] = {
		{"theo", "dõi"}, {"bảo", "đảm"}, {"đảm", "bảo"}, {"thống", "kê"}, {"tổng", "hợp"}, {"duy", "trì"},
		{"báo", "cáo"},
	};
	size_t q, i, from = k > a + 4 ? k - 4 : a;

	for (q = from; q + 1 < k; q++) {
		for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
			if (tok_spelt(&t[q], w[i][0]) && tok_spelt(&t[q + 1], w[i][1]))
				return true;
		}
	}
	return false;
}

/* Words that measure: a figure, a share or ratio named, the data kept, a
 * frequency, "chỉ tiêu".  A duty that restates an indicator says one of them; a task that
 * only works on its field ("tuyên truyền kiến thức về bình đẳng giới")
 * does not. */
static bool measure_words(const struct tok *t, size_t a, size_t b)
{
	size_t k, j;
	int y;

	for (k = a; k < b; k++) {
		if (t[k].kind == TK_NUM && !tok_year(&t[k], &y))
			return true;
		j = tok_next_word(t, k + 1, b);
		if (j >= b)
			continue;
		/* "theo dõi tỷ lệ ...", "bảo đảm tỷ lệ ...": the indicator kept
		 * or watched, not a problem worked on ("khắc phục tình trạng
		 * ..., tỷ suất sinh ở vị thành niên") */
		if ((tok_spelt(&t[k], "tỷ") || tok_spelt(&t[k], "tỉ")) &&
		    (tok_spelt(&t[j], "lệ") || tok_spelt(&t[j], "số") || tok_spelt(&t[j], "suất") || tok_spelt(&t[j], "trọng")) &&
		    keeps(t, a, k))
			return true;
		/* "theo dõi, báo cáo số liệu về lao động nữ ...": the data of
		 * an indicator kept */
		if (tok_spelt(&t[k], "số") && tok_spelt(&t[j], "liệu") && keeps(t, a, k))
			return true;
		if ((tok_spelt(&t[k], "hằng") || tok_spelt(&t[k], "hàng") || tok_spelt(&t[k], "mỗi")) &&
		    (tok_spelt(&t[j], "tháng") || tok_spelt(&t[j], "quý")))
			return true;
		if (tok_spelt(&t[k], "chỉ") && tok_spelt(&t[j], "tiêu"))
			return true;
	}
	return false;
}

/* Clauses of t[a..b) that restate an indicator of the plan tie it to ags. */
static void content_duties(const struct vocab *v, struct presult *r, const int *ags, size_t nags, const struct tok *t,
			   size_t a, size_t b)
{
	size_t k, st = a, g;

	for (k = a; k <= b; k++) {
		int ind;

		if (k < b && !is_punct(&t[k], ";") && !is_punct(&t[k], "."))
			continue;
		if (k > st && measure_words(t, st, k) && (ind = plan_indicator_of(v, t, st, k, -1)) >= 0 &&
		    plan_has_indicator(r, ind)) {
			for (g = 0; g < nags; g++)
				assign_ind(r, ags[g], ind);
		}
		st = k + 1;
	}
}

static bool any_words(const struct tok *t, size_t a, size_t b, const char *const (*w)[2], size_t n)
{
	size_t k, i, j;

	for (k = a; k < b; k++) {
		for (i = 0; i < n; i++) {
			j = tok_next_word(t, k + 1, b);
			if (tok_spelt(&t[k], w[i][0]) && (!w[i][1] || (j < b && tok_spelt(&t[j], w[i][1]))))
				return true;
		}
	}
	return false;
}

/* The brackets after a target ("(trách nhiệm của Phòng Kinh tế)"): its
 * leads answer for the target's indicator. */
static void bracket_duties(struct pdoc *d, const struct vocab *v, struct presult *r)
{
	static const char *const lead_words[][2] = {
		{"trách", "nhiệm"}, {"chủ", "trì"}, {"phụ", "trách"}, {"theo", "dõi"}, {"giao", NULL},
	};
	static const char *const partner_words[][2] = {{"phối", "hợp"}};
	size_t i, n, k, o = 0;
	struct tok *t;

	for (i = 0; i < r->nt; i++) {
		const struct ptarget *x = &r->t[i];

		if (x->ind < 0 || !x->text || !strchr(x->text, '(') ||
		    pdoc_tokenize(&d->a, x->text, strlen(x->text), &t, &n))
			continue;
		for (k = 0; k < n; k++) {
			size_t ps, pk;

			if (is_punct(&t[k], "(")) {
				o = k + 1;
				continue;
			}
			if (!is_punct(&t[k], ")") || !o)
				continue;
			/* pieces at commas and semicolons: leads, or partners */
			for (ps = pk = o; pk <= k; pk++) {
				int ags[PLAN_MAX_AGENCIES];
				size_t na, pos, end, g;
				bool partner, lead;

				if (pk < k && !is_punct(&t[pk], ",") && !is_punct(&t[pk], ";"))
					continue;
				partner = any_words(t, ps, pk, partner_words, 1);
				lead = !partner && (any_words(t, ps, pk, lead_words, sizeof(lead_words) / sizeof(lead_words[0])) ||
						    (agency_at(v, t, ps, pk, 0, &pos, &end) >= 0 && pos == ps && end == pk));
				if (partner || lead) {
					na = agencies_of(v, r, t, ps, pk, ags, PLAN_MAX_AGENCIES);
					for (g = 0; lead && g < na; g++)
						assign_ind(r, ags[g], x->ind);
				}
				ps = pk + 1;
			}
			o = 0;
		}
	}
}

/* "Chủ trì:", "Cơ quan chủ trì:", "Đơn vị thực hiện:" (1, a lead) or
 * "Phối hợp:", "Cơ quan phối hợp:" (2, partners) at t[k]; *after gets the
 * index after the colon.  0 when none. */
static int role_label(const struct tok *t, size_t k, size_t n, size_t *after)
{
	size_t j = k;
	int role = 0;

	if (j + 1 < n && ((tok_is(&t[j], "co") && tok_is(&t[j + 1], "quan")) || (tok_is(&t[j], "don") && tok_is(&t[j + 1], "vi"))))
		j += 2;
	if (j + 1 < n && tok_is(&t[j], "chu") && tok_is(&t[j + 1], "tri"))
		role = 1;
	else if (j + 1 < n && tok_is(&t[j], "phoi") && tok_is(&t[j + 1], "hop"))
		role = 2;
	else if (j > k && j + 1 < n && tok_is(&t[j], "thuc") && tok_is(&t[j + 1], "hien"))
		role = 1;
	if (!role || j + 2 >= n || !is_punct(&t[j + 2], ":"))
		return 0;
	*after = j + 3;
	return role;
}

/* The roles a paragraph states: its leads (indices into r->agencies) go
 * to leads; partners are only added to the plan's agencies.  Returns the
 * index of the first label (the duty's own text ends there), or p->nt
 * when the paragraph states none. */
static size_t roles(const struct vocab *v, struct presult *r, const struct para *p, int *leads, size_t *nleads)
{
	const struct tok *t = p->t;
	size_t k, first = p->nt;

	*nleads = 0;
	for (k = 0; k < p->nt; k++) {
		size_t after, e;
		int role;

		/* a label opens the paragraph or follows a stop ("...; phối hợp:") */
		if (k > 0 && !is_punct(&t[k - 1], ";") && !is_punct(&t[k - 1], ".") && !is_punct(&t[k - 1], ","))
			continue;
		role = role_label(t, k, p->nt, &after);
		if (!role)
			continue;
		if (first == p->nt)
			first = k;
		for (e = after; e < p->nt && !is_punct(&t[e], ";") && !is_punct(&t[e], "."); e++) {
			size_t a2;

			if (role_label(t, e, p->nt, &a2))
				break;
		}
		if (role == 1)
			*nleads += agencies_of(v, r, t, after, e, leads + *nleads, PLAN_MAX_AGENCIES - *nleads);
		else {
			int tmp[PLAN_MAX_AGENCIES];

			agencies_of(v, r, t, after, e, tmp, PLAN_MAX_AGENCIES);
		}
		k = e > k ? e - 1 : k;
	}
	return first;
}

enum gemis_err plan_duties(struct pdoc *d, const struct vocab *v, struct presult *r)
{
	size_t i, ncur = 0, block = 0;
	int cur[PLAN_MAX_AGENCIES]; /* the agencies of the part being read */
	struct table tb = {-1, -1, -1};
	bool in_table = false;

	bracket_duties(d, v, r);
	for (i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		size_t from = duty_list(p), n, nleads, first;
		int ags[PLAN_MAX_AGENCIES], leads[PLAN_MAX_AGENCIES];

		if (p->mark == MK_ARABIC || p->mark == MK_ROMAN || p->mark == MK_LETTER)
			block = i; /* a task, or an agency's part, starts here */
		if (p->section != SEC_CLOSING && (first = roles(v, r, p, leads, &nleads)) < p->nt) {
			/* "Chủ trì: X; phối hợp: Y": X answers for what the task
			 * (its paragraphs up to here) ties or restates */
			size_t q;

			for (q = block < i ? block : i; nleads && q <= i; q++) {
				size_t end = q == i ? first : d->p[q].nt;

				assignments(d, r, leads, nleads, d->p[q].t, end, false);
				content_duties(v, r, leads, nleads, d->p[q].t, 0, end);
			}
			continue;
		}
		if (from) {
			agencies_in(v, r, p->t, from, p->nt);
			continue;
		}
		if (p->len && memmem(p->text, p->len, " | ", 3)) {
			/* a table of duties, in the implementation section or an
			 * annex after the signature, or the agency column of a
			 * table of targets */
			struct table h;

			if (table_header(p, &h)) {
				tb = h;
				in_table = true;
			} else if (in_table) {
				table_row(d, v, r, p, &tb);
			}
			continue;
		}
		in_table = false;
		if (p->section != SEC_IMPL) {
			ncur = 0;
			continue;
		}
		n = block_agencies(v, r, p, ncur > 0, ags, PLAN_MAX_AGENCIES);
		if (n == (size_t)-1) {
			ncur = 0; /* "Các cơ quan, đơn vị": every agency */
		} else if (n > 0) {
			memcpy(cur, ags, n * sizeof(*ags));
			ncur = n;
		} else if (p->mark == MK_ARABIC || p->mark == MK_LETTER || p->mark == MK_ROMAN) {
			ncur = 0; /* a numbered part that names no agency */
		}
		/* "Phối hợp với Công an xã thực hiện ...": the agency helps;
		 * the indicators are the other's */
		if (ncur > 0 && !(p->nt > 1 && tok_spelt(&p->t[0], "phối") && tok_spelt(&p->t[1], "hợp"))) {
			assignments(d, r, cur, ncur, p->t, p->nt, false);
			content_duties(v, r, cur, ncur, p->t, 0, p->nt);
		}
	}
	deadline(d, v, r);
	return GEMIS_OK;
}
