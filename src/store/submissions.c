/*
 * submissions.c: forms, their workflow and the lock on approved values
 * (see submissions.h).
 */
#include "submissions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "core/date.h"
#include "core/period.h"
#include "plans.h"
#include "util/alloc.h"
#include "util/i18n.h"
#include "values.h"
#include "util/text.h"

#include "util/banned.h"

/* The names of the states and actions are wf_form's (core/workflows.c). */

const char *sub_status_id(enum sub_status s)
{
	return wf_state_id(&wf_form, (int)s);
}

int sub_status_parse(const char *s)
{
	return wf_state_find(&wf_form, s);
}

const char *sub_status_name(enum sub_status s)
{
	return wf_state_name(&wf_form, (int)s);
}

const char *sub_action_id(enum sub_action a)
{
	return wf_action_id(&wf_form, (int)a);
}

int sub_action_parse(const char *s)
{
	return wf_action_find(&wf_form, s);
}

/* --- forms ------------------------------------------------------------- */

/* The unit's plan in force (plans.h) and its deadline into f. */
static enum gemis_err form_plan(struct db *db, const struct tree *t, int unit, long long *id,
				struct form *f, struct errctx *e)
{
	struct plan_current p;
	enum gemis_err err = plan_in_force(db, t, unit, false, &p, e);

	*id = err ? 0 : p.id;
	if (err || !p.id)
		return err;
	f->has_plan = true;
	f->deadline_day = p.deadline_day;
	f->deadline_month = p.deadline_month;
	f->deadline_year = p.deadline_year;
	return GEMIS_OK;
}

static enum gemis_err add_field(struct form *f, size_t *cap, int ind, int part, int sex,
				period_t period)
{
	struct form_field *x;

	if (f->nfields == *cap) {
		size_t ncap = *cap ? *cap * 2 : 32;
		struct form_field *nf = gemis_realloc(f->fields, ncap * sizeof(*nf));

		if (!nf)
			return GEMIS_ENOMEM;
		f->fields = nf;
		*cap = ncap;
	}
	x = &f->fields[f->nfields++];
	x->ind = ind;
	x->part = part;
	x->sex = sex;
	x->period = period;
	return GEMIS_OK;
}

/* Marks the indicators with values in the unit's saved form of the year. */
static enum gemis_err saved_indicators(struct db *db, const struct tree *t, int unit, int agency, int year,
				       bool *assigned, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	char per[16];

	period_format(period_year_code(year), per, sizeof(per));
	err = db_prepare(db, &st, e,
			 "SELECT DISTINCT v.indicator FROM submission_values v JOIN submissions s"
			 " ON s.id = v.submission_id WHERE s.unit_id = ? AND s.agency = ? AND s.period = ?");
	if (err)
		return err;
	db_bindv(st, "itt", t->units[unit].id, agency_kinds[agency].id, per);
	while (db_next(st)) {
		int ind = catalog_find(db_col_text(st, 0));

		if (ind >= 0)
			assigned[ind] = true;
	}
	return db_finalize(st, e);
}

/* True when agency kind k owes a report of the year: the plan gives it
 * duties (listed among its agencies, "all" listed, or indicators tied to
 * it: report/planview.h), or its form of the year is on record (a form
 * belongs to its period, whatever plan is in force now). */
static enum gemis_err agency_owes(struct db *db, const struct tree *t, long long plan, int unit,
				  int k, int year, bool *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	char per[16];

	*out = false;
	period_format(period_year_code(year), per, sizeof(per));
	err = db_prepare(db, &st, e,
			 "SELECT 1 FROM plan_agencies WHERE plan_id = ? AND agency IN (?, 'all')"
			 " UNION ALL SELECT 1 FROM assignments WHERE plan_id = ? AND agency = ?"
			 " UNION ALL SELECT 1 FROM submissions WHERE unit_id = ? AND agency = ? AND period = ?");
	if (err)
		return err;
	db_bindv(st, "itititt", plan, agency_kinds[k].id, plan, agency_kinds[k].id, t->units[unit].id,
		 agency_kinds[k].id, per);
	*out = db_next(st);
	return db_finalize(st, e);
}

enum gemis_err form_build(struct db *db, const struct tree *t, int unit, int agency, int year,
			  struct form *f, struct errctx *e)
{
	struct db_stmt *st = NULL;
	bool *assigned = NULL;
	long long plan;
	enum gemis_err err;
	size_t k, cap = 0;

	memset(f, 0, sizeof(*f));
	f->unit = unit;
	f->agency = agency;
	f->year = year;
	if (agency < 0 || (size_t)agency >= agency_kind_count)
		return err_set(e, GEMIS_EINVAL, "unknown agency");
	err = form_plan(db, t, unit, &plan, f, e);
	if (err)
		return err;
	err = agency_owes(db, t, plan, unit, agency, year, &f->owes, e);
	if (err)
		return err;
	assigned = gemis_calloc(catalog_n(), sizeof(*assigned));
	if (!assigned)
		return GEMIS_ENOMEM;
	/* the indicators tied to the agency, and those tied to "all" when the
	 * plan gives the agency duties (listed among its agencies, "all" listed,
	 * or indicators of its own): the rule of report/planview.h */
	if (plan) {
		err = db_prepare(db, &st, e,
				 "SELECT indicator FROM assignments WHERE plan_id = ? AND (agency = ? OR"
				 " (agency = 'all' AND (EXISTS (SELECT 1 FROM plan_agencies WHERE plan_id = ?"
				 " AND agency IN (?, 'all')) OR EXISTS (SELECT 1 FROM assignments WHERE plan_id = ?"
				 " AND agency = ?))))");
		if (err)
			goto out;
		db_bindv(st, "ititit", plan, agency_kinds[agency].id, plan, agency_kinds[agency].id, plan,
			 agency_kinds[agency].id);
		while (db_next(st)) {
			int ind = catalog_find(db_col_text(st, 0));

			if (ind >= 0)
				assigned[ind] = true;
		}
		err = db_finalize(st, e);
		if (err)
			goto out;
		/* and their category series */
		catalog_mark_series(assigned);
	}
	/* and the indicators of the form as saved: a form belongs to its
	 * period, not to the plan, and keeps its fields (and the values
	 * submitted or approved in them) when another plan comes into force */
	err = saved_indicators(db, t, unit, agency, year, assigned, e);
	if (err)
		goto out;
	/* an indicator retired in the year is no longer reported, one
	 * computed from its formula never */
	for (k = 0; k < catalog_n(); k++)
		assigned[k] = assigned[k] && !catalog_retired(&catalog[k], year) && !catalog[k].formula;
	for (k = 0; k < catalog_n(); k++)
		f->ninds += assigned[k];
	f->inds = gemis_calloc(f->ninds ? f->ninds : 1, sizeof(*f->inds));
	if (!f->inds) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	f->ninds = 0;
	for (k = 0; k < catalog_n() && !err; k++) {
		const struct indicator *ind = &catalog[k];
		int nper = indicator_per_quarter(ind) ? 4 : 1, q, part, sex;

		if (!assigned[k])
			continue;
		f->inds[f->ninds++] = (int)k;
		for (q = 0; q < nper; q++) {
			period_t per = nper == 4 ? period_quarter(year, q + 1) : period_year_code(year);

			for (part = 0; part < indicator_parts(ind); part++) {
				for (sex = SEX_F; sex <= SEX_T && !err; sex++) {
					if (ind->by_sex ? sex == SEX_T : sex != SEX_T)
						continue;
					err = add_field(f, &cap, (int)k, part, sex, per);
				}
			}
		}
	}
out:
	free(assigned);
	if (err)
		form_release(f);
	return err;
}

void form_release(struct form *f)
{
	free(f->inds);
	free(f->fields);
	memset(f, 0, sizeof(*f));
}

int form_field_find(const struct form *f, int ind, int part, int sex, unsigned period)
{
	size_t i;

	for (i = 0; i < f->nfields; i++) {
		const struct form_field *x = &f->fields[i];

		if (x->ind == ind && x->part == part && x->sex == sex && x->period == period)
			return (int)i;
	}
	return -1;
}

enum gemis_err forms_expected(struct db *db, const struct tree *t, int unit, int year, int **out,
			      size_t *n, struct form *deadline, struct errctx *e)
{
	struct db_stmt *st = NULL;
	long long plan;
	enum gemis_err err;
	char per[16];
	int *v;

	*out = NULL;
	*n = 0;
	memset(deadline, 0, sizeof(*deadline));
	err = form_plan(db, t, unit, &plan, deadline, e);
	if (err)
		return err;
	v = calloc(agency_kind_count, sizeof(*v));
	if (!v)
		return GEMIS_ENOMEM;
	/* every agency the plan gives duties: listed among its agencies (all of
	 * them when it lists "all") or with indicators of its own (the rule of
	 * report/planview.h); and every agency with a form of the year on
	 * record, whatever the plan in force says now */
	period_format(period_year_code(year), per, sizeof(per));
	err = db_prepare(db, &st, e,
			 "SELECT DISTINCT agency FROM assignments WHERE plan_id = ? AND agency <> 'all'"
			 " UNION SELECT agency FROM plan_agencies WHERE plan_id = ?"
			 " UNION SELECT agency FROM submissions WHERE unit_id = ? AND period = ?");
	if (err) {
		free(v);
		return err;
	}
	db_bindv(st, "iiit", plan, plan, t->units[unit].id, per);
	while (db_next(st)) {
		const char *name = db_col_text(st, 0);
		int a = agency_find(name);
		size_t k;

		if (name && strcmp(name, "all") == 0) {
			for (k = 0; k < agency_kind_count; k++)
				v[k] = (int)k;
			*n = agency_kind_count;
			break;
		}
		for (k = 0; a >= 0 && k < *n; k++) {
			if (v[k] == a)
				a = -1;
		}
		if (a >= 0 && *n < agency_kind_count)
			v[(*n)++] = a;
	}
	err = db_finalize(st, e);
	if (err) {
		free(v);
		*n = 0;
		return err;
	}
	/* agency vocabulary order, as the plan lists them */
	for (size_t i = 1; i < *n; i++) {
		int x = v[i];
		size_t j = i;

		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
	*out = v;
	return GEMIS_OK;
}

/* --- reading submissions ------------------------------------------------ */

#define SUB_COLUMNS                                                                         \
	"s.id, s.unit_id, s.agency, s.period, s.status, s.version, s.created_at, s.updated_at," \
	" s.updated_by, s.submitted_at, s.submitted_by, s.decided_at, s.decided_by, s.comment," \
	" s.narrative"

static void copy_text(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s ? s : "");
}

static void read_sub(struct db_stmt *st, struct submission *s, int unit)
{
	const char *per = db_col_text(st, 3);
	period_t p = 0;

	memset(s, 0, sizeof(*s));
	s->id = db_col_int(st, 0);
	s->unit = unit;
	s->agency = agency_find(db_col_text(st, 2));
	if (per && period_parse(per, strlen(per), &p))
		s->year = period_year(p);
	s->status = (enum sub_status)sub_status_parse(db_col_text(st, 4));
	if ((int)s->status < 0)
		s->status = SUB_DRAFT;
	s->version = db_col_int(st, 5);
	s->created_at = db_col_int(st, 6);
	s->updated_at = db_col_int(st, 7);
	copy_text(s->updated_by, sizeof(s->updated_by), db_col_text(st, 8));
	s->submitted_at = db_col_null(st, 9) ? 0 : db_col_int(st, 9);
	copy_text(s->submitted_by, sizeof(s->submitted_by), db_col_text(st, 10));
	s->decided_at = db_col_null(st, 11) ? 0 : db_col_int(st, 11);
	copy_text(s->decided_by, sizeof(s->decided_by), db_col_text(st, 12));
	copy_text(s->comment, sizeof(s->comment), db_col_text(st, 13));
	copy_text(s->narrative, sizeof(s->narrative), db_col_text(st, 14));
}

enum gemis_err submissions_get(struct db *db, const struct tree *t, int unit, int agency, int year,
			       struct submission *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	char per[16];

	memset(out, 0, sizeof(*out));
	out->unit = unit;
	out->agency = agency;
	out->year = year;
	out->status = SUB_NONE;
	period_format(period_year_code(year), per, sizeof(per));
	err = db_prepare(db, &st, e,
			 "SELECT " SUB_COLUMNS " FROM submissions s"
			 " WHERE s.unit_id = ? AND s.agency = ? AND s.period = ?");
	if (err)
		return err;
	db_bindv(st, "itt", t->units[unit].id, agency_kinds[agency].id, per);
	if (db_next(st)) {
		read_sub(st, out, unit);
		out->year = year;
	}
	return db_finalize(st, e);
}

enum gemis_err submissions_values(struct db *db, const struct tree *t, long long id,
				  struct value_row **rows, size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct value_row *v = NULL;
	size_t cap = 0;
	enum gemis_err err;
	int unit = -1;
	size_t i;
	long long uid = 0;
	bool found;

	*rows = NULL;
	*n = 0;
	err = db_query_int(db, e, &uid, &found, "SELECT unit_id FROM submissions WHERE id = ?", "i", id);
	if (err || !found)
		return err;
	for (i = 0; i < t->n; i++) {
		if (t->units[i].id == uid)
			unit = (int)i;
	}
	if (unit < 0)
		return GEMIS_OK;
	err = db_prepare(db, &st, e,
			 "SELECT period, indicator, part, sex, value FROM submission_values"
			 " WHERE submission_id = ? ORDER BY indicator, period, part, sex");
	if (err)
		return err;
	db_bind_int(st, 1, id);
	while (db_next(st)) {
		const char *per = db_col_text(st, 0);
		int ind = catalog_find(db_col_text(st, 1)), part, sex;
		period_t p;
		struct value_row *r;

		if (ind < 0 || !per || !period_parse(per, strlen(per), &p))
			continue;
		part = part_parse(&catalog[ind], db_col_text(st, 2));
		sex = sex_parse(db_col_text(st, 3));
		if (part < 0 || sex < 0)
			continue;
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct value_row *nv = realloc(v, ncap * sizeof(*nv));

			if (!nv) {
				err = GEMIS_ENOMEM;
				break;
			}
			v = nv;
			cap = ncap;
		}
		r = &v[(*n)++];
		memset(r, 0, sizeof(*r));
		r->unit = unit;
		r->period = p;
		r->ind = ind;
		r->part = part;
		r->sex = sex;
		r->value = db_col_double(st, 4);
	}
	if (err) {
		db_finalize(st, NULL);
	} else {
		err = db_finalize(st, e);
	}
	if (err) {
		free(v);
		*n = 0;
		return err;
	}
	*rows = v;
	return GEMIS_OK;
}

enum gemis_err submissions_list(struct db *db, const struct tree *t, int unit, int year,
				enum gemis_err (*fn)(void *ctx, const struct submission *s),
				void *ctx, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	char per[16];

	period_format(period_year_code(year), per, sizeof(per));
	err = db_prepare(db, &st, e,
			 "SELECT " SUB_COLUMNS " FROM submissions s JOIN units u ON u.id = s.unit_id"
			 " WHERE s.period = ? ORDER BY u.code, s.agency");
	if (err)
		return err;
	db_bind_text(st, 1, per);
	while (db_next(st)) {
		long long uid = db_col_int(st, 1);
		struct submission s;
		int u;

		if (tree_find_id(t, uid) < 0)
			continue;
		u = tree_find_id(t, uid);
		if (!tree_contains(t, unit, u))
			continue;
		read_sub(st, &s, u);
		if (s.agency < 0)
			continue;
		err = fn(ctx, &s);
		if (err)
			break;
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

enum gemis_err submissions_events(struct db *db, long long id,
				  enum gemis_err (*fn)(void *ctx, const struct sub_event *ev),
				  void *ctx, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT action, by_user, at, comment FROM submission_events"
			 " WHERE submission_id = ? ORDER BY id");
	if (err)
		return err;
	db_bind_int(st, 1, id);
	while (db_next(st)) {
		struct sub_event ev;

		copy_text(ev.action, sizeof(ev.action), db_col_text(st, 0));
		copy_text(ev.by, sizeof(ev.by), db_col_text(st, 1));
		ev.at = db_col_int(st, 2);
		copy_text(ev.comment, sizeof(ev.comment), db_col_text(st, 3));
		err = fn(ctx, &ev);
		if (err)
			break;
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

/* --- the workflow ------------------------------------------------------- */

/* Checks the rows of a save or submit against the form: problems go to d.
 * GEMIS_ENOMEM when a check could not be made (never a check skipped). */
static enum gemis_err check_rows(const struct tree *t, const struct form *f,
				 const struct sub_request *rq, bool complete, struct value_row *rows,
				 struct diags *d)
{
	bool *filled = gemis_calloc(f->nfields ? f->nfields : 1, sizeof(*filled));
	size_t i;

	if (!filled)
		return GEMIS_ENOMEM;
	for (i = 0; i < rq->n; i++) {
		const struct value_row *r = &rq->rows[i];
		int k = r->unit == rq->unit ? form_field_find(f, r->ind, r->part, r->sex, r->period) : -1;

		rows[i] = *r;
		if (k < 0) {
			char per[16];

			period_format(r->period, per, sizeof(per));
			diags_add(d, r->line, "field", _("%s %s %s of %s for %s is not a field of this form"),
				  catalog[r->ind].id, part_id(&catalog[r->ind], r->part),
				  sex_id((enum sex)r->sex), t->units[r->unit].code, per);
			continue;
		}
		filled[k] = true;
	}
	if (complete) {
		for (i = 0; i < f->nfields; i++) {
			if (!filled[i])
				diags_add(d, (long)i + 1, "value",
					  _("every field must be filled in before the form is submitted"));
		}
	}
	free(filled);
	/* every problem at once: the values are checked together even when a
	 * field is missing or misplaced, so that nobody fixes a form in rounds */
	return validate_rows(rows, rq->n, NULL, NULL, d, NULL);
}

/* True when s has a character other than white space. */
static bool has_text(const char *s)
{
	for (; s && *s; s++) {
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return true;
	}
	return false;
}

static enum gemis_err event(struct db *db, long long id, enum sub_action a, const char *by,
			    long long now, const char *comment, struct errctx *e)
{
	return db_run(db, e,
		      "INSERT INTO submission_events (submission_id, action, by_user, at, comment)"
		      " VALUES (?, ?, ?, ?, ?)",
		      "ittit", id, sub_action_id(a), by, now, comment && *comment ? comment : NULL);
}

static enum gemis_err store_rows(struct db *db, long long id, const struct value_row *rows,
				 size_t n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t i;

	err = db_run(db, e, "DELETE FROM submission_values WHERE submission_id = ?", "i", id);
	if (err)
		return err;
	err = db_prepare(db, &st, e,
			 "INSERT INTO submission_values (submission_id, period, indicator, part, sex, value)"
			 " VALUES (?, ?, ?, ?, ?, ?)");
	if (err)
		return err;
	for (i = 0; i < n && !err; i++) {
		const struct value_row *r = &rows[i];
		char per[16];

		if (r->skip)
			continue;
		period_format(r->period, per, sizeof(per));
		db_bindv(st, "itttt", id, per, catalog[r->ind].id, part_id(&catalog[r->ind], r->part),
			 sex_id((enum sex)r->sex));
		db_bind_double(st, 6, r->value);
		err = db_step_done(st, e);
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

static enum gemis_err store_explanations(struct db *db, const struct tree *t, const struct form *f,
					 const struct sub_request *rq, const char *by, long long now,
					 struct errctx *e)
{
	char per[16];
	size_t k;
	enum gemis_err err = GEMIS_OK;

	period_format(period_year_code(rq->year), per, sizeof(per));
	for (k = 0; k < f->ninds && !err; k++) {
		const char *text = rq->explain[f->inds[k]];
		long long uid = t->units[rq->unit].id;

		if (!text)
			continue;
		if (!*text)
			err = db_run(db, e, "DELETE FROM value_comments WHERE unit_id = ? AND period = ? AND indicator = ?",
				     "itt", uid, per, catalog[f->inds[k]].id);
		else
			err = db_run(db, e,
				     "INSERT INTO value_comments (unit_id, period, indicator, comment, by_user, at)"
				     " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, period, indicator) DO UPDATE SET"
				     " comment = excluded.comment, by_user = excluded.by_user, at = excluded.at",
				     "itttti", uid, per, catalog[f->inds[k]].id, text, by, now);
	}
	return err;
}

enum gemis_err value_comment_get(struct db *db, const struct tree *t, int unit, int year, int ind,
				 struct buf *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	char per[16];

	buf_reset(out);
	period_format(period_year_code(year), per, sizeof(per));
	err = db_prepare(db, &st, e,
			 "SELECT comment FROM value_comments WHERE unit_id = ? AND period = ? AND indicator = ?");
	if (err)
		return err;
	db_bindv(st, "itt", t->units[unit].id, per, catalog[ind].id);
	if (db_next(st) && db_col_text(st, 0))
		err = buf_puts(out, db_col_text(st, 0));
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

enum gemis_err value_comments_each(struct db *db, const struct tree *t, int year,
				   enum gemis_err (*fn)(void *ctx, int unit, int ind, unsigned period,
							const char *text),
				   void *ctx, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err = GEMIS_OK;

	err = db_prepare(db, &st, e,
			 "SELECT unit_id, period, indicator, comment FROM value_comments"
			 " ORDER BY unit_id, indicator, period");
	if (err)
		return err;
	while (!err && db_next(st)) {
		const char *per = db_col_text(st, 1), *txt = db_col_text(st, 3);
		int u = tree_find_id(t, db_col_int(st, 0)), ind = catalog_find(db_col_text(st, 2));
		period_t p;

		if (u < 0 || ind < 0 || !per || !txt || !period_parse(per, strlen(per), &p) ||
		    period_year(p) != year)
			continue;
		err = fn(ctx, u, ind, p, txt);
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

/* The request's own checks, before anything is read: the unit, agency
 * and action exist, the account may take the action, texts within their
 * limits. */
static enum gemis_err check_request(const struct tree *t, const struct principal *who,
				    const struct sub_request *rq, struct errctx *e)
{
	enum gemis_err err;

	if (rq->unit < 0 || (size_t)rq->unit >= t->n || rq->agency < 0 ||
	    (size_t)rq->agency >= agency_kind_count || (unsigned)rq->action >= SUB_ACTION_COUNT)
		return err_set(e, GEMIS_EINVAL, "bad form request");
	err = wf_check_request(&wf_form, t, who, (int)rq->action, rq->unit, rq->agency, rq->comment, e);
	if (err)
		return err;
	for (size_t k = 0; rq->explain && k < catalog_n(); k++) {
		if (rq->explain[k] && text_chars(rq->explain[k]) > EXPLAIN_MAX)
			return err_set_at(e, GEMIS_EINVAL, catalog[k].id,
					  _("an explanation has at most %d characters"), EXPLAIN_MAX);
	}
	if (rq->comment && text_chars(rq->comment) > SUB_COMMENT_MAX)
		return err_set_at(e, GEMIS_EINVAL, "comment", _("a comment has at most %d characters"),
				  SUB_COMMENT_MAX);
	return GEMIS_OK;
}

/* A save's or submission's checks against form f: the agency owes a
 * report, the narrative fits, every row is a field of the form (and, on
 * a submission, every field filled) and the values agree.  *rows gets
 * the rows to store (the caller frees it). */
static enum gemis_err check_entry(const struct tree *t, const struct form *f, const struct sub_request *rq,
				  struct value_row **rows, struct diags *d, struct errctx *e)
{
	enum gemis_err err;

	if (!f->owes)
		return err_set(e, GEMIS_EINVAL, _("the plan in force gives this agency no duties: it owes no report"));
	if (rq->narrative && text_chars(rq->narrative) > SUB_NARRATIVE_MAX)
		return err_set_at(e, GEMIS_EINVAL, "narrative", _("the results and narrative have at most %d characters"),
				  SUB_NARRATIVE_MAX);
	*rows = gemis_calloc(rq->n ? rq->n : 1, sizeof(**rows));
	if (!*rows)
		return GEMIS_ENOMEM;
	err = check_rows(t, f, rq, rq->action == SUB_SUBMIT, *rows, d);
	if (err)
		return err;
	if (d->total > 0)
		return err_set(e, GEMIS_EINVAL, ngettext_("%zu problem in the form; nothing was saved",
							  "%zu problems in the form; nothing was saved", d->total),
			       d->total);
	return GEMIS_OK;
}

/* The submission's row in its new state `to`: a new one (cur->id gets
 * its id) or the next version of cur, refused when someone else changed
 * it meanwhile. */
static enum gemis_err write_state(struct db *db, const struct tree *t, const struct sub_request *rq,
				  struct submission *cur, int to, const char *by, long long now, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	long long changed;
	char per[16];

	period_format(period_year_code(rq->year), per, sizeof(per));
	if (cur->id == 0) {
		err = db_prepare(db, &st, e,
				 "INSERT INTO submissions (unit_id, agency, period, status, version, created_at,"
				 " updated_at, updated_by) VALUES (?, ?, ?, ?, 1, ?, ?, ?) RETURNING id");
		if (err)
			return err;
		db_bindv(st, "itttiit", t->units[rq->unit].id, agency_kinds[rq->agency].id, per,
			 sub_status_id((enum sub_status)to), now, now, by);
		if (db_next(st))
			cur->id = db_col_int(st, 0);
		return db_finalize(st, e);
	}
	err = db_prepare(db, &st, e,
			 "UPDATE submissions SET status = ?, version = version + 1, updated_at = ?,"
			 " updated_by = ? WHERE id = ? AND version = ?");
	if (err)
		return err;
	db_bindv(st, "titii", sub_status_id((enum sub_status)to), now, by, cur->id, cur->version);
	err = db_step_done(st, e);
	changed = err ? 0 : db_changes(st);
	db_finalize(st, NULL);
	if (!err && changed != 1)
		err = err_set(e, GEMIS_ECONFLICT, _("this form changed since you opened it; reload it"));
	return err;
}

/* What the action does besides the state: a save or submission stores the
 * rows, narrative and explanations; an approval imports the values as
 * official; a return or reopening keeps the decision and its comment. */
static enum gemis_err apply_action(struct db *db, const struct tree *t, const struct form *f,
				   const struct sub_request *rq, const struct submission *cur,
				   const struct value_row *rows, const char *by, long long now, struct diags *d,
				   struct errctx *e)
{
	struct value_row *staged = NULL;
	size_t nstaged = 0;
	struct values_result res;
	enum gemis_err err = GEMIS_OK;

	switch (rq->action) {
	case SUB_SAVE:
	case SUB_SUBMIT:
		err = store_rows(db, cur->id, rows, rq->n, e);
		if (!err && rq->narrative)
			err = db_run(db, e, "UPDATE submissions SET narrative = ? WHERE id = ?", "ti",
				     has_text(rq->narrative) ? rq->narrative : NULL, cur->id);
		if (!err && rq->explain)
			err = store_explanations(db, t, f, rq, by, now, e);
		if (!err && rq->action == SUB_SUBMIT)
			err = db_run(db, e,
				     "UPDATE submissions SET submitted_at = ?, submitted_by = ? WHERE id = ?",
				     "iti", now, by, cur->id);
		break;
	case SUB_APPROVE:
		err = submissions_values(db, t, cur->id, &staged, &nstaged, e);
		if (!err)
			err = values_import(db, t, staged, nstaged, cur->submitted_by[0] ? cur->submitted_by : by,
					    "form", 0, d, &res, NULL, NULL, e);
		if (!err)
			err = db_run(db, e,
				     "UPDATE submissions SET decided_at = ?, decided_by = ?, comment = ?"
				     " WHERE id = ?",
				     "itti", now, by, rq->comment && *rq->comment ? rq->comment : NULL,
				     cur->id);
		free(staged);
		break;
	case SUB_RETURN:
	case SUB_REOPEN:
		err = db_run(db, e,
			     "UPDATE submissions SET decided_at = ?, decided_by = ?, comment = ? WHERE id = ?",
			     "itti", now, by, rq->comment && *rq->comment ? rq->comment : NULL, cur->id);
		break;
	}
	if (!err)
		err = event(db, cur->id, rq->action, by, now, rq->comment, e);
	return err;
}

/* The form's current version must be the one the request saw. */
static enum gemis_err check_version(const struct submission *cur, long long version, struct errctx *e)
{
	char when[64];

	if (cur->version == version)
		return GEMIS_OK;
	if (cur->version == 0)
		return err_set(e, GEMIS_ECONFLICT, _("this form changed since you opened it; reload it"));
	vn_format_time(cur->updated_at, when, sizeof(when));
	return err_set(e, GEMIS_ECONFLICT,
		       _("%s changed this form at %s, after you opened it; your changes "
			 "were not saved: reload the form to see theirs"),
		       cur->updated_by, when);
}

enum gemis_err submissions_act(struct db *db, const struct tree *t, const struct principal *who,
			       const struct sub_request *rq, struct diags *d, struct submission *out,
			       struct errctx *e)
{
	struct form f;
	const struct form *fp;
	struct submission cur;
	struct value_row *rows = NULL;
	int to;
	/* joins a transaction the caller has open (the demo builds in one);
	 * then a failure is the caller's to roll back */
	bool own_tx = !db->in_tx;
	enum gemis_err err;
	long long now = rq->at ? rq->at : (long long)time(NULL);
	bool entering = rq->action == SUB_SAVE || rq->action == SUB_SUBMIT;
	const char *by = who->name;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	err = check_request(t, who, rq, e);
	if (err)
		return err;
	if (rq->form && (rq->form->unit != rq->unit || rq->form->agency != rq->agency ||
			 rq->form->year != rq->year))
		return err_set(e, GEMIS_EINVAL, "bad form request: the form given is another one");
	err = rq->form ? GEMIS_OK : form_build(db, t, rq->unit, rq->agency, rq->year, &f, e);
	if (err)
		return err;
	fp = rq->form ? rq->form : &f;
	if (entering) {
		err = check_entry(t, fp, rq, &rows, d, e);
		if (err)
			goto out;
	}
	if (own_tx) {
		err = db_begin(db, e);
		if (err)
			goto out;
	}
	err = submissions_get(db, t, rq->unit, rq->agency, rq->year, &cur, e);
	if (!err)
		err = check_version(&cur, rq->version, e);
	if (!err)
		err = wf_check_state(&wf_form, (int)cur.status, (int)rq->action, &to, e);
	if (!err && rq->action == SUB_SUBMIT && !has_text(rq->narrative ? rq->narrative : cur.narrative))
		err = err_set_at(e, GEMIS_EINVAL, "narrative",
				 _("write the results of the agency's tasks and a short narrative before "
				   "submitting"));
	if (!err)
		err = write_state(db, t, rq, &cur, to, by, now, e);
	if (!err)
		err = apply_action(db, t, fp, rq, &cur, rows, by, now, d, e);
	if (err)
		goto fail;
	if (own_tx)
		err = db_commit(db, e);
	if (!err)
		err = submissions_get(db, t, rq->unit, rq->agency, rq->year, out, e);
	goto out;
fail:
	if (own_tx)
		db_rollback(db);
out:
	free(rows);
	form_release(&f);
	return err;
}
