/*
 * cases.h: the register of gender-based-violence cases (docs/cases.md).
 *
 * Every operation is done by a principal, checked against policy.h, and
 * written to the append-only access log (case_access_log) before its
 * result is returned: a read that cannot be logged does not happen.  A
 * refusal is logged too, and answered with the same message whether or
 * not the case exists.  Fields other than the counting codes are sealed
 * with the register key (casekey.h) before they reach the database.
 *
 * A case as given to case_add(), in JSON:
 *   {"detected": "2026-03-02",
 *    "source": "hotline" | "trusted_address" | "police" | "health_station"
 *              | "school" | "village",
 *    "survivor": {"sex": "F" | "M", "age_group": AGE},
 *    "type": "rape" | "sexual_assault" | "physical_assault" | "forced_marriage"
 *            | "denial_of_resources" | "psychological_abuse" | null,
 *    "context": "domestic" | "intimate_partner" | [...both] | null,
 *    "perpetrator": {"sex": "F" | "M", "age_group": AGE, "relation": REL,
 *                    "prosecuted": false} | null,
 *    "trafficking_return": false, "in_need": true,
 *    "consent_statistics": true, "notes": "free text"}
 * AGE: "0-11", "12-17", "18-24", "25-59", "60+", "unknown".  REL: spouse,
 * former_spouse, intimate_partner, parent, other_family, caregiver,
 * employer, teacher, neighbour, acquaintance, stranger, other, unknown.
 * type may be null only for a trafficking return; in_need (default true)
 * only matters for one; perpetrator and its prosecuted, context and notes
 * are optional.  Unknown keys are refused.  Error messages name the field
 * and never repeat what was written in it.
 */
#ifndef GEMIS_CASES_H
#define GEMIS_CASES_H

#include <stdbool.h>

#include "casekey.h"
#include "core/access.h"
#include "core/tree.h"
#include "policy.h"
#include "store/cases.h"
#include "store/db.h"
#include "util/buf.h"

#define CASE_CODE_CHARS 14 /* XXXX-XXXX-XXXX, Crockford base32, 60 random bits */
#define CASE_NOTE_MAX 16384
#define CASE_RETENTION_DEFAULT_DAYS 1825

struct case_session {
	struct db *db;
	const struct tree *t;
	const struct principal *who;
	const struct case_key *key; /* NULL for operations that read no field */
	const char *from;           /* the client's address, NULL for the command
				       line: password checks are throttled by it */
	long retry_after;           /* set with GEMIS_ELIMIT: seconds to wait */
};

enum case_event {
	CASE_EV_SERVICE,     /* a service received */
	CASE_EV_REFERRAL,    /* a referral to a service */
	CASE_EV_COUNSELLING, /* a perpetrator counselling session */
};

/* Services, in the order of enum: health_care, psychosocial, legal_aid,
 * police_protection, safe_house, economic_support. */
#define CASE_SERVICE_COUNT 6
const char *case_service_id(int s);
int case_service_parse(const char *s); /* -1 if unknown */

/* Writes a log row.  unit may be -1; code and detail may be NULL. */
enum gemis_err case_log(struct db *db, const struct tree *t, const struct principal *who, int unit,
			enum case_action a, const char *code, const char *detail, bool allowed,
			struct errctx *e);

/* Records a case of `unit` from its JSON; code receives the new case code. */
enum gemis_err case_add(struct case_session *s, int unit, const char *json, size_t len,
			char code[CASE_CODE_CHARS + 1], struct errctx *e);
/* Records a service, referral (service >= 0) or counselling session
 * (service -1) on date (YYYY-MM-DD) with an optional note. */
enum gemis_err case_add_event(struct case_session *s, const char *code, enum case_event kind,
			      int service, const char *date, const char *note, struct errctx *e);
/* Closes a case on date; the retention period runs from then. */
enum gemis_err case_close(struct case_session *s, const char *code, const char *date,
			  const char *note, struct errctx *e);
/* The whole case, decrypted, as JSON (the shape of case_add's input plus
 * code, unit, events and closure). */
enum gemis_err case_show(struct case_session *s, const char *code, struct buf *out,
			 struct errctx *e);
/* One case of a unit's list, borrowed for the call of case_list_each()'s
 * function. */
struct case_summary {
	const char *code, *detected, *survivor_sex;
	const char *type;      /* NULL when none was given (a trafficking return) */
	const char *closed_on; /* NULL while the case is open */
	long long services, referrals, counselling;
};
typedef enum gemis_err (*case_summary_fn)(void *ctx, const struct case_summary *c, struct errctx *e);
/* The cases of a unit, in order of code, each given to fn once the list is
 * allowed and logged; *count is their number.  The CLI prints them as a
 * table (cli/cmd_case.c). */
enum gemis_err case_list_each(struct case_session *s, int unit, case_summary_fn fn, void *ctx, size_t *count,
			      struct errctx *e);
/* The same as JSON: [{"code", "detected", "survivor_sex", "type",
 * "services", "referrals", "counselling", "closed_on"}, ...]. */
enum gemis_err case_list_json(struct case_session *s, int unit, struct buf *out, struct errctx *e);
/* The cases of a unit as CSV without the free-text notes, for the account
 * whose password is given again.  GEMIS_EAUTH for a wrong password;
 * GEMIS_ELIMIT (s->retry_after set) when too many were wrong: the
 * password is checked through password_attempt() like a sign-in. */
enum gemis_err case_export(struct case_session *s, int unit, const char *password,
			   struct buf *out, size_t *ncases, struct errctx *e);

/* The access log, newest first, at most `limit` lines, each given to fn
 * (admin only; the reading is logged too). */
enum gemis_err case_log_each(struct db *db, const struct tree *t, const struct principal *who, size_t limit,
			     case_log_fn fn, void *ctx, struct errctx *e);
/* The same as a JSON array of {"id", "at", "user", "role", "unit",
 * "action", "case", "detail", "allowed"}. */
enum gemis_err case_log_json(struct db *db, const struct tree *t, const struct principal *who, size_t limit,
			     struct buf *out, struct errctx *e);
/* A log line's time, UTC: 2026-03-02T08:15:00Z. */
void case_log_when(long long at, char out[32]);

/* Erases the cases closed more than retention_days before today
 * (YYYY-MM-DD): their consenting counts are kept in case_counts, the rest
 * is deleted and overwritten (SQLite secure_delete, WAL truncated).
 * Admin only. */
enum gemis_err case_purge(struct db *db, const struct tree *t, const struct principal *who,
			  int retention_days, const char *today, size_t *purged, struct errctx *e);

/* The retention period in days (meta case_retention_days, else the default). */
enum gemis_err case_retention_days(struct db *db, int *days, struct errctx *e);

/* Today's date in Vietnam as YYYY-MM-DD. */
void case_today(char out[11]);
/* True for a real date written YYYY-MM-DD. */
bool case_date_valid(const char *s);

#endif
