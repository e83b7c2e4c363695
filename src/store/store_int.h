/*
 * store_int.h: what the files of store/ share and nothing above them sees.
 */
#ifndef GEMIS_STORE_INT_H
#define GEMIS_STORE_INT_H

/* The plans in force, as a table to select from or join ("FROM "
 * SQL_PLANS_IN_FORCE " p"): a unit's plan is in force until plan_load()
 * supersedes it with the next one (plans.c).  Every query about the plans
 * in force reads them through this, or through plan_in_force() for one
 * unit, so that the rule is written once. */
#define SQL_PLANS_IN_FORCE "(SELECT * FROM plans WHERE superseded_at IS NULL)"

#endif
