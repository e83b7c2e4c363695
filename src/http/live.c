/*
 * live.c: the connection pool and the live snapshot (see internal.h).
 *
 * Every request borrows a database connection (SQLite connections are
 * opened without a mutex and used by one thread at a time) and a reference
 * to the current snapshot.  The snapshot is replaced when the data version
 * that every write increases has moved: the check costs one indexed read
 * and is made at most every interval_ms, or at once after a write in this
 * process, so that a user sees their own change on the next page and other
 * processes' changes within the interval.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
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

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void live_init(struct live *l, unsigned interval_ms)
{
	memset(l, 0, sizeof(*l));
	pthread_mutex_init(&l->mu, NULL);
	pthread_mutex_init(&l->reload_mu, NULL);
	l->interval_ms = interval_ms;
	atomic_init(&l->dirty, true);
	atomic_init(&l->reloads, 0);
	atomic_init(&l->accounts_version, 0);
}

struct memo_entry {
	struct memo_entry *next;
	char *key;
	char *data;
	size_t len;
	bool pending; /* claimed by a request that computes it */
};

static void unref(struct snapref *r)
{
	struct memo_entry *m = r->memo, *next;

	for (; m; m = next) {
		next = m->next;
		free(m->key);
		free(m->data);
		free(m);
	}
	pthread_mutex_destroy(&r->memo_mu);
	pthread_cond_destroy(&r->memo_cv);
	snapshot_release(&r->s);
	free(r);
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

bool http_memo_get(struct http_req *r, const char *key)
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

/* Unlinks the request's claimed entry; mu held. */
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
	if (m) {
		free(m->key);
		free(m);
	}
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
	free(m->key);
	free(m);
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

void live_release(struct live *l)
{
	if (l->cur)
		live_put(l, l->cur);
	pthread_mutex_destroy(&l->mu);
	pthread_mutex_destroy(&l->reload_mu);
	memset(l, 0, sizeof(*l));
}

void live_changed(struct live *l)
{
	atomic_store(&l->dirty, true);
}

enum gemis_err live_note_accounts(struct live *l, struct db *db)
{
	struct errctx e = {0};
	long long v, av, cur;

	db_rollback(db); /* a fresh read, outside whatever the handler left */
	if (store_versions(db, &v, &av, &e))
		return e.code ? e.code : GEMIS_EDB;
	/* versions only grow: never put back an older one */
	cur = atomic_load(&l->accounts_version);
	while (av > cur && !atomic_compare_exchange_weak(&l->accounts_version, &cur, av))
		;
	return GEMIS_OK;
}

/* Loads a snapshot of version v and makes it current, unless another
 * thread did while we waited for the reload lock. */
static enum gemis_err reload(struct live *l, struct db *db, long long v, struct errctx *e)
{
	struct snapref *fresh = NULL, *old = NULL;
	enum gemis_err err = GEMIS_OK;

	pthread_mutex_lock(&l->reload_mu);
	pthread_mutex_lock(&l->mu);
	if (l->cur && l->cur->version == v) {
		pthread_mutex_unlock(&l->mu);
		goto out;
	}
	pthread_mutex_unlock(&l->mu);
	fresh = calloc(1, sizeof(*fresh));
	if (!fresh) {
		err = err_set(e, GEMIS_ENOMEM, "out of memory");
		goto out;
	}
	err = snapshot_load(db, &fresh->s, e);
	if (err) {
		free(fresh);
		goto out;
	}
	fresh->version = v;
	fresh->refs = 1; /* the live's own reference */
	pthread_mutex_init(&fresh->memo_mu, NULL);
	pthread_cond_init(&fresh->memo_cv, NULL);
	atomic_fetch_add(&l->reloads, 1);
	pthread_mutex_lock(&l->mu);
	old = l->cur;
	l->cur = fresh;
	pthread_mutex_unlock(&l->mu);
	live_put(l, old);
out:
	pthread_mutex_unlock(&l->reload_mu);
	return err;
}

enum gemis_err live_acquire(struct live *l, struct db *db, struct snapref **out, struct errctx *e)
{
	struct snapref *ref;
	long long now = now_ms(), v, av, seq = 0;
	bool check;
	enum gemis_err err;

	*out = NULL;
	pthread_mutex_lock(&l->mu);
	check = !l->cur || atomic_exchange(&l->dirty, false) ||
		now - l->checked_ms >= (long long)l->interval_ms;
	if (check) {
		l->checked_ms = now;
		seq = ++l->checks;
	}
	ref = l->cur;
	if (ref)
		ref->refs++;
	pthread_mutex_unlock(&l->mu);
	if (!check) {
		*out = ref;
		return GEMIS_OK;
	}
	/* the version is read before the data: a write while we load moves
	 * it again and the next check reloads */
	err = store_versions(db, &v, &av, e);
	if (!err) {
		pthread_mutex_lock(&l->mu);
		if (seq > l->stored_check) {
			long long cur = atomic_load(&l->accounts_version);

			l->stored_check = seq;
			/* a request may have stored a newer one meanwhile */
			while (av > cur && !atomic_compare_exchange_weak(&l->accounts_version, &cur, av))
				;
		}
		pthread_mutex_unlock(&l->mu);
	}
	if (!err && (!ref || ref->version != v))
		err = reload(l, db, v, e);
	if (err && !ref)
		return err;
	if (err)
		fprintf(stderr, "gemis serve: cannot reload the data, serving the previous snapshot: %s\n",
			e->msg);
	pthread_mutex_lock(&l->mu);
	if (l->cur != ref) {
		if (ref && --ref->refs == 0) {
			pthread_mutex_unlock(&l->mu);
			unref(ref);
			pthread_mutex_lock(&l->mu);
		}
		ref = l->cur;
		ref->refs++;
	}
	pthread_mutex_unlock(&l->mu);
	*out = ref;
	return GEMIS_OK;
}
