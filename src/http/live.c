/*
 * live.c: the connection pool and the live snapshot (see internal.h).
 *
 * Every request borrows a database connection (SQLite connections are
 * opened without a mutex and used by one thread at a time) and a reference
 * to the current snapshot, which it keeps for the whole request: taking
 * one never waits on the database.
 *
 * A refresher thread looks at the data version every interval_ms (one
 * indexed read), and a write in this process brings the snapshot up to
 * date before its answer, so that a user sees their own change on the next
 * page and other processes' changes within the interval.  When the version
 * moved, the change log (store_changes_since()) says which units changed:
 * they are read again and applied to a copy of the snapshot that shares
 * everything else (snapshot_apply(), a few milliseconds for a commune);
 * what cannot be applied so (plans, cases, large imports) is read whole.
 * Either way the new snapshot is built beside the current one, which
 * readers keep using, and replaces it in one pointer swap (read-copy-
 * update); the old one is freed when its last reader lets go.  Answers
 * remembered for the units the change did not touch move to the new
 * snapshot with it.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "core/catalog.h"
#include "store/indicators.h"
#include "store/store.h"

#include "util/banned.h"

enum gemis_err dbpool_init(struct dbpool *p, const char *url, struct errctx *e)
{
	memset(p, 0, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	p->url = strdup(url);
	if (!p->url)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	return GEMIS_OK;
}

void dbpool_release(struct dbpool *p)
{
	int i;

	for (i = 0; i < p->nfree; i++)
		db_close(p->free[i]);
	free(p->url);
	pthread_mutex_destroy(&p->mu);
	memset(p, 0, sizeof(*p));
}

enum gemis_err dbpool_get(struct dbpool *p, struct db **db, struct errctx *e)
{
	*db = NULL;
	pthread_mutex_lock(&p->mu);
	if (p->nfree > 0)
		*db = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	if (*db)
		return GEMIS_OK;
	return db_open(p->url, 0, db, e);
}

void dbpool_put(struct dbpool *p, struct db *db)
{
	if (!db)
		return;
	db_rollback(db);
	pthread_mutex_lock(&p->mu);
	if (p->nfree < DBPOOL_MAX) {
		p->free[p->nfree++] = db;
		db = NULL;
	}
	pthread_mutex_unlock(&p->mu);
	db_close(db);
}

static void timespec_after(struct timespec *ts, unsigned ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

void live_init(struct live *l, unsigned interval_ms, struct dbpool *pool)
{
	memset(l, 0, sizeof(*l));
	pthread_mutex_init(&l->mu, NULL);
	pthread_mutex_init(&l->refresh_mu, NULL);
	pthread_cond_init(&l->wake, NULL);
	l->interval_ms = interval_ms ? interval_ms : 250;
	l->pool = pool;
	atomic_init(&l->reloads, 0);
	atomic_init(&l->applies, 0);
	atomic_init(&l->accounts_version, 0);
	atomic_init(&l->nind, 0);
	/* Snapshots' arrays (megabytes each) come and go with every change:
	 * keep them out of the heap, where freed ones would stay as resident
	 * memory (glibc raises its mmap threshold after each free of a large
	 * block otherwise). */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
}

struct memo_entry {
	struct memo_entry *next;
	char *key;
	int unit; /* the unit whose figures the answer shows, -1: any */
	char *data;
	size_t len;
	bool pending; /* claimed by a request that computes it */
};

static void memo_free(struct memo_entry *m)
{
	free(m->key);
	free(m->data);
	free(m);
}

static void unref(struct snapref *r)
{
	struct memo_entry *m = r->memo, *next;

	for (; m; m = next) {
		next = m->next;
		memo_free(m);
	}
	pthread_mutex_destroy(&r->memo_mu);
	pthread_cond_destroy(&r->memo_cv);
	snapshot_release(&r->s);
	free(r);
}

static struct snapref *snapref_new(void)
{
	struct snapref *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->refs = 1; /* the live's own reference */
	pthread_mutex_init(&r->memo_mu, NULL);
	pthread_cond_init(&r->memo_cv, NULL);
	return r;
}

/* Copies into `to` the answers of `from` that the change leaves true: those
 * of units it did not touch (touched NULL: none is carried). */
static void memo_carry(struct snapref *to, struct snapref *from, const unsigned char *touched)
{
	struct memo_entry *m, *c;

	if (!touched)
		return;
	pthread_mutex_lock(&from->memo_mu);
	for (m = from->memo; m; m = m->next) {
		if (m->pending || m->unit < 0 || touched[m->unit])
			continue;
		c = calloc(1, sizeof(*c));
		if (!c)
			break;
		c->key = strdup(m->key);
		c->data = malloc(m->len ? m->len : 1);
		if (!c->key || !c->data) {
			memo_free(c);
			break;
		}
		memcpy(c->data, m->data, m->len);
		c->len = m->len;
		c->unit = m->unit;
		c->next = to->memo;
		to->memo = c;
		to->memo_bytes += c->len;
	}
	pthread_mutex_unlock(&from->memo_mu);
}

static struct memo_entry **memo_find(struct snapref *ref, const char *key)
{
	struct memo_entry **m;

	for (m = &ref->memo; *m; m = &(*m)->next) {
		if (strcmp((*m)->key, key) == 0)
			return m;
	}
	return m;
}

bool http_memo_get(struct http_req *r, const char *key, int unit)
{
	struct snapref *ref = (struct snapref *)r->snapref;
	struct memo_entry **at, *m;
	bool hit = false;

	if (!ref || r->memo_claim)
		return false; /* one claim per request */
	pthread_mutex_lock(&ref->memo_mu);
	for (;;) {
		at = memo_find(ref, key);
		if (!*at || !(*at)->pending)
			break;
		/* another request is computing it: wait for the answer rather
		 * than compute it on every worker thread at once */
		pthread_cond_wait(&ref->memo_cv, &ref->memo_mu);
	}
	if (*at) {
		hit = buf_append(&r->out, (*at)->data, (*at)->len) == GEMIS_OK;
	} else if (ref->memo_bytes < HTTP_MEMO_MAX_BYTES) {
		m = calloc(1, sizeof(*m));
		if (m)
			m->key = strdup(key);
		if (m && m->key) {
			m->unit = unit;
			m->pending = true;
			*at = m;
			r->memo_claim = m;
		} else {
			free(m);
		}
	}
	pthread_mutex_unlock(&ref->memo_mu);
	return hit;
}

/* Unlinks the request's claimed entry; memo_mu held. */
static struct memo_entry *unclaim(struct snapref *ref, struct http_req *r)
{
	struct memo_entry **at, *m = r->memo_claim;

	r->memo_claim = NULL;
	for (at = &ref->memo; *at && *at != m; at = &(*at)->next)
		;
	if (*at)
		*at = m->next;
	return m;
}

void http_memo_put(struct http_req *r, const char *key)
{
	struct snapref *ref = (struct snapref *)r->snapref;
	struct memo_entry *m;

	if (!ref || !r->memo_claim)
		return;
	pthread_mutex_lock(&ref->memo_mu);
	m = unclaim(ref, r);
	if (strcmp(m->key, key) == 0 && ref->memo_bytes + r->out.len <= HTTP_MEMO_MAX_BYTES)
		m->data = malloc(r->out.len ? r->out.len : 1);
	if (m->data) {
		memcpy(m->data, buf_str(&r->out), r->out.len);
		m->len = r->out.len;
		m->pending = false;
		m->next = ref->memo;
		ref->memo = m;
		ref->memo_bytes += m->len;
		m = NULL;
	}
	pthread_cond_broadcast(&ref->memo_cv);
	pthread_mutex_unlock(&ref->memo_mu);
	if (m)
		memo_free(m);
}

void http_memo_abandon(struct http_req *r)
{
	struct snapref *ref = (struct snapref *)r->snapref;
	struct memo_entry *m;

	if (!ref || !r->memo_claim)
		return;
	pthread_mutex_lock(&ref->memo_mu);
	m = unclaim(ref, r);
	pthread_cond_broadcast(&ref->memo_cv);
	pthread_mutex_unlock(&ref->memo_mu);
	memo_free(m);
}

void live_put(struct live *l, struct snapref *ref)
{
	bool last;

	if (!ref)
		return;
	pthread_mutex_lock(&l->mu);
	last = --ref->refs == 0;
	pthread_mutex_unlock(&l->mu);
	if (last)
		unref(ref);
}

static void note_accounts(struct live *l, long long av)
{
	long long cur = atomic_load(&l->accounts_version);

	/* versions only grow: never put back an older one */
	while (av > cur && !atomic_compare_exchange_weak(&l->accounts_version, &cur, av))
		;
}

/* Brings the snapshot up to the database's data version: applies the
 * change in place when the change log allows, else reads everything.  The
 * current snapshot serves readers meanwhile. */
static enum gemis_err refresh(struct live *l, struct db *db, struct errctx *e)
{
	struct snapref *cur, *fresh = NULL;
	long long v, av, *ids = NULL;
	size_t nids = 0, pin;
	unsigned char *touched = NULL;
	bool all = true, masks = false;
	enum gemis_err err;

	pthread_mutex_lock(&l->refresh_mu);
	/* a snapshot is built for the whole catalog, also in a request's
	 * thread, which sees only its own snapshot's part of it */
	pin = catalog_pin;
	catalog_pin = 0;
	db_rollback(db); /* read what is committed now */
	/* the version is read before the data: a write while we read moves
	 * it again and the next refresh reads that */
	err = store_versions(db, &v, &av, e);
	if (err)
		goto out;
	note_accounts(l, av);
	pthread_mutex_lock(&l->mu);
	cur = l->cur; /* only refresh() replaces it, under refresh_mu */
	pthread_mutex_unlock(&l->mu);
	if (cur && cur->version == v)
		goto out;
	fresh = snapref_new();
	if (!fresh) {
		err = err_set(e, GEMIS_ENOMEM, "out of memory");
		goto out;
	}
	fresh->version = v;
	if (cur)
		err = store_changes_since(db, cur->version, v, &ids, &nids, &all, e);
	if (!err && cur && !all) {
		touched = calloc(cur->s.tree.n ? cur->s.tree.n : 1, 1);
		if (!touched)
			err = err_set(e, GEMIS_ENOMEM, "out of memory");
		if (!err)
			err = snapshot_apply(db, &cur->s, ids, nids, &fresh->s, touched, &masks, e);
		if (!err) {
			memo_carry(fresh, cur, masks ? NULL : touched);
			atomic_fetch_add(&l->applies, 1);
		} else {
			all = true; /* read it all rather than fail again and again */
			err = GEMIS_OK;
			db_rollback(db);
		}
	}
	if (!err && (!cur || all)) {
		/* an indicator added since (store/indicators.h): read before the
		 * values, which the new snapshot's layout must hold; requests keep
		 * to the old snapshot's part of the catalog until the swap */
		err = indicators_load(db, e);
		if (!err)
			err = snapshot_load(db, &fresh->s, e);
		if (!err)
			atomic_fetch_add(&l->reloads, 1);
	}
	if (err) {
		free(fresh);
		fresh = NULL;
		goto out;
	}
	pthread_mutex_lock(&l->mu);
	l->cur = fresh;
	pthread_mutex_unlock(&l->mu);
	/* after the swap, never before: a request that reads the new count
	 * must not take the old, smaller snapshot */
	atomic_store_explicit(&l->nind, fresh->s.ds.nind, memory_order_release);
	live_put(l, cur);
out:
	db_rollback(db);
	catalog_pin = pin;
	pthread_mutex_unlock(&l->refresh_mu);
	free(ids);
	free(touched);
	return err;
}

static void *refresher(void *arg)
{
	struct live *l = arg;

	pthread_mutex_lock(&l->mu);
	while (!l->stop) {
		struct timespec ts;
		struct db *db = NULL;
		struct errctx e = {0};

		timespec_after(&ts, l->interval_ms);
		pthread_cond_timedwait(&l->wake, &l->mu, &ts);
		if (l->stop)
			break;
		pthread_mutex_unlock(&l->mu);
		if (dbpool_get(l->pool, &db, &e) || refresh(l, db, &e)) {
			if (!l->quiet_errors)
				fprintf(stderr, "gemis serve: cannot read the changes, serving the data as it was: %s\n",
					e.msg);
		}
		dbpool_put(l->pool, db);
		pthread_mutex_lock(&l->mu);
	}
	pthread_mutex_unlock(&l->mu);
	return NULL;
}

void live_release(struct live *l)
{
	bool started;

	pthread_mutex_lock(&l->mu);
	l->stop = true;
	started = l->started;
	pthread_cond_broadcast(&l->wake);
	pthread_mutex_unlock(&l->mu);
	if (started)
		pthread_join(l->thread, NULL);
	if (l->cur)
		live_put(l, l->cur);
	pthread_mutex_destroy(&l->mu);
	pthread_mutex_destroy(&l->refresh_mu);
	pthread_cond_destroy(&l->wake);
	memset(l, 0, sizeof(*l));
}

void live_changed(struct live *l)
{
	struct db *db = NULL;
	struct errctx e = {0};

	/* the writer's own next page must show the change: bring the
	 * snapshot up to date before answering (a connection of its own: the
	 * writer's may still hold its transaction) */
	if (!l->pool || dbpool_get(l->pool, &db, &e) || refresh(l, db, &e)) {
		pthread_mutex_lock(&l->mu);
		pthread_cond_broadcast(&l->wake); /* the refresher tries at once */
		pthread_mutex_unlock(&l->mu);
	}
	if (db)
		dbpool_put(l->pool, db);
}

enum gemis_err live_note_accounts(struct live *l, struct db *db)
{
	struct errctx e = {0};
	long long v, av;

	db_rollback(db); /* a fresh read, outside whatever the handler left */
	if (store_versions(db, &v, &av, &e))
		return e.code ? e.code : GEMIS_EDB;
	note_accounts(l, av);
	return GEMIS_OK;
}

size_t live_catalog_n(struct live *l)
{
	return atomic_load_explicit(&l->nind, memory_order_acquire);
}

enum gemis_err live_acquire(struct live *l, struct db *db, struct snapref **out, struct errctx *e)
{
	struct snapref *ref;
	enum gemis_err err;

	*out = NULL;
	pthread_mutex_lock(&l->mu);
	ref = l->cur;
	if (ref) {
		ref->refs++;
		pthread_mutex_unlock(&l->mu);
		*out = ref;
		return GEMIS_OK;
	}
	pthread_mutex_unlock(&l->mu);
	/* the first request: read everything, then keep it up to date */
	err = refresh(l, db, e);
	if (err)
		return err;
	pthread_mutex_lock(&l->mu);
	if (!l->started && !l->stop && l->pool) {
		l->started = pthread_create(&l->thread, NULL, refresher, l) == 0;
		if (!l->started)
			fprintf(stderr, "gemis serve: no refresher thread: changes by other servers show at the next write here\n");
	}
	ref = l->cur;
	if (ref)
		ref->refs++;
	pthread_mutex_unlock(&l->mu);
	*out = ref;
	return ref ? GEMIS_OK : err_set(e, GEMIS_EDB, "no data");
}
