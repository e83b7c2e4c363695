/*
 * reporting.c: the reporting-rate computation (pure) and its output.
 * The rules are in reporting.h.
 */
#include "reporting.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/date.h"
#include "core/deadline.h"
#include "core/workflow.h"
#include "progress.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

double rep_rate(unsigned part, unsigned whole)
{
	return whole ? (double)part * 100.0 / whole : NAN;
}

const char *form_state_id(enum form_state s)
{
	switch (s) {
	case FORM_ON_TIME: return "on_time";
	case FORM_LATE: return "late";
	case FORM_OVERDUE: return "overdue";
	case FORM_PENDING: return "pending";
	case FORM_IN: return "submitted";
	case FORM_UNDATED: return "undated";
	}
	return "?";
}

const char *form_state_name(enum form_state s)
{
	switch (s) {
	case FORM_ON_TIME: return _("submitted on time");
	case FORM_LATE: return _("submitted late");
	case FORM_OVERDUE: return _("not submitted");
	case FORM_PENDING: return _("not yet due");
	case FORM_IN: return _("submitted");
	case FORM_UNDATED: return _("not submitted, no date set");
	}
	return "?";
}

static void count(struct rep_counts *c, enum form_state s)
{
	c->expected++;
	switch (s) {
	case FORM_ON_TIME:
		c->submitted++;
		c->on_time++;
		break;
	case FORM_LATE:
		c->submitted++;
		c->late++;
		break;
	case FORM_OVERDUE:
		c->missing++;
		c->overdue++;
		break;
	case FORM_PENDING:
		c->missing++;
		c->pending++;
		break;
	case FORM_IN:
		c->submitted++;
		break;
	case FORM_UNDATED:
		c->missing++;
		c->undated++;
		break;
	}
}

/* Handed in: a state of wf_form that counts as sent (submitted, approved). */
static bool is_submitted(const char *status)
{
	return (wf_state_flags(&wf_form, wf_state_find(&wf_form, status)) & WF_SENT) != 0;
}

/* Submitted (or approved) by `now`. */
static bool in_by(const struct rep_sub *s, long long now)
{
	return is_submitted(s->status) && s->submitted_at <= now;
}

static int cmp_plan_unit(const void *a, const void *b)
{
	const struct plan_view *const *x = a, *const *y = b;

	return ((*x)->unit > (*y)->unit) - ((*x)->unit < (*y)->unit);
}

/* The plans in scope, in tree order, into plans[]; their count. */
static size_t plans_in_scope(const struct rep_input *in, const struct plan_view **plans)
{
	size_t i, np = 0;

	for (i = 0; i < in->nplans; i++) {
		if (in->plans[i].unit >= 0 && (size_t)in->plans[i].unit < in->t->n &&
		    tree_contains(in->t, in->scope, in->plans[i].unit))
			plans[np++] = &in->plans[i];
	}
	qsort(plans, np, sizeof(*plans), cmp_plan_unit);
	return np;
}

/* The form of agency k of unit u on file, or NULL. */
static const struct rep_sub *sub_of(const struct rep_input *in, int u, int k)
{
	size_t i;

	for (i = 0; i < in->nsubs; i++) {
		if (in->subs[i].unit == u && in->subs[i].agency == k)
			return &in->subs[i];
	}
	return NULL;
}

/* Form f of agency k owed under plan p (or NULL) with its submission s
 * (or NULL): its deadline and its state at in->now. */
static void judge_form(const struct rep_input *in, const struct plan_view *p, const struct rep_sub *s,
		       int k, struct rep_form *f)
{
	int dd, dm;

	f->nind = p ? (unsigned)plan_view_nduties(p, k) : 0;
	/* the deadline: of the plan a submitted form answered
	 * (owed still or kept), else of the plan in force;
	 * without one no date is invented */
	dd = p ? p->dl_day : 0;
	dm = p ? p->dl_month : 0;
	if (s && s->dl_known && in_by(s, in->now)) {
		dd = s->dl_day;
		dm = s->dl_month;
	}
	f->has_due = dd > 0 && dm > 0;
	if (f->has_due) {
		struct deadline dl = deadline_yearly(dd, dm);
		struct date due = deadline_due(&dl, period_year_code(in->year));

		f->due_year = due.y;
		f->due_month = due.m;
		f->due_day = due.d;
		f->due = vn_day_end(due);
	}
	f->status = s ? s->status : NULL;
	/* a form submitted after `now` was not in yet at `now` */
	if (s && is_submitted(s->status) && s->submitted_at <= in->now) {
		f->submitted_at = s->submitted_at;
		f->state = !f->has_due ? FORM_IN
			   : s->submitted_at < f->due ? FORM_ON_TIME : FORM_LATE;
	} else {
		f->state = !f->has_due ? FORM_UNDATED
			   : in->now >= f->due ? FORM_OVERDUE : FORM_PENDING;
	}
}

/* Unit u's forms (plan p, or NULL for forms kept from earlier plans) into
 * r->forms, counted in its row ru, by agency (agc) and in all. */
static void unit_forms(const struct rep_input *in, const struct plan_view *p, int u, struct rep_unit *ru,
		       struct rep_counts *agc, struct rep_result *r)
{
	size_t k;

	for (k = 0; k < agency_kind_count; k++) {
		struct rep_form *f;
		const struct rep_sub *s = sub_of(in, u, (int)k);
		bool owed = p && plan_view_owes(p, (int)k);

		/* a form submitted for the period counts whatever plan is
		 * in force now: it belongs to the period, not to the plan */
		if (!owed && !(s && in_by(s, in->now)))
			continue;
		f = &r->forms[r->nforms++];
		f->unit = u;
		f->agency = (int)k;
		f->in_plan = owed;
		judge_form(in, p, s, (int)k, f);
		count(&ru->c, f->state);
		count(&agc[k], f->state);
		count(&r->total, f->state);
	}
}

enum gemis_err reporting_compute(const struct rep_input *in, struct rep_result *r)
{
	const struct tree *t = in->t;
	const struct plan_view **plans = NULL;
	struct rep_counts agc[PV_MAX_AGENCIES];
	size_t i, k, np = 0, maxforms = 0, u;
	enum gemis_err err = GEMIS_ENOMEM;

	memset(r, 0, sizeof(*r));
	memset(agc, 0, sizeof(agc));
	r->leaves_reported = -1;
	r->scope = in->scope;
	r->year = in->year;
	plans = calloc(in->nplans + 1, sizeof(*plans));
	if (!plans)
		goto fail;
	np = plans_in_scope(in, plans);
	/* every agency of every plan, and forms kept from earlier plans */
	maxforms = np * agency_kind_count + in->nsubs;
	r->forms = calloc(maxforms + 1, sizeof(*r->forms));
	/* the units listed: every leaf in scope and every unit with a plan */
	r->units = calloc(t->n + 1, sizeof(*r->units));
	if (!r->forms || !r->units)
		goto fail;
	for (u = 0; u < t->n; u++) {
		const struct plan_view *p = NULL;
		struct rep_unit *ru;
		bool leaf = t->units[u].first_child < 0, kept = false;

		if (!tree_contains(t, in->scope, (int)u))
			continue;
		if (leaf)
			r->leaves++;
		for (i = 0; i < np; i++) {
			if (plans[i]->unit == (int)u) {
				p = plans[i];
				break;
			}
		}
		for (i = 0; i < in->nsubs; i++)
			kept |= in->subs[i].unit == (int)u && in_by(&in->subs[i], in->now);
		if (!p && !leaf && !kept)
			continue;
		ru = &r->units[r->nunits++];
		ru->unit = (int)u;
		ru->has_plan = p != NULL;
		if (!p && !kept)
			continue;
		r->units_with_plan += p != NULL;
		unit_forms(in, p, (int)u, ru, agc, r);
	}
	r->agencies = calloc(agency_kind_count + 1, sizeof(*r->agencies));
	if (!r->agencies)
		goto fail;
	for (k = 0; k < agency_kind_count; k++) {
		if (agc[k].expected == 0)
			continue;
		r->agencies[r->nagencies].agency = (int)k;
		r->agencies[r->nagencies].c = agc[k];
		r->nagencies++;
	}
	free(plans);
	return GEMIS_OK;
fail:
	free(plans);
	rep_result_release(r);
	return err;
}

void rep_result_release(struct rep_result *r)
{
	free(r->forms);
	free(r->units);
	free(r->agencies);
	memset(r, 0, sizeof(*r));
}

/* ---- output ---------------------------------------------------------- */

static enum gemis_err json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');

	buf_json_escape(b, s, strlen(s));
	buf_putc(b, '"');
	return buf_error(b);
}

static enum gemis_err json_rate(struct buf *b, double v)
{
	return isnan(v) ? buf_puts(b, "null") : buf_put_number(b, round(v * 10) / 10);
}

static enum gemis_err json_counts(struct buf *b, const struct rep_counts *c)
{
	buf_printf(b,
			 "\"expected\": %u, \"submitted\": %u, \"on_time\": %u, \"late\": %u,"
			 " \"missing\": %u, \"overdue\": %u, \"pending\": %u, \"undated\": %u,"
			 " \"reporting_rate\": ",
			 c->expected, c->submitted, c->on_time, c->late, c->missing, c->overdue,
			 c->pending, c->undated);
	json_rate(b, rep_rate(c->submitted, c->expected));
	buf_puts(b, ", \"on_time_rate\": ");
	json_rate(b, rep_rate(c->on_time, c->expected));
	return buf_error(b);
}

static const char *agency_name(int k)
{
	return i18n_lang() == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

enum gemis_err reporting_json(const struct tree *t, const struct rep_result *r, long long now,
			      struct buf *b)
{
	const struct unit *su = &t->units[r->scope];
	char day[11];
	size_t i;

	date_format_iso(vn_date(now), day);
	buf_puts(b, "{\"unit\": ");
	json_str(b, su->code);
	buf_puts(b, ", \"name\": ");
	json_str(b, su->short_name);
	buf_printf(b, ", \"year\": %d, \"as_of\": \"%s\",\n \"total\": {", r->year, day);
	json_counts(b, &r->total);
	buf_printf(b, "},\n \"units_with_plan\": %u, \"leaves\": %u,", r->units_with_plan, r->leaves);
	if (r->leaves_reported >= 0)
		buf_printf(b, " \"leaves_reported\": %d,", r->leaves_reported);
	buf_puts(b, "\n \"agencies\": [");
	for (i = 0; i < r->nagencies; i++) {
		const struct rep_agency *a = &r->agencies[i];

		buf_printf(b, "%s{\"agency\": \"%s\", \"name\": ", i ? ",\n  " : "\n  ",
			   agency_kinds[a->agency].id);
		json_str(b, agency_name(a->agency));
		buf_puts(b, ", ");
		json_counts(b, &a->c);
		buf_puts(b, "}");
	}
	buf_puts(b, "],\n \"units\": [");
	for (i = 0; i < r->nunits; i++) {
		const struct rep_unit *u = &r->units[i];

		buf_puts(b, i ? ",\n  {\"unit\": " : "\n  {\"unit\": ");
		json_str(b, t->units[u->unit].code);
		buf_puts(b, ", \"name\": ");
		json_str(b, t->units[u->unit].short_name);
		buf_printf(b, ", \"has_plan\": %s, ", u->has_plan ? "true" : "false");
		json_counts(b, &u->c);
		buf_puts(b, "}");
	}
	buf_puts(b, "],\n \"forms\": [");
	for (i = 0; i < r->nforms; i++) {
		const struct rep_form *f = &r->forms[i];

		buf_puts(b, i ? ",\n  {\"unit\": " : "\n  {\"unit\": ");
		json_str(b, t->units[f->unit].code);
		buf_printf(b, ", \"agency\": \"%s\", \"indicators\": %u, \"in_plan\": %s, \"due\": ",
				  agency_kinds[f->agency].id, f->nind, f->in_plan ? "true" : "false");
		if (f->has_due)
			buf_printf(b, "\"%04d-%02d-%02d\"", f->due_year, f->due_month, f->due_day);
		else
			buf_puts(b, "null");
		buf_printf(b, ", \"state\": \"%s\", \"status\": ", form_state_id(f->state));
		if (f->status)
			json_str(b, f->status);
		else
			buf_puts(b, "null");
		buf_puts(b, ", \"submitted\": ");
		if (f->submitted_at) {
			date_format_iso(vn_date(f->submitted_at), day);
			buf_printf(b, "\"%s\"", day);
		} else {
			buf_puts(b, "null");
		}
		buf_puts(b, "}");
	}
	buf_puts(b, "]}\n");
	return buf_error(b);
}

static void rate_text(char *out, size_t n, double v)
{
	format_number(out, n, v, 1);
	if (!isnan(v) && strlen(out) + 2 < n)
		memcpy(out + strlen(out), "%", 2);
}

static enum gemis_err counts_row(struct buf *b, const char *name, const struct rep_counts *c)
{
	char num[7][16];

	snprintf(num[0], sizeof(num[0]), "%u", c->expected);
	snprintf(num[1], sizeof(num[1]), "%u", c->submitted);
	snprintf(num[2], sizeof(num[2]), "%u", c->on_time);
	snprintf(num[3], sizeof(num[3]), "%u", c->late);
	snprintf(num[4], sizeof(num[4]), "%u", c->missing);
	rate_text(num[5], sizeof(num[5]), rep_rate(c->submitted, c->expected));
	rate_text(num[6], sizeof(num[6]), rep_rate(c->on_time, c->expected));
	buf_puts(b, "  ");
	text_cell(b, name, 34, false);
	buf_putc(b, ' ');
	text_cell(b, num[0], 10, true);
	buf_putc(b, ' ');
	text_cell(b, num[1], 10, true);
	buf_putc(b, ' ');
	text_cell(b, num[2], 10, true);
	buf_putc(b, ' ');
	text_cell(b, num[3], 10, true);
	buf_putc(b, ' ');
	text_cell(b, num[4], 10, true);
	buf_putc(b, ' ');
	text_cell(b, num[5], 14, true);
	buf_putc(b, ' ');
	text_cell(b, num[6], 14, true);
	buf_putc(b, '\n');
	return buf_error(b);
}

static enum gemis_err counts_head(struct buf *b, const char *first)
{

	buf_puts(b, "  ");
	text_cell(b, first, 34, false);
	buf_putc(b, ' ');
	text_cell(b, _("Forms expected"), 10, true);
	buf_putc(b, ' ');
	text_cell(b, _("Forms in"), 10, true);
	buf_putc(b, ' ');
	text_cell(b, _("Forms on time"), 10, true);
	buf_putc(b, ' ');
	text_cell(b, _("Forms late"), 10, true);
	buf_putc(b, ' ');
	text_cell(b, _("Forms missing"), 10, true);
	buf_putc(b, ' ');
	text_cell(b, _("Share in"), 14, true);
	buf_putc(b, ' ');
	text_cell(b, _("Share on time"), 14, true);
	while (b->len && b->p[b->len - 1] == ' ')
		buf_truncate(b, b->len - 1);
	buf_putc(b, '\n');
	return buf_error(b);
}

enum gemis_err reporting_text(const struct tree *t, const struct rep_result *r, long long now,
			      struct buf *b)
{
	const struct unit *su = &t->units[r->scope];
	char day[11], rate[16], rate2[16];
	size_t i;

	date_format_iso(vn_date(now), day);
	buf_printf(b, _("Reporting by the agencies of %s (%s) for %d, as of %s"), su->name,
		   su->code, r->year, day);
	buf_putc(b, '\n');
	if (r->leaves_reported >= 0 && su->first_child >= 0) {
		buf_printf(b, _("%d of %d communes and wards have reported."), r->leaves_reported, (int)r->leaves);
		buf_putc(b, '\n');
	}
	if (r->total.expected == 0) {
		buf_puts(b, r->units_with_plan
					   ? _("The plans in force give no agency duties: no report is due.")
					   : _("No plan in force: gemis cannot tell which forms are due."));
		buf_putc(b, '\n');
		return buf_error(b);
	}
	rate_text(rate, sizeof(rate), rep_rate(r->total.submitted, r->total.expected));
	rate_text(rate2, sizeof(rate2), rep_rate(r->total.on_time, r->total.expected));
	buf_printf(b, _("%u of %u forms submitted (%s), %u on time (%s), %u late, %u missing"),
		   r->total.submitted, r->total.expected, rate, r->total.on_time, rate2,
		   r->total.late, r->total.missing);
	if (r->total.pending)
		buf_printf(b, _(" (%u not yet due)"), r->total.pending);
	if (r->total.undated)
		buf_printf(b, _(" (%u with no date set)"), r->total.undated);
	buf_puts(b, ".\n");
	if (su->first_child >= 0) {
		buf_printf(b, _("%u of %u communes and wards have a plan in force."),
			   r->units_with_plan, r->leaves);
		buf_puts(b, "\n\n");
		counts_head(b, _("Commune or ward"));
		for (i = 0; i < r->nunits; i++) {
			if (r->units[i].has_plan)
				counts_row(b, t->units[r->units[i].unit].name, &r->units[i].c);
		}
	}
	buf_putc(b, '\n');
	counts_head(b, _("Agency or office"));
	for (i = 0; i < r->nagencies; i++)
		counts_row(b, agency_name(r->agencies[i].agency), &r->agencies[i].c);
	if (su->first_child < 0) {
		buf_putc(b, '\n');
		buf_puts(b, "  ");
		text_cell(b, _("Agency or office"), 34, false);
		text_cell(b, _("Indicators tied"), 15, true);
		buf_puts(b, "  ");
		text_cell(b, _("Due date"), 16, false);
		text_cell(b, _("Form state"), 22, false);
		buf_puts(b, _("Forms in"));
		buf_putc(b, '\n');
		for (i = 0; i < r->nforms; i++) {
			const struct rep_form *f = &r->forms[i];
			char n[16], due[48], sub[16];

			snprintf(n, sizeof(n), "%u", f->nind);
			if (f->has_due)
				snprintf(due, sizeof(due), "%02d/%02d/%04d", f->due_day, f->due_month,
					 f->due_year % 10000);
			else
				snprintf(due, sizeof(due), "%s", _("no date set"));
			if (f->submitted_at) {
				date_format_iso(vn_date(f->submitted_at), day);
				snprintf(sub, sizeof(sub), "%.2s/%.2s/%.4s", day + 8, day + 5, day);
			} else {
				snprintf(sub, sizeof(sub), "–");
			}
			buf_puts(b, "  ");
			text_cell(b, agency_name(f->agency), 34, false);
			text_cell(b, n, 15, true);
			buf_puts(b, "  ");
			text_cell(b, due, 16, false);
			text_cell(b, form_state_name(f->state), 22, false);
			buf_puts(b, sub);
			if (!f->in_plan)
				buf_printf(b, "  %s", _("(not in the plan in force; kept for the period)"));
			buf_putc(b, '\n');
		}
		if (r->nforms && !r->forms[0].has_due)
			buf_printf(b, "%s\n", _("The plan sets no reporting deadline: no report is late until one is set."));
	}
	return buf_error(b);
}
