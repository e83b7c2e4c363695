/*
 * fuzz_http_cookie.c: libFuzzer target for the Cookie header as gemis reads
 * it (http_cookie_in(), src/http/credentials.c).  The input's first line is
 * the cookie's name, the rest the header's value; each of gemis's own
 * cookie names is looked for too, and a found value must fit its buffer,
 * hold no control character and come from the header.  Build and run with
 * `make FUZZ=1 fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void look(const char *hdr, size_t len, const char *name, size_t outsize)
{
	char out[HTTP_CREDENTIAL_MAX + 1];
	size_t n, i;

	if (!http_cookie_in(hdr, len, name, out, outsize))
		return;
	n = strlen(out);
	if (n >= outsize)
		abort();
	for (i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			abort();
	if (n && !memmem(hdr, len, out, n))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"gemis_session", "__Host-gemis_session", "gemis_pre", "gemis_lang"};
	const char *in = (const char *)data, *nl = memchr(in, '\n', size);
	char name[65];
	size_t i, nlen;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		look(in, size, names[i], HTTP_CREDENTIAL_MAX + 1);
		look(in, size, names[i], 3);
	}
	if (!nl)
		return 0;
	nlen = (size_t)(nl - in) < sizeof(name) - 1 ? (size_t)(nl - in) : sizeof(name) - 1;
	memcpy(name, in, nlen);
	name[nlen] = '\0';
	look(nl + 1, size - (size_t)(nl - in) - 1, name, HTTP_CREDENTIAL_MAX + 1);
	look(nl + 1, size - (size_t)(nl - in) - 1, name, 1);
	return 0;
}
