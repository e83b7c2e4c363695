/*
 * fields.c: what the pages of the registers (inspections, complaints,
 * drafts...) share in reading and writing their fields: today, a day
 * shown or posted, an agency's name, a record id, the problems of a
 * refused change (web.h).
 */
#include <string.h>

#include "core/catalog.h"
#include "core/date.h"
#include "http/html.h"
#include "util/buf.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

struct date web_today(struct http_req *r)
{
	return date_from_ymd(http_today(r));
}

bool web_may_enter_any(struct http_req *r, int unit)
{
	size_t k;

	for (k = 0; k < agency_kind_count; k++) {
		if (http_can(r, ACT_ENTER, unit, (int)k))
			return true;
	}
	return false;
}

const char *web_agency_name(struct http_req *r, int k)
{
	if (k < 0 || (size_t)k >= agency_kind_count)
		return "–";
	return r->lang == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

const char *web_day(struct http_req *r, struct date d)
{
	char s[DATE_TEXT_LEN];

	if (!date_valid(d))
		return "–";
	date_format_dmy(d, s);
	return arena_strdup(&r->arena, s);
}

const char *web_iso_day(struct http_req *r, struct date d)
{
	char s[DATE_TEXT_LEN];

	if (!date_valid(d))
		return "";
	date_format_iso(d, s);
	return arena_strdup(&r->arena, s);
}

/* A day typed in a form: YYYY-MM-DD (the date picker) or DD/MM/YYYY; an
 * invalid date when neither. */
struct date web_posted_day(struct http_req *r, const char *name)
{
	const char *s = http_param_or(r, name, "");
	struct date d = {0, 0, 0};

	if (!date_parse_iso(s, strlen(s), &d) && !date_parse_dmy(s, strlen(s), &d))
		memset(&d, 0, sizeof(d));
	return d;
}

/* A refusal by fields: every problem named, in one message. */
enum gemis_err web_refuse(struct http_req *r, enum gemis_err err, const struct diags *d)
{
	struct buf b;
	size_t i;

	if (err != GEMIS_EINVAL || !d->n)
		return err;
	buf_init(&b, 8192);
	for (i = 0; i < d->n; i++)
		buf_printf(&b, "%s%s: %s", i ? "; " : "", d->d[i].field, d->d[i].msg);
	err = http_fail(r, GEMIS_EINVAL, "%s %s", r->err.msg, buf_str(&b));
	buf_release(&b);
	return err;
}

bool web_parse_id(const char *s, long long *id)
{
	long v = 0;

	if (!s || !text_parse_long(s, strlen(s), &v) || v <= 0)
		return false;
	*id = v;
	return true;
}

enum gemis_err web_versioned_post(struct http_req *r, enum action a, int *unit, long long *id, long *version)
{
	const char *ver = http_param_or(r, "version", "");
	enum gemis_err err = http_unit_record(r, a, web_parse_id, unit, id);

	if (!err && !text_parse_long(ver, strlen(ver), version))
		err = http_fail(r, GEMIS_EINVAL, "%s", _("version: missing"));
	return err;
}

enum gemis_err web_record_page(struct http_req *r, web_record_render render)
{
	long long id = 0;
	int unit;
	enum gemis_err err = http_unit_record(r, ACT_READ, web_parse_id, &unit, &id);

	return err ? err : render(r, unit, id, http_param(r, "done") ? _("Saved.") : NULL);
}

enum gemis_err web_record_changed(struct http_req *r, enum gemis_err err, const char *base, int unit, long long id,
				  long long rec)
{
	const char *code;

	if (err)
		return err;
	http_data_changed(r);
	code = r->snap->tree.units[unit].code;
	if (rec > 0)
		return http_redirect(r, arena_printf(&r->arena, "%s/%s/%lld?done=1#rec-%lld", base, code, id, rec));
	return http_redirect(r, arena_printf(&r->arena, "%s/%s/%lld?done=1", base, code, id));
}
