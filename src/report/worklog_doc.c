/*
 * worklog_doc.c: the blocks that say a unit's tasks, activities and Action
 * Month in a report (doc.h), in the current language; the yearly report
 * (yearly_doc.c) and the Action Month's (action_month.c) put them under
 * their own headings.
 */
#include <math.h>
#include <string.h>

#include "report/worklog_doc.h"
#include "util/i18n.h"
#include "report/progress.h"

#include "util/banned.h"

static void add_table(struct doc *d, struct dtable *tb)
{
	struct dblock *b;

	if (!tb)
		return;
	b = doc_add(d, DB_TABLE, 0, NULL);
	if (b)
		b->table = tb;
}

static const char *share_text(struct doc *d, unsigned part, unsigned whole)
{
	double v = wl_share(part, whole);
	char num[32];

	if (isnan(v))
		return "–";
	format_number(num, sizeof(num), v, 1);
	return doc_printf(d, "%s%%", num);
}

static const char *agency_label(struct doc *d, const char *id)
{
	struct buf b;
	const char *out;

	buf_init(&b, 4096);
	worklog_leads(id, &b);
	out = doc_printf(d, "%s", buf_str(&b));
	buf_release(&b);
	return out;
}

/* "a;b" of ids as the agencies' names. */
static const char *leads_text(struct doc *d, const char *ids)
{
	return *ids ? agency_label(d, ids) : "–";
}

static const char *status_words(enum task_status st)
{
	return task_status_name(st);
}

/* --- tasks ------------------------------------------------------------------ */

static void commune_tasks(const struct worklog *w, struct doc *d, const char *numbered)
{
	static const double wt[5] = {0.07, 0.35, 0.20, 0.14, 0.24};
	static const double wa[6] = {0.36, 0.12, 0.13, 0.13, 0.13, 0.13};
	const struct wl_sum *s = &w->sum;
	struct dtable *tb;
	size_t i, k, n = 0, row;

	doc_add(d, DB_HEADING, 2, doc_printf(d, "%s%s", numbered, _("Results of the tasks")));
	if (!w->ntasks) {
		doc_add(d, DB_PARA, 0,
			w->has_plan ? _("The plan in force lists no task.") : _("The unit has no plan in force in gemis."));
		return;
	}
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("Of the plan's %u tasks in %d: %u done (%s), %u in progress, %u not yet carried out, %u could not be done; %u overdue."),
			   s->tasks, w->year, s->by_status[TS_DONE], share_text(d, s->by_status[TS_DONE], s->tasks),
			   s->by_status[TS_IN_PROGRESS], s->by_status[TS_NOT_STARTED], s->by_status[TS_NOT_DONE],
			   s->overdue));
	tb = doc_table(d, 5, w->ntasks + 1, 1, wt);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("No."), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Task"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Lead"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Result"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, _("What was done, or why not"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < w->ntasks; i++) {
		const struct wl_task *x = &w->tasks[i];
		const char *what = x->status == TS_NOT_DONE && x->reason ? x->reason : x->note;

		doc_cell(d, tb, i + 1, 0, *x->label ? x->label : "–", DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 1, x->title, 0, -1);
		doc_cell(d, tb, i + 1, 2, leads_text(d, x->leads), 0, -1);
		doc_cell(d, tb, i + 1, 3,
			 x->overdue ? doc_printf(d, "%s (%s)", status_words(x->status), _("overdue")) : status_words(x->status),
			 DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 4,
			 x->files ? doc_printf(d, "%s (%s)", what ? what : "–",
					       doc_printf(d, ngettext_("%u evidence file", "%u evidence files", x->files), x->files))
				  : what ? what : "–",
			 0, -1);
	}
	add_table(d, tb);
	/* by lead agency */
	for (k = 0; k < agency_kind_count; k++) {
		unsigned tot = 0;

		for (i = 0; i < TS_COUNT; i++)
			tot += w->by_agency[k][i];
		n += tot > 0;
	}
	if (!n)
		return;
	doc_add(d, DB_NOTE, 0, _("By lead agency (a task counts once for each agency that leads it):"));
	tb = doc_table(d, 6, n + 1, 1, wa);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Agency or office"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Tasks led"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, task_status_name(TS_DONE), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, task_status_name(TS_IN_PROGRESS), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, task_status_name(TS_NOT_STARTED), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 5, task_status_name(TS_NOT_DONE), DC_HEAD | DC_CENTER, -1);
	row = 1;
	for (k = 0; k < agency_kind_count; k++) {
		const unsigned *c = w->by_agency[k];
		unsigned tot = c[0] + c[1] + c[2] + c[3];

		if (!tot)
			continue;
		doc_cell(d, tb, row, 0, agency_label(d, agency_kinds[k].id), 0, -1);
		doc_cell(d, tb, row, 1, doc_printf(d, "%u", tot), DC_CENTER, -1);
		doc_cell(d, tb, row, 2, doc_printf(d, "%u", c[TS_DONE]), DC_CENTER, -1);
		doc_cell(d, tb, row, 3, doc_printf(d, "%u", c[TS_IN_PROGRESS]), DC_CENTER, -1);
		doc_cell(d, tb, row, 4, doc_printf(d, "%u", c[TS_NOT_STARTED]), DC_CENTER, -1);
		doc_cell(d, tb, row, 5, doc_printf(d, "%u", c[TS_NOT_DONE]), DC_CENTER, -1);
		row++;
	}
	add_table(d, tb);
}

static void area_tasks(const struct worklog *w, const struct tree *t, struct doc *d, const char *numbered)
{
	static const double wt[7] = {0.28, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12};
	const struct wl_sum *s = &w->sum;
	struct dtable *tb;
	size_t i;

	doc_add(d, DB_HEADING, 2, doc_printf(d, "%s%s", numbered, _("Results of the communes' tasks")));
	if (!s->tasks) {
		doc_add(d, DB_PARA, 0, doc_printf(d, _("None of the %u communes and wards has a plan with tasks in gemis."), s->communes));
		return;
	}
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("%u of the %u communes and wards have plans with tasks in gemis: of their %u tasks in %d, %u done (%s), %u in progress, %u not yet carried out, %u could not be done; %u overdue."),
			   s->with_tasks, s->communes, s->tasks, w->year, s->by_status[TS_DONE],
			   share_text(d, s->by_status[TS_DONE], s->tasks), s->by_status[TS_IN_PROGRESS],
			   s->by_status[TS_NOT_STARTED], s->by_status[TS_NOT_DONE], s->overdue));
	tb = doc_table(d, 7, w->nsubs + 1, 1, wt);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Unit"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Tasks"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, task_status_name(TS_DONE), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Share done"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, task_status_name(TS_IN_PROGRESS), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 5, task_status_name(TS_NOT_DONE), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 6, _("overdue"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < w->nsubs; i++) {
		const struct wl_sum *x = &w->subs[i].sum;

		doc_cell(d, tb, i + 1, 0, t->units[w->subs[i].unit].name, 0, -1);
		if (!x->tasks) {
			for (size_t c = 1; c < 7; c++)
				doc_cell(d, tb, i + 1, c, c == 1 ? _("no tasks in gemis") : "–", DC_CENTER, -1);
			continue;
		}
		doc_cell(d, tb, i + 1, 1, doc_printf(d, "%u", x->tasks), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 2, doc_printf(d, "%u", x->by_status[TS_DONE]), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 3, share_text(d, x->by_status[TS_DONE], x->tasks), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 4, doc_printf(d, "%u", x->by_status[TS_IN_PROGRESS]), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 5, doc_printf(d, "%u", x->by_status[TS_NOT_DONE]), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 6, doc_printf(d, "%u", x->overdue), DC_CENTER, -1);
	}
	add_table(d, tb);
}

void worklog_doc_tasks(const struct worklog *w, const struct tree *t, struct doc *d, const char *numbered)
{
	if (w->commune)
		commune_tasks(w, d, numbered);
	else
		area_tasks(w, t, d, numbered);
}

/* --- activities ----------------------------------------------------------------- */

static void kinds_table(const struct wl_sum *s, struct doc *d)
{
	static const double wk[7] = {0.25, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125};
	struct dtable *tb;
	unsigned col[AC_COUNT] = {0};
	size_t k, c, n = 0, row = 1;

	for (k = 0; k < AK_COUNT; k++) {
		unsigned tot = 0;

		for (c = 0; c < AC_COUNT; c++)
			tot += s->kinds[k][c];
		n += tot > 0;
	}
	tb = doc_table(d, AC_COUNT + 2, n + 2, 1, wk);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Kind \\ channel"), DC_HEAD, -1);
	for (c = 0; c < AC_COUNT; c++)
		doc_cell(d, tb, 0, c + 1, act_channel_name((enum act_channel)c), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, AC_COUNT + 1, _("Total"), DC_HEAD | DC_CENTER, -1);
	for (k = 0; k < AK_COUNT; k++) {
		unsigned tot = 0;

		for (c = 0; c < AC_COUNT; c++)
			tot += s->kinds[k][c];
		if (!tot)
			continue;
		doc_cell(d, tb, row, 0, act_kind_name((enum act_kind)k), 0, -1);
		for (c = 0; c < AC_COUNT; c++) {
			doc_cell(d, tb, row, c + 1, s->kinds[k][c] ? doc_printf(d, "%u", s->kinds[k][c]) : "–", DC_CENTER, -1);
			col[c] += s->kinds[k][c];
		}
		doc_cell(d, tb, row, AC_COUNT + 1, doc_printf(d, "%u", tot), DC_CENTER | DC_BOLD, -1);
		row++;
	}
	doc_cell(d, tb, row, 0, _("Total"), DC_BOLD, -1);
	for (c = 0; c < AC_COUNT; c++)
		doc_cell(d, tb, row, c + 1, doc_printf(d, "%u", col[c]), DC_CENTER | DC_BOLD, -1);
	doc_cell(d, tb, row, AC_COUNT + 1, doc_printf(d, "%u", s->activities), DC_CENTER | DC_BOLD, -1);
	add_table(d, tb);
}

static void commune_quarters(const struct worklog *w, struct doc *d)
{
	static const double wq[4] = {0.25, 0.25, 0.25, 0.25};
	struct dtable *tb = doc_table(d, 4, 5, 1, wq);
	char note[160], num[32];
	int i;

	if (!tb)
		return;
	format_number(num, sizeof(num), w->quota, 0);
	doc_cell(d, tb, 0, 0, _("Quarter"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("News items logged"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, doc_printf(d, _("Quota of %s met"), num), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Months with a programme"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < 4; i++) {
		const struct log_quarter *q = &w->q[i];

		doc_cell(d, tb, i + 1, 0, doc_printf(d, _("quarter %d/%d"), i + 1, w->year), DC_CENTER, -1);
		if (!q->kept) {
			doc_cell(d, tb, i + 1, 1, "–", DC_CENTER, -1);
			doc_cell(d, tb, i + 1, 2, _("nothing logged"), DC_CENTER, -1);
			doc_cell(d, tb, i + 1, 3, "–", DC_CENTER, -1);
			continue;
		}
		doc_cell(d, tb, i + 1, 1, doc_printf(d, "%u", q->news), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 2, w->qc.missed & 1u << i ? _("not met") : _("met"), DC_CENTER,
			 w->qc.missed & 1u << i ? ST_OFF_TRACK : ST_ACHIEVED);
		doc_cell(d, tb, i + 1, 3, doc_printf(d, "%u/%u", q->programmes, q->months), DC_CENTER, -1);
	}
	add_table(d, tb);
	quota_check_note(&w->qc, note, sizeof(note));
	doc_add(d, DB_NOTE, 0, doc_printf(d, "%s: %s.", _("The year"), note));
}

static void area_quarters(const struct worklog *w, struct doc *d)
{
	static const double wq[4] = {0.25, 0.25, 0.25, 0.25};
	const struct wl_sum *s = &w->sum;
	struct dtable *tb = doc_table(d, 4, 5, 1, wq);
	int i;

	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Quarter"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Communes that logged it"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Communes that met the quota"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Share met"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < 4; i++) {
		doc_cell(d, tb, i + 1, 0, doc_printf(d, _("quarter %d/%d"), i + 1, w->year), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 1, doc_printf(d, "%u/%u", s->q_logged[i], s->communes), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 2, doc_printf(d, "%u", s->q_met[i]), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 3, share_text(d, s->q_met[i], s->q_logged[i]), DC_CENTER, -1);
	}
	add_table(d, tb);
	doc_add(d, DB_NOTE, 0,
		doc_printf(d, _("%u of the %u communes that logged a quarter met the quota in every quarter they logged (%s)."),
			   s->year_met, s->year_judged, share_text(d, s->year_met, s->year_judged)));
}

void worklog_doc_activities(const struct worklog *w, struct doc *d, const char *numbered1, const char *numbered2)
{
	const struct wl_sum *s = &w->sum;

	doc_add(d, DB_HEADING, 2, doc_printf(d, "%s%s", numbered1, _("Activities by kind and channel")));
	if (!s->activities) {
		doc_add(d, DB_PARA, 0,
			w->commune ? doc_printf(d, _("Nothing was logged for %d."), w->year)
				   : doc_printf(d, _("None of the %u communes and wards logged anything for %d."), s->communes,
						w->year));
	} else {
		if (!w->commune)
			doc_add(d, DB_PARA, 0,
				doc_printf(d, _("%u of the %u communes and wards keep an activity log for %d."), s->logging,
					   s->communes, w->year));
		kinds_table(s, d);
	}
	doc_add(d, DB_HEADING, 2, doc_printf(d, "%s%s", numbered2, _("News items against the quarterly quota")));
	if (w->commune)
		commune_quarters(w, d);
	else
		area_quarters(w, d);
}

/* --- the Action Month ------------------------------------------------------------ */

static const char *people_text(struct doc *d, unsigned long women, unsigned long men)
{
	return doc_printf(d, _("%lu people reached where counted: %lu women and %lu men"), women + men, women, men);
}

void worklog_doc_action_month(const struct worklog *w, struct doc *d, bool list)
{
	static const double wl[5] = {0.14, 0.18, 0.40, 0.14, 0.14};
	const struct wl_sum *s = &w->sum;
	struct buf b;
	struct dtable *tb;
	size_t i;
	int k;

	if (!s->am_activities) {
		doc_add(d, DB_PARA, 0,
			w->commune ? doc_printf(d, _("No activity of the Action Month (15/11 - 15/12/%d) was logged."), w->year)
				   : doc_printf(d, _("None of the %u communes and wards logged an activity of the Action Month (15/11 - 15/12/%d)."),
						s->communes, w->year));
		return;
	}
	buf_init(&b, 8192);
	for (k = 0; k < AK_COUNT; k++) {
		if (s->am_kinds[k])
			buf_printf(&b, "%s%s: %u", b.len ? "; " : "", act_kind_name((enum act_kind)k), s->am_kinds[k]);
	}
	if (w->commune)
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("The Action Month (15/11 - 15/12/%d): %u activities (%s); %s."), w->year,
				   s->am_activities, buf_str(&b), people_text(d, s->am_women, s->am_men)));
	else
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("The Action Month (15/11 - 15/12/%d): %u of the %u communes and wards logged %u activities (%s); %s."),
				   w->year, s->am_communes, s->communes, s->am_activities, buf_str(&b),
				   people_text(d, s->am_women, s->am_men)));
	buf_release(&b);
	if (!list || !w->nam)
		return;
	tb = doc_table(d, 5, w->nam + 1, 1, wl);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Date"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("What"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Title"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Women"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, _("Men"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < w->nam; i++) {
		const struct activity *a = &w->am[i];
		char day[DATE_TEXT_LEN];

		date_format_dmy(a->day, day);
		doc_cell(d, tb, i + 1, 0, day, DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 1,
			 doc_printf(d, "%s (%s)", act_kind_name(a->kind), act_channel_name(a->channel)), 0, -1);
		doc_cell(d, tb, i + 1, 2, a->place[0] ? doc_printf(d, "%s (%s)", a->title, a->place) : a->title, 0, -1);
		doc_cell(d, tb, i + 1, 3, a->women >= 0 ? doc_printf(d, "%d", a->women) : "–", DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 4, a->men >= 0 ? doc_printf(d, "%d", a->men) : "–", DC_CENTER, -1);
	}
	add_table(d, tb);
}
