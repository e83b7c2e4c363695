/*
 * casekey.h: the key that seals the case register, and sealing itself.
 *
 * The key is 32 random bytes in a file outside the database, readable only
 * by the account that runs gemis: `gemis case keygen FILE` creates it with
 * mode 0600 and refuses to overwrite; loading refuses a file that its group
 * or others may read or write.  The file holds one line,
 * "gemis-case-key-1 " and 64 hex digits.  The database keeps only the key's
 * id (a keyed BLAKE2b fingerprint), so that a wrong key is refused with a
 * clear message instead of failing on every field.
 *
 * Each field is sealed with XChaCha20-Poly1305 (IETF), a fresh random
 * 24-byte nonce, and associated data "gemis-case-1", the case code and the
 * field name: a ciphertext moved to another case or another field fails to
 * open.  Stored form: nonce || ciphertext || tag.
 */
#ifndef GEMIS_CASEKEY_H
#define GEMIS_CASEKEY_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

#define CASE_KEY_BYTES 32
#define CASE_KEY_ID_CHARS 16
#define CASE_SEAL_OVERHEAD (24 + 16)

struct case_key {
	unsigned char k[CASE_KEY_BYTES];
	char id[CASE_KEY_ID_CHARS + 1];
};

/* Creates a new key file at path (mode 0600, never overwriting). */
enum gemis_err case_key_generate(const char *path, struct errctx *e);
/* Loads the key file; GEMIS_EPERM when group or others may read it,
 * GEMIS_EFORMAT when it is not a key file, GEMIS_EIO when unreadable. */
enum gemis_err case_key_load(const char *path, struct case_key *k, struct errctx *e);
/* The key file named by opt, else $GEMIS_CASE_KEY_FILE; NULL when neither. */
const char *case_key_path(const char *opt);
void case_key_wipe(struct case_key *k);

/* Seals pt[0..n) for the field of the case; appends to out. */
enum gemis_err case_seal(const struct case_key *k, const char *code, const char *field,
			 const void *pt, size_t n, struct buf *out);
/* Opens a sealed field; the plain text (NUL-terminated) replaces out's
 * contents.  GEMIS_EFORMAT when it does not open (wrong key, wrong case or
 * field, tampered). */
enum gemis_err case_unseal(const struct case_key *k, const char *code, const char *field,
			   const void *ct, size_t n, struct buf *out, struct errctx *e);

#endif
