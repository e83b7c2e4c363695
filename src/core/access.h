/*
 * access.h: roles and the administrative scope of an account.
 *
 * Every account is scoped to a unit: it sees that unit and everything below,
 * and nothing else.  What each role may do inside its scope is decided
 * here, in one place, so that the web pages, the API and the command line
 * agree.  Pure functions over the tree: no I/O.
 */
#ifndef GEMIS_ACCESS_H
#define GEMIS_ACCESS_H

#include <stdbool.h>

#include "tree.h"

enum role {
	ROLE_ADMIN,
	ROLE_PROVINCE,
	ROLE_FOCAL,
	ROLE_REPORTER,
	ROLE_VIEWER,
	ROLE_CASEWORKER,
};
#define ROLE_COUNT 6

/* Who is acting: an account resolved against the tree in force. */
struct principal {
	long long user_id;  /* 0 for the command line acting as nobody in particular */
	char name[65];      /* an account name has at most 64 bytes */
	enum role role;
	int unit;           /* tree index of the account's unit */
	int agency;         /* agency kind index (catalog.h), -1 when none */
};

const char *role_id(enum role r); /* "admin", ... */
int role_parse(const char *s);    /* -1 if unknown */

/* True when the account's scope contains the unit (its unit or below). */
bool access_in_scope(const struct tree *t, const struct principal *p, int unit);

/* Checks that a role fits a unit and agency when an account is created:
 * admin at the nation, province at a province, focal/reporter/caseworker at
 * a commune or ward, reporter with an agency, viewer anywhere.  Returns
 * NULL when it fits, else an English msgid explaining why not. */
const char *access_check_account(const struct tree *t, enum role r, int unit, int agency);

#endif
