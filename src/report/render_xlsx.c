/*
 * render_xlsx.c: the yearly report as a workbook (libxlsxwriter), for
 * officers who work on in Excel:
 *   Summary    the unit, the counts of indicators by goal and status and a
 *              native stacked bar chart of them;
 *   one sheet per goal with a row per indicator: target, value, value by
 *              sex, numerator and denominator, status, progress ratio and the
 *              reason given, every figure a number (empty when missing);
 *   Own targets (a unit whose plans set targets outside the catalog) its
 *              local indicators: target, the year's value, status;
 *   Reporting  forms due, submitted, on time, late, missing and the rates,
 *              per agency (and per commune for a unit with sub-units), and
 *              each form of a commune;
 *   Sub-units  (units with sub-units) each sub-unit's status per indicator,
 *   Shares     and the share of sub-units achieved or on track.
 * Words, never codes, in the sheets' language (the target's direction, the
 * unit that set it, a form's status); totals are formulas over the cells
 * they add up, with the value cached, so that a corrected cell corrects
 * its total in Excel or LibreOffice.
 * The file has no timestamp of its own: its creation date is
 * $SOURCE_DATE_EPOCH, else 1 January of the report's year, so that the
 * same data gives the same file.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "local_doc.h"
#include "progress.h"
#include "store/submissions.h"
#include "util/i18n.h"
#include "yearly.h"
#include "core/date.h"
#include "core/suppress.h"

#include "util/banned.h"

struct xfmt {
	lxw_format *title, *bold, *head, *text, *wrap, *num, *num2, *pct, *status[ST_COUNT], *note;
};

static lxw_format *bordered(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_font_name(f, DOC_FONT);
	format_set_font_size(f, 11);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	return f;
}

static void formats(lxw_workbook *wb, struct xfmt *x)
{
	int s;

	x->title = workbook_add_format(wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	format_set_font_name(x->title, DOC_FONT);
	x->bold = workbook_add_format(wb);
	format_set_bold(x->bold);
	format_set_font_name(x->bold, DOC_FONT);
	x->note = workbook_add_format(wb);
	format_set_italic(x->note);
	format_set_font_name(x->note, DOC_FONT);
	x->head = bordered(wb);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xE8E8E8);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_CENTER);
	x->text = bordered(wb);
	x->wrap = bordered(wb);
	format_set_text_wrap(x->wrap);
	x->num = bordered(wb);
	format_set_num_format(x->num, "#,##0");
	x->num2 = bordered(wb);
	format_set_num_format(x->num2, "#,##0.00");
	x->pct = bordered(wb);
	format_set_num_format(x->pct, "0.0");
	for (s = 0; s < ST_COUNT; s++) {
		x->status[s] = bordered(wb);
		format_set_align(x->status[s], LXW_ALIGN_CENTER);
		if (s != ST_NO_TARGET)
			format_set_bg_color(x->status[s], status_rgb((enum status)s));
		if (s == ST_ACHIEVED || s == ST_OFF_TRACK)
			format_set_font_color(x->status[s], LXW_COLOR_WHITE);
	}
}

/* Printed on A4, landscape, one page wide. */
static void page_setup(lxw_worksheet *ws)
{
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
}

static void num_or_blank(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
	if (isnan(v))
		worksheet_write_blank(ws, r, c, f);
	else
		worksheet_write_number(ws, r, c, round(v * 1e10) / 1e10, f);
}

/* =SUM(first:last) of one row's or one column's cells, value cached. */
static void sum_formula(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, lxw_row_t r0, lxw_col_t c0,
			lxw_row_t r1, lxw_col_t c1, double value, lxw_format *f)
{
	char range[64], formula[80];

	lxw_rowcol_to_range(range, r0, c0, r1, c1);
	snprintf(formula, sizeof(formula), "=SUM(%s)", range);
	worksheet_write_formula_num(ws, r, c, formula, f, value);
}

static const char *direction_word(enum direction d)
{
	switch (d) {
	case DIR_AT_LEAST: return _("at least");
	case DIR_AT_MOST: return _("at most");
	case DIR_ACHIEVE: return _("achieve");
	}
	return "";
}

static const char *agency_name(int k)
{
	return i18n_lang() == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

static const char *goal_sheet(enum goal g, char *out, size_t n)
{
	static const char *const names[GOAL_COUNT] = {
		N_("Politics"), N_("Economy"), N_("Family"), N_("Health"), N_("Education"), N_("Communication"),
	};

	snprintf(out, n, "%d. %s", (int)g + 1, _(names[g]));
	return out;
}

static void head_row(lxw_worksheet *ws, lxw_row_t r, const char *const *heads, size_t n,
		     const struct xfmt *x)
{
	size_t i;

	for (i = 0; i < n; i++)
		worksheet_write_string(ws, r, (lxw_col_t)i, _(heads[i]), x->head);
}

static void summary(lxw_workbook *wb, const struct yearly *y, const struct xfmt *x, const char *name)
{
	const struct unit *u = &y->s->tree.units[y->unit];
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	page_setup(ws);
	lxw_chart *ch;
	char title[256], sheet[64];
	int g, k;
	unsigned total = 0;
	lxw_row_t r0 = 6;

	snprintf(title, sizeof(title), _("Report on the results of gender equality work in %d"), y->year);
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 1, 7, 13, NULL);
	worksheet_write_string(ws, 0, 0, title, x->title);
	snprintf(title, sizeof(title), "%s (%s)", u->name, u->code);
	worksheet_write_string(ws, 1, 0, title, x->bold);
	if (y->demo)
		worksheet_write_string(ws, 2, 0,
				       _("DEMO DATA: the numbers in this report are invented for trying gemis out; it is not a real report."),
				       x->note);
	worksheet_write_string(ws, 4, 0, _("Indicators by goal and assessment"), x->bold);
	worksheet_write_string(ws, r0 - 1, 0, _("Goal of the strategy"), x->head);
	for (k = 0; k < CHART_STATUSES; k++)
		worksheet_write_string(ws, r0 - 1, (lxw_col_t)(k + 1), status_name(chart_status[k]), x->head);
	worksheet_write_string(ws, r0 - 1, CHART_STATUSES + 1, _("Total count"), x->head);
	for (g = 0; g < GOAL_COUNT; g++) {
		unsigned sum = 0;

		worksheet_write_string(ws, r0 + (lxw_row_t)g, 0, goal_sheet((enum goal)g, sheet, sizeof(sheet)), x->text);
		for (k = 0; k < CHART_STATUSES; k++) {
			sum += y->goal_counts[g][chart_status[k]];
			worksheet_write_number(ws, r0 + (lxw_row_t)g, (lxw_col_t)(k + 1),
					       y->goal_counts[g][chart_status[k]], x->num);
		}
		sum_formula(ws, r0 + (lxw_row_t)g, CHART_STATUSES + 1, r0 + (lxw_row_t)g, 1, r0 + (lxw_row_t)g,
			    CHART_STATUSES, sum, x->num);
		total += sum;
	}
	worksheet_write_string(ws, r0 + GOAL_COUNT, 0, _("Total count"), x->head);
	for (k = 0; k < CHART_STATUSES + 1; k++) {
		unsigned sum = 0;

		for (g = 0; g < GOAL_COUNT; g++)
			sum += k < CHART_STATUSES ? y->goal_counts[g][chart_status[k]] : 0;
		sum_formula(ws, r0 + GOAL_COUNT, (lxw_col_t)(k + 1), r0, (lxw_col_t)(k + 1), r0 + GOAL_COUNT - 1,
			    (lxw_col_t)(k + 1), k < CHART_STATUSES ? sum : total, x->num);
	}
	worksheet_write_string(ws, r0 + GOAL_COUNT + 1, 0,
			       _("Indicators without a target are not counted."), x->note);

	ch = workbook_add_chart(wb, LXW_CHART_BAR_STACKED);
	for (k = 0; k < CHART_STATUSES; k++) {
		lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
		lxw_chart_fill fill = {0};

		chart_series_set_categories(s, name, r0, 0, r0 + GOAL_COUNT - 1, 0);
		chart_series_set_values(s, name, r0, (lxw_col_t)(k + 1), r0 + GOAL_COUNT - 1, (lxw_col_t)(k + 1));
		chart_series_set_name_range(s, name, r0 - 1, (lxw_col_t)(k + 1));
		fill.color = status_rgb(chart_status[k]);
		chart_series_set_fill(s, &fill);
	}
	snprintf(title, sizeof(title), _("Chart 1. Indicators by goal and assessment, %d"), y->year);
	chart_title_set_name(ch, title);
	chart_axis_set_name(ch->x_axis, _("indicators"));
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_set_series_gap(ch, 40);
	{
		lxw_chart_options co = {0};

		co.x_scale = 1.6;
		co.y_scale = 1.4;
		worksheet_insert_chart_opt(ws, r0 + GOAL_COUNT + 3, 0, ch, &co);
	}
}

static void goal_sheets(lxw_workbook *wb, const struct yearly *y, const struct xfmt *x)
{
	static const char *const heads[] = {
		N_("Row No."), N_("Indicator"), N_("Unit of measure"), N_("Target direction"), N_("Target"), N_("Target year"),
		N_("Target set by"), N_("Value"), N_("Value for women"), N_("Value for men"), N_("Numerator"), N_("Denominator"),
		N_("Latest year with data"), N_("Progress ratio"), N_("Assessment"), N_("Reason given"),
	};
	const size_t nh = sizeof(heads) / sizeof(heads[0]);
	int g;

	for (g = 0; g < GOAL_COUNT; g++) {
		char sheet[64];
		lxw_worksheet *ws = workbook_add_worksheet(wb, goal_sheet((enum goal)g, sheet, sizeof(sheet)));
		page_setup(ws);
		lxw_row_t row = 2;
		size_t r, i;

		worksheet_write_string(ws, 0, 0, goal_name((enum goal)g, i18n_lang()), x->title);
		worksheet_set_column(ws, 0, 0, 5, NULL);
		worksheet_set_column(ws, 1, 1, 50, NULL);
		worksheet_set_column(ws, 2, 13, 11, NULL);
		worksheet_set_column(ws, 14, 14, 18, NULL);
		worksheet_set_column(ws, 15, 15, 50, NULL);
		head_row(ws, 1, heads, nh, x);
		worksheet_freeze_panes(ws, 2, 2);
		for (r = 0; r < y->nrows; r++) {
			const struct yr_row *z = &y->rows[r];
			const struct indicator *ind = &catalog[z->ind];
			const struct target *t = z->t;
			struct buf why;
			int setter;

			if (ind->goal != (enum goal)g)
				continue;
			/* names take two lines; spreadsheets do not all fit rows */
			worksheet_set_row(ws, row, 32, NULL);
			worksheet_write_number(ws, row, 0, z->no, x->num);
			worksheet_write_string(ws, row, 1, indicator_name(ind, i18n_lang()), x->wrap);
			worksheet_write_string(ws, row, 2, measure_name(ind->unit), x->text);
			worksheet_write_string(ws, row, 3, t ? direction_word(t->dir) : "", x->text);
			num_or_blank(ws, row, 4, t && t->has_value ? t->value : NAN, x->num2);
			num_or_blank(ws, row, 5, t ? t->year : NAN, x->text);
			/* the plan's unit by name; the national strategy's targets
			 * are the nation's */
			setter = t ? (t->origin >= 0 ? t->origin : tree_find(&y->s->tree, "VN")) : -1;
			worksheet_write_string(ws, row, 6, setter >= 0 ? y->s->tree.units[setter].name : "",
					       x->text);
			if (z->hidden)
				worksheet_write_string(ws, row, 7, z->hidden == SUPP_PRIMARY ? "<5" : "x", x->text);
			else
				num_or_blank(ws, row, 7, z->value, x->num2);
			num_or_blank(ws, row, 8, z->f, x->num2);
			num_or_blank(ws, row, 9, z->m, x->num2);
			num_or_blank(ws, row, 10, z->num, x->num);
			num_or_blank(ws, row, 11, z->den, x->num);
			num_or_blank(ws, row, 12, z->a.latest_year ? z->a.latest_year : NAN, x->text);
			num_or_blank(ws, row, 13, isnan(z->a.ratio) ? NAN : round(z->a.ratio * 1000) / 1000, x->num2);
			worksheet_write_string(ws, row, 14,
					       z->hidden ? _("hidden: few cases") : status_name(z->a.status),
					       x->status[z->a.status]);
			buf_init(&why, 1 << 16);
			for (i = 0; i < y->ncomments; i++) {
				const struct yr_comment *c = &y->comments[i];

				if (c->ind != z->ind)
					continue;
				if (why.len)
					buf_puts(&why, "\n");
				if (c->unit != y->unit)
					buf_printf(&why, "%s: ", y->s->tree.units[c->unit].name);
				buf_puts(&why, c->text);
			}
			worksheet_write_string(ws, row, 15, buf_str(&why), x->wrap);
			buf_release(&why);
			row++;
		}
	}
}

/* The unit's own targets (local_doc.h), when it has any to show. */
static void local_sheet(lxw_workbook *wb, const struct yearly *y, const struct xfmt *x)
{
	static const char *const heads[] = {
		N_("Symbol"), N_("Target of the plan"), N_("Unit of measure"), N_("Agency responsible"),
		N_("Target direction"), N_("Target"), N_("Target year"), N_("Value"), N_("Assessment"),
	};
	lxw_worksheet *ws;
	lxw_row_t row = 2;
	size_t i;

	if (!local_doc_count(&y->local, y->year))
		return;
	ws = workbook_add_worksheet(wb, _("Own targets"));
	page_setup(ws);
	worksheet_write_string(ws, 0, 0, local_doc_title(&y->s->tree.units[y->unit]), x->title);
	worksheet_set_column(ws, 0, 0, 7, NULL);
	worksheet_set_column(ws, 1, 1, 50, NULL);
	worksheet_set_column(ws, 2, 7, 13, NULL);
	worksheet_set_column(ws, 3, 3, 28, NULL);
	worksheet_set_column(ws, 8, 8, 18, NULL);
	head_row(ws, 1, heads, sizeof(heads) / sizeof(heads[0]), x);
	for (i = 0; i < y->local.n; i++) {
		const struct local_indicator *z = &y->local.v[i];
		const struct local_value *v = local_value_of(z, y->year);
		struct local_cells c;

		if (!local_doc_shown(z, y->year))
			continue;
		local_doc_cells(z, y->year, &c);
		worksheet_set_row(ws, row, 32, NULL);
		worksheet_write_string(ws, row, 0, c.label, x->text);
		worksheet_write_string(ws, row, 1, c.name, x->wrap);
		worksheet_write_string(ws, row, 2, measure_name(z->unit), x->text);
		worksheet_write_string(ws, row, 3, c.agency, x->text);
		worksheet_write_string(ws, row, 4, z->target.has_value ? direction_word(z->target.dir) : "", x->text);
		num_or_blank(ws, row, 5, z->target.has_value ? z->target.value : NAN, x->num2);
		num_or_blank(ws, row, 6, z->target.has_value ? z->target.year : NAN, x->num);
		num_or_blank(ws, row, 7, v ? v->value : NAN, x->num2);
		worksheet_write_string(ws, row, 8, c.status, x->status[c.st]);
		row++;
	}
}

static void counts_row(lxw_worksheet *ws, lxw_row_t row, const char *code, const char *name,
		       const struct rep_counts *c, const struct xfmt *x)
{
	double r1 = rep_rate(c->submitted, c->expected), r2 = rep_rate(c->on_time, c->expected);

	worksheet_write_string(ws, row, 0, code, x->text);
	worksheet_write_string(ws, row, 1, name, x->text);
	worksheet_write_number(ws, row, 2, c->expected, x->num);
	worksheet_write_number(ws, row, 3, c->submitted, x->num);
	worksheet_write_number(ws, row, 4, c->on_time, x->num);
	worksheet_write_number(ws, row, 5, c->late, x->num);
	worksheet_write_number(ws, row, 6, c->missing, x->num);
	worksheet_write_number(ws, row, 7, c->overdue, x->num);
	num_or_blank(ws, row, 8, r1, x->pct);
	num_or_blank(ws, row, 9, r2, x->pct);
}

static void reporting_sheet(lxw_workbook *wb, const struct yearly *y, const struct xfmt *x)
{
	static const char *const heads[] = {
		N_("Official code"), N_("Unit or agency name"), N_("Forms expected"), N_("Forms in"), N_("Forms on time"), N_("Forms late"), N_("Forms missing"),
		N_("Forms overdue"), N_("Reporting rate (%)"), N_("On-time rate (%)"),
	};
	static const char *const fheads[] = {
		N_("Commune or ward"), N_("Agency or office"), N_("Indicators tied"), N_("Due date"), N_("Form state"), N_("Workflow status"),
		N_("Submitted on"),
	};
	const struct tree *t = &y->s->tree;
	const struct rep_result *r = &y->rep;
	lxw_worksheet *ws = workbook_add_worksheet(wb, _("Reporting sheet"));
	page_setup(ws);
	lxw_row_t row = 2;
	size_t i;

	worksheet_set_column(ws, 0, 0, 10, NULL);
	worksheet_set_column(ws, 1, 1, 40, NULL);
	worksheet_set_column(ws, 2, 9, 12, NULL);
	worksheet_write_string(ws, 0, 0, _("Reporting by the agencies"), x->title);
	head_row(ws, 1, heads, 10, x);
	counts_row(ws, row++, t->units[y->unit].code, _("Total count"), &r->total, x);
	for (i = 0; i < r->nagencies; i++)
		counts_row(ws, row++, agency_kinds[r->agencies[i].agency].id, agency_name(r->agencies[i].agency),
			   &r->agencies[i].c, x);
	/* the total row adds up the agencies' rows below it */
	if (r->nagencies) {
		const unsigned tot[6] = {r->total.expected, r->total.submitted, r->total.on_time,
					 r->total.late,     r->total.missing,   r->total.overdue};
		lxw_col_t c;

		for (c = 2; c < 8; c++)
			sum_formula(ws, 2, c, 3, c, row - 1, c, tot[c - 2], x->num);
	}
	if (y->nsubs) {
		row++;
		worksheet_write_string(ws, row++, 0, _("By commune or ward"), x->bold);
		head_row(ws, row++, heads, 10, x);
		for (i = 0; i < r->nunits; i++) {
			if (r->units[i].has_plan)
				counts_row(ws, row++, t->units[r->units[i].unit].code,
					   t->units[r->units[i].unit].name, &r->units[i].c, x);
		}
	}
	row++;
	worksheet_write_string(ws, row++, 0, _("Forms due"), x->bold);
	head_row(ws, row++, fheads, 7, x);
	for (i = 0; i < r->nforms; i++) {
		const struct rep_form *f = &r->forms[i];
		char due[48], sub[11];

		if (f->has_due)
			snprintf(due, sizeof(due), "%04d-%02d-%02d", f->due_year % 10000, f->due_month,
				 f->due_day);
		else
			snprintf(due, sizeof(due), "%s", _("no date set"));
		worksheet_write_string(ws, row, 0, t->units[f->unit].code, x->text);
		worksheet_write_string(ws, row, 1, agency_name(f->agency), x->text);
		worksheet_write_number(ws, row, 2, f->nind, x->num);
		worksheet_write_string(ws, row, 3, due, x->text);
		worksheet_write_string(ws, row, 4, form_state_name(f->state), x->text);
		worksheet_write_string(ws, row, 5,
				       f->status && sub_status_parse(f->status) >= 0
					       ? sub_status_name((enum sub_status)sub_status_parse(f->status))
					       : "",
				       x->text);
		if (f->submitted_at) {
			date_format_iso(vn_date(f->submitted_at), sub);
			worksheet_write_string(ws, row, 6, sub, x->text);
		} else {
			worksheet_write_blank(ws, row, 6, x->text);
		}
		row++;
	}
}

static void subunit_sheets(lxw_workbook *wb, const struct yearly *y, const struct xfmt *x)
{
	const struct tree *t = &y->s->tree;
	lxw_worksheet *ws;
	size_t i, r;
	static const char *const heads[] = {
		N_("Row No."), N_("Indicator"), N_("Units judged"), N_("Sub-units achieved"), N_("Sub-units on track"), N_("Sub-units at risk"),
		N_("Sub-units off track"), N_("Sub-units without data"), N_("Share achieved or on track (%)"),
	};

	if (!y->nsubs || !y->nrows)
		return;
	ws = workbook_add_worksheet(wb, _("Sub-units"));
	page_setup(ws);
	worksheet_set_column(ws, 0, 0, 8, NULL);
	worksheet_set_column(ws, 1, 1, 28, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(y->nrows + 1), 5, NULL);
	worksheet_write_string(ws, 0, 0, _("Assessment by unit and indicator (columns: indicator numbers)"), x->title);
	worksheet_write_string(ws, 1, 0, _("Official code"), x->head);
	worksheet_write_string(ws, 1, 1, _("Sub-unit"), x->head);
	for (r = 0; r < y->nrows; r++)
		worksheet_write_number(ws, 1, (lxw_col_t)(r + 2), y->rows[r].no, x->head);
	worksheet_freeze_panes(ws, 2, 2);
	for (i = 0; i < y->nsubs; i++) {
		worksheet_write_string(ws, (lxw_row_t)(i + 2), 0, t->units[y->subs[i]].code, x->text);
		worksheet_write_string(ws, (lxw_row_t)(i + 2), 1, t->units[y->subs[i]].name, x->text);
		for (r = 0; r < y->nrows; r++) {
			enum status st = (enum status)y->substatus[i * y->nrows + r];

			worksheet_write_string(ws, (lxw_row_t)(i + 2), (lxw_col_t)(r + 2), status_short(st),
					       x->status[st]);
		}
	}

	ws = workbook_add_worksheet(wb, _("Shares"));
	page_setup(ws);
	worksheet_set_column(ws, 0, 0, 5, NULL);
	worksheet_set_column(ws, 1, 1, 50, NULL);
	worksheet_set_column(ws, 2, 8, 12, NULL);
	worksheet_write_string(ws, 0, 0, _("Share of sub-units achieved or on track, by indicator"), x->title);
	head_row(ws, 1, heads, 9, x);
	for (r = 0; r < y->nrows; r++) {
		unsigned c[ST_COUNT], judged = yearly_sub_counts(y, r, c);
		lxw_row_t row = (lxw_row_t)(r + 2);

		worksheet_set_row(ws, row, 32, NULL);
		worksheet_write_number(ws, row, 0, y->rows[r].no, x->num);
		worksheet_write_string(ws, row, 1, indicator_name(&catalog[y->rows[r].ind], i18n_lang()), x->wrap);
		worksheet_write_number(ws, row, 2, judged, x->num);
		worksheet_write_number(ws, row, 3, c[ST_ACHIEVED], x->num);
		worksheet_write_number(ws, row, 4, c[ST_ON_TRACK], x->num);
		worksheet_write_number(ws, row, 5, c[ST_AT_RISK], x->num);
		worksheet_write_number(ws, row, 6, c[ST_OFF_TRACK], x->num);
		worksheet_write_number(ws, row, 7, c[ST_NO_DATA], x->num);
		num_or_blank(ws, row, 8, rep_rate(c[ST_ACHIEVED] + c[ST_ON_TRACK], judged), x->pct);
	}
	worksheet_write_string(ws, (lxw_row_t)(y->nrows + 3), 0,
			       _("Units judged: sub-units with a target and at least two years of data (or a baseline)."),
			       x->note);
}

/* --- tasks and activities ------------------------------------------------------ */

static lxw_row_t work_tasks(lxw_worksheet *ws, const struct yearly *y, const struct xfmt *x, lxw_row_t row)
{
	static const char *const heads[5] = {N_("No."), N_("Task"), N_("Lead"), N_("Result"),
					     N_("What was done, or why not")};
	const struct worklog *w = &y->work;
	size_t i;

	head_row(ws, row++, heads, 5, x);
	for (i = 0; i < w->ntasks; i++, row++) {
		const struct wl_task *k = &w->tasks[i];
		const char *what = k->status == TS_NOT_DONE && k->reason ? k->reason : k->note;
		struct buf leads;

		buf_init(&leads, 8192);
		worklog_leads(k->leads, &leads);
		worksheet_write_string(ws, row, 0, k->label, x->text);
		worksheet_write_string(ws, row, 1, k->title, x->wrap);
		worksheet_write_string(ws, row, 2, buf_str(&leads), x->wrap);
		worksheet_write_string(ws, row, 3, task_status_name(k->status), k->overdue ? x->status[ST_OFF_TRACK] : x->text);
		worksheet_write_string(ws, row, 4, what ? what : "", x->wrap);
		buf_release(&leads);
	}
	return row + 1;
}

static lxw_row_t work_subs(lxw_worksheet *ws, const struct yearly *y, const struct xfmt *x, lxw_row_t row)
{
	static const char *const heads[12] = {N_("Code"), N_("Unit"), N_("Tasks"), N_("done"), N_("Share done"),
					      N_("in progress"), N_("could not be done"), N_("overdue"),
					      N_("Q1 met"), N_("Q2 met"), N_("Q3 met"), N_("Q4 met")};
	const struct worklog *w = &y->work;
	size_t i;
	int q;

	head_row(ws, row++, heads, 12, x);
	for (i = 0; i < w->nsubs; i++, row++) {
		const struct wl_sum *s = &w->subs[i].sum;

		worksheet_write_string(ws, row, 0, y->s->tree.units[w->subs[i].unit].code, x->text);
		worksheet_write_string(ws, row, 1, y->s->tree.units[w->subs[i].unit].name, x->text);
		worksheet_write_number(ws, row, 2, s->tasks, x->num);
		worksheet_write_number(ws, row, 3, s->by_status[TS_DONE], x->num);
		num_or_blank(ws, row, 4, s->tasks ? (double)s->by_status[TS_DONE] / s->tasks : NAN, x->pct);
		worksheet_write_number(ws, row, 5, s->by_status[TS_IN_PROGRESS], x->num);
		worksheet_write_number(ws, row, 6, s->by_status[TS_NOT_DONE], x->num);
		worksheet_write_number(ws, row, 7, s->overdue, x->num);
		/* communes that met the quota of those that logged the quarter */
		for (q = 0; q < 4; q++) {
			char t[32];

			snprintf(t, sizeof(t), "%u/%u", s->q_met[q], s->q_logged[q]);
			worksheet_write_string(ws, row, (lxw_col_t)(8 + q), s->q_logged[q] ? t : "–", x->text);
		}
	}
	return row + 1;
}

static lxw_row_t work_kinds(lxw_worksheet *ws, const struct wl_sum *s, const struct xfmt *x, lxw_row_t row)
{
	int k, c;

	worksheet_write_string(ws, row, 0, _("Kind \\ channel"), x->head);
	for (c = 0; c < AC_COUNT; c++)
		worksheet_write_string(ws, row, (lxw_col_t)(c + 1), act_channel_name((enum act_channel)c), x->head);
	worksheet_write_string(ws, row, AC_COUNT + 1, _("Total"), x->head);
	row++;
	for (k = 0; k < AK_COUNT; k++, row++) {
		unsigned tot = 0;

		worksheet_write_string(ws, row, 0, act_kind_name((enum act_kind)k), x->text);
		for (c = 0; c < AC_COUNT; c++) {
			worksheet_write_number(ws, row, (lxw_col_t)(c + 1), s->kinds[k][c], x->num);
			tot += s->kinds[k][c];
		}
		worksheet_write_number(ws, row, AC_COUNT + 1, tot, x->num);
	}
	return row + 1;
}

static lxw_row_t work_quarters(lxw_worksheet *ws, const struct worklog *w, const struct xfmt *x, lxw_row_t row)
{
	static const char *const heads[4] = {N_("Quarter"), N_("News items logged"), N_("Quota met"),
					     N_("Months with a programme")};
	int q;

	head_row(ws, row++, heads, 4, x);
	for (q = 0; q < 4; q++, row++) {
		char t[32];

		snprintf(t, sizeof(t), _("quarter %d/%d"), q + 1, w->year);
		worksheet_write_string(ws, row, 0, t, x->text);
		if (!w->q[q].kept) {
			worksheet_write_blank(ws, row, 1, x->num);
			worksheet_write_string(ws, row, 2, _("nothing logged"), x->text);
			worksheet_write_blank(ws, row, 3, x->num);
			continue;
		}
		worksheet_write_number(ws, row, 1, w->q[q].news, x->num);
		worksheet_write_string(ws, row, 2, w->qc.missed & 1u << q ? _("not met") : _("met"),
				       x->status[w->qc.missed & 1u << q ? ST_OFF_TRACK : ST_ACHIEVED]);
		worksheet_write_number(ws, row, 3, w->q[q].programmes, x->num);
	}
	return row + 1;
}

/* The results of the tasks, the activities by kind and channel, the news
 * quota by quarter and the Action Month (worklog.h). */
static void work_sheet(lxw_workbook *wb, const struct yearly *y, const struct xfmt *x)
{
	const struct worklog *w = &y->work;
	const struct wl_sum *s = &w->sum;
	lxw_worksheet *ws = workbook_add_worksheet(wb, _("Tasks and activities"));
	lxw_row_t row = 2;
	char t[256];

	page_setup(ws);
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 1, 48, NULL);
	worksheet_set_column(ws, 2, 3, 22, NULL);
	worksheet_set_column(ws, 4, 4, 48, NULL);
	worksheet_set_column(ws, 5, 11, 12, NULL);
	snprintf(t, sizeof(t), _("Tasks and activities, %d"), y->year);
	worksheet_write_string(ws, 0, 0, t, x->title);
	worksheet_write_string(ws, row++, 0, w->commune ? _("Results of the tasks") : _("Results of the communes' tasks"),
			       x->bold);
	row = w->commune ? work_tasks(ws, y, x, row) : work_subs(ws, y, x, row);
	worksheet_write_string(ws, row++, 0, _("Activities by kind and channel"), x->bold);
	row = work_kinds(ws, s, x, row);
	if (w->commune) {
		worksheet_write_string(ws, row++, 0, _("News items against the quarterly quota"), x->bold);
		row = work_quarters(ws, w, x, row);
	}
	worksheet_write_string(ws, row++, 0, _("The Action Month for gender equality and against gender-based violence"),
			       x->bold);
	worksheet_write_string(ws, row, 0, _("Activities"), x->text);
	worksheet_write_number(ws, row++, 1, s->am_activities, x->num);
	worksheet_write_string(ws, row, 0, _("Women"), x->text);
	worksheet_write_number(ws, row++, 1, (double)s->am_women, x->num);
	worksheet_write_string(ws, row, 0, _("Men"), x->text);
	worksheet_write_number(ws, row++, 1, (double)s->am_men, x->num);
	if (!w->commune) {
		worksheet_write_string(ws, row, 0, _("Communes that took part"), x->text);
		worksheet_write_number(ws, row, 1, s->am_communes, x->num);
	}
}

enum gemis_err yearly_xlsx(const struct yearly *y, const char *path, struct errctx *e)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_doc_properties props = {0};
	struct xfmt x;
	char title[256], subject[256], summary_name[32];
	lxw_error rc;

	if (!wb)
		return err_set_at(e, GEMIS_EIO, path, "%s", _("cannot write the file"));
	snprintf(title, sizeof(title), _("Report on the results of gender equality work in %d"), y->year);
	snprintf(subject, sizeof(subject), "%s (%s)", y->s->tree.units[y->unit].name,
		 y->s->tree.units[y->unit].code);
	props.title = title;
	props.subject = subject;
	props.author = (char *)"gemis";
	/* else 1 January of the report's year, 00:00 UTC: no clock time inside */
	props.created = (time_t)(y->o.created ? y->o.created : date_days((struct date){y->year, 1, 1}) * 86400);
	workbook_set_properties(wb, &props);
	formats(wb, &x);
	snprintf(summary_name, sizeof(summary_name), "%s", _("Summary sheet"));
	summary(wb, y, &x, summary_name);
	goal_sheets(wb, y, &x);
	local_sheet(wb, y, &x);
	reporting_sheet(wb, y, &x);
	subunit_sheets(wb, y, &x);
	work_sheet(wb, y, &x);
	rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set_at(e, GEMIS_EIO, path, "%s: %s", _("cannot write the file"), lxw_strerror(rc));
	return GEMIS_OK;
}
