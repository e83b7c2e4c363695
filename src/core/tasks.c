/*
 * tasks.c: task statuses, the reading of a task's time and when a task is
 * due (rules in tasks.h).
 */
#include "tasks.h"

#include <string.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

static const char *const status_ids[TS_COUNT] = {"not_started", "in_progress", "done", "not_done"};

const char *task_status_id(enum task_status s)
{
	return (unsigned)s < TS_COUNT ? status_ids[s] : "?";
}

int task_status_parse(const char *s)
{
	int i;

	for (i = 0; s && i < TS_COUNT; i++) {
		if (strcmp(s, status_ids[i]) == 0)
			return i;
	}
	return -1;
}

const char *task_status_name(enum task_status s)
{
	switch (s) {
	case TS_NOT_STARTED: return _("not yet carried out");
	case TS_IN_PROGRESS: return _("in progress");
	case TS_DONE: return _("done");
	case TS_NOT_DONE: return _("could not be done");
	}
	return "?";
}

bool task_status_closed(enum task_status s)
{
	return s == TS_DONE || s == TS_NOT_DONE;
}

enum task_status task_status_combine(const enum task_status *leads, size_t n)
{
	size_t i, done = 0;
	bool started = false;

	for (i = 0; i < n; i++) {
		if (leads[i] == TS_NOT_DONE)
			return TS_NOT_DONE;
		done += leads[i] == TS_DONE;
		started |= leads[i] != TS_NOT_STARTED;
	}
	if (n > 0 && done == n)
		return TS_DONE;
	return started ? TS_IN_PROGRESS : TS_NOT_STARTED;
}

static const char *const kind_ids[TT_COUNT] = {"none", "continuous", "recurring", "year",
					       "quarter", "range", "once_by", "other"};

const char *task_time_kind_id(enum task_time_kind k)
{
	return (unsigned)k < TT_COUNT ? kind_ids[k] : "?";
}

int task_time_kind_parse(const char *s)
{
	int i;

	for (i = 0; s && i < TT_COUNT; i++) {
		if (strcmp(s, kind_ids[i]) == 0)
			return i;
	}
	return -1;
}

/* --- reading a time -------------------------------------------------- */

#define MAX_WORDS 64

/* A piece of the text: its bytes with bracketed remarks blanked out. */
struct piece {
	char s[512];
	size_t len;
	size_t ws[MAX_WORDS], we[MAX_WORDS]; /* word starts and ends */
	size_t nw;
};

static void piece_make(struct piece *p, const char *s, size_t len)
{
	size_t i, depth = 0;

	if (len >= sizeof(p->s))
		len = sizeof(p->s) - 1;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '(')
			depth++;
		p->s[i] = depth ? ' ' : c;
		if (c == ')' && depth)
			depth--;
	}
	p->s[len] = '\0';
	p->len = len;
	p->nw = 0;
	for (i = 0; i < len && p->nw < MAX_WORDS;) {
		while (i < len && (p->s[i] == ' ' || p->s[i] == '\t' || p->s[i] == '\n' || p->s[i] == '\r'))
			i++;
		if (i >= len)
			break;
		p->ws[p->nw] = i;
		while (i < len && !(p->s[i] == ' ' || p->s[i] == '\t' || p->s[i] == '\n' || p->s[i] == '\r'))
			i++;
		p->we[p->nw++] = i;
	}
}

/* The piece folded ("thuong xuyen trong nam 2026"), into out (n bytes). */
static void piece_fold(const struct piece *p, char *out, size_t n)
{
	struct buf b;

	out[0] = '\0';
	buf_init(&b, n - 1);
	if (text_fold(&b, p->s, p->len) == GEMIS_OK && b.len < n)
		memcpy(out, buf_str(&b), b.len + 1);
	buf_release(&b);
}

static bool starts_with_word(const char *folded, const char *w)
{
	size_t l = strlen(w);

	while (*folded == ' ')
		folded++;
	return strncmp(folded, w, l) == 0 && (folded[l] == '\0' || folded[l] == ' ' || folded[l] == ',' ||
					       folded[l] == ':' || folded[l] == '.');
}

static bool has_word(const char *folded, const char *w)
{
	size_t l = strlen(w);
	const char *p = folded;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == folded || p[-1] == ' ') && (p[l] == '\0' || p[l] == ' ' || p[l] == '/' || p[l] == ','))
			return true;
		p += l;
	}
	return false;
}

/* The first run of words of the piece that reads as a deadline: the
 * earliest start, the longest run from it. */
static bool piece_deadline(const struct piece *p, struct deadline *out)
{
	size_t i, j;

	for (i = 0; i < p->nw; i++) {
		for (j = p->nw; j > i; j--) {
			const char *s = p->s + p->ws[i];
			size_t len = p->we[j - 1] - p->ws[i];

			if (deadline_parse(s, len, out))
				return true;
		}
	}
	return false;
}

static enum task_time_kind kind_of_deadline(const struct deadline *dl, const char *folded)
{
	if (dl->every != DEADLINE_ONCE)
		return TT_RECURRING;
	if (has_word(folded, "quy"))
		return TT_QUARTER;
	if (dl->from.d == 0)
		return TT_ONCE_BY;
	if (dl->from.y == dl->to.y && dl->from.m == 1 && dl->from.d == 1 && dl->to.m == 12 && dl->to.d == 31)
		return TT_YEAR;
	return TT_RANGE;
}

void task_time_read(const char *s, size_t len, struct task_time *out)
{
	static const char *const continuous[] = {"thuong xuyen", "lien tuc", NULL};
	static const char *const recurring[] = {"hang nam", "moi nam", "hang quy", "moi quy", "hang thang",
						"moi thang", "dinh ky", "hang tuan", "hang ngay", NULL};
	struct piece p;
	char folded[1024];
	size_t at = 0, k;
	bool first = true;

	memset(out, 0, sizeof(*out));
	out->kind = TT_NONE;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.' || s[len - 1] == '\n'))
		len--;
	while (at < len && (s[at] == ' ' || s[at] == '\n'))
		at++;
	if (at >= len)
		return;
	out->kind = TT_OTHER;
	while (at < len) {
		const char *semi = memchr(s + at, ';', len - at);
		size_t end = semi ? (size_t)(semi - s) : len;
		struct deadline dl;
		bool found;

		piece_make(&p, s + at, end - at);
		piece_fold(&p, folded, sizeof(folded));
		found = piece_deadline(&p, &dl);
		if (first) {
			for (k = 0; continuous[k]; k++) {
				if (starts_with_word(folded, continuous[k]))
					out->kind = TT_CONTINUOUS;
			}
			for (k = 0; recurring[k] && out->kind == TT_OTHER; k++) {
				if (starts_with_word(folded, recurring[k]))
					out->kind = TT_RECURRING;
			}
		}
		if (found && out->kind == TT_OTHER)
			out->kind = kind_of_deadline(&dl, folded);
		/* the first time read is the task's; a one-off day written after
		 * a recurring one ("thường xuyên; Tháng hành động 15/11 -
		 * 15/12/2027") is what a task that is not recurring is due by */
		if (found && (!out->has_deadline || (out->dl.every != DEADLINE_ONCE && dl.every == DEADLINE_ONCE &&
						     out->kind != TT_RECURRING))) {
			out->dl = dl;
			out->has_deadline = true;
		}
		first = false;
		at = end + 1;
	}
}

bool task_due(const struct task_time *tt, period_t p, struct date *due)
{
	if (!tt->has_deadline)
		return false;
	if (tt->dl.every == DEADLINE_ONCE) {
		*due = tt->dl.to;
		return true;
	}
	*due = deadline_due(&tt->dl, p);
	return true;
}

enum task_alert task_alert(const struct task_time *tt, period_t p, enum task_status st,
			   struct date today, int soon)
{
	struct date due;

	if (task_status_closed(st) || !task_due(tt, p, &due))
		return TA_NONE;
	return due_alert(due, today, soon);
}
