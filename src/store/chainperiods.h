/*
 * chainperiods.h: the periods and deadlines receiving units set for the
 * reports sent to them up the chain (table chain_periods of
 * sql/0201_chain_periods.sql; the rules are core/chainperiod.h).
 */
#ifndef GEMIS_CHAINPERIODS_H
#define GEMIS_CHAINPERIODS_H

#include "core/chainperiod.h"
#include "core/tree.h"
#include "db.h"

/* True when the unit receives reports: the nation and the provinces. */
bool chain_receives(const struct tree *t, int unit);

/* The period and deadline `unit` (a receiving unit) set for `year`, or
 * Decree 09/2019's default (is_default) when it set none. */
enum gemis_err chain_period_get(struct db *db, const struct tree *t, int unit, int year,
				struct chain_period *out, struct errctx *e);

/* Sets them, checked by chain_period_check(); `by` is recorded.
 * GEMIS_EINVAL for a unit that receives no reports or a bad period. */
enum gemis_err chain_period_set(struct db *db, const struct tree *t, int unit,
				const struct chain_period *p, const char *by, struct errctx *e);

#endif
