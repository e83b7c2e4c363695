/*
 * drafts_json.h: drafts and their gender checks (store/drafts.h) as JSON:
 * the one shape of the API (GET /api/v1/drafts...) and of
 * `gemis draft list --json`.
 */
#ifndef GEMIS_REPORT_DRAFTS_JSON_H
#define GEMIS_REPORT_DRAFTS_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "store/drafts.h"

/* A draft: its fields, state, review and issue; its answers and steps
 * when it was read with them (draft_get).  New reference. */
json_t *draft_json(const struct tree *t, const struct draft *x);
/* The sums of a year. */
json_t *draft_sum_json(const struct draft_sum *s);
/* A version of the checklist, in both languages. */
json_t *gc_checklist_json(const struct gc_checklist *c);

/* The answers of a JSON object {"ID": "text", ...} into *out (in mem;
 * the texts borrowed from o): a value that is not a string is a problem
 * "answers.ID" in d.  False when memory ran out. */
bool draft_answers_from_json(const json_t *o, struct arena *mem, struct draft_answer **out, size_t *n,
			     struct diags *d);

#endif
