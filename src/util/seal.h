/*
 * seal.h: personal data sealed at rest, for every register that keeps it
 * (the case register's fields, gbv/casekey.h; a complaint's complainant,
 * store/complaints.h).  One key file, one cipher, one stored form.
 *
 * The key is 32 random bytes in a file outside the database, readable only
 * by the account that runs gemis: seal_key_generate() creates it with mode
 * 0600 and refuses to overwrite; loading refuses a file that its group or
 * others may read or write.  The file holds one line, "gemis-case-key-1 "
 * and 64 hex digits (the name is the case register's, which had it
 * first).  A register keeps only the key's id (a keyed BLAKE2b
 * fingerprint), so that a wrong key is refused with a clear message
 * instead of failing on every field.
 *
 * Each field is sealed with XChaCha20-Poly1305 (IETF), a fresh random
 * 24-byte nonce, and associated data: the register's domain (e.g.
 * "gemis-case-1"), the record's code and the field's name.  A ciphertext
 * moved to another register, record or field fails to open.  Stored form:
 * nonce || ciphertext || tag.
 */
#ifndef GEMIS_SEAL_H
#define GEMIS_SEAL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

#define SEAL_KEY_BYTES 32
#define SEAL_KEY_ID_CHARS 16
#define SEAL_OVERHEAD (24 + 16)

struct seal_key {
	unsigned char k[SEAL_KEY_BYTES];
	char id[SEAL_KEY_ID_CHARS + 1];
};

/* Creates a new key file at path (mode 0600, never overwriting). */
enum gemis_err seal_key_generate(const char *path, struct errctx *e);
/* Loads the key file; GEMIS_EPERM when group or others may read it,
 * GEMIS_EFORMAT when it is not a key file, GEMIS_EIO when unreadable. */
enum gemis_err seal_key_load(const char *path, struct seal_key *k, struct errctx *e);
/* The key file named by opt, else $GEMIS_CASE_KEY_FILE; NULL when neither. */
const char *seal_key_path(const char *opt);
void seal_key_wipe(struct seal_key *k);

/* Seals pt[0..n) as field `field` of record `code` of register `domain`;
 * appends nonce || ciphertext || tag to out (nothing on failure). */
enum gemis_err seal_field(const struct seal_key *k, const char *domain, const char *code,
			  const char *field, const void *pt, size_t n, struct buf *out);
/* Opens a sealed field; the plain text (NUL-terminated) replaces out's
 * contents.  False (out emptied) when it does not open: too short, a
 * wrong key, another register, record or field, or tampered. */
bool seal_open(const struct seal_key *k, const char *domain, const char *code, const char *field,
	       const void *ct, size_t n, struct buf *out);
/* Overwrites out's bytes with zeros (a buffer that held opened text). */
void seal_wipe_buf(struct buf *out);

#endif
