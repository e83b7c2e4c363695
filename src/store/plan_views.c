/*
 * plan_views.c: reading the plans in force as reports, reporting
 * completeness and agency templates see them (plan_views.h).
 */
#include "plan_views.h"

#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "store_int.h"

#include "util/banned.h"

enum gemis_err plan_view_init(struct plan_view *p, struct arena *mem)
{
	enum gemis_err err;
	size_t k;

	memset(p, 0, sizeof(*p));
	err = indset_init_in(&p->assigned_all, catalog_n(), mem);
	if (!err)
		err = indset_init_in(&p->targeted, catalog_n(), mem);
	for (k = 0; k < PV_MAX_AGENCIES && !err; k++)
		err = indset_init_in(&p->assigned[k], catalog_n(), mem);
	return err;
}

/* Index of a plan id among pv[0..n) (sorted by id), or -1. */
static long find_plan(const struct plan_view *pv, size_t n, long long id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (pv[mid].id == id)
			return (long)mid;
		if (pv[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int cmp_id(const void *a, const void *b)
{
	const struct plan_view *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static int cmp_unit(const void *a, const void *b)
{
	const struct plan_view *x = a, *y = b;

	return (x->unit > y->unit) - (x->unit < y->unit);
}

/* The agencies each plan in force lists. */
static enum gemis_err load_agencies(struct db *db, struct plan_view *pv, size_t cnt, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT pa.plan_id, pa.agency FROM plan_agencies pa JOIN " SQL_PLANS_IN_FORCE " p"
			 " ON p.id = pa.plan_id");
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	while (db_next(st)) {
		long i = find_plan(pv, cnt, db_col_int(st, 0));
		const char *ag = db_col_text(st, 1);
		int k;

		if (i < 0 || !ag)
			continue;
		if (strcmp(ag, "all") == 0) {
			pv[i].agency_all = true;
			continue;
		}
		k = agency_find(ag);
		if (k >= 0)
			pv[i].agency[k] = true;
	}
	return db_finalize(st, e);
}

/* An agency owes the category series of the indicators it owes. */
static void series_owed(struct plan_view *p)
{
	size_t k;

	indset_add_series(&p->assigned_all);
	for (k = 0; k < PV_MAX_AGENCIES; k++)
		indset_add_series(&p->assigned[k]);
}

/* The indicators each plan in force assigns to each agency. */
static enum gemis_err load_assignments(struct db *db, struct plan_view *pv, size_t cnt, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT a.plan_id, a.agency, a.indicator FROM assignments a JOIN " SQL_PLANS_IN_FORCE " p"
			 " ON p.id = a.plan_id");
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	while (db_next(st)) {
		long i = find_plan(pv, cnt, db_col_int(st, 0));
		const char *ag = db_col_text(st, 1);
		int ind = catalog_find(db_col_text(st, 2)), k;

		if (i < 0 || !ag || ind < 0)
			continue;
		pv[i].has_assignments = true;
		if (strcmp(ag, "all") == 0) {
			indset_add(&pv[i].assigned_all, ind);
			continue;
		}
		k = agency_find(ag);
		if (k >= 0) {
			indset_add(&pv[i].assigned[k], ind);
			/* an agency given indicators has duties even when the
			 * plan's list of agencies forgot it */
			pv[i].agency[k] = true;
		}
	}
	err = db_finalize(st, e);
	for (size_t i = 0; i < cnt && !err; i++)
		series_owed(&pv[i]);
	return err;
}

/* The indicators each plan in force sets a target for. */
static enum gemis_err load_targets(struct db *db, struct plan_view *pv, size_t cnt, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT t.plan_id, t.indicator FROM targets t JOIN " SQL_PLANS_IN_FORCE " p"
			 " ON p.id = t.plan_id");
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	while (db_next(st)) {
		long i = find_plan(pv, cnt, db_col_int(st, 0));
		int ind = catalog_find(db_col_text(st, 1));

		if (i >= 0 && ind >= 0)
			indset_add(&pv[i].targeted, ind);
	}
	return db_finalize(st, e);
}

enum gemis_err plan_views_load(struct db *db, const struct tree *t, int scope, struct arena *mem,
			       struct plan_view **out, size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct plan_view *pv = NULL;
	size_t cap = 0, cnt = 0;
	enum gemis_err err;

	*out = NULL;
	*n = 0;
	if (agency_kind_count > PV_MAX_AGENCIES)
		return err_set(e, GEMIS_ELIMIT, "more agency kinds than the plan view holds");
	err = db_prepare(db, &st, e,
			 "SELECT id, unit_id, number, doc_date, title, signer_name, signer_title,"
			 " period_from, period_to, deadline_day, deadline_month, deadline_year,"
			 " deadline_to, demo FROM " SQL_PLANS_IN_FORCE " p ORDER BY id");
	if (err)
		goto out;
	while (db_next(st)) {
		long long uid = db_col_int(st, 1);
		struct plan_view *p;

		if (tree_find_id(t, uid) < 0 || !tree_contains(t, scope, tree_find_id(t, uid)))
			continue;
		if (cnt == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct plan_view *np = arena_alloc(mem, ncap * sizeof(*np));

			if (!np) {
				err = GEMIS_ENOMEM;
				break;
			}
			if (cnt)
				memcpy(np, pv, cnt * sizeof(*np));
			pv = np;
			cap = ncap;
		}
		p = &pv[cnt++];
		err = plan_view_init(p, mem);
		if (err)
			break;
		p->id = db_col_int(st, 0);
		p->unit = tree_find_id(t, uid);
		p->number = store_dup(mem, db_col_text(st, 2));
		p->date = store_dup(mem, db_col_text(st, 3));
		p->title = store_dup(mem, db_col_text(st, 4));
		p->signer_name = store_dup(mem, db_col_text(st, 5));
		p->signer_title = store_dup(mem, db_col_text(st, 6));
		p->period_from = (int)db_col_int(st, 7);
		p->period_to = (int)db_col_int(st, 8);
		p->dl_day = db_col_null(st, 9) ? 0 : (int)db_col_int(st, 9);
		p->dl_month = db_col_null(st, 10) ? 0 : (int)db_col_int(st, 10);
		p->dl_year = db_col_null(st, 11) ? 0 : (int)db_col_int(st, 11);
		p->dl_to = store_dup(mem, db_col_text(st, 12));
		p->demo = db_col_int(st, 13) != 0;
	}
	if (err) {
		db_finalize(st, NULL);
		goto out;
	}
	err = db_finalize(st, e);
	st = NULL;
	if (err || cnt == 0)
		goto out;
	/* pv is in id order (the query's ORDER BY) for the lookups below */
	qsort(pv, cnt, sizeof(*pv), cmp_id);

	err = load_agencies(db, pv, cnt, e);
	if (!err)
		err = load_assignments(db, pv, cnt, e);
	if (!err)
		err = load_targets(db, pv, cnt, e);
	if (err)
		goto out;
	qsort(pv, cnt, sizeof(*pv), cmp_unit);
	*out = pv;
	*n = cnt;
out:
	db_finalize(st, NULL);
	return err;
}

static int span_cmp(const void *a, const void *b)
{
	const struct plan_span *x = a, *y = b;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return (x->from > y->from) - (x->from < y->from);
}

enum gemis_err plan_spans_load(struct db *db, const struct tree *t, struct arena *mem, struct plan_span **out,
			       size_t *n, struct errctx *e)
{
	struct plan_span *sp = NULL;
	struct db_stmt *st = NULL;
	size_t cap = 0, cnt = 0;
	enum gemis_err err;

	*out = NULL;
	*n = 0;
	err = db_prepare(db, &st, e, "SELECT unit_id, loaded_at, superseded_at, deadline_day, deadline_month FROM plans");
	if (err)
		return err;
	while (db_next(st)) {
		int u = tree_find_id(t, db_col_int(st, 0));

		if (u < 0)
			continue;
		if (cnt == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct plan_span *ns = arena_alloc(mem, ncap * sizeof(*ns));

			if (!ns) {
				db_finalize(st, NULL);
				return GEMIS_ENOMEM;
			}
			if (cnt)
				memcpy(ns, sp, cnt * sizeof(*ns));
			sp = ns;
			cap = ncap;
		}
		sp[cnt].unit = u;
		sp[cnt].from = db_col_int(st, 1);
		sp[cnt].until = db_col_null(st, 2) ? 0 : db_col_int(st, 2);
		sp[cnt].dl_day = db_col_null(st, 3) ? 0 : (int)db_col_int(st, 3);
		sp[cnt].dl_month = db_col_null(st, 4) ? 0 : (int)db_col_int(st, 4);
		cnt++;
	}
	err = db_finalize(st, e);
	if (err)
		return err;
	if (cnt)
		qsort(sp, cnt, sizeof(*sp), span_cmp);
	*out = sp;
	*n = cnt;
	return GEMIS_OK;
}
