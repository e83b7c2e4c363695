/*
 * store_int.h: what the files of store/ share and nothing above them sees.
 */
#ifndef GEMIS_STORE_INT_H
#define GEMIS_STORE_INT_H

#include <stddef.h>

#include "util/err.h"

/* The plans in force, as a table to select from or join ("FROM "
 * SQL_PLANS_IN_FORCE " p"): a unit's plan is in force until plan_load()
 * supersedes it with the next one (plans.c).  Every query about the plans
 * in force reads them through this, or through plan_in_force() for one
 * unit, so that the rule is written once. */
#define SQL_PLANS_IN_FORCE "(SELECT * FROM plans WHERE superseded_at IS NULL)"

/* The steps of a report sent up the chain or of an answer to an ad hoc
 * request, read from a prepared and bound statement selecting
 * SQL_STEP_COLS in order into steps (in mem), which it finalizes
 * (chainreports.c). */
#define SQL_STEP_COLS "id, action, state, comment, attachment_id, filename, by_name, at"
struct chain_step;
struct db_stmt;
struct arena;
struct errctx;
enum gemis_err chain_steps_read(struct db_stmt *st, struct arena *mem, struct chain_step **steps, size_t *n,
				struct errctx *e);

#endif
