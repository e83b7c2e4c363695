/*
 * submissions.h: the forms agencies fill in and the workflow that makes
 * their numbers official (tables submissions, submission_events of
 * sql/0002_accounts.sql and submission_values of sql/0100_web.sql).
 *
 * A form is what one agency of one commune reports for one year.  Every
 * agency the commune's plan in force gives duties owes one (the rule of
 * report/planview.h): the indicators the plan assigns to it, each with its
 * parts (numerator and denominator, or the value), by sex where the
 * indicator is reported by sex, for the year (or its four quarters, for
 * indicators counted per quarter), where it has some; and always the
 * results of its tasks and a short narrative, which a form must carry to
 * be submitted.  The workflow is wf_form of core/workflow.h (states, steps,
 * who may take each, what is locked): this file keeps a form's state,
 * values and history, and asks wf_form before every change.
 *
 * Until approval a form's values live in submission_values and are not
 * official; approval writes them through values_import() (checks, audit
 * trail, data version) in the same transaction.  While a form is approved
 * its values are locked (WF_LOCKED): values_import() refuses to change them,
 * whatever path they come by, until the form is reopened (form_locks.c).
 *
 * Every change passes the version the user saw: a change based on an old
 * version is refused (GEMIS_ECONFLICT, naming who changed it and when)
 * instead of overwriting a concurrent one.
 */
#ifndef GEMIS_SUBMISSIONS_H
#define GEMIS_SUBMISSIONS_H

#include <stdbool.h>

#include "core/access.h"
#include "core/tree.h"
#include "core/validate.h"
#include "core/workflow.h"
#include "db.h"
#include "util/buf.h"

/* enum sub_status and enum sub_action are wf_form's (core/workflow.h). */
const char *sub_status_id(enum sub_status s);   /* "none", "draft", ... */
int sub_status_parse(const char *s);            /* -1 if unknown */
const char *sub_status_name(enum sub_status s); /* for people, current language */
const char *sub_action_id(enum sub_action a);   /* "save", "submit", ... */
int sub_action_parse(const char *s);            /* -1 if unknown */

#define SUB_COMMENT_MAX 1000
/* The narrative of an agency's report: results of its tasks, in bytes. */
#define SUB_NARRATIVE_MAX 4000

struct submission {
	long long id;        /* 0 when the form was never saved */
	int unit;            /* tree index */
	int agency;          /* agency kind index */
	int year;
	enum sub_status status;
	long long version;   /* 0 when never saved */
	long long created_at, updated_at, submitted_at, decided_at; /* 0 when not */
	char updated_by[65], submitted_by[65], decided_by[65];
	char comment[SUB_COMMENT_MAX + 1]; /* the last return or reopen comment */
	char narrative[SUB_NARRATIVE_MAX + 1]; /* results of its tasks, "" when none yet */
};

/* One field of a form. */
struct form_field {
	int ind;         /* catalog index */
	int part;
	int sex;
	unsigned period; /* period_t: the year or one of its quarters */
};

struct form {
	int unit, agency, year;
	bool has_plan;          /* the unit has a plan in force */
	bool owes;              /* the plan gives the agency duties: it owes a report */
	int *inds;              /* assigned indicators, catalog order */
	size_t ninds;
	struct form_field *fields;
	size_t nfields;
	/* the plan's reporting deadline; day 0 when it sets none */
	int deadline_day, deadline_month, deadline_year; /* year 0: every year */
};

/* Builds the form of an agency of a commune for a year from the plan in
 * force, with the indicators of the form as saved too (a form keeps its
 * fields when another plan comes into force); an empty form when neither
 * gives any.  owes is set when the plan gives the agency duties (fields
 * or not) or a form of the year is on record. */
enum gemis_err form_build(struct db *db, const struct tree *t, int unit, int agency, int year,
			  struct form *f, struct errctx *e);
void form_release(struct form *f);
/* Index of the field, or -1. */
int form_field_find(const struct form *f, int ind, int part, int sex, unsigned period);

/* The agencies with a report of the year (kind indexes, caller frees
 * *out): those the unit's plan in force gives duties, and those with a
 * form of the year on record whatever the plan says now (a form belongs
 * to its period, not to the plan); and the plan's deadline as in struct
 * form. */
enum gemis_err forms_expected(struct db *db, const struct tree *t, int unit, int year, int **out,
			      size_t *n, struct form *deadline, struct errctx *e);

/* The form's state; status SUB_NONE and version 0 when never saved. */
enum gemis_err submissions_get(struct db *db, const struct tree *t, int unit, int agency, int year,
			       struct submission *out, struct errctx *e);

/* The form's values as last saved (rows with line 0); caller frees *rows. */
enum gemis_err submissions_values(struct db *db, const struct tree *t, long long id,
				  struct value_row **rows, size_t *n, struct errctx *e);

struct sub_request {
	int unit, agency, year;
	enum sub_action action;
	long long version;           /* the version the user saw; 0 for a new form */
	const struct value_row *rows; /* SAVE and SUBMIT: the filled fields; row.line
					 numbers the field for the problems */
	size_t n;
	const char *comment;         /* RETURN (required), APPROVE and REOPEN (optional) */
	/* SAVE and SUBMIT: the agency's explanation of each indicator of the
	 * form for the year ("no new case was detected"), by catalog index
	 * (catalog_n() entries, NULL entries left alone, "" removes one), or
	 * NULL; kept in value_comments, which reports quote. */
	const char *const *explain;
	/* SAVE and SUBMIT: the results of the agency's tasks and a short
	 * narrative (NULL leaves the saved one alone); SUBMIT needs one, given
	 * or saved before. */
	const char *narrative;
	/* The form of unit, agency and year as form_build() made it on the
	 * same connection for this request, or NULL: then submissions_act()
	 * builds it (a form is read from some five queries, and a save's
	 * handler has already read it to check the request). */
	const struct form *form;
	/* When the step happened (Unix time), or 0 for now: the demo dates
	 * its forms so that what it shows does not move with the clock. */
	long long at;
};

#define EXPLAIN_MAX 2000

/* The explanation of a unit's indicator for a year, or "" (arena). */
enum gemis_err value_comment_get(struct db *db, const struct tree *t, int unit, int year, int ind,
				 struct buf *out, struct errctx *e);

/* Calls fn for each explanation of the year, ordered by unit, indicator
 * and period; text is borrowed until fn returns.  An error from fn stops
 * the walk and is returned. */
enum gemis_err value_comments_each(struct db *db, const struct tree *t, int year,
				   enum gemis_err (*fn)(void *ctx, int unit, int ind, unsigned period,
							const char *text),
				   void *ctx, struct errctx *e);

/* Does one step of the workflow as `who` (see above).
 *   GEMIS_EPERM      who may not do it to this form;
 *   GEMIS_ECONFLICT  the form changed since rq->version, or the step does
 *                    not apply in the form's status (message in e);
 *   GEMIS_EINVAL     problems with the values in d (by row line and field),
 *                    or a missing comment (e->where "comment").
 * Nothing is written unless the result is GEMIS_OK; out then holds the
 * form's new state. */
enum gemis_err submissions_act(struct db *db, const struct tree *t, const struct principal *who,
			       const struct sub_request *rq, struct diags *d, struct submission *out,
			       struct errctx *e);

/* Calls fn for each saved form of `unit` and the units below it for the
 * year, ordered by unit code and agency. */
enum gemis_err submissions_list(struct db *db, const struct tree *t, int unit, int year,
				enum gemis_err (*fn)(void *ctx, const struct submission *s),
				void *ctx, struct errctx *e);

struct sub_event {
	char action[16];
	char by[65];
	long long at;
	char comment[SUB_COMMENT_MAX + 1];
};

/* Calls fn for each step of the form's history, oldest first. */
enum gemis_err submissions_events(struct db *db, long long id,
				  enum gemis_err (*fn)(void *ctx, const struct sub_event *ev),
				  void *ctx, struct errctx *e);

/* Adds a problem to d for each row that would change a value of an
 * approved form (values_import() calls it inside its transaction;
 * form_locks.c). */
enum gemis_err submissions_check_locked(struct db *db, const struct tree *t,
					const struct value_row *rows, size_t n, struct diags *d,
					struct errctx *e);

/* The same check for a batch read in pieces (values_stream.c): the values
 * of the approved forms are read once, then each piece is checked. */
struct locked;
struct form_locks {
	struct locked *v;
	size_t n;
};
enum gemis_err form_locks_load(struct db *db, const struct tree *t, struct form_locks *l, struct errctx *e);
void form_locks_check(const struct form_locks *l, const struct tree *t, const struct value_row *rows, size_t n,
		      struct diags *d);
void form_locks_release(struct form_locks *l);

#endif
