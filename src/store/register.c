/*
 * register.c: counting the register's cases into the dataset.
 */
#include "register.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "values.h"

#include "util/banned.h"

struct count {
	int unit, year, ind, part, sex;
	long long n;
};

struct counts {
	struct count *c;
	size_t n, cap;
	int unit, year; /* of the case being added */
	enum gemis_err err;
};

static void add_count(struct counts *cs, int unit, int year, int ind, int part, int sex,
		      long long n)
{
	struct count *c;

	if (cs->err || ind < 0)
		return;
	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? cs->cap * 2 : 256;
		struct count *p = realloc(cs->c, cap * sizeof(*p));

		if (!p) {
			cs->err = GEMIS_ENOMEM;
			return;
		}
		cs->c = p;
		cs->cap = cap;
	}
	c = &cs->c[cs->n++];
	c->unit = unit;
	c->year = year;
	c->ind = ind;
	c->part = part;
	c->sex = sex;
	c->n = n;
}

static void add_part(void *ctx, int ind, int part, int sex)
{
	struct counts *cs = ctx;

	add_count(cs, cs->unit, cs->year, ind, part, sex, 1);
}

static void add_case(void *ctx, const struct case_facts *f)
{
	struct counts *cs = ctx;

	cs->unit = f->unit;
	cs->year = f->year;
	register_case_parts(f, add_part, cs);
}

static int count_cmp(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->ind != y->ind)
		return x->ind < y->ind ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	return x->sex < y->sex ? -1 : x->sex > y->sex;
}

/* The counting codes of the case rows that where_sql (NULL: all, or a
 * WHERE clause with one parameter, arg) selects. */
static enum gemis_err register_facts(struct db *db, const struct tree *t, const char *where_sql,
				     long long arg, void (*each)(void *ctx, const struct case_facts *f),
				     void *ctx, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct buf sql;
	enum gemis_err err;

	buf_init(&sql, 4096);
	err = buf_printf(&sql,
			 "SELECT c.unit_id, c.detected_year, c.survivor_sex, c.consent_statistics,"
			 " c.gbv, c.trafficking_return, c.in_need, c.perpetrator_sex,"
			 " c.perpetrator_prosecuted,"
			 " (SELECT COUNT(*) FROM case_events v WHERE v.case_id = c.id AND v.kind = 'service'),"
			 " (SELECT COUNT(*) FROM case_events v WHERE v.case_id = c.id AND v.kind = 'counselling')"
			 " FROM cases c %s",
			 where_sql ? where_sql : "");
	if (!err)
		err = db_prepare(db, &st, e, buf_str(&sql));
	if (err)
		goto out;
	if (where_sql)
		db_bind_int(st, 1, arg);
	while (db_next(st)) {
		struct case_facts f = {0};
		long long uid = db_col_int(st, 0);
		const char *ss = db_col_text(st, 2), *ps = db_col_text(st, 7);

		if (tree_find_id(t, uid) < 0)
			continue;
		f.unit = tree_find_id(t, uid);
		f.year = (int)db_col_int(st, 1);
		f.survivor_sex = ss && strcmp(ss, "M") == 0 ? SEX_M : SEX_F;
		f.consent = db_col_int(st, 3) != 0;
		f.gbv = db_col_int(st, 4) != 0;
		f.trafficking = db_col_int(st, 5) != 0;
		f.in_need = db_col_int(st, 6) != 0;
		f.perp_sex = !ps ? -1 : strcmp(ps, "M") == 0 ? SEX_M : SEX_F;
		f.prosecuted = db_col_int(st, 8) != 0;
		f.supported = db_col_int(st, 9) > 0;
		f.counselled = db_col_int(st, 10) > 0;
		each(ctx, &f);
	}
	err = db_finalize(st, e);
out:
	buf_release(&sql);
	return err;
}

enum gemis_err register_case_facts(struct db *db, const struct tree *t, long long case_id,
				   void (*each)(void *ctx, const struct case_facts *f), void *ctx,
				   struct errctx *e)
{
	return register_facts(db, t, "WHERE c.id = ?", case_id, each, ctx, e);
}

typedef enum gemis_err (*put_fn)(void *ctx, int unit, period_t period, int ind, int part, int sex,
				 double value);

/* The counts of every unit (unit_id 0) or of one, each cell given to put. */
static enum gemis_err load(struct db *db, const struct tree *t, long long unit_id, put_fn put,
			   void *ctx, struct errctx *e)
{
	struct counts cs = {0};
	struct db_stmt *st = NULL;
	size_t i, j;
	enum gemis_err err;

	err = register_facts(db, t, unit_id ? "WHERE c.unit_id = ?" : NULL, unit_id, add_case, &cs, e);
	if (err)
		goto out;
	err = db_prepare(db, &st, e,
			 unit_id ? "SELECT unit_id, year, indicator, part, sex, n FROM case_counts"
				   " WHERE unit_id = ?"
				 : "SELECT unit_id, year, indicator, part, sex, n FROM case_counts");
	if (err)
		goto out;
	if (unit_id)
		db_bind_int(st, 1, unit_id);
	while (db_next(st)) {
		long long uid = db_col_int(st, 0);
		const char *ind = db_col_text(st, 2), *part = db_col_text(st, 3),
			   *sex = db_col_text(st, 4);

		if (tree_find_id(t, uid) < 0 || !ind || !part || !sex)
			continue;
		add_count(&cs, tree_find_id(t, uid), (int)db_col_int(st, 1), catalog_find(ind),
			  strcmp(part, "num") == 0 ? PART_NUM : PART_DEN,
			  strcmp(sex, "M") == 0 ? SEX_M : SEX_F, db_col_int(st, 5));
	}
	err = db_finalize(st, e);
	if (!err)
		err = cs.err;
	if (err)
		goto out;
	if (cs.n)
		qsort(cs.c, cs.n, sizeof(*cs.c), count_cmp);
	/* one group per unit, year and indicator: every cell is put, zeros
	 * included, so that totals are complete */
	for (i = 0; i < cs.n && !err; i = j) {
		long long cell[PART_SLOTS][2] = {{0, 0}, {0, 0}};
		int part, sex;

		for (j = i; j < cs.n && cs.c[j].unit == cs.c[i].unit && cs.c[j].year == cs.c[i].year &&
			    cs.c[j].ind == cs.c[i].ind;
		     j++)
			cell[cs.c[j].part][cs.c[j].sex] += cs.c[j].n;
		if (cs.c[i].year < PERIOD_MIN_YEAR || cs.c[i].year > PERIOD_MAX_YEAR)
			continue;
		for (part = 0; part < PART_SLOTS && !err; part++) {
			for (sex = 0; sex < SEX_SLOTS && !err; sex++)
				err = put(ctx, cs.c[i].unit, period_year_code(cs.c[i].year), cs.c[i].ind,
					  part, sex,
					  sex == SEX_T ? (double)(cell[part][0] + cell[part][1])
						       : (double)cell[part][sex]);
		}
	}
out:
	free(cs.c);
	return err;
}

static enum gemis_err put_dataset(void *ctx, int unit, period_t period, int ind, int part, int sex,
				  double value)
{
	return dataset_put(ctx, unit, period, ind, part, sex, value);
}

enum gemis_err register_load(struct db *db, const struct tree *t, struct dataset *ds,
			     struct errctx *e)
{
	return load(db, t, 0, put_dataset, ds, e);
}

static enum gemis_err put_unit(void *ctx, int unit, period_t period, int ind, int part, int sex,
			       double value)
{
	struct unit_values *v = ctx;

	if (unit != v->unit)
		return GEMIS_OK;
	return unit_values_put(v, period, ind, part, sex, value);
}

enum gemis_err register_load_unit(struct db *db, const struct tree *t, struct unit_values *v,
				  struct errctx *e)
{
	if (v->unit < 0 || (size_t)v->unit >= t->n || !t->units[v->unit].id)
		return GEMIS_EINVAL;
	return load(db, t, t->units[v->unit].id, put_unit, v, e);
}
