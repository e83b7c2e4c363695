/*
 * fuzz_values_csv.c: libFuzzer target for the CSV reader and the values
 * importer's field and cross-row checks (no database).  Build and run with
 * `make FUZZ=1 fuzz` (see the Makefile).
 */
#include <stddef.h>
#include <stdint.h>

#include "core/validate.h"
#include "formats/values_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tree tree;

static void init_tree(void)
{
	tree_init(&tree);
	tree_add(&tree, "VN", "Việt Nam", NULL, LEVEL_NATION, NULL, 1, NULL);
	tree_add(&tree, "12", "Lai Châu", NULL, LEVEL_PROVINCE, "VN", 2, NULL);
	tree_add(&tree, "03390", "Xã Bình Lư", "Bình Lư", LEVEL_COMMUNE, "12", 3, NULL);
	tree_add(&tree, "03391", "Xã Hai", "Hai", LEVEL_COMMUNE, "12", 4, NULL);
	tree_finish(&tree);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct value_rows rows = {0};
	struct diags d;
	struct errctx e = {0};

	if (tree.n == 0)
		init_tree();
	diags_init(&d, 50);
	if (values_csv_parse((const char *)data, size, &tree, &rows, &d, &e) == GEMIS_OK)
		validate_rows(rows.v, rows.n, NULL, NULL, &d, &e);
	diags_sort(&d);
	diags_release(&d);
	value_rows_release(&rows);
	return 0;
}
