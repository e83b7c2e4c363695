/*
 * test_web.c: what the web application is built on, below the HTTP
 * server: the escaping template layer, the request parsers and parameter
 * kinds, sessions and sign-in throttling, the data version, the rules of
 * access, and the form workflow with its optimistic versions and the lock
 * on approved values.
 *
 * Runs on a new SQLite file, or with GEMIS_TEST_PG on an empty PostgreSQL
 * database (as test_store does), so that the workflow passes on both.
 */
#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/access.h"
#include "formats/values_csv.h"
#include "harness.h"
#include "store_fixture.h"
#include "http/html.h"
#include "http/internal.h"
#include "store/plans.h"
#include "store/sessions.h"
#include "store/snapshot.h"
#include "store/store.h"
#include "store/submissions.h"
#include "store/users.h"
#include "store/values.h"
#include "util/alloc.h"
#include "util/embed.h"
#include "web/web.h"

static struct db *db;
static struct tree tree;

static long long count(const char *sql)
{
	return fixture_count(db, sql);
}

static int setup(const char *url)
{
	return fixture_open(url, &db, &tree);
}

/* --- the template layer -------------------------------------------------- */

TEST(html_escapes_every_string)
{
	struct buf b;

	buf_init(&b, 4096);
	CHECK(html_buf(&b, "<p title=\"%s\">%s %d %zu %.3s%%</p>", "\"'><script>", "a&b<i>", -7,
		       (size_t)42, "<<<<") == GEMIS_OK);
	CHECK_STR(buf_str(&b), "<p title=\"&quot;&#39;&gt;&lt;script&gt;\">a&amp;b&lt;i&gt; -7 42 "
			       "&lt;&lt;&lt;%</p>");
	buf_reset(&b);
	CHECK(html_buf(&b, "%.1f|%02d|%lld|%c", 2.25, 5, 123456789012LL, '<') == GEMIS_OK);
	CHECK_STR(buf_str(&b), "2.2|05|123456789012|&lt;");
	buf_release(&b);
}

/* --- parsing requests ----------------------------------------------------- */

TEST(urlencoded_forms)
{
	struct arena a;
	struct http_kv *kv;
	struct errctx e = {0};
	size_t n;
	const char *good = "a=1&b=%3Cx%3E+y&c&d=Vi%E1%BB%87t&&e=";

	arena_init(&a, 0);
	CHECK(http_parse_urlencoded(&a, good, strlen(good), &kv, &n, &e) == GEMIS_OK);
	CHECK(n == 5);
	if (n == 5) {
		CHECK_STR(kv[0].name, "a");
		CHECK_STR(kv[0].value, "1");
		CHECK_STR(kv[1].value, "<x> y");
		CHECK_STR(kv[2].name, "c");
		CHECK_STR(kv[2].value, "");
		CHECK_STR(kv[3].value, "Việt");
		CHECK(kv[4].len == 0);
	}
	CHECK(http_parse_urlencoded(&a, "a=%zz", 5, &kv, &n, &e) == GEMIS_EINVAL);
	CHECK(http_parse_urlencoded(&a, "a=%4", 4, &kv, &n, &e) == GEMIS_EINVAL);
	CHECK(http_parse_urlencoded(&a, "a=%ff", 5, &kv, &n, &e) == GEMIS_EINVAL);
	CHECK(http_parse_urlencoded(&a, "a=x%00y", 7, &kv, &n, &e) == GEMIS_EINVAL);
	arena_release(&a);
}

TEST(multipart_forms)
{
	struct arena a;
	struct http_kv *kv;
	struct http_file *f;
	struct errctx e = {0};
	size_t nk, nf;
	const char *ct = "multipart/form-data; boundary=----x1";
	const char *body = "------x1\r\n"
			   "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
			   "abc\r\n"
			   "------x1\r\n"
			   "Content-Disposition: form-data; name=\"file\"; filename=\"v.csv\"\r\n"
			   "Content-Type: text/csv\r\n\r\n"
			   "unit,period\r\n03390,2026\r\n"
			   "------x1--\r\n";

	arena_init(&a, 0);
	CHECK(http_parse_multipart(&a, ct, body, strlen(body), &kv, &nk, &f, &nf, &e) == GEMIS_OK);
	CHECK(nk == 1 && nf == 1);
	if (nk == 1 && nf == 1) {
		CHECK_STR(kv[0].name, "csrf");
		CHECK_STR(kv[0].value, "abc");
		CHECK_STR(f[0].field, "file");
		CHECK_STR(f[0].filename, "v.csv");
		CHECK_STR(f[0].ctype, "text/csv");
		CHECK(f[0].len == strlen("unit,period\r\n03390,2026"));
	}
	CHECK(http_parse_multipart(&a, "multipart/form-data", body, strlen(body), &kv, &nk, &f, &nf, &e) ==
	      GEMIS_EINVAL);
	CHECK(http_parse_multipart(&a, ct, "------x1\r\nno headers end", 24, &kv, &nk, &f, &nf, &e) ==
	      GEMIS_EINVAL);
	CHECK(http_parse_multipart(&a, ct, "garbage", 7, &kv, &nk, &f, &nf, &e) == GEMIS_EINVAL);
	arena_release(&a);
}

TEST(route_patterns)
{
	struct arena a;
	const char *args[HTTP_MAX_ARGS];
	int n;

	arena_init(&a, 0);
	CHECK(http_match(&a, "/indicator/{id}", "/indicator/female_wage_workers", args, &n) && n == 1);
	CHECK_STR(args[0], "female_wage_workers");
	CHECK(!http_match(&a, "/indicator/{id}", "/indicator/", args, &n));
	CHECK(!http_match(&a, "/indicator/{id}", "/indicator/a/b", args, &n));
	CHECK(http_match(&a, "/entry/{unit}/{agency}/{year}", "/entry/03390/vhxh/2026", args, &n) && n == 3);
	CHECK_STR(args[2], "2026");
	CHECK(http_match(&a, "/static/{*}", "/static/vendor/htmx.min.js", args, &n) && n == 1);
	CHECK_STR(args[0], "vendor/htmx.min.js");
	CHECK(!http_match(&a, "/", "/x", args, &n));
	CHECK(http_match(&a, "/", "/", args, &n) && n == 0);
	arena_release(&a);
}

static enum gemis_err check1(const char *spec, const char *name, const char *value)
{
	struct http_kv kv = {name, value, strlen(value)};
	struct errctx e = {0};

	return http_check_params(NULL, spec, &kv, 1, false, &e);
}

TEST(parameter_kinds)
{
	const char *spec = "unit:code year:year p:period n:int id:id l:lang next:path t:line v_*:num";

	CHECK(check1(spec, "unit", "03390") == GEMIS_OK);
	CHECK(check1(spec, "unit", "VN") == GEMIS_OK);
	CHECK(check1(spec, "unit", "03390'") == GEMIS_EINVAL);
	CHECK(check1(spec, "unit", "vn") == GEMIS_EINVAL);
	CHECK(check1(spec, "year", "2026") == GEMIS_OK);
	CHECK(check1(spec, "year", "1989") == GEMIS_EINVAL);
	CHECK(check1(spec, "year", "20x6") == GEMIS_EINVAL);
	CHECK(check1(spec, "p", "2026Q3") == GEMIS_OK);
	CHECK(check1(spec, "p", "2026Q5") == GEMIS_EINVAL);
	CHECK(check1(spec, "n", "12") == GEMIS_OK);
	CHECK(check1(spec, "n", "-1") == GEMIS_EINVAL);
	CHECK(check1(spec, "id", "female_wage_workers") == GEMIS_OK);
	CHECK(check1(spec, "id", "Female") == GEMIS_EINVAL);
	CHECK(check1(spec, "l", "en") == GEMIS_OK);
	CHECK(check1(spec, "l", "fr") == GEMIS_EINVAL);
	CHECK(check1(spec, "next", "/indicator/x?unit=12") == GEMIS_OK);
	CHECK(check1(spec, "next", "//evil.example/") == GEMIS_EINVAL);
	CHECK(check1(spec, "next", "https://evil.example/") == GEMIS_EINVAL);
	CHECK(check1(spec, "next", "/\\evil") == GEMIS_EINVAL);
	CHECK(check1(spec, "t", "một dòng") == GEMIS_OK);
	CHECK(check1(spec, "t", "two\nlines") == GEMIS_EINVAL);
	CHECK(check1(spec, "v_12", "41,2") == GEMIS_OK);
	CHECK(check1(spec, "v_", "1") == GEMIS_EINVAL);
	CHECK(check1(spec, "color", "red") == GEMIS_EINVAL);
	CHECK(check1(NULL, "unit", "12") == GEMIS_EINVAL);
}

/* --- sessions and throttling ----------------------------------------------- */

static long long add_user(const char *name, enum role r, const char *unit, const char *agency)
{
	struct errctx e = {0};
	long long id = 0;

	if (users_add(db, &tree, name, r, tree_find(&tree, unit), agency ? agency_find(agency) : -1, NULL,
		      "a long enough password", &id, &e))
		fprintf(stderr, "add_user %s: %s\n", name, e.msg);
	return id;
}

TEST(sessions_live_and_end)
{
	struct session_policy pol = session_policy_default;
	struct session s, s2;
	struct user_rec u;
	struct errctx e = {0};
	char tok[SESSION_TOKEN_CHARS + 1], tok2[SESSION_TOKEN_CHARS + 1], hash[65], sql[200];
	long long uid = add_user("sess.user", ROLE_VIEWER, "12", NULL), now = 1800000000;
	bool found = false;

	CHECK(uid > 0);
	CHECK(sessions_create(db, &pol, uid, now, tok, &s, &e) == GEMIS_OK);
	CHECK(strlen(tok) == 64 && strlen(s.csrf) == 64 && strcmp(tok, s.csrf) != 0);
	/* only the hash is stored */
	session_token_hash(tok, hash);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM sessions WHERE token_hash = '%s'", tok);
	CHECK(count(sql) == 0);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM sessions WHERE token_hash = '%s'", hash);
	CHECK(count(sql) == 1);
	CHECK(sessions_lookup(db, &pol, tok, now + 10, &s2, &u, &found, &e) == GEMIS_OK && found);
	CHECK_STR(u.name, "sess.user");
	CHECK_STR(s2.csrf, s.csrf);
	/* a token of the wrong shape or unknown finds nothing */
	CHECK(sessions_lookup(db, &pol, "abc", now, &s2, &u, &found, &e) == GEMIS_OK && !found);
	tok2[0] = '\0';
	memset(tok2, 'a', 64);
	tok2[64] = '\0';
	CHECK(sessions_lookup(db, &pol, tok2, now, &s2, &u, &found, &e) == GEMIS_OK && !found);
	/* idle: a request within the idle time keeps it, past it ends it */
	CHECK(sessions_lookup(db, &pol, tok, now + pol.idle - 1, &s2, &u, &found, &e) == GEMIS_OK && found);
	CHECK(sessions_lookup(db, &pol, tok, now + 2 * pol.idle, &s2, &u, &found, &e) == GEMIS_OK && !found);
	CHECK(count("SELECT COUNT(*) FROM sessions") == 0);
	/* the absolute end, whatever the activity */
	CHECK(sessions_create(db, &pol, uid, now, tok, &s, &e) == GEMIS_OK);
	for (long long t = now; t < now + pol.lifetime - 60; t += pol.idle / 2)
		CHECK(sessions_lookup(db, &pol, tok, t, &s2, &u, &found, &e) == GEMIS_OK && found);
	CHECK(sessions_lookup(db, &pol, tok, now + pol.lifetime, &s2, &u, &found, &e) == GEMIS_OK && !found);
	/* sign-out, and the end of every session at a password change */
	CHECK(sessions_create(db, &pol, uid, now, tok, &s, &e) == GEMIS_OK);
	CHECK(sessions_end(db, tok, &e) == GEMIS_OK);
	CHECK(sessions_lookup(db, &pol, tok, now, &s2, &u, &found, &e) == GEMIS_OK && !found);
	CHECK(sessions_create(db, &pol, uid, now, tok, &s, &e) == GEMIS_OK);
	CHECK(sessions_create(db, &pol, uid, now, tok2, &s, &e) == GEMIS_OK);
	CHECK(account_change_password(db, uid, "short", &e) == GEMIS_EINVAL);
	CHECK(count("SELECT COUNT(*) FROM sessions") == 2);
	CHECK(account_change_password(db, uid, "another long password", &e) == GEMIS_OK);
	CHECK(count("SELECT COUNT(*) FROM sessions") == 0);
	/* a disabled account's session finds nothing */
	CHECK(sessions_create(db, &pol, uid, now, tok, &s, &e) == GEMIS_OK);
	CHECK(users_set_disabled(db, uid, true, &e) == GEMIS_OK);
	CHECK(sessions_lookup(db, &pol, tok, now, &s2, &u, &found, &e) == GEMIS_OK && !found);
	CHECK(users_set_disabled(db, uid, false, &e) == GEMIS_OK);
	CHECK(sessions_purge(db, &pol, now + pol.lifetime + 1, &e) == GEMIS_OK);
	CHECK(count("SELECT COUNT(*) FROM sessions") == 0);
}

/* Password checks slow down per account and address, doubling, without
 * holding back the owner elsewhere (issue 22: five wrong passwords locked
 * any account for 15 minutes, thirty locked every account from an
 * address). */
TEST(sign_in_throttling)
{
	struct session_policy pol = session_policy_default;
	struct errctx e = {0};
	long long now = 1800000000;
	long wait = -1;
	int i;

	CHECK(login_throttled(db, &pol, "victim", "10.0.0.1", now, &wait, &e) == GEMIS_OK && wait == 0);
	for (i = 0; i < pol.free_pair; i++)
		CHECK(login_failed(db, "victim", "10.0.0.1", now + i, &e) == GEMIS_OK);
	/* the first few are free; then each wait doubles, from the latest */
	pol.first_wait = 1;
	CHECK(login_throttled(db, &pol, "victim", "10.0.0.1", now + 2, &wait, &e) == GEMIS_OK && wait == 1);
	CHECK(login_failed(db, "victim", "10.0.0.1", now + 3, &e) == GEMIS_OK);
	CHECK(login_throttled(db, &pol, "victim", "10.0.0.1", now + 3, &wait, &e) == GEMIS_OK && wait == 2);
	CHECK(login_failed(db, "victim", "10.0.0.1", now + 5, &e) == GEMIS_OK);
	CHECK(login_throttled(db, &pol, "victim", "10.0.0.1", now + 6, &wait, &e) == GEMIS_OK && wait == 3);
	CHECK(login_throttled(db, &pol, "victim", "10.0.0.1", now + 9, &wait, &e) == GEMIS_OK && wait == 0);
	pol.first_wait = session_policy_default.first_wait;
	CHECK(login_throttled(db, &pol, "victim", "10.0.0.1", now + 9, &wait, &e) == GEMIS_OK &&
	      wait == 4 * pol.first_wait - 4);
	/* the owner, from another address, is not held back at all */
	CHECK(login_throttled(db, &pol, "victim", "10.0.0.2", now + 6, &wait, &e) == GEMIS_OK && wait == 0);
	/* the waits stop growing */
	for (i = 0; i < 40; i++)
		login_failed(db, "victim", "10.0.0.1", now + 10, &e);
	CHECK(login_throttled(db, &pol, "victim", "10.0.0.1", now + 10, &wait, &e) == GEMIS_OK &&
	      wait == pol.max_pair_wait);
	/* failures are forgotten after the window */
	CHECK(login_throttled(db, &pol, "victim", "10.0.0.1", now + 10 + pol.window, &wait, &e) == GEMIS_OK &&
	      wait == 0);
	/* an address trying many names waits too, after more failures ... */
	for (i = 0; i < pol.free_address; i++) {
		char name[32];

		snprintf(name, sizeof(name), "spray%d", i);
		login_failed(db, name, "10.9.9.9", now, &e);
	}
	CHECK(login_throttled(db, &pol, "fresh", "10.9.9.9", now, &wait, &e) == GEMIS_OK && wait == pol.first_wait);
	/* ... but not the accounts that sign in from it (a proxy many share) */
	CHECK(login_succeeded(db, "regular", "10.9.9.9", now - 100, &e) == GEMIS_OK);
	CHECK(login_throttled(db, &pol, "regular", "10.9.9.9", now, &wait, &e) == GEMIS_OK && wait == 0);
	/* a right password clears its own pair's failures, no one else's */
	login_failed(db, "victim", "10.0.0.2", now + 20, &e);
	CHECK(login_succeeded(db, "victim", "10.0.0.1", now + 20, &e) == GEMIS_OK);
	CHECK(count("SELECT COUNT(*) FROM login_failures WHERE name = 'victim' AND ip = '10.0.0.1'") == 0);
	CHECK(count("SELECT COUNT(*) FROM login_failures WHERE name = 'victim' AND ip = '10.0.0.2'") == 1);
}

/* Every password check lands in the sign-in log with its result, never
 * the password; an admin of a unit reads its subtree's rows, and names no
 * account has only at the root (issue 22 goal 7). */
struct signin_seen {
	int n;
	char names[16][200];
};

static enum gemis_err seen_row(void *ctx, const struct signin_rec *r)
{
	struct signin_seen *c = ctx;

	if (c->n < 16)
		snprintf(c->names[c->n], sizeof(c->names[0]), "%s %s %s %s %s", r->name,
			 r->unit_code[0] ? r->unit_code : "-", r->ip, signin_action_id(r->action),
			 signin_result_id(r->result));
	c->n++;
	return GEMIS_OK;
}

TEST(signin_log_records_and_scopes)
{
	struct session_policy pol = session_policy_default;
	struct errctx e = {0};
	struct user_rec u;
	struct signin_seen seen = {0};
	struct signin_query q = {0, NULL, 0, 100};
	long long now = 1900000000;
	long wait = 0;
	bool ok = false;
	int i;

	CHECK(add_user("log.lc", ROLE_VIEWER, "12", NULL) > 0);
	CHECK(add_user("log.hn", ROLE_VIEWER, "01", NULL) > 0);
	CHECK(password_attempt(db, &pol, "log.lc", "10.1.1.1", now, "a long enough password", SIGNIN_SIGNIN, &u,
			       &ok, &wait, &e) == GEMIS_OK && ok);
	CHECK(password_attempt(db, &pol, "log.lc", "10.1.1.2", now + 1, "secret guess 1", SIGNIN_SIGNIN, &u, &ok,
			       &wait, &e) == GEMIS_OK && !ok);
	CHECK(password_attempt(db, &pol, "log.hn", NULL, now + 2, "secret guess 2", SIGNIN_EXPORT, &u, &ok, &wait,
			       &e) == GEMIS_OK && !ok);
	CHECK(password_attempt(db, &pol, "no.such.name", "10.1.1.3", now + 3, "secret guess 3", SIGNIN_SIGNIN, &u,
			       &ok, &wait, &e) == GEMIS_OK && !ok);
	/* held back by the throttle: logged as such */
	for (i = 0; i < pol.free_pair + 1; i++)
		password_attempt(db, &pol, "log.hn", "10.1.1.4", now + 4, "secret guess 4", SIGNIN_SIGNIN, &u, &ok,
				 &wait, &e);
	CHECK(wait > 0);
	CHECK(count("SELECT COUNT(*) FROM signin_log WHERE name = 'log.hn' AND result = 'throttled'") == 1);
	/* never a password */
	CHECK(count("SELECT COUNT(*) FROM signin_log WHERE name LIKE '%guess%' OR ip LIKE '%guess%'") == 0);

	q.before = 0;
	CHECK(signin_log_list(db, &tree, &q, seen_row, &seen, &e) == GEMIS_OK);
	CHECK(seen.n >= 4 + pol.free_pair + 1);
	CHECK_STR(seen.names[0], "log.hn 01 10.1.1.4 signin throttled");
	/* a province's subtree: its account's rows only, no unknown names */
	memset(&seen, 0, sizeof(seen));
	q.unit = tree_find(&tree, "12");
	CHECK(signin_log_list(db, &tree, &q, seen_row, &seen, &e) == GEMIS_OK);
	CHECK(seen.n == 2);
	CHECK_STR(seen.names[0], "log.lc 12 10.1.1.2 signin wrong");
	CHECK_STR(seen.names[1], "log.lc 12 10.1.1.1 signin ok");
	/* the root sees names no account has; one name; paging */
	memset(&seen, 0, sizeof(seen));
	q = (struct signin_query){0, "no.such.name", 0, 100};
	CHECK(signin_log_list(db, &tree, &q, seen_row, &seen, &e) == GEMIS_OK);
	CHECK(seen.n == 1);
	CHECK_STR(seen.names[0], "no.such.name - 10.1.1.3 signin wrong");
	memset(&seen, 0, sizeof(seen));
	q = (struct signin_query){0, "log.hn", 0, 100};
	CHECK(signin_log_list(db, &tree, &q, seen_row, &seen, &e) == GEMIS_OK);
	CHECK(seen.n == pol.free_pair + 2);
	CHECK_STR(seen.names[seen.n - 1], "log.hn 01 cli export wrong");
	memset(&seen, 0, sizeof(seen));
	q.limit = 1;
	CHECK(signin_log_list(db, &tree, &q, seen_row, &seen, &e) == GEMIS_OK && seen.n == 1);
	/* kept for a year */
	CHECK(signin_log_purge(db, now + SIGNIN_LOG_KEEP + 10, &e) == GEMIS_OK);
	CHECK(count("SELECT COUNT(*) FROM signin_log") == 0);
}

/* Signing out everywhere ends every session and API token of the account,
 * and nobody else's. */
TEST(sign_out_everywhere)
{
	struct session_policy pol = session_policy_default;
	struct session s;
	struct user_rec u, other;
	struct errctx e = {0};
	char tok[SESSION_TOKEN_CHARS + 1], tok2[SESSION_TOKEN_CHARS + 1], tok3[SESSION_TOKEN_CHARS + 1];
	char api[TOKEN_CHARS + 1], api2[TOKEN_CHARS + 1];
	long long uid = add_user("everywhere", ROLE_VIEWER, "12", NULL), oid = add_user("bystander", ROLE_VIEWER, "12", NULL);
	long long now = (long long)time(NULL), revoked = -1;
	bool found = false;

	CHECK(uid > 0 && oid > 0);
	CHECK(sessions_create(db, &pol, uid, now, tok, &s, &e) == GEMIS_OK);
	CHECK(sessions_create(db, &pol, uid, now, tok2, &s, &e) == GEMIS_OK);
	CHECK(sessions_create(db, &pol, oid, now, tok3, &s, &e) == GEMIS_OK);
	CHECK(tokens_create(db, uid, "script", api, &e) == GEMIS_OK);
	CHECK(tokens_create(db, oid, "script", api2, &e) == GEMIS_OK);
	CHECK(users_get(db, uid, &u, &found, &e) == GEMIS_OK && found);
	CHECK(account_sign_out_everywhere(db, &u, "10.2.2.2", now, &revoked, &e) == GEMIS_OK);
	CHECK(revoked == 1);
	CHECK(sessions_lookup(db, &pol, tok, now, &s, &other, &found, &e) == GEMIS_OK && !found);
	CHECK(sessions_lookup(db, &pol, tok2, now, &s, &other, &found, &e) == GEMIS_OK && !found);
	CHECK(tokens_lookup(db, api, &other, &found, &e) == GEMIS_OK && !found);
	CHECK(sessions_lookup(db, &pol, tok3, now, &s, &other, &found, &e) == GEMIS_OK && found);
	CHECK(tokens_lookup(db, api2, &other, &found, &e) == GEMIS_OK && found);
	CHECK(count("SELECT COUNT(*) FROM signin_log WHERE name = 'everywhere' AND action = 'signout_all'"
		    " AND ip = '10.2.2.2' AND result = 'ok'") == 1);
}

/* The Cookie and Authorization headers are read by gemis's own parsers
 * (http/credentials.c), fuzzed by tests/fuzz/fuzz_http_cookie.c and
 * fuzz_http_auth.c. */
static bool cookie_is(const char *hdr, const char *name, const char *want)
{
	char v[HTTP_CREDENTIAL_MAX + 1];
	bool found = http_cookie_in(hdr, strlen(hdr), name, v, sizeof(v));

	return want ? found && strcmp(v, want) == 0 : !found;
}

static enum http_auth bearer_of(const char *hdr, char *out, size_t n)
{
	return http_bearer(hdr, strlen(hdr), out, n);
}

TEST(credentials_in_headers)
{
	char tok[HTTP_CREDENTIAL_MAX + 1], big[400];

	CHECK(cookie_is("gemis_session=abc", "gemis_session", "abc"));
	CHECK(cookie_is("a=1; gemis_session=abc; b=2", "gemis_session", "abc"));
	CHECK(cookie_is("a=1;gemis_session=abc;b=2", "gemis_session", "abc"));
	CHECK(cookie_is(" \tgemis_lang = en \t; x=y", "gemis_lang", "en"));
	CHECK(cookie_is("gemis_lang=\"vi\"", "gemis_lang", "vi"));
	CHECK(cookie_is("gemis_lang=", "gemis_lang", ""));
	/* the first of a name wins; a name is matched whole, with its case */
	CHECK(cookie_is("s=first; s=second", "s", "first"));
	CHECK(cookie_is("xs=1; s=2", "s", "2"));
	CHECK(cookie_is("S=1", "s", NULL));
	CHECK(cookie_is("__Host-gemis_session=abc; gemis_session=planted", "__Host-gemis_session", "abc"));
	/* pairs without '=', empty pairs, nothing */
	CHECK(cookie_is("junk; ;; s=ok", "s", "ok"));
	CHECK(cookie_is("", "s", NULL));
	CHECK(cookie_is(";;;", "s", NULL));
	CHECK(cookie_is("s", "s", NULL));
	/* a value with a control character, or too long, is no value */
	CHECK(cookie_is("s=a\001b", "s", NULL));
	memset(big, 'a', sizeof(big));
	memcpy(big, "s=", 2);
	big[sizeof(big) - 1] = '\0';
	CHECK(cookie_is(big, "s", NULL));

	CHECK(bearer_of("Bearer gmt_abc", tok, sizeof(tok)) == HTTP_AUTH_BEARER && strcmp(tok, "gmt_abc") == 0);
	CHECK(bearer_of("bearer  gmt_abc ", tok, sizeof(tok)) == HTTP_AUTH_BEARER && strcmp(tok, "gmt_abc") == 0);
	CHECK(bearer_of("Bearer abc+/==", tok, sizeof(tok)) == HTTP_AUTH_BEARER && strcmp(tok, "abc+/==") == 0);
	CHECK(bearer_of("Basic dXNlcjpwYXNz", tok, sizeof(tok)) == HTTP_AUTH_OTHER);
	CHECK(bearer_of("Bearer", tok, sizeof(tok)) == HTTP_AUTH_MALFORMED);
	CHECK(bearer_of("Bearer ", tok, sizeof(tok)) == HTTP_AUTH_MALFORMED);
	CHECK(bearer_of("", tok, sizeof(tok)) == HTTP_AUTH_MALFORMED);
	CHECK(bearer_of(" Bearer x", tok, sizeof(tok)) == HTTP_AUTH_MALFORMED);
	CHECK(bearer_of("Bearer a b", tok, sizeof(tok)) == HTTP_AUTH_MALFORMED);
	CHECK(bearer_of("Bearer a=b", tok, sizeof(tok)) == HTTP_AUTH_MALFORMED);
	CHECK(bearer_of("Bearer\tabc", tok, sizeof(tok)) == HTTP_AUTH_MALFORMED);
	CHECK(bearer_of("Bearer abc\r\nX-Evil: 1", tok, sizeof(tok)) == HTTP_AUTH_MALFORMED);
	CHECK(bearer_of("Bearer abcdef", tok, 4) == HTTP_AUTH_MALFORMED);
}

/* --- access ------------------------------------------------------------- */

static struct principal who(const char *name, enum role r, const char *unit, const char *agency)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "%s", name);
	p.role = r;
	p.unit = tree_find(&tree, unit);
	p.agency = agency ? agency_find(agency) : -1;
	return p;
}

TEST(access_rules)
{
	struct principal admin = who("admin", ROLE_ADMIN, "VN", NULL);
	struct principal prov = who("lc", ROLE_PROVINCE, "12", NULL);
	struct principal focal = who("f", ROLE_FOCAL, "03390", NULL);
	struct principal rep = who("r", ROLE_REPORTER, "03390", "vhxh");
	struct principal view = who("v", ROLE_VIEWER, "12", NULL);
	int bl = tree_find(&tree, "03390"), lc = tree_find(&tree, "12"), bn = tree_find(&tree, "09385");
	int sib = tree.units[bl].next_sibling >= 0 ? tree.units[bl].next_sibling : tree.units[lc].first_child;
	int vhxh = agency_find("vhxh"), yte = agency_find("yte");

	CHECK(sib != bl);
	CHECK(access_allows(&tree, &admin, ACT_APPROVE, bn, -1));
	CHECK(!access_allows(&tree, &admin, ACT_APPROVE, lc, -1)); /* forms are communes' */
	CHECK(access_allows(&tree, &prov, ACT_READ, bl, -1));
	CHECK(!access_allows(&tree, &prov, ACT_READ, bn, -1));
	CHECK(!access_allows(&tree, &prov, ACT_READ, 0, -1));
	CHECK(!access_allows(&tree, &prov, ACT_ENTER, bl, vhxh));
	CHECK(access_allows(&tree, &prov, ACT_IMPORT, bl, -1));
	CHECK(access_allows(&tree, &prov, ACT_PLAN, lc, -1));
	CHECK(!access_allows(&tree, &prov, ACT_PLAN, bl, -1));
	CHECK(access_allows(&tree, &focal, ACT_ENTER, bl, yte));
	CHECK(access_allows(&tree, &focal, ACT_APPROVE, bl, -1));
	CHECK(!access_allows(&tree, &focal, ACT_READ, sib, -1));
	CHECK(!access_allows(&tree, &focal, ACT_READ, lc, -1));
	CHECK(access_allows(&tree, &rep, ACT_ENTER, bl, vhxh));
	CHECK(!access_allows(&tree, &rep, ACT_ENTER, bl, yte));
	CHECK(!access_allows(&tree, &rep, ACT_ENTER, bl, -1));
	CHECK(!access_allows(&tree, &rep, ACT_APPROVE, bl, -1));
	CHECK(!access_allows(&tree, &rep, ACT_IMPORT, bl, -1));
	CHECK(access_allows(&tree, &view, ACT_READ, bl, -1));
	CHECK(!access_allows(&tree, &view, ACT_ENTER, bl, vhxh));
	CHECK(!access_allows(&tree, &view, ACT_IMPORT, lc, -1));
	CHECK(access_may_manage_account(&tree, &focal, ROLE_REPORTER, bl));
	CHECK(!access_may_manage_account(&tree, &focal, ROLE_FOCAL, bl));
	/* a focal point that could set a caseworker's password could read cases */
	CHECK(access_may_manage_account(&tree, &focal, ROLE_VIEWER, bl));
	CHECK(!access_may_manage_account(&tree, &focal, ROLE_CASEWORKER, bl));
	CHECK(!access_may_manage_account(&tree, &focal, ROLE_ADMIN, bl));
	CHECK(access_may_manage_account(&tree, &admin, ROLE_CASEWORKER, bl));
	CHECK(!access_may_manage_account(&tree, &focal, ROLE_REPORTER, sib));
	CHECK(!access_may_manage_account(&tree, &prov, ROLE_VIEWER, bl));
	CHECK(access_may_manage_account(&tree, &admin, ROLE_PROVINCE, lc));
}

/* --- the data version, and the form workflow ---------------------------- */

/* What the server remembers of credentials (authcache.c), without a
 * database: an entry serves only under the stamp it was filled under, for
 * a minute, for its own kind, and never past its session's end. */
TEST(auth_cache_limits)
{
	struct authcache c;
	struct authcache_stamp st, st2;
	struct user_rec u, got;
	struct session s, gs;
	unsigned char k1[AUTHCACHE_KEY_BYTES], k2[AUTHCACHE_KEY_BYTES], k3[AUTHCACHE_KEY_BYTES];
	long long now = 1800000000;

	CHECK(authcache_init(&c) == GEMIS_OK);
	memset(&u, 0, sizeof(u));
	u.id = 7;
	snprintf(u.name, sizeof(u.name), "cache.user");
	memset(&s, 0, sizeof(s));
	s.id = 3;
	s.expires_at = now + 100;
	snprintf(s.csrf, sizeof(s.csrf), "%064d", 5);
	authcache_key("token", "gmt_abc", k1);
	authcache_key("session", "gmt_abc", k2);
	authcache_key("token", "gmt_abd", k3);
	CHECK(memcmp(k1, k2, sizeof(k1)) != 0 && memcmp(k1, k3, sizeof(k1)) != 0);
	st = authcache_stamp(&c, 5);
	CHECK(!authcache_get(&c, k1, st, now, &got, NULL));
	authcache_put(&c, k1, st, now, &u, NULL);
	memset(&got, 0, sizeof(got));
	CHECK(authcache_get(&c, k1, st, now + 59, &got, NULL) && got.id == 7);
	CHECK_STR(got.name, "cache.user");
	/* another credential, or a minute later, or a clock gone back */
	CHECK(!authcache_get(&c, k3, st, now, &got, NULL));
	CHECK(!authcache_get(&c, k1, st, now + 60, &got, NULL));
	CHECK(!authcache_get(&c, k1, st, now - 1, &got, NULL));
	/* a token entry is no session, and the reverse */
	CHECK(!authcache_get(&c, k1, st, now, &got, &gs));
	/* another accounts version */
	st2 = authcache_stamp(&c, 6);
	CHECK(!authcache_get(&c, k1, st2, now, &got, NULL));
	/* a state-changing request in this process */
	authcache_forget_all(&c);
	st = authcache_stamp(&c, 5);
	CHECK(!authcache_get(&c, k1, st, now, &got, NULL));
	/* filled under a stamp taken before the forgetting: stale at once */
	st2 = st;
	authcache_forget_all(&c);
	authcache_put(&c, k1, st2, now, &u, NULL);
	CHECK(!authcache_get(&c, k1, authcache_stamp(&c, 5), now, &got, NULL));
	/* sessions: the session comes back, until its absolute end */
	st = authcache_stamp(&c, 5);
	authcache_put(&c, k2, st, now, &u, &s);
	memset(&gs, 0, sizeof(gs));
	CHECK(authcache_get(&c, k2, st, now + 10, &got, &gs) && gs.id == 3);
	CHECK_STR(gs.csrf, s.csrf);
	CHECK(!authcache_get(&c, k2, st, now + 10, &got, NULL));
	s.expires_at = now + 20;
	authcache_put(&c, k2, st, now, &u, &s);
	CHECK(authcache_get(&c, k2, st, now + 19, &got, &gs));
	CHECK(!authcache_get(&c, k2, st, now + 20, &got, &gs));
	authcache_release(&c);
	/* a released or never initialised cache remembers nothing */
	CHECK(!authcache_get(&c, k1, st, now, &got, NULL));
	authcache_put(&c, k1, st, now, &u, NULL);
}

static long long accounts_version(void)
{
	long long d = -1, a = -1;
	struct errctx e = {0};

	store_versions(db, &d, &a, &e);
	return a;
}

/* The accounts version moves whenever a credential may stop being good,
 * and not when one is merely used (migration 0101). */
TEST(accounts_version_moves_when_credentials_may_end)
{
	struct session_policy pol = session_policy_default;
	struct session s;
	struct user_rec u;
	struct errctx e = {0};
	char tok[SESSION_TOKEN_CHARS + 1], api[TOKEN_CHARS + 1];
	long long uid = add_user("version.user", ROLE_VIEWER, "12", NULL), now = time(NULL), a, d0, d1,
		  n = 0;
	bool found;

	CHECK(uid > 0);
	store_versions(db, &d0, &a, &e);
	CHECK(a >= 1);
	/* new credentials and their use move nothing */
	CHECK(sessions_create(db, &pol, uid, now, tok, &s, &e) == GEMIS_OK);
	CHECK(tokens_create(db, uid, "v", api, &e) == GEMIS_OK);
	CHECK(accounts_version() == a);
	CHECK(sessions_lookup(db, &pol, tok, now + 120, &s, &u, &found, &e) == GEMIS_OK && found);
	CHECK(tokens_lookup(db, api, &u, &found, &e) == GEMIS_OK && found);
	CHECK(accounts_version() == a);
	/* a sign-out, a revoked token, a disabled account, a new password */
	CHECK(sessions_end(db, tok, &e) == GEMIS_OK);
	CHECK(accounts_version() == a + 1);
	CHECK(tokens_revoke(db, uid, 0, now, &n, &e) == GEMIS_OK && n == 1);
	CHECK(accounts_version() == a + 2);
	CHECK(tokens_lookup(db, api, &u, &found, &e) == GEMIS_OK && !found);
	CHECK(users_set_disabled(db, uid, true, &e) == GEMIS_OK);
	CHECK(accounts_version() == a + 3);
	CHECK(users_set_disabled(db, uid, false, &e) == GEMIS_OK);
	CHECK(account_change_password(db, uid, "yet another long password", &e) == GEMIS_OK);
	CHECK(accounts_version() > a + 4);
	/* the data version is another matter */
	store_versions(db, &d1, &a, &e);
	CHECK(d1 == d0);
	sodium_memzero(api, sizeof(api));
}

static long long version(void)
{
	long long v = -1, a;
	struct errctx e = {0};

	store_versions(db, &v, &a, &e);
	return v;
}

static int load_demo_plan(void)
{
	const struct embed_file *f = embed_find("data/demo/plans/03390.json");
	json_error_t jerr;
	json_t *plan;
	struct diags d;
	struct plan_info info;
	struct errctx e = {0};
	enum gemis_err err;

	if (!f)
		return -1;
	plan = json_loadb((const char *)f->data, f->size, 0, &jerr);
	diags_init(&d, 10);
	err = plan_load(db, &tree, plan, "tester", true, &d, &info, &e);
	diags_release(&d);
	json_decref(plan);
	return err ? -1 : 0;
}

static enum gemis_err import_csv(const char *csv, struct diags *d, struct errctx *e)
{
	struct value_rows rows = {0};
	struct values_result res;
	enum gemis_err err;

	err = values_csv_parse(csv, strlen(csv), &tree, &rows, d, e);
	if (!err)
		err = values_import(db, &tree, rows.v, rows.n, "tester", "import", 0, d, &res, NULL, NULL, e);
	value_rows_release(&rows);
	return err;
}

TEST(data_version_moves_with_writes)
{
	struct diags d;
	struct errctx e = {0};
	long long v0 = version(), v1;
	struct value_rows rows = {0};
	struct values_result res;
	const char *csv = "unit,period,indicator,part,sex,value\n09385,2025,female_wage_workers,num,T,5\n"
			  "09385,2025,female_wage_workers,den,T,10\n";

	diags_init(&d, 10);
	CHECK(load_demo_plan() == 0);
	v1 = version();
	CHECK(v1 == v0 + 1);
	CHECK(import_csv(csv, &d, &e) == GEMIS_OK);
	CHECK(version() == v1 + 1);
	/* the same values again change nothing, and not the version */
	CHECK(import_csv(csv, &d, &e) == GEMIS_OK);
	CHECK(version() == v1 + 1);
	/* nor does a dry run, or a refused batch */
	values_csv_parse(csv, strlen(csv), &tree, &rows, &d, &e);
	rows.v[0].value = 6;
	CHECK(values_import(db, &tree, rows.v, rows.n, "t", "import", VALUES_DRY_RUN, &d, &res, NULL, NULL,
			    &e) == GEMIS_OK);
	CHECK(version() == v1 + 1);
	rows.v[0].value = 60;
	CHECK(values_import(db, &tree, rows.v, rows.n, "t", "import", 0, &d, &res, NULL, NULL, &e) ==
	      GEMIS_EINVAL);
	CHECK(version() == v1 + 1);
	value_rows_release(&rows);
	diags_release(&d);
}

/* The rows of a form, one per field, value = base + field index. */
static struct value_row *form_rows(const struct form *f, double base, size_t *n)
{
	struct value_row *rows = calloc(f->nfields, sizeof(*rows));
	size_t i;

	for (i = 0; i < f->nfields; i++) {
		rows[i].unit = f->unit;
		rows[i].period = f->fields[i].period;
		rows[i].ind = f->fields[i].ind;
		rows[i].part = f->fields[i].part;
		rows[i].sex = f->fields[i].sex;
		/* numerators below their denominators */
		rows[i].value = f->fields[i].part == PART_DEN ? base * 10 : base;
		rows[i].line = (long)i + 1;
	}
	*n = f->nfields;
	return rows;
}

/* The narrative act() saves and submits with (NULL: none given). */
static const char *act_narrative;
static const char *act_agency = "vhxh";

static enum gemis_err act(const struct principal *p, enum sub_action a, long long ver,
			  const struct value_row *rows, size_t n, const char *comment, struct diags *d,
			  struct submission *out, struct errctx *e)
{
	struct sub_request rq = {tree_find(&tree, "03390"), agency_find(act_agency), 2026, a, ver, rows, n,
				 comment};

	if (a == SUB_SAVE || a == SUB_SUBMIT)
		rq.narrative = act_narrative;

	diags_release(d);
	diags_init(d, 100);
	memset(e, 0, sizeof(*e));
	return submissions_act(db, &tree, p, &rq, d, out, e);
}

static enum gemis_err event_count(void *ctx, const struct sub_event *ev)
{
	char *log = ctx;
	size_t n = strlen(log);

	snprintf(log + n, 256 - n, "%s%s", n ? "," : "", ev->action);
	return GEMIS_OK;
}

TEST(form_workflow)
{
	struct principal rep = who("binhlu.vhxh", ROLE_REPORTER, "03390", "vhxh");
	struct principal yte = who("binhlu.yte", ROLE_REPORTER, "03390", "yte");
	struct principal focal = who("binhlu", ROLE_FOCAL, "03390", NULL);
	struct principal view = who("viewer", ROLE_VIEWER, "03390", NULL);
	struct form f;
	struct submission s, s2;
	struct diags d;
	struct errctx e = {0};
	struct value_row *rows;
	size_t n, i;
	int bl = tree_find(&tree, "03390"), vhxh = agency_find("vhxh");
	int fkl = catalog_find("female_key_leaders"), gka = catalog_find("gender_knowledge_access");
	long long v0, id;
	double v = 0;
	bool found = false;
	char log[256] = "";

	diags_init(&d, 100);
	/* the form follows the plan's assignments: five indicators, by sex
	 * where the indicator is reported by sex */
	CHECK(form_build(db, &tree, bl, vhxh, 2026, &f, &e) == GEMIS_OK);
	CHECK(f.has_plan && f.ninds == 5 && f.deadline_day == 30 && f.deadline_month == 11);
	CHECK(form_field_find(&f, fkl, PART_NUM, SEX_T, period_year_code(2026)) >= 0);
	CHECK(form_field_find(&f, fkl, PART_NUM, SEX_F, period_year_code(2026)) < 0);
	CHECK(form_field_find(&f, gka, PART_DEN, SEX_M, period_year_code(2026)) >= 0);
	CHECK(form_field_find(&f, gka, PART_DEN, SEX_T, period_year_code(2026)) < 0);
	rows = form_rows(&f, 3, &n);
	CHECK(n == f.nfields && n == 12);

	CHECK(submissions_get(db, &tree, bl, vhxh, 2026, &s, &e) == GEMIS_OK && s.status == SUB_NONE &&
	      s.version == 0);
	/* only the agency's reporter and the focal point enter it */
	CHECK(act(&yte, SUB_SAVE, 0, rows, 2, NULL, &d, &s, &e) == GEMIS_EPERM);
	CHECK(act(&view, SUB_SAVE, 0, rows, 2, NULL, &d, &s, &e) == GEMIS_EPERM);
	/* a draft: saved, not official */
	CHECK(act(&rep, SUB_SAVE, 0, rows, 4, NULL, &d, &s, &e) == GEMIS_OK);
	CHECK(s.status == SUB_DRAFT && s.version == 1 && s.id > 0);
	CHECK(values_get(db, &tree, bl, period_year_code(2026), fkl, PART_NUM, SEX_T, &v, &found, &e) ==
		      GEMIS_OK &&
	      !found);
	/* a save based on the old version is refused and names who changed it */
	CHECK(act(&focal, SUB_SAVE, 1, rows, 5, NULL, &d, &s2, &e) == GEMIS_OK && s2.version == 2);
	CHECK(act(&rep, SUB_SAVE, 1, rows, 6, NULL, &d, &s, &e) == GEMIS_ECONFLICT);
	CHECK(strstr(e.msg, "binhlu") != NULL);
	CHECK(act(&rep, SUB_SAVE, 0, rows, 6, NULL, &d, &s, &e) == GEMIS_ECONFLICT);
	/* problems stand by their fields: a numerator above its denominator */
	rows[0].value = 99;
	CHECK(act(&rep, SUB_SAVE, 2, rows, n, NULL, &d, &s, &e) == GEMIS_EINVAL);
	CHECK(d.total >= 1 && d.n >= 1 && (d.d[0].line == 1 || d.d[0].line == 2));
	rows[0].value = 3;
	/* submitting needs every field */
	CHECK(act(&rep, SUB_SUBMIT, 2, rows, n - 1, NULL, &d, &s, &e) == GEMIS_EINVAL);
	CHECK(d.total == 1 && d.d[0].line == (long)n);
	/* and the results of the agency's tasks: a blank one is none */
	act_narrative = " \n ";
	CHECK(act(&rep, SUB_SUBMIT, 2, rows, n, NULL, &d, &s, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "narrative");
	act_narrative = "Đã tuyên truyền 4 đợt.";
	CHECK(act(&rep, SUB_SUBMIT, 2, rows, n, NULL, &d, &s, &e) == GEMIS_OK);
	CHECK_STR(s.narrative, "Đã tuyên truyền 4 đợt.");
	/* kept when a later save does not send it */
	act_narrative = NULL;
	CHECK(s.status == SUB_SUBMITTED && s.version == 3 && s.submitted_at > 0);
	CHECK_STR(s.submitted_by, "binhlu.vhxh");
	/* submitted: no more changes until returned */
	CHECK(act(&rep, SUB_SAVE, 3, rows, n, NULL, &d, &s, &e) == GEMIS_ECONFLICT);
	/* the reporter does not approve; returning needs a comment */
	CHECK(act(&rep, SUB_APPROVE, 3, NULL, 0, NULL, &d, &s, &e) == GEMIS_EPERM);
	CHECK(act(&focal, SUB_RETURN, 3, NULL, 0, "", &d, &s, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "comment");
	CHECK(act(&focal, SUB_RETURN, 3, NULL, 0, "check the leaders", &d, &s, &e) == GEMIS_OK);
	CHECK(s.status == SUB_RETURNED && s.version == 4);
	CHECK_STR(s.comment, "check the leaders");
	CHECK(act(&rep, SUB_SAVE, 4, rows, n, NULL, &d, &s, &e) == GEMIS_OK && s.status == SUB_RETURNED);
	CHECK(act(&rep, SUB_SUBMIT, 5, rows, n, NULL, &d, &s, &e) == GEMIS_OK && s.status == SUB_SUBMITTED);
	/* approval makes the values official, with the reporter as author,
	 * and moves the data version */
	v0 = version();
	CHECK(act(&focal, SUB_APPROVE, 6, NULL, 0, NULL, &d, &s, &e) == GEMIS_OK);
	CHECK(s.status == SUB_APPROVED && s.version == 7);
	CHECK_STR(s.decided_by, "binhlu");
	CHECK(version() == v0 + 1);
	CHECK(values_get(db, &tree, bl, period_year_code(2026), fkl, PART_NUM, SEX_T, &v, &found, &e) ==
		      GEMIS_OK &&
	      found && v == 3);
	CHECK(count("SELECT COUNT(*) FROM value_audit WHERE changed_by = 'binhlu.vhxh' AND source = 'form'") ==
	      (long long)n);
	/* approved values are locked for every writer, identical ones pass */
	CHECK(import_csv("unit,period,indicator,part,sex,value\n03390,2026,female_key_leaders,num,T,4\n", &d,
			 &e) == GEMIS_EINVAL);
	CHECK(d.total == 1 && strstr(d.d[0].msg, "vhxh") != NULL);
	diags_release(&d);
	diags_init(&d, 10);
	CHECK(import_csv("unit,period,indicator,part,sex,value\n03390,2026,female_key_leaders,num,T,3\n", &d,
			 &e) == GEMIS_OK);
	CHECK(act(&focal, SUB_APPROVE, 7, NULL, 0, NULL, &d, &s, &e) == GEMIS_ECONFLICT);
	CHECK(act(&rep, SUB_REOPEN, 7, NULL, 0, NULL, &d, &s, &e) == GEMIS_EPERM);
	/* reopened: the lock goes, the official values stay */
	CHECK(act(&focal, SUB_REOPEN, 7, NULL, 0, "a correction", &d, &s, &e) == GEMIS_OK);
	CHECK(s.status == SUB_DRAFT && s.version == 8);
	id = s.id;
	diags_release(&d);
	diags_init(&d, 10);
	CHECK(import_csv("unit,period,indicator,part,sex,value\n03390,2026,female_key_leaders,num,T,4\n", &d,
			 &e) == GEMIS_OK);
	CHECK(act(&focal, SUB_REOPEN, 8, NULL, 0, NULL, &d, &s, &e) == GEMIS_ECONFLICT);
	/* the history, oldest first */
	CHECK(submissions_events(db, id, event_count, log, &e) == GEMIS_OK);
	CHECK_STR(log, "save,save,submit,return,save,submit,approve,reopen");
	/* a field that is not on the form */
	for (i = 0; i < n; i++)
		rows[i].value = rows[i].part == PART_DEN ? 30 : 3;
	rows[0].ind = catalog_find("sex_ratio_at_birth");
	CHECK(act(&rep, SUB_SAVE, 8, rows, n, NULL, &d, &s, &e) == GEMIS_EINVAL);
	CHECK(d.total == 1 && d.d[0].line == 1);
	CHECK(submissions_get(db, &tree, bl, vhxh, 2026, &s, &e) == GEMIS_OK);
	CHECK_STR(s.narrative, "Đã tuyên truyền 4 đợt.");
	free(rows);
	form_release(&f);
	diags_release(&d);
}

/* Regression: when an allocation failed in the check of a submitted form,
 * the check that every field is filled in (or the checks across rows) was
 * skipped and an incomplete (or wrong) form went through.  Every allocation
 * of a submission is made to fail in turn: the form is refused each time
 * and stays as it was. */
TEST(incomplete_form_refused_when_memory_runs_out)
{
	struct principal rep = who("binhlu.vhxh", ROLE_REPORTER, "03390", "vhxh");
	struct form f;
	struct submission s, before;
	struct diags d;
	struct errctx e = {0};
	struct value_row *rows;
	size_t n;
	unsigned long k, allocs;
	int bl = tree_find(&tree, "03390"), vhxh = agency_find("vhxh");
	enum gemis_err err;

	diags_init(&d, 100);
	CHECK(form_build(db, &tree, bl, vhxh, 2026, &f, &e) == GEMIS_OK);
	rows = form_rows(&f, 3, &n);
	CHECK(submissions_get(db, &tree, bl, vhxh, 2026, &before, &e) == GEMIS_OK);
	CHECK(before.status == SUB_DRAFT || before.status == SUB_RETURNED);
	/* how many allocations a submission makes */
	alloc_fail_at(0);
	CHECK(act(&rep, SUB_SUBMIT, before.version, rows, n - 1, NULL, &d, &s, &e) == GEMIS_EINVAL);
	allocs = alloc_fail_at(0);
	CHECK(allocs >= 3);
	for (k = 1; k <= allocs; k++) {
		alloc_fail_at(k);
		err = act(&rep, SUB_SUBMIT, before.version, rows, n - 1, NULL, &d, &s, &e);
		alloc_fail_at(0);
		if (err != GEMIS_ENOMEM && err != GEMIS_EINVAL)
			fprintf(stderr, "  allocation %lu failed: the submission returned %s (%s)\n", k, err_name(err), e.msg);
		CHECK(err == GEMIS_ENOMEM || err == GEMIS_EINVAL);
	}
	/* complete, but a numerator above its denominator */
	rows[0].value = 99;
	alloc_fail_at(0);
	CHECK(act(&rep, SUB_SUBMIT, before.version, rows, n, NULL, &d, &s, &e) == GEMIS_EINVAL);
	allocs = alloc_fail_at(0);
	for (k = 1; k <= allocs; k++) {
		alloc_fail_at(k);
		err = act(&rep, SUB_SUBMIT, before.version, rows, n, NULL, &d, &s, &e);
		alloc_fail_at(0);
		if (err != GEMIS_ENOMEM && err != GEMIS_EINVAL)
			fprintf(stderr, "  allocation %lu failed: the submission returned %s (%s)\n", k, err_name(err), e.msg);
		CHECK(err == GEMIS_ENOMEM || err == GEMIS_EINVAL);
	}
	CHECK(submissions_get(db, &tree, bl, vhxh, 2026, &s, &e) == GEMIS_OK);
	CHECK(s.status == before.status && s.version == before.version);
	free(rows);
	form_release(&f);
	diags_release(&d);
}

/* The entry page's POST, handled on this thread by page_entry_post()
 * itself: the server runs handlers on its own threads, where
 * alloc_fail_at() does not reach.  The form of 03390's culture-social
 * office for 2026, as `p`, with the fields kv; *r is the request after
 * (the caller releases its arena and answer). */
static enum gemis_err post_entry(const struct snapshot *snap, const struct principal *p, struct http_kv *kv,
				 size_t nkv, struct http_req *r)
{
	static struct http_server srv;

	memset(r, 0, sizeof(*r));
	r->srv = &srv;
	arena_init(&r->arena, (size_t)64 << 20);
	buf_init(&r->out, (size_t)64 << 20);
	r->method = HTTP_POST;
	r->path = "/entry/03390/vhxh/2026";
	r->args[0] = "03390";
	r->args[1] = "vhxh";
	r->args[2] = "2026";
	r->nargs = 3;
	r->form = kv;
	r->nform = nkv;
	r->now = (long long)time(NULL);
	r->lang = LANG_VI;
	r->signed_in = true;
	r->who = *p;
	snprintf(r->user.name, sizeof(r->user.name), "%s", p->name);
	r->db = db;
	r->snap = snap;
	return page_entry_post(r);
}

static size_t occurrences(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

/* Regression (issue 21): when one box of a submitted form did not read,
 * the entry page still checks the others together (a numerator above its
 * denominator), and a failed allocation in that check was ignored: the
 * page answered a list of problems that silently missed it.  Every
 * allocation of the page is made to fail in turn: each answer is "out of
 * memory" or the whole list of problems, never part of it. */
TEST(entry_page_never_answers_part_of_the_problems)
{
	struct principal rep = who("binhlu.vhxh", ROLE_REPORTER, "03390", "vhxh");
	struct snapshot snap;
	struct form f;
	struct submission before, after;
	struct errctx e = {0};
	struct http_req r;
	struct http_kv *kv;
	char (*names)[32], version[24];
	size_t i, nkv = 0, want;
	unsigned long k, allocs;
	long numerator = -1;
	int bl = tree_find(&tree, "03390"), vhxh = agency_find("vhxh");
	enum gemis_err err;

	CHECK(snapshot_load(db, &snap, &e) == GEMIS_OK);
	CHECK(form_build(db, &tree, bl, vhxh, 2026, &f, &e) == GEMIS_OK);
	CHECK(submissions_get(db, &tree, bl, vhxh, 2026, &before, &e) == GEMIS_OK);
	kv = calloc(f.nfields + 3, sizeof(*kv));
	names = calloc(f.nfields + 1, sizeof(*names));
	/* numerators 3, denominators 30; the first numerator 99, above its
	 * denominator; the last box does not read */
	for (i = 0; i < f.nfields; i++) {
		snprintf(names[i], sizeof(names[i]), "v_%zu", i);
		kv[nkv].name = names[i];
		kv[nkv].value = f.fields[i].part == PART_DEN ? "30" : "3";
		if (f.fields[i].part == PART_NUM && numerator < 0 && catalog[f.fields[i].ind].kind == IND_RATIO) {
			numerator = (long)i;
			kv[nkv].value = "99";
		}
		if (i + 1 == f.nfields)
			kv[nkv].value = "abc";
		kv[nkv].len = strlen(kv[nkv].value);
		nkv++;
	}
	CHECK(numerator >= 0 && (size_t)numerator + 1 < f.nfields &&
	      f.fields[f.nfields - 1].ind != f.fields[numerator].ind);
	snprintf(version, sizeof(version), "%lld", before.version);
	kv[nkv++] = (struct http_kv){"action", "submit", 6};
	kv[nkv++] = (struct http_kv){"version", version, strlen(version)};
	kv[nkv++] = (struct http_kv){"narrative", "Đã tuyên truyền 4 đợt.", strlen("Đã tuyên truyền 4 đợt.")};
	/* without a failure: both problems, each at its box */
	alloc_fail_at(0);
	err = post_entry(&snap, &rep, kv, nkv, &r);
	allocs = alloc_fail_at(0);
	CHECK(err == GEMIS_EINVAL && !r.out_failed);
	want = occurrences(buf_str(&r.out), "aria-invalid=\"true\"");
	CHECK(want == 2);
	CHECK(strstr(buf_str(&r.out), "99") != NULL);
	arena_release(&r.arena);
	buf_release(&r.out);
	CHECK(allocs >= 3);
	for (k = 1; k <= allocs; k++) {
		bool whole;

		alloc_fail_at(k);
		err = post_entry(&snap, &rep, kv, nkv, &r);
		alloc_fail_at(0);
		whole = err == GEMIS_EINVAL && occurrences(buf_str(&r.out), "aria-invalid=\"true\"") == want;
		if (err != GEMIS_ENOMEM && !r.out_failed && !whole)
			fprintf(stderr, "  allocation %lu of %lu failed: the page answered %s with %zu of %zu problems\n", k,
				allocs, err_name(err), occurrences(buf_str(&r.out), "aria-invalid=\"true\""), want);
		CHECK(err == GEMIS_ENOMEM || r.out_failed || whole);
		arena_release(&r.arena);
		buf_release(&r.out);
	}
	/* nothing was saved */
	CHECK(submissions_get(db, &tree, bl, vhxh, 2026, &after, &e) == GEMIS_OK);
	CHECK(after.status == before.status && after.version == before.version);
	free(kv);
	free(names);
	form_release(&f);
	snapshot_release(&snap);
}

/* An agency the plan gives duties but no indicators owes a report of its
 * tasks and a narrative; one without duties owes nothing (issue 12). */
TEST(report_without_indicators)
{
	struct principal focal = who("binhlu", ROLE_FOCAL, "03390", NULL);
	struct form f;
	struct submission s;
	struct diags d;
	struct errctx e = {0};
	int bl = tree_find(&tree, "03390");

	diags_init(&d, 10);
	CHECK(form_build(db, &tree, bl, agency_find("vanphong"), 2026, &f, &e) == GEMIS_OK);
	CHECK(f.has_plan && f.owes && f.nfields == 0);
	form_release(&f);
	act_agency = "vanphong";
	act_narrative = NULL;
	CHECK(act(&focal, SUB_SUBMIT, 0, NULL, 0, NULL, &d, &s, &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "narrative");
	act_narrative = "Đã thẩm định 2 dự thảo văn bản có lồng ghép giới.";
	CHECK(act(&focal, SUB_SUBMIT, 0, NULL, 0, NULL, &d, &s, &e) == GEMIS_OK);
	CHECK(s.status == SUB_SUBMITTED && s.submitted_at > 0);
	/* the Women's Union has no duties in this plan */
	CHECK(form_build(db, &tree, bl, agency_find("hoiphunu"), 2026, &f, &e) == GEMIS_OK);
	CHECK(f.has_plan && !f.owes);
	form_release(&f);
	act_agency = "hoiphunu";
	CHECK(act(&focal, SUB_SAVE, 0, NULL, 0, NULL, &d, &s, &e) == GEMIS_EINVAL);
	act_agency = "vhxh";
	act_narrative = NULL;
	diags_release(&d);
}

TEST(forms_without_a_plan)
{
	struct form f;
	struct errctx e = {0};
	int *ag = NULL;
	size_t n = 9;

	CHECK(form_build(db, &tree, tree_find(&tree, "10816"), agency_find("vhxh"), 2026, &f, &e) == GEMIS_OK);
	CHECK(!f.has_plan && f.nfields == 0);
	form_release(&f);
	/* every agency the plan gives duties, with indicators or not */
	CHECK(forms_expected(db, &tree, tree_find(&tree, "03390"), 2026, &ag, &n, &f, &e) == GEMIS_OK);
	CHECK(n == 8 && f.has_plan);
	free(ag);
}

/* Indicators tied to "all" are owed by every agency the plan gives duties,
 * in the forms as in the reporting computation (report/planview.h). */
TEST(forms_for_all_agencies)
{
	struct form f;
	struct errctx e = {0};
	struct diags d;
	struct plan_info info;
	json_error_t jerr;
	int *ag = NULL, u = tree_find(&tree, "03394");
	size_t n = 0, i;
	bool yte = false, vhxh = false;
	json_t *plan = json_loads(
		"{\"document\": {\"unit\": {\"code\": \"03394\"}, \"period\": [2026, 2030]},"
		" \"targets\": [], \"agencies\": [\"vhxh\", \"yte\"],"
		" \"assignments\": {\"vhxh\": [\"female_key_leaders\"], \"all\": [\"orgs_informed\"]},"
		" \"deadline\": {\"day\": 30, \"month\": 11, \"year\": null, \"to\": \"vhxh\"}}",
		0, &jerr);

	CHECK(plan != NULL);
	diags_init(&d, 10);
	CHECK(plan_load(db, &tree, plan, "tester", false, &d, &info, &e) == GEMIS_OK);
	CHECK(forms_expected(db, &tree, u, 2026, &ag, &n, &f, &e) == GEMIS_OK);
	for (i = 0; i < n; i++) {
		vhxh |= ag[i] == agency_find("vhxh");
		yte |= ag[i] == agency_find("yte");
	}
	CHECK(n == 2 && vhxh && yte);
	free(ag);
	CHECK(form_build(db, &tree, u, agency_find("yte"), 2026, &f, &e) == GEMIS_OK);
	CHECK(f.ninds == 1 && form_field_find(&f, catalog_find("orgs_informed"), PART_NUM, SEX_T,
					      period_year_code(2026)) >= 0);
	form_release(&f);
	CHECK(form_build(db, &tree, u, agency_find("vhxh"), 2026, &f, &e) == GEMIS_OK);
	CHECK(f.ninds == 2);
	form_release(&f);
	/* an agency the plan gives no duties owes nothing */
	CHECK(form_build(db, &tree, u, agency_find("congan"), 2026, &f, &e) == GEMIS_OK);
	CHECK(f.ninds == 0 && !f.owes);
	form_release(&f);
	diags_release(&d);
	json_decref(plan);
}

/* A form belongs to its period, not to the plan: a plan that asks nothing
 * of the agency leaves its saved form whole (issue 20), and the plan it
 * replaced comes back in one step. */
TEST(forms_belong_to_the_period)
{
	struct form f;
	struct errctx e = {0};
	struct diags d;
	struct plan_info info;
	json_error_t jerr;
	int *ag = NULL, bl = tree_find(&tree, "03390"), vhxh = agency_find("vhxh");
	size_t n = 0, i;
	bool listed = false;
	long long before = 0, after = 0;
	json_t *plan = json_loads("{\"document\": {\"unit\": {\"code\": \"03390\"}, \"period\": [2026, 2026]},"
				  " \"targets\": [], \"agencies\": [\"kinhte\"], \"assignments\": {}}",
				  0, &jerr);

	CHECK(plan != NULL);
	diags_init(&d, 10);
	CHECK(plan_in_force_id(db, &tree, bl, &before, &e) == GEMIS_OK && before > 0);
	CHECK(plan_load(db, &tree, plan, "tester", false, &d, &info, &e) == GEMIS_OK);
	CHECK(plan_in_force_id(db, &tree, bl, &after, &e) == GEMIS_OK && after != before);
	/* the culture office's form (saved by form_workflow) keeps its fields */
	CHECK(form_build(db, &tree, bl, vhxh, 2026, &f, &e) == GEMIS_OK);
	CHECK(f.ninds == 5 && f.nfields == 12);
	form_release(&f);
	CHECK(forms_expected(db, &tree, bl, 2026, &ag, &n, &f, &e) == GEMIS_OK);
	for (i = 0; i < n; i++)
		listed |= ag[i] == vhxh;
	CHECK(listed);
	free(ag);
	/* another year has no saved form: nothing */
	CHECK(form_build(db, &tree, bl, vhxh, 2027, &f, &e) == GEMIS_OK && f.nfields == 0);
	form_release(&f);
	/* undo: refused over another plan in force, or for a plan that is not
	 * an earlier one of the unit */
	CHECK(plan_restore(db, &tree, bl, before, before, "tester", &d, &info, &e) == GEMIS_ECONFLICT);
	CHECK(plan_restore(db, &tree, bl, after, after, "tester", &d, &info, &e) == GEMIS_ENOTFOUND);
	CHECK(plan_restore(db, &tree, bl, before, after, "tester", &d, &info, &e) == GEMIS_OK);
	CHECK(info.ntargets > 0);
	CHECK(form_build(db, &tree, bl, vhxh, 2026, &f, &e) == GEMIS_OK && f.ninds == 5 && f.has_plan);
	form_release(&f);
	diags_release(&d);
	json_decref(plan);
}

int main(void)
{
	const char *pg = getenv("GEMIS_TEST_PG");
	char dir[] = "/tmp/gemis-web-XXXXXX", path[64];

	if (sodium_init() < 0)
		return 1;
	RUN(html_escapes_every_string);
	RUN(urlencoded_forms);
	RUN(multipart_forms);
	RUN(route_patterns);
	RUN(parameter_kinds);
	if (pg && *pg) {
		printf("backend: PostgreSQL\n");
		if (setup(pg))
			return 1;
	} else {
		if (!mkdtemp(dir))
			return 1;
		snprintf(path, sizeof(path), "%s/test.db", dir);
		printf("backend: SQLite\n");
		if (setup(path))
			return 1;
	}
	RUN(auth_cache_limits);
	RUN(sessions_live_and_end);
	RUN(accounts_version_moves_when_credentials_may_end);
	RUN(sign_in_throttling);
	RUN(signin_log_records_and_scopes);
	RUN(sign_out_everywhere);
	RUN(credentials_in_headers);
	RUN(access_rules);
	RUN(data_version_moves_with_writes);
	RUN(form_workflow);
	RUN(incomplete_form_refused_when_memory_runs_out);
	RUN(entry_page_never_answers_part_of_the_problems);
	RUN(report_without_indicators);
	RUN(forms_without_a_plan);
	RUN(forms_for_all_agencies);
	RUN(forms_belong_to_the_period);
	db_close(db);
	tree_release(&tree);
	if (!pg || !*pg) {
		char f[96];

		snprintf(f, sizeof(f), "%s-wal", path);
		unlink(f);
		snprintf(f, sizeof(f), "%s-shm", path);
		unlink(f);
		unlink(path);
		rmdir(dir);
	}
	return harness_report();
}
