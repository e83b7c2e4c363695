/*
 * remind.h: the reminders of one day (docs/reminders.md).
 *
 * For each commune or ward with a plan in force, what its agencies owe
 * soon or late (report/duelist.h, the dashboard's computation): a form or
 * a task an agency leads, due in one of the configured days_before, or
 * late for a day, then every late_every days.  Each account of that agency
 * (role reporter) with an address gets one mail listing everything the
 * agency has late or due soon; each focal point of the commune gets one
 * daily digest of every agency's, when there is something to say.
 * Only the work of the year of the day counts (a report of last year
 * still missing is on the reporting page of that year, not in the mail).
 *
 * One mail per account and kind a day: mail_log (store/mail_log.h)
 * records each mail sent, so that running it again the same day sends
 * only what failed before.  One mail per person, never a list of
 * addresses, so that nobody learns another's address.
 */
#ifndef GEMIS_REMIND_H
#define GEMIS_REMIND_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "core/date.h"
#include "core/tree.h"
#include "store/db.h"
#include "util/buf.h"

struct remind_opts {
	const struct mail_config *cfg;
	struct date today;      /* the day, in Vietnam */
	long long now;          /* Unix seconds: forms are judged at it */
	int scope;              /* tree index: communes under it */
	/* hands one composed message for one recipient to the relay (or, for
	 * a dry run, prints it); `name` is the account's */
	enum gemis_err (*send)(void *ctx, const char *name, const char *address, const struct buf *msg,
			       struct errctx *e);
	void *send_ctx;
	bool dry_run;           /* record nothing in mail_log */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
};

struct remind_stats {
	unsigned units;         /* communes with a plan in force looked at */
	unsigned reminders;     /* agencies' reminders sent */
	unsigned digests;       /* focal points' digests sent */
	unsigned already;       /* not sent: one went to the account today */
	unsigned failed;        /* the relay refused (the first reason in e) */
};

/* Sends the day's reminders.  A mail the relay refuses is counted in
 * failed and the others still go; the error of the database (or of
 * memory) stops the run. */
enum gemis_err remind_run(struct db *db, const struct tree *t, const struct remind_opts *o,
			  struct remind_stats *st, struct errctx *e);

#endif
