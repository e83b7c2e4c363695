/*
 * budget_doc.c: the budget section of the yearly report (budget_doc.h).
 */
#include "budget_doc.h"

#include <string.h>

#include "core/workflow.h"
#include "util/i18n.h"
#include "util/number.h"

#include "util/banned.h"

const char *budget_doc_money(struct doc *d, long long v)
{
	char s[DONG_TEXT_LEN];

	if (v == BUDGET_NONE)
		return "–";
	dong_format(v, 1, s, sizeof(s));
	return doc_printf(d, "%s", s);
}

/* The four amounts of a sum in columns c..c+3 of row. */
static void sum_cells(struct doc *d, struct dtable *tb, size_t row, size_t c, const struct budget_sum *s, bool bold)
{
	unsigned f = bold ? DC_BOLD : 0;

	doc_cell(d, tb, row, c, budget_doc_money(d, s->estimate), f, -1);
	doc_cell(d, tb, row, c + 1, budget_doc_money(d, s->approved), f, -1);
	doc_cell(d, tb, row, c + 2, budget_doc_money(d, s->spent), f, -1);
}

static struct dtable *sums_table(struct doc *d, size_t nrows, const char *first, const char *last, const double *w)
{
	size_t ncols = last ? 5 : 4;
	struct dtable *tb = doc_table(d, ncols, nrows + 1, 1, w);

	if (!tb)
		return NULL;
	doc_cell(d, tb, 0, 0, first, DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Estimated"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Approved"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Spent"), DC_HEAD | DC_CENTER, -1);
	if (last)
		doc_cell(d, tb, 0, 4, last, DC_HEAD | DC_CENTER, -1);
	return tb;
}

static void add_table(struct doc *d, struct dtable *tb)
{
	struct dblock *b = tb ? doc_add(d, DB_TABLE, 0, NULL) : NULL;

	if (b)
		b->table = tb;
}

static void by_source(const struct budget_list *l, const struct budget_totals *t, struct doc *d)
{
	static const double w[4] = {0.40, 0.20, 0.20, 0.20};
	struct dtable *tb;
	size_t i, n = 0, row = 1;

	for (i = 0; i < t->nsources; i++)
		n += t->by_source[i].lines != 0;
	tb = sums_table(d, n + 1, _("Funding source"), NULL, w);
	if (!tb)
		return;
	for (i = 0; i < t->nsources; i++) {
		if (!t->by_source[i].lines)
			continue;
		doc_cell(d, tb, row, 0, budget_source_name(l, l->src[i].id, i18n_lang() == LANG_EN), 0, -1);
		sum_cells(d, tb, row++, 1, &t->by_source[i], false);
	}
	doc_cell(d, tb, row, 0, _("Total"), DC_BOLD, -1);
	sum_cells(d, tb, row, 1, &t->all, true);
	add_table(d, tb);
}

static void by_goal(const struct budget_totals *t, const unsigned goal_counts[GOAL_COUNT][ST_COUNT], struct doc *d)
{
	static const double w[5] = {0.28, 0.18, 0.18, 0.18, 0.18};
	struct dtable *tb;
	size_t g, n = 0, row = 1;

	for (g = 0; g <= BUDGET_GOALS_MAX; g++)
		n += t->by_goal[g].lines != 0;
	if (!n)
		return;
	tb = sums_table(d, n, _("Goal"), _("Its indicators off track or at risk"), w);
	if (!tb)
		return;
	for (g = 1; g <= BUDGET_GOALS_MAX + 1; g++) {
		size_t k = g % (BUDGET_GOALS_MAX + 1); /* goals 1.., then "no goal" last */

		if (!t->by_goal[k].lines)
			continue;
		doc_cell(d, tb, row, 0, k ? doc_printf(d, _("Goal %zu"), k) : _("No goal cited"), 0, -1);
		sum_cells(d, tb, row, 1, &t->by_goal[k], false);
		if (k >= 1 && k <= GOAL_COUNT) {
			unsigned bad = goal_counts[k - 1][ST_OFF_TRACK] + goal_counts[k - 1][ST_AT_RISK];

			doc_cell(d, tb, row, 4, doc_printf(d, "%u", bad), DC_CENTER, bad ? ST_OFF_TRACK : -1);
		} else {
			doc_cell(d, tb, row, 4, "–", DC_CENTER, -1);
		}
		row++;
	}
	add_table(d, tb);
	doc_add(d, DB_NOTE, 0, _("A line of a task serving two goals counts under both."));
}

/* The result of the task a line paid for, from the year's work log. */
static const char *task_result(const struct worklog *w, const struct budget_line *x)
{
	size_t i;

	for (i = 0; x->task_label && i < w->ntasks; i++) {
		if (strcmp(w->tasks[i].label, x->task_label) == 0)
			return task_status_name(w->tasks[i].status);
	}
	return "–";
}

static void lines(const struct budget_list *l, const struct worklog *w, struct doc *d)
{
	static const double w6[6] = {0.06, 0.34, 0.15, 0.15, 0.15, 0.15};
	struct dtable *tb = doc_table(d, 6, l->n + 1, 1, w6);
	size_t i;

	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Task"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("What for"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Approved"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Spent"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, _("State"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 5, _("Result of the task"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < l->n; i++) {
		const struct budget_line *x = &l->l[i];
		const char *spent = budget_doc_money(d, x->spent);

		if (budget_overspent(x))
			spent = doc_printf(d, "%s (%s)", spent, _("above approved"));
		doc_cell(d, tb, i + 1, 0, x->task_label ? x->task_label : "–", DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 1, x->title, 0, -1);
		doc_cell(d, tb, i + 1, 2, budget_doc_money(d, x->approved), 0, -1);
		doc_cell(d, tb, i + 1, 3, spent, 0, budget_overspent(x) ? ST_OFF_TRACK : -1);
		doc_cell(d, tb, i + 1, 4, wf_state_name(&wf_estimate, x->status), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 5, task_result(w, x), DC_CENTER, -1);
	}
	add_table(d, tb);
}

void budget_doc(const struct budget_list *l, const struct worklog *w, const unsigned goal_counts[GOAL_COUNT][ST_COUNT],
		struct doc *d, const char *numbered)
{
	const char **ids = arena_alloc(&d->mem, (l->nsrc + 1) * sizeof(*ids));
	struct budget_sum *bs = arena_alloc(&d->mem, (l->nsrc + 1) * sizeof(*bs));
	struct budget_totals t;
	size_t i;

	doc_add(d, DB_HEADING, 2, doc_printf(d, "%s%s", numbered, _("The budget")));
	if (!ids || !bs)
		return;
	if (!l->n) {
		doc_add(d, DB_PARA, 0, _("No budget line was recorded in gemis for the year."));
		return;
	}
	for (i = 0; i < l->nsrc; i++)
		ids[i] = l->src[i].id;
	budget_totals(l->l, l->n, ids, l->nsrc, bs, &t);
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("Estimated %s, appraised %s, approved %s, spent %s (%u budget lines; %u spent above what was approved)."),
			   budget_doc_money(d, t.all.estimate), budget_doc_money(d, t.all.appraised),
			   budget_doc_money(d, t.all.approved), budget_doc_money(d, t.all.spent), t.all.lines,
			   t.all.overspent));
	by_source(l, &t, d);
	by_goal(&t, goal_counts, d);
	if (w->commune)
		lines(l, w, d);
}
