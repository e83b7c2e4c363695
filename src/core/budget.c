/*
 * budget.c: the flag and the sums of budget lines (budget.h).
 */
#include "budget.h"

#include <string.h>

#include "workflow.h"

#include "util/banned.h"

static bool in_state(const struct budget_line *l, const char *a, const char *b, const char *c)
{
	const char *id = wf_state_id(&wf_estimate, l->status);

	return strcmp(id, a) == 0 || (b && strcmp(id, b) == 0) || (c && strcmp(id, c) == 0);
}

bool budget_overspent(const struct budget_line *l)
{
	if (l->spent == BUDGET_NONE || l->spent == 0)
		return false;
	if (!in_state(l, "approved", NULL, NULL) || l->approved == BUDGET_NONE)
		return true;
	return l->spent > l->approved;
}

void budget_sum_add(struct budget_sum *s, const struct budget_line *l)
{
	s->lines++;
	if (wf_state_flags(&wf_estimate, l->status) & WF_SENT)
		s->estimate += l->estimate;
	if (in_state(l, "appraised", "approved", NULL) && l->appraised != BUDGET_NONE)
		s->appraised += l->appraised;
	if (in_state(l, "approved", NULL, NULL) && l->approved != BUDGET_NONE)
		s->approved += l->approved;
	if (l->spent != BUDGET_NONE)
		s->spent += l->spent;
	if (budget_overspent(l))
		s->overspent++;
}

size_t budget_goals_each(const char *goals, void (*fn)(int goal, void *ctx), void *ctx)
{
	size_t found = 0;
	const char *p = goals;

	while (p && *p) {
		int g = 0;
		bool digits = false;

		while (*p >= '0' && *p <= '9' && g <= BUDGET_GOALS_MAX) {
			g = g * 10 + (*p - '0');
			digits = true;
			p++;
		}
		if (digits && g >= 1 && g <= BUDGET_GOALS_MAX) {
			fn(g, ctx);
			found++;
		}
		while (*p && *p != ',')
			p++;
		if (*p == ',')
			p++;
	}
	return found;
}

struct goal_ctx {
	struct budget_totals *t;
	const struct budget_line *l;
};

static void add_goal(int goal, void *ctx)
{
	struct goal_ctx *c = ctx;

	budget_sum_add(&c->t->by_goal[goal], c->l);
}

void budget_totals(const struct budget_line *lines, size_t n, const char *const *sources, size_t nsources,
		   struct budget_sum *by_source, struct budget_totals *out)
{
	size_t i, k;

	memset(out, 0, sizeof(*out));
	memset(by_source, 0, nsources * sizeof(*by_source));
	out->by_source = by_source;
	out->nsources = nsources;
	for (i = 0; i < n; i++) {
		struct goal_ctx c = {out, &lines[i]};

		budget_sum_add(&out->all, &lines[i]);
		for (k = 0; k < nsources; k++) {
			if (lines[i].source && strcmp(sources[k], lines[i].source) == 0)
				budget_sum_add(&by_source[k], &lines[i]);
		}
		if (budget_goals_each(lines[i].goals, add_goal, &c) == 0)
			budget_sum_add(&out->by_goal[0], &lines[i]);
	}
}
