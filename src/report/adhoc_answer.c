/*
 * adhoc_answer.c: the figures and the submission of an answer to an ad hoc
 * request, and their JSON (see adhoc_answer.h).
 */
#include "adhoc_answer.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chainreport.h"
#include "core/catalog.h"
#include "core/workflow.h"
#include "util/i18n.h"

#include "util/banned.h"

/* The row of the yearly figures for indicator id, or NULL. */
static json_t *row_of(json_t *rows, const char *id)
{
	json_t *row;
	size_t i;

	json_array_foreach(rows, i, row) {
		const char *x = json_string_value(json_object_get(row, "indicator"));

		if (x && strcmp(x, id) == 0)
			return row;
	}
	return NULL;
}

enum gemis_err adhoc_figures(struct db *db, const struct snapshot *s, const struct adhoc_request *r, int unit,
			     int year, char **json, struct errctx *e)
{
	json_t *all, *rows, *out;
	char *text = NULL;
	enum gemis_err err;
	size_t i;

	*json = NULL;
	if (r->nind == 0)
		return GEMIS_OK;
	/* the yearly report's figures, the ones asked kept */
	err = chain_figures(db, s, unit, year, &text, e);
	if (err)
		return err;
	all = json_loads(text, 0, NULL);
	free(text);
	rows = json_array();
	for (i = 0; i < r->nind; i++) {
		const char *id = catalog[r->ind[i]].id;
		json_t *row = row_of(json_object_get(all, "indicators"), id);

		json_array_append_new(rows, row ? json_incref(row)
						: json_pack("{s:s, s:n, s:n, s:n}", "indicator", id, "value", "target", "data_year"));
	}
	json_decref(all);
	out = json_pack("{s:s, s:i, s:o}", "unit", s->tree.units[unit].code, "year", year, "indicators", rows);
	*json = out ? json_dumps(out, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
	json_decref(out);
	if (!*json)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	return GEMIS_OK;
}

enum gemis_err adhoc_answer_send(struct db *db, const struct snapshot *s, const struct principal *who,
				 const struct adhoc_request *r, int unit, bool submit, long long version,
				 const char *answer, const char *filename, const void *data, size_t len, long long now,
				 struct errctx *e)
{
	struct adhoc_step_in in;
	char *figures = NULL;
	enum gemis_err err;

	memset(&in, 0, sizeof(in));
	in.action = wf_action_find(&wf_report, submit ? "submit" : "save");
	in.version = version;
	in.answer = answer;
	in.filename = filename;
	in.data = data;
	in.len = len;
	if (unit < 0 || (size_t)unit >= s->tree.n)
		return err_set_at(e, GEMIS_EINVAL, "unit", "%s", _("unknown unit"));
	/* who may answer is asked before the figures are computed */
	err = wf_check_request(&wf_report, &s->tree, who, in.action, unit, -1, NULL, e);
	if (!err && !adhoc_asks(&s->tree, r, unit))
		err = err_set_at(e, GEMIS_EINVAL, "request", _("this request is not addressed to %s"),
				 s->tree.units[unit].name);
	if (!err && submit)
		err = adhoc_figures(db, s, r, unit, vn_date(now).y, &figures, e);
	if (!err) {
		in.figures = figures;
		err = adhoc_answer_act(db, &s->tree, who, r, unit, &in, now, e);
	}
	free(figures);
	return err;
}

static json_t *time_or_null(long long t)
{
	return t ? json_integer(t) : json_null();
}

json_t *adhoc_answer_json(const struct tree *t, const struct adhoc_request *r, const struct adhoc_answer *a,
			  long long now)
{
	json_t *steps = json_array(), *file = json_null(), *figures = NULL;
	long long last_file = 0;
	size_t i;

	for (i = 0; i < a->nsteps; i++) {
		json_array_append_new(steps, chain_step_json(&a->steps[i]));
		if (a->steps[i].attachment_id)
			last_file = a->steps[i].id;
	}
	if (a->attachment_id)
		file = json_pack("{s:I, s:s}", "step", (json_int_t)last_file, "name", a->filename ? a->filename : "");
	if (a->figures)
		figures = json_loads(a->figures, 0, NULL);
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s?, s:o, s:o, s:s?, s:o, s:o, s:s?, s:o}", "request",
			 (json_int_t)r->id, "unit", t->units[a->unit].code, "name", t->units[a->unit].name, "state",
			 wf_state_id(&wf_report, a->state), "version", (json_int_t)a->version, "timing",
			 adhoc_timing_id(adhoc_timing(r->due, a->first_submitted_at, now)), "answer", a->answer,
			 "figures", figures ? figures : json_null(), "file", file, "comment", a->comment, "submitted_at",
			 time_or_null(a->submitted_at), "first_submitted_at", time_or_null(a->first_submitted_at),
			 "submitted_by", a->submitted_by, "steps", steps);
}

json_t *adhoc_request_json(const struct tree *t, const struct adhoc_request *r, const struct adhoc_answer *answers,
			   size_t n, long long now)
{
	json_t *ids = json_array(), *o;
	char due[DATE_TEXT_LEN];
	size_t i;

	for (i = 0; i < r->nind; i++)
		json_array_append_new(ids, json_string(catalog[r->ind[i]].id));
	date_format_iso(r->due, due);
	o = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:o, s:s, s:s, s:I}", "id", (json_int_t)r->id, "unit",
		      t->units[r->unit].code, "name", t->units[r->unit].name, "title", r->title ? r->title : "",
		      "question", r->question, "indicators", ids, "due", due, "created_by",
		      r->created_by ? r->created_by : "", "created_at", (json_int_t)r->created_at);
	if (o && answers) {
		struct adhoc_counts c;
		json_t *a = json_array();

		adhoc_count(r, answers, n, now, &c);
		json_object_set_new(o, "counts",
				    json_pack("{s:i, s:i, s:i, s:i, s:i}", "asked", (int)c.asked, "sent", (int)c.sent,
					      "accepted", (int)c.accepted, "late", (int)c.late, "overdue", (int)c.overdue));
		for (i = 0; i < n; i++)
			json_array_append_new(a, adhoc_answer_json(t, r, &answers[i], now));
		json_object_set_new(o, "answers", a);
	}
	return o;
}

/* --- the demonstration ------------------------------------------------------ */

static struct principal demo_who(int unit, enum role role)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "demo");
	p.role = role;
	p.unit = unit;
	p.agency = -1;
	return p;
}

/* One answer of the demo: submitted, then accepted or returned. */
static enum gemis_err demo_answer(struct db *db, const struct snapshot *s, const struct adhoc_request *q,
				  const char *code, const char *text, const char *then, long long now, struct errctx *e)
{
	int unit = tree_find(&s->tree, code);
	struct principal focal = demo_who(unit, ROLE_FOCAL), prov = demo_who(q->unit, ROLE_PROVINCE);
	struct adhoc_step_in in;
	enum gemis_err err;

	if (unit < 0)
		return GEMIS_OK;
	err = adhoc_answer_send(db, s, &focal, q, unit, true, 0, text, NULL, NULL, 0, now, e);
	if (err || !then)
		return err;
	memset(&in, 0, sizeof(in));
	in.action = wf_action_find(&wf_report, then);
	in.version = 1;
	in.comment = strcmp(then, "return") == 0 ? "Đề nghị bổ sung số vụ theo từng thôn, bản." : NULL;
	return adhoc_answer_act(db, &s->tree, &prov, q, unit, &in, now + 3600, e);
}

enum gemis_err adhoc_demo(struct db *db, const struct snapshot *s, long long now, struct errctx *e)
{
	int unit = tree_find(&s->tree, "12");
	struct principal prov = demo_who(unit, ROLE_PROVINCE);
	struct adhoc_request q;
	struct arena mem;
	struct adhoc_ask a;
	enum gemis_err err;
	long long id;

	if (unit < 0)
		return GEMIS_OK;
	memset(&a, 0, sizeof(a));
	a.unit = unit;
	a.title = "Báo cáo nhanh về phòng, chống bạo lực gia đình";
	a.question = "Nêu số vụ bạo lực gia đình đã tiếp nhận từ đầu năm và các biện pháp hỗ trợ nạn nhân.";
	a.indicators = "dv_victims_supported,female_key_leaders";
	a.has_due = true;
	a.due = date_from_days(date_days(vn_date(now)) + 30);
	arena_init(&mem, 0);
	err = adhoc_request_create(db, &s->tree, &prov, &a, vn_date(now), now, &id, e);
	if (!err)
		err = adhoc_request_get(db, &s->tree, id, &mem, &q, e);
	if (!err)
		err = demo_answer(db, s, &q, "03388", "Từ đầu năm tiếp nhận 2 vụ; cả 2 nạn nhân được tư vấn, hỗ trợ.",
				  "accept", now + 60, e);
	if (!err)
		err = demo_answer(db, s, &q, "03394", "Không tiếp nhận vụ bạo lực gia đình nào.", NULL, now + 120, e);
	if (!err)
		err = demo_answer(db, s, &q, "03405", "Tiếp nhận 1 vụ, đã hòa giải tại thôn.", "return", now + 180, e);
	arena_release(&mem);
	return err;
}
