/*
 * plan_views.h: the plans in force as reports, reporting completeness and
 * agency templates read them: the document's number, date and signer, the
 * reporting deadline, the agencies given duties and the indicators tied to
 * each (docs/plan-json.md).  Read-only queries of the plans, plan_agencies,
 * assignments and targets tables; plans are written by plans.c.  What a
 * view asks of each agency is report/planview.h's.
 *
 * Indicators are kept as sets of catalog indexes (core/indset.h) sized by
 * the catalog, their words in the caller's arena; agencies as arrays
 * indexed by agency kind, which the loader checks against PV_MAX_AGENCIES.
 */
#ifndef GEMIS_PLAN_VIEWS_H
#define GEMIS_PLAN_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/indset.h"
#include "core/tree.h"
#include "db.h"
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
	struct indset assigned[PV_MAX_AGENCIES]; /* indicators tied to each agency */
	struct indset assigned_all;              /* indicators tied to "all" */
	bool has_assignments;
	struct indset targeted;                  /* indicators the plan sets a target for */
};

/* Clears *p and sizes its indicator sets for the catalog, their words in
 * mem (nothing to free but the arena). */
enum gemis_err plan_view_init(struct plan_view *p, struct arena *mem);

/* Loads the plan in force of every unit in the subtree of `scope` (all
 * units when scope is 0, the root), in tree order.  Strings live in mem.
 * *out is allocated in mem too. */
enum gemis_err plan_views_load(struct db *db, const struct tree *t, int scope, struct arena *mem,
			       struct plan_view **out, size_t *n, struct errctx *e);

/* One version of a unit's plan, in force or superseded: when it was in
 * force and the deadline it set.  A form kept from an earlier plan is
 * judged against the deadline of the version in force when it was
 * submitted (report/reporting.h). */
struct plan_span {
	int unit;                 /* tree index */
	long long from, until;    /* loaded_at; superseded_at, 0 while in force */
	int dl_day, dl_month;     /* 0 when it set no deadline */
};

/* Every version of every plan of a unit of the tree, sorted by unit (tree
 * index) then by the time it came into force.  *out lives in mem. */
enum gemis_err plan_spans_load(struct db *db, const struct tree *t, struct arena *mem, struct plan_span **out,
			       size_t *n, struct errctx *e);

#endif
