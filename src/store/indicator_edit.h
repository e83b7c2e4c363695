/*
 * indicator_edit.h: editing an indicator added at run time (issue 17,
 * `gemis indicator edit`, the catalog page's edit form, PATCH
 * /api/v1/indicators/{id}): the fields given change, the others stay, in
 * one transaction with the change in indicator_log and the version raised.
 */
#ifndef GEMIS_STORE_INDICATOR_EDIT_H
#define GEMIS_STORE_INDICATOR_EDIT_H

#include "core/catalog_fields.h"
#include "db.h"
#include "util/err.h"

/* Edits indicator id with the fields get gives (core/catalog_fields.h's
 * names; NULL: unchanged; target "none" removes the national target),
 * as user.  Who may is the caller's to judge (access_catalog_refusal()
 * with the indicator's scope).  Refused with the field named, nothing
 * written: an unknown id; one of the compiled set (version 1 is frozen:
 * retire it and add another) or a series (edit its parent) (field "id");
 * a field's text it does not take; a result catalog_check() refuses; no
 * field that changes anything; a field that changes what stored numbers
 * mean (kind, unit, factor, by_sex, share, space, time) while values of
 * the indicator or its series are stored, official or on a form, saying
 * how many and of which years.  A parent's names carry to its series'
 * ("name — category"), its other fields too.  Written with an "edit" row
 * per indicator changed in indicator_log ("field: from -> to" lines), the
 * version raised, the data marked changed (running servers read the
 * catalog again), and read into this process's catalog; *version is the
 * new version. */
enum gemis_err indicator_edit(struct db *db, const char *id, catalog_field_get get, void *ctx, const char *user,
			      int *version, struct errctx *e);

/* The fields that change what stored numbers mean: refused once values
 * are stored. */
bool indicator_field_structural(const char *field);

#endif
