/*
 * password.h: what gemis accepts as a new password.
 *
 * At least PASSWORD_MIN characters (bytes of UTF-8: any characters are
 * accepted, long passphrases welcome) and at most PASSWORD_MAX, and not one
 * of the common passwords of the list shipped in the binary
 * (data/passwords/common.txt), compared without regard to ASCII case, nor
 * one that contains the account's name.
 * Applies wherever a password is set: `gemis user add/passwd`, the users
 * page, the password change.  Passwords already set are not judged again.
 */
#ifndef GEMIS_PASSWORD_H
#define GEMIS_PASSWORD_H

#include <stdbool.h>

#define PASSWORD_MIN 10
#define PASSWORD_MAX 256

/* Whether the password is on the shipped list of common passwords
 * (ASCII letters compared without case). */
bool password_is_common(const char *password);

/* Checks a new password for the account `name` (NULL when not known);
 * NULL when good, else an English msgid (translate with _()).  Besides the
 * rules above, a password that contains the account's name is refused:
 * it is the first thing tried. */
const char *password_problem(const char *password, const char *name);

#endif
