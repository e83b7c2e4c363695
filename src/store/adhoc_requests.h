/*
 * adhoc_requests.h: ad hoc requests and their answers (tables
 * adhoc_requests, adhoc_answers and adhoc_answer_steps of
 * sql/0203_adhoc_requests.sql; the rules are core/adhoc.h).
 *
 * A request is written once, checked by adhoc_check_ask().  It asks every
 * unit directly below the asking one.  An answer takes the steps of
 * core/workflow.h's wf_report (submit, return with a comment, accept), who
 * may take them is core/access.h's SEND (the answering unit) and RECEIVE
 * (the asking unit above it); each step is checked, the state read and
 * changed in one transaction, and kept in the history.  A submission
 * carries the text, the figures as they stood (JSON, report/adhoc_answer.h
 * makes them) and an optional file (a PDF, DOCX, XLSX or picture, checked
 * by its bytes with formats/attachment.h).
 */
#ifndef GEMIS_ADHOC_REQUESTS_H
#define GEMIS_ADHOC_REQUESTS_H

#include <stdbool.h>

#include "chainreports.h"
#include "core/adhoc.h"
#include "db.h"
#include "util/arena.h"

struct adhoc_request {
	long long id;
	int unit;                /* the asking unit */
	const char *title;
	const char *question;    /* NULL for none */
	int ind[ADHOC_INDICATORS_MAX]; /* catalog indices */
	size_t nind;
	struct date due;
	const char *created_by;
	long long created_at;
};

struct adhoc_answer {
	long long request_id;
	int unit;                /* the answering unit */
	int state;               /* wf_report state; 0: not started */
	long long version;       /* steps taken */
	const char *answer;      /* the text, NULL for none */
	const char *figures;     /* JSON as submitted, NULL before */
	long long attachment_id; /* 0 for none */
	const char *filename;
	long long first_submitted_at, submitted_at; /* 0 for never */
	const char *submitted_by;
	const char *comment;     /* the last return's, NULL for none */
	struct chain_step *steps; /* oldest first (adhoc_answer_get only) */
	size_t nsteps;
};

/* Writes the request (checked by adhoc_check_ask against today), its id
 * into *id.  Errors as adhoc_check_ask(); nothing written on one. */
enum gemis_err adhoc_request_create(struct db *db, const struct tree *t, const struct principal *who,
				    const struct adhoc_ask *a, struct date today, long long now, long long *id,
				    struct errctx *e);

/* The request id, strings in mem; GEMIS_ENOTFOUND when there is none. */
enum gemis_err adhoc_request_get(struct db *db, const struct tree *t, long long id, struct arena *mem,
				 struct adhoc_request *out, struct errctx *e);

/* The requests unit sent (sent) or was asked (!sent: those of its
 * parent), newest first, at most `limit`; *out in mem. */
enum gemis_err adhoc_requests_list(struct db *db, const struct tree *t, int unit, bool sent, size_t limit,
				   struct arena *mem, struct adhoc_request **out, size_t *n, struct errctx *e);

/* True when the request asks unit (a unit directly below the asking one). */
bool adhoc_asks(const struct tree *t, const struct adhoc_request *r, int unit);

/* The answer of unit to the request, with its history; state 0 when it
 * has none yet. */
enum gemis_err adhoc_answer_get(struct db *db, const struct tree *t, const struct adhoc_request *r, int unit,
				struct arena *mem, struct adhoc_answer *out, struct errctx *e);

/* The answers of every unit asked, tree order, without history. */
enum gemis_err adhoc_answers_list(struct db *db, const struct tree *t, const struct adhoc_request *r,
				  struct arena *mem, struct adhoc_answer **out, size_t *n, struct errctx *e);

/* A step to take on an answer. */
struct adhoc_step_in {
	int action;             /* wf_report action index */
	long long version;      /* as the person saw it */
	const char *comment;    /* required to return */
	/* save and submit */
	const char *answer;     /* the text */
	const char *figures;    /* submit: JSON */
	const char *filename;   /* an optional file */
	const void *data;
	size_t len;
};

/* Takes a step on the answer of unit to the request, by who.  Errors:
 *   GEMIS_EPERM      who may not (wf_report's message);
 *   GEMIS_EINVAL     "request": the request does not ask unit; "answer":
 *                    too long, or a submission with neither text nor
 *                    figures; "comment"; "file": not a kind kept;
 *   GEMIS_ECONFLICT  the step does not apply now, or a stale version.
 * Nothing is written unless everything holds. */
enum gemis_err adhoc_answer_act(struct db *db, const struct tree *t, const struct principal *who,
				const struct adhoc_request *r, int unit, const struct adhoc_step_in *in, long long now,
				struct errctx *e);

/* The attachment a step of unit's answer to request sent: GEMIS_ENOTFOUND
 * when it is not one of them or sent none. */
enum gemis_err adhoc_step_file(struct db *db, const struct tree *t, long long request, int unit, long long step,
			       long long *att, char *name, size_t nname, struct errctx *e);

/* Counts of the answers to a request at now: asked, sent (waiting or
 * accepted), accepted, late (first sent after the due day) and overdue
 * (not sent, the due day over). */
struct adhoc_counts {
	unsigned asked, sent, accepted, late, overdue;
};
void adhoc_count(const struct adhoc_request *r, const struct adhoc_answer *a, size_t n, long long now,
		 struct adhoc_counts *out);

#endif
