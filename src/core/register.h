/*
 * register.h: the three indicators the case register computes, and the
 * suppression of what it publishes.  Pure functions: the store reads the
 * counting codes of each case (store/register.c), this module decides what
 * each case counts towards.
 *
 * For the year a case was detected, and only when its consent to share for
 * statistics is given:
 *   dv_victims_supported             den: a survivor of one of the six GBVIMS
 *                                    incident types, by the survivor's sex;
 *                                    num: of those, at least one service
 *                                    received (a referral alone does not count)
 *   dv_perpetrators_counseled        den: a perpetrator recorded and not
 *                                    prosecuted, by the perpetrator's sex;
 *                                    num: of those, at least one counselling
 *                                    session
 *   trafficking_returnees_supported  den: a returned victim of trafficking in
 *                                    need of support, by sex; num: of those,
 *                                    at least one service received
 * A case is counted in the year it was detected, whenever its services came
 * (a cohort: the year's figure can still rise as late services are recorded).
 */
#ifndef GEMIS_REGISTER_H
#define GEMIS_REGISTER_H

#include <stdbool.h>

#include "engine.h"
#include "tree.h"
#include "util/err.h"

struct case_facts {
	int unit;          /* tree index */
	int year;
	int survivor_sex;  /* SEX_F or SEX_M */
	bool consent;      /* consent to share for statistics */
	bool gbv;          /* an incident of the six types */
	bool trafficking;  /* a returned victim of trafficking */
	bool in_need;      /* ... in need of support */
	int perp_sex;      /* SEX_F, SEX_M, or -1 when no perpetrator is recorded */
	bool prosecuted;
	bool supported;    /* at least one service received */
	bool counselled;   /* at least one perpetrator counselling session */
};

/* The register indicators' catalog indexes, in the order above. */
#define REGISTER_INDICATORS 3
int register_indicator(int k);

/* Calls add() once for each (indicator index, part, sex) the case counts
 * towards; nothing without consent. */
void register_case_parts(const struct case_facts *f,
			 void (*add)(void *ctx, int ind, int part, int sex), void *ctx);

/* Published cells of a register indicator for one unit: the three parts
 * num (received), rest (den - num) and den, each for F, M and T. */
#define REG_CELLS 9
#define REG_CELL(part, sex) ((part) * 3 + (sex))
enum { REG_NUM = 0, REG_REST = 1, REG_DEN = 2 };

/* Decides which cells of every unit to hide, over the whole tree at once so
 * that no page or export of any unit lets a hidden count be recomputed from
 * another's.  cells[u * REG_CELLS + ...] are the unit's counts, NaN where
 * the unit has none; state receives enum supp_state per cell (SUPP_SHOWN
 * for absent ones).  GEMIS_ENOMEM. */
enum gemis_err register_suppress(const struct tree *t, const double *cells, unsigned char *state);

/* The same from an engine's rolled-up parts for an indicator and year:
 * *state (caller frees) gets tree->n * REG_CELLS states. */
enum gemis_err register_mask(const struct engine *e, int year, int ind, unsigned char **state);

#endif
