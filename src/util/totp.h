/*
 * totp.h: one-time codes for the second step of signing in (RFC 6238,
 * TOTP: HMAC-SHA-1 over 30-second steps, 6 digits), the secret written in
 * base32 (RFC 4648) for authenticator apps, and the otpauth:// address
 * their QR code carries.
 *
 * SHA-1 because the common authenticator apps ignore any other algorithm
 * an address names and would show wrong codes; HMAC-SHA-1 is not weakened
 * by SHA-1's collisions (RFC 6238 section 5.1, RFC 6194).
 */
#ifndef GEMIS_TOTP_H
#define GEMIS_TOTP_H

#include <stdbool.h>
#include <stddef.h>

#define TOTP_SECRET_BYTES 20  /* 160 bits, as RFC 4226 recommends */
#define TOTP_BASE32_CHARS 32  /* 20 bytes in base32, without padding */
#define TOTP_STEP 30          /* seconds */
#define TOTP_DIGITS 6

/* Writes n bytes in base32 without padding (8 * n / 5 rounded up
 * characters and a NUL into out of size outsz); false when it does not
 * fit. */
bool base32_encode(const unsigned char *in, size_t n, char *out, size_t outsz);

/* The HOTP value of key at counter, as RFC 4226 computes it, reduced to
 * `digits` digits; -1 when HMAC fails. */
long hotp(const unsigned char *key, size_t keylen, unsigned long long counter, int digits);

/* The step of a moment (seconds since 1970). */
long long totp_step(long long now);

/* Checks a code typed by a person (spaces ignored) against the steps
 * around now (one before and one after, for clocks a little off) that are
 * later than `after` (the last step used, so that a code is used once).
 * On success *step receives the matched step. */
bool totp_check(const unsigned char *key, size_t keylen, const char *code, long long now, long long after,
		long long *step);

#endif
