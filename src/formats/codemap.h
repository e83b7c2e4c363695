/*
 * codemap.h: a mapping between gemis's codes and another system's, for
 * exchanging data with systems whose codes differ (a province's DHIS2, a
 * statistics office's ADX endpoint).
 *
 * The mapping file is CSV with the header `type,gemis,external` and an
 * optional fourth column `format`, one code a line:
 *
 *	type,gemis,external,format
 *	unit,03390,OU_BinhLu
 *	element,female_wage_workers.num,DE_FWW_NUM
 *	sex,F,FEMALE
 *	sex,T,HllvX50cXC0,dhis2
 *	attribute,sex,GENDER,adx
 *	dataset,GEMIS,GE_ANNUAL
 *	default,mechanism,NONE,adx
 *
 * type is one of
 *	unit       an official unit code (03390) and the other system's org unit
 *	element    a data element: indicator and part joined by a dot
 *	           (female_wage_workers.num, news_items_per_quarter.value)
 *	sex        F, M or T and the other system's category option (combo);
 *	           also a series' combination of sex and category in DHIS2
 *	           (F_ethnicity_minority, ethnicity_minority: exchange_series.c)
 *	attribute  `sex`, or a breakdown's code (ethnicity): the name of that
 *	           ADX disaggregation attribute
 *	category   a breakdown's category, as the end of its series' id
 *	           (ethnicity_minority), and the value of ADX's attribute for
 *	           it (unmapped, the category's code: minority)
 *	dataset    GEMIS: the data set code written on export
 *	default    the name of one of the other system's attributes or
 *	           members (an ADX group or value attribute, DHIS2's
 *	           attributeOptionCombo or categoryOptionCombo) and a value of
 *	           it that means "no breakdown" (the other system's default):
 *	           such a value is accepted and the values go in as totals;
 *	           any other value of an attribute gemis does not hold is
 *	           refused, never summed into the totals.
 * format, when given, is the one exchange format the line is for (adx,
 * dhis2 or sdmx); a line without one is for every format, and a line for
 * the format at hand takes precedence over it.  So a DHIS2 id for the
 * totals never reaches an ADX file.
 * Codes without a line pass through unchanged, so a file needs only the
 * codes that differ.  Two lines mapping one code either way for the same
 * format are an error, reported with their line.
 *
 * DHIS2's own defaults need no line: the word `default` and the ids DHIS2
 * gives its default category option combination (HllvX50cXC0), category
 * combination (bjDvmb4bfuf), category (GLevLNI9wkl) and category option
 * (xYerKDKCefk) are the default wherever they appear.
 */
#ifndef GEMIS_CODEMAP_H
#define GEMIS_CODEMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/validate.h"
#include "util/arena.h"

enum code_type {
	CODE_UNIT,
	CODE_ELEMENT,
	CODE_SEX,
	CODE_ATTRIBUTE,
	CODE_DATASET,
	CODE_DEFAULT,
	CODE_CATEGORY,
	CODE_TYPES
};

struct code_pair {
	enum code_type type;
	const char *format; /* the one format the line is for, or NULL */
	const char *gemis, *external;
};

struct codemap {
	struct arena mem;
	const char *format; /* the format the map is used for */
	struct code_pair *v;
	size_t n, cap;
};

void codemap_init(struct codemap *m);
void codemap_release(struct codemap *m);

/* Reads a mapping file's bytes for the exchange format `format` ("adx",
 * "dhis2", "sdmx"): lines for another format are checked like the others
 * and then play no part.
 * Problems go to d (with lines).  Returns GEMIS_EFORMAT (detail in e)
 * when it is not CSV at all. */
enum gemis_err codemap_parse(struct codemap *m, const char *format, const char *data, size_t len,
			     struct diags *d, struct errctx *e);

/* gemis -> external: the mapped code, or `code` itself when unmapped.
 * m may be NULL. */
const char *codemap_out(const struct codemap *m, enum code_type t, const char *code);
/* external -> gemis, likewise. */
const char *codemap_in(const struct codemap *m, enum code_type t, const char *code);

/* True when `value` of the other system's attribute or member `name`
 * stands for no breakdown: `default`, one of DHIS2's default ids, or a
 * `default` line of m (which may be NULL). */
bool codemap_is_default(const struct codemap *m, const char *name, const char *value);

#endif
