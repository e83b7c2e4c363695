/*
 * api_activities.c: the activity log in the API, under the rules of the
 * pages (store/activities.h).
 *
 *   GET  /api/v1/activities?unit=&year=&quarter=&agency=
 *        a commune's activities of the year (newest first) and its four
 *        quarters: news items and months with a programme logged beside
 *        what a form typed (read access to the unit)
 *   POST /api/v1/activities
 *        {"unit", "agency", "date", "kind", "title", "channel", "place",
 *         "women", "men", "task", "action_month", "entry"}: 201 with the
 *        activity; "entry", a key the client draws for the entry (1-64
 *        letters, digits, "-" or "_"), makes a resend safe: the same key
 *        again in the unit answers 200 with the activity stored the first
 *        time, and adds nothing
 *   GET  /api/v1/activities/{unit}/{id}      one activity
 *   POST /api/v1/activities/{unit}/{id}
 *        {"action": "save", "version", ...the fields} or {"action":
 *        "delete", "version"}: the activity as it now is
 *   POST /api/v1/activities/import?unit=&agency=&dry_run=1
 *        a CSV or XLSX log (formats/activities_csv.h) as the body (or a
 *        multipart field "file"), all or nothing, every bad row named by
 *        its line and column
 * Who writes: the agency's reporter, the focal point, the admin (403,
 * asked before anything else); problems are 400 naming the field, a
 * change on an old version 409.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "core/date.h"
#include "report/tasks_json.h"
#include "store/activities.h"
#include "util/text.h"

#include "util/banned.h"

enum gemis_err api_activities(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit"), *ag = http_param(r, "agency"), *qs = http_param(r, "quarter");
	struct activity_list l = {0};
	struct log_quarter q[4];
	struct db *db;
	json_t *list;
	enum gemis_err err;
	int unit, year, agency = -1;
	long quarter = 0;
	size_t i;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	if (ag && (agency = agency_find(ag)) < 0)
		return http_fail(r, GEMIS_EINVAL, _("agency: unknown agency '%s'"), ag);
	if (qs && (!text_parse_long(qs, strlen(qs), &quarter) || quarter < 0 || quarter > 4))
		return http_fail(r, GEMIS_EINVAL, _("quarter: '%s' is not 1, 2, 3 or 4"), qs);
	year = http_year_or_this(r);
	err = http_db(r, &db);
	if (!err)
		err = activities_list(db, &s->tree, unit, year, (int)quarter, agency, &l, &r->err);
	if (!err)
		err = activity_log_compare(db, &s->tree, unit, year, q, &r->err);
	if (err) {
		activity_list_release(&l);
		return err;
	}
	list = json_array();
	for (i = 0; i < l.n; i++)
		json_array_append_new(list, activity_json(&l.a[i]));
	activity_list_release(&l);
	return http_json(r, 200, json_pack("{s:s, s:i, s:o, s:o}", "unit", s->tree.units[unit].code, "year", year,
					   "quarters", log_quarters_json(q), "activities", list));
}

/* A whole number of people, or null. */
static bool people(const json_t *v, int *out)
{
	if (!v || json_is_null(v)) {
		*out = -1;
		return true;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > ACT_PEOPLE_MAX)
		return false;
	*out = (int)json_integer_value(v);
	return true;
}

/* The activity of a JSON body as a row of a log (formats/activities_csv.h),
 * so that the task is found by its number as in a file and the channel
 * and the Action Month follow from the kind and the day when not given.
 * Problems go to d naming the field. */
static void body_row(const json_t *o, struct act_row *row, struct diags *d)
{
	const char *date = json_string_value(json_object_get(o, "date"));
	const char *kind = json_string_value(json_object_get(o, "kind"));
	const char *chan = json_string_value(json_object_get(o, "channel"));
	const char *title = json_string_value(json_object_get(o, "title"));
	const char *place = json_string_value(json_object_get(o, "place"));
	const char *task = json_string_value(json_object_get(o, "task"));
	const char *ag = json_string_value(json_object_get(o, "agency"));
	const json_t *am = json_object_get(o, "action_month");

	memset(row, 0, sizeof(*row));
	row->line = 0;
	row->agency = ag ? agency_find(ag) : -1;
	if (ag && row->agency < 0)
		diags_add(d, 0, "agency", _("unknown agency '%s'"), ag);
	if (!date || !date_parse_iso(date, strlen(date), &row->day))
		diags_add(d, 0, "date", "%s", _("not a date (YYYY-MM-DD)"));
	row->kind = kind ? act_kind_parse(kind) : -1;
	if (row->kind < 0)
		diags_add(d, 0, "kind", "%s", _("unknown kind of activity"));
	row->channel = chan ? act_channel_parse(chan) : -1;
	if (chan && row->channel < 0)
		diags_add(d, 0, "channel", "%s", _("unknown channel"));
	if (!title || strlen(title) > ACT_TITLE_MAX)
		diags_add(d, 0, "title", _("missing, or longer than %d bytes"), ACT_TITLE_MAX);
	else
		snprintf(row->title, sizeof(row->title), "%s", title);
	if (place && strlen(place) > ACT_PLACE_MAX)
		diags_add(d, 0, "place", _("longer than %d bytes"), ACT_PLACE_MAX);
	else if (place)
		snprintf(row->place, sizeof(row->place), "%s", place);
	if (!people(json_object_get(o, "women"), &row->women))
		diags_add(d, 0, "women", "%s", _("not a number of people"));
	if (!people(json_object_get(o, "men"), &row->men))
		diags_add(d, 0, "men", "%s", _("not a number of people"));
	if (task && strlen(task) >= sizeof(row->task))
		diags_add(d, 0, "task", "%s", _("no such task"));
	else if (task)
		snprintf(row->task, sizeof(row->task), "%s", task);
	row->action_month = !am || json_is_null(am) ? -1 : json_is_true(am) ? 1 : 0;
}

/* The fields an activity may have, and their types, as the OpenAPI says. */
static bool known_fields(const json_t *o, bool with_unit, struct diags *d)
{
	static const char *const str[] = {"agency", "date", "kind", "channel", "title", "place", "task"};
	const char *key;
	json_t *v;
	size_t k;

	json_object_foreach((json_t *)o, key, v) {
		bool ok = false;

		for (k = 0; k < sizeof(str) / sizeof(str[0]); k++)
			ok |= strcmp(key, str[k]) == 0 && (json_is_string(v) || (json_is_null(v) && k >= 3));
		ok |= (strcmp(key, "women") == 0 || strcmp(key, "men") == 0) && (json_is_integer(v) || json_is_null(v));
		ok |= strcmp(key, "action_month") == 0 && (json_is_boolean(v) || json_is_null(v));
		ok |= with_unit && strcmp(key, "unit") == 0 && json_is_string(v);
		ok |= with_unit && strcmp(key, "entry") == 0 && json_is_string(v);
		ok |= !with_unit && strcmp(key, "action") == 0 && json_is_string(v);
		ok |= !with_unit && strcmp(key, "version") == 0 && json_is_integer(v);
		if (!ok)
			diags_add(d, 0, key, "%s", _("unknown field, or not of its type"));
	}
	return d->total == 0;
}

/* Whether key is a client's entry key: 1-64 letters, digits, '-', '_'. */
static bool entry_key_ok(const char *key)
{
	size_t n = strlen(key), i;

	if (n == 0 || n > 64)
		return false;
	for (i = 0; i < n; i++) {
		char c = key[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
		      c == '_'))
			return false;
	}
	return true;
}

/* Saves the activity of row (id, version set for a change; entry, the
 * client's key of a new one, or "") and answers it: `status`, or 200 with
 * the stored activity when the key's entry was stored before. */
static enum gemis_err save_row(struct http_req *r, struct db *db, int unit, const struct act_row *row,
			       long long id, long long version, const char *entry, int status)
{
	struct activity *acts = NULL;
	long *lines = NULL;
	enum gemis_err err;

	err = activities_from_rows(db, &r->snap->tree, unit, row->agency, row, 1, &acts, &lines, r->diags, &r->err);
	if (!err && r->diags->total == 0) {
		acts[0].id = id;
		acts[0].version = version;
		snprintf(acts[0].client_key, sizeof(acts[0].client_key), "%s", entry);
		err = activity_save(db, &r->snap->tree, &r->who, &acts[0], api_today(r), r->now, r->diags, &r->err);
		/* a resend: the answer is what was stored, not what came again */
		if (!err && acts[0].was_there) {
			status = 200;
			err = activity_get(db, &r->snap->tree, unit, acts[0].id, &acts[0], &r->err);
		}
	}
	if (!err && r->diags->total > 0)
		err = GEMIS_EINVAL;
	if (err == GEMIS_EINVAL && !r->err.msg[0])
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the activity was not saved"));
	if (!err) {
		http_data_changed(r);
		err = http_json(r, status, activity_json(&acts[0]));
	}
	free(acts);
	free(lines);
	return err;
}

enum gemis_err api_activity_add(struct http_req *r)
{
	const char *code, *ag, *entry;
	struct act_row row;
	struct db *db;
	json_t *doc = NULL;
	enum gemis_err err;
	int unit;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = api_body_object(r, &doc);
	if (err)
		goto out;
	code = json_string_value(json_object_get(doc, "unit"));
	ag = json_string_value(json_object_get(doc, "agency"));
	/* who may log for this agency of this unit is asked first */
	err = http_unit(r, code, ACT_ENTER, ag ? agency_find(ag) : -1, &unit);
	if (err)
		goto out;
	if (!api_diags(r, 200)) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	if (!ag)
		diags_add(r->diags, 0, "agency", "%s", _("missing: which agency?"));
	entry = json_string_value(json_object_get(doc, "entry"));
	if (entry && !entry_key_ok(entry))
		diags_add(r->diags, 0, "entry", "%s", _("an entry key is 1 to 64 letters, digits, \"-\" or \"_\""));
	if (known_fields(doc, true, r->diags))
		body_row(doc, &row, r->diags);
	err = http_db(r, &db);
	if (!err && r->diags->total == 0)
		err = save_row(r, db, unit, &row, 0, 0, entry ? entry : "", 201);
	else if (!err)
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the activity was not saved"));
out:
	json_decref(doc);
	return err;
}

/* {unit}/{id}: the unit read or written, and the activity. */
static enum gemis_err open_activity(struct http_req *r, enum action need, int agency, int *unit,
				    struct activity *a)
{
	const char *sid = http_arg(r, 1);
	struct db *db;
	enum gemis_err err;
	long id = 0;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, agency, unit);
	if (err)
		return err;
	if (need == ACT_ENTER) {
		bool any = false;
		size_t k;

		for (k = 0; k < agency_kind_count && !any; k++)
			any = http_can(r, ACT_ENTER, *unit, (int)k);
		if (!any)
			return GEMIS_EPERM;
	}
	if (!sid || !text_parse_long(sid, strlen(sid), &id) || id <= 0)
		return GEMIS_ENOTFOUND;
	err = http_db(r, &db);
	if (!err)
		err = activity_get(db, &r->snap->tree, *unit, id, a, &r->err);
	return err;
}

enum gemis_err api_activity(struct http_req *r)
{
	struct activity a;
	enum gemis_err err;
	int unit;

	err = open_activity(r, ACT_READ, -1, &unit, &a);
	return err ? err : http_json(r, 200, activity_json(&a));
}

enum gemis_err api_activity_act(struct http_req *r)
{
	struct activity cur;
	struct act_row row;
	struct db *db;
	json_t *doc = NULL;
	const char *action;
	json_int_t version;
	enum gemis_err err;
	int unit;

	err = api_body_object(r, &doc);
	if (err)
		goto out;
	/* an account that may log nothing in the unit learns nothing of what
	 * is there; then the activity must be of an agency it logs for */
	err = open_activity(r, ACT_ENTER, -1, &unit, &cur);
	if (!err && !http_can(r, ACT_ENTER, unit, cur.agency))
		err = GEMIS_EPERM;
	if (err)
		goto out;
	action = json_string_value(json_object_get(doc, "action"));
	version = json_integer_value(json_object_get(doc, "version"));
	if (!action || (strcmp(action, "save") != 0 && strcmp(action, "delete") != 0)) {
		err = http_fail(r, GEMIS_EINVAL, "%s", _("action: save or delete"));
		goto out;
	}
	if (!json_is_integer(json_object_get(doc, "version"))) {
		err = http_fail(r, GEMIS_EINVAL, "%s", _("version: the version the change is made on is required"));
		goto out;
	}
	err = http_db(r, &db);
	if (err)
		goto out;
	if (strcmp(action, "delete") == 0) {
		err = activity_delete(db, &r->snap->tree, &r->who, unit, cur.id, version, r->now, &r->err);
		if (!err) {
			http_data_changed(r);
			err = http_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)cur.id, "deleted", 1));
		}
		goto out;
	}
	if (!api_diags(r, 200)) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	if (!known_fields(doc, false, r->diags)) {
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the activity was not saved"));
		goto out;
	}
	/* a change names the fields it changes; the others stay as they are */
	{
		json_t *full = activity_json(&cur), *v;
		const char *key;

		json_object_foreach(doc, key, v)
			json_object_set(full, key, v);
		body_row(full, &row, r->diags);
		json_decref(full);
	}
	if (r->diags->total == 0 && !http_can(r, ACT_ENTER, unit, row.agency))
		err = GEMIS_EPERM;
	else if (r->diags->total == 0)
		err = save_row(r, db, unit, &row, cur.id, version, "", 200);
	else
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the activity was not saved"));
out:
	json_decref(doc);
	return err;
}

enum gemis_err api_activity_import(struct http_req *r)
{
	const struct http_file *f = http_file(r, "file");
	struct act_row *rows = NULL;
	struct activity *acts = NULL;
	long *lines = NULL;
	struct db *db;
	size_t n = 0, added = 0;
	bool dry = http_param(r, "dry_run") && strcmp(http_param(r, "dry_run"), "0") != 0;
	const char *ag = http_param(r, "agency");
	int unit, agency = ag ? agency_find(ag) : -1;
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_param(r, "unit"), ACT_ENTER, agency, &unit);
	if (err)
		return err;
	if (ag && agency < 0)
		return http_fail(r, GEMIS_EINVAL, _("agency: unknown agency '%s'"), ag);
	if (!api_diags(r, 200))
		return GEMIS_ENOMEM;
	err = http_db(r, &db);
	if (!err && f)
		err = activities_read(f->data, f->len, &rows, &n, r->diags, &r->err);
	else if (!err)
		err = activities_read(r->body, r->body_len, &rows, &n, r->diags, &r->err);
	if (!err)
		err = activities_from_rows(db, &r->snap->tree, unit, agency, rows, n, &acts, &lines, r->diags, &r->err);
	if (!err)
		err = activities_import(db, &r->snap->tree, &r->who, acts, lines, n, dry || r->diags->total > 0,
					api_today(r), r->now, r->diags, &added, &r->err);
	if ((!err || err == GEMIS_EINVAL) && r->diags->total > 0) {
		diags_sort(r->diags);
		err = http_fail(r, GEMIS_EINVAL,
				ngettext_("%zu problem in the file; nothing was imported",
					  "%zu problems in the file; nothing was imported", r->diags->total),
				r->diags->total);
	}
	if (!err) {
		if (!dry && added)
			http_data_changed(r);
		err = http_json(r, 200, json_pack("{s:b, s:I}", "dry_run", dry, "activities", (json_int_t)added));
	}
	free(rows);
	free(acts);
	free(lines);
	return err;
}
