/*
 * inspections.c: reading and writing inspections and recommendations (see
 * inspections.h).
 */
#include "inspections.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/workflow.h"
#include "util/i18n.h"

#include "util/banned.h"

#define INSP_COLS \
	"id, unit_id, year, body, agency, subject, planned_from, planned_to, held_on, findings, version," \
	" created_by, updated_by, updated_at"

/* A store_read_fn: the inspection of a row of INSP_COLS into out. */
static int read_inspection(struct db_stmt *st, const struct tree *t, struct arena *mem, void *out)
{
	struct inspection *x = out;
	const char *ag = db_col_text(st, 4), *held = db_col_text(st, 8);

	memset(x, 0, sizeof(*x));
	x->id = db_col_int(st, 0);
	x->unit = tree_find_id(t, db_col_int(st, 1));
	x->f.year = (int)db_col_int(st, 2);
	x->f.body = insp_body_parse(db_col_text(st, 3));
	x->f.agency = ag ? agency_find(ag) : -1;
	x->f.subject = store_dup(mem, db_col_text(st, 5));
	x->f.from = store_day(db_col_text(st, 6));
	x->f.to = store_day(db_col_text(st, 7));
	x->f.held = held != NULL;
	x->f.held_on = store_day(held);
	x->f.findings = store_dup(mem, db_col_text(st, 9));
	x->version = db_col_int(st, 10);
	x->created_by = store_dup(mem, db_col_text(st, 11));
	x->updated_by = store_dup(mem, db_col_text(st, 12));
	x->updated_at = db_col_int(st, 13);
	return x->unit;
}

#define REC_COLS "r.id, r.inspection_id, r.unit_id, r.text, r.agency, r.due, r.state, r.comment, r.version," \
		 " r.updated_by, r.updated_at"

/* A store_read_fn: the recommendation of a row of REC_COLS into out. */
static int read_rec(struct db_stmt *st, const struct tree *t, struct arena *mem, void *out)
{
	struct recommendation *x = out;

	memset(x, 0, sizeof(*x));
	x->id = db_col_int(st, 0);
	x->inspection_id = db_col_int(st, 1);
	x->unit = tree_find_id(t, db_col_int(st, 2));
	x->text = store_dup(mem, db_col_text(st, 3));
	x->agency = agency_find(db_col_text(st, 4) ? db_col_text(st, 4) : "");
	x->due = store_day(db_col_text(st, 5));
	x->state = wf_state_find(&wf_recommendation, db_col_text(st, 6) ? db_col_text(st, 6) : "");
	x->comment = store_dup(mem, db_col_text(st, 7));
	x->version = db_col_int(st, 8);
	x->updated_by = store_dup(mem, db_col_text(st, 9));
	x->updated_at = db_col_int(st, 10);
	return x->unit;
}

static enum gemis_err load_inspections(struct db *db, const struct tree *t, int unit, int year, struct arena *mem,
				       struct inspection **out, size_t *n, struct errctx *e)
{
	void *v = NULL;
	enum gemis_err err;

	err = store_unit_list(db, t, unit, year,
			      "SELECT " INSP_COLS " FROM inspections WHERE year = ? AND unit_id = ? ORDER BY planned_from, id",
			      "SELECT " INSP_COLS " FROM inspections WHERE year = ? ORDER BY planned_from, id",
			      read_inspection, sizeof(**out), mem, &v, n, e);
	*out = v;
	return err;
}

static int by_id(const void *a, const void *b)
{
	long long x = (*(struct inspection *const *)a)->id, y = (*(struct inspection *const *)b)->id;

	return (x > y) - (x < y);
}

static struct inspection *find_by_id(struct inspection **idx, size_t n, long long id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (idx[mid]->id == id)
			return idx[mid];
		if (idx[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Gives each inspection of v its recommendations: counted first, then
 * placed, so that each gets one array. */
static enum gemis_err attach_recs(struct inspection *v, size_t n, struct recommendation *r, size_t nr,
				  struct arena *mem, struct errctx *e)
{
	struct inspection **idx = arena_alloc(mem, (n ? n : 1) * sizeof(*idx));
	size_t i;

	if (!idx)
		return store_no_memory(e);
	for (i = 0; i < n; i++)
		idx[i] = &v[i];
	qsort(idx, n, sizeof(*idx), by_id);
	for (i = 0; i < nr; i++) {
		struct inspection *x = find_by_id(idx, n, r[i].inspection_id);

		if (x)
			x->nrecs++;
	}
	for (i = 0; i < n; i++) {
		v[i].recs = v[i].nrecs ? arena_alloc(mem, v[i].nrecs * sizeof(*v[i].recs)) : NULL;
		if (v[i].nrecs && !v[i].recs)
			return store_no_memory(e);
		v[i].nrecs = 0;
	}
	for (i = 0; i < nr; i++) {
		struct inspection *x = find_by_id(idx, n, r[i].inspection_id);

		if (x)
			x->recs[x->nrecs++] = r[i];
	}
	return GEMIS_OK;
}

static enum gemis_err load_recs(struct db *db, const struct tree *t, int unit, int year, long long inspection,
				struct arena *mem, struct recommendation **out, size_t *n, struct errctx *e)
{
	bool one = t->units[unit].first_child < 0;
	struct db_stmt *st = NULL;
	struct recommendation *v = NULL;
	size_t cap = 0;
	enum gemis_err err;

	if (inspection)
		err = db_prepare(db, &st, e,
				 "SELECT " REC_COLS " FROM recommendations r WHERE r.inspection_id = ? ORDER BY r.id");
	else if (one)
		err = db_prepare(db, &st, e,
				 "SELECT " REC_COLS " FROM recommendations r JOIN inspections i ON i.id = r.inspection_id"
				 " WHERE i.year = ? AND i.unit_id = ? ORDER BY r.id");
	else
		err = db_prepare(db, &st, e,
				 "SELECT " REC_COLS " FROM recommendations r JOIN inspections i ON i.id = r.inspection_id"
				 " WHERE i.year = ? ORDER BY r.id");
	if (err)
		return err;
	if (inspection)
		db_bind_int(st, 1, inspection);
	else
		db_bind_int(st, 1, year);
	if (!inspection && one)
		db_bind_int(st, 2, t->units[unit].id);
	while (db_next(st)) {
		v = store_grow(mem, v, *n, &cap, sizeof(*v));
		if (!v) {
			db_finalize(st, NULL);
			return store_no_memory(e);
		}
		read_rec(st, t, mem, &v[*n]);
		(*n)++;
	}
	*out = v;
	return db_finalize(st, e);
}

enum gemis_err inspections_list(struct db *db, const struct tree *t, int unit, int year, struct arena *mem,
				struct inspection **out, size_t *n, struct errctx *e)
{
	struct recommendation *r = NULL;
	size_t nr = 0;
	enum gemis_err err;

	*out = NULL;
	*n = 0;
	err = load_inspections(db, t, unit, year, mem, out, n, e);
	if (!err)
		err = load_recs(db, t, unit, year, 0, mem, &r, &nr, e);
	if (!err)
		err = attach_recs(*out, *n, r, nr, mem, e);
	return err;
}

/* The inspection alone (no recommendations). */
static enum gemis_err get_one(struct db *db, const struct tree *t, int unit, long long id, struct arena *mem,
			      struct inspection *out, struct errctx *e)
{
	return store_unit_get(db, t, unit, id, "SELECT " INSP_COLS " FROM inspections WHERE id = ? AND unit_id = ?", read_inspection,
			      mem, out, e, _("%s has no inspection %lld"), t->units[unit].code, id);
}

enum gemis_err inspection_get(struct db *db, const struct tree *t, int unit, long long id, struct arena *mem,
			      struct inspection *out, struct errctx *e)
{
	struct recommendation *r = NULL;
	size_t nr = 0, i;
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	err = get_one(db, t, unit, id, mem, out, e);
	if (!err)
		err = load_recs(db, t, unit, out->f.year, id, mem, &r, &nr, e);
	for (i = 0; !err && i < nr; i++)
		err = store_steps_load(db, mem,
				       "SELECT action, state, comment, by_name, at FROM recommendation_steps"
				       " WHERE recommendation_id = ? ORDER BY id",
				       r[i].id, &r[i].steps, &r[i].nsteps, e);
	if (!err) {
		out->recs = r;
		out->nrecs = nr;
	}
	return err;
}

static enum gemis_err refuse_body(const struct tree *t, int unit, int body, struct errctx *e)
{
	return err_set(e, GEMIS_EPERM, _("you may not record inspections by %s of %s"),
		       body >= 0 && body < IB_COUNT ? insp_body_name((enum insp_body)body) : "?", t->units[unit].code);
}

static void bind_fields(struct db_stmt *st, const struct insp_fields *f, int first)
{
	char from[DATE_TEXT_LEN], to[DATE_TEXT_LEN], held[DATE_TEXT_LEN];

	date_format_iso(f->from, from);
	date_format_iso(f->to, to);
	date_format_iso(f->held_on, held);
	db_bind_text(st, first, insp_body_id((enum insp_body)f->body));
	db_bind_text(st, first + 1, f->agency >= 0 ? agency_kinds[f->agency].id : NULL);
	db_bind_text(st, first + 2, f->subject);
	db_bind_text(st, first + 3, from);
	db_bind_text(st, first + 4, to);
	db_bind_text(st, first + 5, f->held ? held : NULL);
	db_bind_text(st, first + 6, f->findings && *f->findings ? f->findings : NULL);
}

static enum gemis_err insert(struct db *db, const struct tree *t, struct inspection *x, const char *by,
			     long long now, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "INSERT INTO inspections (unit_id, year, body, agency, subject, planned_from, planned_to,"
			 " held_on, findings, version, created_by, created_at, updated_by, updated_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bind_int(st, 1, t->units[x->unit].id);
	db_bind_int(st, 2, x->f.year);
	bind_fields(st, &x->f, 3);
	err = store_insert_stamped(st, 10, by, now, &x->id, e);
	if (x->id)
		x->version = 1;
	return err;
}

static enum gemis_err update(struct db *db, const struct tree *t, const struct principal *who,
			     struct inspection *x, long long now, struct errctx *e)
{
	struct arena mem;
	struct inspection cur;
	struct db_stmt *st = NULL;
	enum gemis_err err;

	arena_init(&mem, 0);
	err = get_one(db, t, x->unit, x->id, &mem, &cur, e);
	if (!err && !access_inspection_body(t, who, x->unit, cur.f.body))
		err = refuse_body(t, x->unit, cur.f.body, e);
	if (!err && cur.version != x->version)
		err = store_stale(cur.updated_by, cur.updated_at, e);
	if (!err && cur.f.year != x->f.year)
		err = err_set_at(e, GEMIS_EINVAL, "year", "%s", _("an inspection stays in the year of its plan"));
	if (!err)
		err = db_prepare(db, &st, e,
				 "UPDATE inspections SET body = ?, agency = ?, subject = ?, planned_from = ?, planned_to = ?,"
				 " held_on = ?, findings = ?, version = version + 1, updated_by = ?, updated_at = ?"
				 " WHERE id = ? AND version = ?");
	if (!err) {
		bind_fields(st, &x->f, 1);
		db_bind_text(st, 8, who->name);
		db_bind_int(st, 9, now);
		db_bind_int(st, 10, x->id);
		db_bind_int(st, 11, cur.version);
		err = db_step_done(st, e);
		if (!err && db_changes(st) != 1)
			err = store_stale(cur.updated_by, cur.updated_at, e);
		db_finalize(st, NULL);
		x->version = cur.version + 1;
	}
	arena_release(&mem);
	return err;
}

enum gemis_err inspection_save(struct db *db, const struct tree *t, const struct principal *who,
			       struct inspection *x, struct date today, long long now, struct diags *d,
			       struct errctx *e)
{
	enum gemis_err err;
	bool own;

	if (x->unit < 0 || (size_t)x->unit >= t->n)
		return err_set(e, GEMIS_EINVAL, "bad inspection");
	if (!access_allows(t, who, ACT_INSPECT, x->unit, -1))
		return err_set(e, GEMIS_EPERM, _("you may not record inspections of %s"), t->units[x->unit].code);
	insp_check(&x->f, today, d);
	if (d->total > 0)
		return err_set(e, GEMIS_EINVAL,
			       ngettext_("%zu problem in the inspection; nothing was saved",
					 "%zu problems in the inspection; nothing was saved", d->total),
			       d->total);
	if (!access_inspection_body(t, who, x->unit, x->f.body))
		return refuse_body(t, x->unit, x->f.body, e);
	if (x->id == 0)
		return insert(db, t, x, who->name, now, e);
	err = store_tx_begin(db, &own, e);
	if (err)
		return err;
	return store_tx_end(db, own, update(db, t, who, x, now, e), e);
}

static enum gemis_err step(struct db *db, long long rec, const char *action, const char *state, const char *comment,
			   const char *by, long long now, struct errctx *e)
{
	return db_run(db, e,
		      "INSERT INTO recommendation_steps (recommendation_id, action, state, comment, by_name, at)"
		      " VALUES (?, ?, ?, ?, ?, ?)",
		      "itttti", rec, action, state, comment, by, now);
}

/* The inspection a recommendation hangs on, and whether who may act for
 * its inspecting body. */
static enum gemis_err inspector_check(struct db *db, const struct tree *t, const struct principal *who, int unit,
				      long long inspection, struct arena *mem, struct inspection *x, struct errctx *e)
{
	enum gemis_err err = get_one(db, t, unit, inspection, mem, x, e);

	if (!err && !access_inspection_body(t, who, unit, x->f.body))
		err = refuse_body(t, unit, x->f.body, e);
	return err;
}

static enum gemis_err insert_rec(struct db *db, const struct tree *t, int unit, long long inspection,
				 const struct rec_fields *f, const char *by, long long now, long long *id,
				 struct errctx *e)
{
	struct db_stmt *st = NULL;
	char due[DATE_TEXT_LEN];
	enum gemis_err err;

	date_format_iso(f->due, due);
	err = db_prepare(db, &st, e,
			 "INSERT INTO recommendations (inspection_id, unit_id, text, agency, due, state, version,"
			 " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, 'issued', 1, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bindv(st, "iitttti", inspection, t->units[unit].id, f->text, agency_kinds[f->agency].id, due, by, now);
	if (db_next(st))
		*id = db_col_int(st, 0);
	err = db_finalize(st, e);
	if (!err)
		err = step(db, *id, wf_action_id(&wf_recommendation, REC_ISSUE), "issued", NULL, by, now, e);
	return err;
}

enum gemis_err recommendation_issue(struct db *db, const struct tree *t, const struct principal *who, int unit,
				    long long inspection, const struct rec_fields *f, long long now,
				    long long *id, struct diags *d, struct errctx *e)
{
	struct arena mem;
	struct inspection x;
	enum gemis_err err;
	bool own;

	*id = 0;
	err = wf_check_request(&wf_recommendation, t, who, REC_ISSUE, unit, -1, NULL, e);
	if (err)
		return err;
	arena_init(&mem, 0);
	err = store_tx_begin(db, &own, e);
	if (!err) {
		err = inspector_check(db, t, who, unit, inspection, &mem, &x, e);
		if (!err) {
			rec_check(f, x.f.held, x.f.held_on, d);
			if (d->total > 0)
				err = err_set(e, GEMIS_EINVAL,
					      ngettext_("%zu problem in the recommendation; nothing was saved",
							"%zu problems in the recommendation; nothing was saved", d->total),
					      d->total);
		}
		if (!err)
			err = insert_rec(db, t, unit, inspection, f, who->name, now, id, e);
		err = store_tx_end(db, own, err, e);
	}
	arena_release(&mem);
	return err;
}

enum gemis_err recommendation_get(struct db *db, const struct tree *t, int unit, long long id, struct arena *mem,
				  struct recommendation *x, struct errctx *e)
{
	return store_unit_get(db, t, unit, id, "SELECT " REC_COLS " FROM recommendations r WHERE r.id = ? AND r.unit_id = ?",
			      read_rec, mem, x, e, _("%s has no recommendation %lld"), t->units[unit].code, id);
}

/* The step, once the request, the recommendation's state and version and
 * who may act for it are checked; inside the transaction. */
static enum gemis_err act_locked(struct db *db, const struct tree *t, const struct principal *who, int unit,
				 long long id, int a, long long version, const char *comment, long long now,
				 struct arena *mem, long long *inspection, struct errctx *e)
{
	struct recommendation x;
	struct inspection insp;
	enum gemis_err err;
	int to = -1;

	err = recommendation_get(db, t, unit, id, mem, &x, e);
	if (!err && inspection)
		*inspection = x.inspection_id;
	if (!err)
		err = wf_check_request(&wf_recommendation, t, who, a, unit, x.agency, comment, e);
	/* rejecting and closing are the inspectors' */
	if (!err && a != REC_FOLLOW_UP)
		err = inspector_check(db, t, who, unit, x.inspection_id, mem, &insp, e);
	if (!err)
		err = wf_check_state(&wf_recommendation, x.state, a, &to, e);
	if (!err && x.version != version)
		err = store_stale(x.updated_by, x.updated_at, e);
	if (!err)
		err = db_run(db, e,
			     "UPDATE recommendations SET state = ?, comment = ?, version = version + 1, updated_by = ?,"
			     " updated_at = ? WHERE id = ?",
			     "tttii", wf_state_id(&wf_recommendation, to), comment && *comment ? comment : x.comment,
			     who->name, now, id);
	if (!err)
		err = step(db, id, wf_action_id(&wf_recommendation, a), wf_state_id(&wf_recommendation, to),
			   comment && *comment ? comment : NULL, who->name, now, e);
	return err;
}

enum gemis_err recommendation_act(struct db *db, const struct tree *t, const struct principal *who, int unit,
				  long long id, int a, long long version, const char *comment, long long now,
				  long long *inspection, struct errctx *e)
{
	struct arena mem;
	enum gemis_err err;
	bool own;

	if (a < 0 || a == REC_ISSUE || (size_t)a >= wf_recommendation.nactions)
		return err_set_at(e, GEMIS_EINVAL, "action", "%s", _("unknown action: follow_up, reject or close"));
	/* 403 before anything is read: an account that may take the step on
	 * no recommendation of the unit learns nothing of which exist */
	if (!wf_permitted(&wf_recommendation, t, who, a, unit, who->agency))
		return err_set(e, GEMIS_EPERM, "%s", _(wf_recommendation.not_allowed));
	if (comment && strlen(comment) > REC_TEXT_MAX)
		return err_set_at(e, GEMIS_EINVAL, "comment", _("longer than %d bytes"), REC_TEXT_MAX);
	arena_init(&mem, 0);
	err = store_tx_begin(db, &own, e);
	if (!err)
		err = store_tx_end(db, own, act_locked(db, t, who, unit, id, a, version, comment, now, &mem, inspection, e), e);
	arena_release(&mem);
	return err;
}

void inspections_sum(const struct tree *t, int unit, const struct inspection *v, size_t n, struct date today,
		     struct insp_sum *s)
{
	unsigned char *seen = NULL;
	size_t i, k;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < t->n; i++) {
		enum unit_level lv = t->units[i].level;

		if ((lv == LEVEL_COMMUNE || lv == LEVEL_WARD || lv == LEVEL_SPECIAL_ZONE) && tree_contains(t, unit, (int)i))
			s->communes++;
	}
	seen = calloc(t->n ? t->n : 1, 1);
	for (i = 0; i < n; i++) {
		const struct inspection *x = &v[i];

		s->planned++;
		if (x->f.body >= 0 && x->f.body < IB_COUNT)
			s->by_body[x->f.body]++;
		if (x->f.held) {
			s->held++;
			if (seen && x->unit >= 0 && !seen[x->unit]++)
				s->communes_inspected++;
		}
		if (x->f.findings && *x->f.findings)
			s->with_findings++;
		for (k = 0; k < x->nrecs; k++) {
			const struct recommendation *r = &x->recs[k];

			s->recs++;
			if (r->state == REC_CLOSED)
				s->recs_closed++;
			else
				s->recs_open++;
			if (rec_overdue(r->state, r->due, today))
				s->recs_overdue++;
		}
	}
	free(seen);
}
