/*
 * catalog_fields.h: an indicator to add, read from named text fields
 * (issue 17).  The command line (`gemis indicator add`), the catalog page
 * (web/catalog.c) and the API (POST /api/v1/indicators) give the same
 * fields, each its own way; this is the one reading of them, so that a
 * field means the same and is refused with the same words everywhere.
 * catalog_check() (catalog.h) then judges the indicator as a whole.
 */
#ifndef GEMIS_CATALOG_FIELDS_H
#define GEMIS_CATALOG_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"

/* The fields, by the names the page's form and the API's body give them
 * (the command line writes '-' for '_'): id, goal, name_vi, name_en, kind,
 * unit, factor, by_sex, share, lower_better, space, time, part_vi,
 * part_en, den_vi, den_en, target, scope.  A new field is a new name here and a
 * line in catalog_fields_read(). */
extern const char *const catalog_field_names[];
extern const size_t catalog_field_count;

/* The text of field name, NULL when it was not given. */
typedef const char *(*catalog_field_get)(void *ctx, const char *name);

/* Why a field was refused: the field (and a second one it goes with, or
 * NULL), an N_() message untranslated, and the text given (or NULL). */
struct catalog_field_error {
	const char *field, *also, *msg, *value;
};

/* Reads the fields into *ind (zeroed first; its texts point at the
 * caller's).  The defaults are the command's: a ratio of factor 100 in
 * "%", a value of factor 1 in "count", summed in space and time, higher
 * better, not by sex.  A yes/no field takes 1, true, on, yes or 0, false,
 * off, no (or empty).  False with *why filled when a field's text is not
 * one it takes; a missing field is left to catalog_check(). */
bool catalog_fields_read(catalog_field_get get, void *ctx, struct indicator *ind, struct catalog_field_error *why);

#endif
