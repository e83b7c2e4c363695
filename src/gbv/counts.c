/*
 * counts.c: the register's counts for a unit and year, suppressed unless
 * the reader is one of the commune's caseworkers.
 */
#include "counts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cases.h"
#include "core/catalog.h"
#include "core/register.h"
#include "core/suppress.h"
#include "policy.h"
#include "util/i18n.h"

#include "util/banned.h"

enum gemis_err case_counts_json(struct db *db, const struct tree *t, const struct snapshot *snap,
				const struct principal *who, int unit, int year, struct buf *b,
				struct errctx *e)
{
	static const char *const part_names[3] = {"num", "rest", "den"};
	static const char *const sex_names[3] = {"F", "M", "T"};
	char detail[32];
	bool exact;
	enum gemis_err err;
	int k, su;

	if (!case_may(t, who, CASE_COUNTS, unit)) {
		struct errctx le = {0};

		if (case_log(db, t, who, unit, CASE_COUNTS, NULL, "not permitted", false, &le))
			return err_set(e, le.code, "%s", le.msg);
		return err_set(e, GEMIS_EPERM, _("this unit is outside your account's scope"));
	}
	exact = case_exact_counts(who, unit);
	snprintf(detail, sizeof(detail), "%d%s", year, exact ? " exact" : " suppressed");
	err = case_log(db, t, who, unit, CASE_COUNTS, NULL, detail, true, e);
	if (err)
		return err;
	su = tree_find(&snap->tree, t->units[unit].code);
	err = buf_printf(b, "{\"unit\": \"%s\", \"year\": %d, \"suppressed\": %s, \"indicators\": [",
			 t->units[unit].code, year, exact ? "false" : "true");
	for (k = 0; k < REGISTER_INDICATORS && !err; k++) {
		int ind = register_indicator(k), part, sex;
		unsigned char *mask = NULL;

		if (ind < 0 || su < 0)
			continue;
		if (!exact) {
			err = register_mask(&snap->eng, year, ind, &mask);
			if (err)
				break;
		}
		err = buf_printf(b, "%s\n  {\"indicator\": \"%s\"", k ? "," : "", catalog[ind].id);
		for (part = 0; part < 3 && !err; part++) {
			err = buf_printf(b, ", \"%s\": {", part_names[part]);
			for (sex = 0; sex < 3 && !err; sex++) {
				double num = engine_part(&snap->eng, year, su, ind, PART_NUM, sex);
				double den = engine_part(&snap->eng, year, su, ind, PART_DEN, sex);
				double v = part == REG_NUM ? num : part == REG_DEN ? den : den - num;
				unsigned char st = mask ? mask[(size_t)su * REG_CELLS + REG_CELL(part, sex)]
							: SUPP_SHOWN;
				char txt[32];

				if (isnan(v))
					v = 0;
				supp_format((long long)v, st, txt, sizeof(txt));
				err = buf_printf(b, st == SUPP_SHOWN ? "%s\"%s\": %s" : "%s\"%s\": \"%s\"",
						 sex ? ", " : "", sex_names[sex], txt);
			}
			if (!err)
				err = buf_putc(b, '}');
		}
		if (!err)
			err = buf_putc(b, '}');
		free(mask);
	}
	if (!err)
		err = buf_puts(b, "\n]}\n");
	return err;
}
