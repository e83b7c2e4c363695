/*
 * cmd_basic.c: init, values import, progress, plan load.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/date.h"
#include "formats/exchange.h"
#include "formats/values_csv.h"
#include "report/adhoc_answer.h"
#include "report/progress.h"
#include "store/demo.h"
#include "util/seal.h"
#include "store/plans.h"
#include "store/snapshot.h"
#include "store/store.h"
#include "store/values.h"
#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

/* Rejects stray arguments (argv[first..argc) after the options); true
 * when there are none. */
static bool no_extra(int argc, char **argv, int first, const char *name)
{
	if (first < argc) {
		fprintf(stderr, "gemis %s: %s '%s'\n", name, _("unexpected argument"), argv[first]);
		return false;
	}
	return true;
}

int cmd_init(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db;
	bool installed;
	int first, rc = cli_options(cli, argc, argv, NULL, 0, -1, &first);

	if (rc != CLI_GO)
		return rc;
	if (!no_extra(argc, argv, first, "init"))
		return cli_usage(cli);
	db = cli_open_db(cli, DB_OPEN_CREATE);
	if (!db)
		return EXIT_FAIL;
	if (store_init(db, &installed, &e)) {
		db_close(db);
		return cli_fail(&e);
	}
	db_close(db);
	if (installed)
		printf(_("Created %s with the administrative units of Vietnam.\n"), cli_db_name(cli));
	else
		printf(_("%s is already initialised; nothing changed.\n"), cli_db_name(cli));
	return EXIT_OK;
}

/* What `values import` says at the end: the problems (nothing written),
 * an error, or what was imported. */
static int import_outcome(const char *path, bool dry, size_t n, struct diags *d, const struct values_result *res,
			  struct errctx *e)
{
	if (d->total > 0) {
		cli_print_diags(path, d);
		fprintf(stderr,
			ngettext_("%s: %zu problem found; nothing was imported.\n",
				  "%s: %zu problems found; nothing was imported.\n", d->total),
			path, d->total);
		return EXIT_FAIL;
	}
	if (e->code)
		return cli_fail(e);
	printf(dry ? _("%s: would import %zu values: %zu new, %zu changed, %zu unchanged (dry run, nothing written).\n")
		   : _("%s: imported %zu values: %zu new, %zu changed, %zu unchanged.\n"),
	       path, n, res->inserted, res->updated, res->unchanged);
	return EXIT_OK;
}

static enum gemis_err stream_add(void *ctx, const struct value_row *row, struct errctx *e)
{
	return values_stream_add(ctx, row, e);
}

/* A CSV file, read a block at a time and imported through a values
 * stream: memory does not grow with the file. */
static int import_csv(struct cli *cli, struct db *db, const struct tree *t, const char *path, const char *as,
		      bool dry, struct diags *d)
{
	struct errctx e = {0};
	struct values_stream *vs = NULL;
	struct values_result res;
	enum gemis_err err = values_stream_open(t, &vs, &e);
	size_t n;
	int status;

	if (!err)
		err = values_csv_read(path, t, stream_add, vs, d, &e);
	if (err) {
		if (e.code == GEMIS_EFORMAT && !e.where[0])
			snprintf(e.where, sizeof(e.where), "%s", path);
		values_stream_close(vs);
		return cli_fail(&e);
	}
	/* the checks across rows run even after field problems, so that one
	 * run lists everything to fix; any problem means nothing is written */
	n = values_stream_count(vs);
	values_stream_import(db, vs, cli_user(as), "import", dry ? VALUES_DRY_RUN : 0, d, &res, cli_progress, cli,
			     &e);
	values_stream_close(vs);
	status = import_outcome(path, dry, n, d, &res, &e);
	return status;
}

/* The other formats, read whole (XLSX needs its zip's directory at the
 * end; ADX and DHIS2 are one XML or JSON document). */
static int import_whole(struct cli *cli, struct db *db, const struct tree *t, const char *path, int fmt,
			const struct codemap *map, const char *as, bool dry, struct diags *d)
{
	struct errctx e = {0};
	struct buf file;
	struct value_rows rows = {0};
	struct values_result res;
	int status = EXIT_FAIL;

	buf_init(&file, (size_t)512 << 20);
	if (buf_read_file(&file, path, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (values_parse((enum xfmt)fmt, buf_str(&file), file.len, t, map, &rows, d, &e)) {
		if (e.code == GEMIS_EFORMAT && !e.where[0])
			snprintf(e.where, sizeof(e.where), "%s", path);
		cli_fail(&e);
		goto out;
	}
	values_import(db, t, rows.v, rows.n, cli_user(as), "import", dry ? VALUES_DRY_RUN : 0, d, &res,
		      cli_progress, cli, &e);
	status = import_outcome(path, dry, rows.n, d, &res, &e);
out:
	value_rows_release(&rows);
	buf_release(&file);
	return status;
}

int cmd_values_import(struct cli *cli, int argc, char **argv)
{
	struct db *db = NULL;
	struct tree t;
	struct diags d;
	const char *path, *as = NULL, *map_path = NULL, *format = NULL;
	struct codemap map;
	FILE *f;
	bool dry = false;
	int rc, status = EXIT_FAIL, fmt = -1, first;
	const struct cli_opt opts[] = {
		{"dry-run", OPT_FLAG, &dry},
		{"as", OPT_TEXT, &as},
		{"format", OPT_TEXT, &format},
		{"map", OPT_TEXT, &map_path},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	if (format) {
		fmt = xfmt_parse(format);
		if (fmt < 0 || !xfmt_readable((enum xfmt)fmt)) {
			fprintf(stderr, "gemis values import: --format: %s '%s' (csv, xlsx, adx, dhis2)\n",
				_("unknown format"), format);
			return EXIT_USAGE;
		}
	}
	path = argv[first];
	/* from the extension; anything else is read as CSV, as it always was */
	if (fmt < 0)
		fmt = xfmt_from_path(path);
	if (fmt < 0 || !xfmt_readable((enum xfmt)fmt))
		fmt = XF_CSV;
	/* a file that cannot be read is said before the database is opened */
	f = fopen(path, "rb");
	if (!f) {
		struct errctx e = {0};

		err_set_at(&e, GEMIS_EIO, path, "%s", strerror(errno));
		return cli_fail(&e);
	}
	fclose(f);
	tree_init(&t);
	diags_init(&d, 200);
	codemap_init(&map);
	if (map_path && cli_read_codemap(map_path, xfmt_name((enum xfmt)fmt), &map) != EXIT_OK)
		goto out;
	db = cli_open_tree(cli, &t);
	if (!db)
		goto out;
	if (fmt == XF_CSV)
		status = import_csv(cli, db, &t, path, as, dry, &d);
	else
		status = import_whole(cli, db, &t, path, fmt, map_path ? &map : NULL, as, dry, &d);
out:
	db_close(db);
	diags_release(&d);
	codemap_release(&map);
	tree_release(&t);
	return status;
}

/* The year it is in Vietnam. */
static int current_year(void)
{
	return vn_date((long long)time(NULL)).y;
}

int cmd_progress(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db;
	struct snapshot s;
	struct buf out;
	const char *code = NULL;
	int year = current_year();
	bool json = false;
	int rc, unit, status = EXIT_FAIL, first;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, -1, &first);
	if (rc != CLI_GO)
		return rc;
	if (!code || !no_extra(argc, argv, first, "progress"))
		return cli_usage(cli);
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	if (snapshot_load(db, &s, &e)) {
		db_close(db);
		return cli_fail(&e);
	}
	db_close(db);
	unit = tree_find(&s.tree, code);
	if (unit < 0) {
		snapshot_release(&s);
		return cli_unknown_unit("progress", code);
	}
	buf_init(&out, 0);
	if (json)
		rc = progress_json(&s, unit, (int)year, &out);
	else
		rc = progress_text(&s, unit, (int)year, cli->color, &out);
	if (rc == GEMIS_OK) {
		fwrite(buf_str(&out), 1, out.len, stdout);
		status = EXIT_OK;
	} else {
		fprintf(stderr, "gemis: %s\n", err_name((enum gemis_err)rc));
	}
	buf_release(&out);
	snapshot_release(&s);
	return status;
}

int cmd_plan_load(struct cli *cli, int argc, char **argv)
{
	json_error_t jerr;
	json_t *plan = NULL;
	const char *path, *as = NULL;
	int rc, status, first;
	const struct cli_opt opts[] = {{"as", OPT_TEXT, &as}, {NULL, OPT_FLAG, NULL}};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	path = argv[first];
	plan = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!plan) {
		fprintf(stderr, "gemis: %s:%d:%d: %s\n", path, jerr.line, jerr.column, jerr.text);
		return EXIT_FAIL;
	}
	status = cli_store_plan(cli, path, plan, as, true);
	json_decref(plan);
	return status;
}

/* The demonstration's ad hoc request and its answers (report/adhoc_answer.h):
 * they need the figures, which the store below cannot compute. */
static enum gemis_err demo_requests(struct db *db, struct errctx *e)
{
	struct snapshot s;
	enum gemis_err err;

	err = snapshot_load(db, &s, e);
	if (err)
		return err;
	err = adhoc_demo(db, &s, time(NULL), e);
	snapshot_release(&s);
	return err;
}

/* Bình Lư's feedback and complaints: their people are sealed, so only
 * with a register key (--forms and $GEMIS_CASE_KEY_FILE). */
static enum gemis_err demo_feedback(struct db *db, bool *done, struct errctx *e)
{
	const char *kp = seal_key_path(NULL);
	struct seal_key key;
	struct tree t;
	enum gemis_err err;

	*done = false;
	if (!kp)
		return GEMIS_OK;
	err = seal_key_load(kp, &key, e);
	if (err)
		return err;
	tree_init(&t);
	err = units_load_tree(db, &t, e);
	if (!err)
		err = demo_complaints(db, &t, &key, e);
	*done = !err;
	tree_release(&t);
	seal_key_wipe(&key);
	return err;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db;
	bool installed, forms = false, feedback = false;
	int rc, flags = 0, first;
	const struct cli_opt opts[] = {{"forms", OPT_FLAG, &forms}, {NULL, OPT_FLAG, NULL}};

	rc = cli_options(cli, argc, argv, opts, 0, -1, &first);
	if (rc != CLI_GO)
		return rc;
	if (forms)
		flags |= DEMO_FORMS;
	if (!no_extra(argc, argv, first, "demo"))
		return cli_usage(cli);
	db = cli_open_db(cli, DB_OPEN_CREATE);
	if (!db)
		return EXIT_FAIL;
	if (store_init(db, &installed, &e) || demo_build(db, flags, cli_progress, cli, &e) || demo_requests(db, &e) ||
	    (forms && demo_feedback(db, &feedback, &e))) {
		db_close(db);
		return cli_fail(&e);
	}
	db_close(db);
	if (forms && !feedback)
		printf("%s\n", _("No feedback or complaints in the demo: they are sealed, give GEMIS_CASE_KEY_FILE to have them."));
	printf(_("Built the demo database %s: three real plans and invented values for 2024-2026.\n"),
	       cli_db_name(cli));
	printf(_("Try: gemis --db %s progress --unit 03390 --year 2026\n"), cli_db_name(cli));
	printf(_("Demo accounts for `gemis serve`, all with the password %s:\n"), DEMO_PASSWORD);
	for (size_t i = 0; i < demo_account_count; i++)
		printf("  %-18s %s\n", demo_accounts[i].name, _(demo_accounts[i].what));
	return EXIT_OK;
}
