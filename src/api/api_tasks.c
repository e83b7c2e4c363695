/*
 * api_tasks.c: a plan's tasks and the progress agencies record on them, in
 * the API, under the rules of the pages (store/task_progress.h).
 *
 *   GET  /api/v1/tasks?unit=&year=&agency=   a commune's tasks for the year
 *        with their status (the agency's own with agency=), due day,
 *        overdue and due soon (read access to the unit)
 *   GET  /api/v1/tasks/{unit}/{uid}?year=    one task: each agency's
 *        status and version for the year, and every record with its files
 *   POST /api/v1/tasks/{unit}/{uid}/progress a record: JSON {"agency",
 *        "period", "status", "reason", "note", "version"}, or the same as
 *        multipart/form-data fields with evidence files (field "evidence",
 *        up to TASK_FILES_MAX); 201 with the record.  Who may: the
 *        agency's reporter, the focal point, the admin (403 otherwise,
 *        asked before whether the task exists); a stale version or a
 *        locked year is 409, a bad field or file 400 naming it
 *   GET  /api/v1/evidence/{unit}/{id}  an evidence file, to a reader
 *        of the unit it was recorded in: the page's own handler
 *        (web/tasks.c), which answers the file or an error
 */
#include <jansson.h>
#include <string.h>

#include "api.h"
#include "core/date.h"
#include "report/tasks_json.h"
#include "store/task_progress.h"
#include "store/tasks.h"
#include "util/text.h"

#include "util/banned.h"

enum gemis_err api_tasks(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit"), *ag = http_param(r, "agency");
	struct task_list tl;
	struct task_recs rs;
	struct db *db;
	json_t *list;
	enum gemis_err err;
	int unit, year, agency = -1;
	bool has_plan;
	size_t i;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	if (ag && (agency = agency_find(ag)) < 0)
		return http_fail(r, GEMIS_EINVAL, _("agency: unknown agency '%s'"), ag);
	year = http_year_or_this(r);
	err = http_db(r, &db);
	if (err)
		return err;
	memset(&tl, 0, sizeof(tl));
	memset(&rs, 0, sizeof(rs));
	err = tasks_of_unit(db, &s->tree, unit, &tl, &r->err);
	if (!err)
		err = task_records(db, &s->tree, unit, NULL, year, &rs, &r->err);
	list = json_array();
	for (i = 0; !err && i < tl.n; i++) {
		if (agency >= 0 && task_role(&tl.t[i], agency_kinds[agency].id) == 0)
			continue;
		if (json_array_append_new(list, task_json(&tl.mem, &tl.t[i], &rs, agency, year, api_today(r))))
			err = GEMIS_ENOMEM;
	}
	has_plan = tl.plan_id != 0;
	task_recs_release(&rs);
	task_list_release(&tl);
	if (err) {
		json_decref(list);
		return err;
	}
	return http_json(r, 200, json_pack("{s:s, s:i, s:o, s:b, s:o}", "unit", s->tree.units[unit].code, "year", year,
					   "agency", agency >= 0 ? json_string(agency_kinds[agency].id) : json_null(),
					   "has_plan", has_plan, "tasks", list));
}

/* The id of agency's latest record of the period, 0 when none: the
 * version a record on top of it sends. */
static long long version_of(const struct task_recs *rs, const char *agency, period_t p)
{
	long long v = 0;
	size_t i;

	for (i = 0; i < rs->n; i++) {
		if (strcmp(rs->r[i].agency_id, agency) == 0 && rs->r[i].period == p)
			v = rs->r[i].id;
	}
	return v;
}

/* Every agency of the unit with a part in x, lead or partner ("all"
 * stands for every agency that recorded). */
static json_t *agencies_json(const struct task *x, const struct task_recs *rs, int year)
{
	json_t *list = json_array();
	size_t k;

	for (k = 0; k < agency_kind_count; k++) {
		const char *id = agency_kinds[k].id;
		int role = task_role(x, id);
		const struct task_rec *st;

		if (!role)
			continue;
		st = task_state(rs, x, id, year);
		/* "all" leads: only the agencies that recorded are listed */
		if (!st && x->nlead && strcmp(x->lead[0], "all") == 0 && role == 2)
			continue;
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:I}", "agency", id, "role",
						      role == 2 ? "lead" : "partner", "status",
						      task_status_id(st ? st->status : TS_NOT_STARTED), "version",
						      (json_int_t)version_of(rs, id, period_year_code(year))));
	}
	return list;
}

enum gemis_err api_task(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	struct task_list tl;
	struct task_recs rs;
	const struct task *x;
	struct db *db;
	json_t *o = NULL, *recs;
	enum gemis_err err;
	int unit, year;
	size_t i;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	year = http_year_or_this(r);
	memset(&tl, 0, sizeof(tl));
	memset(&rs, 0, sizeof(rs));
	err = tasks_of_unit(db, &s->tree, unit, &tl, &r->err);
	if (!err)
		err = task_records(db, &s->tree, unit, http_arg(r, 1), 0, &rs, &r->err);
	x = err ? NULL : task_find(&tl, http_arg(r, 1));
	if (!err && !x)
		err = GEMIS_ENOTFOUND;
	if (!err) {
		o = task_json(&tl.mem, x, &rs, -1, year, api_today(r));
		recs = json_array();
		for (i = 0; i < rs.n; i++)
			json_array_append_new(recs, task_rec_json(&rs.r[i]));
		json_object_set_new(o, "unit", json_string(s->tree.units[unit].code));
		json_object_set_new(o, "year", json_integer(year));
		json_object_set_new(o, "text", json_string(x->body ? x->body : ""));
		json_object_set_new(o, "agencies", agencies_json(x, &rs, year));
		json_object_set_new(o, "records", recs);
	}
	task_recs_release(&rs);
	task_list_release(&tl);
	return err ? err : http_json(r, 200, o);
}

/* What a record asks, from a JSON body or multipart fields. */
struct progress_in {
	const char *agency, *period, *status, *reason, *note;
	long long version;
};

static enum gemis_err read_progress(struct http_req *r, struct progress_in *in, json_t **doc)
{
	json_error_t je;
	json_int_t v = 0;

	memset(in, 0, sizeof(*in));
	*doc = NULL;
	if (r->content_type && strncasecmp(r->content_type, "multipart/form-data", 19) == 0) {
		const char *ver = http_param_or(r, "version", "0");
		long lv = 0;

		in->agency = http_param(r, "agency");
		in->period = http_param(r, "period");
		in->status = http_param(r, "status");
		in->reason = http_param(r, "reason");
		in->note = http_param(r, "note");
		if (!text_parse_long(ver, strlen(ver), &lv) || lv < 0)
			return http_fail(r, GEMIS_EINVAL, _("version: '%s' is not a record id"), ver);
		in->version = lv;
		return GEMIS_OK;
	}
	*doc = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!*doc)
		return http_fail(r, GEMIS_EINVAL, _("the body is not the JSON expected: %s (line %d, column %d)"), je.text,
				 je.line, je.column);
	if (json_unpack_ex(*doc, &je, JSON_STRICT, "{s:s, s?s, s:s, s?s, s?s, s?I}", "agency", &in->agency, "period",
			   &in->period, "status", &in->status, "reason", &in->reason, "note", &in->note, "version", &v))
		return http_fail(r, GEMIS_EINVAL, _("the body must be {\"agency\", \"status\", \"period\", \"reason\", \"note\", \"version\"}: %s"),
				 je.text);
	if (v < 0)
		return http_fail(r, GEMIS_EINVAL, "%s", _("version: not a record id"));
	in->version = v;
	return GEMIS_OK;
}

/* The multipart files of field "evidence" (empty inputs left out). */
static enum gemis_err evidence_files(struct http_req *r, struct task_file_in files[TASK_FILES_MAX],
				     struct task_update *u)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++) {
		if (strcmp(r->files[i].field, "evidence") != 0 || (r->files[i].len == 0 && !*r->files[i].filename))
			continue;
		if (u->nfiles == TASK_FILES_MAX)
			return http_fail(r, GEMIS_EINVAL,
					 ngettext_("evidence: at most %d file a record", "evidence: at most %d files a record",
						   TASK_FILES_MAX),
					 TASK_FILES_MAX);
		files[u->nfiles].name = r->files[i].filename;
		files[u->nfiles].data = r->files[i].data;
		files[u->nfiles].len = r->files[i].len;
		u->nfiles++;
	}
	u->files = files;
	return GEMIS_OK;
}

enum gemis_err api_task_progress(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	struct task_file_in files[TASK_FILES_MAX];
	struct progress_in in;
	struct task_update u;
	struct task_list tl;
	struct task_recs rs;
	const struct task *x;
	struct db *db;
	json_t *doc = NULL, *out = NULL;
	long long id = 0;
	enum gemis_err err;
	int unit, agency, st;
	size_t i;

	if (!s)
		return GEMIS_EDB;
	memset(&tl, 0, sizeof(tl));
	memset(&rs, 0, sizeof(rs));
	err = read_progress(r, &in, &doc);
	if (err)
		goto out;
	agency = in.agency ? agency_find(in.agency) : -1;
	/* who may record for this agency of this unit is asked first, as for
	 * forms: the same 403 whether or not the task exists */
	err = http_unit(r, http_arg(r, 0), ACT_ENTER, agency, &unit);
	if (!err && agency < 0)
		err = http_fail(r, GEMIS_EINVAL, _("agency: unknown agency '%s'"), in.agency ? in.agency : "");
	if (err)
		goto out;
	memset(&u, 0, sizeof(u));
	u.agency = agency;
	st = task_status_parse(in.status);
	if (st < 0) {
		err = http_fail(r, GEMIS_EINVAL, _("status: '%s' is not one of not_started, in_progress, done, not_done"),
				in.status);
		goto out;
	}
	u.status = (enum task_status)st;
	u.period = period_year_code(http_today(r) / 10000);
	if (in.period && !period_parse(in.period, strlen(in.period), &u.period)) {
		err = http_fail(r, GEMIS_EINVAL, _("period: '%s' is not a year (2026) or a quarter (2026Q3)"), in.period);
		goto out;
	}
	u.reason = in.reason;
	u.note = in.note;
	u.version = in.version;
	err = evidence_files(r, files, &u);
	if (!err)
		err = http_db(r, &db);
	if (!err)
		err = tasks_of_unit(db, &s->tree, unit, &tl, &r->err);
	if (err)
		goto out;
	x = task_find(&tl, http_arg(r, 1));
	if (!x) {
		err = GEMIS_ENOTFOUND;
		goto out;
	}
	u.uid = x->uid;
	r->diags = arena_alloc(&r->arena, sizeof(*r->diags));
	if (!r->diags) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	diags_init(r->diags, 50);
	err = task_record(db, &s->tree, &r->who, unit, &u, r->now, r->diags, &id, &r->err);
	if (err == GEMIS_EINVAL && r->diags->total > 0 && !r->err.msg[0])
		err = http_fail(r, GEMIS_EINVAL,
				ngettext_("%zu problem in the record; nothing was saved",
					  "%zu problems in the record; nothing was saved", r->diags->total),
				r->diags->total);
	if (!err)
		err = task_records(db, &s->tree, unit, x->uid, 0, &rs, &r->err);
	for (i = 0; !err && i < rs.n; i++) {
		if (rs.r[i].id == id)
			out = task_rec_json(&rs.r[i]);
	}
	if (!err && !out)
		err = GEMIS_ENOMEM;
	if (!err) {
		http_data_changed(r);
		err = http_json(r, 201, out);
	}
out:
	json_decref(doc);
	task_recs_release(&rs);
	task_list_release(&tl);
	return err;
}
