/*
 * chain.c: the reporting chain's periods and deadlines on the web.
 *
 *   GET  /chain?unit=&year=   for a province or the nation: the period its
 *        units' yearly reports cover and the day they are due
 *        (store/chainperiods.h), with the form to set them when the account
 *        may; for a commune: those its province set, i.e. when its own
 *        report is due.  Read access to the unit.
 *   POST /chain/{unit}/{year} sets them (from, to, due: YYYY-MM-DD; due
 *        empty: no deadline): the province for its own unit, the admin for
 *        any receiving unit (the right to change the unit's plan, inside
 *        the account's scope, and the unit receives reports).
 */
#include <string.h>

#include "core/chainperiod.h"
#include "store/chainperiods.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

/* True when the account may set the period of `unit`. */
static bool may_set(struct http_req *r, int unit)
{
	const struct tree *t = &r->snap->tree;

	return chain_receives(t, unit) && http_can(r, ACT_PLAN, unit, -1) &&
	       (r->who.role == ROLE_ADMIN || (r->who.role == ROLE_PROVINCE && r->who.unit == unit));
}

/* The unit the reports of `unit` go to: itself when it receives them,
 * else its nearest receiving ancestor. */
static int receiver_of(const struct tree *t, int unit)
{
	int u = unit;

	while (u >= 0 && !chain_receives(t, u))
		u = t->units[u].parent;
	return u;
}

static void period_facts(struct http_req *r, const struct chain_period *p)
{
	char from[DATE_TEXT_LEN], to[DATE_TEXT_LEN], due[DATE_TEXT_LEN];

	date_format_dmy(p->from, from);
	date_format_dmy(p->to, to);
	html(r, "<dl class=\"facts\"><dt>%s</dt><dd>%s – %s", _("Period"), from, to);
	if (p->is_default)
		html(r, " <small>%s</small>", _("(Decree 09/2019/NĐ-CP, nothing set)"));
	html(r, "</dd><dt>%s</dt><dd class=\"due\">", _("Due"));
	if (p->has_due) {
		date_format_dmy(p->due, due);
		html(r, "%s", due);
	} else {
		html(r, "%s", _("no date set"));
	}
	html(r, "</dd></dl>");
}

static void period_form(struct http_req *r, int unit, const struct chain_period *p, const char *msg)
{
	char from[DATE_TEXT_LEN], to[DATE_TEXT_LEN], due[DATE_TEXT_LEN] = "";

	date_format_iso(p->from, from);
	date_format_iso(p->to, to);
	if (p->has_due)
		date_format_iso(p->due, due);
	html(r, "<form method=\"post\" action=\"/chain/%s/%d\" class=\"chain-period\">",
	     r->snap->tree.units[unit].code, p->year);
	form_csrf(r);
	if (msg)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", msg);
	html(r, "<label>%s <input type=\"date\" name=\"from\" value=\"%s\" required></label> ", _("First day"), from);
	html(r, "<label>%s <input type=\"date\" name=\"to\" value=\"%s\" required></label> ", _("Last day"), to);
	html(r, "<label>%s <input type=\"date\" name=\"due\" value=\"%s\"></label> ", _("Due"), due);
	html(r, "<button type=\"submit\">%s</button></form>", _("Save"));
}

static void render(struct http_req *r, int unit, int year, const struct chain_period *p, const char *msg)
{
	const struct tree *t = &r->snap->tree;

	page_begin(r, _("Reports up the chain"), unit);
	html(r, "<h1>%s <small>%s, %d</small></h1>", _("Reports up the chain"), t->units[unit].name, year);
	if (chain_receives(t, unit)) {
		html(r, "<p>%s</p>",
		     arena_printf(&r->arena,
				  t->units[unit].level == LEVEL_NATION
					  ? _("The provinces' yearly reports for %d: the period they cover and the day they are due.")
					  : _("The yearly reports of the communes and wards for %d: the period they cover and the day they are due."),
				  year));
		period_facts(r, p);
		if (may_set(r, unit))
			period_form(r, unit, p, msg);
	} else {
		int to = receiver_of(t, unit);

		html(r, "<p>%s</p>", arena_printf(&r->arena, _("The yearly report of %s for %d goes to %s."),
						  t->units[unit].name, year, to >= 0 ? t->units[to].name : "–"));
		period_facts(r, p);
	}
	page_end(r);
}

enum gemis_err page_chain(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct chain_period p;
	struct db *db;
	enum gemis_err err;
	int unit, year, to;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, code ? code : s->tree.units[r->who.unit].code, ACT_READ, -1, &unit);
	if (err)
		return err;
	err = http_db(r, &db);
	if (err)
		return err;
	year = page_year(r);
	/* a commune sees what its province set: when its own report is due */
	to = receiver_of(&s->tree, unit);
	if (to < 0)
		chain_period_default(year, &p);
	else if ((err = chain_period_get(db, &s->tree, to, year, &p, &r->err)))
		return err;
	render(r, unit, year, &p, NULL);
	return GEMIS_OK;
}

/* A date field of the form: "" is none. */
static bool form_day(struct http_req *r, const char *name, struct date *out, bool *given)
{
	const char *v = http_param(r, name);

	*given = v && *v;
	return !*given || date_parse_iso(v, strlen(v), out);
}

enum gemis_err page_chain_set(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *yr = http_arg(r, 1);
	struct chain_period p;
	struct db *db;
	enum gemis_err err;
	bool has_from, has_to, has_due;
	long y;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_PLAN, -1, &unit);
	if (err)
		return err;
	if (!may_set(r, unit))
		return GEMIS_EPERM;
	if (!yr || strlen(yr) != 4 || !text_parse_long(yr, 4, &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
		return GEMIS_ENOTFOUND;
	err = http_db(r, &db);
	if (err)
		return err;
	err = chain_period_get(db, &s->tree, unit, (int)y, &p, &r->err);
	if (err)
		return err;
	if (!form_day(r, "from", &p.from, &has_from) || !form_day(r, "to", &p.to, &has_to) ||
	    !form_day(r, "due", &p.due, &has_due) || !has_from || !has_to) {
		err = http_fail(r, GEMIS_EINVAL, "%s", _("give the first and last day, and the deadline if any, as dates"));
		render(r, unit, (int)y, &p, r->err.msg);
		return http_keep_body(r, err);
	}
	p.has_due = has_due;
	p.is_default = false;
	err = chain_period_set(db, &s->tree, unit, &p, r->who.name, &r->err);
	if (err == GEMIS_EINVAL) {
		render(r, unit, (int)y, &p, r->err.msg);
		return http_keep_body(r, err);
	}
	if (err)
		return err;
	return http_redirect(r, arena_printf(&r->arena, "/chain?unit=%s&year=%d", s->tree.units[unit].code, (int)y));
}
