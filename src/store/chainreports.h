/*
 * chainreports.h: the reports units send up the chain (tables
 * chain_reports and chain_report_steps of sql/0202_chain_reports.sql): a
 * commune's yearly report to its province, a province's to the nation.
 *
 * The steps are core/workflow.h's wf_report (submit, return with a
 * comment, accept; a returned report is submitted again) and who may take
 * them core/access.h's SEND and RECEIVE: here they are checked, the state
 * read and changed in one transaction, and every step kept.  A submission
 * carries a file (the yearly report as generated, DOCX, or the signed
 * copy, PDF; checked by its bytes with formats/attachment.h) and the
 * figures as they stood, as JSON (report/chainreport.h makes both): an
 * accepted report is locked with them, whatever values change later.
 */
#ifndef GEMIS_CHAINREPORTS_H
#define GEMIS_CHAINREPORTS_H

#include <stdbool.h>

#include "core/access.h"
#include "core/chainperiod.h"
#include "core/tree.h"
#include "db.h"
#include "util/arena.h"

/* The unit a unit's report goes to (its parent: the province for a
 * commune, the nation for a province), or -1 for the nation. */
int chain_report_to(const struct tree *t, int unit);

/* The period and deadline of the report of `unit`: those the unit it goes
 * to set for `year` (chain_period_get()), Decree 09/2019's default for the
 * nation, which sends to no one. */
enum gemis_err chain_period_of_report(struct db *db, const struct tree *t, int unit, int year,
				      struct chain_period *p, struct errctx *e);

/* The narrative sections the officials write (migration 0204): each a
 * column of chain_reports, an id in the API and a title for people. */
#define CHAIN_SECTION_COUNT 4
#define CHAIN_SECTION_MAX 8000 /* bytes */
struct chain_section {
	const char *id;   /* "results": the column and the API's key */
	const char *name; /* msgid: "Results achieved" */
};
extern const struct chain_section chain_sections[CHAIN_SECTION_COUNT];

/* One step of a report's history. */
struct chain_step {
	long long id;
	const char *action;      /* wf_report action id */
	const char *state;       /* the state it led to */
	const char *comment;     /* NULL for none */
	long long attachment_id; /* the file a submission sent, 0 for none */
	const char *filename;
	const char *by;
	long long at;
};

/* A unit's report for a year. */
struct chain_report {
	int unit, year;
	int state;               /* wf_report state index; 0: none (not started) */
	long long version;       /* steps taken; 0 before the first */
	long long attachment_id; /* the file last submitted, 0 for none */
	const char *filename;
	bool generated;          /* the file is the report as gemis wrote it */
	const char *figures;     /* JSON array of the figures submitted, or NULL */
	long long first_submitted_at, submitted_at; /* 0 for never */
	const char *submitted_by;
	const char *comment;     /* the last return's comment, or NULL */
	const char *sections[CHAIN_SECTION_COUNT]; /* the narrative, NULL for none */
	struct chain_step *steps; /* oldest first (chain_report_get only) */
	size_t nsteps;
};

/* The report of unit for year, strings in mem; state 0 when none. */
enum gemis_err chain_report_get(struct db *db, const struct tree *t, int unit, int year, struct arena *mem,
				struct chain_report *out, struct errctx *e);

/* The reports of the units that send theirs to `receiver` (its direct
 * sub-units, tree order), one for each, without steps.  *out is allocated
 * in mem. */
enum gemis_err chain_reports_to(struct db *db, const struct tree *t, int receiver, int year, struct arena *mem,
				struct chain_report **out, size_t *n, struct errctx *e);

/* A step to take. */
struct chain_step_in {
	int action;             /* wf_report action index (wf_action_find) */
	long long version;      /* the version the person saw: a stale one is refused */
	const char *comment;    /* required to return */
	/* submit: the file and the figures */
	const char *filename;   /* as sent; may be NULL */
	const void *data;
	size_t len;
	bool generated;
	const char *figures;    /* JSON */
	/* save and submit: the narrative; NULL leaves a section as it is */
	const char *sections[CHAIN_SECTION_COUNT];
};

/* Takes a step on the report of unit for year, by who.  Errors:
 *   GEMIS_EPERM      who may not (wf_report's message);
 *   GEMIS_EINVAL     the unit sends no report (e->where "unit"), a return
 *                    without a comment ("comment"), a submission without
 *                    a file or with one that is not a PDF or DOCX ("file"),
 *                    a narrative section too long (its id);
 *   GEMIS_ECONFLICT  the step does not apply in the report's state, or the
 *                    report changed since `version`.
 * Nothing is written unless everything holds. */
enum gemis_err chain_report_act(struct db *db, const struct tree *t, const struct principal *who, int unit, int year,
				const struct chain_step_in *in, long long now, struct errctx *e);

/* The attachment a step of the report of unit sent (any year): *att its
 * id, name its file name.  GEMIS_ENOTFOUND when the step is not one of the
 * unit's or sent no file. */
enum gemis_err chain_step_file(struct db *db, const struct tree *t, int unit, long long step, long long *att,
			       char *name, size_t nname, struct errctx *e);

#endif
