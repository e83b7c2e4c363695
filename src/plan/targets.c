/*
 * targets.c: the targets of a plan's goals section.
 *
 * Each paragraph under a goal ("Chỉ tiêu 2: ...", "- ...", or plain) is cut
 * into clauses at semicolons and sentence ends; each clause is one target
 * when it names an indicator or states a value.  For a clause:
 *   indicator  the best score of data/plan/indicators.txt (see there), the
 *              goal it stands under breaking ties and rescuing wordings that
 *              drop a word; "custom" when none fits;
 *   value      the number of the indicator's kind: "70%" for percentages,
 *              "1,4 lần" for ratios, "30/100.000" or "109 bé trai/100 bé
 *              gái" for rates, "04 tin, bài" for counts; years, dates,
 *              denominators and "chỉ tiêu 2" are never values; none means a
 *              qualitative commitment (direction "achieve");
 *   baseline   "giảm từ 55 ... xuống 50": 55, the value 50;
 *   direction  the word before the value: "dưới", "xuống", "còn", "không
 *              quá", "tối đa" at most; "trên", "ít nhất", "không dưới",
 *              "tối thiểu", "lên", "từ" at least; "đạt", "ở mức", "duy
 *              trì", "khoảng" and no word follow the indicator's polarity;
 *              "không còn X" is at most 0;
 *   year       "từ năm 2026 trở đi" 2026, else the last "năm YYYY" that is
 *              not a comparison ("so với năm 2020"), else the plan's last;
 *   group      "trẻ em ... dân tộc thiểu số": the breakdown and category of
 *              data/plan/groups.txt (see "the population group of a
 *              target" below).
 * A clause with two values of the same kind and two indicators ("90% người
 * bị bạo lực ... và 70% người gây bạo lực ...") is two targets.  A table of
 * targets ("Chỉ tiêu | Đơn vị tính | Thực hiện năm 2025 | Mục tiêu đến năm
 * 2030") is read by its columns (see "a table of targets" below).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_int.h"
#include "util/alloc.h"

#include "util/banned.h"

enum vkind {
	VK_PLAIN,
	VK_PCT,
	VK_TIMES,
	VK_PER,
	VK_ITEMS,
};

struct vcand {
	size_t at;
	enum vkind kind;
	double v;
};

#define MAX_VC 16

/* What the clauses of one paragraph pass on to the next: the indicator of
 * the clause before (for "đến năm 2030 đạt 60%"), and the years of its
 * targets when there were several ("tương ứng 60% và 70%" takes them in
 * order). */
struct cstate {
	int prev_ind;
	int years[MAX_VC];
	size_t nyears;
};

/* Where a clause stands: under a goal of the goals section, in that section
 * under none, or elsewhere (a plan without a goals section). */
enum where {
	W_ELSEWHERE,
	W_SECTION,
	W_GOAL,
};

static bool is_punct(const struct tok *t, const char *c)
{
	return t->kind == TK_PUNCT && strcmp(t->f, c) == 0;
}

/* "mục" (a section), not "mức" (a level): both fold to "muc". */
static bool is_muc(const struct tok *t)
{
	return t->kind == TK_WORD && t->len == 5 &&
	       (memcmp(t->s, "mục", 5) == 0 || memcmp(t->s, "Mục", 5) == 0 || memcmp(t->s, "MỤC", 5) == 0);
}

static size_t prev_word(const struct tok *t, size_t i, size_t from)
{
	while (i > from) {
		i--;
		if (t[i].kind != TK_PUNCT)
			return i;
	}
	return (size_t)-1;
}

/* Numbers of a clause that can be a target's value, with their kind. */
static size_t value_candidates(const struct tok *t, size_t a, size_t b, struct vcand *vc)
{
	size_t k, n = 0;

	for (k = a; k < b && n < MAX_VC; k++) {
		const struct tok *x = &t[k];
		size_t pw, q;
		int y;
		enum vkind kind = VK_PLAIN;

		if (x->kind != TK_NUM)
			continue;
		if (k > a && is_punct(&t[k - 1], "/"))
			continue; /* a denominator, or the month of a date */
		if (tok_year(x, &y) && !(k + 1 < b && is_punct(&t[k + 1], "%")))
			continue;
		if (k + 2 < b && is_punct(&t[k + 1], "/") && t[k + 2].kind == TK_NUM && x->plain &&
		    t[k + 2].plain && x->v <= 31 && t[k + 2].v >= 1 && t[k + 2].v <= 12)
			continue; /* a date: 15/11 */
		if (k > a + 1 && (is_punct(&t[k - 1], "-") || is_punct(&t[k - 1], "–")) && t[k - 2].kind == TK_NUM &&
		    t[k - 1].s == t[k - 2].s + t[k - 2].len)
			continue; /* the end of a range: "15-19" */
		pw = prev_word(t, k, a);
		if (pw != (size_t)-1 && (tok_is(&t[pw], "tuoi") || tok_spelt(&t[pw], "lớp") ||
					 tok_spelt(&t[pw], "khối")))
			continue; /* "độ tuổi 15-19", "vào lớp 1" */
		if (pw != (size_t)-1 && (tok_is(&t[pw], "tieu") || tok_is(&t[pw], "so") ||
					 tok_is(&t[pw], "dieu") || tok_is(&t[pw], "khoan") ||
					 is_muc(&t[pw]) || tok_is(&t[pw], "ngay") ||
					 tok_is(&t[pw], "thang") || tok_is(&t[pw], "quy") || tok_spelt(&t[pw], "bảng") ||
					 tok_spelt(&t[pw], "biểu") || tok_spelt(&t[pw], "lục")))
			continue; /* "chỉ tiêu 2", "Bảng 2", "Phụ lục 1": a label */
		if (k + 2 < b && tok_is(&t[k + 1], "nam") && tok_year(&t[k + 2], &y))
			; /* "115 năm 2024": a value and its year */
		else if (k + 1 < b && (tok_is(&t[k + 1], "nam") || tok_is(&t[k + 1], "thang") ||
				  tok_is(&t[k + 1], "ngay") || tok_is(&t[k + 1], "tuoi") ||
				  tok_is(&t[k + 1], "gio")))
			continue;
		if (k + 1 < b && is_punct(&t[k + 1], "%"))
			kind = VK_PCT;
		else if (k + 1 < b && (is_punct(&t[k + 1], "‰") || is_punct(&t[k + 1], "‱")))
			kind = VK_PER;
		else if (k + 1 < b && tok_is(&t[k + 1], "lan"))
			kind = VK_TIMES;
		else if (k + 1 < b && (tok_is(&t[k + 1], "tin") || tok_is(&t[k + 1], "bai") ||
				       tok_is(&t[k + 1], "chuyen") || tok_is(&t[k + 1], "san")))
			kind = VK_ITEMS;
		else {
			for (q = k + 1; q < b && q <= k + 4; q++) {
				if (is_punct(&t[q], "/") && q + 1 < b && t[q + 1].kind == TK_NUM) {
					kind = VK_PER;
					break;
				}
				if (t[q].kind != TK_WORD)
					break;
			}
			if (kind == VK_PLAIN && k + 1 < b && tok_is(&t[k + 1], "tren") && k + 2 < b &&
			    t[k + 2].kind == TK_NUM)
				kind = VK_PER; /* "30 trên 100.000" */
		}
		vc[n].at = k;
		vc[n].kind = kind;
		vc[n].v = x->v;
		n++;
	}
	return n;
}

static enum vkind kind_for(int ind)
{
	const char *u;

	if (ind < 0)
		return VK_PCT;
	u = catalog[ind].unit;
	if (strcmp(u, "%") == 0)
		return VK_PCT;
	if (strcmp(u, "ratio") == 0)
		return VK_TIMES;
	if (strcmp(u, "items_per_quarter") == 0)
		return VK_ITEMS;
	return VK_PER;
}

struct score {
	int ind;
	int raw, total;
};

static struct score best_indicator(const struct vocab *v, const struct tok *t, size_t a, size_t b,
				   int goal_kind)
{
	struct score s = {-1, 0, 0};
	/* a failed allocation finds no indicator and fails the import
	 * (alloc_failures()) */
	int *raw = gemis_calloc(catalog_n() ? catalog_n() : 1, sizeof(*raw));
	size_t i;

	if (!raw)
		return s;
	for (i = 0; i < v->nind; i++) {
		if (v->ind[i].ind >= 0 && (size_t)v->ind[i].ind < catalog_n() &&
		    phrase_find(t, a, b, &v->ind[i].p, NULL) >= 0)
			raw[v->ind[i].ind] += v->ind[i].weight;
	}
	for (i = 0; i < catalog_n(); i++) {
		int total = raw[i] + (goal_kind >= 0 && (int)catalog[i].goal == goal_kind && raw[i] > 0 ? 2 : 0);

		if (raw[i] >= 3 && total >= 5 && total > s.total) {
			s.ind = (int)i;
			s.raw = raw[i];
			s.total = total;
		}
	}
	free(raw);
	return s;
}

int plan_indicator_of(const struct vocab *v, const struct tok *t, size_t a, size_t b, int goal_kind)
{
	return best_indicator(v, t, a, b, goal_kind).ind;
}

/* w1 followed by w2 (NULL: w1 alone) somewhere in t[a..b); words compared
 * as spelt (tok_spelt), so that "giảm" is not "giám đốc". */
/* Word w1, then w2 as the next word (punctuation between), in t[a..b);
 * w2 NULL: w1 alone.  same() compares a word: tok_spelt (with its marks)
 * or tok_is (folded). */
static bool words_in(const struct tok *t, size_t a, size_t b, const char *w1, const char *w2,
		     bool (*same)(const struct tok *, const char *))
{
	size_t k, j;

	for (k = a; k < b; k++) {
		if (!same(&t[k], w1))
			continue;
		if (!w2)
			return true;
		j = tok_next_word(t, k + 1, b);
		if (j < b && same(&t[j], w2))
			return true;
	}
	return false;
}

static bool has_words(const struct tok *t, size_t a, size_t b, const char *w1, const char *w2)
{
	return words_in(t, a, b, w1, w2, tok_spelt);
}

/* Direction from the words just before the value at index at (back to a). */
static int direction_before(const struct tok *t, size_t a, size_t at)
{
	size_t k = at, words = 0;

	while (k > a && words < 6) {
		const struct tok *x;
		size_t pw;

		k--;
		x = &t[k];
		if (x->kind == TK_NUM || is_punct(x, ";"))
			break;
		if (x->kind == TK_PUNCT)
			continue;
		words++;
		pw = prev_word(t, k, a);
		if (tok_spelt(x, "dưới")) {
			if (pw != (size_t)-1 && tok_spelt(&t[pw], "không"))
				return DIR_AT_LEAST;
			return DIR_AT_MOST;
		}
		if ((tok_spelt(x, "quá") || tok_spelt(x, "vượt")) && pw != (size_t)-1 && tok_spelt(&t[pw], "không"))
			return DIR_AT_MOST;
		if (tok_spelt(x, "quá") && pw != (size_t)-1 && tok_spelt(&t[pw], "vượt") &&
		    prev_word(t, pw, a) != (size_t)-1 && tok_spelt(&t[prev_word(t, pw, a)], "không"))
			return DIR_AT_MOST;
		if (tok_spelt(x, "đa") && pw != (size_t)-1 && tok_spelt(&t[pw], "tối"))
			return DIR_AT_MOST;
		if (tok_spelt(x, "hơn") && pw != (size_t)-1) {
			/* "thấp hơn", "ít hơn" ... at most; "cao hơn", "nhiều hơn"
			 * ... at least; "không" before turns them round ("không
			 * thấp hơn 98%": at least) */
			static const char *const below[] = {"thấp", "ít", "nhỏ", "kém", NULL};
			static const char *const above[] = {"cao", "nhiều", "lớn", NULL};
			size_t ppw = prev_word(t, pw, a);
			bool neg = ppw != (size_t)-1 && tok_spelt(&t[ppw], "không");
			int i;

			for (i = 0; below[i]; i++) {
				if (tok_spelt(&t[pw], below[i]))
					return neg ? DIR_AT_LEAST : DIR_AT_MOST;
			}
			for (i = 0; above[i]; i++) {
				if (tok_spelt(&t[pw], above[i]))
					return neg ? DIR_AT_MOST : DIR_AT_LEAST;
			}
		}
		if (tok_spelt(x, "xuống") || tok_spelt(x, "còn") || tok_spelt(x, "giảm"))
			return DIR_AT_MOST;
		if (tok_spelt(x, "trên") || tok_spelt(x, "lên") || tok_spelt(x, "tăng") ||
		    (tok_spelt(x, "nhất") && pw != (size_t)-1 && tok_spelt(&t[pw], "ít")) ||
		    (tok_spelt(x, "thiểu") && pw != (size_t)-1 && tok_spelt(&t[pw], "tối")) ||
		    (tok_spelt(x, "từ") && k + 1 == at))
			return DIR_AT_LEAST;
		if (tok_spelt(x, "đạt") || tok_spelt(x, "mức") || tok_spelt(x, "khoảng") || tok_spelt(x, "trì") ||
		    tok_spelt(x, "chiếm"))
			return -1;
	}
	return -1;
}

/* The year token at k counts as a target year: not a period ("2026-2030"),
 * not a comparison ("so với năm 2020"). */
static bool target_year_at(const struct tok *t, size_t a, size_t b, size_t k, int *y)
{
	size_t p1, p2, p3;

	if (!tok_year(&t[k], y))
		return false;
	if (k + 2 < b + 1 && k + 1 < b && (is_punct(&t[k + 1], "-") || is_punct(&t[k + 1], "–")) &&
	    k + 2 < b && t[k + 2].kind == TK_NUM)
		return false; /* "2026-2030": a period */
	if (k > a && (is_punct(&t[k - 1], "-") || is_punct(&t[k - 1], "–")) && k > a + 1 &&
	    t[k - 2].kind == TK_NUM)
		return false;
	p1 = prev_word(t, k, a);
	if (p1 == (size_t)-1)
		return true;
	if (tok_is(&t[p1], "nam") || tok_is(&t[p1], "hoc"))
		p1 = prev_word(t, p1, a);
	if (p1 == (size_t)-1)
		return true;
	p2 = prev_word(t, p1, a);
	p3 = p2 == (size_t)-1 ? (size_t)-1 : prev_word(t, p2, a);
	if (tok_is(&t[p1], "voi") || tok_is(&t[p1], "doan") || tok_is(&t[p1], "ky") ||
	    (p3 != (size_t)-1 && tok_is(&t[p3], "so") && tok_is(&t[p2], "voi")))
		return false;
	return true;
}

/* "từ năm 2026 trở đi": that year for every value of the clause, or 0. */
static int from_year_on(const struct tok *t, size_t a, size_t b)
{
	size_t k, j;
	int y;

	for (k = a; k < b; k++) {
		if (!tok_year(&t[k], &y))
			continue;
		j = tok_next_word(t, k + 1, b);
		if (j < b && tok_is(&t[j], "tro")) {
			size_t j2 = tok_next_word(t, j + 1, b);

			if (j2 < b && (tok_is(&t[j2], "di") || tok_is(&t[j2], "len")))
				return y;
		}
	}
	return 0;
}

/* The year of the value at t[at], looking after it up to `next` (the next
 * value) and then before it back to `prev`; 0 when none. */
static int year_near(const struct tok *t, size_t a, size_t b, size_t prev, size_t at, size_t next)
{
	size_t k;
	int y;

	for (k = at + 1; k < next && k < b; k++) {
		if (target_year_at(t, a, b, k, &y))
			return y;
	}
	for (k = at; k > prev && k > a; k--) {
		if (target_year_at(t, a, b, k - 1, &y))
			return y;
	}
	return 0;
}

/* The target year written between prev and at (the latest), or 0. */
static int year_before(const struct tok *t, size_t a, size_t b, size_t prev, size_t at)
{
	size_t k;
	int y;

	for (k = at; k > prev && k > a; k--) {
		if (target_year_at(t, a, b, k - 1, &y))
			return y;
	}
	return 0;
}

static int clause_year(const struct tok *t, size_t a, size_t b, int last)
{
	size_t k;
	int y = 0, found = from_year_on(t, a, b);

	if (found)
		return found;
	for (k = a; k < b; k++) {
		if (target_year_at(t, a, b, k, &y))
			found = y;
	}
	return found ? found : last;
}

static const char *clause_text(struct pdoc *d, const struct tok *t, size_t a, size_t b)
{
	const char *s, *e;

	while (a < b && t[a].kind == TK_PUNCT && !is_punct(&t[a], "("))
		a++;
	while (b > a && t[b - 1].kind == TK_PUNCT && (is_punct(&t[b - 1], ";") || is_punct(&t[b - 1], ",")))
		b--;
	if (a >= b)
		return "";
	s = t[a].s;
	e = t[b - 1].s + t[b - 1].len;
	return arena_strndup(&d->a, s, (size_t)(e - s));
}

/* "không còn X mà chưa được Y", "không để X không được Y": a negation
 * after "không còn" turns it into "every X is Y". */
static bool double_negation(const struct tok *t, size_t a, size_t b)
{
	size_t k, j;

	for (k = a; k < b; k++) {
		if (!(tok_spelt(&t[k], "không") && (j = tok_next_word(t, k + 1, b)) < b &&
		      (tok_spelt(&t[j], "còn") || tok_spelt(&t[j], "để"))))
			continue;
		for (j = j + 1; j + 1 < b; j++) {
			if ((tok_spelt(&t[j], "không") || tok_spelt(&t[j], "chưa")) &&
			    (tok_spelt(&t[j + 1], "được") || tok_spelt(&t[j + 1], "có")))
				return true;
		}
	}
	return false;
}

/* Direction of the value at vc[i] within its part of the clause. */
static int value_direction(const struct tok *t, size_t a, size_t b, size_t seg, size_t at, int ind)
{
	int dir = direction_before(t, seg, at);

	if (dir < 0 && seg > a)
		dir = direction_before(t, a, at);
	if (dir >= 0)
		return dir;
	if (has_words(t, a, b, "trở", "lên"))
		return DIR_AT_LEAST;
	if (has_words(t, a, b, "trở", "xuống") || has_words(t, a, b, "không", "vượt") ||
	    has_words(t, a, b, "không", "quá"))
		return DIR_AT_MOST;
	if (has_words(t, a, b, "giảm", NULL))
		return DIR_AT_MOST;
	if (has_words(t, a, b, "tăng", NULL))
		return DIR_AT_LEAST;
	return ind >= 0 && catalog[ind].polarity == POL_LOWER ? DIR_AT_MOST : DIR_AT_LEAST;
}

static struct ptarget *new_target(struct pdoc *d, struct presult *r, const struct para *p, int ind,
				  const struct tok *t, size_t a, size_t b, int item)
{
	struct ptarget *x;

	if (r->nt >= PLAN_MAX_TARGETS)
		return NULL;
	x = &r->t[r->nt++];
	memset(x, 0, sizeof(*x));
	x->ind = ind;
	x->goal_kind = ind >= 0 ? (int)catalog[ind].goal : p->goal_kind;
	x->line = p->line;
	x->goal_no = p->goal;
	x->item_no = item;
	x->para = (size_t)(p - d->p);
	x->text = clause_text(d, t, a, b);
	x->dir = DIR_ACHIEVE;
	return x;
}

/* An aim without a measure: words of a trend or an effort ("nâng cao",
 * "từng bước", "hạn chế", "giảm dần", "quan tâm") and no end to check
 * ("hoàn thành", "duy trì", "hằng tháng", "tất cả").  "Nâng cao nhận
 * thức" names the content of a programme, not a trend. */
static bool aspiration(const struct tok *t, size_t a, size_t b)
{
	static const char *const trend[][2] = {
		{"nâng", "cao"}, {"tăng", NULL},    {"giảm", NULL},   {"hạn", "chế"},    {"kiểm", "soát"},
		{"cải", "thiện"}, {"thu", "hẹp"},   {"từng", "bước"}, {"quan", "tâm"},   {"chăm", "lo"},
		{"hướng", "tới"}, {"góp", "phần"},  {"đẩy", "mạnh"},  {"khuyến", "khích"}, {"chú", "trọng"},
		{"nỗ", "lực"},    {"cố", "gắng"},   {"thúc", "đẩy"},  {"ngày", "càng"},  {"chuyển", "biến"},
		{"tạo", "điều"},  {"tiến", "tới"},
	};
	static const char *const end[][2] = {
		{"hoàn", "thành"}, {"duy", "trì"}, {"tất", "cả"}, {"toàn", "bộ"}, {"hằng", "tháng"},
		{"hàng", "tháng"}, {"mỗi", "tháng"}, {"mọi", NULL},
	};
	size_t i, k;
	bool vague = false;

	for (i = 0; i < sizeof(end) / sizeof(end[0]); i++) {
		if (has_words(t, a, b, end[i][0], end[i][1]))
			return false;
	}
	for (i = 0; i < sizeof(trend) / sizeof(trend[0]) && !vague; i++) {
		for (k = a; k < b && !vague; k++) {
			size_t j = tok_next_word(t, k + 1, b);

			if (!tok_spelt(&t[k], trend[i][0]) || (trend[i][1] && !(j < b && tok_spelt(&t[j], trend[i][1]))))
				continue;
			/* "nâng cao nhận thức": what a programme does */
			if (i == 0 && j + 1 < b && tok_spelt(&t[tok_next_word(t, j + 1, b)], "nhận"))
				continue;
			vague = true;
		}
	}
	return vague;
}

/* Keeps an aim of the goals section that has no measure, for the review
 * page and the lint (no_measurable_target); it is no target.  A clause
 * that ends with a colon ("Các chỉ tiêu tại bảng dưới đây:") announces
 * the list or table after it: no aim. */
static void add_aim(struct pdoc *d, struct presult *r, const struct para *p, int ind, const struct tok *t,
		    size_t a, size_t b, int item)
{
	struct ptarget *x;

	if (b > a && is_punct(&t[b - 1], ":"))
		return;
	x = new_target(d, r, p, ind, t, a, b, item);

	if (x)
		x->aim = true;
}

/* A value preceded by "từ" and followed by another value ("giảm từ 55 xuống
 * 50", "tăng từ 38% năm 2024 lên 45%") is where the indicator starts; "từ
 * 25% trở lên" is the target itself. */
static bool is_baseline(const struct tok *t, size_t a, size_t b, const struct vcand *v, bool has_next)
{
	size_t pw = prev_word(t, v->at, a), j;

	if (!has_next || pw == (size_t)-1 || !tok_spelt(&t[pw], "từ"))
		return false;
	j = tok_next_word(t, v->at + 1, b);
	while (j < b && t[j].kind == TK_WORD && !tok_spelt(&t[j], "trở") && !tok_spelt(&t[j], "năm") &&
	       j < v->at + 6)
		j = tok_next_word(t, j + 1, b);
	return !(j < b && tok_spelt(&t[j], "trở"));
}

/* The value candidates of the indicator's kind (want) among vc, into
 * sel; their number. */
static size_t select_values(const struct vcand *vc, size_t nvc, int ind, enum vkind want, size_t sel[MAX_VC])
{
	size_t i, ns = 0;

	for (i = 0; i < nvc; i++) {
		if (vc[i].kind == want)
			sel[ns++] = i;
	}
	if (want == VK_PER && ns > 0) {
		/* "giảm từ 30 xuống còn 22 trẻ/1.000 phụ nữ": the rate's unit is
		 * written once, after the last number */
		ns = 0;
		for (i = 0; i < nvc; i++) {
			if (vc[i].kind == VK_PER || vc[i].kind == VK_PLAIN)
				sel[ns++] = i;
		}
	}
	if (ns == 0 && want != VK_PCT) {
		for (i = 0; i < nvc; i++) {
			if (vc[i].kind != VK_PCT) {
				sel[ns++] = i;
				break;
			}
		}
	}
	if (ns == 0 && want == VK_PCT) {
		/* "mỗi tháng có ít nhất 01 chuyên mục": a count where the
		 * catalog keeps a share */
		for (i = 0; i < nvc && !ns; i++) {
			if (vc[i].kind == VK_ITEMS)
				sel[ns++] = i;
		}
	}
	if (ns == 0 && ind < 0 && nvc > 0)
		sel[ns++] = 0;
	return ns;
}

/* A target without a value: none left ("không còn"), every one
 * ("không ... không được"), or done on an indicator with such an end;
 * otherwise an aim. */
static void valueless_target(struct pdoc *d, struct presult *r, const struct para *p, int ind, const struct tok *t,
			     size_t a, size_t b, int item, int cy)
{
	bool all = double_negation(t, a, b) && (ind < 0 || catalog[ind].polarity == POL_HIGHER);
	bool none = !all && (has_words(t, a, b, "không", "còn") || has_words(t, a, b, "không", "để"));
	struct ptarget *x;

	/* without a value, a target needs a checkable end: none left,
	 * every one, or done on an indicator that has such an end */
	if (!all && !none && !(ind >= 0 && catalog[ind].end_state && !aspiration(t, a, b))) {
		add_aim(d, r, p, ind, t, a, b, item);
		return;
	}
	x = new_target(d, r, p, ind, t, a, b, item);
	if (!x)
		return;
	x->year = cy;
	if (all) {
		/* "không còn nạn nhân ... không được hỗ trợ": all of them */
		x->has_value = true;
		x->value = 100;
		x->unit = "%";
		x->dir = DIR_AT_LEAST;
	} else if (none) {
		x->has_value = true;
		x->value = 0;
		x->unit = ind >= 0 ? catalog[ind].unit : NULL;
		x->dir = DIR_AT_MOST;
	}
}

static void add_target(struct pdoc *d, struct presult *r, const struct para *p, int ind,
		       const struct tok *t, size_t a, size_t b, const struct vcand *vc, size_t nvc,
		       int item, int year, const struct cstate *resp)
{
	enum vkind want = kind_for(ind);
	size_t i, sel[MAX_VC], ns = 0, vals[MAX_VC], nv = 0;
	int years[MAX_VC], last = r->to ? r->to : 2030, cy, from_on;
	bool distinct = false, has_base = false, before_each;
	double base = 0;
	int base_year = 0;
	size_t base_end = a;
	struct ptarget *x;

	ns = select_values(vc, nvc, ind, want, sel);
	cy = clause_year(t, a, b, year ? year : last);
	if (ns == 0) {
		valueless_target(d, r, p, ind, t, a, b, item, cy);
		return;
	}
	/* baselines, then the year of each value */
	for (i = 0; i < ns; i++) {
		const struct vcand *v = &vc[sel[i]];

		if (!has_base && nv == 0 && is_baseline(t, a, b, v, i + 1 < ns)) {
			size_t next = vc[sel[i + 1]].at, k;
			int y;

			has_base = true;
			base = v->v;
			base_end = v->at + 1;
			for (k = v->at + 1; k < next; k++) {
				if (tok_year(&t[k], &y) && prev_word(t, k, a) != (size_t)-1 &&
				    tok_is(&t[prev_word(t, k, a)], "nam")) {
					base_year = y;
					base_end = k + 1;
					break;
				}
			}
			continue;
		}
		vals[nv++] = sel[i];
	}
	/* the baseline's year is not the target's ("giảm từ 38,5% năm 2025
	 * xuống dưới 25%": 2030, the plan's last) */
	if (has_base && base_year && cy == base_year)
		cy = year ? year : last;
	from_on = from_year_on(t, a, b);
	/* milestones written year first ("năm 2027 đạt 30%, năm 2030 đạt
	 * 40%") take the year before each value, when every value has one */
	before_each = nv > 1;
	for (i = 0; i < nv && before_each; i++) {
		size_t prev = i > 0 ? vc[vals[i - 1]].at : (has_base ? base_end : a);

		before_each = year_before(t, a, b, prev, vc[vals[i]].at) != 0;
	}
	for (i = 0; i < nv; i++) {
		size_t prev = i > 0 ? vc[vals[i - 1]].at : (has_base ? base_end : a);
		size_t next = i + 1 < nv ? vc[vals[i + 1]].at : b;
		int y = from_on ? from_on
			: before_each ? year_before(t, a, b, prev, vc[vals[i]].at)
				      : year_near(t, a, b, prev, vc[vals[i]].at, next);

		/* "... tương ứng 60% và 70%": the years of the clause before,
		 * in order */
		if (resp && resp->nyears == nv && !y)
			y = resp->years[i];
		years[i] = y ? y : cy;
		if (i > 0 && years[i] != years[0])
			distinct = true;
	}
	/* two values of the same kind for different years ("60% vào năm 2027
	 * và 75% vào năm 2030") are two targets; otherwise the first value */
	if (!distinct)
		nv = nv > 0 ? 1 : 0;
	for (i = 0; i < nv; i++) {
		const struct vcand *v = &vc[vals[i]];
		size_t seg = i > 0 ? vc[vals[i - 1]].at + 1 : a;

		x = new_target(d, r, p, ind, t, distinct ? seg : a, distinct && i + 1 < nv ? vc[vals[i + 1]].at : b,
			       item);
		if (!x)
			return;
		x->has_value = true;
		x->value = v->v;
		if (ind >= 0 && v->kind == kind_for(ind))
			x->unit = catalog[ind].unit;
		else
			x->unit = v->kind == VK_PCT ? "%" : NULL;
		x->year = years[i];
		x->has_base = has_base;
		x->base = base;
		x->base_year = base_year;
		x->dir = (enum direction)value_direction(t, a, b, seg, v->at, ind);
	}
}

/* ---- the population group of a target ----
 *
 * A target may hold for one group of people only ("Tỷ lệ trẻ em trai và
 * trẻ em gái dân tộc thiểu số ... hoàn thành giáo dục tiểu học 99,9%"): the
 * indicator stays the catalog's, and the target gets the breakdown and
 * category that data/plan/groups.txt gives the words.  The words count only
 * within the target's own clause (or its half, when a clause holds two
 * targets), so that a group named in the clause before or after, or in a
 * sentence that sets no target ("nhất là vùng sâu, vùng xa, vùng dân tộc
 * thiểu số"), restricts nothing.  Where phrases overlap the one that
 * starts first wins, then the longer one: "nông thôn mới" (a programme),
 * "vùng dân tộc thiểu số" (a place, see groups.txt) and the agencies' names
 * ("Phòng Kinh tế, Hạ tầng và Đô thị") silence the group inside them. */

#define GROUP_MATCHES 32

struct gmatch {
	size_t at, end;
	const struct grp_phrase *g; /* NULL: an agency's name */
};

static int cmp_gmatch(const void *x, const void *y)
{
	const struct gmatch *a = x, *b = y;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->end > b->end ? -1 : a->end < b->end ? 1 : 0;
}

/* Every occurrence of p in t[a..b) into m (at most GROUP_MATCHES in all). */
static size_t find_all(const struct tok *t, size_t a, size_t b, const struct phrase *p, const struct grp_phrase *g,
		       struct gmatch *m, size_t n)
{
	size_t from = a, end;
	long at;

	while (n < GROUP_MATCHES && from < b && (at = phrase_find(t, from, b, p, &end)) >= 0) {
		m[n].at = (size_t)at;
		m[n].end = end;
		m[n].g = g;
		n++;
		from = (size_t)at + 1;
	}
	return n;
}

/* A group named after "nhất là", "đặc biệt", "ưu tiên", "chú trọng", "kể
 * cả", "trong đó" is stressed within the target's population or a share of
 * it ("đạt 50%, trong đó lao động nữ DTTS 20%"), not the population the
 * target's value is for. */
static bool stressed(const struct tok *t, size_t a, size_t at)
{
	static const char *const w[][2] = {
		{"nhất", "là"}, {"đặc", "biệt"}, {"ưu", "tiên"}, {"chú", "trọng"}, {"kể", "cả"}, {"trong", "đó"},
	};
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		if (has_words(t, a, at, w[i][0], w[i][1]))
			return true;
	}
	return false;
}

/* The group the words of t[a..b) restrict a target to, or NULL.  A clause
 * that names two groups ("phụ nữ dân tộc thiểu số ở nông thôn", "cả thành
 * thị và nông thôn") gives none: the figure of either category alone is not
 * the one the plan sets, and the store keeps one category a target.  Age
 * groups are not read: the ages an indicator names are part of its
 * definition ("15-19 tuổi"). */
static const struct grp_phrase *group_of(const struct vocab *v, const struct tok *t, size_t a, size_t b)
{
	struct gmatch m[GROUP_MATCHES];
	const struct grp_phrase *found = NULL;
	size_t n = 0, i, stop = a;

	for (i = 0; i < v->ngrp; i++)
		n = find_all(t, a, b, &v->grp[i].p, &v->grp[i], m, n);
	if (n == 0)
		return NULL;
	for (i = 0; i < v->nag; i++)
		n = find_all(t, a, b, &v->ag[i].p, NULL, m, n);
	qsort(m, n, sizeof(*m), cmp_gmatch);
	for (i = 0; i < n; i++) {
		const struct grp_phrase *g = m[i].g;

		if (m[i].at < stop)
			continue; /* inside a phrase that starts before it */
		stop = m[i].end;
		if (!g || !g->category || stressed(t, a, m[i].at))
			continue;
		if (found && (found->breakdown != g->breakdown || found->category != g->category))
			return NULL; /* two groups: none (see above) */
		found = g;
	}
	return found;
}

/* Sets x's breakdown and category from the words of t[a..b), the range it
 * was read from (group_of()). */
static void target_group(const struct vocab *v, struct ptarget *x, const struct tok *t, size_t a, size_t b)
{
	const struct grp_phrase *g;

	if (x->ind < 0 || x->aim)
		return; /* a custom target keeps its sentence whole */
	g = group_of(v, t, a, b);
	if (g) {
		x->breakdown = g->breakdown;
		x->category = g->category;
	}
}

/* "85% người dân ở thành thị và 70% người dân ở nông thôn": the halves of a
 * clause name two categories of one breakdown, each with its value. */
static bool two_groups(const struct vocab *v, const struct tok *t, size_t a, size_t cut, size_t b)
{
	const struct grp_phrase *g1 = group_of(v, t, a, cut), *g2 = group_of(v, t, cut + 1, b);

	return g1 && g2 && g1->breakdown == g2->breakdown && g1->category != g2->category;
}

/* target_group() for the targets r->t[from..] read from t[a..b). */
static void group_targets(const struct vocab *v, struct presult *r, size_t from, const struct tok *t, size_t a,
			  size_t b)
{
	size_t k;

	for (k = from; k < r->nt; k++)
		target_group(v, &r->t[k], t, a, b);
}

static void clause_targets(struct pdoc *d, const struct vocab *v, struct presult *r, const struct para *p,
			   const struct tok *t, size_t a, size_t b, int item, enum where where,
			   const struct vcand *vc, size_t nvc, struct score s, const struct cstate *resp);

/* A clause that names nothing but a time, a direction and a value ("đến
 * năm 2030 đạt 60%") goes on with the indicator of the clause before it. */
static bool bare_clause(const struct tok *t, size_t a, size_t b)
{
	static const char *const w[] = {
		"đến", "năm", "vào", "đạt", "trên", "dưới", "từ", "trở", "lên", "xuống", "còn", "ít", "nhất",
		"tối", "thiểu", "đa", "không", "quá", "vượt", "và", "phấn", "đấu", "tiến", "tới", "khoảng",
		"mức", "ở", "sau", "tăng", "giảm", "duy", "trì", "hằng", "hàng", "mỗi", "là", "có", "thì",
		"đồng", "thời", "tiếp", "tục", "giai", "đoạn", "trong", "riêng", "lần", NULL};
	size_t k;
	int i;

	for (k = a; k < b; k++) {
		if (t[k].kind != TK_WORD)
			continue;
		for (i = 0; w[i] && !tok_spelt(&t[k], w[i]); i++)
			;
		if (!w[i])
			return false;
	}
	return true;
}

/* "(năm 2026 là 71%)", "(hiện nay đạt 62%)": a bracket that gives the
 * level where the indicator stands, not a target nor its year.  Returns
 * true with its value and year (0 when none) when t[o..c] is one. */
static bool bracket_baseline(const struct tok *t, size_t o, size_t c, int first, double *v, int *y)
{
	size_t k;
	bool value = false, past = false;

	*y = 0;
	for (k = o + 1; k < c; k++) {
		int yy;

		if (tok_year(&t[k], &yy)) {
			*y = yy;
			past |= yy <= first;
		} else if (t[k].kind == TK_NUM && !value) {
			*v = t[k].v;
			value = true;
		}
		if (tok_spelt(&t[k], "hiện") || tok_spelt(&t[k], "ước") || (tok_spelt(&t[k], "cơ") && k + 1 < c && tok_spelt(&t[k + 1], "sở")))
			past = true;
	}
	return value && past;
}

/* One clause: one target, or two when it holds two values and two
 * indicators.  st carries what the clause before left (struct cstate);
 * it gets this clause's. */
static void clause(struct pdoc *d, const struct vocab *v, struct presult *r, const struct para *p,
		   const struct tok *t, size_t a, size_t b, int item, enum where where, struct cstate *st)
{
	struct vcand vc[MAX_VC];
	size_t nvc, before = r->nt, k, o = b;
	struct score s;
	struct tok *copy = NULL;
	double base = 0;
	int base_year = 0;
	bool resp;

	/* a baseline in brackets leaves the clause: its year is not the
	 * target's, its value no target */
	for (k = a; k < b; k++) {
		if (is_punct(&t[k], "("))
			o = k;
		else if (is_punct(&t[k], ")") && o < k &&
			 bracket_baseline(t, o, k, r->from ? r->from : 2026, &base, &base_year)) {
			copy = arena_alloc(&d->a, (b - a) * sizeof(*copy));
			if (copy) {
				memcpy(copy, t + a, (o - a) * sizeof(*copy));
				memcpy(copy + (o - a), t + k + 1, (b - k - 1) * sizeof(*copy));
				b = b - a - (k + 1 - o);
				a = 0;
				t = copy;
			}
			break;
		}
	}
	nvc = value_candidates(t, a, b, vc);
	s = best_indicator(v, t, a, b, p->goal_kind);
	resp = has_words(t, a, b, "tương", "ứng");
	if (s.ind < 0 && nvc > 0 && st->prev_ind >= 0 && bare_clause(t, a, b))
		s.ind = st->prev_ind;
	clause_targets(d, v, r, p, t, a, b, item, where, vc, nvc, s, resp ? st : NULL);
	for (k = before; copy && k < r->nt; k++) {
		if (!r->t[k].aim && r->t[k].has_value && !r->t[k].has_base) {
			r->t[k].has_base = true;
			r->t[k].base = base;
			r->t[k].base_year = base_year;
		}
	}
	if (r->nt > before) {
		st->prev_ind = r->t[r->nt - 1].ind;
		st->nyears = 0;
		for (k = before; k < r->nt && st->nyears < MAX_VC; k++)
			st->years[st->nyears++] = r->t[k].year;
		if (st->nyears < 2 || st->years[0] == st->years[1])
			st->nyears = 0;
	}
}

static void clause_targets(struct pdoc *d, const struct vocab *v, struct presult *r, const struct para *p,
			   const struct tok *t, size_t a, size_t b, int item, enum where where,
			   const struct vcand *vc, size_t nvc, struct score s, const struct cstate *resp)
{
	size_t i;

	if (nvc == 0 && s.ind < 0 && where != W_GOAL)
		return;
	if (nvc == 0 && s.ind < 0 && (b - a < 4))
		return;
	/* two values of the same kind, not "từ X ... xuống Y": try two targets */
	for (i = 1; i < nvc; i++) {
		size_t pw = prev_word(t, vc[0].at, a), k, cut = 0;

		if (vc[i].kind != vc[0].kind || (pw != (size_t)-1 && tok_spelt(&t[pw], "từ")))
			continue;
		for (k = vc[i].at; k > vc[0].at + 1; k--) {
			if (is_punct(&t[k - 1], ",") || tok_is(&t[k - 1], "va")) {
				cut = k - 1;
				break;
			}
		}
		if (cut) {
			struct score s1 = best_indicator(v, t, a, cut, p->goal_kind);
			struct score s2 = best_indicator(v, t, cut + 1, b, p->goal_kind);

			/* one indicator for two groups, named once: two targets
			 * on it */
			bool groups = s.ind >= 0 && (s1.ind < 0 || s1.ind == s.ind) &&
				      (s2.ind < 0 || s2.ind == s.ind) && two_groups(v, t, a, cut, b);

			if (groups)
				s1.ind = s2.ind = s.ind;
			if (s1.ind >= 0 && s2.ind >= 0 && (s1.ind != s2.ind || groups)) {
				struct vcand v1[MAX_VC], v2[MAX_VC];
				size_t n1 = value_candidates(t, a, cut, v1);
				size_t n2 = value_candidates(t, cut + 1, b, v2);

				/* "90% ... và 70% ... vào năm 2028": the year said
				 * once at the end holds for both */
				int y = clause_year(t, a, b, r->to ? r->to : 2030);

				size_t first = r->nt, second;

				add_target(d, r, p, s1.ind, t, a, cut, v1, n1, item, y, NULL);
				group_targets(v, r, first, t, a, cut);
				second = r->nt;
				add_target(d, r, p, s2.ind, t, cut + 1, b, v2, n2, item, y, NULL);
				group_targets(v, r, second, t, cut + 1, b);
				return;
			}
		}
		break;
	}
	/* outside a goal, a clause needs an indicator and a value; in the
	 * goals section under no goal heading, a value ("100% tổ dân phố có
	 * địa chỉ tin cậy") or a zero ("Không để xảy ra trường hợp tử vong
	 * mẹ") is enough */
	if (where == W_ELSEWHERE && (s.ind < 0 || nvc == 0))
		return;
	if (where == W_SECTION && nvc == 0 &&
	    !(s.ind >= 0 && (has_words(t, a, b, "không", "để") || has_words(t, a, b, "không", "còn")))) {
		if (s.ind >= 0 && !p->general)
			add_aim(d, r, p, s.ind, t, a, b, item);
		return;
	}
	i = r->nt;
	add_target(d, r, p, s.ind, t, a, b, vc, nvc, item, 0, resp);
	/* milestones of one clause ("60% năm 2027 và 75% năm 2030") share its
	 * population, though the second's text starts after the first value */
	group_targets(v, r, i, t, a, b);
}

/* "Chỉ tiêu 2:" at the start: the index after the colon and the number
 * (0 when unnumbered); returns false when the paragraph does not start so. */
static bool item_label(const struct para *p, size_t *after, int *num)
{
	size_t k, q = 0;

	*num = 0;
	/* quoted whole, as an amendment adds it: "\"Chỉ tiêu 4: ...\"" */
	if (p->nt > 0 && (is_punct(&p->t[0], "\"") || is_punct(&p->t[0], "“")))
		q = 1;
	if (p->nt < q + 3 || !tok_is(&p->t[q], "chi") || !tok_is(&p->t[q + 1], "tieu"))
		return false;
	for (k = q + 2; k < p->nt && k < q + 6; k++) {
		if (p->t[k].kind == TK_NUM && p->t[k].plain && !*num)
			*num = (int)p->t[k].v;
		else if (is_punct(&p->t[k], ":") || is_punct(&p->t[k], ".")) {
			*after = k + 1;
			return true;
		} else if (p->t[k].kind == TK_WORD && !tok_is(&p->t[k], "so"))
			break;
	}
	*after = q + 2 + (*num ? 1 : 0);
	return *num > 0;
}

/* ---- a table of targets ----
 *
 * "TT | Chỉ tiêu | Đơn vị tính | Thực hiện năm 2025 | Mục tiêu đến năm 2030
 * | Cơ quan chủ trì": the header names the indicator column and columns of
 * figures by year; a column of a year before the plan's first (or called
 * "thực hiện", "ước", "hiện trạng", "kết quả") holds the baseline, the
 * others targets for their year.  A row with a number in a target column
 * is a target; a row with none ("I | Lĩnh vực chính trị | | |") names the
 * goal of the rows below it, or continues the row before. */

#define TABLE_COLS 12

struct ttable {
	int what;               /* the indicator's column, -1 none */
	int base;               /* the baseline column, -1 none */
	int base_year;
	int target[TABLE_COLS]; /* target columns */
	int year[TABLE_COLS];   /* their years */
	int ntarget;
	int goal_kind;          /* of the last goal row */
};

/* Folded words in a header cell ("thuc hien"). */
static bool cell_words(const struct tok *t, size_t a, size_t b, const char *w1, const char *w2)
{
	return words_in(t, a, b, w1, w2, tok_is);
}

static bool table_of_targets(const struct para *p, int first_year, int last_year, struct ttable *tt)
{
	size_t from[TABLE_COLS], to[TABLE_COLS], n = para_cells(p, from, to, TABLE_COLS), c;

	memset(tt, 0, sizeof(*tt));
	tt->what = tt->base = -1;
	tt->goal_kind = -1;
	if (n < 3)
		return false;
	for (c = 0; c < n; c++) {
		const struct tok *t = p->t;
		int y = tokens_year(t, from[c], to[c]);
		bool base_words, target_words;

		if (to[c] - from[c] > 8)
			return false; /* a header names columns in a few words */
		base_words = cell_words(t, from[c], to[c], "thuc", "hien") || cell_words(t, from[c], to[c], "uoc", NULL) ||
			     cell_words(t, from[c], to[c], "hien", "trang") || cell_words(t, from[c], to[c], "ket", "qua") ||
			     cell_words(t, from[c], to[c], "co", "so");
		target_words = cell_words(t, from[c], to[c], "muc", "tieu") || cell_words(t, from[c], to[c], "ke", "hoach") ||
			       cell_words(t, from[c], to[c], "phan", "dau") || cell_words(t, from[c], to[c], "chi", "tieu");
		if (y && (base_words || (first_year && y < first_year)) && !target_words && tt->base < 0) {
			tt->base = (int)c;
			tt->base_year = y;
		} else if (y && tt->ntarget < TABLE_COLS) {
			tt->target[tt->ntarget] = (int)c;
			tt->year[tt->ntarget++] = y;
		} else if (!y && tt->what < 0 &&
			   (cell_words(t, from[c], to[c], "chi", "tieu") || cell_words(t, from[c], to[c], "noi", "dung"))) {
			tt->what = (int)c;
		} else if (!y && target_words && tt->what >= 0 && tt->ntarget < TABLE_COLS) {
			/* "Mục tiêu" with no year: the plan's last */
			tt->target[tt->ntarget] = (int)c;
			tt->year[tt->ntarget++] = last_year;
		}
	}
	return tt->what >= 0 && tt->ntarget > 0;
}

/* The first number of a cell and the direction its sign or words give
 * ("≥ 75", "< 5", "tối thiểu 80"); false when the cell has no number. */
static bool cell_value(const struct tok *t, size_t a, size_t b, double *v, int *dir)
{
	size_t k;

	for (k = a; k < b; k++) {
		int y;

		if (t[k].kind != TK_NUM || (tok_year(&t[k], &y) && k > a && tok_is(&t[k - 1], "nam")))
			continue; /* "Năm 2028": a column's head, never a figure */
		*v = t[k].v;
		*dir = direction_before(t, a, k);
		if (k > a && t[k - 1].kind == TK_PUNCT) {
			const char *f = t[k - 1].f;

			if (strcmp(f, "≥") == 0 || strcmp(f, ">") == 0 || strcmp(f, "⩾") == 0)
				*dir = DIR_AT_LEAST;
			else if (strcmp(f, "≤") == 0 || strcmp(f, "<") == 0 || strcmp(f, "⩽") == 0 ||
				 strcmp(f, "‹") == 0)
				*dir = DIR_AT_MOST;
		}
		return true;
	}
	return false;
}

static void table_target_row(struct pdoc *d, const struct vocab *v, struct presult *r, const struct para *p,
			     struct ttable *tt)
{
	size_t from[TABLE_COLS], to[TABLE_COLS], n = para_cells(p, from, to, TABLE_COLS);
	const struct tok *t = p->t;
	struct score s;
	double base = 0;
	int i, bdir, item = 0, goal;
	bool has_base;

	if ((size_t)tt->what >= n)
		return;
	for (i = 0; i < tt->ntarget; i++) {
		double x;
		int dir;

		if ((size_t)tt->target[i] < n && cell_value(t, from[tt->target[i]], to[tt->target[i]], &x, &dir))
			break;
	}
	if (i == tt->ntarget) {
		/* no figure: a goal's row, or the rest of the row before */
		int k = goal_of_words(t + from[tt->what], to[tt->what] - from[tt->what]);

		if (k >= 0 && from[0] < to[0])
			tt->goal_kind = k;
		return;
	}
	if (from[0] < to[0] && t[from[0]].kind == TK_NUM && t[from[0]].plain)
		item = (int)t[from[0]].v;
	goal = tt->goal_kind >= 0 ? tt->goal_kind : p->goal_kind;
	s = best_indicator(v, t, from[tt->what], to[tt->what], goal);
	if (s.ind < 0 && tt->target[0] > tt->what && (size_t)tt->target[0] < n)
		/* the unit of measure may tell ("tin, bài/quý") */
		s = best_indicator(v, t, from[tt->what], from[tt->target[0]], goal);
	has_base = tt->base >= 0 && (size_t)tt->base < n &&
		   cell_value(t, from[tt->base], to[tt->base], &base, &bdir);
	for (i = 0; i < tt->ntarget; i++) {
		struct ptarget *x;
		double val;
		int dir;

		if ((size_t)tt->target[i] >= n || !cell_value(t, from[tt->target[i]], to[tt->target[i]], &val, &dir))
			continue;
		x = new_target(d, r, p, s.ind, t, from[tt->what], p->nt, item);
		if (!x)
			return;
		/* the indicator's cell only: the row goes on with agencies
		 * ("Phòng Kinh tế, Hạ tầng và Đô thị") */
		target_group(v, x, t, from[tt->what], to[tt->what]);
		if (s.ind < 0 && goal >= 0)
			x->goal_kind = goal;
		x->has_value = true;
		x->value = val;
		x->unit = s.ind >= 0 ? catalog[s.ind].unit : NULL;
		x->year = tt->year[i];
		x->dir = dir >= 0 ? (enum direction)dir
			 : s.ind >= 0 && catalog[s.ind].polarity == POL_LOWER ? DIR_AT_MOST : DIR_AT_LEAST;
		x->has_base = has_base;
		x->base = base;
		x->base_year = tt->base_year;
	}
}

/* A target of the implementation section the same as one read before
 * (indicator, value, direction, year) is that target restated as a duty
 * ("Trung tâm ... bảo đảm mỗi quý có ít nhất 04 tin, bài"), not a second
 * one: a plan without a goals section (an amendment) is read everywhere. */
static void drop_restated(struct pdoc *d, struct presult *r)
{
	size_t i, j, n = 0;

	for (i = 0; i < r->nt; i++) {
		const struct ptarget *x = &r->t[i];
		bool same = false;

		for (j = 0; j < n && d->p[x->para].section == SEC_IMPL && !x->aim && x->ind >= 0; j++) {
			const struct ptarget *y = &r->t[j];

			same |= !y->aim && y->ind == x->ind && y->has_value == x->has_value && y->dir == x->dir &&
				y->year == x->year && (!x->has_value || y->value == x->value) && y->para != x->para;
		}
		if (!same)
			r->t[n++] = *x;
	}
	r->nt = n;
}

/* The sentences of p from token a on, each read as a clause of item
 * (clause()). */
static void sentences(struct pdoc *d, const struct vocab *v, struct presult *r, const struct para *p, size_t a,
		      int item, enum where where)
{
	const struct tok *t = p->t;
	struct cstate st;
	size_t k, start;

	start = a;
	memset(&st, 0, sizeof(st));
	st.prev_ind = -1;
	for (k = a; k <= p->nt; k++) {
		/* a sentence ends at a full stop before a capital or, after
		 * a space, a number (". 100% trường học ...") */
		bool end = k == p->nt || is_punct(&t[k], ";") ||
			   (is_punct(&t[k], ".") && k + 1 < p->nt &&
			    ((t[k + 1].kind == TK_WORD && t[k + 1].upper) ||
			     (t[k + 1].kind == TK_NUM && t[k + 1].s > t[k].s + t[k].len)));

		if (!end)
			continue;
		if (k > start)
			clause(d, v, r, p, t, start, k < p->nt ? k + (is_punct(&t[k], ".") ? 1 : 0) : k,
			       item, where, &st);
		start = k + 1;
	}
}

enum gemis_err plan_targets(struct pdoc *d, const struct vocab *v, struct presult *r)
{
	size_t i;
	bool goals = false, goal_section = false, in_table = false;
	int cur_goal = -1, ordinal = 0, open_item = 0;
	const char *group = NULL, *group_mark = "";
	struct ttable tt = {.what = -1, .base = -1, .goal_kind = -1};

	for (i = 0; i < d->np; i++) {
		goals |= d->p[i].goal > 0;
		goal_section |= d->p[i].section == SEC_GOALS;
	}
	for (i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		const struct tok *t = p->t;
		size_t a = 0, k;
		int item = 0, before = (int)r->nt;
		bool labelled;
		enum where where;

		if (p->nt == 0)
			continue;
		if (goal_section && p->section != SEC_GOALS)
			continue;
		if (!goal_section && (p->section == SEC_PREAMBLE || p->section == SEC_CLOSING))
			continue;
		/* a table's rows, its goal rows too */
		if (p->len && memmem(p->text, p->len, " | ", 3)) {
			struct ttable h;

			if (table_of_targets(p, r->from, r->to ? r->to : 2030, &h))
				tt = h, in_table = true;
			else if (in_table)
				table_target_row(d, v, r, p, &tt);
			continue;
		}
		in_table = false;
		if (p->heading)
			continue;
		/* where the plan has goals, a paragraph under none (a general
		 * aim, or a list before the first goal heading) gives only
		 * targets that name an indicator and a value */
		where = !goal_section ? W_ELSEWHERE : (goals && p->goal == 0) || p->general ? W_SECTION : W_GOAL;
		/* a note in brackets ("(Phân công ... tại Phụ lục)") */
		if (is_punct(&t[0], "(") && is_punct(&t[p->nt - 1], ")"))
			continue;
		if (p->goal != cur_goal) {
			cur_goal = p->goal;
			ordinal = 0;
			open_item = 0;
		}
		labelled = item_label(p, &a, &item);
		if (p->goal_heading && p->body) {
			a = p->body;
			labelled = false;
		}
		/* "Chỉ tiêu 4: ..." states a target wherever it stands (an
		 * amendment adds it in its own section): a value is enough,
		 * an indicator of the catalog or not */
		if (labelled && where == W_ELSEWHERE)
			where = W_SECTION;
		if (!labelled && a == 0 && p->nt >= 3 && tok_is(&t[0], "chi") && tok_is(&t[1], "tieu"))
			labelled = true, item = 1;
		if (labelled) {
			ordinal = item ? item : ordinal + 1;
			item = ordinal;
		} else if (p->mark == MK_DASH && open_item) {
			item = open_item;
		} else {
			item = ++ordinal;
		}
		sentences(d, v, r, p, a, item, where);
		open_item = labelled && (int)r->nt == before ? item : (labelled ? 0 : open_item);
		/* "- Nhóm chỉ tiêu về giáo dục:" over "+ ..." items: the label
		 * goes with the targets of the items, so that a duty naming it
		 * finds them (duties.c) */
		if ((int)r->nt == before && p->len && p->text[p->len - 1] == ':' && p->mtext[0]) {
			group = arena_strndup(&d->a, p->text, p->len);
			group_mark = p->mtext;
		} else if (group && (!p->mtext[0] || strcmp(p->mtext, group_mark) == 0)) {
			group = NULL;
		} else if (group) {
			for (k = (size_t)before; k < r->nt; k++)
				r->t[k].group = group;
		}
	}
	drop_restated(d, r);
	return GEMIS_OK;
}
