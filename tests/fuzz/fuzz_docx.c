/*
 * fuzz_docx.c: libFuzzer target for the DOCX reader (libzip + expat) on
 * arbitrary bytes, then the importer on what it read.  Built and run by
 * `make fuzz` with its seed corpus tests/fuzz/corpus/docx/.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/docx.h"
#include "plan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errctx e = {0};
	struct buf text;
	json_t *out = NULL;

	buf_init(&text, (size_t)8 << 20);
	if (docx_text(data, size, &text, &e) == GEMIS_OK &&
	    plan_import(buf_str(&text), text.len, &out, &e) == GEMIS_OK)
		json_decref(out);
	buf_release(&text);
	return 0;
}
