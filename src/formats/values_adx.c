/*
 * values_adx.c: reported values as ADX, the IHE QRPH profile "Aggregate
 * Data Exchange" (namespace urn:ihe:qrph:adx:2015), read and written.
 *
 *	<?xml version="1.0" encoding="UTF-8"?>
 *	<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-12-02T00:00:00Z">
 *	  <group orgUnit="03390" period="2026-01-01/P1Y" dataSet="GEMIS">
 *	    <dataValue dataElement="female_wage_workers.num" value="412"/>
 *	    <dataValue dataElement="primary_completion.num" sex="F" value="95"/>
 *	  </group>
 *	  <group orgUnit="03390" period="2026-07-01/P3M" dataSet="GEMIS">
 *	    <dataValue dataElement="news_items_per_quarter.value" value="4"/>
 *	  </group>
 *	</adx>
 *
 * adx        the root; `exported` is when the file was written (the
 *            CLI's time, or $SOURCE_DATE_EPOCH).
 * group      the values of one unit and one period:
 *   orgUnit  the unit's official code;
 *   period   ISO 8601 start and duration: a year YYYY-01-01/P1Y, a quarter
 *            YYYY-MM-01/P3M starting in January, April, July or October, a
 *            month YYYY-MM-01/P1M;
 *   dataSet  GEMIS on export; any code is accepted on import;
 *   completeDate  (optional) read and ignored;
 *   sex      (optional) the sex of every value of the group.
 *   Any other attribute of a group (attributeOptionCombo, mechanism, any
 *   category) is a breakdown gemis does not hold: the group is refused,
 *   with the attribute named, rather than summed into the unit's totals,
 *   unless its value is a default (`default`, DHIS2's default ids, or a
 *   code map's `default` line: codemap.h).
 * dataValue  one value:
 *   dataElement  the indicator and its part joined by a dot (num and den
 *            for ratios, value for single values: see `gemis indicators`);
 *   value    the number, with a point as decimal mark;
 *   sex      the disaggregation by sex: F or M; absent, T or a default
 *            for totals;
 *   BREAKDOWN  (optional) a category series (issue 17): an attribute
 *            named by the code of a breakdown that the catalog has series
 *            of, its value the category, as ethnicity="minority" beside
 *            sex="F": the value is the series primary_completion__
 *            ethnicity_minority's, written under its parent's data element
 *            (exchange_series.c).  A category, or a breakdown, that the
 *            indicator has no series for is refused with the attribute
 *            named; so are two breakdowns on one value.  On a group it
 *            applies to the group's values, as sex does.
 *   Other attributes on a dataValue are disaggregations gemis does not
 *   hold (age, before it is a breakdown) and are refused as on a group, so
 *   that nothing is silently summed.  <annotation> elements (of a group or a value) are
 *   ignored.
 * Namespace declarations and xsi: attributes are not data and are skipped.
 * With a code map (codemap.h), orgUnit, dataElement, dataSet, the sex
 * values, the names of the sex and breakdown attributes and the
 * categories (`category` lines) are translated both ways.
 *
 * The parser refuses DOCTYPEs that declare entities and every external
 * entity (formats/xml.h); every problem is reported with its line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exchange.h"
#include "util/i18n.h"
#include "util/text.h"
#include "xml.h"

#include "util/banned.h"

#define ADX_NS "urn:ihe:qrph:adx:2015"

/* ---- writing ---------------------------------------------------------- */

static void adx_period(period_t p, char *out, size_t n)
{
	int y = period_year(p), k = period_index(p);

	switch (period_kind(p)) {
	case PERIOD_QUARTER:
		snprintf(out, n, "%04d-%02d-01/P3M", y, 3 * k - 2);
		break;
	case PERIOD_MONTH:
		snprintf(out, n, "%04d-%02d-01/P1M", y, k);
		break;
	default:
		snprintf(out, n, "%04d-01-01/P1Y", y);
		break;
	}
}

static enum gemis_err attr(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, " %s=\"", name);

	xml_escape_str(b, value);
	buf_putc(b, '"');
	return buf_error(b);
}

/* ADX's value of a series' category: a code map's `category` line for
 * "ethnicity_minority", or the category's code ("minority"). */
static const char *category_out(const struct codemap *m, const struct indicator *c)
{
	char key[200];
	const char *v;

	snprintf(key, sizeof(key), "%s_%s", c->breakdown, c->category);
	v = codemap_out(m, CODE_CATEGORY, key);
	return v == key ? c->category : v;
}

enum gemis_err values_write_adx(const struct tree *t, const struct value_row *rows, size_t n,
				const struct export_opts *o, struct buf *b)
{
	const struct codemap *m = o ? o->map : NULL;
	const char *sex_attr = codemap_out(m, CODE_ATTRIBUTE, "sex");
	time_t when = (time_t)(o && o->exported ? o->exported : time(NULL));
	struct tm tm;
	char iso[32];
	size_t i;

	gmtime_r(&when, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<adx xmlns=\"" ADX_NS "\" exported=\"%s\">\n",
			 iso);
	for (i = 0; i < n && !buf_error(b); i++) {
		const struct value_row *r = &rows[i];
		const struct indicator *c = &catalog[r->ind];
		char per[32], el[96];
		const char *sex = sex_id((enum sex)r->sex), *sex_out = codemap_out(m, CODE_SEX, sex);

		if (i == 0 || r->unit != rows[i - 1].unit || r->period != rows[i - 1].period) {
			if (i)
				buf_puts(b, "  </group>\n");
			adx_period(r->period, per, sizeof(per));
			buf_puts(b, "  <group");
			attr(b, "orgUnit", codemap_out(m, CODE_UNIT, t->units[r->unit].code));
			attr(b, "period", per);
			attr(b, "dataSet", codemap_out(m, CODE_DATASET, "GEMIS"));
			buf_puts(b, ">\n");
		}
		/* a series goes as its parent's element and its category */
		element_code(c->parent ? c->parent_index : r->ind, r->part, el, sizeof(el));
		buf_puts(b, "    <dataValue");
		attr(b, "dataElement", codemap_out(m, CODE_ELEMENT, el));
		/* totals carry no sex attribute unless the map names one for T */
		if (r->sex != SEX_T || sex_out != sex)
			attr(b, sex_attr, sex_out);
		if (c->parent)
			attr(b, codemap_out(m, CODE_ATTRIBUTE, c->breakdown), category_out(m, c));
		buf_puts(b, " value=\"");
		put_plain_number(b, r->value);
		buf_puts(b, "\"/>\n");
	}
	if (n)
		buf_puts(b, "  </group>\n");
	buf_puts(b, "</adx>\n");
	return buf_error(b);
}

/* ---- reading ---------------------------------------------------------- */

#define ADX_MAX_DEPTH 64

/* The breakdown attribute of a group or a value: the breakdown's gemis
 * code, the attribute's name in the file, the category. */
struct adx_cat {
	char bd[64], name[64], cat[64];
};

struct adx_state {
	struct xml_guard g;  /* first: the parser's guards write to it */
	const struct tree *t;
	const struct codemap *map;
	struct value_rows *rows;
	struct diags *d;
	const char *sex_attr;
	int depth;
	bool root_seen, in_group, group_ok;
	long group_line;
	char unit[64], period[16], group_sex[16];
	struct adx_cat group_cat;
	enum gemis_err err;
};

/* "2026-07-01/P3M" -> "2026Q3"; false when it is not a gemis period. */
static bool period_from_adx(const char *s, char *out, size_t n)
{
	long y, m, d;
	size_t len = strlen(s);

	if (len < 14 || s[4] != '-' || s[7] != '-' || s[10] != '/' || s[11] != 'P' ||
	    !text_parse_long(s, 4, &y) || !text_parse_long(s + 5, 2, &m) || !text_parse_long(s + 8, 2, &d) ||
	    d != 1 || m < 1 || m > 12)
		return false;
	if (strcmp(s + 11, "P1Y") == 0 && m == 1) {
		snprintf(out, n, "%04ld", y);
		return true;
	}
	if (strcmp(s + 11, "P3M") == 0 && (m - 1) % 3 == 0) {
		snprintf(out, n, "%04ldQ%ld", y, (m - 1) / 3 + 1);
		return true;
	}
	if (strcmp(s + 11, "P1M") == 0) {
		snprintf(out, n, "%04ld-%02ld", y, m);
		return true;
	}
	return false;
}

static long line_of(struct adx_state *s)
{
	return (long)XML_GetCurrentLineNumber(s->g.p);
}

/* Takes the attribute name="value" as the breakdown of a series into
 * *bc when name is a breakdown the catalog has series of; false when it
 * is not one.  A second breakdown is refused. */
static bool breakdown_attribute(struct adx_state *s, const char *name, const char *value, long line,
				struct adx_cat *bc, bool *ok)
{
	const char *g = codemap_in(s->map, CODE_ATTRIBUTE, name), *cat = codemap_in(s->map, CODE_CATEGORY, value);
	size_t glen = strlen(g);

	if (!breakdown_known(g))
		return false;
	/* a mapped category is "ethnicity_minority": its breakdown's, or none */
	if (cat != value && strncmp(cat, g, glen) == 0 && cat[glen] == '_')
		cat += glen + 1;
	else
		cat = value;
	if (codemap_is_default(s->map, name, value))
		return true;
	if (bc->bd[0]) {
		diags_add(s->d, line, name,
			  _("%s=\"%s\" beside %s=\"%s\": a value is of one breakdown's series at a time"), name,
			  value, bc->name, bc->cat);
		*ok = false;
		return true;
	}
	snprintf(bc->bd, sizeof(bc->bd), "%s", g);
	snprintf(bc->name, sizeof(bc->name), "%s", name);
	snprintf(bc->cat, sizeof(bc->cat), "%s", cat);
	return true;
}

/* Checks the attributes of a group or a dataValue that are not among
 * `known` (NULL-terminated) nor the sex attribute: a breakdown of series
 * goes to *bc; any other is a breakdown gemis does not hold, refused with
 * its name unless its value is a default.  Returns false when one was
 * refused. */
static bool only_known_attributes(struct adx_state *s, const char **atts, const char *const *known,
				  long line, struct adx_cat *bc)
{
	bool ok = true;
	size_t i, k;

	for (i = 0; atts[i]; i += 2) {
		const char *name = atts[i], *a = xml_local(name);
		bool listed = strcmp(a, s->sex_attr) == 0;

		for (k = 0; known[k] && !listed; k++)
			listed = strcmp(a, known[k]) == 0;
		if (listed || strcmp(name, "xmlns") == 0 || strncmp(name, "xmlns:", 6) == 0 ||
		    strncmp(name, "xsi:", 4) == 0 || breakdown_attribute(s, a, atts[i + 1], line, bc, &ok) ||
		    codemap_is_default(s->map, a, atts[i + 1]))
			continue;
		diags_add(s->d, line, a,
			  _("%s=\"%s\" is a breakdown gemis does not hold (it holds sex, and the breakdowns an "
			    "indicator is broken down by); if \"%s\" "
			    "means none, add to the code map: default,%s,%s"),
			  a, atts[i + 1], atts[i + 1], a, atts[i + 1]);
		ok = false;
	}
	return ok;
}

/* The gemis sex of an ADX sex attribute's value: a default is the total. */
static void sex_in(const struct adx_state *s, const char *v, char *out, size_t n)
{
	const char *g = codemap_in(s->map, CODE_SEX, v);

	if (g == v && codemap_is_default(s->map, s->sex_attr, v))
		g = "T";
	snprintf(out, n, "%s", g);
}

static void start_group(struct adx_state *s, const char **atts)
{
	static const char *const known[] = {"orgUnit", "period", "dataSet", "completeDate", NULL};
	const char *ou = xml_attr(atts, "orgUnit"), *pe = xml_attr(atts, "period");
	const char *sx = xml_attr(atts, s->sex_attr);
	long line = line_of(s);

	s->in_group = true;
	memset(&s->group_cat, 0, sizeof(s->group_cat));
	s->group_ok = only_known_attributes(s, atts, known, line, &s->group_cat);
	s->group_line = line;
	s->unit[0] = s->period[0] = s->group_sex[0] = '\0';
	if (!ou) {
		diags_add(s->d, line, "orgUnit", "%s", _("the group has no orgUnit"));
		s->group_ok = false;
	} else {
		snprintf(s->unit, sizeof(s->unit), "%s", codemap_in(s->map, CODE_UNIT, ou));
	}
	if (!pe) {
		diags_add(s->d, line, "period", "%s", _("the group has no period"));
		s->group_ok = false;
	} else if (!period_from_adx(pe, s->period, sizeof(s->period))) {
		diags_add(s->d, line, "period",
			  _("'%s' is not a period gemis holds: a year (2026-01-01/P1Y), a quarter "
			    "(2026-07-01/P3M) or a month (2026-07-01/P1M)"),
			  pe);
		s->group_ok = false;
	}
	if (sx)
		sex_in(s, sx, s->group_sex, sizeof(s->group_sex));
}

/* Turns the parent's id in ind into its series' on bc's category; false
 * with the problem in d when it has none.  An unknown id is left for
 * values_parse_fields() to name. */
static bool series_of(struct adx_state *s, const struct adx_cat *bc, long line, char *ind, size_t n)
{
	int p = catalog_find(ind), k;

	if (p < 0)
		return true;
	if (catalog[p].parent) {
		diags_add(s->d, line, bc->name,
			  _("%s is a series already: write its parent's data element (%s) with %s=\"%s\""),
			  ind, catalog[p].parent, bc->name, catalog[p].category);
		return false;
	}
	k = catalog_series(p, bc->bd, bc->cat);
	if (k < 0) {
		series_unknown(s->d, line, bc->name, p, bc->bd, bc->cat);
		return false;
	}
	snprintf(ind, n, "%s", catalog[k].id);
	return true;
}

static void data_value(struct adx_state *s, const char **atts)
{
	static const char *const known[] = {"dataElement", "value", NULL};
	const char *de = xml_attr(atts, "dataElement"), *val = xml_attr(atts, "value");
	const char *sx = xml_attr(atts, s->sex_attr);
	char ind[96], part[32], sex[16];
	long line = line_of(s);
	struct value_row row;
	struct adx_cat bc = {0};
	bool bad = !only_known_attributes(s, atts, known, line, &bc);

	if (!de) {
		diags_add(s->d, line, "dataElement", "%s", _("the dataValue has no dataElement"));
		bad = true;
	}
	if (!val) {
		diags_add(s->d, line, "value", "%s", _("the dataValue has no value"));
		bad = true;
	}
	if (bad || !s->group_ok)
		return;
	de = codemap_in(s->map, CODE_ELEMENT, de);
	if (!element_split(de, ind, sizeof(ind), part, sizeof(part))) {
		diags_add(s->d, line, "dataElement",
			  _("'%s' is not a data element: write the indicator and its part, as "
			    "female_wage_workers.num"),
			  de);
		return;
	}
	if (!bc.bd[0])
		bc = s->group_cat;
	else if (s->group_cat.bd[0] && strcmp(bc.bd, s->group_cat.bd) != 0)
		bad = true;
	if (bad)
		diags_add(s->d, line, bc.name,
			  _("%s=\"%s\" beside %s=\"%s\": a value is of one breakdown's series at a time"),
			  bc.name, bc.cat, s->group_cat.name, s->group_cat.cat);
	if (bad || (bc.bd[0] && !series_of(s, &bc, line, ind, sizeof(ind))))
		return;
	if (sx)
		sex_in(s, sx, sex, sizeof(sex));
	else
		snprintf(sex, sizeof(sex), "%s", s->group_sex[0] ? s->group_sex : "T");
	{
		static const char *const fields[] = {"unit", "orgUnit", "indicator", "dataElement", "part",
						     "dataElement", NULL};
		size_t before = s->d->n;
		bool ok = values_parse_fields(s->t, s->unit, s->period, ind, part, sex, val, line, &row, s->d);

		diags_rename(s->d, before, fields, (size_t)-1);
		if (ok && value_rows_push(s->rows, &row))
			s->err = GEMIS_ENOMEM;
	}
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct adx_state *s = ud;
	const char *n = xml_local(name);

	if (++s->depth > ADX_MAX_DEPTH) {
		s->err = GEMIS_ELIMIT;
		XML_StopParser(s->g.p, XML_FALSE);
		return;
	}
	if (s->depth == 1) {
		if (strcmp(n, "adx") != 0) {
			diags_add(s->d, line_of(s), "", _("the root element is <%s>, not <adx>"), n);
			XML_StopParser(s->g.p, XML_FALSE);
			return;
		}
		s->root_seen = true;
	} else if (s->depth == 2 && strcmp(n, "group") == 0) {
		start_group(s, atts);
	} else if (s->depth == 3 && s->in_group && strcmp(n, "dataValue") == 0) {
		data_value(s, atts);
	} else if (s->depth == 3 && s->in_group && strcmp(n, "annotation") == 0) {
		/* a group's annotation, as the schema allows: not data */
	} else if (s->depth == 2 || (s->depth == 3 && s->in_group)) {
		diags_add(s->d, line_of(s), "", _("unexpected element <%s>"), n);
	}
	/* deeper elements (annotations) are ignored */
	if (s->err)
		XML_StopParser(s->g.p, XML_FALSE);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct adx_state *s = ud;

	(void)name;
	if (s->depth == 2)
		s->in_group = false;
	s->depth--;
}

enum gemis_err values_adx_parse(const char *data, size_t len, const struct tree *t,
				const struct codemap *map, struct value_rows *rows, struct diags *d,
				struct errctx *e)
{
	struct adx_state s;
	XML_Parser p;
	enum XML_Status st;
	enum gemis_err err = GEMIS_OK;

	memset(&s, 0, sizeof(s));
	s.t = t;
	s.map = map;
	s.rows = rows;
	s.d = d;
	s.sex_attr = codemap_out(map, CODE_ATTRIBUTE, "sex");
	p = xml_parser_new(&s.g);
	if (!p)
		return GEMIS_ENOMEM;
	XML_SetElementHandler(p, on_start, on_end);
	/* expat takes an int length */
	if (len > (size_t)1 << 30) {
		XML_ParserFree(p);
		return err_set(e, GEMIS_ELIMIT, "%s", _("the file is too large"));
	}
	st = XML_Parse(p, data, (int)len, XML_TRUE);
	if (s.g.refused) {
		err = err_set_at(e, GEMIS_EFORMAT, "", "line %lu: %s", XML_GetCurrentLineNumber(p),
				 _("the file declares entities in a DOCTYPE; gemis does not read such XML"));
	} else if (s.err == GEMIS_ELIMIT) {
		err = err_set(e, GEMIS_EFORMAT, "line %lu: %s", XML_GetCurrentLineNumber(p),
			      _("elements nested too deep"));
	} else if (s.err) {
		err = s.err;
	} else if (st == XML_STATUS_ERROR && XML_GetErrorCode(p) != XML_ERROR_ABORTED) {
		err = err_set(e, GEMIS_EFORMAT, "line %lu, column %lu: %s", XML_GetCurrentLineNumber(p),
			      XML_GetCurrentColumnNumber(p) + 1, XML_ErrorString(XML_GetErrorCode(p)));
	} else if (!s.root_seen && d->total == 0) {
		err = err_set(e, GEMIS_EFORMAT, "%s", _("the file has no <adx> element"));
	}
	XML_ParserFree(p);
	return err;
}
