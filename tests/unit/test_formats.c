/*
 * test_formats.c: text helpers, the bounded buffer, the CSV reader, the
 * values CSV importer's field checks and the checks across rows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "formats/codemap.h"
#include "formats/csv.h"
#include "formats/encoding.h"
#include "formats/values_csv.h"
#include "harness.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"

/* Folds into one of two rotating buffers, so that two results can be
 * compared; the buffers live until the process ends. */
static const char *fold(const char *s)
{
	static struct buf b[2];
	static int k;

	k ^= 1;
	buf_release(&b[k]);
	buf_init(&b[k], 4096);
	text_fold(&b[k], s, strlen(s));
	return buf_str(&b[k]);
}

TEST(text_fold_and_numbers)
{
	double v;
	long l;

	CHECK_STR(fold("Văn hoá – Xã hội"), "van hoa xa hoi");
	CHECK_STR(fold("Văn hóa-Xã hội"), "van hoa xa hoi");
	/* NFD input folds the same as NFC */
	CHECK_STR(fold("Vă\xcc\x86n ho\xcc\x81""a"), fold("Văn hóa"));
	CHECK_STR(fold("ĐỒNG Nguyên"), "dong nguyen");
	CHECK_STR(fold("  **Phấn đấu**  đạt 40%. "), "phan dau dat 40");
	CHECK(text_parse_number("41,2", 4, &v) && v == 41.2);
	CHECK(text_parse_number(" 41.2 ", 6, &v) && v == 41.2);
	CHECK(text_parse_number("-3", 2, &v) && v == -3);
	CHECK(!text_parse_number("1,2,3", 5, &v));
	CHECK(!text_parse_number("abc", 3, &v));
	CHECK(!text_parse_number("", 0, &v));
	CHECK(!text_parse_number("4.", 2, &v));
	CHECK(!text_parse_number("1e5", 3, &v));
	CHECK(!text_parse_number("nan", 3, &v));
	CHECK(text_parse_long("2026", 4, &l) && l == 2026);
	CHECK(!text_parse_long("20x6", 4, &l));
	CHECK(!text_parse_long("99999999999999999999", 20, &l));
	CHECK(text_valid_utf8("Bình Lư", strlen("Bình Lư")));
	CHECK(!text_valid_utf8("\xc3\x28", 2));
	CHECK(!text_valid_utf8("\xed\xa0\x80", 3)); /* a surrogate */
	CHECK(text_width("Bình Lư") == 7);
}

TEST(buf_limits_and_escapes)
{
	struct buf b;

	buf_init(&b, 8);
	CHECK(buf_puts(&b, "12345678") == GEMIS_OK);
	CHECK(buf_putc(&b, '9') == GEMIS_ELIMIT);
	CHECK_STR(buf_str(&b), "12345678");
	buf_release(&b);
	buf_init(&b, 0);
	buf_json_escape(&b, "a\"b\\c\n<\x01", 8);
	CHECK_STR(buf_str(&b), "a\\\"b\\\\c\\n\\u003c\\u0001");
	buf_reset(&b);
	buf_html_escape(&b, "<script>&\"'", 11);
	CHECK_STR(buf_str(&b), "&lt;script&gt;&amp;&quot;&#39;");
	buf_reset(&b);
	buf_put_number(&b, 41.2);
	buf_putc(&b, ' ');
	buf_put_number(&b, 3);
	buf_putc(&b, ' ');
	buf_put_number(&b, NAN);
	CHECK_STR(buf_str(&b), "41.2 3 null");
	buf_release(&b);
}

/* A buf remembers the first error of its appends: a chain of appends
 * checked once at the end gets its code, never an OR of codes. */
TEST(buf_remembers_its_first_error)
{
	struct buf b;
	unsigned long n;

	buf_init(&b, 8);
	CHECK(buf_error(&b) == GEMIS_OK);
	buf_puts(&b, "1234");
	buf_puts(&b, "567890"); /* past the limit */
	CHECK(buf_error(&b) == GEMIS_ELIMIT);
	/* later appends, even ones that would fit, do nothing */
	CHECK(buf_putc(&b, 'x') == GEMIS_ELIMIT);
	CHECK(buf_printf(&b, "%d", 5) == GEMIS_ELIMIT);
	CHECK_STR(buf_str(&b), "1234");
	buf_truncate(&b, 2);
	CHECK(buf_error(&b) == GEMIS_ELIMIT);
	buf_reset(&b);
	CHECK(buf_error(&b) == GEMIS_OK);
	CHECK(buf_puts(&b, "ok") == GEMIS_OK);
	buf_release(&b);

	/* out of memory first, then a limit: the first one is told */
	buf_init(&b, 64);
	alloc_fail_at(0);
	buf_puts(&b, "a");
	n = alloc_fail_at(1);
	CHECK(n == 1);
	buf_release(&b);
	buf_init(&b, 64);
	alloc_fail_at(1);
	buf_puts(&b, "abc");
	buf_printf(&b, "%0100d", 1);
	CHECK(buf_error(&b) == GEMIS_ENOMEM);
	CHECK(b.len == 0);
	buf_release(&b);
	buf_init(&b, 4);
	alloc_fail_at(2);
	buf_puts(&b, "abc");
	buf_puts(&b, "defg"); /* the limit, before any second allocation */
	buf_puts(&b, "h");
	CHECK(buf_error(&b) == GEMIS_ELIMIT);
	alloc_fail_at(0);
	buf_release(&b);
}

TEST(i18n_catalogues)
{
	CHECK_STR(i18n_get(LANG_VI, "on track"), "đúng tiến độ");
	CHECK_STR(i18n_get(LANG_EN, "on track"), "on track");
	CHECK_STR(i18n_get(LANG_VI, "a message nobody translated"), "a message nobody translated");
	CHECK_STR(i18n_nget(LANG_EN, "... and %zu more problem\n", "... and %zu more problems\n", 2),
		  "... and %zu more problems\n");
	CHECK(i18n_parse_lang("en") == LANG_EN && i18n_parse_lang("vi") == LANG_VI &&
	      i18n_parse_lang("fr") == -1);
}

static int read_all(const char *in, char out[][8][32], long *lines)
{
	struct csv c;
	struct errctx e = {0};
	int n = 0, rc;
	size_t i;

	csv_init(&c, in, strlen(in));
	while ((rc = csv_next(&c, &e)) == 1 && n < 8) {
		for (i = 0; i < 8; i++)
			snprintf(out[n][i], 32, "%s", i < c.nfields ? csv_field(&c, i, NULL) : "<none>");
		lines[n] = c.line;
		n++;
	}
	csv_release(&c);
	return rc < 0 ? -1 : n;
}

TEST(csv_reader)
{
	char f[8][8][32];
	long lines[8];
	struct csv c;
	struct errctx e = {0};

	CHECK(read_all("a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\n", f, lines) == 2);
	CHECK_STR(f[1][0], "x,y");
	CHECK_STR(f[1][1], "say \"hi\"");
	CHECK(read_all("\xEF\xBB\xBFunit;value\n03390;41,2", f, lines) == 2);
	CHECK_STR(f[0][0], "unit");
	CHECK_STR(f[1][1], "41,2");
	CHECK(read_all("a\n\"multi\nline\"\nb\n", f, lines) == 3);
	CHECK(lines[2] == 4);
	CHECK_STR(f[1][0], "multi\nline");
	CHECK(read_all("a,\"open\n", f, lines) == -1);
	CHECK(read_all("a,b\"c\n", f, lines) == -1);
	CHECK(read_all("\"a\"b\n", f, lines) == -1);
	csv_init(&c, ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,", 73);
	CHECK(csv_next(&c, &e) == -1 && e.code == GEMIS_ELIMIT);
	csv_release(&c);
}

/* Regression (issue 22, fault loop): a record that could not grow for want
 * of memory was reported as "record longer than 65536 bytes", and the
 * values importer answered a bad file. */
TEST(csv_out_of_memory_is_not_a_bad_file)
{
	struct csv c;
	struct errctx e = {0};

	csv_init(&c, "unit,value\n03390,4\n", 19);
	alloc_fail_at(1);
	CHECK(csv_next(&c, &e) == -1);
	alloc_fail_at(0);
	CHECK(e.code == GEMIS_ENOMEM);
	CHECK(strstr(e.msg, "longer") == NULL);
	csv_release(&c);
}

/* Regression (issue 22, fault loop): a file that could not be read into
 * memory for want of it was said to be too large. */
TEST(read_file_out_of_memory_is_not_too_large)
{
	struct buf b;
	struct errctx e = {0};

	buf_init(&b, (size_t)64 << 20);
	alloc_fail_at(1);
	CHECK(buf_read_file(&b, "Makefile", &e) == GEMIS_ENOMEM);
	alloc_fail_at(0);
	CHECK(strstr(e.msg, "too large") == NULL && strstr(e.msg, "memory") != NULL);
	buf_release(&b);
}

static void tiny_tree(struct tree *t)
{
	tree_init(t);
	tree_add(t, "VN", "Việt Nam", NULL, LEVEL_NATION, NULL, 1, NULL);
	tree_add(t, "12", "Lai Châu", NULL, LEVEL_PROVINCE, "VN", 2, NULL);
	tree_add(t, "03390", "Xã Bình Lư", "Bình Lư", LEVEL_COMMUNE, "12", 3, NULL);
	tree_finish(t);
}

static bool has_diag(const struct diags *d, long line, const char *field, const char *needle)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (d->d[i].line == line && strcmp(d->d[i].field, field) == 0 &&
		    strstr(d->d[i].msg, needle))
			return true;
	}
	return false;
}

TEST(values_csv_fields)
{
	struct tree t;
	struct value_rows rows = {0};
	struct diags d;
	struct errctx e = {0};
	const char *in =
		"unit,period,indicator,part,sex,value\n"
		"03390,2026,female_wage_workers,num,T,412\n"      /* 2: good */
		"99999,2026,female_wage_workers,num,T,1\n"        /* 3: unknown unit */
		"3390,2026,female_wage_workers,num,T,1\n"         /* 4: leading zero dropped */
		"03390,2026Q5,female_wage_workers,num,T,1\n"      /* 5: bad period */
		"03390,2026,female_wage,num,T,1\n"                /* 6: unknown indicator */
		"03390,2026,female_wage_workers,value,T,1\n"      /* 7: part of a value indicator */
		"03390,2026,female_wage_workers,num,F,1\n"        /* 8: sex not taken */
		"03390,2026,primary_completion,num,X,1\n"         /* 9: not a sex */
		"03390,2026,female_wage_workers,den,T,abc\n"      /* 10: not a number */
		"03390,2026,female_wage_workers,den,T,1.234\n"    /* 11: not whole */
		"\n"                                              /* 12: blank */
		"03390,2026,female_wage_workers,den,T\n"          /* 13: short */
		"03390,2026,unpaid_care_ratio,value,T,\"1,45\"\n"; /* 14: good */

	i18n_set_lang(LANG_EN);
	tiny_tree(&t);
	diags_init(&d, 100);
	CHECK(values_csv_parse(in, strlen(in), &t, &rows, &d, &e) == GEMIS_OK);
	CHECK(rows.n == 2);
	CHECK(rows.n == 2 && rows.v[0].line == 2 && rows.v[0].value == 412);
	CHECK(rows.n == 2 && rows.v[1].line == 14 && rows.v[1].value == 1.45);
	CHECK(has_diag(&d, 3, "unit", "unknown unit code '99999'"));
	CHECK(has_diag(&d, 4, "unit", "did you mean 03390"));
	CHECK(has_diag(&d, 5, "period", "not a period"));
	CHECK(has_diag(&d, 6, "indicator", "unknown indicator 'female_wage'"));
	CHECK(has_diag(&d, 7, "part", "unknown part 'value'"));
	CHECK(has_diag(&d, 8, "sex", "total only"));
	CHECK(has_diag(&d, 9, "sex", "'X' is not a sex"));
	CHECK(has_diag(&d, 10, "value", "'abc' is not a number"));
	CHECK(has_diag(&d, 11, "value", "not a whole number"));
	CHECK(has_diag(&d, 13, "", "5 fields"));
	CHECK(d.total == 10);
	diags_release(&d);
	value_rows_release(&rows);

	diags_init(&d, 100);
	in = "unit,period,indicator,part,sex,valeur,value\n";
	CHECK(values_csv_parse(in, strlen(in), &t, &rows, &d, &e) == GEMIS_OK);
	CHECK(has_diag(&d, 1, "header", "unknown column 'valeur'"));
	diags_release(&d);
	diags_init(&d, 100);
	in = "unit,period,indicator,part,sex\n";
	CHECK(values_csv_parse(in, strlen(in), &t, &rows, &d, &e) == GEMIS_OK);
	CHECK(has_diag(&d, 1, "header", "missing column 'value'"));
	diags_release(&d);
	diags_init(&d, 100);
	CHECK(values_csv_parse("\xff\xfe", 2, &t, &rows, &d, &e) == GEMIS_EFORMAT);
	CHECK(values_csv_parse("", 0, &t, &rows, &d, &e) == GEMIS_EFORMAT);
	diags_release(&d);
	value_rows_release(&rows);
	tree_release(&t);
}

/* ASCII text as UTF-16 (big-endian when big), with a byte order mark when
 * bom; the length in *n.  Caller frees. */
static char *utf16(const char *s, bool big, bool bom, size_t *n)
{
	size_t len = strlen(s), i, k = 0;
	char *out = malloc(2 * len + 2);

	if (bom) {
		out[k++] = big ? '\xFE' : '\xFF';
		out[k++] = big ? '\xFF' : '\xFE';
	}
	for (i = 0; i < len; i++) {
		out[k++] = big ? 0 : s[i];
		out[k++] = big ? s[i] : 0;
	}
	*n = k;
	return out;
}

/* Regression: UTF-16 without a BOM was read as "unknown column 'u'"; an
 * 8-bit file was refused without saying how to fix it. */
TEST(csv_encodings)
{
	static const char csv[] = "unit,period,indicator,part,sex,value\r\n"
				  "03390,2026,female_wage_workers,num,T,412\r\n"
				  "03390,2026,female_wage_workers,den,T,1000\r\n";
	static const char tabs[] = "unit\tperiod\tindicator\tpart\tsex\tvalue\r\n"
				   "03390\t2026\tfemale_wage_workers\tnum\tT\t412\r\n";
	static const char cp1258[] = "unit,period,indicator,part,sex,value\n"
				     "03390,2026,female_wage_workers,num,T,412\n"
				     "X\xE3 B\xECnh L\xDD,2026,female_wage_workers,den,T,1000\n";
	struct tree t;
	struct errctx e = {0};
	int big, bom;

	i18n_set_lang(LANG_EN);
	tiny_tree(&t);
	/* Excel's "Unicode Text" (UTF-16LE, a BOM, tabs), and every other
	 * UTF-16 with or without a BOM: read as the UTF-8 file would be */
	for (big = 0; big < 2; big++) {
		for (bom = 0; bom < 2; bom++) {
			struct value_rows rows = {0};
			struct diags d;
			size_t n;
			char *x = utf16(csv, big, bom, &n);

			diags_init(&d, 100);
			CHECK(values_csv_parse(x, n, &t, &rows, &d, &e) == GEMIS_OK);
			CHECK(d.total == 0);
			CHECK(rows.n == 2 && rows.v[1].value == 1000 && rows.v[1].line == 3);
			free(x);
			value_rows_release(&rows);
			diags_release(&d);
		}
	}
	{
		struct value_rows rows = {0};
		struct diags d;
		size_t n;
		char *x = utf16(tabs, false, true, &n);

		diags_init(&d, 100);
		CHECK(values_csv_parse(x, n, &t, &rows, &d, &e) == GEMIS_OK);
		CHECK(d.total == 0 && rows.n == 1 && rows.v[0].value == 412);
		free(x);
		value_rows_release(&rows);
		diags_release(&d);
	}
	/* Windows-1258 (Excel's "CSV" on a Vietnamese Windows): refused with
	 * the line and how to save the file */
	{
		struct value_rows rows = {0};
		struct diags d;

		diags_init(&d, 100);
		err_clear(&e);
		CHECK(values_csv_parse(cp1258, strlen(cp1258), &t, &rows, &d, &e) == GEMIS_EFORMAT);
		CHECK(strstr(e.msg, "line 3:") != NULL);
		CHECK(strstr(e.msg, "CSV UTF-8") != NULL);
		CHECK(strstr(e.msg, "Windows-1258") != NULL);
		CHECK(rows.n == 0);
		value_rows_release(&rows);
		diags_release(&d);
	}
	/* broken UTF-16: cut in half a character, a lone surrogate on line 2 */
	{
		struct value_rows rows = {0};
		struct diags d;
		static const char odd[] = "\xFF\xFEu\0n\0i";
		static const char lone[] = "\xFF\xFEu\0\n\0\x00\xD8\n\0";

		diags_init(&d, 100);
		err_clear(&e);
		CHECK(values_csv_parse(odd, sizeof(odd) - 1, &t, &rows, &d, &e) == GEMIS_EFORMAT);
		CHECK(strstr(e.msg, "odd number of bytes") != NULL);
		err_clear(&e);
		CHECK(values_csv_parse(lone, sizeof(lone) - 1, &t, &rows, &d, &e) == GEMIS_EFORMAT);
		CHECK(strstr(e.msg, "line 2") != NULL);
		diags_release(&d);
	}
	/* code maps are read the same way */
	{
		static const char m[] = "type,gemis,external\nunit,03390,OU_A\n";
		struct codemap map;
		struct diags d;
		size_t n;
		char *x = utf16(m, true, false, &n);

		codemap_init(&map);
		diags_init(&d, 100);
		CHECK(codemap_parse(&map, "adx", x, n, &d, &e) == GEMIS_OK && d.total == 0);
		CHECK_STR(codemap_out(&map, CODE_UNIT, "03390"), "OU_A");
		err_clear(&e);
		CHECK(codemap_parse(&map, "adx", cp1258, strlen(cp1258), &d, &e) == GEMIS_EFORMAT);
		CHECK(strstr(e.msg, "line 3:") != NULL);
		free(x);
		codemap_release(&map);
		diags_release(&d);
	}
	tree_release(&t);
}

static struct value_row row(int unit, const char *ind, int part, int sex, double v, long line)
{
	struct value_row r = {0};

	r.unit = unit;
	r.period = period_year_code(2026);
	r.ind = catalog_find(ind);
	r.part = part;
	r.sex = sex;
	r.value = v;
	r.line = line;
	return r;
}

static enum gemis_err fake_lookup(void *ctx, int unit, period_t period, int ind, int part, int sex,
				  double *value, bool *found)
{
	(void)ctx;
	(void)period;
	*found = unit == 2 && ind == catalog_find("female_key_leaders") && part == PART_DEN &&
		 sex == SEX_T;
	if (*found)
		*value = 10;
	return GEMIS_OK;
}

TEST(validate_across_rows)
{
	struct value_row r[8];
	struct diags d;
	struct errctx e = {0};

	i18n_set_lang(LANG_EN);
	r[0] = row(2, "female_wage_workers", PART_NUM, SEX_T, 412, 2);
	r[1] = row(2, "female_wage_workers", PART_DEN, SEX_T, 400, 3);   /* num > den */
	r[2] = row(2, "female_wage_workers", PART_DEN, SEX_T, 400, 4);   /* exact duplicate */
	r[3] = row(2, "sex_ratio_at_birth", PART_NUM, SEX_T, 112, 5);    /* a ratio, not a share */
	r[4] = row(2, "sex_ratio_at_birth", PART_DEN, SEX_T, 100, 6);
	r[5] = row(2, "female_key_leaders", PART_NUM, SEX_T, 11, 7);     /* den 10 in the store */
	r[6] = row(2, "orgs_informed", PART_NUM, SEX_T, -1, 8);          /* negative */
	r[7] = row(2, "sex_ratio_at_birth", PART_DEN, SEX_T, 101, 9);    /* conflicts with line 6 */
	diags_init(&d, 100);
	CHECK(validate_rows(r, 8, fake_lookup, NULL, &d, &e) == GEMIS_OK);
	CHECK(has_diag(&d, 2, "value", "numerator 412 is greater than denominator 400"));
	CHECK(has_diag(&d, 7, "value", "numerator 11 is greater than denominator 10"));
	CHECK(has_diag(&d, 8, "value", "negative value"));
	CHECK(has_diag(&d, 9, "value", "conflicts with 100"));
	CHECK(has_diag(&d, 9, "value", "line 6"));
	CHECK(d.total == 4);
	CHECK(r[2].skip || r[1].skip);
	diags_release(&d);
}

int main(void)
{
	RUN(text_fold_and_numbers);
	RUN(buf_limits_and_escapes);
	RUN(buf_remembers_its_first_error);
	RUN(i18n_catalogues);
	RUN(csv_reader);
	RUN(csv_out_of_memory_is_not_a_bad_file);
	RUN(read_file_out_of_memory_is_not_too_large);
	RUN(values_csv_fields);
	RUN(csv_encodings);
	RUN(validate_across_rows);
	return harness_report();
}
