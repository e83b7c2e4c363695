/*
 * casekey.h: the key that seals the case register, and the sealing of a
 * case's fields.
 *
 * The key file and the cipher are util/seal.h's, shared with the other
 * register of personal data (a complaint's complainant,
 * store/complaints.h): the register's key is a seal key, and a case's
 * field is sealed in the domain "gemis-case-1" with the case code and the
 * field name as associated data, so that a ciphertext moved to another
 * case, another field or another register fails to open.
 */
#ifndef GEMIS_CASEKEY_H
#define GEMIS_CASEKEY_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/seal.h"

/* The case register's key is a seal key (the names are older than it). */
#define case_key seal_key
#define CASE_KEY_BYTES SEAL_KEY_BYTES
#define CASE_KEY_ID_CHARS SEAL_KEY_ID_CHARS
#define CASE_SEAL_OVERHEAD SEAL_OVERHEAD

/* The key file: util/seal.h's. */
#define case_key_generate seal_key_generate
#define case_key_load seal_key_load
#define case_key_path seal_key_path
#define case_key_wipe seal_key_wipe

/* Seals pt[0..n) for the field of the case; appends to out. */
enum gemis_err case_seal(const struct case_key *k, const char *code, const char *field,
			 const void *pt, size_t n, struct buf *out);
/* Opens a sealed field; the plain text (NUL-terminated) replaces out's
 * contents.  GEMIS_EFORMAT when it does not open (wrong key, wrong case or
 * field, tampered). */
enum gemis_err case_unseal(const struct case_key *k, const char *code, const char *field,
			   const void *ct, size_t n, struct buf *out, struct errctx *e);

#endif
