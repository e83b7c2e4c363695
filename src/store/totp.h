/*
 * totp.h: an account's authenticator and recovery codes (tables of
 * sql/0105_totp.sql; the codes themselves are util/totp.h's).
 *
 * Enrolment keeps a new secret unconfirmed (totp_begin); the first right
 * code confirms it and makes the recovery codes (totp_confirm); from then
 * on signing in asks for a code (sessions.h, signin_attempt()).  A code
 * is good once: the step it was used for is remembered, and a later code
 * must be of a later step.
 */
#ifndef GEMIS_STORE_TOTP_H
#define GEMIS_STORE_TOTP_H

#include <stdbool.h>

#include "db.h"
#include "util/totp.h"

#define RECOVERY_CODES 10
#define RECOVERY_CODE_CHARS 11 /* "xxxxx-xxxxx" */

struct totp_rec {
	bool present;   /* an enrolment was started */
	bool confirmed; /* ... and confirmed: sign-in asks for a code */
	unsigned char secret[TOTP_SECRET_BYTES];
	long long created_at, confirmed_at, last_step;
	int recovery_left;
};

/* Reads the account's authenticator (present false when none). */
enum gemis_err totp_get(struct db *db, long long user_id, struct totp_rec *out, struct errctx *e);

/* Starts (or starts again) an enrolment with a new random secret, which
 * replaces any unconfirmed one; refused (GEMIS_ECONFLICT) when one is
 * confirmed. */
enum gemis_err totp_begin(struct db *db, long long user_id, long long now, struct totp_rec *out,
			  struct errctx *e);

/* Confirms the enrolment with a first code: *ok false for a wrong one.
 * When right, makes RECOVERY_CODES new recovery codes into codes (each
 * RECOVERY_CODE_CHARS + NUL), shown once and kept only as hashes. */
enum gemis_err totp_confirm(struct db *db, long long user_id, const char *code, long long now, bool *ok,
			    char codes[RECOVERY_CODES][RECOVERY_CODE_CHARS + 1], struct errctx *e);

/* Checks a code at sign-in: a code of the authenticator not used before,
 * or an unused recovery code (then used up).  *ok false otherwise. */
enum gemis_err totp_verify(struct db *db, long long user_id, const char *code, long long now, bool *ok,
			   struct errctx *e);

/* Removes the account's authenticator and recovery codes; inside a
 * transaction (gbv/accounts.h, case_account_two_step_off()), so that both
 * go or neither. */
enum gemis_err totp_remove(struct db *db, long long user_id, struct errctx *e);

#endif
