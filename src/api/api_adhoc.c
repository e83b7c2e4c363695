/*
 * api_adhoc.c: ad hoc requests in the API (core/adhoc.h; the pages are
 * web/adhoc.c, with the same rules and messages).
 *
 *   GET  /api/v1/adhoc-requests?unit=   {"unit", "sent": [requests with
 *        their counts and answers], "received": [requests with "answer",
 *        the unit's own]} (report/adhoc_answer.h's JSON); read access
 *   POST /api/v1/adhoc-requests/{unit}  asks: {"title", "due"
 *        (YYYY-MM-DD), "indicators": [ids], "question"}; 201 with the
 *        request; 400 naming the field, 403 for who may not ask
 *   GET  /api/v1/adhoc-requests/{unit}/{id}  the request as the asking
 *        unit sees it (with every answer), or as a unit asked sees it
 *        (with its answer and history); 404 for any other unit
 *   POST /api/v1/adhoc-requests/{unit}/{id}  a step on the unit's answer:
 *        JSON {"action": "save"|"submit"|"return"|"accept", "version",
 *        "answer", "comment"}, or multipart/form-data with the same
 *        fields and "file"
 */
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "core/adhoc.h"
#include "core/workflow.h"
#include "report/adhoc_answer.h"
#include "store/adhoc_requests.h"
#include "util/text.h"

#include "util/banned.h"

#define LIST_MAX 100

static enum gemis_err list_into(struct http_req *r, struct db *db, int unit, bool sent, json_t *a)
{
	const struct tree *t = &r->snap->tree;
	struct adhoc_request *rs;
	enum gemis_err err;
	size_t n, i;

	err = adhoc_requests_list(db, t, unit, sent, LIST_MAX, &r->arena, &rs, &n, &r->err);
	for (i = 0; !err && i < n; i++) {
		struct adhoc_answer *as, one;
		size_t na;
		json_t *o;

		if (sent) {
			err = adhoc_answers_list(db, t, &rs[i], &r->arena, &as, &na, &r->err);
			if (!err)
				json_array_append_new(a, adhoc_request_json(t, &rs[i], as, na, http_judged_at(r)));
			continue;
		}
		err = adhoc_answer_get(db, t, &rs[i], unit, &r->arena, &one, &r->err);
		if (err)
			break;
		o = adhoc_request_json(t, &rs[i], NULL, 0, http_judged_at(r));
		json_object_set_new(o, "answer", adhoc_answer_json(t, &rs[i], &one, http_judged_at(r)));
		json_array_append_new(a, o);
	}
	return err;
}

enum gemis_err api_adhoc_list(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	json_t *doc, *sent = json_array(), *received = json_array();
	struct db *db;
	enum gemis_err err;
	int unit;

	if (!s) {
		err = GEMIS_EDB;
		goto fail;
	}
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = list_into(r, db, unit, true, sent);
	if (!err)
		err = list_into(r, db, unit, false, received);
	if (err)
		goto fail;
	doc = json_pack("{s:s, s:o, s:o}", "unit", s->tree.units[unit].code, "sent", sent, "received", received);
	return http_json(r, 200, doc);
fail:
	json_decref(sent);
	json_decref(received);
	return err;
}

/* The indicators of the body, as a comma list; NULL when not an array of
 * strings. */
static const char *indicator_list(struct http_req *r, json_t *v)
{
	struct buf b;
	const char *out;
	json_t *x;
	size_t i;

	if (!v)
		return "";
	if (!json_is_array(v))
		return NULL;
	buf_init(&b, 64 * 1024);
	json_array_foreach(v, i, x) {
		if (!json_is_string(x)) {
			buf_release(&b);
			return NULL;
		}
		buf_printf(&b, "%s%s", i ? "," : "", json_string_value(x));
	}
	out = arena_strdup(&r->arena, buf_str(&b));
	buf_release(&b);
	return out;
}

#define ASK_SHAPE N_("the body must be {\"title\", \"due\": \"YYYY-MM-DD\", \"indicators\": [ids], \"question\"}")

enum gemis_err api_adhoc_ask(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *title = NULL, *due = NULL, *question = NULL;
	struct adhoc_request q;
	struct adhoc_ask a;
	json_t *doc, *inds = NULL;
	json_error_t je;
	struct db *db;
	enum gemis_err err;
	long long id;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (err)
		return err;
	if (adhoc_unit_asks(&s->tree, unit) ? !adhoc_may_ask(&s->tree, &r->who, unit)
					    : r->who.role != ROLE_ADMIN && !http_can(r, ACT_SEND, unit, -1))
		return GEMIS_EPERM;
	err = http_db(r, &db);
	if (err)
		return err;
	memset(&a, 0, sizeof(a));
	a.unit = unit;
	doc = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!doc || json_unpack_ex(doc, &je, JSON_STRICT, "{s?s, s?s, s?o, s?s}", "title", &title, "due", &due,
				   "indicators", &inds, "question", &question)) {
		json_decref(doc);
		return http_fail(r, GEMIS_EINVAL, "%s", _(ASK_SHAPE));
	}
	a.title = title ? arena_strdup(&r->arena, title) : NULL;
	a.question = question ? arena_strdup(&r->arena, question) : NULL;
	a.has_due = due && date_parse_iso(due, strlen(due), &a.due);
	a.indicators = indicator_list(r, inds);
	json_decref(doc);
	if (!a.indicators)
		return http_fail(r, GEMIS_EINVAL, "%s", _(ASK_SHAPE));
	err = adhoc_request_create(db, &s->tree, &r->who, &a, date_from_ymd(http_today(r)), r->now, &id, &r->err);
	if (!err)
		err = adhoc_request_get(db, &s->tree, id, &r->arena, &q, &r->err);
	if (err)
		return err;
	http_data_changed(r);
	return http_json(r, 201, adhoc_request_json(&s->tree, &q, NULL, 0, http_judged_at(r)));
}

/* The request the path names, and the unit: ENOTFOUND unless the unit
 * asked it or is asked by it. */
static enum gemis_err open_request(struct http_req *r, struct db **db, struct adhoc_request *q, int *unit)
{
	const struct snapshot *s = http_snap(r);
	const char *sid = http_arg(r, 1);
	enum gemis_err err;
	long id = 0;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, unit);
	if (err)
		return err;
	if (!sid || !text_parse_long(sid, strlen(sid), &id) || id <= 0)
		return GEMIS_ENOTFOUND;
	err = http_db(r, db);
	if (!err)
		err = adhoc_request_get(*db, &s->tree, id, &r->arena, q, &r->err);
	if (!err && q->unit != *unit && !adhoc_asks(&s->tree, q, *unit))
		err = GEMIS_ENOTFOUND;
	return err;
}

/* The request as the unit sees it. */
static enum gemis_err request_view(struct http_req *r, struct db *db, const struct adhoc_request *q, int unit,
				   json_t **out)
{
	const struct tree *t = &r->snap->tree;
	struct adhoc_answer *as, one;
	enum gemis_err err;
	size_t n;

	if (unit == q->unit) {
		err = adhoc_answers_list(db, t, q, &r->arena, &as, &n, &r->err);
		if (!err)
			*out = adhoc_request_json(t, q, as, n, http_judged_at(r));
		return err;
	}
	err = adhoc_answer_get(db, t, q, unit, &r->arena, &one, &r->err);
	if (!err) {
		*out = adhoc_request_json(t, q, NULL, 0, http_judged_at(r));
		json_object_set_new(*out, "answer", adhoc_answer_json(t, q, &one, http_judged_at(r)));
	}
	return err;
}

enum gemis_err api_adhoc_get(struct http_req *r)
{
	struct adhoc_request q;
	struct db *db;
	enum gemis_err err;
	json_t *doc = NULL;
	int unit;

	err = open_request(r, &db, &q, &unit);
	if (!err)
		err = request_view(r, db, &q, unit, &doc);
	if (err)
		return err;
	return http_json(r, 200, doc);
}

/* The step asked: from a JSON body or from form fields. */
struct step_ask {
	const char *action, *comment, *answer;
	long long version;
	const struct http_file *file;
};

#define STEP_SHAPE \
	N_("the body must be {\"action\": \"save\", \"submit\", \"return\" or \"accept\", \"version\", \"answer\", \"comment\"}")

static enum gemis_err read_ask(struct http_req *r, struct step_ask *ask)
{
	const char *ct = r->content_type, *action = NULL, *comment = NULL, *answer = NULL;
	json_int_t version = 0;
	json_error_t je;
	json_t *doc;

	memset(ask, 0, sizeof(*ask));
	if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0) {
		const char *v = http_param_or(r, "version", "0");
		long lv = 0;

		if (!text_parse_long(v, strlen(v), &lv))
			return http_fail(r, GEMIS_EINVAL, "%s", _("version: give the version the answer had (a number)"));
		ask->action = http_param(r, "action");
		ask->comment = http_param(r, "comment");
		ask->answer = http_param(r, "answer");
		ask->version = lv;
		ask->file = http_file(r, "file");
		return GEMIS_OK;
	}
	doc = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!doc || json_unpack_ex(doc, &je, JSON_STRICT, "{s:s, s?I, s?s, s?s}", "action", &action, "version",
				   &version, "answer", &answer, "comment", &comment)) {
		json_decref(doc);
		return http_fail(r, GEMIS_EINVAL, "%s", _(STEP_SHAPE));
	}
	ask->action = arena_strdup(&r->arena, action);
	ask->comment = comment ? arena_strdup(&r->arena, comment) : NULL;
	ask->answer = answer ? arena_strdup(&r->arena, answer) : NULL;
	ask->version = version;
	json_decref(doc);
	return GEMIS_OK;
}

static enum gemis_err take_step(struct http_req *r, struct db *db, const struct adhoc_request *q, int unit, int a,
				const struct step_ask *ask)
{
	const struct http_file *f = ask->file && ask->file->len ? ask->file : NULL;
	const char *act = wf_action_id(&wf_report, a);
	struct adhoc_step_in in;

	if (strcmp(act, "submit") == 0 || strcmp(act, "save") == 0)
		return adhoc_answer_send(db, r->snap, &r->who, q, unit, strcmp(act, "submit") == 0, ask->version,
					 ask->answer, f ? f->filename : NULL, f ? f->data : NULL, f ? f->len : 0, r->now,
					 &r->err);
	memset(&in, 0, sizeof(in));
	in.action = a;
	in.version = ask->version;
	in.comment = ask->comment;
	return adhoc_answer_act(db, &r->snap->tree, &r->who, q, unit, &in, r->now, &r->err);
}

enum gemis_err api_adhoc_act(struct http_req *r)
{
	struct adhoc_request q;
	struct step_ask ask;
	struct db *db;
	enum gemis_err err;
	json_t *doc = NULL;
	int a, unit;

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
	/* who may take the step is asked before the request is read */
	if (!wf_permitted(&wf_report, &r->snap->tree, &r->who, a, unit, -1))
		return GEMIS_EPERM;
	err = open_request(r, &db, &q, &unit);
	if (!err && q.unit == unit)
		err = GEMIS_ENOTFOUND;
	if (!err)
		err = take_step(r, db, &q, unit, a, &ask);
	if (!err) {
		http_data_changed(r);
		err = request_view(r, db, &q, unit, &doc);
	}
	if (err)
		return err;
	return http_json(r, 200, doc);
}
