/*
 * migrate.h: the schema, versioned by migrations that run at start.
 *
 * Migrations are the embedded files sql/NNNN_name.sql (src/store/sql/),
 * applied in name order, each in its own transaction, and recorded in
 * schema_migrations.  A database newer than the binary (one that records a
 * migration this binary does not have) is refused.  Number ranges keep
 * modules apart: 0001-0099 core, 0100-0199 web, 0200-0299 reports and
 * exchange (the reporting chain), 0300-0399 case register, 0400-0499
 * national scale, 0500-0599 the plan's tasks, their progress and evidence,
 * the activity log.
 *
 * A migration that cannot be written in the common SQL of both backends
 * (triggers: SQLite writes their body inline, PostgreSQL calls a function)
 * comes as two files, NNNN_name.sqlite.sql and NNNN_name.pg.sql, each
 * applied only on its backend.  Use this only when unavoidable.
 *
 * Dialect placeholders, replaced per backend:
 *   {{ID}}    auto-numbered BIGINT primary key
 *   {{BLOB}}  binary data (BLOB / BYTEA)
 */
#ifndef GEMIS_MIGRATE_H
#define GEMIS_MIGRATE_H

#include "db.h"

/* Applies every pending migration.  Reports the first failure with the
 * migration's name; the failed migration leaves nothing behind. */
enum gemis_err migrate(struct db *db, struct errctx *e);

/* Rewrites placeholders for the backend; caller frees the result. */
char *migrate_dialect(enum db_kind kind, const char *sql, size_t len);

#endif
