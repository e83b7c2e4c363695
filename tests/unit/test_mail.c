/*
 * test_mail.c: composing a reminder's message (formats/mail.h) and reading
 * the mail settings (mail/config.h).  The message is read back the way a
 * mail reader would: header lines, the encoded subject and body decoded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/mail.h"
#include "harness.h"
#include "mail/config.h"
#include "util/i18n.h"

/* The inverse of mail_base64, ignoring line breaks; -1 on a bad letter. */
static long unbase64(const char *s, size_t len, char *out)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned v = 0;
	int bits = 0;
	long n = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		const char *p;

		if (s[i] == '\r' || s[i] == '\n' || s[i] == '=')
			continue;
		p = strchr(abc, s[i]);
		if (!p || !*p)
			return -1;
		v = (v << 6) | (unsigned)(p - abc);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (char)(v >> bits & 0xff);
		}
	}
	out[n] = '\0';
	return n;
}

TEST(base64_vectors)
{
	/* RFC 4648, section 10 */
	static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *const want[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	size_t i;

	for (i = 0; i < 7; i++) {
		struct buf b;

		buf_init(&b, 0);
		CHECK(mail_base64(&b, in[i], strlen(in[i]), 0) == GEMIS_OK);
		CHECK_STR(buf_str(&b), want[i]);
		buf_release(&b);
	}
}

TEST(addresses)
{
	CHECK(mail_address_ok("yte@binhlu.example.vn"));
	CHECK(mail_address_ok("a.b+c@x.vn"));
	CHECK(!mail_address_ok(NULL));
	CHECK(!mail_address_ok(""));
	CHECK(!mail_address_ok("no-at.vn"));
	CHECK(!mail_address_ok("@x.vn"));
	CHECK(!mail_address_ok("a@"));
	CHECK(!mail_address_ok("a@localhost"));
	CHECK(!mail_address_ok("a@b@c.vn"));
	CHECK(!mail_address_ok("a@x.vn\r\nBcc: evil@z.vn"));
	CHECK(!mail_address_ok("a@x.vn>, <evil@z.vn"));
	CHECK(!mail_address_ok("a b@x.vn"));
	CHECK(!mail_address_ok("nguyễn@x.vn"));
	CHECK(!mail_address_ok("a@x.vn."));
}

/* The header named h ("Subject: "), its folded lines joined. */
static const char *header(const char *msg, const char *h, char *out, size_t n)
{
	const char *p = strstr(msg, h), *end;
	size_t k = 0;

	out[0] = '\0';
	if (!p)
		return NULL;
	p += strlen(h);
	for (end = p; *end && !(end[0] == '\r' && end[1] == '\n' && end[2] != ' '); end++)
		if (*end != '\r' && *end != '\n' && k + 1 < n)
			out[k++] = *end;
	out[k] = '\0';
	return out;
}

TEST(compose_reads_back)
{
	const char *to[] = {"yte@binhlu.example.vn"};
	/* long enough to take several encoded words, each split between
	 * whole characters */
	const char *subject = "[gemis] Trạm Y tế, Bình Lư: 1 việc quá hạn, 2 việc sắp đến hạn — nhắc hạn báo cáo";
	const char *body = "Kính gửi Trạm Y tế, Xã Bình Lư:\n\nQuá hạn:\n- Báo cáo năm 2026: hạn 30/11/2026\n";
	struct mail_msg m = {"gemis@binhlu.example.vn", to, 1, subject, body, 1795996805LL, "<x.1@binhlu.example.vn>"};
	struct buf b;
	char h[1024], dec[1024], *p, *q;
	const char *msg, *text;
	size_t got = 0;

	buf_init(&b, 0);
	CHECK(mail_compose(&m, &b) == GEMIS_OK);
	msg = buf_str(&b);
	/* headers are pure ASCII and every line ends with CRLF */
	for (p = (char *)msg; *p; p++) {
		CHECK((unsigned char)*p < 0x80);
		if (*p == '\n')
			CHECK(p > msg && p[-1] == '\r');
	}
	CHECK_STR(header(msg, "From: ", h, sizeof(h)), "<gemis@binhlu.example.vn>");
	CHECK_STR(header(msg, "To: ", h, sizeof(h)), "<yte@binhlu.example.vn>");
	/* 1795996805 is 2026-11-30 00:00:05 UTC, 07:00:05 in Vietnam, a Monday
	 * (as `TZ=Asia/Ho_Chi_Minh date -R -d @1795996805` says) */
	CHECK_STR(header(msg, "Date: ", h, sizeof(h)), "Mon, 30 Nov 2026 07:00:05 +0700");
	CHECK_STR(header(msg, "Message-ID: ", h, sizeof(h)), "<x.1@binhlu.example.vn>");
	CHECK(strstr(msg, "\r\nContent-Type: text/plain; charset=UTF-8\r\n") != NULL);
	/* the subject: encoded words of at most 75 characters */
	header(msg, "Subject: ", h, sizeof(h));
	dec[0] = '\0';
	for (p = strstr(h, "=?UTF-8?B?"); p; p = strstr(q, "=?UTF-8?B?")) {
		p += 10;
		q = strstr(p, "?=");
		CHECK(q && q - p + 12 <= 75);
		if (!q)
			break;
		/* each word decodes to whole UTF-8 characters */
		{
			char part[128];
			long n = unbase64(p, (size_t)(q - p), part);

			CHECK(n > 0 && ((unsigned char)part[0] & 0xc0) != 0x80);
			memcpy(dec + got, part, (size_t)n + 1);
			got += (size_t)n;
		}
	}
	CHECK_STR(dec, subject);
	/* the body */
	text = strstr(msg, "\r\n\r\n");
	CHECK(text != NULL);
	if (text) {
		char out[1024];

		CHECK(unbase64(text + 4, strlen(text + 4), out) == (long)strlen(body));
		CHECK_STR(out, body);
	}
	buf_release(&b);
}

TEST(compose_refuses_injection)
{
	const char *bad[] = {"a@x.vn\r\nBcc: evil@z.vn"};
	const char *good[] = {"a@x.vn"};
	struct mail_msg m = {"gemis@x.vn", bad, 1, "s", "b", 0, "<1@x.vn>"};
	struct buf b;

	buf_init(&b, 0);
	CHECK(mail_compose(&m, &b) == GEMIS_EINVAL);
	m.to = good;
	m.subject = "two\r\nBcc: evil@z.vn";
	CHECK(mail_compose(&m, &b) == GEMIS_EINVAL);
	m.subject = "ok";
	m.from = "gemis@x.vn\nX: y";
	CHECK(mail_compose(&m, &b) == GEMIS_EINVAL);
	m.nto = 0;
	m.from = "gemis@x.vn";
	CHECK(mail_compose(&m, &b) == GEMIS_EINVAL);
	CHECK(b.len == 0);
	buf_release(&b);
}

static char conf_path[64];

static void write_conf(const char *text)
{
	FILE *f = fopen(conf_path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

TEST(config)
{
	struct mail_config c;
	struct errctx e = {0};
	char pwpath[80];
	FILE *f;
	int fd;

	snprintf(conf_path, sizeof(conf_path), "/tmp/gemis-mail-XXXXXX");
	fd = mkstemp(conf_path);
	CHECK(fd >= 0);
	close(fd);
	snprintf(pwpath, sizeof(pwpath), "%s.pw", conf_path);
	f = fopen(pwpath, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("s3cret pass\n", f);
		fclose(f);
	}

	CHECK(mail_config_read("/nonexistent/mail.conf", &c, &e) == GEMIS_ENOTFOUND);

	{
		char text[512];

		snprintf(text, sizeof(text),
			 "# settings\n\nsmtp_url = smtps://mail.x.vn:465\nfrom=gemis@x.vn\n  days_before = 1, 14 ,7 \n"
			 "late_every = 0\ndigest = no\nlanguage = en\nsite_url = https://g.x.vn//\nuser = gemis\n"
			 "password_file = %s\n",
			 pwpath);
		write_conf(text);
	}
	CHECK(mail_config_read(conf_path, &c, &e) == GEMIS_OK);
	CHECK_STR(c.smtp_url, "smtps://mail.x.vn:465");
	CHECK_STR(c.from, "gemis@x.vn");
	CHECK(c.tls);
	CHECK(c.ndays == 3 && c.days_before[0] == 14 && c.days_before[1] == 7 && c.days_before[2] == 1);
	CHECK(mail_config_remind_day(&c, 7) && !mail_config_remind_day(&c, 3));
	CHECK(c.late_every == 0 && !c.digest);
	CHECK_STR(c.language, "en");
	CHECK_STR(c.site_url, "https://g.x.vn");
	CHECK_STR(c.password, "s3cret pass");

	/* defaults */
	write_conf("smtp_url = smtp://127.0.0.1:2525\nfrom = a@b.vn\n");
	CHECK(mail_config_read(conf_path, &c, &e) == GEMIS_OK);
	CHECK(c.tls && c.digest && c.late_every == 7 && c.ndays == 3 && c.days_before[0] == 7);
	CHECK_STR(c.language, "vi");

	/* each mistake named by its line and setting */
	{
		static const struct {
			const char *text, *where, *what;
		} bad[] = {
			{"smtp_url = smtp://h:25\nfrom = a@b.vn\ntls = maybe\n", ":3", "tls"},
			{"smtp_url = ftp://h\n", ":1", "smtp_url"},
			{"smtp_url = smtp://h:25\nfrom = not-an-address\n", ":2", "from"},
			{"smtp_url = smtp://h:25\nfrom = a@b.vn\ndays_before = 7,7\n", ":3", "days_before"},
			{"smtp_url = smtp://h:25\nfrom = a@b.vn\ndays_before = -1\n", ":3", "days_before"},
			{"smtp_url = smtp://h:25\nfrom = a@b.vn\nlate_every = 400\n", ":3", "late_every"},
			{"smtp_url = smtp://h:25\nfrom = a@b.vn\ncolour = blue\n", ":3", "colour"},
			{"smtp_url = smtp://h:25\nfrom = a@b.vn\njust words\n", ":3", "name = value"},
			{"smtp_url = smtp://h:25\nfrom = a@b.vn\npassword_file = /nonexistent/pw\n", ":3", "password_file"},
			{"from = a@b.vn\n", "", "smtp_url"},
			{"smtp_url = smtp://h:25\n", "", "from"},
		};
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			char where[80];

			write_conf(bad[i].text);
			memset(&e, 0, sizeof(e));
			CHECK(mail_config_read(conf_path, &c, &e) != GEMIS_OK);
			snprintf(where, sizeof(where), "%s%s", conf_path, bad[i].where);
			CHECK_STR(e.where, where);
			CHECK(strstr(e.msg, bad[i].what) != NULL);
			CHECK(c.password[0] == '\0');
		}
	}
	unlink(pwpath);
	unlink(conf_path);
}

int main(void)
{
	i18n_set_lang(LANG_EN);
	RUN(base64_vectors);
	RUN(addresses);
	RUN(compose_reads_back);
	RUN(compose_refuses_injection);
	RUN(config);
	return harness_report();
}
