/*
 * mail_log.h: who receives reminders and what was sent (tables
 * mail_addresses and mail_log, sql/0600_mail.sql).
 */
#ifndef GEMIS_MAIL_LOG_H
#define GEMIS_MAIL_LOG_H

#include <stdbool.h>

#include "core/access.h"
#include "core/tree.h"
#include "db.h"

/* Sets the account's address, or removes it when email is NULL.  The
 * caller has checked it (formats/mail.h: mail_address_ok). */
enum gemis_err mail_address_set(struct db *db, long long user_id, const char *email, struct errctx *e);

/* The account's address into out (n bytes), "" when it has none. */
enum gemis_err mail_address_get(struct db *db, long long user_id, char *out, size_t n, struct errctx *e);

struct mail_recipient {
	long long user_id;
	char name[65];
	char email[255];
};

/* Calls fn for each active account of exactly `unit` (a tree index) with
 * that role, of that agency when agency is not NULL, that has an address;
 * in the order of their names. */
enum gemis_err mail_recipients(struct db *db, const struct tree *t, int unit, enum role role, const char *agency,
			       enum gemis_err (*fn)(void *ctx, const struct mail_recipient *r), void *ctx,
			       struct errctx *e);

enum mail_kind {
	MAIL_REMIND, /* an agency's reminder */
	MAIL_DIGEST, /* the focal point's daily digest */
};

/* Whether a mail of that kind went to the account on that day (YYYY-MM-DD). */
enum gemis_err mail_log_sent(struct db *db, const char *day, long long user_id, enum mail_kind kind, bool *sent,
			     struct errctx *e);
/* Records one that was sent, with how many items it listed. */
enum gemis_err mail_log_add(struct db *db, const char *day, long long user_id, enum mail_kind kind, long long at,
			    int items, struct errctx *e);

#endif
