/*
 * cmd_user.c: accounts, their API tokens and reminder addresses from the
 * command line, and the sign-in log.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/access.h"
#include "core/catalog.h"
#include "formats/mail.h"
#include "gbv/accounts.h"
#include "store/mail_log.h"
#include "store/signin_log.h"
#include "store/store.h"
#include "store/users.h"
#include "util/text.h"

#include "util/banned.h"

/* True when `who` may make change c to an account (of unit `code`); else
 * logs the refusal when the account can read the case register
 * (docs/cases.md) and says why. */
static bool may_manage(const char *cmd, struct db *db, const struct tree *t, const struct principal *who,
		       const struct account_change *c, const char *code)
{
	struct errctx e = {0};

	if (c->unit >= 0 && access_may_manage_account(t, who, c->role, c->unit))
		return true;
	if (case_account_refused(db, t, who, c, &e)) {
		cli_fail(&e);
		return false;
	}
	fprintf(stderr, "gemis %s: --as: ", cmd);
	fprintf(stderr, _("%s may not manage %s accounts of %s"), who->name, role_id(c->role),
		c->unit < 0 ? code : t->units[c->unit].name);
	fputc('\n', stderr);
	return false;
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

int cmd_user_add(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db = NULL;
	struct tree t;
	struct principal who;
	struct account_change c;
	struct add_args args;
	char password[PASSWORD_MAX + 2] = "";
	const char *role = NULL, *unit = NULL, *agency = NULL, *full = NULL, *as = NULL, *name;
	bool pw = false;
	int rc, r, u, a = -1, status = EXIT_FAIL, first;
	const struct cli_opt opts[] = {
		{"role", OPT_TEXT, &role},
		{"unit", OPT_TEXT, &unit},
		{"agency", OPT_TEXT, &agency},
		{"full-name", OPT_TEXT, &full},
		{"password-stdin", OPT_FLAG, &pw},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	if (!role || !unit)
		return cli_usage(cli);
	name = argv[first];
	r = role_parse(role);
	if (r < 0) {
		fprintf(stderr, "gemis user add: --role: %s '%s' (", _("unknown role"), role);
		for (r = 0; r < ROLE_COUNT; r++)
			fprintf(stderr, "%s%s", r ? ", " : "", role_id((enum role)r));
		fprintf(stderr, ")\n");
		return EXIT_USAGE;
	}
	if (agency && (a = cli_agency_opt("user add", agency)) < 0)
		return EXIT_USAGE;
	if (pw && !cli_read_line(password, sizeof(password))) {
		fprintf(stderr, "gemis user add: %s\n", _("no password on standard input"));
		return EXIT_FAIL;
	}
	tree_init(&t);
	db = cli_open_tree(cli, &t);
	if (!db)
		goto out;
	u = tree_find(&t, unit);
	if (u < 0) {
		fprintf(stderr, "gemis user add: --unit: %s '%s'\n", _("unknown unit code"), unit);
		goto out;
	}
	if (!cli_actor(db, &t, "user add", as, &who))
		goto out;
	c = (struct account_change){"create", (enum role)r, u, name};
	if (!may_manage("user add", db, &t, &who, &c, unit))
		goto out;
	args = (struct add_args){&t, name, full, pw ? password : NULL, (enum role)r, u, a, 0};
	if (case_account_apply(db, &t, &who, &c, add_apply, &args, &e)) {
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
	struct errctx e = {0};
	struct db *db;
	struct user_rec u;
	struct tree t;
	struct principal who;
	struct account_change c;
	char token[TOKEN_CHARS + 1];
	const char *label = NULL;
	bool found;
	int rc, first, status = EXIT_FAIL;
	const struct cli_opt opts[] = {{"label", OPT_TEXT, &label}, {NULL, OPT_FLAG, NULL}};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	tree_init(&t);
	db = cli_open_db(cli, 0);
	if (!db)
		goto out;
	if (units_load_tree(db, &t, &e) || users_find(db, argv[first], &u, &found, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (!found || u.disabled) {
		fprintf(stderr, "gemis token create: %s '%s'\n", _("no such active account"), argv[first]);
		goto out;
	}
	/* a token acts as the account: for a caseworker, it reads cases */
	cli_actor(db, &t, "token create", NULL, &who);
	c = (struct account_change){"token", u.role, tree_find(&t, u.unit_code), u.name};
	if (case_account_token(db, &t, &who, &c, u.id, label, token, &e)) {
		cli_fail(&e);
		goto out;
	}
	/* the token on stdout alone, for scripts; the advice on stderr */
	printf("%s\n", token);
	fprintf(stderr, "%s\n", _("Keep this token secret: it is shown only once and acts as the account."));
	sodium_memzero(token, sizeof(token));
	status = EXIT_OK;
out:
	db_close(db);
	tree_release(&t);
	return status;
}

/* The active account of a command's NAME argument, or a message. */
static bool account_of(const char *cmd, struct db *db, const char *name, struct user_rec *u)
{
	struct errctx e = {0};
	bool found;

	if (users_find(db, name, u, &found, &e)) {
		cli_fail(&e);
		return false;
	}
	if (!found) {
		fprintf(stderr, "gemis %s: %s '%s'\n", cmd, _("no such account"), name);
		return false;
	}
	return true;
}

/* What the commands that change an existing account (`user passwd`,
 * `user email`, `user two-step-off`) share: the database and unit tree,
 * the account of the NAME argument, who acts (--as), and the change
 * `what` to it, checked against who's rights. */
struct acct_cmd {
	struct db *db;
	struct tree t;
	struct principal who;
	struct account_change c;
	struct user_rec u;
};

/* Opens all of a; false after saying why (call acct_close() in either
 * case). */
static bool acct_open(struct cli *cli, const char *cmd, const char *name, const char *as, const char *what,
		      struct acct_cmd *a)
{
	memset(a, 0, sizeof(*a));
	tree_init(&a->t);
	a->db = cli_open_tree(cli, &a->t);
	if (!a->db)
		return false;
	if (!account_of(cmd, a->db, name, &a->u) || !cli_actor(a->db, &a->t, cmd, as, &a->who))
		return false;
	a->c = (struct account_change){what, a->u.role, tree_find(&a->t, a->u.unit_code), a->u.name};
	return may_manage(cmd, a->db, &a->t, &a->who, &a->c, a->u.unit_code);
}

static void acct_close(struct acct_cmd *a)
{
	db_close(a->db);
	a->db = NULL;
	tree_release(&a->t);
}

static void print_time(long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];

	if (!t) {
		printf("%-17s", "-");
		return;
	}
	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M", &tm);
	printf("%-17s", s);
}

static enum gemis_err print_token(void *ctx, const struct token_rec *t)
{
	(void)ctx;
	printf("%6lld  ", t->id);
	print_time(t->created_at);
	printf("  ");
	print_time(t->last_used_at);
	printf("  ");
	print_time(t->revoked_at);
	printf("  %s\n", t->label);
	return GEMIS_OK;
}

int cmd_token_list(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db;
	struct user_rec u;
	int status = EXIT_FAIL, first;
	int rc = cli_options(cli, argc, argv, NULL, 1, 1, &first);

	if (rc != CLI_GO)
		return rc;
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	if (account_of("token list", db, argv[first], &u)) {
		/* TRANSLATORS: column heads of `gemis token list`; times are UTC */
		const char *head[] = {_("created (UTC)"), _("last used"), _("revoked")};
		struct buf h;
		size_t i;

		/* padded by display width: the Vietnamese heads have marks */
		buf_init(&h, 1024);
		text_cell(&h, "id", 6, true);
		for (i = 0; i < 3; i++) {
			buf_puts(&h, "  ");
			text_cell(&h, head[i], 17, false);
		}
		buf_puts(&h, "  ");
		buf_puts(&h, _("label"));
		buf_putc(&h, '\n');
		fputs(buf_str(&h), stdout);
		buf_release(&h);
		status = tokens_list(db, u.id, print_token, NULL, &e) ? cli_fail(&e) : EXIT_OK;
	}
	db_close(db);
	return status;
}

int cmd_token_revoke(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db;
	struct user_rec u;
	long long id = 0, n = 0;
	bool all = false;
	int rc, status = EXIT_FAIL, first;
	char *end;
	const struct cli_opt opts[] = {{"all", OPT_FLAG, &all}, {NULL, OPT_FLAG, NULL}};

	rc = cli_options(cli, argc, argv, opts, 1, 2, &first);
	if (rc != CLI_GO)
		return rc;
	if (all ? first + 1 != argc : first + 2 != argc)
		return cli_usage(cli);
	if (!all) {
		id = strtoll(argv[first + 1], &end, 10);
		if (*end || id <= 0) {
			fprintf(stderr, "gemis token revoke: %s '%s'\n",
				_("not a token id (see gemis token list)"), argv[first + 1]);
			return EXIT_USAGE;
		}
	}
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	if (!account_of("token revoke", db, argv[first], &u))
		goto out;
	if (tokens_revoke(db, u.id, id, (long long)time(NULL), &n, &e)) {
		status = cli_fail(&e);
		goto out;
	}
	if (!all && n == 0) {
		fprintf(stderr, "gemis token revoke: %s %lld\n",
			_("the account has no live token with the id"), id);
		goto out;
	}
	printf(_("Revoked %lld token(s) of %s.\n"), n, u.name);
	status = EXIT_OK;
out:
	db_close(db);
	return status;
}

int cmd_user_passwd(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct acct_cmd a;
	char password[PASSWORD_MAX + 2] = "";
	const char *as = NULL;
	bool pw = false;
	int rc, status = EXIT_FAIL, first;
	const struct cli_opt opts[] = {
		{"password-stdin", OPT_FLAG, &pw},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	if (!pw)
		return cli_usage(cli);
	if (!cli_read_line(password, sizeof(password))) {
		fprintf(stderr, "gemis user passwd: %s\n", _("no password on standard input"));
		return EXIT_FAIL;
	}
	if (!acct_open(cli, "user passwd", argv[first], as, "password", &a))
		goto out;
	if (case_account_password(a.db, &a.t, &a.who, &a.c, a.u.id, password, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf(_("Set the password of %s; its sessions and API tokens have ended.\n"), a.u.name);
	status = EXIT_OK;
out:
	sodium_memzero(password, sizeof(password));
	acct_close(&a);
	return status;
}

struct email_args {
	long long id;
	const char *address;
};

static enum gemis_err email_apply(struct db *db, void *ctx, struct errctx *e)
{
	const struct email_args *a = ctx;

	return mail_address_set(db, a->id, a->address, e);
}

int cmd_user_email(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct acct_cmd ac;
	struct email_args a;
	const char *as = NULL, *addr = NULL;
	bool clear = false;
	int rc, status = EXIT_FAIL, first;
	const struct cli_opt opts[] = {
		{"clear", OPT_FLAG, &clear},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 1, 2, &first);
	if (rc != CLI_GO)
		return rc;
	if (first + 1 < argc)
		addr = argv[first + 1];
	if ((addr != NULL) == clear)
		return cli_usage(cli);
	if (addr && !mail_address_ok(addr)) {
		fprintf(stderr, "gemis user email: %s '%s'\n", _("not an e-mail address"), addr);
		return EXIT_USAGE;
	}
	if (!acct_open(cli, "user email", argv[first], as, "email", &ac))
		goto out;
	a = (struct email_args){ac.u.id, addr};
	if (case_account_apply(ac.db, &ac.t, &ac.who, &ac.c, email_apply, &a, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (addr)
		printf(_("Reminders for %s go to %s.\n"), ac.u.name, addr);
	else
		printf(_("%s gets no reminders any more.\n"), ac.u.name);
	status = EXIT_OK;
out:
	acct_close(&ac);
	return status;
}

int cmd_user_two_step_off(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct acct_cmd a;
	const char *as = NULL;
	int rc, status = EXIT_FAIL, first;
	const struct cli_opt opts[] = {
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	if (acct_open(cli, "user two-step-off", argv[first], as, "two-step-off", &a)) {
		if (case_account_two_step_off(a.db, &a.t, &a.who, &a.c, a.u.id, &e)) {
			cli_fail(&e);
		} else {
			printf(_("%s signs in with a password alone until it turns two-step sign-in on again.\n"),
			       a.u.name);
			status = EXIT_OK;
		}
	}
	acct_close(&a);
	return status;
}

/* Prints s and pads it to w display columns (never cut): the columns of
 * a table line up in Vietnamese, where a letter may take several bytes. */
static void print_padded(const char *s, size_t w)
{
	size_t n = text_width(s);

	fputs(s, stdout);
	for (; n < w; n++)
		putchar(' ');
}

static enum gemis_err print_signin(void *ctx, const struct signin_rec *r)
{
	(void)ctx;
	print_time(r->at);
	printf("  ");
	print_padded(r->name, 32);
	printf("  ");
	print_padded(r->unit_code[0] ? r->unit_code : "-", 5);
	printf("  ");
	print_padded(r->ip, 15);
	printf("  ");
	print_padded(signin_action_id(r->action), 11);
	printf("  %s\n", signin_result_id(r->result));
	return GEMIS_OK;
}

int cmd_user_signins(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db = NULL;
	struct tree t;
	struct signin_query q = {0, NULL, 0, 50};
	const char *unit = NULL, *name = NULL, *limit = NULL;
	char *end;
	int rc, status = EXIT_FAIL, first;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &unit},
		{"name", OPT_TEXT, &name},
		{"limit", OPT_TEXT, &limit},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, &first);
	if (rc != CLI_GO)
		return rc;
	if (limit) {
		long n = strtol(limit, &end, 10);

		if (*end || n < 1 || n > 100000) {
			fprintf(stderr, "gemis user signins: --limit: %s '%s'\n", _("not a number from 1 to 100000"),
				limit);
			return EXIT_USAGE;
		}
		q.limit = (int)n;
	}
	q.name = name;
	tree_init(&t);
	db = cli_open_tree(cli, &t);
	if (!db)
		goto out;
	if (unit) {
		q.unit = tree_find(&t, unit);
		if (q.unit < 0) {
			fprintf(stderr, "gemis user signins: --unit: %s '%s'\n", _("unknown unit code"), unit);
			goto out;
		}
	}
	/* TRANSLATORS: column heads of `gemis user signins`; times are UTC */
	print_padded(_("time (UTC)"), 17);
	printf("  ");
	print_padded(_("name"), 32);
	printf("  ");
	print_padded(_("unit"), 5);
	printf("  ");
	print_padded(_("address"), 15);
	printf("  ");
	print_padded(_("action"), 11);
	printf("  %s\n", _("result"));
	status = signin_log_list(db, &t, &q, print_signin, NULL, &e) ? cli_fail(&e) : EXIT_OK;
out:
	db_close(db);
	tree_release(&t);
	return status;
}
