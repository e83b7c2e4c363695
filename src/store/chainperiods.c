/*
 * chainperiods.c: reading and writing chain_periods (see chainperiods.h).
 */
#include "chainperiods.h"

#include <string.h>
#include <time.h>

#include "util/i18n.h"

#include "util/banned.h"

bool chain_receives(const struct tree *t, int unit)
{
	return unit >= 0 && (size_t)unit < t->n &&
	       (t->units[unit].level == LEVEL_NATION || t->units[unit].level == LEVEL_PROVINCE);
}

static bool read_day(const char *s, struct date *out)
{
	return s && date_parse_iso(s, strlen(s), out);
}

enum gemis_err chain_period_get(struct db *db, const struct tree *t, int unit, int year,
				struct chain_period *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	chain_period_default(year, out);
	err = db_prepare(db, &st, e,
			 "SELECT period_from, period_to, due FROM chain_periods WHERE unit_id = ? AND year = ?");
	if (err)
		return err;
	db_bindv(st, "ii", t->units[unit].id, (long long)year);
	if (db_next(st)) {
		struct chain_period p = *out;

		p.is_default = false;
		if (read_day(db_col_text(st, 0), &p.from) && read_day(db_col_text(st, 1), &p.to)) {
			p.has_due = !db_col_null(st, 2) && read_day(db_col_text(st, 2), &p.due);
			*out = p;
		}
	}
	return db_finalize(st, e);
}

enum gemis_err chain_period_set(struct db *db, const struct tree *t, int unit,
				const struct chain_period *p, const char *by, struct errctx *e)
{
	char from[DATE_TEXT_LEN], to[DATE_TEXT_LEN], due[DATE_TEXT_LEN];
	enum gemis_err err;

	if (!chain_receives(t, unit))
		return err_set_at(e, GEMIS_EINVAL, "unit", _("%s receives no reports: only the nation and the provinces do"),
				  t->units[unit].name);
	err = chain_period_check(p, e);
	if (err)
		return err;
	date_format_iso(p->from, from);
	date_format_iso(p->to, to);
	if (p->has_due)
		date_format_iso(p->due, due);
	return db_run(db, e,
		      "INSERT INTO chain_periods (unit_id, year, period_from, period_to, due, set_by, set_at)"
		      " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, year) DO UPDATE SET"
		      " period_from = excluded.period_from, period_to = excluded.period_to,"
		      " due = excluded.due, set_by = excluded.set_by, set_at = excluded.set_at",
		      "iitttti", t->units[unit].id, (long long)p->year, from, to, p->has_due ? due : NULL, by,
		      (long long)time(NULL));
}
