/*
 * compare.c: where a unit stands beside those above it (issue 16): the
 * province's and the nation's value and status of an indicator, next to a
 * commune's own, on its dashboard and its indicator page.  Aggregates
 * only, and hidden where the case register's small counts hide them
 * (report/progress.h), exactly as on the pages of those units.
 */
#include <math.h>

#include "report/progress.h"
#include "web.h"

#include "util/banned.h"

void compare_above(struct http_req *r, struct progress_masks *pm, int unit, int k, int year)
{
	const struct tree *t = &r->snap->tree;
	const struct engine *e = &r->snap->eng;
	const struct indicator *ind = &catalog[k];
	bool first = true;
	int p;

	if (t->units[unit].parent < 0)
		return;
	html(r, "<div class=\"cmp\">");
	for (p = t->units[unit].parent; p >= 0; p = t->units[p].parent) {
		struct assessment a;
		bool hidden = progress_masks_hidden(pm, p, k);
		double v = hidden ? NAN : engine_value(e, year, p, k, SEX_T);

		/* a province's own indicator is compared within the province:
		 * above it, it does not exist (its page is a 404 there) */
		if (!indicator_in_scope(t, ind, p))
			break;
		engine_assess(e, year, p, k, &a);
		if (hidden)
			a.status = ST_NO_DATA;
		html(r, "%s", first ? "" : " · ");
		/* a commune's account sees the aggregates above it, but may not
		 * open those units' pages: a link only where it may */
		if (http_can(r, ACT_READ, p, -1))
			html(r, "<a class=\"%s\" href=\"/indicator/%s?unit=%s&amp;year=%d\" title=\"%s\">", status_class(a.status),
			     ind->id, t->units[p].code, year, status_name(a.status));
		else
			html(r, "<span class=\"%s\" data-unit=\"%s\" title=\"%s\">", status_class(a.status), t->units[p].code,
			     status_name(a.status));
		html(r, "%s %s", t->units[p].short_name, hidden ? "x" : fmt_value(r, v, ind->unit));
		html(r, http_can(r, ACT_READ, p, -1) ? "</a>" : "</span>");
		first = false;
	}
	html(r, "</div>");
}
