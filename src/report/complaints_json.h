/*
 * complaints_json.h: a complaint, a list's summary and the time limits as
 * JSON, one shape for the API (data/api/openapi.json, Complaint) and
 * `gemis complaint ... --json`.  The person, the contact, the text and
 * the answer appear only when the matter was opened for a handler
 * (store/complaints.h); a list never carries them.
 */
#ifndef GEMIS_COMPLAINTS_JSON_H
#define GEMIS_COMPLAINTS_JSON_H

#include <jansson.h>

#include "store/complaints.h"

json_t *complaint_json(const struct tree *t, const struct complaint *c, struct date today);
json_t *complaint_sum_json(const struct cmp_sum *s);
json_t *complaint_limits_json(const struct cmp_limit l[CK_COUNT], const bool have[CK_COUNT]);

#endif
