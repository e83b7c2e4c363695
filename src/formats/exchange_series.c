/*
 * exchange_series.c: how a category series (issue 17, core/catalog.h)
 * travels in the exchange formats that have a way of their own to say a
 * breakdown.  In ADX and DHIS2 a series is its parent's data element
 * plus its category, as those systems break a data element down:
 *
 *   ADX    an attribute named by the breakdown's code on the dataValue
 *          (or its group), beside sex: ethnicity="minority";
 *   DHIS2  the category option combination, which already carries sex,
 *          names sex and category: F_ethnicity_minority,
 *          M_ethnicity_minority, and ethnicity_minority for the total
 *          (combo_code() below); a code map's `sex` lines translate them.
 *
 * CSV, the XLSX form and SDMX-CSV carry a series under its own id
 * (primary_completion__ethnicity_minority).  A breakdown, or a category,
 * that the indicator has no series for is refused on import with its
 * place (series_unknown()), never summed into the parent's totals.
 */
#include <stdio.h>
#include <string.h>

#include "exchange.h"
#include "util/i18n.h"

#include "util/banned.h"

/* The loops below start past the compiled set, as catalog_series()
 * does: series are only added at run time. */
bool breakdown_known(const char *code)
{
	size_t k, n = catalog_n();

	for (k = catalog_builtin; code && k < n; k++) {
		if (catalog[k].parent && strcmp(catalog[k].breakdown, code) == 0)
			return true;
	}
	return false;
}

void combo_code(int ind, int sex, char *out, size_t n)
{
	const struct indicator *c = &catalog[ind];

	if (!c->parent)
		snprintf(out, n, "%s", sex_id((enum sex)sex));
	else if (sex == SEX_T)
		snprintf(out, n, "%s_%s", c->breakdown, c->category);
	else
		snprintf(out, n, "%s_%s_%s", sex_id((enum sex)sex), c->breakdown, c->category);
}

int combo_series(int parent, const char *code, int *sex)
{
	static const int sexes[] = {SEX_F, SEX_M, SEX_T};
	size_t k, n = catalog_n();
	char c[200];

	for (k = catalog_builtin; parent >= 0 && code && k < n; k++) {
		size_t s;

		if (!catalog[k].parent || catalog[k].parent_index != parent)
			continue;
		for (s = 0; s < sizeof(sexes) / sizeof(sexes[0]); s++) {
			combo_code((int)k, sexes[s], c, sizeof(c));
			if (strcmp(c, code) == 0) {
				*sex = sexes[s];
				return (int)k;
			}
		}
		/* T_ethnicity_minority is the total too */
		if (code[0] == 'T' && code[1] == '_') {
			combo_code((int)k, SEX_T, c, sizeof(c));
			if (strcmp(c, code + 2) == 0) {
				*sex = SEX_T;
				return (int)k;
			}
		}
	}
	return -1;
}

/* The categories of parent's series of breakdown (all of them when
 * breakdown is NULL, as combination codes), into b: "kinh, minority". */
static void series_list(struct buf *b, int parent, const char *breakdown)
{
	size_t k, n = catalog_n(), i = 0;

	for (k = catalog_builtin; k < n; k++) {
		const struct indicator *c = &catalog[k];

		if (!c->parent || c->parent_index != parent || (breakdown && strcmp(c->breakdown, breakdown) != 0))
			continue;
		buf_puts(b, i++ ? ", " : "");
		if (breakdown)
			buf_puts(b, c->category);
		else
			buf_printf(b, "%s_%s", c->breakdown, c->category);
	}
}

void series_unknown(struct diags *d, long line, const char *field, int parent, const char *breakdown,
		    const char *category)
{
	struct buf b;

	buf_init(&b, 4096);
	if (breakdown) {
		series_list(&b, parent, breakdown);
		if (b.len)
			diags_add(d, line, field, _("%s has no series for %s=\"%s\": its categories of %s are %s"),
				  catalog[parent].id, breakdown, category, breakdown, buf_str(&b));
		else
			diags_add(d, line, field,
				  _("%s is not broken down by %s (gemis indicator breakdown %s %s adds its series)"),
				  catalog[parent].id, breakdown, catalog[parent].id, breakdown);
	} else {
		series_list(&b, parent, NULL);
		if (b.len)
			diags_add(d, line, field,
				  _("'%s' is neither a sex (F, M) nor a category of a series of %s (%s, after F_ "
				    "or M_ for a sex)"),
				  category, catalog[parent].id, buf_str(&b));
		else
			diags_add(d, line, field, _("'%s' is not a sex (F, M), and %s is broken down by nothing else"),
				  category, catalog[parent].id);
	}
	buf_release(&b);
}
