/*
 * action_month.c: reading and writing action_months (see action_month.h).
 */
#include "action_month.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

#include "util/banned.h"

enum gemis_err action_month_get(struct db *db, const struct tree *t, int unit, int year, char *theme, size_t n,
				char by[65], long long *at, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	theme[0] = '\0';
	if (by)
		by[0] = '\0';
	if (at)
		*at = 0;
	err = db_prepare(db, &st, e, "SELECT theme, set_by, set_at FROM action_months WHERE unit_id = ? AND year = ?");
	if (err)
		return err;
	db_bindv(st, "ii", t->units[unit].id, (long long)year);
	if (db_next(st)) {
		snprintf(theme, n, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
		if (by)
			snprintf(by, 65, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
		if (at)
			*at = db_col_int(st, 2);
	}
	return db_finalize(st, e);
}

enum gemis_err action_month_set(struct db *db, const struct tree *t, const struct principal *who, int unit,
				int year, const char *theme, long long now, struct errctx *e)
{
	if (!access_allows(t, who, ACT_APPROVE, unit, -1))
		return err_set(e, GEMIS_EPERM, "%s", _("only the commune's focal point sets the theme of its Action Month"));
	if (theme && strlen(theme) > ACTION_MONTH_THEME_MAX)
		return err_set_at(e, GEMIS_EINVAL, "theme", _("the theme is longer than %d bytes"), ACTION_MONTH_THEME_MAX);
	if (theme && strpbrk(theme, "\r\n\t"))
		return err_set_at(e, GEMIS_EINVAL, "theme", "%s", _("the theme is one line"));
	if (!theme || !*theme)
		return db_run(db, e, "DELETE FROM action_months WHERE unit_id = ? AND year = ?", "ii", t->units[unit].id,
			      (long long)year);
	return db_run(db, e,
		      "INSERT INTO action_months (unit_id, year, theme, set_by, set_at) VALUES (?, ?, ?, ?, ?)"
		      " ON CONFLICT (unit_id, year) DO UPDATE SET theme = excluded.theme, set_by = excluded.set_by,"
		      " set_at = excluded.set_at",
		      "iitti", t->units[unit].id, (long long)year, theme, who->name, now);
}
