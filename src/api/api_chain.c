/*
 * api_chain.c: the reporting chain's periods and deadlines in the API.
 *
 *   GET  /api/v1/chain-periods/{unit}/{year}   what the receiving unit (a
 *        province, VN) set, or Decree 09/2019's period; for a commune,
 *        what its province set (read access to the unit)
 *   POST /api/v1/chain-periods/{unit}/{year}   {"from", "to", "due"} (ISO
 *        days, due null for none): the province for its own unit, the
 *        admin for any receiving unit, as on the page (web/chain.c)
 *   GET  /api/v1/chain-reports?unit=&year=   where the reports stand: the
 *        unit's own (a commune, a province) and those it receives (a
 *        province, VN), each as report/chainreport.h's chain_report_json
 *   GET  /api/v1/chain-reports/{unit}/{year} one report, with the figures it
 *        carried and its history
 *   POST /api/v1/chain-reports/{unit}/{year} a step: JSON {"action":
 *        "save"|"submit"|"return"|"accept", "version", "comment",
 *        "narrative": {"results", "shortcomings", "causes", "proposals"}}
 *        (the narrative is written on save and submit; a submission
 *        sends the report as generated, DOCX), or multipart/form-data with
 *        the same fields and "file", the signed PDF
 */
#include <jansson.h>
#include <strings.h>
#include <string.h>

#include "api.h"
#include "core/workflow.h"
#include "report/chainreport.h"
#include "store/chainperiods.h"
#include "store/chainreports.h"
#include "util/text.h"

#include "util/banned.h"

static json_t *day_or_null(bool has, struct date d)
{
	char s[DATE_TEXT_LEN];

	if (!has)
		return json_null();
	date_format_iso(d, s);
	return json_string(s);
}

static json_t *period_json(const struct tree *t, int unit, int to, const struct chain_period *p)
{
	return json_pack("{s:s, s:s, s:i, s:o, s:o, s:o, s:b}", "unit", t->units[unit].code, "receiver",
			 to >= 0 ? t->units[to].code : "VN", "year", p->year, "from", day_or_null(true, p->from),
			 "to", day_or_null(true, p->to), "due", day_or_null(p->has_due, p->due), "default",
			 p->is_default);
}

/* The unit the reports of `unit` go to: itself when it receives them. */
static int receiver_of(const struct tree *t, int unit)
{
	while (unit >= 0 && !chain_receives(t, unit))
		unit = t->units[unit].parent;
	return unit;
}

static enum gemis_err year_arg(struct http_req *r, int *year)
{
	const char *yr = http_arg(r, 1);
	long y;

	if (!yr || strlen(yr) != 4 || !text_parse_long(yr, 4, &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
		return GEMIS_ENOTFOUND;
	*year = (int)y;
	return GEMIS_OK;
}

enum gemis_err api_chain_period(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	struct chain_period p;
	struct db *db;
	enum gemis_err err;
	int unit, year, to;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (!err)
		err = year_arg(r, &year);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	to = receiver_of(&s->tree, unit);
	if (to < 0)
		chain_period_default(year, &p);
	else if ((err = chain_period_get(db, &s->tree, to, year, &p, &r->err)))
		return err;
	return http_json(r, 200, period_json(&s->tree, unit, to, &p));
}

static bool json_day(json_t *v, struct date *out, bool *has)
{
	*has = v && !json_is_null(v);
	if (!*has)
		return true;
	return json_is_string(v) && date_parse_iso(json_string_value(v), json_string_length(v), out);
}

enum gemis_err api_chain_period_set(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	struct chain_period p;
	json_error_t je;
	json_t *doc, *from = NULL, *to = NULL, *due = NULL;
	struct db *db;
	enum gemis_err err;
	bool has_from, has_to, has_due;
	int unit, year;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_PLAN, -1, &unit);
	if (err)
		return err;
	/* the province sets its own unit's, the admin any receiving unit's */
	if (!chain_receives(&s->tree, unit) ||
	    !(r->who.role == ROLE_ADMIN || (r->who.role == ROLE_PROVINCE && r->who.unit == unit)))
		return GEMIS_EPERM;
	err = year_arg(r, &year);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	err = chain_period_get(db, &s->tree, unit, year, &p, &r->err);
	if (err)
		return err;
	doc = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!doc || json_unpack_ex(doc, &je, JSON_STRICT, "{s?o, s?o, s?o}", "from", &from, "to", &to, "due", &due)) {
		json_decref(doc);
		return http_fail(r, GEMIS_EINVAL, "%s", _("the body must be {\"from\", \"to\", \"due\"}, days as YYYY-MM-DD"));
	}
	if (!json_day(from, &p.from, &has_from) || !json_day(to, &p.to, &has_to) || !json_day(due, &p.due, &has_due)) {
		json_decref(doc);
		return http_fail(r, GEMIS_EINVAL, "%s", _("the body must be {\"from\", \"to\", \"due\"}, days as YYYY-MM-DD"));
	}
	/* not given: as it was; due null: no deadline */
	if (due)
		p.has_due = has_due;
	p.is_default = false;
	json_decref(doc);
	/* a refused period: 400 with the message naming the field */
	err = chain_period_set(db, &s->tree, unit, &p, r->who.name, &r->err);
	if (err)
		return err;
	return http_json(r, 200, period_json(&s->tree, unit, unit, &p));
}

enum gemis_err api_chain_reports(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit"), *yr = http_param(r, "year");
	struct chain_report own, *rs = NULL;
	struct chain_period p;
	struct db *db;
	enum gemis_err err;
	json_t *doc;
	size_t n = 0, i;
	long y = 0;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	if (!yr)
		y = vn_date(r->now).y;
	else if (!text_parse_long(yr, strlen(yr), &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
		return http_fail(r, GEMIS_EINVAL, "%s", _("year: give the year (YYYY)"));
	err = http_db(r, &db);
	if (err)
		return err;
	doc = json_pack("{s:s, s:i}", "unit", s->tree.units[unit].code, "year", (int)y);
	if (chain_report_to(&s->tree, unit) >= 0) {
		err = chain_report_get(db, &s->tree, unit, (int)y, &r->arena, &own, &r->err);
		if (!err)
			err = chain_period_of_report(db, &s->tree, unit, (int)y, &p, &r->err);
		if (!err)
			json_object_set_new(doc, "report", chain_report_json(&s->tree, &own, &p));
	}
	if (!err && chain_receives(&s->tree, unit)) {
		json_t *a = json_array();

		err = chain_period_get(db, &s->tree, unit, (int)y, &p, &r->err);
		if (!err)
			err = chain_reports_to(db, &s->tree, unit, (int)y, &r->arena, &rs, &n, &r->err);
		for (i = 0; !err && i < n; i++)
			json_array_append_new(a, chain_report_json(&s->tree, &rs[i], &p));
		json_object_set_new(doc, "received", a);
	}
	if (err) {
		json_decref(doc);
		return err;
	}
	return http_json(r, 200, doc);
}

/* The report named by the path, read access asked. */
static enum gemis_err open_report(struct http_req *r, struct db **db, struct chain_report *rep, struct chain_period *p)
{
	const struct snapshot *s = http_snap(r);
	enum gemis_err err;
	int unit, year;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (!err)
		err = year_arg(r, &year);
	if (err)
		return err;
	if (chain_report_to(&s->tree, unit) < 0)
		return GEMIS_ENOTFOUND;
	err = http_db(r, db);
	if (!err)
		err = chain_report_get(*db, &s->tree, unit, year, &r->arena, rep, &r->err);
	if (!err)
		err = chain_period_of_report(*db, &s->tree, unit, year, p, &r->err);
	return err;
}

enum gemis_err api_chain_report(struct http_req *r)
{
	struct chain_report rep;
	struct chain_period p;
	struct db *db;
	enum gemis_err err;

	err = open_report(r, &db, &rep, &p);
	if (err)
		return err;
	return http_json(r, 200, chain_report_json(&r->snap->tree, &rep, &p));
}

/* The step asked: from a JSON body or from form fields. */
struct step_ask {
	const char *action, *comment;
	const char *sections[CHAIN_SECTION_COUNT]; /* NULL: as saved */
	long long version;
	const struct http_file *file;
};

/* The narrative object of a JSON body into ask; false when it is not an
 * object of known sections, each a string. */
static bool read_narrative(struct http_req *r, json_t *o, struct step_ask *ask)
{
	const char *key;
	json_t *v;

	if (!o)
		return true;
	if (!json_is_object(o))
		return false;
	json_object_foreach(o, key, v) {
		int i;

		for (i = 0; i < CHAIN_SECTION_COUNT && strcmp(chain_sections[i].id, key) != 0; i++)
			;
		if (i == CHAIN_SECTION_COUNT || !(json_is_string(v) || json_is_null(v)))
			return false;
		ask->sections[i] = arena_strdup(&r->arena, json_is_string(v) ? json_string_value(v) : "");
	}
	return true;
}

static enum gemis_err read_ask(struct http_req *r, struct step_ask *ask)
{
	const char *ct = r->content_type;
	json_error_t je;
	json_t *doc, *narrative = NULL;
	const char *action = NULL, *comment = NULL;
	json_int_t version = 0;

	memset(ask, 0, sizeof(*ask));
	if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0) {
		const char *v = http_param_or(r, "version", "0");
		long lv = 0;

		ask->action = http_param(r, "action");
		ask->comment = http_param(r, "comment");
		for (int i = 0; i < CHAIN_SECTION_COUNT; i++)
			ask->sections[i] = http_param(r, chain_sections[i].id);
		if (!text_parse_long(v, strlen(v), &lv))
			return http_fail(r, GEMIS_EINVAL, "%s", _("version: give the version the report had (a number)"));
		ask->version = lv;
		ask->file = http_file(r, "file");
		return GEMIS_OK;
	}
	doc = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!doc ||
	    json_unpack_ex(doc, &je, JSON_STRICT, "{s:s, s?I, s?s, s?o}", "action", &action, "version", &version,
			   "comment", &comment, "narrative", &narrative) ||
	    !read_narrative(r, narrative, ask)) {
		json_decref(doc);
		return http_fail(r, GEMIS_EINVAL, "%s",
				 _("the body must be {\"action\": \"save\", \"submit\", \"return\" or \"accept\", \"version\", "
				   "\"comment\", \"narrative\": {\"results\", \"shortcomings\", \"causes\", \"proposals\"}}"));
	}
	ask->action = arena_strdup(&r->arena, action);
	ask->comment = comment ? arena_strdup(&r->arena, comment) : NULL;
	ask->version = version;
	json_decref(doc);
	return GEMIS_OK;
}

enum gemis_err api_chain_report_act(struct http_req *r)
{
	struct chain_report rep;
	struct chain_period p;
	struct step_ask ask;
	struct db *db;
	enum gemis_err err;
	int a;

	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (!err)
		err = read_ask(r, &ask);
	if (err)
		return err;
	a = ask.action ? wf_action_find(&wf_report, ask.action) : -1;
	if (a < 0)
		return http_fail(r, GEMIS_EINVAL, "%s", _("the action must be save, submit, return or accept"));
	/* who may take the step is asked before the report is read */
	if (!wf_permitted(&wf_report, &r->snap->tree, &r->who, a, unit, -1))
		return GEMIS_EPERM;
	err = open_report(r, &db, &rep, &p);
	if (err)
		return err;
	if (strcmp(ask.action, "submit") == 0) {
		const struct http_file *f = ask.file && ask.file->len ? ask.file : NULL;

		err = chain_submit(db, r->snap, &r->who, rep.unit, rep.year, ask.version, ask.sections, f ? f->filename : NULL,
				   f ? f->data : NULL, f ? f->len : 0, r->now, &r->err);
	} else {
		struct chain_step_in in;

		memset(&in, 0, sizeof(in));
		in.action = a;
		in.version = ask.version;
		in.comment = ask.comment;
		memcpy(in.sections, ask.sections, sizeof(in.sections));
		err = chain_report_act(db, &r->snap->tree, &r->who, rep.unit, rep.year, &in, r->now, &r->err);
	}
	if (err)
		return err;
	err = chain_report_get(db, &r->snap->tree, rep.unit, rep.year, &r->arena, &rep, &r->err);
	if (err)
		return err;
	return http_json(r, 200, chain_report_json(&r->snap->tree, &rep, &p));
}
