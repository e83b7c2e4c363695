/*
 * test_activities.c: the activity log's vocabulary, what the log counts
 * (news_items_per_quarter and monthly_programs against counts made by hand
 * here), and the reader of CSV logs (columns in either language, dates as
 * written or as spreadsheet serials, every bad row named).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/activities.h"
#include "core/catalog.h"
#include "formats/activities_csv.h"
#include "harness.h"
#include "util/i18n.h"

TEST(vocabulary)
{
	CHECK(act_kind_parse("news") == AK_NEWS);
	CHECK(act_kind_parse("Tin, bài") == AK_NEWS);
	CHECK(act_kind_parse("tin bai") == AK_NEWS);
	CHECK(act_kind_parse("Chuyên mục phát thanh") == AK_BROADCAST);
	CHECK(act_kind_parse("TẬP HUẤN") == AK_TRAINING);
	CHECK(act_kind_parse("hội nghị") == AK_CONFERENCE);
	CHECK(act_kind_parse("thăm hộ gia đình") == AK_HOME_VISIT);
	CHECK(act_kind_parse("Hòa giải") == AK_MEDIATION);
	CHECK(act_kind_parse("phim") == -1);
	CHECK(act_kind_parse("") == -1);
	CHECK(act_channel_parse("Loa truyền thanh") == AC_LOUDSPEAKER);
	CHECK(act_channel_parse("trang thông tin điện tử") == AC_PORTAL);
	CHECK(act_channel_parse("Zalo") == AC_SOCIAL);
	CHECK(act_channel_parse("fanpage") == AC_SOCIAL);
	CHECK(act_channel_parse("băng rôn, khẩu hiệu") == AC_BANNER);
	CHECK(act_channel_parse("trực tiếp") == AC_DIRECT);
	CHECK(act_channel_parse("mạng xã hội") == -1);
	CHECK(act_kind_channel(AK_NEWS) == AC_LOUDSPEAKER && act_kind_channel(AK_TRAINING) == AC_DIRECT);
	CHECK(act_in_action_month((struct date){2026, 11, 15}) && act_in_action_month((struct date){2026, 12, 15}));
	CHECK(!act_in_action_month((struct date){2026, 11, 14}) && !act_in_action_month((struct date){2026, 12, 16}));
}

struct cells {
	period_t p[64];
	int ind[64], part[64];
	double v[64];
	int n;
};

static int put(void *ctx, period_t p, int ind, int part, int sex, double v)
{
	struct cells *c = ctx;

	CHECK(sex == SEX_T);
	if (c->n < 64) {
		c->p[c->n] = p;
		c->ind[c->n] = ind;
		c->part[c->n] = part;
		c->v[c->n] = v;
		c->n++;
	}
	return 0;
}

static double cell(const struct cells *c, const char *ind, const char *per, int part)
{
	period_t p;
	int i, k = catalog_find(ind);

	period_parse(per, strlen(per), &p);
	for (i = 0; i < c->n; i++) {
		if (c->p[i] == p && c->ind[i] == k && c->part[i] == part)
			return c->v[i];
	}
	return NAN;
}

TEST(what_the_log_counts)
{
	/* Q3: news on 3/7, 15/7, 2/8, 21/9 (4), a programme in July, a
	 * training; Q4: one programme on 5/11, nothing else; Q1 and Q2 not
	 * logged at all */
	struct date d[] = {{2026, 7, 3}, {2026, 7, 15}, {2026, 7, 20}, {2026, 8, 2},  {2026, 8, 19},
			   {2026, 9, 21}, {2026, 11, 5}};
	enum act_kind k[] = {AK_NEWS, AK_NEWS, AK_BROADCAST, AK_NEWS, AK_TRAINING, AK_NEWS, AK_BROADCAST};
	struct cells c = {0};

	CHECK(act_log_values(d, k, 7, put, &c) == 0);
	CHECK_EQ_DBL(cell(&c, "news_items_per_quarter", "2026Q3", PART_VALUE), 4, 0);
	CHECK_EQ_DBL(cell(&c, "news_items_per_quarter", "2026Q4", PART_VALUE), 0, 0);
	CHECK(isnan(cell(&c, "news_items_per_quarter", "2026Q1", PART_VALUE)));
	CHECK(isnan(cell(&c, "news_items_per_quarter", "2026Q2", PART_VALUE)));
	/* the year: the mean of the two quarters logged */
	CHECK_EQ_DBL(cell(&c, "news_items_per_quarter", "2026", PART_VALUE), 2, 0);
	/* programmes: July yes, August and September no; October no,
	 * November yes, December not counted (nothing logged after 5/11) */
	CHECK_EQ_DBL(cell(&c, "monthly_programs", "2026-07", PART_NUM), 1, 0);
	CHECK_EQ_DBL(cell(&c, "monthly_programs", "2026-08", PART_NUM), 0, 0);
	CHECK_EQ_DBL(cell(&c, "monthly_programs", "2026-08", PART_DEN), 1, 0);
	CHECK_EQ_DBL(cell(&c, "monthly_programs", "2026-10", PART_NUM), 0, 0);
	CHECK_EQ_DBL(cell(&c, "monthly_programs", "2026-11", PART_NUM), 1, 0);
	CHECK(isnan(cell(&c, "monthly_programs", "2026-12", PART_DEN)));
	CHECK_EQ_DBL(cell(&c, "monthly_programs", "2026", PART_NUM), 2, 0);
	CHECK_EQ_DBL(cell(&c, "monthly_programs", "2026", PART_DEN), 5, 0);
	/* nothing logged: nothing put */
	c.n = 0;
	CHECK(act_log_values(d, k, 0, put, &c) == 0 && c.n == 0);
}

static size_t read_csv(const char *csv, struct act_row **rows, struct diags *d, struct errctx *e, enum gemis_err *err)
{
	size_t n = 0;

	*err = activities_read(csv, strlen(csv), rows, &n, d, e);
	return n;
}

static bool has(const struct diags *d, long line, const char *field, const char *msg)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (d->d[i].line == line && strcmp(d->d[i].field, field) == 0 && strstr(d->d[i].msg, msg))
			return true;
	}
	return false;
}

TEST(reading_a_csv_log)
{
	struct act_row *rows = NULL;
	struct diags d;
	struct errctx e = {0};
	enum gemis_err err;
	size_t n;

	diags_init(&d, 50);
	/* Vietnamese headers, a semicolon-separated file with a BOM, as a
	 * Vietnamese spreadsheet saves it */
	n = read_csv("\xEF\xBB\xBFNgày;Cơ quan;Loại;Kênh;Tiêu đề;Địa bàn;Nữ;Nam;Nhiệm vụ;Tháng hành động\r\n"
		     "05/07/2026;Phòng Văn hóa - Xã hội;tin bài;loa;\"Tin 1; về giới\";Bản Nà Ún;;;1.a;\r\n"
		     "2026-11-20;yte;tập huấn;;Tập huấn;;23;12;;có\r\n"
		     "\r\n",
		     &rows, &d, &e, &err);
	CHECK(err == GEMIS_OK && n == 2 && d.total == 0);
	if (n == 2) {
		CHECK(rows[0].line == 2 && rows[0].day.y == 2026 && rows[0].day.m == 7 && rows[0].day.d == 5);
		CHECK(rows[0].agency == agency_find("vhxh") && rows[0].kind == AK_NEWS && rows[0].channel == AC_LOUDSPEAKER);
		CHECK_STR(rows[0].title, "Tin 1; về giới");
		CHECK_STR(rows[0].place, "Bản Nà Ún");
		CHECK_STR(rows[0].task, "1.a");
		CHECK(rows[0].women == -1 && rows[0].action_month == -1);
		CHECK(rows[1].agency == agency_find("yte") && rows[1].channel == -1 && rows[1].women == 23 &&
		      rows[1].men == 12 && rows[1].action_month == 1);
	}
	free(rows);
	/* every bad row named by its line and column, and left out */
	n = read_csv("date,agency,kind,title,women,action_month\n"
		     "31/06/2026,vhxh,news,a,,\n"
		     "2026-07-01,phongxyz,news,b,,\n"
		     "2026-07-01,vhxh,phim,c,,\n"
		     "2026-07-01,vhxh,news,,,\n"
		     "2026-07-01,vhxh,training,e,-3,\n"
		     "2026-07-01,vhxh,training,f,2,maybe\n"
		     "2026-07-01,vhxh,training,g,2,0\n",
		     &rows, &d, &e, &err);
	CHECK(err == GEMIS_OK && n == 1 && rows && rows[0].line == 8 && rows[0].action_month == 0);
	CHECK(has(&d, 2, "date", "'31/06/2026' is not a date"));
	CHECK(has(&d, 3, "agency", "unknown agency 'phongxyz'"));
	CHECK(has(&d, 4, "kind", "unknown kind 'phim'"));
	CHECK(has(&d, 5, "title", "missing"));
	CHECK(has(&d, 6, "women", "'-3' is not a number of people"));
	CHECK(has(&d, 7, "action_month", "'maybe' is not yes or no"));
	CHECK(d.total == 6);
	free(rows);
	/* what stops the whole file */
	n = read_csv("date,kind,colour,title\n", &rows, &d, &e, &err);
	CHECK(err == GEMIS_EFORMAT && strstr(e.msg, "unknown column 'colour'"));
	n = read_csv("date,title\n2026-07-01,a\n", &rows, &d, &e, &err);
	CHECK(err == GEMIS_EFORMAT && strstr(e.msg, "the columns date, kind and title are needed"));
	n = read_csv("date,kind,title,date\n", &rows, &d, &e, &err);
	CHECK(err == GEMIS_EFORMAT && strstr(e.msg, "given twice"));
	n = read_csv("", &rows, &d, &e, &err);
	CHECK(err == GEMIS_EFORMAT);
	n = read_csv("date,kind,title\n\xff\xfe bad", &rows, &d, &e, &err);
	CHECK(err == GEMIS_EFORMAT && strstr(e.msg, "UTF-8"));
	(void)n;
	diags_release(&d);
}

int main(void)
{
	i18n_set_lang(LANG_EN);
	RUN(vocabulary);
	RUN(what_the_log_counts);
	RUN(reading_a_csv_log);
	return harness_report();
}
