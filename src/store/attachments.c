/*
 * attachments.c: evidence files kept once by their SHA-256 (see
 * attachments.h).
 */
#include "attachments.h"

#include <sodium.h>
#include <stdbool.h>
#include <string.h>

#include "util/banned.h"

enum gemis_err attachment_put(struct db *db, enum att_kind kind, const void *data, size_t len,
			      const char *by, long long now, long long *id, struct errctx *e)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[crypto_hash_sha256_BYTES * 2 + 1];
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool found;

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	/* two people sending the same photo at once: one row, both find it */
	err = db_prepare(db, &st, e,
			 "INSERT INTO attachments (sha256, kind, size, data, created_at, created_by)"
			 " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING");
	if (err)
		return err;
	db_bindv(st, "tti", hex, attachment_kind_id(kind), (long long)len);
	db_bind_blob(st, 4, data, len);
	db_bind_int(st, 5, now);
	db_bind_text(st, 6, by);
	err = db_step_done(st, e);
	db_finalize(st, NULL);
	if (err)
		return err;
	err = db_query_int(db, e, id, &found, "SELECT id FROM attachments WHERE sha256 = ?", "t", hex);
	if (!err && !found)
		err = err_set(e, GEMIS_EDB, "the attachment was not stored");
	return err;
}

enum gemis_err attachment_get(struct db *db, long long id, enum att_kind *kind, struct buf *out,
			      struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool found = false;

	err = db_prepare(db, &st, e, "SELECT kind, data FROM attachments WHERE id = ?");
	if (err)
		return err;
	db_bind_int(st, 1, id);
	if (db_next(st)) {
		size_t n = 0;
		const void *p = db_col_blob(st, 1, &n);
		int k = attachment_kind_parse(db_col_text(st, 0));

		found = true;
		*kind = k >= 0 ? (enum att_kind)k : ATT_PDF;
		err = buf_append(out, p ? p : "", n);
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	err = db_finalize(st, e);
	if (!err && !found)
		err = GEMIS_ENOTFOUND;
	return err;
}
