/*
 * api_body.c: what the API's handlers that take a JSON object share in
 * reading it: the body parsed as one object, and the list of problems
 * answered with a 400 when its fields are wrong.
 */
#include "api.h"
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
