/*
 * commands.c: the table of commands, and what reads the whole table: the
 * overview, `gemis help` and `gemis version`.  Adding a command is adding a
 * row (and its cmd_ function in cli.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "util/version.h"

#include "util/banned.h"

const struct command commands[] = {
	{"init", cmd_init, N_("create a database with the administrative units"),
	 "gemis init [--db PATH]",
	 N_("Creates the database (./gemis.db unless --db or $GEMIS_DB says otherwise) and loads\n"
	    "the nation, its 34 provinces and 3,321 communes and wards, each commune with its\n"
	    "agencies.  Running it again on an initialised database changes nothing.")},
	{"demo", cmd_demo, N_("create a demo database with real plans and invented values"),
	 "gemis demo [--db PATH] [--forms]",
	 N_("Builds a database to explore: the plans of Bình Lư (Lai Châu), Đồng Nguyên\n"
	    "(Bắc Ninh) and Hà Bắc (Hải Phòng), and invented values for 2024-2026 for every\n"
	    "commune of those provinces.  Every value is marked as demo data.  Refuses a\n"
	    "database that already holds values or plans.\n"
	    "  --forms   also take some of Bình Lư's 2026 forms through the workflow\n"
	    "            (approved, submitted, returned), record its agencies' progress on\n"
	    "            their tasks and log its third quarter and Action Month, to see\n"
	    "            the reporting, task and activity pages in motion")},
	{"values import", cmd_values_import, N_("import reported values (CSV, XLSX, ADX, DHIS2), all or nothing"),
	 "gemis values import FILE [--format csv|xlsx|adx|dhis2] [--map FILE] [--dry-run] [--as USER]",
	 N_("Reads gemis's CSV (header unit,period,indicator,part,sex,value), a workbook with\n"
	    "those columns (such as a form from `gemis template`), ADX XML or a DHIS2 data\n"
	    "value set (JSON); the format comes from the extension (.csv, .xlsx, .xml or\n"
	    ".adx, .json) unless --format says it.  The file is imported whole or not at\n"
	    "all: every problem is listed with its line (or row and cell) and field, and the\n"
	    "database stays unchanged.\n"
	    "  --map FILE  translate another system's codes (docs/exchange.md)\n"
	    "  --dry-run   check and count the changes, write nothing\n"
	    "  --as USER   the name recorded as author (default: cli:LOGIN)")},
	{"values export", cmd_values_export, N_("export a unit's values as CSV, ADX, DHIS2 or SDMX-CSV"),
	 "gemis values export --unit CODE [--year YEAR] [--format csv|adx|dhis2|sdmx|sdmx-structure]\n"
	 "                    [--map FILE] [--include-small-counts] -o FILE",
	 N_("Writes the values stored for the unit and every unit below it (of one year, or\n"
	    "all), as reported: numerators, denominators and single values, by sex.  The\n"
	    "format comes from the extension (.csv, .xml, .json) unless --format says it;\n"
	    "sdmx is SDMX-CSV for statistics offices, with the computed indicator values\n"
	    "too, sdmx-structure the SDMX-ML definition of its dataflow (codelists of the\n"
	    "units and indicators).  -o - writes to\n"
	    "standard output (CSV unless --format says otherwise).  The violence\n"
	    "indicators' counts under 5, and those that would reveal them, are withheld as\n"
	    "on every page and report.\n"
	    "  --map FILE              write another system's codes (docs/exchange.md)\n"
	    "  --include-small-counts  export them too: to move a database, never to publish")},
	{"template", cmd_template, N_("write an agency's reporting form as an Excel workbook"),
	 "gemis template --unit CODE --agency ID --year YEAR -o FILE.xlsx",
	 N_("The form lists what the plan in force asks of the agency: each indicator tied to\n"
	    "it, its parts, by sex where reported, with last year's value beside.  Only the\n"
	    "value cells can be typed in; `gemis values import FILE.xlsx` reads it back.\n"
	    "Agencies: vhxh, kinhte, taichinh, vanphong, yte, truonghoc, congan, ttdv, mttq,\n"
	    "hoiphunu, doanthanhnien, thon, tocongnghe.")},
	{"progress", cmd_progress, N_("show a unit's progress towards its targets"),
	 "gemis progress --unit CODE --year YEAR [--json]",
	 N_("  --unit CODE   official code: VN, a province (12) or a commune (03390)\n"
	    "  --year YEAR   the year to show (default: this year)\n"
	    "  --json        the JSON of GET /api/v1/progress instead of the table")},
	{"plan load", cmd_plan_load, N_("store a plan given as JSON for the unit it names"),
	 "gemis plan load FILE.json [--as USER]",
	 N_("Stores a plan in the JSON of `gemis plan import --json` for the unit named by\n"
	    "document.unit.code, replacing that unit's plan in force (kept in the history).\n"
	    "An amending plan (document.amends) is merged into the plan in force instead: its\n"
	    "targets replace those of the same indicator and year, the rest of the plan stays.\n"
	    "A target without a value is refused unless its indicator has an end to check\n"
	    "(done, maintained, all).")},
	{"plan import", cmd_plan_import, N_("read a plan document (text, DOCX, PDF) into targets, assignments and a deadline"),
	 "gemis plan import PLAN.{txt,docx,pdf} [--json] [--apply] [--as USER] [--lang en]",
	 N_("Reads a signed commune, ward or province plan and shows what it found: the unit\n"
	    "and its code, the period, the targets, the aims stated without a measure, the\n"
	    "agencies and what each answers for, the reporting deadline, and the lint findings.\n"
	    "  --json      print the structured plan (docs/plan-json.md) instead\n"
	    "  --apply     store it for the unit it names, replacing the unit's plan in force\n"
	    "              (kept in the history; `gemis plan restore` puts it back), or\n"
	    "              merged into it for an amending plan, after\n"
	    "              printing what changes: targets, statuses, forms (forms already\n"
	    "              submitted for the year are kept and counted), with a warning when\n"
	    "              it sets fewer targets; refused when the unit is not found or\n"
	    "              targets contradict each other\n"
	    "  --as USER   the name recorded as author (default: cli:LOGIN)\n"
	    "A PDF must have a text layer: a scanned image is refused with a message.")},
	{"plan restore", cmd_plan_restore, N_("put a unit's previous plan back in force (undo an apply)"),
	 "gemis plan restore --unit CODE [--as USER]",
	 N_("Puts back in force the plan that the unit's plan in force replaced: the undo of\n"
	    "`plan import --apply`, `plan load` or a change on the web.  The replaced plan\n"
	    "stays in the history, so running it again puts it back in turn.\n"
	    "  --as USER   the name recorded as author (default: cli:LOGIN)")},
	{"plan lint", cmd_plan_lint, N_("list what is wrong with a plan document before it is signed"),
	 "gemis plan lint PLAN.{txt,docx,pdf} [--json] [--lang en]",
	 N_("Prints one finding a line, FILE:LINE: what it is: message, in words.\n"
	    "  --json  the findings as JSON, each with its code for programs (numbering_gap,\n"
	    "          no_deadline, no_measurable_target, weaker_than_national,\n"
	    "          unassigned_indicator, duplicate_target, typo, task_without_agency,\n"
	    "          task_without_timeframe) and the indicator's id\n"
	    "Exits with 1 when there are findings.")},
	{"units", cmd_units, N_("list or search administrative units"),
	 "gemis units [--parent CODE | --search TEXT] [--json]",
	 N_("  --parent CODE  the units directly under CODE (default: the provinces)\n"
	    "  --search TEXT  units whose name contains TEXT, with or without diacritics")},
	{"indicators", cmd_indicators, N_("list the indicator catalog"), "gemis indicators [--unit CODE] [--json]",
	 N_("Without --unit, the nation's catalog: a province's own indicators are left out.\n"
	    "  --unit CODE  the indicators of that unit: the nation's and, in a province and its\n"
	    "               communes, the province's own")},
	{"indicator breakdown", cmd_indicator_breakdown, N_("break an indicator down by a breakdown beyond sex"),
	 "gemis indicator breakdown INDICATOR BREAKDOWN [--as USER]",
	 N_("Adds a series of the indicator for each category of the breakdown (see `gemis\n"
	    "breakdown list`): primary_completion__ethnicity_minority is the primary completion\n"
	    "rate of ethnic-minority pupils.  A series is an indicator of its own, computed,\n"
	    "rolled up and judged as its parent, owed by the agencies that owe the parent,\n"
	    "reported by sex where the parent is.  A plan's target on a category (\"trẻ em dân\n"
	    "tộc thiểu số\") is kept on the series.  Only the ministry or an administrator.")},
	{"breakdown list", cmd_breakdown_list, N_("list the breakdowns beyond sex and their categories"),
	 "gemis breakdown list", NULL},
	{"breakdown add", cmd_breakdown_add, N_("add a breakdown beyond sex"),
	 "gemis breakdown add CODE --name-vi TEXT --name-en TEXT [--partial] CATEGORY CATEGORY... [--as USER]",
	 N_("A CATEGORY is CODE:NAME_VI:NAME_EN, or CODE:NAME_VI:NAME_EN:FROM-TO for an age\n"
	    "group (FROM- for \"and over\"): either every category is an age group or none is,\n"
	    "and age groups may not overlap.  2 to 16 categories; codes are a-z, 0-9 and '_'.\n"
	    "An indicator's total is the sum of its groups; --partial says that the categories\n"
	    "do not cover everybody (some ethnic groups only), so that they add up to at most\n"
	    "the total, as do age groups that leave an age out.\n"
	    "Only the ministry or an administrator.")},
	{"indicator add", cmd_indicator_add, N_("add an indicator to the catalog, without a rebuild"),
	 "gemis indicator add --id ID --goal GOAL --name-vi TEXT --name-en TEXT --part-vi TEXT --part-en TEXT\n"
	 "                    [--kind ratio|value] [--den-vi TEXT --den-en TEXT] [--unit UNIT] [--factor N]\n"
	 "                    [--by-sex] [--share] [--lower-better] [--space sum|mean|none]\n"
	 "                    [--time sum|last|mean] [--target DIRECTION:VALUE:YEAR] [--scope PROVINCE]\n"
	 "                    [--formula EXPR] [--as USER]",
	 N_("Adds an indicator beside the national strategy's: it can then be assigned to\n"
	    "agencies in plans, reported in CSV, XLSX and the exchange formats, rolled up and\n"
	    "judged like the others.  The ministry or an administrator adds one, a province its\n"
	    "own (--scope); the change is kept in the indicator log.  A running server shows it\n"
	    "after a restart.\n"
	    "  --id ID          a-z, 0-9 and '_', starting with a letter; never reused\n"
	    "  --goal GOAL      politics, economy, family, health, education or communication\n"
	    "  --kind           ratio (a numerator over a denominator, the default) or value\n"
	    "  --part-vi/-en    what the numerator (or the value) counts, in Vietnamese and English\n"
	    "  --den-vi/-en     what the denominator counts (a ratio)\n"
	    "  --unit UNIT      default % for a ratio (factor 100), count for a value\n"
	    "  --by-sex         reported for women and men (the total is their sum)\n"
	    "  --share          the numerator is part of the denominator (at most 100 %)\n"
	    "  --lower-better   lower values are better (default: higher)\n"
	    "  --space          how units add up: sum of parts (default), mean, or none\n"
	    "  --time           how quarters and months make a year: sum (default), last, mean\n"
	    "  --target         the national target: at_least:80:2030, at_most:5:2030, achieve:2030\n"
	    "  --scope PROVINCE a province's own indicator (its unit code): owed, shown and reported\n"
	    "                   in that province only; a province account adds only its own\n"
	    "  --formula EXPR   computed from other indicators, never reported: a ratio's is\n"
	    "                   SUM / SUM, a value's one SUM; a SUM is terms [N *] ID.PART joined\n"
	    "                   by + or - (PART num, den or value), e.g. (a.value + b.value) / c.value\n"
	    "  --as USER        act as that account (default: the operator, with an admin's rights)")},
	{"catalog load", cmd_catalog_load, N_("add an optional catalog of indicators from a JSON file"),
	 "gemis catalog load FILE.json [--scope PROVINCE] [--as USER]",
	 N_("Adds every indicator of the file, or none when one is wrong (the error names it:\n"
	    "FILE: indicators[3].factor).  The file is {\"name\", \"source\", \"indicators\": [...]},\n"
	    "each entry with the fields of `gemis indicators --json` and part_vi, part_en (see\n"
	    "docs/indicators.md).  A catalog loaded already is reported, not added twice.\n"
	    "  --scope PROVINCE  the indicators are that province's own (a province account\n"
	    "                    loads only for its own province)\n"
	    "  --as USER         act as that account")},
	{"indicator retire", cmd_indicator_retire, N_("retire an indicator from a year on, or put it back"),
	 "gemis indicator retire ID --from YEAR [--as USER]\n"
	 "       gemis indicator retire ID --undo [--as USER]",
	 N_("From YEAR on the indicator and its category series are no longer reported: the\n"
	    "forms, templates and duties of YEAR and later leave them out, and a value of those\n"
	    "years is refused wherever it comes from (form, CSV, workbook, API, exchange\n"
	    "formats).  Its values before YEAR, and the reports and progress of those years,\n"
	    "stay.  Refused when values of YEAR or later are stored.  A plan's target on it for\n"
	    "YEAR or later is stored as signed, with a warning.  Built-in indicators too.  The\n"
	    "ministry or an administrator, or a province's account for its own indicators only;\n"
	    "the change is kept in the indicator log.\n"
	    "  --from YEAR   the first year it is not reported (2000-2100)\n"
	    "  --undo        put it back in force (logged too)\n"
	    "  --as USER     act as that account (default: the operator, with an admin's rights)")},
	{"indicator edit", cmd_indicator_edit, N_("edit an indicator added at run time: a new version"),
	 "gemis indicator edit ID [--name-vi TEXT] [--name-en TEXT] [--goal GOAL] [--part-vi TEXT] [--part-en TEXT]\n"
	 "                    [--den-vi TEXT] [--den-en TEXT] [--lower-better 1|0] [--target DIRECTION:VALUE:YEAR|none]\n"
	 "                    [--kind ratio|value] [--unit UNIT] [--factor N] [--by-sex 1|0] [--share 1|0]\n"
	 "                    [--space sum|mean|none] [--time sum|last|mean] [--as USER]",
	 N_("Changes the fields given, as `gemis indicator add` takes them, and keeps the\n"
	    "others: a new version of the indicator, the change (each field from what to what)\n"
	    "kept in its log.  Names, what the parts count, the goal, the polarity and the\n"
	    "national target change at any time; kind, unit, factor, by-sex, share, space and\n"
	    "time change what stored numbers mean and are refused once a value of the indicator\n"
	    "or of its series is stored, on a form too (retire it and add another).  Its\n"
	    "category series follow (their names are the indicator's and the category's).\n"
	    "The national strategy's indicators are frozen (retire and add instead) and a\n"
	    "series is edited through its indicator.  The ministry or an administrator; a\n"
	    "province its own.  A running server shows the change at its next refresh.\n"
	    "  --lower-better, --by-sex, --share  1 (yes) or 0 (no)\n"
	    "  --target none    removes the national target\n"
	    "  --as USER        act as that account (default: the operator, with an admin's rights)")},
	{"indicator show", cmd_indicator_show, N_("show an indicator: every field, its series, its log"),
	 "gemis indicator show ID [--json]",
	 N_("Every field of the indicator, its category series, the year it is retired from\n"
	    "(null while in force) and its log: who added, retired or put it back, and when.")},
	{"user add", cmd_user_add, N_("create an account"),
	 "gemis user add NAME --role ROLE --unit CODE [--agency ID] [--full-name TEXT] [--password-stdin]\n"
	 "                    [--as USER]",
	 N_("Roles: admin and ministry (unit VN), province (a province), focal, reporter (needs\n"
	    "--agency), caseworker, supervisor (the Fatherland Front; a commune or ward), viewer\n"
	    "(any unit).  An account sees its unit and everything below it, nothing else.\n"
	    "  --password-stdin  read the password (at least 10 characters, not a common one)\n"
	    "                    from standard input\n"
	    "  --as USER         act as that account, within its rights (a focal point creates\n"
	    "                    only its commune's reporters, viewers and supervisors); creating a\n"
	    "                    caseworker or admin account is written to the case access log")},
	{"user passwd", cmd_user_passwd, N_("set an account's password"),
	 "gemis user passwd NAME --password-stdin [--as USER]",
	 N_("Reads the new password from standard input: at least 10 characters and not one of\n"
	    "the most common passwords.  Ends the account's sessions and revokes its API tokens.\n"
	    "  --as USER  act as that account, within its rights (a focal point sets only its\n"
	    "             commune's reporters' and viewers' passwords); setting a caseworker's\n"
	    "             or admin's password is written to the case access log")},
	{"user signins", cmd_user_signins, N_("show the sign-in log"),
	 "gemis user signins [--unit CODE] [--name NAME] [--limit N]",
	 N_("Prints the latest sign-ins, wrong passwords, throttled attempts and signing out,\n"
	    "newest first (UTC): time, name, the account's unit, address (cli for the command\n"
	    "line), action (signin, password, export, signout, signout_all) and result (ok,\n"
	    "wrong, throttled).  Never a password.  Rows are kept for a year.\n"
	    "  --unit CODE  only the accounts of CODE and below (names no account has are shown\n"
	    "               only for the whole country)\n"
	    "  --name NAME  only that name\n"
	    "  --limit N    at most N rows (default 50)")},
	{"user two-step-off", cmd_user_two_step_off, N_("turn off an account's two-step sign-in"),
	 "gemis user two-step-off NAME [--as USER]",
	 N_("Removes the account's authenticator and recovery codes, for a lost phone: the\n"
	    "account signs in with its password alone until it turns two-step sign-in on again\n"
	    "(which the roles that must use it are asked at once).  A caseworker's or admin's\n"
	    "change is written to the case access log.\n"
	    "  --as USER  act as that account, within its rights")},
	{"user email", cmd_user_email, N_("set the address an account's reminders go to"),
	 "gemis user email NAME (ADDRESS | --clear) [--as USER]",
	 N_("Gives the account an e-mail address for the reminders of `gemis remind`, or with\n"
	    "--clear removes it.  The address is personal data: it is shown only to those who\n"
	    "manage the account and never written to a log.\n"
	    "  --as USER  act as that account, within its rights (a focal point sets only its\n"
	    "             commune's reporters' and viewers' addresses)")},
	{"token create", cmd_token_create, N_("create an API token for an account"),
	 "gemis token create NAME [--label TEXT]",
	 N_("Prints a new token for `Authorization: Bearer TOKEN`.  It is shown only once.")},
	{"token list", cmd_token_list, N_("list an account's API tokens"), "gemis token list NAME",
	 N_("Prints each token's id, when it was created, last used and revoked (UTC), and its\n"
	    "label.  The tokens themselves are not kept and cannot be shown again.")},
	{"token revoke", cmd_token_revoke, N_("revoke an account's API token"),
	 "gemis token revoke NAME ID | gemis token revoke --all NAME",
	 N_("Running servers refuse the token within a quarter of a second.\n"
	    "  --all  revoke every live token of the account")},
	{"complaint list", cmd_complaint_list, N_("list a commune's feedback, petitions and complaints"),
	 "gemis complaint list --unit CODE --as USER [--year YEAR] [--json]",
	 N_("The matters the commune received (a province or the nation: its communes'),\n"
	    "newest first: code, day received, kind, channel, field, the agency handling\n"
	    "it, the day the answer is due, its status, overdue ones marked, and the case\n"
	    "it was referred to.  Never the person who brought it.\n"
	    "  --year YEAR   received in that year (default: every year)\n"
	    "  --json        the same as JSON (the API's shape), with the counts\n"
	    "  --as USER     the account whose scope is listed")},
	{"complaint add", cmd_complaint_add, N_("record feedback, a petition, a complaint or a denunciation"),
	 "gemis complaint add --unit CODE --received DATE --channel CH --kind KIND --field FIELD\n"
	 "                    --agency ID --name TEXT [--contact TEXT] --text TEXT [--complex]\n"
	 "                    --as USER [--case-key FILE]",
	 N_("Records a matter the commune received.  The answer is due by the legal time\n"
	    "limit of its kind (`gemis complaint limits`).  The person's name and contact\n"
	    "and the text are sealed with the register key and shown to the handlers only:\n"
	    "the commune's focal point and the reporters of the agency handling it.\n"
	    "  --channel CH   in_person, phone, hotline, letter, portal or mass_org\n"
	    "  --kind KIND    feedback, petition, complaint or denunciation\n"
	    "  --field FIELD  politics, economy, family, health, education or communication\n"
	    "  --complex      the law's extension for a complex matter applies\n"
	    "  --case-key F   the register key (else $GEMIS_CASE_KEY_FILE)")},
	{"complaint show", cmd_complaint_show, N_("show a matter with the person who brought it (handlers only)"),
	 "gemis complaint show --code CODE --as USER [--case-key FILE]",
	 N_("Prints the matter as JSON with the person, the contact, the text and the\n"
	    "answer, opened with the register key.  Only its handlers may; every opening\n"
	    "and every refusal is written to the register's access log.")},
	{"complaint answer", cmd_complaint_answer, N_("move a matter on: handling, answered or withdrawn"),
	 "gemis complaint answer --code CODE --status handling|answered|withdrawn\n"
	 "                       [--on DATE] [--answer TEXT] --as USER [--case-key FILE]",
	 N_("An answer needs its text and its day (default: today), not before the day the\n"
	    "matter was received nor after today.  An answered or withdrawn matter no longer\n"
	    "changes.")},
	{"complaint refer", cmd_complaint_refer, N_("refer a matter about violence to the case register"),
	 "gemis complaint refer --code CODE --case CASE --as USER",
	 N_("Records that the matter is followed in the case register as case CASE, which\n"
	    "must be a case of the same commune.  Only the code is kept: nothing of the case\n"
	    "or of the matter is copied.")},
	{"complaint limits", cmd_complaint_limits, N_("show the legal time limits for an answer, by kind"),
	 "gemis complaint limits [--json]",
	 N_("The days to take a matter up and to answer it, and the extension for a complex\n"
	    "one, by kind, with the law each comes from (table complaint_limits;\n"
	    "docs/complaints.md).")},
	{"complaint erase", cmd_complaint_erase, N_("erase the person of matters closed longer ago than the retention period (admin)"),
	 "gemis complaint erase --as ADMIN [--retention-days N] [--today YYYY-MM-DD]",
	 N_("For every matter answered or withdrawn more than N days ago (default 1825, five\n"
	    "years), erases for good the person who brought it, the contact, the text and the\n"
	    "answer, and keeps what it counts for: code, kind, field, channel, dates and\n"
	    "status.  Each matter erased is a line of the case register's access log.")},
	{"case keygen", cmd_case_keygen, N_("create the key that seals the case register"),
	 "gemis case keygen FILE",
	 N_("Writes 32 random bytes to a new FILE readable by its owner alone (mode 0600).\n"
	    "Case commands find it with --case-key FILE or $GEMIS_CASE_KEY_FILE and refuse a key\n"
	    "file that other accounts may read.  Keep a copy apart from the database backups.")},
	{"case add", cmd_case_add, N_("record a gender-based-violence case (JSON on standard input)"),
	 "gemis case add --unit CODE --as USER [--case-key FILE] < case.json",
	 N_("Prints the new case's code.  Only a caseworker of the commune may add its cases.\n"
	    "The JSON fields are described in docs/cases.md.")},
	{"case service", cmd_case_service, N_("record a service a survivor received"),
	 "gemis case service CODE --as USER --service SERVICE --date YYYY-MM-DD [--note-stdin]",
	 N_("SERVICE: health_care, psychosocial, legal_aid, police_protection, safe_house,\n"
	    "economic_support.  --note-stdin reads a note from standard input (sealed).")},
	{"case refer", cmd_case_refer, N_("record a referral to a service"),
	 "gemis case refer CODE --as USER --service SERVICE --date YYYY-MM-DD [--note-stdin]", NULL},
	{"case counsel", cmd_case_counsel, N_("record a perpetrator counselling session"),
	 "gemis case counsel CODE --as USER --date YYYY-MM-DD [--note-stdin]", NULL},
	{"case close", cmd_case_close, N_("close a case; the retention period starts"),
	 "gemis case close CODE --as USER --date YYYY-MM-DD [--note-stdin]", NULL},
	{"case show", cmd_case_show, N_("show a case with its services (JSON)"),
	 "gemis case show CODE --as USER [--case-key FILE]", NULL},
	{"case list", cmd_case_list, N_("list the cases of a commune"),
	 "gemis case list --as USER [--unit CODE] [--case-key FILE]", NULL},
	{"case export", cmd_case_export, N_("export a commune's cases as CSV, password required"),
	 "gemis case export --as USER -o FILE --password-stdin [--unit CODE] [--case-key FILE]",
	 N_("Writes a new file readable by its owner alone.  The free-text notes are never\n"
	    "exported.  The account's password is read again from standard input.")},
	{"case stats", cmd_case_stats, N_("counts of the case register for a unit and year"),
	 "gemis case stats --as USER --unit CODE --year YEAR [--json]",
	 N_("A commune's own caseworkers see exact counts; everyone else sees counts below 5\n"
	    "as <5, and other counts hidden as x where they would give a small count away.")},
	{"case log", cmd_case_log, N_("show the case register's access log (admin)"),
	 "gemis case log --as ADMIN [--json] [--limit N]", NULL},
	{"case purge", cmd_case_purge, N_("erase cases closed longer ago than the retention period (admin)"),
	 "gemis case purge --as ADMIN [--retention-days N] [--today YYYY-MM-DD]",
	 N_("Deletes every field of each case closed more than N days ago (default: the\n"
	    "database's case_retention_days, else 1825) and keeps only its anonymous counts.")},
	{"report action-month", cmd_report_action_month,
	 N_("write the report on the Action Month (15/11 - 15/12) as DOCX, PDF or HTML"),
	 "gemis report action-month --unit CODE --year YEAR [--format docx|pdf|html] -o FILE\n"
	 "       gemis report action-month --unit PROVINCE --year YEAR --format FMT --all -o DIR",
	 N_("The report on the Action Month for gender equality and against gender-based\n"
	    "violence (15/11 - 15/12) laid out as the yearly report (Decree 30/2020/NĐ-CP):\n"
	    "its theme, the activities logged for it by kind, the people reached by sex,\n"
	    "one row an activity; for a province its communes' themes and numbers.\n"
	    "Vietnamese unless --lang en.\n"
	    "  --format FMT         docx, pdf or html (default: from the file name)\n"
	    "  --all                one report for each sub-unit of --unit, into directory -o\n"
	    "  --date YYYY-MM-DD    the date in the date line (default: left blank to fill in)\n"
	    "  --signer NAME        the signer's name (default: the plan's signer)\n"
	    "  --signer-title TEXT  the signer's title, e.g. \"Phó Chủ tịch\"")},
	{"report", cmd_report, N_("write the yearly report, or a mid-term or final review, as DOCX, PDF, XLSX or HTML"),
	 "gemis report --unit CODE --year YEAR [--format docx|pdf|xlsx|html] -o FILE\n"
	 "       gemis report --kind midterm|final --unit CODE [--year YEAR] [--format FMT] -o FILE\n"
	 "       gemis report --unit PROVINCE --year YEAR --format FMT --all -o DIR",
	 N_("The report \"Báo cáo kết quả thực hiện công tác bình đẳng giới năm YEAR\" laid out\n"
	    "as Decree 30/2020/NĐ-CP asks: results by goal, what is off track and why, the\n"
	    "agencies that reported late or not at all, the plan's tasks, a chart; for a\n"
	    "province also its communes by indicators.  Vietnamese unless --lang en.\n"
	    "  --kind KIND          yearly (default); midterm: the mid-term review (\"sơ kết\",\n"
	    "                       2028), final: the final review (\"tổng kết\", 2030), from the\n"
	    "                       plan's baseline year to --year (2026-2030; default 2028\n"
	    "                       or 2030): each indicator's path against its target and\n"
	    "                       the required path with a chart each, the statuses, tasks,\n"
	    "                       budget and scores year by year, and the sections the\n"
	    "                       officials write (achievements, shortcomings, causes,\n"
	    "                       lessons, proposals for commendation)\n"
	    "  --format FMT         docx, pdf, xlsx or html (default: from the file name)\n"
	    "  --all                one report for each sub-unit of --unit, into directory -o\n"
	    "  --date YYYY-MM-DD    the date in the date line (default: left blank to fill in);\n"
	    "                       also the day reporting is judged on (default: now)\n"
	    "  --signer NAME        the signer's name (default: the plan's signer)\n"
	    "  --signer-title TEXT  the signer's title, e.g. \"Phó Chủ tịch\"\n"
	    "Files carry no timestamp unless $SOURCE_DATE_EPOCH is set.")},
	{"remind", cmd_remind, N_("send the day's e-mail reminders of what is due or late"),
	 "gemis remind [--config FILE] [--unit CODE] [--today YYYY-MM-DD] [--dry-run]",
	 N_("Meant to run once a day.  For each commune with a plan in force, mails every\n"
	    "agency's accounts (reporters with an address) what the agency has late or due soon\n"
	    "(its report of the year, the tasks it leads) on the days set in the mail settings,\n"
	    "and each focal point a daily digest of every agency's.  At most one mail of each\n"
	    "kind per account a day: running it again sends only what failed.  Off until the\n"
	    "mail settings exist (docs/reminders.md): then it says so and sends nothing.\n"
	    "  --config FILE      the mail settings (default $GEMIS_MAIL_CONFIG, else\n"
	    "                     /etc/gemis/mail.conf)\n"
	    "  --unit CODE        only the communes of CODE and below\n"
	    "  --today YYYY-MM-DD judge as on that day (default: today in Vietnam)\n"
	    "  --dry-run          print the messages instead of sending them; record nothing")},
	{"reporting", cmd_reporting, N_("show which agencies have reported, on time or late"),
	 "gemis reporting --unit CODE --year YEAR [--as-of YYYY-MM-DD] [--json]",
	 N_("From the plans in force: each agency the plan gives duties owes one report a year\n"
	    "(its indicators, its tasks' results and a narrative), due on the deadline written\n"
	    "in the plan (30/11, say; \"no date set\" without one).  Shows the reports\n"
	    "expected, submitted, on time, late and missing, per agency and, for a province,\n"
	    "per commune, with the reporting rate (submitted / expected).\n"
	    "  --as-of DATE  judge \"overdue\" at the end of that day (default: now)\n"
	    "  --json        the same as JSON")},
	{"chain period", cmd_chain_period, N_("show or set the period and deadline of the reports sent to a province"),
	 "gemis chain period --unit CODE --year YEAR [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	 "                   [--due YYYY-MM-DD] [--as USER]",
	 N_("A province sets, for a year, the period its communes' reports cover and the day\n"
	    "they are due (the nation, VN, sets them for the provinces).  Without options it\n"
	    "shows them.  The period is Decree 09/2019/NĐ-CP's (15/12 of the previous year\n"
	    "to 14/12) until one is set; there is no deadline until one is set, and no\n"
	    "report is late before it.\n"
	    "  --from, --to  the first and last day the figures cover\n"
	    "  --due         the last day to submit (until its end in Vietnam)\n"
	    "  --as USER     the name recorded as having set it (default: cli:LOGIN)")},
	{"chain save", cmd_chain_step, N_("write the narrative sections of a yearly report before it goes up the chain"),
	 "gemis chain save --unit CODE --year YEAR [--results TEXT] [--shortcomings TEXT]\n"
	 "                 [--causes TEXT] [--proposals TEXT] [--as USER]",
	 N_("Saves what the officials write beside the figures: the results achieved, the\n"
	    "shortcomings and limitations, their causes, the proposals.  A section not given\n"
	    "stays as saved; an empty one is cleared.  They go up with the report and are\n"
	    "locked with it once it is accepted.  `gemis chain submit` takes the same options.")},
	{"chain submit", cmd_chain_step, N_("submit a commune's or a province's yearly report up the chain"),
	 "gemis chain submit --unit CODE --year YEAR [--file FILE] [--results TEXT] [--shortcomings TEXT]\n"
	 "                   [--causes TEXT] [--proposals TEXT] [--as USER]",
	 N_("Sends the yearly report of a commune to its province (of a province to the\n"
	    "ministry) with the figures as they stand, which go with it and stay as they\n"
	    "were sent.  The focal point sends its commune's, a province officer its\n"
	    "province's.  A report returned is sent again the same way.\n"
	    "  --file FILE  the signed copy, a PDF (or a DOCX), checked by its bytes; without\n"
	    "               it the report as gemis writes it (DOCX) is sent\n"
	    "  --as USER    act as that account, with its rights (default: the operator)")},
	{"chain return", cmd_chain_step, N_("return a report sent up the chain, saying why"),
	 "gemis chain return --unit CODE --year YEAR --comment TEXT [--as USER]",
	 N_("The province returns a commune's report (the ministry a province's) with a\n"
	    "comment saying what to fix; the sender submits it again.")},
	{"chain accept", cmd_chain_step, N_("accept a report sent up the chain; it is locked"),
	 "gemis chain accept --unit CODE --year YEAR [--as USER]",
	 N_("The province accepts a commune's report (the ministry a province's).  An\n"
	    "accepted report is locked with the file and the figures it carried.")},
	{"chain status", cmd_chain_status, N_("show where the reports up the chain stand"),
	 "gemis chain status --unit CODE --year YEAR [--json]",
	 N_("For a commune: its report to the province, its state, file and history.  For\n"
	    "a province: its own report to the ministry and its communes' reports to it\n"
	    "(state, first sent, on time or late against the province's deadline); for VN,\n"
	    "the provinces'.\n"
	    "  --json  the same as JSON, with the figures each report carried")},
	{"adhoc ask", cmd_adhoc_ask, N_("ask the units below for an ad hoc report by a day"),
	 "gemis adhoc ask --unit CODE --title TEXT --due YYYY-MM-DD [--indicators ID,ID...]\n"
	 "                [--question TEXT] [--as USER]",
	 N_("A province asks every one of its communes (VN every province) for a report\n"
	    "(\"báo cáo đột xuất\"): the figures of some indicators, taken from the data\n"
	    "when each unit answers, and/or the answer to a question, by a day.  A commune\n"
	    "asks nobody.\n"
	    "  --due         the last day to answer; not in the past\n"
	    "  --indicators  catalog ids, comma-separated (gemis indicators lists them)\n"
	    "  --question    what the units are asked to answer in words\n"
	    "  --as USER     act as that account, with its rights (default: the operator)")},
	{"adhoc list", cmd_adhoc_list, N_("list the ad hoc requests a unit sent and received"),
	 "gemis adhoc list --unit CODE [--json]",
	 N_("The requests the unit sent (a province, VN) and those it was asked (a commune\n"
	    "by its province, a province by the ministry), newest first.\n"
	    "  --json  the same as JSON")},
	{"adhoc show", cmd_adhoc_show, N_("show an ad hoc request and its answers"),
	 "gemis adhoc show ID --unit CODE [--json]",
	 N_("Seen from the unit that asked: every unit asked, its answer's state and\n"
	    "whether it came on time, late or not yet.  Seen from a unit asked: its answer.\n"
	    "  --json  the same as JSON, with the figures each answer carried")},
	{"adhoc answer", cmd_adhoc_step, N_("answer an ad hoc request"),
	 "gemis adhoc answer ID --unit CODE [--text TEXT] [--file FILE] [--draft] [--as USER]",
	 N_("Submits the unit's answer: the text, an optional file (PDF, DOCX, XLSX, JPEG or\n"
	    "PNG, checked by its bytes) and the figures of the indicators asked for, as\n"
	    "they stand now.  A returned answer is submitted again the same way.\n"
	    "  --draft  save without submitting")},
	{"adhoc return", cmd_adhoc_step, N_("return an answer to an ad hoc request, saying why"),
	 "gemis adhoc return ID --unit CODE --comment TEXT [--as USER]",
	 N_("The unit that asked returns a unit's answer with a comment saying what to fix.")},
	{"adhoc accept", cmd_adhoc_step, N_("accept an answer to an ad hoc request; it is locked"),
	 "gemis adhoc accept ID --unit CODE [--as USER]",
	 N_("The unit that asked accepts a unit's answer, locked with what it carried.")},
	{"task list", cmd_task_list, N_("list a commune's tasks with their status and time"),
	 "gemis task list --unit CODE [--year YEAR] [--agency ID] [--json]",
	 N_("The tasks of the commune's plan in force: number, title, the day they are due\n"
	    "in the year and their status (of the agency with --agency, else of the tasks'\n"
	    "leads), overdue or due within the week.\n"
	    "  --year YEAR   the year (default: this year)\n"
	    "  --agency ID   only the tasks the agency leads or joins, with its own status\n"
	    "  --json        the same as JSON")},
	{"task record", cmd_task_record, N_("record an agency's progress on a task"),
	 "gemis task record --unit CODE --task NUMBER --agency ID --status STATUS [--period PERIOD]\n"
	 "                  [--note TEXT] [--reason TEXT] [--evidence FILE] [--as USER]",
	 N_("Records, on top of the latest record of the agency and period (kept in the\n"
	    "history), the status of a task: not_started, in_progress, done or not_done\n"
	    "(which needs --reason).  The rules are the web's: an agency records on the\n"
	    "tasks it leads or joins, a year is locked while its form is approved.\n"
	    "  --task NUMBER    the task's number as the plan writes it (2.5), or its uid\n"
	    "  --period PERIOD  a year (2026) or a quarter (2026Q3); default: this year\n"
	    "  --note TEXT      what was done\n"
	    "  --evidence FILE  a PDF, DOCX, XLSX, JPEG or PNG of up to 8 MB, checked by its bytes\n"
	    "  --as USER        act as that account, with its rights (default: the operator, cli:LOGIN)")},
	{"local list", cmd_local_list, N_("list a unit's own indicators with their target, value and status"),
	 "gemis local list UNIT [--year YEAR] [--json]",
	 N_("The unit's local indicators: the numeric targets its plans set outside the\n"
	    "catalog, kept as indicators of the unit alone (docs/local-indicators.md).  For\n"
	    "each: its label (L1, L2...), the plan's wording, the agency that owes it, the\n"
	    "target, the year's value and its status; one no longer in the plan in force is\n"
	    "listed after the others with its values.\n"
	    "  --year YEAR   the year (default: this year)\n"
	    "  --json        the same as JSON, with every year's value")},
	{"local record", cmd_local_record, N_("record the value of a unit's own indicator for a year"),
	 "gemis local record UNIT LABEL --year YEAR --value NUMBER [--note TEXT] [--version N] [--as USER]",
	 N_("Records the year's value of the local indicator LABEL (L1, L2... as `gemis local\n"
	    "list` shows them); earlier records of the year are kept in the history.  The\n"
	    "rules are the web's: the reporter of the agency that owes it, or the focal\n"
	    "point; a year is locked while the agency's form of the year is approved.\n"
	    "  --year YEAR     the year the value is for (required)\n"
	    "  --value NUMBER  the value, with '.' or ',' as the decimal mark (4,5)\n"
	    "  --note TEXT     where the figure comes from\n"
	    "  --version N     the number of the latest record of the year you saw (0: none);\n"
	    "                  refused when someone recorded a newer one since, so that their\n"
	    "                  record is not overwritten unseen.  Default: the latest record\n"
	    "  --as USER       act as that account, with its rights (default: the operator, cli:LOGIN)")},
	{"local assign", cmd_local_assign, N_("hand a unit's own indicator to another agency"),
	 "gemis local assign UNIT LABEL --agency KIND [--as USER]",
	 N_("Hands the local indicator LABEL to the agency KIND (vhxh, kinhte, yte, truonghoc,\n"
	    "congan, ttdv..., the ids of docs/plan-json.md), whose reporter records its values: a plan\n"
	    "names no agency for a target outside the catalog, so gemis picks one\n"
	    "(docs/local-indicators.md) and the focal point may correct it.  Who may change\n"
	    "the unit's plan may do it; the change is kept in the table local_log.\n"
	    "  --agency KIND   the agency that owes it from now on (required)\n"
	    "  --as USER       act as that account, with its rights (default: the operator, cli:LOGIN)")},
	{"local history", cmd_local_history, N_("list every value recorded for a unit's own indicator"),
	 "gemis local history UNIT LABEL [--json]",
	 N_("Every record of the local indicator LABEL, oldest first: its number (the\n"
	    "version --version names), the year, the value, when, by whom for which agency,\n"
	    "and the note.\n"
	    "  --json   the same as JSON")},
	{"budget list", cmd_budget_list, N_("list a unit's budget lines with their state and sums"),
	 "gemis budget list --unit CODE [--year YEAR] [--json]",
	 N_("The budget lines of the commune (or of every commune below a province) for the\n"
	    "year: agency, task, funding source, what the money is for, the estimate, the\n"
	    "appraised, approved and spent amounts (in đồng, 12.500.000 đ), the committee's\n"
	    "decision and the state (draft, submitted, appraised, approved, returned); a line\n"
	    "spent above what was approved is flagged.\n"
	    "  --year YEAR   the year (default: this year)\n"
	    "  --json        the JSON of GET /api/v1/budget, with the sums by source and goal")},
	{"budget add", cmd_budget_add, N_("add an agency's budget estimate for a year"),
	 "gemis budget add --unit CODE --year YEAR --agency ID --source ID --estimate AMOUNT\n"
	 "                 [--task NUMBER] [--title TEXT] [--note TEXT] [--submit] [--as USER]",
	 N_("Adds a budget line as a draft (or submitted, with --submit).  The rules are the\n"
	    "web's: an agency's reporter for its own agency, the focal point for any.\n"
	    "  --source ID       nsnn_tw, nsnn_tinh, nsnn_xa (state budget by level),\n"
	    "                    ctmtqg_ntm, ctmtqg_gnbv (national target programmes), khac\n"
	    "  --estimate AMOUNT whole đồng, with or without separators: 12500000, 12.500.000\n"
	    "  --task NUMBER     a task of the plan in force (2.1), or none: the agency's work\n"
	    "  --title TEXT      what the money is for (default: the task's title)\n"
	    "  --as USER         act as that account, with its rights (default: the operator)")},
	{"budget act", cmd_budget_act, N_("take a budget line a step: submit, appraise, approve, return, reopen, spend"),
	 "gemis budget act --unit CODE --line ID --action ACTION [--amount AMOUNT]\n"
	 "                 [--decision-no TEXT --decision-date DD/MM/YYYY] [--comment TEXT] [--as USER]",
	 N_("Takes the step on the line as it is now, under wf_estimate's rules:\n"
	    "  save, submit      the agency (with --estimate, --source, --task, --title, --note)\n"
	    "  appraise          the economic or finance office, --amount the appraised amount\n"
	    "  approve           the focal point, --decision-no and --decision-date of the\n"
	    "                    committee's decision, --amount (default: the appraised amount)\n"
	    "  return, reopen    the focal point, with --comment saying why\n"
	    "  spend             the agency, --amount what was spent (above the approved\n"
	    "                    amount is allowed and flagged)\n"
	    "Every change is kept in the line's trail.")},
	{"budget export", cmd_budget_export, N_("write a year's budget as the finance office's workbook"),
	 "gemis budget export --unit CODE [--year YEAR] -o FILE.xlsx",
	 N_("The lines of the year grouped by funding source, with subtotals and a total as\n"
	    "formulas: what for, agency, task, estimate, appraised, approved, the decision,\n"
	    "spent, what is left, and the line's state or a flag when more was spent than\n"
	    "approved.  For a province, every commune's lines, each named with its commune.")},
	{"scorecard", cmd_scorecard, N_("show the agencies' scorecard of a year, ranked, with the reasons of each score"),
	 "gemis scorecard --unit CODE [--year YEAR] [--json | -o FILE.csv | -o FILE.xlsx]",
	 N_("Computed, never typed: for each agency of a commune (or each sub-unit of a province,\n"
	    "summed over its communes) its forms on time, tasks done, indicators achieved or on\n"
	    "track and quarters with activities logged, weighted by the rules in force for the\n"
	    "unit and year (docs/scorecard.md).  A criterion that does not apply leaves its\n"
	    "weight to the others.\n"
	    "  --year YEAR   the year (default: this year)\n"
	    "  --json        the JSON of GET /api/v1/scorecard\n"
	    "  -o FILE.csv   the table for the emulation council, as CSV (UTF-8)\n"
	    "  -o FILE.xlsx  the same as a workbook: the rules and their version, each\n"
	    "                criterion's part, whole and points, the reasons")},
	{"scorecard rules", cmd_scorecard_rules, N_("set a province's own weights of the scorecard, as a new version"),
	 "gemis scorecard rules --unit CODE --since YEAR --weights LIST [--as USER]",
	 N_("Adds a version of the rules of the province (the nation's default for VN, by the\n"
	    "admin) from a year on; versions are kept, never changed.  Criteria left out\n"
	    "weigh 0.\n"
	    "  --weights LIST  forms_on_time=W,tasks_done=W,indicators_on_track=W,activities_logged=W\n"
	    "  --as USER       act as that account, with its rights (default: the operator)")},
	{"inspection list", cmd_inspection_list, N_("list a commune's inspections and supervision of a year"),
	 "gemis inspection list --unit CODE [--year YEAR] [--json]",
	 N_("The inspection plan of the year: who inspects (the commune, the Fatherland\n"
	    "Front, the province), what and when, the day each was held, its findings and\n"
	    "its recommendations with their state, overdue ones marked.  A province or the\n"
	    "nation lists its communes' inspections.\n"
	    "  --year YEAR   the year (default: this year)\n"
	    "  --json        the same as JSON (the API's shape)")},
	{"inspection add", cmd_inspection_add, N_("add an inspection to a commune's plan, or change one"),
	 "gemis inspection add --unit CODE --body commune|front|province --subject TEXT --from DATE --to DATE\n"
	 "                     [--agency ID] [--held-on DATE] [--findings TEXT] [--id N] [--as USER]",
	 N_("Adds an inspection to the commune's plan of the year of --from (or, with --id,\n"
	    "changes that inspection).  Dates are YYYY-MM-DD; the window lies in one year,\n"
	    "and findings need the day the inspection was held.  The rules are the web's:\n"
	    "the commune records its own and the Fatherland Front's, the province its own.\n"
	    "  --agency ID  the agency inspected (else say which village in --subject)\n"
	    "  --as USER    act as that account, with its rights (default: the operator, cli:LOGIN)")},
	{"recommendation issue", cmd_recommendation_issue, N_("issue an inspection's recommendation to an agency"),
	 "gemis recommendation issue --unit CODE --inspection N --agency ID --due DATE --text TEXT [--as USER]",
	 N_("Issues a recommendation of an inspection already held, to the agency\n"
	    "responsible, with a deadline not before the inspection.  It is followed up\n"
	    "until closed (`gemis recommendation act`); overdue, it shows on the dashboard.")},
	{"recommendation act", cmd_recommendation_act, N_("follow up, reject or close a recommendation"),
	 "gemis recommendation act --unit CODE --id N --action follow_up|reject|close [--comment TEXT] [--as USER]",
	 N_("A step of a recommendation's follow-up: follow_up (the agency says what it did,\n"
	    "--comment), reject (the inspectors find it not enough, --comment) or close.")},
	{"draft list", cmd_draft_list, N_("list a commune's draft legal documents and their gender checks"),
	 "gemis draft list --unit CODE [--year YEAR] [--json]",
	 N_("The drafts of the year (by the day of the draft): kind, number, title, the\n"
	    "drafting agency, where the gender check stands, and the number and day the\n"
	    "document was issued with.  A province or the nation lists its communes' drafts.\n"
	    "  --year YEAR   the year (default: this year)\n"
	    "  --json        the same as JSON (the API's shape)")},
	{"draft questions", cmd_draft_questions, N_("show the gender checklist's questions"),
	 "gemis draft questions [--version N] [--json]",
	 N_("The questions of the gender check of a draft, as data (docs/drafts.md): each\n"
	    "one's id, text, whether it is answered yes or no, whether it is required (*)\n"
	    "and the article it comes from.\n"
	    "  --version N   that version (default: the latest)")},
	{"draft add", cmd_draft_add, N_("register a draft and fill its gender check, or change one"),
	 "gemis draft add --unit CODE --kind decision|plan|resolution|other --title TEXT --drafted-on DATE\n"
	 "                --agency ID [--number TEXT] [--answers FILE.json] [--submit] [--id N] [--as USER]",
	 N_("Registers a draft of the commune by the drafting agency (or, with --id, changes\n"
	    "that draft) with answers to the checklist's questions; --submit sends the\n"
	    "check for review, once every required question is answered.\n"
	    "  --answers FILE  a JSON object {\"question id\": \"answer\"}; \"\" clears one\n"
	    "  --as USER       act as that account, with its rights (default: the operator)")},
	{"draft review", cmd_draft_review, N_("review or return a draft's gender check"),
	 "gemis draft review --unit CODE --id N --action review|return --comment TEXT [--as USER]",
	 N_("The Culture and Social Affairs Office (or the focal point) reviews a submitted\n"
	    "check with its opinion, or returns it with what to fix (--comment).  The office\n"
	    "does not review its own drafts: the focal point does.")},
	{"draft issue", cmd_draft_issue, N_("record a draft issued, with its number and day"),
	 "gemis draft issue --unit CODE --id N --number TEXT --on DATE [--as USER]",
	 N_("Records the document issued by the committee (the focal point): the number it\n"
	    "carries and the day, not before the draft's.  The draft and its check are then\n"
	    "kept as they stood.")},
	{"activity list", cmd_activity_list, N_("show a commune's activity log and its news items a quarter"),
	 "gemis activity list --unit CODE [--year YEAR] [--quarter N] [--agency ID] [--json]",
	 N_("The quarters of the year (news items logged, months with a programme, and the\n"
	    "number a form typed, with a difference flagged) and the activities logged,\n"
	    "newest first (* marks the Action Month).\n"
	    "  --quarter N   only the activities of quarter N (1-4)\n"
	    "  --agency ID   only that agency's activities\n"
	    "  --json        the same as JSON")},
	{"activity log", cmd_activity_log, N_("log a news item, programme, event, training or visit"),
	 "gemis activity log --unit CODE --agency ID --title TEXT [--date YYYY-MM-DD] [--kind KIND]\n"
	 "                   [--channel CHANNEL] [--place TEXT] [--women N] [--men N] [--task NUMBER]\n"
	 "                   [--action-month] [--as USER]",
	 N_("  --kind KIND        news (default), broadcast, event, training, conference,\n"
	    "                     home_visit, mediation\n"
	    "  --channel CHANNEL  loudspeaker, portal, social, banner, direct (default: from the kind)\n"
	    "  --date DATE        the day it took place (default: today; not after today)\n"
	    "  --place TEXT       the village or group reached\n"
	    "  --women, --men N   participants, where counted\n"
	    "  --task NUMBER      the task it serves, by its number in the plan\n"
	    "  --action-month     part of the Action Month although outside 15/11-15/12\n"
	    "  --as USER          act as that account, with its rights")},
	{"activity import", cmd_activity_import, N_("import an activity log (CSV, XLSX), all or nothing"),
	 "gemis activity import FILE --unit CODE [--agency ID] [--dry-run] [--as USER]",
	 N_("Reads a CSV file or the first sheet of a workbook whose first row names the\n"
	    "columns, in English or Vietnamese (docs/activities.md): date, agency, kind,\n"
	    "channel, title, place, women, men, task, action_month.  Every row is checked and\n"
	    "one problem anywhere imports nothing; each is named by its line and column.\n"
	    "  --agency ID  the agency of the rows when the file has no agency column\n"
	    "  --dry-run    check and count, import nothing\n"
	    "  --as USER    act as that account, with its rights")},
	{"serve", cmd_serve, N_("run the web application and the JSON API"),
	 "gemis serve [--port N] [--listen ADDR] [--threads N] [--tls-cert FILE --tls-key FILE]"
	 " [--secure-cookies] [--trust-proxy] [--two-step ROLES] [--user NAME] [--no-confine]"
	 " [--quiet]",
	 N_("Serves the web application and the JSON API under /api/v1 on the database, by\n"
	    "default at http://127.0.0.1:8080/.  Stops on Ctrl+C (SIGINT) or SIGTERM.\n"
	    "  --port N          the port (default 8080; 0 picks a free one)\n"
	    "  --listen ADDR     the address to listen on (default 127.0.0.1; 0.0.0.0 or ::\n"
	    "                    for every interface)\n"
	    "  --threads N       worker threads (default 4)\n"
	    "  --tls-cert FILE   serve HTTPS with this PEM certificate (and --tls-key FILE)\n"
	    "  --secure-cookies  mark cookies Secure: TLS ends in a proxy in front\n"
	    "  --trust-proxy     a proxy on this machine passes the client's address in\n"
	    "                    X-Forwarded-For (for sign-in throttling and the log)\n"
	    "  --two-step ROLES  roles that must sign in with a code from an app as well\n"
	    "                    (default admin,caseworker; none: no role must, anyone may)\n"
	    "  --user NAME       started as root: become this account once the port is bound\n"
	    "  --no-confine      do not confine the server (by default, once the port is bound,\n"
	    "                    it writes files only in the database's and the temporary\n"
	    "                    folder, runs no program and connects only to PostgreSQL)\n"
	    "  --quiet           no line per request on standard error\n"
	    "Routes and the API: docs/web.md and /api/v1/openapi.json.")},
	{"help", cmd_help, N_("show help for a command"), "gemis help [COMMAND]", NULL},
	{"version", cmd_version, N_("show the version"), "gemis version", NULL},
};

const size_t command_count = sizeof(commands) / sizeof(commands[0]);

void cli_overview(FILE *f)
{
	size_t i;

	fprintf(f, "%s\n\n", _("gemis: the Gender Equality Monitoring Information System"));
	fprintf(f, "%s: gemis [--db URL] [--lang vi|en] [--no-color] %s\n\n", _("Usage"),
		_("COMMAND [ARGS...]"));
	fprintf(f, "%s:\n", _("Commands"));
	for (i = 0; i < command_count; i++)
		fprintf(f, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
	fprintf(f, "\n%s\n", _("The database is --db URL, else $GEMIS_DB, else ./gemis.db; "
			       "a postgresql:// URL selects PostgreSQL."));
	fprintf(f, "%s\n", _("Run `gemis help COMMAND` or `gemis COMMAND --help` for details; "
			     "`man gemis` for the manual."));
}

int cmd_help(struct cli *cli, int argc, char **argv)
{
	char name[64];
	size_t i;
	int rc = cli_options(cli, argc, argv, NULL, 0, -1, NULL);

	if (rc != CLI_GO)
		return rc;
	if (argc < 2) {
		cli_overview(stdout);
		return EXIT_OK;
	}
	snprintf(name, sizeof(name), "%s%s%s", argv[1], argc > 2 ? " " : "", argc > 2 ? argv[2] : "");
	for (i = 0; i < command_count; i++) {
		if (strcmp(commands[i].name, name) == 0 || strcmp(commands[i].name, argv[1]) == 0) {
			char *args[3] = {argv[1], (char *)"--help", NULL};
			struct cli other = *cli;

			other.cmd = &commands[i];
			return commands[i].run(&other, 2, args);
		}
	}
	fprintf(stderr, "gemis: %s '%s'\n", _("unknown command"), name);
	return EXIT_USAGE;
}

int cmd_version(struct cli *cli, int argc, char **argv)
{
	int rc = cli_options(cli, argc, argv, NULL, 0, 0, NULL);

	if (rc != CLI_GO)
		return rc;
	printf("gemis %s\n", GEMIS_VERSION);
	return EXIT_OK;
}
