/*
 * smtp.h: handing a composed message to the relay of the mail settings,
 * with libcurl's SMTP (TLS through STARTTLS or smtps://).
 */
#ifndef GEMIS_SMTP_H
#define GEMIS_SMTP_H

#include <stddef.h>

#include "config.h"
#include "util/buf.h"

/* Sends msg (formats/mail.h) to the n addresses of rcpt.  GEMIS_EIO with
 * the relay's or the network's reason (never the password) when it was
 * not accepted for every recipient. */
enum gemis_err smtp_send(const struct mail_config *c, const char *const *rcpt, size_t n, const struct buf *msg,
			 struct errctx *e);

#endif
