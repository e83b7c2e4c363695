/*
 * scorecard_xlsx.c: the scorecard as a workbook for the emulation council
 * (scorecard.h), on libxlsxwriter: one sheet, ranked, the rules and their
 * version above the table, each criterion's part, whole and points as
 * numbers (empty when it does not apply), the score, and the reasons in
 * words.  Its creation date is $SOURCE_DATE_EPOCH, else 1 January of the
 * year, so that the same data gives the same file.
 */
#include "scorecard.h"

#include <math.h>
#include <stdio.h>
#include <xlsxwriter.h>

#include "core/date.h"
#include "doc.h"
#include "util/i18n.h"
#include "yearly.h"

#include "util/banned.h"

static lxw_format *cell(lxw_workbook *wb, const char *num, bool head)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_font_name(f, DOC_FONT);
	format_set_font_size(f, 11);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (num)
		format_set_num_format(f, num);
	if (head) {
		format_set_bold(f);
		format_set_bg_color(f, 0xE8E8E8);
		format_set_text_wrap(f);
		format_set_align(f, LXW_ALIGN_CENTER);
	}
	return f;
}

static void num_or_blank(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
	if (isnan(v))
		worksheet_write_blank(ws, r, c, f);
	else
		worksheet_write_number(ws, r, c, round(v * 100) / 100, f);
}

/* The header: rank, name, score, then part, whole and points of each
 * criterion, then the reasons. */
static void head(lxw_worksheet *ws, const struct scorecard *sc, bool area, lxw_format *h)
{
	char w[160];
	int c;

	worksheet_write_string(ws, 4, 0, _("Rank"), h);
	worksheet_write_string(ws, 4, 1, area ? _("Unit") : _("Agency or office"), h);
	worksheet_write_string(ws, 4, 2, _("Score"), h);
	for (c = 0; c < SC_COUNT; c++) {
		lxw_col_t x = (lxw_col_t)(3 + 3 * c);

		snprintf(w, sizeof(w), "%s (%s %g)", sc_criterion_name((enum sc_criterion)c), _("weight"), sc->rules.weight[c]);
		worksheet_merge_range(ws, 3, x, 3, x + 2, w, h);
		worksheet_write_string(ws, 4, x, _("done"), h);
		worksheet_write_string(ws, 4, x + 1, _("of"), h);
		worksheet_write_string(ws, 4, x + 2, _("points"), h);
	}
	worksheet_write_string(ws, 4, 3 + 3 * SC_COUNT, _("Reasons"), h);
}

enum gemis_err scorecard_xlsx(const struct tree *t, const struct scorecard *sc, const char *path, struct errctx *e)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_doc_properties props = {0};
	lxw_worksheet *ws;
	lxw_format *title, *h, *text, *num, *num2;
	char line[512];
	struct buf b;
	long long created = report_stamp();
	bool area = sc->n && sc->rows[0].agency < 0;
	size_t i;
	int c;
	lxw_error rc;

	if (!wb)
		return err_set_at(e, GEMIS_EIO, path, "%s", _("cannot write the file"));
	snprintf(line, sizeof(line), _("Scorecard of %s for %d (rules of %s, version %d)"), t->units[sc->unit].name,
		 sc->year, sc->rules.origin, sc->rules.version);
	props.title = line;
	props.created = (time_t)(created ? created : date_days((struct date){sc->year, 1, 1}) * 86400);
	workbook_set_properties(wb, &props);
	ws = workbook_add_worksheet(wb, _("Scorecard"));
	title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	format_set_font_name(title, DOC_FONT);
	h = cell(wb, NULL, true);
	text = cell(wb, NULL, false);
	format_set_text_wrap(text);
	num = cell(wb, "0", false);
	num2 = cell(wb, "0.00", false);
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_write_string(ws, 0, 0, line, title);
	worksheet_write_string(ws, 1, 0,
			       _("Computed by gemis, never typed: each score is 100 times the weighted mean of the shares of the criteria that apply."),
			       NULL);
	worksheet_set_column(ws, 1, 1, 40, NULL);
	worksheet_set_column(ws, 3, 2 + 3 * SC_COUNT, 8, NULL);
	worksheet_set_column(ws, 3 + 3 * SC_COUNT, 3 + 3 * SC_COUNT, 90, NULL);
	head(ws, sc, area, h);
	buf_init(&b, 1 << 16);
	for (i = 0; i < sc->n; i++) {
		const struct sc_row *r = &sc->rows[i];
		lxw_row_t y = (lxw_row_t)(5 + i);

		num_or_blank(ws, y, 0, r->rank ? r->rank : NAN, num);
		worksheet_write_string(ws, y, 1, scorecard_row_name(t, r), text);
		num_or_blank(ws, y, 2, r->s.score, num2);
		for (c = 0; c < SC_COUNT; c++) {
			lxw_col_t x = (lxw_col_t)(3 + 3 * c);
			bool applies = r->in.whole[c] > 0;

			num_or_blank(ws, y, x, applies ? r->in.part[c] : NAN, num);
			num_or_blank(ws, y, x + 1, applies ? r->in.whole[c] : NAN, num);
			num_or_blank(ws, y, x + 2, applies ? r->s.points[c] : NAN, num2);
		}
		buf_reset(&b);
		scorecard_reasons(r, &b);
		worksheet_write_string(ws, y, 3 + 3 * SC_COUNT, buf_str(&b), text);
	}
	buf_release(&b);
	rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set_at(e, GEMIS_EIO, path, "%s: %s", _("cannot write the file"), lxw_strerror(rc));
	return GEMIS_OK;
}
