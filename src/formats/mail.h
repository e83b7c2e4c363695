/*
 * mail.h: an e-mail message as RFC 5322 and RFC 2045 write it, for the
 * reminders gemis sends (mail/remind.h).  Pure: no clock, no network; the
 * caller passes the moment and a Message-ID.
 *
 * The message is plain text in UTF-8.  Vietnamese text is not ASCII and
 * not every relay announces 8BITMIME, so the body goes base64-encoded
 * (lines of 76) and the subject as an RFC 2047 encoded word; headers are
 * then pure ASCII whatever the text, and no text can end a header early
 * (an address with a line break or a '<' is refused before it gets there).
 */
#ifndef GEMIS_MAIL_H
#define GEMIS_MAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Longest address accepted (RFC 5321's path limit, 256 with the brackets). */
#define MAIL_ADDRESS_MAX 254

/* True when s reads as one plain address, local@domain: printable ASCII
 * without spaces, quotes, angle brackets, commas or line breaks, one '@'
 * with text on both sides and a dot in the domain. */
bool mail_address_ok(const char *s);

struct mail_msg {
	const char *from;           /* address */
	const char *const *to;      /* addresses, nto of them */
	size_t nto;
	const char *subject;        /* UTF-8, one line */
	const char *body;           /* UTF-8, lines end with "\n" */
	long long date;             /* Unix seconds of the Date header */
	const char *message_id;     /* "<...@...>" */
};

/* Appends the whole message, CRLF line ends, to out.  GEMIS_EINVAL when an
 * address is not mail_address_ok() or the subject holds a line break;
 * else the buffer's error (GEMIS_ENOMEM, GEMIS_ELIMIT). */
enum gemis_err mail_compose(const struct mail_msg *m, struct buf *out);

/* Appends the base64 of data (RFC 4648, with padding), a CRLF after every
 * `line` characters when line > 0. */
enum gemis_err mail_base64(struct buf *out, const void *data, size_t len, size_t line);

#endif
