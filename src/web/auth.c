/*
 * auth.c: signing in and out, the language switch, and the account page
 * with the password change.
 *
 * Sign-in verifies the argon2id hash (users_check_password(), which takes
 * as long for an unknown name) through password_attempt(), which slows
 * down failures per account and address without locking the owner out
 * (429 with Retry-After while a wait lasts), and issues a new session
 * token every time (a token the browser brought is ended, never reused).
 * A password change is throttled alike, ends every session and API token
 * of the account and signs this browser in again; "sign out everywhere"
 * does the same without a new password.  Every password check and every
 * signing out is in the sign-in log (store/signin_log.h).
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "gbv/accounts.h"
#include "store/sessions.h"
#include "web.h"

#include "util/banned.h"

/* The sign-in form; with ask_code, for an account that signs in with a
 * code too, the password again and the code. */
static void login_form(struct http_req *r, const char *name, const char *next, const char *problem,
		       bool ask_code)
{
	page_begin(r, _("Sign in"), -1);
	html(r, "<section class=\"narrow\"><h1>%s</h1>", _("Sign in"));
	if (problem)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", problem);
	html(r, "<form method=\"post\" action=\"/login\" class=\"stack\">");
	form_csrf(r);
	if (next)
		html(r, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
	html(r,
	     "<label>%s <input name=\"name\" autocomplete=\"username\" required maxlength=\"64\""
	     " autocapitalize=\"none\" value=\"%s\"></label>"
	     "<label>%s <input name=\"password\" type=\"password\" autocomplete=\"current-password\""
	     " required maxlength=\"256\"></label>",
	     _("User name"), name ? name : "", _("Password"));
	if (ask_code)
		html(r,
		     "<label>%s <input name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required"
		     " maxlength=\"16\" autofocus></label><p class=\"hint\">%s</p>",
		     _("Code from the app"),
		     _("The six-digit code your authenticator app shows now, or one of your recovery codes."));
	html(r, "<button type=\"submit\">%s</button></form></section>", _("Sign in"));
	page_end(r);
}

static bool local_path(const char *p)
{
	return p && p[0] == '/' && p[1] != '/' && !strchr(p, '\\') && strncmp(p, "/login", 6) != 0 &&
	       strncmp(p, "/logout", 7) != 0;
}

void web_login_page(struct http_req *r)
{
	const char *next = r->method == HTTP_GET && local_path(r->path) && strcmp(r->path, "/") != 0
				   ? r->path
				   : NULL;

	buf_reset(&r->out);
	login_form(r, NULL, next, NULL, false);
}

enum gemis_err page_login_form(struct http_req *r)
{
	const char *next = http_param(r, "next");

	if (r->signed_in)
		return http_redirect(r, local_path(next) ? next : "/");
	login_form(r, NULL, local_path(next) ? next : NULL, NULL, false);
	return GEMIS_OK;
}

/* What a client told to wait reads: seconds under two minutes, else
 * minutes. */
static const char *too_many(struct http_req *r, long wait)
{
	if (wait < 120)
		return arena_printf(&r->arena, _("Too many failed attempts. Try again in %ld seconds."), wait);
	return arena_printf(&r->arena, _("Too many failed attempts. Try again in %ld minutes."), (wait + 59) / 60);
}

enum gemis_err page_login(struct http_req *r)
{
	const char *name = http_param_or(r, "name", ""), *pw = http_param_or(r, "password", "");
	const char *next = http_param(r, "next"), *old;
	struct user_rec u;
	struct session s;
	char token[SESSION_TOKEN_CHARS + 1];
	struct db *db;
	enum gemis_err err;
	const char *code = http_param(r, "code");
	enum signin_outcome how;
	long wait = 0;

	err = http_db(r, &db);
	if (err)
		return err;
	if (!local_path(next))
		next = NULL;
	err = signin_attempt(db, &http_conf(r)->sessions, name, r->ip, r->now, pw, code, &u, &how, &wait, &r->err);
	if (err)
		return err;
	switch (how) {
	case SIGNIN_IN:
		break;
	case SIGNIN_WAIT:
		r->retry_after = wait;
		login_form(r, name, next, too_many(r, wait), code != NULL);
		return http_keep_body(r, GEMIS_ELIMIT);
	case SIGNIN_NEED_CODE:
		login_form(r, name, next, _("This account signs in in two steps: type your password again and the "
					    "code from your app."),
			   true);
		return GEMIS_OK;
	case SIGNIN_REFUSED:
		login_form(r, name, next,
			   code ? _("Wrong user name, password or code.") : _("Wrong user name or password."),
			   code != NULL);
		return http_keep_body(r, GEMIS_EAUTH);
	}
	/* a new token at every sign-in; the one the browser brought ends */
	old = http_cookie(r, "gemis_session");
	if (old)
		sessions_end(db, old, NULL);
	err = sessions_purge(db, &http_conf(r)->sessions, r->now, &r->err);
	if (!err)
		err = sessions_create(db, &http_conf(r)->sessions, u.id, r->now, token, &s, &r->err);
	if (err)
		return err;
	http_set_cookie(r, "gemis_session", token, -1);
	http_set_cookie(r, "gemis_pre", "", 0);
	sodium_memzero(token, sizeof(token));
	return http_redirect(r, next ? next : "/");
}

enum gemis_err page_logout(struct http_req *r)
{
	struct db *db;
	const char *cookie = http_cookie(r, "gemis_session");
	enum gemis_err err = http_db(r, &db);

	if (err)
		return err;
	if (cookie) {
		err = sessions_end(db, cookie, &r->err);
		if (err)
			return err;
	}
	err = signin_log_write(db, r->user.name, r->ip, r->now, SIGNIN_SIGNOUT, SIGNIN_OK, &r->err);
	if (err)
		return err;
	http_set_cookie(r, "gemis_session", "", 0);
	/* what the service worker kept of the account's pages, and the
	 * entries waiting in the browser, go with the session: the next
	 * person on this phone finds nothing of them (offline.c) */
	http_set_header(r, "Clear-Site-Data", "\"cache\", \"storage\"");
	return http_redirect(r, "/login");
}

enum gemis_err page_lang(struct http_req *r)
{
	const char *l = http_arg(r, 0), *next = http_param(r, "next");

	if (!l || i18n_parse_lang(l) < 0 || strlen(l) != 2)
		return GEMIS_ENOTFOUND;
	http_set_cookie(r, "gemis_lang", l, 365L * 86400);
	return http_redirect(r, next && next[0] == '/' && next[1] != '/' ? next : "/");
}

static void account_page(struct http_req *r, const char *problem, const char *done, const char *out,
			 const char *token, const char *token_done)
{
	const struct snapshot *s = r->snap;

	page_begin(r, _("Your account"), r->who.unit);
	html(r, "<h1>%s</h1><dl class=\"facts\">", _("Your account"));
	html(r, "<dt>%s</dt><dd>%s</dd>", _("User name"), r->user.name);
	if (r->user.full_name[0])
		html(r, "<dt>%s</dt><dd>%s</dd>", _("Name"), r->user.full_name);
	html(r, "<dt>%s</dt><dd>%s</dd>", _("Role"), role_name(r->who.role));
	html(r, "<dt>%s</dt><dd>%s (%s)</dd>", _("Unit"), s->tree.units[r->who.unit].name,
	     s->tree.units[r->who.unit].code);
	if (r->who.agency >= 0)
		html(r, "<dt>%s</dt><dd>%s</dd>", _("Agency"),
		     r->lang == LANG_EN ? agency_kinds[r->who.agency].name_en : agency_kinds[r->who.agency].name_vi);
	html(r, "</dl>");
	html(r, "<section class=\"narrow\"><h2>%s</h2>", _("Change your password"));
	if (problem)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", problem);
	if (done)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", done);
	html(r, "<form method=\"post\" action=\"/account/password\" class=\"stack\">");
	form_csrf(r);
	html(r,
	     "<label>%s <input name=\"current\" type=\"password\" autocomplete=\"current-password\" required></label>"
	     "<label>%s <input name=\"password\" type=\"password\" autocomplete=\"new-password\" required"
	     " minlength=\"%d\" maxlength=\"%d\"></label>"
	     "<label>%s <input name=\"confirm\" type=\"password\" autocomplete=\"new-password\" required></label>"
	     "<p class=\"hint\">%s</p><button type=\"submit\">%s</button></form></section>",
	     _("Current password"), _("New password"), PASSWORD_MIN, PASSWORD_MAX,
	     _("New password again"), _("Changing the password signs out every other browser."),
	     _("Change password"));
	html(r, "<section class=\"narrow\"><h2>%s</h2>", _("Sign out everywhere"));
	if (out)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", out);
	html(r, "<form method=\"post\" action=\"/account/signout-all\" class=\"stack\">");
	form_csrf(r);
	html(r, "<p class=\"hint\">%s</p><button type=\"submit\">%s</button></form></section>",
	     _("Ends every session of your account on every other computer and phone, and revokes all "
	       "its API tokens. This browser stays signed in, under a new session."),
	     _("Sign out everywhere"));
	html(r, "<section class=\"narrow\"><h2>%s</h2><p><a href=\"/account/totp\">%s</a></p></section>",
	     _("Two-step sign-in"), r->user.totp_on ? _("Manage two-step sign-in") : _("Set up an authenticator app"));
	account_tokens(r, token, token_done);
	page_end(r);
}

/* POST /account/tokens: a new API token (tokens.c), shown once on the
 * account page that answers this POST; no cache keeps it (server.c sends
 * Cache-Control: no-store unless a handler says otherwise). */
enum gemis_err page_token_create(struct http_req *r)
{
	char token[TOKEN_CHARS + 1];
	enum gemis_err err = account_token_make(r, http_param(r, "label"), token);

	if (err)
		return err;
	account_page(r, NULL, NULL, NULL, token, NULL);
	sodium_memzero(token, sizeof(token));
	return GEMIS_OK;
}

enum gemis_err page_account(struct http_req *r)
{
	const char *out = http_param(r, "signedout");

	account_page(r, NULL, http_param(r, "changed") ? _("Your password was changed.") : NULL,
		     out ? arena_printf(&r->arena,
					ngettext_("Every other session was ended and %ld API token revoked.",
						  "Every other session was ended and %ld API tokens revoked.",
						  strtol(out, NULL, 10)),
					strtol(out, NULL, 10))
			 : NULL,
		     NULL, http_param(r, "revoked") ? _("The token was revoked.") : NULL);
	return GEMIS_OK;
}

/* Signs the account out everywhere: every session and API token ends;
 * this browser gets a new session, so that a copy of its old cookie ends
 * too. */
enum gemis_err page_signout_all(struct http_req *r)
{
	struct session s;
	char token[SESSION_TOKEN_CHARS + 1];
	struct db *db;
	long long revoked = 0;
	enum gemis_err err;

	if (r->by_token)
		return GEMIS_EPERM;
	err = http_db(r, &db);
	if (!err)
		err = account_sign_out_everywhere(db, &r->user, r->ip, r->now, &revoked, &r->err);
	if (!err)
		err = sessions_create(db, &http_conf(r)->sessions, r->user.id, r->now, token, &s, &r->err);
	if (err)
		return err;
	http_set_cookie(r, "gemis_session", token, -1);
	sodium_memzero(token, sizeof(token));
	return http_redirect(r, arena_printf(&r->arena, "/account?signedout=%lld", revoked));
}

enum gemis_err page_password(struct http_req *r)
{
	const char *cur = http_param_or(r, "current", ""), *pw = http_param_or(r, "password", "");
	const char *confirm = http_param_or(r, "confirm", ""), *problem;
	const struct snapshot *snap = http_snap(r);
	struct account_change c;
	struct user_rec u;
	struct session s;
	char token[SESSION_TOKEN_CHARS + 1];
	struct db *db;
	enum gemis_err err;
	long wait = 0;
	bool ok = false;

	if (r->by_token)
		return GEMIS_EPERM;
	if (!snap)
		return GEMIS_EDB;
	err = http_db(r, &db);
	if (err)
		return err;
	err = password_attempt(db, &http_conf(r)->sessions, r->user.name, r->ip, r->now, cur, SIGNIN_PASSWORD,
			       &u, &ok, &wait, &r->err);
	if (err)
		return err;
	if (wait > 0) {
		r->retry_after = wait;
		account_page(r, too_many(r, wait), NULL, NULL, NULL, NULL);
		return http_keep_body(r, GEMIS_ELIMIT);
	}
	if (!ok) {
		account_page(r, _("The current password is wrong."), NULL, NULL, NULL, NULL);
		return http_keep_body(r, GEMIS_EINVAL);
	}
	problem = password_problem(pw, r->user.name);
	if (!problem && strcmp(pw, confirm) != 0)
		problem = N_("the two new passwords differ");
	if (problem) {
		account_page(r, _(problem), NULL, NULL, NULL, NULL);
		return http_keep_body(r, GEMIS_EINVAL);
	}
	c = (struct account_change){"password", r->user.role, r->who.unit, r->user.name};
	err = case_account_password(db, &snap->tree, &r->who, &c, r->user.id, pw, &r->err);
	if (!err)
		err = sessions_create(db, &http_conf(r)->sessions, r->user.id, r->now, token, &s, &r->err);
	if (err)
		return err;
	http_set_cookie(r, "gemis_session", token, -1);
	sodium_memzero(token, sizeof(token));
	return http_redirect(r, "/account?changed=1");
}

enum gemis_err page_health(struct http_req *r)
{
	r->ctype = "text/plain; charset=utf-8";
	http_write(r, "ok\n", 3);
	return GEMIS_OK;
}
