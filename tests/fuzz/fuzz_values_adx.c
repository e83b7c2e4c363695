/*
 * fuzz_values_adx.c: libFuzzer target for the ADX reader (with a code map,
 * and category series to read breakdown attributes into) and the checks
 * across rows.  `make FUZZ=1 fuzz` (see the Makefile).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "formats/exchange.h"
#include "fuzz_series.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tree tree;
static struct codemap map;

static void init(void)
{
	static const char m[] = "type,gemis,external\nunit,03390,OU_1\nsex,F,FEMALE\nattribute,sex,GENDER\n"
				"attribute,ethnicity,ETHNIC\n";
	struct diags d;
	struct errctx e = {0};

	tree_init(&tree);
	tree_add(&tree, "VN", "Việt Nam", NULL, LEVEL_NATION, NULL, 1, NULL);
	tree_add(&tree, "12", "Lai Châu", NULL, LEVEL_PROVINCE, "VN", 2, NULL);
	tree_add(&tree, "03390", "Xã Bình Lư", "Bình Lư", LEVEL_COMMUNE, "12", 3, NULL);
	tree_finish(&tree);
	add_series();
	codemap_init(&map);
	diags_init(&d, 10);
	codemap_parse(&map, "adx", m, strlen(m), &d, &e);
	diags_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct value_rows rows = {0};
	struct diags d;
	struct errctx e = {0};

	if (tree.n == 0)
		init();
	diags_init(&d, 50);
	if (values_adx_parse((const char *)data, size, &tree, size % 2 ? &map : NULL, &rows, &d, &e) == GEMIS_OK)
		validate_rows(rows.v, rows.n, NULL, NULL, &d, &e);
	diags_sort(&d);
	diags_release(&d);
	value_rows_release(&rows);
	return 0;
}
