/*
 * drafts_json.c: drafts as JSON (see drafts_json.h).
 */
#include "drafts_json.h"

#include "core/catalog.h"
#include "core/workflow.h"
#include "util/i18n.h"

#include <stdio.h>

#include "util/banned.h"

static json_t *day_json(struct date d)
{
	char s[DATE_TEXT_LEN];

	if (!date_valid(d))
		return json_null();
	date_format_iso(d, s);
	return json_string(s);
}

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *steps_json(const struct draft *x)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; k < x->nsteps; k++)
		json_array_append_new(a, json_pack("{s:s?, s:s?, s:o, s:s?, s:I}", "action", x->steps[k].action, "state",
						   x->steps[k].state, "comment", text_or_null(x->steps[k].comment), "by",
						   x->steps[k].by, "at", (json_int_t)x->steps[k].at));
	return a;
}

static json_t *answers_json(const struct draft *x)
{
	json_t *o = json_object();
	size_t k;

	for (k = 0; k < x->nanswers; k++) {
		if (x->answers[k].question && x->answers[k].answer)
			json_object_set_new(o, x->answers[k].question, json_string(x->answers[k].answer));
	}
	return o;
}

json_t *draft_json(const struct tree *t, const struct draft *x)
{
	json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:o, s:s?, s:o, s:s, s:i, s:s, s:o, s:o, s:o, s:I}", "id",
			      (json_int_t)x->id, "unit", x->unit >= 0 ? t->units[x->unit].code : "?", "year", x->year,
			      "kind", draft_kind_id(x->f.kind), "number", text_or_null(x->f.number), "title", x->f.title,
			      "drafted_on", day_json(x->f.drafted_on), "agency",
			      x->f.agency >= 0 ? agency_kinds[x->f.agency].id : "?", "checklist_version",
			      x->checklist_version, "state", wf_state_id(&wf_draft, x->state), "review",
			      text_or_null(x->review), "issued_no", text_or_null(x->issued_no), "issued_on",
			      x->issued ? day_json(x->issued_on) : json_null(), "version", (json_int_t)x->version);

	if (o && (x->answers || x->steps)) {
		json_object_set_new(o, "answers", answers_json(x));
		json_object_set_new(o, "steps", steps_json(x));
	}
	return o;
}

json_t *draft_sum_json(const struct draft_sum *s)
{
	json_t *by = json_object();
	int k;

	for (k = 0; k < DK_COUNT; k++)
		json_object_set_new(by, draft_kind_id(k), json_integer(s->by_kind[k]));
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:o}", "drafts", s->drafts, "waiting", s->waiting, "checked",
			 s->reviewed, "issued", s->issued, "issued_checked", s->issued_reviewed, "by_kind", by);
}

json_t *gc_checklist_json(const struct gc_checklist *c)
{
	json_t *q = json_array();
	size_t k;

	for (k = 0; k < c->n; k++)
		json_array_append_new(q, json_pack("{s:s, s:s, s:b, s:s, s:s, s:s}", "id", c->q[k].id, "kind",
						   c->q[k].yesno ? "yesno" : "text", "required", c->q[k].required, "vi",
						   c->q[k].text_vi, "en", c->q[k].text_en, "source", c->q[k].source));
	return json_pack("{s:i, s:o}", "version", c->version, "questions", q);
}

bool draft_answers_from_json(const json_t *o, struct arena *mem, struct draft_answer **out, size_t *n,
			     struct diags *d)
{
	const char *key;
	json_t *v;

	*n = 0;
	*out = arena_alloc(mem, (json_object_size(o) + 1) * sizeof(**out));
	if (!*out)
		return false;
	json_object_foreach((json_t *)o, key, v) {
		if (!json_is_string(v) && !json_is_null(v)) {
			char field[80];

			snprintf(field, sizeof(field), "answers.%.50s", key);
			diags_add(d, 0, field, "%s", _("the answer is not text"));
			continue;
		}
		(*out)[*n].question = key;
		(*out)[*n].answer = json_is_string(v) ? json_string_value(v) : "";
		(*n)++;
	}
	return true;
}
