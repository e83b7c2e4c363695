/*
 * local.c: a unit's own indicators (store/local_indicators.h), the
 * numeric targets of its plan outside the catalog.
 *
 *   GET  /units/{code}/local?year=      the unit's local indicators: their
 *                                       goal, owing agency, target, the
 *                                       year's value and status, and for
 *                                       who may enter for the owing agency
 *                                       a form to record the year's value
 *   POST /units/{code}/local/{label}    records a value (value, note, year,
 *                                       version): 303 back to the page, or
 *                                       the page again naming the field
 *
 * The rules (who may record, versions, the lock of the agency's approved
 * form) are the store's local_record(), as for task progress (tasks.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/progress.h"
#include "store/local_indicators.h"
#include "store/task_progress.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

struct local_page {
	int unit, year;
	struct local_list l;
	/* after a refused post: the row it was for, what was typed and why */
	int seq;
	const char *top;
	bool top_ok;
	const char **problems;
	size_t nproblems;
};

static enum gemis_err local_open(struct http_req *r, struct local_page *lp)
{
	struct db *db;
	enum gemis_err err;

	memset(lp, 0, sizeof(*lp));
	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &lp->unit);
	if (err)
		return err;
	lp->year = http_year_or_this(r);
	err = http_db(r, &db);
	if (!err)
		err = local_list(db, &r->snap->tree, lp->unit, &lp->l, &r->err);
	return err;
}

static const char *local_target_text(struct http_req *r, const struct local_indicator *x)
{
	if (!x->target.has_value)
		return "–";
	return fmt_target(r, &x->target, x->unit);
}

/* The form of one row: the year's value, a note, the version seen. */
static void row_form(struct http_req *r, const struct local_page *lp, const struct local_indicator *x,
		     const struct local_value *v)
{
	const char *code = r->snap->tree.units[lp->unit].code;
	bool again = r->method == HTTP_POST && lp->seq == x->seq;
	const char *typed_value = again ? http_param(r, "value") : NULL, *typed_note = again ? http_param(r, "note") : NULL;
	char label[16], num[48] = "";

	local_label(x->seq, label, sizeof(label));
	if (v)
		snprintf(num, sizeof(num), "%g", v->value);
	html(r, "<form method=\"post\" action=\"/units/%s/local/%s\" class=\"quick local-form\">", code, label);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"year\" value=\"%d\"><input type=\"hidden\" name=\"version\" value=\"%lld\">",
	     lp->year, v ? v->id : 0LL);
	html(r, "<label>%s <input name=\"value\" inputmode=\"decimal\" size=\"8\" value=\"%s\" required></label>",
	     _("Value"), typed_value ? typed_value : num);
	html(r, "<label>%s <input name=\"note\" maxlength=\"%d\" value=\"%s\"></label>", _("Note"), LOCAL_NOTE_MAX,
	     typed_note ? typed_note : v && v->note ? v->note : "");
	html(r, "<button type=\"submit\">%s</button></form>", _("Save"));
}

/* The last cell: the form, the lock, or nothing for a reader. */
static void row_action(struct http_req *r, const struct local_page *lp, const struct local_indicator *x,
		       const struct local_value *v)
{
	int ag = agency_find(x->agency);
	bool locked = false;
	struct db *db;

	if (ag < 0 || !http_can(r, ACT_ENTER, lp->unit, ag))
		return;
	if (!http_db(r, &db))
		task_year_locked(db, &r->snap->tree, lp->unit, x->agency, lp->year, &locked, NULL);
	if (locked)
		html(r, "<p class=\"hint\">%s</p>",
		     _("The results of this year went up with the agency's approved form: they are locked until the focal point reopens it."));
	else
		row_form(r, lp, x, v);
}

static void local_row(struct http_req *r, const struct local_page *lp, const struct local_indicator *x, bool forms)
{
	const struct local_value *v = local_value_of(x, lp->year);
	struct assessment a;
	char label[16];

	local_assess(x, lp->year, &a);
	local_label(x->seq, label, sizeof(label));
	html(r, "<tr id=\"%s\"%s><th scope=\"row\">%s</th><td><span lang=\"vi\">%s</span>", label,
	     x->in_force ? "" : " class=\"retired\"", label, x->name);
	if (!x->in_force)
		html(r, " <small class=\"hint\">(%s)</small>", _("out of force"));
	html(r, "</td><td>%s</td><td>%s</td>", goal_name((enum goal)x->goal, r->lang),
	     web_agency_name(r, agency_find(x->agency)));
	html(r, "<td>%s</td><td class=\"num\">%s", local_target_text(r, x), v ? fmt_value(r, v->value, x->unit) : "–");
	if (v && v->note)
		html(r, "<br><small lang=\"vi\">%s</small>", v->note);
	if (v)
		html(r, "<br><small>%s · %s</small>", fmt_who(r, v->by), fmt_time(r, v->at));
	html(r, "</td><td>");
	status_badge_year(r, &a, lp->year);
	html(r, "</td>");
	if (forms) {
		html(r, "<td>");
		row_action(r, lp, x, v);
		html(r, "</td>");
	}
	html(r, "</tr>");
}

/* True when the account may record on any of the list's indicators. */
static bool any_form(struct http_req *r, const struct local_page *lp)
{
	size_t i;

	for (i = 0; i < lp->l.n; i++) {
		int ag = agency_find(lp->l.v[i].agency);

		if (ag >= 0 && http_can(r, ACT_ENTER, lp->unit, ag))
			return true;
	}
	return false;
}

static void render_local(struct http_req *r, const struct local_page *lp)
{
	const struct unit *u = &r->snap->tree.units[lp->unit];
	bool forms = any_form(r, lp);
	size_t i;

	page_begin(r, arena_printf(&r->arena, "%s · %s", _("Local indicators"), u->short_name), lp->unit);
	html(r, "<nav class=\"crumbs\"><a href=\"/?unit=%s&amp;year=%d\">%s</a> › <a href=\"/plan/%s\">%s</a></nav>",
	     u->code, lp->year, u->name, u->code, _("Plan"));
	html(r, "<div class=\"head\"><h1>%s <small>%s · %d</small></h1></div>", _("Local indicators"), u->name, lp->year);
	if (lp->top)
		html(r, "<p class=\"%s\" role=\"%s\">%s</p>", lp->top_ok ? "ok" : "error", lp->top_ok ? "status" : "alert",
		     lp->top);
	for (i = 0; i < lp->nproblems; i++)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", lp->problems[i]);
	html(r, "<p class=\"hint\">%s</p>",
	     _("The numeric targets of the unit's plan outside the national indicators: the unit's own, recorded by the agency that owes them, never summed over units."));
	if (!lp->l.n) {
		html(r, "<p class=\"empty\">%s</p>", _("The commune's plan has no targets of its own"));
		page_end(r);
		return;
	}
	html(r, "<div class=\"scroll\"><table class=\"local\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th><th class=\"num\">%s %d</th><th>%s</th>",
	     _("Label"), _("Indicator"), _("Goal"), _("Agency"), _("Target"), _("Value"), lp->year, _("Status"));
	if (forms)
		html(r, "<th>%s</th>", _("Record"));
	html(r, "</tr></thead><tbody>");
	for (i = 0; i < lp->l.n; i++)
		local_row(r, lp, &lp->l.v[i], forms);
	html(r, "</tbody></table></div>");
	page_end(r);
}

enum gemis_err page_local(struct http_req *r)
{
	struct local_page lp;
	enum gemis_err err = local_open(r, &lp);

	if (!err) {
		if (http_param(r, "done")) {
			lp.top_ok = true;
			lp.top = _("Saved.");
		}
		render_local(r, &lp);
	}
	local_list_release(&lp.l);
	return err;
}

/* The number posted in field `name`, or a problem in d naming it. */
static bool posted_number(struct http_req *r, const char *name, double *out, struct diags *d)
{
	const char *s = http_param(r, name);

	if (!s || !*s) {
		diags_add(d, 0, name, "%s", _("the value is missing"));
		return false;
	}
	if (!text_parse_number(s, strlen(s), out) || !isfinite(*out)) {
		diags_add(d, 0, name, _("'%s' is not a number"), s);
		return false;
	}
	return true;
}

/* A field of the form for people. */
static const char *field_label(const char *field)
{
	if (strcmp(field, "value") == 0)
		return _("Value");
	if (strcmp(field, "note") == 0)
		return _("Note");
	if (strcmp(field, "year") == 0)
		return _("Year");
	if (strcmp(field, "version") == 0)
		return _("Version");
	return field;
}

/* The page again after a refused post, with what was typed and why. */
static enum gemis_err refused(struct http_req *r, struct local_page *lp, int seq, enum gemis_err err,
			      const struct diags *d)
{
	size_t i;

	lp->seq = seq;
	lp->top = r->err.msg[0] ? r->err.msg : NULL;
	lp->problems = arena_alloc(&r->arena, (d->n + 1) * sizeof(*lp->problems));
	for (i = 0; lp->problems && i < d->n; i++)
		lp->problems[lp->nproblems++] = arena_printf(&r->arena, "%s: %s", field_label(d->d[i].field), d->d[i].msg);
	if (!lp->top && !lp->nproblems)
		lp->top = _("Nothing was saved.");
	render_local(r, lp);
	return http_keep_body(r, err);
}

enum gemis_err page_local_post(struct http_req *r)
{
	struct local_page lp;
	const struct local_indicator *x;
	const char *ver = http_param_or(r, "version", "0"), *yr = http_param(r, "year");
	struct diags d;
	struct db *db;
	double value = 0;
	long v = 0, year = 0;
	long long id = 0;
	int seq = local_label_parse(http_arg(r, 1)), ag;
	enum gemis_err err = local_open(r, &lp);

	diags_init(&d, 20);
	if (err)
		goto out;
	x = seq > 0 ? local_find(&lp.l, seq) : NULL;
	ag = x ? agency_find(x->agency) : -1;
	/* who may record: the owing agency's reporter, the focal point, the
	 * admin; a label that is not one is a 404 to those who may record for
	 * some agency of the unit, a 403 to the others */
	if (!x) {
		err = web_may_enter_any(r, lp.unit) ? GEMIS_ENOTFOUND
						: http_fail(r, GEMIS_EPERM, "%s",
							    _("you may not record values for the agency that owes this indicator"));
		goto out;
	}
	if (ag < 0 || !http_can(r, ACT_ENTER, lp.unit, ag)) {
		err = http_fail(r, GEMIS_EPERM, "%s", _("you may not record values for the agency that owes this indicator"));
		goto out;
	}
	if (yr && (!text_parse_long(yr, strlen(yr), &year) || year < 1900 || year > 2100))
		diags_add(&d, 0, "year", _("'%s' is not a year"), yr);
	lp.year = yr && year ? (int)year : lp.year;
	if (!text_parse_long(ver, strlen(ver), &v))
		diags_add(&d, 0, "version", _("'%s' is not a record id"), ver);
	if (posted_number(r, "value", &value, &d) && !d.n) {
		err = http_db(r, &db);
		if (!err)
			err = local_record(db, &r->snap->tree, &r->who, lp.unit, seq, lp.year, value, http_param(r, "note"),
					   v, r->now, &d, &id, &r->err);
	} else {
		err = GEMIS_EINVAL;
	}
	if (!err) {
		char label[16];

		err = http_redirect(r, arena_printf(&r->arena, "/units/%s/local?year=%d&done=1#%s", r->snap->tree.units[lp.unit].code,
						    lp.year, local_label(seq, label, sizeof(label))));
	} else if (err == GEMIS_EINVAL || err == GEMIS_ECONFLICT) {
		err = refused(r, &lp, seq, err, &d);
	}
out:
	diags_release(&d);
	local_list_release(&lp.l);
	return err;
}

/* "2 local indicators", linked to the page; nothing when the unit has
 * none or they cannot be read. */
void local_link(struct http_req *r, int unit, int year, const char *agency)
{
	struct local_list l;
	struct errctx e;
	struct db *db;
	size_t i, n, owed = 0;

	memset(&l, 0, sizeof(l));
	memset(&e, 0, sizeof(e));
	if (http_db(r, &db) || local_list(db, &r->snap->tree, unit, &l, &e) != GEMIS_OK || !l.n) {
		local_list_release(&l);
		return;
	}
	n = l.n;
	for (i = 0; i < l.n; i++) {
		owed += agency && l.v[i].in_force && strcmp(l.v[i].agency, agency) == 0;
	}
	html(r, "<p class=\"local-link\"><a href=\"/units/%s/local?year=%d\">%s</a>", r->snap->tree.units[unit].code,
	     year, arena_printf(&r->arena, ngettext_("%zu local indicator", "%zu local indicators", n), n));
	if (agency && owed) {
		char label[16];

		html(r, " · %s ", _("this agency records"));
		for (i = 0; i < l.n; i++) {
			if (l.v[i].in_force && strcmp(l.v[i].agency, agency) == 0)
				html(r, "<a href=\"/units/%s/local?year=%d#%s\">%s</a> <span lang=\"vi\">%s</span>; ",
				     r->snap->tree.units[unit].code, year, local_label(l.v[i].seq, label, sizeof(label)),
				     label, l.v[i].name);
		}
	}
	html(r, "</p>");
	local_list_release(&l);
}
