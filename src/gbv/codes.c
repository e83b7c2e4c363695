/*
 * codes.c: the codes a case's fields may hold (docs/cases.md) and the
 * dates of the register: a day of a year the counts can hold, in Vietnam's
 * time (core/date.h).
 */
#include "cases_int.h"

#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/period.h"

#include "util/banned.h"

const char *const case_sources[6] = {"hotline", "trusted_address", "police", "health_station", "school",
				     "village"};
const char *const case_types[6] = {"rape",		  "sexual_assault",	 "physical_assault",
				   "forced_marriage", "denial_of_resources", "psychological_abuse"};
const char *const case_contexts[2] = {"domestic", "intimate_partner"};
const char *const case_ages[6] = {"0-11", "12-17", "18-24", "25-59", "60+", "unknown"};
const char *const case_relations[13] = {"spouse",	 "former_spouse", "intimate_partner", "parent",
				       "other_family", "caregiver",	"employer",	    "teacher",
				       "neighbour",	 "acquaintance",	"stranger",	    "other",
				       "unknown"};
const char *const case_services[CASE_SERVICE_COUNT] = {
	"health_care", "psychosocial", "legal_aid", "police_protection", "safe_house",
	"economic_support"};
const char *const case_event_kinds[3] = {"service", "referral", "counselling"};

int case_code_find(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++) {
		if (strcmp(list[i], s) == 0)
			return (int)i;
	}
	return -1;
}

const char *case_service_id(int s)
{
	return s >= 0 && s < CASE_SERVICE_COUNT ? case_services[s] : "?";
}

int case_service_parse(const char *s)
{
	return case_code_find(case_services, NELEM(case_services), s);
}

/* --- dates ------------------------------------------------------------------ */

bool case_date_parse(const char *s, struct date *d)
{
	return s && date_parse_iso(s, strlen(s), d) && d->y >= PERIOD_MIN_YEAR && d->y <= PERIOD_MAX_YEAR;
}

bool case_date_valid(const char *s)
{
	struct date d;

	return case_date_parse(s, &d);
}

long case_days_of(const char *s)
{
	struct date d;

	return case_date_parse(s, &d) ? (long)date_days(d) : -1;
}

void case_today(char out[11])
{
	date_format_iso(vn_date((long long)time(NULL)), out);
}

bool case_date_ok(const char *s)
{
	char today[11];

	case_today(today);
	return case_date_valid(s) && strcmp(s, today) <= 0;
}

void case_log_when(long long at, char out[32])
{
	time_t t = (time_t)at;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
