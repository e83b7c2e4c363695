/*
 * adhoc_answer.h: answering an ad hoc request (core/adhoc.h,
 * store/adhoc_requests.h): the figures of the indicators asked for, taken
 * from the data at the moment of answering, and the submission; the JSON
 * of requests and answers shared by the API and `gemis adhoc --json`.
 */
#ifndef GEMIS_ADHOC_ANSWER_H
#define GEMIS_ADHOC_ANSWER_H

#include "store/adhoc_requests.h"
#include "store/snapshot.h"

/* The figures of the indicators r asks for, of unit, as they stand, as
 * JSON (caller frees *json): {"unit", "year", "indicators": [{"indicator",
 * "value", "female", "male", "target", "status", "data_year"}...]} in the
 * request's order, as the yearly report of `year` (the year of the answer)
 * gives them; an indicator it does not carry has a null value.  *json
 * NULL when r asks for no indicator. */
enum gemis_err adhoc_figures(struct db *db, const struct snapshot *s, const struct adhoc_request *r, int unit,
			     int year, char **json, struct errctx *e);

/* Saves (submit false) or submits the answer of unit to r as who: the
 * text, an optional file, and on submission the figures as they stand.
 * Who may is asked before anything is computed.  Errors as
 * adhoc_answer_act(). */
enum gemis_err adhoc_answer_send(struct db *db, const struct snapshot *s, const struct principal *who,
				 const struct adhoc_request *r, int unit, bool submit, long long version,
				 const char *answer, const char *filename, const void *data, size_t len, long long now,
				 struct errctx *e);

/* A request as JSON: {"id", "unit", "name", "title", "question",
 * "indicators": [ids], "due", "created_by", "created_at"}, and when
 * answers is not NULL "counts": {"asked", "sent", "accepted", "late",
 * "overdue"} and "answers": [adhoc_answer_json...] (without history). */
struct json_t;
struct json_t *adhoc_request_json(const struct tree *t, const struct adhoc_request *r,
				  const struct adhoc_answer *answers, size_t n, long long now);

/* An answer: {"request", "unit", "name", "state", "version", "timing"
 * (core/adhoc.h's id), "answer", "figures" (as submitted) or null,
 * "file": {"step", "name"} or null, "comment", "submitted_at",
 * "first_submitted_at", "submitted_by", "steps": [...]}. */
struct json_t *adhoc_answer_json(const struct tree *t, const struct adhoc_request *r, const struct adhoc_answer *a,
				 long long now);

/* The demonstration's request (gemis demo): Lai Châu asks its communes
 * about domestic violence, due in 30 days; three communes answered, one
 * answer accepted, one returned with a comment, one waiting. */
enum gemis_err adhoc_demo(struct db *db, const struct snapshot *s, long long now, struct errctx *e);

#endif
