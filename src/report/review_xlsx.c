/*
 * review_xlsx.c: a mid-term or final review (review.h) as a workbook
 * (libxlsxwriter), for officers who work on in Excel:
 *   Indicators  each indicator's target and its value year by year, with
 *               the required path on the row below, every figure a number,
 *               and a native line chart of each indicator's path;
 *   Statuses    each indicator's status year by year, coloured;
 *   Tasks       the tasks' results year by year;
 *   Budget      estimated, approved and spent year by year (totals are
 *               formulas) and by funding source;
 *   Scorecard   each agency's (sub-unit's) score year by year, its rank
 *               and the reasons of the review year's score.
 * Its creation date is $SOURCE_DATE_EPOCH, else 1 January of the review
 * year, so that the same data gives the same file.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/date.h"
#include "progress.h"
#include "review.h"
#include "util/i18n.h"

#include "util/banned.h"

struct rfmt {
	lxw_format *title, *head, *text, *italic, *num, *num2, *money, *bold_money, *status[ST_COUNT];
};

static lxw_format *bordered(lxw_workbook *wb, const char *num)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_font_name(f, DOC_FONT);
	format_set_font_size(f, 11);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (num)
		format_set_num_format(f, num);
	return f;
}

static void formats(lxw_workbook *wb, struct rfmt *x)
{
	int s;

	x->title = workbook_add_format(wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	format_set_font_name(x->title, DOC_FONT);
	x->head = bordered(wb, NULL);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xE8E8E8);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_CENTER);
	x->text = bordered(wb, NULL);
	format_set_text_wrap(x->text);
	x->italic = bordered(wb, NULL);
	format_set_italic(x->italic);
	x->num = bordered(wb, "#,##0");
	x->num2 = bordered(wb, "#,##0.00");
	x->money = bordered(wb, "#,##0");
	x->bold_money = bordered(wb, "#,##0");
	format_set_bold(x->bold_money);
	for (s = 0; s < ST_COUNT; s++) {
		x->status[s] = bordered(wb, NULL);
		format_set_align(x->status[s], LXW_ALIGN_CENTER);
		if (s != ST_NO_TARGET)
			format_set_bg_color(x->status[s], status_rgb((enum status)s));
		if (s == ST_ACHIEVED || s == ST_OFF_TRACK)
			format_set_font_color(x->status[s], LXW_COLOR_WHITE);
	}
}

static lxw_worksheet *sheet(lxw_workbook *wb, const char *name, const char *title, const struct rfmt *x)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);

	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_write_string(ws, 0, 0, title, x->title);
	return ws;
}

static void num_or_blank(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
	if (isnan(v))
		worksheet_write_blank(ws, r, c, f);
	else
		worksheet_write_number(ws, r, c, round(v * 1e10) / 1e10, f);
}

static void years_head(lxw_worksheet *ws, const struct review *rv, lxw_row_t r, lxw_col_t c, const struct rfmt *x)
{
	int i;

	for (i = 0; i < rv->nyears; i++)
		worksheet_write_number(ws, r, c + (lxw_col_t)i, rv->from + i, x->head);
}

/* A line chart of row r's values and row r + 1's required path. */
static void path_chart(lxw_workbook *wb, lxw_worksheet *charts, const char *data, const struct review *rv,
		       const struct rv_row *row, lxw_row_t r, lxw_row_t at)
{
	lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_LINE);
	lxw_chart_series *s;
	lxw_chart_line dash = {0};
	lxw_chart_options co = {0};
	lxw_col_t c0 = 4, c1 = (lxw_col_t)(4 + rv->nyears - 1);
	char title[300];

	snprintf(title, sizeof(title), "%d. %s", row->no, indicator_name(&catalog[row->ind], i18n_lang()));
	s = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(s, data, 2, c0, 2, c1);
	chart_series_set_values(s, data, r, c0, r, c1);
	chart_series_set_name(s, _("value"));
	chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
	s = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(s, data, 2, c0, 2, c1);
	chart_series_set_values(s, data, r + 1, c0, r + 1, c1);
	chart_series_set_name(s, _("required path"));
	dash.dash_type = LXW_CHART_LINE_DASH_DASH;
	chart_series_set_line(s, &dash);
	chart_title_set_name(ch, title);
	chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	co.x_scale = 1.4;
	co.y_scale = 1.0;
	worksheet_insert_chart_opt(charts, at, 0, ch, &co);
}

static void indicators(lxw_workbook *wb, const struct review *rv, const struct rfmt *x)
{
	char name[32], cname[32], head[64];
	lxw_worksheet *ws, *charts;
	lxw_col_t last = (lxw_col_t)(4 + rv->nyears);
	lxw_row_t r = 3, at = 2;
	size_t k;
	int i;

	snprintf(name, sizeof(name), "%s", _("Indicators"));
	snprintf(cname, sizeof(cname), "%s", _("Charts"));
	ws = sheet(wb, name, _("Each indicator's value year by year and the required path"), x);
	worksheet_write_string(ws, 2, 0, _("Row No."), x->head);
	worksheet_write_string(ws, 2, 1, _("Indicator"), x->head);
	worksheet_write_string(ws, 2, 2, _("Target"), x->head);
	worksheet_write_string(ws, 2, 3, _("Target year"), x->head);
	years_head(ws, rv, 2, 4, x);
	snprintf(head, sizeof(head), _("Assessment %d"), rv->to);
	worksheet_write_string(ws, 2, last, head, x->head);
	worksheet_set_column(ws, 1, 1, 48, NULL);
	worksheet_set_column(ws, 2, last - 1, 11, NULL);
	worksheet_set_column(ws, last, last, 16, NULL);
	charts = sheet(wb, cname, _("The path of each indicator"), x);
	for (k = 0; k < rv->nrows; k++, r += 2) {
		const struct rv_row *row = &rv->rows[k];
		enum status st = (enum status)row->st[rv->nyears - 1];

		worksheet_write_number(ws, r, 0, row->no, x->num);
		worksheet_write_string(ws, r, 1, indicator_name(&catalog[row->ind], i18n_lang()), x->text);
		num_or_blank(ws, r, 2, row->target, x->num2);
		num_or_blank(ws, r, 3, row->t ? row->t->year : NAN, x->num);
		worksheet_write_blank(ws, r + 1, 0, x->text);
		worksheet_write_string(ws, r + 1, 1, _("required path"), x->italic);
		worksheet_write_blank(ws, r + 1, 2, x->text);
		worksheet_write_blank(ws, r + 1, 3, x->text);
		for (i = 0; i < rv->nyears; i++) {
			num_or_blank(ws, r, 4 + (lxw_col_t)i, row->v[i], x->num2);
			num_or_blank(ws, r + 1, 4 + (lxw_col_t)i, row->req[i], x->num2);
		}
		worksheet_write_string(ws, r, last, status_name(st), x->status[st]);
		worksheet_write_blank(ws, r + 1, last, x->text);
		if (row->base_year) {
			path_chart(wb, charts, name, rv, row, r, at);
			at += 16;
		}
	}
}

static void statuses(lxw_workbook *wb, const struct review *rv, const struct rfmt *x)
{
	lxw_worksheet *ws = sheet(wb, _("Statuses"), _("Assessment year by year"), x);
	size_t k;
	int i;

	worksheet_write_string(ws, 2, 0, _("Row No."), x->head);
	worksheet_write_string(ws, 2, 1, _("Indicator"), x->head);
	years_head(ws, rv, 2, 2, x);
	worksheet_set_column(ws, 1, 1, 48, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(1 + rv->nyears), 16, NULL);
	for (k = 0; k < rv->nrows; k++) {
		const struct rv_row *row = &rv->rows[k];
		lxw_row_t r = (lxw_row_t)(3 + k);

		worksheet_write_number(ws, r, 0, row->no, x->num);
		worksheet_write_string(ws, r, 1, indicator_name(&catalog[row->ind], i18n_lang()), x->text);
		for (i = 0; i < rv->nyears; i++)
			worksheet_write_string(ws, r, 2 + (lxw_col_t)i, status_name((enum status)row->st[i]),
					       x->status[row->st[i]]);
	}
}

static void tasks(lxw_workbook *wb, const struct review *rv, const struct rfmt *x)
{
	lxw_worksheet *ws = sheet(wb, _("Tasks"), _("The plan's tasks year by year"), x);
	int i;

	worksheet_write_string(ws, 2, 0, _("Year"), x->head);
	worksheet_write_string(ws, 2, 1, _("Tasks"), x->head);
	worksheet_write_string(ws, 2, 2, task_status_name(TS_DONE), x->head);
	worksheet_write_string(ws, 2, 3, task_status_name(TS_IN_PROGRESS), x->head);
	worksheet_write_string(ws, 2, 4, task_status_name(TS_NOT_STARTED), x->head);
	worksheet_write_string(ws, 2, 5, task_status_name(TS_NOT_DONE), x->head);
	worksheet_write_string(ws, 2, 6, _("Overdue"), x->head);
	worksheet_set_column(ws, 0, 6, 16, NULL);
	for (i = rv->plan_from - rv->from; i < rv->nyears; i++) {
		const struct wl_sum *s = &rv->years[i].tasks;
		lxw_row_t r = (lxw_row_t)(3 + i - (rv->plan_from - rv->from));

		worksheet_write_number(ws, r, 0, rv->from + i, x->num);
		worksheet_write_number(ws, r, 1, s->tasks, x->num);
		worksheet_write_number(ws, r, 2, s->by_status[TS_DONE], x->num);
		worksheet_write_number(ws, r, 3, s->by_status[TS_IN_PROGRESS], x->num);
		worksheet_write_number(ws, r, 4, s->by_status[TS_NOT_STARTED], x->num);
		worksheet_write_number(ws, r, 5, s->by_status[TS_NOT_DONE], x->num);
		worksheet_write_number(ws, r, 6, s->overdue, x->num);
	}
}

static void money(lxw_worksheet *ws, lxw_row_t r, const struct budget_sum *s, lxw_format *f)
{
	worksheet_write_number(ws, r, 1, s->lines, f);
	worksheet_write_number(ws, r, 2, (double)s->estimate, f);
	worksheet_write_number(ws, r, 3, (double)s->approved, f);
	worksheet_write_number(ws, r, 4, (double)s->spent, f);
}

static void budget(lxw_workbook *wb, const struct review *rv, const struct rfmt *x)
{
	lxw_worksheet *ws = sheet(wb, _("Budget"), _("The budget year by year (đồng)"), x);
	lxw_row_t r = 3, r0 = 3;
	size_t i;
	int y, c;

	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 4, 18, NULL);
	worksheet_write_string(ws, 2, 0, _("Year"), x->head);
	worksheet_write_string(ws, 2, 1, _("Lines"), x->head);
	worksheet_write_string(ws, 2, 2, _("Estimated"), x->head);
	worksheet_write_string(ws, 2, 3, _("Approved"), x->head);
	worksheet_write_string(ws, 2, 4, _("Spent"), x->head);
	for (y = 0; y < rv->nyears; y++, r++) {
		worksheet_write_number(ws, r, 0, rv->from + y, x->num);
		money(ws, r, &rv->years[y].budget, x->money);
	}
	worksheet_write_string(ws, r, 0, _("Total"), x->head);
	for (c = 1; c <= 4; c++) {
		char range[32], formula[48];
		const struct budget_sum *t = &rv->btot.all;
		double v = c == 1 ? t->lines : c == 2 ? (double)t->estimate : c == 3 ? (double)t->approved : (double)t->spent;

		lxw_rowcol_to_range(range, r0, (lxw_col_t)c, r - 1, (lxw_col_t)c);
		snprintf(formula, sizeof(formula), "=SUM(%s)", range);
		worksheet_write_formula_num(ws, r, (lxw_col_t)c, formula, x->bold_money, v);
	}
	r += 2;
	worksheet_write_string(ws, r, 0, _("Source of funds"), x->head);
	worksheet_write_string(ws, r, 1, _("Lines"), x->head);
	worksheet_write_string(ws, r, 2, _("Estimated"), x->head);
	worksheet_write_string(ws, r, 3, _("Approved"), x->head);
	worksheet_write_string(ws, r, 4, _("Spent"), x->head);
	for (i = 0; i < rv->budget.nsrc; i++) {
		if (!rv->bsrc[i].lines)
			continue;
		r++;
		worksheet_write_string(ws, r, 0,
				       budget_source_name(&rv->budget, rv->budget.src[i].id, i18n_lang() == LANG_EN),
				       x->text);
		money(ws, r, &rv->bsrc[i], x->money);
	}
}

static void scores(lxw_workbook *wb, const struct review *rv, const struct rfmt *x)
{
	lxw_worksheet *ws = sheet(wb, _("Scorecard"), _("The scores year by year"), x);
	lxw_col_t why = (lxw_col_t)(2 + rv->nyears);
	struct buf b;
	size_t i;
	int k;

	worksheet_write_string(ws, 2, 0, _("Rank"), x->head);
	worksheet_write_string(ws, 2, 1, rv->y.nsubs ? _("Unit") : _("Agency or office"), x->head);
	years_head(ws, rv, 2, 2, x);
	worksheet_write_string(ws, 2, why, _("Reasons"), x->head);
	worksheet_set_column(ws, 1, 1, 40, NULL);
	worksheet_set_column(ws, why, why, 80, NULL);
	buf_init(&b, 1 << 16);
	for (i = 0; i < rv->nscores; i++) {
		const struct sc_row *row = &rv->sc.rows[i];
		lxw_row_t r = (lxw_row_t)(3 + i);

		num_or_blank(ws, r, 0, row->rank ? row->rank : NAN, x->num);
		worksheet_write_string(ws, r, 1, scorecard_row_name(&rv->y.s->tree, row), x->text);
		for (k = 0; k < rv->nyears; k++)
			num_or_blank(ws, r, 2 + (lxw_col_t)k, rv->scores[i].score[k], x->num2);
		buf_reset(&b);
		scorecard_reasons(row, &b);
		worksheet_write_string(ws, r, why, buf_str(&b), x->text);
	}
	buf_release(&b);
}

enum gemis_err review_xlsx(const struct review *rv, const char *path, struct errctx *e)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_doc_properties props = {0};
	const struct unit *u;
	struct rfmt x;
	char title[256], subject[256];
	lxw_error rc;

	if (!wb)
		return err_set_at(e, GEMIS_EIO, path, "%s", _("cannot write the file"));
	u = &rv->y.s->tree.units[rv->y.unit];
	snprintf(title, sizeof(title),
		 rv->kind == REVIEW_FINAL ? _("Final review of gender equality work, %d - %d")
					  : _("Mid-term review of gender equality work, %d - %d"),
		 rv->from, rv->to);
	snprintf(subject, sizeof(subject), "%s (%s)", u->name, u->code);
	props.title = title;
	props.subject = subject;
	props.created = (time_t)(rv->y.o.created ? rv->y.o.created : date_days((struct date){rv->to, 1, 1}) * 86400);
	workbook_set_properties(wb, &props);
	formats(wb, &x);
	indicators(wb, rv, &x);
	statuses(wb, rv, &x);
	tasks(wb, rv, &x);
	budget(wb, rv, &x);
	scores(wb, rv, &x);
	rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set_at(e, GEMIS_EIO, path, "%s: %s", _("cannot write the file"), lxw_strerror(rc));
	return GEMIS_OK;
}
