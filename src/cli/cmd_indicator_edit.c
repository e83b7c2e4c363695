/*
 * cmd_indicator_edit.c: `gemis indicator edit ID`, the fields given
 * changed, the others kept, as a new version of the indicator (issue 17;
 * store/indicator_edit.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/access.h"
#include "core/catalog_fields.h"
#include "store/indicator_edit.h"

#include "util/banned.h"

struct edit_opts {
	const char *val[32]; /* by the index of catalog_field_names */
};

static const char *edit_field(void *ctx, const char *name)
{
	const struct edit_opts *o = ctx;
	size_t i;

	for (i = 0; i < catalog_field_count; i++) {
		if (strcmp(catalog_field_names[i], name) == 0)
			return o->val[i];
	}
	return NULL;
}

/* The account as, when it may change the catalog for the indicator id's
 * place (access_catalog_refusal() with its scope). */
static struct db *open_for(struct cli *cli, const char *id, const char *as, struct tree *t, struct principal *who)
{
	struct db *db;
	const char *why;
	int k;

	tree_init(t);
	db = cli_open_tree(cli, t);
	if (!db)
		return NULL;
	if (!cli_actor(db, t, "indicator edit", as, who))
		goto refused; /* cli_actor said why */
	k = catalog_find(id);
	why = access_catalog_refusal(t, who, k >= 0 ? catalog[k].scope : NULL);
	if (!why)
		return db;
	fprintf(stderr, "gemis indicator edit: %s\n", _(why));
refused:
	db_close(db);
	return NULL;
}

int cmd_indicator_edit(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct edit_opts o = {0};
	const char *as = NULL;
	struct principal who;
	struct tree t;
	struct db *db;
	int rc, first = 0, version = 0;
#define F(i) &o.val[i]
	/* the order of catalog_field_names (core/catalog_fields.c) */
	const struct cli_opt opts[] = {
		{"id", OPT_TEXT, F(0)},		   {"goal", OPT_TEXT, F(1)},	{"name-vi", OPT_TEXT, F(2)},
		{"name-en", OPT_TEXT, F(3)},	   {"kind", OPT_TEXT, F(4)},	{"unit", OPT_TEXT, F(5)},
		{"factor", OPT_TEXT, F(6)},	   {"by-sex", OPT_TEXT, F(7)},	{"share", OPT_TEXT, F(8)},
		{"lower-better", OPT_TEXT, F(9)}, {"space", OPT_TEXT, F(10)}, {"time", OPT_TEXT, F(11)},
		{"part-vi", OPT_TEXT, F(12)},	   {"part-en", OPT_TEXT, F(13)}, {"den-vi", OPT_TEXT, F(14)},
		{"den-en", OPT_TEXT, F(15)},	   {"target", OPT_TEXT, F(16)},	{"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};
#undef F

	rc = cli_options(cli, argc, argv, opts, 1, 1, &first);
	if (rc != CLI_GO)
		return rc;
	db = open_for(cli, argv[first], as, &t, &who);
	if (!db) {
		tree_release(&t);
		return EXIT_FAIL;
	}
	rc = EXIT_FAIL;
	if (indicator_edit(db, argv[first], edit_field, &o, who.name, &version, &e)) {
		cli_fail(&e);
	} else {
		printf(_("Indicator %s edited: version %d; the change is in its log (gemis indicator show %s).\n"),
		       argv[first], version, argv[first]);
		rc = EXIT_OK;
	}
	db_close(db);
	tree_release(&t);
	return rc;
}
