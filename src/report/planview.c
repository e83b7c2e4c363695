/*
 * planview.c: what the plans in force ask of each agency (see planview.h);
 * store/plan_views.c reads them.
 */
#include "planview.h"

#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"

#include "util/banned.h"

const struct plan_view *plan_view_of(const struct plan_view *pv, size_t n, int unit)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (pv[i].unit == unit)
			return &pv[i];
	}
	return NULL;
}

void plan_views_for_year(struct plan_view *pv, size_t n, int year)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < PV_MAX_AGENCIES; k++) {
			indset_drop_retired(&pv[i].assigned[k], year);
			indset_drop_computed(&pv[i].assigned[k]);
		}
		indset_drop_retired(&pv[i].assigned_all, year);
		indset_drop_computed(&pv[i].assigned_all);
		indset_drop_retired(&pv[i].targeted, year);
	}
}

static bool has_duties(const struct plan_view *p, int k)
{
	return p->agency[k] || p->agency_all;
}

static bool agency_ok(const struct plan_view *p, int k)
{
	return k >= 0 && (size_t)k < agency_kind_count && p->has_assignments;
}

void plan_view_duties(const struct plan_view *p, int k, struct indset *out)
{
	if (!agency_ok(p, k))
		return;
	indset_union(out, &p->assigned[k]);
	if (has_duties(p, k))
		indset_union(out, &p->assigned_all);
}

bool plan_view_answers(const struct plan_view *p, int k, int ind)
{
	return agency_ok(p, k) &&
	       (indset_has(&p->assigned[k], ind) || (has_duties(p, k) && indset_has(&p->assigned_all, ind)));
}

size_t plan_view_nduties(const struct plan_view *p, int k)
{
	size_t n = 0;
	int ind;

	if (!agency_ok(p, k))
		return 0;
	if (!has_duties(p, k))
		return indset_count(&p->assigned[k]);
	for (ind = indset_next(&p->assigned[k], 0); ind >= 0; ind = indset_next(&p->assigned[k], ind + 1))
		n += !indset_has(&p->assigned_all, ind);
	return n + indset_count(&p->assigned_all);
}

bool plan_view_owes(const struct plan_view *p, int k)
{
	if (k < 0 || (size_t)k >= agency_kind_count)
		return false;
	return has_duties(p, k) || !indset_empty(&p->assigned[k]);
}

int plan_view_agency_of(const struct plan_view *p, int ind)
{
	size_t k;

	if (!p->has_assignments)
		return -1;
	for (k = 0; k < agency_kind_count; k++) {
		if (indset_has(&p->assigned[k], ind))
			return (int)k;
	}
	return -1;
}

enum gemis_err plan_view_from_json(const json_t *plan, int unit, struct plan_view *out, struct arena *mem)
{
	const json_t *doc = json_object_get(plan, "document"), *dl = json_object_get(plan, "deadline");
	const json_t *x, *v;
	const char *key;
	size_t i, j;
	enum gemis_err err = plan_view_init(out, mem);

	if (err)
		return err;
	out->unit = unit;
	out->period_from = (int)json_integer_value(json_array_get(json_object_get(doc, "period"), 0));
	out->period_to = (int)json_integer_value(json_array_get(json_object_get(doc, "period"), 1));
	if (json_is_object(dl)) {
		out->dl_day = (int)json_integer_value(json_object_get(dl, "day"));
		out->dl_month = (int)json_integer_value(json_object_get(dl, "month"));
		out->dl_year = (int)json_integer_value(json_object_get(dl, "year"));
	}
	json_array_foreach(json_object_get(plan, "agencies"), i, x) {
		int k = json_is_string(x) ? agency_find(json_string_value(x)) : -1;

		if (json_is_string(x) && strcmp(json_string_value(x), "all") == 0)
			out->agency_all = true;
		else if (k >= 0 && k < PV_MAX_AGENCIES)
			out->agency[k] = true;
	}
	json_object_foreach((json_t *)json_object_get(plan, "assignments"), key, v) {
		int k = agency_find(key);

		json_array_foreach(v, j, x) {
			int ind = json_is_string(x) ? catalog_find(json_string_value(x)) : -1;

			if (ind < 0)
				continue;
			out->has_assignments = true;
			if (strcmp(key, "all") == 0) {
				indset_add(&out->assigned_all, ind);
			} else if (k >= 0 && k < PV_MAX_AGENCIES) {
				indset_add(&out->assigned[k], ind);
				out->agency[k] = true;
			}
		}
	}
	/* an agency owes the category series of what it owes */
	indset_add_series(&out->assigned_all);
	for (i = 0; i < PV_MAX_AGENCIES; i++)
		indset_add_series(&out->assigned[i]);
	json_array_foreach(json_object_get(plan, "targets"), i, x) {
		const json_t *id = json_object_get(x, "indicator");
		int ind = json_is_string(id) ? catalog_find(json_string_value(id)) : -1;

		indset_add(&out->targeted, ind);
	}
	return GEMIS_OK;
}
