/*
 * budget.h: the budget of a commune's plan, without I/O: a budget line as
 * the rest of gemis sees it, its flag, and the sums the budget page, the
 * yearly report and the finance office's sheet show (estimated, appraised,
 * approved and spent, by funding source and by goal).  store/budget.h
 * reads and writes lines; amounts are read and written by util/number.h's
 * dong_parse() and dong_format().
 *
 * A line goes through core/workflows.c's wf_estimate.  What counts in a
 * sum follows its state: the estimate once the line is sent (submitted,
 * appraised or approved), the appraised amount once appraised, the
 * approved amount only while approved, the spent amount wherever it was
 * recorded.  A line spent above its approved amount is allowed and
 * flagged (BUDGET_OVERSPENT), as is money spent on a line not approved.
 */
#ifndef GEMIS_CORE_BUDGET_H
#define GEMIS_CORE_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

#define BUDGET_NONE (-1LL)  /* an amount not (yet) given */
#define BUDGET_GOALS_MAX 20 /* goal numbers a plan may cite, 1..20 */

struct budget_line {
	long long id, version;
	int unit;                /* tree index */
	int year;
	int agency;              /* agency kind index (core/catalog.h), -1 unknown */
	const char *agency_id;   /* kind id, as stored */
	const char *task_uid;    /* NULL: the agency's work, not one task */
	const char *task_label;  /* "2.1" when the task is in the plan in force, else NULL */
	const char *goals;       /* the goals its task cites, comma-separated, "" none */
	const char *source;      /* source id */
	const char *title, *note;
	long long estimate, appraised, approved, spent; /* BUDGET_NONE when not given */
	const char *decision_no, *decision_date; /* NULL when none; date YYYY-MM-DD */
	int status;              /* a state of wf_estimate */
	const char *by;          /* who changed it last */
	long long at;
};

/* True when more was spent than approved (or anything spent on a line
 * that is not approved). */
bool budget_overspent(const struct budget_line *l);

struct budget_sum {
	long long estimate, appraised, approved, spent;
	unsigned lines, overspent;
};

/* Adds line l into s by the rules above. */
void budget_sum_add(struct budget_sum *s, const struct budget_line *l);

struct budget_totals {
	struct budget_sum all;
	struct budget_sum *by_source; /* one per source of the list given */
	size_t nsources;
	/* by goal number; [0]: lines whose task cites no goal, or with no
	 * task.  A line of a task citing two goals counts under both, so
	 * these do not add up to `all`. */
	struct budget_sum by_goal[BUDGET_GOALS_MAX + 1];
};

/* Sums lines[0..n) into *out; by_source must have room for nsources,
 * sources[k] naming source k (a line of a source not listed counts only
 * in `all`). */
void budget_totals(const struct budget_line *lines, size_t n, const char *const *sources, size_t nsources,
		   struct budget_sum *by_source, struct budget_totals *out);

/* Calls fn for each goal number (1..BUDGET_GOALS_MAX) of a comma-separated
 * list; returns how many it found. */
size_t budget_goals_each(const char *goals, void (*fn)(int goal, void *ctx), void *ctx);

#endif
