/*
 * router.c: from a parsed request to an answer: the route, its declared
 * parameters, the body, who is asking (a session cookie or an API token),
 * the CSRF check, the handler, and the error answer.  Also the helpers
 * handlers use for resources and rules.
 */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/catalog.h"
#include "core/date.h"
#include "internal.h"
#include "store/users.h"

#include "util/banned.h"

const struct route *http_route_find(struct http_server *s, struct arena *a, unsigned method,
				    const char *path, const char **args, int *nargs,
				    bool *other_method)
{
	const struct route *const *t;

	*other_method = false;
	for (t = s->conf.tables; t && *t; t++) {
		const struct route *rt;

		for (rt = *t; rt->pattern; rt++) {
			if (!http_match(a, rt->pattern, path, args, nargs))
				continue;
			if (rt->methods & method)
				return rt;
			*other_method = true;
		}
	}
	*nargs = 0;
	return NULL;
}

/* --- resources ---------------------------------------------------------- */

enum gemis_err http_db(struct http_req *r, struct db **db)
{
	enum gemis_err err = GEMIS_OK;

	if (!r->db)
		err = dbpool_get(&r->srv->pool, &r->db, &r->err);
	*db = r->db;
	return err;
}

const struct snapshot *http_snap(struct http_req *r)
{
	struct db *db;
	struct snapref *ref;

	if (r->snap)
		return r->snap;
	if (http_db(r, &db))
		return NULL;
	if (live_acquire(&r->srv->live, db, &ref, &r->err))
		return NULL;
	r->snapref = ref;
	r->snap = &ref->s;
	return r->snap;
}

void http_data_changed(struct http_req *r)
{
	if (r->grouped) {
		r->changed = true; /* after the group's commit (writers.c) */
		return;
	}
	live_changed(&r->srv->live);
}

const struct http_config *http_conf(const struct http_req *r)
{
	return &r->srv->conf;
}

const char *http_asset_version(const struct http_req *r)
{
	return r->srv->asset_version;
}

bool http_can(const struct http_req *r, enum action a, int unit, int agency)
{
	return r->signed_in && r->snap && access_allows(&r->snap->tree, &r->who, a, unit, agency);
}

enum gemis_err http_unit(struct http_req *r, const char *code, enum action a, int agency,
			 int *unit)
{
	const struct snapshot *s = http_snap(r);

	*unit = -1;
	if (!s)
		return r->err.code ? r->err.code : GEMIS_EDB;
	*unit = code ? tree_find(&s->tree, code) : -1;
	if (*unit < 0) {
		if (r->signed_in && r->who.role == ROLE_ADMIN)
			return http_fail(r, GEMIS_ENOTFOUND, "%s", _("no such unit"));
		return GEMIS_EPERM;
	}
	if (!http_can(r, a, *unit, agency))
		return GEMIS_EPERM;
	return GEMIS_OK;
}

enum gemis_err http_unit_or_own(struct http_req *r, const char *code, enum action a, int *unit)
{
	const struct snapshot *s = http_snap(r);

	if (!code && s && r->signed_in && r->who.unit >= 0 && (size_t)r->who.unit < s->tree.n)
		code = s->tree.units[r->who.unit].code;
	return http_unit(r, code, a, -1, unit);
}

enum gemis_err http_list_scope(struct http_req *r, enum action a, int *unit, int *year)
{
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit_or_own(r, http_param(r, "unit"), a, unit);
	if (!err)
		*year = http_year_or_this(r);
	return err;
}

enum gemis_err http_unit_record(struct http_req *r, enum action a, bool (*parse_id)(const char *s, long long *id),
				int *unit, long long *id)
{
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), a, -1, unit);
	if (err)
		return err;
	return parse_id(http_arg(r, 1), id) ? GEMIS_OK : GEMIS_ENOTFOUND;
}

int http_year_or_this(const struct http_req *r)
{
	return http_param_year(r, "year", http_today(r) / 10000);
}

int http_today(const struct http_req *r)
{
	const char *o = getenv("GEMIS_TODAY");
	struct date d;

	if (o && date_parse_iso(o, strlen(o), &d))
		return date_ymd(d);
	return date_ymd(vn_date(r->now));
}

long long http_judged_at(const struct http_req *r)
{
	if (getenv("GEMIS_TODAY"))
		return vn_day_end(date_from_ymd(http_today(r))) - 1;
	return r->now;
}

/* --- who is asking ------------------------------------------------------ */

static bool hex64(const char *s)
{
	size_t i;

	if (!s || strlen(s) != 64)
		return false;
	for (i = 0; i < 64; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return true;
}

static enum gemis_err identify(struct http_req *r)
{
	const struct snapshot *s;
	const char *auth = http_header(r, "Authorization");
	const char *cookie;
	struct db *db;
	enum gemis_err err;
	bool found = false;
	/* reads may trust what an earlier request learnt; writes always ask
	 * the database (see authcache.c) */
	bool cacheable = r->method == HTTP_GET;
	unsigned char key[AUTHCACHE_KEY_BYTES];
	struct authcache_stamp stamp;

	err = http_db(r, &db);
	if (err)
		return err;
	s = http_snap(r);
	if (!s)
		return r->err.code ? r->err.code : GEMIS_EDB;
	stamp = authcache_stamp(&r->srv->auth, atomic_load(&r->srv->live.accounts_version));
	if (auth && (r->route->flags & ROUTE_API)) {
		char token[HTTP_CREDENTIAL_MAX + 1];

		switch (http_bearer(auth, strlen(auth), token, sizeof(token))) {
		case HTTP_AUTH_BEARER:
			break;
		case HTTP_AUTH_OTHER:
			return http_fail(r, GEMIS_EAUTH, "%s", _("unsupported authorization"));
		case HTTP_AUTH_MALFORMED:
			return http_fail(r, GEMIS_EAUTH, "%s", _("unknown or revoked token"));
		}
		authcache_key("token", token, key);
		found = cacheable && authcache_get(&r->srv->auth, key, stamp, r->now, &r->user, NULL);
		if (!found) {
			err = tokens_lookup(db, token, &r->user, &found, &r->err);
			if (err)
				return err;
			if (found && cacheable)
				authcache_put(&r->srv->auth, key, stamp, r->now, &r->user, NULL);
		}
		if (!found || principal_of(&s->tree, &r->user, &r->who))
			return http_fail(r, GEMIS_EAUTH, "%s", _("unknown or revoked token"));
		r->signed_in = true;
		r->by_token = true;
		return GEMIS_OK;
	}
	cookie = http_cookie(r, "gemis_session");
	if (cookie) {
		authcache_key("session", cookie, key);
		found = cacheable &&
			authcache_get(&r->srv->auth, key, stamp, r->now, &r->user, &r->session);
		if (!found) {
			err = sessions_lookup(db, &r->srv->conf.sessions, cookie, r->now, &r->session,
					      &r->user, &found, &r->err);
			if (err)
				return err;
			if (found && cacheable)
				authcache_put(&r->srv->auth, key, stamp, r->now, &r->user, &r->session);
		}
		if (found && principal_of(&s->tree, &r->user, &r->who) == GEMIS_OK) {
			r->signed_in = true;
			memcpy(r->csrf, r->session.csrf, sizeof(r->csrf));
			return GEMIS_OK;
		}
		/* an ended session: forget the cookie */
		http_set_cookie(r, "gemis_session", "", 0);
	}
	/* not signed in: forms (the sign-in form) carry a token bound to a
	 * cookie of their own, so that another site cannot post them */
	cookie = http_cookie(r, "gemis_pre");
	if (hex64(cookie)) {
		memcpy(r->csrf, cookie, 65);
	} else {
		unsigned char raw[32];

		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(r->csrf, sizeof(r->csrf), raw, sizeof(raw));
		http_set_cookie(r, "gemis_pre", r->csrf, -1);
	}
	return GEMIS_OK;
}

/* True when a browser session of an account whose role must sign in with
 * a code, and has not enrolled an authenticator yet, asks for anything
 * but its enrolment.  API tokens are made by a signed-in person or an
 * admin on the command line, and go on working. */
static bool must_enrol(const struct http_req *r)
{
	const struct http_config *c = &r->srv->conf;

	return r->signed_in && !r->by_token && !r->user.totp_on && (c->two_step_roles >> r->user.role & 1u) &&
	       !(r->route->flags & ROUTE_ENROL);
}

/* The token as pages carry it: a fresh random pad and the token XORed
 * with it, in hex (2 * 32 bytes).  Every answer shows it differently, so
 * that compressing pages cannot leak it byte by byte (BREACH). */
const char *http_csrf_token(struct http_req *r)
{
	unsigned char tok[32], pad[32], out[64];
	char *hex;
	size_t i;

	if (r->csrf_masked)
		return r->csrf_masked;
	hex = arena_alloc(&r->arena, 2 * sizeof(out) + 1);
	if (!hex || strlen(r->csrf) != CSRF_CHARS ||
	    sodium_hex2bin(tok, sizeof(tok), r->csrf, CSRF_CHARS, NULL, NULL, NULL) != 0)
		return "";
	randombytes_buf(pad, sizeof(pad));
	for (i = 0; i < sizeof(tok); i++) {
		out[i] = pad[i];
		out[32 + i] = tok[i] ^ pad[i];
	}
	sodium_bin2hex(hex, 2 * sizeof(out) + 1, out, sizeof(out));
	sodium_memzero(tok, sizeof(tok));
	r->csrf_masked = hex;
	return hex;
}

static bool csrf_ok(struct http_req *r)
{
	const char *t = http_param(r, "csrf");
	unsigned char in[64], tok[32];
	char hex[CSRF_CHARS + 1];
	size_t i, n = 0;
	bool ok;

	if (!t)
		t = http_header(r, "X-CSRF-Token");
	if (!t || strlen(r->csrf) != CSRF_CHARS)
		return false;
	if (strlen(t) == CSRF_CHARS) /* the token itself */
		return sodium_memcmp(t, r->csrf, CSRF_CHARS) == 0;
	if (strlen(t) != 2 * sizeof(in) || sodium_hex2bin(in, sizeof(in), t, strlen(t), NULL, &n, NULL) != 0 ||
	    n != sizeof(in))
		return false;
	for (i = 0; i < sizeof(tok); i++)
		tok[i] = in[32 + i] ^ in[i];
	sodium_bin2hex(hex, sizeof(hex), tok, sizeof(tok));
	ok = sodium_memcmp(hex, r->csrf, CSRF_CHARS) == 0;
	sodium_memzero(tok, sizeof(tok));
	sodium_memzero(hex, sizeof(hex));
	return ok;
}

static bool has_ctype(const char *ct, const char *want)
{
	size_t n = strlen(want);

	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static enum gemis_err read_body(struct http_req *r)
{
	enum gemis_err err;
	const char *ct = r->content_type;

	if (has_ctype(ct, "application/x-www-form-urlencoded")) {
		err = http_parse_urlencoded(&r->arena, r->body, r->body_len, &r->form, &r->nform, &r->err);
	} else if (has_ctype(ct, "multipart/form-data")) {
		err = http_parse_multipart(&r->arena, ct, r->body, r->body_len, &r->form, &r->nform,
					   &r->files, &r->nfiles, &r->err);
	} else if (r->route->flags & ROUTE_API || r->body_len == 0) {
		return GEMIS_OK; /* the handler reads r->body */
	} else {
		return http_fail(r, GEMIS_EINVAL, "%s", _("unsupported content type"));
	}
	if (err)
		return err;
	err = http_check_params(r, r->route->params, r->form, r->nform, true, &r->err);
	if (!err) {
		size_t i;

		for (i = 0; i < r->nfiles; i++) {
			struct http_kv kv = {r->files[i].field, "", 0};
			const char *p = r->route->params, *hit;
			char want[80];

			snprintf(want, sizeof(want), "%s:file", kv.name);
			hit = p ? strstr(p, want) : NULL;
			if (!hit || (hit != p && hit[-1] != ' ') ||
			    (hit[strlen(want)] != '\0' && hit[strlen(want)] != ' ')) {
				if (r->route->flags & ROUTE_PRIVATE)
					return err_set(&r->err, GEMIS_EINVAL, "%s", _("an unknown parameter"));
				return err_set_at(&r->err, GEMIS_EINVAL, kv.name,
						  _("unknown parameter '%.64s'"), kv.name);
			}
		}
	}
	return err;
}

void http_pick_lang(struct http_req *r)
{
	const char *lc = http_cookie(r, "gemis_lang");

	r->lang = LANG_VI;
	if (lc && i18n_parse_lang(lc) >= 0 && strlen(lc) == 2)
		r->lang = (enum lang)i18n_parse_lang(lc);
	if (!lc && r->route && (r->route->flags & ROUTE_API)) {
		const char *al = http_header(r, "Accept-Language");

		if (al && strncasecmp(al, "en", 2) == 0)
			r->lang = LANG_EN;
	}
	i18n_set_lang(r->lang);
}

/* The route of the request and the language of its answer; an error when
 * no route takes the path (and method). */
static enum gemis_err route_and_lang(struct http_req *r)
{
	bool other = false;

	r->route = http_route_find(r->srv, &r->arena, r->method, r->path, r->args, &r->nargs, &other);
	http_pick_lang(r);
	if (!r->route) {
		if (other) {
			r->status = 405;
			return http_fail(r, GEMIS_EINVAL, "method not allowed");
		}
		return GEMIS_ENOTFOUND;
	}
	return GEMIS_OK;
}

enum gemis_err http_admit(struct http_req *r)
{
	enum gemis_err err;
	const char *ct;

	err = route_and_lang(r);
	if (err || (r->route->flags & (ROUTE_PUBLIC | ROUTE_BARE)))
		return err;
	err = identify(r);
	if (!err && !r->signed_in)
		err = GEMIS_EAUTH;
	/* a session's form carries its CSRF token in the body; anything else
	 * must bring it in the header, which is checked now */
	ct = http_header(r, "Content-Type");
	if (!err && r->method != HTTP_GET && !r->by_token &&
	    (http_header(r, "X-CSRF-Token") ||
	     !(has_ctype(ct, "application/x-www-form-urlencoded") || has_ctype(ct, "multipart/form-data"))) &&
	    !csrf_ok(r))
		err = http_fail(r, GEMIS_EPERM, "%s", _("the form is out of date or came from elsewhere"));
	if (err)
		return err;
	/* admitted: the body is read, then the request is run from the start
	 * (http_dispatch() asks again who it is); the database connection
	 * and the snapshot are not held while the body trickles in */
	if (r->snapref)
		live_put(&r->srv->live, r->snapref);
	dbpool_put(&r->srv->pool, r->db);
	r->snapref = NULL;
	r->snap = NULL;
	r->db = NULL;
	r->route = NULL;
	r->signed_in = r->by_token = false;
	sodium_memzero(&r->session, sizeof(r->session));
	memset(&r->user, 0, sizeof(r->user));
	memset(&r->who, 0, sizeof(r->who));
	sodium_memzero(r->csrf, sizeof(r->csrf));
	r->headers = NULL;
	return GEMIS_OK;
}

static enum gemis_err dispatch(struct http_req *r)
{
	enum gemis_err err = GEMIS_OK;

	err = route_and_lang(r);
	if (err)
		goto out;
	/* an empty query parameter is an absent one (a filter left at "all") */
	{
		size_t i, k = 0;

		for (i = 0; i < r->nquery; i++) {
			if (r->query[i].len > 0)
				r->query[k++] = r->query[i];
		}
		r->nquery = k;
	}
	err = http_check_params(r, r->route->params, r->query, r->nquery, false, &r->err);
	if (!err && r->method != HTTP_GET)
		err = read_body(r);
	if (err)
		goto out;
	if (!(r->route->flags & ROUTE_BARE)) {
		err = identify(r);
		if (err)
			goto out;
		if (!(r->route->flags & ROUTE_PUBLIC) && !r->signed_in) {
			err = GEMIS_EAUTH;
			goto out;
		}
		if (r->method != HTTP_GET && !r->by_token && !csrf_ok(r)) {
			err = http_fail(r, GEMIS_EPERM, "%s", _("the form is out of date or came from elsewhere"));
			goto out;
		}
		if (must_enrol(r)) {
			err = (r->route->flags & ROUTE_API)
				      ? http_fail(r, GEMIS_EPERM, "%s",
						  _("this account must turn on two-step sign-in first (/account/totp)"))
				      : http_redirect(r, "/account/totp");
			goto out;
		}
	}
	err = r->route->handler(r);
	/* a memo key claimed and not filled (the handler failed) goes to the
	 * next request that asks */
	http_memo_abandon(r);
	if (!err && r->out_failed)
		err = http_fail(r, GEMIS_ENOMEM, "the answer could not be built");
out:
	/* a sign-out, a password or a role may have changed: the triggers of
	 * migration 0101 moved the accounts version, which the next request
	 * must see at once, not at the next periodic check (reading it costs
	 * one indexed row; the cache of every other account stays good); in
	 * a group commit, once the group is committed (writers.c) */
	if (r->method != HTTP_GET && r->db && !r->grouped &&
	    live_note_accounts(&r->srv->live, r->db) != GEMIS_OK)
		authcache_forget_all(&r->srv->auth);
	if (err)
		http_render_error(r, err);
	return err;
}

/* Runs the request seeing the catalog of the snapshot current when it
 * starts (catalog_pin, core/catalog.h): an indicator added while it runs
 * is not half in its page. */
enum gemis_err http_dispatch(struct http_req *r)
{
	size_t pin = catalog_pin;
	enum gemis_err err;

	catalog_pin = live_catalog_n(&r->srv->live);
	err = dispatch(r);
	catalog_pin = pin;
	return err;
}
