/*
 * main.c: gemis's entry point.  Reads the global options wherever they
 * stand (--db, --lang, --no-color), finds the command in the table and runs
 * it.
 *
 * usage: gemis [--db URL] [--lang vi|en] [--no-color] COMMAND [ARGS...]
 */
#include <jansson.h>
#include <locale.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util/alloc.h"
#include "util/version.h"

#include "util/banned.h"

/* Removes argv[i] (and its value when `with_value`), returning the value. */
static char *take(int *argc, char **argv, int i, bool with_value, bool *bad)
{
	char *val = NULL, *eq = strchr(argv[i], '=');
	int n = 1, k;

	if (with_value) {
		if (eq) {
			val = eq + 1;
		} else if (i + 1 < *argc) {
			val = argv[i + 1];
			n = 2;
		} else {
			*bad = true;
		}
	}
	for (k = i; k + n <= *argc; k++)
		argv[k] = argv[k + n];
	*argc -= n;
	return val;
}

static bool is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);

	return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

static int parse_globals(struct cli *cli, int *argc, char **argv)
{
	const char *lang = getenv("GEMIS_LANG");
	bool bad = false;
	int i = 1, l;

	while (i < *argc) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (is_opt(argv[i], "--db")) {
			cli->db_opt = take(argc, argv, i, true, &bad);
		} else if (is_opt(argv[i], "--lang")) {
			lang = take(argc, argv, i, true, &bad);
		} else if (strcmp(argv[i], "--no-color") == 0) {
			take(argc, argv, i, false, &bad);
			cli->color = false;
		} else {
			i++;
		}
		if (bad) {
			fprintf(stderr, "gemis: %s\n", _("an option needs a value"));
			return EXIT_USAGE;
		}
	}
	if (lang && *lang) {
		l = i18n_parse_lang(lang);
		if (l < 0) {
			fprintf(stderr, "gemis: --lang: %s '%s' (vi, en)\n", _("unknown language"), lang);
			return EXIT_USAGE;
		}
		i18n_set_lang((enum lang)l);
	}
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct cli cli = {0};
	const struct command *cmd = NULL;
	const char *nc = getenv("NO_COLOR");
	size_t i;
	int rc, skip = 0;

	setlocale(LC_CTYPE, "C.UTF-8");
	/* JSON's allocations counted as gemis's own (util/alloc.h) */
	json_set_alloc_funcs(gemis_malloc, free);
	if (sodium_init() < 0) {
		fputs("gemis: cannot initialise libsodium\n", stderr);
		return EXIT_FAIL;
	}
	cli.color = isatty(STDOUT_FILENO) && !(nc && *nc);
	cli.progress = isatty(STDERR_FILENO);
	rc = parse_globals(&cli, &argc, argv);
	if (rc)
		return rc;
	if (argc < 2) {
		cli_overview(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_overview(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("gemis %s\n", GEMIS_VERSION);
		return EXIT_OK;
	}
	/* two-word commands first ("values import"), then one word */
	for (i = 0; i < command_count && argc > 2; i++) {
		const char *sp = strchr(commands[i].name, ' ');

		if (sp && strncmp(commands[i].name, argv[1], (size_t)(sp - commands[i].name)) == 0 &&
		    argv[1][sp - commands[i].name] == '\0' && strcmp(sp + 1, argv[2]) == 0) {
			cmd = &commands[i];
			skip = 1;
			break;
		}
	}
	for (i = 0; !cmd && i < command_count; i++) {
		if (strcmp(commands[i].name, argv[1]) == 0)
			cmd = &commands[i];
	}
	if (!cmd) {
		bool group = false;

		for (i = 0; i < command_count; i++) {
			size_t n = strlen(argv[1]);

			if (strncmp(commands[i].name, argv[1], n) == 0 && commands[i].name[n] == ' ') {
				if (!group)
					fprintf(stderr, "%s:\n", _("Usage"));
				fprintf(stderr, "  %s\n", commands[i].usage);
				group = true;
			}
		}
		if (group)
			return EXIT_USAGE;
		fprintf(stderr, "gemis: %s '%s'; %s\n", _("unknown command"), argv[1],
			_("run `gemis help` for the list"));
		return EXIT_USAGE;
	}
	if (skip)
		argv[2] = (char *)cmd->name;
	cli.cmd = cmd;
	return cmd->run(&cli, argc - 1 - skip, argv + 1 + skip);
}
