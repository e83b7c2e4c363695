/*
 * config.h: the mail settings of a server, read from a small file that the
 * administrator writes (docs/reminders.md).  Reminders are off until such
 * a file exists.
 *
 *   # /etc/gemis/mail.conf
 *   smtp_url      = smtp://mail.example.gov.vn:587   (or smtps://host:465)
 *   from          = gemis@example.gov.vn
 *   tls           = required      (STARTTLS must succeed; "off" only for a
 *                                  relay on this machine)
 *   ca_file       = /etc/ssl/certs/relay.pem   (optional: the relay's CA)
 *   user          = gemis                      (optional)
 *   password_file = /etc/gemis/smtp-password   (optional, read at start)
 *   days_before   = 7,3,1        days before a deadline a reminder goes out
 *   late_every    = 7            days between reminders of what is late
 *                                (0: only on the first day late)
 *   digest        = yes          the focal point's daily digest
 *   language      = vi           vi or en
 *   site_url      = https://gemis.example.gov.vn   (optional: links)
 *
 * The password lives in its own file so that the settings can be shown
 * and kept in version control without it; it is never printed.
 */
#ifndef GEMIS_MAIL_CONFIG_H
#define GEMIS_MAIL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/mail.h"
#include "util/err.h"

#define MAIL_DAYS_MAX 8

struct mail_config {
	char smtp_url[512];
	char from[MAIL_ADDRESS_MAX + 1];
	bool tls;                  /* TLS required (always with smtps://) */
	char ca_file[512];         /* "" for the system's CAs */
	char user[128];
	char password[256];
	int days_before[MAIL_DAYS_MAX]; /* distinct, descending */
	size_t ndays;
	int late_every;
	bool digest;
	char language[3];          /* "vi", "en" */
	char site_url[512];        /* without a trailing '/', "" when none */
};

/* The file gemis reads when none is named: $GEMIS_MAIL_CONFIG, else
 * /etc/gemis/mail.conf. */
const char *mail_config_path(void);

/* Reads the settings.  GEMIS_ENOTFOUND when the file does not exist
 * (reminders are off); GEMIS_EINVAL naming "file:line" and the setting
 * for anything wrong in it; GEMIS_EIO when it or the password file cannot
 * be read. */
enum gemis_err mail_config_read(const char *path, struct mail_config *c, struct errctx *e);

/* True when `days` days before a deadline is one of the reminder days. */
bool mail_config_remind_day(const struct mail_config *c, long long days);

#endif
