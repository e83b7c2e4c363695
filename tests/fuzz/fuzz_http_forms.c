/*
 * fuzz_http_forms.c: libFuzzer target for what the web server parses from
 * a request body before any handler runs: application/x-www-form-urlencoded
 * and multipart/form-data (src/http/request.c), and the checks of declared
 * parameters.  The first byte chooses the parser and, for multipart, the
 * boundary comes from the start of the input.  Build and run with
 * `make FUZZ=1 fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct http_kv *kv = NULL;
	struct http_file *files = NULL;
	struct errctx e = {0};
	size_t nk = 0, nf = 0;
	const char *body;

	if (size < 1)
		return 0;
	arena_init(&a, (size_t)64 << 20);
	body = (const char *)data + 1;
	if (data[0] & 1) {
		http_parse_urlencoded(&a, body, size - 1, &kv, &nk, &e);
	} else {
		/* "multipart/form-data; boundary=" + the first line of the input */
		const char *nl = memchr(body, '\n', size - 1);
		size_t blen = nl ? (size_t)(nl - body) : 0;
		char *ct = arena_printf(&a, "multipart/form-data; boundary=%.*s", (int)(blen > 100 ? 100 : blen), body);

		if (ct && nl)
			http_parse_multipart(&a, ct, nl + 1, size - 1 - blen - 1, &kv, &nk, &files, &nf, &e);
	}
	if (kv && nk)
		http_check_params(NULL, "unit:code year:year p:period n:int id:id l:lang next:path t:line x:text v_*:num s:secret",
				  kv, nk, true, &e);
	arena_release(&a);
	return 0;
}
