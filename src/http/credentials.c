/*
 * credentials.c: reading the credentials a request carries in its headers,
 * gemis's own parsers rather than the HTTP library's, so that they are the
 * same whatever libmicrohttpd's version and can be fuzzed
 * (tests/fuzz/fuzz_http_cookie.c, fuzz_http_auth.c).
 *
 * Cookie (RFC 6265 section 4.2, read leniently as section 5.4 describes):
 *     cookie-pair *( ";" OWS cookie-pair )
 *     cookie-pair = name "=" value, value optionally in double quotes
 * A pair without "=" is skipped; spaces and tabs around names and values
 * are dropped; the first pair of the name wins (a browser sends the most
 * specific cookie first).  A value longer than the caller's buffer, or
 * with a control character, is no value.
 *
 * Authorization (RFC 9110 section 11.6.2, Bearer as RFC 6750 section 2.1):
 *     scheme 1*SP token68 *SP
 *     token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 * The scheme is compared without case.  Anything else is malformed.
 */
#include <string.h>
#include <strings.h>

#include "internal.h"

#include "util/banned.h"

static bool ows(char c)
{
	return c == ' ' || c == '\t';
}

bool http_cookie_in(const char *hdr, size_t len, const char *name, char *out, size_t outsize)
{
	size_t nlen = strlen(name), i = 0;

	while (i < len) {
		size_t end = i, ns, ne, vs, ve, k;

		while (end < len && hdr[end] != ';')
			end++;
		/* the pair hdr[i..end) */
		ns = i;
		while (ns < end && ows(hdr[ns]))
			ns++;
		ne = ns;
		while (ne < end && hdr[ne] != '=')
			ne++;
		if (ne < end) {
			vs = ne + 1;
			while (ne > ns && ows(hdr[ne - 1]))
				ne--;
			ve = end;
			while (vs < ve && ows(hdr[vs]))
				vs++;
			while (ve > vs && ows(hdr[ve - 1]))
				ve--;
			if (ne - ns == nlen && memcmp(hdr + ns, name, nlen) == 0) {
				if (ve - vs >= 2 && hdr[vs] == '"' && hdr[ve - 1] == '"') {
					vs++;
					ve--;
				}
				if (ve - vs >= outsize)
					return false;
				for (k = vs; k < ve; k++) {
					unsigned char c = (unsigned char)hdr[k];

					if (c < 0x20 || c == 0x7f)
						return false;
				}
				memcpy(out, hdr + vs, ve - vs);
				out[ve - vs] = '\0';
				return true;
			}
		}
		i = end + 1;
	}
	return false;
}

static bool token68_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

enum http_auth http_bearer(const char *hdr, size_t len, char *out, size_t outsize)
{
	size_t s = 0, t, te;

	while (s < len && hdr[s] != ' ')
		s++;
	if (s == 0 || s == len)
		return HTTP_AUTH_MALFORMED;
	if (s != 6 || strncasecmp(hdr, "Bearer", 6) != 0)
		return HTTP_AUTH_OTHER;
	t = s;
	while (t < len && hdr[t] == ' ')
		t++;
	te = t;
	while (te < len && token68_char(hdr[te]))
		te++;
	if (te == t)
		return HTTP_AUTH_MALFORMED;
	while (te < len && hdr[te] == '=')
		te++;
	if (te - t >= outsize)
		return HTTP_AUTH_MALFORMED;
	memcpy(out, hdr + t, te - t);
	out[te - t] = '\0';
	while (te < len && hdr[te] == ' ')
		te++;
	return te == len ? HTTP_AUTH_BEARER : HTTP_AUTH_MALFORMED;
}
