/*
 * api_complaints.c: citizens' feedback, petitions, complaints and
 * denunciations in the API, under the rules of the pages
 * (store/complaints.h; the JSON shape is report/complaints_json.h's).
 *
 *   GET  /api/v1/complaints?unit=&year=   the matters of the unit's subtree
 *        received in the year (0 or none: every year), never the person,
 *        and the counts
 *   POST /api/v1/complaints               {"unit", "received", "channel",
 *        "kind", "field", "agency", "complex", "name", "contact", "text"}:
 *        201 with the matter (without the person)
 *   GET  /api/v1/complaints/{code}        the matter with the person, the
 *        contact, the text and the answer: its handlers only (403, logged)
 *   POST /api/v1/complaints/{code}        {"version", "status": "handling" |
 *        "answered" | "withdrawn", "answered_on", "answer"}
 *   POST /api/v1/complaints/{code}/referral  {"version", "case"}
 *   GET  /api/v1/complaint-limits         the legal time limits by kind
 * Problems are 400 naming the field; a stale version or a closed matter 409.
 */
#include <jansson.h>
#include <string.h>

#include "api.h"
#include "core/catalog.h"
#include "report/complaints_json.h"
#include "store/complaints.h"

#include "util/banned.h"

static enum gemis_err session(struct http_req *r, struct cmp_session *s, bool with_key)
{
	enum gemis_err err = http_db(r, &s->db);

	s->t = &r->snap->tree;
	s->who = &r->who;
	s->key = NULL;
	s->today = api_today(r);
	s->now = r->now;
	if (!err && with_key)
		err = http_register_key(r, &s->key);
	return err;
}

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int parse_or_missing(const char *s, int (*parse)(const char *))
{
	return s ? parse(s) : -1;
}

enum gemis_err api_complaints(struct http_req *r)
{
	const struct snapshot *snap = http_snap(r);
	const char *code = http_param(r, "unit");
	struct cmp_session s;
	struct complaint *v = NULL;
	struct cmp_sum sum;
	size_t n = 0, i;
	json_t *list;
	int unit, year;
	enum gemis_err err;

	if (!snap)
		return GEMIS_EDB;
	err = http_unit(r, code ? code : snap->tree.units[r->who.unit].code, ACT_READ, -1, &unit);
	if (err)
		return err;
	year = http_param_year(r, "year", 0);
	err = session(r, &s, false);
	if (!err)
		err = complaints_list(&s, unit, year, &r->arena, &v, &n, &r->err);
	if (err)
		return err;
	complaints_sum(v, n, s.today, &sum);
	list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(list, complaint_json(&snap->tree, &v[i], s.today));
	return http_json(r, 200, json_pack("{s:s, s:i, s:o, s:o}", "unit", snap->tree.units[unit].code, "year", year,
					   "summary", complaint_sum_json(&sum), "complaints", list));
}

static enum gemis_err answer(struct http_req *r, struct cmp_session *s, const char *code, bool open, int status)
{
	struct complaint c;
	enum gemis_err err = complaint_get(s, code, open, &r->arena, &c, &r->err);

	if (err)
		return err;
	return http_json(r, status, complaint_json(&r->snap->tree, &c, s->today));
}

enum gemis_err api_complaint(struct http_req *r)
{
	struct cmp_session s;
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = session(r, &s, true);
	if (err)
		return err;
	return answer(r, &s, http_arg(r, 0), true, 200);
}

static void body_fields(struct http_req *r, const json_t *o, struct cmp_fields *f, struct diags *d)
{
	static const char *const known[] = {"unit", "received", "channel", "kind", "field", "agency",
					    "complex", "name", "contact", "text"};
	const char *rec = str(o, "received");

	(void)r;
	api_unknown_fields(o, known, sizeof(known) / sizeof(known[0]), d);
	memset(f, 0, sizeof(*f));
	if (!rec || !date_parse_iso(rec, strlen(rec), &f->received))
		diags_add(d, 0, "received", "%s", _("not a date (YYYY-MM-DD)"));
	f->channel = parse_or_missing(str(o, "channel"), cmp_channel_parse);
	f->kind = parse_or_missing(str(o, "kind"), cmp_kind_parse);
	f->field = parse_or_missing(str(o, "field"), goal_parse);
	f->agency = parse_or_missing(str(o, "agency"), agency_find);
	f->complex = json_is_true(json_object_get(o, "complex"));
	f->name = str(o, "name");
	f->contact = str(o, "contact");
	f->text = str(o, "text");
}

enum gemis_err api_complaint_add(struct http_req *r)
{
	struct cmp_session s;
	struct cmp_fields f;
	char code[CMP_CODE_MAX + 1];
	json_t *doc = NULL;
	enum gemis_err err;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	if (!api_diags(r, 100))
		return GEMIS_ENOMEM;
	err = api_body_object(r, &doc);
	if (!err)
		err = http_unit(r, str(doc, "unit"), ACT_READ, -1, &unit);
	if (!err) {
		body_fields(r, doc, &f, r->diags);
		err = session(r, &s, true);
	}
	if (!err && r->diags->total) {
		/* every problem at once: the body's and the fields' */
		cmp_check(&f, s.today, r->diags);
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the complaint was not recorded"));
	}
	if (!err)
		err = complaint_add(&s, unit, &f, code, r->diags, &r->err);
	json_decref(doc);
	if (err)
		return err;
	http_data_changed(r);
	return answer(r, &s, code, false, 201);
}

static bool version_of(const json_t *doc, long long *v)
{
	const json_t *x = json_object_get(doc, "version");

	*v = json_integer_value(x);
	return json_is_integer(x);
}

enum gemis_err api_complaint_set(struct http_req *r)
{
	static const char *const known[] = {"version", "status", "answered_on", "answer"};
	const char *code = http_arg(r, 0), *st, *on;
	struct cmp_session s;
	struct date day;
	json_t *doc = NULL;
	long long v = 0;
	int status;
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	if (!api_diags(r, 100))
		return GEMIS_ENOMEM;
	err = api_body_object(r, &doc);
	if (err)
		return err;
	api_unknown_fields(doc, known, sizeof(known) / sizeof(known[0]), r->diags);
	if (!version_of(doc, &v))
		diags_add(r->diags, 0, "version", "%s", _("missing, or not a number"));
	st = str(doc, "status");
	status = st ? cmp_status_parse(st) : -1;
	day = api_today(r);
	on = str(doc, "answered_on");
	if (on && !date_parse_iso(on, strlen(on), &day))
		diags_add(r->diags, 0, "answered_on", "%s", _("not a date (YYYY-MM-DD)"));
	err = session(r, &s, true);
	if (!err && r->diags->total)
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the complaint was not changed"));
	if (!err)
		err = complaint_answer(&s, code, v, status, day, str(doc, "answer"), r->diags, &r->err);
	json_decref(doc);
	if (err)
		return err;
	http_data_changed(r);
	return answer(r, &s, code, true, 200);
}

enum gemis_err api_complaint_refer(struct http_req *r)
{
	static const char *const known[] = {"version", "case"};
	const char *code = http_arg(r, 0);
	struct cmp_session s;
	json_t *doc = NULL;
	long long v = 0;
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	if (!api_diags(r, 100))
		return GEMIS_ENOMEM;
	err = api_body_object(r, &doc);
	if (err)
		return err;
	api_unknown_fields(doc, known, sizeof(known) / sizeof(known[0]), r->diags);
	if (!version_of(doc, &v))
		diags_add(r->diags, 0, "version", "%s", _("missing, or not a number"));
	err = session(r, &s, false);
	if (!err && r->diags->total)
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the complaint was not changed"));
	if (!err)
		err = complaint_refer(&s, code, v, str(doc, "case") ? str(doc, "case") : "", &r->err);
	json_decref(doc);
	if (err)
		return err;
	http_data_changed(r);
	return answer(r, &s, code, false, 200);
}

enum gemis_err api_complaint_limits(struct http_req *r)
{
	struct cmp_limit l[CK_COUNT];
	bool have[CK_COUNT];
	struct db *db;
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_db(r, &db);
	if (!err)
		err = complaint_limits_load(db, l, have, &r->err);
	if (err)
		return err;
	return http_json(r, 200, complaint_limits_json(l, have));
}
