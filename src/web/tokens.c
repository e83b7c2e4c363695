/*
 * tokens.c: an account's API tokens on its account page (docs/web.md),
 * as `gemis token create|list|revoke` does on the command line.
 *
 *   POST /account/tokens             label   make one (auth.c shows the
 *                                            account page with it, once, in
 *                                            the answer to this POST, never
 *                                            in a URL or a redirect)
 *   POST /account/tokens/{id}/revoke         end one of one's own
 *
 * Only from a signed-in browser: a request made with a token may not make
 * or end tokens (403), as it may not change the password.  A token acts as
 * the account; for a caseworker or an admin, making one is written to the
 * case access log, as on the command line (gbv/accounts.h).  Only digests
 * of the tokens are stored (store/users.h).
 */
#include <stdlib.h>
#include <string.h>

#include "gbv/accounts.h"
#include "store/users.h"
#include "web.h"

#include "util/banned.h"

struct token_rows {
	struct http_req *r;
	int n;
};

static enum gemis_err token_row(void *ctx, const struct token_rec *t)
{
	struct token_rows *c = ctx;
	struct http_req *r = c->r;

	c->n++;
	html(r, "<tr%s><td>%s</td><td>%s</td><td>%s</td><td>", t->revoked_at ? " class=\"muted\"" : "",
	     t->label[0] ? t->label : "–", fmt_time(r, t->created_at),
	     t->last_used_at ? fmt_time(r, t->last_used_at) : _("never"));
	if (t->revoked_at) {
		html(r, "%s %s</td></tr>", _("revoked"), fmt_time(r, t->revoked_at));
		return GEMIS_OK;
	}
	html(r, "<form method=\"post\" action=\"/account/tokens/%lld/revoke\" class=\"inline\">", t->id);
	form_csrf(r);
	html(r, "<button type=\"submit\" class=\"secondary\">%s</button></form></td></tr>", _("Revoke"));
	return GEMIS_OK;
}

void account_tokens(struct http_req *r, const char *token, const char *done)
{
	struct token_rows c = {r, 0};
	struct db *db;

	html(r, "<section class=\"narrow\" id=\"tokens\"><h2>%s</h2>", _("API tokens"));
	html(r, "<p class=\"hint\">%s</p>",
	     _("A token lets a program use the API as your account, with your rights. Keep it "
	       "secret; revoke it when the program no longer needs it."));
	if (token) {
		html(r, "<div class=\"ok\" role=\"status\"><p>%s</p><p><code class=\"token\" id=\"new-token\">%s</code></p></div>",
		     _("Your new token. Copy it now: it is shown only once."), token);
	}
	if (done)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", done);
	if (!http_db(r, &db)) {
		html(r, "<div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
		     _("Label"), _("Created"), _("Last used"));
		if (tokens_list(db, r->user.id, token_row, &c, &r->err))
			html(r, "<tr><td colspan=\"4\">%s</td></tr>", r->err.msg);
		html(r, "</tbody></table></div>");
		if (!c.n)
			html(r, "<p>%s</p>", _("No token yet."));
	}
	html(r, "<form method=\"post\" action=\"/account/tokens\" class=\"stack\">");
	form_csrf(r);
	html(r, "<label>%s <input name=\"label\" maxlength=\"120\" autocomplete=\"off\" placeholder=\"%s\"></label>"
		"<button type=\"submit\">%s</button></form></section>",
	     _("What it is for"), _("for example: the province's statistics script"), _("Create a token"));
}

enum gemis_err account_token_make(struct http_req *r, const char *label, char out[TOKEN_CHARS + 1])
{
	const struct snapshot *s = http_snap(r);
	struct account_change c;
	struct db *db;
	enum gemis_err err;

	if (r->by_token)
		return GEMIS_EPERM;
	if (!s)
		return GEMIS_EDB;
	err = http_db(r, &db);
	if (err)
		return err;
	c = (struct account_change){"token", r->who.role, r->who.unit, r->user.name};
	return case_account_token(db, &s->tree, &r->who, &c, r->user.id, label && label[0] ? label : NULL, out,
				  &r->err);
}

enum gemis_err page_token_revoke(struct http_req *r)
{
	const char *id = http_arg(r, 0);
	struct db *db;
	long long n = 0, tid;
	enum gemis_err err;
	char *end;

	if (r->by_token)
		return GEMIS_EPERM;
	tid = id ? strtoll(id, &end, 10) : 0;
	if (!id || *end || tid <= 0)
		return GEMIS_ENOTFOUND;
	err = http_db(r, &db);
	if (!err)
		err = tokens_revoke(db, r->user.id, tid, r->now, &n, &r->err);
	if (err)
		return err;
	/* another account's token, or one already revoked: nothing to end */
	if (n == 0)
		return http_fail(r, GEMIS_ENOTFOUND, "%s", _("no such token of yours, or already revoked"));
	return http_redirect(r, "/account?revoked=1#tokens");
}
