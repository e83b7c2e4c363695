/*
 * counts.h: the case register's published counts for a unit and year, as
 * JSON, with the permission check, the access log and suppression in one
 * place for the command line and the web pages:
 *
 *   {"unit": "03390", "year": 2026, "suppressed": true, "indicators": [
 *     {"indicator": "dv_victims_supported",
 *      "num": {"F": "<5", "M": 0, "T": "<5"}, "rest": {...}, "den": {...}}, ...]}
 *
 * num: counted in the numerator; den: the denominator; rest: den - num.  A
 * hidden count is the string "<5" or "x" (core/suppress.h); the commune's
 * own caseworkers get exact numbers and "suppressed": false.
 */
#ifndef GEMIS_CASE_COUNTS_H
#define GEMIS_CASE_COUNTS_H

#include "core/access.h"
#include "store/snapshot.h"
#include "util/buf.h"

/* GEMIS_EPERM (logged) when the unit is outside the account's scope.
 * snap is a snapshot of the same database; t is the tree the principal was
 * resolved in (its indexes are used for the log). */
enum gemis_err case_counts_json(struct db *db, const struct tree *t, const struct snapshot *snap,
				const struct principal *who, int unit, int year, struct buf *out,
				struct errctx *e);

#endif
