/*
 * activities.h: the activity log (tables activities and activity_history
 * of sql/0520_activities.sql) and the indicators it gives (core/activities.h).
 *
 * An agency of a commune logs what it did: a news item, a programme, an
 * event, a training, a conference, a home visit, a mediation session, on
 * a day, with its channel, title, the village or group reached, the
 * participants by sex where counted, the task it serves and whether it
 * belongs to the Action Month.  Who may: access_allows(ACT_ENTER) for the
 * unit and the activity's agency (a reporter its own agency's activities,
 * the focal point and admin all of the commune's).  Every change is kept
 * in the history; a change made on an older version is refused.  A write
 * tells the engine which unit changed (store_values_changed()), so that
 * dashboards count it at once.
 */
#ifndef GEMIS_STORE_ACTIVITIES_H
#define GEMIS_STORE_ACTIVITIES_H

#include <stdbool.h>

#include "core/access.h"
#include "core/activities.h"
#include "core/dataset.h"
#include "core/tree.h"
#include "core/validate.h"
#include "db.h"
#include "formats/activities_csv.h"
#include "tasks.h"

#define ACTIVITIES_IMPORT_MAX 20000

struct activity {
	long long id;          /* 0: not stored yet */
	int unit;              /* tree index */
	int agency;            /* agency kind index */
	struct date day;
	enum act_kind kind;
	enum act_channel channel;
	char title[ACT_TITLE_MAX + 1];
	char place[ACT_PLACE_MAX + 1];
	int women, men;        /* -1: not counted */
	char task_uid[TASK_UID_CHARS + 1]; /* "" for none */
	bool action_month;
	char client_key[65];   /* new ones: the key the person's browser drew, "" for none */
	bool was_there;        /* set by activity_save: the key's activity was stored before */
	long long version;     /* the version the person saw (edits); the stored one (reads) */
	char created_by[65], updated_by[65];
	long long created_at, updated_at;
};

/* Checks an activity's own fields (title, place, the day not after
 * `today`, participants); problems go to d at `line` with the CSV's
 * column names as fields. */
void activity_check(const struct activity *a, struct date today, long line, struct diags *d);

/* Adds (a->id 0) or changes an activity as `who`; a->id and a->version get
 * the stored ones.  An activity added with a client_key that the unit
 * already has is not added again: a->id is the stored one's, a->was_there
 * true (the same entry sent twice from a weak line).  GEMIS_EPERM (not this agency or unit), GEMIS_EINVAL
 * (problems in d: fields, or a task that is not the agency's in the plan
 * in force), GEMIS_ENOTFOUND (no such activity in the unit),
 * GEMIS_ECONFLICT (changed since a->version, naming who and when).
 * Nothing is written unless GEMIS_OK. */
enum gemis_err activity_save(struct db *db, const struct tree *t, const struct principal *who,
			     struct activity *a, struct date today, long long now, struct diags *d,
			     struct errctx *e);

/* Marks an activity of the unit deleted (kept for the history). */
enum gemis_err activity_delete(struct db *db, const struct tree *t, const struct principal *who, int unit,
			       long long id, long long version, long long now, struct errctx *e);

/* One activity of the unit (deleted ones are not found). */
enum gemis_err activity_get(struct db *db, const struct tree *t, int unit, long long id, struct activity *out,
			    struct errctx *e);

struct activity_list {
	struct activity *a;
	size_t n;
};

/* The unit's activities of a year (and quarter 1..4, or 0 for all; of one
 * agency kind index, or -1), newest day first.  Caller releases. */
enum gemis_err activities_list(struct db *db, const struct tree *t, int unit, int year, int quarter, int agency,
			       struct activity_list *out, struct errctx *e);
void activity_list_release(struct activity_list *l);

struct activity_change {
	char action[16];
	char by[65];
	long long at;
	const char *what; /* JSON; borrowed during the call */
};

/* Calls fn for each change of an activity of the unit, oldest first. */
enum gemis_err activity_history(struct db *db, const struct tree *t, int unit, long long id,
				enum gemis_err (*fn)(void *ctx, const struct activity_change *c), void *ctx,
				struct errctx *e);

/* Adds many activities as `who`, all or nothing: every row is checked
 * (line numbers are the rows' own, a->id 0), and one problem anywhere
 * stores none.  With dry_run only checks.  *added gets how many were (or
 * would be) added.  GEMIS_EINVAL with the problems in d. */
enum gemis_err activities_import(struct db *db, const struct tree *t, const struct principal *who,
				 struct activity *rows, const long *lines, size_t n, bool dry_run, struct date today,
				 long long now, struct diags *d, size_t *added, struct errctx *e);

/* The activities of rows read from a file (formats/activities_csv.h): the
 * unit by its code (default_unit, a tree index, when the file has none),
 * the agency (default_agency, a kind index or -1, when the file has none),
 * the task by its number in the unit's plan in force ("1.a", "2.1") or its
 * uid, the channel and the Action Month from the kind and the date when
 * not given.  *out and *lines (caller frees both) get n entries; problems
 * go to d by line. */
enum gemis_err activities_from_rows(struct db *db, const struct tree *t, int default_unit, int default_agency,
				    const struct act_row *rows, size_t n, struct activity **out, long **lines,
				    struct diags *d, struct errctx *e);

/* The log's indicators into the dataset, for every commune that keeps a
 * log (replacing typed values of the same cells), and the same for one
 * unit (v->unit), for a snapshot applied in place (store/snapshot.h). */
enum gemis_err activities_load(struct db *db, const struct tree *t, struct dataset *ds, struct errctx *e);
enum gemis_err activities_load_unit(struct db *db, const struct tree *t, struct unit_values *v,
				    struct errctx *e);

/* Sets mark[u] (t->n bytes, tree indexes) for every unit with an activity
 * logged in the year (removed ones included). */
enum gemis_err activities_units(struct db *db, const struct tree *t, int year, unsigned char *mark,
				struct errctx *e);

/* A quarter of the log beside what was typed for it. */
struct log_quarter {
	bool kept;            /* the commune logged anything in the quarter */
	unsigned news;        /* news items logged */
	unsigned programmes;  /* months with a programme logged */
	unsigned months;      /* months counted (up to the last with anything logged) */
	bool typed;           /* a value of news_items_per_quarter was typed for it */
	double typed_news;
	bool differs;         /* kept and typed, and the two differ */
};

/* The four quarters of the unit's year: the log's counts and the numbers
 * typed for news_items_per_quarter (datavalues), never one chosen silently
 * for the other. */
enum gemis_err activity_log_compare(struct db *db, const struct tree *t, int unit, int year,
				    struct log_quarter q[4], struct errctx *e);

#endif
