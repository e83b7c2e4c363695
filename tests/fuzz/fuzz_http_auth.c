/*
 * fuzz_http_auth.c: libFuzzer target for the Authorization header as gemis
 * reads it (http_bearer(), src/http/credentials.c): a Bearer token found
 * must be a non-empty token68 that fits its buffer; every input is also
 * tried with a buffer of the first byte's size.  Build and run with
 * `make FUZZ=1 fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *hdr, size_t len, size_t outsize)
{
	char out[HTTP_CREDENTIAL_MAX + 1];
	size_t n, i;

	if (http_bearer(hdr, len, out, outsize) != HTTP_AUTH_BEARER)
		return;
	n = strlen(out);
	if (n == 0 || n >= outsize)
		abort();
	for (i = 0; i < n; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=", out[i]))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check((const char *)data, size, HTTP_CREDENTIAL_MAX + 1);
	if (size > 0)
		check((const char *)data + 1, size - 1, (size_t)data[0] % (HTTP_CREDENTIAL_MAX + 1) + 1);
	return 0;
}
