/*
 * reporting.c: reporting completeness and the yearly report on the web.
 *
 *   GET /reporting?unit=&year=   which agency owes which form by the plan's
 *        deadline and where it stands: expected, submitted, on time, late
 *        and missing, per agency and, for a province or the nation, per
 *        commune, with the rates (report/reporting.h computes them: the
 *        same numbers as `gemis reporting`); and the links to the yearly
 *        report.
 *   GET /report?unit=&year=&format=docx|pdf|xlsx|html   the yearly report
 *        of the unit (report/yearly.h), as a download: the same file as
 *        `gemis report`, in the language of the page, with the date line
 *        left blank for the officer to fill in.
 * Both need only read access to the unit.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "report/progress.h"
#include "report/reporting.h"
#include "report/review.h"
#include "report/yearly.h"
#include "web.h"

#include "util/banned.h"

/* The moment reporting is judged at (http_judged_at). */
long long reporting_judged_at(struct http_req *r)
{
	return http_judged_at(r);
}

static const char *rate(struct http_req *r, unsigned part, unsigned whole)
{
	double v = rep_rate(part, whole);
	char num[32];

	if (isnan(v))
		return "–";
	format_number(num, sizeof(num), v, 1);
	return arena_printf(&r->arena, "%s%%", num);
}

static const char *agency_name(struct http_req *r, int k)
{
	return r->lang == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

static void counts_head(struct http_req *r, const char *first)
{
	html(r, "<table class=\"compact\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     first, _("Forms expected"), _("Forms in"), _("Forms on time"), _("Forms late"), _("Forms missing"),
	     _("Reporting rate"), _("On-time rate"));
}

static void counts_row(struct http_req *r, const char *name, const char *href, const struct rep_counts *c)
{
	if (href)
		html(r, "<tr><td><a href=\"%s\">%s</a></td>", href, name);
	else
		html(r, "<tr><td>%s</td>", name);
	html(r, "<td>%u</td><td>%u</td><td>%u</td><td>%u</td><td>%u</td><td>%s</td><td>%s</td></tr>", c->expected,
	     c->submitted, c->on_time, c->late, c->missing, rate(r, c->submitted, c->expected),
	     rate(r, c->on_time, c->expected));
}

static void downloads(struct http_req *r, int unit, int year)
{
	static const char *const fmts[4] = {"docx", "pdf", "xlsx", "html"};
	const char *code = r->snap->tree.units[unit].code;
	int i, k;

	html(r, "<section class=\"reporting\"><h2>%s</h2><p>%s</p><p>",
	     arena_printf(&r->arena, _("Report on the results of gender equality work in %d"), year),
	     _("Laid out as Decree 30/2020/NĐ-CP asks; the Word file is meant to be completed, numbered and signed."));
	for (i = 0; i < 4; i++)
		html(r, "%s<a class=\"button\" href=\"/report?unit=%s&amp;year=%d&amp;format=%s\" download>%s</a>",
		     i ? " " : "", code, year, fmts[i],
		     arena_printf(&r->arena, _("Download %s"), i == 0 ? "Word (DOCX)" : i == 1 ? "PDF" : i == 2 ? "Excel (XLSX)" : "HTML"));
	html(r, "</p></section>");
	/* the reviews the plans order, held in 2028 and 2030 */
	html(r, "<section class=\"reporting\"><h2>%s</h2><p>%s</p>", _("Mid-term and final reviews"),
	     _("Over the whole period from the plan's baseline year: each indicator's path against its target and the required path, the statuses, tasks, budget and scores year by year, and the sections the officials write."));
	for (k = REVIEW_MIDTERM; k <= REVIEW_FINAL; k++) {
		html(r, "<p>%s:", arena_printf(&r->arena, k == REVIEW_MIDTERM ? _("Mid-term review (%d)") : _("Final review (%d)"),
					     review_default_year((enum review_kind)k)));
		for (i = 0; i < 4; i++)
			html(r, " <a class=\"button\" href=\"/report?unit=%s&amp;kind=%s&amp;format=%s\" download>%s</a>", code,
			     review_kind_id((enum review_kind)k), fmts[i], i == 0 ? "Word (DOCX)" : i == 1 ? "PDF" : i == 2 ? "Excel (XLSX)" : "HTML");
		html(r, "</p>");
	}
	html(r, "</section>");
}

/* The totals of the unit's forms, as of `now`. */
static void totals(struct http_req *r, int unit, const struct rep_result *rep, long long now)
{
	const struct snapshot *s = r->snap;
	char day[11];

	date_format_dmy(vn_date(now), day);
	html(r, "<section class=\"reporting\">");
	/* the dashboard's count: figures for the year, by form, file or API */
	if (s->tree.units[unit].first_child >= 0)
		html(r, "<p>%s</p>", arena_printf(&r->arena, _("%d of %d communes and wards have reported."),
						 rep->leaves_reported, (int)rep->leaves));
	html(r, "<p>");
	if (rep->total.expected == 0) {
		html(r, "%s", rep->units_with_plan ? _("The plans in force give no agency duties: no report is due.")
						   : _("No plan in force: gemis cannot tell which forms are due."));
	} else {
		html(r, "%s", arena_printf(&r->arena, _("%u of %u forms submitted (%s), %u on time (%s), %u late, %u missing"),
					   rep->total.submitted, rep->total.expected,
					   rate(r, rep->total.submitted, rep->total.expected), rep->total.on_time,
					   rate(r, rep->total.on_time, rep->total.expected), rep->total.late,
					   rep->total.missing));
		if (rep->total.pending)
			html(r, "%s", arena_printf(&r->arena, _(" (%u not yet due)"), rep->total.pending));
		if (rep->total.undated)
			html(r, "%s", arena_printf(&r->arena, _(" (%u with no date set)"), rep->total.undated));
		html(r, ". <small>(%s %s)</small>", _("judged as of"), day);
	}
	html(r, "</p><meter min=\"0\" max=\"%u\" value=\"%u\">%u/%u</meter></section>", rep->total.expected,
	     rep->total.submitted, rep->total.submitted, rep->total.expected);
}

/* A province's or the nation's communes with a plan, each with its counts. */
static void by_commune(struct http_req *r, int year, const struct rep_result *rep)
{
	const struct snapshot *s = r->snap;
	size_t i;

	html(r, "<h2>%s</h2><p>%s</p>", _("By commune or ward"),
	     arena_printf(&r->arena, _("%u of %u communes and wards have a plan in force."), rep->units_with_plan,
			  rep->leaves));
	if (!rep->units_with_plan)
		return;
	counts_head(r, _("Commune or ward"));
	for (i = 0; i < rep->nunits; i++) {
		const struct unit *u = &s->tree.units[rep->units[i].unit];

		if (rep->units[i].has_plan)
			counts_row(r, u->name, arena_printf(&r->arena, "/reporting?unit=%s&year=%d", u->code, year),
				   &rep->units[i].c);
	}
	html(r, "</tbody></table>");
}

/* A commune's forms due, one row each: agency, deadline, state. */
static void forms_due(struct http_req *r, const struct rep_result *rep)
{
	size_t i;

	html(r, "<h2>%s</h2><table class=\"compact\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th></tr></thead><tbody>",
	     _("Forms due"), _("Agency or office"), _("Indicators tied"), _("Due date"), _("Form state"),
	     _("Submitted on"));
	for (i = 0; i < rep->nforms; i++) {
		const struct rep_form *f = &rep->forms[i];
		char sub[11];

		html(r, "<tr><td>%s</td><td>%u</td><td>", agency_name(r, f->agency), f->nind);
		if (f->has_due)
			html(r, "%02d/%02d/%04d", f->due_day, f->due_month, f->due_year % 10000);
		else
			html(r, "%s", _("no date set"));
		html(r, "</td><td class=\"form-%s\">%s</td><td>", form_state_id(f->state),
		     form_state_name(f->state));
		if (f->submitted_at) {
			date_format_dmy(vn_date(f->submitted_at), sub);
			html(r, "%s", sub);
		} else {
			html(r, "–");
		}
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table>");
	if (!rep->forms[0].has_due)
		html(r, "<p><small>%s</small></p>",
		     _("The plan sets no reporting deadline: no report is late until one is set."));
}

enum gemis_err page_reporting(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct rep_result rep = {0};
	struct db *db;
	enum gemis_err err;
	long long now;
	int unit, year;
	size_t i;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	err = http_db(r, &db);
	if (err)
		return err;
	year = page_year(r);
	now = reporting_judged_at(r);
	err = reporting_load(db, &s->tree, unit, year, now, &r->arena, &rep, &r->err);
	if (err)
		return err;
	{
		int done = 0, all = 0;

		engine_count_reported(&s->eng, year, unit, &done, &all);
		rep.leaves_reported = done;
	}
	page_begin(r, _("Reporting by the agencies"), unit);
	html(r, "<div class=\"head\"><h1>%s <small>%s, %d</small></h1>", _("Reporting by the agencies"),
	     s->tree.units[unit].name, year);
	html(r, "<form method=\"get\" action=\"/reporting\" class=\"picker\"><input type=\"hidden\" name=\"unit\" "
		"value=\"%s\"><label>%s <input name=\"year\" value=\"%d\" size=\"4\" inputmode=\"numeric\" "
		"pattern=\"[0-9]{4}\"></label> <button type=\"submit\">%s</button></form></div>",
	     s->tree.units[unit].code, _("Year"), year, _("Show"));
	totals(r, unit, &rep, now);
	/* the reports that went up the chain, beside the agencies' forms */
	chain_box(r, unit, year);
	if (s->tree.units[unit].first_child >= 0)
		by_commune(r, year, &rep);
	if (rep.nagencies) {
		html(r, "<h2>%s</h2>", _("By agency"));
		counts_head(r, _("Agency or office"));
		for (i = 0; i < rep.nagencies; i++)
			counts_row(r, agency_name(r, rep.agencies[i].agency), NULL, &rep.agencies[i].c);
		html(r, "</tbody></table>");
	}
	if (s->tree.units[unit].first_child < 0 && rep.nforms)
		forms_due(r, &rep);
	downloads(r, unit, year);
	page_end(r);
	rep_result_release(&rep);
	return GEMIS_OK;
}

static const char *content_type(enum report_format f)
{
	switch (f) {
	case REPORT_DOCX: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	case REPORT_XLSX: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	case REPORT_PDF: return "application/pdf";
	case REPORT_HTML: return "text/html; charset=utf-8";
	}
	return "application/octet-stream";
}

enum gemis_err rendered_path(struct http_req *r, const char *ext, char dir[64], char path[96])
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, 64, "%s/gemis-report-XXXXXX", tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return http_fail(r, GEMIS_EIO, "%s", _("cannot write the file"));
	snprintf(path, 96, "%s/report.%s", dir, ext);
	return GEMIS_OK;
}

enum gemis_err send_rendered(struct http_req *r, enum gemis_err err, const char *dir, const char *path,
			     const char *ctype, const char *filename)
{
	struct buf file;

	buf_init(&file, (size_t)60 << 20);
	if (!err)
		err = buf_read_file(&file, path, &r->err);
	unlink(path);
	rmdir(dir);
	if (!err) {
		r->ctype = ctype;
		http_set_header(r, "Content-Disposition",
				arena_printf(&r->arena, "attachment; filename=\"%s\"", filename));
		http_write(r, buf_str(&file), file.len);
	}
	buf_release(&file);
	return err;
}

/* Writes the report to path: a review (kind >= 0, enum review_kind) held
 * in year (0: its default), else the yearly report or the Action Month's. */
static enum gemis_err render_report(struct http_req *r, struct db *db, int unit, int year, int kind,
				    const struct yearly_opts *o, enum report_format f, const char *path)
{
	enum gemis_err err;

	if (kind >= 0) {
		struct review rv;

		err = review_load(db, r->snap, unit, (enum review_kind)kind, year, o, &rv, &r->err);
		if (!err) {
			err = review_render(&rv, f, path, &r->err);
			review_release(&rv);
		}
	} else {
		struct yearly y;

		err = yearly_load(db, r->snap, unit, year, o, &y, &r->err);
		if (!err) {
			err = yearly_render(&y, f, path, &r->err);
			yearly_release(&y);
		}
	}
	return err;
}

enum gemis_err page_report(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit"), *fmt = http_param(r, "format"), *kind = http_param(r, "kind");
	struct yearly_opts o = {0};
	struct db *db;
	char dir[64], path[96];
	enum gemis_err err;
	int unit, year, f, review = review_kind_parse(kind);

	if (!s)
		return GEMIS_EDB;
	f = report_format_parse(fmt);
	if (f < 0)
		return http_fail(r, GEMIS_EINVAL, "%s", _("say which format: docx, pdf, xlsx or html"));
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	err = http_db(r, &db);
	if (err)
		return err;
	/* a review is held in its year unless the year is given */
	year = review >= 0 ? http_param_year(r, "year", 0) : page_year(r);
	o.now = reporting_judged_at(r);
	o.created = report_stamp();
	/* kind=action_month: the Action Month's summary (web/action_month.c);
	 * midterm, final: the reviews (report/review.h) */
	o.action_month = kind && strcmp(kind, "action_month") == 0;
	if (kind && !o.action_month && review < 0 && strcmp(kind, "yearly") != 0)
		return http_fail(r, GEMIS_EINVAL, "%s", _("kind: yearly, action_month, midterm or final"));
	err = rendered_path(r, report_format_ext((enum report_format)f), dir, path);
	if (err)
		return err;
	err = render_report(r, db, unit, year, review, &o, (enum report_format)f, path);
	return send_rendered(r, err, dir, path, content_type((enum report_format)f),
			     arena_printf(&r->arena, "%s-%s-%d.%s",
					  o.action_month ? "thang-hanh-dong"
					  : review >= 0  ? (review == REVIEW_FINAL ? "tong-ket" : "so-ket")
							 : "bao-cao",
					  s->tree.units[unit].code, year ? year : review_default_year((enum review_kind)review),
					  report_format_ext((enum report_format)f)));
}
