/*
 * scorecard.c: reading and adding versions of the scorecard's rules
 * (scorecard.h).
 */
#include "scorecard.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

#include "util/banned.h"

/* The rows of one version of a unit's rules (unit_id NULL for the
 * nation's) into *r; *found false when it has none for the year. */
static enum gemis_err read_version(struct db *db, const struct tree *t, int unit, int year, struct sc_rules *r,
				   bool *found, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool nation = t->units[unit].level == LEVEL_NATION;
	int version = -1;

	*found = false;
	err = db_prepare(db, &st, e,
			 nation ? "SELECT version, criterion, weight FROM scorecard_rules WHERE unit_id IS NULL AND ? = 0"
				  " AND since_year <= ? ORDER BY version DESC"
				: "SELECT version, criterion, weight FROM scorecard_rules WHERE unit_id = ? AND since_year <= ?"
				  " ORDER BY version DESC");
	if (err)
		return err;
	db_bindv(st, "ii", nation ? 0LL : t->units[unit].id, (long long)year);
	while (db_next(st)) {
		int v = (int)db_col_int(st, 0), c = sc_criterion_parse(db_col_text(st, 1));

		if (version >= 0 && v != version)
			break;
		if (version < 0) {
			memset(r->weight, 0, sizeof(r->weight));
			r->version = version = v;
			snprintf(r->origin, sizeof(r->origin), "%s", t->units[unit].code);
		}
		if (c >= 0)
			r->weight[c] = db_col_double(st, 2);
		*found = true;
	}
	return db_finalize(st, e);
}

enum gemis_err scorecard_rules_for(struct db *db, const struct tree *t, int unit, int year, struct sc_rules *r,
				   struct errctx *e)
{
	enum gemis_err err;
	bool found = false;
	int u;

	sc_rules_default(r);
	for (u = unit; u >= 0 && t->units[u].level != LEVEL_PROVINCE; u = t->units[u].parent)
		;
	if (u >= 0) {
		err = read_version(db, t, u, year, r, &found, e);
		if (err || found)
			return err;
	}
	return read_version(db, t, tree_find(t, "VN"), year, r, &found, e);
}

enum gemis_err scorecard_rules_set(struct db *db, const struct tree *t, const struct principal *who, int province,
				   int since_year, struct sc_rules *r, long long now, struct errctx *e)
{
	bool nation = t->units[province].level == LEVEL_NATION, found = false, own_tx = !db->in_tx;
	double sum = 0;
	long long last = 0;
	enum gemis_err err;
	int c;

	if ((!nation && t->units[province].level != LEVEL_PROVINCE) || !access_allows(t, who, ACT_PLAN, province, -1) ||
	    (nation && who->role != ROLE_ADMIN))
		return err_set(e, GEMIS_EPERM, "%s", _("only the province's officer (or the admin) sets its scorecard's rules"));
	for (c = 0; c < SC_COUNT; c++) {
		if (r->weight[c] < 0)
			return err_set_at(e, GEMIS_EINVAL, "weights", "%s", _("a weight is 0 or more"));
		sum += r->weight[c];
	}
	if (sum <= 0)
		return err_set_at(e, GEMIS_EINVAL, "weights", "%s", _("at least one weight above 0"));
	err = own_tx ? db_begin(db, e) : GEMIS_OK;
	if (!err)
		err = db_lock_table(db, "scorecard_rules", e);
	if (!err)
		err = nation ? db_query_int(db, e, &last, &found,
					    "SELECT COALESCE(MAX(version), 0) FROM scorecard_rules WHERE unit_id IS NULL", "")
			     : db_query_int(db, e, &last, &found,
					    "SELECT COALESCE(MAX(version), 0) FROM scorecard_rules WHERE unit_id = ?", "i",
					    t->units[province].id);
	r->version = (int)last + 1;
	for (c = 0; !err && c < SC_COUNT; c++)
		err = nation ? db_run(db, e,
				      "INSERT INTO scorecard_rules (unit_id, version, since_year, criterion, weight, set_by, set_at)"
				      " VALUES (NULL, ?, ?, ?, ?, ?, ?)",
				      "iitdti", (long long)r->version, (long long)since_year, sc_criterion_id((enum sc_criterion)c),
				      r->weight[c], who->name, now)
			     : db_run(db, e,
				      "INSERT INTO scorecard_rules (unit_id, version, since_year, criterion, weight, set_by, set_at)"
				      " VALUES (?, ?, ?, ?, ?, ?, ?)",
				      "iiitdti", t->units[province].id, (long long)r->version, (long long)since_year,
				      sc_criterion_id((enum sc_criterion)c), r->weight[c], who->name, now);
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
	snprintf(r->origin, sizeof(r->origin), "%s", t->units[province].code);
	return err;
}
