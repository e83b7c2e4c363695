/*
 * chainperiod.h: the period a unit's yearly report covers and the day it
 * is due at the unit above, as the receiving unit sets them (the province
 * for its communes, the ministry for the provinces).  Pure: no I/O.
 *
 * Decree 09/2019/NĐ-CP (the regime of reports of state administrative
 * bodies), article 12: the figures of a yearly report run from 15
 * December of the previous year to 14 December of the year reported.
 * That is the default period.  The deadline has no default: a province
 * that sets none has "no date set", and no report to it is ever late.
 */
#ifndef GEMIS_CHAINPERIOD_H
#define GEMIS_CHAINPERIOD_H

#include <stdbool.h>

#include "date.h"
#include "util/err.h"

struct chain_period {
	int year;           /* the year reported */
	struct date from;   /* first day the figures cover */
	struct date to;     /* last day */
	bool has_due;       /* the receiving unit set a deadline */
	struct date due;    /* the last day to submit (until its end in Vietnam) */
	bool is_default;    /* Decree 09/2019's period, nothing set */
};

/* Decree 09/2019's period for `year`: 15/12/(year-1) to 14/12/year, no
 * deadline. */
void chain_period_default(int year, struct chain_period *out);

/* Checks a period someone sets: from not after to, at most 366 days, in
 * the year reported or the one before, and a deadline not before from.
 * GEMIS_EINVAL naming the field ("from", "to", "due"). */
enum gemis_err chain_period_check(const struct chain_period *p, struct errctx *e);

/* True when a report first submitted at `at` (Unix seconds) came after
 * the deadline, i.e. from the first second after the due day ends in
 * Vietnam.  Never late without a deadline.  The first submission counts: a
 * report returned and sent again is as timely as its first sending. */
bool chain_period_late(const struct chain_period *p, long long at);

#endif
