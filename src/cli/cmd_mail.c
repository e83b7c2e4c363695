/*
 * cmd_mail.c: e-mail reminders from the command line: `gemis remind`, run
 * once a day (a systemd timer or cron, docs/reminders.md).  The address
 * they go to is set with `gemis user email` (cmd_user.c).
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
