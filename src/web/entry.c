/*
 * entry.c: data entry and review.
 *
 *   GET  /entry?unit=&year=                    the forms a person may open
 *   GET  /entry/{unit}/{agency}/{year}         one form: fields, last period's
 *                                              values, status, history
 *   POST /entry/{unit}/{agency}/{year}         save, submit, approve, return,
 *                                              reopen (field "action")
 *   POST /entry/{unit}/{agency}/{year}/check   one field's check, for htmx
 *   GET  /review?unit=&year=                   forms waiting for approval
 *
 * A form is built from the plan's assignments (store/submissions.h).  Each
 * field is an input named v_N (N its index in the form); a value is checked
 * as the CSV importer checks it (values_parse_fields()) and the form as a
 * batch (validate_rows()), and every problem is shown next to its field,
 * in the person's language.  Without JavaScript the whole form is posted and
 * comes back with the messages; with htmx a field is checked when it
 * changes.  The form carries the version it was opened at, so that a save
 * over someone else's newer one is refused with who and when.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/deadline.h"
#include "formats/values_csv.h"
#include "report/progress.h"
#include "report/reporting.h"
#include "store/submissions.h"
#include "store/values.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

static const char *agency_name(struct http_req *r, int a)
{
	return r->lang == LANG_EN ? agency_kinds[a].name_en : agency_kinds[a].name_vi;
}

/* A number as a person types it: no thousands separators, the language's
 * decimal mark. */
static const char *input_number(struct http_req *r, double v)
{
	struct buf b;
	char *s;
	size_t i;

	if (isnan(v))
		return "";
	buf_init(&b, 64);
	buf_put_number(&b, v);
	s = arena_strdup(&r->arena, buf_str(&b));
	buf_release(&b);
	for (i = 0; s && s[i]; i++) {
		if (s[i] == '.' && r->lang == LANG_VI)
			s[i] = ',';
	}
	return s ? s : "";
}

/* The state of one opened form. */
struct entry {
	int unit, agency, year;
	struct form f;
	struct submission sub;
	const char **text;   /* [nfields]: what to show in each input */
	const char **msg;    /* [nfields]: the problem of each field, or NULL */
	const char *top;     /* a message above the form, or NULL */
	size_t nproblems;    /* fields with a problem (msg), for the summary */
	bool top_ok;
	long long version;   /* the version the page carries */
};

static enum gemis_err entry_open(struct http_req *r, enum action need, struct entry *en)
{
	const char *code = http_arg(r, 0), *ag = http_arg(r, 1), *yr = http_arg(r, 2);
	struct db *db;
	enum gemis_err err;
	long y;

	memset(en, 0, sizeof(*en));
	en->agency = ag ? agency_find(ag) : -1;
	if (!yr || strlen(yr) != 4 || !text_parse_long(yr, 4, &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
		return GEMIS_ENOTFOUND;
	en->year = (int)y;
	err = http_unit(r, code, need, need == ACT_ENTER ? en->agency : -1, &en->unit);
	if (err)
		return err;
	if (en->agency < 0)
		return GEMIS_ENOTFOUND;
	err = http_db(r, &db);
	if (!err)
		err = form_build(db, &r->snap->tree, en->unit, en->agency, en->year, &en->f, &r->err);
	if (err)
		return err;
	err = submissions_get(db, &r->snap->tree, en->unit, en->agency, en->year, &en->sub, &r->err);
	if (err) {
		form_release(&en->f);
		return err;
	}
	en->version = en->sub.version;
	en->text = arena_alloc(&r->arena, (en->f.nfields + 1) * sizeof(*en->text));
	en->msg = arena_alloc(&r->arena, (en->f.nfields + 1) * sizeof(*en->msg));
	if (!en->text || !en->msg) {
		form_release(&en->f);
		return GEMIS_ENOMEM;
	}
	return GEMIS_OK;
}

/* Fills the inputs: the form's saved values, else the official ones. */
static enum gemis_err entry_fill(struct http_req *r, struct entry *en)
{
	struct db *db;
	struct value_row *rows = NULL;
	size_t n = 0, i;
	enum gemis_err err = http_db(r, &db);

	if (err)
		return err;
	if (en->sub.id) {
		err = submissions_values(db, &r->snap->tree, en->sub.id, &rows, &n, &r->err);
		if (err)
			return err;
		for (i = 0; i < n; i++) {
			int k = form_field_find(&en->f, rows[i].ind, rows[i].part, rows[i].sex, rows[i].period);

			if (k >= 0)
				en->text[k] = input_number(r, rows[i].value);
		}
		free(rows);
		return GEMIS_OK;
	}
	for (i = 0; i < en->f.nfields; i++) {
		const struct form_field *x = &en->f.fields[i];
		double v;
		bool found;

		err = values_get(db, &r->snap->tree, en->unit, x->period, x->ind, x->part, x->sex, &v, &found,
				 &r->err);
		if (err)
			return err;
		if (found)
			en->text[i] = input_number(r, v);
	}
	return GEMIS_OK;
}

static period_t previous_period(period_t p)
{
	int y = period_year(p);

	if (period_kind(p) == PERIOD_QUARTER)
		return period_index(p) == 1 ? period_quarter(y - 1, 4) : period_quarter(y, period_index(p) - 1);
	if (period_kind(p) == PERIOD_MONTH)
		return period_index(p) == 1 ? period_month(y - 1, 12) : period_month(y, period_index(p) - 1);
	return period_year_code(y - 1);
}

/* The form's deadline and where it stands, as the reporting page and the
 * dashboard count it (report/reporting.h): a form kept from an earlier
 * plan is due on that plan's deadline, not on the plan in force now. */
static void form_deadline(struct http_req *r, const struct entry *en)
{
	struct rep_result rep = {0};
	const struct rep_form *f = NULL;
	struct db *db;
	char due[DATE_TEXT_LEN];
	size_t i;

	if (!http_db(r, &db) &&
	    !reporting_load(db, &r->snap->tree, en->unit, en->year, reporting_judged_at(r), &r->arena, &rep, NULL)) {
		for (i = 0; i < rep.nforms && !f; i++) {
			if (rep.forms[i].unit == en->unit && rep.forms[i].agency == en->agency)
				f = &rep.forms[i];
		}
	}
	if (f) {
		/* a plan without a deadline: the state says "no date set" */
		if (f->has_due)
			date_format_dmy((struct date){f->due_year, f->due_month, f->due_day}, due);
		html(r, "<p class=\"deadline\">%s %s · <span class=\"form-%s\">%s</span></p>", _("Deadline"),
		     f->has_due ? due : "–", form_state_id(f->state), form_state_name(f->state));
	} else if (en->f.deadline_day && en->f.deadline_month) {
		struct deadline dl = deadline_of_plan(en->f.deadline_day, en->f.deadline_month, NULL);

		date_format_dmy(deadline_due(&dl, period_year_code(en->year)), due);
		html(r, "<p class=\"deadline\">%s %s</p>", _("Deadline"), due);
	}
	rep_result_release(&rep);
}

/* A box's number, or false when it is empty or not a number. */
static bool box_number(const struct entry *en, int fi, double *out)
{
	const char *t = fi >= 0 ? en->text[fi] : NULL;

	return t && *t && text_parse_number(t, strlen(t), out);
}

/* Below a ratio's boxes, the rate they make (numerator / denominator ×
 * factor, as the engine computes it), per sex and overall, for each
 * period: what the focal point judges before approving, and what the
 * reporter sees after saving.  Each <output> names its boxes (data-num,
 * data-den: their ids, a pair per sex for the overall rate) and its row
 * the factor and the unit's words (data-factor, data-suffix), so that
 * app.js recomputes the rate while someone types, without the network. */
static void rate_rows(struct http_req *r, const struct entry *en, int k, const int *sexes, int ns)
{
	const struct indicator *ind = &catalog[k];
	const char *suffix;
	size_t i;

	if (ind->kind != IND_RATIO)
		return;
	suffix = strcmp(ind->unit, "%") == 0 ? "%" : arena_printf(&r->arena, " %s", measure_name(ind->unit));
	for (i = 0; i < en->f.nfields; i++) {
		const struct form_field *x = &en->f.fields[i];
		const char *nums = "", *dens = "";
		double tn = 0, td = 0;
		bool all = true;
		int sx;

		if (x->ind != k || x->part != PART_NUM || x->sex != sexes[0])
			continue;
		html(r, "<tr class=\"rate\" data-factor=\"%g\" data-suffix=\"%s\"><th scope=\"row\">%s", ind->factor,
		     suffix, _("Rate these numbers give"));
		if (period_kind(x->period) != PERIOD_YEAR)
			html(r, " <small>(%s)</small>", fmt_period(r, x->period));
		html(r, "</th>");
		for (sx = 0; sx < ns; sx++) {
			int fn = form_field_find(&en->f, k, PART_NUM, sexes[sx], x->period);
			int fd = form_field_find(&en->f, k, PART_DEN, sexes[sx], x->period);
			double n, d;
			bool ok = box_number(en, fn, &n) && box_number(en, fd, &d);

			html(r, "<td><output");
			if (fn >= 0 && fd >= 0) {
				html(r, " data-num=\"v_%d\" data-den=\"v_%d\"", fn, fd);
				nums = arena_printf(&r->arena, "%s%sv_%d", nums, *nums ? " " : "", fn);
				dens = arena_printf(&r->arena, "%s%sv_%d", dens, *dens ? " " : "", fd);
			}
			html(r, ">%s</output></td>", ok && d != 0 ? fmt_value(r, n / d * ind->factor, ind->unit) : "–");
			all = all && ok;
			if (ok) {
				tn += n;
				td += d;
			}
		}
		html(r, "</tr>");
		/* the overall row is there while boxes are empty, for the
		 * script to fill in */
		if (ns > 1)
			html(r, "<tr class=\"rate\" data-factor=\"%g\" data-suffix=\"%s\"><th scope=\"row\">%s</th>"
				"<td><output data-num=\"%s\" data-den=\"%s\">%s</output></td><td></td></tr>",
			     ind->factor, suffix, _("Overall"), nums, dens,
			     all && td != 0 ? fmt_value(r, tn / td * ind->factor, ind->unit) : "–");
	}
}

static enum gemis_err history(void *ctx, const struct sub_event *ev)
{
	struct http_req *r = ctx;
	int a = sub_action_parse(ev->action);
	/* the workflow's own word for the step (core/workflows.c) */
	const char *what = a >= 0 ? wf_action_done(&wf_form, a) : ev->action;

	html(r, "<li>%s · %s · %s", fmt_time(r, ev->at), ev->by, what);
	if (ev->comment[0])
		html(r, ": <q>%s</q>", ev->comment);
	html(r, "</li>");
	return GEMIS_OK;
}

/* The agency's explanation of an indicator for the year, which reports
 * quote: what was typed when the form comes back with problems, else what
 * is stored. */
static void explanation(struct http_req *r, struct entry *en, int ind, bool editable)
{
	char name[96];
	const char *typed;
	struct buf b;
	struct db *db;

	snprintf(name, sizeof(name), "x_%s", catalog[ind].id);
	typed = r->method == HTTP_POST ? http_param(r, name) : NULL;
	buf_init(&b, EXPLAIN_MAX * 2);
	if (!typed && !http_db(r, &db))
		value_comment_get(db, &r->snap->tree, en->unit, en->year, ind, &b, NULL);
	if (editable)
		html(r, "<label class=\"explain\">%s <textarea name=\"%s\" rows=\"2\" maxlength=\"%d\">%s</textarea></label>",
		     _("Explanation (why the figure is what it is), for the report"), name, EXPLAIN_MAX,
		     typed ? typed : buf_str(&b));
	else if (b.len)
		html(r, "<p class=\"explain\"><small>%s:</small> %s</p>", _("Explanation"), buf_str(&b));
	buf_release(&b);
}

/* The results of the agency's tasks and a short narrative: every report
 * has them (store/submissions.h). */
static void narrative(struct http_req *r, const struct entry *en, bool editable)
{
	const char *typed = r->method == HTTP_POST ? http_param(r, "narrative") : NULL;
	const char *text = typed ? typed : en->sub.narrative;

	html(r, "<fieldset class=\"narrative\"><legend id=\"narrative-label\">%s</legend>",
	     _("Results of the agency's tasks and a short narrative"));
	if (editable)
		html(r, "<textarea name=\"narrative\" id=\"narrative\" rows=\"6\" maxlength=\"%d\" "
			"aria-labelledby=\"narrative-label\" aria-describedby=\"narrative-hint\">%s</textarea>"
			"<small id=\"narrative-hint\">%s</small>",
		     SUB_NARRATIVE_MAX, text,
		     _("What was done under the plan's tasks this year, what was not and why. Needed to submit."));
	else
		html(r, "<p class=\"narrative-text\" lang=\"vi\">%s</p>", text[0] ? text : "–");
	html(r, "</fieldset>");
}

/* The message above the form: every problem, each a link to its box, or
 * what the last action did. */
static void form_message(struct http_req *r, const struct entry *en)
{
	size_t i;

	if (en->top && !en->top_ok && en->nproblems) {
		html(r, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"problems\"><h2>%s</h2><ul>", en->top);
		for (i = 0; i < en->f.nfields; i++) {
			const struct form_field *x = &en->f.fields[i];
			const struct indicator *ind = &catalog[x->ind];
			const char *part = r->lang == LANG_EN ? ind->part_en[x->part] : ind->part_vi[x->part];

			if (!en->msg[i])
				continue;
			html(r, "<li><a href=\"#v_%zu\">%s · %s", i, indicator_name(ind, r->lang), part ? part : "");
			if (ind->by_sex)
				html(r, " · %s", indicator_sex_name(ind, (enum sex)x->sex));
			if (period_kind(x->period) != PERIOD_YEAR)
				html(r, " · %s", fmt_period(r, x->period));
			html(r, "</a>: %s</li>", en->msg[i]);
		}
		html(r, "</ul></div>");
	} else if (en->top) {
		html(r, "<p class=\"%s\" role=\"%s\">%s</p>", en->top_ok ? "ok" : "error",
		     en->top_ok ? "status" : "alert", en->top);
	}
}

/* Where one indicator's boxes are in the form. */
struct grid {
	size_t k;             /* the indicator's place in en->f.inds */
	int sexes[2], ns;     /* its columns */
	const char *base;     /* the form's address */
	const char *params;   /* the indicator's boxes, for the check */
	bool editable;
	struct db *db;        /* for the previous period's values, or NULL */
};

/* Box fi in row i, column sx: the input, the previous period's value
 * and the place of its message. */
static void field_box(struct http_req *r, const struct entry *en, const struct grid *g, size_t i, int sx, int fi)
{
	const struct form_field *x = &en->f.fields[i];
	double prev = NAN;
	bool found = false;

	if (g->db)
		values_get(g->db, &r->snap->tree, en->unit, previous_period(x->period), x->ind, x->part,
			   g->sexes[sx], &prev, &found, NULL);
	html(r, "<td><input name=\"v_%d\" id=\"v_%d\" inputmode=\"decimal\" autocomplete=\"off\""
		" value=\"%s\" aria-labelledby=\"lg_%zu r_%zu c_%zu_%d\" aria-describedby=\"m_%d%s\"",
	     fi, fi, en->text[fi] ? en->text[fi] : "", g->k, i, g->k, g->sexes[sx], fi,
	     found ? arena_printf(&r->arena, " p_%d", fi) : "");
	if (en->msg[fi])
		html(r, " aria-invalid=\"true\"");
	if (!g->editable)
		html(r, " readonly");
	else
		/* the check sees the indicator's other boxes too, so
		 * that a numerator above its denominator is caught
		 * while typing; it answers for every box of the
		 * indicator (out of band) */
		html(r, " hx-post=\"%s/check\" hx-trigger=\"change\" hx-target=\"#m_%d\""
			" hx-swap=\"outerHTML\" hx-include=\"closest fieldset\" hx-params=\"%sfield\""
			" hx-vals='{\"field\": \"%d\"}'",
		     g->base, fi, g->params, fi);
	html(r, ">");
	if (found)
		html(r, "<span class=\"prev\" id=\"p_%d\">%s</span>", fi,
		     arena_printf(&r->arena, _("previous period (%s): %s"), fmt_period(r, previous_period(x->period)),
				  input_number(r, prev)));
	html(r, "<span class=\"field-msg\" id=\"m_%d\" role=\"status\">%s</span></td>", fi,
	     en->msg[fi] ? en->msg[fi] : "");
}

/* The rows of an indicator: one per period and part (fields run by
 * period, part, sex), a box per sex. */
static void field_rows(struct http_req *r, const struct entry *en, const struct grid *g)
{
	const struct indicator *ind = &catalog[en->f.inds[g->k]];
	size_t i;
	int sx;

	for (i = 0; i < en->f.nfields; i++) {
		const struct form_field *x = &en->f.fields[i];
		const char *label;

		if (x->ind != en->f.inds[g->k] || x->sex != g->sexes[0])
			continue;
		label = r->lang == LANG_EN ? ind->part_en[x->part] : ind->part_vi[x->part];
		html(r, "<tr><th scope=\"row\" id=\"r_%zu\">%s", i, label ? label : part_id(ind, x->part));
		if (period_kind(x->period) != PERIOD_YEAR)
			html(r, " <small>(%s)</small>", fmt_period(r, x->period));
		html(r, "</th>");
		for (sx = 0; sx < g->ns; sx++) {
			int fi = form_field_find(&en->f, x->ind, x->part, g->sexes[sx], x->period);

			if (fi < 0)
				html(r, "<td></td>");
			else
				field_box(r, en, g, i, sx, fi);
		}
		html(r, "</tr>");
	}
}

/* The fieldset of the k-th indicator of the form. */
static void indicator_fieldset(struct http_req *r, struct entry *en, size_t k, const char *base, bool editable,
			       struct db *db)
{
	const struct indicator *ind = &catalog[en->f.inds[k]];
	struct grid g = {.k = k, .ns = 0, .base = base, .params = "", .editable = editable, .db = db};
	size_t i;
	int sx;

	if (ind->by_sex) {
		g.sexes[g.ns++] = SEX_F;
		g.sexes[g.ns++] = SEX_M;
	} else {
		g.sexes[g.ns++] = SEX_T;
	}
	/* every box is named by its indicator, row and column heads
	 * (aria-labelledby): a screen reader says "Agencies with a
	 * female key leader, Agencies with a woman as key leader,
	 * Total", not "edit text" */
	html(r, "<fieldset><legend id=\"lg_%zu\">%s <small>(%s)</small></legend>", k, indicator_name(ind, r->lang),
	     measure_name(ind->unit));
	html(r, "<div class=\"scroll\"><table class=\"form-grid%s\"><thead><tr><td></td>", g.ns == 2 ? " by-sex" : "");
	for (sx = 0; sx < g.ns; sx++)
		html(r, "<th scope=\"col\" id=\"c_%zu_%d\">%s</th>", k, g.sexes[sx], indicator_sex_name(ind, (enum sex)g.sexes[sx]));
	html(r, "</tr></thead><tbody>");
	for (i = 0; i < en->f.nfields; i++) {
		if (en->f.fields[i].ind == en->f.inds[k])
			g.params = arena_printf(&r->arena, "%sv_%zu,", g.params, i);
	}
	field_rows(r, en, &g);
	rate_rows(r, en, en->f.inds[k], g.sexes, g.ns);
	html(r, "</tbody></table></div>");
	explanation(r, en, en->f.inds[k], editable);
	html(r, "</fieldset>");
}

/* The buttons: what wf_form lets this account do in the form's state. */
static void form_actions(struct http_req *r, const struct entry *en, bool editable)
{
	const struct snapshot *s = r->snap;
	bool signed_in = r->signed_in;
	int st = (int)en->sub.status;
	bool can_approve = signed_in && wf_permitted(&wf_form, &s->tree, &r->who, SUB_APPROVE, en->unit, en->agency);
	bool may_decide = signed_in && wf_may(&wf_form, &s->tree, &r->who, st, SUB_APPROVE, en->unit, en->agency);
	bool may_reopen = signed_in && wf_may(&wf_form, &s->tree, &r->who, st, SUB_REOPEN, en->unit, en->agency);

	html(r, "<div class=\"actions\">");
	if (editable) {
		html(r, "<button type=\"submit\" name=\"action\" value=\"save\" class=\"secondary\">%s</button>",
		     _("Save draft"));
		html(r, "<button type=\"submit\" name=\"action\" value=\"submit\">%s</button>", _("Submit"));
	}
	if (may_decide) {
		html(r, "<button type=\"submit\" name=\"action\" value=\"approve\">%s</button>", _("Approve"));
		html(r, "<label>%s <textarea name=\"comment\" rows=\"2\" maxlength=\"%d\"></textarea></label>",
		     _("Comment (needed to return the form)"), SUB_COMMENT_MAX);
		html(r, "<button type=\"submit\" name=\"action\" value=\"return\" class=\"danger\">%s</button>",
		     _("Return"));
	}
	if (may_reopen) {
		html(r, "<label>%s <textarea name=\"comment\" rows=\"2\" maxlength=\"%d\"></textarea></label>",
		     _("Why it is reopened"), SUB_COMMENT_MAX);
		html(r, "<button type=\"submit\" name=\"action\" value=\"reopen\" class=\"secondary\">%s</button>",
		     _("Reopen"));
	}
	if (en->sub.status == SUB_APPROVED)
		html(r, "<p class=\"hint\">%s</p>", _("Approved: the values are official and locked until the focal point reopens the form."));
	else if (en->sub.status == SUB_SUBMITTED && !can_approve)
		html(r, "<p class=\"hint\">%s</p>", _("Submitted: waiting for the focal point's approval."));
	html(r, "</div></form>");
}

static void render_form(struct http_req *r, struct entry *en)
{
	const struct snapshot *s = r->snap;
	const struct unit *u = &s->tree.units[en->unit];
	bool editable = r->signed_in && wf_may(&wf_form, &s->tree, &r->who, (int)en->sub.status, SUB_SAVE, en->unit,
					       en->agency);
	const char *base = arena_printf(&r->arena, "/entry/%s/%s/%d", u->code, agency_kinds[en->agency].id,
					en->year);
	struct db *db;
	size_t k;

	page_begin(r, arena_printf(&r->arena, "%s · %s %d", agency_name(r, en->agency), u->short_name, en->year),
		   en->unit);
	html(r, "<nav class=\"crumbs\"><a href=\"/entry?unit=%s&amp;year=%d\">%s</a> › %s</nav>", u->code,
	     en->year, _("Data entry"), u->name);
	html(r, "<h1>%s <small>%s · %d</small></h1>", agency_name(r, en->agency), u->name, en->year);
	html(r, "<p>%s: <span class=\"sub sub-%s\">%s</span>", _("Form status"), sub_status_id(en->sub.status),
	     sub_status_name(en->sub.status));
	if (en->sub.version)
		html(r, " · %s %s, %s", _("last changed by"), en->sub.updated_by, fmt_time(r, en->sub.updated_at));
	html(r, "</p>");
	form_deadline(r, en);
	form_message(r, en);
	local_link(r, en->unit, en->year, agency_kinds[en->agency].id);
	if (en->sub.status == SUB_RETURNED && en->sub.comment[0])
		html(r, "<p class=\"error\">%s %s: <q>%s</q></p>", _("Returned by"), en->sub.decided_by,
		     en->sub.comment);
	if (!en->f.has_plan && en->f.nfields == 0) {
		html(r, "<p>%s</p>", _("This unit has no plan in force: no forms are expected."));
		page_end(r);
		return;
	}
	if (!en->f.owes) {
		html(r, "<p>%s</p>", _("The plan in force gives this agency no duties: it owes no report."));
		page_end(r);
		return;
	}
	/* data-offline: the page a kept entry of this form is sent from
	 * (web/static/offline.js) */
	html(r, "<form method=\"post\" action=\"%s\" class=\"entry\" novalidate data-offline=\"%s\">", base, base);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", en->version);
	if (en->f.nfields == 0)
		html(r, "<p>%s</p>", _("The plan gives this agency duties but no indicators: its report is the results of its tasks and a short narrative."));
	narrative(r, en, editable);
	http_db(r, &db);
	for (k = 0; k < en->f.ninds; k++)
		indicator_fieldset(r, en, k, base, editable, db);
	form_actions(r, en, editable);
	if (en->sub.id && db) {
		html(r, "<section><h2>%s</h2><ol class=\"history\">", _("History"));
		submissions_events(db, en->sub.id, history, r, NULL);
		html(r, "</ol></section>");
	}
	page_end(r);
}

enum gemis_err page_entry_form(struct http_req *r)
{
	struct entry en;
	const char *done = http_param(r, "done");
	enum gemis_err err;

	err = entry_open(r, ACT_READ, &en);
	if (err)
		return err;
	err = entry_fill(r, &en);
	if (!err) {
		if (done) {
			int a = sub_action_parse(done);

			en.top_ok = true;
			en.top = a == SUB_SAVE     ? _("Saved as a draft.")
				 : a == SUB_SUBMIT  ? _("Submitted for approval.")
				 : a == SUB_APPROVE ? _("Approved: the values are now official.")
				 : a == SUB_RETURN  ? _("Returned to the agency.")
				 : a == SUB_REOPEN  ? _("Reopened: the form can be changed again.")
						    : NULL;
		}
		render_form(r, &en);
	}
	form_release(&en.f);
	return err;
}

/* Reads the posted fields into rows; problems go to en->msg by field. */
static size_t read_fields(struct http_req *r, struct entry *en, struct value_row *rows, struct diags *d)
{
	const struct tree *t = &r->snap->tree;
	size_t i, n = 0;

	for (i = 0; i < en->f.nfields; i++) {
		const struct form_field *x = &en->f.fields[i];
		char name[32], per[16];
		const char *v;
		char *tv;

		snprintf(name, sizeof(name), "v_%zu", i);
		v = http_param(r, name);
		en->text[i] = v;
		if (!v)
			continue;
		tv = arena_strdup(&r->arena, v);
		if (!tv || !*text_trim(tv))
			continue;
		period_format(x->period, per, sizeof(per));
		if (values_parse_fields(t, t->units[en->unit].code, per, catalog[x->ind].id,
					part_id(&catalog[x->ind], x->part), sex_id((enum sex)x->sex), text_trim(tv),
					(long)i + 1, &rows[n], d))
			n++;
	}
	return n;
}

/* On a submission, a problem for each box left empty. */
static void missing_fields(struct http_req *r, struct entry *en, struct diags *d)
{
	size_t i;

	for (i = 0; i < en->f.nfields; i++) {
		char name[32];
		const char *v;
		char *tv;

		snprintf(name, sizeof(name), "v_%zu", i);
		v = http_param(r, name);
		tv = v ? arena_strdup(&r->arena, v) : NULL;
		if (!tv || !*text_trim(tv))
			diags_add(d, (long)i + 1, "value", _("every field must be filled in before the form is submitted"));
	}
}

/* A checker's message for a person at a form: the indicator by its name,
 * not by the catalog id the importers' messages quote. */
static const char *for_people(struct http_req *r, const char *msg, int ind)
{
	const char *id = catalog[ind].id, *at = strstr(msg, id);

	if (!at)
		return msg;
	return arena_printf(&r->arena, "%.*s%s%s", (int)(at - msg), msg, indicator_name(&catalog[ind], r->lang),
			    at + strlen(id));
}

/* Each field's problems, all of them, next to it. */
static void diags_to_fields(struct http_req *r, struct entry *en, const struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		long line = d->d[i].line;
		const char *msg;

		if (line < 1 || (size_t)line > en->f.nfields)
			continue;
		msg = for_people(r, d->d[i].msg, en->f.fields[line - 1].ind);
		if (!en->msg[line - 1])
			en->msg[line - 1] = msg;
		else if (!strstr(en->msg[line - 1], msg))
			en->msg[line - 1] = arena_printf(&r->arena, "%s; %s", en->msg[line - 1], msg);
	}
}

/* A save's or submission's boxes read into rows (*n of them); when some do
 * not read, the others are still checked together and, on a submission,
 * every empty box is named: all problems in one round (d).
 * GEMIS_ENOMEM rather than problems found in part. */
static enum gemis_err read_form(struct http_req *r, struct entry *en, int a, struct value_row *rows, size_t *n,
				struct diags *d)
{
	enum gemis_err err;

	*n = read_fields(r, en, rows, d);
	if (d->total == 0)
		return GEMIS_OK;
	err = validate_rows(rows, *n, NULL, NULL, d, NULL);
	if (err)
		return err; /* out of memory: the problems found would be incomplete */
	if (a == SUB_SUBMIT)
		missing_fields(r, en, d);
	return GEMIS_OK;
}

/* The explanations typed under the form's indicators, by indicator (the
 * request's arena), or NULL when out of memory. */
static const char **typed_explanations(struct http_req *r, const struct entry *en)
{
	const char **explain = arena_alloc(&r->arena, catalog_n() * sizeof(*explain));
	size_t k;

	for (k = 0; explain && k < en->f.ninds; k++) {
		char name[96];

		snprintf(name, sizeof(name), "x_%s", catalog[en->f.inds[k]].id);
		explain[en->f.inds[k]] = http_param(r, name);
	}
	return explain;
}

/* The form again, with what the person typed and the problems (d and
 * the error of the request). */
static enum gemis_err form_again(struct http_req *r, struct entry *en, int a, const struct diags *d,
				 enum gemis_err err)
{
	if (a != SUB_SAVE && a != SUB_SUBMIT) {
		enum gemis_err ferr = entry_fill(r, en);

		if (ferr)
			return ferr;
	}
	diags_to_fields(r, en, d);
	for (size_t i = 0; i < en->f.nfields; i++)
		en->nproblems += en->msg[i] != NULL;
	en->top = r->err.msg[0] ? r->err.msg : NULL;
	if (d->n > 0 && en->f.nfields && d->d[0].line == 0)
		en->top = d->d[0].msg;
	render_form(r, en);
	return http_keep_body(r, err);
}

enum gemis_err page_entry_post(struct http_req *r)
{
	struct entry en;
	struct diags d;
	struct submission out;
	struct sub_request rq;
	struct value_row *rows = NULL;
	struct db *db;
	const char *act = http_param_or(r, "action", ""), *ver = http_param_or(r, "version", "0");
	enum gemis_err err;
	int a = sub_action_parse(act);
	long v = 0;
	size_t n = 0;

	if (a < 0)
		return http_fail(r, GEMIS_EINVAL, "%s", _("unknown action"));
	err = entry_open(r, wf_form.actions[a].right, &en);
	if (err)
		return err;
	diags_init(&d, 500);
	text_parse_long(ver, strlen(ver), &v);
	if (a == SUB_SAVE || a == SUB_SUBMIT) {
		rows = calloc(en.f.nfields ? en.f.nfields : 1, sizeof(*rows));
		err = rows ? read_form(r, &en, a, rows, &n, &d) : GEMIS_ENOMEM;
		if (err)
			goto out;
	}
	err = http_db(r, &db);
	if (err)
		goto out;
	if (d.total == 0) {
		memset(&rq, 0, sizeof(rq));
		rq.unit = en.unit;
		rq.agency = en.agency;
		rq.year = en.year;
		rq.action = (enum sub_action)a;
		rq.version = v;
		rq.rows = rows;
		rq.n = n;
		rq.comment = http_param(r, "comment");
		rq.form = &en.f; /* read by entry_open, on this connection */
		if (a == SUB_SAVE || a == SUB_SUBMIT) {
			rq.narrative = http_param(r, "narrative");
			rq.explain = typed_explanations(r, &en);
		}
		err = submissions_act(db, &r->snap->tree, &r->who, &rq, &d, &out, &r->err);
		if (!err) {
			if (a == SUB_APPROVE)
				http_data_changed(r);
			err = http_redirect(r, arena_printf(&r->arena, "/entry/%s/%s/%d?done=%s",
							    r->snap->tree.units[en.unit].code,
							    agency_kinds[en.agency].id, en.year, act));
			goto out;
		}
		if (err != GEMIS_EINVAL && err != GEMIS_ECONFLICT)
			goto out;
	} else {
		err = http_fail(r, GEMIS_EINVAL,
				ngettext_("%zu problem in the form; nothing was saved",
					  "%zu problems in the form; nothing was saved", d.total),
				d.total);
	}
	err = form_again(r, &en, a, &d, err);
out:
	free(rows);
	diags_release(&d);
	form_release(&en.f);
	return err;
}

enum gemis_err page_entry_check(struct http_req *r)
{
	struct entry en;
	struct diags d;
	struct value_row *rows;
	const struct tree *t;
	const char *fp = http_param_or(r, "field", "");
	enum gemis_err err;
	size_t i, n = 0;
	long field = -1;
	bool *sent;

	err = entry_open(r, ACT_ENTER, &en);
	if (err)
		return err;
	t = &r->snap->tree;
	diags_init(&d, 100);
	r->ctype = "text/html; charset=utf-8";
	rows = arena_alloc(&r->arena, (en.f.nfields + 1) * sizeof(*rows));
	sent = arena_alloc(&r->arena, (en.f.nfields + 1) * sizeof(*sent));
	if (!rows || !sent) {
		form_release(&en.f);
		diags_release(&d);
		return GEMIS_ENOMEM;
	}
	memset(sent, 0, (en.f.nfields + 1) * sizeof(*sent));
	/* the boxes sent (the indicator's), checked one by one and together */
	for (i = 0; i < en.f.nfields; i++) {
		const struct form_field *x = &en.f.fields[i];
		char name[32], per[16];
		const char *v;
		char *tv;

		snprintf(name, sizeof(name), "v_%zu", i);
		v = http_param(r, name);
		if (!v)
			continue;
		sent[i] = true;
		tv = arena_strdup(&r->arena, v);
		if (!tv || !*text_trim(tv))
			continue;
		period_format(x->period, per, sizeof(per));
		if (values_parse_fields(t, t->units[en.unit].code, per, catalog[x->ind].id,
					part_id(&catalog[x->ind], x->part), sex_id((enum sex)x->sex), text_trim(tv),
					(long)i + 1, &rows[n], &d))
			n++;
	}
	/* out of memory: no answer rather than one that misses a problem */
	err = validate_rows(rows, n, NULL, NULL, &d, NULL);
	if (err) {
		form_release(&en.f);
		diags_release(&d);
		return err;
	}
	diags_to_fields(r, &en, &d);
	text_parse_long(fp, strlen(fp), &field);
	/* the changed box's message in place, the others out of band */
	for (i = 0; i < en.f.nfields; i++) {
		if (!sent[i] && (long)i != field)
			continue;
		html(r, "<span class=\"field-msg\" id=\"m_%zu\" role=\"status\"", i);
		if ((long)i != field)
			html(r, " hx-swap-oob=\"true\"");
		html(r, ">%s</span>", en.msg[i] ? en.msg[i] : "");
	}
	diags_release(&d);
	form_release(&en.f);
	return GEMIS_OK;
}

/* --- the list of forms ---------------------------------------------------- */

static void form_link(struct http_req *r, int unit, int agency, int year)
{
	struct db *db;
	struct submission s;

	if (http_db(r, &db) || submissions_get(db, &r->snap->tree, unit, agency, year, &s, NULL))
		s.status = SUB_NONE;
	html(r, "<tr><td><a href=\"/entry/%s/%s/%d\">%s</a></td><td><span class=\"sub sub-%s\">%s</span></td>"
		"<td>%s</td></tr>",
	     r->snap->tree.units[unit].code, agency_kinds[agency].id, year, agency_name(r, agency),
	     sub_status_id(s.status), sub_status_name(s.status),
	     s.status == SUB_NONE ? "–" : fmt_time(r, s.updated_at));
}

enum gemis_err page_entry_list(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct db *db;
	struct form dl;
	int unit, year, *ag = NULL, y;
	size_t n = 0, i;
	enum gemis_err err;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	year = http_year_or_this(r);
	page_begin(r, _("Data entry"), unit);
	html(r, "<div class=\"head\"><h1>%s <small>%s · %d</small></h1>", _("Data entry"),
	     s->tree.units[unit].name, year);
	html(r, "<form method=\"get\" action=\"/entry\" class=\"picker\"><input type=\"hidden\" name=\"unit\" value=\"%s\">"
		"<label>%s <select name=\"year\">",
	     s->tree.units[unit].code, _("Year"));
	for (y = http_today(r) / 10000; y >= http_today(r) / 10000 - 5; y--)
		html(r, "<option%s>%d</option>", y == year ? " selected" : "", y);
	html(r, "</select></label> <button type=\"submit\">%s</button></form></div>", _("Show"));
	if (s->tree.units[unit].first_child >= 0) {
		html(r, "<p>%s</p>", _("Forms belong to communes and wards: choose one."));
		html(r, "<ul class=\"cols\">");
		for (int c = s->tree.units[unit].first_child; c >= 0; c = s->tree.units[c].next_sibling)
			html(r, "<li><a href=\"/entry?unit=%s&amp;year=%d\">%s</a></li>", s->tree.units[c].code, year,
			     s->tree.units[c].short_name);
		html(r, "</ul>");
		page_end(r);
		return GEMIS_OK;
	}
	err = http_db(r, &db);
	if (!err)
		err = forms_expected(db, &s->tree, unit, year, &ag, &n, &dl, &r->err);
	if (err)
		return err;
	if (!dl.has_plan && n == 0)
		html(r, "<p>%s</p>", _("This unit has no plan in force: no forms are expected."));
	else if (n == 0)
		html(r, "<p>%s</p>", _("The plan assigns no indicators to agencies."));
	else {
		html(r, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", _("Agency"),
		     _("Form status"), _("Last change"));
		for (i = 0; i < n; i++) {
			if (r->who.role == ROLE_REPORTER && ag[i] != r->who.agency)
				continue;
			form_link(r, unit, ag[i], year);
		}
		html(r, "</tbody></table>");
		if (r->who.role == ROLE_REPORTER) {
			bool mine = false;

			for (i = 0; i < n; i++)
				mine |= ag[i] == r->who.agency;
			if (!mine)
				html(r, "<p>%s</p>", _("The plan in force gives your agency no indicators to report."));
		}
	}
	free(ag);
	page_end(r);
	return GEMIS_OK;
}

struct review_ctx {
	struct http_req *r;
	int shown;
	bool waiting_only;
};

static enum gemis_err review_row(void *ctx, const struct submission *sub)
{
	struct review_ctx *c = ctx;
	struct http_req *r = c->r;
	const struct unit *u = &r->snap->tree.units[sub->unit];

	if (c->waiting_only && sub->status != SUB_SUBMITTED)
		return GEMIS_OK;
	c->shown++;
	html(r, "<tr><td>%s</td><td><a href=\"/entry/%s/%s/%d\">%s</a></td><td><span class=\"sub sub-%s\">%s</span></td>"
		"<td>%s</td><td>%s</td></tr>",
	     u->short_name, u->code, agency_kinds[sub->agency].id, sub->year, agency_name(r, sub->agency),
	     sub_status_id(sub->status), sub_status_name(sub->status),
	     sub->submitted_by[0] ? sub->submitted_by : "–", fmt_time(r, sub->updated_at));
	return GEMIS_OK;
}

enum gemis_err page_review(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct review_ctx c = {r, 0, false};
	struct db *db;
	int unit, year;
	enum gemis_err err;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	year = http_year_or_this(r);
	err = http_db(r, &db);
	if (err)
		return err;
	page_begin(r, _("Review"), unit);
	html(r, "<h1>%s <small>%s · %d</small></h1>", _("Forms to review"), s->tree.units[unit].name, year);
	html(r, "<div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("Unit"), _("Agency"), _("Form status"), _("Submitted by"), _("Last change"));
	c.waiting_only = true;
	err = submissions_list(db, &s->tree, unit, year, review_row, &c, &r->err);
	html(r, "</tbody></table></div>");
	if (!err && c.shown == 0)
		html(r, "<p>%s</p>", _("No form is waiting for approval."));
	html(r, "<h2>%s</h2><div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	     _("Every form of the year"), _("Unit"), _("Agency"), _("Form status"), _("Submitted by"), _("Last change"));
	c.waiting_only = false;
	c.shown = 0;
	if (!err)
		err = submissions_list(db, &s->tree, unit, year, review_row, &c, &r->err);
	html(r, "</tbody></table></div>");
	page_end(r);
	return err;
}
