/*
 * values.c: the value table and its audit trail.
 */
#include "values.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "indicators.h"
#include "store.h"
#include "values_int.h"
#include "submissions.h"
#include "util/buf.h"
#include "util/radix.h"

#include "util/banned.h"

static enum gemis_err get_with(struct db_stmt *st, const struct tree *t, int unit, period_t period,
			       int ind, int part, int sex, double *value, bool *found,
			       struct errctx *e)
{
	char per[16];
	enum gemis_err err;

	period_format(period, per, sizeof(per));
	db_bindv(st, "ittt", t->units[unit].id, per, catalog[ind].id, part_id(&catalog[ind], part));
	db_bind_text(st, 5, sex_id((enum sex)sex));
	*found = db_next(st);
	if (*found)
		*value = db_col_double(st, 0);
	err = db_stmt_error(st, e);
	db_reset(st);
	return err;
}

#define SELECT_VALUE                                                                     \
	"SELECT value FROM datavalues WHERE unit_id = ? AND period = ? AND indicator = ?" \
	" AND part = ? AND sex = ?"

enum gemis_err values_get(struct db *db, const struct tree *t, int unit, period_t period, int ind,
			  int part, int sex, double *value, bool *found, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err = db_prepare(db, &st, e, SELECT_VALUE);

	if (err)
		return err;
	err = get_with(st, t, unit, period, ind, part, sex, value, found, e);
	db_finalize(st, NULL);
	return err;
}

/* Stored values of the batch's units, read in one pass before validation:
 * an open-addressing hash from (unit, period, indicator, part, sex) to
 * value (the key's bits: values_int.h).  One query per chunk of units
 * replaces a SELECT per row, which matters on PostgreSQL where every
 * statement is a round trip. */
uint64_t stored_key(int unit, period_t period, int ind, int part, int sex)
{
	return ((uint64_t)(unsigned)(unit + 1) & STORED_MAX_UNITS) << 36 |
	       (uint64_t)(period & 0xffff) << 20 | (uint64_t)((unsigned)ind & 0xffff) << 4 |
	       (uint64_t)(part & 3) << 2 | (uint64_t)(sex & 3);
}

/* Fibonacci hashing: the top bits of the product, which depend on every
 * bit of the key (bits in the middle would not see the unit, packed
 * high). */
size_t stored_slot(const struct stored *s, uint64_t k)
{
	uint64_t h = k * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h >> (64 - __builtin_ctzll((unsigned long long)s->cap)));
}

static enum gemis_err stored_grow(struct stored *s)
{
	struct stored n = {0};
	size_t i;

	n.cap = s->cap ? s->cap * 2 : 1024;
	n.keys = calloc(n.cap, sizeof(*n.keys));
	n.vals = malloc(n.cap * sizeof(*n.vals));
	if (!n.keys || !n.vals) {
		free(n.keys);
		free(n.vals);
		return GEMIS_ENOMEM;
	}
	for (i = 0; i < s->cap; i++) {
		size_t j;

		if (!s->keys[i])
			continue;
		for (j = stored_slot(&n, s->keys[i]); n.keys[j]; j = (j + 1) & (n.cap - 1))
			;
		n.keys[j] = s->keys[i];
		n.vals[j] = s->vals[i];
	}
	n.n = s->n;
	free(s->keys);
	free(s->vals);
	*s = n;
	return GEMIS_OK;
}

enum gemis_err stored_put(struct stored *s, uint64_t k, double v)
{
	size_t j;

	if ((s->n + 1) * 2 > s->cap) {
		enum gemis_err err = stored_grow(s);

		if (err)
			return err;
	}
	for (j = stored_slot(s, k); s->keys[j] && s->keys[j] != k; j = (j + 1) & (s->cap - 1))
		;
	if (!s->keys[j])
		s->n++;
	s->keys[j] = k;
	s->vals[j] = v;
	return GEMIS_OK;
}

bool stored_get(const struct stored *s, uint64_t k, double *v)
{
	size_t j;

	if (!s->cap)
		return false;
	for (j = stored_slot(s, k); s->keys[j]; j = (j + 1) & (s->cap - 1)) {
		if (s->keys[j] == k) {
			*v = s->vals[j];
			return true;
		}
	}
	return false;
}

void stored_release(struct stored *s)
{
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof(*s));
}

#define LOAD_CHUNK 500

enum gemis_err stored_load_ids(struct db *db, const struct tree *t, const long long *ids, size_t k,
			       struct stored *s, struct errctx *e)
{
	struct buf sql;
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t j;

	buf_init(&sql, 0);
	err = buf_puts(&sql, "SELECT unit_id, period, indicator, part, sex, value FROM datavalues"
			     " WHERE unit_id IN (?");
	for (j = 1; !err && j < k; j++)
		err = buf_puts(&sql, ", ?");
	if (!err)
		err = buf_putc(&sql, ')');
	if (!err)
		err = db_prepare(db, &st, e, buf_str(&sql));
	buf_release(&sql);
	if (err)
		return err;
	for (j = 0; j < k; j++)
		db_bind_int(st, (int)j + 1, ids[j]);
	while (!err && db_next(st)) {
		long long uid = db_col_int(st, 0);
		const char *per = db_col_text(st, 1);
		int ind = catalog_find(db_col_text(st, 2)), part, sex;
		period_t p;

		if (tree_find_id(t, uid) < 0 || ind < 0 || !per || !period_parse(per, strlen(per), &p))
			continue;
		part = part_parse(&catalog[ind], db_col_text(st, 3));
		sex = sex_parse(db_col_text(st, 4));
		if (part < 0 || sex < 0)
			continue;
		err = stored_put(s, stored_key(tree_find_id(t, uid), p, ind, part, sex), db_col_double(st, 5));
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

/* Reads the stored values of every unit that rows[0..n) name. */
static enum gemis_err stored_load(struct db *db, const struct tree *t, const struct value_row *rows,
				  size_t n, struct stored *s, struct errctx *e)
{
	unsigned char *want = calloc(t->n ? t->n : 1, 1);
	long long ids[LOAD_CHUNK];
	enum gemis_err err = GEMIS_OK;
	size_t i, u = 0;

	if (!want)
		return GEMIS_ENOMEM;
	for (i = 0; i < n; i++) {
		if (rows[i].unit >= 0 && (size_t)rows[i].unit < t->n)
			want[rows[i].unit] = 1;
	}
	while (!err && u < t->n) {
		size_t k = 0;

		for (; u < t->n && k < LOAD_CHUNK; u++) {
			if (want[u] && t->units[u].id > 0)
				ids[k++] = t->units[u].id;
		}
		if (k == 0)
			break;
		err = stored_load_ids(db, t, ids, k, s, e);
	}
	free(want);
	return err;
}

static enum gemis_err stored_lookup(void *ctx, int unit, period_t period, int ind, int part,
				    int sex, double *value, bool *found)
{
	*found = stored_get(ctx, stored_key(unit, period, ind, part, sex), value);
	return GEMIS_OK;
}

/* Rows are written in the order of the table they go into, so that every
 * insertion lands after the previous one: the values in primary-key order
 * (unit_id, period, indicator, part, sex as text).  B-tree inserts
 * in key order touch one leaf after another, and SQLite skips the search
 * from the root when a key follows the last one.  The orders are packed
 * into 64-bit keys and radix-sorted. */
struct keyed {
	uint64_t key;
	size_t row;
};

/* Rank of a period in text order: within a year, "2026" < "2026-01" <
 * ... < "2026-12" < "2026Q1" < ... < "2026Q4". */
unsigned period_rank(period_t p)
{
	unsigned sub = p & 31, r;

	if (sub == 0)
		r = 0;
	else if (sub >= 8)
		r = sub - 7;       /* months 1..12 */
	else
		r = 12 + sub;      /* quarters 13..16 */
	return (unsigned)period_year(p) * 32 + r;
}

static int cmp_ids(const void *a, const void *b, void *arg)
{
	const struct indicator *cat = arg;

	return strcmp(cat[*(const unsigned *)a].id, cat[*(const unsigned *)b].id);
}

enum gemis_err indicator_ranks(const struct indicator *cat, size_t n, unsigned *rank)
{
	unsigned *by_id = malloc((n ? n : 1) * sizeof(*by_id));
	size_t i;

	if (!by_id)
		return GEMIS_ENOMEM;
	for (i = 0; i < n; i++)
		by_id[i] = (unsigned)i;
	qsort_r(by_id, n, sizeof(*by_id), cmp_ids, (void *)cat);
	for (i = 0; i < n; i++)
		rank[by_id[i]] = (unsigned)i;
	free(by_id);
	return GEMIS_OK;
}

/* part ids in text order: "den" < "num" < "value" */
unsigned part_rank(const struct indicator *ind, int part)
{
	if (ind->kind == IND_VALUE)
		return 2;
	return part == PART_DEN ? 0 : 1;
}

enum gemis_err key_order_init(struct key_order *ko, const struct indicator *cat, size_t n,
			      size_t nunits, struct errctx *e)
{
	unsigned b = 1;

	memset(ko, 0, sizeof(*ko));
	if (n > CATALOG_MAX)
		return err_set(e, GEMIS_ELIMIT, "%zu indicators: the value store takes at most %d", n,
			       CATALOG_MAX);
	if (nunits > STORED_MAX_UNITS)
		return err_set(e, GEMIS_ELIMIT, "%zu units: the value store takes at most %zu", nunits,
			       STORED_MAX_UNITS);
	while (b < 16 && ((size_t)1 << b) < n)
		b++;
	ko->cat = cat;
	ko->ind_bits = b;
	ko->unit_mask = ((uint64_t)1 << (44 - b)) - 1;
	ko->irank = malloc((n ? n : 1) * sizeof(*ko->irank));
	if (!ko->irank || indicator_ranks(cat, n, ko->irank)) {
		key_order_release(ko);
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	}
	return GEMIS_OK;
}

void key_order_release(struct key_order *ko)
{
	free(ko->irank);
	memset(ko, 0, sizeof(*ko));
}

RADIX_SORT_DEFINE(sort_keyed, struct keyed)

/* Sorts k[0..n) by key, stably. */
static enum gemis_err radix_sort(struct keyed *k, size_t n)
{
	struct keyed *tmp = malloc((n ? n : 1) * sizeof(*tmp));
	size_t *cnt = malloc(RADIX_COUNTS * sizeof(*cnt));
	bool ok = tmp && cnt;

	if (ok)
		sort_keyed(k, tmp, cnt, n);
	free(tmp);
	free(cnt);
	return ok ? GEMIS_OK : GEMIS_ENOMEM;
}

/* Fills and sorts the write order of rows[order[0..n)] (the key's layout:
 * values_int.h), by unit id. */
static enum gemis_err write_order(const struct key_order *ko, const struct tree *t,
				  const struct value_row *rows, const size_t *order, size_t n,
				  struct keyed *put)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct value_row *r = &rows[order[i]];

		put[i].key = key_order_pack(ko, (uint64_t)t->units[r->unit].id, r->period, r->ind, r->part,
					    r->sex);
		put[i].row = i;
	}
	return radix_sort(put, n);
}

/* "INSERT ... VALUES (?, ...), ... " for k rows of VALUE_COLS columns. */
enum gemis_err multi_insert(struct db *db, const char *head, const char *tail, size_t k,
				   struct db_stmt **out, struct errctx *e)
{
	struct buf b;
	enum gemis_err err;
	size_t i, j;

	buf_init(&b, 0);
	err = buf_puts(&b, head);
	for (i = 0; !err && i < k; i++) {
		err = buf_puts(&b, i ? ", (?" : " VALUES (?");
		for (j = 1; !err && j < VALUE_COLS; j++)
			err = buf_puts(&b, ", ?");
		if (!err)
			err = buf_putc(&b, ')');
	}
	if (!err && tail)
		err = buf_puts(&b, tail);
	if (!err)
		err = db_prepare(db, out, e, buf_str(&b));
	buf_release(&b);
	return err;
}

const char *const value_cols[VALUE_COLS] = {
	"unit_id", "period", "year", "indicator", "part", "sex", "value", "batch",
};

enum gemis_err value_batch_new(struct db *db, const char *user, const char *source, long long *id,
			       struct errctx *e)
{
	bool found;

	return db_query_int(db, e, id, &found,
			    "INSERT INTO value_batches (source, changed_by, changed_at) VALUES (?, ?, ?)"
			    " RETURNING id",
			    "tti", source, user, (long long)time(NULL));
}

void value_bind(struct db_stmt *st, int k, long long unit_id, const struct value_row *r, long long batch)
{
	const struct indicator *ind = &catalog[r->ind];
	int b = k * VALUE_COLS;
	char per[16];

	period_format(r->period, per, sizeof(per));
	db_bind_int(st, b + 1, unit_id);
	db_bind_text(st, b + 2, per);
	db_bind_int(st, b + 3, period_year(r->period));
	db_bind_text(st, b + 4, ind->id);
	db_bind_text(st, b + 5, part_id(ind, r->part));
	db_bind_text(st, b + 6, sex_id((enum sex)r->sex));
	db_bind_double(st, b + 7, r->value);
	db_bind_int(st, b + 8, batch);
}

void value_bulk(struct db_bulk *b, long long unit_id, const struct value_row *r, long long batch)
{
	const struct indicator *ind = &catalog[r->ind];
	char per[16];

	period_format(r->period, per, sizeof(per));
	db_bulk_int(b, unit_id);
	db_bulk_text(b, per);
	db_bulk_int(b, period_year(r->period));
	db_bulk_text(b, ind->id);
	db_bulk_text(b, part_id(ind, r->part));
	db_bulk_text(b, sex_id((enum sex)r->sex));
	db_bulk_double(b, r->value);
	db_bulk_int(b, batch);
}

/* Writes the values that replace stored ones (rows[order[changed[..]]]),
 * WRITE_CHUNK rows a statement; the table's trigger keeps what they
 * replace. */
static enum gemis_err update_changed(struct db *db, const struct tree *t, const struct value_row *rows,
				     const size_t *order, const size_t *changed, size_t nchanged,
				     long long batch, struct errctx *e)
{
	struct db_stmt *up = NULL;
	size_t i, k = 0, done = 0;
	enum gemis_err err = GEMIS_OK;

	while (!err && done < nchanged) {
		size_t chunk = nchanged - done < WRITE_CHUNK ? nchanged - done : WRITE_CHUNK;

		if (chunk != k) {
			db_finalize(up, NULL);
			up = NULL;
			k = chunk;
			err = multi_insert(db, PUT_HEAD, PUT_TAIL, k, &up, e);
			if (err)
				break;
		}
		for (i = 0; i < k; i++) {
			const struct value_row *r = &rows[order[changed[done + i]]];

			value_bind(up, (int)i, t->units[r->unit].id, r, batch);
		}
		err = db_step_done(up, e);
		done += k;
	}
	db_finalize(up, NULL);
	return err;
}

/* Writes rows[order[put[..].row]]: new keys by bulk insertion, changed
 * ones (old[i] is the stored value of rows[order[i]], NaN for a new key)
 * by multi-row upserts, all as one batch of `user` from `source`.  The
 * caller holds the table lock, so a key it did not find is still absent. */
static enum gemis_err write_rows(struct db *db, const struct tree *t, const struct value_row *rows,
				 const size_t *order, const double *old, const struct keyed *put_order,
				 size_t n, const char *user, const char *source,
				 values_progress_fn progress, void *pctx, size_t total, struct errctx *e)
{
	struct db_bulk *bulk = NULL;
	size_t *changed = NULL, nchanged = 0, i;
	long long batch = 0;
	enum gemis_err err;

	changed = malloc((n ? n : 1) * sizeof(*changed));
	if (!changed)
		return GEMIS_ENOMEM;
	err = value_batch_new(db, user, source, &batch, e);
	/* new values */
	if (!err)
		err = db_bulk_begin(db, &bulk, e, "datavalues", value_cols, VALUE_COLS);
	for (i = 0; !err && i < n; i++) {
		size_t pi = put_order[i].row;
		const struct value_row *r = &rows[order[pi]];

		if (!isnan(old[pi])) {
			changed[nchanged++] = pi;
			continue;
		}
		value_bulk(bulk, t->units[r->unit].id, r, batch);
		if (progress && i % 65536 == 0)
			progress(pctx, i, total);
	}
	if (bulk) {
		enum gemis_err ferr = db_bulk_finish(bulk, e);

		err = err ? err : ferr;
	}
	/* changed values, WRITE_CHUNK at a time */
	if (!err)
		err = update_changed(db, t, rows, order, changed, nchanged, batch, e);
	free(changed);
	return err;
}

/* Moves the data version, naming the units whose values were written. */
static enum gemis_err changed(struct db *db, const struct tree *t, const struct value_row *rows,
			      const size_t *order, size_t nw, struct errctx *e)
{
	long long *ids = malloc((nw ? nw : 1) * sizeof(*ids));
	size_t i, k = 0;
	enum gemis_err err;

	if (!ids)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	for (i = 0; i < nw; i++) {
		long long id = t->units[rows[order[i]].unit].id;

		if (k == 0 || ids[k - 1] != id)
			ids[k++] = id;
	}
	err = store_values_changed(db, ids, k, e);
	free(ids);
	return err;
}

enum gemis_err values_import(struct db *db, const struct tree *t, struct value_row *rows, size_t n,
			     const char *user, const char *source, int flags, struct diags *d,
			     struct values_result *res, values_progress_fn progress, void *pctx,
			     struct errctx *e)
{
	struct stored stored = {0};
	struct key_order ko;
	struct keyed *put = NULL;
	size_t *order = NULL, nw = 0, i, nind;
	double *old = NULL;
	bool own_tx;
	enum gemis_err err;

	memset(res, 0, sizeof(*res));
	/* the count first: the array read after it holds that many (catalog_add()) */
	nind = catalog_n();
	err = key_order_init(&ko, catalog, nind, t->n, e);
	if (err)
		return err;
	/* a caller that writes more in the same transaction (the approval of a
	 * form) begins it; otherwise the batch is its own transaction */
	own_tx = !db->in_tx;
	if (own_tx) {
		err = db_begin(db, e);
		if (err) {
			key_order_release(&ko);
			return err;
		}
	}
	/* writers of values take turns, so that the values read below are
	 * still the stored ones when the batch is written */
	err = db_lock_table(db, "datavalues", e);
	/* a retirement committed since this process read the catalog */
	if (!err)
		err = indicators_load_retired(db, e);
	if (!err)
		err = stored_load(db, t, rows, n, &stored, e);
	if (!err)
		err = validate_rows(rows, n, stored_lookup, &stored, d, e);
	/* values of an approved form are locked until the form is reopened,
	 * whatever path they come by (CSV, API, another form) */
	if (!err)
		err = submissions_check_locked(db, t, rows, n, d, e);
	if (!err && d->total > 0)
		err = err_set(e, GEMIS_EINVAL, "%zu problem(s) found; nothing was written", d->total);
	if (!err) {
		order = malloc((n ? n : 1) * sizeof(*order));
		old = malloc((n ? n : 1) * sizeof(*old));
		if (!order || !old)
			err = GEMIS_ENOMEM;
	}
	for (i = 0; !err && i < n; i++) {
		const struct value_row *r = &rows[i];
		double v = NAN;
		bool found;

		if (r->skip) {
			res->unchanged++;
			continue;
		}
		found = stored_get(&stored, stored_key(r->unit, r->period, r->ind, r->part, r->sex), &v);
		if (found && v == r->value) {
			res->unchanged++;
			continue;
		}
		if (found)
			res->updated++;
		else
			res->inserted++;
		order[nw] = i;
		old[nw] = found ? v : NAN;
		nw++;
	}
	stored_release(&stored);
	if (!err && !(flags & VALUES_DRY_RUN) && nw > 0) {
		put = malloc(nw * sizeof(*put));
		if (!put)
			err = GEMIS_ENOMEM;
		if (!err)
			err = write_order(&ko, t, rows, order, nw, put);
		if (!err)
			err = write_rows(db, t, rows, order, old, put, nw, user, source, progress, pctx, n, e);
		if (!err)
			err = changed(db, t, rows, order, nw, e);
	}
	if (progress && !err)
		progress(pctx, n, n);
	free(put);
	free(order);
	free(old);
	key_order_release(&ko);
	if (!own_tx)
		return err;
	if (err || (flags & VALUES_DRY_RUN)) {
		db_rollback(db);
		return err;
	}
	return db_commit(db, e);
}

/* The batches written by the demo (few: one a demo run), sorted, to tell
 * demo values by their batch without a join on every row. */
struct batch_set {
	long long *ids;
	size_t n;
};

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static enum gemis_err demo_batches(struct db *db, struct batch_set *set, struct errctx *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	enum gemis_err err;

	set->ids = NULL;
	set->n = 0;
	err = db_prepare(db, &st, e, "SELECT id FROM value_batches WHERE source = 'demo'");
	if (err)
		return err;
	while (!err && db_next(st)) {
		if (set->n == cap) {
			long long *g = realloc(set->ids, (cap = cap ? cap * 2 : 16) * sizeof(*g));

			if (!g) {
				err = err_set(e, GEMIS_ENOMEM, "out of memory");
				break;
			}
			set->ids = g;
		}
		set->ids[set->n++] = db_col_int(st, 0);
	}
	if (err)
		db_finalize(st, NULL);
	else
		err = db_finalize(st, e);
	if (set->n)
		qsort(set->ids, set->n, sizeof(*set->ids), cmp_ll);
	return err;
}

static bool batch_in(const struct batch_set *set, long long id)
{
	return set->n && bsearch(&id, set->ids, set->n, sizeof(*set->ids), cmp_ll);
}

enum gemis_err values_load(struct db *db, const struct tree *t, struct dataset *ds,
			   struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct batch_set demo;
	enum gemis_err err;

	err = demo_batches(db, &demo, e);
	if (!err)
		err = db_prepare(db, &st, e,
				 "SELECT unit_id, period, indicator, part, sex, value, batch FROM datavalues");
	if (err) {
		free(demo.ids);
		return err;
	}
	while (db_next(st)) {
		long long uid = db_col_int(st, 0);
		const char *per = db_col_text(st, 1);
		int ind = catalog_find(db_col_text(st, 2)), unit, part, sex;
		period_t p;

		if (tree_find_id(t, uid) < 0 || ind < 0 || !per)
			continue;
		unit = tree_find_id(t, uid);
		part = part_parse(&catalog[ind], db_col_text(st, 3));
		sex = sex_parse(db_col_text(st, 4));
		/* a part or sex the indicator does not take has no cell */
		if (part < 0 || sex < 0 || !indicator_takes_sex(&catalog[ind], sex) ||
		    !period_parse(per, strlen(per), &p))
			continue;
		err = dataset_put(ds, unit, p, ind, part, sex, db_col_double(st, 5));
		if (err)
			break;
		if (batch_in(&demo, db_col_int(st, 6)))
			ds->demo = true;
	}
	free(demo.ids);
	if (err)
		db_finalize(st, NULL);
	else
		err = db_finalize(st, e);
	return err;
}

enum gemis_err values_load_unit(struct db *db, const struct tree *t, struct unit_values *v,
				struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	if (v->unit < 0 || (size_t)v->unit >= t->n || !t->units[v->unit].id)
		return GEMIS_EINVAL;
	err = db_prepare(db, &st, e,
			 "SELECT d.period, d.indicator, d.part, d.sex, d.value, b.source"
			 " FROM datavalues d JOIN value_batches b ON b.id = d.batch WHERE d.unit_id = ?");
	if (err)
		return err;
	db_bind_int(st, 1, t->units[v->unit].id);
	while (db_next(st)) {
		const char *per = db_col_text(st, 0), *src = db_col_text(st, 5);
		int ind = catalog_find(db_col_text(st, 1)), part, sex;
		period_t p;

		if (ind < 0 || !per)
			continue;
		part = part_parse(&catalog[ind], db_col_text(st, 2));
		sex = sex_parse(db_col_text(st, 3));
		if (part < 0 || sex < 0 || !indicator_takes_sex(&catalog[ind], sex) ||
		    !period_parse(per, strlen(per), &p))
			continue;
		err = unit_values_put(v, p, ind, part, sex, db_col_double(st, 4));
		if (err)
			break;
		if (src && strcmp(src, "demo") == 0)
			v->demo = true;
	}
	if (err)
		db_finalize(st, NULL);
	else
		err = db_finalize(st, e);
	return err;
}

/* Walks the rows of a query of (unit_id, period, indicator, part, sex,
 * value, source, entered_by, entered_at) under `scope`. */
static enum gemis_err each_record(struct db_stmt *st, const struct tree *t, int scope,
				  value_record_fn fn, void *ctx, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;

	while (!err && db_next(st)) {
		long long uid = db_col_int(st, 0);
		const char *per = db_col_text(st, 1);
		int u = tree_find_id(t, uid), ind = catalog_find(db_col_text(st, 2));
		struct value_record v;

		if (u < 0 || ind < 0 || !per || !tree_contains(t, scope, u))
			continue;
		memset(&v, 0, sizeof(v));
		v.row.unit = u;
		v.row.ind = ind;
		v.row.part = part_parse(&catalog[ind], db_col_text(st, 3));
		v.row.sex = sex_parse(db_col_text(st, 4));
		v.row.value = db_col_double(st, 5);
		if (v.row.part < 0 || v.row.sex < 0 || !period_parse(per, strlen(per), &v.row.period))
			continue;
		v.source = db_col_text(st, 6) ? db_col_text(st, 6) : "";
		v.entered_by = db_col_text(st, 7) ? db_col_text(st, 7) : "";
		v.entered_at = db_col_int(st, 8);
		err = fn(ctx, &v);
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

/* A value with its batch: the columns each_record() reads. */
#define RECORD_SELECT                                                                          \
	"SELECT d.unit_id, d.period, d.indicator, d.part, d.sex, d.value, b.source, b.changed_by," \
	" b.changed_at FROM datavalues d JOIN value_batches b ON b.id = d.batch"

enum gemis_err values_each(struct db *db, const struct tree *t, int unit, int year,
			   value_record_fn fn, void *ctx, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	if (year)
		err = db_prepare(db, &st, e, RECORD_SELECT " WHERE d.year = ?");
	else
		err = db_prepare(db, &st, e, RECORD_SELECT);
	if (err)
		return err;
	if (year)
		db_bind_int(st, 1, year);
	return each_record(st, t, unit, fn, ctx, e);
}

enum gemis_err values_history(struct db *db, const struct tree *t, int unit, int ind,
			      value_record_fn fn, void *ctx, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 RECORD_SELECT " WHERE d.unit_id = ? AND d.indicator = ?"
			 " ORDER BY d.period DESC, d.part, d.sex");
	if (err)
		return err;
	db_bindv(st, "it", t->units[unit].id, catalog[ind].id);
	return each_record(st, t, unit, fn, ctx, e);
}
