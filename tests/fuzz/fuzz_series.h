/*
 * fuzz_series.h: the category series the ADX and DHIS2 fuzz targets read
 * breakdowns into (docs/breakdowns.md).
 */
#ifndef GEMIS_FUZZ_SERIES_H
#define GEMIS_FUZZ_SERIES_H

#include <stdio.h>

#include "core/catalog.h"

/* Series of primary_completion by ethnic group and by area, as `gemis
 * indicator breakdown` adds them, so that the series' attributes are read. */
static inline void add_series(void)
{
	static const char *const cats[][2] = {{"ethnicity", "kinh"}, {"ethnicity", "minority"}, {"area", "rural"}};
	struct indicator ind = catalog[catalog_find("primary_completion")];
	struct errctx e = {0};
	char id[128];
	size_t i;
	int k;

	ind.has_national = ind.has_national_2025 = false;
	ind.parent = "primary_completion";
	for (i = 0; i < sizeof(cats) / sizeof(cats[0]); i++) {
		snprintf(id, sizeof(id), "primary_completion__%s_%s", cats[i][0], cats[i][1]);
		ind.id = id;
		ind.breakdown = cats[i][0];
		ind.category = ind.category_vi = ind.category_en = cats[i][1];
		catalog_add(&ind, &k, &e);
	}
}

#endif
