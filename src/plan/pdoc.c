/*
 * pdoc.c: normalising a plan's text into lines, paragraphs and tokens (see
 * pdoc.h for the rules).
 */
#include "pdoc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "plan_int.h"
#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

/* ---- small UTF-8 helpers ------------------------------------------------ */

static size_t cp_at(const char *s, size_t len, size_t i, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t k;

	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), cp);
	if (k <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return (size_t)k;
}

static bool is_letter(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || c == UTF8PROC_CATEGORY_MN ||
	       c == UTF8PROC_CATEGORY_MC;
}

static bool is_upper_cp(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool is_lower_cp(utf8proc_int32_t cp)
{
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_space_cp(utf8proc_int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
	       (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000 || cp == 0xFEFF;
}

static size_t ncp(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* ---- lines -------------------------------------------------------------- */

/* Cleans one input line: '*' markers out (a leading "* " is a bullet), odd
 * spaces to one space, no space before closing punctuation or after an
 * opening bracket.  Returns the cleaned copy (arena) and its length. */
static char *clean_line(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	char *o = arena_alloc(a, len * 2 + 2);
	size_t i = 0, j = 0, caps_run = 0;
	bool space = false;

	if (!o)
		return NULL;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 1 < len && s[i] == '*' && s[i + 1] == ' ') {
		o[j++] = '-';
		i++;
	}
	while (i < len) {
		utf8proc_int32_t cp;
		size_t k = cp_at(s, len, i, &cp);

		if (cp == '*' || cp == 0xFFFD || cp == 0xFEFF || (cp < 0x20 && cp != '\t')) {
			i += k;
			continue;
		}
		if (is_space_cp(cp)) {
			space = true;
			caps_run = 0;
			i += k;
			continue;
		}
		if (space && j > 0) {
			bool closing = cp == ',' || cp == '.' || cp == ';' || cp == ':' || cp == ')' ||
				       cp == '?' || cp == '!' || cp == '%';

			if (!closing && o[j - 1] != '(')
				o[j++] = ' ';
		} else if (caps_run >= 2 && is_upper_cp(cp) && i + k < len) {
			/* "112/KH-UBNDHồi Ninh": two columns of a PDF's header run
			 * together; capitals running into a capitalised word are
			 * two words (no Vietnamese word is spelt so) */
			utf8proc_int32_t nx;

			cp_at(s, len, i + k, &nx);
			if (is_lower_cp(nx))
				o[j++] = ' ';
		}
		caps_run = is_upper_cp(cp) ? caps_run + 1 : 0;
		space = false;
		memcpy(o + j, s + i, k);
		j += k;
		i += k;
	}
	o[j] = '\0';
	*outlen = j;
	return o;
}

static bool all_digits(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
	}
	return true;
}

/* "4", "- 4 -", "Trang 4", "4/12": a page number on a line of its own. */
/* The rule under a table's header in a text file ("|---|:---:|",
 * "+----+----+"): it holds no cell, and taken for a paragraph it would end
 * the table before its rows. */
static bool table_rule(const char *s, size_t len)
{
	size_t i, bars = 0, dashes = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '|' || s[i] == '+')
			bars++;
		else if (s[i] == '-' || s[i] == '=')
			dashes++;
		else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t')
			return false;
	}
	return bars > 0 && dashes >= 3;
}

static bool page_number(const char *s, size_t len)
{
	size_t i = 0, j = len;

	if (len <= 3 && all_digits(s, len))
		return true;
	if (len > 2 && (s[0] == '-') && s[len - 1] == '-') {
		i = 1;
		j = len - 1;
		while (i < j && s[i] == ' ')
			i++;
		while (j > i && s[j - 1] == ' ')
			j--;
		return j - i <= 3 && all_digits(s + i, j - i);
	}
	if (len > 6 && (strncmp(s, "Trang ", 6) == 0 || strncmp(s, "trang ", 6) == 0)) {
		const char *slash = memchr(s + 6, '/', len - 6);

		if (slash)
			return all_digits(s + 6, (size_t)(slash - s - 6)) &&
			       all_digits(slash + 1, len - (size_t)(slash + 1 - s));
		return all_digits(s + 6, len - 6) && len - 6 <= 4;
	}
	return false;
}

/* ---- markers ------------------------------------------------------------ */

static int roman_value(const char *s, size_t n)
{
	static const char *const r[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
					"XI", "XII", "XIII", "XIV", "XV"};
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		if (strlen(r[i]) == n && memcmp(r[i], s, n) == 0)
			return (int)i + 1;
	}
	return 0;
}

/* Vietnamese letter order of list items: a b c d đ e g h i k l m n o p q r s t u v x y. */
int pdoc_letter_index(const char *s, size_t k)
{
	static const char order[] = "abcd?eghiklmnopqrstuvxy";
	const char *p;

	if (k == 2 && (unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0x91)
		return 5; /* đ */
	if (k != 1 || !islower((unsigned char)s[0]))
		return 0;
	p = strchr(order, s[0]);
	return p ? (int)(p - order) + 1 : 0;
}

/* Length of the numbering marker at the start of s (with the spaces after
 * it), 0 when there is none.  Fills the paragraph's mark, num and depth. */
static size_t marker(const char *s, size_t len, struct para *p)
{
	size_t i = 0, k;
	utf8proc_int32_t cp;

	if (len == 0)
		return 0;
	k = cp_at(s, len, 0, &cp);
	if (cp == '-' || cp == '+' || cp == 0x2013 || cp == 0x2014 || cp == 0x2022 || cp == 0xB7 ||
	    cp == 0x25CF || cp == 0xF0B7) {
		if (k < len && s[k] != ' ' && !is_letter(0) && isdigit((unsigned char)s[k]))
			return 0; /* "-3" is a number */
		p->mark = MK_DASH;
		i = k;
		while (i < len && s[i] == ' ')
			i++;
		return i;
	}
	/* roman: I. II. IV. followed by a space or a capital */
	while (i < len && i < 5 && strchr("IVX", s[i]))
		i++;
	if (i > 0 && i < len && (s[i] == '.' || s[i] == ')') && roman_value(s, i)) {
		size_t j = i + 1;

		if (j >= len || s[j] == ' ' || (unsigned char)s[j] >= 0x80 || isupper((unsigned char)s[j])) {
			p->mark = MK_ROMAN;
			p->num[0] = roman_value(s, i);
			p->depth = 1;
			while (j < len && s[j] == ' ')
				j++;
			return j;
		}
	}
	/* arabic: 1. 1) 2.1. 2.1 */
	i = 0;
	if (isdigit((unsigned char)s[0])) {
		int depth = 0, nums[PARA_DEPTH] = {0};
		bool closed = false;

		while (i < len && depth < PARA_DEPTH) {
			size_t st = i;
			int v = 0;

			while (i < len && isdigit((unsigned char)s[i]) && i - st < 3) {
				v = v * 10 + (s[i] - '0');
				i++;
			}
			if (i == st || (i < len && isdigit((unsigned char)s[i])) || i - st > 2)
				return 0;
			nums[depth++] = v;
			if (i < len && s[i] == '.' && i + 1 < len && isdigit((unsigned char)s[i + 1])) {
				i++;
				continue;
			}
			if (i < len && (s[i] == '.' || s[i] == ')')) {
				i++;
				closed = true;
			}
			break;
		}
		if ((closed || depth > 1) && (i >= len || s[i] == ' ' || !isdigit((unsigned char)s[i])) &&
		    !(i < len && (s[i] == '/' || s[i] == ',' || s[i] == '%'))) {
			if (i < len && s[i] != ' ' && !closed)
				return 0;
			p->mark = MK_ARABIC;
			memcpy(p->num, nums, sizeof(nums));
			p->depth = depth;
			while (i < len && s[i] == ' ')
				i++;
			return i;
		}
		return 0;
	}
	/* letter: a) đ) */
	if (is_lower_cp(cp) && k < len && s[k] == ')') {
		int li = pdoc_letter_index(s, k);

		if (li) {
			p->mark = MK_LETTER;
			p->num[0] = li;
			p->depth = 1;
			i = k + 1;
			while (i < len && s[i] == ' ')
				i++;
			return i;
		}
	}
	return 0;
}

static bool starts_with_fold(struct arena *a, const char *s, size_t len, const char *key)
{
	size_t n = len < 40 ? len : 40;
	const char *f = text_fold_arena(a, s, n);
	size_t kl = strlen(key);

	return f && strncmp(f, key, kl) == 0 && (f[kl] == '\0' || f[kl] == ' ');
}

/* Lines that always open a paragraph, whatever came before: a numbering
 * marker, "Chỉ tiêu 2:", "Mục tiêu 1:", "Căn cứ", "Nơi nhận", "KT." and
 * "TM." of the signature block, "Số:". */
static bool opens_paragraph(struct arena *a, const char *s, size_t len)
{
	struct para tmp;
	size_t head = len < 24 ? len : 24;

	memset(&tmp, 0, sizeof(tmp));
	if (marker(s, len, &tmp))
		return true;
	if ((starts_with_fold(a, s, len, "chi tieu") || starts_with_fold(a, s, len, "muc tieu")) &&
	    memchr(s, ':', head))
		return true;
	if (starts_with_fold(a, s, len, "can cu") || starts_with_fold(a, s, len, "noi nhan"))
		return true;
	if (len > 3 && (strncmp(s, "KT.", 3) == 0 || strncmp(s, "TM.", 3) == 0))
		return true;
	if (memmem(s, len, " | ", 3))
		return true; /* a table row (DOCX tables come out as "cell | cell") */
	return starts_with_fold(a, s, len, "so") && memchr(s, ':', len < 6 ? len : 6);
}

static bool is_caps_text(const char *s, size_t len)
{
	size_t i = 0, up = 0, low = 0;

	while (i < len) {
		utf8proc_int32_t cp;

		i += cp_at(s, len, i, &cp);
		if (is_upper_cp(cp))
			up++;
		else if (is_lower_cp(cp))
			low++;
	}
	return up >= 3 && low * 5 <= up;
}

/* A line whose last word asks for more: a name going on ("tỉnh Bắc" /
 * "Ninh") or a word that never ends a sentence ("của", "và"). */
/* True when the first one to four words of s[0..len) name a commune, ward
 * or province of the administrative list. */
static bool starts_with_unit_name(struct arena *a, const char *s, size_t len)
{
	const char *f = text_fold_arena(a, s, len < 48 ? len : 48);
	char key[64];
	size_t n = 0, words = 0;

	if (!f)
		return false;
	while (f[n] && n + 1 < sizeof(key) && words < 4) {
		key[n] = f[n];
		n++;
		if (f[n] == ' ' || f[n] == '\0') {
			key[n] = '\0';
			words++;
			if (units_has_name(key) || units_province(key))
				return true;
		}
	}
	return false;
}

static bool continues(struct arena *a, const char *s, size_t len, const char *next, size_t nlen)
{
	static const char *const unit_words[] = {"tinh", "xa", "phuong", "pho", "huyen", NULL};
	/* function words, and the words that always take a name or a number
	 * after them ("tỉnh" / "Lai Châu", "số" / "28/NQ-CP") */
	static const char *const glue[] = {"cua", "va", "ve", "voi", "cac", "cho", "tai", "theo",
					   "trong", "nhung", "la", "tren", "duoi", "den", "tu", "so",
					   "ngay", "thang", "qua", "gui", NULL};
	size_t i = len;
	utf8proc_int32_t cp;
	const char *f;
	int k;

	while (i > 0 && s[i - 1] != ' ')
		i--;
	if (i >= len)
		return false;
	cp_at(s, len, i, &cp);
	if (is_upper_cp(cp) && !is_caps_text(s + i, len - i))
		return true;
	f = text_fold_arena(a, s + i, len - i);
	for (k = 0; f && glue[k]; k++) {
		if (strcmp(f, glue[k]) == 0)
			return true;
	}
	for (k = 0; f && unit_words[k]; k++) {
		if (strcmp(f, unit_words[k]) == 0)
			return starts_with_unit_name(a, next, nlen);
	}
	return false;
}

/* A line that ends with a word wanting a number after it ("mục", "điểm",
 * "khoản", "chỉ tiêu", "ngày", "năm"). */
static bool takes_number(struct arena *a, const char *s, size_t len)
{
	static const char *const w[] = {"muc", "diem", "khoan", "tieu", "so", "ngay", "thang", "nam",
					"phan", "dieu", "lop", NULL};
	utf8proc_int32_t cp;
	size_t i = len;
	const char *f;
	int k;

	while (i > 0 && s[i - 1] != ' ')
		i--;
	if (i >= len)
		return false;
	cp_at(s, len, i, &cp);
	if (!is_lower_cp(cp))
		return false; /* "MỤC TIÊU": a heading, not a reference in a sentence */
	f = text_fold_arena(a, s + i, len - i);
	for (k = 0; f && w[k]; k++) {
		if (strcmp(f, w[k]) == 0)
			return true;
	}
	return false;
}

/* "- Xã hội ...", "- Thể thao ...": the second half of a compound with a
 * dash ("Văn hóa - Xã hội", "chính trị - xã hội"), not a list item. */
static bool dash_half(struct arena *a, const char *s, size_t len)
{
	const char *f;

	if (len < 3 || !(s[0] == '-' || (unsigned char)s[0] == 0xE2))
		return false;
	f = text_fold_arena(a, s, len < 24 ? len : 24);
	return f && (strncmp(f, "xa hoi", 6) == 0 || strncmp(f, "the thao", 8) == 0);
}

/* A line that opens with a marker closed by "." or ")" ("1. Mục tiêu"),
 * not a bare number ("2.3 Phần II"). */
static bool closed_marker(const char *s, size_t len)
{
	struct para tmp;
	size_t m;

	memset(&tmp, 0, sizeof(tmp));
	m = marker(s, len, &tmp);
	while (m > 0 && s[m - 1] == ' ')
		m--;
	return m > 0 && (s[m - 1] == '.' || s[m - 1] == ')');
}

/* A line that holds a numbering marker and nothing else ("II."). */
static bool bare_marker(const char *s, size_t len)
{
	struct para tmp;
	size_t m;

	memset(&tmp, 0, sizeof(tmp));
	m = marker(s, len, &tmp);
	return m > 0 && m >= len && tmp.mark != MK_DASH;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* ---- tokens ------------------------------------------------------------- */

/* One function: a tokenizer's single pass, a branch for each kind of token. */
enum gemis_err pdoc_tokenize(struct arena *a, const char *s, size_t len, struct tok **out, size_t *n)
{
	size_t cap = len / 2 + 4, i = 0, nt = 0;
	struct tok *t = arena_alloc(a, cap * sizeof(*t));

	*out = NULL;
	*n = 0;
	if (!t)
		return GEMIS_ENOMEM;
	while (i < len) {
		utf8proc_int32_t cp;
		size_t k = cp_at(s, len, i, &cp), st = i;
		struct tok *x;

		if (is_space_cp(cp) || cp == '\n' || cp == '\r') {
			i += k;
			continue;
		}
		if (nt == cap)
			break; /* cannot happen: a token takes at least one byte and a space */
		x = &t[nt];
		memset(x, 0, sizeof(*x));
		x->s = s + i;
		if (cp >= '0' && cp <= '9') {
			char tmp[48];
			size_t j = 0, groups = 0;
			bool comma = false, dot = false, three = true;

			while (i < len) {
				if (isdigit((unsigned char)s[i])) {
					i++;
					continue;
				}
				if ((s[i] == '.' || s[i] == ',') && i + 1 < len && isdigit((unsigned char)s[i + 1])) {
					size_t d = i + 1;

					while (d < len && isdigit((unsigned char)s[d]))
						d++;
					if (d - i - 1 != 3)
						three = false;
					if (s[i] == ',')
						comma = true;
					else
						dot = true;
					groups++;
					i = d;
					continue;
				}
				break;
			}
			x->kind = TK_NUM;
			x->len = i - st;
			x->plain = groups == 0;
			/* value: ',' is the decimal mark; '.' groups thousands when every
			 * group after it has three digits, else it is a decimal point */
			for (size_t q = st; q < i && j + 1 < sizeof(tmp); q++) {
				char c = s[q];

				if (c == ',')
					tmp[j++] = '.';
				else if (c == '.' && (comma || three))
					continue;
				else
					tmp[j++] = c;
			}
			tmp[j] = '\0';
			(void)dot;
			x->v = strtod(tmp, NULL);
			x->f = arena_strndup(a, s + st, x->len);
			if (!x->f)
				return GEMIS_ENOMEM;
			nt++;
			continue;
		}
		if (is_letter(cp) && utf8proc_category(cp) != UTF8PROC_CATEGORY_MN) {
			bool up = is_upper_cp(cp), caps = up;

			while (i < len) {
				utf8proc_int32_t c2;
				size_t k2 = cp_at(s, len, i, &c2);

				if (!(is_letter(c2) || (c2 >= '0' && c2 <= '9')))
					break;
				if (is_lower_cp(c2))
					caps = false;
				i += k2;
			}
			x->kind = TK_WORD;
			x->len = i - st;
			x->upper = up;
			x->caps = caps;
			x->f = text_fold_arena(a, s + st, x->len);
			if (!x->f)
				return GEMIS_ENOMEM;
			nt++;
			continue;
		}
		i += k;
		x->kind = TK_PUNCT;
		x->len = k;
		x->f = arena_strndup(a, s + st, k);
		if (!x->f)
			return GEMIS_ENOMEM;
		nt++;
	}
	*out = t;
	*n = nt;
	return GEMIS_OK;
}

bool tok_is(const struct tok *t, const char *w)
{
	return t->kind != TK_PUNCT && strcmp(t->f, w) == 0;
}

bool tok_spelt(const struct tok *t, const char *w)
{
	size_t i = 0, j = 0, wl = strlen(w);

	if (t->kind != TK_WORD)
		return false;
	while (i < t->len && j < wl) {
		utf8proc_int32_t a, b;

		i += cp_at(t->s, t->len, i, &a);
		j += cp_at(w, wl, j, &b);
		if (utf8proc_tolower(a) != b)
			return false;
	}
	return i == t->len && j == wl;
}

bool tok_year(const struct tok *t, int *year)
{
	if (t->kind != TK_NUM || !t->plain || t->len != 4 || t->v < 1900 || t->v > 2100)
		return false;
	*year = (int)t->v;
	return true;
}

int tokens_year(const struct tok *t, size_t a, size_t b)
{
	int y = 0, yy;

	for (; a < b; a++) {
		if (tok_year(&t[a], &yy))
			y = yy;
	}
	return y;
}

size_t tok_next_word(const struct tok *t, size_t i, size_t to)
{
	while (i < to && t[i].kind == TK_PUNCT)
		i++;
	return i;
}

bool phrase_make(struct arena *a, const char *s, struct phrase *p)
{
	const char *f = text_fold_arena(a, s, strlen(s));
	const char *q;
	int n = 0, k = 0;

	p->w = NULL;
	p->n = 0;
	if (!f || !*f)
		return false;
	for (q = f; *q; q++)
		n += *q == ' ';
	n++;
	p->w = arena_alloc(a, (size_t)n * sizeof(*p->w));
	if (!p->w)
		return false;
	q = f;
	while (*q && k < n) {
		const char *sp = strchr(q, ' ');
		size_t l = sp ? (size_t)(sp - q) : strlen(q);

		p->w[k++] = arena_strndup(a, q, l);
		if (!p->w[k - 1])
			return false;
		q += l;
		if (*q == ' ')
			q++;
	}
	p->n = k;
	return k > 0;
}

long phrase_find(const struct tok *t, size_t from, size_t to, const struct phrase *p, size_t *end)
{
	size_t i;

	if (p->n <= 0)
		return -1;
	for (i = from; i < to; i++) {
		size_t j = i;
		int k = 0;

		if (t[i].kind == TK_PUNCT || strcmp(t[i].f, p->w[0]) != 0)
			continue;
		while (k < p->n) {
			j = tok_next_word(t, j, to);
			if (j >= to || strcmp(t[j].f, p->w[k]) != 0)
				break;
			j++;
			k++;
		}
		if (k == p->n) {
			if (end)
				*end = j;
			return (long)i;
		}
	}
	return -1;
}

/* ---- the document ------------------------------------------------------- */

static bool ends_sentence(const char *s, size_t len)
{
	char c;

	if (len == 0)
		return true;
	c = s[len - 1];
	return c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

static enum gemis_err add_para(struct pdoc *d, size_t *cap, const char *text, size_t len, long first,
			       long last)
{
	struct para *p;
	size_t m;
	enum gemis_err err;

	if (d->np == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		struct para *np = arena_alloc(&d->a, ncap * sizeof(*np));

		if (!np)
			return GEMIS_ENOMEM;
		if (d->np)
			memcpy(np, d->p, d->np * sizeof(*np));
		d->p = np;
		*cap = ncap;
	}
	p = &d->p[d->np];
	memset(p, 0, sizeof(*p));
	p->line = first;
	p->last_line = last;
	p->goal_kind = -1;
	m = marker(text, len, p);
	p->mtext = arena_strndup(&d->a, text, m);
	while (m > 0 && text[m - 1] == ' ')
		m--;
	if (p->mtext) {
		char *mt = (char *)p->mtext;

		mt[m] = '\0';
	}
	m = p->mark == MK_NONE ? 0 : m;
	while (m < len && text[m] == ' ')
		m++;
	p->text = text + m;
	p->len = len - m;
	p->caps = is_caps_text(p->text, p->len);
	err = pdoc_tokenize(&d->a, p->text, p->len, &p->t, &p->nt);
	if (err)
		return err;
	if (!p->mtext)
		return GEMIS_ENOMEM;
	d->np++;
	return GEMIS_OK;
}

/* ---- tables whose header takes two rows ---------------------------------
 *
 *	STT | Chỉ tiêu | Đơn vị | Chỉ tiêu phấn đấu | Cơ quan chủ trì
 *	Năm 2028 | Năm 2030
 *	1 | Tỷ lệ ... | % | 55 | 60 | Phòng Kinh tế
 *
 * A cell spanning columns over a row of years (merged in Word, or written
 * flat by a text step) is one header row here: "Chỉ tiêu phấn đấu Năm 2028 |
 * Chỉ tiêu phấn đấu Năm 2030", so that the readers of tables (targets.c,
 * duties.c) see one column a year and the row of years is never data. */

#define HEAD_CELLS 16

struct cells {
	const char *s[HEAD_CELLS];
	size_t len[HEAD_CELLS];
	size_t n;
};

/* The cells of a table row's text, trimmed (empty ones kept). */
static void split_cells(const char *s, size_t len, struct cells *c)
{
	size_t i = 0, st = 0;

	c->n = 0;
	for (i = 0; i <= len && c->n < HEAD_CELLS; i++) {
		if (i < len && s[i] != '|')
			continue;
		{
			size_t a = st, b = i;

			while (a < b && s[a] == ' ')
				a++;
			while (b > a && s[b - 1] == ' ')
				b--;
			c->s[c->n] = s + a;
			c->len[c->n++] = b - a;
		}
		st = i + 1;
	}
}

static bool is_table_row(const struct para *p)
{
	return p->len && memmem(p->text, p->len, " | ", 3);
}

/* A row of years: every cell empty or a short cell with a year and no
 * other number ("Năm 2028", "Đến năm 2030"); at least one year. */
static bool year_row(const struct para *p)
{
	size_t from[HEAD_CELLS], to[HEAD_CELLS], n = para_cells(p, from, to, HEAD_CELLS), c, k, years = 0;

	for (c = 0; c < n; c++) {
		size_t words = 0, y = 0;

		for (k = from[c]; k < to[c]; k++) {
			int yy;

			if (tok_year(&p->t[k], &yy))
				y++;
			else if (p->t[k].kind == TK_NUM)
				return false;
			else
				words += p->t[k].kind == TK_WORD;
		}
		if (words > 4 || y > 1 || (words && !y))
			return false;
		years += y;
	}
	return years > 0;
}

/* A header row: words only, no figure but years. */
static bool header_row(const struct para *p)
{
	size_t k;

	for (k = 0; k < p->nt; k++) {
		int y;

		if (p->t[k].kind == TK_NUM && !tok_year(&p->t[k], &y))
			return false;
	}
	return p->nt > 0;
}

/* The header cell a flat row of years spans: one that speaks of targets
 * or results over time ("Chỉ tiêu phấn đấu", "Kế hoạch", "Thực hiện"). */
static long spanning_cell(struct arena *a, const struct cells *h)
{
	static const char *const w[] = {"phan dau", "muc tieu", "ke hoach", "du kien", "lo trinh", "giai doan",
					"thuc hien", "den nam", "theo nam", NULL};
	size_t c;
	int i;

	for (c = 1; c < h->n; c++) {
		const char *f = text_fold_arena(a, h->s[c], h->len[c]);

		for (i = 0; f && w[i]; i++) {
			if (strstr(f, w[i]))
				return (long)c;
		}
	}
	return -1;
}

static enum gemis_err merge_table_headers(struct pdoc *d)
{
	size_t i;

	for (i = 0; i + 1 < d->np; i++) {
		struct para *h = &d->p[i], *y = &d->p[i + 1];
		struct cells hc, yc;
		struct buf b;
		size_t c, ny = 0, next_cells = 0;
		long span = -1;
		enum gemis_err err = GEMIS_OK;

		if (!is_table_row(h) || !(is_table_row(y) || memchr(y->text, '|', y->len) || y->nt < 12) ||
		    !header_row(h) || !year_row(y))
			continue;
		split_cells(h->text, h->len, &hc);
		split_cells(y->text, y->len, &yc);
		for (c = 0; c < yc.n; c++)
			ny += yc.len[c] > 0;
		if (i + 2 < d->np && is_table_row(&d->p[i + 2])) {
			struct cells dc;

			split_cells(d->p[i + 2].text, d->p[i + 2].len, &dc);
			next_cells = dc.n;
		}
		if (yc.n != hc.n) {
			/* a flat row of years: the cell it spans opens into one
			 * column a year, when the rows below have as many cells */
			span = spanning_cell(&d->a, &hc);
			if (span < 0 || ny != yc.n || (next_cells && next_cells != hc.n + ny - 1))
				continue;
		}
		buf_init(&b, PDOC_MAX_PARA_BYTES);
		for (c = 0; c < hc.n && !err; c++) {
			size_t k, up;

			if (span >= 0 && (long)c == span) {
				for (k = 0; k < yc.n && !err; k++) {
					err = buf_puts(&b, k || c ? " | " : "");
					if (!err)
						err = buf_append(&b, hc.s[c], hc.len[c]);
					if (!err)
						err = buf_putc(&b, ' ');
					if (!err)
						err = buf_append(&b, yc.s[k], yc.len[k]);
				}
				continue;
			}
			err = buf_puts(&b, c ? " | " : "");
			/* a cell merged across columns is empty after its first:
			 * the year below goes with the nearest head to its left */
			for (up = c; span < 0 && up > 0 && hc.len[up] == 0; up--)
				;
			if (!err)
				err = buf_append(&b, hc.s[up], hc.len[up]);
			if (!err && span < 0 && c < yc.n && yc.len[c]) {
				err = buf_putc(&b, ' ');
				if (!err)
					err = buf_append(&b, yc.s[c], yc.len[c]);
			}
		}
		if (!err) {
			char *t = arena_strndup(&d->a, buf_str(&b), b.len);

			if (!t)
				err = GEMIS_ENOMEM;
			else {
				h->text = t;
				h->len = b.len;
				h->caps = false;
				err = pdoc_tokenize(&d->a, h->text, h->len, &h->t, &h->nt);
			}
		}
		buf_release(&b);
		if (err)
			return err == GEMIS_ELIMIT ? GEMIS_OK : err;
		h->last_line = y->last_line;
		memmove(y, y + 1, (d->np - i - 2) * sizeof(*y));
		d->np--;
	}
	return GEMIS_OK;
}

/* The document's lines, cleaned (clean_line()), without empty lines, page
 * numbers and table rules, into d->lines; *lensp (caller frees) their
 * lengths in characters. */
static enum gemis_err split_lines(struct pdoc *d, const struct buf *nfcp, size_t **lensp)
{
	size_t i, start, nl = 0, *lens;
	long lineno = 0;

	for (i = 0; i < nfcp->len; i++)
		nl += nfcp->p[i] == '\n' || nfcp->p[i] == '\r';
	d->lines = arena_alloc(&d->a, (nl + 1) * sizeof(*d->lines));
	lens = malloc((nl + 1) * sizeof(*lens));
	*lensp = lens;
	if (!d->lines || !lens)
		return GEMIS_ENOMEM;
	start = 0;
	for (i = 0; i <= nfcp->len; i++) {
		const char *s = buf_str(nfcp);
		size_t cl;
		char *c;

		if (i < nfcp->len && s[i] != '\n' && s[i] != '\r')
			continue;
		lineno++;
		c = clean_line(&d->a, s + start, i - start, &cl);
		if (!c)
			return GEMIS_ENOMEM;
		if (i < nfcp->len && s[i] == '\r' && i + 1 < nfcp->len && s[i + 1] == '\n')
			i++;
		start = i + 1;
		if (cl == 0 || page_number(c, cl) || table_rule(c, cl))
			continue;
		d->lines[d->nlines].no = lineno;
		d->lines[d->nlines].s = c;
		d->lines[d->nlines].len = cl;
		lens[d->nlines] = ncp(c, cl);
		d->nlines++;
	}
	return GEMIS_OK;
}

/* The length of a full line: a wrapped line is at least 60% of it. */
static enum gemis_err full_line(const struct pdoc *d, const size_t *lens, size_t *out)
{
	if (d->nlines) {
		size_t *sorted = malloc(d->nlines * sizeof(*sorted));

		if (!sorted)
			return GEMIS_ENOMEM;
		memcpy(sorted, lens, d->nlines * sizeof(*sorted));
		qsort(sorted, d->nlines, sizeof(*sorted), cmp_size);
		*out = sorted[d->nlines * 9 / 10] * 6 / 10;
		free(sorted);
	} else {
		*out = 0;
	}
	if (*out < 30)
		*out = 30;
	return GEMIS_OK;
}

/* Does line l go on the paragraph begun in para (its last line plastlen
 * characters long; long_len: a full line's)? */
static bool joins(struct pdoc *d, const struct buf *para, const struct pline *l, size_t plastlen, size_t long_len,
		  pdoc_line_fn names_first)
{
	bool join = false;

	if (para->len > 0 && memmem(para->p, para->len, " | ", 3)) {
		join = false; /* a table row is one line */
	} else if (para->len > 0 && !ends_sentence(para->p, para->len) &&
		   ((takes_number(&d->a, para->p, para->len) && !closed_marker(l->s, l->len)) ||
		    bare_marker(l->s, l->len)) &&
		   (isdigit((unsigned char)l->s[0]) || strchr("IVX", l->s[0]))) {
		/* "... điểm b mục" / "2.3 Phần II.", "... Phần" / "II.": a
		 * number the previous line asks for, or a marker with no
		 * heading after it, goes on the sentence */
		join = true;
	} else if (para->len > 0 && !ends_sentence(para->p, para->len) && para->p[para->len - 1] != ',' &&
		   dash_half(&d->a, l->s, l->len)) {
		join = true; /* "Phòng Văn hóa" / "- Xã hội": a compound broken at its dash */
	} else if (para->len > 0 && !ends_sentence(para->p, para->len) &&
	    !opens_paragraph(&d->a, l->s, l->len)) {
		utf8proc_int32_t cp;

		cp_at(l->s, l->len, 0, &cp);
		if (is_lower_cp(cp) || cp == '(' || (plastlen >= long_len && !is_upper_cp(cp)) ||
		    (plastlen >= long_len && continues(&d->a, para->p, para->len, l->s, l->len)) ||
		    (plastlen >= long_len && names_first && names_first(&d->a, l->s, l->len)))
			join = true;
		else if (para->p[para->len - 1] == ',' || para->p[para->len - 1] == '-')
			join = true;
	} else if (para->len > 0 && para->p[para->len - 1] == ';' && !opens_paragraph(&d->a, l->s, l->len)) {
		/* "...việc làm;" / "tăng cường ...": a list inside a sentence
		 * goes on in lower case */
		utf8proc_int32_t cp;

		cp_at(l->s, l->len, 0, &cp);
		join = is_lower_cp(cp);
	}
	return join;
}

enum gemis_err pdoc_build(struct pdoc *d, const char *text, size_t len, pdoc_line_fn names_first, struct errctx *e)
{
	struct buf nfc, para;
	enum gemis_err err = GEMIS_OK;
	size_t i, cap = 0, *lens = NULL, long_len;
	long pfirst = 0, plast = 0;
	size_t plastlen = 0;

	memset(d, 0, sizeof(*d));
	arena_init(&d->a, 0);
	if (len > PDOC_MAX_BYTES)
		return err_set(e, GEMIS_ELIMIT, "the document is larger than %zu MiB",
			       PDOC_MAX_BYTES >> 20);
	if (!text_valid_utf8(text, len))
		return err_set(e, GEMIS_EFORMAT,
			       "the document is not UTF-8 text (save it as UTF-8, DOCX or PDF)");
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	buf_init(&nfc, PDOC_MAX_BYTES * 2);
	buf_init(&para, PDOC_MAX_PARA_BYTES);
	err = text_nfc(&nfc, text, len);
	if (err)
		goto out;
	err = split_lines(d, &nfc, &lens);
	if (err)
		goto out;
	err = full_line(d, lens, &long_len);
	if (err)
		goto out;
	/* paragraphs */
	for (i = 0; i < d->nlines && !err; i++) {
		const struct pline *l = &d->lines[i];
		bool join = joins(d, &para, l, plastlen, long_len, names_first);

		if (join) {
			bool hyphen = para.p[para.len - 1] == '-';

			err = hyphen ? GEMIS_OK : buf_putc(&para, ' ');
			if (!err)
				err = buf_append(&para, l->s, l->len);
			if (err == GEMIS_ELIMIT) {
				/* an endless paragraph: start a new one */
				err = GEMIS_OK;
				join = false;
			} else {
				plast = l->no;
				plastlen = lens[i];
				continue;
			}
		}
		if (para.len > 0) {
			char *copy = arena_strndup(&d->a, para.p, para.len);

			err = copy ? add_para(d, &cap, copy, para.len, pfirst, plast) : GEMIS_ENOMEM;
			if (err)
				break;
		}
		buf_reset(&para);
		err = buf_append(&para, l->s, l->len);
		pfirst = plast = l->no;
		plastlen = lens[i];
	}
	if (!err && para.len > 0) {
		char *copy = arena_strndup(&d->a, para.p, para.len);

		err = copy ? add_para(d, &cap, copy, para.len, pfirst, plast) : GEMIS_ENOMEM;
	}
	if (!err)
		err = merge_table_headers(d);
out:
	if (err == GEMIS_ENOMEM)
		err_set(e, err, "out of memory reading the document");
	else if (err == GEMIS_ELIMIT && (!e || !e->msg[0]))
		err_set(e, err, "the document is too large");
	free(lens);
	buf_release(&nfc);
	buf_release(&para);
	return err;
}

void pdoc_release(struct pdoc *d)
{
	arena_release(&d->a);
	memset(d, 0, sizeof(*d));
}

size_t para_cells(const struct para *p, size_t *from, size_t *to, size_t max)
{
	size_t k, n = 0, st = 0;

	for (k = 0; k <= p->nt && n < max; k++) {
		if (k == p->nt || (p->t[k].kind == TK_PUNCT && strcmp(p->t[k].f, "|") == 0)) {
			from[n] = st;
			to[n++] = k;
			st = k + 1;
		}
	}
	return n;
}
