/*
 * cmd_units.c: listing and searching the administrative tree and the
 * indicator catalog.
 */
#include <string.h>

#include "cli.h"
#include "core/catalog.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/text.h"

#include "util/banned.h"

static void print_unit(const struct tree *t, int i, bool json, bool *first)
{
	const struct unit *u = &t->units[i];
	struct buf b;

	if (!json) {
		printf("%-6s %-13s %s%s%s\n", u->code, level_id(u->level), u->name,
		       u->parent > 0 ? ", " : "", u->parent > 0 ? t->units[u->parent].short_name : "");
		return;
	}
	buf_init(&b, 4096);
	buf_printf(&b, "%s{\"code\": \"%s\", \"level\": \"%s\", \"name\": \"", *first ? "" : ",\n ",
		   u->code, level_id(u->level));
	buf_json_escape(&b, u->name, strlen(u->name));
	buf_puts(&b, "\", \"short_name\": \"");
	buf_json_escape(&b, u->short_name, strlen(u->short_name));
	buf_printf(&b, "\", \"parent\": %s%s%s}", u->parent >= 0 ? "\"" : "",
		   u->parent >= 0 ? t->units[u->parent].code : "null", u->parent >= 0 ? "\"" : "");
	fputs(buf_str(&b), stdout);
	buf_release(&b);
	*first = false;
}

int cmd_units(struct cli *cli, int argc, char **argv)
{
	struct db *db;
	struct tree t;
	const char *parent = "VN", *search = NULL;
	bool json = false, first = true;
	int rc, p;
	size_t i, found = 0;
	const struct cli_opt opts[] = {
		{"parent", OPT_TEXT, &parent},
		{"search", OPT_TEXT, &search},
		{"json", OPT_FLAG, &json},
		{NULL, OPT_FLAG, NULL},
	};

	rc = cli_options(cli, argc, argv, opts, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	tree_init(&t);
	db = cli_open_tree(cli, &t);
	if (!db) {
		tree_release(&t);
		return EXIT_FAIL;
	}
	db_close(db);
	if (json)
		fputs("[", stdout);
	if (search) {
		struct buf key, name;

		buf_init(&key, 1024);
		buf_init(&name, 1024);
		text_fold(&key, search, strlen(search));
		for (i = 0; i < t.n; i++) {
			buf_reset(&name);
			text_fold(&name, t.units[i].name, strlen(t.units[i].name));
			if (key.len && strstr(buf_str(&name), buf_str(&key))) {
				print_unit(&t, (int)i, json, &first);
				found++;
			}
		}
		buf_release(&key);
		buf_release(&name);
	} else {
		p = tree_find(&t, parent);
		if (p < 0) {
			fprintf(stderr, "gemis units: --parent: %s '%s'\n", _("unknown unit code"), parent);
			tree_release(&t);
			return EXIT_FAIL;
		}
		for (rc = t.units[p].first_child; rc >= 0; rc = t.units[rc].next_sibling) {
			print_unit(&t, rc, json, &first);
			found++;
		}
	}
	if (json)
		fputs("]\n", stdout);
	tree_release(&t);
	if (!found && !json) {
		fprintf(stderr, "%s\n", _("no unit found"));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_indicators(struct cli *cli, int argc, char **argv)
{
	struct buf b;
	size_t i;
	bool json = false;
	const char *code = NULL;
	const struct cli_opt opts[] = {
		{"json", OPT_FLAG, &json}, {"unit", OPT_TEXT, &code}, {NULL, OPT_FLAG, NULL}};
	int rc = cli_options(cli, argc, argv, opts, 0, 0, NULL), unit = -1, n = 0;
	struct tree t;
	struct db *db;

	if (rc != CLI_GO)
		return rc;
	/* the database's catalog: the compiled set and the indicators added;
	 * a province's own ones only at a unit of that province (--unit) */
	tree_init(&t);
	db = code ? cli_open_tree(cli, &t) : cli_open_db(cli, 0);
	if (!db) {
		tree_release(&t);
		return EXIT_FAIL;
	}
	db_close(db);
	unit = code ? tree_find(&t, code) : -1;
	if (code && unit < 0) {
		fprintf(stderr, "gemis indicators: --unit: %s '%s'\n", _("unknown unit code"), code);
		tree_release(&t);
		return EXIT_USAGE;
	}
	buf_init(&b, 0);
	if (json)
		buf_puts(&b, "[");
	for (i = 0; i < catalog_n(); i++) {
		const struct indicator *ind = &catalog[i];

		if (ind->scope && (unit < 0 || !indicator_in_scope(&t, ind, unit)))
			continue;
		if (json) {
			/* an added indicator's texts are anyone's: escaped, every one */
			buf_printf(&b, "%s{\"id\": \"", n++ ? ",\n " : "");
			buf_json_escape(&b, ind->id, strlen(ind->id));
			buf_printf(&b, "\", \"goal\": \"%s\", \"name_vi\": \"", goal_id(ind->goal));
			buf_json_escape(&b, ind->name_vi, strlen(ind->name_vi));
			buf_puts(&b, "\", \"name_en\": \"");
			buf_json_escape(&b, ind->name_en, strlen(ind->name_en));
			buf_puts(&b, "\", \"measure\": \"");
			buf_json_escape(&b, ind->unit, strlen(ind->unit));
			buf_printf(&b,
				   "\", \"polarity\": \"%s\", \"parts\": %s,"
				   " \"factor\": %g, \"by_sex\": %s, \"local\": %s, \"source\": \"%s\"",
				   ind->polarity == POL_HIGHER ? "higher" : "lower",
				   ind->kind == IND_RATIO ? "[\"num\", \"den\"]" : "[\"value\"]", ind->factor,
				   ind->by_sex ? "true" : "false", ind->local ? "true" : "false",
				   ind->source == SRC_REGISTER ? "register" : "reported");
			/* a category series: codes only (a-z, 0-9, '_') */
			if (ind->parent)
				buf_printf(&b, ", \"parent\": \"%s\", \"breakdown\": \"%s\", \"category\": \"%s\"",
					   ind->parent, ind->breakdown, ind->category);
			if (ind->scope) {
				buf_puts(&b, ", \"scope\": \"");
				buf_json_escape(&b, ind->scope, strlen(ind->scope));
				buf_puts(&b, "\"");
			}
			if (catalog_retired_from(ind))
				buf_printf(&b, ", \"retired_from\": %d}", catalog_retired_from(ind));
			else
				buf_puts(&b, ", \"retired_from\": null}");
		} else {
			buf_printf(&b, "%-32s %-14s %s%s", ind->id, goal_id(ind->goal),
				   indicator_name(ind, i18n_lang()), ind->by_sex ? _(" (by sex)") : "");
			if (catalog_retired_from(ind))
				buf_printf(&b, _(" (retired from %d)"), catalog_retired_from(ind));
			buf_puts(&b, "\n");
		}
	}
	if (json)
		buf_puts(&b, "]\n");
	fputs(buf_str(&b), stdout);
	buf_release(&b);
	tree_release(&t);
	return EXIT_OK;
}
