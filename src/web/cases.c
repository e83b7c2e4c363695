/*
 * cases.c: the case register's pages.
 *
 *   GET  /cases?unit=&year=        counts; for the commune's caseworkers also its
 *                                  cases and the form for a new one
 *   POST /cases                    records a case, then shows it
 *   GET  /cases/{code}             a case with its services, referrals,
 *                                  counselling sessions and closure
 *   POST /cases/{code}/events      a service, referral or counselling session
 *   POST /cases/{code}/close       closes the case
 *   POST /cases/export             the commune's cases as CSV (password again)
 *   GET  /cases/log                the access log (admin)
 */
#include "cases.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "gbv/cases.h"
#include "gbv/counts.h"
#include "web.h"

#include "util/banned.h"

/* A session for the request; with_key: the pages that seal or open fields. */
static enum gemis_err session(struct http_req *r, struct case_session *s, bool with_key)
{
	enum gemis_err err = http_db(r, &s->db);

	if (err)
		return err;
	s->t = &http_snap(r)->tree;
	s->who = &r->who;
	s->key = NULL;
	s->from = r->ip;
	s->retry_after = 0;
	if (!with_key)
		return GEMIS_OK;
	return http_register_key(r, &s->key);
}

static enum gemis_err fail(struct http_req *r, enum gemis_err err, const struct errctx *e)
{
	if (e->where[0])
		return http_fail(r, err, "%s: %s", e->where, e->msg);
	return http_fail(r, err, "%s", e->msg[0] ? e->msg : err_name(err));
}

static const char *str(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : "";
}

/* The register's vocabulary (gbv/cases.h) in words for people: the ids
 * are the file format's, never shown. */
static const struct {
	const char *id, *words;
} case_terms[] = {
	{"hotline", N_("hotline")},
	{"trusted_address", N_("trusted address")},
	{"police", N_("police")},
	{"health_station", N_("health station")},
	{"school", N_("school")},
	{"village", N_("village or residential group")},
	{"rape", N_("rape")},
	{"sexual_assault", N_("sexual assault")},
	{"physical_assault", N_("physical assault")},
	{"forced_marriage", N_("forced marriage")},
	{"denial_of_resources", N_("denial of resources")},
	{"psychological_abuse", N_("psychological abuse")},
	{"spouse", N_("spouse")},
	{"former_spouse", N_("former spouse")},
	{"intimate_partner", N_("intimate partner")},
	{"parent", N_("parent")},
	{"other_family", N_("other family member")},
	{"caregiver", N_("caregiver")},
	{"employer", N_("employer")},
	{"teacher", N_("teacher")},
	{"neighbour", N_("neighbour")},
	{"acquaintance", N_("acquaintance")},
	{"stranger", N_("stranger")},
	{"other", N_("other")},
	{"unknown", N_("unknown")},
	{"health_care", N_("health care")},
	{"psychosocial", N_("psychosocial support")},
	{"legal_aid", N_("legal aid")},
	{"police_protection", N_("police protection")},
	{"safe_house", N_("safe house")},
	{"economic_support", N_("economic support")},
	{"service", N_("service")},
	{"referral", N_("referral")},
	{"counselling", N_("counselling")},
	{"F", N_("female")},
	{"M", N_("male")},
};

/* The words for a vocabulary id; an age group ("25-59") as it is. */
static const char *term(const char *id)
{
	size_t i;

	for (i = 0; id && i < sizeof(case_terms) / sizeof(case_terms[0]); i++) {
		if (strcmp(case_terms[i].id, id) == 0)
			return _(case_terms[i].words);
	}
	return id ? id : "";
}

/* Options of a select for a vocabulary: the id sent, the words shown. */
static void select_of(struct http_req *r, const char *name, const char *const *list, size_t n,
		      bool blank)
{
	size_t i;

	html(r, "<select name=\"%s\">", name);
	if (blank)
		html(r, "<option value=\"\">–</option>");
	for (i = 0; i < n; i++)
		html(r, "<option value=\"%s\">%s</option>", list[i], term(list[i]));
	html(r, "</select>");
}

static const char *const sources[] = {"hotline", "trusted_address", "police", "health_station",
				      "school", "village"};
static const char *const types[] = {"rape", "sexual_assault", "physical_assault",
				    "forced_marriage", "denial_of_resources", "psychological_abuse"};
static const char *const ages[] = {"0-11", "12-17", "18-24", "25-59", "60+", "unknown"};
static const char *const relations[] = {"spouse", "former_spouse", "intimate_partner", "parent",
					"other_family", "caregiver", "employer", "teacher",
					"neighbour", "acquaintance", "stranger", "other", "unknown"};
static const char *const sexes[] = {"F", "M"};
static const char *const services[] = {"health_care", "psychosocial", "legal_aid",
				       "police_protection", "safe_house", "economic_support"};

static void counts_table(struct http_req *r, const char *json)
{
	static const char *const parts[3] = {"num", "rest", "den"};
	static const char *const labels[3] = {N_("counted (numerator)"), N_("not counted"),
					      N_("all (denominator)")};
	json_t *doc = json_loads(json, 0, NULL), *it;
	size_t i;
	int p;

	if (!doc)
		return;
	if (json_is_true(json_object_get(doc, "suppressed")))
		html(r, "<p class=\"hint\">%s</p>",
		     _(" (<5: fewer than 5; x: hidden so that a small count cannot be worked out)"));
	json_array_foreach(json_object_get(doc, "indicators"), i, it) {
		int ind = catalog_find(str(it, "indicator"));

		if (ind < 0)
			continue;
		html(r, "<h3>%s</h3><table class=\"counts\"><thead><tr><th></th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		     indicator_name(&catalog[ind], r->lang), _("women"), _("men"), _("total"));
		for (p = 0; p < 3; p++) {
			json_t *cells = json_object_get(it, parts[p]);
			static const char *const sx[3] = {"F", "M", "T"};
			int k;

			html(r, "<tr><th>%s</th>", _(labels[p]));
			for (k = 0; k < 3; k++) {
				json_t *v = json_object_get(cells, sx[k]);

				if (json_is_string(v))
					html(r, "<td>%s</td>", json_string_value(v));
				else
					html(r, "<td>%lld</td>", (long long)json_integer_value(v));
			}
			html(r, "</tr>");
		}
		html(r, "</tbody></table>");
	}
	json_decref(doc);
}

static void label_select(struct http_req *r, const char *label, const char *name,
			 const char *const *list, size_t n, bool blank)
{
	html(r, "<label>%s ", label);
	select_of(r, name, list, n, blank);
	html(r, "</label>");
}

static void check(struct http_req *r, const char *name, const char *label, bool on)
{
	html(r, "<label><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label>", name,
	     on ? " checked" : "", label);
}

static void new_case_form(struct http_req *r)
{
	html(r, "<section><h2>%s</h2><form method=\"post\" action=\"/cases\" class=\"stack\">",
	     _("New case"));
	form_csrf(r);
	html(r, "<label>%s <input name=\"detected\" type=\"date\" required></label>", _("Date detected"));
	label_select(r, _("How detected"), "source", sources, 6, false);
	label_select(r, _("Survivor's sex"), "survivor_sex", sexes, 2, false);
	label_select(r, _("Survivor's age group"), "survivor_age", ages, 6, false);
	label_select(r, _("Incident type"), "type", types, 6, true);
	check(r, "context_domestic", _("Domestic violence"), false);
	check(r, "context_partner", _("Intimate partner"), false);
	label_select(r, _("Perpetrator's sex"), "perpetrator_sex", sexes, 2, true);
	label_select(r, _("Perpetrator's age group"), "perpetrator_age", ages, 6, true);
	label_select(r, _("Perpetrator's relation"), "perpetrator_relation", relations, 13, true);
	check(r, "prosecuted", _("Perpetrator prosecuted"), false);
	check(r, "trafficking_return", _("Returned victim of trafficking"), false);
	check(r, "in_need", _("In need of support"), true);
	check(r, "consent_statistics", _("Consent to share for statistics"), false);
	html(r, "<label>%s <textarea name=\"notes\" rows=\"4\" maxlength=\"8192\"></textarea></label>"
		"<button type=\"submit\">%s</button></form></section>",
	     _("Notes"), _("Record the case"));
}

static enum gemis_err page_cases(struct http_req *r)
{
	const struct snapshot *snap = http_snap(r);
	const char *code = http_param(r, "unit");
	struct case_session s;
	struct errctx e = {0};
	struct buf counts, list;
	enum gemis_err err;
	int unit, year = page_year(r);

	unit = code ? tree_find(&snap->tree, code) : r->who.unit;
	if (unit < 0)
		return http_fail(r, GEMIS_EPERM, "%s", _("this unit is outside your account's scope"));
	buf_init(&counts, 1 << 20);
	buf_init(&list, 8 << 20);
	err = session(r, &s, false);
	if (!err)
		err = case_counts_json(s.db, s.t, snap, &r->who, unit, year, &counts, &e);
	if (err) {
		err = e.code ? fail(r, err, &e) : err;
		goto out;
	}
	if (case_may(s.t, &r->who, CASE_LIST, unit)) {
		err = session(r, &s, true);
		if (!err && case_list_json(&s, unit, &list, &e))
			err = fail(r, e.code, &e);
		if (err)
			goto out;
	}
	page_begin(r, _("Case register"), unit);
	html(r, "<h1>%s %s (%s), %d</h1>", _("Case register counts of"), snap->tree.units[unit].name,
	     snap->tree.units[unit].code, year);
	counts_table(r, buf_str(&counts));
	if (list.len) {
		json_t *doc = json_loads(buf_str(&list), 0, NULL), *it;
		size_t i;

		html(r, "<h2>%s</h2><table class=\"cases\"><tbody>", _("Cases"));
		json_array_foreach(doc, i, it) {
			html(r, "<tr><td><a href=\"/cases/%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
				"<td>%s %lld, %s %lld, %s %lld</td><td>%s %s</td></tr>",
			     str(it, "code"), str(it, "code"), str(it, "detected"), term(str(it, "survivor_sex")),
			     term(str(it, "type")), _("services"), (long long)json_integer_value(json_object_get(it, "services")),
			     _("referrals"), (long long)json_integer_value(json_object_get(it, "referrals")),
			     _("counselling"), (long long)json_integer_value(json_object_get(it, "counselling")),
			     json_is_string(json_object_get(it, "closed_on")) ? _("closed ") : _("open"),
			     str(it, "closed_on"));
		}
		if (!json_array_size(doc))
			html(r, "<tr><td>%s</td></tr>", _("No cases."));
		html(r, "</tbody></table>");
		json_decref(doc);
		new_case_form(r);
		html(r, "<section><h2>%s</h2><form method=\"post\" action=\"/cases/export\" class=\"stack\">",
		     _("export a commune's cases as CSV, password required"));
		form_csrf(r);
		html(r, "<label>%s <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
			"<button type=\"submit\">CSV</button></form></section>",
		     _("Current password"));
	}
	page_end(r);
out:
	if (list.p)
		sodium_memzero(list.p, list.cap);
	buf_release(&counts);
	buf_release(&list);
	return err;
}

/* Builds the JSON of case_add from the form. */
static enum gemis_err form_json(struct http_req *r, struct buf *out)
{
	json_t *o = json_object(), *sv = json_object(), *pv = NULL, *ctx = json_array();
	const char *type = http_param_or(r, "type", ""), *psex = http_param_or(r, "perpetrator_sex", "");
	char *text;
	enum gemis_err err = GEMIS_OK;

	json_object_set_new(o, "detected", json_string(http_param_or(r, "detected", "")));
	json_object_set_new(o, "source", json_string(http_param_or(r, "source", "")));
	json_object_set_new(sv, "sex", json_string(http_param_or(r, "survivor_sex", "")));
	json_object_set_new(sv, "age_group", json_string(http_param_or(r, "survivor_age", "")));
	json_object_set_new(o, "survivor", sv);
	json_object_set_new(o, "type", *type ? json_string(type) : json_null());
	if (http_param(r, "context_domestic"))
		json_array_append_new(ctx, json_string("domestic"));
	if (http_param(r, "context_partner"))
		json_array_append_new(ctx, json_string("intimate_partner"));
	json_object_set_new(o, "context", ctx);
	if (*psex) {
		const char *age = http_param_or(r, "perpetrator_age", "");
		const char *rel = http_param_or(r, "perpetrator_relation", "");

		pv = json_object();
		json_object_set_new(pv, "sex", json_string(psex));
		if (*age)
			json_object_set_new(pv, "age_group", json_string(age));
		if (*rel)
			json_object_set_new(pv, "relation", json_string(rel));
		json_object_set_new(pv, "prosecuted", json_boolean(http_param(r, "prosecuted") != NULL));
		json_object_set_new(o, "perpetrator", pv);
	}
	json_object_set_new(o, "trafficking_return",
			    json_boolean(http_param(r, "trafficking_return") != NULL));
	json_object_set_new(o, "in_need", json_boolean(http_param(r, "in_need") != NULL));
	json_object_set_new(o, "consent_statistics",
			    json_boolean(http_param(r, "consent_statistics") != NULL));
	json_object_set_new(o, "notes", json_string(http_param_or(r, "notes", "")));
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!text)
		return GEMIS_ENOMEM;
	err = buf_puts(out, text);
	sodium_memzero(text, strlen(text));
	free(text);
	return err;
}

static enum gemis_err page_case_add(struct http_req *r)
{
	struct case_session s;
	struct errctx e = {0};
	struct buf json;
	char code[CASE_CODE_CHARS + 1], path[64];
	enum gemis_err err;

	buf_init(&json, 1 << 20);
	err = session(r, &s, true);
	if (!err)
		err = form_json(r, &json);
	if (!err && case_add(&s, r->who.unit, json.p, json.len, code, &e))
		err = fail(r, e.code, &e);
	if (json.p)
		sodium_memzero(json.p, json.cap);
	buf_release(&json);
	if (err)
		return err;
	http_data_changed(r);
	snprintf(path, sizeof(path), "/cases/%s", code);
	return http_redirect(r, path);
}

static enum gemis_err page_case(struct http_req *r)
{
	const char *code = http_arg(r, 0);
	struct case_session s;
	struct errctx e = {0};
	struct buf out;
	json_t *doc = NULL, *ev, *it;
	enum gemis_err err;
	size_t i;

	buf_init(&out, 8 << 20);
	err = session(r, &s, true);
	if (!err && case_show(&s, code, &out, &e))
		err = fail(r, e.code, &e);
	if (err)
		goto out;
	doc = json_loads(buf_str(&out), 0, NULL);
	if (!doc) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	page_begin(r, code, r->who.unit);
	html(r, "<h1>%s</h1><dl class=\"facts\">", code);
	html(r, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", _("Date detected"), str(doc, "detected"),
	     _("How detected"), term(str(doc, "source")));
	html(r, "<dt>%s</dt><dd>%s, %s</dd>", _("Survivor"), term(str(json_object_get(doc, "survivor"), "sex")),
	     term(str(json_object_get(doc, "survivor"), "age_group")));
	html(r, "<dt>%s</dt><dd>%s</dd>", _("Incident type"), term(str(doc, "type")));
	if (json_is_object(json_object_get(doc, "perpetrator"))) {
		json_t *p = json_object_get(doc, "perpetrator");

		html(r, "<dt>%s</dt><dd>%s, %s, %s%s%s</dd>", _("Perpetrator"), term(str(p, "sex")),
		     term(str(p, "age_group")), term(str(p, "relation")),
		     json_is_true(json_object_get(p, "prosecuted")) ? ", " : "",
		     json_is_true(json_object_get(p, "prosecuted")) ? _("Perpetrator prosecuted") : "");
	}
	html(r, "<dt>%s</dt><dd>%s</dd>", _("Consent to share for statistics"),
	     json_is_true(json_object_get(doc, "consent_statistics")) ? _("yes") : _("no"));
	html(r, "<dt>%s</dt><dd class=\"notes\">%s</dd></dl>", _("Notes"), str(doc, "notes"));
	ev = json_object_get(doc, "events");
	html(r, "<h2>%s</h2><table class=\"events\"><tbody>", _("Services, referrals and counselling"));
	json_array_foreach(ev, i, it)
		html(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"notes\">%s</td></tr>",
		     str(it, "date"), term(str(it, "kind")), term(str(it, "service")), str(it, "note"));
	html(r, "</tbody></table>");
	if (json_is_string(json_object_get(doc, "closed_on"))) {
		html(r, "<p>%s %s</p>", _("closed "), str(doc, "closed_on"));
	} else {
		static const char *const kinds[] = {"service", "referral", "counselling"};

		html(r, "<section><h2>%s</h2><form method=\"post\" action=\"/cases/%s/events\" class=\"stack\">",
		     _("Services, referrals and counselling"), code);
		form_csrf(r);
		label_select(r, _("Kind"), "kind", kinds, 3, false);
		label_select(r, _("Service"), "service", services, 6, true);
		html(r, "<label>%s <input name=\"date\" type=\"date\" required></label>"
			"<label>%s <textarea name=\"note\" rows=\"3\" maxlength=\"8192\"></textarea></label>"
			"<button type=\"submit\">%s</button></form></section>",
		     _("Date"), _("Note"), _("Record"));
		html(r, "<section><h2>%s</h2><form method=\"post\" action=\"/cases/%s/close\" class=\"stack\">",
		     _("Close the case"), code);
		form_csrf(r);
		html(r, "<label>%s <input name=\"date\" type=\"date\" required></label>"
			"<label>%s <textarea name=\"note\" rows=\"3\" maxlength=\"8192\"></textarea></label>"
			"<button type=\"submit\">%s</button></form></section>",
		     _("Date"), _("Note"), _("Close the case"));
	}
	page_end(r);
out:
	json_decref(doc);
	if (out.p)
		sodium_memzero(out.p, out.cap);
	buf_release(&out);
	return err;
}

static enum gemis_err page_case_event(struct http_req *r)
{
	const char *code = http_arg(r, 0), *kind = http_param_or(r, "kind", "");
	const char *service = http_param_or(r, "service", ""), *note = http_param_or(r, "note", "");
	struct case_session s;
	struct errctx e = {0};
	enum case_event k;
	char path[64];
	enum gemis_err err;

	if (strcmp(kind, "service") == 0)
		k = CASE_EV_SERVICE;
	else if (strcmp(kind, "referral") == 0)
		k = CASE_EV_REFERRAL;
	else if (strcmp(kind, "counselling") == 0)
		k = CASE_EV_COUNSELLING;
	else
		return http_fail(r, GEMIS_EINVAL, "kind: %s", _("is required"));
	err = session(r, &s, true);
	if (!err && case_add_event(&s, code, k, k == CASE_EV_COUNSELLING ? -1 : case_service_parse(service),
				   http_param_or(r, "date", ""), *note ? note : NULL, &e))
		err = fail(r, e.code, &e);
	if (err)
		return err;
	http_data_changed(r);
	snprintf(path, sizeof(path), "/cases/%s", code);
	return http_redirect(r, path);
}

static enum gemis_err page_case_close(struct http_req *r)
{
	const char *code = http_arg(r, 0), *note = http_param_or(r, "note", "");
	struct case_session s;
	struct errctx e = {0};
	char path[64];
	enum gemis_err err;

	err = session(r, &s, true);
	if (!err && case_close(&s, code, http_param_or(r, "date", ""), *note ? note : NULL, &e))
		err = fail(r, e.code, &e);
	if (err)
		return err;
	http_data_changed(r);
	snprintf(path, sizeof(path), "/cases/%s", code);
	return http_redirect(r, path);
}

static enum gemis_err page_case_export(struct http_req *r)
{
	struct case_session s;
	struct errctx e = {0};
	struct buf out;
	size_t n = 0;
	enum gemis_err err;

	if (r->by_token)
		return http_fail(r, GEMIS_EPERM, "%s", _("exporting cases needs your password again; it was wrong"));
	buf_init(&out, BUF_MAX_DEFAULT);
	err = session(r, &s, true);
	if (!err && case_export(&s, r->who.unit, http_param_or(r, "password", ""), &out, &n, &e)) {
		r->retry_after = s.retry_after; /* 429 with Retry-After when throttled */
		err = fail(r, e.code, &e);
	}
	if (!err) {
		r->ctype = "text/csv; charset=utf-8";
		http_set_header(r, "Content-Disposition", "attachment; filename=\"cases.csv\"");
		http_write(r, out.p ? out.p : "", out.len);
	}
	if (out.p)
		sodium_memzero(out.p, out.cap);
	buf_release(&out);
	return err;
}

static enum gemis_err page_case_log(struct http_req *r)
{
	struct case_session s;
	struct errctx e = {0};
	struct buf out;
	json_t *doc, *it;
	enum gemis_err err;
	size_t i;

	buf_init(&out, BUF_MAX_DEFAULT);
	err = session(r, &s, false);
	if (!err && case_log_json(s.db, s.t, &r->who, 500, &out, &e))
		err = fail(r, e.code, &e);
	if (err) {
		buf_release(&out);
		return err;
	}
	doc = json_loads(buf_str(&out), 0, NULL);
	page_begin(r, _("show the case register's access log (admin)"), r->who.unit);
	html(r, "<h1>%s</h1><table class=\"log\"><tbody>", _("show the case register's access log (admin)"));
	json_array_foreach(doc, i, it)
		html(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s%s</td></tr>",
		     str(it, "at"), str(it, "user"), str(it, "role"), str(it, "unit"), str(it, "action"),
		     str(it, "case"), json_is_true(json_object_get(it, "allowed")) ? "" : _("REFUSED "),
		     str(it, "detail"));
	html(r, "</tbody></table>");
	page_end(r);
	json_decref(doc);
	buf_release(&out);
	return GEMIS_OK;
}

const struct route case_routes[] = {
	{HTTP_GET, "/cases", page_cases, ROUTE_PRIVATE, "unit:code year:year"},
	{HTTP_POST, "/cases", page_case_add, ROUTE_PRIVATE,
	 "detected:line source:line survivor_sex:line survivor_age:line type:line "
	 "context_domestic:line context_partner:line perpetrator_sex:line perpetrator_age:line "
	 "perpetrator_relation:line prosecuted:line trafficking_return:line in_need:line "
	 "consent_statistics:line notes:text"},
	{HTTP_GET, "/cases/log", page_case_log, ROUTE_PRIVATE, NULL},
	{HTTP_POST, "/cases/export", page_case_export, ROUTE_PRIVATE, "password:secret"},
	{HTTP_GET, "/cases/{code}", page_case, ROUTE_PRIVATE, NULL},
	{HTTP_POST, "/cases/{code}/events", page_case_event, ROUTE_PRIVATE, "kind:line service:line date:line note:text"},
	{HTTP_POST, "/cases/{code}/close", page_case_close, ROUTE_PRIVATE, "date:line note:text"},
	ROUTES_END,
};
