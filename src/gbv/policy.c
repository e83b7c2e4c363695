/*
 * policy.c: the register's permission table.
 */
#include "policy.h"

#include "util/banned.h"

enum who {
	OWN_CASEWORKER, /* a case worker of the unit itself */
	IN_SCOPE,       /* any account whose scope holds the unit */
	ADMIN_ONLY,
};

static const struct {
	const char *id;
	enum who who;
} rules[CASE_ACTION_COUNT] = {
	[CASE_ADD] = {"add", OWN_CASEWORKER},
	[CASE_READ] = {"read", OWN_CASEWORKER},
	[CASE_LIST] = {"list", OWN_CASEWORKER},
	[CASE_UPDATE] = {"update", OWN_CASEWORKER},
	[CASE_EXPORT] = {"export", OWN_CASEWORKER},
	[CASE_COUNTS] = {"counts", IN_SCOPE},
	[CASE_LOG] = {"log", ADMIN_ONLY},
	[CASE_PURGE] = {"purge", ADMIN_ONLY},
	[CASE_ACCOUNT] = {"account", ADMIN_ONLY},
};

const char *case_action_id(enum case_action a)
{
	return (unsigned)a < CASE_ACTION_COUNT ? rules[a].id : "?";
}

bool case_exact_counts(const struct principal *p, int unit)
{
	return p && p->role == ROLE_CASEWORKER && p->unit >= 0 && p->unit == unit;
}

bool case_may(const struct tree *t, const struct principal *p, enum case_action a, int unit)
{
	if (!p || (unsigned)a >= CASE_ACTION_COUNT)
		return false;
	switch (rules[a].who) {
	case OWN_CASEWORKER:
		return case_exact_counts(p, unit);
	case IN_SCOPE:
		return access_in_scope(t, p, unit);
	case ADMIN_ONLY:
		return p->role == ROLE_ADMIN;
	}
	return false;
}
