/*
 * tasks_json.c: tasks, their records and activities as JSON (see
 * tasks_json.h).
 */
#include <string.h>

#include "report/tasks_json.h"

#include "util/banned.h"

enum task_status task_status_for(const struct task_recs *rs, const struct task *x, int agency, int year)
{
	const struct task_rec *s;

	if (agency < 0)
		return task_overall(rs, x, year);
	s = task_state(rs, x, agency_kinds[agency].id, year);
	return s ? s->status : TS_NOT_STARTED;
}

static json_t *id_array(const char *const *ids, size_t n)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; a && k < n; k++)
		json_array_append_new(a, json_string(ids[k]));
	return a;
}

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *task_json(struct arena *a, const struct task *x, const struct task_recs *rs, int agency, int year,
		  struct date today)
{
	enum task_status st = task_status_for(rs, x, agency, year);
	enum task_alert al = task_alert(&x->tt, period_year_code(year), st, today, DUE_SOON_DAYS);
	struct date due;
	char ds[DATE_TEXT_LEN];
	bool has_due = task_due(&x->tt, period_year_code(year), &due);

	if (has_due)
		date_format_iso(due, ds);
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:b, s:b}", "number", task_label(a, x), "uid",
			 x->uid, "title", x->title, "lead", id_array(x->lead, x->nlead), "partners",
			 id_array(x->partners, x->npartners), "timeframe", text_or_null(x->timeframe), "due",
			 has_due ? json_string(ds) : json_null(), "status", task_status_id(st), "overdue",
			 al == TA_OVERDUE, "due_soon", al == TA_DUE_SOON);
}

json_t *task_rec_json(const struct task_rec *r)
{
	json_t *files = json_array();
	char per[16];
	size_t i;

	for (i = 0; files && i < r->nfiles; i++)
		json_array_append_new(files, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)r->files[i].id, "name",
						       r->files[i].name ? r->files[i].name : "", "kind",
						       attachment_kind_id(r->files[i].kind), "size",
						       (json_int_t)r->files[i].size));
	period_format(r->period, per, sizeof(per));
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:I, s:o}", "id", (json_int_t)r->id, "agency",
			 r->agency_id ? r->agency_id : "", "period", per, "status", task_status_id(r->status), "reason",
			 text_or_null(r->reason), "note", text_or_null(r->note), "by", r->by, "at", (json_int_t)r->at,
			 "files", files);
}

json_t *activity_json(const struct activity *a)
{
	char iso[DATE_TEXT_LEN];

	date_format_iso(a->day, iso);
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:b}", "id", (json_int_t)a->id,
			 "version", (json_int_t)a->version, "date", iso, "agency", agency_kinds[a->agency].id, "kind",
			 act_kind_id(a->kind), "channel", act_channel_id(a->channel), "title", a->title, "place",
			 a->place, "women", a->women >= 0 ? json_integer(a->women) : json_null(), "men",
			 a->men >= 0 ? json_integer(a->men) : json_null(), "task",
			 a->task_uid[0] ? json_string(a->task_uid) : json_null(), "action_month", a->action_month);
}

json_t *log_quarters_json(const struct log_quarter q[4])
{
	json_t *qs = json_array();
	int i;

	for (i = 0; qs && i < 4; i++)
		json_array_append_new(qs, json_pack("{s:i, s:b, s:i, s:i, s:o, s:b}", "quarter", i + 1, "logged", q[i].kept,
						    "news_items", (int)q[i].news, "months_with_programme",
						    (int)q[i].programmes, "typed",
						    q[i].typed ? json_real(q[i].typed_news) : json_null(), "differs",
						    q[i].differs));
	return qs;
}
