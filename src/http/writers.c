/*
 * writers.c: requests that change the data run on threads of their own,
 * so that the event loops serving reads never wait on the database.
 *
 * The server (server.c) suspends the connection of a write whose body has
 * arrived (libmicrohttpd's MHD_suspend_connection) and hands the request
 * here; a writer thread runs it and the connection is resumed, its answer
 * ready, for its event loop to send.
 *
 * Writes of a ROUTE_GROUP route (saving a form) share their commits: the
 * group thread takes every such write queued (up to WRITERS_GROUP_MAX),
 * opens one transaction and runs each in a savepoint of its own; a write
 * that fails is rolled back alone, to its savepoint, and answered with its
 * error; then one commit makes them all durable, and only then is any of
 * them answered.  If the commit fails, every write of the group is
 * answered with the error: nothing of it was written.  So an answered save
 * is as durable as before (one fsync of the WAL for the group instead of
 * one each), and a save still sees the saves before it (a stale version is
 * refused as before, the next save of the same form in the group reading
 * the one before it).  Other writes run alone, on WRITERS_ALONE threads, in
 * their own transactions as before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "store/db.h"
#include "core/validate.h"
#include "util/i18n.h"

#include "util/banned.h"

struct wqueue {
	struct write_job *head, *tail;
};

struct writers {
	struct http_server *srv;
	pthread_mutex_t mu;
	pthread_cond_t wake_alone, wake_group;
	struct wqueue alone, group;
	bool stop;
	pthread_t threads[WRITERS_ALONE + 1];
	int nthreads;
	long grouped, commits; /* writes run in groups, and their commits
				  (the group thread's alone) */
};

static void push(struct wqueue *q, struct write_job *j)
{
	j->next = NULL;
	if (q->tail)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
}

/* Up to max jobs from the front of q, as a list. */
static struct write_job *take(struct wqueue *q, int max)
{
	struct write_job *first = q->head, *last = q->head;
	int n = 1;

	if (!first)
		return NULL;
	while (last->next && n < max) {
		last = last->next;
		n++;
	}
	q->head = last->next;
	if (!q->head)
		q->tail = NULL;
	last->next = NULL;
	return first;
}

static void run_alone(struct write_job *j)
{
	j->err = http_dispatch(j->r);
	j->done(j); /* j may be gone after this */
}

static void *alone_main(void *arg)
{
	struct writers *w = arg;

	for (;;) {
		struct write_job *j;

		pthread_mutex_lock(&w->mu);
		while (!w->alone.head && !w->stop)
			pthread_cond_wait(&w->wake_alone, &w->mu);
		j = take(&w->alone, 1);
		pthread_mutex_unlock(&w->mu);
		if (!j)
			return NULL; /* stopping, nothing left */
		run_alone(j);
	}
}

/* Replaces the answer of a write of a group that was not written (the
 * group's transaction failed) with the error. */
static void refuse(struct http_req *r, enum gemis_err code)
{
	http_pick_lang(r);
	buf_reset(&r->out);
	r->out_failed = false;
	r->keep_body = false;
	r->headers = NULL;
	r->persist = NULL;
	r->status = 0;
	r->changed = false;
	if (r->diags)
		diags_release(r->diags);
	r->diags = NULL;
	http_render_error(r, http_fail(r, code, "%s",
				       _("the change could not be written, and nothing of it was saved: "
					 "try again")));
}

/* A connection in a transaction for the group, the snapshot read first
 * (the first request of a server reads it whole, and must read what is
 * committed, not the group's writes). */
static enum gemis_err group_open(struct http_server *s, struct db **db, struct errctx *e)
{
	struct snapref *ref = NULL;
	enum gemis_err err;

	*db = NULL;
	err = dbpool_get(&s->pool, db, e);
	if (!err)
		err = live_acquire(&s->live, *db, &ref, e);
	if (ref)
		live_put(&s->live, ref);
	if (!err)
		err = db_begin(*db, e);
	if (err && *db) {
		dbpool_put(&s->pool, *db);
		*db = NULL;
	}
	return err;
}

/* Runs one write of the group in a savepoint of its own: kept when it
 * succeeds, undone when it fails.  False when the group's transaction
 * cannot go on (then nothing of the group may be kept). */
static bool run_member(struct db *db, struct write_job *j)
{
	struct http_req *r = j->r;
	struct errctx e = {0};
	bool ok;

	r->grouped = true;
	r->db = db;
	if (db_savepoint(db, &e)) {
		r->db = NULL;
		j->err = e.code ? e.code : GEMIS_EDB;
		return false;
	}
	j->err = http_dispatch(r);
	/* a handler must leave the group's transaction open */
	ok = db->in_tx && !(j->err ? db_savepoint_rollback(db, &e) : db_savepoint_release(db, &e));
	r->db = NULL;
	return ok;
}

static void run_group(struct writers *w, struct write_job *batch)
{
	struct http_server *s = w->srv;
	struct write_job *j, *next;
	struct db *db = NULL;
	struct errctx e = {0};
	bool ok = true, changed = false;
	enum gemis_err err;

	if (group_open(s, &db, &e)) {
		/* no transaction to share (the database busy or gone): each on
		 * its own, as before */
		for (j = batch; j; j = next) {
			next = j->next;
			run_alone(j);
		}
		return;
	}
	for (j = batch; j && ok; j = j->next) {
		ok = run_member(db, j);
		w->grouped++;
	}
	w->commits++;
	if (ok) {
		err = db_commit(db, &e);
	} else {
		db_rollback(db);
		err = GEMIS_EDB;
		fprintf(stderr, "gemis serve: a group of writes was rolled back: %s\n",
			e.msg[0] ? e.msg : "its transaction ended");
	}
	for (j = batch; j; j = j->next) {
		if (err && (!j->err || !ok))
			refuse(j->r, GEMIS_EDB);
		else if (!j->err)
			changed |= j->r->changed;
	}
	/* the changes are in the snapshot before any writer reads its answer */
	if (changed)
		live_changed(&s->live);
	if (live_note_accounts(&s->live, db) != GEMIS_OK)
		authcache_forget_all(&s->auth);
	dbpool_put(&s->pool, db);
	for (j = batch; j; j = next) {
		next = j->next;
		j->done(j);
	}
}

static void *group_main(void *arg)
{
	struct writers *w = arg;

	for (;;) {
		struct write_job *batch;

		pthread_mutex_lock(&w->mu);
		while (!w->group.head && !w->stop)
			pthread_cond_wait(&w->wake_group, &w->mu);
		batch = take(&w->group, WRITERS_GROUP_MAX);
		pthread_mutex_unlock(&w->mu);
		if (!batch)
			return NULL;
		run_group(w, batch);
	}
}

bool writers_submit(struct writers *w, struct write_job *j)
{
	if (!w)
		return false;
	pthread_mutex_lock(&w->mu);
	if (w->stop) {
		pthread_mutex_unlock(&w->mu);
		return false;
	}
	/* suspended before any thread can take it (and resume it) */
	j->park(j);
	push(j->group ? &w->group : &w->alone, j);
	pthread_cond_signal(j->group ? &w->wake_group : &w->wake_alone);
	pthread_mutex_unlock(&w->mu);
	return true;
}

enum gemis_err writers_start(struct http_server *s, struct writers **out, struct errctx *e)
{
	struct writers *w = calloc(1, sizeof(*w));
	int k;

	*out = NULL;
	if (!w)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	w->srv = s;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->wake_alone, NULL);
	pthread_cond_init(&w->wake_group, NULL);
	for (k = 0; k <= WRITERS_ALONE; k++) {
		if (pthread_create(&w->threads[k], NULL, k == 0 ? group_main : alone_main, w) != 0) {
			writers_free(w);
			return err_set(e, GEMIS_ENOMEM, "cannot start the writer threads");
		}
		w->nthreads++;
	}
	*out = w;
	return GEMIS_OK;
}

void writers_stop(struct writers *w)
{
	int k;

	if (!w)
		return;
	/* the queued writes are run (their connections resumed) before the
	 * threads end; later ones run on their event loops */
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_broadcast(&w->wake_alone);
	pthread_cond_broadcast(&w->wake_group);
	pthread_mutex_unlock(&w->mu);
	for (k = 0; k < w->nthreads; k++)
		pthread_join(w->threads[k], NULL);
	w->nthreads = 0;
}

void writers_free(struct writers *w)
{
	if (!w)
		return;
	writers_stop(w);
	if (w->commits)
		fprintf(stderr, "gemis serve: %ld saves in %ld group commits\n", w->grouped, w->commits);
	pthread_cond_destroy(&w->wake_alone);
	pthread_cond_destroy(&w->wake_group);
	pthread_mutex_destroy(&w->mu);
	free(w);
}
