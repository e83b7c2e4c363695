/*
 * mail.c: composing an e-mail message (RFC 5322, MIME: RFC 2045–2047).
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "mail.h"

#include "util/banned.h"

bool mail_address_ok(const char *s)
{
	const char *at = NULL, *p;
	size_t n = s ? strlen(s) : 0;

	if (n < 3 || n > MAIL_ADDRESS_MAX)
		return false;
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= ' ' || c >= 0x7f || strchr("\"<>(),;:\\[]", c))
			return false;
		if (c == '@') {
			if (at)
				return false;
			at = p;
		}
	}
	return at && at > s && at[1] && strchr(at + 1, '.') && at[1] != '.' && s[n - 1] != '.';
}

enum gemis_err mail_base64(struct buf *out, const void *data, size_t len, size_t line)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = data;
	size_t i, col = 0;
	char q[4];

	for (i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16;
		size_t k = len - i;

		if (k > 1)
			v |= (uint32_t)s[i + 1] << 8;
		if (k > 2)
			v |= s[i + 2];
		q[0] = abc[v >> 18 & 63];
		q[1] = abc[v >> 12 & 63];
		q[2] = k > 1 ? abc[v >> 6 & 63] : '=';
		q[3] = k > 2 ? abc[v & 63] : '=';
		buf_append(out, q, 4);
		col += 4;
		if (line && col >= line && i + 3 < len) {
			buf_puts(out, "\r\n");
			col = 0;
		}
	}
	return buf_error(out);
}

/* The subject as RFC 2047 encoded words of at most 75 characters each:
 * 45 bytes of text make 60 of base64, plus "=?UTF-8?B?" and "?=".  A word
 * never splits a UTF-8 character (RFC 2047, section 5). */
static void put_subject(struct buf *out, const char *s)
{
	size_t len = strlen(s), i = 0;

	buf_puts(out, "Subject:");
	while (i < len) {
		size_t n = len - i < 45 ? len - i : 45;

		while (i + n < len && n > 0 && ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n--;
		buf_puts(out, i ? "\r\n =?UTF-8?B?" : " =?UTF-8?B?");
		mail_base64(out, s + i, n, 0);
		buf_puts(out, "?=");
		i += n;
	}
	buf_puts(out, "\r\n");
}

/* "Fri, 04 Dec 2026 23:40:05 +0700": the time in Vietnam (RFC 5322 3.3,
 * English names whatever the language). */
static void put_date(struct buf *out, long long t)
{
	static const char *const wd[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	long long local = t + VN_UTC_OFFSET, secs = ((local % 86400) + 86400) % 86400;
	struct date d = vn_date(t);
	long long days = date_days(d);

	buf_printf(out, "Date: %s, %02d %s %04d %02lld:%02lld:%02lld +0700\r\n", wd[((days % 7) + 7) % 7], d.d,
		   mon[d.m - 1], d.y, secs / 3600, secs / 60 % 60, secs % 60);
}

enum gemis_err mail_compose(const struct mail_msg *m, struct buf *out)
{
	size_t i;

	if (!mail_address_ok(m->from) || m->nto == 0 || strpbrk(m->subject, "\r\n") ||
	    strpbrk(m->message_id, "\r\n"))
		return GEMIS_EINVAL;
	for (i = 0; i < m->nto; i++)
		if (!mail_address_ok(m->to[i]))
			return GEMIS_EINVAL;
	buf_printf(out, "From: <%s>\r\nTo: ", m->from);
	for (i = 0; i < m->nto; i++)
		buf_printf(out, "%s<%s>", i ? ",\r\n " : "", m->to[i]);
	buf_puts(out, "\r\n");
	put_subject(out, m->subject);
	put_date(out, m->date);
	buf_printf(out, "Message-ID: %s\r\n", m->message_id);
	buf_puts(out, "MIME-Version: 1.0\r\n"
		      "Content-Type: text/plain; charset=UTF-8\r\n"
		      "Content-Transfer-Encoding: base64\r\n"
		      "Auto-Submitted: auto-generated\r\n\r\n");
	mail_base64(out, m->body, strlen(m->body), 76);
	buf_puts(out, "\r\n");
	return buf_error(out);
}
