/*
 * review_doc.c: a mid-term or final review (review.h) as a document
 * (doc.h), in the current language, laid out as the yearly report (the
 * header, title, "Nơi nhận" and signature of Decree 30: yearly_doc.c).
 * Its body:
 *   I    results over the period: each goal's indicators year by year
 *        against the target and the required path, and a chart of each
 *        indicator's path;
 *   II   the statuses year by year, with a chart;
 *   III  the plan's tasks year by year;
 *   IV   the budget year by year and by funding source;
 *   V    the agencies' (an area's sub-units') scores year by year, and the
 *        review year's with their reasons;
 *   VI   (units with sub-units) the sub-units' statuses in the review year;
 *   last the officials' assessment: achievements, shortcomings, causes,
 *        lessons, proposals for commendation, left to be written in the
 *        DOCX.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "budget_doc.h"
#include "progress.h"
#include "review.h"
#include "util/i18n.h"

#include "util/banned.h"

struct ctx {
	const struct review *rv;
	struct doc *d;
	int section;  /* sections written, for their numbers */
	int chart;    /* charts drawn, for their numbers */
};

static void heading(struct ctx *c, const char *title)
{
	static const char *const roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

	doc_add(c->d, DB_HEADING, 1, doc_printf(c->d, "%s. %s", roman[c->section++ % 10], title));
}

static void add_table(struct doc *d, struct dtable *tb)
{
	struct dblock *b;

	if (!tb)
		return;
	b = doc_add(d, DB_TABLE, 0, NULL);
	if (b)
		b->table = tb;
}

static void add_chart(struct doc *d, struct dchart *ch)
{
	struct dblock *b = doc_add(d, DB_CHART, 0, NULL);

	if (b)
		b->chart = ch;
}

/* A value in a table of years: the unit is in the target's column. */
static const char *number(struct doc *d, double v)
{
	char s[48];

	if (isnan(v))
		return "–";
	format_number(s, sizeof(s), v, 2);
	return doc_printf(d, "%s", s);
}

static const char *share(struct doc *d, unsigned part, unsigned whole)
{
	if (!whole)
		return "–";
	return doc_printf(d, "%.0f%%", 100.0 * part / whole);
}

static const char *title_of(struct doc *d, const struct review *rv)
{
	return rv->kind == REVIEW_FINAL
		       ? doc_printf(d, _("Final review of gender equality work, %d - %d"), rv->from, rv->to)
		       : doc_printf(d, _("Mid-term review of gender equality work, %d - %d"), rv->from, rv->to);
}

static void intro(struct ctx *c)
{
	const struct review *rv = c->rv;
	const struct yearly *y = &rv->y;
	struct doc *d = c->d;
	const struct unit *u = &y->s->tree.units[y->unit];
	const struct rv_year *last = &rv->years[rv->nyears - 1];
	const char *who = u->level == LEVEL_NATION ? _("the Ministry of Home Affairs")
						  : doc_printf(d, "%s %s", _("the People's Committee of"),
							       yearly_doc_unit_name(d, u));
	unsigned judged = (unsigned)rv->nrows - last->counts[ST_NO_TARGET];

	if (y->demo)
		doc_add(d, DB_NOTICE, 0,
			_("DEMO DATA: the numbers in this report are invented for trying gemis out; it is not a real report."));
	if (y->plan && y->plan->number)
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("Pursuant to Plan No. %s, %s reviews its gender equality work from %d, the baseline year, to %d as follows:"),
				   y->plan->number, who, rv->from, rv->to));
	else
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("%s reviews its gender equality work from %d, the baseline year, to %d as follows:"), who,
				   rv->from, rv->to));
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("Of the %u indicators with a target, in %d %u are achieved, %u on track, %u at risk and %u off track; %u cannot be judged for want of data."),
			   judged, rv->to, last->counts[ST_ACHIEVED], last->counts[ST_ON_TRACK], last->counts[ST_AT_RISK],
			   last->counts[ST_OFF_TRACK],
			   last->counts[ST_INSUFFICIENT] + last->counts[ST_NO_DATA] + last->counts[ST_NOT_REPORTED]));
}

/* Widths: No., indicator, target, the years, the assessment. */
static double *year_widths(struct doc *d, size_t nyears, double first, double second, double third, double last)
{
	double *w = arena_alloc(&d->mem, (nyears + 4) * sizeof(*w));
	size_t i;

	if (!w)
		return NULL;
	w[0] = first;
	w[1] = second;
	w[2] = third;
	for (i = 0; i < nyears; i++)
		w[3 + i] = (1.0 - first - second - third - last) / (double)nyears;
	w[3 + nyears] = last;
	return w;
}

/* A goal's indicators: a row of values and one of the required path each. */
static void goal_table(struct ctx *c, enum goal g, size_t n)
{
	const struct review *rv = c->rv;
	struct doc *d = c->d;
	size_t ny = (size_t)rv->nyears, ncols = ny + 4, row = 1, r;
	struct dtable *tb = doc_table(d, ncols, 2 * n + 1, 1, year_widths(d, ny, 0.05, 0.27, 0.11, 0.14));
	int i;

	if (!tb)
		return;
	tb->small = ny > 5;
	doc_cell(d, tb, 0, 0, _("Row No."), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Indicator"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Target"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < rv->nyears; i++)
		doc_cell(d, tb, 0, 3 + (size_t)i, doc_printf(d, "%d", rv->from + i), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, ncols - 1, doc_printf(d, _("Assessment %d"), rv->to), DC_HEAD | DC_CENTER, -1);
	for (r = 0; r < rv->nrows; r++) {
		const struct rv_row *x = &rv->rows[r];
		char tgt[96];

		if (catalog[x->ind].goal != g)
			continue;
		progress_target_text(x->t, catalog[x->ind].unit, tgt, sizeof(tgt));
		doc_cell(d, tb, row, 0, doc_printf(d, "%d", x->no), DC_CENTER, -1);
		doc_cell(d, tb, row, 1, indicator_name(&catalog[x->ind], i18n_lang()), 0, -1);
		doc_cell(d, tb, row, 2, tgt, DC_CENTER, -1);
		doc_cell(d, tb, row + 1, 1, _("required path"), DC_ITALIC, -1);
		for (i = 0; i < rv->nyears; i++) {
			doc_cell(d, tb, row, 3 + (size_t)i, number(d, x->v[i]), DC_RIGHT, -1);
			doc_cell(d, tb, row + 1, 3 + (size_t)i, isnan(x->req[i]) ? "" : number(d, x->req[i]),
				 DC_RIGHT | DC_ITALIC, -1);
		}
		doc_cell(d, tb, row, ncols - 1, status_name((enum status)x->st[rv->nyears - 1]), DC_CENTER,
			 x->st[rv->nyears - 1] == ST_NO_TARGET ? -1 : (int)x->st[rv->nyears - 1]);
		row += 2;
	}
	add_table(d, tb);
}

/* The chart of an indicator's path, when it has values or a target. */
static void path_chart(struct ctx *c, const struct rv_row *x)
{
	const struct review *rv = c->rv;
	struct doc *d = c->d;
	struct dchart *ch = arena_alloc(&d->mem, sizeof(*ch));
	int *years = arena_alloc(&d->mem, (size_t)rv->nyears * sizeof(*years));
	int i;

	if (!ch || !years)
		return;
	for (i = 0; i < rv->nyears; i++)
		years[i] = rv->from + i;
	ch->kind = CHART_PATH;
	ch->height = 170;
	ch->title = doc_printf(d, _("Chart %d. %s"), ++c->chart, indicator_name(&catalog[x->ind], i18n_lang()));
	ch->nyears = (size_t)rv->nyears;
	ch->years = years;
	ch->values = x->v;
	ch->required = x->req;
	ch->target = x->target;
	ch->target_year = x->t ? x->t->year : 0;
	ch->legend[0] = _("value");
	ch->legend[1] = _("required path");
	ch->legend[2] = x->t ? doc_printf(d, _("target %d"), x->t->year) : NULL;
	/* a percentage's ticks say so; other units are in the table */
	ch->axis = strcmp(catalog[x->ind].unit, "%") == 0 ? "%" : NULL;
	add_chart(d, ch);
}

static void results(struct ctx *c)
{
	const struct review *rv = c->rv;
	struct doc *d = c->d;
	bool hidden = false;
	size_t r;
	int g;

	heading(c, _("RESULTS OVER THE PERIOD BY GOAL AND INDICATOR"));
	if (!rv->nrows) {
		doc_add(d, DB_PARA, 0, _("No indicator has a target or a value in the period."));
		return;
	}
	doc_add(d, DB_PARA, 0,
		_("Each indicator's value year by year beside the required path: where a unit moving at the pace its target needs would be, from the baseline to the target year. The charts draw the same."));
	for (g = 0; g < GOAL_COUNT; g++) {
		size_t n = 0;

		for (r = 0; r < rv->nrows; r++)
			n += catalog[rv->rows[r].ind].goal == (enum goal)g;
		if (!n)
			continue;
		doc_add(d, DB_HEADING, 2, goal_name((enum goal)g, i18n_lang()));
		goal_table(c, (enum goal)g, n);
		for (r = 0; r < rv->nrows; r++) {
			const struct rv_row *x = &rv->rows[r];

			/* a path needs a value: the target alone is in the table */
			if (catalog[x->ind].goal == (enum goal)g && x->base_year)
				path_chart(c, x);
			hidden = hidden || x->hidden;
		}
	}
	if (hidden)
		doc_add(d, DB_NOTE, 0, _("The case register's counts under 5 are not shown, nor what would give them away."));
}

static void statuses(struct ctx *c)
{
	const struct review *rv = c->rv;
	struct doc *d = c->d;
	size_t ny = (size_t)rv->nyears, r;
	struct dtable *tb;
	struct dchart *ch;
	int i, k;

	heading(c, _("ASSESSMENT YEAR BY YEAR"));
	if (!rv->nrows)
		return;
	tb = doc_table(d, ny + 2, rv->nrows + 1, 1, NULL);
	if (!tb)
		return;
	tb->widths[0] = 0.06;
	tb->widths[1] = 0.40;
	for (i = 0; i < rv->nyears; i++)
		tb->widths[2 + i] = 0.54 / (double)ny;
	doc_cell(d, tb, 0, 0, _("Row No."), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Indicator"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < rv->nyears; i++)
		doc_cell(d, tb, 0, 2 + (size_t)i, doc_printf(d, "%d", rv->from + i), DC_HEAD | DC_CENTER, -1);
	for (r = 0; r < rv->nrows; r++) {
		const struct rv_row *x = &rv->rows[r];

		doc_cell(d, tb, r + 1, 0, doc_printf(d, "%d", x->no), DC_CENTER, -1);
		doc_cell(d, tb, r + 1, 1, indicator_name(&catalog[x->ind], i18n_lang()), 0, -1);
		for (i = 0; i < rv->nyears; i++) {
			enum status st = (enum status)x->st[i];

			doc_cell(d, tb, r + 1, 2 + (size_t)i, status_short(st), DC_CENTER, st == ST_NO_TARGET ? -1 : (int)st);
		}
	}
	add_table(d, tb);
	doc_add(d, DB_NOTE, 0,
		doc_printf(d, "%s %s = %s; %s = %s; %s = %s; %s = %s; %s = %s; %s = %s; – = %s.", _("Key:"),
			   status_short(ST_ACHIEVED), status_name(ST_ACHIEVED), status_short(ST_ON_TRACK),
			   status_name(ST_ON_TRACK), status_short(ST_AT_RISK), status_name(ST_AT_RISK),
			   status_short(ST_OFF_TRACK), status_name(ST_OFF_TRACK), status_short(ST_INSUFFICIENT),
			   status_name(ST_INSUFFICIENT), status_short(ST_NOT_REPORTED), status_name(ST_NOT_REPORTED),
			   status_name(ST_NO_DATA)));
	ch = arena_alloc(&d->mem, sizeof(*ch));
	if (!ch)
		return;
	ch->title = doc_printf(d, _("Chart %d. Indicators by assessment, %d - %d"), ++c->chart, rv->from, rv->to);
	ch->ncat = ny;
	ch->cats = arena_alloc(&d->mem, ny * sizeof(*ch->cats));
	ch->counts = arena_alloc(&d->mem, ny * sizeof(*ch->counts));
	if (!ch->cats || !ch->counts)
		return;
	for (i = 0; i < rv->nyears; i++) {
		ch->cats[i] = doc_printf(d, "%d", rv->from + i);
		for (k = 0; k < CHART_STATUSES; k++)
			ch->counts[i][k] = rv->years[i].counts[chart_status[k]];
	}
	for (k = 0; k < CHART_STATUSES; k++)
		ch->legend[k] = status_name(chart_status[k]);
	ch->axis = _("indicators");
	add_chart(d, ch);
}

static void tasks(struct ctx *c)
{
	static const double w[8] = {0.10, 0.11, 0.12, 0.13, 0.13, 0.15, 0.12, 0.14};
	const struct review *rv = c->rv;
	struct doc *d = c->d;
	struct dtable *tb;
	unsigned any = 0;
	int i;

	heading(c, _("THE PLAN'S TASKS YEAR BY YEAR"));
	for (i = 0; i < rv->nyears; i++)
		any += rv->years[i].tasks.tasks;
	if (!any) {
		doc_add(d, DB_PARA, 0, _("No plan in force in gemis lists tasks for the unit."));
		return;
	}
	if (rv->plan_from > rv->from)
		doc_add(d, DB_PARA, 0, doc_printf(d, _("The plans in force begin in %d: the years before have no tasks."), rv->plan_from));
	tb = doc_table(d, 8, (size_t)(rv->to - rv->plan_from) + 2, 1, w);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Year"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Tasks"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, task_status_name(TS_DONE), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, task_status_name(TS_IN_PROGRESS), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, task_status_name(TS_NOT_STARTED), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 5, task_status_name(TS_NOT_DONE), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 6, _("Overdue"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 7, _("Share done"), DC_HEAD | DC_CENTER, -1);
	for (i = rv->plan_from - rv->from; i < rv->nyears; i++) {
		const struct wl_sum *s = &rv->years[i].tasks;
		size_t row = (size_t)(i - (rv->plan_from - rv->from)) + 1;

		doc_cell(d, tb, row, 0, doc_printf(d, "%d", rv->from + i), DC_CENTER, -1);
		doc_cell(d, tb, row, 1, doc_printf(d, "%u", s->tasks), DC_CENTER, -1);
		doc_cell(d, tb, row, 2, doc_printf(d, "%u", s->by_status[TS_DONE]), DC_CENTER, -1);
		doc_cell(d, tb, row, 3, doc_printf(d, "%u", s->by_status[TS_IN_PROGRESS]), DC_CENTER, -1);
		doc_cell(d, tb, row, 4, doc_printf(d, "%u", s->by_status[TS_NOT_STARTED]), DC_CENTER, -1);
		doc_cell(d, tb, row, 5, doc_printf(d, "%u", s->by_status[TS_NOT_DONE]), DC_CENTER, -1);
		doc_cell(d, tb, row, 6, doc_printf(d, "%u", s->overdue), DC_CENTER, -1);
		doc_cell(d, tb, row, 7, share(d, s->by_status[TS_DONE], s->tasks), DC_CENTER, -1);
	}
	add_table(d, tb);
	if (rv->y.nsubs)
		doc_add(d, DB_NOTE, 0, _("The sums of the tasks of the communes and wards with a plan in force."));
}

static void money_row(struct doc *d, struct dtable *tb, size_t row, const char *label, const struct budget_sum *s,
		      unsigned flags)
{
	doc_cell(d, tb, row, 0, label, flags, -1);
	doc_cell(d, tb, row, 1, doc_printf(d, "%u", s->lines), flags | DC_CENTER, -1);
	doc_cell(d, tb, row, 2, budget_doc_money(d, s->lines ? s->estimate : BUDGET_NONE), flags | DC_RIGHT, -1);
	doc_cell(d, tb, row, 3, budget_doc_money(d, s->lines ? s->approved : BUDGET_NONE), flags | DC_RIGHT, -1);
	doc_cell(d, tb, row, 4, budget_doc_money(d, s->lines ? s->spent : BUDGET_NONE), flags | DC_RIGHT, -1);
	doc_cell(d, tb, row, 5, doc_printf(d, "%u", s->overspent), flags | DC_CENTER, -1);
}

static struct dtable *money_table(struct doc *d, size_t nrows, const char *first)
{
	static const double w[6] = {0.24, 0.08, 0.18, 0.18, 0.18, 0.14};
	struct dtable *tb = doc_table(d, 6, nrows + 1, 1, w);

	if (!tb)
		return NULL;
	doc_cell(d, tb, 0, 0, first, DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Lines"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Estimated"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Approved"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, _("Spent"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 5, _("Spent above approved"), DC_HEAD | DC_CENTER, -1);
	return tb;
}

static void budget(struct ctx *c)
{
	const struct review *rv = c->rv;
	struct doc *d = c->d;
	struct dtable *tb;
	size_t i, n = 0, row = 1;
	int y;

	heading(c, _("THE BUDGET YEAR BY YEAR"));
	if (!rv->btot.all.lines) {
		doc_add(d, DB_PARA, 0, _("No budget line of the period is recorded in gemis."));
		return;
	}
	doc_add(d, DB_PARA, 0,
		_("Estimated: the agencies' estimates sent for appraisal; approved: what the People's Committee approved; spent: what the agencies recorded as spent."));
	tb = money_table(d, (size_t)rv->nyears + 1, _("Year"));
	for (y = 0; tb && y < rv->nyears; y++)
		money_row(d, tb, (size_t)y + 1, doc_printf(d, "%d", rv->from + y), &rv->years[y].budget, DC_CENTER);
	if (tb)
		money_row(d, tb, (size_t)rv->nyears + 1, _("Total"), &rv->btot.all, DC_BOLD);
	add_table(d, tb);
	for (i = 0; i < rv->budget.nsrc; i++)
		n += rv->bsrc[i].lines > 0;
	tb = money_table(d, n, _("Source of funds"));
	for (i = 0; tb && i < rv->budget.nsrc; i++) {
		if (rv->bsrc[i].lines)
			money_row(d, tb, row++,
				  budget_source_name(&rv->budget, rv->budget.src[i].id, i18n_lang() == LANG_EN),
				  &rv->bsrc[i], 0);
	}
	add_table(d, tb);
}

static void scores(struct ctx *c)
{
	const struct review *rv = c->rv;
	const struct tree *t = &rv->y.s->tree;
	struct doc *d = c->d;
	size_t ny = (size_t)rv->nyears, i;
	struct dtable *tb;
	struct buf why;
	int k;

	heading(c, rv->y.nsubs ? _("THE SUB-UNITS' SCORECARDS") : _("THE AGENCIES' SCORECARDS"));
	if (!rv->nscores) {
		doc_add(d, DB_PARA, 0, _("No agency has a score: the plan gives none duties."));
		return;
	}
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("Scores out of 100, computed by gemis from the forms on time, the tasks done, the indicators on track and the activities logged, with the rules of %s, version %d (weights: %s %g, %s %g, %s %g, %s %g)."),
			   rv->sc.rules.origin, rv->sc.rules.version, sc_criterion_name(SC_FORMS),
			   rv->sc.rules.weight[SC_FORMS], sc_criterion_name(SC_TASKS), rv->sc.rules.weight[SC_TASKS],
			   sc_criterion_name(SC_INDICATORS), rv->sc.rules.weight[SC_INDICATORS],
			   sc_criterion_name(SC_ACTIVITIES), rv->sc.rules.weight[SC_ACTIVITIES]));
	tb = doc_table(d, ny + 2, rv->nscores + 1, 1, NULL);
	if (!tb)
		return;
	tb->widths[0] = 0.08;
	tb->widths[1] = 0.40;
	for (k = 0; k < rv->nyears; k++)
		tb->widths[2 + k] = 0.52 / (double)ny;
	doc_cell(d, tb, 0, 0, doc_printf(d, _("Rank %d"), rv->to), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, rv->y.nsubs ? _("Unit") : _("Agency or office"), DC_HEAD | DC_CENTER, -1);
	for (k = 0; k < rv->nyears; k++)
		doc_cell(d, tb, 0, 2 + (size_t)k, doc_printf(d, "%d", rv->from + k), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < rv->nscores; i++) {
		const struct sc_row *r = &rv->sc.rows[i];

		doc_cell(d, tb, i + 1, 0, r->rank ? doc_printf(d, "%d", r->rank) : "–", DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 1, scorecard_row_name(t, r), 0, -1);
		for (k = 0; k < rv->nyears; k++) {
			double v = rv->scores[i].score[k];

			char num[32];

			format_number(num, sizeof(num), v, 1);
			doc_cell(d, tb, i + 1, 2 + (size_t)k, isnan(v) ? "–" : num, DC_CENTER, -1);
		}
	}
	add_table(d, tb);
	doc_add(d, DB_HEADING, 2, doc_printf(d, _("The reasons of the scores of %d"), rv->to));
	buf_init(&why, 1 << 16);
	for (i = 0; i < rv->nscores; i++) {
		const struct sc_row *r = &rv->sc.rows[i];

		buf_reset(&why);
		scorecard_reasons(r, &why);
		doc_add(d, DB_BULLET, 0, doc_printf(d, "%s: %s.", scorecard_row_name(t, r), buf_str(&why)));
	}
	buf_release(&why);
}

static void subunits(struct ctx *c)
{
	static const double w[6] = {0.32, 0.12, 0.12, 0.12, 0.12, 0.20};
	const struct yearly *y = &c->rv->y;
	struct doc *d = c->d;
	struct dtable *tb;
	size_t i, r;

	if (!y->nsubs)
		return;
	heading(c, doc_printf(d, _("THE SUB-UNITS IN %d"), y->year));
	tb = doc_table(d, 6, y->nsubs + 1, 1, w);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Unit"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, status_name(ST_ACHIEVED), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, status_name(ST_ON_TRACK), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, status_name(ST_AT_RISK), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, status_name(ST_OFF_TRACK), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 5, _("Share achieved or on track"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < y->nsubs; i++) {
		unsigned n[ST_COUNT] = {0}, judged;

		for (r = 0; r < y->nrows; r++)
			n[y->substatus[i * y->nrows + r]]++;
		judged = n[ST_ACHIEVED] + n[ST_ON_TRACK] + n[ST_AT_RISK] + n[ST_OFF_TRACK];
		doc_cell(d, tb, i + 1, 0, y->s->tree.units[y->subs[i]].name, 0, -1);
		doc_cell(d, tb, i + 1, 1, doc_printf(d, "%u", n[ST_ACHIEVED]), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 2, doc_printf(d, "%u", n[ST_ON_TRACK]), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 3, doc_printf(d, "%u", n[ST_AT_RISK]), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 4, doc_printf(d, "%u", n[ST_OFF_TRACK]), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 5, share(d, n[ST_ACHIEVED] + n[ST_ON_TRACK], judged), DC_CENTER, -1);
	}
	add_table(d, tb);
}

/* What the officials write: a heading each, with room to write in. */
static void assessment(struct ctx *c)
{
	static const char *const parts[] = {
		N_("Achievements"),
		N_("Shortcomings and limitations"),
		N_("Causes"),
		N_("Lessons learned"),
		N_("Proposals for commendation"),
	};
	struct doc *d = c->d;
	size_t i;

	heading(c, _("GENERAL ASSESSMENT, LESSONS AND PROPOSALS"));
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		doc_add(d, DB_HEADING, 2, doc_printf(d, "%zu. %s", i + 1, _(parts[i])));
		doc_add(d, DB_PARA, 0, _("(To be completed by the reporting unit.)"));
	}
}

enum gemis_err review_doc(const struct review *rv, struct doc *d)
{
	struct ctx c = {rv, d, 0, 0};
	const char *title = title_of(d, rv);

	yearly_doc_header(&rv->y, d, title,
			  doc_printf(d, "%s: %s", rv->kind == REVIEW_FINAL ? _("Final review report") : _("Mid-term review report"),
				     title));
	intro(&c);
	results(&c);
	statuses(&c);
	tasks(&c);
	budget(&c);
	scores(&c);
	subunits(&c);
	assessment(&c);
	yearly_doc_closing(&rv->y, d);
	return doc_failed(d) ? GEMIS_ENOMEM : GEMIS_OK;
}
