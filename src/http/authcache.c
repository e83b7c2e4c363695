/*
 * authcache.c: whose a credential is, remembered between requests (see
 * internal.h).
 *
 * Without it every API call and page view pays two SQL statements (the
 * lookup and a conditional update) and a file lock before any work, which
 * on a dashboard served from the in-memory snapshot is most of the cost.
 *
 * The cache is a direct-mapped table keyed by a BLAKE2b hash of the
 * credential (never the credential itself).  An entry is trusted only while
 *   - the accounts version it was filled under is still current: triggers
 *     (migration 0101) move it at every sign-out, ended session, revoked
 *     token, disabled account or changed password or role, in any process;
 *     the refresher (live.c) reads it with the data version, and every
 *     state-changing request of this process reads it as it ends, so that
 *     its own sign-out or revocation holds for the very next request;
 *   - the epoch has not moved (it does only when that reading fails);
 *   - it is younger than AUTHCACHE_MAX_AGE seconds, so that the database
 *     still records use (last_seen_at, last_used_at) about once a minute
 *     and ends idle sessions;
 *   - its session, if any, has not reached its absolute expiry.
 * State-changing requests never use it (router.c).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "internal.h"

#include "util/banned.h"

#define AUTHCACHE_SLOTS 4096 /* a power of two */
#define AUTHCACHE_MAX_AGE 60

struct auth_entry {
	bool used;
	unsigned char key[AUTHCACHE_KEY_BYTES];
	long long version;
	long epoch;
	long long filled_at;
	struct user_rec user;
	bool has_session;
	struct session session;
};

enum gemis_err authcache_init(struct authcache *c)
{
	memset(c, 0, sizeof(*c));
	c->slots = calloc(AUTHCACHE_SLOTS, sizeof(*c->slots));
	if (!c->slots)
		return GEMIS_ENOMEM;
	pthread_mutex_init(&c->mu, NULL);
	return GEMIS_OK;
}

void authcache_release(struct authcache *c)
{
	if (!c->slots)
		return;
	sodium_memzero(c->slots, AUTHCACHE_SLOTS * sizeof(*c->slots));
	free(c->slots);
	pthread_mutex_destroy(&c->mu);
	memset(c, 0, sizeof(*c));
}

void authcache_key(const char *kind, const char *credential, unsigned char key[AUTHCACHE_KEY_BYTES])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, AUTHCACHE_KEY_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)kind, strlen(kind) + 1);
	crypto_generichash_update(&st, (const unsigned char *)credential, strlen(credential));
	crypto_generichash_final(&st, key, AUTHCACHE_KEY_BYTES);
}

static struct auth_entry *slot_of(struct authcache *c, const unsigned char *key)
{
	size_t h;

	memcpy(&h, key, sizeof(h));
	return &c->slots[h & (AUTHCACHE_SLOTS - 1)];
}

struct authcache_stamp authcache_stamp(struct authcache *c, long long accounts_version)
{
	struct authcache_stamp s = {accounts_version, atomic_load(&c->epoch)};

	return s;
}

bool authcache_get(struct authcache *c, const unsigned char key[AUTHCACHE_KEY_BYTES],
		   struct authcache_stamp now_stamp, long long now, struct user_rec *u,
		   struct session *s)
{
	struct auth_entry *x;
	bool hit;

	if (!c->slots)
		return false;
	pthread_mutex_lock(&c->mu);
	x = slot_of(c, key);
	hit = x->used && memcmp(x->key, key, AUTHCACHE_KEY_BYTES) == 0 &&
	      x->version == now_stamp.version && x->epoch == now_stamp.epoch &&
	      now >= x->filled_at && now - x->filled_at < AUTHCACHE_MAX_AGE &&
	      (s == NULL) == !x->has_session && (!x->has_session || now < x->session.expires_at);
	if (hit) {
		*u = x->user;
		if (s)
			*s = x->session;
	}
	pthread_mutex_unlock(&c->mu);
	return hit;
}

void authcache_put(struct authcache *c, const unsigned char key[AUTHCACHE_KEY_BYTES],
		   struct authcache_stamp filled_under, long long now, const struct user_rec *u,
		   const struct session *s)
{
	struct auth_entry *x;

	if (!c->slots)
		return;
	pthread_mutex_lock(&c->mu);
	x = slot_of(c, key);
	x->used = true;
	memcpy(x->key, key, AUTHCACHE_KEY_BYTES);
	x->version = filled_under.version;
	x->epoch = filled_under.epoch;
	x->filled_at = now;
	x->user = *u;
	x->has_session = s != NULL;
	if (s)
		x->session = *s;
	else
		memset(&x->session, 0, sizeof(x->session));
	pthread_mutex_unlock(&c->mu);
}

void authcache_forget_all(struct authcache *c)
{
	atomic_fetch_add(&c->epoch, 1);
}
