/*
 * access.c: roles and scopes.
 */
#include "access.h"

#include <string.h>

#include "catalog.h"
#include "util/i18n.h"

#include "util/banned.h"

static const char *const role_ids[ROLE_COUNT] = {
	"admin", "province", "focal", "reporter", "viewer", "caseworker",
};

const char *role_id(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_ids[r] : "?";
}

int role_parse(const char *s)
{
	int i;

	for (i = 0; s && i < ROLE_COUNT; i++) {
		if (strcmp(role_ids[i], s) == 0)
			return i;
	}
	return -1;
}

bool access_in_scope(const struct tree *t, const struct principal *p, int unit)
{
	if (!p || unit < 0 || (size_t)unit >= t->n || p->unit < 0)
		return false;
	return tree_contains(t, p->unit, unit);
}

const char *access_check_account(const struct tree *t, enum role r, int unit, int agency)
{
	enum unit_level lv;

	if (unit < 0 || (size_t)unit >= t->n)
		return N_("unknown unit");
	lv = t->units[unit].level;
	switch (r) {
	case ROLE_ADMIN:
		if (lv != LEVEL_NATION)
			return N_("an admin account belongs to the nation (VN)");
		break;
	case ROLE_PROVINCE:
		if (lv != LEVEL_PROVINCE)
			return N_("a province account belongs to a province");
		break;
	case ROLE_FOCAL:
	case ROLE_REPORTER:
	case ROLE_CASEWORKER:
		if (lv != LEVEL_COMMUNE && lv != LEVEL_WARD && lv != LEVEL_SPECIAL_ZONE)
			return N_("this role belongs to a commune or ward");
		break;
	case ROLE_VIEWER:
		break;
	}
	if (r == ROLE_REPORTER && agency < 0)
		return N_("a reporter account needs its agency (--agency)");
	if (r != ROLE_REPORTER && r != ROLE_CASEWORKER && agency >= 0)
		return N_("only reporter and caseworker accounts have an agency");
	return NULL;
}
