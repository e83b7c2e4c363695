/*
 * amend.c: a plan that amends another ("Kế hoạch sửa đổi, bổ sung một số
 * nội dung của Kế hoạch số 58/KH-UBND ...").
 *
 * Such a plan states only what changes, and states it next to the words it
 * replaces:
 *	"... đạt 55%" được sửa thành "... đạt 62%"
 *	thay cụm từ "dưới 110 ..." bằng cụm từ "dưới 108 ..."
 *	được sửa từ "trước ngày 30/11" thành "trước ngày 20/11"
 *	Đã ghi: <old text>            Nay sửa thành: <new text>
 *	Bãi bỏ chỉ tiêu 2 của Mục tiêu 5 (Tỷ lệ nữ thạc sĩ ... 40%).
 * The old words are taken out of the paragraphs before the targets,
 * duties and deadline are read, so that only what is in force after the
 * amendment is read; what is repealed is kept apart (r->repealed).  The
 * plan it amends is r->amends_number / r->amends_date (applied, the store
 * merges the amendment into that plan: store/plans.c).
 */
#include <string.h>

#include "plan_int.h"

#include "util/banned.h"

static bool is_punct(const struct tok *t, const char *c)
{
	return t->kind == TK_PUNCT && strcmp(t->f, c) == 0;
}

static bool is_quote(const struct tok *t)
{
	return t->kind == TK_PUNCT &&
	       (strcmp(t->f, "\"") == 0 || strcmp(t->f, "“") == 0 || strcmp(t->f, "”") == 0 || strcmp(t->f, "„") == 0);
}

static bool spelt2(const struct tok *t, size_t k, size_t n, const char *a, const char *b)
{
	size_t j;

	if (k >= n || !tok_spelt(&t[k], a))
		return false;
	if (!b)
		return true;
	j = tok_next_word(t, k + 1, n);
	return j < n && tok_spelt(&t[j], b);
}

/* Words after an old wording that introduce the new one: "được sửa
 * thành", "sửa lại thành", "được thay bằng", "điều chỉnh thành",
 * "thành". */
static bool new_follows(const struct tok *t, size_t k, size_t n)
{
	size_t words = 0;

	for (k = tok_next_word(t, k, n); k < n && words < 4; k = tok_next_word(t, k + 1, n), words++) {
		if (tok_spelt(&t[k], "thành") || tok_spelt(&t[k], "bằng"))
			return true;
		if (!(tok_spelt(&t[k], "được") || tok_spelt(&t[k], "sửa") || tok_spelt(&t[k], "lại") ||
		      tok_spelt(&t[k], "thay") || tok_spelt(&t[k], "điều") || tok_spelt(&t[k], "chỉnh") ||
		      tok_spelt(&t[k], "đổi")))
			return false;
	}
	return false;
}

/* Takes t[a..b) out of the paragraph (the text stays as written). */
static void strip(struct para *p, size_t a, size_t b)
{
	if (a >= b || b > p->nt)
		return;
	memmove(p->t + a, p->t + b, (p->nt - b) * sizeof(*p->t));
	p->nt -= b - a;
}

/* Old wordings of one paragraph, taken out. */
static void strip_old(struct para *p)
{
	const struct tok *t = p->t;
	size_t k, q;

	for (k = 0; k < p->nt; k++) {
		t = p->t;
		if (is_quote(&t[k])) {
			for (q = k + 1; q < p->nt && !is_quote(&t[q]); q++)
				;
			if (q >= p->nt)
				break;
			/* the wording the new one replaces: followed by "(được) sửa
			 * thành", "bằng", "thành" */
			if (new_follows(t, q + 1, p->nt)) {
				strip(p, k, q + 1);
				k--;
				continue;
			}
			k = q;
			continue;
		}
		/* "từ 55% thành 62%" without quotes */
		if (tok_spelt(&t[k], "từ") && k + 1 < p->nt && t[k + 1].kind == TK_NUM) {
			for (q = k + 1; q < p->nt && q < k + 8 && !tok_spelt(&t[q], "thành"); q++)
				;
			if (q < p->nt && tok_spelt(&t[q], "thành")) {
				strip(p, k, q + 1);
				k--;
			}
		}
	}
}

/* "Đã ghi: ..." (the old text, in the paragraph or in those after it,
 * up to "Nay sửa thành:"). */
static bool old_label(const struct para *p)
{
	return spelt2(p->t, 0, p->nt, "đã", "ghi");
}

static bool new_label(const struct para *p)
{
	return spelt2(p->t, 0, p->nt, "nay", NULL) || spelt2(p->t, 0, p->nt, "sửa", NULL);
}

/* "Bãi bỏ chỉ tiêu 2 ...", "bỏ nội dung", "không thực hiện chỉ tiêu",
 * "thôi thực hiện": a repeal. */
static bool repeals(const struct tok *t, size_t a, size_t b)
{
	size_t k;

	for (k = a; k < b; k++) {
		if (spelt2(t, k, b, "bãi", "bỏ") || spelt2(t, k, b, "loại", "bỏ") || spelt2(t, k, b, "thôi", "thực") ||
		    (tok_spelt(&t[k], "bỏ") && k + 1 < b && (spelt2(t, k + 1, b, "chỉ", "tiêu") || spelt2(t, k + 1, b, "nội", "dung"))) ||
		    (spelt2(t, k, b, "không", "thực") && k + 3 < b && spelt2(t, tok_next_word(t, k + 2, b) + 1, b, "chỉ", "tiêu")))
			return true;
	}
	return false;
}

/* The plan amended: "sửa đổi, bổ sung (một số nội dung của) Kế hoạch số N
 * ngày D" in the title, else in the opening paragraphs. */
static bool amended_plan(struct pdoc *d, struct presult *r)
{
	struct tok *t;
	size_t n, k, i;
	const char *texts[8];
	size_t nt = 0;

	if (r->title)
		texts[nt++] = r->title;
	for (i = 0; i < d->np && nt < 8; i++) {
		if (d->p[i].section != SEC_PREAMBLE)
			break;
		texts[nt++] = d->p[i].text;
	}
	for (i = 0; i < nt; i++) {
		bool amend = false;

		if (pdoc_tokenize(&d->a, texts[i], strlen(texts[i]), &t, &n))
			return false;
		for (k = 0; k + 1 < n; k++) {
			amend |= spelt2(t, k, n, "sửa", "đổi") || spelt2(t, k, n, "bổ", "sung") || spelt2(t, k, n, "điều", "chỉnh");
			if (amend && tok_is(&t[k], "so") && t[k + 1].kind == TK_NUM && k > 1 && tok_is(&t[k - 1], "hoach")) {
				size_t e = k + 2;

				while (e < n && t[e].s == t[e - 1].s + t[e - 1].len && !(t[e].kind == TK_PUNCT && strchr(",;:()", t[e].f[0])))
					e++;
				r->amends_number = arena_strndup(&d->a, t[k + 1].s, (size_t)(t[e - 1].s + t[e - 1].len - t[k + 1].s));
				if (e < n && tok_is(&t[e], "ngay")) {
					char date[32];

					if (plan_read_date(t, e + 1, n, date, sizeof(date)) > e + 1)
						r->amends_date = arena_strdup(&d->a, date);
				}
				return r->amends_number != NULL;
			}
		}
	}
	return false;
}

enum gemis_err plan_amendment(struct pdoc *d, const struct vocab *v, struct presult *r)
{
	size_t i, k, st;
	bool in_old = false;

	if (!amended_plan(d, r))
		return GEMIS_OK;
	for (i = 0; i < d->np; i++) {
		struct para *p = &d->p[i];

		if (p->section == SEC_PREAMBLE || p->section == SEC_CLOSING || p->heading)
			continue;
		if (old_label(p)) {
			in_old = !new_label(p);
			/* "Đã ghi: X. Nay sửa thành: Y" in one paragraph */
			for (k = 2; k + 1 < p->nt; k++) {
				if (spelt2(p->t, k, p->nt, "nay", "sửa") || spelt2(p->t, k, p->nt, "sửa", "thành")) {
					in_old = false;
					break;
				}
			}
			strip(p, 0, k < p->nt ? k : p->nt);
			continue;
		}
		if (in_old && !new_label(p) && p->mark != MK_ARABIC && p->mark != MK_ROMAN) {
			strip(p, 0, p->nt);
			continue;
		}
		in_old = false;
		strip_old(p);
		/* repeals, clause by clause */
		for (k = st = 0; k <= p->nt; k++) {
			if (k < p->nt && !is_punct(&p->t[k], ";"))
				continue;
			if (k > st && repeals(p->t, st, k)) {
				int ind = plan_indicator_of(v, p->t, st, k, -1);

				if (ind >= 0 && r->nrepealed < PLAN_MAX_REPEALED) {
					r->repealed[r->nrepealed].ind = ind;
					r->repealed[r->nrepealed].line = p->line;
					r->repealed[r->nrepealed].text =
						arena_strndup(&d->a, p->t[st].s, (size_t)(p->t[k - 1].s + p->t[k - 1].len - p->t[st].s));
					r->nrepealed++;
				}
				strip(p, st, k);
				k = st;
			}
			st = k + 1;
		}
	}
	return GEMIS_OK;
}
