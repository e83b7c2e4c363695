/*
 * fault_loop.c: gemis when memory runs out, allocation by allocation
 * (issue 22, "faults").  SQLite's own test suite and curl's torture tests
 * work the same way: an operation is run once to count its allocations,
 * then again with the 1st, the 2nd, ... the Nth made to fail, until it
 * runs through.  Each run must either succeed or fail with an error a
 * person can read, and a failed run must leave the database exactly as it
 * was and intact (PRAGMA integrity_check); AddressSanitizer watches for
 * crashes, and LeakSanitizer at exit for what a failure forgot to free.
 *
 * Every allocation is reached, not only gemis_malloc()'s: the program is
 * linked with --wrap=malloc,calloc,realloc,strdup,strndup (so every call
 * gemis's own code makes goes through the counter below), and SQLite's and
 * jansson's allocators are routed through it too.  The operations run on
 * this thread, directly on the library:
 *
 *   plan      a plan document read, imported, checked and stored
 *             (`gemis plan import`)
 *   values    a CSV file of values parsed and imported (`gemis values
 *             import`), whole in memory (as the web and API uploads)
 *   stream    the same file read a block at a time and imported through a
 *             values stream, as `gemis values import` reads a CSV file
 *   report    a commune's yearly report gathered and written as DOCX and
 *             XLSX (`gemis report`)
 *
 * The same loop runs over the calls SQLite makes to the file system
 * (SQLite's own test suite does this with its test VFS): a shim VFS,
 * registered as the default, passes every call to the real one and makes
 * the Nth read, write, truncate, sync or size of a file fail with the
 * SQLITE_IOERR_* code a disk error gives ("io"); or, from the Nth write
 * on, every write fail with SQLITE_FULL, as a disk that filled up and
 * stays full ("full").  The same is asked of each run: an error a person
 * can read, the database as it was and intact.
 *
 * usage: fault_loop DB PLAN.txt [[alloc:|io:|full:]plan|values|stream|report...]
 * (an operation alone runs under the three kinds of fault)
 * DB is a SQLite file (the demo database): it is copied, never changed.
 * $FAULT_MAX caps the runs of an operation (default 4000; 0: none): past
 * it, every k-th allocation is made to fail, spread evenly over all.
 */
#include <execinfo.h>
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/tree.h"
#include "formats/exchange.h"
#include "formats/values_csv.h"
#include "plan/plan.h"
#include "report/yearly.h"
#include "store/db.h"
#include "store/plans.h"
#include "store/snapshot.h"
#include "store/store.h"
#include "store/values.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "core/validate.h"
#include "util/i18n.h"

#define ERR_CODES (GEMIS_EAUTH + 1)

/* --- the counter -------------------------------------------------------- */

static unsigned long fail_at, counted;
static bool armed;
/* $FAULT_TRACE: where the failed allocation was made, for a run that
 * absorbed it (addr2line -e fault_loop finds the lines) */
static bool trace;
static void *trace_at[24];
static int trace_n;

/* What is made to fail: allocations, file-system calls, or writes from
 * the Nth on (a full disk). */
enum fault_kind { FAULT_ALLOC, FAULT_IO, FAULT_FULL };
static enum fault_kind kind;
static const char *const kind_what[] = {"allocation", "I/O call", "write"};

static bool inject(void)
{
	if (!armed || kind != FAULT_ALLOC)
		return false;
	counted++;
	if (!fail_at || counted != fail_at)
		return false;
	if (trace) {
		armed = false;
		trace_n = backtrace(trace_at, 24);
		armed = true;
	}
	return true;
}

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t n)
{
	return inject() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return inject() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return inject() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return inject() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return inject() ? NULL : __real_strndup(s, n);
}

static sqlite3_mem_methods sqlite_mem;

static void *sqlite_malloc(int n)
{
	return inject() ? NULL : sqlite_mem.xMalloc(n);
}

static void *sqlite_realloc(void *p, int n)
{
	return inject() ? NULL : sqlite_mem.xRealloc(p, n);
}

static void route_libraries(void)
{
	static sqlite3_mem_methods mine;

	sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_mem);
	mine = sqlite_mem;
	mine.xMalloc = sqlite_malloc;
	mine.xRealloc = sqlite_realloc;
	sqlite3_config(SQLITE_CONFIG_MALLOC, &mine);
	/* as cli/main.c does */
	json_set_alloc_funcs(gemis_malloc, free);
}

/* --- the file system ----------------------------------------------------- */

/* A file of the shim: the real VFS's file follows it in the same block. */
struct ffile {
	sqlite3_file base;
	sqlite3_file *real;
};

static sqlite3_vfs *real_vfs;
static sqlite3_io_methods fio;

/* Whether this call fails.  A full disk refuses every write from the Nth
 * on and nothing else; an I/O fault hits the Nth call of any kind. */
static bool io_fails(bool write)
{
	if (!armed || kind == FAULT_ALLOC || (kind == FAULT_FULL && !write))
		return false;
	counted++;
	return fail_at && (kind == FAULT_FULL ? counted >= fail_at : counted == fail_at);
}

static sqlite3_file *real_of(sqlite3_file *f)
{
	return ((struct ffile *)f)->real;
}

static int f_close(sqlite3_file *f)
{
	sqlite3_file *r = real_of(f);

	return r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
}

static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	sqlite3_file *r = real_of(f);

	return io_fails(false) ? SQLITE_IOERR_READ : r->pMethods->xRead(r, p, n, off);
}

static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	sqlite3_file *r = real_of(f);

	if (io_fails(true))
		return kind == FAULT_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
	return r->pMethods->xWrite(r, p, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	sqlite3_file *r = real_of(f);

	return io_fails(false) ? SQLITE_IOERR_TRUNCATE : r->pMethods->xTruncate(r, size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	sqlite3_file *r = real_of(f);

	return io_fails(false) ? SQLITE_IOERR_FSYNC : r->pMethods->xSync(r, flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	sqlite3_file *r = real_of(f);

	return io_fails(false) ? SQLITE_IOERR_FSTAT : r->pMethods->xFileSize(r, size);
}

/* Locks, controls and the WAL's shared memory pass through untouched. */
static int f_lock(sqlite3_file *f, int l)
{
	return real_of(f)->pMethods->xLock(real_of(f), l);
}

static int f_unlock(sqlite3_file *f, int l)
{
	return real_of(f)->pMethods->xUnlock(real_of(f), l);
}

static int f_reserved(sqlite3_file *f, int *out)
{
	return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}

static int f_control(sqlite3_file *f, int op, void *arg)
{
	return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}

static int f_sector(sqlite3_file *f)
{
	return real_of(f)->pMethods->xSectorSize(real_of(f));
}

static int f_device(sqlite3_file *f)
{
	return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}

static int f_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **p)
{
	return real_of(f)->pMethods->xShmMap(real_of(f), pg, sz, extend, p);
}

static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return real_of(f)->pMethods->xShmLock(real_of(f), off, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	real_of(f)->pMethods->xShmBarrier(real_of(f));
}

static int f_shm_unmap(sqlite3_file *f, int del)
{
	return real_of(f)->pMethods->xShmUnmap(real_of(f), del);
}

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	/* no memory map: every page is read through f_read */
	(void)f;
	(void)off;
	(void)n;
	*p = NULL;
	return SQLITE_OK;
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	(void)f;
	(void)off;
	(void)p;
	return SQLITE_OK;
}

static int v_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
	struct ffile *ff = (struct ffile *)f;
	int rc;

	(void)v;
	ff->real = (sqlite3_file *)(ff + 1);
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
	/* SQLite closes a file whose methods are set, even after a failure */
	ff->base.pMethods = ff->real->pMethods ? &fio : NULL;
	return rc;
}

static int v_delete(sqlite3_vfs *v, const char *name, int sync)
{
	(void)v;
	return real_vfs->xDelete(real_vfs, name, sync);
}

static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	(void)v;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full(sqlite3_vfs *v, const char *name, int n, char *out)
{
	(void)v;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int v_random(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return real_vfs->xSleep(real_vfs, us);
}

static int v_time(sqlite3_vfs *v, double *out)
{
	(void)v;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int v_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xGetLastError(real_vfs, n, out);
}

static int v_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	(void)v;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

/* Registers the shim as the default VFS, in front of the real default. */
static void route_files(void)
{
	static sqlite3_vfs shim;

	real_vfs = sqlite3_vfs_find(NULL);
	fio = (sqlite3_io_methods){
		.iVersion = 3, .xClose = f_close, .xRead = f_read, .xWrite = f_write, .xTruncate = f_truncate,
		.xSync = f_sync, .xFileSize = f_size, .xLock = f_lock, .xUnlock = f_unlock,
		.xCheckReservedLock = f_reserved, .xFileControl = f_control, .xSectorSize = f_sector,
		.xDeviceCharacteristics = f_device, .xShmMap = f_shm_map, .xShmLock = f_shm_lock,
		.xShmBarrier = f_shm_barrier, .xShmUnmap = f_shm_unmap, .xFetch = f_fetch, .xUnfetch = f_unfetch,
	};
	shim = (sqlite3_vfs){
		.iVersion = 2, .szOsFile = (int)sizeof(struct ffile) + real_vfs->szOsFile,
		.mxPathname = real_vfs->mxPathname, .zName = "gemis-faults", .xOpen = v_open, .xDelete = v_delete,
		.xAccess = v_access, .xFullPathname = v_full, .xRandomness = v_random, .xSleep = v_sleep,
		.xCurrentTime = v_time, .xGetLastError = v_error, .xCurrentTimeInt64 = v_time64,
	};
	if (sqlite3_vfs_register(&shim, 1) != SQLITE_OK) {
		fprintf(stderr, "fault_loop: cannot register the VFS\n");
		exit(1);
	}
}

/* --- the database, before and after ------------------------------------- */

/* True for a column that holds a time of day (created_at, at, expires...):
 * two runs a second apart differ there and nowhere else. */
static bool is_time(const char *col)
{
	size_t n = strlen(col);

	/* a task's uid is drawn at random when it is new */
	return strcmp(col, "at") == 0 || (n > 3 && strcmp(col + n - 3, "_at") == 0) ||
	       strcmp(col, "expires") == 0 || strcmp(col, "created") == 0 || strcmp(col, "updated") == 0 ||
	       strcmp(col, "uid") == 0;
}

/* Hashes v[0..len), with every run of exactly 10 digits (a Unix time in a
 * stored document) as "T" when mask. */
static void hash_value(crypto_generichash_state *h, const unsigned char *v, size_t len, bool mask)
{
	size_t i = 0, j;

	while (i < len) {
		for (j = i; mask && j < len && v[j] >= '0' && v[j] <= '9'; j++)
			;
		if (mask && j - i == 10) {
			crypto_generichash_update(h, (const unsigned char *)"T", 1);
			i = j;
			continue;
		}
		if (j == i)
			j = i + 1;
		crypto_generichash_update(h, v + i, j - i);
		i = j;
	}
}

/* A digest of every row of every table gemis writes, in rowid order, times
 * of day left out (with_times false), and the result of PRAGMA
 * integrity_check. */
static void fingerprint(const char *path, bool with_times, unsigned char out[crypto_generichash_BYTES],
			char *integrity, size_t n)
{
	crypto_generichash_state h;
	sqlite3 *db;
	sqlite3_stmt *tables, *rows, *cols;
	char sql[4096];
	int i;

	crypto_generichash_init(&h, NULL, 0, crypto_generichash_BYTES);
	snprintf(integrity, n, "cannot open");
	memset(out, 0, crypto_generichash_BYTES);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return;
	}
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &rows, NULL) == SQLITE_OK &&
	    sqlite3_step(rows) == SQLITE_ROW)
		snprintf(integrity, n, "%s", (const char *)sqlite3_column_text(rows, 0));
	sqlite3_finalize(rows);
	/* the administrative units and their agencies (most of the file) are
	 * written by `gemis init` and unit updates only (store/units.c) */
	sqlite3_prepare_v2(db,
			   "SELECT name FROM sqlite_master WHERE type = 'table'"
			   " AND name NOT IN ('units', 'agencies') ORDER BY name",
			   -1, &tables, NULL);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		size_t o;

		crypto_generichash_update(&h, (const unsigned char *)name, strlen(name) + 1);
		/* the columns hashed */
		o = (size_t)snprintf(sql, sizeof(sql), "SELECT 1");
		snprintf(sql + 2000, 200, "SELECT name FROM pragma_table_info('%s')", name);
		if (sqlite3_prepare_v2(db, sql + 2000, -1, &cols, NULL) != SQLITE_OK)
			continue;
		while (sqlite3_step(cols) == SQLITE_ROW && o < 1900) {
			const char *c = (const char *)sqlite3_column_text(cols, 0);

			if (with_times || !is_time(c))
				o += (size_t)snprintf(sql + o, 1900 - o, ", \"%s\"", c);
		}
		sqlite3_finalize(cols);
		snprintf(sql + o, sizeof(sql) - o, " FROM \"%s\" ORDER BY rowid", name);
		if (sqlite3_prepare_v2(db, sql, -1, &rows, NULL) != SQLITE_OK) {
			snprintf(sql + o, sizeof(sql) - o, " FROM \"%s\"", name);
			if (sqlite3_prepare_v2(db, sql, -1, &rows, NULL) != SQLITE_OK)
				continue;
		}
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (i = 0; i < sqlite3_column_count(rows); i++) {
				const unsigned char *v = sqlite3_column_blob(rows, i);
				int len = sqlite3_column_bytes(rows, i);

				hash_value(&h, v ? v : (const unsigned char *)"", (size_t)len, !with_times);
				crypto_generichash_update(&h, (const unsigned char *)"\x1f", 1);
			}
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	crypto_generichash_final(&h, out, crypto_generichash_BYTES);
}

/* --- the operations ------------------------------------------------------ */

struct run {
	const char *db_path;
	const char *plan_path;
	const char *csv;
	const char *csv_path; /* the same CSV as a file */
	const char *tmp;
};

static enum gemis_err read_file(const char *path, struct buf *b, struct errctx *e)
{
	return buf_read_file(b, path, e);
}

/* `gemis plan import FILE`: read, import, check, store. */
static enum gemis_err op_plan(struct db *db, const struct tree *t, const struct run *r, struct errctx *e)
{
	struct buf file, text;
	struct diags d;
	struct plan_info info;
	json_t *plan = NULL;
	int unit = -1;
	enum gemis_err err;

	buf_init(&file, (size_t)64 << 20);
	buf_init(&text, (size_t)64 << 20);
	diags_init(&d, 200);
	err = read_file(r->plan_path, &file, e);
	if (!err)
		err = plan_document_text(file.p ? file.p : "", file.len, PLAN_FORMAT_AUTO, &text, e);
	if (!err)
		err = plan_import(buf_str(&text), text.len, &plan, e);
	if (!err) {
		plan_check(plan, t, &unit, &d);
		if (d.total > 0)
			err = err_set(e, GEMIS_EINVAL, "the plan has %zu problems: %s", d.total, d.n ? d.d[0].msg : "");
	}
	if (!err)
		err = plan_load(db, t, plan, "fault", false, &d, &info, e);
	if (err == GEMIS_EINVAL && d.total > 0 && !e->msg[0])
		err_set(e, err, "%s", d.d[0].msg);
	json_decref(plan);
	diags_release(&d);
	buf_release(&file);
	buf_release(&text);
	return err;
}

/* `gemis values import FILE.csv`. */
static enum gemis_err op_values(struct db *db, const struct tree *t, const struct run *r, struct errctx *e)
{
	struct value_rows rows = {0};
	struct values_result res;
	struct diags d;
	enum gemis_err err;

	diags_init(&d, 200);
	err = values_parse(XF_CSV, r->csv, strlen(r->csv), t, NULL, &rows, &d, e);
	if (!err && d.total > 0)
		err = err_set(e, GEMIS_EINVAL, "%zu problems in the file: %s", d.total, d.n ? d.d[0].msg : "");
	if (!err)
		err = values_import(db, t, rows.v, rows.n, "fault", "import", 0, &d, &res, NULL, NULL, e);
	value_rows_release(&rows);
	diags_release(&d);
	return err;
}

static enum gemis_err stream_add(void *ctx, const struct value_row *row, struct errctx *e)
{
	return values_stream_add(ctx, row, e);
}

/* `gemis values import FILE.csv` as the CLI runs it: the file read a block
 * at a time into a values stream (sorted runs in a temporary file). */
static enum gemis_err op_stream(struct db *db, const struct tree *t, const struct run *r, struct errctx *e)
{
	struct values_stream *vs = NULL;
	struct values_result res;
	struct diags d;
	enum gemis_err err;

	diags_init(&d, 200);
	err = values_stream_open(t, &vs, e);
	if (!err)
		err = values_csv_read(r->csv_path, t, stream_add, vs, &d, e);
	if (!err && d.total > 0)
		err = err_set(e, GEMIS_EINVAL, "%zu problems in the file: %s", d.total, d.n ? d.d[0].msg : "");
	if (!err)
		err = values_stream_import(db, vs, "fault", "import", 0, &d, &res, NULL, NULL, e);
	values_stream_close(vs);
	diags_release(&d);
	return err;
}

/* `gemis report --unit 03390 --year 2026`, as DOCX and XLSX. */
static enum gemis_err op_report(struct db *db, const struct tree *t, const struct run *r, struct errctx *e)
{
	struct snapshot s;
	struct yearly y;
	struct yearly_opts o = {0};
	char path[512];
	enum gemis_err err;
	int unit;

	(void)t;
	err = snapshot_load(db, &s, e);
	if (err)
		return err;
	unit = tree_find(&s.tree, "03390");
	o.now = 1796000000;
	err = yearly_load(db, &s, unit, 2026, &o, &y, e);
	if (!err) {
		snprintf(path, sizeof(path), "%s/report.docx", r->tmp);
		err = yearly_render(&y, REPORT_DOCX, path, e);
		if (!err) {
			snprintf(path, sizeof(path), "%s/report.xlsx", r->tmp);
			err = yearly_render(&y, REPORT_XLSX, path, e);
		}
		yearly_release(&y);
	}
	snapshot_release(&s);
	return err;
}

/* --- the loop ------------------------------------------------------------ */

typedef enum gemis_err (*op_fn)(struct db *db, const struct tree *t, const struct run *r, struct errctx *e);

/* Opens the copy, runs op with the Nth allocation failing (0: none);
 * *count gets the allocations counted. */
static enum gemis_err run_once(const struct run *r, op_fn op, unsigned long n, unsigned long *count,
			       struct errctx *e)
{
	struct errctx oe = {0};
	struct db *db = NULL;
	struct tree t;
	enum gemis_err err;

	memset(e, 0, sizeof(*e));
	tree_init(&t);
	if (store_open(store_url(r->db_path), 0, &db, &oe) || units_load_tree(db, &t, &oe)) {
		fprintf(stderr, "fault_loop: cannot open %s: %s\n", r->db_path, oe.msg);
		exit(1);
	}
	fail_at = n;
	counted = 0;
	armed = true;
	err = op(db, &t, r, e);
	armed = false;
	*count = counted;
	db_close(db);
	tree_release(&t);
	return err;
}

static bool copy_file(const char *from, const char *to)
{
	char cmd[4096];

	snprintf(cmd, sizeof(cmd), "cp '%s' '%s' && rm -f '%s-wal' '%s-shm'", from, to, to, to);
	return system(cmd) == 0;
}

/* Runs op with every allocation failing in turn; the number of problems. */
static int loop(const char *name, op_fn op, const char *pristine, struct run *r, unsigned long max)
{
	unsigned char before[crypto_generichash_BYTES], after[crypto_generichash_BYTES], done[crypto_generichash_BYTES];
	char integrity[256], first[sizeof(((struct errctx *)0)->msg)] = "";
	unsigned long total, n, step, runs = 0, refused = 0, survived = 0, count;
	unsigned long codes[ERR_CODES] = {0};
	int problems = 0;
	bool dirty = true;
	char base[700];
	struct db *db;
	struct errctx e = {0};
	enum gemis_err err;
	time_t t0 = time(NULL);

	/* opened once first: a database from an older gemis is migrated
	 * before it is taken as the state to keep */
	snprintf(base, sizeof(base), "%s.base", r->db_path);
	if (!copy_file(pristine, base))
		return 1;
	if (store_open(store_url(base), 0, &db, &e)) {
		fprintf(stderr, "fault_loop: cannot open %s: %s\n", pristine, e.msg);
		return 1;
	}
	db_close(db);
	pristine = base;
	if (!copy_file(pristine, r->db_path))
		return 1;
	fingerprint(r->db_path, true, before, integrity, sizeof(integrity));
	/* how many allocations the operation makes when nothing fails, and
	 * what it leaves (times of day aside) */
	err = run_once(r, op, 0, &total, &e);
	if (err) {
		fprintf(stderr, "fault_loop: %s fails without any fault: %s (%s)\n", name, err_name(err), e.msg);
		return 1;
	}
	fingerprint(r->db_path, false, done, integrity, sizeof(integrity));
	if (getenv("FAULT_KEEP")) {
		char to[600];

		snprintf(to, sizeof(to), "%s.clean", getenv("FAULT_KEEP"));
		copy_file(r->db_path, to);
	}
	step = max && total > max ? (total + max - 1) / max : 1;
	/* $FAULT_ONLY=N: that allocation alone (to look at one finding) */
	if (getenv("FAULT_ONLY")) {
		n = strtoul(getenv("FAULT_ONLY"), NULL, 10);
		total = n;
		step = 1;
	} else {
		n = 1;
	}
	for (; n <= total; n += step) {
		/* a failed run leaves the copy as it was: it is made again
		 * only after a run that changed it */
		if (dirty && !copy_file(pristine, r->db_path))
			return 1;
		dirty = false;
		err = run_once(r, op, n, &count, &e);
		runs++;
		if (!err) {
			/* the failure was absorbed (a cache, a retry): fine when
			 * the result is the same; the copy is made again */
			survived++;
			if (trace) {
				fprintf(stderr, "  %s, %s %lu absorbed at:\n", name, kind_what[kind], n);
				backtrace_symbols_fd(trace_at, trace_n, 2);
			}
			fingerprint(r->db_path, false, after, integrity, sizeof(integrity));
			if (memcmp(after, done, sizeof(done)) != 0) {
				fprintf(stderr, "  %s, %s %lu: succeeded, but stored something else than "
					"without the fault\n", name, kind_what[kind], n);
				if (getenv("FAULT_KEEP"))
					copy_file(r->db_path, getenv("FAULT_KEEP"));
				problems++;
			}
			dirty = true;
			continue;
		}
		if (!refused++)
			snprintf(first, sizeof(first), "%s", e.msg);
		if ((unsigned)err < ERR_CODES)
			codes[err]++;
		/* a person can tell what went wrong */
		if (!e.msg[0] && !err_name(err)[0]) {
			fprintf(stderr, "  %s, %s %lu: %s with no message\n", name, kind_what[kind], n, err_name(err));
			problems++;
		}
		/* memory ran out, or the disk failed: the error must not say
		 * something else (a disk's failure is not "out of memory") */
		if ((kind == FAULT_ALLOC && err != GEMIS_ENOMEM && err != GEMIS_EDB && err != GEMIS_EIO) ||
		    (kind != FAULT_ALLOC && err != GEMIS_EDB && err != GEMIS_EIO)) {
			fprintf(stderr, "  %s, %s %lu: %s reported as %s: %s\n", name, kind_what[kind], n,
				kind == FAULT_ALLOC ? "out of memory" : "a disk error", err_name(err), e.msg);
			problems++;
		}
		fingerprint(r->db_path, true, after, integrity, sizeof(integrity));
		if (strcmp(integrity, "ok") != 0) {
			fprintf(stderr, "  %s, %s %lu: integrity_check: %s\n", name, kind_what[kind], n, integrity);
			problems++;
		}
		if (memcmp(before, after, sizeof(before)) != 0) {
			dirty = true;
			fprintf(stderr, "  %s, %s %lu: the database changed although the %s failed (%s)\n", name,
				kind_what[kind], n, name, e.msg);
			problems++;
		}
	}
	printf("%-12s %7lu %ss, %6lu runs (every %lu): %lu refused (", name, total, kind_what[kind], runs, step,
	       refused);
	for (n = 0; n < ERR_CODES; n++) {
		if (codes[n])
			printf("%s%s %lu", n == 0 ? "" : " ", err_name((enum gemis_err)n), codes[n]);
	}
	printf("), %lu absorbed, %d problems, %lds\n", survived, problems, (long)(time(NULL) - t0));
	if (refused)
		printf("%-12s the first refusal said: %s\n", "", first);
	return problems;
}

/* Values of three communes for 2023-2026, two of them by sex. */
static char *values_csv(void)
{
	static const char *const units[] = {"03390", "09385", "10816"};
	struct buf b;
	size_t u;
	int y;

	buf_init(&b, 0);
	buf_puts(&b, "unit,period,indicator,part,sex,value\n");
	for (u = 0; u < 3; u++) {
		for (y = 2023; y <= 2026; y++) {
			buf_printf(&b, "%s,%d,female_key_leaders,num,T,%d\n", units[u], y, 3 + y % 3);
			buf_printf(&b, "%s,%d,female_key_leaders,den,T,%d\n", units[u], y, 9);
			buf_printf(&b, "%s,%d,female_wage_workers,num,T,%d\n", units[u], y, 400 + y % 7);
			buf_printf(&b, "%s,%d,female_wage_workers,den,T,%d\n", units[u], y, 900);
		}
	}
	return buf_detach(&b, NULL);
}

/* One argument: [alloc:|io:|full:]plan|values|stream|report|all, every kind
 * when none is named; the number of problems. */
static int run_arg(const char *arg, const char *pristine, struct run *r, unsigned long max)
{
	static const struct {
		const char *name;
		op_fn fn;
	} ops[] = {{"plan", op_plan}, {"values", op_values}, {"stream", op_stream}, {"report", op_report}};
	static const char *const kinds[] = {"alloc", "io", "full"};
	const char *colon = strchr(arg, ':'), *op = colon ? colon + 1 : arg;
	int problems = 0, matched = 0;
	size_t o, k;

	for (k = 0; k < 3; k++) {
		char name[32];

		if (colon && (strlen(kinds[k]) != (size_t)(colon - arg) || strncmp(arg, kinds[k], (size_t)(colon - arg))))
			continue;
		for (o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
			if (strcmp(op, "all") != 0 && strcmp(op, ops[o].name) != 0)
				continue;
			kind = (enum fault_kind)k;
			snprintf(name, sizeof(name), "%s %s", kinds[k], ops[o].name);
			problems += loop(name, ops[o].fn, pristine, r, max);
			matched++;
		}
	}
	if (!matched) {
		fprintf(stderr, "fault_loop: '%s': no such operation\n", arg);
		problems++;
	}
	return problems;
}

int main(int argc, char **argv)
{
	/* in memory where there is /dev/shm: a run that commits syncs */
	static char shm[] = "/dev/shm/gemis-faults-XXXXXX", tmp[] = "/tmp/gemis-faults-XXXXXX";
	char *dir = access("/dev/shm", W_OK) == 0 ? shm : tmp;
	const char *max_env = getenv("FAULT_MAX");
	unsigned long max = max_env ? strtoul(max_env, NULL, 10) : 4000;
	char db_path[600], csv_path[600], cmd[700];
	struct run r;
	int i, problems = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: fault_loop DB PLAN.txt [[alloc:|io:|full:]plan|values|stream|report|all...]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	route_libraries();
	route_files();
	trace = getenv("FAULT_TRACE") != NULL;
	if (sodium_init() < 0 || !mkdtemp(dir))
		return 1;
	i18n_set_lang(LANG_EN);
	snprintf(db_path, sizeof(db_path), "%s/work.db", dir);
	r.db_path = db_path;
	r.plan_path = argv[2];
	r.csv = values_csv();
	snprintf(csv_path, sizeof(csv_path), "%s/values.csv", dir);
	{
		FILE *f = fopen(csv_path, "w");

		if (!f || fputs(r.csv, f) < 0 || fclose(f) != 0)
			return 1;
	}
	r.csv_path = csv_path;
	r.tmp = dir;
	for (i = 3; i < argc || (argc == 3 && i == 3); i++)
		problems += run_arg(argc == 3 ? "all" : argv[i], argv[1], &r, max);
	free((void *)r.csv);
	/* the fonts pango and fontconfig keep for the process (as `gemis
	 * report` does), so that LeakSanitizer sees only gemis's own */
	report_release_fonts();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		problems++;
	printf("fault_loop: %d problems\n", problems);
	return problems ? 1 : 0;
}
