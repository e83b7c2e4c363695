/*
 * form_locks.c: the lock on the values of approved forms (submissions.h).
 * values_import() asks here, inside its transaction, whether a row would
 * change a value a form holds in a locked state of wf_form; it is apart
 * from submissions.c, which imports a form's values on approval, so that
 * the two do not call each other.
 */
#include "submissions.h"

#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/period.h"
#include "util/i18n.h"

#include "util/banned.h"

struct locked {
	int unit;
	period_t period;
	int ind, part, sex;
	double value;
	int agency;
};

static int locked_cmp(const void *pa, const void *pb)
{
	const struct locked *a = pa, *b = pb;

	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->period != b->period)
		return a->period < b->period ? -1 : 1;
	if (a->ind != b->ind)
		return a->ind < b->ind ? -1 : 1;
	if (a->part != b->part)
		return a->part < b->part ? -1 : 1;
	return a->sex < b->sex ? -1 : a->sex > b->sex;
}

/* Adds the values of the forms in state `status` to *v. */
static enum gemis_err read_locked(struct db *db, const struct tree *t, const char *status,
				  struct locked **v, size_t *nv, size_t *cap, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT s.unit_id, v.period, v.indicator, v.part, v.sex, v.value, s.agency"
			 " FROM submission_values v JOIN submissions s ON s.id = v.submission_id"
			 " WHERE s.status = ?");
	if (err)
		return err;
	db_bind_text(st, 1, status);
	while (db_next(st)) {
		long long uid = db_col_int(st, 0);
		const char *per = db_col_text(st, 1);
		int ind = catalog_find(db_col_text(st, 2));
		struct locked *x;
		period_t p;

		if (tree_find_id(t, uid) < 0 || ind < 0 || !per ||
		    !period_parse(per, strlen(per), &p))
			continue;
		if (*nv == *cap) {
			size_t ncap = *cap ? *cap * 2 : 64;
			struct locked *nl = realloc(*v, ncap * sizeof(*nl));

			if (!nl) {
				err = GEMIS_ENOMEM;
				break;
			}
			*v = nl;
			*cap = ncap;
		}
		x = &(*v)[(*nv)++];
		x->unit = tree_find_id(t, uid);
		x->period = p;
		x->ind = ind;
		x->part = part_parse(&catalog[ind], db_col_text(st, 3));
		x->sex = sex_parse(db_col_text(st, 4));
		x->value = db_col_double(st, 5);
		x->agency = agency_find(db_col_text(st, 6));
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

void form_locks_release(struct form_locks *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

enum gemis_err form_locks_load(struct db *db, const struct tree *t, struct form_locks *l, struct errctx *e)
{
	size_t cap = 0, i;
	enum gemis_err err = GEMIS_OK;

	memset(l, 0, sizeof(*l));
	/* the states wf_form locks: approved */
	for (i = 0; i < wf_form.nstates && !err; i++) {
		if (wf_form.states[i].flags & WF_LOCKED)
			err = read_locked(db, t, wf_form.states[i].id, &l->v, &l->n, &cap, e);
	}
	if (err) {
		form_locks_release(l);
		return err;
	}
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), locked_cmp);
	return GEMIS_OK;
}

void form_locks_check(const struct form_locks *l, const struct tree *t, const struct value_row *rows, size_t n,
		      struct diags *d)
{
	size_t i;

	if (l->n == 0)
		return;
	for (i = 0; i < n; i++) {
		const struct value_row *r = &rows[i];
		struct locked key = {r->unit, r->period, r->ind, r->part, r->sex, 0, 0};
		const struct locked *hit = bsearch(&key, l->v, l->n, sizeof(*l->v), locked_cmp);
		char per[16];

		if (!hit || hit->value == r->value)
			continue;
		period_format(r->period, per, sizeof(per));
		diags_add(d, r->line, "value",
			  _("%s of %s for %s is in the approved form of %s: the focal point must reopen "
			    "the form before it can change"),
			  catalog[r->ind].id, t->units[r->unit].code, per,
			  hit->agency >= 0 ? agency_kinds[hit->agency].id : "?");
	}
}

enum gemis_err submissions_check_locked(struct db *db, const struct tree *t,
					const struct value_row *rows, size_t n, struct diags *d,
					struct errctx *e)
{
	struct form_locks l;
	enum gemis_err err;

	if (n == 0)
		return GEMIS_OK;
	err = form_locks_load(db, t, &l, e);
	if (err)
		return err;
	form_locks_check(&l, t, rows, n, d);
	form_locks_release(&l);
	return GEMIS_OK;
}
