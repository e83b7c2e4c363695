/*
 * indicators.h: indicators added to the catalog at run time (issue 17),
 * kept in the `indicators` table beside the compiled set's mirror.
 */
#ifndef GEMIS_STORE_INDICATORS_H
#define GEMIS_STORE_INDICATORS_H

#include "core/catalog.h"
#include "db.h"
#include "util/err.h"

/* Binds the columns 1 to 14 the compiled set's mirror and an added row
 * share (id ... national_year, in that order) for the indicator. */
void indicator_bind_mirror(struct db_stmt *st, const struct indicator *ind);

/* Reads the added indicators into the catalog, those it does not hold
 * yet, in the order they were added.  A row that is not a valid indicator
 * (written by hand) is an error naming it. */
enum gemis_err indicators_load(struct db *db, struct errctx *e);

/* Checks ind (core/catalog.h, catalog_check()), writes it with the
 * change in indicator_log and adds it to this process's catalog; *index
 * is its index.  Nothing is written when it is refused.  Other processes
 * read it when they open the database: a running server after a restart,
 * since its pages size their tables by the catalog at start. */
/* A province's own indicator (ind->scope, column scope_unit) is written as
 * given: whether the code is a province, and whether the actor may add
 * for it, is the caller's (access_catalog_refusal()). */
enum gemis_err indicator_add(struct db *db, const struct indicator *ind, const char *user, int *index,
			     struct errctx *e);

/* Adds n indicators the way indicator_add() adds one: all of them or
 * none; index[i] is the catalog index of inds[i].  Inside the caller's
 * transaction when there is one (db->in_tx), which then marks the data
 * changed (store_data_changed()) and may not be rolled back; in its own
 * otherwise. */
enum gemis_err indicators_add(struct db *db, const struct indicator *inds, size_t n, const char *user,
			      int *index, struct errctx *e);

#endif
