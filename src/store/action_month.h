/*
 * action_month.h: the theme of a commune's Action Month for gender
 * equality and against gender-based violence (15/11 - 15/12), table
 * action_months of sql/0530_action_month.sql.  The campaign's activities
 * are the activity log's (store/activities.h, flagged action_month).
 */
#ifndef GEMIS_STORE_ACTION_MONTH_H
#define GEMIS_STORE_ACTION_MONTH_H

#include <stddef.h>

#include "core/access.h"
#include "core/tree.h"
#include "db.h"

#define ACTION_MONTH_THEME_MAX 400 /* bytes */

/* The theme of the unit's campaign of the year into theme (n bytes, ""
 * when none set) with who set it and when (by may be NULL). */
enum gemis_err action_month_get(struct db *db, const struct tree *t, int unit, int year, char *theme, size_t n,
				char by[65], long long *at, struct errctx *e);

/* Sets (or, with "" or NULL, removes) it as `who`: the focal point or the
 * admin of a commune (access_allows(ACT_APPROVE)); GEMIS_EPERM otherwise,
 * GEMIS_EINVAL (field "theme") for a theme too long or not one line. */
enum gemis_err action_month_set(struct db *db, const struct tree *t, const struct principal *who, int unit,
				int year, const char *theme, long long now, struct errctx *e);

#endif
