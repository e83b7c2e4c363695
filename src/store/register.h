/*
 * register.h: the case register's indicators read from the database into
 * the engine's dataset, so that progress, dashboards and reports see them
 * like any reported value.  Reads only the counting codes in clear; needs
 * no key.  The rules are core/register.h's.
 */
#ifndef GEMIS_STORE_REGISTER_H
#define GEMIS_STORE_REGISTER_H

#include "core/dataset.h"
#include "core/register.h"
#include "db.h"

/* Counts the consenting cases of every commune and year (live cases and
 * the counts kept of erased ones) and puts each register indicator's num
 * and den, for F and M, into ds for the units and years that have any,
 * replacing values reported for those cells.  Cases of units no longer in
 * force are skipped. */
enum gemis_err register_load(struct db *db, const struct tree *t, struct dataset *ds,
			     struct errctx *e);

/* The same for one unit (v->unit, a tree index), into v. */
enum gemis_err register_load_unit(struct db *db, const struct tree *t, struct unit_values *v,
				  struct errctx *e);

/* The counting codes of one case (its row id), as register_load reads
 * them: what the counts keep when the case is erased. */
enum gemis_err register_case_facts(struct db *db, const struct tree *t, long long case_id,
				   void (*each)(void *ctx, const struct case_facts *f), void *ctx,
				   struct errctx *e);

#endif
