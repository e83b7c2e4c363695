/*
 * drafts.c: the rules of a draft's gender check (see drafts.h).
 */
#include "drafts.h"

#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "period.h"
#include "util/i18n.h"

#include "util/banned.h"

static const char *const kind_ids[DK_COUNT] = {"decision", "plan", "resolution", "other"};

const char *draft_kind_id(int k)
{
	return k >= 0 && k < DK_COUNT ? kind_ids[k] : "?";
}

const char *draft_kind_name(int k)
{
	static const char *const names[DK_COUNT] = {
		N_("decision"),
		N_("plan"),
		N_("resolution"),
		N_("other document"),
	};

	return k >= 0 && k < DK_COUNT ? _(names[k]) : "?";
}

int draft_kind_parse(const char *s)
{
	int i;

	for (i = 0; s && i < DK_COUNT; i++) {
		if (strcmp(s, kind_ids[i]) == 0)
			return i;
	}
	return -1;
}

const struct gc_question *gc_find(const struct gc_checklist *c, const char *id)
{
	size_t i;

	for (i = 0; id && i < c->n; i++) {
		if (strcmp(c->q[i].id, id) == 0)
			return &c->q[i];
	}
	return NULL;
}

const char *gc_text(const struct gc_question *q)
{
	return i18n_lang() == LANG_EN ? q->text_en : q->text_vi;
}

static bool one_line(const char *s)
{
	return !strpbrk(s, "\r\n\t");
}

void draft_check(const struct draft_fields *x, struct date today, struct diags *d)
{
	if (x->kind < 0 || x->kind >= DK_COUNT)
		diags_add(d, 0, "kind", "%s", _("unknown kind of document: decision, plan, resolution or other"));
	if (x->number && (strlen(x->number) > DRAFT_NUMBER_MAX || !one_line(x->number)))
		diags_add(d, 0, "number", _("one line of at most %d bytes"), DRAFT_NUMBER_MAX);
	if (!x->title || !*x->title)
		diags_add(d, 0, "title", "%s", _("missing: the title of the draft"));
	else if (strlen(x->title) > DRAFT_TITLE_MAX || !one_line(x->title))
		diags_add(d, 0, "title", _("one line of at most %d bytes"), DRAFT_TITLE_MAX);
	if (!date_valid(x->drafted_on))
		diags_add(d, 0, "drafted_on", "%s", _("not a date (YYYY-MM-DD)"));
	else if (x->drafted_on.y < PERIOD_MIN_YEAR || x->drafted_on.y > PERIOD_MAX_YEAR)
		diags_add(d, 0, "drafted_on", "%s", _("not a year gemis keeps"));
	else if (date_cmp(x->drafted_on, today) > 0)
		diags_add(d, 0, "drafted_on", "%s", _("the day of the draft is after today"));
	if (x->agency < 0 || (size_t)x->agency >= agency_kind_count)
		diags_add(d, 0, "agency", "%s", _("unknown agency"));
}

void draft_answers_check(const struct gc_checklist *c, const struct draft_answer *a, size_t n, bool submit,
			 struct diags *d)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct gc_question *q = gc_find(c, a[i].question);
		const char *s = a[i].answer ? a[i].answer : "";
		char field[80];

		snprintf(field, sizeof(field), "answers.%.50s", a[i].question ? a[i].question : "");
		if (!q) {
			diags_add(d, 0, field, _("no such question in the checklist (version %d)"), c->version);
			continue;
		}
		for (j = 0; j < i; j++) {
			if (a[j].question && strcmp(a[j].question, q->id) == 0)
				break;
		}
		if (j < i)
			diags_add(d, 0, field, "%s", _("answered twice"));
		else if (strlen(s) > DRAFT_ANSWER_MAX)
			diags_add(d, 0, field, _("longer than %d bytes"), DRAFT_ANSWER_MAX);
		else if (q->yesno && *s && strcmp(s, "yes") != 0 && strcmp(s, "no") != 0)
			diags_add(d, 0, field, "%s", _("answer yes or no"));
	}
	for (i = 0; submit && i < c->n; i++) {
		const struct gc_question *q = &c->q[i];
		bool answered = false;
		char field[80];

		for (j = 0; j < n && !answered; j++)
			answered = a[j].question && strcmp(a[j].question, q->id) == 0 && a[j].answer && *a[j].answer;
		if (q->required && !answered) {
			snprintf(field, sizeof(field), "answers.%.50s", q->id);
			diags_add(d, 0, field, "%s", _("missing: this question must be answered before the check is submitted"));
		}
	}
}

void draft_issue_check(const char *issued_no, struct date issued_on, struct date drafted_on, struct date today,
		       struct diags *d)
{
	if (!issued_no || !*issued_no)
		diags_add(d, 0, "issued_no", "%s", _("missing: the number the document was issued with"));
	else if (strlen(issued_no) > DRAFT_NUMBER_MAX || !one_line(issued_no))
		diags_add(d, 0, "issued_no", _("one line of at most %d bytes"), DRAFT_NUMBER_MAX);
	if (!date_valid(issued_on))
		diags_add(d, 0, "issued_on", "%s", _("not a date (YYYY-MM-DD)"));
	else if (date_valid(drafted_on) && date_cmp(issued_on, drafted_on) < 0)
		diags_add(d, 0, "issued_on", "%s", _("the document was issued before the day of its draft"));
	else if (date_cmp(issued_on, today) > 0)
		diags_add(d, 0, "issued_on", "%s", _("the day it was issued is after today"));
}
