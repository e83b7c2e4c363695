/*
 * store/cases.h: the rows of the case register: cases, their events, the
 * register's access log and the counts kept of erased cases.
 *
 * Only rows: the sealed fields are opaque blobs here (gbv/casekey.c seals
 * and opens them), and who may do what, the checks of the input and the
 * logging of every step are gbv/cases.c's.  A write joins the caller's
 * transaction (db_begin/db_commit) when there is one.
 */
#ifndef GEMIS_STORE_CASES_H
#define GEMIS_STORE_CASES_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

/* A sealed field as stored; p NULL for SQL NULL (a field left out). */
struct case_blob {
	const void *p;
	size_t len;
};

/* The sealed fields of a case, in this order (their names, as sealed,
 * are gbv/cases.c's): detected, source, survivor_age, type, context,
 * perpetrator_age, perpetrator_relation, notes, closure. */
#define CASE_SEALED 9
#define CASE_SEALED_AT_ADD 8 /* all but the closure note */

/* A case as stored.  Strings and blobs are valid during the callback. */
struct case_stored {
	long long id, unit_id;
	const char *code;
	const char *survivor_sex;    /* "F" or "M" */
	const char *perpetrator_sex; /* NULL: no perpetrator recorded */
	const char *closed_on;       /* YYYY-MM-DD, NULL while open */
	bool trafficking_return, in_need, prosecuted, consent;
	struct case_blob ct[CASE_SEALED];
};

/* A new case: the plain columns the counts need, and the sealed rest. */
struct case_new {
	const char *code;
	long long unit_id, year;
	const char *survivor_sex, *perpetrator_sex; /* perpetrator_sex NULL: none */
	bool gbv, trafficking_return, in_need, prosecuted, consent;
	const char *key_id, *by;
	long long at;
	struct case_blob ct[CASE_SEALED_AT_ADD];
};

/* An event of a case; its sealed fields: service, date, note. */
struct case_event_stored {
	long long seq;
	const char *kind; /* "service", "referral", "counselling" */
	struct case_blob ct[3];
};

/* A line of the register's access log. */
struct case_log_line {
	long long id, at;
	const char *user, *role, *unit, *action, *case_code, *detail; /* NULL when none */
	bool allowed;
};

typedef enum gemis_err (*case_stored_fn)(void *ctx, const struct case_stored *c, struct errctx *e);
typedef enum gemis_err (*case_event_fn)(void *ctx, const struct case_event_stored *ev,
					struct errctx *e);
typedef enum gemis_err (*case_log_fn)(void *ctx, const struct case_log_line *l, struct errctx *e);

enum gemis_err cases_code_taken(struct db *db, const char *code, bool *taken, struct errctx *e);
enum gemis_err cases_insert(struct db *db, const struct case_new *c, struct errctx *e);
/* The case of a code: *found false when there is none. */
enum gemis_err cases_find(struct db *db, const char *code, bool *found, long long *id,
			  long long *unit_id, bool *closed, struct errctx *e);
/* The case of an id, or of every case of a unit (store row id) in order of
 * code, through fn. */
enum gemis_err cases_get(struct db *db, long long id, case_stored_fn fn, void *ctx,
			 struct errctx *e);
enum gemis_err cases_each(struct db *db, long long unit_id, case_stored_fn fn, void *ctx,
			  struct errctx *e);

/* The number the next event of a case takes (1 for the first); inside the
 * transaction that inserts it, whose other writers of events wait. */
enum gemis_err cases_event_next(struct db *db, long long case_id, long long *seq,
				struct errctx *e);
/* Adds the event and marks the case updated at `at`. */
enum gemis_err cases_event_insert(struct db *db, long long case_id, long long seq,
				  const char *kind, long long at, const char *by,
				  const struct case_blob ct[3], struct errctx *e);
/* A case's events in order. */
enum gemis_err cases_events_each(struct db *db, long long case_id, case_event_fn fn, void *ctx,
				 struct errctx *e);
/* n[k]: how many events of kinds[k] the case has. */
enum gemis_err cases_event_counts(struct db *db, long long case_id, const char *const *kinds,
				  size_t nkinds, long long *n, struct errctx *e);
enum gemis_err cases_close_row(struct db *db, long long id, const char *closed_on,
			       struct case_blob closure, long long at, struct errctx *e);

/* Every closed case (id, closed_on), to choose those past retention. */
enum gemis_err cases_closed_each(struct db *db,
				 enum gemis_err (*fn)(void *ctx, long long id, const char *closed_on),
				 void *ctx, struct errctx *e);
/* Erases a case and its events for good (no copy is left behind in the
 * database file: cases_erase_begin()). */
enum gemis_err cases_erase(struct db *db, long long id, struct errctx *e);
/* Before erasing, outside a transaction: freed pages are overwritten
 * rather than left in the file (SQLite; PostgreSQL's are not readable). */
enum gemis_err cases_erase_begin(struct db *db, struct errctx *e);
/* After the erasing transaction: the write-ahead log that still holds
 * the erased rows is emptied into the file (SQLite). */
enum gemis_err cases_erase_end(struct db *db, struct errctx *e);
/* Adds one to a count kept for erased cases (case_counts). */
enum gemis_err case_counts_add(struct db *db, long long unit_id, int year, const char *indicator,
			       const char *part, const char *sex, struct errctx *e);

enum gemis_err cases_log_add(struct db *db, const struct case_log_line *l, struct errctx *e);
/* The latest `limit` lines of the log, the newest first. */
enum gemis_err cases_log_each(struct db *db, size_t limit, case_log_fn fn, void *ctx,
			      struct errctx *e);

#endif
