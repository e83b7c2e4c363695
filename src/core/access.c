/*
 * access.c: roles and scopes.
 */
#include "access.h"

#include <string.h>

#include "catalog.h"
#include "oversight.h"
#include "util/i18n.h"

#include "util/banned.h"

static const char *const role_ids[ROLE_COUNT] = {
	"admin", "province", "focal", "reporter", "viewer", "caseworker", "ministry", "supervisor",
};

const char *role_id(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_ids[r] : "?";
}

const char *role_name(enum role r)
{
	static const char *const names[ROLE_COUNT] = {
		N_("administrator"), N_("province officer"), N_("focal point"),
		N_("reporter"), N_("viewer"), N_("caseworker"), N_("ministry officer"),
		N_("Fatherland Front supervisor"),
	};

	return (unsigned)r < ROLE_COUNT ? _(names[r]) : "?";
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
	case ROLE_MINISTRY:
		if (lv != LEVEL_NATION)
			return N_("a ministry account belongs to the nation (VN)");
		break;
	case ROLE_PROVINCE:
		if (lv != LEVEL_PROVINCE)
			return N_("a province account belongs to a province");
		break;
	case ROLE_FOCAL:
	case ROLE_REPORTER:
	case ROLE_CASEWORKER:
	case ROLE_SUPERVISOR:
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

static bool is_commune(const struct tree *t, int unit)
{
	enum unit_level lv = t->units[unit].level;

	return lv == LEVEL_COMMUNE || lv == LEVEL_WARD || lv == LEVEL_SPECIAL_ZONE;
}

bool access_allows(const struct tree *t, const struct principal *p, enum action a, int unit,
		   int agency)
{
	if (!access_in_scope(t, p, unit))
		return false;
	switch (a) {
	case ACT_READ:
		return true;
	case ACT_ENTER:
		if (!is_commune(t, unit))
			return false;
		if (p->role == ROLE_REPORTER)
			return agency >= 0 && agency == p->agency;
		return p->role == ROLE_FOCAL || p->role == ROLE_ADMIN;
	case ACT_APPROVE:
		return is_commune(t, unit) && (p->role == ROLE_FOCAL || p->role == ROLE_ADMIN);
	case ACT_IMPORT:
		return p->role == ROLE_ADMIN || p->role == ROLE_PROVINCE || p->role == ROLE_FOCAL;
	case ACT_PLAN:
		if (p->role == ROLE_PROVINCE)
			return unit == p->unit;
		return p->role == ROLE_ADMIN || p->role == ROLE_FOCAL;
	case ACT_USERS:
		return p->role == ROLE_ADMIN || p->role == ROLE_FOCAL;
	case ACT_SEND:
		if (p->role == ROLE_FOCAL)
			return unit == p->unit && is_commune(t, unit);
		if (p->role == ROLE_PROVINCE)
			return unit == p->unit;
		return p->role == ROLE_ADMIN;
	case ACT_RECEIVE:
		return unit != p->unit && (p->role == ROLE_ADMIN || p->role == ROLE_MINISTRY ||
					   p->role == ROLE_PROVINCE);
	case ACT_APPRAISE:
		if (!is_commune(t, unit))
			return false;
		if (p->role == ROLE_REPORTER)
			return p->agency >= 0 && (p->agency == agency_find("kinhte") || p->agency == agency_find("taichinh"));
		return p->role == ROLE_FOCAL || p->role == ROLE_ADMIN;
	case ACT_INSPECT:
		if (p->role == ROLE_SUPERVISOR)
			return unit == p->unit && is_commune(t, unit);
		return is_commune(t, unit) &&
		       (p->role == ROLE_ADMIN || p->role == ROLE_FOCAL || p->role == ROLE_PROVINCE);
	case ACT_REVIEW_DRAFT:
		if (!is_commune(t, unit))
			return false;
		if (p->role == ROLE_REPORTER)
			return p->agency >= 0 && p->agency == agency_find("vhxh");
		return p->role == ROLE_FOCAL || p->role == ROLE_ADMIN;
	}
	return false;
}

bool access_draft_review(const struct tree *t, const struct principal *p, int unit, int agency)
{
	if (!access_allows(t, p, ACT_REVIEW_DRAFT, unit, -1))
		return false;
	/* nobody reviews the check of the draft they wrote */
	return !(p->role == ROLE_REPORTER && p->agency == agency);
}

bool access_inspection_body(const struct tree *t, const struct principal *p, int unit, int body)
{
	if (!access_allows(t, p, ACT_INSPECT, unit, -1))
		return false;
	switch (p->role) {
	case ROLE_ADMIN:
		return body >= 0 && body < IB_COUNT;
	case ROLE_FOCAL:
		return body == IB_COMMUNE || body == IB_FRONT;
	case ROLE_PROVINCE:
		return body == IB_PROVINCE;
	case ROLE_SUPERVISOR:
		/* the Front changes its own supervision records only */
		return body == IB_FRONT;
	default:
		return false;
	}
}

bool access_may_manage_account(const struct tree *t, const struct principal *p, enum role r,
			       int unit)
{
	if (!access_allows(t, p, ACT_USERS, unit, -1))
		return false;
	if (p->role == ROLE_ADMIN)
		return true;
	return p->role == ROLE_FOCAL && unit == p->unit &&
	       (r == ROLE_REPORTER || r == ROLE_VIEWER || r == ROLE_SUPERVISOR);
}

void access_check_rows(const struct tree *t, const struct principal *p,
		       const struct value_row *rows, size_t n, struct diags *d)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!access_allows(t, p, ACT_IMPORT, rows[i].unit, -1))
			diags_add(d, rows[i].line, "unit", _("you may not write values of %s"),
				  t->units[rows[i].unit].code);
	}
}

const char *access_catalog_refusal(const struct tree *t, const struct principal *p, const char *scope)
{
	int u = scope ? tree_find(t, scope) : -1;

	if (p->role != ROLE_ADMIN && p->role != ROLE_MINISTRY && p->role != ROLE_PROVINCE)
		return N_("only the ministry, an administrator or a province for its own changes the catalog");
	if (scope && u < 0)
		return N_("--scope: not a unit code (see `gemis units`)");
	if (scope && t->units[u].level != LEVEL_PROVINCE)
		return N_("--scope: not a province: an indicator belongs to the nation or to one province");
	if (p->role != ROLE_PROVINCE)
		return NULL;
	if (!scope)
		return N_("a province adds only its own indicators: give --scope with its code");
	if (u != p->unit)
		return N_("a province adds indicators for itself only, not for another province");
	return NULL;
}

static bool may_change_catalog(const struct principal *p)
{
	return p->role == ROLE_ADMIN || p->role == ROLE_MINISTRY || p->role == ROLE_PROVINCE;
}

const char *access_catalog_scope_refusal(const struct tree *t, const struct principal *p, const char **scope,
					 const char **field)
{
	int u;

	*field = "scope";
	if (!may_change_catalog(p)) {
		*field = NULL;
		return N_("only the ministry, an administrator or a province for its own changes the catalog");
	}
	if (!*scope && p->role == ROLE_PROVINCE && p->unit >= 0 && (size_t)p->unit < t->n)
		*scope = t->units[p->unit].code;
	u = *scope ? tree_find(t, *scope) : -1;
	if (*scope && u < 0)
		return N_("not a unit code");
	if (*scope && t->units[u].level != LEVEL_PROVINCE)
		return N_("not a province: an indicator belongs to the nation or to one province");
	if (p->role == ROLE_PROVINCE && u != p->unit)
		return N_("a province adds indicators for itself only, not for another province");
	*field = NULL;
	return NULL;
}

const char *access_retire_refusal(const struct tree *t, const struct principal *p, const struct indicator *ind)
{
	if (!may_change_catalog(p))
		return N_("only the ministry, an administrator or a province for its own changes the catalog");
	if (p->role != ROLE_PROVINCE || !ind)
		return NULL;
	if (!ind->scope)
		return N_("a province retires only its own indicators, not a national one");
	if (tree_find(t, ind->scope) != p->unit)
		return N_("a province retires only its own indicators, not another province's");
	return NULL;
}
