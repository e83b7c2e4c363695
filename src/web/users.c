/*
 * users.c: accounts, for the admin (every account) and a commune's focal
 * point (the reporter and viewer accounts of its commune).
 *
 *   GET  /users?unit=                 the accounts of a unit and below
 *   POST /users                       creates an account
 *   POST /users/{name}/disable        disables (enable=1: enables) it and
 *                                     ends its sessions
 *   POST /users/{name}/password       sets a new password and ends its
 *                                     sessions
 *
 * Who may manage which account is access_may_manage_account(); an account
 * outside that answers 403 whether or not it exists.  Changes to the
 * accounts that hold the case register (caseworker, admin), and refused
 * attempts, go into the case access log (gbv/accounts.h).
 */
#include <sodium.h>
#include <string.h>

#include "gbv/accounts.h"
#include "store/sessions.h"
#include "web.h"

#include "util/banned.h"

struct list_ctx {
	struct http_req *r;
	int n;
};

static enum gemis_err user_row(void *ctx, const struct user_rec *u)
{
	struct list_ctx *c = ctx;
	struct http_req *r = c->r;
	int unit = tree_find(&r->snap->tree, u->unit_code), ag = u->agency[0] ? agency_find(u->agency) : -1;
	bool manage = unit >= 0 && access_may_manage_account(&r->snap->tree, &r->who, u->role, unit) &&
		      u->id != r->user.id;

	c->n++;
	html(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
	     u->name, u->full_name, role_name(u->role), unit >= 0 ? r->snap->tree.units[unit].short_name : u->unit_code,
	     ag < 0 ? u->agency : r->lang == LANG_EN ? agency_kinds[ag].name_en : agency_kinds[ag].name_vi,
	     u->disabled ? _("disabled") : _("active"));
	if (manage) {
		html(r, "<form method=\"post\" action=\"/users/%s/disable\" class=\"inline\">", u->name);
		form_csrf(r);
		if (u->disabled)
			html(r, "<input type=\"hidden\" name=\"enable\" value=\"1\"><button type=\"submit\" class=\"link\">%s</button>",
			     _("enable"));
		else
			html(r, "<button type=\"submit\" class=\"link\">%s</button>", _("disable"));
		html(r, "</form> <details class=\"inline\"><summary>%s</summary>"
			"<form method=\"post\" action=\"/users/%s/password\" class=\"stack\">",
		     _("new password"), u->name);
		form_csrf(r);
		html(r, "<input name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"%d\" required"
			" aria-label=\"%s\"><button type=\"submit\">%s</button></form></details>",
		     PASSWORD_MIN, _("New password"), _("Set"));
	}
	html(r, "</td></tr>");
	return GEMIS_OK;
}

static void add_form(struct http_req *r, int unit)
{
	const struct tree *t = &r->snap->tree;
	size_t a;
	int role;

	html(r, "<section><h2>%s</h2><form method=\"post\" action=\"/users\" class=\"stack narrow\">", _("New account"));
	form_csrf(r);
	html(r, "<label>%s <input name=\"name\" required maxlength=\"64\" autocapitalize=\"none\" pattern=\"[a-z][a-z0-9._-]{2,63}\"></label>"
		"<label>%s <input name=\"full_name\" maxlength=\"120\"></label>",
	     _("User name"), _("Name"));
	html(r, "<label>%s <select name=\"role\">", _("Role"));
	for (role = 0; role < ROLE_COUNT; role++) {
		if (r->who.role == ROLE_ADMIN || access_may_manage_account(t, &r->who, (enum role)role, r->who.unit))
			html(r, "<option value=\"%s\">%s</option>", role_id((enum role)role), role_name((enum role)role));
	}
	html(r, "</select></label>");
	if (r->who.role == ROLE_ADMIN)
		html(r, "<label>%s <input name=\"unit\" required maxlength=\"7\" value=\"%s\"></label>", _("Unit code"),
		     t->units[unit].code);
	else
		html(r, "<input type=\"hidden\" name=\"unit\" value=\"%s\">", t->units[r->who.unit].code);
	html(r, "<label>%s <select name=\"agency\"><option value=\"\">–</option>", _("Agency (reporters)"));
	for (a = 0; a < agency_kind_count; a++)
		html(r, "<option value=\"%s\">%s</option>", agency_kinds[a].id,
		     r->lang == LANG_EN ? agency_kinds[a].name_en : agency_kinds[a].name_vi);
	html(r, "</select></label><label>%s <input name=\"password\" type=\"password\" autocomplete=\"new-password\""
		" minlength=\"%d\" required></label><button type=\"submit\">%s</button></form></section>",
	     _("Password"), PASSWORD_MIN, _("Create"));
}

enum gemis_err page_users(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit"), *done = http_param(r, "done");
	struct list_ctx c = {r, 0};
	struct db *db;
	enum gemis_err err;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_USERS, &unit);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	page_begin(r, _("Users"), unit);
	html(r, "<h1>%s <small>%s</small></h1>", _("Users"), s->tree.units[unit].name);
	if (done)
		html(r, "<p class=\"ok\" role=\"status\">%s</p>", _("Done."));
	if (r->who.role == ROLE_ADMIN)
		html(r, "<p><a href=\"/signins?unit=%s\">%s</a></p>", s->tree.units[unit].code, _("Sign-in log"));
	html(r, "<div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th><th></th></tr></thead><tbody>",
	     _("User name"), _("Name"), _("Role"), _("Unit"), _("Agency"), _("State"));
	err = users_list(db, &s->tree, unit, user_row, &c, &r->err);
	html(r, "</tbody></table></div>");
	if (err)
		return err;
	add_form(r, unit);
	page_end(r);
	return GEMIS_OK;
}

struct add_args {
	const struct tree *t;
	const char *name, *full, *pw;
	enum role role;
	int unit, agency;
	long long id;
};

static enum gemis_err add_apply(struct db *db, void *ctx, struct errctx *e)
{
	struct add_args *a = ctx;

	return users_add(db, a->t, a->name, a->role, a->unit, a->agency, a->full, a->pw, &a->id, e);
}

enum gemis_err page_users_add(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *name = http_param_or(r, "name", ""), *role = http_param_or(r, "role", "");
	const char *code = http_param_or(r, "unit", ""), *ag = http_param_or(r, "agency", "");
	const char *full = http_param(r, "full_name"), *pw = http_param_or(r, "password", "");
	struct account_change c;
	struct add_args a;
	struct db *db;
	enum gemis_err err;
	int unit, rl = role_parse(role), agency = *ag ? agency_find(ag) : -1;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, code, ACT_USERS, -1, &unit);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	if (rl < 0 || (*ag && agency < 0))
		return http_fail(r, GEMIS_EINVAL, "%s", _("unknown role or agency"));
	c = (struct account_change){"create", (enum role)rl, unit, name};
	if (!access_may_manage_account(&s->tree, &r->who, (enum role)rl, unit)) {
		err = case_account_refused(db, &s->tree, &r->who, &c, &r->err);
		return err ? err : GEMIS_EPERM;
	}
	a = (struct add_args){&s->tree, name, full && *full ? full : NULL, pw, (enum role)rl, unit, agency, 0};
	err = case_account_apply(db, &s->tree, &r->who, &c, add_apply, &a, &r->err);
	if (err)
		return err;
	return http_redirect(r, arena_printf(&r->arena, "/users?unit=%s&done=1", s->tree.units[unit].code));
}

/* The account named in the path, if p may manage it; EPERM otherwise,
 * whether it exists or not.  A refused change of an account that holds the
 * case register is logged as `what`. */
static enum gemis_err managed(struct http_req *r, const char *what, struct user_rec *u, int *unit)
{
	struct account_change c;
	struct db *db;
	bool found = false;
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_db(r, &db);
	if (!err)
		err = users_find(db, http_arg(r, 0) ? http_arg(r, 0) : "", u, &found, &r->err);
	if (err)
		return err;
	*unit = found ? tree_find(&r->snap->tree, u->unit_code) : -1;
	if (!found || u->id == r->user.id)
		return GEMIS_EPERM;
	if (*unit < 0 || !access_may_manage_account(&r->snap->tree, &r->who, u->role, *unit)) {
		c = (struct account_change){what, u->role, *unit, u->name};
		err = case_account_refused(db, &r->snap->tree, &r->who, &c, &r->err);
		return err ? err : GEMIS_EPERM;
	}
	return GEMIS_OK;
}

struct disable_args {
	long long id;
	bool disable;
};

static enum gemis_err disable_apply(struct db *db, void *ctx, struct errctx *e)
{
	struct disable_args *a = ctx;
	enum gemis_err err;

	err = users_set_disabled(db, a->id, a->disable, e);
	if (!err && a->disable)
		err = sessions_end_user(db, a->id, e);
	return err;
}

enum gemis_err page_users_disable(struct http_req *r)
{
	bool enable = http_param(r, "enable") != NULL;
	const char *what = enable ? "enable" : "disable";
	struct disable_args a;
	struct account_change c;
	struct user_rec u;
	struct db *db;
	enum gemis_err err;
	int unit;

	err = managed(r, what, &u, &unit);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	a = (struct disable_args){u.id, !enable};
	c = (struct account_change){what, u.role, unit, u.name};
	err = case_account_apply(db, &r->snap->tree, &r->who, &c, disable_apply, &a, &r->err);
	if (err)
		return err;
	return http_redirect(r, arena_printf(&r->arena, "/users?unit=%s&done=1", r->snap->tree.units[unit].code));
}

enum gemis_err page_users_password(struct http_req *r)
{
	struct account_change c;
	struct user_rec u;
	struct db *db;
	enum gemis_err err;
	int unit;

	err = managed(r, "password", &u, &unit);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	c = (struct account_change){"password", u.role, unit, u.name};
	err = case_account_password(db, &r->snap->tree, &r->who, &c, u.id, http_param_or(r, "password", ""),
				    &r->err);
	if (err)
		return err;
	return http_redirect(r, arena_printf(&r->arena, "/users?unit=%s&done=1", r->snap->tree.units[unit].code));
}
