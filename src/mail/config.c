/*
 * config.c: reading the mail settings (config.h).
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

const char *mail_config_path(void)
{
	const char *p = getenv("GEMIS_MAIL_CONFIG");

	return p && *p ? p : "/etc/gemis/mail.conf";
}

/* Copies v into out (n bytes) or fails naming the setting. */
static enum gemis_err copy_value(const char *where, const char *key, const char *v, char *out, size_t n,
				 struct errctx *e)
{
	size_t len = strlen(v);

	if (len >= n)
		return err_set_at(e, GEMIS_EINVAL, where, "%s: %s", key, _("value too long"));
	memcpy(out, v, len + 1);
	return GEMIS_OK;
}

static bool yes_no(const char *v, bool *out)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "on") == 0 || strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		return *out = true;
	if (strcmp(v, "no") == 0 || strcmp(v, "off") == 0 || strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return !(*out = false);
	return false;
}

/* "7,3,1": whole days 0..366, distinct, kept in descending order. */
static bool read_days(const char *v, struct mail_config *c)
{
	char tmp[128];
	char *save = NULL, *tok;
	size_t i, j;

	if (strlen(v) >= sizeof(tmp))
		return false;
	memcpy(tmp, v, strlen(v) + 1);
	c->ndays = 0;
	for (tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		long d;

		tok = text_trim(tok);
		if (!text_parse_long(tok, strlen(tok), &d) || d < 0 || d > 366 || c->ndays == MAIL_DAYS_MAX)
			return false;
		for (i = 0; i < c->ndays; i++)
			if (c->days_before[i] == d)
				return false;
		for (i = c->ndays; i > 0 && c->days_before[i - 1] < d; i--)
			c->days_before[i] = c->days_before[i - 1];
		c->days_before[i] = (int)d;
		c->ndays++;
	}
	for (j = 0; j + 1 < c->ndays; j++)
		if (c->days_before[j] <= c->days_before[j + 1])
			return false;
	return c->ndays > 0;
}

static enum gemis_err read_password(const char *where, const char *path, struct mail_config *c, struct errctx *e)
{
	struct buf b;
	enum gemis_err err;
	size_t len;

	buf_init(&b, sizeof(c->password) - 1);
	err = buf_read_file(&b, path, e);
	if (err) {
		buf_release(&b);
		if (err == GEMIS_ELIMIT)
			return err_set_at(e, GEMIS_EINVAL, where, "password_file: %s", _("the password is too long"));
		return err_set_at(e, GEMIS_EIO, where, "password_file: %s '%s'", _("cannot read the file"), path);
	}
	len = b.len;
	while (len && (b.p[len - 1] == '\n' || b.p[len - 1] == '\r'))
		len--;
	memcpy(c->password, buf_str(&b), len);
	c->password[len] = '\0';
	if (b.p)
		sodium_memzero(b.p, b.len);
	buf_release(&b);
	return GEMIS_OK;
}

/* One "key = value" line of the file. */
static enum gemis_err set_key(const char *where, const char *key, const char *v, struct mail_config *c,
			      struct errctx *e)
{
	long n;

	if (strcmp(key, "smtp_url") == 0) {
		if (strncmp(v, "smtp://", 7) != 0 && strncmp(v, "smtps://", 8) != 0)
			return err_set_at(e, GEMIS_EINVAL, where, "smtp_url: %s '%s'",
					  _("must begin with smtp:// or smtps://"), v);
		return copy_value(where, key, v, c->smtp_url, sizeof(c->smtp_url), e);
	}
	if (strcmp(key, "from") == 0) {
		if (!mail_address_ok(v))
			return err_set_at(e, GEMIS_EINVAL, where, "from: %s '%s'", _("not an e-mail address"), v);
		return copy_value(where, key, v, c->from, sizeof(c->from), e);
	}
	if (strcmp(key, "tls") == 0) {
		if (strcmp(v, "required") == 0 || strcmp(v, "off") == 0) {
			c->tls = strcmp(v, "required") == 0;
			return GEMIS_OK;
		}
		return err_set_at(e, GEMIS_EINVAL, where, "tls: %s '%s'", _("must be required or off"), v);
	}
	if (strcmp(key, "ca_file") == 0)
		return copy_value(where, key, v, c->ca_file, sizeof(c->ca_file), e);
	if (strcmp(key, "user") == 0)
		return copy_value(where, key, v, c->user, sizeof(c->user), e);
	if (strcmp(key, "password_file") == 0)
		return read_password(where, v, c, e);
	if (strcmp(key, "days_before") == 0) {
		if (!read_days(v, c))
			return err_set_at(e, GEMIS_EINVAL, where, "days_before: %s '%s'",
					  _("must be distinct whole numbers of days, such as 7,3,1"), v);
		return GEMIS_OK;
	}
	if (strcmp(key, "late_every") == 0) {
		if (!text_parse_long(v, strlen(v), &n) || n < 0 || n > 366)
			return err_set_at(e, GEMIS_EINVAL, where, "late_every: %s '%s'",
					  _("must be a whole number of days from 0 to 366"), v);
		c->late_every = (int)n;
		return GEMIS_OK;
	}
	if (strcmp(key, "digest") == 0) {
		if (!yes_no(v, &c->digest))
			return err_set_at(e, GEMIS_EINVAL, where, "digest: %s '%s'", _("must be yes or no"), v);
		return GEMIS_OK;
	}
	if (strcmp(key, "language") == 0) {
		if (strcmp(v, "vi") != 0 && strcmp(v, "en") != 0)
			return err_set_at(e, GEMIS_EINVAL, where, "language: %s '%s'", _("must be vi or en"), v);
		return copy_value(where, key, v, c->language, sizeof(c->language), e);
	}
	if (strcmp(key, "site_url") == 0) {
		size_t len = strlen(v);

		if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
			return err_set_at(e, GEMIS_EINVAL, where, "site_url: %s '%s'",
					  _("must begin with http:// or https://"), v);
		while (len && v[len - 1] == '/')
			len--;
		if (len >= sizeof(c->site_url))
			return err_set_at(e, GEMIS_EINVAL, where, "site_url: %s", _("value too long"));
		memcpy(c->site_url, v, len);
		c->site_url[len] = '\0';
		return GEMIS_OK;
	}
	return err_set_at(e, GEMIS_EINVAL, where, "%s '%s'", _("unknown setting"), key);
}

static void defaults(struct mail_config *c)
{
	memset(c, 0, sizeof(*c));
	c->tls = true;
	c->days_before[0] = 7;
	c->days_before[1] = 3;
	c->days_before[2] = 1;
	c->ndays = 3;
	c->late_every = 7;
	c->digest = true;
	memcpy(c->language, "vi", 3);
}

enum gemis_err mail_config_read(const char *path, struct mail_config *c, struct errctx *e)
{
	FILE *f;
	char line[1024], where[300];
	long no = 0;
	enum gemis_err err = GEMIS_OK;

	defaults(c);
	f = fopen(path, "r");
	if (!f)
		return err_set_at(e, errno == ENOENT ? GEMIS_ENOTFOUND : GEMIS_EIO, path, "%s",
				  errno == ENOENT ? _("no mail settings: reminders are off") : strerror(errno));
	while (!err && fgets(line, sizeof(line), f)) {
		char *s, *eq, *key, *v;

		no++;
		snprintf(where, sizeof(where), "%s:%ld", path, no);
		if (!strchr(line, '\n') && !feof(f)) {
			err = err_set_at(e, GEMIS_EINVAL, where, "%s", _("line too long"));
			break;
		}
		s = text_trim(line);
		if (!*s || *s == '#')
			continue;
		eq = strchr(s, '=');
		if (!eq) {
			err = err_set_at(e, GEMIS_EINVAL, where, "%s", _("expected a setting: name = value"));
			break;
		}
		*eq = '\0';
		key = text_trim(s);
		v = text_trim(eq + 1);
		err = set_key(where, key, v, c, e);
	}
	sodium_memzero(line, sizeof(line));
	fclose(f);
	if (!err && !c->smtp_url[0])
		err = err_set_at(e, GEMIS_EINVAL, path, "smtp_url: %s", _("missing"));
	if (!err && !c->from[0])
		err = err_set_at(e, GEMIS_EINVAL, path, "from: %s", _("missing"));
	if (err)
		sodium_memzero(c->password, sizeof(c->password));
	return err;
}

bool mail_config_remind_day(const struct mail_config *c, long long days)
{
	size_t i;

	for (i = 0; i < c->ndays; i++)
		if (c->days_before[i] == days)
			return true;
	return false;
}
