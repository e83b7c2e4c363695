/*
 * values_template.c: writing an agency's form as a workbook (layout in
 * values_template.h), with libxlsxwriter.
 */
#include "values_template.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "core/catalog.h"
#include "core/date.h"
#include "core/deadline.h"
#include "util/i18n.h"

#include "util/banned.h"

#define FIRST_DATA_ROW 13 /* 0-based: row 14 */
#define HEAD_ROW 11
#define MACHINE_ROW 12

static const char *agency_name(int k)
{
	return i18n_lang() == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

static const char *sex_label(int sex)
{
	switch (sex) {
	case SEX_F: return _("sex: women");
	case SEX_M: return _("sex: men");
	default: return _("sex: both");
	}
}

static void period_label(period_t p, char *out, size_t n)
{
	switch (period_kind(p)) {
	case PERIOD_QUARTER:
		snprintf(out, n, _("Quarter %d/%d"), period_index(p), period_year(p));
		break;
	case PERIOD_MONTH:
		snprintf(out, n, _("Month %d/%d"), period_index(p), period_year(p));
		break;
	default:
		snprintf(out, n, _("Year %d"), period_year(p));
		break;
	}
}

/* The cell formats of the form: Times New Roman 12, a title, heads, bordered
 * text, yellow unlocked inputs, grey previous values. */
struct template_formats {
	lxw_format *title, *bold, *note, *plain, *head, *text, *wrap, *input, *prev;
};

static void add_formats(lxw_workbook *wb, struct template_formats *fm)
{
	fm->title = workbook_add_format(wb);
	format_set_font_name(fm->title, "Times New Roman");
	format_set_font_size(fm->title, 12);
	format_set_bold(fm->title);
	format_set_font_size(fm->title, 14);
	fm->plain = workbook_add_format(wb);
	format_set_font_name(fm->plain, "Times New Roman");
	format_set_font_size(fm->plain, 12);
	fm->bold = workbook_add_format(wb);
	format_set_font_name(fm->bold, "Times New Roman");
	format_set_font_size(fm->bold, 12);
	format_set_bold(fm->bold);
	fm->note = workbook_add_format(wb);
	format_set_font_name(fm->note, "Times New Roman");
	format_set_font_size(fm->note, 12);
	format_set_text_wrap(fm->note);
	format_set_align(fm->note, LXW_ALIGN_VERTICAL_TOP);
	fm->head = workbook_add_format(wb);
	format_set_font_name(fm->head, "Times New Roman");
	format_set_font_size(fm->head, 12);
	format_set_bold(fm->head);
	format_set_border(fm->head, LXW_BORDER_THIN);
	format_set_bg_color(fm->head, 0xE8E8E8);
	format_set_text_wrap(fm->head);
	format_set_align(fm->head, LXW_ALIGN_CENTER);
	format_set_align(fm->head, LXW_ALIGN_VERTICAL_CENTER);
	fm->text = workbook_add_format(wb);
	format_set_font_name(fm->text, "Times New Roman");
	format_set_font_size(fm->text, 12);
	format_set_border(fm->text, LXW_BORDER_THIN);
	format_set_align(fm->text, LXW_ALIGN_VERTICAL_TOP);
	fm->wrap = workbook_add_format(wb);
	format_set_font_name(fm->wrap, "Times New Roman");
	format_set_font_size(fm->wrap, 12);
	format_set_border(fm->wrap, LXW_BORDER_THIN);
	format_set_text_wrap(fm->wrap);
	format_set_align(fm->wrap, LXW_ALIGN_VERTICAL_TOP);
	fm->input = workbook_add_format(wb);
	format_set_font_name(fm->input, "Times New Roman");
	format_set_font_size(fm->input, 12);
	format_set_border(fm->input, LXW_BORDER_MEDIUM);
	format_set_bg_color(fm->input, 0xFFF59D);
	format_set_unlocked(fm->input);
	format_set_num_format(fm->input, "General");
	fm->prev = workbook_add_format(wb);
	format_set_font_name(fm->prev, "Times New Roman");
	format_set_font_size(fm->prev, 12);
	format_set_border(fm->prev, LXW_BORDER_THIN);
	format_set_font_color(fm->prev, 0x757575);
	format_set_num_format(fm->prev, "General");
}

/* Row i of the form (its number no): what to count, the box, last year's
 * value, and the hidden codes the reader takes back. */
static void write_row(lxw_worksheet *ws, const struct template_form *f, const struct unit *u, size_t i, int no,
		      const struct template_formats *fm)
{
	const struct template_row *r = &f->rows[i];
	const struct indicator *ind = &catalog[r->ind];
	lxw_row_t row = (lxw_row_t)(FIRST_DATA_ROW + i);
	lxw_data_validation dv = {0};
	const char *what = i18n_lang() == LANG_EN ? ind->part_en[r->part] : ind->part_vi[r->part];
	char per[64], code[16];

	/* two lines for the names, which LibreOffice does not fit itself */
	worksheet_set_row(ws, row, 32, NULL);
	worksheet_write_number(ws, row, 0, no, fm->text);
	worksheet_write_string(ws, row, 1, indicator_name(ind, i18n_lang()), fm->wrap);
	worksheet_write_string(ws, row, 2, what ? what : "", fm->wrap);
	worksheet_write_string(ws, row, 3, sex_label(r->sex), fm->text);
	period_label(r->period, per, sizeof(per));
	worksheet_write_string(ws, row, 4, per, fm->text);
	worksheet_write_blank(ws, row, 5, fm->input);
	if (isnan(r->previous))
		worksheet_write_blank(ws, row, 6, fm->prev);
	else
		worksheet_write_number(ws, row, 6, r->previous, fm->prev);
	worksheet_write_string(ws, row, 7, ind->kind == IND_RATIO ? _("people or things (whole number)")
								 : ind->unit,
			       fm->text);
	worksheet_write_string(ws, row, 8, u->code, NULL);
	period_format(r->period, code, sizeof(code));
	worksheet_write_string(ws, row, 9, code, NULL);
	worksheet_write_string(ws, row, 10, ind->id, NULL);
	worksheet_write_string(ws, row, 11, part_id(ind, r->part), NULL);
	worksheet_write_string(ws, row, 12, sex_id((enum sex)r->sex), NULL);
	dv.validate = ind->kind == IND_RATIO ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
	dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
	dv.value_number = 0;
	dv.ignore_blank = LXW_VALIDATION_ON;
	dv.show_error = LXW_VALIDATION_ON;
	dv.error_title = (char *)_("Not a valid number");
	dv.error_message = (char *)(ind->kind == IND_RATIO ? _("Type a whole number of zero or more.")
							   : _("Type a number of zero or more."));
	worksheet_data_validation_cell(ws, row, 5, &dv);
}

/* The table's heads, and the machine header the reader looks for, hidden. */
static void write_heads(lxw_worksheet *ws, const struct template_form *f, lxw_format *head)
{
	lxw_row_col_options hidden = {.hidden = 1};
	char buf[64];

	worksheet_write_string(ws, HEAD_ROW, 0, _("Row No."), head);
	worksheet_write_string(ws, HEAD_ROW, 1, _("Indicator"), head);
	worksheet_write_string(ws, HEAD_ROW, 2, _("What to count"), head);
	worksheet_write_string(ws, HEAD_ROW, 3, _("Women, men or both"), head);
	worksheet_write_string(ws, HEAD_ROW, 4, _("Reporting period"), head);
	worksheet_write_string(ws, HEAD_ROW, 5, _("Value to report"), head);
	snprintf(buf, sizeof(buf), _("Value %d"), f->year - 1);
	worksheet_write_string(ws, HEAD_ROW, 6, buf, head);
	worksheet_write_string(ws, HEAD_ROW, 7, _("Measured in"), head);
	worksheet_set_row(ws, HEAD_ROW, 30, NULL);
	worksheet_set_row_opt(ws, MACHINE_ROW, LXW_DEF_ROW_HEIGHT, NULL, &hidden);
	worksheet_write_string(ws, MACHINE_ROW, 5, "value", NULL);
	worksheet_write_string(ws, MACHINE_ROW, 8, "unit", NULL);
	worksheet_write_string(ws, MACHINE_ROW, 9, "period", NULL);
	worksheet_write_string(ws, MACHINE_ROW, 10, "indicator", NULL);
	worksheet_write_string(ws, MACHINE_ROW, 11, "part", NULL);
	worksheet_write_string(ws, MACHINE_ROW, 12, "sex", NULL);
}

enum gemis_err values_template_write(const struct template_form *f, const char *path,
				     struct errctx *e)
{
	const struct unit *u = &f->t->units[f->unit];
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_doc_properties props = {0};
	struct template_formats fm;
	lxw_format *title, *bold, *plain, *head;
	lxw_row_col_options hidden = {.hidden = 1};
	char buf[512], title_s[256];
	size_t i;
	int no = 0, last_ind = -1;
	lxw_error rc;

	if (!wb)
		return err_set_at(e, GEMIS_EIO, path, "%s", _("cannot write the file"));
	snprintf(title_s, sizeof(title_s), _("Gender equality reporting form, %d"), f->year);
	props.title = title_s;
	props.author = (char *)"gemis";
	props.created = (time_t)f->created;
	if (!f->created) {
		/* 1 January of the form's year, 00:00 UTC: no clock time inside */
		props.created = (time_t)(date_days((struct date){f->year, 1, 1}) * 86400);
	}
	workbook_set_properties(wb, &props);

	add_formats(wb, &fm);
	title = fm.title;
	bold = fm.bold;
	plain = fm.plain;
	head = fm.head;
	ws = workbook_add_worksheet(wb, _("Form sheet"));
	/* printed on A4, landscape, one page wide */
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, HEAD_ROW, HEAD_ROW);
	worksheet_set_column(ws, 0, 0, 5, NULL);
	worksheet_set_column(ws, 1, 1, 44, NULL);
	worksheet_set_column(ws, 2, 2, 36, NULL);
	worksheet_set_column(ws, 3, 3, 9, NULL);
	worksheet_set_column(ws, 4, 4, 13, NULL);
	worksheet_set_column(ws, 5, 5, 14, NULL);
	worksheet_set_column(ws, 6, 6, 12, NULL);
	worksheet_set_column(ws, 7, 7, 22, NULL);
	worksheet_set_column_opt(ws, 8, 12, 10, NULL, &hidden);

	worksheet_write_string(ws, 0, 0, title_s, title);
	snprintf(buf, sizeof(buf), _("Unit: %s (%s). Agency: %s."), u->name, u->code, agency_name(f->agency));
	worksheet_write_string(ws, 1, 0, buf, bold);
	if (f->dl_day && f->dl_month) {
		struct deadline dl = deadline_of_plan(f->dl_day, f->dl_month, NULL);
		struct date due = deadline_due(&dl, period_year_code(f->year));

		snprintf(buf, sizeof(buf), _("Send it by %02d/%02d/%d to %s."), due.d, due.m, due.y,
			 f->dl_to >= 0 ? agency_name(f->dl_to) : _("the Culture and Social Affairs Office"));
	} else {
		snprintf(buf, sizeof(buf), _("Send it to %s (the plan sets no date)."),
			 f->dl_to >= 0 ? agency_name(f->dl_to) : _("the Culture and Social Affairs Office"));
	}
	worksheet_write_string(ws, 2, 0, buf, plain);
	worksheet_write_string(ws, 4, 0, _("How to fill in this form:"), bold);
	worksheet_write_string(ws, 5, 0,
			       _("1. Type numbers only in the yellow cells of the column \"Value\"; the other cells are locked."),
			       plain);
	worksheet_write_string(ws, 6, 0,
			       _("2. Counts of people, agencies or cases are whole numbers: write 1234, without a thousands separator."),
			       plain);
	worksheet_write_string(ws, 7, 0,
			       _("3. Leave a cell empty when there is no figure yet; do not write 0 for \"not known\"."),
			       plain);
	worksheet_write_string(ws, 8, 0,
			       _("4. A numerator may not exceed its denominator (for example, women counselled out of all women detected)."),
			       plain);
	worksheet_write_string(ws, 9, 0,
			       _("5. Save the file as .xlsx and send it back; it is read with `gemis values import` or on the web page, whole or not at all."),
			       plain);

	write_heads(ws, f, head);

	for (i = 0; i < f->nrows; i++) {
		if (f->rows[i].ind != last_ind) {
			no++;
			last_ind = f->rows[i].ind;
		}
		write_row(ws, f, u, i, no, &fm);
	}
	worksheet_freeze_panes(ws, FIRST_DATA_ROW, 0);
	worksheet_protect(ws, NULL, NULL);
	rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set_at(e, GEMIS_EIO, path, "%s: %s", _("cannot write the file"), lxw_strerror(rc));
	return GEMIS_OK;
}
