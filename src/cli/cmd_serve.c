/*
 * cmd_serve.c: gemis serve, the web application and the JSON API from the
 * same binary.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "cli.h"
#include "report/yearly.h"
#include "http/http.h"
#include "store/store.h"
#include "util/confine.h"
#include "util/text.h"
#include "web/cases.h"
#include "web/web.h"

#include "util/banned.h"

static const struct route *const serve_tables[] = {web_routes, api_routes, case_routes, NULL};

static bool parse_uint(const char *s, unsigned max, unsigned *out)
{
	long v;

	if (!text_parse_long(s, strlen(s), &v) || v < 0 || (unsigned long)v > max)
		return false;
	*out = (unsigned)v;
	return true;
}

/* --two-step: "none" or a comma-separated list of roles. */
static bool parse_roles(const char *s, unsigned *out)
{
	char word[32];
	size_t n;
	int r;

	*out = 0;
	if (strcmp(s, "none") == 0)
		return true;
	while (*s) {
		n = strcspn(s, ",");
		if (n == 0 || n >= sizeof(word))
			return false;
		memcpy(word, s, n);
		word[n] = '\0';
		r = role_parse(word);
		if (r < 0)
			return false;
		*out |= 1u << r;
		s += n + (s[n] == ',');
	}
	return *out != 0;
}

/* What the server gives up once its port is bound (util/confine.h). */
struct serve_confine {
	const char *user;   /* --user: the account to become, or NULL */
	bool off;           /* --no-confine */
	const char *db_url;
	struct confine_result done;
};

static enum gemis_err before_threads(void *ctx, struct errctx *e)
{
	struct serve_confine *sc = ctx;
	struct confine_rules rules = {{NULL}, 0};
	char dir[4096];
	const char *tmp = getenv("TMPDIR");
	enum gemis_err err;

	if (sc->user) {
		err = confine_drop_user(sc->user, e);
		if (err)
			return err;
	}
	if (sc->off)
		return GEMIS_OK;
	if (!db_reach(sc->db_url, dir, sizeof(dir), &rules.connect_port))
		return err_set(e, GEMIS_EINVAL, "the database's directory name is too long");
	/* the database's files, and the reports drawn in temporary folders */
	rules.writable[0] = tmp && *tmp ? tmp : "/tmp";
	if (dir[0])
		rules.writable[1] = dir;
	return confine_apply(&rules, &sc->done, e);
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	struct http_config c;
	struct http_server *srv = NULL;
	struct errctx e = {0};
	const char *port = NULL, *threads = NULL, *two_step = NULL;
	struct serve_confine sc = {NULL, false, NULL, {0, false}};
	bool quiet = false;
	char name[512];
	sigset_t set;
	int rc, sig;
	const struct cli_opt opts[] = {
		{"port", OPT_TEXT, &port},
		{"listen", OPT_TEXT, &c.listen},
		{"threads", OPT_TEXT, &threads},
		{"tls-cert", OPT_TEXT, &c.tls_cert},
		{"tls-key", OPT_TEXT, &c.tls_key},
		{"secure-cookies", OPT_FLAG, &c.secure_cookies},
		{"quiet", OPT_FLAG, &quiet},
		{"trust-proxy", OPT_FLAG, &c.trust_proxy},
		{"two-step", OPT_TEXT, &two_step},
		{"user", OPT_TEXT, &sc.user},
		{"no-confine", OPT_FLAG, &sc.off},
		{NULL, OPT_FLAG, NULL},
	};

	http_config_defaults(&c);
	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (port && !parse_uint(port, 65535, &c.port)) {
		fprintf(stderr, "gemis serve: --port: %s '%s'\n", _("not a port number"), port);
		return EXIT_USAGE;
	}
	if (threads && (!parse_uint(threads, 256, &c.threads) || c.threads == 0)) {
		fprintf(stderr, "gemis serve: --threads: %s '%s'\n", _("not a number of threads"), threads);
		return EXIT_USAGE;
	}
	if (two_step && !parse_roles(two_step, &c.two_step_roles)) {
		fprintf(stderr, "gemis serve: --two-step: %s '%s'\n", _("not a list of roles"), two_step);
		return EXIT_USAGE;
	}
	if (quiet)
		c.access_log = false;
	c.db_url = store_url(cli->db_opt);
	sc.db_url = c.db_url;
	c.before_threads = before_threads;
	c.before_ctx = &sc;
	c.tables = serve_tables;
	c.error_page = web_error_page;
	c.login_page = web_login_page;
	/* the server's threads inherit this mask: only this thread takes
	 * the signals that stop it */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (http_server_start(&c, &srv, &e))
		return cli_fail(&e);
	printf(_("gemis is serving %s at %s://%s%s%s:%u/\n"), store_url_display(c.db_url, name, sizeof(name)),
	       c.tls_cert ? "https" : "http", strchr(c.listen, ':') ? "[" : "", c.listen,
	       strchr(c.listen, ':') ? "]" : "", http_server_port(srv));
	if (!sc.off && !sc.done.landlock_abi)
		fprintf(stderr, "gemis serve: %s\n",
			_("this kernel has no Landlock: files and ports are not confined, only system calls"));
	printf("%s\n", _("Press Ctrl+C to stop."));
	fflush(stdout);
	sigwait(&set, &sig);
	fprintf(stderr, "%s\n", _("gemis serve: stopping"));
	http_server_stop(srv);
	/* the fonts of reports drawn while serving (leak checkers count them) */
	report_release_fonts();
	return EXIT_OK;
}
