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

/* --- the records of a unit (records.c) ---------------------------------
 * What drafts.c and inspections.c did alike, written once.  A record is
 * read from a row by a store_read_fn, which fills out (a struct draft, a
 * struct inspection...) and returns the record's unit (a tree index, -1
 * when the unit is not in the tree). */
struct tree;
struct record_step;
typedef int (*store_read_fn)(struct db_stmt *st, const struct tree *t, struct arena *mem, void *out);
/* GEMIS_ENOMEM with its message. */
enum gemis_err store_no_memory(struct errctx *e);
/* v (n elements of size bytes) with room for one more, in mem: v itself
 * while *cap allows, else a copy twice as large (the old one stays until
 * the arena goes); NULL when out of memory. */
void *store_grow(struct arena *mem, void *v, size_t n, size_t *cap, size_t size);
/* The GEMIS_ECONFLICT of a change made on a version someone else (by, at
 * at) changed since. */
enum gemis_err store_stale(const char *by, long long at, struct errctx *e);
/* Record id of unit read by sql ("... WHERE id = ? AND unit_id = ?") into
 * out (in mem); GEMIS_ENOTFOUND with the message notfound (printf-like,
 * the caller's own text) when there is none. */
enum gemis_err store_unit_get(struct db *db, const struct tree *t, int unit, long long id, const char *sql,
			      store_read_fn read, struct arena *mem, void *out, struct errctx *e, const char *notfound,
			      ...) __attribute__((format(printf, 10, 11)));
/* The records of unit's subtree in year, read in order into *out (*n
 * records of size bytes, in mem): sql_one ("... WHERE year = ? AND unit_id
 * = ?") for a unit without sub-units, else sql_all ("... WHERE year = ?"),
 * keeping the rows of the subtree. */
enum gemis_err store_unit_list(struct db *db, const struct tree *t, int unit, int year, const char *sql_one,
			       const char *sql_all, store_read_fn read, size_t size, struct arena *mem, void **out,
			       size_t *n, struct errctx *e);
/* Binds by and now to the parameters first to first + 3 of st, a prepared
 * "INSERT ... (..., created_by, created_at, updated_by, updated_at) VALUES
 * (..., ?, ?, ?, ?) RETURNING id", runs it and finalizes it; *id gets the
 * new record's id (left alone when none is returned). */
enum gemis_err store_insert_stamped(struct db_stmt *st, int first, const char *by, long long now, long long *id,
				    struct errctx *e);
/* The steps of record id selected by sql ("SELECT action, state, comment,
 * by_name, at ... WHERE x_id = ? ORDER BY id"), appended to *steps (in
 * mem). */
enum gemis_err store_steps_load(struct db *db, struct arena *mem, const char *sql, long long id,
				struct record_step **steps, size_t *n, struct errctx *e);

#endif
