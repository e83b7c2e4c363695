/*
 * guard.c: every connection watched from its accept to its close, against
 * clients that hold connections without using them (slowloris, slow POST,
 * slow read).
 *
 * A connection is in one phase at a time (guard.h), since a moment.  The
 * idle timeout of libmicrohttpd counts from the last byte, so a byte every
 * few seconds keeps a connection forever; here the clock of a phase starts
 * when the phase does and no byte moves it.  A watchdog thread, four times
 * a second, ends a connection that has waited longer than header_timeout
 * for a request's headers (a new or kept-alive connection included), whose
 * body took longer than body_limit, or whose answer has not been read in
 * send_limit.  A handler at work is never interrupted.
 *
 * At max_connections, a new connection makes room: a connection still in
 * a phase the client holds (waiting for headers, or sending a body or
 * reading an answer without an account) is ended, from the address that
 * holds the most connections, the oldest of that address; a newcomer from
 * an address that holds as many is refused instead.  So slow clients,
 * however many and from however many addresses, cannot keep a quick one
 * from an address of its own out, and a flood settles instead of
 * churning; a signed-in request's body or answer is never the one ended.
 * Connections from one address are capped before this, by libmicrohttpd
 * (server.c).
 *
 * A connection is ended with shutdown() on a duplicate of its socket made
 * when it opened: the duplicate keeps the socket from being reused under
 * another connection's number until libmicrohttpd has closed it and said
 * so (guard_close()), and libmicrohttpd, seeing the socket end, cleans up
 * in its own thread.
 */
#include "guard.h"

#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/banned.h"

/* Connections open from one address. */
struct guard_addr {
	struct guard_addr *next;
	unsigned char key[16];
	size_t len;
	long count;
};

#define ADDR_BUCKETS 1024

struct guard_conn {
	struct guard_conn *prev, *next;
	struct guard_addr *addr; /* NULL when unknown */
	int fd; /* our duplicate of the socket; -1 when none could be made */
	enum guard_phase phase;
	bool trusted;
	bool ended;
	long long since_ns;
};

struct guard {
	pthread_mutex_t mu;
	pthread_cond_t wake;
	pthread_t thread;
	bool stop;
	struct guard_limits lim;
	struct guard_conn *head; /* oldest first */
	struct guard_conn *tail;
	long live;               /* open and not ended */
	long peak;               /* most connections open since the heap was trimmed */
	struct guard_addr *addrs[ADDR_BUCKETS];
	struct guard_stats st;
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The bytes that name a client's address (not its port). */
static size_t addr_key(const struct sockaddr *sa, unsigned char key[16])
{
	if (sa && sa->sa_family == AF_INET) {
		memcpy(key, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
		return 4;
	}
	if (sa && sa->sa_family == AF_INET6) {
		memcpy(key, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
		return 16;
	}
	return 0;
}

static unsigned addr_hash(const unsigned char *key, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ key[i]) * 16777619u;
	return h % ADDR_BUCKETS;
}

/* With g->mu held: the address's record, made when create. */
static struct guard_addr *addr_find(struct guard *g, const unsigned char *key, size_t len, bool create)
{
	struct guard_addr **slot = &g->addrs[addr_hash(key, len)], *a;

	for (a = *slot; a; a = a->next) {
		if (a->len == len && memcmp(a->key, key, len) == 0)
			return a;
	}
	if (!create || !(a = calloc(1, sizeof(*a))))
		return NULL;
	memcpy(a->key, key, len);
	a->len = len;
	a->next = *slot;
	*slot = a;
	return a;
}

/* With g->mu held: one connection fewer from a. */
static void addr_put(struct guard *g, struct guard_addr *a)
{
	struct guard_addr **p;

	if (!a || --a->count > 0)
		return;
	for (p = &g->addrs[addr_hash(a->key, a->len)]; *p; p = &(*p)->next) {
		if (*p == a) {
			*p = a->next;
			free(a);
			return;
		}
	}
}

/* With g->mu held. */
static void end_conn(struct guard *g, struct guard_conn *c)
{
	if (c->ended || c->fd < 0)
		return;
	shutdown(c->fd, SHUT_RDWR);
	c->ended = true;
	g->live--;
}

/* The seconds a connection may stay in its phase; 0 for no limit. */
static unsigned phase_limit(const struct guard *g, const struct guard_conn *c)
{
	switch (c->phase) {
	case GUARD_WAIT:
		return g->lim.header_timeout;
	case GUARD_BODY:
		return g->lim.body_limit;
	case GUARD_SENDING:
		return g->lim.send_limit;
	case GUARD_HANDLING:
		break;
	}
	return 0;
}

static void *watchdog(void *arg)
{
	struct guard *g = arg;
	struct guard_conn *c;
	struct timespec ts;

	pthread_mutex_lock(&g->mu);
	while (!g->stop) {
		long long now = now_ns();
		bool trim = false;

		for (c = g->head; c; c = c->next) {
			unsigned lim = phase_limit(g, c);

			if (c->ended || lim == 0 || now - c->since_ns <= (long long)lim * 1000000000LL)
				continue;
			if (c->phase == GUARD_WAIT)
				g->st.ended_headers++;
			else if (c->phase == GUARD_BODY)
				g->st.ended_body++;
			else
				g->st.ended_send++;
			end_conn(g, c);
		}
		/* a crowd of connections has gone: their buffers go back to the
		 * system, not into the heap's free lists for good */
		if (g->peak >= 64 && g->st.open <= g->peak / 4) {
			g->peak = g->st.open;
			trim = true;
		}
		if (trim) {
			pthread_mutex_unlock(&g->mu);
			malloc_trim(0);
			pthread_mutex_lock(&g->mu);
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += 250000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g->wake, &g->mu, &ts);
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

enum gemis_err guard_start(const struct guard_limits *l, struct guard **out, struct errctx *e)
{
	struct guard *g = calloc(1, sizeof(*g));
	pthread_condattr_t ca;

	*out = NULL;
	if (!g)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	g->lim = *l;
	pthread_mutex_init(&g->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&g->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&g->thread, NULL, watchdog, g) != 0) {
		pthread_cond_destroy(&g->wake);
		pthread_mutex_destroy(&g->mu);
		free(g);
		return err_set(e, GEMIS_EIO, "cannot start the connection watchdog");
	}
	*out = g;
	return GEMIS_OK;
}

void guard_stop(struct guard *g)
{
	struct guard_conn *c, *next;

	if (!g)
		return;
	pthread_mutex_lock(&g->mu);
	g->stop = true;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->mu);
	pthread_join(g->thread, NULL);
	for (c = g->head; c; c = next) { /* none, once the server has stopped */
		next = c->next;
		addr_put(g, c->addr);
		if (c->fd >= 0)
			close(c->fd);
		free(c);
	}
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->mu);
	free(g);
}

/* With g->mu held: whether the client holds c in its phase (a connection
 * that may be ended to make room). */
static bool client_held(const struct guard_conn *c)
{
	if (c->ended || c->fd < 0)
		return false;
	return c->phase == GUARD_WAIT || ((c->phase == GUARD_BODY || c->phase == GUARD_SENDING) && !c->trusted);
}

/* With g->mu held: how many connections c's address holds (1 when
 * unknown). */
static long addr_count(const struct guard_conn *c)
{
	return c->addr ? c->addr->count : 1;
}

bool guard_admit(struct guard *g, const struct sockaddr *addr)
{
	struct guard_conn *c, *victim = NULL;
	struct guard_addr *mine;
	unsigned char key[16];
	size_t len;
	bool ok = true;

	pthread_mutex_lock(&g->mu);
	if (g->lim.max_connections && g->live >= (long)g->lim.max_connections) {
		for (c = g->head; c; c = c->next) {
			if (!client_held(c))
				continue;
			if (!victim || addr_count(c) > addr_count(victim) ||
			    (addr_count(c) == addr_count(victim) && c->since_ns < victim->since_ns))
				victim = c;
		}
		len = addr_key(addr, key);
		mine = len ? addr_find(g, key, len, false) : NULL;
		if (victim && (mine ? mine->count : 0) < addr_count(victim)) {
			end_conn(g, victim);
			g->st.evicted++;
		} else {
			g->st.refused++;
			ok = false;
		}
	}
	pthread_mutex_unlock(&g->mu);
	return ok;
}

struct guard_conn *guard_open(struct guard *g, int fd, const struct sockaddr *addr)
{
	struct guard_conn *c = calloc(1, sizeof(*c));
	unsigned char key[16];
	size_t len = addr_key(addr, key);

	if (!c)
		return NULL;
	c->fd = fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 0) : -1;
	c->phase = GUARD_WAIT;
	c->since_ns = now_ns();
	pthread_mutex_lock(&g->mu);
	c->addr = len ? addr_find(g, key, len, true) : NULL;
	if (c->addr)
		c->addr->count++;
	c->prev = g->tail;
	if (g->tail)
		g->tail->next = c;
	else
		g->head = c;
	g->tail = c;
	g->live++;
	g->st.open++;
	if (g->st.open > g->peak)
		g->peak = g->st.open;
	pthread_mutex_unlock(&g->mu);
	return c;
}

void guard_close(struct guard *g, struct guard_conn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&g->mu);
	if (c->prev)
		c->prev->next = c->next;
	else
		g->head = c->next;
	if (c->next)
		c->next->prev = c->prev;
	else
		g->tail = c->prev;
	if (!c->ended)
		g->live--;
	g->st.open--;
	addr_put(g, c->addr);
	pthread_mutex_unlock(&g->mu);
	if (c->fd >= 0)
		close(c->fd);
	free(c);
}

void guard_phase(struct guard *g, struct guard_conn *c, enum guard_phase p, bool trusted)
{
	if (!c)
		return;
	pthread_mutex_lock(&g->mu);
	c->phase = p;
	c->trusted = trusted;
	c->since_ns = now_ns();
	pthread_mutex_unlock(&g->mu);
}

struct guard_stats guard_stats(struct guard *g)
{
	struct guard_stats s;

	pthread_mutex_lock(&g->mu);
	s = g->st;
	pthread_mutex_unlock(&g->mu);
	return s;
}
