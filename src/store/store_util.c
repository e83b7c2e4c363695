/*
 * store_util.c: the small pieces the files of store/ share (store_int.h):
 * a transaction that joins the caller's, a stored ISO day, a copy that
 * keeps NULL.
 */
#include <string.h>

#include "store_int.h"
#include "core/date.h"
#include "db.h"
#include "util/arena.h"

#include "util/banned.h"

enum gemis_err store_tx_begin(struct db *db, bool *own, struct errctx *e)
{
	*own = !db->in_tx;
	return *own ? db_begin(db, e) : GEMIS_OK;
}

enum gemis_err store_tx_end(struct db *db, bool own, enum gemis_err err, struct errctx *e)
{
	if (!own)
		return err;
	if (err) {
		db_rollback(db);
		return err;
	}
	return db_commit(db, e);
}

struct date store_day(const char *s)
{
	struct date d = {0, 0, 0};

	if (s)
		date_parse_iso(s, strlen(s), &d);
	return d;
}

const char *store_dup(struct arena *mem, const char *s)
{
	return s ? arena_strdup(mem, s) : NULL;
}
