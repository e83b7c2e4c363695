/*
 * tasks.c: the tasks of a plan ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "NHIỆM VỤ
 * TRỌNG TÂM NĂM 2026"): each numbered item with its agencies and time, and
 * the lint findings task_without_agency and task_without_timeframe.
 *
 * Items are the numbered paragraphs of the first tasks section, at the
 * level of its first item ("1.", "a)").  An item that only names a group
 * of items under it ("1. Nhiệm vụ" / "a) ...") is no task: its items are,
 * with it as their parent.  Items under an item ("8.1.") are sub-tasks when
 * at least two of them carry their own agencies or time; else they are
 * part of their item's text (a list of activities with one "Đơn vị chủ
 * trì" line after them).
 *
 * Agencies and time come from labels, in a line of their own or inline:
 *	Cơ quan thực hiện: A, B          every agency named leads
 *	Cơ quan (Đơn vị) chủ trì: A      leads       "Chủ trì: A; phối hợp: B"
 *	Cơ quan (Đơn vị) phối hợp: B     partners    "(Chủ trì: A; thời gian: T)"
 *	Thời gian (thực hiện): T         the time, as written, to the next label
 * Without labels, an item whose paragraph starts with an agency ("- Các cơ
 * quan, đơn vị thường xuyên ...") is led by it, and its time is what the
 * text says of when, in text order: "thường xuyên", "hằng năm" at the start
 * or end of a clause (not "kế hoạch hằng năm"), "định kỳ" starting a
 * clause, a window of days ("từ ngày 15/11 đến ngày 15/12") and "trước
 * ngày ...".  Single days in brackets ("(28/6)") name occasions, and years
 * name programmes ("giai đoạn 2021 - 2030"): neither is a time.
 *
 * The goals an item serves are those its text cites by number ("Nhóm giải
 * pháp thực hiện mục tiêu 1", "chỉ tiêu 1, 2 của mục tiêu 2"), with the
 * indicators of those goals as the goals section numbers them.
 *
 * Agencies that the implementation section gives duties ("2.1. Phòng Văn
 * hóa – Xã hội", "- Công an xã: ...") and that no task names get their
 * duties as a task of their own (source "duties"), so that every agency
 * with duties has something to report on; a plan without a tasks section
 * gets all of them that way.
 */
#include <stdlib.h>
#include <string.h>

#include "core/deadline.h"
#include "core/tasks.h"
#include "plan_int.h"
#include "util/buf.h"
#include "util/i18n.h"

#include "util/banned.h"

#define MAX_TASKS 120
#define MAX_AG 16
#define MAX_GOALS 12

struct ttask {
	const char *number, *parent, *title, *timeframe;
	struct buf text;
	const char *lead[MAX_AG], *partners[MAX_AG];
	size_t nlead, npartners;
	int goals[MAX_GOALS];
	size_t ngoals;
	struct indset ind; /* indicators it serves, in the document's arena */
	long line;
	int sub_of;      /* index of the task it is a sub-task of, -1 */
	bool duties;     /* from the implementation section */
	bool labelled;   /* its agencies came from a label */
	bool derived;    /* agencies or time taken from its sub-tasks */
	size_t head;     /* its own paragraph */
};

struct tstate {
	struct pdoc *d;
	const struct vocab *v;
	struct presult *r;
	struct ttask t[MAX_TASKS];
	size_t n;
};

static bool is_punct(const struct tok *t, const char *c)
{
	return t->kind == TK_PUNCT && strcmp(t->f, c) == 0;
}

static bool punct_in(const struct tok *t, const char *set)
{
	return t->kind == TK_PUNCT && t->f[0] && !t->f[1] && strchr(set, t->f[0]);
}

/* The bytes of tokens t[a..b) as written. */
static const char *span(struct tstate *s, const struct tok *t, size_t a, size_t b)
{
	if (b <= a)
		return NULL;
	return arena_strndup(&s->d->a, t[a].s, (size_t)(t[b - 1].s + t[b - 1].len - t[a].s));
}

/* Spaces collapsed and trimmed, a trailing full stop dropped. */
static const char *tidy(struct tstate *s, const char *x, size_t len)
{
	char *o = arena_alloc(&s->d->a, len + 1);
	size_t i, k = 0;

	if (!o)
		return NULL;
	for (i = 0; i < len; i++) {
		char c = x[i] == '\t' || x[i] == '\n' || x[i] == '\r' ? ' ' : x[i];

		if (c == ' ' && (k == 0 || o[k - 1] == ' '))
			continue;
		o[k++] = c;
	}
	while (k > 0 && (o[k - 1] == ' ' || o[k - 1] == '.' || o[k - 1] == ';' || o[k - 1] == ':'))
		k--;
	o[k] = '\0';
	return k ? o : NULL;
}

static void add_agency(const char **list, size_t *n, const char *id)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		if (strcmp(list[i], id) == 0)
			return;
	}
	if (*n < MAX_AG)
		list[(*n)++] = id;
}

/* Every agency named in t[a..b), into list. */
static void agencies_named(struct tstate *s, const struct tok *t, size_t a, size_t b, const char **list,
			   size_t *n)
{
	size_t i = a;

	while (i < b) {
		size_t pos, end;
		int ag = agency_at(s->v, t, i, b, b - i, &pos, &end);

		if (ag < 0)
			break;
		add_agency(list, n, s->v->ag[ag].id);
		i = end;
	}
}

/* --- labels -------------------------------------------------------------- */

enum lab { LAB_NONE, LAB_LEAD, LAB_PARTNER, LAB_TIME };

/* A label starting at t[k] ("Cơ quan chủ trì:", "phối hợp:", "Thời gian
 * thực hiện:"), at the start of a clause: its kind, and *after the token
 * after its colon. */
static enum lab label_at(const struct tok *t, size_t k, size_t n, size_t *after)
{
	enum lab kind = LAB_NONE;
	size_t j = k;

	if (k > 0 && !punct_in(&t[k - 1], "(;.,-"))
		return LAB_NONE;
	if (j + 1 < n && ((tok_is(&t[j], "co") && tok_is(&t[j + 1], "quan")) ||
			  (tok_is(&t[j], "don") && tok_is(&t[j + 1], "vi"))))
		j += 2;
	if (j + 1 < n && tok_is(&t[j], "chu") && tok_is(&t[j + 1], "tri")) {
		kind = LAB_LEAD;
		j += 2;
	} else if (j + 1 < n && tok_is(&t[j], "phoi") && tok_is(&t[j + 1], "hop")) {
		kind = LAB_PARTNER;
		j += 2;
	} else if (j > k && j + 1 < n && tok_is(&t[j], "thuc") && tok_is(&t[j + 1], "hien")) {
		kind = LAB_LEAD; /* "Cơ quan thực hiện": they all carry it out */
		j += 2;
	} else if (j == k && j + 1 < n && tok_is(&t[j], "thoi") &&
		   (tok_is(&t[j + 1], "gian") || tok_is(&t[j + 1], "han"))) {
		kind = LAB_TIME;
		j += 2;
	} else {
		return LAB_NONE;
	}
	if (j + 1 < n && ((tok_is(&t[j], "thuc") && tok_is(&t[j + 1], "hien")) ||
			  (tok_is(&t[j], "hoan") && tok_is(&t[j + 1], "thanh"))))
		j += 2;
	if (j < n && is_punct(&t[j], ":")) {
		*after = j + 1;
		return kind;
	}
	return LAB_NONE;
}

/* Reads the labels of paragraph p into task x: LAB_NONE when it had none,
 * else the kind of its last label. */
static enum lab read_labels(struct tstate *s, const struct para *p, struct ttask *x)
{
	const struct tok *t = p->t;
	size_t at[16], val[16], k, m = 0, close = p->nt;
	enum lab kind[16];

	for (k = 0; k < p->nt && m < 16; k++) {
		size_t after;
		enum lab l = label_at(t, k, p->nt, &after);

		if (l == LAB_NONE)
			continue;
		at[m] = k;
		val[m] = after;
		kind[m++] = l;
		k = after - 1;
	}
	if (m == 0)
		return LAB_NONE;
	/* "(Chủ trì: ...; thời gian: ...)": the labels end with the bracket */
	if (at[0] > 0 && is_punct(&t[at[0] - 1], "(")) {
		int depth = 1;

		for (k = at[0]; k < p->nt; k++) {
			depth += is_punct(&t[k], "(") - is_punct(&t[k], ")");
			if (depth == 0) {
				close = k;
				break;
			}
		}
	}
	for (k = 0; k < m; k++) {
		size_t a = val[k], b = k + 1 < m ? at[k + 1] : close;

		while (b > a && punct_in(&t[b - 1], ";.,("))
			b--;
		/* a bracket closed on a line of its own after a page break */
		if (b > a && is_punct(&t[b - 1], ")") && close == p->nt) {
			size_t q;
			bool open = false;

			for (q = a; q < b; q++)
				open |= is_punct(&t[q], "(");
			b -= !open;
		}
		if (b <= a)
			continue;
		if (kind[k] == LAB_TIME) {
			const char *w = span(s, t, a, b);

			if (w && !x->timeframe)
				x->timeframe = tidy(s, w, strlen(w));
		} else {
			if (kind[k] == LAB_LEAD)
				agencies_named(s, t, a, b, x->lead, &x->nlead);
			else
				agencies_named(s, t, a, b, x->partners, &x->npartners);
			x->labelled = true;
		}
	}
	return kind[m - 1];
}

/* --- when the text says --------------------------------------------------- */

/* "hằng năm", "hàng năm" at t[k]. */
static bool yearly_at(const struct tok *t, size_t k, size_t n)
{
	return k + 1 < n && tok_is(&t[k], "hang") && tok_is(&t[k + 1], "nam");
}

/* A window of days or a day to finish by, starting at t[k]: its length in
 * tokens, or 0. */
static size_t dated_at(const struct tok *t, size_t k, size_t n)
{
	size_t w;
	bool by = tok_spelt(&t[k], "trước");

	if (!(tok_spelt(&t[k], "từ") || by || (t[k].kind == TK_NUM && t[k].plain && t[k].v >= 1 && t[k].v <= 31)))
		return 0;
	for (w = n - k < 12 ? n - k : 12; w >= 2; w--) {
		struct deadline dl;
		const char *a = t[k].s;
		size_t len = (size_t)(t[k + w - 1].s + t[k + w - 1].len - a);

		if (!deadline_parse(a, len, &dl))
			continue;
		/* years name programmes ("giai đoạn 2021 - 2030"), single days
		 * name occasions ("(28/6)") */
		if (dl.from.m == 1 && dl.from.d == 1 && dl.to.m == 12 && dl.to.d == 31)
			return 0;
		if (!by && dl.from.d == 0)
			return 0;
		while (w > 1 && t[k + w - 1].kind == TK_PUNCT)
			w--;
		return w;
	}
	return 0;
}

/* Appends to *out ("; "-joined) the phrases of t[from..to) that say when. */
static void schedule(struct tstate *s, const struct tok *t, size_t from, size_t to, struct buf *out)
{
	size_t k;

	for (k = from; k < to; k++) {
		bool start = k == from || punct_in(&t[k - 1], ",;:.-(");
		size_t len = 0, w;

		if (t[k].kind == TK_PUNCT)
			continue;
		if (k + 1 < to && tok_is(&t[k], "thuong") && tok_is(&t[k + 1], "xuyen")) {
			len = 2;
		} else if (yearly_at(t, k, to) &&
			   (start || k + 2 == to || punct_in(&t[k + 2], ".;"))) {
			len = 2;
		} else if (start && k + 1 < to && tok_is(&t[k], "dinh") && tok_is(&t[k + 1], "ky")) {
			len = yearly_at(t, k + 2, to) ? 4 : 2;
		} else if ((w = dated_at(t, k, to)) > 0) {
			len = w;
		}
		if (len == 0)
			continue;
		if (out->len)
			buf_puts(out, "; ");
		buf_append(out, t[k].s, (size_t)(t[k + len - 1].s + t[k + len - 1].len - t[k].s));
		k += len - 1;
	}
	(void)s;
}

/* --- goals ----------------------------------------------------------------- */

static void add_goal(struct ttask *x, int g)
{
	size_t i;

	for (i = 0; i < x->ngoals; i++) {
		if (x->goals[i] == g)
			return;
	}
	if (x->ngoals < MAX_GOALS)
		x->goals[x->ngoals++] = g;
}

/* The indicators of goal g (items: its numbered indicators, none: all). */
static void goal_indicators(struct tstate *s, struct ttask *x, int g, const int *items, size_t ni)
{
	size_t i, j;

	add_goal(x, g);
	for (i = 0; i < s->r->nt; i++) {
		const struct ptarget *pt = &s->r->t[i];
		bool hit = ni == 0;

		if (pt->goal_no != g || pt->ind < 0)
			continue;
		for (j = 0; j < ni; j++)
			hit |= pt->item_no == items[j];
		if (hit)
			indset_add(&x->ind, pt->ind);
	}
}

static bool goal_number_at(const struct tok *t, size_t k, size_t n, int *g)
{
	if (k + 2 < n && tok_is(&t[k], "muc") && tok_is(&t[k + 1], "tieu") && t[k + 2].kind == TK_NUM &&
	    t[k + 2].plain && t[k + 2].v >= 1 && t[k + 2].v <= 20) {
		*g = (int)t[k + 2].v;
		return true;
	}
	return false;
}

/* "mục tiêu 1", "chỉ tiêu 1, 2 của mục tiêu 2" in t[0..n). */
static void cited_goals(struct tstate *s, struct ttask *x, const struct tok *t, size_t n)
{
	size_t k = 0;

	while (k < n) {
		int g, items[16];
		size_t ni = 0, j;

		if (k + 1 < n && tok_is(&t[k], "chi") && tok_is(&t[k + 1], "tieu")) {
			for (j = k + 2; j < n && ni < 16; j++) {
				if (t[j].kind == TK_NUM && t[j].plain && t[j].v >= 1 && t[j].v <= 50) {
					items[ni++] = (int)t[j].v;
				} else if (is_punct(&t[j], "(")) {
					/* "chỉ tiêu 2 (số liệu về bạo lực gia đình) của" */
					while (j + 1 < n && !is_punct(&t[j], ")"))
						j++;
				} else if (!(is_punct(&t[j], ",") || tok_spelt(&t[j], "và") || tok_is(&t[j], "so"))) {
					break;
				}
			}
			if (j < n && (tok_is(&t[j], "cua") || tok_is(&t[j], "thuoc")))
				j++;
			if (ni > 0 && goal_number_at(t, j, n, &g)) {
				goal_indicators(s, x, g, items, ni);
				k = j + 3;
				continue;
			}
			k = j > k ? j : k + 1;
			continue;
		}
		if (goal_number_at(t, k, n, &g)) {
			goal_indicators(s, x, g, NULL, 0);
			k += 3;
			continue;
		}
		k++;
	}
}

/* --- items ------------------------------------------------------------------ */

static bool same_level(const struct para *a, const struct para *b)
{
	return a->mark == b->mark && a->depth == b->depth;
}

static bool item_mark(const struct para *p)
{
	return p->mark == MK_ARABIC || p->mark == MK_LETTER;
}

/* A paragraph of labels only ("Cơ quan thực hiện: ...", "Chủ trì: ...; phối
 * hợp: ..."). */
static bool label_para(const struct para *p)
{
	size_t after;

	return p->nt > 0 && label_at(p->t, 0, p->nt, &after) != LAB_NONE;
}

/* A paragraph that holds a label anywhere ("... (Chủ trì: ...)"). */
static bool has_labels(const struct para *p)
{
	size_t k, after;

	for (k = 0; k < p->nt; k++) {
		if (label_at(p->t, k, p->nt, &after) != LAB_NONE)
			return true;
	}
	return false;
}

static const char *number_of(struct tstate *s, const struct para *p)
{
	size_t l = strlen(p->mtext);

	while (l > 0 && (p->mtext[l - 1] == '.' || p->mtext[l - 1] == ')' || p->mtext[l - 1] == ' '))
		l--;
	return arena_strndup(&s->d->a, p->mtext, l);
}

/* The item's text before a bracket of labels ("... Si Ma Cai (Chủ trì:
 * ...)"): its end in bytes. */
static size_t before_labels(const struct para *p)
{
	size_t k, after;

	for (k = 1; k < p->nt; k++) {
		if (is_punct(&p->t[k - 1], "(") && label_at(p->t, k, p->nt, &after) != LAB_NONE)
			return (size_t)(p->t[k - 1].s - p->text);
	}
	return p->len;
}

/* A title: the heading as written, or the first sentence of a paragraph
 * that has no heading of its own (cut at ". " or ":"). */
static const char *title_of(struct tstate *s, const struct para *p, bool heading)
{
	size_t len = before_labels(p), i;

	if (!heading) {
		for (i = 0; i + 1 < len; i++) {
			if (p->text[i] == ':' || (p->text[i] == '.' && p->text[i + 1] == ' ')) {
				len = i;
				break;
			}
		}
	}
	return tidy(s, p->text, len);
}

static void text_add(struct ttask *x, const struct para *p)
{
	if (x->text.len)
		buf_putc(&x->text, ' ');
	if (p->mark == MK_DASH)
		buf_puts(&x->text, "- ");
	else if (p->mark != MK_NONE && x->text.len)
		buf_printf(&x->text, "%s ", p->mtext);
	buf_append(&x->text, p->text, p->len);
}

static struct ttask *task_new(struct tstate *s, size_t head, const char *parent, int sub_of)
{
	struct ttask *x;

	if (s->n >= MAX_TASKS)
		return NULL;
	x = &s->t[s->n++];
	memset(x, 0, sizeof(*x));
	buf_init(&x->text, PDOC_MAX_PARA_BYTES);
	/* a failed allocation fails the import (alloc_failures()) */
	(void)indset_init_in(&x->ind, catalog_n(), &s->d->a);
	x->head = head;
	x->line = s->d->p[head].line;
	x->number = number_of(s, &s->d->p[head]);
	x->parent = parent;
	x->sub_of = sub_of;
	return x;
}

/* A bracket left open at a line or page break ("(Chủ trì: ...; phối hợp:
 * Ủy ban" / "MTTQ Việt Nam xã ...)."): the paragraph p with the next one
 * q joined on, a page number stranded at the break dropped ("Phòng Văn
 * hóa 2" / "Xã hội").  Returns p itself when there is nothing to join. */
static const struct para *bracket_joined(struct tstate *s, const struct para *p, const struct para *q,
					 struct para *tmp)
{
	size_t k, len;
	int depth = 0;
	char *txt;

	for (k = 0; k < p->nt; k++)
		depth += is_punct(&p->t[k], "(") - is_punct(&p->t[k], ")");
	if (depth <= 0 || !q || q->mark != MK_NONE)
		return p;
	len = p->len;
	if (p->nt > 1 && p->t[p->nt - 1].kind == TK_NUM && p->t[p->nt - 1].plain && p->t[p->nt - 1].v < 1000 &&
	    p->t[p->nt - 2].kind == TK_WORD)
		len = (size_t)(p->t[p->nt - 1].s - p->text);
	txt = arena_printf(&s->d->a, "%.*s %.*s", (int)len, p->text, (int)q->len, q->text);
	if (!txt)
		return p;
	*tmp = *p;
	tmp->text = txt;
	tmp->len = strlen(txt);
	tmp->last_line = q->last_line;
	if (pdoc_tokenize(&s->d->a, tmp->text, tmp->len, &tmp->t, &tmp->nt))
		return p;
	return tmp;
}

/* Fills task x from its paragraphs [from, to): the head and its body. */
static void task_fill(struct tstate *s, struct ttask *x, size_t from, size_t to)
{
	struct buf when;
	bool body = false;
	size_t i;

	buf_init(&when, 4096);
	for (i = from; i < to; i++) {
		struct para joined;
		const struct para *p = bracket_joined(s, &s->d->p[i], i + 1 < to ? &s->d->p[i + 1] : NULL, &joined);
		enum lab last;

		if (p == &joined)
			i++;
		last = read_labels(s, p, x);

		text_add(x, p);
		if (i > from && last == LAB_NONE)
			body = true;
		/* "Thời gian: Thường xuyên;" / "Tháng hành động từ 15/11 -
		 * 15/12/2027.": a time that goes on in the next paragraph */
		if (last == LAB_TIME && x->timeframe && p->len && p->text[p->len - 1] == ';' && i + 1 < to &&
		    s->d->p[i + 1].mark == MK_NONE && !label_para(&s->d->p[i + 1])) {
			const struct para *q = &s->d->p[++i];
			const char *more = tidy(s, q->text, q->len);

			text_add(x, q);
			if (more)
				x->timeframe = arena_printf(&s->d->a, "%s; %s", x->timeframe, more);
		}
	}
	x->title = title_of(s, &s->d->p[from], body);
	/* without labels: an agency as the subject, the words that say when */
	for (i = from; i < to && x->nlead == 0 && x->npartners == 0; i++) {
		const struct para *p = &s->d->p[i];
		size_t pos, end;
		int ag = agency_at(s->v, p->t, 0, p->nt, 1, &pos, &end);

		if (ag >= 0 && pos == 0 && i > from)
			add_agency(x->lead, &x->nlead, s->v->ag[ag].id);
	}
	if (!x->timeframe) {
		for (i = from; i < to; i++)
			schedule(s, s->d->p[i].t, 0, s->d->p[i].nt, &when);
		if (when.len)
			x->timeframe = tidy(s, buf_str(&when), when.len);
	}
	for (i = from; i < to; i++)
		cited_goals(s, x, s->d->p[i].t, s->d->p[i].nt);
	buf_release(&when);
}

/* Counts how many of the sub-items [idx..) carry their own labels. */
static size_t labelled_subitems(struct tstate *s, size_t from, size_t to, const struct para *level)
{
	size_t i, n = 0;
	bool cur = false, in = false;

	for (i = from; i < to; i++) {
		const struct para *p = &s->d->p[i];

		if (same_level(p, level)) {
			n += in && cur;
			in = true;
			cur = has_labels(p);
		} else if (in && label_para(p)) {
			cur = true;
		}
	}
	return n + (in && cur);
}

/* One item [from, to) of the section: a task, with its sub-tasks. */
static void read_item(struct tstate *s, size_t from, size_t to, const char *parent)
{
	struct pdoc *d = s->d;
	size_t i, first_sub = to, idx;
	struct ttask *x;
	const struct para *sub = NULL;

	for (i = from + 1; i < to; i++) {
		if (item_mark(&d->p[i]) && !same_level(&d->p[i], &d->p[from])) {
			first_sub = i;
			sub = &d->p[i];
			break;
		}
	}
	x = task_new(s, from, parent, -1);
	if (!x)
		return;
	idx = s->n - 1;
	if (!sub || labelled_subitems(s, first_sub, to, sub) < 2) {
		task_fill(s, x, from, to);
		return;
	}
	task_fill(s, x, from, first_sub);
	for (i = first_sub; i < to;) {
		size_t j = i + 1;
		struct ttask *y;

		if (!same_level(&d->p[i], sub)) {
			i++;
			continue;
		}
		while (j < to && !same_level(&d->p[j], sub))
			j++;
		y = task_new(s, i, s->t[idx].number, (int)idx);
		if (y)
			task_fill(s, y, i, j);
		i = j;
	}
	/* a heading over sub-tasks: their agencies and their common time */
	x = &s->t[idx];
	if (x->nlead == 0 && x->npartners == 0) {
		const char *tf = NULL;
		bool same = true;

		for (i = idx + 1; i < s->n; i++) {
			size_t k;

			for (k = 0; k < s->t[i].nlead; k++)
				add_agency(x->lead, &x->nlead, s->t[i].lead[k]);
			for (k = 0; k < s->t[i].npartners; k++)
				add_agency(x->partners, &x->npartners, s->t[i].partners[k]);
			if (!s->t[i].timeframe || (tf && strcmp(tf, s->t[i].timeframe) != 0))
				same = false;
			tf = s->t[i].timeframe;
		}
		x->derived = true;
		if (!x->timeframe && same)
			x->timeframe = tf;
	}
}

/* A container: a short item whose content is items of another level ("1.
 * Nhiệm vụ" / "a) ...", "b) ..."), not a short task whose items share one
 * block of labels after the last of them ("7. Thông tin, truyền thông" /
 * "7.1." / "7.2." / "Đơn vị chủ trì: ..."). */
static bool container(struct tstate *s, size_t i, size_t end)
{
	const struct pdoc *d = s->d;
	const struct para *p = &d->p[i], *inner = &d->p[i + 1];
	size_t k, items = 0, labelled = 0;
	bool cur = false, last = false;

	if (!(i + 1 < end && p->nt <= 8 && item_mark(inner) && !same_level(inner, p)))
		return false;
	for (k = i + 1; k < end; k++) {
		if (same_level(&d->p[k], inner)) {
			labelled += cur;
			items++;
			cur = has_labels(&d->p[k]);
		} else if (has_labels(&d->p[k])) {
			cur = true;
		}
	}
	labelled += cur;
	last = cur;
	if (items < 2)
		return false;
	return !(labelled == 1 && last);
}

/* The tasks section: [*from, *to) after its heading, the heading's index
 * in *head.  False when the plan has none. */
static bool tasks_section(const struct pdoc *d, size_t *head, size_t *from, size_t *to)
{
	size_t i, j;

	for (i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		bool amend = false;
		size_t k;

		if (!(p->heading && p->section == SEC_TASKS))
			continue;
		for (k = 0; k + 1 < p->nt; k++)
			amend |= tok_is(&p->t[k], "sua") && tok_is(&p->t[k + 1], "doi");
		if (amend)
			continue; /* "NỘI DUNG SỬA ĐỔI, BỔ SUNG": amendments, not tasks */
		for (j = i + 1; j < d->np && d->p[j].section == SEC_TASKS && !d->p[j].heading; j++)
			;
		*head = i;
		*from = i + 1;
		*to = j;
		return true;
	}
	return false;
}

static void read_section(struct tstate *s, size_t from, size_t to)
{
	struct pdoc *d = s->d;
	const struct para *level = NULL;
	size_t i, j;

	for (i = from; i < to && !level; i++) {
		if (item_mark(&d->p[i]))
			level = &d->p[i];
	}
	if (!level)
		return;
	for (i = from; i < to;) {
		if (!same_level(&d->p[i], level)) {
			i++;
			continue;
		}
		for (j = i + 1; j < to && !same_level(&d->p[j], level); j++)
			;
		if (container(s, i, j)) {
			const char *parent = number_of(s, &d->p[i]);
			const struct para *inner = &d->p[i + 1];
			size_t a, b;

			for (a = i + 1; a < j;) {
				if (!same_level(&d->p[a], inner)) {
					a++;
					continue;
				}
				for (b = a + 1; b < j && !same_level(&d->p[b], inner); b++)
					;
				read_item(s, a, b, parent);
				a = b;
			}
		} else {
			read_item(s, i, j, NULL);
		}
		i = j;
	}
}

/* --- duties as tasks --------------------------------------------------------- */

static bool named_by_tasks(const struct tstate *s, size_t ntasks, const char *id)
{
	size_t i, k;

	for (i = 0; i < ntasks; i++) {
		for (k = 0; k < s->t[i].nlead; k++)
			if (strcmp(s->t[i].lead[k], id) == 0)
				return true;
		for (k = 0; k < s->t[i].npartners; k++)
			if (strcmp(s->t[i].partners[k], id) == 0)
				return true;
	}
	return false;
}

/* The agencies a paragraph of the implementation section opens a part
 * for: a numbered heading that names them ("2.1. Phòng Văn hóa – Xã hội",
 * "9. Đề nghị Ủy ban Mặt trận ...") or a label ("- Công an xã: ..."). */
static size_t duty_head(struct tstate *s, const struct para *p, const char **ids)
{
	size_t n = 0, pos, end, k, colon = 0, within;

	if (p->nt == 0)
		return 0;
	for (k = 1; k < p->nt && k < 28 && !colon; k++) {
		if (is_punct(&p->t[k], ":"))
			colon = k;
		else if (is_punct(&p->t[k], ";") || is_punct(&p->t[k], "."))
			break;
	}
	within = p->nt > 1 && tok_is(&p->t[0], "de") && tok_is(&p->t[1], "nghi") ? 6 : 4;
	if (colon && agency_at(s->v, p->t, 0, colon, within, &pos, &end) >= 0) {
		agencies_named(s, p->t, 0, colon, ids, &n);
		return n;
	}
	if (!(p->mark == MK_ARABIC || p->mark == MK_LETTER) || p->nt > 40)
		return 0;
	if (agency_at(s->v, p->t, 0, p->nt, within, &pos, &end) < 0)
		return 0;
	agencies_named(s, p->t, pos, p->nt < 30 ? p->nt : end, ids, &n);
	return n;
}

/* Whether the plan ties any indicator to one of the agencies ids[0..n);
 * out (when not NULL) gets those indicators. */
static bool tied_to(const struct tstate *s, const char *const *ids, size_t n, struct indset *out)
{
	bool any = false;
	size_t k, a, c;

	for (k = 0; k < n; k++) {
		for (a = 0; a < s->r->nag; a++) {
			if (strcmp(s->r->agencies[a], ids[k]) != 0)
				continue;
			for (c = 0; c < s->r->nind; c++) {
				if (plan_assigned(s->r, a, (int)c)) {
					any = true;
					if (out)
						indset_add(out, (int)c);
				}
			}
		}
	}
	return any;
}

static void read_duties(struct tstate *s)
{
	struct pdoc *d = s->d;
	size_t ntasks = s->n, i;

	for (i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		const char *ids[MAX_AG];
		size_t n, j, k, pos, end;
		bool wanted = false;
		struct ttask *x;

		if (p->section != SEC_IMPL || p->heading)
			continue;
		n = duty_head(s, p, ids);
		for (k = 0; k < n; k++)
			wanted |= strcmp(ids[k], "all") != 0 && !named_by_tasks(s, ntasks, ids[k]);
		if (!wanted)
			continue;
		/* a numbered part goes on to the next item of its level or above;
		 * a labelled paragraph ("- Công an xã: ...") is a part of its own */
		for (j = i + 1; item_mark(p) && j < d->np && d->p[j].section == SEC_IMPL && !d->p[j].heading; j++) {
			const struct para *q = &d->p[j];

			/* "Trên đây là Kế hoạch ...": the plan's closing words; a
			 * part written as a list ends where the list does */
			if (q->mark == MK_NONE && q->nt > 1 && tok_is(&q->t[0], "tren") && tok_is(&q->t[1], "day"))
				break;
			if (q->mark == MK_NONE && j > i + 1 && d->p[i + 1].mark == MK_DASH)
				break;
			/* "Các cơ quan, đơn vị báo cáo ...": words to every agency */
			if (q->mark == MK_NONE && agency_at(s->v, q->t, 0, q->nt, 1, &pos, &end) >= 0 && pos == 0)
				break;

			if (item_mark(q) && (same_level(q, p) || (q->mark == MK_ARABIC &&
								  (p->mark != MK_ARABIC || q->depth < p->depth))))
				break;
		}
		x = task_new(s, i, NULL, -1);
		if (!x)
			return;
		x->duties = true;
		for (k = 0; k < n; k++)
			add_agency(x->lead, &x->nlead, ids[k]);
		x->labelled = true;
		{
			struct buf when;

			buf_init(&when, 4096);
			for (k = i; k < j; k++) {
				text_add(x, &d->p[k]);
				schedule(s, d->p[k].t, 0, d->p[k].nt, &when);
				cited_goals(s, x, d->p[k].t, d->p[k].nt);
			}
			if (when.len)
				x->timeframe = tidy(s, buf_str(&when), when.len);
			buf_release(&when);
		}
		x->title = title_of(s, p, j > i + 1);
		if (p->mark == MK_NONE || p->mark == MK_DASH) {
			/* "- Công an xã: ...": the label is the title */
			size_t c;

			for (c = 1; c < p->nt && !is_punct(&p->t[c], ":"); c++)
				;
			x->title = tidy(s, p->text, (size_t)(p->t[c < p->nt ? c : p->nt - 1].s - p->text));
			x->number = arena_strdup(&d->a, "");
		}
		/* what the plan ties to the agency is what its duties serve,
		 * rather than every indicator of a goal its text cites */
		if (tied_to(s, ids, n, NULL)) {
			indset_clear(&x->ind);
			tied_to(s, ids, n, &x->ind);
		}
		i = j - 1;
	}
}

/* --- JSON and findings ------------------------------------------------------ */

static json_t *ids_json(const char *const *ids, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(ids[i]));
	return a;
}

static json_t *task_json(const struct tstate *s, size_t i)
{
	const struct ttask *x = &s->t[i];
	json_t *o = json_object(), *g = json_array(), *ind = json_array();
	struct task_time tt;
	size_t k;

	json_object_set_new(o, "number", json_string(x->number ? x->number : ""));
	json_object_set_new(o, "parent", x->parent ? json_string(x->parent) : json_null());
	json_object_set_new(o, "title", json_string(x->title ? x->title : ""));
	json_object_set_new(o, "text", json_string(x->text.len ? buf_str(&x->text) : ""));
	json_object_set_new(o, "lead", ids_json(x->lead, x->nlead));
	json_object_set_new(o, "partners", ids_json(x->partners, x->npartners));
	json_object_set_new(o, "timeframe", x->timeframe ? json_string(x->timeframe) : json_null());
	task_time_read(x->timeframe ? x->timeframe : "", x->timeframe ? strlen(x->timeframe) : 0, &tt);
	json_object_set_new(o, "timeframe_kind", json_string(task_time_kind_id(tt.kind)));
	if (tt.has_deadline && tt.dl.every == DEADLINE_ONCE) {
		char iso[DATE_TEXT_LEN];

		date_format_iso(tt.dl.to, iso);
		json_object_set_new(o, "due", json_string(iso));
	} else {
		json_object_set_new(o, "due", json_null());
	}
	for (k = 0; k < x->ngoals; k++)
		json_array_append_new(g, json_sprintf("%d", x->goals[k]));
	json_object_set_new(o, "goals", g);
	for (k = 0; k < catalog_n(); k++) {
		if (indset_has(&x->ind, (int)k))
			json_array_append_new(ind, json_string(catalog[k].id));
	}
	json_object_set_new(o, "indicators", ind);
	json_object_set_new(o, "line", json_integer(x->line));
	json_object_set_new(o, "source", json_string(x->duties ? "duties" : "tasks"));
	if (!x->duties) {
		json_t *subs = json_array();

		for (k = i + 1; k < s->n; k++) {
			if (s->t[k].sub_of == (int)i)
				json_array_append_new(subs, task_json(s, k));
		}
		if (json_array_size(subs))
			json_object_set_new(o, "subtasks", subs);
		else
			json_decref(subs);
	}
	return o;
}

static void findings(struct tstate *s, const struct para *head)
{
	size_t i, tasks = 0, noag = 0, notime = 0;
	const char *sec = head && head->mtext[0] ? head->mtext : "";

	for (i = 0; i < s->n; i++) {
		if (s->t[i].duties)
			continue;
		tasks++;
		noag += s->t[i].nlead == 0 && s->t[i].npartners == 0;
		notime += !s->t[i].timeframe;
	}
	if (tasks == 0)
		return;
	/* when no task of the section says who (or when), one finding for the
	 * section says it better than one per task */
	if (noag == tasks && tasks > 1)
		plan_add_lint(s->d, s->r, "task_without_agency", head ? head->line : 0,
			      _("no task of section %s names the agency that carries it out"), sec);
	if (notime == tasks && tasks > 1)
		plan_add_lint(s->d, s->r, "task_without_timeframe", head ? head->line : 0,
			      _("no task of section %s says when it is to be done"), sec);
	for (i = 0; i < s->n; i++) {
		const struct ttask *x = &s->t[i];
		const char *no = x->parent && x->sub_of < 0
					 ? arena_printf(&s->d->a, "%s.%s", x->parent, x->number)
					 : x->number;

		if (x->duties)
			continue;
		if ((noag < tasks || tasks == 1) && x->nlead == 0 && x->npartners == 0)
			plan_add_lint(s->d, s->r, "task_without_agency", x->line,
				      _("task %s names no agency to carry it out"), no ? no : "");
		if ((notime < tasks || tasks == 1) && !x->timeframe)
			plan_add_lint(s->d, s->r, "task_without_timeframe", x->line,
				      _("task %s says nothing of when it is to be done"), no ? no : "");
	}
}

enum gemis_err plan_tasks(struct pdoc *d, const struct vocab *v, struct presult *r, json_t **out)
{
	struct tstate *s = calloc(1, sizeof(*s));
	size_t head = 0, from, to, i;
	bool has = false;
	json_t *a;

	*out = NULL;
	if (!s)
		return GEMIS_ENOMEM;
	s->d = d;
	s->v = v;
	s->r = r;
	if (tasks_section(d, &head, &from, &to)) {
		has = true;
		read_section(s, from, to);
	}
	read_duties(s);
	findings(s, has ? &d->p[head] : NULL);
	a = json_array();
	for (i = 0; a && i < s->n; i++) {
		if (s->t[i].sub_of < 0)
			json_array_append_new(a, task_json(s, i));
	}
	for (i = 0; i < s->n; i++)
		buf_release(&s->t[i].text);
	free(s);
	if (!a)
		return GEMIS_ENOMEM;
	*out = a;
	return GEMIS_OK;
}
