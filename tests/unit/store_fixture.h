/*
 * store_fixture.h: the database the storage, web and case tests run on: a
 * fresh SQLite file, or a PostgreSQL database emptied first, migrated and
 * with the administrative units loaded.
 */
#ifndef GEMIS_STORE_FIXTURE_H
#define GEMIS_STORE_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/tree.h"
#include "store/db.h"
#include "store/store.h"

/* Opens url (an empty PostgreSQL schema first), migrates it and loads the
 * units into t; -1 with a message on stderr on failure. */
static int fixture_open(const char *url, struct db **db, struct tree *t)
{
	struct errctx e = {0};
	bool installed;

	if (strncmp(url, "postgres", 8) == 0) {
		struct db *raw;

		if (db_open(url, 0, &raw, &e)) {
			fprintf(stderr, "%s\n", e.msg);
			return -1;
		}
		db_exec(raw, &e, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
		db_close(raw);
	}
	if (store_open(url, DB_OPEN_CREATE, db, &e) || store_init(*db, &installed, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	tree_init(t);
	if (units_load_tree(*db, t, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	return 0;
}

/* The integer a query returns, -1 when it fails or returns no row. */
static long long fixture_count(struct db *db, const char *sql)
{
	long long n = -1;
	bool found;
	struct errctx e = {0};

	if (db_query_int(db, &e, &n, &found, sql, "") || !found)
		return -1;
	return n;
}

#endif
