/*
 * budget_xlsx.c: the finance office's budget workbook (budget_xlsx.h), on
 * libxlsxwriter.
 */
#include "budget_xlsx.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/catalog.h"
#include "core/workflow.h"
#include "doc.h"
#include "util/i18n.h"

#include "util/banned.h"

enum { C_NO, C_WHAT, C_AGENCY, C_TASK, C_EST, C_APPR, C_OK, C_DECISION, C_SPENT, C_LEFT, C_NOTE, NCOLS };

struct bfmt {
	lxw_format *title, *italic, *head, *text, *wrap, *num, *group, *group_num, *total, *total_num, *over;
};

static lxw_format *bordered(lxw_workbook *wb, bool bold, const char *num)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_font_name(f, DOC_FONT);
	format_set_font_size(f, 11);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (bold)
		format_set_bold(f);
	if (num)
		format_set_num_format(f, num);
	return f;
}

static void formats(lxw_workbook *wb, struct bfmt *x)
{
	x->title = workbook_add_format(wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	format_set_font_name(x->title, DOC_FONT);
	format_set_align(x->title, LXW_ALIGN_CENTER);
	x->italic = workbook_add_format(wb);
	format_set_italic(x->italic);
	format_set_font_name(x->italic, DOC_FONT);
	format_set_align(x->italic, LXW_ALIGN_RIGHT);
	x->head = bordered(wb, true, NULL);
	format_set_bg_color(x->head, 0xE8E8E8);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_CENTER);
	x->text = bordered(wb, false, NULL);
	x->wrap = bordered(wb, false, NULL);
	format_set_text_wrap(x->wrap);
	x->num = bordered(wb, false, "#,##0");
	x->group = bordered(wb, true, NULL);
	x->group_num = bordered(wb, true, "#,##0");
	x->total = bordered(wb, true, NULL);
	format_set_bg_color(x->total, 0xF2F2F2);
	x->total_num = bordered(wb, true, "#,##0");
	format_set_bg_color(x->total_num, 0xF2F2F2);
	x->over = bordered(wb, false, "#,##0");
	format_set_bg_color(x->over, 0xF4CCCC);
}

static void head(lxw_worksheet *ws, const struct bfmt *x, const struct tree *t, int unit, int year)
{
	static const char *const heads[NCOLS] = {
		N_("No."), N_("What for"), N_("Agency"), N_("Task"), N_("Estimated"), N_("Appraised"), N_("Approved"),
		N_("Decision"), N_("Spent"), N_("Left"), N_("Note"),
	};
	static const double widths[NCOLS] = {6, 44, 26, 8, 15, 15, 15, 22, 15, 15, 30};
	char title[256];
	int c;

	snprintf(title, sizeof(title), _("BUDGET FOR GENDER EQUALITY WORK IN %d"), year);
	worksheet_merge_range(ws, 0, 0, 0, NCOLS - 1, title, x->title);
	worksheet_merge_range(ws, 1, 0, 1, NCOLS - 1, t->units[unit].name, x->title);
	worksheet_write_string(ws, 2, NCOLS - 1, _("Unit: đồng"), x->italic);
	for (c = 0; c < NCOLS; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		worksheet_write_string(ws, 3, (lxw_col_t)c, _(heads[c]), x->head);
	}
	worksheet_freeze_panes(ws, 4, 0);
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
}

static void amount(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, long long v, lxw_format *f)
{
	if (v == BUDGET_NONE)
		worksheet_write_blank(ws, r, c, f);
	else
		worksheet_write_number(ws, r, c, (double)v, f);
}

/* =SUM of a column's rows r0..r1, its value cached. */
static void sum(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, lxw_row_t r0, lxw_row_t r1, long long v, lxw_format *f)
{
	char range[64], formula[96];

	if (r1 < r0) {
		worksheet_write_number(ws, r, c, 0, f);
		return;
	}
	lxw_rowcol_to_range(range, r0, c, r1, c);
	snprintf(formula, sizeof(formula), "=SUM(%s)", range);
	worksheet_write_formula_num(ws, r, c, formula, f, (double)v);
}

static const char *roman(size_t i)
{
	static const char *const r[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

	return i < sizeof(r) / sizeof(r[0]) ? r[i] : "?";
}

/* One line's row. */
static void line_row(lxw_worksheet *ws, const struct bfmt *x, const struct tree *t, bool area, lxw_row_t r, size_t no,
		     const struct budget_line *l)
{
	bool over = budget_overspent(l);
	char what[BUDGET_TITLE_MAX + 128], dec[BUDGET_DECISION_MAX + 32], left[64];
	int k = l->agency;

	snprintf(what, sizeof(what), "%s%s%s", area ? t->units[l->unit].short_name : "", area ? ": " : "", l->title);
	snprintf(dec, sizeof(dec), "%s%s%s", l->decision_no ? l->decision_no : "", l->decision_date ? ", " : "",
		 l->decision_date ? l->decision_date : "");
	worksheet_write_number(ws, r, C_NO, (double)no, x->text);
	worksheet_write_string(ws, r, C_WHAT, what, x->wrap);
	worksheet_write_string(ws, r, C_AGENCY,
			       k < 0 ? l->agency_id : i18n_lang() == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi,
			       x->wrap);
	worksheet_write_string(ws, r, C_TASK, l->task_label ? l->task_label : "", x->text);
	amount(ws, r, C_EST, l->estimate, x->num);
	amount(ws, r, C_APPR, l->appraised, x->num);
	amount(ws, r, C_OK, l->approved, x->num);
	worksheet_write_string(ws, r, C_DECISION, dec, x->wrap);
	amount(ws, r, C_SPENT, l->spent, over ? x->over : x->num);
	if (l->approved != BUDGET_NONE) {
		char a[16], b[16];

		lxw_rowcol_to_cell(a, r, C_OK);
		lxw_rowcol_to_cell(b, r, C_SPENT);
		snprintf(left, sizeof(left), "=%s-%s", a, b);
		worksheet_write_formula_num(ws, r, C_LEFT, left, over ? x->over : x->num,
					    (double)(l->approved - (l->spent == BUDGET_NONE ? 0 : l->spent)));
	} else {
		worksheet_write_blank(ws, r, C_LEFT, x->num);
	}
	worksheet_write_string(ws, r, C_NOTE,
			       over ? _("spent above what was approved") : wf_state_name(&wf_estimate, l->status), x->wrap);
}

/* The amounts the line's row shows, added to s: the sheet's sums are
 * those of its rows, so that Excel's =SUM gives what was cached. */
static void row_add(struct budget_sum *s, const struct budget_line *l)
{
	s->lines++;
	s->estimate += l->estimate;
	s->appraised += l->appraised == BUDGET_NONE ? 0 : l->appraised;
	s->approved += l->approved == BUDGET_NONE ? 0 : l->approved;
	s->spent += l->spent == BUDGET_NONE ? 0 : l->spent;
}

/* The subtotal cells of a source's group (or the grand total). */
static void sums_row(lxw_worksheet *ws, lxw_row_t r, lxw_row_t r0, lxw_row_t r1, const struct budget_sum *s,
		     lxw_format *f)
{
	sum(ws, r, C_EST, r0, r1, s->estimate, f);
	sum(ws, r, C_APPR, r0, r1, s->appraised, f);
	sum(ws, r, C_OK, r0, r1, s->approved, f);
	sum(ws, r, C_SPENT, r0, r1, s->spent, f);
}

enum gemis_err budget_xlsx(const struct budget_list *l, const struct tree *t, int unit, int year, const char *path,
			   struct errctx *e)
{
	lxw_workbook_options wo = {0};
	lxw_workbook *wb;
	lxw_worksheet *ws;
	struct bfmt x;
	struct budget_sum all;
	lxw_row_t r = 4, group_rows[16];
	size_t s, i, ngroups = 0, no;
	bool area = t->units[unit].level < LEVEL_COMMUNE;
	lxw_error le;

	wo.constant_memory = LXW_FALSE;
	wb = workbook_new_opt(path, &wo);
	if (!wb)
		return err_set(e, GEMIS_EIO, "%s: cannot write the workbook", path);
	formats(wb, &x);
	ws = workbook_add_worksheet(wb, _("Budget"));
	head(ws, &x, t, unit, year);
	memset(&all, 0, sizeof(all));
	for (s = 0; s < l->nsrc && ngroups < 16; s++) {
		struct budget_sum gs;
		lxw_row_t gr = r++;

		memset(&gs, 0, sizeof(gs));
		no = 0;
		for (i = 0; i < l->n; i++) {
			if (strcmp(l->l[i].source, l->src[s].id) != 0)
				continue;
			row_add(&gs, &l->l[i]);
			row_add(&all, &l->l[i]);
			line_row(ws, &x, t, area, r++, ++no, &l->l[i]);
		}
		if (!no) {
			r = gr;
			continue;
		}
		worksheet_write_string(ws, gr, C_NO, roman(ngroups), x.group);
		worksheet_write_string(ws, gr, C_WHAT, budget_source_name(l, l->src[s].id, i18n_lang() == LANG_EN), x.group);
		sums_row(ws, gr, gr + 1, r - 1, &gs, x.group_num);
		group_rows[ngroups++] = gr;
	}
	worksheet_write_string(ws, r, C_NO, "", x.total);
	worksheet_write_string(ws, r, C_WHAT, _("Total"), x.total);
	{
		char f[512];
		int c;
		size_t k, n;

		for (c = C_EST; c <= C_SPENT; c++) {
			long long v = c == C_EST ? all.estimate : c == C_APPR ? all.appraised : c == C_OK ? all.approved : all.spent;

			if (c == C_DECISION)
				continue;
			n = (size_t)snprintf(f, sizeof(f), "=%s", ngroups ? "" : "0");
			for (k = 0; k < ngroups && n < sizeof(f) - 16; k++) {
				char cell[16];

				lxw_rowcol_to_cell(cell, group_rows[k], (lxw_col_t)c);
				n += (size_t)snprintf(f + n, sizeof(f) - n, "%s%s", k ? "+" : "", cell);
			}
			worksheet_write_formula_num(ws, r, (lxw_col_t)c, f, x.total_num, (double)v);
		}
	}
	worksheet_write_string(ws, r + 2, C_WHAT,
			       _("Each line shows its own amounts, whatever its state (in the last column)."),
			       x.italic);
	le = workbook_close(wb);
	if (le != LXW_NO_ERROR)
		return err_set(e, GEMIS_EIO, "%s: %s", path, lxw_strerror(le));
	return GEMIS_OK;
}
