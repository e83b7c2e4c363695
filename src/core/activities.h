/*
 * activities.h: the activity log's vocabulary and what the log counts, as
 * rules.  Pure (no clock, no I/O): store/activities.c keeps the log, the
 * importer (formats/activities_csv.c) and the pages check against these
 * tables, and store/activities.c puts the counts into the engine's dataset.
 *
 * An activity is one piece of work done for the plan on a day: a news item
 * on the loudspeakers, the portal or the fanpage, a radio programme, an
 * event, a training, a conference, a home visit, a mediation session.
 *
 * Indicators from the log, for a commune and a quarter in which it logged
 * anything (it keeps a log for that quarter):
 *   news_items_per_quarter  value = the news items of the quarter (kind
 *                           "news", whatever the channel); the year is the
 *                           mean of its kept quarters (the catalog's TIME_MEAN)
 *   monthly_programs        per month of the quarter, up to the last month
 *                           with anything logged: num 1 when a programme
 *                           (kind "broadcast") went out that month, den 1;
 *                           the quarter and the year sum them
 * These replace what was typed for the same cells: the log is the record.
 * What was typed stays in the database and is shown beside, a difference
 * flagged (store/activities.h, activity_log_compare()).
 */
#ifndef GEMIS_ACTIVITIES_H
#define GEMIS_ACTIVITIES_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "period.h"

enum act_kind {
	AK_NEWS,
	AK_BROADCAST,
	AK_EVENT,
	AK_TRAINING,
	AK_CONFERENCE,
	AK_HOME_VISIT,
	AK_MEDIATION,
};
#define AK_COUNT 7

enum act_channel {
	AC_LOUDSPEAKER, /* loa truyền thanh */
	AC_PORTAL,      /* cổng, trang thông tin điện tử */
	AC_SOCIAL,      /* fanpage, Zalo */
	AC_BANNER,      /* băng rôn, pano, áp phích */
	AC_DIRECT,      /* trực tiếp */
};
#define AC_COUNT 5

const char *act_kind_id(enum act_kind k);       /* "news", ... */
int act_kind_parse(const char *s);              /* -1 if unknown; also the Vietnamese names, any case, with or without diacritics */
const char *act_kind_name(enum act_kind k);     /* for people, current language */
const char *act_channel_id(enum act_channel c); /* "loudspeaker", ... */
int act_channel_parse(const char *s);           /* -1 if unknown; also the Vietnamese names */
const char *act_channel_name(enum act_channel c);
/* The channel a kind goes out on when none is given (news: the
 * loudspeakers, a programme: the loudspeakers, the others: in person). */
enum act_channel act_kind_channel(enum act_kind k);
/* Whether participants are counted for a kind (not for news items). */
bool act_kind_counts_people(enum act_kind k);

/* True when day d is in the Action Month (15/11 - 15/12). */
bool act_in_action_month(struct date d);

/* Limits of one activity's fields. */
#define ACT_TITLE_MAX 500
#define ACT_PLACE_MAX 200
#define ACT_PEOPLE_MAX 100000

/* What the log gives one unit: put(ctx, period, indicator, part, sex,
 * value) for each cell (rules above).  days[i]/kinds[i] are its n
 * activities, in any order.  Returns the first error put returns. */
typedef int (*act_put_fn)(void *ctx, period_t period, int ind, int part, int sex, double value);
int act_log_values(const struct date *days, const enum act_kind *kinds, size_t n, act_put_fn put, void *ctx);

#endif
