/*
 * cmd_mail.c: e-mail reminders from the command line: `gemis remind`, run
 * once a day (a systemd timer or cron, docs/reminders.md), and `gemis user
 * email`, which gives an account the address they go to.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/access.h"
#include "formats/mail.h"
#include "mail/config.h"
#include "mail/remind.h"
#include "mail/smtp.h"
#include "store/mail_log.h"
#include "store/store.h"
#include "store/users.h"

#include "util/banned.h"

static enum gemis_err send_smtp(void *ctx, const char *name, const char *address, const struct buf *msg,
				struct errctx *e)
{
	const char *to[1] = {address};

	(void)name;
	return smtp_send(ctx, to, 1, msg, e);
}

/* A dry run prints each message (addresses are the operator's to see). */
static enum gemis_err send_print(void *ctx, const char *name, const char *address, const struct buf *msg,
				 struct errctx *e)
{
	(void)ctx;
	(void)e;
	printf("==> %s <%s>\n%s\n", name, address, buf_str(msg));
	return GEMIS_OK;
}

int cmd_remind(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct mail_config cfg;
	struct remind_opts o;
	struct remind_stats st;
	struct db *db = NULL;
	struct tree t;
	const char *path = NULL, *code = NULL;
	struct date day = {0, 0, 0};
	bool dry = false;
	int rc, status = EXIT_FAIL;
	enum gemis_err err;
	const struct cli_opt opts[] = {
		{"config", OPT_TEXT, &path},
		{"unit", OPT_TEXT, &code},
		{"today", OPT_DATE, &day},
		{"dry-run", OPT_FLAG, &dry},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!path)
		path = mail_config_path();
	err = mail_config_read(path, &cfg, &e);
	if (err == GEMIS_ENOTFOUND) {
		/* off by default: a server without mail settings sends nothing */
		fprintf(stderr, "gemis remind: %s: %s\n", path, _("no mail settings: reminders are off"));
		return EXIT_OK;
	}
	if (err)
		return cli_fail(&e);
	i18n_set_lang((enum lang)i18n_parse_lang(cfg.language));
	tree_init(&t);
	db = cli_open_db(cli, 0);
	if (!db)
		goto out;
	if (units_load_tree(db, &t, &e)) {
		cli_fail(&e);
		goto out;
	}
	memset(&o, 0, sizeof(o));
	o.cfg = &cfg;
	o.now = (long long)time(NULL);
	o.today = vn_date(o.now);
	if (day.y) {
		/* a day asked for is judged in its morning */
		o.today = day;
		o.now = vn_day_start(day) + 8 * 3600;
	}
	o.scope = code ? tree_find(&t, code) : 0;
	if (o.scope < 0) {
		status = cli_unknown_unit("remind", code);
		goto out;
	}
	o.send = dry ? send_print : send_smtp;
	o.send_ctx = &cfg;
	o.dry_run = dry;
	o.progress = dry ? NULL : cli_progress;
	o.progress_ctx = cli;
	if (remind_run(db, &t, &o, &st, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (dry)
		fprintf(stderr, _("%u communes with a plan; %u reminders and %u digests composed, none sent (dry run), %u already sent today\n"),
			st.units, st.reminders, st.digests, st.already);
	else
		fprintf(stderr, _("%u communes with a plan; %u reminders and %u digests sent, %u already sent today, %u refused\n"),
			st.units, st.reminders, st.digests, st.already, st.failed);
	if (st.failed) {
		cli_fail(&e);
		goto out;
	}
	status = EXIT_OK;
out:
	sodium_memzero(cfg.password, sizeof(cfg.password));
	db_close(db);
	tree_release(&t);
	return status;
}

int cmd_user_email(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db = NULL;
	struct tree t;
	struct principal who;
	struct user_rec u;
	const char *as = NULL, *addr = NULL;
	bool clear = false, found = false;
	int rc, unit, status = EXIT_FAIL, first;
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
	tree_init(&t);
	db = cli_open_db(cli, 0);
	if (!db)
		goto out;
	if (units_load_tree(db, &t, &e) || users_find(db, argv[first], &u, &found, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (!found) {
		fprintf(stderr, "gemis user email: %s '%s'\n", _("no such account"), argv[first]);
		goto out;
	}
	if (!cli_actor(db, &t, "user email", as, &who))
		goto out;
	unit = tree_find(&t, u.unit_code);
	if (unit < 0 || !access_may_manage_account(&t, &who, u.role, unit)) {
		fprintf(stderr, "gemis user email: --as: ");
		fprintf(stderr, _("%s may not manage %s accounts of %s"), who.name, role_id(u.role),
			unit < 0 ? u.unit_code : t.units[unit].name);
		fputc('\n', stderr);
		goto out;
	}
	if (mail_address_set(db, u.id, addr, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (addr)
		printf(_("Reminders for %s go to %s.\n"), u.name, addr);
	else
		printf(_("%s gets no reminders any more.\n"), u.name);
	status = EXIT_OK;
out:
	db_close(db);
	tree_release(&t);
	return status;
}
