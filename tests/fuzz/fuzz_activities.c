/*
 * fuzz_activities.c: libFuzzer target for the activity log's reader
 * (formats/activities_csv.c: CSV, or the first sheet of an XLSX workbook),
 * the file a commune uploads on /activities/import and gives to `gemis
 * activity import`.  Build and run with `make FUZZ=1 fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "formats/activities_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct act_row *rows = NULL;
	struct diags d;
	struct errctx e = {0};
	size_t n = 0;

	diags_init(&d, 50);
	activities_read(data, size, &rows, &n, &d, &e);
	diags_sort(&d);
	diags_release(&d);
	free(rows);
	return 0;
}
