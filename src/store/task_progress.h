/*
 * task_progress.h: what agencies record on their tasks (tables
 * task_progress and task_evidence of sql/0511_task_progress.sql, the files
 * in attachments).
 *
 * A record is one agency's status of one task for one period (a year or a
 * quarter; core/tasks.h), a note of what was done, the reason when it could
 * not be done, and evidence files.  Records are only ever added: the latest
 * of (unit, task, agency, period) is the state, the earlier ones are its
 * history, with who and when.  Rules of task_record():
 *   - who: access_allows(ACT_ENTER) for the unit and the agency (a reporter
 *     for its own agency, the focal point and admin for any), and the agency
 *     leads or joins the task (a task led by "all" is every agency's);
 *   - the version is the id of the latest record the person saw (0: none):
 *     a record made on an older one is refused, naming who changed it and
 *     when, instead of silently replacing it;
 *   - locks: while the agency's form for the year is approved
 *     (store/submissions.h), its results for that year went up with it and
 *     are refused until the focal point reopens the form;
 *   - evidence: each file is checked by its bytes (formats/attachment.h);
 *     one bad file refuses the whole record, nothing is half-stored.
 */
#ifndef GEMIS_STORE_TASK_PROGRESS_H
#define GEMIS_STORE_TASK_PROGRESS_H

#include <stdbool.h>

#include "core/access.h"
#include "core/tasks.h"
#include "core/tree.h"
#include "core/validate.h"
#include "db.h"
#include "formats/attachment.h"
#include "tasks.h"
#include "util/arena.h"

#define TASK_REASON_MAX 1000
#define TASK_NOTE_MAX 4000
#define TASK_FILES_MAX 5

struct task_file_in {
	const char *name; /* as sent; kept for people, never used as a path */
	const void *data;
	size_t len;
};

struct task_update {
	const char *uid;
	int agency;             /* agency kind index (core/catalog.h) */
	period_t period;        /* a year or a quarter */
	enum task_status status;
	const char *reason;     /* required for TS_NOT_DONE */
	const char *note;       /* what was done; may be NULL */
	long long version;      /* id of the latest record the person saw; 0: none */
	const struct task_file_in *files;
	size_t nfiles;
};

/* Adds a record as `who` at time `now` (rules above).
 *   GEMIS_EPERM      who may not record for this agency of this unit;
 *   GEMIS_ENOTFOUND  no task with that uid in the unit's plan in force;
 *   GEMIS_EINVAL     problems in d (field "status", "reason", "note",
 *                    "period", "agency" or "file", messages naming the file);
 *   GEMIS_ECONFLICT  a newer record than the version, or a locked year
 *                    (message in e).
 * *id gets the new record's id.  Nothing is written unless GEMIS_OK. */
enum gemis_err task_record(struct db *db, const struct tree *t, const struct principal *who, int unit,
			   const struct task_update *u, long long now, struct diags *d, long long *id,
			   struct errctx *e);

struct task_file {
	long long id;      /* attachment id */
	const char *name;
	enum att_kind kind;
	long long size;
};

struct task_rec {
	long long id;
	char uid[TASK_UID_CHARS + 1];
	int agency;        /* kind index, -1 for one not of a commune */
	const char *agency_id;
	period_t period;
	enum task_status status;
	const char *reason, *note; /* NULL when none */
	char by[65];
	long long at;
	struct task_file *files;
	size_t nfiles;
};

struct task_recs {
	struct arena mem;
	struct task_rec *r; /* oldest first */
	size_t n;
};

/* The records of the unit for periods of years up to `year` (all years
 * when 0), of one task when uid is not NULL, with their files.
 * task_recs_release() frees them, also after a failure. */
enum gemis_err task_records(struct db *db, const struct tree *t, int unit, const char *uid, int year,
			    struct task_recs *out, struct errctx *e);
void task_recs_release(struct task_recs *rs);

/* The state of agency (kind id) on task x for `year`: its latest record
 * for the year or one of its quarters; for a task due once before the
 * year began, its latest record of any year before.  NULL when it recorded
 * nothing (not started). */
const struct task_rec *task_state(const struct task_recs *rs, const struct task *x, const char *agency,
				  int year);

/* The status of task x for the year from its leads' states (every agency
 * of the unit that recorded on a task led by "all"). */
enum task_status task_overall(const struct task_recs *rs, const struct task *x, int year);

/* True when the agency's form of the year is approved, which locks its
 * task results of that year. */
enum gemis_err task_year_locked(struct db *db, const struct tree *t, int unit, const char *agency, int year,
				bool *locked, struct errctx *e);

/* The file name under which attachment att was attached to a record of
 * the unit, into name (n bytes); GEMIS_ENOTFOUND when no record of the
 * unit has it (so that a file is read only through a unit one may read). */
enum gemis_err task_evidence_in_unit(struct db *db, const struct tree *t, int unit, long long att, char *name,
				     size_t n, struct errctx *e);

#endif
