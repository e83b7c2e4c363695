/*
 * totp.c: RFC 4226 / RFC 6238 one-time codes and base32 (totp.h).
 */
#include "totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "util/banned.h"

bool base32_encode(const unsigned char *in, size_t n, char *out, size_t outsz)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	size_t bits = 0, k = 0, i;
	unsigned long acc = 0;

	if (outsz < (n * 8 + 4) / 5 + 1)
		return false;
	for (i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[k++] = alphabet[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits)
		out[k++] = alphabet[(acc << (5 - bits)) & 31];
	out[k] = '\0';
	return true;
}

long hotp(const unsigned char *key, size_t keylen, unsigned long long counter, int digits)
{
	unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0, off;
	unsigned long bin;
	long mod = 1;
	int i;

	for (i = 7; i >= 0; i--) {
		msg[i] = (unsigned char)(counter & 0xff);
		counter >>= 8;
	}
	if (!HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof(msg), mac, &maclen) || maclen < 20)
		return -1;
	/* dynamic truncation (RFC 4226 section 5.3) */
	off = mac[maclen - 1] & 0x0f;
	bin = ((unsigned long)(mac[off] & 0x7f) << 24) | ((unsigned long)mac[off + 1] << 16) |
	      ((unsigned long)mac[off + 2] << 8) | mac[off + 3];
	for (i = 0; i < digits; i++)
		mod *= 10;
	return (long)(bin % (unsigned long)mod);
}

long long totp_step(long long now)
{
	return now < 0 ? 0 : now / TOTP_STEP;
}

/* The code's digits as a number; -1 unless exactly TOTP_DIGITS of them
 * (spaces and hyphens between groups allowed). */
static long code_value(const char *code)
{
	long v = 0;
	int n = 0;

	for (; code && *code; code++) {
		if (*code == ' ' || *code == '-')
			continue;
		if (*code < '0' || *code > '9' || ++n > TOTP_DIGITS)
			return -1;
		v = v * 10 + (*code - '0');
	}
	return n == TOTP_DIGITS ? v : -1;
}

bool totp_check(const unsigned char *key, size_t keylen, const char *code, long long now, long long after,
		long long *step)
{
	long want = code_value(code);
	long long s = totp_step(now), d;
	bool ok = false;

	/* every candidate is computed, so that the time taken tells nothing */
	for (d = -1; d <= 1; d++) {
		long long c = s + d;
		long v = c < 0 ? -1 : hotp(key, keylen, (unsigned long long)c, TOTP_DIGITS);

		if (want >= 0 && v == want && c > after && !ok) {
			*step = c;
			ok = true;
		}
	}
	return ok;
}
