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

static bool has_duties(const struct plan_view *p, int k)
{
	return p->agency[k] || p->agency_all;
}

uint64_t plan_view_duties(const struct plan_view *p, int k)
{
	if (k < 0 || (size_t)k >= agency_kind_count || !p->has_assignments)
		return 0;
	return p->assigned[k] | (has_duties(p, k) ? p->assigned_all : 0);
}

bool plan_view_owes(const struct plan_view *p, int k)
{
	if (k < 0 || (size_t)k >= agency_kind_count)
		return false;
	return has_duties(p, k) || p->assigned[k] != 0;
}

int plan_view_agency_of(const struct plan_view *p, int ind)
{
	size_t k;

	if (!p->has_assignments)
		return -1;
	for (k = 0; k < agency_kind_count; k++) {
		if (p->assigned[k] & ((uint64_t)1 << ind))
			return (int)k;
	}
	return -1;
}

void plan_view_from_json(const json_t *plan, int unit, struct plan_view *out)
{
	const json_t *doc = json_object_get(plan, "document"), *dl = json_object_get(plan, "deadline");
	const json_t *x, *v;
	const char *key;
	size_t i, j;

	memset(out, 0, sizeof(*out));
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

			if (ind < 0 || ind >= 64)
				continue;
			out->has_assignments = true;
			if (strcmp(key, "all") == 0) {
				out->assigned_all |= (uint64_t)1 << ind;
			} else if (k >= 0 && k < PV_MAX_AGENCIES) {
				out->assigned[k] |= (uint64_t)1 << ind;
				out->agency[k] = true;
			}
		}
	}
	json_array_foreach(json_object_get(plan, "targets"), i, x) {
		const json_t *id = json_object_get(x, "indicator");
		int ind = json_is_string(id) ? catalog_find(json_string_value(id)) : -1;

		if (ind >= 0 && ind < 64)
			out->targeted |= (uint64_t)1 << ind;
	}
}
