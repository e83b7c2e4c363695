/*
 * cmd_plan.c: plan import, plan lint and plan restore: a signed plan
 * document (text, DOCX or PDF) read into the structured plan of
 * docs/plan-json.md, shown, printed as JSON, checked, or stored with
 * plan_load() after saying what it changes; an earlier plan put back.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "plan/plan.h"
#include "report/plandiff.h"
#include "core/date.h"
#include "store/plans.h"
#include "store/snapshot.h"
#include "store/store.h"
#include "util/buf.h"

#include "util/banned.h"

#define PLAN_FILE_MAX ((size_t)64 << 20)

/* Reads and imports a plan document; prints the error and returns NULL on
 * failure. */
static json_t *import_file(const char *path)
{
	struct errctx e = {0};
	struct buf file, text;
	json_t *plan = NULL;

	buf_init(&file, PLAN_FILE_MAX);
	buf_init(&text, PLAN_FILE_MAX);
	if (buf_read_file(&file, path, &e) ||
	    plan_document_text(file.p ? file.p : "", file.len, PLAN_FORMAT_AUTO, &text, &e) ||
	    plan_import(buf_str(&text), text.len, &plan, &e)) {
		if (!e.where[0])
			snprintf(e.where, sizeof(e.where), "%s", path);
		cli_fail(&e);
	}
	buf_release(&file);
	buf_release(&text);
	return plan;
}

static const char *s_or(const json_t *o, const char *key, const char *dflt)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : dflt;
}

/* The findings for people: what each is called, in words (its code is
 * for machines: `plan lint --json`). */
static void print_lint(const char *path, const json_t *plan)
{
	const json_t *l;
	size_t i;

	json_array_foreach(json_object_get(plan, "lint"), i, l) {
		const json_t *line = json_object_get(l, "line");
		const char *title = plan_lint_title(s_or(l, "code", NULL));

		if (!title)
			title = s_or(l, "code", "");
		if (json_is_integer(line))
			printf("%s:%lld: %s: %s\n", path, (long long)json_integer_value(line), title,
			       s_or(l, "message", ""));
		else
			printf("%s: %s: %s\n", path, title, s_or(l, "message", ""));
	}
}

/* "  8.1  Chương trình ...   vhxh (+ hoiphunu)   Trong năm 2026" */
static void print_task(const json_t *x, const char *indent)
{
	const json_t *a;
	size_t k, n = 0;

	printf("%s%-5s %s\n%s      ", indent, s_or(x, "number", ""), s_or(x, "title", ""), indent);
	json_array_foreach(json_object_get(x, "lead"), k, a)
		printf("%s%s", n++ ? ", " : "", json_string_value(a));
	if (json_array_size(json_object_get(x, "partners"))) {
		printf(" (+");
		json_array_foreach(json_object_get(x, "partners"), k, a)
			printf(" %s", json_string_value(a));
		printf(")");
	}
	printf("%s%s\n", n ? " · " : "– · ", s_or(x, "timeframe", "–"));
	json_array_foreach(json_object_get(x, "subtasks"), k, a)
		print_task(a, "    ");
}

static void print_tasks(const json_t *plan)
{
	const json_t *x;
	size_t i, n = 0;

	json_array_foreach(json_object_get(plan, "tasks"), i, x)
		n += strcmp(s_or(x, "source", "tasks"), "tasks") == 0;
	printf("\n%s (%zu):\n", _("Tasks"), n);
	json_array_foreach(json_object_get(plan, "tasks"), i, x) {
		if (strcmp(s_or(x, "source", "tasks"), "tasks") == 0)
			print_task(x, "  ");
	}
	if (n < json_array_size(json_object_get(plan, "tasks"))) {
		printf("%s:\n", _("Duties of agencies no task names, as tasks"));
		json_array_foreach(json_object_get(plan, "tasks"), i, x) {
			if (strcmp(s_or(x, "source", "tasks"), "duties") == 0)
				print_task(x, "  ");
		}
	}
}

static void print_summary(const char *path, const json_t *plan)
{
	const json_t *doc = json_object_get(plan, "document"), *unit = json_object_get(doc, "unit");
	const json_t *per = json_object_get(doc, "period"), *signer = json_object_get(doc, "signer");
	const json_t *x, *dl = json_object_get(plan, "deadline"), *v;
	const char *key;
	size_t i, j;

	printf("%s: %s (%s)", _("Unit"), s_or(unit, "name", "?"), s_or(unit, "code", _("code not found")));
	printf(", %s: %s\n", _("province"), s_or(doc, "province", "?"));
	printf("%s: %s\n", _("Title"), s_or(doc, "title", "?"));
	printf("%s: %s   %s: %s\n", _("Number"), s_or(doc, "number", "-"), _("Date"), s_or(doc, "date", "-"));
	if (json_is_array(per))
		printf("%s: %lld-%lld\n", _("Period"), (long long)json_integer_value(json_array_get(per, 0)),
		       (long long)json_integer_value(json_array_get(per, 1)));
	if (json_is_object(signer))
		printf("%s: %s, %s\n", _("Signed by"), s_or(signer, "name", "?"), s_or(signer, "title", "?"));
	json_array_foreach(json_object_get(plan, "references"), i, x)
		printf("%s: %s %s %s\n", _("Based on"), s_or(x, "number", "?"), s_or(x, "date", ""),
		       s_or(x, "issuer", ""));
	printf("\n%s (%zu):\n", _("Targets"), json_array_size(json_object_get(plan, "targets")));
	json_array_foreach(json_object_get(plan, "targets"), i, x) {
		const char *dir = s_or(x, "direction", "");
		const json_t *val = json_object_get(x, "value");
		char vbuf[64] = "";

		if (json_is_number(val))
			snprintf(vbuf, sizeof(vbuf), "%s %g%s", strcmp(dir, "at_most") == 0 ? "<=" : ">=",
				 json_number_value(val),
				 strcmp(s_or(x, "unit", ""), "%") == 0 ? "%" : "");
		else
			snprintf(vbuf, sizeof(vbuf), "%s", _("achieve"));
		printf("  %-32s %-14s %lld\n", s_or(x, "indicator", "?"), vbuf,
		       (long long)json_integer_value(json_object_get(x, "year")));
	}
	if (json_array_size(json_object_get(plan, "aims"))) {
		printf("\n%s (%zu):\n", _("Aims without a measure, not targets"), json_array_size(json_object_get(plan, "aims")));
		json_array_foreach(json_object_get(plan, "aims"), i, x)
			printf("  %-32s %s\n", s_or(x, "indicator", "-"), s_or(x, "text", ""));
	}
	if (json_is_object(json_object_get(doc, "amends")))
		printf("\n%s: %s\n", _("Amends"), s_or(json_object_get(doc, "amends"), "number", "?"));
	json_array_foreach(json_object_get(plan, "repealed"), i, x)
		printf("  %s: %s\n", _("repealed"), s_or(x, "indicator", "?"));
	printf("\n%s:", _("Agencies"));
	json_array_foreach(json_object_get(plan, "agencies"), i, x)
		printf(" %s", json_string_value(x));
	printf("\n");
	json_object_foreach((json_t *)json_object_get(plan, "assignments"), key, v) {
		printf("  %s:", key);
		json_array_foreach(v, j, x)
			printf(" %s", json_string_value(x));
		printf("\n");
	}
	if (json_is_object(dl)) {
		const json_t *y = json_object_get(dl, "year");

		printf("%s: %lld/%lld", _("Deadline"), (long long)json_integer_value(json_object_get(dl, "day")),
		       (long long)json_integer_value(json_object_get(dl, "month")));
		if (json_is_integer(y))
			printf("/%lld", (long long)json_integer_value(y));
		else
			printf(" %s", _("every year"));
		printf(", %s %s\n", _("to"), s_or(dl, "to", "?"));
	} else {
		printf("%s: -\n", _("Deadline"));
	}
	print_tasks(plan);
	if (json_array_size(json_object_get(plan, "lint"))) {
		printf("\n%s:\n", _("Findings"));
		print_lint(path, plan);
	}
}

/* What plan_load() stored: a new plan in force, or an amendment merged
 * into it. */
static void plan_stored(const struct tree *t, const struct plan_info *info)
{
	const struct unit *u = &t->units[info->unit];

	if (info->merged)
		printf(_("Amended the plan in force of %s (%s): %zu targets in force"), u->name, u->code, info->ntargets);
	else
		printf(_("Stored the plan of %s (%s): %zu targets"), u->name, u->code, info->ntargets);
	if (info->nlocal_new + info->nlocal_kept)
		printf(_(", %zu targets outside the catalog as the unit's own indicators (%zu new; gemis local list %s)"),
		       info->nlocal_new + info->nlocal_kept, info->nlocal_new, u->code);
	if (info->nskipped)
		printf(_(", %zu qualitative targets outside the catalog not stored"), info->nskipped);
	if (info->nseries)
		printf(_(", %zu on a group of people (ethnic minority, rural...) kept on the indicator's series for it"),
		       info->nseries);
	if (info->nwhole)
		printf(_(", %zu on a group the case register does not record, kept on the whole indicator"),
		       info->nwhole);
	if (info->merged)
		printf("%s\n", _("; the plan before stays in the history."));
	else
		printf("%s\n", info->replaced ? _("; it replaces the plan in force, which stays in the history.") : ".");
}

/* Warns of the plan's targets on retired indicators, which it stores as
 * signed (docs/indicators.md): the document's own, whose paths are the
 * file's (an amendment's merged plan numbers its targets otherwise). */
static void warn_retired(const char *path, const json_t *plan, bool json_paths)
{
	struct diags w;

	diags_init(&w, 100);
	plan_retired_targets(plan, &w);
	if (w.total) {
		if (!json_paths)
			plan_diags_in_words(plan, &w);
		fprintf(stderr, "gemis: %s: %s\n", path,
			_("WARNING: targets on retired indicators, kept as signed but never judged:"));
		cli_print_diags(path, &w);
	}
	diags_release(&w);
}

/* This year in Vietnam. */
static int this_year(void)
{
	return vn_date((long long)time(NULL)).y;
}

int cli_store_plan(struct cli *cli, const char *path, const json_t *plan, const char *as, bool json_paths)
{
	struct errctx e = {0};
	struct db *db = NULL;
	struct snapshot s;
	struct diags d;
	struct plan_info info;
	struct plan_diff diff;
	struct buf text;
	json_t *full = NULL;
	int status = EXIT_FAIL, unit, merged = 0;
	bool loaded = false;

	memset(&diff, 0, sizeof(diff));
	diags_init(&d, 200);
	buf_init(&text, (size_t)1 << 20);
	db = cli_open_db(cli, 0);
	if (!db)
		goto out;
	if (snapshot_load(db, &s, &e)) {
		cli_fail(&e);
		goto out;
	}
	loaded = true;
	plan_check(plan, &s.tree, &unit, &d);
	/* an amendment or a yearly plan completes the plan in force: what
	 * changes is what the completed plan changes */
	if (d.total == 0 && plan_complete(db, &s.tree, unit, plan, &d, &full, &merged, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (d.total == 0) {
		/* what changes, said before it changes */
		if (plan_diff_compute(db, &s, unit, this_year(), full ? full : plan, &diff, &e) ||
		    plan_diff_text(&s.tree, &diff, &text)) {
			cli_fail(&e);
			goto out;
		}
		if (plan_diff_fewer_targets(&diff))
			fprintf(stderr, "gemis: %s: %s\n", path,
				_("WARNING: this plan sets fewer targets than the plan in force it replaces"));
		fputs(buf_str(&text), stdout);
		warn_retired(path, plan, json_paths);
	}
	/* plan_load() checks again: a plan plan_check() refused is not
	 * loaded, so that its problems are said once */
	if (d.total > 0 || plan_load(db, &s.tree, plan, cli_user(as), false, &d, &info, &e)) {
		if (d.total > 0) {
			diags_sort(&d);
			if (!json_paths)
				plan_diags_in_words(plan, &d);
			cli_print_diags(path, &d);
			fprintf(stderr, "%s: %s\n", path,
				_("the plan was not stored; correct the document and import it again."));
		} else {
			cli_fail(&e);
		}
		goto out;
	}
	plan_stored(&s.tree, &info);
	if (info.replaced)
		printf(_("To put the previous plan back: gemis plan restore --unit %s\n"), s.tree.units[info.unit].code);
	status = EXIT_OK;
out:
	json_decref(full);
	plan_diff_release(&diff);
	if (loaded)
		snapshot_release(&s);
	db_close(db);
	diags_release(&d);
	buf_release(&text);
	return status;
}

static int apply(struct cli *cli, const char *path, json_t *plan, const char *as)
{
	const json_t *unit = json_object_get(json_object_get(plan, "document"), "unit");

	if (!json_is_string(json_object_get(unit, "code"))) {
		fprintf(stderr,
			_("gemis: %s: the unit '%s' was not found in the administrative list; check the "
			  "unit's name and province in the plan, or save the JSON (--json), set "
			  "document.unit.code and store it with `gemis plan load`\n"),
			path, s_or(unit, "name", "?"));
		return EXIT_FAIL;
	}
	return cli_store_plan(cli, path, plan, as, false);
}

static enum gemis_err previous_plan(void *ctx, const struct plan_version *v)
{
	long long *ids = ctx;

	if (!v->superseded_at)
		ids[0] = v->id;
	else if (!ids[1])
		ids[1] = v->id;
	return GEMIS_OK;
}

int cmd_plan_restore(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct db *db = NULL;
	struct tree t;
	struct diags d;
	struct plan_info info;
	const char *code = NULL, *as = NULL;
	long long ids[2] = {0, 0};
	int rc, unit, status = EXIT_FAIL;
	const struct cli_opt opts[] = {{"unit", OPT_TEXT, &code}, {"as", OPT_TEXT, &as}, {NULL, OPT_FLAG, NULL}};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	if (!code)
		return cli_usage(cli);
	tree_init(&t);
	diags_init(&d, 200);
	db = cli_open_tree(cli, &t);
	if (!db)
		goto out;
	unit = tree_find(&t, code);
	if (unit < 0) {
		status = cli_unknown_unit("plan restore", code);
		goto out;
	}
	if (plans_history(db, &t, unit, 2, previous_plan, ids, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (!ids[1]) {
		fprintf(stderr, "gemis plan restore: %s\n", _("this unit has no earlier plan to put back"));
		goto out;
	}
	if (plan_restore(db, &t, unit, ids[1], ids[0], cli_user(as), &d, &info, &e)) {
		if (d.total > 0) {
			diags_sort(&d);
			plan_diags_in_words(NULL, &d);
			cli_print_diags(code, &d);
		}
		cli_fail(&e);
		goto out;
	}
	printf(_("The previous plan of %s (%s) is back in force: %zu targets.\n"), t.units[unit].name, t.units[unit].code,
	       info.ntargets);
	status = EXIT_OK;
out:
	db_close(db);
	tree_release(&t);
	diags_release(&d);
	return status;
}

int cmd_plan_import(struct cli *cli, int argc, char **argv)
{
	const char *path, *as = NULL;
	bool as_json = false, do_apply = false;
	json_t *plan;
	int rc, status = EXIT_OK, first;
	const struct cli_opt opts[] = {
		{"json", OPT_FLAG, &as_json},
		{"apply", OPT_FLAG, &do_apply},
		{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	path = argv[first];
	plan = import_file(path);
	if (!plan)
		return EXIT_FAIL;
	if (as_json) {
		char *s = json_dumps(plan, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		if (s)
			printf("%s\n", s);
		free(s);
	} else if (!do_apply) {
		print_summary(path, plan);
	}
	if (do_apply) {
		if (!as_json)
			print_lint(path, plan);
		status = apply(cli, path, plan, as);
	}
	json_decref(plan);
	return status;
}

int cmd_plan_lint(struct cli *cli, int argc, char **argv)
{
	json_t *plan;
	bool as_json = false;
	int status, first;
	const struct cli_opt opts[] = {{"json", OPT_FLAG, &as_json}, {NULL, OPT_FLAG, NULL}};
	int rc = cli_options(cli, argc, argv, opts, 1, 1, &first);

	if (rc != CLI_GO)
		return rc;
	plan = import_file(argv[first]);
	if (!plan)
		return EXIT_FAIL;
	if (as_json) {
		char *js = json_dumps(json_object_get(plan, "lint"), JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		if (js)
			printf("%s\n", js);
		free(js);
	} else {
		print_lint(argv[first], plan);
	}
	status = json_array_size(json_object_get(plan, "lint")) ? EXIT_FAIL : EXIT_OK;
	json_decref(plan);
	return status;
}
