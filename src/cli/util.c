/*
 * util.c: what the commands share: their options and help, opening the
 * database, reporting errors and problems, the progress bar, the author of
 * changes, code maps.
 */
#include <assert.h>
#include <getopt.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "core/catalog.h"
#include "core/date.h"
#include "core/period.h"
#include "formats/codemap.h"
#include "store/store.h"
#include "store/users.h"
#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

struct db *cli_open_db(struct cli *cli, int flags)
{
	struct errctx e = {0};
	struct db *db = NULL;

	if (store_open(store_url(cli->db_opt), flags, &db, &e)) {
		cli_fail(&e);
		return NULL;
	}
	return db;
}

struct db *cli_open_tree(struct cli *cli, struct tree *t)
{
	struct errctx e = {0};
	struct db *db = cli_open_db(cli, 0);

	if (db && units_load_tree(db, t, &e)) {
		cli_fail(&e);
		db_close(db);
		return NULL;
	}
	return db;
}

int cli_unit_open(struct cli *cli, const char *cmd, const char *code, const char *communes_only, struct cli_unit *c)
{
	memset(c, 0, sizeof(*c));
	tree_init(&c->t);
	arena_init(&c->mem, 0);
	if (!code)
		return cli_usage(cli);
	c->db = cli_open_tree(cli, &c->t);
	if (!c->db)
		return EXIT_FAIL;
	c->unit = tree_find(&c->t, code);
	if (c->unit < 0)
		return cli_unknown_unit(cmd, code);
	if (communes_only && c->t.units[c->unit].first_child >= 0) {
		fprintf(stderr, "gemis %s: --unit: ", cmd);
		fprintf(stderr, _("%s belong to a commune or ward; %s is not one"), communes_only, code);
		fputc('\n', stderr);
		return EXIT_FAIL;
	}
	return CLI_GO;
}

int cli_list_open(struct cli *cli, const char *cmd, int argc, char **argv, int *year, bool *json,
		  struct cli_unit *c)
{
	const char *code = NULL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, year},
		{"json", OPT_FLAG, json},
		{NULL, OPT_FLAG, NULL},
	};
	int rc;

	memset(c, 0, sizeof(*c));
	tree_init(&c->t);
	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	return cli_unit_open(cli, cmd, code, NULL, c);
}

int cli_step_options(const struct cli *cli, int argc, char **argv, struct cli_step_opts *o)
{
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &o->code},       {"id", OPT_TEXT, &o->id}, {"action", OPT_TEXT, &o->action},
		{"comment", OPT_TEXT, &o->comment}, {"as", OPT_TEXT, &o->as}, {NULL, OPT_FLAG, NULL},
	};
	int rc;

	memset(o, 0, sizeof(*o));
	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc == CLI_GO && (!o->code || !o->id || !o->action))
		return cli_usage(cli);
	return rc;
}

int cli_unit_actor(struct cli *cli, const char *cmd, const char *code, const char *communes_only, const char *as,
		   struct cli_unit *c, struct principal *who)
{
	int rc = cli_unit_open(cli, cmd, code, communes_only, c);

	if (rc != CLI_GO)
		return rc;
	return cli_actor(c->db, &c->t, cmd, as, who) ? CLI_GO : EXIT_FAIL;
}

bool cli_print_year_list(const char *code, int year, json_t *summary, const char *key, json_t *items)
{
	return cli_print_json(json_pack("{s:s, s:i, s:o, s:o}", "unit", code, "year", year, "summary", summary, key, items),
			      JSON_INDENT(1));
}

int cli_snap_open(struct cli *cli, const char *cmd, const char *code, struct cli_snap *c)
{
	struct errctx e = {0};

	memset(c, 0, sizeof(*c));
	arena_init(&c->mem, 0);
	c->db = cli_open_db(cli, 0);
	if (!c->db)
		return EXIT_FAIL;
	if (snapshot_load(c->db, &c->s, &e))
		return cli_fail(&e);
	c->loaded = true;
	c->unit = tree_find(&c->s.tree, code);
	if (c->unit < 0)
		return cli_unknown_unit(cmd, code);
	return CLI_GO;
}

void cli_snap_close(struct cli_snap *c)
{
	if (c->loaded)
		snapshot_release(&c->s);
	c->loaded = false;
	db_close(c->db);
	c->db = NULL;
	arena_release(&c->mem);
}

const char *cli_action(const struct cli *cli)
{
	const char *sp = cli->cmd ? strrchr(cli->cmd->name, ' ') : NULL;

	return sp ? sp + 1 : cli->cmd ? cli->cmd->name : "";
}

const char *cli_file_name(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : path;
}

void cli_unit_close(struct cli_unit *c)
{
	db_close(c->db);
	c->db = NULL;
	tree_release(&c->t);
	arena_release(&c->mem);
}

struct date cli_today(void)
{
	const char *o = getenv("GEMIS_TODAY");
	struct date d;

	if (o && date_parse_iso(o, strlen(o), &d))
		return d;
	return vn_date((long long)time(NULL));
}

int cli_utc_year(void)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

bool cli_read_line(char *out, size_t n)
{
	size_t len;

	if (!fgets(out, (int)n, stdin))
		return false;
	len = strlen(out);
	while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	return true;
}

int cli_report(const char *cmd, enum gemis_err err, struct diags *d, struct errctx *e)
{
	if (err == GEMIS_EINVAL && d && d->n) {
		fprintf(stderr, "gemis %s: %s\n", cmd, e->msg);
		cli_print_diags(cmd, d);
		return EXIT_FAIL;
	}
	if (err)
		return cli_fail(e);
	return EXIT_OK;
}

bool cli_day_opt(const char *cmd, const char *name, const char *s, struct date *d)
{
	if (!s)
		return true;
	if (date_parse_iso(s, strlen(s), d))
		return true;
	fprintf(stderr, "gemis %s: --%s: %s '%s'\n", cmd, name, _("not a date (YYYY-MM-DD)"), s);
	return false;
}

bool cli_print_json(json_t *doc, size_t flags)
{
	char *s = doc ? json_dumps(doc, flags) : NULL;

	json_decref(doc);
	if (!s) {
		fprintf(stderr, "gemis: %s\n", err_name(GEMIS_ENOMEM));
		return false;
	}
	printf("%s\n", s);
	free(s);
	return true;
}

const char *cli_db_name(const struct cli *cli)
{
	static char name[512];

	return store_url_display(store_url(cli->db_opt), name, sizeof(name));
}

int cli_fail(const struct errctx *e)
{
	if (e->where[0])
		fprintf(stderr, "gemis: %s: %s\n", e->where, e->msg[0] ? e->msg : err_name(e->code));
	else
		fprintf(stderr, "gemis: %s\n", e->msg[0] ? e->msg : err_name(e->code));
	return EXIT_FAIL;
}

void cli_print_diags(const char *file, struct diags *d)
{
	size_t i;

	diags_sort(d);
	for (i = 0; i < d->n; i++) {
		const struct diag *x = &d->d[i];

		fprintf(stderr, "%s", file);
		if (x->line > 0)
			fprintf(stderr, ":%ld", x->line);
		if (x->field[0])
			fprintf(stderr, ": %s", x->field);
		fprintf(stderr, ": %s\n", x->msg);
	}
	if (d->total > d->n)
		fprintf(stderr, ngettext_("... and %zu more problem\n", "... and %zu more problems\n",
					  d->total - d->n),
			d->total - d->n);
}

int cli_unknown_unit(const char *cmd, const char *code)
{
	fprintf(stderr, "gemis %s: --unit: %s '%s' (%s)\n", cmd, _("unknown unit code"), code,
		_("see `gemis units --search NAME`"));
	return EXIT_FAIL;
}

bool cli_id_opt(const char *cmd, const char *name, const char *s, long long *id)
{
	long v = 0;

	if (!s)
		return true;
	if (text_parse_long(s, strlen(s), &v) && v > 0) {
		*id = v;
		return true;
	}
	fprintf(stderr, "gemis %s: --%s: %s '%s'\n", cmd, name, _("not a number"), s);
	return false;
}

int cli_agency_opt(const char *cmd, const char *id)
{
	int k = agency_find(id);

	if (k < 0)
		fprintf(stderr, "gemis %s: --agency: %s '%s'\n", cmd, _("unknown agency"), id);
	return k;
}

const char *cli_agency_name(int k, const char *none)
{
	if (k < 0 || (size_t)k >= agency_kind_count)
		return none;
	return i18n_lang() == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

int cli_usage(const struct cli *cli)
{
	if (cli->cmd)
		fprintf(stderr, "%s: %s\n", _("Usage"), cli->cmd->usage);
	return EXIT_USAGE;
}

static void print_help(const struct command *c)
{
	printf("%s: %s\n\n%s.\n", _("Usage"), c->usage, _(c->summary));
	if (c->help)
		printf("\n%s\n", _(c->help));
}

/* An option's value into its place; false (with a message) when it is not
 * a value of the option's kind. */
static bool take_value(const struct cli *cli, const struct cli_opt *o, const char *v)
{
	const char *cmd = cli->cmd ? cli->cmd->name : "";
	struct date d;
	long y;

	switch (o->kind) {
	case OPT_FLAG:
		*(bool *)o->out = true;
		return true;
	case OPT_TEXT:
		*(const char **)o->out = v;
		return true;
	case OPT_YEAR:
		if (!text_parse_long(v, strlen(v), &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR) {
			fprintf(stderr, "gemis %s: --%s: %s '%s'\n", cmd, o->name, _("not a year"), v);
			return false;
		}
		*(int *)o->out = (int)y;
		return true;
	case OPT_DATE:
		if (!date_parse_iso(v, strlen(v), &d)) {
			fprintf(stderr, "gemis %s: --%s: %s '%s' (YYYY-MM-DD)\n", cmd, o->name, _("not a date"), v);
			return false;
		}
		*(struct date *)o->out = d;
		return true;
	}
	return false;
}

#define MAX_OPTS 24
#define OPT_VAL0 1000 /* getopt's value of opts[0]: clear of '?' and ':' */

int cli_options(const struct cli *cli, int argc, char **argv, const struct cli_opt *opts,
		int min_args, int max_args, int *first)
{
	struct option lo[MAX_OPTS + 1];
	char letters[2 * MAX_OPTS + 1];
	size_t nl = 0;
	int n, i, rc, nargs;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			if (cli->cmd)
				print_help(cli->cmd);
			return EXIT_OK;
		}
	}
	for (n = 0; opts && opts[n].name; n++) {
		assert(n < MAX_OPTS);
		lo[n].name = opts[n].name;
		lo[n].has_arg = opts[n].kind == OPT_FLAG ? no_argument : required_argument;
		lo[n].flag = NULL;
		lo[n].val = OPT_VAL0 + n;
		if (opts[n].letter) {
			letters[nl++] = opts[n].letter;
			if (opts[n].kind != OPT_FLAG)
				letters[nl++] = ':';
		}
	}
	memset(&lo[n], 0, sizeof(lo[n]));
	letters[nl] = '\0';
	optind = 1;
	while ((rc = getopt_long(argc, argv, letters, lo, NULL)) != -1) {
		for (i = 0; i < n && rc < OPT_VAL0; i++) {
			if (opts[i].letter && rc == opts[i].letter)
				rc = OPT_VAL0 + i;
		}
		if (rc < OPT_VAL0 || rc >= OPT_VAL0 + n)
			return cli_usage(cli);
		if (!take_value(cli, &opts[rc - OPT_VAL0], optarg))
			return EXIT_USAGE;
	}
	nargs = argc - optind;
	if (nargs < min_args || (max_args >= 0 && nargs > max_args))
		return cli_usage(cli);
	if (first)
		*first = optind;
	return CLI_GO;
}

void cli_progress(void *vcli, size_t done, size_t total)
{
	const struct cli *cli = vcli;
	static time_t last;
	time_t now = time(NULL);
	char bar[41];
	size_t fill, i;

	if (!cli || !cli->progress || total == 0)
		return;
	if (done < total && now == last)
		return;
	last = now;
	fill = done * 40 / total;
	for (i = 0; i < 40; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[40] = '\0';
	fprintf(stderr, "\r[%s] %3zu%% %zu/%zu", bar, done * 100 / total, done, total);
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

const char *cli_user(const char *as)
{
	static char name[96];
	const char *login = getenv("USER");

	if (as && *as)
		return as;
	if (!login || !*login) {
		struct passwd *pw = getpwuid(getuid());

		login = pw ? pw->pw_name : "unknown";
	}
	snprintf(name, sizeof(name), "cli:%s", login);
	return name;
}

bool cli_actor(struct db *db, const struct tree *t, const char *cmd, const char *as, struct principal *who)
{
	struct errctx e = {0};
	struct user_rec u;
	bool found = false;

	memset(who, 0, sizeof(*who));
	if (!as) {
		snprintf(who->name, sizeof(who->name), "%s", cli_user(NULL));
		who->role = ROLE_ADMIN;
		who->unit = 0; /* the root: the nation */
		who->agency = -1;
		return true;
	}
	if (users_find(db, as, &u, &found, &e)) {
		cli_fail(&e);
		return false;
	}
	if (!found || u.disabled || principal_of(t, &u, who) != GEMIS_OK) {
		fprintf(stderr, "gemis %s: --as: %s '%s'\n", cmd, _("no such active account"), as);
		return false;
	}
	return true;
}

int cli_read_codemap(const char *path, const char *format, struct codemap *m)
{
	struct errctx e = {0};
	struct buf file;
	struct diags d;
	int status = EXIT_FAIL;

	buf_init(&file, (size_t)16 << 20);
	diags_init(&d, 100);
	if (buf_read_file(&file, path, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (codemap_parse(m, format, buf_str(&file), file.len, &d, &e)) {
		if (!e.where[0])
			snprintf(e.where, sizeof(e.where), "%s", path);
		cli_fail(&e);
		goto out;
	}
	if (d.total) {
		cli_print_diags(path, &d);
		goto out;
	}
	status = EXIT_OK;
out:
	diags_release(&d);
	buf_release(&file);
	return status;
}
