/*
 * cmd_user.c: accounts and API tokens from the command line.
 */
#include <getopt.h>
#include <sodium.h>
#include <string.h>

#include "cli.h"
#include "core/catalog.h"
#include "store/store.h"
#include "store/users.h"

#include "util/banned.h"

/* Reads one line (the password) from stdin without its line end. */
static bool read_password(char *out, size_t n)
{
	size_t len;

	if (!fgets(out, (int)n, stdin))
		return false;
	len = strlen(out);
	while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	return true;
}

int cmd_user_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"role", required_argument, NULL, 'r'},
		{"unit", required_argument, NULL, 'u'},
		{"agency", required_argument, NULL, 'a'},
		{"full-name", required_argument, NULL, 'f'},
		{"password-stdin", no_argument, NULL, 'p'},
		{0, 0, 0, 0},
	};
	struct errctx e = {0};
	struct db *db = NULL;
	struct tree t;
	char password[PASSWORD_MAX + 2] = "";
	const char *role = NULL, *unit = NULL, *agency = NULL, *full = NULL, *name;
	bool pw = false;
	int rc, r, u, a = -1, status = EXIT_FAIL;
	long long id;

	if (cli_wants_help(argc, argv, "user add"))
		return EXIT_OK;
	optind = 1;
	while ((rc = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (rc) {
		case 'r': role = optarg; break;
		case 'u': unit = optarg; break;
		case 'a': agency = optarg; break;
		case 'f': full = optarg; break;
		case 'p': pw = true; break;
		default: return cli_usage("user add");
		}
	}
	if (optind + 1 != argc || !role || !unit)
		return cli_usage("user add");
	name = argv[optind];
	r = role_parse(role);
	if (r < 0) {
		fprintf(stderr, "gemis user add: --role: %s '%s' (admin, province, focal, reporter, viewer, caseworker)\n",
			_("unknown role"), role);
		return EXIT_USAGE;
	}
	if (agency) {
		a = agency_find(agency);
		if (a < 0) {
			fprintf(stderr, "gemis user add: --agency: %s '%s'\n", _("unknown agency"), agency);
			return EXIT_USAGE;
		}
	}
	if (pw && !read_password(password, sizeof(password))) {
		fprintf(stderr, "gemis user add: %s\n", _("no password on standard input"));
		return EXIT_FAIL;
	}
	tree_init(&t);
	db = cli_open_db(cli, 0);
	if (!db)
		goto out;
	if (units_load_tree(db, &t, &e)) {
		cli_fail(&e);
		goto out;
	}
	u = tree_find(&t, unit);
	if (u < 0) {
		fprintf(stderr, "gemis user add: --unit: %s '%s'\n", _("unknown unit code"), unit);
		goto out;
	}
	if (users_add(db, &t, name, (enum role)r, u, a, full, pw ? password : NULL, &id, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf(_("Created the account %s (%s, %s).\n"), name, role, t.units[u].name);
	if (!pw)
		printf("%s\n", _("It has no password yet: it cannot sign in until one is set."));
	status = EXIT_OK;
out:
	sodium_memzero(password, sizeof(password));
	db_close(db);
	tree_release(&t);
	return status;
}

int cmd_token_create(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"label", required_argument, NULL, 'l'},
		{0, 0, 0, 0},
	};
	struct errctx e = {0};
	struct db *db;
	struct user_rec u;
	char token[TOKEN_CHARS + 1];
	const char *label = NULL;
	bool found;
	int rc;

	if (cli_wants_help(argc, argv, "token create"))
		return EXIT_OK;
	optind = 1;
	while ((rc = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (rc == 'l')
			label = optarg;
		else
			return cli_usage("token create");
	}
	if (optind + 1 != argc)
		return cli_usage("token create");
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	if (users_find(db, argv[optind], &u, &found, &e) || !found || u.disabled) {
		db_close(db);
		if (e.code)
			return cli_fail(&e);
		fprintf(stderr, "gemis token create: %s '%s'\n", _("no such active account"), argv[optind]);
		return EXIT_FAIL;
	}
	if (tokens_create(db, u.id, label, token, &e)) {
		db_close(db);
		return cli_fail(&e);
	}
	db_close(db);
	/* the token on stdout alone, for scripts; the advice on stderr */
	printf("%s\n", token);
	fprintf(stderr, "%s\n", _("Keep this token secret: it is shown only once and acts as the account."));
	sodium_memzero(token, sizeof(token));
	return EXIT_OK;
}
