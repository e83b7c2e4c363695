/*
 * activities.c: the activity log's kinds and channels and what the log
 * counts (rules in activities.h).
 */
#include "activities.h"

#include <string.h>

#include "catalog.h"
#include "deadline.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

static const struct {
	const char *id, *vi_folded, *vi_alt;
} kinds[AK_COUNT] = {
	{"news", "tin bai", "tin"},
	{"broadcast", "chuyen muc", "phat thanh"},
	{"event", "su kien", "mit tinh"},
	{"training", "tap huan", "boi duong"},
	{"conference", "hoi nghi", "hoi thao"},
	{"home_visit", "tham ho", "tham gia dinh"},
	{"mediation", "hoa giai", "hoa giai co so"},
};

static const struct {
	const char *id, *vi_folded, *vi_alt;
} channels[AC_COUNT] = {
	{"loudspeaker", "loa truyen thanh", "loa"},
	{"portal", "cong thong tin dien tu", "trang thong tin dien tu"},
	{"social", "fanpage", "zalo"},
	{"banner", "bang ron", "pano"},
	{"direct", "truc tiep", "truc tiep tai cho"},
};

const char *act_kind_id(enum act_kind k)
{
	return (unsigned)k < AK_COUNT ? kinds[k].id : "?";
}

const char *act_channel_id(enum act_channel c)
{
	return (unsigned)c < AC_COUNT ? channels[c].id : "?";
}

/* s folded ("Tin, bài" -> "tin bai"), punctuation as spaces, into out. */
/* f equals w or starts with it followed by a space. */
static bool leads(const char *f, const char *w)
{
	size_t l = strlen(w);

	return strncmp(f, w, l) == 0 && (f[l] == '\0' || f[l] == ' ');
}

static void fold(const char *s, char *out, size_t n)
{
	struct buf b;
	size_t i, k = 0;

	out[0] = '\0';
	buf_init(&b, n - 1);
	if (text_fold(&b, s, strlen(s)) == GEMIS_OK && b.len < n) {
		for (i = 0; i < b.len; i++) {
			char c = b.p[i];

			if (c == ',' || c == '/' || c == '-' || c == ';' || c == '.' || c == '_')
				c = ' ';
			if (c == ' ' && (k == 0 || out[k - 1] == ' '))
				continue;
			out[k++] = c;
		}
		while (k > 0 && out[k - 1] == ' ')
			k--;
		out[k] = '\0';
	}
	buf_release(&b);
}

int act_kind_parse(const char *s)
{
	char f[128];
	int i;

	if (!s)
		return -1;
	for (i = 0; i < AK_COUNT; i++) {
		if (strcmp(s, kinds[i].id) == 0)
			return i;
	}
	fold(s, f, sizeof(f));
	for (i = 0; i < AK_COUNT; i++) {
		if (leads(f, kinds[i].vi_folded) || leads(f, kinds[i].vi_alt))
			return i;
	}
	return -1;
}

int act_channel_parse(const char *s)
{
	char f[128];
	int i;

	if (!s)
		return -1;
	for (i = 0; i < AC_COUNT; i++) {
		if (strcmp(s, channels[i].id) == 0)
			return i;
	}
	fold(s, f, sizeof(f));
	for (i = 0; i < AC_COUNT; i++) {
		if (leads(f, channels[i].vi_folded) || leads(f, channels[i].vi_alt))
			return i;
	}
	return -1;
}

const char *act_kind_name(enum act_kind k)
{
	switch (k) {
	case AK_NEWS: return _("news item");
	case AK_BROADCAST: return _("radio or TV programme");
	case AK_EVENT: return _("event, rally");
	case AK_TRAINING: return _("training");
	case AK_CONFERENCE: return _("conference, seminar");
	case AK_HOME_VISIT: return _("home visit");
	case AK_MEDIATION: return _("mediation session");
	}
	return "?";
}

const char *act_channel_name(enum act_channel c)
{
	switch (c) {
	case AC_LOUDSPEAKER: return _("loudspeakers");
	case AC_PORTAL: return _("web portal");
	case AC_SOCIAL: return _("fanpage, Zalo");
	case AC_BANNER: return _("banners, posters");
	case AC_DIRECT: return _("in person");
	}
	return "?";
}

enum act_channel act_kind_channel(enum act_kind k)
{
	return k == AK_NEWS || k == AK_BROADCAST ? AC_LOUDSPEAKER : AC_DIRECT;
}

bool act_kind_counts_people(enum act_kind k)
{
	return k != AK_NEWS && k != AK_BROADCAST;
}

bool act_in_action_month(struct date d)
{
	return deadline_contains(&deadline_action_month, d);
}

#define YEARS (PERIOD_MAX_YEAR - PERIOD_MIN_YEAR + 1)

struct quarter_log {
	bool kept;
	unsigned news;
	int last_month;       /* 1..12 */
	unsigned broadcast;   /* bit m-1: a programme in month m */
};

int act_log_values(const struct date *days, const enum act_kind *kinds_of, size_t n, act_put_fn put, void *ctx)
{
	static struct quarter_log zero;
	struct quarter_log q[YEARS][4];
	int news = catalog_find("news_items_per_quarter"), monthly = catalog_find("monthly_programs");
	int y, k, m, err = 0;
	size_t i;

	for (y = 0; y < YEARS; y++)
		for (k = 0; k < 4; k++)
			q[y][k] = zero;
	for (i = 0; i < n; i++) {
		struct quarter_log *x;

		if (days[i].y < PERIOD_MIN_YEAR || days[i].y > PERIOD_MAX_YEAR || days[i].m < 1 || days[i].m > 12)
			continue;
		x = &q[days[i].y - PERIOD_MIN_YEAR][(days[i].m - 1) / 3];
		x->kept = true;
		x->news += kinds_of[i] == AK_NEWS;
		if (days[i].m > x->last_month)
			x->last_month = days[i].m;
		if (kinds_of[i] == AK_BROADCAST)
			x->broadcast |= 1u << (days[i].m - 1);
	}
	for (y = 0; y < YEARS && !err; y++) {
		unsigned quarters = 0, items = 0, num = 0, den = 0;

		for (k = 0; k < 4 && !err; k++) {
			const struct quarter_log *x = &q[y][k];

			if (!x->kept)
				continue;
			quarters++;
			items += x->news;
			if (news >= 0)
				err = put(ctx, period_quarter(y + PERIOD_MIN_YEAR, k + 1), news, PART_VALUE, SEX_T, x->news);
			for (m = k * 3 + 1; m <= x->last_month && !err && monthly >= 0; m++) {
				bool on = x->broadcast & (1u << (m - 1));

				num += on;
				den++;
				err = put(ctx, period_month(y + PERIOD_MIN_YEAR, m), monthly, PART_NUM, SEX_T, on);
				if (!err)
					err = put(ctx, period_month(y + PERIOD_MIN_YEAR, m), monthly, PART_DEN, SEX_T, 1);
			}
		}
		if (!quarters || err)
			continue;
		if (news >= 0)
			err = put(ctx, period_year_code(y + PERIOD_MIN_YEAR), news, PART_VALUE, SEX_T,
				  (double)items / quarters);
		if (!err && monthly >= 0)
			err = put(ctx, period_year_code(y + PERIOD_MIN_YEAR), monthly, PART_NUM, SEX_T, num);
		if (!err && monthly >= 0)
			err = put(ctx, period_year_code(y + PERIOD_MIN_YEAR), monthly, PART_DEN, SEX_T, den);
	}
	return err;
}
