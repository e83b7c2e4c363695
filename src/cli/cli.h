/*
 * cli.h: the command-line front end.  Commands are rows of the table in
 * commands.c; each takes its own arguments (argv[0] is the command name)
 * and returns an exit status:
 *   0 success, 1 the work failed (bad input, database error), 2 usage error.
 * A command's options are a table too (struct cli_opt), read by
 * cli_options(), which also answers --help and prints the usage.
 */
#ifndef GEMIS_CLI_H
#define GEMIS_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/date.h"
#include "core/tree.h"
#include "core/validate.h"
#include "store/db.h"
#include "store/snapshot.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/i18n.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct command;

struct cli {
	const char *db_opt; /* --db, or NULL */
	bool color;         /* colours on stdout */
	bool progress;      /* progress bars on stderr */
	const struct command *cmd; /* the command running (main.c sets it) */
};

struct command {
	const char *name;    /* "values import" */
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary; /* N_() text for `gemis help` */
	const char *usage;   /* synopsis, not translated */
	const char *help;    /* N_() text: options and details, or NULL */
};

extern const struct command commands[];
extern const size_t command_count;

/* Opens the database named by --db / $GEMIS_DB, migrating it.  On failure
 * prints the error and returns NULL. */
struct db *cli_open_db(struct cli *cli, int flags);
/* cli_open_db() and the unit tree loaded into t (tree_init()ed by the
 * caller, who releases it); on failure prints the error, closes the
 * database and returns NULL. */
struct db *cli_open_tree(struct cli *cli, struct tree *t);
/* The database's name for messages, without any password. */
const char *cli_db_name(const struct cli *cli);
/* What a command about one unit shares: the database, the unit tree,
 * the unit named by --unit and an arena for what the command reads (the
 * records it lists, the current version of the one it changes). */
struct cli_unit {
	struct db *db;
	struct tree t;
	int unit;
	struct arena mem;
};
/* Opens the database, loads the tree and finds code, the value of --unit
 * (a usage error when NULL).  When communes_only names what the command
 * is about (translated: "budget lines"), a unit with units below it is
 * refused ("budget lines belong to a commune or ward").  CLI_GO, or the
 * exit status after saying why; call cli_unit_close() in either case. */
int cli_unit_open(struct cli *cli, const char *cmd, const char *code, const char *communes_only, struct cli_unit *c);
void cli_unit_close(struct cli_unit *c);
/* The start of the commands that list a unit's records of a year
 * (`draft list`, `inspection list`, `budget list`): reads their options
 * --unit CODE, --year YEAR (*year is the default) and --json, then
 * cli_unit_open()s the unit for cmd.  CLI_GO, or the exit status (after
 * the help, or saying why); call cli_unit_close() in either case. */
int cli_list_open(struct cli *cli, const char *cmd, int argc, char **argv, int *year, bool *json,
		  struct cli_unit *c);
/* What the commands of the reporting chain and the ad hoc requests work
 * on: the database, its snapshot, the unit --unit names and an arena for
 * what the command reads (the same in both). */
struct cli_snap {
	struct db *db;
	struct snapshot s;
	bool loaded;
	int unit;
	struct arena mem;
};
/* Opens the database, loads the snapshot and finds code (the value of
 * --unit) in it.  CLI_GO, or the exit status after saying why; call
 * cli_snap_close() in either case. */
int cli_snap_open(struct cli *cli, const char *cmd, const char *code, struct cli_snap *c);
void cli_snap_close(struct cli_snap *c);
/* The last word of the running command's name ("submit" of `chain
 * submit`): the action of the commands that are one function for the
 * steps of a workflow. */
const char *cli_action(const struct cli *cli);
/* The name of the file at path without its folders (NULL for NULL): the
 * name an attachment read from the command line is stored under. */
const char *cli_file_name(const char *path);
/* The options of the commands that take a workflow step on one record of
 * a unit (`draft review`, `recommendation act`). */
struct cli_step_opts {
	const char *code, *id, *action, *comment, *as; /* --unit --id --action --comment --as */
};
/* Reads them (--unit, --id and --action required).  CLI_GO, or the exit
 * status to return at once (after the help or the usage). */
int cli_step_options(const struct cli *cli, int argc, char **argv, struct cli_step_opts *o);
struct principal;
/* What a command that writes for one unit does first, the same in every
 * such command: cli_unit_open() (communes_only as there), then
 * cli_actor() for --as into who.  CLI_GO, or the exit status after saying
 * why; call cli_unit_close() in either case. */
int cli_unit_actor(struct cli *cli, const char *cmd, const char *code, const char *communes_only, const char *as,
		   struct cli_unit *c, struct principal *who);
/* Prints {"unit": code, "year": year, "summary": summary, key: items} (the
 * JSON of the `... list --json` commands of a unit's year) and releases
 * summary and items; false after saying why. */
bool cli_print_year_list(const char *code, int year, json_t *summary, const char *key, json_t *items);
/* Today in Vietnam; $GEMIS_TODAY=YYYY-MM-DD stands for it, as for the
 * server (tests). */
struct date cli_today(void);
/* This year by the computer's clock in UTC: the default --year of the
 * budget and scorecard commands (which, unlike cli_today(), never read
 * $GEMIS_TODAY). */
int cli_utc_year(void);
/* Reads one line of standard input (a password, a key's passphrase)
 * into out without its line end; false at the end of the input. */
bool cli_read_line(char *out, size_t n);
/* Prints doc as JSON (json_dumps flags) on stdout and releases it; false
 * after saying why. */
bool cli_print_json(json_t *doc, size_t flags);
/* Prints "gemis: [where: ]message" to stderr and returns EXIT_FAIL. */
int cli_fail(const struct errctx *e);
/* The exit status of a store call: EXIT_OK; the problems by field of a
 * refused record (GEMIS_EINVAL with d) after e's message; or cli_fail(e). */
int cli_report(const char *cmd, enum gemis_err err, struct diags *d, struct errctx *e);
/* Option --name's value s (NULL: not given, *d kept) as a date into *d;
 * false after saying why it is not one. */
bool cli_day_opt(const char *cmd, const char *name, const char *s, struct date *d);
/* Prints problems as "file:line: field: message", sorted by line, with a
 * count of those not shown. */
void cli_print_diags(const char *file, struct diags *d);
/* Prints the running command's usage and returns EXIT_USAGE. */
int cli_usage(const struct cli *cli);
/* Prints that --unit CODE names no unit in force, with how to find one,
 * and returns EXIT_FAIL. */
int cli_unknown_unit(const char *cmd, const char *code);
/* Option --name's value s (NULL: not given, *id kept) as a positive number
 * (a record's id) into *id; false after saying "not a number".  One
 * reading and one message for every command that names a record. */
bool cli_id_opt(const char *cmd, const char *name, const char *s, long long *id);
/* --agency ID: the agency kind's index (core/catalog.h), or -1 after
 * saying "unknown agency". */
int cli_agency_opt(const char *cmd, const char *id);
/* The name of agency kind k in the language in use, or `none` when k is
 * not one (a record without an agency). */
const char *cli_agency_name(int k, const char *none);
/* An option of a command: --name, and where its value goes. */
enum cli_opt_kind {
	OPT_FLAG, /* --json: out is a bool *, set to true */
	OPT_TEXT, /* --unit CODE: out is a const char ** */
	OPT_YEAR, /* --year YEAR: out is an int *, PERIOD_MIN_YEAR..PERIOD_MAX_YEAR */
	OPT_DATE, /* --as-of YYYY-MM-DD: out is a struct date * (core/date.h) */
};

struct cli_opt {
	const char *name; /* NULL ends the table */
	enum cli_opt_kind kind;
	void *out;        /* left as it is when the option is not given */
	char letter;      /* its one-letter form ('o' for -o), or 0 */
};

/* cli_options() returned neither OK nor a usage error: go on. */
#define CLI_GO (-1)

/* Reads the options of argv by the table opts and leaves the other
 * arguments, in their order, in argv[*first..argc) (first may be NULL when
 * max_args is 0).  --help (or -h) anywhere before "--" prints the command's
 * help.  Returns CLI_GO, or the status to return at once: EXIT_OK after
 * the help, EXIT_USAGE after the usage (an unknown option, a missing
 * value, fewer than min_args or more than max_args other arguments; -1: no
 * maximum) or after naming a value that is not a year or a date. */
int cli_options(const struct cli *cli, int argc, char **argv, const struct cli_opt *opts,
		int min_args, int max_args, int *first);

/* Prints the overview of the commands (gemis --help) to f. */
void cli_overview(FILE *f);
/* A progress bar on stderr (no-op unless cli->progress). */
void cli_progress(void *cli, size_t done, size_t total);
/* The name recorded as the author of changes made from the command line:
 * --as USER, else "cli:" and the login name. */
const char *cli_user(const char *as);
/* Who a command acts as: the account --as names (active), whose permissions
 * apply, else the operator who holds the database, with an admin's rights,
 * recorded as cli:LOGIN.  False (the reason printed) when --as names no
 * active account. */
struct tree;
bool cli_actor(struct db *db, const struct tree *t, const char *cmd, const char *as, struct principal *who);

int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_values_import(struct cli *cli, int argc, char **argv);
int cmd_progress(struct cli *cli, int argc, char **argv);
int cmd_plan_load(struct cli *cli, int argc, char **argv);
int cmd_plan_import(struct cli *cli, int argc, char **argv);
int cmd_plan_lint(struct cli *cli, int argc, char **argv);
int cmd_plan_restore(struct cli *cli, int argc, char **argv);
/* Stores a plan (JSON of docs/plan-json.md, from `path`) for the unit it
 * names, after printing what it changes (report/plandiff.h), with a
 * warning on stderr when it sets fewer targets than the plan in force.
 * Problems are named by their JSON paths when the person wrote the JSON
 * (json_paths: `plan load`), in words when gemis read it from a document. */
int cli_store_plan(struct cli *cli, const char *path, const json_t *plan, const char *as, bool json_paths);
int cmd_units(struct cli *cli, int argc, char **argv);
int cmd_indicators(struct cli *cli, int argc, char **argv);
int cmd_indicator_add(struct cli *cli, int argc, char **argv);
int cmd_indicator_breakdown(struct cli *cli, int argc, char **argv);
int cmd_indicator_retire(struct cli *cli, int argc, char **argv);
int cmd_indicator_edit(struct cli *cli, int argc, char **argv);
int cmd_indicator_show(struct cli *cli, int argc, char **argv);
int cmd_breakdown_list(struct cli *cli, int argc, char **argv);
int cmd_breakdown_add(struct cli *cli, int argc, char **argv);
/* The database, the unit tree (t) and the actor (--as) of a change of the
 * catalog, which only the ministry or an administrator makes; NULL after
 * saying why (t released by the caller in either case). */
struct principal;
struct db *cli_open_catalog_admin(struct cli *cli, const char *cmd, const char *as, struct tree *t,
				  struct principal *who);
/* As cli_open_catalog_admin(), for an indicator of the province of code
 * scope (NULL: a national one), which that province's account may add
 * too (access_catalog_refusal()). */
struct db *cli_open_catalog_scoped(struct cli *cli, const char *cmd, const char *as, const char *scope,
				   struct tree *t, struct principal *who);
/* As cli_open_catalog_admin(), to retire the indicator id (or put it
 * back), which its province's account may do too
 * (access_retire_refusal()). */
struct db *cli_open_catalog_retire(struct cli *cli, const char *cmd, const char *as, const char *id, struct tree *t,
				   struct principal *who);
int cmd_catalog_load(struct cli *cli, int argc, char **argv);
int cmd_user_add(struct cli *cli, int argc, char **argv);
int cmd_user_passwd(struct cli *cli, int argc, char **argv);
int cmd_user_signins(struct cli *cli, int argc, char **argv);
int cmd_user_two_step_off(struct cli *cli, int argc, char **argv);
int cmd_user_email(struct cli *cli, int argc, char **argv);
int cmd_remind(struct cli *cli, int argc, char **argv);
int cmd_token_create(struct cli *cli, int argc, char **argv);
int cmd_token_list(struct cli *cli, int argc, char **argv);
int cmd_token_revoke(struct cli *cli, int argc, char **argv);
int cmd_inspection_list(struct cli *cli, int argc, char **argv);
int cmd_inspection_add(struct cli *cli, int argc, char **argv);
int cmd_recommendation_issue(struct cli *cli, int argc, char **argv);
int cmd_recommendation_act(struct cli *cli, int argc, char **argv);
int cmd_draft_list(struct cli *cli, int argc, char **argv);
int cmd_draft_questions(struct cli *cli, int argc, char **argv);
int cmd_draft_add(struct cli *cli, int argc, char **argv);
int cmd_draft_review(struct cli *cli, int argc, char **argv);
int cmd_draft_issue(struct cli *cli, int argc, char **argv);
int cmd_complaint_list(struct cli *cli, int argc, char **argv);
int cmd_complaint_add(struct cli *cli, int argc, char **argv);
int cmd_complaint_show(struct cli *cli, int argc, char **argv);
int cmd_complaint_answer(struct cli *cli, int argc, char **argv);
int cmd_complaint_refer(struct cli *cli, int argc, char **argv);
int cmd_complaint_limits(struct cli *cli, int argc, char **argv);
int cmd_complaint_erase(struct cli *cli, int argc, char **argv);
int cmd_case_keygen(struct cli *cli, int argc, char **argv);
int cmd_case_add(struct cli *cli, int argc, char **argv);
int cmd_case_service(struct cli *cli, int argc, char **argv);
int cmd_case_refer(struct cli *cli, int argc, char **argv);
int cmd_case_counsel(struct cli *cli, int argc, char **argv);
int cmd_case_close(struct cli *cli, int argc, char **argv);
int cmd_case_show(struct cli *cli, int argc, char **argv);
int cmd_case_list(struct cli *cli, int argc, char **argv);
int cmd_case_export(struct cli *cli, int argc, char **argv);
int cmd_case_stats(struct cli *cli, int argc, char **argv);
int cmd_case_log(struct cli *cli, int argc, char **argv);
int cmd_case_purge(struct cli *cli, int argc, char **argv);
int cmd_reporting(struct cli *cli, int argc, char **argv);
int cmd_adhoc_ask(struct cli *cli, int argc, char **argv);
int cmd_adhoc_list(struct cli *cli, int argc, char **argv);
int cmd_adhoc_show(struct cli *cli, int argc, char **argv);
int cmd_adhoc_step(struct cli *cli, int argc, char **argv);
int cmd_chain_period(struct cli *cli, int argc, char **argv);
int cmd_chain_step(struct cli *cli, int argc, char **argv);
int cmd_chain_status(struct cli *cli, int argc, char **argv);
int cmd_task_list(struct cli *cli, int argc, char **argv);
int cmd_task_record(struct cli *cli, int argc, char **argv);
int cmd_local_list(struct cli *cli, int argc, char **argv);
int cmd_local_record(struct cli *cli, int argc, char **argv);
int cmd_local_history(struct cli *cli, int argc, char **argv);
int cmd_local_assign(struct cli *cli, int argc, char **argv);
int cmd_budget_list(struct cli *cli, int argc, char **argv);
int cmd_budget_add(struct cli *cli, int argc, char **argv);
int cmd_budget_act(struct cli *cli, int argc, char **argv);
int cmd_budget_export(struct cli *cli, int argc, char **argv);
int cmd_scorecard(struct cli *cli, int argc, char **argv);
int cmd_scorecard_rules(struct cli *cli, int argc, char **argv);
int cmd_activity_list(struct cli *cli, int argc, char **argv);
int cmd_activity_log(struct cli *cli, int argc, char **argv);
int cmd_activity_import(struct cli *cli, int argc, char **argv);
int cmd_values_export(struct cli *cli, int argc, char **argv);
int cmd_template(struct cli *cli, int argc, char **argv);
/* Reads a code map file (formats/codemap.h) for the exchange format named
 * `format` (its lines for other formats are left out) into m (codemap_init()ed);
 * prints the problems and returns EXIT_FAIL when it is not valid. */
struct codemap;
int cli_read_codemap(const char *path, const char *format, struct codemap *m);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_report_action_month(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_help(struct cli *cli, int argc, char **argv);
int cmd_version(struct cli *cli, int argc, char **argv);

#endif
