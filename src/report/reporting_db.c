/*
 * reporting_db.c: reading the forms on record (the `submissions` table,
 * written by the web workflow in store/submissions.c) and the plans in
 * force, for reporting_compute().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "reporting.h"
#include "store/values.h"

#include "util/banned.h"

enum gemis_err reporting_load(struct db *db, const struct tree *t, int scope, int year,
			      long long now, struct arena *mem, struct rep_result *out,
			      struct errctx *e)
{
	struct rep_input in = {0};
	struct plan_view *pv = NULL;
	struct rep_sub *subs = NULL;
	struct db_stmt *st = NULL;
	size_t npv = 0, nsubs = 0, cap = 0;
	enum gemis_err err;
	char period[8];

	memset(out, 0, sizeof(*out));
	err = plan_views_load(db, t, scope, mem, &pv, &npv, e);
	if (err)
		return err;
	snprintf(period, sizeof(period), "%d", year);
	err = db_prepare(db, &st, e,
			 "SELECT unit_id, agency, status, submitted_at, updated_at FROM submissions"
			 " WHERE period = ? ORDER BY unit_id, agency");
	if (err)
		goto out;
	db_bind_text(st, 1, period);
	while (db_next(st)) {
		long long uid = db_col_int(st, 0);
		int k = agency_find(db_col_text(st, 1));
		const char *status = db_col_text(st, 2);
		struct rep_sub *s;

		if (tree_find_id(t, uid) < 0 || k < 0 || !status ||
		    !tree_contains(t, scope, tree_find_id(t, uid)))
			continue;
		if (nsubs == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct rep_sub *ns = arena_alloc(mem, ncap * sizeof(*ns));

			if (!ns) {
				err = GEMIS_ENOMEM;
				break;
			}
			if (nsubs)
				memcpy(ns, subs, nsubs * sizeof(*ns));
			subs = ns;
			cap = ncap;
		}
		s = &subs[nsubs++];
		s->unit = tree_find_id(t, uid);
		s->agency = k;
		s->status = arena_strdup(mem, status);
		/* a form marked submitted without a time: its last change */
		s->submitted_at = db_col_null(st, 3) ? db_col_int(st, 4) : db_col_int(st, 3);
		if (!s->status) {
			err = GEMIS_ENOMEM;
			break;
		}
	}
	if (err) {
		db_finalize(st, NULL);
		goto out;
	}
	err = db_finalize(st, e);
	if (err)
		goto out;
	in.t = t;
	in.scope = scope;
	in.year = year;
	in.now = now;
	in.plans = pv;
	in.nplans = npv;
	in.subs = subs;
	in.nsubs = nsubs;
	err = reporting_compute(&in, out);
out:
	return err;
}
