/*
 * cases_int.h: what the files of the case register share, and nothing
 * outside src/gbv/ may use.
 *
 *	codes.c       the codes a case's fields may hold, the register's dates
 *	sealed.c      the register's key; fields sealed and opened
 *	case_json.c   a case read from JSON; a case, a list's line and a log
 *	              line written as JSON
 *	cases.c       the register's operations: access check and log, adding,
 *	              steps, reading, listing, retention and erasure
 *	export.c      the export of a unit's cases as CSV
 * Each calls only those above it.
 */
#ifndef GEMIS_CASES_INT_H
#define GEMIS_CASES_INT_H

#include <jansson.h>
#include <stdbool.h>

#include "cases.h"
#include "core/date.h"
#include "store/cases.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* --- codes.c ---------------------------------------------------------------- */

extern const char *const case_sources[6];
extern const char *const case_types[6];
extern const char *const case_contexts[2];
extern const char *const case_ages[6];
extern const char *const case_relations[13];
extern const char *const case_services[CASE_SERVICE_COUNT];
extern const char *const case_event_kinds[3]; /* in the order of enum case_event */

/* The index of s in list[0..n), -1 when it is not there (or s is NULL). */
int case_code_find(const char *const *list, size_t n, const char *s);
/* A date of the register: a day (core/date.h) of a year the counts can
 * hold as a period. */
bool case_date_parse(const char *s, struct date *d);
/* Days since 1970-01-01, -1 when s is no date of the register. */
long case_days_of(const char *s);
/* A date of the register (case_date_valid()) and not after today. */
bool case_date_ok(const char *s);

/* A bad input, named by its field. */
static inline enum gemis_err case_bad(struct errctx *e, const char *field, const char *msg)
{
	return err_set_at(e, GEMIS_EINVAL, field, "%s", msg);
}

/* --- sealed.c ---------------------------------------------------------------- */

/* The session's key is the register's (the first key used becomes it). */
enum gemis_err case_check_key(struct case_session *s, struct errctx *e);

/* The sealed fields of a row being written, alive until released. */
struct case_sealed {
	struct buf b[12];
	size_t n;
};
void case_sealed_init(struct case_sealed *x);
void case_sealed_release(struct case_sealed *x);
/* Seals text into *out (text NULL: out stays a NULL). */
enum gemis_err case_seal_field(struct case_session *s, struct case_sealed *x, struct case_blob *out,
			       const char *code, const char *field, const char *text);
/* Opens a sealed field into out (*null when it was not given). */
enum gemis_err case_unseal_field(struct case_session *s, struct case_blob in, const char *code,
				 const char *field, struct buf *out, bool *null, struct errctx *e);

/* A case's sealed fields, opened, in the order of store/cases.h's ct[]:
 * detected, source, survivor_age, type, context, perpetrator_age,
 * perpetrator_relation, notes, closure.  Wiped when released. */
struct case_opened {
	struct buf f[CASE_SEALED];
	bool null[CASE_SEALED];
};
void case_opened_init(struct case_opened *o);
void case_opened_release(struct case_opened *o);
/* Opens the first `upto` sealed fields of a case. */
enum gemis_err case_open_row(struct case_session *s, const struct case_stored *c, struct case_opened *o,
			     size_t upto, struct errctx *e);

/* --- case_json.c -------------------------------------------------------------- */

/* A case as case_add() takes it, read from its JSON (cases.h). */
struct case_in {
	const char *detected, *source, *surv_sex, *surv_age, *type, *perp_sex, *perp_age,
		*perp_rel, *notes;
	char context[40];
	bool has_context, has_perp, prosecuted, trafficking, in_need, consent;
	int year;
};
enum gemis_err case_parse(json_t *root, struct case_in *c, struct errctx *e);

/* The case of a row, opened, as JSON up to "events": (case_show()); unit
 * is its tree index. */
enum gemis_err case_json_case(struct case_session *s, const struct case_stored *c, int unit,
			      struct buf *b, struct errctx *e);
/* The case's events as a JSON array. */
enum gemis_err case_json_events(struct case_session *s, long long id, const char *code, struct buf *b,
				struct errctx *e);

/* A line of a unit's list of cases, and of the access log, as JSON: the
 * first opens the array ("["); the caller closes it. */
enum gemis_err case_json_summary(struct buf *b, bool first, const struct case_summary *c);
enum gemis_err case_json_log_line(struct buf *b, bool first, const struct case_log_line *l);

/* --- cases.c ------------------------------------------------------------------ */

/* Logs a refusal and answers it the same way whether or not the case exists. */
enum gemis_err case_refuse(struct case_session *s, int unit, enum case_action a, const char *code,
			   const char *why, struct errctx *e);

/* What a function run on every case of a unit (case_each()) is given. */
typedef enum gemis_err (*case_fn)(struct case_session *s, const struct case_stored *c,
				  struct case_opened *o, void *ctx, struct errctx *e);
/* Runs fn on every case of the unit, in order of code, with its first
 * `upto` sealed fields opened; *count is the number of cases. */
enum gemis_err case_each(struct case_session *s, int unit, size_t upto, case_fn fn, void *ctx, size_t *count,
			 struct errctx *e);

#endif
