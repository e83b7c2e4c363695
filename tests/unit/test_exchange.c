/*
 * test_exchange.c: the exchange formats (formats/exchange.h): ADX, DHIS2
 * JSON, SDMX-CSV, code maps, the XLSX reader and the agency form, without
 * a database.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "core/catalog.h"
#include "formats/exchange.h"
#include "formats/values_template.h"
#include "formats/xlsx.h"
#include "harness.h"
#include "util/i18n.h"

static struct tree t;

static void build_tree(void)
{
	struct errctx e = {0};

	tree_init(&t);
	tree_add(&t, "VN", "Việt Nam", "Việt Nam", LEVEL_NATION, NULL, 1, &e);
	tree_add(&t, "12", "Lai Châu", "Lai Châu", LEVEL_PROVINCE, "VN", 2, &e);
	tree_add(&t, "03390", "Xã Bình Lư", "Bình Lư", LEVEL_COMMUNE, "12", 3, &e);
	tree_add(&t, "03394", "Xã Sin Suối Hồ", "Sin Suối Hồ", LEVEL_COMMUNE, "12", 4, &e);
	tree_finish(&t);
}

static struct value_row row(const char *unit, const char *per, const char *ind, int part, int sex,
			    double v)
{
	struct value_row r = {0};

	r.unit = tree_find(&t, unit);
	period_parse(per, strlen(per), &r.period);
	r.ind = catalog_find(ind);
	r.part = part;
	r.sex = sex;
	r.value = v;
	return r;
}

/* True when d has a problem at `line` whose field is `field` and whose
 * message contains `needle`. */
static bool has_diag(const struct diags *d, long line, const char *field, const char *needle)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (d->d[i].line == line && strcmp(d->d[i].field, field) == 0 &&
		    strstr(d->d[i].msg, needle))
			return true;
	}
	for (i = 0; i < d->n; i++)
		fprintf(stderr, "  have %ld %s: %s\n", d->d[i].line, d->d[i].field, d->d[i].msg);
	return false;
}

static const char adx_good[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"2026-12-02T00:00:00Z\">\n"
	"  <group orgUnit=\"03390\" period=\"2026-01-01/P1Y\" dataSet=\"GEMIS\">\n"
	"    <dataValue dataElement=\"female_wage_workers.num\" value=\"412\"/>\n"
	"    <dataValue dataElement=\"female_wage_workers.den\" value=\"1000\"><annotation>x</annotation></dataValue>\n"
	"    <dataValue dataElement=\"primary_completion.num\" sex=\"F\" value=\"95\"/>\n"
	"  </group>\n"
	"  <group orgUnit=\"12\" period=\"2026-07-01/P3M\" dataSet=\"ANY\" sex=\"M\">\n"
	"    <dataValue dataElement=\"primary_completion.den\" value=\"100\"/>\n"
	"  </group>\n"
	"  <group orgUnit=\"12\" period=\"2026-07-01/P1M\" dataSet=\"ANY\">\n"
	"    <dataValue dataElement=\"sex_ratio_at_birth.num\" value=\"11.0\"/>\n"
	"  </group>\n"
	"</adx>\n";

TEST(adx_reads_groups_periods_and_sex)
{
	struct value_rows rows = {0};
	struct diags d;
	struct errctx e = {0};
	char per[16];

	diags_init(&d, 50);
	CHECK(values_adx_parse(adx_good, strlen(adx_good), &t, NULL, &rows, &d, &e) == GEMIS_OK);
	CHECK(d.total == 0);
	CHECK(rows.n == 5);
	if (rows.n == 5) {
		CHECK(rows.v[0].unit == tree_find(&t, "03390") && rows.v[0].ind == catalog_find("female_wage_workers") &&
		      rows.v[0].part == PART_NUM && rows.v[0].sex == SEX_T && rows.v[0].value == 412);
		CHECK(rows.v[0].line == 4);
		CHECK(rows.v[2].sex == SEX_F);
		/* the group's sex applies to its values */
		CHECK(rows.v[3].sex == SEX_M && rows.v[3].unit == tree_find(&t, "12"));
		period_format(rows.v[3].period, per, sizeof(per));
		CHECK_STR(per, "2026Q3");
		period_format(rows.v[4].period, per, sizeof(per));
		CHECK_STR(per, "2026-07");
	}
	value_rows_release(&rows);
	diags_release(&d);
}

TEST(adx_reports_every_problem_with_its_line)
{
	static const char bad[] =
		"<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"2026-12-02T00:00:00Z\">\n"
		"  <group orgUnit=\"99999\" period=\"2026-01-01/P1Y\" dataSet=\"G\">\n"
		"    <dataValue dataElement=\"female_wage_workers.num\" value=\"1\"/>\n"
		"  </group>\n"
		"  <group orgUnit=\"03390\" period=\"2026-02-01/P3M\" dataSet=\"G\">\n"
		"    <dataValue dataElement=\"female_wage_workers.num\" value=\"1\"/>\n"
		"  </group>\n"
		"  <group orgUnit=\"03390\" period=\"2026-01-01/P1Y\" dataSet=\"G\">\n"
		"    <dataValue dataElement=\"female_wage_workers\" value=\"1\"/>\n"
		"    <dataValue dataElement=\"female_wage_workers.num\" AGE=\"15-19\" value=\"1\"/>\n"
		"    <dataValue dataElement=\"female_wage_workers.num\" sex=\"F\" value=\"1\"/>\n"
		"    <dataValue dataElement=\"female_wage_workers.den\" value=\"lots\"/>\n"
		"    <dataValue dataElement=\"female_wage_workers.den\"/>\n"
		"  </group>\n"
		"</adx>\n";
	struct value_rows rows = {0};
	struct diags d;
	struct errctx e = {0};

	diags_init(&d, 50);
	CHECK(values_adx_parse(bad, strlen(bad), &t, NULL, &rows, &d, &e) == GEMIS_OK);
	CHECK(has_diag(&d, 3, "orgUnit", "99999"));
	CHECK(has_diag(&d, 5, "period", "2026-02-01/P3M"));
	CHECK(has_diag(&d, 9, "dataElement", "female_wage_workers"));
	CHECK(has_diag(&d, 10, "AGE", "AGE=\"15-19\""));
	CHECK(has_diag(&d, 11, "sex", "total only"));
	CHECK(has_diag(&d, 12, "value", "lots"));
	CHECK(has_diag(&d, 13, "value", "no value"));
	CHECK(rows.n == 0);
	value_rows_release(&rows);
	diags_release(&d);
}

TEST(adx_refuses_entities)
{
	static const char laughs[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE adx [\n <!ENTITY a \"aaaaaaaaaa\">\n"
		" <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n"
		"<adx><group orgUnit=\"&b;\" period=\"2026-01-01/P1Y\"/></adx>\n";
	static const char external[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE adx [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
		"<adx><group orgUnit=\"&x;\" period=\"2026-01-01/P1Y\"/></adx>\n";
	static const char undeclared[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE adx SYSTEM \"http://example.org/adx.dtd\">\n"
		"<adx><group orgUnit=\"&x;\" period=\"2026-01-01/P1Y\"/></adx>\n";
	const char *docs[3] = {laughs, external, undeclared};
	int i;

	for (i = 0; i < 3; i++) {
		struct value_rows rows = {0};
		struct diags d;
		struct errctx e = {0};

		diags_init(&d, 50);
		CHECK(values_adx_parse(docs[i], strlen(docs[i]), &t, NULL, &rows, &d, &e) == GEMIS_EFORMAT);
		if (e.code != GEMIS_EFORMAT)
			fprintf(stderr, "  document %d: %s (%zu problems)\n", i, e.msg, d.total);
		CHECK(rows.n == 0);
		CHECK(strstr(e.msg, "DOCTYPE") != NULL || strstr(e.msg, "entity") != NULL);
		value_rows_release(&rows);
		diags_release(&d);
	}
}

TEST(adx_malformed_is_a_format_error_with_its_line)
{
	static const char broken[] = "<adx>\n<group orgUnit=\"03390\">\n</adx>\n";
	static const char other[] = "<html><body/></html>";
	struct value_rows rows = {0};
	struct diags d;
	struct errctx e = {0};

	diags_init(&d, 50);
	CHECK(values_adx_parse(broken, strlen(broken), &t, NULL, &rows, &d, &e) == GEMIS_EFORMAT);
	CHECK(strstr(e.msg, "line 3") != NULL);
	err_clear(&e);
	CHECK(values_adx_parse(other, strlen(other), &t, NULL, &rows, &d, &e) == GEMIS_OK);
	CHECK(has_diag(&d, 1, "", "<html>"));
	value_rows_release(&rows);
	diags_release(&d);
}

TEST(dhis2_reads_values_defaults_and_positions)
{
	static const char doc[] =
		"{\"dataSet\": \"X\", \"orgUnit\": \"03390\", \"period\": \"2026\",\n"
		" \"dataValues\": [\n"
		"  {\"dataElement\": \"female_wage_workers.num\", \"value\": \"412\"},\n"
		"  {\"dataElement\": \"female_wage_workers.den\", \"value\": 1000, \"comment\": \"{[\\\"\"},\n"
		"  {\"dataElement\": \"primary_completion.num\", \"categoryOptionCombo\": \"F\", \"value\": 95.5},\n"
		"  {\"dataElement\": \"news_items_per_quarter.value\", \"period\": \"202607\", \"orgUnit\": \"12\",\n"
		"   \"categoryOptionCombo\": \"default\", \"attributeOptionCombo\": \"default\", \"value\": \"4\"},\n"
		"  {\"dataElement\": \"female_key_leaders.num\", \"value\": \"2\", \"deleted\": true},\n"
		"  {\"dataElement\": \"female_key_leaders.den\", \"value\": \"2\", \"attributeOptionCombo\": \"AOC1\"},\n"
		"  {\"dataElement\": \"female_key_leaders.den\", \"orgUnit\": \"77\", \"value\": \"x\"}\n"
		" ]}\n";
	struct value_rows rows = {0};
	struct diags d;
	struct errctx e = {0};
	char per[16];

	diags_init(&d, 50);
	CHECK(values_dhis2_parse(doc, strlen(doc), &t, NULL, &rows, &d, &e) == GEMIS_OK);
	/* 95.5 is not a whole number: counts must be, as in CSV */
	CHECK(rows.n == 3);
	if (rows.n == 3) {
		CHECK(rows.v[0].unit == tree_find(&t, "03390") && rows.v[0].value == 412 && rows.v[0].line == 3);
		CHECK(rows.v[1].value == 1000 && rows.v[1].line == 4);
		period_format(rows.v[2].period, per, sizeof(per));
		CHECK_STR(per, "2026-07");
		CHECK(rows.v[2].sex == SEX_T && rows.v[2].unit == tree_find(&t, "12"));
	}
	CHECK(has_diag(&d, 5, "value", "whole number"));
	CHECK(has_diag(&d, 8, "deleted", ""));
	CHECK(has_diag(&d, 9, "attributeOptionCombo", "AOC1"));
	CHECK(has_diag(&d, 10, "orgUnit", "77"));
	CHECK(has_diag(&d, 10, "value", "'x'"));
	value_rows_release(&rows);
	diags_release(&d);
}

TEST(dhis2_on_one_line_names_values_by_index)
{
	static const char doc[] = "{\"dataValues\":[{\"dataElement\":\"female_wage_workers.num\",\"period\":\"2026\","
				  "\"orgUnit\":\"03390\",\"value\":\"1\"},{\"dataElement\":\"x.num\",\"period\":\"2026\","
				  "\"orgUnit\":\"03390\",\"value\":\"1\"}]}";
	static const char dup[] = "{\"dataValues\": [], \"dataValues\": []}";
	static const char notset[] = "[1, 2]";
	struct value_rows rows = {0};
	struct diags d;
	struct errctx e = {0};

	diags_init(&d, 50);
	CHECK(values_dhis2_parse(doc, strlen(doc), &t, NULL, &rows, &d, &e) == GEMIS_OK);
	CHECK(rows.n == 1);
	CHECK(has_diag(&d, 0, "[1].dataElement", "unknown indicator 'x'"));
	CHECK(values_dhis2_parse(dup, strlen(dup), &t, NULL, &rows, &d, &e) == GEMIS_EFORMAT);
	CHECK(strstr(e.msg, "line 1") != NULL);
	CHECK(values_dhis2_parse(notset, strlen(notset), &t, NULL, &rows, &d, &e) == GEMIS_EFORMAT);
	value_rows_release(&rows);
	diags_release(&d);
}

static void sample(struct value_rows *rows)
{
	struct value_row r[] = {
		row("12", "2026", "unpaid_care_ratio", PART_VALUE, SEX_T, 1.7),
		row("03390", "2026", "female_wage_workers", PART_NUM, SEX_T, 412),
		row("03390", "2026", "female_wage_workers", PART_DEN, SEX_T, 1000),
		row("03390", "2026", "primary_completion", PART_NUM, SEX_F, 95),
		row("03390", "2026", "primary_completion", PART_NUM, SEX_M, 90),
		row("03390", "2026Q3", "news_items_per_quarter", PART_VALUE, SEX_T, 4),
		row("03390", "2026-07", "sex_ratio_at_birth", PART_NUM, SEX_T, 11),
		row("03394", "2025", "unpaid_care_ratio", PART_VALUE, SEX_T, 0.000012),
	};
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		value_rows_push(rows, &r[i]);
	values_sort(&t, rows->v, rows->n);
}

static bool same_rows(const struct value_rows *a, const struct value_rows *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++) {
		if (a->v[i].unit != b->v[i].unit || a->v[i].period != b->v[i].period || a->v[i].ind != b->v[i].ind ||
		    a->v[i].part != b->v[i].part || a->v[i].sex != b->v[i].sex || a->v[i].value != b->v[i].value)
			return false;
	}
	return true;
}

TEST(every_format_reads_back_what_it_writes)
{
	enum xfmt f[3] = {XF_CSV, XF_ADX, XF_DHIS2};
	struct value_rows in = {0};
	struct codemap map;
	struct diags d;
	struct errctx e = {0};
	static const char m[] = "type,gemis,external\nunit,03390,OU_A\nelement,female_wage_workers.num,DE1\n"
				"sex,F,FMLE\nsex,T,default\nattribute,sex,GENDER\ndataset,GEMIS,DS1\n";
	int i, withmap;

	diags_init(&d, 50);
	sample(&in);
	for (withmap = 0; withmap < 2; withmap++) {
		for (i = 0; i < 3; i++) {
			struct export_opts o = {withmap ? &map : NULL, 1796169600};
			struct value_rows out = {0};
			struct buf b;

			if (f[i] == XF_CSV && withmap)
				continue;
			codemap_init(&map);
			CHECK(codemap_parse(&map, xfmt_name(f[i]), m, strlen(m), &d, &e) == GEMIS_OK && d.total == 0);
			buf_init(&b, 1 << 20);
			CHECK(values_write(f[i], &t, in.v, in.n, &o, &b) == GEMIS_OK);
			if (withmap) {
				CHECK(strstr(buf_str(&b), "OU_A") != NULL && strstr(buf_str(&b), "DE1") != NULL);
				CHECK(strstr(buf_str(&b), "\"03390\"") == NULL);
			}
			CHECK(values_parse(f[i], buf_str(&b), b.len, &t, withmap ? &map : NULL, &out, &d, &e) == GEMIS_OK);
			CHECK(d.total == 0);
			values_sort(&t, out.v, out.n);
			CHECK(same_rows(&in, &out));
			value_rows_release(&out);
			buf_release(&b);
			codemap_release(&map);
		}
	}
	value_rows_release(&in);
	diags_release(&d);
}

TEST(writers_lay_values_out_as_documented)
{
	struct value_rows in = {0};
	struct export_opts o = {NULL, 1796169600};
	struct buf b;

	sample(&in);
	buf_init(&b, 1 << 20);
	CHECK(values_write_sdmx(&t, in.v, in.n, &o, &b) == GEMIS_OK);
	/* lines end with CRLF, as in the specification's examples */
	{
		static const char head[] =
			"DATAFLOW,FREQ,REF_AREA,INDICATOR,VALUE_PART,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MULT,OBS_STATUS,CONF_STATUS\r\n"
			"GEMIS:DF_GENDER_EQUALITY(1.0),A,12,unpaid_care_ratio,VALUE,_T,2026,1.7,0,A,F\r\n";

		CHECK(strncmp(buf_str(&b), head, sizeof(head) - 1) == 0);
	}
	CHECK(strstr(buf_str(&b), ",Q,03390,news_items_per_quarter,VALUE,_T,2026-Q3,4,0,A,F\r\n") != NULL);
	CHECK(strstr(buf_str(&b), ",M,03390,sex_ratio_at_birth,NUM,_T,2026-07,11,0,A,F\r\n") != NULL);
	CHECK(strstr(buf_str(&b), ",A,03390,primary_completion,NUM,F,2026,95,0,A,F\r\n") != NULL);
	/* numbers never in exponent form */
	CHECK(strstr(buf_str(&b), ",0.000012,0,A,F\r\n") != NULL);
	/* no computed values given, none written */
	CHECK(strstr(buf_str(&b), ",IND,") == NULL);
	/* no bare LF */
	{
		const char *p;

		for (p = strchr(buf_str(&b), '\n'); p; p = strchr(p + 1, '\n'))
			CHECK(p > buf_str(&b) && p[-1] == '\r');
	}
	buf_reset(&b);
	CHECK(values_write_adx(&t, in.v, in.n, &o, &b) == GEMIS_OK);
	CHECK(strstr(buf_str(&b), "exported=\"2026-12-02T00:00:00Z\"") != NULL);
	CHECK(strstr(buf_str(&b), "<group orgUnit=\"03390\" period=\"2026-07-01/P3M\" dataSet=\"GEMIS\">\n"
				  "    <dataValue dataElement=\"news_items_per_quarter.value\" value=\"4\"/>") != NULL);
	CHECK(strstr(buf_str(&b), "<dataValue dataElement=\"primary_completion.num\" sex=\"F\" value=\"95\"/>") != NULL);
	buf_reset(&b);
	CHECK(values_write_dhis2(&t, in.v, in.n, &o, &b) == GEMIS_OK);
	CHECK(strstr(buf_str(&b), "{\"dataElement\": \"sex_ratio_at_birth.num\", \"period\": \"202607\", "
				  "\"orgUnit\": \"03390\", \"value\": \"11\"}") != NULL);
	CHECK(strstr(buf_str(&b), "\"categoryOptionCombo\": \"M\"") != NULL);
	CHECK(strstr(buf_str(&b), "dataSet") == NULL);
	buf_release(&b);
	value_rows_release(&in);
}

/* The computed values follow the parts: IND, rounded to 4 decimals, the
 * catalog's factor as UNIT_MULT, a withheld one empty with O and C. */
TEST(sdmx_writes_computed_values_after_the_parts)
{
	int fww = catalog_find("female_wage_workers"), ratio = catalog_find("unpaid_care_ratio");
	int mmr = catalog_find("maternal_mortality"), dv = catalog_find("dv_victims_supported");
	int bl = tree_find(&t, "03390");
	struct indicator_obs obs[] = {
		{bl, 2026, fww, SEX_T, 100.0 / 3, false},
		{bl, 2026, ratio, SEX_T, 1.75, false},
		{bl, 2026, dv, SEX_F, 62.5, true},
	};
	struct export_opts o = {NULL, 1796169600, 0, obs, 3};
	struct buf b;

	CHECK(fww >= 0 && ratio >= 0 && mmr >= 0 && dv >= 0 && bl >= 0);
	CHECK(sdmx_unit_mult(fww) == -2);
	CHECK(sdmx_unit_mult(ratio) == 0);
	CHECK(sdmx_unit_mult(mmr) == -5);
	buf_init(&b, 1 << 16);
	CHECK(values_write_sdmx(&t, NULL, 0, &o, &b) == GEMIS_OK);
	CHECK_STR(buf_str(&b),
		  "DATAFLOW,FREQ,REF_AREA,INDICATOR,VALUE_PART,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MULT,OBS_STATUS,CONF_STATUS\r\n"
		  "GEMIS:DF_GENDER_EQUALITY(1.0),A,03390,female_wage_workers,IND,_T,2026,33.3333,-2,A,F\r\n"
		  "GEMIS:DF_GENDER_EQUALITY(1.0),A,03390,unpaid_care_ratio,IND,_T,2026,1.75,0,A,F\r\n"
		  "GEMIS:DF_GENDER_EQUALITY(1.0),A,03390,dv_victims_supported,IND,F,2026,,-2,O,C\r\n");
	/* the withheld value is nowhere in the file */
	CHECK(strstr(buf_str(&b), "62.5") == NULL);
	buf_release(&b);
}

TEST(code_maps_are_checked)
{
	static const char bad[] = "type,gemis,external\nunit,03390,A\nunit,03394,A\nplace,x,y\nsex,F,\nsex,M,W,extra\n";
	struct codemap m;
	struct diags d;
	struct errctx e = {0};

	codemap_init(&m);
	diags_init(&d, 50);
	CHECK(codemap_parse(&m, "adx", bad, strlen(bad), &d, &e) == GEMIS_OK);
	CHECK(has_diag(&d, 3, "external", "mapped twice"));
	CHECK(has_diag(&d, 4, "type", "place"));
	CHECK(has_diag(&d, 5, "external", "empty"));
	CHECK(has_diag(&d, 6, "", "4 fields"));
	CHECK_STR(codemap_out(&m, CODE_UNIT, "03390"), "A");
	CHECK_STR(codemap_in(&m, CODE_UNIT, "A"), "03390");
	CHECK_STR(codemap_in(&m, CODE_UNIT, "B"), "B");
	CHECK_STR(codemap_out(NULL, CODE_SEX, "F"), "F");
	codemap_release(&m);
	diags_release(&d);
}

/* Shaped like the IHE ADX supplement's sample: the same unit and period
 * in two groups, one per funding mechanism, and a value by age group. */
static const char adx_mechanisms[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<adx xmlns=\"urn:ihe:qrph:adx:2015\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	"     exported=\"2026-12-02T00:00:00Z\">\n"
	"  <group orgUnit=\"03390\" period=\"2026-01-01/P1Y\" completeDate=\"2026-12-01\" dataSet=\"GEMIS\"\n"
	"         mechanism=\"PEPFAR\">\n"
	"    <dataValue dataElement=\"female_wage_workers.num\" value=\"300\"/>\n"
	"  </group>\n"
	"  <group orgUnit=\"03390\" period=\"2026-01-01/P1Y\" completeDate=\"2026-12-01\" dataSet=\"GEMIS\"\n"
	"         mechanism=\"OTHER\">\n"
	"    <dataValue dataElement=\"female_wage_workers.num\" value=\"112\"/>\n"
	"  </group>\n"
	"  <group orgUnit=\"03390\" period=\"2025-01-01/P1Y\" dataSet=\"GEMIS\" attributeOptionCombo=\"HllvX50cXC0\">\n"
	"    <dataValue dataElement=\"female_wage_workers.num\" sex=\"default\" value=\"5\"/>\n"
	"    <dataValue dataElement=\"female_wage_workers.den\" AGE_GROUP=\"under_15\" value=\"6\"/>\n"
	"  </group>\n"
	"</adx>\n";

TEST(adx_refuses_breakdowns_it_does_not_hold)
{
	static const char m[] = "type,gemis,external,format\ndefault,mechanism,OTHER,adx\n"
				"default,AGE_GROUP,all,dhis2\n";
	struct value_rows rows = {0};
	struct codemap map;
	struct diags d;
	struct errctx e = {0};

	diags_init(&d, 50);
	CHECK(values_adx_parse(adx_mechanisms, strlen(adx_mechanisms), &t, NULL, &rows, &d, &e) == GEMIS_OK);
	/* each group of a mechanism is refused with the attribute named; the
	 * default attribute option combination and sex are accepted */
	CHECK(has_diag(&d, 4, "mechanism", "mechanism=\"PEPFAR\""));
	CHECK(has_diag(&d, 8, "mechanism", "default,mechanism,OTHER"));
	CHECK(has_diag(&d, 14, "AGE_GROUP", "under_15"));
	CHECK(d.total == 3);
	CHECK(rows.n == 1 && rows.v[0].sex == SEX_T && rows.v[0].value == 5);
	value_rows_release(&rows);
	diags_release(&d);

	/* a code map that says OTHER is no breakdown lets that group in; a
	 * line for DHIS2 says nothing of ADX */
	codemap_init(&map);
	diags_init(&d, 50);
	CHECK(codemap_parse(&map, "adx", m, strlen(m), &d, &e) == GEMIS_OK && d.total == 0);
	CHECK(values_adx_parse(adx_mechanisms, strlen(adx_mechanisms), &t, &map, &rows, &d, &e) == GEMIS_OK);
	CHECK(has_diag(&d, 4, "mechanism", "PEPFAR"));
	CHECK(has_diag(&d, 14, "AGE_GROUP", "under_15"));
	CHECK(d.total == 2);
	CHECK(rows.n == 2 && rows.v[0].value == 112);
	value_rows_release(&rows);
	diags_release(&d);
	codemap_release(&map);
}

TEST(dhis2_refuses_attribute_combos_and_reads_default_ids)
{
	/* a DHIS2 export with its default ids: imports as totals */
	static const char real[] =
		"{\"dataSet\":\"pBOMPrpg1QX\",\"completeDate\":\"2026-12-01\",\"period\":\"2026\",\"orgUnit\":\"03390\","
		"\"attributeOptionCombo\":\"HllvX50cXC0\",\"attributeCategoryOptions\":[\"xYerKDKCefk\"],\"dataValues\":["
		"{\"dataElement\":\"female_wage_workers.num\",\"period\":\"2026\",\"orgUnit\":\"03390\","
		"\"categoryOptionCombo\":\"HllvX50cXC0\",\"attributeOptionCombo\":\"HllvX50cXC0\",\"value\":\"412\","
		"\"storedBy\":\"admin\",\"created\":\"2026-12-01T10:00:00.000+0000\","
		"\"lastUpdated\":\"2026-12-01T10:00:00.000+0000\",\"followup\":false}]}";
	/* a funding mechanism for the whole set, one on a value, an unknown
	 * member, a category option that is not the default */
	static const char mech[] =
		"{\"orgUnit\": \"03390\", \"period\": \"2026\",\n"
		" \"attributeOptionCombo\": \"PEPFAR01\",\n"
		" \"dataValues\": [\n"
		"  {\"dataElement\": \"female_wage_workers.num\", \"value\": \"1\"},\n"
		"  {\"dataElement\": \"female_wage_workers.den\", \"attributeOptionCombo\": \"default\", \"value\": \"2\"},\n"
		"  {\"dataElement\": \"female_key_leaders.num\", \"attributeOptionCombo\": \"XfXL6fEveof\", \"value\": \"2\"},\n"
		"  {\"dataElement\": \"female_key_leaders.den\", \"ageGroup\": \"15-19\", \"value\": \"3\"}\n"
		" ],\n"
		" \"attributeCategoryOptions\": [\"xYerKDKCefk\", \"OPT_PEPFAR\"], \"mechanism\": \"x\"}\n";
	static const char m[] = "type,gemis,external,format\ndefault,attributeOptionCombo,XfXL6fEveof,dhis2\n";
	struct value_rows rows = {0};
	struct codemap map;
	struct diags d;
	struct errctx e = {0};

	diags_init(&d, 50);
	CHECK(values_dhis2_parse(real, strlen(real), &t, NULL, &rows, &d, &e) == GEMIS_OK);
	CHECK(d.total == 0);
	CHECK(rows.n == 1 && rows.v[0].sex == SEX_T && rows.v[0].value == 412);
	value_rows_release(&rows);

	CHECK(values_dhis2_parse(mech, strlen(mech), &t, NULL, &rows, &d, &e) == GEMIS_OK);
	/* the set's mechanism named once, where it is given */
	CHECK(has_diag(&d, 2, "attributeOptionCombo", "PEPFAR01"));
	CHECK(has_diag(&d, 6, "attributeOptionCombo", "XfXL6fEveof"));
	CHECK(has_diag(&d, 7, "ageGroup", "not a member"));
	CHECK(has_diag(&d, 9, "attributeCategoryOptions", "OPT_PEPFAR"));
	CHECK(has_diag(&d, 9, "mechanism", "not a member"));
	CHECK(d.total == 5);
	/* the value that names the default itself is read */
	CHECK(rows.n == 1 && rows.v[0].value == 2);
	value_rows_release(&rows);
	diags_release(&d);

	/* another database's default, said in the code map */
	codemap_init(&map);
	diags_init(&d, 50);
	CHECK(codemap_parse(&map, "dhis2", m, strlen(m), &d, &e) == GEMIS_OK && d.total == 0);
	CHECK(values_dhis2_parse(mech, strlen(mech), &t, &map, &rows, &d, &e) == GEMIS_OK);
	CHECK(!has_diag(&d, 6, "attributeOptionCombo", "XfXL6fEveof"));
	CHECK(d.total == 4);
	value_rows_release(&rows);
	diags_release(&d);
	codemap_release(&map);
}

/* Regression: a map that gave the totals DHIS2's id made ADX write
 * SEX="HllvX50cXC0" on every total. */
TEST(code_maps_are_per_format)
{
	static const char m[] = "type,gemis,external,format\n"
				"sex,T,HllvX50cXC0,dhis2\n"
				"sex,F,FEMALE\n"
				"sex,F,W,adx\n"
				"unit,03390,OU_A\n"
				"unit,03390,BL,sdmx\n"
				"attribute,sex,GENDER,adx\n"
				"sex,M,MALE,xls\n"
				"unit,12,X,dhis2\n"
				"unit,03394,X,dhis2\n";
	struct value_rows in = {0};
	struct codemap adx, dhis2, sdmx;
	struct diags d;
	struct errctx e = {0};
	struct buf b;
	struct export_opts o = {NULL, 1796169600};

	diags_init(&d, 50);
	codemap_init(&adx);
	codemap_init(&dhis2);
	codemap_init(&sdmx);
	CHECK(codemap_parse(&adx, "adx", m, strlen(m), &d, &e) == GEMIS_OK);
	/* lines for another format are checked all the same */
	CHECK(has_diag(&d, 8, "format", "xls"));
	CHECK(has_diag(&d, 10, "external", "mapped twice"));
	CHECK(d.total == 2);
	CHECK(codemap_parse(&dhis2, "dhis2", m, strlen(m), &d, &e) == GEMIS_OK);
	CHECK(codemap_parse(&sdmx, "sdmx", m, strlen(m), &d, &e) == GEMIS_OK);
	CHECK_STR(codemap_out(&adx, CODE_SEX, "T"), "T");
	CHECK_STR(codemap_out(&dhis2, CODE_SEX, "T"), "HllvX50cXC0");
	/* a line for the format comes before a line for all */
	CHECK_STR(codemap_out(&adx, CODE_SEX, "F"), "W");
	CHECK_STR(codemap_out(&dhis2, CODE_SEX, "F"), "FEMALE");
	CHECK_STR(codemap_in(&adx, CODE_SEX, "FEMALE"), "F");
	CHECK_STR(codemap_out(&sdmx, CODE_UNIT, "03390"), "BL");
	CHECK_STR(codemap_out(&adx, CODE_UNIT, "03390"), "OU_A");

	sample(&in);
	buf_init(&b, 1 << 20);
	o.map = &adx;
	CHECK(values_write_adx(&t, in.v, in.n, &o, &b) == GEMIS_OK);
	CHECK(strstr(buf_str(&b), "HllvX50cXC0") == NULL);
	CHECK(strstr(buf_str(&b), "GENDER=\"W\"") != NULL);
	CHECK(strstr(buf_str(&b), "<dataValue dataElement=\"female_wage_workers.num\" value=\"412\"/>") != NULL);
	buf_reset(&b);
	o.map = &dhis2;
	CHECK(values_write_dhis2(&t, in.v, in.n, &o, &b) == GEMIS_OK);
	CHECK(strstr(buf_str(&b), "\"orgUnit\": \"OU_A\", \"categoryOptionCombo\": \"HllvX50cXC0\", \"value\": \"412\"") != NULL);
	buf_release(&b);
	value_rows_release(&in);
	codemap_release(&adx);
	codemap_release(&dhis2);
	codemap_release(&sdmx);
	diags_release(&d);
}

/* Copies the workbook at `from` to `to` with cells of its first sheet
 * filled: pairs of (reference of an empty cell, what follows its
 * attributes: a type attribute and the value's XML). */
static bool edit_sheet(const char *from, const char *to, const char *const *pairs)
{
	struct xlsx_book dummy;
	zip_t *z;
	zip_int64_t idx;
	zip_stat_t st;
	zip_file_t *f;
	char *xml;
	struct buf b;
	size_t i;
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char chunk[4096];
	size_t n;
	bool ok = false;

	(void)dummy;
	if (!in || !out)
		return false;
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		fwrite(chunk, 1, n, out);
	fclose(in);
	fclose(out);
	z = zip_open(to, 0, NULL);
	if (!z)
		return false;
	idx = zip_name_locate(z, "xl/worksheets/sheet1.xml", 0);
	if (idx < 0 || zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0)
		goto out;
	xml = calloc(st.size + 1, 1);
	f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	if (!xml || !f || zip_fread(f, xml, st.size) != (zip_int64_t)st.size) {
		free(xml);
		goto out;
	}
	zip_fclose(f);
	buf_init(&b, 1 << 24);
	buf_puts(&b, xml);
	free(xml);
	for (i = 0; pairs[i]; i += 2) {
		char start[32], *at, *end;
		struct buf nb;

		/* the empty cell <c r="F14" s="N"/>, whatever its style */
		snprintf(start, sizeof(start), "<c r=\"%s\"", pairs[i]);
		at = strstr(b.p, start);
		end = at ? strstr(at, "/>") : NULL;
		if (!at || !end || memchr(at, '>', (size_t)(end - at))) {
			fprintf(stderr, "edit_sheet: no empty cell %s\n", pairs[i]);
			buf_release(&b);
			goto out;
		}
		buf_init(&nb, 1 << 24);
		buf_append(&nb, b.p, (size_t)(end - b.p));
		buf_puts(&nb, pairs[i + 1]);
		buf_puts(&nb, end + 2);
		buf_release(&b);
		b = nb;
	}
	{
		size_t len;
		char *data = buf_detach(&b, &len);
		zip_source_t *src = zip_source_buffer(z, data, len, 1);

		ok = src && zip_file_replace(z, (zip_uint64_t)idx, src, 0) == 0;
	}
out:
	if (zip_close(z) != 0) {
		zip_discard(z);
		ok = false;
	}
	return ok;
}

TEST(agency_form_is_read_back)
{
	struct template_row r[4];
	struct template_form f = {0};
	struct value_rows rows = {0};
	struct diags d;
	struct errctx e = {0};
	struct buf file;
	char dir[] = "/tmp/gemis-test-XXXXXX", path[128], filled[128];
	static const char *const fill[] = {
		/* a number, a number typed as text with a decimal comma, and a
		 * bad value; the fourth left empty */
		"F14", "><v>12</v></c>",
		"F15", " t=\"inlineStr\"><is><t>10</t></is></c>",
		"F16", " t=\"inlineStr\"><is><t>nhiều</t></is></c>",
		NULL,
	};
	size_t i;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/form.xlsx", dir);
	snprintf(filled, sizeof(filled), "%s/filled.xlsx", dir);
	r[0] = (struct template_row){catalog_find("dv_victims_supported"), PART_NUM, SEX_F, period_year_code(2026), 2};
	r[1] = (struct template_row){catalog_find("dv_victims_supported"), PART_DEN, SEX_F, period_year_code(2026), NAN};
	r[2] = (struct template_row){catalog_find("dv_victims_supported"), PART_NUM, SEX_M, period_year_code(2026), 0};
	r[3] = (struct template_row){catalog_find("news_items_per_quarter"), PART_VALUE, SEX_T, period_quarter(2026, 2), NAN};
	f.t = &t;
	f.unit = tree_find(&t, "03390");
	f.agency = agency_find("congan");
	f.year = 2026;
	f.dl_day = 30;
	f.dl_month = 11;
	f.dl_to = agency_find("vhxh");
	f.rows = r;
	f.nrows = 4;
	CHECK(values_template_write(&f, path, &e) == GEMIS_OK);
	CHECK(edit_sheet(path, filled, fill));
	diags_init(&d, 50);
	buf_init(&file, 1 << 24);
	/* the empty form: nothing to import, nothing wrong */
	CHECK(buf_read_file(&file, path, &e) == GEMIS_OK);
	CHECK(values_xlsx_parse(buf_str(&file), file.len, &t, &rows, &d, &e) == GEMIS_OK);
	CHECK(rows.n == 0 && d.total == 0);
	buf_reset(&file);
	CHECK(buf_read_file(&file, filled, &e) == GEMIS_OK);
	CHECK(values_xlsx_parse(buf_str(&file), file.len, &t, &rows, &d, &e) == GEMIS_OK);
	CHECK(rows.n == 2);
	if (rows.n == 2) {
		CHECK(rows.v[0].unit == tree_find(&t, "03390") && rows.v[0].ind == catalog_find("dv_victims_supported") &&
		      rows.v[0].part == PART_NUM && rows.v[0].sex == SEX_F && rows.v[0].value == 12 && rows.v[0].line == 14);
		CHECK(rows.v[1].part == PART_DEN && rows.v[1].value == 10);
	}
	CHECK(has_diag(&d, 16, "F16 value", "nhiều"));
	/* a numerator above its denominator is caught across rows, as in CSV */
	validate_rows(rows.v, rows.n, NULL, NULL, &d, &e);
	CHECK(has_diag(&d, 14, "value", "12"));
	for (i = 0; i < 2; i++)
		unlink(i ? filled : path);
	rmdir(dir);
	buf_release(&file);
	value_rows_release(&rows);
	diags_release(&d);
}

TEST(xlsx_reader_refuses_what_is_not_a_workbook)
{
	static const char notzip[] = "unit,period\n";
	struct xlsx_book b;
	struct errctx e = {0};
	char col[8];

	CHECK(xlsx_read(notzip, strlen(notzip), &b, &e) == GEMIS_EFORMAT);
	xlsx_release(&b);
	CHECK(xlsx_read("PK\x03\x04garbage", 11, &b, &e) == GEMIS_EFORMAT);
	xlsx_release(&b);
	xlsx_col_name(1, col, sizeof(col));
	CHECK_STR(col, "A");
	xlsx_col_name(28, col, sizeof(col));
	CHECK_STR(col, "AB");
	xlsx_col_name(16384, col, sizeof(col));
	CHECK_STR(col, "XFD");
}

TEST(formats_from_names_and_extensions)
{
	CHECK(xfmt_from_path("a.CSV") == XF_CSV);
	CHECK(xfmt_from_path("dir.x/a.xml") == XF_ADX);
	CHECK(xfmt_from_path("a.adx") == XF_ADX);
	CHECK(xfmt_from_path("a.json") == XF_DHIS2);
	CHECK(xfmt_from_path("form.xlsx") == XF_XLSX);
	CHECK(xfmt_from_path("a.txt") == -1);
	CHECK(xfmt_parse("sdmx") == XF_SDMX && !xfmt_readable(XF_SDMX));
	CHECK(xfmt_parse("ods") == -1);
}

/* Adds parent's series on a category of a breakdown, as `gemis indicator
 * breakdown` does (store/breakdowns.c). */
static void add_series(const char *parent, const char *bd, const char *cat)
{
	struct indicator ind = catalog[catalog_find(parent)];
	struct errctx e = {0};
	char id[128];
	int k;

	snprintf(id, sizeof(id), "%s__%s_%s", parent, bd, cat);
	ind.id = id;
	ind.has_national = ind.has_national_2025 = false;
	ind.parent = parent;
	ind.breakdown = bd;
	ind.category = cat;
	ind.category_vi = ind.category_en = cat;
	CHECK(catalog_add(&ind, &k, &e) == GEMIS_OK);
}

/* Issue 17: ADX and DHIS2 send a series as its parent's data element and
 * its category, and read it back as the series; a category the indicator
 * has no series for is refused with its place. */
TEST(series_travel_as_parent_and_category)
{
	static const char m[] = "type,gemis,external,format\nattribute,ethnicity,ETHNIC_GROUP,adx\n"
				"category,ethnicity_minority,ETH_MIN,adx\n"
				"sex,F_ethnicity_minority,UID_F_MIN,dhis2\n";
	static const char bad_adx[] =
		"<adx xmlns=\"urn:ihe:qrph:adx:2015\">\n"
		"  <group orgUnit=\"03390\" period=\"2026-01-01/P1Y\" ethnicity=\"kinh\">\n"
		"    <dataValue dataElement=\"primary_completion.num\" sex=\"F\" value=\"1\"/>\n"
		"    <dataValue dataElement=\"primary_completion.den\" sex=\"F\" area=\"rural\" value=\"1\"/>\n"
		"  </group>\n"
		"  <group orgUnit=\"03390\" period=\"2026-01-01/P1Y\">\n"
		"    <dataValue dataElement=\"primary_completion.num\" ethnicity=\"other\" value=\"1\"/>\n"
		"    <dataValue dataElement=\"female_wage_workers.num\" ethnicity=\"kinh\" value=\"1\"/>\n"
		"    <dataValue dataElement=\"primary_completion__area_rural.num\" area=\"rural\" value=\"1\"/>\n"
		"    <dataValue dataElement=\"primary_completion.num\" religion=\"x\" value=\"1\"/>\n"
		"  </group>\n"
		"</adx>\n";
	static const char bad_dhis2[] =
		"{\"orgUnit\": \"03390\", \"period\": \"2026\", \"dataValues\": [\n"
		"  {\"dataElement\": \"primary_completion.num\", \"categoryOptionCombo\": \"F_ethnicity_kinh\", \"value\": \"1\"},\n"
		"  {\"dataElement\": \"primary_completion.num\", \"categoryOptionCombo\": \"F_ethnicity_other\", \"value\": \"1\"},\n"
		"  {\"dataElement\": \"female_wage_workers.num\", \"categoryOptionCombo\": \"area_rural\", \"value\": \"1\"},\n"
		"  {\"dataElement\": \"primary_completion__area_rural.num\", \"categoryOptionCombo\": \"M_area_rural\", \"value\": \"1\"}\n"
		"]}\n";
	enum xfmt f[2] = {XF_ADX, XF_DHIS2};
	struct value_rows in = {0}, out = {0};
	struct codemap map;
	struct diags d;
	struct errctx e = {0};
	int i, withmap, sex;
	char c[200];

	i18n_set_lang(LANG_EN);
	add_series("primary_completion", "ethnicity", "kinh");
	add_series("primary_completion", "ethnicity", "minority");
	add_series("primary_completion", "area", "rural");
	{
		struct value_row r[] = {
			row("03390", "2026", "primary_completion", PART_NUM, SEX_F, 95),
			row("03390", "2026", "primary_completion__ethnicity_minority", PART_NUM, SEX_F, 40),
			row("03390", "2026", "primary_completion__ethnicity_minority", PART_DEN, SEX_F, 50),
			row("03390", "2026", "primary_completion__ethnicity_kinh", PART_NUM, SEX_M, 20),
			row("03394", "2026Q3", "primary_completion__area_rural", PART_NUM, SEX_T, 30),
			row("03394", "2026Q3", "primary_completion__area_rural", PART_DEN, SEX_T, 45),
		};

		for (i = 0; i < (int)(sizeof(r) / sizeof(r[0])); i++)
			value_rows_push(&in, &r[i]);
		values_sort(&t, in.v, in.n);
	}
	/* the combinations and their way back */
	combo_code(catalog_find("primary_completion__ethnicity_minority"), SEX_F, c, sizeof(c));
	CHECK_STR(c, "F_ethnicity_minority");
	combo_code(catalog_find("primary_completion__ethnicity_minority"), SEX_T, c, sizeof(c));
	CHECK_STR(c, "ethnicity_minority");
	combo_code(catalog_find("primary_completion"), SEX_M, c, sizeof(c));
	CHECK_STR(c, "M");
	CHECK(combo_series(catalog_find("primary_completion"), "M_area_rural", &sex) ==
		      catalog_find("primary_completion__area_rural") && sex == SEX_M);
	CHECK(combo_series(catalog_find("primary_completion"), "T_area_rural", &sex) ==
		      catalog_find("primary_completion__area_rural") && sex == SEX_T);
	CHECK(combo_series(catalog_find("primary_completion"), "F_area_urban", &sex) == -1);
	CHECK(breakdown_known("ethnicity") && !breakdown_known("religion"));
	diags_init(&d, 50);
	for (withmap = 0; withmap < 2; withmap++) {
		for (i = 0; i < 2; i++) {
			struct export_opts o = {withmap ? &map : NULL, 1796169600};
			struct buf b;
			const char *x;

			codemap_init(&map);
			CHECK(codemap_parse(&map, xfmt_name(f[i]), m, strlen(m), &d, &e) == GEMIS_OK && d.total == 0);
			buf_init(&b, 1 << 20);
			CHECK(values_write(f[i], &t, in.v, in.n, &o, &b) == GEMIS_OK);
			x = buf_str(&b);
			/* the parent's element, never the series' id */
			CHECK(strstr(x, "__") == NULL);
			if (f[i] == XF_ADX) {
				CHECK(strstr(x, "dataElement=\"primary_completion.num\" sex=\"F\"") != NULL);
				CHECK(strstr(x, withmap ? " ETHNIC_GROUP=\"ETH_MIN\"" : " ethnicity=\"minority\"") != NULL);
				CHECK(strstr(x, withmap ? " ETHNIC_GROUP=\"kinh\"" : " ethnicity=\"kinh\"") != NULL);
				CHECK(strstr(x, "<dataValue dataElement=\"primary_completion.den\" area=\"rural\" value=\"45\"/>") !=
				      NULL);
			} else {
				CHECK(strstr(x, withmap ? "\"UID_F_MIN\"" : "\"F_ethnicity_minority\"") != NULL);
				CHECK(strstr(x, "\"categoryOptionCombo\": \"area_rural\", \"value\": \"45\"") != NULL);
				CHECK(strstr(x, "\"M_ethnicity_kinh\"") != NULL);
			}
			CHECK(values_parse(f[i], x, b.len, &t, withmap ? &map : NULL, &out, &d, &e) == GEMIS_OK);
			CHECK(d.total == 0);
			values_sort(&t, out.v, out.n);
			CHECK(same_rows(&in, &out));
			value_rows_release(&out);
			buf_release(&b);
			codemap_release(&map);
		}
	}
	/* refused, each with its line and the attribute or member named */
	CHECK(values_adx_parse(bad_adx, strlen(bad_adx), &t, NULL, &out, &d, &e) == GEMIS_OK);
	CHECK(out.n == 1 && out.v[0].ind == catalog_find("primary_completion__ethnicity_kinh") && out.v[0].sex == SEX_F);
	CHECK(has_diag(&d, 4, "area", "one breakdown's series at a time"));
	CHECK(has_diag(&d, 7, "ethnicity", "no series for ethnicity=\"other\": its categories of ethnicity are kinh, minority"));
	CHECK(has_diag(&d, 8, "ethnicity", "female_wage_workers is not broken down by ethnicity"));
	CHECK(has_diag(&d, 9, "area", "is a series already"));
	CHECK(has_diag(&d, 10, "religion", "a breakdown gemis does not hold"));
	CHECK(d.total == 5);
	value_rows_release(&out);
	diags_release(&d);
	diags_init(&d, 50);
	CHECK(values_dhis2_parse(bad_dhis2, strlen(bad_dhis2), &t, NULL, &out, &d, &e) == GEMIS_OK);
	CHECK(out.n == 1 && out.v[0].ind == catalog_find("primary_completion__ethnicity_kinh") && out.v[0].sex == SEX_F);
	CHECK(has_diag(&d, 3, "categoryOptionCombo", "'F_ethnicity_other' is neither a sex"));
	CHECK(has_diag(&d, 4, "categoryOptionCombo", "female_wage_workers is broken down by nothing else"));
	CHECK(has_diag(&d, 5, "categoryOptionCombo", "is a series already"));
	CHECK(d.total == 3);
	value_rows_release(&out);
	value_rows_release(&in);
	diags_release(&d);
}

int main(void)
{
	i18n_set_lang(LANG_EN);
	build_tree();
	RUN(adx_reads_groups_periods_and_sex);
	RUN(adx_reports_every_problem_with_its_line);
	RUN(adx_refuses_entities);
	RUN(adx_malformed_is_a_format_error_with_its_line);
	RUN(dhis2_reads_values_defaults_and_positions);
	RUN(dhis2_on_one_line_names_values_by_index);
	RUN(every_format_reads_back_what_it_writes);
	RUN(writers_lay_values_out_as_documented);
	RUN(sdmx_writes_computed_values_after_the_parts);
	RUN(code_maps_are_checked);
	RUN(adx_refuses_breakdowns_it_does_not_hold);
	RUN(dhis2_refuses_attribute_combos_and_reads_default_ids);
	RUN(code_maps_are_per_format);
	RUN(agency_form_is_read_back);
	RUN(xlsx_reader_refuses_what_is_not_a_workbook);
	RUN(formats_from_names_and_extensions);
	RUN(series_travel_as_parent_and_category); /* last: the catalog only grows */
	tree_release(&t);
	return harness_report();
}
