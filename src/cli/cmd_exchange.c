/*
 * cmd_exchange.c: `gemis values export` and `gemis template`; the import
 * formats are read by `gemis values import` (cmd_basic.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/catalog.h"
#include "formats/exchange.h"
#include "formats/values_template.h"
#include "report/exchange.h"
#include "report/yearly.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

static int write_out(const char *path, const struct buf *b)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	bool ok;

	if (!f) {
		fprintf(stderr, "gemis: %s: %s\n", path, _("cannot write the file"));
		return EXIT_FAIL;
	}
	ok = fwrite(buf_str(b), 1, b->len, f) == b->len;
	if (f != stdout)
		ok = fclose(f) == 0 && ok;
	else
		ok = fflush(f) == 0 && ok;
	if (!ok) {
		fprintf(stderr, "gemis: %s: %s\n", path, _("cannot write the file"));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* The format of `values export`: --format's, else the output file's
 * extension's; -1 with a message when there is none it can write. */
static int export_format(const char *format, const char *path)
{
	int fmt = -1;

	if (format) {
		fmt = xfmt_parse(format);
		if (fmt < 0 || fmt == XF_XLSX) {
			fprintf(stderr, "gemis values export: --format: %s '%s' (csv, adx, dhis2, sdmx, sdmx-structure)\n",
				_("unknown format"), format);
			return -1;
		}
	}
	if (fmt < 0)
		fmt = strcmp(path, "-") == 0 ? XF_CSV : xfmt_from_path(path);
	if (fmt < 0 || fmt == XF_XLSX) {
		fprintf(stderr, "gemis values export: %s\n", _("say which format with --format (csv, adx, dhis2, sdmx)"));
		return -1;
	}
	return fmt;
}

/* What `values export` wrote, on stderr (stdout may be the export). */
static void export_said(const char *path, int fmt, const char *unit_name, size_t n, size_t withheld)
{
	if (fmt == XF_SDMX_STRUCTURE && strcmp(path, "-") != 0)
		fprintf(stderr, _("%s: the structure of the SDMX dataflow for %s and the units below it.\n"), path,
			unit_name);
	else if (strcmp(path, "-") != 0)
		fprintf(stderr, ngettext_("%s: exported %zu value of %s.\n", "%s: exported %zu values of %s.\n", n), path,
			n, unit_name);
	if (withheld)
		fprintf(stderr,
			ngettext_("Withheld %zu value of the violence indicators: counts under 5 and what would "
				  "reveal them are not published (--include-small-counts exports them).\n",
				  "Withheld %zu values of the violence indicators: counts under 5 and what would "
				  "reveal them are not published (--include-small-counts exports them).\n",
				  withheld),
			withheld);
}

/* What SDMX-CSV adds: the computed values, and those withheld. */
static void export_said_computed(const char *path, size_t n, size_t withheld)
{
	if (strcmp(path, "-") != 0)
		fprintf(stderr, ngettext_("%s: and %zu computed indicator value.\n",
					  "%s: and %zu computed indicator values.\n", n),
			path, n);
	if (withheld)
		fprintf(stderr,
			ngettext_("Withheld %zu computed value of the violence indicators (OBS_STATUS O, CONF_STATUS C).\n",
				  "Withheld %zu computed values of the violence indicators (OBS_STATUS O, CONF_STATUS C).\n",
				  withheld),
			withheld);
}

/* The rows `values export` writes: the stored values of the unit and
 * below (the register's small counts withheld unless small, from s), and
 * for SDMX-CSV the computed values into o->obs (caller frees). */
static int export_data(struct db *db, const struct snapshot *s, const struct tree *t, int fmt, int unit, int year,
		       bool small, struct value_rows *rows, size_t *withheld, struct export_opts *o)
{
	struct errctx e = {0};
	struct indicator_obs *obs = NULL;

	if (fmt != XF_SDMX_STRUCTURE && exchange_values(db, t, unit, year, rows, &e)) {
		cli_fail(&e);
		return EXIT_FAIL;
	}
	if (s && !small && exchange_withhold_small(s, rows, withheld)) {
		fprintf(stderr, "gemis: %s\n", err_name(GEMIS_ENOMEM));
		return EXIT_FAIL;
	}
	if (s && fmt == XF_SDMX && exchange_indicator_values(s, unit, year, small, &obs, &o->nobs, &o->nobs_withheld)) {
		fprintf(stderr, "gemis: %s\n", err_name(GEMIS_ENOMEM));
		return EXIT_FAIL;
	}
	o->obs = obs;
	return EXIT_OK;
}

int cmd_values_export(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db = NULL;
	struct tree t;
	struct snapshot snap;
	const struct tree *tp = &t;
	struct value_rows rows = {0};
	struct codemap map;
	struct export_opts o = {0};
	struct buf out;
	const char *code = NULL, *path = NULL, *map_path = NULL, *format = NULL;
	int rc, year = 0, fmt = -1, unit, status = EXIT_FAIL;
	bool small = false, have_snap = false;
	size_t withheld = 0;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"year", OPT_YEAR, &year},
		{"format", OPT_TEXT, &format},
		{"map", OPT_TEXT, &map_path},
		{"output", OPT_TEXT, &path, 'o'},
		{"include-small-counts", OPT_FLAG, &small},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !path) {
		if (format && export_format(format, "-") < 0)
			return EXIT_USAGE;
		return cli_usage(cli);
	}
	fmt = export_format(format, path);
	if (fmt < 0)
		return EXIT_USAGE;
	tree_init(&t);
	codemap_init(&map);
	buf_init(&out, (size_t)1 << 30);
	/* the structure names the SDMX-CSV's codes: the same lines of the map */
	if (map_path && cli_read_codemap(map_path, fmt == XF_SDMX_STRUCTURE ? "sdmx" : xfmt_name((enum xfmt)fmt),
					 &map) != EXIT_OK)
		goto out;
	db = cli_open_db(cli, 0);
	if (!db)
		goto out;
	/* the suppression of the register's counts is decided over the whole
	 * tree, from the engine; SDMX-CSV carries the engine's values too */
	if (small && fmt != XF_SDMX) {
		if (units_load_tree(db, &t, &e)) {
			cli_fail(&e);
			goto out;
		}
	} else {
		if (snapshot_load(db, &snap, &e)) {
			cli_fail(&e);
			goto out;
		}
		have_snap = true;
		tp = &snap.tree;
	}
	unit = tree_find(tp, code);
	if (unit < 0) {
		cli_unknown_unit("values export", code);
		goto out;
	}
	if (export_data(db, have_snap ? &snap : NULL, tp, fmt, unit, year, small, &rows, &withheld, &o) != EXIT_OK)
		goto out;
	o.map = map_path ? &map : NULL;
	o.unit = unit;
	o.exported = report_stamp();
	if (!o.exported)
		o.exported = (long long)time(NULL);
	if (values_write((enum xfmt)fmt, tp, rows.v, rows.n, &o, &out)) {
		fprintf(stderr, "gemis: %s\n", err_name(GEMIS_ENOMEM));
		goto out;
	}
	if (write_out(path, &out) != EXIT_OK)
		goto out;
	export_said(path, fmt, tp->units[unit].name, rows.n, withheld);
	if (fmt == XF_SDMX)
		export_said_computed(path, o.nobs, o.nobs_withheld);
	status = EXIT_OK;
out:
	db_close(db);
	value_rows_release(&rows);
	free((void *)o.obs);
	codemap_release(&map);
	buf_release(&out);
	tree_release(&t);
	if (have_snap)
		snapshot_release(&snap);
	return status;
}

int cmd_template(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db = NULL;
	struct tree t;
	struct template_form f = {0};
	const char *code = NULL, *agency = NULL, *path = NULL;
	int rc, year = 0, unit, ag, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"unit", OPT_TEXT, &code},
		{"agency", OPT_TEXT, &agency},
		{"year", OPT_YEAR, &year},
		{"output", OPT_TEXT, &path, 'o'},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code || !agency || !year || !path)
		return cli_usage(cli);
	ag = agency_find(agency);
	if (ag < 0) {
		fprintf(stderr, "gemis template: --agency: %s '%s'\n", _("unknown agency"), agency);
		return EXIT_USAGE;
	}
	tree_init(&t);
	db = cli_open_tree(cli, &t);
	if (!db)
		goto out;
	unit = tree_find(&t, code);
	if (unit < 0) {
		cli_unknown_unit("template", code);
		goto out;
	}
	if (exchange_template(db, &t, unit, ag, year, &f, &e)) {
		cli_fail(&e);
		goto out;
	}
	f.created = report_stamp();
	if (values_template_write(&f, path, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf(ngettext_("Wrote the form of %s, %s, %d to %s: %zu value to fill in.\n",
			 "Wrote the form of %s, %s, %d to %s: %zu values to fill in.\n", f.nrows),
	       t.units[unit].name, agency, year, path, f.nrows);
	status = EXIT_OK;
out:
	free((void *)f.rows);
	db_close(db);
	tree_release(&t);
	return status;
}
