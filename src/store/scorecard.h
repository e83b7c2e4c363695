/*
 * scorecard.h: the rules of the agencies' scorecard (table scorecard_rules
 * of sql/0710_scorecard.sql; core/scorecard.h says what they weigh).
 *
 * The rules of a unit and year are its province's latest version whose
 * since_year is the year or before, else the nation's.  A province adjusts
 * its rules by adding a version (scorecard_rules_set); no version is ever
 * changed, so that a past scorecard can say which rules it used.
 */
#ifndef GEMIS_STORE_SCORECARD_H
#define GEMIS_STORE_SCORECARD_H

#include "core/access.h"
#include "core/scorecard.h"
#include "core/tree.h"
#include "db.h"

/* The rules in force for `unit` in `year` into *r. */
enum gemis_err scorecard_rules_for(struct db *db, const struct tree *t, int unit, int year, struct sc_rules *r,
				   struct errctx *e);

/* Adds a version of the rules of `province` (a province's tree index, or
 * the nation's for the default) from since_year on, as `who`: the
 * province's officer or the admin (access_allows(ACT_PLAN) of the unit).
 *   GEMIS_EPERM   who may not;
 *   GEMIS_EINVAL  a negative weight or all of them 0 (field "weights").
 * r->version gets the new version. */
enum gemis_err scorecard_rules_set(struct db *db, const struct tree *t, const struct principal *who, int province,
				   int since_year, struct sc_rules *r, long long now, struct errctx *e);

#endif
