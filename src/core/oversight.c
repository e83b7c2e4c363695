/*
 * oversight.c: the rules of inspections and their recommendations (see
 * oversight.h).
 */
#include "oversight.h"

#include <string.h>

#include "catalog.h"
#include "deadline.h"
#include "period.h"
#include "util/i18n.h"
#include "workflow.h"

#include "util/banned.h"

static const char *const body_ids[IB_COUNT] = {"commune", "front", "province"};

const char *insp_body_id(enum insp_body b)
{
	return (unsigned)b < IB_COUNT ? body_ids[b] : "?";
}

const char *insp_body_name(enum insp_body b)
{
	static const char *const names[IB_COUNT] = {
		N_("the commune's People's Committee"),
		N_("the Fatherland Front (supervision)"),
		N_("the province"),
	};

	return (unsigned)b < IB_COUNT ? _(names[b]) : "?";
}

int insp_body_parse(const char *s)
{
	int i;

	for (i = 0; s && i < IB_COUNT; i++) {
		if (strcmp(s, body_ids[i]) == 0)
			return i;
	}
	return -1;
}

static bool one_line(const char *s)
{
	return !strpbrk(s, "\r\n\t");
}

static bool in_year(struct date d, int year)
{
	return date_valid(d) && d.y == year;
}

static void check_window(const struct insp_fields *x, struct diags *d)
{
	if (!in_year(x->from, x->year))
		diags_add(d, 0, "from", _("the planned start is not a day of %d"), x->year);
	if (!in_year(x->to, x->year))
		diags_add(d, 0, "to", _("the planned end is not a day of %d"), x->year);
	else if (date_valid(x->from) && date_cmp(x->to, x->from) < 0)
		diags_add(d, 0, "to", "%s", _("the planned end is before the planned start"));
}

void insp_check(const struct insp_fields *x, struct date today, struct diags *d)
{
	if (x->year < PERIOD_MIN_YEAR || x->year > PERIOD_MAX_YEAR) {
		diags_add(d, 0, "year", "%s", _("not a year gemis keeps"));
		return;
	}
	if (x->body < 0 || x->body >= IB_COUNT)
		diags_add(d, 0, "body", "%s", _("unknown inspecting body: commune, front or province"));
	if (!x->subject || !*x->subject)
		diags_add(d, 0, "subject", "%s", _("missing: which agency or village is inspected?"));
	else if (strlen(x->subject) > INSP_SUBJECT_MAX || !one_line(x->subject))
		diags_add(d, 0, "subject", _("one line of at most %d bytes"), INSP_SUBJECT_MAX);
	check_window(x, d);
	if (x->held && !in_year(x->held_on, x->year))
		diags_add(d, 0, "held_on", _("the day it was held is not a day of %d"), x->year);
	else if (x->held && date_cmp(x->held_on, today) > 0)
		diags_add(d, 0, "held_on", "%s", _("the day it was held is after today"));
	if (x->findings && *x->findings && !x->held)
		diags_add(d, 0, "findings", "%s", _("findings need the day the inspection was held"));
	if (x->findings && strlen(x->findings) > INSP_FINDINGS_MAX)
		diags_add(d, 0, "findings", _("longer than %d bytes"), INSP_FINDINGS_MAX);
}

void rec_check(const struct rec_fields *x, bool held, struct date held_on, struct diags *d)
{
	if (!held)
		diags_add(d, 0, "inspection", "%s",
			  _("an inspection issues recommendations once it is held: give the day it was held first"));
	if (!x->text || !*x->text)
		diags_add(d, 0, "text", "%s", _("missing: what is recommended?"));
	else if (strlen(x->text) > REC_TEXT_MAX)
		diags_add(d, 0, "text", _("longer than %d bytes"), REC_TEXT_MAX);
	if (x->agency < 0 || (size_t)x->agency >= agency_kind_count)
		diags_add(d, 0, "agency", "%s", _("unknown agency"));
	if (!date_valid(x->due))
		diags_add(d, 0, "due", "%s", _("not a date (YYYY-MM-DD)"));
	else if (held && date_cmp(x->due, held_on) < 0)
		diags_add(d, 0, "due", "%s", _("the deadline is before the inspection was held"));
}

bool rec_overdue(int state, struct date due, struct date today)
{
	return state == REC_ISSUED && due_alert(due, today, 0) == TA_OVERDUE;
}

bool rec_due_soon(int state, struct date due, struct date today, int soon)
{
	return state == REC_ISSUED && due_alert(due, today, soon) == TA_DUE_SOON;
}
