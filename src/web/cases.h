/*
 * cases.h: the web pages of the case register (docs/cases.md): the list of
 * a commune's cases with a form for a new one, a case with its services and
 * closure, the counts, the export and the access log.  Every page goes
 * through src/gbv/, which checks the account, logs the access and seals or
 * opens the fields.  The key is read once from $GEMIS_CASE_KEY_FILE when
 * the first page needs it.
 */
#ifndef GEMIS_WEB_CASES_H
#define GEMIS_WEB_CASES_H

#include "http/http.h"

extern const struct route case_routes[];

#endif
