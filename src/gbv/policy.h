/*
 * policy.h: who may do what with the case register.  One table, so that
 * the command line, the web pages and the API agree.  Pure: no I/O.
 *
 *   add, read, list, update, export   case workers of the case's commune only
 *   counts                            anyone whose scope holds the unit;
 *                                     exact for the commune's own case
 *                                     workers, suppressed ("<5") for the rest
 *   log, purge                        admin
 *   account                           admin: the accounts that hold the
 *                                     register (gbv/accounts.h)
 */
#ifndef GEMIS_POLICY_H
#define GEMIS_POLICY_H

#include <stdbool.h>

#include "core/access.h"
#include "core/tree.h"

enum case_action {
	CASE_ADD,
	CASE_READ,
	CASE_LIST,
	CASE_UPDATE,
	CASE_EXPORT,
	CASE_COUNTS,
	CASE_LOG,
	CASE_PURGE,
	CASE_ACCOUNT,
};
#define CASE_ACTION_COUNT 9

const char *case_action_id(enum case_action a); /* "add", "read", ... */

/* True when p may do a on the register of `unit` (tree index; ignored for
 * log and purge). */
bool case_may(const struct tree *t, const struct principal *p, enum case_action a, int unit);

/* True when p sees the unit's counts without suppression (its own
 * commune's case workers). */
bool case_exact_counts(const struct principal *p, int unit);

#endif
