/*
 * api_body.c: what the API's handlers that take a JSON object share in
 * reading it: the body parsed as one object, and the list of problems
 * answered with a 400 when its fields are wrong; and what the handlers of
 * the records of a unit (api_drafts.c, api_inspections.c) read alike.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "core/date.h"
#include "util/arena.h"
#include "util/i18n.h"

#include "util/banned.h"

enum gemis_err api_body_object(struct http_req *r, json_t **doc)
{
	json_error_t je;

	*doc = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!*doc)
		return http_fail(r, GEMIS_EINVAL, _("the body is not the JSON expected: %s (line %d, column %d)"), je.text,
				 je.line, je.column);
	if (!json_is_object(*doc))
		return http_fail(r, GEMIS_EINVAL, "%s", _("the body must be a JSON object"));
	return GEMIS_OK;
}

struct diags *api_diags(struct http_req *r, size_t max)
{
	r->diags = arena_alloc(&r->arena, sizeof(*r->diags));
	if (r->diags)
		diags_init(r->diags, max);
	return r->diags;
}

bool api_parse_id(const char *s, long long *id)
{
	char *end = NULL;
	long long v;

	if (!s || !*s)
		return false;
	v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return false;
	*id = v;
	return true;
}

struct date api_today(struct http_req *r)
{
	return date_from_ymd(http_today(r));
}

enum gemis_err api_versioned_post(struct http_req *r, enum action a, int *unit, long long *id, json_t **doc)
{
	enum gemis_err err;

	*doc = NULL;
	err = http_unit_record(r, a, api_parse_id, unit, id);
	if (!err)
		err = api_body_object(r, doc);
	if (!err && !json_is_integer(json_object_get(*doc, "version")))
		err = http_fail(r, GEMIS_EINVAL, "%s", _("version: missing, or not a number"));
	return err;
}

void api_unknown_fields(const json_t *o, const char *const *known, size_t n, struct diags *d)
{
	const char *key;
	json_t *v;
	size_t k;

	json_object_foreach((json_t *)o, key, v) {
		bool ok = false;

		for (k = 0; k < n; k++)
			ok |= strcmp(key, known[k]) == 0;
		if (!ok)
			diags_add(d, 0, key, "%s", _("unknown field"));
	}
}

enum gemis_err api_unit_list(struct http_req *r, const char *key, api_list_fill fill)
{
	struct arena mem;
	struct db *db;
	json_t *summary = NULL, *list = NULL;
	int unit, year;
	enum gemis_err err;

	err = http_list_scope(r, ACT_READ, &unit, &year);
	if (err)
		return err;
	arena_init(&mem, 0);
	err = http_db(r, &db);
	if (!err)
		err = fill(r, db, unit, year, &mem, &summary, &list);
	arena_release(&mem);
	if (err)
		return err;
	return http_json(r, 200, json_pack("{s:s, s:i, s:o, s:o}", "unit", r->snap->tree.units[unit].code, "year", year,
					   "summary", summary, key, list));
}

enum gemis_err api_record_get(struct http_req *r, api_record_answer answer)
{
	long long id = 0;
	int unit;
	enum gemis_err err = http_unit_record(r, ACT_READ, api_parse_id, &unit, &id);

	return err ? err : answer(r, unit, id, 200);
}

enum gemis_err api_changed(struct http_req *r, enum gemis_err err, api_record_answer answer, int unit, long long id,
			   int status)
{
	if (err)
		return err;
	http_data_changed(r);
	return answer(r, unit, id, status);
}

enum gemis_err api_posted_unit(struct http_req *r, enum action a, int *unit, json_t **doc)
{
	enum gemis_err err;

	*doc = NULL;
	if (!http_snap(r))
		return GEMIS_EDB;
	err = api_body_object(r, doc);
	if (!err)
		err = http_unit(r, json_string_value(json_object_get(*doc, "unit")), a, -1, unit);
	return err;
}
