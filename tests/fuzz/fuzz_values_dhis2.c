/*
 * fuzz_values_dhis2.c: libFuzzer target for the DHIS2 data value set reader
 * (JSON, with the scanner that finds each value's line) and the checks
 * across rows, with category series to read combinations into.  `make
 * FUZZ=1 fuzz` (see the Makefile).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "formats/exchange.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tree tree;

/* Series of primary_completion by ethnic group and by area, as `gemis
 * indicator breakdown` adds them, so that the series' attributes are read. */
static void add_series(void)
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct value_rows rows = {0};
	struct diags d;
	struct errctx e = {0};

	if (tree.n == 0) {
		tree_init(&tree);
		tree_add(&tree, "VN", "Việt Nam", NULL, LEVEL_NATION, NULL, 1, NULL);
		tree_add(&tree, "12", "Lai Châu", NULL, LEVEL_PROVINCE, "VN", 2, NULL);
		tree_add(&tree, "03390", "Xã Bình Lư", "Bình Lư", LEVEL_COMMUNE, "12", 3, NULL);
		tree_finish(&tree);
		add_series();
	}
	diags_init(&d, 50);
	if (values_dhis2_parse((const char *)data, size, &tree, NULL, &rows, &d, &e) == GEMIS_OK)
		validate_rows(rows.v, rows.n, NULL, NULL, &d, &e);
	diags_sort(&d);
	diags_release(&d);
	value_rows_release(&rows);
	return 0;
}
