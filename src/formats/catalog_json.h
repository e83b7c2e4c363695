/*
 * catalog_json.h: an optional catalog of indicators as a JSON file (issue
 * 17), read before `gemis catalog load` adds it all or nothing.
 *
 * The file is one object:
 *   {"name": "...", "source": "...", "indicators": [ENTRY, ...]}
 * name and source (where the list comes from: the document and its
 * article) are plain lines of text.  An ENTRY takes the fields of one
 * entry of `gemis indicators --json` and those `gemis indicator add`
 * takes:
 *   id, goal, name_vi, name_en         required, as --id, --goal, ...
 *   part_vi, part_en                   required: what the numerator (or
 *                                      the value) counts
 *   den_vi, den_en                     what the denominator counts (ratio)
 *   parts ["num","den"] | ["value"]    or kind "ratio" | "value" (ratio)
 *   measure                            the unit ("%" or "count")
 *   factor                             100 for a ratio, 1 for a value
 *   polarity "higher" | "lower"        ("higher")
 *   by_sex, share                      true or false (false)
 *   space "sum" | "mean" | "none"      ("sum")
 *   time "sum" | "last" | "mean"       ("sum")
 *   target {"direction", "value", "year"}  a national target
 *   local (ignored), source "reported" (the only one a file adds)
 * Any other field is refused by name: a typo never drops a field.
 */
#ifndef GEMIS_FORMATS_CATALOG_JSON_H
#define GEMIS_FORMATS_CATALOG_JSON_H

#include <stddef.h>

#include "core/catalog.h"
#include "util/arena.h"
#include "util/err.h"

/* The most indicators a catalog file holds. */
#define CATALOG_FILE_MAX 1000

struct catalog_file {
	const char *name, *source;
	struct indicator *ind; /* n entries, their texts in the arena */
	size_t n;
};

/* Reads the len bytes of data into *out, every text in mem.  GEMIS_EINVAL
 * names the field: "indicators[3].factor" (e->where); checks an entry
 * only as far as its JSON goes: catalog_check() judges the indicator. */
enum gemis_err catalog_file_parse(const char *data, size_t len, struct arena *mem,
                                  struct catalog_file *out, struct errctx *e);

#endif
