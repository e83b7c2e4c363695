/*
 * breakdowns.h: breakdowns beyond sex (issue 17).  A breakdown is a named
 * list of categories that do not overlap (ethnic group: Kinh, minority);
 * breaking an indicator down by one adds a *series* per category to the
 * catalog (core/catalog.h), an indicator of its own that is reported,
 * rolled up and judged like the others.  Sex stays inside each of them.
 */
#ifndef GEMIS_STORE_BREAKDOWNS_H
#define GEMIS_STORE_BREAKDOWNS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "db.h"
#include "util/arena.h"
#include "util/err.h"

#define BREAKDOWN_CATS_MAX 16

struct category_def {
	const char *code, *name_vi, *name_en;
	int age_from, age_to; /* an age group's years, both included; -1 when none */
};

struct breakdown_def {
	const char *code, *name_vi, *name_en;
	bool builtin;
	/* its categories need not cover everybody (docs/breakdowns.md): set by
	 * whoever adds it, and always for age groups that leave an age out */
	bool partial;
	size_t ncat;
	struct category_def cat[BREAKDOWN_CATS_MAX];
};

/* Every breakdown with its categories, in the order they were added; the
 * texts live in mem. */
enum gemis_err breakdowns_list(struct db *db, struct arena *mem, struct breakdown_def **out, size_t *n,
			       struct errctx *e);
/* One breakdown: GEMIS_ENOTFOUND naming "breakdown" when there is none. */
enum gemis_err breakdown_get(struct db *db, struct arena *mem, const char *code, struct breakdown_def *out,
			     struct errctx *e);
/* Checks a breakdown to add: GEMIS_EINVAL naming the field (code, name_vi,
 * categories[N].code, categories[N].age...) when it is wrong, among which
 * two categories with one code and two age groups that overlap. */
enum gemis_err breakdown_check(const struct breakdown_def *b, struct errctx *e);
/* Checks and writes a breakdown; GEMIS_ECONFLICT when its code is taken. */
enum gemis_err breakdown_add(struct db *db, const struct breakdown_def *b, const char *user, struct errctx *e);

/* Breaks the indicator parent down by the breakdown: a series for each of
 * its categories that has none yet, all written or none; *nadded of them.
 * The id of a series is "<parent>__<breakdown>_<category>". */
enum gemis_err indicator_break_down(struct db *db, const char *parent, const char *breakdown, const char *user,
				    size_t *nadded, struct errctx *e);

/* A plan's targets on a category of a breakdown ("breakdown": "ethnicity",
 * "category": "minority", docs/plan-json.md) are those of the indicator's
 * series on it: the series are added where missing (committed at once, or
 * in the caller's transaction when there is one), and *out is a copy of
 * plan whose targets name them, or NULL when none does.  An unknown
 * breakdown or category is a problem in d naming the target's field, and
 * then no series is added.  A
 * target on an indicator that cannot be broken down (counted from the case
 * register) stays on the whole indicator: *nwhole of them; *nseries targets
 * were put on a series. */
struct diags;
enum gemis_err breakdowns_resolve_plan(struct db *db, const json_t *plan, const char *user, struct diags *d,
				       json_t **out, size_t *nseries, size_t *nwhole, struct errctx *e);

#endif
