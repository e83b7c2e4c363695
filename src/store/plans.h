/*
 * plans.h: a unit's plan (targets, agencies, assignments, deadline).
 *
 * A plan arrives as the JSON of docs/plan-json.md (what `gemis plan import`
 * prints).  plan_load() checks it field by field and stores it for the unit
 * named by document.unit.code, superseding that unit's plan in force in the
 * same transaction; superseded plans stay for the history.
 */
#ifndef GEMIS_PLANS_H
#define GEMIS_PLANS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/assess.h"
#include "core/tree.h"
#include "core/validate.h"
#include "db.h"

struct plan_info {
	long long id;
	int unit;          /* tree index */
	size_t ntargets;   /* stored */
	size_t nlocal_new; /* "custom" targets that made a new local indicator */
	size_t nlocal_kept; /* ... that found the unit's one of the same wording */
	size_t nskipped;   /* qualitative "custom" targets (no value), not stored */
	size_t nseries;    /* targets on a category, kept on the indicator's series */
	size_t nwhole;     /* ... on an indicator without breakdowns, kept on it whole */
	bool replaced;     /* a plan was in force before */
	int merged;        /* 1: an amendment merged into the plan in force
			    * (see plan_load()) */
};

/* Checks a plan document; problems go to d with a JSON path as field
 * ("targets[3].direction").  *unit is the tree index of its unit. */
void plan_check(const json_t *plan, const struct tree *t, int *unit, struct diags *d);

/* The targets of a plan on an indicator retired in their year (`gemis
 * indicator retire`), one warning each in w with its JSON path
 * ("targets[3]").  A plan is a signed document: plan_load() stores such a
 * target as signed, and nothing judges it, as no value of the year is
 * taken; the command line warns before storing. */
void plan_retired_targets(const json_t *plan, struct diags *w);

/* Turns the JSON paths of plan_check()'s problems into words of the current
 * language, in front of each message ("target 4 (its indicator), value:
 * must not be negative"; field emptied), for people: pages and the CLI's
 * text.  Machines keep the paths.  plan may be NULL (no indicator names). */
void plan_diags_in_words(const json_t *plan, struct diags *d);

/* Checks and stores.  GEMIS_EINVAL with problems in d when the plan is not
 * valid; nothing is written then.  An amending plan (document.amends) is
 * merged into the plan in force (targets of the same indicator and year
 * replaced, the rest kept; see plans.c).  Increases the data version (store.h).  Joins the
 * caller's transaction when one is open. */
enum gemis_err plan_load(struct db *db, const struct tree *t, const json_t *plan, const char *user,
			 bool demo, struct diags *d, struct plan_info *info, struct errctx *e);

/* The plan that storing `plan` for the unit (tree index) puts in force:
 * plan itself (*out NULL, *merged 0), or an amending plan merged into the
 * plan in force (*merged 1, *out a new object, caller json_decref()s; see
 * plans.c).  An amendment of another plan than
 * the one in force, or of none, is a problem in d.  What a reviewer is
 * shown before applying (report/plandiff.h) is this plan. */
enum gemis_err plan_complete(struct db *db, const struct tree *t, int unit, const json_t *plan, struct diags *d,
			     json_t **out, int *merged, struct errctx *e);

/* Plans uploaded through the web and never applied are kept this long for
 * review, then removed: what the importer made of a document that nobody
 * went on with.  Applied uploads stay, as the provenance of a plan. */
#define PLAN_UPLOAD_KEEP_SECONDS (7 * 86400)
enum gemis_err plan_uploads_purge(struct db *db, long long now, struct errctx *e);

/* Keeps a plan read from an uploaded document (its JSON, compact) for review;
 * *id is the upload's. */
enum gemis_err plan_upload_add(struct db *db, const struct tree *t, int unit, long long user_id,
			       const char *filename, const char *json, long long now, long long *id,
			       struct errctx *e);
/* An upload of the unit not yet applied: its JSON (caller json_decref()s)
 * and file name (caller frees); *plan NULL when there is none. */
enum gemis_err plan_upload_get(struct db *db, const struct tree *t, int unit, long long id,
			       json_t **plan, char **filename, struct errctx *e);
/* Marks an upload applied: it stays as the plan's provenance. */
enum gemis_err plan_upload_applied(struct db *db, long long id, long long now, struct errctx *e);

/* The targets of every plan in force, with .origin set to the unit's tree
 * index; caller frees *out. */
enum gemis_err plans_load_targets(struct db *db, const struct tree *t, struct target **out,
				  size_t *n, struct errctx *e);

/* The targets of a plan document as plans_load_targets() reads them once
 * it is stored (custom and unknown ones left out, and those on a category
 * whose series is not there yet), with .origin = unit; caller frees *out.  The plan must have passed plan_check(). */
enum gemis_err plan_json_targets(const json_t *plan, int unit, struct target **out, size_t *n);

/* A unit's plan in force: the one plan of the unit no later plan has
 * superseded. */
struct plan_current {
	long long id;          /* 0 when the unit has none (nothing else is set) */
	int deadline_day, deadline_month, deadline_year; /* 0 when not set */
	char loaded_by[65];
	long long loaded_at;
	bool demo;
	json_t *doc;           /* the plan's JSON when asked for; caller json_decref()s */
};

/* Reads the unit's plan in force into out (its JSON too when want_doc).
 * Every question about one unit's plan in force comes here. */
enum gemis_err plan_in_force(struct db *db, const struct tree *t, int unit, bool want_doc,
			     struct plan_current *out, struct errctx *e);

/* The id of the unit's plan in force, 0 when none. */
enum gemis_err plan_in_force_id(struct db *db, const struct tree *t, int unit, long long *id,
				struct errctx *e);

/* One version of a unit's plan. */
struct plan_version {
	long long id;
	long long loaded_at;
	long long superseded_at; /* 0: the plan in force */
	char loaded_by[65];
	char number[64];
	char title[256];
	unsigned ntargets;       /* indicators it sets a target for */
};

/* Calls fn for at most max plans of the unit: the one in force first,
 * then the others, most recently superseded first. */
enum gemis_err plans_history(struct db *db, const struct tree *t, int unit, size_t max,
			     enum gemis_err (*fn)(void *ctx, const struct plan_version *v), void *ctx,
			     struct errctx *e);

/* Puts an earlier plan of the unit back in force (the undo of an apply):
 * stores its document again with plan_load(), so the history keeps every
 * step and the replaced plan can be put back in turn.  expect is the id
 * of the plan in force the person saw.
 *   GEMIS_ECONFLICT  another plan is in force now;
 *   GEMIS_ENOTFOUND  id is not an earlier plan of the unit.
 * Joins the caller's transaction when one is open. */
enum gemis_err plan_restore(struct db *db, const struct tree *t, int unit, long long id, long long expect,
			    const char *user, struct diags *d, struct plan_info *info, struct errctx *e);

#endif
