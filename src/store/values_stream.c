/*
 * values_stream.c: the import of a batch too large to hold in memory (the
 * CLI's `values import` of a CSV file), in memory that does not grow with
 * the batch, with the checks, audit trail and atomicity of values_import().
 *
 * 1. Rows are added one by one (the reader streams the file); every
 *    RUN_ROWS rows are sorted by their write order (the primary key's:
 *    unit id, period, indicator, part, sex; then line) and spilled to an
 *    unlinked temporary file ($TMPDIR, else /tmp) as a sorted run.
 * 2. In one transaction, after the lock on datavalues, the runs are merged:
 *    the rows arrive in key order, so that an exact duplicate follows the
 *    row it repeats, and the rows of one (unit, period, indicator) are
 *    together.  Each such group is checked by validate_rows_within()
 *    (negative values, a share's numerator above its denominator, the
 *    partner part taken from the stored values) and against the approved
 *    forms; the rows of one (unit, period) come together too, and their
 *    totals and groups are checked when it is over (validate_groups()); the
 *    stored values are read a window of units at a time.
 * 3. While no problem is known, each checked row is written at once, as
 *    one batch (value_batches): a new value appended to a bulk insertion
 *    in the primary key's order (closed while stored values are read), a
 *    changed one to a second temporary file, upserted after the merge (the
 *    table's trigger keeps the value it replaces: the audit trail).  The
 *    first problem stops the writing; the checks go on, to report every
 *    problem, and the transaction is rolled back: nothing written.  Writing
 *    during the merge instead of after it saves a pass over every row.
 */
#include "values.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "indicators.h"
#include "store.h"
#include "submissions.h"
#include "util/i18n.h"
#include "util/radix.h"
#include "values_int.h"

#include "util/banned.h"

#define RUN_ROWS ((size_t)1 << 18) /* rows of a sorted run: 12 MiB */
#define MERGE_BYTES ((size_t)8 << 20) /* read buffers of the merge, in all */
#define WINDOW_UNITS 256           /* units whose stored values are read at once */
#define GROUP_MAX 16               /* keys of one (unit, period, indicator): 3 parts x 3 sexes */

/* A row in the temporary files. */
struct srec {
	uint64_t key; /* write order by unit rank (values_int.h) */
	double value;
	double old;   /* the stored value it replaces, NaN for a new key (second file) */
	long long line;
	int unit;
	period_t period;
	int ind;
	signed char part, sex;
};

struct run {
	long long off, n; /* first record and count in the file */
	long long next;   /* records read so far */
	struct srec *buf;
	size_t nbuf, pos, cap;
};

struct values_stream {
	const struct tree *t;
	unsigned *rank;         /* tree index -> rank by unit id */
	int *by_rank;           /* rank -> tree index */
	unsigned char *want;    /* tree index -> named by a row */
	struct key_order ko;    /* the write keys' layout and indicator ranks */
	struct srec *buf, *tmp; /* the current run and the sort's scratch */
	size_t *cnt;            /* the sort's counts */
	size_t nbuf;
	FILE *runs;
	struct run *run;
	size_t nrun, caprun;
	size_t total;
};

/* An unlinked temporary file in $TMPDIR, else /tmp; NULL with e set. */
static FILE *temp_file(struct errctx *e)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *f;
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/gemis-import-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0) {
		err_set_at(e, GEMIS_EIO, dir, "cannot create a temporary file for the import: %s", strerror(errno));
		return NULL;
	}
	unlink(path);
	f = fdopen(fd, "w+b");
	if (!f) {
		close(fd);
		err_set(e, GEMIS_ENOMEM, "out of memory");
	}
	return f;
}

static int cmp_id(const void *pa, const void *pb, void *arg)
{
	const struct tree *t = arg;
	long long a = t->units[*(const int *)pa].id, b = t->units[*(const int *)pb].id;

	return a < b ? -1 : a > b;
}

void values_stream_close(struct values_stream *vs)
{
	size_t i;

	if (!vs)
		return;
	if (vs->runs)
		fclose(vs->runs);
	for (i = 0; i < vs->nrun; i++)
		free(vs->run[i].buf);
	free(vs->run);
	free(vs->rank);
	free(vs->by_rank);
	free(vs->want);
	free(vs->buf);
	free(vs->tmp);
	free(vs->cnt);
	key_order_release(&vs->ko);
	free(vs);
}

enum gemis_err values_stream_open(const struct tree *t, struct values_stream **out, struct errctx *e)
{
	struct values_stream *vs = calloc(1, sizeof(*vs));
	size_t n = t->n ? t->n : 1, i, nind;
	enum gemis_err err;

	*out = NULL;
	if (!vs)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	vs->t = t;
	/* the count first: the array read after it holds that many (catalog_add()) */
	nind = catalog_n();
	err = key_order_init(&vs->ko, catalog, nind, t->n, e);
	if (err) {
		values_stream_close(vs);
		return err;
	}
	vs->rank = malloc(n * sizeof(*vs->rank));
	vs->by_rank = malloc(n * sizeof(*vs->by_rank));
	vs->want = calloc(n, 1);
	vs->buf = malloc(RUN_ROWS * sizeof(*vs->buf));
	vs->tmp = malloc(RUN_ROWS * sizeof(*vs->tmp));
	vs->cnt = malloc(RADIX_COUNTS * sizeof(*vs->cnt));
	if (!vs->rank || !vs->by_rank || !vs->want || !vs->buf || !vs->tmp || !vs->cnt) {
		values_stream_close(vs);
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	}
	vs->runs = temp_file(e);
	if (!vs->runs) {
		values_stream_close(vs);
		return e ? e->code : GEMIS_EIO;
	}
	for (i = 0; i < t->n; i++)
		vs->by_rank[i] = (int)i;
	qsort_r(vs->by_rank, t->n, sizeof(*vs->by_rank), cmp_id, (void *)t);
	for (i = 0; i < t->n; i++)
		vs->rank[vs->by_rank[i]] = (unsigned)i;
	*out = vs;
	return GEMIS_OK;
}

size_t values_stream_count(const struct values_stream *vs)
{
	return vs->total;
}

/* Sorts a[0..n) by key, stably (the rows came in line order). */
RADIX_SORT_DEFINE(sort_recs, struct srec)

/* Sorts the current run and appends it to the runs file. */
static enum gemis_err spill(struct values_stream *vs, struct errctx *e)
{
	struct run *r;

	if (vs->nbuf == 0)
		return GEMIS_OK;
	if (vs->nrun == vs->caprun) {
		size_t cap = vs->caprun ? vs->caprun * 2 : 16;
		struct run *nr = realloc(vs->run, cap * sizeof(*nr));

		if (!nr)
			return err_set(e, GEMIS_ENOMEM, "out of memory");
		vs->run = nr;
		vs->caprun = cap;
	}
	sort_recs(vs->buf, vs->tmp, vs->cnt, vs->nbuf);
	r = &vs->run[vs->nrun];
	memset(r, 0, sizeof(*r));
	r->off = vs->nrun ? vs->run[vs->nrun - 1].off + vs->run[vs->nrun - 1].n : 0;
	r->n = (long long)vs->nbuf;
	if (fwrite(vs->buf, sizeof(*vs->buf), vs->nbuf, vs->runs) != vs->nbuf)
		return err_set(e, GEMIS_EIO, "cannot write the import's temporary file (disk full?)");
	vs->nrun++;
	vs->nbuf = 0;
	return GEMIS_OK;
}

static uint64_t rec_key(const struct values_stream *vs, const struct value_row *row)
{
	return key_order_pack(&vs->ko, vs->rank[row->unit], row->period, row->ind, row->part, row->sex);
}

enum gemis_err values_stream_add(struct values_stream *vs, const struct value_row *row, struct errctx *e)
{
	struct srec *r;

	if (vs->nbuf == RUN_ROWS) {
		enum gemis_err err = spill(vs, e);

		if (err)
			return err;
	}
	r = &vs->buf[vs->nbuf++];
	memset(r, 0, sizeof(*r));
	r->key = rec_key(vs, row);
	r->value = row->value;
	r->old = NAN;
	r->line = row->line;
	r->unit = row->unit;
	r->period = row->period;
	r->ind = row->ind;
	r->part = (signed char)row->part;
	r->sex = (signed char)row->sex;
	vs->want[row->unit] = 1;
	vs->total++;
	return GEMIS_OK;
}

/* --- the merge ------------------------------------------------------------ */

/* Refills run r's buffer; false at its end or on a read error (*err). */
static bool run_fill(FILE *f, struct run *r, enum gemis_err *err)
{
	size_t want;

	if (r->next >= r->n)
		return false;
	want = (size_t)(r->n - r->next) < r->cap ? (size_t)(r->n - r->next) : r->cap;
	if (fseeko(f, (off_t)((r->off + r->next) * (long long)sizeof(struct srec)), SEEK_SET) != 0 ||
	    fread(r->buf, sizeof(struct srec), want, f) != want) {
		*err = GEMIS_EIO;
		return false;
	}
	r->next += (long long)want;
	r->nbuf = want;
	r->pos = 0;
	return true;
}

static bool rec_less(const struct srec *a, const struct srec *b)
{
	return a->key != b->key ? a->key < b->key : a->line < b->line;
}

struct merge {
	FILE *f;
	struct run *run;
	size_t *heap, nheap; /* run indices, a min-heap on their current record */
	enum gemis_err err;
};

static const struct srec *head(const struct merge *m, size_t h)
{
	const struct run *r = &m->run[m->heap[h]];

	return &r->buf[r->pos];
}

static void sift_down(struct merge *m, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, s = i, tmp;

		if (l < m->nheap && rec_less(head(m, l), head(m, s)))
			s = l;
		if (l + 1 < m->nheap && rec_less(head(m, l + 1), head(m, s)))
			s = l + 1;
		if (s == i)
			return;
		tmp = m->heap[i];
		m->heap[i] = m->heap[s];
		m->heap[s] = tmp;
		i = s;
	}
}

static enum gemis_err merge_open(struct values_stream *vs, struct merge *m, struct errctx *e)
{
	size_t i, cap;

	memset(m, 0, sizeof(*m));
	m->f = vs->runs;
	m->run = vs->run;
	if (fflush(vs->runs) != 0)
		return err_set(e, GEMIS_EIO, "cannot write the import's temporary file (disk full?)");
	m->heap = malloc((vs->nrun ? vs->nrun : 1) * sizeof(*m->heap));
	if (!m->heap)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	cap = MERGE_BYTES / sizeof(struct srec) / (vs->nrun ? vs->nrun : 1);
	if (cap < 256)
		cap = 256;
	for (i = 0; i < vs->nrun; i++) {
		struct run *r = &vs->run[i];

		r->cap = cap;
		r->next = 0;
		r->buf = malloc(cap * sizeof(*r->buf));
		if (!r->buf)
			return err_set(e, GEMIS_ENOMEM, "out of memory");
		if (run_fill(m->f, r, &m->err))
			m->heap[m->nheap++] = i;
		else if (m->err)
			return err_set(e, m->err, "cannot read the import's temporary file");
	}
	for (i = m->nheap; i-- > 0;)
		sift_down(m, i);
	return GEMIS_OK;
}

/* The next record in key order into *out; false at the end (m->err on a
 * read error). */
static bool merge_next(struct merge *m, struct srec *out)
{
	struct run *r;

	if (m->nheap == 0)
		return false;
	r = &m->run[m->heap[0]];
	*out = r->buf[r->pos++];
	if (r->pos == r->nbuf && !run_fill(m->f, r, &m->err)) {
		m->heap[0] = m->heap[--m->nheap];
		if (m->err)
			m->nheap = 0;
	}
	if (m->nheap)
		sift_down(m, 0);
	return true;
}

/* --- the checks ----------------------------------------------------------- */

struct check {
	struct values_stream *vs;
	struct db *db;
	struct stored stored;
	unsigned window_end; /* ranks below it have their stored values read */
	struct form_locks locks;
	struct srec g[GROUP_MAX];
	struct value_row gr[GROUP_MAX];
	size_t gn;
	/* the rows of one unit and period that validate_groups() checks
	 * together once it is over: at most every cell of the catalog */
	struct value_row *fam;
	size_t nfam, capfam;
	struct group_index *groups; /* the catalog's series, NULL without */
	bool write;          /* not a dry run */
	const char *user, *source;
	long long batch;     /* the write's value_batches row, 0 until a row is written */
	struct db_bulk *bulk; /* new values, open between two reads of stored ones */
	FILE *out;           /* changed values, with the values they replace */
	size_t nchanged;
	long long *ids;      /* units whose values are written, in key order */
	size_t nids;
	struct diags *d;
	struct values_result *res;
	values_progress_fn progress;
	void *pctx;
	size_t seen;         /* rows merged, for progress */
};

static void to_row(const struct srec *s, struct value_row *r)
{
	memset(r, 0, sizeof(*r));
	r->unit = s->unit;
	r->period = s->period;
	r->ind = s->ind;
	r->part = s->part;
	r->sex = s->sex;
	r->value = s->value;
	r->line = (long)s->line;
}

/* Ends the bulk insertion of new values, if one is open: PostgreSQL runs
 * no other statement during a COPY. */
static enum gemis_err bulk_end(struct check *c, struct errctx *e)
{
	enum gemis_err err;

	if (!c->bulk)
		return GEMIS_OK;
	err = db_bulk_finish(c->bulk, e);
	c->bulk = NULL;
	return err;
}

/* Writes a new value: appended to the bulk insertion in key order, which
 * is the primary key's. */
static enum gemis_err put_new(struct check *c, const struct srec *r, struct errctx *e)
{
	struct value_row v;
	enum gemis_err err;

	if (!c->bulk) {
		err = db_bulk_begin(c->db, &c->bulk, e, "datavalues", value_cols, VALUE_COLS);
		if (err)
			return err;
	}
	to_row(r, &v);
	value_bulk(c->bulk, c->vs->t->units[r->unit].id, &v, c->batch);
	return GEMIS_OK;
}

/* Writes a row that passed its checks, while no problem is known: a new
 * value at once, a changed one to the temporary file (upserted after the
 * merge).  A problem found later rolls it all back. */
static enum gemis_err put_row(struct check *c, const struct srec *r, struct errctx *e)
{
	long long id = c->vs->t->units[r->unit].id;
	enum gemis_err err;

	/* a batch is recorded only for a write that changes something; no
	 * COPY is open before the first row */
	if (!c->batch) {
		err = value_batch_new(c->db, c->user, c->source, &c->batch, e);
		if (err)
			return err;
	}
	if (c->nids == 0 || c->ids[c->nids - 1] != id)
		c->ids[c->nids++] = id;
	if (isnan(r->old))
		return put_new(c, r, e);
	c->nchanged++;
	if (fwrite(r, sizeof(*r), 1, c->out) != 1)
		return err_set(e, GEMIS_EIO, "cannot write the import's temporary file (disk full?)");
	return GEMIS_OK;
}

static enum gemis_err lookup(void *ctx, int unit, period_t period, int ind, int part, int sex, double *value,
			     bool *found)
{
	*found = stored_get(ctx, stored_key(unit, period, ind, part, sex), value);
	return GEMIS_OK;
}

/* Reads the stored values of the next WINDOW_UNITS units that rows name,
 * from the rank of `unit`. */
static enum gemis_err window(struct check *c, int unit, struct errctx *e)
{
	const struct values_stream *vs = c->vs;
	long long ids[WINDOW_UNITS];
	unsigned r = vs->rank[unit];
	size_t k = 0;
	enum gemis_err err;

	if (r < c->window_end)
		return GEMIS_OK;
	err = bulk_end(c, e);
	if (err)
		return err;
	if (c->stored.cap)
		memset(c->stored.keys, 0, c->stored.cap * sizeof(*c->stored.keys));
	c->stored.n = 0;
	for (; r < vs->t->n && k < WINDOW_UNITS; r++) {
		int u = vs->by_rank[r];

		if (vs->want[u] && vs->t->units[u].id > 0)
			ids[k++] = vs->t->units[u].id;
	}
	c->window_end = r;
	return k ? stored_load_ids(c->db, vs->t, ids, k, &c->stored, e) : GEMIS_OK;
}

/* Keeps the checked rows of the group for validate_groups(). */
static enum gemis_err keep_for_groups(struct check *c, struct errctx *e)
{
	size_t i;

	if (c->nfam + c->gn > c->capfam) {
		size_t cap = (c->capfam ? c->capfam * 2 : 64) + c->gn;
		struct value_row *nf = realloc(c->fam, cap * sizeof(*nf));

		if (!nf)
			return err_set(e, GEMIS_ENOMEM, "out of memory");
		c->fam = nf;
		c->capfam = cap;
	}
	for (i = 0; i < c->gn; i++) {
		if (!c->gr[i].skip)
			c->fam[c->nfam++] = c->gr[i];
	}
	return GEMIS_OK;
}

/* Checks the totals and groups of the unit and period just merged, with
 * the stored values of its window (before the window moves on). */
static enum gemis_err flush_unit_period(struct check *c, struct errctx *e)
{
	enum gemis_err err;

	if (c->nfam == 0)
		return GEMIS_OK;
	err = validate_groups(c->groups, c->fam, c->nfam, lookup, &c->stored, c->d, e);
	c->nfam = 0;
	return err;
}

/* Checks the rows of one (unit, period, indicator) and keeps those to
 * write. */
static enum gemis_err flush_group(struct check *c, struct errctx *e)
{
	enum gemis_err err;
	size_t i;

	if (c->gn == 0)
		return GEMIS_OK;
	for (i = 0; i < c->gn; i++)
		to_row(&c->g[i], &c->gr[i]);
	err = validate_rows_within(c->gr, c->gn, lookup, &c->stored, c->d, e);
	if (!err && group_index_member(c->groups, c->gr[0].ind))
		err = keep_for_groups(c, e);
	if (err)
		return err;
	form_locks_check(&c->locks, c->vs->t, c->gr, c->gn, c->d);
	for (i = 0; i < c->gn; i++) {
		struct srec *s = &c->g[i];
		double v = NAN;
		bool found = stored_get(&c->stored, stored_key(s->unit, s->period, s->ind, s->part, s->sex), &v);

		if (found && v == s->value) {
			c->res->unchanged++;
			continue;
		}
		if (found)
			c->res->updated++;
		else
			c->res->inserted++;
		s->old = found ? v : NAN;
		if (c->write && c->d->total == 0) {
			err = put_row(c, s, e);
			if (err)
				return err;
		}
	}
	c->gn = 0;
	return GEMIS_OK;
}

/* A row with the key of the row before it: the first one wins, an equal
 * value is skipped, a different one is a problem (as validate_rows). */
static void duplicate(struct check *c, const struct srec *first, const struct srec *r)
{
	c->res->unchanged++;
	if (r->value < 0)
		diags_add(c->d, (long)r->line, "value", _("negative value %g: counts cannot be negative"), r->value);
	if (first->value != r->value) {
		char va[32], vb[32];

		snprintf(va, sizeof(va), "%.15g", first->value);
		snprintf(vb, sizeof(vb), "%.15g", r->value);
		diags_add(c->d, (long)r->line, "value",
			  _("value %s conflicts with %s given for the same unit, period, "
			    "indicator, part and sex on line %ld"),
			  vb, va, (long)first->line);
	}
}

static enum gemis_err check_all(struct check *c, struct merge *m, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	struct srec r;

	while (!err && merge_next(m, &r)) {
		if (c->progress && ++c->seen % 65536 == 0)
			c->progress(c->pctx, c->seen, c->vs->total);
		if (c->gn && r.key == c->g[c->gn - 1].key) {
			duplicate(c, &c->g[c->gn - 1], &r);
			continue;
		}
		if (c->gn && (r.key >> KEY_GROUP_SHIFT != c->g[0].key >> KEY_GROUP_SHIFT || c->gn == GROUP_MAX))
			err = flush_group(c, e);
		if (!err && c->nfam && (r.unit != c->fam[0].unit || r.period != c->fam[0].period))
			err = flush_unit_period(c, e);
		if (!err)
			err = window(c, r.unit, e);
		if (!err)
			c->g[c->gn++] = r;
	}
	if (!err && m->err)
		err = err_set(e, m->err, "cannot read the import's temporary file");
	if (!err)
		err = flush_group(c, e);
	if (!err)
		err = flush_unit_period(c, e);
	if (!err)
		err = bulk_end(c, e);
	return err;
}

/* --- the writes ----------------------------------------------------------- */

/* Reads the rows to write, from the start, into the caller's buffer. */
struct reader {
	FILE *f;
	struct srec buf[4096];
	size_t n, pos;
};

static bool reader_start(struct reader *rd, FILE *f)
{
	rd->f = f;
	rd->n = rd->pos = 0;
	return fflush(f) == 0 && fseeko(f, 0, SEEK_SET) == 0;
}

static const struct srec *reader_next(struct reader *rd)
{
	if (rd->pos == rd->n) {
		rd->n = fread(rd->buf, sizeof(rd->buf[0]), sizeof(rd->buf) / sizeof(rd->buf[0]), rd->f);
		rd->pos = 0;
		if (rd->n == 0)
			return NULL;
	}
	return &rd->buf[rd->pos++];
}

/* Binds rows[0..k) to an upsert of k rows and runs it. */
static enum gemis_err upsert(struct check *c, struct db_stmt *up, const struct srec *rows, size_t k,
			     struct errctx *e)
{
	size_t i;

	for (i = 0; i < k; i++) {
		struct value_row v;

		to_row(&rows[i], &v);
		value_bind(up, (int)i, c->vs->t->units[v.unit].id, &v, c->batch);
	}
	return db_step_done(up, e);
}

/* The values that replace stored ones, from the temporary file, WRITE_CHUNK
 * rows a statement; the table's trigger keeps what they replace. */
static enum gemis_err write_changed(struct check *c, struct reader *rd, struct errctx *e)
{
	struct srec chunk[WRITE_CHUNK];
	struct db_stmt *full = NULL, *part = NULL;
	const struct srec *r;
	enum gemis_err err = GEMIS_OK;
	size_t k = 0;

	if (!reader_start(rd, c->out))
		return err_set(e, GEMIS_EIO, "cannot read the import's temporary file");
	while (!err && (r = reader_next(rd)) != NULL) {
		chunk[k++] = *r;
		if (k < WRITE_CHUNK)
			continue;
		if (!full)
			err = multi_insert(c->db, PUT_HEAD, PUT_TAIL, WRITE_CHUNK, &full, e);
		if (!err)
			err = upsert(c, full, chunk, k, e);
		k = 0;
	}
	if (!err && k) {
		err = multi_insert(c->db, PUT_HEAD, PUT_TAIL, k, &part, e);
		if (!err)
			err = upsert(c, part, chunk, k, e);
	}
	db_finalize(full, NULL);
	db_finalize(part, NULL);
	return err;
}

/* After the merge wrote the new values: the changed ones, and the data
 * version naming the units written. */
static enum gemis_err finish_writes(struct check *c, struct errctx *e)
{
	struct reader *rd;
	enum gemis_err err = GEMIS_OK;

	if (c->nchanged) {
		rd = malloc(sizeof(*rd));
		if (!rd)
			return err_set(e, GEMIS_ENOMEM, "out of memory");
		err = write_changed(c, rd, e);
		free(rd);
	}
	if (!err && c->nids)
		err = store_values_changed(c->db, c->ids, c->nids, e);
	return err;
}

/* Checks everything and, unless it is a dry run, writes while no problem
 * is known; inside the caller's transaction, which a problem rolls back. */
static enum gemis_err check_and_write(struct db *db, struct values_stream *vs, const char *user,
				      const char *source, int flags, struct diags *d, struct values_result *res,
				      values_progress_fn progress, void *pctx, struct errctx *e)
{
	struct check c;
	struct merge m;
	enum gemis_err err;

	memset(&c, 0, sizeof(c));
	c.vs = vs;
	c.db = db;
	c.d = d;
	c.res = res;
	c.progress = progress;
	c.pctx = pctx;
	c.write = !(flags & VALUES_DRY_RUN);
	c.user = user;
	c.source = source;
	err = group_index_build(catalog_n(), &c.groups);
	if (err)
		err_set(e, err, "out of memory");
	if (!err)
		err = merge_open(vs, &m, e);
	if (!err)
		err = form_locks_load(db, vs->t, &c.locks, e);
	if (!err && c.write) {
		c.out = temp_file(e);
		c.ids = malloc((vs->t->n ? vs->t->n : 1) * sizeof(*c.ids));
		if (!c.out)
			err = e ? e->code : GEMIS_EIO;
		else if (!c.ids)
			err = err_set(e, GEMIS_ENOMEM, "out of memory");
	}
	if (!err)
		err = check_all(&c, &m, e);
	if (c.bulk)
		db_bulk_finish(c.bulk, NULL); /* after an error: rolled back */
	free(m.heap);
	stored_release(&c.stored);
	form_locks_release(&c.locks);
	free(c.fam);
	group_index_free(c.groups);
	if (!err && d->total > 0)
		err = err_set(e, GEMIS_EINVAL, "%zu problem(s) found; nothing was written", d->total);
	if (!err && c.write)
		err = finish_writes(&c, e);
	if (c.out)
		fclose(c.out);
	free(c.ids);
	return err;
}

enum gemis_err values_stream_import(struct db *db, struct values_stream *vs, const char *user,
				    const char *source, int flags, struct diags *d, struct values_result *res,
				    values_progress_fn progress, void *pctx, struct errctx *e)
{
	bool own_tx = !db->in_tx;
	enum gemis_err err;

	memset(res, 0, sizeof(*res));
	err = spill(vs, e);
	if (err)
		return err;
	if (own_tx) {
		err = db_begin(db, e);
		if (err)
			return err;
	}
	/* writers of values take turns, so that the values read are still
	 * the stored ones when the batch is written */
	err = db_lock_table(db, "datavalues", e);
	/* a retirement committed since this process read the catalog */
	if (!err)
		err = indicators_load_retired(db, e);
	if (!err)
		err = check_and_write(db, vs, user, source, flags, d, res, progress, pctx, e);
	if (progress && !err)
		progress(pctx, vs->total, vs->total);
	if (!own_tx)
		return err;
	if (err || (flags & VALUES_DRY_RUN)) {
		db_rollback(db);
		return err;
	}
	return db_commit(db, e);
}
