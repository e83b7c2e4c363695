/*
 * cmd_catalog.c: `gemis catalog load`, an optional catalog of indicators
 * added from its JSON file all or nothing (issue 17, formats/catalog_json.h),
 * and who may change the catalog for a province (--scope).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/access.h"
#include "formats/catalog_json.h"
#include "store/indicators.h"
#include "util/buf.h"
#include "util/i18n.h"

#include "util/banned.h"

struct db *cli_open_catalog_scoped(struct cli *cli, const char *cmd, const char *as,
                                   const char *scope, struct tree *t, struct principal *who)
{
	struct db *db;
	const char *why;

	tree_init(t);
	db = cli_open_tree(cli, t);
	if (!db)
		return NULL;
	if (!cli_actor(db, t, cmd, as, who))
		goto refused; /* cli_actor said why */
	why = access_catalog_refusal(t, who, scope);
	if (!why)
		return db;
	fprintf(stderr, "gemis %s: %s\n", cmd, _(why));
refused:
	db_close(db);
	return NULL;
}

struct db *cli_open_catalog_retire(struct cli *cli, const char *cmd, const char *as, const char *id, struct tree *t,
				   struct principal *who)
{
	struct db *db;
	const char *why;
	int k;

	tree_init(t);
	db = cli_open_tree(cli, t);
	if (!db)
		return NULL;
	if (!cli_actor(db, t, cmd, as, who))
		goto refused; /* cli_actor said why */
	/* the catalog is this process's, loaded with the database */
	k = catalog_find(id);
	why = access_retire_refusal(t, who, k >= 0 ? &catalog[k] : NULL);
	if (!why)
		return db;
	fprintf(stderr, "gemis %s: %s\n", cmd, _(why));
refused:
	db_close(db);
	return NULL;
}

/* "FILE: indicators[3].factor" in e->where. */
static void name_file(struct errctx *e, const char *path)
{
	char where[sizeof(e->where)];

	if (strncmp(e->where, path, strlen(path)) == 0)
		return; /* the file could not be read: named already */
	snprintf(where, sizeof(where), "%.100s%s%.150s", path, e->where[0] ? ": " : "", e->where);
	snprintf(e->where, sizeof(e->where), "%s", where);
}

/* Whether the catalog's a and b belong to the same place. */
static bool same_scope(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* How many of the file's indicators the catalog holds for the same place
 * (a catalog loaded already); an id twice in the file refused by name. */
static enum gemis_err held_ids(const struct catalog_file *f, size_t *held, struct errctx *e)
{
	size_t i, j;
	int k;

	*held = 0;
	for (i = 0; i < f->n; i++) {
		for (j = 0; j < i; j++) {
			if (strcmp(f->ind[i].id, f->ind[j].id) == 0) {
				char where[64];

				snprintf(where, sizeof(where), "indicators[%zu].id", i);
				return err_set_at(e, GEMIS_EINVAL, where,
				                  _("%s is also indicators[%zu]"), f->ind[i].id, j);
			}
		}
		k = catalog_find(f->ind[i].id);
		*held += k >= 0 && same_scope(catalog[k].scope, f->ind[i].scope);
	}
	return GEMIS_OK;
}

/* Each entry as the catalog would take it, the first wrong one named. */
static enum gemis_err check_all(const struct catalog_file *f, struct errctx *e)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (catalog_check(&f->ind[i], e)) {
			char where[sizeof(e->where)];

			snprintf(where, sizeof(where), "indicators[%zu]%s%.200s", i,
			         e->where[0] ? "." : "", e->where);
			snprintf(e->where, sizeof(e->where), "%s", where);
			return e->code;
		}
	}
	return GEMIS_OK;
}

/* Adds the file's indicators, or says it is there already (*again). */
static enum gemis_err load(struct db *db, struct catalog_file *f, const char *scope,
                           const char *user, bool *again, struct errctx *e)
{
	size_t i, held = 0;
	enum gemis_err err;
	int *index;

	for (i = 0; i < f->n; i++)
		f->ind[i].scope = scope;
	err = held_ids(f, &held, e);
	*again = !err && held == f->n;
	if (err || *again)
		return err;
	/* loaded in part, or for another place: the first id held is named */
	err = check_all(f, e);
	if (err)
		return err;
	index = calloc(f->n, sizeof(*index));
	if (!index)
		return GEMIS_ENOMEM;
	err = indicators_add(db, f->ind, f->n, user, index, e);
	free(index);
	return err;
}

int cmd_catalog_load(struct cli *cli, int argc, char **argv)
{
	const char *scope = NULL, *as = NULL, *path;
	const struct cli_opt opts[] = {
	        {"scope", OPT_TEXT, &scope}, {"as", OPT_TEXT, &as}, {NULL, OPT_FLAG, NULL}};
	struct catalog_file f;
	struct errctx e = {0};
	struct principal who;
	struct arena mem;
	struct tree t;
	struct buf file;
	struct db *db = NULL;
	bool again = false;
	int rc, first = 0;

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	path = argv[first];
	arena_init(&mem, 0);
	buf_init(&file, (size_t)16 << 20);
	tree_init(&t);
	rc = EXIT_FAIL;
	if (buf_read_file(&file, path, &e) ||
	    catalog_file_parse(buf_str(&file), file.len, &mem, &f, &e)) {
		name_file(&e, path);
		cli_fail(&e);
		goto out;
	}
	tree_release(&t);
	db = cli_open_catalog_scoped(cli, "catalog load", as, scope, &t, &who);
	if (!db)
		goto out;
	if (load(db, &f, scope, who.name, &again, &e)) {
		name_file(&e, path);
		cli_fail(&e);
	} else if (again) {
		printf(_("%s: the catalog \"%s\" is loaded already: its %zu indicators are in the "
		         "catalog.\n"),
		       path, f.name, f.n);
		rc = EXIT_OK;
	} else {
		printf(_("%s: catalog \"%s\" loaded: %zu indicators added.\n"), path, f.name, f.n);
		rc = EXIT_OK;
	}
out:
	if (db)
		db_close(db);
	tree_release(&t);
	buf_release(&file);
	arena_release(&mem);
	return rc;
}
