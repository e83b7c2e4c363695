/*
 * cmd_complaint.c: `gemis complaint ...`: a commune's register of
 * citizens' feedback, petitions, complaints and denunciations on the
 * command line.  Every command acts as an account (--as USER, with its
 * rights, as on the web); the rules are the store's
 * (store/complaints.h), so the command line refuses what the web refuses,
 * with the same words.  The person who brought a matter is sealed with the
 * register key (--case-key FILE or $GEMIS_CASE_KEY_FILE) and shown to its
 * handlers only.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/catalog.h"
#include "report/complaints_json.h"
#include "store/complaints.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

/* What every complaint command shares. */
struct ccli {
	struct db *db;
	struct tree t;
	struct principal who;
	struct seal_key key;
	struct cmp_session s;
	int unit; /* the unit --unit names, when the command has one */
	struct arena mem; /* what the command reads */
};

static void ccli_close(struct ccli *c)
{
	seal_key_wipe(&c->key);
	db_close(c->db);
	tree_release(&c->t);
	arena_release(&c->mem);
}

/* Opens the database, resolves --as (required), when need_key loads the
 * register key and, when unit is not NULL (the value of --unit), finds
 * that unit. */
static int ccli_open(struct cli *cli, struct ccli *c, const char *cmd, const char *as, const char *keyfile,
		     bool need_key, const char *unit)
{
	struct errctx e = {0};
	const char *kp = seal_key_path(keyfile);

	memset(c, 0, sizeof(*c));
	tree_init(&c->t);
	arena_init(&c->mem, 0);
	if (!as || !*as) {
		fprintf(stderr, "gemis %s: %s\n", cmd, _("--as USER is required: complaint commands act as an account"));
		return EXIT_USAGE;
	}
	if (need_key && kp && seal_key_load(kp, &c->key, &e))
		return cli_fail(&e);
	c->db = cli_open_db(cli, 0);
	if (!c->db)
		return EXIT_FAIL;
	if (units_load_tree(c->db, &c->t, &e))
		return cli_fail(&e);
	if (!cli_actor(c->db, &c->t, cmd, as, &c->who))
		return EXIT_FAIL;
	c->s.db = c->db;
	c->s.t = &c->t;
	c->s.who = &c->who;
	c->s.key = need_key && kp ? &c->key : NULL;
	c->s.today = cli_today();
	c->s.now = (long long)time(NULL);
	c->unit = unit ? tree_find(&c->t, unit) : -1;
	if (unit && c->unit < 0)
		return cli_unknown_unit(cmd, unit);
	return CLI_GO;
}

static void print_line(const struct complaint *c, struct date now)
{
	char r[DATE_TEXT_LEN], d[DATE_TEXT_LEN];

	date_format_dmy(c->received, r);
	date_format_dmy(c->due, d);
	printf("%s  %s  %s · %s · %s · %s · %s %s · %s%s%s%s%s\n", c->code, r, cmp_kind_name(c->kind),
	       cmp_channel_name(c->channel), goal_id((enum goal)c->field), cli_agency_name(c->agency, "?"), _("due"), d,
	       cmp_status_name(c->status), cmp_overdue(c->status, c->due, now) ? " · " : "",
	       cmp_overdue(c->status, c->due, now) ? _("overdue") : "", c->case_code ? " · " : "",
	       c->case_code ? c->case_code : "");
}

int cmd_complaint_list(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct ccli c;
	struct complaint *v = NULL;
	struct cmp_sum s;
	const char *code = NULL, *as = NULL;
	int year = 0, rc, status = EXIT_FAIL;
	bool json = false;
	size_t n = 0, i;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code}, {"year", OPT_YEAR, &year}, {"json", OPT_FLAG, &json},
		{"as", OPT_TEXT, &as},     {NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code)
		return cli_usage(cli);
	rc = ccli_open(cli, &c, "complaint list", as, NULL, false, code);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (complaints_list(&c.s, c.unit, year, &c.mem, &v, &n, &e)) {
		cli_fail(&e);
		goto out;
	}
	complaints_sum(v, n, c.s.today, &s);
	if (json) {
		json_t *arr = json_array();

		for (i = 0; i < n; i++)
			json_array_append_new(arr, complaint_json(&c.t, &v[i], c.s.today));
		if (!cli_print_year_list(c.t.units[c.unit].code, year, complaint_sum_json(&s), "complaints", arr))
			goto out;
	} else {
		printf(_("Feedback and complaints of %s (%s): %u received, %u open, %u overdue, %u answered"),
		       c.t.units[c.unit].name, c.t.units[c.unit].code, s.total, s.open, s.overdue, s.answered);
		printf("\n");
		for (i = 0; i < n; i++)
			print_line(&v[i], c.s.today);
	}
	status = EXIT_OK;
out:
	ccli_close(&c);
	return status;
}

/* An option naming one of a list: the index, or -1 with the field named. */
static bool parse_opt(const char *cmd, const char *name, const char *s, int (*parse)(const char *), int *out)
{
	*out = parse(s);
	if (*out >= 0)
		return true;
	fprintf(stderr, "gemis %s: --%s: %s '%s'\n", cmd, name, _("unknown value"), s);
	return false;
}

int cmd_complaint_add(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct ccli c;
	struct cmp_fields f;
	struct diags d;
	char code[CMP_CODE_MAX + 1];
	const char *unit = NULL, *rec = NULL, *ch = NULL, *kind = NULL, *field = NULL, *ag = NULL, *name = NULL,
		   *contact = NULL, *text = NULL, *as = NULL, *keyfile = NULL;
	bool complex = false;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &unit},     {"received", OPT_TEXT, &rec},   {"channel", OPT_TEXT, &ch},
		{"kind", OPT_TEXT, &kind},     {"field", OPT_TEXT, &field},    {"agency", OPT_TEXT, &ag},
		{"name", OPT_TEXT, &name},     {"contact", OPT_TEXT, &contact}, {"text", OPT_TEXT, &text},
		{"complex", OPT_FLAG, &complex}, {"as", OPT_TEXT, &as},        {"case-key", OPT_TEXT, &keyfile},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!unit || !rec || !ch || !kind || !field || !ag || !name || !text)
		return cli_usage(cli);
	memset(&f, 0, sizeof(f));
	if (!cli_day_opt("complaint add", "received", rec, &f.received))
		return EXIT_USAGE;
	/* an unknown value is left -1: the store names every such field */
	f.channel = cmp_channel_parse(ch);
	f.kind = cmp_kind_parse(kind);
	f.field = goal_parse(field);
	f.agency = agency_find(ag);
	f.complex = complex;
	f.name = name;
	f.contact = contact;
	f.text = text;
	diags_init(&d, 50);
	rc = ccli_open(cli, &c, "complaint add", as, keyfile, true, unit);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	status = cli_report("complaint add", complaint_add(&c.s, c.unit, &f, code, &d, &e), &d, &e);
	if (status == EXIT_OK) {
		printf(_("Complaint %s recorded."), code);
		printf("\n");
	}
out:
	diags_release(&d);
	ccli_close(&c);
	return status;
}

int cmd_complaint_show(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct ccli c;
	struct complaint x;
	const char *code = NULL, *as = NULL, *keyfile = NULL;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"code", OPT_TEXT, &code},
		{"as", OPT_TEXT, &as},
		{"case-key", OPT_TEXT, &keyfile},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code)
		return cli_usage(cli);
	rc = ccli_open(cli, &c, "complaint show", as, keyfile, true, NULL);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (complaint_get(&c.s, code, true, &c.mem, &x, &e)) {
		cli_fail(&e);
		goto out;
	}
	status = cli_print_json(complaint_json(&c.t, &x, c.s.today), JSON_INDENT(1)) ? EXIT_OK : EXIT_FAIL;
out:
	ccli_close(&c);
	return status;
}

/* The version the matter stands at now (a command is its own reload). */
static enum gemis_err version_of(struct ccli *c, const char *code, long long *version, struct errctx *e)
{
	struct complaint x;
	enum gemis_err err = complaint_get(&c->s, code, false, &c->mem, &x, e);

	*version = err ? 0 : x.version;
	return err;
}

int cmd_complaint_answer(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct ccli c;
	struct diags d;
	struct date on = {0, 0, 0};
	const char *code = NULL, *st = NULL, *ond = NULL, *answer = NULL, *as = NULL, *keyfile = NULL;
	long long version = 0;
	int rc, s, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"code", OPT_TEXT, &code},   {"status", OPT_TEXT, &st}, {"on", OPT_TEXT, &ond},
		{"answer", OPT_TEXT, &answer}, {"as", OPT_TEXT, &as},   {"case-key", OPT_TEXT, &keyfile},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !st)
		return cli_usage(cli);
	if (!parse_opt("complaint answer", "status", st, cmp_status_parse, &s) ||
	    (ond && !cli_day_opt("complaint answer", "on", ond, &on)))
		return EXIT_USAGE;
	diags_init(&d, 20);
	rc = ccli_open(cli, &c, "complaint answer", as, keyfile, true, NULL);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (!ond)
		on = c.s.today;
	if (version_of(&c, code, &version, &e)) {
		/* not in scope: the refusal is the store's, and logged */
		version = 0;
	}
	status = cli_report("complaint answer", complaint_answer(&c.s, code, version, s, on, answer, &d, &e), &d, &e);
	if (status == EXIT_OK) {
		printf(_("Complaint %s is now %s."), code, cmp_status_name(s));
		printf("\n");
	}
out:
	diags_release(&d);
	ccli_close(&c);
	return status;
}

int cmd_complaint_refer(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct ccli c;
	const char *code = NULL, *cs = NULL, *as = NULL;
	long long version = 0;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"code", OPT_TEXT, &code},
		{"case", OPT_TEXT, &cs},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !cs)
		return cli_usage(cli);
	rc = ccli_open(cli, &c, "complaint refer", as, NULL, false, NULL);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (version_of(&c, code, &version, &e))
		version = 0;
	if (complaint_refer(&c.s, code, version, cs, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf(_("Complaint %s is referred to case %s of the case register."), code, cs);
	printf("\n");
	status = EXIT_OK;
out:
	ccli_close(&c);
	return status;
}

int cmd_complaint_limits(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cmp_limit l[CK_COUNT];
	bool have[CK_COUNT], json = false;
	struct db *db;
	int rc, k;
	const struct cli_opt opts[] = {
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	if (complaint_limits_load(db, l, have, &e)) {
		db_close(db);
		return cli_fail(&e);
	}
	db_close(db);
	if (json)
		return cli_print_json(complaint_limits_json(l, have), JSON_INDENT(1)) ? EXIT_OK : EXIT_FAIL;
	for (k = 0; k < CK_COUNT; k++) {
		if (!have[k]) {
			printf("%-13s %s\n", cmp_kind_id(k), _("no time limit: the register refuses this kind"));
			continue;
		}
		printf(_("%-13s %d + %d days (complex: + %d) · %s"), cmp_kind_id(k), l[k].accept_days, l[k].answer_days,
		       l[k].extend_days, l[k].source);
		printf("\n");
	}
	return EXIT_OK;
}

int cmd_complaint_erase(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct ccli c;
	const char *as = NULL, *days_arg = NULL, *day = NULL;
	long days = CMP_RETENTION_DEFAULT_DAYS;
	size_t n = 0;
	int rc, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"as", OPT_TEXT, &as},
		{"retention-days", OPT_TEXT, &days_arg},
		{"today", OPT_TEXT, &day},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (days_arg && (!text_parse_long(days_arg, strlen(days_arg), &days) || days < 0 || days > 36500)) {
		fprintf(stderr, "gemis complaint erase: --retention-days: %s '%s'\n", _("not a number of days"), days_arg);
		return EXIT_USAGE;
	}
	rc = ccli_open(cli, &c, "complaint erase", as, NULL, false, NULL);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (day && !cli_day_opt("complaint erase", "today", day, &c.s.today)) {
		status = EXIT_USAGE;
		goto out;
	}
	if (complaints_erase_old(&c.s, (int)days, &n, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf(ngettext_("%zu matter closed more than %u days ago no longer holds the person, the contact, the text or the answer.",
			 "%zu matters closed more than %u days ago no longer hold the person, the contact, the text or the answer.",
			 (unsigned long)n),
	       n, (unsigned)days);
	printf("\n");
	status = EXIT_OK;
out:
	ccli_close(&c);
	return status;
}
