/*
 * cmd_local.c: `gemis local ...`: a unit's own indicators, made of its
 * plan's numeric targets outside the catalog (store/local_indicators.h,
 * docs/local-indicators.md): listed with their target, the year's value
 * and its status, a value recorded for a year, every record of one.  A
 * write acts as an account (--as USER, with that account's rights, as on
 * the web) or as the operator who holds the database; the rules are the
 * store's, so that the command line refuses what the web refuses.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/catalog.h"
#include "core/date.h"
#include "report/progress.h"
#include "store/local_indicators.h"
#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

/* The agency a local indicator is owed by, for people. */
static const char *owner_name(const struct local_indicator *x)
{
	return cli_agency_name(agency_find(x->agency), x->agency);
}

/* The target in force, or NULL (an indicator out of force has none). */
static const struct target *target_of(const struct local_indicator *x)
{
	return x->target.has_value ? &x->target : NULL;
}

/* A value for people: 4,5 (the unit's decimal mark), "–" for none. */
static void value_text(const struct local_value *v, char *out, size_t n)
{
	if (!v) {
		snprintf(out, n, "–");
		return;
	}
	format_number(out, n, v->value, 2);
}

/* L<seq>'s argument: its number, or 0 after saying it is not a label. */
static int label_arg(const char *cmd, const char *s)
{
	int seq = local_label_parse(s);

	if (seq <= 0)
		fprintf(stderr, "gemis %s: %s '%s' (L1, L2...)\n", cmd, _("not a local indicator's label"), s);
	return seq;
}

/* --- gemis local list ---------------------------------------------------- */

static json_t *value_json(const struct local_value *v)
{
	if (!v)
		return json_null();
	return json_pack("{s:I, s:i, s:f, s:s?, s:s, s:s, s:I}", "id", v->id, "year", v->year, "value", v->value,
			 "note", v->note, "agency", v->agency, "by", v->by, "at", v->at);
}

static json_t *target_json(const struct local_indicator *x)
{
	const struct target *t = target_of(x);

	if (!t)
		return json_null();
	return json_pack("{s:s, s:f, s:i, s:s?}", "direction", direction_id(t->dir), "value", t->value, "year",
			 t->year, "text", x->target_text);
}

static json_t *local_json(const struct local_indicator *x, int year)
{
	struct assessment a;
	json_t *years = json_array();
	char label[16];
	size_t i;

	local_assess(x, year, &a);
	for (i = 0; years && i < x->nvalues; i++)
		json_array_append_new(years, json_pack("{s:i, s:f}", "year", x->values[i].year, "value",
						       x->values[i].value));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:s, s:o}", "label",
			 local_label(x->seq, label, sizeof(label)), "name", x->name, "goal", goal_id((enum goal)x->goal),
			 "unit", x->unit, "polarity", x->polarity == POL_LOWER ? "lower" : "higher", "agency",
			 x->agency, "in_force", x->in_force, "target", target_json(x), "value",
			 value_json(local_value_of(x, year)), "status", status_id(a.status), "values", years);
}

static void local_text(struct buf *out, const struct local_indicator *x, int year)
{
	struct assessment a;
	char label[16], tgt[96], val[48];

	local_assess(x, year, &a);
	progress_target_text(target_of(x), x->unit, tgt, sizeof(tgt));
	value_text(local_value_of(x, year), val, sizeof(val));
	text_cell(out, local_label(x->seq, label, sizeof(label)), 4, false);
	buf_puts(out, " ");
	text_cell(out, x->name, 48, false);
	buf_puts(out, " ");
	text_cell(out, owner_name(x), 28, false);
	buf_puts(out, " ");
	text_cell(out, tgt, 24, false);
	buf_puts(out, " ");
	text_cell(out, val, 10, true);
	buf_printf(out, " %s", status_name(a.status));
	if (!x->in_force)
		buf_printf(out, " (%s)", _("not in the plan in force"));
	buf_putc(out, '\n');
}

static bool list_print(const struct cli_unit *c, const struct local_list *l, int year, bool json)
{
	const struct unit *u = &c->t.units[c->unit];
	struct buf out;
	size_t i;
	bool ok;

	if (json) {
		json_t *arr = json_array();

		for (i = 0; arr && i < l->n; i++)
			json_array_append_new(arr, local_json(&l->v[i], year));
		return cli_print_json(json_pack("{s:s, s:i, s:o}", "unit", u->code, "year", year, "local_indicators",
						arr),
				      JSON_INDENT(1));
	}
	buf_init(&out, 0);
	buf_printf(&out, _("Local indicators of %s (%s) for %d"), u->name, u->code, year);
	buf_putc(&out, '\n');
	if (!l->n)
		buf_printf(&out, "%s\n", _("None: the unit's plans set no numeric target outside the catalog."));
	else
		buf_printf(&out, "%s\n", _("Label, name, agency, target, value of the year, status:"));
	for (i = 0; i < l->n; i++)
		local_text(&out, &l->v[i], year);
	fwrite(buf_str(&out), 1, out.len, stdout);
	ok = !buf_error(&out);
	buf_release(&out);
	return ok;
}

int cmd_local_list(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct local_list l;
	int year = cli_today().y, rc, first, status = EXIT_FAIL;
	bool json = false;
	const struct cli_opt opts[] = {
		{"year", OPT_YEAR, &year},
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	memset(&l, 0, sizeof(l));
	rc = cli_unit_open(cli, "local list", argv[first], NULL, &c);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (local_list(c.db, &c.t, c.unit, &l, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (list_print(&c, &l, year, json))
		status = EXIT_OK;
out:
	local_list_release(&l);
	cli_unit_close(&c);
	return status;
}

/* --- gemis local record --------------------------------------------------- */

struct record_opts {
	int seq, year;
	double value;
	const char *note, *as;
	long long version; /* -1: the latest record's of the year */
};

/* The options of `local record` checked, each problem named by its option;
 * CLI_GO or EXIT_USAGE (said). */
static int record_options(const char *value, const char *version, struct record_opts *o)
{
	const char *cmd = "gemis local record";
	long v;

	if (!o->year) {
		fprintf(stderr, "%s: --year: %s\n", cmd, _("required: the year the value is for"));
		return EXIT_USAGE;
	}
	if (!value) {
		fprintf(stderr, "%s: --value: %s\n", cmd, _("required: the year's value"));
		return EXIT_USAGE;
	}
	if (!text_parse_number(value, strlen(value), &o->value) || !isfinite(o->value)) {
		fprintf(stderr, "%s: --value: %s '%s'\n", cmd, _("not a number"), value);
		return EXIT_USAGE;
	}
	o->version = -1;
	if (version) {
		if (!text_parse_long(version, strlen(version), &v)) {
			fprintf(stderr, "%s: --version: %s '%s'\n", cmd, _("not a record's number"), version);
			return EXIT_USAGE;
		}
		o->version = v;
	}
	return CLI_GO;
}

/* The unit's local indicators into l and the one labelled seq into *x:
 * CLI_GO, or EXIT_FAIL after saying the label (as typed) names nothing.
 * The caller releases l either way. */
static int find_local(const char *cmd, const struct cli_unit *c, int seq, const char *label, struct local_list *l,
		      const struct local_indicator **x)
{
	struct errctx e = {0};

	if (local_list(c->db, &c->t, c->unit, l, &e))
		return cli_fail(&e);
	*x = local_find(l, seq);
	if (!*x) {
		fprintf(stderr, "gemis %s: %s '%s' (%s)\n", cmd, _("no such local indicator in the unit"), label,
			_("see `gemis local list`"));
		return EXIT_FAIL;
	}
	return CLI_GO;
}

/* Without --version the command line records on top of the latest record
 * of the year (it is one person at a terminal): o->version gets its id, 0
 * for none.  EXIT_FAIL after saying the label names nothing. */
static int latest_version(const struct cli_unit *c, const char *label, struct record_opts *o)
{
	struct local_list l;
	const struct local_indicator *x = NULL;
	const struct local_value *v;
	int status;

	memset(&l, 0, sizeof(l));
	status = find_local("local record", c, o->seq, label, &l, &x);
	if (status == CLI_GO && o->version < 0) {
		v = local_value_of(x, o->year);
		o->version = v ? v->id : 0;
	}
	local_list_release(&l);
	return status;
}

int cmd_local_record(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct principal who;
	struct diags d;
	struct record_opts o;
	const char *value = NULL, *version = NULL;
	char num[48];
	long long id = 0;
	enum gemis_err err;
	int rc, first, status = EXIT_FAIL;
	const struct cli_opt opts[] = {
		{"year", OPT_YEAR, &o.year},
		{"value", OPT_TEXT, &value},
		{"note", OPT_TEXT, &o.note},
		{"version", OPT_TEXT, &version},
		{"as", OPT_TEXT, &o.as},
		{NULL, OPT_FLAG, NULL},
	};

	memset(&o, 0, sizeof(o));
	rc = cli_options(cli, argc, argv, opts, 2, 2, &first);
	if (rc != CLI_GO)
		return rc;
	o.seq = label_arg("local record", argv[first + 1]);
	if (!o.seq)
		return EXIT_USAGE;
	rc = record_options(value, version, &o);
	if (rc != CLI_GO)
		return rc;
	diags_init(&d, 20);
	rc = cli_unit_actor(cli, "local record", argv[first], NULL, o.as, &c, &who);
	if (rc == CLI_GO)
		rc = latest_version(&c, argv[first + 1], &o);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	err = local_record(c.db, &c.t, &who, c.unit, o.seq, o.year, o.value, o.note, o.version,
			   (long long)time(NULL), &d, &id, &e);
	status = cli_report("local record", err, &d, &e);
	if (status == EXIT_OK) {
		char label[16];

		format_number(num, sizeof(num), o.value, 2);
		printf(_("Recorded %s of %s for %d: %s (record %lld)\n"), local_label(o.seq, label, sizeof(label)),
		       c.t.units[c.unit].code, o.year, num, id);
	} else if (err != GEMIS_EINVAL) {
		fprintf(stderr, "gemis local record: %s\n", _("nothing was recorded"));
	}
out:
	diags_release(&d);
	cli_unit_close(&c);
	return status;
}

/* --- gemis local assign --------------------------------------------------- */

int cmd_local_assign(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct principal who;
	const char *agency = NULL, *as = NULL;
	char label[16];
	enum gemis_err err;
	int rc, first, seq, k;
	const struct cli_opt opts[] = {
		{"agency", OPT_TEXT, &agency},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 2, 2, &first);
	if (rc != CLI_GO)
		return rc;
	seq = label_arg("local assign", argv[first + 1]);
	if (!seq)
		return EXIT_USAGE;
	if (!agency) {
		fprintf(stderr, "gemis local assign: --agency: %s\n", _("required: the agency that owes it from now on"));
		return EXIT_USAGE;
	}
	rc = cli_unit_actor(cli, "local assign", argv[first], NULL, as, &c, &who);
	if (rc != CLI_GO)
		return rc;
	err = local_assign(c.db, &c.t, &who, c.unit, seq, agency, (long long)time(NULL), &e);
	rc = cli_report("local assign", err, NULL, &e);
	k = agency_find(agency);
	if (rc == EXIT_OK && k >= 0)
		printf(_("%s of %s is owed by %s; its reporter records its values\n"), local_label(seq, label, sizeof(label)),
		       c.t.units[c.unit].code, i18n_lang() == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi);
	cli_unit_close(&c);
	return rc;
}

/* --- gemis local history -------------------------------------------------- */

static bool history_print(const struct cli_unit *c, const char *label, const struct local_value *v, size_t n,
			  bool json)
{
	struct buf out;
	size_t i;
	bool ok;

	if (json) {
		json_t *arr = json_array();

		for (i = 0; arr && i < n; i++)
			json_array_append_new(arr, value_json(&v[i]));
		return cli_print_json(json_pack("{s:s, s:s, s:o}", "unit", c->t.units[c->unit].code, "label", label,
						"records", arr),
				      JSON_INDENT(1));
	}
	buf_init(&out, 0);
	buf_printf(&out, _("Records of %s of %s (%s), oldest first"), label, c->t.units[c->unit].name,
		   c->t.units[c->unit].code);
	buf_putc(&out, '\n');
	if (!n)
		buf_printf(&out, "%s\n", _("Nothing recorded yet."));
	for (i = 0; i < n; i++) {
		char at[32], val[48];

		vn_format_time(v[i].at, at, sizeof(at));
		format_number(val, sizeof(val), v[i].value, 2);
		buf_printf(&out, "#%lld %d ", v[i].id, v[i].year);
		text_cell(&out, val, 10, true);
		buf_printf(&out, "  %s  %s (%s)", at, v[i].by, v[i].agency);
		if (v[i].note)
			buf_printf(&out, "  %s", v[i].note);
		buf_putc(&out, '\n');
	}
	fwrite(buf_str(&out), 1, out.len, stdout);
	ok = !buf_error(&out);
	buf_release(&out);
	return ok;
}

int cmd_local_history(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct cli_unit c;
	struct local_list l;
	const struct local_indicator *x = NULL;
	struct local_value *v = NULL;
	size_t n = 0;
	char label[16];
	int rc, first, seq, status = EXIT_FAIL;
	bool json = false;
	const struct cli_opt opts[] = {
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 2, 2, &first);
	if (rc != CLI_GO)
		return rc;
	seq = label_arg("local history", argv[first + 1]);
	if (!seq)
		return EXIT_USAGE;
	memset(&l, 0, sizeof(l));
	rc = cli_unit_open(cli, "local history", argv[first], NULL, &c);
	if (rc == CLI_GO)
		rc = find_local("local history", &c, seq, argv[first + 1], &l, &x);
	if (rc != CLI_GO) {
		status = rc;
		goto out;
	}
	if (local_history(c.db, &c.t, c.unit, seq, &c.mem, &v, &n, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (history_print(&c, local_label(seq, label, sizeof(label)), v, n, json))
		status = EXIT_OK;
out:
	local_list_release(&l);
	cli_unit_close(&c);
	return status;
}
