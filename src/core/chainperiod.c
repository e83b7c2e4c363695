/*
 * chainperiod.c: reporting periods and deadlines up the chain (see
 * chainperiod.h).
 */
#include "chainperiod.h"

#include <string.h>

#include "util/i18n.h"

#include "util/banned.h"

void chain_period_default(int year, struct chain_period *out)
{
	memset(out, 0, sizeof(*out));
	out->year = year;
	out->from = (struct date){year - 1, 12, 15};
	out->to = (struct date){year, 12, 14};
	out->is_default = true;
}

enum gemis_err chain_period_check(const struct chain_period *p, struct errctx *e)
{
	if (!date_valid(p->from) || p->from.y < p->year - 1 || p->from.y > p->year)
		return err_set_at(e, GEMIS_EINVAL, "from",
				  _("the period must start in %d or %d"), p->year - 1, p->year);
	if (!date_valid(p->to) || date_cmp(p->to, p->from) < 0)
		return err_set_at(e, GEMIS_EINVAL, "to", "%s", _("the period must end on or after its first day"));
	if (date_diff(p->from, p->to) > 365)
		return err_set_at(e, GEMIS_EINVAL, "to", "%s", _("a yearly period has at most 366 days"));
	if (p->has_due && (!date_valid(p->due) || date_cmp(p->due, p->from) < 0))
		return err_set_at(e, GEMIS_EINVAL, "due", "%s",
				  _("the deadline must not be before the period starts"));
	return GEMIS_OK;
}

bool chain_period_late(const struct chain_period *p, long long at)
{
	return p->has_due && at >= vn_day_end(p->due);
}
