/*
 * codemap.h: a mapping between gemis's codes and another system's, for
 * exchanging data with systems whose codes differ (a province's DHIS2, a
 * statistics office's ADX endpoint).
 *
 * The mapping file is CSV with the header `type,gemis,external` and one
 * code a line:
 *
 *	type,gemis,external
 *	unit,03390,OU_BinhLu
 *	element,female_wage_workers.num,DE_FWW_NUM
 *	sex,F,FEMALE
 *	sex,T,default
 *	attribute,sex,GENDER
 *	dataset,GEMIS,GE_ANNUAL
 *
 * type is one of
 *	unit       an official unit code (03390) and the other system's org unit
 *	element    a data element: indicator and part joined by a dot
 *	           (female_wage_workers.num, news_items_per_quarter.value)
 *	sex        F, M or T and the other system's category option (combo)
 *	attribute  `sex`: the name of ADX's disaggregation attribute
 *	dataset    GEMIS: the data set code written on export
 * Codes without a line pass through unchanged, so a file needs only the
 * codes that differ.  Two lines mapping one code either way are an error,
 * reported with their line.
 */
#ifndef GEMIS_CODEMAP_H
#define GEMIS_CODEMAP_H

#include <stddef.h>

#include "core/validate.h"
#include "util/arena.h"

enum code_type {
	CODE_UNIT,
	CODE_ELEMENT,
	CODE_SEX,
	CODE_ATTRIBUTE,
	CODE_DATASET,
	CODE_TYPES
};

struct code_pair {
	enum code_type type;
	const char *gemis, *external;
};

struct codemap {
	struct arena mem;
	struct code_pair *v;
	size_t n, cap;
};

void codemap_init(struct codemap *m);
void codemap_release(struct codemap *m);

/* Reads a mapping file's bytes; problems go to d (with lines).  Returns
 * GEMIS_EFORMAT (detail in e) when it is not CSV at all. */
enum gemis_err codemap_parse(struct codemap *m, const char *data, size_t len, struct diags *d,
			     struct errctx *e);

/* gemis -> external: the mapped code, or `code` itself when unmapped.
 * m may be NULL. */
const char *codemap_out(const struct codemap *m, enum code_type t, const char *code);
/* external -> gemis, likewise. */
const char *codemap_in(const struct codemap *m, enum code_type t, const char *code);

#endif
