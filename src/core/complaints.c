/*
 * complaints.c: the rules of citizens' feedback, petitions, complaints and
 * denunciations (see complaints.h).
 */
#include "complaints.h"

#include <string.h>

#include "catalog.h"
#include "deadline.h"
#include "util/i18n.h"

#include "util/banned.h"

static const char *const channel_ids[CH_COUNT] = {"in_person", "phone",  "hotline",
						  "letter",    "portal", "mass_org"};
static const char *const kind_ids[CK_COUNT] = {"feedback", "petition", "complaint", "denunciation"};
static const char *const status_ids[CS_COUNT] = {"received", "handling", "answered", "withdrawn"};

static int find(const char *const *ids, int n, const char *s)
{
	int i;

	for (i = 0; s && i < n; i++) {
		if (strcmp(ids[i], s) == 0)
			return i;
	}
	return -1;
}

const char *cmp_channel_id(int c)
{
	return c >= 0 && c < CH_COUNT ? channel_ids[c] : "?";
}

const char *cmp_channel_name(int c)
{
	static const char *const names[CH_COUNT] = {
		N_("in person"), N_("by phone"),  N_("the hotline"),
		N_("by letter"), N_("the portal"), N_("through a mass organisation"),
	};

	return c >= 0 && c < CH_COUNT ? _(names[c]) : "?";
}

int cmp_channel_parse(const char *s)
{
	return find(channel_ids, CH_COUNT, s);
}

const char *cmp_kind_id(int k)
{
	return k >= 0 && k < CK_COUNT ? kind_ids[k] : "?";
}

const char *cmp_kind_name(int k)
{
	static const char *const names[CK_COUNT] = {N_("feedback"), N_("petition"), N_("complaint"),
						    N_("denunciation")};

	return k >= 0 && k < CK_COUNT ? _(names[k]) : "?";
}

const char *cmp_kind_label(int k)
{
	static const char *const names[CK_COUNT] = {N_("Feedback"), N_("Petition"), N_("Complaint"),
						    N_("Denunciation")};

	return k >= 0 && k < CK_COUNT ? _(names[k]) : "?";
}

int cmp_kind_parse(const char *s)
{
	return find(kind_ids, CK_COUNT, s);
}

const char *cmp_status_id(int s)
{
	return s >= 0 && s < CS_COUNT ? status_ids[s] : "?";
}

const char *cmp_status_name(int s)
{
	static const char *const names[CS_COUNT] = {N_("received"), N_("being handled"),
						    N_("answered"), N_("withdrawn")};

	return s >= 0 && s < CS_COUNT ? _(names[s]) : "?";
}

int cmp_status_parse(const char *s)
{
	return find(status_ids, CS_COUNT, s);
}

struct date cmp_due(struct date received, const struct cmp_limit *l, bool complex)
{
	long long days = (long long)l->accept_days + l->answer_days + (complex ? l->extend_days : 0);

	return date_from_days(date_days(received) + days);
}

void cmp_limit_check(const struct cmp_limit *l, struct diags *d)
{
	if (l->kind < 0 || l->kind >= CK_COUNT)
		diags_add(d, 0, "kind", "%s", _("no such kind: feedback, petition, complaint or denunciation"));
	if (l->accept_days < 0 || l->accept_days > CMP_LIMIT_MAX_DAYS)
		diags_add(d, 0, "accept_days", _("not a number of days from 0 to %d"), CMP_LIMIT_MAX_DAYS);
	if (l->answer_days < 1 || l->answer_days > CMP_LIMIT_MAX_DAYS)
		diags_add(d, 0, "answer_days", _("not a number of days from 1 to %d"), CMP_LIMIT_MAX_DAYS);
	if (l->extend_days < 0 || l->extend_days > CMP_LIMIT_MAX_DAYS)
		diags_add(d, 0, "extend_days", _("not a number of days from 0 to %d"), CMP_LIMIT_MAX_DAYS);
	if (!l->source[0])
		diags_add(d, 0, "source", "%s", _("missing: which law sets this limit?"));
}

static void check_text(struct diags *d, const char *field, const char *s, size_t max, bool required,
		       bool one_line)
{
	if (!s || !*s) {
		if (required)
			diags_add(d, 0, field, "%s", _("missing"));
		return;
	}
	if (strlen(s) > max)
		diags_add(d, 0, field, _("longer than %zu bytes"), max);
	else if (one_line && strpbrk(s, "\r\n\t"))
		diags_add(d, 0, field, "%s", _("must be one line"));
}

void cmp_check(const struct cmp_fields *x, struct date today, struct diags *d)
{
	if (!date_valid(x->received))
		diags_add(d, 0, "received", "%s", _("not a date (YYYY-MM-DD)"));
	else if (date_cmp(x->received, today) > 0)
		diags_add(d, 0, "received", "%s", _("the day received is after today"));
	if (x->channel < 0 || x->channel >= CH_COUNT)
		diags_add(d, 0, "channel", "%s",
			  _("unknown channel: in_person, phone, hotline, letter, portal or mass_org"));
	if (x->kind < 0 || x->kind >= CK_COUNT)
		diags_add(d, 0, "kind", "%s",
			  _("unknown kind: feedback, petition, complaint or denunciation"));
	if (x->field < 0 || x->field >= GOAL_COUNT)
		diags_add(d, 0, "field", "%s",
			  _("unknown field of the strategy: politics, economy, family, health, education or communication"));
	if (x->agency < 0 || (size_t)x->agency >= agency_kind_count)
		diags_add(d, 0, "agency", "%s", _("unknown agency"));
	check_text(d, "name", x->name, CMP_NAME_MAX, true, true);
	check_text(d, "contact", x->contact, CMP_CONTACT_MAX, false, true);
	check_text(d, "text", x->text, CMP_TEXT_MAX, true, false);
}

void cmp_answer_check(struct date received, struct date on, const char *answer, struct date today,
		      struct diags *d)
{
	if (!date_valid(on))
		diags_add(d, 0, "answered_on", "%s", _("not a date (YYYY-MM-DD)"));
	else if (date_cmp(on, received) < 0)
		diags_add(d, 0, "answered_on", "%s", _("the answer is dated before the matter was received"));
	else if (date_cmp(on, today) > 0)
		diags_add(d, 0, "answered_on", "%s", _("the answer is dated after today"));
	check_text(d, "answer", answer, CMP_TEXT_MAX, true, false);
}

bool cmp_case_code_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0, i;

	if (n == 0 || n > CMP_CASE_CODE_MAX)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-'))
			return false;
	}
	return true;
}

bool cmp_open(int status)
{
	return status == CS_RECEIVED || status == CS_HANDLING;
}

bool cmp_overdue(int status, struct date due, struct date today)
{
	return cmp_open(status) && due_alert(due, today, 0) == TA_OVERDUE;
}

bool cmp_due_soon(int status, struct date due, struct date today, int soon)
{
	return cmp_open(status) && due_alert(due, today, soon) == TA_DUE_SOON;
}

bool cmp_past_retention(int status, struct date closed, struct date today, int days)
{
	return !cmp_open(status) && closed.y > 0 && days >= 0 && date_diff(closed, today) > days;
}

static bool is_commune(const struct tree *t, int unit)
{
	enum unit_level lv;

	if (unit < 0 || (size_t)unit >= t->n)
		return false;
	lv = t->units[unit].level;
	return lv == LEVEL_COMMUNE || lv == LEVEL_WARD || lv == LEVEL_SPECIAL_ZONE;
}

bool cmp_may(const struct tree *t, const struct principal *p, enum cmp_action a, int unit, int agency)
{
	if (!is_commune(t, unit) || !access_in_scope(t, p, unit))
		return false;
	if (a == CA_LIST)
		return true;
	/* receiving and handling are the commune's own: its focal point, or
	 * the reporters of the agency that handles the matter */
	if (p->unit != unit)
		return false;
	if (p->role == ROLE_FOCAL)
		return true;
	return p->role == ROLE_REPORTER && agency >= 0 && p->agency == agency;
}
