/*
 * oversight_json.c: inspections as JSON (see oversight_json.h).
 */
#include "oversight_json.h"

#include "core/catalog.h"
#include "core/workflow.h"

#include "util/banned.h"

static json_t *day_json(bool set, struct date d)
{
	char s[DATE_TEXT_LEN];

	if (!set || !date_valid(d))
		return json_null();
	date_format_iso(d, s);
	return json_string(s);
}

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *steps_json(const struct recommendation *c)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; k < c->nsteps; k++)
		json_array_append_new(a, json_pack("{s:s?, s:s?, s:o, s:s?, s:I}", "action", c->steps[k].action, "state",
						   c->steps[k].state, "comment", text_or_null(c->steps[k].comment), "by",
						   c->steps[k].by, "at", (json_int_t)c->steps[k].at));
	return a;
}

static json_t *rec_json(const struct recommendation *c, struct date today)
{
	json_t *o = json_pack("{s:I, s:s?, s:s, s:o, s:s, s:b, s:o, s:I}", "id", (json_int_t)c->id, "text", c->text,
			      "agency", c->agency >= 0 ? agency_kinds[c->agency].id : "?", "due", day_json(true, c->due),
			      "state", wf_state_id(&wf_recommendation, c->state), "overdue",
			      rec_overdue(c->state, c->due, today), "comment", text_or_null(c->comment), "version",
			      (json_int_t)c->version);

	if (o && c->steps)
		json_object_set_new(o, "steps", steps_json(c));
	return o;
}

json_t *inspection_json(const struct tree *t, const struct inspection *x, struct date today)
{
	json_t *recs = json_array(), *o;
	size_t k;

	for (k = 0; k < x->nrecs; k++)
		json_array_append_new(recs, rec_json(&x->recs[k], today));
	o = json_pack("{s:I, s:s, s:i, s:s, s:o, s:s?, s:o, s:o, s:o, s:o, s:I, s:o}", "id", (json_int_t)x->id, "unit",
		      x->unit >= 0 ? t->units[x->unit].code : "?", "year", x->f.year, "body",
		      insp_body_id((enum insp_body)x->f.body), "agency",
		      x->f.agency >= 0 ? json_string(agency_kinds[x->f.agency].id) : json_null(), "subject", x->f.subject,
		      "from", day_json(true, x->f.from), "to", day_json(true, x->f.to), "held_on",
		      day_json(x->f.held, x->f.held_on), "findings", text_or_null(x->f.findings), "version",
		      (json_int_t)x->version, "recommendations", recs);
	return o;
}

json_t *insp_sum_json(const struct insp_sum *s)
{
	json_t *by = json_object();
	int b;

	for (b = 0; b < IB_COUNT; b++)
		json_object_set_new(by, insp_body_id((enum insp_body)b), json_integer(s->by_body[b]));
	return json_pack("{s:i, s:i, s:i, s:o, s:i, s:i, s:i, s:i, s:i, s:i}", "planned", s->planned, "held", s->held,
			 "with_findings", s->with_findings, "by_body", by, "recommendations", s->recs, "closed",
			 s->recs_closed, "open", s->recs_open, "overdue", s->recs_overdue, "communes", s->communes,
			 "communes_inspected", s->communes_inspected);
}
