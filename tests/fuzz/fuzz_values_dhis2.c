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
#include "fuzz_series.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tree tree;

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
