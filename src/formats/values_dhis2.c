/*
 * values_dhis2.c: reported values as a DHIS2 data value set (the JSON of
 * DHIS2's /api/dataValueSets), read and written, so that a province running
 * DHIS2 exchanges data with gemis.
 *
 *	{"dataValues": [
 *	  {"dataElement": "female_wage_workers.num", "period": "2026",
 *	   "orgUnit": "03390", "value": "412"},
 *	  {"dataElement": "primary_completion.num", "period": "2026",
 *	   "orgUnit": "03390", "categoryOptionCombo": "F", "value": "95"},
 *	  {"dataElement": "news_items_per_quarter.value", "period": "2026Q3",
 *	   "orgUnit": "03390", "value": "4"}]}
 *
 * dataValues  the values; "orgUnit", "period" and "attributeOptionCombo"
 *             at the top apply to values that do not give their own;
 *             "dataSet", "completeDate", the id schemes, "dryRun" and
 *             "strategy" are ignored; "attributeCategoryOptions" must
 *             name default options; any other member is refused.
 * dataElement the indicator and its part joined by a dot (as in ADX);
 * period      DHIS2's ISO forms: 2026, 2026Q3, 202607 (2026-07 also read);
 * orgUnit     the unit's official code;
 * categoryOptionCombo  F or M for values by sex; absent, T or a default
 *             (codemap_is_default: "default", HllvX50cXC0, ...) for totals;
 *             for a category series (issue 17), which travels as its
 *             parent's data element, sex and category joined by "_":
 *             F_ethnicity_minority, M_ethnicity_minority, and for the
 *             series' total ethnicity_minority (or T_ethnicity_minority),
 *             one DHIS2 combination per sex and category
 *             (exchange_series.c); a combination the indicator has no
 *             series for is refused with its place;
 * value       the number, as a string (DHIS2's way) or a JSON number;
 * deleted     true is refused (gemis imports values, it does not delete);
 * attributeOptionCombo other than a default is refused with its place (a
 *             funding mechanism, say: gemis has no attribute breakdown and
 *             will not merge one into the totals); comment, storedBy,
 *             created, lastUpdated and followup are ignored; any other
 *             member is refused.
 * Written with the data set and totals' category option combo only when a
 * code map names them, since DHIS2 checks such identifiers; with a code map
 * (codemap.h) DHIS2 UIDs and gemis codes are translated both ways.
 *
 * Problems are reported with the line where the value's object starts
 * (jansson does not keep positions, so a small scanner finds them).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "util/i18n.h"
#include "util/text.h"
#include "xml.h"

#include "util/banned.h"

/* ---- writing ---------------------------------------------------------- */

static enum gemis_err jstr(struct buf *b, const char *s)
{
	buf_putc(b, '"');

	buf_json_escape(b, s, strlen(s));
	buf_putc(b, '"');
	return buf_error(b);
}

static void dhis2_period(period_t p, char *out, size_t n)
{
	int y = period_year(p), k = period_index(p);

	switch (period_kind(p)) {
	case PERIOD_QUARTER:
		snprintf(out, n, "%04dQ%d", y, k);
		break;
	case PERIOD_MONTH:
		snprintf(out, n, "%04d%02d", y, k);
		break;
	default:
		snprintf(out, n, "%04d", y);
		break;
	}
}

enum gemis_err values_write_dhis2(const struct tree *t, const struct value_row *rows, size_t n,
				  const struct export_opts *o, struct buf *b)
{
	const struct codemap *m = o ? o->map : NULL;
	const char *ds = codemap_out(m, CODE_DATASET, "GEMIS");
	buf_puts(b, "{");
	size_t i;

	if (strcmp(ds, "GEMIS") != 0) {
		buf_puts(b, "\"dataSet\": ");
		jstr(b, ds);
		buf_puts(b, ",\n ");
	}
	buf_puts(b, "\"dataValues\": [");
	for (i = 0; i < n && !buf_error(b); i++) {
		const struct value_row *r = &rows[i];
		const struct indicator *c = &catalog[r->ind];
		char per[16], el[96], combo[200];
		const char *sex, *coc;

		/* a series goes as its parent's element and its combination */
		combo_code(r->ind, r->sex, combo, sizeof(combo));
		sex = combo;
		coc = codemap_out(m, CODE_SEX, sex);
		element_code(c->parent ? c->parent_index : r->ind, r->part, el, sizeof(el));
		dhis2_period(r->period, per, sizeof(per));
		buf_puts(b, i ? ",\n  {\"dataElement\": " : "\n  {\"dataElement\": ");
		jstr(b, codemap_out(m, CODE_ELEMENT, el));
		buf_printf(b, ", \"period\": \"%s\", \"orgUnit\": ", per);
		jstr(b, codemap_out(m, CODE_UNIT, t->units[r->unit].code));
		if (r->sex != SEX_T || c->parent || coc != sex) {
			buf_puts(b, ", \"categoryOptionCombo\": ");
			jstr(b, coc);
		}
		buf_puts(b, ", \"value\": \"");
		put_plain_number(b, r->value);
		buf_puts(b, "\"}");
	}
	buf_puts(b, "\n]}\n");
	return buf_error(b);
}

/* ---- reading ---------------------------------------------------------- */

/* The line where each element of the top-level "dataValues" array starts,
 * into lines[0..n); 0 where unknown.  The text is valid JSON (jansson
 * read it already), so strings, escapes and nesting are all that matter. */
static void element_lines(const char *s, size_t len, long *lines, size_t n)
{
	size_t i, k = 0;
	long line = 1;
	int depth = 0, dv_depth = -1;
	const char *str = NULL;
	size_t str_len = 0;
	bool key_dv = false;

	for (i = 0; i < len && k < n; i++) {
		char c = s[i];

		if (c == '\n') {
			line++;
		} else if (c == '"') {
			size_t start = ++i;

			while (i < len && s[i] != '"') {
				if (s[i] == '\\')
					i++;
				i++;
			}
			str = s + start;
			str_len = i - start;
		} else if (c == ':') {
			key_dv = depth == 1 && str_len == 10 && memcmp(str, "dataValues", 10) == 0;
		} else if (c == '{' || c == '[') {
			if (c == '{' && depth == dv_depth)
				lines[k++] = line;
			depth++;
			if (c == '[' && key_dv && depth == 2)
				dv_depth = 2;
			key_dv = false;
		} else if (c == '}' || c == ']') {
			if (c == ']' && depth == dv_depth)
				dv_depth = -1;
			depth--;
		} else if (c == ',') {
			key_dv = false;
		}
	}
}

/* The line of the top-level member `key`, 0 when not found. */
static long top_member_line(const char *s, size_t len, const char *key)
{
	size_t i, klen = strlen(key);
	long line = 1;
	int depth = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\n') {
			line++;
		} else if (c == '"') {
			size_t start = ++i;

			while (i < len && s[i] != '"') {
				if (s[i] == '\\')
					i++;
				i++;
			}
			if (depth == 1 && i - start == klen && memcmp(s + start, key, klen) == 0)
				return line;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return 0;
}

static bool listed(const char *name, const char *const *names)
{
	for (; *names; names++) {
		if (strcmp(name, *names) == 0)
			return true;
	}
	return false;
}

static const char *member_str(const json_t *o, const char *key, const char *dflt)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : dflt;
}

/* "202607" -> "2026-07"; other forms pass as they are. */
static void period_from_dhis2(const char *s, char *out, size_t n)
{
	if (strlen(s) == 6 && text_parse_long(s, 6, &(long){0}))
		snprintf(out, n, "%.4s-%.2s", s, s + 4);
	else
		snprintf(out, n, "%s", s);
}

/* The refusal of a category option (combination) that is not a default. */
static void not_default(struct diags *d, long line, const char *member, const char *id)
{
	diags_add(d, line, member,
		  _("'%s' is a breakdown gemis does not hold (it holds sex only); if it means none, "
		    "add to the code map: default,%s,%s"),
		  id, member, id);
}

/* The indicator (ind, turned from the parent's id into its series') and
 * sex of the category option combination coc; false with the problem in
 * d when coc names a category the indicator has no series for.  A sex
 * code, and an unknown indicator, are left to values_parse_fields(). */
static bool combo_in(long line, const char *coc, char *ind, size_t nind, char *sex, size_t nsex,
		     struct diags *d)
{
	int p = catalog_find(ind), k, x = SEX_T;

	snprintf(sex, nsex, "%s", coc);
	if (p < 0 || sex_parse(coc) >= 0 || !strchr(coc, '_'))
		return true;
	if (catalog[p].parent) {
		diags_add(d, line, "categoryOptionCombo",
			  _("%s is a series already: write its parent's data element (%s) with the "
			    "combination %s"),
			  ind, catalog[p].parent, coc);
		return false;
	}
	k = combo_series(p, coc, &x);
	if (k < 0) {
		series_unknown(d, line, "categoryOptionCombo", p, NULL, coc);
		return false;
	}
	snprintf(ind, nind, "%s", catalog[k].id);
	snprintf(sex, nsex, "%s", sex_id((enum sex)x));
	return true;
}

/* What the top level gives every value. */
struct set_defaults {
	const char *ou, *pe, *aoc; /* aoc: only when it is not a default */
	bool aoc_used;             /* a value took aoc */
};

static void one_value(const json_t *v, long line, struct set_defaults *top, const struct tree *t,
		      const struct codemap *map, struct value_rows *rows, struct diags *d,
		      enum gemis_err *err)
{
	static const char *const members[] = {"dataElement", "period", "orgUnit", "categoryOptionCombo",
					      "attributeOptionCombo", "value", "comment", "storedBy",
					      "created", "lastUpdated", "followup", "deleted", NULL};
	const char *de = member_str(v, "dataElement", NULL), *pe = member_str(v, "period", top->pe);
	const char *ou = member_str(v, "orgUnit", top->ou), *coc = member_str(v, "categoryOptionCombo", NULL);
	const char *aoc = member_str(v, "attributeOptionCombo", NULL), *key;
	const json_t *val = json_object_get(v, "value"), *del = json_object_get(v, "deleted"), *x;
	char ind[96], part[32], per[32], inum[32], sex[16];
	const char *num = NULL;
	struct buf rnum = {0};
	struct value_row row;
	bool bad = false;

	if (!json_is_object(v)) {
		diags_add(d, line, "", "%s", _("a data value must be a JSON object"));
		return;
	}
	json_object_foreach((json_t *)v, key, x) {
		if (!listed(key, members)) {
			diags_add(d, line, key, "%s",
				  _("not a member of a DHIS2 data value: gemis reads no other breakdown than "
				    "the category option combination"));
			bad = true;
		}
	}
	if (json_is_true(del)) {
		diags_add(d, line, "deleted", "%s", _("deleting values is not supported: remove the value from the file"));
		bad = true;
	}
	if (aoc && !codemap_is_default(map, "attributeOptionCombo", aoc)) {
		not_default(d, line, "attributeOptionCombo", aoc);
		bad = true;
	} else if (!aoc && top->aoc) {
		top->aoc_used = true;
		bad = true;
	}
	if (!de) {
		diags_add(d, line, "dataElement", "%s", _("missing"));
		bad = true;
	}
	if (!pe) {
		diags_add(d, line, "period", "%s", _("missing"));
		bad = true;
	}
	if (!ou) {
		diags_add(d, line, "orgUnit", "%s", _("missing"));
		bad = true;
	}
	/* the value whole, never cut to a buffer: 1,000 nines cut to 63 were
	 * once stored as 1e+63; number_parse() refuses what is too long */
	if (json_is_string(val)) {
		num = json_string_value(val);
	} else if (json_is_integer(val)) {
		snprintf(inum, sizeof(inum), "%lld", (long long)json_integer_value(val));
		num = inum;
	} else if (json_is_real(val)) {
		buf_init(&rnum, 1024);
		put_plain_number(&rnum, json_real_value(val));
		num = buf_str(&rnum);
	} else {
		diags_add(d, line, "value", "%s", val ? _("must be a number or a string") : _("missing"));
		bad = true;
	}
	if (bad) {
		buf_release(&rnum);
		return;
	}
	de = codemap_in(map, CODE_ELEMENT, de);
	if (!element_split(de, ind, sizeof(ind), part, sizeof(part))) {
		diags_add(d, line, "dataElement",
			  _("'%s' is not a data element: write the indicator and its part, as "
			    "female_wage_workers.num"),
			  de);
		buf_release(&rnum);
		return;
	}
	period_from_dhis2(pe, per, sizeof(per));
	if (!coc)
		coc = "T";
	else if (codemap_in(map, CODE_SEX, coc) != coc)
		coc = codemap_in(map, CODE_SEX, coc);
	else if (codemap_is_default(map, "categoryOptionCombo", coc))
		coc = "T";
	if (!combo_in(line, coc, ind, sizeof(ind), sex, sizeof(sex), d)) {
		buf_release(&rnum);
		return;
	}
	if (values_parse_fields(t, codemap_in(map, CODE_UNIT, ou), per, ind, part, sex, num, line, &row, d)) {
		if (value_rows_push(rows, &row))
			*err = GEMIS_ENOMEM;
	}
	buf_release(&rnum);
}

enum gemis_err values_dhis2_parse(const char *data, size_t len, const struct tree *t,
				  const struct codemap *map, struct value_rows *rows,
				  struct diags *d, struct errctx *e)
{
	static const char *const members[] = {"dataValues", "dataSet", "completeDate", "period", "orgUnit",
					      "attributeOptionCombo", "attributeCategoryOptions", "idScheme",
					      "dataElementIdScheme", "orgUnitIdScheme", "categoryOptionComboIdScheme",
					      "dryRun", "strategy", "importStrategy", NULL};
	json_error_t jerr;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	const json_t *dv, *v, *x;
	struct set_defaults top = {0};
	const char *key;
	static const char *const fields[] = {"unit", "orgUnit", "indicator", "dataElement", "part",
					     "dataElement", "sex", "categoryOptionCombo", NULL};
	long *lines = NULL;
	size_t i;
	bool one_line = false;
	enum gemis_err err = GEMIS_OK;

	if (!root)
		return err_set(e, GEMIS_EFORMAT, "line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
	dv = json_object_get(root, "dataValues");
	if (!json_is_object(root) || !json_is_array(dv)) {
		json_decref(root);
		return err_set(e, GEMIS_EFORMAT, "%s",
			       _("not a DHIS2 data value set: expected {\"dataValues\": [...]}"));
	}
	lines = calloc(json_array_size(dv) + 1, sizeof(*lines));
	if (!lines) {
		json_decref(root);
		return GEMIS_ENOMEM;
	}
	element_lines(data, len, lines, json_array_size(dv));
	json_object_foreach(root, key, x) {
		if (!listed(key, members))
			diags_add(d, top_member_line(data, len, key), key, "%s",
				  _("not a member of a DHIS2 data value set: gemis reads no breakdown but the "
				    "category option combination of each value"));
	}
	top.ou = member_str(root, "orgUnit", NULL);
	top.pe = member_str(root, "period", NULL);
	top.aoc = member_str(root, "attributeOptionCombo", NULL);
	if (top.aoc && codemap_is_default(map, "attributeOptionCombo", top.aoc))
		top.aoc = NULL;
	x = json_object_get(root, "attributeCategoryOptions");
	if (x) {
		const json_t *o;

		if (!json_is_array(x))
			diags_add(d, top_member_line(data, len, "attributeCategoryOptions"), "attributeCategoryOptions",
				  "%s", _("must be a list of category options"));
		json_array_foreach(x, i, o) {
			const char *id = json_is_string(o) ? json_string_value(o) : "?";

			if (!codemap_is_default(map, "attributeCategoryOptions", id))
				not_default(d, top_member_line(data, len, "attributeCategoryOptions"),
					    "attributeCategoryOptions", id);
		}
	}
	/* a file on one line (as DHIS2 writes them) has no useful line
	 * numbers: its values are named by their index instead */
	for (i = 1; i < json_array_size(dv); i++)
		one_line |= lines[i] == lines[i - 1];
	json_array_foreach(dv, i, v) {
		size_t before = d->n;

		one_value(v, lines[i], &top, t, map, rows, d, &err);
		diags_rename(d, before, fields, one_line || !lines[i] ? i : (size_t)-1);
		if (err)
			break;
	}
	/* a breakdown of the whole set is named once, where it is given */
	if (top.aoc_used)
		not_default(d, top_member_line(data, len, "attributeOptionCombo"), "attributeOptionCombo", top.aoc);
	free(lines);
	json_decref(root);
	return err;
}
