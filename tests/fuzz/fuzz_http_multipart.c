/*
 * fuzz_http_multipart.c: libFuzzer target for multipart/form-data uploads
 * (http_parse_multipart(), src/http/request.c) with the Content-Type header
 * fuzzed as well: the input's first line is the whole header value
 * (boundary quoted or not, other parameters, a charset), the rest the
 * body; the fields found are then checked as the upload routes declare
 * them.  fuzz_http_forms covers the body with a fixed header.  Build and
 * run with `make FUZZ=1 fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl = memchr(in, '\n', size);
	struct arena a;
	struct http_kv *kv = NULL;
	struct http_file *files = NULL;
	struct errctx e = {0};
	size_t nk = 0, nf = 0, i;
	char *ct;

	if (!nl)
		return 0;
	arena_init(&a, (size_t)64 << 20);
	ct = arena_strndup(&a, in, (size_t)(nl - in));
	if (ct && http_parse_multipart(&a, ct, nl + 1, size - (size_t)(nl - in) - 1, &kv, &nk, &files, &nf, &e) ==
			  GEMIS_OK) {
		/* a file is never longer than the body it came in */
		for (i = 0; i < nf; i++)
			if (files[i].len > size || !files[i].field)
				abort();
		if (nk)
			http_check_params(NULL, "csrf:line file:file dry_run:int name:line", kv, nk, true, &e);
	}
	arena_release(&a);
	return 0;
}
