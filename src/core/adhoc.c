/*
 * adhoc.c: the rules of ad hoc requests (see adhoc.h).
 */
#include "adhoc.h"

#include <string.h>

#include "catalog.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

bool adhoc_unit_asks(const struct tree *t, int unit)
{
	if (unit < 0 || (size_t)unit >= t->n)
		return false;
	return t->units[unit].level == LEVEL_NATION || t->units[unit].level == LEVEL_PROVINCE;
}

bool adhoc_may_ask(const struct tree *t, const struct principal *who, int unit)
{
	int c;

	if (!adhoc_unit_asks(t, unit) || !access_in_scope(t, who, unit))
		return false;
	if (who->unit != unit && who->role != ROLE_ADMIN)
		return false;
	/* who receives what the units below send up (admin, province, ministry) */
	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling) {
		if (access_allows(t, who, ACT_RECEIVE, c, -1))
			return true;
	}
	return false;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

/* The indicators of the list, checked one by one. */
static enum gemis_err parse_indicators(const char *list, int *ids, size_t *n, struct errctx *e)
{
	const char *p = list ? list : "";

	*n = 0;
	while (*p) {
		char id[64];
		size_t len = strcspn(p, ", \t\r\n;");
		int k;

		if (len == 0) {
			p++;
			continue;
		}
		if (len >= sizeof(id))
			return err_set_at(e, GEMIS_EINVAL, "indicators", _("unknown indicator '%.*s'"), 40, p);
		memcpy(id, p, len);
		id[len] = '\0';
		p += len;
		k = catalog_find(id);
		if (k < 0)
			return err_set_at(e, GEMIS_EINVAL, "indicators", _("unknown indicator '%s'"), id);
		for (size_t i = 0; i < *n; i++) {
			if (ids[i] == k)
				k = -1;
		}
		if (k < 0)
			continue;
		if (*n == ADHOC_INDICATORS_MAX)
			return err_set_at(e, GEMIS_EINVAL, "indicators", _("a request asks for at most %d indicators"),
					  ADHOC_INDICATORS_MAX);
		ids[(*n)++] = k;
	}
	return GEMIS_OK;
}

enum gemis_err adhoc_check_ask(const struct tree *t, const struct principal *who, const struct adhoc_ask *a,
			       struct date today, int *ids, size_t *nids, struct errctx *e)
{
	enum gemis_err err;

	*nids = 0;
	if (!adhoc_unit_asks(t, a->unit))
		return err_set_at(e, GEMIS_EINVAL, "unit", "%s",
				  _("only a province (of its communes) or the nation (of the provinces) asks for an ad hoc report"));
	if (!adhoc_may_ask(t, who, a->unit))
		return err_set(e, GEMIS_EPERM, "%s", _("you may not ask for a report in this unit's name"));
	if (blank(a->title))
		return err_set_at(e, GEMIS_EINVAL, "title", "%s", _("give the request a title"));
	if (text_chars(a->title) > ADHOC_TITLE_MAX)
		return err_set_at(e, GEMIS_EINVAL, "title", _("the title is longer than %d characters"), ADHOC_TITLE_MAX);
	if (!a->has_due || !date_valid(a->due))
		return err_set_at(e, GEMIS_EINVAL, "due", "%s", _("give the day the answers are due (YYYY-MM-DD)"));
	if (date_cmp(a->due, today) < 0)
		return err_set_at(e, GEMIS_EINVAL, "due", "%s", _("the due day is in the past"));
	err = parse_indicators(a->indicators, ids, nids, e);
	if (err)
		return err;
	if (a->question && text_chars(a->question) > ADHOC_TEXT_MAX)
		return err_set_at(e, GEMIS_EINVAL, "question", _("the question is longer than %d characters"),
				  ADHOC_TEXT_MAX);
	if (*nids == 0 && blank(a->question))
		return err_set_at(e, GEMIS_EINVAL, "question", "%s",
				  _("ask for at least one indicator or write a question"));
	return GEMIS_OK;
}

enum adhoc_timing adhoc_timing(struct date due, long long first_submitted_at, long long now)
{
	long long end = vn_day_end(due);

	if (first_submitted_at)
		return first_submitted_at < end ? ADHOC_ON_TIME : ADHOC_LATE;
	return now < end ? ADHOC_NOT_YET : ADHOC_OVERDUE;
}

const char *adhoc_timing_id(enum adhoc_timing x)
{
	static const char *const ids[] = {"not_yet", "overdue", "on_time", "late"};

	return (unsigned)x < 4 ? ids[x] : "?";
}

const char *adhoc_timing_name(enum adhoc_timing x)
{
	static const char *const names[] = {N_("not yet"), N_("overdue"), N_("on time"), N_("late")};

	return (unsigned)x < 4 ? _(names[x]) : "?";
}
