/*
 * worklog.c: a unit's tasks and activity log for a year (see worklog.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/worklog.h"
#include "store/action_month.h"
#include "store/task_progress.h"
#include "store/tasks.h"
#include "util/buf.h"
#include "util/i18n.h"

#include "util/banned.h"

double wl_share(unsigned part, unsigned whole)
{
	return whole ? 100.0 * part / whole : NAN;
}

void worklog_leads(const char *ids, struct buf *out)
{
	const char *p = ids;
	size_t start = out->len;

	while (*p) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char id[64];
		int k;

		snprintf(id, sizeof(id), "%.*s", (int)n, p);
		k = agency_find(id);
		buf_puts(out, out->len > start ? ", " : "");
		if (strcmp(id, "all") == 0)
			buf_puts(out, _("all agencies"));
		else if (k < 0)
			buf_puts(out, id);
		else
			buf_puts(out, i18n_lang() == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi);
		p += n + (end != NULL);
	}
}

static bool is_commune(const struct tree *t, int u)
{
	enum unit_level lv = t->units[u].level;

	return lv == LEVEL_COMMUNE || lv == LEVEL_WARD || lv == LEVEL_SPECIAL_ZONE;
}

static const char *dup_or_null(struct arena *a, const char *s)
{
	return s && *s ? arena_strdup(a, s) : NULL;
}

/* The news quota of the commune's plan for the year (at least N a
 * quarter), judged on the quarters it logged. */
static void judge_quarters(const struct snapshot *s, int unit, int year, const struct log_quarter q[4], double *quota,
			   struct quota_check *qc)
{
	int i, ind = catalog_find("news_items_per_quarter");
	double n[4];

	*quota = quota_min(ind, ind >= 0 ? engine_target(&s->eng, unit, ind, year) : NULL, QUOTA_NEWS_DEFAULT);
	for (i = 0; i < 4; i++)
		n[i] = q[i].kept ? (double)q[i].news : NAN;
	quota_check(n, *quota, qc);
}

/* The tasks of one commune into sum, and (detail) into w. */
static enum gemis_err commune_tasks(struct db *db, const struct snapshot *s, int unit, int year, struct date today,
				    struct wl_sum *sum, struct worklog *w, struct errctx *e)
{
	struct task_list tl;
	struct task_recs rs;
	enum gemis_err err;
	size_t i, k;

	memset(&tl, 0, sizeof(tl));
	memset(&rs, 0, sizeof(rs));
	err = tasks_of_unit(db, &s->tree, unit, &tl, e);
	if (!err)
		err = task_records(db, &s->tree, unit, NULL, year, &rs, e);
	if (err)
		goto out;
	if (w) {
		w->has_plan = tl.plan_id != 0;
		w->tasks = tl.n ? arena_alloc(&w->mem, tl.n * sizeof(*w->tasks)) : NULL;
		if (tl.n && !w->tasks) {
			err = GEMIS_ENOMEM;
			goto out;
		}
	}
	sum->with_tasks += tl.n > 0;
	for (i = 0; i < tl.n; i++) {
		const struct task *x = &tl.t[i];
		enum task_status st = task_overall(&rs, x, year);
		bool late = task_alert(&x->tt, period_year_code(year), st, today, 0) == TA_OVERDUE;
		struct wl_task *o;
		struct buf leads;

		sum->tasks++;
		sum->by_status[st]++;
		sum->overdue += late;
		if (!w)
			continue;
		o = &w->tasks[w->ntasks++];
		o->label = arena_strdup(&w->mem, task_label(&tl.mem, x));
		o->title = arena_strdup(&w->mem, x->title);
		o->status = st;
		o->overdue = late;
		o->note = o->reason = NULL;
		o->files = 0;
		buf_init(&leads, 4096);
		for (k = 0; k < x->nlead; k++) {
			const struct task_rec *r = task_state(&rs, x, x->lead[k], year);
			int a = agency_find(x->lead[k]);

			buf_printf(&leads, "%s%s", k ? ";" : "", x->lead[k]);
			if (r)
				o->files += (unsigned)r->nfiles;
			if (r && !o->note)
				o->note = dup_or_null(&w->mem, r->note);
			if (r && !o->reason)
				o->reason = dup_or_null(&w->mem, r->reason);
			if (a >= 0)
				w->by_agency[a][r ? r->status : TS_NOT_STARTED]++;
		}
		/* a task led by every agency: the reason of any that recorded one */
		for (k = 0; !o->reason && st == TS_NOT_DONE && k < rs.n; k++) {
			if (strcmp(rs.r[k].uid, x->uid) == 0 && rs.r[k].status == TS_NOT_DONE)
				o->reason = dup_or_null(&w->mem, rs.r[k].reason);
		}
		o->leads = arena_strdup(&w->mem, buf_str(&leads));
		buf_release(&leads);
		if (!o->label || !o->title || !o->leads)
			err = GEMIS_ENOMEM;
	}
out:
	task_recs_release(&rs);
	task_list_release(&tl);
	return err;
}

static int by_day(const void *a, const void *b)
{
	const struct activity *x = a, *y = b;
	int dx = x->day.y * 10000 + x->day.m * 100 + x->day.d, dy = y->day.y * 10000 + y->day.m * 100 + y->day.d;

	return dx != dy ? (dx > dy) - (dx < dy) : (x->id > y->id) - (x->id < y->id);
}

/* The log of one commune into sum, and (detail) into w. */
static enum gemis_err commune_log(struct db *db, const struct snapshot *s, int unit, int year, struct wl_sum *sum,
				  struct worklog *w, struct errctx *e)
{
	struct activity_list l = {0};
	struct log_quarter q[4];
	struct quota_check qc;
	double quota;
	enum gemis_err err;
	size_t i, nam = 0;
	bool any_q = false, am = false;

	err = activities_list(db, &s->tree, unit, year, 0, -1, &l, e);
	if (!err)
		err = activity_log_compare(db, &s->tree, unit, year, q, e);
	if (err)
		goto out;
	judge_quarters(s, unit, year, q, &quota, &qc);
	sum->logging += l.n > 0;
	sum->activities += (unsigned)l.n;
	for (i = 0; i < 4; i++) {
		if (!q[i].kept)
			continue;
		any_q = true;
		sum->q_logged[i]++;
		sum->q_met[i] += !(qc.missed & 1u << i);
	}
	sum->year_judged += any_q;
	sum->year_met += any_q && !qc.missed;
	for (i = 0; i < l.n; i++) {
		const struct activity *a = &l.a[i];

		sum->kinds[a->kind][a->channel]++;
		if (!a->action_month)
			continue;
		am = true;
		nam++;
		sum->am_activities++;
		sum->am_kinds[a->kind]++;
		sum->am_women += a->women > 0 ? (unsigned long)a->women : 0;
		sum->am_men += a->men > 0 ? (unsigned long)a->men : 0;
	}
	sum->am_communes += am;
	if (w) {
		memcpy(w->q, q, sizeof(q));
		w->qc = qc;
		w->quota = quota;
		w->am = nam ? arena_alloc(&w->mem, nam * sizeof(*w->am)) : NULL;
		if (nam && !w->am) {
			err = GEMIS_ENOMEM;
			goto out;
		}
		for (i = 0; i < l.n; i++) {
			if (l.a[i].action_month)
				w->am[w->nam++] = l.a[i];
		}
		if (w->nam > 1)
			qsort(w->am, w->nam, sizeof(*w->am), by_day);
	}
out:
	activity_list_release(&l);
	return err;
}

static enum gemis_err commune(struct db *db, const struct snapshot *s, int unit, int year, struct date today,
			      struct wl_sum *sum, struct worklog *w, struct errctx *e)
{
	enum gemis_err err;

	sum->communes++;
	err = commune_tasks(db, s, unit, year, today, sum, w, e);
	if (!err)
		err = commune_log(db, s, unit, year, sum, w, e);
	return err;
}

static void add_sum(struct wl_sum *to, const struct wl_sum *x)
{
	size_t i, k;

	to->communes += x->communes;
	to->with_tasks += x->with_tasks;
	to->tasks += x->tasks;
	to->overdue += x->overdue;
	to->logging += x->logging;
	to->year_judged += x->year_judged;
	to->year_met += x->year_met;
	to->activities += x->activities;
	to->am_activities += x->am_activities;
	to->am_communes += x->am_communes;
	to->am_women += x->am_women;
	to->am_men += x->am_men;
	for (i = 0; i < TS_COUNT; i++)
		to->by_status[i] += x->by_status[i];
	for (i = 0; i < 4; i++) {
		to->q_logged[i] += x->q_logged[i];
		to->q_met[i] += x->q_met[i];
	}
	for (i = 0; i < AK_COUNT; i++) {
		to->am_kinds[i] += x->am_kinds[i];
		for (k = 0; k < AC_COUNT; k++)
			to->kinds[i][k] += x->kinds[i][k];
	}
}

/* Every commune below (or at) u, summed into sum; only those marked (with
 * tasks or a log) are read, the others only counted. */
static enum gemis_err area(struct db *db, const struct snapshot *s, const unsigned char *mark, int u, int year,
			   struct date today, struct wl_sum *sum, struct errctx *e)
{
	const struct tree *t = &s->tree;
	enum gemis_err err = GEMIS_OK;
	int c;

	if (is_commune(t, u) && !mark[u]) {
		sum->communes++;
		return GEMIS_OK;
	}
	if (is_commune(t, u))
		return commune(db, s, u, year, today, sum, NULL, e);
	for (c = t->units[u].first_child; c >= 0 && !err; c = t->units[c].next_sibling)
		err = area(db, s, mark, c, year, today, sum, e);
	return err;
}

static enum gemis_err theme_of(struct db *db, const struct snapshot *s, int unit, int year, struct arena *a,
			       const char **out, struct errctx *e)
{
	char theme[ACTION_MONTH_THEME_MAX + 1];
	enum gemis_err err = action_month_get(db, &s->tree, unit, year, theme, sizeof(theme), NULL, NULL, e);

	*out = err ? NULL : dup_or_null(a, theme);
	return err;
}

enum gemis_err worklog_load(struct db *db, const struct snapshot *s, int unit, int year, struct date today,
			    struct worklog *w, struct errctx *e)
{
	const struct tree *t = &s->tree;
	enum gemis_err err = GEMIS_OK;
	unsigned char *mark;
	size_t n = 0;
	int c;

	memset(w, 0, sizeof(*w));
	arena_init(&w->mem, 0);
	w->unit = unit;
	w->year = year;
	w->commune = is_commune(t, unit);
	if (w->commune) {
		w->by_agency = arena_alloc(&w->mem, agency_kind_count * sizeof(*w->by_agency));
		if (!w->by_agency) {
			worklog_release(w);
			return GEMIS_ENOMEM;
		}
		memset(w->by_agency, 0, agency_kind_count * sizeof(*w->by_agency));
		err = commune(db, s, unit, year, today, &w->sum, w, e);
		if (!err)
			err = theme_of(db, s, unit, year, &w->mem, &w->theme, e);
		goto out;
	}
	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling)
		n++;
	w->subs = n ? arena_alloc(&w->mem, n * sizeof(*w->subs)) : NULL;
	mark = arena_alloc(&w->mem, t->n);
	if ((n && !w->subs) || !mark) {
		worklog_release(w);
		return GEMIS_ENOMEM;
	}
	/* the nation has thousands of communes: read only those with work */
	memset(mark, 0, t->n);
	err = tasks_units(db, t, mark, e);
	if (!err)
		err = activities_units(db, t, year, mark, e);
	for (c = t->units[unit].first_child; c >= 0 && !err; c = t->units[c].next_sibling) {
		struct wl_sub *x = &w->subs[w->nsubs++];

		memset(x, 0, sizeof(*x));
		x->unit = c;
		err = area(db, s, mark, c, year, today, &x->sum, e);
		if (!err && is_commune(t, c))
			err = theme_of(db, s, c, year, &w->mem, &x->theme, e);
		add_sum(&w->sum, &x->sum);
	}
out:
	if (err)
		worklog_release(w);
	return err;
}

void worklog_release(struct worklog *w)
{
	arena_release(&w->mem);
	memset(w, 0, sizeof(*w));
}
