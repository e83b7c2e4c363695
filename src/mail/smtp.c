/*
 * smtp.c: sending a message with libcurl's SMTP.
 *
 * One connection per message: reminders go out once a day, a few hundred
 * at most per commune, and a fresh connection keeps a relay's refusal of
 * one message from touching the next.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <string.h>

#include "smtp.h"
#include "util/i18n.h"

#include "util/banned.h"

struct reader {
	const char *p;
	size_t left;
};

static size_t read_cb(char *out, size_t size, size_t nmemb, void *arg)
{
	struct reader *r = arg;
	size_t n = size * nmemb;

	if (n > r->left)
		n = r->left;
	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void init_curl(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

enum gemis_err smtp_send(const struct mail_config *c, const char *const *rcpt, size_t n, const struct buf *msg,
			 struct errctx *e)
{
	struct curl_slist *to = NULL, *more;
	struct reader rd = {msg->p ? msg->p : "", msg->len};
	char why[CURL_ERROR_SIZE] = "";
	CURLcode rc;
	CURL *h;
	size_t i;
	char from[MAIL_ADDRESS_MAX + 3];

	pthread_once(&curl_once, init_curl);
	if (curl_init_rc != CURLE_OK || !(h = curl_easy_init()))
		return err_set(e, GEMIS_ENOMEM, "%s", _("cannot start the mail client"));
	for (i = 0; i < n; i++) {
		more = curl_slist_append(to, rcpt[i]);
		if (!more) {
			curl_slist_free_all(to);
			curl_easy_cleanup(h);
			return err_set(e, GEMIS_ENOMEM, "%s", err_name(GEMIS_ENOMEM));
		}
		to = more;
	}
	snprintf(from, sizeof(from), "<%s>", c->from);
	curl_easy_setopt(h, CURLOPT_URL, c->smtp_url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, to);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &rd);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg->len);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, why);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
	/* smtps:// is TLS from the first byte; smtp:// must then upgrade
	 * with STARTTLS or give up, never fall back to plain text */
	curl_easy_setopt(h, CURLOPT_USE_SSL, c->tls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_NONE);
	if (c->ca_file[0])
		curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file);
	if (c->user[0]) {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->password);
	}
	rc = curl_easy_perform(h);
	curl_slist_free_all(to);
	curl_easy_cleanup(h);
	if (rc != CURLE_OK)
		return err_set_at(e, GEMIS_EIO, "smtp_url", "%s: %s", _("the mail relay did not take the message"),
				  why[0] ? why : curl_easy_strerror(rc));
	return GEMIS_OK;
}
