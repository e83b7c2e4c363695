/*
 * cmd_case.c: `gemis case ...`, the case register on the command line, for
 * scripts and tests.  Every command acts as an account (--as USER) and is
 * checked and logged like a web request; the commands that read or write
 * sealed fields need the register key (--case-key FILE or
 * $GEMIS_CASE_KEY_FILE).
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/catalog.h"
#include "gbv/cases.h"
#include "gbv/counts.h"
#include "store/snapshot.h"
#include "store/store.h"
#include "store/users.h"
#include "util/text.h"

#include "util/banned.h"

/* What every case command shares: the account, the tree and the key. */
struct case_cli {
	struct db *db;
	struct tree t;
	struct principal who;
	struct case_key key;
	bool has_key;
	struct case_session s;
};

static void cc_release(struct case_cli *c)
{
	case_key_wipe(&c->key);
	db_close(c->db);
	tree_release(&c->t);
}

/* Opens the database, resolves --as and, when need_key, loads the key. */
static int cc_open(struct cli *cli, struct case_cli *c, const char *cmd, const char *as,
		   const char *keyfile, bool need_key)
{
	struct errctx e = {0};
	struct user_rec u;
	bool found = false;
	const char *kp = case_key_path(keyfile);

	memset(c, 0, sizeof(*c));
	tree_init(&c->t);
	if (!as || !*as) {
		fprintf(stderr, "gemis %s: %s\n", cmd, _("--as USER is required: case commands act as an account"));
		return EXIT_USAGE;
	}
	if (need_key) {
		if (!kp) {
			fprintf(stderr, "gemis %s: %s\n", cmd,
				_("the case register key is needed: give --case-key FILE or set "
				  "GEMIS_CASE_KEY_FILE (create one with `gemis case keygen FILE`)"));
			return EXIT_FAIL;
		}
		if (case_key_load(kp, &c->key, &e))
			return cli_fail(&e);
		c->has_key = true;
	}
	c->db = cli_open_db(cli, 0);
	if (!c->db)
		return EXIT_FAIL;
	if (units_load_tree(c->db, &c->t, &e) || users_find(c->db, as, &u, &found, &e))
		return cli_fail(&e);
	if (!found || u.disabled || principal_of(&c->t, &u, &c->who) != GEMIS_OK) {
		fprintf(stderr, "gemis %s: %s '%s'\n", cmd, _("no such active account"), as);
		return EXIT_FAIL;
	}
	c->s.db = c->db;
	c->s.t = &c->t;
	c->s.who = &c->who;
	c->s.key = c->has_key ? &c->key : NULL;
	return EXIT_OK;
}

static int unit_arg(struct case_cli *c, const char *cmd, const char *code)
{
	int u = code ? tree_find(&c->t, code) : c->who.unit;

	if (u < 0)
		fprintf(stderr, "gemis %s: --unit: %s '%s'\n", cmd, _("unknown unit code"), code);
	return u;
}

/* Reads all of stdin into b (for JSON and notes). */
static bool read_stdin(struct buf *b)
{
	char chunk[4096];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (buf_append(b, chunk, n))
			return false;
	}
	return !ferror(stdin);
}

/* The options of every case command: the account, the register key. */
#define COMMON_OPTS(as, key) {"as", OPT_TEXT, &(as)}, {"case-key", OPT_TEXT, &(key)}
#define END_OPTS {NULL, OPT_FLAG, NULL}

int cmd_case_keygen(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	int first, rc = cli_options(cli, argc, argv, NULL, 1, 1, &first);

	if (rc != CLI_GO)
		return rc;
	if (case_key_generate(argv[first], &e))
		return cli_fail(&e);
	printf(_("Created the case register key %s (readable by its owner only).\n"), argv[first]);
	printf("%s\n", _("Keep a copy in a safe place apart from the database backups: without it the cases cannot be read."));
	return EXIT_OK;
}

int cmd_case_add(struct cli *cli, int argc, char **argv)
{
	const char *as = NULL, *key = NULL, *unit = NULL;
	char code[CASE_CODE_CHARS + 1];
	struct case_cli c;
	struct errctx e = {0};
	struct buf in;
	int rc, u, status;
	const struct cli_opt opts[] = {COMMON_OPTS(as, key), {"unit", OPT_TEXT, &unit}, END_OPTS};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!unit)
		return cli_usage(cli);
	buf_init(&in, 1 << 20);
	status = cc_open(cli, &c, "case add", as, key, true);
	if (status)
		goto out;
	status = EXIT_FAIL;
	u = unit_arg(&c, "case add", unit);
	if (u < 0)
		goto out;
	if (!read_stdin(&in)) {
		fprintf(stderr, "gemis case add: %s\n", _("cannot read the case from standard input (at most 1 MB)"));
		goto out;
	}
	if (case_add(&c.s, u, in.p ? in.p : "", in.len, code, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf("%s\n", code);
	status = EXIT_OK;
out:
	if (in.p)
		sodium_memzero(in.p, in.cap);
	buf_release(&in);
	cc_release(&c);
	return status;
}

/* service, refer, counsel and close share their options. */
static int event_cmd(struct cli *cli, int argc, char **argv, const char *name, int what)
{
	const char *as = NULL, *key = NULL, *service = NULL, *date = NULL;
	bool note = false;
	struct case_cli c;
	struct errctx e = {0};
	struct buf nb;
	int rc, status, sv = -1, first;
	enum gemis_err err;
	const struct cli_opt opts[] = {
		COMMON_OPTS(as, key),
		{"service", OPT_TEXT, &service},
		{"date", OPT_TEXT, &date},
		{"note-stdin", OPT_FLAG, &note},
		END_OPTS,
	};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	if (!date || ((what == CASE_EV_SERVICE || what == CASE_EV_REFERRAL) != !!service))
		return cli_usage(cli);
	if (service) {
		sv = case_service_parse(service);
		if (sv < 0) {
			fprintf(stderr, "gemis %s: --service: %s (health_care, psychosocial, legal_aid, "
					"police_protection, safe_house, economic_support)\n",
				name, _("unknown service"));
			return EXIT_USAGE;
		}
	}
	buf_init(&nb, CASE_NOTE_MAX + 1);
	status = cc_open(cli, &c, name, as, key, true);
	if (status)
		goto out;
	status = EXIT_FAIL;
	if (note && !read_stdin(&nb)) {
		fprintf(stderr, "gemis %s: %s\n", name, _("the note is too long (at most 16384 bytes)"));
		goto out;
	}
	if (what < 0)
		err = case_close(&c.s, argv[first], date, note ? buf_str(&nb) : NULL, &e);
	else
		err = case_add_event(&c.s, argv[first], (enum case_event)what, sv, date,
				     note ? buf_str(&nb) : NULL, &e);
	if (err) {
		cli_fail(&e);
		goto out;
	}
	printf("%s\n", _("Recorded."));
	status = EXIT_OK;
out:
	if (nb.p)
		sodium_memzero(nb.p, nb.cap);
	buf_release(&nb);
	cc_release(&c);
	return status;
}

int cmd_case_service(struct cli *cli, int argc, char **argv)
{
	return event_cmd(cli, argc, argv, "case service", CASE_EV_SERVICE);
}

int cmd_case_refer(struct cli *cli, int argc, char **argv)
{
	return event_cmd(cli, argc, argv, "case refer", CASE_EV_REFERRAL);
}

int cmd_case_counsel(struct cli *cli, int argc, char **argv)
{
	return event_cmd(cli, argc, argv, "case counsel", CASE_EV_COUNSELLING);
}

int cmd_case_close(struct cli *cli, int argc, char **argv)
{
	return event_cmd(cli, argc, argv, "case close", -1);
}

/* The list of cases as a table: code, detected, survivor's sex, type,
 * steps, state. */
static enum gemis_err list_line(void *ctx, const struct case_summary *c, struct errctx *e)
{
	(void)e;
	return buf_printf(ctx, "%-14s  %s  %s  %-20s  %s %lld, %s %lld, %s %lld  %s%s\n", c->code,
			  c->detected ? c->detected : "", c->survivor_sex, c->type ? c->type : "-", _("services"),
			  c->services, _("referrals"), c->referrals, _("counselling"), c->counselling,
			  !c->closed_on ? _("open") : _("closed "), c->closed_on ? c->closed_on : "");
}

static enum gemis_err case_list_text(struct case_session *s, int unit, struct buf *out, struct errctx *e)
{
	size_t n = 0;
	enum gemis_err err = case_list_each(s, unit, list_line, out, &n, e);

	if (!err && n == 0)
		err = buf_printf(out, "%s\n", _("No cases."));
	return err;
}

/* show CODE, list [--unit] */
static int read_cmd(struct cli *cli, int argc, char **argv, const char *name, bool show)
{
	const char *as = NULL, *key = NULL, *unit = NULL;
	struct case_cli c;
	struct errctx e = {0};
	struct buf out;
	int rc, status, u, first;
	enum gemis_err err;
	const struct cli_opt opts[] = {COMMON_OPTS(as, key), {"unit", OPT_TEXT, &unit}, END_OPTS};

	rc = cli_options(cli, argc, argv, opts, show ? 1 : 0, show ? 1 : 0, &first);
	if (rc != CLI_GO)
		return rc;
	if (show && unit)
		return cli_usage(cli);
	buf_init(&out, BUF_MAX_DEFAULT);
	status = cc_open(cli, &c, name, as, key, true);
	if (status)
		goto out;
	status = EXIT_FAIL;
	if (show) {
		err = case_show(&c.s, argv[first], &out, &e);
	} else {
		u = unit_arg(&c, name, unit);
		if (u < 0)
			goto out;
		err = case_list_text(&c.s, u, &out, &e);
	}
	if (err) {
		cli_fail(&e);
		goto out;
	}
	fputs(buf_str(&out), stdout);
	status = EXIT_OK;
out:
	if (out.p)
		sodium_memzero(out.p, out.cap);
	buf_release(&out);
	cc_release(&c);
	return status;
}

int cmd_case_show(struct cli *cli, int argc, char **argv)
{
	return read_cmd(cli, argc, argv, "case show", true);
}

int cmd_case_list(struct cli *cli, int argc, char **argv)
{
	return read_cmd(cli, argc, argv, "case list", false);
}

int cmd_case_export(struct cli *cli, int argc, char **argv)
{
	const char *as = NULL, *key = NULL, *unit = NULL, *path = NULL;
	char password[PASSWORD_MAX + 2] = "";
	bool pw = false;
	struct case_cli c;
	struct errctx e = {0};
	struct buf out;
	size_t n = 0;
	int rc, status, u, fd = -1;
	const struct cli_opt opts[] = {
		COMMON_OPTS(as, key),
		{"unit", OPT_TEXT, &unit},
		{"output", OPT_TEXT, &path, 'o'},
		{"password-stdin", OPT_FLAG, &pw},
		END_OPTS,
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!path || !pw)
		return cli_usage(cli);
	buf_init(&out, BUF_MAX_DEFAULT);
	status = cc_open(cli, &c, "case export", as, key, true);
	if (status)
		goto out;
	status = EXIT_FAIL;
	if (!cli_read_line(password, sizeof(password))) {
		fprintf(stderr, "gemis case export: %s\n", _("no password on standard input"));
		goto out;
	}
	u = unit_arg(&c, "case export", unit);
	if (u < 0)
		goto out;
	if (case_export(&c.s, u, password, &out, &n, &e)) {
		cli_fail(&e);
		goto out;
	}
	/* a new file readable by its owner alone; never an existing one */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, out.p ? out.p : "", out.len) != (ssize_t)out.len || fsync(fd) != 0) {
		fprintf(stderr, "gemis case export: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			unlink(path);
		goto out;
	}
	fprintf(stderr, ngettext_("Exported %zu case to %s (without the notes).\n",
				  "Exported %zu cases to %s (without the notes).\n", n),
		n, path);
	status = EXIT_OK;
out:
	if (fd >= 0)
		close(fd);
	sodium_memzero(password, sizeof(password));
	if (out.p)
		sodium_memzero(out.p, out.cap);
	buf_release(&out);
	cc_release(&c);
	return status;
}

/* A line of the access log as a table row. */
static enum gemis_err log_line(void *ctx, const struct case_log_line *l, struct errctx *e)
{
	const char *f[6] = {l->user, l->role, l->unit, l->action, l->case_code, l->detail};
	char when[32];

	(void)e;
	case_log_when(l->at, when);
	return buf_printf(ctx, "%s  %-20s %-10s %-5s %-7s %-14s %s%s\n", when, f[0] ? f[0] : "", f[1] ? f[1] : "",
			  f[2] ? f[2] : "-", f[3] ? f[3] : "", f[4] ? f[4] : "-", l->allowed ? "" : _("REFUSED "),
			  f[5] ? f[5] : "");
}

int cmd_case_log(struct cli *cli, int argc, char **argv)
{
	const char *as = NULL, *key = NULL, *limit_arg = NULL;
	bool json = false;
	long limit = 200;
	struct case_cli c;
	struct errctx e = {0};
	struct buf out;
	int rc, status;
	char *end;
	const struct cli_opt opts[] = {
		COMMON_OPTS(as, key),
		{"json", OPT_FLAG, &json},
		{"limit", OPT_TEXT, &limit_arg},
		END_OPTS,
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (limit_arg) {
		limit = strtol(limit_arg, &end, 10);
		if (*end || limit < 1 || limit > 1000000)
			return cli_usage(cli);
	}
	buf_init(&out, BUF_MAX_DEFAULT);
	status = cc_open(cli, &c, "case log", as, NULL, false);
	if (status)
		goto out;
	status = EXIT_FAIL;
	if (json ? case_log_json(c.db, &c.t, &c.who, (size_t)limit, &out, &e)
		 : case_log_each(c.db, &c.t, &c.who, (size_t)limit, log_line, &out, &e)) {
		cli_fail(&e);
		goto out;
	}
	fputs(buf_str(&out), stdout);
	status = EXIT_OK;
out:
	buf_release(&out);
	cc_release(&c);
	return status;
}

int cmd_case_purge(struct cli *cli, int argc, char **argv)
{
	const char *as = NULL, *key = NULL, *today = NULL, *days_arg = NULL;
	char now[11];
	long days = -1;
	struct case_cli c;
	struct errctx e = {0};
	size_t n = 0;
	int rc, status, d;
	char *end;
	const struct cli_opt opts[] = {
		COMMON_OPTS(as, key),
		{"retention-days", OPT_TEXT, &days_arg},
		{"today", OPT_TEXT, &today},
		END_OPTS,
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (days_arg) {
		days = strtol(days_arg, &end, 10);
		if (*end || days < 0 || days > 36500)
			return cli_usage(cli);
	}
	if (today && !case_date_valid(today)) {
		fprintf(stderr, "gemis case purge: --today: %s\n", _("must be a date YYYY-MM-DD"));
		return EXIT_USAGE;
	}
	if (!today) {
		case_today(now);
		today = now;
	}
	status = cc_open(cli, &c, "case purge", as, NULL, false);
	if (status)
		goto out;
	status = EXIT_FAIL;
	if (days < 0) {
		if (case_retention_days(c.db, &d, &e)) {
			cli_fail(&e);
			goto out;
		}
		days = d;
	}
	if (case_purge(c.db, &c.t, &c.who, (int)days, today, &n, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf(ngettext_("Erased %zu case closed more than %ld days ago; its counts remain.\n",
			 "Erased %zu cases closed more than %ld days ago; their counts remain.\n", n),
	       n, days);
	status = EXIT_OK;
out:
	cc_release(&c);
	return status;
}

/* --- counts ------------------------------------------------------------------ */

/* Prints s padded to w terminal columns (right-aligned when right). */
static void pad(const char *s, size_t w, bool right)
{
	size_t n = text_width(s);

	if (right)
		printf("%*s", (int)(w > n ? w - n : 0), "");
	fputs(s, stdout);
	if (!right)
		printf("%*s", (int)(w > n ? w - n : 0), "");
}

int cmd_case_stats(struct cli *cli, int argc, char **argv)
{
	static const char *const labels[3] = {N_("counted (numerator)"), N_("not counted"),
					      N_("all (denominator)")};
	static const char *const parts[3] = {"num", "rest", "den"};
	const char *as = NULL, *key = NULL, *unit = NULL;
	int year = 0;
	bool json = false, have_snap = false;
	struct case_cli c;
	struct snapshot snap;
	struct errctx e = {0};
	struct buf out;
	json_t *doc = NULL, *inds, *it;
	size_t i;
	int rc, status, u, part;
	const struct cli_opt opts[] = {
		COMMON_OPTS(as, key),
		{"unit", OPT_TEXT, &unit},
		{"year", OPT_YEAR, &year},
		{"json", OPT_FLAG, &json},
		END_OPTS,
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!year)
		return cli_usage(cli);
	buf_init(&out, BUF_MAX_DEFAULT);
	status = cc_open(cli, &c, "case stats", as, NULL, false);
	if (status)
		goto out;
	status = EXIT_FAIL;
	u = unit_arg(&c, "case stats", unit);
	if (u < 0)
		goto out;
	if (snapshot_load(c.db, &snap, &e)) {
		cli_fail(&e);
		goto out;
	}
	have_snap = true;
	if (case_counts_json(c.db, &c.t, &snap, &c.who, u, (int)year, &out, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (json) {
		fputs(buf_str(&out), stdout);
		status = EXIT_OK;
		goto out;
	}
	doc = json_loadb(out.p, out.len, 0, NULL);
	inds = json_object_get(doc, "indicators");
	printf("%s %s (%s), %d%s\n", _("Case register counts of"), c.t.units[u].name,
	       c.t.units[u].code, year,
	       json_is_true(json_object_get(doc, "suppressed"))
		       ? _(" (<5: fewer than 5; x: hidden so that a small count cannot be worked out)")
		       : "");
	json_array_foreach(inds, i, it) {
		int ind = catalog_find(json_string_value(json_object_get(it, "indicator")));

		if (ind < 0)
			continue;
		printf("\n%s\n  ", indicator_name(&catalog[ind], i18n_lang()));
		pad("", 26, false);
		pad(_("women"), 9, true);
		pad(_("men"), 9, true);
		pad(_("total"), 9, true);
		putchar('\n');
		for (part = 0; part < 3; part++) {
			json_t *cells = json_object_get(it, parts[part]);
			static const char *const sexes[3] = {"F", "M", "T"};
			int sex;

			fputs("  ", stdout);
			pad(_(labels[part]), 26, false);
			for (sex = 0; sex < 3; sex++) {
				json_t *v = json_object_get(cells, sexes[sex]);
				char txt[32];

				if (json_is_string(v))
					snprintf(txt, sizeof(txt), "%s", json_string_value(v));
				else
					snprintf(txt, sizeof(txt), "%lld", (long long)json_integer_value(v));
				pad(txt, 9, true);
			}
			putchar('\n');
		}
	}
	status = EXIT_OK;
out:
	json_decref(doc);
	buf_release(&out);
	if (have_snap)
		snapshot_release(&snap);
	cc_release(&c);
	return status;
}
