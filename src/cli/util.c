/*
 * util.c: what the commands share: opening the database, reporting errors
 * and problems, help, the progress bar, the author of changes.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "store/store.h"

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

static const struct command *find(const char *name)
{
	size_t i;

	for (i = 0; i < command_count; i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	}
	return NULL;
}

int cli_unknown_unit(const char *cmd, const char *code)
{
	fprintf(stderr, "gemis %s: --unit: %s '%s' (%s)\n", cmd, _("unknown unit code"), code,
		_("see `gemis units --search NAME`"));
	return EXIT_FAIL;
}

int cli_usage(const char *name)
{
	const struct command *c = find(name);

	if (c)
		fprintf(stderr, "%s: %s\n", _("Usage"), c->usage);
	return EXIT_USAGE;
}

bool cli_wants_help(int argc, char **argv, const char *name)
{
	const struct command *c = find(name);
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			if (c) {
				printf("%s: %s\n\n%s.\n", _("Usage"), c->usage, _(c->summary));
				if (c->help)
					printf("\n%s\n", _(c->help));
			}
			return true;
		}
	}
	return false;
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
