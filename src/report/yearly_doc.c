/*
 * yearly_doc.c: the yearly report as a document (doc.h), in the current
 * language.  The layout of the header, title, "Nơi nhận" and signature
 * follows Decree 30/2020/NĐ-CP, Appendix I (form of an administrative
 * document of a People's Committee); the body has the sections a province
 * asks of its communes:
 *   I    results by goal: each indicator's target, value, value by sex and
 *        status, with a chart of the statuses by goal; then the unit's own
 *        targets outside the catalog, when it has any (local_doc.h);
 *   II   indicators off track or at risk, with the reasons agencies gave;
 *   III  reporting by the agencies (and, for a province, the communes);
 *   IV   the plan's tasks: each agency's indicators and their state, the
 *        results of the tasks (worklog_doc.h) and the budget (budget_doc.h);
 *   V    (units with sub-units) sub-units by indicators, and the share of
 *        sub-units on track for each indicator;
 *   VI   proposals, left for the officer to write; or, for a report up
 *        the chain, the officials' assessment: results, shortcomings,
 *        causes, proposals (store/chainreports.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "budget_doc.h"
#include "progress.h"
#include "util/i18n.h"
#include "yearly.h"
#include "complaints_doc.h"
#include "oversight_doc.h"
#include "drafts_doc.h"
#include "worklog_doc.h"
#include "local_doc.h"
#include "core/date.h"
#include "core/quota.h"
#include "core/smallnum.h"
#include "core/suppress.h"
#include "store/chainreports.h"

#include "util/banned.h"

static const char *upper(struct doc *d, const char *s)
{
	struct buf b;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n;
	utf8proc_int32_t cp;
	const char *out;

	buf_init(&b, 1 << 16);
	while (*p) {
		utf8proc_uint8_t enc[4];

		n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0)
			break;
		p += n;
		n = utf8proc_encode_char(utf8proc_toupper(cp), enc);
		buf_append(&b, enc, (size_t)n);
	}
	out = doc_printf(d, "%s", buf_str(&b));
	buf_release(&b);
	return out;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "Tỉnh Lai Châu", "Thành phố Hà Nội", "Xã Bình Lư": the unit's name with
 * its kind, as the issuing body writes it. */
static const char *full_name(struct doc *d, const struct unit *u)
{
	if (u->level == LEVEL_PROVINCE && !starts_with(u->name, "Thành phố") &&
	    !starts_with(u->name, "Tỉnh"))
		/* TRANSLATORS: a province's name with its kind: vi "Tỉnh %s" */
		return doc_printf(d, _("%s Province"), u->name);
	return u->name;
}

/* s with its first letter in lower case, in Vietnamese, for use inside a
 * sentence ("Ủy ban nhân dân xã Bình Lư", "về thực hiện Chiến lược ..."). */
static const char *lower_first(struct doc *d, const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	utf8proc_uint8_t enc[4];
	struct buf b;
	const char *out;

	if (i18n_lang() != LANG_VI)
		return s;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
	if (n <= 0)
		return s;
	buf_init(&b, 1 << 16);
	buf_append(&b, enc, (size_t)utf8proc_encode_char(utf8proc_tolower(cp), enc));
	buf_puts(&b, s + n);
	out = doc_printf(d, "%s", buf_str(&b));
	buf_release(&b);
	return out;
}

static const char *running_name(struct doc *d, const struct unit *u)
{
	return lower_first(d, full_name(d, u));
}

static const char *agency_name(int k)
{
	return i18n_lang() == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

static void value_text(const struct yr_row *r, char *out, size_t n)
{
	const struct indicator *ind = &catalog[r->ind];

	if (r->hidden) {
		snprintf(out, n, "%s", r->hidden == SUPP_PRIMARY ? "<5" : "x");
		return;
	}
	format_number(out, n, r->value, 2);
	if (!isnan(r->value) && strcmp(ind->unit, "%") == 0 && strlen(out) + 2 < n)
		memcpy(out + strlen(out), "%", 2);
}

static void sex_text(const struct yr_row *r, char *out, size_t n)
{
	char f[24], m[24];

	if (!catalog[r->ind].by_sex) {
		snprintf(out, n, "%s", "");
		return;
	}
	format_number(f, sizeof(f), r->f, 1);
	format_number(m, sizeof(m), r->m, 1);
	snprintf(out, n, "%s / %s", f, m);
}

static const char *date_text(struct doc *d, int y, int m, int dd)
{
	static const char *const months[12] = {
		N_("date: January"), N_("date: February"), N_("date: March"), N_("date: April"), N_("date: May"), N_("date: June"),
		N_("date: July"), N_("date: August"), N_("date: September"), N_("date: October"), N_("date: November"), N_("date: December"),
	};

	if (!y)
		/* TRANSLATORS: a date left blank for the signer to fill in */
		return _("day ... month ... year ...");
	if (i18n_lang() == LANG_EN)
		return doc_printf(d, "%d %s %d", dd, _(months[m - 1]), y);
	/* the decree writes days and months below 10 with a leading zero
	 * only for 01/02 (January, February) */
	return doc_printf(d, "ngày %s%d tháng %s%d năm %d", dd < 10 ? "0" : "", dd,
			  m < 3 ? "0" : "", m, y);
}

/* The plan's date "2026-04-10" as "10/04/2026" (or as it is, when partial). */
static const char *plan_date(struct doc *d, const char *iso)
{
	/* the decree's rule: a zero before days under 10 and months 1 and 2 */
	if (iso && strlen(iso) == 10) {
		bool short_month = iso[5] == '0' && iso[6] > '2';

		return doc_printf(d, "%.2s/%.*s/%.4s", iso + 8, short_month ? 1 : 2,
				  short_month ? iso + 6 : iso + 5, iso);
	}
	return iso ? iso : "";
}

static void header_titled(const struct yearly *y, struct doc *d, const char *title, const char *meta_title);

static void header(const struct yearly *y, struct doc *d)
{
	header_titled(y, d, doc_printf(d, _("Results of gender equality work in %d"), y->year),
		      doc_printf(d, _("Report on the results of gender equality work in %d"), y->year));
}

/* The header block and the title (Decree 30's layout) of a report of y's
 * unit. */
static void header_titled(const struct yearly *y, struct doc *d, const char *title, const char *meta_title)
{
	const struct tree *t = &y->s->tree;
	const struct unit *u = &t->units[y->unit];
	const char *place;

	d->lang = i18n_lang_code(i18n_lang());
	if (u->level == LEVEL_NATION) {
		d->issuer = _("MINISTRY OF HOME AFFAIRS");
		d->number = doc_printf(d, "%s .../BC-BNV", _("No.:"));
		place = _("Hà Nội");
	} else {
		d->issuer = doc_printf(d, "%s\n%s", _("PEOPLE'S COMMITTEE"), upper(d, full_name(d, u)));
		d->number = doc_printf(d, "%s .../BC-UBND", _("No.:"));
		place = u->short_name;
	}
	d->motto1 = _("SOCIALIST REPUBLIC OF VIET NAM");
	d->motto2 = _("Independence - Freedom - Happiness");
	d->place_date = doc_printf(d, "%s, %s", place, date_text(d, y->o.date_y, y->o.date_m, y->o.date_d));
	d->kind = _("REPORT");
	d->title = title;
	d->meta_title = meta_title;
	d->meta_subject = doc_printf(d, "%s (%s)", u->name, u->code);
	d->created = y->o.created;
}

static void closing(const struct yearly *y, struct doc *d)
{
	const struct tree *t = &y->s->tree;
	const struct unit *u = &t->units[y->unit];
	const char *title = y->o.signer_title;
	const char *name = y->o.signer_name;
	const char **rec = arena_alloc(&d->mem, 6 * sizeof(*rec));
	size_t n = 0;

	if (!rec)
		return;
	if (!title && !name && y->plan) {
		title = y->plan->signer_title;
		name = y->plan->signer_name;
	}
	d->recipients_head = _("Recipients:");
	if (u->level == LEVEL_NATION) {
		rec[n++] = _("- The Prime Minister;");
		rec[n++] = _("- Ministries and ministerial-level agencies;");
		rec[n++] = _("- Archived: Records, Gender Equality Department.");
		d->sign_lines = title ? upper(d, title) : _("MINISTER");
	} else {
		if (u->level == LEVEL_PROVINCE)
			rec[n++] = _("- Ministry of Home Affairs;");
		else
			rec[n++] = doc_printf(d, _("- People's Committee of %s (via the Department of Home Affairs);"),
					      running_name(d, &t->units[u->parent]));
		rec[n++] = u->level == LEVEL_PROVINCE ? _("- Standing committees of the Provincial Party Committee and People's Council;")
						      : _("- Standing committees of the Party Committee and People's Council;");
		rec[n++] = _("- Chairperson and Vice Chairpersons of the People's Committee;");
		rec[n++] = _("- Archived: Records, Culture and Social Affairs.");
		if (title && (starts_with(title, "Phó") || starts_with(title, "phó") ||
			      starts_with(title, "Vice") || starts_with(title, "vice")))
			d->sign_lines = doc_printf(d, "%s\n%s", _("FOR THE CHAIRPERSON"), upper(d, title));
		else
			d->sign_lines = doc_printf(d, "%s\n%s", _("ON BEHALF OF THE PEOPLE'S COMMITTEE"),
						   title ? upper(d, title) : _("CHAIRPERSON"));
	}
	d->recipients = rec;
	d->nrecipients = n;
	d->sign_name = name;
}

/* For the documents laid out as this one (review_doc.c). */
void yearly_doc_header(const struct yearly *y, struct doc *d, const char *title, const char *meta_title)
{
	header_titled(y, d, title, meta_title);
}

void yearly_doc_closing(const struct yearly *y, struct doc *d)
{
	closing(y, d);
}

const char *yearly_doc_unit_name(struct doc *d, const struct unit *u)
{
	return running_name(d, u);
}

static const char *status_list(struct doc *d, const unsigned counts[ST_COUNT], int year)
{
	const char *list = doc_printf(d,
			  _("%u achieved, %u on track, %u at risk, %u off track, %u with too little data to judge and %u without data"),
			  counts[ST_ACHIEVED], counts[ST_ON_TRACK], counts[ST_AT_RISK], counts[ST_OFF_TRACK],
			  counts[ST_INSUFFICIENT], counts[ST_NO_DATA]);

	if (!counts[ST_NOT_REPORTED])
		return list;
	return doc_printf(d, _("%s; %u not reported for %d (earlier years' data is not judged as this year's)"), list,
			  counts[ST_NOT_REPORTED], year);
}

/* A row's assessment for people: "not reported in 2026" rather than a
 * bare "not reported", since the report is read apart from its title. */
static const char *assessment_text(struct doc *d, const struct yr_row *x, int year)
{
	if (x->hidden)
		return _("hidden: few cases");
	if (x->a.status == ST_NOT_REPORTED)
		return doc_printf(d, _("not reported in %d"), year);
	return status_name(x->a.status);
}

static void intro(const struct yearly *y, struct doc *d)
{
	const struct unit *u = &y->s->tree.units[y->unit];
	const char *who = u->level == LEVEL_NATION ? _("the Ministry of Home Affairs")
						  : doc_printf(d, "%s %s", _("the People's Committee of"),
							       running_name(d, u));
	unsigned judged = y->nrows - y->counts[ST_NO_TARGET];

	if (y->demo)
		doc_add(d, DB_NOTICE, 0,
			_("DEMO DATA: the numbers in this report are invented for trying gemis out; it is not a real report."));
	if (y->plan && y->plan->number)
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("Pursuant to Plan No. %s of %s on %s, %s reports the results of its gender equality work in %d as follows:"),
				   y->plan->number, plan_date(d, y->plan->date),
				   y->plan->title ? lower_first(d, y->plan->title) : _("gender equality"), who,
				   y->year));
	else
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("%s reports the results of its gender equality work in %d as follows:"),
				   who, y->year));
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("Of the %u indicators with a target, %s."), judged, status_list(d, y->counts, y->year)));
}

static const char *goal_short(enum goal g)
{
	static const char *const names[GOAL_COUNT] = {
		N_("Politics"), N_("Economy"), N_("Family"), N_("Health"), N_("Education"), N_("Communication"),
	};

	return _(names[g]);
}

static void results(const struct yearly *y, struct doc *d)
{
	bool parent = y->nsubs > 0;
	static const double w6[6] = {0.06, 0.38, 0.16, 0.13, 0.12, 0.15};
	static const double w7[7] = {0.05, 0.32, 0.14, 0.11, 0.11, 0.11, 0.16};
	struct dchart *ch;
	size_t r, ncols = parent ? 7 : 6;
	int g, sec = 0;

	doc_add(d, DB_HEADING, 1, _("I. RESULTS BY GOAL AND INDICATOR"));
	for (g = 0; g < GOAL_COUNT; g++) {
		size_t n = 0, row = 1;
		struct dtable *tb;
		struct dblock *b;

		for (r = 0; r < y->nrows; r++)
			n += catalog[y->rows[r].ind].goal == (enum goal)g;
		if (!n)
			continue;
		sec++;
		doc_add(d, DB_HEADING, 2, goal_name((enum goal)g, i18n_lang()));
		tb = doc_table(d, ncols, n + 1, 1, parent ? w7 : w6);
		if (!tb)
			return;
		doc_cell(d, tb, 0, 0, _("Row No."), DC_HEAD | DC_CENTER, -1);
		doc_cell(d, tb, 0, 1, _("Indicator"), DC_HEAD | DC_CENTER, -1);
		doc_cell(d, tb, 0, 2, _("Target"), DC_HEAD | DC_CENTER, -1);
		doc_cell(d, tb, 0, 3, doc_printf(d, _("Result %d"), y->year), DC_HEAD | DC_CENTER, -1);
		doc_cell(d, tb, 0, 4, _("Women / men"), DC_HEAD | DC_CENTER, -1);
		if (parent)
			doc_cell(d, tb, 0, 5, _("Units reporting"), DC_HEAD | DC_CENTER, -1);
		doc_cell(d, tb, 0, ncols - 1, _("Assessment"), DC_HEAD | DC_CENTER, -1);
		for (r = 0; r < y->nrows; r++) {
			const struct yr_row *x = &y->rows[r];
			char num[16], val[48], sex[64], tgt[96];

			if (catalog[x->ind].goal != (enum goal)g)
				continue;
			snprintf(num, sizeof(num), "%d", x->no);
			value_text(x, val, sizeof(val));
			sex_text(x, sex, sizeof(sex));
			progress_target_text(x->t, catalog[x->ind].unit, tgt, sizeof(tgt));
			doc_cell(d, tb, row, 0, num, DC_CENTER, -1);
			doc_cell(d, tb, row, 1, indicator_name(&catalog[x->ind], i18n_lang()), 0, -1);
			doc_cell(d, tb, row, 2, tgt, DC_CENTER, -1);
			doc_cell(d, tb, row, 3, val, DC_RIGHT, -1);
			doc_cell(d, tb, row, 4, sex, DC_CENTER, -1);
			/* a value no commune gave is the unit's own figure */
			if (parent && x->reporting == 0 && !isnan(x->value))
				doc_cell(d, tb, row, 5, _("the unit's own figure"), DC_CENTER, -1);
			else if (parent)
				doc_cell(d, tb, row, 5, doc_printf(d, "%u/%u", x->reporting, x->of), DC_CENTER, -1);
			doc_cell(d, tb, row, ncols - 1, assessment_text(d, x, y->year), DC_CENTER, (int)x->a.status);
			row++;
		}
		b = doc_add(d, DB_TABLE, 0, NULL);
		if (b)
			b->table = tb;
	}
	if (!sec) {
		doc_add(d, DB_PARA, 0, _("No indicator has a target or a value for this year."));
		return;
	}
	/* the chart of statuses by goal */
	ch = arena_alloc(&d->mem, sizeof(*ch));
	if (!ch)
		return;
	ch->title = doc_printf(d, _("Chart 1. Indicators by goal and assessment, %d"), y->year);
	ch->ncat = GOAL_COUNT;
	ch->cats = arena_alloc(&d->mem, GOAL_COUNT * sizeof(*ch->cats));
	ch->counts = arena_alloc(&d->mem, GOAL_COUNT * sizeof(*ch->counts));
	if (!ch->cats || !ch->counts)
		return;
	for (g = 0; g < GOAL_COUNT; g++) {
		int k;

		ch->cats[g] = goal_short((enum goal)g);
		for (k = 0; k < CHART_STATUSES; k++)
			ch->counts[g][k] = y->goal_counts[g][chart_status[k]];
	}
	for (g = 0; g < CHART_STATUSES; g++)
		ch->legend[g] = status_name(chart_status[g]);
	ch->axis = _("indicators");
	{
		struct dblock *b = doc_add(d, DB_CHART, 0, NULL);

		if (b)
			b->chart = ch;
	}
}

/* The comments agencies gave on a row's indicator, or who should have. */
static void reasons(const struct yearly *y, struct doc *d, const struct yr_row *x)
{
	const struct tree *t = &y->s->tree;
	bool any = false;
	size_t i;

	for (i = 0; i < y->ncomments; i++) {
		const struct yr_comment *c = &y->comments[i];

		if (c->ind != x->ind)
			continue;
		any = true;
		if (c->unit == y->unit)
			doc_add(d, DB_PARA, 0, doc_printf(d, _("Reason given: %s"), c->text));
		else
			doc_add(d, DB_PARA, 0, doc_printf(d, "%s: %s", t->units[c->unit].name, c->text));
	}
	if (!any) {
		if (x->agency >= 0)
			doc_add(d, DB_PARA, 0,
				doc_printf(d, _("No explanation was given by %s, which answers for this indicator."),
					   agency_name(x->agency)));
		else
			doc_add(d, DB_PARA, 0, _("No explanation was given."));
	}
}

/* What a quota's or a rare event's status rests on (core/quota.h,
 * core/smallnum.h), or "". */
static const char *note_of(struct doc *d, const struct yr_row *x)
{
	char note[256];

	if (x->a.quota)
		quota_note(&x->a, note, sizeof(note));
	else
		smallnum_note(&x->a, x->ind, note, sizeof(note));
	return doc_printf(d, "%s", note);
}

/* The same as ": note", or "". */
static const char *status_note(struct doc *d, const struct yr_row *x)
{
	const char *note = note_of(d, x);

	return note && note[0] ? doc_printf(d, ": %s", note) : "";
}

static void off_track(const struct yearly *y, struct doc *d)
{
	size_t r, n = 0;
	struct buf nodata;

	doc_add(d, DB_HEADING, 1, _("II. INDICATORS OFF TRACK OR AT RISK, AND WHY"));
	for (r = 0; r < y->nrows; r++) {
		const struct yr_row *x = &y->rows[r];
		char val[48], tgt[96];

		if (x->a.status != ST_OFF_TRACK && x->a.status != ST_AT_RISK)
			continue;
		n++;
		value_text(x, val, sizeof(val));
		progress_target_text(x->t, catalog[x->ind].unit, tgt, sizeof(tgt));
		doc_add(d, DB_BULLET, 0,
			doc_printf(d, _("%s: %s in %d against a target of %s (%s)."),
				   indicator_name(&catalog[x->ind], i18n_lang()), val,
				   x->a.latest_year ? x->a.latest_year : y->year, tgt,
				   doc_printf(d, "%s%s", status_name(x->a.status), status_note(d, x))));
		reasons(y, d, x);
	}
	if (!n)
		doc_add(d, DB_PARA, 0, _("No indicator is off track or at risk."));
	/* rare events too few to judge: said, with what the agencies wrote */
	for (r = 0; r < y->nrows; r++) {
		const struct yr_row *x = &y->rows[r];

		if (x->a.small != SMALL_TOO_FEW || x->hidden)
			continue;
		doc_add(d, DB_BULLET, 0,
			doc_printf(d, "%s: %s.", indicator_name(&catalog[x->ind], i18n_lang()),
				   note_of(d, x)));
		reasons(y, d, x);
	}
	buf_init(&nodata, 1 << 16);
	n = 0;
	for (r = 0; r < y->nrows; r++) {
		if (y->rows[r].a.status != ST_NO_DATA)
			continue;
		buf_puts(&nodata, n++ ? "; " : "");
		buf_puts(&nodata, indicator_name(&catalog[y->rows[r].ind], i18n_lang()));
	}
	if (n)
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("Indicators with a target but no data yet: %s."), buf_str(&nodata)));
	buf_reset(&nodata);
	n = 0;
	for (r = 0; r < y->nrows; r++) {
		if (y->rows[r].a.status != ST_NOT_REPORTED)
			continue;
		buf_puts(&nodata, n++ ? "; " : "");
		buf_printf(&nodata, "%s (%s %d)", indicator_name(&catalog[y->rows[r].ind], i18n_lang()),
			   _("last reported"), y->rows[r].a.latest_year);
	}
	if (n)
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("Indicators not reported for %d: %s."), y->year, buf_str(&nodata)));
	buf_release(&nodata);
}

static const char *rate_text(struct doc *d, unsigned part, unsigned whole)
{
	double v = rep_rate(part, whole);
	char num[32];

	if (isnan(v))
		return "–";
	format_number(num, sizeof(num), v, 1);
	return doc_printf(d, "%s%%", num);
}

static const char *day_text(struct doc *d, long long ts)
{
	char day[DATE_TEXT_LEN];

	if (!ts)
		return "–";
	date_format_dmy(vn_date(ts), day);
	return doc_printf(d, "%s", day);
}

static struct dtable *rates_table(struct doc *d, const char *first, size_t nrows)
{
	static const double w[8] = {0.30, 0.09, 0.09, 0.09, 0.09, 0.10, 0.12, 0.12};
	struct dtable *tb = doc_table(d, 8, nrows + 1, 1, w);
	static const char *const heads[7] = {
		N_("Forms expected"), N_("Forms in"), N_("Forms on time"), N_("Forms late"), N_("Forms missing"),
		N_("Reporting rate"), N_("On-time rate"),
	};
	size_t i;

	if (!tb)
		return NULL;
	doc_cell(d, tb, 0, 0, first, DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < 7; i++)
		doc_cell(d, tb, 0, i + 1, _(heads[i]), DC_HEAD | DC_CENTER, -1);
	return tb;
}

static void rates_row(struct doc *d, struct dtable *tb, size_t row, const char *name,
		      const struct rep_counts *c)
{
	doc_cell(d, tb, row, 0, name, 0, -1);
	doc_cell(d, tb, row, 1, doc_printf(d, "%u", c->expected), DC_CENTER, -1);
	doc_cell(d, tb, row, 2, doc_printf(d, "%u", c->submitted), DC_CENTER, -1);
	doc_cell(d, tb, row, 3, doc_printf(d, "%u", c->on_time), DC_CENTER, -1);
	doc_cell(d, tb, row, 4, doc_printf(d, "%u", c->late), DC_CENTER, -1);
	doc_cell(d, tb, row, 5, doc_printf(d, "%u", c->missing), DC_CENTER, -1);
	doc_cell(d, tb, row, 6, rate_text(d, c->submitted, c->expected), DC_CENTER, -1);
	doc_cell(d, tb, row, 7, rate_text(d, c->on_time, c->expected), DC_CENTER, -1);
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

static const char *names_in_state(const struct yearly *y, struct doc *d, enum form_state s)
{
	const struct tree *t = &y->s->tree;
	struct buf b;
	const char *out;
	size_t i, n = 0;

	buf_init(&b, 1 << 16);
	for (i = 0; i < y->rep.nforms; i++) {
		const struct rep_form *f = &y->rep.forms[i];

		if (f->state != s)
			continue;
		buf_puts(&b, n++ ? "; " : "");
		buf_puts(&b, agency_name(f->agency));
		if (f->unit != y->unit)
			buf_printf(&b, " (%s)", t->units[f->unit].short_name);
	}
	out = n ? doc_printf(d, "%s", buf_str(&b)) : NULL;
	buf_release(&b);
	return out;
}

static void reporting(const struct yearly *y, struct doc *d)
{
	const struct tree *t = &y->s->tree;
	const struct rep_result *r = &y->rep;
	const char *late, *overdue;
	size_t i, n;

	doc_add(d, DB_HEADING, 1, _("III. REPORTING BY THE AGENCIES"));
	/* the same count as the pages' and the API's (engine_count_reported) */
	if (y->nsubs && r->leaves_reported >= 0)
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("%d of %d communes and wards have reported."), r->leaves_reported,
				   (int)r->leaves));
	if (r->total.expected == 0) {
		doc_add(d, DB_PARA, 0,
			r->units_with_plan ? _("The plans in force give no agency duties, so no report was due.")
					   : _("There is no plan in force in gemis, so it cannot tell which agencies had to report."));
		return;
	}
	if (y->plan && y->plan->dl_day && y->plan->dl_month)
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("The plan asks the agencies to report to %s by %02d/%02d every year."),
				   y->plan->dl_to && agency_find(y->plan->dl_to) >= 0
					   ? agency_name(agency_find(y->plan->dl_to))
					   : _("the Culture and Social Affairs Office"),
				   y->plan->dl_day, y->plan->dl_month));
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("As of %s, %u of the %u forms due for %d were submitted (%s), %u of them on time (%s); %u were late and %u are missing."),
			   day_text(d, y->o.now), r->total.submitted, r->total.expected, y->year,
			   rate_text(d, r->total.submitted, r->total.expected), r->total.on_time,
			   rate_text(d, r->total.on_time, r->total.expected), r->total.late, r->total.missing));
	late = names_in_state(y, d, FORM_LATE);
	overdue = names_in_state(y, d, FORM_OVERDUE);
	if (late)
		doc_add(d, DB_BULLET, 0, doc_printf(d, _("Reported late: %s."), late));
	if (overdue)
		doc_add(d, DB_BULLET, 0, doc_printf(d, _("Not reported: %s."), overdue));
	if (r->total.undated)
		doc_add(d, DB_BULLET, 0,
			_("The plan sets no reporting deadline: no report can be judged late until one is set."));
	if (y->nsubs) {
		struct dtable *tb;
		size_t row = 1;

		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("%u of the %u communes and wards have a plan in force in gemis."),
				   r->units_with_plan, r->leaves));
		for (i = 0, n = 0; i < r->nunits; i++)
			n += r->units[i].has_plan;
		tb = rates_table(d, _("Commune or ward"), n);
		for (i = 0; tb && i < r->nunits; i++) {
			if (r->units[i].has_plan)
				rates_row(d, tb, row++, t->units[r->units[i].unit].name, &r->units[i].c);
		}
		add_table(d, tb);
	}
	{
		struct dtable *tb = rates_table(d, _("Agency or office"), r->nagencies);

		for (i = 0; tb && i < r->nagencies; i++)
			rates_row(d, tb, i + 1, agency_name(r->agencies[i].agency), &r->agencies[i].c);
		add_table(d, tb);
	}
}

static const char *indicator_list(struct doc *d, const struct yearly *y, const struct plan_view *p, int k)
{
	struct buf b;
	const char *out;
	size_t r, n = 0;

	buf_init(&b, 1 << 16);
	for (r = 0; r < y->nrows; r++) {
		if (plan_view_answers(p, k, y->rows[r].ind))
			buf_printf(&b, "%s%d", n++ ? ", " : "", y->rows[r].no);
	}
	out = doc_printf(d, "%s", buf_str(&b));
	buf_release(&b);
	return out;
}

static void tasks(const struct yearly *y, struct doc *d)
{
	const struct plan_view *p = y->plan;
	static const double w[5] = {0.06, 0.30, 0.18, 0.26, 0.20};
	struct dtable *tb;
	size_t k, n = 0, row = 1, i;

	doc_add(d, DB_HEADING, 1, _("IV. THE PLAN'S TASKS"));
	doc_add(d, DB_HEADING, 2, _("1. The agencies' duties and reports"));
	if (!p) {
		if (y->nsubs)
			doc_add(d, DB_PARA, 0,
				doc_printf(d, _("The unit has no plan of its own in gemis; %u of its %u communes and wards have one."),
					   y->rep.units_with_plan, y->rep.leaves));
		else
			doc_add(d, DB_PARA, 0, _("The unit has no plan in force in gemis."));
		return;
	}
	if (!p->has_assignments)
		doc_add(d, DB_PARA, 0,
			_("The plan gives the agencies duties without tying indicators to them: each reports the results of its tasks and a narrative."));
	for (k = 0; k < agency_kind_count; k++)
		n += p->agency[k] || plan_view_nduties(p, (int)k) != 0;
	if (!n)
		return;
	tb = doc_table(d, 5, n + 1, 1, w);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Row No."), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Agency or office"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Indicators (No. in section I)"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Assessment of its indicators"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, doc_printf(d, _("Report for %d"), y->year), DC_HEAD | DC_CENTER, -1);
	for (k = 0; k < agency_kind_count; k++) {
		bool duties = plan_view_nduties(p, (int)k) != 0;
		unsigned counts[ST_COUNT] = {0};
		const char *state = _("no form due");
		struct buf b;
		size_t r;
		int st;

		if (!p->agency[k] && !duties)
			continue;
		for (r = 0; r < y->nrows; r++) {
			if (plan_view_answers(p, (int)k, y->rows[r].ind))
				counts[y->rows[r].a.status]++;
		}
		buf_init(&b, 4096);
		for (st = ST_ACHIEVED; st >= ST_NO_DATA; st--) {
			if (counts[st])
				buf_printf(&b, "%s%u %s", b.len ? ", " : "", counts[st], status_name((enum status)st));
		}
		for (i = 0; i < y->rep.nforms; i++) {
			const struct rep_form *f = &y->rep.forms[i];

			if (f->unit == y->unit && f->agency == (int)k) {
				state = f->submitted_at ? doc_printf(d, "%s (%s)", form_state_name(f->state),
								     day_text(d, f->submitted_at))
							: form_state_name(f->state);
				break;
			}
		}
		doc_cell(d, tb, row, 0, doc_printf(d, "%zu", row), DC_CENTER, -1);
		doc_cell(d, tb, row, 1, agency_name((int)k), 0, -1);
		doc_cell(d, tb, row, 2, duties ? indicator_list(d, y, p, (int)k) : _("none tied"), DC_CENTER, -1);
		doc_cell(d, tb, row, 3, b.len ? buf_str(&b) : "–", 0, -1);
		doc_cell(d, tb, row, 4, state, DC_CENTER, -1);
		buf_release(&b);
		row++;
	}
	add_table(d, tb);
}

static void subunits(const struct yearly *y, struct doc *d)
{
	const struct tree *t = &y->s->tree;
	struct dtable *tb;
	double *w;
	size_t i, r, ncols = y->nrows + 1;
	static const double ws[8] = {0.06, 0.34, 0.09, 0.09, 0.09, 0.09, 0.09, 0.15};

	if (!y->nsubs || !y->nrows)
		return;
	doc_add(d, DB_HEADING, 1, _("VII. RESULTS OF THE SUB-UNITS"));
	doc_add(d, DB_HEADING, 2, doc_printf(d, _("1. Assessment by unit and indicator, %d"), y->year));
	w = arena_alloc(&d->mem, ncols * sizeof(*w));
	if (!w)
		return;
	w[0] = 0.22;
	for (i = 1; i < ncols; i++)
		w[i] = 0.78 / (double)y->nrows;
	tb = doc_table(d, ncols, y->nsubs + 1, 1, w);
	if (!tb)
		return;
	tb->small = true;
	doc_cell(d, tb, 0, 0, _("Unit \\ indicator No."), DC_HEAD, -1);
	for (r = 0; r < y->nrows; r++)
		doc_cell(d, tb, 0, r + 1, doc_printf(d, "%d", y->rows[r].no), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < y->nsubs; i++) {
		doc_cell(d, tb, i + 1, 0, t->units[y->subs[i]].name, 0, -1);
		for (r = 0; r < y->nrows; r++) {
			enum status st = (enum status)y->substatus[i * y->nrows + r];

			doc_cell(d, tb, i + 1, r + 1, status_short(st), DC_CENTER,
				 st == ST_NO_TARGET ? -1 : (int)st);
		}
	}
	add_table(d, tb);
	doc_add(d, DB_NOTE, 0,
		doc_printf(d, "%s %s = %s; %s = %s; %s = %s; %s = %s; %s = %s; %s = %s; – = %s.", _("Key:"),
			   status_short(ST_ACHIEVED), status_name(ST_ACHIEVED), status_short(ST_ON_TRACK),
			   status_name(ST_ON_TRACK), status_short(ST_AT_RISK), status_name(ST_AT_RISK),
			   status_short(ST_OFF_TRACK), status_name(ST_OFF_TRACK), status_short(ST_INSUFFICIENT),
			   status_name(ST_INSUFFICIENT), status_short(ST_NOT_REPORTED),
			   doc_printf(d, _("not reported in %d"), y->year), status_name(ST_NO_DATA)));
	doc_add(d, DB_HEADING, 2, _("2. Share of sub-units achieved or on track, by indicator"));
	tb = doc_table(d, 8, y->nrows + 1, 1, ws);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Row No."), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Indicator"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Units judged"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, status_name(ST_ACHIEVED), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, status_name(ST_ON_TRACK), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 5, status_name(ST_AT_RISK), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 6, status_name(ST_OFF_TRACK), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 7, _("Share achieved or on track"), DC_HEAD | DC_CENTER, -1);
	for (r = 0; r < y->nrows; r++) {
		unsigned c[ST_COUNT], judged = yearly_sub_counts(y, r, c);

		doc_cell(d, tb, r + 1, 0, doc_printf(d, "%d", y->rows[r].no), DC_CENTER, -1);
		doc_cell(d, tb, r + 1, 1, indicator_name(&catalog[y->rows[r].ind], i18n_lang()), 0, -1);
		doc_cell(d, tb, r + 1, 2, doc_printf(d, "%u/%zu", judged, y->nsubs), DC_CENTER, -1);
		doc_cell(d, tb, r + 1, 3, doc_printf(d, "%u", c[ST_ACHIEVED]), DC_CENTER, -1);
		doc_cell(d, tb, r + 1, 4, doc_printf(d, "%u", c[ST_ON_TRACK]), DC_CENTER, -1);
		doc_cell(d, tb, r + 1, 5, doc_printf(d, "%u", c[ST_AT_RISK]), DC_CENTER, -1);
		doc_cell(d, tb, r + 1, 6, doc_printf(d, "%u", c[ST_OFF_TRACK]), DC_CENTER, -1);
		doc_cell(d, tb, r + 1, 7, rate_text(d, c[ST_ACHIEVED] + c[ST_ON_TRACK], judged), DC_CENTER, -1);
	}
	add_table(d, tb);
	doc_add(d, DB_NOTE, 0,
		_("Units judged: sub-units with a target and at least two years of data (or a baseline)."));
}

/* V: what the log says, and the Action Month. */
static void activities(const struct yearly *y, struct doc *d)
{
	doc_add(d, DB_HEADING, 1, _("V. COMMUNICATION, ACTIVITIES AND THE ACTION MONTH"));
	worklog_doc_activities(&y->work, d, "1. ", "2. ");
	doc_add(d, DB_HEADING, 2, _("3. The Action Month for gender equality and against gender-based violence"));
	/* a commune's month one activity a row, as its own report has it */
	worklog_doc_action_month(&y->work, d, y->work.commune);
}

/* --- the Action Month's report ----------------------------------------------- */

/* An area's communes: their themes, activities and people reached. */
static void action_month_subs(const struct yearly *y, struct doc *d)
{
	static const double w[5] = {0.26, 0.38, 0.12, 0.12, 0.12};
	const struct worklog *wl = &y->work;
	struct dtable *tb;
	size_t i;

	if (!wl->nsubs)
		return;
	tb = doc_table(d, 5, wl->nsubs + 1, 1, w);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Unit"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Theme"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Activities"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Women"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, _("Men"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < wl->nsubs; i++) {
		const struct wl_sub *x = &wl->subs[i];

		doc_cell(d, tb, i + 1, 0, y->s->tree.units[x->unit].name, 0, -1);
		doc_cell(d, tb, i + 1, 1, x->theme ? x->theme : "–", 0, -1);
		doc_cell(d, tb, i + 1, 2, doc_printf(d, "%u", x->sum.am_activities), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 3, doc_printf(d, "%lu", x->sum.am_women), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 4, doc_printf(d, "%lu", x->sum.am_men), DC_CENTER, -1);
	}
	add_table(d, tb);
}

/* The summary of the Action Month (15/11 - 15/12), laid out as the
 * yearly report: who organised it and on what theme, what was done and
 * whom it reached, proposals. */
static enum gemis_err action_month_doc(const struct yearly *y, struct doc *d)
{
	const struct worklog *w = &y->work;

	header_titled(y, d,
		      doc_printf(d, _("Results of the Action Month for gender equality and against gender-based violence in %d"),
				 y->year),
		      doc_printf(d, _("Report on the Action Month for gender equality and against gender-based violence in %d"),
				 y->year));
	doc_add(d, DB_HEADING, 1, _("I. ORGANISATION"));
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("The Action Month for gender equality and against gender-based violence runs from 15/11 to 15/12/%d. This report counts the activities the agencies logged as part of it."),
			   y->year));
	if (w->commune)
		doc_add(d, DB_PARA, 0,
			w->theme ? doc_printf(d, _("Theme: %s."), w->theme) : _("No theme was set for the campaign in gemis."));
	doc_add(d, DB_HEADING, 1, _("II. RESULTS"));
	worklog_doc_action_month(w, d, w->commune);
	action_month_subs(y, d);
	doc_add(d, DB_HEADING, 1, _("III. PROPOSALS"));
	doc_add(d, DB_PARA, 0, _("(To be completed by the reporting unit.)"));
	closing(y, d);
	return doc_failed(d) ? GEMIS_ENOMEM : GEMIS_OK;
}
/* The last section: what the officials wrote (a report up the chain), or
 * room for the proposals. */
static void assessment(const struct yearly *y, struct doc *d)
{
	bool any = false;
	size_t i;

	for (i = 0; i < CHAIN_SECTION_COUNT; i++)
		any = any || (y->o.narrative[i] && *y->o.narrative[i]);
	if (!any) {
		doc_add(d, DB_HEADING, 1, y->nsubs ? _("VIII. PROPOSALS") : _("VII. PROPOSALS"));
		doc_add(d, DB_PARA, 0, _("(To be completed by the reporting unit.)"));
		return;
	}
	doc_add(d, DB_HEADING, 1, y->nsubs ? _("VIII. ASSESSMENT AND PROPOSALS") : _("VII. ASSESSMENT AND PROPOSALS"));
	for (i = 0; i < CHAIN_SECTION_COUNT; i++) {
		const char *p = y->o.narrative[i] && *y->o.narrative[i] ? y->o.narrative[i] : "–";

		doc_add(d, DB_HEADING, 2, doc_printf(d, "%zu. %s", i + 1, _(chain_sections[i].name)));
		/* one paragraph a line, as typed */
		while (*p) {
			size_t n = strcspn(p, "\n");

			if (n > 0)
				doc_add(d, DB_PARA, 0, doc_printf(d, "%.*s", (int)n, p));
			p += n;
			if (*p == '\n')
				p++;
		}
	}
}

/* VI: what the plan orders of oversight, in numbered parts: inspection and
 * supervision, feedback and complaints, the gender check of drafts. */
static void oversight(const struct yearly *y, struct doc *d)
{
	doc_add(d, DB_HEADING, 1, _("VI. INSPECTION, COMPLAINTS AND THE GENDER CHECK OF DRAFTS"));
	doc_add(d, DB_HEADING, 2, _("1. Inspection, supervision and the follow-up of recommendations"));
	oversight_doc(y->insp, y->ninsp, &y->insp_sum, y->work.commune, d);
	doc_add(d, DB_HEADING, 2, _("2. Feedback, petitions, complaints and denunciations"));
	complaints_doc(&y->cmp_sum, d);
	doc_add(d, DB_HEADING, 2, _("3. The gender check of draft legal documents"));
	drafts_doc(&y->s->tree, y->drafts, y->ndrafts, &y->drafts_sum, y->work.commune, d);
}

enum gemis_err yearly_doc(const struct yearly *y, struct doc *d)
{
	if (y->o.action_month)
		return action_month_doc(y, d);
	header(y, d);
	intro(y, d);
	results(y, d);
	local_doc(&y->local, &y->s->tree.units[y->unit], y->year, d);
	off_track(y, d);
	reporting(y, d);
	tasks(y, d);
	worklog_doc_tasks(&y->work, &y->s->tree, d, "2. ");
	budget_doc(&y->budget, &y->work, (const unsigned(*)[ST_COUNT])y->goal_counts, d, "3. ");
	activities(y, d);
	oversight(y, d);
	subunits(y, d);
	assessment(y, d);
	closing(y, d);
	return doc_failed(d) ? GEMIS_ENOMEM : GEMIS_OK;
}
