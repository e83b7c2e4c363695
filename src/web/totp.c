/*
 * totp.c: two-step sign-in on the account page (/account/totp): turning
 * it on with an authenticator app (a QR code of the otpauth:// address,
 * or the key to type), the recovery codes shown once, and turning it off
 * for the roles that may.  The roles of `gemis serve --two-step` (admins
 * and caseworkers unless told otherwise) must turn it on before anything
 * else (http/router.c sends them here).  Codes are checked by
 * store/totp.c; the sign-in asks for one in auth.c.
 */
#include <qrencode.h>
#include <sodium.h>
#include <string.h>

#include "core/date.h"
#include "gbv/accounts.h"
#include "store/sessions.h"
#include "store/totp.h"
#include "web.h"

#include "util/banned.h"

static bool must_use(const struct http_req *r)
{
	return http_conf(r)->two_step_roles >> r->user.role & 1u;
}

/* The QR code of text as inline SVG, one path of dark modules, with the
 * quiet zone of four modules the standard asks for. */
static void qr_svg(struct http_req *r, const char *text)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	int x, y, run;

	if (!q)
		return;
	html(r, "<svg class=\"qr\" role=\"img\" aria-label=\"%s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	     _("QR code for the authenticator app"), q->width + 8, q->width + 8, 4 * (q->width + 8),
	     4 * (q->width + 8));
	for (y = 0; y < q->width; y++) {
		for (x = 0; x < q->width; x += run ? run : 1) {
			run = 0;
			while (x + run < q->width && (q->data[y * q->width + x + run] & 1))
				run++;
			if (run)
				html(r, "M%d %dh%dv1h-%dz", x + 4, y + 4, run, run);
		}
	}
	html(r, "\"/></svg>");
	QRcode_free(q);
}

/* The key in groups of four letters, as people type it. */
static const char *key_groups(struct http_req *r, const char *b32)
{
	char *out = arena_alloc(&r->arena, 2 * TOTP_BASE32_CHARS);
	size_t i, k = 0;

	if (!out)
		return "";
	for (i = 0; b32[i]; i++) {
		if (i && i % 4 == 0)
			out[k++] = ' ';
		out[k++] = b32[i];
	}
	out[k] = '\0';
	return out;
}

static void enrol_form(struct http_req *r, const struct totp_rec *t)
{
	char b32[TOTP_BASE32_CHARS + 1];

	base32_encode(t->secret, sizeof(t->secret), b32, sizeof(b32));
	html(r, "<ol><li>%s</li><li>%s</li></ol>",
	     _("Open an authenticator app on your phone (for example Google Authenticator, Microsoft "
	       "Authenticator, FreeOTP or Aegis) and scan this code."),
	     _("Type the six-digit code the app shows."));
	qr_svg(r, arena_printf(&r->arena, "otpauth://totp/gemis:%s?secret=%s&issuer=gemis&digits=%d&period=%d",
			       r->user.name, b32, TOTP_DIGITS, TOTP_STEP));
	html(r, "<p>%s <code class=\"key\">%s</code></p>", _("Or type this key into the app:"), key_groups(r, b32));
	sodium_memzero(b32, sizeof(b32));
	html(r, "<form method=\"post\" action=\"/account/totp\" class=\"stack\">");
	form_csrf(r);
	html(r,
	     "<input type=\"hidden\" name=\"action\" value=\"confirm\">"
	     "<label>%s <input name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required"
	     " pattern=\"[0-9 ]{6,7}\" maxlength=\"7\"></label><button type=\"submit\">%s</button></form>",
	     _("Code from the app"), _("Turn on two-step sign-in"));
}

static void state_on(struct http_req *r, const struct totp_rec *t)
{
	char day[DATE_TEXT_LEN];

	date_format_dmy(vn_date(t->confirmed_at), day);
	html(r, "<p class=\"ok\" role=\"status\">%s</p>",
	     arena_printf(&r->arena, _("Two-step sign-in is on since %s."), day));
	html(r, "<p>%s</p>",
	     arena_printf(&r->arena,
			  ngettext_("%d recovery code left.", "%d recovery codes left.", t->recovery_left),
			  t->recovery_left));
	if (must_use(r)) {
		html(r, "<p class=\"hint\">%s</p>",
		     _("Your role must sign in with a code. If you lose your phone, sign in with a recovery code, "
		       "or ask an administrator to reset it (gemis user two-step-off)."));
		return;
	}
	html(r, "<form method=\"post\" action=\"/account/totp\" class=\"stack\">");
	form_csrf(r);
	html(r,
	     "<input type=\"hidden\" name=\"action\" value=\"off\">"
	     "<label>%s <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
	     "</label><button type=\"submit\">%s</button></form>",
	     _("Current password"), _("Turn off two-step sign-in"));
}

static void totp_page(struct http_req *r, const struct totp_rec *t, const char *problem,
		      char codes[RECOVERY_CODES][RECOVERY_CODE_CHARS + 1])
{
	int i;

	page_begin(r, _("Two-step sign-in"), r->who.unit);
	html(r, "<section class=\"narrow\"><h1>%s</h1>", _("Two-step sign-in"));
	html(r, "<p>%s</p>",
	     _("With two-step sign-in, signing in asks for your password and a code from an app on your "
	       "phone, so that a stolen password alone does not open your account."));
	if (must_use(r) && !t->confirmed)
		html(r, "<p class=\"warn\" role=\"alert\">%s</p>",
		     _("Your role must sign in with a code: turn two-step sign-in on to go on."));
	if (problem)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", problem);
	if (codes) {
		html(r, "<h2>%s</h2><p>%s</p><ul class=\"codes\">", _("Recovery codes"),
		     _("Keep these codes on paper, somewhere safe. Each signs you in once in place of a code from "
		       "the app, if you lose your phone. They are shown only now."));
		for (i = 0; i < RECOVERY_CODES; i++)
			html(r, "<li><code>%s</code></li>", codes[i]);
		html(r, "</ul><p><a href=\"/\">%s</a></p>", _("Go on"));
	}
	if (t->confirmed) {
		state_on(r, t);
	} else if (t->present) {
		enrol_form(r, t);
	} else {
		html(r, "<form method=\"post\" action=\"/account/totp\" class=\"stack\">");
		form_csrf(r);
		html(r, "<input type=\"hidden\" name=\"action\" value=\"start\"><button type=\"submit\">%s</button></form>",
		     _("Set up an authenticator app"));
	}
	html(r, "</section>");
	page_end(r);
}

enum gemis_err page_totp(struct http_req *r)
{
	struct totp_rec t;
	struct db *db;
	enum gemis_err err = http_db(r, &db);

	if (!err)
		err = totp_get(db, r->user.id, &t, &r->err);
	if (err)
		return err;
	totp_page(r, &t, NULL, NULL);
	sodium_memzero(t.secret, sizeof(t.secret));
	return GEMIS_OK;
}

static enum gemis_err confirm(struct http_req *r, struct db *db, struct totp_rec *t)
{
	char codes[RECOVERY_CODES][RECOVERY_CODE_CHARS + 1];
	enum gemis_err err;
	bool ok = false;

	err = totp_confirm(db, r->user.id, http_param_or(r, "code", ""), r->now, &ok, codes, &r->err);
	if (err == GEMIS_ECONFLICT)
		return http_redirect(r, "/account/totp");
	if (!err)
		err = totp_get(db, r->user.id, t, &r->err);
	if (err)
		return err;
	totp_page(r, t, ok ? NULL : _("That code is not right: check the phone's clock and type the code the app "
					  "shows now."),
		  ok ? codes : NULL);
	sodium_memzero(codes, sizeof(codes));
	return ok ? GEMIS_OK : http_keep_body(r, GEMIS_EINVAL);
}

static enum gemis_err turn_off(struct http_req *r, struct db *db, struct totp_rec *t)
{
	struct user_rec u;
	enum gemis_err err;
	long wait = 0;
	bool ok = false;

	if (must_use(r))
		return http_fail(r, GEMIS_EPERM, "%s", _("your role must sign in with a code"));
	err = password_attempt(db, &http_conf(r)->sessions, r->user.name, r->ip, r->now,
			       http_param_or(r, "password", ""), SIGNIN_PASSWORD, &u, &ok, &wait, &r->err);
	if (!err && ok) {
		struct account_change c = {"two-step-off", r->user.role, r->who.unit, r->user.name};

		err = case_account_two_step_off(db, &r->snap->tree, &r->who, &c, r->user.id, &r->err);
	}
	if (!err)
		err = totp_get(db, r->user.id, t, &r->err);
	if (err)
		return err;
	if (ok)
		return http_redirect(r, "/account/totp");
	if (wait > 0)
		r->retry_after = wait;
	totp_page(r, t, wait > 0 ? _("Too many failed attempts. Try again later.") : _("Wrong password."), NULL);
	return http_keep_body(r, wait > 0 ? GEMIS_ELIMIT : GEMIS_EAUTH);
}

enum gemis_err page_totp_post(struct http_req *r)
{
	const char *action = http_param_or(r, "action", "");
	struct totp_rec t;
	struct db *db;
	enum gemis_err err;

	if (r->by_token)
		return GEMIS_EPERM;
	err = http_db(r, &db);
	if (err)
		return err;
	memset(&t, 0, sizeof(t));
	if (strcmp(action, "start") == 0) {
		err = totp_begin(db, r->user.id, r->now, &t, &r->err);
		sodium_memzero(t.secret, sizeof(t.secret));
		return err == GEMIS_ECONFLICT || !err ? http_redirect(r, "/account/totp") : err;
	}
	if (strcmp(action, "confirm") == 0)
		err = confirm(r, db, &t);
	else if (strcmp(action, "off") == 0)
		err = turn_off(r, db, &t);
	else
		err = http_fail(r, GEMIS_EINVAL, "%s", _("unknown action"));
	sodium_memzero(t.secret, sizeof(t.secret));
	return err;
}
