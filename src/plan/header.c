/*
 * header.c: what a plan says about itself.
 *
 * The layout of Decree 30/2020/NĐ-CP, as it survives conversion to text:
 *
 *	ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 *	XÃ BÌNH LƯ                        Độc lập - Tự do - Hạnh phúc
 *	Số: 645/KH-UBND           Bình Lư, ngày 10 tháng 4 năm 2026
 *	                     KẾ HOẠCH
 *	Thực hiện Chiến lược quốc gia về Bình đẳng giới
 *	giai đoạn 2026-2030 trên địa bàn xã Bình Lư
 *	Căn cứ / Thực hiện <document> số <number> ngày <date> của <issuer> ...;
 *	... body ...
 *	Nơi nhận:                          KT. CHỦ TỊCH
 *	- ...;                             PHÓ CHỦ TỊCH
 *	                                   <name>
 *
 * The number may be left blank ("Số: /KH-UBND") and so may the day and
 * month of the date ("ngày   tháng   năm 2026"): the date is then "2026" or
 * "2026-05".  The unit is the commune or ward the text names most often
 * ("xã Bình Lư", "UBND phường Đồng Nguyên"); its code comes from the
 * administrative list, narrowed by the province the plan's references name
 * ("Ủy ban nhân dân tỉnh Lai Châu").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "plan_int.h"
#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

static bool same_word(const struct tok *t, const char *const *forms)
{
	size_t i;

	if (t->kind != TK_WORD)
		return false;
	for (i = 0; forms[i]; i++) {
		if (strlen(forms[i]) == t->len && memcmp(forms[i], t->s, t->len) == 0)
			return true;
	}
	return false;
}

static bool is_punct_tok(const struct tok *t, const char *c)
{
	return t->kind == TK_PUNCT && strcmp(t->f, c) == 0;
}

static const char *const XA[] = {"xã", "Xã", "XÃ", NULL};
static const char *const PHUONG[] = {"phường", "Phường", "PHƯỜNG", NULL};
static const char *const TINH[] = {"tỉnh", "Tỉnh", "TỈNH", NULL};

/* A copy of s with every letter lower case but the first of each word
 * (for names written in capitals). */
static char *title_case(struct arena *a, const char *s, size_t len, bool every_word)
{
	utf8proc_uint8_t *low = NULL;
	utf8proc_ssize_t n, i = 0;
	struct buf b;
	char *r = NULL;
	bool start = true;

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &low,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0)
		return NULL;
	buf_init(&b, (size_t)n * 2 + 16);
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t k = utf8proc_iterate(low + i, n - i, &cp);

		if (k <= 0)
			break;
		i += k;
		cp = start ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
		start = cp == ' ' && every_word;
		buf_append(&b, enc, (size_t)utf8proc_encode_char(cp, enc));
	}
	free(low);
	r = arena_strndup(a, buf_str(&b), b.len);
	buf_release(&b);
	return r;
}

static const char *span(struct arena *a, const struct tok *t, size_t from, size_t to)
{
	if (from >= to)
		return NULL;
	return arena_strndup(a, t[from].s, (size_t)(t[to - 1].s + t[to - 1].len - t[from].s));
}

/* Tokens k.. glued together without spaces ("28/2021/NQ-CP"): the end index. */
static size_t glued(const struct tok *t, size_t k, size_t n)
{
	size_t j = k + 1;

	while (j < n && t[j].s == t[j - 1].s + t[j - 1].len &&
	       !(t[j].kind == TK_PUNCT && strchr(",;:()", t[j].f[0])))
		j++;
	while (j > k + 1 && t[j - 1].kind == TK_PUNCT && t[j - 1].f[0] == '.')
		j--;
	return j;
}

/* A date at t[i..): "03/3/2021", "3 tháng 3 năm 2021", with day or month
 * possibly blank.  Writes ISO into out; returns the index after it, or i. */
size_t plan_read_date(const struct tok *t, size_t i, size_t n, char *out, size_t outsz)
{
	int d = 0, m = 0, y = 0;
	size_t j = i;

	out[0] = '\0';
	if (j + 4 < n + 0 && t[j].kind == TK_NUM && t[j + 1].f[0] == '/' && t[j + 2].kind == TK_NUM &&
	    t[j + 3].f[0] == '/' && tok_year(&t[j + 4], &y)) {
		d = (int)t[j].v;
		m = (int)t[j + 2].v;
		j += 5;
	} else {
		if (j < n && t[j].kind == TK_NUM && t[j].plain && t[j].v >= 1 && t[j].v <= 31) {
			d = (int)t[j].v;
			j++;
		}
		if (j < n && tok_is(&t[j], "thang")) {
			j++;
			if (j < n && t[j].kind == TK_NUM && t[j].plain && t[j].v >= 1 && t[j].v <= 12) {
				m = (int)t[j].v;
				j++;
			}
			if (j < n && tok_is(&t[j], "nam")) {
				j++;
				if (j < n && tok_year(&t[j], &y))
					j++;
			}
		}
	}
	if (!y || d > 31 || m > 12)
		return i;
	if (d && m)
		snprintf(out, outsz, "%04d-%02d-%02d", y, m, d);
	else if (m)
		snprintf(out, outsz, "%04d-%02d", y, m);
	else
		snprintf(out, outsz, "%04d", y);
	return j;
}

/* Replaces abbreviations of issuers by their full names. */
static const char *expand_issuer(struct arena *a, const char *s)
{
	static const char *const rep[][2] = {
		{"UBND", "Ủy ban nhân dân"}, {"HĐND", "Hội đồng nhân dân"}, {"Uỷ", "Ủy"},
		{"TP.", "thành phố"}, {"TP", "thành phố"},
	};
	struct buf b;
	const char *r;
	size_t i = 0, k, len = strlen(s);

	buf_init(&b, len * 3 + 16);
	while (i < len) {
		for (k = 0; k < sizeof(rep) / sizeof(rep[0]); k++) {
			size_t l = strlen(rep[k][0]);

			if (strncmp(s + i, rep[k][0], l) == 0 && (i == 0 || s[i - 1] == ' ') &&
			    (s[i + l] == ' ' || s[i + l] == '\0' || k == 2)) {
				buf_puts(&b, rep[k][1]);
				i += l;
				break;
			}
		}
		if (k == sizeof(rep) / sizeof(rep[0]))
			buf_putc(&b, s[i++]);
	}
	r = arena_strndup(a, buf_str(&b), b.len);
	buf_release(&b);
	return r ? r : s;
}

static void references(struct pdoc *d, struct presult *r, long after_line)
{
	size_t i, k;

	for (i = 0; i < d->np && r->nrefs < PLAN_MAX_REFS; i++) {
		const struct para *p = &d->p[i];
		const struct tok *t = p->t;

		if (p->section != SEC_PREAMBLE)
			break;
		if (p->line <= after_line || (p->nt > 0 && tok_is(&t[0], "so")))
			continue;
		for (k = 0; k + 1 < p->nt && r->nrefs < PLAN_MAX_REFS; k++) {
			struct pref *x;
			size_t e, j;
			char date[32];
			bool slash = false;

			if (!tok_is(&t[k], "so") || t[k + 1].kind != TK_NUM)
				continue;
			e = glued(t, k + 1, p->nt);
			for (j = k + 1; j < e; j++)
				slash |= t[j].f[0] == '/';
			if (!slash)
				continue;
			x = &r->refs[r->nrefs];
			memset(x, 0, sizeof(*x));
			x->number = span(&d->a, t, k + 1, e);
			j = e;
			if (j < p->nt && tok_is(&t[j], "ngay")) {
				size_t after = plan_read_date(t, j + 1, p->nt, date, sizeof(date));

				if (after > j + 1) {
					x->date = arena_strdup(&d->a, date);
					j = after;
				}
			}
			if (j < p->nt && tok_is(&t[j], "cua")) {
				size_t s0 = j + 1, s1 = s0;

				while (s1 < p->nt && s1 - s0 < 12) {
					const struct tok *w = &t[s1];

					if (w->kind == TK_PUNCT && strchr(",;().:", w->f[0]))
						break;
					if (tok_is(w, "ve") || tok_is(w, "tren") || tok_is(w, "nham") ||
					    tok_is(w, "v") ||
					    (tok_is(w, "ban") && s1 + 1 < p->nt && tok_is(&t[s1 + 1], "hanh")) ||
					    (tok_is(w, "quy") && s1 + 1 < p->nt && tok_is(&t[s1 + 1], "dinh")) ||
					    (tok_is(w, "phe") && s1 + 1 < p->nt && tok_is(&t[s1 + 1], "duyet")) ||
					    (tok_is(w, "thuc") && s1 + 1 < p->nt && tok_is(&t[s1 + 1], "hien")) ||
					    (tok_is(w, "trien") && s1 + 1 < p->nt && tok_is(&t[s1 + 1], "khai")) ||
					    (tok_is(w, "huong") && s1 + 1 < p->nt && tok_is(&t[s1 + 1], "dan")))
						break;
					s1++;
				}
				if (s1 > s0) {
					const char *is = span(&d->a, t, s0, s1);

					x->issuer = is ? expand_issuer(&d->a, is) : NULL;
				}
			}
			if (x->number) {
				/* the same document named again ("Căn cứ Kế hoạch số 58
				 * ...", then "sửa đổi Kế hoạch số 58 như sau") */
				size_t q;

				for (q = 0; q < r->nrefs && strcmp(r->refs[q].number, x->number) != 0; q++)
					;
				if (q == r->nrefs)
					r->nrefs++;
				else if (!r->refs[q].date && x->date)
					r->refs[q] = *x;
			}
			k = e - 1;
		}
	}
}

/* Number, place and date from the first lines. */
static void number_and_date(struct pdoc *d, struct presult *r, size_t upto)
{
	size_t i, k;

	for (i = 0; i < d->nlines && i < upto; i++) {
		const struct pline *l = &d->lines[i];
		struct tok *t;
		size_t n;

		if (pdoc_tokenize(&d->a, l->s, l->len, &t, &n))
			return;
		for (k = 0; k < n; k++) {
			/* "Số: 645/KH-UBND" */
			if (!r->number && k + 1 < n && tok_is(&t[k], "so") && t[k].upper &&
			    t[k + 1].f[0] == ':' && !r->date) {
				size_t e;

				if (k + 2 < n && t[k + 2].kind == TK_NUM) {
					e = glued(t, k + 2, n);
					if (e == k + 3 && e + 1 < n && is_punct_tok(&t[e], "/") &&
					    t[e + 1].s == t[e].s + 1) {
						/* "Số: 96 /KH-UBND": a space slipped in */
						size_t e2 = glued(t, e, n);
						const char *a = span(&d->a, t, k + 2, k + 3), *b = span(&d->a, t, e, e2);

						r->number = a && b ? arena_printf(&d->a, "%s%s", a, b) : NULL;
					} else {
						r->number = span(&d->a, t, k + 2, e);
					}
				}
			}
			/* "Bình Lư, ngày 10 tháng 4 năm 2026" */
			if (!r->date && tok_is(&t[k], "ngay") && k > 0 && t[k - 1].f[0] == ',' &&
			    l->len < 160) {
				char date[32];
				size_t after = plan_read_date(t, k + 1, n, date, sizeof(date)), s0 = k - 1;

				if (after == k + 1)
					continue;
				r->date = arena_strdup(&d->a, date);
				/* the place: the words before the comma, back to a word in
				 * capitals or with digits (the other column of the line) */
				while (s0 > 0 && k - 1 - (s0 - 1) <= 5) {
					const struct tok *w = &t[s0 - 1];

					/* "A Lưới 5, ngày ...": a unit's name may end with a number */
					bool last_num = s0 == k - 1 && w->kind == TK_NUM && w->plain && w->len <= 2 &&
							s0 >= 2 && t[s0 - 2].kind == TK_WORD && t[s0 - 2].upper;

					if ((w->kind != TK_WORD && !last_num) || (w->kind == TK_WORD && w->caps && w->len > 1 && !t[k - 2].caps) ||
					    (s0 < k - 1 && w->s + w->len != t[s0].s - 1))
						break;
					s0--;
				}
				if (s0 < k - 1)
					r->place = span(&d->a, t, s0, k - 1);
			}
		}
	}
}

/* Does the line numbered no open a part marked with a Roman numeral
 * ("I. MỤC ĐÍCH, YÊU CẦU")? */
static bool opens_roman_part(const struct pdoc *d, long no)
{
	size_t i;

	for (i = 0; i < d->np && d->p[i].line <= no; i++) {
		if (d->p[i].line == no)
			return d->p[i].mark == MK_ROMAN;
	}
	return false;
}

/* Does a line end the title?  "Căn cứ ...", a document's number, "ban
 * hành" open the preamble -- except in the title of a plan that amends
 * another, which names that plan ("Sửa đổi, bổ sung Kế hoạch số 58/KH-UBND
 * ngày ... của Ủy ban nhân dân xã ..."): amending is true then.  A plan
 * without a preamble goes from its title to its first part ("I. MỤC
 * TIÊU"). */
static bool title_stop(struct pdoc *d, const struct pline *l, bool amending)
{
	struct tok *t;
	size_t n, k;

	if (pdoc_tokenize(&d->a, l->s, l->len, &t, &n) || n == 0 || opens_roman_part(d, l->no))
		return true;
	if (tok_is(&t[0], "can") || (tok_is(&t[0], "uy") && t[0].upper && !amending) ||
	    (tok_is(&t[0], "ubnd") && n > 3 && !amending) || tok_is(&t[0], "nham"))
		return true;
	for (k = 0; k + 1 < n && !amending; k++) {
		if (tok_is(&t[k], "so") && t[k + 1].kind == TK_NUM)
			return true;
		if (tok_is(&t[k], "ban") && tok_is(&t[k + 1], "hanh"))
			return true;
	}
	return l->s[0] == '-' || l->s[l->len - 1] == ';' || l->s[l->len - 1] == ':' ||
	       l->s[l->len - 1] == '.';
}

/* The words of an amending title. */
static bool amending_words(struct pdoc *d, const char *s, size_t len)
{
	const char *f = text_fold_arena(&d->a, s, len);

	return f && (strstr(f, "sua doi") || strstr(f, "bo sung") || strstr(f, "dieu chinh"));
}

/* The title: the lines after "KẾ HOẠCH"; returns the input line where it
 * ends (0 when not found). */
static long title(struct pdoc *d, struct presult *r)
{
	size_t i, j;
	struct buf b;
	long end = 0;

	for (i = 0; i < d->nlines && i < 40; i++) {
		const struct pline *l = &d->lines[i];
		const char *f = text_fold_arena(&d->a, l->s, l->len < 40 ? l->len : 40);

		if (f && strncmp(f, "ke hoach", 8) == 0 && (f[8] == '\0' || f[8] == ' ') &&
		    strncmp(l->s, "KẾ", 4) == 0)
			break;
	}
	if (i == d->nlines || i == 40)
		return 0;
	buf_init(&b, 2048);
	end = d->lines[i].no;
	{
		/* "KẾ HOẠCH Triển khai ..." on one line */
		const struct pline *l = &d->lines[i];
		const char *rest = l->s + strlen("KẾ HOẠCH");

		if ((size_t)(rest - l->s) < l->len) {
			while (*rest == ' ')
				rest++;
			buf_puts(&b, rest);
		}
	}
	for (j = i + 1; j < d->nlines && j < i + 5; j++) {
		const struct pline *l = &d->lines[j];

		if (title_stop(d, l, amending_words(d, b.p ? b.p : "", b.len) || (!b.len && amending_words(d, l->s, l->len))) ||
		    b.len + l->len > 600)
			break;
		if (b.len)
			buf_putc(&b, ' ');
		buf_append(&b, l->s, l->len);
		end = l->no;
	}
	if (b.len)
		r->title = arena_strndup(&d->a, buf_str(&b), b.len);
	buf_release(&b);
	return end;
}

static bool year_range(const struct tok *t, size_t n, int *a, int *b)
{
	size_t k;

	for (k = 0; k + 2 < n; k++) {
		if (tok_year(&t[k], a) && t[k + 1].kind == TK_PUNCT &&
		    (t[k + 1].f[0] == '-' || strcmp(t[k + 1].f, "–") == 0) && tok_year(&t[k + 2], b) &&
		    *b >= *a && *b - *a <= 15)
			return true;
	}
	return false;
}

static void period(struct pdoc *d, struct presult *r)
{
	struct tok *t;
	size_t n, i, k;
	int a, b;

	if (r->title && !pdoc_tokenize(&d->a, r->title, strlen(r->title), &t, &n)) {
		if (year_range(t, n, &a, &b)) {
			r->from = a;
			r->to = b;
			return;
		}
		for (k = 0; k + 1 < n; k++) {
			if (tok_is(&t[k], "nam") && tok_year(&t[k + 1], &a)) {
				r->from = r->to = a;
				return;
			}
		}
	}
	for (i = 0; i < d->np; i++) {
		if (d->p[i].section != SEC_PREAMBLE && d->p[i].section != SEC_PURPOSE)
			break;
		if (year_range(d->p[i].t, d->p[i].nt, &a, &b) && b >= 2020) {
			r->from = a;
			r->to = b;
			return;
		}
	}
	if (r->date && strlen(r->date) >= 4) {
		r->from = r->to = (int)strtol(r->date, NULL, 10);
		return;
	}
	r->from = r->to = 0;
}

struct cand {
	const char *fold;
	const char *text;
	const char *level; /* from the word before it */
	int count;
	long first;
};

#define MAX_CANDS 64

/* The issuer in the header block, above "KẾ HOẠCH": "ỦY BAN NHÂN DÂN" over
 * "TỈNH HÀ TĨNH" (a province's plan; the two columns may run together:
 * "TỈNH HÀ TĨNH Độc lập - Tự do - Hạnh phúc") or over "XÃ ..." / "PHƯỜNG
 * ...".  Returns the province's short name when a province issues the plan
 * and no commune or ward is named there, else NULL. */
static const char *issuing_province(struct pdoc *d)
{
	const char *prov = NULL;
	size_t i, n, k;
	struct tok *t;

	for (i = 0; i < d->nlines && i < 10; i++) {
		const struct pline *l = &d->lines[i];
		size_t s0;

		if (pdoc_tokenize(&d->a, l->s, l->len, &t, &n) || n == 0)
			continue;
		if (tok_is(&t[0], "ke") && n > 1 && tok_is(&t[1], "hoach") && t[0].caps)
			break;
		s0 = 0;
		if (tok_is(&t[0], "ubnd") || (n > 3 && tok_is(&t[0], "uy") && tok_is(&t[1], "ban") && tok_is(&t[3], "dan")))
			s0 = tok_is(&t[0], "ubnd") ? 1 : 4;
		if (s0 >= n || !t[s0].caps)
			continue;
		if (same_word(&t[s0], XA) || same_word(&t[s0], PHUONG) || (tok_is(&t[s0], "dac") && s0 + 1 < n && tok_is(&t[s0 + 1], "khu")))
			return NULL;
		k = tok_is(&t[s0], "thanh") && s0 + 1 < n && tok_is(&t[s0 + 1], "pho") ? s0 + 2 : same_word(&t[s0], TINH) ? s0 + 1 : 0;
		if (!k)
			continue;
		/* the longest run of capitals that names a province */
		{
			size_t m;

			for (m = 4; m >= 1 && !prov; m--) {
				char key[160];
				size_t kl = 0, q;
				bool ok = k + m <= n;

				for (q = k; ok && q < k + m; q++) {
					size_t fl = strlen(t[q].f);

					if (t[q].kind != TK_WORD || !t[q].caps || kl + fl + 2 > sizeof(key)) {
						ok = false;
						break;
					}
					if (kl)
						key[kl++] = ' ';
					memcpy(key + kl, t[q].f, fl);
					kl += fl;
				}
				key[kl] = '\0';
				if (ok)
					prov = units_province(key);
			}
		}
	}
	return prov;
}

/* The folded words t[s0..s0+m) as one key ("binh lu"), when they can
 * name a unit: capitalised words, the last one may be a number of up to
 * two digits ("Phường 12"). */
static bool words_key(const struct tok *t, size_t nt, size_t s0, size_t m, char *key, size_t sz)
{
	size_t e = s0 + m, q, kl = 0;

	if (e > nt)
		return false;
	for (q = s0; q < e; q++) {
		size_t l = strlen(t[q].f);
		bool num = t[q].kind == TK_NUM && t[q].plain && t[q].len <= 2 && q == e - 1 && q > s0;

		if ((!num && (t[q].kind != TK_WORD || !t[q].upper)) || kl + l + 2 > sz)
			return false;
		if (kl)
			key[kl++] = ' ';
		memcpy(key + kl, t[q].f, l);
		kl += l;
	}
	key[kl] = '\0';
	return true;
}

/* Counts a mention of the province pn. */
static void tally_province(const char **prov, int *provn, size_t *np, const char *pn)
{
	size_t z;

	for (z = 0; z < *np && strcmp(prov[z], pn) != 0; z++)
		;
	if (z == *np && *np < MAX_CANDS) {
		prov[*np] = pn;
		provn[(*np)++] = 0;
	}
	if (z < *np)
		provn[z]++;
}

/* Counts a mention of the commune or ward named key (t[s0..e) of p). */
static void tally_unit(struct pdoc *d, struct cand *c, size_t *nc, const char *key, const struct para *p, size_t s0,
		       size_t e, const char *level)
{
	const char *f = arena_strdup(&d->a, key);
	size_t z;

	for (z = 0; z < *nc && strcmp(c[z].fold, f ? f : "") != 0; z++)
		;
	if (z == *nc && *nc < MAX_CANDS && f) {
		c[*nc].fold = f;
		c[*nc].text = span(&d->a, p->t, s0, e);
		c[*nc].level = level;
		c[*nc].count = 0;
		c[*nc].first = p->line;
		(*nc)++;
	}
	if (z < *nc)
		c[z].count++;
}

static void unit_and_province(struct pdoc *d, struct presult *r)
{
	struct cand c[MAX_CANDS];
	size_t nc = 0, i, k, best = MAX_CANDS;
	const char *prov[MAX_CANDS];
	int provn[MAX_CANDS];
	size_t np = 0;
	const char *issuer = issuing_province(d);

	if (issuer) {
		r->province = issuer;
		r->unit_name = issuer;
		r->unit_code = units_province_code(issuer);
		r->level = "province";
		return;
	}
	for (i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		const struct tok *t = p->t;

		if (p->section == SEC_CLOSING)
			continue;
		for (k = 0; k + 1 < p->nt; k++) {
			bool xa = same_word(&t[k], XA), ph = same_word(&t[k], PHUONG);
			bool tinh = same_word(&t[k], TINH);
			bool tp = (tok_is(&t[k], "thanh") && k + 2 < p->nt && tok_is(&t[k + 1], "pho") &&
				   (t[k].s[0] == 't' || t[k].s[0] == 'T'));
			/* "TP. Đà Nẵng", "Thành ủy Đà Nẵng", "Tỉnh ủy Lai Châu" */
			bool tp_abbr = tok_is(&t[k], "tp") && t[k].caps;
			bool party = (tok_is(&t[k], "thanh") || tok_is(&t[k], "tinh")) && t[k].upper &&
				     k + 2 < p->nt && tok_is(&t[k + 1], "uy");
			size_t s0 = tp || party ? k + 2 : k + 1, m;

			if (tp_abbr && s0 < p->nt && is_punct_tok(&t[s0], "."))
				s0++;
			tinh |= tp_abbr || party;
			if (s0 >= p->nt)
				continue;

			if (!xa && !ph && !tinh && !tp)
				continue;
			if (t[s0].kind != TK_WORD || !t[s0].upper)
				continue;
			/* the longest run of up to 4 words that names a unit */
			for (m = 4; m >= 1; m--) {
				char key[160];

				if (!words_key(t, p->nt, s0, m, key, sizeof(key)))
					continue;
				if (tinh || tp) {
					const char *pn = units_province(key);

					if (!pn)
						continue;
					tally_province(prov, provn, &np, pn);
					break;
				}
				if (!units_has_name(key))
					continue;
				tally_unit(d, c, &nc, key, p, s0, s0 + m, xa ? "commune" : "ward");
				break;
			}
		}
	}
	for (k = 0; k < np; k++) {
		if (!r->province || provn[k] > provn[best])
			best = k, r->province = prov[k];
	}
	best = MAX_CANDS;
	for (k = 0; k < nc; k++) {
		if (best == MAX_CANDS || c[k].count > c[best].count)
			best = k;
	}
	if (best == MAX_CANDS)
		return;
	{
		const char *name = NULL, *level = c[best].level;
		const char *code = units_lookup(c[best].fold, r->province, &name, &level);

		if (!code) {
			level = NULL;
			code = units_lookup(c[best].fold, r->province, &name, &level);
		}
		r->unit_code = code;
		r->unit_name = code ? name : (c[best].text ? title_case(&d->a, c[best].text, strlen(c[best].text), true) : NULL);
		r->level = code && level ? (strcmp(level, "ward") == 0 ? "ward" : "commune") : c[best].level;
	}
}

/* A person's name: two to six words, each starting with a capital; an
 * apostrophe may join two parts of a word ("H'Bia"). */
static bool name_like(const struct tok *t, size_t n)
{
	size_t k, words = 0;

	for (k = 0; k < n; k++) {
		if (t[k].kind == TK_PUNCT && (strcmp(t[k].f, "'") == 0 || strcmp(t[k].f, "’") == 0) && k > 0 &&
		    k + 1 < n && t[k - 1].kind == TK_WORD && t[k + 1].kind == TK_WORD)
			continue;
		if (t[k].kind != TK_WORD || !t[k].upper)
			return false;
		words++;
	}
	return words >= 2 && words <= 7;
}

/* Is the title written in capitals somewhere in s ("KT. CHỦ TỊCH", a
 * column of "Nơi nhận" beside it)?  Returns the title or NULL. */
static const char *caps_title(const char *s, size_t len)
{
	static const char *const titles[][2] = {
		{"PHÓ CHỦ TỊCH", "Phó Chủ tịch"},
		{"CHỦ TỊCH", "Chủ tịch"},
	};
	size_t i;

	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		if (memmem(s, len, titles[i][0], strlen(titles[i][0])))
			return titles[i][1];
	}
	return NULL;
}

/* The signature block: the signer's title in capitals ("TM. ỦY BAN NHÂN
 * DÂN / CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), possibly on the same
 * lines as the "Nơi nhận" list when two columns were flattened, and the
 * name on a line of its own after it ("(Đã ký)" and blank lines between). */
static void signer(struct pdoc *d, struct presult *r)
{
	size_t i, from = 0, title_at = 0, end = d->nlines;
	const char *title = NULL;

	/* the block is near "Nơi nhận" or the end of the body; an annex may follow */
	for (i = 0; i < d->nlines; i++) {
		const char *f = text_fold_arena(&d->a, d->lines[i].s, d->lines[i].len < 24 ? d->lines[i].len : 24);

		if (f && (strncmp(f, "noi nhan", 8) == 0))
			from = i > 12 ? i - 12 : 0;
	}
	if (!from)
		from = d->nlines > 40 ? d->nlines - 40 : 0;
	for (i = from; i < d->nlines; i++) {
		const struct pline *l = &d->lines[i];
		const char *f = text_fold_arena(&d->a, l->s, l->len < 24 ? l->len : 24);
		const char *tt = caps_title(l->s, l->len);

		if (f && (strncmp(f, "phu luc", 7) == 0) && title) {
			end = i;
			break;
		}
		if (!tt)
			continue;
		/* "KT. CHỦ TỊCH" signs for the chairman: the deputy's title follows */
		if (!title || strcmp(tt, "Phó Chủ tịch") == 0 || i > title_at + 3)
			title = tt;
		title_at = i;
	}
	if (!title)
		return;
	for (i = title_at + 1; i < end && i < title_at + 10; i++) {
		const struct pline *l = &d->lines[i];
		const char *f = text_fold_arena(&d->a, l->s, l->len);
		struct tok *t;
		size_t n;

		/* "(Đã ký)", "(Ký, đóng dấu)", "TM. ỦY BAN NHÂN DÂN" */
		if (!f || l->s[0] == '(' || strstr(f, "da ky") || strstr(f, "dong dau") || strstr(f, "uy ban"))
			continue;
		if (pdoc_tokenize(&d->a, l->s, l->len, &t, &n))
			return;
		if (name_like(t, n)) {
			bool caps = true;
			size_t k;

			for (k = 0; k < n; k++)
				caps &= t[k].kind != TK_WORD || t[k].caps;
			r->signer_name = caps ? title_case(&d->a, l->s, l->len, true)
					      : arena_strndup(&d->a, l->s, l->len);
			break;
		}
	}
	r->signer_title = title;
}

enum gemis_err plan_header(struct pdoc *d, struct presult *r)
{
	long title_end;

	title_end = title(d, r);
	number_and_date(d, r, 30);
	period(d, r);
	references(d, r, title_end);
	unit_and_province(d, r);
	signer(d, r);
	return GEMIS_OK;
}
