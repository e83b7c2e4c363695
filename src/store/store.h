/*
 * store.h: opening a gemis database and the domain operations on it.
 *
 * Every front end goes through store_open(), which opens the database,
 * applies pending migrations and refreshes the catalog mirror.  The domain
 * modules (units.c, values.c, plans.c, snapshot.c) are written against
 * db.h only, so they run unchanged on SQLite and PostgreSQL.
 *
 * The rule of this folder (as git's strbuf.h states its own): all SQL lives
 * in src/store/.  The layers above call the domain functions declared in
 * store's headers and never db_prepare(), db_exec() or db_run(), nor write
 * a query; what only one backend understands (a PRAGMA, a lock) stays in
 * db_sqlite.c and db_pg.c behind db.h.  tools/layers checks it.
 */
#ifndef GEMIS_STORE_H
#define GEMIS_STORE_H

#include <stdbool.h>

#include "core/tree.h"
#include "db.h"
#include "util/buf.h"
#include "util/seal.h"

/* The default database when neither --db nor $GEMIS_DB is given. */
#define STORE_DEFAULT_PATH "gemis.db"

/* The database named by --db (may be NULL), else $GEMIS_DB, else the default. */
const char *store_url(const char *opt);

/* The database name for messages: a URL's password replaced by "***".
 * Returns out. */
const char *store_url_display(const char *url, char *out, size_t n);

/* Opens, migrates and syncs the catalog.  With DB_OPEN_CREATE a missing
 * SQLite file is created. */
enum gemis_err store_open(const char *url, int flags, struct db **out, struct errctx *e);

/* Loads the administrative tree (embedded units.tsv) and each commune's
 * agencies, once.  *installed tells whether it did anything. */
enum gemis_err store_init(struct db *db, bool *installed, struct errctx *e);
/* True when store_init() has run on this database. */
enum gemis_err store_is_initialised(struct db *db, bool *yes, struct errctx *e);

/* A value of the meta table; *found false when absent (out untouched). */
enum gemis_err store_meta_get(struct db *db, const char *key, struct buf *out, bool *found,
			      struct errctx *e);
enum gemis_err store_meta_set(struct db *db, const char *key, const char *value,
			      struct errctx *e);
/* The key that seals the registers of personal data (the case register,
 * the complainants) is the database's: the first key used becomes it (its
 * id kept as meta "case_key_id"), another is refused, GEMIS_EAUTH; so is
 * none (key NULL). */
enum gemis_err store_key_check(struct db *db, const struct seal_key *key, struct errctx *e);

/* The data version: a counter in meta 'data_version' that every write of
 * values or plans increases in its own transaction (call it between
 * db_begin and db_commit), so that a server holding a snapshot can tell
 * cheaply whether the data changed, whichever process wrote it.  0 when
 * nothing was ever written. */
enum gemis_err store_data_changed(struct db *db, struct errctx *e);
/* The same for a change that touched only the values of the units given
 * (store row ids): the version's entry in the change log names them, so
 * that a server can read those units again and apply the change in place
 * (store_changes_since()) instead of reading everything. */
enum gemis_err store_values_changed(struct db *db, const long long *unit_ids, size_t n,
				    struct errctx *e);
/* The units whose values changed after data version `from` up to `to`
 * (store_versions()), distinct, into *ids (caller frees); *all is true
 * when a change in that range cannot be applied unit by unit (plans,
 * cases, many units, or a log that no longer reaches back to `from`). */
enum gemis_err store_changes_since(struct db *db, long long from, long long to, long long **ids,
				   size_t *n, bool *all, struct errctx *e);

/* The data version and the accounts version in one read.  The accounts
 * version (meta 'accounts_version') is moved by triggers (migration 0101)
 * whenever a credential may stop being good: an ended session, a revoked
 * or deleted token, a changed or deleted account.  Servers that remember
 * who a credential is check it to forget in time. */
enum gemis_err store_versions(struct db *db, long long *data, long long *accounts,
			      struct errctx *e);

/* Loads the units in force into t (tree_init()ed by the caller) and
 * finishes it. */
enum gemis_err units_load_tree(struct db *db, struct tree *t, struct errctx *e);

#endif
