/*
 * cmd_serve.c: gemis serve, the web application and the JSON API from the
 * same binary.
 */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "cli.h"
#include "report/yearly.h"
#include "http/http.h"
#include "store/store.h"
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

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"port", required_argument, NULL, 'p'},
		{"listen", required_argument, NULL, 'l'},
		{"threads", required_argument, NULL, 't'},
		{"tls-cert", required_argument, NULL, 'c'},
		{"tls-key", required_argument, NULL, 'k'},
		{"secure-cookies", no_argument, NULL, 's'},
		{"quiet", no_argument, NULL, 'q'},
		{"trust-proxy", no_argument, NULL, 'x'},
		{0, 0, 0, 0},
	};
	struct http_config c;
	struct http_server *srv = NULL;
	struct errctx e = {0};
	char name[512];
	sigset_t set;
	int rc, sig;

	if (cli_wants_help(argc, argv, "serve"))
		return EXIT_OK;
	http_config_defaults(&c);
	optind = 1;
	while ((rc = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (rc) {
		case 'p':
			if (!parse_uint(optarg, 65535, &c.port)) {
				fprintf(stderr, "gemis serve: --port: %s '%s'\n", _("not a port number"), optarg);
				return EXIT_USAGE;
			}
			break;
		case 'l': c.listen = optarg; break;
		case 't':
			if (!parse_uint(optarg, 256, &c.threads) || c.threads == 0) {
				fprintf(stderr, "gemis serve: --threads: %s '%s'\n", _("not a number of threads"),
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 'c': c.tls_cert = optarg; break;
		case 'k': c.tls_key = optarg; break;
		case 's': c.secure_cookies = true; break;
		case 'q': c.access_log = false; break;
		case 'x': c.trust_proxy = true; break;
		default: return cli_usage("serve");
		}
	}
	if (optind != argc)
		return cli_usage("serve");
	c.db_url = store_url(cli->db_opt);
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
	printf("%s\n", _("Press Ctrl+C to stop."));
	fflush(stdout);
	sigwait(&set, &sig);
	fprintf(stderr, "%s\n", _("gemis serve: stopping"));
	http_server_stop(srv);
	/* the fonts of reports drawn while serving (leak checkers count them) */
	report_release_fonts();
	return EXIT_OK;
}
