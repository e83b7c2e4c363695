/*
 * planview.h: the plans in force as reports, reporting completeness and
 * agency templates read them: the document's number, date and signer, the
 * reporting deadline, the agencies given duties and the indicators tied to
 * each (docs/plan-json.md).  Read-only queries of the plans, plan_agencies,
 * assignments and targets tables; plans are written by store/plans.c.
 *
 * Indicators and agencies are kept as bit masks (catalog index i is bit i,
 * agency kind k is entry k), which bounds the catalog at 64 indicators; the
 * loader checks the bound.
 */
#ifndef GEMIS_PLANVIEW_H
#define GEMIS_PLANVIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/tree.h"
#include "store/db.h"
#include "util/arena.h"

#define PV_MAX_AGENCIES 16

struct plan_view {
	long long id;
	int unit;                 /* tree index of the plan's unit */
	const char *number;       /* "645/KH-UBND", NULL when blank */
	const char *date;         /* ISO "2026-04-10" (or "2026-05", "2026"), NULL */
	const char *title;        /* NULL when none */
	const char *signer_name, *signer_title; /* NULL when unsigned */
	int period_from, period_to;
	int dl_day, dl_month;     /* 0 when the plan sets no deadline */
	int dl_year;              /* 0 when the deadline recurs every year */
	const char *dl_to;        /* agency the reports go to, NULL */
	bool demo;
	bool agency[PV_MAX_AGENCIES];       /* given duties (agency kind index) */
	bool agency_all;                    /* "all": every agency of the unit */
	uint64_t assigned[PV_MAX_AGENCIES]; /* indicators tied to each agency */
	uint64_t assigned_all;              /* indicators tied to "all" */
	bool has_assignments;
	uint64_t targeted;                  /* indicators the plan sets a target for */
};

/* Loads the plan in force of every unit in the subtree of `scope` (all
 * units when scope is 0, the root), in tree order.  Strings live in mem.
 * *out is allocated in mem too. */
enum gemis_err plan_views_load(struct db *db, const struct tree *t, int scope, struct arena *mem,
			       struct plan_view **out, size_t *n, struct errctx *e);

/* The view of a plan not yet stored: the JSON of docs/plan-json.md (as
 * plan_check() accepts it), for `unit` (tree index).  Strings are left
 * NULL; id is 0. */
void plan_view_from_json(const json_t *plan, int unit, struct plan_view *out);

/* The plan of a unit among pv[0..n), or NULL. */
const struct plan_view *plan_view_of(const struct plan_view *pv, size_t n, int unit);

/* The indicators agency kind k answers for under the plan: those the
 * assignments tie to it, and those tied to "all" when the plan gives it
 * duties.  0 when it answers for none, and for every agency of a plan that
 * ties no indicator to any (as the web's forms, store/submissions.c, are
 * built from the assignments, such agencies have no form to fill in). */
uint64_t plan_view_duties(const struct plan_view *p, int k);

/* True when agency kind k owes a yearly form under the plan: it answers
 * for at least one indicator. */
bool plan_view_owes(const struct plan_view *p, int k);

/* The agency kind answering for indicator i (the first in catalog order),
 * or -1. */
int plan_view_agency_of(const struct plan_view *p, int ind);

#endif
