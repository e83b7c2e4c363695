/*
 * cmd_breakdown.c: `gemis breakdown list|add` and `gemis indicator
 * breakdown`, breakdowns beyond sex and the category series they give an
 * indicator (issue 17, store/breakdowns.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/access.h"
#include "store/breakdowns.h"
#include "util/i18n.h"

#include "util/banned.h"

struct db *cli_open_catalog_admin(struct cli *cli, const char *cmd, const char *as, struct tree *t,
			     struct principal *who)
{
	struct db *db;

	tree_init(t);
	db = cli_open_tree(cli, t);
	if (!db)
		return NULL;
	if (!cli_actor(db, t, cmd, as, who)) {
		/* cli_actor said why */
	} else if (who->role != ROLE_ADMIN && who->role != ROLE_MINISTRY) {
		fprintf(stderr, "gemis %s: %s\n", cmd, _("only the ministry or an administrator changes the catalog"));
	} else {
		return db;
	}
	db_close(db);
	return NULL;
}

static void print_breakdown(const struct breakdown_def *b, bool vi)
{
	size_t i;

	printf("%s\t%s%s\n", b->code, vi ? b->name_vi : b->name_en,
	       b->partial ? _(" (partial: its groups need not add up to the total)") : "");
	for (i = 0; i < b->ncat; i++)
		printf("  %s\t%s\n", b->cat[i].code, vi ? b->cat[i].name_vi : b->cat[i].name_en);
}

int cmd_breakdown_list(struct cli *cli, int argc, char **argv)
{
	struct breakdown_def *b;
	struct errctx e = {0};
	struct arena mem;
	struct db *db;
	size_t i, n;
	int rc;

	rc = cli_options(cli, argc, argv, (const struct cli_opt[]){{NULL, OPT_FLAG, NULL}}, 0, 0, NULL);
	if (rc != CLI_GO)
		return rc;
	db = cli_open_db(cli, 0);
	if (!db)
		return EXIT_FAIL;
	arena_init(&mem, 0);
	if (breakdowns_list(db, &mem, &b, &n, &e)) {
		cli_fail(&e);
		rc = EXIT_FAIL;
	} else {
		for (i = 0; i < n; i++)
			print_breakdown(&b[i], i18n_lang() == LANG_VI);
		rc = EXIT_OK;
	}
	arena_release(&mem);
	db_close(db);
	return rc;
}

/* "CODE:NAME_VI:NAME_EN[:FROM-TO]" (FROM- for "and over") into c; false
 * after a message naming the argument. */
static bool category_arg(char *s, size_t i, struct category_def *c)
{
	char *f[4] = {0}, *p = s, *end;
	size_t n = 0;

	while (n < 4 && p) {
		f[n++] = p;
		p = strchr(p, ':');
		if (p)
			*p++ = '\0';
	}
	if (p || n < 3)
		goto bad;
	c->code = f[0];
	c->name_vi = f[1];
	c->name_en = f[2];
	c->age_from = c->age_to = -1;
	if (n == 4) {
		errno = 0;
		c->age_from = (int)strtol(f[3], &end, 10);
		if (errno || end == f[3] || *end != '-' || c->age_from < 0)
			goto bad;
		if (end[1]) {
			char *e2;

			c->age_to = (int)strtol(end + 1, &e2, 10);
			if (errno || *e2 || c->age_to < 0)
				goto bad;
		}
	}
	return true;
bad:
	fprintf(stderr, "gemis breakdown add: categories[%zu]: %s\n", i + 1,
		_("not CODE:NAME_VI:NAME_EN or CODE:NAME_VI:NAME_EN:FROM-TO"));
	return false;
}

int cmd_breakdown_add(struct cli *cli, int argc, char **argv)
{
	struct breakdown_def b;
	struct errctx e = {0};
	struct principal who;
	const char *as = NULL;
	struct tree t;
	struct db *db;
	int rc, first = 0, i;
	const struct cli_opt opts[] = {
		{"name-vi", OPT_TEXT, &b.name_vi}, {"name-en", OPT_TEXT, &b.name_en},
		{"partial", OPT_FLAG, &b.partial}, {"as", OPT_TEXT, &as},
		{NULL, OPT_FLAG, NULL},
	};

	memset(&b, 0, sizeof(b));
	rc = cli_options(cli, argc, argv, opts, 3, 1 + BREAKDOWN_CATS_MAX, &first);
	if (rc != CLI_GO)
		return rc;
	if (!b.name_vi || !b.name_en)
		return cli_usage(cli);
	b.code = argv[first];
	for (i = first + 1; i < argc; i++) {
		if (!category_arg(argv[i], b.ncat, &b.cat[b.ncat]))
			return EXIT_USAGE;
		b.ncat++;
	}
	db = cli_open_catalog_admin(cli, "breakdown add", as, &t, &who);
	if (!db) {
		tree_release(&t);
		return EXIT_FAIL;
	}
	rc = EXIT_FAIL;
	if (breakdown_add(db, &b, who.name, &e)) {
		cli_fail(&e);
	} else {
		printf(_("Breakdown %s added with %zu categories.\n"), b.code, b.ncat);
		rc = EXIT_OK;
	}
	db_close(db);
	tree_release(&t);
	return rc;
}

int cmd_indicator_breakdown(struct cli *cli, int argc, char **argv)
{
	struct errctx e = {0};
	struct principal who;
	const char *as = NULL;
	struct tree t;
	struct db *db;
	size_t n;
	int rc, first = 0;
	const struct cli_opt opts[] = {{"as", OPT_TEXT, &as}, {NULL, OPT_FLAG, NULL}};

	rc = cli_options(cli, argc, argv, opts, 2, 2, &first);
	if (rc != CLI_GO)
		return rc;
	db = cli_open_catalog_admin(cli, "indicator breakdown", as, &t, &who);
	if (!db) {
		tree_release(&t);
		return EXIT_FAIL;
	}
	rc = EXIT_FAIL;
	if (indicator_break_down(db, argv[first], argv[first + 1], who.name, &n, &e)) {
		cli_fail(&e);
	} else {
		if (n)
			printf(_("%s broken down by %s: %zu series added, each reported and judged like an "
				 "indicator.\n"),
			       argv[first], argv[first + 1], n);
		else
			printf(_("%s is already broken down by %s.\n"), argv[first], argv[first + 1]);
		rc = EXIT_OK;
	}
	db_close(db);
	tree_release(&t);
	return rc;
}
