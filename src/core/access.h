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
#include "validate.h"

enum role {
	ROLE_ADMIN,
	ROLE_PROVINCE,
	ROLE_FOCAL,
	ROLE_REPORTER,
	ROLE_VIEWER,
	ROLE_CASEWORKER,
	ROLE_MINISTRY,    /* the ministry's staff, at the nation */
	ROLE_SUPERVISOR,  /* the Fatherland Front of a commune */
};
#define ROLE_COUNT 8

/* Who is acting: an account resolved against the tree in force. */
struct principal {
	long long user_id;  /* 0 for the command line acting as nobody in particular */
	char name[65];      /* an account name has at most 64 bytes */
	enum role role;
	int unit;           /* tree index of the account's unit */
	int agency;         /* agency kind index (catalog.h), -1 when none */
};

const char *role_id(enum role r); /* "admin", ... */
/* The role for people, in the current language ("focal point"). */
const char *role_name(enum role r);
int role_parse(const char *s);    /* -1 if unknown */

/* True when the account's scope contains the unit (its unit or below). */
bool access_in_scope(const struct tree *t, const struct principal *p, int unit);

/* What an account may do to a unit (and, for forms, an agency of it).
 * The rules, all inside the account's scope (its unit and below):
 *   READ     every role: dashboards, indicators, progress, plans, forms
 *   ENTER    fill in and submit a commune's form: reporter (its own agency
 *            only), focal, admin
 *   APPROVE  approve, return or reopen a commune's form: focal, admin
 *   IMPORT   write values directly (CSV upload, POST /api/v1/values): admin,
 *            province, focal
 *   PLAN     change a unit's plan: admin, focal (its commune), province
 *            (its own province's plan, not its communes')
 *   USERS    manage accounts of the unit: admin, focal (its commune)
 *   SEND     write and send a unit's own report up the reporting chain:
 *            admin, focal (its commune), province (its province)
 *   RECEIVE  accept or return what a unit below sends up: admin, ministry
 *            (the provinces), province (its communes); nobody receives the
 *            report of its own unit
 *   APPRAISE appraise a commune's budget estimates (wf_estimate): its
 *            Economic Office or Finance Office (a reporter of agency
 *            "kinhte" or "taichinh": the office a commune has does it),
 *            focal, admin; whatever agency the estimate is of
 *   INSPECT  plan and record inspections of a commune and issue, reject
 *            and close their recommendations: admin, focal (its
 *            commune), province (its communes), supervisor (its commune);
 *            which inspecting body each may record for:
 *            access_inspection_body()
 * The ministry and the Fatherland Front's supervisor (at a commune) read;
 * the ministry also receives, the supervisor records the Front's
 * supervision (INSPECT, its own body only).
 * Forms (ENTER, APPROVE) exist only for communes, wards and special zones. */
enum action {
	ACT_READ,
	ACT_ENTER,
	ACT_APPROVE,
	ACT_IMPORT,
	ACT_PLAN,
	ACT_USERS,
	ACT_SEND,
	ACT_RECEIVE,
	ACT_APPRAISE,
	ACT_INSPECT,
	ACT_REVIEW_DRAFT,
};
#define ACT_COUNT 11

/* True when p may do a to the unit (agency: kind index for ENTER, else
 * ignored; -1 for "any agency of the unit", which a reporter may not). */
bool access_allows(const struct tree *t, const struct principal *p, enum action a, int unit,
		   int agency);

/* True when p may record (or change) an inspection of `unit` made by the
 * inspecting body `body` (core/oversight.h, enum insp_body): ACT_INSPECT
 * on the unit, and the body its own: the admin any, a focal point the
 * commune's and the Fatherland Front's (which often hands its plan to the
 * commune's officer), a province officer the province's, the Fatherland
 * Front's supervisor the Front's alone (its own supervision records). */
bool access_inspection_body(const struct tree *t, const struct principal *p, int unit, int body);

/* True when p may review (return or accept) the gender check of a draft
 * of `unit` written by agency kind `agency`: ACT_REVIEW_DRAFT on the
 * unit, and not the drafting agency's own reporter (the Culture and
 * Social Affairs Office's own drafts go to the focal point). */
bool access_draft_review(const struct tree *t, const struct principal *p, int unit, int agency);

/* Adds a problem to d for each row whose unit p may not write (ACT_IMPORT):
 * "line N: unit: you may not write values of CODE".  The unit codes are
 * public (the administrative tree), so naming them tells nothing. */
void access_check_rows(const struct tree *t, const struct principal *p,
		       const struct value_row *rows, size_t n, struct diags *d);

/* True when p may create (or change) an account of role r at unit: admin
 * anything, focal the reporter and viewer accounts of its commune.  The
 * accounts that can read the case register (caseworker) or its access log
 * (admin) are managed by admins alone: a focal point that could set a
 * caseworker's password could read every case (docs/cases.md). */
bool access_may_manage_account(const struct tree *t, const struct principal *p, enum role r,
			       int unit);

/* Why p may not add an indicator to the catalog for the province of code
 * scope (NULL: a national one), an N_() text; NULL when it may.  The
 * ministry and an administrator add national indicators and any
 * province's; a province account its own province's only; nobody else
 * changes the catalog (issue 17). */
const char *access_catalog_refusal(const struct tree *t, const struct principal *p, const char *scope);

/* As access_catalog_refusal(), worded for a form's or a body's field
 * named "scope" (the page and the API): *field "scope" when the scope is
 * not a province's code or not one the account may give (the field is
 * refused: 400), NULL when the account may not change the catalog at all
 * (403).  A province's account that gives no scope adds for its own
 * province: *scope is set to its code. */
const char *access_catalog_scope_refusal(const struct tree *t, const struct principal *p, const char **scope,
					 const char **field);

/* Why p may not retire ind or put it back, an N_() text; NULL when it
 * may.  The ministry and an administrator retire any indicator; a
 * province account the indicators of its own province only, not a
 * national one nor another province's.  ind NULL (an unknown id) is left
 * to the caller's lookup. */
const char *access_retire_refusal(const struct tree *t, const struct principal *p, const struct indicator *ind);

/* Checks that a role fits a unit and agency when an account is created:
 * admin and ministry at the nation, province at a province,
 * focal/reporter/caseworker/supervisor at a commune or ward, reporter with an agency, viewer anywhere.  Returns
 * NULL when it fits, else an English msgid explaining why not. */
const char *access_check_account(const struct tree *t, enum role r, int unit, int agency);

#endif
