/*
 * attachments.h: evidence files in the database (table attachments of
 * sql/0500_attachments.sql), for every domain that keeps some (task
 * progress; budget and inspection records later).  The caller has checked
 * the bytes with attachment_check() (formats/attachment.h); the same bytes
 * sent twice are kept once.  Who may read a file is decided by the row that
 * points at it, never here.
 */
#ifndef GEMIS_STORE_ATTACHMENTS_H
#define GEMIS_STORE_ATTACHMENTS_H

#include "db.h"
#include "formats/attachment.h"
#include "util/buf.h"

/* Stores data[0..len) of the given kind (or finds it stored) and gives its
 * id; joins the caller's transaction. */
enum gemis_err attachment_put(struct db *db, enum att_kind kind, const void *data, size_t len,
			      const char *by, long long now, long long *id, struct errctx *e);

/* The bytes of attachment id into out, its kind into *kind;
 * GEMIS_ENOTFOUND when there is none. */
enum gemis_err attachment_get(struct db *db, long long id, enum att_kind *kind, struct buf *out,
			      struct errctx *e);

#endif
