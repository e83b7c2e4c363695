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
 * yet, in the order they were added, and those edited since it read them
 * (a version it does not hold: catalog_edit()).  A row that is not a valid indicator
 * (written by hand) is an error naming it. */
enum gemis_err indicators_load(struct db *db, struct errctx *e);

/* Reads every indicator's retired_from, built-in or added (a series' is
 * its parent's), into this process's catalog; indicators_load() does too,
 * so that a server's full refresh sees an undone one come back.  A writer
 * of values calls it under the values' lock (values_import()), which
 * indicator_retire() takes too: no value of a year retired since this
 * process last read the catalog slips in. */
enum gemis_err indicators_load_retired(struct db *db, struct errctx *e);

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

/* The years an indicator may be retired from. */
#define RETIRE_MIN_YEAR 2000
#define RETIRE_MAX_YEAR 2100

/* Retires the indicator id, and its category series with it, from year
 * on: no value of that year or later is taken (core/validate.h), its
 * forms, templates and duties of those years leave it out, and its values
 * before stay.  Written with the change in indicator_log, the data marked
 * changed (a running server reads the catalog again), and set in this
 * process's catalog.  Refused, nothing written: an unknown id or a series
 * (field "id"), a year outside RETIRE_MIN_YEAR..RETIRE_MAX_YEAR, one it is
 * already retired from, or one with values stored for it or later, on
 * forms too (field "from", saying how many and until when). */
enum gemis_err indicator_retire(struct db *db, const char *id, int year, const char *user, struct errctx *e);

/* Puts a retired indicator back in force (its series with it), logged as
 * indicator_retire() logs; GEMIS_EINVAL when it is not retired. */
enum gemis_err indicator_unretire(struct db *db, const char *id, const char *user, struct errctx *e);

/* One change of an indicator, as indicator_log keeps it. */
struct indicator_change {
	char action[16]; /* "add", "retire", "unretire", "edit" */
	int year;        /* the year retired from; 0 for the others */
	char by[65];
	long long at;    /* Unix time */
	int version;     /* the version an edit made; 0 for the others */
	char detail[4096]; /* an edit's changes, a line "field: from -> to" each */
};

/* The changes of indicator id, oldest first (caller frees *out). */
enum gemis_err indicator_changes(struct db *db, const char *id, struct indicator_change **out, size_t *n,
				 struct errctx *e);

#endif
