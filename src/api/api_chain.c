/*
 * api_chain.c: the reporting chain's periods and deadlines in the API.
 *
 *   GET  /api/v1/chain-periods/{unit}/{year}   what the receiving unit (a
 *        province, VN) set, or Decree 09/2019's period; for a commune,
 *        what its province set (read access to the unit)
 *   POST /api/v1/chain-periods/{unit}/{year}   {"from", "to", "due"} (ISO
 *        days, due null for none): the province for its own unit, the
 *        admin for any receiving unit, as on the page (web/chain.c)
 */
#include <jansson.h>
#include <string.h>

#include "api.h"
#include "store/chainperiods.h"
#include "util/text.h"

#include "util/banned.h"

static json_t *day_or_null(bool has, struct date d)
{
	char s[DATE_TEXT_LEN];

	if (!has)
		return json_null();
	date_format_iso(d, s);
	return json_string(s);
}

static json_t *period_json(const struct tree *t, int unit, int to, const struct chain_period *p)
{
	return json_pack("{s:s, s:s, s:i, s:o, s:o, s:o, s:b}", "unit", t->units[unit].code, "receiver",
			 to >= 0 ? t->units[to].code : "VN", "year", p->year, "from", day_or_null(true, p->from),
			 "to", day_or_null(true, p->to), "due", day_or_null(p->has_due, p->due), "default",
			 p->is_default);
}

/* The unit the reports of `unit` go to: itself when it receives them. */
static int receiver_of(const struct tree *t, int unit)
{
	while (unit >= 0 && !chain_receives(t, unit))
		unit = t->units[unit].parent;
	return unit;
}

static enum gemis_err year_arg(struct http_req *r, int *year)
{
	const char *yr = http_arg(r, 1);
	long y;

	if (!yr || strlen(yr) != 4 || !text_parse_long(yr, 4, &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
		return GEMIS_ENOTFOUND;
	*year = (int)y;
	return GEMIS_OK;
}

enum gemis_err api_chain_period(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	struct chain_period p;
	struct db *db;
	enum gemis_err err;
	int unit, year, to;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, &unit);
	if (!err)
		err = year_arg(r, &year);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	to = receiver_of(&s->tree, unit);
	if (to < 0)
		chain_period_default(year, &p);
	else if ((err = chain_period_get(db, &s->tree, to, year, &p, &r->err)))
		return err;
	return http_json(r, 200, period_json(&s->tree, unit, to, &p));
}

static bool json_day(json_t *v, struct date *out, bool *has)
{
	*has = v && !json_is_null(v);
	if (!*has)
		return true;
	return json_is_string(v) && date_parse_iso(json_string_value(v), json_string_length(v), out);
}

enum gemis_err api_chain_period_set(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	struct chain_period p;
	json_error_t je;
	json_t *doc, *from = NULL, *to = NULL, *due = NULL;
	struct db *db;
	enum gemis_err err;
	bool has_from, has_to, has_due;
	int unit, year;

	if (!s)
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_PLAN, -1, &unit);
	if (err)
		return err;
	/* the province sets its own unit's, the admin any receiving unit's */
	if (!chain_receives(&s->tree, unit) ||
	    !(r->who.role == ROLE_ADMIN || (r->who.role == ROLE_PROVINCE && r->who.unit == unit)))
		return GEMIS_EPERM;
	err = year_arg(r, &year);
	if (!err)
		err = http_db(r, &db);
	if (err)
		return err;
	err = chain_period_get(db, &s->tree, unit, year, &p, &r->err);
	if (err)
		return err;
	doc = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!doc || json_unpack_ex(doc, &je, JSON_STRICT, "{s?o, s?o, s?o}", "from", &from, "to", &to, "due", &due)) {
		json_decref(doc);
		return http_fail(r, GEMIS_EINVAL, "%s", _("the body must be {\"from\", \"to\", \"due\"}, days as YYYY-MM-DD"));
	}
	if (!json_day(from, &p.from, &has_from) || !json_day(to, &p.to, &has_to) || !json_day(due, &p.due, &has_due)) {
		json_decref(doc);
		return http_fail(r, GEMIS_EINVAL, "%s", _("the body must be {\"from\", \"to\", \"due\"}, days as YYYY-MM-DD"));
	}
	/* not given: as it was; due null: no deadline */
	if (due)
		p.has_due = has_due;
	p.is_default = false;
	json_decref(doc);
	/* a refused period: 400 with the message naming the field */
	err = chain_period_set(db, &s->tree, unit, &p, r->who.name, &r->err);
	if (err)
		return err;
	return http_json(r, 200, period_json(&s->tree, unit, unit, &p));
}
