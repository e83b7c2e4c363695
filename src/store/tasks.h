/*
 * tasks.h: the tasks of a unit's plan (tables tasks and task_agencies of
 * sql/0510_tasks.sql).
 *
 * A plan document's "tasks" (docs/plan-json.md) are checked with the rest
 * of the plan (plan_check() calls tasks_check()) and stored with it
 * (plan_load() calls tasks_store() in its transaction).  Sub-tasks are
 * stored as tasks of their own that name their parent.  A task keeps the
 * uid of the task of the unit's previous plan that has its source, number
 * and title (else its title), so that what agencies recorded on it goes
 * on when a plan is amended or edited.  The rules of statuses and times
 * are core/tasks.h's.
 */
#ifndef GEMIS_STORE_TASKS_H
#define GEMIS_STORE_TASKS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/tasks.h"
#include "core/tree.h"
#include "core/validate.h"
#include "db.h"
#include "util/arena.h"

#define TASKS_MAX 500          /* tasks of one plan, sub-tasks included */
#define TASK_MAX_AGENCIES 16
#define TASK_TITLE_MAX 2000
#define TASK_TEXT_MAX 60000
#define TASK_UID_CHARS 16

/* Problems with a plan's "tasks" go to d, with a JSON path as field
 * ("tasks[3].lead[0]"); a province's plan (province true) may name its
 * departments. */
void tasks_check(const json_t *tasks, bool province, struct diags *d);

/* Stores the (checked) tasks of plan plan_id of unit unit_id, inside the
 * caller's transaction. */
enum gemis_err tasks_store(struct db *db, long long plan_id, long long unit_id, const json_t *tasks,
			   struct errctx *e);

struct task {
	long long id;
	char uid[TASK_UID_CHARS + 1];
	int parent;          /* index in the list of the task it is a sub-task of, -1 */
	bool duties;         /* from the implementation section (source "duties") */
	const char *grp;     /* the number it stands under ("1" of 1.a, "8" of 8.1), or NULL */
	const char *number, *title, *body, *timeframe; /* timeframe NULL when none */
	struct task_time tt;
	const char *lead[TASK_MAX_AGENCIES], *partners[TASK_MAX_AGENCIES]; /* agency ids, "all" */
	size_t nlead, npartners;
	const char *goals, *indicators; /* comma-separated, "" when none */
	long line;
};

struct task_list {
	struct arena mem;
	long long plan_id;   /* 0 when the unit has no plan in force */
	struct task *t;
	size_t n;
};

/* The tasks of the unit's plan in force, in the plan's order (an empty
 * list when it has none).  task_list_release() frees it, also after a
 * failure. */
enum gemis_err tasks_of_unit(struct db *db, const struct tree *t, int unit, struct task_list *out,
			     struct errctx *e);
void task_list_release(struct task_list *l);

/* Sets mark[u] (t->n bytes, tree indexes) for every unit that has tasks
 * in any of its plans: the units a sum over many communes need visit. */
enum gemis_err tasks_units(struct db *db, const struct tree *t, unsigned char *mark, struct errctx *e);

/* The task with that uid, or NULL. */
const struct task *task_find(const struct task_list *l, const char *uid);
/* The task someone names: its number as the plan writes it ("2.5", "1.a";
 * a task of the implementation section's duties has none) or its uid;
 * NULL when none. */
const struct task *task_named(const struct task_list *l, const char *ref);

/* How agency (a kind id) stands on task x: 2 leads it, 1 joins it as a
 * partner, 0 not at all.  A task led by "all" has every agency of the
 * unit as a lead. */
int task_role(const struct task *x, const char *agency);

/* "8.1", "1.a": the number with its group, for people (arena). */
const char *task_label(struct arena *a, const struct task *x);

#endif
