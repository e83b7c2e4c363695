/*
 * complaints.h: citizens' feedback, petitions, complaints and
 * denunciations about gender equality ("phản ánh, kiến nghị, khiếu nại,
 * tố cáo"), as rules.  Pure (no clock, no I/O): store/complaints.c keeps
 * them, the pages, the API and the command line check against these.
 *
 * A matter is received by a commune on a day, through a channel, is of a
 * kind and about a field of the strategy, and is handled by an agency of
 * the commune.  Its answer is due by a legal time limit that depends on
 * its kind: the limits are data (table complaint_limits, migration 0810,
 * docs/complaints.md says which law each comes from), read by the store
 * and applied here.  The person who brought it is personal data, sealed at
 * rest (util/seal.h) and named only to the matter's handlers:
 *
 *   handlers   the focal point of the matter's commune, and the reporters
 *              of the agency handling it in that commune
 *   receive    the same: the focal point for any agency, a reporter for
 *              its own agency
 *   list/count every role whose scope holds the commune, without the
 *              person, the contact or the text
 */
#ifndef GEMIS_COMPLAINTS_H
#define GEMIS_COMPLAINTS_H

#include <stdbool.h>

#include "access.h"
#include "date.h"
#include "tree.h"
#include "validate.h"

/* How it came in. */
enum cmp_channel {
	CH_IN_PERSON,
	CH_PHONE,
	CH_HOTLINE,
	CH_LETTER,
	CH_PORTAL,
	CH_MASS_ORG, /* through a mass organisation (Women's Union, Front...) */
};
#define CH_COUNT 6

/* What it is. */
enum cmp_kind {
	CK_FEEDBACK,     /* phản ánh */
	CK_PETITION,     /* kiến nghị */
	CK_COMPLAINT,    /* khiếu nại */
	CK_DENUNCIATION, /* tố cáo */
};
#define CK_COUNT 4

/* Where it stands. */
enum cmp_status {
	CS_RECEIVED,
	CS_HANDLING,
	CS_ANSWERED,
	CS_WITHDRAWN,
};
#define CS_COUNT 4

const char *cmp_channel_id(int c); /* "in_person", ... "?" when out of range */
const char *cmp_channel_name(int c);
int cmp_channel_parse(const char *s); /* -1 if unknown */
const char *cmp_kind_id(int k);
const char *cmp_kind_name(int k);
const char *cmp_kind_label(int k); /* capitalised, to start a line: "Feedback" */
int cmp_kind_parse(const char *s);
const char *cmp_status_id(int s);
const char *cmp_status_name(int s);
int cmp_status_parse(const char *s);

/* The legal time limit of a kind (a row of complaint_limits): days to
 * take it up after it is received, days to answer after that, and the
 * longest extension the law allows a complex matter.  Counted in calendar
 * days from the day received (docs/complaints.md). */
struct cmp_limit {
	int kind;
	int accept_days, answer_days, extend_days;
	char source[240];
};
#define CMP_LIMIT_MAX_DAYS 400

/* The day the answer is due: received + accept + answer (+ extension when
 * the matter is complex). */
struct date cmp_due(struct date received, const struct cmp_limit *l, bool complex);

/* Problems of a limit read from the table (days out of range). */
void cmp_limit_check(const struct cmp_limit *l, struct diags *d);

#define CMP_NAME_MAX 200
#define CMP_CONTACT_MAX 300
#define CMP_TEXT_MAX 8000
#define CMP_CASE_CODE_MAX 40

/* A matter as entered or changed. */
struct cmp_fields {
	struct date received;
	int channel;           /* enum cmp_channel, -1 when unknown */
	int kind;              /* enum cmp_kind, -1 when unknown */
	int field;             /* enum goal, -1 when unknown */
	int agency;            /* agency kind index, -1 when unknown */
	bool complex;          /* the limit's extension applies */
	const char *name;      /* the person (sealed); required */
	const char *contact;   /* may be NULL or "" (sealed) */
	const char *text;      /* what it says (sealed); required */
};

/* Problems of a new matter received on `today` at the latest: each names
 * its field (received, channel, kind, field, agency, name, contact,
 * text). */
void cmp_check(const struct cmp_fields *x, struct date today, struct diags *d);

/* Problems of an answer given on `on` to a matter received on `received`:
 * before it was received, after today, no text, too long. */
void cmp_answer_check(struct date received, struct date on, const char *answer, struct date today,
		      struct diags *d);

/* A case code the matter refers to (gbv's CASE codes are letters, digits
 * and '-'): well formed or not. */
bool cmp_case_code_ok(const char *s);

/* Open (received or handling) and past its due day on `today`; due within
 * `soon` days. */
bool cmp_open(int status);
bool cmp_overdue(int status, struct date due, struct date today);
bool cmp_due_soon(int status, struct date due, struct date today, int soon);

/* How long a closed matter keeps the person, the contact, the text and the
 * answer (days from the day it was answered or withdrawn) when nothing
 * else is set: five years, as the case register. */
#define CMP_RETENTION_DEFAULT_DAYS 1825
/* True when a matter closed (answered or withdrawn) on `closed` is past a
 * retention of `days` on `today`; an open matter never is. */
bool cmp_past_retention(int status, struct date closed, struct date today, int days);

enum cmp_action {
	CA_LIST,    /* the list and the counts, without the person */
	CA_RECEIVE, /* record a new matter for an agency */
	CA_HANDLE,  /* read the person, the text; answer, refer, change */
};

/* True when p may do a for a matter of the commune `unit` handled by
 * `agency` (agency kind index; for CA_LIST ignored). */
bool cmp_may(const struct tree *t, const struct principal *p, enum cmp_action a, int unit, int agency);

#endif
