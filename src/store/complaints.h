/*
 * complaints.h: a commune's register of citizens' feedback, petitions,
 * complaints and denunciations about gender equality (tables
 * complaint_limits and complaints of sql/0810_complaints.sql; the rules
 * and who may do what are core/complaints.h's).
 *
 * The person who brought a matter, the contact, its text and its answer
 * are sealed here, before they are written, with the register key
 * (util/seal.h: the key file of the case register, whose id the database
 * keeps), and opened only for a handler (cmp_may(CA_HANDLE)).  Every
 * opening, and every refusal to open, answer or refer, is written to the
 * register's access log (case_access_log, actions "complaint_..."), as the
 * case register does; the log holds the matter's code, never its content.
 * A matter about gender-based violence is referred to the case register
 * by the case's code (case_code): nothing is copied.
 */
#ifndef GEMIS_STORE_COMPLAINTS_H
#define GEMIS_STORE_COMPLAINTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/access.h"
#include "core/catalog.h"
#include "core/complaints.h"
#include "core/tree.h"
#include "db.h"
#include "util/arena.h"
#include "util/seal.h"

#define CMP_CODE_MAX 40 /* "03390-2026-0001" */

/* Who acts, on what: one per request or command. */
struct cmp_session {
	struct db *db;
	const struct tree *t;
	const struct principal *who;
	const struct seal_key *key; /* NULL: nothing is sealed or opened */
	struct date today;
	long long now;
};

struct complaint {
	long long id;
	char code[CMP_CODE_MAX + 1];
	int unit;
	struct date received, due, answered_on; /* answered_on {0}: none */
	int channel, kind, field, agency, status;
	bool complex;
	const char *case_code; /* NULL: not referred */
	long long version;
	const char *updated_by;
	long long updated_at;
	/* opened for a handler by complaint_get(), else NULL */
	bool opened;
	const char *name, *contact, *text, *answer;
};

/* The limits of the table by kind; have[k] false for a kind it lacks. */
enum gemis_err complaint_limits_load(struct db *db, struct cmp_limit out[CK_COUNT], bool have[CK_COUNT],
				     struct errctx *e);

/* Records a new matter of commune `unit`; code gets its code.  Errors:
 * GEMIS_EPERM (logged), GEMIS_EAUTH (no key, or not the register's),
 * GEMIS_EINVAL with each problem in d naming its field (a kind without a
 * time limit in complaint_limits: "kind"). */
enum gemis_err complaint_add(const struct cmp_session *s, int unit, const struct cmp_fields *f,
			     char code[CMP_CODE_MAX + 1], struct diags *d, struct errctx *e);

/* The matters of unit's subtree received in `year` (0: every year),
 * newest first, without the sealed fields, in mem.  GEMIS_EPERM when the
 * unit is outside the account's scope; s->who NULL: no account's (the
 * dashboard's due list, the yearly report, which check their reader). */
enum gemis_err complaints_list(const struct cmp_session *s, int unit, int year, struct arena *mem,
			       struct complaint **out, size_t *n, struct errctx *e);

/* The matter of a code, in mem.  open: also its sealed fields, for a
 * handler only; a refusal (GEMIS_EPERM) is logged and answered the same
 * whether or not the matter exists.  Without open, anyone whose scope
 * holds its commune; GEMIS_ENOTFOUND otherwise. */
enum gemis_err complaint_get(const struct cmp_session *s, const char *code, bool open, struct arena *mem,
			     struct complaint *out, struct errctx *e);

/* Moves a matter seen at `version` on: status handling (answer NULL),
 * answered (on the day `on`, with the answer's text) or withdrawn.
 * Errors: GEMIS_EPERM (logged), GEMIS_EINVAL in d by field,
 * GEMIS_ECONFLICT (a stale version, or the matter is closed). */
enum gemis_err complaint_answer(const struct cmp_session *s, const char *code, long long version, int status,
				struct date on, const char *answer, struct diags *d, struct errctx *e);

/* Refers a matter to the case register: case_code must be a case of the
 * matter's commune (checked in the register, nothing read from it).
 * Errors as complaint_answer(); GEMIS_EINVAL (e->where "case") when
 * there is no such case of the commune. */
enum gemis_err complaint_refer(const struct cmp_session *s, const char *code, long long version,
			       const char *case_code, struct errctx *e);

/* Erases the person, the contact, the text and the answer of every matter
 * closed (answered or withdrawn) more than retention_days before the
 * session's today, for good (nothing left readable in the database file);
 * what is left (code, kind, field, channel, dates, status) still counts in
 * the lists and the yearly report.  An admin's; anyone else is refused and
 * logged.  Each matter erased is a line of the access log; *erased is how
 * many. */
enum gemis_err complaints_erase_old(const struct cmp_session *s, int retention_days, size_t *erased,
				    struct errctx *e);

/* What a list of matters adds up to on `today`, for the yearly report,
 * the pages and the API. */
struct cmp_sum {
	long long by[GOAL_COUNT][CH_COUNT]; /* by field and channel */
	unsigned total, by_kind[CK_COUNT], open, overdue, answered, answered_late, withdrawn, referred;
};
void complaints_sum(const struct complaint *v, size_t n, struct date today, struct cmp_sum *s);
/* The sums of the matters of unit's subtree received in `year`, for a
 * report (its reader was checked by the caller). */
enum gemis_err complaints_count(struct db *db, const struct tree *t, int unit, int year, struct date today,
				struct cmp_sum *sum, struct errctx *e);

#endif
