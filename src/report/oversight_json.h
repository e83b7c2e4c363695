/*
 * oversight_json.h: inspections and their recommendations as JSON, one
 * shape for the API (api/api_inspections.c) and the command line's --json
 * (cli/cmd_inspection.c).
 */
#ifndef GEMIS_REPORT_OVERSIGHT_JSON_H
#define GEMIS_REPORT_OVERSIGHT_JSON_H

#include <jansson.h>

#include "store/inspections.h"

/* {"id", "unit", "year", "body", "agency", "subject", "from", "to",
 *  "held_on", "findings", "version", "recommendations": [{"id", "text",
 *  "agency", "due", "state", "overdue", "comment", "version", "steps"?}]}
 * judged on `today`; new reference. */
json_t *inspection_json(const struct tree *t, const struct inspection *x, struct date today);
/* {"planned", "held", "with_findings", "by_body": {...}, "recommendations",
 *  "closed", "open", "overdue", "communes", "communes_inspected"} */
json_t *insp_sum_json(const struct insp_sum *s);

#endif
