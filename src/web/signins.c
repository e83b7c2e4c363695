/*
 * signins.c: the sign-in log, for admins (store/signin_log.h).
 *
 *   GET /signins?unit=&name=&before=   the sign-ins, failures and signing
 *                                      out of the accounts of a unit and
 *                                      below, newest first, a page at a time
 *
 * Only admins read it (an admin of the whole country also sees the names
 * no account has); another role gets 403 as for any page it may not use.
 */
#include <stdlib.h>

#include "store/signin_log.h"
#include "web.h"

#include "util/banned.h"

#define SIGNINS_PAGE 100

struct rows_ctx {
	struct http_req *r;
	int n;
	long long last_id;
};

static const char *action_words(enum signin_action a)
{
	switch (a) {
	case SIGNIN_SIGNIN:
		return _("sign-in");
	case SIGNIN_PASSWORD:
		return _("password change");
	case SIGNIN_EXPORT:
		return _("case export");
	case SIGNIN_SIGNOUT:
		return _("sign-out");
	case SIGNIN_SIGNOUT_ALL:
		return _("signed out everywhere");
	}
	return "";
}

static const char *result_words(enum signin_result res)
{
	switch (res) {
	case SIGNIN_OK:
		return _("ok");
	case SIGNIN_WRONG:
		return _("wrong password");
	case SIGNIN_THROTTLED:
		return _("held back: too many failures");
	}
	return "";
}

static enum gemis_err signin_row(void *ctx, const struct signin_rec *rec)
{
	struct rows_ctx *c = ctx;
	struct http_req *r = c->r;

	c->n++;
	c->last_id = rec->id;
	html(r, "<tr%s><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
	     rec->result == SIGNIN_OK ? "" : " class=\"warn\"", fmt_time(r, rec->at), rec->name,
	     rec->unit_code[0] ? rec->unit_code : _("no such account"), rec->ip, action_words(rec->action),
	     result_words(rec->result));
	return GEMIS_OK;
}

enum gemis_err page_signins(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit"), *name = http_param(r, "name"), *before = http_param(r, "before");
	struct rows_ctx c = {r, 0, 0};
	struct signin_query q;
	struct db *db;
	enum gemis_err err;
	int unit;

	if (!s)
		return GEMIS_EDB;
	if (r->who.role != ROLE_ADMIN)
		return GEMIS_EPERM;
	err = http_unit_or_own(r, code, ACT_USERS, &unit);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	q = (struct signin_query){unit, name && *name ? name : NULL, before ? strtoll(before, NULL, 10) : 0,
				 SIGNINS_PAGE};
	page_begin(r, _("Sign-in log"), unit);
	html(r, "<h1>%s <small>%s</small></h1>", _("Sign-in log"), s->tree.units[unit].name);
	html(r, "<form method=\"get\" action=\"/signins\" class=\"inline\">"
		"<input type=\"hidden\" name=\"unit\" value=\"%s\">"
		"<label>%s <input name=\"name\" maxlength=\"64\" autocapitalize=\"none\" value=\"%s\"></label> "
		"<button type=\"submit\">%s</button></form>",
	     s->tree.units[unit].code, _("User name"), q.name ? q.name : "", _("Show"));
	html(r, "<div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th></tr></thead><tbody>",
	     _("Time"), _("User name"), _("Unit"), _("Address"), _("Action"), _("Result"));
	err = signin_log_list(db, &s->tree, &q, signin_row, &c, &r->err);
	html(r, "</tbody></table></div>");
	if (err)
		return err;
	if (c.n == 0)
		html(r, "<p>%s</p>", _("Nothing recorded."));
	else if (c.n == SIGNINS_PAGE)
		html(r, "<p><a href=\"/signins?unit=%s&amp;name=%s&amp;before=%lld\">%s</a></p>",
		     s->tree.units[unit].code, http_url_encode(r, q.name ? q.name : ""), c.last_id, _("Older"));
	page_end(r);
	return GEMIS_OK;
}
