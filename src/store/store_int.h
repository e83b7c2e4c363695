/*
 * store_int.h: what the files of store/ share and nothing above them sees.
 */
#ifndef GEMIS_STORE_INT_H
#define GEMIS_STORE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

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

/* A transaction that joins the caller's when it holds one (the demo builds
 * in one): *own says whether store_tx_end() ends it; store_tx_end()
 * commits, or rolls back and returns err (store_util.c). */
struct db;
enum gemis_err store_tx_begin(struct db *db, bool *own, struct errctx *e);
enum gemis_err store_tx_end(struct db *db, bool own, enum gemis_err err, struct errctx *e);
/* A stored ISO day ("2026-11-30"), or {0, 0, 0} for NULL or none. */
struct date store_day(const char *s);
/* A copy of s in mem, NULL for NULL. */
const char *store_dup(struct arena *mem, const char *s);

#endif
