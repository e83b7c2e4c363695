/*
 * deadline.c: when a duty is due (rules in deadline.h) and the reading of
 * the times plans write.
 */
#include "deadline.h"

#include <string.h>

#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

const struct deadline deadline_action_month = {DEADLINE_YEARLY, {0, 11, 15}, {0, 12, 15}};

struct deadline deadline_yearly(int day, int month)
{
	struct deadline dl = {DEADLINE_YEARLY, {0, 0, 0}, {0, month, day}};

	return dl;
}

struct deadline deadline_of_plan(int day, int month, bool *assumed)
{
	bool none = day == 0 || month == 0;

	if (assumed)
		*assumed = none;
	return none ? deadline_yearly(31, 12) : deadline_yearly(day, month);
}

/* The quarter (1..4) an occurrence is asked for: a year's is its last. */
static int quarter_of(period_t p)
{
	switch (period_kind(p)) {
	case PERIOD_QUARTER:
		return period_index(p);
	case PERIOD_MONTH:
		return (period_index(p) - 1) / 3 + 1;
	case PERIOD_YEAR:
		break;
	}
	return 4;
}

/* Day and month `at` of a window placed in year y (yearly) or in quarter q
 * of year y (quarterly: at.m counts from the quarter's first month). */
static struct date place(const struct deadline *dl, struct date at, int y, int q)
{
	struct date d = {y, at.m, at.d < 1 ? 1 : at.d};

	if (dl->every == DEADLINE_QUARTERLY) {
		d.m = (q - 1) * 3 + at.m;
		while (d.m > 12) {
			d.m -= 12;
			d.y++;
		}
	}
	if (d.m < 1)
		d.m = 1;
	if (d.m > 12)
		d.m = 12;
	return date_clamp(d);
}

/* True when the window's last day comes before its first within a year
 * ("15/12 - 15/01"): it then ends in the year after. */
static bool wraps(const struct deadline *dl)
{
	return dl->from.d && (dl->from.m * 100 + dl->from.d > dl->to.m * 100 + dl->to.d);
}

struct date deadline_due(const struct deadline *dl, period_t p)
{
	struct date d;

	switch (dl->every) {
	case DEADLINE_ONCE:
		return date_clamp(dl->to);
	case DEADLINE_YEARLY:
		d = place(dl, dl->to, period_year(p), 0);
		if (wraps(dl))
			d = date_clamp((struct date){d.y + 1, d.m, dl->to.d});
		return d;
	case DEADLINE_QUARTERLY:
		break;
	}
	return place(dl, dl->to, period_year(p), quarter_of(p));
}

struct date deadline_opens(const struct deadline *dl, period_t p)
{
	int q = quarter_of(p);

	switch (dl->every) {
	case DEADLINE_ONCE:
		if (dl->from.d)
			return date_clamp(dl->from);
		return (struct date){DATE_MIN_YEAR, 1, 1};
	case DEADLINE_YEARLY:
		if (dl->from.d)
			return place(dl, dl->from, period_year(p), 0);
		return (struct date){period_year(p), 1, 1};
	case DEADLINE_QUARTERLY:
		break;
	}
	if (dl->from.d)
		return place(dl, dl->from, period_year(p), q);
	return (struct date){period_year(p), (q - 1) * 3 + 1, 1};
}

static bool in_occurrence(const struct deadline *dl, period_t p, struct date d)
{
	return date_cmp(deadline_opens(dl, p), d) <= 0 && date_cmp(d, deadline_due(dl, p)) <= 0;
}

bool deadline_contains(const struct deadline *dl, struct date d)
{
	int q;

	switch (dl->every) {
	case DEADLINE_ONCE:
		return in_occurrence(dl, period_year_code(d.y), d);
	case DEADLINE_YEARLY:
		/* this year's window, or last year's running into this one */
		return in_occurrence(dl, period_year_code(d.y), d) ||
		       in_occurrence(dl, period_year_code(d.y - 1), d);
	case DEADLINE_QUARTERLY:
		break;
	}
	q = (d.m - 1) / 3 + 1;
	return in_occurrence(dl, period_quarter(d.y, q), d) ||
	       in_occurrence(dl, q > 1 ? period_quarter(d.y, q - 1) : period_quarter(d.y - 1, 4), d);
}

/* ---- reading a plan's time ------------------------------------------------ */

enum tkind { T_NUM, T_WORD, T_PUNCT };

struct tok {
	enum tkind kind;
	const char *s; /* the source bytes */
	size_t len;
	char w[24];    /* T_WORD: the folded word ("truoc"); T_PUNCT: "/", "-" */
	int v;         /* T_NUM: the value (at most 4 digits) */
};

#define MAX_TOKS 24

static bool ascii_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Splits s into numbers, words and punctuation; false when there are too
 * many tokens or a number or word is too long for a time. */
static bool tokenize(const char *s, size_t len, struct tok *t, size_t *nt)
{
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		struct tok *k = &t[n];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			i++;
			continue;
		}
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) { /* no-break space */
			i += 2;
			continue;
		}
		if (n == MAX_TOKS)
			return false;
		memset(k, 0, sizeof(*k));
		k->s = s + i;
		if (c >= '0' && c <= '9') {
			k->kind = T_NUM;
			while (i < len && s[i] >= '0' && s[i] <= '9') {
				if (++k->len > 4)
					return false;
				k->v = k->v * 10 + (s[i] - '0');
				i++;
			}
		} else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
			/* general punctuation: en and em dashes read as '-' */
			unsigned char c3 = (unsigned char)s[i + 2];

			k->kind = T_PUNCT;
			k->len = 3;
			k->w[0] = c3 == 0x93 || c3 == 0x94 ? '-' : '?';
			i += 3;
		} else if (ascii_word(c)) {
			struct buf b;
			bool ok;

			k->kind = T_WORD;
			while (i < len && ascii_word((unsigned char)s[i]) &&
			       !((unsigned char)s[i] == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) &&
			       !((unsigned char)s[i] == 0xE2 && i + 1 < len && (unsigned char)s[i + 1] == 0x80)) {
				i++;
				k->len++;
			}
			if (!text_valid_utf8(k->s, k->len))
				return false;
			buf_init(&b, sizeof(k->w) - 1);
			ok = text_fold(&b, k->s, k->len) == GEMIS_OK && b.len > 0;
			if (ok)
				memcpy(k->w, buf_str(&b), b.len + 1);
			buf_release(&b);
			if (!ok)
				return false;
		} else {
			k->kind = T_PUNCT;
			k->len = 1;
			k->w[0] = (char)c;
			i++;
		}
		n++;
	}
	*nt = n;
	return true;
}

struct cur {
	const struct tok *t;
	size_t i, n;
};

static bool is_word(const struct cur *c, size_t at, const char *w)
{
	return c->i + at < c->n && c->t[c->i + at].kind == T_WORD && strcmp(c->t[c->i + at].w, w) == 0;
}

static bool is_punct(const struct cur *c, size_t at, char p)
{
	return c->i + at < c->n && c->t[c->i + at].kind == T_PUNCT && c->t[c->i + at].w[0] == p;
}

static bool is_num(const struct cur *c, size_t at)
{
	return c->i + at < c->n && c->t[c->i + at].kind == T_NUM;
}

static bool is_year(const struct cur *c, size_t at)
{
	return is_num(c, at) && c->t[c->i + at].len == 4 && c->t[c->i + at].v >= DATE_MIN_YEAR &&
	       c->t[c->i + at].v <= DATE_MAX_YEAR;
}

/* Consumes the words of `phrase` ("cham nhat") when they come next. */
static bool take(struct cur *c, const char *phrase)
{
	size_t k = 0;
	const char *p = phrase;

	while (*p) {
		size_t n = strcspn(p, " ");
		char w[24];

		if (n >= sizeof(w))
			return false;
		memcpy(w, p, n);
		w[n] = '\0';
		if (!is_word(c, k, w))
			return false;
		k++;
		p += n;
		p += *p == ' ';
	}
	c->i += k;
	return true;
}

/* "/2026" or "năm 2026" after a quarter or a month: the year, or 0. */
static int year_after(struct cur *c)
{
	if ((is_punct(c, 0, '/') || is_punct(c, 0, '-') || is_word(c, 0, "nam")) && is_year(c, 1)) {
		c->i += 2;
		return c->t[c->i - 1].v;
	}
	return 0;
}

/* DATE: "30/11", "30/11/2026", "30 tháng 11 [năm 2026]" (after an
 * optional "ngày").  The numbers are checked by date_parse_dmy(). */
static bool date_at(struct cur *c, struct date *out)
{
	take(c, "ngay");
	if (is_num(c, 0) && is_word(c, 1, "thang") && is_num(c, 2)) {
		struct date d = {0, c->t[c->i + 2].v, c->t[c->i].v};

		c->i += 3;
		if (is_word(c, 0, "nam") && is_year(c, 1)) {
			d.y = c->t[c->i + 1].v;
			c->i += 2;
		}
		if (!(d.y ? date_valid(d) : date_valid((struct date){2000, d.m, d.d})))
			return false;
		*out = d;
		return true;
	}
	if (is_num(c, 0) && c->t[c->i].len <= 2 && c->i + 2 < c->n && c->t[c->i + 1].kind == T_PUNCT &&
	    strchr("/-.", c->t[c->i + 1].w[0]) && is_num(c, 2) && c->t[c->i + 2].len <= 2) {
		const char *s = c->t[c->i].s;
		size_t k = 3;
		const struct tok *last;

		if (is_punct(c, 3, c->t[c->i + 1].w[0]) && is_year(c, 4))
			k = 5;
		last = &c->t[c->i + k - 1];
		if (!date_parse_dmy(s, (size_t)(last->s + last->len - s), out))
			return false;
		c->i += k;
		return true;
	}
	return false;
}

/* "quý IV", "quý 4": the quarter, or 0. */
static int quarter_at(struct cur *c)
{
	static const char *const roman[] = {"i", "ii", "iii", "iv"};
	int q = 0, k;

	if (is_num(c, 0) && c->t[c->i].v >= 1 && c->t[c->i].v <= 4)
		q = c->t[c->i].v;
	for (k = 0; k < 4 && !q; k++)
		q = is_word(c, 0, roman[k]) ? k + 1 : 0;
	c->i += q != 0;
	return q;
}

/* A window of whole months, m1..m2 of year y (0: every year). */
static void months(struct deadline *dl, int y, int m1, int m2)
{
	dl->from = (struct date){y, m1, 1};
	dl->to = (struct date){y, m2, date_month_days(y ? y : 2000, m2)}; /* 2000: 29/02 */
}

/* The day or window at the cursor, if any: *dated tells whether one was
 * read; false when one started but is not a time. */
static bool window_at(struct cur *c, struct deadline *dl, bool *dated)
{
	size_t save = c->i;
	struct date a;
	int q, m;

	*dated = true;
	if (take(c, "truoc") || take(c, "cham nhat") || take(c, "han chot") ||
	    take(c, "khong muon hon")) {
		take(c, "la");
		take(c, "vao");
		return date_at(c, &dl->to);
	}
	if (take(c, "quy")) {
		q = quarter_at(c);
		if (!q)
			return false;
		months(dl, year_after(c), (q - 1) * 3 + 1, q * 3);
		return true;
	}
	if (take(c, "thang") && is_num(c, 0)) {
		m = c->t[c->i].v;
		if (m < 1 || m > 12)
			return false;
		c->i++;
		months(dl, year_after(c), m, m);
		return true;
	}
	c->i = save;
	if ((take(c, "giai doan") || take(c, "nam") || true) && is_year(c, 0)) {
		int y1 = c->t[c->i].v, y2 = y1;

		c->i++;
		if (is_punct(c, 0, '-') || take(c, "den")) {
			c->i += is_punct(c, 0, '-');
			if (!is_year(c, 0))
				return false;
			y2 = c->t[c->i++].v;
			if (y2 < y1)
				return false;
		}
		dl->from = (struct date){y1, 1, 1};
		dl->to = (struct date){y2, 12, 31};
		return true;
	}
	c->i = save;
	take(c, "tu");
	if (!date_at(c, &a)) {
		c->i = save;
		*dated = false;
		return true;
	}
	if (!(is_punct(c, 0, '-') || take(c, "den"))) {
		dl->to = a;
		return true;
	}
	c->i += is_punct(c, 0, '-');
	if (!date_at(c, &dl->to))
		return false;
	dl->from = a;
	/* "15/11 - 15/12/2026": the year written once, for both days */
	if (!dl->from.y && dl->to.y)
		dl->from.y = wraps(dl) ? dl->to.y - 1 : dl->to.y;
	if (dl->from.y && !dl->to.y)
		dl->to.y = wraps(dl) ? dl->from.y + 1 : dl->from.y;
	if (dl->from.y && (!date_valid(dl->from) || !date_valid(dl->to) || date_cmp(dl->from, dl->to) > 0))
		return false;
	return true;
}

/* One deadline from the whole of the tokens. */
static bool parse_tokens(struct cur *c, struct deadline *out)
{
	struct deadline dl = {DEADLINE_ONCE, {0, 0, 0}, {0, 0, 0}};
	bool recur_year = false, recur_quarter = false, dated;

	if (take(c, "thoi gian") || take(c, "thoi han"))
		take(c, "thuc hien");
	if (is_punct(c, 0, ':'))
		c->i++;
	/* "hằng năm, trước ngày 30/11" as well as "trước ngày 30/11 hằng năm" */
	if (take(c, "hang nam") || take(c, "moi nam"))
		recur_year = true;
	else if (take(c, "hang quy") || take(c, "moi quy"))
		recur_quarter = true;
	if (is_punct(c, 0, ','))
		c->i++;
	if (!window_at(c, &dl, &dated))
		return false;
	if (is_punct(c, 0, ','))
		c->i++;
	if (!recur_year && !recur_quarter) {
		if (take(c, "hang nam") || take(c, "moi nam"))
			recur_year = true;
		else if (take(c, "hang quy") || take(c, "moi quy"))
			recur_quarter = true;
	}
	while (c->i < c->n && c->t[c->i].kind == T_PUNCT && strchr(".;,)", c->t[c->i].w[0]))
		c->i++;
	if (c->i != c->n)
		return false;
	if (recur_quarter) {
		if (dated)
			return false; /* "quý IV hằng quý" says nothing */
		dl.every = DEADLINE_QUARTERLY;
		months(&dl, 0, 1, 3);
	} else if (!dated) {
		if (!recur_year)
			return false;
		dl.every = DEADLINE_YEARLY;
		months(&dl, 0, 1, 12);
	} else if (dl.to.y == 0) {
		dl.every = DEADLINE_YEARLY;
	} else if (recur_year) {
		return false; /* a dated day does not come back every year */
	}
	*out = dl;
	return true;
}

bool deadline_parse(const char *s, size_t len, struct deadline *out)
{
	struct tok t[MAX_TOKS];
	struct cur c = {t, 0, 0};

	if (!s || !tokenize(s, len, t, &c.n) || c.n == 0)
		return false;
	return parse_tokens(&c, out);
}

enum task_alert due_alert(struct date due, struct date today, int soon)
{
	long long left = date_diff(today, due);

	if (left < 0)
		return TA_OVERDUE;
	return left <= soon ? TA_DUE_SOON : TA_NONE;
}
