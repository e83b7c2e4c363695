/*
 * complaints_json.c: complaints as JSON (see complaints_json.h).
 */
#include "complaints_json.h"

#include "core/catalog.h"

#include "util/banned.h"

static json_t *day(struct date d)
{
	char s[DATE_TEXT_LEN];

	if (!date_valid(d))
		return json_null();
	date_format_iso(d, s);
	return json_string(s);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *complaint_json(const struct tree *t, const struct complaint *c, struct date today)
{
	json_t *o = json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:b, s:o, s:s, s:o, s:b, s:o, s:I}", "code",
			      c->code, "unit", c->unit >= 0 ? t->units[c->unit].code : "", "received",
			      day(c->received), "channel", cmp_channel_id(c->channel), "kind",
			      cmp_kind_id(c->kind), "field", c->field >= 0 ? goal_id((enum goal)c->field) : "?",
			      "agency",
			      c->agency >= 0 && (size_t)c->agency < agency_kind_count ? agency_kinds[c->agency].id : "?",
			      "complex", c->complex, "due", day(c->due), "status", cmp_status_id(c->status),
			      "answered_on", c->status == CS_ANSWERED ? day(c->answered_on) : json_null(), "overdue",
			      cmp_overdue(c->status, c->due, today), "case", str_or_null(c->case_code), "version",
			      (json_int_t)c->version);

	if (o && c->opened) {
		json_object_set_new(o, "name", str_or_null(c->name));
		json_object_set_new(o, "contact", str_or_null(c->contact));
		json_object_set_new(o, "text", str_or_null(c->text));
		json_object_set_new(o, "answer", str_or_null(c->answer));
	}
	return o;
}

json_t *complaint_sum_json(const struct cmp_sum *s)
{
	json_t *kinds = json_object(), *fields = json_object();
	int k, f, ch;

	for (k = 0; k < CK_COUNT; k++)
		json_object_set_new(kinds, cmp_kind_id(k), json_integer(s->by_kind[k]));
	for (f = 0; f < GOAL_COUNT; f++) {
		json_t *row = json_object();

		for (ch = 0; ch < CH_COUNT; ch++)
			json_object_set_new(row, cmp_channel_id(ch), json_integer(s->by[f][ch]));
		json_object_set_new(fields, goal_id((enum goal)f), row);
	}
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "total", (json_int_t)s->total, "open",
			 (json_int_t)s->open, "overdue", (json_int_t)s->overdue, "answered", (json_int_t)s->answered,
			 "answered_late", (json_int_t)s->answered_late, "withdrawn", (json_int_t)s->withdrawn,
			 "referred", (json_int_t)s->referred, "by_kind", kinds, "by_field_channel", fields);
}

json_t *complaint_limits_json(const struct cmp_limit l[CK_COUNT], const bool have[CK_COUNT])
{
	json_t *a = json_array();
	int k;

	for (k = 0; k < CK_COUNT; k++) {
		if (!have[k])
			continue;
		json_array_append_new(a, json_pack("{s:s, s:i, s:i, s:i, s:s}", "kind", cmp_kind_id(k), "accept_days",
						   l[k].accept_days, "answer_days", l[k].answer_days, "extend_days",
						   l[k].extend_days, "source", l[k].source));
	}
	return a;
}
