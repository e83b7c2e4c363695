/*
 * api_write.c: the writing end of the API: values (all or nothing) and
 * the forms' workflow, under the same rules as the pages.
 *
 *   POST /api/v1/values[?dry_run=1]
 *        a CSV body (Content-Type: text/csv, the layout of
 *        formats/values_csv.h) or JSON:
 *        {"values": [{"unit": "03390", "period": "2026",
 *                     "indicator": "female_wage_workers", "part": "num",
 *                     "sex": "T", "value": 412}, ...]}
 *        The whole batch or nothing; problems name the row (line of the
 *        CSV, 1-based position in the JSON array) and field.
 *   GET  /api/v1/submissions?unit=&year=       the saved forms in scope
 *   GET  /api/v1/submissions/{unit}/{agency}/{year}
 *        one form: its state, fields and saved values
 *   POST /api/v1/submissions/{unit}/{agency}/{year}
 *        {"action": "save|submit|approve|return|reopen", "version": 3,
 *         "comment": "...", "values": [{"indicator": ..., "part": ...,
 *         "sex": ..., "period": "2026", "value": 5}]}
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "formats/exchange.h"
#include "formats/values_csv.h"
#include "store/submissions.h"
#include "store/values.h"
#include "util/text.h"

#include "util/banned.h"

static bool ctype_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* A JSON value as the text an importer reads: numbers as written. */
static const char *field_text(struct http_req *r, const json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v)) {
		/* the shortest digits that read back the same (0.1, not
		 * 0.10000000000000001), whole: number_parse() judges the length */
		struct buf b;
		const char *s;

		buf_init(&b, 1024);
		s = put_plain_number(&b, json_real_value(v)) ? "?" : arena_strdup(&r->arena, buf_str(&b));
		buf_release(&b);
		return s;
	}
	return NULL;
}

static enum gemis_err bad_json(struct http_req *r, const json_error_t *je)
{
	return http_fail(r, GEMIS_EINVAL, _("the body is not the JSON expected: %s (line %d, column %d)"), je->text,
			 je->line, je->column);
}

static void json_rows(struct http_req *r, const json_t *list, struct value_rows *rows, struct diags *d)
{
	const struct tree *t = &r->snap->tree;
	const json_t *x;
	size_t i;

	json_array_foreach(list, i, x) {
		const char *f[6];
		static const char *const names[6] = {"unit", "period", "indicator", "part", "sex", "value"};
		struct value_row row;
		int k;
		bool ok = json_is_object(x);

		for (k = 0; ok && k < 6; k++) {
			f[k] = field_text(r, json_object_get(x, names[k]));
			if (!f[k]) {
				diags_add(d, (long)i + 1, names[k], _("missing or not a string or number"));
				ok = false;
			}
		}
		if (!json_is_object(x)) {
			diags_add(d, (long)i + 1, "", _("must be an object"));
			continue;
		}
		if (ok && json_object_size(x) != 6)
			diags_add(d, (long)i + 1, "", _("unknown field: a value has unit, period, indicator, part, sex and value"));
		if (ok && values_parse_fields(t, f[0], f[1], f[2], f[3], f[4], f[5], (long)i + 1, &row, d))
			value_rows_push(rows, &row);
	}
}

enum gemis_err api_values_post(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	bool dry = http_param(r, "dry_run") && strcmp(http_param(r, "dry_run"), "0") != 0;
	struct value_rows rows = {0};
	struct values_result res;
	struct db *db;
	json_t *doc = NULL;
	json_error_t je;
	enum gemis_err err;

	if (!s)
		return GEMIS_EDB;
	if (!http_can(r, ACT_IMPORT, r->who.unit, -1))
		return GEMIS_EPERM;
	err = http_db(r, &db);
	if (err)
		return err;
	r->diags = arena_alloc(&r->arena, sizeof(*r->diags));
	if (!r->diags)
		return GEMIS_ENOMEM;
	diags_init(r->diags, 500);
	r->diags->scoped = r->who.role != ROLE_ADMIN;
	if (ctype_is(r->content_type, "text/csv")) {
		err = values_csv_parse(r->body, r->body_len, &s->tree, &rows, r->diags, &r->err);
	} else if (ctype_is(r->content_type, "application/json")) {
		json_t *list = NULL;

		doc = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
		if (!doc || json_unpack_ex(doc, &je, JSON_STRICT, "{s:o}", "values", &list) || !json_is_array(list)) {
			err = doc ? http_fail(r, GEMIS_EINVAL, "%s", _("the body must be {\"values\": [...]}")) : bad_json(r, &je);
		} else {
			json_rows(r, list, &rows, r->diags);
		}
	} else {
		err = http_fail(r, GEMIS_EINVAL, "%s", _("send text/csv or application/json"));
	}
	if (!err) {
		access_check_rows(&s->tree, &r->who, rows.v, rows.n, r->diags);
		err = values_import(db, &s->tree, rows.v, rows.n, r->user.name, "api", dry ? VALUES_DRY_RUN : 0,
				    r->diags, &res, NULL, NULL, &r->err);
		if (r->diags->total > 0) {
			diags_sort(r->diags);
			err = http_fail(r, GEMIS_EINVAL,
					ngettext_("%zu problem found; nothing was imported.",
						  "%zu problems found; nothing was imported.", r->diags->total),
					r->diags->total);
		}
	}
	json_decref(doc);
	if (!err) {
		if (!dry && res.inserted + res.updated > 0)
			http_data_changed(r);
		err = http_json(r, 200, json_pack("{s:b, s:I, s:I, s:I, s:I}", "dry_run", dry, "values",
						  (json_int_t)rows.n, "inserted", (json_int_t)res.inserted, "updated",
						  (json_int_t)res.updated, "unchanged", (json_int_t)res.unchanged));
	}
	value_rows_release(&rows);
	return err;
}

/* --- forms --------------------------------------------------------------- */

static json_t *time_or_null(long long t)
{
	return t ? json_integer(t) : json_null();
}

static json_t *sub_json(struct http_req *r, const struct submission *s)
{
	const struct unit *u = &r->snap->tree.units[s->unit];

	return json_pack("{s:s, s:s, s:i, s:s, s:I, s:o, s:s?, s:o, s:s?, s:o, s:s?, s:s?, s:s?}", "unit", u->code, "agency",
			 agency_kinds[s->agency].id, "year", s->year, "status", sub_status_id(s->status), "version",
			 (json_int_t)s->version, "updated_at", time_or_null(s->updated_at), "updated_by",
			 s->updated_by[0] ? s->updated_by : NULL, "submitted_at", time_or_null(s->submitted_at),
			 "submitted_by", s->submitted_by[0] ? s->submitted_by : NULL, "decided_at",
			 time_or_null(s->decided_at), "decided_by", s->decided_by[0] ? s->decided_by : NULL, "comment",
			 s->comment[0] ? s->comment : NULL, "narrative", s->narrative[0] ? s->narrative : NULL);
}

struct list_ctx {
	struct http_req *r;
	json_t *list;
};

static enum gemis_err list_one(void *ctx, const struct submission *s)
{
	struct list_ctx *c = ctx;

	json_array_append_new(c->list, sub_json(c->r, s));
	return GEMIS_OK;
}

enum gemis_err api_submissions(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct list_ctx c = {r, NULL};
	struct db *db;
	enum gemis_err err;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	c.list = json_array();
	err = submissions_list(db, &s->tree, unit, http_year_or_this(r), list_one, &c,
			       &r->err);
	if (err) {
		json_decref(c.list);
		return err;
	}
	return http_json(r, 200, json_pack("{s:o}", "submissions", c.list));
}

/* Resolves {unit}/{agency}/{year} and builds the form. */
static enum gemis_err open_form(struct http_req *r, enum action need, int *unit, int *agency, int *year,
				struct form *f)
{
	const char *ag = http_arg(r, 1), *yr = http_arg(r, 2);
	struct db *db;
	enum gemis_err err;
	long y;

	memset(f, 0, sizeof(*f));
	*agency = ag ? agency_find(ag) : -1;
	err = http_unit(r, http_arg(r, 0), need, need == ACT_ENTER ? *agency : -1, unit);
	if (err)
		return err;
	if (*agency < 0 || !yr || strlen(yr) != 4 || !text_parse_long(yr, 4, &y) || y < PERIOD_MIN_YEAR ||
	    y > PERIOD_MAX_YEAR)
		return GEMIS_ENOTFOUND;
	*year = (int)y;
	err = http_db(r, &db);
	if (!err)
		err = form_build(db, &r->snap->tree, *unit, *agency, *year, f, &r->err);
	return err;
}

enum gemis_err api_submission(struct http_req *r)
{
	struct form f;
	struct submission sub;
	struct value_row *vals = NULL;
	struct db *db;
	json_t *o, *fields;
	enum gemis_err err;
	int unit, agency, year;
	size_t i, nv = 0;

	err = open_form(r, ACT_READ, &unit, &agency, &year, &f);
	if (err)
		return err;
	err = http_db(r, &db);
	if (!err)
		err = submissions_get(db, &r->snap->tree, unit, agency, year, &sub, &r->err);
	if (!err && sub.id)
		err = submissions_values(db, &r->snap->tree, sub.id, &vals, &nv, &r->err);
	if (err) {
		form_release(&f);
		return err;
	}
	fields = json_array();
	for (i = 0; i < f.nfields; i++) {
		const struct form_field *x = &f.fields[i];
		char per[16];
		double v = NAN;
		size_t k;

		for (k = 0; k < nv; k++) {
			if (vals[k].ind == x->ind && vals[k].part == x->part && vals[k].sex == x->sex &&
			    vals[k].period == x->period)
				v = vals[k].value;
		}
		period_format(x->period, per, sizeof(per));
		json_array_append_new(fields, json_pack("{s:s, s:s, s:s, s:s, s:o}", "indicator", catalog[x->ind].id,
							 "part", part_id(&catalog[x->ind], x->part), "sex",
							 sex_id((enum sex)x->sex), "period", per, "value",
							 isnan(v) ? json_null() : json_real(v)));
	}
	o = sub_json(r, &sub);
	json_object_set_new(o, "has_plan", json_boolean(f.has_plan));
	json_object_set_new(o, "fields", fields);
	free(vals);
	form_release(&f);
	return http_json(r, 200, o);
}

/* The values of a submission's body into rows; problems go to r->diags
 * by their place in the array. */
static void read_values(struct http_req *r, const json_t *values, int unit, struct value_rows *rows)
{
	const struct tree *t = &r->snap->tree;
	const json_t *x;
	size_t i;

	json_array_foreach(values, i, x) {
		const char *ind = field_text(r, json_object_get(x, "indicator"));
		const char *part = field_text(r, json_object_get(x, "part"));
		const char *sex = field_text(r, json_object_get(x, "sex"));
		const char *per = field_text(r, json_object_get(x, "period"));
		const char *val = field_text(r, json_object_get(x, "value"));
		struct value_row row;

		if (!ind || !part || !sex || !per || !val || json_object_size(x) != 5) {
			diags_add(r->diags, (long)i + 1, "",
				  _("a value has indicator, part, sex, period and value, and nothing else"));
			continue;
		}
		if (values_parse_fields(t, t->units[unit].code, per, ind, part, sex, val, (long)i + 1, &row, r->diags))
			value_rows_push(rows, &row);
	}
}

/* The body's explanations {"indicator": "text"} into *out, by indicator
 * (the request's arena); each must be an indicator of form f. */
static enum gemis_err read_explain(struct http_req *r, json_t *explain, const struct form *f, const char ***out)
{
	const char **ex = arena_alloc(&r->arena, catalog_n() * sizeof(*ex));
	const char *key;
	json_t *v;
	size_t i;

	if (!ex || !json_is_object(explain))
		return http_fail(r, GEMIS_EINVAL, "%s", _("explain must be an object: {\"indicator\": \"text\"}"));
	json_object_foreach(explain, key, v) {
		int k = catalog_find(key);
		bool on_form = false;

		for (i = 0; k >= 0 && i < f->ninds; i++)
			on_form |= f->inds[i] == k;
		if (!on_form || !json_is_string(v))
			return http_fail(r, GEMIS_EINVAL, _("explain: '%s' is not an indicator of this form"), key);
		ex[k] = json_string_value(v);
	}
	*out = ex;
	return GEMIS_OK;
}

enum gemis_err api_submission_act(struct http_req *r)
{
	const struct tree *t;
	struct form f;
	struct submission out;
	struct sub_request rq;
	struct value_rows rows = {0};
	json_t *doc, *values = NULL, *explain = NULL;
	json_error_t je;
	const char *action = NULL, *comment = NULL, *narrative = NULL;
	json_int_t version = 0;
	struct db *db;
	enum gemis_err err;
	int unit, agency, year, a;

	doc = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		return bad_json(r, &je);
	if (json_unpack_ex(doc, &je, JSON_STRICT, "{s:s, s?I, s?s, s?o, s?o, s?s}", "action", &action, "version",
			   &version, "comment", &comment, "values", &values, "explain", &explain, "narrative",
			   &narrative)) {
		err = bad_json(r, &je);
		goto out;
	}
	a = sub_action_parse(action);
	if (a < 0) {
		err = http_fail(r, GEMIS_EINVAL, "%s", _("unknown action"));
		goto out;
	}
	err = open_form(r, wf_form.actions[a].right, &unit, &agency, &year, &f);
	if (err)
		goto out;
	t = &r->snap->tree;
	r->diags = arena_alloc(&r->arena, sizeof(*r->diags));
	if (!r->diags) {
		err = GEMIS_ENOMEM;
		goto out_form;
	}
	diags_init(r->diags, 500);
	if (values && !json_is_array(values)) {
		err = http_fail(r, GEMIS_EINVAL, "%s", _("values must be an array"));
		goto out_form;
	}
	read_values(r, values, unit, &rows);
	if (r->diags->total == 0) {
		err = http_db(r, &db);
		if (err)
			goto out_form;
		memset(&rq, 0, sizeof(rq));
		rq.unit = unit;
		rq.agency = agency;
		rq.year = year;
		rq.action = (enum sub_action)a;
		rq.version = version;
		rq.rows = rows.v;
		rq.n = rows.n;
		rq.comment = comment;
		rq.narrative = narrative;
		rq.form = &f; /* read above, on this connection */
		if (explain) {
			const char **ex = NULL;

			err = read_explain(r, explain, &f, &ex);
			if (err)
				goto out_form;
			rq.explain = ex;
		}
		err = submissions_act(db, t, &r->who, &rq, r->diags, &out, &r->err);
		if (!err) {
			if (a == SUB_APPROVE)
				http_data_changed(r);
			err = http_json(r, 200, sub_json(r, &out));
		}
	} else {
		err = http_fail(r, GEMIS_EINVAL,
				ngettext_("%zu problem in the form; nothing was saved",
					  "%zu problems in the form; nothing was saved", r->diags->total),
				r->diags->total);
	}
	if (err && r->diags)
		diags_sort(r->diags);
out_form:
	form_release(&f);
out:
	value_rows_release(&rows);
	json_decref(doc);
	return err;
}
