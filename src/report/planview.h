/*
 * planview.h: what the plans in force ask of each agency, as reports,
 * reporting completeness and agency templates read them.  The views
 * themselves (struct plan_view) are read by store/plan_views.h.
 */
#ifndef GEMIS_PLANVIEW_H
#define GEMIS_PLANVIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/tree.h"
#include "store/plan_views.h"

/* The view of a plan not yet stored: the JSON of docs/plan-json.md (as
 * plan_check() accepts it), for `unit` (tree index).  Strings are left
 * NULL; id is 0.  Its indicator sets live in mem. */
enum gemis_err plan_view_from_json(const json_t *plan, int unit, struct plan_view *out, struct arena *mem);

/* Leaves out of pv[0..n)'s indicator sets those retired in year
 * (`gemis indicator retire`): what the plans ask for that year. */
void plan_views_for_year(struct plan_view *pv, size_t n, int year);

/* The plan of a unit among pv[0..n), or NULL. */
const struct plan_view *plan_view_of(const struct plan_view *pv, size_t n, int unit);

/* The indicators agency kind k answers for under the plan: those the
 * assignments tie to it, and those tied to "all" when the plan gives it
 * duties.  None when it answers for none, and for every agency of a plan
 * that ties no indicator to any (as the web's forms, store/submissions.c,
 * are built from the assignments, such agencies have no form to fill in).
 * plan_view_duties() adds them to out (initialised by the caller);
 * plan_view_answers() asks about one indicator; plan_view_nduties()
 * counts them. */
void plan_view_duties(const struct plan_view *p, int k, struct indset *out);
bool plan_view_answers(const struct plan_view *p, int k, int ind);
size_t plan_view_nduties(const struct plan_view *p, int k);

/* True when agency kind k owes a yearly report under the plan: the plan
 * gives it duties (listed among the plan's agencies, "all" listed, or
 * indicators tied to it), whether or not it answers for indicators; a
 * report without indicators gives the results of its tasks and a short
 * narrative (report/reporting.h). */
bool plan_view_owes(const struct plan_view *p, int k);

/* The agency kind answering for indicator i (the first in catalog order),
 * or -1. */
int plan_view_agency_of(const struct plan_view *p, int ind);

#endif
