/*
 * fuzz_plan_text.c: libFuzzer target for the plan importer (normalising,
 * structure, header, targets, duties, lint) on arbitrary bytes.  Built and
 * run by `make fuzz` with its seed corpus tests/fuzz/corpus/plan_text/.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "plan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errctx e = {0};
	json_t *out = NULL;

	if (plan_import((const char *)data, size, &out, &e) == GEMIS_OK) {
		char *s = json_dumps(out, 0);

		free(s);
		json_decref(out);
	}
	return 0;
}
